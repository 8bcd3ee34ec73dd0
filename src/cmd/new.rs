//! `course-engine new`: a small course to start from.

use std::path::PathBuf;
use std::process::ExitCode;

/// Start a course: a small one that passes check, in a new folder
///
/// Writes a small course to start from, which passes check: one topic, one question of
/// each type, and the author guide in its README.md
#[derive(clap::Args)]
pub struct Args {
    /// The folder to create (new, or empty)
    #[arg(value_name = "DIR")]
    dir: PathBuf,
}

pub fn execute(a: Args) -> anyhow::Result<ExitCode> {
    crate::new::scaffold(&a.dir)?;
    Ok(ExitCode::SUCCESS)
}
