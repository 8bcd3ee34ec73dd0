// Size budget: prints each file of the built site with its raw, gzip and brotli size, and
// the critical path (what a first visit must download before the course works: the page,
// its CSS, the JS glue, the wasm and the compiled course), the chunks (the pages whose code
// is fetched the first time they are opened: crates/player/src/chunks.rs) and the instructor's
// results page (its own bundle). With --check, exits 1 when any of them is over its
// ceiling.
// Usage: node scripts/budget.mjs [DIR] [--check]
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { siteFiles } from './site-files.mjs';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';

// Goals (issue 7), brotli, both reached (README "Speed, size and offline"). The wasm is the
// main module, the one every learner downloads; the chunks have a ceiling of their own.
export const WASM_GOAL = 120 * 1024;
export const CRITICAL_GOAL = 200 * 1024;
// Ceilings the test command enforces: measured size plus about 2 %, so that the site can
// only get lighter. Measured on the release site of `course-engine build` (its player built
// with std rebuilt: src/player.rs). Lower them whenever a change makes it smaller (never
// raise them). Lowered when JSON numbers stopped going through std's float parser (its
// table of powers of five: -12 KB each): wasm 118 -> 108, critical path 155 -> 146,
// instructor page 122 -> 111. Lowered when the instructor's page stopped downloading the
// learners' course (lessons, glossary, words) and read results.json instead: 111 -> 91.
// Lowered when the instructor's class view moved to a chunk with the LRS form: 91 -> 83.
// Lowered when the questions' words moved from course.json to feedback.json (fetched with
// the pages of questions), which paid for course 1.1 with room to spare: critical path
// 146 -> 143 (141.7 KB measured with course 1.1, 2026-12-07).
export const WASM_LIMIT = 108 * 1024;
export const CRITICAL_LIMIT = 143 * 1024;
export const CHUNKS_LIMIT = 80 * 1024;
export const INSTRUCTOR_LIMIT = 83 * 1024;
// The instructor page's chunks (results/<hash>/, crates/results/src/parts.rs): the class's
// table, charts and exports, and the LRS form. Measured 66.5 KB when they were made (2026-12-02).
export const INSTRUCTOR_CHUNKS_LIMIT = 68 * 1024;
// The LRS reporter (lrs/, crate course-lrs): fetched only by a page launched with an LRS,
// on top of the critical path. Measured 49.8 KB when it was made (2026-12-01).
export const LRS_LIMIT = 51 * 1024;
// Each course diagram (an SVG in the course's assets, inlined into its lesson by the
// compiler: it travels in course.json, on the critical path). Issue 12's ceiling.
export const DIAGRAM_LIMIT = 8 * 1024;
// Search (issue 25): opening it and a first search, at most (see below); nothing of it on the
// critical path. Measured 129.8 KB (French, the largest) when it was made (2026-12-08).
export const SEARCH_LIMIT = 135 * 1024;

const args = process.argv.slice(2);
const dir = args.find((a) => !a.startsWith('--')) ?? 'dist';
const check = args.includes('--check');

const files = siteFiles(dir);

const sizes = new Map(files.map((f) => {
  const b = readFileSync(join(dir, f));
  return [f, {
    raw: b.length,
    gzip: gzipSync(b, { level: 9 }).length,
    brotli: brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  }];
}));

const html = readFileSync(join(dir, 'index.html'), 'utf8');
// What the page fetches to start: every script, wasm and stylesheet it names (in tags or in
// its loader script), but the service worker, which is registered after the page loads.
// (Not the LRS reporter, lrs/: only a page launched with an LRS imports it.)
// (Not search.js either: the page imports it when the learner opens search.)
const referenced = [...html.matchAll(/['"](?:\.?\/)?([^'"\s]+\.(?:js|wasm|css))['"]/g)].map((m) => m[1])
  .filter((f) => f !== 'sw.js' && f !== 'search.js' && !f.startsWith('lrs/'));
const critical = ['index.html', ...new Set(referenced), 'course/course.json'].filter((f) => sizes.has(f));

const kb = (n) => (n / 1024).toFixed(1).padStart(7);
console.log(`${'file'.padEnd(48)} ${'raw KB'.padStart(7)} ${'gzip KB'.padStart(7)} ${'br KB'.padStart(7)}  critical`);
for (const [f, s] of sizes) console.log(`${f.padEnd(48)} ${kb(s.raw)} ${kb(s.gzip)} ${kb(s.brotli)}  ${critical.includes(f) ? 'yes' : ''}`);
const total = (key) => critical.reduce((n, f) => n + sizes.get(f)[key], 0);
console.log(`${'critical path'.padEnd(48)} ${kb(total('raw'))} ${kb(total('gzip'))} ${kb(total('brotli'))}`);

const wasm = critical.find((f) => f.endsWith('.wasm'));
const wasmBr = wasm ? sizes.get(wasm).brotli : 0;
// The chunks: the other files of the app's folder (app-<hash>/), which the page does not
// reference; the app fetches each the first time a page needs it.
const appDir = wasm && wasm.includes('/') ? wasm.slice(0, wasm.lastIndexOf('/') + 1) : null;
const chunks = appDir ? files.filter((f) => f.startsWith(appDir) && !critical.includes(f)) : [];
const chunksBr = chunks.reduce((n, f) => n + sizes.get(f).brotli, 0);
console.log(`${`chunks (${chunks.length} files, fetched on first use)`.padEnd(48)} ${''.padStart(7)} ${''.padStart(7)} ${kb(chunksBr)}`);
// The instructor's page: results.html and what it references (its bundle, results.json).
let instructor = 0;
let instructorChunks = 0;
if (sizes.has('results.html')) {
  const page = readFileSync(join(dir, 'results.html'), 'utf8');
  const refs = [...page.matchAll(/(?:href|from|module_or_path:)\s*=?\s*['"](?:\.\/)?([^'"]+\.(?:js|wasm|json))['"]/g)].map((m) => m[1]);
  const main = ['results.html', ...new Set(refs)].filter((f) => sizes.has(f));
  instructor = main.reduce((n, f) => n + sizes.get(f).brotli, 0);
  console.log(`${'instructor page (results.html)'.padEnd(48)} ${''.padStart(7)} ${''.padStart(7)} ${kb(instructor)}`);
  // Its chunks: the other files of its bundle's folder (results/<hash>/), fetched when
  // there are records to show and when the LRS form is opened.
  const js = main.find((f) => f.startsWith('results/') && f.endsWith('.js'));
  const folder = js ? js.slice(0, js.lastIndexOf('/') + 1) : null;
  const parts = folder ? files.filter((f) => f.startsWith(folder) && !main.includes(f)) : [];
  instructorChunks = parts.reduce((n, f) => n + sizes.get(f).brotli, 0);
}

const line = (what, n, limit, goal) => `${what}: ${kb(n).trim()} KB brotli (ceiling ${limit / 1024} KB${goal ? `; goal ${goal / 1024} KB` : ''})`;
console.log('');
console.log(line('learner wasm', wasmBr, WASM_LIMIT, WASM_GOAL));
console.log(line('learner critical path', total('brotli'), CRITICAL_LIMIT, CRITICAL_GOAL));
console.log(line('learner chunks', chunksBr, CHUNKS_LIMIT));
if (instructor) console.log(line('instructor page', instructor, INSTRUCTOR_LIMIT));
if (instructorChunks) console.log(line('instructor chunks (the class view, the LRS form)', instructorChunks, INSTRUCTOR_CHUNKS_LIMIT));
const lrsFiles = files.filter((f) => f.startsWith('lrs/'));
const lrs = lrsFiles.reduce((n, f) => n + sizes.get(f).brotli, 0);
if (lrsFiles.length) console.log(line('LRS reporter (lrs/, only with an LRS)', lrs, LRS_LIMIT));
if (sizes.has('course/feedback.json')) {
  console.log(`${'question words (course/feedback.json, fetched with the first check or assessment)'.padEnd(48)} ${kb(sizes.get('course/feedback.json').brotli)}`);
}
// The whole course on one page, for print (print.html in each language's folder): opened
// on request, never on a learner's way through the course.
for (const f of files.filter((f) => /(^|\/)print\.html$/.test(f))) {
  console.log(`${`print page (${f}, opened on request)`.padEnd(48)} ${kb(sizes.get(f).brotli)}`);
}
// Search, per language: what opening it downloads (its module, styles and dialog, Pagefind's
// script and entry, the language's wasm and metadata), and a first search at most (that
// plus the language's whole index and the ten largest of its pages' fragments: a search
// shows ten results). Nothing of it is on the critical path.
const searches = [];
if (sizes.has('pagefind/pagefind-entry.json')) {
  const entry = JSON.parse(readFileSync(join(dir, 'pagefind/pagefind-entry.json'), 'utf8'));
  const folders = files.filter((f) => /^([^/]+\/)?index\.html$/.test(f)).map((f) => f.slice(0, -'index.html'.length));
  for (const [language, { wasm }] of Object.entries(entry.languages)) {
    const folder = folders.find((d) => new RegExp(`<html lang="${language}"`).test(readFileSync(join(dir, d, 'index.html'), 'utf8')));
    const br = (list) => list.reduce((n, f) => n + sizes.get(f).brotli, 0);
    const mine = (f) => new RegExp(`[/.]${language}_`).test(f);
    const opened = br(['search.js', 'search.css', `${folder ?? ''}search-dialog.html`, 'pagefind/pagefind.js',
      'pagefind/pagefind-entry.json', `pagefind/wasm.${wasm}.pagefind`, ...files.filter((f) => f.endsWith('.pf_meta') && mine(f))].filter((f) => sizes.has(f)));
    const index = br(files.filter((f) => /^pagefind\/(index|filter)\//.test(f) && mine(f)));
    const fragments = files.filter((f) => f.startsWith('pagefind/fragment/') && mine(f)).map((f) => sizes.get(f).brotli).sort((a, b) => b - a);
    const first = opened + index + fragments.slice(0, 10).reduce((n, b) => n + b, 0);
    searches.push(first);
    console.log(`${`search in ${language}: opened ${kb(opened).trim()} KB, its index ${kb(index).trim()} KB (${fragments.length} pages)`.padEnd(48)} ${kb(first)}`);
  }
  console.log(line('search, opened and a first search at most (largest language)', Math.max(...searches), SEARCH_LIMIT));
}
const diagrams = files.filter((f) => /^course\/assets\/.*\.svg$/i.test(f));
for (const f of diagrams) console.log(line(`diagram ${f}`, sizes.get(f).brotli, DIAGRAM_LIMIT));
if (check) {
  const over = [];
  if (!wasm) over.push('index.html references no wasm');
  if (wasmBr > WASM_LIMIT) over.push(`the learner's wasm is ${kb(wasmBr).trim()} KB brotli, over its ${WASM_LIMIT / 1024} KB ceiling`);
  if (total('brotli') > CRITICAL_LIMIT) over.push(`the critical path is ${kb(total('brotli')).trim()} KB brotli, over its ${CRITICAL_LIMIT / 1024} KB ceiling`);
  if (chunksBr > CHUNKS_LIMIT) over.push(`the chunks are ${kb(chunksBr).trim()} KB brotli, over their ${CHUNKS_LIMIT / 1024} KB ceiling`);
  for (const f of diagrams) {
    if (sizes.get(f).brotli > DIAGRAM_LIMIT) over.push(`the diagram ${f} is ${kb(sizes.get(f).brotli).trim()} KB brotli, over its ${DIAGRAM_LIMIT / 1024} KB ceiling`);
  }
  if (searches.length && Math.max(...searches) > SEARCH_LIMIT) over.push(`a first search downloads up to ${kb(Math.max(...searches)).trim()} KB brotli, over its ${SEARCH_LIMIT / 1024} KB ceiling`);
  if (lrs > LRS_LIMIT) over.push(`the LRS reporter is ${kb(lrs).trim()} KB brotli, over its ${LRS_LIMIT / 1024} KB ceiling`);
  if (instructorChunks > INSTRUCTOR_CHUNKS_LIMIT) over.push(`the instructor page's chunks are ${kb(instructorChunks).trim()} KB brotli, over their ${INSTRUCTOR_CHUNKS_LIMIT / 1024} KB ceiling`);
  if (instructor > INSTRUCTOR_LIMIT) over.push(`the instructor page is ${kb(instructor).trim()} KB brotli, over its ${INSTRUCTOR_LIMIT / 1024} KB ceiling`);
  if (over.length) { console.error(`budget: ${over.join('; ')}`); process.exit(1); }
  console.log('budget: within the ceilings');
}
