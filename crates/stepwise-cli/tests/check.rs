//! `stepwise-cli check` as a seller runs it.

use std::process::Command;

fn run(args: &[&str]) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_stepwise-cli")).args(args).output().unwrap();
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
fn refuses_a_broken_pack_with_every_place() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/broken-content/broken");
    let (ok, _, err) = run(&["check", dir]);
    assert!(!ok);
    assert!(err.contains("zh-CN.md:9: error: a screenshot before the first step"), "{err}");
    assert!(err.contains("zh-CN.md:13: error: a heading below ###"), "{err}");
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
fn prints_the_protocol_with_each_packs_locales_and_labels() {
    let (ok, out, err) = run(&["protocol"]);
    assert!(ok, "{err}");
    assert_eq!(out.trim(), stepwise_core::protocol::to_json());
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../content");
    let (ok, out, err) = run(&["protocol", dir]);
    assert!(ok, "{err}");
    assert!(out.trim().starts_with(&stepwise_core::protocol::to_json()[..20]), "{out}");
    assert!(out.contains(r#""packs":{"huaweicloud":{"default":"zh-CN","locales":{"zh-CN":{"label":"帮助","dir":"ltr"},"en":{"label":"Help","dir":"ltr"}}}}"#), "{out}");
    let (ok, _, err) = run(&["protocol", "/no/such/folder"]);
    assert!(!ok && err.contains("/no/such/folder"), "{err}");
}
