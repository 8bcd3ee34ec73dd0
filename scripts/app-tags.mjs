// Trunk post-build hook step: puts the learner's app into index.html, in place of the
// `<link data-trunk rel="rust" data-trunk-skip>` that keeps trunk from building it: the
// wasm and its JS glue preloaded (fetched while the page is parsed, in parallel with the
// compiled course), and the module script that starts it. The app is the folder
// scripts/build-wasm.sh wrote (app-<hash>/). URLs are relative, so the site works under any
// base URL (an LMS serves it from a subfolder).
// Usage: node scripts/app-tags.mjs [DIR]
import { readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2] ?? process.env.TRUNK_STAGING_DIR;
if (!dir) { console.error('app-tags: give the build folder (or run as a trunk hook)'); process.exit(2); }
const apps = readdirSync(dir).filter((d) => /^app-[0-9a-f]+$/.test(d) && existsSync(join(dir, d, 'course-engine.js')));
if (apps.length !== 1) {
  console.error(`app-tags: expected one app-<hash>/ folder in ${dir} (from scripts/build-wasm.sh), found ${apps.length}`);
  process.exit(1);
}
const [app] = apps;
const marker = /<link data-trunk rel="rust" data-trunk-skip[^>]*>/;
const file = join(dir, 'index.html');
const html = readFileSync(file, 'utf8');
if (!marker.test(html)) {
  console.error(`app-tags: ${file} has no <link data-trunk rel="rust" data-trunk-skip> to replace`);
  process.exit(1);
}
const tags = `<link rel="modulepreload" href="${app}/course-engine.js" crossorigin="anonymous">
  <link rel="preload" href="${app}/course-engine_bg.wasm" as="fetch" type="application/wasm" crossorigin="anonymous">
  <script type="module">
    import init, * as bindings from './${app}/course-engine.js';
    await init({ module_or_path: new URL('${app}/course-engine_bg.wasm', document.baseURI) });
    window.wasmBindings = bindings;
  </script>`;
writeFileSync(file, html.replace(marker, () => tags));
console.log(`app-tags: index.html starts ${app}/course-engine.js`);
