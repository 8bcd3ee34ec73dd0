// Bench (not a test): the instructor's page reading a class from an LRS. Writes N learners'
// statements about the course and its assessment (what the page asks the LRS for; the
// core's `class_statements` test makes them with the player's own statement builders) into
// a fresh file-backed Ralph on a free loopback port, builds a site allowed to reach it,
// then times, in the browser, from "Read the results" to the table showing every learner,
// and prints the page's memory.
// Usage: node scripts/bench-lrs-class.mjs [N ...]   (default 1000 10000)
import { chromium } from '@playwright/test';
import { spawn, execFileSync } from 'node:child_process';
import { statSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, until, startRalph } from './ralph.mjs';

const sizes = process.argv.slice(2).map(Number).filter(Boolean);
if (!sizes.length) sizes.push(1000, 10000);

const lrsPort = await freePort();
const sitePort = await freePort();
const site = `http://127.0.0.1:${sitePort}`;
const endpoint = `http://127.0.0.1:${lrsPort}/xAPI/`;
const out = join('target', 'bench-lrs-site');
execFileSync('cargo', ['run', '--locked', '--quiet', '--', 'build', 'course', '--out', out, '--lrs-origin', `http://127.0.0.1:${lrsPort}`], { stdio: ['ignore', 'ignore', 'inherit'] });
const server = spawn('node', ['scripts/serve-dist.mjs', out, String(sitePort)], { stdio: 'ignore' });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--enable-precise-memory-info'] });
try {
  await until(`${site}/`, 'the site');
  for (const n of sizes) {
    let statements = 0, mb = 0;
    const ralph = await startRalph({
      port: lrsPort, scope: 'statements/read', user: 'reader', cors: [site], workers: 2,
      fill: (data) => {
        const store = join(data, 'fs_lrs.jsonl');
        execFileSync('cargo', ['test', '--locked', '--quiet', '-p', 'course-core', 'class_statements'],
          { env: { ...process.env, CLASS_STATEMENTS: store, CLASS_LEARNERS: String(n) }, stdio: 'ignore' });
        statements = readFileSync(store, 'utf8').split('\n').filter(Boolean).length;
        mb = statSync(store).size / 1048576;
      },
    });
    try {
      const page = await browser.newPage();
      const lrsTime = [];
      page.on('requestfinished', (r) => { if (r.url().startsWith(endpoint)) { const t = r.timing(); lrsTime.push([t.startTime, t.startTime + t.responseEnd]); } });
      await page.goto(`${site}/results.html`);
      await page.getByTestId('lrs-open').click();
      await page.getByLabel('LRS address (xAPI endpoint)').fill(endpoint);
      await page.getByLabel('User name').fill('reader');
      await page.getByLabel('Password', { exact: true }).fill(ralph.password);
      await page.evaluate(() => document.querySelector('[data-testid="lrs-read"]').addEventListener('click', () => { window.__asked = performance.now(); }, { capture: true, once: true }));
      await page.getByTestId('lrs-read').click();
      await page.getByRole('heading', { level: 2, name: `Learners (${n})` }).waitFor({ timeout: 600_000 });
      const shown = await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(() => r(performance.now() - window.__asked)))));
      const rows = await page.getByTestId('result-row').count();
      const [heap, wasm] = await page.evaluate(() => [performance.memory?.usedJSHeapSize ?? 0, window.resultsWasm?.memory?.buffer.byteLength ?? 0]);
      console.log(`${String(n).padStart(6)} learners (${statements} statements, ${mb.toFixed(1)} MB in Ralph's file): read, aggregated and the table shown in ${(shown / 1000).toFixed(1)} s`
        + ` (waiting for the LRS's ${lrsTime.length} answers ${((Math.max(...lrsTime.map((t) => t[1])) - Math.min(...lrsTime.map((t) => t[0]))) / 1000).toFixed(1)} s of it); ${rows} rows in the page; memory: JS heap ${(heap / 1048576).toFixed(0)} MB, wasm ${(wasm / 1048576).toFixed(0)} MB`);
      await page.close();
    } finally {
      ralph.stop();
    }
  }
} finally {
  await browser.close();
  server.kill();
}
