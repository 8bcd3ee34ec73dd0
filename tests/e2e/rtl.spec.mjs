// Right to left: the Arabic test course (tests/courses/small-ar) built by `course-engine
// build` is laid out mirrored (CSS logical properties: the outline, the previous/next
// links, the header, feedback and the certificate swap sides), passes axe, and is
// photographed at phone and desktop sizes, with the player's words in Arabic (its
// catalogue, assets/i18n/ar.toml).
import { test, expect } from './fixtures.mjs';
import { answer, expectAccessible, expectNoHorizontalScroll, seedProgress, fixture, word } from './helpers.mjs';

const SITE = 'http://127.0.0.1:4181';
const SHOTS = 'screenshots';

for (const [size, viewport] of [['phone', { width: 360, height: 740 }], ['desktop', { width: 1280, height: 900 }]]) {
  test(`an Arabic course reads right to left, mirrored, and passes axe (${size})`, async ({ browser, request }) => {
    test.setTimeout(120_000);
    const course = await (await request.get(`${SITE}/course/course.json`)).json();
    expect(course.language).toBe('ar');
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    const box = async (locator) => (await locator.boundingBox());

    await page.goto(`${SITE}/`);
    await expect(page.getByTestId('start')).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
    await expectAccessible(page, `the Arabic home (${size})`);
    await expectNoHorizontalScroll(page, `the Arabic home (${size})`);
    // The header's first item, the course's name, is on the right.
    const brand = await box(page.locator('header .brand'));
    expect(brand.x + brand.width).toBeGreaterThan(viewport.width - 40);
    await page.screenshot({ path: `${SHOTS}/ar-${size}-1-home.png` });

    const [topic] = course.topics;
    const [lesson, second] = topic.lessons;
    await page.goto(`${SITE}/topics/${topic.id}/${second.id}`);
    await expect(page.getByTestId('lesson-end')).toBeAttached();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(second.title);
    // Previous (the first link) is on the right, next on the left.
    const prev = await box(page.getByTestId('prev'));
    const next = await box(page.getByTestId('next'));
    if (size === 'desktop') {
      expect(prev.x).toBeGreaterThan(next.x);
      // The outline is beside the lesson, on its right.
      const outline = await box(page.getByRole('navigation', { name: word('ar', 'table_of_contents') }));
      const article = await box(page.getByTestId('lesson'));
      expect(outline.x).toBeGreaterThan(article.x + article.width - 1);
    } else {
      expect(prev.y <= next.y).toBeTruthy();
    }
    await expect(page.getByTestId('prev')).toHaveAttribute('href', new RegExp(`${lesson.id}$`));
    await expectAccessible(page, `an Arabic lesson (${size})`);
    await expectNoHorizontalScroll(page, `an Arabic lesson (${size})`);
    await page.screenshot({ path: `${SHOTS}/ar-${size}-2-lesson.png` });

    // A knowledge check: feedback is indented from the right.
    await page.goto(`${SITE}/check/${topic.id}`);
    const form = page.getByTestId('question').first();
    await answer(form, topic.check[0], { right: false });
    await form.getByRole('button', { name: word('ar', 'submit_answer') }).click();
    const feedback = form.locator('.feedback').first();
    await expect(feedback).toBeVisible();
    const margins = await feedback.evaluate((el) => [getComputedStyle(el).marginRight, getComputedStyle(el).marginLeft]);
    expect(parseFloat(margins[0])).toBeGreaterThan(20);
    expect(parseFloat(margins[1])).toBe(0);
    await expectAccessible(page, `an Arabic knowledge check with feedback (${size})`);
    await page.screenshot({ path: `${SHOTS}/ar-${size}-3-check.png` });
    await context.close();
  });
}

test('the certificate of an Arabic course gives its date in Arabic, and is mirrored', async ({ browser, request }) => {
  const course = await (await request.get(`${SITE}/course/course.json`)).json();
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  // A learner who passed: every topic done, an attempt passed, the completion recorded.
  await seedProgress(context, course, { ...fixture(course, 'passed'), learner_name: 'ليلى حسن' });
  const page = await context.newPage();
  await page.goto(`${SITE}/certificate`);
  await expect(page.getByTestId('certificate-name')).toHaveText('ليلى حسن');
  const arabic = new Date(2026, 10, 22).toLocaleDateString('ar', { day: 'numeric', month: 'long', year: 'numeric' });
  await expect(page.getByTestId('certificate-date')).toHaveText(arabic);
  expect(arabic).not.toContain('November');
  await expectAccessible(page, 'an Arabic certificate');
  await page.screenshot({ path: `${SHOTS}/ar-desktop-4-certificate.png` });
  await context.close();
});
