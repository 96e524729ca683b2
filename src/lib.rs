//! Stepwise in the browser: the Yew components and the thin glue to the page.
//!
//! - [`content`]: the packs, fetched as pack files named by an index (`stepwise-cli build`),
//!   decoded once and kept as `&'static`.
//! - [`state`]: the app's state and actions, plain data with no DOM; the one place a route,
//!   a search or a zoomed screenshot changes.
//! - [`browser`]: everything that talks to the page (location, storage, clock, `Intl`); each
//!   call tolerates a hostile or broken environment and never panics.
//! - [`host`]: the one boundary with the page around the app: an adapter for the standalone
//!   page (hash, title, lang, service worker) and one for the embedded widget (memory routes,
//!   commands and events, the dialog), given to components through context.
//! - [`components`]: one view a file (a component where it has state of its own, else a
//!   function); views read state and dispatch actions, ask the host adapter for what depends
//!   on the page, and leave rules (deadlines, search, routes) to `stepwise-core`.
//! - [`widget`]: the embedded widget's entry, what the loader calls.
//!
//! Dependencies point one way: `widget` and `start_standalone` → `components` → `host` →
//! `state`, `browser`, `content` → `stepwise-core`.
//!
//! Each way of use is a cargo feature and a wasm of its own (`Cargo.toml`): `page` (the
//! standalone page, `start_standalone`, [`host`]'s page adapter) and `widget` (the
//! [`widget`] entry, the widget adapter). What both share is compiled into both; what only
//! one needs is not downloaded by the buyers of the other.

pub mod browser;
pub mod components;
pub mod content;
pub mod host;
#[cfg(feature = "ssr")]
pub mod prerender;
pub mod state;
#[cfg(feature = "widget")]
pub mod widget;

/// Mounts the standalone help page on the element marked `data-stepwise-page`, owning the
/// URL's hash; the pack is a landing page's own, else the query's (`?pack=`), else the index's
/// first. Prerendered markup stays on screen until the app has drawn its first view in a
/// detached copy of the element, which then takes its place ([`host::page`]). Does nothing on
/// any other page.
#[cfg(feature = "page")]
pub fn start_standalone() {
    use stepwise_core::protocol::page;
    use wasm_bindgen::JsCast;
    let Some(document) = browser::window().and_then(|w| w.document()) else { return };
    let Ok(Some(element)) = document.query_selector(&format!("[{}]", page::ROOT)) else { return };
    let html = document.document_element();
    let attr = |name: &str| html.as_ref().and_then(|h| h.get_attribute(name));
    let pack = attr(page::PACK).or_else(|| stepwise_core::route::pack_param(&browser::location::search()));
    let landing = attr(page::ROUTE).unwrap_or_default();
    let (root, takeover) = match attr(page::PRERENDERED).and_then(|_| element.clone_node().ok()?.dyn_into::<web_sys::Element>().ok()) {
        Some(live) => (live.clone(), Some((element, live))),
        None => {
            element.set_text_content(None);
            (element, None)
        }
    };
    let host = host::HostHandle(std::rc::Rc::new(host::page::PageHost::new(landing, pack.clone(), takeover)));
    let source = content::Source::Index { url: stepwise_core::protocol::PACK_INDEX.to_owned(), pack };
    let props = components::app::AppProps { content: content::ContentStore::new(source, None), host };
    yew::Renderer::<components::app::App>::with_root_and_props(root, props).render();
}
