//! The instructor's results page as its own app (`results.html`): the same compiled
//! course, none of the learner's player, so neither bundle carries the other's code.

mod results_page;

pub(crate) use course_core::{model, record};
pub(crate) use course_web::browser;

use crate::model::Course;
use leptos::prelude::*;
use results_page::results_page;
use std::sync::Arc;

pub fn results_app(course: Arc<Course>) -> AnyView {
    let title = course.title.clone();
    browser::set_title(&format!("Results for instructors · {title}"));
    let course = StoredValue::new(course);
    view! {
        <a class="skip-link" href="#main">"Skip to content"</a>
        <header class="site-header">
            <a class="brand" href="./">{title}</a>
            <nav aria-label="Course">
                <ul><li><a href="./">"Course home"</a></li></ul>
            </nav>
        </header>
        <main id="main" class="page">{results_page(course)}</main>
    }
    .into_any()
}
