//! Writes a pack file that no build of ours writes, for the end-to-end tests of hostile packs
//! (tests/e2e/untrusted.test.mjs): a valid file (from `stepwise-cli build`), decoded, edited in
//! one way that breaks a rule of `stepwise_core::validate`, and encoded again with a correct
//! header and checksum, so that only the app's own check can refuse it.
//!   cargo run -p stepwise-core --features serde --example edit_pack -- <in.swpk> <out.swpk> <edit>
//! Edits: `no-steps` (the first procedure loses its steps; the refund rule's procedures too),
//! `bad-locale` (the pack's locales become `en-`, which `Intl` throws on).

use stepwise_core::packfile::{encode, LocaleFile, HEADER};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [input, output, edit] = &args[..] else { panic!("usage: edit_pack <in.swpk> <out.swpk> no-steps|bad-locale") };
    let bytes = std::fs::read(input).expect("the input file");
    // The payload after the header, read without the app's check.
    let mut file: LocaleFile = postcard::from_bytes(&bytes[HEADER..]).expect("a pack file of this format");
    match edit.as_str() {
        "no-steps" => {
            for topic in file.content.topics.iter_mut() {
                for p in topic.procedures.iter_mut() {
                    p.steps = Vec::new();
                }
            }
        }
        "bad-locale" => {
            let old = file.content.locale.to_string();
            file.content.locale = "en-".into();
            file.pack.available = file.pack.available.iter().map(|l| if *l == old { "en-".into() } else { l.clone() }).collect::<Vec<_>>();
            if file.pack.default_locale == old {
                file.pack.default_locale = "en-".into();
            }
        }
        other => panic!("unknown edit {other}"),
    }
    std::fs::write(output, encode(&file)).expect("the output file");
}
