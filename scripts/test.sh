#!/usr/bin/env bash
# Runs every test: native unit and integration tests, the course check, browser tests of
# the storage adapter (wasm-bindgen-test in headless Chromium), and Playwright end-to-end
# tests against the release build. Installs what is missing first. Prints counts per kind.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh test
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"

logs=$(mktemp -d)
summary=()
step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }
passed() { grep -aoE '[0-9]+ passed' "$1" | awk '{n += $1} END {print n + 0}'; }

step "1/5 native tests (cargo test: core, compiler fixtures, course shape)"
cargo test --locked 2>&1 | tee "$logs/native"
summary+=("native tests (cargo test):           $(passed "$logs/native") passed")

step "1b/5 the wasm's size rules as lints (clippy.toml, on what reaches the wasm)"
cargo clippy --locked --quiet --target wasm32-unknown-unknown --lib --bins --features chunks -- \
  -A clippy::all -D clippy::disallowed_types -D clippy::disallowed_methods
summary+=("size-rule lints (clippy, wasm):       none broken")

step "2/5 course check (course-compiler check course --deny-warnings: problems and item-writing warnings)"
cargo run --locked --quiet --bin course-compiler -- check course --deny-warnings
overlap="not run: ../shared/tools/seed-overlap is not on this machine"
if [ -x ../shared/tools/seed-overlap ]; then
  ../shared/tools/seed-overlap course | tail -n 1
  overlap="passed"
fi
summary+=("course check:                         0 problems, 0 warnings; seed-overlap $overlap")

step "3/5 browser tests of the storage adapter (wasm-bindgen-test, headless Chromium)"
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner CHROMEDRIVER=/usr/bin/chromedriver \
  cargo test --locked --target wasm32-unknown-unknown --test web 2>&1 | tee "$logs/wasm"
summary+=("browser tests (wasm-bindgen-test):    $(passed "$logs/wasm") passed")

step "4/5 release build (scripts/build-release.sh), size budget, SCORM 1.2 package and its manifest schemas"
scripts/build-release.sh 2>&1 | tail -n 5
node scripts/budget.mjs dist --check | tee "$logs/budget"
scripts/scorm.sh
scripts/validate-scorm.sh target/scorm-site/pkg | tee "$logs/scorm"
summary+=("release build:                        dist/ ($(du -sh dist | cut -f1)); SCORM package in target/scorm/, manifest valid against its schemas")
summary+=("size budget:                          $(grep -c 'brotli (ceiling' "$logs/budget") figures within their ceilings (learner wasm $(sed -n 's/^learner wasm: \([0-9.]*\) KB.*/\1/p' "$logs/budget") KB brotli)")

step "5/5 end-to-end tests (Playwright, Chromium, against dist/; axe-core, keyboard, reflow, screenshots)"
rm -rf screenshots
npx playwright test 2>&1 | tee "$logs/e2e"
summary+=("end-to-end tests (Playwright):        $(passed "$logs/e2e") passed")
summary+=("screenshots (phone and desktop):      screenshots/ ($(ls screenshots | wc -l) files)")

step "all tests passed"
printf '  %s\n' "${summary[@]}"
