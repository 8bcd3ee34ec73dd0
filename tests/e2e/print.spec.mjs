// The whole course on one page, for print and PDF (issue 25, item 2): `print.html` in each
// language's folder, written by the author tool (crates/player/src/print.rs), linked from
// the home and the header. For each language of the course and the Arabic test course:
// every lesson heading, the knowledge checks and the answer key (which the trainer may
// leave out), the glossary; no script but the inline one that adds a learner's own answers
// on request (item 3, its own test below); axe clean; and Chromium's PDF of it, A4 and Letter,
// read back with pdftotext (every lesson title, links with their addresses) and two pages
// drawn with pdftoppm into the test's artefacts.
import { test, expect } from './fixtures.mjs';
import { loadCourse, expectAccessible, fixture, seedProgress } from './helpers.mjs';
import { execFileSync } from 'node:child_process';
import { writeFileSync, readdirSync } from 'node:fs';

const sites = [
  { origin: 'http://127.0.0.1:4173', folder: '', withKey: 'Include the answer key to the knowledge checks' },
  { origin: 'http://127.0.0.1:4173', folder: '/fr', withKey: 'Inclure le corrigé des contrôles des connaissances' },
  { origin: 'http://127.0.0.1:4173', folder: '/es', withKey: 'Incluir las respuestas de las comprobaciones de conocimientos' },
  { origin: 'http://127.0.0.1:4181', folder: '', withKey: 'تضمين الإجابات الصحيحة لاختبارات المعرفة' },
];

const plain = (html) => html.replace(/<[^>]+>/g, '').replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/\s+/g, ' ').trim();
const squeeze = (text) => text.replace(/\s+/g, ' ');
/// Text as compared with pdftotext's: without spaces, bidi controls and Arabic vowel marks,
/// and with a lam-alef as pdftotext gives the ligature back (the alef first), since a PDF keeps
/// glyphs, not the letters typed.
const comparable = (text) => text
  .replace(/[\u064B-\u065F\u0670\u200E\u200F\u202A-\u202E\u2066-\u2069\s]/g, '')
  .replace(/ل([اأإآ])/g, '$1ل');

/// The PDF's page count and text (poppler's pdfinfo and pdftotext).
function readPdf(file) {
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const pages = Number(/^Pages:\s+(\d+)/m.exec(info)[1]);
  return { pages, text: squeeze(execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' })) };
}

for (const { origin, folder, withKey } of sites) {
  test(`the whole course prints from one page: ${origin}${folder}/print.html`, async ({ page, request }, testInfo) => {
    test.setTimeout(120_000);
    const course = await loadCourse({ get: (url) => request.get(`${origin}${url}`) }, folder);
    const lessons = course.topics.flatMap((t) => t.lessons);
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));

    // Linked from the home and the header, in a tab of its own (inside an LMS, leaving the
    // course's page would end the learner's session).
    await page.goto(`${origin}${folder}/`);
    const link = page.locator('main a[href="print.html"][target="_blank"]');
    await expect(link).toHaveCount(1);
    await expect(page.locator('header a[href="print.html"][target="_blank"]')).toHaveCount(1);
    const [opened] = await Promise.all([page.context().waitForEvent('page'), link.click()]);
    await opened.waitForLoadState();
    await page.close();
    page = opened;
    page.on('pageerror', (e) => errors.push(String(e)));
    await expect(page).toHaveURL(new RegExp(`${folder}/print\\.html$`));

    // The page: the course's title, each topic, each lesson, each check's questions, the
    // answer key, the glossary; no script at all.
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(course.title);
    // One script, inline (the policy names its hash): "include my answers".
    expect(await page.locator('script').count()).toBe(1);
    expect(await page.locator('script[src]').count()).toBe(0);
    for (const t of course.topics) await expect(page.getByRole('heading', { level: 2, name: t.title, exact: true })).toHaveCount(1);
    for (const l of lessons) await expect(page.getByRole('heading', { level: 3, name: l.title, exact: true })).toHaveCount(1);
    const checked = course.topics.flatMap((t) => t.check);
    const main = page.locator('main');
    await expect(main).toContainText(plain(checked[0].prompt_html));
    // The final assessment's questions are never printed.
    await expect(main).not.toContainText(plain(course.assessment.bank[0].prompt_html));
    const key = page.locator('.answer-key');
    await expect(key).toBeVisible();
    const keyHeading = squeeze(await key.getByRole('heading', { level: 2 }).innerText());
    const right = checked[0].kind === 'matching' ? plain(checked[0].pairs[0].match_html) : plain(checked[0].choices.find((c) => c.correct).html);
    await expect(key).toContainText(right);
    if (course.glossary.length) await expect(main.locator('dt').first()).toHaveText(course.glossary[0].term);
    // Diagrams print with their text versions open.
    expect(await main.locator('details:not([open])').count()).toBe(0);

    // Chromium's PDF, A4 then Letter, with the answer key.
    await page.emulateMedia({ media: 'print' });
    const a4 = testInfo.outputPath('course-a4.pdf');
    writeFileSync(a4, await page.pdf({ format: 'A4' }));
    const withAnswers = readPdf(a4);
    // A page at least per topic (each starts a page), and every lesson's title in the text.
    expect(withAnswers.pages).toBeGreaterThan(course.topics.length);
    for (const l of lessons) expect(comparable(withAnswers.text), `the PDF has "${l.title}"`).toContain(comparable(l.title));
    expect(comparable(withAnswers.text)).toContain(comparable(keyHeading));
    // Links to the web print their addresses.
    const [web] = await main.locator('a[href^="http"]').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    if (folder === '' && origin.endsWith('4173')) expect(web, 'the course links to the web').toBeTruthy();
    if (web) expect(withAnswers.text.replace(/\s/g, '')).toContain(web.replace(/\s/g, ''));
    // No navigation chrome in print.
    expect(comparable(withAnswers.text)).not.toContain(comparable(withKey));
    const letter = testInfo.outputPath('course-letter.pdf');
    writeFileSync(letter, await page.pdf({ format: 'Letter' }));
    expect(readPdf(letter).pages).toBeGreaterThan(course.topics.length);

    // Two pages as pictures, in the test's artefacts.
    execFileSync('pdftoppm', ['-f', '1', '-l', '2', '-r', '40', '-png', a4, testInfo.outputPath('page')]);
    const pictures = readdirSync(testInfo.outputDir).filter((f) => /^page-\d+\.png$/.test(f));
    expect(pictures).toHaveLength(2);
    for (const p of pictures) await testInfo.attach(p, { path: testInfo.outputPath(p), contentType: 'image/png' });

    // Without the answer key, as the trainer chooses on the page.
    await page.emulateMedia({ media: 'screen' });
    await page.getByLabel(withKey).uncheck();
    await expect(key).toBeHidden();
    await page.emulateMedia({ media: 'print' });
    const bare = testInfo.outputPath('course-no-key.pdf');
    writeFileSync(bare, await page.pdf({ format: 'A4' }));
    const withoutAnswers = readPdf(bare);
    const count = (text) => comparable(text).split(comparable(keyHeading)).length - 1;
    expect(count(withAnswers.text), 'the answer key is printed').toBe(1);
    expect(count(withoutAnswers.text), 'the answer key is left out').toBe(0);
    expect(withoutAnswers.pages).toBeLessThan(withAnswers.pages);
    await expectAccessible(page, `${origin}${folder}/print.html`);
    expect(errors).toEqual([]);
  });
}

test('the print page adds the learner\'s own answers and best score only when asked, and sends nothing', async ({ browser, request }) => {
  const course = await loadCourse(request);
  const checks = course.topics.flatMap((t) => t.check);
  const progress = fixture(course, 'passed');
  // A choice question answered wrong, another right, and a matching question with its
  // first two matches swapped.
  const [q, other] = checks.filter((c) => c.kind !== 'matching');
  const wrong = q.choices.findIndex((c) => !c.correct);
  progress.answers[q.id] = { ...progress.answers[q.id], response: { choices: [wrong] }, correct: false };
  const m = checks.find((c) => c.kind === 'matching');
  const swapped = m.pairs.map((_, i) => (i < 2 ? 1 - i : i));
  progress.answers[m.id] = { ...progress.answers[m.id], response: { matching: swapped }, correct: false };
  const best = Math.max(...progress.attempts.filter((a) => a.result).map((a) => a.result.score));

  const context = await browser.newContext();
  await seedProgress(context, course, progress);
  const page = await context.newPage();
  await page.goto('/print.html');
  const main = page.locator('main');
  await expect(main).not.toContainText('your answer');
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.getByLabel('Include my answers and scores').check();
  await expect(page.locator('.print-cover')).toContainText(`Your best score in the final assessment: ${best} %`);
  const mine = main.locator(`[data-question="${q.id}"]`);
  await expect(mine.locator(`[data-option="${wrong}"]`)).toContainText('← your answer');
  await expect(mine).toContainText('Not correct.');
  await expect(main.locator(`[data-question="${other.id}"]`)).toContainText('Correct.');
  const matched = main.locator(`[data-question="${m.id}"] [data-item="0"]`);
  await expect(matched).toContainText(`→ ${plain(m.pairs[1].match_html)} (your answer)`);
  expect(requests, 'nothing is sent').toEqual([]);
  // In the PDF too; and gone again when unticked.
  const file = test.info().outputPath('mine.pdf');
  writeFileSync(file, await page.pdf({ format: 'A4' }));
  expect(readPdf(file).text).toContain(`Your best score in the final assessment: ${best} %`);
  await page.getByLabel('Include my answers and scores').uncheck();
  await expect(main).not.toContainText('your answer');
  await context.close();

  // A browser with nothing saved says so.
  const empty = await browser.newContext();
  const blank = await empty.newPage();
  await blank.goto('/print.html');
  await blank.getByLabel('Include my answers and scores').check();
  await expect(blank.locator('.print-cover')).toContainText('This browser holds no answers of yours for this course.');
  await empty.close();
});
