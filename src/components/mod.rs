//! The UI, one view a file. Views read [`crate::state::AppState`] and the host adapter from
//! one context ([`AppContext`]) and dispatch [`crate::state::Action`]s; navigation is always
//! a [`link::link`] or the host adapter's `navigate`, so the route has one owner (the URL's
//! hash on the page, the state in a widget), and whatever depends on the page around the app
//! is asked of the adapter.
//!
//! A view with state or effects of its own (the list's "show more", the checker's input, the
//! panel's dialog, a screenshot's fallback, the lightbox, offline saving) is a component, and
//! so is a leaf that takes data and callbacks, testable alone (a procedure's [`link::Card`]);
//! the others are functions of the context (`link`, `spans`, `blocks`, `wizard`,
//! `page_frame`…): fewer component instances, and each component adds code to the wasm.

pub mod app;
pub mod frame;
pub mod hooks;
pub mod lightbox;
pub mod link;
pub mod loading;
pub mod locale_switch;
pub mod policy_summary;
pub mod procedure_list;
pub mod refund_checker;
pub mod save_offline;
pub mod screenshot;
pub mod spans;
pub mod update_banner;
pub mod wizard;

use yew::prelude::*;

pub use crate::state::Store;

/// What [`app::App`] gives every component through context: the store and the host adapter,
/// in one context (one provider, one lookup).
#[derive(Clone, PartialEq)]
pub struct AppContext {
    pub store: Store,
    pub host: crate::host::HostHandle,
}

/// The context (components live only inside [`app::App`]).
#[hook]
pub fn use_app() -> AppContext {
    use_context::<AppContext>().expect("components are rendered inside App, which provides the context")
}

/// The attribute that marks the element taking focus after a navigation (see [`app::App`]).
pub const AUTOFOCUS_SELECTOR: &str = "[data-autofocus]";
