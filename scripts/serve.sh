#!/usr/bin/env bash
# Serves the course on http://127.0.0.1:8080 (`course-engine serve`): every save in the
# course folder reloads the open pages, and problems show in the terminal and on the page.
# Installs what is missing first. Arguments go to `course-engine serve` (a course folder,
# --port, --release).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh serve
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
exec cargo run --locked --quiet -- serve "$@"
