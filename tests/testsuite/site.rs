//! `course-engine build`, `scorm` and `new` as authors use them, on a stand-in player
//! (tests/common): every page filled in for the course, a policy on each, the service
//! worker's list, the web app manifest, the SCORM package; and a new course that builds.

use crate::common::{engine, root, stub_player};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn tmp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("course-engine-site-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    d
}

fn files(dir: &Path) -> BTreeSet<String> {
    fn walk(root: &Path, d: &Path, out: &mut BTreeSet<String>) {
        for e in std::fs::read_dir(d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(root, &p, out);
            } else {
                out.insert(
                    p.strip_prefix(root)
                        .unwrap()
                        .to_string_lossy()
                        .replace('\\', "/"),
                );
            }
        }
    }
    let mut out = BTreeSet::new();
    walk(dir, dir, &mut out);
    out
}

fn ok(out: &std::process::Output) {
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn the_second_course_builds_into_a_whole_site_of_its_own() {
    let player = stub_player("whole");
    let out = tmp("whole");
    ok(&engine(&[
        "build",
        "tests/courses/small",
        "--out",
        out.to_str().unwrap(),
        "--player",
        player.to_str().unwrap(),
    ]));
    let got = files(&out);
    for f in [
        "index.html",
        "results.html",
        "sw.js",
        "manifest.webmanifest",
        "icon.svg",
        "course/course.json",
        "course/feedback.json",
        "app-0123456789abcdef/player.js",
        "app-0123456789abcdef/player_bg.wasm",
        "app-0123456789abcdef/split_check.wasm",
        "results/course-results-fedcba9876543210.js",
    ] {
        assert!(got.contains(f), "{f} missing from {got:?}");
    }

    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    // The course's own title, language and home, before the wasm runs.
    assert!(index.contains(r#"<html lang="en" dir="ltr">"#));
    assert!(index.contains("<title>Water Safety Basics</title>"));
    assert!(index.contains(r#"<base href="/">"#));
    // The app's own home, rendered for a new learner: its Start link works before the app.
    assert!(index.contains(r#"<article class="home">"#));
    assert!(
        index.contains(
            r#"<a href="./topics/risks/cold" class="button primary">Start the course</a>"#
        ),
        "{index}"
    );
    assert!(index.contains(r#"<span data-topic-status="risks">Not started</span>"#));
    // A lesson's static page is the app's: the pager names the knowledge check as the app
    // does, and the page's title is the app's.
    let lesson = std::fs::read_to_string(out.join("topics/risks/currents/index.html")).unwrap();
    assert!(
        lesson.contains(r#"<span class="dir">Next</span>Knowledge check: Risks near water</a>"#),
        "{lesson}"
    );
    assert!(lesson.contains("<title>Currents · Water Safety Basics</title>"));
    let main = &lesson[lesson.find("<main").unwrap()..lesson.find("</main>").unwrap()];
    assert!(
        !main.contains("data-testid"),
        "the app's test hooks are the app's: {main}"
    );
    assert!(
        index.contains("Reach, throw, don"),
        "the topics' pages are listed on the home"
    );
    assert!(
        !index.contains("International Cooperation on Migration"),
        "nothing of the shipped course"
    );
    // The app's tags, and no marker or comment left over.
    // The app's script, wasm and course: fetched once the page has painted.
    assert!(index.contains("await import('./app-0123456789abcdef/player.js')"));
    // The LRS reporter: imported only by a page launched with an LRS, and not precached.
    assert!(index.contains(
        "if (/[?&]endpoint=/.test(location.search)) {\nconst lrs = await import('./lrs/course-lrs-00112233445566778.js');"
    ), "{index}");
    assert!(got.contains("lrs/course-lrs-00112233445566778_bg.wasm"));
    let sw = std::fs::read_to_string(out.join("sw.js")).unwrap();
    assert!(
        !sw.contains("lrs/course-lrs"),
        "the service worker does not precache the LRS reporter"
    );
    assert!(index.contains(
        "['app-0123456789abcdef/player_bg.wasm', 'application/wasm'], ['course/course.json', '']"
    ));
    assert!(
        !index.contains(r#"rel="preload""#) && !index.contains("modulepreload"),
        "nothing fetched before the first paint"
    );
    assert!(!index.contains("<!--") && !index.contains("{{"), "{index}");
    // The policy comes first and hashes each inline script.
    let head = &index[..index.find("<meta name=\"viewport\"").unwrap()];
    assert!(head.contains(r#"<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'sha256-"#), "{head}");
    let scripts = index.matches("<script").count() - index.matches("<script src=").count();
    let policy = &index[index.find("script-src").unwrap()..index.find("style-src").unwrap()];
    assert_eq!(policy.matches("'sha256-").count(), scripts, "{policy}");
    assert!(!index.contains("/__engine/"), "no live reload in a build");

    // Every other page is written too, readable before the wasm, with the app's tags.
    for (page, title) in [
        (
            "topics/risks/cold/index.html",
            "Cold water · Water Safety Basics",
        ),
        (
            "topics/rescue/order/index.html",
            "Reach, throw, don&#39;t go · Water Safety Basics",
        ),
        (
            "check/risks/index.html",
            "Knowledge check: Risks near water · Water Safety Basics",
        ),
        (
            "check/rescue/index.html",
            "Knowledge check: Helping someone in trouble · Water Safety Basics",
        ),
    ] {
        let html =
            std::fs::read_to_string(out.join(page)).unwrap_or_else(|e| panic!("{page}: {e}"));
        let want = format!("<title>{}</title>", title.replace("&#39;", "'"));
        assert!(html.contains(&want), "{page}: no {want}");
        assert!(
            html.contains(r#"<base href="/">"#) && html.contains("app-0123456789abcdef/player.js"),
            "{page}"
        );
        assert!(
            html.contains("Content-Security-Policy") && !html.contains("Loading the course"),
            "{page}"
        );
    }
    let lesson = std::fs::read_to_string(out.join("topics/risks/cold/index.html")).unwrap();
    assert!(lesson.contains(r#"<h1 tabindex="-1">Cold water</h1>"#));
    assert!(lesson.contains(r#"<a rel="next" href="./topics/risks/currents" class="next"><span class="dir">Next</span>Currents</a>"#), "{lesson}");
    assert!(
        !out.join("glossary/index.html").exists(),
        "no glossary page for a course without one"
    );
    // Pages whose code is in a chunk: their files (so that every page has an address any
    // server opens) hold what the app shows while the chunk loads.
    for page in ["assessment", "certificate", "progress", "check/risks"] {
        let html = std::fs::read_to_string(out.join(page).join("index.html")).unwrap();
        assert!(
            html.contains(r#"<p role="status" class="loading">Loading this page…</p>"#)
                && !html.contains("<article"),
            "{page}: {html}"
        );
    }

    let results = std::fs::read_to_string(out.join("results.html")).unwrap();
    assert!(results.contains("results/course-results-fedcba9876543210.js"));
    assert!(results.contains("Content-Security-Policy"));

    // The service worker caches the learner's files, not the instructor's.
    let sw = std::fs::read_to_string(out.join("sw.js")).unwrap();
    assert!(
        sw.contains(r#""course/course.json""#)
            && sw.contains(r#""app-0123456789abcdef/player_bg.wasm""#)
    );
    let list = &sw[sw.find("const FILES = ").unwrap()..];
    let list = &list[..list.find('\n').unwrap()];
    assert!(
        !list.contains("results") && !list.contains("\"sw.js\""),
        "{list}"
    );
    assert!(
        !list.contains("topics/"),
        "the static pages are for first visits: {list}"
    );
    assert!(!sw.contains("__VERSION__") && !sw.contains("__FILES__"));

    let manifest = std::fs::read_to_string(out.join("manifest.webmanifest")).unwrap();
    assert!(
        manifest.contains(r#""name": "Water Safety Basics""#)
            && manifest.contains(r#""lang": "en""#),
        "{manifest}"
    );

    // A new build replaces the old one whole; the same sources make the same site.
    let first = std::fs::read(out.join("sw.js")).unwrap();
    std::fs::write(out.join("stale.txt"), "from an older build").unwrap();
    ok(&engine(&[
        "build",
        "tests/courses/small",
        "--out",
        out.to_str().unwrap(),
        "--player",
        player.to_str().unwrap(),
    ]));
    assert!(!out.join("stale.txt").exists());
    assert_eq!(
        std::fs::read(out.join("sw.js")).unwrap(),
        first,
        "the service worker's version is a content hash"
    );
    std::fs::remove_dir_all(out).ok();
    std::fs::remove_dir_all(player).ok();
}

#[test]
fn the_scorm_package_holds_the_manifest_the_schemas_and_the_learners_site() {
    let player = stub_player("scorm");
    let dir = tmp("scorm");
    let zip_path = dir.join("pkg.zip");
    ok(&engine(&[
        "scorm",
        "tests/courses/small",
        "--out",
        zip_path.to_str().unwrap(),
        "--player",
        player.to_str().unwrap(),
    ]));
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&zip_path).unwrap()).unwrap();
    let names: Vec<String> = zip.file_names().map(str::to_string).collect();
    assert_eq!(names[0], "imsmanifest.xml", "the manifest first");
    for f in [
        "imscp_rootv1p1p2.xsd",
        "adlcp_rootv1p2.xsd",
        "imsmd_rootv1p2p1.xsd",
        "ims_xml.xsd",
        "index.html",
        "course/course.json",
    ] {
        assert!(names.iter().any(|n| n == f), "{f} missing from {names:?}");
    }
    assert!(
        !names.iter().any(|n| n.starts_with("results")),
        "no instructor page in an LMS: {names:?}"
    );
    let mut manifest = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("imsmanifest.xml").unwrap(), &mut manifest)
        .unwrap();
    assert!(manifest.contains(r#"<manifest identifier="water-safety-2.1.0" version="2.1.0""#));
    assert!(manifest.contains("<adlcp:masteryscore>60</adlcp:masteryscore>"));
    for n in names
        .iter()
        .filter(|n| !n.ends_with(".xsd") && *n != "imsmanifest.xml")
    {
        assert!(
            manifest.contains(&format!("<file href=\"{n}\"/>")),
            "{n} not listed"
        );
    }
    let mut index = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("index.html").unwrap(), &mut index).unwrap();
    assert!(
        index.contains(r#"<base href="./">"#),
        "relative URLs inside an LMS"
    );
    let mut lesson = String::new();
    std::io::Read::read_to_string(
        &mut zip.by_name("topics/risks/cold/index.html").unwrap(),
        &mut lesson,
    )
    .unwrap();
    assert!(
        lesson.contains(r#"<base href="../../../">"#),
        "a page three folders down climbs back to the package's root"
    );
    // Followed before the app starts, a link names its file: an LMS may not serve a folder.
    assert!(
        lesson.contains(r#"<a rel="next" href="./topics/risks/currents/index.html" class="next">"#),
        "{lesson}"
    );
    assert!(lesson.contains(r#"<a class="brand" href="index.html">"#));
    assert!(
        index.contains(r#"href="topics/risks/cold/index.html""#),
        "the home's list of pages"
    );
    std::fs::remove_dir_all(dir).ok();
    std::fs::remove_dir_all(player).ok();
}

#[test]
fn a_new_course_builds_and_is_never_written_over_an_authors_folder() {
    let dir = tmp("new");
    let course = dir.join("first-course");
    ok(&engine(&["new", course.to_str().unwrap()]));
    let checked = engine(&["check", course.to_str().unwrap(), "--deny-warnings"]);
    ok(&checked);
    assert!(String::from_utf8_lossy(&checked.stdout).contains("4 assessment questions"));
    let toml = std::fs::read_to_string(course.join("course.toml")).unwrap();
    assert!(
        toml.contains(r#"id = "first-course""#),
        "the id comes from the folder's name"
    );
    let player = stub_player("new");
    ok(&engine(&[
        "build",
        course.to_str().unwrap(),
        "--out",
        dir.join("site").to_str().unwrap(),
        "--player",
        player.to_str().unwrap(),
    ]));
    assert!(dir.join("site/course/course.json").exists());
    let again = engine(&["new", course.to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists and is not empty"));
    std::fs::remove_dir_all(dir).ok();
    std::fs::remove_dir_all(player).ok();
}

#[test]
fn a_missing_player_and_unknown_options_say_what_to_do() {
    let out = engine(&[
        "build",
        "tests/courses/small",
        "--out",
        "/nonexistent-site",
        "--player",
        "/nonexistent-player",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("/nonexistent-player/player.json") && err.contains("course-engine player"),
        "{err}"
    );
    let out = engine(&["build", "--frobnicate"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("unexpected argument '--frobnicate'")
            && err.contains("Usage: course-engine build"),
        "{err}"
    );
    assert!(root().join("course/course.toml").exists());
}

#[test]
fn a_site_built_for_one_lrs_carries_its_settings_and_asks_who_the_learner_is() {
    let player = stub_player("one-lrs");
    let out = tmp("one-lrs");
    let credential = tmp("one-lrs-credential");
    std::fs::write(&credential, "writer:secret\n").unwrap();
    let build = |extra: &[&str]| {
        let mut args = vec![
            "build",
            "tests/courses/small",
            "--out",
            out.to_str().unwrap(),
            "--player",
            player.to_str().unwrap(),
        ];
        args.extend_from_slice(extra);
        engine(&args)
    };
    ok(&build(&[
        "--lrs-endpoint",
        "https://lrs.example.org/xAPI",
        "--lrs-credential",
        credential.to_str().unwrap(),
    ]));
    let settings = std::fs::read_to_string(out.join("lrs.json")).unwrap();
    assert!(
        settings.contains(r#""endpoint": "https://lrs.example.org/xAPI/""#),
        "{settings}"
    );
    // writer:secret, as an Authorization header.
    assert!(
        settings.contains(r#""auth": "Basic d3JpdGVyOnNlY3JldA==""#),
        "{settings}"
    );
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(index.contains(r#"data-testid="learner-id""#));
    assert!(index.contains("connect-src 'self' https://lrs.example.org;"));
    assert!(
        index.contains("if (true) {"),
        "every page imports the reporter"
    );

    // Without it: no settings, no form, the reporter only for a launch.
    ok(&build(&[]));
    assert!(!out.join("lrs.json").exists());
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(!index.contains("learner-id"));
    assert!(index.contains("if (/[?&]endpoint=/.test(location.search)) {"));

    // What is wrong is said.
    let err = |out: std::process::Output| String::from_utf8_lossy(&out.stderr).into_owned();
    let e = err(build(&["--lrs-endpoint", "https://lrs.example.org/xAPI"]));
    assert!(
        e.contains("required arguments were not provided") && e.contains("--lrs-credential <FILE>"),
        "{e}"
    );
    std::fs::write(&credential, "no colon\n").unwrap();
    let e = err(build(&[
        "--lrs-endpoint",
        "https://lrs.example.org/xAPI",
        "--lrs-credential",
        credential.to_str().unwrap(),
    ]));
    assert!(e.contains("the first line must be user:password"), "{e}");
    let e = err(engine(&[
        "scorm",
        "tests/courses/small",
        "--lrs-endpoint",
        "https://lrs.example.org/xAPI",
    ]));
    assert!(e.contains("unexpected argument '--lrs-endpoint'"), "{e}");
    let _ = std::fs::remove_dir_all(&out);
    let _ = std::fs::remove_file(&credential);
}
