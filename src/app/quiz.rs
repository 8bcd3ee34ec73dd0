//! One question: the learner's inputs, submit, feedback, try again.
//!
//! Grading and response rules come from `grade`; this only renders them and saves the
//! submitted answer into progress.

use super::Ctx;
use crate::grade::{choose, empty_response, grade, is_answered, match_item, shuffled, Graded, Mark, Response};
use crate::model::{Question, QuestionKind};
use crate::progress::SavedAnswer;
use leptos::prelude::*;
use std::sync::Arc;

fn mark_text(m: Mark) -> &'static str {
    match m {
        Mark::Right => "Correct.",
        Mark::Wrong => "Not correct.",
        Mark::Missed => "You missed this one.",
        Mark::Unchosen => "",
    }
}

fn mark_class(m: Mark) -> &'static str {
    match m {
        Mark::Right => "feedback right",
        Mark::Wrong => "feedback wrong",
        Mark::Missed => "feedback missed",
        Mark::Unchosen => "feedback",
    }
}

#[component]
pub fn QuestionView(question: Question, number: usize) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let q = Arc::new(question);
    let saved = ctx.progress.with_untracked(|p| p.answers.get(&q.id).map(|a| a.response.clone()));
    let response = RwSignal::new(saved.clone().unwrap_or_else(|| empty_response(&q)));
    let graded: RwSignal<Option<Graded>> = RwSignal::new(saved.map(|r| grade(&q, &r)));
    let warning = RwSignal::new(None::<&'static str>);
    let submitted = move || graded.with(Option::is_some);
    let qid = q.id.clone();

    let mark = move |i: usize| graded.with(|g| g.as_ref().and_then(|g| g.marks.get(i).copied()));
    let feedback = move |i: usize, html: String| {
        move || {
            mark(i).filter(|m| m.shows_feedback()).map(|m| {
                view! { <p class=mark_class(m) data-testid="feedback"><strong>{mark_text(m)}</strong>" "<span inner_html=html.clone()></span></p> }
            })
        }
    };

    let inputs = match q.kind {
        QuestionKind::Matching => {
            let order = shuffled(&q.id, q.pairs.len());
            q.pairs.iter().enumerate().map(|(i, p)| {
                let select_id = format!("{}-item-{i}", q.id);
                let qq = q.clone();
                let options = order.iter().map(|&j| {
                    view! { <option value=j.to_string() inner_html=q.pairs[j].match_html.clone()></option> }
                }).collect_view();
                view! {
                    <li class="pair">
                        <label for=select_id.clone() inner_html=p.item_html.clone()></label>
                        <select id=select_id data-testid="match-select" disabled=submitted
                            prop:value=move || response.with(|r| match r { Response::Matching(m) => m.get(i).copied().flatten().map(|j| j.to_string()).unwrap_or_default(), _ => String::new() })
                            on:change=move |ev| {
                                let choice = event_target_value(&ev).parse::<usize>().ok();
                                response.update(|r| *r = match_item(&qq, r, i, choice));
                                warning.set(None);
                            }>
                            <option value="">"Choose a match…"</option>
                            {options}
                        </select>
                        {feedback(i, p.feedback_html.clone())}
                    </li>
                }
            }).collect_view().into_any()
        }
        kind => {
            let input_type = if kind == QuestionKind::MultipleResponse { "checkbox" } else { "radio" };
            q.choices.iter().enumerate().map(|(i, c)| {
                let qq = q.clone();
                view! {
                    <li class="choice">
                        <label>
                            <input type=input_type name=qid.clone() value=i.to_string() data-testid="option" disabled=submitted
                                prop:checked=move || response.with(|r| matches!(r, Response::Choices(c) if c.contains(&i)))
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    response.update(|r| *r = choose(&qq, r, i, on));
                                    warning.set(None);
                                }/>
                            <span inner_html=c.html.clone()></span>
                        </label>
                        {feedback(i, c.feedback_html.clone())}
                    </li>
                }
            }).collect_view().into_any()
        }
    };

    let qs = q.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let r = response.get_untracked();
        if !is_answered(&qs, &r) {
            warning.set(Some(if qs.kind == QuestionKind::Matching { "Choose a match for every item first." } else { "Choose an answer first." }));
            return;
        }
        let g = grade(&qs, &r);
        let correct = g.correct;
        graded.set(Some(g));
        ctx.progress.update(|p| {
            p.answers.insert(qs.id.clone(), SavedAnswer { response: r, correct });
        });
    };
    let qr = q.clone();
    let retry = move |_| {
        graded.set(None);
        response.set(empty_response(&qr));
    };
    let hint = match q.kind {
        QuestionKind::SingleChoice => "Choose one answer.",
        QuestionKind::MultipleResponse => "Choose all that apply.",
        QuestionKind::TrueFalse => "True or false?",
        QuestionKind::Matching => "Choose the match for each item.",
    };
    let explanation = q.explanation_html.clone();
    view! {
        <form class="question" data-testid="question" data-question-id=q.id.clone() on:submit=submit novalidate>
            <fieldset>
                <legend><span class="qnum">{format!("Question {number}")}</span><span class="prompt" inner_html=q.prompt_html.clone()></span></legend>
                {(!q.body_html.is_empty()).then(|| view! { <div class="prose" inner_html=q.body_html.clone()></div> })}
                <p class="hint">{hint}</p>
                <ul class="options">{inputs}</ul>
            </fieldset>
            <div class="question-actions">
                {move || if submitted() {
                    view! { <button type="button" on:click=retry.clone()>"Try again"</button> }.into_any()
                } else {
                    view! { <button type="submit" class="primary">"Submit answer"</button> }.into_any()
                }}
            </div>
            <div class="result" role="status" aria-live="polite" data-testid="result">
                {move || warning.get().map(|w| view! { <p class="warning">{w}</p> })}
                {move || graded.get().map(|g| {
                    let verdict = if g.correct { "Correct: well done." } else { "Not quite. Read the feedback under each answer, then try again." };
                    view! {
                        <p class=if g.correct { "verdict right" } else { "verdict wrong" } data-testid="verdict">{verdict}</p>
                        {(!explanation.is_empty()).then(|| view! { <div class="explanation" inner_html=explanation.clone()></div> })}
                    }
                })}
            </div>
        </form>
    }
}
