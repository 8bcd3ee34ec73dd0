//! Markdown to safe HTML, at build time.
//!
//! The one place that configures pulldown-cmark. Raw HTML is never passed through (it is
//! reported and shown as text), script links are refused, and links into the course
//! folder are checked and rewritten to where the build puts the files.

use crate::diagnostics::FileDiagnostics;
use course_core::idmap::IdMap;
use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd};
use std::collections::HashSet;

/// Where the build copies the course folder's files, relative to the site root.
pub const ASSET_URL_PREFIX: &str = "course/";

/// What rendering needs to know about the course folder.
pub struct Folder<'a> {
    /// Whether a path relative to the course folder names an existing file.
    pub file_exists: &'a dyn Fn(&str) -> bool,
    /// The course's checked SVG diagrams, by path relative to the course folder.
    pub diagrams: &'a Diagrams,
    /// The player's words in the course's language (`words::for_language`), for what the
    /// compiler writes into a page itself: a diagram's "Text version" summary.
    pub words: &'a IdMap<String>,
}

impl Folder<'_> {
    /// The word `key` in the course's language (its key if the catalogues lack it: a test
    /// checks that they do not).
    fn word<'w>(&'w self, key: &'w str) -> &'w str {
        self.words.get(key).map_or(key, String::as_str)
    }
}

/// Checked SVG diagrams (`svg::check_svg`) by path relative to the course folder.
pub type Diagrams = std::collections::HashMap<String, super::svg::Diagram>;

/// The callout that gives a diagram its text version: `> [!DESCRIPTION]` right after it.
pub const DESCRIPTION_MARKER: &str = "[!DESCRIPTION]";

pub struct Rendered {
    pub html: String,
    pub words: u32,
}

fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_GFM
}

/// Renders a block of Markdown that starts at byte `offset` of the file being checked.
pub fn render_block(
    text: &str,
    offset: usize,
    folder: &Folder,
    diags: &mut FileDiagnostics,
) -> Rendered {
    let mut words = 0u32;
    let events = checked_events(text, offset, folder, diags, &mut words);
    Rendered {
        html: to_html(events),
        words,
    }
}

/// Renders lesson prose: like `render_block`, and the first use of each glossary term in
/// the lesson (tracked in `used`) gets an inline definition the learner can open.
pub fn render_lesson(
    text: &str,
    offset: usize,
    folder: &Folder,
    terms: &TermIndex,
    used: &mut HashSet<String>,
    scope: &str,
    diags: &mut FileDiagnostics,
) -> Rendered {
    let mut words = 0u32;
    let events = checked_events(text, offset, folder, diags, &mut words);
    let events = terms.mark(events, scope, used);
    Rendered {
        html: to_html(events),
        words,
    }
}

/// HTML from events, with no inline style: pulldown-cmark writes a table column's alignment
/// as `style="text-align: …"`, which the pages' Content-Security-Policy would block; a class
/// (styled by the player's stylesheet) says the same.
fn to_html(events: Vec<Event>) -> String {
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    for side in ["left", "center", "right"] {
        html = html.replace(
            &format!(" style=\"text-align: {side}\""),
            &format!(" class=\"align-{side}\""),
        );
    }
    html
}

/// `text` in lower case, letter by letter, keeping every byte offset: a letter whose lower
/// case is written in another number of bytes stays as it is. So "Équipe" matches
/// "équipe" as "Civil" matches "civil".
fn fold_case(text: &str) -> String {
    text.chars()
        .map(|c| {
            let mut lower = c.to_lowercase();
            match (lower.next(), lower.next()) {
                (Some(l), None) if l.len_utf8() == c.len_utf8() => l,
                _ => c,
            }
        })
        .collect()
}

/// Glossary terms to mark in lessons.
#[derive(Default)]
pub struct TermIndex {
    /// (term as written in the glossary, term id, definition as plain text)
    terms: Vec<(String, String, String)>,
    /// Ids of the terms some lesson has marked, course-wide (for the unused-term lint).
    linked: std::cell::RefCell<HashSet<String>>,
}

impl TermIndex {
    pub fn new(terms: &[crate::model::GlossaryTerm]) -> TermIndex {
        let mut terms: Vec<(String, String, String)> = terms
            .iter()
            .map(|t| (t.term.clone(), t.id.clone(), plain_text(&t.definition_html)))
            .collect();
        // Longer terms first, so "UN Network on Migration" wins over a shorter overlap.
        terms.sort_by_key(|t| std::cmp::Reverse(t.0.len()));
        TermIndex {
            terms,
            linked: Default::default(),
        }
    }

    /// Whether any lesson rendered so far used the term with this id.
    pub fn is_linked(&self, id: &str) -> bool {
        self.linked.borrow().contains(id)
    }

    /// Finds the earliest unused term in `text`: (start, end, index into terms).
    fn find(&self, text: &str, used: &HashSet<String>) -> Option<(usize, usize, usize)> {
        let lower = fold_case(text);
        let mut best: Option<(usize, usize, usize)> = None;
        for (i, (term, id, _)) in self.terms.iter().enumerate() {
            if used.contains(id) || term.is_empty() {
                continue;
            }
            // Acronyms match exactly; other terms in any case.
            let acronym = term.chars().all(|c| !c.is_lowercase());
            let (hay, needle) = if acronym {
                (text, term.clone())
            } else {
                (lower.as_str(), fold_case(term))
            };
            let mut from = 0;
            while let Some(pos) = hay[from..].find(&needle) {
                let start = from + pos;
                let end = start + needle.len();
                let before = text[..start].chars().next_back();
                let after = text[end..].chars().next();
                let boundary = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
                if boundary(before) && boundary(after) {
                    if best.is_none_or(|b| start < b.0) {
                        best = Some((start, end, i));
                    }
                    break;
                }
                from = end;
            }
        }
        best
    }

    fn mark<'t>(
        &self,
        events: Vec<Event<'t>>,
        scope: &str,
        used: &mut HashSet<String>,
    ) -> Vec<Event<'t>> {
        if self.terms.is_empty() {
            return events;
        }
        let mut out = Vec::with_capacity(events.len());
        // No buttons inside headings, links or images.
        let mut blocked = 0usize;
        for event in events {
            match &event {
                Event::Start(Tag::Heading { .. } | Tag::Link { .. } | Tag::Image { .. }) => {
                    blocked += 1
                }
                Event::End(TagEnd::Heading(_) | TagEnd::Link | TagEnd::Image) => {
                    blocked = blocked.saturating_sub(1)
                }
                _ => {}
            }
            let Event::Text(text) = &event else {
                out.push(event);
                continue;
            };
            if blocked > 0 {
                out.push(event);
                continue;
            }
            let mut rest: &str = text;
            let mut pieces: Vec<Event<'t>> = Vec::new();
            while let Some((start, end, i)) = self.find(rest, used) {
                let (_, id, definition) = &self.terms[i];
                used.insert(id.clone());
                self.linked.borrow_mut().insert(id.clone());
                pieces.push(Event::Text(CowStr::from(rest[..start].to_string())));
                let def_id = format!("def-{scope}-{id}");
                pieces.push(Event::InlineHtml(CowStr::from(format!(
                    "<button type=\"button\" class=\"term\" aria-expanded=\"false\" aria-controls=\"{def_id}\" data-testid=\"term\">{}</button><span class=\"term-def\" id=\"{def_id}\" role=\"note\" hidden> ({})</span>",
                    escape(&rest[start..end]),
                    escape(definition)
                ))));
                rest = &rest[end..];
            }
            if pieces.is_empty() {
                out.push(event);
            } else {
                pieces.push(Event::Text(CowStr::from(rest.to_string())));
                out.extend(pieces);
            }
        }
        out
    }
}

pub(crate) fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The text of a piece of HTML, tags removed and entities kept as they are.
fn plain_text(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    let text = out.split_whitespace().collect::<Vec<_>>().join(" ");
    text.replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
}

fn checked_events<'t>(
    text: &'t str,
    offset: usize,
    folder: &Folder,
    diags: &mut FileDiagnostics,
    words: &mut u32,
) -> Vec<Event<'t>> {
    let events: Vec<(Event<'t>, usize)> = Parser::new_ext(text, options())
        .into_offset_iter()
        .map(|(event, range)| {
            let at = offset + range.start;
            let event = match event {
                Event::Html(raw) | Event::InlineHtml(raw) => {
                    diags.at(
                        at,
                        format!(
                            "raw HTML is not allowed; write it in Markdown (found '{}')",
                            raw.trim()
                        ),
                    );
                    Event::Text(raw)
                }
                Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }) => Event::Start(Tag::Link {
                    link_type,
                    dest_url: checked_url(dest_url, at, folder, diags),
                    title,
                    id,
                }),
                Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                }) => Event::Start(Tag::Image {
                    link_type,
                    dest_url: checked_url(dest_url, at, folder, diags),
                    title,
                    id,
                }),
                Event::Text(t) => {
                    *words += count_words(&t);
                    Event::Text(t)
                }
                Event::Code(t) => {
                    *words += count_words(&t);
                    Event::Code(t)
                }
                other => other,
            };
            (event, at)
        })
        .collect();
    with_diagrams(events, folder, diags)
}

/// The plain text of events (a paragraph's, an image's description).
fn text_of(events: &[(Event, usize)]) -> String {
    events
        .iter()
        .filter_map(|(e, _)| match e {
            Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
            Event::SoftBreak | Event::HardBreak => Some("\n"),
            _ => None,
        })
        .collect()
}

/// Puts diagrams into the page: an SVG image alone in its paragraph, followed by a
/// `> [!DESCRIPTION]` callout, becomes a figure with the checked SVG inline (its text real
/// text, its colours the page's) and the callout as its text version, which a learner can
/// open. A diagram without a text version is an error; so is a text version without a
/// diagram. (An SVG inside a sentence stays an image: it cannot run script there.)
fn with_diagrams<'t>(
    events: Vec<(Event<'t>, usize)>,
    folder: &Folder,
    diags: &mut FileDiagnostics,
) -> Vec<Event<'t>> {
    let mut out = Vec::with_capacity(events.len());
    let mut i = 0;
    while i < events.len() {
        let (event, at) = &events[i];
        // A blockquote whose first line is the marker, not after a diagram.
        if matches!(event, Event::Start(Tag::BlockQuote(_))) && starts_description(&events[i..]) {
            diags.at(
                *at,
                format!("a '{DESCRIPTION_MARKER}' callout must directly follow a diagram (an SVG image alone in its paragraph)"),
            );
        }
        let diagram = match (event, events.get(i + 1)) {
            (
                Event::Start(Tag::Paragraph),
                Some((Event::Start(Tag::Image { dest_url, .. }), img_at)),
            ) => {
                let path = dest_url.strip_prefix(ASSET_URL_PREFIX).unwrap_or(dest_url);
                let end = events[i + 1..]
                    .iter()
                    .position(|(e, _)| matches!(e, Event::End(TagEnd::Image)))
                    .map(|p| p + i + 1);
                match end {
                    Some(end)
                        if path.to_ascii_lowercase().ends_with(".svg")
                            && matches!(
                                events.get(end + 1),
                                Some((Event::End(TagEnd::Paragraph), _))
                            ) =>
                    {
                        Some((path.to_string(), *img_at, i + 2..end, end + 2))
                    }
                    _ => None,
                }
            }
            _ => None,
        };
        let Some((path, img_at, alt, after)) = diagram else {
            out.push(events[i].0.clone());
            i += 1;
            continue;
        };
        let Some(svg) = folder.diagrams.get(&path) else {
            // Missing or broken: already reported; shown as a plain image meanwhile.
            out.push(events[i].0.clone());
            i += 1;
            continue;
        };
        let alt = text_of(&events[alt]).trim().to_string();
        if alt.is_empty() {
            diags.at(img_at, format!("diagram '{path}' needs a short name: write it between the brackets, ![Name](…)"));
        }
        let described = events
            .get(after)
            .is_some_and(|(e, _)| matches!(e, Event::Start(Tag::BlockQuote(_))))
            && starts_description(&events[after..]);
        if !described {
            diags.at(
                img_at,
                format!("diagram '{path}' needs a text version: follow it with a '> {DESCRIPTION_MARKER}' callout that says in words everything the diagram shows"),
            );
        }
        out.push(Event::Html(CowStr::from(format!(
            "<figure class=\"diagram\"><figcaption>{}</figcaption>{}",
            escape(&alt),
            svg.markup
        ))));
        i = after;
        if described {
            // The callout's first paragraph starts with the marker; the rest is the text.
            let para_end = events[after..]
                .iter()
                .position(|(e, _)| matches!(e, Event::End(TagEnd::Paragraph)))
                .map_or(events.len(), |p| p + after);
            let first_break = events[after + 2..para_end]
                .iter()
                .position(|(e, _)| matches!(e, Event::SoftBreak | Event::HardBreak))
                .map(|p| p + after + 2);
            out.push(Event::Html(CowStr::from(format!(
                "<details class=\"diagram-text\"><summary>{}</summary>",
                escape(folder.word("diagram_text_version"))
            ))));
            if let Some(b) = first_break {
                out.push(Event::Start(Tag::Paragraph));
                out.extend(events[b + 1..para_end].iter().map(|(e, _)| e.clone()));
                out.push(Event::End(TagEnd::Paragraph));
            }
            // Up to the callout's end (nested quotes counted).
            let mut depth = 1;
            let mut j = para_end + 1;
            while j < events.len() {
                match &events[j].0 {
                    Event::Start(Tag::BlockQuote(_)) => depth += 1,
                    Event::End(TagEnd::BlockQuote(_)) => {
                        depth -= 1;
                        if depth == 0 {
                            break;
                        }
                    }
                    _ => {}
                }
                out.push(events[j].0.clone());
                j += 1;
            }
            out.push(Event::Html(CowStr::from("</details>")));
            i = j + 1;
        }
        out.push(Event::Html(CowStr::from("</figure>\n")));
    }
    out
}

/// Whether the blockquote starting `events` opens with the description marker.
fn starts_description(events: &[(Event, usize)]) -> bool {
    if !matches!(events.get(1), Some((Event::Start(Tag::Paragraph), _))) {
        return false;
    }
    let end = events
        .iter()
        .position(|(e, _)| matches!(e, Event::End(TagEnd::Paragraph)))
        .unwrap_or(events.len());
    let first_line: String = text_of(&events[2..end])
        .lines()
        .next()
        .unwrap_or("")
        .trim()
        .to_string();
    first_line.eq_ignore_ascii_case(DESCRIPTION_MARKER)
}

/// Renders a short piece of Markdown (a question, an option) without the enclosing paragraph.
pub fn render_inline(
    text: &str,
    offset: usize,
    folder: &Folder,
    diags: &mut FileDiagnostics,
) -> String {
    let html = render_block(text, offset, folder, diags).html;
    let trimmed = html.trim_end();
    match trimmed
        .strip_prefix("<p>")
        .and_then(|s| s.strip_suffix("</p>"))
    {
        Some(inner) if !inner.contains("<p>") => inner.to_string(),
        _ => trimmed.to_string(),
    }
}

pub fn count_words(text: &str) -> u32 {
    text.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’' || c == '-'))
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count() as u32
}

fn checked_url<'t>(
    url: CowStr<'t>,
    at: usize,
    folder: &Folder,
    diags: &mut FileDiagnostics,
) -> CowStr<'t> {
    let trimmed = url.trim();
    let lower = trimmed.to_ascii_lowercase();
    if trimmed.is_empty() || trimmed.starts_with('#') {
        return url;
    }
    if let Some((scheme, _)) = lower.split_once(':') {
        let is_scheme = !scheme.is_empty()
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
            && !scheme.contains('/');
        if is_scheme {
            if ["http", "https", "mailto", "tel"].contains(&scheme) {
                return url;
            }
            diags.at(
                at,
                format!(
                    "link to '{trimmed}' is not allowed; links may point to web pages (https:), \
                     e-mail addresses (mailto:) or files in the course folder"
                ),
            );
            return CowStr::Borrowed("#");
        }
    }
    if trimmed.starts_with('/') || trimmed.starts_with("//") {
        diags.at(
            at,
            format!(
                "link to '{trimmed}' starts with '/'; link to files relative to the course folder, like assets/map.png"
            ),
        );
        return url;
    }
    let path = trimmed.split(['?', '#']).next().unwrap_or("");
    if path.split('/').any(|part| part == "..") {
        diags.at(
            at,
            format!("link to '{trimmed}' leaves the course folder; put the file in course/assets/"),
        );
        return url;
    }
    if !(folder.file_exists)(path) {
        diags.at(at, format!("link to missing file '{path}'"));
    }
    CowStr::from(format!("{ASSET_URL_PREFIX}{trimmed}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(md: &str) -> (String, Vec<String>) {
        let exists = |p: &str| p == "assets/map.png";
        let diagrams = Diagrams::new();
        let words = crate::words::for_language("en");
        let folder = Folder {
            file_exists: &exists,
            diagrams: &diagrams,
            words: &words,
        };
        let mut diags = FileDiagnostics::new("t.md", md);
        let html = render_block(md, 0, &folder, &mut diags).html;
        (html, diags.found.iter().map(|d| d.to_string()).collect())
    }

    #[test]
    fn raw_html_is_shown_as_text_and_reported() {
        let (html, problems) = render("Hi <script>alert(1)</script> there\n");
        assert!(!html.contains("<script>"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
        assert_eq!(
            problems,
            [
                "t.md:1:4: raw HTML is not allowed; write it in Markdown (found '<script>')",
                "t.md:1:20: raw HTML is not allowed; write it in Markdown (found '</script>')",
            ]
        );
    }

    #[test]
    fn script_links_are_refused() {
        let (html, problems) = render("[x](javascript:alert(1))\n");
        assert!(!html.contains("javascript"), "{html}");
        assert_eq!(problems.len(), 1);
        assert!(problems[0].starts_with("t.md:1:1: link to 'javascript:alert(1)' is not allowed"));
    }

    #[test]
    fn course_files_are_checked_and_rewritten() {
        let (html, problems) = render("![Map](assets/map.png) [gone](assets/gone.pdf)\n");
        assert!(html.contains(r#"src="course/assets/map.png""#), "{html}");
        assert_eq!(
            problems,
            ["t.md:1:24: link to missing file 'assets/gone.pdf'"]
        );
    }

    #[test]
    fn gfm_callouts_render_as_classed_blockquotes() {
        let (html, problems) = render("> [!NOTE]\n> **Term:** meaning\n");
        assert!(problems.is_empty());
        assert!(html.contains("markdown-alert-note"), "{html}");
    }

    #[test]
    fn the_first_use_of_a_glossary_term_gets_an_inline_definition() {
        let terms = TermIndex::new(&[
            crate::model::GlossaryTerm {
                id: "gcm".into(),
                term: "GCM".into(),
                definition_html: "<p>The <em>Global</em> Compact.</p>".into(),
            },
            crate::model::GlossaryTerm {
                id: "cs".into(),
                term: "Civil society".into(),
                definition_html: "<p>Groups & people.</p>".into(),
            },
        ]);
        let exists = |_: &str| true;
        let diagrams = Diagrams::new();
        let words = crate::words::for_language("en");
        let folder = Folder {
            file_exists: &exists,
            diagrams: &diagrams,
            words: &words,
        };
        let md = "## About GCM\n\nThe GCM, the GCM and [GCM](https://x.org); civil society too. GCMs no.\n";
        let mut diags = FileDiagnostics::new("t.md", md);
        let mut used = HashSet::new();
        let html = render_lesson(md, 0, &folder, &terms, &mut used, "l1", &mut diags).html;
        assert_eq!(html.matches("class=\"term\"").count(), 2, "{html}");
        assert!(
            html.contains("<h2>About GCM</h2>"),
            "no button in headings: {html}"
        );
        assert!(html.contains(r#"<p>The <button type="button" class="term" aria-expanded="false" aria-controls="def-l1-gcm" data-testid="term">GCM</button><span class="term-def" id="def-l1-gcm" role="note" hidden> (The Global Compact.)</span>, the GCM and"#), "{html}");
        assert!(html.contains(r#">civil society</button><span class="term-def" id="def-l1-cs" role="note" hidden> (Groups &amp; people.)</span> too."#), "{html}");
        // Later chunks of the same lesson do not mark the term again.
        let again = render_lesson(
            "More GCM.\n",
            0,
            &folder,
            &terms,
            &mut used,
            "l1",
            &mut diags,
        )
        .html;
        assert_eq!(again, "<p>More GCM.</p>\n");
    }

    #[test]
    fn aligned_table_columns_get_classes_not_inline_styles() {
        let (html, problems) = render("| a | b |\n|:--|--:|\n| 1 | 2 |\n");
        assert!(problems.is_empty());
        assert!(!html.contains("style="), "{html}");
        assert!(html.contains(r#"<th class="align-left">a</th>"#), "{html}");
        assert!(html.contains(r#"<td class="align-right">2</td>"#), "{html}");
    }

    #[test]
    fn words_are_counted() {
        assert_eq!(
            count_words("The UN's whole-of-society approach, in 2018."),
            6
        );
    }

    #[test]
    fn terms_match_in_any_case_in_any_script() {
        assert_eq!(fold_case("Équipe de PAYS, Ωmega"), "équipe de pays, ωmega");
        // Offsets stay: a letter whose lower case is longer keeps its case.
        assert_eq!(fold_case("İx").len(), "İx".len());
    }
}
