//! The language links: the same place in another locale.

use stepwise_core::i18n::messages;
use stepwise_core::route::Route;
use yew::prelude::*;

use super::link::Link;
use super::use_store;

#[component]
pub fn LocaleSwitch() -> Html {
    let store = use_store();
    let m = store.messages();
    html! {
        <nav class="locales" aria-label={m.language_label}>
            <ul>
                { for store.pack.available.iter().map(|l| {
                    let here = *l == store.locale;
                    let to = Route { locale: Some(l.to_string()), view: store.view.clone() };
                    html! {
                        <li>
                            <Link {to} class={if here { "locale current" } else { "locale" }}
                                lang={AttrValue::from(l.to_string())}
                                current={here.then(|| AttrValue::from("true"))}>
                                { messages(l).language_name }
                            </Link>
                        </li>
                    }
                }) }
            </ul>
        </nav>
    }
}
