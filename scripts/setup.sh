#!/usr/bin/env bash
# Installs whatever the project needs and is missing. Idempotent: when everything is in
# place it only checks versions and returns in a second or two.
# Usage: scripts/setup.sh serve   (the Rust targets and components, npm's binaryen)
#        scripts/setup.sh test    (the above, plus wasm-bindgen's test runner, Playwright,
#                                  Chromium, ChromeDriver and xmllint)
# The build itself needs no tool beyond cargo: `course-engine` splits the wasm and writes
# its JS glue with libraries (src/player.rs); only wasm-opt comes from npm (binaryen).
set -euo pipefail
cd "$(dirname "$0")/.."

# wasm-bindgen's test runner must be the version the wasm is built with: Cargo.lock's.
WASM_BINDGEN_VERSION=$(grep -A1 '^name = "wasm-bindgen"$' Cargo.lock | sed -n 's/^version = "\(.*\)"/\1/p')
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
  step "adding the Rust rust-src component (the release wasm rebuilds std: src/player.rs)"
  rustup component add rust-src
fi
if ! rustup component list --installed 2>/dev/null | grep -q '^clippy'; then
  step "adding the Rust clippy component (the wasm's size rules are lints: clippy.toml)"
  rustup component add clippy
fi
if [ "$what" = test ] && ! wasm-bindgen-test-runner --version 2>/dev/null | grep -q " $WASM_BINDGEN_VERSION\$"; then
  step "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (its test runner, for the browser tests; about 3 minutes, once)"
  # Not --locked: its lockfile wants a crate the registry lacks.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi
if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -x node_modules/.bin/playwright ] \
   || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  step "installing npm packages (binaryen's wasm-opt, Playwright, axe-core)"
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund
fi
if [ "$what" = test ] && { [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ] || ! command -v xmllint >/dev/null || ! command -v pdftotext >/dev/null; }; then
  step "installing Chromium, ChromeDriver, xmllint and pdftotext (Debian packages chromium, chromium-driver, libxml2-utils, poppler-utils)"
  sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get install -y chromium chromium-driver libxml2-utils poppler-utils \
    || { $sudo apt-get update && $sudo apt-get install -y chromium chromium-driver libxml2-utils poppler-utils; }
fi
# Ralph, the LRS the end-to-end tests report to (France Université Numérique's
# ralph-malph, in a virtual environment of its own; scripts/run-ralph.py serves it).
RALPH_VERSION=5.1.0
if [ "$what" = test ] && ! target/ralph-venv/bin/python -c "import ralph, sys; sys.exit(ralph.__version__ != '$RALPH_VERSION')" 2>/dev/null \
   && ! [ "$(target/ralph-venv/bin/pip show ralph-malph 2>/dev/null | sed -n 's/^Version: //p')" = "$RALPH_VERSION" ]; then
  step "installing Ralph $RALPH_VERSION, the LRS for the tests (a Python virtual environment in target/ralph-venv; about a minute, once)"
  need python3 "Install Python 3.9 or newer with its venv module."
  rm -rf target/ralph-venv
  python3 -m venv target/ralph-venv
  target/ralph-venv/bin/pip install --quiet --disable-pip-version-check "ralph-malph[lrs,cli]==$RALPH_VERSION" requests
fi
