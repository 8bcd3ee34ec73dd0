// Search (issue 25, item 1): the header's button and the / key open a dialog that searches
// the page's language with Pagefind (the index `course-engine build` writes into pagefind/,
// one per language). For each language of the course and the Arabic test course: a query
// in an inflected form finds the lessons (stemming), the result lands on the lesson's
// heading, a glossary term ranks its definition first and lands on the term, a query with
// no results says so; nothing of search loads before it is opened; keyboard and
// screen-reader use; axe clean; right to left in Arabic; inside the SCORM package; offline
// once opened. (The Content-Security-Policy guard of fixtures.mjs fails any test whose
// page had to break the policy to search.)
import { test, expect } from './fixtures.mjs';
import { loadCourse, expectAccessible } from './helpers.mjs';
import { spawn } from 'node:child_process';

const sites = [
  // `query` is not in the course as it is typed: only its stem is (`found`, a form the
  // excerpts mark).
  { origin: 'http://127.0.0.1:4173', folder: '', lang: 'en', query: 'cooperated', found: /^cooperation$/i, nothing: 'No results for “qwxzv”.' },
  { origin: 'http://127.0.0.1:4173', folder: '/fr', lang: 'fr', query: 'coopérer', found: /^coopération$/i, nothing: 'Aucun résultat pour « qwxzv ».' },
  { origin: 'http://127.0.0.1:4173', folder: '/es', lang: 'es', query: 'cooperar', found: /^cooperación$/i, nothing: 'No hay resultados para «qwxzv».' },
  { origin: 'http://127.0.0.1:4181', folder: '', lang: 'ar', query: 'التيار', found: /^التيارات$/, nothing: 'لا توجد نتائج لـ «qwxzv».' },
];

const dialog = (page) => page.getByRole('dialog');
const results = (page) => page.getByTestId('search-result');

/// Opens search with the / key, types `query` and waits for its results.
async function search(page, query) {
  if (!(await dialog(page).isVisible())) await page.keyboard.press('/');
  await expect(dialog(page)).toBeVisible();
  const box = dialog(page).getByRole('searchbox');
  await expect(box).toBeFocused();
  await box.fill(query);
  await expect(page.getByTestId('search-results')).toHaveAttribute('data-query', query);
}

for (const { origin, folder, lang, query, found, nothing } of sites) {
  test(`search finds lessons in their language and lands on them: ${origin}${folder}/`, async ({ page, request }) => {
    const course = await loadCourse({ get: (url) => request.get(`${origin}${url}`) }, folder);
    const lessons = new Map(course.topics.flatMap((t) => t.lessons.map((l) => [`topics/${t.id}/${l.id}`, { topic: t, lesson: l }])));
    const fetched = [];
    page.on('request', (r) => fetched.push(new URL(r.url()).pathname));

    // A lesson, as the learner reads it: nothing of search has loaded.
    const [first] = lessons.keys();
    await page.goto(`${origin}${folder}/${first}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(lessons.get(first).lesson.title);
    await expect(page.getByTestId('course-progress')).toBeVisible();
    expect(fetched.filter((p) => /search|pagefind/.test(p)), 'search before it is opened').toEqual([]);

    // The / key opens it, in the page's language and direction, with the cursor in its field.
    await search(page, query);
    const box = dialog(page).getByRole('searchbox');
    expect(await dialog(page).evaluate((d) => [d.closest('[lang]').lang, getComputedStyle(d).direction]))
      .toEqual([lang, lang === 'ar' ? 'rtl' : 'ltr']);
    // Only this language's index.
    expect(fetched.filter((p) => /\/pagefind\/(wasm|index|fragment)/.test(p) && !new RegExp(`[/.]${lang}[_.]`).test(p))).toEqual([]);

    // Lessons found by a form of the word they do not contain as typed; each result names
    // its topic and marks the words found.
    const n = await results(page).count();
    expect(n).toBeGreaterThan(0);
    await expect(page.getByTestId('search-status')).toHaveText(new RegExp(`${n}|\\p{L}`, 'u'));
    const top = results(page).first();
    const href = await top.getAttribute('href');
    const path = href.replace(`${origin}${folder}/`, '');
    const hit = lessons.get(path);
    expect(hit, `the first result (${href}) is a lesson`).toBeTruthy();
    await expect(top).toContainText(hit.topic.title);
    await expect(top).toContainText(hit.lesson.title);
    const marked = await page.locator('[data-testid="search-result"] mark').allTextContents();
    expect(marked.some((m) => found.test(m.replace(/[.,;:!?،]+$/, ''))), `marked: ${marked.join(', ')}`).toBe(true);
    expect(marked.some((m) => m === query), `'${query}' is not in the course as typed`).toBe(false);

    // The keyboard: down from the field into the results, Enter follows one, and the
    // learner lands on its heading, in the app, in the same language.
    await box.press('ArrowDown');
    await expect(top).toBeFocused();
    if (n > 1) {
      await page.keyboard.press('ArrowDown');
      await expect(results(page).nth(1)).toBeFocused();
      await page.keyboard.press('ArrowUp');
      await expect(top).toBeFocused();
    }
    await page.keyboard.press('ArrowUp');
    await expect(box).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await expect(top).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(dialog(page)).toBeHidden();
    await expect(page).toHaveURL(`${origin}${folder}/${path}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(hit.lesson.title);
    await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe(lang);

    // A query that finds nothing says so; Esc closes the dialog and puts the learner back
    // on the button that opened it.
    await page.getByTestId('search-open').click();
    await search(page, 'qwxzv');
    await expect(results(page)).toHaveCount(0);
    await expect(page.getByTestId('search-status')).toHaveText(nothing);
    await page.keyboard.press('Escape');
    await expect(dialog(page)).toBeHidden();
    await expect(page.getByTestId('search-open')).toBeFocused();

    // A glossary term ranks its definition first, and lands on the term in the glossary.
    if (course.glossary.length) {
      const term = course.glossary.find((g) => g.id === 'gfmd') ?? course.glossary[0];
      await search(page, term.term);
      const first = results(page).first();
      await expect(first).toHaveAttribute('href', `${origin}${folder}/glossary#${term.id}`);
      await first.click();
      await expect(page).toHaveURL(`${origin}${folder}/glossary#${term.id}`);
      await expect(page.locator(`[id="${term.id}"]`)).toBeFocused();
      await expect(page.locator(`[id="${term.id}"]`)).toBeInViewport();
    }
  });
}

test('the search dialog is axe clean, labelled, and keeps focus inside it (light and dark, and right to left)', async ({ page }) => {
  for (const [origin, scheme] of [['http://127.0.0.1:4173/fr', 'light'], ['http://127.0.0.1:4173', 'dark'], ['http://127.0.0.1:4181', 'dark']]) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(`${origin}/glossary`);
    await expect(page.getByTestId('course-progress')).toBeVisible();
    await page.getByTestId('search-open').click();
    await expect(dialog(page)).toBeVisible();
    // Its name is its field's label; the count is a live status.
    await expect(dialog(page)).toHaveAccessibleName(await dialog(page).getByRole('searchbox').evaluate((i) => i.labels[0].textContent));
    await dialog(page).getByRole('searchbox').fill(origin.endsWith('4181') ? 'الماء' : 'migration');
    await expect(results(page).first()).toBeVisible();
    await expect(page.getByTestId('search-status')).toHaveAttribute('role', 'status');
    await expectAccessible(page, `the search dialog, ${origin}, ${scheme}`);
    // Modal: Tab goes through the dialog and the browser's own controls, never onto the
    // page behind it (inert while the dialog is open).
    for (let i = 0; i < 8; i++) {
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement === document.body || !!document.activeElement.closest('dialog'))).toBe(true);
    }
    await dialog(page).getByTestId('search-close').click();
    await expect(dialog(page)).toBeHidden();
  }
});

test('search works inside the SCORM package (relative addresses, files by name)', async ({ page }) => {
  await page.goto('http://127.0.0.1:4175/index.html');
  const frame = page.frameLocator('iframe');
  await expect(frame.getByTestId('course-progress')).toBeVisible();
  await frame.getByTestId('search-open').click();
  await frame.getByRole('searchbox').fill('GFMD');
  const first = frame.getByTestId('search-result').first();
  await expect(first).toHaveAttribute('href', /\/glossary\/index\.html#gfmd$/);
  const lesson = frame.getByTestId('search-result').filter({ hasText: 'Regional Consultative Processes and the Global Forum' }).first();
  await expect(lesson).toHaveAttribute('href', /\/topics\/dialogues\/dialogues-rcps-gfmd\/index\.html$/);
  await lesson.click();
  await expect(frame.getByRole('heading', { level: 1 })).toHaveText('Regional Consultative Processes and the Global Forum');
});

test('a search that cannot be loaded says so, and the course goes on', async ({ page }) => {
  // Pagefind's files unreachable (a connection lost before search was ever opened): the
  // dialog says so in its status line; a next try, with the connection back, works.
  await page.route('**/pagefind/**', (route) => route.abort());
  await page.goto('/es/glossary');
  await expect(page.getByTestId('course-progress')).toBeVisible();
  await page.keyboard.press('/');
  await dialog(page).getByRole('searchbox').fill('migración');
  await expect(page.getByTestId('search-status')).toHaveText('No se pudo cargar la búsqueda. Compruebe su conexión y vuelva a intentarlo.');
  await page.unroute('**/pagefind/**');
  await dialog(page).getByRole('searchbox').fill('migraciones');
  await expect(results(page).first()).toBeVisible();
  await page.keyboard.press('Escape');

  // Search's own script unreachable: the header says so, and the course goes on.
  const other = await page.context().newPage();
  await other.route('**/search.js', (route) => route.abort());
  await other.goto('/fr/glossary');
  await other.getByTestId('search-open').click();
  await expect(other.getByRole('banner').getByRole('alert')).toHaveText('La recherche n’a pas pu être chargée. Vérifiez votre connexion, puis réessayez.');
  // Once it can be loaded, the dialog opens and the message goes.
  await other.unroute('**/search.js');
  await other.getByTestId('search-open').click();
  await expect(other.getByRole('dialog')).toBeVisible();
  await expect(other.getByRole('alert')).toHaveCount(0);
  await other.keyboard.press('Escape');
  await other.getByRole('navigation', { name: 'Cours' }).getByRole('link', { name: 'Ressources' }).click();
  await expect(other.getByRole('heading', { level: 1 })).toBeFocused();
});

test.describe('offline', () => {
  test.use({ serviceWorkers: 'allow' });

  test('once search has been used, it works offline, for any word of that language', async ({ page }) => {
    // A server of its own, stopped to go offline (Playwright's offline mode does not
    // reach a service worker's own fetches).
    const port = 4196;
    const server = spawn('node', ['scripts/serve-dist.mjs', 'dist', String(port)], { stdio: 'ignore' });
    try {
      const origin = `http://127.0.0.1:${port}`;
      await expect.poll(() => fetch(`${origin}/`).then((r) => r.ok, () => false)).toBe(true);
      await page.goto(`${origin}/fr/`);
      await page.evaluate(() => navigator.serviceWorker.ready);
      await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
      await search(page, 'souveraineté');
      await expect(results(page).first()).toBeVisible();
      // The service worker keeps the whole French index once search is used (in the
      // background): every French file of pagefind/ is in its cache.
      const french = await page.evaluate(async () => {
        const sw = await (await fetch('../sw.js')).text();
        return JSON.parse(/const SEARCH = (\[.*\]);/.exec(sw)[1]).filter((f) => /[/.]fr_/.test(f));
      });
      expect(french.length).toBeGreaterThan(40);
      await expect.poll(() => page.evaluate(async (want) => {
        const cache = await caches.open((await caches.keys()).find((k) => k.startsWith('course-')));
        const have = new Set((await cache.keys()).map((r) => new URL(r.url).pathname.slice(1)));
        return want.filter((f) => !have.has(f));
      }, french), { timeout: 20_000 }).toEqual([]);
      server.kill();
      await expect.poll(() => fetch(`${origin}/`).then(() => 'up', () => 'down')).toBe('down');
      await page.reload();
      await expect(page.getByTestId('course-progress')).toBeVisible();
      // A word whose pages were never shown online.
      await search(page, 'diaspora');
      await expect(results(page).first()).toContainText(/diaspora/i);
      await results(page).first().click();
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    } finally {
      server.kill();
    }
  });
});
