//! Pack files: one locale of one pack, as `stepwise-cli build` writes it and the app fetches it;
//! and the pack index in the same framing, for the app (`index.swpi`, beside `index.json`).
//!
//! ```text
//! magic ("SWPK", "SWPI")  format (u16 LE)  payload length (u32 LE)  FNV-1a 32 of the payload (u32 LE)  payload
//! ```
//! The payload is a [`LocaleFile`] (or a [`crate::pack_index::PackIndex`]) in postcard (chosen by
//! `bench/formats.sh`: the smallest decoder in the wasm and the fastest decode; the index too,
//! where a JSON reader would cost the wasm many times more). The header
//! lets a reader tell a file of another format version, a truncated one and a corrupt one
//! apart, each with its own message.

use crate::model::{LocaleContent, PackInfo};
use crate::validate::{self, Invalid};

/// The format this code reads and writes; a file of another is refused, never misread.
/// 2: blocks gained headings, images, callouts and tabs (issue 23).
/// 3: screenshots gained regions, and the pack the date they were captured (issue 25).
pub const FORMAT: u16 = 3;
const MAGIC: &[u8; 4] = b"SWPK";
/// The header's length in bytes: the payload starts there.
pub const HEADER: usize = 4 + 2 + 4 + 4;

/// One locale of a pack, with what the app needs to know of the pack itself.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct LocaleFile {
    pub pack: PackInfo,
    pub content: LocaleContent,
}

/// Why bytes are not a pack file this code can read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileError {
    /// Not a pack file at all (an HTML error page, another file).
    NotAPack,
    /// A pack file of another format version (`found`).
    Version { found: u16 },
    /// Shorter than its header says: the download was cut.
    Truncated,
    /// The bytes do not match their checksum, or do not decode.
    Corrupt,
    /// The bytes decode to content that breaks a rule the views rely on ([`crate::validate`]):
    /// a file no build of ours writes (hand-edited, or hostile).
    Invalid(Invalid),
}

/// FNV-1a, 32 bits: the payload's checksum in the header; a checksum, not a defence (the file
/// name carries a content hash).
pub fn fnv1a32(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0x811c_9dc5_u32, |h, &b| (h ^ b as u32).wrapping_mul(0x0100_0193))
}

/// FNV-1a, 64 bits, as 16 hex digits: the content hash in a pack file's name.
pub fn content_hash(bytes: &[u8]) -> String {
    let h = bytes.iter().fold(0xcbf2_9ce4_8422_2325_u64, |h, &b| (h ^ b as u64).wrapping_mul(0x0000_0100_0000_01b3));
    format!("{h:016x}")
}

pub fn encode(file: &LocaleFile) -> Vec<u8> {
    frame(MAGIC, &postcard::to_allocvec(file).expect("the model always serializes"))
}

/// `payload` after the header with `magic`.
pub(crate) fn frame(magic: &[u8; 4], payload: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(HEADER + payload.len());
    out.extend_from_slice(magic);
    out.extend_from_slice(&FORMAT.to_le_bytes());
    out.extend_from_slice(&(payload.len() as u32).to_le_bytes());
    out.extend_from_slice(&fnv1a32(payload).to_le_bytes());
    out.extend_from_slice(payload);
    out
}

pub fn decode(bytes: &[u8]) -> Result<LocaleFile, FileError> {
    let file: LocaleFile = unframe(MAGIC, bytes)?;
    check(&file).map_err(FileError::Invalid)?;
    Ok(file)
}

/// The payload after the header with `magic`, decoded.
pub(crate) fn unframe<T: serde::de::DeserializeOwned>(magic: &[u8; 4], bytes: &[u8]) -> Result<T, FileError> {
    if bytes.len() < 4 || &bytes[..4] != magic {
        return Err(FileError::NotAPack);
    }
    if bytes.len() < HEADER {
        return Err(FileError::Truncated);
    }
    let u32_at = |i: usize| u32::from_le_bytes([bytes[i], bytes[i + 1], bytes[i + 2], bytes[i + 3]]);
    let found = u16::from_le_bytes([bytes[4], bytes[5]]);
    if found != FORMAT {
        return Err(FileError::Version { found });
    }
    let (len, sum) = (u32_at(6) as usize, u32_at(10));
    let payload = &bytes[HEADER..];
    if payload.len() < len {
        return Err(FileError::Truncated);
    }
    if payload.len() > len || fnv1a32(payload) != sum {
        return Err(FileError::Corrupt);
    }
    match postcard::take_from_bytes::<T>(payload) {
        Ok((value, [])) => Ok(value),
        _ => Err(FileError::Corrupt),
    }
}

/// Whether `file` holds content the views can show ([`crate::validate`]); [`decode`] checks
/// every file it reads, `stepwise-cli build` every file it writes.
pub fn check(file: &LocaleFile) -> Result<(), Invalid> {
    validate::pack_info(&file.pack)?;
    validate::content(&file.pack, &file.content)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Block, Procedure, Span, Step, Topic};

    fn sample() -> LocaleFile {
        let step = Step { text: vec![Span::Text("登录".into()), Span::Path(vec!["费用".into(), "发票".into()])], details: vec![Block::Code("a\nb".into())], screenshots: vec![] };
        let procedure = Procedure { slug: "invoice".into(), title: "发票".into(), intro: vec![], steps: vec![step], outro: vec![], related: vec![], line: 0 };
        let topic = Topic { slug: "invoice".into(), title: "发票".into(), notes: vec![], statements: vec![], procedures: vec![procedure] };
        LocaleFile {
            pack: PackInfo { id: "p".into(), default_locale: "zh-CN".into(), docs_base: "https://d.test".into(), refund: None, available: vec!["zh-CN".into(), "en".into()], captured: None },
            content: LocaleContent { locale: "zh-CN".into(), title: "订单".into(), intro: vec![], topics: vec![topic] },
        }
    }

    #[test]
    fn a_file_reads_back_as_written() {
        let bytes = encode(&sample());
        assert_eq!(decode(&bytes), Ok(sample()));
        assert_eq!(content_hash(&bytes), content_hash(&encode(&sample())), "the name is a function of the content");
        assert_eq!(content_hash(&bytes).len(), 16);
    }

    #[test]
    fn each_kind_of_bad_file_is_told_apart() {
        let bytes = encode(&sample());
        assert_eq!(decode(b"<!doctype html><p>404</p>"), Err(FileError::NotAPack));
        assert_eq!(decode(b""), Err(FileError::NotAPack));
        let mut other = bytes.clone();
        other[4] = 9;
        assert_eq!(decode(&other), Err(FileError::Version { found: 9 }));
        for cut in [6, HEADER, bytes.len() - 1] {
            assert_eq!(decode(&bytes[..cut]), Err(FileError::Truncated), "cut at {cut}");
        }
        let mut flipped = bytes.clone();
        let last = flipped.len() - 3;
        flipped[last] ^= 0x55;
        assert_eq!(decode(&flipped), Err(FileError::Corrupt));
        let mut longer = bytes.clone();
        longer.push(0);
        assert_eq!(decode(&longer), Err(FileError::Corrupt));
    }

    #[test]
    fn a_file_that_decodes_to_what_no_build_writes_is_invalid() {
        let invalid = |edit: &dyn Fn(&mut LocaleFile)| {
            let mut file = sample();
            edit(&mut file);
            match decode(&encode(&file)) {
                Err(FileError::Invalid(_)) => {}
                other => panic!("{other:?}"),
            }
        };
        fn first(f: &mut LocaleFile) -> &mut Procedure {
            &mut f.content.topics[0].procedures[0]
        }
        invalid(&|f| first(f).steps = vec![]);
        invalid(&|f| first(f).slug = "../x".into());
        invalid(&|f| first(f).related = vec!["nowhere".into()]);
        invalid(&|f| f.pack.available = vec!["en-".into()]);
        invalid(&|f| f.content.locale = "fr".into());
        invalid(&|f| f.pack.docs_base = "javascript:alert(1)".into());
        invalid(&|f| f.content.title = "a\0b".into());
        invalid(&|f| f.pack.refund = Some(crate::model::Refund { policy: crate::policy::RefundPolicy::HUAWEI, start: Some("missing".into()), flow: None }));
    }
}
