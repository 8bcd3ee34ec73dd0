//! `course-engine check`: every problem as `path:line:col: message`, every warning as
//! `path:line:col: warning: message`, then the course's figures.

use super::{checked, CourseDir};
use crate::say;
use course_compiler::lint;
use course_core::stats::CourseStats;
use std::process::ExitCode;

/// Check the course: every problem and warning, with its place
///
/// Checks the course: prints every problem and warning with its place, and exits with
/// status 1 on a problem (or, with --deny-warnings, a warning)
#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    course: CourseDir,
    /// Fail on warnings too (item-writing and style warnings)
    #[arg(long)]
    deny_warnings: bool,
}

pub fn execute(a: Args) -> anyhow::Result<ExitCode> {
    let dir = &a.course.dir;
    let Some(compiled) = checked(dir, a.deny_warnings) else {
        return Ok(ExitCode::from(1));
    };
    let course = &compiled.courses[0];
    say!("{}: no problems", dir.display());
    say!("{}", CourseStats::of(course));
    let estimates: Vec<String> = course
        .topics
        .iter()
        .map(|t| format!("{} {:.1}", t.id, lint::estimated_minutes(course, t)))
        .collect();
    let total: f64 = course
        .topics
        .iter()
        .map(|t| lint::estimated_minutes(course, t))
        .sum();
    say!(
        "  estimated minutes (reading at {:.0} words a minute, {} per knowledge-check question, {} per assessment question drawn): {} = {total:.1} in all",
        lint::WORDS_PER_MINUTE,
        lint::MINUTES_PER_CHECK_QUESTION,
        lint::MINUTES_PER_ASSESSMENT_QUESTION,
        estimates.join(", ")
    );
    Ok(ExitCode::SUCCESS)
}
