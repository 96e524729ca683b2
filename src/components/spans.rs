//! The pack's text: inline content (text, menu and label chips, menu paths, and links, http(s)
//! only, resolved against the docs base) and blocks of prose (paragraphs, lists, code, tables,
//! headings, screenshots, callouts and tabs). Functions, not components: the content never
//! changes under a view, and a view has many of them.

use stepwise_core::i18n::Messages;
use stepwise_core::model::{nodes, tabs, Block, CalloutKind, Node, Paragraph, Span};
use stepwise_core::text::resolve_href;
use yew::prelude::*;

use super::screenshot::ScreenshotView;

/// Inline content.
pub fn spans(spans: &[Span], base: &str) -> Html {
    spans.iter().map(|span| render(span, base)).collect()
}

fn render(span: &Span, base: &str) -> Html {
    match span {
        Span::Text(t) => html! { { t.as_str() } },
        Span::Menu(t) => html! { <span class="chip chip-menu">{ t.as_str() }</span> },
        Span::Label(t) => html! { <span class="chip chip-label">{ t.as_str() }</span> },
        Span::Path(segments) => html! {
            <span class="path">
                { for segments.iter().enumerate().map(|(i, s)| html! { <>
                    if i > 0 { <span class="path-sep" aria-hidden="true">{ "›" }</span><span class="visually-hidden">{ " > " }</span> }
                    <span class="chip chip-menu">{ s.as_str() }</span>
                </> }) }
            </span>
        },
        Span::Link { text, href } => match resolve_href(base, href) {
            Some(url) => html! { <a href={url} rel="noopener noreferrer" target="_blank">{ text.as_str() }</a> },
            None => html! { { text.as_str() } },
        },
    }
}

/// Where prose is drawn: the docs base its links resolve against, the widget's words (a
/// callout's kind), and the level of the view's heading it sits under (its own headings are
/// one deeper).
#[derive(Clone, Copy)]
pub struct Prose<'a> {
    pub base: &'a str,
    pub m: &'static Messages,
    pub under: u8,
}

/// Blocks of prose: paragraphs (each of `class`, if not empty), lists, code (as written),
/// tables (text only), headings, screenshots, callouts and tabs.
pub fn blocks(blocks: &[Block], class: &'static str, prose: Prose) -> Html {
    nodes(blocks).map(|n| node(n, class, prose)).collect()
}

fn node(n: Node<'_>, class: &'static str, prose: Prose) -> Html {
    match n {
        Node::Leaf(b) => block(b, class, prose),
        Node::Callout { kind, title, collapsed, body } => callout(kind, title, collapsed, blocks(body, "", prose), prose),
        // Every tab's content stays on the page, under its label; one open at a time where the
        // browser groups `<details>` by name, the first open at the start.
        Node::Tabs(group) => {
            let mut name = String::from("sw-tabs");
            for (label, _) in tabs(group) {
                name.push('-');
                name.push_str(&format!("{:08x}", stepwise_core::packfile::fnv1a32(label.as_bytes())));
            }
            html! {
                <div class="tabs">
                    { for tabs(group).enumerate().map(|(i, (label, body))| html! {
                        <details class="tab" name={name.clone()} open={i == 0}>
                            <summary>{ label.as_str() }</summary>
                            { blocks(body, "", prose) }
                        </details>
                    }) }
                </div>
            }
        }
    }
}

/// A callout: its kind in words and as an icon (never by colour alone), its title, its body;
/// folded into a `<details>` when the page folds it. The icons are symbols every system font
/// has (ℹ ✔ ⚠ ✖), not emoji a machine without an emoji font draws as boxes.
fn callout(kind: CalloutKind, title: &Paragraph, collapsed: bool, body: Html, prose: Prose) -> Html {
    let (name, icon, class) = match kind {
        CalloutKind::Note => (prose.m.callout_kinds[0], "ℹ", "callout callout-note"),
        CalloutKind::Tip => (prose.m.callout_kinds[1], "✔", "callout callout-tip"),
        CalloutKind::Warning => (prose.m.callout_kinds[2], "⚠", "callout callout-warning"),
        CalloutKind::Danger => (prose.m.callout_kinds[3], "✖", "callout callout-danger"),
    };
    let head = html! { <>
        <span class="callout-icon" aria-hidden="true">{ icon }</span>
        <strong class="callout-kind">{ name }</strong>
        if !title.is_empty() { { " " }{ spans(title, prose.base) } }
    </> };
    if collapsed {
        html! { <details class={class}><summary class="callout-title">{ head }</summary>{ body }</details> }
    } else {
        html! { <div class={class} role="note"><p class="callout-title">{ head }</p>{ body }</div> }
    }
}

fn block(b: &Block, class: &'static str, prose: Prose) -> Html {
    let spans = |p: &Paragraph| spans(p, prose.base);
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
        Block::Code(text) => html! { <pre class="code" tabindex="0"><code>{ text.as_str() }</code></pre> },
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
        Block::Heading(text) => html! { <@{format!("h{}", (prose.under + 1).clamp(2, 6))} class="prose-heading">{ text.as_str() }</@> },
        Block::Image(shot) => html! { <ScreenshotView shot={shot.clone()} /> },
        // A container's head alone (what `nodes` never hands out).
        Block::Callout { .. } | Block::Tab { .. } => Html::default(),
    }
}
