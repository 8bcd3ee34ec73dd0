// The test runner every spec uses: Playwright's, plus a guard that fails a test on any
// Content-Security-Policy violation (a `securitypolicyviolation` event) in any page or
// frame of any browser context the test opens, so that a change that needs the policy
// loosened is seen, not silently blocked in learners' browsers.
import { test as base, expect } from '@playwright/test';

async function guard(context, violations) {
  await context.exposeBinding('__reportCspViolation', ({ frame }, what) => violations.push(`${frame.url()}: ${what}`));
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__reportCspViolation?.(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`);
    });
  });
}

export const test = base.extend({
  cspViolations: [async ({ browser, context }, use) => {
    const violations = [];
    await guard(context, violations);
    const newContext = browser.newContext.bind(browser);
    browser.newContext = async (...args) => {
      const c = await newContext(...args);
      await guard(c, violations);
      return c;
    };
    await use(violations);
    browser.newContext = newContext;
    expect(violations, 'Content-Security-Policy violations').toEqual([]);
  }, { auto: true }],
});

export { expect };
