//! Component tests in a real browser (headless Chromium through wasm-bindgen-test): the app
//! mounted on a fresh element, driven through the DOM and the URL's hash as a buyer would.
#![cfg(target_arch = "wasm32")]

use std::time::Duration;

use gloo_timers::future::sleep;
use stepwise::components::app::{App, AppProps};
use std::rc::Rc;

use stepwise::content::{ContentStore, Source};
use stepwise::host::{page::PageHost, HostHandle};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlInputElement, KeyboardEvent, KeyboardEventInit};
use yew::AppHandle;

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// Mounts the app at `hash` on a fresh element.
async fn mount(hash: &str) -> (AppHandle<App>, Element) {
    mount_pack(billing(), hash).await
}

/// The behaviour tests' main fixture pack (a 5 × 24 h rule), imported once per test binary.
fn billing() -> Rc<stepwise_core::model::Pack> {
    thread_local!(static PACK: Rc<stepwise_core::model::Pack> = fixture_pack(
        "billing",
        include_str!("fixtures/content/billing/pack.toml"),
        &[("zh-CN", include_str!("fixtures/content/billing/zh-CN.md")), ("en", include_str!("fixtures/content/billing/en.md"))],
    ));
    PACK.with(|p| p.clone())
}

/// A fixture pack under `tests/fixtures/`, imported from its Markdown as the build does.
fn fixture_pack(id: &str, manifest: &str, pages: &[(&str, &str)]) -> Rc<stepwise_core::model::Pack> {
    use stepwise_core::import::{import, Manifest};
    let manifest = Manifest::parse("pack.toml", manifest).unwrap();
    let sources: Vec<(String, String, String)> = pages.iter().map(|(l, md)| (l.to_string(), format!("{l}.md"), md.to_string())).collect();
    let pack = import(id, &manifest, &sources).unwrap_or_else(|p| panic!("{p:?}")).pack;
    Rc::new(pack)
}

/// Mounts the app on `pack` at `hash` on a fresh element.
async fn mount_pack(pack: Rc<stepwise_core::model::Pack>, hash: &str) -> (AppHandle<App>, Element) {
    let window = web_sys::window().unwrap();
    window.history().unwrap().replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(if hash.is_empty() { "#" } else { hash })).unwrap();
    let root = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&root).unwrap();
    let handle = yew::Renderer::<App>::with_root_and_props(root.clone(), AppProps { content: ContentStore::new(Source::Given(pack), None), host: HostHandle(std::rc::Rc::new(PageHost::new(String::new(), None, None))) }).render();
    assert!(until(|| root.query_selector(".app .main").unwrap().is_some()).await, "the app rendered");
    (handle, root)
}

/// Waits (up to 10 s) until `f` holds, letting events and renders run; false if it never did.
async fn until(f: impl Fn() -> bool) -> bool {
    for _ in 0..500 {
        if f() {
            return true;
        }
        sleep(Duration::from_millis(20)).await;
        yew::scheduler::flush().await;
    }
    f()
}

/// Waits up to `ms` for `selector` under `root`.
async fn wait_for(root: &Element, selector: &str, ms: u64) -> Option<Element> {
    for _ in 0..ms / 50 {
        if let Some(el) = root.query_selector(selector).unwrap() {
            return Some(el);
        }
        sleep(Duration::from_millis(50)).await;
        yew::scheduler::flush().await;
    }
    None
}

/// Moves the page's hash, as a link or the buyer's typing would (the app hears `hashchange`).
fn window_hash(hash: &str) {
    web_sys::window().unwrap().location().set_hash(hash).unwrap();
}

fn text(root: &Element, selector: &str) -> String {
    root.query_selector(selector).unwrap().unwrap_or_else(|| panic!("no {selector}")).text_content().unwrap_or_default()
}

fn texts(root: &Element, selector: &str) -> Vec<String> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length()).map(|i| list.item(i).unwrap().text_content().unwrap_or_default()).collect()
}

fn press(key: &str) {
    let init = KeyboardEventInit::new();
    init.set_key(key);
    init.set_bubbles(true);
    init.set_cancelable(true);
    let e = KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    document().body().unwrap().dispatch_event(&e).unwrap();
}

fn clear_storage() {
    if let Ok(Some(s)) = web_sys::window().unwrap().local_storage() {
        s.clear().unwrap();
    }
}

#[wasm_bindgen_test]
async fn a_deep_link_shows_its_step_with_chips_and_progress() {
    clear_storage();
    let (app, root) = mount("#/zh-CN/invoice/2").await;
    assert_eq!(text(&root, "h1"), "发票");
    assert_eq!(text(&root, ".step-of"), "第 2 步，共 4 步");
    let progress = root.query_selector("progress").unwrap().unwrap();
    assert_eq!(progress.get_attribute("value").as_deref(), Some("2"));
    assert_eq!(progress.get_attribute("max").as_deref(), Some("4"));
    assert_eq!(texts(&root, ".step-text .chip-menu"), ["费用"]);
    assert_eq!(texts(&root, ".step-text .chip-label"), ["发票管理"]);
    // The screenshot (or its fallback) carries the alt text, in a box of reserved size.
    let reserved = match root.query_selector(".step img").unwrap() {
        Some(img) => (img.get_attribute("width"), img.get_attribute("height")) == (Some("1280".into()), Some("720".into())),
        None => root.query_selector(".shot-missing").unwrap().unwrap().get_attribute("style").unwrap_or_default().contains("aspect-ratio: 1280 / 720"),
    };
    assert!(reserved, "the screenshot's box is reserved from its size");
    assert_eq!(texts(&root, ".step-nav a"), ["← 上一步", "下一步 →"]);
    assert_eq!(root.query_selector(".step-nav a.primary").unwrap().unwrap().get_attribute("href").as_deref(), Some("#/zh-CN/invoice/3"));
    assert_eq!(document().document_element().unwrap().get_attribute("lang").as_deref(), Some("zh-CN"));
    app.destroy();
}

#[wasm_bindgen_test]
async fn arrows_change_steps_focus_the_heading_and_announce_the_step() {
    clear_storage();
    let (app, root) = mount("#/en/invoice/1").await;
    assert_eq!(texts(&root, ".step-nav a"), ["Next →"]);
    press("ArrowRight");
    assert!(until(|| text(&root, ".step-of") == "Step 2 of 4").await);
    assert_eq!(web_sys::window().unwrap().location().hash().unwrap(), "#/en/invoice/2");
    assert_eq!(text(&root, "[role=status][aria-live=polite]"), "Step 2 of 4");
    let active = document().active_element().unwrap();
    assert_eq!(active.id(), "sw-step-heading");
    press("ArrowLeft");
    assert!(until(|| text(&root, ".step-of") == "Step 1 of 4").await);
    // No step before the first: the key is not taken.
    let init = KeyboardEventInit::new();
    init.set_key("ArrowLeft");
    init.set_cancelable(true);
    let e = KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    document().dispatch_event(&e).unwrap();
    assert!(!e.default_prevented());
    assert_eq!(web_sys::window().unwrap().location().hash().unwrap(), "#/en/invoice/1");
    press("Escape");
    assert!(until(|| web_sys::window().unwrap().location().hash().unwrap() == "#/en" && root.query_selector("input[type=search]").unwrap().is_some()).await);
    assert!(root.query_selector("input[type=search]").unwrap().is_some());
    assert_eq!(document().active_element().unwrap().tag_name(), "H1");
    app.destroy();
}

#[wasm_bindgen_test]
async fn the_last_step_is_done_and_suggests_related_procedures() {
    clear_storage();
    let (app, root) = mount("#/en/invoice/4").await;
    assert_eq!(text(&root, ".done h2"), "✓ Done");
    let related = texts(&root, ".related .card-title");
    assert_eq!(related.len(), 3);
    assert!(!related.contains(&"Invoice".to_owned()));
    assert!(root.query_selector(".step-nav a.primary").unwrap().is_none(), "no Next on the last step");
    // The closing note keeps its link, rendered only as http(s).
    let links: Vec<String> = (0..root.query_selector_all(".done a[target=_blank]").unwrap().length())
        .map(|i| root.query_selector_all(".done a[target=_blank]").unwrap().item(i).unwrap().dyn_into::<Element>().unwrap().get_attribute("href").unwrap())
        .collect();
    assert_eq!(links, ["http://support.websoft9.com/docs/faq/bz-order.html#开具发票"]);
    app.destroy();
}

#[wasm_bindgen_test]
async fn a_screenshot_that_cannot_load_shows_its_alt_text() {
    clear_storage();
    // There is no internet here: the real screenshot URLs fail.
    let (app, root) = mount("#/en/order-number/2").await;
    let fallback = wait_for(&root, ".shot-missing", 15_000).await.expect("fallback shown");
    assert!(fallback.text_content().unwrap().contains("Order list"));
    assert_eq!(fallback.get_attribute("role").as_deref(), Some("img"));
    assert!(fallback.get_attribute("aria-label").unwrap().contains("Order list"));
    // The step is still there and usable.
    assert_eq!(text(&root, ".step-of"), "Step 2 of 4");
    app.destroy();
}

#[wasm_bindgen_test]
async fn corrupt_storage_is_ignored() {
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    storage.set_item("stepwise:billing:locale", "<script>").unwrap();
    storage.set_item("stepwise:billing:last-step", "#/zh-CN/%%%/-1/../..").unwrap();
    let (app, root) = mount("").await;
    // The list, in a locale of the pack, and no "continue" card for the garbage.
    assert!(root.query_selector("input[type=search]").unwrap().is_some());
    assert!(root.query_selector(".resume").unwrap().is_none());
    let hash = web_sys::window().unwrap().location().hash().unwrap();
    assert!(hash == "#/zh-CN" || hash == "#/en", "{hash}");
    app.destroy();
    clear_storage();
}

#[wasm_bindgen_test]
async fn the_last_step_is_remembered() {
    clear_storage();
    let (app, _) = mount("#/zh-CN/review/3").await;
    app.destroy();
    let (app, root) = mount("#/zh-CN").await;
    assert_eq!(text(&root, ".resume-title"), "评价");
    assert_eq!(root.query_selector(".resume a").unwrap().unwrap().get_attribute("href").as_deref(), Some("#/zh-CN/review/3"));
    app.destroy();
}

#[wasm_bindgen_test]
async fn search_matches_in_both_languages() {
    clear_storage();
    let (app, root) = mount("#/zh-CN").await;
    let input: HtmlInputElement = root.query_selector("input[type=search]").unwrap().unwrap().dyn_into().unwrap();
    input.set_value("invoice");
    input.dispatch_event(&web_sys::InputEvent::new("input").unwrap()).unwrap();
    assert!(until(|| texts(&root, ".results .card-title") == ["发票"]).await);
    assert_eq!(text(&root, "#sw-search-status"), "找到 1 项");
    input.set_value("nothing-like-this");
    input.dispatch_event(&web_sys::InputEvent::new("input").unwrap()).unwrap();
    assert!(until(|| text(&root, "#sw-search-status").contains("没有找到")).await);
    app.destroy();
}

#[wasm_bindgen_test]
async fn the_checker_refuses_bad_input_with_a_message() {
    clear_storage();
    let (app, root) = mount("#/en/refund-checker").await;
    let input: HtmlInputElement = root.query_selector("#sw-when").unwrap().unwrap().dyn_into().unwrap();
    let submit: HtmlElement = root.query_selector(".checker button[type=submit]").unwrap().unwrap().dyn_into().unwrap();
    let check = |value: &str| {
        input.set_value(value);
        input.dispatch_event(&web_sys::InputEvent::new("input").unwrap()).unwrap();
        submit.click();
    };
    check("");
    assert!(until(|| text(&root, "#sw-checker-status") == "Please enter when the resource was provisioned.").await);
    assert_eq!(root.query_selector("#sw-when").unwrap().unwrap().get_attribute("aria-invalid").as_deref(), Some("true"));
    check("next tuesday");
    assert!(until(|| text(&root, "#sw-checker-status").starts_with("That time could not be read")).await);
    check("2023-02-29 10:00");
    assert!(until(|| text(&root, "#sw-checker-status").starts_with("That date or time does not exist")).await);
    check("2999-01-01 00:00:00");
    assert!(until(|| text(&root, "#sw-checker-status").starts_with("That time is later than now")).await);
    check("2022-11-24 14:30:30");
    assert!(until(|| text(&root, "#sw-checker-status") == "The full refund window has closed").await);
    assert_eq!(text(&root, ".deadline-platform"), "2022-11-29 14:30:30 (UTC+08:00)");
    assert!(root.query_selector("#sw-when").unwrap().unwrap().get_attribute("aria-invalid").is_none());
    // The policy below: start link to the image unsubscription, the four stages, the quota.
    assert_eq!(texts(&root, ".flow li"), ["The system creates a refund order", "Websoft9 approves", "Huawei Cloud approves", "Refund result"]);
    assert!(root.query_selector(".policy a[href='#/en/unsubscribe-image/1']").unwrap().is_some());
    assert!(text(&root, ".quota").contains("at most 10"));
    app.destroy();
}

/// The widget as the loader mounts it: in a shadow root, driven by commands by name.
#[wasm_bindgen_test]
async fn the_widget_keeps_the_panels_locale_when_opened_at_a_step() {
    use js_sys::{Array, Function, Object, Reflect};
    clear_storage();
    let host = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&host).unwrap();
    let shadow = host.attach_shadow(&web_sys::ShadowRootInit::new(web_sys::ShadowRootMode::Open)).unwrap();
    let mount = document().create_element("div").unwrap();
    shadow.append_child(&mount).unwrap();
    let attributes = Object::new();
    Reflect::set(&attributes, &"locale".into(), &"zh-CN".into()).unwrap();
    let events = Array::new();
    let record = Function::new_with_args("name, detail", "this.push([name, detail && (detail.locale || detail.procedure && detail.procedure + '/' + detail.step) || ''])").bind0(&events);
    let pack = billing();
    let mut widget = stepwise::widget::mount_widget_with(mount.clone(), attributes.into(), record, None, move |_| ContentStore::new(Source::Given(pack), None));
    let root: Element = mount.clone();
    let heading = || root.query_selector(".panel h1").unwrap().and_then(|h| h.text_content()).unwrap_or_default();
    assert!(widget.command("open", None, None));
    assert!(until(|| !heading().is_empty()).await);
    // The buyer switches the panel to English, then the page opens a step: still English.
    let english: HtmlElement = root.query_selector(".locales a[lang=en]").unwrap().unwrap().dyn_into().unwrap();
    english.click();
    assert!(until(|| root.query_selector(".app[lang=en]").unwrap().is_some()).await);
    assert!(widget.command("open", Some("invoice".into()), Some(2.0)));
    assert!(until(|| text(&root, ".panel h1") == "Invoice").await, "{}", heading());
    assert_eq!(text(&root, ".step-of"), "Step 2 of 4");
    assert!(!widget.command("no-such-command", None, None));
    // The loader heard the locale changes and the step.
    let seen: Vec<String> = events.iter().map(|e| Array::from(&e).join(":").into()).collect();
    assert!(seen.contains(&"locale:en".to_owned()), "{seen:?}");
    assert!(seen.contains(&"step:invoice/2".to_owned()), "{seen:?}");
    // Destroyed: nothing of the app is left, and commands are refused.
    assert!(widget.command("destroy", None, None));
    assert!(until(|| mount.child_element_count() == 0).await);
    assert!(!widget.command("open", None, None));
    host.remove();
}

/// A seller's page with an intro list of links, notes, a table and code, and no refund rule.
#[wasm_bindgen_test]
async fn notes_tables_code_and_intro_links_render_as_themselves() {
    clear_storage();
    let pack = fixture_pack(
        "aliyun",
        include_str!("fixtures/packs/aliyun/pack.toml"),
        &[("zh-CN", include_str!("fixtures/packs/aliyun/zh-CN.md")), ("en", include_str!("fixtures/packs/aliyun/en.md"))],
    );
    let (app, root) = mount_pack(pack, "#/zh-CN").await;
    // The intro's list of links, resolved against the docs base.
    assert!(root.query_selector(".list-view ul.prose-list a[href='https://support.websoft9.com/docs/zh/aliyun-order.html']").unwrap().is_some());
    // Notes on their topic: a price list as code, a one-sentence note, no card for either.
    assert!(texts(&root, ".topic pre.code").iter().any(|t| t.contains("基础版   ¥99/月")), "{:?}", texts(&root, ".topic pre.code"));
    assert!(texts(&root, ".topic p.note").iter().any(|t| t == "目前阿里云暂不支持对镜像评价。"), "{:?}", texts(&root, ".topic p.note"));
    let cards = texts(&root, ".card-title");
    assert!(!cards.iter().any(|c| c == "评价" || c == "价格"), "{cards:?}");
    // No refund rule: no checker to go to.
    assert!(root.query_selector(".checker-cta").unwrap().is_none());
    // A step with a table (header cells, then rows) and one with code as written.
    window_hash("#/zh-CN/invoice/2");
    assert!(until(|| texts(&root, ".step th") == ["字段", "说明"]).await, "{:?}", texts(&root, ".step th"));
    assert_eq!(texts(&root, ".step td"), ["抬头", "公司全称", "税号", "统一社会信用代码"]);
    assert!(root.query_selector(".step td .chip-menu").unwrap().is_some());
    window_hash("#/zh-CN/invoice/3");
    assert!(until(|| texts(&root, ".step pre.code") == ["发票类型: 增值税普通发票\n状态: 待审核"]).await, "{:?}", texts(&root, ".step pre.code"));
    app.destroy();
}

#[wasm_bindgen_test]
async fn a_pack_without_a_refund_rule_has_no_checker() {
    clear_storage();
    let pack = fixture_pack("no-refund", include_str!("fixtures/content/no-refund/pack.toml"), &[("en", include_str!("fixtures/content/no-refund/en.md"))]);
    let (app, root) = mount_pack(pack, "#/en/refund-checker").await;
    // The checker's link lands on the list, which says the page was not found.
    assert!(until(|| root.query_selector(".list-view .notice").unwrap().is_some()).await);
    assert!(root.query_selector(".checker-view").unwrap().is_none());
    assert!(root.query_selector(".checker-cta").unwrap().is_none());
    assert_eq!(texts(&root, ".topic p.note"), ["Reviews are not supported yet."]);
    app.destroy();
}

/// The billing pack with its `##` sections repeated `n` times (headings and bullet labels made
/// unique), as bench/packs.mjs scales it.
fn scaled_billing(n: usize) -> Rc<stepwise_core::model::Pack> {
    let scale = |md: &str| {
        let start = md.find("\n## ").unwrap() + 1;
        let (head, body) = md.split_at(start);
        let mut out = head.to_owned();
        for k in 1..=n {
            for line in body.lines() {
                let suffixed = if k == 1 {
                    line.to_owned()
                } else if line.starts_with("## ") || line.starts_with("### ") {
                    format!("{line} {k}")
                } else if let Some((label, rest)) = line.strip_prefix("* ").and_then(|l| l.split_once([':', '：'])) {
                    format!("* {label} {k}:{rest}")
                } else {
                    line.to_owned()
                };
                out.push_str(&suffixed);
                out.push('\n');
            }
        }
        out
    };
    fixture_pack(
        "billing",
        include_str!("fixtures/content/billing/pack.toml"),
        &[("zh-CN", &scale(include_str!("fixtures/content/billing/zh-CN.md"))), ("en", &scale(include_str!("fixtures/content/billing/en.md")))],
    )
}

#[wasm_bindgen_test]
async fn a_large_pack_keeps_the_list_and_the_results_bounded() {
    clear_storage();
    let pack = scaled_billing(50);
    assert_eq!(pack.locale("en").unwrap().topics.len(), 350);
    let (app, root) = mount_pack(pack, "#/en").await;
    // The first page of topics, and a button for the rest.
    assert_eq!(root.query_selector_all(".list-view .topic").unwrap().length(), 12);
    let elements = root.query_selector_all(".list-view *").unwrap().length();
    assert!(elements < 200, "{elements} elements");
    let more: web_sys::HtmlElement = root.query_selector(".more-topics button").unwrap().unwrap().dyn_into().unwrap();
    assert_eq!(more.text_content().unwrap(), "Show more topics (338 more)");
    more.click();
    assert!(until(|| root.query_selector_all(".list-view .topic").unwrap().length() == 24).await);
    // A query matching most of the pack: the best 20, the count of all, the order by rank.
    let input: HtmlInputElement = root.query_selector("input[type=search]").unwrap().unwrap().dyn_into().unwrap();
    input.set_value("order");
    input.dispatch_event(&web_sys::InputEvent::new("input").unwrap()).unwrap();
    assert!(until(|| root.query_selector_all(".results li").unwrap().length() == 20).await);
    let status = text(&root, "#sw-search-status");
    let matched: usize = status.split(' ').next().unwrap().parse().unwrap();
    assert!(matched > 50 && status.ends_with("results; the best 20 are shown. Add words to narrow the search."), "{status}");
    assert!(texts(&root, ".results .card-title").iter().all(|t| t.starts_with("Order number")), "{:?}", texts(&root, ".results .card-title"));
    app.destroy();
}

/// `Intl` throws on a tag it cannot read (`RangeError: Invalid language tag`); the checker's
/// dates are written in the browser's own language then, and nothing reaches the page.
#[wasm_bindgen_test]
fn a_locale_intl_refuses_still_formats_a_date() {
    let instant = 1_669_271_430; // 2022-11-24 06:30:30 UTC
    for tag in ["en-", "zh_CN", "", "x"] {
        let text = stepwise::browser::time::format_local(instant, tag);
        assert!(text.contains("2022"), "{tag:?}: {text:?}");
    }
    assert!(stepwise::browser::time::format_local(instant, "en").contains("2022"));
}

/// A leaf view alone: a card takes data and a callback, and a plain click calls it instead of
/// following the link (a click with a modifier key is the browser's).
#[wasm_bindgen_test]
async fn a_card_alone_calls_back_on_a_plain_click_only() {
    use stepwise::components::link::{Card, CardProps};
    let root = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&root).unwrap();
    let clicks = Rc::new(std::cell::Cell::new(0));
    let counted = clicks.clone();
    let props = CardProps {
        href: "#/en/invoice/1".into(),
        page: Some("pages/billing/en/invoice.html".into()),
        title: "Invoice".into(),
        meta: Some("4 steps".into()),
        onnavigate: yew::Callback::from(move |()| counted.set(counted.get() + 1)),
    };
    let _handle = yew::Renderer::<Card>::with_root_and_props(root.clone(), props).render();
    assert!(until(|| root.query_selector("a.card").unwrap().is_some()).await, "the card rendered");
    assert_eq!(text(&root, ".card-title"), "Invoice");
    assert_eq!(text(&root, ".meta"), "4 steps");
    let a: HtmlElement = root.query_selector("a.card").unwrap().unwrap().dyn_into().unwrap();
    assert_eq!(a.get_attribute("data-page").as_deref(), Some("pages/billing/en/invoice.html"));
    let click = |ctrl: bool| {
        let init = web_sys::MouseEventInit::new();
        init.set_bubbles(true);
        init.set_cancelable(true);
        init.set_ctrl_key(ctrl);
        let event = web_sys::MouseEvent::new_with_mouse_event_init_dict("click", &init).unwrap();
        a.dispatch_event(&event).unwrap();
        event.default_prevented()
    };
    // A Ctrl+click first: it would follow the link; stop it from leaving the test page.
    let guard = wasm_bindgen::closure::Closure::<dyn Fn(web_sys::Event)>::new(|e: web_sys::Event| e.prevent_default());
    a.add_event_listener_with_callback("click", guard.as_ref().unchecked_ref()).unwrap();
    click(true);
    assert_eq!(clicks.get(), 0, "a Ctrl+click is the browser's");
    a.remove_event_listener_with_callback("click", guard.as_ref().unchecked_ref()).unwrap();
    assert!(click(false), "a plain click does not follow the link");
    assert_eq!(clicks.get(), 1, "a plain click calls back once");
    root.remove();
}
