//! Fetching the pack index and pack files: bytes or text by URL, with the failure told apart
//! (no answer at all, or an HTTP error status). Never panics.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Why a fetch brought nothing back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FetchError {
    /// No answer: offline, refused, blocked (CORS, CSP).
    Unreachable,
    /// An answer that is not a success (404, 500…).
    Status(u16),
}

async fn response(url: &str) -> Result<web_sys::Response, FetchError> {
    let window = web_sys::window().ok_or(FetchError::Unreachable)?;
    let answer = JsFuture::from(window.fetch_with_str(url)).await.map_err(|_| FetchError::Unreachable)?;
    let response: web_sys::Response = answer.dyn_into().map_err(|_| FetchError::Unreachable)?;
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
