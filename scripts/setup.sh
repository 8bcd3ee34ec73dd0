#!/usr/bin/env bash
# Installs whatever the project needs and is missing. Idempotent: when everything is in
# place it only checks versions and returns in a second or two.
# Usage: scripts/setup.sh serve   (Rust tools, trunk, wasm-bindgen, npm packages)
#        scripts/setup.sh test    (the above, plus Chromium and ChromeDriver)
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
# Splits the learner's wasm into chunks (scripts/build-wasm.sh). Not Dioxus's `wasm-split-cli`
# crate, which installs a binary of the same name that expects other symbol names.
WASM_SPLIT_VERSION=0.2.4
# One source of truth for the wasm-bindgen version: the pin in Trunk.toml (Cargo.toml pins the same).
WASM_BINDGEN_VERSION=$(sed -n 's/^wasm_bindgen = "\(.*\)"/\1/p' Trunk.toml)
what=${1:-test}
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"

step() { printf '\033[1m==> %s\033[0m\n' "$*"; }
need() { command -v "$1" >/dev/null 2>&1 || { echo "setup: '$1' is required but not installed. $2" >&2; exit 1; }; }

need cargo "Install Rust with rustup: https://rustup.rs"
need npm "Install Node.js 20 or newer with npm."

if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  step "adding the Rust wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi
if ! rustup component list --installed 2>/dev/null | grep -q '^rust-src'; then
  step "adding the Rust rust-src component (the release wasm rebuilds std: scripts/build-release.sh)"
  rustup component add rust-src
fi
if ! rustup component list --installed 2>/dev/null | grep -q '^clippy'; then
  step "adding the Rust clippy component (the wasm's size rules are lints: clippy.toml)"
  rustup component add clippy
fi
if ! trunk --version 2>/dev/null | grep -qx "trunk $TRUNK_VERSION"; then
  step "installing trunk $TRUNK_VERSION (about 15 minutes on 2 cores; once)"
  cargo install --locked trunk --version "$TRUNK_VERSION"
fi
if ! wasm-bindgen --version 2>/dev/null | grep -qx "wasm-bindgen $WASM_BINDGEN_VERSION"; then
  step "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION"
  # Not --locked: its lockfile wants a crate the registry lacks.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi
if ! cargo install --list | grep -qx "wasm_split_cli_support v$WASM_SPLIT_VERSION:"; then
  step "installing wasm-split-cli (crate wasm_split_cli_support $WASM_SPLIT_VERSION, about 3 minutes; once)"
  cargo install --locked wasm_split_cli_support --version "$WASM_SPLIT_VERSION" --features build-binary
fi
if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -x node_modules/.bin/playwright ] \
   || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  step "installing npm packages (binaryen's wasm-opt, Playwright, axe-core)"
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund
fi
if [ "$what" = test ] && { [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ] || ! command -v xmllint >/dev/null; }; then
  step "installing Chromium, ChromeDriver and xmllint (Debian packages chromium, chromium-driver, libxml2-utils)"
  sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get install -y chromium chromium-driver libxml2-utils \
    || { $sudo apt-get update && $sudo apt-get install -y chromium chromium-driver libxml2-utils; }
fi
