//! Local-storage adapter for progress records.
//!
//! Reads and writes text only; what the text means (versions, unreadable records, what
//! still applies) is decided by `progress`. Never panics when storage is missing or full.

use crate::model::Course;
use crate::progress::{backup_key, storage_key, Loaded, Progress};

/// The page's local storage, if the browser lets us use it.
fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// What loading found: the progress to use, and anything the learner must be told.
pub struct Restored {
    pub progress: Progress,
    /// A message for the learner when something went wrong.
    pub notice: Option<String>,
    /// False when saving would destroy a record we could not read.
    pub can_save: bool,
}

pub fn load(course: &Course) -> Restored {
    let Some(store) = storage() else {
        return Restored {
            progress: Progress::new(course),
            notice: Some("This browser does not let the course save your progress; it will be lost when you close the page.".into()),
            can_save: false,
        };
    };
    let raw = store.get_item(&storage_key(&course.id)).ok().flatten();
    match Progress::decode(raw.as_deref(), course) {
        Loaded::Fresh(progress) | Loaded::Restored(progress) => Restored {
            progress,
            notice: None,
            can_save: true,
        },
        Loaded::Newer { reason, fresh } => {
            if let Some(r) = raw.as_deref() {
                let _ = store.set_item(&backup_key(&course.id), r);
            }
            Restored {
                progress: fresh,
                notice: Some(format!(
                    "Your saved progress cannot be used here: {reason}. It is left untouched, and what you do in this page will not be saved. Open the course where you started it, or update this page."
                )),
                can_save: false,
            }
        }
        Loaded::Unreadable { reason, fresh } => {
            let kept = raw
                .as_deref()
                .map(|r| store.set_item(&backup_key(&course.id), r).is_ok())
                .unwrap_or(false);
            Restored {
                progress: fresh,
                notice: Some(if kept {
                    format!("Your saved progress could not be read: {reason}. It has been kept aside, and you are starting afresh.")
                } else {
                    format!("Your saved progress could not be read: {reason}. You are starting afresh; the old record is left untouched.")
                }),
                can_save: kept,
            }
        }
    }
}

/// Saves a progress record. Errors (a full quota, storage switched off) come back as text.
pub fn save(progress: &Progress) -> Result<(), String> {
    let store = storage().ok_or("local storage is not available")?;
    store
        .set_item(&storage_key(&progress.course_id), &progress.encode())
        .map_err(|e| {
            e.dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
                .unwrap_or_else(|| "the browser refused to save".into())
        })
}

/// The record kept aside after a failed read, if any.
pub fn backup(course_id: &str) -> Option<String> {
    storage()?.get_item(&backup_key(course_id)).ok().flatten()
}

use wasm_bindgen::JsCast;
