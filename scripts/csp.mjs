// Build step (post-build, release builds): gives every page a Content-Security-Policy, as
// defence in depth behind the compiler's sanitising (the player puts compiled HTML into the
// page). Only the site's own scripts and wasm run; inline scripts and styles only by their
// hash; no plugins, no foreign base URL, no network but the site's own origin.
// First, each page's inline stylesheet loses its comments and layout whitespace (they are
// for the stylesheet's readers; the page is on every learner's critical path: -0.3 KB).
// Debug builds (`trunk serve`) get none: trunk injects its live-reload script there.
// Usage: node scripts/csp.mjs [DIR]
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2] ?? process.env.TRUNK_STAGING_DIR;
if (!dir) { console.error('csp: give the build folder (or run as a trunk hook)'); process.exit(2); }

const hash = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/// The policy for a page: its inline scripts and styles by hash.
export function policy(html) {
  const scripts = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => hash(m[1]));
  const styles = [...html.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)].map((m) => hash(m[1]));
  return [
    "default-src 'self'",
    // 'wasm-unsafe-eval' lets the page compile its own wasm (it allows no JS eval).
    `script-src 'self' 'wasm-unsafe-eval' ${scripts.join(' ')}`.trim(),
    `style-src 'self' ${styles.join(' ')}`.trim(),
    "img-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join('; ');
}

/// CSS without comments and layout whitespace; quoted strings kept as they are.
export function compactCss(css) {
  return css
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .split(/("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')/)
    .map((part, i) => (i % 2 ? part : part.replace(/\s+/g, ' ').replace(/\s*([{};,>])\s*/g, '$1')))
    .join('')
    .trim();
}

let pages = 0;
for (const page of ['index.html', 'results.html']) {
  const file = join(dir, page);
  if (!existsSync(file)) continue;
  let html = readFileSync(file, 'utf8')
    .replace(/(<style[^>]*>)([\s\S]*?)(<\/style>)/g, (_, open, css, close) => open + compactCss(css) + close);
  if (html.includes('http-equiv="Content-Security-Policy"')) {
    console.error(`csp: ${file} already has a Content-Security-Policy`);
    process.exit(1);
  }
  const meta = `<meta http-equiv="Content-Security-Policy" content="${policy(html)}">`;
  // First in <head>, so that it governs everything after it.
  const at = html.search(/<meta charset[^>]*>/i);
  if (at < 0) { console.error(`csp: ${file} has no <meta charset> to put the policy after`); process.exit(1); }
  const end = html.indexOf('>', at) + 1;
  html = `${html.slice(0, end)}\n  ${meta}${html.slice(end)}`;
  writeFileSync(file, html);
  pages++;
}
console.log(`csp: ${pages} pages carry a Content-Security-Policy`);
