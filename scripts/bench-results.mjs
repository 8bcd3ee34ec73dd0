// Bench (not a test): the instructor's results page loading a class of completion records
// dropped at once. One record is exported through the player (real checksum), then N copies
// under different file names are given to the page's file input. Prints the time from
// giving the files to the table showing every learner and the loading line gone, how long
// the page then takes to sort the table by score, and the page's JS heap.
// Usage: node scripts/bench-results.mjs [N ...]   (serves dist/ on port 4182)
import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const sizes = process.argv.slice(2).map(Number).filter(Boolean);
if (!sizes.length) sizes.push(1000, 10000);
const port = 4182;
const server = spawn('node', ['scripts/serve-dist.mjs', 'dist', String(port)], { stdio: 'ignore' });
await new Promise((r) => setTimeout(r, 800));
const site = `http://127.0.0.1:${port}`;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--enable-precise-memory-info'] });
try {
  const course = await (await fetch(`${site}/course/course.json`)).json();
  // A learner who completed the course, exported from the progress page.
  const learner = await browser.newPage();
  const bank = course.assessment.bank.slice(0, course.assessment.questions_per_attempt).map((q) => q.id);
  const progress = {
    schema_version: 2, course_id: course.id, course_version: course.version, updated_at: 1,
    seen: course.topics.flatMap((t) => t.lessons.map((l) => l.id)), answers: {},
    attempts: [{ seed: 1, questions: bank, responses: {}, started_at: 0, question_hashes: {},
      result: { correct: bank.length, total: bank.length, score: 100, passed: true, per_question: Object.fromEntries(bank.map((id) => [id, true])), submitted_at: 1795305600000 } }],
    time_on_task: Object.fromEntries(course.topics.map((t) => [t.id, 600])),
  };
  await learner.addInitScript(([key, value]) => { if (!sessionStorage.getItem('s')) { localStorage.setItem(key, value); sessionStorage.setItem('s', '1'); } },
    [`course-engine:${course.id}:progress`, JSON.stringify(progress)]);
  await learner.goto(`${site}/progress`);
  await learner.getByLabel('Your name or learner id').fill('Learner');
  const [download] = await Promise.all([learner.waitForEvent('download'), learner.getByTestId('export-record-json').click()]);
  const parts = [];
  for await (const c of await download.createReadStream()) parts.push(c);
  const record = Buffer.concat(parts);
  await learner.close();

  for (const n of sizes) {
    const page = await browser.newPage();
    await page.goto(`${site}/results.html`);
    await page.getByTestId('record-files').waitFor();
    // (Past Playwright's 50 MB for files given as buffers, the copies are written to a
    // folder and given by path, as an instructor's browser gets them.)
    let files = Array.from({ length: n }, (_, i) => ({ name: `learner-${i}.json`, mimeType: 'application/json', buffer: record }));
    let folder = null;
    if (process.env.BENCH_FILES_ON_DISK || n * record.length > 40 * 1024 * 1024) {
      folder = mkdtempSync(join(tmpdir(), 'records-'));
      files = files.map((f) => { const path = join(folder, f.name); writeFileSync(path, f.buffer); return path; });
    }
    // The page's clock from the change event: handing 10,000 files to the browser through
    // Playwright takes seconds of its own, which no learner's or instructor's browser has.
    await page.evaluate(() => document.querySelector('[data-testid="record-files"]').addEventListener('change', () => { window.__picked = performance.now(); }, { capture: true, once: true }));
    await page.getByTestId('record-files').setInputFiles(files);
    await page.getByRole('heading', { level: 2, name: `Learners (${n})` }).waitFor({ timeout: 600_000 });
    await page.waitForFunction(() => document.querySelector('[data-testid="loading-records"]')?.textContent === '', null, { timeout: 600_000 });
    const loaded = await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(performance.now() - window.__picked))));
    const t1 = performance.now();
    await page.getByRole('button', { name: 'Best score' }).click();
    await page.waitForFunction(() => document.querySelector('th[aria-sort="ascending"]'));
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r))));
    const sorted = performance.now() - t1;
    const rows = await page.getByTestId('result-row').count();
    const [heap, wasm] = await page.evaluate(() => [performance.memory?.usedJSHeapSize ?? 0, window.resultsWasm?.memory?.buffer.byteLength ?? 0]);
    console.log(`${String(n).padStart(6)} records: loaded and shown in ${(loaded / 1000).toFixed(1)} s; sorted in ${(sorted / 1000).toFixed(2)} s; ${rows} rows in the page; JS heap ${(heap / 1048576).toFixed(0)} MB, wasm ${(wasm / 1048576).toFixed(0)} MB`);
    await page.close();
    if (folder) rmSync(folder, { recursive: true, force: true });
  }
} finally {
  await browser.close();
  server.kill();
}
