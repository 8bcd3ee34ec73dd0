// Shared helpers for the end-to-end tests: the compiled course (to know the answers the
// author marked correct) and answering a question through the page like a learner.
import { expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';

export async function loadCourse(request) {
  const res = await request.get('/course/course.json');
  expect(res.ok()).toBeTruthy();
  return res.json();
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

/// The progress record the app saved, parsed.
export async function savedProgress(page, courseId) {
  return page.evaluate((key) => JSON.parse(localStorage.getItem(key) ?? 'null'), `course-engine:${courseId}:progress`);
}

/// The author's correct response to `q`, as the progress record stores it.
const rightResponse = (q) => (q.kind === 'matching'
  ? { matching: q.pairs.map((_, i) => i) }
  : { choices: q.choices.map((c, i) => (c.correct ? i : -1)).filter((i) => i >= 0) });

/// A progress record of a learner who has read every lesson and answered every knowledge
/// check rightly, except the checks of the topics in `except` (by id).
export function topicsDone(course, { except = [] } = {}) {
  return {
    schema_version: 2, course_id: course.id, course_version: course.version, updated_at: 1,
    seen: course.topics.flatMap((t) => t.lessons.map((l) => l.id)),
    answers: Object.fromEntries(course.topics.filter((t) => !except.includes(t.id))
      .flatMap((t) => t.check.map((q) => [q.id, { response: rightResponse(q), correct: true, at: 1, question_hash: q.hash }]))),
  };
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
  }, [`course-engine:${course.id}:progress`, JSON.stringify(progress), inLms]);
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

/// A saved progress record: every topic done, and attempts with the given scores.
export function progressOf(course, scores, { complete = false } = {}) {
  const bank = course.assessment.bank;
  const attempts = scores.map((score, n) => {
    const questions = bank.slice(n, n + 10).map((q) => q.id);
    const per_question = Object.fromEntries(questions.map((id, i) => [id, i < score / 10]));
    return { seed: n + 1, questions, responses: {}, started_at: n, question_hashes: {},
      result: { correct: score / 10, total: 10, score, passed: score >= 80, per_question, submitted_at: 1795305600000 + n } };
  });
  return {
    schema_version: 2, course_id: course.id, course_version: course.version, updated_at: 1,
    seen: course.topics.flatMap((t) => t.lessons.map((l) => l.id)),
    answers: Object.fromEntries(course.topics.flatMap((t) => t.check.map((q) => [q.id, { response: rightResponse(q), correct: true, at: 1, question_hash: q.hash }]))),
    attempts,
    time_on_task: Object.fromEntries(course.topics.map((t) => [t.id, 600])),
    completion: complete ? { at: 1795305700000, id: 'ABCD-EFGH-JKLM' } : null,
  };
}
