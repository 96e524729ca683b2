//! Encodes one locale of the huaweicloud pack, at 1×, 10× and 50× its procedures, in each
//! format; prints raw and brotli sizes and the native decode time; writes the files to
//! `bench/out/formats/` for the wasm timing.

use std::borrow::Cow;
use std::time::Instant;

use formats::{decode_bincode, decode_json, decode_postcard, steps};
use stepwise_core::model::{LocaleContent, Topic};

/// The content with its topics repeated `n` times (slugs made unique).
fn scaled(c: &LocaleContent, n: usize) -> LocaleContent {
    let mut topics: Vec<Topic> = Vec::new();
    for i in 0..n {
        for t in c.topics.iter() {
            let mut t = t.clone();
            t.slug = format!("{}-{i}", t.slug).into();
            for p in t.procedures.iter_mut() {
                p.slug = format!("{}-{i}", p.slug).into();
                p.line = 0; // not in pack files
            }
            topics.push(t);
        }
    }
    LocaleContent { topics: Cow::Owned(topics), ..c.clone() }
}

fn brotli(bytes: &[u8]) -> usize {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams { quality: 11, ..Default::default() };
    brotli::BrotliCompress(&mut &bytes[..], &mut out, &params).expect("brotli");
    out.len()
}

fn main() {
    let dir = std::env::args().nth(1).unwrap_or_else(|| "../../content/huaweicloud".into());
    let out = std::env::args().nth(2).unwrap_or_else(|| "../out/formats".into());
    std::fs::create_dir_all(&out).expect("out dir");
    let pack = stepwise_core::import::import_dir(std::path::Path::new(&dir)).expect("the pack imports").pack;
    let zh = pack.locale("zh-CN").expect("zh-CN");
    println!("{:<10}{:>6}{:>7}{:>12}{:>12}{:>14}", "format", "scale", "steps", "raw", "brotli", "native decode");
    for scale in [1, 10, 50] {
        let c = scaled(zh, scale);
        let encodings: [(&str, Vec<u8>, fn(&[u8]) -> Option<LocaleContent>); 3] = [
            ("json", serde_json::to_vec(&c).unwrap(), decode_json),
            ("postcard", postcard::to_allocvec(&c).unwrap(), decode_postcard),
            ("bincode", bincode::serialize(&c).unwrap(), decode_bincode),
        ];
        for (name, bytes, decode) in encodings {
            let back = decode(&bytes).expect("decodes");
            assert_eq!(back, c, "{name} round-trips");
            let runs = 20;
            let t = Instant::now();
            for _ in 0..runs {
                std::hint::black_box(decode(&bytes));
            }
            let us = t.elapsed().as_micros() as f64 / runs as f64;
            println!("{name:<10}{scale:>5}×{:>7}{:>12}{:>12}{:>11.0} µs", steps(&back), bytes.len(), brotli(&bytes), us);
            std::fs::write(format!("{out}/{name}-{scale}.bin"), &bytes).expect("write");
        }
    }
}
