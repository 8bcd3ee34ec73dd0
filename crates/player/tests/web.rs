//! Browser tests of the storage adapter, in headless Chromium (wasm-bindgen-test).
//!
//! Run by the test command: `cargo test --target wasm32-unknown-unknown --test web` with
//! wasm-bindgen-test-runner and chromedriver.
#![cfg(target_arch = "wasm32")]

use course_core::grade::Response;
use course_core::model::{Assessment, Choice, Course, Lesson, Question, QuestionKind, Topic};
use course_core::progress::{backup_key, storage_key, LessonRef, Progress, SavedAnswer};
use course_player::storage;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn course(id: &str) -> Course {
    let q = Question {
        id: "q1".into(),
        objective: "o".into(),
        kind: QuestionKind::TrueFalse,
        prompt_html: "Sky is blue.".into(),
        body_html: String::new(),
        choices: vec![
            Choice {
                html: "True".into(),
                correct: true,
                feedback_html: "Yes.".into(),
            },
            Choice {
                html: "False".into(),
                correct: false,
                feedback_html: "No.".into(),
            },
        ],
        pairs: vec![],
        explanation_html: String::new(),
        hash: "h1".into(),
        fixed_order: false,
    };
    Course {
        format: 1,
        id: id.into(),
        title: "T".into(),
        version: "1".into(),
        language: "en".into(),
        estimated_minutes: 1,
        description: String::new(),
        audience: vec![],
        objectives: vec![],
        topics: vec![Topic {
            id: "t".into(),
            title: "T".into(),
            minutes: 1,
            intro_html: String::new(),
            lessons: vec![Lesson {
                id: "l1".into(),
                title: "L".into(),
                html: "<p>x</p>".into(),
                sources: vec![],
                words: 1,
            }],
            check: vec![q.clone()],
        }],
        assessment: Assessment {
            topic: "t".into(),
            pass_mark: 80,
            attempts: 3,
            questions_per_attempt: 1,
            requires: vec![],
            bank: vec![q],
        },
        glossary: vec![],
        resources_html: None,
        content_hash: "h".into(),
        home_html: String::new(),
        outline_html: String::new(),
        words: String::new(),
    }
}

fn local() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

#[wasm_bindgen_test]
fn progress_saved_to_local_storage_is_restored() {
    let c = course("web-roundtrip");
    local().remove_item(&storage_key(&c.id)).unwrap();
    let first = storage::load(&c);
    assert!(first.notice.is_none());
    assert_eq!(first.progress, Progress::new(&c));

    let mut p = first.progress;
    p.last_lesson = Some(LessonRef {
        topic: "t".into(),
        lesson: "l1".into(),
    });
    p.answers.insert(
        "q1".into(),
        SavedAnswer {
            response: Response::Choices(vec![0]),
            correct: true,
            at: 1.0,
            question_hash: "h1".into(),
        },
    );
    assert!(
        matches!(
            storage::save_merging(&c, &p, None),
            Ok(storage::Saved::Written(_))
        ),
        "saving works"
    );

    let raw = local()
        .get_item(&storage_key(&c.id))
        .unwrap()
        .expect("a record under the course's key");
    assert!(
        raw.contains(&format!(
            "\"schema_version\":{}",
            course_core::progress::SCHEMA_VERSION
        )),
        "{raw}"
    );
    let again = storage::load(&c);
    assert_eq!(again.progress, p);
    assert!(again.can_save);
}

#[wasm_bindgen_test]
fn a_corrupted_record_is_kept_aside_and_the_learner_told() {
    let c = course("web-corrupt");
    local()
        .set_item(&storage_key(&c.id), "{\"schema_version\":1, oops")
        .unwrap();
    let r = storage::load(&c);
    assert_eq!(r.progress, Progress::new(&c));
    let (word, reason) = r.notice.expect("the learner is told");
    assert_eq!(word, "saved_unreadable_kept", "kept aside, and told so");
    assert!(
        reason.starts_with("the saved progress is not valid JSON"),
        "{reason}"
    );
    assert_eq!(
        storage::backup(&c.id).as_deref(),
        Some("{\"schema_version\":1, oops")
    );
    assert_eq!(
        local().get_item(&backup_key(&c.id)).unwrap().as_deref(),
        Some("{\"schema_version\":1, oops")
    );
}

#[wasm_bindgen_test]
fn a_record_from_a_newer_player_is_never_overwritten() {
    let c = course("web-newer");
    local().remove_item(&backup_key(&c.id)).unwrap();
    let newer = r#"{"schema_version":7,"course_id":"web-newer"}"#;
    local().set_item(&storage_key(&c.id), newer).unwrap();
    let r = storage::load(&c);
    assert!(!r.can_save, "the app must not save over a newer record");
    let (word, reason) = r.notice.unwrap();
    assert_eq!(word, "saved_newer");
    assert!(reason.contains("newer version"), "{reason}");
    // The raw record is backed up, and the original stays where it was.
    assert_eq!(
        local().get_item(&storage_key(&c.id)).unwrap().as_deref(),
        Some(newer)
    );
    assert_eq!(storage::backup(&c.id).as_deref(), Some(newer));
}

#[wasm_bindgen_test]
fn saving_merges_what_another_tab_saved_meanwhile() {
    let c = course("web-merge");
    local().remove_item(&storage_key(&c.id)).unwrap();
    // Tab A reads at the start, then tab B saves a lesson read.
    let mut a = storage::load(&c).progress;
    let mut b = a.clone();
    b.seen.insert("l1".into());
    b.updated_at = 10.0;
    storage::save_merging(&c, &b, None).ok().unwrap();
    // Tab A answers a question and saves: B's lesson must survive.
    a.answers.insert(
        "q1".into(),
        SavedAnswer {
            response: Response::Choices(vec![0]),
            correct: true,
            at: 20.0,
            question_hash: "h1".into(),
        },
    );
    a.updated_at = 20.0;
    // A read nothing at its start: what storage holds now is another tab's.
    let Ok(storage::Saved::Written(merged)) = storage::save_merging(&c, &a, None) else {
        panic!("A's save writes")
    };
    assert!(merged.seen.contains("l1") && merged.answers.contains_key("q1"));
    assert_eq!(storage::load(&c).progress, merged);
    // Saving the same again writes nothing.
    assert!(matches!(
        storage::save_merging(&c, &merged, Some(&merged)),
        Ok(storage::Saved::Unchanged(_))
    ));
}

#[wasm_bindgen_test]
fn a_page_s_own_latest_change_is_saved_even_when_a_merge_would_undo_it() {
    let c = course("web-own-change");
    local().remove_item(&storage_key(&c.id)).unwrap();
    let answer = |choice: usize, correct: bool| SavedAnswer {
        response: Response::Choices(vec![choice]),
        correct,
        at: 5.0,
        question_hash: "h1".into(),
    };
    // A right answer saved, then changed to a wrong one within the same millisecond (or
    // with the clock standing still): merged, the two would tie and the right one win.
    let mut p = storage::load(&c).progress;
    p.answers.insert("q1".into(), answer(0, true));
    let Ok(storage::Saved::Written(saved)) = storage::save_merging(&c, &p, None) else {
        panic!("the first save writes")
    };
    let mut changed = saved.clone();
    changed.answers.insert("q1".into(), answer(1, false));
    let Ok(storage::Saved::Written(again)) = storage::save_merging(&c, &changed, Some(&saved))
    else {
        panic!("the change is written")
    };
    assert_eq!(again.answers.get("q1"), Some(&answer(1, false)));
    assert_eq!(
        storage::load(&c).progress.answers.get("q1"),
        Some(&answer(1, false))
    );
    // Had another tab saved in between, its work is merged in instead.
    let mut other = again.clone();
    other.seen.insert("l1".into());
    storage::save_merging(&c, &other, Some(&again))
        .ok()
        .unwrap();
    let Ok(storage::Saved::Written(merged) | storage::Saved::Unchanged(merged)) =
        storage::save_merging(&c, &changed, Some(&again))
    else {
        panic!("merged with the other tab's save")
    };
    assert!(merged.seen.contains("l1"));
}

#[wasm_bindgen_test]
fn a_full_storage_quota_is_reported_in_words() {
    let c = course("web-quota");
    local().remove_item(&storage_key(&c.id)).unwrap();
    // Fill the quota with filler entries.
    let chunk = "x".repeat(512 * 1024);
    let mut n = 0;
    while local().set_item(&format!("filler-{n}"), &chunk).is_ok() {
        n += 1;
        assert!(n < 200, "the quota never ran out");
    }
    let mut p = storage::load(&c).progress;
    p.seen.insert("l1".into());
    p.learner_name = Some("y".repeat(600 * 1024));
    let result = storage::save_merging(&c, &p, None);
    for i in 0..=n {
        local().remove_item(&format!("filler-{i}")).unwrap();
    }
    assert_eq!(
        result.err().as_deref(),
        Some("storage_full"),
        "the page's word for a full quota"
    );
}

/// The Arabic catalogue's forms of a plural word, chosen by the browser's plural rules:
/// Arabic has six (zero, one, two, few, many, other).
#[wasm_bindgen_test]
fn arabic_counts_take_the_right_one_of_six_forms() {
    let catalogue = include_str!("../../../assets/i18n/ar.toml");
    let line = catalogue
        .lines()
        .find(|l| l.starts_with("attempts_left = {"))
        .expect("the Arabic catalogue has attempts_left");
    let form = |category: &str| -> String {
        let at = line.find(&format!("{category} = \"")).expect("every form") + category.len() + 4;
        let end = line[at..].find('"').expect("a closed string");
        line[at..at + end].to_string()
    };
    let mut course = course("plurals");
    course.language = "ar".into();
    course.words = course_core::model::words_text(
        ["zero", "one", "two", "few", "many", "other"]
            .iter()
            .map(|c| (format!("attempts_left.{c}"), form(c)))
            .collect::<Vec<_>>()
            .iter()
            .map(|(k, v)| (k, v)),
    );
    for (n, category) in [
        (0, "zero"),
        (1, "one"),
        (2, "two"),
        (3, "few"),
        (11, "many"),
        (100, "other"),
    ] {
        let got = course_web::browser::plural_category(&course.language, f64::from(n));
        assert_eq!(got, category, "{n}");
        let text = course_core::model::fill(
            course.plural("attempts_left", &got),
            &[("count", &n.to_string())],
        );
        assert_eq!(
            text,
            form(category).replace("{count}", &n.to_string()),
            "{n}"
        );
        assert!(!text.contains('{'), "{n}: {text}");
    }
    // The six texts differ: each count reads in its own form.
    let all: std::collections::HashSet<String> = ["zero", "one", "two", "few", "many", "other"]
        .iter()
        .map(|c| form(c))
        .collect();
    assert!(all.len() >= 5, "{all:?}");
}
