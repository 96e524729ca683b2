//! Every name that JavaScript and Rust share, written once.
//!
//! The loader (`embed/loader.js`), the PWA shell (`pwa/pwa.js`) and the service worker
//! (`pwa/sw.js`) are plain JS; the app is Rust. What crosses between them (the script tag's
//! `data-` attributes, the commands the loader forwards to the wasm, the events the widget
//! sends back and their payload fields, the DOM events between the PWA shell and the app,
//! the cache names, the storage keys) is defined here as enums with `as_str`. The JS files
//! never spell these names: they import them from `js/generated/protocol.js`, which the build
//! writes from [`Protocol`] (`stepwise-cli protocol --js`) before it bundles them.
//! `tests/e2e/protocol.test.mjs` fails when the built JS and this module disagree.

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

            /// The variant's name, as the JS names it (in lower camel case: `refundCheck`).
            pub fn key(self) -> String {
                let name = match self { $($name::$variant => stringify!($variant)),+ };
                name[..1].to_ascii_lowercase() + &name[1..]
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
        /// Not the page's: the runtime's, for the place the buyer chose in the prerendered
        /// panel before the app took over (a link's hash, read by [`Route::parse`]).
        Navigate = "navigate",
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
        /// The writing direction of the `locale` event's locale (`ltr`, `rtl`).
        Direction = "dir",
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
    /// On the app's page: `<slug>:<steps>` of each procedure of its pack, space-separated (every
    /// step has a prerendered page, [`crate::route::landing_page`]: the boot script sends a
    /// deep link there before the first paint).
    pub const STEPS: &str = "data-steps";
    /// On the app's page, when its pack has a refund checker (and so the checker's page).
    pub const CHECKER: &str = "data-checker";
    /// The class on `<html>` that hides prerendered markup the app will not show (a deep link
    /// in the hash, another language, a remembered step): set by the boot script, removed
    /// when the app takes over.
    pub const WAITING: &str = "sw-waiting";
}

/// The launcher's defaults, as the loader applies them (it imports them from the generated
/// protocol modules) and the app's warnings name them ([`crate::embed`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "camelCase"))]
pub struct LauncherDefaults {
    /// Every position, the default first.
    pub positions: [&'static str; 2],
    /// Above almost any page's own layers, below the browser's top layer.
    pub z_index: &'static str,
    pub max_label_length: usize,
}

pub const LAUNCHER_DEFAULTS: LauncherDefaults = LauncherDefaults { positions: ["bottom-right", "bottom-left"], z_index: "2147483000", max_label_length: 40 };

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
    /// Go to this place (locale included), as a link in the panel would.
    Navigate(Route),
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
        CommandName::Navigate => Command::Navigate(Route::parse(&text?)),
    })
}

/// Where a build's pack index lives, relative to the build (the standalone page, the loader):
/// `stepwise-cli build` writes it there, the embed runtime fetches it from there.
pub const PACK_INDEX: &str = "packs/index.json";

/// The app's copy of a pack index, in the index's own folder
/// ([`crate::pack_index::PackIndex::binary_url`]).
pub const BINARY_INDEX: &str = "index.swpi";

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

/// Every name above, as the JS files get them (`stepwise-cli protocol` prints it as JSON,
/// `--js` as the module `js/generated/protocol.js`), with the launcher's words in each of the
/// widget's own languages.
#[cfg(feature = "serde")]
#[derive(Debug, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Protocol {
    pub attributes: Names,
    pub commands: Names,
    pub events: Names,
    pub fields: Names,
    pub page_events: Names,
    pub pack_index: &'static str,
    /// The app's copy of the index, in the index's folder.
    pub binary_index: &'static str,
    pub pack_file: &'static str,
    pub caches: Caches,
    pub storage: Storage,
    pub update_flag: UpdateFlag,
    pub page: PageNames,
    pub panel: PanelNames,
    pub skip_waiting: &'static str,
    pub save_screenshots: &'static str,
    /// The launcher's words and direction in each language the widget speaks (its own UI
    /// strings, [`crate::i18n::ALL`]), the fallback ([`crate::i18n::messages`]'s) last.
    pub launcher: Vec<Launcher>,
    /// The launcher's defaults ([`LAUNCHER_DEFAULTS`]).
    pub launcher_defaults: LauncherDefaults,
}

/// A closed set of names by key: `{"refundCheck": "refund-check", …}`.
#[cfg(feature = "serde")]
#[derive(Debug)]
pub struct Names(Vec<(String, &'static str)>);

#[cfg(feature = "serde")]
impl Names {
    fn of<T: Copy>(all: &[T], key: impl Fn(T) -> String, as_str: impl Fn(T) -> &'static str) -> Names {
        Names(all.iter().map(|&n| (key(n), as_str(n))).collect())
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Names {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

#[cfg(feature = "serde")]
#[derive(Debug, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Caches {
    pub shell_prefix: &'static str,
    pub shots: &'static str,
}

#[cfg(feature = "serde")]
#[derive(Debug, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Storage {
    pub prefix: &'static str,
    pub locale: &'static str,
    pub last_step: &'static str,
}

#[cfg(feature = "serde")]
#[derive(Debug, serde::Serialize)]
pub struct UpdateFlag {
    pub dataset: &'static str,
    pub attribute: &'static str,
}

#[cfg(feature = "serde")]
#[derive(Debug, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PageNames {
    pub root: &'static str,
    pub prerendered: &'static str,
    pub pack: &'static str,
    pub route: &'static str,
    pub locales: &'static str,
    pub lists: &'static str,
    pub waiting: &'static str,
    pub pack_param: &'static str,
    pub steps: &'static str,
    pub checker: &'static str,
}

#[cfg(feature = "serde")]
#[derive(Debug, serde::Serialize)]
pub struct PanelNames {
    pub folder: &'static str,
    pub suffix: &'static str,
}

#[cfg(feature = "serde")]
#[derive(Debug, serde::Serialize)]
pub struct Launcher {
    pub locale: &'static str,
    pub label: &'static str,
    pub dir: &'static str,
}

#[cfg(feature = "serde")]
impl Default for Protocol {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(feature = "serde")]
impl Protocol {
    pub fn new() -> Protocol {
        use crate::i18n;
        let mut launcher: Vec<Launcher> = i18n::ALL.iter().map(|m| Launcher { locale: m.lang, label: m.panel_title, dir: i18n::direction(m.lang) }).collect();
        // The fallback last: the words of a language the widget does not speak.
        let fallback = i18n::messages("").lang;
        launcher.sort_by_key(|l| l.locale == fallback);
        Protocol {
            attributes: Names::of(Attribute::ALL, Attribute::key, Attribute::as_str),
            commands: Names::of(CommandName::ALL, CommandName::key, CommandName::as_str),
            events: Names::of(EventName::ALL, EventName::key, EventName::as_str),
            fields: Names::of(Field::ALL, Field::key, Field::as_str),
            page_events: Names::of(PageEvent::ALL, PageEvent::key, PageEvent::as_str),
            pack_index: PACK_INDEX,
            binary_index: BINARY_INDEX,
            pack_file: PACK_FILE_PATTERN,
            caches: Caches { shell_prefix: SHELL_CACHE_PREFIX, shots: SHOTS_CACHE },
            storage: Storage { prefix: StorageKey::PREFIX, locale: StorageKey::Locale.suffix(), last_step: StorageKey::LastStep.suffix() },
            update_flag: UpdateFlag { dataset: UPDATE_FLAG_DATASET, attribute: UPDATE_FLAG_ATTRIBUTE },
            page: PageNames {
                root: page::ROOT,
                prerendered: page::PRERENDERED,
                pack: page::PACK,
                route: page::ROUTE,
                locales: page::LOCALES,
                lists: page::LISTS,
                waiting: page::WAITING,
                pack_param: crate::route::PACK_PARAM,
                steps: page::STEPS,
                checker: page::CHECKER,
            },
            panel: PanelNames { folder: crate::route::LANDING_FOLDER, suffix: crate::route::PANEL_SUFFIX },
            skip_waiting: SKIP_WAITING,
            save_screenshots: SAVE_SCREENSHOTS,
            launcher,
            launcher_defaults: LAUNCHER_DEFAULTS,
        }
    }
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
        assert_eq!(read_command("navigate", Some("#/en/invoice/2".into()), None), Some(Command::Navigate(Route::step("en", "invoice", 2))));
        assert_eq!(read_command("navigate", None, None), None);
        assert_eq!(read_command("toString", None, None), None);
    }

    #[cfg(feature = "serde")]
    #[test]
    fn the_protocol_names_everything() {
        let json = serde_json::to_string(&Protocol::new()).unwrap();
        let quoted = |s: &str| serde_json::to_string(s).unwrap();
        for n in Attribute::ALL.iter().map(|n| n.as_str())
            .chain(CommandName::ALL.iter().map(|n| n.as_str()))
            .chain(EventName::ALL.iter().map(|n| n.as_str()))
            .chain(PageEvent::ALL.iter().map(|n| n.as_str()))
            .chain([SHELL_CACHE_PREFIX, SHOTS_CACHE, SKIP_WAITING, SAVE_SCREENSHOTS, UPDATE_FLAG_DATASET])
            .chain([page::ROOT, page::PRERENDERED, page::PACK, page::ROUTE, page::LOCALES, page::LISTS, page::WAITING])
        {
            assert!(json.contains(&quoted(n)), "{n} missing from {json}");
        }
        assert!(json.contains(r#""refundCheck":"refund-check""#), "{json}");
        assert!(json.contains(r#""zIndex":"z-index""#), "{json}");
        assert!(json.contains(r#""launcher":[{"locale":"zh-CN","label":"帮助","dir":"ltr"},{"locale":"en","label":"Help","dir":"ltr"}]"#), "{json}");
        assert_eq!(StorageKey::LastStep.for_pack("hw"), "stepwise:hw:last-step");
    }
}
