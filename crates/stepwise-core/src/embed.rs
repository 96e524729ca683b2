//! The embedded widget's content settings, read from the loader's `data-` attributes and
//! checked against the built-in packs. A bad value never stops the widget: it gets one
//! warning that lists the valid values, and the default is used.
//!
//! (The launcher's own settings, `data-position` and `data-z-index`, are checked by the
//! loader, which draws the launcher before any wasm is loaded.)

use crate::model::Pack;
use crate::protocol::Attribute;
use crate::text::is_http;

/// What the widget shows, after validation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmbedConfig {
    pub pack: &'static str,
    /// `None`: the buyer's language decides.
    pub locale: Option<String>,
    /// The procedure to start on.
    pub procedure: Option<String>,
    pub docs_base: String,
}

/// Reads `(attribute, value)` pairs against `packs`; returns the settings and the warnings.
pub fn read(packs: &'static [Pack], attributes: &[(Attribute, String)]) -> (EmbedConfig, Vec<String>) {
    let mut warnings = Vec::new();
    let get = |name: Attribute| attributes.iter().find(|(k, _)| *k == name).map(|(_, v)| v.trim().to_owned());
    let pack_ids = || packs.iter().map(|p| p.id.as_ref()).collect::<Vec<_>>().join(", ");
    let pack = match get(Attribute::Pack) {
        Some(id) => packs.iter().find(|p| p.id == id).unwrap_or_else(|| {
            warnings.push(format!("Stepwise: data-pack=\"{id}\" is not a pack; valid: {}. Using \"{}\".", pack_ids(), packs[0].id));
            &packs[0]
        }),
        None => &packs[0],
    };
    let locale = get(Attribute::Locale).and_then(|l| {
        if pack.has_locale(&l) {
            return Some(l);
        }
        let valid: Vec<&str> = pack.locales.iter().map(|l| l.locale.as_ref()).collect();
        warnings.push(format!("Stepwise: data-locale=\"{l}\" is not a locale of this pack; valid: {}. Using the browser's language.", valid.join(", ")));
        None
    });
    let procedure = get(Attribute::Procedure).and_then(|slug| {
        let content = &pack.locales[0];
        if content.procedure(&slug).is_some() {
            return Some(slug);
        }
        let valid: Vec<&str> = content.procedures().map(|(_, p)| p.slug.as_ref()).collect();
        warnings.push(format!("Stepwise: data-procedure=\"{slug}\" is not a procedure; valid: {}. Starting on the list.", valid.join(", ")));
        None
    });
    let docs_base = match get(Attribute::DocsBase) {
        Some(url) if is_http(&url) && !url.chars().any(|c| c.is_whitespace() || c.is_control()) => url,
        Some(url) => {
            warnings.push(format!("Stepwise: data-docs-base=\"{url}\" is not an http(s) URL; valid: an absolute http:// or https:// URL. Using \"{}\".", pack.docs_base));
            pack.docs_base.to_string()
        }
        None => pack.docs_base.to_string(),
    };
    (EmbedConfig { pack: &pack.id, locale, procedure, docs_base }, warnings)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{LocaleContent, Procedure, Refund, Step, Topic};
    use crate::policy::RefundPolicy;
    use std::borrow::Cow;

    static STEPS: [Step; 1] = [Step { text: Cow::Borrowed(&[]), details: Cow::Borrowed(&[]), screenshots: Cow::Borrowed(&[]) }];
    static PROCS: [Procedure; 1] = [Procedure {
        slug: Cow::Borrowed("invoice"),
        title: Cow::Borrowed("Invoice"),
        intro: Cow::Borrowed(&[]),
        steps: Cow::Borrowed(&STEPS),
        outro: Cow::Borrowed(&[]),
        related: Cow::Borrowed(&[]),
        line: 1,
    }];
    static TOPICS: [Topic; 1] = [Topic { slug: Cow::Borrowed("t"), title: Cow::Borrowed("T"), notes: Cow::Borrowed(&[]), statements: Cow::Borrowed(&[]), procedures: Cow::Borrowed(&PROCS) }];
    static LOCALES: [LocaleContent; 2] = [
        LocaleContent { locale: Cow::Borrowed("zh-CN"), title: Cow::Borrowed("t"), intro: Cow::Borrowed(&[]), topics: Cow::Borrowed(&TOPICS) },
        LocaleContent { locale: Cow::Borrowed("en"), title: Cow::Borrowed("t"), intro: Cow::Borrowed(&[]), topics: Cow::Borrowed(&TOPICS) },
    ];
    static PACKS: [Pack; 1] = [Pack {
        id: Cow::Borrowed("huaweicloud"),
        default_locale: Cow::Borrowed("zh-CN"),
        docs_base: Cow::Borrowed("https://docs.test"),
        refund: Some(Refund { policy: RefundPolicy::HUAWEI, start: None, flow: None }),
        locales: Cow::Borrowed(&LOCALES),
        available: Cow::Borrowed(&[Cow::Borrowed("zh-CN"), Cow::Borrowed("en")]),
    }];

    fn attrs(pairs: &[(&str, &str)]) -> Vec<(Attribute, String)> {
        pairs.iter().map(|(k, v)| (Attribute::parse(k).unwrap(), v.to_string())).collect()
    }

    #[test]
    fn valid_settings_are_taken() {
        let (c, w) = read(&PACKS, &attrs(&[("pack", "huaweicloud"), ("locale", "en"), ("procedure", "invoice"), ("docs-base", "https://seller.test/docs")]));
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(c, EmbedConfig { pack: "huaweicloud", locale: Some("en".into()), procedure: Some("invoice".into()), docs_base: "https://seller.test/docs".into() });
    }

    #[test]
    fn each_bad_value_warns_once_with_the_valid_values_and_falls_back() {
        let (c, w) = read(&PACKS, &attrs(&[("pack", "aws"), ("locale", "fr"), ("procedure", "nope"), ("docs-base", "javascript:alert(1)")]));
        assert_eq!(c, EmbedConfig { pack: "huaweicloud", locale: None, procedure: None, docs_base: "https://docs.test".into() });
        assert_eq!(w.len(), 4);
        assert!(w[0].contains("valid: huaweicloud"), "{}", w[0]);
        assert!(w[1].contains("valid: zh-CN, en"), "{}", w[1]);
        assert!(w[2].contains("valid: invoice"), "{}", w[2]);
        assert!(w[3].contains("http(s)"), "{}", w[3]);
    }
}
