//! In-app links, the one way to navigate.
//!
//! A link is a plain `<a href>` (the host's, [`crate::host::Host::href`]), so middle-click,
//! copy-link and "open in new tab" work.
//! A plain click goes through the host adapter: on the standalone page it sets the hash (as
//! following the link would, history included); embedded in a seller's page it changes only
//! the widget's own state, and the host page's URL is never touched.
//!
//! Links are functions of the [`AppContext`], not components: a view has dozens of them, and
//! each would be a component instance with its own context lookups (and its own code).

use stepwise_core::route::Route;
use yew::prelude::*;

use super::AppContext;

/// A link to `to`, with `class` (may be empty).
pub fn link(app: &AppContext, to: Route, class: &'static str, children: Html) -> Html {
    anchor(app, to, class, None, children)
}

/// A procedure's card: a link to `to` with the procedure's `title` and a line under it
/// (`meta`: its length, or where a search found it), if any.
pub fn card(app: &AppContext, to: Route, title: &str, meta: Option<String>) -> Html {
    link(app, to, "card", html! { <>
        <span class="card-title">{ title }</span>
        if let Some(meta) = meta { <span class="meta">{ meta }</span> }
    </> })
}

/// A link to `to` in another language (the language switch): `lang` and `hreflang` name it,
/// and `aria-current` marks the one the buyer reads.
pub fn language_link(app: &AppContext, to: Route, lang: &str, current: bool, children: Html) -> Html {
    anchor(app, to, if current { "locale current" } else { "locale" }, Some((AttrValue::from(lang.to_owned()), current)), children)
}

fn anchor(app: &AppContext, to: Route, class: &'static str, language: Option<(AttrValue, bool)>, children: Html) -> Html {
    let href = app.host.href(&to);
    let page = app.host.page_of(&to);
    let onclick = {
        let app = app.clone();
        Callback::from(move |e: MouseEvent| {
            if !(e.ctrl_key() || e.meta_key() || e.shift_key() || e.alt_key() || e.button() != 0) {
                e.prevent_default();
                app.host.navigate(&app.store, &to);
            }
        })
    };
    let (lang, current) = match language {
        Some((lang, current)) => (Some(lang), current.then_some("true")),
        None => (None, None),
    };
    let class = (!class.is_empty()).then_some(class);
    html! {
        <a {href} {class} lang={lang.clone()} hreflang={lang} aria-current={current} data-page={page} {onclick}>{ children }</a>
    }
}
