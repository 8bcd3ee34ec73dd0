//! The commands, one module each (mdBook's `cmd/` shape): its arguments and its `execute`.
//! What several share is here: the course folder, the player to assemble sites from, and
//! how a course's problems and warnings are printed.

pub mod build;
pub mod check;
pub mod new;
pub mod player;
pub mod scorm;
pub mod serve;
pub mod translate;

use crate::player::{self as players, Profile};
use crate::{report, say};
use course_compiler::i18n::{self, Compiled};
use std::path::{Path, PathBuf};

/// The course folder, the first argument of most commands.
#[derive(clap::Args)]
pub struct CourseDir {
    /// The course folder (with its course.toml)
    #[arg(default_value = "course", value_name = "COURSE_DIR")]
    pub dir: PathBuf,
}

/// Which player a site is assembled from.
#[derive(clap::Args)]
pub struct PlayerChoice {
    /// A player built elsewhere (a folder with player.json), instead of the one this tool
    /// carries or builds
    #[arg(long, value_name = "DIR")]
    pub player: Option<PathBuf>,
}

impl PlayerChoice {
    /// `--player DIR` as it is; else the player this tool carries (a standalone build);
    /// else this tool's workspace's, built first if its sources changed.
    pub fn get(&self, profile: Profile) -> anyhow::Result<players::Player> {
        match &self.player {
            Some(dir) => players::Player::read(dir),
            None => players::locate(profile),
        }
    }
}

/// Checks the course and its translations and prints their problems, warnings and each
/// translation's coverage; the courses when they have no problem (and, with
/// `deny_warnings`, no warning).
pub fn checked(dir: &Path, deny_warnings: bool) -> Option<Compiled> {
    match i18n::compile_all(dir) {
        Ok(compiled) => {
            for w in &compiled.warnings {
                report!("{}:{}:{}: warning: {}", w.file, w.line, w.col, w.message);
            }
            for (tag, c) in &compiled.coverage {
                say!("{}", coverage_line(dir, tag, c));
            }
            let n = compiled.warnings.len();
            if n > 0 {
                report!(
                    "{}: {n} warning{}{}",
                    dir.display(),
                    if n == 1 { "" } else { "s" },
                    if deny_warnings {
                        "; --deny-warnings makes them fail, and nothing was written"
                    } else {
                        " (the course still builds; see the author guide, 'Warnings')"
                    }
                );
                if deny_warnings {
                    return None;
                }
            }
            Some(compiled)
        }
        Err(problems) => {
            for p in &problems {
                report!("{p}");
            }
            let n = problems.len();
            report!(
                "{}: {n} problem{} found; nothing was written",
                dir.display(),
                if n == 1 { "" } else { "s" }
            );
            None
        }
    }
}

/// `course/po/fr.po: Français, 612 of 612 messages translated (100 %), 0 fuzzy`.
pub fn coverage_line(dir: &Path, tag: &str, c: &i18n::Coverage) -> String {
    let untranslated = c.messages - c.translated - c.fuzzy;
    format!(
        "{}: {}, {} of {} messages translated ({} %), {} fuzzy, {} untranslated{}",
        dir.join(i18n::po_file(tag)).display(),
        i18n::autonym(tag),
        c.translated,
        c.messages,
        c.percent(),
        c.fuzzy,
        untranslated,
        if c.translated < c.messages {
            " (shown in the course's own language until translated)"
        } else {
            ""
        }
    )
}

/// The profile `--debug` asks for.
pub fn profile(debug: bool) -> Profile {
    if debug {
        Profile::Debug
    } else {
        Profile::Release
    }
}

/// An `--lrs-origin` value, checked as clap parses it.
pub fn lrs_origin(s: &str) -> Result<String, String> {
    crate::site::lrs_origin(s)
}
