// The course in another language (issue 13): the shipped course has a Spanish translation
// (course/po/es.po), built into dist/es/. A learner switches language midway from the header
// and keeps everything (the ids are shared); the certificate prints in the chosen language;
// the home in English sends a learner whose browser prefers Spanish, or who chose it, there.
import { test, expect } from './fixtures.mjs';
import { loadCourse, answer, allQuestions, topicsDone, savedProgress, seedProgress, expectAccessible, word } from './helpers.mjs';

const spanish = async (request) => {
  const res = await request.get('/es/course/course.json');
  expect(res.ok()).toBeTruthy();
  return res.json();
};

test('switching to Spanish midway keeps the answers, the name and the certificate, in Spanish', async ({ page, request }) => {
  const course = await loadCourse(request);
  const es = await spanish(request);
  expect(es.language).toBe('es');
  expect(es.id).toBe(course.id);
  const topic = course.topics[0];
  const q = topic.check[0];

  // An answer in English.
  await page.goto(`/check/${topic.id}`);
  const question = page.getByTestId('question').first();
  await answer(question, q);
  await question.getByRole('button', { name: 'Submit answer' }).click();
  await expect(question.getByTestId('verdict')).toContainText('Correct');
  await expect.poll(async () => Object.keys((await savedProgress(page, course.id))?.answers ?? {})).toContain(q.id);

  // The header's switch leads to the same page in Spanish, answer kept.
  const switcher = page.getByRole('navigation', { name: 'Language' });
  await expect(switcher.getByRole('link', { name: 'English' })).toHaveAttribute('aria-current', 'true');
  await switcher.getByRole('link', { name: 'Español' }).click();
  await expect(page).toHaveURL(new RegExp(`/es/check/${topic.id}$`));
  await expect(page.locator('html')).toHaveAttribute('lang', 'es');
  const translated = page.getByTestId('question').first();
  await expect(translated.getByTestId('verdict')).toHaveText(word('es', 'verdict_right'));
  await expect(translated).toContainText(es.topics[0].check[0].prompt_html.replace(/<[^>]+>/g, ''));
  // The player's words are Spanish too.
  const es_switch = page.getByRole('navigation', { name: word('es', 'nav_language') });
  await expect(es_switch.getByRole('link', { name: 'Español' })).toHaveAttribute('aria-current', 'true');
  await expect(translated.getByRole('button', { name: word('es', 'try_again') })).toBeVisible();
  await expect(page.getByRole('navigation', { name: word('es', 'nav_course') }).getByRole('link', { name: word('es', 'nav_glossary') })).toBeVisible();
  await expectAccessible(page, 'a Spanish knowledge check');

  // A lesson in Spanish, and back to English on the same lesson.
  const lesson = es.topics[1].lessons[0];
  await page.goto(`/es/topics/${es.topics[1].id}/${lesson.id}`);
  await expect(page.getByRole('heading', { level: 1, name: lesson.title })).toBeVisible();
  await expectAccessible(page, 'a Spanish lesson');
  await page.getByRole('navigation', { name: word('es', 'nav_language') }).getByRole('link', { name: 'English' }).click();
  await expect(page).toHaveURL(new RegExp(`/topics/${course.topics[1].id}/${lesson.id}$`));
  await expect(page.getByRole('heading', { level: 1, name: course.topics[1].lessons[0].title })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
});

test('a learner who completes in English gets the certificate in Spanish after switching', async ({ browser, request }) => {
  const course = await loadCourse(request);
  const es = await spanish(request);
  const questions = allQuestions(course);
  const context = await browser.newContext({ timezoneId: 'Europe/Madrid' });
  await seedProgress(context, course, topicsDone(course));
  const page = await context.newPage();
  await page.clock.setFixedTime(new Date('2026-11-22T10:00:00Z'));
  await page.goto('/assessment');
  await page.getByTestId('start-attempt').click();
  const drawn = page.getByTestId('attempt').getByTestId('question');
  await expect(drawn).toHaveCount(course.assessment.questions_per_attempt);
  const ids = await drawn.evaluateAll((els) => els.map((e) => e.dataset.questionId));
  for (let i = 0; i < ids.length; i++) await answer(drawn.nth(i), questions.get(ids[i]));
  await page.getByTestId('submit-attempt').click();
  await expect(page.getByTestId('assessment-passed')).toBeVisible();
  await page.getByRole('navigation', { name: 'Course' }).getByRole('link', { name: 'Certificate' }).click();
  await page.getByLabel('Your name, as it should appear on the certificate').fill('Lucía Pérez');
  await page.getByRole('button', { name: 'Show my certificate' }).click();
  await expect(page.getByTestId('certificate-date')).toHaveText('22 November 2026');

  await page.getByRole('navigation', { name: 'Language' }).getByRole('link', { name: 'Español' }).click();
  await expect(page).toHaveURL(/\/es\/certificate$/);
  await expect(page.getByTestId('certificate-name')).toHaveText('Lucía Pérez');
  await expect(page.getByTestId('certificate')).toContainText(word('es', 'certificate_of_completion'));
  await expect(page.getByTestId('certificate-date')).toHaveText('22 de noviembre de 2026');
  await expect(page.getByTestId('certificate')).toContainText(es.title);
  await context.close();
});

test('the English home sends a learner whose browser prefers Spanish there, and remembers a choice', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'es-MX' });
  const page = await context.newPage();
  await page.goto('/');
  await expect(page).toHaveURL(/\/es\/$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'es');

  // Choosing English is remembered: the home stays English from then on.
  await page.getByRole('navigation', { name: word('es', 'nav_language') }).getByRole('link', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page).toHaveURL(/\/$/);
  await context.close();

  // A browser in English stays on the English home.
  const english = await browser.newContext({ locale: 'en-GB' });
  const p2 = await english.newPage();
  await p2.goto('/');
  await expect(p2.locator('html')).toHaveAttribute('lang', 'en');
  await expect(p2).toHaveURL(/127\.0\.0\.1:\d+\/$/);
  await english.close();
});
