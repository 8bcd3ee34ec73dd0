//! `course-engine serve`: the course's site on http://127.0.0.1:PORT, rebuilt on every save
//! and reloaded in every open page.
//!
//! - The site lives in memory (`Site`); a rebuild swaps a whole new one in, so a page never
//!   gets half of an old build and half of a new one. Nothing is written to disk.
//! - A content save (topic, manifest, glossary, asset) recompiles the course and
//!   reassembles the site from the player already in memory: the player's wasm is built
//!   once, and again only when its own sources change (then `player::ensure` rebuilds it).
//! - Pages load `/__engine/live.js` (`assets/live.js`, in the site under `serve` only), which long-polls `/__engine/wait`: the answer comes
//!   the moment a build ends, and says either "reload" or the problems found, which the
//!   page shows in an overlay (each `path:line:col: message`) over the last good course,
//!   still usable underneath. The terminal prints the same.
//! - Saves are noticed by polling the folder's modification times every 25 ms: no platform
//!   watcher to install, and editors that save by renaming are seen like any other.

use crate::player::{self, Profile};
use crate::site::{self, PlayerFiles, Site};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant, SystemTime};

pub struct Config {
    pub course_dir: PathBuf,
    pub port: u16,
    pub profile: Profile,
    pub player_dir: Option<PathBuf>,
}

/// What the server shows: the last good site, the problems of the last build (none when
/// it was good) and a generation that every build increments.
struct State {
    site: Site,
    problems: Vec<String>,
    generation: u64,
    /// Which site this is (every site swapped in increments it), and whether its search
    /// index is still being built (a request for it waits until it is there).
    site_number: u64,
    indexing: bool,
}

struct Shared {
    state: Mutex<State>,
    changed: Condvar,
}

const POLL: Duration = Duration::from_millis(25);
/// How long a long poll waits before answering "nothing new" (the page then asks again).
const WAIT: Duration = Duration::from_secs(25);

pub fn run(config: Config) -> anyhow::Result<()> {
    // The player: the one named, else the one this tool carries, else its checkout's, which
    // is rebuilt when its sources change (and only then is watched).
    let (player_dir, rebuilds) = match &config.player_dir {
        Some(dir) => (dir.clone(), false),
        None if !crate::embedded::carries_player()? && player::in_checkout() => {
            (player::default_dir(config.profile), true)
        }
        None => (player::locate(config.profile)?.dir, false),
    };
    let load_player = |dir: &Path| -> anyhow::Result<PlayerFiles> {
        let p = if rebuilds {
            player::ensure(dir, config.profile)?
        } else {
            player::Player::read(dir)?
        };
        PlayerFiles::read(p)
    };
    let mut player = load_player(&player_dir)?;
    let shared = Arc::new(Shared {
        state: Mutex::new(State {
            site: Site::default(),
            problems: Vec::new(),
            generation: 0,
            site_number: 0,
            indexing: false,
        }),
        changed: Condvar::new(),
    });
    rebuild(&shared, &config.course_dir, &player);

    let address = format!("127.0.0.1:{}", config.port);
    let server = tiny_http::Server::http(&address)
        .map_err(|e| anyhow::anyhow!("cannot listen on {address}: {e}"))?;
    println!(
        "serving {} on http://{address} (Ctrl-C stops)",
        config.course_dir.display()
    );
    {
        let shared = shared.clone();
        std::thread::spawn(move || {
            for request in server.incoming_requests() {
                let shared = shared.clone();
                std::thread::spawn(move || respond(&shared, request));
            }
        });
    }

    // The watcher: the course folder, and the player's sources when this tool has them.
    let workspace = Path::new(player::WORKSPACE);
    let player_sources: Vec<PathBuf> = if rebuilds {
        [
            "crates/core",
            "crates/web",
            "crates/player",
            "crates/results",
            "crates/lrs",
            "index.html",
            "assets",
        ]
        .iter()
        .map(|p| workspace.join(p))
        .collect()
    } else {
        Vec::new()
    };
    let mut course_seen = snapshot(std::slice::from_ref(&config.course_dir));
    let mut player_seen = snapshot(&player_sources);
    loop {
        std::thread::sleep(POLL);
        let now = snapshot(&player_sources);
        if now != player_seen {
            player_seen = now;
            println!("the player's sources changed: rebuilding it");
            match load_player(&player_dir) {
                Ok(p) => player = p,
                Err(e) => {
                    eprintln!("{e}");
                    show_problems(&shared, vec![format!("the player: {e}")]);
                    continue;
                }
            }
            rebuild(&shared, &config.course_dir, &player);
            continue;
        }
        let now = snapshot(std::slice::from_ref(&config.course_dir));
        if now != course_seen {
            course_seen = now;
            rebuild(&shared, &config.course_dir, &player);
        }
    }
}

/// Every file under `roots` with its modification time and length.
fn snapshot(roots: &[PathBuf]) -> BTreeMap<PathBuf, (SystemTime, u64)> {
    fn walk(p: &Path, out: &mut BTreeMap<PathBuf, (SystemTime, u64)>) {
        let Ok(meta) = std::fs::metadata(p) else {
            return;
        };
        if meta.is_dir() {
            if let Ok(entries) = std::fs::read_dir(p) {
                for e in entries.flatten() {
                    walk(&e.path(), out);
                }
            }
        } else {
            out.insert(
                p.to_path_buf(),
                (
                    meta.modified().unwrap_or(SystemTime::UNIX_EPOCH),
                    meta.len(),
                ),
            );
        }
    }
    let mut out = BTreeMap::new();
    for r in roots {
        walk(r, &mut out);
    }
    out
}

fn rebuild(shared: &Arc<Shared>, dir: &Path, player: &PlayerFiles) {
    let started = Instant::now();
    let result = course_compiler::i18n::compile_all(dir)
        .map_err(|problems| problems.iter().map(|p| p.to_string()).collect::<Vec<_>>())
        .and_then(|checked| {
            for w in &checked.warnings {
                eprintln!("{}:{}:{}: warning: {}", w.file, w.line, w.col, w.message);
            }
            let opts = site::Options {
                base: "/".into(),
                live_reload: true,
                lrs_origins: Vec::new(),
                site_lrs: None,
            };
            site::assemble(&checked, player, &opts).map_err(|e| vec![format!("{e:#}")])
        });
    match result {
        Ok(mut site) => {
            let unindexed = std::mem::take(&mut site.unindexed);
            let mut state = shared.state.lock().unwrap_or_else(|e| e.into_inner());
            state.site = site;
            state.problems.clear();
            state.generation += 1;
            state.site_number += 1;
            state.indexing = !unindexed.is_empty();
            let number = state.site_number;
            println!(
                "built {} in {} ms (build {})",
                dir.display(),
                started.elapsed().as_millis(),
                state.generation
            );
            drop(state);
            shared.changed.notify_all();
            // Search's index, after the pages: into this site, unless another has replaced it.
            if !unindexed.is_empty() {
                let shared = shared.clone();
                std::thread::spawn(move || {
                    let files = site::search_files(&unindexed);
                    let mut state = shared.state.lock().unwrap_or_else(|e| e.into_inner());
                    if state.site_number == number {
                        match files {
                            Ok(files) => state.site.files.extend(files),
                            Err(e) => eprintln!("search: {e:#}"),
                        }
                        state.indexing = false;
                    }
                    drop(state);
                    shared.changed.notify_all();
                });
            }
        }
        Err(problems) => {
            for p in &problems {
                eprintln!("{p}");
            }
            eprintln!(
                "{}: {} problem{}; the pages keep the last good course",
                dir.display(),
                problems.len(),
                if problems.len() == 1 { "" } else { "s" }
            );
            show_problems(shared, problems);
        }
    }
}

fn show_problems(shared: &Shared, problems: Vec<String>) {
    let mut state = shared.state.lock().unwrap_or_else(|e| e.into_inner());
    state.problems = problems;
    state.generation += 1;
    drop(state);
    shared.changed.notify_all();
}

fn content_type(path: &str) -> &'static str {
    match path.rsplit('.').next().unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "css" => "text/css; charset=utf-8",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webmanifest" => "application/manifest+json",
        "txt" | "md" => "text/plain; charset=utf-8",
        "pdf" => "application/pdf",
        _ => "application/octet-stream",
    }
}

fn header(name: &str, value: &str) -> tiny_http::Header {
    tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("a valid header")
}

fn respond(shared: &Shared, request: tiny_http::Request) {
    let url = request.url().to_string();
    let path = url.split(['?', '#']).next().unwrap_or("/");
    let query = url.split_once('?').map(|(_, q)| q).unwrap_or("");
    let (status, kind, body): (u16, &str, Vec<u8>) = match path {
        "/__engine/wait" => {
            let since: u64 = query
                .split('&')
                .find_map(|kv| kv.strip_prefix("since="))
                .and_then(|v| v.parse().ok())
                .unwrap_or(0);
            let state = shared.state.lock().unwrap_or_else(|e| e.into_inner());
            let (state, _) = shared
                .changed
                .wait_timeout_while(state, WAIT, |s| s.generation <= since)
                .unwrap_or_else(|e| e.into_inner());
            let answer =
                serde_json::json!({ "generation": state.generation, "problems": state.problems });
            (200, "application/json", answer.to_string().into_bytes())
        }
        _ => {
            let state = shared.state.lock().unwrap_or_else(|e| e.into_inner());
            // Search's index, while it is being built after a save: wait for it.
            let (state, _) = shared
                .changed
                .wait_timeout_while(state, WAIT, |s| {
                    s.indexing && path.starts_with("/pagefind/")
                })
                .unwrap_or_else(|e| e.into_inner());
            let rel = percent_decode(path.trim_start_matches('/'));
            let rel = if rel.is_empty() || rel.ends_with('/') {
                format!("{rel}index.html")
            } else {
                rel
            };
            let page = format!("{}/index.html", rel.trim_end_matches('/'));
            match state
                .site
                .files
                .get(&rel)
                .map(|b| (b, rel.as_str()))
                .or_else(|| state.site.files.get(&page).map(|b| (b, page.as_str())))
            {
                Some((bytes, name)) => (
                    200,
                    content_type(name),
                    with_generation(bytes, name, state.generation),
                ),
                // A path without an extension is an app route (a deep link): the app's page.
                // (In a translation's folder, that language's.)
                None if !rel.rsplit('/').next().unwrap_or("").contains('.') => {
                    let language = format!("{}/index.html", rel.split('/').next().unwrap_or(""));
                    match state
                        .site
                        .files
                        .get(&language)
                        .or_else(|| state.site.files.get("index.html"))
                    {
                        Some(bytes) => (
                            200,
                            content_type("index.html"),
                            with_generation(bytes, "index.html", state.generation),
                        ),
                        None => (503, "text/plain; charset=utf-8", not_built(&state.problems)),
                    }
                }
                None => (404, "text/plain; charset=utf-8", b"not found".to_vec()),
            }
        }
    };
    let response = tiny_http::Response::from_data(body)
        .with_status_code(status)
        .with_header(header("Content-Type", kind))
        .with_header(header("Cache-Control", "no-store"));
    let _ = request.respond(response);
}

/// A page tells its live-reload script which build it came from, so that a save made
/// before the script first asks still reloads it.
fn with_generation(bytes: &[u8], name: &str, generation: u64) -> Vec<u8> {
    let script = format!("src=\"{}\"", site::LIVE_RELOAD_SCRIPT);
    match std::str::from_utf8(bytes) {
        Ok(page) if name.ends_with(".html") && page.contains(&script) => page
            .replacen(
                &script,
                &format!("src=\"{}?built={generation}\"", site::LIVE_RELOAD_SCRIPT),
                1,
            )
            .into_bytes(),
        _ => bytes.to_vec(),
    }
}

fn not_built(problems: &[String]) -> Vec<u8> {
    format!("The course has not built yet:\n\n{}\n", problems.join("\n")).into_bytes()
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Ok(b) = u8::from_str_radix(&s[i + 1..i + 3], 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_decoding_leaves_plain_paths_alone() {
        assert_eq!(
            percent_decode("course/assets/a%20b.svg"),
            "course/assets/a b.svg"
        );
        assert_eq!(percent_decode("a/b"), "a/b");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%zz"), "%zz");
    }

    #[test]
    fn pages_say_which_build_they_came_from() {
        let page = format!(
            r#"<p>x</p><script src="{}" defer></script>"#,
            site::LIVE_RELOAD_SCRIPT
        );
        let served =
            String::from_utf8(with_generation(page.as_bytes(), "es/index.html", 7)).unwrap();
        assert!(
            served.contains(r#"src="/__engine/live.js?built=7" defer"#),
            "{served}"
        );
        // Other files pass unchanged, even when they mention the script.
        assert_eq!(
            with_generation(page.as_bytes(), "sw.js", 7),
            page.as_bytes()
        );
    }
}
