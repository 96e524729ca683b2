//! One procedure, one step at a time: "Step 2 of 4", a progress bar, the step with its
//! screenshot, Back and Next; the last step says it is done and suggests what to do next.

use stepwise_core::model::{Procedure, Topic};
use stepwise_core::route::Route;
use yew::prelude::*;

use super::link::{card, link};
use super::screenshot::ScreenshotView;
use super::spans::{blocks, spans, Prose};
use super::AppContext;

/// Step `n` (1-based; the route keeps it in range) of the procedure `p` of `topic` (no state of
/// its own: the step is the place's). A step out of range, which no route makes, shows the
/// nearest one; a procedure with no step, which no valid pack has, shows nothing.
pub fn wizard(app: &AppContext, topic: &Topic, p: &Procedure, n: usize) -> Html {
    let store = &app.store;
    let base = store.docs_base();
    let m = store.messages();
    let total = p.steps.len();
    let n = n.clamp(1, total.max(1));
    let Some(step) = p.steps.get(n - 1) else { return Html::default() };
    let last = n == total;
    let content = store.content();
    let here = |k: usize| Route::step(&store.locale, &p.slug, k);
    html! {
        <article class="wizard" aria-labelledby="sw-procedure-title">
            <nav class="crumbs" aria-label={m.all_help}>
                { link(app, Route::list(&store.locale), "back-link", html! { <>{ "← " }{ m.all_help }</> }) }
            </nav>
            <header class="wizard-head">
                if topic.title != p.title { <p class="eyebrow">{ topic.title.as_str() }</p> }
                <h1 id="sw-procedure-title">{ p.title.as_str() }</h1>
                <p class="step-of" id="sw-step-of">{ (m.step_of)(n, total) }</p>
                <progress class="progress" value={n.to_string()} max={total.to_string()} aria-labelledby="sw-step-of"></progress>
            </header>
            if n == 1 { { blocks(&p.intro, "intro", Prose { base, m, under: 1 }) } }
            <section class="step" aria-labelledby="sw-step-heading">
                <h2 id="sw-step-heading" class="step-text" tabindex="-1" data-autofocus="true">
                    <span class="step-number" aria-hidden="true">{ n }</span>
                    <span>{ spans(&step.text, base) }</span>
                </h2>
                { blocks(&step.details, "detail", Prose { base, m, under: 2 }) }
                { for step.screenshots.iter().map(|s| html! { <ScreenshotView shot={s.clone()} /> }) }
                if let (false, Some(date)) = (step.screenshots.is_empty(), store.pack.captured) {
                    <p class="shots-date">{ (m.screens_as_of)(date) }</p>
                }
            </section>
            <nav class="step-nav" aria-label={m.progress_label}>
                if n > 1 { { link(app, here(n - 1), "button", html! { <>{ "← " }{ m.back }</> }) } } else { <span /> }
                if !last { { link(app, here(n + 1), "button primary", html! { <>{ m.next }{ " →" }</> }) } }
            </nav>
            if last {
                <section class="done" aria-labelledby="sw-done-title">
                    <h2 id="sw-done-title">{ "✓ " }{ m.done_title }</h2>
                    <p>{ (m.done_text)(&p.title) }</p>
                    { blocks(&p.outro, "", Prose { base, m, under: 2 }) }
                    if !p.related.is_empty() {
                        <h3>{ m.related }</h3>
                        <ul class="cards related">
                            { for p.related.iter().filter_map(|slug| content.procedure(slug)).map(|r| html! {
                                <li>{ card(app, Route::step(&store.locale, &r.slug, 1), &r.title, Some((m.steps_count)(r.steps.len()))) }</li>
                            }) }
                        </ul>
                    }
                    if total > 1 { <p>{ link(app, here(1), "", html! { m.start_again }) }</p> }
                </section>
            }
        </article>
    }
}
