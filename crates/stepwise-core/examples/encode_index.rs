//! Writes the app's copy of a pack index (`index.swpi`) from an index in JSON, unchecked, for
//! the end-to-end tests of hostile indexes (tests/e2e/packs.test.mjs, cross-origin.test.mjs): a
//! JSON index edited to name files outside its folder becomes the binary one the app reads, so
//! that only the app's own check can refuse it.
//!   cargo run -p stepwise-core --features serde --example encode_index -- <index.json> <index.swpi>

use stepwise_core::pack_index::PackIndex;
use stepwise_core::pack_index::encode_index;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [input, output] = &args[..] else { panic!("usage: encode_index <index.json> <index.swpi>") };
    let index: PackIndex = serde_json::from_slice(&std::fs::read(input).expect("the input file")).expect("an index in JSON");
    std::fs::write(output, encode_index(&index)).expect("the output file");
}
