//! What docs tools write beyond CommonMark, read line by line before the Markdown parser and
//! rewritten into one spelling it passes through untouched: a marker comment that opens or
//! closes a container (a callout, a group of tabs, a tab), which [`super::blocks`] reads.
//!
//! | docs tool | written | read as |
//! |---|---|---|
//! | Docusaurus, VuePress | `:::tip Title` … `:::` (more colons outside, to nest) | a callout |
//! | VuePress | `::: details Title` … `:::` | a folded note |
//! | VuePress | `::: code-tabs#shell` / `::: tabs` with `@tab pnpm` lines | tabs |
//! | MkDocs, kramdown | `![a](b.png){ width="900px" }`, `{: .class }` | dropped silently (styling) |
//! | MkDocs Material | `!!! note "Title"`, `??? note`, `???+ note`, body indented 4 | a callout (`???` folded) |
//! | MkDocs Material | `=== "Linux"`, body indented 4, one after another | tabs |
//! | docsify | `?> text`, `!> text` (one paragraph) | a tip, a warning |
//! | vendors | `>? text`, `>! text` (one paragraph) | a tip, a warning |
//! | Hugo | `{{< note >}}` … `{{< /note >}}`, `{{% notice tip %}}` … `{{% /notice %}}` | a callout |
//! | Hugo | `{{< tabs >}}`, `{{< tab "Linux" >}}`; `{{< figure src="…" alt="…" >}}` | tabs; a screenshot |
//! | GitBook | `{% hint style="info" %}` … `{% endhint %}`, `{% tabs %}` `{% tab title="…" %}` | a callout; tabs |
//! | MDX | `import x from './a.png'`, `export …` lines | not content (an image import is remembered) |
//! | MDX | `<Tabs>`, `<TabItem value="aws" label="AWS">` on their own lines (labels also from `<Tabs values={[…]}>`) | tabs |
//! | Docusaurus | ```` ```mdx-code-block ```` … ```` ``` ```` | its content, read as the page's |
//! | MDX | `<img src={require('./a.png').default} alt="…"/>`, `<Image img={x} alt="…"/>` | a screenshot |
//! | MDX | `{/* comment */}`; any other component's tag line (`<DocCardList />`) | dropped (a component: with a warning); its children stay |
//! | HTML | `<details>`, `<summary>Title</summary>`, `</details>` | a folded note |
//! | templates | `{{ var }}`, `{% tag %}`, `{PANEL: …}` in text | dropped, with a warning |
//!
//! GitHub's `> [!NOTE]` and `> **Note**` quotes are read by `super::blocks`, from the parser's
//! block quotes. MDX and JSX are read in `mdx`, template syntax in `templates`. Every rewritten line keeps its number: the line map gives each output line
//! the source line it came from. Fenced code is never touched.

use super::{Problem, Problems};
use crate::model::CalloutKind;

mod mdx;
mod templates;

use mdx::{brace_depth, image_import, is_mdx, tag_line};
use templates::{shortcode, template_tag, templates};

/// What opens a marker comment: no source text holds U+0001 (control characters are dropped
/// before this pass), so a page cannot spell a marker itself.
pub const MARK: &str = "<!--\u{1}sw ";

/// A container a marker opens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Open {
    Callout { kind: CalloutKind, title: String, collapsed: bool },
    Tabs,
    Tab { label: String },
    /// A container of a kind Stepwise does not know (`:::columns`): its content is kept.
    Plain,
}

/// A marker comment read back: `Some(Some(open))` opens, `Some(None)` closes, `None` is not a
/// marker.
pub fn read_marker(html: &str) -> Option<Option<Open>> {
    let rest = html.trim().strip_prefix(MARK)?.strip_suffix("-->")?;
    let (what, arg) = rest.split_once(' ').unwrap_or((rest, ""));
    Some(match what {
        "close" => None,
        "tabs" => Some(Open::Tabs),
        "tab" => Some(Open::Tab { label: arg.to_owned() }),
        "plain" => Some(Open::Plain),
        kind => {
            let (collapsed, kind) = match kind.strip_suffix("+folded") {
                Some(k) => (true, k),
                None => (false, kind),
            };
            Some(Open::Callout { kind: CalloutKind::from_word(kind).unwrap_or(CalloutKind::Note), title: arg.to_owned(), collapsed })
        }
    })
}

fn marker(open: Option<&Open>) -> String {
    let body = match open {
        None => "close".to_owned(),
        Some(Open::Tabs) => "tabs".to_owned(),
        Some(Open::Tab { label }) => format!("tab {}", clean(label)),
        Some(Open::Plain) => "plain".to_owned(),
        Some(Open::Callout { kind, title, collapsed }) => {
            let word = kind.name();
            format!("{word}{} {}", if *collapsed { "+folded" } else { "" }, clean(title))
        }
    };
    format!("{MARK}{body}-->")
}

/// A title or label as a marker may hold it: one line, no `-->`, no Markdown code or bold marks.
fn clean(s: &str) -> String {
    s.replace("-->", "→").replace("**", "").replace(['\n', '`'], " ").split_whitespace().collect::<Vec<_>>().join(" ").trim_matches(['"', '\'']).trim().to_owned()
}

/// The page rewritten, and for each of its lines the source line it came from (1-based).
pub struct Rewritten {
    pub text: String,
    pub lines: Vec<u32>,
}

struct Out {
    text: String,
    lines: Vec<u32>,
}

impl Out {
    fn push(&mut self, line: &str, from: u32) {
        self.text.push_str(line);
        self.text.push('\n');
        self.lines.push(from);
    }
}

/// Where a line-level container closes.
enum Closer {
    /// `:::` with at least this many colons, at this indentation or less.
    Colons(usize),
    /// Indented body (MkDocs): lines indented at least this much, or blank, are inside.
    Indent(usize),
    /// A paragraph (docsify, vendors): the next blank line.
    Paragraph,
    /// A closing tag or shortcode, compared by name.
    Named(String),
}

/// Rewrites `src` (front matter already blanked): see the module's table.
pub fn rewrite(file: &str, src: &str, problems: &mut Problems) -> Rewritten {
    let mut out = Out { text: String::with_capacity(src.len() + 64), lines: Vec::new() };
    // MDX's `import name from './file.png'`: the images an `<Image img={name}>` may name.
    let mut imports = Vec::new();
    let mut open: Vec<(Closer, String)> = Vec::new();
    let mut fence: Option<(char, usize)> = None;
    // Open ```` ```mdx-code-block ```` fences, by their length.
    let mut mdx_fences: Vec<usize> = Vec::new();
    // Docusaurus' `<Tabs values={[{ label: 'Docker Run', value: 'docker-run' }]}>`: each value's label.
    let mut tab_labels: Vec<(String, String)> = Vec::new();
    let mdx = is_mdx(src);
    let source: Vec<&str> = src.split('\n').collect();
    let mut n = 0;
    while n < source.len() {
        let no = n as u32 + 1;
        n += 1;
        if n == source.len() && source[n - 1].is_empty() {
            break;
        }
        // Leading tabs as four columns each, as the indented bodies below count them.
        let expanded;
        let mut line = source[n - 1];
        if line.starts_with('\t') {
            let tabs = line.len() - line.trim_start_matches('\t').len();
            expanded = format!("{}{}", "    ".repeat(tabs), &line[tabs..]);
            line = &expanded;
        }
        // A blank line ends a one-paragraph callout (not inside fenced code).
        if fence.is_none() && line.trim().is_empty() {
            while let Some((Closer::Paragraph, _)) = open.last() {
                let at = open.len() - 1;
                close_to(&mut open, at, &mut out, no);
            }
        }
        // Indented bodies, outermost first: each takes its four columns off the line; a line
        // indented less than a body ends it (and every container opened inside it).
        let mut deindented = String::new();
        if !line.trim().is_empty() && open.iter().any(|(c, _)| matches!(c, Closer::Indent(_))) {
            let mut cur = line.to_owned();
            let mut k = 0;
            while k < open.len() {
                if let Closer::Indent(at) = open[k].0 {
                    // Spaces only: a full-width space (U+3000) is text, and is not cut.
                    let indent = cur.len() - cur.trim_start_matches(' ').len();
                    if indent < at {
                        if fence.is_none() {
                            close_to(&mut open, k, &mut out, no);
                        }
                        break;
                    }
                    cur = format!("{}{}", &cur[..at - 4], &cur[at..]);
                }
                k += 1;
            }
            deindented = cur;
        }
        if !deindented.is_empty() {
            line = &deindented;
        }
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        // Fenced code is code: nothing in it is read.
        if let Some((c, len)) = fence {
            if trimmed.starts_with(&c.to_string().repeat(len)) && trimmed.trim_end().chars().all(|x| x == c) {
                fence = None;
            }
            out.push(line, no);
            continue;
        }
        if let Some(c @ ('`' | '~')) = trimmed.chars().next() {
            let len = trimmed.chars().take_while(|&x| x == c).count();
            // Docusaurus' ```` ```mdx-code-block ````: its content is the page's, not code.
            if len >= 3 && trimmed[len..].trim() == "mdx-code-block" {
                mdx_fences.push(len);
                out.push("", no);
                continue;
            }
            if len >= 3 && mdx_fences.last() == Some(&len) && trimmed.trim_end().len() == len {
                mdx_fences.pop();
                out.push("", no);
                continue;
            }
            if len >= 3 {
                fence = Some((c, len));
                out.push(line, no);
                continue;
            }
        }
        let pad = &line[..indent];
        let trimmed_end = trimmed.trim_end();
        // Containers nested past any page's need stay as written (the model nests 4 deep; this
        // bounds the work each line costs).
        if open.len() >= MAX_OPEN && opens_container(trimmed_end) {
            problems.push(Problem::warning(file, no, format!("callouts and tabs nested more than {MAX_OPEN} deep: this marker is shown as text")));
            out.push(&format!("{pad}{}", templates(file, no, trimmed, mdx, &imports, problems)), no);
            continue;
        }

        // Docusaurus, VuePress: `:::kind Title`, `:::`.
        let colons = trimmed_end.chars().take_while(|&c| c == ':').count();
        if colons >= 3 {
            let rest = trimmed_end[colons..].trim();
            if rest.is_empty() {
                match open.iter().rposition(|(c, _)| matches!(c, Closer::Colons(k) if *k <= colons)) {
                    Some(at) => {
                        close_to(&mut open, at, &mut out, no);
                    }
                    None => problems.push(Problem::warning(file, no, "a ::: that closes nothing: dropped")),
                }
                out.push("", no);
                continue;
            }
            // `:::tip Title`, `:::note[Title]` (Docusaurus), `::: {.callout-note}` (Pandoc).
            let word_end = rest.find(|c: char| c.is_whitespace() || c == '[').unwrap_or(rest.len());
            let (word, title) = rest.split_at(word_end);
            let word = word.trim_start_matches('{').trim_end_matches('}').trim_start_matches('.').trim_start_matches("callout-");
            let title = title.trim().trim_start_matches('[').trim_end_matches(']');
            let what = match CalloutKind::from_word(word) {
                Some(kind) => Open::Callout { kind, title: title.to_owned(), collapsed: false },
                None if word.eq_ignore_ascii_case("details") => Open::Callout { kind: CalloutKind::Note, title: title.to_owned(), collapsed: true },
                None if ["code-group", "tabs", "code-tabs"].iter().any(|t| word.to_ascii_lowercase() == *t || word.to_ascii_lowercase().starts_with(&format!("{t}#"))) => Open::Tabs,
                None => {
                    problems.push(Problem::warning(file, no, format!(":::{word} is not a callout Stepwise knows: its content is shown, its markers dropped")));
                    Open::Plain
                }
            };
            out.push(&format!("{pad}{}", marker(Some(&what))), no);
            open.push((Closer::Colons(colons), pad.to_owned()));
            continue;
        }

        // VuePress' `@tab pnpm` (or `@tab:active pnpm`) inside `::: tabs` / `::: code-tabs`:
        // each starts a tab, ending the one before.
        if let Some(rest) = trimmed_end.strip_prefix("@tab") {
            if rest.is_empty() || rest.starts_with([' ', ':']) {
                if let Some(at) = open.iter().rposition(|(c, _)| matches!(c, Closer::Named(n) if n == "@tab")) {
                    close_to(&mut open, at, &mut out, no);
                }
                let label = rest.trim_start_matches(":active").trim().to_owned();
                out.push(&format!("{pad}{}", marker(Some(&Open::Tab { label }))), no);
                open.push((Closer::Named("@tab".into()), pad.to_owned()));
                continue;
            }
        }

        // MkDocs Material: `!!! note "Title"`, `??? note`, `???+ note`.
        if let Some(rest) = ["???+", "???", "!!!"].iter().find_map(|m| trimmed_end.strip_prefix(m).map(|r| (*m, r))) {
            let (m, rest) = rest;
            let rest = rest.trim();
            let (word, title) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
            let title = match title.trim() {
                t if t.starts_with('"') => t.trim_matches('"').to_owned(),
                _ => String::new(),
            };
            let kind = CalloutKind::from_word(word).unwrap_or(CalloutKind::Note);
            let what = Open::Callout { kind, title, collapsed: m == "???" };
            out.push(&format!("{pad}{}", marker(Some(&what))), no);
            open.push((Closer::Indent(pad.len() + 4), pad.to_owned()));
            continue;
        }

        // MkDocs Material's content tabs: `=== "Linux"`, body indented 4; tabs one after
        // another form one group.
        if let Some(label) = trimmed_end.strip_prefix("===").filter(|r| r.starts_with(' ') || r.starts_with('+')).map(|r| r.trim_start_matches('+').trim()) {
            let label = label.trim_matches('"').to_owned();
            out.push(&format!("{pad}{}", marker(Some(&Open::Tab { label }))), no);
            open.push((Closer::Indent(pad.len() + 4), pad.to_owned()));
            continue;
        }

        // docsify `?>`/`!>`, vendors' `>?`/`>!`: one paragraph.
        if let Some((kind, rest)) = [("?>", CalloutKind::Tip), ("!>", CalloutKind::Warning), (">?", CalloutKind::Tip), (">!", CalloutKind::Warning)]
            .iter()
            .find_map(|(m, k)| trimmed.strip_prefix(m).filter(|r| r.is_empty() || r.starts_with(' ')).map(|r| (*k, r)))
        {
            let what = Open::Callout { kind, title: String::new(), collapsed: false };
            out.push(&format!("{pad}{}", marker(Some(&what))), no);
            out.push(&format!("{pad}{}", rest.trim()), no);
            open.push((Closer::Paragraph, pad.to_owned()));
            continue;
        }

        // Hugo shortcodes and GitBook tags, each alone on its line.
        if let Some(tag) = template_tag(trimmed_end) {
            shortcode(file, no, pad, &tag, &mut open, &mut out, problems);
            continue;
        }

        // MDX `import` and `export` lines (outside code, at the left margin).
        if mdx && indent == 0 && (trimmed.starts_with("import ") || trimmed.starts_with("export ")) {
            if let Some((name, path)) = image_import(trimmed) {
                imports.push((name, path));
            }
            // An export's object or function may run over several lines: to its closing line.
            let mut depth = brace_depth(trimmed);
            out.push("", no);
            while depth > 0 && n < source.len() {
                depth += brace_depth(source[n]);
                out.push("", n as u32 + 1);
                n += 1;
            }
            continue;
        }

        // HTML's <details>/<summary>, MDX's <Tabs>/<TabItem>, other components' tag lines.
        if trimmed.starts_with('<') {
            if let Some(done) = tag_line(file, no, pad, trimmed_end, &source, &mut n, mdx, &imports, &mut tab_labels, &mut open, &mut out, problems) {
                if done {
                    continue;
                }
            }
        }

        out.push(&format!("{pad}{}", templates(file, no, trimmed, mdx, &imports, problems)), no);
    }
    let last = source.len() as u32;
    if !open.is_empty() {
        for (closer, _) in &open {
            if !matches!(closer, Closer::Indent(_) | Closer::Paragraph) {
                problems.push(Problem::warning(file, last, "a callout or tab is not closed: it runs to the end of the page"));
                break;
            }
        }
        close_to(&mut open, 0, &mut out, last);
    }
    Rewritten { text: out.text, lines: out.lines }
}

/// The most containers the rewriter keeps open at once.
const MAX_OPEN: usize = 16;

/// Whether a line would open a container (for the warning past [`MAX_OPEN`]).
fn opens_container(line: &str) -> bool {
    let closes = line.trim_start_matches(':').is_empty() || ["{{< /", "{{% /", "{{</", "{{%/", "{% end", "</"].iter().any(|m| line.starts_with(m));
    !closes && ["!!!", "???", ":::", "===", "?>", "!>", ">?", ">!", "{{<", "{{%", "{%", "<Tabs", "<TabItem", "<details", "@tab"].iter().any(|m| line.starts_with(m))
}

/// Closes the containers from `at` up, innermost first.
fn close_to(open: &mut Vec<(Closer, String)>, at: usize, out: &mut Out, no: u32) {
    while open.len() > at {
        let (_, pad) = open.pop().expect("longer than at");
        out.push(&format!("{pad}{}", marker(None)), no);
    }
}

/// The value of `key="…"` (or `key='…'`) in shortcode or JSX arguments.
fn arg(args: &str, key: &str) -> Option<String> {
    let mut rest = args;
    while let Some(i) = rest.find(key) {
        let before_ok = i == 0 || rest[..i].ends_with([' ', '\t', '{', '<']);
        let after = rest[i + key.len()..].trim_start();
        if before_ok {
            if let Some(v) = after.strip_prefix('=') {
                let v = v.trim_start();
                if let Some(q @ ('"' | '\'')) = v.chars().next() {
                    return v[1..].find(q).map(|e| v[1..1 + e].to_owned());
                }
            }
        }
        rest = &rest[i + key.len()..];
    }
    None
}

/// The first quoted argument (`{{< tab "Linux" >}}`).
fn first_quoted(args: &str) -> Option<String> {
    let start = args.find(['"', '\''])?;
    let q = args[start..].chars().next()?;
    let end = args[start + 1..].find(q)?;
    Some(args[start + 1..start + 1 + end].to_owned())
}

/// Closes the innermost container opened by the tag `name` (and those opened inside it); a
/// closing tag that closes nothing leaves an empty line.
fn close_named(open: &mut Vec<(Closer, String)>, name: &str, out: &mut Out, no: u32) {
    match open.iter().rposition(|(c, _)| matches!(c, Closer::Named(n) if n == name)) {
        Some(at) => close_to(open, at, out, no),
        None => out.push("", no),
    }
}
