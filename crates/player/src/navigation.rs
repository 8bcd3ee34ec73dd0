//! Navigation: links inside the course change the page without a reload, the back button
//! works, the title and focus follow the page, and an opened lesson is remembered.

use super::{browser, Ctx};
use crate::intent::Intent;
use crate::progress::LessonRef;
use crate::route::Route;
use leptos::prelude::*;

/// Starts following the route; stops when the player goes.
pub fn start(ctx: Ctx) {
    // Opening a lesson remembers it, so Continue and a reload come back to it.
    Effect::new(move |_| {
        if let Route::Lesson { topic, lesson } = ctx.route.get() {
            let here = Some(LessonRef {
                topic: topic.clone(),
                lesson: lesson.clone(),
            });
            if ctx.progress.with_untracked(|p| p.last_lesson != here) {
                let _ = ctx.send_here(Intent::OpenLesson { topic, lesson });
            }
        }
    });

    // Titles and focus follow the route.
    Effect::new(move |previous: Option<()>| {
        let route = ctx.route.get();
        let title = ctx
            .course
            .with_value(|c| crate::route::page_title(c, &route));
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
    });
}
