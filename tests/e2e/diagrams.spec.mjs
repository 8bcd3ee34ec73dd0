// Course diagrams (SVG inlined by the compiler): each shows with its name, its words are
// real text legible on a 320 px phone, its colours follow the scheme, its text version
// opens from the keyboard, and the page passes axe, at phone and desktop sizes, light and
// dark. Screenshots of each go to screenshots/.
import { test, expect } from './fixtures.mjs';
import { loadCourse, expectAccessible, expectNoHorizontalScroll } from './helpers.mjs';

const sizes = { phone: { width: 320, height: 640 }, desktop: { width: 1280, height: 800 } };

test('every diagram shows, reads, opens its text version and passes axe (phone and desktop, light and dark)', async ({ browser, request }) => {
  test.setTimeout(180_000);
  const course = await loadCourse(request);
  const lessons = course.topics.flatMap((t) => t.lessons.filter((l) => l.html.includes('class="diagram"')).map((l) => ({ t, l })));
  expect(lessons.length, 'lessons with diagrams').toBeGreaterThanOrEqual(4);
  let figures = 0;
  for (const [size, viewport] of Object.entries(sizes)) {
    for (const colorScheme of ['light', 'dark']) {
      const context = await browser.newContext({ viewport, colorScheme });
      const page = await context.newPage();
      for (const { t, l } of lessons) {
        await page.goto(`/topics/${t.id}/${l.id}`);
        await expect(page.getByRole('heading', { level: 1 })).toHaveText(l.title);
        // The app's lesson (its test hook is not in the static page): measured after the
        // app has taken the page over, never while it replaces it.
        await page.getByTestId('lesson').waitFor();
        const figs = page.locator('figure.diagram');
        const n = await figs.count();
        for (let i = 0; i < n; i++) {
          const fig = figs.nth(i);
          const caption = (await fig.locator('figcaption').textContent()).trim();
          // The SVG is a group named by its title, and its words are text a reader can find.
          const svg = fig.getByRole('group', { name: caption });
          await expect(svg).toBeVisible();
          expect(await svg.locator('text').count()).toBeGreaterThan(2);
          // Legible: the smallest text is at least 11 CSS pixels high on screen.
          const smallest = await svg.evaluate((el) => Math.min(...[...el.querySelectorAll('text, tspan')]
            .filter((t) => t.textContent.trim())
            .map((t) => parseFloat(getComputedStyle(t).fontSize) * el.getScreenCTM().a)));
          expect(smallest, `smallest text in "${caption}" at ${size}`).toBeGreaterThanOrEqual(size === 'phone' ? 11 : 12);
          // Text takes the scheme's colour (not black on a dark page), except muted text.
          const colours = await svg.evaluate((el) => ({
            text: getComputedStyle(el.querySelector('text:not(.d-muted)')).fill,
            page: getComputedStyle(document.body).color,
          }));
          expect(colours.text).toBe(colours.page);
          // The text version opens from the keyboard and says the same in words.
          const summary = fig.getByText('Text version of the diagram');
          await summary.focus();
          await page.keyboard.press('Enter');
          const details = fig.locator('details');
          await expect(details).toHaveAttribute('open', '');
          expect((await details.innerText()).length).toBeGreaterThan(100);
          await fig.screenshot({ path: `screenshots/diagram-${l.id}-${i + 1}-${size}-${colorScheme}.png` });
          figures++;
        }
        await expectNoHorizontalScroll(page, `${l.id} at ${size}`);
        await expectAccessible(page, `${l.id} with its diagram's text version open (${size}, ${colorScheme})`);
      }
      await context.close();
    }
  }
  expect(figures).toBeGreaterThanOrEqual(4 * 4);
});

test('a diagram\'s text version is offered in the language of the course', async ({ page, request }) => {
  for (const [folder, summary] of [['', 'Text version of the diagram'], ['/fr', 'Version texte du schéma'], ['/es', 'Versión en texto del diagrama']]) {
    const course = await loadCourse(request, folder);
    const [t, l] = course.topics.flatMap((t) => t.lessons.map((l) => [t, l])).find(([, l]) => l.html.includes('class="diagram"'));
    await page.goto(`${folder}/topics/${t.id}/${l.id}`);
    await expect(page.locator('figure.diagram summary').first()).toHaveText(summary);
    await expect(page.locator('html')).toHaveAttribute('lang', course.language);
  }
});
