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
