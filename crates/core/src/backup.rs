//! Progress files: a learner's record exported to a file and imported in another browser.
//!
//! Import validates every field and reports every problem with its path; nothing is
//! applied from a file with any problem. Never panics, whatever the file holds.

use crate::json::{FromJson, Json};
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

/// Reads a progress file for `course`. Every problem is reported, each with the field it is
/// about; on any problem nothing is returned to apply.
pub fn import(text: &str, course: &Course) -> Result<Progress, Vec<String>> {
    let file = Json::parse(text).map_err(|e| vec![format!("the file is not valid JSON ({e})")])?;
    if file.get("kind").and_then(Json::as_str) != Some(FILE_KIND) {
        return Err(vec!["the file is not a progress file from this course player (its 'kind' is not 'course-engine-progress')".into()]);
    }
    match file.get("format").and_then(Json::as_u64) {
        Some(FILE_FORMAT) => {}
        other => {
            return Err(vec![format!(
                "format: this player reads progress files of format {FILE_FORMAT}, not {}",
                shown(other.map(Json::from).as_ref())
            )])
        }
    }
    let Some(record) = file.get("record") else {
        return Err(vec!["record: missing".into()]);
    };
    migrate(record.get("schema_version").and_then(Json::as_u64)).map_err(|e| match e {
        Migration::Newer(v) => vec![format!("record.schema_version: {v} was written by a newer course player; this one reads up to {SCHEMA_VERSION}")],
        Migration::Unknown => vec!["record.schema_version: missing or unknown".into()],
    })?;
    let mut problems = Vec::new();
    check_record(record, &mut problems);
    if let Some(id) = record.get("course_id").and_then(Json::as_str) {
        if id != course.id {
            problems.push(format!(
                "record.course_id: the file is for course '{id}', not '{}'",
                course.id
            ));
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut p = Progress::from_json(record).map_err(|e| vec![format!("record: {e}")])?;
    p.schema_version = SCHEMA_VERSION;
    p.keep_what_applies(course);
    Ok(p)
}

fn shown(v: Option<&Json>) -> String {
    match v {
        None => "missing".into(),
        Some(v) => {
            let t = v.to_string();
            if t.chars().count() > 40 {
                format!("{}…", t.chars().take(40).collect::<String>())
            } else {
                t
            }
        }
    }
}

/// The expected shape of a field, checked with its path for messages.
struct At<'a> {
    path: String,
    problems: &'a mut Vec<String>,
}

impl At<'_> {
    fn bad(&mut self, what: &str, found: Option<&Json>) {
        self.problems.push(format!(
            "{}: expected {what}, found {}",
            self.path,
            shown(found)
        ));
    }
}

fn field<'v>(v: &'v Json, key: &str) -> Option<&'v Json> {
    v.get(key).filter(|x| !x.is_null())
}

fn check_record(r: &Json, problems: &mut Vec<String>) {
    if !r.is_object() {
        problems.push(format!(
            "record: expected an object, found {}",
            shown(Some(r))
        ));
        return;
    }
    let at = |key: &str, problems: &mut Vec<String>, check: &dyn Fn(&Json, &mut At)| {
        let path = format!("record.{key}");
        check(
            r.get(key).unwrap_or(&Json::Null),
            &mut At { path, problems },
        );
    };
    at("course_id", problems, &|v, a| text(v, a, true));
    at("course_version", problems, &|v, a| text(v, a, true));
    at("updated_at", problems, &|v, a| optional(v, a, &number));
    at("order_seed", problems, &|v, a| optional(v, a, &whole));
    at("last_lesson", problems, &|v, a| {
        optional(v, a, &|v, a| {
            object(
                v,
                a,
                &[
                    ("topic", &|v, a| text(v, a, true)),
                    ("lesson", &|v, a| text(v, a, true)),
                ],
            )
        })
    });
    at("seen", problems, &|v, a| {
        optional(v, a, &|v, a| list(v, a, &|v, a| text(v, a, true)))
    });
    at("answers", problems, &|v, a| {
        optional(v, a, &|v, a| {
            map(v, a, &|v, a| {
                object(
                    v,
                    a,
                    &[
                        ("response", &response),
                        ("correct", &boolean),
                        ("at", &|v, a| optional(v, a, &number)),
                        ("question_hash", &|v, a| {
                            optional(v, a, &|v, a| text(v, a, false))
                        }),
                    ],
                )
            })
        })
    });
    at("attempts", problems, &|v, a| {
        optional(v, a, &|v, a| list(v, a, &attempt))
    });
    at("time_on_task", problems, &|v, a| {
        optional(v, a, &|v, a| map(v, a, &whole))
    });
    at("topics_done_at", problems, &|v, a| {
        optional(v, a, &|v, a| map(v, a, &number))
    });
    at("learner_name", problems, &|v, a| {
        optional(v, a, &|v, a| text(v, a, false))
    });
    at("completion", problems, &|v, a| {
        optional(v, a, &|v, a| {
            object(
                v,
                a,
                &[
                    ("at", &number),
                    ("id", &|v, a| text(v, a, true)),
                    ("day", &|v, a| optional(v, a, &|v, a| text(v, a, true))),
                ],
            )
        })
    });
}

type Check = dyn Fn(&Json, &mut At);

fn optional(v: &Json, a: &mut At, check: &Check) {
    if !v.is_null() {
        check(v, a);
    }
}

fn text(v: &Json, a: &mut At, nonempty: bool) {
    match v.as_str() {
        Some(s) if !nonempty || !s.is_empty() => {}
        _ => a.bad(
            if nonempty { "non-empty text" } else { "text" },
            Some(v).filter(|v| !v.is_null()),
        ),
    }
}

fn number(v: &Json, a: &mut At) {
    if !v.as_f64().is_some_and(f64::is_finite) {
        a.bad("a number", Some(v).filter(|v| !v.is_null()));
    }
}

fn whole(v: &Json, a: &mut At) {
    if v.as_u64().is_none() {
        a.bad(
            "a whole number of 0 or more",
            Some(v).filter(|v| !v.is_null()),
        );
    }
}

fn boolean(v: &Json, a: &mut At) {
    if !v.is_boolean() {
        a.bad("true or false", Some(v).filter(|v| !v.is_null()));
    }
}

fn list(v: &Json, a: &mut At, each: &Check) {
    let Some(items) = v.as_array() else {
        return a.bad("a list", Some(v));
    };
    for (i, item) in items.iter().enumerate() {
        each(
            item,
            &mut At {
                path: format!("{}[{i}]", a.path),
                problems: a.problems,
            },
        );
    }
}

fn map(v: &Json, a: &mut At, each: &Check) {
    let Some(entries) = v.as_object() else {
        return a.bad("an object", Some(v));
    };
    for (k, item) in entries {
        each(
            item,
            &mut At {
                path: format!("{}.{k}", a.path),
                problems: a.problems,
            },
        );
    }
}

fn object(v: &Json, a: &mut At, fields: &[(&str, &Check)]) {
    if !v.is_object() {
        return a.bad("an object", Some(v).filter(|v| !v.is_null()));
    }
    for (key, check) in fields {
        let item = field(v, key).unwrap_or(&Json::Null);
        check(
            item,
            &mut At {
                path: format!("{}.{key}", a.path),
                problems: a.problems,
            },
        );
    }
}

fn response(v: &Json, a: &mut At) {
    let indexes = |v: &Json, a: &mut At, nullable: bool| {
        list(v, a, &move |v, a| {
            if !(v.as_u64().is_some() || (nullable && v.is_null())) {
                a.bad(
                    if nullable {
                        "an option number or null"
                    } else {
                        "an option number"
                    },
                    Some(v),
                );
            }
        })
    };
    match v.as_object() {
        Some([(k, inner)]) if k.as_str() == "choices" || k.as_str() == "matching" => indexes(
            inner,
            &mut At {
                path: format!("{}.{k}", a.path),
                problems: a.problems,
            },
            k.as_str() == "matching",
        ),
        _ => a.bad(
            "{\"choices\": [...]} or {\"matching\": [...]}",
            Some(v).filter(|v| !v.is_null()),
        ),
    }
}

fn attempt(v: &Json, a: &mut At) {
    object(
        v,
        a,
        &[
            ("seed", &whole),
            ("questions", &|v, a| list(v, a, &|v, a| text(v, a, true))),
            ("responses", &|v, a| {
                optional(v, a, &|v, a| map(v, a, &response))
            }),
            ("started_at", &|v, a| optional(v, a, &number)),
            ("question_hashes", &|v, a| {
                optional(v, a, &|v, a| map(v, a, &|v, a| text(v, a, false)))
            }),
            ("answered_at", &|v, a| {
                optional(v, a, &|v, a| map(v, a, &number))
            }),
            ("result", &|v, a| {
                optional(v, a, &|v, a| {
                    object(
                        v,
                        a,
                        &[
                            ("correct", &whole),
                            ("total", &whole),
                            ("score", &whole),
                            ("passed", &boolean),
                            ("per_question", &|v, a| map(v, a, &boolean)),
                            ("submitted_at", &number),
                        ],
                    )
                })
            }),
        ],
    );
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::testing::fixture;
    use serde_json::{json, Value};

    fn course() -> Course {
        fixture("valid")
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
        import(file, &course()).expect_err("the file must be refused")
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
    }

    #[test]
    fn files_that_are_not_progress_files_are_refused_plainly() {
        assert!(problems("not json")[0].starts_with("the file is not valid JSON"));
        assert_eq!(problems("{}"), ["the file is not a progress file from this course player (its 'kind' is not 'course-engine-progress')"]);
        assert_eq!(
            problems(r#"{"kind":"course-engine-progress","format":1,"record":{"schema_version":99}}"#),
            ["record.schema_version: 99 was written by a newer course player; this one reads up to 2"]
        );
        assert_eq!(
            problems(r#"{"kind":"course-engine-progress","format":3}"#),
            ["format: this player reads progress files of format 1, not 3"]
        );
    }
}
