//! `stepwise-cli check <pack dir>…`: reads a content pack the way the build does and prints
//! what it found, or every problem with `file:line`. Exit status 1 when a pack is refused.
//! With `--json`, prints each pack's outline instead (`stepwise_core::import::outline`), one
//! JSON object a line: for a seller's CI.
//!
//! `stepwise-cli build <pack dir>… --out <dir>`: writes each locale of each pack as a pack file
//! (`<pack>.<locale>.<content hash>.swpk`, see `stepwise_core::packfile`) and `index.json`,
//! which names them: what the app fetches, and what a seller uploads.
//!
//! `stepwise-cli protocol [--js <dir>]`: prints every name the JS files share with the app
//! (`stepwise_core::protocol::Protocol`) as JSON, or with `--js` writes them into `<dir>` as
//! the ES modules the JS imports (`js/generated/`, written by the build).

use std::path::Path;
use std::process::ExitCode;

use stepwise_core::civil::Date;
use stepwise_core::import::{import_dir, Imported, DIFFER};
use stepwise_core::model::{Block, LocaleContent, Span};

const USAGE: &str = "usage: stepwise-cli check <pack directory>…   (for example: stepwise-cli check content/huaweicloud)
       stepwise-cli check --json <pack directory>…   (what each pack was read as, a JSON object a line)
       stepwise-cli build <pack directory>… --out <directory>
       stepwise-cli protocol [--js <directory>]";

fn main() -> ExitCode {
    // Rust ignores SIGPIPE, so printing into a closed pipe (`… | head`) would panic; a Unix
    // tool ends quietly instead.
    #[cfg(unix)]
    // SAFETY: setting a signal's disposition to its default, before any other thread exists.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.split_first() {
        Some((cmd, rest)) if cmd == "check" && rest.first().is_some_and(|a| a == "--json") && rest.len() > 1 => {
            // One JSON object a pack, a line each (one pack: one object).
            let mut refused = false;
            for dir in &rest[1..] {
                let dir = Path::new(dir);
                let id = dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                let result = import_dir(dir);
                refused |= result.is_err();
                let outline = stepwise_core::import::outline::Outline::new(&id, &result);
                println!("{}", serde_json::to_string(&outline).expect("an outline always serializes"));
            }
            if refused { ExitCode::FAILURE } else { ExitCode::SUCCESS }
        }
        Some((cmd, dirs)) if cmd == "check" && !dirs.is_empty() => {
            let mut tally = Tally::default();
            for dir in dirs {
                check(Path::new(dir), &mut tally);
            }
            println!(
                "checked {} pack{}: {} accepted, {} refused; {} warning{}, {} error{}",
                dirs.len(),
                if dirs.len() == 1 { "" } else { "s" },
                tally.accepted,
                tally.refused,
                tally.warnings,
                if tally.warnings == 1 { "" } else { "s" },
                tally.errors,
                if tally.errors == 1 { "" } else { "s" }
            );
            if tally.refused == 0 { ExitCode::SUCCESS } else { ExitCode::FAILURE }
        }
        Some((cmd, rest)) if cmd == "build" => {
            let out = rest.iter().position(|a| a == "--out").and_then(|i| rest.get(i + 1));
            let dirs: Vec<&String> = rest.iter().enumerate().filter(|(i, a)| *a != "--out" && rest.get(i.wrapping_sub(1)).is_none_or(|p| p != "--out")).map(|(_, a)| a).collect();
            match (out, dirs.is_empty()) {
                (Some(out), false) => done(build(&dirs, Path::new(out))),
                _ => {
                    eprintln!("{USAGE}");
                    ExitCode::from(2)
                }
            }
        }
        Some((cmd, rest)) if cmd == "protocol" && rest.is_empty() => {
            println!("{}", serde_json::to_string(&stepwise_core::protocol::Protocol::new()).expect("the protocol always serializes"));
            ExitCode::SUCCESS
        }
        Some((cmd, rest)) if cmd == "protocol" && rest.len() == 2 && rest[0] == "--js" => done(write_protocol_modules(Path::new(&rest[1]))),
        _ => {
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
    }
}

/// The exit status of a command that has printed its result, or prints its error.
fn done(result: Result<(), String>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}

/// What the checked packs came to, for the summary line.
#[derive(Default)]
struct Tally {
    accepted: usize,
    refused: usize,
    warnings: usize,
    errors: usize,
}

/// Today's date in UTC, for the freshness checks; `STEPWISE_TODAY=2026-12-07` sets it (tests).
fn today() -> Date {
    if let Some(date) = std::env::var("STEPWISE_TODAY").ok().and_then(|t| Date::parse(&t)) {
        return date;
    }
    let seconds = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64);
    Date::from_days(seconds.div_euclid(86_400))
}

fn check(dir: &Path, tally: &mut Tally) {
    match import_dir(dir) {
        Ok(Imported { pack, mut warnings, manifest }) => {
            warnings.extend(manifest.stale_screenshots(today()));
            warnings.extend(manifest.stale_rules(today()));
            tally.accepted += 1;
            tally.warnings += warnings.len();
            println!("pack {} ({}): OK", pack.id, dir.display());
            if pack.refund.is_none() {
                println!("  no [refund] in pack.toml: no refund checker");
            }
            for set in manifest.refund.iter().flat_map(|r| &r.rule_sets) {
                for rule in &set.rules {
                    println!("  refund rule {:<16} {}, verified {}  ({})", rule.id, set.file, rule.verified, rule.source);
                }
            }
            let mut shown = vec![false; warnings.len()];
            for l in pack.locales.iter() {
                println!("  {}", summary(l));
                if !l.intro.is_empty() {
                    println!("    {:<22} {}", "(intro)", excerpt(&l.intro));
                }
                for topic in l.topics.iter() {
                    for p in topic.procedures.iter() {
                        let shots: usize = p.steps.iter().map(|s| s.screenshots.len()).sum();
                        println!("    {:<22} {} steps, {} screenshots  {} / {}", p.slug, p.steps.len(), shots, topic.title, p.title);
                    }
                    if !topic.notes.is_empty() {
                        println!("    {:<22} note on {}: {}", "(note)", topic.title, excerpt(&topic.notes));
                    }
                }
                // This locale's warnings, under it.
                let file = format!("{}.md", l.locale);
                let mut mine: Vec<&stepwise_core::import::Problem> = Vec::new();
                for (w, shown) in warnings.iter().zip(shown.iter_mut()) {
                    if !*shown && Path::new(&w.file).file_name().is_some_and(|n| n.to_string_lossy() == file) {
                        mine.push(w);
                        *shown = true;
                    }
                }
                mine.sort_by_key(|w| w.line);
                if !mine.is_empty() {
                    println!("    {} warning{} in {file}:", mine.len(), if mine.len() == 1 { "" } else { "s" });
                }
                for w in mine {
                    println!("    {w}");
                }
            }
            if !warnings.iter().any(|w| w.message.starts_with(DIFFER)) {
                println!("  locales agree in structure");
            }
            for (w, shown) in warnings.iter().zip(&shown) {
                if !shown {
                    println!("  {w}");
                }
            }
        }
        Err(problems) => {
            tally.refused += 1;
            tally.errors += problems.iter().filter(|p| p.is_error).count();
            tally.warnings += problems.iter().filter(|p| !p.is_error).count();
            eprintln!("pack {}: refused", dir.display());
            for p in &problems {
                eprintln!("{p}");
            }
        }
    }
}

/// The first words of some blocks, on one line.
fn excerpt(blocks: &[Block]) -> String {
    let mut text = String::new();
    for b in blocks {
        if !text.is_empty() {
            text.push(' ');
        }
        b.plain(&mut text);
    }
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match text.char_indices().nth(60) {
        Some((i, _)) => format!("{}…", &text[..i]),
        None => text,
    }
}

fn summary(l: &LocaleContent) -> String {
    let procedures = l.procedures().count();
    let steps: usize = l.procedures().map(|(_, p)| p.steps.len()).sum();
    let screenshots: usize = l.procedures().flat_map(|(_, p)| p.steps.iter()).map(|s| s.screenshots.len()).sum();
    let notes = l.topics.iter().filter(|t| !t.notes.is_empty()).count();
    let blocks = l
        .intro
        .iter()
        .chain(l.topics.iter().flat_map(|t| t.notes.iter()))
        .chain(l.procedures().flat_map(|(_, p)| p.intro.iter().chain(p.outro.iter()).chain(p.steps.iter().flat_map(|s| s.details.iter()))));
    let paragraphs = blocks
        .flat_map(|b| b.paragraphs())
        .chain(l.topics.iter().flat_map(|t| t.statements.iter()))
        .chain(l.procedures().flat_map(|(_, p)| p.steps.iter().map(|s| &s.text)));
    let links = paragraphs.flat_map(|p| p.iter()).filter(|s| matches!(s, Span::Link { .. })).count();
    format!("{}: {} topics, {procedures} procedures, {steps} steps, {screenshots} screenshots, {links} links, {notes} notes", l.locale, l.topics.len())
}

/// Imports each pack and writes its pack files and `index.json` to `out`. Files of an earlier
/// build of the same pack and locale are removed; nothing is written for a refused pack.
fn build(dirs: &[&String], out: &Path) -> Result<(), String> {
    use stepwise_core::pack_index::{IndexedLocale, IndexedPack, PackIndex};
    use stepwise_core::packfile::{content_hash, encode, LocaleFile, FORMAT};
    let mut packs = Vec::new();
    let mut refused = Vec::new();
    for dir in dirs {
        match import_dir(Path::new(dir)) {
            Ok(imported) => packs.push(imported.pack),
            Err(problems) => refused.push(format!("pack {dir}: refused\n{}", problems.iter().map(|p| p.to_string()).collect::<Vec<_>>().join("\n"))),
        }
    }
    if !refused.is_empty() {
        return Err(refused.join("\n"));
    }
    std::fs::create_dir_all(out).map_err(|e| format!("{}: {e}", out.display()))?;
    let mut packs_in_index = Vec::new();
    for pack in &packs {
        let info = &pack.info;
        let mut files = Vec::new();
        for content in pack.locales.iter() {
            let bytes = encode(&LocaleFile { pack: info.clone(), content: content.clone() });
            let prefix = format!("{}.{}.", pack.id, content.locale);
            let name = format!("{prefix}{}.swpk", content_hash(&bytes));
            std::fs::write(out.join(&name), &bytes).map_err(|e| format!("{name}: {e}"))?;
            remove_stale(out, &prefix, &name)?;
            println!("wrote {} ({} B)", out.join(&name).display(), bytes.len());
            let (label, dir) = (stepwise_core::i18n::messages(&content.locale).panel_title, stepwise_core::i18n::direction(&content.locale));
            files.push((content.locale.clone(), IndexedLocale { label: label.into(), dir: dir.into(), title: content.title.clone(), file: name }));
        }
        packs_in_index.push((pack.id.clone(), IndexedPack { default_locale: pack.default_locale.clone(), locales: files }));
    }
    let index = PackIndex { format: FORMAT, packs: packs_in_index };
    let json = serde_json::to_string(&index).expect("an index always serializes") + "\n";
    std::fs::write(out.join("index.json"), json).map_err(|e| format!("index.json: {e}"))?;
    let binary = stepwise_core::protocol::BINARY_INDEX;
    std::fs::write(out.join(binary), stepwise_core::pack_index::encode_index(&index)).map_err(|e| format!("{binary}: {e}"))?;
    println!("wrote {} ({} pack{})", out.join("index.json").display(), packs.len(), if packs.len() == 1 { "" } else { "s" });
    Ok(())
}

/// Removes `<prefix>*.swpk` files other than `keep` (an earlier build's).
fn remove_stale(out: &Path, prefix: &str, keep: &str) -> Result<(), String> {
    for entry in std::fs::read_dir(out).map_err(|e| format!("{}: {e}", out.display()))?.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let rest = name.strip_prefix(prefix).unwrap_or("");
        // `<hash>.swpk` exactly: `zh` must not take `zh-CN`'s files.
        if name != keep && rest.len() == 16 + 5 && rest.ends_with(".swpk") && rest[..16].chars().all(|c| c.is_ascii_hexdigit()) {
            std::fs::remove_file(entry.path()).map_err(|e| format!("{name}: {e}"))?;
        }
    }
    Ok(())
}


/// The protocol as ES modules in `dir`, for the JS to import and a bundler to resolve: each
/// group of names a module of its own, one export a name (`attributes.js`: `export const
/// zIndex = "z-index";`, and `ALL`, the names in order), so that a bundler keeps in each file
/// only the names it uses (`import * as attributes from './attributes.js'`); the other values
/// in `protocol.js`.
fn write_protocol_modules(dir: &Path) -> Result<(), String> {
    const HEAD: &str = "// Written by `stepwise-cli protocol --js` from stepwise_core::protocol::Protocol: do not edit.\n";
    let value = serde_json::to_value(stepwise_core::protocol::Protocol::new()).expect("the protocol always serializes");
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut rest = String::from(HEAD);
    for (key, group) in value.as_object().expect("the protocol is an object") {
        match group.as_object().filter(|names| names.values().all(|v| v.is_string())) {
            Some(names) => {
                let mut exports: String = names.iter().map(|(name, v)| format!("export const {name} = {v};\n")).collect();
                // A namespace object lists its names sorted: this keeps the protocol's order.
                exports += &format!("/** Every name above, in the protocol's order. */\nexport const ALL = [{}];\n", names.keys().cloned().collect::<Vec<_>>().join(", "));
                let file = dir.join(format!("{key}.js"));
                std::fs::write(&file, format!("{HEAD}{exports}")).map_err(|e| format!("{}: {e}", file.display()))?;
            }
            None => rest += &format!("export const {key} = {group};\n"),
        }
    }
    let file = dir.join("protocol.js");
    std::fs::write(&file, rest).map_err(|e| format!("{}: {e}", file.display()))
}
