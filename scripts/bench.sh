#!/usr/bin/env bash
# Benchmarks (not part of the test command): builds the release site, prints the size
# budget, Lighthouse (mobile preset) for the course home and a deep-linked lesson, lesson
# switch times measured in the browser, and `course-engine serve`'s save -> reload time.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh test
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
export CHROME_PATH=/usr/bin/chromium

[ "${BENCH_SKIP_BUILD:-}" = 1 ] || cargo run --locked --quiet -- build course --out dist 2>&1 | grep -v 'unknown name subsection' | tail -n 1
echo; echo "== size budget"; node scripts/budget.mjs dist || true

port=4174
node scripts/serve-dist.mjs dist $port >/dev/null &
server=$!
trap 'kill $server 2>/dev/null' EXIT
sleep 1

lesson=$(node -e "const c=require('./dist/course/course.json');const t=c.topics[1];console.log('topics/'+t.id+'/'+t.lessons[0].id)")
out=$(mktemp -d)
echo; echo "== Lighthouse (mobile preset)"
for page in "" "$lesson"; do
  lighthouse "http://127.0.0.1:$port/$page" --quiet --output=json --output-path="$out/lh.json" \
    --only-categories=performance,accessibility,best-practices \
    --chrome-flags="--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync" >/dev/null 2>&1 || true
  node -e "
    const r = require('$out/lh.json'); const c = r.categories, a = r.audits;
    const s = (k) => Math.round(c[k].score * 100);
    console.log('/$page'.padEnd(50), 'Performance', s('performance'), ' Accessibility', s('accessibility'), ' Best Practices', s('best-practices'),
      ' LCP', a['largest-contentful-paint'].displayValue, ' TBT', a['total-blocking-time'].displayValue, ' CLS', a['cumulative-layout-shift'].displayValue);
  "
done
echo; echo "== lesson switch (Performance API, phone viewport)"
node scripts/bench-lessons.mjs "http://127.0.0.1:$port"
echo; echo "== course-engine serve: save -> reload (a copy of the course, the release player)"
node scripts/bench-serve.mjs 15
