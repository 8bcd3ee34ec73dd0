// Every page says what language it is in, and which way it is written (`<html lang dir>`,
// set at build time from the course's manifest by `course-engine build`): screen readers
// pronounce the text in that language (WCAG 2.1, 3.1.1). (The player's own words are still
// English; translating them is issue 13's.)
import { test, expect } from './fixtures.mjs';
import { loadCourse, allRoutes } from './helpers.mjs';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, cpSync, writeFileSync, readFileSync, rmSync } from 'node:fs';
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
  test(`a course in '${language}' gets <html lang="${language}" dir="${dir}"> on every page, and a manifest to match`, () => {
    // `course-engine build` on a copy of the second test course with another language.
    const work = mkdtempSync(join(tmpdir(), 'course-language-'));
    try {
      cpSync('tests/courses/small', join(work, 'course'), { recursive: true });
      const manifest = join(work, 'course/course.toml');
      writeFileSync(manifest, readFileSync(manifest, 'utf8').replace('language = "en"', `language = "${language}"`));
      execFileSync('target/debug/course-engine', ['build', join(work, 'course'), '--out', join(work, 'site'), '--player', 'target/player/release']);
      for (const page of ['index.html', 'results.html']) {
        expect(readFileSync(join(work, 'site', page), 'utf8')).toContain(`<html lang="${language}" dir="${dir}">`);
      }
      const app = JSON.parse(readFileSync(join(work, 'site/manifest.webmanifest'), 'utf8'));
      expect([app.lang, app.dir]).toEqual([language, dir]);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
}
