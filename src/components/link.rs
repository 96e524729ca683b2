//! In-app links, the one way to navigate.
//!
//! A link is a plain `<a href>` (the host's, [`crate::host::Host::href`]), so middle-click,
//! copy-link and "open in new tab" work.
//! A plain click goes through the host adapter: on the standalone page it sets the hash (as
//! following the link would, history included); embedded in a seller's page it changes only
//! the widget's own state, and the host page's URL is never touched.
//!
//! Links are functions of the [`AppContext`], not components: a view has dozens of them, and
//! each would be a component instance with its own context lookups (and its own code). A
//! procedure's card is a leaf component, [`Card`], which takes data and a callback (as the Yew
//! todomvc example's `Entry` does), so that it can be rendered and tested alone.

use stepwise_core::route::Route;
use yew::prelude::*;

use super::AppContext;

/// A link to `to`, with `class` (may be empty).
pub fn link(app: &AppContext, to: Route, class: &'static str, children: Html) -> Html {
    anchor(app, to, class, None, children)
}

/// A procedure's card, linking to `to` (see [`Card`]).
pub fn card(app: &AppContext, to: Route, title: &str, meta: Option<String>) -> Html {
    let href = AttrValue::from(app.host.href(&to));
    let page = app.host.page_of(&to).map(AttrValue::from);
    let onnavigate = navigate(app, to);
    html! { <Card {href} {page} title={title.to_owned()} meta={meta.map(AttrValue::from)} {onnavigate} /> }
}

/// What a [`Card`] shows and does.
#[derive(Properties, PartialEq)]
pub struct CardProps {
    /// Where the card leads (a plain link: middle-click and "open in new tab" follow it).
    pub href: AttrValue,
    /// The page the build prerendered for that place, if any (the embed runtime opens it where
    /// no app will come).
    #[prop_or_default]
    pub page: Option<AttrValue>,
    /// The procedure's title.
    pub title: AttrValue,
    /// The line under the title: the procedure's length, or where a search found it.
    #[prop_or_default]
    pub meta: Option<AttrValue>,
    /// A plain click (no modifier key, the main button): the app navigates, the browser does not.
    pub onnavigate: Callback<()>,
}

/// A procedure's card: its title and a line under it, as one link.
#[function_component]
pub fn Card(props: &CardProps) -> Html {
    let CardProps { href, page, title, meta, onnavigate } = props;
    html! {
        <a href={href.clone()} class="card" data-page={page.clone()} onclick={on_plain_click(onnavigate.clone())}>
            <span class="card-title">{ title.clone() }</span>
            if let Some(meta) = meta { <span class="meta">{ meta.clone() }</span> }
        </a>
    }
}

/// Calls `then` for a plain click (no modifier key, the main button) instead of following the
/// link; any other click is the browser's (a new tab, a download, a new window).
fn on_plain_click(then: Callback<()>) -> Callback<MouseEvent> {
    Callback::from(move |e: MouseEvent| {
        if !(e.ctrl_key() || e.meta_key() || e.shift_key() || e.alt_key() || e.button() != 0) {
            e.prevent_default();
            then.emit(());
        }
    })
}

/// Navigating to `to` through the host adapter.
fn navigate(app: &AppContext, to: Route) -> Callback<()> {
    let app = app.clone();
    Callback::from(move |()| app.host.navigate(&app.store, &to))
}

/// A link to `to` in another language (the language switch): `lang` and `hreflang` name it,
/// and `aria-current` marks the one the buyer reads.
pub fn language_link(app: &AppContext, to: Route, lang: &str, current: bool, children: Html) -> Html {
    anchor(app, to, if current { "locale current" } else { "locale" }, Some((AttrValue::from(lang.to_owned()), current)), children)
}

fn anchor(app: &AppContext, to: Route, class: &'static str, language: Option<(AttrValue, bool)>, children: Html) -> Html {
    let href = app.host.href(&to);
    let page = app.host.page_of(&to);
    let onclick = on_plain_click(navigate(app, to));
    let (lang, current) = match language {
        Some((lang, current)) => (Some(lang), current.then_some("true")),
        None => (None, None),
    };
    let class = (!class.is_empty()).then_some(class);
    html! {
        <a {href} {class} lang={lang.clone()} hreflang={lang} aria-current={current} data-page={page} {onclick}>{ children }</a>
    }
}
