// Lesson switch time, measured in the browser with the Performance API: from the click on
// "Next" to the next page's heading being painted, for every page in reading order. Lessons
// and the pages whose code is in a chunk (knowledge checks, the assessment: the first one
// opened waits for its chunk to download) are reported apart.
// Usage: node scripts/bench-lessons.mjs BASE_URL
import { chromium } from '@playwright/test';

const base = process.argv[2] ?? 'http://127.0.0.1:4174';
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
await page.goto(`${base}/`);
await page.getByTestId('start').click();
await page.getByRole('heading', { level: 1 }).waitFor();
const times = [];
const chunked = [];
for (;;) {
  const next = page.getByTestId('next');
  if ((await next.count()) === 0) break;
  const ms = await page.evaluate(() => new Promise((resolve) => {
    const before = document.querySelector('main h1')?.textContent;
    const start = performance.now();
    const done = () => requestAnimationFrame(() => resolve(performance.now() - start));
    const watch = new MutationObserver(() => {
      const h1 = document.querySelector('main h1');
      if (h1 && h1.textContent !== before) { watch.disconnect(); done(); }
    });
    watch.observe(document.body, { childList: true, subtree: true, characterData: true });
    document.querySelector('[data-testid="next"]').click();
  }));
  (new URL(page.url()).pathname.includes('/topics/') ? times : chunked).push(ms);
}
await browser.close();
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)];
console.log(`lesson switch over ${times.length} lessons: median ${median.toFixed(1)} ms, max ${times[times.length - 1].toFixed(1)} ms`);
console.log(`pages in chunks, in reading order (the first waits for its chunk): ${chunked.map((t) => `${t.toFixed(0)} ms`).join(', ')}`);
