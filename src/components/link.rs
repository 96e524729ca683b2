//! In-app links. The standalone page keeps its route in the URL's hash, so a link is a
//! plain `<a href="#/…">`: it works with middle-click, copy-link and the history.

use stepwise_core::route::Route;
use yew::prelude::*;

use crate::browser::location;

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
    let hreflang = props.lang.clone();
    html! {
        <a href={props.to.to_hash()} class={props.class.clone()} lang={props.lang.clone()} {hreflang} aria-current={props.current.clone()}>
            { props.children.clone() }
        </a>
    }
}

/// Goes to `route` as a link would (a history entry, then `hashchange`).
pub fn navigate(route: &Route) {
    location::push_hash(&route.to_hash());
}
