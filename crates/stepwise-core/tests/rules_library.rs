//! The rules library (`rules/*.toml`): every file read whole, and for each rule the example its
//! source gives (where it gives one), the last second in and the first second out, and a
//! question that flips the verdict. Then `[refund]` in a pack: the library by name, the pack's
//! own rules, and the messages, each with its line.

use stepwise_core::civil::{Date, DateTime};
use stepwise_core::import::rules::{library, parse_file, LIBRARY};
use stepwise_core::import::Manifest;
use stepwise_core::refund::{Decider, Outcome, Reply, Rule, StartEvent};

fn at(s: &str, offset: i32) -> i64 {
    DateTime::parse(s).unwrap().to_instant(offset)
}

fn rule(file: &str, id: &str) -> Rule {
    let set = library(file).unwrap_or_else(|e| panic!("{e}"));
    set.rules.into_iter().find(|r| r.id == id).unwrap_or_else(|| panic!("{file} has no rule {id}"))
}

/// The outcome at `now` for a start at `start` and these replies.
fn outcome(rule: &Rule, start: i64, replies: &[Option<Reply>], now: i64) -> Outcome {
    rule.evaluate(Some(start), replies, now).unwrap().outcome
}

/// The rule's deadline for a start at `start`, written in the platform's time.
fn deadline(rule: &Rule, start: i64) -> String {
    let w = rule.window.expect("a window");
    DateTime::from_instant(w.deadline(start), w.offset_minutes).to_string()
}

#[test]
fn every_file_of_rules_is_in_the_library_and_reads_whole() {
    let dir = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../rules"));
    let mut files: Vec<String> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    files.sort();
    let listed: Vec<String> = LIBRARY.iter().map(|(name, _)| format!("{name}.toml")).collect();
    assert_eq!(files, listed, "rules/ and import::rules::LIBRARY must list the same files");
    let mut rules = 0;
    for (name, _) in LIBRARY {
        let set = library(name).unwrap_or_else(|e| panic!("{e}"));
        // Every text a buyer reads, in both of the seed's locales; a source and a date.
        let locales = ["zh-CN".to_owned(), "en".to_owned()];
        assert_eq!(set.missing_translations(&locales), vec![], "{name}");
        for r in &set.rules {
            assert!(r.source.starts_with("https://"), "{name} {}: {}", r.id, r.source);
            assert!(r.verified >= Date::new(2026, 12, 7).unwrap(), "{name} {}", r.id);
            assert!(!r.covers.is_empty() && !r.start_label.is_empty(), "{name} {}", r.id);
            rules += 1;
        }
    }
    // The eight rows of issue 26's table, and Alibaba's services.
    assert!(rules >= 9, "{rules} rules");
}

#[test]
fn huawei_image_the_published_example() {
    let image = rule("huawei-marketplace", "image");
    assert_eq!((image.start, image.per_year), (StartEvent::Provisioning, 10));
    // "Provisioned 2022-11-24 14:30:30: refundable until 2022-11-29 14:30:30."
    let p = at("2022-11-24 14:30:30", 480);
    assert_eq!(deadline(&image, p), "2022-11-29 14:30:30");
    assert_eq!(outcome(&image, p, &[], at("2022-11-29 14:30:29", 480)), Outcome::Refund);
    assert_eq!(outcome(&image, p, &[], at("2022-11-29 14:30:30", 480)), Outcome::NoRefund);
}

#[test]
fn huawei_service_by_agreement_until_completed_and_never_once_invoiced() {
    let service = rule("huawei-marketplace", "service");
    assert_eq!((service.window, service.decider), (None, Decider::Seller));
    let p = at("2026-01-01 00:00:00", 480);
    let later = at("2026-12-01 00:00:00", 480);
    // Not completed, not invoiced: a refund is the seller's to agree, whenever it was ordered.
    assert_eq!(outcome(&service, p, &[Some(Reply::No), Some(Reply::No)], later), Outcome::ByAgreement);
    // Each question flips it.
    assert_eq!(outcome(&service, p, &[Some(Reply::Yes), Some(Reply::No)], later), Outcome::NoRefund);
    assert_eq!(outcome(&service, p, &[Some(Reply::No), Some(Reply::Yes)], later), Outcome::NoRefund);
    assert_eq!(outcome(&service, p, &[Some(Reply::No), None], later), Outcome::Incomplete);
    assert!(!service.policy.get("zh-CN").is_empty() && !service.policy.get("en").is_empty());
}

#[test]
fn tencent_five_calendar_days_counting_the_fifth() {
    let tencent = rule("tencent-cloud", "new-purchase");
    assert_eq!((tencent.start, tencent.per_product), (StartEvent::Delivery, 1));
    // Delivered late on 24 November: the 24th is day 1, the 28th day 5, closed at midnight.
    let d = at("2022-11-24 23:59:00", 480);
    assert_eq!(deadline(&tencent, d), "2022-11-29 00:00:00");
    assert_eq!(outcome(&tencent, d, &[], at("2022-11-28 23:59:59", 480)), Outcome::Refund);
    assert_eq!(outcome(&tencent, d, &[], at("2022-11-29 00:00:00", 480)), Outcome::NoRefund);
    // The platform's midnight, not the buyer's: 16:00 UTC is midnight in Beijing.
    assert_eq!(outcome(&tencent, d, &[], at("2022-11-28 15:59:59", 0)), Outcome::Refund);
    assert_eq!(outcome(&tencent, d, &[], at("2022-11-28 16:00:00", 0)), Outcome::NoRefund);
}

#[test]
fn alibaba_the_label_and_the_acceptance_decide() {
    let software = rule("alibaba-marketplace", "software");
    assert_eq!(software.start, StartEvent::Payment);
    let paid = at("2026-03-01 10:00:00", 480);
    assert_eq!(deadline(&software, paid), "2026-03-06 00:00:00");
    let labelled = [Some(Reply::Yes)];
    assert_eq!(outcome(&software, paid, &labelled, at("2026-03-05 23:59:59", 480)), Outcome::Refund);
    assert_eq!(outcome(&software, paid, &labelled, at("2026-03-06 00:00:00", 480)), Outcome::NoRefund);
    assert_eq!(outcome(&software, paid, &[Some(Reply::No)], paid), Outcome::NoRefund);

    let service = rule("alibaba-marketplace", "service");
    assert_eq!(service.window, None);
    let months_later = at("2026-09-01 10:00:00", 480);
    assert_eq!(outcome(&service, paid, &[Some(Reply::Yes), Some(Reply::No)], months_later), Outcome::Refund);
    assert_eq!(outcome(&service, paid, &[Some(Reply::Yes), Some(Reply::Yes)], months_later), Outcome::NoRefund);
}

#[test]
fn microsoft_72_hours_then_the_partner() {
    let saas = rule("microsoft-marketplace", "saas");
    let bought = at("2026-05-04 09:15:00", 0);
    assert_eq!(deadline(&saas, bought), "2026-05-07 09:15:00");
    assert_eq!(outcome(&saas, bought, &[], bought + 72 * 3600 - 1), Outcome::Refund);
    assert_eq!(outcome(&saas, bought, &[], bought + 72 * 3600), Outcome::SellersPolicy);
    assert_eq!(saas.exclusions.len(), 1, "metered charges");
}

#[test]
fn aws_48_hours_to_cancel_and_the_refund_always_the_sellers() {
    let contract = rule("aws-marketplace", "public-contract");
    let bought = at("2026-05-04 09:15:00", 0);
    assert_eq!(outcome(&contract, bought, &[], bought + 48 * 3600 - 1), Outcome::ByAgreement);
    assert_eq!(outcome(&contract, bought, &[], bought + 48 * 3600), Outcome::SellersPolicy);
    assert!(contract.policy.get("en").contains("refund policy on the product detail page"));
}

#[test]
fn google_play_48_hours() {
    let app = rule("google-play", "app");
    let bought = at("2026-05-04 23:30:00", 0);
    assert_eq!(deadline(&app, bought), "2026-05-06 23:30:00");
    assert_eq!(outcome(&app, bought, &[], bought + 48 * 3600 - 1), Outcome::Refund);
    assert_eq!(outcome(&app, bought, &[], bought + 48 * 3600), Outcome::SellersPolicy);
}

#[test]
fn steam_fourteen_days_and_under_two_hours_played_both() {
    let game = rule("steam", "game");
    let bought = at("2026-05-04 20:00:00", 0);
    let day_ten = bought + 10 * 86_400;
    let played = |hundredths| [Some(Reply::Number(hundredths))];
    assert_eq!(outcome(&game, bought, &played(199), day_ten), Outcome::Refund);
    // The number flips it: 2 hours is not under 2 hours.
    assert_eq!(outcome(&game, bought, &played(200), day_ten), Outcome::NoRefund);
    // And the days: the last second of the 14th day, then the first after.
    assert_eq!(outcome(&game, bought, &played(10), bought + 14 * 86_400 - 1), Outcome::Refund);
    assert_eq!(outcome(&game, bought, &played(10), bought + 14 * 86_400), Outcome::NoRefund);
    assert_eq!(outcome(&game, bought, &[None], day_ten), Outcome::Incomplete);
}

const PACK: &str = "locales = [\"zh-CN\", \"en\"]\ndefault_locale = \"zh-CN\"\ndocs_base = \"https://docs.test/\"\n";

fn manifest(refund: &str) -> Result<Manifest, Vec<String>> {
    Manifest::parse("pack.toml", &format!("{PACK}{refund}")).map_err(|p| p.iter().map(ToString::to_string).collect())
}

#[test]
fn a_pack_names_the_library_chooses_among_its_rules_or_writes_its_own() {
    let m = manifest("[refund]\nrules = \"huawei-marketplace\"\n").unwrap();
    let r = m.refund.unwrap();
    assert_eq!(r.rules().map(|r| r.id.as_str()).collect::<Vec<_>>(), ["image", "service"]);
    assert_eq!(r.policy.unwrap().window, 120, "the checker's rule is the first with a window");

    let m = manifest("[refund]\nrules = \"huawei-marketplace\"\nonly = [\"service\"]\n").unwrap();
    let r = m.refund.unwrap();
    assert_eq!(r.rules().map(|r| r.id.as_str()).collect::<Vec<_>>(), ["service"]);
    assert_eq!(r.policy, None);

    let own = "[refund]\nsource = \"https://seller.example/refunds\"\nverified = 2026-11-30\nutc_offset = \"+08:00\"\n\n[[refund.rule]]\nid = \"support-plan\"\nstart = \"payment\"\ndays = 7\n";
    let r = manifest(own).unwrap().refund.unwrap();
    let rule = r.rules().next().unwrap();
    assert_eq!((rule.id.as_str(), rule.verified.to_string(), rule.window.unwrap().length), ("support-plan", "2026-11-30".to_owned(), 7));
}

#[test]
fn every_mistake_is_named_with_its_line() {
    let errors = |refund: &str| manifest(refund).unwrap_err();
    assert_eq!(errors("[refund]\nrules = \"huawei\"\n"), ["pack.toml:5: error: rules = \"huawei\" names no file of the rules library; it has: alibaba-marketplace, aws-marketplace, google-play, huawei-marketplace, microsoft-marketplace, steam, tencent-cloud"]);
    assert_eq!(errors("[refund]\nrules = \"huawei-marketplace\"\nonly = [\"images\"]\n"), ["pack.toml:6: error: only names \"images\", which rules/huawei-marketplace.toml does not have; it has: image, service"]);
    assert_eq!(errors("[refund]\n"), ["pack.toml:4: error: [refund] gives no rule: name the library's (rules = \"huawei-marketplace\"; the files are in rules/) or write [[refund.rule]]"]);
    let own = |body: &str| format!("[refund]\nsource = \"https://s.example/\"\nverified = 2026-11-30\nutc_offset = \"+08:00\"\n[[refund.rule]]\nid = \"x\"\nstart = \"payment\"\n{body}");
    assert_eq!(errors(&own("hours = 0\n")), ["pack.toml:11: error: hours = 0: must be 1 to 8784 (at most 366 days)"]);
    assert_eq!(errors(&own("days = 5\nhours = 5\n")), ["pack.toml:11: error: hours = 5 and days = 5: a window is counted in one or the other"]);
    assert_eq!(errors(&own("days = 5\n[[refund.rule.question]]\ntext = \"?\"\nrefund_if = \"maybe\"\n")), ["pack.toml:14: error: refund_if = \"maybe\": expected \"yes\" or \"no\" (the answer that keeps the refund open)"]);
    assert_eq!(errors(&own("days = 5\n[[refund.rule.question]]\ntext = \"?\"\nbelow = 1.234\n")), ["pack.toml:14: error: 1.234: a limit is a number from 0 with at most two decimals"]);
    assert_eq!(errors(&own("days = 5\ndecided_by = \"nobody\"\notherwise = \"refund\"\n")), [
        "pack.toml:12: error: decided_by = \"nobody\": expected \"platform\" or \"seller\"",
        "pack.toml:13: error: otherwise = \"refund\": expected \"no-refund\" or \"sellers-policy\"",
    ]);
    assert_eq!(errors(&own("decided_by = \"seller\"\n")), ["pack.toml:8: error: rule \"x\" leaves the refund to the seller: say how in policy = { en = \"…\" } (the buyer reads it as is)"]);
    assert_eq!(errors(&own("")), ["pack.toml:8: error: rule \"x\" has no window, no question and leaves nothing to the seller: it would promise every buyer a refund"]);
    assert_eq!(errors(&own("start = \"sale\"\n")).len(), 1, "a key given twice is TOML's error");
    assert_eq!(errors("[refund]\n[[refund.rule]]\nid = \"x\"\nstart = \"sale\"\nhours = 5\n"), [
        "pack.toml:7: error: start = \"sale\": expected one of provisioning, payment, delivery, purchase",
        "pack.toml:8: error: a window needs the platform's clock: utc_offset = \"+08:00\" (in the rule or above it)",
        "pack.toml:5: error: rule \"x\" has no source: the URL where the platform publishes it",
        "pack.toml:5: error: rule \"x\" has no verified date: when someone last checked it against its source",
    ]);
    assert_eq!(errors("[refund]\nrules = \"steam\"\n[[refund.rule]]\nid = \"game\"\nstart = \"purchase\"\nhours = 1\nutc_offset = \"+00:00\"\nsource = \"https://s.example/\"\nverified = 2026-01-01\n"), [
        "pack.toml:6: error: rule id \"game\" is also a rule of the library file the pack names: give the pack's own another id",
    ]);
}

#[test]
fn freshness_warns_after_the_packs_threshold() {
    let m = manifest("[refund]\nrules = \"steam\"\n").unwrap();
    let verified = m.refund.as_ref().unwrap().rules().next().unwrap().verified;
    assert_eq!(m.stale_rules(verified.add_months(12)), vec![]);
    let next_day = Date::from_days(stepwise_core::civil::days_from_civil(verified.year, verified.month, verified.day) + 1);
    let late = m.stale_rules(next_day.add_months(12));
    assert_eq!(late.len(), 1);
    assert_eq!(late[0].file, "rules/steam.toml");
    assert!(late[0].to_string().contains("rule \"game\" was last verified on 2026-12-07, over 12 months ago: check it at https://store.steampowered.com/steam_refunds/"), "{}", late[0]);
    // The pack's own threshold, and 0 for never.
    let m = manifest("[refund]\nrules = \"steam\"\nverified_stale_after_months = 1\n").unwrap();
    assert_eq!(m.stale_rules(next_day.add_months(1)).len(), 1);
    let m = manifest("[refund]\nrules = \"steam\"\nverified_stale_after_months = 0\n").unwrap();
    assert_eq!(m.stale_rules(next_day.add_months(120)), vec![]);
}

#[test]
fn a_file_of_the_librarys_form_with_a_mistake() {
    let e = parse_file("rules/x.toml", "source = \"https://x.example/\"\nverified = 2026-12-07\n\n[[rule]]\nid = \"Bad Id\"\nstart = \"purchase\"\nhours = 1\n").unwrap_err();
    let e: Vec<String> = e.iter().map(ToString::to_string).collect();
    assert_eq!(e[0], "rules/x.toml:5: error: id = \"Bad Id\": use lower-case letters, digits and hyphens, such as \"image\" or \"manual-service\"");
}
