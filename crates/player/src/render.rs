//! The player's pages as HTML, without a browser: the author tool writes them as the static
//! pages a learner reads before the wasm arrives (`course_player::render::page`). They are
//! the app's own page functions (`views::page`), rendered by Leptos to a string for a new
//! learner, so the static page and the page the app shows once it starts cannot disagree.
//! The app stays client-side rendered: it replaces the static page, no hydration.
//!
//! Natively, `browser` answers what a page asks of the window: links relative to the page's
//! `<base href>`, the core's plural rules, a narrow window (the outline starts closed; the
//! page's script opens it on a wide one, as the app does). Effects never run: the executor
//! here drops every task, so nothing but the first render happens.

use super::views;
use super::Ctx;
use crate::model::{Course, Topic};
use crate::progress::Progress;
use crate::route::Route;
use leptos::prelude::*;
use std::sync::{Arc, Once};

/// The HTML inside `<main>` of `route`'s page, as the app shows it to a learner with no
/// progress yet, with the app's test hooks (`data-testid`, the browser tests' way to know the
/// app is there) left out.
pub fn page(course: &Arc<Course>, route: &Route) -> String {
    no_tasks();
    let owner = Owner::new();
    let html = owner.with(|| {
        let ctx = Ctx {
            course: StoredValue::new(course.clone()),
            feedback: StoredValue::new(None),
            progress: RwSignal::new(Progress::new(course)),
            route: RwSignal::new(route.clone()),
        };
        provide_context(ctx);
        // A first render tracks nothing: nothing will change.
        untrack(|| views::page(ctx, route.clone()).to_html())
    });
    drop(owner);
    without_app_marks(&html)
}

/// The print page's content (`print::print_page`): the whole course, for a print or a
/// PDF. `course` is the compiled course whole, its questions with their words.
#[cfg(not(target_arch = "wasm32"))]
pub fn print(course: &Course) -> String {
    no_tasks();
    let owner = Owner::new();
    let html = owner.with(|| untrack(|| super::print::print_page(course).to_html()));
    drop(owner);
    without_app_marks(&html)
}

/// Tasks (effects, the app's futures) are dropped unrun: a static page is the first render.
fn no_tasks() {
    struct DropsTasks;
    impl any_spawner::CustomExecutor for DropsTasks {
        fn spawn(&self, _: any_spawner::PinnedFuture<()>) {}
        fn spawn_local(&self, _: any_spawner::PinnedLocalFuture<()>) {}
        fn poll_local(&self) {}
    }
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        // Only fails when an executor is already set, which then runs the tasks instead.
        let _ = any_spawner::Executor::init_custom_executor(DropsTasks);
    });
}

/// `html` without the test hooks (`data-testid="..."`) and Leptos's empty marker comments
/// (`<!>`, for hydration, which the app does not do).
fn without_app_marks(html: &str) -> String {
    const HOOK: &str = " data-testid=\"";
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    loop {
        let hook = rest.find(HOOK);
        let mark = rest.find("<!>");
        match (hook, mark) {
            (Some(h), m) if m.is_none_or(|m| h < m) => {
                out.push_str(&rest[..h]);
                let after = &rest[h + HOOK.len()..];
                rest = after.find('"').map_or("", |end| &after[end + 1..]);
            }
            (_, Some(m)) => {
                out.push_str(&rest[..m]);
                rest = &rest[m + 3..];
            }
            _ => break,
        }
    }
    out.push_str(rest);
    out
}

/// The compiled home's HTML (`Course::home_html`) with each topic's status (its
/// `data-topic-status` place, which the app fills in a browser) given by `status`.
pub(crate) fn with_topic_status<'c>(
    course: &'c Course,
    status: impl Fn(&Topic) -> &'c str,
) -> String {
    const PLACE: &str = "data-topic-status=\"";
    let html = course.home_html.as_str();
    let mut out = String::with_capacity(html.len() + 256);
    let mut rest = html;
    while let Some(at) = rest.find(PLACE) {
        let id_start = at + PLACE.len();
        let (Some(len), Some(close)) = (rest[id_start..].find('"'), rest[id_start..].find('>'))
        else {
            break;
        };
        let close = id_start + close + 1;
        out.push_str(&rest[..close]);
        if let Some(t) = course.topic(&rest[id_start..id_start + len]) {
            out.push_str(&escape(status(t)));
        }
        rest = &rest[close..];
    }
    out.push_str(rest);
    out
}

/// The compiled outline's HTML (`Course::outline_html`) with the link to `here` marked as
/// the current page, as the app marks it in a browser (`views::mark_outline`).
pub(crate) fn with_current(outline: &str, here: &str) -> String {
    outline.replacen(
        &format!("<a href=\"{here}\">"),
        &format!("<a href=\"{here}\" aria-current=\"page\">"),
        1,
    )
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_hooks_and_markers_are_left_out() {
        assert_eq!(
            without_app_marks(r#"<p data-testid="a">x<!>y</p><div data-testid="b"></div>"#),
            "<p>x y</p><div></div>".replace(' ', "")
        );
    }
}
