//! The progress records the end-to-end tests start learners from, and where the player
//! keeps them, written by the core itself (`target/e2e-fixtures/<course id>.json` and
//! `<course id>.storage.json`, read by `tests/e2e/helpers.mjs`), so that the browser tests
//! hold no copy of the record's schema or keys: a record made here has real draws,
//! responses graded by the course and a completion recorded by its rule. And the compiled
//! fixtures the core's own tests read (`tests/fixtures/compiled/`), kept what the compiler
//! makes.

use crate::common::{assert_snapshot, root};
use course_core::assessment::{record_completion, score};
use course_core::json::FromJson;
use course_core::model::Course;
use course_core::progress::Progress;
use course_core::testing::{finish_topics, right, submit_attempt};

/// A course folder compiled, then read as the player reads it: from JSON.
fn compiled(dir: &str) -> Course {
    let course = course_compiler::load_course(&root().join(dir)).expect("the course compiles");
    let json = serde_json::to_string(&course).expect("a course serialises");
    course_core::json::from_str(&json).expect("the player reads the compiled course")
}

#[test]
fn the_cores_compiled_fixtures_are_what_the_compiler_makes() {
    for (name, dir) in [("valid", "tests/fixtures/valid"), ("course", "course")] {
        let course = course_compiler::load_course(&root().join(dir)).expect("the course compiles");
        let json = serde_json::to_string_pretty(&course).expect("a course serialises") + "\n";
        assert_snapshot(&format!("tests/fixtures/compiled/{name}.json"), &json);
    }
}

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
    let mut a = course_core::assessment::draw(course, 1, 1.0);
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
        let course = compiled(dir);
        let mut text = String::from("{");
        for (i, (name, p)) in fixtures(&course).iter().enumerate() {
            let json = serde_json::to_string(p).unwrap();
            // Each reads back as the player reads it, and as a backup of this course.
            let back = Progress::from_json(&course_core::json::Json::parse(&json).unwrap());
            assert_eq!(back.as_ref(), Ok(p), "{name} in {dir}");
            let done = course
                .topics
                .iter()
                .filter(|t| course_core::assessment::topic_done(t, p))
                .count();
            let expected = course.topics.len() - usize::from(*name == "topics_done_but_last_check");
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
            "progress": course_core::progress::storage_key(&course.id),
            "progress_backup": course_core::progress::backup_key(&course.id),
            "schema_version": course_core::progress::SCHEMA_VERSION,
            "xapi_queue": course_core::xapi::queue_key(&course.id),
            "lrs_reader": course_core::xapi::reader_key(&course.id),
            "learner": course_core::xapi::LEARNER_KEY,
            "activity_id": course_core::xapi::course_activity_id(&course),
            "backup_kind": course_core::backup::FILE_KIND,
            "backup_format": course_core::backup::FILE_FORMAT,
        });
        std::fs::write(
            out.join(format!("{}.storage.json", course.id)),
            format!("{storage:#}\n"),
        )
        .unwrap();
    }
}
