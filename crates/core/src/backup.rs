//! Progress files: a learner's record exported to a file and imported in another browser.
//!
//! Import validates every field and reports every problem with its path; nothing is
//! applied from a file with any problem. Never panics, whatever the file holds.

use crate::json::{FromJson, Json, Problem};
use crate::model::Course;
use crate::progress::{migrate, Migration, Progress, SCHEMA_VERSION};

/// What the `kind` field of a progress file says.
pub const FILE_KIND: &str = "course-engine-progress";
/// The layout of the file around the record.
pub const FILE_FORMAT: u64 = 1;

/// The file name offered for a download.
pub fn file_name(course: &Course) -> String {
    format!("{}-progress.json", course.id)
}

/// A progress file: the record with what it is and when it was made.
pub fn export(p: &Progress, course: &Course, now: f64) -> String {
    // A typed file written compactly: the record then goes through the same JSON writer as
    // the saved record (a `json!` value or pretty printing would each add another to the wasm).
    #[derive(serde::Serialize)]
    struct File<'a> {
        kind: &'a str,
        format: u64,
        course_title: &'a str,
        exported_at: f64,
        record: &'a Progress,
    }
    serde_json::to_string(&File {
        kind: FILE_KIND,
        format: FILE_FORMAT,
        course_title: &course.title,
        exported_at: now,
        record: p,
    })
    .expect("a progress file always serialises")
}

/// Why a progress file cannot be restored: one of these, or every field problem found.
#[derive(Clone, Debug, PartialEq)]
pub enum Refusal {
    /// Not JSON: where and why the parser stopped.
    NotJson(crate::json::SyntaxError),
    NotAProgressFile,
    /// The file layout it says (`None`: none, or not a whole number).
    Format(Option<u64>),
    NoRecord,
    /// The record was written by a newer player, whose schema this is.
    Newer(u64),
    UnknownSchema,
    /// A field of the record that is missing or of the wrong shape.
    Field(Problem),
    /// The course the record is for, and this one.
    OtherCourse(String, String),
}

impl Refusal {
    /// The learner's page's words for it: `say` gives the page's word for a key
    /// (`restore_refused_…`, and for a field `json::Problem::worded`'s).
    pub fn worded(&self, say: &dyn Fn(&'static str) -> String) -> String {
        let (key, values): (&str, Vec<(&str, String)>) = match self {
            Refusal::NotJson(e) => (
                "restore_refused_not_json",
                vec![
                    ("line", e.line.to_string()),
                    ("column", e.column.to_string()),
                ],
            ),
            Refusal::NotAProgressFile => ("restore_refused_not_progress", vec![]),
            Refusal::Format(Some(found)) => (
                "restore_refused_format",
                vec![
                    ("supported", FILE_FORMAT.to_string()),
                    ("found", found.to_string()),
                ],
            ),
            Refusal::Format(None) => (
                "restore_refused_format_missing",
                vec![("supported", FILE_FORMAT.to_string())],
            ),
            Refusal::NoRecord => ("restore_refused_no_record", vec![]),
            Refusal::Newer(v) => (
                "restore_refused_newer",
                vec![
                    ("schema", v.to_string()),
                    ("supported", SCHEMA_VERSION.to_string()),
                ],
            ),
            Refusal::UnknownSchema => ("restore_refused_unknown_schema", vec![]),
            Refusal::Field(p) => return p.worded(say),
            Refusal::OtherCourse(theirs, ours) => (
                "restore_refused_other_course",
                vec![("course", theirs.clone()), ("this_course", ours.clone())],
            ),
        };
        let values: Vec<(&str, &str)> = values.iter().map(|(k, v)| (*k, v.as_str())).collect();
        crate::model::fill(&say(key), &values)
    }
}

/// In English, as tests and logs read it.
impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Refusal::NotJson(why) => write!(f, "the file is not valid JSON ({why})"),
            Refusal::NotAProgressFile => write!(f, "the file is not a progress file from this course player (its 'kind' is not '{FILE_KIND}')"),
            Refusal::Format(found) => write!(
                f,
                "format: this player reads progress files of format {FILE_FORMAT}, not {}",
                found.map_or_else(|| "missing".to_string(), |n| n.to_string())
            ),
            Refusal::NoRecord => write!(f, "record: missing"),
            Refusal::Newer(v) => write!(f, "record.schema_version: {v} was written by a newer course player; this one reads up to {SCHEMA_VERSION}"),
            Refusal::UnknownSchema => write!(f, "record.schema_version: missing or unknown"),
            Refusal::Field(p) => p.fmt(f),
            Refusal::OtherCourse(theirs, ours) => write!(
                f,
                "record.course_id: the file is for course '{theirs}', not '{ours}'"
            ),
        }
    }
}

/// Reads a progress file for `course`: the record is read as a `Progress` (its reader
/// tells every problem with its path) and must be this course's. On any problem nothing
/// is returned to apply.
pub fn import(text: &str, course: &Course) -> Result<Progress, Vec<Refusal>> {
    let file = Json::parse(text).map_err(|e| vec![Refusal::NotJson(e)])?;
    if file.get("kind").and_then(Json::as_str) != Some(FILE_KIND) {
        return Err(vec![Refusal::NotAProgressFile]);
    }
    match file.get("format").and_then(Json::as_u64) {
        Some(FILE_FORMAT) => {}
        other => return Err(vec![Refusal::Format(other)]),
    }
    let Some(record) = file.get("record") else {
        return Err(vec![Refusal::NoRecord]);
    };
    migrate(record.get("schema_version").and_then(Json::as_u64)).map_err(|e| {
        vec![match e {
            Migration::Newer(v) => Refusal::Newer(v),
            Migration::Unknown => Refusal::UnknownSchema,
        }]
    })?;
    let read = Progress::from_json(record).map_err(|e| e.within_key("record"));
    let other_course = record
        .get("course_id")
        .and_then(Json::as_str)
        .filter(|id| *id != course.id)
        .map(|id| Refusal::OtherCourse(id.to_string(), course.id.clone()));
    match (read, other_course) {
        (Ok(mut p), None) => {
            p.schema_version = SCHEMA_VERSION;
            p.keep_what_applies(course);
            Ok(p)
        }
        (read, other) => {
            let mut problems: Vec<Refusal> = read
                .err()
                .map(|e| e.problems.into_iter().map(Refusal::Field).collect())
                .unwrap_or_default();
            problems.extend(other);
            Err(problems)
        }
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::testing::compiled;
    use serde_json::{json, Value};

    fn course() -> Course {
        compiled("valid")
    }
    use crate::grade::Response;
    use crate::progress::{LessonRef, SavedAnswer};

    fn record(c: &Course) -> Progress {
        let mut p = Progress::new(c);
        p.last_lesson = Some(LessonRef {
            topic: "one".into(),
            lesson: "first".into(),
        });
        p.seen.insert("first".into());
        let q = &c.topics[0].check[0];
        p.answers.insert(
            q.id.clone(),
            SavedAnswer {
                response: Response::Choices(vec![0]),
                correct: true,
                at: 5.0,
                question_hash: q.hash.clone(),
            },
        );
        p.attempts.push(crate::assessment::draw(c, 11, 6.0));
        p.time_on_task.insert("one".into(), 95);
        p.learner_name = Some("Ana".into());
        p.updated_at = 7.0;
        p
    }

    #[test]
    fn an_exported_file_imports_to_the_same_record() {
        let c = course();
        let p = record(&c);
        let file = export(&p, &c, 123.0);
        let parsed: Value = serde_json::from_str(&file).unwrap();
        assert_eq!(parsed["kind"], "course-engine-progress");
        assert_eq!(parsed["course_title"], c.title.as_str());
        assert_eq!(parsed["exported_at"], 123.0);
        assert_eq!(import(&file, &c), Ok(p));
    }

    fn problems(file: &str) -> Vec<String> {
        import(file, &course())
            .expect_err("the file must be refused")
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    #[test]
    fn every_problem_in_a_tampered_file_is_reported_by_field() {
        let c = course();
        let mut file: Value = serde_json::from_str(&export(&record(&c), &c, 1.0)).unwrap();
        file["record"]["seen"] = json!(["first", 7]);
        file["record"]["answers"]["q1"]["correct"] = json!("yes");
        file["record"]["answers"]["q1"]["response"] = json!({"typed": "x"});
        file["record"]["attempts"][0]["seed"] = json!(-3);
        file["record"]["time_on_task"]["one"] = json!(1.5);
        file["record"]["course_id"] = json!("another-course");
        assert_eq!(
            problems(&file.to_string()),
            [
                "record.seen[1]: expected non-empty text, found 7",
                "record.answers.q1.response: expected {\"choices\": [...]} or {\"matching\": [...]}, found {\"typed\":\"x\"}",
                "record.answers.q1.correct: expected true or false, found \"yes\"",
                "record.attempts[0].seed: expected a whole number of 0 or more, found -3",
                "record.time_on_task.one: expected a whole number of 0 or more, found 1.5",
                "record.course_id: the file is for course 'another-course', not 'fixture'",
            ]
        );
        // In the page's words: the place as the file writes it, the rest from its catalogue.
        let say = |key: &'static str| match key {
            "field_problem" => "{field} | {expected} | {found}".to_string(),
            "field_problem_missing" => "{field} | {expected} | -".to_string(),
            "restore_refused_other_course" => "{course} ≠ {this_course}".to_string(),
            other => other.to_uppercase(),
        };
        let worded_refusals = |file: &Value| -> Vec<String> {
            import(&file.to_string(), &c)
                .unwrap_err()
                .iter()
                .map(|r| r.worded(&say))
                .collect()
        };
        let worded = worded_refusals(&file);
        assert_eq!(
            worded,
            [
                "record.seen[1] | EXPECTED_NONEMPTY_TEXT | 7",
                "record.answers.q1.response | EXPECTED_RESPONSE | {\"typed\":\"x\"}",
                "record.answers.q1.correct | EXPECTED_BOOLEAN | \"yes\"",
                "record.attempts[0].seed | EXPECTED_WHOLE | -3",
                "record.time_on_task.one | EXPECTED_WHOLE | 1.5",
                "another-course ≠ fixture",
            ]
        );
        file["record"]["course_id"] = json!("fixture");
        file["record"]["learner_name"] = json!(["Ana"]);
        file["record"]["course_version"] = Value::Null;
        let worded = worded_refusals(&file);
        assert_eq!(
            worded[0],
            "record.course_version | EXPECTED_NONEMPTY_TEXT | -"
        );
        assert_eq!(worded[1], "record.learner_name | EXPECTED_TEXT | [\"Ana\"]");
        // A list or an object that is null says so; a value that is null is missing.
        let mut file: Value = serde_json::from_str(&export(&record(&c), &c, 1.0)).unwrap();
        file["record"]["attempts"][0]
            .as_object_mut()
            .unwrap()
            .remove("questions");
        file["record"]["answers"]["q1"]["response"] = json!({"choices": [0, null]});
        file["record"]["time_on_task"] = Value::Null;
        file["record"]["answers"]["q1"]["correct"] = Value::Null;
        assert_eq!(
            problems(&file.to_string()),
            [
                "record.answers.q1.response.choices[1]: expected an option number, found null",
                "record.answers.q1.correct: expected true or false, found missing",
                "record.attempts[0].questions: expected a list, found null",
            ]
        );
    }

    #[test]
    fn files_that_are_not_progress_files_are_refused_plainly() {
        assert!(problems("not json")[0].starts_with("the file is not valid JSON"));
        // In the page's words: where the parser stopped, not its English reason.
        let say = |key: &'static str| match key {
            "restore_refused_not_json" => "{line}:{column}".to_string(),
            other => other.to_string(),
        };
        let refused = import("{\"kind\": ", &course()).unwrap_err();
        assert_eq!(refused[0].worded(&say), "1:10");
        assert_eq!(problems("{}"), ["the file is not a progress file from this course player (its 'kind' is not 'course-engine-progress')"]);
        assert_eq!(
            problems(r#"{"kind":"course-engine-progress","format":1,"record":{"schema_version":99}}"#),
            ["record.schema_version: 99 was written by a newer course player; this one reads up to 2"]
        );
        assert_eq!(
            problems(r#"{"kind":"course-engine-progress","format":3}"#),
            ["format: this player reads progress files of format 1, not 3"]
        );
        assert_eq!(
            problems(r#"{"kind":"course-engine-progress","format":"1"}"#),
            ["format: this player reads progress files of format 1, not missing"]
        );
    }
}
