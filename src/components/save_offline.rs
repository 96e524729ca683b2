//! The opt-in "save all screenshots for offline use" action, with a progress bar and a count
//! (failures included). Only on the standalone page, where a service worker serves them.

use stepwise_core::text::resolve_href;
use yew::prelude::*;

use super::use_store;
use crate::browser::offline;

#[component]
pub fn SaveOffline() -> Html {
    let store = use_store();
    // (saved, failed) once started.
    let progress = use_state(|| None::<(usize, usize)>);
    // The progress listener lives as long as the component.
    let listener = use_mut_ref(|| None);
    let m = store.messages();
    let urls: Vec<String> = store.pack.screenshot_srcs().into_iter().filter_map(|s| resolve_href(store.docs_base(), s)).collect();
    let total = urls.len();
    if total == 0 {
        return html! {};
    }
    let running = matches!(*progress, Some((s, f)) if s + f < total);
    let onclick = {
        let progress = progress.clone();
        Callback::from(move |_: MouseEvent| {
            let progress = progress.clone();
            progress.set(Some((0, 0)));
            *listener.borrow_mut() = offline::save_all(&urls, move |s, f| progress.set(Some((s, f))));
        })
    };
    html! {
        <section class="offline" aria-labelledby="sw-offline-title">
            <h2 id="sw-offline-title">{ m.offline_title }</h2>
            <button type="button" class="button" {onclick} disabled={running}>{ m.save_all }</button>
            if let Some((saved, failed)) = *progress {
                <progress class="progress" value={(saved + failed).to_string()} max={total.to_string()} aria-labelledby="sw-offline-count"></progress>
                <p id="sw-offline-count" class="offline-count" role="status">{ (m.save_progress)(saved, failed, total) }</p>
            }
        </section>
    }
}
