//! A learner's progress in one course, and how it is saved as text.
//!
//! The saved record is versioned (`schema_version`) and keyed by the author's stable ids,
//! never by position. Decoding never panics: unreadable text is reported with a reason so
//! the storage adapter can keep it aside and start fresh. No browser code here.

use crate::assessment::Attempt;
use crate::grade::Response;
use crate::model::Course;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// The version of the saved record this build writes.
pub const SCHEMA_VERSION: u32 = 1;

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Progress {
    pub schema_version: u32,
    pub course_id: String,
    pub course_version: String,
    /// The lesson the learner last opened.
    #[serde(default)]
    pub last_lesson: Option<LessonRef>,
    /// Ids of lessons read to the end.
    #[serde(default)]
    pub seen: BTreeSet<String>,
    /// Latest submitted answer per knowledge-check question id.
    #[serde(default)]
    pub answers: BTreeMap<String, SavedAnswer>,
    /// Final assessment attempts, oldest first; the last may still be in progress.
    #[serde(default)]
    pub attempts: Vec<Attempt>,
    /// Seconds of active, visible time per topic id.
    #[serde(default)]
    pub time_on_task: BTreeMap<String, u64>,
    /// The learner's name as they typed it for the certificate.
    #[serde(default)]
    pub learner_name: Option<String>,
    /// Set once, when the course is first complete.
    #[serde(default)]
    pub completion: Option<Completion>,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Completion {
    /// Milliseconds since 1970, as the browser gives it.
    pub at: f64,
    /// A short id printed on the certificate, to tell one completion from another.
    pub id: String,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct LessonRef {
    pub topic: String,
    pub lesson: String,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct SavedAnswer {
    pub response: Response,
    pub correct: bool,
}

/// How often the app credits time on task, and after how long without input the learner
/// counts as away.
pub const TIME_TICK_SECONDS: u64 = 5;
pub const IDLE_AFTER_MS: f64 = 60_000.0;

/// Whether time now counts as time on task: the page is visible and the learner did
/// something (scrolled, typed, touched) within the idle limit.
pub fn is_active(page_visible: bool, now_ms: f64, last_input_ms: f64) -> bool {
    page_visible && now_ms - last_input_ms <= IDLE_AFTER_MS
}

/// What was found in storage.
#[derive(Debug, PartialEq)]
pub enum Loaded {
    /// Nothing saved yet.
    Fresh(Progress),
    /// A readable record.
    Restored(Progress),
    /// A record that cannot be used; the raw text must be kept aside, never thrown away.
    Unreadable { reason: String, fresh: Progress },
    /// A record written by a newer player: readable there, so it must never be overwritten.
    Newer { reason: String, fresh: Progress },
}

/// The local-storage key of a course's record.
pub fn storage_key(course_id: &str) -> String {
    format!("course-engine:{course_id}:progress")
}

/// The key under which an unreadable record is kept.
pub fn backup_key(course_id: &str) -> String {
    format!("course-engine:{course_id}:progress-backup")
}

impl Progress {
    pub fn new(course: &Course) -> Progress {
        Progress {
            schema_version: SCHEMA_VERSION,
            course_id: course.id.clone(),
            course_version: course.version.clone(),
            last_lesson: None,
            seen: BTreeSet::new(),
            answers: BTreeMap::new(),
            attempts: Vec::new(),
            time_on_task: BTreeMap::new(),
            learner_name: None,
            completion: None,
        }
    }

    /// Reads a saved record for `course`. Lessons and questions the course no longer has
    /// are dropped; everything that still applies is kept.
    pub fn decode(raw: Option<&str>, course: &Course) -> Loaded {
        let fresh = Progress::new(course);
        let Some(raw) = raw else {
            return Loaded::Fresh(fresh);
        };
        let value: serde_json::Value = match serde_json::from_str(raw) {
            Ok(v) => v,
            Err(e) => {
                return Loaded::Unreadable {
                    reason: format!("the saved progress is not valid JSON ({e})"),
                    fresh,
                }
            }
        };
        match value.get("schema_version").and_then(|v| v.as_u64()) {
            Some(v) if v == SCHEMA_VERSION as u64 => {}
            Some(v) if v > SCHEMA_VERSION as u64 => {
                return Loaded::Newer {
                    reason: format!("the saved progress was written by a newer version of this course player (record version {v})"),
                    fresh,
                }
            }
            _ => {
                return Loaded::Unreadable {
                    reason: "the saved progress has no known schema_version".into(),
                    fresh,
                }
            }
        }
        let mut p: Progress = match serde_json::from_value(value) {
            Ok(p) => p,
            Err(e) => {
                return Loaded::Unreadable {
                    reason: format!("the saved progress has fields of the wrong type ({e})"),
                    fresh,
                }
            }
        };
        if p.course_id != course.id {
            return Loaded::Unreadable {
                reason: format!("the saved progress belongs to another course ('{}')", p.course_id),
                fresh,
            };
        }
        p.keep_what_applies(course);
        Loaded::Restored(p)
    }

    pub fn encode(&self) -> String {
        serde_json::to_string(self).expect("progress always serialises")
    }

    /// Drops references to lessons and questions the course no longer has.
    pub fn keep_what_applies(&mut self, course: &Course) {
        if let Some(l) = &self.last_lesson {
            if course.lesson(&l.topic, &l.lesson).is_none() {
                self.last_lesson = None;
            }
        }
        let lessons: BTreeSet<&str> = course.lessons_in_order().map(|(_, l)| l.id.as_str()).collect();
        self.seen.retain(|id| lessons.contains(id.as_str()));
        let questions: BTreeSet<&str> = course
            .topics
            .iter()
            .flat_map(|t| t.check.iter())
            .chain(course.assessment.bank.iter())
            .map(|q| q.id.as_str())
            .collect();
        self.answers.retain(|id, _| questions.contains(id.as_str()));
        // An attempt in progress keeps the drawn questions the bank still has; submitted
        // attempts are history and stay as they were.
        if let Some(open) = self.attempts.last_mut().filter(|a| a.result.is_none()) {
            open.questions.retain(|id| questions.contains(id.as_str()));
            open.responses.retain(|id, _| questions.contains(id.as_str()));
            if open.questions.is_empty() {
                self.attempts.pop();
            }
        }
        self.time_on_task.retain(|id, _| course.topic(id).is_some());
        self.course_version = course.version.clone();
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::grade::Response;

    fn course() -> Course {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid");
        crate::compiler::load_course(&dir).expect("the valid fixture compiles")
    }

    fn started(c: &Course) -> Progress {
        let mut p = Progress::new(c);
        p.last_lesson = Some(LessonRef { topic: "one".into(), lesson: "first".into() });
        p.seen.insert("first".into());
        p.answers.insert("q1".into(), SavedAnswer { response: Response::Choices(vec![0]), correct: true });
        p
    }

    #[test]
    fn a_saved_record_reads_back_the_same() {
        let c = course();
        let p = started(&c);
        assert_eq!(Progress::decode(Some(&p.encode()), &c), Loaded::Restored(p));
    }

    #[test]
    fn only_visible_recent_activity_counts_as_time_on_task() {
        assert!(is_active(true, 100_000.0, 50_000.0));
        assert!(!is_active(true, 200_000.0, 50_000.0), "idle for over a minute");
        assert!(!is_active(false, 100_000.0, 99_000.0), "tab hidden");
    }

    #[test]
    fn nothing_saved_is_a_fresh_start() {
        let c = course();
        assert_eq!(Progress::decode(None, &c), Loaded::Fresh(Progress::new(&c)));
    }

    fn reason(raw: &str) -> String {
        match Progress::decode(Some(raw), &course()) {
            Loaded::Unreadable { reason, .. } | Loaded::Newer { reason, .. } => reason,
            other => panic!("expected unreadable, got {other:?}"),
        }
    }

    #[test]
    fn unreadable_records_say_why() {
        assert!(reason("{not json").starts_with("the saved progress is not valid JSON"));
        assert_eq!(reason(r#"{"course_id":"fixture"}"#), "the saved progress has no known schema_version");
        assert_eq!(
            reason(r#"{"schema_version":99}"#),
            "the saved progress was written by a newer version of this course player (record version 99)"
        );
        assert!(reason(r#"{"schema_version":1,"course_id":"fixture","course_version":"1","seen":7}"#)
            .starts_with("the saved progress has fields of the wrong type"));
        assert_eq!(
            reason(r#"{"schema_version":1,"course_id":"other","course_version":"1"}"#),
            "the saved progress belongs to another course ('other')"
        );
    }

    #[test]
    fn what_the_course_no_longer_has_is_dropped_and_the_rest_kept() {
        let c = course();
        let mut p = started(&c);
        p.seen.insert("removed-lesson".into());
        p.answers.insert("removed-q".into(), SavedAnswer { response: Response::Choices(vec![1]), correct: false });
        let Loaded::Restored(back) = Progress::decode(Some(&p.encode()), &c) else { panic!() };
        assert_eq!(back, started(&c));

        p.last_lesson = Some(LessonRef { topic: "one".into(), lesson: "gone".into() });
        let Loaded::Restored(back) = Progress::decode(Some(&p.encode()), &c) else { panic!() };
        assert_eq!(back.last_lesson, None);
    }
}
