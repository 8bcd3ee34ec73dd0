#!/usr/bin/env bash
# The release build of the site (trunk build --release), with the size settings that
# Cargo.toml cannot express: the wasm's standard library is rebuilt from source with
# panic=immediate-abort, so that no panic message formatting, unwinding tables or location
# strings reach the learner (about 14 KB brotli, 7 %, measured on the player). On a stable
# compiler these flags need RUSTC_BOOTSTRAP=1; they are set here only, for wasm32 only, and
# the course compiler (a native hook) runs without them. Needs the rust-src component
# (scripts/setup.sh installs it). A panic in a release build then stops the app without a
# console message; debug builds (scripts/serve.sh) keep the messages.
# Usage: scripts/build-release.sh [trunk build arguments]
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
export RUSTC_BOOTSTRAP=1
export CARGO_UNSTABLE_BUILD_STD=std,panic_abort
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort"
exec trunk build --release "$@"
