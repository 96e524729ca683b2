//! One locale of a pack decoded by one format. Built for wasm32 with exactly one of the
//! features `json`, `postcard`, `bincode` (or none: the baseline, which decodes nothing), it
//! exports `alloc` and `decode` for `bench/formats.mjs`; natively all are on for the binary.

use stepwise_core::model::LocaleContent;

#[cfg(feature = "json")]
pub fn decode_json(bytes: &[u8]) -> Option<LocaleContent> {
    serde_json::from_slice(bytes).ok()
}

#[cfg(feature = "postcard")]
pub fn decode_postcard(bytes: &[u8]) -> Option<LocaleContent> {
    postcard::from_bytes(bytes).ok()
}

#[cfg(feature = "bincode")]
pub fn decode_bincode(bytes: &[u8]) -> Option<LocaleContent> {
    bincode::deserialize(bytes).ok()
}

/// Steps in the content: what `decode` returns, so that nothing is optimised away.
pub fn steps(c: &LocaleContent) -> u32 {
    c.procedures().map(|(_, p)| p.steps.len() as u32).sum()
}

fn decode_any(bytes: &[u8]) -> Option<LocaleContent> {
    #[cfg(feature = "json")]
    return decode_json(bytes);
    #[cfg(all(feature = "postcard", not(feature = "json")))]
    return decode_postcard(bytes);
    #[cfg(all(feature = "bincode", not(any(feature = "json", feature = "postcard"))))]
    return decode_bincode(bytes);
    #[cfg(not(any(feature = "json", feature = "postcard", feature = "bincode")))]
    {
        let _ = bytes;
        None
    }
}

/// Room for `len` bytes, for the caller to fill.
#[no_mangle]
pub extern "C" fn alloc(len: usize) -> *mut u8 {
    let mut v = Vec::<u8>::with_capacity(len);
    let p = v.as_mut_ptr();
    std::mem::forget(v);
    p
}

/// Decodes `len` bytes at `ptr` (given by `alloc`, then freed); the number of steps, or 0.
///
/// # Safety
/// `ptr` comes from `alloc(len)` and holds `len` initialised bytes.
#[no_mangle]
pub unsafe extern "C" fn decode(ptr: *mut u8, len: usize) -> u32 {
    let bytes = Vec::from_raw_parts(ptr, len, len);
    let n = decode_any(&bytes).map_or(0, |c| steps(&c));
    drop(bytes);
    n
}
