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

/// Procedures matching every word of `query`, in the order of `locale`'s page: title
/// matches first, then step matches. An empty query matches nothing.
pub fn search(pack: &Pack, locale: &str, query: &str) -> Vec<Hit> {
    let q = normalize(query);
    let terms: Vec<&str> = q.split_whitespace().collect();
    let Some(content) = pack.locale(locale).or_else(|| pack.locales.first()) else { return Vec::new() };
    if terms.is_empty() {
        return Vec::new();
    }
    let mut title_hits = Vec::new();
    let mut step_hits = Vec::new();
    for (_, p) in content.procedures() {
        let versions: Vec<(&LocaleContent, &Procedure)> = pack.locales.iter().filter_map(|l| l.procedure(&p.slug).map(|p| (l, p))).collect();
        let titles: Vec<String> = versions
            .iter()
            .flat_map(|(l, p)| {
                let topic = l.procedures().find(|(_, q)| q.slug == p.slug).map(|(t, _)| t.title.to_string()).unwrap_or_default();
                [normalize(&p.title), normalize(&topic)]
            })
            .collect();
        let steps: Vec<Vec<String>> = (0..p.steps.len())
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
        let in_titles = |term: &str| titles.iter().any(|t| t.contains(term));
        let in_step = |i: usize, term: &str| steps[i].iter().any(|t| t.contains(term));
        let everywhere = |term: &str| in_titles(term) || (0..steps.len()).any(|i| in_step(i, term));
        if !terms.iter().all(|t| everywhere(t)) {
            continue;
        }
        // Link to the first step that holds a word not in the title, if any.
        let step = (0..steps.len()).find(|&i| terms.iter().any(|t| !in_titles(t) && in_step(i, t))).map(|i| i + 1);
        let hit = Hit { slug: p.slug.to_string(), step };
        if terms.iter().all(|t| in_titles(t)) {
            title_hits.push(hit);
        } else {
            step_hits.push(hit);
        }
    }
    title_hits.extend(step_hits);
    title_hits
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
