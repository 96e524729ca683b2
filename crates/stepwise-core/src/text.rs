//! Small text rules shared by the importer and the UI: inline labels and menu paths,
//! slugs, and which links may be rendered.

use std::borrow::Cow;

use crate::model::{Span, Text};

/// Opening and closing marks that quote a UI label (`【订单列表】` is how most pages write them).
const QUOTES: [(char, char); 4] = [('“', '”'), ('「', '」'), ('【', '】'), ('"', '"')];
/// Arrows that join the parts of a menu path.
const ARROWS: [&str; 2] = ["->", "→"];
/// A label longer than this is a quotation, not a button name.
const MAX_LABEL_CHARS: usize = 40;
/// How far (in characters) a closing quote is looked for: the longest label with room for spaces.
const LABEL_REACH: usize = 4 * MAX_LABEL_CHARS;

/// Characters that end a menu path's segment (a path lives between punctuation).
fn ends_segment(c: char) -> bool {
    matches!(c, '，' | '。' | '、' | '；' | '：' | '！' | '？' | '（' | '）' | ',' | ';' | ':' | '!' | '?' | '(' | ')' | '.' | '\n')
}

/// Splits plain text into text, quoted labels (`“我的订单”`) and menu paths (`云市场->退订管理`).
pub fn inline_spans(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
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
            urls(&rest[..i], &mut out);
            out.push(Span::Label(owned(trimmed)));
            rest = &rest[inner_start + len + close.len_utf8()..];
            continue 'outer;
        }
        urls(rest, &mut out);
        break;
    }
    out
}

/// Splits text into text and bare `http(s)://` URLs, which become links (their text is the
/// URL); the text between goes on to [`paths`]. A URL ends at a space, a quote or bracket, or
/// CJK punctuation, and loses a trailing `.`, `,`, `;`, `:`, `!` or `?`.
fn urls(text: &str, out: &mut Vec<Span>) {
    let mut rest = text;
    while let Some(start) = next_url(rest) {
        let len = rest[start..]
            .find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"' | '“' | '”' | '「' | '」' | '【' | '】' | '（' | '）' | '，' | '。' | '、' | '；' | '：' | '！' | '？' | '(' | ')'))
            .unwrap_or(rest.len() - start);
        let url = rest[start..start + len].trim_end_matches(['.', ',', ';', ':', '!', '?']);
        let scheme_only = url.ends_with("//");
        paths(&rest[..start], out);
        if scheme_only {
            push_text(out, url);
        } else {
            out.push(Span::Link { text: owned(url), href: owned(url) });
        }
        rest = &rest[start + url.len()..];
    }
    paths(rest, out);
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

/// Splits text into text and menu paths, appending to `out` (merging adjacent text).
/// Linear in the text: each character is looked at a bounded number of times.
fn paths(text: &str, out: &mut Vec<Span>) {
    let mut rest = text;
    while let Some((first_arrow, _)) = find_arrow(rest) {
        // The first segment runs back to the previous punctuation.
        let after_punct = rest[..first_arrow].rfind(ends_segment).map_or(0, |i| i + rest[i..].chars().next().map_or(1, char::len_utf8));
        // Spaces before the path stay with the text.
        let start = after_punct + (rest[after_punct..first_arrow].len() - rest[after_punct..first_arrow].trim_start().len());
        // The path ends at the next punctuation.
        let end = rest[first_arrow..].find(ends_segment).map_or(rest.len(), |i| first_arrow + i);
        let mut segments = vec![rest[start..first_arrow].trim()];
        let mut pos = first_arrow;
        while let Some((_, arrow_len)) = find_arrow(&rest[pos..end]) {
            let seg_start = pos + arrow_len;
            match find_arrow(&rest[seg_start..end]) {
                Some((next, _)) => {
                    segments.push(rest[seg_start..seg_start + next].trim());
                    pos = seg_start + next;
                }
                None => {
                    segments.push(rest[seg_start..end].trim());
                    break;
                }
            }
        }
        if segments.iter().any(|s| s.is_empty()) {
            // "a -> " or " -> b": not a path; keep the text as it is.
            push_text(out, &rest[..end]);
        } else {
            push_text(out, &rest[..start]);
            out.push(Span::Path(segments.into_iter().map(owned).collect::<Vec<_>>().into()));
        }
        rest = &rest[end..];
    }
    push_text(out, rest);
}

/// The first arrow in `s` (its offset and length), found in one pass that stops there.
fn find_arrow(s: &str) -> Option<(usize, usize)> {
    s.char_indices().find_map(|(i, _)| ARROWS.iter().find(|a| s[i..].starts_with(**a)).map(|a| (i, a.len())))
}

/// Appends text, merging it with a text span before it.
pub fn push_text(out: &mut Vec<Span>, text: &str) {
    if text.is_empty() {
        return;
    }
    if let Some(Span::Text(prev)) = out.last_mut() {
        prev.to_mut().push_str(text);
    } else {
        out.push(Span::Text(owned(text)));
    }
}

fn owned(s: &str) -> Text {
    Cow::Owned(s.to_owned())
}

/// A URL-safe identifier: lower-case ASCII letters and digits, other letters kept, runs of
/// anything else turned into one `-`.
pub fn slugify(title: &str) -> String {
    let mut slug = String::new();
    for c in title.chars() {
        if c.is_alphanumeric() {
            slug.extend(c.to_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    slug.trim_end_matches('-').to_owned()
}

/// Whether `href` is an absolute http(s) URL.
pub fn is_http(href: &str) -> bool {
    let lower = href.get(..8).unwrap_or(href).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// Whether `href` is a path relative to the docs site (`/zh/a.html#b`, `a.html`), with no scheme.
pub fn is_relative(href: &str) -> bool {
    let head = href.split(['/', '?', '#']).next().unwrap_or("");
    !href.is_empty() && !href.starts_with("//") && !head.contains(':') && !href.chars().any(|c| c.is_control() || c == '\\')
}

/// The URL to render for a link, or `None` when it must stay text: only http(s) URLs are
/// rendered; relative links resolve against `docs_base`, itself http(s).
pub fn resolve_href(docs_base: &str, href: &str) -> Option<String> {
    if is_http(href) {
        return Some(href.to_owned());
    }
    if !is_relative(href) || !is_http(docs_base) {
        return None;
    }
    let base = docs_base.trim_end_matches('/');
    Some(if href.starts_with('/') { format!("{base}{href}") } else { format!("{base}/{href}") })
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(resolve_href(base, "/zh/stack-deployment.html#切换操作系统部署").as_deref(), Some("https://support.websoft9.com/docs/zh/stack-deployment.html#切换操作系统部署"));
        assert_eq!(resolve_href("https://x.test/docs/", "a.html").as_deref(), Some("https://x.test/docs/a.html"));
        assert_eq!(resolve_href(base, "HTTP://a.test/").as_deref(), Some("HTTP://a.test/"));
        for bad in ["javascript:alert(1)", "JavaScript:alert(1)", "data:text/html,x", "//evil.test/x", "mailto:a@b.c", "", "vbscript:x"] {
            assert_eq!(resolve_href(base, bad), None, "{bad}");
        }
        assert_eq!(resolve_href("javascript:alert(1)//", "/x"), None);
    }
}
