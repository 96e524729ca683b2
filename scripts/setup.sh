#!/usr/bin/env bash
# Installs everything Stepwise needs to build and test, skipping what is already there.
# Safe to run again and again: a second run on a ready machine takes a few seconds.
set -euo pipefail
cd "$(dirname "$0")/.."
# Cargo's bin folder on PATH, where the tools below are installed (a new machine's Cargo home).
. scripts/env.sh

say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }
SUDO=""
if [ "$(id -u)" != 0 ] && command -v sudo >/dev/null; then SUDO=sudo; fi

TRUNK_VERSION=0.21.14
# wasm-bindgen's CLI must equal the crate exactly; Cargo.toml pins it, Cargo.lock records it.
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# The release wasm rebuilds std for size from its sources (scripts/build.sh).
if ! rustup component list --installed | grep -q '^rust-src'; then
  say "adding the rust-src component"
  rustup component add rust-src
fi

if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 5 minutes)"
  # Not --locked: its lock file names a crate version this registry lacks.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
  say "installing trunk $TRUNK_VERSION (about 12 minutes)"
  cargo install trunk --version "$TRUNK_VERSION" --locked --force
fi

# The crates of every offline build, fetched before any build. Trunk runs cargo with --offline
# (`offline = true` in Trunk.toml), so whatever a release build compiles must already be in the
# Cargo home: the workspace's crates (for every target), the crates of std itself, which
# scripts/build.sh rebuilds for the wasm from rust-src (its own lock file, in the sysroot), and
# those of the bench's hello-world (bench/hello, also built offline). Each is checked offline
# first, so a ready machine asks no registry (about a second for all three).
fetch_crates() { # <what> <Cargo.toml>
  if ! cargo fetch --locked --offline --manifest-path "$2" >/dev/null 2>&1; then
    say "fetching the crates of $1"
    cargo fetch --locked --quiet --manifest-path "$2"
  fi
}
fetch_crates "the workspace" Cargo.toml
# RUSTC_BOOTSTRAP: std's manifest uses unstable Cargo features, as the std rebuild does.
RUSTC_BOOTSTRAP=1 fetch_crates "std (rebuilt for the release wasm)" \
  "$(rustc --print sysroot)/lib/rustlib/src/rust/library/Cargo.toml"
fetch_crates "the bench's hello-world" bench/hello/Cargo.toml

# The three engines buyers use, each with its W3C WebDriver: Chromium (chromium-driver), Firefox
# (firefox-esr; geckodriver below) and WebKit (webkit2gtk-driver: WebKitWebDriver and WebKitGTK's
# MiniBrowser, which has no headless mode, hence xvfb).
missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v chromedriver >/dev/null || missing+=(chromium-driver)
command -v firefox-esr >/dev/null || missing+=(firefox-esr)
command -v WebKitWebDriver >/dev/null || missing+=(webkit2gtk-driver)
command -v xvfb-run >/dev/null || missing+=(xvfb xauth)
if [ ${#missing[@]} -gt 0 ]; then
  say "installing from Debian: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

GECKODRIVER_VERSION=0.37.1
if [ "$(geckodriver --version 2>/dev/null | head -1 | cut -d' ' -f2)" != "$GECKODRIVER_VERSION" ]; then
  say "installing geckodriver $GECKODRIVER_VERSION (4 minutes or so)"
  cargo install geckodriver --version "$GECKODRIVER_VERSION" --locked --force
fi

# npm packages (wasm-opt from binaryen, playwright-core, selenium-webdriver, axe-core) from the committed lock file.
if ! cmp -s package-lock.json node_modules/.stepwise-installed-lock 2>/dev/null; then
  say "installing npm packages (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json node_modules/.stepwise-installed-lock
fi

say "ready: $(trunk --version), $(wasm-bindgen --version), $(node_modules/.bin/wasm-opt --version | cut -d' ' -f1-3), $(chromium --version 2>/dev/null | head -1), $(firefox-esr --version 2>/dev/null), $(geckodriver --version | head -1), WebKitGTK $(dpkg-query -W -f '${Version}' webkit2gtk-driver 2>/dev/null)"
