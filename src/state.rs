//! The app's state: which pack, locale and view, the search text, the zoomed screenshot.
//! Plain data and a reducer, no DOM: the host adapter ([`crate::host`]) feeds it routes and
//! commands, components read it. Where the app lives is the adapter's business, not the state's.

use std::rc::Rc;

use stepwise_core::i18n::{messages, Messages};
use stepwise_core::model::{LocaleContent, Pack, Procedure, Screenshot, Topic};
use stepwise_core::route::{Route, View};
use yew::Reducible;

use crate::content::{LoadError, Shared};

/// The shared state handle every component reads.
pub type Store = yew::UseReducerHandle<AppState>;

/// The pack is compared by address ([`Shared`]), never walked, so the derived comparison
/// costs little and cannot forget a field.
#[derive(Debug, Clone, PartialEq)]
pub struct AppState {
    /// The pack, with the locales at hand so far (none before the first pack file arrives).
    pub pack: Shared<Pack>,
    /// The seller's own docs base (`data-docs-base`), which overrides the pack's.
    pub seller_docs_base: Option<String>,
    /// The locales the buyer wants, best first (a saved choice, the browser's languages):
    /// what a place without a locale falls back to, once the pack's locales are known.
    pub preferences: Rc<[String]>,
    /// Whether `locale` is a guess made before the pack's locales were known (no place named
    /// one): the pack's arrival decides it again, from the preferences for that pack.
    pub locale_guessed: bool,
    /// Why the content of the current locale could not be had (a retry clears it).
    pub load_error: Option<LoadError>,
    /// Retries asked for: each one fetches again.
    pub attempt: u32,
    /// Whether the widget's panel is open (always true on the standalone page).
    pub open: bool,
    /// How many times the panel has been opened: a close and an open handled before the next
    /// render (Esc, then the page's `open` in the next task) still show the dialog again and
    /// tell the page of both.
    pub openings: u32,
    /// Always a locale of the pack.
    pub locale: String,
    /// Always valid for the pack (a known procedure, a step in range).
    pub view: View,
    /// The last route asked for a procedure the pack does not have.
    pub not_found: bool,
    pub query: String,
    pub zoomed: Option<Screenshot>,
    /// The buyer asked to see whole screenshots rather than their crops (on a small screen):
    /// kept from step to step.
    pub whole_screenshots: bool,
    /// Route changes since start-up: focus moves only on a buyer's own navigation.
    pub navigations: u32,
    /// A new version of the standalone page is installed and waits for a reload.
    pub update_ready: bool,
}

pub enum Action {
    Route(Route),
    /// Opens (`true`) or closes the embedded panel.
    Open(bool),
    /// The same place in another locale.
    Locale(String),
    Search(String),
    UpdateReady,
    Zoom(Screenshot),
    Unzoom,
    WholeScreenshots(bool),
    /// More of the pack is at hand (the first locale, or another), with the buyer's
    /// preferences for it when it is the first of this pack (they may name its id).
    Pack(Pack, Option<Vec<String>>),
    LoadFailed(LoadError),
    Retry,
}

/// Content for before any arrives: no topics.
static NOTHING: LocaleContent = LocaleContent { locale: String::new(), title: String::new(), intro: Vec::new(), topics: Vec::new() };

impl AppState {
    /// The state for `route`; where it names no locale (or one the pack lacks), the first of
    /// `preferences` the pack has.
    pub fn new(pack: Rc<Pack>, route: &Route, preferences: Vec<String>) -> Self {
        let mut state = AppState {
            pack: Shared(pack),
            seller_docs_base: None,
            preferences: preferences.into(),
            locale_guessed: false,
            load_error: None,
            attempt: 0,
            open: true,
            locale: String::new(),
            view: View::List,
            not_found: false,
            query: String::new(),
            zoomed: None,
            whole_screenshots: false,
            navigations: 0,
            openings: 0,
            update_ready: false,
        };
        let r = route.resolve(&state.pack, &state.fallback_locale());
        state.locale_guessed = state.pack.available.is_empty() && route.locale.is_none();
        (state.locale, state.view, state.not_found) = (r.locale, r.view, r.not_found);
        state
    }

    /// The state of an embedded widget: closed, with the seller's docs base if given.
    pub fn embedded(pack: Rc<Pack>, route: &Route, preferences: Vec<String>, docs_base: Option<String>) -> Self {
        AppState { seller_docs_base: docs_base, open: false, ..AppState::new(pack, route, preferences) }
    }

    /// The locale for a place that names none: the first preferred one the pack has (by
    /// language, `en-US` → `en`); before the pack's locales are known, the first preferred.
    pub fn fallback_locale(&self) -> String {
        let pack = &self.pack;
        if pack.available.is_empty() {
            return self.preferences.first().cloned().unwrap_or_default();
        }
        pack.negotiate_locale(&self.preferences).to_owned()
    }

    /// Relative links and screenshots resolve against this (the seller's, or the pack's).
    pub fn docs_base(&self) -> &str {
        self.seller_docs_base.as_deref().unwrap_or(&self.pack.docs_base)
    }

    /// The locale whose pack file the place needs next, and whether the place itself needs it
    /// (else it is fetched ahead for search): the place's locale while it is not at hand (or
    /// the pack is not known yet); once the buyer searches, every other locale, one at a
    /// time (search matches every language). `None`: nothing to fetch, or a failure waits
    /// for a retry.
    pub fn locale_to_fetch(&self) -> Option<(String, bool)> {
        let pack = &self.pack;
        let missing = |l: &str| pack.has_locale(l) && pack.locale(l).is_none();
        if self.load_error.is_some() {
            None
        } else if pack.available.is_empty() || missing(&self.locale) {
            Some((self.locale.clone(), true))
        } else if !self.query.trim().is_empty() {
            pack.available.iter().find(|l| missing(l)).map(|l| (l.to_string(), false))
        } else {
            None
        }
    }

    /// Whether the current locale's content is at hand.
    pub fn has_content(&self) -> bool {
        self.pack.locale(&self.locale).is_some()
    }

    pub fn route(&self) -> Route {
        Route { locale: Some(self.locale.clone()), view: self.view.clone() }
    }

    pub fn content(&self) -> &LocaleContent {
        let pack = &self.pack;
        pack.locale(&self.locale).or(pack.locales.first()).unwrap_or(&NOTHING)
    }

    pub fn messages(&self) -> &'static Messages {
        messages(&self.locale)
    }

    /// The open procedure, its topic and the 1-based step.
    pub fn procedure(&self) -> Option<(&Topic, &Procedure, usize)> {
        let View::Procedure { slug, step } = &self.view else { return None };
        self.content().procedures().find(|(_, p)| p.slug == *slug).map(|(t, p)| (t, p, *step))
    }

    /// The route one step back or forward, if there is one.
    pub fn step_route(&self, delta: isize) -> Option<Route> {
        let (_, p, step) = self.procedure()?;
        let to = step.checked_add_signed(delta).filter(|n| (1..=p.steps.len()).contains(n))?;
        Some(Route::step(&self.locale, &p.slug, to))
    }

    /// What the live region says: the step position, read after every step change.
    pub fn announcement(&self) -> String {
        match self.procedure() {
            Some((_, p, step)) => (self.messages().step_of)(step, p.steps.len()),
            None => String::new(),
        }
    }

    /// The document title.
    pub fn title(&self) -> String {
        let site = &self.content().title;
        match (&self.view, self.procedure()) {
            (_, Some((_, p, step))) => format!("{} · {} · {site}", p.title, (self.messages().step_of)(step, p.steps.len())),
            (View::Checker, _) => format!("{} · {site}", self.messages().checker_title),
            _ => site.to_string(),
        }
    }
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::Route(route) => {
                let r = route.resolve(&self.pack, &self.locale);
                next.locale_guessed = self.locale_guessed && route.locale.is_none();
                if (&r.locale, &r.view, r.not_found, next.locale_guessed) == (&self.locale, &self.view, self.not_found, self.locale_guessed) {
                    return self;
                }
                next.locale = r.locale;
                next.view = r.view;
                next.not_found = r.not_found;
                next.zoomed = None;
                next.navigations += 1;
            }
            Action::Locale(locale) => {
                let route = Route { locale: Some(locale), view: self.view.clone() };
                return self.reduce(Action::Route(route));
            }
            Action::Open(open) => {
                if open == self.open {
                    return self;
                }
                next.open = open;
                next.openings += u32::from(open);
                next.zoomed = None;
                // Opening moves focus into the panel, as a navigation does.
                next.navigations += u32::from(open);
            }
            Action::Search(q) => next.query = q,
            Action::UpdateReady => next.update_ready = true,
            Action::Zoom(s) => next.zoomed = Some(s),
            Action::Unzoom => next.zoomed = None,
            Action::WholeScreenshots(whole) => next.whole_screenshots = whole,
            Action::Pack(arrived, preferences) => {
                let Some(pack) = self.pack.updated_by(arrived) else { return self };
                let pack = Shared(Rc::new(pack));
                next.pack = pack.clone();
                if let Some(p) = preferences {
                    next.preferences = p.into();
                }
                next.load_error = None;
                // The place asked for, checked now that more is known: its locale if the pack
                // has it, else the preferred one; its procedure if that locale has it.
                let locale = (pack.has_locale(&self.locale) && !self.locale_guessed).then(|| self.locale.clone());
                next.locale_guessed = false;
                let r = Route { locale, view: self.view.clone() }.resolve(&pack, &next.fallback_locale());
                // A pack asked for by id (`?pack=`, `data-pack`) that the index lacks: its
                // first pack came instead, so the place asked for is not this pack's; the
                // buyer gets its list and is told the page does not exist.
                let other_pack = !self.pack.id.is_empty() && self.pack.id != pack.id;
                next.locale = r.locale;
                next.view = if other_pack { View::List } else { r.view };
                next.not_found |= r.not_found || other_pack;
                // Content arriving where the buyer already went (a panel opened, a locale
                // switched) takes focus as that navigation would have; the first paint of the
                // page does not.
                if self.navigations > 0 && !self.has_content() && next.has_content() {
                    next.navigations += 1;
                }
            }
            Action::LoadFailed(e) => next.load_error = Some(e),
            Action::Retry => {
                next.load_error = None;
                next.attempt += 1;
            }
        }
        Rc::new(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use stepwise_core::model::PackInfo;

    /// The behaviour tests' fixture pack (not the shipped content, which may change).
    fn billing() -> Rc<Pack> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/content/billing");
        Rc::new(stepwise_core::import::import_dir(&dir).expect("the pack imports").pack)
    }

    fn state(hash: &str) -> Rc<AppState> {
        Rc::new(AppState::new(billing(), &Route::parse(hash), vec!["zh-CN".into()]))
    }

    #[test]
    fn steps_move_within_the_procedure() {
        let s = state("#/en/invoice/1");
        assert_eq!(s.step_route(-1), None);
        assert_eq!(s.step_route(1), Some(Route::step("en", "invoice", 2)));
        let s = state("#/en/invoice/9");
        assert_eq!(s.view, View::Procedure { slug: "invoice".into(), step: 4 });
        assert_eq!(s.step_route(1), None);
        assert_eq!(s.announcement(), "Step 4 of 4");
    }

    #[test]
    fn unknown_places_fall_back() {
        let s = state("#/xx/nope/2");
        assert_eq!((s.locale.as_str(), &s.view, s.not_found), ("zh-CN", &View::List, true));
        let s = s.reduce(Action::Route(Route::parse("#/en/invoice/2")));
        assert_eq!((s.locale.as_str(), s.not_found, s.navigations), ("en", false, 1));
        // The same place again is no navigation.
        let s2 = s.clone().reduce(Action::Route(Route::parse("#/en/invoice/2")));
        assert!(Rc::ptr_eq(&s, &s2));
        // Another locale keeps the place.
        let s3 = s2.reduce(Action::Locale("zh-CN".into()));
        assert_eq!((s3.locale.as_str(), &s3.view), ("zh-CN", &View::Procedure { slug: "invoice".into(), step: 2 }));
    }

    #[test]
    fn a_place_asked_for_before_its_content_is_checked_when_it_arrives() {
        let full = billing();
        // Nothing known yet: the route is taken as it is, waiting.
        let empty = Rc::new(Pack { locales: vec![], info: PackInfo { available: vec![], ..full.info.clone() } });
        let s = Rc::new(AppState::new(empty.clone(), &Route::parse("#/en/invoice/9"), vec!["zh-CN".into()]));
        assert_eq!((s.locale.as_str(), &s.view, s.has_content()), ("en", &View::Procedure { slug: "invoice".into(), step: 9 }, false));
        assert_eq!(s.locale_to_fetch(), Some(("en".into(), true)));
        // English arrives: the step is checked against it (clamped to the last).
        let en_only = Rc::new(Pack { locales: vec![full.locale("en").unwrap().clone()], ..(*full).clone() });
        let s = s.reduce(Action::Pack((*en_only).clone(), None));
        assert_eq!((s.locale.as_str(), &s.view, s.has_content(), s.not_found), ("en", &View::Procedure { slug: "invoice".into(), step: 4 }, true, false));
        // Nothing more is fetched until the buyer searches: then the other locale, ahead.
        assert_eq!(s.locale_to_fetch(), None);
        let searching = s.clone().reduce(Action::Search("发票".into()));
        assert_eq!(searching.locale_to_fetch(), Some(("zh-CN".into(), false)));
        // Switching to it makes it the place's own.
        let switched = s.clone().reduce(Action::Locale("zh-CN".into()));
        assert_eq!((switched.locale_to_fetch(), switched.has_content()), (Some(("zh-CN".into(), true)), false));
        // A locale the pack lacks falls back to the preferred one; an unknown procedure to the list.
        let s = Rc::new(AppState::new(empty, &Route::parse("#/fr/nope/1"), vec!["en-US".into()]));
        let s = s.reduce(Action::Pack((*en_only).clone(), None));
        assert_eq!((s.locale.as_str(), &s.view, s.not_found), ("en", &View::List, true));
        // A failure waits for a retry, which asks again.
        let s = s.reduce(Action::LoadFailed(LoadError::Unreachable));
        assert_eq!((s.load_error, s.locale_to_fetch()), (Some(LoadError::Unreachable), None));
        let s = s.reduce(Action::Retry);
        assert_eq!((s.load_error, s.attempt), (None, 1));
    }

    #[test]
    fn a_pack_the_index_lacks_gives_its_first_and_says_so() {
        let full = billing();
        let wanted = Rc::new(Pack::unfetched("nope"));
        let s = Rc::new(AppState::new(wanted, &Route::parse("#/en/invoice/2"), vec![]));
        let s = s.reduce(Action::Pack((*full).clone(), None));
        assert_eq!((s.pack.id.as_str(), s.locale.as_str(), s.not_found, &s.view), (full.id.as_str(), "en", true, &View::List));
        // No pack asked for (the index's first) is no miss.
        let s = Rc::new(AppState::new(Rc::new(Pack::unfetched("")), &Route::parse("#/en"), vec![]));
        assert!(!s.reduce(Action::Pack((*full).clone(), None)).not_found);
        // The pack asked for is no miss either.
        let s = Rc::new(AppState::new(Rc::new(Pack::unfetched(&full.id)), &Route::parse("#/en"), vec![]));
        assert!(!s.reduce(Action::Pack((*full).clone(), None)).not_found);
    }
}
