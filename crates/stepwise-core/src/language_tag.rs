//! Language tags: what a pack's locale may be called.
//!
//! A locale names a pack's files and the first segment of its deep links, and it reaches the
//! browser's `Intl`, which throws on a tag it cannot read (`RangeError: Invalid language tag:
//! en-`). One rule, here, for the CLI (a pack that breaks it is refused) and the app (a pack
//! file that breaks it is damaged): a well-formed BCP 47 tag (RFC 5646) of the shape that
//! every browser's `Intl` reads (a Unicode BCP 47 locale identifier, UTS #35):
//!
//! ```text
//! language  2–3 letters, or 5–8 letters      zh, en, yue
//! script    4 letters                        Hant, Latn
//! region    2 letters or 3 digits            CN, 419
//! variant   5–8 letters or digits, or a digit and 3 letters or digits; each once
//! ```
//! each part after the language optional, in that order, joined by `-`, in any case. Not
//! accepted, though BCP 47 has them: extensions (`-u-ca-buddhist`), private use (`-x-…`),
//! extended language subtags (`zh-yue`, which `Intl` refuses) and the grandfathered tags. No
//! pack needs them, and a shorter rule is one a seller can read in the CLI's message.

/// The longest tag accepted, in bytes: a language, a script, a region and a few variants.
pub const MAX_LEN: usize = 64;

/// Whether `tag` is a language tag a pack may use (see the module's rule).
pub fn is_language_tag(tag: &str) -> bool {
    if tag.len() > MAX_LEN {
        return false;
    }
    let letters = |s: &str| s.bytes().all(|b| b.is_ascii_alphabetic());
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let alphanumeric = |s: &str| s.bytes().all(|b| b.is_ascii_alphanumeric());
    let mut parts = tag.split('-');
    let language = parts.next().unwrap_or("");
    if !(matches!(language.len(), 2..=3 | 5..=8) && letters(language)) {
        return false;
    }
    // What may still come: 0 a script, 1 a region, 2 only variants.
    let mut next = 0;
    let mut variants: Vec<String> = Vec::new();
    for part in parts {
        if next == 0 && part.len() == 4 && letters(part) {
            next = 1;
        } else if next <= 1 && ((part.len() == 2 && letters(part)) || (part.len() == 3 && digits(part))) {
            next = 2;
        } else {
            let variant = alphanumeric(part)
                && ((5..=8).contains(&part.len()) || (part.len() == 4 && part.as_bytes()[0].is_ascii_digit()));
            let lower = part.to_ascii_lowercase();
            if !variant || variants.contains(&lower) {
                return false;
            }
            variants.push(lower);
            next = 2;
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn tags_a_pack_may_use() {
        for tag in ["zh-CN", "en", "zh-Hant-TW", "sr-Latn", "es-419", "yue", "de-CH-1996", "sl-rozaj-biske", "EN-us", "ca-valencia", "english-language"] {
            assert!(is_language_tag(tag), "{tag}");
        }
    }

    #[test]
    fn tags_intl_would_throw_on_or_that_are_not_tags() {
        for tag in [
            "", "en-", "-en", "en--US", "e", "zh_CN", "zh-CN ", " en", "en-US-", "root",
            "zh-yue", "en-u-ca-buddhist", "x-private", "en-x-a", "de-1996-1996", "en-US-GB", "en-Latn-Latn",
            "i-klingon", "中文", "en/../x", "en%2F", "en.US", "1en",
        ] {
            assert!(!is_language_tag(tag), "{tag:?}");
        }
        assert!(!is_language_tag(&format!("en-{}", ["abcde"; 20].iter().enumerate().map(|(i, _)| format!("{i:05}")).collect::<Vec<_>>().join("-"))));
    }

    proptest! {
        /// A tag is only ever ASCII letters, digits and single `-` between parts: safe in a
        /// file name, a URL path segment and a `lang` attribute.
        #[test]
        fn an_accepted_tag_is_plain(tag in "[a-zA-Z0-9_.-]{0,20}") {
            if is_language_tag(&tag) {
                prop_assert!(tag.split('-').all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_alphanumeric())));
            }
        }

        /// Every well-formed language-script-region tag is accepted, in any case.
        #[test]
        fn every_shape_of_the_rule_is_accepted(language in "[a-z]{2,3}|[a-z]{5,8}", script in "([A-Z][a-z]{3})?", region in "([A-Z]{2}|[0-9]{3})?") {
            let tag = [language.as_str(), script.as_str(), region.as_str()].iter().filter(|p| !p.is_empty()).copied().collect::<Vec<_>>().join("-");
            prop_assert!(is_language_tag(&tag), "{}", tag);
            prop_assert!(is_language_tag(&tag.to_ascii_uppercase()), "{}", tag);
        }
    }
}
