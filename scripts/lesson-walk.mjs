// What bench-lessons.mjs and profile-lessons.mjs share: a phone-sized Chromium page, and a
// walk through the course's reading order by its "Next" button.
import { chromium } from '@playwright/test';

/// A headless Chromium with a page at a phone's width (360 × 740).
export async function phonePage() {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
  return { browser, page };
}

/// Walks: the first time from the home's Start, later from the first lesson it reached;
/// calls `onSwitch(fromLesson)` on every page that has a "Next", which must click it.
export function walker(page, base) {
  let first = null;
  return async function walk(onSwitch) {
    if (first) {
      await page.goto(first);
    } else {
      await page.goto(`${base}/`);
      await page.getByTestId('start').click();
    }
    // The app's own "Next" (the static page's has no test id): the app has taken over.
    await page.getByTestId('next').waitFor();
    first = page.url();
    while ((await page.getByTestId('next').count()) > 0) {
      await onSwitch(new URL(page.url()).pathname.includes('/topics/'));
    }
  };
}
