//! `stepwise-cli check` as a seller runs it.

use std::process::Command;

/// Runs the CLI on a fixed today (the freshness checks count from it), as `STEPWISE_TODAY` sets.
fn run(args: &[&str]) -> (bool, String, String) {
    run_on("2026-12-07", args)
}

fn run_on(today: &str, args: &[&str]) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_stepwise-cli")).args(args).env("STEPWISE_TODAY", today).output().unwrap();
    (out.status.success(), String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned())
}

#[test]
fn reports_what_the_pack_holds() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../content/huaweicloud");
    let (ok, out, _) = run(&["check", dir]);
    assert!(ok, "{out}");
    assert!(out.contains("zh-CN: 7 topics, 8 procedures, 27 steps, 13 screenshots, 3 links"), "{out}");
    assert!(out.contains("en: 7 topics, 8 procedures, 27 steps, 13 screenshots, 3 links"), "{out}");
    assert!(out.contains("invoice                4 steps, 2 screenshots  发票 / 发票"), "{out}");
    assert!(out.contains("locales agree in structure"), "{out}");
    assert!(out.trim_end().ends_with("checked 1 pack: 1 accepted, 0 refused; 0 warnings, 0 errors"), "{out}");
}

#[test]
fn lists_the_refund_rules_and_warns_when_one_was_checked_too_long_ago() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../content/huaweicloud");
    let (_, out, _) = run(&["check", dir]);
    assert!(out.contains("  refund rule image            rules/huawei-marketplace.toml, verified 2026-12-07  (https://support.huaweicloud.com/usermanual-billing/zh-cn_topic_0072297197.html)"), "{out}");
    assert!(out.contains("  refund rule service          rules/huawei-marketplace.toml, verified 2026-12-07  (https://support.huaweicloud.com/intl/en-us/sp-marketplace/en-us_sp_topic_0000099.html)"), "{out}");
    // A year and a day later: a warning per rule, with the file and line to update.
    let (ok, out, _) = run_on("2027-12-08", &["check", dir]);
    assert!(ok, "a warning, not a refusal: {out}");
    assert!(out.contains("  rules/huawei-marketplace.toml:9: warning: rule \"image\" was last verified on 2026-12-07, over 12 months ago: check it at https://support.huaweicloud.com/usermanual-billing/zh-cn_topic_0072297197.html, then update verified"), "{out}");
    assert!(out.contains("rule \"service\" was last verified on 2026-12-07"), "{out}");
    assert!(out.trim_end().ends_with("2 warnings, 0 errors"), "{out}");
    let (_, out, _) = run_on("2027-12-07", &["check", dir]);
    assert!(out.trim_end().ends_with("0 warnings, 0 errors"), "{out}");
}

#[test]
fn prints_notes_and_warnings_under_each_locale() {
    let aliyun = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/packs/aliyun");
    let no_refund = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/content/no-refund");
    let (ok, out, _) = run(&["check", aliyun, no_refund]);
    assert!(ok, "{out}");
    let zh = out.find("  zh-CN: 7 topics, 4 procedures, 11 steps, 2 screenshots, 4 links, 3 notes").unwrap_or_else(|| panic!("{out}"));
    let en = out.find("  en: 7 topics, 4 procedures, 11 steps, 2 screenshots, 4 links, 3 notes").unwrap_or_else(|| panic!("{out}"));
    let zh_part = &out[zh..en];
    assert!(zh_part.contains("(note)                 note on 评价: 目前阿里云暂不支持对镜像评价。"), "{zh_part}");
    assert!(zh_part.contains("3 warnings in zh-CN.md:"), "{zh_part}");
    // In line order, under their locale.
    let lines: Vec<usize> = ["zh-CN.md:16: warning", "zh-CN.md:56: warning", "zh-CN.md:60: warning"].iter().map(|w| zh_part.find(w).unwrap_or_else(|| panic!("{w}: {zh_part}"))).collect();
    assert!(lines.windows(2).all(|w| w[0] < w[1]), "{zh_part}");
    assert!(out[en..].contains("en.md:60: warning: a heading needs a space"), "{out}");
    assert!(out.contains("no [refund] in pack.toml: no refund checker"), "{out}");
    assert!(out.trim_end().ends_with("checked 2 packs: 2 accepted, 0 refused; 6 warnings, 0 errors"), "{out}");
}

#[test]
fn refuses_a_broken_pack_with_every_place() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/broken-content/broken");
    let (ok, _, err) = run(&["check", dir]);
    assert!(!ok);
    assert!(err.contains("en.md:3: error: not UTF-8 (byte 0xB6): save the page as UTF-8"), "{err}");
    let (_, out, _) = run(&["check", dir]);
    assert!(out.contains("checked 1 pack: 0 accepted, 1 refused;"), "{out}");
}

#[test]
fn explains_its_usage() {
    let (ok, _, err) = run(&[]);
    assert!(!ok);
    assert!(err.contains("usage: stepwise-cli check"), "{err}");
}

#[test]
fn prints_the_protocol_as_json_and_as_a_module() {
    let (ok, out, err) = run(&["protocol"]);
    assert!(ok, "{err}");
    assert_eq!(out.trim(), serde_json::to_string(&stepwise_core::protocol::Protocol::new()).unwrap());
    let dir = scratch("protocol-modules");
    let (ok, _, err) = run(&["protocol", "--js", dir.to_str().unwrap()]);
    assert!(ok, "{err}");
    let read = |f: &str| std::fs::read_to_string(dir.join(f)).unwrap();
    assert!(read("attributes.js").contains("export const zIndex = \"z-index\";\n"));
    assert!(read("events.js").contains("export const refundCheck = \"refund-check\";\n"));
    assert!(read("attributes.js").contains("export const ALL = [pack, locale, position, zIndex, "), "{}", read("attributes.js"));
    assert!(read("protocol.js").contains("export const launcher = [{\"locale\":\"zh-CN\",\"label\":\"帮助\",\"dir\":\"ltr\"},"));
    // Every group is a module, or an export of protocol.js.
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    for (key, group) in json.as_object().unwrap() {
        let module = dir.join(format!("{key}.js"));
        assert!(module.exists() || read("protocol.js").contains(&format!("export const {key} = {group};")), "{key}");
    }
    let (ok, _, err) = run(&["protocol", "/no/such/folder"]);
    assert!(!ok && err.contains("usage"), "{err}");
}

/// A fresh, empty folder under the system's temporary one.
fn scratch(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("stepwise-cli-test-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn pack_files(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir).unwrap().flatten().map(|e| e.file_name().to_string_lossy().into_owned()).filter(|n| n.ends_with(".swpk")).collect();
    names.sort();
    names
}

#[test]
fn builds_one_file_per_locale_named_by_its_content_and_an_index() {
    use stepwise_core::packfile::{decode, FORMAT};
    let pack = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/content/no-refund");
    let out = scratch("build");
    let (ok, stdout, err) = run(&["build", pack, "--out", out.to_str().unwrap()]);
    assert!(ok, "{stdout}{err}");
    let files = pack_files(&out);
    assert_eq!(files.len(), 1, "{files:?}");
    assert!(files[0].starts_with("no-refund.en.") && files[0].len() == "no-refund.en.".len() + 16 + 5, "{files:?}");
    // The file holds the pack as the importer reads it.
    let file = decode(&std::fs::read(out.join(&files[0])).unwrap()).unwrap();
    let imported = stepwise_core::import::import_dir(std::path::Path::new(pack)).unwrap().pack;
    assert_eq!(file.pack, imported.info);
    let mut want = imported.locales[0].clone();
    for t in want.topics.iter_mut() {
        for p in t.procedures.iter_mut() {
            p.line = 0;
        }
    }
    assert_eq!(file.content, want);
    // The index names the file, with the launcher's label and the page title.
    let index = std::fs::read_to_string(out.join("index.json")).unwrap();
    assert_eq!(
        index.trim(),
        format!(r#"{{"format":{FORMAT},"packs":{{"no-refund":{{"default":"en","locales":{{"en":{{"label":"Help","dir":"ltr","title":"Help","file":"{}"}}}}}}}}}}"#, files[0])
    );
    // The same content gives the same name; changed text gives a new one, and the old goes.
    let (ok, _, _) = run(&["build", pack, "--out", out.to_str().unwrap()]);
    assert!(ok);
    assert_eq!(pack_files(&out), files);
    // The pack id is the folder's name: the edited copy lives in a folder of the same name.
    let same_id = scratch("edited").join("no-refund");
    std::fs::create_dir_all(&same_id).unwrap();
    for f in ["pack.toml", "en.md"] {
        let text = std::fs::read_to_string(std::path::Path::new(pack).join(f)).unwrap();
        std::fs::write(same_id.join(f), text.replace("Copy the first column", "Copy the order number")).unwrap();
    }
    let (ok, _, err) = run(&["build", same_id.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert!(ok, "{err}");
    let after = pack_files(&out);
    assert_eq!(after.len(), 1, "the earlier build's file is gone: {after:?}");
    assert_ne!(after, files, "new content, new name");
}

#[test]
fn build_refuses_a_broken_pack_and_writes_nothing() {
    let broken = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/broken-content/broken");
    let out = scratch("broken");
    let (ok, _, err) = run(&["build", broken, "--out", out.to_str().unwrap()]);
    assert!(!ok);
    assert!(err.contains("en.md:3: error: not UTF-8"), "{err}");
    assert!(std::fs::read_dir(&out).unwrap().next().is_none(), "nothing written");
    let (ok, _, err) = run(&["build", broken]);
    assert!(!ok && err.contains("usage:"), "{err}");
}

#[test]
fn check_json_prints_each_packs_outline_for_a_sellers_ci() {
    let calendar = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/content/calendar");
    let broken = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/broken-content/broken");
    let (ok, out, _) = run(&["check", "--json", calendar]);
    assert!(ok, "{out}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 1, "one object a pack: {out}");
    let json: serde_json::Value = serde_json::from_str(lines[0]).unwrap();
    assert_eq!((json["pack"].as_str(), json["accepted"].as_bool()), (Some("calendar"), Some(true)));
    let en = &json["locales"][0];
    assert_eq!(en["locale"], "en");
    let step3 = &en["topics"][0]["procedures"][0]["steps"][2];
    assert_eq!(step3["details"][0], serde_json::json!({"kind": "callout", "callout": "tip", "title": "Refund time", "folded": false, "body": [{"kind": "paragraph", "text": "A card refund takes up to 5 working days."}]}));
    let refunds = &en["topics"][1];
    assert_eq!(refunds["notes"][1]["kind"], "tabs");
    assert_eq!(refunds["notes"][1]["tabs"][1]["label"], "Balance");
    assert_eq!(refunds["statements"].as_array().map(Vec::len), Some(2));
    // A refused pack: its problems, no locales, exit status 1; the next pack is still printed.
    let (ok, out, _) = run(&["check", "--json", broken, calendar]);
    assert!(!ok);
    let first: serde_json::Value = serde_json::from_str(out.lines().next().unwrap()).unwrap();
    assert_eq!(first["accepted"], false);
    assert_eq!(first["locales"].as_array().map(Vec::len), Some(0));
    assert_eq!(first["problems"][0]["severity"], "error");
    assert_eq!(first["problems"][0]["line"], 3);
    assert_eq!(out.lines().count(), 2);
}

#[test]
fn warns_when_the_screenshots_are_older_than_the_pack_allows() {
    let dir = std::env::temp_dir().join(format!("stepwise-captured-{}", std::process::id()));
    let pack = dir.join("old");
    std::fs::create_dir_all(&pack).unwrap();
    let manifest = "locales = [\"en\"]\ndefault_locale = \"en\"\ndocs_base = \"https://docs.test/\"\ncaptured = 2022-11-24\n";
    std::fs::write(pack.join("pack.toml"), manifest).unwrap();
    std::fs::write(pack.join("en.md"), "# Orders\n\n## Invoice\n\n1. Open **Billing**.\n").unwrap();
    let check = |today: &str| {
        let out = Command::new(env!("CARGO_BIN_EXE_stepwise-cli")).args(["check", pack.to_str().unwrap()]).env("STEPWISE_TODAY", today).output().unwrap();
        (out.status.success(), String::from_utf8_lossy(&out.stdout).into_owned())
    };
    let (ok, out) = check("2026-12-07");
    assert!(ok, "a warning, not a refusal: {out}");
    assert!(out.contains("pack.toml:4: warning: the screenshots were captured on 2022-11-24, over 18 months ago"), "{out}");
    assert!(out.trim_end().ends_with("1 warning, 0 errors"), "{out}");
    let (_, out) = check("2023-01-01");
    assert!(out.trim_end().ends_with("0 warnings, 0 errors"), "{out}");
    std::fs::remove_dir_all(&dir).unwrap();
}
