// One renderer (issue 24): every page a learner can open has a static page, written by the
// author tool from the app's own page functions (course_player::render), and nothing moves
// when the app takes over. For every route of both test courses and every language, the
// visible text and the layout boxes of the static page (the wasm held back) equal those of
// the same page once the app shows it (a page in a chunk: while its chunk loads, which is
// what its static page is).
import { test, expect } from './fixtures.mjs';

const sites = [
  { origin: 'http://127.0.0.1:4173', folders: ['', 'fr/', 'es/'] },
  { origin: 'http://127.0.0.1:4178', folders: [''] },
  { origin: 'http://127.0.0.1:4181', folders: [''] },
];

function routesOf(course) {
  const routes = [''];
  for (const t of course.topics) {
    for (const l of t.lessons) routes.push(`topics/${t.id}/${l.id}`);
    if (t.check.length) routes.push(`check/${t.id}`);
  }
  routes.push('assessment', 'certificate', 'progress');
  if (course.glossary.length) routes.push('glossary');
  if (course.resources_html) routes.push('resources');
  return routes;
}

/// What a learner sees in the page's main part: its text, and each shown element's tag and
/// box (rounded to whole pixels).
function shown(page) {
  return page.evaluate(() => {
    const main = document.querySelector('main');
    const boxes = [...main.querySelectorAll('*')]
      .filter((e) => e.getClientRects().length > 0)
      .map((e) => {
        const b = e.getBoundingClientRect();
        return `${e.tagName.toLowerCase()} ${[b.x, b.y, b.width, b.height].map(Math.round).join(',')}`;
      });
    const m = main.getBoundingClientRect();
    return { main: [m.x, m.y, m.width].map(Math.round).join(','), text: main.innerText, boxes };
  });
}

for (const { origin, folders } of sites) {
  for (const folder of folders) {
    test(`static pages are the app's pages: ${origin}/${folder}`, async ({ browser, request }) => {
      test.setTimeout(240_000);
      const course = await (await request.get(`${origin}/${folder}course/course.json`)).json();
      const routes = routesOf(course);
      for (const viewport of [{ width: 1280, height: 800 }, { width: 360, height: 640 }]) {
        const context = await browser.newContext({ viewport });
        const before = await context.newPage();
        // The app never arrives: what shows is the static page.
        await before.route('**/*.wasm', () => {});
        const after = await context.newPage();
        // Each page for a new learner who has not reached its end yet (reading a lesson to
        // its end marks it read, which is the learner's doing, not the app's taking over).
        await after.addInitScript(() => {
          localStorage.clear();
          window.IntersectionObserver = class { observe() {} unobserve() {} disconnect() {} takeRecords() { return []; } };
        });
        // The app arrives; a page in a chunk stays as it is while its chunk loads.
        await after.route(/\/(split_[a-z_]+|chunk_\d+)\.wasm$|\/feedback\.json$/, () => {});
        for (const route of routes) {
          const url = `${origin}/${folder}${route}`;
          await before.goto(url, { waitUntil: 'domcontentloaded' });
          const want = await shown(before);
          expect(want.text.trim().length, `${url}: the static page has text`).toBeGreaterThan(0);
          await after.goto(url, { waitUntil: 'domcontentloaded' });
          await expect(after.locator('#shell')).toHaveCount(0);
          // The app's first effects (the home's topic status, the outline's marks) have run.
          await after.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
          const got = await shown(after);
          expect(got, `${url} at ${viewport.width}px: the app's page differs from its static page`).toEqual(want);
        }
        await context.close();
      }
    });
  }
}
