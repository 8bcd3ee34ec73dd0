//! A course's static site, assembled from a built player (src/player.rs) and a compiled
//! course: every page, the player's files, the course's files, the web app manifest and
//! the service worker. In memory (`Site`), so that `serve` swaps a whole new site in at
//! once and `build` writes it out.
//!
//! What each page gets, in order:
//! - index.html: the course's title, description, language and direction; the styles
//!   inline; the app's tags (its script and wasm preloaded, fetched in parallel with the
//!   course); the course home prerendered into the loading shell (a learner on a slow
//!   connection reads it at first paint, before the wasm arrives).
//! - results.html (the instructor's page, its own bundle): the same language and styles.
//! - Both: a Content-Security-Policy (`policy`): only the site's own scripts and wasm run,
//!   inline scripts and styles only by hash, no plugins, no foreign base URL, no network
//!   but the site's own origin. Defence in depth behind the compiler's sanitising: the
//!   player puts compiled HTML into the page.
//! - sw.js: the whole course offline from one versioned cache, its version a hash of every
//!   file it caches (the instructor's page is not cached, and not in an LMS package).

use crate::player::{hex, Player};
use course_compiler::i18n::{switch_html, LanguageLink};
use course_compiler::words;
use course_core::model::Course;
use course_core::route::{page_title, reading_order, Route};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::fs;
use std::path::Path;
use std::sync::Arc;

pub type Bytes = Arc<Vec<u8>>;

/// The files of the player a site is assembled from, read once.
pub struct PlayerFiles {
    pub player: Player,
    /// The app and results bundles, by their paths in the site.
    bundles: Vec<(String, Bytes)>,
    /// The page templates, styles and icons (the player's `shell/`).
    shell: BTreeMap<String, Bytes>,
}

impl PlayerFiles {
    pub fn read(player: Player) -> Result<PlayerFiles, String> {
        let mut bundles = Vec::new();
        // The instructor's app is a folder too (`results/<hash>/`: its main module, its
        // chunks and their loader).
        let results = player
            .results_js
            .rsplit_once('/')
            .map_or("results", |(folder, _)| folder)
            .to_string();
        for folder in [player.app.as_str(), results.as_str(), "lrs"] {
            let dir = player.dir.join(folder);
            let mut names: Vec<_> = fs::read_dir(&dir)
                .map_err(|e| format!("{}: {e}", dir.display()))?
                .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
                .collect();
            names.sort();
            for name in names {
                let path = dir.join(&name);
                let bytes = fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
                bundles.push((format!("{folder}/{name}"), Arc::new(bytes)));
            }
        }
        let mut shell = BTreeMap::new();
        let dir = player.dir.join("shell");
        read_all(&dir, "", &mut shell)?;
        Ok(PlayerFiles {
            player,
            bundles,
            shell,
        })
    }

    fn text(&self, name: &str) -> Result<String, String> {
        let bytes = self
            .shell
            .get(name)
            .ok_or_else(|| format!("the player has no {name} (rebuild it)"))?;
        String::from_utf8(bytes.to_vec()).map_err(|_| format!("{name} is not UTF-8"))
    }

    /// The SCORM schemas (the player's `shell/scorm12/*.xsd`).
    pub fn scorm_schema(&self, name: &str) -> Option<Bytes> {
        self.shell.get(&format!("scorm12/{name}")).cloned()
    }
}

fn read_all(dir: &Path, prefix: &str, out: &mut BTreeMap<String, Bytes>) -> Result<(), String> {
    for entry in fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))? {
        let entry = entry.map_err(|e| e.to_string())?;
        let name = format!("{prefix}{}", entry.file_name().to_string_lossy());
        let path = entry.path();
        if path.is_dir() {
            read_all(&path, &format!("{name}/"), out)?;
        } else {
            out.insert(
                name,
                Arc::new(fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?),
            );
        }
    }
    Ok(())
}

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

/// The form that asks the learner of a site built for one LRS who they are, once, and
/// keeps it as an xAPI agent (`xapi::LEARNER_KEY`; `xapi::LEARNER_EVENT` tells the LRS
/// reporter, which waits for it): an
/// e-mail address becomes the agent's `mbox` (its letters in lower case), anything else an
/// account on the site (`homePage` its origin); the name, when given, its `name`. Shown
/// only until the browser knows.
const LEARNER_FORM: &str = r#"<section id="learner-id" class="notice-box" aria-labelledby="learner-id-h" data-testid="learner-id" hidden>
    <h2 id="learner-id-h">{{w:lrs_identify_title}}</h2>
    <p>{{w:lrs_identify_text}}</p>
    <form>
      <p><label for="learner-name">{{w:lrs_identify_name}}</label><br><input id="learner-name" autocomplete="name"></p>
      <p><label for="learner-ref">{{w:lrs_identify_id}}</label><br><input id="learner-ref" required autocomplete="email"></p>
      <p><button type="submit" class="primary">{{w:lrs_identify_save}}</button></p>
    </form>
  </section>
  <script>
    (function (box) {
      var KEY = '{{learner_key}}';
      try { if (localStorage.getItem(KEY)) return; } catch (e) { return; }
      box.hidden = false;
      box.querySelector('form').addEventListener('submit', function (e) {
        e.preventDefault();
        var id = document.getElementById('learner-ref').value.trim();
        var name = document.getElementById('learner-name').value.trim();
        if (!id) return;
        var agent = /^[^@\s]+@[^@\s]+$/.test(id)
          ? { objectType: 'Agent', mbox: 'mailto:' + id.toLowerCase() }
          : { objectType: 'Agent', account: { homePage: location.origin, name: id } };
        if (name) agent.name = name;
        try { localStorage.setItem(KEY, JSON.stringify(agent)); } catch (err) { return; }
        box.hidden = true;
        window.dispatchEvent(new Event('{{learner_event}}'));
      });
    })(document.getElementById('learner-id'));
  </script>"#;

/// An LRS's origin as `--lrs-origin` gives it (`https://lrs.example.org[:port]`, nothing
/// after), checked: it goes into every page's Content-Security-Policy.
pub fn lrs_origin(s: &str) -> Result<String, String> {
    let s = s.trim().trim_end_matches('/');
    let rest = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"))
        .ok_or_else(|| format!("--lrs-origin {s}: an origin starts with https:// (or http://)"))?;
    if rest.is_empty()
        || rest.contains(['/', '?', '#', ' ', ';', ',', '\'', '"'])
        || !rest
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'))
    {
        return Err(format!(
            "--lrs-origin {s}: give the LRS's origin only (scheme, host and port, like https://lrs.example.org:8443)"
        ));
    }
    Ok(s.to_string())
}

/// Where `serve`'s live-reload script and event stream are (never a course path: the
/// compiler's ids cannot start with `_`).
pub const LIVE_RELOAD_SCRIPT: &str = "/__engine/live.js";

/// A built site: every file by its path.
#[derive(Clone, Default)]
pub struct Site {
    pub files: BTreeMap<String, Bytes>,
}

impl Site {
    /// Writes the site into `out`, which it replaces (nothing of an older build stays).
    pub fn write(&self, out: &Path) -> Result<(), String> {
        let io = |p: &Path, e: std::io::Error| format!("{}: {e}", p.display());
        if out.exists() {
            fs::remove_dir_all(out).map_err(|e| io(out, e))?;
        }
        for (name, bytes) in &self.files {
            let path = out.join(name);
            if let Some(parent) = path.parent() {
                fs::create_dir_all(parent).map_err(|e| io(parent, e))?;
            }
            fs::write(&path, bytes.as_slice()).map_err(|e| io(&path, e))?;
        }
        Ok(())
    }

    /// The files a learner's browser or an LMS package needs: all but the instructor's page.
    pub fn learner_files(&self) -> impl Iterator<Item = (&String, &Bytes)> {
        self.files.iter().filter(|(f, _)| !is_instructor_only(f))
    }
}

/// The instructor's results page (results.html, the course as it reads it, and its bundle,
/// beside each language): not part of the course, so
/// learners never download it, the service worker does not cache it and an LMS package
/// leaves it out.
pub fn is_instructor_only(file: &str) -> bool {
    let name = file.rsplit('/').next().unwrap_or(file);
    name == "results.html"
        || name == course_core::model::RESULTS_COURSE_FILE
        || file.starts_with("results/")
}

/// Assembles the site of `courses` (compiled from `course_dir`): the first, in the course's
/// own language, at the site's root; each translation in a folder named by its language
/// (`fr/`), sharing the root's player, icons and service worker.
pub fn assemble(
    courses: &[Course],
    languages: &[LanguageLink],
    course_dir: &Path,
    player: &PlayerFiles,
    opts: &Options,
) -> Result<Site, String> {
    let course = courses.first().ok_or("no course to build")?;
    let mut files: BTreeMap<String, Bytes> = BTreeMap::new();
    for (name, bytes) in &player.bundles {
        files.insert(name.clone(), bytes.clone());
    }
    for icon in ["icon.svg", "icon-192.png", "icon-512.png"] {
        if let Some(bytes) = player.shell.get(icon) {
            files.insert(icon.into(), bytes.clone());
        }
    }
    let all_css = player.text("app.css")?;
    let css = compact_css(&without_results_css(&all_css));
    let live = if opts.live_reload {
        format!(r#"<script src="{LIVE_RELOAD_SCRIPT}" defer></script>"#)
    } else {
        String::new()
    };
    let template = without_comments(&player.text("index.html")?);
    let styles = format!("<style>{css}</style>");
    for (i, c) in courses.iter().enumerate() {
        let folder = if i == 0 {
            String::new()
        } else {
            format!("{}/", c.language)
        };
        language_pages(
            c, languages, &folder, course_dir, player, opts, &template, &styles, &live, &mut files,
        )?;
    }
    let language = Language::of(&course.language)?;

    // The instructor's page, in each language (the same bundle; its words in the page).
    let results_template = without_comments(&player.text("results.html")?);
    let results_styles = format!("<style>{}</style>", compact_css(&all_css));
    for (i, c) in courses.iter().enumerate() {
        let (folder, root) = if i == 0 {
            (String::new(), "")
        } else {
            (format!("{}/", c.language), "../")
        };
        let language = Language::of(&c.language)?;
        let results = fill(
            &results_template,
            &[
                ("{{lang}}", &escape(&language.tag)),
                ("{{dir}}", language.dir),
                ("{{title}}", &escape(&c.title)),
                ("{{root}}", root),
                ("{{js}}", &format!("{root}{}", player.player.results_js)),
                ("{{wasm}}", &format!("{root}{}", player.player.results_wasm)),
                ("<!-- engine: styles -->", &results_styles),
                (
                    "<!-- engine: page words -->",
                    &page_words_meta(&words::page_words(&c.words, true)),
                ),
                ("<!-- engine: live reload -->", &live),
            ],
        )?;
        files.insert(
            format!("{folder}results.html"),
            // It may read the LRSs the site reports to (the LRS form).
            Arc::new(with_policy(&fill_words(&results, c), &opts.lrs_origins)?.into_bytes()),
        );
        files.insert(
            format!("{folder}{}", course_core::model::RESULTS_COURSE_FILE),
            Arc::new(course_compiler::results_course(c)),
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
        "// course-engine serve: no offline copy while authoring, so every reload shows the latest save.\n\
         self.addEventListener('install', () => self.skipWaiting());\n\
         self.addEventListener('activate', () => self.registration.unregister());\n"
            .to_string()
    } else {
        // Not the static pages: with the service worker in place, every address is the
        // app's page (index.html), so a first visit downloads none of them in advance.
        let cached: Vec<&String> = files
            .keys()
            .filter(|f| {
                !is_instructor_only(f)
                    // The LRS reporter: only pages launched with an LRS fetch it (the
                    // service worker keeps it then).
                    && !f.starts_with("lrs/")
                    && !(f.ends_with("/index.html")
                        && !f.starts_with("course/")
                        && !folders.iter().any(|l| **f == format!("{l}index.html")))
            })
            .collect();
        let mut h = Sha256::new();
        for f in &cached {
            h.update(f.as_bytes());
            h.update(files[*f].as_slice());
        }
        let version = hex(&h.finalize()[..8]);
        let list = serde_json::to_string(&cached).expect("file names serialise");
        let languages = serde_json::to_string(&folders).expect("names serialise");
        fill(
            &player.text("sw.js")?,
            &[
                ("__VERSION__", &version),
                ("__FILES__", &list),
                ("__LANGUAGES__", &languages),
            ],
        )?
    };
    files.insert("sw.js".into(), Arc::new(sw.into_bytes()));
    Ok(Site { files })
}

/// One language's pages under `folder` (empty for the course's own language, else `fr/`):
/// its home, a static page for every other page, and its compiled course.
#[allow(clippy::too_many_arguments)]
fn language_pages(
    course: &Course,
    languages: &[LanguageLink],
    folder: &str,
    course_dir: &Path,
    player: &PlayerFiles,
    opts: &Options,
    template: &str,
    styles: &str,
    live: &str,
    files: &mut BTreeMap<String, Bytes>,
) -> Result<(), String> {
    let course_files = course_compiler::course_files(course, course_dir)
        .map_err(|e| format!("{}: {e}", course_dir.display()))?;
    for (name, bytes) in course_files {
        files.insert(format!("{folder}course/{name}"), Arc::new(bytes));
    }
    let language = Language::of(&course.language)?;
    // From this language's folder up to the site's root (the player, the icons).
    let root = if folder.is_empty() { "" } else { "../" };
    let base = if folder.is_empty() || !(opts.base.starts_with('/') || opts.base.contains("://")) {
        opts.base.clone()
    } else {
        format!("{}{folder}", opts.base)
    };

    // The learner's page.
    let app = format!("{root}{}", player.player.app);
    // The app's script and wasm, and the compiled course, are fetched once the page has
    // painted its text: started earlier they only compete with it, and Lighthouse counts
    // them against the first paint (a deep-linked lesson's LCP, median of 3: 1.8 s with
    // them preloaded from <head>). The wasm and the course are preloaded then (the app's
    // own requests take the preloads over) while the script is imported. A hidden tab
    // (no frames) starts after 100 ms. A page launched with an LRS (`?endpoint=...`, the
    // xAPI launch) then imports the LRS reporter (crate `course-lrs`); no other page does.
    let learner_form = if opts.site_lrs.is_some() {
        LEARNER_FORM
            .replace("{{learner_key}}", course_core::xapi::LEARNER_KEY)
            .replace("{{learner_event}}", course_core::xapi::LEARNER_EVENT)
    } else {
        String::new()
    };
    let launched = if opts.site_lrs.is_some() {
        // A site built for one LRS: every page reports to it.
        "true"
    } else {
        "/[?&]endpoint=/.test(location.search)"
    };
    let lrs = format!(
        "\n    if ({launched}) {{\n      \
         const lrs = await import('./{root}{js}');\n      \
         await lrs.default({{ module_or_path: new URL('{root}{wasm}', document.baseURI) }});\n    }}",
        js = player.player.lrs_js,
        wasm = player.player.lrs_wasm,
    );
    let app_tags = format!(
        r#"<script type="module">
    await new Promise((painted) => {{ requestAnimationFrame(() => setTimeout(painted)); setTimeout(painted, 100); }});
    for (const [href, type] of [['{app}/player_bg.wasm', 'application/wasm'], ['course/course.json', '']]) {{
      const link = Object.assign(document.createElement('link'), {{ rel: 'preload', href, as: 'fetch', crossOrigin: 'anonymous' }});
      if (type) link.type = type;
      document.head.append(link);
    }}
    const bindings = await import('./{app}/player.js');
    await bindings.default({{ module_or_path: new URL('{app}/player_bg.wasm', document.baseURI) }});
    window.wasmBindings = bindings;{lrs}
  </script>"#
    );
    // Every page a learner reads, at its own address, readable before the wasm arrives (a
    // deep link's first paint is its text): the app's own pages, rendered here for a new
    // learner (`course_player::render`), so nothing moves when the app takes over.
    let shared = Arc::new(course.clone());
    let home = course_player::render::page(&shared, &Route::Home);
    let statics: Vec<(String, String, String)> = static_routes(course)
        .iter()
        .map(|route| {
            (
                route.path(),
                page_title(course, route),
                course_player::render::page(&shared, route),
            )
        })
        .collect();
    let pages: Vec<&str> = statics.iter().map(|(path, _, _)| path.as_str()).collect();
    let relative = !(opts.base.starts_with('/') || opts.base.contains("://"));
    let page_words = page_words_meta(&words::page_words(&course.words, false));
    let page =
        |page_title: &str, base: &str, loading: &str, content: &str| -> Result<String, String> {
            let template = section(
                template,
                "outline",
                content.contains(r#"<div class="with-outline">"#),
            )?;
            let html = fill(
                &template,
                &[
                    ("{{lang}}", &escape(&language.tag)),
                    ("{{dir}}", language.dir),
                    ("{{page_title}}", &escape(page_title)),
                    ("{{title}}", &escape(&course.title)),
                    ("{{description}}", &escape(&course.description)),
                    ("{{base}}", &escape(base)),
                    ("{{root}}", root),
                    ("<!-- engine: page words -->", &page_words),
                    ("<!-- engine: styles -->", styles),
                    ("<!-- engine: app -->", &app_tags),
                    (
                        "<!-- engine: languages -->",
                        &language_switch(course, languages, relative),
                    ),
                    (
                        "{{progress_zero}}",
                        &escape(&words::fill(
                            course.word("progress_label"),
                            &[("percent", "0")],
                        )),
                    ),
                    ("<!-- engine: learner -->", &learner_form),
                    ("<!-- engine: loading -->", loading),
                    ("<!-- engine: page -->", content),
                    ("<!-- engine: live reload -->", live),
                ],
            )?;
            with_policy(
                &file_links(&fill_words(&html, course), &opts.base, &pages),
                &opts.lrs_origins,
            )
        };
    files.insert(
        format!("{folder}index.html"),
        Arc::new(page(&course.title, &base, &loading(course), &home)?.into_bytes()),
    );
    // Every other page a learner reads, at its own address, readable before the wasm
    // arrives (a deep link's first paint is its text); the app takes over in place.
    for (path, title, content) in &statics {
        let depth = path.matches('/').count() + 1;
        let page_base = page_base(&base, depth);
        let html = page(title, &page_base, "", content)?;
        files.insert(
            format!("{folder}{path}/index.html"),
            Arc::new(html.into_bytes()),
        );
    }
    Ok(())
}

/// The header's language switch: a link to each language's home (a file's name in a
/// package, whose LMS may not serve folders), which the page's script points at the page
/// the learner is on when it is followed (index.html). Nothing for a course in one language.
fn language_switch(course: &Course, languages: &[LanguageLink], relative: bool) -> String {
    if languages.len() < 2 {
        return String::new();
    }
    format!(
        r#"<nav class="languages" aria-label="{}">{}</nav>"#,
        escape(course.word("nav_language")),
        switch_html(languages, &course.language, "", relative)
    )
}

/// With a relative base (an LMS package), links to the site's pages name their files
/// (`topics/t/l/index.html`, `index.html`): an LMS serves the package's files, and not
/// always a folder's `index.html`, so a link followed before the app starts must name the
/// file. (The app reads both forms as the same page; on a web server the folder form
/// works, and is the address learners see.)
fn file_links(html: &str, base: &str, pages: &[&str]) -> String {
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

/// The shell's loading line, on the home only (every other page has its text at once).
/// The loading line, until the app starts.
fn loading(course: &Course) -> String {
    format!(
        r#"<p class="loading shell-loading">{}</p>"#,
        escape(course.word("loading_course"))
    )
}

/// The stylesheet without the rules only the instructor's page uses (between the
/// `engine: results page only` comment and its end marker): the learner's pages do without.
fn without_results_css(css: &str) -> String {
    const START: &str = "/* engine: results page only";
    const END: &str = "/* engine: end of results page only */";
    match (css.find(START), css.find(END)) {
        (Some(a), Some(b)) if a < b => format!("{}{}", &css[..a], &css[b + END.len()..]),
        _ => css.to_string(),
    }
}

/// The words a page carries for its app (`course_web::page_word` reads them): those it
/// needs before, or without, the compiled course.
fn page_words_meta(words: &str) -> String {
    format!(
        r#"<meta name="engine-words" id="engine-words" content="{}">"#,
        escape(words)
    )
}

/// `html` with each `{{w:key}}` of the template replaced by the course's word for `key`.
fn fill_words(html: &str, course: &Course) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(open) = rest.find("{{w:") {
        let Some(close) = rest[open..].find("}}") else {
            break;
        };
        out.push_str(&rest[..open]);
        out.push_str(&escape(course.word(&rest[open + 4..open + close])));
        rest = &rest[open + close + 2..];
    }
    out.push_str(rest);
    out
}

/// A page's base URL at `depth` folders below the site's: the same for an absolute base;
/// a relative one (an LMS package's `./`) climbs back up.
fn page_base(base: &str, depth: usize) -> String {
    if base.starts_with('/') || base.contains("://") {
        base.to_string()
    } else {
        format!("{}{}", "../".repeat(depth), base.trim_start_matches("./"))
    }
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

/// `template` with its part between `<!-- engine: {name} -->` and `<!-- engine: end of
/// {name} -->` kept (without the markers) or left out.
fn section(template: &str, name: &str, keep: bool) -> Result<String, String> {
    let (start, end) = (
        format!("<!-- engine: {name} -->"),
        format!("<!-- engine: end of {name} -->"),
    );
    match (template.find(&start), template.find(&end)) {
        (Some(a), Some(b)) if a < b => Ok(if keep {
            format!(
                "{}{}{}",
                &template[..a],
                &template[a + start.len()..b],
                &template[b + end.len()..]
            )
        } else {
            format!("{}{}", &template[..a], &template[b + end.len()..])
        }),
        _ => Err(format!("the page template has no {start} ... {end}")),
    }
}

/// `template` with each marker replaced; a marker the template lacks is an error (a
/// template that lost one would otherwise build a page without, say, its app).
fn fill(template: &str, pairs: &[(&str, &str)]) -> Result<String, String> {
    let mut out = template.to_string();
    for (marker, value) in pairs {
        if !out.contains(marker) {
            return Err(format!("the page template has no {marker}"));
        }
        out = out.replace(marker, value);
    }
    Ok(out)
}

/// A page template without its comments (they are for its readers; the page is on every
/// learner's critical path), except the `<!-- engine: ... -->` markers `fill` replaces.
fn without_comments(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find("<!--") {
        let Some(len) = rest[at..].find("-->") else {
            break;
        };
        let comment = &rest[at..at + len + 3];
        out.push_str(&rest[..at]);
        let mut after = at + len + 3;
        if comment.starts_with("<!-- engine:") {
            out.push_str(comment);
        } else {
            // A comment on a line of its own goes with its line.
            let trimmed = out.trim_end_matches([' ', '\t']).len();
            if out[..trimmed].ends_with('\n') && rest[after..].starts_with('\n') {
                out.truncate(trimmed);
                after += 1;
            }
        }
        rest = &rest[after..];
    }
    out.push_str(rest);
    out
}

/// A short name for the home screen: the title if it is short, else its first words.
fn short_name(title: &str) -> String {
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
    pub fn of(tag: &str) -> Result<Language, String> {
        let tag = if tag.is_empty() { "en" } else { tag };
        let subtags: Vec<&str> = tag.split('-').collect();
        let well_formed = subtags
            .iter()
            .all(|s| (1..=8).contains(&s.len()) && s.chars().all(|c| c.is_ascii_alphanumeric()))
            && matches!(subtags[0].len(), 2 | 3 | 5..=8)
            && subtags[0].chars().all(|c| c.is_ascii_alphabetic());
        if !well_formed {
            return Err(format!(
                "the course's language '{tag}' is not a BCP 47 tag (such as en, fr or es-419)"
            ));
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

/// The page with its Content-Security-Policy as the first thing after `<meta charset>`, so
/// that it governs everything after it.
fn with_policy(html: &str, lrs: &[String]) -> Result<String, String> {
    let html = &without_script_comments(html);
    if html.contains(r#"http-equiv="Content-Security-Policy""#) {
        return Err("the page template already has a Content-Security-Policy".into());
    }
    let at = html
        .find("<meta charset")
        .ok_or("the page template has no <meta charset>")?;
    let end = at
        + html[at..]
            .find('>')
            .ok_or("the page template's <meta charset> is not closed")?
        + 1;
    let meta = format!(
        r#"<meta http-equiv="Content-Security-Policy" content="{}">"#,
        policy(html, lrs)
    );
    Ok(format!("{}\n  {meta}{}", &html[..end], &html[end..]))
}

/// The page without the comment lines of its inline scripts (`// ...` on a line of its
/// own): they explain the template to whoever reads it, and cost every learner's first
/// visit 0.4 KB brotli.
fn without_script_comments(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut from = 0;
    for body in inline_elements(html, "script", true) {
        let at = body.as_ptr() as usize - html.as_ptr() as usize;
        out.push_str(&html[from..at]);
        for line in body.split_inclusive('\n') {
            if !line.trim_start().starts_with("// ") {
                out.push_str(line);
            }
        }
        from = at + body.len();
    }
    out.push_str(&html[from..]);
    out
}

/// The policy for a page: its inline scripts and styles by hash; connections to the site
/// and to the LRSs in `lrs` only.
pub fn policy(html: &str, lrs: &[String]) -> String {
    let hashes = |tag: &str, external: bool| -> String {
        inline_elements(html, tag, external)
            .iter()
            .map(|body| format!(" 'sha256-{}'", base64(&Sha256::digest(body.as_bytes()))))
            .collect()
    };
    [
        "default-src 'self'".to_string(),
        // 'wasm-unsafe-eval' lets the page compile its own wasm (it allows no JS eval).
        format!(
            "script-src 'self' 'wasm-unsafe-eval'{}",
            hashes("script", true)
        ),
        format!("style-src 'self'{}", hashes("style", false)),
        "img-src 'self' data:".into(),
        format!(
            "connect-src 'self'{}",
            lrs.iter().map(|o| format!(" {o}")).collect::<String>()
        ),
        "object-src 'none'".into(),
        "base-uri 'self'".into(),
        "form-action 'self'".into(),
    ]
    .join("; ")
}

/// The bodies of `<tag ...>body</tag>` elements, skipping those with a `src` (when
/// `skip_src`): those are governed by their origin, not their hash.
fn inline_elements<'a>(html: &'a str, tag: &str, skip_src: bool) -> Vec<&'a str> {
    let open = format!("<{tag}");
    let close = format!("</{tag}>");
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find(&open) {
        let after = &rest[at + open.len()..];
        if !after.starts_with(|c: char| c == '>' || c.is_whitespace()) {
            rest = after;
            continue;
        }
        let Some(gt) = after.find('>') else { break };
        let attrs = &after[..gt];
        let body_and_rest = &after[gt + 1..];
        let Some(end) = body_and_rest.find(&close) else {
            break;
        };
        if !(skip_src && attrs.contains("src=")) {
            out.push(&body_and_rest[..end]);
        }
        rest = &body_and_rest[end + close.len()..];
    }
    out
}

use course_core::xapi::base64;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_learners_pages_leave_out_the_results_pages_rules() {
        let css = std::fs::read_to_string("assets/app.css").unwrap();
        let learner = without_results_css(&css);
        assert!(css.contains(".dropzone") && !learner.contains(".dropzone"));
        assert!(!learner.contains("button.sort") && learner.contains(".notice-box"));
        assert!(learner.len() < css.len() && learner.contains(".certificate"));
    }

    #[test]
    fn base64_is_the_standard_one() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
    }

    #[test]
    fn the_policy_hashes_inline_scripts_and_styles_only() {
        let html = r#"<script>a()</script><script type="module">b()</script><script src="x.js"></script><style>p{}</style><scripts>no</scripts>"#;
        let p = policy(html, &["https://lrs.example.org".to_string()]);
        // sha256("a()") as browsers compute it.
        let a = base64(&Sha256::digest(b"a()"));
        assert!(p.contains(&format!("'sha256-{a}'")), "{p}");
        assert_eq!(
            p.matches("'sha256-").count(),
            3,
            "two scripts and one style: {p}"
        );
        assert!(p.contains("object-src 'none'") && p.contains("base-uri 'self'"));
        assert!(
            p.contains("connect-src 'self' https://lrs.example.org;"),
            "{p}"
        );
        assert!(policy(html, &[]).contains("connect-src 'self';"));
    }

    #[test]
    fn script_comment_lines_leave_the_page_and_its_hashes_follow() {
        let page = "<html><head><meta charset=\"utf-8\">\n<script>\n  // Why.\n  var a = 1; // kept\n</script>\n<script src=\"x.js\">// kept\n</script>\n</head><body><pre>// text stays</pre></body></html>";
        let out = with_policy(page, &[]).unwrap();
        assert!(!out.contains("// Why."));
        assert!(out.contains("var a = 1; // kept") && out.contains("<pre>// text stays</pre>"));
        assert!(out.contains("<script src=\"x.js\">// kept"));
        let hash = base64(&Sha256::digest("\n  var a = 1; // kept\n".as_bytes()));
        assert!(out.contains(&format!("'sha256-{hash}'")), "{out}");
    }

    #[test]
    fn an_lrs_origin_is_an_origin_and_nothing_more() {
        assert_eq!(
            lrs_origin("https://lrs.example.org/").unwrap(),
            "https://lrs.example.org"
        );
        assert_eq!(
            lrs_origin("http://127.0.0.1:8100").unwrap(),
            "http://127.0.0.1:8100"
        );
        for bad in [
            "lrs.example.org",
            "https://lrs.example.org/xAPI",
            "https://a b",
            "https://x;script-src *",
            "ftp://x",
            "https://",
        ] {
            assert!(lrs_origin(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_policy_goes_first_after_the_charset_and_only_once() {
        let page = with_policy(
            "<head><meta charset=\"utf-8\"><script>x</script></head>",
            &[],
        )
        .unwrap();
        assert!(page.starts_with(
            "<head><meta charset=\"utf-8\">\n  <meta http-equiv=\"Content-Security-Policy\""
        ));
        assert!(with_policy(&page, &[]).is_err());
        assert!(with_policy("<head></head>", &[]).is_err());
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
    fn a_template_that_lost_a_marker_is_an_error() {
        assert_eq!(fill("a {{x}} b", &[("{{x}}", "1")]).unwrap(), "a 1 b");
        assert!(fill("a b", &[("{{x}}", "1")]).is_err());
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
    fn comments_go_but_markers_stay() {
        assert_eq!(
            without_comments("<p>\n  <!-- a\n b -->\n  <!-- engine: app -->\n</p><!--x-->y"),
            "<p>\n  <!-- engine: app -->\n</p>y"
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
