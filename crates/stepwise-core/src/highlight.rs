//! What a screenshot's regions become on screen: the outline of the dimmed rest of the picture,
//! where each region's number sits, and the words that tell a screen reader what is
//! highlighted. Plain values (SVG path data and numbers in the image's own pixels), so the
//! views can draw them with attributes only: no `style` (a strict CSP), no wasm needed for the
//! prerendered pages. (Issue 25: the views that draw them come with the room in the code
//! budget to pay for them.)

use crate::model::{Region, Screenshot};

/// SVG path data for the whole image with each region cut out (drawn with `fill-rule:
/// evenodd`): the part of the picture that is dimmed.
pub fn dim_path(shot: &Screenshot) -> String {
    let mut d = format!("M0 0H{}V{}H0Z", shot.width, shot.height);
    for r in shot.regions.iter() {
        d.push_str(&format!("M{} {}h{}v{}h-{}Z", r.x, r.y, r.width, r.height, r.width));
    }
    d
}

/// The side of a region's number badge, in the image's pixels: about a thirtieth of the
/// image's longer side, so that it stays readable however small the picture is drawn.
pub fn badge_size(shot: &Screenshot) -> u32 {
    (shot.width.max(shot.height) / 30).max(12)
}

/// Where a region's number badge goes (its top-left corner): on the region's top-left corner,
/// moved inside the image where that corner is near an edge.
pub fn badge_at(shot: &Screenshot, region: &Region) -> (u32, u32) {
    let size = badge_size(shot);
    let place = |at: u32, side: u32| at.saturating_sub(size / 2).min(side.saturating_sub(size));
    (place(region.x, shot.width), place(region.y, shot.height))
}

/// The screenshot's description with what is highlighted on it, for screen readers:
/// `the order list; highlighted: the Billing menu, Search` (`highlighted` in the buyer's
/// language). Regions without a label add nothing; without any, the alt text alone.
pub fn description(shot: &Screenshot, highlighted: &str) -> String {
    let labels: Vec<&str> = shot.regions.iter().map(|r| r.label.as_str()).filter(|l| !l.is_empty()).collect();
    if labels.is_empty() {
        return shot.alt.clone();
    }
    format!("{}; {highlighted}: {}", shot.alt, labels.join(", "))
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
        assert_eq!(badge_at(&s, &region(412, 88, "")), (391, 67));
        assert_eq!(badge_at(&s, &region(0, 0, "")), (0, 0));
        assert_eq!(badge_at(&s, &Region { x: 1270, y: 715, width: 10, height: 5, label: String::new() }), (1238, 678));
    }

    #[test]
    fn the_description_names_what_is_highlighted() {
        assert_eq!(description(&shot(vec![region(1, 1, "the Billing menu"), region(2, 2, ""), region(3, 3, "Search")]), "highlighted"), "the order list; highlighted: the Billing menu, Search");
        assert_eq!(description(&shot(vec![region(1, 1, "")]), "highlighted"), "the order list");
    }
}
