//! The home screen: search, "continue where you left off", and every procedure by topic.

use std::cell::RefCell;
use std::rc::Rc;

use stepwise_core::model::{plain_text, Pack, Procedure};
use stepwise_core::search::SearchIndex;
use stepwise_core::route::{Route, View};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::link::{card, link};
use super::save_offline::SaveOffline;
use super::spans::{blocks, spans, Prose};
use super::use_app;
use crate::content::Shared;
use crate::state::{Action, AppState};

/// At most this many results are shown (the count says how many matched): a keystroke that
/// matches much of a large pack stays within a frame.
pub const RESULTS_SHOWN: usize = 20;
/// Topics shown at first, and how many more each "show more" adds: the list's DOM stays
/// bounded however large the pack.
pub const TOPICS_PAGE: usize = 12;

#[derive(Properties, PartialEq)]
pub struct ProcedureListProps {
    /// Where the buyer last was, from storage (validated by the caller).
    pub resume: Option<Route>,
}

#[component]
pub fn ProcedureList(props: &ProcedureListProps) -> Html {
    let app = use_app();
    let (store, host) = (&app.store, &app.host);
    let base = store.docs_base();
    let m = store.messages();
    let content = store.content();
    let oninput = {
        let store = store.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            store.dispatch(Action::Search(input.value()));
        })
    };
    let onsubmit = Callback::from(|e: SubmitEvent| e.prevent_default());
    let shown_topics = use_state(|| TOPICS_PAGE);
    let query = store.query.trim();
    let search: Rc<SearchSlot> = use_mut_ref(|| None);
    let results = (!query.is_empty()).then(|| search_index(&search, store).search(query));

    let resume = props.resume.as_ref().and_then(|r| {
        let View::Procedure { slug, step } = &r.view else { return None };
        let p = content.procedure(slug)?;
        let to = Route::step(&store.locale, slug, *step);
        Some(html! {
            <p class="resume">
                { link(&app, to, "resume-link", html! { <>
                    <span class="resume-title">{ p.title.as_str() }</span>
                    <span class="meta">{ (m.step_of)(*step, p.steps.len()) }</span>
                </> }) }
            </p>
        })
    });

    html! {
        <div class="list-view">
            <h1 tabindex="-1" data-autofocus="true">{ content.title.as_str() }</h1>
            if store.not_found { <p class="notice" role="alert">{ m.not_found }</p> }
            { blocks(&content.intro, "lead", Prose { base, m, under: 1 }) }
            <form role="search" class="search" {onsubmit}>
                <label for="sw-search">{ m.search_label }</label>
                <input id="sw-search" type="search" value={store.query.clone()} placeholder={m.search_placeholder} autocomplete="off" {oninput} aria-describedby="sw-search-status" />
            </form>
            <p id="sw-search-status" class="search-status" role="status">
                { results.as_ref().map(|r| match r.len() {
                    0 => (m.no_results)(query),
                    n if n > RESULTS_SHOWN => (m.results)(n) + &(m.results_capped)(RESULTS_SHOWN),
                    n => (m.results)(n),
                }).unwrap_or_default() }
            </p>
            { resume.unwrap_or_default() }
            {
                match results {
                    Some(hits) => html! {
                        <ul class="cards results">
                            { for hits.iter().take(RESULTS_SHOWN).filter_map(|hit| {
                                let p = content.procedure(&hit.slug)?;
                                let to = Route::step(&store.locale, &hit.slug, hit.step.unwrap_or(1));
                                let snippet = hit.step.and_then(|n| p.steps.get(n - 1)).map(|s| plain_text(&s.text));
                                Some(html! {
                                    <li>
                                        { card(&app, to, &p.title, hit.step.zip(snippet).map(|(n, s)| format!("{} · {s}", (m.step_of)(n, p.steps.len())))) }
                                    </li>
                                })
                            }) }
                        </ul>
                    },
                    None => html! {
                        <>
                            if store.pack.refund.is_some() {
                                <p class="checker-cta">{ link(&app, Route::checker(&store.locale), "button primary", html! { m.checker_link }) }</p>
                            }
                            { for content.topics.iter().take(*shown_topics).map(|topic| {
                                let topic_card = |p: &Procedure| card(&app, Route::step(&store.locale, &p.slug, 1), &p.title, Some((m.steps_count)(p.steps.len())));
                                // What the topic says besides its procedures: notes, policy statements.
                                let notes = html! { <>
                                    { blocks(&topic.notes, "note", Prose { base, m, under: 2 }) }
                                    if !topic.statements.is_empty() {
                                        <ul class="statements">
                                            { for topic.statements.iter().map(|s| html! { <li>{ spans(s, base) }</li> }) }
                                        </ul>
                                    }
                                </> };
                                match &*topic.procedures {
                                    // A topic that is one procedure of the same name: the card is its heading.
                                    [only] if only.title == topic.title && topic.notes.is_empty() && topic.statements.is_empty() => html! {
                                        <section class="topic single"><h2>{ topic_card(only) }</h2></section>
                                    },
                                    procedures => {
                                        let id = AttrValue::from(format!("topic-{}", topic.slug));
                                        html! {
                                            <section class="topic" aria-labelledby={id.clone()}>
                                                <h2 {id}>{ topic.title.as_str() }</h2>
                                                { notes }
                                                if !procedures.is_empty() {
                                                    <ul class="cards">
                                                        { for procedures.iter().map(|p| html! { <li>{ topic_card(p) }</li> }) }
                                                    </ul>
                                                }
                                            </section>
                                        }
                                    }
                                }
                            }) }
                            if content.topics.len() > *shown_topics {
                                <p class="more-topics">
                                    <button type="button" class="button" onclick={{
                                        let shown_topics = shown_topics.clone();
                                        move |_: MouseEvent| shown_topics.set(*shown_topics + TOPICS_PAGE)
                                    }}>{ (m.more_topics)(content.topics.len() - *shown_topics) }</button>
                                </p>
                            }
                        </>
                    },
                }
            }
            // (Only the page offers it: without the `page` feature the control is not compiled.)
            if cfg!(feature = "page") && host.offline() { <SaveOffline /> }
            <p class="hint">{ m.keyboard_hint }</p>
        </div>
    }
}

/// What the list keeps of search between renders: the index, with the pack and locale it
/// was built for.
type SearchSlot = RefCell<Option<(Shared<Pack>, String, Rc<SearchIndex>)>>;

/// The pack's search index in the list's locale, built on the first query and kept while the
/// pack and locale stay the same (a keystroke then reads it, never rebuilds it).
fn search_index(slot: &SearchSlot, store: &AppState) -> Rc<SearchIndex> {
    let mut slot = slot.borrow_mut();
    match &*slot {
        Some((pack, locale, index)) if *pack == store.pack && *locale == store.locale => index.clone(),
        _ => {
            let index = Rc::new(SearchIndex::new(&store.pack, &store.locale));
            *slot = Some((store.pack.clone(), store.locale.clone(), index.clone()));
            index
        }
    }
}
