// Trunk post-build step: writes the course home's static part (title, length, description,
// objectives, topics and their lessons) into index.html's loading shell, from the compiled
// course. A learner on a slow connection reads the course home at first paint, before the
// wasm arrives; the app replaces it with the live page (progress, Continue) when it starts.
// Deep links keep the plain loading line (an inline script hides the home there).
// Usage: node scripts/prerender.mjs [DIR]   (DIR defaults to $TRUNK_STAGING_DIR)
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2] ?? process.env.TRUNK_STAGING_DIR;
if (!dir) { console.error('prerender: give the build folder (or run as a trunk hook)'); process.exit(2); }

const MARK = '<!-- prerender: course home -->';
const page = join(dir, 'index.html');
const html = readFileSync(page, 'utf8');
if (!html.includes(MARK)) { console.error(`prerender: ${page} has no "${MARK}" marker`); process.exit(1); }
const course = JSON.parse(readFileSync(join(dir, 'course/course.json'), 'utf8'));

const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const link = (href, text) => `<a href="${esc(href)}">${esc(text)}</a>`;
const topics = course.topics.map((t) => {
  const items = t.lessons.map((l) => `<li>${link(`topics/${t.id}/${l.id}`, l.title)}</li>`);
  if (t.check.length) items.push(`<li>${link(`check/${t.id}`, 'Knowledge check')}</li>`);
  if (t.id === course.assessment.topic) items.push(`<li>${link('assessment', 'Final assessment')}</li>`);
  return `<li class="topic"><h3>${esc(t.title)}</h3><p class="meta">${t.minutes} minutes</p><ul class="lessons">${items.join('')}</ul></li>`;
}).join('');
const home = `<article class="home prerendered">
      <h1>${esc(course.title)}</h1>
      <p class="meta">About ${course.estimated_minutes} minutes · self-paced</p>
      <p class="lead">${esc(course.description)}</p>
      <section aria-labelledby="objectives-h"><h2 id="objectives-h">What you will be able to do</h2><ul>${course.objectives.map((o) => `<li>${esc(o.text)}</li>`).join('')}</ul></section>
      <section aria-labelledby="topics-h"><h2 id="topics-h">Topics</h2><ol class="topics">${topics}</ol></section>
    </article>`;
writeFileSync(page, html.replace(MARK, home));
console.log(`prerender: course home written into index.html (${home.length} characters)`);
