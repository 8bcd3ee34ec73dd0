//! Helpers for the core's unit tests: the shipped course, fixture courses, right answers.

use crate::assessment::Attempt;
use crate::grade::{empty_response, Response};
use crate::model::{Course, Question, QuestionKind};
use crate::progress::{Progress, SavedAnswer};
use std::path::Path;

/// The course in `course/`, compiled.
pub fn shipped_course() -> Course {
    crate::compiler::load_course(&Path::new(env!("CARGO_MANIFEST_DIR")).join("course"))
        .expect("the course compiles")
}

/// A fixture course under `tests/fixtures/`, compiled.
pub fn fixture(name: &str) -> Course {
    crate::compiler::load_course(
        &Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name),
    )
    .expect("the fixture compiles")
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
