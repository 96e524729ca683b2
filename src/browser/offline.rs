//! "Save all screenshots for offline use": downloads a pack's screenshots into the cache the
//! service worker serves them from. One image failing does not stop the others.

use js_sys::Reflect;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Cache, RequestInit, RequestMode, Response, ResponseType};

/// The service worker's screenshot cache (see pwa/sw.js).
const SHOTS_CACHE: &str = "stepwise-shots";

/// Whether this page can keep screenshots (the Cache API exists and a worker can serve them).
pub fn available() -> bool {
    let Some(window) = web_sys::window() else { return false };
    Reflect::has(&window, &JsValue::from_str("caches")).unwrap_or(false)
        && Reflect::has(&window.navigator(), &JsValue::from_str("serviceWorker")).unwrap_or(false)
}

/// Downloads `urls` one after another into the screenshot cache, calling `progress(saved,
/// failed)` after each.
pub async fn save_all(urls: Vec<String>, progress: impl Fn(usize, usize)) {
    let (mut saved, mut failed) = (0, 0);
    let cache = match open_cache().await {
        Some(c) => c,
        None => {
            progress(0, urls.len());
            return;
        }
    };
    for url in urls {
        if save_one(&cache, &url).await {
            saved += 1;
        } else {
            failed += 1;
        }
        progress(saved, failed);
    }
}

async fn open_cache() -> Option<Cache> {
    let caches = web_sys::window()?.caches().ok()?;
    JsFuture::from(caches.open(SHOTS_CACHE)).await.ok().map(JsCast::unchecked_into)
}

async fn save_one(cache: &Cache, url: &str) -> bool {
    let Some(window) = web_sys::window() else { return false };
    // The screenshots live on another origin without CORS headers, as an <img> fetches them.
    let init = RequestInit::new();
    init.set_mode(RequestMode::NoCors);
    let Ok(response) = JsFuture::from(window.fetch_with_str_and_init(url, &init)).await else { return false };
    let response: Response = response.unchecked_into();
    if !(response.ok() || response.type_() == ResponseType::Opaque) {
        return false;
    }
    JsFuture::from(cache.put_with_str(url, &response)).await.is_ok()
}
