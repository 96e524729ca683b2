//! The standalone help page: the route is the URL's hash (links, Back, Forward, reloads and
//! edited URLs all work), the document's title and `lang` follow the place, and the PWA
//! shell (`pwa/pwa.js`) tells when a new version waits.

use std::any::Any;

use stepwise_core::model::Pack;
use stepwise_core::protocol::WidgetEvent;
use stepwise_core::route::{Route, View};

use super::{Frame, Host};
use crate::browser::{document, location, offline};
use crate::state::{Action, AppState, Store};

pub struct PageHost;

impl Host for PageHost {
    fn initial_state(&self, pack: &'static Pack) -> AppState {
        AppState::new(pack, &Route::parse(&location::hash()), self.preferences(&pack.id))
    }

    fn connect(&self, store: Store) -> Box<dyn Any> {
        let hash = location::on_hash_change({
            let store = store.clone();
            move |hash| store.dispatch(Action::Route(Route::parse(&hash)))
        });
        let update = offline::on_update_ready(move || store.dispatch(Action::UpdateReady));
        Box::new((hash, update))
    }

    fn navigate(&self, _: &Store, to: &Route) {
        // The `hashchange` this causes moves the state, as a followed link's does.
        location::push_hash(&to.to_hash());
    }

    fn place_changed(&self, state: &AppState) {
        let route = state.route();
        if Route::parse(&location::hash()) != route {
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
}
