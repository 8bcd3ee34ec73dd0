//! `course-engine serve`: the site on http://127.0.0.1:PORT, rebuilt on every save.

use super::{profile, CourseDir, PlayerChoice};
use std::process::ExitCode;

/// Serve the course, rebuilt and reloaded on every save
///
/// Builds the site and serves it on http://127.0.0.1:PORT, rebuilding on every save in the
/// course folder and reloading the open pages; problems show in the terminal and in the
/// browser, over the last good course
#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    course: CourseDir,
    /// The port to serve on
    #[arg(short, long, default_value_t = 8080)]
    port: u16,
    /// Serve the player's debug build (panic messages in the console) and, in the tool's
    /// own checkout, rebuild it when its sources change
    #[arg(long)]
    debug: bool,
    #[command(flatten)]
    player: PlayerChoice,
}

pub fn execute(a: Args) -> anyhow::Result<ExitCode> {
    // The release player by default: an author changes content, not the player, and the
    // release wasm is a tenth of the debug one. --debug for work on the player itself.
    crate::serve::run(crate::serve::Config {
        course_dir: a.course.dir,
        port: a.port,
        profile: profile(a.debug),
        player_dir: a.player.player,
    })?;
    Ok(ExitCode::SUCCESS)
}
