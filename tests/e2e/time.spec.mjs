// Time on task counts only while the tab is visible and the learner is active.
import { test, expect } from './fixtures.mjs';
import { loadCourse, savedProgress } from './helpers.mjs';

test('time on task counts visible, active time per topic', async ({ page, request }) => {
  const course = await loadCourse(request);
  const t = course.topics[1];
  await page.clock.install();
  await page.goto(`/topics/${t.id}/${t.lessons[0].id}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(t.lessons[0].title);
  // The heading is there before the app (the lesson's static page): wait for the app.
  await expect(page.getByTestId('lesson-end')).toBeAttached();
  const seconds = async () => ((await savedProgress(page, course.id))?.time_on_task ?? {})[t.id] ?? 0;

  // Active: a key press, then 30 seconds.
  await page.keyboard.press('Shift');
  await page.clock.runFor(30_000);
  await expect.poll(seconds).toBe(30);

  // Idle: no input for five minutes counts at most the first minute after the last input.
  await page.clock.runFor(300_000);
  const afterIdle = await seconds();
  expect(afterIdle).toBeGreaterThanOrEqual(55);
  expect(afterIdle).toBeLessThanOrEqual(65);

  // Hidden tab: nothing counts, even with input.
  await page.evaluate(() => Object.defineProperty(document, 'hidden', { configurable: true, get: () => true }));
  await page.keyboard.press('Shift');
  await page.clock.runFor(30_000);
  expect(await seconds()).toBe(afterIdle);

  // Other topics are untouched.
  const all = (await savedProgress(page, course.id)).time_on_task;
  expect(Object.keys(all)).toEqual([t.id]);
});
