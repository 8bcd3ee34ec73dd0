// Accessibility: axe-core on every address in both colour schemes, reflow at 320 px and
// 200 % zoom, and a keyboard-only journey.
import { test, expect } from './fixtures.mjs';
import { loadCourse, allRoutes, expectAccessible, expectNoHorizontalScroll, answer } from './helpers.mjs';

for (const colorScheme of ['light', 'dark']) {
  test(`no axe violations on any page (${colorScheme} scheme)`, async ({ page, request }) => {
    test.setTimeout(180_000);
    const course = await loadCourse(request);
    await page.emulateMedia({ colorScheme });
    for (const route of allRoutes(course)) {
      await page.goto(route);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await expectAccessible(page, `${route} (${colorScheme})`);
    }
    // A knowledge check with feedback showing, and an opened glossary definition.
    await page.goto('/check/introduction');
    const q = page.getByTestId('question').first();
    await q.getByTestId('option').first().check();
    await q.getByRole('button', { name: 'Submit answer' }).click();
    await expect(q.getByTestId('verdict')).toBeVisible();
    await expectAccessible(page, `knowledge check with feedback (${colorScheme})`);
    const t = course.topics[0];
    await page.goto(`/topics/${t.id}/${t.lessons[0].id}`);
    await page.getByTestId('term').first().click();
    await expectAccessible(page, `lesson with a definition open (${colorScheme})`);
  });
}

for (const [label, viewport] of [['320 px wide', { width: 320, height: 640 }], ['200 % zoom of 1280 px', { width: 640, height: 450 }]]) {
  test(`no horizontal scrolling at ${label}`, async ({ browser, request }) => {
    test.setTimeout(120_000);
    const course = await loadCourse(request);
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    for (const route of allRoutes(course)) {
      await page.goto(route);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await expectNoHorizontalScroll(page, route);
    }
    await context.close();
  });
}

/// Presses Tab until the focused element satisfies `is` (a function run in the page).
async function tabTo(page, description, is, max = 60) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(is)) return;
  }
  throw new Error(`could not reach ${description} with the Tab key`);
}

test('keyboard only: start, read, open a definition, answer a check, reach the next page', async ({ page, request }) => {
  const course = await loadCourse(request);
  const topic = course.topics[0];
  await page.goto('/');
  await tabTo(page, 'the start link', () => document.activeElement?.dataset?.testid === 'start');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(topic.lessons[0].title);
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();

  // A glossary term opens and closes with the keyboard, and says so to screen readers.
  await tabTo(page, 'a glossary term', () => document.activeElement?.classList.contains('term'));
  await page.keyboard.press('Enter');
  await expect(page.locator(':focus')).toHaveAttribute('aria-expanded', 'true');
  await page.keyboard.press('Space');
  await expect(page.locator(':focus')).toHaveAttribute('aria-expanded', 'false');

  // Next pages by keyboard until the knowledge check.
  for (let i = 0; i < topic.lessons.length; i++) {
    await tabTo(page, 'the next link', () => document.activeElement?.dataset?.testid === 'next');
    await page.keyboard.press('Enter');
  }
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Knowledge check');

  // Answer the first question: Tab to the right option, Space, Tab to Submit, Enter.
  const q = topic.check[0];
  const form = page.getByTestId('question').first();
  if (q.kind === 'matching') {
    for (let i = 0; i < q.pairs.length; i++) {
      await tabTo(page, `match ${i}`, (n) => document.activeElement?.id === n, 60);
    }
  } else if (q.kind === 'multiple-response') {
    // Space checks each right checkbox, Tab moves on (options are shown shuffled: their
    // value is their place in the author's order).
    const right = q.choices.map((c, i) => (c.correct ? String(i) : null)).filter((v) => v !== null);
    await tabTo(page, 'the first option', () => document.activeElement?.dataset?.testid === 'option');
    for (let i = 0; i < q.choices.length; i++) {
      if (right.includes(await page.evaluate(() => document.activeElement.value))) await page.keyboard.press('Space');
      if (i < q.choices.length - 1) await page.keyboard.press('Tab');
    }
  } else {
    // Arrow keys move between radio buttons (shown shuffled: find where the right one is).
    const right = String(q.choices.findIndex((c) => c.correct));
    await tabTo(page, 'the first option', () => document.activeElement?.dataset?.testid === 'option');
    const shown = await form.getByTestId('option').evaluateAll((els) => els.map((e) => e.value));
    for (let i = 0; i < shown.indexOf(right); i++) await page.keyboard.press('ArrowDown');
    if (shown.indexOf(right) === 0) await page.keyboard.press('Space');
  }
  await tabTo(page, 'the submit button', () => document.activeElement?.textContent === 'Submit answer');
  await page.keyboard.press('Enter');
  await expect(form.getByTestId('verdict')).toHaveText('Correct: well done.');
  // The verdict is in a live region, so screen readers announce it.
  await expect(form.getByTestId('result')).toHaveAttribute('aria-live', 'polite');
});

test('matching questions can be answered with the keyboard', async ({ page, request }) => {
  const course = await loadCourse(request);
  const topic = course.topics.find((t) => t.check.some((q) => q.kind === 'matching'));
  const qi = topic.check.findIndex((q) => q.kind === 'matching');
  const q = topic.check[qi];
  await page.goto(`/check/${topic.id}`);
  const form = page.getByTestId('question').nth(qi);
  const selects = form.getByTestId('match-select');
  await selects.first().focus();
  for (let i = 0; i < q.pairs.length; i++) {
    // Each select is labelled by its item, so screen readers read the item with the choice.
    await expect(selects.nth(i)).toHaveAccessibleName(q.pairs[i].item_html.replace(/<[^>]+>/g, ''));
    await selects.nth(i).focus();
    await page.keyboard.press('ArrowDown');
  }
  await expect(selects.first()).not.toHaveValue('');
  await answer(form, q);
  await form.getByRole('button', { name: 'Submit answer' }).focus();
  await page.keyboard.press('Enter');
  await expect(form.getByTestId('verdict')).toHaveText('Correct: well done.');
});
