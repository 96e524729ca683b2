//! The root: owns the state, follows the URL's hash, remembers the place, moves focus after
//! each navigation, and handles the keyboard (← → between steps, Esc back to the list).

use gloo_events::{EventListener, EventListenerOptions};
use stepwise_core::model::Pack;
use stepwise_core::route::{Route, View};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::lightbox::Lightbox;
use super::link::navigate;
use super::locale_switch::LocaleSwitch;
use super::procedure_list::ProcedureList;
use super::refund_checker::RefundChecker;
use super::wizard::Wizard;
use super::{Store, AUTOFOCUS_SELECTOR};
use crate::browser::{document, location, storage};
use crate::content::Static;
use crate::state::{Action, AppState};

#[derive(Properties, PartialEq)]
pub struct AppProps {
    pub pack: Static<Pack>,
}

/// Storage keys, one set per pack.
fn key(pack: &Pack, what: &str) -> String {
    format!("stepwise:{}:{what}", pack.id)
}

/// The last step the buyer was on, if storage holds a valid one.
fn remembered_step(pack: &'static Pack) -> Option<Route> {
    let route = Route::parse(&storage::load(&key(pack, "last-step"))?);
    let resolved = route.resolve(pack, &pack.default_locale);
    (matches!(resolved.view, View::Procedure { .. }) && !resolved.not_found).then_some(route)
}

#[component]
pub fn App(props: &AppProps) -> Html {
    let pack = props.pack.0;
    let store = use_reducer(|| {
        let saved = storage::load(&key(pack, "locale")).filter(|l| pack.locale(l).is_some());
        let fallback = saved.unwrap_or_else(|| pack.negotiate_locale(&document::languages()).to_owned());
        AppState::new(pack, &Route::parse(&location::hash()), &fallback)
    });
    let root = use_node_ref();

    // Follow the hash: links, Back and Forward, edited URLs.
    {
        let store = store.clone();
        use_effect_with((), move |_| {
            let listener = location::on_hash_change(move |hash| store.dispatch(Action::Route(Route::parse(&hash))));
            move || drop(listener)
        });
    }

    // After each change of place: a canonical URL, the place remembered, lang and title.
    {
        let state = (*store).clone();
        use_effect_with((store.locale.clone(), store.view.clone()), move |_| {
            let route = state.route();
            if Route::parse(&location::hash()) != route {
                location::replace_hash(&route.to_hash());
            }
            storage::save(&key(state.pack, "locale"), &state.locale);
            if let View::Procedure { .. } = state.view {
                storage::save(&key(state.pack, "last-step"), &route.to_hash());
            }
            document::set_lang(&state.locale);
            document::set_title(&state.title());
        });
    }

    // Focus follows the buyer's navigation (not the first load): the new view's heading.
    {
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

    // The keyboard: ← and → change steps, Esc goes back to the list.
    {
        let state = (*store).clone();
        use_effect_with(state, move |state| {
            let state = state.clone();
            let document = web_sys::window().and_then(|w| w.document());
            let listener = document.map(|d| {
                EventListener::new_with_options(&d, "keydown", EventListenerOptions::enable_prevent_default(), move |e| {
                    let Some(e) = e.dyn_ref::<web_sys::KeyboardEvent>() else { return };
                    if e.default_prevented() || e.is_composing() || e.alt_key() || e.ctrl_key() || e.meta_key() || e.shift_key() {
                        return;
                    }
                    if state.zoomed.is_some() || document::is_typing_target(e.target()) {
                        return;
                    }
                    let to = match e.key().as_str() {
                        "ArrowLeft" => state.step_route(-1),
                        "ArrowRight" => state.step_route(1),
                        "Escape" if state.view != View::List => Some(Route::list(&state.locale)),
                        _ => None,
                    };
                    if let Some(to) = to {
                        e.prevent_default();
                        navigate(&to);
                    }
                })
            });
            move || drop(listener)
        });
    }

    let view = match &store.view {
        View::List => html! { <ProcedureList resume={remembered_step(pack)} /> },
        View::Checker => html! { <RefundChecker /> },
        View::Procedure { .. } => match store.procedure() {
            Some((topic, procedure, step)) => html! { <Wizard topic={Static(topic)} procedure={Static(procedure)} {step} /> },
            None => html! {},
        },
    };
    let context: Store = store.clone();
    html! {
        <ContextProvider<Store> {context}>
            <div class="app" ref={root}>
                <header class="topbar">
                    <LocaleSwitch />
                </header>
                <main class="main">{ view }</main>
                <p class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">{ store.announcement() }</p>
                if let Some(shot) = store.zoomed { <Lightbox shot={Static(shot)} /> }
            </div>
        </ContextProvider<Store>>
    }
}
