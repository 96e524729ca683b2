//! Deep links: `#/zh-CN` (the list), `#/zh-CN/invoice/2` (a step), `#/zh-CN/refund-checker`.
//!
//! The standalone page shows one pack of its index, named by the query (`?pack=aliyun#/en`):
//! the hash stays the route within it, so links without a pack keep working (the index's
//! first pack) and the pack never changes under a mounted app (another pack is another page).
//!
//! Landing pages: the build prerenders the routes a buyer lands on (the list, each
//! procedure's first step, the checker) as HTML files ([`landing_page`]), which paint before
//! the wasm and link to one another; the app then takes over with the same routes.
//!
//! A route is only syntax; whether the locale and procedure exist is the pack's business
//! ([`Route::resolve`]). The same string is what the widget remembers in storage.

use crate::model::Pack;

/// The checker's path segment; no procedure may take it as its slug.
pub const CHECKER: &str = "refund-checker";
/// Slugs a procedure cannot have, because a route already uses them.
pub const RESERVED_SLUGS: &[&str] = &[CHECKER];

/// The query parameter naming the standalone page's pack.
pub const PACK_PARAM: &str = "pack";

/// The pack named by `location.search` (`?pack=aliyun`, with or without `?`), if any: the
/// first `pack=` parameter, percent-decoded (`+` is a space), when it is not empty.
pub fn pack_param(search: &str) -> Option<String> {
    search.trim_start_matches('?').split('&').find_map(|pair| {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        (key == PACK_PARAM).then(|| percent_decode(&value.replace('+', " "))).filter(|v| !v.trim().is_empty())
    })
}

/// The folder of the prerendered landing pages, in the build.
pub const LANDING_FOLDER: &str = "pages";

/// The build's prerendered widget panel (its list) for `pack` in `locale`, relative to the
/// build's root: `pages/<pack>/<locale>.panel.json`, beside the locale's folder (so no route's
/// page can have its name). The embed runtime shows it while the wasm loads.
pub fn panel_fragment(pack: &str, locale: &str) -> Option<String> {
    (plain_name(pack) && plain_name(locale)).then(|| format!("{LANDING_FOLDER}/{pack}/{locale}{PANEL_SUFFIX}"))
}

/// The end of a panel fragment's name ([`panel_fragment`]).
pub const PANEL_SUFFIX: &str = ".panel.json";

/// A segment that is a plain file name: ASCII letters, digits, `-`, `_`, at most 80 bytes.
/// A pack's id is one (it names the pack's files, pages and storage keys).
pub fn plain_name(s: &str) -> bool {
    !s.is_empty() && s.len() <= 80 && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// The build's prerendered page for `route` of pack `pack`, relative to the build's root, if
/// the build writes one: `pages/<pack>/<locale>/index.html` (the list),
/// `pages/<pack>/<locale>/<slug>.html` (a procedure's first step),
/// `pages/<pack>/<locale>/<slug>/<step>.html` (its other steps),
/// `pages/<pack>/<locale>/refund-checker.html`. Only for a route that names its locale, and
/// only when every segment is a plain file name (ASCII letters, digits, `-`, `_`) and a slug is
/// not `index`; other routes live in the hash of the app's page. (The build writes the pages
/// of the places its packs have: a procedure's steps, the checker where there is a refund rule.)
pub fn landing_page(pack: &str, route: &Route) -> Option<String> {
    let plain = plain_name;
    let locale = route.locale.as_deref().filter(|l| plain(l))?;
    let name = match &route.view {
        View::List => "index".to_owned(),
        View::Checker => CHECKER.to_owned(),
        View::Procedure { slug, step } if plain(slug) && slug != "index" => match step {
            1 => slug.clone(),
            n => format!("{slug}/{n}"),
        },
        View::Procedure { .. } => return None,
    };
    plain(pack).then(|| format!("{LANDING_FOLDER}/{pack}/{locale}/{name}.html"))
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum View {
    List,
    /// `step` is 1-based.
    Procedure { slug: String, step: usize },
    Checker,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Route {
    /// `None` when the link names no locale (`#/`): the buyer's language decides.
    pub locale: Option<String>,
    pub view: View,
}

/// What resolving a route against a pack found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved {
    pub locale: String,
    pub view: View,
    /// The link named a procedure the pack does not have.
    pub not_found: bool,
}

impl Route {
    pub fn list(locale: &str) -> Self {
        Route { locale: Some(locale.to_owned()), view: View::List }
    }

    pub fn step(locale: &str, slug: &str, step: usize) -> Self {
        Route { locale: Some(locale.to_owned()), view: View::Procedure { slug: slug.to_owned(), step } }
    }

    pub fn checker(locale: &str) -> Self {
        Route { locale: Some(locale.to_owned()), view: View::Checker }
    }

    /// Reads `location.hash` (with or without `#`), percent-encoded or not. Never fails:
    /// what it cannot read becomes the list.
    pub fn parse(hash: &str) -> Self {
        let path = hash.trim_start_matches('#').trim_start_matches('/');
        let path = path.split(['?']).next().unwrap_or("");
        let parts: Vec<String> = path.split('/').filter(|s| !s.is_empty()).map(percent_decode).collect();
        let locale = parts.first().cloned();
        let view = match parts.get(1).map(String::as_str) {
            None => View::List,
            Some(CHECKER) => View::Checker,
            Some(slug) => {
                let step = parts.get(2).and_then(|s| s.parse::<usize>().ok()).filter(|&n| n >= 1).unwrap_or(1);
                View::Procedure { slug: slug.to_owned(), step }
            }
        };
        Route { locale, view }
    }

    /// The hash for this route, `#/en/invoice/2`.
    pub fn to_hash(&self) -> String {
        // Encoded like the slug: a locale read from a hash may hold anything (`%2F` included).
        let locale = percent_encode(self.locale.as_deref().unwrap_or(""));
        match &self.view {
            View::List => format!("#/{locale}"),
            View::Checker => format!("#/{locale}/{CHECKER}"),
            View::Procedure { slug, step } => format!("#/{locale}/{}/{step}", percent_encode(slug)),
        }
    }

    /// The link to this route on the app's page: its hash, after `?pack=<id>` when the link
    /// names a pack (`?pack=calendar#/en/invoice/2`; read back by [`pack_param`] and [`Route::parse`]).
    pub fn href(&self, pack: Option<&str>) -> String {
        match pack {
            Some(p) => format!("?{PACK_PARAM}={}{}", percent_encode(p), self.to_hash()),
            None => self.to_hash(),
        }
    }

    /// Fits the route to the pack: an unknown locale becomes `fallback_locale`, a step past
    /// the end becomes the last step, an unknown procedure (or the checker of a pack without
    /// a refund rule) becomes the list.
    pub fn resolve(&self, pack: &Pack, fallback_locale: &str) -> Resolved {
        let locale = match &self.locale {
            // Before the pack's locales are known, the route's is taken as it is.
            Some(l) if pack.has_locale(l) || pack.available.is_empty() => l.clone(),
            _ => fallback_locale.to_owned(),
        };
        let (view, not_found) = match (&self.view, pack.locale(&locale)) {
            // The locale's content (and with it the pack's rule) is not at hand yet: the view
            // waits for it, unchecked.
            (view, None) => (view.clone(), false),
            (View::Procedure { slug, step }, Some(content)) => match content.procedure(slug) {
                Some(p) => (View::Procedure { slug: slug.clone(), step: (*step).clamp(1, p.steps.len().max(1)) }, false),
                None => (View::List, true),
            },
            // A pack without a refund rule has no checker.
            (View::Checker, _) if pack.refund.is_none() => (View::List, true),
            (other, _) => (other.clone(), false),
        };
        Resolved { locale, view, not_found }
    }
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// `s` with every byte but ASCII letters, digits and `-_.~` percent-encoded.
pub fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn reads_deep_links() {
        assert_eq!(Route::parse("#/zh-CN/invoice/2"), Route::step("zh-CN", "invoice", 2));
        assert_eq!(Route::parse("#/en/invoice"), Route::step("en", "invoice", 1));
        assert_eq!(Route::parse("#/en/invoice/zero"), Route::step("en", "invoice", 1));
        assert_eq!(Route::parse("#/en/invoice/0"), Route::step("en", "invoice", 1));
        assert_eq!(Route::parse("#/en"), Route::list("en"));
        assert_eq!(Route::parse("#/en/refund-checker"), Route::checker("en"));
        assert_eq!(Route::parse(""), Route { locale: None, view: View::List });
        assert_eq!(Route::parse("#"), Route { locale: None, view: View::List });
        assert_eq!(Route::parse("#/zh-CN/%E8%AE%A2%E5%8D%95/3"), Route::step("zh-CN", "订单", 3));
        assert_eq!(Route::parse("#/x/%E8%AE%A2%/3"), Route::step("x", "订%", 3));
    }

    #[test]
    fn writes_deep_links() {
        assert_eq!(Route::step("zh-CN", "invoice", 2).to_hash(), "#/zh-CN/invoice/2");
        assert_eq!(Route::checker("en").to_hash(), "#/en/refund-checker");
        assert_eq!(Route::list("en").to_hash(), "#/en");
        assert_eq!(Route::step("zh-CN", "订单", 1).to_hash(), "#/zh-CN/%E8%AE%A2%E5%8D%95/1");
        // Found by fuzz_inputs: a locale holding an encoded `/` must be written back encoded.
        let odd = Route::parse("#/a%2Fb/invoice/2");
        assert_eq!(odd.to_hash(), "#/a%2Fb/invoice/2");
        assert_eq!(Route::parse(&odd.to_hash()), odd);
    }

    #[test]
    fn the_query_names_the_pack() {
        assert_eq!(pack_param("?pack=aliyun"), Some("aliyun".into()));
        assert_eq!(pack_param("pack=aliyun"), Some("aliyun".into()));
        assert_eq!(pack_param("?utm_source=x&pack=ali%79un&pack=other"), Some("aliyun".into()));
        assert_eq!(pack_param("?pack=a+b"), Some("a b".into()));
        assert_eq!(pack_param(""), None);
        assert_eq!(pack_param("?pack="), None);
        assert_eq!(pack_param("?pack"), None);
        assert_eq!(pack_param("?packs=x&xpack=y"), None);
    }

    #[test]
    fn landing_pages_are_named_by_pack_locale_and_route() {
        assert_eq!(landing_page("billing", &Route::list("zh-CN")).as_deref(), Some("pages/billing/zh-CN/index.html"));
        assert_eq!(landing_page("billing", &Route::step("en", "invoice", 1)).as_deref(), Some("pages/billing/en/invoice.html"));
        assert_eq!(landing_page("billing", &Route::checker("en")).as_deref(), Some("pages/billing/en/refund-checker.html"));
        // Not a landing: a later step, no locale, a slug that is not a plain name or is `index`.
        assert_eq!(landing_page("billing", &Route::step("en", "invoice", 2)).as_deref(), Some("pages/billing/en/invoice/2.html"));
        assert_eq!(landing_page("billing", &Route::parse("")), None);
        assert_eq!(landing_page("billing", &Route::step("en", "订单", 1)), None);
        assert_eq!(landing_page("billing", &Route::step("en", "index", 1)), None);
        assert_eq!(landing_page("billing", &Route::step("en", "..", 1)), None);
        assert_eq!(landing_page("a/b", &Route::list("en")), None);
        assert_eq!(landing_page("billing", &Route::list("../x")), None);
        assert_eq!(panel_fragment("billing", "zh-CN").as_deref(), Some("pages/billing/zh-CN.panel.json"));
        assert_eq!(panel_fragment("billing", "../x"), None);
    }

    proptest! {
        /// A landing page is a file inside its pack's folder: no other route or pack writes it,
        /// and no name climbs out of the folder.
        #[test]
        fn landing_pages_stay_in_their_folder_and_never_collide(
            pack in "[a-z0-9._/-]{1,6}", locale in "[a-zA-Z.%/-]{1,6}", a in "[a-z0-9._%-]{1,8}", b in "[a-z0-9._%-]{1,8}",
        ) {
            let routes = [Route::list(&locale), Route::checker(&locale), Route::step(&locale, &a, 1), Route::step(&locale, &b, 1)];
            let pages: Vec<Option<String>> = routes.iter().map(|r| landing_page(&pack, r)).collect();
            for (i, p) in pages.iter().enumerate() {
                let Some(p) = p else { continue };
                let folder = format!("pages/{}/{}/", pack, locale);
                prop_assert!(p.starts_with(&folder) && p.ends_with(".html"));
                prop_assert!(!p.split('/').any(|seg| seg == ".." || seg == "." || seg.is_empty()));
                prop_assert_ne!(Some(p.clone()), panel_fragment(&pack, &locale));
                for (j, q) in pages.iter().enumerate() {
                    if i != j && routes[i] != routes[j] {
                        prop_assert_ne!(Some(p), q.as_ref());
                    }
                }
            }
        }

        #[test]
        fn any_query_reads(search in "\\PC{0,40}") {
            let _ = pack_param(&search);
        }

        #[test]
        fn links_round_trip(locale in "[a-zA-Z-]{1,8}", slug in "\\PC{1,12}", step in 1usize..100) {
            prop_assume!(slug != CHECKER && !slug.contains('/') && !slug.contains('?') && !slug.trim_start_matches('#').is_empty());
            let r = Route::step(&locale, &slug, step);
            prop_assert_eq!(Route::parse(&r.to_hash()), r);
        }

        #[test]
        fn links_name_their_pack(pack in "\\PC{1,12}", slug in "[a-z-]{1,8}", step in 1usize..9) {
            prop_assume!(!pack.trim().is_empty());
            let r = Route::step("en", &slug, step);
            let href = r.href(Some(&pack));
            let (query, hash) = href.split_at(href.find('#').unwrap());
            prop_assert_eq!(pack_param(query), Some(pack.clone()));
            prop_assert_eq!(Route::parse(hash), r.clone());
            prop_assert_eq!(r.href(None), r.to_hash());
        }

        #[test]
        fn any_hash_parses(hash in "\\PC{0,40}") {
            let _ = Route::parse(&hash);
        }
    }
}
