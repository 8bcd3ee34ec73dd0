//! `course-engine`, the author's tool: checks, builds, serves and packages a course folder.
//! mdBook is the model: one command, a folder in, a static site out.

mod new;
mod player;
mod scorm;
mod serve;
mod site;

use course_compiler::i18n::{self, Compiled};
use course_compiler::lint;
use course_core::stats::CourseStats;
use player::Profile;
use std::path::{Path, PathBuf};
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
macro_rules! warn {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr().lock(), $($arg)*);
    }};
}

const USAGE: &str = "\
usage: course-engine check [COURSE_DIR] [--deny-warnings]
       course-engine build [COURSE_DIR] [--out DIR] [--base URL] [--lrs-origin URL]...
                           [--lrs-endpoint URL --lrs-credential FILE] [--debug] [--deny-warnings]
       course-engine serve [COURSE_DIR] [--port PORT] [--debug]
       course-engine scorm [COURSE_DIR] [--out ZIP] [--lrs-origin URL]...
       course-engine translate [COURSE_DIR] [--new LANG] [--import LANG --from DIR]
       course-engine new DIR
       course-engine player [--debug]

COURSE_DIR is the course folder (default: ./course).

check   prints every problem as path:line:col: message and every warning as
        path:line:col: warning: message; exits with status 1 on a problem (or, with
        --deny-warnings, a warning)
build   checks the course, then writes the whole static site to DIR (default: ./site):
        the player, the course, every page, the service worker and the web app manifest.
        --base is the site's address on its server (default: /). --lrs-origin (once per
        LRS) lets the pages send xAPI statements to that Learning Record Store
        (https://lrs.example.org[:port]) when they are launched with it. --lrs-endpoint
        builds the site for one LRS (its xAPI address): every page reports to it once the
        learner has said who they are, with the credential in FILE (one line, user:password;
        it is public: give it only the scope to write statements, Ralph's statements/write)
serve   builds the site and serves it on http://127.0.0.1:PORT (default 8080), rebuilding
        on every save in the course folder and reloading the open pages; problems show in
        the terminal and in the browser, over the last good course. --debug serves the
        player's debug build (panic messages in the console) and rebuilds it when its
        sources change
scorm   writes the SCORM 1.2 package (default: ./<course id>-scorm12.zip)
translate  writes po/messages.pot (every message of the course's text, for translators)
        and brings each po/LANG.po up to date with the course: new text untranslated,
        changed text marked fuzzy (its translation is kept, not used, until confirmed), gone
        text dropped; prints each language's coverage. --new LANG starts po/LANG.po.
        --import LANG --from DIR makes po/LANG.po from DIR, a copy of the course folder
        translated line for line
new     writes a small course to start from, which passes check
player  builds the player (the wasm apps, independent of any course) if its sources changed;
        build, serve and scorm do this themselves

--player DIR (build, serve, scorm) takes a player built elsewhere (default: this tool's
workspace's target/player/<profile>, built when missing or out of date).";

struct Args {
    command: String,
    dir: Option<PathBuf>,
    out: Option<PathBuf>,
    base: Option<String>,
    port: Option<u16>,
    player: Option<PathBuf>,
    deny_warnings: bool,
    debug: bool,
    new_language: Option<String>,
    import: Option<String>,
    from: Option<PathBuf>,
    lrs_origins: Vec<String>,
    lrs_endpoint: Option<String>,
    lrs_credential: Option<PathBuf>,
}

fn parse(args: &[String]) -> Result<Args, String> {
    let mut a = Args {
        command: String::new(),
        dir: None,
        out: None,
        base: None,
        port: None,
        player: None,
        deny_warnings: false,
        debug: false,
        new_language: None,
        import: None,
        from: None,
        lrs_origins: Vec::new(),
        lrs_endpoint: None,
        lrs_credential: None,
    };
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut value = |name: &str| it.next().cloned().ok_or(format!("{name} needs a value"));
        match arg.as_str() {
            "--out" | "-o" => a.out = Some(PathBuf::from(value("--out")?)),
            "--base" => a.base = Some(value("--base")?),
            "--player" => a.player = Some(PathBuf::from(value("--player")?)),
            "--port" | "-p" => {
                let v = value("--port")?;
                a.port = Some(
                    v.parse()
                        .map_err(|_| format!("--port needs a port number, not '{v}'"))?,
                );
            }
            "--new" => a.new_language = Some(value("--new")?),
            "--import" => a.import = Some(value("--import")?),
            "--from" => a.from = Some(PathBuf::from(value("--from")?)),
            "--lrs-origin" => a
                .lrs_origins
                .push(site::lrs_origin(&value("--lrs-origin")?)?),
            "--lrs-endpoint" => a.lrs_endpoint = Some(value("--lrs-endpoint")?),
            "--lrs-credential" => {
                a.lrs_credential = Some(PathBuf::from(value("--lrs-credential")?))
            }
            "--deny-warnings" => a.deny_warnings = true,
            "--debug" => a.debug = true,
            "check" | "build" | "serve" | "scorm" | "new" | "player" | "translate"
                if a.command.is_empty() =>
            {
                a.command = arg.clone()
            }
            other if other.starts_with('-') => return Err(format!("unknown option '{other}'")),
            other if a.dir.is_none() && !a.command.is_empty() => a.dir = Some(PathBuf::from(other)),
            other => return Err(format!("unexpected argument '{other}'")),
        }
    }
    if a.command.is_empty() {
        return Err("say what to do: check, build, serve, scorm, translate, new or player".into());
    }
    Ok(a)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| a == "-h" || a == "--help") || args.is_empty() {
        say!("{USAGE}");
        return if args.is_empty() {
            ExitCode::from(2)
        } else {
            ExitCode::SUCCESS
        };
    }
    let a = match parse(&args) {
        Ok(a) => a,
        Err(problem) => {
            warn!("course-engine: {problem}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let dir = a.dir.clone().unwrap_or_else(|| PathBuf::from("course"));
    let result = match a.command.as_str() {
        "check" => check(&dir, a.deny_warnings),
        "build" => build(&dir, &a),
        "serve" => serve(&dir, &a),
        "scorm" => package(&dir, &a),
        "translate" => translate(&dir, &a),
        "new" => match &a.dir {
            Some(d) => new::scaffold(d).map(|()| ExitCode::SUCCESS),
            None => Err("new needs the folder to create: course-engine new my-course".into()),
        },
        "player" => player_of(
            &a,
            if a.debug {
                Profile::Debug
            } else {
                Profile::Release
            },
        )
        .map(|p| {
            say!(
                "player: {}/{} (results: {})",
                p.dir.display(),
                p.app,
                p.results_js
            );
            ExitCode::SUCCESS
        }),
        _ => unreachable!("parse accepts only the commands above"),
    };
    result.unwrap_or_else(|e| {
        warn!("course-engine: {e}");
        ExitCode::from(1)
    })
}

/// Checks the course and its translations and prints their problems, warnings and each
/// translation's coverage; the courses when they have no problem (and, with
/// `deny_warnings`, no warning).
pub fn checked(dir: &Path, deny_warnings: bool) -> Option<Compiled> {
    match i18n::compile_all(dir) {
        Ok(compiled) => {
            for w in &compiled.warnings {
                warn!("{}:{}:{}: warning: {}", w.file, w.line, w.col, w.message);
            }
            for (tag, c) in &compiled.coverage {
                say!("{}", coverage_line(dir, tag, c));
            }
            let n = compiled.warnings.len();
            if n > 0 {
                warn!(
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
                warn!("{p}");
            }
            let n = problems.len();
            warn!(
                "{}: {n} problem{} found; nothing was written",
                dir.display(),
                if n == 1 { "" } else { "s" }
            );
            None
        }
    }
}

/// `course/po/fr.po: Français, 612 of 612 messages translated (100 %), 0 fuzzy`.
fn coverage_line(dir: &Path, tag: &str, c: &i18n::Coverage) -> String {
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

fn check(dir: &Path, deny_warnings: bool) -> Result<ExitCode, String> {
    let Some(compiled) = checked(dir, deny_warnings) else {
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

/// The player to assemble sites from: `--player DIR` as it is, else this workspace's,
/// built first if its sources changed.
fn player_of(a: &Args, profile: Profile) -> Result<player::Player, String> {
    match &a.player {
        Some(dir) => player::Player::read(dir),
        None => player::ensure(&player::default_dir(profile), profile),
    }
}

/// A site built for one LRS (`--lrs-endpoint URL --lrs-credential FILE`): the LRS's xAPI
/// base and the credential's `Authorization` (FILE holds `user:password` on its first line).
fn site_lrs(a: &Args) -> Result<Option<(String, String)>, String> {
    let (endpoint, file) = match (&a.lrs_endpoint, &a.lrs_credential) {
        (None, None) => return Ok(None),
        (Some(e), Some(f)) => (e, f),
        (Some(_), None) => return Err("--lrs-endpoint needs --lrs-credential FILE (user:password of a user that may only write statements)".into()),
        (None, Some(_)) => return Err("--lrs-credential needs --lrs-endpoint URL (the LRS's xAPI address)".into()),
    };
    let endpoint = course_core::xapi::endpoint_base(endpoint)
        .map_err(|e| format!("--lrs-endpoint {endpoint}: {e}"))?;
    let text = std::fs::read_to_string(file).map_err(|e| format!("{}: {e}", file.display()))?;
    let line = text.lines().next().unwrap_or("").trim();
    let (user, password) = line
        .split_once(':')
        .filter(|(u, p)| !u.is_empty() && !p.is_empty())
        .ok_or_else(|| format!("{}: the first line must be user:password", file.display()))?;
    Ok(Some((
        endpoint,
        course_core::xapi::basic_auth(user, password),
    )))
}

fn build(dir: &Path, a: &Args) -> Result<ExitCode, String> {
    let Some(compiled) = checked(dir, a.deny_warnings) else {
        return Ok(ExitCode::from(1));
    };
    let course = &compiled.courses[0];
    let profile = if a.debug {
        Profile::Debug
    } else {
        Profile::Release
    };
    let site_lrs = site_lrs(a)?;
    let mut lrs_origins = a.lrs_origins.clone();
    if let Some((endpoint, _)) = &site_lrs {
        lrs_origins.push(course_core::xapi::origin_of(endpoint).to_string());
    }
    let player = site::PlayerFiles::read(player_of(a, profile)?)?;
    let opts = site::Options {
        base: a.base.clone().unwrap_or_else(|| "/".into()),
        live_reload: false,
        lrs_origins,
        site_lrs,
    };
    let out = a.out.clone().unwrap_or_else(|| PathBuf::from("site"));
    let site = site::assemble(&compiled.courses, &compiled.languages, dir, &player, &opts)?;
    site.write(&out)?;
    say!(
        "{}: built '{}' {} ({}) into {}: {} files, player {}",
        dir.display(),
        course.id,
        course.version,
        course.content_hash,
        out.display(),
        site.files.len(),
        player.player.app
    );
    Ok(ExitCode::SUCCESS)
}

fn translate(dir: &Path, a: &Args) -> Result<ExitCode, String> {
    let messages = match i18n::course_messages(dir) {
        Ok(m) => m,
        Err(problems) => {
            for p in &problems {
                warn!("{p}");
            }
            return Ok(ExitCode::from(1));
        }
    };
    let po_dir = dir.join(i18n::PO_DIR);
    let io = |p: &Path, e: std::io::Error| format!("{}: {e}", p.display());
    std::fs::create_dir_all(&po_dir).map_err(|e| io(&po_dir, e))?;
    let valid_tag = |tag: &str| {
        !tag.is_empty()
            && tag.len() <= 35
            && tag.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
    };
    if let Some(tag) = a.import.as_deref() {
        let Some(from) = &a.from else {
            return Err(
                "--import needs --from DIR, the translated copy of the course folder".into(),
            );
        };
        if !valid_tag(tag) {
            return Err(format!(
                "'{tag}' is not a language tag (like fr, es or pt-BR)"
            ));
        }
        let copy = i18n::course_messages(from).map_err(|p| {
            p.iter()
                .map(|d| d.to_string())
                .collect::<Vec<_>>()
                .join("\n")
        })?;
        match i18n::import(tag, &messages, &copy) {
            Ok((text, _)) => {
                let path = dir.join(i18n::po_file(tag));
                std::fs::write(&path, text).map_err(|e| io(&path, e))?;
                say!("{}: imported from {}", path.display(), from.display());
            }
            Err(problems) => {
                for p in &problems {
                    warn!("{p}");
                }
                warn!(
                    "{}: {} places differ from the source; nothing was written",
                    from.display(),
                    problems.len()
                );
                return Ok(ExitCode::from(1));
            }
        }
    }
    if let Some(tag) = a.new_language.as_deref() {
        if !valid_tag(tag) {
            return Err(format!(
                "'{tag}' is not a language tag (like fr, es or pt-BR)"
            ));
        }
        let path = dir.join(i18n::po_file(tag));
        if path.exists() {
            return Err(format!(
                "{} exists already; translate updates it",
                path.display()
            ));
        }
        std::fs::write(&path, "").map_err(|e| io(&path, e))?;
    }
    let template = dir.join(i18n::PO_DIR).join(i18n::TEMPLATE);
    std::fs::write(&template, i18n::template(&messages)).map_err(|e| io(&template, e))?;
    say!("{}: {} messages", template.display(), messages.len());
    for tag in i18n::languages(dir) {
        let path = dir.join(i18n::po_file(&tag));
        let old = std::fs::read_to_string(&path).map_err(|e| io(&path, e))?;
        let old = (!old.trim().is_empty()).then_some(old);
        let (text, coverage) = i18n::update(&tag, old.as_deref(), &messages)
            .map_err(|e| format!("{}: {e}", path.display()))?;
        if old.as_deref() != Some(text.as_str()) {
            std::fs::write(&path, &text).map_err(|e| io(&path, e))?;
        }
        say!("{}", coverage_line(dir, &tag, &coverage));
    }
    Ok(ExitCode::SUCCESS)
}

fn serve(dir: &Path, a: &Args) -> Result<ExitCode, String> {
    // The release player by default: an author changes content, not the player, and the
    // release wasm is a tenth of the debug one. --debug for work on the player itself.
    let profile = if a.debug {
        Profile::Debug
    } else {
        Profile::Release
    };
    let player_dir = a.player.clone();
    serve::run(serve::Config {
        course_dir: dir.to_path_buf(),
        port: a.port.unwrap_or(8080),
        profile,
        player_dir,
    })?;
    Ok(ExitCode::SUCCESS)
}

fn package(dir: &Path, a: &Args) -> Result<ExitCode, String> {
    if a.lrs_endpoint.is_some() || a.lrs_credential.is_some() {
        return Err("--lrs-endpoint and --lrs-credential are for `build`: in an LMS, the LMS says who the learner is".into());
    }
    let Some(compiled) = checked(dir, a.deny_warnings) else {
        return Ok(ExitCode::from(1));
    };
    let course = &compiled.courses[0];
    let player = site::PlayerFiles::read(player_of(a, Profile::Release)?)?;
    // Inside an LMS the site lives in a folder of the LMS's choosing: relative URLs.
    let opts = site::Options {
        base: "./".into(),
        live_reload: false,
        lrs_origins: a.lrs_origins.clone(),
        site_lrs: None,
    };
    let site = site::assemble(&compiled.courses, &compiled.languages, dir, &player, &opts)?;
    let out = a
        .out
        .clone()
        .unwrap_or_else(|| PathBuf::from(format!("{}-scorm12.zip", course.id)));
    let n = scorm::package(course, &site, &player, &out)?;
    say!(
        "{}: SCORM 1.2 package {} ({n} files, mastery score {})",
        dir.display(),
        out.display(),
        course.assessment.pass_mark
    );
    Ok(ExitCode::SUCCESS)
}
