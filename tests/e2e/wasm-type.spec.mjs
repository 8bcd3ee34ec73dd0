// A server that labels `.wasm` files `application/octet-stream` (Moodle and many older
// servers have no entry for the extension) must not stop a learner: the main module and every
// chunk load anyway (scripts/split-loader.mjs), on the web and inside an LMS. With the right
// type, each wasm file is still downloaded once: the fallback never fetches twice.
import { test, expect } from './fixtures.mjs';
import { loadCourse, answer, allQuestions, topicsDone, seedInLms, seedProgress } from './helpers.mjs';

const MISLABELLED_SITE = 'http://127.0.0.1:4176';
const MISLABELLED_LMS = 'http://127.0.0.1:4177/index.html';

/// Every wasm response the page receives: path and Content-Type.
function watchWasm(page) {
  const seen = [];
  page.on('response', (r) => {
    const path = new URL(r.url()).pathname;
    if (path.endsWith('.wasm')) seen.push({ path, type: r.headers()['content-type'] });
  });
  return seen;
}

/// In `root` (a page or a frame): the knowledge check of `topic`, an assessment attempt
/// answered rightly, and the certificate.
async function checkAttemptCertificate(root, course, topic) {
  const questions = allQuestions(course);
  const forms = root.getByTestId('question');
  await expect(forms).toHaveCount(topic.check.length);
  for (let i = 0; i < topic.check.length; i++) {
    await answer(forms.nth(i), topic.check[i]);
    await forms.nth(i).getByRole('button', { name: 'Submit answer' }).click();
    await expect(forms.nth(i).getByTestId('verdict')).toHaveText('Correct: well done.');
  }
  await root.getByRole('link', { name: 'Final assessment' }).first().click();
  await expect(root.getByRole('heading', { level: 1 })).toHaveText('Final assessment');
  await root.getByTestId('start-attempt').click();
  const drawn = root.getByTestId('attempt').getByTestId('question');
  await expect(drawn).toHaveCount(course.assessment.questions_per_attempt);
  const ids = await drawn.evaluateAll((els) => els.map((e) => e.dataset.questionId));
  for (let i = 0; i < ids.length; i++) await answer(drawn.nth(i), questions.get(ids[i]));
  await root.getByTestId('submit-attempt').click();
  await expect(root.getByTestId('assessment-passed')).toHaveText('You passed the assessment. Your best score is 100 %.');
  await root.getByRole('navigation', { name: 'Course' }).getByRole('link', { name: 'Certificate' }).click();
  await root.getByLabel('Your name, as it should appear on the certificate').fill('Nadia Rahman');
  await root.getByRole('button', { name: 'Show my certificate' }).click();
  await expect(root.getByTestId('certificate-name')).toHaveText('Nadia Rahman');
  await expect(root.getByTestId('chunk-missing')).toHaveCount(0);
}

const once = (seen) => {
  const counts = {};
  for (const { path } of seen) counts[path] = (counts[path] ?? 0) + 1;
  return Object.entries(counts).filter(([, n]) => n !== 1);
};

test('with .wasm served as application/octet-stream, a learner takes a check, the assessment and the certificate', async ({ browser, request }) => {
  test.setTimeout(120_000);
  const course = await loadCourse(request);
  const last = course.topics.filter((t) => t.check.length > 0).at(-1);
  const context = await browser.newContext();
  await seedProgress(context, course, topicsDone(course, { butLastCheck: true }));
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  const seen = watchWasm(page);

  await page.goto(`${MISLABELLED_SITE}/check/${last.id}`);
  await checkAttemptCertificate(page, course, last);

  // The server really mislabelled them: the main module and the chunks of the check, the
  // assessment and the certificate all arrived as application/octet-stream, each once.
  expect(seen.length).toBeGreaterThanOrEqual(4);
  expect(seen.every((r) => r.type === 'application/octet-stream')).toBe(true);
  for (const name of ['player_bg', 'split_check', 'split_assessment', 'split_certificate']) {
    expect(seen.some((r) => r.path.endsWith(`/${name}.wasm`)), name).toBe(true);
  }
  expect(once(seen)).toEqual([]);
  expect(errors).toEqual([]);
  await context.close();
});

test('inside the LMS, with .wasm served as application/octet-stream, the learner completes the course', async ({ browser, request }) => {
  test.setTimeout(120_000);
  const course = await loadCourse(request);
  const last = course.topics.filter((t) => t.check.length > 0).at(-1);
  const context = await browser.newContext();
  await seedInLms(context, course, topicsDone(course, { butLastCheck: true }));
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  const seen = watchWasm(page);

  await page.goto(MISLABELLED_LMS);
  const frame = page.frameLocator('iframe');
  await expect(frame.getByRole('heading', { level: 1 })).toHaveText(course.title);
  // The app has started (it told the LMS), so links navigate inside the course's page.
  await expect.poll(() => page.evaluate(() => window.API.cmi.core.lesson_status)).toBe('incomplete');
  await frame.getByRole('link', { name: 'Knowledge check' }).last().click();
  await checkAttemptCertificate(frame, course, last);
  await expect.poll(() => page.evaluate(() => window.API.cmi.core.lesson_status)).toBe('passed');
  await expect.poll(() => page.evaluate(() => window.API.cmi.core.score.raw)).toBe('100');

  expect(seen.length).toBeGreaterThanOrEqual(4);
  expect(seen.every((r) => r.type === 'application/octet-stream')).toBe(true);
  expect(once(seen)).toEqual([]);
  expect(errors).toEqual([]);
  await context.close();
});

test('with .wasm served as application/wasm, each wasm file is downloaded once', async ({ browser, request }) => {
  test.setTimeout(120_000);
  const course = await loadCourse(request);
  const last = course.topics.filter((t) => t.check.length > 0).at(-1);
  const context = await browser.newContext();
  await seedProgress(context, course, topicsDone(course, { butLastCheck: true }));
  const page = await context.newPage();
  const seen = watchWasm(page);
  const requested = [];
  page.on('request', (r) => { const p = new URL(r.url()).pathname; if (p.endsWith('.wasm')) requested.push(p); });

  await page.goto(`/check/${last.id}`);
  await checkAttemptCertificate(page, course, last);
  await page.getByRole('navigation', { name: 'Course' }).getByRole('link', { name: 'Course home' }).click();
  await page.getByRole('link', { name: 'Back it up, restore it, or send your results to your instructor' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Your progress' })).toBeVisible();

  expect(seen.length).toBeGreaterThanOrEqual(5);
  expect(seen.every((r) => r.type === 'application/wasm')).toBe(true);
  expect(once(seen)).toEqual([]);
  expect(requested).toHaveLength(seen.length);
  await context.close();
});
