//! SCORM 1.2 mapping (pure): the lesson status, score and session time an LMS records, and
//! the learner's progress packed into `cmi.suspend_data`, which SCORM 1.2 caps at 4,096
//! characters.
//!
//! Packing uses positions within the course (lesson order, question order) to stay small,
//! so a packed record names the course content hash it was made against; unpacking refuses
//! a record made against other content rather than misplace progress.

use crate::assessment::{best_score, passed, standing, Attempt, AttemptResult, Standing};
use crate::from_json_struct;
use crate::grade::Response;
use crate::idmap::IdMap;
use crate::model::Course;
use crate::progress::{Completion, LessonRef, Progress, SavedAnswer};
use serde::Serialize;

/// The most characters `cmi.suspend_data` may hold in SCORM 1.2.
pub const SUSPEND_LIMIT: usize = 4096;

/// `cmi.core.lesson_status`: passed, failed (no attempts left) or incomplete.
pub fn lesson_status(course: &Course, p: &Progress) -> &'static str {
    if passed(p) {
        "passed"
    } else if matches!(standing(course, p), Standing::OutOfAttempts { .. }) {
        "failed"
    } else {
        "incomplete"
    }
}

/// `cmi.core.score.raw` (0 to 100), when the learner has a score.
pub fn score_raw(p: &Progress) -> Option<u32> {
    best_score(p)
}

/// `cmi.core.session_time` as a SCORM 1.2 CMITimespan, `HHHH:MM:SS.SS`.
pub fn session_time(seconds: u64) -> String {
    let h = (seconds / 3600).min(9999);
    format!("{h:04}:{:02}:{:02}.00", (seconds / 60) % 60, seconds % 60)
}

#[derive(Serialize, Debug, PartialEq)]
struct Packed {
    /// Packing format.
    v: u32,
    /// The first 8 characters of the course content hash.
    h: String,
    /// One character per lesson in reading order: '1' read, '0' not.
    s: String,
    /// Last lesson, as its position in reading order.
    #[serde(skip_serializing_if = "Option::is_none")]
    l: Option<usize>,
    /// Knowledge-check answers: (question position in check order, correct, response).
    a: Vec<(usize, u8, String)>,
    /// Seconds on task per topic, in topic order.
    t: Vec<u64>,
    /// When each topic was done, in seconds since 1970 (0 = not yet), in topic order.
    d: Vec<u64>,
    /// Attempts: seed, started (s), drawn bank positions, responses, result.
    x: Vec<PackedAttempt>,
    #[serde(skip_serializing_if = "Option::is_none")]
    n: Option<String>,
    /// Completion: (seconds since 1970, id).
    #[serde(skip_serializing_if = "Option::is_none")]
    c: Option<(u64, String)>,
    /// The completion's day (`Completion::day`), when it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    cd: Option<String>,
}

from_json_struct!(Packed { v, h, s, l, n, c } or_default { a, t, d, x, cd });

#[derive(Serialize, Debug, PartialEq)]
struct PackedAttempt {
    s: u64,
    t: u64,
    q: Vec<usize>,
    r: Vec<String>,
    /// Result: score, passed, one '1'/'0' per drawn question, submitted (s).
    #[serde(skip_serializing_if = "Option::is_none")]
    z: Option<(u32, u8, String, u64)>,
}

from_json_struct!(PackedAttempt { s, t, q, r, z });

/// A response as a few characters: choices as digits (`02`), matches as digits with `-`
/// for none (`m10-`), empty for none.
fn pack_response(r: &Response) -> String {
    let digit = |i: usize| char::from_digit(i as u32, 36).unwrap_or('z');
    match r {
        Response::Choices(c) => c.iter().map(|&i| digit(i)).collect(),
        Response::Matching(m) => std::iter::once('m')
            .chain(m.iter().map(|x| x.map(digit).unwrap_or('-')))
            .collect(),
    }
}

fn unpack_response(s: &str) -> Response {
    let index = |c: char| c.to_digit(36).map(|d| d as usize);
    match s.strip_prefix('m') {
        Some(m) => Response::Matching(m.chars().map(index).collect()),
        None => Response::Choices(s.chars().filter_map(index).collect()),
    }
}

fn secs(ms: f64) -> u64 {
    (ms / 1000.0).max(0.0) as u64
}

/// What packing refers to by position: (topic, lesson) ids in reading order, and
/// knowledge-check questions in course order.
fn positions(course: &Course) -> (Vec<(&str, &str)>, Vec<&crate::model::Question>) {
    let lessons = course
        .lessons_in_order()
        .map(|(t, l)| (t.id.as_str(), l.id.as_str()))
        .collect();
    let checks = course.topics.iter().flat_map(|t| t.check.iter()).collect();
    (lessons, checks)
}

/// Packs progress for `cmi.suspend_data`.
pub fn pack(course: &Course, p: &Progress) -> String {
    pack_with(course, p, true)
}

/// Packs progress, with time on task or (for telling meaningful changes from ticks)
/// without it.
fn pack_with(course: &Course, p: &Progress, time: bool) -> String {
    let (lessons, checks) = positions(course);
    let bank = &course.assessment.bank;
    let position = |id: &str| bank.iter().position(|q| q.id == id);
    let packed = Packed {
        v: 1,
        h: course.content_hash.chars().take(8).collect(),
        s: lessons
            .iter()
            .map(|(_, l)| if p.seen.contains(l) { '1' } else { '0' })
            .collect(),
        l: p.last_lesson.as_ref().and_then(|r| {
            lessons
                .iter()
                .position(|(t, l)| *t == r.topic && *l == r.lesson)
        }),
        a: checks
            .iter()
            .enumerate()
            .filter_map(|(i, q)| {
                p.answers
                    .get(&q.id)
                    .map(|a| (i, u8::from(a.correct), pack_response(&a.response)))
            })
            .collect(),
        t: course
            .topics
            .iter()
            .map(|t| {
                if time {
                    p.time_on_task.get(&t.id).copied().unwrap_or(0)
                } else {
                    0
                }
            })
            .collect(),
        d: course
            .topics
            .iter()
            .map(|t| p.topics_done_at.get(&t.id).map(|&ms| secs(ms)).unwrap_or(0))
            .collect(),
        x: p.attempts
            .iter()
            .map(|a| PackedAttempt {
                s: a.seed,
                t: secs(a.started_at),
                q: a.questions.iter().filter_map(|id| position(id)).collect(),
                r: a.questions
                    .iter()
                    .filter(|id| position(id).is_some())
                    .map(|id| a.responses.get(id).map(pack_response).unwrap_or_default())
                    .collect(),
                z: a.result.as_ref().map(|r| {
                    let bits = a
                        .questions
                        .iter()
                        .filter(|id| position(id).is_some())
                        .map(|id| {
                            if r.per_question.get(id) == Some(&true) {
                                '1'
                            } else {
                                '0'
                            }
                        })
                        .collect();
                    (r.score, u8::from(r.passed), bits, secs(r.submitted_at))
                }),
            })
            .collect(),
        n: p.learner_name.clone(),
        c: p.completion.as_ref().map(|c| (secs(c.at), c.id.clone())),
        cd: p.completion.as_ref().and_then(|c| c.day.clone()),
    };
    serde_json::to_string(&packed).expect("packed progress always serialises")
}

/// Unpacks `cmi.suspend_data` made by `pack` for this course's content.
pub fn unpack(text: &str, course: &Course) -> Result<Progress, String> {
    let packed: Packed = crate::json::from_str(text)
        .map_err(|_| "the LMS's saved data is not this course player's".to_string())?;
    if packed.v != 1 {
        return Err(format!(
            "the LMS's saved data has packing format {}, which this player does not read",
            packed.v
        ));
    }
    if !course.content_hash.starts_with(&packed.h) || packed.h.is_empty() {
        return Err("the LMS's saved data was made for other course content".into());
    }
    let (lessons, checks) = positions(course);
    let bank = &course.assessment.bank;
    let mut p = Progress::new(course);
    p.seen = packed
        .s
        .chars()
        .zip(&lessons)
        .filter(|(c, _)| *c == '1')
        .map(|(_, (_, l))| l.to_string())
        .collect();
    p.last_lesson = packed
        .l
        .and_then(|i| lessons.get(i))
        .map(|(t, l)| LessonRef {
            topic: t.to_string(),
            lesson: l.to_string(),
        });
    for (i, correct, r) in packed.a {
        if let Some(q) = checks.get(i) {
            p.answers.insert(
                q.id.clone(),
                SavedAnswer {
                    response: unpack_response(&r),
                    correct: correct == 1,
                    at: 0.0,
                    question_hash: q.hash.clone(),
                },
            );
        }
    }
    for (t, (seconds, done)) in course.topics.iter().zip(
        packed
            .t
            .iter()
            .zip(packed.d.iter().chain(std::iter::repeat(&0))),
    ) {
        if *seconds > 0 {
            p.time_on_task.insert(t.id.clone(), *seconds);
        }
        if *done > 0 {
            p.topics_done_at.insert(t.id.clone(), *done as f64 * 1000.0);
        }
    }
    for a in packed.x {
        let questions: Vec<String> =
            a.q.iter()
                .filter_map(|&i| bank.get(i).map(|q| q.id.clone()))
                .collect();
        let responses: IdMap<Response> = questions
            .iter()
            .zip(&a.r)
            .filter(|(_, r)| !r.is_empty())
            .map(|(id, r)| (id.clone(), unpack_response(r)))
            .collect();
        let result = a.z.map(|(score, passed, bits, at)| AttemptResult {
            correct: bits.chars().filter(|&c| c == '1').count() as u32,
            total: questions.len() as u32,
            score,
            passed: passed == 1,
            per_question: questions
                .iter()
                .cloned()
                .zip(bits.chars().map(|c| c == '1'))
                .collect(),
            submitted_at: at as f64 * 1000.0,
        });
        let question_hashes = course.bank_hashes(&questions);
        p.attempts.push(Attempt {
            seed: a.s,
            questions,
            responses,
            result,
            started_at: a.t as f64 * 1000.0,
            question_hashes,
            answered_at: IdMap::new(),
        });
    }
    p.learner_name = packed.n;
    p.completion = packed.c.map(|(at, id)| Completion {
        at: at as f64 * 1000.0,
        id,
        day: packed.cd,
    });
    p.keep_what_applies(course);
    Ok(p)
}

/// The CMI values that describe the learner now: lesson status, score (when there is one),
/// where they are (`location`, a route path), everything packed into `suspend_data`, and
/// `exit = suspend` so that the next session resumes. In the order they are set.
pub fn report(course: &Course, p: &Progress, location: &str) -> Vec<(&'static str, String)> {
    report_with(course, p, location, true)
}

fn report_with(course: &Course, p: &Progress, location: &str, time: bool) -> Due {
    let mut values = vec![(
        "cmi.core.lesson_status",
        lesson_status(course, p).to_string(),
    )];
    if let Some(score) = score_raw(p) {
        values.push(("cmi.core.score.min", "0".into()));
        values.push(("cmi.core.score.max", "100".into()));
        values.push(("cmi.core.score.raw", score.to_string()));
    }
    values.push(("cmi.core.lesson_location", location.to_string()));
    values.push(("cmi.suspend_data", pack_with(course, p, time)));
    values.push(("cmi.core.exit", "suspend".into()));
    values
}

/// Time on task alone is sent at most this often (in many LMSs every commit is a request
/// to the server: a class of a thousand committing every few seconds is a load test).
pub const TIME_COMMIT_INTERVAL_MS: f64 = 60_000.0;

/// Why the app asks what to send.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Moment {
    /// Progress was saved (after any change, time-on-task ticks included).
    Saved,
    /// The page is being hidden or closed: send whatever the LMS does not have yet.
    Leaving,
}

/// Values to set, then commit.
pub type Due = Vec<(&'static str, String)>;

/// Decides when the LMS hears what: remembers what it last accepted. A meaningful change
/// (a lesson opened or read, an answer, an attempt, completion, status, score) is sent at
/// once; time on task alone at most once a `TIME_COMMIT_INTERVAL_MS`; and everything the
/// LMS lacks when the page is hidden or closed. Only the values that differ are set.
#[derive(Debug, Default)]
pub struct Reporter {
    /// What the LMS last accepted.
    sent: Due,
    /// The same, computed without time on task.
    sent_meaningful: Option<Due>,
    committed_at: Option<f64>,
}

impl Reporter {
    /// What to send now (`None`: nothing is due). `now` in milliseconds.
    pub fn due(
        &self,
        course: &Course,
        p: &Progress,
        location: &str,
        now: f64,
        moment: Moment,
    ) -> Option<Due> {
        let changed: Due = report(course, p, location)
            .into_iter()
            .filter(|v| !self.sent.contains(v))
            .collect();
        if changed.is_empty() {
            return None;
        }
        let meaningful =
            self.sent_meaningful.as_ref() != Some(&report_with(course, p, location, false));
        let time_due = self
            .committed_at
            .is_none_or(|at| now - at >= TIME_COMMIT_INTERVAL_MS);
        (meaningful || time_due || moment == Moment::Leaving).then_some(changed)
    }

    /// Records that the LMS accepted what `due` returned, for `p` at `location`, at `now`.
    pub fn accepted(&mut self, course: &Course, p: &Progress, location: &str, now: f64) {
        self.sent = report(course, p, location);
        self.sent_meaningful = Some(report_with(course, p, location, false));
        self.committed_at = Some(now);
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::testing::{answer_attempt, compiled, finish_topics};

    fn course() -> crate::model::Course {
        compiled("course")
    }

    /// The most a learner can store: every lesson, answer and attempt, a long name.
    fn everything(c: &Course) -> Progress {
        let mut p = Progress::new(c);
        finish_topics(c, &mut p, 0.0);
        for t in &c.topics {
            p.time_on_task.insert(t.id.clone(), 123_456);
            p.topics_done_at.insert(t.id.clone(), 1_795_305_600_000.0);
        }
        let last = c.topics[2].lessons[1].clone();
        p.last_lesson = Some(LessonRef {
            topic: c.topics[2].id.clone(),
            lesson: last.id,
        });
        for n in 0..c.assessment.attempts as u64 {
            let mut a = crate::assessment::draw(c, u64::MAX - n, 1_795_305_600_000.0);
            answer_attempt(c, &mut a, usize::MAX);
            a.result = Some(crate::assessment::score(c, &a, 1_795_305_601_000.0));
            p.attempts.push(a);
        }
        p.learner_name = Some("N".repeat(80));
        p.completion = Some(Completion {
            at: 1_795_305_700_000.0,
            id: "ABCD-EFGH-JKLM".into(),
            day: Some("2026-11-23".into()),
        });
        p
    }

    #[test]
    fn everything_a_learner_can_store_fits_in_suspend_data_and_comes_back() {
        let c = course();
        let p = everything(&c);
        let packed = pack(&c, &p);
        eprintln!(
            "suspend_data for everything a learner can store: {} characters",
            packed.len()
        );
        assert!(packed.len() <= SUSPEND_LIMIT, "{} characters", packed.len());
        let back = unpack(&packed, &c).expect("unpacks");
        assert_eq!(back.seen, p.seen);
        assert_eq!(
            back.answers.keys().collect::<Vec<_>>(),
            p.answers.keys().collect::<Vec<_>>()
        );
        assert_eq!(back.last_lesson, p.last_lesson);
        assert_eq!(back.attempts.len(), 3);
        for (a, b) in back.attempts.iter().zip(&p.attempts) {
            assert_eq!(
                (&a.questions, &a.responses, a.seed),
                (&b.questions, &b.responses, b.seed)
            );
            assert_eq!(
                a.result
                    .as_ref()
                    .map(|r| (r.score, r.passed, &r.per_question)),
                b.result
                    .as_ref()
                    .map(|r| (r.score, r.passed, &r.per_question))
            );
        }
        assert_eq!(back.time_on_task, p.time_on_task);
        assert_eq!(back.topics_done_at, p.topics_done_at);
        assert_eq!(back.learner_name, p.learner_name);
        assert_eq!(back.completion, p.completion);
        assert_eq!(lesson_status(&c, &back), "passed");
        assert_eq!(score_raw(&back), Some(100));
    }

    #[test]
    fn suspend_data_from_other_content_or_another_program_is_refused() {
        let c = course();
        let packed = pack(&c, &everything(&c));
        let mut other = c.clone();
        other.content_hash = "ffffffffffffffff".into();
        assert_eq!(
            unpack(&packed, &other).unwrap_err(),
            "the LMS's saved data was made for other course content"
        );
        assert_eq!(
            unpack("lesson=3;score=80", &c).unwrap_err(),
            "the LMS's saved data is not this course player's"
        );
    }

    #[test]
    fn status_and_time_follow_scorm_1_2() {
        let c = course();
        assert_eq!(lesson_status(&c, &Progress::new(&c)), "incomplete");
        assert_eq!(session_time(3 * 3600 + 25 * 60 + 7), "0003:25:07.00");
    }

    #[test]
    fn the_lms_hears_meaningful_changes_at_once_and_time_on_task_once_a_minute() {
        let c = compiled("course");
        let mut p = Progress::new(&c);
        let mut r = Reporter::default();
        let home = "";
        // At first, everything is due.
        let first = r
            .due(&c, &p, home, 0.0, Moment::Saved)
            .expect("the first report is due");
        assert_eq!(
            first.iter().map(|v| v.0).collect::<Vec<_>>(),
            [
                "cmi.core.lesson_status",
                "cmi.core.lesson_location",
                "cmi.suspend_data",
                "cmi.core.exit"
            ]
        );
        r.accepted(&c, &p, home, 0.0);
        assert_eq!(
            r.due(&c, &p, home, 1_000.0, Moment::Saved),
            None,
            "nothing changed"
        );

        // A lesson opened: only what changed is set.
        let (t, l) = c
            .lessons_in_order()
            .next()
            .map(|(t, l)| (t.id.clone(), l.id.clone()))
            .unwrap();
        let lesson = format!("topics/{t}/{l}");
        p.last_lesson = Some(LessonRef {
            topic: t.clone(),
            lesson: l.clone(),
        });
        let due = r
            .due(&c, &p, &lesson, 2_000.0, Moment::Saved)
            .expect("a lesson opened is sent at once");
        assert_eq!(
            due.iter().map(|v| v.0).collect::<Vec<_>>(),
            ["cmi.core.lesson_location", "cmi.suspend_data"]
        );
        r.accepted(&c, &p, &lesson, 2_000.0);

        // Two minutes of reading, a tick every 5 seconds: two commits, one a minute.
        let mut commits = 0;
        for tick in 1..=24u64 {
            p.time_on_task.insert(t.clone(), tick * 5);
            let now = 2_000.0 + tick as f64 * 5_000.0;
            if r.due(&c, &p, &lesson, now, Moment::Saved).is_some() {
                r.accepted(&c, &p, &lesson, now);
                commits += 1;
            }
        }
        assert_eq!(commits, 2);
        // Leaving sends the last seconds, and only the suspend data.
        p.time_on_task.insert(t.clone(), 123);
        assert_eq!(r.due(&c, &p, &lesson, 125_000.0, Moment::Saved), None);
        let last = r
            .due(&c, &p, &lesson, 125_000.0, Moment::Leaving)
            .expect("leaving sends the rest");
        assert_eq!(
            last.iter().map(|v| v.0).collect::<Vec<_>>(),
            ["cmi.suspend_data"]
        );

        // A lesson read to its end is meaningful: at once, even within the minute.
        r.accepted(&c, &p, &lesson, 125_000.0);
        p.seen.insert(l.clone());
        assert!(r.due(&c, &p, &lesson, 126_000.0, Moment::Saved).is_some());
    }

    #[test]
    fn a_score_is_reported_with_its_range() {
        let c = compiled("course");
        let mut p = Progress::new(&c);
        p.attempts.push(Attempt {
            seed: 1,
            questions: vec![],
            responses: IdMap::new(),
            result: Some(AttemptResult {
                score: 90,
                correct: 9,
                total: 10,
                passed: true,
                per_question: IdMap::new(),
                submitted_at: 2.0,
            }),
            started_at: 1.0,
            question_hashes: IdMap::new(),
            answered_at: IdMap::new(),
        });
        let values = report(&c, &p, "assessment");
        let get = |k: &str| values.iter().find(|v| v.0 == k).map(|v| v.1.as_str());
        assert_eq!(
            [
                get("cmi.core.lesson_status"),
                get("cmi.core.score.min"),
                get("cmi.core.score.max"),
                get("cmi.core.score.raw"),
                get("cmi.core.lesson_location"),
                get("cmi.core.exit")
            ],
            [
                Some("passed"),
                Some("0"),
                Some("100"),
                Some("90"),
                Some("assessment"),
                Some("suspend")
            ]
        );
    }
}
