//! The course compiler: `check` a course folder, or `build` the file the app loads.

#[cfg(not(target_arch = "wasm32"))]
use course_engine::compiler::{load_course, write_site};
#[cfg(not(target_arch = "wasm32"))]
use course_engine::stats::CourseStats;
#[cfg(not(target_arch = "wasm32"))]
use std::path::PathBuf;
use std::process::ExitCode;

#[cfg(not(target_arch = "wasm32"))]
const USAGE: &str = "\
usage: course-compiler check [COURSE_DIR]
       course-compiler build [COURSE_DIR] --out OUT_DIR

check  reads the course (default: ./course), prints every problem as path:line:col: message,
       and exits with status 1 if there is any
build  checks the course, then writes OUT_DIR/course.json and copies COURSE_DIR/assets/";

#[cfg(not(target_arch = "wasm32"))]
fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut command = None;
    let mut dir = None;
    let mut out = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--out" => match it.next() {
                Some(o) => out = Some(PathBuf::from(o)),
                None => return usage("--out needs a folder"),
            },
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
    let course = match load_course(&dir) {
        Ok(c) => c,
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
