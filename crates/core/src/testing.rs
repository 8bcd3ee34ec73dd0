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

/// The progress records the end-to-end tests start learners from, written by the core
/// itself (`target/e2e-fixtures/<course id>.json`, read by `tests/e2e/helpers.mjs`), so
/// that the browser tests hold no copy of the record's schema: a record made here has real
/// draws, responses graded by the course and a completion recorded by its rule.
#[cfg(not(target_arch = "wasm32"))]
mod e2e_fixtures {
    use super::*;
    use crate::assessment::{record_completion, score};
    use crate::json::FromJson;

    /// When the fixtures' learners completed: 22 November 2026, where they were.
    const COMPLETED_AT: f64 = 1_795_305_700_000.0;

    fn topics_done(course: &Course) -> Progress {
        let mut p = Progress::new(course);
        finish_topics(course, &mut p, 1.0);
        p.updated_at = 1.0;
        p
    }

    /// Every topic done, an attempt per score (in per cent, whole questions), ten minutes
    /// per topic, and the completion if `complete` (the course must then be complete).
    fn scored(course: &Course, scores: &[usize], complete: bool) -> Progress {
        let mut p = topics_done(course);
        let per_attempt = course.assessment.questions_per_attempt as usize;
        for (n, s) in scores.iter().enumerate() {
            let at = 1_795_305_600_000.0 + n as f64;
            submit_attempt(course, &mut p, n as u64 + 1, s * per_attempt / 100, at, at);
            let got = p.attempts[n].result.as_ref().unwrap().score as usize;
            assert_eq!(
                got, *s,
                "a score of {s} % is whole questions in {}",
                course.id
            );
        }
        for t in &course.topics {
            p.time_on_task.insert(t.id.clone(), 600);
        }
        if complete {
            assert!(record_completion(
                course,
                &mut p,
                COMPLETED_AT,
                1,
                (2026, 11, 22)
            ));
        }
        p
    }

    fn fixtures(course: &Course) -> Vec<(&'static str, Progress)> {
        // The last topic with a knowledge check still has it to answer.
        let mut but_last = topics_done(course);
        let last = course.topics.iter().rfind(|t| !t.check.is_empty()).unwrap();
        but_last
            .answers
            .retain(|id, _| !last.check.iter().any(|q| &q.id == id));
        let mut passed = topics_done(course);
        let mut a = crate::assessment::draw(course, 1, 1.0);
        let ids = a.questions.clone();
        for id in &ids {
            a.answer(id, right(course.bank_question(id).unwrap()), 1.0);
        }
        a.result = Some(score(course, &a, 2.0));
        passed.attempts.push(a);
        assert!(record_completion(
            course,
            &mut passed,
            COMPLETED_AT,
            1,
            (2026, 11, 22)
        ));
        let mut all = vec![
            ("topics_done", topics_done(course)),
            ("topics_done_but_last_check", but_last),
            ("passed", passed),
        ];
        if course.assessment.questions_per_attempt == 10 {
            all.push(("scores_60_90_complete", scored(course, &[60, 90], true)));
            all.push(("scores_70_50_40", scored(course, &[70, 50, 40], false)));
            all.push(("scores_90_complete", scored(course, &[90], true)));
        }
        all
    }

    #[test]
    fn writes_the_progress_records_the_browser_tests_start_from() {
        let out = root().join("target/e2e-fixtures");
        std::fs::create_dir_all(&out).unwrap();
        for dir in ["course", "tests/courses/small", "tests/courses/small-ar"] {
            let course = compiled(&root().join(dir));
            let mut text = String::from("{");
            for (i, (name, p)) in fixtures(&course).iter().enumerate() {
                let json = serde_json::to_string(p).unwrap();
                // Each reads back as the player reads it, and as a backup of this course.
                let back = Progress::from_json(&crate::json::Json::parse(&json).unwrap());
                assert_eq!(back.as_ref(), Ok(p), "{name} in {dir}");
                let done = course
                    .topics
                    .iter()
                    .filter(|t| crate::assessment::topic_done(t, p))
                    .count();
                let expected =
                    course.topics.len() - usize::from(*name == "topics_done_but_last_check");
                assert_eq!(done, expected, "{name} in {dir}: topics done");
                if i > 0 {
                    text.push(',');
                }
                text.push_str(&format!("\n\"{name}\": {json}"));
            }
            text.push_str("\n}\n");
            std::fs::write(out.join(format!("{}.json", course.id)), text).unwrap();
            // Where and how the player keeps things, for the browser tests to read and seed
            // (no copy of a key or a format in JavaScript).
            let storage = serde_json::json!({
                "progress": crate::progress::storage_key(&course.id),
                "progress_backup": crate::progress::backup_key(&course.id),
                "schema_version": crate::progress::SCHEMA_VERSION,
                "xapi_queue": crate::xapi::queue_key(&course.id),
                "lrs_reader": crate::xapi::reader_key(&course.id),
                "learner": crate::xapi::LEARNER_KEY,
                "activity_id": crate::xapi::course_activity_id(&course),
                "backup_kind": crate::backup::FILE_KIND,
                "backup_format": crate::backup::FILE_FORMAT,
            });
            std::fs::write(
                out.join(format!("{}.storage.json", course.id)),
                format!("{storage:#}\n"),
            )
            .unwrap();
        }
    }
}
