//! The questions' words (each question's prompt and text, its options, each option's
//! feedback and its explanation) travel in a file of their own, `feedback.json`, beside
//! `course.json`. A first visit, which reads lessons, never shows them: the app fetches
//! them with the first page that shows questions (a knowledge check or the final
//! assessment, pages whose code is in chunks anyway), so the course's critical path does
//! not carry them. `course.json` keeps what answers mean (each option's `correct`, the
//! number of pairs, the question's `hash`), so progress is read and graded without them.
//!
//! The file holds each question whole, as `course.json` would: reading it needs no code
//! beyond what reads the course, and a question is given its words by taking the whole one
//! (`Feedback::question`). The compiler splits them off (`split`); the app and the LRS
//! reporter use them once they have checked that they were made for this content (its
//! `content_hash`); `attach` puts them back into a course.

use crate::from_json_struct;
use crate::model::{Course, Question};
use serde::Serialize;

/// Where the compiler writes it and the app fetches it, beside `course.json`.
pub const FEEDBACK_FILE: &str = "feedback.json";

#[derive(Serialize, Clone, Debug, PartialEq, Default)]
pub struct Feedback {
    /// The `content_hash` of the course it belongs to.
    pub content_hash: String,
    /// Each question whole (knowledge checks, then the assessment bank). A list, not a map
    /// by id: the code that reads a course's lists of questions reads it too.
    pub questions: Vec<Question>,
    /// The player's words that only the pages in chunks use (questions, the assessment,
    /// the certificate), kept as `Course::words` keeps them: they download with those
    /// pages, not with every page (the author tool moves them here).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub words: String,
}

from_json_struct!(Feedback { content_hash, questions } or_default { words });

impl Feedback {
    /// Question `q` with its words: the whole question, or `q` as it is when this does not
    /// cover it.
    pub fn question<'a>(&'a self, q: &'a Question) -> &'a Question {
        self.questions.iter().find(|w| w.id == q.id).unwrap_or(q)
    }

    /// Whether it was made for this content (words for other content are never used).
    pub fn is_for(&self, course: &Course) -> bool {
        self.content_hash == course.content_hash
    }
}

fn questions_mut(course: &mut Course) -> impl Iterator<Item = &mut Question> {
    course
        .topics
        .iter_mut()
        .flat_map(|t| t.check.iter_mut())
        .chain(course.assessment.bank.iter_mut())
}

/// Takes every question's words out of `course` (which keeps its `content_hash`, computed
/// over the whole course, and what answers mean) and returns the questions whole.
pub fn split(course: &mut Course) -> Feedback {
    let content_hash = course.content_hash.clone();
    let mut questions = Vec::new();
    for q in questions_mut(course) {
        questions.push(q.clone());
        q.prompt_html.clear();
        q.body_html.clear();
        q.explanation_html.clear();
        for c in &mut q.choices {
            c.html.clear();
            c.feedback_html.clear();
        }
        for p in &mut q.pairs {
            p.item_html.clear();
            p.match_html.clear();
            p.feedback_html.clear();
        }
    }
    Feedback {
        content_hash,
        questions,
        words: String::new(),
    }
}

/// Puts the questions' words back into `course` (moving them: nothing is copied). Refused
/// (false, nothing changed) when they were made for other content; a question they do not
/// cover keeps what it has.
pub fn attach(course: &mut Course, feedback: Feedback) -> bool {
    if !feedback.is_for(course) {
        return false;
    }
    put_back(course, feedback.questions);
    true
}

/// Puts `whole` questions in place of those of `course` with their ids (for a reader that
/// has checked the content hash itself).
pub fn put_back(course: &mut Course, mut whole: Vec<Question>) {
    for q in questions_mut(course) {
        if let Some(i) = whole.iter().position(|w| w.id == q.id) {
            *q = whole.swap_remove(i);
        }
    }
}

/// Whether the questions of `course` have their words (every question has a prompt).
pub fn attached(course: &Course) -> bool {
    course
        .topics
        .iter()
        .flat_map(|t| t.check.iter())
        .chain(course.assessment.bank.iter())
        .all(|q| !q.prompt_html.is_empty())
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
        assert!(attach(&mut course, read));
        assert!(attached(&course));
        assert_eq!(course, whole);
    }

    #[test]
    fn feedback_for_other_content_is_refused() {
        let mut course = compiled("course");
        let mut feedback = split(&mut course);
        let before = course.clone();
        feedback.content_hash = "0000000000000000".into();
        assert!(!attach(&mut course, feedback));
        assert_eq!(course, before);
    }
}
