// Progress is never lost: corrupted records, a full storage quota, two tabs, a course
// update, and a backup carried to another browser.
import { test, expect } from './fixtures.mjs';
import { loadCourse, answer, savedProgress, seedProgress, topicsDone, storage } from './helpers.mjs';

const keyOf = (course) => storage(course).progress;

async function answerFirstCheck(page, course) {
  const t = course.topics[0];
  await page.goto(`/check/${t.id}`);
  const form = page.getByTestId('question').first();
  await answer(form, t.check[0]);
  await form.getByRole('button', { name: 'Submit answer' }).click();
  await expect(form.getByTestId('verdict')).toHaveText('Correct: well done.');
}

async function downloadText(page, click) {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  const stream = await download.createReadStream();
  const chunks = [];
  for await (const c of stream) chunks.push(c);
  return { name: download.suggestedFilename(), text: Buffer.concat(chunks).toString('utf8') };
}

test('a corrupted record is kept aside, the learner told, and offered as a download', async ({ page, request }) => {
  const course = await loadCourse(request);
  // A record cut short (a write that never finished).
  const corrupted = JSON.stringify(topicsDone(course)).slice(0, 40);
  await page.addInitScript(([key, value]) => {
    if (!sessionStorage.getItem('seeded')) { localStorage.setItem(key, value); sessionStorage.setItem('seeded', '1'); }
  }, [keyOf(course), corrupted]);
  await page.goto('/');
  await expect(page.getByTestId('storage-notice')).toContainText('Your saved progress could not be read: the saved progress is not valid JSON');
  await expect(page.getByTestId('start')).toBeVisible();
  // The course works, and saves afresh.
  await answerFirstCheck(page, course);
  await expect.poll(async () => Object.keys((await savedProgress(page, course.id))?.answers ?? {})).toEqual([course.topics[0].check[0].id]);
  await page.goto('/progress');
  const file = await downloadText(page, () => page.getByTestId('download-unreadable').click());
  expect(file.text).toBe(corrupted);
});

test('with storage full the course keeps working, says progress is not saved, and offers a file', async ({ page, request }) => {
  const course = await loadCourse(request);
  await page.goto('/');
  // Fill the quota to the last few bytes.
  const fillers = await page.evaluate(() => {
    let i = 0;
    for (const size of [256 * 1024, 1024, 16]) {
      const chunk = 'x'.repeat(size);
      try { for (;;) localStorage.setItem(`filler-${i++}`, chunk); } catch (e) { /* full at this size */ }
    }
    return i;
  });
  await page.reload();
  await answerFirstCheck(page, course);
  await expect(page.getByTestId('not-saving')).toContainText("Your progress is not being saved: the browser's storage for this site is full.");
  // Still working: the next page opens and the answer is still shown in this page.
  const t = course.topics[1];
  await page.getByRole('link', { name: 'Course home' }).click();
  await expect(page.getByTestId('topic-status').first()).toHaveText('In progress');
  const file = await downloadText(page, () => page.getByTestId('download-progress').click());
  expect(file.name).toBe(`${course.id}-progress.json`);
  const saved = JSON.parse(file.text);
  expect(Object.keys(saved.record.answers)).toEqual([course.topics[0].check[0].id]);
  // When space frees up, the notice goes and progress is saved again.
  await page.evaluate((n) => { for (let i = 0; i <= n; i++) localStorage.removeItem(`filler-${i}`); }, fillers);
  await page.goto(`/topics/${t.id}/${t.lessons[0].id}`);
  await expect(page.getByTestId('not-saving')).toHaveCount(0);
  await expect.poll(async () => (await savedProgress(page, course.id))?.last_lesson?.lesson).toBe(t.lessons[0].id);
});

test('with storage switched off (private browsing) the course works, says progress is not saved, and offers a file', async ({ page, request }) => {
  const course = await loadCourse(request);
  // As Safari's and Firefox's private modes and a browser with site data blocked do: the
  // storage object itself is refused.
  await page.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', {
      configurable: true,
      get() { throw new DOMException('The operation is insecure.', 'SecurityError'); },
    });
  });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto('/');
  await expect(page.getByTestId('not-saving')).toContainText('does not let the course use its storage');
  await answerFirstCheck(page, course);
  await page.getByRole('link', { name: 'Course home' }).click();
  await expect(page.getByTestId('topic-status').first()).toHaveText('In progress');
  const file = await downloadText(page, () => page.getByTestId('download-progress').click());
  expect(Object.keys(JSON.parse(file.text).record.answers)).toEqual([course.topics[0].check[0].id]);
  expect(errors).toEqual([]);
});

test('two tabs: progress in one appears in the other, and neither overwrites the other', async ({ context, request }) => {
  const course = await loadCourse(request);
  const a = await context.newPage();
  const b = await context.newPage();
  await a.goto('/');
  await b.goto('/');
  await expect(b.getByTestId('topic-status').first()).toHaveText('Not started');
  // Tab A answers a question; tab B's home shows the topic in progress without a reload.
  await answerFirstCheck(a, course);
  await expect(b.getByTestId('topic-status').first()).toHaveText('In progress');
  // Tab B reads a lesson of topic 2 to its end; tab A learns of it too.
  const t = course.topics[1];
  await b.goto(`/topics/${t.id}/${t.lessons[0].id}`);
  await b.getByTestId('lesson-end').scrollIntoViewIfNeeded();
  await expect.poll(async () => (await savedProgress(a, course.id))?.seen ?? []).toContain(t.lessons[0].id);
  // Both changes are in the saved record: A's answer was not overwritten by B's save.
  const saved = await savedProgress(b, course.id);
  expect(Object.keys(saved.answers)).toContain(course.topics[0].check[0].id);
  expect(saved.seen).toContain(t.lessons[0].id);
  await a.goto('/');
  await expect(a.getByTestId('topic-status').nth(1)).toHaveText('In progress');
});

test('a course update keeps what still applies and drops what does not', async ({ page, request }) => {
  const course = await loadCourse(request);
  const [t1, t2] = course.topics;
  // Progress under version 1: two lessons read, two questions answered.
  for (const lesson of t1.lessons.slice(0, 2)) {
    await page.goto(`/topics/${t1.id}/${lesson.id}`);
    await page.getByTestId('lesson-end').scrollIntoViewIfNeeded();
    // Read to its end: wait until that is saved before leaving the page.
    await expect.poll(async () => (await savedProgress(page, course.id))?.seen ?? []).toContain(lesson.id);
  }
  await answerFirstCheck(page, course);
  const form2 = page.getByTestId('question').nth(1);
  await answer(form2, t1.check[1]);
  await form2.getByRole('button', { name: 'Submit answer' }).click();
  await expect.poll(async () => Object.keys((await savedProgress(page, course.id))?.answers ?? {}).length).toBe(2);

  // Version 2: lesson 2 of topic 1 removed, question 1 edited (new options), topics reordered,
  // a lesson added.
  const v2 = structuredClone(course);
  v2.version = '2.0.0';
  const removed = v2.topics[0].lessons.splice(1, 1)[0];
  const edited = v2.topics[0].check[0];
  edited.choices = edited.choices.map((c) => ({ ...c, html: `${c.html} (revised)` }));
  edited.hash = 'edited-hash';
  v2.topics[0].lessons.push({ id: 'new-lesson', title: 'A new lesson', html: '<p>New.</p>', sources: [], words: 1 });
  v2.topics = [v2.topics[1], v2.topics[0], ...v2.topics.slice(2)];
  await page.route('**/course/course.json', (route) => route.fulfill({ json: v2 }));
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(course.title);
  // The reordered topic 1 is in progress: lesson 1 read, question 2 answered.
  await expect(page.getByTestId('topic').filter({ hasText: t1.title }).getByTestId('topic-status')).toHaveText('In progress');
  await expect(page.getByTestId('topic').filter({ hasText: t2.title }).getByTestId('topic-status')).toHaveText('Not started');
  await page.goto(`/check/${t1.id}`);
  await expect(page.getByTestId('question').nth(0).getByTestId('verdict')).toHaveCount(0);
  await expect(page.getByTestId('question').nth(1).getByTestId('verdict')).toHaveText('Correct: well done.');
  await page.goto(`/topics/${t1.id}/new-lesson`);
  await page.getByTestId('lesson-end').scrollIntoViewIfNeeded();
  await expect.poll(async () => (await savedProgress(page, course.id))?.course_version).toBe('2.0.0');
  const saved = await savedProgress(page, course.id);
  expect(saved.seen).toContain(t1.lessons[0].id);
  expect(saved.seen).not.toContain(removed.id);
  expect(Object.keys(saved.answers)).toEqual([t1.check[1].id]);
  expect(errors).toEqual([]);
});

test('a backup exported in one browser restores in another; a tampered one is refused', async ({ browser, request }) => {
  const course = await loadCourse(request);
  const one = await browser.newContext();
  const a = await one.newPage();
  await answerFirstCheck(a, course);
  const t = course.topics[1];
  await a.goto(`/topics/${t.id}/${t.lessons[0].id}`);
  // The lesson opened is saved before the learner moves on (the page must have mounted).
  await expect.poll(async () => (await savedProgress(a, course.id))?.last_lesson?.lesson).toBe(t.lessons[0].id);
  await a.goto('/progress');
  const file = await downloadText(a, () => a.getByTestId('export-progress').click());
  await one.close();

  const two = await browser.newContext();
  const b = await two.newPage();
  await b.goto('/progress');
  // A tampered copy first: every problem listed, nothing applied.
  const tampered = JSON.parse(file.text);
  tampered.record.seen = 'all of them';
  tampered.record.answers[course.topics[0].check[0].id].correct = 'yes';
  await b.getByLabel('Restore progress from a backup file').setInputFiles({ name: 'p.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(tampered)) });
  await expect(b.getByTestId('restore-problems').getByRole('listitem')).toHaveText([
    'record.seen: expected a list, found "all of them"',
    `record.answers.${course.topics[0].check[0].id}.correct: expected true or false, found "yes"`,
  ]);
  expect(await savedProgress(b, course.id).then((p) => Object.keys(p?.answers ?? {}))).toEqual([]);
  // The real file restores.
  await b.getByLabel('Restore progress from a backup file').setInputFiles({ name: file.name, mimeType: 'application/json', buffer: Buffer.from(file.text) });
  await expect(b.getByTestId('restore-outcome')).toContainText('Restored from the file: 0 lessons read, 1 knowledge-check answers, 0 assessment attempts.');
  await b.goto('/');
  await expect(b.getByTestId('continue')).toHaveText(`Continue: ${t.lessons[0].title}`);
  await expect(b.getByTestId('topic-status').first()).toHaveText('In progress');
  await two.close();
});

test('a refused backup says why in the language of the page, each problem with its place in the file', async ({ page, request }) => {
  const course = await loadCourse(request);
  await page.goto('/es/progress');
  const restore = page.getByLabel('Restaurar el progreso desde un archivo de copia de seguridad');
  const file = {
    kind: storage(course).backup_kind, format: storage(course).backup_format, course_title: 'x', exported_at: 0,
    // A record tampered with: a lesson id that is a number, an answer without its response
    // and with a verdict that is not true or false (the messages name the fields).
    record: { ...topicsDone(course), seen: ['a', 7], answers: { q: { correct: 'yes' } } },
  };
  await restore.setInputFiles({ name: 'p.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
  await expect(page.getByTestId('restore-outcome')).toContainText('No se ha restaurado nada');
  await expect(page.getByTestId('restore-problems').getByRole('listitem')).toHaveText([
    'record.seen[1]: se esperaba un texto no vacío, no 7',
    'record.answers.q.response: se esperaba {"choices": [...]} o {"matching": [...]}, pero falta',
    'record.answers.q.correct: se esperaba true o false, no "yes"',
  ]);
  await restore.setInputFiles({ name: 'p.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ ...file, record: { ...file.record, course_id: 'otro' } }).replace('"seen":["a",7]', '"seen":[]').replace('"correct":"yes"', '"correct":true,"response":{"choices":[0]}')) });
  await expect(page.getByTestId('restore-problems').getByRole('listitem')).toHaveText([
    `record.course_id: el archivo es del curso «otro», no de «${course.id}»`,
  ]);
  await restore.setInputFiles({ name: 'p.json', mimeType: 'application/json', buffer: Buffer.from('{"kind": ') });
  await expect(page.getByTestId('restore-problems').getByRole('listitem')).toHaveText(['el archivo no es JSON válido (deja de serlo en la línea 1, columna 10)']);
});

test('a change made just before the page closes is saved (flushed on pagehide)', async ({ context, request }) => {
  const course = await loadCourse(request);
  const t = course.topics[0];
  const page = await context.newPage();
  await page.goto(`/check/${t.id}`);
  const form = page.getByTestId('question').first();
  await answer(form, t.check[0]);
  await form.getByRole('button', { name: 'Submit answer' }).click();
  // Close at once, well inside the save delay.
  await page.close({ runBeforeUnload: true });
  const again = await context.newPage();
  await again.goto('/');
  expect(Object.keys((await savedProgress(again, course.id))?.answers ?? {})).toEqual([t.check[0].id]);
});

// One tab, saving after each box ticked: the save merges with the stored record, which
// holds the first box only. Our own latest change must win, even with the clock standing
// still (equal times) and with "[1]" sorting after "[1,3]" as text.
test('ticking a second box after the first was saved keeps both, across a reload', async ({ browser, request }) => {
  const course = await loadCourse(request);
  const q = course.assessment.bank.find((b) => b.kind === 'multiple-response' && b.choices.length >= 3);
  const context = await browser.newContext();
  await seedProgress(context, course, {
    ...topicsDone(course),
    attempts: [{ seed: 5, questions: [q.id], responses: {}, started_at: 1, question_hashes: {} }],
  });
  const page = await context.newPage();
  await page.clock.setFixedTime(new Date('2026-11-22T10:00:00Z'));
  await page.goto('/assessment');
  const question = page.getByTestId('attempt').getByTestId('question');
  await expect(question).toHaveCount(1);
  const saved = () => savedProgress(page, course.id).then((p) => p?.attempts?.[0]?.responses?.[q.id]?.choices)
    .then((c) => c && [...c].sort());
  await question.locator('[data-testid="option"][value="1"]').check();
  await expect.poll(saved).toEqual([1]);
  await question.locator('[data-testid="option"][value="0"]').check();
  await expect.poll(saved).toEqual([0, 1]);
  await page.waitForTimeout(600);
  await expect(question.locator('[data-testid="option"][value="1"]')).toBeChecked();
  await page.reload();
  await expect(question.locator('[data-testid="option"][value="0"]')).toBeChecked();
  await expect(question.locator('[data-testid="option"][value="1"]')).toBeChecked();
  await context.close();
});
