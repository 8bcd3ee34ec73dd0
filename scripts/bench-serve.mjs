// Bench (not a test): how long from saving a topic file under `course-engine serve` to the
// open page having reloaded with the change. A copy of the shipped course is served with
// the release player; a lesson is open in headless Chromium; a sentence of its topic file
// is changed and saved N times. Prints the median, fastest and slowest of two figures:
// save -> the new page's load event, and save -> the lesson's heading rendered by the app.
// Usage: node scripts/bench-serve.mjs [N]   (after the player is built: course-engine player)
import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
import { mkdtempSync, cpSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const runs = Number(process.argv[2] ?? 15);
const port = 4180;
const work = mkdtempSync(join(tmpdir(), 'bench-serve-'));
const course = join(work, 'course');
cpSync('course', course, { recursive: true });
const server = spawn('target/debug/course-engine', ['serve', course, '--port', String(port), '--player', 'target/player/release'],
  { stdio: ['ignore', 'pipe', 'inherit'] });
let output = '';
server.stdout.on('data', (d) => { output += d; });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
try {
  for (let i = 0; i < 100 && !output.includes('serving'); i++) await new Promise((r) => setTimeout(r, 100));
  const page = await browser.newPage();
  const file = join(course, '02-actors.md');
  const text = readFileSync(file, 'utf8');
  const heading = text.match(/^## (.+?) \{#([a-z0-9-]+)\}$/m);
  await page.goto(`http://127.0.0.1:${port}/topics/actors/${heading[2]}`);
  await page.getByRole('heading', { level: 1, name: heading[1] }).waitFor();
  const loaded = [];
  const rendered = [];
  for (let i = 1; i <= runs; i++) {
    const title = `${heading[1]} (${i})`;
    const load = page.waitForEvent('load');
    const t0 = performance.now();
    writeFileSync(file, text.replace(heading[0], `## ${title} {#${heading[2]}}`));
    await load;
    loaded.push(performance.now() - t0);
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    rendered.push(performance.now() - t0);
    await new Promise((r) => setTimeout(r, 200));
  }
  const stats = (xs) => {
    const s = [...xs].sort((a, b) => a - b);
    const ms = (x) => `${Math.round(x)} ms`;
    return `median ${ms(s[Math.floor(s.length / 2)])} (fastest ${ms(s[0])}, slowest ${ms(s[s.length - 1])})`;
  };
  console.log(`save -> page reloaded (load event), ${runs} saves: ${stats(loaded)}`);
  console.log(`save -> the changed lesson on screen, ${runs} saves: ${stats(rendered)}`);
  const builds = [...output.matchAll(/built .* in (\d+) ms/g)].map((m) => Number(m[1]));
  console.log(`course-engine's rebuild (check, compile, assemble), ${builds.length} builds: ${stats(builds)}`);
} finally {
  await browser.close();
  server.kill();
  rmSync(work, { recursive: true, force: true });
}
