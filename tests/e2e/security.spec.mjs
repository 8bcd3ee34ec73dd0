// Every page carries a Content-Security-Policy (src/site.rs): only the site's own
// scripts and wasm run, inline scripts only by hash, no plugins, no foreign base URL. It is
// defence in depth behind the compiler's sanitising of what authors write.
import { test, expect } from './fixtures.mjs';

for (const path of ['/', '/results.html']) {
  test(`${path} carries a Content-Security-Policy that stops injected script`, async ({ page, cspViolations }) => {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
    const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    for (const rule of ["default-src 'self'", "script-src 'self' 'wasm-unsafe-eval' 'sha256-", "object-src 'none'", "base-uri 'self'", "connect-src 'self'"]) {
      expect(policy).toContain(rule);
    }
    expect(policy).not.toContain('unsafe-inline');
    // Script put into the page (as a flaw in sanitising would) does not run, and is reported.
    await page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.__injected = true';
      document.body.append(s);
      const img = document.createElement('img');
      img.setAttribute('src', 'https://example.invalid/pixel.png');
      document.body.append(img);
    });
    expect(await page.evaluate(() => window.__injected)).toBeUndefined();
    await expect.poll(() => cspViolations.length).toBeGreaterThanOrEqual(2);
    expect(cspViolations.join('\n')).toContain('script-src');
    expect(cspViolations.join('\n')).toContain('img-src');
    cspViolations.length = 0; // seen and expected: the guard checks for any others
  });
}
