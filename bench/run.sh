#!/usr/bin/env bash
# The benchmark (not a test): sizes next to a Yew hello-world built in the same run, the pack
# scale (content 1×, 10×, 50×: sizes, fetch, click → first step), whether a keystroke, a step
# change and a checker answer fit in one frame at 1× and 50× (bench/frames.mjs), then what
# the embedded widget costs a listing page next to no widget and a Driver.js tour, then the first
# paint of the standalone page and of the widget (bench/paint.mjs).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh >/dev/null
. scripts/env.sh
mkdir -p bench/out
echo "== sizes (release, brotli 11)"
# The hello-world twice: as Trunk builds it, and with std rebuilt for size as scripts/build.sh
# builds Stepwise (the like-for-like baseline of the ratio).
scripts/build.sh --dist bench/out/stepwise >/dev/null 2>&1
(cd bench/hello && CARGO_TARGET_DIR=../../target/bench-hello trunk build --release --dist ../out/hello >/dev/null 2>&1)
(cd bench/hello && CARGO_TARGET_DIR=../../target/bench-hello ../../scripts/build.sh --dist ../out/hello-std >/dev/null 2>&1)
node bench/sizes.mjs hello=bench/out/hello hello-std=bench/out/hello-std stepwise=bench/out/stepwise
echo
echo "== importer (release; next to pulldown-cmark parsing the same text)"
cargo run --quiet --release -p stepwise-core --features import --example bench_import
echo
echo "== pack scale: the huaweicloud pack at 1×, 10×, 50×, this build next to f4a19b3 (content compiled in)"
BEFORE=f4a19b3 node bench/packs.mjs bench/out/stepwise
echo
echo "== frames: search keystroke, step change, checker answer at 1× and 50×, next to an empty frame"
node bench/frames.mjs bench/out/stepwise
echo
echo "== embed"
node bench/embed.mjs bench/out/stepwise
echo
echo "== paint: the standalone page and the widget's first paint (this build next to dc79b64, before prerendering)"
BEFORE=dc79b64 node bench/paint.mjs bench/out/stepwise bench/out/hello
