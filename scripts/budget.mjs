// Size budget: prints each file of the built site with its raw, gzip and brotli size, and
// the critical path (what a first visit must download before the course shows: the page,
// its CSS, the JS glue, the wasm and the compiled course). With --check, exits 1 when the
// wasm or the critical path is over its limit.
// Usage: node scripts/budget.mjs [DIR] [--check]
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';

// Limits in bytes, brotli. Issue 7's ceilings; tighten to measured + margin once met.
export const WASM_LIMIT = 120 * 1024;
export const CRITICAL_LIMIT = 200 * 1024;

const args = process.argv.slice(2);
const dir = args.find((a) => !a.startsWith('--')) ?? 'dist';
const check = args.includes('--check');

const files = [];
(function walk(d) {
  for (const name of readdirSync(d).sort()) {
    const p = join(d, name);
    if (statSync(p).isDirectory()) walk(p); else files.push(relative(dir, p));
  }
})(dir);

const sizes = new Map(files.map((f) => {
  const b = readFileSync(join(dir, f));
  return [f, {
    raw: b.length,
    gzip: gzipSync(b, { level: 9 }).length,
    brotli: brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  }];
}));

const html = readFileSync(join(dir, 'index.html'), 'utf8');
const referenced = [...html.matchAll(/(?:href|src|from|module_or_path:)\s*=?\s*['"]\/?([^'"]+\.(?:js|wasm|css))['"]/g)].map((m) => m[1]);
const critical = ['index.html', ...new Set(referenced), 'course/course.json'].filter((f) => sizes.has(f));

const kb = (n) => (n / 1024).toFixed(1).padStart(7);
console.log(`${'file'.padEnd(48)} ${'raw KB'.padStart(7)} ${'gzip KB'.padStart(7)} ${'br KB'.padStart(7)}  critical`);
for (const [f, s] of sizes) console.log(`${f.padEnd(48)} ${kb(s.raw)} ${kb(s.gzip)} ${kb(s.brotli)}  ${critical.includes(f) ? 'yes' : ''}`);
const total = (key) => critical.reduce((n, f) => n + sizes.get(f)[key], 0);
console.log(`${'critical path'.padEnd(48)} ${kb(total('raw'))} ${kb(total('gzip'))} ${kb(total('brotli'))}`);

const wasm = [...sizes].find(([f]) => f.endsWith('.wasm'));
const wasmBr = wasm ? wasm[1].brotli : 0;
console.log(`\nwasm: ${kb(wasmBr).trim()} KB brotli (limit ${WASM_LIMIT / 1024} KB); critical path: ${kb(total('brotli')).trim()} KB brotli (limit ${CRITICAL_LIMIT / 1024} KB)`);
if (check) {
  const over = [];
  if (wasmBr > WASM_LIMIT) over.push(`the wasm is ${kb(wasmBr).trim()} KB brotli, over its ${WASM_LIMIT / 1024} KB budget`);
  if (total('brotli') > CRITICAL_LIMIT) over.push(`the critical path is ${kb(total('brotli')).trim()} KB brotli, over its ${CRITICAL_LIMIT / 1024} KB budget`);
  if (over.length) { console.error(`budget: ${over.join('; ')}`); process.exit(1); }
  console.log('budget: within limits');
}
