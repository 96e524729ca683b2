//! "A new version is available" with a Reload button: the new version's files are used only
//! after it, never mixed with the old ones.

use stepwise_core::i18n::Messages;
use yew::prelude::*;

use crate::browser::offline;

/// Shown when the PWA shell says a new version is waiting.
pub fn update_banner(m: &Messages) -> Html {
    let onclick = Callback::from(|_: MouseEvent| offline::apply_update());
    html! {
        <div class="update" role="status">
            <span>{ m.update_available }</span>
            <button type="button" class="button primary" {onclick}>{ m.reload }</button>
        </div>
    }
}
