//! `course-engine player`: the player's build, a developer's step (build, serve and scorm
//! run it themselves), and a standalone copy of this tool that carries it.

use super::profile;
use crate::say;
use std::path::PathBuf;
use std::process::ExitCode;

/// Build the player (a developer's step), or a standalone copy of this tool
///
/// Builds the player (the wasm apps, independent of any course) if its sources changed,
/// from this tool's checkout; with --standalone, writes a copy of this tool that carries
/// the release player inside, to install or hand to authors
#[derive(clap::Args)]
pub struct Args {
    /// Build the player's debug build
    #[arg(long, conflicts_with = "standalone")]
    debug: bool,
    /// Write a copy of this tool that carries the release player to FILE
    #[arg(long, value_name = "FILE")]
    standalone: Option<PathBuf>,
}

pub fn execute(a: Args) -> anyhow::Result<ExitCode> {
    let p = crate::player::locate(profile(a.debug))?;
    say!(
        "player: {}/{} (results: {})",
        p.dir.display(),
        p.app,
        p.results_js
    );
    if let Some(out) = a.standalone {
        let bytes = crate::embedded::write_standalone(&p.dir, &out)?;
        say!(
            "{}: course-engine with the player inside ({:.1} MB)",
            out.display(),
            bytes as f64 / 1e6
        );
    }
    Ok(ExitCode::SUCCESS)
}
