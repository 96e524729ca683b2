//! A fuzz loop over the Markdown importer, on stable Rust and with no dependency: random pages
//! made of the pieces real help pages are made of (headings, lists nested and not, images,
//! labels, menu paths, links, code, HTML, tables, quotes, BOMs and every line ending), cut and
//! mixed at random, each imported with panics caught. Exits 1 at the first panic, printing a
//! seed that reproduces it. A stack overflow aborts the process, which fails the run too.
//!
//!   cargo run --release -p stepwise-core --features import --example fuzz_import -- [seconds] [seed]
//!
//! One input in eight is a refund rules file instead: a file of the library (`rules/`) with
//! lines dropped, repeated or replaced by pieces of rules, read as the library's form and as a
//! pack's `[refund]`; each rule read is then evaluated at random moments with random answers.
//!
//! `scripts/test.sh` runs it for 60 s (`FUZZ_SECONDS` changes that); give more seconds to run longer.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::{Duration, Instant};

use stepwise_core::import::rules::{parse_file, LIBRARY};
use stepwise_core::import::{import, Manifest};
use stepwise_core::refund::Reply;

const MANIFEST: &str = r#"
locales = ["zh-CN", "en"]
default_locale = "zh-CN"
docs_base = "https://docs.test/docs"
"#;

const PIECES: &[&str] = &[
    "# 订单\n", "---\ntitle: 订单\nid: x\n---\n", "---\n", "+++\ntitle = \"T\"\n+++\n", "title: >\n  folded\n", "...\n", "## 发票 {#a}\n", "## Invoice\n", "### 退订镜像\n", "#### deep\n", "##发票\n", "## T {#id} ##\n",
    "1. 登录控制台\n", "2. 打开 **费用** 菜单\n", "1. 在“我的订单”中找到订单号\n", "3) step\n", "   - nested\n", "- bullet\n",
    "* 退款流程: 系统创建退款单->服务商审核->华为云审核->退款结果\n", "  ![订单列表](https://libs.test/a.png \"=1280x720\")\n",
    "![alt](/img/b.png)\n", "    ![indented](c.png)\n", "[文档](/zh/stack.html#x)\n", "[*EULA*](https://e.test)\n",
    "【订单列表】>【退订】\n", "A > B › C\n", "open All Services->Marketplace\n", "`grep a->b.txt`\n", "```\ncode\n```\n",
    "~~~sh\nls\n~~~\n", "<img src=\"x.png\" alt=\"y\">\n", "<script>x()</script>\n", "| a | b |\n|---|---|\n| 1 | 2 |\n",
    "> quoted\n", "> ## 发票\n", "\n", "\n\n", "\r\n", "\r", "\u{feff}", "“", "”", "\"", "**", "*", "_", "->", "→", "[", "](",
    "![", "{#", "}", "<", ">", "    ", "\t", "1.", "- ", "> ", "https://bare.test/x", "<p align=\"center\">", "</p>", "<!-- c -->", "<img alt=\"x\"", " src=y>", "|", ":---:|", "“**菜单**”->“标签”", " › ", "＞", "price > 100", "#anchor", "\u{202e}", "\u{200b}", "é", "文",
    // Issue 23's classes: admonitions in every spelling, MDX and templates, numbered headings,
    // setext headings, footnotes, task lists, <details>, entities and escapes.
    ":::tip 标题\n", ":::\n", "::::note\n", "::::\n", ":::details More\n", ":::unknown\n", "!!! note \"Title\"\n", "??? warning\n", "???+ tip\n", "    body\n",
    "> [!NOTE]\n", "> [!WARNING]\n", "> **Note**\n", "> **说明：**\n", "**注意：** 文本\n", "?> tip\n", "!> warn\n", ">? vendor\n", ">! vendor\n",
    "{{< note >}}\n", "{{< /note >}}\n", "{{% notice tip %}}\n", "{{% /notice %}}\n", "{{< tabs >}}\n", "{{< tab \"Linux\" >}}\n", "{{< /tab >}}\n", "{{< /tabs >}}\n", "{{< figure src=\"a.png\" alt=\"x\" >}}\n",
    "{% hint style=\"warning\" %}\n", "{% endhint %}\n", "{% tabs %}\n", "{% tab title=\"A\" %}\n", "{% endtab %}\n", "{% endtabs %}\n",
    "import Tabs from '@theme/Tabs';\n", "import shot from './img/a.png';\n", "export const x = {\n  a: 1,\n};\n", "<Tabs>\n", "</Tabs>\n", "<TabItem value=\"aws\" label=\"AWS\">\n", "</TabItem>\n",
    "<img src={require('./img/x.png').default} alt=\"x\"/>\n", "<Image img={shot} alt=\"y\" />\n", "<DocCardList />\n", "<BrowserWindow\n  url=\"x\">\n", "{/* c */}", "{{ var }}", "{% raw %}", "{PANEL: x}", "{props.x}",
    "<details>\n", "<summary>More</summary>\n", "</details>\n", "<kbd>Ctrl</kbd>", "<br>", "&amp;", "&#x4e2d;", "\\{#id\\}", "- [ ] task\n", "- [x] done\n", "[^1]", "[^1]: note\n", "[a][r]\n", "[r]: https://r.test\n", "<https://auto.test>",
    "#### 1. Choose a region\n", "#### 2. Choose a plan\n", "### Step 1: Launch\n", "### 第2步：付款\n", "**1. Log in and click 【ECS】**\n", "Title\n===\n", "Sub\n---\n", "4. - If a\n", "<iframe src=x></iframe>\n", "\u{3000}", "  \u{3000}\u{3000}text\n", "\u{a0}",
];

/// Lines a rules file may hold, right and wrong.
const RULE_PIECES: &[&str] = &[
    "[[rule]]", "[[rule.question]]", "[[refund.rule]]", "[refund]", "id = \"x\"", "id = \"\"", "id = \"Bad Id\"", "start = \"purchase\"", "start = \"sale\"",
    "hours = 0", "hours = 1", "hours = 8784", "hours = 8785", "hours = -1", "days = 1", "days = 366", "days = 99999999999", "days = \"five\"",
    "utc_offset = \"+14:00\"", "utc_offset = \"-12:00\"", "utc_offset = \"+99:99\"", "utc_offset = 8", "verified = 2026-12-07", "verified = 0000-01-01",
    "verified = \"2026-02-30\"", "verified = 1979-05-27T07:32:00Z", "source = \"https://s.test/\"", "source = \"javascript:alert(1)\"", "source = \"\"",
    "refund_if = \"no\"", "refund_if = \"yes\"", "refund_if = 3", "below = 2", "below = -1", "below = 1e308", "below = nan", "at_most = 0.005", "at_most = 2",
    "text = \"?\"", "text = { en = \"?\" }", "text = {}", "unit = { zh-CN = \"小时\" }", "decided_by = \"seller\"", "decided_by = \"nobody\"", "otherwise = \"sellers-policy\"",
    "policy = { en = \"p\" }", "per_year = 4294967295", "per_product = 1", "exclusions = [\"x\", { en = \"y\" }]", "covers = 1", "only = [\"image\"]", "rules = \"steam\"", "",
    "\u{feff}", "# comment", "=", "[", "\"",
];

/// A rules file: one of the library's, its lines dropped, repeated or replaced at random.
fn rules_case(rng: &mut Rng) -> String {
    let (_, src) = LIBRARY[rng.below(LIBRARY.len())];
    let mut out = String::new();
    for line in src.lines() {
        match rng.below(40) {
            0 => {}
            1 => out.push_str(&format!("{line}\n{line}\n")),
            2 => out.push_str(&format!("{}\n", RULE_PIECES[rng.below(RULE_PIECES.len())])),
            _ => out.push_str(&format!("{line}\n")),
        }
    }
    out
}

/// Reads a rules case both ways, and evaluates every rule read.
fn rules_run(rng: &mut Rng, src: &str) -> bool {
    let pack = format!("{MANIFEST}[refund]\n{}", src.replace("[[rule", "[[refund.rule"));
    let sets: Vec<_> = parse_file("rules/fuzz.toml", src).into_iter().chain(Manifest::parse("pack.toml", &pack).ok().and_then(|m| m.refund).into_iter().flat_map(|r| r.rule_sets)).collect();
    for rule in sets.iter().flat_map(|s| &s.rules) {
        for _ in 0..8 {
            // Instants from 1970 to 2200, now after or before the start.
            let start = (rng.next() % 7_258_118_400) as i64;
            let now = start + (rng.next() % 80_000_000) as i64 - 1_000_000;
            let replies: Vec<Option<Reply>> = rule.questions.iter().map(|_| [None, Some(Reply::Yes), Some(Reply::No), Some(Reply::Number((rng.next() % 1000) as i64))][rng.below(4)]).collect();
            let _ = rule.evaluate(Some(start), &replies, now);
            let _ = rule.evaluate(None, &replies[..replies.len() / 2], now);
        }
    }
    !sets.is_empty()
}

#[path = "support/rng.rs"]
mod rng;
use rng::Rng;

/// A random page: pieces, sometimes repeated many times (deep nesting, long paths), sometimes cut.
fn page(rng: &mut Rng) -> String {
    let mut out = rng.pieces(PIECES, 60, 20, 5_000);
    if rng.below(4) == 0 && !out.is_empty() {
        // Cut at a random character boundary.
        let cut = rng.below(out.len());
        let cut = (0..=cut).rev().find(|&i| out.is_char_boundary(i)).unwrap_or(0);
        out.truncate(cut);
    }
    out
}

/// The two locales' pages for one case. Half the cases are a valid start with random pieces
/// after, the same in both locales, so that the later stages (alignment, slugs, related
/// procedures) run too.
fn case(rng: &mut Rng) -> (String, String) {
    if rng.below(2) == 0 {
        let zh = format!("# T\n\n## A {{#a}}\n\n1. one\n\n{}", page(rng));
        (zh.clone(), zh)
    } else {
        (page(rng), page(rng))
    }
}

fn main() {
    let mut args = std::env::args().skip(1);
    let seconds: u64 = args.next().and_then(|s| s.parse().ok()).unwrap_or(60);
    let seed: u64 = args.next().and_then(|s| s.parse().ok()).unwrap_or(0x5eed_1234_abcd_ef01);
    let manifest = Manifest::parse("pack.toml", MANIFEST).expect("the fuzz manifest parses");
    std::panic::set_hook(Box::new(|_| {}));
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let (mut runs, mut accepted, mut bytes, mut slowest, mut slowest_seed) = (0u64, 0u64, 0usize, Duration::ZERO, 0u64);
    let mut rules_read = 0u64;
    while Instant::now() < deadline {
        let case_seed = seed.wrapping_add(runs.wrapping_mul(0x9e37_79b9_7f4a_7c15)) | 1;
        if runs % 8 == 7 {
            let mut rng = Rng(case_seed);
            let src = rules_case(&mut rng);
            bytes += src.len();
            match catch_unwind(AssertUnwindSafe(|| rules_run(&mut rng, &src))) {
                Ok(read) => rules_read += u64::from(read),
                Err(_) => {
                    let _ = std::panic::take_hook();
                    eprintln!("fuzz: PANIC on rules input {runs}; reproduce with `rules_case(&mut Rng({case_seed}))` in this file");
                    std::process::exit(1);
                }
            }
            runs += 1;
            continue;
        }
        let (zh, en) = case(&mut Rng(case_seed));
        bytes += zh.len() + en.len();
        let sources = [("zh-CN".to_owned(), "zh-CN.md".to_owned(), zh), ("en".to_owned(), "en.md".to_owned(), en)];
        let started = Instant::now();
        match catch_unwind(AssertUnwindSafe(|| import("fuzz", &manifest, &sources))) {
            Ok(result) => accepted += u64::from(result.is_ok()),
            Err(_) => {
                let _ = std::panic::take_hook();
                eprintln!("fuzz: PANIC on input {runs}; reproduce with `case(&mut Rng({case_seed}))` in this file");
                std::process::exit(1);
            }
        }
        if started.elapsed() > slowest {
            (slowest, slowest_seed) = (started.elapsed(), case_seed);
        }
        runs += 1;
    }
    println!(
        "fuzz: {runs} inputs ({:.1} MB) in {seconds} s, 0 panics, {accepted} pages accepted, {rules_read} of {} rules files read, slowest {:.1} ms (case seed {slowest_seed})",
        bytes as f64 / 1e6,
        runs / 8,
        slowest.as_secs_f64() * 1e3
    );
    // FUZZ_DUMP_SLOWEST=dir writes the slowest case there as a pack (`stepwise-cli check dir`).
    if let Some(dir) = std::env::var_os("FUZZ_DUMP_SLOWEST").map(std::path::PathBuf::from) {
        let (zh, en) = case(&mut Rng(slowest_seed));
        let _ = std::fs::create_dir_all(&dir);
        let _ = std::fs::write(dir.join("pack.toml"), MANIFEST);
        let _ = std::fs::write(dir.join("zh-CN.md"), zh);
        let _ = std::fs::write(dir.join("en.md"), en);
    }
}
