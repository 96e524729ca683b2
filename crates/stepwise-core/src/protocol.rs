//! Every name that JavaScript and Rust share, written once.
//!
//! The loader (`embed/loader.js`), the PWA shell (`pwa/pwa.js`) and the service worker
//! (`pwa/sw.js`) are plain JS; the app is Rust. What crosses between them (the script tag's
//! `data-` attributes, the commands the loader forwards to the wasm, the events the widget
//! sends back and their payload fields, the DOM events between the PWA shell and the app,
//! the cache names, the storage keys) is defined here as enums with `as_str`. The JS files
//! never spell these names: `stepwise-cli protocol` prints them as JSON, and
//! `scripts/post-build.mjs` writes them into the JS at build time (refusing a placeholder it
//! cannot fill). `tests/e2e/protocol.test.mjs` fails when the built JS and this module disagree.

use crate::route::Route;

/// Declares a closed set of names: the enum, `ALL`, `as_str` and `parse`.
macro_rules! names {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident = $s:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name { $($(#[$vdoc])* $variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub const fn as_str(self) -> &'static str {
                match self { $($name::$variant => $s),+ }
            }

            pub fn parse(s: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|n| n.as_str() == s)
            }
        }
    };
}

names! {
    /// The script tag's settings, without `data-`.
    Attribute {
        Pack = "pack",
        Locale = "locale",
        Position = "position",
        ZIndex = "z-index",
        Procedure = "procedure",
        DocsBase = "docs-base",
        /// A seller's own pack index (`…/packs/index.json`, written by `stepwise-cli build`).
        PackUrl = "pack-url",
        /// The seller's brand colour (launcher and panel); refused below WCAG AA on white text.
        Accent = "accent",
        /// The launcher's text.
        Label = "label",
    }
}

names! {
    /// What the loader forwards to the mounted widget (`WidgetHandle::command`).
    CommandName {
        Open = "open",
        Close = "close",
        SetLocale = "setLocale",
        Destroy = "destroy",
    }
}

names! {
    /// What the widget tells the loader, which passes each on to the page's listeners.
    EventName {
        Open = "open",
        Close = "close",
        Step = "step",
        RefundCheck = "refund-check",
        /// The panel's locale changed (the launcher follows it).
        Locale = "locale",
    }
}

names! {
    /// The fields of the events' payloads.
    Field {
        Procedure = "procedure",
        Step = "step",
        Eligible = "eligible",
        Deadline = "deadline",
        Locale = "locale",
    }
}

names! {
    /// DOM events on `window` between the standalone page's PWA shell and the app.
    PageEvent {
        /// Shell → app: a new version is installed and waits.
        UpdateReady = "stepwise:update-ready",
        /// App → shell: switch to the waiting version.
        ApplyUpdate = "stepwise:apply-update",
        /// App → shell: save these screenshot URLs for offline use.
        SaveAll = "stepwise:save-all",
        /// Shell → app: `[saved, failed]` so far.
        SaveProgress = "stepwise:save-progress",
    }
}

/// The attribute on `<html>` by which the shell says an update waits (for an app that mounts
/// after the news), as the DOM's `dataset` spells it and as markup does.
pub const UPDATE_FLAG_DATASET: &str = "stepwiseUpdate";
pub const UPDATE_FLAG_ATTRIBUTE: &str = "data-stepwise-update";

/// The standalone page's prerendered markup (`stepwise-prerender`), as the app and the page's
/// boot script (`page/boot.js`) read it: attributes on `<html>`, so that the boot script, in
/// `<head>`, sees them before the first paint.
pub mod page {
    /// The element the app renders into.
    pub const ROOT: &str = "data-stepwise-page";
    /// What the markup shows: `<pack> <route as a hash>` (`billing #/zh-CN`); removed when the
    /// app takes over.
    pub const PRERENDERED: &str = "data-prerendered";
    /// A landing page's pack, which the page shows whatever the query says.
    pub const PACK: &str = "data-pack";
    /// A landing page's route (as a hash), the route while the URL has no hash.
    pub const ROUTE: &str = "data-route";
    /// The pack's locales, its default first (the boot script negotiates the list's language).
    pub const LOCALES: &str = "data-locales";
    /// On the app's page: each locale's landing page with the list, in the order of
    /// [`LOCALES`] (the boot script sends a buyer who reads another language there, where the
    /// list is prerendered in it).
    pub const LISTS: &str = "data-lists";
    /// The class on `<html>` that hides prerendered markup the app will not show (a deep link
    /// in the hash, another language, a remembered step): set by the boot script, removed
    /// when the app takes over.
    pub const WAITING: &str = "sw-waiting";
}

/// The service worker's cache names.
pub const SHELL_CACHE_PREFIX: &str = "stepwise-shell-";
pub const SHOTS_CACHE: &str = "stepwise-shots";
/// The message a page sends a waiting worker to take over.
pub const SKIP_WAITING: &str = "skip-waiting";
/// The key of the message asking the worker to keep a list of screenshots ("save all").
pub const SAVE_SCREENSHOTS: &str = "stepwise-save-screenshots";

/// What the app keeps in `localStorage`, per pack.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StorageKey {
    Locale,
    LastStep,
}

impl StorageKey {
    const PREFIX: &'static str = "stepwise:";

    pub const fn suffix(self) -> &'static str {
        match self {
            StorageKey::Locale => "locale",
            StorageKey::LastStep => "last-step",
        }
    }

    /// `stepwise:<pack>:<what>`.
    pub fn for_pack(self, pack: &str) -> String {
        format!("{}{pack}:{}", Self::PREFIX, self.suffix())
    }
}

/// What the host page asks of the widget, read from a [`CommandName`] and its arguments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// Open the panel, at a place if one is given (its locale left to the panel's current one).
    Open(Option<Route>),
    Close,
    SetLocale(String),
    /// Unmount: the app, its listeners and its memory go.
    Destroy,
}

/// What the widget tells the host page.
#[derive(Debug, Clone, PartialEq)]
pub enum WidgetEvent {
    Open,
    Close,
    Step { procedure: String, step: usize },
    RefundCheck { eligible: bool, deadline: i64 },
    Locale(String),
}

impl WidgetEvent {
    pub fn name(&self) -> EventName {
        match self {
            WidgetEvent::Open => EventName::Open,
            WidgetEvent::Close => EventName::Close,
            WidgetEvent::Step { .. } => EventName::Step,
            WidgetEvent::RefundCheck { .. } => EventName::RefundCheck,
            WidgetEvent::Locale(_) => EventName::Locale,
        }
    }
}

/// Reads a command from the loader: its name and up to two arguments, as the JS API took
/// them (`open(procedure?, step?)`, `setLocale(locale)`). `None` for an unknown name.
pub fn read_command(name: &str, text: Option<String>, number: Option<f64>) -> Option<Command> {
    Some(match CommandName::parse(name)? {
        CommandName::Open => Command::Open(text.filter(|p| !p.is_empty()).map(|slug| {
            let view = match slug.as_str() {
                crate::route::CHECKER => crate::route::View::Checker,
                _ => {
                    let step = number.filter(|n| n.is_finite() && *n >= 1.0).map_or(1, |n| n.min(1e6) as usize);
                    crate::route::View::Procedure { slug, step }
                }
            };
            Route { locale: None, view }
        })),
        CommandName::Close => Command::Close,
        CommandName::SetLocale => Command::SetLocale(text?),
        CommandName::Destroy => Command::Destroy,
    })
}

/// Where a build's pack index lives, relative to the build (the standalone page, the loader):
/// `stepwise-cli build` writes it there, the app fetches it from there.
pub const PACK_INDEX: &str = "packs/index.json";

/// The rule for a pack file's name as an index gives it, as the JS reads it (`new
/// RegExp(P.packFile)`): a plain name in the index's own folder, ending `.swpk` (the CLI writes
/// `<pack>.<locale>.<content hash>.swpk`). ASCII letters, digits, `-`, `_` and `.`, not first a
/// `.`, at most 200 bytes: no separator (`/`, `\`), no `..` segment, no scheme (`:`), no
/// absolute or `//` form, nothing to percent-decode. The embed runtime (fetching ahead, before
/// the wasm) and the app ([`is_pack_file_name`]) both refuse any other name before a request is
/// made; a test compares the two spellings of the rule.
pub const PACK_FILE_PATTERN: &str = r"^[A-Za-z0-9_-][A-Za-z0-9._-]{0,194}\.swpk$";

/// Whether `name` is a pack file's name an index may give ([`PACK_FILE_PATTERN`]).
pub fn is_pack_file_name(name: &str) -> bool {
    let Some(stem) = name.strip_suffix(".swpk") else { return false };
    let plain = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.');
    name.len() <= 200 && !stem.is_empty() && !stem.starts_with('.') && stem.bytes().all(plain)
}

/// Every name above as one JSON object, for `stepwise-cli protocol` and so for the JS files.
pub fn to_json() -> String {
    fn list<T: Copy>(all: &[T], f: impl Fn(T) -> (String, &'static str)) -> String {
        let items: Vec<String> = all.iter().map(|&n| {
            let (k, v) = f(n);
            format!("{}:{}", json_string(&k), json_string(v))
        }).collect();
        format!("{{{}}}", items.join(","))
    }
    let key = |d: String| lower_camel(&d);
    let entries = [
        ("attributes", list(Attribute::ALL, |n| (key(format!("{n:?}")), n.as_str()))),
        ("commands", list(CommandName::ALL, |n| (key(format!("{n:?}")), n.as_str()))),
        ("events", list(EventName::ALL, |n| (key(format!("{n:?}")), n.as_str()))),
        ("fields", list(Field::ALL, |n| (key(format!("{n:?}")), n.as_str()))),
        ("pageEvents", list(PageEvent::ALL, |n| (key(format!("{n:?}")), n.as_str()))),
        ("packIndex", json_string(PACK_INDEX)),
        ("packFile", json_string(PACK_FILE_PATTERN)),
        (
            "caches",
            format!("{{\"shellPrefix\":{},\"shots\":{}}}", json_string(SHELL_CACHE_PREFIX), json_string(SHOTS_CACHE)),
        ),
        (
            "storage",
            format!(
                "{{\"prefix\":{},\"locale\":{},\"lastStep\":{}}}",
                json_string(StorageKey::PREFIX),
                json_string(StorageKey::Locale.suffix()),
                json_string(StorageKey::LastStep.suffix())
            ),
        ),
        (
            "updateFlag",
            format!("{{\"dataset\":{},\"attribute\":{}}}", json_string(UPDATE_FLAG_DATASET), json_string(UPDATE_FLAG_ATTRIBUTE)),
        ),
        (
            "page",
            format!(
                "{{\"root\":{},\"prerendered\":{},\"pack\":{},\"route\":{},\"locales\":{},\"lists\":{},\"waiting\":{},\"packParam\":{}}}",
                json_string(page::ROOT),
                json_string(page::PRERENDERED),
                json_string(page::PACK),
                json_string(page::ROUTE),
                json_string(page::LOCALES),
                json_string(page::LISTS),
                json_string(page::WAITING),
                json_string(crate::route::PACK_PARAM)
            ),
        ),
        (
            "panel",
            format!("{{\"folder\":{},\"suffix\":{}}}", json_string(crate::route::LANDING_FOLDER), json_string(crate::route::PANEL_SUFFIX)),
        ),
        ("skipWaiting", json_string(SKIP_WAITING)),
        ("saveScreenshots", json_string(SAVE_SCREENSHOTS)),
    ];
    let body: Vec<String> = entries.iter().map(|(k, v)| format!("{}:{v}", json_string(k))).collect();
    format!("{{{}}}", body.join(","))
}

fn lower_camel(variant: &str) -> String {
    let mut c = variant.chars();
    c.next().map(|f| f.to_ascii_lowercase().to_string() + c.as_str()).unwrap_or_default()
}

/// A JSON string literal (also a valid JS one).
pub fn json_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 || c == '\u{2028}' || c == '\u{2029}' => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn pack_file_names() {
        for ok in ["billing.zh-CN.0123456789abcdef.swpk", "a.swpk", "my_pack.en.ffff.swpk"] {
            assert!(is_pack_file_name(ok), "{ok}");
        }
        let long = format!("{}.swpk", "a".repeat(196));
        for bad in [
            "", ".swpk", "../x.swpk", "..\\x.swpk", "a/b.swpk", "/x.swpk", "//evil.test/x.swpk", "https://evil.test/x.swpk",
            "x.swpk?y", "x.swpk#y", "%2e%2e%2fx.swpk", "x.json", ".hidden.swpk", "x .swpk", "x.SWPK", "x\u{0}.swpk", long.as_str(),
        ] {
            assert!(!is_pack_file_name(bad), "{bad:?}");
        }
    }

    proptest! {
        /// The JS's rule (the pattern) and the app's agree on every name, near misses included.
        #[test]
        fn the_two_spellings_of_the_file_name_rule_agree(name in "[a-zA-Z0-9._/\\\\:%?#-]{0,12}(\\.swpk)?|[a-z.]{190,200}\\.swpk") {
            let pattern = regex_lite::Regex::new(PACK_FILE_PATTERN).unwrap();
            prop_assert_eq!(is_pack_file_name(&name), pattern.is_match(&name), "{}", name);
        }
    }
    use crate::route::View;

    #[test]
    fn every_name_reads_back_and_names_are_unique() {
        fn check<T: Copy + PartialEq + std::fmt::Debug>(all: &[T], as_str: fn(T) -> &'static str, parse: fn(&str) -> Option<T>) {
            for &n in all {
                assert_eq!(parse(as_str(n)), Some(n));
            }
            let mut names: Vec<_> = all.iter().map(|&n| as_str(n)).collect();
            names.sort();
            names.dedup();
            assert_eq!(names.len(), all.len());
        }
        check(Attribute::ALL, Attribute::as_str, Attribute::parse);
        check(CommandName::ALL, CommandName::as_str, CommandName::parse);
        check(EventName::ALL, EventName::as_str, EventName::parse);
        check(Field::ALL, Field::as_str, Field::parse);
        check(PageEvent::ALL, PageEvent::as_str, PageEvent::parse);
        assert_eq!(Attribute::parse("colour"), None);
    }

    #[test]
    fn commands_are_read_from_the_js_api_arguments() {
        assert_eq!(read_command("open", None, None), Some(Command::Open(None)));
        assert_eq!(read_command("open", Some(String::new()), None), Some(Command::Open(None)));
        let step = |s| Some(Command::Open(Some(Route { locale: None, view: View::Procedure { slug: "invoice".into(), step: s } })));
        assert_eq!(read_command("open", Some("invoice".into()), Some(2.0)), step(2));
        assert_eq!(read_command("open", Some("invoice".into()), Some(f64::NAN)), step(1));
        assert_eq!(read_command("open", Some("invoice".into()), Some(-3.0)), step(1));
        assert_eq!(read_command("open", Some("invoice".into()), Some(1e300)), step(1_000_000));
        assert_eq!(read_command("open", Some("refund-checker".into()), None), Some(Command::Open(Some(Route { locale: None, view: View::Checker }))));
        assert_eq!(read_command("setLocale", Some("en".into()), None), Some(Command::SetLocale("en".into())));
        assert_eq!(read_command("setLocale", None, None), None);
        assert_eq!(read_command("close", None, None), Some(Command::Close));
        assert_eq!(read_command("destroy", None, None), Some(Command::Destroy));
        assert_eq!(read_command("toString", None, None), None);
    }

    #[test]
    fn the_json_names_everything() {
        let json = to_json();
        for n in Attribute::ALL.iter().map(|n| n.as_str())
            .chain(CommandName::ALL.iter().map(|n| n.as_str()))
            .chain(EventName::ALL.iter().map(|n| n.as_str()))
            .chain(PageEvent::ALL.iter().map(|n| n.as_str()))
            .chain([SHELL_CACHE_PREFIX, SHOTS_CACHE, SKIP_WAITING, SAVE_SCREENSHOTS, UPDATE_FLAG_DATASET])
            .chain([page::ROOT, page::PRERENDERED, page::PACK, page::ROUTE, page::LOCALES, page::LISTS, page::WAITING])
        {
            assert!(json.contains(&json_string(n)), "{n} missing from {json}");
        }
        assert!(json.contains("\"refundCheck\":\"refund-check\""), "{json}");
        assert!(json.contains("\"zIndex\":\"z-index\""), "{json}");
        assert_eq!(StorageKey::LastStep.for_pack("hw"), "stepwise:hw:last-step");
        assert_eq!(json_string("a\"b\\\n"), "\"a\\\"b\\\\\\u000a\"");
    }
}
