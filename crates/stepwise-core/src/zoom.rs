//! The zoomed screenshot's geometry: how large the picture is drawn in the lightbox's viewport
//! and where, as the buyer pinches, taps, drags or presses keys. Plain numbers (CSS px of the
//! viewport, the picture's own px), so that the lightbox only measures and applies them.
//!
//! A [`View`] draws image pixel `(ix, iy)` at viewport point `(x + ix × scale, y + iy × scale)`.
//! Every view a function here returns is [`Frame::clamp`]ed: its scale between the fitted one
//! and [`MAX_SCALE`], and the picture never moved off where it could fill the viewport (a side
//! larger than the viewport covers it; a smaller one is centred).

use crate::model::Region;

/// The largest scale: twice the picture's own size.
pub const MAX_SCALE: f64 = 2.0;
/// Below this fitted scale the lightbox opens on the first region at the picture's own size
/// (the fitted picture's text would be too small to read: about where a step's screenshot shows
/// its crop).
pub const OPEN_ON_REGION_BELOW: f64 = 0.6;
/// The pan of an arrow key, as a share of the viewport.
pub const KEY_PAN: f64 = 0.2;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct View {
    pub scale: f64,
    pub x: f64,
    pub y: f64,
}

/// The viewport's size (CSS px) and the picture's (its own px).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Frame {
    pub width: f64,
    pub height: f64,
    pub image_width: f64,
    pub image_height: f64,
}

impl Frame {
    /// The scale at which the whole picture fits the viewport (never above its own size).
    pub fn fit(&self) -> f64 {
        (self.width / self.image_width).min(self.height / self.image_height).min(1.0)
    }

    /// The whole picture, fitted and centred.
    pub fn fitted(&self) -> View {
        self.clamp(View { scale: self.fit(), x: 0.0, y: 0.0 })
    }

    /// `v` made valid: scale within [fit, MAX_SCALE]; on each axis the picture covers the
    /// viewport where it is larger, and is centred where it is smaller.
    pub fn clamp(&self, v: View) -> View {
        let fit = self.fit();
        let scale = if v.scale.is_finite() { v.scale.clamp(fit, MAX_SCALE.max(fit)) } else { fit };
        let axis = |at: f64, viewport: f64, image: f64| {
            let drawn = image * scale;
            if drawn <= viewport {
                (viewport - drawn) / 2.0
            } else if at.is_finite() {
                at.clamp(viewport - drawn, 0.0)
            } else {
                0.0
            }
        };
        View { scale, x: axis(v.x, self.width, self.image_width), y: axis(v.y, self.height, self.image_height) }
    }

    /// `v` at `scale`, the viewport point `(px, py)` kept over the same image pixel (a pinch's
    /// centre, a double tap's place), then clamped.
    pub fn zoom_at(&self, v: View, scale: f64, px: f64, py: f64) -> View {
        let ratio = scale / v.scale;
        self.clamp(View { scale, x: px - (px - v.x) * ratio, y: py - (py - v.y) * ratio })
    }

    /// `v` moved by `(dx, dy)` CSS px (a drag, an arrow key), clamped.
    pub fn pan(&self, v: View, dx: f64, dy: f64) -> View {
        self.clamp(View { scale: v.scale, x: v.x + dx, y: v.y + dy })
    }

    /// The zoom levels the + and − buttons and keys step through: fitted, the picture's own
    /// size, twice it (1:1 is one press from the fitted view).
    fn levels(&self) -> [f64; 3] {
        [self.fit(), 1.0, MAX_SCALE]
    }

    /// The next level up from `v`, around the viewport's centre (`v` itself at the largest).
    pub fn zoom_in(&self, v: View) -> View {
        let next = self.levels().into_iter().find(|l| *l > v.scale * 1.01).unwrap_or(v.scale);
        self.zoom_at(v, next, self.width / 2.0, self.height / 2.0)
    }

    /// The next level down from `v`, around the viewport's centre.
    pub fn zoom_out(&self, v: View) -> View {
        let next = self.levels().into_iter().rev().find(|l| *l < v.scale / 1.01).unwrap_or(v.scale);
        self.zoom_at(v, next, self.width / 2.0, self.height / 2.0)
    }

    /// A double tap at `(px, py)`: to the picture's own size there, or back to fitted where it is
    /// already that large.
    pub fn double_tap(&self, v: View, px: f64, py: f64) -> View {
        if v.scale < 0.99 { self.zoom_at(v, 1.0, px, py) } else { self.fitted() }
    }

    /// What a key does to `v`: `+` (or `=`) zooms in, `-` out, `0` shows the whole picture, the
    /// arrows pan by [`KEY_PAN`] of the viewport; `None` for any other key. (The − and + buttons
    /// are these keys.)
    pub fn key(&self, v: View, key: &str) -> Option<View> {
        let (dx, dy) = match key {
            "+" | "=" => return Some(self.zoom_in(v)),
            "-" => return Some(self.zoom_out(v)),
            "0" => return Some(self.fitted()),
            "ArrowLeft" => (1.0, 0.0),
            "ArrowRight" => (-1.0, 0.0),
            "ArrowUp" => (0.0, 1.0),
            "ArrowDown" => (0.0, -1.0),
            _ => return None,
        };
        Some(self.pan(v, dx * self.width * KEY_PAN, dy * self.height * KEY_PAN))
    }

    /// Where the lightbox opens: on `region` at the picture's own size where the fitted view
    /// draws it below [`OPEN_ON_REGION_BELOW`] of that; else fitted.
    pub fn opening(&self, region: Option<&Region>) -> View {
        match region {
            Some(r) if self.fit() < OPEN_ON_REGION_BELOW => {
                let centre = |at: u32, len: u32, viewport: f64| viewport / 2.0 - (f64::from(at) + f64::from(len) / 2.0);
                self.clamp(View { scale: 1.0, x: centre(r.x, r.width, self.width), y: centre(r.y, r.height, self.height) })
            }
            _ => self.fitted(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A phone's lightbox: 351 × 500 CSS px, a 1280 × 720 screenshot.
    const PHONE: Frame = Frame { width: 351.0, height: 500.0, image_width: 1280.0, image_height: 720.0 };

    #[test]
    fn fitted_is_the_whole_picture_centred() {
        let v = PHONE.fitted();
        assert!((v.scale - 351.0 / 1280.0).abs() < 1e-9);
        assert_eq!(v.x, 0.0);
        assert!((v.y - (500.0 - 720.0 * v.scale) / 2.0).abs() < 1e-9);
        // A picture smaller than the viewport is never enlarged to fit.
        let small = Frame { width: 1000.0, height: 800.0, image_width: 400.0, image_height: 300.0 };
        assert_eq!(small.fitted(), View { scale: 1.0, x: 300.0, y: 250.0 });
    }

    #[test]
    fn one_to_one_is_one_press_or_one_double_tap_away_and_two_presses_reach_the_largest() {
        let fitted = PHONE.fitted();
        assert_eq!(PHONE.zoom_in(fitted).scale, 1.0);
        assert_eq!(PHONE.zoom_in(PHONE.zoom_in(fitted)).scale, MAX_SCALE);
        assert_eq!(PHONE.zoom_in(PHONE.zoom_in(PHONE.zoom_in(fitted))).scale, MAX_SCALE);
        assert_eq!(PHONE.zoom_out(PHONE.zoom_in(fitted)), fitted);
        let tapped = PHONE.double_tap(fitted, 100.0, 250.0);
        assert_eq!(tapped.scale, 1.0);
        assert_eq!(PHONE.double_tap(tapped, 10.0, 10.0), fitted);
    }

    #[test]
    fn keys_zoom_fit_and_pan_the_way_they_point() {
        let v = PHONE.zoom_in(PHONE.fitted());
        assert_eq!(PHONE.key(v, "+"), Some(PHONE.zoom_in(v)));
        assert_eq!(PHONE.key(v, "-"), Some(PHONE.fitted()));
        assert_eq!(PHONE.key(v, "0"), Some(PHONE.fitted()));
        // → shows what is to the right: the picture moves left.
        assert!(PHONE.key(v, "ArrowRight").unwrap().x < v.x);
        assert!(PHONE.key(v, "ArrowLeft").unwrap().x > v.x);
        assert_eq!(PHONE.key(v, "Enter"), None);
    }

    #[test]
    fn a_double_tap_keeps_the_tapped_pixel_under_the_finger() {
        let fitted = PHONE.fitted();
        // Viewport (200, 250) shows image pixel ((200 − x) / s, (250 − y) / s).
        let pixel = ((200.0 - fitted.x) / fitted.scale, (250.0 - fitted.y) / fitted.scale);
        let v = PHONE.double_tap(fitted, 200.0, 250.0);
        assert!((v.x + pixel.0 * v.scale - 200.0).abs() < 1e-6 && (v.y + pixel.1 * v.scale - 250.0).abs() < 1e-6, "{v:?}");
    }

    #[test]
    fn it_opens_on_the_region_at_its_own_size_where_fitting_shrinks_it() {
        let region = Region { x: 412, y: 88, width: 160, height: 40, label: String::new() };
        let v = PHONE.opening(Some(&region));
        assert_eq!(v.scale, 1.0);
        // The region's centre at the viewport's centre, as far as the picture's edges allow.
        assert_eq!(v.x, 351.0 / 2.0 - 492.0);
        assert_eq!(v.y, 0.0, "the region is near the top: the picture's top edge stops it");
        let desktop = Frame { width: 1205.0, height: 640.0, ..PHONE };
        assert!((desktop.fit() - 0.889).abs() < 1e-3);
        assert_eq!(desktop.opening(Some(&region)), desktop.fitted(), "fitted at 0.89: readable");
        assert_eq!(PHONE.opening(None), PHONE.fitted());
    }

    proptest::proptest! {
        #[test]
        fn every_view_is_in_bounds(w in 100.0f64..2000.0, h in 100.0f64..2000.0, iw in 50.0f64..4000.0, ih in 50.0f64..4000.0,
                                   scale in -1.0f64..5.0, x in -5000.0f64..5000.0, y in -5000.0f64..5000.0, px in 0.0f64..1.0, py in 0.0f64..1.0) {
            let f = Frame { width: w, height: h, image_width: iw, image_height: ih };
            let start = f.clamp(View { scale, x, y });
            for v in [start, f.zoom_at(start, scale * 3.0, px * w, py * h), f.pan(start, x, y), f.zoom_in(start), f.zoom_out(start), f.double_tap(start, px * w, py * h)] {
                proptest::prop_assert!(v.scale >= f.fit() - 1e-9 && v.scale <= MAX_SCALE.max(f.fit()) + 1e-9, "{v:?}");
                for (at, viewport, image) in [(v.x, w, iw), (v.y, h, ih)] {
                    let drawn = image * v.scale;
                    if drawn <= viewport {
                        proptest::prop_assert!((at - (viewport - drawn) / 2.0).abs() < 1e-6, "centred: {v:?}");
                    } else {
                        proptest::prop_assert!(at <= 1e-6 && at + drawn >= viewport - 1e-6, "covers the viewport: {v:?}");
                    }
                }
            }
        }
    }
}
