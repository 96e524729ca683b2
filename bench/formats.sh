#!/usr/bin/env bash
# Pack-file formats (issue 9): file sizes and native decode time, then the wasm each
# deserializer adds (release, opt-level z, LTO, wasm-opt -Oz; next to a baseline that decodes
# nothing) and its decode time in V8 (Node), same run. Not a test.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
cd bench/formats
export CARGO_TARGET_DIR=../../target/bench-formats
mkdir -p ../out/formats
cargo run --quiet --release --features native -- ../../content/huaweicloud ../out/formats
echo
for f in none json postcard bincode; do
  features=$([ "$f" = none ] && echo "" || echo "--features $f")
  cargo build --quiet --release --lib --target wasm32-unknown-unknown $features
  wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals \
    "$CARGO_TARGET_DIR/wasm32-unknown-unknown/release/formats.wasm" -o "../out/formats/$f.wasm"
done
node ../formats.mjs ../out/formats
