// Bench (not a test): search, as a learner uses it, in each language of the built site.
// A lesson is open in headless Chromium (no service worker: every file comes from the
// server); search is opened with the / key and 21 queries are typed one after another.
// Prints, per language: what opening search and the first query downloaded (each response
// compressed with brotli, quality 11, as the size budget counts), the first query's time
// (it waits for Pagefind's script, wasm and index), the median and slowest of the next 20
// (time from the field's input event to the results on screen), and what all 21 downloaded.
// Usage: node scripts/bench-search.mjs [site folder, default dist]
import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
import { brotliCompressSync, constants } from 'node:zlib';

const dir = process.argv[2] ?? 'dist';
const port = 4197;
const origin = `http://127.0.0.1:${port}`;
const queries = {
  en: ['cooperated', 'sovereignty', 'GFMD', 'regional consultative', 'diaspora', 'pledges', 'migrant workers', 'follow-up', 'Global Compact', 'readmission',
    'multilateral', 'brain drain', 'civil society', 'IOM', 'review forum', 'bilateral agreements', 'venue shopping', 'whole-of-government', 'Geneva', 'partnership', 'UN Network'],
  fr: ['coopérer', 'souveraineté', 'FMMD', 'consultatifs régionaux', 'diaspora', 'engagements', 'travailleurs migrants', 'suivi', 'Pacte mondial', 'réadmission',
    'multilatéralisme', 'fuite des cerveaux', 'société civile', 'OIM', 'forum d’examen', 'accords bilatéraux', 'forum', 'pouvoirs publics', 'Genève', 'partenariats', 'Réseau'],
  es: ['cooperar', 'soberanía', 'FMMD', 'consultivos regionales', 'diáspora', 'compromisos', 'trabajadores migrantes', 'seguimiento', 'Pacto Mundial', 'readmisión',
    'multilateralismo', 'fuga de cerebros', 'sociedad civil', 'OIM', 'foro de examen', 'acuerdos bilaterales', 'foro', 'gobierno', 'Ginebra', 'alianzas', 'Red'],
};

const server = spawn('node', ['scripts/serve-dist.mjs', dir, String(port)], { stdio: 'ignore' });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
try {
  for (let i = 0; i < 50; i++) {
    if (await fetch(`${origin}/`).then((r) => r.ok, () => false)) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const course = await (await fetch(`${origin}/course/course.json`)).json();
  const lesson = `topics/${course.topics[1].id}/${course.topics[1].lessons[0].id}`;
  for (const [lang, words] of Object.entries(queries)) {
    const folder = lang === course.language ? '' : `${lang}/`;
    const page = await browser.newPage({ serviceWorkers: 'block' });
    const pending = [];
    page.on('response', (r) => {
      if (!/\/(search[.-]|pagefind\/)/.test(r.url())) return;
      pending.push(r.body().then((body) => brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length, () => 0));
    });
    const downloaded = async () => {
      await page.waitForLoadState('networkidle');
      const sizes = await Promise.all(pending);
      return { bytes: sizes.reduce((n, b) => n + b, 0), files: sizes.length };
    };
    await page.goto(`${origin}/${folder}${lesson}`);
    await page.getByTestId('course-progress').waitFor();
    await page.waitForLoadState('networkidle');
    await page.keyboard.press('/');
    await page.getByRole('searchbox').waitFor();
    const times = [];
    for (const q of words) {
      times.push(await page.evaluate(async (q) => {
        const input = document.getElementById('search-input');
        const list = document.getElementById('search-results');
        const t0 = performance.now();
        const shown = new Promise((resolve) => {
          const watch = new MutationObserver(() => {
            if (list.dataset.query === q) { watch.disconnect(); resolve(); }
          });
          watch.observe(list, { attributes: true, childList: true });
        });
        input.value = q;
        input.dispatchEvent(new Event('input'));
        await shown;
        await new Promise((r) => requestAnimationFrame(() => r()));
        return performance.now() - t0;
      }, q));
      if (times.length === 1) times.firstDownload = await downloaded();
    }
    const all = await downloaded();
    const rest = times.slice(1).sort((a, b) => a - b);
    const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
    const ms = (x) => `${Math.round(x)} ms`;
    console.log(`${lang}: opening + first query downloaded ${kb(times.firstDownload.bytes)} brotli (${times.firstDownload.files} files), took ${ms(times[0])}; `
      + `next ${rest.length} queries: median ${ms(rest[Math.floor(rest.length / 2)])}, slowest ${ms(rest[rest.length - 1])}; `
      + `all ${words.length} queries downloaded ${kb(all.bytes)} (${all.files} files)`);
    await page.close();
  }
} finally {
  await browser.close();
  server.kill();
}
