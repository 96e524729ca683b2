//! Inline content: text, menu and label chips, menu paths, and links (http(s) only).

use stepwise_core::model::{Block, Paragraph, Span};
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
    let base = store.docs_base();
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
pub struct BlocksProps {
    pub blocks: Static<[Block]>,
    /// The class of each paragraph.
    #[prop_or_default]
    pub class: Classes,
}

/// Blocks of prose: paragraphs, lists, code (as written) and tables (text only).
#[component]
pub fn Blocks(props: &BlocksProps) -> Html {
    props.blocks.0.iter().map(|b| block(b, &props.class)).collect()
}

fn block(b: &'static Block, class: &Classes) -> Html {
    let spans = |p: &'static Paragraph| html! { <Spans spans={Static(&**p)} /> };
    match b {
        Block::Para(p) => html! { <p class={class.clone()}>{ spans(p) }</p> },
        Block::List { ordered, items } => {
            let items = items.iter().map(|i| html! { <li>{ spans(i) }</li> });
            if *ordered {
                html! { <ol class="prose-list">{ for items }</ol> }
            } else {
                html! { <ul class="prose-list">{ for items }</ul> }
            }
        }
        // Focusable so that a keyboard can scroll a long line into view.
        Block::Code(text) => html! { <pre class="code" tabindex="0"><code>{ text.as_ref() }</code></pre> },
        Block::Table { head, rows } => html! {
            <div class="table-wrap" tabindex="0">
                <table>
                    if !head.is_empty() {
                        <thead><tr>{ for head.iter().map(|c| html! { <th scope="col">{ spans(c) }</th> }) }</tr></thead>
                    }
                    <tbody>
                        { for rows.iter().map(|r| html! { <tr>{ for r.iter().map(|c| html! { <td>{ spans(c) }</td> }) }</tr> }) }
                    </tbody>
                </table>
            </div>
        },
    }
}
