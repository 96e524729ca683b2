//! The pack index, `packs/index.json`: which packs a build (or a seller) hosts, each pack's
//! default locale, and each locale's pack file.
//!
//! ```json
//! {"format": 3, "packs": {"billing": {"default": "zh-CN", "locales": {
//!   "zh-CN": {"label": "帮助", "dir": "ltr", "title": "订单", "file": "billing.zh-CN.0123456789abcdef.swpk"}}}}}
//! ```
//! `stepwise-cli build` writes it with these types, as JSON (`index.json`: for the embed
//! runtime, for the prerenderer, for people) and for the app in the pack files' framing
//! (`index.swpi` beside it, [`encode_index`]: a JSON reader would be the wasm's largest
//! dependency). The order of `packs` is the build's (the
//! first is the default pack) and the order of `locales` is the pack's: both are JSON objects
//! read in the order they are written ([`ordered`]).

use serde::{Deserialize, Serialize};

use crate::packfile::{frame, unframe, FileError, FORMAT};
use crate::protocol::{is_pack_file_name, BINARY_INDEX};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PackIndex {
    /// The format of the pack files it names ([`crate::packfile::FORMAT`]).
    pub format: u16,
    /// By pack id, in the build's order.
    #[serde(with = "ordered")]
    pub packs: Vec<(String, IndexedPack)>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IndexedPack {
    #[serde(rename = "default")]
    pub default_locale: String,
    /// By locale, in the pack's order.
    #[serde(with = "ordered")]
    pub locales: Vec<(String, IndexedLocale)>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IndexedLocale {
    /// The launcher's label in this locale, and its direction (UI strings, [`crate::i18n`]).
    pub label: String,
    pub dir: String,
    /// The locale's page title.
    pub title: String,
    /// The pack file, by name, in the index's own folder ([`is_pack_file_name`]).
    pub file: String,
}

/// Why an index cannot be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IndexError {
    /// Of another format: the page and its content are of different builds.
    Version,
    /// Not an index, no pack, or a file name that is not a plain name in the index's folder
    /// (nothing it names is then fetched).
    Damaged,
}

impl PackIndex {
    /// The URL of the app's copy of the index at `json_url`: [`BINARY_INDEX`] in its folder.
    pub fn binary_url(json_url: &str) -> String {
        let path_end = json_url.find(['?', '#']).unwrap_or(json_url.len());
        let folder = &json_url[..json_url[..path_end].rfind('/').map_or(0, |i| i + 1)];
        format!("{folder}{BINARY_INDEX}")
    }

    /// The index, if it is one this build can use.
    pub fn checked(self) -> Result<PackIndex, IndexError> {
        if self.format != FORMAT {
            return Err(IndexError::Version);
        }
        let names_ok = self.packs.iter().flat_map(|(_, p)| &p.locales).all(|(_, l)| is_pack_file_name(&l.file));
        if self.packs.is_empty() || !names_ok {
            return Err(IndexError::Damaged);
        }
        Ok(self)
    }

    /// The pack `wanted` if the index has it, else its first (`None`: no pack at all).
    pub fn pack(&self, wanted: Option<&str>) -> Option<(&str, &IndexedPack)> {
        let found = wanted.and_then(|w| self.packs.iter().find(|(id, _)| id == w));
        found.or(self.packs.first()).map(|(id, p)| (id.as_str(), p))
    }
}

impl IndexedPack {
    /// The locale for the buyer's `preferences` (best first) among the pack's, else its
    /// default ([`crate::model::negotiate`]).
    pub fn negotiate(&self, preferences: &[String]) -> &str {
        let chosen = crate::model::negotiate(&self.locale_names(), preferences, &self.default_locale).to_owned();
        self.locales.iter().map(|(l, _)| l.as_str()).find(|l| *l == chosen).unwrap_or(&self.default_locale)
    }

    pub fn locale_names(&self) -> Vec<&str> {
        self.locales.iter().map(|(l, _)| l.as_str()).collect()
    }

    /// The file of `locale`, if the pack has it.
    pub fn file(&self, locale: &str) -> Option<&str> {
        self.locales.iter().find(|(l, _)| l == locale).map(|(_, f)| f.file.as_str())
    }
}

/// The index for the app: `index.swpi` ([`BINARY_INDEX`]), in the pack files' framing.
pub fn encode_index(index: &PackIndex) -> Vec<u8> {
    frame(INDEX_MAGIC, &postcard::to_allocvec(index).expect("an index always serializes"))
}

/// The index in `index.swpi`, [checked](PackIndex::checked) (an index naming a file that is
/// not a plain name in its folder is [`FileError::Corrupt`]).
pub fn decode_index(bytes: &[u8]) -> Result<PackIndex, FileError> {
    unframe::<PackIndex>(INDEX_MAGIC, bytes)?.checked().map_err(|_| FileError::Corrupt)
}

const INDEX_MAGIC: &[u8; 4] = b"SWPI";

/// A JSON object read into, and written from, a list of pairs in its order (serde's maps
/// would sort it, or hash it).
mod ordered {
    use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
    use serde::ser::{Serialize, SerializeMap, Serializer};

    pub fn serialize<V: Serialize, S: Serializer>(pairs: &[(String, V)], s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(pairs.len()))?;
        for (k, v) in pairs {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }

    pub fn deserialize<'de, V: Deserialize<'de>, D: Deserializer<'de>>(d: D) -> Result<Vec<(String, V)>, D::Error> {
        struct Pairs<V>(std::marker::PhantomData<V>);
        impl<'de, V: Deserialize<'de>> Visitor<'de> for Pairs<V> {
            type Value = Vec<(String, V)>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut out = Vec::new();
                while let Some(pair) = map.next_entry()? {
                    out.push(pair);
                }
                Ok(out)
            }
        }
        d.deserialize_map(Pairs(std::marker::PhantomData))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(json: &str) -> Result<PackIndex, IndexError> {
        serde_json::from_str::<PackIndex>(json).map_err(|_| IndexError::Damaged)?.checked()
    }

    const LOCALE: &str = r#"{"label":"Help","dir":"ltr","title":"T","file":"FILE"}"#;

    fn index(format: u16, file: &str) -> String {
        let l = LOCALE.replace("FILE", file);
        format!(r#"{{"format":{format},"packs":{{"zeta":{{"default":"en","locales":{{"en":{l},"ar":{l}}}}},"alpha":{{"default":"en","locales":{{"en":{l}}}}}}}}}"#)
    }

    #[test]
    fn the_order_written_is_the_order_read() {
        let i = read(&index(FORMAT, "zeta.en.0123456789abcdef.swpk")).unwrap();
        assert_eq!(i.packs.iter().map(|(id, _)| id.as_str()).collect::<Vec<_>>(), ["zeta", "alpha"]);
        assert_eq!(i.packs[0].1.locale_names(), ["en", "ar"]);
        assert_eq!(i.pack(None).unwrap().0, "zeta");
        assert_eq!(i.pack(Some("alpha")).unwrap().0, "alpha");
        assert_eq!(i.pack(Some("nope")).unwrap().0, "zeta");
        // Written back, it is the same JSON.
        assert_eq!(serde_json::to_string(&i).unwrap(), index(FORMAT, "zeta.en.0123456789abcdef.swpk"));
    }

    #[test]
    fn the_apps_copy_is_beside_the_index() {
        assert_eq!(PackIndex::binary_url("https://x.test/help/packs/index.json"), "https://x.test/help/packs/index.swpi");
        assert_eq!(PackIndex::binary_url("https://x.test/help/my.json?v=2#a/b"), "https://x.test/help/index.swpi");
        assert_eq!(PackIndex::binary_url("packs/index.json"), "packs/index.swpi");
        assert_eq!(PackIndex::binary_url("index.json"), "index.swpi");
        // Its bytes read back as the same index.
        let index = read(&index(FORMAT, "zeta.en.0123456789abcdef.swpk")).unwrap();
        assert_eq!(decode_index(&encode_index(&index)), Ok(index));
    }

    #[test]
    fn another_format_or_a_bad_name_is_refused() {
        assert_eq!(read(&index(FORMAT - 1, "x.swpk")), Err(IndexError::Version));
        assert_eq!(read(&index(FORMAT, "../x.swpk")), Err(IndexError::Damaged));
        assert_eq!(read(&index(FORMAT, "https://evil.test/x.swpk")), Err(IndexError::Damaged));
        assert_eq!(read(&format!(r#"{{"format":{FORMAT},"packs":{{}}}}"#)), Err(IndexError::Damaged));
        assert_eq!(read(&format!(r#"{{"format":{FORMAT}}}"#)), Err(IndexError::Damaged));
        assert_eq!(read("<html>"), Err(IndexError::Damaged));
    }
}
