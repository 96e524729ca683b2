//! The Markdown importer: `content/<pack>/` (a `pack.toml` and one `<locale>.md` per locale)
//! to a [`Pack`]. Runs at build time and in `stepwise-cli check`; never in the wasm.
//!
//! It reads the pages sellers already write, from whatever docs tool (the README's table gives
//! every construct and what it becomes; `tests/fixtures/real-pages` holds real ones):
//! 1. `blocks::parse`: the text normalized (BOM, line endings, control characters), front
//!    matter blanked, then `dialects` rewrites what docs tools add to Markdown (admonitions,
//!    tabs, shortcodes, MDX, templates) into marker comments, keeping every line's number; then
//!    pulldown-cmark's events become a small tree of blocks (headings, paragraphs of typed
//!    spans and images, lists, code, tables, callouts, tabs, footnotes).
//! 2. `section::locale_content`: that tree read as a page: its title, its topics (the
//!    shallowest headings), and under each, at any depth, procedures (a section with steps:
//!    a numbered list, numbered sub-headings, or prose that shows what to do) and notes
//!    (everything else, with its heading).
//! 3. Here: slugs made unique and aligned across locales, related procedures chosen, texts
//!    isolated, and the result checked with the app's own validator ([`crate::validate`]).
//!
//! A pack is refused only when a page cannot be read at all (not UTF-8, empty), the manifest is
//! wrong, or the locales disagree in structure; everything a Markdown renderer would show comes
//! in, and what cannot be shown is dropped with a warning naming its line. [`outline`] is what
//! the importer read, as `stepwise-cli check --json` prints it.

mod blocks;
mod dialects;
mod html;
mod image_title;
mod manifest;
pub mod rules;
pub mod outline;
mod section;

use std::fmt;
use std::path::Path;

pub use manifest::Manifest;

use crate::model::{LocaleContent, Pack, PackInfo, Procedure, Refund, Span, Text};
use crate::route::RESERVED_SLUGS;

/// An error (the pack is refused) or a warning (it is imported anyway), with its place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub file: String,
    pub line: u32,
    pub message: String,
    pub is_error: bool,
}

pub type Problems = Vec<Problem>;

/// How a warning about locales that differ (but not in a way that breaks deep links) begins.
pub const DIFFER: &str = "locales differ: ";

impl Problem {
    pub fn error(file: &str, line: u32, message: impl Into<String>) -> Self {
        Problem { file: file.to_owned(), line, message: message.into(), is_error: true }
    }
    pub fn warning(file: &str, line: u32, message: impl Into<String>) -> Self {
        Problem { file: file.to_owned(), line, message: message.into(), is_error: false }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = if self.is_error { "error" } else { "warning" };
        write!(f, "{}:{}: {kind}: {}", self.file, self.line, self.message)
    }
}

/// A pack read from disk, with the warnings met on the way.
#[derive(Debug)]
pub struct Imported {
    pub pack: Pack,
    pub warnings: Problems,
    /// The pack's settings (`pack.toml`), for what is checked against today's date.
    pub manifest: Manifest,
}

/// Reads `dir/pack.toml` and every locale file it names.
pub fn import_dir(dir: &Path) -> Result<Imported, Problems> {
    let manifest_path = dir.join("pack.toml");
    let name = |p: &Path| p.display().to_string();
    let read = |p: &Path| read_text(p).map_err(|(line, message)| Problem::error(&name(p), line, message));
    let manifest = Manifest::parse(&name(&manifest_path), &read(&manifest_path).map_err(|e| vec![e])?)?;
    let id = dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let mut sources = Vec::new();
    let mut unreadable = Problems::new();
    for locale in &manifest.locales {
        let path = dir.join(format!("{locale}.md"));
        match read(&path) {
            Ok(text) => sources.push((locale.clone(), name(&path), text)),
            Err(e) => unreadable.push(e),
        }
    }
    if !unreadable.is_empty() {
        return Err(unreadable);
    }
    import(&id, &manifest, &sources)
}

/// A file's text, or why it cannot be read: missing, or not UTF-8 (with the line of the first
/// byte that is not).
fn read_text(path: &Path) -> Result<String, (u32, String)> {
    let bytes = std::fs::read(path).map_err(|e| (0, format!("cannot read: {e}")))?;
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let bytes = e.as_bytes();
        let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() as u32 + 1;
        (line, format!("not UTF-8 (byte 0x{:02X}): save the page as UTF-8", bytes[at]))
    })
}

/// Imports a pack from its manifest and `(locale, file name, Markdown)` sources.
pub fn import(id: &str, manifest: &Manifest, sources: &[(String, String, String)]) -> Result<Imported, Problems> {
    let mut problems = Problems::new();
    let mut locales: Vec<(LocaleContent, &str)> = Vec::new();
    for (locale, file, src) in sources {
        if src.trim().is_empty() {
            problems.push(Problem::error(file, 1, "the page is empty"));
            continue;
        }
        let page = blocks::parse(file, src, &mut problems);
        if let Some(mut content) = section::locale_content(file, locale, &page, manifest, &mut problems) {
            isolate_texts(&mut content);
            locales.push((content, file));
        }
    }
    if problems.iter().any(|p| p.is_error) {
        return Err(problems);
    }
    let Some(slug_index) = locales.iter().position(|(l, _)| l.locale == manifest.slug_locale) else {
        problems.push(Problem::error(&manifest.file, 0, format!("slug_locale {:?} is not one of the pack's locales", manifest.slug_locale)));
        return Err(problems);
    };
    let (content, file) = &mut locales[slug_index];
    fix_slugs(content, file, &mut problems);
    for i in 0..locales.len() {
        if i != slug_index {
            let (reference, ref_file) = (locales[slug_index].0.clone(), locales[slug_index].1);
            let (other, file) = &mut locales[i];
            align(&reference, ref_file, other, file, &mut problems);
        }
    }
    // In page order, the same in every locale (they have the same structure).
    let related = related_procedures(&locales[slug_index].0);
    for (content, _) in &mut locales {
        let procedures = content.topics.iter_mut().flat_map(|t| t.procedures.iter_mut());
        for (p, r) in procedures.zip(&related) {
            p.related = r.clone();
        }
    }
    let first = &locales[slug_index].0;
    if let Some(refund) = &manifest.refund {
        let named = [(refund.start.as_ref(), "refund.start_procedure"), (refund.flow.as_ref(), "refund.flow_procedure")];
        let by_rule = refund.start_by_rule.values().map(|slug| (Some(slug), "refund.start_procedure"));
        for (slug, what) in named.into_iter().chain(by_rule) {
            match slug {
                Some(slug) if first.procedure(slug).is_none() => {
                    problems.push(Problem::error(&manifest.file, refund.line, format!("{what} {slug:?} names no procedure; the pack has: {}", slugs(first).join(", "))))
                }
                _ => {}
            }
        }
        let locales: Vec<String> = locales.iter().map(|(l, _)| l.locale.clone()).collect();
        for set in &refund.rule_sets {
            problems.extend(set.missing_translations(&locales));
        }
        if refund.rule_sets.is_empty() {
            problems.push(Problem::warning(&manifest.file, refund.line, "[refund] gives a window's numbers but not where the rule is published: name the library's rules (rules = \"huawei-marketplace\"; the files are in rules/) or write [[refund.rule]] with source and verified"));
        } else if refund.policy.is_none() {
            problems.push(Problem::warning(&manifest.file, refund.line, "no refund rule of the pack has a time window: the refund checker, which evaluates the first rule with one, is left out"));
        }
    }
    if !locales.iter().any(|(l, _)| l.locale == manifest.default_locale) {
        problems.push(Problem::error(&manifest.file, 0, format!("default_locale {:?} is not one of the pack's locales", manifest.default_locale)));
    }
    if problems.iter().any(|p| p.is_error) {
        return Err(problems);
    }
    let info = PackInfo {
        id: id.to_owned(),
        default_locale: manifest.default_locale.clone(),
        docs_base: manifest.docs_base.clone(),
        // The app's checker evaluates one rule, the first with a window; with its own procedure.
        refund: manifest.refund.as_ref().and_then(|r| {
            let policy = r.policy?;
            let rule = r.rules().find(|rule| rule.window.is_some());
            let start = rule.and_then(|rule| r.start_for(&rule.id)).or(r.start.as_ref()).cloned();
            Some(Refund { policy, start, flow: r.flow.clone() })
        }),
        available: locales.iter().map(|(l, _)| l.locale.clone()).collect::<Vec<_>>(),
        captured: manifest.captured,
    };
    for (content, file) in &locales {
        long_texts(content, file, &mut problems);
        // What the app checks again on every pack file it decodes (crate::validate): the steps
        // above make nothing else, but for a bound passed (a text of over 1 MiB, a procedure
        // of over 1,000 steps), which is refused here rather than in the buyer's browser.
        if let Err(broken) = crate::validate::pack_info(&info).and_then(|()| crate::validate::content(&info, content)) {
            problems.push(Problem::error(file, 0, format!("{broken}: the app would refuse this pack")));
        }
    }
    if problems.iter().any(|p| p.is_error) {
        return Err(problems);
    }
    let pack = Pack { info, locales: locales.into_iter().map(|(l, _)| l).collect::<Vec<_>>() };
    Ok(Imported { pack, warnings: problems, manifest: manifest.clone() })
}

/// The longest title, in characters, that reads as a title: a longer one is imported, with a
/// warning (a phone shows about 40 characters a line; 200 is five lines).
pub const LONG_TITLE: usize = 200;
/// The longest step instruction, in characters, before a warning: a step is one action.
pub const LONG_STEP: usize = 2_000;

/// A warning for each procedure title longer than [`LONG_TITLE`] and each step longer than
/// [`LONG_STEP`] (a paragraph pasted into a heading, a page with no blank lines).
fn long_texts(content: &LocaleContent, file: &str, problems: &mut Problems) {
    for (_, p) in content.procedures() {
        let title = p.title.chars().count();
        if title > LONG_TITLE {
            problems.push(Problem::warning(file, p.line, format!("a title of {title} characters (more than {LONG_TITLE}): is a paragraph in the heading?")));
        }
        for (i, step) in p.steps.iter().enumerate() {
            let n = crate::model::plain_text(&step.text).chars().count();
            if n > LONG_STEP {
                problems.push(Problem::warning(file, p.line, format!("step {} of this procedure is {n} characters long (more than {LONG_STEP}): a step is one action", i + 1)));
            }
        }
    }
}

/// Every text of `content` with its bidirectional controls kept from reaching past it
/// ([`crate::text::isolate_bidi`]); `blocks::parse` has warned of each line that holds any.
fn isolate_texts(content: &mut LocaleContent) {
    use crate::model::{Block, Paragraph};
    fn text(t: &mut Text) {
        if let std::borrow::Cow::Owned(isolated) = crate::text::isolate_bidi(t) {
            *t = isolated;
        }
    }
    fn para(p: &mut Paragraph) {
        for span in p.iter_mut() {
            match span {
                Span::Text(t) | Span::Menu(t) | Span::Label(t) | Span::Link { text: t, .. } => text(t),
                Span::Path(parts) => parts.iter_mut().for_each(text),
            }
        }
    }
    fn blocks(bs: &mut crate::model::Seq<Block>) {
        for b in bs.iter_mut() {
            match b {
                Block::Para(p) => para(p),
                Block::List { items, .. } => items.iter_mut().for_each(para),
                Block::Code(t) | Block::Heading(t) | Block::Tab { label: t, .. } => text(t),
                Block::Image(shot) => text(&mut shot.alt),
                Block::Callout { title, .. } => para(title),
                Block::Table { head, rows } => {
                    head.iter_mut().for_each(para);
                    rows.iter_mut().for_each(|r| r.iter_mut().for_each(para));
                }
            }
        }
    }
    text(&mut content.title);
    blocks(&mut content.intro);
    for topic in content.topics.iter_mut() {
        text(&mut topic.title);
        blocks(&mut topic.notes);
        topic.statements.iter_mut().for_each(para);
        for p in topic.procedures.iter_mut() {
            text(&mut p.title);
            blocks(&mut p.intro);
            blocks(&mut p.outro);
            for step in p.steps.iter_mut() {
                para(&mut step.text);
                blocks(&mut step.details);
                step.screenshots.iter_mut().for_each(|s| text(&mut s.alt));
            }
        }
    }
}

fn slugs(content: &LocaleContent) -> Vec<String> {
    content.procedures().map(|(_, p)| p.slug.to_string()).collect()
}

/// Makes every procedure's slug one a deep link can name: an empty one, a reserved one or a
/// second one of a name gets another, with a warning (the other locales take the same by
/// position).
fn fix_slugs(content: &mut LocaleContent, file: &str, problems: &mut Problems) {
    let mut seen: std::collections::HashSet<String> = std::collections::HashSet::new();
    // The next number to try for each slug taken (so that n procedures of one name cost n tries).
    let mut next: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for topic in content.topics.iter_mut() {
        for p in topic.procedures.iter_mut() {
            let base = if p.slug.is_empty() {
                "procedure".to_owned()
            } else if RESERVED_SLUGS.contains(&&*p.slug) || p.slug.chars().all(|c| c.is_ascii_digit()) {
                format!("p-{}", p.slug)
            } else {
                p.slug.to_string()
            };
            let mut slug = base.clone();
            let n = next.entry(base.clone()).or_insert(2);
            while seen.contains(&slug) {
                slug = format!("{base}-{n}");
                *n += 1;
            }
            if slug != *p.slug {
                let why = if p.slug.is_empty() { "gives no slug" } else if base != *p.slug { "has a reserved slug" } else { "has the slug of another procedure" };
                problems.push(Problem::warning(file, p.line, format!("this heading {why}: its slug is {slug:?} (set one with {{#name}})")));
                p.slug = slug.clone();
            }
            seen.insert(slug);
        }
    }
}

/// Gives `other` the slugs of `reference`, after checking they have the same structure.
fn align(reference: &LocaleContent, ref_file: &str, other: &mut LocaleContent, file: &str, problems: &mut Problems) {
    if reference.topics.len() != other.topics.len() {
        // Name the first topic where the two pages part: the first whose shape (procedures and
        // their steps) differs, or the first one past the shorter page.
        let shape = |t: &crate::model::Topic| t.procedures.iter().map(|p| p.steps.len()).collect::<Vec<_>>();
        let at = (0..reference.topics.len().min(other.topics.len()))
            .find(|&i| shape(&reference.topics[i]) != shape(&other.topics[i]))
            .unwrap_or(reference.topics.len().min(other.topics.len()));
        let line = |t: Option<&crate::model::Topic>| t.and_then(|t| t.procedures.first()).map_or(0, |p| p.line);
        let name = |t: Option<&crate::model::Topic>| t.map_or("(none: the page ends)".to_owned(), |t| format!("{:?}", t.title));
        let (here, there) = (other.topics.get(at), reference.topics.get(at));
        problems.push(Problem::error(
            file,
            line(here).max(1),
            format!(
                "{} topics (## headings) here, {} in {ref_file}; they part at topic {}: {} here, {} in {ref_file} at line {}",
                other.topics.len(),
                reference.topics.len(),
                at + 1,
                name(here),
                name(there),
                line(there)
            ),
        ));
        return;
    }
    for (rt, ot) in reference.topics.iter().zip(other.topics.iter_mut()) {
        ot.slug = rt.slug.clone();
        if rt.procedures.len() != ot.procedures.len() {
            let line = ot.procedures.first().map_or(0, |p| p.line);
            problems.push(Problem::error(file, line, format!("topic {:?} has {} procedures here, {} in {ref_file} ({:?})", ot.title, ot.procedures.len(), rt.procedures.len(), rt.title)));
            continue;
        }
        if rt.statements.len() != ot.statements.len() {
            problems.push(Problem::warning(file, 0, format!("{DIFFER}topic {:?} has {} statements here, {} in {ref_file}", ot.title, ot.statements.len(), rt.statements.len())));
        }
        for (rp, op) in rt.procedures.iter().zip(ot.procedures.iter_mut()) {
            op.slug = rp.slug.clone();
            if rp.steps.len() != op.steps.len() {
                problems.push(Problem::error(file, op.line, format!("{:?} has {} steps here, {} in {ref_file} at line {} ({:?})", op.title, op.steps.len(), rp.steps.len(), rp.line, rp.title)));
                continue;
            }
            for (n, (rs, os)) in rp.steps.iter().zip(op.steps.iter()).enumerate() {
                if rs.screenshots.len() != os.screenshots.len() {
                    problems.push(Problem::warning(file, op.line, format!("{DIFFER}{:?} step {}: {} screenshots here, {} in {ref_file}", op.title, n + 1, os.screenshots.len(), rs.screenshots.len())));
                }
            }
        }
    }
}

/// For each procedure (in page order), up to three others to suggest when it is done: those
/// in the same topic and those that go through the same menus and labels first, then the next
/// ones in the page.
///
/// Near-linear in the number of procedures: only procedures that share something are scored,
/// and a menu or label shared by more than [`COMMON`] procedures says nothing about any two of
/// them, so it is not counted (a big topic counts only its nearest [`COMMON`] members).
fn related_procedures(content: &LocaleContent) -> Vec<crate::model::Seq<Text>> {
    use std::collections::HashMap;
    const COMMON: usize = 50;
    const SAME_TOPIC: i64 = 10;
    let all: Vec<(&str, &Procedure)> = content.procedures().map(|(t, p)| (&*t.slug, p)).collect();
    let n = all.len();
    let marks = |p: &Procedure| -> Vec<String> {
        let mut m = Vec::new();
        for step in p.steps.iter() {
            for span in step.text.iter() {
                match span {
                    Span::Menu(t) | Span::Label(t) => m.push(t.to_string()),
                    Span::Path(segs) => m.extend(segs.iter().map(|s| s.to_string())),
                    _ => {}
                }
            }
        }
        m.sort();
        m.dedup();
        m
    };
    let all_marks: Vec<Vec<String>> = all.iter().map(|(_, p)| marks(p)).collect();
    let mut by_mark: HashMap<&str, Vec<usize>> = HashMap::new();
    for (j, ms) in all_marks.iter().enumerate() {
        for m in ms {
            by_mark.entry(m).or_default().push(j);
        }
    }
    let mut by_topic: HashMap<&str, Vec<usize>> = HashMap::new();
    for (j, (topic, _)) in all.iter().enumerate() {
        by_topic.entry(topic).or_default().push(j);
    }
    // Nearer procedures after this one win ties.
    let distance = |i: usize, j: usize| (j + n - i) % n;
    (0..n)
        .map(|i| {
            let mut score: HashMap<usize, i64> = HashMap::new();
            let members = &by_topic[all[i].0];
            let at = members.partition_point(|&j| j < i);
            for &j in members[at..].iter().chain(&members[..at]).filter(|&&j| j != i).take(COMMON) {
                *score.entry(j).or_default() += SAME_TOPIC;
            }
            for m in &all_marks[i] {
                let sharing = &by_mark[m.as_str()];
                if sharing.len() <= COMMON {
                    for &j in sharing.iter().filter(|&&j| j != i) {
                        *score.entry(j).or_default() += 1;
                    }
                }
            }
            let mut ranked: Vec<(i64, usize)> = score.into_iter().map(|(j, s)| (-s * 1000 + distance(i, j) as i64, j)).collect();
            ranked.sort_unstable();
            let mut chosen: Vec<usize> = ranked.into_iter().take(3).map(|(_, j)| j).collect();
            // Fewer than three share anything: the next ones in the page.
            let mut next = (1..n).map(|d| (i + d) % n);
            while chosen.len() < 3.min(n - 1) {
                match next.next() {
                    Some(j) if !chosen.contains(&j) => chosen.push(j),
                    Some(_) => {}
                    None => break,
                }
            }
            chosen.into_iter().map(|j| all[j].1.slug.clone()).collect::<Vec<_>>()
        })
        .collect()
}
