//! Helpers for tests: the core's own unit tests and the author tool's integration tests
//! (`tests/testsuite`). Never called by the apps, so the wasm's linker leaves it out.

use crate::assessment::Attempt;
use crate::grade::{empty_response, Response};
use crate::model::{Course, Question, QuestionKind};
use crate::progress::{Progress, SavedAnswer};
use std::path::Path;

/// A compiled course fixture, read as the player reads it: from JSON. The files in
/// `tests/fixtures/compiled/` are what the compiler makes of a course folder (`valid`: the
/// fixture `tests/fixtures/valid`; `course`: the shipped course; `course-1.0`: the shipped
/// course as released at 1.0, kept as it was for the update test); the author tool's tests
/// check that they still are (after an edit to the course, `UPDATE_SNAPSHOTS=1 cargo test
/// --test testsuite` rewrites them), so the core's tests need no compiler.
pub fn compiled(name: &str) -> Course {
    let file = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/compiled")
        .join(format!("{name}.json"));
    let text = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    crate::json::from_str(&text).expect("the player reads the compiled course")
}

/// The author's right answer to a question.
pub fn right(q: &Question) -> Response {
    match q.kind {
        QuestionKind::Matching => Response::Matching((0..q.pairs.len()).map(Some).collect()),
        _ => Response::Choices(
            q.choices
                .iter()
                .enumerate()
                .filter(|(_, c)| c.correct)
                .map(|(i, _)| i)
                .collect(),
        ),
    }
}

/// Every lesson of every topic read, and every knowledge check answered right at `at`.
pub fn finish_topics(course: &Course, p: &mut Progress, at: f64) {
    for t in &course.topics {
        p.seen.extend(t.lessons.iter().map(|l| l.id.clone()));
        for q in &t.check {
            p.answers.insert(
                q.id.clone(),
                SavedAnswer {
                    response: right(q),
                    correct: true,
                    at,
                    question_hash: q.hash.clone(),
                },
            );
        }
    }
}

/// Answers an attempt's first `right_count` questions right and leaves the rest empty.
pub fn answer_attempt(course: &Course, attempt: &mut Attempt, right_count: usize) {
    for (i, id) in attempt.questions.clone().iter().enumerate() {
        let q = course.bank_question(id).unwrap();
        let r = if i < right_count {
            right(q)
        } else {
            empty_response(q)
        };
        attempt.responses.insert(id.clone(), r);
    }
}

/// Draws an attempt (`seed`) at `started`, answers its first `right_count` questions right,
/// submits it at `submitted` and adds it to `p`.
pub fn submit_attempt(
    course: &Course,
    p: &mut Progress,
    seed: u64,
    right_count: usize,
    started: f64,
    submitted: f64,
) {
    let mut a = crate::assessment::draw(course, seed, started);
    answer_attempt(course, &mut a, right_count);
    a.result = Some(crate::assessment::score(course, &a, submitted));
    p.attempts.push(a);
}

/// Statement ids for tests: a new one each call, the same sequence each time.
pub fn ids() -> impl FnMut() -> String {
    let mut n = 0u8;
    move || {
        n = n.wrapping_add(1);
        crate::xapi::uuid_v4([n; 16])
    }
}
