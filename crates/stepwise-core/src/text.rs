//! Small text rules shared by the importer and the UI: inline labels and menu paths,
//! slugs, and which links may be rendered.


use crate::model::{Span, Text};

/// Opening and closing marks that quote a UI label (`【订单列表】` is how most pages write them).
const QUOTES: [(char, char); 4] = [('“', '”'), ('「', '」'), ('【', '】'), ('"', '"')];
/// Separators that join the parts of a menu path wherever they stand (`A->B`, `A→B`, `A›B`,
/// `A＞B`); a plain `>` joins them only with space on both sides (`A > B`) or between labels
/// (`【A】>【B】`), so that `x>y` stays text.
const ARROWS: [&str; 4] = ["->", "→", "›", "＞"];
/// A label longer than this is a quotation, not a button name.
const MAX_LABEL_CHARS: usize = 40;
/// How far (in characters) a closing quote is looked for: the longest label with room for spaces.
const LABEL_REACH: usize = 4 * MAX_LABEL_CHARS;
/// Words that come before a menu path in English and are not part of its first name:
/// "open All Services->Marketplace" is the verb "open" and a two-part path.
const LEAD_WORDS: [&str; 22] = [
    "open", "opens", "go", "to", "click", "select", "choose", "tap", "press", "visit", "navigate", "then", "and", "in", "on", "from", "under", "via", "find", "enter", "access", "please",
];
/// The same in Chinese (打开、进入、点击…), taken off the front of the first name.
const LEAD_WORDS_ZH: [&str; 17] = ["依次", "打开", "进入", "点击", "单击", "双击", "选择", "访问", "前往", "登录", "通过", "找到", "然后", "请", "切换到", "转到", "即可"];
/// Words that end a path's last name in English: "Billing -> Orders and click Refund".
const TAIL_WORDS: [&str; 13] = ["and", "then", "to", "click", "select", "choose", "tap", "where", "which", "in", "on", "for", "or"];

/// Characters that end a menu path's segment (a path lives between punctuation).
fn ends_segment(c: char) -> bool {
    matches!(c, '，' | '。' | '、' | '；' | '：' | '！' | '？' | '（' | '）' | ',' | ';' | ':' | '!' | '?' | '(' | ')' | '.' | '\n')
}

/// A piece of a paragraph's text, before menu paths are put together.
#[derive(Debug, Clone, Copy)]
enum Piece<'a> {
    /// Text between separators and punctuation (a candidate name in a path).
    Words(&'a str),
    /// A separator (`->`, ` > `…), as written.
    Arrow(&'a str),
    /// Punctuation or anything else that ends a path, as written.
    Stop(&'a str),
    /// A quoted label, its quotes off.
    Label(&'a str),
    /// A bare URL.
    Url(&'a str),
}

/// Splits plain text into text, quoted labels (`“我的订单”`), menu paths (`云市场->退订管理`,
/// `【费用】>【我的订单】`) and bare URLs. Linear in the text.
pub fn inline_spans(text: &str) -> Vec<Span> {
    let mut pieces = Vec::new();
    let mut rest = text;
    'outer: while !rest.is_empty() {
        for (i, c) in rest.char_indices() {
            let Some(&(_, close)) = QUOTES.iter().find(|(open, _)| *open == c) else { continue };
            let inner_start = i + c.len_utf8();
            // A label ends on its line and within a bounded reach: looking further would make
            // a paragraph full of unmatched quotes cost the square of its length.
            let reach = rest[inner_start..].char_indices().nth(LABEL_REACH).map_or(rest.len(), |(n, _)| inner_start + n);
            let Some(len) = rest[inner_start..reach].find(close) else { continue };
            let inner = &rest[inner_start..inner_start + len];
            let trimmed = inner.trim();
            if trimmed.is_empty() || inner.contains('\n') || trimmed.chars().count() > MAX_LABEL_CHARS {
                continue;
            }
            urls(&rest[..i], &mut pieces);
            pieces.push(Piece::Label(trimmed));
            rest = &rest[inner_start + len + close.len_utf8()..];
            continue 'outer;
        }
        urls(rest, &mut pieces);
        break;
    }
    assemble(&pieces)
}

/// Splits text into bare `http(s)://` URLs and the text between, which [`words`] cuts further.
/// A URL ends at a space, a quote or bracket, or CJK punctuation, and loses a trailing `.`,
/// `,`, `;`, `:`, `!` or `?`.
fn urls<'a>(text: &'a str, out: &mut Vec<Piece<'a>>) {
    let mut rest = text;
    while let Some(start) = next_url(rest) {
        let len = rest[start..]
            .find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"' | '“' | '”' | '「' | '」' | '【' | '】' | '（' | '）' | '，' | '。' | '、' | '；' | '：' | '！' | '？' | '(' | ')'))
            .unwrap_or(rest.len() - start);
        let url = rest[start..start + len].trim_end_matches(['.', ',', ';', ':', '!', '?']);
        words(&rest[..start], out);
        if url.ends_with("//") {
            out.push(Piece::Stop(url));
        } else {
            out.push(Piece::Url(url));
        }
        rest = &rest[start + url.len()..];
    }
    words(rest, out);
}

/// Where the next `http://` or `https://` starts (one pass, resumed after each false start).
fn next_url(s: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = s[from..].find("http") {
        let at = from + i;
        if s[at..].starts_with("https://") || s[at..].starts_with("http://") {
            return Some(at);
        }
        from = at + 4;
    }
    None
}

/// Cuts text into words, arrows and stops, in one pass.
fn words<'a>(text: &'a str, out: &mut Vec<Piece<'a>>) {
    let mut start = 0;
    let mut iter = text.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        let arrow = if c == '>' {
            // A plain `>` with space (or a label's edge) on both sides.
            let before = text[..i].chars().next_back().is_none_or(char::is_whitespace);
            let after = text[i + 1..].chars().next().is_none_or(char::is_whitespace);
            (before && after).then_some(1)
        } else {
            ARROWS.iter().find(|a| text[i..].starts_with(**a)).map(|a| a.len())
        };
        let stop = ends_segment(c).then(|| c.len_utf8());
        let Some((len, piece)) = arrow.map(|n| (n, Piece::Arrow as fn(&'a str) -> Piece<'a>)).or(stop.map(|n| (n, Piece::Stop as fn(&'a str) -> Piece<'a>))) else {
            continue;
        };
        if start < i {
            out.push(Piece::Words(&text[start..i]));
        }
        out.push(piece(&text[i..i + len]));
        start = i + len;
        // Skip the rest of a multi-byte arrow.
        while iter.peek().is_some_and(|&(j, _)| j < start) {
            iter.next();
        }
    }
    if start < text.len() {
        out.push(Piece::Words(&text[start..]));
    }
}

/// One name of a path: a label, or words that are not only space.
fn name<'a>(piece: Option<&Piece<'a>>) -> Option<&'a str> {
    match piece {
        Some(Piece::Label(l)) => Some(l),
        // Quote marks alone are not a name: `“**菜单**”->…` leaves `”` between chips.
        Some(Piece::Words(w)) if !w.trim().trim_matches(|c| QUOTES.iter().any(|&(o, e)| c == o || c == e)).is_empty() => Some(w),
        _ => None,
    }
}

/// Puts pieces together: a name, then one or more (arrow, name) pairs, is a menu path;
/// everything else is text, labels and links. Each piece is looked at a bounded number of times.
fn assemble(pieces: &[Piece]) -> Vec<Span> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < pieces.len() {
        // A path starts at a name that an arrow follows (spaces around the arrow allowed).
        let mut names = Vec::new();
        let mut arrows = Vec::new();
        let mut j = i;
        // Space between a label and an arrow is its own piece: step over it.
        let blank = |k: usize| matches!(pieces.get(k), Some(Piece::Words(w)) if w.trim().is_empty());
        let arrow_after = |k: usize| {
            let k = if blank(k + 1) { k + 2 } else { k + 1 };
            match pieces.get(k) {
                Some(Piece::Arrow(a)) => Some((k, *a)),
                _ => None,
            }
        };
        if name(pieces.get(j)).is_some() {
            names.push(j);
            while let Some((at, a)) = arrow_after(j) {
                let next = if blank(at + 1) { at + 2 } else { at + 1 };
                if name(pieces.get(next)).is_none() {
                    break;
                }
                arrows.push(a);
                names.push(next);
                j = next;
            }
        }
        let numbers_after_gt = arrows.iter().any(|a| *a == ">") && names.iter().any(|&k| name(pieces.get(k)).is_some_and(|n| n.trim_start().starts_with(|c: char| c.is_ascii_digit())));
        if names.len() >= 2 {
            // A dangling arrow after the path ("a->b->") makes it no path at all, and so do
            // numbers after a plain `>` ("price > 100"): all of it stays text.
            let dangling = arrow_after(j).map(|(at, _)| at);
            if numbers_after_gt || dangling.is_some() {
                let end = dangling.unwrap_or(j);
                while i <= end {
                    piece_span(&pieces[i], &mut out);
                    i += 1;
                }
                continue;
            }
            let mut segments: Vec<Text> = Vec::new();
            for (n, &k) in names.iter().enumerate() {
                match pieces[k] {
                    Piece::Label(l) => segments.push(owned(l)),
                    Piece::Words(w) => {
                        let (mut before, mut seg, mut after) = ("", w.trim(), "");
                        if n == 0 {
                            (before, seg) = lead(w);
                        }
                        if n == names.len() - 1 {
                            (seg, after) = tail(seg, w);
                        }
                        push_text(&mut out, before);
                        segments.push(owned(seg));
                        if n == names.len() - 1 {
                            push_path(&mut out, &mut segments);
                            push_text(&mut out, after);
                        }
                        continue;
                    }
                    _ => unreachable!("names are labels or words"),
                }
                if n == names.len() - 1 {
                    push_path(&mut out, &mut segments);
                }
            }
            i = j + 1;
        } else if let (Some(Piece::Arrow(_)), true) = (pieces.get(i + 1), name(pieces.get(i)).is_some()) {
            // "a -> " or "a -> ," : not a path; keep the text as it is up to the arrow.
            piece_span(&pieces[i], &mut out);
            piece_span(&pieces[i + 1], &mut out);
            i += 2;
        } else {
            piece_span(&pieces[i], &mut out);
            i += 1;
        }
    }
    out
}

fn push_path(out: &mut Vec<Span>, segments: &mut Vec<Text>) {
    out.push(Span::Path(std::mem::take(segments).into()));
}

/// A piece that is not part of a path, as spans.
fn piece_span(piece: &Piece, out: &mut Vec<Span>) {
    match *piece {
        Piece::Words(t) | Piece::Arrow(t) | Piece::Stop(t) => push_text(out, t),
        Piece::Label(l) => out.push(Span::Label(owned(l))),
        Piece::Url(u) => out.push(Span::Link { text: owned(u), href: owned(u) }),
    }
}

/// The first name of a path, its leading words (verbs: "open", "打开") split off:
/// `(text before, name)`. Never splits a name down to nothing.
fn lead(words: &str) -> (&str, &str) {
    let name = words.trim();
    let mut start = words.len() - words.trim_start().len();
    loop {
        let rest = &words[start..];
        let trimmed = rest.trim_end();
        if let Some(zh) = LEAD_WORDS_ZH.iter().find(|w| rest.starts_with(**w) && rest.len() > w.len()) {
            start += zh.len();
            start += words[start..].len() - words[start..].trim_start().len();
            continue;
        }
        let first = rest.split_whitespace().next().unwrap_or("");
        let is_lead = LEAD_WORDS.contains(&first.to_ascii_lowercase().as_str());
        if is_lead && trimmed.len() > first.len() {
            start += first.len();
            start += words[start..].len() - words[start..].trim_start().len();
            continue;
        }
        break;
    }
    // Lower-case words before a capitalised name ("the Billing Center"): the name starts there.
    let rest = &words[start..];
    let starts_lower = rest.chars().next().is_some_and(|c| c.is_ascii_lowercase());
    if starts_lower {
        let mut offset = 0;
        for w in rest.split_inclusive(char::is_whitespace) {
            if w.chars().next().is_some_and(|c| c.is_uppercase()) {
                start += offset;
                break;
            }
            offset += w.len();
        }
    }
    let named = words[start..].trim();
    if named.is_empty() {
        let at = words.find(name).unwrap_or(0);
        return (&words[..at], name);
    }
    (&words[..start], named)
}

/// The last name of a path, cut before a word that goes on with the sentence ("and click"):
/// `(name, text after)`, where the text after runs to the end of `words`.
fn tail<'a>(seg: &'a str, words: &'a str) -> (&'a str, &'a str) {
    let seg_end = seg.as_ptr() as usize - words.as_ptr() as usize + seg.len();
    let mut offset = 0;
    for (n, w) in seg.split_inclusive(char::is_whitespace).enumerate() {
        if n > 0 && TAIL_WORDS.contains(&w.trim()) {
            let name = seg[..offset].trim_end();
            let at = seg.as_ptr() as usize - words.as_ptr() as usize + name.len();
            return (name, &words[at..]);
        }
        offset += w.len();
    }
    (seg, &words[seg_end..])
}

/// Whether `text` is one arrow with space around it (what joins two chips into a path).
fn is_lone_arrow(text: &str) -> bool {
    let t = text.trim();
    ARROWS.contains(&t) || t == ">"
}

/// Menu names and labels joined by arrows (`**费用**->**我的订单**`, `“费用” > “发票”`) are one
/// menu path; a path already read may go on through them.
pub fn join_chips(spans: Vec<Span>) -> Vec<Span> {
    let is_chip = |s: &Span| matches!(s, Span::Menu(_) | Span::Label(_) | Span::Path(_));
    let mut out: Vec<Span> = Vec::with_capacity(spans.len());
    for span in spans {
        let n = out.len();
        let joins = is_chip(&span) && n >= 2 && is_chip(&out[n - 2]) && matches!(&out[n - 1], Span::Text(t) if is_lone_arrow(t));
        if !joins {
            out.push(span);
            continue;
        }
        out.pop();
        // The path so far is moved, not copied: a long chain costs linear time.
        let mut segments: Vec<Text> = match out.pop() {
            Some(Span::Path(p)) => p,
            Some(Span::Menu(t) | Span::Label(t)) => vec![t],
            _ => unreachable!("checked to be a chip"),
        };
        match span {
            Span::Path(p) => segments.extend(p.iter().cloned()),
            Span::Menu(t) | Span::Label(t) => segments.push(t),
            _ => unreachable!("checked to be a chip"),
        }
        out.push(Span::Path(segments.into()));
    }
    out
}

/// Appends text, merging it with a text span before it.
pub fn push_text(out: &mut Vec<Span>, text: &str) {
    if text.is_empty() {
        return;
    }
    if let Some(Span::Text(prev)) = out.last_mut() {
        prev.push_str(text);
    } else {
        out.push(Span::Text(owned(text)));
    }
}

fn owned(s: &str) -> Text {
    s.to_owned()
}

/// A URL-safe identifier: lower-case ASCII letters and digits, other letters kept, runs of
/// anything else turned into one `-`; at most [`crate::validate::MAX_NAME`] bytes (a paragraph
/// pasted into a heading makes a slug of its first words, not one the app would refuse).
pub fn slugify(title: &str) -> String {
    let mut slug = String::new();
    for c in title.chars() {
        if slug.len() + c.len_utf8() * 3 > crate::validate::MAX_NAME {
            break;
        }
        if c.is_alphanumeric() {
            slug.extend(c.to_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    slug.trim_end_matches('-').to_owned()
}

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

/// A character that may not be in a URL or a slug: controls, spaces, bidirectional controls,
/// zero-width characters, and what HTML or a URL would read as a delimiter.
pub fn is_unsafe_in_url(c: char) -> bool {
    c.is_control()
        || c.is_whitespace()
        || is_bidi_control(c)
        || is_zero_width(c)
        || matches!(c, '"' | '<' | '>' | '\\' | '^' | '`' | '{' | '|' | '}')
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

/// An absolute http(s) URL with a host, normalised (scheme and host in lower case, `/` for an
/// empty path), or `None`. Refused: another scheme, no host, user info (`user@`), a host that
/// is not ASCII letters, digits, `-` and `.` (or an IPv6 literal), a bad port, a bad `%`
/// escape, and anything [`is_unsafe_in_url`] (spaces, quotes, `<>`, controls, bidirectional
/// and zero-width characters). Letters of any script are kept in the path, query and fragment.
pub fn http_url(s: &str) -> Option<String> {
    let (scheme, rest) = s.split_once("://")?;
    let scheme = scheme.to_ascii_lowercase();
    if scheme != "http" && scheme != "https" || rest.chars().any(is_unsafe_in_url) {
        return None;
    }
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(end);
    if authority.contains('@') {
        return None;
    }
    let (host, port) = match authority.rsplit_once(':') {
        Some((h, _)) if !h.ends_with(']') && h.contains(':') => (authority, None), // a bare IPv6 literal is refused below
        Some((h, p)) => (h, Some(p)),
        None => (authority, None),
    };
    let host_ok = if let Some(v6) = host.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
        !v6.is_empty()
            && v6
                .chars()
                .all(|c| c.is_ascii_hexdigit() || c == ':' || c == '.')
    } else {
        let label_ok = |l: &str| {
            (1..=63).contains(&l.len())
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        };
        (1..=253).contains(&host.len()) && host.split('.').all(label_ok)
    };
    let port_ok = port.is_none_or(|p| {
        (1..=5).contains(&p.len())
            && p.chars().all(|c| c.is_ascii_digit())
            && p.parse::<u32>().is_ok_and(|n| n <= 65535)
    });
    let bytes = tail.as_bytes();
    let escapes_ok = bytes.iter().enumerate().all(|(i, &b)| {
        b != b'%'
            || (bytes.get(i + 1).is_some_and(u8::is_ascii_hexdigit)
                && bytes.get(i + 2).is_some_and(u8::is_ascii_hexdigit))
    });
    if !host_ok || !port_ok || !escapes_ok {
        return None;
    }
    let slash = if tail.starts_with('/') { "" } else { "/" };
    Some(format!(
        "{scheme}://{}{}{slash}{tail}",
        host.to_ascii_lowercase(),
        port.map(|p| format!(":{p}")).unwrap_or_default()
    ))
}

/// Whether `href` is an absolute http(s) URL ([`http_url`] accepts it).
pub fn is_http(href: &str) -> bool {
    http_url(href).is_some()
}

/// Whether `href` is a path relative to the docs site (`/zh/a.html#b`, `a.html`), with no scheme.
pub fn is_relative(href: &str) -> bool {
    let head = href.split(['/', '?', '#']).next().unwrap_or("");
    !href.is_empty()
        && !href.starts_with("//")
        && !head.contains(':')
        && !href.chars().any(is_unsafe_in_url)
}

/// The URL to render for a link, or `None` when it must stay text: only http(s) URLs are
/// rendered; relative links resolve against `docs_base`, itself http(s).
pub fn resolve_href(docs_base: &str, href: &str) -> Option<String> {
    if let Some(url) = http_url(href) {
        return Some(url);
    }
    if !is_relative(href) {
        return None;
    }
    let base = http_url(docs_base)?;
    let base = base.trim_end_matches('/');
    Some(if href.starts_with('/') {
        format!("{base}{href}")
    } else {
        format!("{base}/{href}")
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn http_urls_need_a_host_and_nothing_that_breaks_out() {
        // (given, normalised): scheme and host lower case, an empty path as `/`.
        for (given, want) in [
            ("https://docs.example/d", "https://docs.example/d"),
            ("HTTPS://Docs.Example:8443", "https://docs.example:8443/"),
            ("http://[::1]:8080/a?b#c", "http://[::1]:8080/a?b#c"),
            ("https://support.websoft9.com/docs/zh/a.html#切换操作系统部署", "https://support.websoft9.com/docs/zh/a.html#切换操作系统部署"),
            ("https://x.test?q=%E8%AE%A2", "https://x.test/?q=%E8%AE%A2"),
        ] {
            assert_eq!(http_url(given).as_deref(), Some(want), "{given}");
        }
        for bad in [
            "https://docs.example/d\"><img src=x onerror=alert(1)>",
            "http://",
            "https://",
            "http:///path",
            "https://:80/",
            "javascript:alert(1)",
            "https:/x.test",
            "ftp://x.test",
            "https://user:pw@x.test/",
            "https://x.test@evil.test/",
            "https://x .test/",
            "https://x.test/a b",
            "https://-x.test/",
            "https://x..test/",
            "https://x.test:99999/",
            "https://x.test:8o/",
            "https://x.test/%zz",
            "https://x.test/%4",
            "https://例子.测试/",
            "https://x.test/\u{202E}gpj.exe",
            "https://x.te\u{200B}st/",
            "https://x.test/a\\b",
            "https://[zz]/",
            "https://x.test/\n",
            "https://x.test/`",
        ] {
            assert_eq!(http_url(bad), None, "{bad:?}");
        }
        assert_eq!(
            resolve_href("https://docs.example/docs/", "/zh/a.html").as_deref(),
            Some("https://docs.example/docs/zh/a.html")
        );
        assert_eq!(resolve_href("https://docs.example/docs", "a b.html"), None);
        assert_eq!(resolve_href("http://", "a.html"), None);
    }

    #[test]
    fn bidi_controls_are_kept_but_cannot_reach_past_their_text() {
        assert_eq!(isolate_bidi("plain 订单"), "plain 订单");
        // An override left open is closed, and the whole isolated.
        assert_eq!(
            isolate_bidi("a\u{202E}gpj.exe"),
            "\u{2068}a\u{202E}gpj.exe\u{202C}\u{2069}"
        );
        // Stray closers are dropped (they would close the isolate around the text).
        assert_eq!(
            isolate_bidi("\u{2069}\u{202C}x\u{200F}"),
            "\u{2068}x\u{200F}\u{2069}"
        );
        // A PDI closes the embeddings opened inside its isolate.
        assert_eq!(
            isolate_bidi("\u{2067}\u{202B}a\u{2069}b"),
            "\u{2068}\u{2067}\u{202B}a\u{2069}b\u{2069}"
        );
    }

    /// Whether every opener in `s` is closed in order and nothing closes what is not open.
    fn balanced(s: &str) -> bool {
        let mut open: Vec<bool> = Vec::new();
        for c in s.chars() {
            match c {
                '\u{202A}'..='\u{202B}' | '\u{202D}'..='\u{202E}' => open.push(false),
                '\u{2066}'..='\u{2068}' => open.push(true),
                '\u{202C}' if open.last() == Some(&false) => {
                    open.pop();
                }
                '\u{2069}' if open.contains(&true) => while open.pop() == Some(false) {},
                '\u{202C}' | '\u{2069}' => return false,
                _ => {}
            }
        }
        open.is_empty()
    }

    proptest! {
        #[test]
        fn isolated_text_is_balanced_and_keeps_its_other_characters(s in "[a-z\u{202A}-\u{202E}\u{2066}-\u{2069}\u{200E}\u{200F} ]{0,24}") {
            let out = isolate_bidi(&s);
            prop_assert!(balanced(&out), "{:?} -> {:?}", s, out);
            let strip = |t: &str| t.chars().filter(|c| !is_bidi_control(*c)).collect::<String>();
            prop_assert_eq!(strip(&out), strip(&s));
        }

        #[test]
        fn any_text_is_a_url_or_not_without_panicking(s in "\\PC{0,40}") {
            if let Some(url) = http_url(&s) {
                // Normalised once is normalised.
                prop_assert_eq!(http_url(&url), Some(url.clone()));
                prop_assert!(!url.chars().any(|c| c.is_whitespace() || c == '"' || c == '<' || c == '>'));
            }
        }
    }

    fn t(s: &str) -> Span {
        Span::Text(owned(s))
    }
    fn l(s: &str) -> Span {
        Span::Label(owned(s))
    }
    fn p(segs: &[&str]) -> Span {
        Span::Path(segs.iter().map(|s| owned(s)).collect::<Vec<_>>().into())
    }

    #[test]
    fn labels_and_paths_from_the_seed() {
        assert_eq!(inline_spans("菜单下，打开“我的订单”"), vec![t("菜单下，打开"), l("我的订单")]);
        assert_eq!(inline_spans("依次打开：云市场->退订管理"), vec![t("依次打开："), p(&["云市场", "退订管理"])]);
        assert_eq!(inline_spans("访问：资源-> 我的云市场"), vec![t("访问："), p(&["资源", "我的云市场"])]);
        assert_eq!(
            inline_spans("退款流程：系统产生退款订单->Websoft9审批->华为云审批->退款结果"),
            vec![t("退款流程："), p(&["系统产生退款订单", "Websoft9审批", "华为云审批", "退款结果"])]
        );
        assert_eq!(
            inline_spans("then open: Marketplace -> Unsubscription Management."),
            vec![t("then open: "), p(&["Marketplace", "Unsubscription Management"]), t(".")]
        );
        assert_eq!(inline_spans("Open \"My Orders\" now"), vec![t("Open "), l("My Orders"), t(" now")]);
    }

    #[test]
    fn every_way_of_writing_a_path() {
        let want = vec![t("打开 "), p(&["费用", "我的订单"])];
        for s in ["打开 费用->我的订单", "打开 费用→我的订单", "打开 费用 > 我的订单", "打开 费用 › 我的订单", "打开 费用＞我的订单", "打开 【费用】>【我的订单】", "打开 “费用” -> “我的订单”", "打开 【费用】->我的订单", "打开 费用 > 【我的订单】"] {
            assert_eq!(inline_spans(s), want, "{s}");
        }
        assert_eq!(inline_spans("【A】 > 【B】 > 【C】"), vec![p(&["A", "B", "C"])]);
    }

    #[test]
    fn a_path_starts_at_its_first_name_not_at_the_verb() {
        assert_eq!(inline_spans("open All Services->Marketplace"), vec![t("open "), p(&["All Services", "Marketplace"])]);
        assert_eq!(inline_spans("Then go to the Billing Center > My Orders"), vec![t("Then go to the "), p(&["Billing Center", "My Orders"])]);
        assert_eq!(inline_spans("click orders -> details"), vec![t("click "), p(&["orders", "details"])]);
        assert_eq!(inline_spans("依次打开云市场->退订管理"), vec![t("依次打开"), p(&["云市场", "退订管理"])]);
        assert_eq!(inline_spans("进入 费用中心->订单管理"), vec![t("进入 "), p(&["费用中心", "订单管理"])]);
        // A name is never stripped to nothing, and a capitalised first word stays.
        assert_eq!(inline_spans("Open -> Close"), vec![p(&["Open", "Close"])]);
        assert_eq!(inline_spans("The system creates a refund order -> Websoft9 approves"), vec![p(&["The system creates a refund order", "Websoft9 approves"])]);
        // The last name ends where the sentence goes on.
        assert_eq!(inline_spans("open Billing -> Orders and click Refund"), vec![t("open "), p(&["Billing", "Orders"]), t(" and click Refund")]);
    }

    #[test]
    fn comparisons_and_dangling_arrows_are_not_paths() {
        for s in ["price > 100 yuan", "a>b", "x -> ", "a -> b ->", "a -> -> b", "-> y", "1 > 2 > 3"] {
            assert!(inline_spans(s).iter().all(|s| matches!(s, Span::Text(_))), "{s}: {:?}", inline_spans(s));
            assert_eq!(plain(&inline_spans(s)), s, "{s}");
        }
    }

    #[test]
    fn chips_joined_by_arrows_are_one_path() {
        let m = |s: &str| Span::Menu(owned(s));
        assert_eq!(join_chips(vec![m("费用"), t("->"), m("我的订单")]), vec![p(&["费用", "我的订单"])]);
        assert_eq!(join_chips(vec![t("open "), m("A"), t(" > "), l("B"), t(" > "), m("C")]), vec![t("open "), p(&["A", "B", "C"])]);
        assert_eq!(join_chips(vec![m("A"), t(" and "), m("B")]), vec![m("A"), t(" and "), m("B")]);
    }

    #[test]
    fn what_is_not_a_label_or_path_stays_text() {
        for s in ["a 5\" screen", "“ ”", "x -> ", "-> y", "plain", "“unclosed"] {
            assert_eq!(plain(&inline_spans(s)), s, "{s}");
            assert!(inline_spans(s).iter().all(|s| matches!(s, Span::Text(_))), "{s}");
        }
    }

    fn plain(spans: &[Span]) -> String {
        spans.iter().map(|s| match s { Span::Text(t) => t.to_string(), _ => String::from("?") }).collect()
    }

    #[test]
    fn slugs() {
        assert_eq!(slugify("Order number"), "order-number");
        assert_eq!(slugify("  E-contract!  "), "e-contract");
        assert_eq!(slugify("退订镜像"), "退订镜像");
    }

    #[test]
    fn only_http_links_are_rendered() {
        let base = "https://support.websoft9.com/docs";
        assert_eq!(
            resolve_href(base, "/zh/stack-deployment.html#切换操作系统部署").as_deref(),
            Some("https://support.websoft9.com/docs/zh/stack-deployment.html#切换操作系统部署")
        );
        assert_eq!(
            resolve_href("https://x.test/docs/", "a.html").as_deref(),
            Some("https://x.test/docs/a.html")
        );
        assert_eq!(
            resolve_href(base, "HTTP://A.test/x").as_deref(),
            Some("http://a.test/x")
        );
        for bad in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            "data:text/html,x",
            "//evil.test/x",
            "mailto:a@b.c",
            "",
            "vbscript:x",
        ] {
            assert_eq!(resolve_href(base, bad), None, "{bad}");
        }
        assert_eq!(resolve_href("javascript:alert(1)//", "/x"), None);
    }
}

/// Whether a bold run reads as a UI name (a menu, a tab, a button: `**费用**`,
/// `**Marketplace**`) rather than words in bold: at most 40 characters and 6 words, no
/// sentence punctuation (a colon makes it a lead-in, `**Note:**`, `**说明：**`), and no step
/// number in front (`**1. Log in…**`).
pub fn reads_as_ui_name(s: &str) -> bool {
    // Bytes first: a long run (nested emphasis grows one) is rejected without reading it.
    if s.len() > 40 * 4 + 16 {
        return false;
    }
    let s = s.trim();
    !s.is_empty()
        && s.chars().count() <= 40
        && s.split_whitespace().count() <= 6
        && !s.contains(['。', '！', '？', '；', '!', '?', ';', ':', '：', '，'])
        && !s.ends_with('.')
        && strip_step_number(s).len() == s.len()
}

/// A step's text without the number an author typed in front of it (`1. `, `2、`, `3) `,
/// `(4) `, `Step 5: `, `第6步：`, `步骤7 `); the text as it is when it has none.
pub fn strip_step_number(s: &str) -> &str {
    let t = s.trim_start();
    let digits = |t: &str| t.len() - t.trim_start_matches(|c: char| c.is_ascii_digit() || "一二三四五六七八九十".contains(c)).len();
    // "1. ", "1、", "1) ", "1）", "三、"
    let n = digits(t);
    if let Some(sep) = t[n..].chars().next().filter(|c| n > 0 && ['.', '、', ')', '）'].contains(c)) {
        let after = &t[n + sep.len_utf8()..];
        let ascii = sep == '.' || sep == ')';
        // "1.5 GB" is a number, not a step's: an ASCII separator needs a space after it; a
        // Chinese numeral needs "、".
        let number_ok = t[..n].bytes().all(|b| b.is_ascii_digit()) || sep == '、';
        if number_ok && (!ascii || after.starts_with(char::is_whitespace)) && !after.trim().is_empty() {
            return after.trim_start();
        }
    }
    // "(1) ", "（1）"
    if let Some(inner) = t.strip_prefix(['(', '（']) {
        let n = digits(inner);
        if n > 0 {
            if let Some(rest) = inner[n..].strip_prefix([')', '）']) {
                let rest = rest.trim_start();
                if !rest.is_empty() {
                    return rest;
                }
            }
        }
    }
    // "Step 1: ", "Step 1 - ", "第1步：", "步骤1："
    let lower = t.to_ascii_lowercase();
    for (prefix, suffix) in [("step", ""), ("第", "步"), ("步骤", "")] {
        if let Some(r) = lower.strip_prefix(prefix) {
            let at = t.len() - r.len();
            let r = t[at..].trim_start();
            let n = digits(r);
            if n == 0 {
                continue;
            }
            let Some(r) = r[n..].trim_start().strip_prefix(suffix) else { continue };
            let r = r.trim_start().trim_start_matches([':', '：', '.', '-', '—', '、']).trim_start();
            if !r.is_empty() {
                return r;
            }
        }
    }
    t
}

/// A heading's words without its step number: what [`strip_step_number`] finds, and the
/// outline numbers headings carry (`1 购买镜像`, `3.1 获取面板用户信息`, `2.` ): a heading's
/// number is never part of a sentence. The heading as it is when it has none.
pub fn strip_heading_number(s: &str) -> &str {
    let stripped = strip_step_number(s);
    if stripped.len() != s.trim_start().len() {
        return stripped;
    }
    let t = s.trim_start();
    // `1`, `3.1`, `2.4.1`, then an optional dot, then a space.
    let mut end = 0;
    let mut parts = 0;
    for part in t.split('.') {
        let digits = part.len() - part.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        if digits == 0 || digits > 3 {
            break;
        }
        parts += 1;
        end += digits;
        if digits < part.len() {
            break;
        }
        end += 1;
    }
    if parts == 0 {
        return t;
    }
    let end = end.min(t.len());
    let rest = t[end..].trim_start_matches('.');
    match rest.strip_prefix(char::is_whitespace) {
        Some(r) if !r.trim().is_empty() => r.trim_start(),
        _ => t,
    }
}

#[cfg(test)]
mod step_numbers {
    use super::*;

    #[test]
    fn numbers_typed_before_a_step_are_found() {
        for (text, want) in [
            ("1. Log in", "Log in"),
            ("2、登录控制台", "登录控制台"),
            ("3) Open", "Open"),
            ("（4）选择", "选择"),
            ("Step 5: Launch", "Launch"),
            ("step 6 - Launch", "Launch"),
            ("第7步：付款", "付款"),
            ("第三步 付款", "付款"),
            ("第 1 步：软硬件环境需求", "软硬件环境需求"),
            ("步骤8：确认", "确认"),
            ("1.5 GB of disk", "1.5 GB of disk"),
            ("2024 plans", "2024 plans"),
            ("Steps to follow", "Steps to follow"),
            ("1.", "1."),
        ] {
            assert_eq!(strip_step_number(text), want, "{text}");
        }
    }

    #[test]
    fn headings_carry_outline_numbers() {
        for (text, want) in [("1 购买镜像", "购买镜像"), ("3.1 获取面板用户信息", "获取面板用户信息"), ("3. 使用步骤", "使用步骤"), ("2.4.1. Deep", "Deep"), ("Step 2: Plan", "Plan"), ("2024", "2024"), ("1Panel 安装", "1Panel 安装"), ("Overview", "Overview")] {
            assert_eq!(strip_heading_number(text), want, "{text}");
        }
    }

    #[test]
    fn a_bold_run_is_a_ui_name_only_when_it_reads_as_one() {
        for name in ["费用", "发票列表", "Marketplace", "full name", "Billing Center", "云市场"] {
            assert!(reads_as_ui_name(name), "{name}");
        }
        for not in ["Note:", "说明：", "1. Log in to the console and click 【ECS】", "Do not close the page.", "This is a long sentence that goes on and on", "为什么？"] {
            assert!(!reads_as_ui_name(not), "{not}");
        }
    }
}
