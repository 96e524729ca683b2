//! The little HTML a help page may hold: `<img>` screenshots (often wrapped in a centred
//! `<p>` or `<div>`), comments and line breaks. Nothing here is ever rendered as HTML; it is
//! read for the screenshot's `src`, `alt` and size, and anything else is reported.

/// An `<img>` tag's attributes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImgTag {
    /// `None` when the tag has no `src` (or an empty one).
    pub src: Option<String>,
    pub alt: String,
    /// `width` and `height` in pixels, when both are given as plain numbers.
    pub size: Option<(u32, u32)>,
    /// `data-regions`, as written (`image_title::parse_regions` reads it).
    pub regions: String,
    /// Which line of the HTML text the tag starts on (0-based).
    pub line: u32,
}

/// What a piece of HTML holds.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Html {
    pub images: Vec<ImgTag>,
    /// Visible text, or an element other than an image and its wrappers: it is not shown.
    pub hidden_content: bool,
    /// The visible text (outside `<script>` and `<style>`), entities decoded, each element's
    /// tag a space: what a renderer would show of the HTML, as text.
    pub text: String,
    /// The elements that are neither text, an image nor a wrapper (`iframe`, `video`): a
    /// renderer would show something Stepwise cannot.
    pub dropped: Vec<String>,
    /// A `<script>` or `<style>` opened and not closed in this piece: the Markdown text that
    /// follows, up to its closing tag, is its content and must not be shown.
    pub unclosed_raw: Option<&'static str>,
}

/// Elements whose content is code, never words for the buyer: dropped with the element.
const RAW_TEXT: [&str; 2] = ["script", "style"];

/// Whether `html` closes the raw-text element `name` (`</script>`, any case).
pub fn closes(html: &str, name: &str) -> bool {
    find_close(html, name).is_some()
}

/// Where `</name` (any case) starts in `html`: found without lowering the whole text, so that
/// a page of many `<script>`s costs linear time.
fn find_close(html: &str, name: &str) -> Option<usize> {
    let bytes = html.as_bytes();
    let mut from = 0;
    while let Some(i) = html[from..].find("</") {
        let at = from + i;
        let tail = &bytes[at + 2..];
        if tail.len() >= name.len() && tail[..name.len()].eq_ignore_ascii_case(name.as_bytes()) {
            return Some(at);
        }
        from = at + 2;
    }
    None
}

/// Elements that only wrap or space images: dropping them loses nothing a buyer would read.
const WRAPPERS: [&str; 9] = ["p", "div", "center", "br", "span", "figure", "picture", "source", "a"];

/// Elements that hold text a renderer shows as text (a key, a term, a table's cell): their
/// text is kept, their tags are not an element Stepwise drops.
const TEXT_ELEMENTS: &[&str] = &[
    "kbd", "b", "i", "em", "strong", "u", "sup", "sub", "mark", "small", "code", "font", "s", "del", "ins", "abbr", "summary", "details", "h1", "h2", "h3", "h4", "h5", "h6", "table", "thead",
    "tbody", "tr", "td", "th", "ul", "ol", "li", "dl", "dt", "dd", "blockquote", "section", "article", "header", "footer", "caption", "label", "strike", "tt", "var", "q", "cite", "hr",
];

/// Reads a piece of HTML (a block, or one inline tag). Linear in its length.
pub fn read(html: &str) -> Html {
    let mut out = Html::default();
    let mut rest = html;
    // Lines before `rest`, counted as it moves on (once per character in all).
    let mut line = 0;
    while !rest.is_empty() {
        let Some(lt) = rest.find('<') else {
            out.hidden_content |= !is_blank(rest);
            out.text.push_str(&decode_entities(rest));
            break;
        };
        out.hidden_content |= !is_blank(&rest[..lt]);
        out.text.push_str(&decode_entities(&rest[..lt]));
        out.text.push(' ');
        let tag = &rest[lt..];
        if let Some(body) = tag.strip_prefix("<!--") {
            let end = body.find("-->").map_or(tag.len(), |i| 4 + i + 3);
            line += rest[..lt + end].matches('\n').count() as u32;
            rest = &rest[lt + end..];
            continue;
        }
        let end = tag_end(tag);
        let inner = &tag[1..end];
        let (name, attrs) = split_tag(inner.strip_suffix('>').unwrap_or(inner));
        if let Some(raw) = RAW_TEXT
            .iter()
            .find(|r| **r == name && !inner.starts_with('/'))
        {
            // Its content is dropped with it, up to its closing tag (here, or in a later piece).
            out.hidden_content = true;
            let after = &rest[lt + end..];
            let close = find_close(after, raw);
            let skip = match close {
                Some(i) => i + tag_end(&after[i..]),
                None => {
                    out.unclosed_raw = Some(raw);
                    after.len()
                }
            };
            line += rest[..lt + end + skip].matches('\n').count() as u32;
            rest = &rest[lt + end + skip..];
            continue;
        } else if name == "img" {
            out.images
                .push(img(attrs, line + rest[..lt].matches('\n').count() as u32));
        } else if !WRAPPERS.contains(&name.as_str()) && !TEXT_ELEMENTS.contains(&name.as_str()) {
            out.hidden_content = true;
            if !name.is_empty() && !inner.starts_with('/') && !out.dropped.contains(&name) {
                out.dropped.push(name);
            }
        }
        line += rest[..lt + end].matches('\n').count() as u32;
        rest = &rest[lt + end..];
    }
    out
}

/// Whitespace and non-breaking spaces only (`&nbsp;` included).
fn is_blank(text: &str) -> bool {
    text.replace("&nbsp;", " ").trim().is_empty()
}

/// Where a tag that starts at `<` ends (past its `>`), quotes respected; the end of the text
/// when it never closes.
fn tag_end(tag: &str) -> usize {
    let mut quote: Option<char> = None;
    for (i, c) in tag.char_indices().skip(1) {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '>') => return i + 1,
            _ => {}
        }
    }
    tag.len()
}

/// `img src="a" alt=b` → (`img`, `src="a" alt=b`); a closing tag's name is `/p`'s `p`.
fn split_tag(inner: &str) -> (String, &str) {
    let inner = inner.trim_start_matches('/').trim_end_matches('/');
    let name_end = inner.find(|c: char| c.is_whitespace() || c == '/').unwrap_or(inner.len());
    (inner[..name_end].to_ascii_lowercase(), &inner[name_end..])
}

fn img(attrs: &str, line: u32) -> ImgTag {
    let mut src = None;
    let mut alt = String::new();
    let (mut width, mut height) = (None, None);
    let mut regions = String::new();
    for (name, value) in attributes(attrs) {
        match name.as_str() {
            "src" => src = Some(value).filter(|v| !v.trim().is_empty()).map(|v| v.trim().to_owned()),
            "alt" => alt = value.trim().to_owned(),
            "width" => width = value.trim().trim_end_matches("px").parse::<u32>().ok(),
            "height" => height = value.trim().trim_end_matches("px").parse::<u32>().ok(),
            "data-regions" => regions = value,
            _ => {}
        }
    }
    let size = match (width, height) {
        (Some(w), Some(h)) if (1..=10_000).contains(&w) && (1..=10_000).contains(&h) => Some((w, h)),
        _ => None,
    };
    ImgTag { src, alt, size, regions, line }
}

/// `name="value"`, `name='value'`, `name=value` and bare `name`, with entities decoded.
fn attributes(s: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = s.trim_start_matches(|c: char| c.is_whitespace() || c == '/');
    while !rest.is_empty() {
        let name_end = rest.find(|c: char| c.is_whitespace() || c == '=' || c == '/').unwrap_or(rest.len());
        let name = rest[..name_end].to_ascii_lowercase();
        rest = rest[name_end..].trim_start();
        let mut value = String::new();
        if let Some(after) = rest.strip_prefix('=') {
            let after = after.trim_start();
            let (v, next) = match after.chars().next() {
                Some(q @ ('"' | '\'')) => match after[1..].find(q) {
                    Some(i) => (&after[1..1 + i], &after[i + 2..]),
                    None => (&after[1..], ""),
                },
                _ => {
                    let end = after.find(char::is_whitespace).unwrap_or(after.len());
                    (&after[..end], &after[end..])
                }
            };
            value = decode_entities(v);
            rest = next;
        }
        if !name.is_empty() {
            out.push((name, value));
        } else if rest.len() == s.len() {
            break;
        }
        rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == '/');
    }
    out
}

/// The entities an attribute is likely to hold.
fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_owned();
    }
    s.replace("&quot;", "\"").replace("&#39;", "'").replace("&apos;", "'").replace("&lt;", "<").replace("&gt;", ">").replace("&nbsp;", " ").replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_image_in_a_centred_paragraph_is_read_and_nothing_is_lost() {
        let h = read("<p align=\"center\">\n  <img src=\"https://x.test/a.png\" alt=\"订单列表\" width=\"800\" height=\"450\" />\n</p>\n");
        assert_eq!(h.images, vec![ImgTag { src: Some("https://x.test/a.png".into()), alt: "订单列表".into(), size: Some((800, 450)), regions: String::new(), line: 1 }]);
        assert!(!h.hidden_content);
    }

    #[test]
    fn attributes_in_every_spelling() {
        let h = read("<IMG alt='a &amp; b' SRC=a.png width=50%>");
        assert_eq!(h.images, vec![ImgTag { src: Some("a.png".into()), alt: "a & b".into(), size: None, regions: String::new(), line: 0 }]);
        let h = read("<img alt=\"x > y\" src=\"b.png\">");
        assert_eq!(h.images[0].src.as_deref(), Some("b.png"));
        assert_eq!(h.images[0].alt, "x > y");
        assert_eq!(read("<img alt=\"no source\">").images[0].src, None);
        assert_eq!(read("<img src=\"  \">").images[0].src, None);
    }

    #[test]
    fn comments_and_breaks_are_silent_text_and_other_elements_are_not() {
        for silent in ["<!-- a note to editors -->\n", "<br>", "<kbd></kbd>"] {
            let h = read(silent);
            assert!(!h.hidden_content && h.text.trim().is_empty() && h.dropped.is_empty() && h.images.is_empty(), "{silent}: {h:?}");
        }
        let h = read("<div align=\"center\"><p>Some &amp; words</p><iframe src=x></iframe></div>");
        assert_eq!((h.text.split_whitespace().collect::<Vec<_>>().join(" ").as_str(), h.dropped), ("Some & words", vec!["iframe".to_owned()]));
        assert!(read("<details><summary>More</summary>text</details>").hidden_content);
        assert!(read("<p>Some words</p>").hidden_content);
        assert!(read("<iframe src=\"https://x.test\"></iframe>").hidden_content);
        assert!(read("<img src=a.png").images.len() == 1, "an unclosed tag is still read");
    }

    #[test]
    fn script_and_style_are_dropped_with_their_content() {
        let h = read("<script>alert(1)</script><img src=a.png><STYLE>p{}</Style>");
        assert_eq!(
            (h.images.len(), h.hidden_content, h.unclosed_raw),
            (1, true, None)
        );
        // An inline tag alone: what follows in the Markdown is its content, until it closes.
        assert_eq!(read("<script type=module>").unclosed_raw, Some("script"));
        assert_eq!(read("</script>").unclosed_raw, None);
        assert!(closes("</SCRIPT >", "script") && !closes("</style>", "script"));
        // An image inside a script is code, not a screenshot.
        assert!(read("<script>document.write('<img src=x.png>')</script>")
            .images
            .is_empty());
    }
}
