//! The URL's hash, which holds the standalone page's route, and its query, which names the pack.

use gloo_events::EventListener;

fn location() -> Option<web_sys::Location> {
    crate::browser::window().map(|w| w.location())
}

/// `location.hash`, `""` when unavailable.
pub fn hash() -> String {
    location().and_then(|l| l.hash().ok()).unwrap_or_default()
}

/// `location.search` (`?pack=aliyun`), `""` when unavailable.
pub fn search() -> String {
    location().and_then(|l| l.search().ok()).unwrap_or_default()
}

/// Moves to `hash`, adding a history entry (so Back returns here).
pub fn push_hash(hash: &str) {
    if let Some(l) = location() {
        let _ = l.set_hash(hash);
    }
}

/// Rewrites the hash without a history entry and without a `hashchange` event. The URL is
/// spelled whole: a landing page's `<base>` would resolve a bare `#…` against the build's root.
pub fn replace_hash(hash: &str) {
    let Some(window) = crate::browser::window() else { return };
    let l = window.location();
    let (Ok(path), Ok(search)) = (l.pathname(), l.search()) else { return };
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&format!("{path}{search}{hash}")));
    }
}

/// Calls `f` with the new hash on every `hashchange` (links, Back, Forward, typed URLs).
pub fn on_hash_change(f: impl Fn(String) + 'static) -> Option<EventListener> {
    let window = crate::browser::window()?;
    Some(EventListener::new(&window, "hashchange", move |_| f(hash())))
}

/// The state of the history entry a modal view takes ([`push_modal_entry`]).
const MODAL_ENTRY: &str = "stepwise-modal";

/// A history entry taken by a modal view (the zoomed screenshot): Back, the back gesture
/// included, calls its `close` rather than leaving the place. Dropped while the entry is still
/// the current one (the view closed otherwise: Esc, a button), it goes back past it.
pub struct ModalEntry {
    _popstate: EventListener,
}

/// Adds a history entry for the same URL (no `hashchange`: the route stays) and calls `close`
/// when Back leaves it.
pub fn push_modal_entry(close: Box<dyn Fn()>) -> Option<ModalEntry> {
    let window = crate::browser::window()?;
    window.history().ok()?.push_state(&wasm_bindgen::JsValue::from_str(MODAL_ENTRY), "").ok()?;
    Some(ModalEntry { _popstate: EventListener::new(&window, "popstate", move |_| close()) })
}

impl Drop for ModalEntry {
    fn drop(&mut self) {
        let Some(history) = crate::browser::window().and_then(|w| w.history().ok()) else { return };
        if history.state().ok().and_then(|s| s.as_string()).as_deref() == Some(MODAL_ENTRY) {
            let _ = history.back();
        }
    }
}
