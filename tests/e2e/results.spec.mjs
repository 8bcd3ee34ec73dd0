// Instructor results: learners export completion records; the instructor loads many at
// once (picker and drag and drop), sorts them, sees per-question results and exports them.
// Bad files are listed with their reason; names with markup stay text.
import { test, expect } from './fixtures.mjs';
import { loadCourse, expectAccessible, word, progressOf, storage } from './helpers.mjs';

async function exportRecord(browser, course, progress, learner, button = 'export-record-json') {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(([key, value]) => {
    if (!sessionStorage.getItem('seeded')) { localStorage.setItem(key, value); sessionStorage.setItem('seeded', '1'); }
  }, [storage(course).progress, JSON.stringify(progress)]);
  await page.goto('/progress');
  await page.getByLabel('Your name or learner id').fill(learner);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(button).click()]);
  const chunks = [];
  for await (const c of await download.createReadStream()) chunks.push(c);
  await context.close();
  return { name: download.suggestedFilename(), text: Buffer.concat(chunks).toString('utf8') };
}

test('an instructor combines records, sees bad files with reasons, sorts, and exports', async ({ browser, page, request }) => {
  const course = await loadCourse(request);
  const amina = await exportRecord(browser, course, progressOf(course, [60, 90], { complete: true }), 'Amina Diallo');
  const evil = '<img src=x onerror="window.hacked=1">Bob';
  const bob = await exportRecord(browser, course, progressOf(course, [70, 50, 40]), evil);
  expect(JSON.parse(amina.text).status).toBe('completed');
  expect(JSON.parse(bob.text).status).toBe('failed');

  // The learner's one-row CSV.
  const csv = await exportRecord(browser, course, progressOf(course, [60, 90], { complete: true }), 'Amina Diallo', 'export-record-csv');
  expect(csv.name).toBe(`${course.id}-amina-diallo.csv`);
  expect(csv.text.split('\r\n')).toHaveLength(3);
  const aminaId = progressOf(course, [60, 90], { complete: true }).completion.id;
  expect(csv.text.split('\r\n')[1]).toMatch(new RegExp(`^Amina Diallo,${course.id},${course.version.replaceAll(".", "\\.")},completed,90,2,2026-11-22,${aminaId},50,[0-9a-f]{16}$`));

  const tampered = JSON.parse(amina.text);
  tampered.best_score = 100;
  const otherCourse = JSON.parse(amina.text);
  otherCourse.course_id = 'another-course';
  const file = (name, text) => ({ name, mimeType: 'application/json', buffer: Buffer.from(text) });

  // Instructors find their page from the course home; it is its own document and bundle.
  await page.goto('/');
  await page.getByRole('link', { name: "combine your learners' results" }).click();
  await expect(page).toHaveURL(/\/results\.html$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Results for instructors' })).toBeVisible();
  await expect(page).toHaveTitle(`Results for instructors · ${course.title}`);
  await page.getByLabel('Choose completion records, or drop them here').setInputFiles([
    file(amina.name, amina.text),
    file('notes.json', 'these are my notes'),
    file('tampered.json', JSON.stringify(tampered, null, 2)),
    file('other.json', JSON.stringify(otherCourse)),
  ]);
  const rows = page.getByTestId('result-row');
  await expect(rows).toHaveCount(1);
  await expect(page.getByTestId('rejected').getByRole('listitem')).toHaveText([
    'notes.json: not a JSON file',
    'tampered.json: the checksum does not match: the file was changed after it was exported',
    'other.json: the record is for another course (\'another-course\')',
  ], { useInnerText: true, ignoreCase: false });

  // Drag and drop the second learner's file onto the drop zone.
  const drop = await page.evaluateHandle(([name, text]) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], name, { type: 'application/json' }));
    return dt;
  }, [bob.name, bob.text]);
  await page.getByTestId('dropzone').dispatchEvent('drop', { dataTransfer: drop });
  await expect(rows).toHaveCount(2);

  // Markup in a name is shown as text, never run.
  await expect(rows.getByRole('rowheader')).toHaveText(['<img src=x onerror="window.hacked=1">Bob', 'Amina Diallo']);
  await expect(page.getByTestId('results-table').locator('img')).toHaveCount(0);
  expect(await page.evaluate(() => window.hacked)).toBeUndefined();

  // Sorting by a column, both ways, announced with aria-sort.
  const scoreHeader = page.getByRole('columnheader', { name: 'Best score' });
  await scoreHeader.getByRole('button').click();
  await expect(scoreHeader).toHaveAttribute('aria-sort', 'ascending');
  await expect(rows.first().getByRole('cell').nth(1)).toHaveText('70 %');
  await scoreHeader.getByRole('button').click();
  await expect(scoreHeader).toHaveAttribute('aria-sort', 'descending');
  await expect(rows.first()).toContainText('Amina Diallo');
  await expect(rows.first().getByRole('cell')).toHaveText(['completed', '90 %', '2', '22 November 2026', '50 min']);

  await expectAccessible(page, 'the results page with records loaded');

  // The best scores drawn: one bar per band of ten points; the drawing is hidden from
  // screen readers (the table says the same), its caption is not.
  const chart = page.getByTestId('score-chart');
  await expect(chart.locator('svg')).toHaveAttribute('aria-hidden', 'true');
  await expect(chart.locator('svg rect')).toHaveCount(10);
  await expect(chart.getByText('learners with an attempt: 2')).toBeVisible();

  // Per-question results across learners.
  const stats = page.getByTestId('question-stat');
  expect(await stats.count()).toBeGreaterThan(10);
  // A question both learners were asked: seen by 2.
  const asked = (p) => new Set(p.attempts.flatMap((a) => a.questions));
  const bobAsked = asked(progressOf(course, [70, 50, 40]));
  const both = [...asked(progressOf(course, [60, 90], { complete: true }))].filter((id) => bobAsked.has(id));
  expect(both.length).toBeGreaterThan(0);
  const shared = course.assessment.bank.find((q) => q.id === both[0]);
  await expect(stats.filter({ hasText: shared.prompt_html.replace(/<[^>]+>/g, '').slice(0, 30) }).getByRole('cell').last()).toHaveText(/^\d+ % \(\d of 2\)$/);

  // Combined exports.
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
  const chunks = [];
  for await (const c of await dl.createReadStream()) chunks.push(c);
  const combined = Buffer.concat(chunks).toString('utf8');
  expect(combined.startsWith('\ufefflearner,course_id,')).toBe(true);
  const lines = combined.split('\r\n');
  expect(lines).toHaveLength(4);
  expect(lines[1].startsWith('Amina Diallo,')).toBe(true);
  expect(lines[2].startsWith('"<img src=x onerror=""window.hacked=1"">Bob",')).toBe(true);
  const [dj] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-json').click()]);
  const jchunks = [];
  for await (const c of await dj.createReadStream()) jchunks.push(c);
  expect(JSON.parse(Buffer.concat(jchunks).toString('utf8')).map((r) => r.learner)).toEqual(['Amina Diallo', evil]);
});

test('an old /results link still opens the instructor page', async ({ page }) => {
  await page.goto('/results');
  await expect(page).toHaveURL(/\/results\.html$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Results for instructors' })).toBeVisible();
  await page.getByRole('link', { name: 'Course home' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'International Cooperation on Migration' })).toBeVisible();
});

test('a large class loads in one go: every record, one row each, and every learner in the results', async ({ browser, page, request }) => {
  test.setTimeout(120_000);
  const course = await loadCourse(request);
  const one = await exportRecord(browser, course, progressOf(course, [90], { complete: true }), 'Learner');
  await page.goto('/results.html');
  const files = Array.from({ length: 300 }, (_, i) => ({ name: `learner-${i}.json`, mimeType: 'application/json', buffer: Buffer.from(one.text) }));
  await page.getByTestId('record-files').setInputFiles(files);
  await expect(page.getByRole('heading', { level: 2, name: 'Learners (300)' })).toBeVisible();
  // A hundred rows at a time, the pages said and walked.
  await expect(page.getByTestId('result-row')).toHaveCount(100);
  await expect(page.getByTestId('page-rows')).toHaveText('Learners 1–100 of 300');
  await expect(page.getByTestId('page-previous')).toBeDisabled();
  for (const rows of ['Learners 101–200 of 300', 'Learners 201–300 of 300']) {
    await page.getByTestId('page-next').click();
    await expect(page.getByTestId('page-rows')).toHaveText(rows);
  }
  await expect(page.getByTestId('page-next')).toBeDisabled();
  await expect(page.getByTestId('result-row')).toHaveCount(100);
  // Sorting goes back to the first page.
  await page.getByRole('button', { name: 'Best score' }).click();
  await expect(page.getByTestId('page-rows')).toHaveText('Learners 1–100 of 300');
  await expect(page.getByTestId('loading-records')).toHaveText('');
  await expect(page.getByTestId('question-stat').first()).toContainText('of 300)');
});

test('the class view is a chunk of its own: fetched once records come, and a failed fetch can be tried again', async ({ browser, page, request }) => {
  const course = await loadCourse(request);
  const one = await exportRecord(browser, course, progressOf(course, [90], { complete: true }), 'Learner');
  const fetched = [];
  page.on('request', (r) => fetched.push(new URL(r.url()).pathname));
  await page.route('**/split_class_part.wasm', (route) => route.abort('connectionrefused'));
  await page.goto('/results.html');
  await expect(page.getByTestId('record-files')).toBeVisible();
  expect(fetched.filter((p) => p.includes('/split_'))).toEqual([]);
  await page.getByTestId('record-files').setInputFiles([{ name: 'one.json', mimeType: 'application/json', buffer: Buffer.from(one.text) }]);
  await expect(page.getByTestId('part-missing')).toContainText('could not be loaded');
  await page.unroute('**/split_class_part.wasm');
  await page.getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByTestId('result-row')).toHaveCount(1);
  // The LRS form's chunk only when the instructor opens it.
  expect(fetched.filter((p) => p.includes('split_lrs_part'))).toEqual([]);
  await page.getByTestId('lrs-open').click();
  await expect(page.getByLabel('LRS address (xAPI endpoint)')).toBeVisible();
  await expect(page.getByTestId('lrs-open')).toHaveAttribute('aria-expanded', 'true');
  expect(fetched.filter((p) => p.includes('split_lrs_part'))).toHaveLength(1);
  await expectAccessible(page, 'the results page with the LRS form open');
});

// The instructor's page in each language: its words travel in the page (results.html's
// <meta name="engine-words">), so records from any language's learners read the same.
test('the instructor page speaks the course language: Spanish beside English, Arabic right to left', async ({ browser, page, request }) => {
  const course = await loadCourse(request);
  const amina = await exportRecord(browser, course, progressOf(course, [60, 90], { complete: true }), 'Amina Diallo');
  await page.goto('/es/results.html');
  await expect(page.locator('html')).toHaveAttribute('lang', 'es');
  await expect(page).toHaveTitle(new RegExp(`^${word('es', 'results_title')} · `));
  await expect(page.getByRole('heading', { level: 1, name: word('es', 'results_title') })).toBeVisible();
  const tampered = JSON.parse(amina.text);
  tampered.best_score = 100;
  const broken = JSON.parse(amina.text);
  broken.attempts[0].score = 'sesenta';
  delete broken.learner;
  await page.getByLabel(word('es', 'results_choose_files')).setInputFiles([
    { name: 'amina.json', mimeType: 'application/json', buffer: Buffer.from(amina.text) },
    { name: 'notas.json', mimeType: 'application/json', buffer: Buffer.from('mis notas') },
    { name: 'cambiado.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(tampered)) },
    { name: 'roto.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(broken)) },
  ]);
  // Why a file could not be used, in Spanish too, down to which field is wrong and how.
  await expect(page.getByTestId('rejected').getByRole('listitem')).toHaveText([
    `notas.json: ${word('es', 'results_reject_not_json')}`,
    `cambiado.json: ${word('es', 'results_reject_checksum')}`,
    'roto.json: faltan campos del registro o son incorrectos (learner: se esperaba texto, pero falta; attempts[0].score: se esperaba un número entero igual o mayor que 0, no "sesenta")',
  ], { useInnerText: true });
  await expect(page.getByRole('heading', { level: 2, name: word('es', 'results_learners').replace('{count}', '1') })).toBeVisible();
  const row = page.getByTestId('result-row');
  await expect(row.getByRole('cell')).toHaveText([word('es', 'results_status_completed'), '90 %', '2', '22 de noviembre de 2026', '50 min']);
  await expect(page.getByRole('columnheader', { name: word('es', 'results_best_score') })).toBeVisible();
  await expectAccessible(page, 'the instructor page in Spanish');
  await page.getByRole('link', { name: word('es', 'nav_home') }).click();
  await expect(page).toHaveURL(/\/es\/$/);

  await page.goto('http://127.0.0.1:4181/results.html');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByRole('heading', { level: 1, name: word('ar', 'results_title') })).toBeVisible();
  await expect(page.getByText(word('ar', 'results_choose_files'))).toBeVisible();
  await expectAccessible(page, 'the instructor page in Arabic');
});
