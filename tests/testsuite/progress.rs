//! Saved progress across course updates and schema versions: one fixture course per kind
//! of update (`tests/fixtures/updates/`), one saved record per older schema
//! (`tests/fixtures/records/`).

use course_compiler::load_course;
use course_core::grade::Response;
use course_core::model::Course;
use course_core::progress::{LessonRef, Loaded, Progress, SavedAnswer, SCHEMA_VERSION};
use std::path::Path;

fn course(name: &str) -> Course {
    load_course(
        &Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/updates")
            .join(name),
    )
    .expect("fixture compiles")
}

/// Progress made on version 1 of the course: two lessons read, both questions answered,
/// an assessment attempt under way.
fn made_on_v1() -> Progress {
    let v1 = course("v1");
    let mut p = Progress::new(&v1);
    p.last_lesson = Some(LessonRef {
        topic: "one".into(),
        lesson: "one-b".into(),
    });
    p.seen.extend([
        "one-a".to_string(),
        "one-b".to_string(),
        "two-a".to_string(),
    ]);
    for (i, q) in v1.topics[0].check.iter().enumerate() {
        let answer = SavedAnswer {
            response: Response::Choices(vec![0]),
            correct: i == 0,
            at: i as f64,
            question_hash: q.hash.clone(),
        };
        p.answers.insert(q.id.clone(), answer);
    }
    let mut attempt = course_core::assessment::draw(&v1, 5, 1.0);
    attempt
        .responses
        .insert(attempt.questions[0].clone(), Response::Choices(vec![0]));
    p.attempts.push(attempt);
    p.time_on_task.insert("one".into(), 120);
    p
}

fn reopen(p: &Progress, on: &str) -> Progress {
    match Progress::decode(Some(&p.encode()), &course(on)) {
        Loaded::Restored(p) => p,
        other => panic!("expected a restored record, got {other:?}"),
    }
}

#[test]
fn added_lessons_and_questions_keep_everything() {
    let before = made_on_v1();
    let after = reopen(&before, "added");
    assert_eq!(after.seen, before.seen);
    assert_eq!(after.answers, before.answers);
    assert_eq!(after.attempts, before.attempts);
    assert_eq!(after.course_version, "1.1.0");
}

#[test]
fn removed_lessons_and_questions_are_dropped_and_the_rest_kept() {
    let after = reopen(&made_on_v1(), "removed");
    assert_eq!(after.seen.iter().collect::<Vec<_>>(), ["one-a", "two-a"]);
    assert_eq!(after.answers.keys().collect::<Vec<_>>(), ["one-q1"]);
    assert_eq!(after.last_lesson, None, "the last lesson was removed");
    assert_eq!(after.time_on_task.get("one"), Some(&120));
}

#[test]
fn reordering_keeps_everything_because_progress_is_keyed_by_id() {
    let before = made_on_v1();
    let after = reopen(&before, "reordered");
    assert_eq!(
        (after.seen, after.answers, after.last_lesson),
        (before.seen, before.answers, before.last_lesson)
    );
}

#[test]
fn an_edited_question_loses_its_old_answer_and_edited_lessons_stay_read() {
    let after = reopen(&made_on_v1(), "edited");
    assert_eq!(
        after.answers.keys().collect::<Vec<_>>(),
        ["one-q2"],
        "one-q1's options changed"
    );
    assert!(
        after.seen.contains("one-a"),
        "rewording a lesson does not unread it"
    );
}

#[test]
fn a_schema_1_record_migrates_and_keeps_everything_that_applies() {
    let raw = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/records/schema-1.json"),
    )
    .unwrap();
    let Loaded::Restored(p) = Progress::decode(Some(&raw), &course("v1")) else {
        panic!("schema 1 must migrate")
    };
    assert_eq!(p.schema_version, SCHEMA_VERSION);
    assert_eq!(
        p.last_lesson,
        Some(LessonRef {
            topic: "one".into(),
            lesson: "one-b".into()
        })
    );
    assert_eq!(p.seen.len(), 2);
    assert_eq!(
        p.answers.len(),
        2,
        "answers without question hashes are kept when they fit"
    );
    assert_eq!(p.attempts[0].responses.len(), 1);
    assert_eq!(p.time_on_task.get("one"), Some(&120));
    assert_eq!(p.learner_name.as_deref(), Some("Ana"));
    // And a schema 1 answer that no longer fits its question (option 5 of 2) is dropped.
    let broken = raw.replace(
        r#""one-q2":{"response":{"choices":[1]}"#,
        r#""one-q2":{"response":{"choices":[5]}"#,
    );
    let Loaded::Restored(p) = Progress::decode(Some(&broken), &course("v1")) else {
        panic!()
    };
    assert_eq!(p.answers.keys().collect::<Vec<_>>(), ["one-q1"]);
}

/// The shipped course's own update, 1.0 to 1.1 (`course/CHANGELOG.md`), on a learner who
/// had done everything on 1.0 and had an attempt under way: every lesson stays read (none
/// was removed or renamed); a knowledge-check answer stays unless its question's options
/// changed (actors-kc2 and intro-kc3 did); submitted attempts and a completion stay; the
/// attempt under way loses the retired questions (bank-14, bank-30) and the answers to the
/// questions whose options changed, and keeps the rest.
#[test]
fn the_course_update_from_1_0_to_1_1_keeps_what_did_not_change() {
    use course_core::assessment::draw;
    use course_core::testing::{answer_attempt, compiled, finish_topics, submit_attempt};
    let old = compiled("course-1.0");
    let new = compiled("course");
    assert_eq!(
        (old.version.as_str(), new.version.as_str()),
        ("1.0.0", "1.1.0")
    );
    let mut p = Progress::new(&old);
    finish_topics(&old, &mut p, 1000.0);
    submit_attempt(&old, &mut p, 7, 15, 2000.0, 3000.0);
    p.completion = Some(course_core::progress::Completion {
        at: 3000.0,
        id: "K7Q2-MX4D".into(),
        day: Some("2026-11-30".into()),
    });
    let retired = |id: &String| new.bank_question(id).is_none();
    let changed = |id: &String| {
        let hash = |c: &Course| c.bank_question(id).map(|q| q.hash.clone());
        hash(&new).is_some_and(|h| Some(h) != hash(&old))
    };
    // An attempt under way that drew a retired question and a changed one, all answered.
    let seed = (1..10_000)
        .find(|&s| {
            let q = draw(&old, s, 0.0).questions;
            q.iter().any(retired) && q.iter().any(changed)
        })
        .expect("some draw has both");
    let mut under_way = draw(&old, seed, 4000.0);
    let n = under_way.questions.len();
    answer_attempt(&old, &mut under_way, n);
    p.attempts.push(under_way.clone());

    let after = match Progress::decode(Some(&p.encode()), &new) {
        Loaded::Restored(p) => p,
        other => panic!("expected a restored record, got {other:?}"),
    };
    assert_eq!(after.course_version, "1.1.0");
    assert_eq!(after.seen, p.seen, "every lesson stays read");
    let kept: Vec<&String> = after.answers.iter().map(|(id, _)| id).collect();
    let unchanged: Vec<&String> = p
        .answers
        .iter()
        .map(|(id, _)| id)
        .filter(|id| {
            new.check_question(id).map(|q| &q.hash) == old.check_question(id).map(|q| &q.hash)
        })
        .collect();
    assert_eq!(kept, unchanged);
    let dropped: Vec<&String> = p
        .answers
        .iter()
        .map(|(id, _)| id)
        .filter(|id| !kept.contains(id))
        .collect();
    assert_eq!(dropped, ["actors-kc2", "intro-kc3"]);
    assert_eq!(
        after.attempts[0], p.attempts[0],
        "a submitted attempt is history"
    );
    assert_eq!(
        after.completion, p.completion,
        "a completion (and its certificate) stays"
    );
    let a = &after.attempts[1];
    let still: Vec<&String> = under_way
        .questions
        .iter()
        .filter(|id| !retired(id))
        .collect();
    assert_eq!(a.questions.iter().collect::<Vec<_>>(), still);
    for id in &a.questions {
        assert_eq!(a.responses.get(id).is_some(), !changed(id), "{id}");
    }
    assert!(a.questions.iter().any(changed) && a.questions.len() < n);
}
