// Trunk post-build hook: writes sw.js into the build with the list of files to cache and
// a version that changes whenever any file does. Usage: node scripts/write-sw.mjs [DIR]
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const dir = process.argv[2] ?? process.env.TRUNK_STAGING_DIR;
if (!dir) { console.error('write-sw: give the build folder (or run as a trunk hook)'); process.exit(2); }

// The instructor's results page (results.html and its bundle) is not part of the course:
// learners never download it, so it is not cached for them either.
const INSTRUCTOR_ONLY = /^results(\.html$|\/)/;
const files = [];
(function walk(d) {
  for (const name of readdirSync(d).sort()) {
    const p = join(d, name);
    const f = relative(dir, p).split('\\').join('/');
    if (statSync(p).isDirectory()) walk(p);
    else if (name !== 'sw.js' && !INSTRUCTOR_ONLY.test(f)) files.push(f);
  }
})(dir);
const hash = createHash('sha256');
for (const f of files) hash.update(f).update(readFileSync(join(dir, f)));
const version = hash.digest('hex').slice(0, 16);
const template = readFileSync(new URL('../assets/sw.js', import.meta.url), 'utf8');
writeFileSync(join(dir, 'sw.js'), template.replace('__VERSION__', version).replace('__FILES__', JSON.stringify(files)));
console.log(`write-sw: sw.js caches ${files.length} files as version ${version}`);
