//! Second pass of the importer: blocks to topics, procedures and steps (see the module docs
//! of [`super`] for the rules).

use super::blocks::{Block as Md, Image, Item, Page, Para};
use super::manifest::parse_size;
use super::{Manifest, Problem, Problems};
use crate::model::{Block, LocaleContent, Paragraph, Procedure, Screenshot, Seq, Span, Step, Text, Topic};
use crate::text::{is_http, is_relative, slugify};

struct Ctx<'a> {
    file: &'a str,
    manifest: &'a Manifest,
    problems: &'a mut Problems,
}

/// What one section (the blocks under a heading) holds.
#[derive(Default)]
struct Section {
    intro: Vec<Block>,
    steps: Vec<Step>,
    outro: Vec<Block>,
    statements: Vec<Paragraph>,
    /// `(title, stages, line)` of each `Name: A->B->C` bullet.
    flows: Vec<(String, Vec<Text>, u32)>,
}

/// How a section with no list is read.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Prose {
    /// Each paragraph is a step (a `###` procedure, or a `##` that shows what to do).
    Steps,
    /// The paragraphs are notes on the topic.
    Notes,
}

pub fn locale_content(file: &str, locale: &str, page: &Page, manifest: &Manifest, problems: &mut Problems) -> Option<LocaleContent> {
    let shifted = relative_headings(&page.blocks);
    let blocks = shifted.as_deref().unwrap_or(&page.blocks);
    let mut cx = Ctx { file, manifest, problems };
    let mut title = None;
    let mut intro = Vec::new();
    let mut topics = Vec::new();
    let mut i = 0;
    while i < blocks.len() {
        match &blocks[i] {
            Md::Heading { level: 1, text, line, .. } => {
                if title.is_some() {
                    cx.problems.push(Problem::error(file, *line, "a second # title; a page has one"));
                }
                title = Some(text.clone());
                i += 1;
            }
            Md::Heading { level: 2, text, id, line } => {
                let end = next_heading(blocks, i + 1, 2);
                topics.push(topic(&mut cx, text, id.as_deref(), *line, &blocks[i + 1..end]));
                i = end;
            }
            Md::Heading { level, line, .. } => {
                let what = if *level == 3 { "a ### procedure outside a ## topic" } else { "a heading below ###, which Stepwise cannot place; use ## or ###" };
                cx.problems.push(Problem::error(file, *line, what));
                i += 1;
            }
            // Before the first topic: the page's introduction, lists of links included.
            block => {
                let mut images = Vec::new();
                intro.extend(prose(&mut cx, block, &mut images));
                if let Some(img) = images.first() {
                    cx.problems.push(Problem::error(file, img.line, "a screenshot before the first ## topic has no step to belong to"));
                }
                i += 1;
            }
        }
    }
    let title = title.unwrap_or_else(|| untitled(&mut cx, locale, page));
    if topics.is_empty() {
        cx.problems.push(Problem::error(file, 1, "the page has no ## topic"));
    }
    Some(LocaleContent { locale: locale.to_owned().into(), title: title.into(), intro: intro.into(), topics: topics.into() })
}

/// Headings read relative to the page: a docs site draws the page's title itself, so its
/// sections often start at `###` or `####`. The shallowest heading under the title is a topic
/// (`##`), the next level a procedure (`###`), and so on; `None` when the page already starts
/// at `##`. (Each locale's page is read on its own: one may start at `##`, another at `###`.)
fn relative_headings(blocks: &[Md]) -> Option<Vec<Md>> {
    let shallowest = blocks.iter().filter_map(|b| match b {
        Md::Heading { level, .. } if *level >= 2 => Some(*level),
        _ => None,
    });
    let shift = shallowest.min()?.checked_sub(2).filter(|&s| s > 0)?;
    Some(
        blocks
            .iter()
            .map(|b| match b {
                Md::Heading { level, text, id, line } if *level >= 2 => Md::Heading { level: level - shift, text: text.clone(), id: id.clone(), line: *line },
                other => other.clone(),
            })
            .collect(),
    )
}

/// The title of a page with no `#` heading: its front matter's `title`, else the pack's
/// `[title]` for its locale, else (with a warning) its first heading's text, else its file's name.
fn untitled(cx: &mut Ctx, locale: &str, page: &Page) -> String {
    if let Some((title, _)) = page.front_matter.as_ref().and_then(|f| f.title.clone()) {
        return title;
    }
    if let Some(title) = cx.manifest.titles.get(locale) {
        return title.clone();
    }
    let first = page.blocks.iter().find_map(|b| match b {
        Md::Heading { text, line, .. } => Some((text.clone(), *line)),
        _ => None,
    });
    let (title, line, from) = match first {
        Some((text, line)) => (text, line, "its first heading"),
        None => {
            let name = std::path::Path::new(cx.file).file_stem().map_or_else(|| cx.file.to_owned(), |s| s.to_string_lossy().into_owned());
            (name, 1, "its file's name")
        }
    };
    let message = format!("the page has no title (no # heading, no title in its front matter, none for {locale} in pack.toml's [title]): titled \"{title}\", {from}");
    cx.problems.push(Problem::warning(cx.file, line, message));
    title
}

fn next_heading(blocks: &[Md], from: usize, level_at_most: u8) -> usize {
    blocks[from..]
        .iter()
        .position(|b| matches!(b, Md::Heading { level, .. } if *level <= level_at_most))
        .map_or(blocks.len(), |i| from + i)
}

/// Whether prose shows the buyer something to do in the console: a menu, label or menu path,
/// or a screenshot. A `##` section with no list is a procedure only then; otherwise it is
/// notes ("reviews are not supported yet", an About text, a price list).
fn shows_what_to_do(blocks: &[Md]) -> bool {
    blocks.iter().any(|b| match b {
        Md::Para(p) => !p.images.is_empty() || p.spans.iter().any(|s| matches!(s, Span::Menu(_) | Span::Label(_) | Span::Path(_))),
        _ => false,
    })
}

fn topic(cx: &mut Ctx, title: &str, id: Option<&str>, line: u32, blocks: &[Md]) -> Topic {
    let slug = id.map_or_else(|| slugify(title), str::to_owned);
    let first_sub = next_heading(blocks, 0, 3);
    let has_subs = first_sub < blocks.len();
    let own_blocks = &blocks[..first_sub];
    let mode = if !has_subs && shows_what_to_do(own_blocks) { Prose::Steps } else { Prose::Notes };
    let own = section(cx, own_blocks, mode);
    let mut procedures = Vec::new();
    let mut notes = own.intro;
    if !own.steps.is_empty() {
        let intro = std::mem::take(&mut notes);
        procedures.push(procedure(&slug, title, line, intro, own.steps, own.outro));
    } else {
        notes.extend(own.outro);
    }
    let mut i = first_sub;
    while i < blocks.len() {
        let Md::Heading { level, text, id, line } = &blocks[i] else { unreachable!("sections start at a heading") };
        let end = next_heading(blocks, i + 1, 3);
        if *level != 3 {
            cx.problems.push(Problem::error(cx.file, *line, "a heading below ###, which Stepwise cannot place; use ## or ###"));
            i = end;
            continue;
        }
        let sub = section(cx, &blocks[i + 1..end], Prose::Steps);
        let sub_slug = id.clone().unwrap_or_else(|| slugify(text));
        if sub.steps.is_empty() {
            cx.problems.push(Problem::error(cx.file, *line, format!("### {text} has no steps: write an ordered list or at least one sentence")));
        } else {
            procedures.push(procedure(&sub_slug, text, *line, sub.intro, sub.steps, sub.outro));
        }
        if !sub.statements.is_empty() || !sub.flows.is_empty() {
            cx.problems.push(Problem::error(cx.file, *line, "a bullet list inside a ### procedure cannot be placed; number the steps"));
        }
        i = end;
    }
    for (flow_title, stages, line) in own.flows {
        let steps = stages
            .into_iter()
            .map(|s| Step { text: vec![Span::Text(s)].into(), details: Seq::default(), screenshots: Seq::default() })
            .collect();
        procedures.push(procedure(&slugify(&flow_title), &flow_title, line, Vec::new(), steps, Vec::new()));
    }
    if procedures.is_empty() && own.statements.is_empty() && notes.is_empty() {
        cx.problems.push(Problem::error(cx.file, line, format!("## {title} is empty: write its steps or a note")));
    }
    Topic { slug: slug.into(), title: title.to_owned().into(), notes: notes.into(), statements: own.statements.into(), procedures: procedures.into() }
}

fn procedure(slug: &str, title: &str, line: u32, intro: Vec<Block>, steps: Vec<Step>, outro: Vec<Block>) -> Procedure {
    Procedure {
        slug: slug.to_owned().into(),
        title: title.to_owned().into(),
        intro: intro.into(),
        steps: steps.into(),
        outro: outro.into(),
        related: Seq::default(),
        line,
    }
}

/// Reads the blocks under one heading.
fn section(cx: &mut Ctx, blocks: &[Md], mode: Prose) -> Section {
    let has_ordered = blocks.iter().any(|b| matches!(b, Md::List { ordered: true, .. }));
    let has_bullets = blocks.iter().any(|b| matches!(b, Md::List { ordered: false, .. }));
    let mut s = Section::default();
    for block in blocks {
        if let Md::Heading { line, .. } = block {
            cx.problems.push(Problem::error(cx.file, *line, "a heading below ###, which Stepwise cannot place; use ## or ###"));
        }
    }
    if !has_ordered && !has_bullets && mode == Prose::Steps {
        for block in blocks {
            match block {
                Md::Para(p) if p.spans.is_empty() => attach_images(cx, s.steps.last_mut(), &p.images),
                Md::Para(p) => s.steps.push(Step { text: spans(cx, p), details: Seq::default(), screenshots: screenshots(cx, &p.images).into() }),
                other => {
                    let mut images = Vec::new();
                    let blocks = prose(cx, other, &mut images);
                    match s.steps.last_mut() {
                        Some(step) => step.details.to_mut().extend(blocks),
                        None => s.intro.extend(blocks),
                    }
                }
            }
        }
        return s;
    }
    // Prose after steps: details of the last step if more steps follow, else the outro.
    let mut pending: Vec<Block> = Vec::new();
    for block in blocks {
        match block {
            Md::Para(p) if s.steps.is_empty() => {
                if let Some(img) = p.images.first() {
                    let msg = if has_ordered { "a screenshot before the first step has no step to belong to; move it into a numbered step" } else { "a screenshot in a section without steps cannot be placed" };
                    cx.problems.push(Problem::error(cx.file, img.line, msg));
                }
                if !p.spans.is_empty() {
                    s.intro.push(Block::Para(spans(cx, p)));
                }
            }
            Md::Para(p) => {
                if !p.spans.is_empty() {
                    pending.push(Block::Para(spans(cx, p)));
                }
                attach_images(cx, s.steps.last_mut(), &p.images);
            }
            Md::Code { .. } | Md::Table { .. } => {
                let mut images = Vec::new();
                let blocks = prose(cx, block, &mut images);
                if s.steps.is_empty() { s.intro.extend(blocks) } else { pending.extend(blocks) }
            }
            Md::List { ordered: true, items, .. } => {
                if let Some(last) = s.steps.last_mut() {
                    last.details.to_mut().append(&mut pending);
                }
                for item in items {
                    if let Some(step) = step(cx, item) {
                        s.steps.push(step);
                    }
                }
            }
            Md::List { ordered: false, items, .. } => {
                for item in items {
                    bullet(cx, item, &mut s);
                }
            }
            Md::Heading { .. } => {}
        }
    }
    s.outro = pending;
    s
}

fn step(cx: &mut Ctx, item: &Item) -> Option<Step> {
    let mut images: Vec<Image> = Vec::new();
    let mut blocks = item.blocks.iter();
    let text = match blocks.next() {
        Some(Md::Para(p)) if !p.spans.is_empty() => {
            images.extend(p.images.iter().cloned());
            spans(cx, p)
        }
        _ => {
            cx.problems.push(Problem::error(cx.file, item.line, "a step with no text: say what to do"));
            return None;
        }
    };
    let mut details = Vec::new();
    for block in blocks {
        details.extend(prose(cx, block, &mut images));
    }
    Some(Step { text, details: details.into(), screenshots: screenshots(cx, &images).into() })
}

/// A block of prose as the model's blocks: a list is flattened (nested items become items of
/// it); images are set aside for the caller to place.
fn prose(cx: &mut Ctx, block: &Md, images: &mut Vec<Image>) -> Vec<Block> {
    match block {
        Md::Para(p) => {
            images.extend(p.images.iter().cloned());
            if p.spans.is_empty() { Vec::new() } else { vec![Block::Para(spans(cx, p))] }
        }
        Md::List { ordered, items, .. } => {
            let mut paras = Vec::new();
            for item in items {
                flatten(cx, &item.blocks, &mut paras, images);
            }
            if paras.is_empty() { Vec::new() } else { vec![Block::List { ordered: *ordered, items: paras.into() }] }
        }
        Md::Code { text, .. } => vec![Block::Code(text.clone().into())],
        Md::Table { head, rows, .. } => {
            let cells = |cx: &mut Ctx, row: &[Para]| row.iter().map(|c| spans(cx, c)).collect::<Vec<_>>();
            let head = cells(cx, head);
            let rows: Vec<Seq<Paragraph>> = rows.iter().map(|r| cells(cx, r).into()).collect();
            vec![Block::Table { head: head.into(), rows: rows.into() }]
        }
        Md::Heading { line, .. } => {
            cx.problems.push(Problem::error(cx.file, *line, "a heading inside a list item cannot be placed"));
            Vec::new()
        }
    }
}

/// An item's blocks as paragraphs (nested list items included, a code block as its text) and
/// images. Tables do not fit in a list item's line: they are refused.
fn flatten(cx: &mut Ctx, blocks: &[Md], paras: &mut Vec<Paragraph>, images: &mut Vec<Image>) {
    for block in blocks {
        match block {
            Md::Para(p) => {
                if !p.spans.is_empty() {
                    paras.push(spans(cx, p));
                }
                images.extend(p.images.iter().cloned());
            }
            Md::List { items, .. } => {
                for item in items {
                    flatten(cx, &item.blocks, paras, images);
                }
            }
            Md::Code { text, .. } => paras.push(vec![Span::Text(text.clone().into())].into()),
            Md::Table { line, .. } => cx.problems.push(Problem::error(cx.file, *line, "a table inside a bullet list cannot be placed; put it after the list")),
            Md::Heading { line, .. } => cx.problems.push(Problem::error(cx.file, *line, "a heading inside a list item cannot be placed")),
        }
    }
}

fn bullet(cx: &mut Ctx, item: &Item, s: &mut Section) {
    let mut paras = Vec::new();
    let mut images = Vec::new();
    flatten(cx, &item.blocks, &mut paras, &mut images);
    if let Some(img) = images.first() {
        cx.problems.push(Problem::error(cx.file, img.line, "a screenshot in a bullet list cannot be placed; use a numbered step"));
    }
    for para in paras {
        match para.as_ref() {
            [Span::Text(name), Span::Path(stages)] if name.trim_end().ends_with([':', '：']) => {
                let title = name.trim_end().trim_end_matches([':', '：']).trim().to_owned();
                s.flows.push((title, stages.to_vec(), item.line));
            }
            _ => s.statements.push(para),
        }
    }
}

fn attach_images(cx: &mut Ctx, step: Option<&mut Step>, images: &[Image]) {
    if images.is_empty() {
        return;
    }
    match step {
        Some(step) => step.screenshots.to_mut().extend(screenshots(cx, images)),
        None => cx.problems.push(Problem::error(cx.file, images[0].line, "a screenshot with no step before it cannot be placed")),
    }
}

fn screenshots(cx: &mut Ctx, images: &[Image]) -> Vec<Screenshot> {
    images
        .iter()
        .filter_map(|img| {
            if !is_http(&img.src) && !is_relative(&img.src) {
                cx.problems.push(Problem::error(cx.file, img.line, format!("screenshot {:?}: only http(s) or relative URLs", img.src)));
                return None;
            }
            if img.alt.trim().is_empty() {
                cx.problems.push(Problem::warning(cx.file, img.line, format!("screenshot {} has no alt text; screen readers and broken images need one", img.src)));
            }
            let (width, height) = match img.title.trim() {
                t if t.starts_with('=') => parse_size(t).unwrap_or_else(|| {
                    cx.problems.push(Problem::error(cx.file, img.line, format!("image size {t:?}: expected the form \"=1280x720\"")));
                    cx.manifest.screenshot_size
                }),
                _ => cx.manifest.screenshot_size,
            };
            Some(Screenshot { src: img.src.clone().into(), alt: img.alt.clone().into(), width, height })
        })
        .collect()
}

/// A paragraph's spans, with links that may not be rendered turned into text.
fn spans(cx: &mut Ctx, p: &Para) -> Paragraph {
    p.spans
        .iter()
        .map(|span| match span {
            Span::Link { text, href } if href.starts_with('#') => {
                cx.problems.push(Problem::warning(cx.file, p.line, format!("link {href:?} points inside the page, which Stepwise splits into procedures: shown as text")));
                Span::Text(text.clone())
            }
            Span::Link { text, href } if !is_http(href) && !is_relative(href) => {
                cx.problems.push(Problem::warning(cx.file, p.line, format!("link {href:?} is not an http(s) URL with a host, or a relative one: shown as text")));
                Span::Text(text.clone())
            }
            // A link with no words would be invisible (and unnamed for a screen reader).
            Span::Link { text, href } if text.trim().is_empty() => {
                cx.problems.push(Problem::warning(cx.file, p.line, format!("link {href:?} has no text: its URL is shown as the text")));
                Span::Link { text: href.clone(), href: href.clone() }
            }
            other => other.clone(),
        })
        .collect::<Vec<_>>()
        .into()
}
