//! The embedded widget's content settings, read from the loader's `data-` attributes and
//! checked against the built-in packs. A bad value never stops the widget: it gets one
//! warning that lists the valid values, and the default is used.
//!
//! The launcher's own settings (`data-position`, `data-z-index`, `data-label`, `data-accent`)
//! are read by the loader, which draws the launcher before any wasm is loaded
//! (`js/shared/launcher-settings.js`, with the defaults of [`LAUNCHER_DEFAULTS`], which the
//! protocol carries to it); the loader
//! names those it could not use, and their warnings are written here, with every other one.

use crate::model::Pack;
use crate::protocol::{Attribute, LAUNCHER_DEFAULTS};
use crate::text::http_url;

/// What the widget is asked to show. The pack, locale and procedure are checked once the pack
/// has arrived ([`check`]); until then they are only wishes.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct EmbedConfig {
    /// `None`: the index's first pack.
    pub pack: Option<String>,
    /// `None`: the buyer's language decides.
    pub locale: Option<String>,
    /// The procedure to start on.
    pub procedure: Option<String>,
    /// The seller's docs base (`None`: the pack's).
    pub docs_base: Option<String>,
    /// The seller's own pack index (`None`: the one of the build the loader came from).
    pub pack_url: Option<String>,
}

/// The warning for a launcher setting the loader could not use (`value`: what was given).
pub fn launcher_setting_warning(name: Attribute, value: &str) -> Option<String> {
    let d = LAUNCHER_DEFAULTS;
    let (valid, using) = match name {
        Attribute::Position => (d.positions.join(", "), d.positions[0].to_owned()),
        Attribute::ZIndex => ("an integer such as 1000".into(), d.z_index.to_owned()),
        Attribute::Label => (format!("1 to {} characters", d.max_label_length), "the default".into()),
        Attribute::Accent => ("a colour with 4.5:1 contrast to white (WCAG AA)".into(), "the default".into()),
        _ => return None,
    };
    Some(format!("Stepwise: data-{}=\"{value}\" is not valid; valid: {valid}. Using {using}.", name.as_str()))
}

/// The warning for a `data-` attribute the widget does not know.
pub fn unknown_attribute_warning(name: &str) -> String {
    let valid: Vec<&str> = Attribute::ALL.iter().map(|a| a.as_str()).collect();
    format!("Stepwise: unknown attribute data-{name}; valid: data-{}.", valid.join(", data-"))
}

/// The warning for `setLocale(locale)` with a locale the pack (of `available` locales) lacks.
pub fn unknown_locale_warning(locale: &str, available: &[String]) -> String {
    format!("Stepwise: setLocale: \"{locale}\" is not a locale of this help; valid: {}.", available.join(", "))
}

/// Reads `(attribute, value)` pairs; what needs no pack (the docs base) is checked now.
/// Returns the settings and the warnings.
pub fn read(attributes: &[(Attribute, String)]) -> (EmbedConfig, Vec<String>) {
    let mut warnings = Vec::new();
    let get = |name: Attribute| attributes.iter().find(|(k, _)| *k == name).map(|(_, v)| v.trim().to_owned()).filter(|v| !v.is_empty());
    let mut url_setting = |name: Attribute, fallback: &str| {
        get(name).and_then(|url| {
            if let Some(url) = http_url(&url) {
                return Some(url);
            }
            warnings.push(format!("Stepwise: data-{}=\"{url}\" is not an http(s) URL; valid: an absolute http:// or https:// URL with a host. Using {fallback}.", name.as_str()));
            None
        })
    };
    let docs_base = url_setting(Attribute::DocsBase, "the pack's");
    let pack_url = url_setting(Attribute::PackUrl, "the built-in packs");
    (EmbedConfig { pack: get(Attribute::Pack), locale: get(Attribute::Locale), procedure: get(Attribute::Procedure), docs_base, pack_url }, warnings)
}

/// Once the pack has arrived: a warning, with the valid values, for each wish it cannot meet
/// (a pack the index lacks, given `pack_ids`; a locale or procedure the pack lacks). The widget
/// then shows the first pack, the buyer's language, the list.
pub fn check(config: &EmbedConfig, pack_ids: &[&str], pack: &Pack) -> Vec<String> {
    let mut warnings = Vec::new();
    if let Some(id) = config.pack.as_deref().filter(|id| !pack_ids.contains(id)) {
        warnings.push(format!("Stepwise: data-pack=\"{id}\" is not a pack; valid: {}. Using \"{}\".", pack_ids.join(", "), pack.id));
    }
    if let Some(l) = config.locale.as_deref().filter(|l| !pack.has_locale(l)) {
        let valid: Vec<&str> = pack.available.iter().map(|l| l.as_ref()).collect();
        warnings.push(format!("Stepwise: data-locale=\"{l}\" is not a locale of this pack; valid: {}. Using the browser's language.", valid.join(", ")));
    }
    if let (Some(slug), Some(content)) = (config.procedure.as_deref(), pack.locales.first()) {
        if content.procedure(slug).is_none() {
            let valid: Vec<&str> = content.procedures().map(|(_, p)| p.slug.as_ref()).collect();
            warnings.push(format!("Stepwise: data-procedure=\"{slug}\" is not a procedure; valid: {}. Starting on the list.", valid.join(", ")));
        }
    }
    warnings
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{LocaleContent, PackInfo, Procedure, Refund, Step, Topic};
    use crate::policy::RefundPolicy;
    fn pack() -> Pack {
        let step = Step { text: vec![], details: vec![], screenshots: vec![] };
        let procedure = Procedure { slug: "invoice".into(), title: "Invoice".into(), intro: vec![], steps: vec![step], outro: vec![], related: vec![], line: 1 };
        let topic = Topic { slug: "t".into(), title: "T".into(), notes: vec![], statements: vec![], procedures: vec![procedure] };
        let locale = |l: &str| LocaleContent { locale: l.into(), title: "t".into(), intro: vec![], topics: vec![topic.clone()] };
        Pack {
            info: PackInfo {
                id: "huaweicloud".into(),
                default_locale: "zh-CN".into(),
                docs_base: "https://docs.test".into(),
                refund: Some(Refund { policy: RefundPolicy::HUAWEI, start: None, flow: None }),
                available: vec!["zh-CN".into(), "en".into()],
                captured: None,
            },
            locales: vec![locale("zh-CN"), locale("en")],
        }
    }

    fn attrs(pairs: &[(&str, &str)]) -> Vec<(Attribute, String)> {
        pairs.iter().map(|(k, v)| (Attribute::parse(k).unwrap(), v.to_string())).collect()
    }

    #[test]
    fn launcher_settings_and_unknown_attributes_are_warned_of_with_what_is_valid() {
        let w = launcher_setting_warning(Attribute::ZIndex, "high").unwrap();
        assert_eq!(w, "Stepwise: data-z-index=\"high\" is not valid; valid: an integer such as 1000. Using 2147483000.");
        assert!(launcher_setting_warning(Attribute::Position, "top").unwrap().contains("valid: bottom-right, bottom-left. Using bottom-right."));
        assert_eq!(launcher_setting_warning(Attribute::Pack, "x"), None);
        assert!(unknown_attribute_warning("colour").contains("unknown attribute data-colour; valid: data-pack, data-locale, data-position"));
        assert_eq!(unknown_locale_warning("fr", &["zh-CN".into(), "en".into()]), "Stepwise: setLocale: \"fr\" is not a locale of this help; valid: zh-CN, en.");
    }

    #[test]
    fn valid_settings_are_taken() {
        let (c, w) = read(&attrs(&[("pack", "huaweicloud"), ("locale", "en"), ("procedure", "invoice"), ("docs-base", "https://seller.test/docs"), ("pack-url", "https://seller.test/help/packs/index.json")]));
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(
            c,
            EmbedConfig {
                pack: Some("huaweicloud".into()),
                locale: Some("en".into()),
                procedure: Some("invoice".into()),
                docs_base: Some("https://seller.test/docs".into()),
                pack_url: Some("https://seller.test/help/packs/index.json".into())
            }
        );
        assert!(check(&c, &["huaweicloud"], &pack()).is_empty());
    }

    #[test]
    fn each_bad_value_warns_once_with_the_valid_values() {
        let (c, w) = read(&attrs(&[("pack", "aws"), ("locale", "fr"), ("procedure", "nope"), ("docs-base", "javascript:alert(1)"), ("pack-url", "data:text/plain,x")]));
        assert_eq!((c.docs_base.as_deref(), c.pack_url.as_deref()), (None, None));
        assert_eq!(w.len(), 2);
        assert!(w[0].contains("data-docs-base") && w[0].contains("http(s)"), "{}", w[0]);
        assert!(w[1].contains("data-pack-url") && w[1].contains("built-in packs"), "{}", w[1]);
        let w = check(&c, &["huaweicloud"], &pack());
        assert_eq!(w.len(), 3);
        assert!(w[0].contains("valid: huaweicloud"), "{}", w[0]);
        assert!(w[1].contains("valid: zh-CN, en"), "{}", w[1]);
        assert!(w[2].contains("valid: invoice"), "{}", w[2]);
    }
}
