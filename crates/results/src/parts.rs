//! The parts of the instructor's page that are not needed until they are used, in wasm
//! chunks of their own (`scripts` build with the `chunks` feature and split at the
//! functions marked `wasm_split` here): the class's table, per-question results, charts and
//! exports, fetched once there are records to show, and the form that reads a class from
//! an LRS, fetched when the instructor opens it. The page every instructor downloads first
//! holds only what takes records in.
//!
//! A chunk that cannot be fetched shows a line that says so, with a button to try again.

use crate::model::Course;
use crate::record::CompletionRecord;
use crate::w;
use leptos::prelude::*;
#[cfg(feature = "chunks")]
use leptos::wasm_split::wasm_split;
use leptos::wasm_split::SplitLoaderError;
use std::sync::Arc;

/// A chunk could not be fetched.
pub struct ChunkMissing;

impl From<SplitLoaderError> for ChunkMissing {
    fn from(_: SplitLoaderError) -> Self {
        ChunkMissing
    }
}

/// What a split point returns: the part, built once it is there.
type Built = Box<dyn FnOnce() -> AnyView + Send>;

/// A part in a chunk of its own: with the `chunks` feature (the site's build) a split
/// point, otherwise a plain call.
macro_rules! part {
    ($name:ident => $part:expr) => {
        #[cfg(feature = "chunks")]
        #[wasm_split($name, wasm_split_path = ::leptos::wasm_split, fallible)]
        fn $name(
            course: StoredValue<Arc<Course>>,
            records: RwSignal<Vec<CompletionRecord>>,
        ) -> Result<Built, ChunkMissing> {
            Ok(Box::new(move || $part(course, records)))
        }
        #[cfg(not(feature = "chunks"))]
        async fn $name(
            course: StoredValue<Arc<Course>>,
            records: RwSignal<Vec<CompletionRecord>>,
        ) -> Result<Built, ChunkMissing> {
            Ok(Box::new(move || $part(course, records)))
        }
    };
}

part!(class_part => crate::results_page::class_view);
part!(lrs_part => crate::lrs_source::lrs_form);

/// Which part `part` loads.
#[derive(Clone, Copy)]
pub enum Part {
    /// The class's table, per-question results, charts and exports.
    Class,
    /// The form that reads a class from an LRS.
    Lrs,
}

/// The part in `which`: a loading line until its chunk is there, then the part, or what
/// went wrong with a button to try again.
pub fn part(
    which: Part,
    course: StoredValue<Arc<Course>>,
    records: RwSignal<Vec<CompletionRecord>>,
) -> AnyView {
    let attempt = RwSignal::new(0u32);
    view! {
        <Suspense fallback=|| view! { <p class="loading" role="status">{w("results_loading_part", &[])}</p> }>
            {move || {
                attempt.track();
                Suspend::new(async move {
                    let loaded = match which {
                        Part::Class => class_part(course, records).await,
                        Part::Lrs => lrs_part(course, records).await,
                    };
                    match loaded {
                        Ok(built) => built(),
                        Err(ChunkMissing) => view! {
                            <p role="alert" data-testid="part-missing">
                                {w("results_part_missing", &[])}" "
                                <button type="button" on:click=move |_| attempt.update(|n| *n += 1)>{w("results_try_again", &[])}</button>
                            </p>
                        }
                        .into_any(),
                    }
                })
            }}
        </Suspense>
    }
    .into_any()
}
