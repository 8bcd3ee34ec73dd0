#!/usr/bin/env bash
# Trunk pre-build hook: builds the instructor's results page, a second wasm bundle, into
# the site as results.html + results/course-results-<hash>{.js,_bg.wasm}. It is separate so
# that learners never download the instructor's code. Release builds are optimised like
# the learner's bundle (wasm-opt -Oz, from node_modules: see Trunk.toml).
# Usage (as a hook; trunk sets these): TRUNK_STAGING_DIR, TRUNK_PROFILE=debug|release
set -euo pipefail
cd "$(dirname "$0")/.."
out="${TRUNK_STAGING_DIR:?run as a trunk hook, or set TRUNK_STAGING_DIR}"
profile="${TRUNK_PROFILE:-debug}"
flags=()
[ "$profile" = release ] && flags=(--release)
cargo build --quiet "${flags[@]}" --target wasm32-unknown-unknown --bin course-results
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
wasm-bindgen --target web --no-typescript --out-dir "$tmp" \
  "target/wasm32-unknown-unknown/$profile/course-results.wasm"
if [ "$profile" = release ]; then
  wasm-opt -Oz "$tmp/course-results_bg.wasm" -o "$tmp/opt.wasm"
  mv "$tmp/opt.wasm" "$tmp/course-results_bg.wasm"
fi
hash="$(cat "$tmp/course-results.js" "$tmp/course-results_bg.wasm" | sha256sum | cut -c1-16)"
js="results/course-results-$hash.js"
wasm="results/course-results-${hash}_bg.wasm"
mkdir -p "$out/results"
cp "$tmp/course-results.js" "$out/$js"
cp "$tmp/course-results_bg.wasm" "$out/$wasm"
node -e '
const fs = require("fs");
const [template, css, out, js, wasm] = process.argv.slice(1);
const html = fs.readFileSync(template, "utf8")
  .replaceAll("__JS__", js).replaceAll("__WASM__", wasm)
  .replace("__CSS__", () => fs.readFileSync(css, "utf8"));
fs.writeFileSync(out, html);
' assets/results.html assets/app.css "$out/results.html" "$js" "$wasm"
echo "build-results: results.html with $wasm ($profile)"
