//! The page around us. Every function here survives a missing window, a throwing storage,
//! or an odd host page: it returns a neutral value instead of panicking.

pub mod document;
pub mod fetch;
pub mod location;
pub mod offline;
pub mod storage;
pub mod time;

/// The page's window: `None` outside a browser (the build's prerenderer renders the same
/// components natively, where every function here gives its neutral value).
pub fn window() -> Option<web_sys::Window> {
    #[cfg(target_arch = "wasm32")]
    return web_sys::window();
    #[cfg(not(target_arch = "wasm32"))]
    return None;
}
