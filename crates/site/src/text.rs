//! What the pages' text goes through: the stylesheet compacted, the templates without their
//! readers' comments, escaping, a page's language and direction, and links in a package.

/// CSS without comments and layout whitespace; quoted strings kept as they are. (The
/// comments are for the stylesheet's readers; the page is on every learner's critical path.)
pub fn compact_css(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut chars = css.chars().peekable();
    let mut pending_space = false;
    while let Some(c) = chars.next() {
        match c {
            '/' if chars.peek() == Some(&'*') => {
                chars.next();
                let mut last = ' ';
                for c in chars.by_ref() {
                    if last == '*' && c == '/' {
                        break;
                    }
                    last = c;
                }
                pending_space = true;
            }
            '"' | '\'' => {
                if pending_space && !out.is_empty() && !out.ends_with(|p| "{};,>:".contains(p)) {
                    out.push(' ');
                }
                pending_space = false;
                out.push(c);
                let mut escaped = false;
                for q in chars.by_ref() {
                    out.push(q);
                    if escaped {
                        escaped = false;
                    } else if q == '\\' {
                        escaped = true;
                    } else if q == c {
                        break;
                    }
                }
            }
            c if c.is_whitespace() => pending_space = true,
            c if "{};,>".contains(c) => {
                while out.ends_with(' ') {
                    out.pop();
                }
                // A block's last declaration needs no `;`.
                if c == '}' && out.ends_with(';') {
                    out.pop();
                }
                out.push(c);
                pending_space = false;
            }
            c => {
                if pending_space && !out.is_empty() && !out.ends_with(|p| "{};,>:".contains(p)) {
                    out.push(' ');
                }
                pending_space = false;
                out.push(c);
            }
        }
    }
    out.trim().to_string()
}

/// `css` without the rules of the page `page` alone (`results`, `print`): the part between
/// `/* engine: <page> page only` and `/* engine: end of <page> page only */` in `app.css`.
pub fn without_css_of(css: &str, page: &str) -> String {
    let start = format!("/* engine: {page} page only");
    let end = format!("/* engine: end of {page} page only */");
    match (css.find(&start), css.find(&end)) {
        (Some(a), Some(b)) if a < b => format!("{}{}", &css[..a], &css[b + end.len()..]),
        _ => css.to_string(),
    }
}

/// `css` without the instructor page's rules (the learner's pages).
pub fn without_results_css(css: &str) -> String {
    without_css_of(css, "results")
}

/// A short name for the home screen: the title if it is short, else its first words.
pub fn short_name(title: &str) -> String {
    const MAX: usize = 24;
    if title.chars().count() <= MAX {
        return title.to_string();
    }
    let mut out = String::new();
    for word in title.split_whitespace() {
        if out.chars().count() + word.chars().count() + 1 > MAX {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    if out.is_empty() {
        title.chars().take(MAX).collect()
    } else {
        out
    }
}

pub fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A page's language and the direction its script is written in.
#[derive(Debug, PartialEq)]
pub struct Language {
    pub tag: String,
    pub dir: &'static str,
}

impl Language {
    /// From a BCP 47 tag such as `en`, `fr-CA`, `ar` or `ku-Arab`.
    pub fn of(tag: &str) -> anyhow::Result<Language> {
        let tag = if tag.is_empty() { "en" } else { tag };
        let subtags: Vec<&str> = tag.split('-').collect();
        let well_formed = subtags
            .iter()
            .all(|s| (1..=8).contains(&s.len()) && s.chars().all(|c| c.is_ascii_alphanumeric()))
            && matches!(subtags[0].len(), 2 | 3 | 5..=8)
            && subtags[0].chars().all(|c| c.is_ascii_alphabetic());
        if !well_formed {
            anyhow::bail!(
                "the course's language '{tag}' is not a BCP 47 tag (such as en, fr or es-419)"
            );
        }
        const RTL_SCRIPTS: [&str; 8] = [
            "arab", "hebr", "thaa", "syrc", "nkoo", "adlm", "rohg", "mand",
        ];
        const RTL_LANGUAGES: [&str; 14] = [
            "ar", "arc", "ckb", "dv", "fa", "he", "iw", "ks", "ps", "sd", "syr", "ug", "ur", "yi",
        ];
        let script = subtags
            .iter()
            .skip(1)
            .find(|s| s.len() == 4 && s.chars().all(|c| c.is_ascii_alphabetic()));
        let rtl = match script {
            Some(s) => RTL_SCRIPTS.contains(&s.to_ascii_lowercase().as_str()),
            None => RTL_LANGUAGES.contains(&subtags[0].to_ascii_lowercase().as_str()),
        };
        Ok(Language {
            tag: tag.to_string(),
            dir: if rtl { "rtl" } else { "ltr" },
        })
    }
}

/// A page template without its comments: they are for its readers, and the page is on
/// every learner's critical path. A comment on a line of its own goes with its line.
pub fn without_comments(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find("<!--") {
        let Some(len) = rest[at..].find("-->") else {
            break;
        };
        out.push_str(&rest[..at]);
        let mut after = at + len + 3;
        let trimmed = out.trim_end_matches([' ', '\t']).len();
        if out[..trimmed].ends_with('\n') && rest[after..].starts_with('\n') {
            out.truncate(trimmed);
            after += 1;
        }
        rest = &rest[after..];
    }
    out.push_str(rest);
    out
}

/// With a relative base (an LMS package), links to the site's pages name their files
/// (`topics/t/l/index.html`, `index.html`): an LMS serves the package's files, and not
/// always a folder's `index.html`, so a link followed before the app starts must name the
/// file. (The app reads both forms as the same page; on a web server the folder form
/// works, and is the address learners see.)
pub fn file_links(html: &str, base: &str, pages: &[&str]) -> String {
    if base.starts_with('/') || base.contains("://") {
        return html.to_string();
    }
    let mut out = String::with_capacity(html.len() + 256);
    let mut rest = html;
    while let Some(at) = rest.find("href=\"") {
        let start = at + 6;
        out.push_str(&rest[..start]);
        rest = &rest[start..];
        let end = rest.find('"').unwrap_or(rest.len());
        let target = &rest[..end];
        let (path, fragment) = target.split_at(target.find('#').unwrap_or(target.len()));
        // The app's links (the static pages are its pages) start with the base: `./`.
        let page = path.strip_prefix("./").unwrap_or(path);
        let in_base = out
            .rfind('<')
            .is_some_and(|tag| out[tag..].starts_with("<base"));
        if in_base {
            out.push_str(target);
        } else if page.is_empty() && !path.is_empty() {
            out.push_str("index.html");
            out.push_str(fragment);
        } else if pages.contains(&page) {
            out.push_str(path);
            out.push_str("/index.html");
            out.push_str(fragment);
        } else {
            out.push_str(target);
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// A page's base URL at `depth` folders below the site's: the same for an absolute base;
/// a relative one (an LMS package's `./`) climbs back up.
pub fn page_base(base: &str, depth: usize) -> String {
    if base.starts_with('/') || base.contains("://") {
        base.to_string()
    } else {
        format!("{}{}", "../".repeat(depth), base.trim_start_matches("./"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_learners_pages_leave_out_the_results_pages_rules() {
        let css = std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../assets/app.css"),
        )
        .unwrap();
        let learner = without_results_css(&css);
        assert!(css.contains(".dropzone") && !learner.contains(".dropzone"));
        assert!(!learner.contains("button.sort") && learner.contains(".notice-box"));
        assert!(learner.len() < css.len() && learner.contains(".certificate"));
    }

    #[test]
    fn css_loses_comments_and_layout_whitespace_but_not_strings() {
        assert_eq!(
            compact_css("/* c */\na  >  b {\n  color : red ;\n  content: \"a  /* b */ c\";\n}\n\n.x, .y { margin: 0 auto }"),
            "a>b{color :red;content:\"a  /* b */ c\"}.x,.y{margin:0 auto}"
        );
        // A space before a colon is a descendant combinator in a selector; after one it is
        // layout only.
        assert_eq!(
            compact_css(".a :focus, a:hover { outline: 2px solid }\n@media (min-width: 64rem) { .b { c: d; } }"),
            ".a :focus,a:hover{outline:2px solid}@media (min-width:64rem){.b{c:d}}"
        );
    }

    #[test]
    fn languages_have_their_direction() {
        assert_eq!(Language::of("en").unwrap().dir, "ltr");
        assert_eq!(
            Language::of("").unwrap(),
            Language {
                tag: "en".into(),
                dir: "ltr"
            }
        );
        assert_eq!(Language::of("fr-CA").unwrap().dir, "ltr");
        assert_eq!(Language::of("ar").unwrap().dir, "rtl");
        assert_eq!(Language::of("he-IL").unwrap().dir, "rtl");
        assert_eq!(Language::of("ku-Arab").unwrap().dir, "rtl");
        assert_eq!(Language::of("az-Latn").unwrap().dir, "ltr");
        assert!(Language::of("not a tag").is_err());
        assert!(Language::of("e").is_err());
    }

    #[test]
    fn in_a_package_links_to_pages_name_their_files() {
        let html = r#"<base href="./"><a href="./">home</a> <a href="topics/t/l">l</a> <a href="glossary#gcm">g</a> <a href="assessment">a</a> <a href="https://x.org/">x</a>"#;
        assert_eq!(
            file_links(html, "./", &["topics/t/l", "glossary"]),
            r#"<base href="./"><a href="index.html">home</a> <a href="topics/t/l/index.html">l</a> <a href="glossary/index.html#gcm">g</a> <a href="assessment">a</a> <a href="https://x.org/">x</a>"#
        );
        assert_eq!(
            file_links(html, "/", &["topics/t/l"]),
            html,
            "a web server serves folders"
        );
    }

    #[test]
    fn comments_go_with_their_lines() {
        assert_eq!(
            without_comments("<p>\n  <!-- a\n b -->\n  {{ app }}\n</p><!--x-->y"),
            "<p>\n  {{ app }}\n</p>y"
        );
    }

    #[test]
    fn short_names_fit_a_home_screen() {
        assert_eq!(short_name("A course"), "A course");
        assert_eq!(
            short_name("International Cooperation on Migration"),
            "International"
        );
        assert!(
            short_name("Supercalifragilisticexpialidocious")
                .chars()
                .count()
                <= 24
        );
    }
}
