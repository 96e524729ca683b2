//! What happens around the views, one hook each: the outside world feeding the state, the
//! effects of a change of place, focus after a navigation, and the keyboard.

use gloo_events::{EventListener, EventListenerOptions};
use stepwise_core::protocol::{StorageKey, WidgetEvent};
use stepwise_core::route::View;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::AUTOFOCUS_SELECTOR;
use crate::browser::{document, storage};
use crate::content::{self, Entry, LoadError, Source, Static};
use crate::host::HostHandle;
use crate::state::{Action, Store};
use stepwise_core::model::{negotiate, Pack};

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
        let document = web_sys::window().and_then(|w| w.document());
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

/// Fetches what the place needs, when the content comes from an index: the index and the
/// pack's file in the place's locale first, then each locale's file as the buyer switches to
/// it. A failure goes to the state (the view offers a retry); a retry comes back here.
#[hook]
pub fn use_content_loading(source: &Source, host: &HostHandle, store: &Store) {
    let searching = !store.query.trim().is_empty();
    let deps = (source.clone(), store.pack, store.locale.clone(), store.attempt, store.load_error.is_some(), searching, store.locale_guessed);
    let (host, store) = (host.clone(), store.clone());
    use_effect_with(deps, move |(source, pack, locale, _, failed, searching, guessed)| {
        let guessed = *guessed;
        let Source::Index { url, pack: wanted } = source else { return };
        if *failed {
            return;
        }
        // The place's locale first; once the buyer searches, the others too (search matches
        // every language), one at a time.
        let known = !pack.available.is_empty();
        let missing = |l: &str| pack.has_locale(l) && pack.locale(l).is_none();
        let next = if !known || missing(locale) {
            locale.clone()
        } else if *searching {
            match pack.available.iter().find(|l| missing(l)) {
                Some(l) => l.to_string(),
                None => return,
            }
        } else {
            return;
        };
        let for_place = next == *locale;
        // A locale guessed before the pack was known is chosen again from the preferences
        // for the pack that comes (a locale saved under its id).
        let asked = (!guessed).then_some(next);
        let (url, wanted, pack) = (url.clone(), wanted.clone(), pack.0);
        wasm_bindgen_futures::spawn_local(async move {
            let preferences = |id: &str| host.preferences(id);
            match load(&url, wanted.as_deref(), pack, asked.as_deref(), &preferences).await {
                Ok((entries, arrived)) => {
                    host.pack_arrived(arrived, entries);
                    // The first file of this pack: the buyer's preferences for it (a locale
                    // saved under its id) replace those read before its id was known.
                    let preferences = (arrived.id != pack.id).then(|| host.preferences(&arrived.id));
                    store.dispatch(Action::Pack(Static(arrived), preferences));
                }
                // A locale fetched ahead for search may fail quietly: search covers the rest.
                Err(e) if for_place => store.dispatch(Action::LoadFailed(e)),
                Err(_) => {}
            }
        });
    });
}

/// The index, then the pack (the one `wanted`, else the first) with one more locale at hand:
/// `locale` if given and the pack has it, else the first of the buyer's preferences for that
/// pack it has, else its default.
async fn load(url: &str, wanted: Option<&str>, pack: &'static Pack, locale: Option<&str>, preferences: &dyn Fn(&str) -> Vec<String>) -> Result<(&'static [Entry], &'static Pack), LoadError> {
    let entries = content::index(url).await?;
    let entry = wanted.and_then(|w| entries.iter().find(|e| e.id == w)).unwrap_or(&entries[0]);
    let locales: Vec<&str> = entry.files.iter().map(|(l, _)| l.as_str()).collect();
    let chosen = match locale.filter(|l| locales.contains(l)) {
        Some(l) => l.to_owned(),
        None => negotiate(&locales, &preferences(&entry.id), &entry.default_locale).to_owned(),
    };
    let file = entry.files.iter().find(|(l, _)| *l == chosen).map(|(_, f)| f).ok_or(LoadError::Damaged)?;
    let file = content::locale_file(file).await?;
    let base = if pack.id == entry.id { pack } else { content::placeholder(&entry.id) };
    Ok((entries, content::with_locale(base, file)))
}
