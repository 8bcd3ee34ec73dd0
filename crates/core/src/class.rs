//! A class's results from a Learning Record Store: the statements the learners' players
//! sent (`xapi`), read back by the instructor's page and turned into the completion
//! records that files give (`record`), so that the table, the per-question results, the
//! charts and the exports are the same whichever way the results came.
//!
//! The page asks the LRS for two activities only (`Class::activities`): the course itself
//! (`initialized`, `terminated` with the time on task, `completed` with the certificate's
//! id and day) and the assessment (`passed` or `failed`, with the attempt's right and
//! wrong questions). That is a handful of statements per learner, not the fifty or so a
//! whole course sends, and each is read once: loading is linear in the statements.
//!
//! What those statements cannot say is left out rather than guessed: records from an LRS
//! have no per-topic part (`topics` is empty), and a learner the LRS never heard from is
//! not in the class.

// The instructor's page, at class scale: B-tree maps (already in its wasm for
// `record::question_stats`), not the learner's `IdMap`.
#![allow(clippy::disallowed_types)]

use crate::idmap::IdMap;
use crate::json::Json;
use crate::model::Course;
use crate::record::{
    iso_date, AttemptRecord, CompletionRecord, QuestionResult, Status, RECORD_KIND, RECORD_SCHEMA,
};
use std::collections::BTreeMap;

const VERB_PREFIX: &str = "http://adlnet.gov/expapi/verbs/";
const EXT_QUESTIONS: &str = "urn:course-engine:xapi:questions";
const EXT_COMPLETION: &str = "urn:course-engine:xapi:completion";
const EXT_TIME: &str = "urn:course-engine:xapi:time-on-task";

/// One learner, as their statements tell it.
#[derive(Default, Debug)]
struct Learner {
    name: String,
    /// Submitted attempts: when, score, passed, and each question's right or wrong.
    attempts: Vec<(f64, u32, bool, IdMap<bool>)>,
    /// When the course was completed, with the certificate's id and day if told.
    completed: Option<(f64, Option<String>, Option<String>)>,
    /// The latest time on task a session told (it is the course's total so far).
    time_on_task: Option<u64>,
    /// Sessions' lengths, in seconds (what counts when no session told the time on task).
    session_seconds: u64,
}

/// A class being read from an LRS, page after page of statements.
#[derive(Default, Debug)]
pub struct Class {
    root: String,
    learners: Vec<Learner>,
    /// Where each learner is in `learners`, by who they are (`identity`).
    index: BTreeMap<String, usize>,
    /// Statements read, and those among them that were not this course's or unusable.
    pub read: usize,
    pub skipped: usize,
}

/// One page of a statements query: how many statements it had, and the address of the
/// next page (`more`), if any.
#[derive(Debug, PartialEq)]
pub struct Page {
    pub statements: usize,
    pub more: Option<String>,
}

impl Class {
    /// A class of the course whose activity id is `root` (`xapi::course_activity_id`, or
    /// the one the launching system gave).
    pub fn new(root: &str) -> Class {
        Class {
            root: root.to_string(),
            ..Class::default()
        }
    }

    /// The activities whose statements make the class: the course and its assessment.
    pub fn activities(&self) -> [String; 2] {
        [self.root.clone(), format!("{}/assessment", self.root)]
    }

    /// The first page's address for `activity`, at the LRS whose xAPI base is `endpoint`
    /// (ending in `/`): oldest first, as many at a time as the LRS allows (`limit=0`).
    pub fn query(endpoint: &str, activity: &str) -> String {
        format!(
            "{endpoint}statements?activity={}&ascending=true&limit=0",
            crate::xapi::query_encode(activity)
        )
    }

    /// The address of the next page, from the `more` of the page before: an LRS gives it
    /// relative to its own origin (`/xAPI/statements?...`), or whole.
    pub fn next(endpoint: &str, more: &str) -> String {
        if more.starts_with("http://") || more.starts_with("https://") {
            more.to_string()
        } else if more.starts_with('/') {
            format!("{}{more}", crate::xapi::origin_of(endpoint))
        } else {
            format!("{endpoint}{more}")
        }
    }

    /// Reads one page of a statements query (`{"statements": [...], "more": "..."}`).
    pub fn add_page(&mut self, text: &str) -> Result<Page, String> {
        let page = Json::parse(text).map_err(|_| "the LRS's answer is not JSON".to_string())?;
        let statements = page
            .get("statements")
            .and_then(Json::as_array)
            .ok_or("the LRS's answer has no statements")?;
        for s in statements {
            self.add(s);
        }
        Ok(Page {
            statements: statements.len(),
            more: page
                .get("more")
                .and_then(Json::as_str)
                .filter(|m| !m.is_empty())
                .map(str::to_string),
        })
    }

    /// Takes one statement into account (one that is not about this course, or not one
    /// this player sends, is counted in `skipped`).
    pub fn add(&mut self, s: &Json) {
        self.read += 1;
        if self.take(s).is_none() {
            self.skipped += 1;
        }
    }

    fn take(&mut self, s: &Json) -> Option<()> {
        let verb = s
            .get("verb")?
            .get("id")?
            .as_str()?
            .strip_prefix(VERB_PREFIX)?;
        let object = s.get("object")?.get("id")?.as_str()?;
        let at = parse_timestamp(s.get("timestamp")?.as_str()?)?;
        let actor = s.get("actor")?;
        let result = s.get("result");
        let ext = |key: &str| result?.get("extensions")?.get(key);
        let on_course = object == self.root;
        let on_assessment = object
            .strip_prefix(self.root.as_str())
            .is_some_and(|rest| rest == "/assessment");
        let kind = match verb {
            "initialized" | "terminated" | "completed" if on_course => verb,
            "passed" | "failed" if on_assessment => verb,
            _ => return None,
        };
        let (key, name) = identity(actor)?;
        let slot = match self.index.get(&key) {
            Some(&i) => i,
            None => {
                self.learners.push(Learner {
                    name,
                    ..Learner::default()
                });
                self.index.insert(key, self.learners.len() - 1);
                self.learners.len() - 1
            }
        };
        let learner = &mut self.learners[slot];
        match kind {
            "terminated" => {
                if let Some(t) = ext(EXT_TIME).and_then(Json::as_u64) {
                    learner.time_on_task = Some(learner.time_on_task.unwrap_or(0).max(t));
                }
                let d = result
                    .and_then(|r| r.get("duration"))
                    .and_then(Json::as_str)
                    .and_then(parse_duration)
                    .unwrap_or(0);
                learner.session_seconds += d;
            }
            "completed" => {
                let mark = ext(EXT_COMPLETION);
                let field = |k: &str| {
                    mark.and_then(|m| m.get(k))
                        .and_then(Json::as_str)
                        .map(str::to_string)
                };
                if learner.completed.as_ref().is_none_or(|c| at < c.0) {
                    learner.completed = Some((at, field("id"), field("day")));
                }
            }
            "passed" | "failed" => {
                let score = result?.get("score")?;
                let raw = score.get("raw").and_then(Json::as_u64).or_else(|| {
                    score
                        .get("scaled")
                        .and_then(Json::as_f64)
                        .map(|x| (x * 100.0).round().max(0.0) as u64)
                })?;
                let mut questions = IdMap::new();
                if let Some(q) = ext(EXT_QUESTIONS).and_then(Json::as_object) {
                    for (id, right) in q {
                        if let Some(right) = right.as_bool() {
                            questions.insert(id.clone(), right);
                        }
                    }
                }
                // The same attempt told twice (a retried request the LRS took twice under
                // different ids cannot happen, but two pages may overlap) counts once.
                if !learner.attempts.iter().any(|a| a.0 == at) {
                    learner
                        .attempts
                        .push((at, raw.min(100) as u32, kind == "passed", questions));
                }
            }
            _ => {}
        }
        Some(())
    }

    /// How many learners have been heard from so far.
    pub fn learners(&self) -> usize {
        self.learners.len()
    }

    /// Each learner's completion record for `course`, as of `now`, in the order they were
    /// first heard from.
    pub fn records(&self, course: &Course, now: f64) -> Vec<CompletionRecord> {
        let objective: BTreeMap<&str, &str> = course
            .assessment
            .bank
            .iter()
            .map(|q| (q.id.as_str(), q.objective.as_str()))
            .collect();
        self.learners
            .iter()
            .map(|l| {
                // Oldest first (an insertion sort: a learner has a few attempts).
                let mut attempts: Vec<&(f64, u32, bool, IdMap<bool>)> = Vec::new();
                for a in &l.attempts {
                    let at = attempts
                        .iter()
                        .position(|b| b.0 > a.0)
                        .unwrap_or(attempts.len());
                    attempts.insert(at, a);
                }
                let passed = attempts.iter().any(|a| a.2);
                let status = if l.completed.is_some() {
                    Status::Completed
                } else if !passed && crate::assessment::attempts_left(course, attempts.len()) == 0 {
                    Status::Failed
                } else {
                    Status::Incomplete
                };
                let mut record = CompletionRecord {
                    kind: RECORD_KIND.into(),
                    schema: RECORD_SCHEMA,
                    learner: l.name.clone(),
                    course_id: course.id.clone(),
                    course_title: course.title.clone(),
                    course_version: course.version.clone(),
                    status,
                    completed_on: l
                        .completed
                        .as_ref()
                        .map(|(at, _, day)| day.clone().unwrap_or_else(|| iso_date(*at))),
                    completion_id: l.completed.as_ref().and_then(|c| c.1.clone()),
                    best_score: attempts.iter().map(|a| a.1).max(),
                    pass_mark: course.assessment.pass_mark,
                    time_on_task_seconds: l.time_on_task.unwrap_or(l.session_seconds),
                    topics: Vec::new(),
                    attempts: attempts
                        .iter()
                        .enumerate()
                        .map(|(i, a)| AttemptRecord {
                            number: i as u32 + 1,
                            score: a.1,
                            passed: a.2,
                            submitted_at: a.0,
                            questions: a
                                .3
                                .iter()
                                .map(|(id, &correct)| QuestionResult {
                                    id: id.clone(),
                                    objective: objective
                                        .get(id.as_str())
                                        .copied()
                                        .unwrap_or("")
                                        .to_string(),
                                    correct,
                                })
                                .collect(),
                        })
                        .collect(),
                    exported_at: now,
                    checksum: String::new(),
                };
                record.checksum = record.compute_checksum();
                record
            })
            .collect()
    }
}

/// Who a statement's actor is (a key that tells learners apart, by the xAPI identifier
/// they have) and the name to show.
fn identity(actor: &Json) -> Option<(String, String)> {
    let text = |k: &str| {
        actor
            .get(k)
            .and_then(Json::as_str)
            .filter(|v| !v.is_empty())
    };
    let (key, shown) = if let Some(m) = text("mbox") {
        (
            format!("mbox {m}"),
            m.strip_prefix("mailto:").unwrap_or(m).to_string(),
        )
    } else if let Some(a) = actor.get("account") {
        let name = a.get("name").and_then(Json::as_str)?;
        let home = a.get("homePage").and_then(Json::as_str).unwrap_or("");
        (format!("account {home} {name}"), name.to_string())
    } else if let Some(s) = text("mbox_sha1sum") {
        (format!("sha1 {s}"), s.to_string())
    } else {
        let o = text("openid")?;
        (format!("openid {o}"), o.to_string())
    };
    Some((key, text("name").map(str::to_string).unwrap_or(shown)))
}

/// Milliseconds since 1970 from an ISO 8601 timestamp as LRSs write them
/// (`2026-12-02T09:30:00Z`, `2026-12-02T09:30:00.123456+00:00`, `...+05:30`).
pub fn parse_timestamp(s: &str) -> Option<f64> {
    let b = s.as_bytes();
    let num = |from: usize, len: usize| -> Option<i64> {
        let part = s.get(from..from + len)?;
        part.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| part.parse().ok())?
    };
    if b.len() < 19 || b[4] != b'-' || b[7] != b'-' || !matches!(b[10], b'T' | b't' | b' ') {
        return None;
    }
    let (year, month, day) = (num(0, 4)?, num(5, 2)?, num(8, 2)?);
    let (hour, minute, second) = (num(11, 2)?, num(14, 2)?, num(17, 2)?);
    if !(1..=12).contains(&month)
        || !(1..=31).contains(&day)
        || hour > 23
        || minute > 59
        || second > 60
    {
        return None;
    }
    let mut i = 19;
    let mut millis = 0.0;
    if b.get(i) == Some(&b'.') {
        let start = i + 1;
        i = start;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        let digits = &s[start..i];
        if digits.is_empty() {
            return None;
        }
        millis = format!("0.{digits}").parse::<f64>().ok()? * 1000.0;
    }
    let offset_minutes = match s.get(i..)? {
        "Z" | "z" | "" => 0,
        rest if rest.len() == 6 && matches!(&rest[..1], "+" | "-") && &rest[3..4] == ":" => {
            let m = num(i + 1, 2)? * 60 + num(i + 4, 2)?;
            if rest.starts_with('-') {
                -m
            } else {
                m
            }
        }
        _ => return None,
    };
    let days = days_from_civil(year, month, day);
    let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offset_minutes * 60;
    Some(seconds as f64 * 1000.0 + millis)
}

/// Days since 1970-01-01 of a date in the proleptic Gregorian calendar (Howard Hinnant's
/// `days_from_civil`).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Whole seconds of an ISO 8601 duration as xAPI writes them (`PT1H2M3.5S`, `P1DT2H`).
pub fn parse_duration(s: &str) -> Option<u64> {
    let rest = s.strip_prefix('P')?;
    let mut seconds = 0.0;
    let mut number = String::new();
    let mut in_time = false;
    for c in rest.chars() {
        match c {
            'T' if number.is_empty() => in_time = true,
            '0'..='9' | '.' => number.push(c),
            unit => {
                let n: f64 = number.parse().ok()?;
                number.clear();
                seconds += n * match (unit, in_time) {
                    ('W', false) => 604_800.0,
                    ('D', false) => 86_400.0,
                    ('H', true) => 3600.0,
                    ('M', true) => 60.0,
                    ('S', true) => 1.0,
                    _ => return None,
                };
            }
        }
    }
    number.is_empty().then_some(seconds as u64)
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::progress::Progress;
    use crate::record::read_record;
    use crate::testing::{compiled, finish_topics, ids, submit_attempt};

    fn course() -> crate::model::Course {
        compiled("course")
    }
    use crate::xapi::{course_activity_id, Launch, Session, Statement, Tracker};

    fn launch(who: &str) -> Launch {
        let actor = format!(r#"{{"mbox":"mailto:{who}@example.org","name":"{who}"}}"#);
        Launch::from_query(&format!(
            "?endpoint=http%3A%2F%2F127.0.0.1%3A8100%2FxAPI&auth=Basic%20dTpw&actor={}",
            crate::xapi::query_encode(&actor)
        ))
        .unwrap()
        .unwrap()
    }

    /// What a learner's player sends over a whole course, as the LRS would hand it back.
    fn everything(c: &Course, who: &str, p: &Progress) -> Vec<Statement> {
        let s = Session::new(c, &launch(who));
        let mut id = ids();
        let mut all = vec![s.initialized(id(), 1_000.0)];
        all.extend(Tracker::default().news(&s, c, p, 50_000.0, &mut id));
        let time: u64 = p.time_on_task.values().sum();
        all.push(s.terminated(id(), 60_000.0, 59, Some(time)));
        all
    }

    fn page(statements: &[Statement], more: Option<&str>) -> String {
        let json: Vec<String> = statements.iter().map(Statement::to_json).collect();
        format!(
            r#"{{"statements":[{}],"more":{}}}"#,
            json.join(","),
            more.map_or("\"\"".to_string(), |m| format!("\"{m}\""))
        )
    }

    #[test]
    fn a_learner_from_the_lrs_is_the_record_their_file_would_be() {
        let c = course();
        let mut p = Progress::new(&c);
        finish_topics(&c, &mut p, 2_000.0);
        submit_attempt(&c, &mut p, 9, 3, 3_000.0, 4_000.0);
        submit_attempt(&c, &mut p, 10, usize::MAX, 5_000.0, 6_000.0);
        p.completion = Some(crate::progress::Completion {
            at: 6_000.0,
            id: "AB12-CD34".into(),
            day: Some("1970-01-02".into()),
        });
        p.time_on_task.insert("t1".into(), 125);
        p.time_on_task.insert("t2".into(), 300);

        let mut class = Class::new(&course_activity_id(&c));
        // Everything the player sent, in two pages; the class keeps what it needs.
        let all = everything(&c, "amina", &p);
        let (first, second) = all.split_at(all.len() / 2);
        assert_eq!(
            class.add_page(&page(first, Some("/xAPI/statements?search_after=x"))),
            Ok(Page {
                statements: first.len(),
                more: Some("/xAPI/statements?search_after=x".into())
            })
        );
        assert_eq!(class.add_page(&page(second, None)).unwrap().more, None);
        assert_eq!(class.learners(), 1);
        assert_eq!(class.read, all.len());

        let got = class.records(&c, 7_000.0).remove(0);
        let file = crate::record::CompletionRecord::of(&c, &p, "amina", 7_000.0);
        assert_eq!(got.learner, "amina");
        assert_eq!(got.status, Status::Completed);
        assert_eq!(got.completed_on.as_deref(), Some("1970-01-02"));
        assert_eq!(got.completion_id.as_deref(), Some("AB12-CD34"));
        assert_eq!(got.best_score, file.best_score);
        assert_eq!(got.time_on_task_seconds, 425);
        // Attempts: the same scores, results and questions (in id order) as the file's.
        assert_eq!(got.attempts.len(), 2);
        for (g, f) in got.attempts.iter().zip(&file.attempts) {
            assert_eq!(
                (g.number, g.score, g.passed, g.submitted_at),
                (f.number, f.score, f.passed, f.submitted_at)
            );
            let mut want = f.questions.clone();
            want.sort_by(|x, y| x.id.cmp(&y.id));
            assert_eq!(g.questions, want);
        }
        assert_eq!(
            crate::record::question_stats(&c, std::slice::from_ref(&got)),
            crate::record::question_stats(&c, &[file])
        );
        // And it is a record the results page reads back from a file.
        assert_eq!(read_record(&got.to_json(), &c), Ok(got));
    }

    #[test]
    fn learners_are_told_apart_by_who_they_are_and_other_courses_are_skipped() {
        let c = course();
        let mut class = Class::new(&course_activity_id(&c));
        let mut p = Progress::new(&c);
        submit_attempt(&c, &mut p, 9, 0, 3_000.0, 4_000.0);
        for who in ["a", "b", "a"] {
            for s in everything(&c, who, &p) {
                class.add(&Json::parse(&s.to_json()).unwrap());
            }
        }
        // Another course's statement, and something that is not a statement.
        let mut other = c.clone();
        other.id = "other".into();
        for s in everything(&other, "a", &p) {
            class.add(&Json::parse(&s.to_json()).unwrap());
        }
        class.add(&Json::parse(r#"{"id": 3}"#).unwrap());
        assert_eq!(class.learners(), 2);
        let records = class.records(&c, 0.0);
        // "a" sent the same attempt twice (two sessions' first report): it counts once.
        assert_eq!(records[0].attempts.len(), 1);
        assert_eq!(records[0].status, Status::Incomplete);
        assert_eq!(records[0].best_score, Some(0));
        assert!(class.skipped > 0);
    }

    #[test]
    fn out_of_attempts_without_a_pass_is_failed() {
        let c = course();
        let mut p = Progress::new(&c);
        for n in 0..c.assessment.attempts {
            let (at, then) = (1_000.0 * f64::from(n), 1_000.0 * f64::from(n + 1));
            submit_attempt(&c, &mut p, u64::from(n), 0, at, then);
        }
        let mut class = Class::new(&course_activity_id(&c));
        for s in everything(&c, "x", &p) {
            class.add(&Json::parse(&s.to_json()).unwrap());
        }
        assert_eq!(class.records(&c, 0.0)[0].status, Status::Failed);
    }

    #[test]
    fn an_answer_that_is_not_statements_says_so() {
        let mut class = Class::new("urn:x");
        assert!(class.add_page("<html>").unwrap_err().contains("not JSON"));
        assert!(class.add_page("{}").unwrap_err().contains("no statements"));
    }

    #[test]
    fn timestamps_and_durations_are_read_as_lrss_write_them() {
        assert_eq!(parse_timestamp("1970-01-01T00:00:00Z"), Some(0.0));
        assert_eq!(
            parse_timestamp("1970-01-02T00:00:01.5Z"),
            Some(86_401_500.0)
        );
        assert_eq!(
            parse_timestamp("2026-12-02T09:30:00.123456+00:00"),
            parse_timestamp("2026-12-02T10:30:00.123456+01:00")
        );
        let t = parse_timestamp("2026-12-02T09:30:00.000Z").unwrap();
        assert_eq!(crate::xapi::timestamp(t), "2026-12-02T09:30:00.000Z");
        assert_eq!(
            parse_timestamp("2024-02-29T00:00:00Z"),
            Some(1_709_164_800_000.0)
        );
        for bad in [
            "",
            "2026-13-01T00:00:00Z",
            "2026-12-02",
            "2026-12-02T09:30:00+0100",
            "x026-12-02T09:30:00Z",
        ] {
            assert_eq!(parse_timestamp(bad), None, "{bad}");
        }
        assert_eq!(parse_duration("PT1H2M3.5S"), Some(3723));
        assert_eq!(parse_duration("P1DT1S"), Some(86_401));
        assert_eq!(parse_duration(&crate::xapi::duration(3725)), Some(3725));
        assert_eq!(parse_duration("PT5"), None);
        assert_eq!(parse_duration("1H"), None);
    }

    /// Writes what `CLASS_LEARNERS` learners' players would have told an LRS about the
    /// course and its assessment, one statement a line (a file-backed Ralph's store), to
    /// `CLASS_STATEMENTS`, for `scripts/bench-lrs-class.mjs`. Learners differ: one to three
    /// sessions, none to three attempts, completion when one passed.
    #[test]
    fn class_statements() {
        let (Ok(out), Ok(n)) = (
            std::env::var("CLASS_STATEMENTS"),
            std::env::var("CLASS_LEARNERS"),
        ) else {
            return;
        };
        let n: u32 = n.parse().unwrap();
        let c = course();
        let bank: Vec<&str> = c.assessment.bank.iter().map(|q| q.id.as_str()).collect();
        let mut text = String::new();
        let mut next = 0u32;
        let mut id = || {
            next += 1;
            let mut b = [0u8; 16];
            b[..4].copy_from_slice(&next.to_le_bytes());
            crate::xapi::uuid_v4(b)
        };
        let start = 1_795_305_600_000.0;
        for learner in 0..n {
            let s = Session::new(&c, &launch(&format!("learner-{learner}")));
            let t = start + f64::from(learner) * 1_000.0;
            let mut all = Vec::new();
            let sessions = 1 + learner % 3;
            for k in 0..sessions {
                let at = t + f64::from(k) * 86_400_000.0;
                all.push(s.initialized(id(), at));
                all.push(s.terminated(id(), at + 900_000.0, 900, Some(u64::from(k + 1) * 900)));
            }
            let mut passed = None;
            for a in 0..(learner % 4) {
                let score = (40 + (learner * 7 + a * 23) % 61).min(100);
                let per_question = bank
                    .iter()
                    .skip((a as usize * 10) % bank.len())
                    .take(10)
                    .enumerate()
                    .map(|(i, q)| (q.to_string(), (i as u32) < score / 10))
                    .collect();
                let result = crate::assessment::AttemptResult {
                    correct: score / 10,
                    total: 10,
                    score,
                    passed: score >= c.assessment.pass_mark,
                    per_question,
                    submitted_at: t + f64::from(a) * 3_600_000.0 + 600_000.0,
                };
                all.push(s.attempt_result(id(), &result));
                if result.passed {
                    passed = Some((result.submitted_at, score));
                    break;
                }
            }
            if let Some((at, score)) = passed {
                let done = crate::progress::Completion {
                    at,
                    id: format!("L{learner:05}"),
                    day: Some(crate::record::iso_date(at)),
                };
                all.push(s.completed(id(), at, Some(score), Some(&done)));
            }
            for st in all {
                text.push_str(&st.to_json());
                text.push('\n');
            }
        }
        std::fs::write(out, text).unwrap();
    }

    #[test]
    fn a_query_asks_for_one_activity_oldest_first() {
        assert_eq!(
            Class::query("https://lrs.example.org/xAPI/", "urn:course-engine:c:1.0"),
            "https://lrs.example.org/xAPI/statements?activity=urn%3Acourse-engine%3Ac%3A1.0&ascending=true&limit=0"
        );
        let e = "https://lrs.example.org:8443/xAPI/";
        assert_eq!(
            Class::next(e, "/xAPI/statements/?search_after=a&pit_id="),
            "https://lrs.example.org:8443/xAPI/statements/?search_after=a&pit_id="
        );
        assert_eq!(Class::next(e, "https://other/more"), "https://other/more");
        assert_eq!(
            Class::next(e, "statements?p=2"),
            "https://lrs.example.org:8443/xAPI/statements?p=2"
        );
        assert_eq!(
            Class::new("urn:r").activities(),
            ["urn:r".to_string(), "urn:r/assessment".to_string()]
        );
    }
}
