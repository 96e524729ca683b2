//! `localStorage`, best effort: a disabled, full or throwing storage reads as empty and
//! ignores writes. What it returns is data to validate, never to trust.

fn storage() -> Option<web_sys::Storage> {
    // `window.localStorage` itself throws when storage is disabled.
    crate::browser::window()?.local_storage().ok().flatten()
}

/// The value at `key`, `None` when absent, unreadable or too large to be ours.
pub fn load(key: &str) -> Option<String> {
    storage()?.get_item(key).ok().flatten().filter(|v| v.len() <= 2048)
}

/// Stores `value` at `key`; a failure (quota, privacy mode) is ignored.
pub fn save(key: &str, value: &str) {
    if let Some(s) = storage() {
        let _ = s.set_item(key, value);
    }
}
