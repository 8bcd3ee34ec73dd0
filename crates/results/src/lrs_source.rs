//! Results from a Learning Record Store: the instructor types the LRS's address and a user
//! that may read statements, and the page reads this course's statements page by page
//! (`class::Class`: what to ask, and how statements become the completion records files
//! give), with a running count. The credentials go only to the LRS, and are kept on this
//! device only when the instructor asks.

use crate::model::Course;
use crate::record::CompletionRecord;
use crate::w;
use course_core::class::Class;
use course_core::xapi::{
    basic_auth, connect_allowed, course_activity_id, endpoint_base, origin_of,
};
use leptos::html;
use leptos::prelude::*;
use std::sync::Arc;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// How long one page may take before the LRS counts as not answering.
const TIMEOUT_MS: i32 = 60_000;

fn key(course: &Course) -> String {
    course_core::xapi::reader_key(&course.id)
}

/// The page's Content-Security-Policy, if it has one.
fn policy() -> Option<String> {
    web_sys::window()?
        .document()?
        .query_selector(r#"meta[http-equiv="Content-Security-Policy"]"#)
        .ok()??
        .get_attribute("content")
}

/// A GET with the LRS's headers, started at once (so that two can be on their way
/// together); the text of a 2xx answer, or what went wrong, in the page's words.
fn get(url: &str, auth: &str) -> impl std::future::Future<Output = Result<String, String>> {
    let failed = || w("results_lrs_unreachable", &[]);
    let started = (|| {
        let window = web_sys::window()?;
        let headers = web_sys::Headers::new().ok()?;
        let _ = headers.set("Authorization", auth);
        let _ = headers.set("X-Experience-API-Version", course_core::xapi::VERSION);
        let abort = web_sys::AbortController::new().ok()?;
        let init = web_sys::RequestInit::new();
        init.set_headers(&headers);
        init.set_signal(Some(&abort.signal()));
        let stop = wasm_bindgen::closure::Closure::once_into_js(move || abort.abort());
        let timer = window
            .set_timeout_with_callback_and_timeout_and_arguments_0(stop.unchecked_ref(), TIMEOUT_MS)
            .ok();
        Some((window.fetch_with_str_and_init(url, &init), timer))
    })();
    async move {
        let (request, timer) = started.ok_or_else(failed)?;
        let response = JsFuture::from(request)
            .await
            .ok()
            .and_then(|r| r.dyn_into::<web_sys::Response>().ok())
            .ok_or_else(failed);
        let text = match response {
            Ok(r) if r.ok() => match r.text() {
                Ok(t) => JsFuture::from(t).await.ok().and_then(|t| t.as_string()),
                Err(_) => None,
            }
            .ok_or_else(failed),
            Ok(r) if matches!(r.status(), 401 | 403) => Err(w("results_lrs_refused", &[])),
            Ok(r) => Err(w(
                "results_lrs_failed",
                &[("status", &r.status().to_string())],
            )),
            Err(e) => Err(e),
        };
        if let (Some(t), Some(window)) = (timer, web_sys::window()) {
            window.clear_timeout_with_handle(t);
        }
        text
    }
}

/// Reads the class from the LRS at `endpoint`, telling `status` how far it has got.
async fn read_class(
    course: StoredValue<Arc<Course>>,
    endpoint: &str,
    auth: &str,
    root: &str,
    status: RwSignal<Option<String>>,
) -> Result<Vec<CompletionRecord>, String> {
    let mut class = Class::new(root);
    // Both activities' first pages on their way together; then each one's next pages.
    let firsts: Vec<_> = class
        .activities()
        .iter()
        .map(|a| {
            let url = Class::query(endpoint, a);
            let text = get(&url, auth);
            (url, text)
        })
        .collect();
    for (mut url, first) in firsts {
        let mut text = first.await?;
        loop {
            let page = class
                .add_page(&text)
                .map_err(|_| w("results_lrs_unreadable", &[]))?;
            status.set(Some(w(
                "results_lrs_reading",
                &[
                    ("statements", &class.read.to_string()),
                    ("learners", &class.learners().to_string()),
                ],
            )));
            match page.more.map(|m| Class::next(endpoint, &m)) {
                Some(next) if page.statements > 0 && next != url => {
                    text = get(&next, auth).await?;
                    url = next;
                }
                _ => break,
            }
        }
    }
    Ok(course.with_value(|c| class.records(c, js_sys::Date::now())))
}

/// Whether the instructor asked this device to remember an LRS for `course`.
pub fn remembered(course: &Course) -> bool {
    crate::browser::local_storage()
        .and_then(|s| s.get_item(&key(course)).ok().flatten())
        .is_some()
}

/// The form, and what it read: the class goes into `records` (replacing what was shown).
pub fn lrs_form(
    course: StoredValue<Arc<Course>>,
    records: RwSignal<Vec<CompletionRecord>>,
) -> AnyView {
    let kept: Vec<String> = crate::browser::local_storage()
        .and_then(|s| s.get_item(&key(&course.get_value())).ok().flatten())
        .and_then(|t| course_core::json::from_str(&t).ok())
        .unwrap_or_default();
    let field = |i: usize| kept.get(i).cloned().unwrap_or_default();
    let root = kept
        .get(3)
        .cloned()
        .unwrap_or_else(|| course.with_value(|c| course_activity_id(c)));
    let (endpoint, user, password, activity, remember) = (
        NodeRef::<html::Input>::new(),
        NodeRef::<html::Input>::new(),
        NodeRef::<html::Input>::new(),
        NodeRef::<html::Input>::new(),
        NodeRef::<html::Input>::new(),
    );
    let status = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let value = |n: NodeRef<html::Input>| n.get().map(|i| i.value()).unwrap_or_default();
        let (given, user, password, root) = (
            value(endpoint),
            value(user),
            value(password),
            value(activity),
        );
        let base = match endpoint_base(&given) {
            Ok(b) => b,
            Err(_) => {
                status.set(Some(w("results_lrs_bad_endpoint", &[])));
                return;
            }
        };
        let origin = origin_of(&base).to_string();
        if !connect_allowed(policy().as_deref(), &origin) {
            status.set(Some(w("results_lrs_blocked", &[("origin", &origin)])));
            return;
        }
        if let Some(s) = crate::browser::local_storage() {
            let k = key(&course.get_value());
            let _ = if remember.get().is_some_and(|r| r.checked()) {
                let all = [given, user.clone(), password.clone(), root.clone()];
                s.set_item(&k, &serde_json::to_string(&all).unwrap_or_default())
            } else {
                s.remove_item(&k)
            };
        }
        busy.set(true);
        status.set(Some(w("results_lrs_connecting", &[])));
        leptos::task::spawn_local(async move {
            let auth = basic_auth(&user, &password);
            match read_class(course, &base, &auth, root.trim(), status).await {
                Ok(class) if class.is_empty() => status.set(Some(w("results_lrs_none", &[]))),
                Ok(class) => {
                    status.set(Some(w(
                        "results_lrs_done",
                        &[("learners", &class.len().to_string())],
                    )));
                    records.set(class);
                }
                Err(why) => status.set(Some(why)),
            }
            busy.set(false);
        });
    };
    let remembered = !kept.is_empty();
    view! {
            <p>{w("results_lrs_intro", &[])}</p>
            <form on:submit=on_submit>
                <p><label for="lrs-endpoint">{w("results_lrs_endpoint", &[])}</label>
                <input id="lrs-endpoint" type="url" required placeholder="https://lrs.example.org/xAPI/" node_ref=endpoint value=field(0)/></p>
                <p><label for="lrs-user">{w("results_lrs_user", &[])}</label>
                <input id="lrs-user" autocomplete="username" required node_ref=user value=field(1)/></p>
                <p><label for="lrs-password">{w("results_lrs_password", &[])}</label>
                <input id="lrs-password" type="password" autocomplete="current-password" node_ref=password value=field(2)/></p>
                <p><label for="lrs-activity">{w("results_lrs_activity", &[])}</label>
                <input id="lrs-activity" required node_ref=activity value=root/></p>
                <p><input id="lrs-remember" type="checkbox" node_ref=remember checked=remembered/>
                " "<label for="lrs-remember">{w("results_lrs_remember", &[])}</label></p>
                <p><button type="submit" class="primary" data-testid="lrs-read" disabled=move || busy.get()>{w("results_lrs_read", &[])}</button></p>
            </form>
        <p role="status" data-testid="lrs-status">{move || status.get()}</p>
    }
    .into_any()
}
