//! The browser app (Leptos, client-side rendered). Renders the compiled course and sends
//! the learner's intents to the core; holds no course rules of its own.
//!
//! State: the course (read-only), the progress record (one signal, saved by one effect),
//! and the current route (from the address bar).

mod activity;
mod certificate;
mod chunks;
mod lms;
mod navigation;
#[cfg(not(target_arch = "wasm32"))]
mod print;
mod progress_page;
mod quiz;
#[cfg(not(target_arch = "wasm32"))]
pub mod render;
mod saving;
mod session;
pub mod storage;
mod views;

// The core's modules by the paths the app has always used (`crate::model`, ...), and the
// browser wrappers it shares with the results page.
pub(crate) use course_core::{
    assessment, backup, feedback, grade, intent, json, model, progress, record, route, scorm,
};
pub(crate) use course_web::{browser, course_loader, mount, page_word};

use crate::model::Course;
use crate::progress::Progress;
use crate::route::Route;
use leptos::prelude::*;
use std::sync::Arc;

/// How long after a change progress is saved (changes in between are saved together).
const SAVE_DELAY_MS: u64 = 400;

/// Why progress is not being saved, when it is not (shared with the progress page).
#[derive(Clone, Copy)]
pub struct NotSaving(pub RwSignal<Option<String>>);

/// Offers the learner's progress as a file.
pub fn download_progress(ctx: Ctx) {
    let (name, text) = ctx.course.with_value(|c| {
        let text = ctx
            .progress
            .with_untracked(|p| crate::backup::export(p, c, js_sys::Date::now()));
        (crate::backup::file_name(c), text)
    });
    let _ = browser::download(&name, &text);
}

/// Starts the learner's app (`index.html`).
pub fn start() {
    // An old `/results` link, or `/print` (the SPA fallback serves this page for them):
    // the instructor page and the print page are documents of their own. (Never for
    // `results.html` itself: a server without that file would otherwise send the browser
    // round in circles.)
    let route = browser::current_route();
    if !route.is_in_player() && !browser::current_path().ends_with(".html") {
        browser::replace_location(&browser::href(&route));
        return;
    }
    // Instantiating the wasm and mounting the app are two tasks, not one long one. (Not
    // leptos's spawn_local: its executor starts with the mount.)
    wasm_bindgen_futures::spawn_local(async {
        browser::next_task().await;
        mount(|| {
            course_loader(course_web::COURSE_URL, |course| {
                view! { <Player course=course/> }.into_any()
            })
        });
    });
}

/// What every page can read and change.
#[derive(Clone, Copy)]
pub struct Ctx {
    pub course: StoredValue<Arc<Course>>,
    /// The questions' words and feedback, and the words only the pages in chunks use
    /// (`feedback.json`), once one of those pages has fetched them (`chunks`).
    pub feedback: StoredValue<Option<crate::feedback::Feedback>>,
    pub progress: RwSignal<Progress>,
    pub route: RwSignal<Route>,
}

impl Ctx {
    pub fn navigate(&self, to: Route) {
        browser::push(&to);
        self.route.set(to);
    }

    /// The text of the player's word `key`: in the course (the words every page uses) or
    /// in the fetched feedback (those only the pages in chunks use).
    #[inline(never)]
    fn lookup(&self, key: &str) -> Option<String> {
        self.course
            .with_value(|c| crate::model::find_word(&c.words, key).map(str::to_string))
            .or_else(|| {
                self.feedback.with_value(|f| {
                    f.as_ref()
                        .and_then(|f| crate::model::find_word(&f.words, key))
                        .map(str::to_string)
                })
            })
    }

    /// Sends what the learner did to the core, which applies it to their progress with its
    /// consequences (`Progress::apply`); a refused intent changes nothing and wakes nothing.
    /// (For the pages in chunks: one copy, in a chunk they share.)
    #[inline(never)]
    pub fn send(
        &self,
        intent: crate::intent::Intent,
    ) -> Result<crate::intent::Applied, crate::intent::Refused> {
        self.send_here(intent)
    }

    /// `send`, inlined where it is called: for the parts of the app that are always loaded,
    /// so that they keep only the rules of the intents they send (the assessment's rules
    /// stay out of the first download).
    #[inline(always)]
    pub fn send_here(
        &self,
        intent: crate::intent::Intent,
    ) -> Result<crate::intent::Applied, crate::intent::Refused> {
        let course = self.course.get_value();
        let mut p = self.progress.get_untracked();
        let out = p.apply(&course, intent, browser::moment());
        if out.is_ok() {
            self.progress.set(p);
        }
        out
    }

    /// The player's word for `key`, in the course's language (`Course::words`). (Not
    /// inlined: it is called from every page, and one copy keeps the wasm small.)
    #[inline(never)]
    pub fn w(&self, key: &str) -> String {
        self.lookup(key).unwrap_or_else(|| key.to_string())
    }

    /// The word for `key` with its `{name}`s filled in.
    #[inline(never)]
    pub fn wf(&self, key: &str, values: &[(&str, &str)]) -> String {
        crate::model::fill(&self.w(key), values)
    }

    /// The form of the word `key` for the number `n` in the course's language (the
    /// browser's plural rules), with `{count}` and `values` filled in.
    #[inline(never)]
    pub fn wn(&self, key: &str, n: u32, values: &[(&str, &str)]) -> String {
        let language = self.course.with_value(|c| c.language.clone());
        let category = browser::plural_category(&language, f64::from(n));
        let text = self
            .lookup(&format!("{key}.{category}"))
            .or_else(|| self.lookup(&format!("{key}.other")))
            .unwrap_or_default();
        let count = n.to_string();
        let mut all = vec![("count", count.as_str())];
        all.extend_from_slice(values);
        crate::model::fill(&text, &all)
    }
}

#[component]
fn Player(course: Arc<Course>) -> impl IntoView {
    let mut restored = storage::load(&course);
    // This learner's order of knowledge-check options, kept with their progress.
    restored
        .progress
        .ensure_order_seed((js_sys::Math::random() * 9_007_199_254_740_991.0) as u64);
    let can_save = restored.can_save;
    let stored = restored.stored.take();
    let notice = RwSignal::new(restored.notice);
    // Why progress is not being saved, while it is not: a notice that stays until it is.
    let not_saving = RwSignal::new(restored.unavailable);
    let ctx = Ctx {
        course: StoredValue::new(course),
        feedback: StoredValue::new(None),
        progress: RwSignal::new(restored.progress),
        route: RwSignal::new(browser::current_route()),
    };
    provide_context(ctx);
    provide_context(NotSaving(not_saving));

    // Each concern owns its listeners and their cleanup.
    let lms = session::LmsSession::start(ctx);
    saving::start(ctx, can_save, stored, not_saving, lms);
    activity::start(ctx);
    navigation::start(ctx);
    let lms_problem = lms.problem;

    // Once the page is up, what was already done when the record was loaded counts, and is
    // saved and reported like any change. (The effect reads no signal: it runs once.)
    Effect::new(move |_| {
        let _ = ctx.send_here(intent::Intent::Resume);
    });

    let progress = Memo::new(move |_| {
        ctx.progress.with(|p| {
            ctx.course
                .with_value(|c| crate::assessment::course_progress(c, p))
        })
    });

    // The header is the page's own (the author tool wrote it, in the course's language);
    // the app shows the learner's progress in it.
    Effect::new(move |_| {
        let (done, total) = progress.get();
        let label = ctx.wf(
            "progress_label",
            &[("percent", &(done * 100 / total.max(1)).to_string())],
        );
        browser::show_progress(done, total, &label);
    });
    view! {
        // What goes wrong with storage or the LMS is told in the page's words (they do not
        // depend on the course: `course_web::page_word`).
        {move || lms_problem.get().map(|(word, reason)| view! {
            <div class="notice" role="alert" data-testid="lms-problem"><p>{page_word(word, &[("reason", &reason)])}</p></div>
        })}
        {move || not_saving.get().map(|why| view! {
            <div class="notice" role="alert" data-testid="not-saving">
                <p>{page_word("storage_not_saved", &[("why", &page_word(&why, &[]))])}</p>
                <button type="button" data-testid="download-progress" on:click=move |_| download_progress(ctx)>{page_word("download_your_progress", &[])}</button>
            </div>
        })}
        {move || notice.get().map(|(word, reason)| view! {
            <div class="notice" role="status" data-testid="storage-notice">
                <p>{page_word(word, &[("reason", &reason)])}</p>
                <button type="button" on:click=move |_| notice.set(None)>{page_word("dismiss", &[])}</button>
            </div>
        })}
        <main id="main" class="page">
            {move || views::page(ctx, ctx.route.get())}
        </main>
    }
}
