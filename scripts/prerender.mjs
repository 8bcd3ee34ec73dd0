// Trunk post-build step: writes the course home's static part into index.html's loading
// shell: title, length and description, then the compiler's course.home_html (objectives,
// topics and their pages, audience), the same HTML the app shows. A learner on a slow
// connection reads the course home at first paint, before the wasm arrives; the app replaces
// it with the live page (progress, Continue) when it starts. Deep links keep the plain
// loading line (an inline script hides the home there).
// Usage: node scripts/prerender.mjs [DIR]   (DIR defaults to $TRUNK_STAGING_DIR)
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2] ?? process.env.TRUNK_STAGING_DIR;
if (!dir) { console.error('prerender: give the build folder (or run as a trunk hook)'); process.exit(2); }

const MARK = '<!-- prerender: course home -->';
const page = join(dir, 'index.html');
const html = readFileSync(page, 'utf8');
if (!html.includes(MARK)) { console.error(`prerender: ${page} has no "${MARK}" marker`); process.exit(1); }
const course = JSON.parse(readFileSync(join(dir, 'course/course.json'), 'utf8'));

const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
// The static sections are the compiler's rendering (course.home_html), the same the app shows.
const home = `<article class="home prerendered">
      <h1>${esc(course.title)}</h1>
      <p class="meta">About ${course.estimated_minutes} minutes · self-paced</p>
      <p class="lead">${esc(course.description)}</p>
      ${course.home_html}
    </article>`;
const language = String(course.language || 'en');
let direction = 'ltr';
try {
  const locale = new Intl.Locale(language);
  direction = (locale.textInfo ?? locale.getTextInfo?.())?.direction ?? 'ltr';
} catch {
  console.error(`prerender: the course's language '${language}' is not a BCP 47 tag`);
  process.exit(1);
}
const withLanguage = (text) => text.replace(/<html[^>]*>/, `<html lang="${esc(language)}" dir="${direction}">`);
writeFileSync(page, withLanguage(html.replace(MARK, home)));
const results = join(dir, 'results.html');
if (existsSync(results)) writeFileSync(results, withLanguage(readFileSync(results, 'utf8')));
console.log(`prerender: course home written into index.html (${home.length} characters); pages in '${language}' (${direction})`);
