// Bench (not a test): many learners' players reporting to one LRS. Starts Ralph on a free
// loopback port with a fresh data folder and a write-only credential, then has simulated
// learners send what a player sends over a whole course, in the player's batches
// (xapi::BATCH, 25 statements a request), CONCURRENCY learners at a time, until LEARNERS
// learners are done or SECONDS have passed, whichever comes first.
// Prints statements stored per second, the median and 95th percentile of the batch
// requests' times, and what one learner sends per minute of the course.
//
// The statements are the player's own (the core's `sample_statements` test writes every
// kind, `XAPI_SAMPLES=file`): each simulated learner sends them with new statement ids,
// its own actor and registration.
// Usage: node scripts/bench-lrs-load.mjs [LEARNERS=1000] [SECONDS=120] [CONCURRENCY=20]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { startRalph } from './ralph.mjs';

const [learners = 1000, seconds = 120, concurrency = 20] = process.argv.slice(2).map(Number);
const BATCH = 25;

const dir = mkdtempSync(join(tmpdir(), 'bench-lrs-'));
const samples = join(dir, 'samples.json');
execFileSync('cargo', ['test', '--locked', '--quiet', '-p', 'course-core', 'sample_statements'], { env: { ...process.env, XAPI_SAMPLES: samples }, stdio: 'ignore' });
const template = JSON.parse(readFileSync(samples, 'utf8'));
const course = JSON.parse(readFileSync('dist/course/course.json', 'utf8'));
const ralph = await startRalph({ scope: 'statements/write', restrict: true });
const { endpoint, auth } = ralph;

/// One learner's statements: the player's, as this learner (new ids, actor, registration).
function learnerStatements(n) {
  const registration = randomUUID();
  const actor = { objectType: 'Agent', name: `Learner ${n}`, mbox: `mailto:learner-${n}@example.org` };
  return template.map((s) => ({ ...s, id: randomUUID(), actor, context: { ...s.context, registration } }));
}

const times = [];
let stored = 0, failed = 0, done = 0, next = 0;
const started = performance.now();
const deadline = started + seconds * 1000;
async function learner() {
  while (next < learners && performance.now() < deadline) {
    const all = learnerStatements(next++);
    for (let i = 0; i < all.length && performance.now() < deadline; i += BATCH) {
      const batch = all.slice(i, i + BATCH);
      const t0 = performance.now();
      const res = await fetch(`${endpoint}statements`, {
        method: 'POST',
        headers: { Authorization: auth, 'Content-Type': 'application/json', 'X-Experience-API-Version': '1.0.3' },
        body: JSON.stringify(batch),
      });
      await res.arrayBuffer();
      times.push(performance.now() - t0);
      if (res.ok) stored += batch.length; else failed += batch.length;
    }
    done++;
  }
}
try {
  await Promise.all(Array.from({ length: concurrency }, learner));
  const elapsed = (performance.now() - started) / 1000;
  times.sort((a, b) => a - b);
  const at = (q) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0;
  console.log(`${done} of ${learners} learners in ${elapsed.toFixed(1)} s (${concurrency} at a time; bound ${seconds} s): ${stored} statements stored, ${failed} refused`);
  console.log(`  ${(stored / elapsed).toFixed(0)} statements/s; batch requests (${BATCH} statements): median ${at(0.5).toFixed(0)} ms, p95 ${at(0.95).toFixed(0)} ms, ${times.length} requests`);
  // A learner who reads every lesson, answers every knowledge check, passes at the second
  // attempt and completes, in one session: what the player sends (xapi::Tracker).
  const lessons = course.topics.reduce((n, t) => n + t.lessons.length, 0);
  const checks = course.topics.reduce((n, t) => n + t.check.length, 0);
  const perLearner = 1 + lessons + checks + 2 * (course.assessment.questions_per_attempt + 1) + 1 + 1;
  const minutes = course.estimated_minutes;
  console.log(`  one learner over the whole ${minutes}-minute course: ${perLearner} statements (${lessons} lessons, ${checks} checks, 2 attempts),`
    + ` ${(perLearner / minutes).toFixed(1)} a minute; sent as each change is saved, so about as many requests, seconds to minutes apart`
    + ` (this bench sends ${template.length} per learner: every kind the player has, in batches of ${BATCH})`);
} finally {
  ralph.stop();
  rmSync(dir, { recursive: true, force: true });
}
