//! The refund policy under the checker: the pack's own statements, how to start a refund
//! (linked to its procedure), the stages, and the yearly quota.

use stepwise_core::route::Route;
use yew::prelude::*;

use super::link::link;
use super::spans::{blocks, spans, Prose};
use super::AppContext;

pub fn policy_summary(app: &AppContext) -> Html {
    let store = &app.store;
    let base = store.docs_base();
    let m = store.messages();
    let content = store.content();
    let Some(refund) = store.pack.refund.as_ref() else { return Html::default() };
    let flow = refund.flow.as_ref().and_then(|slug| content.procedures().find(|(_, p)| p.slug == *slug));
    // (With its first step: every procedure of a valid pack has one.)
    let start = refund.start.as_ref().and_then(|slug| content.procedure(slug)).and_then(|p| Some((p, p.steps.first()?)));
    html! {
        <section class="policy" aria-labelledby="sw-policy-title">
            <h2 id="sw-policy-title">{ m.policy_title }</h2>
            if let Some((topic, _)) = flow {
                { blocks(&topic.notes, "", Prose { base, m, under: 2 }) }
                <ul class="statements">
                    { for topic.statements.iter().map(|s| html! { <li>{ spans(s, base) }</li> }) }
                </ul>
            }
            if let Some((start, first)) = start {
                <h3>{ m.how_to_start }</h3>
                <p>
                    { spans(&first.text, base) }
                    { " " }
                    { link(app, Route::step(&store.locale, &start.slug, 1), "", html! { <>{ start.title.as_str() }{ " →" }</> }) }
                </p>
            }
            if let Some((_, flow)) = flow {
                <h3>{ flow.title.as_str() }</h3>
                <ol class="flow">
                    { for flow.steps.iter().map(|s| html! { <li>{ spans(&s.text, base) }</li> }) }
                </ol>
                <p>{ link(app, Route::step(&store.locale, &flow.slug, 1), "", html! { <>{ m.flow_title }{ " →" }</> }) }</p>
            }
            if refund.policy.yearly_quota > 0 { <p class="quota">{ (m.quota)(refund.policy.yearly_quota) }</p> }
        </section>
    }
}
