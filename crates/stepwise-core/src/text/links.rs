//! Which links may be rendered: http(s) URLs with a host, and paths relative to a docs site,
//! resolved against its base. Everything else (another scheme, user info, characters a URL or
//! HTML would read otherwise) is text.

use super::bidi::{is_bidi_control, is_zero_width};

/// A character that may not be in a URL or a slug: controls, spaces, bidirectional controls,
/// zero-width characters, and what HTML or a URL would read as a delimiter.
pub fn is_unsafe_in_url(c: char) -> bool {
    c.is_control()
        || c.is_whitespace()
        || is_bidi_control(c)
        || is_zero_width(c)
        || matches!(c, '"' | '<' | '>' | '\\' | '^' | '`' | '{' | '|' | '}')
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

