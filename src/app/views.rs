//! Pages: course home, lesson, knowledge check, glossary, resources, not found.
//!
//! Each page renders what `Ctx` holds; navigation order and grading come from the core.

use super::browser::href;
use super::quiz::{assessment_page, CheckQuestion};
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
            check_page(ctx, &topic),
        ),
        Route::Assessment => with_outline(ctx, Route::Assessment, assessment_page(ctx)),
        Route::Certificate => super::certificate::certificate_page(ctx),
        Route::Progress => super::progress_page::progress_page(ctx),
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
            <section aria-labelledby="objectives-h">
                <h2 id="objectives-h">"What you will be able to do"</h2>
                <ul>{course.objectives.iter().map(|o| view! { <li>{o.text.clone()}</li> }).collect_view()}</ul>
            </section>
            <section aria-labelledby="topics-h">
                <h2 id="topics-h">"Topics"</h2>
                <ol class="topics" data-testid="topics">
                    {course.topics.iter().map(|t| {
                        let lessons = t.lessons.iter().map(|l| {
                            let to = href(&Route::Lesson { topic: t.id.clone(), lesson: l.id.clone() });
                            view! { <li><a href=to>{l.title.clone()}</a></li> }
                        }).collect_view();
                        let check = (!t.check.is_empty()).then(|| {
                            let to = href(&Route::Check { topic: t.id.clone() });
                            view! { <li><a href=to>"Knowledge check"</a></li> }
                        });
                        let assessment = (t.id == course.assessment.topic).then(|| {
                            view! { <li><a href=href(&Route::Assessment)>"Final assessment"</a></li> }
                        });
                        let topic_id = t.id.clone();
                        let status = move || ctx.course.with_value(|c| {
                            let t = c.topic(&topic_id).expect("a topic of this course");
                            ctx.progress.with(|p| if topic_done(t, p) { "Done" } else if topic_started(t, p) { "In progress" } else { "Not started" })
                        });
                        view! {
                            <li class="topic" data-testid="topic">
                                <h3>{t.title.clone()}</h3>
                                <p class="meta">{format!("{} minutes · ", t.minutes)}<span data-testid="topic-status">{status}</span></p>
                                <ul class="lessons">{lessons}{check}{assessment}</ul>
                            </li>
                        }
                    }).collect_view()}
                </ol>
            </section>
            <section aria-labelledby="audience-h">
                <h2 id="audience-h">"Who it is for"</h2>
                <ul>{course.audience.iter().map(|a| view! { <li>{a.clone()}</li> }).collect_view()}</ul>
            </section>
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

fn check_page(ctx: Ctx, topic_id: &str) -> AnyView {
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
    let course = ctx.course.get_value();
    let wide = web_sys::window()
        .and_then(|w| w.inner_width().ok())
        .and_then(|w| w.as_f64())
        .is_some_and(|w| w >= 1024.0);
    let items = course
        .topics
        .iter()
        .map(|t| {
            let mut pages: Vec<(Route, String, Option<String>)> = t
                .lessons
                .iter()
                .map(|l| (Route::Lesson { topic: t.id.clone(), lesson: l.id.clone() }, l.title.clone(), Some(l.id.clone())))
                .collect();
            if !t.check.is_empty() {
                pages.push((Route::Check { topic: t.id.clone() }, "Knowledge check".into(), None));
            }
            if t.id == course.assessment.topic {
                pages.push((Route::Assessment, "Final assessment".into(), None));
            }
            let links = pages
                .into_iter()
                .map(|(route, title, lesson_id)| {
                    let current = (route == here).then_some("page");
                    let seen = Signal::derive(move || {
                        lesson_id.as_ref().is_some_and(|id| ctx.progress.with(|p| p.seen.contains(id)))
                    });
                    view! {
                        <li class:seen=seen>
                            <a href=href(&route) aria-current=current>{title}</a>
                            {move || seen.get().then(|| view! { <span class="visually-hidden">" (read)"</span> })}
                        </li>
                    }
                })
                .collect_view();
            view! { <li><span class="toc-topic">{t.title.clone()}</span><ul>{links}</ul></li> }
        })
        .collect_view();
    view! {
        <div class="with-outline">
            <nav class="outline" aria-label="Table of contents">
                <details open=wide data-testid="outline">
                    <summary>"Contents"</summary>
                    <ol>{items}</ol>
                </details>
            </nav>
            <div class="outline-page">{page}</div>
        </div>
    }
    .into_any()
}
