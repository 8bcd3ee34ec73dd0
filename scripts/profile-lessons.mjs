// Where a lesson switch's time goes. The same walk as bench-lessons.mjs (click "Next" through
// the reading order at a phone's width), once to load every chunk, then PASSES times more
// under a Chromium trace and a CPU profile. Only the switches from a lesson to a lesson count
// (each between two `performance.mark`s): the main thread's own time per switch by kind
// (script, style, layout, paint, ...), and script's self time by function (the player's
// debug build names its wasm functions; the release build numbers them).
// Usage: node scripts/profile-lessons.mjs BASE_URL [PASSES]
import { phonePage, walker } from './lesson-walk.mjs';

const base = process.argv[2] ?? 'http://127.0.0.1:4174';
const passes = Number(process.argv[3] ?? 3);
const { browser, page } = await phonePage();
const walk = walker(page, base);

const click = (mark) => page.evaluate((mark) => new Promise((resolve) => {
  const before = document.querySelector('main h1')?.textContent;
  if (mark) performance.mark('switch-start');
  const start = performance.now();
  const done = () => requestAnimationFrame(() => {
    const ms = performance.now() - start;
    if (mark) performance.mark('switch-end');
    resolve(ms);
  });
  const watch = new MutationObserver(() => {
    const h1 = document.querySelector('main h1');
    if (h1 && h1.textContent !== before) { watch.disconnect(); done(); }
  });
  watch.observe(document.body, { childList: true, subtree: true, characterData: true });
  document.querySelector('[data-testid="next"]').click();
}), mark);

// Once through: every chunk loaded, so no later switch waits for one.
await walk(async () => { await click(false); });

const cdp = await page.context().newCDPSession(page);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
const events = [];
cdp.on('Tracing.dataCollected', ({ value }) => events.push(...value));
const traced = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
await cdp.send('Tracing.start', { categories: 'devtools.timeline,blink.user_timing', transferMode: 'ReportEvents' });
const times = [];
const self = new Map();
for (let pass = 0; pass < passes; pass++) {
  await walk(async (fromLesson) => {
    if (!fromLesson) { await click(false); return; }
    await cdp.send('Profiler.start');
    const ms = await click(true);
    const { profile } = await cdp.send('Profiler.stop');
    if (!new URL(page.url()).pathname.includes('/topics/')) return;
    times.push(ms);
    const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
    profile.samples.forEach((id, i) => {
      const f = nodes.get(id).callFrame;
      const key = `${f.functionName || '(anonymous)'} ${f.url ? f.url.split('/').pop() : ''}`.trim();
      self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i + 1] ?? 0));
    });
  });
}
await cdp.send('Tracing.end');
await traced;
await browser.close();

times.sort((a, b) => a - b);
const n = times.length;
console.log(`lesson switch over ${n} switches (${passes} passes): median ${times[Math.floor(n / 2)].toFixed(1)} ms, quartiles ${times[Math.floor(n / 4)].toFixed(1)}–${times[Math.floor(3 * n / 4)].toFixed(1)} ms`);

// The windows between the marks (the lesson-to-lesson switches only: a switch that ended on
// another page also has marks, and is left out by the count below only for the profile).
const marks = events.filter((e) => e.cat.includes('blink.user_timing') && e.name.startsWith('switch-')).sort((a, b) => a.ts - b.ts);
const windows = [];
for (let i = 0; i + 1 < marks.length; i++) {
  if (marks[i].name === 'switch-start' && marks[i + 1].name === 'switch-end') windows.push([marks[i].ts, marks[i + 1].ts]);
}
const tid = marks[0]?.tid;
const inside = (e) => windows.some(([a, b]) => e.ts >= a && e.ts < b);
const main = events.filter((e) => e.ph === 'X' && e.dur && e.tid === tid && e.cat.includes('devtools.timeline') && inside(e))
  .sort((a, b) => a.ts - b.ts || b.dur - a.dur);
const kinds = new Map();
const stack = [];
for (const e of main) {
  while (stack.length && stack[stack.length - 1].ts + stack[stack.length - 1].dur <= e.ts) stack.pop();
  const parent = stack[stack.length - 1];
  if (parent) kinds.set(parent.name, (kinds.get(parent.name) ?? 0) - e.dur);
  kinds.set(e.name, (kinds.get(e.name) ?? 0) + e.dur);
  stack.push(e);
}
const w = windows.length;
console.log(`\nmain thread, own time per switch (ms), over ${w} marked switches:`);
for (const [name, us] of [...kinds.entries()].sort((a, b) => b[1] - a[1]).slice(0, 14)) {
  if (us / w / 1000 >= 0.05) console.log(`  ${(us / w / 1000).toFixed(2).padStart(7)}  ${name}`);
}
console.log(`\nscript, self time per lesson-to-lesson switch (ms), top functions:`);
for (const [name, us] of [...self.entries()].filter(([k]) => !k.startsWith('(idle)')).sort((a, b) => b[1] - a[1]).slice(0, 25)) {
  console.log(`  ${(us / n / 1000).toFixed(2).padStart(7)}  ${name}`);
}
