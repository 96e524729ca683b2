//! The refund policy under the checker: the pack's own statements, how to start a refund
//! (linked to its procedure), the stages, and the yearly quota.

use stepwise_core::route::Route;
use yew::prelude::*;

use super::link::Link;
use super::spans::{Paragraphs, Spans};
use super::use_store;
use crate::content::Static;

#[component]
pub fn PolicySummary() -> Html {
    let store = use_store();
    let m = store.messages();
    let content = store.content();
    let pack = store.pack.0;
    let flow = content.procedures().find(|(_, p)| p.slug == pack.refund_flow);
    let start = content.procedure(&pack.refund_start);
    html! {
        <section class="policy" aria-labelledby="sw-policy-title">
            <h2 id="sw-policy-title">{ m.policy_title }</h2>
            if let Some((topic, _)) = flow {
                <Paragraphs paragraphs={Static(&*topic.intro)} />
                <ul class="statements">
                    { for topic.statements.iter().map(|s| html! { <li><Spans spans={Static(&**s)} /></li> }) }
                </ul>
            }
            if let Some(start) = start {
                <h3>{ m.how_to_start }</h3>
                <p>
                    <Spans spans={Static(&*start.steps[0].text)} />
                    { " " }
                    <Link to={Route::step(&store.locale, &start.slug, 1)}>{ start.title.as_ref() }{ " →" }</Link>
                </p>
            }
            if let Some((_, flow)) = flow {
                <h3>{ flow.title.as_ref() }</h3>
                <ol class="flow">
                    { for flow.steps.iter().map(|s| html! { <li><Spans spans={Static(&*s.text)} /></li> }) }
                </ol>
                <p><Link to={Route::step(&store.locale, &flow.slug, 1)}>{ m.flow_title }{ " →" }</Link></p>
            }
            if pack.refund.yearly_quota > 0 { <p class="quota">{ (m.quota)(pack.refund.yearly_quota) }</p> }
        </section>
    }
}
