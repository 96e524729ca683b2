//! The root: the state, the host adapter in context, the view for the place, and the frame
//! the adapter asks for. What happens around the view lives in named hooks ([`super::hooks`]).

use stepwise_core::model::Pack;
use stepwise_core::route::{Route, View};
use yew::prelude::*;

use super::frame::{page_frame, FrameProps, PanelFrame};
use super::hooks::{use_connection, use_content_loading, use_first_view, use_focus_on_navigation, use_keyboard, use_place_effects};
use super::lightbox::Lightbox;
use super::loading::{load_failed, loading};
use super::procedure_list::ProcedureList;
use super::refund_checker::RefundChecker;
use super::wizard::wizard;
use crate::browser::storage;
use std::rc::Rc;

use crate::content::ContentStore;
use crate::host::{Frame, HostHandle};
use super::AppContext;
use stepwise_core::protocol::StorageKey;

#[derive(Properties, PartialEq)]
pub struct AppProps {
    /// The app's content: an index to fetch from, or a pack at hand.
    pub content: Rc<ContentStore>,
    /// The page around the app: [`crate::host::page::PageHost`] or [`crate::host::widget::WidgetHost`].
    pub host: HostHandle,
}

/// The last step the buyer was on, if storage holds a valid one.
fn remembered_step(pack: &Pack) -> Option<Route> {
    let route = Route::parse(&storage::load(&StorageKey::LastStep.for_pack(&pack.id))?);
    let resolved = route.resolve(pack, &pack.default_locale);
    let at_hand = pack.locale(&resolved.locale).is_some();
    (at_hand && matches!(resolved.view, View::Procedure { .. }) && !resolved.not_found).then_some(route)
}

/// The view for the place, its content at hand.
fn view(app: &AppContext) -> Html {
    let store = &app.store;
    match &store.view {
        View::List => html! { <ProcedureList resume={remembered_step(&store.pack)} /> },
        View::Checker => html! { <RefundChecker /> },
        View::Procedure { .. } => match store.procedure() {
            Some((topic, procedure, step)) => wizard(app, topic, procedure, step),
            None => html! {},
        },
    }
}

#[component]
pub fn App(props: &AppProps) -> Html {
    let host = props.host.clone();
    let store = use_reducer({
        let (host, content) = (host.clone(), props.content.clone());
        move || host.initial_state(content.initial_pack())
    });
    let root = use_node_ref();
    use_connection(&host, &store);
    use_content_loading(&props.content, &host, &store);
    use_place_effects(&host, &store);
    use_focus_on_navigation(&store, &root);
    use_keyboard(&host, &store);
    use_first_view(&host, &store);

    let context = AppContext { store, host };
    let store = &context.store;
    let view = match store.load_error {
        _ if store.has_content() => view(&context),
        Some(error) => load_failed(store, error),
        None => loading(store.messages()),
    };
    let after = html! {
        <>
            <p class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">{ store.announcement() }</p>
            if let Some(shot) = store.zoomed.clone() { <Lightbox {shot} /> }
        </>
    };
    // Each wasm has only its own frame (the `page` and `widget` features, Cargo.toml); the
    // other cannot be asked for there (its host is not compiled either).
    let framed = match context.host.frame() {
        Frame::Page if cfg!(feature = "page") => page_frame(&context, FrameProps { root, children: view, after }),
        Frame::Panel if cfg!(feature = "widget") => html! { <PanelFrame {root} {after}>{ view }</PanelFrame> },
        _ => Html::default(),
    };
    html! { <ContextProvider<AppContext> {context}>{ framed }</ContextProvider<AppContext>> }
}
