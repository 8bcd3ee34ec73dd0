//! The course manifest, `course.toml`: parsed from text, every problem collected.
//!
//! Reads a toml_edit document (which keeps source positions) by hand rather than through
//! serde, so that one run reports every unknown, missing or mistyped field with its place.

use crate::diagnostics::{FileDiagnostics, Place};
use toml_edit::{Document, Item, Table, Value};

/// The manifest format this compiler reads.
pub const FORMAT_VERSION: i64 = 1;

#[derive(Debug, Default)]
pub struct Manifest {
    pub id: String,
    pub title: String,
    pub version: String,
    pub language: String,
    pub estimated_minutes: u32,
    pub description: String,
    pub audience: Vec<String>,
    pub glossary: Option<Located<String>>,
    pub resources: Option<Located<String>>,
    pub objectives: Vec<ObjectiveEntry>,
    pub topics: Vec<TopicEntry>,
    pub assessment: AssessmentEntry,
}

/// A value with the place it was written.
#[derive(Debug, Clone)]
pub struct Located<T> {
    pub value: T,
    pub at: Place,
}

#[derive(Debug)]
pub struct ObjectiveEntry {
    pub id: Located<String>,
    pub text: String,
}

#[derive(Debug)]
pub struct TopicEntry {
    pub id: Located<String>,
    pub file: Located<String>,
    pub minutes: u32,
}

#[derive(Debug, Default)]
pub struct AssessmentEntry {
    pub topic: Option<Located<String>>,
    pub pass_mark: u32,
    pub attempts: u32,
    pub questions_per_attempt: Option<Located<u32>>,
    pub requires: Vec<Located<String>>,
}

const ROOT_FIELDS: &[&str] = &[
    "format_version",
    "id",
    "title",
    "version",
    "language",
    "estimated_minutes",
    "description",
    "audience",
    "glossary",
    "resources",
    "objectives",
    "topics",
    "assessment",
];
const OBJECTIVE_FIELDS: &[&str] = &["id", "text"];
const TOPIC_FIELDS: &[&str] = &["id", "file", "minutes"];
const ASSESSMENT_FIELDS: &[&str] = &[
    "topic",
    "pass_mark",
    "attempts",
    "questions_per_attempt",
    "requires",
];

/// Whether `id` is a valid author id: lower-case letters, digits and single hyphens.
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !id.starts_with('-')
        && !id.ends_with('-')
}

pub fn invalid_id_message(what: &str, id: &str) -> String {
    format!(
        "{what} id '{id}' is not valid; use lower-case letters, digits and hyphens, like 'topic-1'"
    )
}

/// Parses `course.toml`. Problems go to `diags`; the manifest is as complete as the text allows.
pub fn parse_manifest(text: &str, diags: &mut FileDiagnostics) -> Option<Manifest> {
    let doc = match Document::parse(text) {
        Ok(doc) => doc,
        Err(e) => {
            let at = e.span().map(|s| s.start).unwrap_or(0);
            let msg = e.message().trim().trim_end_matches('.').to_string();
            diags.at(at, format!("not valid TOML: {msg}"));
            return None;
        }
    };
    let mut root = Fields::new(doc.as_table(), "the manifest", ROOT_FIELDS, 0);
    let mut m = Manifest::default();

    if let Some((v, at)) = root.int("format_version", diags) {
        if v != FORMAT_VERSION {
            diags.at(
                at,
                format!(
                    "format_version {v} is not supported; this compiler reads format_version {FORMAT_VERSION}"
                ),
            );
        }
    }
    if let Some((id, at)) = root.string("id", diags) {
        if !is_valid_id(&id) {
            diags.at(at, invalid_id_message("course", &id));
        }
        m.id = id;
    }
    m.title = root.nonempty_string("title", diags).unwrap_or_default();
    m.version = root.nonempty_string("version", diags).unwrap_or_default();
    m.language = root.nonempty_string("language", diags).unwrap_or_default();
    m.estimated_minutes = root.positive("estimated_minutes", diags).unwrap_or(0);
    m.description = root
        .optional_string("description", diags)
        .map(|l| l.value)
        .unwrap_or_default();
    m.audience = root
        .string_list("audience", diags)
        .unwrap_or_default()
        .into_iter()
        .map(|l| l.value)
        .collect();
    m.glossary = root.optional_string("glossary", diags);
    m.resources = root.optional_string("resources", diags);

    for table in root.tables("objectives", diags) {
        let mut f = Fields::new(table, "[[objectives]]", OBJECTIVE_FIELDS, root.at);
        f.finish(diags);
        let id = f.id("objective", diags);
        let text = f.nonempty_string("text", diags).unwrap_or_default();
        if let Some(id) = id {
            m.objectives.push(ObjectiveEntry { id, text });
        }
    }
    for table in root.tables("topics", diags) {
        let mut f = Fields::new(table, "[[topics]]", TOPIC_FIELDS, root.at);
        f.finish(diags);
        let id = f.id("topic", diags);
        let file = f.string("file", diags).map(|(value, at)| Located {
            value,
            at: place(diags, at),
        });
        let minutes = f.positive("minutes", diags).unwrap_or(0);
        if let (Some(id), Some(file)) = (id, file) {
            m.topics.push(TopicEntry { id, file, minutes });
        }
    }
    if let Some(item) = root.required("assessment", diags) {
        match item.as_table() {
            Some(table) => {
                let mut f = Fields::new(table, "[assessment]", ASSESSMENT_FIELDS, root.at);
                let a = &mut m.assessment;
                a.topic = f.string("topic", diags).map(|(value, at)| Located {
                    value,
                    at: place(diags, at),
                });
                if let Some((v, at)) = f.int("pass_mark", diags) {
                    if !(0..=100).contains(&v) {
                        diags.at(
                            at,
                            format!("pass_mark {v} must be a percentage from 0 to 100"),
                        );
                    }
                    a.pass_mark = v.clamp(0, 100) as u32;
                }
                a.attempts = f.positive("attempts", diags).unwrap_or(0);
                a.questions_per_attempt =
                    f.int("questions_per_attempt", diags).and_then(|(v, at)| {
                        if v < 1 {
                            diags.at(at, "questions_per_attempt must be at least 1");
                            None
                        } else {
                            Some(Located {
                                value: v.min(u32::MAX as i64) as u32,
                                at: place(diags, at),
                            })
                        }
                    });
                a.requires = f.string_list("requires", diags).unwrap_or_default();
                f.finish(diags);
            }
            None => diags.at(
                span_start(item, 0),
                "'assessment' must be a table: write it as an [assessment] section",
            ),
        }
    }
    root.finish(diags);

    let total: u32 = m.topics.iter().map(|t| t.minutes).sum();
    let all_timed = m.topics.iter().all(|t| t.minutes > 0);
    if m.estimated_minutes > 0 && !m.topics.is_empty() && all_timed && total != m.estimated_minutes
    {
        let at = root_value_offset(&doc, "estimated_minutes");
        diags.at(
            at,
            format!(
                "estimated_minutes is {} but the topics' minutes add up to {total}; make them agree",
                m.estimated_minutes
            ),
        );
    }
    Some(m)
}

fn root_value_offset(doc: &Document<&str>, key: &str) -> usize {
    doc.as_table()
        .get(key)
        .map(|i| span_start(i, 0))
        .unwrap_or(0)
}

fn place(diags: &FileDiagnostics, offset: usize) -> Place {
    let (line, col) = diags.position(offset);
    Place {
        file: diags.file().to_string(),
        line,
        col,
    }
}

fn span_start(item: &Item, fallback: usize) -> usize {
    item.span().map(|s| s.start).unwrap_or(fallback)
}

/// Reads the fields of one table, remembering which were used so the rest can be reported.
struct Fields<'t> {
    table: &'t Table,
    name: &'static str,
    allowed: &'static [&'static str],
    at: usize,
}

impl<'t> Fields<'t> {
    fn new(
        table: &'t Table,
        name: &'static str,
        allowed: &'static [&'static str],
        fallback: usize,
    ) -> Self {
        let at = table.span().map(|s| s.start).unwrap_or(fallback);
        Fields {
            table,
            name,
            allowed,
            at,
        }
    }

    /// Reports fields this table does not know.
    fn finish(&mut self, diags: &mut FileDiagnostics) {
        if self.allowed.is_empty() {
            return;
        }
        for (key, _) in self.table.iter() {
            if !self.allowed.contains(&key) {
                let at = self
                    .table
                    .get_key_value(key)
                    .and_then(|(k, _)| k.span())
                    .map(|s| s.start)
                    .unwrap_or(self.at);
                diags.at(
                    at,
                    format!(
                        "unknown field '{key}' in {}; expected one of: {}",
                        self.name,
                        self.allowed.join(", ")
                    ),
                );
            }
        }
        self.allowed = &[];
    }

    fn required(&self, key: &str, diags: &mut FileDiagnostics) -> Option<&'t Item> {
        let item = self.table.get(key);
        if item.is_none() {
            diags.at(self.at, format!("missing field '{key}' in {}", self.name));
        }
        item
    }

    fn value(&self, key: &str, diags: &mut FileDiagnostics) -> Option<(&'t Value, usize)> {
        let item = self.required(key, diags)?;
        let at = span_start(item, self.at);
        match item.as_value() {
            Some(v) => Some((v, at)),
            None => {
                diags.at(
                    at,
                    format!(
                        "field '{key}' in {} must be a value, not a table",
                        self.name
                    ),
                );
                None
            }
        }
    }

    fn string(&self, key: &str, diags: &mut FileDiagnostics) -> Option<(String, usize)> {
        let (v, at) = self.value(key, diags)?;
        match v.as_str() {
            Some(s) => Some((s.to_string(), at)),
            None => {
                diags.at(
                    at,
                    format!("field '{key}' in {} must be text in quotes", self.name),
                );
                None
            }
        }
    }

    fn nonempty_string(&self, key: &str, diags: &mut FileDiagnostics) -> Option<String> {
        let (s, at) = self.string(key, diags)?;
        if s.trim().is_empty() {
            diags.at(
                at,
                format!("field '{key}' in {} must not be empty", self.name),
            );
        }
        Some(s)
    }

    fn optional_string(&self, key: &str, diags: &mut FileDiagnostics) -> Option<Located<String>> {
        self.table.get(key)?;
        self.string(key, diags).map(|(value, at)| Located {
            value,
            at: place(diags, at),
        })
    }

    fn id(&self, what: &str, diags: &mut FileDiagnostics) -> Option<Located<String>> {
        let (id, at) = self.string("id", diags)?;
        if !is_valid_id(&id) {
            diags.at(at, invalid_id_message(what, &id));
        }
        Some(Located {
            value: id,
            at: place(diags, at),
        })
    }

    fn int(&self, key: &str, diags: &mut FileDiagnostics) -> Option<(i64, usize)> {
        let (v, at) = self.value(key, diags)?;
        match v.as_integer() {
            Some(n) => Some((n, at)),
            None => {
                diags.at(
                    at,
                    format!("field '{key}' in {} must be a whole number", self.name),
                );
                None
            }
        }
    }

    fn positive(&self, key: &str, diags: &mut FileDiagnostics) -> Option<u32> {
        let (n, at) = self.int(key, diags)?;
        if n < 1 {
            diags.at(
                at,
                format!("field '{key}' in {} must be at least 1", self.name),
            );
            return None;
        }
        Some(n.min(u32::MAX as i64) as u32)
    }

    fn string_list(&self, key: &str, diags: &mut FileDiagnostics) -> Option<Vec<Located<String>>> {
        let (v, at) = self.value(key, diags)?;
        let Some(array) = v.as_array() else {
            diags.at(
                at,
                format!(
                    "field '{key}' in {} must be a list of texts, like [\"a\", \"b\"]",
                    self.name
                ),
            );
            return None;
        };
        let mut out = Vec::new();
        for item in array.iter() {
            let item_at = item.span().map(|s| s.start).unwrap_or(at);
            match item.as_str() {
                Some(s) => out.push(Located {
                    value: s.to_string(),
                    at: place(diags, item_at),
                }),
                None => diags.at(
                    item_at,
                    format!(
                        "every entry of '{key}' in {} must be text in quotes",
                        self.name
                    ),
                ),
            }
        }
        Some(out)
    }

    fn tables(&self, key: &str, diags: &mut FileDiagnostics) -> Vec<&'t Table> {
        let Some(item) = self.required(key, diags) else {
            return Vec::new();
        };
        match item.as_array_of_tables() {
            Some(list) if !list.is_empty() => list.iter().collect(),
            _ => {
                diags.at(
                    span_start(item, self.at),
                    format!("'{key}' must be a list of [[{key}]] sections, with at least one"),
                );
                Vec::new()
            }
        }
    }
}
