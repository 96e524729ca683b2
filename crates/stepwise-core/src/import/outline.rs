//! What the importer made of a page, as a seller reads it: `stepwise-cli check --json` prints
//! it for a seller's CI, and the real-page tests compare its [`Outline::summary`] with the
//! outline written by reading each page (`tests/fixtures/real-pages/*/outline.txt`).
//!
//! The JSON (its schema is in the README, "check --json"):
//! ```text
//! {"pack": id, "accepted": true, "locales": [Locale], "problems": [Problem]}
//! Locale    = {"locale", "title", "intro": [Block], "topics": [Topic]}
//! Topic     = {"title", "slug", "notes": [Block], "statements": [text], "procedures": [Procedure]}
//! Procedure = {"title", "slug", "line", "intro": [Block], "steps": [Step], "outro": [Block]}
//! Step      = {"text", "screenshots": [src], "details": [Block]}
//! Block     = {"kind": "paragraph" | "list" | "code" | "table" | "heading" | "image", "text"}
//!           | {"kind": "callout", "callout": "note" | "tip" | "warning" | "danger", "title", "folded", "body": [Block]}
//!           | {"kind": "tabs", "tabs": [{"label", "body": [Block]}]}
//! Problem   = {"file", "line", "severity": "error" | "warning", "message"}
//! ```

use serde::Serialize;

use super::Problem;
use crate::model::{self, nodes, tabs, LocaleContent, Node, Pack};

#[derive(Debug, Serialize)]
pub struct Outline {
    pub pack: String,
    pub accepted: bool,
    pub locales: Vec<Locale>,
    pub problems: Vec<Said>,
}

#[derive(Debug, Serialize)]
pub struct Locale {
    pub locale: String,
    pub title: String,
    pub intro: Vec<Block>,
    pub topics: Vec<Topic>,
}

#[derive(Debug, Serialize)]
pub struct Topic {
    pub title: String,
    pub slug: String,
    pub notes: Vec<Block>,
    pub statements: Vec<String>,
    pub procedures: Vec<Procedure>,
}

#[derive(Debug, Serialize)]
pub struct Procedure {
    pub title: String,
    pub slug: String,
    pub line: u32,
    pub intro: Vec<Block>,
    pub steps: Vec<Step>,
    pub outro: Vec<Block>,
}

#[derive(Debug, Serialize)]
pub struct Step {
    pub text: String,
    pub screenshots: Vec<String>,
    pub details: Vec<Block>,
}

#[derive(Debug, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Block {
    Paragraph { text: String },
    List { text: String },
    Code { text: String },
    Table { text: String },
    Heading { text: String },
    Image { text: String },
    Callout { callout: &'static str, title: String, folded: bool, body: Vec<Block> },
    Tabs { tabs: Vec<Tab> },
}

#[derive(Debug, Serialize)]
pub struct Tab {
    pub label: String,
    pub body: Vec<Block>,
}

/// A problem as the JSON gives it.
#[derive(Debug, Serialize)]
pub struct Said {
    pub file: String,
    pub line: u32,
    pub severity: &'static str,
    pub message: String,
}

impl From<&Problem> for Said {
    fn from(p: &Problem) -> Self {
        Said { file: p.file.clone(), line: p.line, severity: if p.is_error { "error" } else { "warning" }, message: p.message.clone() }
    }
}

/// The words of a block, whitespace folded, cut at 80 characters.
fn text(b: &model::Block) -> String {
    let mut out = String::new();
    b.plain(&mut out);
    short(&out)
}

fn short(s: &str) -> String {
    let folded = s.split_whitespace().collect::<Vec<_>>().join(" ");
    match folded.char_indices().nth(80) {
        Some((i, _)) => format!("{}…", &folded[..i]),
        None => folded,
    }
}

fn blocks(bs: &[model::Block]) -> Vec<Block> {
    nodes(bs)
        .map(|n| match n {
            Node::Leaf(b) => {
                let text = text(b);
                match b {
                    model::Block::Para(_) => Block::Paragraph { text },
                    model::Block::List { .. } => Block::List { text },
                    model::Block::Code(_) => Block::Code { text },
                    model::Block::Table { .. } => Block::Table { text },
                    model::Block::Heading(_) => Block::Heading { text },
                    _ => Block::Image { text },
                }
            }
            Node::Callout { kind, title, collapsed, body } => Block::Callout { callout: kind.name(), title: short(&model::plain_text(title)), folded: collapsed, body: blocks(body) },
            Node::Tabs(group) => Block::Tabs { tabs: tabs(group).map(|(label, body)| Tab { label: label.to_string(), body: blocks(body) }).collect() },
        })
        .collect()
}

fn locale(l: &LocaleContent) -> Locale {
    Locale {
        locale: l.locale.to_string(),
        title: l.title.to_string(),
        intro: blocks(&l.intro),
        topics: l
            .topics
            .iter()
            .map(|t| Topic {
                title: t.title.to_string(),
                slug: t.slug.to_string(),
                notes: blocks(&t.notes),
                statements: t.statements.iter().map(|s| short(&model::plain_text(s))).collect(),
                procedures: t
                    .procedures
                    .iter()
                    .map(|p| Procedure {
                        title: p.title.to_string(),
                        slug: p.slug.to_string(),
                        line: p.line,
                        intro: blocks(&p.intro),
                        steps: p
                            .steps
                            .iter()
                            .map(|s| Step { text: short(&model::plain_text(&s.text)), screenshots: s.screenshots.iter().map(|x| x.src.to_string()).collect(), details: blocks(&s.details) })
                            .collect(),
                        outro: blocks(&p.outro),
                    })
                    .collect(),
            })
            .collect(),
    }
}

impl Outline {
    /// The outline of an imported pack, or of a refused one (no locales; its problems).
    pub fn new(id: &str, result: &Result<super::Imported, Vec<Problem>>) -> Outline {
        match result {
            Ok(imported) => Outline::of(&imported.pack, &imported.warnings),
            Err(problems) => Outline { pack: id.to_owned(), accepted: false, locales: Vec::new(), problems: problems.iter().map(Said::from).collect() },
        }
    }

    pub fn of(pack: &Pack, warnings: &[Problem]) -> Outline {
        Outline { pack: pack.id.to_string(), accepted: true, locales: pack.locales.iter().map(locale).collect(), problems: warnings.iter().map(Said::from).collect() }
    }

    /// The outline as text, one line a thing, indented by depth: what the tests compare with
    /// the outline written by reading the page. Titles and step words in full (to 80
    /// characters); other blocks by kind.
    pub fn summary(&self) -> String {
        let mut out = String::new();
        for l in &self.locales {
            out.push_str(&format!("# {}\n", l.title));
            kinds(&mut out, "intro", &l.intro, 0);
            for t in &l.topics {
                out.push_str(&format!("## {}\n", t.title));
                kinds(&mut out, "notes", &t.notes, 1);
                if !t.statements.is_empty() {
                    out.push_str(&format!("  statements: {}\n", t.statements.len()));
                }
                for p in &t.procedures {
                    let shots: usize = p.steps.iter().map(|s| s.screenshots.len()).sum();
                    out.push_str(&format!("  procedure {} ({} steps, {} screenshots)\n", p.title, p.steps.len(), shots));
                    kinds(&mut out, "intro", &p.intro, 2);
                    for (i, s) in p.steps.iter().enumerate() {
                        let shots = if s.screenshots.is_empty() { String::new() } else { format!(" [{} screenshot{}]", s.screenshots.len(), if s.screenshots.len() == 1 { "" } else { "s" }) };
                        out.push_str(&format!("    {}. {}{shots}\n", i + 1, s.text));
                        kinds(&mut out, "details", &s.details, 3);
                    }
                    kinds(&mut out, "outro", &p.outro, 2);
                }
            }
        }
        out
    }
}

/// `label: paragraph, list, callout tip "Title" (paragraph), tabs [AWS (code), GCP (code)]`.
fn kinds(out: &mut String, label: &str, bs: &[Block], depth: usize) {
    if bs.is_empty() {
        return;
    }
    out.push_str(&format!("{}{label}: {}\n", "  ".repeat(depth), kind_list(bs)));
}

fn kind_list(bs: &[Block]) -> String {
    bs.iter()
        .map(|b| match b {
            Block::Paragraph { .. } => "paragraph".to_owned(),
            Block::List { .. } => "list".to_owned(),
            Block::Code { .. } => "code".to_owned(),
            Block::Table { .. } => "table".to_owned(),
            Block::Heading { text } => format!("heading \"{text}\""),
            Block::Image { .. } => "image".to_owned(),
            Block::Callout { callout, title, folded, body } => {
                let title = if title.is_empty() { String::new() } else { format!(" \"{title}\"") };
                format!("{}{callout}{title} ({})", if *folded { "folded " } else { "" }, kind_list(body))
            }
            Block::Tabs { tabs } => format!("tabs [{}]", tabs.iter().map(|t| format!("{} ({})", t.label, kind_list(&t.body))).collect::<Vec<_>>().join(", ")),
        })
        .collect::<Vec<_>>()
        .join(", ")
}
