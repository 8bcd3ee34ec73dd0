//! Pages most visits never open (the final assessment, the certificate, "Your progress")
//! have their code in wasm chunks of their own, fetched the first time one is opened, so
//! that the wasm every learner downloads first holds only the home, lessons and knowledge
//! checks. `scripts/build-wasm.sh` builds with the `chunks` feature and splits the wasm
//! at the functions marked `wasm_split` here; the service worker caches the chunks with the rest of the course.
//!
//! A chunk that cannot be fetched (offline before the course was ever cached, a server
//! error) shows a page that says so, with a button to try again; nothing is lost.

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

#[derive(Clone, Copy)]
pub enum Chunk {
    Assessment,
    Certificate,
    Progress,
}

/// A page in a chunk of its own: with the `chunks` feature (the learner's build) a split
/// point, otherwise (tests, the instructor's bundle) a plain call.
macro_rules! chunk {
    ($name:ident, $page:path) => {
        #[cfg(feature = "chunks")]
        #[wasm_split($name, wasm_split_path = ::leptos::wasm_split, fallible)]
        fn $name(ctx: Ctx) -> Result<AnyView, ChunkMissing> {
            Ok($page(ctx))
        }
        #[cfg(not(feature = "chunks"))]
        async fn $name(ctx: Ctx) -> Result<AnyView, ChunkMissing> {
            Ok($page(ctx))
        }
    };
}

chunk!(assessment, super::quiz::assessment_page);
chunk!(certificate, super::certificate::certificate_page);
chunk!(progress, super::progress_page::progress_page);

/// The page whose code is in `chunk`: a loading line until the chunk is there (on later
/// visits it is, and the page renders at once), then the page, or what went wrong.
pub fn page(ctx: Ctx, chunk: Chunk) -> AnyView {
    let attempt = RwSignal::new(0u32);
    view! {
        <Suspense fallback=|| view! { <p class="loading" role="status">"Loading this page…"</p> }>
            {move || {
                attempt.track();
                Suspend::new(async move {
                    let loaded = match chunk {
                        Chunk::Assessment => assessment(ctx).await,
                        Chunk::Certificate => certificate(ctx).await,
                        Chunk::Progress => progress(ctx).await,
                    };
                    browser::settle_focus();
                    loaded.unwrap_or_else(|ChunkMissing| not_fetched(attempt))
                })
            }}
        </Suspense>
    }
    .into_any()
}

fn not_fetched(attempt: RwSignal<u32>) -> AnyView {
    view! {
        <div data-testid="chunk-missing">
            <h1 tabindex="-1">"This page could not be loaded"</h1>
            <p role="alert">
                "This part of the course is downloaded the first time it is opened, and the download failed. Check your connection, then try again. Your progress is safe."
            </p>
            <button type="button" on:click=move |_| attempt.update(|n| *n += 1)>"Try again"</button>
        </div>
    }
    .into_any()
}
