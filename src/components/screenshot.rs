//! A step's screenshot: lazy, its box reserved from its size, zoomable, its regions
//! highlighted, on a small screen cropped to its first region; and when it cannot load, a
//! fallback that shows its alt text so the step stays usable, and a retry.
//!
//! No `style` attribute (a strict CSP forbids them): the image's box comes from its `width`
//! and `height` attributes, the fallback's through the CSSOM. The highlight and the crop are
//! SVG attributes in the image's own pixels ([`stepwise_core::highlight`]), so the prerendered
//! pages draw them too, without wasm:
//! - the whole picture is the `<img>` with an SVG of the same `viewBox` over it: the rest of the
//!   picture dimmed, a ring around each region, numbers where there are several; its `alt` says
//!   what is highlighted;
//! - the crop is an SVG whose `viewBox` is the crop, drawing the same URL (one download) and
//!   the same marks. The stylesheet's container queries show it in place of the whole picture
//!   where the column is narrower than the figure's `data-crop-below`, with a switch (a plain
//!   checkbox, so it works before and without the wasm) back to the whole picture;
//! - the button that enlarges it lies over the picture, empty (so the picture's own words and
//!   numbers are not read as the button's).

use stepwise_core::highlight::{self, Rect};
use stepwise_core::model::Screenshot;
use stepwise_core::text::resolve_href;
use yew::prelude::*;

use super::use_app;
use crate::state::Action;

#[derive(Properties, PartialEq)]
pub struct ScreenshotProps {
    pub shot: Screenshot,
}

#[component]
pub fn ScreenshotView(props: &ScreenshotProps) -> Html {
    let store = use_app().store;
    let failed = use_state(|| false);
    let fallback = use_node_ref();
    let shot = &props.shot;
    let m = store.messages();
    {
        let (fallback, ratio) = (fallback.clone(), format!("{} / {}", shot.width, shot.height));
        use_effect_with(*failed, move |_| {
            if let Some(el) = fallback.cast::<web_sys::HtmlElement>() {
                let _ = el.style().set_property("aspect-ratio", &ratio);
            }
        });
    }
    let src = resolve_href(store.docs_base(), &shot.src);
    let description = highlight::description(shot, m.highlighted);
    match src {
        Some(src) if !*failed => {
            let onerror = {
                let failed = failed.clone();
                Callback::from(move |_: Event| failed.set(true))
            };
            let onclick = {
                let (store, shot) = (store.clone(), shot.clone());
                Callback::from(move |_: MouseEvent| store.dispatch(Action::Zoom(shot.clone())))
            };
            let crop_below = highlight::crop_below(shot);
            let crop = crop_below.and(highlight::crop(shot)).map(|c| {
                html! {
                    <svg class="shot-crop" viewBox={view_box(c)} width={c.width.to_string()} height={c.height.to_string()} role="img" aria-label={description.clone()}>
                        <image href={src.clone()} width={shot.width.to_string()} height={shot.height.to_string()} onerror={onerror.clone()} />
                        { marks(shot) }
                    </svg>
                }
            });
            let whole_switch = crop_below.map(|_| {
                let whole = store.whole_screenshots;
                let store = store.clone();
                let onchange = Callback::from(move |e: Event| {
                    let input = e.target_dyn_into::<web_sys::HtmlInputElement>();
                    store.dispatch(Action::WholeScreenshots(input.is_some_and(|i| i.checked())));
                });
                html! {
                    <label class="shot-whole-switch">
                        <input type="checkbox" checked={whole} {onchange} />{ m.whole_screenshot }
                    </label>
                }
            });
            html! {
                <figure class="shot" data-crop-below={crop_below.map(|b| b.to_string())}>
                    <div class="shot-stage">
                        <span class="shot-whole">
                            <img {src} alt={description.clone()} loading="lazy" decoding="async"
                                width={shot.width.to_string()} height={shot.height.to_string()} {onerror} />
                            { whole_marks(shot) }
                        </span>
                        { crop.unwrap_or_default() }
                        // Over the picture, with no content of its own: the picture (and its
                        // numbers) stay the picture's to describe.
                        <button type="button" class="shot-button" {onclick} aria-label={(m.enlarge)(&shot.alt)}></button>
                    </div>
                    { whole_switch.unwrap_or_default() }
                </figure>
            }
        }
        _ => {
            // A screenshot that failed may load now (back online, the host fixed): the buyer
            // can ask again; the service worker goes to the network first.
            let retry = src.is_some().then(|| {
                let failed = failed.clone();
                let onclick = Callback::from(move |_: MouseEvent| failed.set(false));
                html! { <button type="button" class="button shot-retry" {onclick}>{ m.retry }</button> }
            });
            html! {
                <>
                    <figure ref={fallback} class="shot shot-missing" role="img" aria-label={format!("{}: {}", m.screenshot_unavailable, description)}>
                        <span class="shot-missing-icon" aria-hidden="true">{ "🖼" }</span>
                        <span class="shot-missing-alt" aria-hidden="true">{ shot.alt.as_str() }</span>
                        <span class="shot-missing-note" aria-hidden="true">{ m.screenshot_unavailable }</span>
                    </figure>
                    { retry.unwrap_or_default() }
                </>
            }
        }
    }
}

fn view_box(r: Rect) -> String {
    format!("{} {} {} {}", r.x, r.y, r.width, r.height)
}

/// The highlight over the whole picture (its own pixels as the SVG's coordinates), or nothing
/// for a screenshot without regions: the step's picture and the zoomed one draw it alike.
pub fn whole_marks(shot: &Screenshot) -> Html {
    if shot.regions.is_empty() {
        return Html::default();
    }
    html! {
        <svg class="shot-marks" viewBox={view_box(Rect { x: 0, y: 0, width: shot.width, height: shot.height })} aria-hidden="true">
            { marks(shot) }
        </svg>
    }
}

/// The highlight of `shot`'s regions, in its pixels: the rest dimmed, a ring around each, and
/// each one's number where there are several. (Colours, widths and forced colours: the stylesheet.)
fn marks(shot: &Screenshot) -> Html {
    let numbered = shot.regions.len() > 1;
    let size = highlight::badge_size(shot);
    let (radius, font_size) = ((size / 2).to_string(), (size * 3 / 5).to_string());
    html! {
        <>
            <path class="shot-dim" d={highlight::dim_path(shot)} fill-rule="evenodd" />
            { for shot.regions.iter().enumerate().map(|(i, r)| {
                let (x, y) = highlight::badge_centre(shot, r);
                let (x, y) = (x.to_string(), y.to_string());
                html! {
                    <>
                        <path class="shot-ring" d={highlight::outline(r)} />
                        if numbered {
                            <g class="shot-badge" font-size={font_size.clone()}>
                                <circle cx={x.clone()} cy={y.clone()} r={radius.clone()} />
                                <text {x} {y} text-anchor="middle" dominant-baseline="central">{ i + 1 }</text>
                            </g>
                        }
                    </>
                }
            }) }
        </>
    }
}
