// A learner launched with an LRS (xAPI launch parameters in the address), against Ralph,
// a real LRS that the test command starts (scripts/test.sh, playwright.config.mjs) with a
// credential that may only write statements (the learner's) and one that may read them
// (this test's). The statements are read back from Ralph and checked with an xAPI
// validator; the LRS goes away midway (its requests fail) and comes back, with a reload in
// between: nothing is lost and nothing doubled.
import { test, expect } from './fixtures.mjs';
import { answer, savedProgress } from './helpers.mjs';
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
  const kept = async () => (await page.evaluate((key) => JSON.parse(localStorage.getItem(key) ?? 'null'), `course-engine:${course.id}:xapi`));
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
  expect(answered[0].context.contextActivities.grouping[0].id).toBe(`urn:course-engine:${course.id}:${course.version}`);
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
  const kept = await page.evaluate((key) => JSON.parse(localStorage.getItem(key)), `course-engine:${course.id}:xapi`);
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
