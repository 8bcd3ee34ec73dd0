// The learner's first journey: home, a lesson, a knowledge check, and a reload that lands
// back on the same lesson.
import { test, expect } from './fixtures.mjs';
import { savedProgress, expectAccessible } from './helpers.mjs';

test('open home, open a lesson, answer a question, reload and land on the same lesson', async ({ page }) => {
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  const requested = [];
  page.on('request', (r) => requested.push(new URL(r.url()).pathname));

  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'International Cooperation on Migration' })).toBeVisible();
  await expect(page.getByTestId('duration')).toHaveText('About 45 minutes');
  await expect(page.getByTestId('topics').getByRole('heading', { level: 3 })).toHaveCount(5);

  // Open the second lesson of topic 2 from the table of contents.
  const topic2 = page.getByTestId('topics').getByRole('listitem').filter({ hasText: 'Actors and partnerships' }).first();
  const lessonLink = topic2.getByRole('link').nth(1);
  const lessonTitle = (await lessonLink.textContent()).trim();
  await lessonLink.click();
  await expect(page.getByRole('heading', { level: 1, name: lessonTitle })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
  await expect(page).toHaveURL(/\/topics\/actors\//);
  const lessonUrl = page.url();
  await expect(page.getByTestId('sources')).toContainText('.txt');

  // The back button returns home; forward returns to the lesson.
  await page.goBack();
  await expect(page.getByRole('heading', { level: 1, name: 'International Cooperation on Migration' })).toBeVisible();
  await page.goForward();
  await expect(page.getByRole('heading', { level: 1, name: lessonTitle })).toBeVisible();

  // Answer the first question of the topic 1 knowledge check, wrongly then rightly.
  await page.goto('/check/introduction');
  const question = page.getByTestId('question').first();
  await expect(question).toBeVisible();
  await question.getByRole('button', { name: 'Submit answer' }).click();
  await expect(question.getByTestId('result')).toContainText('Choose');

  const options = question.getByTestId('option');
  const count = await options.count();
  let verdict = '';
  for (let i = 0; i < count && !verdict.startsWith('Correct'); i++) {
    await options.nth(i).check();
    await question.getByRole('button', { name: 'Submit answer' }).click();
    verdict = (await question.getByTestId('verdict').textContent()) ?? '';
    await expect(question.getByTestId('feedback').first()).toBeVisible();
    if (!verdict.startsWith('Correct')) await question.getByRole('button', { name: 'Try again' }).click();
  }
  expect(verdict).toMatch(/^Correct/);

  // The answer survives a reload.
  await page.reload();
  await expect(page.getByTestId('question').first().getByTestId('verdict')).toHaveText(/^Correct/);

  // Back to the lesson via a deep link, then reload: Continue on home leads back to it.
  await page.goto(lessonUrl);
  await expect(page.getByRole('heading', { level: 1, name: lessonTitle })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: lessonTitle })).toBeVisible();
  await page.goto('/');
  await expect(page.getByTestId('continue')).toHaveText(`Continue: ${lessonTitle}`);
  await page.getByTestId('continue').click();
  await expect(page).toHaveURL(lessonUrl);

  expect(errors).toEqual([]);
  // The instructor's results page is a separate bundle that learners never download.
  expect(requested.filter((p) => p.startsWith('/results'))).toEqual([]);
  // One player wasm; of the chunks, only the knowledge check's (and code it shares).
  const wasm = [...new Set(requested.filter((p) => p.endsWith('.wasm')))];
  expect(wasm.filter((p) => p.endsWith('/player_bg.wasm'))).toHaveLength(1);
  expect(wasm.filter((p) => /\/split_/.test(p)).map((p) => p.replace(/.*\//, ''))).toEqual(['split_check.wasm']);
});

test('a course that cannot be loaded says so plainly', async ({ page }) => {
  await page.route('**/course/course.json', (route) => route.fulfill({ status: 500, body: 'boom' }));
  await page.goto('/');
  await expect(page.getByTestId('load-error')).toHaveText('Sorry: the server answered 500 Internal Server Error.');
  await expect(page.getByRole('heading', { level: 1, name: 'The course could not be loaded' })).toBeVisible();
});

test('an unknown address shows a page-not-found message inside the course', async ({ page }) => {
  await page.goto('/topics/actors/no-such-lesson');
  await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
  await page.getByRole('link', { name: 'Go to the course home' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'International Cooperation on Migration' })).toBeVisible();
});

test('before the app starts, every address already shows its own page: the home, a lesson, a check, the glossary', async ({ page, request }) => {
  const course = await (await request.get('/course/course.json')).json();
  await page.route('**/*.wasm', () => {}); // the wasm never arrives: what shows is the static page
  await page.goto('/', { waitUntil: 'domcontentloaded' });
  await expect(page.getByRole('heading', { level: 1, name: course.title })).toBeVisible();
  await expect(page.getByText(`About ${course.estimated_minutes} minutes · self-paced`)).toBeVisible();
  await expect(page.getByRole('heading', { level: 3 })).toHaveText(course.topics.map((t) => t.title));
  const t = course.topics[1];
  const [lesson, second] = t.lessons;
  await expect(page.getByRole('link', { name: lesson.title }).first()).toHaveAttribute('href', `topics/${t.id}/${lesson.id}`);

  // A deep link is its lesson at first paint: title, text, the outline and the way on.
  await page.goto(`/topics/${t.id}/${lesson.id}`, { waitUntil: 'domcontentloaded' });
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(lesson.title);
  await expect(page).toHaveTitle(`${lesson.title} · ${course.title}`);
  await expect(page.getByText('Loading the course…')).toHaveCount(0);
  await expect(page.getByRole('navigation', { name: 'Table of contents' })).toBeAttached();
  await expect(page.getByRole('link', { name: `Next ${second.title}` })).toHaveAttribute('href', `./topics/${t.id}/${second.id}`);
  await expectAccessible(page, 'a lesson before the app starts');
  // Its links work before the app too.
  await page.getByRole('link', { name: `Next ${second.title}` }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(second.title);

  // A page whose code is in a chunk is what the app shows while the chunk loads.
  await page.goto(`/check/${t.id}`, { waitUntil: 'domcontentloaded' });
  await expect(page.getByRole('status')).toHaveText('Loading this page…');
  await expect(page.getByRole('navigation', { name: 'Table of contents' })).toBeAttached();
  await page.goto('/glossary', { waitUntil: 'domcontentloaded' });
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Glossary');
  await expect(page.locator('dt')).toHaveCount(course.glossary.length);
});

test('the course home stays on screen while the app starts, until the live home replaces it', async ({ page, request }) => {
  const course = await (await request.get('/course/course.json')).json();
  let release;
  const held = new Promise((r) => { release = r; });
  await page.route('**/course/course.json', async (route) => { await held; await route.continue(); });
  await page.goto('/', { waitUntil: 'domcontentloaded' });
  // The wasm has started (the loader that `course-engine build` writes into index.html sets window.wasmBindings) but the course is held back.
  await page.waitForFunction(() => window.wasmBindings !== undefined);
  // The home is the app's own, with its Start link (which works before the app too); the
  // loading line is for other addresses, which index.html answers once the service worker
  // is in.
  await expect(page.getByRole('heading', { level: 1, name: course.title })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Start the course' })).toBeVisible();
  await expect(page.getByText('Loading the course…')).toBeHidden();
  release();
  await expect(page.getByTestId('start')).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: course.title })).toHaveCount(1);
  await expect(page.getByText('Loading the course…')).toHaveCount(0);
});

test('knowledge-check options are shown in each learner\'s own shuffled order, kept across reloads', async ({ browser, request }) => {
  const course = await (await request.get('/course/course.json')).json();
  const topic = course.topics.find((t) => t.check.some((q) => q.kind !== 'true-false' && q.kind !== 'matching' && !q.fixed_order));
  const shownOrders = (page) => page.getByTestId('question').evaluateAll((forms) => forms.map((f) => [...f.querySelectorAll('[data-testid="option"]')].map((i) => i.value).join(',')));
  const learner = async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`/check/${topic.id}`);
    await expect(page.getByTestId('question')).toHaveCount(topic.check.length);
    return { context, page, orders: await shownOrders(page) };
  };

  const one = await learner();
  topic.check.forEach((q, i) => {
    const author = q.choices.map((_, j) => String(j)).join(',');
    if (q.kind === 'true-false' || q.fixed_order) expect(one.orders[i], `${q.id} keeps the author's order`).toBe(author);
    else if (q.kind !== 'matching') expect(one.orders[i].split(',').sort().join(','), q.id).toBe(author);
  });
  // Answering saves the learner's order with their progress; a reload shows the same order.
  const first = one.page.getByTestId('question').first();
  await first.getByTestId('option').first().check();
  await first.getByRole('button', { name: 'Submit answer' }).click();
  await expect.poll(async () => (await savedProgress(one.page, course.id))?.order_seed ?? 0).toBeGreaterThan(0);
  await one.page.reload();
  await expect(one.page.getByTestId('question')).toHaveCount(topic.check.length);
  expect(await shownOrders(one.page)).toEqual(one.orders);

  // Another learner (another browser) gets another order.
  const two = await learner();
  expect(two.orders).not.toEqual(one.orders);
  await one.context.close();
  await two.context.close();
});
