//! Completion records: what an instructor needs to know about one learner's course, as the
//! learner exports it (JSON with a checksum, or a one-row CSV), and the instructor's view of
//! many records at once (read, check, sort, per-question results, combined exports).
//!
//! The checksum (FNV-1a over the record's JSON) catches accidental edits; it does not stop
//! deliberate forgery: anyone can recompute it. Pure: no browser code.

use crate::assessment::{best_score, civil_date, course_complete, standing, Standing};
use crate::json::Json;
use crate::model::{fnv1a64, Course};
use crate::progress::Progress;
use crate::{from_json_names, from_json_struct};
use serde::Serialize;
// The instructor's page only (`sort`, `question_stats`): a class can be thousands of
// records, so these want real maps and sorts, and that bundle is not the learner's.
#[allow(clippy::disallowed_types)]
use std::collections::BTreeMap;

pub const RECORD_KIND: &str = "course-engine-completion-record";
pub const RECORD_SCHEMA: u32 = 1;

#[derive(Serialize, Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    NotStarted,
    Incomplete,
    Failed,
    Completed,
}

from_json_names!(Status, "\"not-started\", \"incomplete\", \"failed\" or \"completed\"" {
    "not-started" => NotStarted,
    "incomplete" => Incomplete,
    "failed" => Failed,
    "completed" => Completed,
});

impl Status {
    pub fn label(self) -> &'static str {
        match self {
            Status::NotStarted => "not started",
            Status::Incomplete => "incomplete",
            Status::Failed => "failed",
            Status::Completed => "completed",
        }
    }
}

#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct CompletionRecord {
    pub kind: String,
    pub schema: u32,
    /// The learner's name or id, as they entered it.
    pub learner: String,
    pub course_id: String,
    pub course_title: String,
    pub course_version: String,
    pub status: Status,
    /// The completion date (`YYYY-MM-DD`, UTC) and id, once complete.
    pub completed_on: Option<String>,
    pub completion_id: Option<String>,
    pub best_score: Option<u32>,
    pub pass_mark: u32,
    pub time_on_task_seconds: u64,
    pub topics: Vec<TopicRecord>,
    pub attempts: Vec<AttemptRecord>,
    /// When the record was exported (ms since 1970).
    pub exported_at: f64,
    /// FNV-1a (64 bits, hex) of the record with this field empty.
    pub checksum: String,
}

from_json_struct!(CompletionRecord {
    kind,
    schema,
    learner,
    course_id,
    course_title,
    course_version,
    status,
    completed_on,
    completion_id,
    best_score,
    pass_mark,
    time_on_task_seconds,
    topics,
    attempts,
    exported_at,
    checksum
});

#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct TopicRecord {
    pub id: String,
    pub title: String,
    pub done: bool,
    /// When the topic was first done (ms since 1970).
    pub completed_at: Option<f64>,
    pub time_on_task_seconds: u64,
}

from_json_struct!(TopicRecord {
    id,
    title,
    done,
    completed_at,
    time_on_task_seconds
});

#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct AttemptRecord {
    pub number: u32,
    pub score: u32,
    pub passed: bool,
    pub submitted_at: f64,
    pub questions: Vec<QuestionResult>,
}

from_json_struct!(AttemptRecord {
    number,
    score,
    passed,
    submitted_at,
    questions
});

#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct QuestionResult {
    pub id: String,
    pub objective: String,
    pub correct: bool,
}

from_json_struct!(QuestionResult {
    id,
    objective,
    correct
});

/// `YYYY-MM-DD` (UTC) from milliseconds since 1970.
pub fn iso_date(ms: f64) -> String {
    let (year, month, day) = civil_date(ms);
    format!("{year:04}-{month:02}-{day:02}")
}

pub fn status(course: &Course, p: &Progress) -> Status {
    if course_complete(course, p) {
        Status::Completed
    } else if matches!(standing(course, p), Standing::OutOfAttempts { .. }) {
        Status::Failed
    } else if p.seen.is_empty() && p.answers.is_empty() && p.attempts.is_empty() {
        Status::NotStarted
    } else {
        Status::Incomplete
    }
}

impl CompletionRecord {
    /// The learner's record of `course`, as of `now`.
    pub fn of(course: &Course, p: &Progress, learner: &str, now: f64) -> CompletionRecord {
        let topics = course
            .topics
            .iter()
            .map(|t| TopicRecord {
                id: t.id.clone(),
                title: t.title.clone(),
                done: crate::assessment::topic_done(t, p),
                completed_at: p.topics_done_at.get(&t.id).copied(),
                time_on_task_seconds: p.time_on_task.get(&t.id).copied().unwrap_or(0),
            })
            .collect();
        let objective_of = |id: &str| {
            course
                .assessment
                .bank
                .iter()
                .find(|q| q.id == id)
                .map(|q| q.objective.clone())
                .unwrap_or_default()
        };
        let attempts = p
            .attempts
            .iter()
            .filter_map(|a| a.result.as_ref().map(|r| (a, r)))
            .enumerate()
            .map(|(i, (a, r))| AttemptRecord {
                number: i as u32 + 1,
                score: r.score,
                passed: r.passed,
                submitted_at: r.submitted_at,
                questions: a
                    .questions
                    .iter()
                    .filter_map(|id| {
                        r.per_question.get(id).map(|&correct| QuestionResult {
                            id: id.clone(),
                            objective: objective_of(id),
                            correct,
                        })
                    })
                    .collect(),
            })
            .collect();
        let mut record = CompletionRecord {
            kind: RECORD_KIND.into(),
            schema: RECORD_SCHEMA,
            learner: learner.trim().to_string(),
            course_id: course.id.clone(),
            course_title: course.title.clone(),
            course_version: course.version.clone(),
            status: status(course, p),
            completed_on: p.completion.as_ref().map(|c| c.day()),
            completion_id: p.completion.as_ref().map(|c| c.id.clone()),
            best_score: best_score(p),
            pass_mark: course.assessment.pass_mark,
            time_on_task_seconds: p.time_on_task.values().sum(),
            topics,
            attempts,
            exported_at: now,
            checksum: String::new(),
        };
        record.checksum = record.compute_checksum();
        record
    }

    pub fn compute_checksum(&self) -> String {
        let mut unsigned = self.clone();
        unsigned.checksum = String::new();
        let json = serde_json::to_string(&unsigned).expect("a record always serialises");
        format!("{:016x}", fnv1a64(json.into_bytes()))
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("a record always serialises")
    }

    pub fn file_stem(&self) -> String {
        let learner: String = self
            .learner
            .chars()
            .map(|c| {
                if c.is_alphanumeric() {
                    c.to_ascii_lowercase()
                } else {
                    '-'
                }
            })
            .collect();
        format!("{}-{}", self.course_id, learner.trim_matches('-'))
    }

    pub fn attempt_count(&self) -> usize {
        self.attempts.len()
    }
}

/// Why a file is not a completion record this page can use.
#[derive(Clone, Debug, PartialEq)]
pub enum Unusable {
    NotJson,
    NotARecord,
    /// The record's schema, if it says one.
    Schema(Option<u64>),
    /// What is missing or wrong, each with its place in the record.
    Fields(Vec<crate::json::Problem>),
    /// The course it is for.
    OtherCourse(String),
    Checksum,
}

impl Unusable {
    /// The instructor's page's word for it (`results_reject_…`) and the values it takes;
    /// `say` gives the page's word for a key (for the fields, `json::Problem::worded_briefly`'s).
    pub fn word(
        &self,
        say: &dyn Fn(&'static str) -> String,
    ) -> (&'static str, Vec<(&'static str, String)>) {
        match self {
            Unusable::NotJson => ("results_reject_not_json", vec![]),
            Unusable::NotARecord => ("results_reject_not_record", vec![]),
            Unusable::Schema(found) => (
                "results_reject_schema",
                vec![
                    (
                        "schema",
                        found.map_or_else(|| "?".into(), |s| s.to_string()),
                    ),
                    ("supported", RECORD_SCHEMA.to_string()),
                ],
            ),
            Unusable::Fields(problems) => (
                "results_reject_fields",
                vec![(
                    "detail",
                    problems
                        .iter()
                        .map(|p| p.worded_briefly(say))
                        .collect::<Vec<_>>()
                        .join("; "),
                )],
            ),
            Unusable::OtherCourse(id) => {
                ("results_reject_other_course", vec![("course", id.clone())])
            }
            Unusable::Checksum => ("results_reject_checksum", vec![]),
        }
    }
}

impl std::fmt::Display for Unusable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Unusable::NotJson => write!(f, "not a JSON file"),
            Unusable::NotARecord => write!(f, "not a completion record from this course player"),
            Unusable::Schema(found) => write!(
                f,
                "record schema {} is not supported (this page reads schema {RECORD_SCHEMA})",
                found.map_or_else(|| "missing".into(), |s| s.to_string())
            ),
            Unusable::Fields(problems) => {
                write!(f, "the record has missing or wrong fields (")?;
                for (i, p) in problems.iter().enumerate() {
                    if i > 0 {
                        f.write_str("; ")?;
                    }
                    p.fmt(f)?;
                }
                f.write_str(")")
            }
            Unusable::OtherCourse(id) => write!(f, "the record is for another course ('{id}')"),
            Unusable::Checksum => write!(
                f,
                "the checksum does not match: the file was changed after it was exported"
            ),
        }
    }
}

/// Reads one completion record for `course`. The error says why it cannot be used.
pub fn read_record(text: &str, course: &Course) -> Result<CompletionRecord, Unusable> {
    let value = Json::parse(text.trim_start_matches('\u{feff}')).map_err(|_| Unusable::NotJson)?;
    if value.get("kind").and_then(|k| k.as_str()) != Some(RECORD_KIND) {
        return Err(Unusable::NotARecord);
    }
    match value.get("schema").and_then(|s| s.as_u64()) {
        Some(s) if s == RECORD_SCHEMA as u64 => {}
        other => return Err(Unusable::Schema(other)),
    }
    let record: CompletionRecord = crate::json::FromJson::from_json(&value)
        .map_err(|e: crate::json::ShapeError| Unusable::Fields(e.problems))?;
    if record.course_id != course.id {
        return Err(Unusable::OtherCourse(record.course_id));
    }
    if record.checksum != record.compute_checksum() {
        return Err(Unusable::Checksum);
    }
    Ok(record)
}

/// One CSV field, RFC 4180: quoted when it holds a comma, quote or line break, quotes
/// doubled. A leading `=`, `+`, `-` or `@` gets a `'` so spreadsheets never run it as a
/// formula.
pub fn csv_field(value: &str) -> String {
    let value = if value.starts_with(['=', '+', '-', '@']) {
        format!("'{value}")
    } else {
        value.to_string()
    };
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value
    }
}

const CSV_HEADER: [&str; 10] = [
    "learner",
    "course_id",
    "course_version",
    "status",
    "best_score",
    "attempts",
    "completed_on",
    "completion_id",
    "time_on_task_minutes",
    "checksum",
];

fn csv_row(r: &CompletionRecord) -> String {
    let fields = [
        r.learner.clone(),
        r.course_id.clone(),
        r.course_version.clone(),
        r.status.label().to_string(),
        r.best_score.map(|s| s.to_string()).unwrap_or_default(),
        r.attempt_count().to_string(),
        r.completed_on.clone().unwrap_or_default(),
        r.completion_id.clone().unwrap_or_default(),
        (r.time_on_task_seconds / 60).to_string(),
        r.checksum.clone(),
    ];
    fields
        .iter()
        .map(|f| csv_field(f))
        .collect::<Vec<_>>()
        .join(",")
}

/// Records as CSV: RFC 4180 (CRLF line ends), UTF-8 with a byte-order mark so spreadsheet
/// programs read accents correctly; one header row, one row per record.
pub fn to_csv(records: &[CompletionRecord]) -> String {
    let mut out = String::from("\u{feff}");
    out.push_str(&CSV_HEADER.join(","));
    out.push_str("\r\n");
    for r in records {
        out.push_str(&csv_row(r));
        out.push_str("\r\n");
    }
    out
}

/// How a results table can be sorted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Column {
    Learner,
    Status,
    BestScore,
    Attempts,
    CompletedOn,
    TimeSpent,
}

/// Sorts records by a column; ties keep learner order, so the result is stable. (For the
/// instructor's page, with thousands of rows: std's sort, not the learner's `sort_short`.)
#[allow(clippy::disallowed_methods)]
pub fn sort(records: &mut [CompletionRecord], by: Column, ascending: bool) {
    records.sort_by(|a, b| {
        let o = match by {
            Column::Learner => a.learner.to_lowercase().cmp(&b.learner.to_lowercase()),
            Column::Status => a.status.cmp(&b.status),
            Column::BestScore => a.best_score.cmp(&b.best_score),
            Column::Attempts => a.attempt_count().cmp(&b.attempt_count()),
            Column::CompletedOn => a.completed_on.cmp(&b.completed_on),
            Column::TimeSpent => a.time_on_task_seconds.cmp(&b.time_on_task_seconds),
        };
        let o = if ascending { o } else { o.reverse() };
        o.then_with(|| a.learner.to_lowercase().cmp(&b.learner.to_lowercase()))
    });
}

#[derive(Clone, Debug, PartialEq)]
pub struct QuestionStat {
    pub id: String,
    pub objective: String,
    /// Learners whose latest attempt with this question had it right / had it at all.
    pub correct: u32,
    pub seen: u32,
}

impl QuestionStat {
    pub fn percent(&self) -> u32 {
        (self.correct * 100).checked_div(self.seen).unwrap_or(0)
    }
}

/// Each assessment question's share of learners who answered it correctly, counting each
/// learner's latest attempt that drew it; in bank order. (The instructor's page, at class
/// scale: B-tree maps, not the learner's `IdMap`.)
#[allow(clippy::disallowed_types)]
pub fn question_stats(course: &Course, records: &[CompletionRecord]) -> Vec<QuestionStat> {
    let mut latest: BTreeMap<&str, (u32, u32)> = BTreeMap::new();
    for r in records {
        let mut mine: BTreeMap<&str, bool> = BTreeMap::new();
        for a in &r.attempts {
            for q in &a.questions {
                mine.insert(q.id.as_str(), q.correct);
            }
        }
        for (id, correct) in mine {
            let e = latest.entry(id).or_default();
            e.0 += u32::from(correct);
            e.1 += 1;
        }
    }
    course
        .assessment
        .bank
        .iter()
        .filter_map(|q| {
            latest
                .get(q.id.as_str())
                .map(|&(correct, seen)| QuestionStat {
                    id: q.id.clone(),
                    objective: q.objective.clone(),
                    correct,
                    seen,
                })
        })
        .collect()
}

/// How many bands `score_bands` counts in: ten points each, 100 in the last.
pub const BANDS: usize = 10;

/// How many learners' best scores fall in each band of ten points (0–9, …, 90–100);
/// learners without an attempt are not counted.
pub fn score_bands(records: &[CompletionRecord]) -> [u32; BANDS] {
    let mut bands = [0; BANDS];
    for s in records.iter().filter_map(|r| r.best_score) {
        bands[(s as usize / 10).min(BANDS - 1)] += 1;
    }
    bands
}

/// The distribution of best scores drawn (`score_bands`): an SVG with a bar per band,
/// heights relative to the fullest band, each band's first score beneath. Hidden from
/// screen readers: the page's table says the same in words.
pub fn score_chart_svg(bands: &[u32; BANDS]) -> String {
    let most = bands.iter().copied().max().unwrap_or(0).max(1);
    let width = 100 / BANDS as u32;
    let mut svg =
        String::from(r#"<svg viewBox="-2 -8 104 124" aria-hidden="true" focusable="false">"#);
    for (i, &n) in bands.iter().enumerate() {
        let (x, h) = (i as u32 * width, n * 100 / most);
        svg.push_str(&format!(
            r#"<rect x="{}" y="{}" width="{}" height="{h}"/><text x="{}" y="112" text-anchor="middle">{x}</text>"#,
            x + 1,
            100 - h,
            width - 2,
            x + width / 2
        ));
    }
    svg.push_str("</svg>");
    svg
}

/// A share (a whole per cent) drawn as a bar, hidden from screen readers (the words beside
/// it say the same).
pub fn share_bar_svg(percent: u32) -> String {
    format!(
        r#"<svg class="bar" viewBox="0 0 100 6" preserveAspectRatio="none" aria-hidden="true" focusable="false"><rect class="bar-bg" width="100" height="6"/><rect width="{}" height="6"/></svg>"#,
        percent.min(100)
    )
}

/// Records as one JSON array, a record a line.
pub fn to_json_lines(records: &[CompletionRecord]) -> String {
    let lines: Vec<String> = records.iter().map(CompletionRecord::to_json).collect();
    format!("[\n{}\n]\n", lines.join(",\n"))
}

/// Time spent for people, in whole minutes, in the page's words: `minutes` under an hour
/// (`{minutes} min`), `hours_minutes` from an hour on (`{hours} h {minutes} min`, the
/// minutes in two digits).
pub fn duration(seconds: u64, minutes_word: &str, hours_minutes_word: &str) -> String {
    let minutes = seconds / 60;
    if minutes >= 60 {
        let m = minutes % 60;
        let m = if m < 10 {
            format!("0{m}")
        } else {
            m.to_string()
        };
        crate::model::fill(
            hours_minutes_word,
            &[("hours", &(minutes / 60).to_string()), ("minutes", &m)],
        )
    } else {
        crate::model::fill(minutes_word, &[("minutes", &minutes.to_string())])
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::testing::{answer_attempt, compiled, finish_topics};

    fn course() -> crate::model::Course {
        compiled("course")
    }

    /// A learner who finished every topic and passed on the second attempt.
    fn completed(c: &Course) -> Progress {
        let mut p = Progress::new(c);
        finish_topics(c, &mut p, 1.0);
        for t in &c.topics {
            p.time_on_task.insert(t.id.clone(), 300);
        }
        crate::assessment::record_topics_done(c, &mut p, 1_795_305_600_000.0);
        for (seed, right_count) in [(1u64, 5usize), (2, 10)] {
            let mut a = crate::assessment::draw(c, seed, seed as f64);
            answer_attempt(c, &mut a, right_count);
            a.result = Some(crate::assessment::score(
                c,
                &a,
                1_795_305_600_000.0 + seed as f64,
            ));
            p.attempts.push(a);
        }
        assert!(crate::assessment::record_completion(
            c,
            &mut p,
            1_795_305_700_000.0,
            7,
            (2026, 11, 22)
        ));
        p
    }

    #[test]
    fn a_record_holds_what_the_instructor_needs_and_reads_back() {
        let c = course();
        let r = CompletionRecord::of(&c, &completed(&c), "  Amina Diallo ", 1_795_305_800_000.0);
        assert_eq!(
            (
                r.learner.as_str(),
                r.status,
                r.best_score,
                r.attempt_count()
            ),
            ("Amina Diallo", Status::Completed, Some(100), 2)
        );
        assert_eq!(r.completed_on.as_deref(), Some("2026-11-22"));
        assert_eq!(r.time_on_task_seconds, 1500);
        assert_eq!(r.topics.len(), 5);
        assert!(r
            .topics
            .iter()
            .all(|t| t.done && t.completed_at == Some(1_795_305_600_000.0)));
        assert_eq!(r.attempts[0].score, 50);
        assert_eq!(r.attempts[0].questions.len(), 10);
        assert_eq!(read_record(&r.to_json(), &c), Ok(r));
    }

    #[test]
    fn unusable_records_say_why() {
        let c = course();
        let r = CompletionRecord::of(&c, &completed(&c), "Bo", 1.0);
        let tampered = r
            .to_json()
            .replace("\"best_score\":100", "\"best_score\":99");
        assert_ne!(tampered, r.to_json());
        let why = |text: &str| read_record(text, &c).unwrap_err().to_string();
        assert_eq!(
            why(&tampered),
            "the checksum does not match: the file was changed after it was exported"
        );
        assert_eq!(why("hello"), "not a JSON file");
        assert_eq!(
            why("{\"kind\":\"x\"}"),
            "not a completion record from this course player"
        );
        let v2 = r.to_json().replace("\"schema\":1", "\"schema\":2");
        assert_eq!(
            why(&v2),
            "record schema 2 is not supported (this page reads schema 1)"
        );
        // The page's words for it.
        assert_eq!(
            read_record(&v2, &c).unwrap_err().word(&|k| k.to_string()),
            (
                "results_reject_schema",
                vec![("schema", "2".to_string()), ("supported", "1".to_string())]
            )
        );
        let mut other = r.clone();
        other.course_id = "another".into();
        other.checksum = other.compute_checksum();
        assert_eq!(
            why(&other.to_json()),
            "the record is for another course ('another')"
        );
    }

    #[test]
    fn csv_is_rfc_4180_with_a_bom_and_no_formulas() {
        let c = course();
        let mut r = CompletionRecord::of(&c, &completed(&c), "Diallo, \"Amina\"", 1.0);
        let mut s = r.clone();
        s.learner = "=HYPERLINK(\"x\")".into();
        r.checksum = "abc".into();
        s.checksum = "def".into();
        let csv = to_csv(&[r, s]);
        let id = completed(&c).completion.unwrap().id;
        assert_eq!(
            csv,
            format!(
                "\u{feff}learner,course_id,course_version,status,best_score,attempts,completed_on,completion_id,time_on_task_minutes,checksum\r\n\
                 \"Diallo, \"\"Amina\"\"\",emm2-international-cooperation,1.1.0,completed,100,2,2026-11-22,{id},25,abc\r\n\
                 \"'=HYPERLINK(\"\"x\"\")\",emm2-international-cooperation,1.1.0,completed,100,2,2026-11-22,{id},25,def\r\n"
            )
        );
    }

    #[test]
    fn results_sort_by_any_column_and_count_questions_per_learner() {
        let c = course();
        let full = CompletionRecord::of(&c, &completed(&c), "Zoe", 1.0);
        let mut started = Progress::new(&c);
        started.seen.insert(c.topics[0].lessons[0].id.clone());
        let partial = CompletionRecord::of(&c, &started, "adam", 1.0);
        assert_eq!(partial.status, Status::Incomplete);
        let mut rows = vec![full.clone(), partial.clone()];
        sort(&mut rows, Column::Learner, true);
        assert_eq!(
            rows.iter().map(|r| r.learner.as_str()).collect::<Vec<_>>(),
            ["adam", "Zoe"]
        );
        sort(&mut rows, Column::BestScore, false);
        assert_eq!(rows[0].learner, "Zoe");
        sort(&mut rows, Column::Status, true);
        assert_eq!(rows[0].learner, "adam");

        let stats = question_stats(&c, &rows);
        let second = &full.attempts[1];
        // Every question of Zoe's latest attempt was right, and nobody else took the test.
        for q in &second.questions {
            let s = stats.iter().find(|s| s.id == q.id).unwrap();
            assert_eq!((s.correct, s.seen, s.percent()), (1, 1, 100));
        }
    }

    #[test]
    fn durations_and_dates_read_naturally() {
        let d = |s| duration(s, "{minutes} min", "{hours} h {minutes} min");
        assert_eq!(d(59), "0 min");
        assert_eq!(d(25 * 60), "25 min");
        assert_eq!(d(65 * 60), "1 h 05 min");
        assert_eq!(d(600 * 60), "10 h 00 min");
        assert_eq!(
            duration(65 * 60, "{minutes} د", "{hours} س {minutes} د"),
            "1 س 05 د"
        );
        assert_eq!(iso_date(1_795_305_600_000.0), "2026-11-22");
    }

    #[test]
    fn best_scores_fall_in_bands_of_ten_with_100_in_the_last() {
        let c = course();
        let base = CompletionRecord::of(&c, &Progress::new(&c), "x", 0.0);
        let with = |s: Option<u32>| CompletionRecord {
            best_score: s,
            ..base.clone()
        };
        let rows: Vec<_> = [
            None,
            Some(0),
            Some(9),
            Some(10),
            Some(79),
            Some(80),
            Some(100),
            Some(95),
        ]
        .into_iter()
        .map(with)
        .collect();
        assert_eq!(score_bands(&rows), [2, 1, 0, 0, 0, 0, 0, 1, 1, 2]);
    }

    #[test]
    fn the_charts_are_drawn_from_the_numbers_and_hidden_from_screen_readers() {
        let svg = score_chart_svg(&[0, 0, 0, 0, 0, 1, 0, 2, 4, 1]);
        assert!(svg.starts_with("<svg") && svg.contains(r#"aria-hidden="true""#));
        assert_eq!(svg.matches("<rect").count(), BANDS);
        // The fullest band is the full height; a band of a quarter of it a quarter.
        assert!(
            svg.contains(r#"<rect x="81" y="0" width="8" height="100"/>"#),
            "{svg}"
        );
        assert!(
            svg.contains(r#"<rect x="51" y="75" width="8" height="25"/>"#),
            "{svg}"
        );
        assert!(share_bar_svg(130).contains(r#"<rect width="100" height="6"/>"#));
        assert!(share_bar_svg(42).contains(r#"<rect width="42" height="6"/>"#));
    }

    #[test]
    fn the_combined_json_is_an_array_of_the_records_a_line_each() {
        let c = course();
        let a = CompletionRecord::of(&c, &Progress::new(&c), "a", 0.0);
        let text = to_json_lines(&[a.clone(), a.clone()]);
        assert_eq!(text.lines().count(), 4);
        assert_eq!(
            crate::json::Json::parse(&text)
                .unwrap()
                .as_array()
                .map(<[_]>::len),
            Some(2)
        );
        let second = text.lines().nth(2).unwrap();
        assert_eq!(read_record(second, &c), Ok(a));
    }
}
