//! A learner's progress in one course, and how it is saved as text.
//!
//! The saved record is versioned (`schema_version`), migrated from every older version,
//! and keyed by the author's stable ids, never by position. Decoding never panics:
//! unreadable text is reported with a reason so the storage adapter can keep it aside and
//! start fresh. Two copies of a record (two tabs, a restored backup) merge without losing
//! either's work. No browser code here.

use crate::assessment::Attempt;
use crate::from_json_struct;
use crate::grade::{is_answered, Response};
use crate::idmap::{IdMap, IdSet};
use crate::json::{nonempty, nonempty_or_none, FromJson, Json};
use crate::model::{Course, Question};
use serde::Serialize;

/// The version of the saved record this build writes.
/// 1: first release. 2: answers and attempts carry question hashes and times; `updated_at`.
pub const SCHEMA_VERSION: u32 = 2;

#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct Progress {
    pub schema_version: u32,
    pub course_id: String,
    pub course_version: String,
    /// The lesson the learner last opened.
    pub last_lesson: Option<LessonRef>,
    /// Ids of lessons read to the end.
    pub seen: IdSet,
    /// Latest submitted answer per knowledge-check question id.
    pub answers: IdMap<SavedAnswer>,
    /// Final assessment attempts, oldest first; the last may still be in progress.
    pub attempts: Vec<Attempt>,
    /// Seconds of active, visible time per topic id.
    pub time_on_task: IdMap<u64>,
    /// When each topic was first done (ms since 1970), by topic id.
    pub topics_done_at: IdMap<f64>,
    /// The learner's name as they typed it for the certificate.
    pub learner_name: Option<String>,
    /// Set once, when the course is first complete.
    pub completion: Option<Completion>,
    /// When this copy was last saved, in milliseconds since 1970: decides which copy's
    /// single-valued fields (last lesson, name) win a merge.
    pub updated_at: f64,
    /// This learner's seed for the order of knowledge-check options
    /// (`grade::check_option_order`); 0 until the app draws one (`ensure_order_seed`).
    pub order_seed: u64,
}

from_json_struct!(Progress { schema_version, course_id as nonempty, course_version as nonempty, last_lesson, learner_name, completion }
    or_default { seen, answers, attempts, time_on_task, topics_done_at, updated_at, order_seed });

#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct Completion {
    /// Milliseconds since 1970, as the browser gives it.
    pub at: f64,
    /// A short id printed on the certificate, to tell one completion from another.
    pub id: String,
    /// The calendar day it counts for, `YYYY-MM-DD`: the learner's own day where they
    /// completed (local time), decided once and shown alike on the certificate and in the
    /// completion record. `None` in completions saved before it was kept (then: UTC).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub day: Option<String>,
}

from_json_struct!(Completion { at, id as nonempty, day as nonempty_or_none });

impl Completion {
    /// The day the completion counts for, `YYYY-MM-DD`.
    pub fn day(&self) -> String {
        self.day
            .clone()
            .unwrap_or_else(|| crate::record::iso_date(self.at))
    }
}

#[derive(Serialize, Clone, Debug, PartialEq, Eq)]
pub struct LessonRef {
    pub topic: String,
    pub lesson: String,
}

from_json_struct!(LessonRef { topic as nonempty, lesson as nonempty });

#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct SavedAnswer {
    pub response: Response,
    pub correct: bool,
    /// When it was submitted (ms since 1970); the later of two answers wins a merge.
    pub at: f64,
    /// `Question::hash` when it was answered; empty in records older than schema 2.
    pub question_hash: String,
}

from_json_struct!(SavedAnswer { response, correct } or_default { at, question_hash });

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
            seen: IdSet::new(),
            answers: IdMap::new(),
            attempts: Vec::new(),
            time_on_task: IdMap::new(),
            topics_done_at: IdMap::new(),
            learner_name: None,
            completion: None,
            updated_at: 0.0,
            order_seed: 0,
        }
    }

    /// Gives the record a seed for the order of knowledge-check options if it has none yet.
    /// `random` comes from the caller (the core takes no randomness of its own); 0 is
    /// "none", so it is never the seed.
    pub fn ensure_order_seed(&mut self, random: u64) {
        if self.order_seed == 0 {
            self.order_seed = random.max(1);
        }
    }

    /// Reads a saved record for `course`. Lessons and questions the course no longer has
    /// are dropped; everything that still applies is kept.
    pub fn decode(raw: Option<&str>, course: &Course) -> Loaded {
        let fresh = Progress::new(course);
        let Some(raw) = raw else {
            return Loaded::Fresh(fresh);
        };
        let json = match Json::parse(raw) {
            Ok(json) => json,
            Err(e) => {
                return Loaded::Unreadable {
                    reason: format!("the saved progress is not valid JSON ({e})"),
                    fresh,
                }
            }
        };
        // The schema version is read first, on its own, so that a record from a newer player
        // is recognised whatever its other fields look like.
        match migrate(json.get("schema_version").and_then(Json::as_u64)) {
            Ok(()) => {}
            Err(Migration::Newer(v)) => {
                return Loaded::Newer {
                    reason: format!("the saved progress was written by a newer version of this course player (record version {v})"),
                    fresh,
                }
            }
            Err(Migration::Unknown) => {
                return Loaded::Unreadable {
                    reason: "the saved progress has no known schema_version".into(),
                    fresh,
                }
            }
        }
        let mut p = match Progress::from_json(&json) {
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
                reason: format!(
                    "the saved progress belongs to another course ('{}')",
                    p.course_id
                ),
                fresh,
            };
        }
        p.schema_version = SCHEMA_VERSION;
        p.keep_what_applies(course);
        Loaded::Restored(p)
    }

    /// Whether two copies hold the same progress, whenever each was saved.
    pub fn same_content(&self, other: &Progress) -> bool {
        let mut a = self.clone();
        a.updated_at = other.updated_at;
        &a == other
    }

    pub fn encode(&self) -> String {
        serde_json::to_string(self).expect("progress always serialises")
    }

    /// Drops what the course no longer has, and answers to questions whose options changed
    /// since; keeps everything else.
    pub fn keep_what_applies(&mut self, course: &Course) {
        if let Some(l) = &self.last_lesson {
            if course.lesson(&l.topic, &l.lesson).is_none() {
                self.last_lesson = None;
            }
        }
        // Lookups are linear: a course has tens of lessons and questions, and lookup maps
        // would cost the wasm more than they save.
        self.seen
            .retain(|id| course.lessons_in_order().any(|(_, l)| l.id == *id));
        // An answer applies if its question still exists, was not changed since (when we
        // know), and still fits it.
        let applies = |q: Option<&Question>, hash: &str, r: &Response| {
            q.is_some_and(|q| (hash.is_empty() || hash == q.hash) && is_answered(q, r))
        };
        self.answers
            .retain(|id, a| applies(course.check_question(id), &a.question_hash, &a.response));
        // An attempt in progress keeps the drawn questions the bank still has, and the
        // answers that still apply; submitted attempts are history and stay as they were.
        self.attempts.retain_mut(|a| {
            if a.result.is_some() {
                return true;
            }
            a.questions.retain(|id| course.bank_question(id).is_some());
            let hashes = a.question_hashes.clone();
            a.responses.retain(|id, r| {
                applies(
                    course.bank_question(id),
                    hashes.get(id).map(String::as_str).unwrap_or(""),
                    r,
                )
            });
            a.question_hashes = course.bank_hashes(&a.questions);
            let responses = &a.responses;
            a.answered_at.retain(|id, _| responses.get(id).is_some());
            !a.questions.is_empty()
        });
        self.time_on_task.retain(|id, _| course.topic(id).is_some());
        self.topics_done_at
            .retain(|id, _| course.topic(id).is_some());
        self.course_version = course.version.clone();
    }
}

/// Why a record could not be brought up to date.
#[derive(Debug, PartialEq)]
pub enum Migration {
    /// Written by a newer player, with this schema version.
    Newer(u64),
    /// No schema version this player knows.
    Unknown,
}

/// Whether a saved record of this schema version can be read as `SCHEMA_VERSION`, stepping
/// through each released version. Each step only adds fields with defaults or renames
/// (read under both names); nothing that still applies is dropped.
pub fn migrate(schema_version: Option<u64>) -> Result<(), Migration> {
    let mut version = schema_version.ok_or(Migration::Unknown)?;
    loop {
        match version {
            v if v == SCHEMA_VERSION as u64 => return Ok(()),
            v if v > SCHEMA_VERSION as u64 => return Err(Migration::Newer(v)),
            // 1 -> 2: new fields all have defaults (no question hashes: answers are checked
            // against the questions' current shape instead).
            1 => version = 2,
            _ => return Err(Migration::Unknown),
        }
    }
}

fn json(v: &impl Serialize) -> String {
    serde_json::to_string(v).unwrap_or_default()
}

/// The larger of two values by a key, ties broken by their JSON text, so that choosing is
/// the same whichever comes first.
fn pick<'a, T: Serialize, K: PartialOrd>(a: &'a T, b: &'a T, key: impl Fn(&T) -> K) -> &'a T {
    match key(a).partial_cmp(&key(b)) {
        Some(std::cmp::Ordering::Greater) => a,
        Some(std::cmp::Ordering::Less) => b,
        _ => {
            if json(a) >= json(b) {
                a
            } else {
                b
            }
        }
    }
}

/// Merges two copies of the same learner's record (two tabs, or a restored backup) so
/// that neither loses work: lessons seen and attempts are united, the later answer to a
/// question wins, time on task and scores are kept at their highest, the first completion
/// stands. Commutative and idempotent.
pub fn merge(a: &Progress, b: &Progress) -> Progress {
    let mut answers = a.answers.clone();
    for (id, theirs) in &b.answers {
        let chosen = match answers.get(id) {
            Some(ours) => pick(ours, theirs, |x| (x.at, x.correct)).clone(),
            None => theirs.clone(),
        };
        answers.insert(id.clone(), chosen);
    }
    // One attempt per seed (a handful at most, so a list is enough).
    let mut attempts: Vec<Attempt> = Vec::new();
    for x in a.attempts.iter().chain(b.attempts.iter()) {
        match attempts.iter_mut().find(|y| y.seed == x.seed) {
            None => attempts.push(x.clone()),
            Some(y) => *y = merge_attempt(x, y),
        }
    }
    // Seeds are unique here, so this is one order whichever copy came first.
    crate::idmap::sort_short(&mut attempts, |x, y| {
        x.started_at
            .total_cmp(&y.started_at)
            .then(x.seed.cmp(&y.seed))
            .is_lt()
    });
    let mut time_on_task = a.time_on_task.clone();
    for (topic, s) in &b.time_on_task {
        let t = time_on_task.get_or_insert_with(topic.clone(), || 0);
        *t = (*t).max(*s);
    }
    let mut topics_done_at = a.topics_done_at.clone();
    for (topic, at) in &b.topics_done_at {
        let t = topics_done_at.get_or_insert_with(topic.clone(), || *at);
        *t = t.min(*at);
    }
    let completion = match (&a.completion, &b.completion) {
        (Some(x), Some(y)) => Some(pick(x, y, |c| -c.at).clone()),
        (x, y) => x.clone().or_else(|| y.clone()),
    };
    let (ta, tb) = (a.updated_at, b.updated_at);
    Progress {
        schema_version: a.schema_version.max(b.schema_version),
        course_id: pick(&(ta, &a.course_id), &(tb, &b.course_id), |p| p.0)
            .1
            .clone(),
        course_version: pick(&(ta, &a.course_version), &(tb, &b.course_version), |p| p.0)
            .1
            .clone(),
        last_lesson: latest((ta, &a.last_lesson), (tb, &b.last_lesson)),
        seen: {
            let mut seen = a.seen.clone();
            seen.extend(b.seen.iter().cloned());
            seen
        },
        answers,
        attempts,
        time_on_task,
        topics_done_at,
        learner_name: latest((ta, &a.learner_name), (tb, &b.learner_name)),
        completion,
        updated_at: ta.max(tb),
        // The smaller seed, 0 (none) giving way: one order whichever tab saved first.
        order_seed: match (a.order_seed, b.order_seed) {
            (0, s) | (s, 0) => s,
            (x, y) => x.min(y),
        },
    }
}

/// The value from the copy saved later (ties broken by the value), preferring a value to none.
fn latest<T: Serialize + Clone>(a: (f64, &Option<T>), b: (f64, &Option<T>)) -> Option<T> {
    match (a.1, b.1) {
        (Some(x), Some(y)) => Some(pick(&(a.0, x), &(b.0, y), |p| p.0).1.clone()),
        (x, y) => x.clone().or_else(|| y.clone()),
    }
}

/// Two copies of the same attempt (same seed): a submitted one wins (the higher score if
/// both were); two open ones unite their answers.
fn merge_attempt(x: &Attempt, y: &Attempt) -> Attempt {
    match (&x.result, &y.result) {
        (Some(_), None) => x.clone(),
        (None, Some(_)) => y.clone(),
        (Some(_), Some(_)) => pick(x, y, |z| z.result.as_ref().map(|r| r.score)).clone(),
        (None, None) => {
            // The later response to each question (by when it was given; equal times,
            // or records from before times were kept, fall back to the text).
            let at = |a: &Attempt, id: &str| a.answered_at.get(id).copied().unwrap_or(0.0);
            let mut responses = x.responses.clone();
            for (id, r) in &y.responses {
                let (ours_at, theirs_at) = (at(x, id), at(y, id));
                let keep = match responses.get(id) {
                    Some(have) if ours_at > theirs_at => have.clone(),
                    Some(have) if ours_at == theirs_at => pick(have, r, |_| 0).clone(),
                    _ => r.clone(),
                };
                responses.insert(id.clone(), keep);
            }
            // When each was given: the later of the two copies' times, which is the kept
            // response's (a union: the same whichever copy comes first).
            let mut answered_at = x.answered_at.clone();
            for (id, &when) in &y.answered_at {
                let later = answered_at.get(id).map_or(when, |&have| have.max(when));
                answered_at.insert(id.clone(), later);
            }
            let mut question_hashes = x.question_hashes.clone();
            for (id, h) in &y.question_hashes {
                let keep = match question_hashes.get(id) {
                    Some(have) => pick(have, h, |_| 0).clone(),
                    None => h.clone(),
                };
                question_hashes.insert(id.clone(), keep);
            }
            Attempt {
                seed: x.seed,
                questions: pick(&x.questions, &y.questions, |q| q.len()).clone(),
                responses,
                result: None,
                started_at: x.started_at.min(y.started_at),
                question_hashes,
                answered_at,
            }
        }
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::testing::compiled;

    fn course() -> Course {
        compiled("valid")
    }
    use crate::grade::Response;

    fn started(c: &Course) -> Progress {
        let mut p = Progress::new(c);
        p.last_lesson = Some(LessonRef {
            topic: "one".into(),
            lesson: "first".into(),
        });
        p.seen.insert("first".into());
        p.answers.insert(
            "q1".into(),
            SavedAnswer {
                response: Response::Choices(vec![0]),
                correct: true,
                at: 1.0,
                question_hash: String::new(),
            },
        );
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
        assert!(
            !is_active(true, 200_000.0, 50_000.0),
            "idle for over a minute"
        );
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
        assert_eq!(
            reason(r#"{"course_id":"fixture"}"#),
            "the saved progress has no known schema_version"
        );
        assert_eq!(
            reason(r#"{"schema_version":99}"#),
            "the saved progress was written by a newer version of this course player (record version 99)"
        );
        assert!(reason(
            r#"{"schema_version":1,"course_id":"fixture","course_version":"1","seen":7}"#
        )
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
        p.answers.insert(
            "removed-q".into(),
            SavedAnswer {
                response: Response::Choices(vec![1]),
                correct: false,
                at: 2.0,
                question_hash: String::new(),
            },
        );
        let Loaded::Restored(back) = Progress::decode(Some(&p.encode()), &c) else {
            panic!()
        };
        assert_eq!(back, started(&c));

        p.last_lesson = Some(LessonRef {
            topic: "one".into(),
            lesson: "gone".into(),
        });
        let Loaded::Restored(back) = Progress::decode(Some(&p.encode()), &c) else {
            panic!()
        };
        assert_eq!(back.last_lesson, None);
    }

    #[test]
    fn the_later_response_in_an_open_attempt_wins_a_merge_whichever_text_sorts_first() {
        let c = course();
        let mut open = Attempt {
            seed: 7,
            questions: vec!["b1".into()],
            responses: IdMap::new(),
            result: None,
            started_at: 1.0,
            question_hashes: IdMap::new(),
            answered_at: IdMap::new(),
        };
        // One box ticked, saved; then a second one ticked. "[1]" sorts after "[1,3]".
        open.answer("b1", Response::Choices(vec![1]), 10.0);
        let mut earlier = Progress::new(&c);
        earlier.attempts.push(open.clone());
        open.answer("b1", Response::Choices(vec![1, 3]), 20.0);
        let mut later = Progress::new(&c);
        later.attempts.push(open);
        for merged in [merge(&earlier, &later), merge(&later, &earlier)] {
            assert_eq!(
                merged.attempts[0].responses.get("b1"),
                Some(&Response::Choices(vec![1, 3]))
            );
            assert_eq!(merged.attempts[0].answered_at.get("b1"), Some(&20.0));
        }
    }
}
