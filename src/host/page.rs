//! The standalone help page: the route is the URL's hash (links, Back, Forward, reloads and
//! edited URLs all work), the document's title and `lang` follow the place, and the PWA
//! shell (`pwa/pwa.js`) tells when a new version waits.
//!
//! A prerendered page (`stepwise-prerender`) paints before the wasm: the app renders into a
//! detached copy of the page's element and takes over, swapping it in within one task, once it
//! has drawn its first real view (content, or why there is none). On a landing page the route
//! is the page's own (`data-route`) while the URL has no hash.

use std::any::Any;
use std::cell::RefCell;

use stepwise_core::model::Pack;
use stepwise_core::protocol::WidgetEvent;
use stepwise_core::route::{Route, View};

use super::{Frame, Host};
use crate::browser::{document, location, offline};
use crate::state::{Action, AppState, Store};

pub struct PageHost {
    /// A landing page's route, as a hash (`""` elsewhere): the route while the URL has none.
    landing: String,
    /// The pack the page names (by the query, or as a landing page), which its links name too,
    /// so that an opened link shows the same pack.
    pack: Option<String>,
    /// The prerendered element and the app's, until the app takes over.
    takeover: RefCell<Option<(web_sys::Element, web_sys::Element)>>,
}

impl PageHost {
    /// `landing`: the page's route if it is a landing page; `pack`: the pack the page names;
    /// `takeover`: the prerendered element and the detached one the app renders into.
    pub fn new(landing: String, pack: Option<String>, takeover: Option<(web_sys::Element, web_sys::Element)>) -> Self {
        PageHost { landing, pack, takeover: RefCell::new(takeover) }
    }
}

/// The route the URL names: its hash, else the landing page's (`landing`, `""` elsewhere).
fn url_route(landing: &str, hash: &str) -> Route {
    Route::parse(if hash.trim_start_matches('#').trim_start_matches('/').is_empty() && !landing.is_empty() { landing } else { hash })
}

impl Host for PageHost {
    fn initial_state(&self, pack: std::rc::Rc<Pack>) -> AppState {
        let preferences = self.preferences(&pack.id);
        AppState::new(pack, &url_route(&self.landing, &location::hash()), preferences)
    }

    fn connect(&self, store: Store) -> Box<dyn Any> {
        let hash = location::on_hash_change({
            let (store, landing) = (store.clone(), self.landing.clone());
            move |hash| store.dispatch(Action::Route(url_route(&landing, &hash)))
        });
        let update = offline::on_update_ready(move || store.dispatch(Action::UpdateReady));
        Box::new((hash, update))
    }

    fn navigate(&self, _: &Store, to: &Route) {
        // The `hashchange` this causes moves the state, as a followed link's does.
        location::push_hash(&to.to_hash());
    }

    fn href(&self, to: &Route) -> String {
        to.href(self.pack.as_deref())
    }

    fn place_changed(&self, state: &AppState) {
        let route = state.route();
        if url_route(&self.landing, &location::hash()) != route {
            location::replace_hash(&route.to_hash());
        }
        document::set_lang(&state.locale);
        document::set_title(&state.title());
    }

    fn emit(&self, _: WidgetEvent) {}

    fn frame(&self) -> Frame {
        Frame::Page
    }

    fn escape(&self, state: &AppState) -> Option<Route> {
        (state.view != View::List).then(|| Route::list(&state.locale))
    }

    fn offline(&self) -> bool {
        offline::available()
    }

    fn back_closes(&self, close: Box<dyn Fn()>) -> Option<Box<dyn std::any::Any>> {
        crate::browser::location::push_modal_entry(close).map(|entry| Box::new(entry) as Box<dyn std::any::Any>)
    }

    fn shown(&self, state: &AppState) {
        let mut takeover = self.takeover.borrow_mut();
        // The content could not be had, but the prerendered page shows this very place: it
        // stays (its links work) rather than give way to an error. Hidden markup (another
        // place) gives way, so that the error and its retry show.
        if state.load_error.is_some() && takeover.is_some() && !document::page_waiting() {
            web_sys::console::warn_1(&"Stepwise: the content could not be loaded; the prerendered page stays.".into());
            return;
        }
        if let Some((prerendered, live)) = takeover.take() {
            document::take_over(&prerendered, &live, document::page_taken_over);
        }
    }
}
