//! The browser wrappers that the learner's player and the instructor's results page share:
//! the address bar, fetching, files and focus (`browser`), and loading the compiled course
//! into a mounted app (`course_loader`, `mount`). No course rules: those are in course-core.

pub mod browser;

use course_core::model::Course;
use leptos::prelude::*;
use std::sync::Arc;

/// Where the compiled course is, relative to the page's base URL.
pub const COURSE_URL: &str = "course/course.json";

/// Mounts an app on the page's body.
pub fn mount<V: IntoView + 'static>(app: impl FnOnce() -> V + 'static) {
    // Panic messages in the console while developing. Not in release builds: they abort
    // on a panic without calling any hook (scripts/build-release.sh), so the hook and the
    // panic formatting it carries would be dead weight in the learner's wasm.
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app);
}

/// Removes the page's static shell (its loading line, and on the home address the
/// prerendered course home). It stays until the app has something to show instead, so the
/// learner never sees the home give way to a loading line and back.
pub fn remove_shell() {
    if let Some(shell) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("shell"))
    {
        shell.remove();
    }
}

thread_local! {
    /// The words the page carries (`<meta name="engine-words" id="engine-words">`, written by the author tool
    /// in the course's language, kept as `Course::words` keeps them).
    static PAGE_WORDS: String = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("engine-words"))
        .and_then(|m| m.get_attribute("content"))
        .unwrap_or_default();
}

/// The page's word for `key`, with its `{name}`s filled in (the key itself on a page
/// without words).
pub fn page_word(key: &str, values: &[(&str, &str)]) -> String {
    PAGE_WORDS.with(|words| {
        course_core::model::fill(
            course_core::model::find_word(words, key).unwrap_or(key),
            values,
        )
    })
}

#[derive(Clone)]
enum Load {
    Loading,
    Failed(String),
    Ready(Arc<Course>),
}

/// Fetches the compiled course from `url` (one request), then shows `ready` with it; says
/// plainly when the course cannot be loaded.
pub fn course_loader(url: &'static str, ready: fn(Arc<Course>) -> AnyView) -> impl IntoView {
    let load = RwSignal::new(Load::Loading);
    leptos::task::spawn_local(async move {
        let result = browser::fetch_text(url).await.and_then(|text| {
            course_core::json::from_str::<Course>(&text)
                .map_err(|e| format!("the course file is damaged ({e})"))
                .and_then(|c| {
                    if c.format == course_core::model::COMPILED_FORMAT {
                        Ok(c)
                    } else {
                        Err(format!(
                            "the course file has format {}, which this player does not read",
                            c.format
                        ))
                    }
                })
        });
        // Reading the course and rendering the first page are two tasks, not one long one:
        // input is handled in between (what Total Blocking Time counts).
        browser::next_task().await;
        // The shell goes in the same task as the app's page comes: no frame shows neither.
        remove_shell();
        load.set(match result {
            Ok(course) => Load::Ready(Arc::new(course)),
            Err(e) => Load::Failed(e),
        });
    });
    move || {
        match load.get() {
        // Meanwhile the page's static shell says it is loading.
        Load::Loading => ().into_any(),
        Load::Failed(reason) => view! {
            <main id="main" class="page">
                <h1 tabindex="-1">{page_word("load_failed_title", &[])}</h1>
                <p role="alert" data-testid="load-error">{page_word("load_failed_reason", &[("reason", &reason)])}</p>
                <p>{page_word("load_failed_help", &[])}</p>
                <p><button type="button" on:click=|_| { let _ = web_sys::window().map(|w| w.location().reload()); }>{page_word("load_failed_reload", &[])}</button></p>
            </main>
        }
        .into_any(),
        Load::Ready(course) => ready(course),
    }
    }
}
