// The course in another language (issue 13): the shipped course has a Spanish translation
// (course/po/es.po), built into dist/es/. A learner switches language midway from the header
// and keeps everything (the ids are shared); the certificate prints in the chosen language;
// the home in English sends a learner whose browser prefers Spanish, or who chose it, there.
import { test, expect } from './fixtures.mjs';
import { loadCourse, answer, allQuestions, topicsDone, savedProgress, seedProgress, expectAccessible, word, storage } from './helpers.mjs';

const spanish = (request) => loadCourse(request, '/es');

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

// The French journey: a learner who starts in French reads, answers and passes in French,
// looks in on English midway (nothing lost), and gets a certificate in French; axe is clean
// on each kind of French page.
test('a learner takes the course in French: lessons, a check, a switch to English and back, the assessment and a French certificate', async ({ browser, request }) => {
  test.setTimeout(120_000);
  const course = await loadCourse(request);
  const fr = await loadCourse(request, '/fr');
  expect([fr.language, fr.id, fr.version]).toEqual(['fr', course.id, course.version]);
  const questions = allQuestions(fr);
  const context = await browser.newContext({ locale: 'fr-FR', timezoneId: 'Europe/Paris' });
  const page = await context.newPage();
  await page.clock.setFixedTime(new Date('2026-11-22T10:00:00Z'));

  // The English home sends a French browser to the French course.
  await page.goto('/');
  await expect(page).toHaveURL(/\/fr\/$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await expect(page.getByRole('heading', { level: 1, name: fr.title })).toBeVisible();
  await expectAccessible(page, 'the French home');
  await page.getByTestId('start').click();
  const [first] = fr.topics;
  await expect(page.getByRole('heading', { level: 1, name: first.lessons[0].title })).toBeVisible();
  await expectAccessible(page, 'a French lesson');

  // A knowledge check in French.
  await page.goto(`/fr/check/${first.id}`);
  const q = first.check[0];
  const question = page.getByTestId('question').first();
  await answer(question, q);
  await question.getByRole('button', { name: word('fr', 'submit_answer') }).click();
  await expect(question.getByTestId('verdict')).toHaveText(word('fr', 'verdict_right'));
  await expectAccessible(page, 'a French knowledge check');

  // To English and back: the answer is there in both.
  await page.getByRole('navigation', { name: word('fr', 'nav_language') }).getByRole('link', { name: 'English' }).click();
  await expect(page).toHaveURL(new RegExp(`/check/${first.id}$`));
  await expect(page.getByTestId('question').first().getByTestId('verdict')).toHaveText('Correct: well done.');
  await page.getByRole('navigation', { name: 'Language' }).getByRole('link', { name: 'Français' }).click();
  await expect(page).toHaveURL(new RegExp(`/fr/check/${first.id}$`));
  await expect(page.getByTestId('question').first().getByTestId('verdict')).toHaveText(word('fr', 'verdict_right'));

  // Every topic done (as a learner who read the rest), then the assessment in French.
  const done = await savedProgress(page, course.id);
  await page.evaluate(([key, record]) => localStorage.setItem(key, JSON.stringify(record)), [
    storage(course).progress, { ...topicsDone(course), order_seed: done.order_seed, answers: { ...topicsDone(course).answers, ...done.answers } },
  ]);
  await page.goto('/fr/assessment');
  await expect(page.getByRole('heading', { level: 1, name: word('fr', 'final_assessment') })).toBeVisible();
  await page.getByTestId('start-attempt').click();
  const drawn = page.getByTestId('attempt').getByTestId('question');
  await expect(drawn).toHaveCount(fr.assessment.questions_per_attempt);
  const ids = await drawn.evaluateAll((els) => els.map((e) => e.dataset.questionId));
  for (let i = 0; i < ids.length; i++) await answer(drawn.nth(i), questions.get(ids[i]));
  await expectAccessible(page, 'the French assessment');
  await page.getByRole('button', { name: word('fr', 'submit_assessment') }).click();
  await expect(page.getByTestId('assessment-passed')).toBeVisible();

  // The certificate, in French.
  await page.getByRole('navigation', { name: word('fr', 'nav_course') }).getByRole('link', { name: word('fr', 'nav_certificate') }).click();
  await page.getByLabel(word('fr', 'name_label')).fill('Awa Ndiaye');
  await page.getByRole('button', { name: word('fr', 'show_certificate') }).click();
  await expect(page.getByTestId('certificate-name')).toHaveText('Awa Ndiaye');
  await expect(page.getByTestId('certificate')).toContainText(word('fr', 'certificate_of_completion'));
  await expect(page.getByTestId('certificate')).toContainText(fr.title);
  await expect(page.getByTestId('certificate-date')).toHaveText('22 novembre 2026');
  await expectAccessible(page, 'the French certificate');
  await context.close();
});
