//! Second pass of the importer: blocks to topics, procedures and steps (see the module docs
//! of [`super`] for the rules).
//!
//! A page is read as a tree of sections: the title, then its topics (`##`, or the shallowest
//! heading under the title), each with the sections under it at any depth. A section whose own
//! blocks hold steps (an ordered list, or prose that shows what to do) is a procedure; a
//! section whose sub-headings are numbered (`#### 1. Choose a region`) is one procedure whose
//! steps are those sub-sections; any other section is notes, with its heading. Nothing a
//! Markdown renderer would show is refused.

use super::blocks::{Block as Md, Image, Item, Page, Para};
use super::image_title::ImageSize;
use super::{Manifest, Problem, Problems};
use crate::model::{Block, CalloutKind, LocaleContent, Paragraph, Procedure, Region, Screenshot, Seq, Span, Step, Text, Topic};
use crate::text::{inline_spans, is_http, is_relative, slugify, strip_heading_number, strip_step_number};

struct Ctx<'a> {
    file: &'a str,
    manifest: &'a Manifest,
    problems: &'a mut Problems,
}

/// A heading's words and place.
#[derive(Clone, Copy)]
struct Head<'a> {
    text: &'a str,
    id: Option<&'a str>,
    line: u32,
}

/// A heading and what is under it: its own blocks, then its sub-sections.
struct Sec<'a> {
    head: Head<'a>,
    own: &'a [Md],
    subs: Vec<Sec<'a>>,
}

/// The blocks before the first heading, and the sections at the shallowest heading level
/// among them (each down to the next heading of that level or above).
fn sections(blocks: &[Md]) -> (&[Md], Vec<Sec<'_>>) {
    let level = blocks.iter().filter_map(|b| if let Md::Heading { level, .. } = b { Some(*level) } else { None }).min();
    let Some(level) = level else { return (blocks, Vec::new()) };
    let first = blocks.iter().position(|b| matches!(b, Md::Heading { .. })).unwrap_or(blocks.len());
    let mut secs = Vec::new();
    let mut i = first;
    while i < blocks.len() {
        let Md::Heading { text, id, line, .. } = &blocks[i] else { unreachable!("a section starts at a heading") };
        let end = blocks[i + 1..].iter().position(|b| matches!(b, Md::Heading { level: l, .. } if *l <= level)).map_or(blocks.len(), |e| i + 1 + e);
        let (own, subs) = sections(&blocks[i + 1..end]);
        secs.push(Sec { head: Head { text, id: id.as_deref(), line: *line }, own, subs });
        i = end;
    }
    (&blocks[..first], secs)
}

/// What one section's own blocks hold.
#[derive(Default)]
struct Section {
    intro: Vec<Block>,
    steps: Vec<Step>,
    outro: Vec<Block>,
    statements: Vec<Paragraph>,
    /// `(title, stages, line)` of each `Name: A->B->C` bullet.
    flows: Vec<(String, Vec<Text>, u32)>,
}

/// What a topic gathers from its sections.
#[derive(Default)]
struct Parts {
    notes: Vec<Block>,
    statements: Vec<Paragraph>,
    procedures: Vec<Procedure>,
}

/// How a section with no list is read.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Prose {
    /// Each paragraph is a step (the section shows what to do).
    Steps,
    /// The paragraphs are notes.
    Notes,
}

pub fn locale_content(file: &str, locale: &str, page: &Page, manifest: &Manifest, problems: &mut Problems) -> Option<LocaleContent> {
    let mut cx = Ctx { file, manifest, problems };
    // A page of several `#` sections (`# 如何更新在线文档` … `# 如何提交代码` with its `##`s): each
    // `#` is a topic, every heading one level deeper, and the page's title comes from
    // elsewhere (front matter, pack.toml, else the first heading).
    let titles = page.blocks.iter().filter(|b| matches!(b, Md::Heading { level: 1, .. })).count();
    let deepened: Option<Vec<Md>> = (titles >= 2).then(|| {
        page.blocks
            .iter()
            .map(|b| match b {
                Md::Heading { level, text, id, line } => Md::Heading { level: (level + 1).min(6), text: text.clone(), id: id.clone(), line: *line },
                other => other.clone(),
            })
            .collect()
    });
    let shifted = relative_headings(deepened.as_deref().unwrap_or(&page.blocks));
    let blocks = shifted.as_deref().or(deepened.as_deref()).unwrap_or(&page.blocks);
    // The title, and what is left: a second `#` is a topic; a `###` before the first `##`
    // is one too (the renderer shows both as headings; Stepwise needs topics).
    let mut title = None;
    let mut body: Vec<Md> = Vec::with_capacity(blocks.len());
    let mut topic_seen = false;
    let mut footnotes: Vec<(String, Vec<Md>, u32)> = Vec::new();
    for b in blocks {
        match b {
            Md::Heading { level: 1, text, line, .. } if title.is_none() && !topic_seen => {
                title = Some(text.clone());
                let _ = line;
            }
            Md::Heading { level, text, id, line } if *level == 1 || (*level > 2 && !topic_seen) => {
                let what = if *level == 1 { "a second # title" } else { "a heading deeper than the page's topics before its first topic" };
                cx.problems.push(Problem::warning(file, *line, format!("{what}: read as a topic")));
                topic_seen = true;
                body.push(Md::Heading { level: 2, text: text.clone(), id: id.clone(), line: *line });
            }
            Md::Heading { level: 2, .. } => {
                topic_seen = true;
                body.push(b.clone());
            }
            Md::Footnote { label, blocks, line } => footnotes.push((label.clone(), blocks.clone(), *line)),
            other => body.push(other.clone()),
        }
    }
    let title = title.unwrap_or_else(|| untitled(&mut cx, locale, page));
    let (before, secs) = sections(&body);
    let mut intro = Vec::new();
    let mut topics = Vec::new();
    if secs.is_empty() {
        // A page without topics (one numbered list, a few paragraphs) is one topic, titled
        // by the page.
        if !before.is_empty() {
            let head = Head { text: &title, id: None, line: before.iter().find_map(first_line).unwrap_or(1) };
            topics.push(topic(&mut cx, &Sec { head, own: before, subs: Vec::new() }));
        }
    } else if let Some(run) = numbered_run(&secs) {
        // Numbered sections (`## 1 购买镜像`, `## 2 开放端口`): one procedure, titled by the
        // page; the sections before and after the run stay topics.
        let mut secs = secs;
        let after = secs.split_off(run.end);
        let steps = secs.split_off(run.start);
        for b in before {
            intro.extend(prose(&mut cx, b, &mut Vec::new(), true));
        }
        for sec in &secs {
            topics.push(topic(&mut cx, sec));
        }
        let head = Head { text: &title, id: None, line: steps[0].head.line };
        topics.push(topic(&mut cx, &Sec { head, own: &[], subs: steps }));
        for sec in &after {
            topics.push(topic(&mut cx, sec));
        }
    } else {
        if before.iter().any(|b| matches!(b, Md::List { ordered: true, .. })) {
            // Steps before the first topic: a procedure of their own, titled by the page.
            let head = Head { text: &title, id: None, line: before.iter().find_map(first_line).unwrap_or(1) };
            topics.push(topic(&mut cx, &Sec { head, own: before, subs: Vec::new() }));
        } else {
            for b in before {
                intro.extend(prose(&mut cx, b, &mut Vec::new(), true));
            }
        }
        for sec in &secs {
            topics.push(topic(&mut cx, sec));
        }
    }
    place_footnotes(&mut cx, footnotes, &mut topics, &mut intro);
    if topics.is_empty() && intro.is_empty() {
        cx.problems.push(Problem::warning(file, 1, "the page has nothing under its title"));
    }
    Some(LocaleContent { locale: locale.to_owned(), title, intro, topics })
}

fn first_line(b: &Md) -> Option<u32> {
    match b {
        Md::Para(p) => Some(p.line),
        Md::Heading { line, .. } | Md::Table { line, .. } | Md::Callout { line, .. } | Md::Tabs { line, .. } | Md::Footnote { line, .. } => Some(*line),
        Md::List { items, .. } => items.first().map(|i| i.line),
        Md::Code { .. } => None,
    }
}

/// Footnotes (`[^1]: …`), each at the end of the topic that first marks it (`[1]`), else of the
/// last topic, as a list.
fn place_footnotes(cx: &mut Ctx, footnotes: Vec<(String, Vec<Md>, u32)>, topics: &mut [Topic], intro: &mut Vec<Block>) {
    let mut lists: Vec<Vec<Paragraph>> = vec![Vec::new(); topics.len()];
    let mut unplaced = Vec::new();
    if footnotes.is_empty() {
        return;
    }
    // Every `[mark]` in each topic, first topic first: one pass over the text.
    let mut marked: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for (i, t) in topics.iter().enumerate() {
        let text = topic_text(t);
        let mut rest = text.as_str();
        while let Some(open) = rest.find('[') {
            rest = &rest[open + 1..];
            if let Some(close) = rest.find(']').filter(|&c| c <= 64) {
                marked.entry(rest[..close].to_owned()).or_insert(i);
            }
        }
    }
    for (label, blocks, _) in footnotes {
        let mark = format!("[{label}]");
        let mut paras = Vec::new();
        flatten(cx, &blocks, &mut paras, &mut Vec::new());
        let mut text: Vec<Span> = vec![Span::Text(format!("{mark} "))];
        for (i, p) in paras.iter().enumerate() {
            if i > 0 {
                text.push(Span::Text(" ".into()));
            }
            text.extend(p.iter().cloned());
        }
        let at = marked.get(&label).copied().or(topics.len().checked_sub(1));
        match at {
            Some(at) => lists[at].push(text),
            None => unplaced.push(Paragraph::from(text)),
        }
    }
    for (t, list) in topics.iter_mut().zip(lists) {
        if !list.is_empty() {
            t.notes.push(Block::List { ordered: false, items: list });
        }
    }
    if !unplaced.is_empty() {
        intro.push(Block::List { ordered: false, items: unplaced });
    }
}

fn topic_text(t: &Topic) -> String {
    let mut out = String::new();
    for b in t.notes.iter() {
        b.plain(&mut out);
    }
    for p in t.procedures.iter() {
        for s in p.steps.iter() {
            out.push_str(&crate::model::plain_text(&s.text));
            for d in s.details.iter() {
                d.plain(&mut out);
            }
        }
        for b in p.intro.iter().chain(p.outro.iter()) {
            b.plain(&mut out);
        }
    }
    for s in t.statements.iter() {
        out.push_str(&crate::model::plain_text(s));
    }
    out
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

/// Whether prose shows the buyer something to do in the console: a menu, label or menu path,
/// or a screenshot; under a topic (`###` and deeper), also a section of one sentence that links
/// to where to do it ("switch the OS through [Change OS](…)"). A section with no list is a procedure only
/// then; otherwise it is notes ("reviews are not supported yet", an About text, a price list,
/// "Finding the URL").
fn shows_what_to_do(blocks: &[Md], links: bool) -> bool {
    // The link counts in a section of that one sentence only ("See also" prose is notes).
    let links = links && blocks.len() == 1;
    blocks.iter().any(|b| match b {
        Md::Para(p) => {
            // A quoted label or a menu path is the console's; a bold word is one only in a
            // sentence that acts on it ("click **Billing**", not "are called **source files**").
            let chip = |s: &Span| matches!(s, Span::Label(_) | Span::Path(_));
            let menu = p.spans.iter().any(|s| matches!(s, Span::Menu(_))) && acts(&crate::model::plain_text(&p.spans));
            let sentence_with_link = links && p.spans.len() > 1 && p.spans.iter().any(|s| matches!(s, Span::Link { .. }));
            !p.images.is_empty() || p.spans.iter().any(chip) || menu || sentence_with_link
        }
        _ => false,
    })
}

/// Whether a sentence says to act on the screen: a verb of clicking, choosing, opening or
/// typing, in the languages pages are written in.
fn acts(text: &str) -> bool {
    const VERBS: [&str; 30] = [
        "点击", "单击", "选择", "打开", "进入", "找到", "登录", "输入", "勾选", "填写", "前往", "依次", "确认", "提交", "下载",
        "click", "tap", "select", "choose", "open", "go to", "navigate", "enter", "type", "press", "log in", "sign in", "check", "fill", "submit",
    ];
    let lower = text.to_lowercase();
    VERBS.iter().any(|v| lower.contains(v))
}

/// The first run of two or more numbered sections in a row (`### 1、创建项目` … `### 6、运行`).
fn numbered_run(secs: &[Sec]) -> Option<std::ops::Range<usize>> {
    let start = secs.iter().position(|s| is_numbered(&s.head))?;
    let len = secs[start..].iter().take_while(|s| is_numbered(&s.head)).count();
    if len >= 2 {
        Some(start..start + len)
    } else {
        numbered_run(&secs[start + 1..]).map(|r| r.start + start + 1..r.end + start + 1)
    }
}

/// Whether a heading is a numbered step (`1. Choose a region`, `Step 2: Launch`, `第3步`).
fn is_numbered(head: &Head) -> bool {
    strip_heading_number(head.text).len() != head.text.trim_start().len()
}

fn topic(cx: &mut Ctx, sec: &Sec) -> Topic {
    let slug = sec.head.id.map_or_else(|| slugify(sec.head.text), str::to_owned);
    let mut parts = Parts::default();
    let own_notes = read(cx, sec, true, &mut parts);
    let mut notes = own_notes;
    notes.append(&mut parts.notes);
    if parts.procedures.is_empty() && parts.statements.is_empty() && notes.is_empty() {
        cx.problems.push(Problem::warning(cx.file, sec.head.line, format!("## {} has nothing under it: shown as a heading", sec.head.text)));
    }
    Topic { slug, title: sec.head.text.to_owned(), notes, statements: parts.statements, procedures: parts.procedures }
}

/// Reads a section: its procedures go to `parts`; what is notes is returned (with the
/// section's heading, unless it is the topic's own, whose heading the topic shows).
fn read(cx: &mut Ctx, sec: &Sec, is_topic: bool, parts: &mut Parts) -> Vec<Block> {
    let procedures_before = parts.procedures.len();
    let slug = sec.head.id.map_or_else(|| slugify(sec.head.text), str::to_owned);
    let mut notes = Vec::new();
    if !is_topic {
        notes.push(Block::Heading(sec.head.text.to_owned()));
    }
    // A run of numbered sub-headings: the steps of this section's procedure (the section's
    // own blocks introduce it; sub-sections around the run are read as any others).
    if let Some(run) = numbered_run(&sec.subs) {
        let mut intro = Vec::new();
        for b in sec.own {
            intro.extend(prose(cx, b, &mut Vec::new(), true));
        }
        let steps = sec.subs[run.clone()].iter().map(|s| heading_step(cx, s)).collect();
        parts.procedures.push(procedure(&slug, sec.head.text, sec.head.line, intro, steps, Vec::new()));
        for (i, sub) in sec.subs.iter().enumerate() {
            if !run.contains(&i) {
                notes.extend(read(cx, sub, false, parts));
            }
        }
        if !is_topic && notes.len() == 1 {
            notes.clear();
        }
        return notes;
    }
    let has_list = sec.own.iter().any(|b| matches!(b, Md::List { ordered: true, .. }));
    let mode = match is_topic {
        // A topic with sub-sections is their heading; its own prose is notes.
        true if !sec.subs.is_empty() => Prose::Notes,
        _ if has_list || shows_what_to_do(sec.own, !is_topic) => Prose::Steps,
        _ => Prose::Notes,
    };
    let own = section(cx, sec.own, mode, is_topic);
    parts.statements.extend(own.statements);
    let mut mine = None;
    if !own.steps.is_empty() {
        parts.procedures.push(procedure(&slug, sec.head.text, sec.head.line, own.intro, own.steps, own.outro));
        mine = Some(parts.procedures.len() - 1);
    } else {
        notes.extend(own.intro);
        notes.extend(own.outro);
    }
    for (flow_title, stages, line) in own.flows {
        let steps = stages.into_iter().map(|s| Step { text: vec![Span::Text(s)], details: Seq::default(), screenshots: Seq::default() }).collect();
        parts.procedures.push(procedure(&slugify(&flow_title), &flow_title, line, Vec::new(), steps, Vec::new()));
    }
    for sub in &sec.subs {
        let sub_notes = read(cx, sub, false, parts);
        match mine {
            // Notes under a procedure's heading, after its steps, close it.
            Some(at) if !sub_notes.is_empty() => parts.procedures[at].outro.extend(sub_notes),
            _ => notes.extend(sub_notes),
        }
    }
    // A heading with nothing but procedures under it: they stand on their own.
    if !is_topic && notes.len() == 1 && parts.procedures.len() > procedures_before {
        notes.clear();
    }
    notes
}

/// A numbered sub-section as a step: its heading (without the number) says what to do, its
/// blocks detail it, its images are its screenshots.
fn heading_step(cx: &mut Ctx, sec: &Sec) -> Step {
    let text: Paragraph = inline_spans(strip_heading_number(sec.head.text)).into_iter().collect::<Vec<_>>();
    let mut images = Vec::new();
    let mut details = Vec::new();
    for b in sec.own {
        details.extend(prose(cx, b, &mut images, false));
    }
    for sub in &sec.subs {
        details.push(Block::Heading(sub.head.text.to_owned()));
        for b in sub.own {
            details.extend(prose(cx, b, &mut images, false));
        }
    }
    Step { text, details, screenshots: screenshots(cx, &images) }
}

fn procedure(slug: &str, title: &str, line: u32, intro: Vec<Block>, steps: Vec<Step>, outro: Vec<Block>) -> Procedure {
    Procedure {
        slug: slug.to_owned(),
        title: title.to_owned(),
        intro,
        steps,
        outro,
        related: Seq::default(),
        line,
    }
}

/// A paragraph as a step's words: without the number an author typed before it.
fn step_text(cx: &mut Ctx, p: &Para) -> Paragraph {
    let mut spans = spans(cx, p).to_vec();
    if let Some(Span::Text(t)) = spans.first_mut() {
        let stripped = strip_step_number(t);
        if stripped.len() != t.trim_start().len() {
            *t = stripped.to_owned();
        }
    }
    spans
}

/// Reads the blocks under one heading (not its sub-sections).
fn section(cx: &mut Ctx, blocks: &[Md], mode: Prose, is_topic: bool) -> Section {
    let relisted = relisted(blocks);
    let blocks = relisted.as_deref().unwrap_or(blocks);
    let has_ordered = blocks.iter().any(|b| matches!(b, Md::List { ordered: true, .. }));
    let has_bullets = blocks.iter().any(|b| matches!(b, Md::List { ordered: false, .. }));
    let mut s = Section::default();
    if !has_ordered && !has_bullets && mode == Prose::Steps {
        for block in blocks {
            match block {
                Md::Para(p) if p.spans.is_empty() => attach_images(cx, &mut s, &p.images),
                Md::Para(p) => s.steps.push(Step { text: step_text(cx, p), details: Seq::default(), screenshots: screenshots(cx, &p.images) }),
                // A numbered paragraph in a box (`!!! note ""` around `1、点击【安装】`) is a step.
                Md::Callout { blocks: inner, .. } if numbered_para(inner).is_some() => {
                    let (first, rest) = inner.split_first().expect("a numbered paragraph");
                    let Md::Para(p) = first else { unreachable!("numbered_para found a paragraph") };
                    let mut images = p.images.clone();
                    let mut details = Vec::new();
                    for b in rest {
                        details.extend(prose(cx, b, &mut images, false));
                    }
                    s.steps.push(Step { text: step_text(cx, p), details, screenshots: screenshots(cx, &images) });
                }
                other => {
                    let mut images = Vec::new();
                    let blocks = prose(cx, other, &mut images, false);
                    match s.steps.last_mut() {
                        Some(step) => step.details.extend(blocks),
                        None => s.intro.extend(blocks),
                    }
                    attach_images(cx, &mut s, &images);
                }
            }
        }
        return s;
    }
    // Blocks after a step: details of that step if more steps follow (or if they come right
    // after it: a list, code, a table, a callout); from the first paragraph after the last
    // step on, the closing words.
    let mut pending: Vec<Block> = Vec::new();
    let mut pending_from_para = false;
    for block in blocks {
        match block {
            Md::Para(p) if s.steps.is_empty() => {
                if !p.spans.is_empty() {
                    s.intro.push(Block::Para(spans(cx, p)));
                }
                s.intro.extend(screenshots(cx, &p.images).into_iter().map(Block::Image));
            }
            Md::Para(p) => {
                if !p.spans.is_empty() {
                    pending.push(Block::Para(spans(cx, p)));
                    pending_from_para = true;
                }
                attach_images(cx, &mut s, &p.images);
            }
            Md::List { ordered: true, items } => {
                if let Some(last) = s.steps.last_mut() {
                    last.details.append(&mut pending);
                }
                pending_from_para = false;
                for item in items {
                    match step(cx, item) {
                        Ok(step) => s.steps.push(step),
                        Err(images) => attach_images(cx, &mut s, &images),
                    }
                }
            }
            Md::List { ordered: false, items } if !has_ordered && is_topic => {
                for item in items {
                    bullet(cx, item, &mut s);
                }
            }
            other => {
                let mut images = Vec::new();
                let blocks = prose(cx, other, &mut images, false);
                if s.steps.is_empty() {
                    s.intro.extend(blocks);
                    s.intro.extend(screenshots(cx, &images).into_iter().map(Block::Image));
                } else {
                    if !pending_from_para {
                        if let Some(last) = s.steps.last_mut() {
                            last.details.extend(blocks);
                            attach_images(cx, &mut s, &images);
                            continue;
                        }
                    }
                    pending.extend(blocks);
                    attach_images(cx, &mut s, &images);
                }
            }
        }
    }
    s.outro = pending;
    s
}

/// The paragraph a callout starts with, when it starts with a step number.
fn numbered_para(blocks: &[Md]) -> Option<&Para> {
    match blocks.first() {
        Some(Md::Para(p)) => match p.spans.first() {
            Some(Span::Text(t)) if strip_step_number(t).len() != t.trim_start().len() => Some(p),
            _ => None,
        },
        _ => None,
    }
}

/// The blocks with the lists that read otherwise than they are written, `None` when there are
/// none: a numbered list right after code whose lines carry `(1)` markers (Material for MkDocs'
/// code annotations) explains that code, it is not steps; and where no numbered list is, a
/// bullet list whose items carry more than a line (`- Create Dockerfile` and its code) is steps.
fn relisted(blocks: &[Md]) -> Option<Vec<Md>> {
    let annotations = |i: usize| matches!((i.checked_sub(1).map(|p| &blocks[p]), &blocks[i]), (Some(Md::Code { text, .. }), Md::List { ordered: true, .. }) if text.contains("(1)"));
    let stepwise_bullets = |b: &Md| matches!(b, Md::List { ordered: false, items } if items.len() >= 2 && items.iter().filter(|i| i.blocks.len() > 1).count() * 2 >= items.len());
    let numbered = |i: usize| matches!(&blocks[i], Md::List { ordered: true, .. }) && !annotations(i);
    let bullets_are_steps = !(0..blocks.len()).any(numbered);
    let ordered = |i: usize| -> Option<bool> {
        match &blocks[i] {
            Md::List { .. } if annotations(i) => Some(false),
            b if bullets_are_steps && stepwise_bullets(b) => Some(true),
            _ => None,
        }
    };
    if !(0..blocks.len()).any(|i| ordered(i).is_some()) {
        return None;
    }
    Some(
        (0..blocks.len())
            .map(|i| match (&blocks[i], ordered(i)) {
                (Md::List { items, .. }, Some(ordered)) => Md::List { ordered, items: items.clone() },
                (other, _) => other.clone(),
            })
            .collect(),
    )
}

/// A list item as a step; `Err` with its images when it has no words at all (a screenshot
/// numbered as a step of its own belongs to the step before).
fn step(cx: &mut Ctx, item: &Item) -> Result<Step, Vec<Image>> {
    let mut images: Vec<Image> = Vec::new();
    let mut blocks = item.blocks.iter();
    let text = match blocks.next() {
        Some(Md::Para(p)) if !p.spans.is_empty() => {
            images.extend(p.images.iter().cloned());
            step_text(cx, p)
        }
        // `4. - If …`: a step that is a list of cases. Its first case is its words, the others
        // its details.
        Some(Md::List { ordered, items }) => {
            let mut paras = Vec::new();
            for item in items {
                flatten(cx, &item.blocks, &mut paras, &mut images);
            }
            if paras.is_empty() {
                return Err(images);
            }
            let first = paras.remove(0);
            let mut details = Vec::new();
            if !paras.is_empty() {
                details.push(Block::List { ordered: *ordered, items: paras });
            }
            for block in blocks {
                details.extend(prose(cx, block, &mut images, false));
            }
            return Ok(Step { text: first, details, screenshots: screenshots(cx, &images) });
        }
        Some(Md::Para(p)) if !p.images.is_empty() && !p.images[0].alt.trim().is_empty() => {
            cx.problems.push(Problem::warning(cx.file, item.line, "a step that is only a screenshot: its alt text is the step's words"));
            images.extend(p.images.iter().cloned());
            vec![Span::Text(p.images[0].alt.clone())]
        }
        first => {
            if let Some(Md::Para(p)) = first {
                images.extend(p.images.iter().cloned());
            }
            let mut rest = Vec::new();
            for block in blocks {
                rest.extend(prose(cx, block, &mut images, false));
            }
            let what = if images.is_empty() { "an empty step: dropped" } else { "a step with no words: its screenshot joins the step before" };
            cx.problems.push(Problem::warning(cx.file, item.line, what));
            return Err(images);
        }
    };
    let mut details = Vec::new();
    for block in blocks {
        details.extend(prose(cx, block, &mut images, false));
    }
    Ok(Step { text, details, screenshots: screenshots(cx, &images) })
}

/// A block of prose as the model's blocks: a list is flattened (nested items become items of
/// it); a callout or tabs keep their blocks after them. Images are set aside for the caller to
/// place, or (`images_inline`, where no step owns them) shown where they stand.
fn prose(cx: &mut Ctx, block: &Md, images: &mut Vec<Image>, images_inline: bool) -> Vec<Block> {
    let mut out = Vec::new();
    let mut own_images = Vec::new();
    let sink = if images_inline { &mut own_images } else { &mut *images };
    match block {
        Md::Para(p) => {
            sink.extend(p.images.iter().cloned());
            if !p.spans.is_empty() {
                out.push(Block::Para(spans(cx, p)));
            }
        }
        Md::List { ordered, items } => {
            let mut paras = Vec::new();
            for item in items {
                flatten(cx, &item.blocks, &mut paras, sink);
            }
            if !paras.is_empty() {
                out.push(Block::List { ordered: *ordered, items: paras });
            }
        }
        Md::Code { text, .. } => out.push(Block::Code(text.clone())),
        Md::Table { head, rows, .. } => {
            let cells = |cx: &mut Ctx, row: &[Para]| row.iter().map(|c| spans(cx, c)).collect::<Vec<_>>();
            let head = cells(cx, head);
            let rows: Vec<Seq<Paragraph>> = rows.iter().map(|r| cells(cx, r)).collect();
            out.push(Block::Table { head, rows });
        }
        Md::Heading { text, .. } => out.push(Block::Heading(text.clone())),
        Md::Callout { kind, title, collapsed, blocks, .. } => {
            // A callout's screenshots are shown in it: they illustrate the note, not a step.
            let mut body = Vec::new();
            for b in blocks {
                body.extend(prose(cx, b, &mut Vec::new(), true));
            }
            out.push(callout(*kind, title, *collapsed, body.len()));
            out.extend(body);
        }
        Md::Tabs { tabs, .. } => {
            for (i, (label, blocks)) in tabs.iter().enumerate() {
                let mut body = Vec::new();
                for b in blocks {
                    body.extend(prose(cx, b, &mut Vec::new(), true));
                }
                out.push(Block::Tab { label: label.clone(), first: i == 0, body: body.len() as u32 });
                out.extend(body);
            }
        }
        Md::Footnote { blocks, .. } => {
            for b in blocks {
                out.extend(prose(cx, b, sink, false));
            }
        }
    }
    if images_inline {
        out.extend(screenshots(cx, &own_images).into_iter().map(Block::Image));
    }
    out
}

fn callout(kind: CalloutKind, title: &str, collapsed: bool, body: usize) -> Block {
    let title: Paragraph = if title.is_empty() { Seq::default() } else { inline_spans(title).into_iter().collect::<Vec<_>>() };
    Block::Callout { kind, title, collapsed, body: body as u32 }
}

/// An item's blocks as paragraphs (nested list items included, a code block as its text, a
/// table a line per row, a callout as its words) and images: a list item holds lines of text.
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
            Md::Code { text, .. } => paras.push(vec![Span::Text(text.clone())]),
            Md::Table { head, rows, .. } => {
                for row in std::iter::once(head).chain(rows.iter()) {
                    let mut line: Vec<Span> = Vec::new();
                    for (i, cell) in row.iter().enumerate() {
                        if i > 0 {
                            line.push(Span::Text(" | ".into()));
                        }
                        line.extend(spans(cx, cell).iter().cloned());
                    }
                    if !line.is_empty() {
                        paras.push(line);
                    }
                }
            }
            Md::Heading { text, .. } => paras.push(vec![Span::Text(text.clone())]),
            Md::Callout { title, blocks, .. } => {
                if !title.is_empty() {
                    paras.push(inline_spans(title).into_iter().collect::<Vec<_>>());
                }
                flatten(cx, blocks, paras, images);
            }
            Md::Tabs { tabs, .. } => {
                for (label, blocks) in tabs {
                    paras.push(vec![Span::Text(label.clone())]);
                    flatten(cx, blocks, paras, images);
                }
            }
            Md::Footnote { blocks, .. } => flatten(cx, blocks, paras, images),
        }
    }
}

fn bullet(cx: &mut Ctx, item: &Item, s: &mut Section) {
    let mut paras = Vec::new();
    let mut images = Vec::new();
    flatten(cx, &item.blocks, &mut paras, &mut images);
    for para in paras {
        match para.as_slice() {
            [Span::Text(name), Span::Path(stages)] if name.trim_end().ends_with([':', '：']) => {
                let title = name.trim_end().trim_end_matches([':', '：']).trim().to_owned();
                s.flows.push((title, stages.to_vec(), item.line));
            }
            _ => s.statements.push(para),
        }
    }
    // A screenshot in a statement is shown with the topic's notes.
    s.intro.extend(screenshots(cx, &images).into_iter().map(Block::Image));
}

/// Screenshots after a step belong to it; before the first step, to the introduction.
fn attach_images(cx: &mut Ctx, s: &mut Section, images: &[Image]) {
    if images.is_empty() {
        return;
    }
    let shots = screenshots(cx, images);
    match s.steps.last_mut() {
        Some(step) => step.screenshots.extend(shots),
        None => s.intro.extend(shots.into_iter().map(Block::Image)),
    }
}

fn screenshots(cx: &mut Ctx, images: &[Image]) -> Vec<Screenshot> {
    images
        .iter()
        .filter_map(|img| {
            if !is_http(&img.src) && !is_relative(&img.src) {
                cx.problems.push(Problem::warning(cx.file, img.line, format!("screenshot {:?}: only http(s) or relative URLs are shown: dropped", img.src)));
                return None;
            }
            if img.alt.trim().is_empty() {
                cx.problems.push(Problem::warning(cx.file, img.line, format!("screenshot {} has no alt text; screen readers and broken images need one", img.src)));
            } else if is_file_name(&img.alt) {
                cx.problems.push(Problem::warning(cx.file, img.line, format!("screenshot {}: its alt text {:?} is a file name; say what it shows (\"the order list\"), for screen readers and broken images", img.src, img.alt)));
            }
            let (width, height) = match &img.title.size {
                ImageSize::Given { width, height } => (*width, *height),
                ImageSize::Unsaid => cx.manifest.screenshot_size,
                ImageSize::Unreadable(t) => {
                    cx.problems.push(Problem::warning(cx.file, img.line, format!("image size {t:?}: expected the form \"=1280x720\"; the pack's screenshot_size is used")));
                    cx.manifest.screenshot_size
                }
            };
            let regions = regions(cx, img, width, height);
            Some(Screenshot { src: img.src.clone(), alt: img.alt.clone(), width, height, regions })
        })
        .collect()
}

/// The regions of `img`, a `width` × `height` image: each one that cannot be placed is an
/// error, since the step would point at nothing (or at the wrong place).
fn regions(cx: &mut Ctx, img: &Image, width: u32, height: u32) -> Seq<Region> {
    let title = &img.title;
    for piece in &title.unreadable {
        cx.problems.push(Problem::error(cx.file, img.line, format!("screenshot {}: {piece:?} is not a region; expected [x,y,width,height label] in the image's pixels, such as [412,88,160,40 the Billing menu]", img.src)));
    }
    if title.regions.is_empty() {
        return Seq::new();
    }
    if !matches!(title.size, ImageSize::Given { .. }) {
        cx.problems.push(Problem::error(cx.file, img.line, format!("screenshot {}: regions need the image's own size before them (\"=1280x720 [412,88,160,40]\", or the <img>'s width and height)", img.src)));
        return Seq::new();
    }
    if title.regions.len() > crate::validate::MAX_REGIONS {
        cx.problems.push(Problem::error(cx.file, img.line, format!("screenshot {}: {} regions; at most {} (they are numbered 1 to 9)", img.src, title.regions.len(), crate::validate::MAX_REGIONS)));
    }
    let mut out = Seq::new();
    for r in title.regions.iter().take(crate::validate::MAX_REGIONS) {
        if crate::validate::region_fits(r.x, r.y, r.width, r.height, width, height) {
            out.push(r.clone());
        } else {
            cx.problems.push(Problem::error(cx.file, img.line, format!("screenshot {}: region [{},{},{},{}] does not lie inside the {width}×{height} image (or is empty)", img.src, r.x, r.y, r.width, r.height)));
        }
    }
    out
}

/// Whether an alt text is only a file name (`huaweicloud-odlists.png`, `image.jpg`): it says
/// nothing of what the screenshot shows.
fn is_file_name(alt: &str) -> bool {
    let alt = alt.trim().to_ascii_lowercase();
    let plain = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | ' '));
    alt.rsplit_once('.').is_some_and(|(stem, ext)| plain(stem) && ["png", "jpg", "jpeg", "gif", "webp", "avif", "svg", "bmp"].contains(&ext))
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
}
