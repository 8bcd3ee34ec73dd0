//! The player's words in each language: the catalogues in `assets/i18n/` (embedded at build
//! time, `build.rs`), merged over English and put into the compiled course
//! (`Course::words`), so that the wasm carries none of them.

use course_core::idmap::IdMap;

include!(concat!(env!("OUT_DIR"), "/catalogues.rs"));

/// The CLDR plural categories a word may have forms for.
pub const CATEGORIES: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

/// A catalogue's words: `key` -> text, and a plural word's forms as `key.one`, `key.other`.
pub fn parse(text: &str) -> Result<Vec<(String, String)>, String> {
    let doc = text
        .parse::<toml_edit::Document<String>>()
        .map_err(|e| e.to_string())?;
    let mut out = Vec::new();
    for (key, item) in doc.as_table().iter() {
        if let Some(s) = item.as_str() {
            out.push((key.to_string(), s.to_string()));
        } else if let Some(forms) = item.as_inline_table() {
            if !forms.contains_key("other") {
                return Err(format!("'{key}' has no 'other' form"));
            }
            for (category, form) in forms.iter() {
                if !CATEGORIES.contains(&category) {
                    return Err(format!(
                        "'{key}': '{category}' is not a plural category ({})",
                        CATEGORIES.join(", ")
                    ));
                }
                let form = form
                    .as_str()
                    .ok_or_else(|| format!("'{key}.{category}' is not text"))?;
                out.push((format!("{key}.{category}"), form.to_string()));
            }
        } else {
            return Err(format!(
                "'{key}' is neither text nor a table of plural forms"
            ));
        }
    }
    Ok(out)
}

fn catalogue(tag: &str) -> Option<&'static str> {
    CATALOGUES
        .iter()
        .find(|(t, _)| t.eq_ignore_ascii_case(tag))
        .map(|(_, text)| *text)
}

/// The words for a course in `language`: English, overlaid with the language's primary
/// subtag's catalogue (`pt`), then its own (`pt-BR`). A plural word of the language replaces
/// all of English's forms (the languages' categories differ).
pub fn for_language(language: &str) -> IdMap<String> {
    let mut words = IdMap::new();
    let primary = language.split(['-', '_']).next().unwrap_or(language);
    let mut layers = vec!["en"];
    if !primary.eq_ignore_ascii_case("en") {
        layers.push(primary);
    }
    if !language.eq_ignore_ascii_case(primary) {
        layers.push(language);
    }
    for tag in layers {
        let Some(text) = catalogue(tag) else { continue };
        let Ok(entries) = parse(text) else { continue };
        // A plural word's forms come whole from one layer.
        for (key, _) in &entries {
            if let Some((word, _)) = key.split_once('.') {
                let forms = format!("{word}.");
                words.retain(|k, _| !k.starts_with(&forms));
            }
        }
        for (key, text) in entries {
            words.insert(key, text);
        }
    }
    words
}

pub use course_core::model::fill;

/// The words only the pages in chunks use (knowledge-check questions, the final assessment,
/// the certificate): `course_files` moves them into `feedback.json`, which those pages
/// fetch, so that the first page's download does not carry them.
pub const CHUNK_WORDS: &[&str] = &[
    "check_intro",
    "submit_answer",
    "choose_one",
    "choose_all",
    "true_or_false",
    "choose_matches",
    "choose_a_match",
    "choose_match_first",
    "choose_answer_first",
    "mark_right",
    "mark_wrong",
    "mark_missed",
    "verdict_right",
    "verdict_wrong",
    "question_number",
    "assessment_rules",
    "assessment_locked",
    "attempts_total",
    "attempts_left",
    "assessment_passed",
    "out_of_attempts",
    "out_of_attempts_text",
    "start_new_attempt",
    "start_assessment",
    "answer_every_question",
    "attempt_of",
    "submit_assessment",
    "passed",
    "not_passed",
    "score_line",
    "your_result",
    "review_answers",
    "name_missing",
    "name_too_long",
    "finish_topic",
    "pass_assessment",
    "certificate_pending",
    "your_certificate",
    "congratulations",
    "name_label",
    "show_certificate",
    "certificate_of_completion",
    "has_completed",
    "duration",
    "completed_on",
    "assessment_score",
    "percent",
    "completion_id",
    "print_certificate",
    "correct_name",
    "restored",
    "learner_missing",
    "progress_intro",
    "not_saved_now",
    "send_results",
    "send_results_text",
    "learner_label",
    "download_record_json",
    "download_record_csv",
    "back_it_up",
    "back_it_up_text",
    "download_backup",
    "restore_it",
    "restore_it_text",
    "restore_label",
    "nothing_restored",
    "unreadable_record",
    "unreadable_record_text",
    "download_unreadable",
    "lrs_waiting",
    "lrs_refused",
    "lrs_unusable",
];

/// The beginnings of more words only the pages in chunks use: why a backup file was
/// refused, and what is wrong with a field (the progress page's; the instructor's page
/// carries the field's words too, `FIELD_WORD_PREFIXES`).
const CHUNK_WORD_PREFIXES: &[&str] = &["restore_refused_", "field_problem", "expected_"];

/// The words that say what is wrong with a field of a completion record
/// (`json::Problem::worded_briefly`; not those of a progress record's answers).
const FIELD_WORD_PREFIXES: &[&str] = &[
    "field_problem",
    "expected_text",
    "expected_number",
    "expected_whole",
    "expected_boolean",
    "expected_list",
    "expected_object",
];

/// The words a page carries itself, in a `<meta name="engine-words">` the author tool
/// writes (`page_words`): what the app says when the course cannot be loaded (then it has
/// no course, so no words from it), and when saving or the learning platform goes wrong
/// (rare: the course's own download need not carry them). The instructor's page carries
/// its own (`results_…`) too.
pub const PAGE_WORDS: &[&str] = &[
    "load_failed_title",
    "load_failed_reason",
    "load_failed_help",
    "load_failed_reload",
    "storage_not_saved",
    "download_your_progress",
    "dismiss",
    "storage_unavailable",
    "storage_full",
    "storage_refused",
    "storage_unreadable",
    "saved_newer",
    "saved_unreadable_kept",
    "saved_unreadable",
    "lms_unreachable",
    "lms_unusable",
    "lms_refused",
];

/// The words only the author tool uses, in what it writes into the pages (the header, the
/// page's script, the compiled home and outline, the loading lines, a diagram's text
/// version in a lesson, the search dialog): the compiled course does not carry them. (A
/// test checks that the apps never ask for one.)
pub const TEMPLATE_WORDS: &[&str] = &[
    "skip_to_content",
    "nav_course",
    "nav_home",
    "nav_glossary",
    "nav_resources",
    "nav_language",
    "loading_course",
    "needs_javascript",
    "objectives_heading",
    "topics_heading",
    "audience_heading",
    "loading_questions",
    "update_ready",
    "reload_to_update",
    "lrs_identify_title",
    "lrs_identify_text",
    "lrs_identify_name",
    "lrs_identify_id",
    "lrs_identify_save",
    "nav_print",
    "diagram_text_version",
    "search",
    "search_title",
    "search_close",
    "search_hint",
    "search_results",
    "search_none",
    "search_loading",
    "search_failed",
];

/// The words of the print page (`print.html`, written by the author tool from
/// `course_player::print`): neither the app nor the compiled course carries them.
pub const PRINT_WORDS: &[&str] = &[
    "print_title",
    "print_course",
    "print_back",
    "print_hint",
    "print_with_key",
    "answer_key",
    "print_with_mine",
    "print_my_answer",
    "print_my_score",
    "print_no_answers",
];

/// The words of the instructor's page besides its own `results_…`.
const RESULTS_SHARED_WORDS: &[&str] = &["skip_to_content", "nav_course", "nav_home"];

/// Whether a word is carried by the pages (`page_words`, `TEMPLATE_WORDS`) rather than by
/// the course.
fn page_only(word: &str) -> bool {
    word.starts_with("results_")
        || PAGE_WORDS.contains(&word)
        || TEMPLATE_WORDS.contains(&word)
        || PRINT_WORDS.contains(&word)
}

/// Which of the words kept as `Course::words` keeps them the compiled course carries,
/// split into those every page needs and those only the pages in chunks use
/// (`CHUNK_WORDS`, with their plural forms). The pages' own words (`page_words`) are in
/// neither.
pub fn split_chunk_words(words: &str) -> (String, String) {
    let (mut first, mut later) = (String::new(), String::new());
    for line in words.lines() {
        let key = line.split('\t').next().unwrap_or("");
        let word = key.split('.').next().unwrap_or(key);
        let out = if page_only(word) {
            continue;
        } else if CHUNK_WORDS.contains(&word)
            || CHUNK_WORD_PREFIXES.iter().any(|p| word.starts_with(p))
        {
            &mut later
        } else {
            &mut first
        };
        out.push_str(line);
        out.push('\n');
    }
    (first, later)
}

/// The words a page carries (kept as `Course::words` keeps them): the learner's page
/// `PAGE_WORDS`; the instructor's page (`results`) its own, and those for a course that
/// cannot be loaded.
pub fn page_words(words: &str, results: bool) -> String {
    let mut out = String::new();
    for line in words.lines() {
        let key = line.split('\t').next().unwrap_or("");
        let word = key.split('.').next().unwrap_or(key);
        let keep = if results {
            word.starts_with("results_")
                || word.starts_with("load_failed_")
                || RESULTS_SHARED_WORDS.contains(&word)
                || FIELD_WORD_PREFIXES.iter().any(|p| word.starts_with(p))
        } else {
            PAGE_WORDS.contains(&word)
        };
        if keep {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

pub use course_core::model::plural_category as category;

/// The `{name}` placeholders of a text.
pub fn placeholders(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else {
            break;
        };
        out.push(&rest[open + 1..open + close]);
        rest = &rest[open + close + 1..];
    }
    out.sort_unstable();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A word without plural forms (`key` itself, not `key.<category>`).
    fn find_word_exact<'a>(words: &'a str, key: &str) -> Option<&'a str> {
        course_core::model::find_word(words, key)
    }

    #[test]
    fn every_catalogue_reads_and_has_only_englishs_words_and_placeholders() {
        let english: Vec<(String, String)> = parse(catalogue("en").unwrap()).unwrap();
        let base = |key: &str| key.split('.').next().unwrap().to_string();
        assert!(CATALOGUES.len() >= 4, "en, fr, es, ar at least");
        for (tag, text) in CATALOGUES {
            let words = parse(text).unwrap_or_else(|e| panic!("{tag}: {e}"));
            for (key, t) in &words {
                let en = english
                    .iter()
                    .find(|(k, _)| base(k) == base(key))
                    .unwrap_or_else(|| {
                        panic!("{tag}: '{key}' is not a word of the English catalogue")
                    });
                for p in placeholders(t) {
                    assert!(
                        english
                            .iter()
                            .filter(|(k, _)| base(k) == base(key))
                            .any(|(_, e)| placeholders(e).contains(&p)),
                        "{tag}: '{key}' has {{{p}}}, which English's '{}' does not",
                        en.0
                    );
                }
            }
            // Every word of English is in every shipped language.
            for (key, _) in &english {
                assert!(
                    words.iter().any(|(k, _)| base(k) == base(key)),
                    "{tag} lacks '{}'",
                    base(key)
                );
            }
        }
    }

    #[test]
    fn a_language_falls_back_to_english_and_keeps_its_own_plural_forms() {
        let fr = for_language("fr-CA");
        assert_eq!(
            fr.get("nav_glossary").map(String::as_str),
            Some("Glossaire")
        );
        let xx = for_language("xx");
        assert_eq!(xx.get("nav_glossary").map(String::as_str), Some("Glossary"));
        let ar = for_language("ar");
        for c in CATEGORIES {
            assert!(
                ar.get(&format!("check_intro.{c}")).is_some(),
                "Arabic has six forms: {c}"
            );
        }
        let en = for_language("en");
        assert!(en.get("check_intro.few").is_none() && en.get("check_intro.one").is_some());
    }

    #[test]
    fn arabic_counts_take_their_six_forms() {
        let got: Vec<&str> = [0, 1, 2, 3, 11, 100, 102, 111]
            .iter()
            .map(|&n| category("ar", n))
            .collect();
        assert_eq!(
            got,
            ["zero", "one", "two", "few", "many", "other", "other", "many"]
        );
        assert_eq!(
            [
                category("fr", 0),
                category("fr", 2),
                category("en", 0),
                category("es-419", 1)
            ],
            ["one", "other", "other", "one"]
        );
        // Exact millions take `many` in French and Spanish ("1 000 000 de minutes").
        assert_eq!(
            [
                category("fr", 1_000_000),
                category("es", 3_000_000),
                category("es", 1_000_001),
                category("es", 0),
                category("en", 1_000_000)
            ],
            ["many", "many", "other", "other", "other"]
        );
    }

    /// The words that count something agree with the count, in every language. (The LRS
    /// reporter's and the instructor page's counted words, `lrs_refused` and
    /// `results_chart_scores`, are worded "label: {count}" instead: those bundles have no
    /// plural rules, and no room for them under their ceilings.)
    #[test]
    fn every_counted_word_has_its_forms_in_every_language() {
        use course_core::model::{fill, find_plural};
        for key in [
            "about_minutes",
            "minutes",
            "out_of_attempts",
            "check_intro",
            "attempts_total",
            "attempts_left",
            "search_results",
        ] {
            for (tag, _) in CATALOGUES {
                let words = course_core::model::words_text(&for_language(tag));
                assert!(
                    find_word_exact(&words, key).is_none(),
                    "{tag}: '{key}' counts and needs plural forms"
                );
                assert!(find_plural(&words, key, "other").is_some(), "{tag}: {key}");
            }
        }
        let say = |tag: &str, key: &str, n: u64| {
            let words = course_core::model::words_text(&for_language(tag));
            fill(
                find_plural(&words, key, category(tag, n)).unwrap(),
                &[("count", &n.to_string()), ("pass_mark", "70")],
            )
        };
        assert_eq!(say("en", "minutes", 1), "1 minute");
        assert_eq!(say("en", "about_minutes", 45), "About 45 minutes");
        assert_eq!(say("fr", "minutes", 1_000_000), "1000000 de minutes");
        assert_eq!(say("ar", "minutes", 5), "5 دقائق");
        assert_eq!(say("ar", "about_minutes", 45), "نحو 45 دقيقة");
        assert!(say("en", "out_of_attempts", 1).contains("your only attempt"));
        assert!(say("es", "out_of_attempts", 3).contains("sus 3 intentos"));
    }

    #[test]
    fn the_pages_own_words_leave_the_course_and_go_where_they_are_shown() {
        let words = course_core::model::words_text(&for_language("fr"));
        let (first, later) = split_chunk_words(&words);
        let keys = |text: &str| -> Vec<String> {
            text.lines()
                .map(|l| l.split('\t').next().unwrap().to_string())
                .collect()
        };
        let (first, later) = (keys(&first), keys(&later));
        assert!(first.contains(&"glossary".to_string()));
        assert!(
            !first.contains(&"nav_glossary".to_string()),
            "the header's words are the page's"
        );
        assert!(later.contains(&"submit_answer".to_string()));
        for k in first.iter().chain(&later) {
            assert!(
                !k.starts_with("results_") && !k.starts_with("load_failed_"),
                "{k} travels in the pages, not the course"
            );
        }
        let mut learner = keys(&page_words(&words, false));
        // Every page word is in the catalogues (a missing one would show as its key).
        assert_eq!(learner.len(), PAGE_WORDS.len());
        learner.sort();
        let mut expected = PAGE_WORDS.to_vec();
        expected.sort();
        assert_eq!(learner, expected);
        let results = page_words(&words, true);
        assert!(results.contains("results_title\tRésultats pour les formateurs\n"));
        assert!(results.contains("skip_to_content\tAller au contenu\n"));
        assert!(results.contains("load_failed_reload\tRecharger\n"));
        assert!(!results.contains("nav_glossary") && !results.contains("storage_full"));
    }

    #[test]
    fn the_apps_never_ask_for_a_word_the_course_does_not_carry() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let mut sources = String::new();
        for dir in ["crates/player/src", "crates/web/src", "crates/core/src"] {
            for entry in std::fs::read_dir(root.join(dir)).unwrap().flatten() {
                // The print page is the author tool's alone (never in the wasm).
                if entry.file_name() == "print.rs" {
                    continue;
                }
                sources.push_str(&std::fs::read_to_string(entry.path()).unwrap());
            }
        }
        for word in TEMPLATE_WORDS {
            assert!(
                !sources.contains(&format!("\"{word}\"")),
                "the app asks for '{word}': take it out of TEMPLATE_WORDS, or the learner sees its key"
            );
        }
        // The instructor's page's words are in its own page only.
        let player = std::fs::read_dir(root.join("crates/player/src"))
            .unwrap()
            .flatten()
            .map(|e| std::fs::read_to_string(e.path()).unwrap())
            .collect::<String>();
        assert!(
            !player.contains("\"results_"),
            "the learner's player asks for one of the instructor's page's words"
        );
        // And the template words are real words (a typo would leave a word in the course).
        let english = for_language("en");
        for word in TEMPLATE_WORDS.iter().chain(PAGE_WORDS).chain(PRINT_WORDS) {
            assert!(
                english.get(word).is_some() || english.get(&format!("{word}.other")).is_some(),
                "'{word}' is not in the catalogue"
            );
        }
    }

    #[test]
    fn placeholders_are_found() {
        assert_eq!(
            placeholders("{count} of {total}, {count}"),
            ["count", "total"]
        );
    }
}
