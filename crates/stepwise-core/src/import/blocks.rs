//! First pass of the importer: Markdown events to a small tree of blocks, with line numbers.
//!
//! Only what a help page uses survives: headings, paragraphs (inline spans plus images),
//! lists, fenced code, tables, `<img>` screenshots, and indented code blocks that hold nothing
//! but images (a screenshot indented four spaces is still a screenshot). Anything else is
//! reported with its line.

use pulldown_cmark::{BlockQuoteKind, CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::dialects::{self, Open};
use super::html;
use super::image_title::{self, ImageSize, ImageTitle};
use super::{Problem, Problems};
use crate::model::{CalloutKind, Span};
use crate::text::{inline_spans, push_text};

#[derive(Debug, Clone)]
pub struct Image {
    pub src: String,
    pub alt: String,
    /// Its intrinsic size, as its Markdown title gives it (`=1280x720`), and its regions
    /// ([`image_title`]).
    pub title: ImageTitle,
    pub line: u32,
}

#[derive(Debug, Clone)]
pub struct Para {
    pub spans: Vec<Span>,
    pub images: Vec<Image>,
    pub line: u32,
    /// The words of a bold run the paragraph starts with (`**Note:** …`, `**说明：**`).
    pub lead_strong: Option<String>,
}

#[derive(Debug, Clone)]
pub enum Block {
    Heading { level: u8, text: String, id: Option<String>, line: u32 },
    Para(Para),
    List { ordered: bool, items: Vec<Item> },
    /// Fenced code: its text as written.
    /// Fenced code; `label` is the `[npm]` of ```` ```sh [npm] ```` (VitePress' code groups) or
    /// its `title="…"`.
    Code { text: String, label: Option<String> },
    /// A table: the header's cells, then each row's.
    Table { head: Vec<Para>, rows: Vec<Vec<Para>>, line: u32 },
    /// A callout, in any docs tool's spelling ([`super::dialects`], quotes, `**Note:**`);
    /// `depth` counts it and the containers inside it (at most [`MAX_NESTING`]).
    Callout { kind: CalloutKind, title: String, collapsed: bool, blocks: Vec<Block>, line: u32, depth: usize },
    /// A group of tabs: each tab's label and content; `loose` when its tabs came without a
    /// marker for their group (MkDocs' `===` tabs one after another), so a next tab joins it.
    Tabs { tabs: Vec<(String, Vec<Block>)>, line: u32, loose: bool, depth: usize },
    /// A footnote's definition (`[^1]: …`), shown at the end of its topic.
    Footnote { label: String, blocks: Vec<Block>, line: u32 },
}

#[derive(Debug, Clone)]
pub struct Item {
    pub blocks: Vec<Block>,
    pub line: u32,
}

/// Maps byte offsets to 1-based line numbers of the source, through the line map of the
/// rewritten text ([`dialects::Rewritten::lines`]).
struct Lines {
    starts: Vec<usize>,
    source: Vec<u32>,
}

impl Lines {
    fn new(src: &str, source: Vec<u32>) -> Self {
        Lines { starts: std::iter::once(0).chain(src.match_indices('\n').map(|(i, _)| i + 1)).collect(), source }
    }
    fn of(&self, offset: usize) -> u32 {
        let line = self.starts.partition_point(|&start| start <= offset);
        self.source.get(line.saturating_sub(1)).copied().unwrap_or(line as u32)
    }
}

/// Text being collected inside a Strong, Link or Image.
enum Capture {
    Strong(String),
    Emphasis,
    Link { href: String, text: String },
    Image { src: String, title: String, alt: String, line: u32 },
}

#[derive(Default)]
struct Inline {
    spans: Vec<Span>,
    images: Vec<Image>,
    pending: String,
    captures: Vec<Capture>,
    /// How many of `captures` are not emphasis (kept, not counted each time: emphasis may nest
    /// tens of thousands deep).
    collecting: usize,
    line: u32,
    /// A bold run opened before any text: its words, when it closes.
    lead_strong: Option<String>,
    leading: bool,
}

impl Inline {
    fn open(&mut self, capture: Capture) {
        if matches!(capture, Capture::Strong(_)) && self.collecting == 0 {
            self.leading = self.spans.is_empty() && self.pending.trim().is_empty() && self.images.is_empty() && self.lead_strong.is_none();
        }
        if !matches!(capture, Capture::Emphasis) {
            self.collecting += 1;
        }
        self.captures.push(capture);
    }

    /// Text goes to the innermost capture that collects text (emphasis inside a link or a
    /// menu name keeps its words there), else to the paragraph.
    fn text(&mut self, t: &str) {
        let collecting = if self.collecting > 0 { self.captures.iter_mut().rev().find(|c| !matches!(c, Capture::Emphasis)) } else { None };
        match collecting {
            Some(Capture::Strong(s)) | Some(Capture::Link { text: s, .. }) | Some(Capture::Image { alt: s, .. }) => s.push_str(t),
            _ => self.pending.push_str(t),
        }
    }

    /// A code span: its text as it is, never read for labels or menu paths.
    fn code(&mut self, t: &str) {
        if self.collecting > 0 {
            return self.text(t);
        }
        self.flush_text();
        push_text(&mut self.spans, t);
    }

    fn flush_text(&mut self) {
        if !self.pending.is_empty() {
            let text = std::mem::take(&mut self.pending);
            for span in inline_spans(&text) {
                match span {
                    Span::Text(t) => push_text(&mut self.spans, &t),
                    other => self.spans.push(other),
                }
            }
        }
    }

    fn end_capture(&mut self) {
        let Some(capture) = self.captures.pop() else { return };
        if !matches!(capture, Capture::Emphasis) {
            self.collecting -= 1;
        }
        let outer = self.collecting > 0;
        match capture {
            Capture::Emphasis => {}
            Capture::Image { src, title, alt, line } => self.images.push(Image { src, title: ImageTitle::parse(&title), alt: alt.trim().to_owned(), line }),
            Capture::Strong(s) | Capture::Link { text: s, .. } if outer => self.text(&s),
            Capture::Strong(s) => {
                if std::mem::take(&mut self.leading) {
                    self.lead_strong = Some(s.trim().to_owned());
                }
                // A bold run is a menu name only when it reads as one; a bold sentence is text
                // (its labels and paths still read as such).
                if crate::text::reads_as_ui_name(&s) {
                    self.flush_text();
                    self.spans.push(Span::Menu(s.trim().to_owned()));
                } else {
                    self.pending.push_str(&s);
                }
            }
            Capture::Link { href, text } => {
                self.flush_text();
                self.spans.push(Span::Link { text: text.trim().to_owned(), href });
            }
        }
    }

    fn finish(mut self) -> Para {
        while !self.captures.is_empty() {
            self.end_capture();
        }
        self.flush_text();
        let spans = crate::text::join_chips(tidy(self.spans));
        Para { spans, images: self.images, line: self.line, lead_strong: self.lead_strong }
    }
}

/// Trims the paragraph's ends and drops the quotes around a quoted menu name (`“**资源**”`).
fn tidy(spans: Vec<Span>) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::with_capacity(spans.len());
    let mut iter = spans.into_iter().peekable();
    while let Some(span) = iter.next() {
        if let Span::Menu(_) = span {
            let opened = matches!(out.last(), Some(Span::Text(t)) if t.ends_with(['“', '「', '"']));
            let closes = matches!(iter.peek(), Some(Span::Text(t)) if t.starts_with(['”', '」', '"']));
            if opened && closes {
                if let Some(Span::Text(t)) = out.last_mut() {
                    t.pop();
                }
                if let Some(Span::Text(t)) = iter.peek_mut() {
                    let first = t.chars().next().map_or(0, char::len_utf8);
                    *t = t[first..].to_owned();
                }
            }
        }
        out.push(span);
    }
    if let Some(Span::Text(t)) = out.first_mut() {
        *t = t.trim_start().to_owned();
    }
    if let Some(Span::Text(t)) = out.last_mut() {
        *t = t.trim_end().to_owned();
    }
    out.retain(|s| !matches!(s, Span::Text(t) if t.is_empty()));
    out
}

/// How deep lists may nest. Help pages use two or three levels; a page nested deeper is
/// refused where the nesting goes too deep, so that nothing later recurses without bound.
pub const MAX_LIST_DEPTH: usize = 8;

/// What the parser has open, innermost last: the page, a list and its items, a heading, a
/// container, a quote… (not the host's frame, `stepwise::host::Frame`).
enum Nesting {
    Root(Vec<Block>),
    /// Inside a list nested too deep: how many lists are open in it.
    SkipLists(usize),
    List { ordered: bool, items: Vec<Item> },
    Item(Item),
    /// A heading; `escaped` when its source escapes a brace (`\{#id\}` is text, not an id).
    Heading { level: u8, id: Option<String>, escaped: bool },
    /// A container a marker opened ([`dialects`]).
    Container { open: Open, blocks: Vec<Block>, line: u32 },
    /// A block quote: a callout when GitHub's `[!NOTE]` or its first words say so, else its
    /// blocks stand as they are.
    Quote { kind: Option<CalloutKind>, blocks: Vec<Block>, line: u32 },
    Footnote { label: String, blocks: Vec<Block>, line: u32 },
    /// An indented (`fenced: false`) or fenced code block.
    Code { text: String, line: u32, fenced: bool, info: String },
    Table { head: Vec<Para>, rows: Vec<Vec<Para>>, row: Vec<Para>, line: u32 },
    Html { text: String, line: u32 },
    Skip,
}

fn push_block(stack: &mut [Nesting], block: Block) {
    for frame in stack.iter_mut().rev() {
        match frame {
            Nesting::Root(blocks) | Nesting::Item(Item { blocks, .. }) | Nesting::Container { blocks, .. } | Nesting::Quote { blocks, .. } | Nesting::Footnote { blocks, .. } => {
                blocks.push(block);
                return;
            }
            _ => {}
        }
    }
}

/// Ends the item of a definition list's term and definitions, if one is open.
fn end_definition(stack: &mut Vec<Nesting>) {
    if let Some(Nesting::Item(_)) = stack.last() {
        if let Some(Nesting::Item(item)) = stack.pop() {
            if let Some(Nesting::List { items, .. }) = stack.last_mut() {
                items.push(item);
            }
        }
    }
}

/// A definition list read: when every term numbers a step (`Step 1`, `1.`), an ordered list of
/// the definitions; else a list whose items are each term and its definitions.
fn definition_list(items: Vec<Item>) -> Block {
    let numbered = |item: &Item| match item.blocks.first() {
        Some(Block::Para(p)) => {
            let term = crate::model::plain_text(&p.spans);
            let lower = term.trim().to_lowercase();
            let rest = lower.strip_prefix("step").or_else(|| lower.strip_prefix("步骤")).unwrap_or(&lower).trim_start_matches(['第']).trim();
            !rest.is_empty() && rest.trim_end_matches(['.', ':', '：', '步']).chars().all(|c| c.is_ascii_digit())
        }
        _ => false,
    };
    if !items.is_empty() && items.iter().all(|i| numbered(i) && i.blocks.len() > 1) {
        let items = items.into_iter().map(|mut i| {
            i.blocks.remove(0);
            i
        });
        return Block::List { ordered: true, items: items.collect() };
    }
    Block::List { ordered: false, items }
}

/// A fenced block's label: `[npm]` (VitePress) or `title="npm"` in its info string.
fn code_label(info: &str) -> Option<String> {
    if let Some(open) = info.find('[') {
        if let Some(close) = info[open..].find(']') {
            return Some(info[open + 1..open + close].trim().to_owned()).filter(|l| !l.is_empty());
        }
    }
    let at = info.find("title=")?;
    let v = info[at + 6..].trim_start();
    let q = v.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    v[1..].find(q).map(|e| v[1..1 + e].to_owned())
}

/// How deep callouts and tabs may nest: what the app accepts ([`crate::validate::MAX_NESTING`]).
/// A container deeper than that is flattened: its title and content stand in the one around it.
pub const MAX_NESTING: usize = crate::validate::MAX_NESTING;

/// How deep the containers in some blocks nest (those in list items included).
fn nesting(blocks: &[Block]) -> usize {
    blocks
        .iter()
        .map(|b| match b {
            Block::Callout { depth, .. } | Block::Tabs { depth, .. } => *depth,
            Block::List { items, .. } => items.iter().map(|i| nesting(&i.blocks)).max().unwrap_or(0),
            Block::Footnote { blocks, .. } => nesting(blocks),
            _ => 0,
        })
        .max()
        .unwrap_or(0)
}

/// Pushes a callout, or, nested deeper than [`MAX_NESTING`], its title and content.
fn push_callout(stack: &mut [Nesting], kind: CalloutKind, title: String, collapsed: bool, blocks: Vec<Block>, line: u32) {
    let depth = 1 + nesting(&blocks);
    if depth > MAX_NESTING {
        if !title.is_empty() {
            push_block(stack, Block::Para(Para { spans: crate::text::inline_spans(&title).into_iter().collect(), images: Vec::new(), line, lead_strong: None }));
        }
        for b in blocks {
            push_block(stack, b);
        }
        return;
    }
    push_block(stack, Block::Callout { kind, title, collapsed, blocks, line, depth });
}

/// Pushes a group of tabs, or, nested deeper than [`MAX_NESTING`], each label and content.
fn push_tabs(stack: &mut [Nesting], tabs: Vec<(String, Vec<Block>)>, line: u32, loose: bool) {
    let depth = 1 + tabs.iter().map(|(_, b)| nesting(b)).max().unwrap_or(0);
    if depth > MAX_NESTING {
        for (label, blocks) in tabs {
            push_block(stack, Block::Heading { level: 6, text: label, id: None, line });
            for b in blocks {
                push_block(stack, b);
            }
        }
        return;
    }
    push_block(stack, Block::Tabs { tabs, line, loose, depth });
}

/// The last block of the innermost frame that holds blocks.
fn last_block(stack: &mut [Nesting]) -> Option<&mut Block> {
    for frame in stack.iter_mut().rev() {
        match frame {
            Nesting::Root(blocks) | Nesting::Item(Item { blocks, .. }) | Nesting::Container { blocks, .. } | Nesting::Quote { blocks, .. } | Nesting::Footnote { blocks, .. } => return blocks.last_mut(),
            _ => {}
        }
    }
    None
}

/// Closes the container on top of the stack into the block it makes.
fn close_container(stack: &mut Vec<Nesting>) {
    let Some(Nesting::Container { open, mut blocks, line }) = stack.pop() else { return };
    match open {
        Open::Callout { kind, mut title, collapsed } => {
            // A heading first in a callout is its title (`#### …` in a `:::info`), never a topic.
            if title.is_empty() {
                if let Some(Block::Heading { text, .. }) = blocks.first() {
                    title = text.clone();
                    blocks.remove(0);
                }
            }
            push_callout(stack, kind, title, collapsed, blocks, line);
        }
        Open::Tabs => {
            let mut tabs: Vec<(String, Vec<Block>)> = Vec::new();
            for b in blocks {
                match b {
                    Block::Tabs { tabs: inner, loose: true, .. } => tabs.extend(inner),
                    // Content outside any tab joins the tab before it (or the first).
                    other => match tabs.last_mut() {
                        Some((_, blocks)) => blocks.push(other),
                        None => tabs.push((String::new(), vec![other])),
                    },
                }
            }
            // A code group (`::: code-group` of fenced blocks): a tab a block, by its label.
            if let [(label, blocks)] = &tabs[..] {
                if label.is_empty() && !blocks.is_empty() && blocks.iter().all(|b| matches!(b, Block::Code { .. })) {
                    tabs = blocks
                        .iter()
                        .enumerate()
                        .map(|(i, b)| match b {
                            Block::Code { label, .. } => (label.clone().unwrap_or_else(|| (i + 1).to_string()), vec![b.clone()]),
                            _ => unreachable!("all code"),
                        })
                        .collect();
                }
            }
            if !tabs.is_empty() {
                push_tabs(stack, tabs, line, false);
            }
        }
        // A tab outside a group's marker joins the loose group right before it, or starts one.
        Open::Tab { label } => {
            let depth = 1 + nesting(&blocks);
            match last_block(stack) {
                Some(Block::Tabs { tabs, loose: true, depth: d, .. }) if depth <= MAX_NESTING => {
                    tabs.push((label, blocks));
                    *d = (*d).max(depth);
                }
                _ => push_tabs(stack, vec![(label, blocks)], line, true),
            }
        }
        Open::Plain => {
            for b in blocks {
                push_block(stack, b);
            }
        }
    }
}

/// Closes the containers opened above the innermost frame that `keep` accepts (a list item
/// that ends closes the callouts opened in it and not closed).
fn close_containers_above(stack: &mut Vec<Nesting>) {
    while matches!(stack.last(), Some(Nesting::Container { .. })) {
        close_container(stack);
    }
}

/// A callout's kind from the first words of a quote or paragraph: a bold callout word
/// (`**Note**`, `**说明：**`) or one followed by a colon (`Note: …`, `注意：…`). Returns the kind
/// and the paragraph without those words.
fn callout_lead(p: &Para) -> Option<(CalloutKind, Para)> {
    let strip = |p: &Para, word: &str| -> Para {
        let mut spans = p.spans.clone();
        if let Some(Span::Menu(_)) = spans.first() {
            spans.remove(0);
        } else if let Some(Span::Text(t)) = spans.first_mut() {
            *t = t[word.len()..].to_owned();
        }
        if let Some(Span::Text(t)) = spans.first_mut() {
            *t = t.trim_start_matches([':', '：', ' ', '\u{a0}']).to_owned();
            if t.is_empty() {
                spans.remove(0);
            }
        }
        Para { spans, images: p.images.clone(), line: p.line, lead_strong: None }
    };
    if let Some(lead) = &p.lead_strong {
        if let Some(kind) = CalloutKind::from_word(lead) {
            return Some((kind, strip(p, lead)));
        }
    }
    let Some(Span::Text(t)) = p.spans.first() else { return None };
    // `[!IMPORTANT] text` on one line (docsify, and GitHub before it required its own line).
    if let Some(rest) = t.strip_prefix("[!") {
        let word = &rest[..rest.find(']')?];
        let kind = CalloutKind::from_word(word)?;
        return Some((kind, strip(p, &t[..word.len() + 3])));
    }
    // Only the first words can name a callout: look no further (a quote in a quote reads
    // its first paragraph again at each level).
    let head: &str = t.char_indices().nth(14).map_or(t, |(i, _)| &t[..i]);
    let colon = head.find([':', '：'])?;
    let word = &t[..colon];
    (word.chars().count() <= 12).then_some(())?;
    CalloutKind::from_word(word).map(|kind| (kind, strip(p, word)))
}

/// The text as the parser should see it: without a byte-order mark, every line ending `\n`
/// (CRLF, and the CR alone of old Mac files), so that line numbers count what an editor shows.
pub fn normalize(src: &str) -> std::borrow::Cow<'_, str> {
    let src = src.strip_prefix('\u{feff}').unwrap_or(src);
    if src.contains('\r') {
        src.replace("\r\n", "\n").replace('\r', "\n").into()
    } else {
        src.into()
    }
}

/// A warning for each line holding characters a reader cannot see: bidirectional controls
/// (kept, but isolated: [`crate::text::isolate_bidi`]) and zero-width characters (kept: some
/// scripts and emoji need them; in an id or a URL they are refused where those are read).
fn invisible_characters(file: &str, src: &str, problems: &mut Problems) {
    for (i, line) in src.split('\n').enumerate() {
        let line_no = i as u32 + 1;
        if let Some(c) = line.chars().find(|&c| crate::text::is_bidi_control(c)) {
            problems.push(Problem::warning(file, line_no, format!("U+{:04X}, a bidirectional control: kept, and isolated so it cannot reorder the text after it", c as u32)));
        }
        if let Some(c) = line.chars().find(|&c| crate::text::is_zero_width(c)) {
            problems.push(Problem::warning(
                file,
                line_no,
                format!(
                    "U+{:04X}, a zero-width character: text that looks the same may differ here",
                    c as u32
                ),
            ));
        }
    }
}

/// The text without its control characters but tab and line feed (a NUL, a bell, an escape
/// pasted from a terminal): no renderer shows them, and a page must not receive them. Each line
/// that held any gets a warning naming the first.
fn without_controls<'a>(file: &str, src: &'a str, problems: &mut Problems) -> std::borrow::Cow<'a, str> {
    let unwanted = |c: char| c.is_control() && c != '\t' && c != '\n';
    if !src.contains(unwanted) {
        return std::borrow::Cow::Borrowed(src);
    }
    for (i, line) in src.split('\n').enumerate() {
        if let Some(c) = line.chars().find(|&c| unwanted(c)) {
            problems.push(Problem::warning(file, i as u32 + 1, format!("U+{:04X}, a control character: dropped (no page shows it)", c as u32)));
        }
    }
    src.replace(unwanted, "").into()
}

/// `##发票`: a heading written without the space Markdown needs after its `#`s. Where a letter
/// follows (not a digit: `#1` is more likely a number), the author meant a heading: the space
/// is put in, with a warning. Lines inside fenced code are left alone.
fn spaced_headings<'a>(file: &str, src: &'a str, problems: &mut Problems) -> std::borrow::Cow<'a, str> {
    let mut fence: Option<&str> = None;
    let mut fixed: Option<String> = None;
    let mut offset = 0;
    for (n, line) in src.split_inclusive('\n').enumerate() {
        let trimmed = line.trim_start();
        match (fence, ["```", "~~~"].into_iter().find(|m| trimmed.starts_with(m))) {
            (None, Some(m)) => fence = Some(m),
            (Some(f), Some(m)) if f == m => fence = None,
            _ => {}
        }
        let hashes = line.len() - line.trim_start_matches('#').len();
        if fence.is_none() && (1..=6).contains(&hashes) && line[hashes..].chars().next().is_some_and(char::is_alphabetic) {
            let (marks, title) = (&line[..hashes], line[hashes..].trim_end());
            problems.push(Problem::warning(file, n as u32 + 1, format!("a heading needs a space after its {marks}: read as \"{marks} {title}\"")));
            let out = fixed.get_or_insert_with(|| src[..offset].to_owned());
            out.extend([marks, " ", &line[hashes..]]);
        } else if let Some(out) = fixed.as_mut() {
            out.push_str(line);
        }
        offset += line.len();
    }
    fixed.map_or(std::borrow::Cow::Borrowed(src), std::borrow::Cow::Owned)
}

/// A page's front matter: YAML between `---` lines (closed by `---` or `...`) or TOML between
/// `+++` lines, at the very top, as docs tools (Docusaurus, VuePress, MkDocs, Hugo, Jekyll) read
/// it. It is never content.
pub struct FrontMatter {
    /// Its `title` (YAML `title: …`, TOML `title = "…"`), with the line it is on.
    pub title: Option<(String, u32)>,
}

/// The front matter at the top of `src`, if any, and the text with its lines left empty (so
/// that every line number still counts what an editor shows).
fn front_matter(src: &str) -> (std::borrow::Cow<'_, str>, Option<FrontMatter>) {
    let mut lines = src.split_inclusive('\n');
    let Some(first) = lines.next() else { return (src.into(), None) };
    let (yaml, closers): (bool, &[&str]) = match first.trim_end() {
        "---" => (true, &["---", "..."]),
        "+++" => (false, &["+++"]),
        _ => return (src.into(), None),
    };
    let Some(end) = lines.position(|l| closers.contains(&l.trim_end())) else { return (src.into(), None) };
    // The lines between the markers (line 2 to line end + 1, counting from 1).
    let body: Vec<&str> = src.split('\n').skip(1).take(end).collect();
    let title = body.iter().enumerate().find_map(|(i, line)| {
        let value = if yaml { line.strip_prefix("title:") } else { line.strip_prefix("title").map(str::trim_start).and_then(|l| l.strip_prefix('=')) }?;
        let value = match value.trim() {
            // A YAML block scalar: the indented lines after it, joined.
            ">" | "|" | ">-" | "|-" if yaml => body[i + 1..].iter().take_while(|l| l.starts_with(' ') || l.starts_with('\t')).map(|l| l.trim()).collect::<Vec<_>>().join(" "),
            v => unquote(v),
        };
        (!value.is_empty()).then(|| (value, i as u32 + 2))
    });
    let blanked: String = src.split_inclusive('\n').enumerate().map(|(i, l)| if i <= end + 1 { if l.ends_with('\n') { "\n" } else { "" } } else { l }).collect();
    (blanked.into(), Some(FrontMatter { title }))
}

/// A front matter value as written: quoted (`"…"` with `\"` escapes, `'…'` with `''`), or bare
/// up to a ` #` comment.
fn unquote(v: &str) -> String {
    if let Some(inner) = v.strip_prefix('"').and_then(|r| r.rfind('"').map(|e| &r[..e])) {
        inner.replace("\\\"", "\"").replace("\\\\", "\\")
    } else if let Some(inner) = v.strip_prefix('\'').and_then(|r| r.rfind('\'').map(|e| &r[..e])) {
        inner.replace("''", "'")
    } else {
        v.split(" #").next().unwrap_or(v).trim().to_owned()
    }
}

/// One Markdown file read: its blocks, and its front matter if it has one.
pub struct Page {
    pub blocks: Vec<Block>,
    pub front_matter: Option<FrontMatter>,
}

/// Parses one Markdown file into blocks. Problems are collected, not fatal.
pub fn parse(file: &str, src: &str, problems: &mut Problems) -> Page {
    let normalized = normalize(src);
    let visible = without_controls(file, &normalized, problems);
    invisible_characters(file, &visible, problems);
    let (content, front_matter) = front_matter(&visible);
    let spaced = spaced_headings(file, &content, problems);
    let rewritten = dialects::rewrite(file, &spaced, problems);
    let blocks = parse_blocks(file, &rewritten.text, rewritten.lines, problems);
    Page { blocks, front_matter }
}

/// The blocks of a page's Markdown (without its front matter, rewritten by [`dialects`]);
/// `source_lines` gives each of its lines' number in the file.
fn parse_blocks(file: &str, src: &str, source_lines: Vec<u32>, problems: &mut Problems) -> Vec<Block> {
    let options = Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TABLES
        | Options::ENABLE_GFM
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_DEFINITION_LIST;
    let mut reader = BlockReader { file, src, problems, stack: vec![Nesting::Root(Vec::new())], inline: None, lists: 0, quotes: 0, raw: None };
    let lines = Lines::new(src, source_lines);
    for (event, range) in Parser::new_ext(src, options).into_offset_iter() {
        let line = lines.of(range.start);
        if reader.skipped(&event) {
            continue;
        }
        match event {
            Event::Start(tag) => reader.start(tag, line, range),
            Event::End(end) => reader.end(end, line),
            event => reader.inline_event(event, line),
        }
    }
    reader.finish()
}

/// The importer's first pass, one Markdown event at a time: the open containers (`stack`, the
/// page's blocks at its root) and the paragraph being read (`inline`).
struct BlockReader<'a, 'p> {
    file: &'a str,
    src: &'a str,
    problems: &'p mut Problems,
    stack: Vec<Nesting>,
    inline: Option<Inline>,
    /// How many lists are open (a list deeper than [`MAX_LIST_DEPTH`] is dropped).
    lists: usize,
    /// How many quotes are open (a heading in one is warned of).
    quotes: usize,
    /// Inside an inline `<script>` or `<style>`: its content (Markdown text events) is dropped
    /// up to its closing tag, or the end of the paragraph.
    raw: Option<&'static str>,
}

impl BlockReader<'_, '_> {
    /// The paragraph being read, one starting at `line` if none is.
    fn paragraph(&mut self, line: u32) -> &mut Inline {
        self.inline.get_or_insert_with(|| Inline { line, ..Inline::default() })
    }

    /// Starts a new paragraph at `line` (a heading's text, a table cell), ending the one before.
    fn new_paragraph(&mut self, line: u32) {
        self.end_paragraph();
        self.inline = Some(Inline { line, ..Inline::default() });
    }

    /// Whether `event` is taken by what it is inside and read no further: the rest of an inline
    /// `<script>` or `<style>`, a list nested too deep, a footnote or metadata block that is
    /// skipped, or an HTML block's text.
    fn skipped(&mut self, event: &Event) -> bool {
        if let Some(name) = self.raw {
            match event {
                Event::Text(_) | Event::Code(_) | Event::SoftBreak | Event::HardBreak => return true,
                Event::InlineHtml(t) => {
                    if html::closes(t, name) {
                        self.raw = None;
                    }
                    return true;
                }
                _ => self.raw = None,
            }
        }
        match self.stack.last_mut() {
            Some(Nesting::SkipLists(open)) => {
                match event {
                    Event::Start(Tag::List(_) | Tag::DefinitionList) => *open += 1,
                    Event::End(TagEnd::List(_) | TagEnd::DefinitionList) if *open == 1 => {
                        self.stack.pop();
                    }
                    Event::End(TagEnd::List(_) | TagEnd::DefinitionList) => *open -= 1,
                    _ => {}
                }
                true
            }
            Some(Nesting::Skip) => {
                if let Event::End(TagEnd::FootnoteDefinition | TagEnd::MetadataBlock(_)) = event {
                    self.stack.pop();
                }
                true
            }
            Some(Nesting::Html { text, .. }) => {
                match event {
                    Event::Html(t) | Event::Text(t) => text.push_str(t),
                    _ => {
                        if let Some(Nesting::Html { text, line }) = self.stack.pop() {
                            html_block(self.file, &text, line, &mut self.stack, self.problems);
                        }
                    }
                }
                true
            }
            _ => false,
        }
    }

    /// A container or an inline run opens.
    fn start(&mut self, tag: Tag, line: u32, range: std::ops::Range<usize>) {
        match tag {
            Tag::Strong | Tag::Emphasis | Tag::Strikethrough | Tag::Link { .. } | Tag::Image { .. } => {
                let capture = match tag {
                    Tag::Strong => Capture::Strong(String::new()),
                    Tag::Link { dest_url, .. } => Capture::Link { href: dest_url.to_string(), text: String::new() },
                    Tag::Image { dest_url, title, .. } => Capture::Image { src: dest_url.to_string(), title: title.to_string(), alt: String::new(), line },
                    _ => Capture::Emphasis,
                };
                self.paragraph(line).open(capture);
                return;
            }
            // A table's head and rows hold cells, each a paragraph of its own.
            Tag::TableHead | Tag::TableRow => return,
            _ => self.end_paragraph(),
        }
        match tag {
            Tag::Paragraph | Tag::TableCell => self.new_paragraph(line),
            Tag::Heading { level, id, .. } => self.start_heading(level, id.map(|s| s.to_string()), line, range),
            // A definition list (`Step 1` over `: Create a file`) is a list too, whose items
            // are the term, then its definitions.
            Tag::List(_) | Tag::DefinitionList => self.start_list(matches!(tag, Tag::List(Some(_))), line),
            Tag::DefinitionListTitle => {
                close_containers_above(&mut self.stack);
                end_definition(&mut self.stack);
                self.stack.push(Nesting::Item(Item { blocks: Vec::new(), line }));
                self.new_paragraph(line);
            }
            Tag::Item => self.stack.push(Nesting::Item(Item { blocks: Vec::new(), line })),
            Tag::CodeBlock(kind) => {
                let (fenced, info) = match kind {
                    CodeBlockKind::Fenced(info) => (true, info.to_string()),
                    CodeBlockKind::Indented => (false, String::new()),
                };
                self.stack.push(Nesting::Code { text: String::new(), line, fenced, info });
            }
            Tag::BlockQuote(kind) => {
                self.quotes += 1;
                let kind = kind.map(|k| match k {
                    BlockQuoteKind::Note => CalloutKind::Note,
                    BlockQuoteKind::Tip => CalloutKind::Tip,
                    BlockQuoteKind::Important | BlockQuoteKind::Warning => CalloutKind::Warning,
                    BlockQuoteKind::Caution => CalloutKind::Danger,
                });
                self.stack.push(Nesting::Quote { kind, blocks: Vec::new(), line });
            }
            Tag::HtmlBlock => self.stack.push(Nesting::Html { text: String::new(), line }),
            Tag::Table(_) => self.stack.push(Nesting::Table { head: Vec::new(), rows: Vec::new(), row: Vec::new(), line }),
            Tag::FootnoteDefinition(label) => self.stack.push(Nesting::Footnote { label: label.to_string(), blocks: Vec::new(), line }),
            Tag::MetadataBlock(_) => self.stack.push(Nesting::Skip),
            // (Definitions go on in the term's item.)
            _ => {}
        }
    }

    fn start_heading(&mut self, level: HeadingLevel, id: Option<String>, line: u32, range: std::ops::Range<usize>) {
        let level = match level {
            HeadingLevel::H1 => 1,
            HeadingLevel::H2 => 2,
            HeadingLevel::H3 => 3,
            HeadingLevel::H4 => 4,
            HeadingLevel::H5 => 5,
            HeadingLevel::H6 => 6,
        };
        if self.quotes > 0 {
            self.problems.push(Problem::warning(self.file, line, "a heading inside a quote (>) is read as a heading; remove the >"));
        }
        let escaped = self.src.get(range).is_some_and(|h| h.contains("\\{"));
        self.stack.push(Nesting::Heading { level, id, escaped });
        self.new_paragraph(line);
    }

    fn start_list(&mut self, ordered: bool, line: u32) {
        if self.lists == MAX_LIST_DEPTH {
            self.problems.push(Problem::warning(self.file, line, format!("lists nested more than {MAX_LIST_DEPTH} deep: this list is dropped; flatten it")));
            self.stack.push(Nesting::SkipLists(1));
        } else {
            self.lists += 1;
            self.stack.push(Nesting::List { ordered, items: Vec::new() });
        }
    }

    /// A container or an inline run closes.
    fn end(&mut self, end: TagEnd, line: u32) {
        match end {
            TagEnd::Strong | TagEnd::Emphasis | TagEnd::Strikethrough | TagEnd::Link | TagEnd::Image => {
                if let Some(i) = self.inline.as_mut() {
                    i.end_capture();
                }
            }
            TagEnd::Paragraph => self.end_paragraph(),
            // An empty heading, or an empty cell, is still one.
            TagEnd::Heading(_) | TagEnd::TableCell => {
                self.paragraph(line);
                self.end_paragraph();
                if matches!(end, TagEnd::Heading(_)) {
                    self.stack.pop();
                }
            }
            TagEnd::CodeBlock => match self.stack.pop() {
                Some(Nesting::Code { text, fenced: true, info, .. }) => push_block(&mut self.stack, Block::Code { text: text.trim_end_matches('\n').to_owned(), label: code_label(&info) }),
                Some(Nesting::Code { text, line, fenced: false, .. }) => code_images(self.file, &text, line, &mut self.stack, self.problems),
                _ => {}
            },
            TagEnd::TableHead | TagEnd::TableRow => {
                if let Some(Nesting::Table { head, rows, row, .. }) = self.stack.last_mut() {
                    let cells = std::mem::take(row);
                    if matches!(end, TagEnd::TableHead) {
                        *head = cells;
                    } else {
                        rows.push(cells);
                    }
                }
            }
            TagEnd::Table => {
                if let Some(Nesting::Table { head, rows, line, .. }) = self.stack.pop() {
                    push_block(&mut self.stack, Block::Table { head, rows, line });
                }
            }
            TagEnd::Item | TagEnd::DefinitionListTitle | TagEnd::DefinitionListDefinition | TagEnd::DefinitionList | TagEnd::List(_) | TagEnd::BlockQuote(_) | TagEnd::FootnoteDefinition => self.end_container(end),
            _ => {}
        }
    }

    /// A container of blocks closes: what is open inside it closes first.
    fn end_container(&mut self, end: TagEnd) {
        self.end_paragraph();
        close_containers_above(&mut self.stack);
        let stack = &mut self.stack;
        match end {
            TagEnd::Item => {
                if let Some(Nesting::Item(item)) = stack.pop() {
                    if let Some(Nesting::List { items, .. }) = stack.last_mut() {
                        items.push(item);
                    }
                }
            }
            TagEnd::DefinitionList => {
                end_definition(stack);
                self.lists -= 1;
                if let Some(Nesting::List { items, .. }) = stack.pop() {
                    push_block(stack, definition_list(items));
                }
            }
            TagEnd::List(_) => {
                self.lists -= 1;
                if let Some(Nesting::List { ordered, items, .. }) = stack.pop() {
                    push_block(stack, Block::List { ordered, items });
                }
            }
            TagEnd::BlockQuote(_) => {
                self.quotes -= 1;
                if let Some(Nesting::Quote { kind, blocks, line }) = stack.pop() {
                    quote(kind, blocks, line, stack);
                }
            }
            TagEnd::FootnoteDefinition => {
                if let Some(Nesting::Footnote { label, blocks, line }) = stack.pop() {
                    push_block(stack, Block::Footnote { label, blocks, line });
                }
            }
            // A definition list's term or definition: its item goes on.
            _ => {}
        }
    }

    /// Text and what stands in a paragraph: code, breaks, inline HTML, task markers, footnote marks.
    fn inline_event(&mut self, event: Event, line: u32) {
        match event {
            Event::Text(t) => match self.stack.last_mut() {
                Some(Nesting::Code { text, .. }) => text.push_str(&t),
                _ => self.paragraph(line).text(&t),
            },
            Event::Code(t) => self.paragraph(line).code(&t),
            Event::SoftBreak | Event::HardBreak => {
                if let Some(i) = self.inline.as_mut() {
                    i.text(" ");
                }
            }
            Event::Html(t) | Event::InlineHtml(t) => self.inline_html(&t, line),
            Event::TaskListMarker(done) => self.paragraph(line).text(if done { "☑ " } else { "☐ " }),
            // A footnote's mark, as its label in brackets; the note is at the end of its topic.
            Event::FootnoteReference(label) => {
                let i = self.paragraph(line);
                i.flush_text();
                push_text(&mut i.spans, &format!("[{label}]"));
            }
            _ => {}
        }
    }

    /// HTML in a paragraph: a `<br>` is a space, an `<img>` a screenshot, the rest not shown.
    fn inline_html(&mut self, t: &str, line: u32) {
        if t.trim_start().get(..3).is_some_and(|b| b.eq_ignore_ascii_case("<br")) {
            if let Some(i) = self.inline.as_mut() {
                i.text(" ");
            }
        }
        let found = html::read(t);
        self.raw = found.unclosed_raw;
        if found.hidden_content {
            self.problems.push(Problem::warning(self.file, line, "HTML is not shown: Stepwise renders text only"));
        }
        if !found.images.is_empty() {
            self.paragraph(line);
            for tag in found.images {
                if let Some(img) = html_image(self.file, tag, line, self.problems) {
                    self.paragraph(line).images.push(img);
                }
            }
        }
    }

    /// Ends the paragraph being read, if any, and puts it where it belongs: a heading's text, a
    /// table cell, a one-paragraph callout (`**Note:** …`), or a paragraph of the container.
    fn end_paragraph(&mut self) {
        let Some(inline) = self.inline.take() else { return };
        let para = inline.finish();
        let (file, problems, stack) = (self.file, &mut *self.problems, &mut self.stack);
        match stack.last_mut() {
            Some(Nesting::Heading { level, id, escaped }) => {
                let (level, id, escaped) = (*level, id.clone(), *escaped);
                heading(file, level, id, escaped, para, stack, problems);
            }
            Some(Nesting::Table { row, .. }) => {
                if let Some(img) = para.images.first() {
                    problems.push(Problem::error(file, img.line, "a screenshot in a table cannot be placed; put it in a step"));
                }
                row.push(para);
            }
            // `**Note:** …`, `**说明：**…`: a callout of one paragraph (a quote reads its own).
            Some(frame) if !matches!(frame, Nesting::Quote { .. }) && para.lead_strong.as_deref().and_then(CalloutKind::from_word).is_some() => {
                if let Some((kind, rest)) = callout_lead(&para) {
                    let line = para.line;
                    let blocks = if rest.spans.is_empty() && rest.images.is_empty() { Vec::new() } else { vec![Block::Para(rest)] };
                    push_callout(stack, kind, String::new(), false, blocks, line);
                }
            }
            _ if !para.spans.is_empty() || !para.images.is_empty() => push_block(stack, Block::Para(para)),
            _ => {}
        }
    }

    /// The end of the page: what is still open closes; the page's blocks.
    fn finish(mut self) -> Vec<Block> {
        self.end_paragraph();
        close_containers_above(&mut self.stack);
        match self.stack.into_iter().next() {
            Some(Nesting::Root(blocks)) => blocks,
            _ => Vec::new(),
        }
    }
}

/// A heading of `level` whose text is `para`: its slug is `id` (`{#id}`), or one written after
/// its text (unless `escaped`, `\{`); a screenshot in it goes after it.
fn heading(file: &str, level: u8, mut id: Option<String>, escaped: bool, para: Para, stack: &mut [Nesting], problems: &mut Problems) {
    let mut text = crate::model::plain_text(&para.spans);
    let line = para.line;
    if id.is_none() && !escaped {
        if let Some((title, given)) = trailing_id(&text) {
            problems.push(Problem::warning(file, line, format!("{{#{given}}} is read as the heading's slug; write it last, without closing #s")));
            (text, id) = (title, Some(given));
        }
    }
    // An id is a deep link's name: one that looks like another must not be possible.
    if let Some(bad) = id.as_deref().and_then(|i| i.chars().find(|c| !(c.is_alphanumeric() || matches!(c, '-' | '_' | '.')))) {
        problems.push(Problem::warning(file, line, format!("the id {{#{}}} holds U+{:04X}; an id may hold only letters, digits, -, _ and .: dropped, the slug comes from the heading", id.as_deref().unwrap_or("").escape_default(), bad as u32)));
        id = None;
    }
    let images = para.images;
    push_block(stack, Block::Heading { level, text, id, line });
    if let Some(img) = images.first() {
        problems.push(Problem::warning(file, img.line, "a screenshot in a heading: shown after the heading"));
        push_block(stack, Block::Para(Para { spans: Vec::new(), images, line, lead_strong: None }));
    }
}

/// `## Title {#id}` followed by closing `#`s: Markdown reads the attribute only at the very
/// end, so the text is `Title {#id}`. Returns the title and the id.
fn trailing_id(text: &str) -> Option<(String, String)> {
    let body = text.trim_end().strip_suffix('}')?;
    let open = body.rfind("{#")?;
    let id = body[open + 2..].trim();
    let valid = !id.is_empty() && id.chars().all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'));
    valid.then(|| (body[..open].trim_end().to_owned(), id.to_owned()))
}

/// A block quote read: a callout (GitHub's `> [!NOTE]`, or first words `**Note**`,
/// `**说明：**`, `Note:`), else its blocks as they stand.
fn quote(kind: Option<CalloutKind>, mut blocks: Vec<Block>, line: u32, stack: &mut [Nesting]) {
    let lead = match blocks.first() {
        Some(Block::Para(p)) if kind.is_none() => callout_lead(p),
        _ => None,
    };
    let kind = match (kind, lead) {
        (Some(kind), _) => kind,
        (None, Some((kind, rest))) => {
            if rest.spans.is_empty() && rest.images.is_empty() {
                blocks.remove(0);
            } else {
                blocks[0] = Block::Para(rest);
            }
            kind
        }
        (None, None) => {
            for b in blocks {
                push_block(stack, b);
            }
            return;
        }
    };
    let mut title = String::new();
    if let Some(Block::Heading { text, .. }) = blocks.first() {
        title = text.clone();
        blocks.remove(0);
    }
    push_callout(stack, kind, title, false, blocks, line);
}

/// An HTML block: a container's marker ([`dialects`]); else its `<img>` tags are screenshots
/// (with the same URL rules as Markdown images) and its text is shown as text, with a warning;
/// an element with nothing to read (`<iframe>`, `<video>`) is dropped, with a warning.
fn html_block(file: &str, text: &str, line: u32, stack: &mut Vec<Nesting>, problems: &mut Problems) {
    match dialects::read_marker(text) {
        Some(Some(open)) => return stack.push(Nesting::Container { open, blocks: Vec::new(), line }),
        Some(None) => {
            if matches!(stack.last(), Some(Nesting::Container { .. })) {
                close_container(stack);
            }
            return;
        }
        None => {}
    }
    let found = html::read(text);
    if !found.dropped.is_empty() {
        let names: Vec<String> = found.dropped.iter().map(|n| format!("<{n}>")).collect();
        problems.push(Problem::warning(file, line, format!("dropped: {}, which Stepwise cannot show", names.join(", "))));
    }
    let words = found.text.split_whitespace().collect::<Vec<_>>().join(" ");
    let images: Vec<Image> = found.images.into_iter().filter_map(|tag| html_image(file, tag, line, problems)).collect();
    if !words.is_empty() {
        problems.push(Problem::warning(file, line, "HTML: its text is shown as text, without its markup"));
        let spans = crate::text::inline_spans(&words).into_iter().collect();
        push_block(stack, Block::Para(Para { spans, images: Vec::new(), line, lead_strong: None }));
    }
    if !images.is_empty() {
        push_block(stack, Block::Para(Para { spans: Vec::new(), images, line, lead_strong: None }));
    }
}

/// An `<img>` tag as a screenshot, or an error when it names no `src`.
fn html_image(file: &str, tag: html::ImgTag, line: u32, problems: &mut Problems) -> Option<Image> {
    let line = line + tag.line;
    let Some(src) = tag.src else {
        problems.push(Problem::warning(file, line, "an <img> without a src cannot be shown: dropped"));
        return None;
    };
    let size = tag.size.map_or(ImageSize::Unsaid, |(width, height)| ImageSize::Given { width, height });
    let (regions, unreadable) = image_title::parse_regions(&tag.regions);
    Some(Image { src, alt: tag.alt, title: ImageTitle { size, regions, unreadable }, line })
}

/// An indented code block of image lines (`    ![alt](src)`) is a screenshot indented too far.
fn code_images(file: &str, text: &str, line: u32, stack: &mut [Nesting], problems: &mut Problems) {
    let mut images = Vec::new();
    for (i, l) in text.lines().enumerate() {
        let l = l.trim();
        if l.is_empty() {
            continue;
        }
        match parse_image_line(l) {
            Some((alt, src, title)) => images.push(Image { src, alt, title: ImageTitle::parse(&title), line: line + i as u32 }),
            None => {
                problems.push(Problem::error(file, line + i as u32, "indented text is a code block, which cannot be placed in a procedure; remove the indentation"));
                return;
            }
        }
    }
    if !images.is_empty() {
        push_block(stack, Block::Para(Para { spans: Vec::new(), images, line, lead_strong: None }));
    }
}

/// `![alt](src "title")` on a line of its own.
fn parse_image_line(l: &str) -> Option<(String, String, String)> {
    let rest = l.strip_prefix("![")?;
    let close = rest.find("](")?;
    let alt = rest[..close].to_owned();
    let inner = rest[close + 2..].strip_suffix(')')?;
    let (src, title) = match inner.split_once(char::is_whitespace) {
        Some((src, title)) => (src, title.trim().trim_matches(['"', '\'']).to_owned()),
        None => (inner, String::new()),
    };
    (!src.is_empty()).then(|| (alt, src.to_owned(), title))
}
