//! Course translations in gettext PO files, on the model of Google's `mdbook-i18n-helpers`.
//!
//! The course folder in its source language is the only source of structure. Its text is cut
//! into **messages**: one per line of prose (a heading's text without its id, a paragraph, a
//! list item, a table cell, an option, a feedback or an explanation, a glossary term and its
//! definition, the alt text of an image), one per text string of `course.toml` that learners
//! read (title, description, audience, objectives) and one per text of a diagram. Syntax
//! never is: ids, `Type:`/`Objective:`/`Order:`/`Sources:` lines, option markers (`[x]`),
//! callout markers, link targets, table rules and fenced code stay as the source has them.
//!
//! A language is built by putting each translated message in its place in the source text
//! (`apply`) and compiling the result like any course; the compiled translation must then
//! have the source's structure exactly (`structure_problems`): same ids, types, correct
//! answers and counts. So a translation can change words, never what is graded. A message
//! with no translation, or marked fuzzy, keeps the source's text (the fallback).
//!
//! Each message's `msgctxt` says where it is (`02-actors.md#actors-kc1.3`: the third message
//! under the heading whose id is `actors-kc1`), so when the source's text at a place changes
//! `update` keeps the old translation but marks it fuzzy, with the previous source text as a
//! comment, until a translator confirms it.

use crate::diagnostics::Diagnostic;
use crate::manifest;
use crate::model::Course;
use crate::topic::{slug, split_id, ASSESSMENT_QUESTIONS, KNOWLEDGE_CHECK};
use polib::catalog::Catalog;
use polib::message::{Message as PoMessage, MessageFlags, MessageView};
use polib::metadata::CatalogMetadata;
use std::collections::HashMap;
use std::fs;
use std::path::Path;

/// Where translations live in a course folder: `po/<language>.po`, and the template.
pub const PO_DIR: &str = "po";
pub const TEMPLATE: &str = "messages.pot";

/// How a message's text is written in its file.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Syntax {
    /// Markdown source, one line: put back as it is, with line breaks made spaces.
    Markdown,
    /// A TOML basic string's contents (between its quotes).
    Toml,
    /// XML character data.
    Xml,
}

/// One translatable text of the course.
#[derive(Clone, Debug, PartialEq)]
pub struct Message {
    /// Where it is: file, then the id of the section, then its number there.
    pub context: String,
    /// The source language's text (as written: Markdown keeps its inline markup).
    pub text: String,
    pub file: String,
    pub line: usize,
    /// Byte range of the text in its file.
    start: usize,
    end: usize,
    syntax: Syntax,
    /// A heading whose id comes from its words gets that id written after the translated
    /// words, so that translating a heading never changes an id.
    keep_id: Option<String>,
}

/// The text files of a course that carry messages, in the order learners meet them:
/// the manifest, the topics, the glossary, the resources, then the diagrams.
pub fn course_messages(dir: &Path) -> Result<Vec<Message>, Vec<Diagnostic>> {
    let read = |name: &str| -> Result<String, Vec<Diagnostic>> {
        let path = crate::inside(dir, name).map_err(|why| vec![problem(name, why)])?;
        fs::read_to_string(&path).map_err(|e| vec![problem(name, format!("cannot read it: {e}"))])
    };
    let manifest_text = read(crate::MANIFEST_FILE)?;
    let mut d = crate::diagnostics::FileDiagnostics::new(crate::MANIFEST_FILE, &manifest_text);
    let Some(m) = manifest::parse_manifest(&manifest_text, &mut d) else {
        return Err(d.found);
    };
    let mut out = toml_messages(crate::MANIFEST_FILE, &manifest_text);
    let mut files: Vec<String> = m.topics.iter().map(|t| t.file.value.clone()).collect();
    files.extend(m.glossary.iter().map(|g| g.value.clone()));
    files.extend(m.resources.iter().map(|r| r.value.clone()));
    for f in &files {
        out.extend(markdown_messages(f, &read(f)?));
    }
    let mut svgs = Vec::new();
    crate::svg_files(&dir.join(crate::ASSETS_DIR), crate::ASSETS_DIR, &mut svgs);
    svgs.sort();
    for f in &svgs {
        out.extend(svg_messages(f, &read(f)?));
    }
    Ok(out)
}

fn problem(file: &str, message: impl Into<String>) -> Diagnostic {
    Diagnostic {
        file: file.to_string(),
        line: 1,
        col: 1,
        message: message.into(),
    }
}

/// The messages of one file, by its name.
pub fn file_messages(file: &str, text: &str) -> Vec<Message> {
    if file == crate::MANIFEST_FILE {
        toml_messages(file, text)
    } else if file.ends_with(".svg") {
        svg_messages(file, text)
    } else {
        markdown_messages(file, text)
    }
}

/// Numbers messages within their section: `file#section.n`.
struct Contexts {
    file: String,
    section: String,
    n: usize,
}

impl Contexts {
    fn new(file: &str) -> Contexts {
        Contexts {
            file: file.to_string(),
            section: String::new(),
            n: 0,
        }
    }
    fn section(&mut self, id: &str) {
        self.section = id.to_string();
        self.n = 0;
    }
    fn next(&mut self) -> String {
        self.n += 1;
        if self.section.is_empty() {
            format!("{}#{}", self.file, self.n)
        } else {
            format!("{}#{}.{}", self.file, self.section, self.n)
        }
    }
}

fn line_of(text: &str, at: usize) -> usize {
    text[..at].matches('\n').count() + 1
}

/// A course Markdown file's messages: one per line of prose.
pub fn markdown_messages(file: &str, text: &str) -> Vec<Message> {
    let mut out = Vec::new();
    let mut ctx = Contexts::new(file);
    let mut fence: Option<&str> = None;
    let mut offset = 0;
    let mut in_question = false;
    for raw in text.split_inclusive('\n') {
        let start = offset;
        offset += raw.len();
        let line = raw.trim_end_matches(['\n', '\r']);
        let trimmed = line.trim_start();
        let marker = ["```", "~~~"].into_iter().find(|m| trimmed.starts_with(m));
        match (fence, marker) {
            (None, Some(m)) => {
                fence = Some(m);
                continue;
            }
            (Some(f), Some(m)) if f == m => {
                fence = None;
                continue;
            }
            (Some(_), _) => continue,
            _ => {}
        }
        // Blockquote markers and indentation are syntax.
        let mut body = line;
        loop {
            let t = body.trim_start();
            match t.strip_prefix('>') {
                Some(rest) => body = rest,
                None => {
                    body = t;
                    break;
                }
            }
        }
        let body_at = start + (line.len() - body.len());
        let push = |out: &mut Vec<Message>,
                    ctx: &mut Contexts,
                    from: usize,
                    s: &str,
                    keep_id: Option<String>| {
            let lead = s.len() - s.trim_start().len();
            let s = s.trim();
            if s.is_empty() || !s.chars().any(char::is_alphanumeric) {
                return;
            }
            let from = from + lead;
            out.push(Message {
                context: ctx.next(),
                text: s.to_string(),
                file: file.to_string(),
                line: line_of(text, from),
                start: from,
                end: from + s.len(),
                syntax: Syntax::Markdown,
                keep_id,
            });
        };
        if body.is_empty() || body.starts_with("[!") || body.starts_with("<!--") {
            continue;
        }
        // Headings: their words, not their id.
        let level = body.bytes().take_while(|&b| b == b'#').count();
        if (1..=6).contains(&level)
            && (body.len() == level || body[level..].starts_with([' ', '\t']))
        {
            let content = body[level..].trim();
            let content = content.trim_end_matches('#').trim_end();
            let content_at = body_at + (body.find(content).unwrap_or(level));
            let (title, id) = split_id(content);
            let section_id = id
                .map(|(id, _)| id.to_string())
                .unwrap_or_else(|| slug(title));
            if level == 2
                && (title.eq_ignore_ascii_case(KNOWLEDGE_CHECK)
                    || title.eq_ignore_ascii_case(ASSESSMENT_QUESTIONS))
            {
                ctx.section(&section_id);
                in_question = true;
                continue;
            }
            if level <= 2 {
                in_question = false;
            }
            ctx.section(if level == 1 { "title" } else { &section_id });
            let keep_id = (level > 1 && id.is_none()).then(|| section_id.clone());
            push(&mut out, &mut ctx, content_at, title, keep_id);
            continue;
        }
        // Fields that are syntax (a question's metadata, a lesson's sources).
        if let Some((key, _)) = body.split_once(':') {
            if ["Type", "Objective", "Order", "Sources"].contains(&key)
                && (key == "Sources" || in_question)
            {
                continue;
            }
        }
        // Table rows: each cell; the rule under the header is syntax.
        if body.starts_with('|') {
            if body
                .chars()
                .all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t'))
            {
                continue;
            }
            let mut cell_at = body_at;
            let mut rest = body;
            while let Some(i) = next_pipe(rest) {
                let cell = &rest[..i];
                push(&mut out, &mut ctx, cell_at, cell, None);
                cell_at += i + 1;
                rest = &rest[i + 1..];
            }
            push(&mut out, &mut ctx, cell_at, rest, None);
            continue;
        }
        // List markers, option markers and the question fields' names.
        let mut at = body_at;
        let mut rest = body;
        for prefix in ["- ", "* ", "+ "] {
            if let Some(r) = rest.strip_prefix(prefix) {
                at += prefix.len();
                rest = r;
                break;
            }
        }
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        if digits > 0 && (rest[digits..].starts_with(". ") || rest[digits..].starts_with(") ")) {
            at += digits + 2;
            rest = &rest[digits + 2..];
        }
        for prefix in ["[x] ", "[X] ", "[ ] ", "Feedback:", "Explanation:"] {
            if let Some(r) = rest.strip_prefix(prefix) {
                at += prefix.len();
                rest = r;
                break;
            }
        }
        // An image alone on its line: its alt text.
        if let Some(alt) = rest.strip_prefix("![") {
            if let Some(close) = alt.find("](") {
                if rest.trim_end().ends_with(')') {
                    push(&mut out, &mut ctx, at + 2, &alt[..close], None);
                    continue;
                }
            }
        }
        push(&mut out, &mut ctx, at, rest, None);
    }
    out
}

/// The next unescaped `|` in a table row.
fn next_pipe(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    (0..b.len()).find(|&i| b[i] == b'|' && (i == 0 || b[i - 1] != b'\\'))
}

/// `course.toml`'s texts that learners read: title, description, audience, objectives.
pub fn toml_messages(file: &str, text: &str) -> Vec<Message> {
    let Ok(doc) = text.parse::<toml_edit::Document<String>>() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut push = |context: String, value: &toml_edit::Value| {
        let (Some(s), Some(span)) = (value.as_str(), value.span()) else {
            return;
        };
        // Only a basic or literal string on one line has its text between its quotes.
        let raw = &text[span.clone()];
        if raw.starts_with("\"\"\"") || raw.starts_with("'''") || raw.len() < 2 {
            return;
        }
        out.push(Message {
            context,
            text: s.to_string(),
            file: file.to_string(),
            line: line_of(text, span.start),
            start: span.start + 1,
            end: span.end - 1,
            syntax: Syntax::Toml,
            keep_id: None,
        });
    };
    let root = doc.as_table();
    for key in ["title", "description"] {
        if let Some(v) = root.get(key).and_then(|i| i.as_value()) {
            push(format!("{file}#{key}"), v);
        }
    }
    if let Some(list) = root.get("audience").and_then(|i| i.as_array()) {
        for (n, v) in list.iter().enumerate() {
            push(format!("{file}#audience.{}", n + 1), v);
        }
    }
    if let Some(objectives) = root.get("objectives").and_then(|i| i.as_array_of_tables()) {
        for (n, o) in objectives.iter().enumerate() {
            let id = o
                .get("id")
                .and_then(|i| i.as_str())
                .map(str::to_string)
                .unwrap_or_else(|| (n + 1).to_string());
            if let Some(v) = o.get("text").and_then(|i| i.as_value()) {
                push(format!("{file}#objective.{id}"), v);
            }
        }
    }
    out
}

/// A diagram's texts: the character data of its `title`, `desc`, `text` and `tspan`.
pub fn svg_messages(file: &str, text: &str) -> Vec<Message> {
    let opts = roxmltree::ParsingOptions {
        allow_dtd: false,
        ..Default::default()
    };
    let Ok(doc) = roxmltree::Document::parse_with_options(text, opts) else {
        return Vec::new();
    };
    let mut ctx = Contexts::new(file);
    let mut out = Vec::new();
    for node in doc.descendants().filter(|n| n.is_text()) {
        let Some(parent) = node.parent_element() else {
            continue;
        };
        if !["title", "desc", "text", "tspan"].contains(&parent.tag_name().name()) {
            continue;
        }
        let value = node.text().unwrap_or_default();
        if value.trim().is_empty() {
            continue;
        }
        let range = node.range();
        // Keep surrounding white space in place: the message is the trimmed text.
        let raw = &text[range.clone()];
        let lead = raw.len() - raw.trim_start().len();
        let trail = raw.len() - raw.trim_end().len();
        out.push(Message {
            context: ctx.next(),
            text: value.trim().to_string(),
            file: file.to_string(),
            line: line_of(text, range.start),
            start: range.start + lead,
            end: range.end - trail,
            syntax: Syntax::Xml,
            keep_id: None,
        });
    }
    out
}

/// `text` with each message that `translate` has a translation for put in its place.
/// `messages` are this text's own (`file_messages`).
pub fn apply(
    text: &str,
    messages: &[Message],
    translate: impl Fn(&Message) -> Option<String>,
) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    let mut at = 0;
    let mut sorted: Vec<&Message> = messages.iter().collect();
    sorted.sort_by_key(|m| m.start);
    for m in sorted {
        let Some(t) = translate(m) else { continue };
        if m.start < at {
            continue;
        }
        out.push_str(&text[at..m.start]);
        let one_line = t.split_whitespace().collect::<Vec<_>>().join(" ");
        match m.syntax {
            Syntax::Markdown => {
                out.push_str(&one_line);
                if let Some(id) = &m.keep_id {
                    out.push_str(&format!(" {{#{id}}}"));
                }
            }
            Syntax::Toml => {
                for c in one_line.chars() {
                    match c {
                        '"' => out.push_str("\\\""),
                        '\\' => out.push_str("\\\\"),
                        c => out.push(c),
                    }
                }
            }
            Syntax::Xml => {
                for c in one_line.chars() {
                    match c {
                        '&' => out.push_str("&amp;"),
                        '<' => out.push_str("&lt;"),
                        '>' => out.push_str("&gt;"),
                        c => out.push(c),
                    }
                }
            }
        }
        at = m.end;
    }
    out.push_str(&text[at..]);
    out
}

/// A language's translations as read from its PO file.
#[derive(Debug, Default)]
pub struct Translations {
    /// (msgctxt, msgid) -> (msgstr, fuzzy)
    entries: HashMap<(String, String), (String, bool)>,
}

/// How much of the course a language has.
#[derive(Debug, Default, Clone, Copy, PartialEq)]
pub struct Coverage {
    pub messages: usize,
    pub translated: usize,
    pub fuzzy: usize,
}

impl Coverage {
    pub fn percent(&self) -> u32 {
        (self.translated * 100)
            .checked_div(self.messages)
            .map_or(100, |p| p as u32)
    }
}

impl Translations {
    /// Reads a PO file's text, as strictly as `msgfmt --check` (`po_check`); `file` names
    /// it in messages.
    pub fn parse(file: &str, text: &str) -> Result<Translations, Vec<Diagnostic>> {
        let problems = crate::po_check::check(file, text);
        if !problems.is_empty() {
            return Err(problems);
        }
        let catalog = polib::po_file::parse_from_reader(text.as_bytes())
            .map_err(|e| vec![problem(file, format!("not a readable PO file: {e}"))])?;
        let mut entries = HashMap::new();
        for m in catalog.messages() {
            let ctx = m.msgctxt().unwrap_or_default().to_string();
            let msgstr = m.msgstr().unwrap_or_default().to_string();
            entries.insert((ctx, m.msgid().to_string()), (msgstr, m.is_fuzzy()));
        }
        Ok(Translations { entries })
    }

    /// The translation of a message, if there is one that applies (not empty, not fuzzy).
    pub fn get(&self, m: &Message) -> Option<&str> {
        match self.entries.get(&(m.context.clone(), m.text.clone())) {
            Some((s, false)) if !s.trim().is_empty() => Some(s),
            _ => None,
        }
    }

    pub fn coverage(&self, messages: &[Message]) -> Coverage {
        let mut c = Coverage {
            messages: messages.len(),
            ..Coverage::default()
        };
        for m in messages {
            match self.entries.get(&(m.context.clone(), m.text.clone())) {
                Some((s, false)) if !s.trim().is_empty() => c.translated += 1,
                Some((s, true)) if !s.trim().is_empty() => c.fuzzy += 1,
                _ => {}
            }
        }
        c
    }
}

/// The languages a course folder has translations for: `po/<tag>.po`, sorted.
pub fn languages(dir: &Path) -> Vec<String> {
    let mut out: Vec<String> = fs::read_dir(dir.join(PO_DIR))
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().to_string();
            name.strip_suffix(".po").map(str::to_string)
        })
        .filter(|tag| !tag.is_empty() && tag.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
        .collect();
    out.sort();
    out
}

/// The PO file of a language, as a path relative to the course folder.
pub fn po_file(language: &str) -> String {
    format!("{PO_DIR}/{language}.po")
}

fn metadata(language: &str) -> CatalogMetadata {
    let mut m = CatalogMetadata::new();
    m.project_id_version = "course".into();
    m.language = language.into();
    m.mime_version = "1.0".into();
    m.content_type = "text/plain; charset=UTF-8".into();
    m.content_transfer_encoding = "8bit".into();
    m
}

fn po_text(catalog: &Catalog) -> String {
    let mut buf = std::io::BufWriter::new(Vec::new());
    polib::po_file::write(catalog, &mut buf).expect("writing to memory cannot fail");
    String::from_utf8(buf.into_inner().expect("memory")).expect("PO text is UTF-8")
}

fn entry(m: &Message, msgstr: &str, fuzzy: bool, previous: Option<&str>) -> PoMessage {
    let mut flags = MessageFlags::new();
    if fuzzy {
        flags.add_flag("fuzzy");
    }
    let mut comments = String::new();
    if let Some(p) = previous {
        comments = format!("previous source text: {p}");
    }
    PoMessage::build_singular()
        .with_source(format!("{}:{}", m.file, m.line))
        .with_msgctxt(m.context.clone())
        .with_msgid(m.text.clone())
        .with_msgstr(msgstr.to_string())
        .with_flags(flags)
        .with_extracted_comments(comments)
        .done()
}

/// The template: every message, untranslated.
pub fn template(messages: &[Message]) -> String {
    let mut c = Catalog::new(metadata(""));
    for m in messages {
        c.append_or_update(entry(m, "", false, None));
    }
    po_text(&c)
}

/// A language's PO file brought up to date with the source (what `msgmerge` does): every
/// message in the source's order; a translation kept where its source text is unchanged;
/// kept but marked fuzzy, with the previous source text, where the text at its place
/// changed; dropped where the place is gone.
/// A PO file with problems (`po_check`) is not rewritten: its problems are the error.
pub fn update(
    language: &str,
    old: Option<&str>,
    messages: &[Message],
) -> Result<(String, Coverage), Vec<Diagnostic>> {
    let mut by_ctx: HashMap<String, (String, String, bool)> = HashMap::new();
    let mut comments: HashMap<String, String> = HashMap::new();
    if let Some(old) = old {
        let file = po_file(language);
        let problems = crate::po_check::check(&file, old);
        if !problems.is_empty() {
            return Err(problems);
        }
        let catalog = polib::po_file::parse_from_reader(old.as_bytes())
            .map_err(|e| vec![problem(&file, format!("not a readable PO file: {e}"))])?;
        for m in catalog.messages() {
            by_ctx.insert(
                m.msgctxt().unwrap_or_default().to_string(),
                (
                    m.msgid().to_string(),
                    m.msgstr().unwrap_or_default().to_string(),
                    m.is_fuzzy(),
                ),
            );
            if !m.extracted_comments().is_empty() {
                comments.insert(
                    m.msgctxt().unwrap_or_default().to_string(),
                    m.extracted_comments().to_string(),
                );
            }
        }
    }
    let mut c = Catalog::new(metadata(language));
    let mut coverage = Coverage {
        messages: messages.len(),
        ..Coverage::default()
    };
    for m in messages {
        let e = match by_ctx.get(&m.context) {
            Some((id, s, fuzzy)) if *id == m.text => {
                let previous = comments
                    .get(&m.context)
                    .filter(|_| *fuzzy)
                    .map(|c| c.trim_start_matches("previous source text: ").to_string());
                entry(m, s, *fuzzy && !s.is_empty(), previous.as_deref())
            }
            Some((id, s, _)) if !s.is_empty() => entry(m, s, true, Some(id)),
            _ => entry(m, "", false, None),
        };
        if !e.msgstr().unwrap_or_default().is_empty() {
            if e.is_fuzzy() {
                coverage.fuzzy += 1;
            } else {
                coverage.translated += 1;
            }
        }
        c.append_or_update(e);
    }
    Ok((po_text(&c), coverage))
}

/// A PO file from a translated copy of the course folder, written line for line: each
/// message of the copy is the translation of the source's message at the same place.
/// Places that differ (a line added, a heading's id changed) are problems.
pub fn import(
    language: &str,
    source: &[Message],
    copy: &[Message],
) -> Result<(String, Coverage), Vec<String>> {
    let by_ctx: HashMap<&str, &Message> = copy.iter().map(|m| (m.context.as_str(), m)).collect();
    let mut problems = Vec::new();
    let mut c = Catalog::new(metadata(language));
    let mut coverage = Coverage {
        messages: source.len(),
        ..Coverage::default()
    };
    for m in source {
        match by_ctx.get(m.context.as_str()) {
            Some(t) => {
                coverage.translated += 1;
                c.append_or_update(entry(m, &t.text, false, None));
            }
            None => {
                problems.push(format!(
                    "{}:{}: the copy has no text at this place ({})",
                    m.file, m.line, m.context
                ));
                c.append_or_update(entry(m, "", false, None));
            }
        }
    }
    let known: std::collections::HashSet<&str> =
        source.iter().map(|m| m.context.as_str()).collect();
    for t in copy {
        if !known.contains(t.context.as_str()) {
            problems.push(format!(
                "{}:{}: the copy has text here that the source does not ({})",
                t.file, t.line, t.context
            ));
        }
    }
    if problems.is_empty() {
        Ok((po_text(&c), coverage))
    } else {
        Err(problems)
    }
}

/// How a translation's structure differs from the source's (nothing, when it is right):
/// the ids, types, correct answers and counts that a translation may never change.
pub fn structure_problems(source: &Course, t: &Course) -> Vec<String> {
    let mut out = Vec::new();
    let mut same = |what: &str, a: String, b: String| {
        if a != b {
            out.push(format!("{what} differ from the source: {b} instead of {a}"));
        }
    };
    let ids = |v: Vec<&str>| v.join(", ");
    same(
        "objectives",
        ids(source.objectives.iter().map(|o| o.id.as_str()).collect()),
        ids(t.objectives.iter().map(|o| o.id.as_str()).collect()),
    );
    same(
        "topics",
        ids(source.topics.iter().map(|x| x.id.as_str()).collect()),
        ids(t.topics.iter().map(|x| x.id.as_str()).collect()),
    );
    same(
        "audience entries",
        source.audience.len().to_string(),
        t.audience.len().to_string(),
    );
    same(
        "glossary terms",
        ids(source.glossary.iter().map(|g| g.id.as_str()).collect()),
        ids(t.glossary.iter().map(|g| g.id.as_str()).collect()),
    );
    same(
        "resources",
        source.resources_html.is_some().to_string(),
        t.resources_html.is_some().to_string(),
    );
    for (a, b) in source.topics.iter().zip(&t.topics) {
        same(
            &format!("lessons of topic '{}'", a.id),
            ids(a.lessons.iter().map(|l| l.id.as_str()).collect()),
            ids(b.lessons.iter().map(|l| l.id.as_str()).collect()),
        );
        for (la, lb) in a.lessons.iter().zip(&b.lessons) {
            same(
                &format!("sources of lesson '{}'", la.id),
                la.sources.join("; "),
                lb.sources.join("; "),
            );
        }
        same(
            &format!("knowledge check questions of topic '{}'", a.id),
            ids(a.check.iter().map(|q| q.id.as_str()).collect()),
            ids(b.check.iter().map(|q| q.id.as_str()).collect()),
        );
    }
    let questions = |c: &Course| -> Vec<String> {
        c.topics
            .iter()
            .flat_map(|t| t.check.iter())
            .chain(c.assessment.bank.iter())
            .map(|q| {
                format!(
                    "{} {:?} {} {} [{}] {}",
                    q.id,
                    q.kind,
                    q.objective,
                    q.fixed_order,
                    q.choices
                        .iter()
                        .map(|c| if c.correct { "x" } else { "-" })
                        .collect::<String>(),
                    q.pairs.len()
                )
            })
            .collect()
    };
    let (qa, qb) = (questions(source), questions(t));
    for (a, b) in qa.iter().zip(&qb) {
        same(
            "question (id, type, objective, order, answers, pairs)",
            a.clone(),
            b.clone(),
        );
    }
    same("questions", qa.len().to_string(), qb.len().to_string());
    let a = &source.assessment;
    let b = &t.assessment;
    same(
        "assessment settings",
        format!(
            "{} {} {} {} {:?}",
            a.topic, a.pass_mark, a.attempts, a.questions_per_attempt, a.requires
        ),
        format!(
            "{} {} {} {} {:?}",
            b.topic, b.pass_mark, b.attempts, b.questions_per_attempt, b.requires
        ),
    );
    out
}

/// Gives a translation whose structure is the source's the source's hashes: saved answers
/// and an LMS's resume data mean the same in every language, so they carry across a switch.
pub fn share_hashes(source: &Course, t: &mut Course) {
    let hashes: HashMap<&str, &str> = source
        .topics
        .iter()
        .flat_map(|t| t.check.iter())
        .chain(source.assessment.bank.iter())
        .map(|q| (q.id.as_str(), q.hash.as_str()))
        .collect();
    for q in t
        .topics
        .iter_mut()
        .flat_map(|t| t.check.iter_mut())
        .chain(t.assessment.bank.iter_mut())
    {
        if let Some(h) = hashes.get(q.id.as_str()) {
            q.hash = h.to_string();
        }
    }
    t.content_hash = source.content_hash.clone();
}

/// One language of a course, compiled from its PO file.
pub struct Translated {
    pub language: String,
    pub coverage: Coverage,
    /// The course in that language, or every problem with it.
    pub course: Result<crate::Checked, Vec<Diagnostic>>,
}

/// Every translation of the course in `dir` (`po/*.po`), each compiled with the source's
/// text wherever it has no translation, and checked against the source's structure.
/// `source` is the compiled source course.
pub fn translations(dir: &Path, source: &Course) -> Vec<Translated> {
    let langs = languages(dir);
    if langs.is_empty() {
        return Vec::new();
    }
    let messages = match course_messages(dir) {
        Ok(m) => m,
        Err(problems) => {
            return langs
                .into_iter()
                .map(|language| Translated {
                    language,
                    coverage: Coverage::default(),
                    course: Err(problems.clone()),
                })
                .collect()
        }
    };
    let mut by_file: HashMap<&str, Vec<Message>> = HashMap::new();
    for m in &messages {
        by_file.entry(m.file.as_str()).or_default().push(m.clone());
    }
    langs
        .into_iter()
        .map(|language| {
            let po = po_file(&language);
            let text = match fs::read_to_string(dir.join(&po)) {
                Ok(t) => t,
                Err(e) => {
                    return Translated {
                        language,
                        coverage: Coverage::default(),
                        course: Err(vec![problem(&po, format!("cannot read it: {e}"))]),
                    }
                }
            };
            let tr = match Translations::parse(&crate::display_path(dir, &po), &text) {
                Ok(t) => t,
                Err(problems) => {
                    return Translated {
                        language,
                        coverage: Coverage::default(),
                        course: Err(problems),
                    }
                }
            };
            let coverage = tr.coverage(&messages);
            let rewrite = |file: &str, text: String| -> String {
                match by_file.get(file) {
                    // The file's messages were read from the same text a moment ago; if it
                    // changed since (a save mid-build), its places may have moved: keep the
                    // source's text rather than put words in the wrong place.
                    Some(ms) if file_messages(file, &text) == *ms => {
                        apply(&text, ms, |m| tr.get(m).map(str::to_string))
                    }
                    _ => text,
                }
            };
            let tag = |mut d: Diagnostic| {
                d.message = format!("in the '{language}' translation ({po}): {}", d.message);
                d
            };
            let course = match crate::check_course_in(dir, &language, &rewrite) {
                Ok(mut checked) => {
                    let problems = structure_problems(source, &checked.course);
                    if problems.is_empty() {
                        share_hashes(source, &mut checked.course);
                        checked.warnings = checked.warnings.into_iter().map(tag).collect();
                        Ok(checked)
                    } else {
                        Err(problems.into_iter().map(|p| problem(&po, p)).collect())
                    }
                }
                Err(problems) => Err(problems.into_iter().map(tag).collect()),
            };
            Translated {
                language,
                coverage,
                course,
            }
        })
        .collect()
}

/// A course in every language it has: the source first.
pub struct Compiled {
    pub courses: Vec<Course>,
    /// Each course's compiled files, in the order of `courses`.
    pub artefacts: Vec<crate::Artefacts>,
    /// The course's `assets/` folder, read once for every language.
    pub assets: Vec<(String, Vec<u8>)>,
    /// The source's warnings, then each translation's.
    pub warnings: Vec<Diagnostic>,
    /// Each translation's coverage, in the order of `courses[1..]`.
    pub coverage: Vec<(String, Coverage)>,
    /// The site's languages, in the order of `courses` (empty for a course in one).
    pub languages: Vec<LanguageLink>,
}

/// One language of a course's site.
#[derive(Clone, Debug, PartialEq)]
pub struct LanguageLink {
    /// BCP 47 tag (`fr`).
    pub tag: String,
    /// The language's own name for itself (`Français`).
    pub name: String,
    /// Its folder from the site's root, ending in `/` (`fr/`), or empty for the source.
    pub path: String,
}

/// Compiles the course in `dir` and every translation of it; each course lists them all
/// (`Course::languages`) for the language switch. Every problem of any language, or none.
pub fn compile_all(dir: &Path) -> Result<Compiled, Vec<Diagnostic>> {
    let source = crate::check_course(dir)?;
    let mut courses = vec![source.course];
    let mut warnings = source.warnings;
    let mut coverage = Vec::new();
    let mut problems = Vec::new();
    for t in translations(dir, &courses[0]) {
        if t.language == courses[0].language {
            problems.push(problem(&po_file(&t.language), format!("'{}' is the course's own language (course.toml); a translation is into another one", t.language)));
            continue;
        }
        coverage.push((t.language.clone(), t.coverage));
        match t.course {
            Ok(c) => {
                warnings.extend(c.warnings);
                courses.push(c.course);
            }
            Err(p) => problems.extend(p),
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut languages = Vec::new();
    if courses.len() > 1 {
        languages = courses
            .iter()
            .enumerate()
            .map(|(i, c)| LanguageLink {
                tag: c.language.clone(),
                name: autonym(&c.language).to_string(),
                path: if i == 0 {
                    String::new()
                } else {
                    format!("{}/", c.language)
                },
            })
            .collect();
    }
    let assets = match crate::asset_files(dir) {
        Ok(assets) => assets,
        Err(e) => {
            return Err(vec![problem(
                crate::ASSETS_DIR,
                format!("cannot read the course's assets: {e}"),
            )])
        }
    };
    Ok(Compiled {
        artefacts: courses.iter().map(crate::Artefacts::of).collect(),
        assets,
        courses,
        warnings,
        coverage,
        languages,
    })
}

/// A language's name for itself, for the language switch (the tag when unknown).
pub fn autonym(tag: &str) -> &str {
    let primary = tag
        .split(['-', '_'])
        .next()
        .unwrap_or(tag)
        .to_ascii_lowercase();
    match primary.as_str() {
        "ar" => "العربية",
        "de" => "Deutsch",
        "en" => "English",
        "es" => "Español",
        "fa" => "فارسی",
        "fr" => "Français",
        "he" => "עברית",
        "it" => "Italiano",
        "ja" => "日本語",
        "pt" => "Português",
        "ru" => "Русский",
        "sw" => "Kiswahili",
        "tr" => "Türkçe",
        "uk" => "Українська",
        "ur" => "اردو",
        "zh" => "中文",
        _ => tag,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TOPIC: &str = "# Working together\n\n## Why it matters {#why}\n\nStates cannot act alone. See [the GCM](glossary.md#gcm).\n\n![A diagram](assets/d.svg)\n\n> [!DESCRIPTION]\n> - **States** are at the centre.\n\n| Body | Focus |\n|---|---|\n| IOM | Migration |\n\n```\ncode stays\n```\n\nSources: a.txt, b.txt\n\n## A lesson without an id\n\nText.\n\n## Knowledge check\n\n### Who leads? {#q1}\nType: single choice\nObjective: actors\n\n- [x] States\n  Feedback: Right, States.\n- [ ] Nobody\n  Feedback: No.\n\nExplanation: States lead.\n";

    fn texts(ms: &[Message]) -> Vec<(&str, &str)> {
        ms.iter()
            .map(|m| (m.context.as_str(), m.text.as_str()))
            .collect()
    }

    #[test]
    fn markdown_messages_are_prose_never_syntax() {
        let ms = markdown_messages("t.md", TOPIC);
        assert_eq!(
            texts(&ms),
            vec![
                ("t.md#title.1", "Working together"),
                ("t.md#why.1", "Why it matters"),
                (
                    "t.md#why.2",
                    "States cannot act alone. See [the GCM](glossary.md#gcm)."
                ),
                ("t.md#why.3", "A diagram"),
                ("t.md#why.4", "**States** are at the centre."),
                ("t.md#why.5", "Body"),
                ("t.md#why.6", "Focus"),
                ("t.md#why.7", "IOM"),
                ("t.md#why.8", "Migration"),
                ("t.md#a-lesson-without-an-id.1", "A lesson without an id"),
                ("t.md#a-lesson-without-an-id.2", "Text."),
                ("t.md#q1.1", "Who leads?"),
                ("t.md#q1.2", "States"),
                ("t.md#q1.3", "Right, States."),
                ("t.md#q1.4", "Nobody"),
                ("t.md#q1.5", "No."),
                ("t.md#q1.6", "States lead."),
            ]
        );
        assert_eq!(ms[2].line, 5);
    }

    #[test]
    fn applying_translations_keeps_every_piece_of_syntax() {
        let ms = markdown_messages("t.md", TOPIC);
        let out = apply(TOPIC, &ms, |m| Some(format!("«{}»", m.text.to_uppercase())));
        for kept in [
            "{#why}",
            "- [x] «STATES»",
            "  Feedback: «RIGHT, STATES.»",
            "Type: single choice",
            "Objective: actors",
            "Sources: a.txt, b.txt",
            "|---|---|",
            "code stays",
            "> [!DESCRIPTION]",
            "](assets/d.svg)",
            "Explanation: «STATES LEAD.»",
        ] {
            assert!(out.contains(kept), "{kept} in\n{out}");
        }
        // A heading whose id came from its words keeps that id.
        assert!(
            out.contains("## «A LESSON WITHOUT AN ID» {#a-lesson-without-an-id}"),
            "{out}"
        );
        // A translation cannot add lines.
        let two = apply(TOPIC, &ms, |m| {
            (m.context == "t.md#why.2").then(|| "one\n\n## two {#x}".to_string())
        });
        assert!(two.contains("one ## two {#x}"));
        assert_eq!(two.lines().count(), TOPIC.lines().count());
    }

    #[test]
    fn toml_and_svg_messages_are_their_texts() {
        let toml = "id = \"c\"\ntitle = \"A \\\"course\\\"\"\nlanguage = \"en\"\naudience = [\"Officials\", \"Students\"]\n\n[[objectives]]\nid = \"actors\"\ntext = \"Know the actors.\"\n";
        let ms = toml_messages("course.toml", toml);
        assert_eq!(
            texts(&ms),
            vec![
                ("course.toml#title", "A \"course\""),
                ("course.toml#audience.1", "Officials"),
                ("course.toml#audience.2", "Students"),
                ("course.toml#objective.actors", "Know the actors."),
            ]
        );
        let out = apply(toml, &ms, |m| Some(format!("«{}» \\ \"q\"", m.text)));
        let doc = out
            .parse::<toml_edit::Document<String>>()
            .expect("still TOML");
        assert_eq!(doc["title"].as_str(), Some("«A \"course\"» \\ \"q\""));
        assert_eq!(doc["id"].as_str(), Some("c"));

        let svg = "<svg xmlns=\"http://www.w3.org/2000/svg\"><title>Timeline</title><text x=\"1\"><tspan>A &amp; B</tspan></text><rect/></svg>";
        let ms = svg_messages("assets/d.svg", svg);
        assert_eq!(
            texts(&ms),
            vec![("assets/d.svg#1", "Timeline"), ("assets/d.svg#2", "A & B")]
        );
        let out = apply(svg, &ms, |m| Some(format!("{} <fr>", m.text)));
        assert!(out.contains("<tspan>A &amp; B &lt;fr&gt;</tspan>"), "{out}");
    }

    #[test]
    fn update_keeps_translations_marks_changed_ones_fuzzy_and_drops_gone_ones() {
        let old_src = markdown_messages("t.md", "# Title\n\n## L {#l}\n\nOne.\n\nTwo.\n\nThree.\n");
        let po = import(
            "fr",
            &old_src,
            &markdown_messages("t.md", "# Titre\n\n## L {#l}\n\nUn.\n\nDeux.\n\nTrois.\n"),
        )
        .expect("same places");
        assert_eq!(po.1.translated, 5);
        // The source changes: "Two." is reworded, "Three." removed, "Four." added.
        let new_src = markdown_messages("t.md", "# Title\n\n## L {#l}\n\nOne.\n\nTwo, reworded.\n");
        let (text, coverage) = update("fr", Some(&po.0), &new_src).expect("readable");
        assert_eq!(
            coverage,
            Coverage {
                messages: 4,
                translated: 3,
                fuzzy: 1
            }
        );
        assert!(text.contains("#, fuzzy"), "{text}");
        assert!(text.contains("previous source text: Two."), "{text}");
        assert!(!text.contains("Trois"), "{text}");
        let tr = Translations::parse("fr.po", &text).expect("readable");
        let reworded = new_src.iter().find(|m| m.text == "Two, reworded.").unwrap();
        assert_eq!(tr.get(reworded), None, "a fuzzy translation is not used");
        assert_eq!(tr.get(&new_src[2]), Some("Un."));
        // Updating again changes nothing.
        assert_eq!(update("fr", Some(&text), &new_src).unwrap().0, text);
    }

    #[test]
    fn import_refuses_a_copy_whose_places_differ() {
        let src = markdown_messages("t.md", "# T\n\n## L {#l}\n\nOne.\n");
        let copy = markdown_messages("t.md", "# T\n\n## L {#other}\n\nUn.\n");
        let problems = import("fr", &src, &copy).unwrap_err();
        assert!(
            problems
                .iter()
                .any(|p| p.contains("t.md:5") && p.contains("no text")),
            "{problems:?}"
        );
    }
}
