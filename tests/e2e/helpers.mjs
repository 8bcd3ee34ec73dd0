// Shared helpers for the end-to-end tests: the compiled course (to know the answers the
// author marked correct) and answering a question through the page like a learner.
import { expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';

/// The compiled course under `base` (`''`, `'/fr'`, or another site's origin), with its
/// questions whole: `course.json` carries what answers mean, `feedback.json` the questions'
/// words (the player fetches it with the first page of questions).
export async function loadCourse(request, base = '') {
  const res = await request.get(`${base}/course/course.json`);
  expect(res.ok()).toBeTruthy();
  const course = await res.json();
  const words = await request.get(`${base}/course/feedback.json`);
  expect(words.ok()).toBeTruthy();
  const whole = new Map((await words.json()).questions.map((q) => [q.id, q]));
  const worded = (q) => whole.get(q.id) ?? q;
  for (const t of course.topics) t.check = t.check.map(worded);
  course.assessment.bank = course.assessment.bank.map(worded);
  return course;
}

/// Answers `question` (a locator for one question) with the author's correct answer, or
/// with a wrong one. Inputs carry the option's index in the author's order as their value.
export async function answer(question, q, { right = true } = {}) {
  if (q.kind === 'matching') {
    const selects = question.getByTestId('match-select');
    const n = q.pairs.length;
    for (let i = 0; i < n; i++) {
      const target = right ? i : (i + 1) % n;
      await selects.nth(i).selectOption(String(target));
    }
    return;
  }
  const correct = q.choices.map((c, i) => (c.correct ? i : -1)).filter((i) => i >= 0);
  const wrong = q.choices.map((c, i) => (c.correct ? -1 : i)).filter((i) => i >= 0);
  const pick = right ? correct : [wrong[0]];
  for (const i of pick) await question.locator(`[data-testid="option"][value="${i}"]`).check();
}

export function allQuestions(course) {
  return new Map([
    ...course.topics.flatMap((t) => t.check.map((q) => [q.id, q])),
    ...course.assessment.bank.map((q) => [q.id, q]),
  ]);
}

/// Runs axe-core (WCAG 2.0/2.1 A and AA rules) on the page and expects no violations.
export async function expectAccessible(page, where) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  expect(summary, `axe violations on ${where}`).toEqual([]);
}

/// Expects no horizontal scrolling at the current viewport.
export async function expectNoHorizontalScroll(page, where) {
  const { scroll, client } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth,
  }));
  expect(scroll, `horizontal scroll on ${where}`).toBeLessThanOrEqual(client);
}

/// Every address a learner can visit, from the compiled course.
export function allRoutes(course) {
  const routes = ['/', '/glossary', '/resources', '/assessment', '/certificate', '/progress', '/results.html', '/no/such/page'];
  for (const t of course.topics) {
    for (const l of t.lessons) routes.push(`/topics/${t.id}/${l.id}`);
    if (t.check.length) routes.push(`/check/${t.id}`);
  }
  return routes;
}

/// Where and how the player keeps things for a course (its local-storage keys, the record's
/// schema version, the backup file's kind and format, the course's xAPI activity id), as
/// the core says (`target/e2e-fixtures/<course id>.storage.json`, written with the
/// fixtures below): the tests hold no copy of them.
export function storage(courseOrId) {
  const id = typeof courseOrId === 'string' ? courseOrId : courseOrId.id;
  const file = `target/e2e-fixtures/${id}.storage.json`;
  try { return JSON.parse(readFileSync(file, 'utf8')); } catch (e) {
    throw new Error(`${file} is missing: the native tests write it (cargo test --test testsuite writes_the_progress_records), and the test command runs them first`);
  }
}

/// The progress record the app saved, parsed.
export async function savedProgress(page, courseId) {
  return page.evaluate((key) => JSON.parse(localStorage.getItem(key) ?? 'null'), storage(courseId).progress);
}

/// A progress record the core wrote for these tests (`fixture`), by name.
export function fixture(course, name) {
  const file = `target/e2e-fixtures/${course.id}.json`;
  let all;
  try { all = JSON.parse(readFileSync(file, 'utf8')); } catch (e) {
    throw new Error(`${file} is missing: the native tests write it (cargo test --test testsuite writes_the_progress_records), and the test command runs them first`);
  }
  if (!all[name]) throw new Error(`no progress fixture '${name}' for ${course.id}: add it to crates/core/src/testing.rs (e2e_fixtures)`);
  return structuredClone(all[name]);
}

/// A learner who has read every lesson and answered every knowledge check rightly, except,
/// with `butLastCheck`, the last topic's that has one.
export function topicsDone(course, { butLastCheck = false } = {}) {
  return fixture(course, butLastCheck ? 'topics_done_but_last_check' : 'topics_done');
}

/// Puts `progress` into the course's local storage before its first page loads, once per
/// browser context (a reload keeps what the app saved since). With `inLms`, only in the
/// course framed by the test LMS page (the unpacked package under /pkg/).
export async function seedProgress(context, course, progress, { inLms = false } = {}) {
  await context.addInitScript(([key, value, inLms]) => {
    if ((!inLms || location.pathname.includes('/pkg/')) && !sessionStorage.getItem('seeded')) {
      localStorage.setItem(key, value);
      sessionStorage.setItem('seeded', '1');
    }
  }, [storage(course).progress, JSON.stringify(progress), inLms]);
}

/// `seedProgress` for the course inside the test LMS page.
export const seedInLms = (context, course, progress) => seedProgress(context, course, progress, { inLms: true });

/// The player's word `key` in `language`, from its catalogue (assets/i18n/<language>.toml;
/// simple `key = "text"` lines), to find controls by their name in that language.
export function word(language, key) {
  const text = readFileSync(`assets/i18n/${language}.toml`, 'utf8');
  const line = text.split('\n').find((l) => l.startsWith(`${key} = "`));
  if (!line) throw new Error(`no word '${key}' in ${language}`);
  return JSON.parse(line.slice(key.length + 3));
}

/// A saved progress record: every topic done, ten minutes each, and attempts with the
/// given scores (whole questions); with `complete`, the completion recorded on 22 November
/// 2026 (its id is the record's `completion.id`).
export function progressOf(course, scores, { complete = false } = {}) {
  return fixture(course, `scores_${scores.join('_')}${complete ? '_complete' : ''}`);
}
