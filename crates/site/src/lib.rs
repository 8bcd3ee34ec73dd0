//! A course's static site, assembled from a built player and a compiled course (the
//! compiler's `i18n::Compiled`, with each language's artefacts: the site never reads the
//! course folder): every page, the player's files, the course's files, the web app manifest
//! and the service worker. In memory (`Site`), so that `serve` swaps a whole new site in at
//! once and `build` writes it out.
//!
//! What each page gets, in order:
//! - Every learner's page (`index.html` at each address): the course's title, description,
//!   language and direction; the styles inline; the app's tags; the page itself, the
//!   player's own (`course_player::render`), so a deep link reads at first paint and nothing
//!   moves when the app takes over. Filled in from templates (`templates`).
//! - results.html (the instructor's page, its own bundle): the same language and styles.
//! - print.html (the whole course on one page, for print: `course_player::render::print`),
//!   in each language's folder, with the styles of the print page, and no script.
//! - Search (`search`): Pagefind's index of every language's lessons, glossary terms and
//!   resources in `pagefind/`, and the search dialog in each language's folder
//!   (`search-dialog.html`), which `search.js` at the root shows when a learner opens it.
//! - Every page: a Content-Security-Policy (`policy`).
//! - sw.js: the whole course offline from one versioned cache, its version a hash of every
//!   file it caches (the instructor's page is not cached, and not in an LMS package; a
//!   print page is kept once it has been opened, search's index a language at a time once
//!   it is used).

mod player_files;
pub mod policy;
pub mod search;
mod templates;
pub mod text;

pub use player_files::{hex, Player, PlayerFiles};
pub use policy::{lrs_origin, policy};
pub use templates::TEMPLATES;
pub use text::{compact_css, escape, Language};

use anyhow::{anyhow, Context};
use course_compiler::i18n::{Compiled, LanguageLink};
use course_compiler::Artefacts;
use course_core::model::{fill, Course};
use course_core::route::{page_title, reading_order, Route};
use minijinja::context;
use policy::with_policy;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::fs;
use std::path::Path;
use std::sync::Arc;
use templates::{safe, words};
use text::{file_links, page_base, short_name, without_css_of, without_results_css};

pub type Bytes = Arc<Vec<u8>>;

/// How a site is built.
#[derive(Clone, Debug)]
pub struct Options {
    /// The site's base URL: `/` on a web server's root, `./` inside an LMS package (any
    /// folder).
    pub base: String,
    /// `serve`: pages load the live-reload script, and the service worker caches nothing
    /// (every reload shows the latest save).
    pub live_reload: bool,
    /// The Learning Record Stores the pages may send statements to (`https://lrs.example.org`,
    /// the pages' `connect-src`): an LMS or a link launches one by its address.
    pub lrs_origins: Vec<String>,
    /// A site built for one LRS (`--lrs-endpoint`): its xAPI base and the `Authorization`
    /// of a credential that may only write statements. Every page then reports to it, once
    /// the learner has said who they are.
    pub site_lrs: Option<(String, String)>,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            base: "/".into(),
            live_reload: false,
            lrs_origins: Vec::new(),
            site_lrs: None,
        }
    }
}

/// Where `serve`'s live-reload script is (never a course path: the compiler's ids cannot
/// start with `_`); the site carries it under `serve` only.
pub const LIVE_RELOAD_SCRIPT: &str = "/__engine/live.js";

/// A built site: every file by its path.
#[derive(Clone, Default)]
pub struct Site {
    pub files: BTreeMap<String, Bytes>,
    /// Under `serve` (`Options::live_reload`), the documents search indexes, left for
    /// [`search_files`] to index after the site is served: indexing takes a few hundred
    /// milliseconds, which a save's reload should not wait for. Empty once indexed (and in
    /// a built site, which has its index).
    pub unindexed: Vec<(String, Vec<search::Document>)>,
}

impl Site {
    /// Writes the site into `out`, which it replaces (nothing of an older build stays).
    pub fn write(&self, out: &Path) -> anyhow::Result<()> {
        if out.exists() {
            fs::remove_dir_all(out).with_context(|| out.display().to_string())?;
        }
        for (name, bytes) in &self.files {
            let path = out.join(name);
            if let Some(parent) = path.parent() {
                fs::create_dir_all(parent).with_context(|| parent.display().to_string())?;
            }
            fs::write(&path, bytes.as_slice()).with_context(|| path.display().to_string())?;
        }
        Ok(())
    }

    /// The files a learner's browser or an LMS package needs: all but the instructor's page.
    pub fn learner_files(&self) -> impl Iterator<Item = (&String, &Bytes)> {
        self.files.iter().filter(|(f, _)| !is_instructor_only(f))
    }
}

/// The instructor's results page (results.html, the course as it reads it, and its bundle,
/// beside each language): not part of the course, so learners never download it, the
/// service worker does not cache it and an LMS package leaves it out.
pub fn is_instructor_only(file: &str) -> bool {
    let name = file.rsplit('/').next().unwrap_or(file);
    name == "results.html"
        || name == course_core::model::RESULTS_COURSE_FILE
        || file.starts_with("results/")
}

/// Assembles the site of a compiled course: the first course, in the course's own
/// language, at the site's root; each translation in a folder named by its language
/// (`fr/`), sharing the root's player, icons and service worker.
pub fn assemble(compiled: &Compiled, player: &PlayerFiles, opts: &Options) -> anyhow::Result<Site> {
    let courses = &compiled.courses;
    let course = courses
        .first()
        .ok_or_else(|| anyhow!("no course to build"))?;
    let mut files: BTreeMap<String, Bytes> = BTreeMap::new();
    for (name, bytes) in &player.bundles {
        files.insert(name.clone(), bytes.clone());
    }
    // The icons, and search's module and styles (loaded when a learner opens search).
    for file in [
        "icon.svg",
        "icon-192.png",
        "icon-512.png",
        "search.js",
        "search.css",
    ] {
        if let Some(bytes) = player.shell.get(file) {
            files.insert(file.into(), bytes.clone());
        }
    }
    if opts.live_reload {
        let script = player
            .shell
            .get("live.js")
            .ok_or_else(|| anyhow!("the player has no live.js (rebuild it)"))?;
        files.insert(LIVE_RELOAD_SCRIPT[1..].to_string(), script.clone());
    }
    let all_css = player.text("app.css")?;
    let css = compact_css(&without_css_of(&without_results_css(&all_css), "print"));
    let print_css = compact_css(&without_results_css(&all_css));
    let assets: Vec<(String, Bytes)> = compiled
        .assets
        .iter()
        .map(|(name, bytes)| (name.clone(), Arc::new(bytes.clone())))
        .collect();
    let mut searched = Vec::new();
    for (i, (c, artefacts)) in courses.iter().zip(&compiled.artefacts).enumerate() {
        let folder = if i == 0 {
            String::new()
        } else {
            format!("{}/", c.language)
        };
        for (name, bytes) in artefacts.files.iter() {
            files.insert(format!("{folder}course/{name}"), Arc::new(bytes.clone()));
        }
        for (name, bytes) in &assets {
            files.insert(format!("{folder}course/{name}"), bytes.clone());
        }
        let docs = language_pages(
            c,
            artefacts,
            &compiled.languages,
            &folder,
            player,
            opts,
            (&css, &print_css),
            &mut files,
        )?;
        searched.push((folder, docs));
    }
    // Search: every language's pages indexed into one bundle at the root (under `serve`,
    // after the pages are served).
    let unindexed = if opts.live_reload {
        searched
    } else {
        files.extend(search_files(&searched)?);
        Vec::new()
    };
    let language = Language::of(&course.language)?;

    // The instructor's page, in each language (the same bundle; its words in the page).
    // (Without the learner's pages' rules: lessons, questions, the outline.)
    let results_css = compact_css(&without_css_of(
        &without_css_of(&all_css, "print"),
        "learner",
    ));
    for (i, (c, artefacts)) in courses.iter().zip(&compiled.artefacts).enumerate() {
        let (folder, root) = if i == 0 {
            (String::new(), "")
        } else {
            (format!("{}/", c.language), "../")
        };
        let language = Language::of(&c.language)?;
        let results = player.templates.render(
            "results.html",
            context! {
                lang => language.tag.as_str(),
                dir => language.dir,
                title => c.title.as_str(),
                root,
                js => format!("{root}{}", player.player.results_js),
                wasm => format!("{root}{}", player.player.results_wasm),
                css => safe(results_css.clone()),
                page_words => artefacts.results_page_words.as_str(),
                w => words(&c.words),
                live_reload => opts.live_reload,
            },
        )?;
        files.insert(
            format!("{folder}results.html"),
            // It may read the LRSs the site reports to (the LRS form).
            Arc::new(with_policy(&results, &opts.lrs_origins)?.into_bytes()),
        );
        files.insert(
            format!("{folder}{}", course_core::model::RESULTS_COURSE_FILE),
            Arc::new(artefacts.results_course.clone()),
        );
        if let Some((endpoint, auth)) = &opts.site_lrs {
            let settings = serde_json::json!({ "endpoint": endpoint, "auth": auth });
            files.insert(
                format!("{folder}{}", course_core::xapi::SITE_LRS_FILE),
                Arc::new(format!("{settings:#}\n").into_bytes()),
            );
        }
    }

    // The web app manifest: the course's name, language and direction.
    let manifest = serde_json::json!({
        "name": course.title,
        "short_name": short_name(&course.title),
        "description": course.description,
        "lang": language.tag,
        "dir": language.dir,
        "start_url": "./",
        "scope": "./",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#0b5cad",
        "icons": [
            { "src": "icon-192.png", "sizes": "192x192", "type": "image/png", "purpose": "any" },
            { "src": "icon-512.png", "sizes": "512x512", "type": "image/png", "purpose": "any maskable" },
            { "src": "icon.svg", "sizes": "any", "type": "image/svg+xml" }
        ]
    });
    files.insert(
        "manifest.webmanifest".into(),
        Arc::new(format!("{manifest:#}\n").into_bytes()),
    );

    // The service worker, last: its version covers every other file. It serves every
    // language (each translation's folder answers its own addresses).
    let folders: Vec<String> = courses[1..]
        .iter()
        .map(|c| format!("{}/", c.language))
        .collect();
    let sw = if opts.live_reload {
        // `serve`: no offline copy while authoring, so every reload shows the latest save.
        player.text("sw-serve.js")?
    } else {
        // Not the static pages: with the service worker in place, every address is the
        // app's page (index.html), so a first visit downloads none of them in advance.
        let cached: Vec<&String> = files
            .keys()
            .filter(|f| {
                let static_page = f.ends_with("/index.html")
                    && !f.starts_with("course/")
                    && !folders.iter().any(|l| **f == format!("{l}index.html"));
                // The LRS reporter: only pages launched with an LRS fetch it (the service
                // worker keeps it then).
                // The print pages: the service worker keeps one once it is opened.
                let print = f.ends_with(&Route::Print.path());
                // Search's index: kept a language at a time, once the learner searches.
                !(is_instructor_only(f)
                    || f.starts_with("lrs/")
                    || static_page
                    || print
                    || f.starts_with(search::BUNDLE))
            })
            .collect();
        let mut h = Sha256::new();
        for f in &cached {
            h.update(f.as_bytes());
            h.update(files[*f].as_slice());
        }
        player.templates.render(
            "sw.js",
            context! {
                version => hex(&h.finalize()[..8]),
                files => serde_json::to_string(&cached).expect("file names serialise"),
                languages => serde_json::to_string(&folders).expect("names serialise"),
                search => serde_json::to_string(
                    &files.keys().filter(|f| f.starts_with(search::BUNDLE)).collect::<Vec<_>>()
                ).expect("names serialise"),
            },
        )?
    };
    files.insert("sw.js".into(), Arc::new(sw.into_bytes()));
    Ok(Site { files, unindexed })
}

/// Search's bundle (`pagefind/`) for the documents of every language (`(language folder,
/// documents)`), by the files' paths in the site.
pub fn search_files(
    languages: &[(String, Vec<search::Document>)],
) -> anyhow::Result<Vec<(String, Bytes)>> {
    Ok(search::index(languages)?
        .into_iter()
        .map(|(name, bytes)| (format!("{}{name}", search::BUNDLE), Arc::new(bytes)))
        .collect())
}

/// One language's pages under `folder` (empty for the course's own language, else `fr/`):
/// its home and a page for every other address. Returns the documents search indexes.
#[allow(clippy::too_many_arguments)]
fn language_pages(
    course: &Course,
    artefacts: &Artefacts,
    languages: &[LanguageLink],
    folder: &str,
    player: &PlayerFiles,
    opts: &Options,
    (css, print_css): (&str, &str),
    files: &mut BTreeMap<String, Bytes>,
) -> anyhow::Result<Vec<search::Document>> {
    let language = Language::of(&course.language)?;
    // From this language's folder up to the site's root (the player, the icons).
    let root = if folder.is_empty() { "" } else { "../" };
    let relative = !(opts.base.starts_with('/') || opts.base.contains("://"));
    let base = if folder.is_empty() || relative {
        opts.base.clone()
    } else {
        format!("{}{folder}", opts.base)
    };
    // Every page a learner reads, at its own address, readable before the wasm arrives (a
    // deep link's first paint is its text): the app's own pages, rendered here for a new
    // learner (`course_player::render`), so nothing moves when the app takes over.
    let shared = Arc::new(course.clone());
    let mut pages = vec![(
        None,
        course.title.clone(),
        course_player::render::page(&shared, &Route::Home),
    )];
    for route in static_routes(course) {
        let html = course_player::render::page(&shared, &route);
        pages.push((Some(route.path()), page_title(course, &route), html));
    }
    let paths: Vec<&str> = pages.iter().filter_map(|(p, _, _)| p.as_deref()).collect();
    let words = words(&course.words);
    let switch = language_switch(languages, &course.language, relative);
    let progress_zero = fill(course.word("progress_label"), &[("percent", "0")]);
    for (path, title, content) in &pages {
        let (file, page_base) = match path {
            None => (format!("{folder}index.html"), base.clone()),
            Some(p) => (
                format!("{folder}{p}/index.html"),
                page_base(&base, p.matches('/').count() + 1),
            ),
        };
        let html = player.templates.render(
            "index.html",
            context! {
                lang => language.tag.as_str(),
                dir => language.dir,
                page_title => title.as_str(),
                title => course.title.as_str(),
                description => course.description.as_str(),
                base => page_base.as_str(),
                root,
                page_words => artefacts.page_words.as_str(),
                css => safe(css.to_string()),
                app => format!("{root}{}", player.player.app),
                lrs_js => player.player.lrs_js.as_str(),
                lrs_wasm => player.player.lrs_wasm.as_str(),
                site_lrs => opts.site_lrs.is_some(),
                learner_key => course_core::xapi::LEARNER_KEY,
                learner_event => course_core::xapi::LEARNER_EVENT,
                languages => minijinja::value::Serde(&switch),
                w => words.clone(),
                progress_zero => progress_zero.as_str(),
                home => path.is_none(),
                page => safe(content.clone()),
                outline => content.contains(r#"<div class="with-outline">"#),
                live_reload => opts.live_reload,
            },
        )?;
        let html = with_policy(&file_links(&html, &opts.base, &paths), &opts.lrs_origins)?;
        files.insert(file, Arc::new(html.into_bytes()));
    }
    // The whole course on one page, for print and PDF (no script: the page's own policy).
    let print = player.templates.render(
        "print.html",
        context! {
            lang => language.tag.as_str(),
            dir => language.dir,
            title => course.title.as_str(),
            description => course.description.as_str(),
            root,
            css => safe(print_css.to_string()),
            w => words.clone(),
            page => safe(course_player::render::print(course)),
            live_reload => opts.live_reload,
        },
    )?;
    files.insert(
        format!("{folder}{}", Route::Print.path()),
        Arc::new(with_policy(&print, &opts.lrs_origins)?.into_bytes()),
    );
    // Search's dialog, in this language (assets/search.js fetches it when search opens).
    let results: Vec<(String, String)> = course
        .words
        .lines()
        .filter_map(|l| l.strip_prefix("search_results."))
        .filter_map(|l| l.split_once('\t'))
        .map(|(form, text)| (form.to_string(), text.to_string()))
        .collect();
    let dialog = player.templates.render(
        "search-dialog.html",
        context! { root, w => words.clone(), results },
    )?;
    files.insert(
        format!("{folder}{}", search::DIALOG),
        Arc::new(dialog.into_bytes()),
    );
    Ok(search::documents(course, |route| {
        // The page as written above.
        let page = files.get(&format!("{folder}{}/index.html", route.path()))?;
        String::from_utf8(page.to_vec()).ok()
    }))
}

/// One link of the header's language switch (`templates/languages.html`).
#[derive(serde::Serialize)]
struct SwitchLink<'a> {
    href: String,
    tag: &'a str,
    name: &'a str,
    current: bool,
}

/// The language switch's links for the course in `own`: each language's home, relative to
/// `own`'s base URL (a file's name with a relative base: a package's LMS may not serve
/// folders). None for a course in one language.
fn language_switch<'a>(
    languages: &'a [LanguageLink],
    own: &str,
    files: bool,
) -> Vec<SwitchLink<'a>> {
    if languages.len() < 2 {
        return Vec::new();
    }
    let here = languages
        .iter()
        .find(|l| l.tag == own)
        .map(|l| l.path.as_str())
        .unwrap_or("");
    let up = "../".repeat(here.matches('/').count());
    languages
        .iter()
        .map(|l| {
            let mut href = format!("{up}{}", l.path);
            if files {
                href.push_str("index.html");
            } else if href.is_empty() {
                href.push_str("./");
            }
            SwitchLink {
                href,
                tag: &l.tag,
                name: &l.name,
                current: l.tag == own,
            }
        })
        .collect()
}

/// The addresses written as static pages besides the home: every page of the reading order
/// (lessons, knowledge checks, the final assessment), the certificate, "Your progress", and
/// the glossary and the resources when the course has them. Every page has an address any
/// server (or an LMS, or the language switch) can open.
pub fn static_routes(course: &Course) -> Vec<Route> {
    let mut routes = reading_order(course);
    if !routes.contains(&Route::Assessment) {
        routes.push(Route::Assessment);
    }
    routes.extend([Route::Certificate, Route::Progress]);
    if !course.glossary.is_empty() {
        routes.push(Route::Glossary);
    }
    if course.resources_html.is_some() {
        routes.push(Route::Resources);
    }
    routes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_language_switch_links_each_home_from_where_the_page_is() {
        let languages = vec![
            LanguageLink {
                tag: "en".into(),
                name: "English".into(),
                path: String::new(),
            },
            LanguageLink {
                tag: "fr".into(),
                name: "Français".into(),
                path: "fr/".into(),
            },
        ];
        let from_fr = language_switch(&languages, "fr", false);
        let hrefs: Vec<&str> = from_fr.iter().map(|l| l.href.as_str()).collect();
        assert_eq!(hrefs, ["../", "../fr/"]);
        assert!(from_fr[1].current && !from_fr[0].current);
        let in_package = language_switch(&languages, "en", true);
        let hrefs: Vec<&str> = in_package.iter().map(|l| l.href.as_str()).collect();
        assert_eq!(hrefs, ["index.html", "fr/index.html"]);
        assert!(language_switch(&languages[..1], "en", false).is_empty());
    }
}
