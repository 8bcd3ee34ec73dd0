//! "Your progress": what is saved and where, a backup download, and restore from a file.
//!
//! Validation and merging are `backup` and `progress` rules; this page only reads the file
//! and shows what they say.

use super::{browser, download_progress, Ctx, NotSaving};
use crate::backup;
use crate::intent::Intent;
use crate::record::{to_csv, CompletionRecord};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

#[derive(Clone)]
enum Outcome {
    Restored(String),
    Refused(Vec<String>),
}

pub fn progress_page(ctx: Ctx) -> AnyView {
    let not_saving = use_context::<NotSaving>().map(|n| n.0);
    let outcome = RwSignal::new(None::<Outcome>);
    let kept_aside = ctx.course.with_value(|c| super::storage::backup(&c.id));
    let on_file = move |ev: leptos::ev::Event| {
        let Some(file) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            .and_then(|i| i.files())
            .and_then(|f| f.get(0))
        else {
            return;
        };
        leptos::task::spawn_local(async move {
            let text = match browser::read_file(file).await {
                Ok(t) => t,
                Err(_) => {
                    let why = ctx.w("restore_refused_unreadable");
                    return outcome.set(Some(Outcome::Refused(vec![why])));
                }
            };
            match ctx.course.with_value(|c| backup::import(&text, c)) {
                Err(problems) => {
                    let say = |key: &'static str| ctx.w(key);
                    let words = problems.iter().map(|p| p.worded(&say)).collect();
                    outcome.set(Some(Outcome::Refused(words)))
                }
                Ok(theirs) => {
                    let summary = ctx.wf(
                        "restored",
                        &[
                            ("lessons", &theirs.seen.len().to_string()),
                            ("answers", &theirs.answers.len().to_string()),
                            ("attempts", &theirs.attempts.len().to_string()),
                        ],
                    );
                    let _ = ctx.send(Intent::Merge(Box::new(theirs)));
                    outcome.set(Some(Outcome::Restored(summary)));
                }
            }
        });
    };
    // The completion record, for an instructor: the learner's name or id as they type it.
    let learner = RwSignal::new(
        ctx.progress
            .with_untracked(|p| p.learner_name.clone().unwrap_or_default()),
    );
    let record_problem = RwSignal::new(None::<&'static str>);
    let export_record = move |csv: bool| {
        let name = learner.get_untracked().trim().to_string();
        if name.is_empty() {
            record_problem.set(Some("learner_missing"));
            return;
        }
        record_problem.set(None);
        let record = ctx.progress.with_untracked(|p| {
            ctx.course
                .with_value(|c| CompletionRecord::of(c, p, &name, js_sys::Date::now()))
        });
        let (file, text) = if csv {
            (
                format!("{}.csv", record.file_stem()),
                to_csv(std::slice::from_ref(&record)),
            )
        } else {
            (format!("{}.json", record.file_stem()), record.to_json())
        };
        let _ = browser::download(&file, &text);
    };
    view! {
        <article class="progress-page">
            <h1 tabindex="-1">{ctx.w("your_progress")}</h1>
            <p>{ctx.w("progress_intro")}</p>
            {move || not_saving.and_then(|n| n.get()).map(|why| view! { <p class="warning">{ctx.wf("not_saved_now", &[("why", &super::page_word(&why, &[]))])}</p> })}
            <h2>{ctx.w("send_results")}</h2>
            <p>{ctx.w("send_results_text")}</p>
            <p><label for="record-learner">{ctx.w("learner_label")}</label></p>
            <p><input id="record-learner" type="text" autocomplete="name" maxlength="80" data-testid="record-learner"
                prop:value=move || learner.get() on:input=move |ev| learner.set(event_target_value(&ev))/></p>
            <p role="status" aria-live="polite">{move || record_problem.get().map(|p| view! { <span class="warning">{ctx.w(p)}</span> })}</p>
            <p>
                <button type="button" class="primary" data-testid="export-record-json" on:click=move |_| export_record(false)>{ctx.w("download_record_json")}</button>
                " "
                <button type="button" data-testid="export-record-csv" on:click=move |_| export_record(true)>{ctx.w("download_record_csv")}</button>
            </p>
            <h2>{ctx.w("back_it_up")}</h2>
            <p>{ctx.w("back_it_up_text")}</p>
            <p><button type="button" class="primary" data-testid="export-progress" on:click=move |_| download_progress(ctx)>{ctx.w("download_backup")}</button></p>
            <h2>{ctx.w("restore_it")}</h2>
            <p>{ctx.w("restore_it_text")}</p>
            <p><label for="restore-file">{ctx.w("restore_label")}</label></p>
            <p><input id="restore-file" type="file" accept=".json,application/json" data-testid="restore-file" on:change=on_file/></p>
            <div role="status" aria-live="polite" data-testid="restore-outcome">
                {move || outcome.get().map(|o| match o {
                    Outcome::Restored(summary) => view! { <p class="verdict right">{summary}</p> }.into_any(),
                    Outcome::Refused(problems) => view! {
                        <p class="verdict wrong">{ctx.w("nothing_restored")}</p>
                        <ul data-testid="restore-problems">{problems.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul>
                    }.into_any(),
                })}
            </div>
            {kept_aside.map(|raw| {
                let name = ctx.course.with_value(|c| format!("{}-unreadable-progress.txt", c.id));
                view! {
                    <h2>{ctx.w("unreadable_record")}</h2>
                    <p>{ctx.w("unreadable_record_text")}</p>
                    <p><button type="button" data-testid="download-unreadable" on:click=move |_| { let _ = browser::download(&name, &raw); }>{ctx.w("download_unreadable")}</button></p>
                }
            })}
        </article>
    }
    .into_any()
}
