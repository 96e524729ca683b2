//! What a screenshot's regions become on screen: the outline of the dimmed rest of the picture,
//! where each region's number sits, and the words that tell a screen reader what is
//! highlighted. Plain values (SVG path data and numbers in the image's own pixels), so the
//! views can draw them with attributes only: no `style` (a strict CSP), no wasm needed for the
//! prerendered pages.

use crate::model::{Region, Screenshot};

/// SVG path data for the whole image with each region cut out (drawn with `fill-rule:
/// evenodd`): the part of the picture that is dimmed.
pub fn dim_path(shot: &Screenshot) -> String {
    let mut d = format!("M0 0H{}V{}H0Z", shot.width, shot.height);
    for r in shot.regions.iter() {
        d.push_str(&outline(r));
    }
    d
}

/// SVG path data for a region's outline: its ring.
pub fn outline(r: &Region) -> String {
    format!("M{} {}h{}v{}h-{}Z", r.x, r.y, r.width, r.height, r.width)
}

/// The side of a region's number badge, in the image's pixels: about a thirtieth of the
/// image's longer side, so that it stays readable however small the picture is drawn.
pub fn badge_size(shot: &Screenshot) -> u32 {
    (shot.width.max(shot.height) / 30).max(12)
}

/// Where a region's number badge goes (its centre): on the region's top-left corner, moved
/// inside the image where that corner is near an edge.
pub fn badge_centre(shot: &Screenshot, region: &Region) -> (u32, u32) {
    let size = badge_size(shot);
    let place = |at: u32, side: u32| at.saturating_sub(size / 2).min(side.saturating_sub(size)) + size / 2;
    (place(region.x, shot.width), place(region.y, shot.height))
}

/// The screenshot's description with what is highlighted on it, for screen readers, as the
/// buyer's language words it (`highlighted`, [`crate::i18n::Messages::highlighted`]):
/// `the order list; highlighted: the Billing menu, Search`. Regions without a label add
/// nothing; without any, the alt text alone.
pub fn description(shot: &Screenshot, highlighted: fn(&str, &[&str]) -> String) -> String {
    let labels: Vec<&str> = shot.regions.iter().map(|r| r.label.as_str()).filter(|l| !l.is_empty()).collect();
    if labels.is_empty() {
        return shot.alt.clone();
    }
    highlighted(&shot.alt, &labels)
}

/// A rectangle in the image's own pixels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rect {
    pub x: u32,
    pub y: u32,
    pub width: u32,
    pub height: u32,
}

/// The context kept around a region in the crop, in the image's pixels.
pub const CROP_CONTEXT: u32 = 48;
/// The widest crop, in the image's pixels: a phone's column is 270 CSS px on a 320 px screen,
/// 310 on a 360 px one and 325 on a 375 px one, so it is drawn at 0.93 of its size on the
/// smallest phones and at its own size from 360 px screens on (never larger).
pub const CROP_WIDTH: u32 = 288;

/// What a small screen shows of the screenshot: its first region with [`CROP_CONTEXT`] around
/// it, [`CROP_WIDTH`] wide where the region fits (wider only for a wider region), at least
/// 3/5 as high as wide, centred on the region and moved inside the image; `None` without a
/// region.
pub fn crop(shot: &Screenshot) -> Option<Rect> {
    let r = shot.regions.first()?;
    let width = (r.width + 2 * CROP_CONTEXT).max(CROP_WIDTH).min(shot.width);
    let height = (r.height + 2 * CROP_CONTEXT).max(width * 3 / 5).min(shot.height);
    // Centred on the region, then inside the image.
    let place = |start: u32, len: u32, crop: u32, side: u32| (start + len / 2).saturating_sub(crop / 2).min(side - crop);
    Some(Rect { x: place(r.x, r.width, width, shot.width), y: place(r.y, r.height, height, shot.height), width, height })
}

/// The column widths (CSS px) below which a screenshot may show its crop: small screens only
/// (the page's column is 670 px wide from 768 px screens on, where the whole picture shows and
/// the lightbox enlarges it). The stylesheet has one container query for each
/// (`assets/stepwise.css`; a test holds them to this list).
pub const CROP_BREAKPOINTS: [u32; 4] = [400, 480, 560, 640];

/// The column width (one of [`CROP_BREAKPOINTS`]) below which the screenshot shows its
/// [`crop`] in place of the whole picture: about where the whole would be drawn at less than
/// 0.6 of its size, on a small screen. `None` without a region, or where the crop is nearly
/// the whole width (it would be drawn no larger).
pub fn crop_below(shot: &Screenshot) -> Option<u32> {
    let c = crop(shot)?;
    if c.width * 10 >= shot.width * 9 {
        return None;
    }
    let at = shot.width * 3 / 5;
    CROP_BREAKPOINTS.into_iter().min_by_key(|b| b.abs_diff(at))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shot(regions: Vec<Region>) -> Screenshot {
        Screenshot { src: "a.png".into(), alt: "the order list".into(), width: 1280, height: 720, regions }
    }

    fn region(x: u32, y: u32, label: &str) -> Region {
        Region { x, y, width: 160, height: 40, label: label.into() }
    }

    #[test]
    fn the_dimmed_part_is_the_image_with_each_region_cut_out() {
        assert_eq!(dim_path(&shot(vec![region(412, 88, "")])), "M0 0H1280V720H0ZM412 88h160v40h-160Z");
        assert_eq!(dim_path(&shot(vec![])), "M0 0H1280V720H0Z");
    }

    #[test]
    fn a_badge_sits_on_its_regions_corner_inside_the_image() {
        let s = shot(vec![]);
        assert_eq!(badge_size(&s), 42);
        assert_eq!(badge_centre(&s, &region(412, 88, "")), (412, 88));
        assert_eq!(badge_centre(&s, &region(0, 0, "")), (21, 21));
        assert_eq!(badge_centre(&s, &Region { x: 1270, y: 715, width: 10, height: 5, label: String::new() }), (1259, 699));
    }

    #[test]
    fn the_description_names_what_is_highlighted() {
        let three = shot(vec![region(1, 1, "the Billing menu"), region(2, 2, ""), region(3, 3, "Search")]);
        assert_eq!(description(&three, crate::i18n::messages("en").highlighted), "the order list; highlighted: the Billing menu, Search");
        assert_eq!(description(&three, crate::i18n::messages("zh-CN").highlighted), "the order list；标出：the Billing menu、Search");
        assert_eq!(description(&shot(vec![region(1, 1, "")]), crate::i18n::messages("en").highlighted), "the order list");
    }

    #[test]
    fn the_crop_is_the_first_region_with_context_inside_the_image() {
        let s = shot(vec![region(412, 88, "the Billing menu"), region(900, 20, "")]);
        assert_eq!(crop(&s), Some(Rect { x: 348, y: 22, width: 288, height: 172 }));
        assert_eq!(crop(&shot(vec![])), None);
        // A region wider than a crop: the crop grows to hold it and its context.
        let wide = shot(vec![Region { x: 100, y: 300, width: 600, height: 40, label: String::new() }]);
        assert_eq!(crop(&wide), Some(Rect { x: 52, y: 112, width: 696, height: 417 }));
    }

    #[test]
    fn the_crop_shows_where_the_whole_would_be_drawn_below_about_six_tenths() {
        let at = |width: u32| crop_below(&Screenshot { width, ..shot(vec![region(10, 10, "")]) });
        assert_eq!(at(800), Some(480), "480 px: 0.6 of its width");
        assert_eq!(at(640), Some(400));
        assert_eq!(at(1280), Some(640), "768 px, a small screen's widest");
        assert_eq!(at(3000), Some(640));
        assert_eq!(at(320), None, "a crop of 288 of 320 px draws nothing larger");
        assert_eq!(crop_below(&shot(vec![])), None);
    }

    proptest::proptest! {
        #[test]
        fn the_crop_holds_the_region_and_stays_inside_the_image(w in 1u32..3000, h in 1u32..3000, a: u32, b: u32, c: u32, d: u32) {
            // Any region inside a w × h image.
            let (rx, ry) = (a % w, b % h);
            let (rw, rh) = (1 + c % (w - rx), 1 + d % (h - ry));
            let s = Screenshot { src: "a.png".into(), alt: "a".into(), width: w, height: h, regions: vec![Region { x: rx, y: ry, width: rw, height: rh, label: String::new() }] };
            let c = crop(&s).unwrap();
            proptest::prop_assert!(c.x + c.width <= w && c.y + c.height <= h, "inside the image: {c:?}");
            proptest::prop_assert!(c.x <= rx && rx + rw <= c.x + c.width && c.y <= ry && ry + rh <= c.y + c.height, "holds the region: {c:?}");
            proptest::prop_assert!(c.width <= CROP_WIDTH.max(rw + 2 * CROP_CONTEXT));
        }
    }
}
