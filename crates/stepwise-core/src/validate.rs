//! What a pack's content must hold to be shown: every invariant the views rely on, checked on
//! each pack file the app decodes (a file is untrusted input: a seller's server, a cache, a
//! hand-edited or hostile file may hold any postcard that decodes) and on each file the CLI
//! writes (so the CLI never builds what the app would refuse).
//!
//! The rules:
//! - the pack's id (its folder's name) is a plain file name: ASCII letters, digits, `-`, `_`
//!   ([`crate::route::plain_name`]: it names the pack's files, pages and storage keys);
//! - every slug is a name, nothing a URL, a path or HTML reads as a delimiter ([`is_name`]);
//!   a procedure's slug is not reserved, not all digits, and is unique;
//! - every locale is a language tag ([`crate::language_tag`]); the pack lists each once, its
//!   default and the file's own locale among them;
//! - the docs base is an http(s) URL ([`crate::text::http_url`]);
//! - the refund rule's window is 1 day to [`MAX_WINDOW_DAYS`], its offset within ±14 h, its
//!   quota at most [`MAX_YEARLY_QUOTA`], and the procedures it names exist;
//! - every procedure has at least one step, and the procedures it suggests exist;
//! - a screenshot's address is http(s) or relative, its size 1 to 10,000 px each way; it has
//!   at most [`MAX_REGIONS`] regions, each at least 1 px each way and inside the image;
//! - a callout's or tab's body lies within the blocks that hold it, nested at most
//!   [`MAX_NESTING`] deep;
//! - no text holds a control character but tab and line feed, and none is longer than
//!   [`MAX_TEXT`] bytes; the file has at most [`MAX_PROCEDURES`] procedures and each at most
//!   [`MAX_STEPS`] steps.

use crate::language_tag::is_language_tag;
use crate::model::{Block, LocaleContent, PackInfo, Procedure, Screenshot, Span};
use crate::policy::{RefundPolicy, WindowBasis};
use crate::route::{plain_name, RESERVED_SLUGS};
use crate::text::{http_url, is_http, is_relative, is_unsafe_in_url};

/// The longest a single text may be, in bytes (a title, a paragraph's run, a code block). Far
/// beyond any help page; it bounds what a hostile file can make the page lay out.
pub const MAX_TEXT: usize = 1 << 20;
/// The most procedures one locale of a pack may hold.
pub const MAX_PROCEDURES: usize = 20_000;
/// The most steps one procedure may hold.
pub const MAX_STEPS: usize = 1_000;
/// The longest a slug may be, in bytes.
pub use crate::model::MAX_NAME;
/// The longest refund window a pack may declare, in days.
pub const MAX_WINDOW_DAYS: u32 = 366;
/// The largest yearly refund quota a pack may declare.
pub const MAX_YEARLY_QUOTA: u32 = 10_000;
/// How deep callouts and tabs may nest (pages nest two at most).
pub const MAX_NESTING: usize = 4;
/// The largest screenshot side, in pixels.
pub const MAX_SCREENSHOT_SIDE: u32 = 10_000;
/// The most regions a screenshot may have: they are numbered 1 to 9 on it.
pub const MAX_REGIONS: usize = 9;

/// Why content is not fit to be shown: the first rule it breaks, in words for the seller
/// (the buyer sees "damaged").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Invalid(pub &'static str);

impl std::fmt::Display for Invalid {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0)
    }
}

/// A name (a slug): 1 to [`MAX_NAME`] bytes, not `.` or `..`, with nothing a URL, a path or
/// HTML would read as more than a letter: no control, space, bidirectional or zero-width
/// character ([`is_unsafe_in_url`]), and none of `/ ? # % : & '`. Every slug the importer makes
/// (letters and digits of any script, `-`, `_`, `.`) is one. (The rule names what it refuses
/// rather than what it accepts: "letters of any script" would bring Unicode's tables, 4 KB,
/// into the wasm.)
pub fn is_name(s: &str) -> bool {
    let delimiter = |c: char| is_unsafe_in_url(c) || matches!(c, '/' | '?' | '#' | '%' | ':' | '&' | '\'');
    !s.is_empty() && s.len() <= MAX_NAME && s != "." && s != ".." && !s.contains(delimiter)
}

/// Whether a procedure may take `slug` (a name, not one the routes reserve, not all digits).
pub fn is_procedure_slug(slug: &str) -> bool {
    is_name(slug) && !RESERVED_SLUGS.contains(&slug) && !slug.bytes().all(|b| b.is_ascii_digit())
}

/// A text that may be shown: at most [`MAX_TEXT`] bytes, no control character but tab and
/// line feed.
pub fn is_text(s: &str) -> bool {
    s.len() <= MAX_TEXT && !s.chars().any(|c| c.is_control() && c != '\t' && c != '\n')
}

fn rule(ok: bool, broken: &'static str) -> Result<(), Invalid> {
    if ok {
        Ok(())
    } else {
        Err(Invalid(broken))
    }
}

/// Checks what a pack file says of its pack.
pub fn pack_info(info: &PackInfo) -> Result<(), Invalid> {
    rule(plain_name(&info.id), "the pack's id (its folder's name) is not 1 to 80 ASCII letters, digits, - and _")?;
    rule(!info.available.is_empty(), "the pack lists no locale")?;
    for (i, l) in info.available.iter().enumerate() {
        rule(is_language_tag(l), "a locale of the pack is not a language tag")?;
        rule(!info.available[..i].iter().any(|m| m.eq_ignore_ascii_case(l)), "the pack lists a locale twice")?;
    }
    rule(info.has_locale(&info.default_locale), "the pack's default locale is not one of its locales")?;
    rule(http_url(&info.docs_base).is_some(), "the pack's docs base is not an http(s) URL")?;
    if let Some(refund) = &info.refund {
        policy(&refund.policy)?;
    }
    Ok(())
}

/// Checks a refund rule's numbers.
pub fn policy(p: &RefundPolicy) -> Result<(), Invalid> {
    let most = match p.basis {
        WindowBasis::Hours => MAX_WINDOW_DAYS * 24,
        WindowBasis::CalendarDaysInclusive => MAX_WINDOW_DAYS,
    };
    rule((1..=most).contains(&p.window), "the refund window is empty or longer than a year")?;
    rule(p.offset_minutes.unsigned_abs() <= 14 * 60, "the refund rule's UTC offset is beyond ±14 hours")?;
    rule(p.yearly_quota <= MAX_YEARLY_QUOTA, "the yearly refund quota is too large")
}

/// Checks one locale's content against its pack.
pub fn content(info: &PackInfo, content: &LocaleContent) -> Result<(), Invalid> {
    rule(info.has_locale(&content.locale), "the file's locale is not one of the pack's")?;
    rule(is_text(&content.title), "the page's title is not text that can be shown")?;
    blocks(&content.intro)?;
    let procedures: Vec<&Procedure> = content.procedures().map(|(_, p)| p).collect();
    rule(procedures.len() <= MAX_PROCEDURES, "the file holds too many procedures")?;
    for topic in content.topics.iter() {
        rule(is_name(&topic.slug), "a topic's slug is not a name")?;
        rule(is_text(&topic.title), "a topic's title is not text that can be shown")?;
        blocks(&topic.notes)?;
        for s in topic.statements.iter() {
            spans(s)?;
        }
    }
    // The slugs, sorted: each look-up is a binary search, so that a file of thousands of
    // procedures is checked in O(n log n).
    let mut slugs: Vec<&str> = procedures.iter().map(|p| &*p.slug).collect();
    slugs.sort_unstable();
    rule(slugs.windows(2).all(|w| w[0] != w[1]), "two procedures have the same slug")?;
    let known = |slug: &str| slugs.binary_search(&slug).is_ok();
    for p in procedures.iter() {
        rule(is_procedure_slug(&p.slug), "a procedure's slug is not a name a procedure may take")?;
        rule(is_text(&p.title), "a procedure's title is not text that can be shown")?;
        rule(!p.steps.is_empty(), "a procedure has no steps")?;
        rule(p.steps.len() <= MAX_STEPS, "a procedure has too many steps")?;
        rule(p.related.iter().all(|r| known(r)), "a procedure suggests one the file does not have")?;
        blocks(&p.intro)?;
        blocks(&p.outro)?;
        for step in p.steps.iter() {
            spans(&step.text)?;
            blocks(&step.details)?;
            for shot in step.screenshots.iter() {
                screenshot(shot)?;
            }
        }
    }
    if let Some(refund) = &info.refund {
        for slug in [&refund.start, &refund.flow].into_iter().flatten() {
            rule(content.procedure(slug).is_some(), "the refund rule names a procedure the file does not have")?;
        }
    }
    Ok(())
}

fn screenshot(shot: &Screenshot) -> Result<(), Invalid> {
    rule(is_http(&shot.src) || is_relative(&shot.src), "a screenshot's address is not http(s) or relative")?;
    rule(is_text(&shot.alt), "a screenshot's alt text is not text that can be shown")?;
    let side = 1..=MAX_SCREENSHOT_SIDE;
    rule(side.contains(&shot.width) && side.contains(&shot.height), "a screenshot's size is not 1 to 10,000 px")?;
    rule(shot.regions.len() <= MAX_REGIONS, "a screenshot has more than 9 regions")?;
    for r in shot.regions.iter() {
        rule(is_text(&r.label), "a region's label is not text that can be shown")?;
        rule(region_fits(r.x, r.y, r.width, r.height, shot.width, shot.height), "a region does not lie inside its screenshot")?;
    }
    Ok(())
}

/// Whether a region (`x`, `y`, `width`, `height`) is at least 1 px each way and lies inside an
/// image of `image_width` × `image_height` px.
pub fn region_fits(x: u32, y: u32, width: u32, height: u32, image_width: u32, image_height: u32) -> bool {
    let inside = |at: u32, len: u32, side: u32| len >= 1 && at.checked_add(len).is_some_and(|end| end <= side);
    inside(x, width, image_width) && inside(y, height, image_height)
}

fn blocks(blocks: &[Block]) -> Result<(), Invalid> {
    containers(blocks, 0)?;
    for b in blocks {
        match b {
            Block::Code(t) | Block::Heading(t) | Block::Tab { label: t, .. } => rule(is_text(t), "a code block, heading or tab label is not text that can be shown")?,
            Block::Image(shot) => screenshot(shot)?,
            _ => {
                for p in b.paragraphs() {
                    spans(p)?;
                }
            }
        }
    }
    Ok(())
}

/// Every container's body lies within the blocks left to its own container, and containers
/// nest at most [`MAX_NESTING`] deep (a callout in a tab in a callout is three).
fn containers(blocks: &[Block], depth: usize) -> Result<(), Invalid> {
    let mut rest = blocks;
    while let Some((first, after)) = rest.split_first() {
        rest = after;
        if let Block::Callout { body, .. } | Block::Tab { body, .. } = first {
            let body = *body as usize;
            rule(body <= after.len(), "a callout or tab claims more blocks than follow it")?;
            rule(depth < MAX_NESTING, "callouts and tabs nest too deep")?;
            containers(&after[..body], depth + 1)?;
            rest = &after[body..];
        }
    }
    Ok(())
}

fn spans(spans: &[Span]) -> Result<(), Invalid> {
    for s in spans {
        let ok = match s {
            Span::Text(t) | Span::Menu(t) | Span::Label(t) => is_text(t),
            Span::Path(segments) => segments.iter().all(|t| is_text(t)),
            Span::Link { text, href } => is_text(text) && is_text(href),
        };
        rule(ok, "a paragraph holds text that cannot be shown")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        for ok in ["invoice", "发票", "step-1.2", "a_b"] {
            assert!(is_name(ok), "{ok}");
        }
        for bad in ["", ".", "..", "../x", "a/b", "a\\b", "a b", "a\u{202E}b", "a\u{200B}b", "a%2F", "a?b", "a#b", "a:b", "a<b", "a\"b", "a\nb", &"a".repeat(MAX_NAME + 1)] {
            assert!(!is_name(bad), "{bad:?}");
        }
        assert!(!is_procedure_slug("refund-checker") && !is_procedure_slug("12") && is_procedure_slug("a12"));
    }

    #[test]
    fn policies() {
        let huawei = RefundPolicy::HUAWEI;
        assert!(policy(&huawei).is_ok());
        for bad in [
            RefundPolicy { offset_minutes: i32::MIN, ..huawei },
            RefundPolicy { offset_minutes: 14 * 60 + 1, ..huawei },
            RefundPolicy { window: 0, ..huawei },
            RefundPolicy { window: MAX_WINDOW_DAYS * 24 + 1, ..huawei },
            RefundPolicy { yearly_quota: MAX_YEARLY_QUOTA + 1, ..huawei },
        ] {
            assert!(policy(&bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn texts() {
        assert!(is_text("line\nnext\ttab"));
        for bad in ["nul\0", "bell\u{7}", "cr\r", "del\u{7f}", "c1\u{85}"] {
            assert!(!is_text(bad), "{bad:?}");
        }
        assert!(is_text(&"a".repeat(MAX_TEXT)) && !is_text(&"a".repeat(MAX_TEXT + 1)));
    }
}
