//! Characters that change how text is shown without being seen (bidirectional controls,
//! zero-width characters), and text isolated so that its controls cannot reach past it.

/// A character that changes the order text is shown in: the bidirectional embeddings,
/// overrides and isolates (U+202A–U+202E, U+2066–U+2069) and the direction marks.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// A character that takes no room: text that looks the same can hold it or not.
pub fn is_zero_width(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{180E}'
    )
}

/// `text` with its bidirectional controls unable to reach past it: unmatched closers dropped,
/// what it opens closed at its end, and the whole isolated (FSI … PDI) when it holds any, so
/// that neither its embeddings nor its marks reorder the text shown after it. Text without
/// them is returned unchanged.
pub fn isolate_bidi(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(is_bidi_control) {
        return std::borrow::Cow::Borrowed(text);
    }
    // What is open, innermost last: `true` an isolate, `false` an embedding or override.
    let mut open: Vec<bool> = Vec::new();
    let mut out = String::with_capacity(text.len() + 8);
    out.push('\u{2068}');
    for c in text.chars() {
        match c {
            '\u{202A}'..='\u{202B}' | '\u{202D}'..='\u{202E}' => open.push(false),
            '\u{2066}'..='\u{2068}' => open.push(true),
            // A PDF closes the innermost embedding, not past an isolate; else it is dropped.
            '\u{202C}' if open.last() == Some(&false) => {
                open.pop();
            }
            '\u{202C}' => continue,
            // A PDI closes the innermost isolate and everything opened inside it.
            '\u{2069}' if open.contains(&true) => while open.pop() == Some(false) {},
            '\u{2069}' => continue,
            _ => {}
        }
        out.push(c);
    }
    for isolate in open.into_iter().rev() {
        out.push(if isolate { '\u{2069}' } else { '\u{202C}' });
    }
    out.push('\u{2069}');
    std::borrow::Cow::Owned(out)
}

