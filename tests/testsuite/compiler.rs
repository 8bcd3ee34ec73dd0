//! The course compiler as authors use it: one fixture folder per kind of mistake, each
//! with the exact messages `course-engine check` must print (`expected.txt`, a snapshot:
//! `UPDATE_SNAPSHOTS=1` rewrites it).

use crate::common;
use std::path::Path;
use std::process::Command;

fn check(dir: &str) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_course-engine"))
        .args(["check", dir])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the compiler runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Every bad-input fixture prints exactly its expected problems and exits with status 1.
fn bad_input(case: &str) {
    let dir = format!("tests/fixtures/{case}");
    let (code, stdout, stderr) = check(&dir);
    common::assert_snapshot(&format!("{dir}/expected.txt"), &stderr);
    assert_eq!(code, 1, "exit status for {case}");
    assert_eq!(stdout, "", "nothing on stdout for {case}");
}

#[test]
fn unknown_manifest_fields_are_reported_with_their_place() {
    bad_input("unknown-manifest-field");
}

#[test]
fn missing_manifest_fields_are_reported() {
    bad_input("missing-manifest-field");
}

#[test]
fn invalid_toml_is_reported_with_its_place() {
    bad_input("invalid-toml");
}

#[test]
fn a_listed_topic_file_that_is_missing_is_reported() {
    bad_input("missing-topic-file");
}

#[test]
fn duplicate_lesson_and_question_ids_are_reported() {
    bad_input("duplicate-ids");
}

#[test]
fn a_question_without_a_correct_answer_is_reported() {
    bad_input("no-correct-answer");
}

#[test]
fn unbalanced_matching_pairs_are_reported() {
    bad_input("unbalanced-matching");
}

#[test]
fn unknown_objectives_and_question_types_are_reported() {
    bad_input("unknown-objective-and-type");
}

#[test]
fn an_empty_lesson_is_reported() {
    bad_input("empty-lesson");
}

#[test]
fn links_to_missing_assets_are_reported() {
    bad_input("missing-asset");
}

#[test]
fn raw_html_and_script_links_are_reported() {
    bad_input("raw-html");
}

/// A translator's slip is refused with its line, as `msgfmt --check` refuses it.
#[test]
fn a_broken_po_entry_is_refused_with_its_place() {
    bad_input("po-broken-entry");
}

#[test]
fn a_message_twice_in_a_po_file_is_refused() {
    bad_input("po-duplicate");
}

#[test]
fn a_translation_that_changes_a_link_target_or_a_placeholder_is_refused() {
    bad_input("po-markers");
}

#[test]
fn every_bad_input_fixture_is_tested() {
    let src = include_str!("compiler.rs");
    for entry in
        std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")).unwrap()
    {
        let entry = entry.unwrap();
        let name = entry.file_name().into_string().unwrap();
        // Bad-input fixtures are the folders with the expected messages.
        if entry.path().join("expected.txt").exists() {
            assert!(
                src.contains(&format!("bad_input(\"{name}\")")),
                "fixture {name} has no test"
            );
        }
    }
}

#[test]
fn a_valid_course_builds_with_its_assets() {
    let (code, stdout, stderr) = check("tests/fixtures/valid");
    assert_eq!((code, stderr.as_str()), (0, ""));
    assert!(
        stdout.starts_with("tests/fixtures/valid: no problems\n"),
        "{stdout}"
    );

    let out = std::env::temp_dir().join(format!("course-engine-build-{}", std::process::id()));
    let player = common::stub_player("valid");
    let built = common::engine(&[
        "build",
        "tests/fixtures/valid",
        "--out",
        out.to_str().unwrap(),
        "--player",
        player.to_str().unwrap(),
    ]);
    assert!(
        built.status.success(),
        "{}",
        String::from_utf8_lossy(&built.stderr)
    );
    let json = std::fs::read_to_string(out.join("course/course.json")).unwrap();
    let course: course_core::model::Course = course_core::json::from_str(&json).unwrap();
    assert_eq!(course.topics[0].lessons[0].id, "first");
    assert!(course.topics[0].lessons[0]
        .html
        .contains(r#"href="course/assets/map.txt""#));
    assert_eq!(course.topics[0].lessons[0].sources, ["seed.txt"]);
    assert_eq!(course.topics[0].check[0].choices.len(), 2);
    assert_eq!(course.assessment.bank[0].id, "b1");
    assert_eq!(
        std::fs::read_to_string(out.join("course/assets/map.txt")).unwrap(),
        "a map\n"
    );
    std::fs::remove_dir_all(out).ok();
    std::fs::remove_dir_all(player).ok();
}

#[test]
fn build_writes_nothing_when_the_course_has_problems() {
    let out = std::env::temp_dir().join(format!("course-engine-nobuild-{}", std::process::id()));
    let player = common::stub_player("nobuild");
    let built = common::engine(&[
        "build",
        "tests/fixtures/empty-lesson",
        "--out",
        out.to_str().unwrap(),
        "--player",
        player.to_str().unwrap(),
    ]);
    assert_eq!(built.status.code(), Some(1));
    assert!(!out.exists());
    std::fs::remove_dir_all(player).ok();
}

#[test]
fn an_unsafe_diagram_is_refused_with_each_place() {
    bad_input("unsafe-svg");
}

/// The item-writing lint: warnings with their places; `check` still exits 0 and the course
/// builds, unless `--deny-warnings` is given.
#[test]
fn item_writing_and_timing_warnings_are_printed_and_fail_only_when_denied() {
    let dir = "tests/fixtures/lint";
    let (code, stdout, stderr) = check(dir);
    common::assert_snapshot(&format!("{dir}/expected-warnings.txt"), &stderr);
    assert_eq!(code, 0);
    assert!(
        stdout.starts_with("tests/fixtures/lint: no problems\n"),
        "{stdout}"
    );
    for kind in [
        "fixed colour",
        "shows at 6.4 px",
        "has no 'Sources:' line",
        "much longer than the wrong ones",
        "'all of the above'",
        "'none of the above'",
        "keyed True",
        "exactly 2 correct options",
        "never used in a lesson",
        "says minutes = 20 but takes about 5",
        "estimated_minutes = 20",
    ] {
        assert!(stderr.contains(kind), "no '{kind}' warning in {stderr}");
    }

    let out = Command::new(env!("CARGO_BIN_EXE_course-engine"))
        .args(["check", dir, "--deny-warnings"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let denied = String::from_utf8_lossy(&out.stderr);
    assert!(denied.ends_with("tests/fixtures/lint: 11 warnings; --deny-warnings makes them fail, and nothing was written\n"), "{denied}");
}

/// A diagram is inlined: a figure with its name, the checked SVG (ids prefixed, named by its
/// title) and its text version, which a learner can open.
#[test]
fn a_diagram_is_inlined_with_its_text_version_and_the_order_pin_is_kept() {
    let out = std::env::temp_dir().join(format!("course-engine-lint-{}", std::process::id()));
    let player = common::stub_player("lint");
    let built = common::engine(&[
        "build",
        "tests/fixtures/lint",
        "--out",
        out.to_str().unwrap(),
        "--player",
        player.to_str().unwrap(),
    ]);
    assert!(
        built.status.success(),
        "{}",
        String::from_utf8_lossy(&built.stderr)
    );
    let json = std::fs::read_to_string(out.join("course/course.json")).unwrap();
    let course: course_core::model::Course = course_core::json::from_str(&json).unwrap();
    let html = &course.topics[0].lessons[0].html;
    assert!(html.contains(r#"<figure class="diagram"><figcaption>Two levels of cooperation</figcaption><svg viewBox="0 0 360 120" xmlns="http://www.w3.org/2000/svg" class="diagram-svg" role="group" aria-labelledby="d-levels-title"><title id="d-levels-title">Two levels of cooperation</title>"#), "{html}");
    assert!(
        html.contains(r#"<tspan class="d-strong">two States</tspan>"#),
        "{html}"
    );
    assert!(
        html.contains(
            r#"<details class="diagram-text"><summary>Text version of the diagram</summary>"#
        ),
        "{html}"
    );
    assert!(html.contains("Bilateral cooperation joins two States; regional cooperation joins the States of a region."), "{html}");
    assert!(html.trim_end().ends_with("</details></figure>"), "{html}");
    assert!(!html.contains("[!DESCRIPTION]"), "{html}");
    let q = |id: &str| course.topics[0].check.iter().find(|q| q.id == id).unwrap();
    assert!(q("q2").fixed_order);
    assert!(!q("q3").fixed_order);
    std::fs::remove_dir_all(out).ok();
    std::fs::remove_dir_all(player).ok();
}

#[test]
fn files_outside_the_course_folder_are_refused_with_their_place() {
    bad_input("path-escape");
}

/// Defence in depth: even past `check`, the build never copies what a link in `assets/`
/// leads to outside the course folder.
#[cfg(unix)]
#[test]
fn the_build_never_publishes_a_file_a_link_leads_to_outside_the_course() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let tmp = std::env::temp_dir().join(format!("course-engine-escape-{}", std::process::id()));
    let course_dir = tmp.join("course");
    std::fs::create_dir_all(course_dir.join("assets")).unwrap();
    for f in ["course.toml", "one.md", "assets/map.txt"] {
        std::fs::copy(
            root.join("tests/fixtures/valid").join(f),
            course_dir.join(f),
        )
        .unwrap();
    }
    std::fs::write(tmp.join("secret.txt"), "not for publishing").unwrap();
    std::os::unix::fs::symlink(tmp.join("secret.txt"), course_dir.join("assets/secret.txt"))
        .unwrap();
    let course = course_compiler::load_course(&root.join("tests/fixtures/valid")).unwrap();
    let out = tmp.join("out");
    let result = course_compiler::write_site(&course, &course_dir, &out);
    assert!(result.is_err(), "the build refuses");
    assert!(!out.join("assets/secret.txt").exists());
    // And `check` names it.
    let (code, _, stderr) = check(course_dir.to_str().unwrap());
    assert_eq!(code, 1);
    assert!(
        stderr.contains("assets/secret.txt:1:1: this asset leads outside the course folder"),
        "{stderr}"
    );
    std::fs::remove_dir_all(tmp).ok();
}
