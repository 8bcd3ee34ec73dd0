// A new learner takes the whole course: reads every lesson to its end, answers every
// knowledge check, fails the final assessment once, then passes it. Reloads along the way
// must land where the learner left off.
import { test, expect } from './fixtures.mjs';
import { loadCourse, answer, allQuestions, expectAccessible, savedProgress, seedProgress, topicsDone } from './helpers.mjs';

// Screenshots of each step at both sizes go here (the test command prints the folder).
const SHOTS = 'screenshots';

for (const [size, viewport] of [['phone', { width: 360, height: 740 }], ['desktop', { width: 1280, height: 900 }]]) {
test(`the whole course can be read and taken (${size})`, async ({ browser, request }) => {
  test.setTimeout(240_000);
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const shot = (name) => page.screenshot({ path: `${SHOTS}/${size}-${name}.png`, fullPage: false });
  const course = await loadCourse(request);
  const questions = allQuestions(course);
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));

  await page.goto('/');
  await expect(page.getByTestId('topic-status')).toHaveText(Array(5).fill('Not started'));
  await shot('1-home');
  await page.getByTestId('start').click();
  let first = true;

  for (const topic of course.topics) {
    for (const lesson of topic.lessons) {
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(lesson.title);
      if (first) await shot('2-lesson');
      first = false;
      await page.getByTestId('lesson-end').scrollIntoViewIfNeeded();
      // Read to its end, and saved: a reload lands on the same lesson.
      await expect.poll(async () => (await savedProgress(page, course.id))?.seen ?? []).toContain(lesson.id);
      await page.reload();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(lesson.title);
      // The outline (closed on a phone) marks this page as the current one, and as read; the
      // next lesson is not read yet.
      const outline = page.getByTestId('outline');
      await expect(outline.locator('a[aria-current="page"]')).toHaveText(lesson.title);
      await expect(outline.locator(`li[data-lesson="${lesson.id}"]`)).toHaveText(`${lesson.title} (read)`);
      const next = topic.lessons[topic.lessons.indexOf(lesson) + 1];
      if (next) await expect(outline.locator(`li[data-lesson="${next.id}"]`)).toHaveText(next.title);
      await page.getByTestId('next').click();
    }
    if (topic.check.length > 0) {
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Knowledge check');
      const forms = page.getByTestId('question');
      await expect(forms).toHaveCount(topic.check.length);
      for (let i = 0; i < topic.check.length; i++) {
        const form = forms.nth(i);
        await answer(form, topic.check[i]);
        await form.getByRole('button', { name: 'Submit answer' }).click();
        await expect(form.getByTestId('verdict')).toHaveText('Correct: well done.');
        if (topic === course.topics[0] && i === 0) {
          await form.scrollIntoViewIfNeeded();
          await shot('3-quiz-feedback');
        }
      }
      // Reload on the check: the answers are still there.
      await page.reload();
      await expect(forms.first().getByTestId('verdict')).toHaveText('Correct: well done.');
      await page.getByTestId('next').click();
    }
  }

  // Every topic is done now, and the assessment is open.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Final assessment');
  await expect(page.getByTestId('rules')).toHaveText(
    `${course.assessment.questions_per_attempt} questions drawn at random from a bank of ${course.assessment.bank.length}. You pass with 80 % or more. You have 3 attempts; your best score counts.`);

  // Attempt 1: six right, four wrong.
  await page.getByTestId('start-attempt').click();
  let drawn = page.getByTestId('attempt').getByTestId('question');
  await expect(drawn).toHaveCount(10);
  const firstDraw = await drawn.evaluateAll((els) => els.map((e) => e.dataset.questionId));
  for (let i = 0; i < 10; i++) await answer(drawn.nth(i), questions.get(firstDraw[i]), { right: i < 6 });
  if (size === 'phone') await expectAccessible(page, 'an assessment attempt');
  // The drawn attempt and its answers survive a reload.
  await page.reload();
  drawn = page.getByTestId('attempt').getByTestId('question');
  await expect(drawn).toHaveCount(10); // the page's code arrives after the reload (a chunk)
  expect(await drawn.evaluateAll((els) => els.map((e) => e.dataset.questionId))).toEqual(firstDraw);
  await page.getByTestId('submit-attempt').click();
  await expect(page.getByTestId('score')).toHaveText('Not passed: 60 % (6 of 10 correct; pass mark 80 %).');
  await expect(page.getByTestId('attempts-left')).toHaveText('You have 2 attempts left.');
  await expect(page.getByTestId('review-question')).toHaveCount(10);
  await shot('4-assessment-failed');
  if (size === 'phone') await expectAccessible(page, 'an assessment result');
  await page.reload();
  await expect(page.getByTestId('score')).toHaveText('Not passed: 60 % (6 of 10 correct; pass mark 80 %).');

  // Attempt 2: a fresh draw, all right.
  await page.getByTestId('start-attempt').click();
  drawn = page.getByTestId('attempt').getByTestId('question');
  await expect(drawn).toHaveCount(10);
  const secondDraw = await drawn.evaluateAll((els) => els.map((e) => e.dataset.questionId));
  expect(secondDraw).not.toEqual(firstDraw);
  for (let i = 0; i < 10; i++) await answer(drawn.nth(i), questions.get(secondDraw[i]));
  await page.getByTestId('submit-attempt').click();
  await expect(page.getByTestId('score')).toHaveText('Passed: 100 % (10 of 10 correct; pass mark 80 %).');
  await expect(page.getByTestId('assessment-passed')).toHaveText('You passed the assessment. Your best score is 100 %.');
  await page.getByTestId('score').scrollIntoViewIfNeeded();
  await shot('5-assessment-passed');
  await page.reload();
  await expect(page.getByTestId('assessment-passed')).toBeVisible();

  await page.goto('/');
  await expect(page.getByTestId('topic-status')).toHaveText(Array(5).fill('Done'));
  await expect(page.getByTestId('course-progress')).toHaveAttribute('value', await page.getByTestId('course-progress').getAttribute('max'));

  // The certificate: the learner types their name once; it survives a reload.
  await page.getByTestId('course-complete').getByRole('link', { name: 'Get your certificate' }).click();
  await page.getByLabel('Your name, as it should appear on the certificate').fill('Amina <b>Diallo</b>');
  await page.getByRole('button', { name: 'Show my certificate' }).click();
  await expect(page.getByTestId('certificate-name')).toHaveText('Amina <b>Diallo</b>');
  await expect(page.getByTestId('certificate-score')).toHaveText('100 %');
  await expect(page.getByTestId('certificate-id')).toHaveText(/^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
  const today = new Date().toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' });
  await expect(page.getByTestId('certificate-date')).toHaveText(today);
  await shot('6-certificate');
  if (size === 'phone') await expectAccessible(page, 'the certificate');
  await page.reload();
  await expect(page.getByTestId('certificate-name')).toHaveText('Amina <b>Diallo</b>');

  // It prints on one page.
  await page.emulateMedia({ media: 'print' });
  for (const format of ['A4', 'Letter']) {
    const pdf = await page.pdf({ format });
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
    expect(pages, `pages printed on ${format}`).toBe(1);
  }
  expect(errors).toEqual([]);
  await context.close();
});
}

test('the assessment stays locked until the required topics are done', async ({ page }) => {
  await page.goto('/assessment');
  await expect(page.getByTestId('assessment-locked')).toBeVisible();
  await expect(page.getByTestId('assessment-locked').getByRole('listitem')).toHaveCount(4);
  await expect(page.getByTestId('start-attempt')).toHaveCount(0);
});

test('after the last failed attempt the learner is told plainly what happens next', async ({ page, request }) => {
  const course = await loadCourse(request);
  const questions = allQuestions(course);
  // A learner who has finished every topic.
  await seedProgress(page.context(), course, topicsDone(course));
  await page.goto('/assessment');
  for (let attempt = 1; attempt <= 3; attempt++) {
    await page.getByTestId('start-attempt').click();
    const drawn = page.getByTestId('attempt').getByTestId('question');
    await expect(drawn).toHaveCount(10);
    const ids = await drawn.evaluateAll((els) => els.map((e) => e.dataset.questionId));
    for (let i = 0; i < 10; i++) await answer(drawn.nth(i), questions.get(ids[i]), { right: i < 7 });
    await page.getByTestId('submit-attempt').click();
    await expect(page.getByTestId('score')).toHaveText('Not passed: 70 % (7 of 10 correct; pass mark 80 %).');
  }
  await expect(page.getByTestId('out-of-attempts')).toContainText('You have used all 3 attempts without reaching 80 %.');
  await expect(page.getByTestId('out-of-attempts')).toContainText('Your best score was 70 %.');
  await expect(page.getByTestId('start-attempt')).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId('out-of-attempts')).toBeVisible();
  await expect(page.getByTestId('start-attempt')).toHaveCount(0);
});
