//! The compiled course: what the compiler writes and the app reads (`course.json`).
//!
//! Plain data with no behaviour beyond lookups, written with serde and read with `json`. Lesson and question text is HTML that
//! the compiler already rendered and sanitised, so the app never parses Markdown. Everything
//! is addressed by the author's stable ids, never by position.

use crate::{from_json_names, from_json_struct};
use serde::Serialize;

/// Version of the compiled `course.json` layout. The app refuses files of another version.
pub const COMPILED_FORMAT: u32 = 1;

/// The compiled course as the instructor's page reads it (next to its `results.html`): the
/// course without what only learners read (lessons' text, the glossary, the home, the
/// player's words, the questions' options), so that the page downloads a fraction of it.
pub const RESULTS_COURSE_FILE: &str = "results.json";

#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct Course {
    pub format: u32,
    pub id: String,
    pub title: String,
    pub version: String,
    pub language: String,
    pub estimated_minutes: u32,
    pub description: String,
    pub audience: Vec<String>,
    pub objectives: Vec<Objective>,
    pub topics: Vec<Topic>,
    pub assessment: Assessment,
    pub glossary: Vec<GlossaryTerm>,
    /// The rendered resources page, when the course has one.
    pub resources_html: Option<String>,
    /// A hash of the course content: changes whenever anything a learner sees changes.
    pub content_hash: String,
    /// The course home's static part (objectives, topics and their pages, audience), as
    /// HTML rendered by the compiler from the fields above. The app shows it and fills in
    /// each `data-topic-status` element; the build writes it into index.html's loading
    /// shell. Links are relative to the document's base URL. Left out of `content_hash`
    /// (it says nothing new), so a change to its layout never voids saved progress.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub home_html: String,
    /// The course outline beside lessons (topics and their pages), as HTML rendered by the
    /// compiler. The app marks the current page and the lessons read (`data-lesson`).
    /// Left out of `content_hash` like `home_html`.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub outline_html: String,
    /// The player's words in the course's language (`word`, `plural`), from the author
    /// tool's catalogues (`assets/i18n/`): the wasm carries none. One `key\ttext` line per
    /// word, sorted by key (`words_text`): read as one string, it costs the wasm no reader
    /// of its own. Left out of `content_hash`.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub words: String,
}

from_json_struct!(Course { format, id, title, version, language, estimated_minutes, audience, objectives, topics, assessment, resources_html, content_hash } or_default { description, glossary, home_html, outline_html, words });

#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct Objective {
    pub id: String,
    pub text: String,
}

from_json_struct!(Objective { id, text });

#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct Topic {
    pub id: String,
    pub title: String,
    pub minutes: u32,
    /// Text between the topic title and its first lesson, if any.
    pub intro_html: String,
    pub lessons: Vec<Lesson>,
    /// The topic's knowledge check (empty when it has none).
    pub check: Vec<Question>,
}

from_json_struct!(Topic { id, title, minutes, lessons } or_default { intro_html, check });

#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct Lesson {
    pub id: String,
    pub title: String,
    pub html: String,
    /// Source names from the lesson's `Sources:` line.
    pub sources: Vec<String>,
    /// Words of prose, for reading-time estimates and content budgets.
    pub words: u32,
}

from_json_struct!(Lesson { id, title, html, words } or_default { sources });

#[derive(Serialize, Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[serde(rename_all = "kebab-case")]
pub enum QuestionKind {
    SingleChoice,
    MultipleResponse,
    TrueFalse,
    Matching,
}

from_json_names!(QuestionKind, "\"single-choice\", \"multiple-response\", \"true-false\" or \"matching\"" {
    "single-choice" => SingleChoice,
    "multiple-response" => MultipleResponse,
    "true-false" => TrueFalse,
    "matching" => Matching,
});

impl QuestionKind {
    /// The words an author writes after `Type:`.
    pub const AUTHOR_NAMES: [(&'static str, QuestionKind); 4] = [
        ("single choice", QuestionKind::SingleChoice),
        ("multiple response", QuestionKind::MultipleResponse),
        ("true or false", QuestionKind::TrueFalse),
        ("matching", QuestionKind::Matching),
    ];

    pub fn from_author_name(name: &str) -> Option<QuestionKind> {
        let name = name.trim().to_ascii_lowercase();
        Self::AUTHOR_NAMES
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, k)| *k)
    }

    pub fn author_name(self) -> &'static str {
        Self::AUTHOR_NAMES
            .iter()
            .find(|(_, k)| *k == self)
            .map(|(n, _)| *n)
            .unwrap_or("single choice")
    }
}

#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct Question {
    pub id: String,
    pub objective: String,
    pub kind: QuestionKind,
    /// The question itself (inline HTML, from the `###` heading). This and the other words
    /// of a question travel in `feedback.json` (`feedback::split`): empty until attached.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub prompt_html: String,
    /// Optional further text under the heading (block HTML).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub body_html: String,
    /// Options of a choice question (single, multiple, true/false); empty for matching.
    pub choices: Vec<Choice>,
    /// Pairs of a matching question; empty otherwise.
    pub pairs: Vec<Pair>,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub explanation_html: String,
    /// A hash of what answers mean (type, options, correctness, pairs): saved answers made
    /// against another hash no longer apply after an edit.
    pub hash: String,
    /// The author pinned the options' order (`Order: fixed`): a knowledge check shows them
    /// as written instead of shuffled per learner. Not part of `hash`: it changes no answer.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub fixed_order: bool,
}

from_json_struct!(Question { id, objective, kind } or_default { prompt_html, body_html, choices, pairs, explanation_html, hash, fixed_order });

#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct Choice {
    #[serde(skip_serializing_if = "String::is_empty")]
    pub html: String,
    pub correct: bool,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub feedback_html: String,
}

// Its words travel in `feedback.json` (`feedback::split`): empty until attached.
from_json_struct!(Choice { correct } or_default { html, feedback_html });

#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct Pair {
    #[serde(skip_serializing_if = "String::is_empty")]
    pub item_html: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub match_html: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub feedback_html: String,
}

// Its words travel in `feedback.json`: empty until attached.
from_json_struct!(Pair {} or_default { item_html, match_html, feedback_html });

#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct Assessment {
    /// The topic at whose end the assessment appears.
    pub topic: String,
    pub pass_mark: u32,
    pub attempts: u32,
    pub questions_per_attempt: u32,
    /// Topics that must be done before the assessment opens.
    pub requires: Vec<String>,
    pub bank: Vec<Question>,
}

from_json_struct!(Assessment {
    topic,
    pass_mark,
    attempts,
    questions_per_attempt,
    requires,
    bank
});

#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct GlossaryTerm {
    pub id: String,
    pub term: String,
    pub definition_html: String,
}

from_json_struct!(GlossaryTerm {
    id,
    term,
    definition_html
});

impl Course {
    pub fn topic(&self, id: &str) -> Option<&Topic> {
        self.topics.iter().find(|t| t.id == id)
    }

    /// The lesson and its topic, by ids.
    pub fn lesson(&self, topic: &str, lesson: &str) -> Option<(&Topic, &Lesson)> {
        let t = self.topic(topic)?;
        t.lessons.iter().find(|l| l.id == lesson).map(|l| (t, l))
    }

    /// Every lesson in reading order, with its topic.
    pub fn lessons_in_order(&self) -> impl Iterator<Item = (&Topic, &Lesson)> {
        self.topics
            .iter()
            .flat_map(|t| t.lessons.iter().map(move |l| (t, l)))
    }

    /// An assessment question by id.
    pub fn bank_question(&self, id: &str) -> Option<&Question> {
        self.assessment.bank.iter().find(|q| q.id == id)
    }

    /// A knowledge-check question of any topic, by id.
    pub fn check_question(&self, id: &str) -> Option<&Question> {
        self.topics
            .iter()
            .flat_map(|t| t.check.iter())
            .find(|q| q.id == id)
    }

    /// `Question::hash` of each of these assessment questions, by id.
    pub fn bank_hashes(&self, ids: &[String]) -> crate::idmap::IdMap<String> {
        let mut hashes = crate::idmap::IdMap::new();
        for id in ids {
            if let Some(q) = self.bank_question(id) {
                hashes.insert(id.clone(), q.hash.clone());
            }
        }
        hashes
    }

    pub fn total_words(&self) -> u32 {
        self.lessons_in_order().map(|(_, l)| l.words).sum()
    }
}

/// FNV-1a (64 bits) of some bytes: a small, stable, dependency-free hash for change
/// detection and seeding. Not for security.
pub fn fnv1a64(bytes: impl IntoIterator<Item = u8>) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= b as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

impl Question {
    /// The hash of what the question's answers mean; see `Question::hash`.
    pub fn answer_hash(&self) -> String {
        let meaning = serde_json::json!([
            self.kind,
            self.choices
                .iter()
                .map(|c| (&c.html, c.correct))
                .collect::<Vec<_>>(),
            self.pairs
                .iter()
                .map(|p| (&p.item_html, &p.match_html))
                .collect::<Vec<_>>()
        ]);
        format!("{:016x}", fnv1a64(meaning.to_string().into_bytes()))
    }
}

impl Course {
    /// The player's word for `key` in the course's language (the key itself for a course
    /// compiled without words, which the tests' fixtures are).
    #[inline(never)]
    pub fn word<'a>(&'a self, key: &'a str) -> &'a str {
        self.find_word(key).unwrap_or(key)
    }

    fn find_word(&self, key: &str) -> Option<&str> {
        find_word(&self.words, key)
    }

    /// The form of the word `key` for a number in the plural `category` (CLDR: zero, one,
    /// two, few, many, other; the browser's `Intl.PluralRules` says which), else its
    /// `other` form.
    #[inline(never)]
    pub fn plural(&self, key: &str, category: &str) -> &str {
        find_plural(&self.words, key, category).unwrap_or("")
    }

    /// The form of the word `key` for `n` by the core's plural rules for the course's
    /// language (`plural_category`), with `{count}` filled in: for pages written without
    /// a browser (the compiled home, the print page).
    pub fn count_word(&self, key: &str, n: u64) -> String {
        let form = self.plural(key, plural_category(&self.language, n));
        fill(form, &[("count", &n.to_string())])
    }
}

/// The text of `key` in words kept as `Course::words` keeps them.
#[inline(never)]
pub fn find_word<'a>(words: &'a str, key: &str) -> Option<&'a str> {
    words.lines().find_map(|line| {
        line.strip_prefix(key)
            .and_then(|rest| rest.strip_prefix('\t'))
    })
}

/// The CLDR plural category of a whole number `n` in `language`, for the pages rendered
/// without a browser (the player in a browser asks `Intl.PluralRules`, which knows every
/// language). Exact for whole numbers in English, French, Spanish, Portuguese, German,
/// Italian, Arabic and the languages without plural forms (French, Spanish, Portuguese and
/// Italian have `many` for exact millions: "1 000 000 de minutes"); others get `one` for 1
/// and `other` else.
pub fn plural_category(language: &str, n: u64) -> &'static str {
    let primary = language
        .split(['-', '_'])
        .next()
        .unwrap_or(language)
        .to_ascii_lowercase();
    match primary.as_str() {
        "ar" => match (n, n % 100) {
            (0, _) => "zero",
            (1, _) => "one",
            (2, _) => "two",
            (_, 3..=10) => "few",
            (_, 11..=99) => "many",
            _ => "other",
        },
        "fr" | "pt" if n <= 1 => "one",
        "fr" | "pt" | "es" | "it" if n > 0 && n.is_multiple_of(1_000_000) => "many",
        "ja" | "zh" | "ko" | "vi" | "th" | "id" | "ms" => "other",
        _ if n == 1 => "one",
        _ => "other",
    }
}

/// The form of the plural word `key` for the plural `category` (`key.<category>`), else
/// its `other` form, in words kept as `Course::words` keeps them.
pub fn find_plural<'a>(words: &'a str, key: &str, category: &str) -> Option<&'a str> {
    find_word(words, &format!("{key}.{category}"))
        .or_else(|| find_word(words, &format!("{key}.other")))
}

/// Words (`key`, text) as `Course::words` keeps them: a `key\ttext` line each (a tab or
/// a line break in a text becomes a space).
pub fn words_text<'a>(words: impl IntoIterator<Item = (&'a String, &'a String)>) -> String {
    let mut out = String::new();
    for (key, text) in words {
        out.push_str(key);
        out.push('\t');
        out.extend(
            text.chars()
                .map(|c| if c == '\t' || c == '\n' { ' ' } else { c }),
        );
        out.push('\n');
    }
    out
}

/// `text` with each `{name}` replaced by its value (a name without a value stays as it is).
/// (A scan, not `format!` and `str::replace`: smaller in the wasm.)
#[inline(never)]
pub fn fill(text: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after.find('}').and_then(|close| {
            let name = &after[..close];
            values
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| (*v, close))
        });
        match value {
            Some((v, close)) => {
                out.push_str(v);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod words_tests {
    use super::*;

    #[test]
    fn words_are_found_by_whole_key_and_filled_in() {
        let words = words_text(
            [
                ("next".to_string(), "Suivant".to_string()),
                ("next_page".to_string(), "Page\tsuivante".to_string()),
            ]
            .iter()
            .map(|(k, v)| (k, v)),
        );
        assert_eq!(find_word(&words, "next"), Some("Suivant"));
        assert_eq!(find_word(&words, "next_page"), Some("Page suivante"));
        assert_eq!(find_word(&words, "nex"), None);
        assert_eq!(
            fill("{a} de {b}, {a} {c} {", &[("a", "1"), ("b", "2")]),
            "1 de 2, 1 {c} {"
        );
    }
}
