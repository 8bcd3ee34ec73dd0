// The pages most visits never open (the final assessment, the certificate, "Your progress")
// have their code in wasm chunks of their own (crates/player/src/chunks.rs, split by
// the player build, src/player.rs): none is downloaded until such a page is opened, and a chunk that
// cannot be downloaded says so, can be tried again, and loses nothing.
import { test, expect } from './fixtures.mjs';
import { loadCourse, answer } from './helpers.mjs';

const isChunk = (path) => /\/app-[0-9a-f]+\/(split_\w+|chunk_\d+)\.wasm$/.test(path);

test('lessons download no chunk; each rarely opened page downloads its own on first use', async ({ page }) => {
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  const chunks = [];
  page.on('request', (r) => { const p = new URL(r.url()).pathname; if (isChunk(p)) chunks.push(p); });

  await page.goto('/');
  await page.getByTestId('start').click();
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
  expect(chunks).toEqual([]);

  // Opened from the header: the page arrives with its chunk, and focus moves to its heading
  // as on any other page, although the heading was not there when the route changed.
  await page.getByRole('navigation', { name: 'Course' }).getByRole('link', { name: 'Certificate' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Certificate' })).toBeFocused();
  expect(chunks.some((p) => p.endsWith('/split_certificate.wasm'))).toBe(true);
  expect(chunks.some((p) => p.endsWith('/split_progress.wasm') || p.endsWith('/split_assessment.wasm'))).toBe(false);

  await page.goto('/assessment');
  await expect(page.getByRole('heading', { level: 1, name: 'Final assessment' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Table of contents' })).toBeVisible();
  await page.goto('/progress');
  await expect(page.getByRole('heading', { level: 1, name: 'Your progress' })).toBeVisible();
  for (const name of ['split_assessment', 'split_progress']) {
    expect(chunks.some((p) => p.endsWith(`/${name}.wasm`))).toBe(true);
  }

  // In this page load (/progress), the certificate's chunk is downloaded once; going back to
  // "Your progress" downloads nothing again.
  const before = chunks.length;
  await page.getByRole('navigation', { name: 'Course' }).getByRole('link', { name: 'Certificate' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Certificate' })).toBeFocused();
  await page.goBack();
  await expect(page.getByRole('heading', { level: 1, name: 'Your progress' })).toBeFocused();
  await page.goForward();
  await expect(page.getByRole('heading', { level: 1, name: 'Certificate' })).toBeFocused();
  const since = chunks.slice(before);
  expect(since.filter((p) => p.endsWith('/split_certificate.wasm'))).toHaveLength(1);
  expect(since.filter((p) => p.endsWith('/split_progress.wasm'))).toHaveLength(0);
  expect(errors).toEqual([]);
});

test('a chunk that cannot be downloaded says so; trying again loads the page, progress kept', async ({ page }) => {
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto('/');
  await page.getByTestId('start').click();
  const lesson = page.url();
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();

  // The network fails for the certificate's chunk.
  await page.route(/\/split_certificate\.wasm$/, (route) => route.abort('internetdisconnected'));
  await page.getByRole('navigation', { name: 'Course' }).getByRole('link', { name: 'Certificate' }).click();
  const missing = page.getByTestId('chunk-missing');
  await expect(missing.getByRole('heading', { level: 1, name: 'This page could not be loaded' })).toBeFocused();
  await expect(missing.getByRole('alert')).toContainText('Check your connection, then try again.');
  await expect(missing.getByRole('alert')).toContainText('Your progress is safe.');

  // The rest of the app still works, and what the learner did is still there.
  await page.getByRole('navigation', { name: 'Course' }).getByRole('link', { name: 'Course home' }).click();
  await expect(page.getByTestId('continue')).toHaveAttribute('href', new URL(lesson).pathname);

  // Back on the page, the network is back: "Try again" loads it.
  await page.goBack();
  await expect(missing).toBeVisible();
  await page.unroute(/\/split_certificate\.wasm$/);
  await missing.getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Certificate' })).toBeVisible();
  await expect(missing).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('a knowledge check whose questions cannot be downloaded says so; trying again shows them', async ({ page, request }) => {
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  const course = await loadCourse(request);
  const t = course.topics[0];
  // The questions' words travel in feedback.json, not course.json (nor the page).
  const compiled = await (await request.get('/course/course.json')).json();
  expect(compiled.topics[0].check[0].prompt_html).toBeUndefined();
  expect(compiled.topics[0].check[0].choices.map((c) => c.correct)).toEqual(t.check[0].choices.map((c) => c.correct));

  await page.route(/\/course\/feedback\.json$/, (route) => route.abort('internetdisconnected'));
  await page.goto(`/check/${t.id}`);
  const missing = page.getByTestId('chunk-missing');
  await expect(missing.getByRole('heading', { level: 1, name: 'This page could not be loaded' })).toBeVisible();
  await expect(missing.getByRole('alert')).toContainText('Your progress is safe.');
  await expect(page.getByTestId('question')).toHaveCount(0);

  await page.unroute(/\/course\/feedback\.json$/);
  await missing.getByRole('button', { name: 'Try again' }).click();
  await expect(missing).toHaveCount(0);
  const first = page.getByTestId('question').first();
  await expect(first).toContainText(t.check[0].prompt_html.replace(/<[^>]+>/g, ''));
  await answer(first, t.check[0]);
  await first.getByRole('button', { name: 'Submit answer' }).click();
  await expect(first.getByTestId('verdict')).toHaveText('Correct: well done.');
  expect(errors).toEqual([]);
});
