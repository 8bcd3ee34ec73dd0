//! Markdown to safe HTML, at build time.
//!
//! The one place that configures pulldown-cmark. Raw HTML is never passed through (it is
//! reported and shown as text), script links are refused, and links into the course
//! folder are checked and rewritten to where the build puts the files.

use crate::diagnostics::FileDiagnostics;
use pulldown_cmark::{CowStr, Event, Options, Parser, Tag};

/// Where the build copies the course folder's files, relative to the site root.
pub const ASSET_URL_PREFIX: &str = "course/";

/// What rendering needs to know about the course folder.
pub struct Folder<'a> {
    /// Whether a path relative to the course folder names an existing file.
    pub file_exists: &'a dyn Fn(&str) -> bool,
}

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
    let events: Vec<Event> = Parser::new_ext(text, options())
        .into_offset_iter()
        .map(|(event, range)| {
            let at = offset + range.start;
            match event {
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
                    words += count_words(&t);
                    Event::Text(t)
                }
                Event::Code(t) => {
                    words += count_words(&t);
                    Event::Code(t)
                }
                other => other,
            }
        })
        .collect();
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    Rendered { html, words }
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
        let folder = Folder {
            file_exists: &exists,
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
        assert_eq!(problems, ["t.md:1:24: link to missing file 'assets/gone.pdf'"]);
    }

    #[test]
    fn gfm_callouts_render_as_classed_blockquotes() {
        let (html, problems) = render("> [!NOTE]\n> **Term:** meaning\n");
        assert!(problems.is_empty());
        assert!(html.contains("markdown-alert-note"), "{html}");
    }

    #[test]
    fn words_are_counted() {
        assert_eq!(count_words("The UN's whole-of-society approach, in 2018."), 6);
    }
}
