// Lesson switch time, measured in the browser with the Performance API, at a phone's width:
// from the click on "Next" to the next lesson's heading, for every lesson of the reading
// order, walked PASSES times (default 3: about 50 switches; one walk's 16 gave medians that
// moved by 5 ms from run to run). Two figures per switch:
// - laid out: the click until the new page is in the DOM with its style and layout done
//   (forced at once): the work the switch costs;
// - next frame: until the frame after it (requestAnimationFrame), which adds the wait for
//   the display's next frame (up to 16.7 ms at 60 Hz): what a learner sees, but quantised.
// The pages whose code is in a chunk (knowledge checks, the assessment: the first one
// opened waits for its chunk to download) are reported apart, from the first walk.
// `scripts/profile-lessons.mjs` says where the time goes.
// Usage: node scripts/bench-lessons.mjs BASE_URL [PASSES]
import { phonePage, walker } from './lesson-walk.mjs';

const base = process.argv[2] ?? 'http://127.0.0.1:4174';
const passes = Number(process.argv[3] ?? 3);
const { browser, page } = await phonePage();
const walk = walker(page, base);
const laidOut = [];
const nextFrame = [];
const chunked = [];
for (let pass = 0; pass < passes; pass++) {
  await walk(async () => {
    const [work, frame] = await page.evaluate(() => new Promise((resolve) => {
      const before = document.querySelector('main h1')?.textContent;
      const start = performance.now();
      const watch = new MutationObserver(() => {
        const h1 = document.querySelector('main h1');
        if (!h1 || h1.textContent === before) return;
        watch.disconnect();
        // A microtask after the app's change: force its style and layout now.
        document.body.getBoundingClientRect();
        const work = performance.now() - start;
        requestAnimationFrame(() => resolve([work, performance.now() - start]));
      });
      watch.observe(document.body, { childList: true, subtree: true, characterData: true });
      document.querySelector('[data-testid="next"]').click();
    }));
    if (new URL(page.url()).pathname.includes('/topics/')) {
      laidOut.push(work);
      nextFrame.push(frame);
    } else if (pass === 0) {
      chunked.push(frame);
    }
  });
}
await browser.close();
const stats = (xs) => {
  xs.sort((a, b) => a - b);
  const at = (q) => xs[Math.min(xs.length - 1, Math.floor(q * xs.length))].toFixed(1);
  return `median ${at(0.5)} ms (quartiles ${at(0.25)}–${at(0.75)}, max ${at(1)})`;
};
console.log(`lesson switch over ${laidOut.length} switches (${passes} walks of the reading order): laid out ${stats(laidOut)}; next frame ${stats(nextFrame)}`);
console.log(`pages in chunks, in reading order (the first waits for its chunk): ${chunked.map((t) => `${t.toFixed(0)} ms`).join(', ')}`);
