//! Fetching the pack index and pack files: bytes by URL, with the failure told apart
//! (no answer at all, or an HTTP error status). Never panics.

use wasm_bindgen::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen]
extern "C" {
    /// The answers the embed runtime fetched ahead, while the wasm was still downloading
    /// (`embed/runtime.js`, handed to [`crate::widget::mount_widget`]).
    pub type Prefetched;
    /// The answer fetched ahead for `url`, once: a promise of a `Response` or `null`.
    #[wasm_bindgen(method, catch)]
    fn take(this: &Prefetched, url: &str) -> Result<JsValue, JsValue>;
}

impl Prefetched {
    /// The answer fetched ahead for `url`, if there is one (never an error: what fails is
    /// fetched again).
    pub fn answer(&self, url: &str) -> Option<js_sys::Promise> {
        self.take(url).ok()?.dyn_into().ok()
    }
}

/// How long a fetch may wait for its answer, and then for its body, before it counts as no
/// answer: a server that stalls gets the "cannot be reached" message and its retry, never an
/// endless "Loading". (A body is a pack file, a few KB; 15 s is 3 MB at 1.6 Mbps.)
pub const TIMEOUT_MS: i32 = 15_000;

/// A promise that rejects after [`TIMEOUT_MS`] (never, outside a browser).
fn deadline() -> js_sys::Promise {
    js_sys::Promise::new(&mut |_, reject| {
        if let Some(window) = crate::browser::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&reject, TIMEOUT_MS);
        }
    })
}

/// `promise`, or an error once `deadline` has passed.
async fn within(promise: js_sys::Promise, deadline: &js_sys::Promise) -> Result<JsValue, JsValue> {
    JsFuture::from(js_sys::Promise::race(&js_sys::Array::of2(&promise, deadline))).await
}

/// Why a fetch brought nothing back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FetchError {
    /// No answer: offline, refused, blocked (CORS, CSP).
    Unreachable,
    /// An answer that is not a success (404, 500…).
    Status(u16),
}

/// The answer for `url`: the one fetched `ahead` if given (and it comes in time), else a fetch.
async fn response(url: &str, ahead: Option<js_sys::Promise>, deadline: &js_sys::Promise) -> Result<web_sys::Response, FetchError> {
    let ahead = match ahead {
        Some(promise) => within(promise, deadline).await.map_err(|_| FetchError::Unreachable)?.dyn_into::<web_sys::Response>().ok(),
        None => None,
    };
    let response = match ahead {
        Some(r) => r,
        None => {
            let answer = within(start_fetch(url)?, deadline).await.map_err(|_| FetchError::Unreachable)?;
            answer.dyn_into().map_err(|_| FetchError::Unreachable)?
        }
    };
    if response.ok() {
        Ok(response)
    } else {
        Err(FetchError::Status(response.status()))
    }
}

/// The page's `fetch(url)`, called so that what it throws (a host page may replace `fetch`
/// with anything) is an error here, never an exception through the wasm.
fn start_fetch(url: &str) -> Result<js_sys::Promise, FetchError> {
    let window = crate::browser::window().ok_or(FetchError::Unreachable)?;
    let fetch: js_sys::Function = js_sys::Reflect::get(&window, &JsValue::from_str("fetch")).ok().and_then(|f| f.dyn_into().ok()).ok_or(FetchError::Unreachable)?;
    let answer = fetch.call1(&window, &JsValue::from_str(url)).map_err(|_| FetchError::Unreachable)?;
    answer.dyn_into().map_err(|_| FetchError::Unreachable)
}

/// The body's bytes: the answer within [`TIMEOUT_MS`], then the body within as long again.
/// `ahead`: the answer fetched ahead for `url`, if any.
pub async fn bytes(url: &str, ahead: Option<js_sys::Promise>) -> Result<Vec<u8>, FetchError> {
    let response = response(url, ahead, &deadline()).await?;
    let promise = response.array_buffer().map_err(|_| FetchError::Unreachable)?;
    let buffer = within(promise, &deadline()).await.map_err(|_| FetchError::Unreachable)?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

