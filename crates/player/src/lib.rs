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
mod progress_page;
mod quiz;
mod saving;
mod session;
pub mod storage;
mod views;

// The core's modules by the paths the app has always used (`crate::model`, ...), and the
// browser wrappers it shares with the results page.
pub(crate) use course_core::{
    assessment, backup, feedback, grade, json, model, progress, record, route, scorm,
};
pub(crate) use course_web::{browser, course_loader, mount};

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
    // An old `/results` link (the SPA fallback serves this page for it): the instructor
    // page is its own document. (Never for `results.html` itself: a server without that
    // file would otherwise send the browser round in circles.)
    if browser::current_route() == Route::Results && !browser::current_path().ends_with(".html") {
        browser::replace_location(&browser::href(&Route::Results));
        return;
    }
    // Instantiating the wasm and mounting the app are two tasks, not one long one. (Not
    // leptos's spawn_local: its executor starts with the mount.)
    wasm_bindgen_futures::spawn_local(async {
        browser::next_task().await;
        mount(|| course_loader(|course| view! { <Player course=course/> }.into_any()));
    });
}

/// What every page can read and change.
#[derive(Clone, Copy)]
pub struct Ctx {
    pub course: StoredValue<Arc<Course>>,
    /// The questions' feedback (`feedback.json`), once a page that grades answers has
    /// fetched it (`chunks`).
    pub feedback: StoredValue<Option<crate::feedback::Feedback>>,
    pub progress: RwSignal<Progress>,
    pub route: RwSignal<Route>,
}

impl Ctx {
    pub fn navigate(&self, to: Route) {
        browser::push(&to);
        self.route.set(to);
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
    saving::start(ctx, can_save, not_saving, lms);
    activity::start(ctx);
    navigation::start(ctx);
    let lms_problem = lms.problem;

    // Topic completion times and the course completion are recorded once, when first reached.
    Effect::new(move |_| {
        let (topics_pending, pending) = ctx.progress.with(|p| {
            ctx.course.with_value(|c| {
                let topics = !crate::assessment::topics_newly_done(c, p).is_empty();
                (
                    topics,
                    p.completion.is_none() && crate::assessment::course_complete(c, p),
                )
            })
        });
        if topics_pending {
            let now = js_sys::Date::now();
            ctx.progress.update(|p| {
                ctx.course
                    .with_value(|c| crate::assessment::record_topics_done(c, p, now));
            });
        }
        if pending {
            let now = js_sys::Date::now();
            let entropy = (js_sys::Math::random() * 9_007_199_254_740_991.0) as u64;
            ctx.progress.update(|p| {
                ctx.course.with_value(|c| {
                    // The learner's own calendar day, from the browser's time zone.
                    let d = js_sys::Date::new(&now.into());
                    let day = (d.get_full_year(), d.get_month() + 1, d.get_date());
                    crate::assessment::record_completion(c, p, now, entropy, day)
                });
            });
        }
    });

    let progress = Memo::new(move |_| {
        ctx.progress.with(|p| {
            ctx.course
                .with_value(|c| crate::assessment::course_progress(c, p))
        })
    });

    let title = ctx.course.with_value(|c| c.title.clone());
    view! {
        <a class="skip-link" href="#main">"Skip to content"</a>
        <header class="site-header">
            <a class="brand" href=browser::href(&Route::Home)>{title}</a>
            <nav aria-label="Course">
                <ul>
                    <li><a href=browser::href(&Route::Home)>"Course home"</a></li>
                    <li><a href=browser::href(&Route::Glossary)>"Glossary"</a></li>
                    <li><a href=browser::href(&Route::Resources)>"Resources"</a></li>
                    <li><a href=browser::href(&Route::Certificate)>"Certificate"</a></li>
                </ul>
            </nav>
            {language_switch(ctx)}
            <div class="progress">
                <label for="course-progress">{move || {
                    let (done, total) = progress.get();
                    format!("Progress: {} %", done * 100 / total.max(1))
                }}</label>
                <progress id="course-progress" data-testid="course-progress"
                    max=move || progress.get().1 value=move || progress.get().0></progress>
            </div>
        </header>
        {move || lms_problem.get().map(|why| view! {
            <div class="notice" role="alert" data-testid="lms-problem"><p>{why}</p></div>
        })}
        {move || not_saving.get().map(|why| view! {
            <div class="notice" role="alert" data-testid="not-saving">
                <p>{format!("Your progress is not being saved: {why}. The course keeps working in this page; download your progress to keep it, and restore it later from the “Your progress” page.")}</p>
                <button type="button" data-testid="download-progress" on:click=move |_| download_progress(ctx)>"Download your progress"</button>
            </div>
        })}
        {move || notice.get().map(|n| view! {
            <div class="notice" role="status" data-testid="storage-notice">
                <p>{n}</p>
                <button type="button" on:click=move |_| notice.set(None)>"Dismiss"</button>
            </div>
        })}
        <main id="main" class="page">
            {move || views::page(ctx, ctx.route.get())}
        </main>
    }
}

/// The header's language switch, as the author tool wrote it (links to each language's
/// home; the page's own script points the one followed at the page the learner is on, and
/// remembers the choice). Progress is kept across it: every language's course has the same
/// id and ids.
fn language_switch(ctx: Ctx) -> impl IntoView {
    let list = ctx.course.with_value(|c| c.languages_html.clone());
    (!list.is_empty())
        .then(|| view! { <nav class="languages" aria-label="Language" inner_html=list></nav> })
}
