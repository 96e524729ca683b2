//! A fuzz loop over every parser of what a buyer, a host page or a URL can hand the widget, on
//! stable Rust and with no dependency: the route parser (`#/…` hashes and `?pack=` queries), the
//! checker's input (typed times, both zones, every kind of rule), `embed::read` (the script
//! tag's `data-` attributes) and the URL and text guards. Random strings are made of the pieces
//! such inputs are made of, and each call runs with panics caught; invariants are checked too
//! (a route written back reads the same, a date shown reads back as itself, a normalised URL is
//! stable, isolated text is balanced). Exits 1 at the first failure, with a reproducing seed.
//!
//!   cargo run --release -p stepwise-core --example fuzz_inputs -- [seconds] [seed]
//!
//! `scripts/test.sh` runs it for 20 s (`FUZZ_INPUT_SECONDS` changes that).

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::{Duration, Instant};

use stepwise_core::civil::DateTime;
use stepwise_core::embed;
use stepwise_core::policy::{read_provisioned, DaysHoursMinutes, RefundPolicy, WindowBasis};
use stepwise_core::protocol::Attribute;
use stepwise_core::route::{pack_param, Route};
use stepwise_core::text::{http_url, isolate_bidi, is_bidi_control, resolve_href, slugify};

const PIECES: &[&str] = &[
    "#", "/", "#/", "zh-CN", "en", "invoice", "refund-checker", "2", "0", "-1", "99999999999999999999", "%", "%2F", "%E8%AE%A2",
    "%zz", "?", "&", "=", "pack=", "+", "..", ".", "2022", "-", "11", "24", " ", "T", ":", "14", "30", "30", "年", "月", "日",
    "时", "分", "秒", "Z", "+08:00", "UTC", "\t", "\n", "２０２２", "—", "/", "\\", "http://", "https://", "javascript:", "docs.example",
    "[::1]", "@", "\"", "'", "<", ">", "`", "\u{202e}", "\u{2066}", "\u{2069}", "\u{202c}", "\u{200b}", "\u{feff}", "é", "订单", "\0",
    "\u{10ffff}", "9", "1", "12", "60", "61", "23", "24", "29", "31", "02", "1970", "9999", "10000", "0000",
];

#[path = "support/rng.rs"]
mod rng;
use rng::Rng;

/// Random input text, made of the pieces real inputs are made of.
trait Text {
    fn text(&mut self) -> String;
}
impl Text for Rng {
    fn text(&mut self) -> String {
        self.pieces(PIECES, 16, 40, 2_000)
    }
}

/// One case: every target on strings from `rng`; `Err` names a broken invariant.
fn case(rng: &mut Rng) -> Result<(), String> {
    // Routes: any hash reads; a route written back reads the same.
    let hash = rng.text();
    let route = Route::parse(&hash);
    if Route::parse(&route.to_hash()) != route {
        return Err(format!("route {hash:?} -> {:?} does not read back", route.to_hash()));
    }
    let _ = pack_param(&rng.text());

    // The checker: any typed time, in either zone, against any rule a pack may declare.
    let typed = rng.text();
    let offset = rng.below(1_561) as i32 - 720;
    let now = (rng.next() % 8_000_000_000) as i64 - 1_000_000_000;
    if let Ok(dt) = DateTime::parse(&typed) {
        let shown = dt.to_string();
        if DateTime::parse(&shown) != Ok(dt) {
            return Err(format!("{typed:?} reads as {dt:?}, shown as {shown:?}, which does not read back"));
        }
        if DateTime::from_instant(dt.to_instant(offset), offset) != dt {
            return Err(format!("{dt:?} at offset {offset} does not survive the instant"));
        }
    }
    let basis = if rng.below(2) == 0 { WindowBasis::Hours } else { WindowBasis::CalendarDaysInclusive };
    let most = if basis == WindowBasis::Hours { 366 * 24 } else { 366 };
    let policy = RefundPolicy { window: 1 + rng.below(most) as u32, basis, offset_minutes: offset, yearly_quota: rng.below(100) as u32 };
    if let Ok(provisioned) = read_provisioned(&typed, |dt| dt.to_instant(offset), now) {
        let verdict = policy.check(provisioned, now).map_err(|e| format!("{typed:?}: {e:?}"))?;
        if verdict.eligible != (now < verdict.deadline) || verdict.remaining < 0 {
            return Err(format!("{typed:?} at {now}: {verdict:?}"));
        }
        let _ = DateTime::from_instant(verdict.deadline, offset).to_string();
        let _ = DaysHoursMinutes::from_seconds(verdict.remaining);
    }

    // The script tag's attributes, any values: read, with warnings, never a panic; URLs kept
    // only when they are URLs.
    let mut pairs: Vec<(Attribute, String)> = Vec::new();
    for &a in Attribute::ALL {
        if rng.below(2) == 0 {
            pairs.push((a, rng.text()));
        }
    }
    let (config, _warnings) = embed::read(&pairs);
    for url in [&config.docs_base, &config.pack_url].into_iter().flatten() {
        if http_url(url).as_deref() != Some(url.as_str()) {
            return Err(format!("embed kept {url:?}, which is not a normalised URL"));
        }
    }

    // URL and text guards.
    let s = rng.text();
    if let Some(url) = http_url(&s) {
        if http_url(&url).as_deref() != Some(url.as_str()) || url.chars().any(|c| c.is_whitespace() || is_bidi_control(c) || "\"<>".contains(c)) {
            return Err(format!("{s:?} normalised to {url:?}"));
        }
    }
    let _ = resolve_href(&rng.text(), &s);
    let isolated = isolate_bidi(&s);
    if isolated.chars().filter(|c| !is_bidi_control(*c)).ne(s.chars().filter(|c| !is_bidi_control(*c))) {
        return Err(format!("isolating {s:?} changed its text"));
    }
    let slug = slugify(&s);
    if slug.chars().any(|c| !(c.is_alphanumeric() || c == '-')) {
        return Err(format!("{s:?} slugified to {slug:?}"));
    }
    Ok(())
}

fn main() {
    let mut args = std::env::args().skip(1);
    let seconds: u64 = args.next().and_then(|s| s.parse().ok()).unwrap_or(20);
    let seed: u64 = args.next().and_then(|s| s.parse().ok()).unwrap_or(0x1234_5678_9abc_def1);
    std::panic::set_hook(Box::new(|_| {}));
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let mut runs = 0u64;
    while Instant::now() < deadline {
        let case_seed = seed.wrapping_add(runs.wrapping_mul(0x9e37_79b9_7f4a_7c15)) | 1;
        match catch_unwind(AssertUnwindSafe(|| case(&mut Rng(case_seed)))) {
            Ok(Ok(())) => {}
            Ok(Err(broken)) => {
                eprintln!("fuzz_inputs: input {runs} breaks an invariant: {broken}\n  reproduce with `case(&mut Rng({case_seed}))` in this file");
                std::process::exit(1);
            }
            Err(_) => {
                let _ = std::panic::take_hook();
                eprintln!("fuzz_inputs: PANIC on input {runs}; reproduce with `case(&mut Rng({case_seed}))` in this file");
                std::process::exit(1);
            }
        }
        runs += 1;
    }
    println!("fuzz_inputs: {runs} cases in {seconds} s (each: a route, a query, a typed time and a rule, the data- attributes, a URL and a text), 0 panics, 0 broken invariants");
}
