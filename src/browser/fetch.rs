//! Fetching the pack index and pack files: bytes or text by URL, with the failure told apart
//! (no answer at all, or an HTTP error status). Never panics.

use std::cell::RefCell;

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

thread_local! {
    /// The embed runtime's `take(url)`: the answer it fetched ahead (while the wasm was still
    /// downloading) for `url`, once, as a promise of a `Response` or `null`.
    static PREFETCHED: RefCell<Option<js_sys::Function>> = const { RefCell::new(None) };
}

/// Where to look first for answers fetched ahead (the widget's runtime gives one).
pub fn set_prefetched(take: Option<js_sys::Function>) {
    PREFETCHED.with(|p| *p.borrow_mut() = take);
}

/// The answer fetched ahead for `url`, if any (never an error: a failed one is fetched again).
async fn prefetched(url: &str) -> Option<web_sys::Response> {
    let take = PREFETCHED.with(|p| p.borrow().clone())?;
    let promise: js_sys::Promise = take.call1(&JsValue::NULL, &JsValue::from_str(url)).ok()?.dyn_into().ok()?;
    JsFuture::from(promise).await.ok()?.dyn_into().ok()
}

/// Why a fetch brought nothing back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FetchError {
    /// No answer: offline, refused, blocked (CORS, CSP).
    Unreachable,
    /// An answer that is not a success (404, 500…).
    Status(u16),
}

async fn response(url: &str) -> Result<web_sys::Response, FetchError> {
    let response = match prefetched(url).await {
        Some(r) => r,
        None => {
            let window = crate::browser::window().ok_or(FetchError::Unreachable)?;
            let answer = JsFuture::from(window.fetch_with_str(url)).await.map_err(|_| FetchError::Unreachable)?;
            answer.dyn_into().map_err(|_| FetchError::Unreachable)?
        }
    };
    if response.ok() {
        Ok(response)
    } else {
        Err(FetchError::Status(response.status()))
    }
}

/// The body's bytes.
pub async fn bytes(url: &str) -> Result<Vec<u8>, FetchError> {
    let response = response(url).await?;
    let promise = response.array_buffer().map_err(|_| FetchError::Unreachable)?;
    let buffer = JsFuture::from(promise).await.map_err(|_| FetchError::Unreachable)?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// The body as text.
pub async fn text(url: &str) -> Result<String, FetchError> {
    let response = response(url).await?;
    let promise = response.text().map_err(|_| FetchError::Unreachable)?;
    let text = JsFuture::from(promise).await.map_err(|_| FetchError::Unreachable)?;
    Ok(text.as_string().unwrap_or_default())
}
