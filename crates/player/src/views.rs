//! Pages: course home, lesson, knowledge check, glossary, resources, not found.
//!
//! Each page renders what `Ctx` holds; navigation order and grading come from the core.

use super::browser::{elements, href};
use super::chunks::{self, Chunk};
use super::quiz::CheckQuestion;
use super::Ctx;
use crate::assessment::topic_status_word;
use crate::intent::Intent;
use crate::model::Course;
use crate::route::{link_label, neighbours, reading_order, Route};
use leptos::prelude::*;

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
            <h1 tabindex="-1">{ctx.w("instructor_results")}</h1>
            <p><a href=href(&Route::Results)>{ctx.w("open_results")}</a></p>
        }
        .into_any(),
        Route::Glossary => glossary(ctx),
        Route::Resources => resources(ctx),
        // The print page is a file of its own (`start` sends `/print` there); this is a
        // site without it.
        Route::NotFound(_) | Route::Print => not_found(ctx),
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
                        .map(|t| c.word(topic_status_word(t, p)));
                    place.set_text_content(status);
                }
            })
        });
    });
    view! {
        <article class="home">
            <h1 tabindex="-1">{course.title.clone()}</h1>
            <p class="meta"><span data-testid="duration">{ctx.wn("about_minutes", course.estimated_minutes, &[])}</span>{course.word("self_paced").to_string()}</p>
            <p class="lead">{course.description.clone()}</p>
            <div class="actions">
                {move || match resume() {
                    Some((to, title)) => view! {
                        <a class="button primary" href=to data-testid="continue">{ctx.wf("continue_to", &[("title", &title)])}</a>
                    }.into_any(),
                    None => view! {
                        <a class="button primary" href=start.clone().unwrap_or_default() data-testid="start">{ctx.w("start_course")}</a>
                    }.into_any(),
                }}
            </div>
            {move || ctx.progress.with(|p| p.completion.is_some()).then(|| view! {
                <p class="verdict right" data-testid="course-complete">{ctx.w("course_complete")}
                    <a href=href(&Route::Certificate)>{ctx.w("get_certificate")}</a></p>
            })}
            <div node_ref=static_part inner_html=home_html(&course, ctx)></div>
            <p class="meta">{course.word("saved_in_browser").to_string()}
                <a href=href(&Route::Progress)>{course.word("back_it_up_link").to_string()}</a></p>
            <p class="meta">{course.word("instructors").to_string()}<a href=href(&Route::Results)>{course.word("combine_results").to_string()}</a></p>
        </article>
    }
    .into_any()
}

/// The compiler's part of the home. In a browser its topics' status is filled in by the
/// effect above; without one (the static page: `render`), here, for the learner `ctx` holds.
fn home_html(course: &Course, ctx: Ctx) -> String {
    #[cfg(not(target_arch = "wasm32"))]
    return ctx.progress.with_untracked(|p| {
        crate::render::with_topic_status(course, |t| course.word(topic_status_word(t, p)))
    });
    #[cfg(target_arch = "wasm32")]
    {
        let _ = ctx;
        course.home_html.clone()
    }
}

fn pager(course: &Course, here: &Route) -> impl IntoView {
    let (prev, next) = neighbours(course, here);
    let label = |r: &Route| link_label(course, r);
    let (previous, next_word) = (
        course.word("previous").to_string(),
        course.word("next").to_string(),
    );
    let prev = prev.map(|r| view! { <a class="prev" rel="prev" href=href(&r) data-testid="prev"><span class="dir">{previous}</span>{label(&r)}</a> });
    let next = next.map(|r| view! { <a class="next" rel="next" href=href(&r) data-testid="next"><span class="dir">{next_word}</span>{label(&r)}</a> });
    view! { <nav class="pager" aria-label=course.word("lesson_nav").to_string()>{prev}{next}</nav> }
}

fn lesson_page(ctx: Ctx, topic_id: &str, lesson_id: &str) -> AnyView {
    let course = ctx.course.get_value();
    let Some((topic, lesson)) = course.lesson(topic_id, lesson_id) else {
        return not_found(ctx);
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
                    let _ = ctx.send_here(Intent::ReadLesson { lesson: id.clone() });
                }
            });
        }
    });
    let sources = (!lesson.sources.is_empty()).then(|| {
        view! { <p class="sources" data-testid="sources">{crate::model::fill(course.word("sources"), &[("sources", &lesson.sources.join(", "))])}</p> }
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
        return not_found(ctx);
    };
    let here = Route::Check {
        topic: topic_id.into(),
    };
    view! {
        <article class="check" data-testid="knowledge-check">
            <p class="eyebrow">{topic.title.clone()}</p>
            <h1 tabindex="-1">{course.word("knowledge_check").to_string()}</h1>
            <p>{ctx.wn("check_intro", topic.check.len() as u32, &[])}</p>
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
            <h1 tabindex="-1">{course.word("glossary").to_string()}</h1>
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
            <article><h1 tabindex="-1">{ctx.w("further_resources")}</h1><p>{ctx.w("no_resources")}</p></article>
        }
        .into_any(),
    }
}

fn not_found(ctx: Ctx) -> AnyView {
    view! {
        <article>
            <h1 tabindex="-1">{ctx.w("not_found")}</h1>
            <p>{ctx.w("not_found_text")}</p>
            <p><a href=href(&Route::Home)>{ctx.w("go_home")}</a></p>
        </article>
    }
    .into_any()
}

/// A page with the course outline beside it (above it, collapsed, on small screens).
fn with_outline(ctx: Ctx, here: Route, page: AnyView) -> AnyView {
    let wide = super::browser::is_wide();
    // The outline is the compiler's HTML; the current page and the lessons read are marked
    // here, again whenever progress changes.
    let outline = NodeRef::<leptos::html::Div>::new();
    let here = here.path();
    let html = outline_html(ctx, &here);
    Effect::new(move |_| {
        if let Some(outline) = outline.get() {
            let read = ctx.w("read_note");
            ctx.progress
                .with(|p| mark_outline(&outline, &here, p, &read));
        }
    });
    view! {
        <div class="with-outline">
            <nav class="outline" aria-label=ctx.w("table_of_contents")>
                <details open=wide data-testid="outline">
                    <summary>{ctx.w("contents")}</summary>
                    <div node_ref=outline inner_html=html></div>
                </details>
            </nav>
            <div class="outline-page">{page}</div>
        </div>
    }
    .into_any()
}

/// The compiler's outline. In a browser the effect above marks it; without one (the static
/// page: `render`), the current page is marked here (a new learner has read nothing).
fn outline_html(ctx: Ctx, here: &str) -> String {
    ctx.course.with_value(|c| {
        #[cfg(not(target_arch = "wasm32"))]
        return crate::render::with_current(&c.outline_html, here);
        #[cfg(target_arch = "wasm32")]
        {
            let _ = here;
            c.outline_html.clone()
        }
    })
}

/// Marks the link to `here` as the current page, and each lesson read as seen: a tick (the
/// `seen` class) and " (read)" for screen readers.
fn mark_outline(outline: &web_sys::Element, here: &str, p: &crate::progress::Progress, read: &str) {
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
                note.set_text_content(seen.then_some(read));
            }
        }
    }
}
