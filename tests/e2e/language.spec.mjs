// Every page says what language it is in, and which way it is written (`<html lang dir>`,
// set at build time from the course's manifest by `course-engine build`): screen readers
// pronounce the text in that language (WCAG 2.1, 3.1.1); and the player's own words are in
// that language (its catalogue, assets/i18n/).
import { test, expect } from './fixtures.mjs';
import { loadCourse, allRoutes, word } from './helpers.mjs';
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
  test(`a course in '${language}' gets <html lang="${language}" dir="${dir}"> on every page, its controls in that language, and a manifest to match`, () => {
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
      // The player's words in the course's language (es-419 takes Spanish's).
      const catalogue = language.split('-')[0];
      const home = readFileSync(join(work, 'site/index.html'), 'utf8');
      const lesson = readFileSync(join(work, 'site/topics/risks/cold/index.html'), 'utf8');
      for (const key of ['nav_home', 'nav_glossary', 'objectives_heading', 'audience_heading']) expect(home).toContain(`>${word(catalogue, key)}<`);
      for (const key of ['next', 'contents']) expect(lesson).toContain(`>${word(catalogue, key)}<`);
      expect(home).not.toContain('>Glossary<');
      const words = JSON.parse(readFileSync(join(work, 'site/course/course.json'), 'utf8')).words;
      expect(words).toContain(`start_course\t${word(catalogue, 'start_course')}\n`);
      const app = JSON.parse(readFileSync(join(work, 'site/manifest.webmanifest'), 'utf8'));
      expect([app.lang, app.dir]).toEqual([language, dir]);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
}
