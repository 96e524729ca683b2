//! The opt-in "save all screenshots for offline use" action, with a progress bar and a count
//! (failures, and those not kept for lack of storage, included). Only on the standalone page, where a service worker serves them.

use stepwise_core::text::resolve_href;
use yew::prelude::*;

use super::use_app;
use crate::browser::offline::{self, SaveProgress};

#[component]
pub fn SaveOffline() -> Html {
    let store = use_app().store;
    let progress = use_state(|| None::<SaveProgress>);
    // The progress listener lives as long as the component.
    let listener = use_mut_ref(|| None);
    let m = store.messages();
    let urls: Vec<String> = store.pack.screenshot_srcs().into_iter().filter_map(|s| resolve_href(store.docs_base(), s)).collect();
    let total = urls.len();
    if total == 0 {
        return html! {};
    }
    let running = matches!(*progress, Some(p) if p.done() < total);
    let onclick = {
        let progress = progress.clone();
        Callback::from(move |_: MouseEvent| {
            let progress = progress.clone();
            progress.set(Some(SaveProgress::default()));
            *listener.borrow_mut() = offline::save_all(&urls, move |p| progress.set(Some(p)));
        })
    };
    html! {
        <section class="offline" aria-labelledby="sw-offline-title">
            <h2 id="sw-offline-title">{ m.offline_title }</h2>
            <button type="button" class="button" {onclick} disabled={running}>{ m.save_all }</button>
            if let Some(p) = *progress {
                <progress class="progress" value={p.done().to_string()} max={total.to_string()} aria-labelledby="sw-offline-count"></progress>
                <p id="sw-offline-count" class="offline-count" role="status">{ (m.save_progress)(p.saved, p.failed, p.full, total) }</p>
            }
        </section>
    }
}
