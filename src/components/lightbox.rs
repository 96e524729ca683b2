//! The zoomed screenshot: a native modal `<dialog>` (focus kept inside, Esc closes, the
//! page behind inert), focus returned to the screenshot that opened it.
//!
//! The picture zooms and pans inside a viewport: pinch and drag (pointer events, so touch, pen
//! and mouse alike), a double tap (to its own size there, and back), the − and + buttons and
//! keys (`-`, `+`, `0` for the whole picture, arrows to pan). It opens on its first region.
//! On the standalone page Back (the back gesture too) closes it.
//! The geometry is [`stepwise_core::zoom`]'s; here the pointers are followed and each view is
//! applied through the CSSOM (a strict CSP allows that, not `style` attributes), without a
//! render: the picture moves in the frame after the event.

use std::cell::RefCell;
use std::rc::Rc;

use gloo_events::{EventListener, EventListenerOptions};
use stepwise_core::model::Screenshot;
use stepwise_core::zoom::{Frame, View};
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, PointerEvent};
use yew::prelude::*;

use super::{use_app, AppContext};
use crate::state::Action;

#[derive(Properties, PartialEq)]
pub struct LightboxProps {
    pub shot: Screenshot,
}

/// Two taps within this many ms and CSS px make a double tap.
const DOUBLE_TAP_MS: f64 = 350.0;
const DOUBLE_TAP_PX: f64 = 30.0;
/// A pointer that moves more than this (CSS px) drags; less, it taps.
const TAP_SLOP_PX: f64 = 6.0;

/// What the viewport knows between events.
#[derive(Default)]
struct Zoom {
    frame: Option<Frame>,
    view: Option<View>,
    /// The pointers down, by id, at their last place in the viewport.
    pointers: Vec<(i32, f64, f64)>,
    /// A pinch under way: the pointers' distance and the scale when it started.
    pinch: Option<(f64, f64)>,
    /// Whether the pointers down have moved beyond a tap.
    moved: bool,
    /// The last tap: its time and place.
    tap: Option<(f64, f64, f64)>,
}

type ZoomSlot = Rc<RefCell<Zoom>>;

/// Draws `v` on the picture; `step` animates it (a button, a key, a double tap: not a finger's
/// own movement), unless the buyer prefers reduced motion (the stylesheet).
fn apply(picture: &NodeRef, zoom: &mut Zoom, v: View, step: bool) {
    zoom.view = Some(v);
    if let Some(el) = picture.cast::<HtmlElement>() {
        let _ = el.class_list().toggle_with_force("zoom-step", step);
        let (x, y, scale) = (css_number(v.x), css_number(v.y), css_number(v.scale));
        let _ = el.style().set_property("transform", &format!("translate({x}px,{y}px) scale({scale})"));
    }
}

/// `v` written for CSS to a thousandth, with integers only: formatting an `f64` itself brought
/// Rust's float formatter into the wasm, 4.6 KB brotli (measured).
fn css_number(v: f64) -> String {
    let thousandths = (v * 1000.0).round() as i64;
    let sign = if thousandths < 0 { "-" } else { "" };
    let n = thousandths.unsigned_abs();
    format!("{sign}{}.{:03}", n / 1000, n % 1000)
}

/// The length of `(dx, dy)` (CSS px: no overflow to guard against, so not `f64::hypot`, whose
/// careful version the wasm would carry).
fn distance(dx: f64, dy: f64) -> f64 {
    (dx * dx + dy * dy).sqrt()
}

/// The event's place in the viewport (CSS px from its top-left corner).
fn place(viewport: &NodeRef, e: &PointerEvent) -> (f64, f64) {
    let rect = viewport.cast::<web_sys::Element>().map(|v| v.get_bounding_client_rect());
    rect.map_or((0.0, 0.0), |r| (f64::from(e.client_x()) - r.left(), f64::from(e.client_y()) - r.top()))
}

/// The pointer events the viewport follows, all with [`follow_pointer`].
const POINTER_EVENTS: [&str; 4] = ["pointerdown", "pointermove", "pointerup", "pointercancel"];

/// Follows the pointers on the viewport: one drags (pans), two pinch (zoom about their
/// middle), a second tap soon after one in the same place is a double tap.
fn follow_pointer(z: &mut Zoom, viewport: &NodeRef, picture: &NodeRef, e: &PointerEvent) {
    let (x, y) = place(viewport, e);
    let id = e.pointer_id();
    let (Some(f), Some(v)) = (z.frame, z.view) else { return };
    match e.type_().as_str() {
        "pointerdown" => {
            if let Some(el) = e.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) {
                let _ = el.set_pointer_capture(id);
            }
            z.pointers.retain(|p| p.0 != id);
            z.pointers.push((id, x, y));
            z.moved = z.pointers.len() > 1;
            z.pinch = match z.pointers.as_slice() {
                [a, b] => Some((distance(a.1 - b.1, a.2 - b.2).max(1.0), v.scale)),
                _ => None,
            };
            e.prevent_default();
        }
        "pointermove" => {
            let Some(i) = z.pointers.iter().position(|p| p.0 == id) else { return };
            let (_, px, py) = z.pointers[i];
            z.pointers[i] = (id, x, y);
            let next = match (z.pinch, z.pointers.as_slice()) {
                (Some((start, scale)), [a, b]) => {
                    let apart = distance(a.1 - b.1, a.2 - b.2);
                    f.zoom_at(v, scale * apart / start, (a.1 + b.1) / 2.0, (a.2 + b.2) / 2.0)
                }
                _ if !z.moved && distance(x - px, y - py) < TAP_SLOP_PX => return,
                _ => {
                    z.moved = true;
                    f.pan(v, x - px, y - py)
                }
            };
            apply(picture, z, next, false);
        }
        // Up or cancelled.
        kind => {
            let was_down = z.pointers.iter().any(|p| p.0 == id);
            z.pointers.retain(|p| p.0 != id);
            z.pinch = None;
            if !was_down || z.moved || kind == "pointercancel" {
                z.moved = !z.pointers.is_empty();
                z.tap = None;
                return;
            }
            let now = e.time_stamp();
            match z.tap.take() {
                Some((at, tx, ty)) if now - at < DOUBLE_TAP_MS && distance(x - tx, y - ty) < DOUBLE_TAP_PX => apply(picture, z, f.double_tap(v, x, y), true),
                _ => z.tap = Some((now, x, y)),
            }
        }
    }
}

#[component]
pub fn Lightbox(props: &LightboxProps) -> Html {
    let AppContext { store, host } = use_app();
    let dialog = use_node_ref();
    let viewport = use_node_ref();
    let picture = use_node_ref();
    let zoom: ZoomSlot = use_mut_ref(Zoom::default);
    let shot = &props.shot;
    {
        let (dialog, viewport, picture, zoom, shot, host) = (dialog.clone(), viewport.clone(), picture.clone(), zoom.clone(), shot.clone(), host.clone());
        use_effect_with(shot.src.clone(), move |_| {
            let back = {
                let dialog = dialog.clone();
                host.back_closes(Box::new(move || {
                    if let Some(d) = dialog.cast::<web_sys::HtmlDialogElement>() {
                        d.close();
                    }
                }))
            };
            let d = dialog.cast::<web_sys::HtmlDialogElement>();
            let opener = d.as_ref().and_then(|d| crate::browser::document::active_element(d));
            if let Some(d) = d {
                if !d.open() {
                    let _ = d.show_modal();
                }
            }
            // The picture at its own size, moved and scaled by its transform; the viewport measured
            // once it shows.
            if let (Some(v), Some(p)) = (viewport.cast::<web_sys::Element>(), picture.cast::<HtmlElement>()) {
                let _ = p.style().set_property("width", &format!("{}px", shot.width));
                let _ = p.style().set_property("height", &format!("{}px", shot.height));
                let r = v.get_bounding_client_rect();
                let frame = Frame { width: r.width(), height: r.height(), image_width: f64::from(shot.width), image_height: f64::from(shot.height) };
                let mut z = zoom.borrow_mut();
                z.frame = Some(frame);
                apply(&picture, &mut z, frame.opening(shot.regions.first()), false);
            }
            let pointers = viewport.get().map(|v| {
                let follow: Rc<dyn Fn(&web_sys::Event)> = Rc::new(move |e| {
                    if let Some(e) = e.dyn_ref::<PointerEvent>() {
                        follow_pointer(&mut zoom.borrow_mut(), &viewport, &picture, e);
                    }
                });
                POINTER_EVENTS.map(|kind| {
                    let follow = follow.clone();
                    EventListener::new_with_options(&v, kind, EventListenerOptions::enable_prevent_default(), move |e| follow(e))
                })
            });
            move || {
                drop((back, pointers));
                if let Some(el) = opener.and_then(|e| e.dyn_into::<HtmlElement>().ok()) {
                    if el.is_connected() {
                        let _ = el.focus();
                    }
                }
            }
        });
    }
    // A change of view from the current one (a button, a key), animated.
    // A key's change of view ([`Frame::key`]; the buttons press keys too), animated; whether
    // the key made one.
    let press = {
        let (picture, zoom) = (picture.clone(), zoom.clone());
        move |key: &str| {
            let mut z = zoom.borrow_mut();
            let next = z.frame.zip(z.view).and_then(|(f, v)| f.key(v, key));
            next.inspect(|&v| apply(&picture, &mut z, v, true)).is_some()
        }
    };
    let onkeydown = {
        let press = press.clone();
        Callback::from(move |e: KeyboardEvent| {
            if press(&e.key()) {
                e.prevent_default();
            }
        })
    };
    let zoom_in = {
        let press = press.clone();
        Callback::from(move |_: MouseEvent| {
            press("+");
        })
    };
    let zoom_out = Callback::from(move |_: MouseEvent| {
        press("-");
    });
    let m = store.messages();
    let on_close = {
        let store = store.clone();
        Callback::from(move |_: Event| store.dispatch(Action::Unzoom))
    };
    let close_button = {
        let dialog = dialog.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(d) = dialog.cast::<web_sys::HtmlDialogElement>() {
                d.close();
            }
        })
    };
    // A click on the backdrop (the dialog itself, outside its content) closes it.
    let on_backdrop = {
        let dialog = dialog.clone();
        Callback::from(move |e: MouseEvent| {
            let d = dialog.cast::<web_sys::HtmlDialogElement>();
            if let (Some(d), Some(t)) = (d, e.target()) {
                if d.is_same_node(t.dyn_ref::<web_sys::Node>()) {
                    d.close();
                }
            }
        })
    };
    let src = stepwise_core::text::resolve_href(store.docs_base(), &shot.src).unwrap_or_default();
    html! {
        <dialog ref={dialog} class="lightbox" aria-label={shot.alt.to_string()} onclose={on_close} onclick={on_backdrop} {onkeydown}>
            <div class="lightbox-body">
                <div class="lightbox-tools">
                    <button type="button" class="button" onclick={zoom_out} aria-label={m.zoom_out}>{ "−" }</button>
                    <button type="button" class="button" onclick={zoom_in} aria-label={m.zoom_in}>{ "+" }</button>
                    <button type="button" class="button lightbox-close" onclick={close_button} autofocus=true>{ m.close }</button>
                </div>
                <div ref={viewport} class="lightbox-view">
                    <span ref={picture} class="shot-whole">
                        <img {src} alt={stepwise_core::highlight::description(shot, m.highlighted)} draggable="false" />
                        { super::screenshot::whole_marks(shot) }
                    </span>
                </div>
                <p class="lightbox-caption">{ shot.alt.as_str() }</p>
            </div>
        </dialog>
    }
}
