//! The root: owns the state, follows the URL's hash (standalone) or the widget's commands
//! (embedded, in a modal panel), remembers the place, moves focus after each navigation, and
//! handles the keyboard (← → between steps; Esc back to the list, or closing the panel).

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
use super::update_banner::UpdateBanner;
use super::wizard::Wizard;
use super::{Events, Store, AUTOFOCUS_SELECTOR};
use crate::browser::{document, location, offline, storage};
use crate::content::Static;
use crate::state::{Action, AppState, Host};
use crate::widget::{Command, Embedding, WidgetEvent};

#[derive(Properties, PartialEq)]
pub struct AppProps {
    pub pack: Static<Pack>,
    /// Set when the app is a widget on someone else's page.
    #[prop_or_default]
    pub embedding: Option<Embedding>,
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
    let embedding = props.embedding.clone();
    let store = use_reducer(|| {
        let saved = storage::load(&key(pack, "locale")).filter(|l| pack.locale(l).is_some());
        let negotiated = || saved.clone().unwrap_or_else(|| pack.negotiate_locale(&document::languages()).to_owned());
        match &embedding {
            None => AppState::new(pack, &Route::parse(&location::hash()), &negotiated()),
            Some(e) => {
                let locale = e.config.locale.clone().unwrap_or_else(negotiated);
                let start = match &e.config.procedure {
                    Some(slug) => Route::step(&locale, slug, 1),
                    None => Route::list(&locale),
                };
                AppState::embedded(pack, &start, &locale, e.config.docs_base.clone())
            }
        }
    });
    let root = use_node_ref();
    let panel = use_node_ref();
    let host = store.host;
    let events: Events = props.embedding.as_ref().map(|e| e.events.clone()).unwrap_or_else(|| Callback::from(|_| ()));

    // Follow the hash (links, Back and Forward, edited URLs), or the widget's commands.
    {
        let store = store.clone();
        let commands = props.embedding.as_ref().map(|e| e.commands.clone());
        use_effect_with((), move |_| {
            let listener = match &commands {
                None => location::on_hash_change({
                    let store = store.clone();
                    move |hash| store.dispatch(Action::Route(Route::parse(&hash)))
                }),
                Some(slot) => {
                    slot.connect(Callback::from(move |c: Command| match c {
                        Command::Open(route) => {
                            if let Some(route) = route {
                                store.dispatch(Action::Route(route));
                            }
                            store.dispatch(Action::Open(true));
                        }
                        Command::Close => store.dispatch(Action::Open(false)),
                        // Not `store.view`: this handle is the state when the widget mounted.
                        Command::SetLocale(locale) => store.dispatch(Action::Locale(locale)),
                    }));
                    None
                }
            };
            move || drop(listener)
        });
    }

    // The standalone page works offline through its service worker, registered by its PWA
    // shell (pwa/pwa.js); the app hears when a new version waits. Never in a widget: a
    // seller's origin is theirs.
    {
        let store = store.clone();
        use_effect_with((), move |_| {
            let listener = (store.host == Host::Page).then(|| offline::on_update_ready(move || store.dispatch(Action::UpdateReady))).flatten();
            move || drop(listener)
        });
    }

    // The embedded panel: a modal dialog shown and closed with the state.
    {
        let panel = panel.clone();
        let events = events.clone();
        let first = use_mut_ref(|| true);
        use_effect_with(store.open, move |&open| {
            if let Some(d) = panel.cast::<web_sys::HtmlDialogElement>() {
                match (open, d.open()) {
                    (true, false) => {
                        let _ = d.show_modal();
                    }
                    (false, true) => d.close(),
                    _ => {}
                }
            }
            if !std::mem::replace(&mut *first.borrow_mut(), false) {
                events.emit(if open { WidgetEvent::Open } else { WidgetEvent::Close });
            }
        });
    }

    // After each change of place: the place remembered; on the standalone page also a
    // canonical URL, lang and title. A widget tells the host page which step it is on.
    {
        let state = (*store).clone();
        let events = events.clone();
        use_effect_with((store.locale.clone(), store.view.clone()), move |_| {
            let route = state.route();
            storage::save(&key(state.pack, "locale"), &state.locale);
            if let View::Procedure { .. } = state.view {
                storage::save(&key(state.pack, "last-step"), &route.to_hash());
            }
            match state.host {
                Host::Page => {
                    if Route::parse(&location::hash()) != route {
                        location::replace_hash(&route.to_hash());
                    }
                    document::set_lang(&state.locale);
                    document::set_title(&state.title());
                }
                Host::Embedded => {
                    if let (true, Some((_, p, step))) = (state.open, state.procedure()) {
                        events.emit(WidgetEvent::Step { procedure: p.slug.to_string(), step });
                    }
                }
            }
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
        let store = store.clone();
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
                        // In the panel, Esc belongs to the dialog: it closes the panel.
                        "Escape" if state.view != View::List && state.host == Host::Page => Some(Route::list(&state.locale)),
                        _ => None,
                    };
                    if let Some(to) = to {
                        e.prevent_default();
                        navigate(&store, &to);
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
    let m = store.messages();
    // The page's landmarks are the host page's: inside a widget, plain boxes.
    let landmark = |tag: &'static str| if host == Host::Page { tag } else { "div" };
    let app = html! {
        <div class="app" ref={root} lang={store.locale.clone()}>
            <@{landmark("header")} class="topbar">
                if host == Host::Embedded {
                    <h2 id="sw-panel-title" class="panel-title">{ m.panel_title }</h2>
                }
                <LocaleSwitch />
                if host == Host::Embedded {
                    <button type="button" class="button panel-close" onclick={
                        let store = store.clone();
                        Callback::from(move |_: MouseEvent| store.dispatch(Action::Open(false)))
                    }>{ m.close }</button>
                }
            </@>
            if store.update_ready { <UpdateBanner /> }
            <@{landmark("main")} class="main">{ view }</@>
            <p class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">{ store.announcement() }</p>
            if let Some(shot) = store.zoomed { <Lightbox shot={Static(shot)} /> }
        </div>
    };
    let content = match host {
        Host::Page => app,
        Host::Embedded => {
            // `close` arrives as a task after the dialog closed; it may be stale by then (the
            // panel closed and opened again at once): only a dialog still closed closes the panel.
            let onclose = {
                let (store, panel) = (store.clone(), panel.clone());
                Callback::from(move |_: Event| {
                    if panel.cast::<web_sys::HtmlDialogElement>().is_some_and(|d| !d.open()) {
                        store.dispatch(Action::Open(false));
                    }
                })
            };
            // The lightbox, a modal of its own, keeps its own focus.
            let zoomed = store.zoomed.is_some();
            let onkeydown = Callback::from(move |e: KeyboardEvent| {
                if e.key() == "Tab" && !zoomed {
                    if let Some(dialog) = e.current_target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) {
                        if document::wrap_focus(&dialog, e.shift_key()) {
                            e.prevent_default();
                        }
                    }
                }
            });
            html! { <dialog ref={panel} class="panel" aria-labelledby="sw-panel-title" {onclose} {onkeydown}>{ app }</dialog> }
        }
    };
    html! {
        <ContextProvider<Store> {context}>
            <ContextProvider<Events> context={events}>{ content }</ContextProvider<Events>>
        </ContextProvider<Store>>
    }
}
