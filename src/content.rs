//! The content: pack files (`stepwise-cli build`) fetched by the URL of their index, or a pack
//! given whole (the tests, the prerenderer). Each app owns a [`ContentStore`] (its props): what
//! it fetched lives as long as the app, and goes with it. The pack itself lives in the app's
//! state as an `Rc<Pack>`, a new one each time a locale arrives
//! ([`stepwise_core::model::Pack::with_locale`]).

use std::cell::RefCell;
use std::rc::Rc;

use stepwise_core::model::Pack;
use stepwise_core::pack_index::{decode_index, PackIndex};
use stepwise_core::packfile::{decode, FileError, LocaleFile};

use crate::browser::fetch::{self, FetchError, Prefetched};

/// Where the app's content comes from.
#[derive(Debug, Clone)]
pub enum Source {
    /// The index at `url` (`packs/index.json`), and the pack to show (`None`: its first).
    Index { url: String, pack: Option<String> },
    /// A pack at hand, whole.
    Given(Rc<Pack>),
}

/// One app's content: where it comes from, the answers fetched ahead for it, and the index
/// once read. Equal only to itself: a new store is a new app.
pub struct ContentStore {
    pub source: Source,
    /// Given up (`None`) once one of them stalls: what stalled once is fetched afresh.
    prefetched: RefCell<Option<Prefetched>>,
    index: RefCell<Option<Rc<PackIndex>>>,
}

impl PartialEq for ContentStore {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

/// Why content could not be had; each has its own message ([`stepwise_core::i18n`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LoadError {
    /// No answer: offline, or the server cannot be reached.
    Unreachable,
    /// The server answered, without the file (404, 500…).
    Missing,
    /// A file of another format version: this page and its content are of different builds.
    Version,
    /// A file cut short, corrupt, or not a pack file at all.
    Damaged,
}

impl From<FetchError> for LoadError {
    fn from(e: FetchError) -> Self {
        match e {
            FetchError::Unreachable => LoadError::Unreachable,
            FetchError::Status(_) => LoadError::Missing,
        }
    }
}

impl From<FileError> for LoadError {
    fn from(e: FileError) -> Self {
        match e {
            FileError::Version { .. } => LoadError::Version,
            FileError::NotAPack | FileError::Truncated | FileError::Corrupt | FileError::Invalid(_) => LoadError::Damaged,
        }
    }
}

/// The URL of `file`, a name in the folder of the index at `index_url`.
fn file_url(index_url: &str, file: &str) -> String {
    format!("{}{file}", &index_url[..index_url.rfind('/').map_or(0, |i| i + 1)])
}

impl ContentStore {
    pub fn new(source: Source, prefetched: Option<Prefetched>) -> Rc<Self> {
        Rc::new(ContentStore { source, prefetched: RefCell::new(prefetched), index: RefCell::new(None) })
    }

    /// The pack the app starts with: the one given, or one known only by the id asked for.
    pub fn initial_pack(&self) -> Rc<Pack> {
        match &self.source {
            Source::Given(pack) => pack.clone(),
            Source::Index { pack, .. } => Rc::new(Pack::unfetched(pack.as_deref().unwrap_or(""))),
        }
    }

    /// The index at `url` (its binary copy beside it, [`PackIndex::binary_url`]), read once
    /// per app. One naming a file that is not a plain name in its own folder is refused, and
    /// nothing it names is fetched.
    async fn index(&self, url: &str) -> Result<Rc<PackIndex>, LoadError> {
        if let Some(found) = self.index.borrow().clone() {
            return Ok(found);
        }
        let url = PackIndex::binary_url(url);
        let ahead = self.answer_ahead(&url);
        let bytes = self.settle(ahead.is_some(), fetch::bytes(&url, ahead).await)?;
        let index = Rc::new(decode_index(&bytes)?);
        *self.index.borrow_mut() = Some(index.clone());
        Ok(index)
    }

    /// The answer fetched ahead for `url`, if any.
    fn answer_ahead(&self, url: &str) -> Option<js_sys::Promise> {
        self.prefetched.borrow().as_ref().and_then(|p| p.answer(url))
    }

    /// After a fetch: one that failed though it had an answer fetched ahead gives up the
    /// others too (what stalled once is fetched afresh by the retry).
    fn settle<T, E>(&self, from_ahead: bool, answer: Result<T, E>) -> Result<T, E> {
        if answer.is_err() && from_ahead {
            self.prefetched.borrow_mut().take();
        }
        answer
    }

    /// The pack file at `url`, fetched and decoded.
    async fn locale_file(&self, url: &str) -> Result<LocaleFile, LoadError> {
        let ahead = self.answer_ahead(url);
        let bytes = self.settle(ahead.is_some(), fetch::bytes(url, ahead).await)?;
        Ok(decode(&bytes).inspect_err(|e| {
            // The buyer reads "damaged"; the seller, in the console, which rule the file breaks.
            if let FileError::Invalid(broken) = e {
                web_sys::console::warn_1(&format!("Stepwise: {url}: {broken}").into());
            }
        })?)
    }

    /// The index, then the pack (the one asked for, else the first) with one more locale at
    /// hand: `locale` if given and the pack has it, else the first of the buyer's
    /// `preferences` for that pack it has, else its default. `pack` is the pack so far.
    /// `None` for a store with no index.
    pub async fn load(&self, pack: &Pack, locale: Option<&str>, preferences: &dyn Fn(&str) -> Vec<String>) -> Option<Result<(Rc<PackIndex>, Pack), LoadError>> {
        let Source::Index { url, pack: wanted } = &self.source else { return None };
        Some(self.load_from(url, wanted.as_deref(), pack, locale, preferences).await)
    }

    async fn load_from(&self, url: &str, wanted: Option<&str>, pack: &Pack, locale: Option<&str>, preferences: &dyn Fn(&str) -> Vec<String>) -> Result<(Rc<PackIndex>, Pack), LoadError> {
        let index = self.index(url).await?;
        let (id, entry) = index.pack(wanted).ok_or(LoadError::Damaged)?;
        let locales = entry.locale_names();
        let chosen = match locale {
            Some(l) if locales.contains(&l) => l,
            // A locale the pack lists (its files name it) that the index lacks: the index and
            // the pack's files are of different builds.
            Some(l) if pack.id == id && pack.has_locale(l) => return Err(LoadError::Version),
            _ => entry.negotiate(&preferences(id)),
        };
        let file = entry.file(chosen).ok_or(LoadError::Damaged)?;
        let file = self.locale_file(&file_url(url, file)).await?;
        let arrived = pack.with_locale(&file.pack, &file.content);
        Ok((index.clone(), arrived))
    }
}

/// Content shared by reference: an `Rc` compared by address (`Rc::ptr_eq`), so that a state
/// holding a pack compares in constant time. A pack never changes once made: a new locale
/// makes a new pack.
#[derive(Debug)]
pub struct Shared<T: ?Sized>(pub Rc<T>);

impl<T: ?Sized> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(self.0.clone())
    }
}

impl<T: ?Sized> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl<T: ?Sized> std::ops::Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}
