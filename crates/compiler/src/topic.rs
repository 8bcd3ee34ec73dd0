//! Topic files: lessons, knowledge checks and assessment questions, parsed from text.
//!
//! A line scanner finds the structure (`#` title, `##` lessons and question sections,
//! `###` questions); pulldown-cmark renders the prose in between. Takes text, never paths,
//! and reports every problem with its line and column instead of stopping.

use super::manifest::{invalid_id_message, is_valid_id};
use super::markdown::{render_block, render_inline, render_lesson, Folder, TermIndex};
use crate::diagnostics::{FileDiagnostics, Place};
use crate::model::{Choice, GlossaryTerm, Lesson, Pair, Question, QuestionKind};

/// The reserved lesson titles that start question sections.
pub const KNOWLEDGE_CHECK: &str = "Knowledge check";
pub const ASSESSMENT_QUESTIONS: &str = "Assessment questions";

/// What a topic file needs to know about the rest of the course.
pub struct TopicContext<'a> {
    pub objectives: &'a [String],
    /// The course's language (its manifest's BCP 47 tag): a true-or-false question's two
    /// options may be written in it (`true_false_labels`).
    pub language: &'a str,
    pub folder: &'a Folder<'a>,
    /// Glossary terms to give inline definitions in lessons.
    pub terms: &'a TermIndex,
}

#[derive(Debug, Default)]
pub struct ParsedTopic {
    pub title: String,
    pub intro_html: String,
    pub lessons: Vec<Lesson>,
    pub check: Vec<Question>,
    pub bank: Vec<Question>,
    /// Lesson and question ids this file defines, with where, for course-wide duplicate checks.
    pub lesson_ids: Vec<(String, Place)>,
    pub question_ids: Vec<(String, Place)>,
}

/// One line of the source, with its byte offset.
#[derive(Clone, Copy)]
struct Line<'t> {
    start: usize,
    text: &'t str,
    /// Inside a fenced code block: never structure.
    fenced: bool,
}

impl Line<'_> {
    fn end(&self) -> usize {
        self.start + self.text.len()
    }
    fn is_blank(&self) -> bool {
        self.text.trim().is_empty()
    }
    fn heading(&self) -> Option<(usize, &str, usize)> {
        if self.fenced {
            return None;
        }
        heading(self.text).map(|(level, content, at)| (level, content, self.start + at))
    }
}

fn lines(text: &str) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut fence: Option<&str> = None;
    for raw in text.split_inclusive('\n') {
        let line = raw.trim_end_matches(['\n', '\r']);
        let trimmed = line.trim_start();
        let marker = if trimmed.starts_with("```") {
            Some("```")
        } else if trimmed.starts_with("~~~") {
            Some("~~~")
        } else {
            None
        };
        let fenced = fence.is_some() || marker.is_some();
        match (fence, marker) {
            (None, Some(m)) => fence = Some(m),
            (Some(f), Some(m)) if f == m => fence = None,
            _ => {}
        }
        out.push(Line {
            start,
            text: line,
            fenced,
        });
        start += raw.len();
    }
    out
}

/// `## Title {#id}` -> (2, "Title {#id}", offset of the content in the line).
fn heading(line: &str) -> Option<(usize, &str, usize)> {
    let level = line.bytes().take_while(|&b| b == b'#').count();
    if !(1..=6).contains(&level) {
        return None;
    }
    let rest = &line[level..];
    if !(rest.is_empty() || rest.starts_with(' ') || rest.starts_with('\t')) {
        return None;
    }
    let content = rest.trim_start();
    let at = line.len() - content.len();
    Some((
        level,
        content.trim_end().trim_end_matches('#').trim_end(),
        at,
    ))
}

/// Splits `Title {#id}` into the title and the id with its offset in `content`.
pub fn split_id(content: &str) -> (&str, Option<(&str, usize)>) {
    if let Some(open) = content.rfind("{#") {
        if content.ends_with('}') {
            let id = &content[open + 2..content.len() - 1];
            return (content[..open].trim_end(), Some((id.trim(), open + 2)));
        }
    }
    (content, None)
}

/// A heading's text as an id: lower-case words joined by hyphens.
pub fn slug(title: &str) -> String {
    let mut out = String::new();
    for c in title.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

fn place(diags: &FileDiagnostics, offset: usize) -> Place {
    let (line, col) = diags.position(offset);
    Place {
        file: diags.file().to_string(),
        line,
        col,
    }
}

/// Parses one topic file.
pub fn parse_topic(text: &str, ctx: &TopicContext, diags: &mut FileDiagnostics) -> ParsedTopic {
    let all = lines(text);
    let mut topic = ParsedTopic::default();

    let Some(title_idx) = all
        .iter()
        .position(|l| matches!(l.heading(), Some((1, _, _))))
    else {
        diags.at(0, "topic file has no title; start it with a '# Title' line");
        return topic;
    };
    if let Some(stray) = all[..title_idx].iter().find(|l| !l.is_blank()) {
        diags.at(
            stray.start,
            "text before the topic title; a topic file starts with its '# Title' line",
        );
    }
    topic.title = all[title_idx]
        .heading()
        .map(|(_, c, _)| c.to_string())
        .unwrap_or_default();

    // Sections start at `##` headings; a second `#` is reported and treated as a lesson.
    let mut starts: Vec<usize> = Vec::new();
    for (i, l) in all.iter().enumerate().skip(title_idx + 1) {
        match l.heading() {
            Some((1, _, at)) => {
                diags.at(
                    at - 2,
                    "a topic file has one '#' title; start lessons with '##'",
                );
                starts.push(i);
            }
            Some((2, _, _)) => starts.push(i),
            _ => {}
        }
    }
    let intro_end = starts.first().copied().unwrap_or(all.len());
    let intro = &all[title_idx + 1..intro_end];
    if intro.iter().any(|l| !l.is_blank()) {
        let (from, to) = (intro[0].start, intro[intro.len() - 1].end());
        topic.intro_html = render_block(&text[from..to], from, ctx.folder, diags).html;
    }

    let mut seen_check = false;
    for (n, &s) in starts.iter().enumerate() {
        let end = starts.get(n + 1).copied().unwrap_or(all.len());
        let head = all[s];
        let (_, content, content_at) = head.heading().unwrap_or((2, "", 0));
        let (title, _) = split_id(content);
        let body = &all[s + 1..end];
        if title.eq_ignore_ascii_case(KNOWLEDGE_CHECK)
            || title.eq_ignore_ascii_case(ASSESSMENT_QUESTIONS)
        {
            let is_check = title.eq_ignore_ascii_case(KNOWLEDGE_CHECK);
            if is_check {
                if seen_check {
                    diags.at(content_at, "a topic has one Knowledge check; put all its questions under the first one");
                }
                seen_check = true;
            }
            let questions = parse_questions(text, body, ctx, diags, &mut topic.question_ids, title);
            if is_check {
                topic.check.extend(questions);
            } else {
                topic.bank.extend(questions);
            }
        } else if let Some(lesson) =
            parse_lesson(text, head, body, ctx, diags, &mut topic.lesson_ids)
        {
            topic.lessons.push(lesson);
        }
    }
    if topic.lessons.is_empty() {
        diags.at(
            all[title_idx].start,
            "topic has no lessons; start each lesson with a '## Lesson title' line",
        );
    }
    topic
}

fn heading_id(
    head: Line,
    what: &str,
    diags: &mut FileDiagnostics,
    ids: &mut Vec<(String, Place)>,
) -> (String, String) {
    let (_, content, at) = head.heading().unwrap_or((2, "", head.start));
    let (title, id) = split_id(content);
    let id = match id {
        Some((id, id_at)) => {
            if !is_valid_id(id) {
                diags.at(at + id_at, invalid_id_message(what, id));
            }
            ids.push((id.to_string(), place(diags, at + id_at)));
            id.to_string()
        }
        None => {
            let id = slug(title);
            ids.push((id.clone(), place(diags, at)));
            id
        }
    };
    (id, title.to_string())
}

fn parse_lesson(
    text: &str,
    head: Line,
    body: &[Line],
    ctx: &TopicContext,
    diags: &mut FileDiagnostics,
    ids: &mut Vec<(String, Place)>,
) -> Option<Lesson> {
    let (id, title) = heading_id(head, "lesson", diags, ids);
    let mut sources = Vec::new();
    let mut html = String::new();
    let mut words = 0;
    // Render the prose around the `Sources:` line, which becomes data instead.
    let mut chunk: Vec<Line> = Vec::new();
    let mut used_terms = std::collections::HashSet::new();
    let mut flush =
        |chunk: &mut Vec<Line>, html: &mut String, words: &mut u32, diags: &mut FileDiagnostics| {
            if chunk.iter().any(|l| !l.is_blank()) {
                let (from, to) = (chunk[0].start, chunk[chunk.len() - 1].end());
                let r = render_lesson(
                    &text[from..to],
                    from,
                    ctx.folder,
                    ctx.terms,
                    &mut used_terms,
                    &id,
                    diags,
                );
                html.push_str(&r.html);
                *words += r.words;
            }
            chunk.clear();
        };
    for l in body {
        match l.text.strip_prefix("Sources:").filter(|_| !l.fenced) {
            Some(list) => {
                flush(&mut chunk, &mut html, &mut words, diags);
                sources.extend(
                    split_sources(list)
                        .into_iter()
                        .map(|s| s.trim().trim_end_matches('.').to_string())
                        .filter(|s| !s.is_empty()),
                );
            }
            None => chunk.push(*l),
        }
    }
    flush(&mut chunk, &mut html, &mut words, diags);
    if sources.is_empty() && !html.is_empty() {
        diags.warn_at(
            head.start,
            format!("lesson '{id}' has no 'Sources:' line; end it with one that says where its facts come from"),
        );
    }
    if html.is_empty() {
        diags.at(
            head.start,
            format!("lesson '{id}' is empty; write its text under the heading"),
        );
        return None;
    }
    Some(Lesson {
        id,
        title,
        html,
        sources,
        words,
    })
}

/// A sources line's entries: split at commas and semicolons, except inside brackets, so
/// that "the GCM (A/RES/73/195, para. 15)" stays one entry.
fn split_sources(list: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let (mut depth, mut start) = (0i32, 0);
    for (i, c) in list.char_indices() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = (depth - 1).max(0),
            ',' | ';' if depth == 0 => {
                out.push(&list[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(&list[start..]);
    out
}

/// A question as written, before its type is known to be valid.
struct Draft<'t> {
    head: Line<'t>,
    id: String,
    prompt_html: String,
    kind: Option<(&'t str, usize)>,
    objective: Option<(&'t str, usize)>,
    order: Option<(&'t str, usize)>,
    body: Vec<Line<'t>>,
    options: Vec<DraftOption<'t>>,
    explanation: Vec<Line<'t>>,
}

struct DraftOption<'t> {
    line: Line<'t>,
    /// Text after the list marker, and its offset.
    text: &'t str,
    text_at: usize,
    feedback: Vec<(&'t str, usize)>,
}

fn parse_questions<'t>(
    text: &'t str,
    body: &[Line<'t>],
    ctx: &TopicContext,
    diags: &mut FileDiagnostics,
    ids: &mut Vec<(String, Place)>,
    section: &str,
) -> Vec<Question> {
    let mut out = Vec::new();
    let starts: Vec<usize> = body
        .iter()
        .enumerate()
        .filter(|(_, l)| matches!(l.heading(), Some((3, _, _))))
        .map(|(i, _)| i)
        .collect();
    let first = starts.first().copied().unwrap_or(body.len());
    if let Some(stray) = body[..first].iter().find(|l| !l.is_blank()) {
        diags.at(
            stray.start,
            format!("text under '{section}' must belong to a question; start each question with a '### Question?' line"),
        );
    }
    if starts.is_empty() {
        diags.at(
            body.first().map(|l| l.start).unwrap_or(0),
            format!("'{section}' has no questions; start each with a '### Question?' line"),
        );
    }
    for (n, &s) in starts.iter().enumerate() {
        let end = starts.get(n + 1).copied().unwrap_or(body.len());
        if let Some(q) = parse_question(text, body[s], &body[s + 1..end], ctx, diags, ids) {
            out.push(q);
        }
    }
    out
}

#[derive(PartialEq)]
enum Phase {
    Meta,
    Body,
    Options,
    Explanation,
}

fn option_marker(line: &str) -> Option<usize> {
    ["- ", "* ", "+ "]
        .iter()
        .any(|m| line.starts_with(m))
        .then_some(2)
}

fn parse_question<'t>(
    text: &'t str,
    head: Line<'t>,
    lines: &[Line<'t>],
    ctx: &TopicContext,
    diags: &mut FileDiagnostics,
    ids: &mut Vec<(String, Place)>,
) -> Option<Question> {
    let (_, content, content_at) = head.heading()?;
    let (prompt, id) = split_id(content);
    let Some((id, id_at)) = id else {
        diags.at(
            content_at,
            "question has no id; end its heading with an id, like {#topic-q1}",
        );
        return None;
    };
    if !is_valid_id(id) {
        diags.at(content_at + id_at, invalid_id_message("question", id));
    }
    ids.push((id.to_string(), place(diags, content_at + id_at)));
    let mut d = Draft {
        head,
        id: id.to_string(),
        prompt_html: render_inline(prompt, content_at, ctx.folder, diags),
        kind: None,
        objective: None,
        order: None,
        body: Vec::new(),
        options: Vec::new(),
        explanation: Vec::new(),
    };

    let mut phase = Phase::Meta;
    for l in lines {
        if phase == Phase::Meta {
            if let Some((key, value)) = l.text.split_once(':').filter(|(k, _)| {
                !k.is_empty() && k.chars().all(|c| c.is_ascii_alphabetic()) && !l.fenced
            }) {
                let value_at = l.start + key.len() + 1 + (value.len() - value.trim_start().len());
                match key {
                    "Type" => d.kind = Some((value.trim(), value_at)),
                    "Objective" => d.objective = Some((value.trim(), value_at)),
                    "Order" => d.order = Some((value.trim(), value_at)),
                    _ => diags.at(
                        l.start,
                        format!("unknown question field '{key}' in question '{}'; expected 'Type:', 'Objective:' or 'Order:'", d.id),
                    ),
                }
                continue;
            }
            phase = Phase::Body;
        }
        if phase == Phase::Body {
            if !l.fenced && option_marker(l.text).is_some() {
                phase = Phase::Options;
            } else {
                d.body.push(*l);
                continue;
            }
        }
        if phase == Phase::Options {
            if l.is_blank() {
                continue;
            }
            if let Some(m) = option_marker(l.text).filter(|_| !l.fenced) {
                let raw = &l.text[m..];
                let lead = raw.len() - raw.trim_start().len();
                d.options.push(DraftOption {
                    line: *l,
                    text: raw.trim(),
                    text_at: l.start + m + lead,
                    feedback: Vec::new(),
                });
                continue;
            }
            if l.text.starts_with([' ', '\t']) {
                let t = l.text.trim_start();
                let at = l.start + (l.text.len() - t.len());
                let opt = d.options.last_mut().expect("options phase has an option");
                match t.strip_prefix("Feedback:") {
                    Some(f) => opt.feedback.push((f.trim(), at + "Feedback:".len())),
                    None if !opt.feedback.is_empty() => opt.feedback.push((t, at)),
                    None => diags.at(
                        at,
                        format!(
                            "text under an option of question '{}' must start with 'Feedback:'",
                            d.id
                        ),
                    ),
                }
                continue;
            }
            if l.text.starts_with("Explanation:") {
                phase = Phase::Explanation;
            } else {
                diags.at(
                    l.start,
                    format!(
                        "unexpected text after the options of question '{}'; indent feedback under its option, or start an 'Explanation:' paragraph",
                        d.id
                    ),
                );
                continue;
            }
        }
        d.explanation.push(*l);
    }
    finish_question(text, d, ctx, diags)
}

fn join(parts: &[(&str, usize)]) -> (String, usize) {
    let at = parts.first().map(|p| p.1).unwrap_or(0);
    (parts.iter().map(|p| p.0).collect::<Vec<_>>().join("\n"), at)
}

fn finish_question(
    text: &str,
    d: Draft,
    ctx: &TopicContext,
    diags: &mut FileDiagnostics,
) -> Option<Question> {
    let id = d.id.clone();
    let head_at = d.head.start;
    let expected = QuestionKind::AUTHOR_NAMES
        .iter()
        .map(|(n, _)| *n)
        .collect::<Vec<_>>()
        .join(", ");
    let kind = match d.kind {
        None => {
            diags.at(
                head_at,
                format!("question '{id}' has no 'Type:' line; expected one of: {expected}"),
            );
            None
        }
        Some((name, at)) => {
            let kind = QuestionKind::from_author_name(name);
            if kind.is_none() {
                diags.at(at, format!("unknown question type '{name}' in question '{id}'; expected one of: {expected}"));
            }
            kind
        }
    };
    let objective = match d.objective {
        None => {
            diags.at(head_at, format!("question '{id}' has no 'Objective:' line; name one of the manifest's objectives"));
            String::new()
        }
        Some((name, at)) => {
            if !ctx.objectives.iter().any(|o| o == name) {
                diags.at(
                    at,
                    format!(
                        "question '{id}' names unknown objective '{name}'; the manifest defines: {}",
                        ctx.objectives.join(", ")
                    ),
                );
            }
            name.to_string()
        }
    };
    let fixed_order = match d.order {
        None => false,
        Some(("fixed", _)) => true,
        Some((other, at)) => {
            diags.at(at, format!("unknown order '{other}' in question '{id}'; write 'Order: fixed' to show the options as written (without it, a knowledge check shuffles them per learner)"));
            false
        }
    };
    let body_html = if d.body.iter().any(|l| !l.is_blank()) {
        let (from, to) = (d.body[0].start, d.body[d.body.len() - 1].end());
        render_block(&text[from..to], from, ctx.folder, diags).html
    } else {
        String::new()
    };
    let explanation_html = match d.explanation.first() {
        Some(first) => {
            let from = first.start + "Explanation:".len();
            let to = d.explanation[d.explanation.len() - 1].end();
            render_block(&text[from..to], from, ctx.folder, diags).html
        }
        None => String::new(),
    };
    if d.options.is_empty() {
        diags.at(
            head_at,
            format!("question '{id}' has no options; list them as '- [x] right answer' and '- [ ] wrong answer' lines"),
        );
        return None;
    }
    for o in &d.options {
        if o.feedback.is_empty() {
            diags.at(
                o.line.start,
                format!("option '{}' of question '{id}' has no feedback; add an indented 'Feedback:' line under it", short(o.text)),
            );
        }
    }
    let kind = kind?;
    let mut q = Question {
        id: id.clone(),
        objective,
        kind,
        prompt_html: d.prompt_html,
        body_html,
        choices: Vec::new(),
        pairs: Vec::new(),
        explanation_html,
        // Set by the loader once the question is complete.
        hash: String::new(),
        fixed_order,
    };
    if kind == QuestionKind::Matching {
        for o in &d.options {
            if o.text.starts_with('[') {
                diags.at(o.line.start, format!("matching question '{id}' lists pairs as 'item = match', not with [ ] boxes"));
                continue;
            }
            let (feedback, fat) = join(&o.feedback);
            match o.text.split_once(" = ").map(|(a, b)| (a.trim(), b.trim())) {
                Some((item, matched)) if !item.is_empty() && !matched.is_empty() => {
                    let match_at = o.text_at + o.text.find(" = ").unwrap_or(0) + 3;
                    q.pairs.push(Pair {
                        item_html: render_inline(item, o.text_at, ctx.folder, diags),
                        match_html: render_inline(matched, match_at, ctx.folder, diags),
                        feedback_html: render_inline(&feedback, fat, ctx.folder, diags),
                    });
                }
                _ => diags.at(
                    o.line.start,
                    format!(
                        "unbalanced matching pair '{}' in question '{id}'; write each pair as 'item = match'",
                        short(o.text)
                    ),
                ),
            }
        }
        if q.pairs.len() < 2 && q.pairs.len() == d.options.len() {
            diags.at(
                head_at,
                format!("matching question '{id}' needs at least two pairs"),
            );
        }
        for (side, get) in [
            (
                "item",
                (|p: &Pair| p.item_html.clone()) as fn(&Pair) -> String,
            ),
            ("match", |p: &Pair| p.match_html.clone()),
        ] {
            let mut seen = std::collections::HashSet::new();
            for p in &q.pairs {
                let v = get(p);
                if !seen.insert(v.clone()) {
                    diags.at(head_at, format!("matching question '{id}' has the {side} '{v}' twice; each must be different"));
                }
            }
        }
        return Some(q);
    }
    for o in &d.options {
        let (correct, rest) = match o.text.get(..3) {
            Some("[x]") | Some("[X]") => (true, &o.text[3..]),
            Some("[ ]") => (false, &o.text[3..]),
            _ => {
                diags.at(
                    o.line.start,
                    format!("option '{}' of question '{id}' needs a box: '[x]' if it is correct, '[ ]' if not", short(o.text)),
                );
                continue;
            }
        };
        let lead = rest.len() - rest.trim_start().len();
        let (feedback, fat) = join(&o.feedback);
        q.choices.push(Choice {
            html: render_inline(rest.trim(), o.text_at + 3 + lead, ctx.folder, diags),
            correct,
            feedback_html: render_inline(&feedback, fat, ctx.folder, diags),
        });
    }
    if q.choices.len() != d.options.len() {
        return None;
    }
    lint_options(&q, &d.options, diags);
    let correct = q.choices.iter().filter(|c| c.correct).count();
    if correct == 0 {
        diags.at(
            head_at,
            format!("question '{id}' has no correct answer; mark the right option with [x]"),
        );
    }
    if matches!(kind, QuestionKind::SingleChoice | QuestionKind::TrueFalse) && correct > 1 {
        diags.at(
            head_at,
            format!("question '{id}' is {} but marks {correct} options correct; mark exactly one with [x]", kind.author_name()),
        );
    }
    if kind == QuestionKind::TrueFalse {
        let labels: Vec<&str> = d.options.iter().map(|o| o.text[3..].trim()).collect();
        let (yes, no) = true_false_labels(ctx.language);
        if labels != [yes, no] && labels != ["True", "False"] {
            let also = if yes == "True" {
                String::new()
            } else {
                " (or 'True' then 'False')".to_string()
            };
            diags.at(head_at, format!("true or false question '{id}' must have exactly two options, '{yes}' then '{no}'{also}"));
        }
    } else if q.choices.len() < 2 {
        diags.at(
            head_at,
            format!("question '{id}' needs at least two options"),
        );
    }
    Some(q)
}

/// A correct option this much longer than the wrong ones (on average), and by at least
/// `LONG_KEY_CHARS` characters, is a cue.
pub const LONG_KEY_RATIO: f64 = 1.5;
pub const LONG_KEY_CHARS: f64 = 20.0;

/// Item-writing warnings about a choice question's options: "all/none of the above"
/// (meaningless once options are shuffled, and a cue), and a correct single-choice option
/// much longer than its distractors (test-wise learners pick the longest).
/// The words for a true-or-false question's two options in a course's language (its
/// primary subtag): an author writes the options in the course's language. English's
/// `True` and `False` are accepted in every course.
pub fn true_false_labels(language: &str) -> (&'static str, &'static str) {
    let primary = language
        .split('-')
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    match primary.as_str() {
        "fr" => ("Vrai", "Faux"),
        "es" => ("Verdadero", "Falso"),
        "pt" => ("Verdadeiro", "Falso"),
        "it" => ("Vero", "Falso"),
        "de" => ("Wahr", "Falsch"),
        "ar" => ("صحيح", "خطأ"),
        "ru" => ("Верно", "Неверно"),
        _ => ("True", "False"),
    }
}

fn lint_options(q: &Question, options: &[DraftOption], diags: &mut FileDiagnostics) {
    let id = &q.id;
    let label = |o: &DraftOption| o.text.get(3..).unwrap_or("").trim().to_string();
    for o in options {
        let lower = label(o).to_lowercase();
        for phrase in ["all of the above", "none of the above"] {
            if lower.contains(phrase) {
                diags.warn_at(o.text_at, format!(
                    "option '{}' of question '{id}' says '{phrase}': it rewards test-taking rather than knowing, and means nothing once options are shuffled; write a real option",
                    short(&label(o))
                ));
            }
        }
    }
    if q.kind != QuestionKind::SingleChoice {
        return;
    }
    let len = |o: &DraftOption| label(o).chars().count() as f64;
    type Numbered<'a, 'b> = Vec<(usize, &'a DraftOption<'b>)>;
    let (right, wrong): (Numbered, Numbered) = options
        .iter()
        .enumerate()
        .partition(|(i, _)| q.choices[*i].correct);
    let [(_, key)] = right[..] else { return };
    if wrong.is_empty() {
        return;
    }
    let average = wrong.iter().map(|(_, o)| len(o)).sum::<f64>() / wrong.len() as f64;
    if len(key) >= LONG_KEY_RATIO * average
        && len(key) - average >= LONG_KEY_CHARS
        && wrong.iter().all(|(_, o)| len(o) < len(key))
    {
        diags.warn_at(key.text_at, format!(
            "the correct option of question '{id}' is much longer than the wrong ones ({} characters against {} on average): length gives the answer away; shorten it or give the others the same detail",
            len(key), average.round()
        ));
    }
}

fn short(text: &str) -> String {
    let t: String = text.chars().take(40).collect();
    if t.len() < text.len() {
        format!("{t}…")
    } else {
        t
    }
}

/// Parses the glossary: each `##` heading is a term, the text under it its definition.
pub fn parse_glossary(
    text: &str,
    folder: &Folder,
    diags: &mut FileDiagnostics,
    ids: &mut Vec<(String, Place)>,
) -> Vec<GlossaryTerm> {
    let all = lines(text);
    let starts: Vec<usize> = all
        .iter()
        .enumerate()
        .filter(|(_, l)| matches!(l.heading(), Some((2, _, _))))
        .map(|(i, _)| i)
        .collect();
    if starts.is_empty() {
        diags.at(
            0,
            "the glossary has no terms; start each with a '## Term' line",
        );
    }
    let mut out = Vec::new();
    for (n, &s) in starts.iter().enumerate() {
        let end = starts.get(n + 1).copied().unwrap_or(all.len());
        let (id, term) = heading_id(all[s], "glossary term", diags, ids);
        let body = &all[s + 1..end];
        if !body.iter().any(|l| !l.is_blank()) {
            diags.at(
                all[s].start,
                format!("glossary term '{term}' has no definition; write it under the heading"),
            );
            continue;
        }
        let (from, to) = (body[0].start, body[body.len() - 1].end());
        out.push(GlossaryTerm {
            id,
            term,
            definition_html: render_block(&text[from..to], from, folder, diags).html,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::{Diagrams, Folder, TermIndex};

    /// The problems `parse_topic` reports for `text` in a course in `language`.
    fn problems(text: &str, language: &str) -> Vec<String> {
        let exists = |_: &str| false;
        let diagrams = Diagrams::new();
        let words = crate::words::for_language(language);
        let folder = Folder {
            file_exists: &exists,
            diagrams: &diagrams,
            words: &words,
        };
        let terms = TermIndex::default();
        let objectives = vec!["basics".to_string()];
        let ctx = TopicContext {
            objectives: &objectives,
            language,
            folder: &folder,
            terms: &terms,
        };
        let mut d = FileDiagnostics::new("t.md", text);
        let _ = parse_topic(text, &ctx, &mut d);
        d.found.iter().map(|p| p.message.clone()).collect()
    }

    fn true_false(yes: &str, no: &str) -> String {
        format!("# T\n\n## L {{#l}}\n\nText.\n\n## Knowledge check\n\n### The sky is blue. {{#q}}\nType: true or false\nObjective: basics\n\n- [x] {yes}\n  Feedback: a\n- [ ] {no}\n  Feedback: b\n")
    }

    #[test]
    fn true_or_false_options_are_written_in_the_course_language() {
        assert_eq!(
            problems(&true_false("Vrai", "Faux"), "fr"),
            Vec::<String>::new()
        );
        assert_eq!(
            problems(&true_false("Verdadero", "Falso"), "es-419"),
            Vec::<String>::new()
        );
        assert_eq!(
            problems(&true_false("صحيح", "خطأ"), "ar"),
            Vec::<String>::new()
        );
        assert_eq!(
            problems(&true_false("True", "False"), "fr"),
            Vec::<String>::new(),
            "English is always understood"
        );
        assert_eq!(
            problems(&true_false("Faux", "Vrai"), "fr"),
            ["true or false question 'q' must have exactly two options, 'Vrai' then 'Faux' (or 'True' then 'False')"]
        );
        assert_eq!(
            problems(&true_false("Vrai", "Faux"), "en"),
            ["true or false question 'q' must have exactly two options, 'True' then 'False'"]
        );
    }

    #[test]
    fn sources_split_at_commas_outside_brackets() {
        assert_eq!(
            super::split_sources("a.txt, the GCM (A/RES/73/195, para. 15); b.txt"),
            ["a.txt", " the GCM (A/RES/73/195, para. 15)", " b.txt"]
        );
    }
}
