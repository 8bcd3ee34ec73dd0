//! The browser app (Leptos, client-side rendered). Renders the compiled course and sends
//! the learner's intents to the core; holds no course rules of its own.
//!
//! State: the course (read-only), the progress record (one signal, saved by one effect),
//! and the current route (from the address bar).

mod certificate;
mod chunks;
mod lms;
mod progress_page;
mod quiz;
pub mod storage;
mod views;

// The core's modules by the paths the app has always used (`crate::model`, ...), and the
// browser wrappers it shares with the results page.
pub(crate) use course_core::{assessment, backup, feedback, grade, json, model, progress, record, route, scorm};
pub(crate) use course_web::{browser, course_loader, mount};

use crate::model::Course;
use crate::progress::{LessonRef, Progress};
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

    // Inside an LMS (SCORM 1.2): resume from what it saved, and report to it on every save.
    let lms_problem = RwSignal::new(None::<String>);
    let started_at = js_sys::Date::now();
    let lms = StoredValue::new_local(lms::Lms::find());
    lms.with_value(|l| {
        let Some(l) = l else { return };
        if let Err(e) = l.initialize() {
            lms_problem.set(Some(format!(
                "Your learning platform could not be reached ({e})."
            )));
            return;
        }
        let suspended = l.get("cmi.suspend_data");
        if !suspended.is_empty() {
            match ctx
                .course
                .with_value(|c| crate::scorm::unpack(&suspended, c))
            {
                Ok(theirs) => ctx
                    .progress
                    .update_untracked(|ours| *ours = crate::progress::merge(ours, &theirs)),
                Err(e) => lms_problem.set(Some(format!(
                    "What your learning platform saved could not be used: {e}."
                ))),
            }
        }
        let location = l.get("cmi.core.lesson_location");
        if !location.is_empty() && ctx.route.get_untracked() == Route::Home {
            if let r @ (Route::Lesson { .. } | Route::Check { .. } | Route::Assessment) =
                Route::parse(&location)
            {
                browser::push(&r);
                ctx.route.set(r);
            }
        }
    });
    // What the LMS hears, and when (`scorm::Reporter`): meaningful changes at once, time on
    // task at most once a minute, everything when the page is hidden or closed.
    let reporter = StoredValue::new_local(crate::scorm::Reporter::default());
    let report = move |moment: crate::scorm::Moment| {
        lms.with_value(|l| {
            let Some(l) = l else { return };
            let now = js_sys::Date::now();
            let location = ctx.route.with_untracked(Route::path);
            let due = ctx.progress.with_untracked(|p| {
                ctx.course.with_value(|c| reporter.with_value(|r| r.due(c, p, &location, now, moment)))
            });
            let Some(due) = due else { return };
            let result = due
                .iter()
                .try_for_each(|(key, value)| l.set(key, value))
                .and_then(|_| l.commit());
            match result {
                Ok(()) => {
                    lms_problem.set(None);
                    ctx.progress.with_untracked(|p| {
                        ctx.course.with_value(|c| reporter.update_value(|r| r.accepted(c, p, &location, now)))
                    });
                }
                Err(e) => lms_problem.set(Some(format!("Your learning platform did not accept your progress ({e}). It is kept in this browser and will be sent again."))),
            }
        });
    };
    let finish_lms = move || {
        lms.update_value(|l| {
            if let Some(api) = l.take() {
                let seconds = ((js_sys::Date::now() - started_at) / 1000.0) as u64;
                let _ = api.set(
                    "cmi.core.session_time",
                    &crate::scorm::session_time(seconds),
                );
                let _ = api.commit();
                let _ = api.finish();
            }
        });
    };

    // Saving: debounced after each change, flushed when the page is hidden or closed, and
    // merged with whatever another tab saved meanwhile. Never written while rendering.
    let pending = StoredValue::new(None::<TimeoutHandle>);
    let flush = move |moment: crate::scorm::Moment| {
        if let Some(h) = pending.get_value() {
            h.clear();
            pending.set_value(None);
        }
        if can_save {
            let mut ours = ctx.progress.get_untracked();
            ours.updated_at = js_sys::Date::now();
            let result = ctx.course.with_value(|c| storage::save_merging(c, &ours));
            match result {
                Ok(storage::Saved::Written(merged) | storage::Saved::Unchanged(merged)) => {
                    not_saving.set(None);
                    if !merged.same_content(&ctx.progress.get_untracked()) {
                        ctx.progress.set(merged);
                    }
                }
                Err(reason) => not_saving.set(Some(reason)),
            }
        }
        report(moment);
    };
    // The LMS hears at once that the learner is here.
    report(crate::scorm::Moment::Saved);
    Effect::new(move |previous: Option<()>| {
        ctx.progress.track();
        if previous.is_some() {
            if let Some(h) = pending.get_value() {
                h.clear();
            }
            pending.set_value(
                set_timeout_with_handle(
                    move || flush(crate::scorm::Moment::Saved),
                    std::time::Duration::from_millis(SAVE_DELAY_MS),
                )
                .ok(),
            );
        }
    });
    let on_hide = window_event_listener(leptos::ev::pagehide, move |_| {
        flush(crate::scorm::Moment::Leaving);
        finish_lms();
    });
    let on_visibility = window_event_listener_untyped("visibilitychange", move |_| {
        if document().hidden() {
            flush(crate::scorm::Moment::Leaving);
        }
    });
    // Another tab saved: take in what it added.
    let on_storage =
        window_event_listener(leptos::ev::storage, move |ev: web_sys::StorageEvent| {
            let key = ctx
                .course
                .with_value(|c| crate::progress::storage_key(&c.id));
            if ev.key().as_deref() != Some(key.as_str()) {
                return;
            }
            let theirs = ctx
                .course
                .with_value(|c| crate::progress::Progress::decode(ev.new_value().as_deref(), c));
            if let crate::progress::Loaded::Restored(theirs) = theirs {
                let merged = ctx
                    .progress
                    .with_untracked(|ours| crate::progress::merge(ours, &theirs));
                if !ctx
                    .progress
                    .with_untracked(|ours| ours.same_content(&merged))
                {
                    ctx.progress.set(merged);
                }
            }
        });

    // Opening a lesson remembers it, so Continue and a reload come back to it.
    Effect::new(move |_| {
        if let Route::Lesson { topic, lesson } = ctx.route.get() {
            let known = ctx
                .course
                .with_value(|c| c.lesson(&topic, &lesson).is_some());
            let here = Some(LessonRef { topic, lesson });
            if known && ctx.progress.with_untracked(|p| p.last_lesson != here) {
                ctx.progress.update(|p| p.last_lesson = here);
            }
        }
    });

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

    // Time on task: every few seconds, credit the current page's topic if the tab is
    // visible and the learner has done something recently.
    let last_input = StoredValue::new(js_sys::Date::now());
    let mut input_listeners = Vec::new();
    for name in ["pointerdown", "keydown", "scroll", "touchstart", "focusin"] {
        input_listeners.push(leptos::prelude::window_event_listener_untyped(
            name,
            move |_| {
                last_input.set_value(js_sys::Date::now());
            },
        ));
    }
    let tick = set_interval_with_handle(
        move || {
            let visible = !document().hidden();
            if !crate::progress::is_active(visible, js_sys::Date::now(), last_input.get_value()) {
                return;
            }
            let topic = ctx.route.with_untracked(|r| {
                ctx.course
                    .with_value(|c| crate::route::topic_of(c, r).map(str::to_string))
            });
            if let Some(topic) = topic {
                ctx.progress.update(|p| {
                    *p.time_on_task.get_or_insert_with(topic, || 0) +=
                        crate::progress::TIME_TICK_SECONDS
                });
            }
        },
        std::time::Duration::from_secs(crate::progress::TIME_TICK_SECONDS),
    )
    .ok();

    // Titles and focus follow the route.
    Effect::new(move |previous: Option<()>| {
        let route = ctx.route.get();
        let title = ctx.course.with_value(|c| views::page_title(c, &route));
        browser::set_title(&title);
        if previous.is_some() {
            browser::focus_main_heading();
        }
    });

    let on_click = window_event_listener(leptos::ev::click, move |ev| {
        if browser::toggle_term(&ev) {
            return;
        }
        if let Some(route) = browser::internal_link_target(&ev) {
            ev.prevent_default();
            ctx.navigate(route);
        }
    });
    let on_pop = window_event_listener(leptos::ev::popstate, move |_| {
        ctx.route.set(browser::current_route());
    });
    on_cleanup(move || {
        on_click.remove();
        on_pop.remove();
        on_hide.remove();
        on_visibility.remove();
        on_storage.remove();
        for l in input_listeners {
            l.remove();
        }
        if let Some(t) = tick {
            t.clear();
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
