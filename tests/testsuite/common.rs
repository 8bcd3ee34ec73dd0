//! Helpers shared by the author tool's integration tests.

use std::path::{Path, PathBuf};

pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A player for `course-engine build --player DIR` without compiling any wasm: the real
/// page templates, styles, icons and SCORM schemas (its `shell/`), and stand-ins for the
/// wasm bundles. Native tests of the site's assembly need no wasm toolchain; the
/// end-to-end tests use the real player.
pub fn stub_player(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "course-engine-player-{name}-{}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    let write = |rel: &str, bytes: &[u8]| {
        let p = dir.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, bytes).unwrap();
    };
    write(
        "app-0123456789abcdef/player.js",
        b"export default function init() {}\n",
    );
    write("app-0123456789abcdef/player_bg.wasm", b"\0asm\x01\0\0\0");
    write("app-0123456789abcdef/split_check.wasm", b"\0asm\x01\0\0\0");
    write(
        "results/course-results-fedcba9876543210.js",
        b"export default function init() {}\n",
    );
    write(
        "results/course-results-fedcba9876543210_bg.wasm",
        b"\0asm\x01\0\0\0",
    );
    write(
        "lrs/course-lrs-00112233445566778.js",
        b"export default function init() {}\n",
    );
    write(
        "lrs/course-lrs-00112233445566778_bg.wasm",
        b"\0asm\x01\0\0\0",
    );
    write(
        "player.json",
        br#"{"app":"app-0123456789abcdef","results_js":"results/course-results-fedcba9876543210.js","results_wasm":"results/course-results-fedcba9876543210_bg.wasm","lrs_js":"lrs/course-lrs-00112233445566778.js","lrs_wasm":"lrs/course-lrs-00112233445566778_bg.wasm","profile":"release","sources":"stub"}"#,
    );
    for (from, to) in [
        ("index.html", "shell/index.html"),
        ("assets/app.css", "shell/app.css"),
        ("assets/results.html", "shell/results.html"),
        ("assets/print.html", "shell/print.html"),
        ("assets/search-dialog.html", "shell/search-dialog.html"),
        ("assets/search.js", "shell/search.js"),
        ("assets/search.css", "shell/search.css"),
        ("assets/sw.js", "shell/sw.js"),
        ("assets/live.js", "shell/live.js"),
        ("assets/sw-serve.js", "shell/sw-serve.js"),
        (
            "assets/templates/app-script.html",
            "shell/templates/app-script.html",
        ),
        (
            "assets/templates/learner-form.html",
            "shell/templates/learner-form.html",
        ),
        (
            "assets/templates/languages.html",
            "shell/templates/languages.html",
        ),
        ("assets/icon.svg", "shell/icon.svg"),
        ("assets/icon-192.png", "shell/icon-192.png"),
        ("assets/icon-512.png", "shell/icon-512.png"),
    ] {
        write(to, &std::fs::read(root().join(from)).unwrap());
    }
    for xsd in [
        "imscp_rootv1p1p2.xsd",
        "adlcp_rootv1p2.xsd",
        "imsmd_rootv1p2p1.xsd",
        "ims_xml.xsd",
    ] {
        write(
            &format!("shell/scorm12/{xsd}"),
            &std::fs::read(root().join("assets/scorm12").join(xsd)).unwrap(),
        );
    }
    dir
}

/// Runs the author tool in the repository's root.
pub fn engine(args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_course-engine"))
        .args(args)
        .current_dir(root())
        .output()
        .expect("course-engine runs")
}

/// Asserts that `actual` is the text of the expected-output file `path` (relative to the
/// repository). With `UPDATE_SNAPSHOTS=1` in the environment it writes `actual` there
/// instead, for a deliberate change: then read the diff before committing it.
pub fn assert_snapshot(path: &str, actual: &str) {
    let file = root().join(path);
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some_and(|v| v == "1") {
        std::fs::write(&file, actual).unwrap_or_else(|e| panic!("{path}: {e}"));
        return;
    }
    let expected = std::fs::read_to_string(&file).unwrap_or_else(|e| {
        panic!("{path}: {e} (UPDATE_SNAPSHOTS=1 cargo test --test testsuite writes it)")
    });
    if expected != actual {
        let first = expected
            .lines()
            .zip(actual.lines())
            .position(|(e, a)| e != a)
            .unwrap_or(expected.lines().count().min(actual.lines().count()));
        panic!(
            "{path} differs from what the code makes now, first at line {}:\n  expected: {:?}\n  actual:   {:?}\n\
             (a deliberate change: UPDATE_SNAPSHOTS=1 cargo test --test testsuite, then read the diff)\n\
             --- whole actual output ---\n{actual}",
            first + 1,
            expected.lines().nth(first).unwrap_or("(end)"),
            actual.lines().nth(first).unwrap_or("(end)"),
        );
    }
}

/// Copies the folder `from` (files and folders under it) to `to`.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            copy_dir(&path, &target);
        } else {
            std::fs::copy(&path, &target).unwrap();
        }
    }
}
