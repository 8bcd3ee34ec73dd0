//! The course compiler: `check` a course folder, or `build` the file the app loads.

#[cfg(not(target_arch = "wasm32"))]
use course_engine::compiler::{check_course, lint, write_site, Checked};
#[cfg(not(target_arch = "wasm32"))]
use course_engine::stats::CourseStats;
#[cfg(not(target_arch = "wasm32"))]
use std::path::PathBuf;
use std::process::ExitCode;

#[cfg(not(target_arch = "wasm32"))]
const USAGE: &str = "\
usage: course-compiler check [COURSE_DIR] [--deny-warnings]
       course-compiler build [COURSE_DIR] --out OUT_DIR [--deny-warnings]

check  reads the course (default: ./course), prints every problem as path:line:col: message
       and every warning as path:line:col: warning: message, and exits with status 1 if
       there is a problem (or, with --deny-warnings, a warning)
build  checks the course, then writes OUT_DIR/course.json and copies COURSE_DIR/assets/";

#[cfg(not(target_arch = "wasm32"))]
fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut command = None;
    let mut dir = None;
    let mut out = None;
    let mut deny_warnings = false;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--out" => match it.next() {
                Some(o) => out = Some(PathBuf::from(o)),
                None => return usage("--out needs a folder"),
            },
            "--deny-warnings" => deny_warnings = true,
            "-h" | "--help" => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            "check" | "build" if command.is_none() => command = Some(a.clone()),
            other if other.starts_with('-') => return usage(&format!("unknown option '{other}'")),
            other if dir.is_none() && command.is_some() => dir = Some(PathBuf::from(other)),
            other => return usage(&format!("unexpected argument '{other}'")),
        }
    }
    let dir = dir.unwrap_or_else(|| PathBuf::from("course"));
    let course = match check_course(&dir) {
        Ok(Checked { course, warnings }) => {
            for w in &warnings {
                eprintln!("{}:{}:{}: warning: {}", w.file, w.line, w.col, w.message);
            }
            let n = warnings.len();
            if n > 0 {
                eprintln!(
                    "{}: {n} warning{}{}",
                    dir.display(),
                    if n == 1 { "" } else { "s" },
                    if deny_warnings {
                        "; --deny-warnings makes them fail, and nothing was written"
                    } else {
                        " (the course still builds; see course/README.md, 'Warnings')"
                    }
                );
                if deny_warnings {
                    return ExitCode::from(1);
                }
            }
            course
        }
        Err(problems) => {
            for p in &problems {
                eprintln!("{p}");
            }
            let n = problems.len();
            eprintln!(
                "{}: {n} problem{} found; nothing was written",
                dir.display(),
                if n == 1 { "" } else { "s" }
            );
            return ExitCode::from(1);
        }
    };
    match command.as_deref() {
        Some("check") => {
            println!("{}: no problems", dir.display());
            println!("{}", CourseStats::of(&course));
            let estimates: Vec<String> = course
                .topics
                .iter()
                .map(|t| format!("{} {:.1}", t.id, lint::estimated_minutes(&course, t)))
                .collect();
            let total: f64 = course
                .topics
                .iter()
                .map(|t| lint::estimated_minutes(&course, t))
                .sum();
            println!(
                "  estimated minutes (reading at {:.0} words a minute, {} per knowledge-check question, {} per assessment question drawn): {} = {total:.1} in all",
                lint::WORDS_PER_MINUTE,
                lint::MINUTES_PER_CHECK_QUESTION,
                lint::MINUTES_PER_ASSESSMENT_QUESTION,
                estimates.join(", ")
            );
            ExitCode::SUCCESS
        }
        Some("build") => {
            let Some(out) = out else {
                return usage("build needs --out OUT_DIR");
            };
            match write_site(&course, &dir, &out) {
                Ok(()) => {
                    println!(
                        "{}: compiled '{}' {} ({}) to {}",
                        dir.display(),
                        course.id,
                        course.version,
                        course.content_hash,
                        out.display()
                    );
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("cannot write to {}: {e}", out.display());
                    ExitCode::from(1)
                }
            }
        }
        _ => usage("say what to do: check or build"),
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn usage(problem: &str) -> ExitCode {
    eprintln!("course-compiler: {problem}\n\n{USAGE}");
    ExitCode::from(2)
}

/// The compiler is a native tool; this stub only lets `cargo test --target wasm32` build.
#[cfg(target_arch = "wasm32")]
fn main() -> ExitCode {
    ExitCode::from(2)
}
