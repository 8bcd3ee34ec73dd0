//! "Your progress": what is saved and where, a backup download, and restore from a file.
//!
//! Validation and merging are `backup` and `progress` rules; this page only reads the file
//! and shows what they say.

use super::{browser, download_progress, Ctx, NotSaving};
use crate::backup;
use crate::progress::merge;
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
    view! {
        <article class="progress-page">
            <h1 tabindex="-1">"Your progress"</h1>
            <p>"Your progress in this course (lessons read, answers, assessment attempts, time spent and your name for the certificate) is saved in this browser only, on this device. Nothing is sent anywhere."</p>
            {move || not_saving.and_then(|n| n.get()).map(|why| view! { <p class="warning">{format!("Right now it is not being saved: {why}.")}</p> })}
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
