#!/usr/bin/env bash
# Serves the course on http://127.0.0.1:8080, rebuilding and reloading on every save of a
# topic file, the manifest, the styles or the Rust code. Installs what is missing first.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh serve
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
# Its own output folder: dist/ stays the release build that tests and the bench use.
exec trunk serve --dist target/serve-dist "$@"
