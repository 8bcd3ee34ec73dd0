//! `course-engine` stands alone: a standalone copy (`course-engine player --standalone`)
//! written into an empty folder runs every author's command with nothing else on the
//! machine: no PATH (so no cargo, wasm toolchain, Node or wasm-opt), no environment but an
//! empty home, and no player but the one inside it.

use crate::common::{copy_dir, engine, root};
use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

struct Alone {
    dir: PathBuf,
}

impl Alone {
    fn command(&self, args: &[&str]) -> Command {
        let mut c = Command::new(self.dir.join("course-engine"));
        c.args(args)
            .current_dir(&self.dir)
            .env_clear()
            .env("HOME", self.dir.join("home"))
            .env("PATH", self.dir.join("empty-path"));
        c
    }

    fn run(&self, args: &[&str]) -> Output {
        let out = self
            .command(args)
            .output()
            .expect("the standalone tool runs");
        assert!(
            out.status.success(),
            "course-engine {}: {}\n{}",
            args.join(" "),
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        out
    }
}

fn get(port: u16, path: &str) -> Option<String> {
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).ok()?;
    write!(stream, "GET {path} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n").ok()?;
    let mut text = String::new();
    stream.read_to_string(&mut text).ok()?;
    Some(text)
}

#[test]
fn a_standalone_copy_in_an_empty_folder_runs_every_command() {
    let dir = std::env::temp_dir().join(format!("course-engine-alone-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("empty-path")).unwrap();
    std::fs::create_dir_all(dir.join("home")).unwrap();
    // Made in the checkout (this builds the release player first if it is out of date).
    let made = engine(&[
        "player",
        "--standalone",
        dir.join("course-engine").to_str().unwrap(),
    ]);
    assert!(
        made.status.success(),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );
    copy_dir(&root().join("tests/courses/small"), &dir.join("small"));
    let alone = Alone { dir: dir.clone() };

    let out = alone.run(&["new", "mine"]);
    assert!(dir.join("mine/course.toml").is_file(), "{out:?}");
    alone.run(&["check", "mine", "--deny-warnings"]);
    let out = alone.run(&["check", "small"]);
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("small: no problems"));

    alone.run(&["build", "small", "--out", "site"]);
    let index = std::fs::read_to_string(dir.join("site/index.html")).unwrap();
    assert!(index.contains("Water Safety Basics"), "{index}");
    // The real player, not a stand-in: its wasm, and the pages name its folder.
    let app = std::fs::read_dir(dir.join("site"))
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().into_string().unwrap())
        .find(|n| n.starts_with("app-"))
        .expect("the site has the player's app folder");
    let wasm = std::fs::read(dir.join("site").join(&app).join("player_bg.wasm")).unwrap();
    assert!(
        wasm.starts_with(b"\0asm") && wasm.len() > 100_000,
        "{} bytes",
        wasm.len()
    );
    assert!(index.contains(&app));
    // The player was unpacked into the cache of the home it was given.
    let cache = std::fs::read_dir(dir.join("home/.cache/course-engine"))
        .unwrap()
        .count();
    assert_eq!(cache, 1);

    alone.run(&["scorm", "small", "--out", "small.zip"]);
    let zip = std::fs::read(dir.join("small.zip")).unwrap();
    assert!(zip.starts_with(b"PK") && zip.len() > 100_000);

    alone.run(&["translate", "small", "--new", "fr"]);
    let pot = std::fs::read_to_string(dir.join("small/po/messages.pot")).unwrap();
    assert!(pot.contains("msgid \"Water Safety Basics\""), "{pot}");
    assert!(dir.join("small/po/fr.po").is_file());

    // serve, on a free port, until it answers with the course's home.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut server = alone
        .command(&["serve", "small", "--port", &port.to_string()])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    let mut page = None;
    while started.elapsed() < Duration::from_secs(60) && page.is_none() {
        page = get(port, "/")
            .filter(|t| t.starts_with("HTTP/1.1 200") || t.starts_with("HTTP/1.0 200"));
        std::thread::sleep(Duration::from_millis(100));
    }
    let _ = server.kill();
    let _ = server.wait();
    let page = page.expect("serve answers within a minute");
    assert!(page.contains("Water Safety Basics") && page.contains("/__engine/live.js"));

    // What it carries is the player: without one named, the debug build is refused clearly.
    let out = alone
        .command(&["build", "small", "--debug"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("carries the release player only"));
    std::fs::remove_dir_all(&dir).unwrap();
}
