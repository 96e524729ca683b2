//! The pack's text: inline content (text, menu and label chips, menu paths, and links, http(s)
//! only, resolved against `base`, the docs base) and blocks of prose. Functions, not
//! components: the content never changes under a view, and a view has many of them.

use stepwise_core::model::{Block, Paragraph, Span};
use stepwise_core::text::resolve_href;
use yew::prelude::*;

/// Inline content.
pub fn spans(spans: &'static [Span], base: &str) -> Html {
    spans.iter().map(|span| render(span, base)).collect()
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

/// Blocks of prose: paragraphs (each of `class`, if not empty), lists, code (as written) and
/// tables (text only).
pub fn blocks(blocks: &'static [Block], class: &'static str, base: &str) -> Html {
    blocks.iter().map(|b| block(b, class, base)).collect()
}

fn block(b: &'static Block, class: &'static str, base: &str) -> Html {
    let spans = |p: &'static Paragraph| spans(p, base);
    match b {
        Block::Para(p) => html! { <p class={(!class.is_empty()).then_some(class)}>{ spans(p) }</p> },
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
