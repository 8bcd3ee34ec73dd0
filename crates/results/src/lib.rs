//! The instructor's results page as its own app (`results.html`): the same compiled
//! course, none of the learner's player, so neither bundle carries the other's code.

mod lrs_source;
mod parts;
mod results_page;

pub(crate) use course_core::{model, record};
pub(crate) use course_web::browser;

use crate::model::Course;
use leptos::prelude::*;
use results_page::results_page;
use std::sync::Arc;

/// The page's word for `key` (the instructor's page carries its words itself, in the
/// course's language: `course_web::page_word`), with its `{name}`s filled in.
pub(crate) fn w(key: &str, values: &[(&str, &str)]) -> String {
    course_web::page_word(key, values)
}

pub fn results_app(course: Arc<Course>) -> AnyView {
    let title = course.title.clone();
    browser::set_title(&format!("{} · {title}", w("results_title", &[])));
    let course = StoredValue::new(course);
    view! {
        <a class="skip-link" href="#main">{w("skip_to_content", &[])}</a>
        <header class="site-header">
            <a class="brand" href="./">{title}</a>
            <nav aria-label=w("nav_course", &[])>
                <ul><li><a href="./">{w("nav_home", &[])}</a></li></ul>
            </nav>
        </header>
        <main id="main" class="page">{results_page(course)}</main>
    }
    .into_any()
}
