//! The two frames the host adapter chooses between ([`crate::host::Frame`]).
//!
//! Both put `lang` and `dir` on their root from the locale: inside a shadow root they would
//! otherwise inherit the host page's.

use stepwise_core::i18n::direction;
use stepwise_core::protocol::WidgetEvent;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::locale_switch::locale_switch;
use super::update_banner::update_banner;
use super::{use_app, AppContext};
use crate::browser::document;
use crate::state::Action;

#[derive(Properties, PartialEq)]
pub struct FrameProps {
    /// The app's root element (where focus is looked for after a navigation).
    pub root: NodeRef,
    /// The view.
    pub children: Html,
    /// What follows the view (the live region, the lightbox).
    pub after: Html,
}

/// `aria-busy="true"` while the place's content is on its way (and never a failure's).
fn busy(store: &crate::state::Store) -> Option<AttrValue> {
    (!store.has_content() && store.load_error.is_none()).then_some(AttrValue::Static("true"))
}

/// The standalone page: its own landmarks, the language links, the update notice (no state
/// of its own: a function of the context).
pub fn page_frame(app: &AppContext, props: FrameProps) -> Html {
    let store = &app.store;
    html! {
        <div class="app" ref={props.root} lang={store.locale.clone()} dir={direction(&store.locale)}>
            <header class="topbar">{ locale_switch(app) }</header>
            if store.update_ready { { update_banner(store.messages()) } }
            <main class="main" aria-busy={busy(store)}>{ props.children }</main>
            { props.after }
        </div>
    }
}

/// The embedded panel: a native modal dialog shown and closed with the state, with a title,
/// the language links and a close button; plain boxes, not landmarks (the host page has its
/// own). Tab wraps inside it. It tells the host page when it opens and closes.
#[component]
pub fn PanelFrame(props: &FrameProps) -> Html {
    let app = use_app();
    let (store, host) = (app.store.clone(), app.host.clone());
    let panel = use_node_ref();
    {
        let panel = panel.clone();
        // The state this effect last showed: listeners hear of each change (`None`: the first
        // render, which changes nothing).
        let shown = use_mut_ref(|| None::<(bool, u32)>);
        use_effect_with((store.open, store.openings), move |&(open, openings)| {
            if let Some(d) = panel.cast::<web_sys::HtmlDialogElement>() {
                match (open, d.open()) {
                    (true, false) => {
                        let _ = d.show_modal();
                    }
                    (false, true) => d.close(),
                    _ => {}
                }
            }
            match shown.replace(Some((open, openings))) {
                None => {}
                // Closed and opened again between two renders: both happened.
                Some((true, before)) if open && before != openings => {
                    host.emit(WidgetEvent::Close);
                    host.emit(WidgetEvent::Open);
                }
                Some((was, _)) if was != open => host.emit(if open { WidgetEvent::Open } else { WidgetEvent::Close }),
                Some(_) => {}
            }
        });
    }
    // The state follows the dialog itself: Esc (or any close request) fires `cancel` while the
    // dialog closes, so the panel is closed before the page's next call, which may open it again.
    // `close` comes as a task after any closing (the others: the dialog's own form, a page's
    // script); it may be stale by then (closed and opened again at once): only a dialog still
    // closed closes the panel.
    let closed = {
        let (store, panel) = (store.clone(), panel.clone());
        Callback::from(move |_: Event| {
            if panel.cast::<web_sys::HtmlDialogElement>().is_some_and(|d| !d.open()) {
                store.dispatch(Action::Open(false));
            }
        })
    };
    // (Yew hands a dialog inside it, the lightbox, its events too: only the panel's own count.)
    let oncancel = {
        let (store, panel) = (store.clone(), panel.clone());
        Callback::from(move |e: Event| {
            if e.target().as_ref() == panel.get().as_ref().map(|p| p.as_ref()) {
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
    let close = {
        let store = store.clone();
        Callback::from(move |_: MouseEvent| store.dispatch(Action::Open(false)))
    };
    let m = store.messages();
    html! {
        // `autofocus`: opening focuses the dialog itself (its name, the title, is read), not its
        // first link, which some engines (WebKit) would draw a keyboard ring on after a click;
        // Tab goes on to the first control.
        <dialog ref={panel} class="panel" aria-labelledby="sw-panel-title" autofocus=true {oncancel} onclose={closed} {onkeydown}>
            <div class="app" ref={props.root.clone()} lang={store.locale.clone()} dir={direction(&store.locale)}>
                <div class="topbar">
                    <h2 id="sw-panel-title" class="panel-title">{ m.panel_title }</h2>
                    { locale_switch(&app) }
                    <button type="button" class="button panel-close" onclick={close}>{ m.close }</button>
                </div>
                <div class="main" aria-busy={busy(&store)}>{ props.children.clone() }</div>
                { props.after.clone() }
            </div>
        </dialog>
    }
}
