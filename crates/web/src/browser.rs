//! Thin wrappers over the browser: fetch, history, the base URL, focus.
//!
//! No course rules here; every function maps one browser call to plain Rust values.

use course_core::route::Route;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

fn window() -> web_sys::Window {
    web_sys::window().expect("the app runs in a window")
}

/// Resolves in a later task of the event loop, so that the work before it and after it are
/// two tasks, and neither blocks input as long as both together would (on a slow phone the
/// app's start-up is hundreds of milliseconds: Lighthouse's Total Blocking Time counts
/// every task over 50 ms).
pub async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = window().set_timeout_with_callback(&resolve);
    });
    let _ = JsFuture::from(promise).await;
}

/// The page's local storage, if the browser lets the page use it.
pub fn local_storage() -> Option<web_sys::Storage> {
    window().local_storage().ok()?
}

/// GETs a text file relative to the page's base URL.
pub async fn fetch_text(url: &str) -> Result<String, String> {
    start_fetch_text(url).await
}

/// Like `fetch_text`, but the request starts now, before the returned future is awaited,
/// so that it can download while something else is awaited first.
pub fn start_fetch_text(url: &str) -> impl std::future::Future<Output = Result<String, String>> {
    // A future now, not when it is first awaited: a fetch that fails meanwhile is then
    // handled, not reported by the browser as an unhandled rejection.
    let request = JsFuture::from(window().fetch_with_str(url));
    async move { read_text(request).await }
}

async fn read_text(request: JsFuture) -> Result<String, String> {
    let response = request
        .await
        .map_err(|_| "the network request failed (are you offline?)".to_string())?;
    let response: web_sys::Response = response
        .dyn_into()
        .map_err(|_| "the server's answer was not a response".to_string())?;
    if !response.ok() {
        return Err(format!(
            "the server answered {} {}",
            response.status(),
            response.status_text()
        ));
    }
    let text = response
        .text()
        .map_err(|_| "the response could not be read".to_string())?;
    JsFuture::from(text)
        .await
        .ok()
        .and_then(|t| t.as_string())
        .ok_or_else(|| "the response could not be read".to_string())
}

/// The path of the page's base URL (from `<base href>`), always ending in `/`.
pub fn base_path() -> String {
    // Rendered without a browser (the author tool's static pages: `course_player::render`),
    // links are relative to the page's `<base href>`, which the author tool writes.
    #[cfg(not(target_arch = "wasm32"))]
    return "./".to_string();
    // Read once: the base URL never changes while the page lives, and reading it (and
    // parsing it) for every link made the outline's first render measurably slower.
    #[cfg(target_arch = "wasm32")]
    {
        thread_local! {
            static BASE: std::cell::OnceCell<String> = const { std::cell::OnceCell::new() };
        }
        BASE.with(|b| b.get_or_init(read_base_path).clone())
    }
}

#[cfg(target_arch = "wasm32")]
fn read_base_path() -> String {
    let doc = window().document().expect("a document");
    let base = doc.base_uri().ok().flatten().unwrap_or_else(|| "/".into());
    let path = web_sys::Url::new(&base)
        .map(|u| u.pathname())
        .unwrap_or_else(|_| "/".into());
    if path.ends_with('/') {
        path
    } else {
        format!("{}/", &path[..path.rfind('/').unwrap_or(0)])
    }
}

/// Shows the learner's progress in the page's header (`#course-progress`, its label, and
/// the box they are in, hidden until now).
pub fn show_progress(done: usize, total: usize, label: &str) {
    let Some(doc) = window().document() else {
        return;
    };
    let Some(bar) = doc.get_element_by_id("course-progress") else {
        return;
    };
    let _ = bar.set_attribute("max", &total.max(1).to_string());
    let _ = bar.set_attribute("value", &done.to_string());
    if let Some(text) = bar.previous_element_sibling() {
        text.set_text_content(Some(label));
    }
    if let Some(parent) = bar.parent_element() {
        let _ = parent.class_list().remove_1("pending");
        let _ = parent.remove_attribute("aria-hidden");
    }
}

/// The CLDR plural category of `n` in `language` (`one`, `few`, ...), from the browser's
/// `Intl.PluralRules`, which knows every language's rules.
pub fn plural_category(language: &str, n: f64) -> String {
    // Without a browser (the author tool's static pages), the core's rules for the
    // languages the player ships.
    #[cfg(not(target_arch = "wasm32"))]
    return course_core::model::plural_category(language, n as u64).to_string();
    #[cfg(target_arch = "wasm32")]
    {
        let locales = js_sys::Array::of1(&language.into());
        js_sys::Intl::PluralRules::new(&locales, &js_sys::Object::new())
            .select(n)
            .into()
    }
}

/// Whether the window is wide enough to show the course outline open beside a page
/// (1024 CSS pixels, the stylesheet's two-column breakpoint; the page template's script
/// opens a static page's outline by the same rule). Never without a browser: a static page
/// is written closed and opened by that script.
pub fn is_wide() -> bool {
    #[cfg(not(target_arch = "wasm32"))]
    return false;
    #[cfg(target_arch = "wasm32")]
    web_sys::window()
        .and_then(|w| w.inner_width().ok())
        .and_then(|w| w.as_f64())
        .is_some_and(|w| w >= 1024.0)
}

/// The elements under `root` that match `selector`, in document order.
pub fn elements(root: &web_sys::Element, selector: &str) -> Vec<web_sys::Element> {
    let Ok(list) = root.query_selector_all(selector) else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into().ok())
        .collect()
}

/// The path the address bar shows now.
pub fn current_path() -> String {
    window().location().pathname().unwrap_or_default()
}

/// The route the address bar shows now.
pub fn current_route() -> Route {
    let path = current_path();
    route_of_path(&path)
}

/// The route of an absolute path on this site.
pub fn route_of_path(path: &str) -> Route {
    let base = base_path();
    match path
        .strip_prefix(&base)
        .or_else(|| path.strip_prefix(base.trim_end_matches('/')))
    {
        Some(rest) => Route::parse(rest),
        None => Route::NotFound(path.to_string()),
    }
}

/// The absolute URL path of a route.
pub fn href(route: &Route) -> String {
    format!("{}{}", base_path(), route.path())
}

/// Leaves the app for another document of the site, replacing this history entry.
pub fn replace_location(url: &str) {
    let _ = window().location().replace(url);
}

/// The address's query (`?a=b`), if it has one.
pub fn query() -> Option<String> {
    window().location().search().ok().filter(|q| !q.is_empty())
}

/// Puts a route in the address bar as a new history entry, keeping the address's query
/// (an LMS's or LRS's launch parameters stay where they came in, for a reload).
pub fn push(route: &Route) {
    if let Ok(history) = window().history() {
        // With the `#fragment` of the link followed, if it had one (`internal_link_target`).
        let url = href(route) + &query().unwrap_or_default() + &FRAGMENT.take();
        let _ = history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
}

pub fn set_title(title: &str) {
    if let Some(doc) = window().document() {
        doc.set_title(title);
    }
}

/// After the next paint, scrolls to the top and moves focus to the main heading, so that
/// keyboard and screen-reader users start reading the new page. A page still loading (its
/// code is in a chunk not yet fetched) has no heading yet: `settle_focus` finishes the move.
pub fn focus_main_heading() {
    leptos::prelude::request_animation_frame(|| {
        window().scroll_to_with_x_and_y(0.0, 0.0);
        FOCUS_PENDING.set(!focus_heading());
    });
}

/// After the next paint, moves focus to the main heading if `focus_main_heading` found none
/// (called when a page that was loading has rendered).
pub fn settle_focus() {
    leptos::prelude::request_animation_frame(|| {
        if FOCUS_PENDING.get() && focus_heading() {
            FOCUS_PENDING.set(false);
        }
    });
}

thread_local! {
    static FOCUS_PENDING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    /// The `#fragment` of the link being followed, for `push`.
    static FRAGMENT: std::cell::Cell<String> = const { std::cell::Cell::new(String::new()) };
}

/// The main heading, or the element the address's `#fragment` names when the page has it
/// (a link to a glossary term, a search result), focused.
fn focus_heading() -> bool {
    let w = window();
    let Some(doc) = w.document() else {
        return false;
    };
    let hash = w.location().hash().unwrap_or_default();
    let Some(h) = hash
        .get(1..)
        .filter(|id| !id.is_empty())
        .and_then(|id| doc.get_element_by_id(id))
        .or_else(|| doc.query_selector("main h1").ok().flatten())
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return false;
    };
    let _ = h.set_attribute("tabindex", "-1");
    let _ = h.focus();
    true
}

/// If a click is a plain left click on a link to one of the app's own pages, the route.
pub fn internal_link_target(ev: &web_sys::MouseEvent) -> Option<Route> {
    if ev.default_prevented()
        || ev.button() != 0
        || ev.meta_key()
        || ev.ctrl_key()
        || ev.shift_key()
        || ev.alt_key()
    {
        return None;
    }
    let target: web_sys::Element = ev.target()?.dyn_into().ok()?;
    let anchor: web_sys::HtmlAnchorElement = target.closest("a[href]").ok()??.dyn_into().ok()?;
    if !anchor.target().is_empty() || anchor.has_attribute("download") {
        return None;
    }
    if anchor.origin() != window().location().origin().ok()? {
        return None;
    }
    match route_of_path(&anchor.pathname()) {
        Route::NotFound(_) => None,
        route if !route.is_in_player() => None,
        route => {
            FRAGMENT.set(anchor.hash());
            Some(route)
        }
    }
}

/// Calls `f` once, the first time `el` is at least partly in the viewport.
pub fn when_visible(el: &web_sys::Element, f: impl Fn() + 'static) {
    use wasm_bindgen::closure::Closure;
    let f = std::rc::Rc::new(f);
    let on_visible = f.clone();
    let callback = Closure::<dyn Fn(js_sys::Array, web_sys::IntersectionObserver)>::new(
        move |entries: js_sys::Array, observer: web_sys::IntersectionObserver| {
            let visible = entries.iter().any(|e| {
                e.dyn_into::<web_sys::IntersectionObserverEntry>()
                    .map(|e| e.is_intersecting())
                    .unwrap_or(false)
            });
            if visible {
                observer.disconnect();
                on_visible();
            }
        },
    );
    match web_sys::IntersectionObserver::new(callback.as_ref().unchecked_ref()) {
        Ok(observer) => observer.observe(el),
        // No IntersectionObserver (very old browsers): count the lesson as seen on open.
        Err(_) => f(),
    }
    // The observer owns the callback for the page's life; it disconnects after firing.
    callback.forget();
}

/// Opens or closes a glossary term's inline definition if the click was on one.
pub fn toggle_term(ev: &web_sys::MouseEvent) -> bool {
    let Some(button) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|e| e.closest("button.term").ok().flatten())
    else {
        return false;
    };
    let open = button.get_attribute("aria-expanded").as_deref() == Some("true");
    let _ = button.set_attribute("aria-expanded", if open { "false" } else { "true" });
    if let Some(def) = button
        .get_attribute("aria-controls")
        .and_then(|id| window().document()?.get_element_by_id(&id))
    {
        if open {
            let _ = def.set_attribute("hidden", "");
        } else {
            let _ = def.remove_attribute("hidden");
        }
    }
    true
}

/// Offers `text` to the learner as a file download.
pub fn download(file_name: &str, text: &str) -> Result<(), String> {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("application/json");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)
        .map_err(|_| "the browser could not prepare the file".to_string())?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)
        .map_err(|_| "the browser could not prepare the file".to_string())?;
    let doc = window().document().ok_or("no document")?;
    let a: web_sys::HtmlAnchorElement = doc
        .create_element("a")
        .map_err(|_| "no link")?
        .dyn_into()
        .map_err(|_| "no link")?;
    a.set_href(&url);
    a.set_download(file_name);
    a.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}

/// Reads many files the learner picked, as text: each file's text or why not, in order.
/// The read starts now, before the returned future is awaited, so that the next batch's
/// files can be read while this batch's texts are used.
pub fn read_files(
    files: &[web_sys::File],
) -> impl std::future::Future<Output = Vec<Result<String, String>>> {
    // One read of the files joined into one blob, each followed by a NUL (which no text
    // file of JSON holds), cut back into files there: Chromium takes ten times as long to
    // read 10,000 small files one by one as to read their sum once (7.9 s against 0.8 s on
    // this machine). If that read fails (a file gone or changed since it was picked), or a
    // file holds a NUL, each file is read alone, to say which.
    let parts = js_sys::Array::new();
    for f in files {
        parts.push(f);
        parts.push(&JsValue::from_str("\0"));
    }
    let joined = web_sys::Blob::new_with_blob_sequence(&parts)
        .ok()
        .map(|blob| JsFuture::from(blob.text()));
    let files = files.to_vec();
    async move {
        if let Some(joined) = joined {
            if let Some(joined) = joined.await.ok().and_then(|t| t.as_string()) {
                let texts: Vec<&str> = joined.split('\0').collect();
                if texts.len() == files.len() + 1 {
                    return texts[..files.len()]
                        .iter()
                        .map(|t| Ok(t.to_string()))
                        .collect();
                }
            }
        }
        let unreadable = || "the file could not be read".to_string();
        let reads: js_sys::Array = files.iter().map(|f| JsValue::from(f.text())).collect();
        let Ok(settled) = JsFuture::from(js_sys::Promise::all_settled(&reads.into())).await else {
            return files.iter().map(|_| Err(unreadable())).collect();
        };
        js_sys::Array::from(&settled)
            .iter()
            .map(|outcome| {
                js_sys::Reflect::get(&outcome, &JsValue::from_str("value"))
                    .ok()
                    .and_then(|v| v.as_string())
                    .ok_or_else(unreadable)
            })
            .collect()
    }
}

/// Reads a file the learner picked, as text.
pub async fn read_file(file: web_sys::File) -> Result<String, String> {
    JsFuture::from(file.text())
        .await
        .ok()
        .and_then(|t| t.as_string())
        .ok_or_else(|| "the file could not be read".to_string())
}

/// The moment of a learner's intent, as the browser tells it: the time, a random number,
/// and the learner's calendar day in their time zone. (One copy for every intent sent.)
#[inline(never)]
pub fn moment() -> course_core::intent::Moment {
    let now = js_sys::Date::now();
    let d = js_sys::Date::new(&now.into());
    course_core::intent::Moment {
        now,
        random: (js_sys::Math::random() * 9_007_199_254_740_991.0) as u64,
        day: (d.get_full_year(), d.get_month() + 1, d.get_date()),
    }
}

/// A stored day (`2026-11-22`) as a date at its local midnight; none if it is not such a day.
pub fn local_day(iso: &str) -> Option<js_sys::Date> {
    let mut parts = iso.splitn(3, '-').map(|p| p.parse::<u32>().ok());
    let (year, month, day) = (parts.next()??, parts.next()??, parts.next()??);
    ((1..=12).contains(&month) && (1..=31).contains(&day))
        .then(|| js_sys::Date::new_with_year_month_day(year, month as i32 - 1, day as i32))
}

/// A calendar day as the course's language writes it, by the browser's `Intl`: "22 November
/// 2026", "22 novembre 2026", "22 de noviembre de 2026", "٢٢ نوفمبر ٢٠٢٦". English without a
/// region takes the international day-month-year order (`en-GB`).
pub fn long_date(language: &str, date: &js_sys::Date) -> String {
    let locale = if language == "en" { "en-GB" } else { language };
    let options = js_sys::JSON::parse(r#"{"day":"numeric","month":"long","year":"numeric"}"#)
        .unwrap_or(wasm_bindgen::JsValue::UNDEFINED);
    date.to_locale_date_string(locale, &options).into()
}
