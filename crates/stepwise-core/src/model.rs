//! The content model: what a help pack holds once its Markdown has been read.
//!
//! Plain owned data: the importer builds it, a pack file decodes to it, and the app holds a
//! pack in an `Rc` (`src/content.rs`) for as long as a view needs it.

use crate::policy::RefundPolicy;

/// The longest name (a slug, a pack's id) in bytes: what a URL segment or a file name carries
/// well ([`crate::validate`] refuses longer ones; [`crate::text::slugify`] makes none).
pub const MAX_NAME: usize = 200;

/// A string of content.
pub type Text = String;
/// A list of content.
pub type Seq<T> = Vec<T>;

/// One help pack (for example `huaweicloud`): the same procedures in one or more locales.
/// What the pack is ([`PackInfo`], reached through `Deref`: `pack.id`, `pack.refund`) and the
/// content of the locales at hand.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Pack {
    pub info: PackInfo,
    /// The content of each locale at hand: all of them in the importer; in the app, those
    /// fetched so far.
    pub locales: Seq<LocaleContent>,
}

/// What a pack is, without its content: the part every locale's pack file repeats.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct PackInfo {
    /// The pack's name in `content/<id>/`.
    pub id: Text,
    /// The locale used when the buyer's language is not in the pack.
    pub default_locale: Text,
    /// Relative links in the Markdown (`/zh/stack-deployment.html`) resolve against this URL.
    pub docs_base: Text,
    /// The platform's refund rule, when the pack has one (`[refund]` in `pack.toml`): the
    /// refund checker and its entry point exist only then.
    pub refund: Option<Refund>,
    /// Every locale the pack has, at hand or not.
    pub available: Seq<Text>,
    /// When the pack's screenshots were captured (`captured` in `pack.toml`), shown with them.
    pub captured: Option<crate::civil::Date>,
}

impl std::ops::Deref for Pack {
    type Target = PackInfo;
    fn deref(&self) -> &PackInfo {
        &self.info
    }
}

/// A pack's refund rule and the procedures that go with it.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Refund {
    pub policy: RefundPolicy,
    /// The slug of the procedure that starts a refund (for Huawei: change the image), if any.
    pub start: Option<Text>,
    /// The slug of the procedure listing the refund's stages, if any.
    pub flow: Option<Text>,
}

/// A pack's content in one locale (one Markdown file).
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct LocaleContent {
    /// A BCP 47 tag, `zh-CN` or `en`.
    pub locale: Text,
    /// The page's H1.
    pub title: Text,
    /// What comes before the first `##` (a sentence, a list of links), shown on the list.
    pub intro: Seq<Block>,
    pub topics: Seq<Topic>,
}

/// An H2 section: one procedure of its own, several H3 procedures, policy statements, or
/// only notes.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Topic {
    pub slug: Text,
    pub title: Text,
    /// Prose that is not a procedure's (an About text, a fee list, "not supported yet"),
    /// shown under the topic's heading.
    pub notes: Seq<Block>,
    /// Bullet-list statements (the refund policy's terms).
    pub statements: Seq<Paragraph>,
    pub procedures: Seq<Procedure>,
}

/// A procedure: a titled list of steps, the unit a wizard walks through.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Procedure {
    /// Unique in the pack, the same in every locale; used in deep links.
    pub slug: Text,
    pub title: Text,
    pub intro: Seq<Block>,
    /// Never empty.
    pub steps: Seq<Step>,
    /// Prose after the steps (further reading, notes).
    pub outro: Seq<Block>,
    /// Slugs of procedures to suggest when this one is done, best first.
    pub related: Seq<Text>,
    /// The Markdown line of the procedure's heading (for messages; not in pack files).
    #[cfg_attr(feature = "serde", serde(skip))]
    pub line: u32,
}

/// One step: an instruction, optional further paragraphs, and its screenshots.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Step {
    pub text: Paragraph,
    pub details: Seq<Block>,
    pub screenshots: Seq<Screenshot>,
}

/// A run of inline spans.
pub type Paragraph = Seq<Span>;

/// A block of prose: what intros, notes, step details and closing words are made of.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Block {
    Para(Paragraph),
    /// A list that is not steps (the page's list of links, a list inside a step), one
    /// paragraph an item; nested items are flattened into it.
    List { ordered: bool, items: Seq<Paragraph> },
    /// Fenced code, shown as written (a command, a price list).
    Code(Text),
    /// A table, text only: header cells, then rows of cells.
    Table { head: Seq<Paragraph>, rows: Seq<Seq<Paragraph>> },
    /// A heading inside prose: a section without steps under a topic or a procedure
    /// ("Requirements", "See also"), or a heading in a callout's body.
    Heading(Text),
    /// A screenshot where no step owns it: in an introduction or in notes.
    Image(Screenshot),
    /// A callout (an admonition: `:::tip`, `!!! note`, `> [!WARNING]`, `> **说明：**`…). The
    /// `body` blocks after it are its content: containers are kept flat (see [`nodes`]), so
    /// decoding a file never recurses and a file cannot nest deeper than
    /// [`crate::validate`] allows.
    Callout { kind: CalloutKind, title: Paragraph, collapsed: bool, body: u32 },
    /// One tab (`<TabItem label="AWS">`): the `body` blocks after it are its content. Tabs that
    /// follow one another form one group; `first` starts a new group.
    Tab { label: Text, first: bool, body: u32 },
}

/// What a callout says of itself, as every docs tool's spellings map to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum CalloutKind {
    /// Information (`note`, `info`, `说明`).
    Note,
    /// Advice (`tip`, `hint`, `提示`).
    Tip,
    /// Something to mind before going on (`warning`, `important`, `caution`, `注意`).
    Warning,
    /// Something that loses data or money (`danger`, `error`, `警告`).
    Danger,
}

impl CalloutKind {
    /// The kind's own word (`note`, `tip`, `warning`, `danger`): what `stepwise-cli check --json`
    /// says and what the importer's markers write; [`CalloutKind::from_word`] reads it back.
    pub fn name(self) -> &'static str {
        match self {
            CalloutKind::Note => "note",
            CalloutKind::Tip => "tip",
            CalloutKind::Warning => "warning",
            CalloutKind::Danger => "danger",
        }
    }

    /// The kind a docs tool's admonition word names (`tip`, `WARNING`, `说明`, Hugo's
    /// `notice info`), or `None` for a word that names none.
    pub fn from_word(word: &str) -> Option<CalloutKind> {
        let word = word.trim().trim_end_matches([':', '：']).trim().to_lowercase();
        Some(match word.as_str() {
            "note" | "notes" | "info" | "information" | "abstract" | "summary" | "tldr" | "example" | "quote" | "cite" | "question" | "faq" | "help" | "todo" | "secondary" | "primary" | "说明" | "注" | "备注" | "信息" | "须知" | "示例" => CalloutKind::Note,
            "tip" | "tips" | "hint" | "success" | "check" | "done" | "提示" | "技巧" | "小贴士" | "建议" => CalloutKind::Tip,
            "warning" | "warn" | "important" | "caution" | "attention" | "注意" | "重要" | "注意事项" => CalloutKind::Warning,
            "danger" | "error" | "bug" | "failure" | "fail" | "missing" | "警告" | "危险" | "禁止" | "错误" => CalloutKind::Danger,
            _ => return None,
        })
    }
}

/// A run of blocks read as a tree: each container (a callout, a group of tabs) with its body.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Node<'a> {
    Leaf(&'a Block),
    Callout { kind: CalloutKind, title: &'a Paragraph, collapsed: bool, body: &'a [Block] },
    /// A group of tabs: each tab's label and content.
    Tabs(&'a [Block]),
}

/// The blocks as a tree, one level: a container's body is its own run of blocks, to read with
/// `nodes` again. A `body` longer than what is left ends at the end (the validator refuses
/// such a file; the importer never writes one).
pub fn nodes<'a>(blocks: &'a [Block]) -> impl Iterator<Item = Node<'a>> {
    let mut rest = blocks;
    std::iter::from_fn(move || {
        let (first, after) = rest.split_first()?;
        let node = match first {
            Block::Callout { kind, title, collapsed, body } => {
                let (body, tail) = after.split_at((*body as usize).min(after.len()));
                rest = tail;
                return Some(Node::Callout { kind: *kind, title, collapsed: *collapsed, body });
            }
            Block::Tab { .. } => {
                // The group: this tab and those that follow it without a `first`.
                let mut end = 0;
                let mut at = rest;
                while let Some((Block::Tab { first, body, .. }, after)) = at.split_first() {
                    if end > 0 && *first {
                        break;
                    }
                    let n = (*body as usize).min(after.len());
                    end += 1 + n;
                    at = &after[n..];
                }
                let (group, tail) = rest.split_at(end);
                rest = tail;
                return Some(Node::Tabs(group));
            }
            leaf => Node::Leaf(leaf),
        };
        rest = after;
        Some(node)
    })
}

/// The tabs of a group ([`Node::Tabs`]): each one's label and content.
pub fn tabs(group: &[Block]) -> impl Iterator<Item = (&Text, &[Block])> {
    let mut rest = group;
    std::iter::from_fn(move || match rest.split_first()? {
        (Block::Tab { label, body, .. }, after) => {
            let (body, tail) = after.split_at((*body as usize).min(after.len()));
            rest = tail;
            Some((label, body))
        }
        _ => None,
    })
}

/// Inline content. Everything is text: no HTML ever reaches the page.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Span {
    Text(Text),
    /// A console menu name, written `**费用**`.
    Menu(Text),
    /// A quoted UI label, written `“我的订单”`.
    Label(Text),
    /// A menu path, written `云市场->退订管理`.
    Path(Seq<Text>),
    /// A link; `href` is absolute http(s) or relative to the pack's docs base.
    Link { text: Text, href: Text },
}

/// A screenshot, with its intrinsic size so the page can reserve its box before it loads, and
/// the places on it that the step points at.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Screenshot {
    pub src: Text,
    pub alt: Text,
    pub width: u32,
    pub height: u32,
    /// At most [`crate::validate::MAX_REGIONS`], each inside the image, in the author's order
    /// (numbered so when there are several).
    pub regions: Seq<Region>,
}

/// A place on a screenshot: a rectangle in the image's own pixels, with what it shows in words
/// ("the Billing menu"), which joins the screenshot's description for screen readers.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Region {
    pub x: u32,
    pub y: u32,
    pub width: u32,
    pub height: u32,
    /// Empty where the author gave none.
    pub label: Text,
}

impl PackInfo {
    /// Whether the pack has `locale`, at hand or not.
    pub fn has_locale(&self, locale: &str) -> bool {
        self.available.iter().any(|l| l == locale)
    }

    /// The locale to show for a list of preferred languages (`navigator.languages`):
    /// an exact tag first, then the same primary language, then the pack's default.
    pub fn negotiate_locale<'a>(&'a self, preferred: &[String]) -> &'a str {
        negotiate(&self.available, preferred, &self.default_locale)
    }
}

impl Pack {
    /// A pack known only by its id (its files not fetched yet): no locale, at hand or not.
    pub fn unfetched(id: &str) -> Pack {
        let info = PackInfo { id: id.to_owned(), default_locale: Text::new(), docs_base: Text::new(), refund: None, available: Seq::new(), captured: None };
        Pack { info, locales: Seq::new() }
    }

    /// The pack `info` with `contents` at hand, in the pack's order of locales, each once;
    /// content of a locale the pack does not list is dropped.
    pub fn assemble<'a>(info: &PackInfo, contents: impl IntoIterator<Item = &'a LocaleContent> + Clone) -> Pack {
        let locales = info.available.iter().filter_map(|l| contents.clone().into_iter().find(|c| c.locale == *l).cloned()).collect();
        Pack { info: info.clone(), locales }
    }

    /// This pack with one more locale's content at hand (`info`: what its file says of the
    /// pack; a pack of another id starts afresh).
    pub fn with_locale(&self, info: &PackInfo, content: &LocaleContent) -> Pack {
        let kept = if self.id == info.id { &self.locales[..] } else { &[] };
        Pack::assemble(info, kept.iter().chain([content]))
    }

    /// What this pack becomes once `arrived` (a later state of it, or another pack) comes:
    /// every locale at hand in either (files fetched in two orders must lose none). `None`
    /// when `arrived` brings nothing new.
    pub fn updated_by(&self, arrived: Pack) -> Option<Pack> {
        if self.id != arrived.id {
            return Some(arrived);
        }
        if arrived.locales.iter().all(|l| self.locale(&l.locale).is_some()) {
            return None;
        }
        let kept = self.locales.iter().filter(|l| arrived.locale(&l.locale).is_none());
        Some(Pack::assemble(&arrived.info, arrived.locales.iter().chain(kept)))
    }

    /// The content in `locale`, if it is at hand.
    pub fn locale(&self, locale: &str) -> Option<&LocaleContent> {
        self.locales.iter().find(|l| l.locale == locale)
    }

    /// Every screenshot's `src` in the pack, each once, in page order.
    pub fn screenshot_srcs(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for l in self.locales.iter() {
            for (_, p) in l.procedures() {
                for s in p.steps.iter().flat_map(|s| s.screenshots.iter()) {
                    if !out.contains(&&*s.src) {
                        out.push(&s.src);
                    }
                }
            }
        }
        out
    }
}

/// The locale to show among `available` for a list of preferred languages
/// (`navigator.languages`): an exact tag first, then the same primary language, then `default`.
pub fn negotiate<'a>(available: &'a [impl AsRef<str>], preferred: &[String], default: &'a str) -> &'a str {
    let primary = |tag: &str| tag.split(['-', '_']).next().unwrap_or("").to_ascii_lowercase();
    for want in preferred {
        if let Some(l) = available.iter().find(|l| l.as_ref().eq_ignore_ascii_case(want)) {
            return l.as_ref();
        }
        if let Some(l) = available.iter().find(|l| primary(l.as_ref()) == primary(want)) {
            return l.as_ref();
        }
    }
    default
}


impl LocaleContent {
    /// All procedures, in document order, with their topic.
    pub fn procedures(&self) -> impl Iterator<Item = (&Topic, &Procedure)> {
        self.topics.iter().flat_map(|t| t.procedures.iter().map(move |p| (t, p)))
    }

    pub fn procedure(&self, slug: &str) -> Option<&Procedure> {
        self.procedures().map(|(_, p)| p).find(|p| p.slug == slug)
    }
}

impl Block {
    /// Every paragraph in the block (a list's items, a table's cells), in reading order.
    pub fn paragraphs(&self) -> Box<dyn Iterator<Item = &Paragraph> + '_> {
        match self {
            Block::Para(p) => Box::new(std::iter::once(p)),
            Block::List { items, .. } => Box::new(items.iter()),
            Block::Code(_) => Box::new(std::iter::empty()),
            Block::Table { head, rows } => Box::new(head.iter().chain(rows.iter().flat_map(|r| r.iter()))),
            Block::Callout { title, .. } => Box::new(std::iter::once(title)),
            Block::Heading(_) | Block::Image(_) | Block::Tab { .. } => Box::new(std::iter::empty()),
        }
    }

    /// The block's words as plain text (a code block's, a heading's, a tab's label and a
    /// screenshot's alt text included; a container's body is in the blocks after it).
    pub fn plain(&self, out: &mut String) {
        match self {
            Block::Code(t) | Block::Heading(t) | Block::Tab { label: t, .. } => out.push_str(t),
            Block::Image(shot) => out.push_str(&shot.alt),
            _ => {
                for (i, p) in self.paragraphs().enumerate() {
                    if i > 0 {
                        out.push(' ');
                    }
                    for s in p.iter() {
                        s.plain(out);
                    }
                }
            }
        }
    }
}

impl Span {
    /// The span's words as plain text (for search and for screen-reader announcements).
    pub fn plain(&self, out: &mut String) {
        match self {
            Span::Text(t) | Span::Menu(t) | Span::Label(t) | Span::Link { text: t, .. } => out.push_str(t),
            Span::Path(segments) => {
                for (i, s) in segments.iter().enumerate() {
                    if i > 0 {
                        out.push_str(" > ");
                    }
                    out.push_str(s);
                }
            }
        }
    }
}

/// A paragraph as plain text.
pub fn plain_text(spans: &[Span]) -> String {
    let mut out = String::new();
    for s in spans {
        s.plain(&mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::RefundPolicy;

    fn pack(locales: &[&'static str]) -> Pack {
        let content = |l: &'static str| LocaleContent { locale: l.into(), title: "t".into(), intro: Seq::default(), topics: Seq::default() };
        Pack {
            info: PackInfo {
                id: "p".into(),
                default_locale: "zh-CN".into(),
                docs_base: "https://x.test".into(),
                refund: Some(Refund { policy: RefundPolicy::HUAWEI, start: None, flow: None }),
                available: locales.iter().map(|l| Text::from(*l)).collect::<Vec<_>>(),
                captured: None,
            },
            locales: locales.iter().map(|l| content(l)).collect::<Vec<_>>(),
        }
    }

    #[test]
    fn locales_arrive_in_any_order_and_are_kept_in_the_packs_order() {
        let full = pack(&["zh-CN", "en"]);
        let en = full.locale("en").unwrap();
        let zh = full.locale("zh-CN").unwrap();
        let start = Pack::unfetched("p");
        let with_en = start.with_locale(&full.info, en);
        assert_eq!(with_en.locales.iter().map(|l| &*l.locale).collect::<Vec<_>>(), ["en"]);
        let both = with_en.with_locale(&full.info, zh);
        assert_eq!(both.locales.iter().map(|l| &*l.locale).collect::<Vec<_>>(), ["zh-CN", "en"]);
        // A file fetched in the other order: both are kept; nothing new, nothing to do.
        let zh_only = start.with_locale(&full.info, zh);
        assert_eq!(with_en.updated_by(zh_only.clone()).unwrap().locales.len(), 2);
        assert_eq!(both.updated_by(zh_only), None);
        assert_eq!(with_en.updated_by(both.clone()), Some(both.clone()));
        // Another pack starts afresh; a locale the pack does not list is dropped.
        let other = Pack { info: PackInfo { id: "q".into(), ..full.info.clone() }, ..full.clone() };
        assert_eq!(both.with_locale(&other.info, en).locales.len(), 1);
        assert_eq!(with_en.updated_by(Pack::unfetched("q")), Some(Pack::unfetched("q")));
        let stray = LocaleContent { locale: "fr".into(), ..en.clone() };
        assert_eq!(start.with_locale(&full.info, &stray).locales.len(), 0);
    }

    #[test]
    fn the_buyers_language_picks_the_locale() {
        let p = pack(&["zh-CN", "en"]);
        let want = |langs: &[&str]| p.negotiate_locale(&langs.iter().map(|s| s.to_string()).collect::<Vec<_>>()).to_owned();
        assert_eq!(want(&["en-US", "zh-CN"]), "en");
        assert_eq!(want(&["zh-TW"]), "zh-CN");
        assert_eq!(want(&["EN"]), "en");
        assert_eq!(want(&["fr-FR", "de"]), "zh-CN");
        assert_eq!(want(&[]), "zh-CN");
        assert_eq!(want(&["fr", "en-GB"]), "en");
    }
}
