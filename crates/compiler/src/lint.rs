//! The item-writing and timing lint: course-wide warnings that need the whole course
//! (per-question and per-lesson warnings are raised where those are parsed, in `topic`).
//! Warnings never stop a build; `check --deny-warnings` makes them fail.

use super::markdown::TermIndex;
use crate::diagnostics::{Diagnostic, Place};
use crate::model::{Course, Question, QuestionKind};

/// Reading speed for the time estimate, in words a minute.
pub const WORDS_PER_MINUTE: f64 = 200.0;
/// Minutes per knowledge-check question (read, answer, read the feedback).
pub const MINUTES_PER_CHECK_QUESTION: f64 = 0.5;
/// Minutes per assessment question drawn, counted in the assessment's topic.
pub const MINUTES_PER_ASSESSMENT_QUESTION: f64 = 1.0;
/// How far a topic's declared minutes may be from the estimate (a share of it, and never
/// less than a minute: minutes are whole numbers).
pub const MINUTES_TOLERANCE: f64 = 0.2;
/// How far the course's `estimated_minutes` may be from the topics' estimates added up
/// (45 ± 3 minutes), and never less than a minute.
pub const COURSE_MINUTES_TOLERANCE: f64 = 1.0 / 15.0;

/// Where things are defined, to point warnings at them.
pub struct Places<'a> {
    pub questions: &'a [(String, Place)],
    pub glossary: &'a [(String, Place)],
    pub topics: &'a [(String, Place)],
    pub estimated_minutes: Place,
    /// Whether to weigh the minutes against the text: not for a translation, whose words
    /// count differently (the minutes are the source's).
    pub timing: bool,
}

fn place_of<'a>(places: &'a [(String, Place)], id: &str) -> Option<&'a Place> {
    places.iter().find(|(i, _)| i == id).map(|(_, p)| p)
}

/// The estimated minutes a topic takes: its lessons read at `WORDS_PER_MINUTE`, its
/// knowledge check, and the final assessment if it is at the topic's end.
pub fn estimated_minutes(course: &Course, topic: &crate::model::Topic) -> f64 {
    let words: u32 = topic.lessons.iter().map(|l| l.words).sum();
    let mut minutes =
        f64::from(words) / WORDS_PER_MINUTE + topic.check.len() as f64 * MINUTES_PER_CHECK_QUESTION;
    if course.assessment.topic == topic.id {
        minutes +=
            f64::from(course.assessment.questions_per_attempt) * MINUTES_PER_ASSESSMENT_QUESTION;
    }
    minutes
}

/// Course-wide warnings, appended to `out`.
pub fn course(course: &Course, places: &Places, terms: &TermIndex, out: &mut Vec<Diagnostic>) {
    let checks: Vec<&Question> = course.topics.iter().flat_map(|t| t.check.iter()).collect();
    let bank: Vec<&Question> = course.assessment.bank.iter().collect();
    for (group, qs) in [("knowledge-check", &checks), ("assessment", &bank)] {
        keys_alike(group, qs, places, out);
    }
    for (id, at) in places.glossary {
        if !terms.is_linked(id) {
            let term = course
                .glossary
                .iter()
                .find(|t| &t.id == id)
                .map_or(id.as_str(), |t| t.term.as_str());
            out.push(at.problem(format!(
                "glossary term '{term}' is never used in a lesson, so no learner meets its definition; use it in a lesson or remove it"
            )));
        }
    }
    if !places.timing {
        return;
    }
    let mut total = 0.0;
    for t in &course.topics {
        let estimate = estimated_minutes(course, t);
        total += estimate;
        let declared = f64::from(t.minutes);
        if (declared - estimate).abs() > (MINUTES_TOLERANCE * estimate).max(1.0) {
            if let Some(at) = place_of(places.topics, &t.id) {
                out.push(at.problem(format!(
                    "topic '{}' says minutes = {} but takes about {:.0} ({}); set minutes to about {:.0}, or cut or add content",
                    t.id,
                    t.minutes,
                    estimate,
                    breakdown(course, t),
                    estimate
                )));
            }
        }
    }
    let declared = f64::from(course.estimated_minutes);
    if (declared - total).abs() > (COURSE_MINUTES_TOLERANCE * total).max(1.0) {
        out.push(places.estimated_minutes.problem(format!(
            "the course says estimated_minutes = {} but its topics take about {total:.0} minutes in all",
            course.estimated_minutes
        )));
    }
}

fn breakdown(course: &Course, t: &crate::model::Topic) -> String {
    let words: u32 = t.lessons.iter().map(|l| l.words).sum();
    let mut parts = vec![format!("{words} words at {WORDS_PER_MINUTE:.0} a minute")];
    if !t.check.is_empty() {
        parts.push(format!(
            "{} knowledge-check questions at {MINUTES_PER_CHECK_QUESTION} minutes",
            t.check.len()
        ));
    }
    if course.assessment.topic == t.id {
        parts.push(format!(
            "{} assessment questions at {MINUTES_PER_ASSESSMENT_QUESTION} minute",
            course.assessment.questions_per_attempt
        ));
    }
    parts.join(", ")
}

/// True/false items all keyed alike, or multiple-response items all with the same number
/// of correct options: a pattern a test-wise learner can use without knowing anything.
fn keys_alike(group: &str, qs: &[&Question], places: &Places, out: &mut Vec<Diagnostic>) {
    let at = |q: &Question| place_of(places.questions, &q.id);
    let tf: Vec<&&Question> = qs
        .iter()
        .filter(|q| q.kind == QuestionKind::TrueFalse)
        .collect();
    if tf.len() >= 3 {
        let trues = tf
            .iter()
            .filter(|q| q.choices.first().is_some_and(|c| c.correct))
            .count();
        if trues == 0 || trues == tf.len() {
            if let Some(p) = at(tf[0]) {
                out.push(p.problem(format!(
                    "all {} true/false {group} questions are keyed {}: a learner who always answers that passes them without knowing; key some of them {}",
                    tf.len(),
                    if trues == 0 { "False" } else { "True" },
                    if trues == 0 { "True" } else { "False" }
                )));
            }
        }
    }
    let mr: Vec<&&Question> = qs
        .iter()
        .filter(|q| q.kind == QuestionKind::MultipleResponse)
        .collect();
    if mr.len() >= 3 {
        let count = |q: &Question| q.choices.iter().filter(|c| c.correct).count();
        let first = count(mr[0]);
        if mr.iter().all(|q| count(q) == first) {
            if let Some(p) = at(mr[0]) {
                out.push(p.problem(format!(
                    "all {} multiple-response {group} questions have exactly {first} correct options: vary how many are correct",
                    mr.len()
                )));
            }
        }
    }
}
