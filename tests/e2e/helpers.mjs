// Shared helpers for the end-to-end tests: the compiled course (to know the answers the
// author marked correct) and answering a question through the page like a learner.
import { expect } from '@playwright/test';

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
