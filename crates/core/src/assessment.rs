//! The final assessment and course completion: when it opens, which questions an attempt
//! draws, how an attempt is scored, and what the learner's standing is.
//!
//! Pure rules over `model` and `progress`. Randomness comes in as a seed from the caller,
//! so every rule here is repeatable in tests.

use crate::from_json_struct;
use crate::grade::{grade, shuffled, Response};
use crate::idmap::IdMap;
use crate::json::nonempty_list;
use crate::model::{Course, Question, Topic};
use crate::progress::Progress;
use serde::Serialize;

/// One attempt at the final assessment, from the draw to the result.
#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct Attempt {
    /// Seeds the draw and the option order, so a reload shows the same attempt.
    pub seed: u64,
    /// Ids of the drawn questions, in the order shown.
    pub questions: Vec<String>,
    /// Answers so far, by question id; kept across reloads before submitting.
    pub responses: IdMap<Response>,
    /// Set when the learner submits the attempt.
    pub result: Option<AttemptResult>,
    /// When it was drawn (ms since 1970); orders attempts.
    pub started_at: f64,
    /// `Question::hash` of each drawn question when drawn, to drop answers after an edit.
    pub question_hashes: IdMap<String>,
    /// When each response was last changed (ms since 1970), so that merging two copies of
    /// an open attempt keeps the later answer. Records from before it have none.
    pub answered_at: IdMap<f64>,
}

from_json_struct!(Attempt { seed, questions as nonempty_list, result }
    or_default { responses, started_at, question_hashes, answered_at });

impl Attempt {
    /// Records the learner's response to one drawn question, at `now`.
    pub fn answer(&mut self, id: &str, response: Response, now: f64) {
        self.responses.insert(id.to_string(), response);
        self.answered_at.insert(id.to_string(), now);
    }
}

#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct AttemptResult {
    pub correct: u32,
    pub total: u32,
    /// Whole per cent, rounded down (so 79.9 % never passes an 80 % mark).
    pub score: u32,
    pub passed: bool,
    /// Whether each drawn question was answered correctly, by id.
    pub per_question: IdMap<bool>,
    /// When it was submitted, in milliseconds since 1970 (as the browser gives it).
    pub submitted_at: f64,
}

from_json_struct!(AttemptResult {
    correct,
    total,
    score,
    passed,
    per_question,
    submitted_at
});

/// Where the learner stands with the final assessment.
#[derive(Clone, Debug, PartialEq)]
pub enum Standing {
    /// Topics still to finish before the assessment opens.
    Locked { remaining: Vec<String> },
    /// May start an attempt.
    Ready { attempts_left: u32 },
    /// An attempt is drawn and not yet submitted.
    InProgress { attempts_left: u32 },
    /// Passed; the best score so far.
    Passed { best: u32 },
    /// Every attempt used without passing.
    OutOfAttempts { best: u32 },
}

/// Whether a topic is done: every lesson read to the end and every check question answered.
pub fn topic_done(topic: &Topic, p: &Progress) -> bool {
    topic.lessons.iter().all(|l| p.seen.contains(&l.id))
        && topic.check.iter().all(|q| p.answers.contains_key(&q.id))
}

/// Whether a topic has been started at all.
pub fn topic_started(topic: &Topic, p: &Progress) -> bool {
    topic.lessons.iter().any(|l| p.seen.contains(&l.id))
        || topic.check.iter().any(|q| p.answers.contains_key(&q.id))
        || p.last_lesson.as_ref().is_some_and(|l| l.topic == topic.id)
}

/// The player's word (its key) for a topic's status on the course home: done, in
/// progress or not started. (Inlined: called from one place in the player, where a call
/// across crates cost the main wasm 0.1 KB brotli.)
#[inline]
pub fn topic_status_word(topic: &Topic, p: &Progress) -> &'static str {
    if topic_done(topic, p) {
        "status_done"
    } else if topic_started(topic, p) {
        "status_in_progress"
    } else {
        "status_not_started"
    }
}

/// The attempt in progress, if any (the latest one not yet submitted).
pub fn open_attempt(p: &Progress) -> Option<&Attempt> {
    p.attempts.iter().rev().find(|a| a.result.is_none())
}

pub fn open_attempt_mut(p: &mut Progress) -> Option<&mut Attempt> {
    p.attempts.iter_mut().rev().find(|a| a.result.is_none())
}

/// The latest submitted attempt, if any.
pub fn last_submitted(p: &Progress) -> Option<&Attempt> {
    p.attempts.iter().rev().find(|a| a.result.is_some())
}

pub fn best_score(p: &Progress) -> Option<u32> {
    p.attempts
        .iter()
        .filter_map(|a| a.result.as_ref())
        .map(|r| r.score)
        .max()
}

pub fn passed(p: &Progress) -> bool {
    p.attempts
        .iter()
        .filter_map(|a| a.result.as_ref())
        .any(|r| r.passed)
}

/// How many attempts are left after `submitted` of them (none once the course's number is
/// used up).
pub fn attempts_left(course: &Course, submitted: usize) -> u32 {
    course.assessment.attempts.saturating_sub(submitted as u32)
}

pub fn standing(course: &Course, p: &Progress) -> Standing {
    let a = &course.assessment;
    let best = best_score(p).unwrap_or(0);
    if passed(p) {
        return Standing::Passed { best };
    }
    let used = p.attempts.iter().filter(|x| x.result.is_some()).count();
    let attempts_left = attempts_left(course, used);
    if open_attempt(p).is_some() && attempts_left > 0 {
        return Standing::InProgress { attempts_left };
    }
    if attempts_left == 0 {
        return Standing::OutOfAttempts { best };
    }
    let remaining: Vec<String> = a
        .requires
        .iter()
        .filter(|id| course.topic(id).is_some_and(|t| !topic_done(t, p)))
        .cloned()
        .collect();
    if !remaining.is_empty() {
        return Standing::Locked { remaining };
    }
    Standing::Ready { attempts_left }
}

/// Draws an attempt: `questions_per_attempt` questions, spread as evenly as the bank allows
/// across learning objectives, in a seeded random order.
pub fn draw(course: &Course, seed: u64, now: f64) -> Attempt {
    let bank = &course.assessment.bank;
    let n = (course.assessment.questions_per_attempt as usize).min(bank.len());
    // The bank's questions per objective, objectives in id order.
    let mut by_objective: Vec<(&str, Vec<&Question>)> = Vec::new();
    for q in bank {
        let objective = q.objective.as_str();
        match by_objective.binary_search_by(|(o, _)| (*o).cmp(objective)) {
            Ok(i) => by_objective[i].1.push(q),
            Err(i) => by_objective.insert(i, (objective, vec![q])),
        }
    }
    let mut pools: Vec<Vec<&Question>> = by_objective
        .into_iter()
        .map(|(objective, qs)| {
            let order = shuffled(&format!("{seed}:{objective}"), qs.len());
            order.into_iter().map(|i| qs[i]).collect()
        })
        .collect();
    // Start the round-robin at a seeded objective, so no objective always gets the extra one.
    let start = shuffled(&format!("{seed}:start"), pools.len())
        .first()
        .copied()
        .unwrap_or(0);
    pools.rotate_left(start);
    let mut picked = Vec::with_capacity(n);
    let mut round = 0;
    while picked.len() < n {
        for pool in &pools {
            if let Some(q) = pool.get(round) {
                if picked.len() < n {
                    picked.push(q.id.clone());
                }
            }
        }
        round += 1;
    }
    let order = shuffled(&format!("{seed}:order"), picked.len());
    let questions: Vec<String> = order.into_iter().map(|i| picked[i].clone()).collect();
    let question_hashes = course.bank_hashes(&questions);
    Attempt {
        seed,
        questions,
        responses: IdMap::new(),
        result: None,
        started_at: now,
        question_hashes,
        answered_at: IdMap::new(),
    }
}

/// The order in which an attempt shows a question's options (or matches): shuffled per
/// attempt, except that True always comes before False.
pub fn option_order(attempt: &Attempt, q: &Question) -> Vec<usize> {
    if q.kind == crate::model::QuestionKind::TrueFalse {
        return (0..q.choices.len()).collect();
    }
    let n = q.choices.len().max(q.pairs.len());
    shuffled(&format!("{}:{}", attempt.seed, q.id), n)
}

/// Scores an attempt. Unanswered questions count as wrong; questions the course no longer
/// has are left out of the total.
pub fn score(course: &Course, attempt: &Attempt, submitted_at: f64) -> AttemptResult {
    let mut per_question = IdMap::new();
    for id in &attempt.questions {
        if let Some(q) = course.bank_question(id) {
            let right = attempt
                .responses
                .get(id)
                .is_some_and(|r| grade(q, r).correct);
            per_question.insert(id.clone(), right);
        }
    }
    let total = per_question.len() as u32;
    let correct = per_question.values().filter(|&&c| c).count() as u32;
    let score = (correct * 100).checked_div(total).unwrap_or(0);
    AttemptResult {
        correct,
        total,
        score,
        passed: total > 0 && score >= course.assessment.pass_mark,
        per_question,
        submitted_at,
    }
}

/// The course is complete when every topic is done and the assessment passed.
pub fn course_complete(course: &Course, p: &Progress) -> bool {
    passed(p) && course.topics.iter().all(|t| topic_done(t, p))
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::testing::{answer_attempt as answer, compiled, finish_topics};

    fn course() -> crate::model::Course {
        compiled("course")
    }

    #[test]
    fn a_draw_is_repeatable_distinct_and_spread_over_objectives() {
        let c = course();
        let a = draw(&c, 42, 0.0);
        assert_eq!(a, draw(&c, 42, 0.0));
        assert_eq!(a.questions.len(), 10);
        let mut ids = a.questions.clone();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), 10, "no question twice");
        let mut per_objective: std::collections::BTreeMap<&str, usize> = Default::default();
        for id in &a.questions {
            let q = c.bank_question(id).unwrap();
            *per_objective.entry(q.objective.as_str()).or_default() += 1;
        }
        assert_eq!(per_objective.len(), 3);
        assert!(per_objective.values().all(|&n| n >= 3), "{per_objective:?}");
        let different = (0..20)
            .filter(|s| draw(&c, *s, 0.0).questions != a.questions)
            .count();
        assert!(different >= 19, "seeds should change the draw");
    }

    #[test]
    fn scores_round_down_and_pass_at_the_mark() {
        let c = course();
        for (right_count, score, pass) in [
            (10, 100, true),
            (8, 80, true),
            (7, 70, false),
            (0, 0, false),
        ] {
            let mut a = draw(&c, 7, 0.0);
            answer(&c, &mut a, right_count);
            let r = score_of(&c, &a);
            assert_eq!(
                (r.correct, r.total, r.score, r.passed),
                (right_count as u32, 10, score, pass)
            );
        }
    }

    fn score_of(c: &Course, a: &Attempt) -> AttemptResult {
        score(c, a, 0.0)
    }

    #[test]
    fn the_assessment_opens_after_the_required_topics_and_ends_after_three_fails_or_a_pass() {
        let c = course();
        let mut p = Progress::new(&c);
        match standing(&c, &p) {
            Standing::Locked { remaining } => assert_eq!(
                remaining,
                ["introduction", "actors", "dialogues", "initiatives"]
            ),
            other => panic!("{other:?}"),
        }
        finish_topics(&c, &mut p, 0.0);
        assert_eq!(standing(&c, &p), Standing::Ready { attempts_left: 3 });
        for n in 0..3u64 {
            let mut a = draw(&c, n, 0.0);
            p.attempts.push(a.clone());
            assert_eq!(
                standing(&c, &p),
                Standing::InProgress {
                    attempts_left: 3 - n as u32
                }
            );
            answer(&c, &mut a, 5 + n as usize);
            a.result = Some(score_of(&c, &a));
            *p.attempts.last_mut().unwrap() = a;
        }
        assert_eq!(standing(&c, &p), Standing::OutOfAttempts { best: 70 });
        assert!(!course_complete(&c, &p));

        let mut q = Progress::new(&c);
        finish_topics(&c, &mut q, 0.0);
        let mut a = draw(&c, 9, 0.0);
        answer(&c, &mut a, 9);
        a.result = Some(score_of(&c, &a));
        q.attempts.push(a);
        assert_eq!(standing(&c, &q), Standing::Passed { best: 90 });
        assert!(course_complete(&c, &q));
    }

    #[test]
    fn option_orders_are_stable_per_attempt() {
        let c = course();
        let a = draw(&c, 3, 0.0);
        let q = &c.assessment.bank[0];
        assert_eq!(option_order(&a, q), option_order(&a, q));
        let mut sorted = option_order(&a, q);
        sorted.sort();
        assert_eq!(
            sorted,
            (0..q.choices.len().max(q.pairs.len())).collect::<Vec<_>>()
        );
    }
}

/// Topics done whose completion time is not yet recorded.
pub fn topics_newly_done(course: &Course, p: &Progress) -> Vec<String> {
    course
        .topics
        .iter()
        .filter(|t| !p.topics_done_at.contains_key(&t.id) && topic_done(t, p))
        .map(|t| t.id.clone())
        .collect()
}

/// Records when each topic is first done; returns whether anything was new.
pub fn record_topics_done(course: &Course, p: &mut Progress, now: f64) -> bool {
    let newly = topics_newly_done(course, p);
    for id in &newly {
        p.topics_done_at.insert(id.clone(), now);
    }
    !newly.is_empty()
}

/// Records the completion once the course is complete; returns whether it did.
/// `entropy` is any random number from the caller; it makes the id unique per learner.
///
/// `local_day` is the learner's calendar day at `now` where they are, (year, month, day),
/// as the browser's clock and time zone give it: the completion counts for that day, stored
/// with it, so that the certificate and the completion record never disagree.
pub fn record_completion(
    course: &Course,
    p: &mut Progress,
    now: f64,
    entropy: u64,
    local_day: (u32, u32, u32),
) -> bool {
    if p.completion.is_some() || !course_complete(course, p) {
        return false;
    }
    p.completion = Some(crate::progress::Completion {
        at: now,
        id: completion_id(&course.id, now, entropy),
        day: Some(iso_day(local_day)),
    });
    true
}

/// A completion id such as `7KQ2-M9XD-44RA`: twelve characters from an alphabet without
/// look-alikes (no 0/O, 1/I/L), so it can be read out over the phone.
pub fn completion_id(course_id: &str, now: f64, entropy: u64) -> String {
    const ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    // `now` is whole milliseconds (as u64 it prints as f64 did, without formatting floats).
    let now = now as u64;
    let order = crate::grade::shuffled(&format!("{course_id}:{now}:{entropy}"), 64);
    let mut n: u128 = order.iter().fold(0u128, |acc, &i| {
        acc.wrapping_mul(67).wrapping_add(i as u128 + 1)
    });
    let mut out = String::new();
    for i in 0..12 {
        if i > 0 && i % 4 == 0 {
            out.push('-');
        }
        out.push(ALPHABET[(n % ALPHABET.len() as u128) as usize] as char);
        n /= ALPHABET.len() as u128;
    }
    out
}

/// How far through the course the learner is: (units done, units in all), counting each
/// lesson, each knowledge check and the passed assessment as one unit.
pub fn course_progress(course: &Course, p: &Progress) -> (usize, usize) {
    let mut done = 0;
    let mut total = 0;
    for t in &course.topics {
        total += t.lessons.len();
        done += t.lessons.iter().filter(|l| p.seen.contains(&l.id)).count();
        if !t.check.is_empty() {
            total += 1;
            done += usize::from(t.check.iter().all(|q| p.answers.contains_key(&q.id)));
        }
    }
    total += 1;
    done += usize::from(passed(p));
    (done, total)
}

/// (year, month, day) in UTC of milliseconds since 1970 (Howard Hinnant's civil_from_days).
pub fn civil_date(ms: f64) -> (i64, u32, u32) {
    let days = (ms / 86_400_000.0).floor() as i64;
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    (
        yoe + era * 400 + i64::from(month <= 2),
        month as u32,
        day as u32,
    )
}

pub const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A date for people, like `22 November 2026`, from milliseconds since 1970 (UTC).
pub fn format_date(ms: f64) -> String {
    let (year, month, day) = civil_date(ms);
    format!("{day} {} {year}", MONTHS[(month - 1) as usize])
}

/// `(2026, 11, 3)` as `2026-11-03`, digit by digit (no padded formatting in the wasm).
pub fn iso_day((year, month, day): (u32, u32, u32)) -> String {
    let mut out = String::with_capacity(10);
    for (n, width) in [(year, 4), (month, 2), (day, 2)] {
        if !out.is_empty() {
            out.push('-');
        }
        for place in (0..width).rev() {
            let digit = (n / 10u32.pow(place)) % 10;
            out.push(char::from(b'0' + digit as u8));
        }
    }
    out
}

/// `2026-11-22` as `22 November 2026`; the text itself if it is not such a day.
pub fn format_day(iso: &str) -> String {
    let mut parts = iso.splitn(3, '-').map(|p| p.parse::<u32>().ok());
    match (
        parts.next().flatten(),
        parts.next().flatten(),
        parts.next().flatten(),
    ) {
        (Some(year), Some(month @ 1..=12), Some(day @ 1..=31)) => {
            format!("{day} {} {year}", MONTHS[(month - 1) as usize])
        }
        _ => iso.to_string(),
    }
}

#[cfg(test)]
mod date_tests {
    use super::*;

    #[test]
    fn dates_read_naturally() {
        assert_eq!(format_day("2026-11-22"), "22 November 2026");
        assert_eq!(format_day("2026-13-01"), "2026-13-01");
        assert_eq!(format_date(0.0), "1 January 1970");
        assert_eq!(format_date(1_795_305_600_000.0), "22 November 2026");
        assert_eq!(format_date(951_782_400_000.0), "29 February 2000");
    }

    /// A learner in UTC+10 completes at 20:00 UTC on 22 November: it is 23 November where
    /// they are (their browser says so), and the certificate, the completion record and the
    /// LMS all say 23 November.
    #[test]
    fn a_completion_counts_for_the_learners_own_day_everywhere() {
        let c = crate::testing::compiled("course");
        let mut p = Progress::new(&c);
        crate::testing::finish_topics(&c, &mut p, 0.0);
        let mut a = draw(&c, 1, 0.0);
        crate::testing::answer_attempt(&c, &mut a, usize::MAX);
        a.result = Some(score(&c, &a, 1.0));
        p.attempts.push(a);
        let at = 1_795_377_600_000.0; // 2026-11-22T20:00:00Z
        assert!(record_completion(&c, &mut p, at, 7, (2026, 11, 23)));
        let done = p.completion.clone().unwrap();
        assert_eq!(done.day.as_deref(), Some("2026-11-23"));
        assert_eq!(format_day(&done.day()), "23 November 2026");
        let record = crate::record::CompletionRecord::of(&c, &p, "Ana", at);
        assert_eq!(record.completed_on.as_deref(), Some("2026-11-23"));
        // The day travels through the LMS too.
        let back = crate::scorm::unpack(&crate::scorm::pack(&c, &p), &c).unwrap();
        assert_eq!(back.completion.unwrap().day.as_deref(), Some("2026-11-23"));
        // In UTC-5 the same moment is still 22 November.
        let mut q = p.clone();
        q.completion = None;
        assert!(record_completion(&c, &mut q, at, 7, (2026, 11, 22)));
        assert_eq!(q.completion.unwrap().day(), "2026-11-22");
        assert_eq!(iso_day((987, 1, 5)), "0987-01-05");
    }

    #[test]
    fn completion_ids_are_readable_and_differ() {
        let a = completion_id("c", 1.0, 1);
        assert_eq!(a.len(), 14);
        assert!(
            a.chars()
                .all(|c| c == '-' || "23456789ABCDEFGHJKMNPQRSTUVWXYZ".contains(c)),
            "{a}"
        );
        assert_ne!(a, completion_id("c", 1.0, 2));
        assert_eq!(a, completion_id("c", 1.0, 1));
    }
}
