//! Pages: course home, lesson, knowledge check, glossary, resources, not found.
//!
//! Each page renders what `Ctx` holds; navigation order and grading come from the core.

use super::browser::{elements, href};
use super::chunks::{self, Chunk};
use super::quiz::CheckQuestion;
use super::Ctx;
use crate::assessment::{topic_done, topic_started};
use crate::model::Course;
use crate::route::{neighbours, reading_order, Route};
use leptos::prelude::*;

pub fn page_title(course: &Course, route: &Route) -> String {
    let page = match route {
        Route::Home => return course.title.clone(),
        Route::Lesson { topic, lesson } => course
            .lesson(topic, lesson)
            .map(|(_, l)| l.title.clone())
            .unwrap_or_else(|| "Page not found".into()),
        Route::Check { topic } => course
            .topic(topic)
            .map(|t| format!("Knowledge check: {}", t.title))
            .unwrap_or_else(|| "Page not found".into()),
        Route::Assessment => "Final assessment".into(),
        Route::Certificate => "Certificate".into(),
        Route::Progress => "Your progress".into(),
        Route::Results => "Results for instructors".into(),
        Route::Glossary => "Glossary".into(),
        Route::Resources => "Further resources".into(),
        Route::NotFound(_) => "Page not found".into(),
    };
    format!("{page} · {}", course.title)
}

pub fn page(ctx: Ctx, route: Route) -> AnyView {
    match route {
        Route::Home => home(ctx),
        Route::Lesson { topic, lesson } => {
            let here = Route::Lesson {
                topic: topic.clone(),
                lesson: lesson.clone(),
            };
            with_outline(ctx, here, lesson_page(ctx, &topic, &lesson))
        }
        Route::Check { topic } => with_outline(
            ctx,
            Route::Check {
                topic: topic.clone(),
            },
            chunks::page(ctx, Chunk::Check(topic)),
        ),
        Route::Assessment => {
            with_outline(ctx, Route::Assessment, chunks::page(ctx, Chunk::Assessment))
        }
        Route::Certificate => chunks::page(ctx, Chunk::Certificate),
        Route::Progress => chunks::page(ctx, Chunk::Progress),
        // The instructor page is its own document (`start` sends old `/results` links there).
        Route::Results => view! {
            <h1 tabindex="-1">"Results for instructors"</h1>
            <p><a href=href(&Route::Results)>"Open the results page for instructors"</a></p>
        }
        .into_any(),
        Route::Glossary => glossary(ctx),
        Route::Resources => resources(ctx),
        Route::NotFound(_) => not_found(),
    }
}

fn home(ctx: Ctx) -> AnyView {
    let course = ctx.course.get_value();
    let first = reading_order(&course).into_iter().next();
    let resume = move || {
        ctx.progress.with(|p| {
            p.last_lesson.as_ref().and_then(|l| {
                ctx.course.with_value(|c| {
                    c.lesson(&l.topic, &l.lesson).map(|(_, lesson)| {
                        let to = Route::Lesson {
                            topic: l.topic.clone(),
                            lesson: l.lesson.clone(),
                        };
                        (href(&to), lesson.title.clone())
                    })
                })
            })
        })
    };
    let start = first.map(|r| href(&r));
    // The static part is the compiler's HTML; each topic's status is filled in here.
    let static_part = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        let Some(part) = static_part.get() else {
            return;
        };
        ctx.course.with_value(|c| {
            ctx.progress.with(|p| {
                for place in elements(&part, "[data-topic-status]") {
                    let status = place
                        .get_attribute("data-topic-status")
                        .and_then(|id| c.topic(&id))
                        .map(|t| {
                            if topic_done(t, p) {
                                "Done"
                            } else if topic_started(t, p) {
                                "In progress"
                            } else {
                                "Not started"
                            }
                        });
                    place.set_text_content(status);
                }
            })
        });
    });
    view! {
        <article class="home">
            <h1 tabindex="-1">{course.title.clone()}</h1>
            <p class="meta"><span data-testid="duration">{format!("About {} minutes", course.estimated_minutes)}</span>" · self-paced"</p>
            <p class="lead">{course.description.clone()}</p>
            <div class="actions">
                {move || match resume() {
                    Some((to, title)) => view! {
                        <a class="button primary" href=to data-testid="continue">{format!("Continue: {title}")}</a>
                    }.into_any(),
                    None => view! {
                        <a class="button primary" href=start.clone().unwrap_or_default() data-testid="start">"Start the course"</a>
                    }.into_any(),
                }}
            </div>
            {move || ctx.progress.with(|p| p.completion.is_some()).then(|| view! {
                <p class="verdict right" data-testid="course-complete">"You have completed this course. "
                    <a href=href(&Route::Certificate)>"Get your certificate"</a></p>
            })}
            <div node_ref=static_part inner_html=course.home_html.clone()></div>
            <p class="meta">"Your progress is saved in this browser. "
                <a href=href(&Route::Progress)>"Back it up, restore it, or send your results to your instructor"</a></p>
            <p class="meta">"Instructors: "<a href=href(&Route::Results)>"combine your learners' results"</a></p>
        </article>
    }
    .into_any()
}

fn pager(course: &Course, here: &Route) -> impl IntoView {
    let (prev, next) = neighbours(course, here);
    let label = |r: &Route| match r {
        Route::Lesson { topic, lesson } => course
            .lesson(topic, lesson)
            .map(|(_, l)| l.title.clone())
            .unwrap_or_default(),
        Route::Check { topic } => course
            .topic(topic)
            .map(|t| format!("Knowledge check: {}", t.title))
            .unwrap_or_default(),
        Route::Assessment => "Final assessment".into(),
        _ => String::new(),
    };
    let prev = prev.map(|r| view! { <a class="prev" rel="prev" href=href(&r) data-testid="prev"><span class="dir">"Previous"</span>{label(&r)}</a> });
    let next = next.map(|r| view! { <a class="next" rel="next" href=href(&r) data-testid="next"><span class="dir">"Next"</span>{label(&r)}</a> });
    view! { <nav class="pager" aria-label="Lesson">{prev}{next}</nav> }
}

fn lesson_page(ctx: Ctx, topic_id: &str, lesson_id: &str) -> AnyView {
    let course = ctx.course.get_value();
    let Some((topic, lesson)) = course.lesson(topic_id, lesson_id) else {
        return not_found();
    };
    let here = Route::Lesson {
        topic: topic_id.into(),
        lesson: lesson_id.into(),
    };
    // The lesson counts as seen when its end comes into view, not when it opens.
    let end = NodeRef::<leptos::html::Div>::new();
    let seen_id = lesson.id.clone();
    Effect::new(move |_| {
        if let Some(el) = end.get() {
            let id = seen_id.clone();
            super::browser::when_visible(&el, move || {
                if ctx.progress.with_untracked(|p| !p.seen.contains(&id)) {
                    ctx.progress.update(|p| {
                        p.seen.insert(id.clone());
                    });
                }
            });
        }
    });
    let sources = (!lesson.sources.is_empty()).then(|| {
        view! { <p class="sources" data-testid="sources">"Sources: "{lesson.sources.join(", ")}</p> }
    });
    view! {
        <article class="lesson" data-testid="lesson">
            <p class="eyebrow">{topic.title.clone()}</p>
            <h1 tabindex="-1">{lesson.title.clone()}</h1>
            <div class="prose" inner_html=lesson.html.clone()></div>
            {sources}
            <div node_ref=end data-testid="lesson-end"></div>
            {pager(&course, &here)}
        </article>
    }
    .into_any()
}

/// A topic's knowledge check (in a chunk of its own: `chunks`).
pub fn check_page(ctx: Ctx, topic_id: &str) -> AnyView {
    let course = ctx.course.get_value();
    let Some(topic) = course.topic(topic_id).filter(|t| !t.check.is_empty()) else {
        return not_found();
    };
    let here = Route::Check {
        topic: topic_id.into(),
    };
    view! {
        <article class="check" data-testid="knowledge-check">
            <p class="eyebrow">{topic.title.clone()}</p>
            <h1 tabindex="-1">"Knowledge check"</h1>
            <p>{format!("{} questions. Answer each one and submit it to see feedback; you can try again as often as you like.", topic.check.len())}</p>
            {topic.check.iter().enumerate().map(|(i, q)| view! { <CheckQuestion question=q.clone() number=i + 1/> }).collect_view()}
            {pager(&course, &here)}
        </article>
    }
    .into_any()
}

fn glossary(ctx: Ctx) -> AnyView {
    let course = ctx.course.get_value();
    view! {
        <article class="glossary">
            <h1 tabindex="-1">"Glossary"</h1>
            <dl data-testid="glossary">
                {course.glossary.iter().map(|g| view! {
                    <dt id=g.id.clone()>{g.term.clone()}</dt>
                    <dd inner_html=g.definition_html.clone()></dd>
                }).collect_view()}
            </dl>
        </article>
    }
    .into_any()
}

fn resources(ctx: Ctx) -> AnyView {
    let html = ctx.course.with_value(|c| c.resources_html.clone());
    match html {
        Some(html) => view! { <article class="prose resources" inner_html=html></article> }.into_any(),
        None => view! {
            <article><h1 tabindex="-1">"Further resources"</h1><p>"This course lists no further resources."</p></article>
        }
        .into_any(),
    }
}

fn not_found() -> AnyView {
    view! {
        <article>
            <h1 tabindex="-1">"Page not found"</h1>
            <p>"This course has no page at this address. It may have been renamed in an update."</p>
            <p><a href=href(&Route::Home)>"Go to the course home"</a></p>
        </article>
    }
    .into_any()
}

/// A page with the course outline beside it (above it, collapsed, on small screens).
fn with_outline(ctx: Ctx, here: Route, page: AnyView) -> AnyView {
    let wide = web_sys::window()
        .and_then(|w| w.inner_width().ok())
        .and_then(|w| w.as_f64())
        .is_some_and(|w| w >= 1024.0);
    // The outline is the compiler's HTML; the current page and the lessons read are marked
    // here, again whenever progress changes.
    let outline = NodeRef::<leptos::html::Div>::new();
    let here = here.path();
    Effect::new(move |_| {
        if let Some(outline) = outline.get() {
            ctx.progress.with(|p| mark_outline(&outline, &here, p));
        }
    });
    view! {
        <div class="with-outline">
            <nav class="outline" aria-label="Table of contents">
                <details open=wide data-testid="outline">
                    <summary>"Contents"</summary>
                    <div node_ref=outline inner_html=ctx.course.with_value(|c| c.outline_html.clone())></div>
                </details>
            </nav>
            <div class="outline-page">{page}</div>
        </div>
    }
    .into_any()
}

/// Marks the link to `here` as the current page, and each lesson read as seen: a tick (the
/// `seen` class) and " (read)" for screen readers.
fn mark_outline(outline: &web_sys::Element, here: &str, p: &crate::progress::Progress) {
    for link in elements(outline, "a") {
        let _ = if link.get_attribute("href").as_deref() == Some(here) {
            link.set_attribute("aria-current", "page")
        } else {
            link.remove_attribute("aria-current")
        };
        if let Some(item) = link.parent_element() {
            let seen = item
                .get_attribute("data-lesson")
                .is_some_and(|id| p.seen.contains(&id));
            let _ = item.class_list().toggle_with_force("seen", seen);
            if let Some(note) = link.next_element_sibling() {
                note.set_text_content(seen.then_some(" (read)"));
            }
        }
    }
}
