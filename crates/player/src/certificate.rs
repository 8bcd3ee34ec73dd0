//! The certificate page: asks for the learner's name once, then shows a certificate that
//! prints on one page. What counts as complete comes from `assessment`.

use super::browser::{href, local_day, long_date};
use super::Ctx;
use crate::assessment::{best_score, passed, topic_done};
use crate::intent::{Intent, Refused};
use crate::route::Route;
use leptos::prelude::*;

pub fn certificate_page(ctx: Ctx) -> AnyView {
    let draft = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<&'static str>);
    let save_name = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let name = draft.get_untracked();
        match ctx.send(Intent::NameCertificate { name }) {
            Ok(_) => {
                problem.set(None);
                super::browser::focus_main_heading();
            }
            Err(Refused::NameTooLong) => problem.set(Some("name_too_long")),
            Err(_) => problem.set(Some("name_missing")),
        }
    };
    let body = move || {
        let (completion, name) = ctx
            .progress
            .with(|p| (p.completion.clone(), p.learner_name.clone()));
        let course = ctx.course.get_value();
        let Some(completion) = completion else {
            let missing = ctx.progress.with(|p| {
                let mut m: Vec<AnyView> = course
                    .topics
                    .iter()
                    .filter(|t| !topic_done(t, p))
                    .map(|t| {
                        let to = t.lessons.first().map(|l| href(&Route::Lesson { topic: t.id.clone(), lesson: l.id.clone() })).unwrap_or_default();
                        view! { <li><a href=to>{ctx.wf("finish_topic", &[("topic", &t.title)])}</a></li> }.into_any()
                    })
                    .collect();
                if !passed(p) {
                    m.push(view! { <li><a href=href(&Route::Assessment)>{ctx.w("pass_assessment")}</a></li> }.into_any());
                }
                m
            });
            return view! {
                <h1 tabindex="-1">{ctx.w("nav_certificate")}</h1>
                <p data-testid="certificate-pending">{ctx.w("certificate_pending")}</p>
                <ul>{missing}</ul>
            }
            .into_any();
        };
        let Some(name) = name else {
            return view! {
                <h1 tabindex="-1">{ctx.w("your_certificate")}</h1>
                <p>{ctx.w("congratulations")}</p>
                <form on:submit=save_name novalidate>
                    <p><label for="learner-name">{ctx.w("name_label")}</label></p>
                    <p><input id="learner-name" type="text" autocomplete="name" maxlength=crate::intent::MAX_NAME_CHARS.to_string() data-testid="learner-name"
                        prop:value=move || draft.get() on:input=move |ev| { draft.set(event_target_value(&ev)); problem.set(None); }/></p>
                    <p role="status" aria-live="polite">{move || problem.get().map(|p| view! { <span class="warning">{ctx.w(p)}</span> })}</p>
                    <p><button type="submit" class="primary">{ctx.w("show_certificate")}</button></p>
                </form>
            }
            .into_any();
        };
        // The day stored with the completion (the record says the same); a completion saved
        // before days were kept shows the learner's local day, as it always did.
        let date = match &completion.day {
            Some(day) => {
                local_day(day).map_or_else(|| day.clone(), |d| long_date(&course.language, &d))
            }
            None => long_date(&course.language, &js_sys::Date::new(&completion.at.into())),
        };
        let score = ctx.progress.with(best_score).unwrap_or(0);
        view! {
            <div class="certificate" data-testid="certificate">
                <p class="cert-kicker">{ctx.w("certificate_of_completion")}</p>
                <h1 tabindex="-1" class="cert-name" data-testid="certificate-name">{name}</h1>
                <p>{ctx.w("has_completed")}</p>
                <p class="cert-course">{course.title.clone()}</p>
                <dl class="cert-facts">
                    <dt>{ctx.w("duration")}</dt><dd>{ctx.wn("about_minutes", course.estimated_minutes, &[])}</dd>
                    <dt>{ctx.w("completed_on")}</dt><dd data-testid="certificate-date">{date}</dd>
                    <dt>{ctx.w("assessment_score")}</dt><dd data-testid="certificate-score">{ctx.wf("percent", &[("value", &score.to_string())])}</dd>
                    <dt>{ctx.w("completion_id")}</dt><dd data-testid="certificate-id">{completion.id.clone()}</dd>
                </dl>
            </div>
            <p class="no-print">
                <button type="button" class="primary" on:click=|_| { let _ = web_sys::window().map(|w| w.print()); }>{ctx.w("print_certificate")}</button>
                " "
                <button type="button" on:click=move |_| { let _ = ctx.send(Intent::ClearName); }>{ctx.w("correct_name")}</button>
            </p>
        }
        .into_any()
    };
    view! { <article class="certificate-page">{body}</article> }.into_any()
}
