// The second course (tests/courses/small): another shape than the shipped one (two topics,
// other ids, pass mark 60, three questions per attempt, two attempts), built by
// `course-engine build` with the same player, taken end to end. The player holds nothing
// of the shipped course.
import { test, expect } from './fixtures.mjs';
import { answer, allQuestions, expectAccessible, savedProgress } from './helpers.mjs';

const SITE = 'http://127.0.0.1:4178';

test('a course of another shape is built by the same player and taken end to end', async ({ page, request }) => {
  test.setTimeout(120_000);
  const res = await request.get(`${SITE}/course/course.json`);
  expect(res.ok()).toBeTruthy();
  const course = await res.json();
  expect(course.id).toBe('water-safety');
  const questions = allQuestions(course);

  await page.goto(`${SITE}/`);
  await expect(page).toHaveTitle(/Water Safety Basics/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Water Safety Basics');
  await expect(page.getByTestId('topic-status')).toHaveText(['Not started', 'Not started']);
  await expectAccessible(page, 'the second course\'s home');
  await page.getByTestId('start').click();

  for (const topic of course.topics) {
    for (const lesson of topic.lessons) {
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(lesson.title);
      await page.getByTestId('lesson-end').scrollIntoViewIfNeeded();
      await expect.poll(async () => (await savedProgress(page, course.id))?.seen ?? []).toContain(lesson.id);
      await page.getByTestId('next').click();
    }
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Knowledge check');
    const forms = page.getByTestId('question');
    await expect(forms).toHaveCount(topic.check.length);
    for (let i = 0; i < topic.check.length; i++) {
      await answer(forms.nth(i), topic.check[i]);
      await forms.nth(i).getByRole('button', { name: 'Submit answer' }).click();
      await expect(forms.nth(i).getByTestId('verdict')).toHaveText('Correct: well done.');
    }
    await page.getByTestId('next').click();
  }

  // This course's own rules.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Final assessment');
  await expect(page.getByTestId('rules')).toHaveText(
    '3 questions drawn at random from a bank of 4. You pass with 60 % or more. You have 2 attempts; your best score counts.');
  await page.getByTestId('start-attempt').click();
  let drawn = page.getByTestId('attempt').getByTestId('question');
  await expect(drawn).toHaveCount(3);
  let ids = await drawn.evaluateAll((els) => els.map((e) => e.dataset.questionId));
  for (let i = 0; i < 3; i++) await answer(drawn.nth(i), questions.get(ids[i]), { right: i === 0 });
  await page.getByTestId('submit-attempt').click();
  await expect(page.getByTestId('score')).toHaveText('Not passed: 33 % (1 of 3 correct; pass mark 60 %).');
  await expect(page.getByTestId('attempts-left')).toHaveText('You have 1 attempt left.');

  await page.getByTestId('start-attempt').click();
  drawn = page.getByTestId('attempt').getByTestId('question');
  await expect(drawn).toHaveCount(3);
  ids = await drawn.evaluateAll((els) => els.map((e) => e.dataset.questionId));
  // Two of three: scores round down (the core's rule), so 66 %, and pass at 60.
  for (let i = 0; i < 3; i++) await answer(drawn.nth(i), questions.get(ids[i]), { right: i < 2 });
  await page.getByTestId('submit-attempt').click();
  await expect(page.getByTestId('score')).toHaveText('Passed: 66 % (2 of 3 correct; pass mark 60 %).');
  await expect(page.getByTestId('assessment-passed')).toHaveText('You passed the assessment. Your best score is 66 %.');

  await page.goto(`${SITE}/certificate`);
  await page.getByLabel('Your name, as it should appear on the certificate').fill('Kofi Mensah');
  await page.getByRole('button', { name: 'Show my certificate' }).click();
  await expect(page.getByTestId('certificate-name')).toHaveText('Kofi Mensah');
  await expect(page.getByTestId('certificate-score')).toHaveText('66 %');
  await expect(page.getByText('Water Safety Basics').first()).toBeVisible();
  await expectAccessible(page, 'the second course\'s certificate');
});
