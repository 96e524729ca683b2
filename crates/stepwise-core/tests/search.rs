//! Search on a real page (the fixture copy of the Huawei pack, `tests/fixtures/content/billing`), in both languages.

use std::path::Path;

use stepwise_core::import::import_dir;
use stepwise_core::model::Pack;
use stepwise_core::search::{search, Hit};

fn billing() -> Pack {
    import_dir(Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/content/billing"))).unwrap().pack
}

fn slugs(hits: &[Hit]) -> Vec<&str> {
    hits.iter().map(|h| h.slug.as_str()).collect()
}

#[test]
fn titles_in_either_language() {
    let pack = billing();
    assert_eq!(slugs(&search(&pack, "zh-CN", "发票")), ["invoice"]);
    assert_eq!(slugs(&search(&pack, "zh-CN", "invoice")), ["invoice"]);
    assert_eq!(slugs(&search(&pack, "en", "INVOICE")), ["invoice"]);
    assert_eq!(slugs(&search(&pack, "en", "ｉｎｖｏｉｃｅ")), ["invoice"]);
    // A topic title finds its procedures.
    assert_eq!(slugs(&search(&pack, "zh-CN", "退订")), ["unsubscribe-image", "unsubscribe-service"]);
}

#[test]
fn step_text_links_to_the_step() {
    let pack = billing();
    let hits = search(&pack, "zh-CN", "我的云市场");
    assert_eq!(slugs(&hits), ["review", "service-supervision"]);
    assert_eq!(hits[0].step, Some(2));
    assert_eq!(hits[1].step, Some(2));
    let hits = search(&pack, "en", "contract scenario");
    assert_eq!(hits, [Hit { slug: "e-contract".into(), step: Some(4) }]);
    // Title matches come before step matches.
    let hits = search(&pack, "en", "order");
    assert_eq!(hits[0].slug, "order-number");
    assert!(slugs(&hits).contains(&"e-contract"), "{hits:?}");
}

#[test]
fn nothing_for_nothing() {
    let pack = billing();
    assert!(search(&pack, "en", "").is_empty());
    assert!(search(&pack, "en", "   ").is_empty());
    assert!(search(&pack, "en", "kubernetes").is_empty());
    assert!(search(&pack, "en", "invoice kubernetes").is_empty());
}

#[test]
fn titles_that_start_with_the_query_come_first() {
    let pack = billing();
    // In page order "Unsubscribe service" comes first; "Service supervision" starts with it.
    let found = search(&pack, "en", "service");
    let hits = slugs(&found);
    assert_eq!(hits[..2], ["service-supervision", "unsubscribe-service"], "{hits:?}");
}

#[test]
fn one_index_answers_every_query_as_a_fresh_search_does() {
    let pack = billing();
    let index = stepwise_core::search::SearchIndex::new(&pack, "zh-CN");
    for q in ["发票", "invoice", "订单 order", "我的云市场", "x", "", "退订", "contract scenario", "ＩＮＶＯＩＣＥ"] {
        assert_eq!(index.search(q), search(&pack, "zh-CN", q), "{q}");
    }
}
