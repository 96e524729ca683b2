//! The content: pack files (`stepwise-cli build`) fetched by the URL of their index, or a pack
//! given whole (the tests). What arrives is kept for the page's life as `&'static`: each pack
//! file is decoded and leaked once per page (cached by URL), and each set of locales at hand
//! is one leaked [`Pack`], so mounting the widget again and again costs no memory.

use std::cell::RefCell;

use stepwise_core::model::{negotiate, LocaleContent, Pack, PackInfo, Seq, Text};
use stepwise_core::packfile::{decode, FileError, LocaleFile, FORMAT};
use stepwise_core::protocol::is_pack_file_name;
use stepwise_core::search::SearchIndex;

use crate::browser::fetch::{self, FetchError};

/// Where the app's content comes from.
#[derive(Debug, Clone, PartialEq)]
pub enum Source {
    /// The index at `url` (`packs/index.json`), and the pack to show (`None`: its first).
    Index { url: String, pack: Option<String> },
    /// A pack at hand, whole.
    Given(Static<Pack>),
}

/// One pack of an index: its locales and where their files are.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub id: String,
    pub default_locale: String,
    /// `(locale, file URL)`, in the index's order.
    pub files: Vec<(String, String)>,
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

/// What a page has fetched and built, by key. A handful of entries: a list is enough.
struct Cache<K, V>(RefCell<Vec<(K, V)>>);

impl<K: PartialEq, V: Copy> Cache<K, V> {
    const fn new() -> Self {
        Cache(RefCell::new(Vec::new()))
    }
    fn get(&self, key: &K) -> Option<V> {
        self.0.borrow().iter().find(|(k, _)| k == key).map(|(_, v)| *v)
    }
    fn put(&self, key: K, value: V) {
        self.0.borrow_mut().push((key, value));
    }
}

thread_local! {
    static INDEXES: Cache<String, &'static [Entry]> = const { Cache::new() };
    static FILES: Cache<String, &'static LocaleFile> = const { Cache::new() };
    /// By pack id and the names of the locales at hand.
    static PACKS: Cache<(String, Vec<String>), &'static Pack> = const { Cache::new() };
    /// By pack (its address: one per set of locales at hand) and the locale searched from.
    static INDEXES_FOR_SEARCH: Cache<(usize, String), &'static SearchIndex> = const { Cache::new() };
}

/// The search index of `pack` in `locale`'s page order, built on the first query and kept for
/// the page's life, like the pack itself.
pub fn search_index(pack: &'static Pack, locale: &str) -> &'static SearchIndex {
    let key = (pack as *const Pack as usize, locale.to_owned());
    if let Some(found) = INDEXES_FOR_SEARCH.with(|c| c.get(&key)) {
        return found;
    }
    let index: &'static SearchIndex = Box::leak(Box::new(SearchIndex::new(pack, locale)));
    INDEXES_FOR_SEARCH.with(|c| c.put(key, index));
    index
}

/// The index at `url`, fetched once per page.
pub async fn index(url: &str) -> Result<&'static [Entry], LoadError> {
    if let Some(found) = INDEXES.with(|c| c.get(&url.to_owned())) {
        return Ok(found);
    }
    let text = fetch::text(url).await?;
    let entries: &'static [Entry] = Box::leak(read_index(url, &text)?.into_boxed_slice());
    INDEXES.with(|c| c.put(url.to_owned(), entries));
    Ok(entries)
}

/// `{"format": 1, "packs": {"<id>": {"default": "zh-CN", "locales": {"zh-CN": {"file": …}}}}}`,
/// read with the browser's `JSON.parse`. File names are taken only as plain names in the
/// index's folder ([`is_pack_file_name`], the rule the embed runtime applies too): an index
/// naming any other is damaged, and nothing it names is fetched.
fn read_index(url: &str, text: &str) -> Result<Vec<Entry>, LoadError> {
    use js_sys::{Object, Reflect};
    let json = js_sys::JSON::parse(text).map_err(|_| LoadError::Damaged)?;
    let get = |o: &wasm_bindgen::JsValue, k: &str| Reflect::get(o, &k.into()).ok().filter(|v| v.is_object() || v.as_string().is_some() || v.as_f64().is_some());
    let format = get(&json, "format").and_then(|v| v.as_f64()).ok_or(LoadError::Damaged)?;
    if format != f64::from(FORMAT) {
        return Err(LoadError::Version);
    }
    let folder = &url[..url.rfind('/').map_or(0, |i| i + 1)];
    let packs = get(&json, "packs").ok_or(LoadError::Damaged)?;
    let mut entries = Vec::new();
    for id in Object::keys(&Object::from(packs.clone())).iter() {
        let id = id.as_string().unwrap_or_default();
        let pack = get(&packs, &id).ok_or(LoadError::Damaged)?;
        let default_locale = get(&pack, "default").and_then(|v| v.as_string()).ok_or(LoadError::Damaged)?;
        let locales = get(&pack, "locales").ok_or(LoadError::Damaged)?;
        let mut files = Vec::new();
        for locale in Object::keys(&Object::from(locales.clone())).iter() {
            let locale = locale.as_string().unwrap_or_default();
            let file = get(&locales, &locale).and_then(|l| get(&l, "file")).and_then(|f| f.as_string()).ok_or(LoadError::Damaged)?;
            if !is_pack_file_name(&file) {
                return Err(LoadError::Damaged);
            }
            files.push((locale, format!("{folder}{file}")));
        }
        entries.push(Entry { id, default_locale, files });
    }
    if entries.is_empty() {
        return Err(LoadError::Damaged);
    }
    Ok(entries)
}

/// The pack file at `url`, fetched and decoded once per page.
pub async fn locale_file(url: &str) -> Result<&'static LocaleFile, LoadError> {
    if let Some(found) = FILES.with(|c| c.get(&url.to_owned())) {
        return Ok(found);
    }
    let bytes = fetch::bytes(url).await?;
    let file = decode(&bytes).inspect_err(|e| {
        // The buyer reads "damaged"; the seller, in the console, which rule the file breaks.
        if let FileError::Invalid(broken) = e {
            web_sys::console::warn_1(&format!("Stepwise: {url}: {broken}").into());
        }
    })?;
    let file: &'static LocaleFile = Box::leak(Box::new(file));
    FILES.with(|c| c.put(url.to_owned(), file));
    Ok(file)
}

/// A pack not yet fetched: its id, and no locale.
pub fn placeholder(id: &str) -> &'static Pack {
    let info = PackInfo { id: id.to_owned().into(), default_locale: Text::Borrowed(""), docs_base: Text::Borrowed(""), refund: None, available: Seq::Borrowed(&[]) };
    assemble(&info, Vec::new())
}

/// `pack` with one more locale at hand (the same pack when it already has it).
pub fn with_locale(pack: &'static Pack, file: &'static LocaleFile) -> &'static Pack {
    let mut contents: Vec<&LocaleContent> = pack.locales.iter().collect();
    contents.push(&file.content);
    assemble(&file.pack, contents)
}

/// Every locale at hand in `a` or `b`, two states of the same pack (content fetched in two
/// orders must not lose either).
pub fn merge(a: &'static Pack, b: &'static Pack) -> &'static Pack {
    if a.id != b.id || a.locales.iter().all(|l| b.locale(&l.locale).is_some()) {
        return b;
    }
    assemble(&b.info, b.locales.iter().chain(a.locales.iter()).collect())
}

/// The one pack (per page) `info` with these locales at hand, in the pack's order, each once.
/// Content of a locale the pack does not list is dropped.
fn assemble(info: &PackInfo, contents: Vec<&LocaleContent>) -> &'static Pack {
    // In the pack's order, each once (no sort: the order is the pack's list of locales).
    let ordered: Vec<&LocaleContent> = info.available.iter().filter_map(|l| contents.iter().find(|c| c.locale == *l).copied()).collect();
    let key = (info.id.to_string(), ordered.iter().map(|c| c.locale.to_string()).collect::<Vec<_>>());
    if let Some(found) = PACKS.with(|c| c.get(&key)) {
        return found;
    }
    let pack: &'static Pack = Box::leak(Box::new(Pack { info: info.clone(), locales: ordered.into_iter().cloned().collect::<Vec<_>>().into() }));
    PACKS.with(|c| c.put(key, pack));
    pack
}

/// The index at `url`, then the pack (the one `wanted`, else the first) with one more locale
/// at hand: `locale` if given and the pack has it, else the first of the buyer's
/// `preferences` for that pack it has, else its default. `pack` is the pack so far.
pub async fn load(url: &str, wanted: Option<&str>, pack: &'static Pack, locale: Option<&str>, preferences: &dyn Fn(&str) -> Vec<String>) -> Result<(&'static [Entry], &'static Pack), LoadError> {
    let entries = index(url).await?;
    let entry = wanted.and_then(|w| entries.iter().find(|e| e.id == w)).unwrap_or(&entries[0]);
    let locales: Vec<&str> = entry.files.iter().map(|(l, _)| l.as_str()).collect();
    let chosen = match locale {
        Some(l) if locales.contains(&l) => l.to_owned(),
        // A locale the pack lists (its files name it) that the index lacks: the index and the
        // pack's files are of different builds.
        Some(l) if pack.id == entry.id && pack.has_locale(l) => return Err(LoadError::Version),
        _ => negotiate(&locales, &preferences(&entry.id), &entry.default_locale).to_owned(),
    };
    let file = entry.files.iter().find(|(l, _)| *l == chosen).map(|(_, f)| f).ok_or(LoadError::Damaged)?;
    let file = locale_file(file).await?;
    let base = if pack.id == entry.id { pack } else { placeholder(&entry.id) };
    Ok((entries, with_locale(base, file)))
}

/// A `'static` reference compared by address: cheap props for content that never changes.
pub struct Static<T: ?Sized + 'static>(pub &'static T);

impl<T: ?Sized> Clone for Static<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T: ?Sized> Copy for Static<T> {}

impl<T: ?Sized + std::fmt::Debug> std::fmt::Debug for Static<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl<T: ?Sized> PartialEq for Static<T> {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self.0, other.0)
    }
}

impl<T: ?Sized> std::ops::Deref for Static<T> {
    type Target = T;
    fn deref(&self) -> &T {
        self.0
    }
}
