//! In-app links, the one way to navigate.
//!
//! A link is a plain `<a href>` (the host's, [`crate::host::Host::href`]), so middle-click,
//! copy-link and "open in new tab" work.
//! A plain click goes through the host adapter: on the standalone page it sets the hash (as
//! following the link would, history included); embedded in a seller's page it changes only
//! the widget's own state, and the host page's URL is never touched.

use stepwise_core::route::Route;
use yew::prelude::*;

use super::use_store;
use crate::host::use_host;

#[derive(Properties, PartialEq)]
pub struct LinkProps {
    pub to: Route,
    #[prop_or_default]
    pub class: &'static str,
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
    let host = use_host();
    let hreflang = props.lang.clone();
    let href = host.href(&props.to);
    let onclick = {
        let to = props.to.clone();
        Callback::from(move |e: MouseEvent| {
            if !(e.ctrl_key() || e.meta_key() || e.shift_key() || e.alt_key() || e.button() != 0) {
                e.prevent_default();
                host.navigate(&store, &to);
            }
        })
    };
    html! {
        <a {href} class={props.class} lang={props.lang.clone()} {hreflang} aria-current={props.current.clone()} {onclick}>
            { props.children.clone() }
        </a>
    }
}
