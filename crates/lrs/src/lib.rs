//! Reporting to a Learning Record Store (xAPI) from the learner's page, when it is launched
//! with the xAPI launch parameters (`?endpoint=...&auth=...&actor=...`). A bundle of its own
//! (`lrs/course-lrs-<hash>.js`), which the page's script imports only then: a learner
//! without an LRS downloads none of it, and the player's wasm carries none of it.
//!
//! It watches the progress record the player keeps in local storage (the player needs to
//! know nothing of it) and turns each change into statements (`xapi::Tracker`). What to say
//! and how the statements wait and retry is the core's (`xapi`); this only moves them:
//! they are kept in local storage (`course-engine:<course>:xapi`, with what has been told)
//! before anything is sent, so nothing is lost to a reload, a closed tab or an LRS that is
//! away; sent in batches, retried with backoff; one the LRS refuses is kept aside and the
//! learner told. The credentials stay in the page's address, and go only to the LRS.

use course_core::feedback::put_back;
use course_core::json::{FromJson, Json};
use course_core::model::Question;
use course_core::model::{fill, find_word, Course};
use course_core::progress::{storage_key, Loaded, Progress};
use course_core::xapi::{
    connect_allowed, uuid_v4, Answer, Kept, Launch, Session, Tracker, LEARNER_EVENT, LEARNER_KEY,
    SITE_LRS_FILE,
};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// How long a request may take before it counts as unanswered.
const TIMEOUT_MS: i32 = 15_000;
/// How often the progress record is looked at (the player saves 0.4 s after a change).
const POLL_MS: i32 = 1_000;

fn window() -> web_sys::Window {
    web_sys::window().expect("a page has a window")
}

fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok()?
}

fn key(course_id: &str) -> String {
    course_core::xapi::queue_key(course_id)
}

/// A new statement id, from the browser's cryptographic random numbers.
fn new_id() -> String {
    let mut bytes = [0u8; 16];
    let crypto = window().crypto().ok();
    if crypto
        .and_then(|c| c.get_random_values_with_u8_array(&mut bytes).ok())
        .is_none()
    {
        for b in bytes.iter_mut() {
            *b = (js_sys::Math::random() * 256.0) as u8;
        }
    }
    uuid_v4(bytes)
}

async fn fetch_text(url: &str) -> Option<String> {
    let response = JsFuture::from(window().fetch_with_str(url)).await.ok()?;
    let response: web_sys::Response = response.dyn_into().ok()?;
    if !response.ok() {
        return None;
    }
    JsFuture::from(response.text().ok()?)
        .await
        .ok()?
        .as_string()
}

/// Whether the page's Content-Security-Policy lets it connect to `origin` (the site is
/// built for the LRSs its organisation names: `course-engine build --lrs-origin`).
fn allowed(origin: &str) -> bool {
    let policy = window()
        .document()
        .and_then(|d| {
            d.query_selector(r#"meta[http-equiv="Content-Security-Policy"]"#)
                .ok()
                .flatten()
        })
        .and_then(|m| m.get_attribute("content"));
    connect_allowed(policy.as_deref(), origin)
}

/// A site built for one LRS (`course-engine build --lrs-endpoint`): its settings
/// (`lrs.json`), and the launch once the learner has said who they are (the page's form
/// keeps it under `LEARNER_KEY`, then says so with `LEARNER_EVENT`, and reporting starts
/// then). None for a site without, or until then.
async fn site_launch() -> Result<Option<Launch>, String> {
    let Some(config) = fetch_text(SITE_LRS_FILE).await else {
        return Ok(None);
    };
    let learner = storage().and_then(|s| s.get_item(LEARNER_KEY).ok().flatten());
    let launch = Launch::for_site(&config, learner.as_deref())?;
    if launch.is_none() {
        listen(LEARNER_EVENT, start);
    }
    Ok(launch)
}

/// The learner's progress as the player last saved it, and its raw text.
fn saved_progress(course: &Course) -> Option<(String, Progress)> {
    let raw = storage()?
        .get_item(&storage_key(&course.id))
        .ok()
        .flatten()?;
    match Progress::decode(Some(&raw), course) {
        Loaded::Restored(p) => Some((raw, p)),
        _ => None,
    }
}

/// The reporter's state: the course, the LRS, the queue and what has been told.
struct Reporter {
    course: Course,
    words: String,
    launch: Launch,
    session: Session,
    kept: Kept,
    sending: bool,
    started_at: f64,
    /// The progress record's text when last looked at.
    last_raw: String,
    /// A retry is scheduled.
    retry_scheduled: bool,
}

type Shared = Rc<RefCell<Reporter>>;

impl Reporter {
    fn word(&self, key: &str, values: &[(&str, &str)]) -> String {
        fill(find_word(&self.words, key).unwrap_or(key), values)
    }

    fn save(&self) {
        if let Some(s) = storage() {
            // A full storage keeps the queue in this page; it is saved with the next change.
            let _ = s.set_item(&key(&self.course.id), &self.kept.to_json());
        }
    }

    /// Queues the statements for what the progress record has that was not told yet.
    fn take_news(&mut self) {
        let Some((raw, p)) = saved_progress(&self.course) else {
            return;
        };
        if raw == self.last_raw {
            return;
        }
        self.last_raw = raw;
        let now = js_sys::Date::now();
        let mut id = new_id;
        // The first time, the LRS hears everything there is (what the learner did before
        // this launch, and in this page before this module started).
        let told = self.kept.told.get_or_insert_with(Tracker::default);
        let news = told.news(&self.session, &self.course, &p, now, &mut id);
        for s in &news {
            self.kept.queue.push(s);
        }
        self.save();
    }

    /// Tells the learner, quietly, about records that wait or were refused.
    fn tell(&self) {
        let q = &self.kept.queue;
        let text = if let Some(last) = q.refused.last() {
            Some(self.word(
                "lrs_refused",
                &[
                    ("count", &q.refused.len().to_string()),
                    ("reason", &last.reason),
                ],
            ))
        } else if q.failures > 0 && !q.waiting.is_empty() {
            Some(self.word("lrs_waiting", &[("count", &q.waiting.len().to_string())]))
        } else {
            None
        };
        notice(text.as_deref());
    }
}

/// Shows `text` in the page's notice line for the LRS (none: takes it away). Quiet: a
/// status, not an alert.
fn notice(text: Option<&str>) {
    let Some(doc) = window().document() else {
        return;
    };
    let existing = doc.get_element_by_id("lrs-notice");
    match (text, existing) {
        (None, Some(el)) => el.remove(),
        (None, None) => {}
        (Some(t), Some(el)) => {
            if el.text_content().as_deref() != Some(t) {
                el.set_text_content(Some(t));
            }
        }
        (Some(t), None) => {
            let Ok(el) = doc.create_element("p") else {
                return;
            };
            el.set_id("lrs-notice");
            let _ = el.set_attribute("class", "notice");
            let _ = el.set_attribute("role", "status");
            let _ = el.set_attribute("data-testid", "lrs-notice");
            el.set_text_content(Some(t));
            // Above the page's content, where the app's own notices are.
            let before = doc.get_element_by_id("main");
            match (before.as_ref().and_then(|m| m.parent_node()), before) {
                (Some(parent), Some(main)) => {
                    let _ = parent.insert_before(&el, Some(&main));
                }
                _ => {
                    if let Some(body) = doc.body() {
                        let _ = body.append_child(&el);
                    }
                }
            }
        }
    }
}

/// The request that sends `body`: POST to `{endpoint}statements`, with the launch's
/// credentials and the xAPI version; `keepalive` when the page is closing.
fn request(
    launch: &Launch,
    body: &str,
    keepalive: bool,
) -> Option<(js_sys::Promise, web_sys::AbortController)> {
    let headers = web_sys::Headers::new().ok()?;
    headers.set("Authorization", &launch.auth).ok()?;
    headers.set("Content-Type", "application/json").ok()?;
    headers
        .set("X-Experience-API-Version", course_core::xapi::VERSION)
        .ok()?;
    let abort = web_sys::AbortController::new().ok()?;
    let init = web_sys::RequestInit::new();
    init.set_method("POST");
    init.set_headers(&headers);
    init.set_body(&JsValue::from_str(body));
    init.set_signal(Some(&abort.signal()));
    if keepalive {
        // (web-sys has no setter for it.)
        let _ = js_sys::Reflect::set(&init, &JsValue::from_str("keepalive"), &JsValue::TRUE);
    }
    let url = format!("{}statements", launch.endpoint);
    Some((window().fetch_with_str_and_init(&url, &init), abort))
}

/// The LRS's answer to a request (no answer, or one after `TIMEOUT_MS`: unreachable).
async fn answer(promise: js_sys::Promise, abort: web_sys::AbortController) -> Answer {
    let stop = Closure::once_into_js(move || abort.abort());
    let timer = window()
        .set_timeout_with_callback_and_timeout_and_arguments_0(stop.unchecked_ref(), TIMEOUT_MS)
        .ok();
    let response = JsFuture::from(promise)
        .await
        .ok()
        .and_then(|r| r.dyn_into::<web_sys::Response>().ok());
    if let Some(t) = timer {
        window().clear_timeout_with_handle(t);
    }
    let Some(response) = response else {
        return Answer::Unreachable;
    };
    let body = match response.text() {
        Ok(p) => JsFuture::from(p).await.ok().and_then(|t| t.as_string()),
        Err(_) => None,
    };
    Answer::of_status(response.status(), &body.unwrap_or_default())
}

/// Sends what is due, one batch after another, until the queue is empty or the LRS cannot
/// be reached (then tries again when the backoff ends).
fn flush(shared: Shared) {
    let now = js_sys::Date::now();
    let next = {
        let mut r = shared.borrow_mut();
        if r.sending {
            return;
        }
        let Some((ids, body)) = r.kept.queue.batch(now) else {
            schedule(&shared, &mut r, now);
            return;
        };
        let Some(req) = request(&r.launch, &body, false) else {
            return;
        };
        r.sending = true;
        (ids, req)
    };
    let (ids, (promise, abort)) = next;
    wasm_bindgen_futures::spawn_local(async move {
        let got = answer(promise, abort).await;
        {
            let mut r = shared.borrow_mut();
            r.sending = false;
            r.kept.queue.answered(&ids, got, js_sys::Date::now());
            r.save();
            r.tell();
        }
        flush(shared);
    });
}

/// Tries again when the backoff ends.
fn schedule(shared: &Shared, r: &mut Reporter, now: f64) {
    if r.kept.queue.waiting.is_empty() || r.retry_scheduled {
        return;
    }
    r.retry_scheduled = true;
    let wait = (r.kept.queue.retry_at - now).max(0.0) as i32;
    let again = shared.clone();
    let retry = Closure::once_into_js(move || {
        again.borrow_mut().retry_scheduled = false;
        flush(again);
    });
    let _ =
        window().set_timeout_with_callback_and_timeout_and_arguments_0(retry.unchecked_ref(), wait);
}

fn listen(event: &str, f: impl FnMut() + 'static) {
    let f = Closure::<dyn FnMut()>::new(f);
    let _ = window().add_event_listener_with_callback(event, f.as_ref().unchecked_ref());
    // Listens as long as the page lives.
    f.forget();
}

/// Starts reporting, if the page's address launches an LRS.
pub fn start() {
    let query = window().location().search().unwrap_or_default();
    wasm_bindgen_futures::spawn_local(run(query));
}

async fn run(query: String) {
    let Some(mut course) = fetch_text("course/course.json")
        .await
        .and_then(|t| course_core::json::from_str::<Course>(&t).ok())
    else {
        return;
    };
    // The questions' words (the interactions' descriptions) and the words only some pages
    // use (this module's among them) travel in feedback.json. (Read as a JSON tree: the
    // questions are read by the code that reads the course's.)
    let feedback = fetch_text("course/feedback.json")
        .await
        .and_then(|t| Json::parse(&t).ok())
        .unwrap_or(Json::Null);
    let field = |name: &str| {
        feedback
            .get(name)
            .and_then(Json::as_str)
            .unwrap_or_default()
    };
    if field("content_hash") == course.content_hash {
        if let Some(Ok(questions)) = feedback.get("questions").map(Vec::<Question>::from_json) {
            put_back(&mut course, questions);
        }
    }
    let words = field("words").to_string();
    let unusable = |reason: &str| {
        let text = fill(
            find_word(&words, "lrs_unusable").unwrap_or("lrs_unusable: {reason}"),
            &[("reason", reason)],
        );
        notice(Some(&text));
    };
    let launch = match Launch::from_query(&query) {
        Ok(Some(l)) => l,
        Ok(None) => match site_launch().await {
            Ok(Some(l)) => l,
            Ok(None) => return,
            Err(reason) => return unusable(&reason),
        },
        Err(reason) => return unusable(&reason),
    };
    if !allowed(launch.origin()) {
        return unusable(&format!(
            "this site is not set up to send records to {}",
            launch.origin()
        ));
    }
    let kept = storage()
        .and_then(|s| s.get_item(&key(&course.id)).ok().flatten())
        .and_then(|t| course_core::json::from_str::<Kept>(&t).ok())
        .unwrap_or_default();
    let now = js_sys::Date::now();
    let session = Session::new(&course, &launch);
    let mut reporter = Reporter {
        course,
        words,
        launch,
        session,
        kept,
        sending: false,
        started_at: now,
        last_raw: String::new(),
        retry_scheduled: false,
    };
    let hello = reporter.session.initialized(new_id(), now);
    reporter.kept.queue.push(&hello);
    // What waited from an earlier visit goes at once, not after an old backoff.
    reporter.kept.queue.retry_at = 0.0;
    reporter.take_news();
    reporter.save();
    reporter.tell();
    let shared: Shared = Rc::new(RefCell::new(reporter));
    flush(shared.clone());

    // The progress record, as the player saves it: each change's statements, queued (and
    // kept) before they are sent.
    let poll = shared.clone();
    let tick = Closure::<dyn FnMut()>::new(move || {
        let before = poll.borrow().kept.queue.waiting.len();
        poll.borrow_mut().take_news();
        if poll.borrow().kept.queue.waiting.len() != before {
            flush(poll.clone());
        }
    });
    let _ = window().set_interval_with_callback_and_timeout_and_arguments_0(
        tick.as_ref().unchecked_ref(),
        POLL_MS,
    );
    tick.forget();

    // Back online: try at once.
    let online = shared.clone();
    listen("online", move || {
        online.borrow_mut().kept.queue.retry_at = 0.0;
        flush(online.clone());
    });

    // The page closes: the last changes and the session's end, kept, and sent with what
    // waits in a request the browser completes after the page is gone. If it does not
    // arrive, the queue still has them for the next visit (and the LRS takes a statement
    // it already has without doubling it: same id).
    let leaving = shared.clone();
    listen("pagehide", move || {
        let mut r = leaving.borrow_mut();
        r.take_news();
        let now = js_sys::Date::now();
        let seconds = ((now - r.started_at) / 1000.0).max(0.0) as u64;
        let time_on_task = saved_progress(&r.course).map(|(_, p)| p.time_on_task.values().sum());
        let bye = r.session.terminated(new_id(), now, seconds, time_on_task);
        r.kept.queue.push(&bye);
        r.save();
        if let Some((_, body)) = r.kept.queue.batch(0.0) {
            let _ = request(&r.launch, &body, true);
        }
    });
}
