//! What a learner sees only after answering (each option's feedback and each question's
//! explanation) travels in a file of its own, `feedback.json`, beside `course.json`. It is
//! most of the text of the questions, and a first visit, which reads lessons, never shows
//! it: the app fetches it with the first page that grades answers (a knowledge check or the
//! final assessment, pages whose code is in chunks anyway), so the course's critical path
//! does not carry it. The compiler splits it off (`split`); the app looks it up
//! (`Feedback::option`, `Feedback::explanation`) once it has checked that it was made for
//! this content (its `content_hash`); `attach` puts it back into a course (tests, tools).

use crate::from_json_struct;
use crate::idmap::IdMap;
use crate::model::{Course, Question};
use serde::Serialize;

/// Where the compiler writes it and the app fetches it, beside `course.json`.
pub const FEEDBACK_FILE: &str = "feedback.json";

#[derive(Serialize, Clone, Debug, PartialEq, Default)]
pub struct Feedback {
    /// The `content_hash` of the course it belongs to.
    pub content_hash: String,
    /// By question id (knowledge checks and the assessment bank).
    pub questions: IdMap<QuestionFeedback>,
    /// The player's words that only the pages in chunks use (questions, the assessment,
    /// the certificate), kept as `Course::words` keeps them: they download with those
    /// pages, not with every page (the author tool moves them here).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub words: String,
}

from_json_struct!(Feedback { content_hash, questions } or_default { words });

#[derive(Serialize, Clone, Debug, PartialEq, Default)]
pub struct QuestionFeedback {
    /// Per option (choices, or pairs of a matching question), in the author's order.
    pub options: Vec<String>,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub explanation_html: String,
}

from_json_struct!(QuestionFeedback { options } or_default { explanation_html });

impl Feedback {
    /// Whether it was made for this content (feedback for other content is never used).
    pub fn is_for(&self, course: &Course) -> bool {
        self.content_hash == course.content_hash
    }

    /// The feedback on option (or pair) `i` of question `id`, in the author's order.
    pub fn option(&self, id: &str, i: usize) -> Option<&str> {
        self.questions.get(id)?.options.get(i).map(String::as_str)
    }

    /// The explanation of question `id`, if it has one.
    pub fn explanation(&self, id: &str) -> Option<&str> {
        let e = &self.questions.get(id)?.explanation_html;
        (!e.is_empty()).then_some(e.as_str())
    }
}

fn questions_mut(course: &mut Course) -> impl Iterator<Item = &mut Question> {
    course
        .topics
        .iter_mut()
        .flat_map(|t| t.check.iter_mut())
        .chain(course.assessment.bank.iter_mut())
}

fn slots(q: &mut Question) -> Vec<&mut String> {
    q.choices
        .iter_mut()
        .map(|c| &mut c.feedback_html)
        .chain(q.pairs.iter_mut().map(|p| &mut p.feedback_html))
        .collect()
}

/// Takes every question's feedback and explanation out of `course` (which keeps its
/// `content_hash`, computed over the whole course) and returns them.
pub fn split(course: &mut Course) -> Feedback {
    let content_hash = course.content_hash.clone();
    let mut questions = IdMap::new();
    for q in questions_mut(course) {
        let explanation_html = std::mem::take(&mut q.explanation_html);
        let options = slots(q).into_iter().map(std::mem::take).collect();
        questions.insert(
            q.id.clone(),
            QuestionFeedback {
                options,
                explanation_html,
            },
        );
    }
    Feedback {
        content_hash,
        questions,
        words: String::new(),
    }
}

/// Puts `feedback` back into `course`. Refused (false, nothing changed) when it was made
/// for other content; a question it does not cover keeps what it has.
pub fn attach(course: &mut Course, feedback: &Feedback) -> bool {
    if !feedback.is_for(course) {
        return false;
    }
    for q in questions_mut(course) {
        let Some(f) = feedback.questions.get(&q.id) else {
            continue;
        };
        if !f.explanation_html.is_empty() {
            q.explanation_html = f.explanation_html.clone();
        }
        for (slot, text) in slots(q).into_iter().zip(&f.options) {
            *slot = text.clone();
        }
    }
    true
}

/// Whether any question of `course` has its feedback (the app fetches it once).
pub fn attached(course: &Course) -> bool {
    course
        .topics
        .iter()
        .flat_map(|t| t.check.iter())
        .chain(course.assessment.bank.iter())
        .any(|q| {
            q.choices.iter().any(|c| !c.feedback_html.is_empty())
                || q.pairs.iter().any(|p| !p.feedback_html.is_empty())
        })
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::testing::compiled;

    #[test]
    fn split_then_attach_gives_the_course_back_and_the_rest_is_smaller() {
        let whole = compiled("course");
        let mut course = whole.clone();
        let feedback = split(&mut course);
        assert!(!attached(&course));
        assert_eq!(course.content_hash, whole.content_hash);
        let questions =
            whole.topics.iter().map(|t| t.check.len()).sum::<usize>() + whole.assessment.bank.len();
        assert_eq!(feedback.questions.len(), questions);
        let json = |c: &Course| serde_json::to_string(c).unwrap().len();
        let (rest, all) = (json(&course), json(&whole));
        assert!(
            rest * 100 < all * 90,
            "feedback is a tenth or more of the course: {rest} of {all} bytes left"
        );
        // Through JSON, as the app reads it.
        let text = serde_json::to_string(&feedback).unwrap();
        let read: Feedback = crate::json::from_str(&text).unwrap();
        assert!(attach(&mut course, &read));
        assert!(attached(&course));
        assert_eq!(course, whole);
    }

    #[test]
    fn feedback_for_other_content_is_refused() {
        let mut course = compiled("course");
        let mut feedback = split(&mut course);
        let before = course.clone();
        feedback.content_hash = "0000000000000000".into();
        assert!(!attach(&mut course, &feedback));
        assert_eq!(course, before);
    }
}
