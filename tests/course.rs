//! The shipped course (`course/`): it compiles with no problems and keeps the shape the
//! course brief asks for. The counts come from the compiler's own output (`CourseStats`),
//! so an edit that breaks them fails here with the numbers.

#![cfg(not(target_arch = "wasm32"))]

use course_engine::compiler::load_course;
use course_engine::model::{Course, QuestionKind};
use course_engine::stats::CourseStats;
use std::path::Path;

fn course() -> Course {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("course");
    match load_course(&dir) {
        Ok(c) => c,
        Err(problems) => panic!(
            "the course has problems:\n{}",
            problems
                .iter()
                .map(|p| p.to_string())
                .collect::<Vec<_>>()
                .join("\n")
        ),
    }
}

#[test]
fn the_course_compiles_with_no_problems() {
    let c = course();
    assert_eq!(c.id, "emm2-international-cooperation");
    assert_eq!(c.title, "International Cooperation on Migration");
}

#[test]
fn five_topics_of_two_to_four_lessons_adding_up_to_45_minutes() {
    let s = CourseStats::of(&course());
    let ids: Vec<&str> = s.topics.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "introduction",
            "actors",
            "dialogues",
            "initiatives",
            "summary"
        ]
    );
    assert_eq!(s.minutes, 45);
    for t in &s.topics[..4] {
        assert!(
            (2..=4).contains(&t.lessons),
            "topic {} has {} lessons",
            t.id,
            t.lessons
        );
        assert!(
            t.check_questions >= 3,
            "topic {} has {} knowledge-check questions",
            t.id,
            t.check_questions
        );
    }
    assert!(s.topics[4].lessons >= 1);
    for t in &s.topics {
        assert_eq!(
            t.lessons_without_sources, 0,
            "topic {} has lessons without a Sources line",
            t.id
        );
    }
}

#[test]
fn lesson_prose_is_4500_to_7000_words() {
    let s = CourseStats::of(&course());
    assert!((4500..=7000).contains(&s.words), "{} words", s.words);
}

#[test]
fn the_assessment_bank_covers_every_objective_and_three_types() {
    let c = course();
    let s = CourseStats::of(&c);
    assert!(s.bank >= 20, "{} assessment questions", s.bank);
    assert_eq!(s.bank_per_objective.len(), 3);
    for (objective, n) in &s.bank_per_objective {
        assert!(
            *n >= 5,
            "objective {objective} has {n} assessment questions"
        );
    }
    assert!(s.bank_per_kind.len() >= 3, "types: {:?}", s.bank_per_kind);
    let a = &c.assessment;
    assert_eq!(
        (a.pass_mark, a.attempts, a.questions_per_attempt),
        (80, 3, 10)
    );
    assert_eq!(
        a.requires,
        ["introduction", "actors", "dialogues", "initiatives"]
    );
}

#[test]
fn knowledge_checks_use_every_question_type() {
    let s = CourseStats::of(&course());
    for kind in [
        QuestionKind::SingleChoice,
        QuestionKind::MultipleResponse,
        QuestionKind::TrueFalse,
        QuestionKind::Matching,
    ] {
        assert!(
            s.check_per_kind.contains_key(&kind) || s.bank_per_kind.contains_key(&kind),
            "no {} question",
            kind.author_name()
        );
    }
}

#[test]
fn every_answer_has_feedback_that_explains() {
    let c = course();
    let questions = c
        .topics
        .iter()
        .flat_map(|t| t.check.iter())
        .chain(c.assessment.bank.iter());
    for q in questions {
        let feedback = q
            .choices
            .iter()
            .map(|c| &c.feedback_html)
            .chain(q.pairs.iter().map(|p| &p.feedback_html));
        for f in feedback {
            let words = f.split_whitespace().count();
            assert!(
                words >= 4,
                "question {} has feedback too short to explain why: {f}",
                q.id
            );
        }
    }
}

#[test]
fn glossary_has_the_key_terms() {
    let c = course();
    assert!(
        c.glossary.len() >= 15,
        "{} glossary terms",
        c.glossary.len()
    );
    for term in [
        "GCM", "IOM", "UNNM", "RCP", "ISCM", "GFMD", "IMRF", "WOSA", "WOGA",
    ] {
        assert!(
            c.glossary
                .iter()
                .any(|g| g.term.starts_with(term) || g.id == term.to_lowercase()),
            "glossary lacks {term}"
        );
    }
    assert!(
        c.resources_html
            .as_deref()
            .is_some_and(|r| r.contains("<li>")),
        "resources page lists resources"
    );
}
