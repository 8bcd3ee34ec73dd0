//! Property tests (proptest): merging records is commutative and idempotent and loses
//! nothing; migration keeps what applies; saved records read back exactly; the JSON parser
//! accepts what serde_json accepts; parsers and importers never panic on any input.
//!
//! Run longer with `PROPTEST_CASES=100000 cargo test --test testsuite properties`.

use course_compiler::{
    manifest,
    markdown::{Folder, TermIndex},
    topic,
};
use course_core::assessment::{Attempt, AttemptResult};
use course_core::backup;
use course_core::diagnostics::FileDiagnostics;
use course_core::grade::Response;
use course_core::idmap::IdMap;
use course_core::json;
use course_core::model::Course;
use course_core::progress::{merge, Completion, LessonRef, Progress, SavedAnswer};
use proptest::prelude::*;

fn id() -> impl Strategy<Value = String> {
    prop::sample::select(vec!["a", "b", "c", "d", "e"]).prop_map(String::from)
}

fn time() -> impl Strategy<Value = f64> {
    (0u32..50).prop_map(f64::from)
}

fn response() -> impl Strategy<Value = Response> {
    prop_oneof![
        prop::collection::vec(0usize..4, 0..3).prop_map(Response::Choices),
        prop::collection::vec(prop::option::of(0usize..4), 0..3).prop_map(Response::Matching),
    ]
}

fn answer() -> impl Strategy<Value = SavedAnswer> {
    (
        response(),
        any::<bool>(),
        time(),
        prop::sample::select(vec!["", "h1", "h2"]),
    )
        .prop_map(|(response, correct, at, h)| SavedAnswer {
            response,
            correct,
            at,
            question_hash: h.into(),
        })
}

fn attempt() -> impl Strategy<Value = Attempt> {
    (
        0u64..6,
        prop::collection::vec(id(), 1..3),
        prop::collection::btree_map(id(), (response(), prop::option::of(time())), 0..3),
        any::<bool>(),
        time(),
        0u32..=100,
    )
        .prop_map(
            |(seed, questions, responses, done, started_at, score)| Attempt {
                seed,
                questions,
                // Some responses with the time they were given, some from before times were kept.
                answered_at: responses
                    .iter()
                    .filter_map(|(id, (_, at))| at.map(|at| (id.clone(), at)))
                    .collect(),
                responses: responses.into_iter().map(|(id, (r, _))| (id, r)).collect(),
                result: done.then(|| AttemptResult {
                    correct: score / 10,
                    total: 10,
                    score,
                    passed: score >= 80,
                    per_question: IdMap::new(),
                    submitted_at: started_at + 1.0,
                }),
                started_at,
                question_hashes: IdMap::new(),
            },
        )
}

fn progress() -> impl Strategy<Value = Progress> {
    (
        prop::option::of((id(), id()).prop_map(|(topic, lesson)| LessonRef { topic, lesson })),
        prop::collection::btree_set(id(), 0..5),
        prop::collection::btree_map(id(), answer(), 0..4),
        prop::collection::vec(attempt(), 0..3),
        prop::collection::btree_map(id(), 0u64..500, 0..3),
        prop::option::of(prop::sample::select(vec!["Ana", "Bo"]).prop_map(String::from)),
        prop::option::of(
            (
                time(),
                id(),
                prop::option::of(Just("2026-11-22".to_string())),
            )
                .prop_map(|(at, id, day)| Completion { at, id, day }),
        ),
        time(),
        prop::collection::btree_map(id(), time(), 0..3),
        prop::sample::select(vec![0u64, 1, 7, u64::MAX]),
    )
        .prop_map(
            |(
                last_lesson,
                seen,
                answers,
                attempts,
                time_on_task,
                learner_name,
                completion,
                updated_at,
                topics_done_at,
                order_seed,
            )| Progress {
                schema_version: course_core::progress::SCHEMA_VERSION,
                course_id: "c".into(),
                course_version: "1".into(),
                last_lesson,
                seen: seen.into_iter().collect(),
                answers: answers.into_iter().collect(),
                attempts,
                time_on_task: time_on_task.into_iter().collect(),
                topics_done_at: topics_done_at.into_iter().collect(),
                learner_name,
                completion,
                updated_at,
                order_seed,
            },
        )
}

proptest! {
    #[test]
    fn merge_is_commutative(a in progress(), b in progress()) {
        prop_assert_eq!(merge(&a, &b), merge(&b, &a));
    }

    #[test]
    fn merge_is_idempotent_and_absorbs(a in progress(), b in progress()) {
        let m = merge(&a, &b);
        prop_assert_eq!(merge(&m, &m), m.clone());
        prop_assert_eq!(merge(&a, &m), m.clone());
        prop_assert_eq!(merge(&m, &b), m);
    }

    #[test]
    fn merge_loses_nothing(a in progress(), b in progress()) {
        let m = merge(&a, &b);
        for p in [&a, &b] {
            prop_assert!(p.seen.iter().all(|id| m.seen.contains(id)));
            prop_assert!(p.answers.keys().all(|k| m.answers.contains_key(k)));
            prop_assert!(p.attempts.iter().all(|x| m.attempts.iter().any(|y| y.seed == x.seed)));
            for (topic, s) in &p.time_on_task {
                prop_assert!(m.time_on_task.get(topic).is_some_and(|t| t >= s));
            }
            let best = |q: &Progress| q.attempts.iter().filter_map(|x| x.result.as_ref().map(|r| r.score)).max();
            prop_assert!(best(&m) >= best(p), "the best score is kept");
            if p.completion.is_some() { prop_assert!(m.completion.is_some()); }
            if p.last_lesson.is_some() { prop_assert!(m.last_lesson.is_some()); }
            prop_assert!(p.topics_done_at.keys().all(|k| m.topics_done_at.contains_key(k)));
        }
    }
}

fn fixture_course() -> Course {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/updates/v1");
    course_compiler::load_course(&dir).unwrap()
}

/// Text made of the pieces topic files and manifests are built from, in any order.
fn author_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "# ",
        "## ",
        "### ",
        "{#",
        "}",
        "Type: ",
        "Objective: ",
        "single choice",
        "matching",
        "true or false",
        "- [x] ",
        "- [ ] ",
        "- ",
        " = ",
        "  Feedback: ",
        "Explanation: ",
        "Sources: ",
        "Knowledge check",
        "Assessment questions",
        "```",
        "\n",
        "\n\n",
        "<b>",
        "[a](",
        "assets/x.png",
        ")",
        "javascript:",
        "é",
        "x",
        "[[topics]]",
        "[assessment]",
        "id = \"",
        "\"",
        "= 3",
        "[",
        "]",
        "\t",
        "\r\n",
    ]);
    prop::collection::vec(pieces, 0..80).prop_map(|v| v.concat())
}

proptest! {
    #[test]
    fn the_topic_parser_never_panics(text in author_text()) {
        let exists = |_: &str| false;
        let diagrams = course_compiler::markdown::Diagrams::new();
        let words = course_compiler::words::for_language("en");
        let folder = Folder { file_exists: &exists, diagrams: &diagrams, words: &words };
        let terms = TermIndex::default();
        let objectives = vec!["basics".to_string()];
        let ctx = topic::TopicContext { objectives: &objectives, language: "en", folder: &folder, terms: &terms };
        let mut d = FileDiagnostics::new("t.md", &text);
        let _ = topic::parse_topic(&text, &ctx, &mut d);
        let mut ids = Vec::new();
        let _ = topic::parse_glossary(&text, &folder, &mut d, &mut ids);
    }

    #[test]
    fn the_diagram_checker_never_panics(text in any::<String>(), tail in prop::sample::select(vec![
        "", "<title>T</title>", "<text font-size=\"x\">a</text>", "<use href=\"#\"/>", "<rect fill=\"url(#\"/>",
        "<script/>", "<g onload=\"x\"/>", "<text>&amp;</text>",
    ])) {
        for svg in [text.clone(), format!("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 1 1\">{tail}{text}</svg>")] {
            let mut d = FileDiagnostics::new("x.svg", &svg);
            let _ = course_compiler::svg::check_svg(&svg, "assets/x.svg", &mut d);
        }
    }

    #[test]
    fn the_topic_parser_never_panics_on_any_text(text in any::<String>()) {
        let exists = |_: &str| true;
        let diagrams = course_compiler::markdown::Diagrams::new();
        let words = course_compiler::words::for_language("en");
        let folder = Folder { file_exists: &exists, diagrams: &diagrams, words: &words };
        let terms = TermIndex::default();
        let ctx = topic::TopicContext { objectives: &[], language: "fr", folder: &folder, terms: &terms };
        let mut d = FileDiagnostics::new("t.md", &text);
        let _ = topic::parse_topic(&text, &ctx, &mut d);
    }

    #[test]
    fn the_manifest_parser_never_panics(text in author_text()) {
        let mut d = FileDiagnostics::new("course.toml", &text);
        let _ = manifest::parse_manifest(&text, &mut d);
    }

    #[test]
    fn a_saved_record_reads_back_exactly(p in progress(), seed in any::<u64>()) {
        // Written by serde, read by `json`: every field survives, whole numbers beyond
        // 2^53 and fractional times included.
        let mut p = p;
        for a in &mut p.attempts { a.seed = seed; }
        prop_assert_eq!(json::from_str::<Progress>(&p.encode()), Ok(p));
    }

    #[test]
    fn the_json_parser_accepts_what_serde_json_accepts(
        tokens in prop::collection::vec(prop::sample::select(vec![
            "{", "}", "[", "]", ",", ":", "\"k\"", "\"\\u00e9\\n\"", "0", "-12.5e-3", "01", "1.",
            "true", "nul", "null", " ", "\"", "\\",
        ]), 0..24)
    ) {
        let text = tokens.concat();
        let ours = json::Json::parse(&text);
        let theirs = serde_json::from_str::<serde_json::Value>(&text);
        prop_assert_eq!(ours.is_ok(), theirs.is_ok(), "{:?}: {:?}", text, ours);
    }

    #[test]
    fn the_progress_importer_never_panics(p in progress(), cut in 0usize..2000, junk in any::<String>()) {
        let course = fixture_course();
        let mut p = p;
        p.course_id = course.id.clone();
        let file = backup::export(&p, &course, 1.0);
        // A whole file imports; any cut or spliced file is refused or imported, never a panic.
        prop_assert!(backup::import(&file, &course).is_ok());
        let cut = cut.min(file.len());
        let cut = (0..=cut).rev().find(|i| file.is_char_boundary(*i)).unwrap_or(0);
        let _ = backup::import(&file[..cut], &course);
        let _ = backup::import(&format!("{}{junk}{}", &file[..cut], &file[cut..]), &course);
        let _ = Progress::decode(Some(&file[..cut]), &course);
    }

    #[test]
    fn migration_from_schema_1_keeps_what_applies(p in progress()) {
        let course = fixture_course();
        let mut p = p;
        p.course_id = course.id.clone();
        // As schema 1 wrote it: no hashes, times or updated_at.
        let mut v = serde_json::to_value(&p).unwrap();
        v["schema_version"] = 1.into();
        v.as_object_mut().unwrap().remove("updated_at");
        for a in v["answers"].as_object_mut().unwrap().values_mut() {
            a.as_object_mut().unwrap().remove("at");
            a.as_object_mut().unwrap().remove("question_hash");
        }
        let migrated = match Progress::decode(Some(&v.to_string()), &course) {
            course_core::progress::Loaded::Restored(m) => m,
            other => return Err(TestCaseError::fail(format!("{other:?}"))),
        };
        let mut expected = p.clone();
        for a in expected.answers.values_mut() { a.at = 0.0; a.question_hash.clear(); }
        expected.updated_at = 0.0;
        expected.keep_what_applies(&course);
        prop_assert_eq!(migrated, expected);
    }
}

/// One thing a learner may do, by position in the course (wrapped to its size).
#[derive(Clone, Debug)]
enum Step {
    Open(usize),
    Read(usize),
    Answer(usize, bool),
    Start(u64),
    AnswerIn(usize, bool),
    Submit,
    Name(&'static str),
    Clear,
    Tick(usize),
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        (0usize..20).prop_map(Step::Open),
        (0usize..20).prop_map(Step::Read),
        ((0usize..20), any::<bool>()).prop_map(|(i, r)| Step::Answer(i, r)),
        (0u64..4).prop_map(Step::Start),
        ((0usize..20), any::<bool>()).prop_map(|(i, r)| Step::AnswerIn(i, r)),
        Just(Step::Submit),
        prop::sample::select(vec!["Ana", " ", "  Bo  Li "]).prop_map(Step::Name),
        Just(Step::Clear),
        (0usize..20).prop_map(Step::Tick),
    ]
}

/// A response to `q`: the author's right one, or the first option alone (right or not).
fn response_to(q: &course_core::model::Question, right: bool) -> Response {
    use course_core::model::QuestionKind;
    match (q.kind, right) {
        (_, true) => course_core::testing::right(q),
        (QuestionKind::Matching, false) => Response::Matching(vec![Some(0); q.pairs.len()]),
        (_, false) => Response::Choices(vec![0]),
    }
}

fn intent_of(c: &Course, p: &Progress, s: &Step) -> course_core::intent::Intent {
    use course_core::intent::Intent;
    let lessons: Vec<_> = c.lessons_in_order().collect();
    let checks: Vec<_> = c.topics.iter().flat_map(|t| &t.check).collect();
    match s {
        Step::Open(i) => {
            let (t, l) = lessons[i % lessons.len()];
            Intent::OpenLesson {
                topic: t.id.clone(),
                lesson: l.id.clone(),
            }
        }
        Step::Read(i) => Intent::ReadLesson {
            lesson: lessons[i % lessons.len()].1.id.clone(),
        },
        Step::Answer(i, right) => {
            let q = checks[i % checks.len()];
            Intent::Answer {
                question: q.id.clone(),
                response: response_to(q, *right),
            }
        }
        Step::Start(seed) => Intent::StartAttempt { seed: *seed },
        Step::AnswerIn(i, right) => {
            let open = course_core::assessment::open_attempt(p);
            let id = open.map_or_else(
                || c.assessment.bank[0].id.clone(),
                |a| a.questions[i % a.questions.len()].clone(),
            );
            let q = c.bank_question(&id).unwrap();
            Intent::AnswerInAttempt {
                question: id,
                response: response_to(q, *right),
            }
        }
        Step::Submit => Intent::SubmitAttempt,
        Step::Name(n) => Intent::NameCertificate {
            name: n.to_string(),
        },
        Step::Clear => Intent::ClearName,
        Step::Tick(i) => Intent::Tick {
            topic: c.topics[i % c.topics.len()].id.clone(),
        },
    }
}

/// Applies `steps` from `p`, one second apart, checking the rules that hold after each.
fn take(
    c: &Course,
    mut p: Progress,
    steps: &[Step],
    start: f64,
) -> Result<Progress, TestCaseError> {
    use course_core::intent::Moment;
    for (n, s) in steps.iter().enumerate() {
        let at = Moment {
            now: start + 1000.0 * n as f64,
            random: n as u64,
            day: (2026, 12, 2),
        };
        let before = p.clone();
        let intent = intent_of(c, &p, s);
        match p.apply(c, intent, at) {
            Err(_) => prop_assert_eq!(&p, &before, "a refused intent changes nothing"),
            Ok(_) => {
                if let Some(done) = &before.completion {
                    prop_assert_eq!(
                        p.completion.as_ref(),
                        Some(done),
                        "the completion is recorded once"
                    );
                }
                for (topic, when) in &before.topics_done_at {
                    prop_assert_eq!(
                        p.topics_done_at.get(topic),
                        Some(when),
                        "a topic's time is kept"
                    );
                }
                if p.completion.is_some() {
                    prop_assert!(course_core::assessment::course_complete(c, &p));
                }
                prop_assert!(
                    p.attempts.iter().filter(|a| a.result.is_none()).count() <= 1,
                    "one open attempt at most"
                );
            }
        }
    }
    Ok(p)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]
    #[test]
    fn any_sequence_of_intents_keeps_the_rules_and_merges_lawfully(
        common in prop::collection::vec(step(), 0..80),
        one in prop::collection::vec(step(), 0..40),
        two in prop::collection::vec(step(), 0..40),
    ) {
        let c = fixture_course();
        let start = take(&c, Progress::new(&c), &common, 1.0e12)?;
        // Two devices going on from the same record.
        let a = take(&c, start.clone(), &one, 2.0e12)?;
        let b = take(&c, start, &two, 3.0e12)?;
        prop_assert_eq!(merge(&a, &b), merge(&b, &a));
        prop_assert_eq!(merge(&a, &a), a.clone());
        let m = merge(&a, &b);
        prop_assert_eq!(merge(&m, &a), m.clone());
        if a.completion.is_some() || b.completion.is_some() {
            prop_assert!(m.completion.is_some());
        }
    }
}
