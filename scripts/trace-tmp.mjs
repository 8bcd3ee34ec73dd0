import { chromium } from '@playwright/test';
const path = process.argv[2] ?? '';
const runs = Number(process.argv[3] ?? 3);
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu'] });
const out = [];
for (let r = 0; r < runs; r++) {
  const ctx = await b.newContext({ viewport: { width: 412, height: 823 }, serviceWorkers: 'block' });
  const page = await ctx.newPage();
  const cdp = await ctx.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await b.startTracing(page, { categories: ['devtools.timeline','toplevel','v8.wasm'] });
  await page.goto('http://127.0.0.1:4182/' + path);
  await page.waitForTimeout(4000);
  const t = JSON.parse(await b.stopTracing()).traceEvents;
  await ctx.close();
  const main = new Set(t.filter(e => e.name === 'thread_name' && e.args.name === 'CrRendererMain').map(e => e.pid + ':' + e.tid));
  const all = t.filter(e => main.has(e.pid + ':' + e.tid) && e.ph === 'X' && e.dur > 0 && !e.name.startsWith('V8.') ).sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const tasks = [];
  for (const e of all) { const last = tasks[tasks.length - 1]; if (!last || e.ts >= last.ts + last.dur) tasks.push(e); }
  const fcp = t.find(e => e.name === 'firstContentfulPaint');
  const after = tasks.filter(e => !fcp || e.ts >= fcp.ts);
  const tbt = after.reduce((n, e) => n + Math.max(0, e.dur / 1000 - 50), 0);
  const lazy = t.filter(e => main.has(e.pid + ':' + e.tid) && e.name === 'wasm.CompileLazy').reduce((n, e) => n + (e.dur ?? 0) / 1000, 0);
  out.push(`tbt ${tbt.toFixed(0)} (long: ${after.filter(e => e.dur > 50000).map(e => e.name.slice(0, 30) + ' ' + (e.dur / 1000).toFixed(0)).join(', ')}) lazy-compile ${lazy.toFixed(0)}`);
}
await b.close();
console.log(out.join('\n'));
