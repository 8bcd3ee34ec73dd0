// Trunk post-build hook: writes sw.js into the build with the list of files to cache and
// a version that changes whenever any file does. Usage: node scripts/write-sw.mjs [DIR]
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { siteFiles, isInstructorOnly } from './site-files.mjs';

const dir = process.argv[2] ?? process.env.TRUNK_STAGING_DIR;
if (!dir) { console.error('write-sw: give the build folder (or run as a trunk hook)'); process.exit(2); }

const files = siteFiles(dir).filter((f) => f !== 'sw.js' && !isInstructorOnly(f));
const hash = createHash('sha256');
for (const f of files) hash.update(f).update(readFileSync(join(dir, f)));
const version = hash.digest('hex').slice(0, 16);
const template = readFileSync(new URL('../assets/sw.js', import.meta.url), 'utf8');
writeFileSync(join(dir, 'sw.js'), template.replace('__VERSION__', version).replace('__FILES__', JSON.stringify(files)));
console.log(`write-sw: sw.js caches ${files.length} files as version ${version}`);
