//! Helpers for the core's unit tests: the shipped course, fixture courses, right answers.

use crate::assessment::Attempt;
use crate::grade::{empty_response, Response};
use crate::model::{Course, Question, QuestionKind};
use crate::progress::{Progress, SavedAnswer};
use std::path::Path;

/// The repository's root (this crate is crates/core).
fn root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

/// A course folder compiled, then read as the player reads it: from JSON. (The compiler is
/// a dev-dependency built against its own copy of this crate, so its `Course` is another
/// type; JSON is the boundary between them, as between the compiler and the player.)
fn compiled(dir: &Path) -> Course {
    let course = course_compiler::load_course(dir).expect("the course compiles");
    let json = serde_json::to_string(&course).expect("a course serialises");
    crate::json::from_str(&json).expect("the player reads the compiled course")
}

/// The course in `course/`, compiled.
pub fn shipped_course() -> Course {
    compiled(&root().join("course"))
}

/// A fixture course under `tests/fixtures/`, compiled.
pub fn fixture(name: &str) -> Course {
    compiled(&root().join("tests/fixtures").join(name))
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
