//! The page shells as templates (minijinja, as mdbook-html renders its pages with a
//! template engine): the learner's page (`index.html`), its parts (`templates/`), the
//! instructor's page (`results.html`) and the service worker (`sw.js`), read from the
//! player's shell. One syntax: `{{ name }}`, `{% if %}`, `{% include %}`. HTML templates
//! escape what they print (as the compiler escapes: `&`, `<`, `>`, `"`) unless it is marked
//! safe (the stylesheet, a page the player rendered); a name the template uses and the page
//! does not give is an error, not an empty string.

use crate::text::{escape, without_comments};
use crate::Bytes;
use anyhow::{anyhow, Context};
use minijinja::{AutoEscape, Environment, UndefinedBehavior, Value};
use std::collections::BTreeMap;

/// Every template, by its name in the player's shell.
pub const TEMPLATES: [&str; 8] = [
    "index.html",
    "results.html",
    "print.html",
    "search-dialog.html",
    "sw.js",
    "templates/app-script.html",
    "templates/learner-form.html",
    "templates/languages.html",
];

pub struct Templates {
    env: Environment<'static>,
}

impl Templates {
    /// The templates of a player's shell, parsed once.
    pub fn load(shell: &BTreeMap<String, Bytes>) -> anyhow::Result<Templates> {
        let mut env = Environment::new();
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        // A page ends as its file does; a part (`templates/`) goes in without its file's
        // last newline.
        env.set_syntax(
            minijinja::syntax::SyntaxConfig::builder()
                .keep_trailing_newline(true)
                .build()
                .expect("the default delimiters"),
        );
        env.set_auto_escape_callback(|name| {
            if name.ends_with(".html") {
                AutoEscape::Html
            } else {
                AutoEscape::None
            }
        });
        env.set_formatter(|out, state, value| {
            if *state.auto_escape() == AutoEscape::Html && !value.is_safe() {
                out.write_str(&escape(&value.to_string()))?;
            } else {
                write!(out, "{value}")?;
            }
            Ok(())
        });
        for name in TEMPLATES {
            let bytes = shell
                .get(name)
                .ok_or_else(|| anyhow!("the player has no {name} (rebuild it)"))?;
            let text = String::from_utf8(bytes.to_vec())
                .map_err(|_| anyhow!("the player's {name} is not UTF-8"))?;
            let mut text = if name.ends_with(".html") {
                without_comments(&text)
            } else {
                text
            };
            if name.starts_with("templates/") && text.ends_with('\n') {
                text.pop();
            }
            env.add_template_owned(name, text)
                .with_context(|| format!("the player's {name}"))?;
        }
        Ok(Templates { env })
    }

    /// `name` filled in with `context`.
    pub fn render(&self, name: &str, context: Value) -> anyhow::Result<String> {
        self.env
            .get_template(name)
            .and_then(|t| t.render(context))
            .map_err(|e| anyhow!("the template {name}: {e:#}"))
    }
}

/// The words of a course (`Course::words`) as a template reads them: `{{ w.nav_home }}`.
pub fn words(course_words: &str) -> Value {
    let mut map = BTreeMap::new();
    for line in course_words.lines() {
        if let Some((key, text)) = line.split_once('\t') {
            map.entry(key).or_insert(text);
        }
    }
    Value::from(minijinja::value::Serde(&map))
}

/// Text the page takes as HTML, as it is: the stylesheet, a page the player rendered.
pub fn safe(html: String) -> Value {
    Value::from_safe_string(html)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    fn shell(index: &str) -> BTreeMap<String, Bytes> {
        let mut shell: BTreeMap<String, Bytes> = TEMPLATES
            .iter()
            .map(|n| (n.to_string(), Arc::new(Vec::new())))
            .collect();
        shell.insert("index.html".into(), Arc::new(index.as_bytes().to_vec()));
        shell
    }

    #[test]
    fn html_is_escaped_as_the_compiler_escapes_unless_safe() {
        let t = Templates::load(&shell("<p title=\"{{ a }}\">{{ b }}</p>")).unwrap();
        let out = t
            .render(
                "index.html",
                minijinja::context! { a => "x\"<y>&'/", b => safe("<b>ok</b>".into()) },
            )
            .unwrap();
        assert_eq!(out, "<p title=\"x&quot;&lt;y&gt;&amp;'/\"><b>ok</b></p>");
    }

    #[test]
    fn a_name_the_page_does_not_give_is_an_error() {
        let t = Templates::load(&shell("<p>{{ w.missing }}</p>")).unwrap();
        let err = t
            .render(
                "index.html",
                minijinja::context! { w => words("present\tyes\n") },
            )
            .unwrap_err();
        assert!(err.to_string().contains("index.html"), "{err}");
        let t = Templates::load(&shell("<p>{{ w.present }}</p>")).unwrap();
        assert_eq!(
            t.render(
                "index.html",
                minijinja::context! { w => words("present\tyes\n") }
            )
            .unwrap(),
            "<p>yes</p>"
        );
    }

    #[test]
    fn a_template_with_a_syntax_error_is_refused_with_its_name() {
        let err = Templates::load(&shell("<p>{% if %}</p>")).err().unwrap();
        assert!(format!("{err:#}").contains("index.html"), "{err:#}");
    }

    #[test]
    fn the_readers_comments_leave_an_html_template() {
        let t = Templates::load(&shell("<p>\n  <!-- why -->\n  {{ a }}\n</p>")).unwrap();
        assert_eq!(
            t.render("index.html", minijinja::context! { a => 1 })
                .unwrap(),
            "<p>\n  1\n</p>"
        );
    }
}
