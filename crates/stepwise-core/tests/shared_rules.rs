//! The rules the JS applies too (js/shared/), checked on the cases of
//! tests/fixtures/shared-rules.json, which tests/js/shared-rules.test.mjs checks the JS on: the
//! two languages cannot drift apart without one of the two failing.

use serde_json::Value;
use stepwise_core::model::negotiate;
use stepwise_core::pack_index::PackIndex;
use stepwise_core::protocol::StorageKey;
use stepwise_core::route::{landing_page, panel_fragment, Route, View};
use stepwise_core::text::http_url;

fn cases(group: &str) -> Vec<Value> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/shared-rules.json");
    let table: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    table[group].as_array().unwrap_or_else(|| panic!("no {group} in the table")).clone()
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array().unwrap().iter().map(|s| s.as_str().unwrap().to_owned()).collect()
}

fn text(v: &Value) -> Option<&str> {
    v.as_str()
}

#[test]
fn locale_negotiation() {
    for case in cases("negotiate") {
        let available = strings(&case["available"]);
        let got = negotiate(&available, &strings(&case["wanted"]), case["fallback"].as_str().unwrap());
        assert_eq!(got, case["expected"].as_str().unwrap(), "{case}");
    }
}

#[test]
fn routes_from_hashes_and_their_pages() {
    for case in cases("routes") {
        let route = Route::parse(case["hash"].as_str().unwrap());
        assert_eq!(route.locale.as_deref(), text(&case["locale"]), "{case}");
        let view = &case["view"];
        let expected = if view["list"] == true {
            View::List
        } else if view["checker"] == true {
            View::Checker
        } else {
            View::Procedure { slug: view["slug"].as_str().unwrap().into(), step: view["step"].as_u64().unwrap() as usize }
        };
        assert_eq!(route.view, expected, "{case}");
        assert_eq!(route.to_hash(), case["canonical"].as_str().unwrap(), "{case}");
        assert_eq!(landing_page("billing", &route).as_deref(), text(&case["landing"]), "{case}");
    }
    for case in cases("panelFiles") {
        let got = panel_fragment(case["pack"].as_str().unwrap(), case["locale"].as_str().unwrap());
        assert_eq!(got.as_deref(), text(&case["expected"]), "{case}");
    }
}

#[test]
fn storage_keys() {
    for case in cases("storageKeys") {
        let what = match case["what"].as_str().unwrap() {
            "locale" => StorageKey::Locale,
            "lastStep" => StorageKey::LastStep,
            other => panic!("no storage key {other}"),
        };
        assert_eq!(what.for_pack(case["pack"].as_str().unwrap()), case["expected"].as_str().unwrap(), "{case}");
    }
}

#[test]
fn a_sellers_index_url() {
    for case in cases("sellersUrls") {
        assert_eq!(http_url(case["value"].as_str().unwrap()).is_some(), case["accepted"].as_bool().unwrap(), "{case}");
    }
}

#[test]
fn the_pack_file_read_first() {
    for group in cases("packChoice") {
        let json = group["index"].to_string();
        let index: PackIndex = serde_json::from_str(&json).unwrap();
        let checked = index.clone().checked();
        for case in group["cases"].as_array().unwrap() {
            let expected = &case["expected"];
            let Ok(index) = &checked else {
                assert!(expected.is_null(), "{case}: the index is refused");
                continue;
            };
            let (pack, entry) = index.pack(case["pack"].as_str()).unwrap();
            let locale = entry.negotiate(&strings(&case["wanted"]));
            let got = serde_json::json!({ "pack": pack, "locale": locale, "file": entry.file(locale).unwrap() });
            assert_eq!(&got, expected, "{case}");
        }
    }
}
