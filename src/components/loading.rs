//! What shows while the place's content is on its way, and when it could not be had: the
//! reason in the buyer's words and a retry.

use stepwise_core::i18n::Messages;
use yew::prelude::*;

use crate::content::LoadError;
use crate::state::{Action, Store};

/// The place's content is on its way.
pub fn loading(m: &Messages) -> Html {
    html! {
        <div class="loading-view">
            <p tabindex="-1" data-autofocus="true" class="loading" role="status">{ m.loading }</p>
        </div>
    }
}

/// The place's content could not be had: why, and a retry.
pub fn load_failed(store: &Store, error: LoadError) -> Html {
    let m = store.messages();
    let reason = match error {
        LoadError::Unreachable => m.load_unreachable,
        LoadError::Missing => m.load_missing,
        LoadError::Version => m.load_version,
        LoadError::Damaged => m.load_damaged,
    };
    let onclick = {
        let store = store.clone();
        Callback::from(move |_| store.dispatch(Action::Retry))
    };
    html! {
        <div class="load-failed" role="alert">
            <h1 tabindex="-1" data-autofocus="true">{ m.load_failed }</h1>
            <p class="notice">{ reason }</p>
            <p><button type="button" class="button primary retry" {onclick}>{ m.retry }</button></p>
        </div>
    }
}
