//! Second pass of the importer: blocks to topics, procedures and steps (see the module docs
//! of [`super`] for the rules).

use super::blocks::{Block, Image, Item, Para};
use super::manifest::parse_size;
use super::{Manifest, Problem, Problems};
use crate::model::{LocaleContent, Paragraph, Procedure, Screenshot, Seq, Span, Step, Text, Topic};
use crate::text::{is_http, is_relative, slugify};

struct Ctx<'a> {
    file: &'a str,
    manifest: &'a Manifest,
    problems: &'a mut Problems,
}

/// What one section (the blocks under a heading) holds.
#[derive(Default)]
struct Section {
    intro: Vec<Paragraph>,
    steps: Vec<Step>,
    outro: Vec<Paragraph>,
    statements: Vec<Paragraph>,
    /// `(title, stages, line)` of each `Name: A->B->C` bullet.
    flows: Vec<(String, Vec<Text>, u32)>,
}

pub fn locale_content(file: &str, locale: &str, blocks: &[Block], manifest: &Manifest, problems: &mut Problems) -> Option<LocaleContent> {
    let mut cx = Ctx { file, manifest, problems };
    let mut title = None;
    let mut intro = Vec::new();
    let mut topics = Vec::new();
    let mut i = 0;
    while i < blocks.len() {
        match &blocks[i] {
            Block::Heading { level: 1, text, line, .. } => {
                if title.is_some() {
                    cx.problems.push(Problem::error(file, *line, "a second # title; a page has one"));
                }
                title = Some(text.clone());
                i += 1;
            }
            Block::Heading { level: 2, text, id, line } => {
                let end = next_heading(blocks, i + 1, 2);
                topics.push(topic(&mut cx, text, id.as_deref(), *line, &blocks[i + 1..end]));
                i = end;
            }
            Block::Heading { level, line, .. } => {
                let what = if *level == 3 { "a ### procedure outside a ## topic" } else { "a heading below ###, which Stepwise cannot place; use ## or ###" };
                cx.problems.push(Problem::error(file, *line, what));
                i += 1;
            }
            Block::Para(p) if topics.is_empty() => {
                if let Some(img) = p.images.first() {
                    cx.problems.push(Problem::error(file, img.line, "a screenshot before the first ## topic has no step to belong to"));
                }
                intro.push(spans(&mut cx, p));
                i += 1;
            }
            Block::List { line, .. } => {
                cx.problems.push(Problem::error(file, *line, "a list before the first ## topic has no procedure to belong to"));
                i += 1;
            }
            Block::Para(_) => i += 1,
        }
    }
    let Some(title) = title else {
        cx.problems.push(Problem::error(file, 1, "the page has no # title"));
        return None;
    };
    if topics.is_empty() {
        cx.problems.push(Problem::error(file, 1, "the page has no ## topic"));
    }
    Some(LocaleContent { locale: locale.to_owned().into(), title: title.into(), intro: intro.into(), topics: topics.into() })
}

fn next_heading(blocks: &[Block], from: usize, level_at_most: u8) -> usize {
    blocks[from..]
        .iter()
        .position(|b| matches!(b, Block::Heading { level, .. } if *level <= level_at_most))
        .map_or(blocks.len(), |i| from + i)
}

fn topic(cx: &mut Ctx, title: &str, id: Option<&str>, line: u32, blocks: &[Block]) -> Topic {
    let slug = id.map_or_else(|| slugify(title), str::to_owned);
    let first_sub = next_heading(blocks, 0, 3);
    let has_subs = first_sub < blocks.len();
    let own = section(cx, &blocks[..first_sub], !has_subs);
    let mut procedures = Vec::new();
    let mut intro = own.intro;
    if !own.steps.is_empty() {
        let intro = std::mem::take(&mut intro);
        procedures.push(procedure(&slug, title, line, intro, own.steps, own.outro));
    } else if !own.outro.is_empty() {
        intro.extend(own.outro);
    }
    let mut i = first_sub;
    while i < blocks.len() {
        let Block::Heading { level, text, id, line } = &blocks[i] else { unreachable!("sections start at a heading") };
        let end = next_heading(blocks, i + 1, 3);
        if *level != 3 {
            cx.problems.push(Problem::error(cx.file, *line, "a heading below ###, which Stepwise cannot place; use ## or ###"));
            i = end;
            continue;
        }
        let sub = section(cx, &blocks[i + 1..end], true);
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
    if procedures.is_empty() && own.statements.is_empty() {
        cx.problems.push(Problem::error(cx.file, line, format!("## {title} has no steps and no statements")));
    }
    Topic { slug: slug.into(), title: title.to_owned().into(), intro: intro.into(), statements: own.statements.into(), procedures: procedures.into() }
}

fn procedure(slug: &str, title: &str, line: u32, intro: Vec<Paragraph>, steps: Vec<Step>, outro: Vec<Paragraph>) -> Procedure {
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

/// Reads the blocks under one heading. `prose_steps`: with no list, paragraphs are steps.
fn section(cx: &mut Ctx, blocks: &[Block], prose_steps: bool) -> Section {
    let has_ordered = blocks.iter().any(|b| matches!(b, Block::List { ordered: true, .. }));
    let has_bullets = blocks.iter().any(|b| matches!(b, Block::List { ordered: false, .. }));
    let mut s = Section::default();
    for block in blocks {
        if let Block::Heading { line, .. } = block {
            cx.problems.push(Problem::error(cx.file, *line, "a heading below ###, which Stepwise cannot place; use ## or ###"));
        }
    }
    if !has_ordered && !has_bullets && prose_steps {
        for block in blocks {
            if let Block::Para(p) = block {
                if p.spans.is_empty() {
                    attach_images(cx, s.steps.last_mut(), &p.images);
                } else {
                    s.steps.push(Step { text: spans(cx, p), details: Seq::default(), screenshots: screenshots(cx, &p.images).into() });
                }
            }
        }
        return s;
    }
    // Paragraphs after steps: details of the last step if more steps follow, else the outro.
    let mut pending: Vec<Paragraph> = Vec::new();
    for block in blocks {
        match block {
            Block::Para(p) if s.steps.is_empty() => {
                if let Some(img) = p.images.first() {
                    let msg = if has_ordered { "a screenshot before the first step has no step to belong to; move it into a numbered step" } else { "a screenshot in a section without steps cannot be placed" };
                    cx.problems.push(Problem::error(cx.file, img.line, msg));
                }
                if !p.spans.is_empty() {
                    s.intro.push(spans(cx, p));
                }
            }
            Block::Para(p) => {
                if !p.spans.is_empty() {
                    pending.push(spans(cx, p));
                }
                attach_images(cx, s.steps.last_mut(), &p.images);
            }
            Block::List { ordered: true, items, .. } => {
                if let Some(last) = s.steps.last_mut() {
                    last.details.to_mut().append(&mut pending);
                }
                for item in items {
                    if let Some(step) = step(cx, item) {
                        s.steps.push(step);
                    }
                }
            }
            Block::List { ordered: false, items, .. } => {
                for item in items {
                    bullet(cx, item, &mut s);
                }
            }
            Block::Heading { .. } => {}
        }
    }
    s.outro = pending;
    s
}

fn step(cx: &mut Ctx, item: &Item) -> Option<Step> {
    let mut paras: Vec<Paragraph> = Vec::new();
    let mut images: Vec<Image> = Vec::new();
    collect_item(cx, &item.blocks, &mut paras, &mut images);
    if paras.is_empty() {
        cx.problems.push(Problem::error(cx.file, item.line, "a step with no text: say what to do"));
        return None;
    }
    let text = paras.remove(0);
    Some(Step { text, details: paras.into(), screenshots: screenshots(cx, &images).into() })
}

/// Flattens an item's blocks: paragraphs (nested list items included) and images.
fn collect_item(cx: &mut Ctx, blocks: &[Block], paras: &mut Vec<Paragraph>, images: &mut Vec<Image>) {
    for block in blocks {
        match block {
            Block::Para(p) => {
                if !p.spans.is_empty() {
                    paras.push(spans(cx, p));
                }
                images.extend(p.images.iter().cloned());
            }
            Block::List { items, .. } => {
                for item in items {
                    collect_item(cx, &item.blocks, paras, images);
                }
            }
            Block::Heading { line, .. } => cx.problems.push(Problem::error(cx.file, *line, "a heading inside a list item cannot be placed")),
        }
    }
}

fn bullet(cx: &mut Ctx, item: &Item, s: &mut Section) {
    let mut paras = Vec::new();
    let mut images = Vec::new();
    collect_item(cx, &item.blocks, &mut paras, &mut images);
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
            Span::Link { text, href } if !is_http(href) && !is_relative(href) => {
                cx.problems.push(Problem::warning(cx.file, p.line, format!("link {href:?} is not http(s) or relative: shown as text")));
                Span::Text(text.clone())
            }
            other => other.clone(),
        })
        .collect::<Vec<_>>()
        .into()
}
