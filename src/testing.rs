//! Helpers for the core's unit tests: the shipped course, fixture courses, right answers.

use crate::grade::Response;
use crate::model::{Course, Question, QuestionKind};
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
