//! What an image's Markdown title (or an `<img>`'s `data-regions`) says of the screenshot: its
//! size and the places on it the step points at. A title renders as a tooltip on the seller's
//! own docs site, and a `data-` attribute not at all, so both stay harmless there.
//!
//! ```text
//! title   = [size] { region }            words apart; a title that is neither is a tooltip
//! size    = "=" width ("x" | "×") height  "=1280x720"
//! region  = "[" x "," y "," width "," height [ " " label ] "]"
//!                                        "[412,88,160,40 the Billing menu]", in the image's pixels
//! ```
//!
//! `![订单列表](orders.png "=1280x720 [412,88,160,40 费用菜单] [900,20,80,30]")`, or
//! `<img src="orders.png" alt="订单列表" width="1280" height="720" data-regions="[412,88,160,40 费用菜单]">`.
//! Whether a region lies inside its image is checked where the image's size is known
//! (`section::screenshots`).

use crate::model::Region;

/// What an image's Markdown title says of its size.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImageSize {
    /// No size (no title, or a title that is words): the pack's `screenshot_size`.
    Unsaid,
    /// `=1280x720`: width and height in pixels.
    Given { width: u32, height: u32 },
    /// A title that starts like a size (`=`) but is not one, as written (a warning names it).
    Unreadable(String),
}

/// An image title read: its size, its regions, and each `[…]` that is not a region, as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageTitle {
    pub size: ImageSize,
    pub regions: Vec<Region>,
    pub unreadable: Vec<String>,
}

impl ImageTitle {
    /// Reads a Markdown image title. A title that is words (`"Orders"`) says nothing here.
    pub fn parse(title: &str) -> ImageTitle {
        let title = title.trim();
        let (size_part, rest) = match title.strip_prefix('=') {
            Some(_) => title.split_at(title.find('[').unwrap_or(title.len())),
            None if title.starts_with('[') => ("", title),
            None => return ImageTitle { size: ImageSize::Unsaid, regions: Vec::new(), unreadable: Vec::new() },
        };
        let size = match size_part.trim() {
            "" => ImageSize::Unsaid,
            t => match super::manifest::parse_size(t) {
                Some((width, height)) => ImageSize::Given { width, height },
                None => ImageSize::Unreadable(t.to_owned()),
            },
        };
        let (regions, unreadable) = parse_regions(rest);
        ImageTitle { size, regions, unreadable }
    }
}

/// The regions of `text` (`[412,88,160,40 the Billing menu] [900,20,80,30]`), and each piece
/// that is not one, as written (text outside brackets, a bracket left open, bad numbers).
pub fn parse_regions(text: &str) -> (Vec<Region>, Vec<String>) {
    let (mut regions, mut unreadable) = (Vec::new(), Vec::new());
    let mut rest = text.trim();
    while !rest.is_empty() {
        let Some(after) = rest.strip_prefix('[') else {
            // Words outside a bracket: up to the next region, as written.
            let end = rest.find('[').unwrap_or(rest.len());
            unreadable.push(rest[..end].trim().to_owned());
            rest = rest[end..].trim_start();
            continue;
        };
        let Some(close) = after.find(']') else {
            unreadable.push(rest.to_owned());
            break;
        };
        match region(&after[..close]) {
            Some(r) => regions.push(r),
            None => unreadable.push(rest[..close + 2].to_owned()),
        }
        rest = after[close + 1..].trim_start();
    }
    (regions, unreadable)
}

/// `412,88,160,40 the Billing menu`: four numbers joined by commas (spaces around them and
/// full-width commas allowed), then the label, which may hold commas and start with a digit.
fn region(inside: &str) -> Option<Region> {
    let inside = inside.replace('，', ",");
    let mut parts = inside.splitn(4, ',');
    let (x, y, width) = (parts.next()?, parts.next()?, parts.next()?);
    let last = parts.next()?.trim_start();
    let (height, label) = last.split_once(char::is_whitespace).unwrap_or((last, ""));
    let number = |s: &str| {
        let s = s.trim();
        (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse::<u32>().ok()).flatten()
    };
    let label = label.split_whitespace().collect::<Vec<_>>().join(" ");
    Some(Region { x: number(x)?, y: number(y)?, width: number(width)?, height: number(height)?, label })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(x: u32, y: u32, width: u32, height: u32, label: &str) -> Region {
        Region { x, y, width, height, label: label.to_owned() }
    }

    #[test]
    fn a_title_with_a_size_and_regions() {
        let t = ImageTitle::parse("=1280x720 [412,88,160,40 the Billing menu] [900, 20, 80, 30]");
        assert_eq!(t.size, ImageSize::Given { width: 1280, height: 720 });
        assert_eq!(t.regions, vec![r(412, 88, 160, 40, "the Billing menu"), r(900, 20, 80, 30, "")]);
        assert!(t.unreadable.is_empty());
    }

    #[test]
    fn a_title_of_words_is_a_tooltip() {
        assert_eq!(ImageTitle::parse("Orders [sic]"), ImageTitle { size: ImageSize::Unsaid, regions: vec![], unreadable: vec![] });
        assert_eq!(ImageTitle::parse("").size, ImageSize::Unsaid);
        assert_eq!(ImageTitle::parse(" =800×600 ").size, ImageSize::Given { width: 800, height: 600 });
        assert_eq!(ImageTitle::parse("=big").size, ImageSize::Unreadable("=big".into()));
        assert_eq!(ImageTitle::parse("=0x720").size, ImageSize::Unreadable("=0x720".into()));
    }

    #[test]
    fn regions_without_a_size_are_read_for_the_check_to_refuse() {
        let t = ImageTitle::parse("[1,2,3,4 费用菜单]");
        assert_eq!((t.size, t.regions), (ImageSize::Unsaid, vec![r(1, 2, 3, 4, "费用菜单")]));
    }

    #[test]
    fn a_label_may_start_with_a_digit_and_commas_may_be_full_width() {
        assert_eq!(parse_regions("[1，2，3，4 2nd tab, left]").0, vec![r(1, 2, 3, 4, "2nd tab, left")]);
    }

    #[test]
    fn what_is_not_a_region_is_named_as_written() {
        let (regions, unreadable) = parse_regions("[1,2,3] [a,b,c,d] [5,6,7,8] words [9,9,9,9");
        assert_eq!(regions, vec![r(5, 6, 7, 8, "")]);
        assert_eq!(unreadable, vec!["[1,2,3]", "[a,b,c,d]", "words", "[9,9,9,9"]);
        assert_eq!(parse_regions("[1,2,3,99999999999]").1, vec!["[1,2,3,99999999999]"]);
        assert_eq!(parse_regions("[-1,2,3,4]").1, vec!["[-1,2,3,4]"]);
    }

    proptest::proptest! {
        #[test]
        fn a_region_written_in_the_grammar_reads_back(x: u32, y: u32, width: u32, height: u32, label in "[a-zA-Z0-9费用菜单 ,.()-]{0,24}", spaced: bool) {
            let sep = if spaced { ", " } else { "," };
            let written = format!("=1280x720 [{x}{sep}{y}{sep}{width}{sep}{height} {label}]");
            let t = ImageTitle::parse(&written);
            let label = label.split_whitespace().collect::<Vec<_>>().join(" ");
            proptest::prop_assert_eq!(t.regions, vec![Region { x, y, width, height, label }]);
            proptest::prop_assert!(t.unreadable.is_empty());
        }
    }
}
