// `course-engine serve` as an author uses it: a save reloads the open page with the new
// text; a mistake shows on the page (each path:line:col: message) over the last good course,
// which stays usable; the fix takes the overlay away. The server runs on a copy of the second
// test course, with the release player the test command built.
import { test, expect } from './fixtures.mjs';
import { spawn } from 'node:child_process';
import { mkdtempSync, cpSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PORT = 4179;
const SITE = `http://127.0.0.1:${PORT}`;

test('a save reloads the page; a mistake shows on the page over the last good course', async ({ page }) => {
  test.setTimeout(90_000);
  const work = mkdtempSync(join(tmpdir(), 'course-serve-'));
  const course = join(work, 'course');
  cpSync('tests/courses/small', course, { recursive: true });
  const server = spawn('target/debug/course-engine', ['serve', course, '--port', String(PORT), '--player', 'target/player/release'],
    { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  server.stdout.on('data', (d) => { output += d; });
  server.stderr.on('data', (d) => { output += d; });
  try {
    await expect.poll(() => output, { timeout: 20_000 }).toContain(`serving ${course} on ${SITE}`);
    const topic = join(course, 'risks.md');
    const original = readFileSync(topic, 'utf8');

    await page.goto(`${SITE}/topics/risks/cold`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Cold water');

    // A save: the page reloads by itself and shows the new text.
    writeFileSync(topic, original.replace('## Cold water {#cold}', '## Cold water, warm air {#cold}'));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Cold water, warm air', { timeout: 10_000 });

    // A mistake: the terminal and the page say where; the last good course stays.
    writeFileSync(topic, original.replace('## Cold water {#cold}', '## Cold water, warm air {#cold}').replace('Type: true or false', 'Type: yes or no'));
    const problems = page.getByTestId('engine-problems');
    await expect(problems).toBeVisible({ timeout: 10_000 });
    await expect(problems).toHaveAttribute('role', 'alert');
    await expect(problems.getByRole('listitem')).toHaveCount(1);
    await expect(problems.getByRole('listitem')).toContainText(/risks\.md:\d+:\d+: .*yes or no/);
    await expect.poll(() => output).toMatch(/risks\.md:\d+:\d+: .*yes or no/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Cold water, warm air');
    await page.getByTestId('next').click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Currents');

    // The fix: the page reloads without the overlay.
    writeFileSync(topic, original);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Currents', { timeout: 10_000 });
    await expect(problems).toHaveCount(0);
    await page.getByTestId('prev').click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Cold water');

    // Search finds what was just saved (its index is built after the pages are served: a
    // search asked for meanwhile waits for it).
    writeFileSync(topic, original.replace('## Cold water {#cold}', '## Cold water and quicksand {#cold}'));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Cold water and quicksand', { timeout: 10_000 });
    await page.keyboard.press('/');
    await page.getByRole('dialog').getByRole('searchbox').fill('quicksand');
    await expect(page.getByTestId('search-result').first()).toContainText('Cold water and quicksand');
  } finally {
    server.kill();
    rmSync(work, { recursive: true, force: true });
  }
});
