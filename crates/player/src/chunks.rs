//! Pages that are not lessons (the knowledge checks, the final assessment, the
//! certificate, "Your progress") have their code in wasm chunks of their own, fetched the
//! first time one is opened, so that the wasm every learner downloads first holds only what
//! the home and the lessons need. `scripts/build-wasm.sh` builds with the `chunks` feature
//! and splits the wasm at the functions marked `wasm_split` here; the service worker caches
//! the chunks with the rest of the course.
//!
//! A chunk that cannot be fetched (offline before the course was ever cached, a server
//! error) shows a page that says so, with a button to try again; nothing is lost.

// Natively only `page` (its loading state) is used: the rest loads code in a browser.
#![cfg_attr(not(target_arch = "wasm32"), allow(dead_code, unused_imports))]

use super::{browser, Ctx};
use leptos::prelude::*;
#[cfg(feature = "chunks")]
use leptos::wasm_split::wasm_split;
use leptos::wasm_split::SplitLoaderError;

/// A chunk could not be fetched. (`fallible` below turns a failed fetch into this, instead
/// of a panic that would stop the app.)
pub struct ChunkMissing;

impl From<SplitLoaderError> for ChunkMissing {
    fn from(_: SplitLoaderError) -> Self {
        ChunkMissing
    }
}

/// Which page `page` loads. An enum rather than a closure per page, so that the loading
/// machinery (Suspense, the future) is compiled once, not once per page (twiggy measures
/// that one copy at about 12 KB of raw wasm).
#[derive(Clone)]
pub enum Chunk {
    Assessment,
    Certificate,
    Progress,
    /// A topic's knowledge check (the topic's id).
    Check(String),
}

/// What a split point returns: the page, to be built once the questions' words (the text
/// of `feedback.json`, when the page needs it and it could be fetched) are there. A
/// function rather than the page itself, so that the page's code and the feedback download
/// at the same time, and the code that reads the feedback stays in the chunks.
/// `None` when the page shows questions and their words are not there (`attach_feedback`).
type Page = Box<dyn FnOnce(Option<String>) -> Option<AnyView> + Send>;

/// A page in a chunk of its own: with the `chunks` feature (the learner's build) a split
/// point, otherwise (tests, the instructor's bundle) a plain call.
macro_rules! chunk {
    ($name:ident($ctx:ident $(, $arg:ident: $ty:ty)*) => |$fb:pat_param| $page:expr) => {
        #[cfg(feature = "chunks")]
        #[wasm_split($name, wasm_split_path = ::leptos::wasm_split, fallible)]
        fn $name($ctx: Ctx $(, $arg: $ty)*) -> Result<Page, ChunkMissing> {
            Ok(Box::new(move |$fb: Option<String>| $page))
        }
        #[cfg(not(feature = "chunks"))]
        async fn $name($ctx: Ctx $(, $arg: $ty)*) -> Result<Page, ChunkMissing> {
            Ok(Box::new(move |$fb: Option<String>| $page))
        }
    };
}

chunk!(assessment(ctx) => |feedback| {
    attach_feedback(ctx, feedback).then(|| super::quiz::assessment_page(ctx))
});
chunk!(certificate(ctx) => |feedback| {
    attach_feedback(ctx, feedback);
    Some(super::certificate::certificate_page(ctx))
});
chunk!(progress(ctx) => |feedback| {
    attach_feedback(ctx, feedback);
    Some(super::progress_page::progress_page(ctx))
});
chunk!(check(ctx, topic: String) => |feedback| {
    attach_feedback(ctx, feedback).then(|| super::views::check_page(ctx, &topic))
});

/// The page whose code is in `chunk`: a loading line until the chunk is there, then the
/// page, or what went wrong. (Once a chunk is loaded, its pages render at once, with no
/// loading line.)
#[cfg(target_arch = "wasm32")]
pub fn page(ctx: Ctx, chunk: Chunk) -> AnyView {
    let attempt = RwSignal::new(0u32);
    view! {
        <Suspense fallback=move || loading(ctx)>
            {move || {
                attempt.track();
                let chunk = chunk.clone();
                Suspend::new(async move {
                    // The pages in chunks download the questions' words beside their code
                    // (they are not in course.json: `feedback`).
                    // (It also holds the words only these pages use.)
                    let feedback = fetch_feedback(ctx);
                    let loaded = match chunk {
                        Chunk::Assessment => assessment(ctx).await,
                        Chunk::Certificate => certificate(ctx).await,
                        Chunk::Progress => progress(ctx).await,
                        Chunk::Check(topic) => check(ctx, topic).await,
                    };
                    let feedback = match feedback {
                        Some(f) => f.await.ok(),
                        None => None,
                    };
                    browser::settle_focus();
                    match loaded {
                        Ok(page) => page(feedback).unwrap_or_else(|| not_fetched(ctx, attempt)),
                        Err(ChunkMissing) => not_fetched(ctx, attempt),
                    }
                })
            }}
        </Suspense>
    }
    .into_any()
}

/// Without a browser (the author tool's static page of this address: `render`), the page is
/// what the app shows until the chunk is there.
#[cfg(not(target_arch = "wasm32"))]
pub fn page(ctx: Ctx, _chunk: Chunk) -> AnyView {
    loading(ctx).into_any()
}

/// A page in a chunk until its code is there (and its static page, before the app starts).
fn loading(ctx: Ctx) -> impl IntoView {
    view! { <p class="loading" role="status">{ctx.w("loading_page")}</p> }
}

/// Where the compiler writes the questions' feedback (`feedback::FEEDBACK_FILE`).
const FEEDBACK_URL: &str = "course/feedback.json";

/// Starts fetching the questions' feedback, unless it is already there.
fn fetch_feedback(
    ctx: Ctx,
) -> Option<impl std::future::Future<Output = Result<String, String>> + Send> {
    if ctx.feedback.with_value(Option::is_some) {
        return None;
    }
    // The browser's futures are not Send; the app runs on one thread, so this is safe.
    Some(send_wrapper::SendWrapper::new(browser::start_fetch_text(
        FEEDBACK_URL,
    )))
}

/// Keeps the fetched words of the questions (and their feedback) and the words only these
/// pages use; says whether the questions have their words (`quiz::worded`). They have not
/// when `feedback.json` could not be fetched or read, or was made for other content: a page
/// of questions then says that it could not be loaded (the chunk's page is `None`), and the
/// next page that needs them fetches them again.
fn attach_feedback(ctx: Ctx, text: Option<String>) -> bool {
    if let Some(feedback) =
        text.and_then(|t| crate::json::from_str::<crate::feedback::Feedback>(&t).ok())
    {
        if ctx.course.with_value(|c| feedback.is_for(c)) {
            ctx.feedback.set_value(Some(feedback));
        }
    }
    ctx.feedback.with_value(Option::is_some)
}

fn not_fetched(ctx: Ctx, attempt: RwSignal<u32>) -> AnyView {
    view! {
        <div data-testid="chunk-missing">
            <h1 tabindex="-1">{ctx.w("page_not_loaded")}</h1>
            <p role="alert">{ctx.w("page_not_loaded_text")}</p>
            <button type="button" on:click=move |_| attempt.update(|n| *n += 1)>{ctx.w("try_again")}</button>
        </div>
    }
    .into_any()
}
