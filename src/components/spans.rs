//! Inline content: text, menu and label chips, menu paths, and links (http(s) only).

use stepwise_core::model::{Paragraph, Span};
use stepwise_core::text::resolve_href;
use yew::prelude::*;

use super::use_store;
use crate::content::Static;

#[derive(Properties, PartialEq)]
pub struct SpansProps {
    pub spans: Static<[Span]>,
}

#[component]
pub fn Spans(props: &SpansProps) -> Html {
    let store = use_store();
    let base = &store.docs_base;
    props.spans.0.iter().map(|span| render(span, base)).collect()
}

fn render(span: &'static Span, base: &str) -> Html {
    match span {
        Span::Text(t) => html! { { t.as_ref() } },
        Span::Menu(t) => html! { <span class="chip chip-menu">{ t.as_ref() }</span> },
        Span::Label(t) => html! { <span class="chip chip-label">{ t.as_ref() }</span> },
        Span::Path(segments) => html! {
            <span class="path">
                { for segments.iter().enumerate().map(|(i, s)| html! { <>
                    if i > 0 { <span class="path-sep" aria-hidden="true">{ "›" }</span><span class="visually-hidden">{ " > " }</span> }
                    <span class="chip chip-menu">{ s.as_ref() }</span>
                </> }) }
            </span>
        },
        Span::Link { text, href } => match resolve_href(base, href) {
            Some(url) => html! { <a href={url} rel="noopener noreferrer" target="_blank">{ text.as_ref() }</a> },
            None => html! { { text.as_ref() } },
        },
    }
}

#[derive(Properties, PartialEq)]
pub struct ParagraphsProps {
    pub paragraphs: Static<[Paragraph]>,
    #[prop_or_default]
    pub class: Classes,
}

/// Paragraphs of prose, each a `<p>`.
#[component]
pub fn Paragraphs(props: &ParagraphsProps) -> Html {
    props.paragraphs.0.iter().map(|p| html! { <p class={props.class.clone()}><Spans spans={Static(&**p)} /></p> }).collect()
}
