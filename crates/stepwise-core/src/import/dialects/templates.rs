//! Template syntax in a page: Hugo shortcodes and GitBook/Liquid tags on their own lines
//! (containers, figures, or dropped), and template syntax inside a line (`{{ var }}`,
//! `{% tag %}`, `{PANEL: …}`, MDX expressions and inline JSX). See the table in [`super`].

use super::mdx::{jsx_end, jsx_src, short};
use super::{arg, close_to, first_quoted, marker, Closer, Open, Out};
use crate::import::{Problem, Problems};
use crate::model::CalloutKind;

/// A Hugo shortcode (`{{< name args >}}`, `{{% name args %}}`) or a GitBook/Liquid tag
/// (`{% name args %}`) alone on its line: its name (`/name` when it closes) and arguments.
pub(super) struct Tag {
    name: String,
    args: String,
}

pub(super) fn template_tag(line: &str) -> Option<Tag> {
    let inner = ["{{<", "{{%"]
        .iter()
        .find_map(|open| line.strip_prefix(open))
        .and_then(|r| r.strip_suffix(">}}").or_else(|| r.strip_suffix("%}}")))
        .or_else(|| line.strip_prefix("{%").and_then(|r| r.strip_suffix("%}")))?;
    let inner = inner.trim().trim_start_matches('-').trim_end_matches('-').trim();
    let (name, args) = inner.split_once(char::is_whitespace).unwrap_or((inner, ""));
    let name = name.trim_end_matches('/').to_ascii_lowercase();
    let (name, args) = match name.strip_prefix("end") {
        // GitBook closes with `endhint`, `endtab`, `endtabs`.
        Some(n) if matches!(n, "hint" | "tab" | "tabs" | "code" | "details") => (format!("/{n}"), ""),
        _ => (name, args),
    };
    Some(Tag { name, args: args.trim().to_owned() })
}

pub(super) fn shortcode(file: &str, no: u32, pad: &str, tag: &Tag, open: &mut Vec<(Closer, String)>, out: &mut Out, problems: &mut Problems) {
    if let Some(name) = tag.name.strip_prefix('/') {
        match open.iter().rposition(|(c, _)| matches!(c, Closer::Named(n) if n == name)) {
            Some(at) => close_to(open, at, out, no),
            None => problems.push(Problem::warning(file, no, format!("a closing {name} tag that closes nothing: dropped"))),
        }
        out.push("", no);
        return;
    }
    let name = tag.name.as_str();
    let args = tag.args.as_str();
    let what = match name {
        "notice" | "alert" | "callout" | "admonition" | "hint" | "box" => {
            let word = arg(args, "style").or_else(|| arg(args, "type")).or_else(|| arg(args, "theme")).or_else(|| args.split_whitespace().next().map(|w| w.trim_matches(['"', '\'']).to_owned())).unwrap_or_default();
            let title = arg(args, "title").unwrap_or_default();
            Some(Open::Callout { kind: CalloutKind::from_word(&word).unwrap_or(CalloutKind::Note), title, collapsed: false })
        }
        "expand" | "details" | "collapse" | "spoiler" => Some(Open::Callout { kind: CalloutKind::Note, title: first_quoted(args).or_else(|| arg(args, "title")).unwrap_or_default(), collapsed: true }),
        "tabs" => Some(Open::Tabs),
        "tab" => Some(Open::Tab { label: arg(args, "title").or_else(|| arg(args, "name")).or_else(|| first_quoted(args)).unwrap_or_default() }),
        n => CalloutKind::from_word(n).map(|kind| Open::Callout { kind, title: arg(args, "title").or_else(|| first_quoted(args)).unwrap_or_default(), collapsed: false }),
    };
    match what {
        Some(what) => {
            out.push(&format!("{pad}{}", marker(Some(&what))), no);
            open.push((Closer::Named(name.to_owned()), pad.to_owned()));
        }
        None if name == "figure" || name == "img" || name == "image" => match arg(args, "src") {
            Some(src) => out.push(&format!("{pad}![{}]({})", arg(args, "alt").or_else(|| arg(args, "caption")).unwrap_or_default().replace(['[', ']'], ""), src.replace(' ', "%20")), no),
            None => {
                problems.push(Problem::warning(file, no, format!("dropped: the {name} shortcode names no src")));
                out.push("", no);
            }
        },
        None => {
            problems.push(Problem::warning(file, no, format!("dropped: the template tag {name:?}, which Stepwise cannot run")));
            out.push("", no);
        }
    }
}

/// A line of text with its template syntax dropped, each kind with a warning: `{{ var }}`,
/// `{% tag %}`, `{PANEL: …}`, and in MDX `{/* comment */}` (silently) and `{expression}`; a
/// JSX element inside the line is a screenshot (an image that names its file) or dropped.
/// Code spans are left alone.
pub(super) fn templates(file: &str, no: u32, line: &str, mdx: bool, imports: &[(String, String)], problems: &mut Problems) -> String {
    if !line.contains('{') && !line.contains('<') {
        return line.to_owned();
    }
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    let mut warned: Vec<&str> = Vec::new();
    let mut warn = |what: &'static str, problems: &mut Problems| {
        if !warned.contains(&what) {
            warned.push(what);
            problems.push(Problem::warning(file, no, format!("dropped: {what}, which Stepwise cannot fill in")));
        }
    };
    while let Some(i) = rest.find(['{', '`', '\\', '<']) {
        out.push_str(&rest[..i]);
        let at = &rest[i..];
        // A JSX element inside a line (`Look at <Image img={shot} alt="x" />`): an image that
        // names its file is a screenshot; any other component is dropped.
        if let Some(after) = at.strip_prefix('<') {
            let name: String = after.chars().take_while(|c| c.is_alphanumeric() || *c == '.' || *c == '/').collect();
            let bare = name.trim_start_matches('/');
            let component = bare.chars().next().is_some_and(|c| c.is_ascii_uppercase());
            let jsx_img = bare == "img" && at.find('>').is_some_and(|e| at[..e].contains("={"));
            if let Some(end) = (component || jsx_img).then(|| jsx_end(at)).flatten() {
                let tag = &at[..end];
                if matches!(bare, "img" | "Image" | "ThemedImage" | "Figure") {
                    match jsx_src(tag, imports) {
                        Some(src) => out.push_str(&format!("![{}]({})", arg(tag, "alt").unwrap_or_default().replace(['[', ']'], ""), src.replace(' ', "%20"))),
                        None => problems.push(Problem::warning(file, no, format!("dropped: an image whose source Stepwise cannot resolve ({})", short(tag)))),
                    }
                } else if !name.starts_with('/') {
                    let what = if mdx { "MDX component" } else { "component" };
                    problems.push(Problem::warning(file, no, format!("dropped: {what} <{bare}> (its content, if any, is kept)")));
                }
                rest = &at[end..];
                continue;
            }
            out.push('<');
            rest = &at[1..];
            continue;
        }
        if let Some(after) = at.strip_prefix('\\') {
            // An escaped character is text, the next one included.
            let len = after.chars().next().map_or(1, |c| 1 + c.len_utf8());
            out.push_str(&at[..len]);
            rest = &at[len..];
            continue;
        }
        if at.starts_with('`') {
            let ticks = at.chars().take_while(|&c| c == '`').count();
            let close = at[ticks..].find(&"`".repeat(ticks)).map_or(at.len(), |e| ticks + e + ticks);
            out.push_str(&at[..close]);
            rest = &at[close..];
            continue;
        }
        // An attribute list (`![a](b.png){ width="900px" }`, `## T {: .x }`, kramdown's
        // `{: .note}`): how the page styles the thing before it, nothing to read.
        let attributes = (out.ends_with([')', ']']) || out.trim().is_empty() || at.starts_with("{:")) && at[1..].trim_start().starts_with([':', '.', '#', 'w', 'h', 'a', 'l', 's']) && at.find('}').is_some_and(|e| at[..e].contains(['=', '.', ':']));
        let (end, what): (Option<usize>, Option<&'static str>) = if attributes && !at.starts_with("{#") {
            (at.find('}').map(|e| e + 1), None)
        } else if at.starts_with("{{") {
            (at.find("}}").map(|e| e + 2), Some("a template variable ({{ … }})"))
        } else if at.starts_with("{%") {
            (at.find("%}").map(|e| e + 2), Some("a template tag ({% … %})"))
        } else if at.starts_with("{/*") {
            (at.find("*/}").map(|e| e + 3), None)
        } else if at[1..].starts_with(|c: char| c.is_ascii_uppercase()) && at[1..].chars().take_while(|c| c.is_ascii_uppercase() || *c == '_').count() >= 2 && at[1..].trim_start_matches(|c: char| c.is_ascii_uppercase() || c == '_').starts_with([':', '}']) {
            (at.find('}').map(|e| e + 1), Some("a directive ({NAME: …})"))
        } else if mdx && !at.starts_with("{#") {
            (at.find('}').map(|e| e + 1), Some("an MDX expression ({…})"))
        } else {
            (None, None)
        };
        match end {
            Some(end) => {
                if let Some(what) = what {
                    warn(what, problems);
                }
                rest = &at[end..];
                // "a {{ x }} b" reads "a b", not "a  b".
                if out.ends_with(' ') && rest.starts_with(' ') {
                    rest = &rest[1..];
                }
            }
            None => {
                out.push('{');
                rest = &at[1..];
            }
        }
    }
    out.push_str(rest);
    out
}
