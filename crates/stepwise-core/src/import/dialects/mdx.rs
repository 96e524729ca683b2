//! MDX and JSX in a page: `import`/`export` lines, component tags on their own lines
//! (`<Tabs>`, `<TabItem>`, `<Admonition>`, images, `<details>`), and the helpers that read a
//! tag's attributes and where it ends. See the table in [`super`].

use super::{arg, close_named, first_quoted, marker, Closer, Open, Out};
use crate::import::{Problem, Problems};
use crate::model::CalloutKind;

/// Whether the page is MDX: an `import … from` or `export` line at the left margin, outside
/// fenced code.
pub(super) fn is_mdx(src: &str) -> bool {
    let mut fence: Option<&str> = None;
    src.lines().any(|l| {
        let t = l.trim_start();
        if let Some(f) = fence {
            if t.starts_with(f) {
                fence = None;
            }
            return false;
        }
        if let Some(f) = ["```", "~~~"].into_iter().find(|f| t.starts_with(f)) {
            fence = Some(f);
            return false;
        }
        (l.starts_with("import ") && (l.contains(" from ") || l.contains('\''))) || l.starts_with("export ")
    })
}

pub(super) fn brace_depth(line: &str) -> i32 {
    line.chars().map(|c| match c {
        '{' | '(' | '[' => 1,
        '}' | ')' | ']' => -1,
        _ => 0,
    }).sum()
}

/// `import shot from './img/a.png';` → (`shot`, `./img/a.png`), for image files only.
pub(super) fn image_import(line: &str) -> Option<(String, String)> {
    let rest = line.strip_prefix("import ")?;
    let (name, from) = rest.split_once(" from ")?;
    let path = from.trim().trim_end_matches(';').trim().trim_matches(['\'', '"']);
    let name = name.trim();
    let is_image = [".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".avif"].iter().any(|e| path.to_ascii_lowercase().ends_with(e));
    (is_image && name.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '$')).then(|| (name.to_owned(), path.to_owned()))
}

/// A line that starts with a tag: `<details>`, `<summary>…</summary>`, `</details>`, MDX's
/// `<Tabs>`/`<TabItem>`, an image in JSX, or another component's tag. `Some(true)` when the
/// line was written out; `None` when it is left to the Markdown parser (plain HTML).
#[allow(clippy::too_many_arguments)]
pub(super) fn tag_line(
    file: &str,
    no: u32,
    pad: &str,
    line: &str,
    source: &[&str],
    n: &mut usize,
    mdx: bool,
    imports: &[(String, String)],
    tab_labels: &mut Vec<(String, String)>,
    open: &mut Vec<(Closer, String)>,
    out: &mut Out,
    problems: &mut Problems,
) -> Option<bool> {
    let lower = line.to_ascii_lowercase();
    // <details> (with its <summary> on this line or the next) … </details>
    if lower.starts_with("<details") {
        let mut title = summary(line);
        if title.is_none() {
            if let Some(next) = source.get(*n).map(|l| l.trim()).filter(|l| l.to_ascii_lowercase().starts_with("<summary")) {
                title = summary(next);
                *n += 1;
                out.push(&format!("{pad}{}", marker(Some(&Open::Callout { kind: CalloutKind::Note, title: title.unwrap_or_default(), collapsed: true }))), no);
                out.push("", no + 1);
                open.push((Closer::Named("details".into()), pad.to_owned()));
                return Some(true);
            }
        }
        out.push(&format!("{pad}{}", marker(Some(&Open::Callout { kind: CalloutKind::Note, title: title.unwrap_or_default(), collapsed: true }))), no);
        open.push((Closer::Named("details".into()), pad.to_owned()));
        // What follows the tags on this line is content.
        let after = line.rfind('>').map(|i| &line[i + 1..]).unwrap_or("");
        if !after.trim().is_empty() && !lower.ends_with("</details>") {
            out.push(&format!("{pad}{}", after.trim()), no);
        }
        if lower.ends_with("</details>") {
            close_named(open, "details", out, no);
        }
        return Some(true);
    }
    if lower.starts_with("</details") {
        close_named(open, "details", out, no);
        return Some(true);
    }
    let name: String = line[1..].chars().take_while(|c| c.is_alphanumeric() || *c == '/' || *c == '.' || *c == '_').collect();
    let bare = name.trim_start_matches('/');
    // JSX components start with a capital letter; HTML elements do not.
    let component = bare.chars().next().is_some_and(|c| c.is_ascii_uppercase());
    if !component && (bare != "img" || !line.contains("={")) {
        return None;
    }
    // The whole tag, which may run over lines.
    let mut tag = line.to_owned();
    let first = no;
    while !tag_closed(&tag) && *n < source.len() && *n < first as usize + 50 {
        tag.push(' ');
        tag.push_str(source[*n].trim());
        *n += 1;
    }
    let consumed = *n as u32 - first + 1;
    let blank_rest = |out: &mut Out| {
        for k in 1..consumed {
            out.push("", first + k);
        }
    };
    let closing = name.starts_with('/');
    match bare {
        "Tabs" if closing => close_named(open, "Tabs", out, no),
        "Tabs" => {
            tab_labels.extend(value_labels(&tag));
            out.push(&format!("{pad}{}", marker(Some(&Open::Tabs))), no);
            open.push((Closer::Named("Tabs".into()), pad.to_owned()));
        }
        "TabItem" | "Tab" if closing => close_named(open, "TabItem", out, no),
        "TabItem" | "Tab" => {
            let value = arg(&tag, "value");
            let known = value.as_ref().and_then(|v| tab_labels.iter().rev().find(|(val, _)| val == v).map(|(_, l)| l.clone()));
            let label = arg(&tag, "label").or_else(|| arg(&tag, "title")).or(known).or(value).unwrap_or_default();
            out.push(&format!("{pad}{}", marker(Some(&Open::Tab { label }))), no);
            open.push((Closer::Named("TabItem".into()), pad.to_owned()));
            if tag.trim_end().ends_with("/>") {
                close_named(open, "TabItem", out, no);
            }
        }
        "Admonition" | "Callout" | "Note" | "Tip" | "Warning" | "Caution" | "Danger" | "Info" if closing => close_named(open, bare, out, no),
        "Admonition" | "Callout" | "Note" | "Tip" | "Warning" | "Caution" | "Danger" | "Info" => {
            let word = arg(&tag, "type").unwrap_or_else(|| bare.to_owned());
            let title = arg(&tag, "title").unwrap_or_default();
            out.push(&format!("{pad}{}", marker(Some(&Open::Callout { kind: CalloutKind::from_word(&word).unwrap_or(CalloutKind::Note), title, collapsed: false }))), no);
            open.push((Closer::Named(bare.to_owned()), pad.to_owned()));
        }
        "img" | "Image" | "ThemedImage" | "Figure" => {
            let alt = arg(&tag, "alt").unwrap_or_default();
            let src = jsx_src(&tag, imports);
            match src {
                Some(src) => out.push(&format!("{pad}![{}]({})", alt.replace(['[', ']'], ""), src.replace(' ', "%20")), no),
                None => {
                    problems.push(Problem::warning(file, no, format!("dropped: an image whose source Stepwise cannot resolve ({})", short(&tag))));
                    out.push("", no);
                }
            }
        }
        _ => {
            let what = if mdx { "MDX component" } else { "component" };
            problems.push(Problem::warning(file, no, format!("dropped: {what} <{name}> (its content, if any, is kept)")));
            out.push("", no);
        }
    }
    blank_rest(out);
    Some(true)
}

/// `{ label: 'Docker Run', value: 'docker-run' }` pairs in a `<Tabs values={[…]}>` tag.
pub(super) fn value_labels(tag: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = tag;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else { break };
        let object = &rest[open + 1..open + close];
        let field = |key: &str| {
            let at = object.find(&format!("{key}:"))?;
            first_quoted(&object[at + key.len() + 1..])
        };
        if let (Some(label), Some(value)) = (field("label"), field("value")) {
            out.push((value, label));
        }
        rest = &rest[open + 1..];
    }
    out
}

pub(super) fn short(tag: &str) -> String {
    let t: String = tag.chars().take(60).collect();
    if t.len() < tag.len() { format!("{t}…") } else { t }
}

/// Where a JSX tag that starts at `<` ends (past its `>`, outside braces and quotes), if it
/// ends in `tag`.
pub(super) fn jsx_end(tag: &str) -> Option<usize> {
    let (mut depth, mut quote) = (0i32, None);
    for (i, c) in tag.char_indices().skip(1) {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'' | '`') => quote = Some(c),
            (None, '{') => depth += 1,
            (None, '}') => depth -= 1,
            (None, '>') if depth <= 0 => return Some(i + 1),
            _ => {}
        }
    }
    None
}

/// Whether a JSX tag's text is complete (its `>` outside braces and quotes).
pub(super) fn tag_closed(tag: &str) -> bool {
    jsx_end(tag).is_some()
}

/// A JSX image's file: `src="…"`, `src={require('./a.png').default}`, `src={useBaseUrl('/a.png')}`,
/// or `img={name}` / `src={name}` where `name` is an image import.
pub(super) fn jsx_src(tag: &str, imports: &[(String, String)]) -> Option<String> {
    if let Some(src) = arg(tag, "src") {
        return Some(src);
    }
    for key in ["src", "img", "sources"] {
        let Some(at) = tag.find(&format!("{key}={{")) else { continue };
        let expr = &tag[at + key.len() + 2..];
        let expr = &expr[..expr.find('}').unwrap_or(expr.len())];
        if let Some(path) = first_quoted(expr) {
            return Some(path);
        }
        let name = expr.trim();
        if let Some((_, path)) = imports.iter().find(|(n, _)| n == name) {
            return Some(path.clone());
        }
    }
    None
}

/// `<summary>Title</summary>`'s title, anywhere in the line.
pub(super) fn summary(line: &str) -> Option<String> {
    let lower = line.to_ascii_lowercase();
    let start = lower.find("<summary")?;
    let open_end = start + line[start..].find('>')? + 1;
    let close = lower[open_end..].find("</summary").map_or(line.len(), |i| open_end + i);
    let inner = &line[open_end..close];
    // Tags inside the summary (`<b>`) are not text.
    let mut text = String::new();
    let mut in_tag = false;
    for c in inner.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    Some(text.trim().to_owned())
}
