//! Full-text search: the static pages the site writes, indexed by Pagefind (as a library,
//! in memory) into one bundle at the site's root, `pagefind/`, with an index per language
//! (Pagefind reads each page's `lang`, stems the words of its language and chunks its
//! index, so that a search downloads only the chunks its words need). The learner's page
//! loads nothing of it until search is opened (`assets/search.js`).
//!
//! What is indexed, in each language: every lesson (its topic as the result's `topic`),
//! each glossary term as a result of its own (the term as its heading, so that a search
//! for a term ranks its definition first; its address is the glossary's, at the term), and
//! the resources page. Not the knowledge checks or the assessment: search must not be a
//! way to the answers. Inline term definitions (`.term-def`) are left out: a lesson that
//! mentions a term is not a result for the term's definition.

use anyhow::{anyhow, Context};
use course_core::model::Course;
use course_core::route::Route;
use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;

use crate::text::escape;

/// Where the bundle is, from the site's root.
pub const BUNDLE: &str = "pagefind/";

/// The search dialog's markup and words, in each language's folder.
pub const DIALOG: &str = "search-dialog.html";

/// One document to index: its address relative to its language's folder (a route's path,
/// with a `#fragment` for a glossary term), and its HTML (with `lang`).
#[derive(Clone, Debug)]
pub struct Document {
    pub url: String,
    pub html: String,
}

/// The documents of one language's site: `page` gives the written page of a route.
pub fn documents(course: &Course, page: impl Fn(&Route) -> Option<String>) -> Vec<Document> {
    let mut docs = Vec::new();
    for topic in &course.topics {
        for lesson in &topic.lessons {
            let route = Route::Lesson {
                topic: topic.id.clone(),
                lesson: lesson.id.clone(),
            };
            if let Some(html) = page(&route) {
                docs.push(Document {
                    url: route.path(),
                    html: with_topic(&html, &topic.title),
                });
            }
        }
    }
    if course.resources_html.is_some() {
        if let Some(html) = page(&Route::Resources) {
            docs.push(Document {
                url: Route::Resources.path(),
                html: with_topic(&html, course.word("nav_resources")),
            });
        }
    }
    let glossary = course.word("nav_glossary");
    for term in &course.glossary {
        docs.push(Document {
            url: format!("{}#{}", Route::Glossary.path(), term.id),
            html: format!(
                "<html lang=\"{}\"><body><main><p data-pagefind-meta=\"topic:{}\"></p><h1>{}</h1>{}</main></body></html>",
                escape(&course.language),
                escape(glossary),
                escape(&term.term),
                term.definition_html,
            ),
        });
    }
    docs
}

/// The page as it is indexed: its topic as metadata (the copy indexed, not the page).
fn with_topic(html: &str, topic: &str) -> String {
    let meta = format!(r#"<p data-pagefind-meta="topic:{}"></p>"#, escape(topic));
    match html
        .find("<main")
        .and_then(|at| html[at..].find('>').map(|gt| at + gt + 1))
    {
        Some(at) => format!("{}{meta}{}", &html[..at], &html[at..]),
        None => html.to_string(),
    }
}

/// What the elements left out of the index are: the inline definitions of terms (a
/// lesson is not a result for a term it only mentions), a lesson's topic line (the
/// result's `topic`), what only the app or a browser without scripts shows.
const LEFT_OUT: &[&str] = &[".term-def", ".eyebrow", ".loading", "noscript"];

/// Indexes the documents of every language (`(language folder, documents)`): the bundle's
/// files by their path under [`BUNDLE`], only those a browser uses (the search's script,
/// its entry, each language's wasm and index), none of Pagefind's own interfaces.
pub fn index(languages: &[(String, Vec<Document>)]) -> anyhow::Result<Vec<(String, Vec<u8>)>> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .context("search: starting the indexer")?;
    runtime.block_on(async {
        let config = PagefindServiceConfig::builder()
            .root_selector("main".to_string())
            .exclude_selectors(LEFT_OUT.iter().map(|s| s.to_string()).collect())
            .build();
        let mut index = PagefindIndex::new(Some(config)).context("search: Pagefind's options")?;
        for (folder, docs) in languages {
            for doc in docs {
                index
                    .add_html_file(None, Some(format!("{folder}{}", doc.url)), doc.html.clone())
                    .await
                    .with_context(|| format!("search: indexing {folder}{}", doc.url))?;
            }
        }
        let files = index
            .get_files()
            .await
            .context("search: writing the index")?;
        let mut out = Vec::new();
        let mut wasm = Vec::new();
        for file in files {
            let name = file.filename.to_string_lossy().replace('\\', "/");
            let name = name.trim_start_matches("./");
            let name = name.strip_prefix(BUNDLE).unwrap_or(name).to_string();
            if name == "pagefind-entry.json" {
                wasm = entry_wasm(&file.contents)?;
            }
            out.push((name, file.contents));
        }
        out.retain(|(name, _)| used_by_browser(name, &wasm));
        Ok(out)
    })
}

/// The wasm files the entry names (one per language indexed).
fn entry_wasm(entry: &[u8]) -> anyhow::Result<Vec<String>> {
    let entry: serde_json::Value =
        serde_json::from_slice(entry).context("search: Pagefind's entry")?;
    let languages = entry["languages"]
        .as_object()
        .ok_or_else(|| anyhow!("search: Pagefind's entry names no languages"))?;
    Ok(languages
        .values()
        .filter_map(|l| l["wasm"].as_str())
        .map(|w| format!("wasm.{w}.pagefind"))
        .collect())
}

/// Whether a file of Pagefind's bundle is one the course's search uses: not Pagefind's
/// own interfaces (the course has its own), not its web worker (the search runs on the
/// page: the index is small, and the worker would be a second copy of the script to
/// download), not the wasm of a language no page is in.
fn used_by_browser(name: &str, wasm: &[String]) -> bool {
    name == "pagefind.js"
        || name == "pagefind-entry.json"
        || wasm.iter().any(|w| w == name)
        || name.ends_with(".pf_meta")
        || ["index/", "fragment/", "filter/"]
            .iter()
            .any(|d| name.starts_with(d))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(lang: &str, title: &str, body: &str) -> String {
        format!(
            "<!doctype html><html lang=\"{lang}\"><head><title>t</title></head><body><header><a>Home</a></header><main id=\"main\"><noscript>needs scripts</noscript><p class=\"eyebrow\">Topic</p><h1>{title}</h1><div class=\"prose\">{body}</div></main></body></html>"
        )
    }

    #[test]
    fn the_bundle_has_each_language_and_nothing_the_course_does_not_use() {
        let en = vec![Document {
            url: "topics/a/one".into(),
            html: with_topic(
                &page(
                    "en",
                    "Cooperation",
                    "States cooperate.<span class=\"term-def\">(hidden words)</span>",
                ),
                "Topic A",
            ),
        }];
        let fr = vec![Document {
            url: "topics/a/one".into(),
            html: with_topic(
                &page("fr", "Coopération", "Les États coopèrent."),
                "Sujet A",
            ),
        }];
        let files = index(&[(String::new(), en), ("fr/".into(), fr)]).unwrap();
        let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
        for want in [
            "pagefind.js",
            "pagefind-entry.json",
            "wasm.en.pagefind",
            "wasm.fr.pagefind",
        ] {
            assert!(names.contains(&want), "{want} in {names:?}");
        }
        assert!(names.iter().any(|n| n.starts_with("index/")), "{names:?}");
        assert!(
            names.iter().any(|n| n.starts_with("fragment/")),
            "{names:?}"
        );
        for not in [
            "pagefind-ui.js",
            "pagefind-worker.js",
            "wasm.unknown.pagefind",
            "wasm.de.pagefind",
        ] {
            assert!(!names.contains(&not), "{not} in {names:?}");
        }
        let entry = &files
            .iter()
            .find(|(n, _)| n == "pagefind-entry.json")
            .unwrap()
            .1;
        let entry: serde_json::Value = serde_json::from_slice(entry).unwrap();
        assert_eq!(entry["languages"]["en"]["page_count"], 1);
        assert_eq!(entry["languages"]["fr"]["page_count"], 1);
    }

    #[test]
    fn a_page_indexed_carries_its_topic_and_keeps_its_content() {
        let html = with_topic(&page("en", "T", "x"), "Actors & partners");
        assert!(html.contains(r#"<main id="main"><p data-pagefind-meta="topic:Actors &amp; partners"></p><noscript>"#), "{html}");
    }
}
