// Validates xAPI statements (a JSON array in a file, or an array passed to `validateAll`)
// with Learning Locker's validator (npm @learninglocker/xapi-validation, xAPI 1.0.3).
// Usage: node scripts/validate-xapi.mjs FILE   (exits 1 and prints the problems if any)
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const validate = require('@learninglocker/xapi-validation').default;

/// The problems of each invalid statement: [{ id, problems: ["path: message (data)"] }].
export function validateAll(statements) {
  const bad = [];
  for (const s of statements) {
    const warnings = validate(s);
    if (warnings.length) {
      bad.push({ id: s.id, problems: warnings.map((w) => `${w.path.join('.')}: ${w.name} (${JSON.stringify(w.data)})`) });
    }
  }
  return bad;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const file = process.argv[2];
  const statements = JSON.parse(readFileSync(file, 'utf8'));
  const bad = validateAll(statements);
  const kinds = [...new Set(statements.map((s) => s.verb.id.split('/').pop()))].join(', ');
  if (bad.length) {
    console.error(`xAPI: ${bad.length} of ${statements.length} statements are invalid:`);
    for (const b of bad) console.error(`  ${b.id}: ${b.problems.join('; ')}`);
    process.exit(1);
  }
  console.log(`xAPI: ${statements.length} statements (${kinds}) valid (@learninglocker/xapi-validation)`);
}
