//! In-app links, the one way to navigate.
//!
//! On the standalone page a link is a plain `<a href="#/…">`: it works with middle-click,
//! copy-link and the history, and the `hashchange` it causes updates the state. Embedded in a
//! seller's page the same link keeps its `href` (for copy-link) but a click changes only the
//! widget's own state: the host page's URL is never touched.

use stepwise_core::route::Route;
use yew::prelude::*;

use super::{use_store, Store};
use crate::browser::location;
use crate::state::{Action, Host};

#[derive(Properties, PartialEq)]
pub struct LinkProps {
    pub to: Route,
    #[prop_or_default]
    pub class: Classes,
    #[prop_or_default]
    pub lang: Option<AttrValue>,
    /// `aria-current` for the link to where the buyer already is.
    #[prop_or_default]
    pub current: Option<AttrValue>,
    #[prop_or_default]
    pub children: Html,
}

#[component]
pub fn Link(props: &LinkProps) -> Html {
    let store = use_store();
    let hreflang = props.lang.clone();
    let onclick = (store.host == Host::Embedded).then(|| {
        let (store, to) = (store.clone(), props.to.clone());
        Callback::from(move |e: MouseEvent| {
            if !(e.ctrl_key() || e.meta_key() || e.shift_key() || e.button() != 0) {
                e.prevent_default();
                navigate(&store, &to);
            }
        })
    });
    html! {
        <a href={props.to.to_hash()} class={props.class.clone()} lang={props.lang.clone()} {hreflang} aria-current={props.current.clone()} {onclick}>
            { props.children.clone() }
        </a>
    }
}

/// Goes to `route` as a link would.
pub fn navigate(store: &Store, route: &Route) {
    match store.host {
        Host::Page => location::push_hash(&route.to_hash()),
        Host::Embedded => store.dispatch(Action::Route(route.clone())),
    }
}
