//! Real help pages from docs sites (tests/fixtures/real-pages/<name>/: the page byte-exact, its
//! SOURCE, and outline.txt, the outline written by reading the page as a buyer would): each is
//! accepted, and what the importer makes of it is that outline.
//!
//! `STEPWISE_WRITE_OUTLINES=1` writes outline.txt where it is missing (a start for a new page's
//! outline, to be read against the page and corrected by hand, never trusted as it is).

use std::path::{Path, PathBuf};

use stepwise_core::import::outline::Outline;
use stepwise_core::import::{import, Manifest};

fn pages() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/real-pages");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&root).expect("the real pages").map(|e| e.unwrap().path()).filter(|p| p.is_dir()).collect();
    dirs.sort();
    dirs
}

/// `key: value` from a SOURCE file.
fn field<'a>(source: &'a str, key: &str) -> Option<&'a str> {
    source.lines().find_map(|l| l.strip_prefix(key)?.strip_prefix(':').map(str::trim))
}

fn outline(dir: &Path) -> (Outline, String) {
    let source = std::fs::read_to_string(dir.join("SOURCE")).expect("a SOURCE file");
    let locale = field(&source, "locale").expect("SOURCE names the page's locale");
    let page = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| !matches!(p.file_name().and_then(|n| n.to_str()), Some("SOURCE" | "outline.txt")))
        .expect("the page");
    let bytes = std::fs::read(&page).unwrap();
    let text = String::from_utf8(bytes).expect("a real page is UTF-8");
    let mut manifest = format!("locales = [\"{locale}\"]\ndefault_locale = \"{locale}\"\ndocs_base = \"{}\"\n", field(&source, "docs_base").unwrap_or("https://docs.example.test/"));
    // The title the docs site gives the page in its navigation, for a page without one.
    if let Some(title) = field(&source, "title") {
        manifest.push_str(&format!("[title]\n\"{locale}\" = \"{title}\"\n"));
    }
    let manifest = Manifest::parse("pack.toml", &manifest).expect("the test manifest");
    let name = page.file_name().unwrap().to_string_lossy().into_owned();
    let id = dir.file_name().unwrap().to_string_lossy().into_owned();
    let result = import(&id, &manifest, &[(locale.to_owned(), name, text)]);
    (Outline::new(&id, &result), id)
}

#[test]
fn every_real_page_is_accepted_and_read_as_its_outline_says() {
    let write = std::env::var_os("STEPWISE_WRITE_OUTLINES").is_some();
    let mut failures = Vec::new();
    let dirs = pages();
    for dir in &dirs {
        let (outline, id) = outline(dir);
        if !outline.accepted {
            failures.push(format!("{id}: refused: {:#?}", outline.problems));
            continue;
        }
        let got = outline.summary();
        let expected_path = dir.join("outline.txt");
        match std::fs::read_to_string(&expected_path) {
            Ok(expected) if expected == got => {}
            Ok(expected) => failures.push(format!("{id}: outline differs\n--- expected\n{expected}\n--- got\n{got}")),
            Err(_) if write => std::fs::write(&expected_path, &got).unwrap(),
            Err(_) => failures.push(format!("{id}: no outline.txt; the importer reads:\n{got}")),
        }
    }
    assert!(failures.is_empty(), "{} of {} pages:\n{}", failures.len(), dirs.len(), failures.join("\n\n"));
}

#[test]
fn the_corpus_is_wide() {
    // At least 30 pages by 10 organisations in 4 docs tools, Chinese and English.
    let mut orgs = std::collections::BTreeSet::new();
    let mut tools = std::collections::BTreeSet::new();
    let mut locales = std::collections::BTreeSet::new();
    let dirs = pages();
    for dir in &dirs {
        let source = std::fs::read_to_string(dir.join("SOURCE")).unwrap();
        for key in ["repository", "path", "commit", "licence", "locale", "tool", "organisation"] {
            assert!(field(&source, key).is_some_and(|v| !v.is_empty()), "{}: SOURCE has no {key}", dir.display());
        }
        orgs.insert(field(&source, "organisation").unwrap().to_owned());
        tools.insert(field(&source, "tool").unwrap().to_owned());
        locales.insert(field(&source, "locale").unwrap().split('-').next().unwrap().to_owned());
    }
    assert!(dirs.len() >= 30, "{} pages", dirs.len());
    assert!(orgs.len() >= 10, "{orgs:?}");
    assert!(tools.len() >= 4, "{tools:?}");
    assert!(locales.contains("zh") && locales.contains("en"), "{locales:?}");
}
