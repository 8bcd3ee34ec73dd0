//! `course-engine scorm`: the SCORM 1.2 package.

use super::{checked, lrs_origin, CourseDir, PlayerChoice};
use crate::player::Profile;
use crate::{say, site};
use std::path::PathBuf;
use std::process::ExitCode;

/// Check the course, then write its SCORM 1.2 package
///
/// Checks the course, then writes its SCORM 1.2 package (a ZIP to upload to an LMS)
#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    course: CourseDir,
    /// The package to write (default: ./<course id>-scorm12.zip)
    #[arg(short, long, value_name = "ZIP")]
    out: Option<PathBuf>,
    /// Lets the pages also send xAPI statements to this LRS when launched with it; once per
    /// LRS
    #[arg(long = "lrs-origin", value_name = "URL", value_parser = lrs_origin)]
    lrs_origins: Vec<String>,
    /// Fail on warnings too; nothing is written
    #[arg(long)]
    deny_warnings: bool,
    #[command(flatten)]
    player: PlayerChoice,
}

pub fn execute(a: Args) -> anyhow::Result<ExitCode> {
    let dir = &a.course.dir;
    let Some(compiled) = checked(dir, a.deny_warnings) else {
        return Ok(ExitCode::from(1));
    };
    let course = &compiled.courses[0];
    let player = site::PlayerFiles::read(a.player.get(Profile::Release)?)?;
    // Inside an LMS the site lives in a folder of the LMS's choosing: relative URLs.
    let opts = site::Options {
        base: "./".into(),
        live_reload: false,
        lrs_origins: a.lrs_origins.clone(),
        site_lrs: None,
    };
    let site = site::assemble(&compiled, &player, &opts)?;
    let out = a
        .out
        .clone()
        .unwrap_or_else(|| PathBuf::from(format!("{}-scorm12.zip", course.id)));
    let n = crate::scorm::package(course, &site, &player, &out)?;
    say!(
        "{}: SCORM 1.2 package {} ({n} files, mastery score {})",
        dir.display(),
        out.display(),
        course.assessment.pass_mark
    );
    Ok(ExitCode::SUCCESS)
}
