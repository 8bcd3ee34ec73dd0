#!/usr/bin/env bash
# Trunk pre-build hook: builds the site's two wasm bundles (trunk's own Rust step has no
# place for the split below, so index.html's `data-trunk rel="rust"` link says to skip it).
#
# 1. The learner's app, split: the pages that are not lessons (src/app/chunks.rs, the
#    `chunks` feature) go into chunks fetched on first use. cargo links with
#    --emit-relocs; wasm-split-cli (crate wasm_split_cli_support, installed by
#    scripts/setup.sh) cuts the wasm into the main module, the chunks and __wasm_split.js
#    (their loader); wasm-bindgen writes the glue, keeping the linker's exports that the
#    chunks import; scripts/split-loader.mjs makes the loader accept a chunk served with
#    any Content-Type. Output:
#    app-<hash>/{course-engine.js, course-engine_bg.wasm, __wasm_split.js, *.wasm}, one
#    folder per build so that a new version never mixes with an old one in a cache;
#    scripts/app-tags.mjs (post-build) puts its script and preload tags into index.html.
# 2. The instructor's results page, a separate bundle so that learners never download
#    it: results.html + results/course-results-<hash>{.js,_bg.wasm}.
#
# Release builds are optimised with wasm-opt -Oz (binaryen from node_modules: Debian's
# older wasm-opt corrupts the wasm).
# Usage (as a hook; trunk sets these): TRUNK_STAGING_DIR, TRUNK_PROFILE=debug|release
set -euo pipefail
cd "$(dirname "$0")/.."
out="${TRUNK_STAGING_DIR:?run as a trunk hook, or set TRUNK_STAGING_DIR}"
profile="${TRUNK_PROFILE:-debug}"
flags=()
[ "$profile" = release ] && flags=(--release)
target="target/wasm32-unknown-unknown/$profile"

# Kept after linking: wasm-split-cli needs the relocations to move functions into chunks.
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="${CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS:-} -Clink-arg=--emit-relocs"
cargo build --quiet "${flags[@]}" --target wasm32-unknown-unknown --bin course-engine --features chunks
cargo build --quiet "${flags[@]}" --target wasm32-unknown-unknown --bin course-results

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
optimise() {
  [ "$profile" = release ] || return 0
  wasm-opt -Oz "$1" -o "$tmp/opt.wasm"
  mv "$tmp/opt.wasm" "$1"
}
content_hash() { cat "$@" | sha256sum | cut -c1-16; }

# 1. The learner's app.
wasm-split-cli "$target/course-engine.wasm" "$tmp/split" --out-name course-engine >/dev/null
# The generated loader streams chunks only when served as application/wasm: make it load
# them whatever type the server declares (many LMSs send application/octet-stream).
node scripts/split-loader.mjs "$tmp/split/__wasm_split.js" >/dev/null
mkdir "$tmp/app"
wasm-bindgen --target web --no-typescript --keep-lld-exports --out-dir "$tmp/app" "$tmp/split/course-engine.wasm"
rm "$tmp/split/course-engine.wasm"
mv "$tmp/split/"* "$tmp/app/"
for wasm in "$tmp/app/"*.wasm; do optimise "$wasm"; done
app="app-$(content_hash "$tmp/app/"*)"
rm -rf "${out:?}/$app"
cp -r "$tmp/app" "$out/$app"
echo "build-wasm: $app/ with $(ls "$tmp/app" | grep -c 'wasm$') wasm files ($profile)"

# 2. The instructor's results page (not split: the linker's relocations are dropped).
node scripts/strip-relocs.mjs "$target/course-results.wasm" "$tmp/course-results.wasm"
wasm-bindgen --target web --no-typescript --out-dir "$tmp/results" "$tmp/course-results.wasm"
optimise "$tmp/results/course-results_bg.wasm"
hash="$(content_hash "$tmp/results/course-results.js" "$tmp/results/course-results_bg.wasm")"
js="results/course-results-$hash.js"
wasm="results/course-results-${hash}_bg.wasm"
mkdir -p "$out/results"
cp "$tmp/results/course-results.js" "$out/$js"
cp "$tmp/results/course-results_bg.wasm" "$out/$wasm"
node -e '
const fs = require("fs");
const [template, css, out, js, wasm] = process.argv.slice(1);
const html = fs.readFileSync(template, "utf8")
  .replaceAll("__JS__", js).replaceAll("__WASM__", wasm)
  .replace("__CSS__", () => fs.readFileSync(css, "utf8"));
fs.writeFileSync(out, html);
' assets/results.html assets/app.css "$out/results.html" "$js" "$wasm"
echo "build-wasm: results.html with $wasm ($profile)"
