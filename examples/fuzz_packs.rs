//! A structure-aware fuzz loop over pack files as the app receives them: pack files are made by
//! the importer from the fixture packs, then edited (their structure: steps, slugs, locales,
//! references, sizes, texts; or their bytes, with the checksum put right so that the decoder
//! reads them), decoded with the app's own check (`stepwise_core::packfile::decode`), and
//! every file the check accepts is rendered natively, as the app would draw it: the list, the
//! checker, and every step of every procedure (and a step out of range), on the page and in
//! the widget's panel. A panic anywhere fails the loop, with a seed that reproduces it.
//!
//!   cargo run --release --features ssr --example fuzz_packs -- [seconds] [seed]
//!
//! `scripts/test.sh` runs it for 20 s (`FUZZ_PACK_SECONDS` changes that).

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::{Duration, Instant};

use stepwise::host::Frame;
use stepwise::prerender::render;
use stepwise_core::model::{Block, CalloutKind, Pack, Procedure, Refund, Screenshot, Span, Step, Text};
use stepwise_core::packfile::{decode, encode, fnv1a32, LocaleFile, HEADER};
use stepwise_core::route::Route;

#[path = "../crates/stepwise-core/examples/support/rng.rs"]
mod rng;
use rng::Rng;

/// What edited names and texts are made of.
const PIECES: &[&str] = &[
    "", "a", "invoice", "refund-checker", "12", "..", "/", "\\", "%2F", "#", "?", "zh-CN", "en", "en-", "x-a", "发票", " ", "\n",
    "\0", "\u{1b}", "\u{202e}", "\u{200b}", "https://", "javascript:", "//evil.test", "<script>", "\"", "'", "&", "aaaaaaaaaaaaaaaa",
];

/// The fixture packs, each locale as the file the CLI writes.
fn files() -> Vec<LocaleFile> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/content");
    let mut out = Vec::new();
    for id in ["billing", "calendar", "no-refund", "xss"] {
        let pack = stepwise_core::import::import_dir(&dir.join(id)).expect("a fixture pack imports").pack;
        for content in pack.locales.iter() {
            out.push(LocaleFile { pack: pack.info.clone(), content: content.clone() });
        }
    }
    out
}

fn text(rng: &mut Rng) -> Text {
    rng.pieces(PIECES, 6, 20, 3_000)
}

/// One edit of the file's structure, of the kinds a hand-edited or hostile file may hold.
fn edit(rng: &mut Rng, f: &mut LocaleFile) {
    let procedures: usize = f.content.topics.iter().map(|t| t.procedures.len()).sum();
    let pick = rng.below(procedures.max(1));
    fn nth_of(f: &mut LocaleFile, n: usize) -> Option<&mut Procedure> {
        f.content.topics.iter_mut().flat_map(|t| t.procedures.iter_mut()).nth(n)
    }
    match rng.below(18) {
        0 => { if let Some(p) = nth_of(f, pick) { p.steps = Vec::new() } }
        1 => { if let Some(p) = nth_of(f, pick) { p.slug = text(rng) } }
        2 => { if let Some(p) = nth_of(f, pick) { p.related = vec![text(rng)] } }
        3 => { if let Some(p) = nth_of(f, pick) { p.title = text(rng) } }
        4 => {
            if let Some(p) = nth_of(f, pick) {
                let steps = &mut p.steps;
                let extra = Step { text: vec![Span::Text(text(rng)), Span::Path(vec![text(rng), text(rng)]), Span::Link { text: text(rng), href: text(rng) }], details: vec![], screenshots: vec![] };
                for _ in 0..rng.below(40) {
                    steps.push(extra.clone());
                }
            }
        }
        5 => {
            if let Some(step) = nth_of(f, pick).and_then(|p| p.steps.first_mut()) {
                let side = |rng: &mut Rng| [0, 1, 10_000, 10_001, u32::MAX][rng.below(5)];
                step.screenshots.push(Screenshot { src: text(rng), alt: text(rng), width: side(rng), height: side(rng), regions: Vec::new() });
            }
        }
        6 => f.content.locale = text(rng),
        7 => f.pack.available = vec![text(rng), f.content.locale.clone()],
        8 => f.pack.default_locale = text(rng),
        9 => f.pack.docs_base = text(rng),
        10 => f.pack.id = text(rng),
        11 => f.pack.refund = Some(Refund { policy: f.pack.refund.as_ref().map_or(stepwise_core::policy::RefundPolicy::HUAWEI, |r| r.policy), start: Some(text(rng)), flow: Some(text(rng)) }),
        12 => {
            if let Some(r) = f.pack.refund.as_mut() {
                r.policy.window = [0, 1, 120, 8_784, 8_785, u32::MAX][rng.below(6)];
                r.policy.offset_minutes = [0, 480, -840, 841, i32::MIN][rng.below(5)];
                r.policy.yearly_quota = [0, 10, 10_001, u32::MAX][rng.below(4)];
            }
        }
        13 => f.content.title = text(rng),
        // Containers whose bodies claim any number of the blocks after them, nested or not.
        16 | 17 => {
            if let Some(step) = nth_of(f, pick).and_then(|p| p.steps.first_mut()) {
                let body = |rng: &mut Rng| [0, 1, 2, 5, u32::MAX][rng.below(5)];
                let details = &mut step.details;
                for _ in 0..1 + rng.below(6) {
                    let at = rng.below(details.len() + 1);
                    let block = match rng.below(4) {
                        0 => Block::Callout { kind: CalloutKind::Danger, title: vec![Span::Text(text(rng))], collapsed: rng.below(2) == 0, body: body(rng) },
                        1 => Block::Tab { label: text(rng), first: rng.below(2) == 0, body: body(rng) },
                        2 => Block::Heading(text(rng)),
                        _ => Block::Image(Screenshot { src: text(rng), alt: text(rng), width: 1, height: 1, regions: Vec::new() }),
                    };
                    details.insert(at, block);
                }
            }
        }
        14 => f.content.topics.clear(),
        _ => {
            let topics = &mut f.content.topics;
            if !topics.is_empty() {
                let t = topics[rng.below(topics.len())].clone();
                topics.push(t);
            }
        }
    }
}

/// The file's bytes with a few changed, the header's length and checksum put right.
fn mangle(rng: &mut Rng, mut bytes: Vec<u8>) -> Vec<u8> {
    for _ in 0..1 + rng.below(4) {
        let at = HEADER + rng.below(bytes.len() - HEADER);
        bytes[at] = rng.next() as u8;
    }
    let sum = fnv1a32(&bytes[HEADER..]);
    bytes[10..14].copy_from_slice(&sum.to_le_bytes());
    bytes
}

/// Renders every view of an accepted file; returns how many.
fn render_all(file: LocaleFile) -> usize {
    let locale = file.content.locale.to_string();
    let pack = std::rc::Rc::new(Pack { info: file.pack, locales: vec![file.content] });
    let content = &pack.locales[0];
    let mut routes = vec![Route::list(&locale), Route::checker(&locale)];
    for (_, p) in content.procedures() {
        routes.extend((0..=p.steps.len() + 1).map(|n| Route::step(&locale, &p.slug, n)));
    }
    for route in &routes {
        for frame in [Frame::Page, Frame::Panel] {
            render(&pack, route, true, frame);
        }
    }
    routes.len() * 2
}

fn main() {
    let mut args = std::env::args().skip(1);
    let seconds: u64 = args.next().and_then(|s| s.parse().ok()).unwrap_or(20);
    let seed: u64 = args.next().and_then(|s| s.parse().ok()).unwrap_or_else(|| std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(1, |d| d.as_nanos() as u64) | 1);
    // The release profile aborts on a panic (`panic = "abort"`), so the hook says how to
    // reproduce it before the process ends (where panics unwind, the loop reports it too).
    std::panic::set_hook(Box::new(move |info| {
        eprintln!("fuzz_packs: a panic: {info}\nreproduce with: cargo run --release --features ssr --example fuzz_packs -- {seconds} {seed}");
    }));
    let base = files();
    let (start, mut cases, mut accepted, mut views) = (Instant::now(), 0u64, 0u64, 0usize);
    let mut rng = Rng(seed);
    while start.elapsed() < Duration::from_secs(seconds) {
        let mut case = Rng(rng.next() | 1);
        let outcome = catch_unwind(AssertUnwindSafe(|| {
            let mut file = base[case.below(base.len())].clone();
            for _ in 0..1 + case.below(3) {
                edit(&mut case, &mut file);
            }
            let mut bytes = encode(&file);
            if case.below(3) == 0 {
                bytes = mangle(&mut case, bytes);
            }
            decode(&bytes).ok().map(render_all)
        }));
        cases += 1;
        match outcome {
            Ok(Some(n)) => {
                accepted += 1;
                views += n;
            }
            Ok(None) => {}
            Err(_) => std::process::exit(1),
        }
    }
    println!("fuzz_packs: {cases} pack files in {seconds} s, {accepted} accepted by the check and rendered ({views} views), 0 panics (seed {seed})");
}
