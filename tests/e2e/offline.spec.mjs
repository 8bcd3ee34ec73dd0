// Offline: after one visit the whole course works with the network off; a new version
// is offered with a notice and taken only on reload.
import { test, expect } from './fixtures.mjs';
import { readFileSync, writeFileSync } from 'node:fs';
import { loadCourse, savedProgress } from './helpers.mjs';

test.use({ serviceWorkers: 'allow' });

test('after one visit the course works offline: reload, complete a lesson, reload again', async ({ page, context, request }) => {
  const course = await loadCourse(request);
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(course.title);
  // Wait until the service worker has cached everything and controls the page.
  await page.evaluate(() => navigator.serviceWorker.ready);
  await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(course.title);
  const t = course.topics[2];
  const lesson = t.lessons[1];
  // A deep link works offline too.
  await page.goto(`/topics/${t.id}/${lesson.id}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(lesson.title);
  await page.getByTestId('lesson-end').scrollIntoViewIfNeeded();
  await expect.poll(async () => (await savedProgress(page, course.id))?.seen ?? []).toContain(lesson.id);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(lesson.title);
  await page.goto('/');
  await expect(page.getByTestId('continue')).toHaveText(`Continue: ${lesson.title}`);
  // The pages whose code is in chunks (never opened online in this test) open offline too.
  await page.getByRole('navigation', { name: 'Course' }).getByRole('link', { name: 'Certificate' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Certificate' })).toBeFocused();
  await page.goto('/progress');
  await expect(page.getByRole('heading', { level: 1, name: 'Your progress' })).toBeVisible();
  await expect(page.getByTestId('chunk-missing')).toHaveCount(0);
  await context.setOffline(false);
});

test('a new version is fetched in full, announced, and used only after the learner reloads', async ({ page }) => {
  await page.goto('/');
  await page.evaluate(() => navigator.serviceWorker.ready);
  await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
  const oldVersion = await page.evaluate(async () => (await (await fetch('sw.js')).text()).match(/VERSION = '(\w+)'/)[1]);
  // Deploy a new version: the server now serves a service worker with another version.
  const swFile = 'dist/sw.js';
  const original = readFileSync(swFile, 'utf8');
  writeFileSync(swFile, original.replace(oldVersion, 'newversion000001'));
  try {
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
    await expectUpdate(page, oldVersion);
  } finally {
    writeFileSync(swFile, original);
  }
});

async function expectUpdate(page, oldVersion) {
  const notice = page.getByTestId('update-notice');
  await expect(notice).toContainText('An updated version of this course is ready.');
  // Until the learner chooses, the page keeps running on the old version.
  expect(await page.evaluate(() => caches.keys())).toContain(`course-${oldVersion}`);
  await Promise.all([
    page.waitForEvent('framenavigated'),
    notice.getByRole('button', { name: 'Reload to update' }).click(),
  ]);
  await page.waitForLoadState('load');
  await expect.poll(() => page.evaluate(() => caches.keys())).toEqual(['course-newversion000001']);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
}
