//! Questions: the learner's inputs with feedback (`QuestionFields`), a knowledge-check
//! question with submit and try again (`CheckQuestion`), and the final assessment page.
//!
//! Grading, drawing and scoring come from `grade` and `assessment`; this only renders them
//! and records the learner's intents in progress.

use super::browser;
use super::Ctx;
use crate::assessment::{self, option_order, Standing};
use crate::grade::{
    check_option_order, choose, empty_response, grade, match_item, Graded, Mark, Response,
};
use crate::intent::{Applied, Intent, Refused};
use crate::model::{Question, QuestionKind};
use crate::route::Route;
use leptos::prelude::*;
use std::sync::Arc;

/// The word (its key) that says how an option was marked.
fn mark_text(m: Mark) -> &'static str {
    match m {
        Mark::Right => "mark_right",
        Mark::Wrong => "mark_wrong",
        Mark::Missed => "mark_missed",
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

/// `q` with its words, which `course.json` does not carry: from `feedback.json`, which the
/// pages of questions fetch before they are built (`chunks`).
fn worded(q: &Question) -> Question {
    expect_context::<Ctx>()
        .feedback
        .with_value(|f| f.as_ref().map_or(q, |f| f.question(q)).clone())
}

/// The feedback on option (or pair) `i` of `q`.
fn option_feedback(q: &Question, i: usize) -> String {
    q.choices
        .get(i)
        .map(|c| &c.feedback_html)
        .or_else(|| q.pairs.get(i).map(|p| &p.feedback_html))
        .cloned()
        .unwrap_or_default()
}

/// The word (its key) that says how to answer a question of `kind`.
fn hint(kind: QuestionKind) -> &'static str {
    match kind {
        QuestionKind::SingleChoice => "choose_one",
        QuestionKind::MultipleResponse => "choose_all",
        QuestionKind::TrueFalse => "true_or_false",
        QuestionKind::Matching => "choose_matches",
    }
}

/// A question's prompt and inputs. Shows per-option feedback once `graded` is set, and
/// locks the inputs then. `order` is the display order of options (or of matches).
#[component]
fn QuestionFields(
    q: Arc<Question>,
    number: usize,
    order: Vec<usize>,
    response: RwSignal<Response>,
    graded: RwSignal<Option<Graded>>,
    warning: RwSignal<Option<&'static str>>,
) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let locked = move || graded.with(Option::is_some);
    let mark = move |i: usize| graded.with(|g| g.as_ref().and_then(|g| g.marks.get(i).copied()));
    let feedback = move |i: usize, html: String| {
        move || {
            mark(i).filter(|m| m.shows_feedback()).map(|m| {
                view! { <p class=mark_class(m) data-testid="feedback"><strong>{ctx.w(mark_text(m))}</strong>" "<span inner_html=html.clone()></span></p> }
            })
        }
    };
    let inputs = match q.kind {
        QuestionKind::Matching => q
            .pairs
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let select_id = format!("{}-item-{i}", q.id);
                let qq = q.clone();
                let options = order
                    .iter()
                    .map(|&j| view! { <option value=j.to_string() inner_html=q.pairs[j].match_html.clone()></option> })
                    .collect_view();
                view! {
                    <li class="pair">
                        <label for=select_id.clone() inner_html=p.item_html.clone()></label>
                        <select id=select_id data-testid="match-select" disabled=locked
                            prop:value=move || response.with(|r| match r {
                                Response::Matching(m) => m.get(i).copied().flatten().map(|j| j.to_string()).unwrap_or_default(),
                                _ => String::new(),
                            })
                            on:change=move |ev| {
                                let choice = event_target_value(&ev).parse::<usize>().ok();
                                response.update(|r| *r = match_item(&qq, r, i, choice));
                                warning.set(None);
                            }>
                            <option value="">{ctx.w("choose_a_match")}</option>
                            {options}
                        </select>
                        {feedback(i, option_feedback(&q, i))}
                    </li>
                }
            })
            .collect_view()
            .into_any(),
        kind => {
            let input_type = if kind == QuestionKind::MultipleResponse { "checkbox" } else { "radio" };
            order
                .iter()
                .map(|&i| {
                    let c = &q.choices[i];
                    let qq = q.clone();
                    view! {
                        <li class="choice">
                            <label>
                                <input type=input_type name=q.id.clone() value=i.to_string() data-testid="option" disabled=locked
                                    prop:checked=move || response.with(|r| matches!(r, Response::Choices(c) if c.contains(&i)))
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        response.update(|r| *r = choose(&qq, r, i, on));
                                        warning.set(None);
                                    }/>
                                <span inner_html=c.html.clone()></span>
                            </label>
                            {feedback(i, option_feedback(&q, i))}
                        </li>
                    }
                })
                .collect_view()
                .into_any()
        }
    };
    view! {
        <fieldset>
            <legend><span class="qnum">{ctx.wf("question_number", &[("number", &number.to_string())])}</span><span class="prompt" inner_html=q.prompt_html.clone()></span></legend>
            {(!q.body_html.is_empty()).then(|| view! { <div class="prose" inner_html=q.body_html.clone()></div> })}
            <p class="hint">{ctx.w(hint(q.kind))}</p>
            <ul class="options">{inputs}</ul>
        </fieldset>
    }
}

/// A knowledge-check question: submit shows feedback; try again as often as wanted.
#[component]
pub fn CheckQuestion(question: Question, number: usize) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let q = Arc::new(worded(&question));
    let saved = ctx
        .progress
        .with_untracked(|p| p.answers.get(&q.id).map(|a| a.response.clone()));
    let response = RwSignal::new(saved.clone().unwrap_or_else(|| empty_response(&q)));
    let graded: RwSignal<Option<Graded>> = RwSignal::new(saved.map(|r| grade(&q, &r)));
    let warning = RwSignal::new(None::<&'static str>);

    let qs = q.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let intent = Intent::Answer {
            question: qs.id.clone(),
            response: response.get_untracked(),
        };
        match ctx.send(intent) {
            Ok(Applied::Graded(g)) => graded.set(Some(g)),
            Ok(Applied::Done) => {}
            Err(_) => warning.set(Some(if qs.kind == QuestionKind::Matching {
                "choose_match_first"
            } else {
                "choose_answer_first"
            })),
        }
    };
    let qr = q.clone();
    let retry = move |_| {
        graded.set(None);
        response.set(empty_response(&qr));
    };
    let explanation = q.explanation_html.clone();
    view! {
        <form class="question" data-testid="question" data-question-id=q.id.clone() on:submit=submit novalidate>
            <QuestionFields q=q.clone() number=number order=check_option_order(&q, ctx.progress.with_untracked(|p| p.order_seed)) response=response graded=graded warning=warning/>
            <div class="question-actions">
                {move || if graded.with(Option::is_some) {
                    view! { <button type="button" on:click=retry.clone()>{ctx.w("try_again")}</button> }.into_any()
                } else {
                    view! { <button type="submit" class="primary">{ctx.w("submit_answer")}</button> }.into_any()
                }}
            </div>
            <div class="result" role="status" aria-live="polite" data-testid="result">
                {move || warning.get().map(|w| view! { <p class="warning">{ctx.w(w)}</p> })}
                {move || graded.get().map(|g| {
                    let verdict = ctx.w(if g.correct { "verdict_right" } else { "verdict_wrong" });
                    view! {
                        <p class=if g.correct { "verdict right" } else { "verdict wrong" } data-testid="verdict">{verdict}</p>
                        {(!explanation.is_empty()).then(|| view! { <div class="explanation" inner_html=explanation.clone()></div> })}
                    }
                })}
            </div>
        </form>
    }
}

/// The final assessment: rules, start, the drawn attempt, submit, result and review.
pub fn assessment_page(ctx: Ctx) -> AnyView {
    let course = ctx.course.get_value();
    let a = course.assessment.clone();
    let standing = Memo::new(move |_| {
        ctx.progress
            .with(|p| ctx.course.with_value(|c| assessment::standing(c, p)))
    });
    let rules = ctx.wf(
        "assessment_rules",
        &[
            ("questions", &a.questions_per_attempt.to_string()),
            ("bank", &a.bank.len().to_string()),
            ("pass_mark", &a.pass_mark.to_string()),
            ("attempts", &a.attempts.to_string()),
        ],
    );
    let start = move |_| {
        let seed = (js_sys::Math::random() * 9_007_199_254_740_991.0) as u64;
        if ctx.send(Intent::StartAttempt { seed }).is_ok() {
            browser::focus_main_heading();
        }
    };
    view! {
        <article class="assessment" data-testid="assessment">
            <p class="eyebrow">{course.topic(&a.topic).map(|t| t.title.clone()).unwrap_or_default()}</p>
            <h1 tabindex="-1">{ctx.w("final_assessment")}</h1>
            <p data-testid="rules">{rules}</p>
            {move || match standing.get() {
                Standing::Locked { remaining } => {
                    let items = remaining.iter().filter_map(|id| ctx.course.with_value(|c| c.topic(id).map(|t| {
                        let first = t.lessons.first().map(|l| Route::Lesson { topic: t.id.clone(), lesson: l.id.clone() });
                        view! { <li><a href=first.map(|r| browser::href(&r)).unwrap_or_default()>{t.title.clone()}</a></li> }
                    }))).collect_view();
                    view! {
                        <div data-testid="assessment-locked">
                            <p>{ctx.w("assessment_locked")}</p>
                            <ul>{items}</ul>
                        </div>
                    }.into_any()
                }
                Standing::InProgress { attempts_left } => view! { <AttemptForm attempts_left=attempts_left/> }.into_any(),
                other => {
                    let last = ctx.progress.with_untracked(|p| assessment::last_submitted(p).cloned());
                    let summary = match &other {
                        Standing::Ready { attempts_left } if last.is_none() => view! {
                            <p>{ctx.wn("attempts_total", *attempts_left, &[])}</p>
                        }.into_any(),
                        Standing::Ready { attempts_left } => view! {
                            <p data-testid="attempts-left">{ctx.wn("attempts_left", *attempts_left, &[])}</p>
                        }.into_any(),
                        Standing::Passed { best } => view! {
                            <p class="verdict right" data-testid="assessment-passed">{ctx.wf("assessment_passed", &[("best", &best.to_string())])}</p>
                        }.into_any(),
                        Standing::OutOfAttempts { best } => view! {
                            <div class="notice-box" data-testid="out-of-attempts">
                                <p><strong>{ctx.wn("out_of_attempts", a.attempts, &[("pass_mark", &a.pass_mark.to_string())])}</strong></p>
                                <p>{ctx.wf("out_of_attempts_text", &[("best", &best.to_string())])}</p>
                            </div>
                        }.into_any(),
                        _ => ().into_any(),
                    };
                    let can_start = matches!(other, Standing::Ready { .. });
                    let label = ctx.w(if last.is_some() { "start_new_attempt" } else { "start_assessment" });
                    view! {
                        {summary}
                        {can_start.then(|| view! { <p><button type="button" class="primary" data-testid="start-attempt" on:click=start>{label}</button></p> })}
                        {last.and_then(|l| l.result.clone().map(|r| view! { <AttemptReview attempt=l result=r/> }))}
                    }.into_any()
                }
            }}
        </article>
    }
    .into_any()
}

/// The questions of the attempt in progress; answers are saved as the learner goes.
#[component]
fn AttemptForm(attempts_left: u32) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let Some(attempt) = ctx
        .progress
        .with_untracked(|p| assessment::open_attempt(p).cloned())
    else {
        return ().into_any();
    };
    let course = ctx.course.get_value();
    let total = course.assessment.attempts;
    let number = total - attempts_left + 1;
    let questions: Vec<(Arc<Question>, RwSignal<Response>)> = attempt
        .questions
        .iter()
        .filter_map(|id| course.bank_question(id))
        .map(|q| {
            let r = attempt
                .responses
                .get(&q.id)
                .cloned()
                .unwrap_or_else(|| empty_response(q));
            (Arc::new(worded(q)), RwSignal::new(r))
        })
        .collect();
    let problem = RwSignal::new(None::<String>);
    let fields = questions
        .iter()
        .enumerate()
        .map(|(i, (q, response))| {
            let response = *response;
            let id = q.id.clone();
            // Each change is kept in the attempt, so a reload keeps the answers.
            Effect::new(move |prev: Option<()>| {
                let r = response.get();
                if prev.is_some() {
                    let _ = ctx.send(Intent::AnswerInAttempt {
                        question: id.clone(),
                        response: r,
                    });
                }
            });
            let graded = RwSignal::new(None);
            let warning = RwSignal::new(None);
            view! {
                <div class="question" data-testid="question" data-question-id=q.id.clone()>
                    <QuestionFields q=q.clone() number=i + 1 order=option_order(&attempt, q) response=response graded=graded warning=warning/>
                </div>
            }
        })
        .collect_view();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match ctx.send(Intent::SubmitAttempt) {
            Ok(_) => browser::focus_main_heading(),
            Err(Refused::Unanswered(missing)) => {
                let missing: Vec<String> = missing.iter().map(usize::to_string).collect();
                problem.set(Some(
                    ctx.wf("answer_every_question", &[("missing", &missing.join(", "))]),
                ));
            }
            Err(_) => {}
        }
    };
    view! {
        <form class="attempt" data-testid="attempt" on:submit=submit novalidate>
            <p class="meta">{ctx.wf("attempt_of", &[("number", &number.to_string()), ("total", &total.to_string())])}</p>
            {fields}
            <div role="status" aria-live="polite" data-testid="attempt-problem">
                {move || problem.get().map(|p| view! { <p class="warning">{p}</p> })}
            </div>
            <p><button type="submit" class="primary" data-testid="submit-attempt">{ctx.w("submit_assessment")}</button></p>
        </form>
    }
    .into_any()
}

/// The result of a submitted attempt and every answer with its feedback.
#[component]
fn AttemptReview(attempt: assessment::Attempt, result: assessment::AttemptResult) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let course = ctx.course.get_value();
    let verdict = ctx.w(if result.passed {
        "passed"
    } else {
        "not_passed"
    });
    let items = attempt
        .questions
        .iter()
        .filter_map(|id| course.bank_question(id))
        .enumerate()
        .map(|(i, q)| {
            let r = attempt.responses.get(&q.id).cloned().unwrap_or_else(|| empty_response(q));
            let g = grade(q, &r);
            let correct = g.correct;
            let q = worded(q);
            let explanation = q.explanation_html.clone();
            view! {
                <div class="question" data-testid="review-question">
                    <QuestionFields q=Arc::new(q.clone()) number=i + 1 order=option_order(&attempt, &q)
                        response=RwSignal::new(r) graded=RwSignal::new(Some(g)) warning=RwSignal::new(None)/>
                    <p class=if correct { "verdict right" } else { "verdict wrong" }>{ctx.w(if correct { "mark_right" } else { "mark_wrong" })}</p>
                    {(!explanation.is_empty()).then(|| view! { <div class="explanation" inner_html=explanation.clone()></div> })}
                </div>
            }
        })
        .collect_view();
    view! {
        <section class="review" aria-labelledby="result-h">
            <h2 id="result-h">{ctx.w("your_result")}</h2>
            <p class="score" data-testid="score" role="status">
                {ctx.wf("score_line", &[
                    ("verdict", &verdict),
                    ("score", &result.score.to_string()),
                    ("correct", &result.correct.to_string()),
                    ("total", &result.total.to_string()),
                    ("pass_mark", &course.assessment.pass_mark.to_string()),
                ])}
            </p>
            <h3>{ctx.w("review_answers")}</h3>
            {items}
        </section>
    }
}
