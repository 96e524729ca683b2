# Sourced by the other scripts: tool paths shared by build, serve and test.
STEPWISE_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# Cargo's bin folder: where scripts/setup.sh installs trunk and wasm-bindgen (rustup's is the same).
export PATH="$STEPWISE_ROOT/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
export CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
