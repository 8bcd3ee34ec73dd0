// The SCORM 1.2 package inside a real SCORM run-time (scorm-again acting as the LMS in a
// host page that frames the unpacked package): the course reports status, score, location,
// session time and suspend data, and a second session resumes from what the LMS kept.
import { test, expect } from './fixtures.mjs';
import { loadCourse, answer, allQuestions, topicsDone, seedInLms, storage } from './helpers.mjs';

const LMS = 'http://127.0.0.1:4175/index.html';

test('the course reports to the LMS, and a second session resumes from what the LMS kept', async ({ browser, request }) => {
  test.setTimeout(120_000);
  const course = await loadCourse(request);
  const questions = allQuestions(course);

  // Session 1, in one browser.
  const one = await browser.newContext();
  await seedInLms(one, course, topicsDone(course));
  const page = await one.newPage();
  await page.goto(LMS);
  const frame = page.frameLocator('iframe');
  await expect(frame.getByRole('heading', { level: 1 })).toHaveText(course.title);
  await expect.poll(() => page.evaluate(() => window.API.cmi.core.lesson_status)).toBe('incomplete');

  await frame.getByRole('link', { name: 'Final assessment' }).first().click();
  await frame.getByTestId('start-attempt').click();
  const drawn = frame.getByTestId('attempt').getByTestId('question');
  await expect(drawn).toHaveCount(10);
  const ids = await drawn.evaluateAll((els) => els.map((e) => e.dataset.questionId));
  for (let i = 0; i < 10; i++) await answer(drawn.nth(i), questions.get(ids[i]));
  await frame.getByTestId('submit-attempt').click();
  await expect(frame.getByTestId('score')).toHaveText('Passed: 100 % (10 of 10 correct; pass mark 80 %).');

  // What the LMS would store at a commit (write-only fields such as exit and session_time
  // included), from scorm-again's own rendering.
  const cmi = () => page.evaluate(() => {
    const c = window.API.renderCommitCMI(true).cmi ?? window.API.renderCommitCMI(true);
    return {
      status: c.core.lesson_status, raw: c.core.score.raw, min: c.core.score.min, max: c.core.score.max,
      location: c.core.lesson_location, exit: c.core.exit, suspend: c.suspend_data, session: c.core.session_time,
    };
  });
  await expect.poll(async () => (await cmi()).status).toBe('passed');
  const recorded = await cmi();
  expect([recorded.raw, recorded.min, recorded.max, recorded.location, recorded.exit]).toEqual(['100', '0', '100', 'assessment', 'suspend']);
  expect(recorded.suspend.length).toBeGreaterThan(50);
  expect(recorded.suspend.length).toBeLessThanOrEqual(4096);

  // Closing the course (the LMS removes its frame) commits the session time and finishes.
  await page.evaluate(() => document.querySelector('iframe').remove());
  await expect.poll(() => page.evaluate(() => window.__lmsCalls.map((c) => c[0]).pop())).toBe('LMSFinish');
  const calls = await page.evaluate(() => window.__lmsCalls);
  const sessionTime = calls.find((c) => c[0] === 'LMSSetValue' && c[1] === 'cmi.core.session_time');
  expect(sessionTime[2]).toMatch(/^\d{4}:\d{2}:\d{2}\.\d{2}$/);
  expect(calls[0]).toEqual(['LMSInitialize', '']);
  expect(calls.slice(-2).map((c) => c[0])).toEqual(['LMSCommit', 'LMSFinish']);
  await one.close();

  // Session 2, in a fresh browser: only what the LMS kept.
  const two = await browser.newContext();
  await two.addInitScript((saved) => { window.__lmsCmi = saved; }, { suspend_data: recorded.suspend, core: { lesson_location: recorded.location, lesson_status: recorded.status } });
  const again = await two.newPage();
  await again.goto(LMS);
  const frame2 = again.frameLocator('iframe');
  await expect(frame2.getByRole('heading', { level: 1 })).toHaveText('Final assessment');
  await expect(frame2.getByTestId('assessment-passed')).toHaveText('You passed the assessment. Your best score is 100 %.');
  await frame2.getByRole('link', { name: 'Course home' }).click();
  await expect(frame2.getByTestId('topic-status')).toHaveText(Array(5).fill('Done'));
  await two.close();
});

test('an LMS that refuses to save is reported to the learner, and nothing is lost locally', async ({ browser, request }) => {
  const course = await loadCourse(request);
  const context = await browser.newContext();
  await context.addInitScript(() => { window.__lmsBroken = true; });
  const page = await context.newPage();
  await page.goto(LMS);
  const frame = page.frameLocator('iframe');
  const t = course.topics[0];
  await frame.getByRole('link', { name: t.lessons[0].title }).click();
  await expect(frame.getByTestId('lms-problem')).toContainText('Your learning platform did not accept your progress (error 351: General set failure). It is kept in this browser and will be sent again.');
  await frame.getByTestId('lesson-end').scrollIntoViewIfNeeded();
  const courseFrame = page.frames().find((f) => f.url().includes('/pkg/'));
  await expect.poll(() => courseFrame.evaluate((key) => JSON.parse(localStorage.getItem(key))?.last_lesson?.lesson, storage(course).progress))
    .toBe(t.lessons[0].id);
  await context.close();
});

test('reading one lesson for two minutes commits at most twice, and closing the page loses nothing', async ({ browser, request }) => {
  const course = await loadCourse(request);
  const t = course.topics[1];
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.clock.install();
  await page.goto(LMS);
  const frame = page.frameLocator('iframe');
  await expect.poll(() => page.evaluate(() => window.API.cmi.core.lesson_status)).toBe('incomplete');
  await frame.getByRole('link', { name: t.lessons[0].title }).click();
  await expect(frame.getByRole('heading', { level: 1 })).toHaveText(t.lessons[0].title);
  // Opening the lesson is meaningful: the LMS hears it (after the save's short delay).
  await page.clock.runFor(1_000);
  await expect.poll(() => page.evaluate(() => window.API.cmi.core.lesson_location)).toBe(`topics/${t.id}/${t.lessons[0].id}`);
  const commits = () => page.evaluate(() => window.__lmsCalls.filter((c) => c[0] === 'LMSCommit').length);
  const before = await commits();

  // Two minutes of active reading (a key pressed every 5 seconds): time on task ticks
  // every 5 seconds, and each tick is a save.
  const heading = frame.getByRole('heading', { level: 1 });
  for (let s = 0; s < 120; s += 5) {
    await heading.press('ArrowDown');
    await page.clock.runFor(5_000);
  }
  const during = (await commits()) - before;
  expect(during).toBeLessThanOrEqual(2);
  expect(during).toBeGreaterThanOrEqual(1); // time on task still reaches the LMS, once a minute

  // Closing (the LMS removes the frame): the last seconds are sent, then the session ends.
  await page.evaluate(() => document.querySelector('iframe').remove());
  await expect.poll(() => page.evaluate(() => window.__lmsCalls.map((c) => c[0]).pop())).toBe('LMSFinish');
  const suspend = JSON.parse(await page.evaluate(() => window.API.cmi.suspend_data));
  const topicIndex = course.topics.indexOf(t);
  expect(suspend.t[topicIndex]).toBeGreaterThanOrEqual(115);
  await context.close();
});
