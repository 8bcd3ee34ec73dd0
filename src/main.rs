//! `course-engine`, the author's tool: checks, builds, serves and packages a course folder.
//! mdBook is the model: one command, a folder in, a static site out. Each command is a
//! module of `cmd/` with its arguments (clap's derive) and its `execute`.
//!
//! Exit status: 0 when the command did what it was asked; 1 when the course has problems
//! (or, with `--deny-warnings`, warnings) or the command failed (a file it could not read or
//! write, a port in use); 2 for a usage error (clap's own, with the command's usage).

mod cmd;
mod embedded;
mod new;
mod player;
mod scorm;
mod serve;

use clap::{Parser, Subcommand};
use course_site as site;
use std::process::ExitCode;

/// `println!` that stops quietly when the reader has gone (`course-engine check | head`)
/// instead of panicking on the closed pipe.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout().lock(), $($arg)*);
    }};
}

/// `eprintln!` that does the same on standard error.
macro_rules! report {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr().lock(), $($arg)*);
    }};
}
pub(crate) use {report, say};

#[derive(Parser)]
#[command(
    name = "course-engine",
    version,
    about = "Checks, builds, serves and packages a self-paced e-learning course",
    long_about = "Checks, builds, serves and packages a self-paced e-learning course: a folder \
of Markdown topics and a course.toml in, a static site (or a SCORM 1.2 package) out.",
    after_help = "Exit status: 0 ok; 1 problems in the course (or, with --deny-warnings, \
warnings), or the command failed; 2 usage.\nThe author guide: the README.md that \
`course-engine new` writes, and course/README.md."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    Check(cmd::check::Args),
    Build(cmd::build::Args),
    Serve(cmd::serve::Args),
    Scorm(cmd::scorm::Args),
    Translate(cmd::translate::Args),
    New(cmd::new::Args),
    Player(cmd::player::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Check(a) => cmd::check::execute(a),
        Command::Build(a) => cmd::build::execute(a),
        Command::Serve(a) => cmd::serve::execute(a),
        Command::Scorm(a) => cmd::scorm::execute(a),
        Command::Translate(a) => cmd::translate::execute(a),
        Command::New(a) => cmd::new::execute(a),
        Command::Player(a) => cmd::player::execute(a),
    };
    result.unwrap_or_else(|e| {
        report!("course-engine: {e:#}");
        ExitCode::from(1)
    })
}
