//! The whole course on one page, for print and PDF (`print.html` in each language's folder,
//! as mdBook's `print.html`): the course's home part (title, description, duration,
//! objectives), every topic's lessons in reading order with their diagrams and text
//! versions open, each knowledge check's questions, then the answer key, the glossary and
//! the resources. The author tool writes it (`render::print`); it is a document of its own,
//! which the app does not show (`Route::Print`), so the learner's wasm carries none of it.
//!
//! The answer key can be left out of the print: a check box before the page's content,
//! which the stylesheet reads (`#with-key:not(:checked) ~ main .answer-key`), so it works
//! without a script and under the pages' Content-Security-Policy. By default the page shows
//! no learner data; a second check box asks the page's one script (`assets/print.html`) to
//! add the learner's own answers and best score from this browser's saved progress, which
//! it reads and never sends. The final assessment's bank is never printed: it is what the
//! learner is assessed on.

use crate::model::{Course, Question, QuestionKind};
use leptos::prelude::*;

/// The print page's content: the controls (screen only) and the `<main>` that prints.
pub fn print_page(course: &Course) -> impl IntoView {
    let word = |key: &str| course.word(key).to_string();
    let minutes = course.count_word("about_minutes", u64::from(course.estimated_minutes));
    let checks: Vec<_> = course
        .topics
        .iter()
        .filter(|t| !t.check.is_empty())
        .collect();
    view! {
        <div class="print-controls">
            <p><a href="index.html">{word("print_back")}</a></p>
            <p>{word("print_hint")}</p>
        </div>
        {(!checks.is_empty()).then(|| view! {
            <input type="checkbox" id="with-key" class="print-controls" checked=true/>
            <label for="with-key" class="print-controls">{word("print_with_key")}</label>
            // The learner's own answers and best score, on request: the page's script reads
            // them from this browser's saved progress (and sends nothing); its words and
            // the record's key are here.
            <input type="checkbox" id="with-mine" class="print-controls"
                data-key=crate::progress::storage_key(&course.id)
                data-yours=word("print_my_answer") data-right=word("mark_right") data-wrong=word("mark_wrong")
                data-score=word("print_my_score") data-none=word("print_no_answers")/>
            <label for="with-mine" class="print-controls">{word("print_with_mine")}</label>
        })}
        <main id="main" class="print" tabindex="-1">
            <header class="print-cover">
                <h1>{course.title.clone()}</h1>
                <p class="lead">{course.description.clone()}</p>
                <p class="meta">{minutes}{word("self_paced")}</p>
                {(!course.objectives.is_empty()).then(|| view! {
                    <h2>{word("objectives_heading")}</h2>
                    <ul>{course.objectives.iter().map(|o| view! { <li>{o.text.clone()}</li> }).collect_view()}</ul>
                })}
            </header>
            {course.topics.iter().map(|t| view! {
                <section class="print-topic" aria-labelledby=format!("t-{}", t.id)>
                    <h2 id=format!("t-{}", t.id)>{t.title.clone()}</h2>
                    {(!t.intro_html.is_empty()).then(|| view! { <div class="prose" inner_html=demoted(&t.intro_html, 1)></div> })}
                    {t.lessons.iter().map(|l| view! {
                        <article class="print-lesson">
                            <h3 id=format!("l-{}", l.id)>{l.title.clone()}</h3>
                            <div class="prose" inner_html=opened(&demoted(&l.html, 2))></div>
                        </article>
                    }).collect_view()}
                    {(!t.check.is_empty()).then(|| view! {
                        <article class="print-check">
                            <h3>{crate::model::fill(course.word("knowledge_check_of"), &[("topic", &t.title)])}</h3>
                            <ol>{t.check.iter().map(question).collect_view()}</ol>
                        </article>
                    })}
                </section>
            }).collect_view()}
            {(!checks.is_empty()).then(|| view! {
                <section class="answer-key" aria-labelledby="answer-key-h">
                    <h2 id="answer-key-h">{word("answer_key")}</h2>
                    {checks.iter().map(|t| view! {
                        <h3>{crate::model::fill(course.word("knowledge_check_of"), &[("topic", &t.title)])}</h3>
                        <ol>{t.check.iter().map(answer).collect_view()}</ol>
                    }).collect_view()}
                </section>
            })}
            {(!course.glossary.is_empty()).then(|| view! {
                <section class="print-glossary" aria-labelledby="glossary-h">
                    <h2 id="glossary-h">{word("glossary")}</h2>
                    <dl>
                        {course.glossary.iter().map(|g| view! {
                            <dt>{g.term.clone()}</dt>
                            <dd inner_html=g.definition_html.clone()></dd>
                        }).collect_view()}
                    </dl>
                </section>
            })}
            {course.resources_html.as_ref().map(|html| view! {
                <section class="print-resources prose" inner_html=demoted(html, 1)></section>
            })}
        </main>
    }
}

/// A knowledge-check question as printed: its prompt, text and options (or, for matching,
/// its items and the matches to choose from, in the author's order).
fn question(q: &Question) -> impl IntoView {
    // (`data-option`, `data-item`, `data-match`: option numbers in the author's order, as
    // saved answers give them, for the page's script.)
    let options = match q.kind {
        QuestionKind::Matching => view! {
            <ul class="print-items">{q.pairs.iter().enumerate().map(|(i, p)| view! { <li data-item=i inner_html=p.item_html.clone()></li> }).collect_view()}</ul>
            <ul class="print-options">{q.pairs.iter().enumerate().map(|(i, p)| view! { <li data-match=i inner_html=p.match_html.clone()></li> }).collect_view()}</ul>
        }
        .into_any(),
        _ => view! {
            <ul class="print-options">{q.choices.iter().enumerate().map(|(i, c)| view! { <li data-option=i inner_html=c.html.clone()></li> }).collect_view()}</ul>
        }
        .into_any(),
    };
    view! {
        <li class="print-question" data-question=q.id.clone()>
            <p inner_html=q.prompt_html.clone()></p>
            {(!q.body_html.is_empty()).then(|| view! { <div inner_html=q.body_html.clone()></div> })}
            {options}
        </li>
    }
}

/// A question's answer: the right options (for matching, each item with its match), then
/// the explanation.
fn answer(q: &Question) -> impl IntoView {
    let right: Vec<String> = match q.kind {
        QuestionKind::Matching => q
            .pairs
            .iter()
            .map(|p| format!("{} → {}", p.item_html, p.match_html))
            .collect(),
        _ => q
            .choices
            .iter()
            .filter(|c| c.correct)
            .map(|c| c.html.clone())
            .collect(),
    };
    view! {
        <li>
            <ul>{right.into_iter().map(|html| view! { <li inner_html=html></li> }).collect_view()}</ul>
            {(!q.explanation_html.is_empty()).then(|| view! { <div inner_html=q.explanation_html.clone()></div> })}
        </li>
    }
}

/// `html` with its headings `by` levels lower (at most `h6`): a lesson's `h2` under the
/// print page's topic (`h2`) and lesson (`h3`) headings.
fn demoted(html: &str, by: u8) -> String {
    let bytes = html.as_bytes();
    let mut out = String::with_capacity(html.len());
    let mut from = 0;
    for (i, _) in html.match_indices('<') {
        let name = if bytes.get(i + 1) == Some(&b'/') {
            i + 2
        } else {
            i + 1
        };
        if let (Some(b'h'), Some(&d @ b'1'..=b'6')) = (bytes.get(name), bytes.get(name + 1)) {
            out.push_str(&html[from..name + 1]);
            out.push(char::from(b'0' + (d - b'0' + by).min(6)));
            from = name + 2;
        }
    }
    out.push_str(&html[from..]);
    out
}

/// `html` with every `<details>` open (a diagram's text version prints with it).
fn opened(html: &str) -> String {
    html.replace("<details", "<details open")
        .replace("<details open open", "<details open")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_go_down_and_details_open() {
        assert_eq!(
            demoted("<h2 id=\"a\">A</h2><p>x</p><h5>B</h5><hr>", 2),
            "<h4 id=\"a\">A</h4><p>x</p><h6>B</h6><hr>"
        );
        assert_eq!(
            opened("<details><summary>s</summary></details><details open class=\"x\">"),
            "<details open><summary>s</summary></details><details open class=\"x\">"
        );
    }
}
