// What a built site holds, for the scripts that list it (budget, service worker, SCORM zip).
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/// Every file under `dir`, as sorted paths relative to it with `/` separators.
export function siteFiles(dir) {
  const files = [];
  (function walk(d) {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p); else files.push(relative(dir, p).split('\\').join('/'));
    }
  })(dir);
  return files;
}

/// The instructor's results page (results.html, results.json and its bundle, beside each language): not part of the course, so
/// learners never download it, the service worker does not cache it and an LMS package
/// leaves it out.
export const isInstructorOnly = (file) => /^results\/|(^|\/)results\.(html|json)$/.test(file);
