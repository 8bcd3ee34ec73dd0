//! `course-engine translate`: the PO template and each language's PO file brought up to
//! date with the course.

use super::{coverage_line, CourseDir};
use crate::{report, say};
use anyhow::{bail, Context};
use course_compiler::i18n;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Bring the translations (po/LANG.po) up to date with the course
///
/// Writes po/messages.pot (every message of the course's text, for translators) and brings
/// each po/LANG.po up to date with the course: new text untranslated, changed text marked
/// fuzzy (its translation kept, not used, until confirmed), gone text dropped; prints each
/// language's coverage
#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    course: CourseDir,
    /// Start po/LANG.po for a new language (a tag like fr, es or pt-BR)
    #[arg(long = "new", value_name = "LANG", value_parser = language_tag)]
    new_language: Option<String>,
    /// Make po/LANG.po from a copy of the course folder translated line for line (--from)
    #[arg(long, value_name = "LANG", value_parser = language_tag, requires = "from")]
    import: Option<String>,
    /// The translated copy of the course folder, for --import
    #[arg(long, value_name = "DIR", requires = "import")]
    from: Option<PathBuf>,
}

fn language_tag(tag: &str) -> Result<String, String> {
    if !tag.is_empty()
        && tag.len() <= 35
        && tag.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
    {
        Ok(tag.to_string())
    } else {
        Err(format!(
            "'{tag}' is not a language tag (like fr, es or pt-BR)"
        ))
    }
}

fn write(path: &Path, text: &str) -> anyhow::Result<()> {
    std::fs::write(path, text).with_context(|| path.display().to_string())
}

pub fn execute(a: Args) -> anyhow::Result<ExitCode> {
    let dir = &a.course.dir;
    let messages = match i18n::course_messages(dir) {
        Ok(m) => m,
        Err(problems) => {
            for p in &problems {
                report!("{p}");
            }
            return Ok(ExitCode::from(1));
        }
    };
    let po_dir = dir.join(i18n::PO_DIR);
    std::fs::create_dir_all(&po_dir).with_context(|| po_dir.display().to_string())?;
    if let (Some(tag), Some(from)) = (a.import.as_deref(), &a.from) {
        let copy = match i18n::course_messages(from) {
            Ok(copy) => copy,
            Err(problems) => {
                for p in &problems {
                    report!("{p}");
                }
                return Ok(ExitCode::from(1));
            }
        };
        match i18n::import(tag, &messages, &copy) {
            Ok((text, _)) => {
                let path = dir.join(i18n::po_file(tag));
                write(&path, &text)?;
                say!("{}: imported from {}", path.display(), from.display());
            }
            Err(problems) => {
                for p in &problems {
                    report!("{p}");
                }
                report!(
                    "{}: {} places differ from the source; nothing was written",
                    from.display(),
                    problems.len()
                );
                return Ok(ExitCode::from(1));
            }
        }
    }
    if let Some(tag) = a.new_language.as_deref() {
        let path = dir.join(i18n::po_file(tag));
        if path.exists() {
            bail!("{} exists already; translate updates it", path.display());
        }
        write(&path, "")?;
    }
    let template = dir.join(i18n::PO_DIR).join(i18n::TEMPLATE);
    write(&template, &i18n::template(&messages))?;
    say!("{}: {} messages", template.display(), messages.len());
    let mut refused = false;
    for tag in i18n::languages(dir) {
        let path = dir.join(i18n::po_file(&tag));
        let old = std::fs::read_to_string(&path).with_context(|| path.display().to_string())?;
        let old = (!old.trim().is_empty()).then_some(old);
        let (text, coverage) = match i18n::update(&tag, old.as_deref(), &messages) {
            Ok(updated) => updated,
            Err(problems) => {
                // A file with problems is not rewritten: what was in it stays for the
                // translator to mend.
                for mut p in problems {
                    p.file = dir.join(&p.file).display().to_string();
                    report!("{p}");
                }
                report!(
                    "{}: not brought up to date until these are mended",
                    path.display()
                );
                refused = true;
                continue;
            }
        };
        if old.as_deref() != Some(text.as_str()) {
            write(&path, &text)?;
        }
        say!("{}", coverage_line(dir, &tag, &coverage));
    }
    Ok(if refused {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
