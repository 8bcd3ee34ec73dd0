//! `course-engine new DIR`: a small course to start from. It passes `check` with no
//! warning, has one question of each type, and a short guide in its README.

use anyhow::Context;
use std::fs;
use std::path::Path;

const MANIFEST: &str = r#"# The course's manifest: its identity, objectives, topics and final assessment.
# The author guide (README.md in this folder) says what each field means.
format_version = 1
id = "my-course"
title = "My course"
version = "0.1.0"
language = "en"
estimated_minutes = 5
description = "A short course to start from: one topic, one lesson, a knowledge check and a final assessment."
audience = ["Anyone who wants to see how a course is written"]
glossary = "glossary.md"

[[objectives]]
id = "basics"
text = "Describe how a course is put together from topics, lessons and questions."

[[topics]]
id = "basics"
file = "01-basics.md"
minutes = 5

[assessment]
topic = "basics"
pass_mark = 75
attempts = 3
questions_per_attempt = 4
requires = ["basics"]
"#;

const TOPIC: &str = r#"# The basics

## How a course is put together {#how}

A course is a folder. Its manifest, `course.toml`, names the course, its learning
objectives and its topics. Each topic is one Markdown file, and each `##` heading in it
starts a lesson: one page for the learner.

A lesson is ordinary Markdown: paragraphs, lists, tables, links and pictures. A word that
the glossary explains, such as topic, is linked to its definition.

> [!TIP]
> Run `course-engine serve` in the folder above this one: every time you save a file, the
> page in your browser shows the change.

Sources: the course engine's author guide.

## Knowledge check

### Which file names the course's topics? {#check-manifest}
Type: single choice
Objective: basics

- [x] course.toml
  Feedback: Yes: the manifest lists the topics and their files.
- [ ] glossary.md
  Feedback: No: the glossary explains terms.
- [ ] README.md
  Feedback: No: the README is a guide for authors, not part of the course.

Explanation: The manifest, course.toml, names the course, its objectives and its topics.

### A lesson starts at each second-level heading of a topic file. {#check-lesson}
Type: true or false
Objective: basics

- [x] True
  Feedback: Right: each `##` heading starts a lesson.
- [ ] False
  Feedback: It does: each `##` heading starts a lesson.

## Assessment questions

### Which of these can a lesson contain? {#bank-content}
Type: multiple response
Objective: basics

- [x] A table
  Feedback: Yes: lessons are Markdown, tables included.
- [x] A picture
  Feedback: Yes: pictures go in the course's assets folder.
- [ ] A script
  Feedback: No: raw HTML and scripts are refused.

### Match each file to what it holds. {#bank-files}
Type: matching
Objective: basics

- course.toml = The course's manifest
  Feedback: The manifest names the course and its topics.
- 01-basics.md = A topic with its lessons
  Feedback: Each topic is one Markdown file.
- glossary.md = The terms and their definitions
  Feedback: The glossary explains the course's terms.

### Where does a new lesson start? {#bank-lesson}
Type: single choice
Objective: basics

- [x] At a second-level heading
  Feedback: Right: each `##` heading starts a lesson.
- [ ] At a blank line
  Feedback: No: a blank line only separates paragraphs.
- [ ] At the start of a new file
  Feedback: No: a new file starts a new topic.

### A knowledge check counts towards the final score. {#bank-check}
Type: true or false
Objective: basics

- [ ] True
  Feedback: No: knowledge checks are for practice; only the assessment is scored.
- [x] False
  Feedback: Right: knowledge checks are for practice; only the assessment is scored.
"#;

const GLOSSARY: &str = r#"# Glossary

## Topic {#topic}

A part of a course with its own lessons and knowledge check; one Markdown file.
"#;

const README: &str = r#"# My course

A course for the course engine. To see it as a learner will, run this in the folder that
holds this one:

    course-engine serve my-course

and open http://127.0.0.1:8080. Every save reloads the page; a problem in a file shows in
the terminal and on the page, as `file:line:col: message`.

- `course.toml`: the course's title, language, objectives, topics and final assessment.
- `01-basics.md`: a topic. `#` is its title, each `##` a lesson, then `## Knowledge check`
  and `## Assessment questions`, one `###` heading per question, with a `Type:` (single
  choice, multiple response, true or false, matching) and the `Objective:` it tests.
- `glossary.md`: terms, linked wherever a lesson uses them.
- `assets/`: pictures and diagrams the lessons show.

Other commands: `course-engine check my-course` (problems and item-writing warnings),
`course-engine build my-course --out site` (the static site, for any web server) and
`course-engine scorm my-course` (a SCORM 1.2 package for an LMS).
"#;

/// Writes the course into `dir`, which must not exist yet or be empty (nothing of an
/// author's is ever overwritten).
pub fn scaffold(dir: &Path) -> anyhow::Result<()> {
    if dir.exists()
        && fs::read_dir(dir)
            .map(|mut d| d.next().is_some())
            .unwrap_or(true)
    {
        anyhow::bail!(
            "{} already exists and is not empty: give a new folder",
            dir.display()
        );
    }
    let id = dir
        .file_name()
        .map(|n| n.to_string_lossy().to_lowercase())
        .map(|n| {
            n.chars()
                .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
                .collect::<String>()
        })
        .map(|n| n.trim_matches('-').to_string())
        .filter(|n| !n.is_empty() && n.starts_with(|c: char| c.is_ascii_lowercase()))
        .unwrap_or_else(|| "my-course".into());
    let write = |name: &str, text: &str| {
        let path = dir.join(name);
        fs::write(&path, text).with_context(|| path.display().to_string())
    };
    fs::create_dir_all(dir.join("assets")).with_context(|| dir.display().to_string())?;
    write(
        "course.toml",
        &MANIFEST.replace("id = \"my-course\"", &format!("id = \"{id}\"")),
    )?;
    write("01-basics.md", TOPIC)?;
    write("glossary.md", GLOSSARY)?;
    write(
        "README.md",
        &README.replace("my-course", &dir.display().to_string()),
    )?;
    write("assets/.keep", "")?;
    println!(
        "{}: a new course. See it with: course-engine serve {}",
        dir.display(),
        dir.display()
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_new_course_passes_check_without_warnings() {
        let dir = std::env::temp_dir().join(format!("course-engine-new-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        super::scaffold(&dir).unwrap();
        let checked = course_compiler::check_course(&dir).unwrap_or_else(|p| {
            panic!(
                "{}",
                p.iter()
                    .map(|d| d.to_string())
                    .collect::<Vec<_>>()
                    .join("\n")
            )
        });
        assert!(
            checked.warnings.is_empty(),
            "{:?}",
            checked
                .warnings
                .iter()
                .map(|w| &w.message)
                .collect::<Vec<_>>()
        );
        let c = checked.course;
        let kinds: std::collections::HashSet<_> = c
            .topics
            .iter()
            .flat_map(|t| t.check.iter())
            .chain(c.assessment.bank.iter())
            .map(|q| q.kind)
            .collect();
        assert_eq!(kinds.len(), 4, "one question of each type");
        assert!(super::scaffold(&dir).is_err(), "never writes over a course");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
