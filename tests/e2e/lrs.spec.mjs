// A learner launched with an LRS (xAPI launch parameters in the address), against Ralph,
// a real LRS that the test command starts (scripts/test.sh, playwright.config.mjs) with a
// credential that may only write statements (the learner's) and one that may read them
// (this test's). The statements are read back from Ralph and checked with an xAPI
// validator; the LRS goes away midway (its requests fail) and comes back, with a reload in
// between: nothing is lost and nothing doubled.
import { test, expect } from './fixtures.mjs';
import { answer, savedProgress, seedProgress, progressOf, expectAccessible, storage } from './helpers.mjs';
import { validateAll } from '../../scripts/validate-xapi.mjs';
import { randomUUID } from 'node:crypto';

const SITE = 'http://127.0.0.1:4192';
const LRS = `http://127.0.0.1:${process.env.RALPH_PORT}/xAPI/`;
const basic = (user, password) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

/// Every statement of a registration, as Ralph has it (following `more`).
async function statements(request, registration) {
  const all = [];
  let url = `${LRS}statements?registration=${registration}&limit=100`;
  while (url) {
    const res = await request.get(url, { headers: { Authorization: basic(process.env.LRS_READER, process.env.LRS_READER_PASSWORD), 'X-Experience-API-Version': '1.0.3' } });
    expect(res.ok(), `reading statements: ${res.status()}`).toBeTruthy();
    const body = await res.json();
    all.push(...body.statements);
    url = body.more ? new URL(body.more, LRS).href : null;
  }
  return all;
}
const verbs = (all) => all.map((s) => s.verb.id.split('/').pop());

function launch(actor, registration) {
  return new URLSearchParams({
    endpoint: LRS,
    auth: basic(process.env.LRS_WRITER, process.env.LRS_WRITER_PASSWORD),
    actor: JSON.stringify(actor),
    registration,
  }).toString();
}

test('statements reach the LRS, survive its outage and a reload, are never doubled, and validate', async ({ browser, request }) => {
  test.setTimeout(120_000);
  expect(process.env.RALPH_PORT, 'the test command starts Ralph (scripts/test.sh)').toBeTruthy();
  const course = await (await request.get(`${SITE}/course/course.json`)).json();
  const registration = randomUUID();
  const query = launch({ mbox: 'mailto:amina@example.org', name: 'Amina Diallo' }, registration);
  const context = await browser.newContext();
  const page = await context.newPage();
  const [topic] = course.topics;
  const lesson = topic.lessons[0];

  // A lesson read to its end.
  await page.goto(`${SITE}/topics/${topic.id}/${lesson.id}?${query}`);
  await page.getByTestId('lesson-end').scrollIntoViewIfNeeded();
  await expect.poll(async () => (await savedProgress(page, course.id))?.seen ?? []).toContain(lesson.id);
  await expect.poll(async () => verbs(await statements(request, registration)), { timeout: 20_000 })
    .toEqual(expect.arrayContaining(['initialized', 'experienced']));

  // The LRS goes away; the learner answers a knowledge check meanwhile.
  await page.route(`${LRS}**`, (route) => route.abort('connectionrefused'));
  await page.goto(`${SITE}/check/${topic.id}?${query}`);
  const q = topic.check[0];
  const form = page.getByTestId('question').first();
  await answer(form, q);
  await form.getByRole('button', { name: 'Submit answer' }).click();
  await expect(page.getByTestId('lrs-notice')).toContainText('waiting to be sent', { timeout: 15_000 });
  const kept = async () => (await page.evaluate((key) => JSON.parse(localStorage.getItem(key) ?? 'null'), storage(course).xapi_queue));
  await expect.poll(async () => (await kept()).queue.waiting.map((w) => JSON.parse(w.statement).verb.id.split('/').pop()))
    .toContain('answered');

  // A reload while it is away: the statements wait in local storage.
  await page.reload();
  await expect(page.getByTestId('lrs-notice')).toContainText('waiting to be sent', { timeout: 15_000 });

  // It comes back: what waited goes out, once.
  await page.unroute(`${LRS}**`);
  await page.evaluate(() => window.dispatchEvent(new Event('online')));
  await expect.poll(async () => (await kept()).queue.waiting.length, { timeout: 30_000 }).toBe(0);
  await expect(page.getByTestId('lrs-notice')).toHaveCount(0);
  await page.close({ runBeforeUnload: true });
  await expect.poll(async () => verbs(await statements(request, registration)), { timeout: 20_000 }).toContain('terminated');

  const all = await statements(request, registration);
  const ids = all.map((s) => s.id);
  expect(new Set(ids).size, 'no statement twice').toBe(ids.length);
  const answered = all.filter((s) => s.verb.id.endsWith('/answered'));
  expect(answered).toHaveLength(1);
  expect(answered[0].object.id).toMatch(new RegExp(`/questions/${q.id}$`));
  expect(answered[0].result.success).toBe(true);
  expect(answered[0].object.definition.interactionType).toBeTruthy();
  expect(answered[0].context.contextActivities.grouping[0].id).toBe(storage(course).activity_id);
  expect(all.filter((s) => s.verb.id.endsWith('/experienced')).map((s) => s.object.id)).toEqual([expect.stringMatching(new RegExp(`/lessons/${lesson.id}$`))]);
  for (const s of all) {
    expect(s.actor.mbox).toBe('mailto:amina@example.org');
    expect(s.context.registration).toBe(registration);
  }
  expect(validateAll(all), 'every statement is valid xAPI 1.0.3').toEqual([]);
  await context.close();
});

test('statements the LRS refuses are kept and the learner told; a page without a launch sends nothing', async ({ browser, request }) => {
  test.setTimeout(60_000);
  const course = await (await request.get(`${SITE}/course/course.json`)).json();
  const registration = randomUUID();
  // Ralph refuses an address at a reserved domain (422): a real refusal, not a mock.
  const query = launch({ mbox: 'mailto:learner@school.test' }, registration);
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${SITE}/?${query}`);
  await expect(page.getByTestId('lrs-notice')).toContainText('refused', { timeout: 20_000 });
  const kept = await page.evaluate((key) => JSON.parse(localStorage.getItem(key)), storage(course).xapi_queue);
  expect(kept.queue.refused.length).toBeGreaterThan(0);
  expect(kept.queue.refused[0].reason).toMatch(/^the LRS answered 4\d\d/);
  expect(await statements(request, registration)).toEqual([]);

  // Without launch parameters the page fetches no part of the LRS reporter.
  const plain = await context.newPage();
  const fetched = [];
  plain.on('request', (r) => fetched.push(new URL(r.url()).pathname));
  await plain.goto(`${SITE}/`);
  await expect(plain.getByTestId('start')).toBeVisible();
  await plain.waitForTimeout(1000);
  expect(fetched.filter((p) => p.startsWith('/lrs/'))).toEqual([]);
  await context.close();
});

test('the instructor reads the class from the LRS: the table, the chart, the exports; wrong credentials and a site not built for that LRS are said plainly', async ({ browser, request }) => {
  test.setTimeout(90_000);
  const course = await (await request.get(`${SITE}/course/course.json`)).json();
  // A learner who passed on the second attempt (60 then 90) and completed, reporting to
  // the LRS: the first session tells it everything there is.
  const name = `Learner ${randomUUID().slice(0, 8)}`;
  const learner = await browser.newContext();
  await seedProgress(learner, course, progressOf(course, [60, 90], { complete: true }));
  const page = await learner.newPage();
  await page.goto(`${SITE}/?${launch({ mbox: `mailto:${name.replace(' ', '.')}@example.org`, name }, randomUUID())}`);
  const kept = async () => page.evaluate((key) => JSON.parse(localStorage.getItem(key) ?? 'null'), storage(course).xapi_queue);
  await expect.poll(async () => (await kept())?.told != null && (await kept()).queue.waiting.length === 0, { timeout: 30_000 }).toBe(true);
  await page.close({ runBeforeUnload: true });
  await learner.close();

  const instructor = await browser.newContext();
  const results = await instructor.newPage();
  await results.goto(`${SITE}/results.html`);
  await results.getByText('Read the results from a Learning Record Store (LRS)').click();
  await expect(results.getByLabel('Course activity id')).toHaveValue(storage(course).activity_id);
  await results.getByLabel('LRS address (xAPI endpoint)').fill(LRS);
  await results.getByLabel('User name').fill(process.env.LRS_READER);

  // A wrong password: refused, in words.
  await results.getByLabel('Password', { exact: true }).fill('not-the-password');
  await results.getByTestId('lrs-read').click();
  await expect(results.getByTestId('lrs-status')).toContainText('refused this user name or password');
  await expect(results.getByTestId('results-table')).toHaveCount(0);

  // The right one: the learner's row, as a file would have given it.
  await results.getByLabel('Password', { exact: true }).fill(process.env.LRS_READER_PASSWORD);
  await results.getByTestId('lrs-read').click();
  await expect(results.getByTestId('lrs-status')).toContainText('Learners read from the LRS', { timeout: 30_000 });
  const row = results.getByTestId('result-row').filter({ hasText: name });
  await expect(row).toHaveCount(1);
  await expect(row.getByRole('cell')).toHaveText(['completed', '90 %', '2', /2026/, '50 min']);
  await expect(results.getByTestId('score-chart')).toBeVisible();
  await expect(results.getByTestId('question-stat').first()).toBeVisible();
  const [download] = await Promise.all([results.waitForEvent('download'), results.getByTestId('export-json').click()]);
  const chunks = [];
  for await (const c of await download.createReadStream()) chunks.push(c);
  const mine = JSON.parse(Buffer.concat(chunks).toString('utf8')).find((r) => r.learner === name);
  const seeded = progressOf(course, [60, 90], { complete: true });
  expect(mine).toMatchObject({ status: 'completed', best_score: 90, completion_id: seeded.completion.id, completed_on: '2026-11-22' });
  // The time on task the learner's last session told (the seeded 50 minutes, and the few
  // seconds the page was open).
  expect(mine.time_on_task_seconds).toBeGreaterThanOrEqual(3000);
  expect(mine.time_on_task_seconds).toBeLessThan(3060);
  expect(mine.attempts.map((a) => [a.score, a.passed, a.questions.length])).toEqual([[60, false, 10], [90, true, 10]]);
  // Nothing kept unless asked.
  expect(await results.evaluate((key) => Object.keys(localStorage).filter((k) => k === key), storage(course).lrs_reader)).toEqual([]);

  // The page of a site built without that LRS may not reach it, and says what to do.
  const plain = await instructor.newPage();
  await plain.goto('/results.html');
  await plain.getByText('Read the results from a Learning Record Store (LRS)').click();
  await plain.getByLabel('LRS address (xAPI endpoint)').fill(LRS);
  await plain.getByLabel('User name').fill('someone');
  await plain.getByTestId('lrs-read').click();
  await expect(plain.getByTestId('lrs-status')).toContainText(`may not connect to http://127.0.0.1:${process.env.RALPH_PORT}`);
  await instructor.close();
});

test('a site built for one LRS asks who the learner is once, then reports with its credential, which may write and not read', async ({ browser, request }) => {
  test.setTimeout(90_000);
  const ONE = 'http://127.0.0.1:4193';
  const course = await (await request.get(`${ONE}/course/course.json`)).json();
  const settings = await (await request.get(`${ONE}/lrs.json`)).json();
  expect(settings.endpoint).toBe(LRS);
  // The credential every learner's browser gets may not read anyone's statements.
  const peek = await request.get(`${LRS}statements?limit=1`, { headers: { Authorization: settings.auth, 'X-Experience-API-Version': '1.0.3' } });
  expect([401, 403]).toContain(peek.status());

  const context = await browser.newContext();
  const page = await context.newPage();
  const email = `learner-${randomUUID().slice(0, 8)}@example.org`;
  const [topic] = course.topics;
  const lesson = topic.lessons[0];
  await page.goto(`${ONE}/topics/${topic.id}/${lesson.id}`);
  const form = page.getByRole('region', { name: 'Who is taking this course?' });
  await expect(form).toBeVisible();
  await expectAccessible(page, 'a lesson asking who the learner is');
  await form.getByLabel('Your name').fill('Zoe Site');
  await form.getByLabel('Your e-mail address or learner id').fill(email);
  await form.getByRole('button', { name: 'Save and continue' }).click();
  await expect(form).toBeHidden();
  await page.getByTestId('lesson-end').scrollIntoViewIfNeeded();
  await expect.poll(async () => (await savedProgress(page, course.id))?.seen ?? []).toContain(lesson.id);

  // What arrives is this learner's, read back with the reader's credential.
  const agent = encodeURIComponent(JSON.stringify({ mbox: `mailto:${email}` }));
  const mine = async () => {
    const res = await request.get(`${LRS}statements?agent=${agent}&limit=0`, { headers: { Authorization: basic(process.env.LRS_READER, process.env.LRS_READER_PASSWORD), 'X-Experience-API-Version': '1.0.3' } });
    expect(res.ok()).toBeTruthy();
    return (await res.json()).statements;
  };
  await expect.poll(async () => verbs(await mine()), { timeout: 20_000 }).toEqual(expect.arrayContaining(['initialized', 'experienced']));
  const all = await mine();
  for (const s of all) expect(s.actor).toMatchObject({ name: 'Zoe Site', mbox: `mailto:${email}` });
  expect(validateAll(all), 'every statement is valid xAPI 1.0.3').toEqual([]);

  // Asked once: another page does not ask again.
  await page.goto(`${ONE}/`);
  await expect(page.getByRole('heading', { level: 1, name: course.title })).toBeVisible();
  await expect(page.getByTestId('learner-id')).toBeHidden();
  await context.close();
});

test('a learner launched with an LRS who switches language keeps reporting', async ({ browser, request }) => {
  const registration = randomUUID();
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${SITE}/glossary?${launch({ mbox: 'mailto:lea@example.org', name: 'Léa' }, registration)}`);
  await page.getByRole('navigation', { name: 'Language' }).getByRole('link', { name: 'Français' }).click();
  await expect(page).toHaveURL(/\/fr\/glossary\?endpoint=/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  // The French page's session reaches the LRS, in French.
  await expect.poll(async () => (await statements(request, registration)).filter((s) => s.context.language === 'fr').map((s) => s.verb.id.split('/').pop()), { timeout: 20_000 })
    .toContain('initialized');
  await context.close();
});

