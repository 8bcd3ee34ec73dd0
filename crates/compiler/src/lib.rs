//! The course compiler: reads a course folder, checks it, and produces the compiled `Course`.
//!
//! This is the only module that touches the file system (`load_course`, `write_site`);
//! the parsers below it take text. Native only: none of this reaches the wasm.

pub mod i18n;
pub mod lint;
pub mod manifest;
pub mod markdown;
pub mod po_check;
pub mod svg;
pub mod topic;
pub mod words;

// The core's modules, by the paths the compiler has always used (`crate::model`, ...).
pub use course_core::{diagnostics, feedback, model, route, stats};

use crate::diagnostics::{Diagnostic, FileDiagnostics, Place};
use crate::model::{Assessment, Course, Objective, Topic, COMPILED_FORMAT};
use markdown::Folder;
use std::collections::HashMap;
use std::fs;
use std::path::Path;

pub const MANIFEST_FILE: &str = "course.toml";
pub const COMPILED_FILE: &str = "course.json";
pub const ASSETS_DIR: &str = "assets";

/// Reads and checks the course in `dir`. Returns the course, or every problem found.
pub fn load_course(dir: &Path) -> Result<Course, Vec<Diagnostic>> {
    check_course(dir).map(|checked| checked.course)
}

/// A course that compiled, and the warnings about it (item writing, diagrams, timing).
pub struct Checked {
    pub course: Course,
    pub warnings: Vec<Diagnostic>,
}

/// Reads and checks the course in `dir`: the course and its warnings, or every problem
/// found (errors only: a course with errors is not linted).
pub fn check_course(dir: &Path) -> Result<Checked, Vec<Diagnostic>> {
    compile(dir, None, &|_, text| text)
}

/// Reads and checks the course in `dir` in another language: `rewrite` gives each file's
/// text (by its path relative to the folder) in that language (`i18n::apply`), and the
/// course is compiled as written in `language` (its true-or-false words, its `lang`).
pub fn check_course_in(
    dir: &Path,
    language: &str,
    rewrite: &dyn Fn(&str, String) -> String,
) -> Result<Checked, Vec<Diagnostic>> {
    compile(dir, Some(language), rewrite)
}

fn compile(
    dir: &Path,
    language: Option<&str>,
    rewrite: &dyn Fn(&str, String) -> String,
) -> Result<Checked, Vec<Diagnostic>> {
    let shown = |name: &str| display_path(dir, name);
    let mut problems: Vec<Diagnostic> = Vec::new();
    let mut warnings: Vec<Diagnostic> = Vec::new();

    let manifest_name = shown(MANIFEST_FILE);
    let manifest_text = match fs::read_to_string(dir.join(MANIFEST_FILE)) {
        Ok(t) => rewrite(MANIFEST_FILE, t),
        Err(e) => {
            return Err(vec![Diagnostic {
                file: manifest_name,
                line: 1,
                col: 1,
                message: format!("cannot read the course manifest: {e}"),
            }])
        }
    };
    let mut md = FileDiagnostics::new(&manifest_name, &manifest_text);
    let manifest = manifest::parse_manifest(&manifest_text, &mut md);
    keep(&mut problems, &mut warnings, md);
    let Some(mut m) = manifest else {
        return Err(problems);
    };
    if let Some(language) = language {
        m.language = language.to_string();
    }

    // A link or image must name a file inside the folder (links leading out count as
    // missing here; `markdown` refuses `..` and absolute paths with its own message, and
    // `check_assets` reports links that lead out).
    let exists = |p: &str| !p.is_empty() && inside(dir, p).is_ok_and(|path| path.is_file());
    check_assets(dir, &mut problems);
    let diagrams = load_diagrams(dir, rewrite, &mut problems, &mut warnings);
    let language_words = words::for_language(&m.language);
    let folder = Folder {
        file_exists: &exists,
        diagrams: &diagrams,
        words: &language_words,
    };
    let mut glossary_ids = Vec::new();
    let mut glossary = Vec::new();
    if let Some(g) = &m.glossary {
        if let Some(text) = read_listed(
            dir,
            rewrite,
            &g.value,
            &g.at,
            "glossary file",
            &mut problems,
        ) {
            let mut d = FileDiagnostics::new(&shown(&g.value), &text);
            glossary = topic::parse_glossary(&text, &folder, &mut d, &mut glossary_ids);
            keep(&mut problems, &mut warnings, d);
        }
    }
    let terms = markdown::TermIndex::new(&glossary);
    let objective_ids: Vec<String> = m.objectives.iter().map(|o| o.id.value.clone()).collect();
    let ctx = topic::TopicContext {
        objectives: &objective_ids,
        language: &m.language,
        folder: &folder,
        terms: &terms,
    };

    let mut topics = Vec::new();
    let mut bank = Vec::new();
    let mut lesson_ids = Vec::new();
    let mut question_ids = Vec::new();
    let mut lesson_places = Vec::new();
    for entry in &m.topics {
        let Some(text) = read_listed(
            dir,
            rewrite,
            &entry.file.value,
            &entry.file.at,
            "topic file",
            &mut problems,
        ) else {
            continue;
        };
        let mut d = FileDiagnostics::new(&shown(&entry.file.value), &text);
        let parsed = topic::parse_topic(&text, &ctx, &mut d);
        keep(&mut problems, &mut warnings, d);
        lesson_places.extend(parsed.lesson_ids.iter().cloned());
        lesson_ids.extend(parsed.lesson_ids);
        question_ids.extend(parsed.question_ids);
        bank.extend(parsed.bank);
        topics.push(Topic {
            id: entry.id.value.clone(),
            title: parsed.title,
            minutes: entry.minutes,
            intro_html: parsed.intro_html,
            lessons: parsed.lessons,
            check: parsed.check,
        });
    }

    let mut resources_html = None;
    if let Some(r) = &m.resources {
        if let Some(text) = read_listed(
            dir,
            rewrite,
            &r.value,
            &r.at,
            "resources file",
            &mut problems,
        ) {
            let mut d = FileDiagnostics::new(&shown(&r.value), &text);
            resources_html = Some(markdown::render_block(&text, 0, &folder, &mut d).html);
            keep(&mut problems, &mut warnings, d);
        }
    }

    let objective_places: Vec<(String, Place)> = m
        .objectives
        .iter()
        .map(|o| (o.id.value.clone(), o.id.at.clone()))
        .collect();
    let topic_places: Vec<(String, Place)> = m
        .topics
        .iter()
        .map(|t| (t.id.value.clone(), t.id.at.clone()))
        .collect();
    for (kind, ids) in [
        ("objective", &objective_places),
        ("topic", &topic_places),
        ("lesson", &lesson_ids),
        ("question", &question_ids),
        ("glossary term", &glossary_ids),
    ] {
        duplicates(kind, ids, &mut problems);
    }

    let a = &m.assessment;
    if let Some(t) = &a.topic {
        if !m.topics.iter().any(|e| e.id.value == t.value) {
            problems.push(t.at.problem(unknown_topic("assessment topic", &t.value, &m)));
        }
    }
    for r in &a.requires {
        if !m.topics.iter().any(|e| e.id.value == r.value) {
            problems.push(r.at.problem(unknown_topic("required topic", &r.value, &m)));
        }
    }
    if let Some(n) = &a.questions_per_attempt {
        if (bank.len() as u32) < n.value {
            problems.push(n.at.problem(format!(
                "questions_per_attempt is {} but the course has {} assessment questions; add questions under '## {}' or lower it",
                n.value,
                bank.len(),
                topic::ASSESSMENT_QUESTIONS
            )));
        }
    }

    if !problems.is_empty() {
        return Err(problems);
    }
    let mut course = Course {
        format: COMPILED_FORMAT,
        id: m.id,
        title: m.title,
        version: m.version,
        language: m.language,
        estimated_minutes: m.estimated_minutes,
        description: m.description,
        audience: m.audience,
        objectives: m
            .objectives
            .into_iter()
            .map(|o| Objective {
                id: o.id.value,
                text: o.text,
            })
            .collect(),
        topics,
        assessment: Assessment {
            topic: a
                .topic
                .as_ref()
                .map(|t| t.value.clone())
                .unwrap_or_default(),
            pass_mark: a.pass_mark,
            attempts: a.attempts,
            questions_per_attempt: a
                .questions_per_attempt
                .as_ref()
                .map(|n| n.value)
                .unwrap_or(0),
            requires: a.requires.iter().map(|r| r.value.clone()).collect(),
            bank,
        },
        glossary,
        resources_html,
        content_hash: String::new(),
        home_html: String::new(),
        outline_html: String::new(),
        words: String::new(),
    };
    for q in course
        .topics
        .iter_mut()
        .flat_map(|t| t.check.iter_mut())
        .chain(course.assessment.bank.iter_mut())
    {
        q.hash = q.answer_hash();
    }
    course.content_hash = content_hash(&course);
    course.words = crate::model::words_text(words::for_language(&course.language).iter());
    course.home_html = home_html(&course);
    course.outline_html = outline_html(&course);
    let places = lint::Places {
        questions: &question_ids,
        glossary: &glossary_ids,
        topics: &topic_places,
        estimated_minutes: field_place(&manifest_name, &manifest_text, "estimated_minutes"),
        timing: language.is_none(),
    };
    lint::course(&course, &places, &terms, &mut warnings);
    Ok(Checked { course, warnings })
}

/// Where a top-level field of the manifest is written (its line's start), or line 1.
fn field_place(file: &str, text: &str, key: &str) -> Place {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let t = line.trim_start();
        if t.starts_with(key) && t[key.len()..].trim_start().starts_with('=') {
            offset += line.len() - t.len();
            break;
        }
        offset += line.len();
    }
    let offset = if offset >= text.len() { 0 } else { offset };
    let (line, col) = crate::diagnostics::LineIndex::new(text).position(offset);
    Place {
        file: file.to_string(),
        line,
        col,
    }
}

/// Every file under `assets/` is published: one that is a symbolic link leading outside the
/// course folder would publish a file the author never meant to (an error, with its path).
fn check_assets(dir: &Path, problems: &mut Vec<Diagnostic>) {
    fn walk(dir: &Path, rel: &str, problems: &mut Vec<Diagnostic>) {
        let Ok(entries) = fs::read_dir(dir.join(rel)) else {
            return;
        };
        let mut names: Vec<String> = entries
            .flatten()
            .map(|e| e.file_name().to_string_lossy().to_string())
            .collect();
        names.sort();
        for name in names {
            let rel = format!("{rel}/{name}");
            match inside(dir, &rel) {
                Err(why) => problems.push(Diagnostic {
                    file: display_path(dir, &rel),
                    line: 1,
                    col: 1,
                    message: format!("this asset {why}"),
                }),
                Ok(path) if path.is_dir() => walk(dir, &rel, problems),
                Ok(_) => {}
            }
        }
    }
    if dir.join(ASSETS_DIR).is_dir() {
        walk(dir, ASSETS_DIR, problems);
    }
}

/// Checks every SVG file under the course's `assets/` (each is published, and a diagram is
/// put into pages): errors and warnings go to their file; the good ones are returned by
/// path relative to the course folder, for lessons to inline.
fn load_diagrams(
    dir: &Path,
    rewrite: &dyn Fn(&str, String) -> String,
    problems: &mut Vec<Diagnostic>,
    warnings: &mut Vec<Diagnostic>,
) -> markdown::Diagrams {
    let mut out = markdown::Diagrams::new();
    let mut files = Vec::new();
    svg_files(&dir.join(ASSETS_DIR), ASSETS_DIR, &mut files);
    files.sort();
    for rel in files {
        let shown = display_path(dir, &rel);
        let text = match fs::read_to_string(dir.join(&rel)) {
            Ok(t) => rewrite(&rel, t),
            Err(e) => {
                problems.push(Diagnostic {
                    file: shown,
                    line: 1,
                    col: 1,
                    message: format!("cannot read this diagram as UTF-8 text: {e}"),
                });
                continue;
            }
        };
        let mut d = FileDiagnostics::new(&shown, &text);
        if let Some(diagram) = svg::check_svg(&text, &rel, &mut d) {
            out.insert(rel, diagram);
        }
        keep(problems, warnings, d);
    }
    out
}

/// `.svg` files under `path` (shown as `rel`), recursively.
pub(crate) fn svg_files(path: &Path, rel: &str, out: &mut Vec<String>) {
    let Ok(entries) = fs::read_dir(path) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().to_string();
        let rel = format!("{rel}/{name}");
        match entry.file_type() {
            Ok(t) if t.is_dir() => svg_files(&entry.path(), &rel, out),
            Ok(t) if t.is_file() && name.to_ascii_lowercase().ends_with(".svg") => out.push(rel),
            _ => {}
        }
    }
}

/// A topic's pages (`route::topic_pages`) as the outline and the home list them: each with
/// its route, its title and, for a lesson, its id.
type Page<'c> = (crate::route::Route, &'c str, Option<&'c str>);

fn topic_pages<'c>(course: &'c Course, t: &'c Topic) -> Vec<Page<'c>> {
    use crate::route::Route;
    crate::route::topic_pages(course, t)
        .into_iter()
        .map(|to| {
            let (title, lesson) = match &to {
                Route::Lesson { lesson, .. } => t
                    .lessons
                    .iter()
                    .find(|l| l.id == *lesson)
                    .map_or(("", None), |l| (l.title.as_str(), Some(l.id.as_str()))),
                Route::Check { .. } => (course.word("knowledge_check"), None),
                _ => (course.word("final_assessment"), None),
            };
            (to, title, lesson)
        })
        .collect()
}

/// The outline beside lessons (see `Course::outline_html`). A lesson's item carries its id,
/// and a place for the app's " (read)" note to screen readers.
pub fn outline_html(course: &Course) -> String {
    use markdown::escape;
    let mut h = String::from("<ol>");
    for t in &course.topics {
        h.push_str(&format!(
            r#"<li><span class="toc-topic">{}</span><ul>"#,
            escape(&t.title)
        ));
        for (to, title, lesson) in topic_pages(course, t) {
            let (href, title) = (escape(&to.path()), escape(title));
            h.push_str(&match lesson {
                Some(id) => format!(
                    r#"<li data-lesson="{}"><a href="{href}">{title}</a><span class="visually-hidden"></span></li>"#,
                    escape(id)
                ),
                None => format!(r#"<li><a href="{href}">{title}</a></li>"#),
            });
        }
        h.push_str("</ul></li>");
    }
    h.push_str("</ol>");
    h
}

/// The course home's static part (see `Course::home_html`): what the learner can do, the
/// topics with their pages, who the course is for. One rendering for the app and for the
/// loading shell, and no view code for it in the wasm.
pub fn home_html(course: &Course) -> String {
    use markdown::escape;
    let link = |to: crate::route::Route, text: &str| {
        format!(
            r#"<li><a href="{}">{}</a></li>"#,
            escape(&to.path()),
            escape(text)
        )
    };
    let list = |items: Vec<&String>| -> String {
        items
            .iter()
            .map(|t| format!("<li>{}</li>", escape(t)))
            .collect()
    };
    let word = |key: &str| escape(course.word(key));
    let mut h = format!(
        r#"<section aria-labelledby="objectives-h"><h2 id="objectives-h">{}</h2><ul>{}</ul></section>"#,
        word("objectives_heading"),
        list(course.objectives.iter().map(|o| &o.text).collect())
    );
    h.push_str(&format!(
        r#"<section aria-labelledby="topics-h"><h2 id="topics-h">{}</h2><ol class="topics" data-testid="topics">"#,
        word("topics_heading")
    ));
    for t in &course.topics {
        // The status is the app's to fill in; the loading shell hides its empty place.
        h.push_str(&format!(
            r#"<li class="topic" data-testid="topic"><h3>{}</h3><p class="meta">{}<span class="topic-status"> · <span data-testid="topic-status" data-topic-status="{}"></span></span></p><ul class="lessons">"#,
            escape(&t.title),
            escape(&course.count_word("minutes", u64::from(t.minutes))),
            escape(&t.id)
        ));
        for (to, title, _) in topic_pages(course, t) {
            h.push_str(&link(to, title));
        }
        h.push_str("</ul></li>");
    }
    h.push_str(&format!(
        r#"</ol></section><section aria-labelledby="audience-h"><h2 id="audience-h">{}</h2><ul>{}</ul></section>"#,
        word("audience_heading"),
        list(course.audience.iter().collect())
    ));
    // The whole course on one page (`print.html`, written by the author tool), in a tab of
    // its own: inside an LMS, leaving the course's page would end the learner's session.
    h.push_str(&format!(
        r#"<p class="print-link"><a href="print.html" target="_blank" rel="noopener">{}</a></p>"#,
        word("print_course")
    ));
    h
}

/// A stable hash of everything in the course but the hash itself (FNV-1a, 64 bits).
pub fn content_hash(course: &Course) -> String {
    let mut c = course.clone();
    c.content_hash = String::new();
    c.home_html = String::new();
    c.outline_html = String::new();
    c.words = String::new();
    let json = serde_json::to_string(&c).expect("a course always serialises");
    format!("{:016x}", crate::model::fnv1a64(json.into_bytes()))
}

/// What the site is assembled from for one language of a course: its compiled files, made
/// once by the compiler, so that the site never goes back to the course folder or the
/// compiler.
#[derive(Clone, Debug)]
pub struct Artefacts {
    /// `course.json` and `feedback.json`, by their paths under the site's `course/` folder
    /// (`compiled_files`).
    pub files: Vec<(String, Vec<u8>)>,
    /// The course as the instructor's page reads it (`results_course`).
    pub results_course: Vec<u8>,
    /// The words the learner's pages carry for the app (`words::page_words`).
    pub page_words: String,
    /// The words the instructor's page carries.
    pub results_page_words: String,
}

impl Artefacts {
    pub fn of(course: &Course) -> Artefacts {
        Artefacts {
            files: compiled_files(course),
            results_course: results_course(course),
            page_words: words::page_words(&course.words, false),
            results_page_words: words::page_words(&course.words, true),
        }
    }
}

/// The files of the course's `assets/` folder, by their paths under the site's `course/`
/// folder (`assets/...`): one copy for every language.
pub fn asset_files(course_dir: &Path) -> std::io::Result<Vec<(String, Vec<u8>)>> {
    let mut files = Vec::new();
    let assets = course_dir.join(ASSETS_DIR);
    if assets.is_dir() {
        let root = assets.canonicalize()?;
        read_tree(&root, &assets, ASSETS_DIR, &mut files)?;
    }
    Ok(files)
}

/// The compiled course as files, by their paths under the site's `course/` folder:
/// `course.json`, the questions' feedback in `feedback.json` (fetched only by the pages that
/// grade answers: `feedback`), and every file of the course's `assets/`.
pub fn course_files(course: &Course, course_dir: &Path) -> std::io::Result<Vec<(String, Vec<u8>)>> {
    let mut files = compiled_files(course);
    files.extend(asset_files(course_dir)?);
    Ok(files)
}

/// `course.json` and `feedback.json`.
pub fn compiled_files(course: &Course) -> Vec<(String, Vec<u8>)> {
    let mut course = course.clone();
    // What the player never shows (the compiled home has them): the author tool's only.
    course.audience = Vec::new();
    course.objectives = Vec::new();
    let mut feedback = crate::feedback::split(&mut course);
    let (first, later) = words::split_chunk_words(&course.words);
    course.words = first;
    feedback.words = later;
    vec![
        (
            COMPILED_FILE.to_string(),
            serde_json::to_vec(&course).expect("a course always serialises"),
        ),
        (
            crate::feedback::FEEDBACK_FILE.to_string(),
            serde_json::to_vec(&feedback).expect("feedback always serialises"),
        ),
    ]
}

/// The compiled course as the instructor's page reads it (`model::RESULTS_COURSE_FILE`):
/// its ids, titles, version and language, and each assessment question's prompt and
/// objective; none of what only learners read.
pub fn results_course(course: &Course) -> Vec<u8> {
    let mut c = course.clone();
    c.description = String::new();
    c.audience = Vec::new();
    c.objectives = Vec::new();
    c.glossary = Vec::new();
    c.resources_html = None;
    c.home_html = String::new();
    c.outline_html = String::new();
    c.words = String::new();
    for t in &mut c.topics {
        t.intro_html = String::new();
        t.check = Vec::new();
        for l in &mut t.lessons {
            l.html = String::new();
            l.sources = Vec::new();
        }
    }
    for q in &mut c.assessment.bank {
        q.body_html = String::new();
        q.choices = Vec::new();
        q.pairs = Vec::new();
        q.explanation_html = String::new();
    }
    serde_json::to_vec(&c).expect("a course always serialises")
}

/// Writes `course_files` into `out`.
pub fn write_site(course: &Course, course_dir: &Path, out: &Path) -> std::io::Result<()> {
    for (name, bytes) in course_files(course, course_dir)? {
        let path = out.join(&name);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::write(path, bytes)?;
    }
    Ok(())
}

/// Reads the files under `from` as `prefix/...`, refusing anything that leads outside
/// `root` (`check_assets` reports such links first: this is defence in depth, so the
/// build never publishes what a link leads to outside the course).
fn read_tree(
    root: &Path,
    from: &Path,
    prefix: &str,
    out: &mut Vec<(String, Vec<u8>)>,
) -> std::io::Result<()> {
    let mut entries: Vec<_> = fs::read_dir(from)?.collect::<Result<_, _>>()?;
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let name = format!("{prefix}/{}", entry.file_name().to_string_lossy());
        let real = entry.path().canonicalize()?;
        if !real.starts_with(root) {
            return Err(std::io::Error::other(format!(
                "{} leads outside {}",
                entry.path().display(),
                root.display()
            )));
        }
        if real.is_dir() {
            read_tree(root, &entry.path(), &name, out)?;
        } else {
            out.push((name, fs::read(&real)?));
        }
    }
    Ok(())
}

/// Adds one file's problems and warnings, in the order they appear in the file.
fn keep(problems: &mut Vec<Diagnostic>, warnings: &mut Vec<Diagnostic>, d: FileDiagnostics) {
    let mut found = d.found;
    found.sort_by_key(|d| (d.line, d.col));
    problems.extend(found);
    let mut warned = d.warned;
    warned.sort_by_key(|d| (d.line, d.col));
    warnings.extend(warned);
}

pub(crate) fn display_path(dir: &Path, name: &str) -> String {
    let d = dir.to_string_lossy();
    let d = d.trim_end_matches('/');
    if d.is_empty() || d == "." {
        name.to_string()
    } else {
        format!("{d}/{name}")
    }
}

/// Where `name` (a path relative to the course folder, as an author wrote it) leads, if it
/// stays inside the folder: no absolute path, no `..`, and no symbolic link (of the file
/// or of a folder on the way) that leads outside. `Err` says why not.
pub fn inside(dir: &Path, name: &str) -> Result<std::path::PathBuf, String> {
    let rel = Path::new(name);
    if rel.is_absolute() || name.starts_with('/') || name.starts_with('\\') {
        return Err("is an absolute path; name files relative to the course folder".into());
    }
    if rel.components().any(|c| {
        !matches!(
            c,
            std::path::Component::Normal(_) | std::path::Component::CurDir
        )
    }) {
        return Err("leaves the course folder ('..'); keep every file inside it".into());
    }
    let path = dir.join(rel);
    // A link is followed only as far as the folder's own real path.
    if let (Ok(root), Ok(real)) = (dir.canonicalize(), path.canonicalize()) {
        if !real.starts_with(&root) {
            return Err(
                "leads outside the course folder through a symbolic link; copy the file into the folder instead"
                    .into(),
            );
        }
    }
    Ok(path)
}

fn read_listed(
    dir: &Path,
    rewrite: &dyn Fn(&str, String) -> String,
    name: &str,
    at: &Place,
    what: &str,
    problems: &mut Vec<Diagnostic>,
) -> Option<String> {
    let path = match inside(dir, name) {
        Ok(path) => path,
        Err(why) => {
            problems.push(at.problem(format!("{what} '{name}' {why}")));
            return None;
        }
    };
    match fs::read_to_string(&path) {
        Ok(t) => Some(rewrite(name, t)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            problems.push(at.problem(format!(
                "{what} '{name}' does not exist (looked for {})",
                display_path(dir, name)
            )));
            None
        }
        Err(e) => {
            problems.push(at.problem(format!("cannot read {what} '{name}': {e}")));
            None
        }
    }
}

fn unknown_topic(what: &str, id: &str, m: &manifest::Manifest) -> String {
    let known: Vec<&str> = m.topics.iter().map(|t| t.id.value.as_str()).collect();
    format!(
        "{what} '{id}' is not a topic of this course; the topics are: {}",
        known.join(", ")
    )
}

fn duplicates(kind: &str, ids: &[(String, Place)], problems: &mut Vec<Diagnostic>) {
    let mut first: HashMap<&str, &Place> = HashMap::new();
    for (id, at) in ids {
        match first.get(id.as_str()) {
            Some(prev) => problems.push(at.problem(format!(
                "duplicate {kind} id '{id}'; it is already used at {prev}"
            ))),
            None => {
                first.insert(id, at);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn root() -> &'static Path {
        Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
    }
    fn shipped_course() -> Course {
        load_course(&root().join("course")).expect("the course compiles")
    }
    fn fixture(name: &str) -> Course {
        load_course(&root().join("tests/fixtures").join(name)).expect("the fixture compiles")
    }

    #[test]
    fn the_home_links_every_page_and_leaves_a_status_place_per_topic() {
        let mut course = fixture("valid");
        course.title = "A & B".into();
        course.audience = vec!["<Testers>".into()];
        let html = home_html(&course);
        let pages: Vec<String> = crate::route::reading_order(&course)
            .iter()
            .map(|r| format!(r#"href="{}""#, r.path()))
            .collect();
        for page in &pages {
            assert!(html.contains(page.as_str()), "{page} in {html}");
        }
        // Every page, and the whole course on one page for print.
        assert_eq!(html.matches("<a href=").count(), pages.len() + 1);
        assert!(html.contains(r#"<a href="print.html" target="_blank" rel="noopener">"#));
        assert!(html.contains(r#"data-topic-status="one""#));
        assert!(html.contains("<li>&lt;Testers&gt;</li>"), "{html}");
        assert!(html.contains("<li>Know the basics.</li>"));
    }

    #[test]
    fn the_outline_marks_lessons_by_id_and_lists_every_page() {
        let course = shipped_course();
        let html = outline_html(&course);
        let lessons: Vec<_> = course.lessons_in_order().collect();
        assert_eq!(html.matches("data-lesson=").count(), lessons.len());
        for (_, l) in &lessons {
            assert!(html.contains(&format!(r#"data-lesson="{}""#, l.id)));
        }
        let pages = crate::route::reading_order(&course);
        assert_eq!(html.matches("<a href=").count(), pages.len());
        // Every link is relative to the document's base URL, as the app's routes are.
        assert!(!html.contains(r#"href="/"#));
    }

    #[test]
    fn rendered_pages_are_not_part_of_the_content_hash() {
        let mut course = shipped_course();
        let hash = content_hash(&course);
        assert_eq!(course.content_hash, hash);
        course.home_html.push_str("<p>another layout</p>");
        course.outline_html.clear();
        assert_eq!(content_hash(&course), hash);
        course.topics[0].title.push('!');
        assert_ne!(content_hash(&course), hash);
    }
}
