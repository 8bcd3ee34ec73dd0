//! "Your progress": what is saved and where, a backup download, and restore from a file.
//!
//! Validation and merging are `backup` and `progress` rules; this page only reads the file
//! and shows what they say.

use super::{browser, download_progress, Ctx, NotSaving};
use crate::backup;
use crate::progress::merge;
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
                Err(e) => return outcome.set(Some(Outcome::Refused(vec![e]))),
            };
            match ctx.course.with_value(|c| backup::import(&text, c)) {
                Err(problems) => outcome.set(Some(Outcome::Refused(problems))),
                Ok(theirs) => {
                    let summary = format!(
                        "Restored from the file: {} lessons read, {} knowledge-check answers, {} assessment attempts. Nothing you had here was lost.",
                        theirs.seen.len(),
                        theirs.answers.len(),
                        theirs.attempts.len()
                    );
                    ctx.progress.update(|ours| *ours = merge(ours, &theirs));
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
            record_problem.set(Some("Type your name or learner id first."));
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
            <h1 tabindex="-1">"Your progress"</h1>
            <p>"Your progress in this course (lessons read, answers, assessment attempts, time spent and your name for the certificate) is saved in this browser only, on this device. Nothing is sent anywhere."</p>
            {move || not_saving.and_then(|n| n.get()).map(|why| view! { <p class="warning">{format!("Right now it is not being saved: {why}.")}</p> })}
            <h2>"Send your results to your instructor"</h2>
            <p>"Your completion record lists your status, each topic with its time, and every assessment attempt with its score. Send the file to your instructor."</p>
            <p><label for="record-learner">"Your name or learner id"</label></p>
            <p><input id="record-learner" type="text" autocomplete="name" maxlength="80" data-testid="record-learner"
                prop:value=move || learner.get() on:input=move |ev| learner.set(event_target_value(&ev))/></p>
            <p role="status" aria-live="polite">{move || record_problem.get().map(|p| view! { <span class="warning">{p}</span> })}</p>
            <p>
                <button type="button" class="primary" data-testid="export-record-json" on:click=move |_| export_record(false)>"Download completion record (JSON)"</button>
                " "
                <button type="button" data-testid="export-record-csv" on:click=move |_| export_record(true)>"Download as CSV"</button>
            </p>
            <h2>"Back it up"</h2>
            <p>"Download a file with your progress, to keep it safe or to carry on in another browser."</p>
            <p><button type="button" class="primary" data-testid="export-progress" on:click=move |_| download_progress(ctx)>"Download a backup of your progress"</button></p>
            <h2>"Restore it"</h2>
            <p>"Pick a backup file made by this course. It is checked first; what it holds is added to what is here, so nothing is lost."</p>
            <p><label for="restore-file">"Restore progress from a backup file"</label></p>
            <p><input id="restore-file" type="file" accept=".json,application/json" data-testid="restore-file" on:change=on_file/></p>
            <div role="status" aria-live="polite" data-testid="restore-outcome">
                {move || outcome.get().map(|o| match o {
                    Outcome::Restored(summary) => view! { <p class="verdict right">{summary}</p> }.into_any(),
                    Outcome::Refused(problems) => view! {
                        <p class="verdict wrong">"Nothing was restored: the file has these problems."</p>
                        <ul data-testid="restore-problems">{problems.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul>
                    }.into_any(),
                })}
            </div>
            {kept_aside.map(|raw| {
                let name = ctx.course.with_value(|c| format!("{}-unreadable-progress.txt", c.id));
                view! {
                    <h2>"A record that could not be read"</h2>
                    <p>"An earlier saved record could not be read and was kept aside. You can download it as it was, for example to send it to support."</p>
                    <p><button type="button" data-testid="download-unreadable" on:click=move |_| { let _ = browser::download(&name, &raw); }>"Download the unreadable record"</button></p>
                }
            })}
        </article>
    }
    .into_any()
}
