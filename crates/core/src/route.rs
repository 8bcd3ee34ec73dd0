//! The app's places and their URLs. Pure, so deep links are tested without a browser.
//!
//! Paths are relative to the site's base URL (no leading slash), so the same course works
//! at the root of a site or inside an LMS package.

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    Home,
    Lesson {
        topic: String,
        lesson: String,
    },
    Check {
        topic: String,
    },
    Assessment,
    Certificate,
    Progress,
    Results,
    /// The whole course on one page, for print (`print.html`): a document of its own,
    /// written by the author tool, which the app does not show.
    Print,
    Glossary,
    Resources,
    NotFound(String),
}

impl Route {
    /// Reads a path relative to the base URL (leading and trailing slashes ignored, and a
    /// final `index.html`: each page is also a static file, `topics/t/l/index.html`).
    pub fn parse(path: &str) -> Route {
        let path = path.split(['?', '#']).next().unwrap_or("");
        let mut parts: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
        if parts.len() > 1 && parts.last() == Some(&"index.html") {
            parts.pop();
        }
        match parts.as_slice() {
            [] | ["index.html"] => Route::Home,
            ["topics", topic, lesson] => Route::Lesson {
                topic: topic.to_string(),
                lesson: lesson.to_string(),
            },
            ["check", topic] => Route::Check {
                topic: topic.to_string(),
            },
            ["assessment"] => Route::Assessment,
            ["certificate"] => Route::Certificate,
            ["progress"] => Route::Progress,
            // The instructor page is its own document (and wasm bundle): `results.html`.
            ["results"] | ["results.html"] => Route::Results,
            ["print"] | ["print.html"] => Route::Print,
            ["glossary"] => Route::Glossary,
            ["resources"] => Route::Resources,
            _ => Route::NotFound(path.to_string()),
        }
    }

    /// The path relative to the base URL; `Route::parse(&r.path()) == r`.
    pub fn path(&self) -> String {
        match self {
            Route::Home => String::new(),
            Route::Lesson { topic, lesson } => format!("topics/{topic}/{lesson}"),
            Route::Check { topic } => format!("check/{topic}"),
            Route::Assessment => "assessment".into(),
            Route::Certificate => "certificate".into(),
            Route::Progress => "progress".into(),
            Route::Results => "results.html".into(),
            Route::Print => "print.html".into(),
            Route::Glossary => "glossary".into(),
            Route::Resources => "resources".into(),
            Route::NotFound(p) => p.trim_start_matches('/').to_string(),
        }
    }

    /// Whether the learner's app shows this page. The instructor's results page is a
    /// separate document with its own bundle, so learners never download it; the print
    /// page is a document of its own too.
    pub fn is_in_player(&self) -> bool {
        !matches!(self, Route::Results | Route::Print)
    }
}

use crate::model::{Course, Topic};

/// What a link to `route` says: a lesson's title, "Knowledge check: <topic>", "Final
/// assessment" (the pager's labels, on every page that has one, static or the app's).
/// Empty for a page no pager links to.
pub fn link_label(course: &Course, route: &Route) -> String {
    match route {
        Route::Lesson { topic, lesson } => course
            .lesson(topic, lesson)
            .map(|(_, l)| l.title.clone())
            .unwrap_or_default(),
        Route::Check { topic } => course
            .topic(topic)
            .map(|t| crate::model::fill(course.word("knowledge_check_of"), &[("topic", &t.title)]))
            .unwrap_or_default(),
        Route::Assessment => course.word("final_assessment").to_string(),
        _ => String::new(),
    }
}

/// The document's title on `route`: the page's name, then the course's ("Actors · Course"),
/// or the course's alone on its home. One definition for the app (it sets the title as the
/// learner moves) and the static pages the author tool writes.
pub fn page_title(course: &Course, route: &Route) -> String {
    let word = |key: &str| course.word(key).to_string();
    let page = match route {
        Route::Home => return course.title.clone(),
        Route::Lesson { .. } | Route::Check { .. } => Some(link_label(course, route))
            .filter(|label| !label.is_empty())
            .unwrap_or_else(|| word("not_found")),
        Route::Assessment => word("final_assessment"),
        Route::Certificate => word("nav_certificate"),
        Route::Progress => word("your_progress"),
        Route::Results => word("instructor_results"),
        Route::Print => word("print_title"),
        Route::Glossary => word("glossary"),
        Route::Resources => word("further_resources"),
        Route::NotFound(_) => word("not_found"),
    };
    format!("{page} · {}", course.title)
}

/// Every page a learner works through, in course order: each topic's pages in turn.
pub fn reading_order(course: &Course) -> Vec<Route> {
    course
        .topics
        .iter()
        .flat_map(|t| topic_pages(course, t))
        .collect()
}

/// A topic's pages in reading order: its lessons, then its knowledge check, then (in the
/// assessment's topic) the final assessment.
pub fn topic_pages(course: &Course, t: &Topic) -> Vec<Route> {
    let mut out: Vec<Route> = t
        .lessons
        .iter()
        .map(|l| Route::Lesson {
            topic: t.id.clone(),
            lesson: l.id.clone(),
        })
        .collect();
    if !t.check.is_empty() {
        out.push(Route::Check {
            topic: t.id.clone(),
        });
    }
    if t.id == course.assessment.topic {
        out.push(Route::Assessment);
    }
    out
}

/// The topic a page belongs to, for time on task.
pub fn topic_of<'c>(course: &'c Course, route: &Route) -> Option<&'c str> {
    let id = match route {
        Route::Lesson { topic, .. } | Route::Check { topic } => topic.as_str(),
        Route::Assessment => course.assessment.topic.as_str(),
        _ => return None,
    };
    course.topic(id).map(|t| t.id.as_str())
}

/// The pages before and after `route` in reading order.
pub fn neighbours(course: &Course, route: &Route) -> (Option<Route>, Option<Route>) {
    let order = reading_order(course);
    match order.iter().position(|r| r == route) {
        Some(i) => (
            i.checked_sub(1).map(|j| order[j].clone()),
            order.get(i + 1).cloned(),
        ),
        None => (None, None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_round_trip() {
        for r in [
            Route::Home,
            Route::Lesson {
                topic: "actors".into(),
                lesson: "actors-states".into(),
            },
            Route::Check {
                topic: "actors".into(),
            },
            Route::Assessment,
            Route::Certificate,
            Route::Progress,
            Route::Results,
            Route::Glossary,
            Route::Resources,
        ] {
            assert_eq!(Route::parse(&r.path()), r);
        }
    }

    #[test]
    fn unknown_paths_are_not_found() {
        assert_eq!(
            Route::parse("/topics/x"),
            Route::NotFound("/topics/x".into())
        );
        assert_eq!(Route::parse("/?utm=1"), Route::Home);
    }

    #[test]
    fn a_static_page_file_is_its_route() {
        let lesson = Route::Lesson {
            topic: "actors".into(),
            lesson: "actors-states".into(),
        };
        assert_eq!(Route::parse("topics/actors/actors-states/"), lesson);
        assert_eq!(
            Route::parse("topics/actors/actors-states/index.html"),
            lesson
        );
        assert_eq!(Route::parse("glossary/index.html"), Route::Glossary);
        assert_eq!(Route::parse("index.html"), Route::Home);
        assert_eq!(
            Route::parse("topics/actors/index.html"),
            Route::NotFound("topics/actors/index.html".into())
        );
    }

    #[test]
    fn the_instructor_page_is_its_own_document_and_old_links_still_reach_it() {
        assert_eq!(Route::Results.path(), "results.html");
        assert_eq!(Route::parse("results"), Route::Results);
        assert!(!Route::Results.is_in_player());
        assert!(Route::Progress.is_in_player());
    }
}
