//! The standalone page's offline features, done by its PWA shell (`pwa/pwa.js`, plain JS):
//! the app asks and listens through DOM events on `window`. Nothing here exists in a widget.

use gloo_events::EventListener;
use js_sys::{Array, Reflect};
use stepwise_core::protocol::{PageEvent, UPDATE_FLAG_ATTRIBUTE};
use wasm_bindgen::prelude::*;
use web_sys::{CustomEvent, CustomEventInit};

/// Whether this page can keep screenshots: the Cache API and service workers both exist.
pub fn available() -> bool {
    let Some(window) = crate::browser::window() else { return false };
    Reflect::has(&window, &JsValue::from_str("caches")).unwrap_or(false)
        && Reflect::has(&window.navigator(), &JsValue::from_str("serviceWorker")).unwrap_or(false)
}

fn tell(kind: PageEvent, detail: &JsValue) {
    let Some(window) = crate::browser::window() else { return };
    let init = CustomEventInit::new();
    init.set_detail(detail);
    if let Ok(e) = CustomEvent::new_with_event_init_dict(kind.as_str(), &init) {
        let _ = window.dispatch_event(&e);
    }
}

fn listen(kind: PageEvent, f: impl Fn(JsValue) + 'static) -> Option<EventListener> {
    let window = crate::browser::window()?;
    Some(EventListener::new(&window, kind.as_str(), move |e| {
        f(e.dyn_ref::<CustomEvent>().map(CustomEvent::detail).unwrap_or(JsValue::UNDEFINED))
    }))
}

/// Calls `f` once a new version waits (at once if it already does).
pub fn on_update_ready(f: impl Fn() + 'static) -> Option<EventListener> {
    let ready = crate::browser::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
        .and_then(|el| el.get_attribute(UPDATE_FLAG_ATTRIBUTE))
        .is_some();
    if ready {
        f();
    }
    listen(PageEvent::UpdateReady, move |_| f())
}

/// Switches to the waiting version (the page reloads).
pub fn apply_update() {
    tell(PageEvent::ApplyUpdate, &JsValue::UNDEFINED);
}

/// How far "save all" has gone.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SaveProgress {
    pub saved: usize,
    /// Could not be downloaded (or answered with an error).
    pub failed: usize,
    /// Downloaded, but not kept: the storage the browser gives the page is full.
    pub full: usize,
}

impl SaveProgress {
    pub fn done(&self) -> usize {
        self.saved + self.failed + self.full
    }
}

/// Downloads `urls` into the screenshot cache (the service worker does, by its rules);
/// `progress` after each.
pub fn save_all(urls: &[String], progress: impl Fn(SaveProgress) + 'static) -> Option<EventListener> {
    let listener = listen(PageEvent::SaveProgress, move |d| {
        let n = |i: u32| Reflect::get_u32(&d, i).ok().and_then(|v| v.as_f64()).filter(|v| v.is_finite() && *v >= 0.0).unwrap_or(0.0) as usize;
        progress(SaveProgress { saved: n(0), failed: n(1), full: n(2) });
    });
    let list: Array = urls.iter().map(|u| JsValue::from_str(u)).collect();
    tell(PageEvent::SaveAll, &list);
    listener
}
