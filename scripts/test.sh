#!/usr/bin/env bash
# Runs every test: native unit and integration tests, the course check, browser tests of
# the storage adapter (wasm-bindgen-test in headless Chromium), and Playwright end-to-end
# tests against the release site that `course-engine build` writes. Installs what is
# missing first. Prints counts per kind.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh test
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"

logs=$(mktemp -d)
summary=()
started=$SECONDS
step() { printf '\n\033[1m==> %s\033[0m (at %d s)\n' "$*" "$((SECONDS - started))"; }
passed() { grep -aoE '[0-9]+ passed' "$1" | awk '{n += $1} END {print n + 0}'; }
# The native crates (the wasm crates are tested in the browser, step 3).
native=(--workspace --exclude course-player --exclude course-results --exclude course-web)

# The player first (built only when its sources changed): the standalone tool's test
# carries it, and the sites of steps 4 and 5 are assembled from it.
cargo run --locked --quiet -- player

step "1/5 native tests (cargo test: core, compiler fixtures, course shape, the author tool, a standalone copy of it)"
# (And the player's own native part: the pages the author tool renders from it, the print page.)
{ cargo test --locked "${native[@]}" && cargo test --locked -p course-player --lib; } 2>&1 | tee "$logs/native"
summary+=("native tests (cargo test):           $(passed "$logs/native") passed")

# Every kind of xAPI statement the player makes (written by a core test), through an xAPI
# validator.
XAPI_SAMPLES="$PWD/target/xapi-samples.json" cargo test --locked --quiet -p course-core xapi::tests::sample_statements >/dev/null
node scripts/validate-xapi.mjs target/xapi-samples.json | tee "$logs/xapi"
summary+=("xAPI statements (every kind):         $(sed -n 's/^xAPI: \([0-9]*\) statements.*/\1/p' "$logs/xapi") valid (@learninglocker/xapi-validation)")

step "1b/5 clippy's default lints everywhere, and the wasm's size rules (clippy.toml) on what reaches the wasm"
cargo clippy --locked --quiet --target wasm32-unknown-unknown -p course-core -p course-web -p course-player -p course-results -p course-lrs \
  --features course-player/chunks,course-results/chunks -- -D warnings
# The size rules are the wasm's: the compiler, the site, the author tool and every test are
# native and never reach it, so they may use B-trees, serde's readers and std's sorts.
cargo clippy --locked --quiet --all-targets "${native[@]}" -- -D warnings -A clippy::disallowed_types -A clippy::disallowed_methods
cargo clippy --locked --quiet --lib --tests -p course-player -- -D warnings -A clippy::disallowed_types -A clippy::disallowed_methods
summary+=("lints (clippy):                       none (default lints, workspace-wide; size rules on the wasm)")

step "2/5 course check (course-engine check course --deny-warnings: problems and item-writing warnings)"
cargo run --locked --quiet -- check course --deny-warnings
overlap="not run: ../shared/tools/seed-overlap is not on this machine"
if [ -x ../shared/tools/seed-overlap ]; then
  ../shared/tools/seed-overlap course | tail -n 1
  overlap="passed"
fi
summary+=("course check:                         0 problems, 0 warnings; seed-overlap $overlap")

step "3/5 browser tests of the storage adapter (wasm-bindgen-test, headless Chromium)"
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner CHROMEDRIVER=/usr/bin/chromedriver \
  cargo test --locked --target wasm32-unknown-unknown -p course-player --test web 2>&1 | tee "$logs/wasm"
summary+=("browser tests (wasm-bindgen-test):    $(passed "$logs/wasm") passed")

step "4/5 release site (course-engine build), size budget, SCORM 1.2 package and its manifest schemas"
cargo run --locked --quiet -- build course --out dist 2>&1 | grep -v 'unknown name subsection'
node scripts/budget.mjs dist --check | tee "$logs/budget"
scripts/scorm.sh
scripts/validate-scorm.sh target/scorm-site/pkg | tee "$logs/scorm"
# The second course (tests/courses/small: another shape, other ids), and its Arabic version
# (right to left), built by the same player, for their own end-to-end tests.
cargo run --locked --quiet -- build tests/courses/small --out target/small-site
cargo run --locked --quiet -- build tests/courses/small-ar --out target/small-ar-site
summary+=("release build:                        dist/ ($(du -sh dist | cut -f1)); SCORM package in target/scorm/, manifest valid against its schemas; tests/courses/small and small-ar in target/small-site/, target/small-ar-site/")
summary+=("size budget:                          $(grep -c 'brotli (ceiling' "$logs/budget") figures within their ceilings (learner wasm $(sed -n 's/^learner wasm: \([0-9.]*\) KB.*/\1/p' "$logs/budget") KB brotli)")

# The LRS for the end-to-end tests (tests/e2e/lrs.spec.mjs): Ralph on a free port, fresh
# credentials (one that may only write statements, for the learner's launch; one that may
# read them, for the test) and an empty data folder; Playwright starts and stops it
# (playwright.config.mjs). The site is built to allow it (--lrs-origin).
lrs_tmp=$(mktemp -d)
export RALPH_PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
export RALPH_APP_DIR="$lrs_tmp/app" RALPH_DATA_DIR="$lrs_tmp/data"
mkdir -p "$RALPH_APP_DIR" "$RALPH_DATA_DIR"
secret() { python3 -c 'import secrets; print(secrets.token_hex(16))'; }
export LRS_WRITER="writer-$(secret | cut -c1-8)" LRS_WRITER_PASSWORD=$(secret)
export LRS_READER="reader-$(secret | cut -c1-8)" LRS_READER_PASSWORD=$(secret)
RALPH_RUNSERVER_BACKEND=fs target/ralph-venv/bin/ralph auth -u "$LRS_WRITER" -p "$LRS_WRITER_PASSWORD" -s statements/write -M mailto:writer@example.org -w >/dev/null 2>&1
RALPH_RUNSERVER_BACKEND=fs target/ralph-venv/bin/ralph auth -u "$LRS_READER" -p "$LRS_READER_PASSWORD" -s statements/read -M mailto:reader@example.org -w >/dev/null 2>&1
cargo run --locked --quiet -- build course --out target/lrs-site --lrs-origin "http://127.0.0.1:$RALPH_PORT" 2>&1 | grep -v 'unknown name subsection'
# And the course built for that one LRS, carrying the write-only credential.
printf '%s:%s\n' "$LRS_WRITER" "$LRS_WRITER_PASSWORD" > "$lrs_tmp/credential"
cargo run --locked --quiet -- build course --out target/lrs-site-one --lrs-endpoint "http://127.0.0.1:$RALPH_PORT/xAPI/" --lrs-credential "$lrs_tmp/credential" 2>&1 | grep -v 'unknown name subsection'

step "5/5 end-to-end tests (Playwright, Chromium, against dist/; axe-core, keyboard, reflow, screenshots)"
rm -rf screenshots
npx playwright test 2>&1 | tee "$logs/e2e"
rm -rf "$lrs_tmp"
summary+=("end-to-end tests (Playwright):        $(passed "$logs/e2e") passed (with Ralph, the LRS, on port $RALPH_PORT)")
summary+=("screenshots (phone and desktop):      screenshots/ ($(ls screenshots | wc -l) files)")

# The lesson switch, a benchmark (not a test: it prints figures and fails nothing), against
# the same release site.
node scripts/serve-dist.mjs dist 4174 >/dev/null 2>&1 &
bench_server=$!
sleep 1
node scripts/bench-lessons.mjs http://127.0.0.1:4174 | tee "$logs/bench" || true
kill "$bench_server" 2>/dev/null || true
summary+=("lesson switch (benchmark, 3 walks):   $(sed -n 's/^lesson switch over \([0-9]*\) switches.*laid out median \([0-9.]*\) ms.*next frame median \([0-9.]*\) ms.*/laid out \2 ms, next frame \3 ms (median of \1; scripts\/bench-lessons.mjs)/p' "$logs/bench")")

step "all tests passed in $((SECONDS - started)) s"
printf '  %s\n' "${summary[@]}"
