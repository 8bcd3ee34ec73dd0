//! The instructor's results page: load many completion records (file picker or drag and
//! drop), see them in a sortable table with per-question results, export them combined.
//!
//! Reading, checking, sorting and exports are `record` rules. Everything from a file is
//! shown as text, never as HTML.

use crate::browser;
use crate::model::Course;
use crate::parts::{part, Part};
use crate::record::{
    duration, question_stats, read_record, score_bands, score_chart_svg, share_bar_svg, sort,
    to_csv, to_json_lines, Column, CompletionRecord, Status,
};
use crate::w;
use leptos::prelude::*;
use std::sync::Arc;
use wasm_bindgen::JsCast;

/// How many learners' rows the table shows at a time.
const PAGE_ROWS: usize = 100;

/// How many record files are read side by side.
const READ_BATCH: usize = 500;

/// The table's columns and their headings' words.
const COLUMNS: [(Column, &str); 6] = [
    (Column::Learner, "results_learner"),
    (Column::Status, "results_status"),
    (Column::BestScore, "results_best_score"),
    (Column::Attempts, "results_attempts"),
    (Column::CompletedOn, "results_completed_on"),
    (Column::TimeSpent, "results_time_spent"),
];

/// A status in the page's words (the exports keep the record's own English codes).
fn status_word(s: Status) -> String {
    w(
        match s {
            Status::NotStarted => "results_status_not_started",
            Status::Incomplete => "results_status_incomplete",
            Status::Failed => "results_status_failed",
            Status::Completed => "results_status_completed",
        },
        &[],
    )
}

/// Time spent, in the page's words.
fn time_spent(seconds: u64) -> String {
    duration(
        seconds,
        &w("results_minutes", &[]),
        &w("results_hours_minutes", &[]),
    )
}

/// The page: where records come in, what could not be used, and what the class did. The
/// records and the rejected files are its state; each part below reads what it shows.
pub fn results_page(course: StoredValue<Arc<Course>>) -> AnyView {
    let records = RwSignal::new(Vec::<CompletionRecord>::new());
    let rejected = RwSignal::new(Vec::<(String, String)>::new());
    // The LRS form opens at once when the instructor asked this device to remember it.
    let lrs_open = RwSignal::new(crate::lrs_source::remembered(&course.get_value()));
    view! {
        <article class="results">
            <h1 tabindex="-1">{w("results_title", &[])}</h1>
            <p>{w("results_intro", &[])}</p>
            <RecordFiles course records rejected/>
            <section class="lrs-source" aria-labelledby="lrs-h">
                <h2 id="lrs-h">
                    <button type="button" class="disclosure" data-testid="lrs-open" aria-expanded=move || lrs_open.get().to_string()
                        on:click=move |_| lrs_open.update(|o| *o = !*o)>{w("results_lrs_heading", &[])}</button>
                </h2>
                {move || lrs_open.get().then(|| part(Part::Lrs, course, records))}
            </section>
            <Rejected rejected/>
            {move || (!records.with(Vec::is_empty)).then(|| part(Part::Class, course, records))}
        </article>
    }
    .into_any()
}

/// The class once there are records (a chunk of its own: `parts`): the distribution of
/// best scores, the learners' table with its exports, and each question's results.
pub fn class_view(
    course: StoredValue<Arc<Course>>,
    records: RwSignal<Vec<CompletionRecord>>,
) -> AnyView {
    view! {
        <ScoreChart records/>
        <Learners course records/>
        <QuestionResults course records/>
    }
    .into_any()
}

/// Picking or dropping record files: each is read and checked (`record::read_record`) one
/// after another, with a running count; the good ones join `records` and the others
/// `rejected`, each batch in one update. (An update per file rebuilt the table and the
/// per-question results each time: loading was quadratic, 2,000 records took 268 s.)
#[component]
fn RecordFiles(
    course: StoredValue<Arc<Course>>,
    records: RwSignal<Vec<CompletionRecord>>,
    rejected: RwSignal<Vec<(String, String)>>,
) -> impl IntoView {
    // Files read so far, of how many, while a batch is being read.
    let loading = RwSignal::new(None::<(usize, usize)>);
    let load = move |files: Option<web_sys::FileList>| {
        let Some(files) = files else { return };
        let files: Vec<web_sys::File> = (0..files.length()).filter_map(|i| files.get(i)).collect();
        leptos::task::spawn_local(async move {
            let total = files.len();
            let (mut good, mut bad) = (Vec::new(), Vec::new());
            loading.set(Some((0, total)));
            // Read a batch at a time (the count moves once per batch), the next batch's
            // read under way while this one's records are checked.
            let batches: Vec<&[web_sys::File]> = files.chunks(READ_BATCH).collect();
            let mut next = batches.first().map(|batch| browser::read_files(batch));
            for (b, batch) in batches.iter().enumerate() {
                let Some(reading) = next.take() else { break };
                next = batches.get(b + 1).map(|batch| browser::read_files(batch));
                for (file, text) in batch.iter().zip(reading.await) {
                    let Ok(text) = text else {
                        bad.push((file.name(), w("results_reject_unreadable", &[])));
                        continue;
                    };
                    match course.with_value(|c| read_record(&text, c)) {
                        Ok(r) => good.push(r),
                        Err(why) => {
                            let (key, values) = why.word(&|k| w(k, &[]));
                            let values: Vec<(&str, &str)> =
                                values.iter().map(|(k, v)| (*k, v.as_str())).collect();
                            bad.push((file.name(), w(key, &values)));
                        }
                    }
                }
                loading.set(Some(((b * READ_BATCH + batch.len()).min(total), total)));
            }
            records.update(|all| all.extend(good));
            rejected.update(|all| all.extend(bad));
            loading.set(None);
        });
    };
    let on_pick = move |ev: leptos::ev::Event| {
        let input = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok());
        load(input.as_ref().and_then(|i| i.files()));
        if let Some(i) = input {
            i.set_value("");
        }
    };
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        load(ev.data_transfer().and_then(|d| d.files()));
    };
    view! {
        <div class="dropzone" data-testid="dropzone" on:dragover=|ev: leptos::ev::DragEvent| ev.prevent_default() on:drop=on_drop>
            <p><label for="record-files">{w("results_choose_files", &[])}</label></p>
            <p><input id="record-files" type="file" multiple accept=".json,application/json" data-testid="record-files" on:change=on_pick/></p>
        </div>
        <p role="status" data-testid="loading-records">{move || loading.get().map(|(read, of)| w("results_reading", &[("read", &read.to_string()), ("total", &of.to_string())]))}</p>
    }
}

/// The files that could not be used, each with why.
#[component]
fn Rejected(rejected: RwSignal<Vec<(String, String)>>) -> impl IntoView {
    move || {
        let bad = rejected.get();
        (!bad.is_empty()).then(|| view! {
            <section aria-labelledby="rejected-h" class="notice-box">
                <h2 id="rejected-h">{w("results_rejected", &[])}</h2>
                <ul data-testid="rejected">
                    {bad.into_iter().map(|(name, reason)| view! { <li><strong>{name}</strong>": "{reason}</li> }).collect_view()}
                </ul>
            </section>
        })
    }
}

/// One row per learner, sortable by any column (`record::sort`), and the combined exports
/// in the order shown.
#[component]
fn Learners(
    course: StoredValue<Arc<Course>>,
    records: RwSignal<Vec<CompletionRecord>>,
) -> impl IntoView {
    let order = RwSignal::new((Column::Learner, true));
    let sorted = Memo::new(move |_| {
        let (by, ascending) = order.get();
        let mut all = records.get();
        sort(&mut all, by, ascending);
        all
    });
    let export = move |json: bool| {
        let all = sorted.get_untracked();
        let stem = course.with_value(|c| format!("{}-results", c.id));
        let _ = if json {
            browser::download(&format!("{stem}.json"), &to_json_lines(&all))
        } else {
            browser::download(&format!("{stem}.csv"), &to_csv(&all))
        };
    };
    let header = move || {
        COLUMNS
            .iter()
            .map(|&(column, label)| {
                let sort_state = move || match order.get() {
                    (c, true) if c == column => "ascending",
                    (c, false) if c == column => "descending",
                    _ => "none",
                };
                view! {
                    <th scope="col" aria-sort=sort_state>
                        <button type="button" class="sort" data-testid="sort"
                            on:click=move |_| order.update(|o| *o = if o.0 == column { (column, !o.1) } else { (column, true) })>
                            {w(label, &[])}
                        </button>
                    </th>
                }
            })
            .collect_view()
    };
    let language = course.with_value(|c| c.language.clone());
    // A page of rows at a time: a table of 10,000 rows took seconds to build and made
    // the page slow to scroll and sort.
    let page = RwSignal::new(0usize);
    Effect::new(move |_| {
        order.track();
        records.track();
        page.set(0);
    });
    let count = move || records.with(Vec::len);
    let pages = move || count().div_ceil(PAGE_ROWS).max(1);
    let rows = move || {
        let from = page.get() * PAGE_ROWS;
        sorted
            .with(|all| all.iter().skip(from).take(PAGE_ROWS).cloned().collect::<Vec<_>>())
            .into_iter()
            .map(|r| {
                view! {
                    <tr data-testid="result-row">
                        <th scope="row">{r.learner.clone()}</th>
                        <td>{status_word(r.status)}</td>
                        <td>{r.best_score.map(|s| w("results_percent", &[("value", &s.to_string())])).unwrap_or_else(|| "–".into())}</td>
                        <td>{r.attempt_count()}</td>
                        <td>{r.completed_on.as_deref().map(|day| browser::local_day(day).map_or_else(|| day.to_string(), |d| browser::long_date(&language, &d))).unwrap_or_else(|| "–".into())}</td>
                        <td>{time_spent(r.time_on_task_seconds)}</td>
                    </tr>
                }
            })
            .collect_view()
    };
    view! {
        <section aria-labelledby="learners-h">
            <h2 id="learners-h">{move || w("results_learners", &[("count", &records.with(Vec::len).to_string())])}</h2>
            <div class="table-scroll">
                <table data-testid="results-table">
                    <caption class="visually-hidden">{w("results_table_caption", &[])}</caption>
                    <thead><tr>{header}</tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            {move || (pages() > 1).then(|| {
                let from = page.get() * PAGE_ROWS;
                let first = move || page.get() == 0;
                let last = move || page.get() + 1 >= pages();
                view! {
                    <nav class="table-pages" aria-label=w("results_pages", &[])>
                        <button type="button" data-testid="page-previous" disabled=first
                            on:click=move |_| page.update(|p| *p = p.saturating_sub(1))>{w("results_previous", &[])}</button>
                        " "<span role="status" data-testid="page-rows">{w("results_rows", &[("from", &(from + 1).to_string()), ("to", &(from + PAGE_ROWS).min(count()).to_string()), ("count", &count().to_string())])}</span>" "
                        <button type="button" data-testid="page-next" disabled=last
                            on:click=move |_| page.update(|p| *p += 1)>{w("results_next", &[])}</button>
                    </nav>
                }
            })}
            <p>
                <button type="button" class="primary" data-testid="export-csv" on:click=move |_| export(false)>{w("results_download_csv", &[])}</button>
                " "
                <button type="button" data-testid="export-json" on:click=move |_| export(true)>{w("results_download_json", &[])}</button>
            </p>
        </section>
    }
}

/// Each assessment question's share of right answers (`record::question_stats`: each
/// learner's latest attempt that drew it).
#[component]
fn QuestionResults(
    course: StoredValue<Arc<Course>>,
    records: RwSignal<Vec<CompletionRecord>>,
) -> impl IntoView {
    let stats = move || {
        let all = records.get();
        course.with_value(|c| {
            question_stats(c, &all)
                .into_iter()
                .map(|s| {
                    let prompt = c
                        .assessment
                        .bank
                        .iter()
                        .find(|q| q.id == s.id)
                        .map(|q| q.prompt_html.clone())
                        .unwrap_or_default();
                    view! {
                        <tr data-testid="question-stat">
                            <td inner_html=prompt></td>
                            <td>{s.objective.clone()}</td>
                            <td>
                                <span inner_html=share_bar_svg(s.percent())></span>
                                {w("results_share", &[("percent", &s.percent().to_string()), ("correct", &s.correct.to_string()), ("seen", &s.seen.to_string())])}
                            </td>
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <section aria-labelledby="questions-h">
            <h2 id="questions-h">{w("results_questions", &[])}</h2>
            <div class="table-scroll">
                <table data-testid="question-stats">
                    <thead><tr><th scope="col">{w("results_question", &[])}</th><th scope="col">{w("results_objective", &[])}</th><th scope="col">{w("results_correct", &[])}</th></tr></thead>
                    <tbody>{stats}</tbody>
                </table>
            </div>
        </section>
    }
}

/// The distribution of best scores, drawn: one bar per band of ten points, the pass mark
/// marked. A picture for those who would rather look; the table below says the same to
/// everyone, so the drawing is hidden from screen readers.
#[component]
fn ScoreChart(records: RwSignal<Vec<CompletionRecord>>) -> impl IntoView {
    move || {
        let bands = records.with(|r| score_bands(r));
        let took: u32 = bands.iter().sum();
        (took > 0).then(|| view! {
            <figure class="chart" data-testid="score-chart">
                <div inner_html=score_chart_svg(&bands)></div>
                <figcaption>{w("results_chart_scores", &[("count", &took.to_string())])}</figcaption>
            </figure>
        })
    }
}
