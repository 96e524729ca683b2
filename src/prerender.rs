//! The build's prerenderer (feature `ssr`, native): the app's own components rendered to HTML
//! with Yew's server renderer, so that the standalone page paints before the wasm runs.
//!
//! One page per landing route ([`stepwise_core::route::landing_page`]: each pack's list, every
//! step of each procedure and the checker, in every locale), plus the build's `index.html`
//! (the first pack's list in its default locale). Each page is the build's `index.html` with
//! the markup in the app's element, the place's `lang` and title, and on `<html>` what the
//! markup shows ([`stepwise_core::protocol::page`]), which the page's boot script and the app
//! read. Landing pages get a `<base>` at the build's root, so the build's relative URLs (the
//! pack index, the worker, the icons) mean the same on them.
//!
//! Links point at landing pages where one exists (they work before the wasm, and without
//! JavaScript), else at the app page's hash route. The app does not hydrate this markup: it
//! renders its own in a detached element and swaps it in ([`crate::host::page`]).

mod markup_tree;

use std::any::Any;
use std::rc::Rc;

use stepwise_core::model::Pack;
use stepwise_core::protocol::{page, WidgetEvent};
use stepwise_core::route::{landing_page, panel_fragment, Route, View};

use crate::components::app::{App, AppProps};
use crate::content::{ContentStore, Source};
use crate::host::{Frame, Host, HostHandle};
use crate::state::{AppState, Store};

/// A host, as far as markup goes: the page's (the route given, links to landing pages) or the
/// widget's (its panel, links as its routes, which the embed runtime replays to the app).
struct PrerenderHost {
    route: Route,
    pack_id: String,
    /// Whether the pack is the index's first (whose links need not name it).
    first: bool,
    frame: Frame,
}

impl Host for PrerenderHost {
    fn initial_state(&self, pack: std::rc::Rc<Pack>) -> AppState {
        match self.frame {
            Frame::Page => AppState::new(pack, &self.route, Vec::new()),
            Frame::Panel => AppState::embedded(pack, &self.route, Vec::new(), None),
        }
    }
    fn connect(&self, _: Store) -> Box<dyn Any> {
        Box::new(())
    }
    fn href(&self, to: &Route) -> String {
        match self.frame {
            Frame::Page => landing_page(&self.pack_id, to).unwrap_or_else(|| to.href((!self.first).then_some(&self.pack_id))),
            Frame::Panel => to.to_hash(),
        }
    }
    /// In the widget's panel, each link's page: a procedure's first step, the checker, or a
    /// locale's list (what a browser without wasm opens, in a new tab).
    fn page_of(&self, to: &Route) -> Option<String> {
        if self.frame != Frame::Panel {
            return None;
        }
        let first_step = match &to.view {
            View::Procedure { slug, .. } => Route { locale: to.locale.clone(), view: View::Procedure { slug: slug.clone(), step: 1 } },
            _ => to.clone(),
        };
        landing_page(&self.pack_id, &first_step).or_else(|| landing_page(&self.pack_id, &Route { locale: to.locale.clone(), view: View::List }))
    }
    fn navigate(&self, _: &Store, _: &Route) {}
    fn place_changed(&self, _: &AppState) {}
    fn emit(&self, _: WidgetEvent) {}
    fn frame(&self) -> Frame {
        self.frame
    }
    fn escape(&self, _: &AppState) -> Option<Route> {
        None
    }
    /// As the real host says (the page's in any browser with a service worker): the markup
    /// must not change when the app takes over.
    fn offline(&self) -> bool {
        self.frame == Frame::Page
    }
    fn preferences(&self, _: &str) -> Vec<String> {
        Vec::new()
    }
}

/// One page to write: where, and what goes in the template.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    /// Relative to the build's root (`index.html`, `pages/billing/en/invoice.html`).
    pub file: String,
    pub lang: String,
    pub title: String,
    /// The attributes for `<html>`.
    pub attributes: Vec<(&'static str, String)>,
    /// The app's markup: what goes inside its element.
    pub markup: String,
}

/// The app at `route` (naming its locale) of `pack` (every locale at hand), in `frame`, as markup.
pub fn render(pack: &Rc<Pack>, route: &Route, first: bool, frame: Frame) -> (AppState, String) {
    let host = PrerenderHost { route: route.clone(), pack_id: pack.id.to_string(), first, frame };
    let state = host.initial_state(pack.clone());
    let props = AppProps { content: ContentStore::new(Source::Given(pack.clone()), None), host: HostHandle(Rc::new(host)) };
    let markup = futures::executor::block_on(yew::LocalServerRenderer::<App>::with_props(props).hydratable(false).render());
    (state, markup)
}

/// Every page of `packs` (the index's order; the first is the index's default).
pub fn pages(packs: &[Rc<Pack>]) -> Vec<Page> {
    let mut out = Vec::new();
    for (n, pack) in packs.iter().enumerate() {
        let locales: Vec<String> = pack.available.iter().map(|l| l.to_string()).collect();
        let shown = |state: &AppState| format!("{} {}", pack.id, state.route().to_hash());
        if n == 0 {
            let (state, markup) = render(pack, &Route::list(&pack.default_locale), true, Frame::Page);
            // Each locale's list page, in the order of the locales ("" for one the build lacks).
            let lists: Vec<String> = locales.iter().map(|l| landing_page(&pack.id, &Route::list(l)).unwrap_or_default()).collect();
            // The places the build has a page for (each procedure's steps, the checker), for the
            // boot script to send a deep link there before the first paint.
            let steps: Vec<String> = pack.locales.first().map(|c| c.procedures().map(|(_, p)| format!("{}:{}", p.slug, p.steps.len())).collect()).unwrap_or_default();
            let mut attributes = vec![(page::PRERENDERED, shown(&state)), (page::LOCALES, locales.join(" ")), (page::LISTS, lists.join(" ")), (page::STEPS, steps.join(" "))];
            if pack.refund.is_some() {
                attributes.push((page::CHECKER, String::new()));
            }
            out.push(Page { file: "index.html".into(), lang: state.locale.clone(), title: state.title(), attributes, markup });
        }
        for content in pack.locales.iter() {
            let l = &content.locale;
            let mut routes = vec![Route::list(l)];
            routes.extend(content.procedures().flat_map(|(_, p)| (1..=p.steps.len()).map(|n| Route::step(l, &p.slug, n))));
            if pack.refund.is_some() {
                routes.push(Route::checker(l));
            }
            for route in routes {
                let Some(file) = landing_page(&pack.id, &route) else { continue };
                let (state, markup) = render(pack, &route, n == 0, Frame::Page);
                let attributes = vec![(page::PRERENDERED, shown(&state)), (page::PACK, pack.id.to_string()), (page::ROUTE, route.to_hash())];
                out.push(Page { file, lang: state.locale.clone(), title: state.title(), attributes, markup });
            }
        }
    }
    out
}

/// The widget's panel with the list, per pack and locale: `(file, tree)`, what the embed
/// runtime shows on the buyer's click while the wasm loads
/// ([`stepwise_core::route::panel_fragment`]), as the data of its elements
/// ([`markup_tree`]: no HTML to parse on the host page).
pub fn panels(packs: &[Rc<Pack>]) -> Result<Vec<(String, String)>, String> {
    let mut out = Vec::new();
    for pack in packs {
        for content in pack.locales.iter() {
            let Some(file) = panel_fragment(&pack.id, &content.locale) else { continue };
            let markup = render(pack, &Route::list(&content.locale), false, Frame::Panel).1;
            out.push((file.clone(), markup_tree::to_json(&markup).map_err(|e| format!("{file}: {e}"))?));
        }
    }
    Ok(out)
}

/// `template` (the build's `index.html`) with `page` in it. Fails on a template without the
/// app's element, `<html>` or `<title>`.
pub fn fill(template: &str, page: &Page) -> Result<String, String> {
    let mut html = String::from(template);
    // `<html …>`: lang and the markup's attributes.
    let start = html.find("<html").ok_or("no <html> in the template")?;
    let end = start + html[start..].find('>').ok_or("no end to <html>")?;
    let attributes: String = page.attributes.iter().map(|(k, v)| format!(" {k}=\"{}\"", escape(v))).collect();
    // `<base>` first in the head (whose tags a minified page omits), for a page in a folder:
    // before any URL is read.
    let depth = page.file.matches('/').count();
    let base = if depth > 0 { format!("<base href=\"{}\">", "../".repeat(depth)) } else { String::new() };
    html.replace_range(start..=end, &format!("<html lang=\"{}\"{attributes}>{base}", escape(&page.lang)));
    let title = html.find("<title>").ok_or("no <title> in the template")? + "<title>".len();
    let title_end = title + html[title..].find("</title>").ok_or("no </title> in the template")?;
    html.replace_range(title..title_end, &escape(&page.title));
    // The app's element: its content (the template's <noscript>) becomes the markup.
    // The last mention: the element, in the body (the boot script in the head names it too).
    let at = html.rfind(page::ROOT).ok_or("no app element (data-stepwise-page) in the template")?;
    let open_end = at + html[at..].find('>').ok_or("no end to the app element")? + 1;
    let close = open_end + html[open_end..].find("</div>").ok_or("no </div> closing the app element")?;
    if html[open_end..close].contains("<div") {
        return Err("the app element of the template must hold no <div>".into());
    }
    html.replace_range(open_end..close, &page.markup);
    Ok(html)
}

/// Text for HTML text and quoted attribute values.
fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A fixture pack of `tests/fixtures/content`, every locale at hand.
    fn fixture(id: &str) -> Rc<Pack> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/content").join(id);
        Rc::new(stepwise_core::import::import_dir(&dir).expect("the pack imports").pack)
    }

    fn all() -> Vec<Rc<Pack>> {
        ["billing", "calendar", "no-refund", "xss"].map(fixture).to_vec()
    }

    /// Every panel's tree holds its markup whole: written back as HTML it is the markup again.
    #[test]
    fn each_panel_is_its_markup_as_data() {
        for pack in all() {
            for content in pack.locales.iter() {
                let markup = render(&pack, &Route::list(&content.locale), false, Frame::Panel).1;
                let tree = markup_tree::to_json(&markup).unwrap();
                assert_eq!(markup_tree::to_html(&serde_json::from_str::<Vec<serde_json::Value>>(&tree).unwrap()), markup, "{} {}", pack.id, content.locale);
            }
        }
        assert_eq!(panels(&all()).unwrap().len(), 6);
    }

    const TEMPLATE: &str = r#"<!doctype html><html lang=zh-CN><meta charset=utf-8><title>Help</title><link href=pwa.js><body><div class=stepwise data-stepwise-page id=stepwise><noscript>JS</noscript></div></body></html>"#;

    #[test]
    fn every_landing_route_gets_a_page_and_index_html_the_first_packs_list() {
        let pages = pages(&all());
        let files: Vec<&str> = pages.iter().map(|p| p.file.as_str()).collect();
        assert_eq!(files[0], "index.html");
        assert_eq!(pages[0].lang, "zh-CN");
        assert!(files.contains(&"pages/billing/zh-CN/index.html") && files.contains(&"pages/billing/en/invoice.html"));
        assert!(files.contains(&"pages/billing/en/refund-checker.html"));
        assert!(files.contains(&"pages/billing/en/invoice/2.html") && files.contains(&"pages/billing/zh-CN/invoice/4.html"));
        // A pack without a refund rule has no checker page.
        assert!(!files.iter().any(|f| f.starts_with("pages/no-refund/") && f.ends_with("refund-checker.html")));
        // Per pack and locale: the list, every step of each procedure, the checker if any.
        for pack in all() {
            for content in pack.locales.iter() {
                let n = 1 + content.procedures().map(|(_, p)| p.steps.len()).sum::<usize>() + usize::from(pack.refund.is_some());
                let prefix = format!("pages/{}/{}/", pack.id, content.locale);
                assert_eq!(files.iter().filter(|f| f.starts_with(&prefix)).count(), n, "{prefix}");
            }
        }
        let mut unique = files.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), files.len(), "no page written twice");
        // index.html names each locale's list page, in its locales' order, and each is written.
        let attribute = |name| pages[0].attributes.iter().find(|(n, _)| *n == name).map(|(_, v)| v.as_str()).unwrap();
        let (locales, lists) = (attribute(page::LOCALES), attribute(page::LISTS));
        // And each procedure's steps, for the boot script to send a deep link to its page.
        assert!(attribute(page::STEPS).split(' ').any(|s| s == "invoice:4"), "{}", attribute(page::STEPS));
        assert_eq!(attribute(page::CHECKER), "");
        assert_eq!(lists, "pages/billing/zh-CN/index.html pages/billing/en/index.html");
        for (locale, list) in locales.split(' ').zip(lists.split(' ')) {
            assert!(files.contains(&list) && list.contains(&format!("/{locale}/")), "{locale}: {list}");
        }
        assert!(pages[1..].iter().all(|p| p.attributes.iter().all(|(n, _)| *n != page::LISTS)), "only on the app's page");
    }

    #[test]
    fn the_markup_shows_the_place_and_links_only_to_pages_the_build_writes() {
        let pages = pages(&all());
        let files: Vec<&str> = pages.iter().map(|p| p.file.as_str()).collect();
        let invoice = pages.iter().find(|p| p.file == "pages/billing/en/invoice.html").unwrap();
        assert!(invoice.markup.contains("Step 1 of 4"), "{}", invoice.markup);
        assert_eq!(invoice.attributes, vec![(page::PRERENDERED, "billing #/en/invoice/1".to_string()), (page::PACK, "billing".into()), (page::ROUTE, "#/en/invoice/1".into())]);
        for p in &pages {
            for href in p.markup.split("href=\"").skip(1).map(|s| &s[..s.find('"').unwrap()]) {
                let ok = files.contains(&href) || href.starts_with("https://") || href.starts_with("http://") || href.starts_with("#/") || href.starts_with("?pack=");
                assert!(ok, "{}: link {href}", p.file);
            }
        }
        // The checker waits for the buyer: no verdict, and no time zone it cannot know.
        let checker = pages.iter().find(|p| p.file == "pages/billing/en/refund-checker.html").unwrap();
        assert!(checker.markup.contains("My time zone<") && !checker.markup.contains("class=\"verdict\""), "{}", checker.markup);
    }

    /// Every `(tag, attribute, value)` of `markup`, read the way a browser tokenizes it
    /// (quoted values may hold anything; Yew's markup quotes every value).
    fn attributes(markup: &str) -> Vec<(String, String, String)> {
        let mut out = Vec::new();
        let mut rest = markup;
        while let Some(open) = rest.find('<') {
            rest = &rest[open + 1..];
            let name_end = rest.find(|c: char| c.is_whitespace() || c == '>' || c == '/').unwrap_or(rest.len());
            let tag = rest[..name_end].to_ascii_lowercase();
            rest = &rest[name_end..];
            out.push((tag.clone(), String::new(), String::new()));
            loop {
                rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == '/');
                if rest.starts_with('>') || rest.is_empty() {
                    break;
                }
                let n = rest.find(|c: char| c.is_whitespace() || c == '=' || c == '>').unwrap_or(rest.len());
                let name = rest[..n].to_ascii_lowercase();
                rest = &rest[n..];
                let mut value = String::new();
                if let Some(r) = rest.strip_prefix("=\"") {
                    let end = r.find('"').expect("a closed quote");
                    value = r[..end].to_owned();
                    rest = &r[end + 1..];
                }
                out.push((tag.clone(), name, value));
            }
        }
        out
    }

    #[test]
    fn hostile_content_stays_text() {
        const ACTIVE: &[&str] = &["script", "style", "iframe", "frame", "object", "embed", "link", "meta", "base", "template", "math", "svg", "textarea", "select", "noscript"];
        let pages = pages(&[fixture("xss")]);
        assert!(pages.len() > 3);
        for p in pages {
            for (tag, name, value) in attributes(&p.markup) {
                let tag = tag.trim_start_matches('/');
                assert!(!ACTIVE.contains(&tag), "{}: <{tag}>", p.file);
                assert!(!name.starts_with("on") && name != "style" && name != "srcdoc", "{}: <{tag} {name}>", p.file);
                if name == "href" || name == "src" {
                    let v = value.trim().to_ascii_lowercase();
                    assert!(v.starts_with("https://") || v.starts_with("http://") || v.starts_with('#') || v.starts_with("?pack=") || v.starts_with("pages/"), "{}: {name}={value}", p.file);
                }
            }
        }
    }

    #[test]
    fn the_stylesheet_hides_what_the_boot_script_marks() {
        let css = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/stepwise.css")).unwrap();
        assert!(css.contains(&format!("html.{} [{}] {{ display: none; }}", page::WAITING, page::ROOT)), "assets/stepwise.css");
    }

    #[test]
    fn the_stylesheet_has_a_crop_query_for_each_breakpoint_and_no_other() {
        let css = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/stepwise.css")).unwrap();
        let queries: Vec<&str> = css.split("@container (width < ").skip(1).map(|q| q.split("px)").next().unwrap()).collect();
        let breakpoints: Vec<String> = stepwise_core::highlight::CROP_BREAKPOINTS.iter().map(u32::to_string).collect();
        assert_eq!(queries, breakpoints);
        for b in &breakpoints {
            assert_eq!(css.matches(&format!("[data-crop-below=\"{b}\"]")).count(), 1, "{b}");
        }
    }

    #[test]
    fn fill_puts_the_page_in_the_template() {
        let page = Page {
            file: "pages/billing/en/invoice.html".into(),
            lang: "en".into(),
            title: "Invoice <&> \"x\"".into(),
            attributes: vec![(page::PRERENDERED, "billing #/en/invoice/1".into())],
            markup: "<div class=\"app\">hi</div>".into(),
        };
        let html = fill(TEMPLATE, &page).unwrap();
        assert_eq!(
            html,
            r#"<!doctype html><html lang="en" data-prerendered="billing #/en/invoice/1"><base href="../../../"><meta charset=utf-8><title>Invoice &lt;&amp;&gt; &quot;x&quot;</title><link href=pwa.js><body><div class=stepwise data-stepwise-page id=stepwise><div class="app">hi</div></div></body></html>"#
        );
        let index = fill(TEMPLATE, &Page { file: "index.html".into(), ..page.clone() }).unwrap();
        assert!(!index.contains("<base"));
        assert!(fill("<html><title>x</title><body></body>", &page).unwrap_err().contains("app element"));
        assert!(fill("<title>x</title>", &page).is_err());
    }
}
