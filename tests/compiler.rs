//! The course compiler as authors use it: one fixture folder per kind of mistake, each
//! with the exact messages `course-compiler check` must print (`expected.txt`).

#![cfg(not(target_arch = "wasm32"))]

use std::path::Path;
use std::process::Command;

fn check(dir: &str) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_course-compiler"))
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
    let expected = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join(&dir)
            .join("expected.txt"),
    )
    .expect("each bad-input fixture has expected.txt");
    let (code, stdout, stderr) = check(&dir);
    assert_eq!(stderr, expected, "problems printed for {case}");
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
    let status = Command::new(env!("CARGO_BIN_EXE_course-compiler"))
        .args(["build", "tests/fixtures/valid", "--out"])
        .arg(&out)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .status()
        .unwrap();
    assert!(status.success());
    let json = std::fs::read_to_string(out.join("course.json")).unwrap();
    let course: course_engine::model::Course = course_engine::json::from_str(&json).unwrap();
    assert_eq!(course.topics[0].lessons[0].id, "first");
    assert!(course.topics[0].lessons[0]
        .html
        .contains(r#"href="course/assets/map.txt""#));
    assert_eq!(course.topics[0].lessons[0].sources, ["seed.txt"]);
    assert_eq!(course.topics[0].check[0].choices.len(), 2);
    assert_eq!(course.assessment.bank[0].id, "b1");
    assert_eq!(
        std::fs::read_to_string(out.join("assets/map.txt")).unwrap(),
        "a map\n"
    );
    std::fs::remove_dir_all(out).ok();
}

#[test]
fn build_writes_nothing_when_the_course_has_problems() {
    let out = std::env::temp_dir().join(format!("course-engine-nobuild-{}", std::process::id()));
    let status = Command::new(env!("CARGO_BIN_EXE_course-compiler"))
        .args(["build", "tests/fixtures/empty-lesson", "--out"])
        .arg(&out)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(1));
    assert!(!out.exists());
}
