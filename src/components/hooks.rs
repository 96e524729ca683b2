//! What happens around the views, one hook each: the outside world feeding the state, the
//! effects of a change of place, focus after a navigation, and the keyboard.

use gloo_events::{EventListener, EventListenerOptions};
use stepwise_core::protocol::{StorageKey, WidgetEvent};
use stepwise_core::route::View;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::AUTOFOCUS_SELECTOR;
use crate::browser::{document, storage};
use std::rc::Rc;

use crate::content::ContentStore;
use crate::host::HostHandle;
use crate::state::{Action, Store};

/// The host's changes (hash, commands, update news) reach the store while the app is mounted.
#[hook]
pub fn use_connection(host: &HostHandle, store: &Store) {
    let (host, store) = (host.clone(), store.clone());
    use_effect_with((), move |_| {
        let guard = host.connect(store);
        move || drop(guard)
    });
}

/// After each change of place: the place and the locale remembered, the host told (it sets
/// the URL, title and lang, or tells the page which step the panel shows); after each change
/// of locale, the host told that too (the launcher follows it).
#[hook]
pub fn use_place_effects(host: &HostHandle, store: &Store) {
    {
        let (host, state) = (host.clone(), (**store).clone());
        use_effect_with((store.locale.clone(), store.view.clone(), store.open, store.has_content()), move |_| {
            // Nothing to remember or tell while the place's content is still on its way.
            if !state.has_content() {
                return;
            }
            storage::save(&StorageKey::Locale.for_pack(&state.pack.id), &state.locale);
            if let View::Procedure { .. } = state.view {
                storage::save(&StorageKey::LastStep.for_pack(&state.pack.id), &state.route().to_hash());
            }
            host.place_changed(&state);
        });
    }
    let host = host.clone();
    use_effect_with(store.locale.clone(), move |locale| host.emit(WidgetEvent::Locale(locale.clone())));
}

/// Once the app has drawn its first real view (content, or why there is none), the host is
/// told (a prerendered page is then replaced by the app's).
#[hook]
pub fn use_first_view(host: &HostHandle, store: &Store) {
    let (host, store) = (host.clone(), store.clone());
    use_effect_with(store.has_content() || store.load_error.is_some(), move |&shown| {
        if shown {
            host.shown(&store);
        }
    });
}

/// Focus follows the buyer's navigation (not the first load): the new view's heading.
#[hook]
pub fn use_focus_on_navigation(store: &Store, root: &NodeRef) {
    let root = root.clone();
    use_effect_with(store.navigations, move |&n| {
        if n > 0 {
            let target = root.cast::<web_sys::Element>().and_then(|r| r.query_selector(AUTOFOCUS_SELECTOR).ok().flatten());
            if let Some(el) = target.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
                let _ = el.focus();
            }
        }
    });
}

/// The keyboard: ← and → change steps; Esc goes where the host says (back to the list on
/// the page; in a panel, Esc is the dialog's and closes it).
#[hook]
pub fn use_keyboard(host: &HostHandle, store: &Store) {
    let (host, store) = (host.clone(), store.clone());
    use_effect_with((*store).clone(), move |state| {
        let state = state.clone();
        let document = crate::browser::window().and_then(|w| w.document());
        let listener = document.map(|d| {
            EventListener::new_with_options(&d, "keydown", EventListenerOptions::enable_prevent_default(), move |e| {
                let Some(e) = e.dyn_ref::<web_sys::KeyboardEvent>() else { return };
                if e.default_prevented() || e.is_composing() || e.alt_key() || e.ctrl_key() || e.meta_key() || e.shift_key() {
                    return;
                }
                if !state.open || state.zoomed.is_some() || document::is_typing_target(e) {
                    return;
                }
                let to = match e.key().as_str() {
                    "ArrowLeft" => state.step_route(-1),
                    "ArrowRight" => state.step_route(1),
                    "Escape" => host.escape(&state),
                    _ => None,
                };
                if let Some(to) = to {
                    e.prevent_default();
                    host.navigate(&store, &to);
                }
            })
        });
        move || drop(listener)
    });
}

/// Fetches what the place needs ([`crate::state::AppState::locale_to_fetch`]), when the
/// content comes from an index. A failure of the place's own locale goes to the state (the
/// view offers a retry; a retry comes back here); one fetched ahead for search fails quietly.
#[hook]
pub fn use_content_loading(content: &Rc<ContentStore>, host: &HostHandle, store: &Store) {
    let deps = (content.clone(), store.pack.clone(), store.locale_to_fetch(), store.attempt, store.locale_guessed);
    let (host, store) = (host.clone(), store.clone());
    use_effect_with(deps, move |(content, pack, fetch, _, guessed)| {
        let Some((locale, for_place)) = fetch.clone() else { return };
        // A locale guessed before the pack was known is chosen again from the preferences
        // for the pack that comes (a locale saved under its id).
        let asked = (!*guessed).then_some(locale);
        let (content, pack) = (content.clone(), pack.clone());
        wasm_bindgen_futures::spawn_local(async move {
            let preferences = |id: &str| host.preferences(id);
            match content.load(&pack, asked.as_deref(), &preferences).await {
                Some(Ok((index, arrived))) => {
                    host.pack_arrived(&arrived, &index);
                    // The first file of this pack: the buyer's preferences for it (a locale
                    // saved under its id) replace those read before its id was known.
                    let preferences = (arrived.id != pack.id).then(|| host.preferences(&arrived.id));
                    store.dispatch(Action::Pack(arrived, preferences));
                }
                Some(Err(e)) if for_place => store.dispatch(Action::LoadFailed(e)),
                _ => {}
            }
        });
    });
}
