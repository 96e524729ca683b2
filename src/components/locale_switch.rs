//! The language links: the same place in another locale.

use stepwise_core::i18n::messages;
use stepwise_core::route::Route;
use yew::prelude::*;

use super::link::language_link;
use super::AppContext;

/// The language links (in the page's and the panel's top bar).
pub fn locale_switch(app: &AppContext) -> Html {
    let store = &app.store;
    let m = store.messages();
    html! {
        <nav class="locales" aria-label={m.language_label}>
            <ul>
                { for store.pack.available.iter().map(|l| {
                    let here = *l == store.locale;
                    let to = Route { locale: Some(l.to_string()), view: store.view.clone() };
                    html! { <li>{ language_link(app, to, l, here, html! { messages(l).language_name }) }</li> }
                }) }
            </ul>
        </nav>
    }
}
