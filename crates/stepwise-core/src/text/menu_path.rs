//! Inline text: quoted UI labels, menu paths and bare URLs found in a paragraph's plain text.
//!
//! The grammar, over a paragraph's text (each rule tried where the one before did not match):
//!
//! ```text
//! paragraph := ( label | url | path | text )*
//! label     := OPEN name CLOSE          -- “订单”, 「订单」, 【订单】, "Orders": at most 40 characters,
//!                                          on one line, its close within 160 characters
//! url       := "http://" … | "https://" …   -- up to a space or a closing mark
//! path      := name ( ARROW name )+     -- 费用->订单, 【费用】>【订单】, Billing › Orders
//! name      := label | words            -- words: the text between ARROWs and STOPs
//! ARROW     := "->" | "→" | "›" | "＞" | " > " (a plain ">" with space around it, or between labels)
//! STOP      := ， 。 、 ； ： ！ ？ （ ） , ; : ! ? ( ) . and a line end
//! ```
//!
//! A path's first name loses its leading verbs (`LEAD_WORDS`: "open", "打开"…) and lower-case
//! words before a capitalised name; its last name loses the words that go on with the sentence
//! (`TAIL_WORDS`: "and click"…). `a -> ` with no name after the arrow is text. Linear in the text.

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
        let numbers_after_gt = arrows.contains(&">") && names.iter().any(|&k| name(pieces.get(k)).is_some_and(|n| n.trim_start().starts_with(|c: char| c.is_ascii_digit())));
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
                        // Where the name starts in `w` (past its spaces, or its leading verbs).
                        let mut start = w.len() - w.trim_start().len();
                        if n == 0 {
                            (before, seg) = lead(w);
                            start = before.len();
                        }
                        if n == names.len() - 1 {
                            (seg, after) = tail(w, start, start + seg.len());
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
    out.push(Span::Path(std::mem::take(segments)));
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
/// `(name, text after)`, where the name is cut from `words[start..end]` and the text after runs
/// to the end of `words`.
fn tail(words: &str, start: usize, end: usize) -> (&str, &str) {
    let seg = &words[start..end];
    let mut offset = 0;
    for (n, w) in seg.split_inclusive(char::is_whitespace).enumerate() {
        if n > 0 && TAIL_WORDS.contains(&w.trim()) {
            let name = seg[..offset].trim_end();
            return (name, &words[start + name.len()..]);
        }
        offset += w.len();
    }
    (seg, &words[end..])
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
        out.push(Span::Path(segments));
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

