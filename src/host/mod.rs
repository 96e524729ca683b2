//! The one boundary between the app and the page it lives on.
//!
//! [`Host`] is what the app asks of its surroundings, the way yew-router asks a `History`:
//! where to start, how to go somewhere, what to do once the place changed, whom to tell what
//! happened, and which frame to draw. Two adapters implement it:
//! - [`page::PageHost`]: the standalone help page; the route is the URL's hash, the title and
//!   `lang` follow the place, the PWA shell's news arrive as DOM events.
//! - [`widget::WidgetHost`]: a widget on a seller's page; the route lives in memory, commands
//!   come from the loader, events go back to it, the app is a modal panel. The host page's
//!   URL, title and `lang` are never touched.
//!
//! Components reach the adapter through context ([`crate::components::use_app`]); nothing
//! else in the app knows which one it has.

#[cfg(feature = "page")]
pub mod page;
#[cfg(feature = "widget")]
pub mod widget;

use std::any::Any;
use std::rc::Rc;

use stepwise_core::model::Pack;
use stepwise_core::protocol::WidgetEvent;
use stepwise_core::route::Route;

use crate::state::{AppState, Store};

/// The frame the app draws around its views.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Frame {
    /// The page's own landmarks (header, main), an update notice.
    Page,
    /// A modal dialog with a title bar and a close button, and no landmarks (the host page has its own).
    Panel,
}

pub trait Host {
    /// The state to start in.
    fn initial_state(&self, pack: std::rc::Rc<Pack>) -> AppState;
    /// Feeds the outside world's changes (hash, commands, updates) to `store`, until the
    /// returned guard is dropped.
    fn connect(&self, store: Store) -> Box<dyn Any>;
    /// The `href` of a link to `to` (a plain click goes through [`Host::navigate`]; the href
    /// serves middle-click, "copy link", and a page not yet taken over by the wasm).
    fn href(&self, to: &Route) -> String {
        to.to_hash()
    }
    /// The build's prerendered page for a link to `to`, where a link needs one: in the
    /// prerendered widget panel, what a link opens in a browser that runs no wasm.
    fn page_of(&self, _to: &Route) -> Option<String> {
        None
    }
    /// Goes to `to`, as following a link does.
    fn navigate(&self, store: &Store, to: &Route);
    /// After each change of place.
    fn place_changed(&self, state: &AppState);
    /// Tells the host page what happened (nothing on the standalone page).
    fn emit(&self, event: WidgetEvent);
    fn frame(&self) -> Frame;
    /// Where Esc leads, when the app handles it (a panel leaves Esc to its dialog).
    fn escape(&self, state: &AppState) -> Option<Route>;
    /// Whether screenshots can be saved for offline use here (a seller's origin is theirs).
    fn offline(&self) -> bool;
    /// Lets Back (the back gesture too) call `close` for a modal view, the zoomed screenshot,
    /// by taking a history entry for it while the returned guard lives; only where the tab's
    /// history is the app's (a seller's page's history is theirs).
    fn back_closes(&self, _close: Box<dyn Fn()>) -> Option<Box<dyn Any>> {
        None
    }
    /// The app has drawn its first real view (`state` is the state it drew): the place's
    /// content, or why there is none.
    fn shown(&self, _state: &AppState) {}
    /// More of the pack arrived (`index`: the index it came from).
    fn pack_arrived(&self, _pack: &Pack, _index: &stepwise_core::pack_index::PackIndex) {}
    /// The locales the buyer wants with the pack `pack_id`, best first.
    fn preferences(&self, pack_id: &str) -> Vec<String> {
        preferences(pack_id)
    }
}

/// The adapter, shared through context; compared by address.
#[derive(Clone)]
pub struct HostHandle(pub Rc<dyn Host>);

impl PartialEq for HostHandle {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl std::ops::Deref for HostHandle {
    type Target = dyn Host;
    fn deref(&self) -> &(dyn Host + 'static) {
        &*self.0
    }
}


/// The locales the buyer wants, best first: the one chosen last time with this pack (if
/// any), then the browser's languages.
pub fn preferences(pack_id: &str) -> Vec<String> {
    let saved = crate::browser::storage::load(&stepwise_core::protocol::StorageKey::Locale.for_pack(pack_id));
    saved.into_iter().chain(crate::browser::document::languages()).collect()
}
