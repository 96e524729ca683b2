//! One procedure, one step at a time: "Step 2 of 4", a progress bar, the step with its
//! screenshot, Back and Next; the last step says it is done and suggests what to do next.

use stepwise_core::model::{Procedure, Topic};
use stepwise_core::route::Route;
use yew::prelude::*;

use super::link::link;
use super::screenshot::ScreenshotView;
use super::spans::{Blocks, Spans};
use super::use_app;
use crate::content::Static;

#[derive(Properties, PartialEq)]
pub struct WizardProps {
    pub topic: Static<Topic>,
    pub procedure: Static<Procedure>,
    /// 1-based, in range.
    pub step: usize,
}

#[component]
pub fn Wizard(props: &WizardProps) -> Html {
    let app = use_app();
    let store = &app.store;
    let m = store.messages();
    let (topic, p, n) = (props.topic.0, props.procedure.0, props.step);
    let total = p.steps.len();
    let step = &p.steps[n - 1];
    let last = n == total;
    let content = store.content();
    let here = |k: usize| Route::step(&store.locale, &p.slug, k);
    html! {
        <article class="wizard" aria-labelledby="sw-procedure-title">
            <nav class="crumbs" aria-label={m.all_help}>
                { link(&app, Route::list(&store.locale), "back-link", html! { <>{ "← " }{ m.all_help }</> }) }
            </nav>
            <header class="wizard-head">
                if topic.title != p.title { <p class="eyebrow">{ topic.title.as_ref() }</p> }
                <h1 id="sw-procedure-title">{ p.title.as_ref() }</h1>
                <p class="step-of" id="sw-step-of">{ (m.step_of)(n, total) }</p>
                <progress class="progress" value={n.to_string()} max={total.to_string()} aria-labelledby="sw-step-of"></progress>
            </header>
            if n == 1 { <Blocks blocks={Static(&*p.intro)} class="intro" /> }
            <section class="step" aria-labelledby="sw-step-heading">
                <h2 id="sw-step-heading" class="step-text" tabindex="-1" data-autofocus="true">
                    <span class="step-number" aria-hidden="true">{ n }</span>
                    <span><Spans spans={Static(&*step.text)} /></span>
                </h2>
                <Blocks blocks={Static(&*step.details)} class="detail" />
                { for step.screenshots.iter().map(|s| html! { <ScreenshotView shot={Static(s)} /> }) }
            </section>
            <nav class="step-nav" aria-label={m.progress_label}>
                if n > 1 { { link(&app, here(n - 1), "button", html! { <>{ "← " }{ m.back }</> }) } } else { <span /> }
                if !last { { link(&app, here(n + 1), "button primary", html! { <>{ m.next }{ " →" }</> }) } }
            </nav>
            if last {
                <section class="done" aria-labelledby="sw-done-title">
                    <h2 id="sw-done-title">{ "✓ " }{ m.done_title }</h2>
                    <p>{ (m.done_text)(&p.title) }</p>
                    <Blocks blocks={Static(&*p.outro)} />
                    if !p.related.is_empty() {
                        <h3>{ m.related }</h3>
                        <ul class="cards related">
                            { for p.related.iter().filter_map(|slug| content.procedure(slug)).map(|r| html! {
                                <li>{ link(&app, Route::step(&store.locale, &r.slug, 1), "card", html! { <>
                                    <span class="card-title">{ r.title.as_ref() }</span>
                                    <span class="meta">{ (m.steps_count)(r.steps.len()) }</span>
                                </> }) }</li>
                            }) }
                        </ul>
                    }
                    if total > 1 { <p>{ link(&app, here(1), "", html! { m.start_again }) }</p> }
                </section>
            }
        </article>
    }
}
