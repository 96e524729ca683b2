//! What docs sites write, class by class (issue 23), each with made-up pages in several
//! spellings: front matter and titles are in `import.rs`; real pages in `real_pages.rs`.

use stepwise_core::import::outline::Outline;
use stepwise_core::import::{import, Manifest};
use stepwise_core::model::{nodes, plain_text, Block, CalloutKind, LocaleContent, Node, Span};

const MANIFEST: &str = "locales = [\"en\"]\ndefault_locale = \"en\"\ndocs_base = \"https://docs.example.test/docs/\"\n";

/// The page imported (it must be accepted), its outline as text, and its warnings.
fn read(md: &str) -> (LocaleContent, String, Vec<String>) {
    let manifest = Manifest::parse("pack.toml", MANIFEST).unwrap();
    let imported = import("t", &manifest, &[("en".into(), "page.md".into(), md.into())]).unwrap_or_else(|p| panic!("refused: {p:#?}\n{md}"));
    let summary = Outline::of(&imported.pack, &imported.warnings).summary();
    (imported.pack.locales[0].clone(), summary, imported.warnings.iter().map(|w| w.to_string()).collect())
}

/// Every text a buyer could see, joined.
fn all_text(c: &LocaleContent) -> String {
    let mut out = c.title.to_string();
    let blocks = |bs: &[Block], out: &mut String| {
        for b in bs {
            out.push('\n');
            b.plain(out);
        }
    };
    blocks(&c.intro, &mut out);
    for t in c.topics.iter() {
        out.push('\n');
        out.push_str(&t.title);
        blocks(&t.notes, &mut out);
        for s in t.statements.iter() {
            out.push('\n');
            out.push_str(&plain_text(s));
        }
        for p in t.procedures.iter() {
            out.push('\n');
            out.push_str(&p.title);
            blocks(&p.intro, &mut out);
            blocks(&p.outro, &mut out);
            for s in p.steps.iter() {
                out.push('\n');
                out.push_str(&plain_text(&s.text));
                blocks(&s.details, &mut out);
                for shot in s.screenshots.iter() {
                    out.push('\n');
                    out.push_str(&shot.alt);
                }
            }
        }
    }
    out
}

/// The callouts in some blocks, outermost first: kind and title.
fn callouts(bs: &[Block]) -> Vec<(CalloutKind, String)> {
    let mut out = Vec::new();
    for n in nodes(bs) {
        if let Node::Callout { kind, title, body, .. } = n {
            out.push((kind, plain_text(title)));
            out.extend(callouts(body));
        }
    }
    out
}

fn intro_callouts(md: &str) -> Vec<(CalloutKind, String)> {
    let (c, _, _) = read(md);
    callouts(&c.intro)
}

#[test]
fn admonitions_in_every_spelling_are_typed_callouts_whose_markers_are_never_shown() {
    use CalloutKind::*;
    let cases: &[(&str, CalloutKind, &str)] = &[
        (":::tip My title\nBody.\n:::\n", Tip, "My title"),
        (":::warning\nBody.\n:::\n", Warning, ""),
        ("::: danger Stop\nBody.\n:::\n", Danger, "Stop"),
        (":::info\n\n#### Heads up\n\nBody.\n\n:::\n", Note, "Heads up"),
        (":::note[Bracketed title]\nBody.\n:::\n", Note, "Bracketed title"),
        ("!!! note \"Title\"\n    Body.\n", Note, "Title"),
        ("!!! warning\n    Body.\n\n    More body.\n", Warning, ""),
        ("??? tip \"Folded\"\n    Body.\n", Tip, "Folded"),
        ("???+ danger\n    Body.\n", Danger, ""),
        ("> [!NOTE]\n> Body.\n", Note, ""),
        ("> [!TIP]\n> Body.\n", Tip, ""),
        ("> [!IMPORTANT]\n> Body.\n", Warning, ""),
        ("> [!WARNING]\n> Body.\n", Warning, ""),
        ("> [!CAUTION]\n> Body.\n", Danger, ""),
        ("> [!IMPORTANT] Body on the marker's line (docsify).\n", Warning, ""),
        ("> **Note**\n> Body.\n", Note, ""),
        ("> **Note:** Body.\n", Note, ""),
        ("> **说明：**\n> 正文。\n", Note, ""),
        ("> **注意：** 正文。\n", Warning, ""),
        ("> 警告：正文。\n", Danger, ""),
        ("**Note:** a paragraph of its own.\n", Note, ""),
        ("**说明：** 一段话。\n", Note, ""),
        ("?> A docsify tip.\n", Tip, ""),
        ("!> A docsify warning.\n", Warning, ""),
        (">? A vendor's tip.\n", Tip, ""),
        (">! A vendor's warning.\n", Warning, ""),
        ("{{< note >}}\nBody.\n{{< /note >}}\n", Note, ""),
        ("{{< warning title=\"Careful\" >}}\nBody.\n{{< /warning >}}\n", Warning, "Careful"),
        ("{{% notice tip %}}\nBody.\n{{% /notice %}}\n", Tip, ""),
        ("{{% notice info \"Hugo's title\" %}}\nBody.\n{{% /notice %}}\n", Note, ""),
        ("{% hint style=\"danger\" %}\nBody.\n{% endhint %}\n", Danger, ""),
        ("<Admonition type=\"caution\" title=\"MDX\">\n\nBody.\n\n</Admonition>\n", Warning, "MDX"),
        ("<details>\n<summary>More</summary>\n\nBody.\n\n</details>\n", Note, "More"),
        ("::: details Click to see\nBody.\n:::\n", Note, "Click to see"),
    ];
    for (md, kind, title) in cases {
        let page = format!("# T\n\n{md}\n## A\n\n1. Open **Billing**.\n");
        let (c, _, warnings) = read(&page);
        assert_eq!(callouts(&c.intro), [(*kind, title.to_string())], "{md}");
        let text = all_text(&c);
        for marker in [":::", "!!!", "???", "[!", "{{", "{%", "?>", "!>", ">?", ">!", "<details", "<summary", "Admonition", "**"] {
            assert!(!text.contains(marker), "{marker:?} shown for {md:?}: {text}");
        }
        assert!(text.contains("Body") || text.contains("正文") || text.contains("paragraph") || text.contains("一段话") || text.contains("tip") || text.contains("warning"), "{md}: {text}");
        assert!(!warnings.iter().any(|w| w.contains("HTML")), "{md}: {warnings:?}");
    }
    // Nested: more colons outside, fewer inside.
    assert_eq!(intro_callouts("# T\n\n::::note Outer\nA.\n:::tip Inner\nB.\n:::\nC.\n::::\n\n## A\n\nx\n"), [(Note, "Outer".into()), (Tip, "Inner".into())]);
    // A folded one is folded.
    let (c, ..) = read("# T\n\n??? note \"More\"\n    Hidden.\n\n## A\n\nx\n");
    assert!(matches!(c.intro[0], Block::Callout { collapsed: true, body: 1, .. }), "{:?}", c.intro);
    // A callout is never a step: in a procedure it details the step before.
    let (c, summary, _) = read("# T\n\n## A\n\n1. One.\n\n   :::tip\n   Inside the step.\n   :::\n\n2. Two.\n\n:::warning\nAfter step two.\n:::\n");
    let a = c.procedure("a").unwrap();
    assert_eq!(a.steps.len(), 2, "{summary}");
    assert_eq!(callouts(&a.steps[0].details), [(Tip, String::new())]);
    assert_eq!(callouts(&a.steps[1].details), [(Warning, String::new())]);
    // An unclosed ::: runs to the end, with a warning at the end of the page.
    let (_, _, w) = read("# T\n\n## A\n\n:::tip\nNever closed.\n");
    assert!(w.iter().any(|w| w.contains("not closed")), "{w:?}");
}

#[test]
fn headings_at_any_depth_sections_without_steps_are_notes_and_numbered_headings_are_steps() {
    // Setext headings are headings.
    let (c, summary, _) = read("Orders\n======\n\nInvoices\n--------\n\n1. Open **Billing**.\n");
    assert_eq!((c.title.as_ref(), c.topics[0].title.as_ref()), ("Orders", "Invoices"), "{summary}");
    // A section without steps, at any depth, is notes with its heading.
    let (c, summary, w) = read("# T\n\n## Invoices\n\n### Requirements\n\nAn account.\n\n### Request one\n\n1. Open **Billing**.\n2. Click **Invoices**.\n\n#### See also\n\n- [Fees](https://x.test/fees)\n\n### Finding the URL\n\nThe URL is in the address bar. It ends with the order number.\n");
    assert!(w.is_empty(), "{w:?}");
    let invoices = &c.topics[0];
    assert_eq!(invoices.procedures.iter().map(|p| p.title.as_str()).collect::<Vec<_>>(), ["Request one"], "{summary}");
    let headings: Vec<String> = invoices.notes.iter().filter_map(|b| if let Block::Heading(t) = b { Some(t.to_string()) } else { None }).collect();
    assert_eq!(headings, ["Requirements", "Finding the URL"], "{summary}");
    // "See also" under the procedure closes it.
    assert!(matches!(&invoices.procedures[0].outro[0], Block::Heading(t) if t == "See also"), "{summary}");
    // Numbered headings under one heading are one procedure's steps, with their content.
    for (one, two) in [("#### 1. Choose a region", "#### 2. Choose a plan"), ("### Step 1: Launch", "### Step 2: Pay"), ("#### 第1步：选择地域", "#### 第2步：选择套餐"), ("### 1、创建", "### 2、付款")] {
        let page = format!("# T\n\n## Buy a server\n\nBefore you start.\n\n{one}\n\nPick the nearest.\n\n![Regions](regions.png)\n\n{two}\n\n```\nplan = small\n```\n");
        let (c, summary, _) = read(&page);
        let p = &c.topics[0].procedures[0];
        assert_eq!((p.title.as_str(), p.steps.len()), ("Buy a server", 2), "{summary}");
        assert!(!plain_text(&p.steps[0].text).starts_with(|c: char| c.is_ascii_digit() || c == 'S' || c == '第'), "{summary}");
        assert_eq!((p.steps[0].screenshots.len(), p.steps[1].details.len()), (1, 1), "{summary}");
    }
}

#[test]
fn mdx_and_templates_never_reach_the_buyer_raw() {
    let page = "---\ntitle: Deploy\n---\nimport Tabs from '@theme/Tabs';\nimport TabItem from '@theme/TabItem';\nimport shot from './img/console.png';\nexport const meta = {\n  a: 1,\n};\n\nIntro {/* an editor's note */} for {props.product}.\n\n## Install\n\n<Tabs groupId=\"cloud\">\n<TabItem value=\"aws\" label=\"AWS\">\n\nRun `aws deploy`.\n\n</TabItem>\n<TabItem value=\"gcp\" label=\"Google Cloud\">\n\nRun `gcloud deploy`.\n\n</TabItem>\n</Tabs>\n\n## Check it\n\n1. Open **Console**.\n\n   <img src={require('./img/x.png').default} alt=\"The console\"/>\n\n2. Look at <Image img={shot} alt=\"Imported\" />.\n\n   <Image img={unknown} alt=\"Nowhere\" />\n\n<DocCardList />\n\nVersion {{ site.version }} and {PANEL: Billing} and {% include note.md %}.\n";
    let (c, summary, w) = read(page);
    let text = all_text(&c);
    for raw in ["import", "export", "{", "}", "<", "TabItem", "DocCardList", "props"] {
        assert!(!text.contains(raw), "{raw:?} shown: {text}\n{summary}");
    }
    // Tabs keep each tab's content, labelled.
    let install = &c.topics[0].notes;
    let tabs: Vec<(String, String)> = nodes(install)
        .flat_map(|n| match n {
            Node::Tabs(group) => stepwise_core::model::tabs(group).map(|(l, b)| (l.to_string(), b.iter().map(|x| { let mut s = String::new(); x.plain(&mut s); s }).collect::<String>())).collect::<Vec<_>>(),
            _ => Vec::new(),
        })
        .collect();
    assert_eq!(tabs, [("AWS".to_owned(), "Run aws deploy.".to_owned()), ("Google Cloud".to_owned(), "Run gcloud deploy.".to_owned())], "{summary}");
    // JSX images that name a file are screenshots; the other is dropped, with a warning.
    let check = c.procedure("check-it").unwrap();
    let srcs: Vec<&str> = check.steps.iter().flat_map(|s| s.screenshots.iter().map(|x| &*x.src)).collect();
    assert_eq!(srcs, ["./img/x.png", "./img/console.png"], "{summary}");
    let said = |needle: &str| w.iter().any(|x| x.contains(needle));
    assert!(said("dropped: an image whose source Stepwise cannot resolve"), "{w:?}");
    assert!(said("dropped: MDX component <DocCardList>"), "{w:?}");
    assert!(said("a template variable ({{ … }})") && said("a directive ({NAME: …})") && said("a template tag ({% … %})") && said("an MDX expression"), "{w:?}");
    // Each warning names the line of its construct.
    assert!(w.iter().any(|x| x.starts_with("page.md:38: warning: dropped: MDX component <DocCardList>")), "{w:?}");
    assert!(w.iter().any(|x| x.starts_with("page.md:40: warning: dropped: a template variable")), "{w:?}");
    // In a page that is not MDX, braces are text.
    let (c, _, w) = read("# T\n\n## A\n\nThe JSON is {\"a\": 1} and the id \\{#id\\} stays.\n");
    let text = all_text(&c);
    assert!(text.contains("{a: 1}") && text.contains("{#id}"), "{text}");
    assert!(w.is_empty(), "{w:?}");
}

#[test]
fn steps_hold_their_content_until_the_next_step() {
    let page = "# T\n\n## Contract\n\n1. Open **Contracts**.\n2. Click **New**.\n3. Configure the contract:\n\n- Name: the buyer's company\n- Term: one year\n\n```\nterm = 1y\n```\n\n| Field | Value |\n|---|---|\n| A | B |\n\n![Form](form.png)\n\n4. - If you pay by card, click **Card**.\n   - If you pay by transfer, click **Transfer**.\n\nA paragraph between steps details step 4.\n\n5. Submit.\n\nClosing words.\n";
    let (c, summary, w) = read(page);
    assert!(w.is_empty(), "{w:?}");
    let p = &c.topics[0].procedures[0];
    assert_eq!(p.steps.len(), 5, "{summary}");
    let kinds: Vec<&str> = p.steps[2].details.iter().map(|b| match b { Block::List { .. } => "list", Block::Code(_) => "code", Block::Table { .. } => "table", _ => "other" }).collect();
    assert_eq!(kinds, ["list", "code", "table"], "{summary}");
    assert_eq!(p.steps[2].screenshots.len(), 1, "{summary}");
    assert!(plain_text(&p.steps[3].text).starts_with("If you pay by card"), "{summary}");
    assert!(matches!(&p.steps[3].details[..], [Block::List { .. }, Block::Para(_)]), "{summary}");
    assert_eq!(p.outro.len(), 1, "{summary}");
    // One paragraph, one step only where there is no list.
    let (c, summary, _) = read("# T\n\n## A\n\nOpen **Billing**.\n\nClick **Invoices**.\n");
    assert_eq!(c.topics[0].procedures[0].steps.len(), 2, "{summary}");
    // A screenshot in an introduction or notes is shown there; none is an error.
    let (c, _, _) = read("# T\n\n![Overview](overview.png)\n\n## About\n\n- We sell images.\n\n![Shop](shop.png)\n");
    assert!(matches!(&c.intro[..], [Block::Image(s)] if s.alt == "Overview"));
    assert!(c.topics[0].notes.iter().any(|b| matches!(b, Block::Image(s) if s.alt == "Shop")));
}

#[test]
fn a_page_that_is_one_numbered_list_is_one_procedure() {
    for page in ["1. Open **Billing**.\n2. Click **Invoices**.\n", "# Request an invoice\n\n1. Open **Billing**.\n2. Click **Invoices**.\n", "---\ntitle: Request an invoice\n---\n\nFirst, log in.\n\n1. Open **Billing**.\n2. Click **Invoices**.\n"] {
        let (c, summary, _) = read(page);
        assert_eq!(c.topics.len(), 1, "{summary}");
        assert_eq!(c.topics[0].procedures[0].steps.len(), 2, "{summary}");
    }
}

#[test]
fn chips_are_names_not_sentences() {
    let (c, summary, _) = read("# T\n\n## A\n\n**1. Log in to the console and click 【ECS】**\n\n**Note:** the console may be slow.\n\nThen open **Billing Center** and **说明：** nothing.\n");
    let steps = &c.topics[0].procedures[0].steps;
    assert_eq!(plain_text(&steps[0].text), "Log in to the console and click ECS", "{summary}");
    assert!(matches!(&steps[0].text[..], [Span::Text(_), Span::Label(l)] if l == "ECS"), "{:?}", steps[0].text);
    let menus: Vec<String> = steps.iter().flat_map(|s| s.text.iter()).filter_map(|s| if let Span::Menu(m) = s { Some(m.to_string()) } else { None }).collect();
    assert_eq!(menus, ["Billing Center"], "{summary}");
    // `**Note:**` leading a paragraph is a callout.
    assert_eq!(callouts(&steps[0].details), [(CalloutKind::Note, String::new())], "{summary}");
}

#[test]
fn the_rest_of_commonmark_and_gfm_that_pages_use() {
    let page = "# T\n\n## A\n\nSee [the fees][fees], <https://auto.test/x> and press <kbd>Ctrl</kbd>+<kbd>C</kbd>.<br>Next line &amp; &copy; \\*not bold\\*.\n\n![Console][shot]\n\n- [ ] pick a plan\n- [x] log in\n\nA claim.[^1]\n\n<details>\n<summary>Why?</summary>\n\nBecause.\n\n</details>\n\n## B\n\nOther.\n\n[fees]: https://x.test/fees\n[shot]: console.png\n[^1]: The footnote.\n";
    let (c, summary, w) = read(page);
    assert!(w.is_empty(), "{w:?}");
    let a = &c.topics[0];
    let text = all_text(&c);
    for want in ["the fees", "https://auto.test/x", "Ctrl+C", "Next line & © *not bold*", "☐ pick a plan", "☑ log in", "A claim.[1]", "Why?", "Because.", "[1] The footnote."] {
        assert!(text.contains(want), "{want:?} not in {text}\n{summary}");
    }
    let links: Vec<&str> = a.notes.iter().flat_map(|b| b.paragraphs()).flat_map(|p| p.iter()).filter_map(|s| if let Span::Link { href, .. } = s { Some(&**href) } else { None }).collect();
    assert_eq!(links, ["https://x.test/fees", "https://auto.test/x"], "{summary}");
    assert!(a.notes.iter().any(|b| matches!(b, Block::Image(s) if s.src == "console.png")), "{summary}");
    // The footnote is at the end of the topic that marks it, not of the page.
    assert!(matches!(a.notes.last(), Some(Block::List { .. })), "{summary}");
    assert!(c.topics[1].notes.len() == 1, "{summary}");
}

#[test]
fn containers_nested_past_the_models_bound_are_flattened_not_refused() {
    // Twenty callouts in one another, in three spellings; and quotes.
    let colons: String = (0..20).rev().map(|i| format!("{}tip Level {i}\n", ":".repeat(3 + i))).collect::<String>() + "Deep.\n" + &(0..20).map(|i| format!("{}\n", ":".repeat(3 + i))).collect::<String>();
    let bangs: String = (0..20).map(|i| format!("{}!!! note \"Level {i}\"\n", "    ".repeat(i))).collect::<String>() + &format!("{}Deep.\n", "    ".repeat(20));
    let quotes: String = (1..=20).map(|i| format!("{} [!NOTE]\n", ">".repeat(i))).collect::<String>() + &format!("{} Deep.\n", ">".repeat(20));
    for nested in [colons, bangs, quotes] {
        let (c, summary, _) = read(&format!("# T\n\n{nested}\n## A\n\n1. Open **Billing**.\n"));
        let mut deepest = 0;
        fn depth(bs: &[Block]) -> usize {
            nodes(bs).map(|n| match n { Node::Callout { body, .. } => 1 + depth(body), Node::Tabs(g) => 1 + stepwise_core::model::tabs(g).map(|(_, b)| depth(b)).max().unwrap_or(0), _ => 0 }).max().unwrap_or(0)
        }
        deepest = deepest.max(depth(&c.intro));
        assert!((1..=stepwise_core::validate::MAX_NESTING).contains(&deepest), "{deepest}: {summary}");
        assert!(all_text(&c).contains("Deep."), "{summary}");
    }
}

#[test]
fn a_full_width_space_in_an_indented_body_is_text() {
    // Chinese pages indent with U+3000 too; a body's four columns are spaces only.
    let (c, summary, _) = read("# T\n\n!!! note \"说明\"\n    正文\n  \u{3000}\u{3000}全角缩进\n\u{3000}\u{3000}\u{3000}\u{3000}x\n\n## A\n\n1. Open **Billing**.\n");
    assert!(all_text(&c).contains("正文"), "{summary}");
}
