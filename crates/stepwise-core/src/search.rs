//! Search over procedures: titles and step text, in every locale of the pack at once, so a
//! buyer on the Chinese page who types "invoice" still finds 发票.

use crate::model::{plain_text, LocaleContent, Pack, Procedure};

/// One procedure that matches, with the first matching step to link to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub slug: String,
    /// 1-based; `None` when only the title or topic matched.
    pub step: Option<usize>,
}

/// Folds full-width ASCII (`ＩＮＶＯＩＣＥ`) to half-width and lower-cases ASCII. Only ASCII:
/// the packs are Chinese and English, and Unicode's case tables would cost the page ~4 KB.
pub fn normalize(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '！'..='～' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            c => c,
        })
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// What search reads of one procedure, normalised once: its titles and its topic's in every
/// locale, and each step's words in every locale.
#[derive(Debug)]
struct Entry {
    slug: String,
    titles: Vec<String>,
    steps: Vec<Vec<String>>,
}

/// A pack's procedures made searchable, in the order of one locale's page. Built once per pack
/// and locale (linear in the content); each query then reads it without allocating per
/// procedure, so a keystroke stays cheap however large the pack.
#[derive(Debug)]
pub struct SearchIndex {
    entries: Vec<Entry>,
}

impl SearchIndex {
    pub fn new(pack: &Pack, locale: &str) -> Self {
        let Some(content) = pack.locale(locale).or_else(|| pack.locales.first()) else { return SearchIndex { entries: Vec::new() } };
        // Every locale's procedures with their topic's title, in page order: the importer makes
        // the locales agree in structure, so the i-th procedure is the same in each (checked by
        // slug all the same).
        let all: Vec<Vec<(&str, &Procedure)>> = pack.locales.iter().map(|l: &LocaleContent| l.procedures().map(|(t, p)| (&*t.title, p)).collect()).collect();
        let entries = content
            .procedures()
            .enumerate()
            .map(|(i, (_, p))| {
                let versions: Vec<(&str, &Procedure)> = all.iter().filter_map(|l| l.get(i).filter(|(_, q)| q.slug == p.slug).copied()).collect();
                let titles = versions.iter().flat_map(|(topic, p)| [normalize(&p.title), normalize(topic)]).collect();
                let steps = (0..p.steps.len())
                    .map(|i| {
                        versions
                            .iter()
                            .filter_map(|(_, p)| p.steps.get(i))
                            .map(|s| {
                                let mut t = plain_text(&s.text);
                                for d in s.details.iter() {
                                    t.push(' ');
                                    d.plain(&mut t);
                                }
                                normalize(&t)
                            })
                            .collect()
                    })
                    .collect();
                Entry { slug: p.slug.to_string(), titles, steps }
            })
            .collect();
        SearchIndex { entries }
    }

    /// Procedures matching every word of `query`, best first: those whose title (or topic)
    /// holds every word, titles that start with the query first; then those matching in their
    /// steps; each group in page order. An empty query matches nothing.
    pub fn search(&self, query: &str) -> Vec<Hit> {
        let q = normalize(query);
        let terms: Vec<&str> = q.split_whitespace().collect();
        if terms.is_empty() {
            return Vec::new();
        }
        let (mut starts, mut titled, mut stepped) = (Vec::new(), Vec::new(), Vec::new());
        for e in &self.entries {
            let in_titles = |term: &str| e.titles.iter().any(|t| t.contains(term));
            let in_step = |i: usize, term: &str| e.steps[i].iter().any(|t| t.contains(term));
            if !terms.iter().all(|t| in_titles(t) || (0..e.steps.len()).any(|i| in_step(i, t))) {
                continue;
            }
            // Link to the first step that holds a word not in the title, if any.
            let step = (0..e.steps.len()).find(|&i| terms.iter().any(|t| !in_titles(t) && in_step(i, t))).map(|i| i + 1);
            let hit = Hit { slug: e.slug.clone(), step };
            if terms.iter().all(|t| in_titles(t)) {
                if e.titles.iter().any(|t| t.starts_with(q.trim())) {
                    starts.push(hit);
                } else {
                    titled.push(hit);
                }
            } else {
                stepped.push(hit);
            }
        }
        starts.extend(titled);
        starts.extend(stepped);
        starts
    }
}

/// Procedures matching every word of `query` ([`SearchIndex::search`]), the index built for
/// this one query.
pub fn search(pack: &Pack, locale: &str, query: &str) -> Vec<Hit> {
    SearchIndex::new(pack, locale).search(query)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_width_and_case() {
        assert_eq!(normalize("ＩＮＶＯＩＣＥ　Ab"), "invoice ab");
        assert_eq!(normalize("发票"), "发票");
    }
}
