//! Local-storage adapter for progress records.
//!
//! What the text means (versions, unreadable records, what still applies, how two copies
//! merge) is decided by `progress`. Never panics when storage is missing or full.
//!
//! Writes go through gloo-storage (`LocalStorage::set`, the record serialised as
//! `Progress::encode` writes it, and its `StorageError`s in the learner's words). Reads
//! stay with web-sys: gloo's `get` would read through serde's derived readers, which the
//! wasm does without (`json`). gloo's `LocalStorage::raw()` throws when the browser
//! refuses storage (private browsing, storage switched off), so every use of gloo here is
//! behind `crate::browser::local_storage()`, which asks the browser first and says no instead.

use crate::model::Course;
use crate::progress::{backup_key, merge, storage_key, Loaded, Progress};
use gloo_storage::errors::StorageError;
use gloo_storage::{LocalStorage, Storage};

/// Keeps an unreadable or newer record aside, as it is (it may not be JSON at all).
fn keep_aside(store: &web_sys::Storage, course_id: &str, raw: &str) -> bool {
    store.set_item(&backup_key(course_id), raw).is_ok()
}

/// What loading found: the progress to use, and anything the learner must be told.
pub struct Restored {
    pub progress: Progress,
    /// What the learner is told when a saved record could not be used: the page's word
    /// (`course_web::page_word`) and the reason it fills in.
    pub notice: Option<(&'static str, String)>,
    /// False when saving would destroy a record we could not read.
    pub can_save: bool,
    /// Why progress cannot be saved at all, when storage is unavailable.
    pub unavailable: Option<String>,
    /// The record as it was read, if there was one to use: the first `seen` of
    /// `save_merging`.
    pub stored: Option<Progress>,
}

/// Why progress is not saved, as the page's word for it (a browser's own message when it
/// gave one): storage switched off or refused (private browsing).
pub const UNAVAILABLE: &str = "storage_unavailable";

pub fn load(course: &Course) -> Restored {
    let Some(store) = crate::browser::local_storage() else {
        return Restored {
            progress: Progress::new(course),
            notice: None,
            can_save: true,
            unavailable: Some(UNAVAILABLE.into()),
            stored: None,
        };
    };
    let raw = store.get_item(&storage_key(&course.id)).ok().flatten();
    match Progress::decode(raw.as_deref(), course) {
        Loaded::Fresh(progress) | Loaded::Restored(progress) => Restored {
            stored: raw.is_some().then(|| progress.clone()),
            progress,
            notice: None,
            can_save: true,
            unavailable: None,
        },
        Loaded::Newer { reason, fresh } => {
            if let Some(r) = raw.as_deref() {
                keep_aside(&store, &course.id, r);
            }
            Restored {
                progress: fresh,
                notice: Some(("saved_newer", reason)),
                can_save: false,
                unavailable: None,
                stored: None,
            }
        }
        Loaded::Unreadable { reason, fresh } => {
            let kept = raw
                .as_deref()
                .map(|r| keep_aside(&store, &course.id, r))
                .unwrap_or(false);
            Restored {
                progress: fresh,
                notice: Some((
                    if kept {
                        "saved_unreadable_kept"
                    } else {
                        "saved_unreadable"
                    },
                    reason,
                )),
                can_save: kept,
                unavailable: None,
                stored: None,
            }
        }
    }
}

/// Why a save failed: the page's word for it, or the browser's own message.
fn save_error(e: StorageError) -> String {
    match e {
        StorageError::JsError(e) if e.name == "QuotaExceededError" => "storage_full".into(),
        StorageError::JsError(e) if !e.message.is_empty() => e.message,
        _ => "storage_refused".into(),
    }
}

/// What a save did.
pub enum Saved {
    /// The stored record already held everything; nothing was written.
    Unchanged(Progress),
    /// Written; the record as now stored (ours merged with what another tab saved).
    Written(Progress),
}

/// Saves `ours` without losing what another tab saved meanwhile: reads the stored record,
/// merges, and writes the result if it adds anything. `seen` is the record as this page
/// last read or saved it (what a save returns): while storage still holds it, no other tab
/// has saved since, and `ours`, which grew from it, is written as it is. (A merge is for
/// another tab's work: it must never undo this page's latest change, which it could when
/// the two copies' times are equal.)
pub fn save_merging(
    course: &Course,
    ours: &Progress,
    seen: Option<&Progress>,
) -> Result<Saved, String> {
    let store = crate::browser::local_storage().ok_or(UNAVAILABLE)?;
    let key = storage_key(&course.id);
    let raw = store
        .get_item(&key)
        .map_err(|_| "storage_unreadable".to_string())?;
    let stored = match Progress::decode(raw.as_deref(), course) {
        Loaded::Restored(p) => Some(p),
        // Unreadable or newer records were dealt with at load; never merge with them.
        _ => None,
    };
    let ours_alone = match (&stored, seen) {
        (Some(s), Some(seen)) => s.same_content(seen),
        (s, _) => s.is_none(),
    };
    let merged = match &stored {
        Some(s) if !ours_alone => merge(ours, s),
        _ => ours.clone(),
    };
    if stored.as_ref().is_some_and(|s| s.same_content(&merged)) {
        return Ok(Saved::Unchanged(merged));
    }
    // `crate::browser::local_storage()` said yes above, so gloo's `raw()` will not throw.
    LocalStorage::set(&key, &merged).map_err(save_error)?;
    Ok(Saved::Written(merged))
}

/// The record kept aside after a failed read, if any.
pub fn backup(course_id: &str) -> Option<String> {
    crate::browser::local_storage()?
        .get_item(&backup_key(course_id))
        .ok()
        .flatten()
}
