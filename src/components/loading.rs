//! What shows while the place's content is on its way, and when it could not be had: the
//! reason in the buyer's words and a retry.

use yew::prelude::*;

use super::use_store;
use crate::content::LoadError;
use crate::state::Action;

#[component]
pub fn Loading() -> Html {
    let m = use_store().messages();
    html! {
        <div class="loading-view">
            <p tabindex="-1" data-autofocus="true" class="loading" role="status">{ m.loading }</p>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct LoadFailedProps {
    pub error: LoadError,
}

#[component]
pub fn LoadFailed(props: &LoadFailedProps) -> Html {
    let store = use_store();
    let m = store.messages();
    let reason = match props.error {
        LoadError::Unreachable => m.load_unreachable,
        LoadError::Missing => m.load_missing,
        LoadError::Version => m.load_version,
        LoadError::Damaged => m.load_damaged,
    };
    let onclick = Callback::from(move |_| store.dispatch(Action::Retry));
    html! {
        <div class="load-failed" role="alert">
            <h1 tabindex="-1" data-autofocus="true">{ m.load_failed }</h1>
            <p class="notice">{ reason }</p>
            <p><button type="button" class="button primary retry" {onclick}>{ m.retry }</button></p>
        </div>
    }
}
