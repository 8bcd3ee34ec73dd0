// The completion counts for the learner's own calendar day, decided once: the certificate
// and the saved completion (from which the completion record and the LMS take it) agree,
// even where the learner's day is not the UTC day.
import { test, expect } from './fixtures.mjs';
import { loadCourse, answer, allQuestions, topicsDone, savedProgress, seedProgress } from './helpers.mjs';

test('a learner in Auckland who completes at 20:00 UTC on 22 November gets 23 November everywhere', async ({ browser, request }) => {
  const course = await loadCourse(request);
  const questions = allQuestions(course);
  const context = await browser.newContext({ timezoneId: 'Pacific/Auckland' });
  await seedProgress(context, course, topicsDone(course));
  const page = await context.newPage();
  await page.clock.setFixedTime(new Date('2026-11-22T20:00:00Z'));

  await page.goto('/assessment');
  await page.getByTestId('start-attempt').click();
  const drawn = page.getByTestId('attempt').getByTestId('question');
  await expect(drawn).toHaveCount(course.assessment.questions_per_attempt);
  const ids = await drawn.evaluateAll((els) => els.map((e) => e.dataset.questionId));
  for (let i = 0; i < ids.length; i++) await answer(drawn.nth(i), questions.get(ids[i]));
  await page.getByTestId('submit-attempt').click();
  await expect(page.getByTestId('assessment-passed')).toBeVisible();

  await expect.poll(async () => (await savedProgress(page, course.id))?.completion?.day).toBe('2026-11-23');
  await page.getByRole('navigation', { name: 'Course' }).getByRole('link', { name: 'Certificate' }).click();
  await page.getByLabel('Your name, as it should appear on the certificate').fill('Aroha Ngata');
  await page.getByRole('button', { name: 'Show my certificate' }).click();
  await expect(page.getByTestId('certificate-date')).toHaveText('23 November 2026');
  await context.close();
});
