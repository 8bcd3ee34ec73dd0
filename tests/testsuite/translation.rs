//! Course translations as translators and authors use them (`course-engine translate`,
//! `check`, `build`) on a copy of the small test course: extraction, import of a translated
//! copy, English fallback, fuzzy marking when the English changes, the structure a
//! translation can never change, and the site's folder per language.

use crate::common::{copy_dir, engine, root, stub_player};
use course_compiler::i18n;
use std::path::PathBuf;

fn tmp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("course-engine-i18n-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    d
}

fn run(args: &[&str]) -> (bool, String, String) {
    let out = engine(args);
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// `po` with the translation of the message at `context` replaced by `msgstr` (PO-quoted).
fn set_msgstr(po: &str, context: &str, msgstr: &str) -> String {
    let at = po
        .find(&format!("msgctxt \"{context}\"\n"))
        .unwrap_or_else(|| panic!("no {context}"));
    let from = at + po[at..].find("\nmsgstr ").expect("a msgstr") + 1;
    let to = from + po[from..].find("\n\n").expect("an entry ends");
    format!("{}msgstr \"{msgstr}\"{}", &po[..from], &po[to..])
}

/// The "translation" the tests use: every message marked, true and false in French.
fn frenchify(text: &str) -> String {
    match text {
        "True" => "Vrai".into(),
        "False" => "Faux".into(),
        t => format!("FR {t}"),
    }
}

/// The small course, and a copy of it translated line for line, imported as po/fr.po.
fn translated_course(name: &str) -> PathBuf {
    let dir = tmp(name);
    copy_dir(&root().join("tests/courses/small"), &dir);
    let copy = tmp(&format!("{name}-copy"));
    copy_dir(&dir, &copy);
    let files: std::collections::BTreeSet<String> = i18n::course_messages(&dir)
        .unwrap()
        .into_iter()
        .map(|m| m.file)
        .collect();
    for f in files {
        let text = std::fs::read_to_string(copy.join(&f)).unwrap();
        let ms = i18n::file_messages(&f, &text);
        std::fs::write(
            copy.join(&f),
            i18n::apply(&text, &ms, |m| Some(frenchify(&m.text))),
        )
        .unwrap();
    }
    let (ok, out, err) = run(&[
        "translate",
        dir.to_str().unwrap(),
        "--import",
        "fr",
        "--from",
        copy.to_str().unwrap(),
    ]);
    assert!(ok, "{out}{err}");
    assert!(
        out.contains("Français") && out.contains("(100 %), 0 fuzzy"),
        "{out}"
    );
    dir
}

#[test]
fn a_translation_builds_the_course_in_its_language_with_the_sources_structure() {
    let dir = translated_course("builds");
    let pot = std::fs::read_to_string(dir.join("po/messages.pot")).unwrap();
    assert!(
        pot.contains("msgctxt \"risks.md#cold.1\"\nmsgid \"Cold water\""),
        "{pot}"
    );
    assert!(
        !pot.contains("Type: single choice") && !pot.contains("cold-first}"),
        "syntax is never a message"
    );

    let (ok, out, err) = run(&["check", dir.to_str().unwrap(), "--deny-warnings"]);
    assert!(ok, "{out}{err}");
    assert!(
        out.contains("po/fr.po: Français, ")
            && out.contains("translated (100 %), 0 fuzzy, 0 untranslated"),
        "{out}"
    );

    let compiled = i18n::compile_all(&dir).unwrap_or_else(|p| panic!("{p:?}"));
    let [en, fr] = &compiled.courses[..] else {
        panic!("two languages")
    };
    assert_eq!((en.language.as_str(), fr.language.as_str()), ("en", "fr"));
    assert_eq!(fr.title, "FR Water Safety Basics");
    assert_eq!(fr.topics[0].lessons[0].title, "FR Cold water");
    assert!(
        fr.topics[0].lessons[0].html.contains("FR Open water"),
        "{}",
        fr.topics[0].lessons[0].html
    );
    // True or false in French, graded as the source is: same answers, same hashes.
    let tf = fr.topics[0]
        .check
        .iter()
        .find(|q| q.id == "against")
        .unwrap();
    assert_eq!(
        tf.choices
            .iter()
            .map(|c| c.html.as_str())
            .collect::<Vec<_>>(),
        ["Vrai", "Faux"]
    );
    for (a, b) in en
        .topics
        .iter()
        .flat_map(|t| &t.check)
        .zip(fr.topics.iter().flat_map(|t| &t.check))
    {
        assert_eq!((&a.id, &a.hash), (&b.id, &b.hash));
        assert_eq!(
            a.choices.iter().map(|c| c.correct).collect::<Vec<_>>(),
            b.choices.iter().map(|c| c.correct).collect::<Vec<_>>()
        );
    }
    assert_eq!(
        en.content_hash, fr.content_hash,
        "saved progress means the same in both"
    );
    let names: Vec<(&str, &str, &str)> = compiled
        .languages
        .iter()
        .map(|l| (l.tag.as_str(), l.name.as_str(), l.path.as_str()))
        .collect();
    assert_eq!(names, [("en", "English", ""), ("fr", "Français", "fr/")]);
    // The site: French in its own folder, each page in its language with a switch to the
    // same page in the other.
    let out_dir = tmp("builds-site");
    let player = stub_player("i18n");
    let (ok, out, err) = run(&[
        "build",
        dir.to_str().unwrap(),
        "--out",
        out_dir.to_str().unwrap(),
        "--player",
        player.to_str().unwrap(),
    ]);
    assert!(ok, "{out}{err}");
    let read =
        |p: &str| std::fs::read_to_string(out_dir.join(p)).unwrap_or_else(|e| panic!("{p}: {e}"));
    let fr_lesson = read("fr/topics/risks/cold/index.html");
    assert!(
        fr_lesson.contains(r#"<html lang="fr" dir="ltr">"#),
        "{fr_lesson}"
    );
    assert!(fr_lesson.contains(r#"<base href="/fr/">"#));
    assert!(
        fr_lesson.contains("../app-0123456789abcdef/player.js"),
        "the player is shared"
    );
    // The header's switch: each language's home, this one marked; the page's script
    // points the link followed at the same page.
    assert!(
        fr_lesson.contains(r#"<nav class="languages" aria-label="Langue"><ul><li><a href="../" hreflang="en" lang="en">English</a></li><li><a href="../fr/" hreflang="fr" lang="fr" aria-current="true">Français</a></li></ul></nav>"#),
        "{fr_lesson}"
    );
    // The player's words in French: the header, the pager, the page's title.
    assert!(
        fr_lesson.contains(">Glossaire</a>") && fr_lesson.contains("Accueil du cours"),
        "{fr_lesson}"
    );
    let en_home = read("index.html");
    assert!(
        en_home.contains(r#"<a href="fr/" hreflang="fr" lang="fr">Français</a>"#),
        "{en_home}"
    );
    assert!(read("fr/course/course.json").contains("\"language\":\"fr\""));
    assert!(read("fr/certificate/index.html").contains(r#"lang="fr""#));
    let sw = read("sw.js");
    assert!(
        sw.contains(r#"const LANGUAGES = ["fr/"];"#)
            && sw.contains("\"fr/index.html\"")
            && sw.contains("\"fr/course/course.json\""),
        "{sw}"
    );
    assert!(
        !out_dir.join("fr/sw.js").exists() && !out_dir.join("fr/app-0123456789abcdef").exists()
    );
}

#[test]
fn changed_english_makes_its_translation_fuzzy_and_falls_back_until_confirmed() {
    let dir = translated_course("fuzzy");
    let risks = dir.join("risks.md");
    let text = std::fs::read_to_string(&risks).unwrap();
    std::fs::write(
        &risks,
        text.replace("## Currents {#currents}", "## Rip currents {#currents}"),
    )
    .unwrap();
    let (ok, out, err) = run(&["translate", dir.to_str().unwrap()]);
    assert!(ok, "{out}{err}");
    assert!(out.contains("1 fuzzy"), "{out}");
    let po = std::fs::read_to_string(dir.join("po/fr.po")).unwrap();
    assert!(
        po.contains("#, fuzzy") && po.contains("previous source text: Currents"),
        "{po}"
    );
    let compiled = i18n::compile_all(&dir).unwrap_or_else(|p| panic!("{p:?}"));
    let fr = &compiled.courses[1];
    assert_eq!(
        fr.topics[0].lessons[1].title, "Rip currents",
        "the English until a translator confirms"
    );
    assert_eq!(fr.topics[0].lessons[0].title, "FR Cold water");
    // The translator confirms: the flag goes, the translation is used.
    assert!(po.matches("#, fuzzy").count() == 1);
    std::fs::write(dir.join("po/fr.po"), po.replacen("#, fuzzy\n", "", 1)).unwrap();
    let compiled = i18n::compile_all(&dir).unwrap_or_else(|p| panic!("{p:?}"));
    assert_eq!(
        compiled.courses[1].topics[0].lessons[1].title,
        "FR Currents"
    );
}

#[test]
fn a_translation_cannot_change_ids_answers_or_structure() {
    let dir = translated_course("structure");
    let po_path = dir.join("po/fr.po");
    let po = std::fs::read_to_string(&po_path).unwrap();
    // A heading's id is outside its message: a translation bringing its own changes nothing.
    let bad = set_msgstr(&po, "risks.md#cold.1", "FR Cold water {#froid}");
    std::fs::write(&po_path, &bad).unwrap();
    let compiled = i18n::compile_all(&dir).unwrap_or_else(|p| panic!("{p:?}"));
    assert_eq!(compiled.courses[1].topics[0].lessons[0].id, "cold");

    // A paragraph translated into a heading would add a lesson: refused, with the file.
    let bad = set_msgstr(&po, "risks.md#cold.3", "## Extra {#extra}");
    std::fs::write(&po_path, &bad).unwrap();
    let (ok, out, err) = run(&["check", dir.to_str().unwrap()]);
    assert!(!ok, "{out}{err}");
    assert!(
        err.contains("po/fr.po") && err.contains("lessons of topic 'risks' differ from the source: cold, extra, currents instead of cold, currents"),
        "{err}"
    );

    // Line breaks in a translation cannot add an option or a question.
    let bad = set_msgstr(
        &po,
        "risks.md#cold-first.2",
        "FR Float\\n- [x] Swim hard\\n### New? {#new}",
    );
    std::fs::write(&po_path, &bad).unwrap();
    let compiled = i18n::compile_all(&dir).unwrap_or_else(|p| panic!("{p:?}"));
    let q = &compiled.courses[1].topics[0].check[0];
    assert_eq!(q.choices.len(), 3);
    assert!(
        q.choices[0]
            .html
            .contains("FR Float - [x] Swim hard ### New? {#new}"),
        "{}",
        q.choices[0].html
    );

    // An unreadable PO file is a problem with its name, not a crash.
    std::fs::write(&po_path, "msgid \"unterminated\nmsgstr").unwrap();
    let (ok, _, err) = run(&["check", dir.to_str().unwrap()]);
    assert!(!ok && err.contains("po/fr.po"), "{err}");
}

#[test]
fn import_refuses_a_copy_that_is_not_line_for_line() {
    let dir = tmp("import");
    copy_dir(&root().join("tests/courses/small"), &dir);
    let copy = tmp("import-copy");
    copy_dir(&dir, &copy);
    let risks = copy.join("risks.md");
    let text = std::fs::read_to_string(&risks).unwrap();
    std::fs::write(
        &risks,
        text.replace("## Currents {#currents}", "## Courants {#courants}"),
    )
    .unwrap();
    let (ok, out, err) = run(&[
        "translate",
        dir.to_str().unwrap(),
        "--import",
        "fr",
        "--from",
        copy.to_str().unwrap(),
    ]);
    assert!(!ok, "{out}{err}");
    assert!(
        err.contains("risks.md:11: the copy has no text at this place (risks.md#currents.1)"),
        "{err}"
    );
    assert!(!dir.join("po/fr.po").exists(), "nothing written");
}

/// `translate` reads a PO file as strictly as `check`: a broken one is reported at its
/// lines and left as it is for the translator to mend, and the command fails.
#[test]
fn translate_leaves_a_broken_po_file_as_it_is_and_says_where() {
    let dir = tmp("broken-po");
    copy_dir(&root().join("tests/fixtures/po-broken-entry"), &dir);
    let before = std::fs::read_to_string(dir.join("po/fr.po")).unwrap();
    let out = engine(&["translate", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("po/fr.po:11:8: this string has no closing quote")
            && err.contains("po/fr.po:20:1: a msgstr with no msgid before it")
            && err.contains("not brought up to date until these are mended"),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("po/fr.po")).unwrap(),
        before
    );
    std::fs::remove_dir_all(&dir).ok();
}
