// Every page says what language it is in, and which way it is written (`<html lang dir>`,
// set at build time from the course's manifest by scripts/prerender.mjs): screen readers
// pronounce the text in that language (WCAG 2.1, 3.1.1). (The player's own words are still
// English; translating them is issue 13's.)
import { test, expect } from './fixtures.mjs';
import { loadCourse, allRoutes } from './helpers.mjs';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, copyFileSync, writeFileSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

test('every address has the course language and direction on <html>', async ({ page, request }) => {
  test.setTimeout(120_000);
  const course = await loadCourse(request);
  for (const route of allRoutes(course)) {
    await page.goto(route);
    await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', course.language);
    await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
  }
});

for (const [language, dir] of [['fr', 'ltr'], ['ar', 'rtl'], ['es-419', 'ltr']]) {
  test(`a course in '${language}' gets <html lang="${language}" dir="${dir}"> on both pages`, async ({ request }) => {
    const course = await loadCourse(request);
    const site = mkdtempSync(join(tmpdir(), 'course-language-'));
    try {
      mkdirSync(join(site, 'course'));
      copyFileSync('index.html', join(site, 'index.html'));
      copyFileSync('assets/results.html', join(site, 'results.html'));
      writeFileSync(join(site, 'course/course.json'), JSON.stringify({ ...course, language }));
      execFileSync('node', ['scripts/prerender.mjs', site]);
      for (const page of ['index.html', 'results.html']) {
        expect(readFileSync(join(site, page), 'utf8')).toContain(`<html lang="${language}" dir="${dir}">`);
      }
    } finally {
      rmSync(site, { recursive: true, force: true });
    }
  });
}
