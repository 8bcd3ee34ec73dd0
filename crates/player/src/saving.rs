//! Saving: progress is written to local storage 0.4 s after it changes (changes in
//! between go together), at once when the page is hidden or closed, and merged with
//! whatever another tab saved meanwhile; never while rendering. Each save also gives the
//! LMS session its turn (`session`).

use super::session::LmsSession;
use super::{storage, Ctx, SAVE_DELAY_MS};
use leptos::leptos_dom::helpers::TimeoutHandle;
use leptos::prelude::*;

thread_local! {
    /// The record as this page last read or saved it (`storage::save_merging`). (A cell,
    /// not a `StoredValue`: one more type in Leptos's arena costs the wasm more.)
    static SEEN: std::cell::RefCell<Option<crate::progress::Progress>> = const { std::cell::RefCell::new(None) };
}

/// Starts saving `ctx.progress`; `can_save` is false when saving would destroy a record
/// that could not be read; `stored` is the record as loaded. `not_saving` says why progress
/// is not being saved, while it is not.
pub fn start(
    ctx: Ctx,
    can_save: bool,
    stored: Option<crate::progress::Progress>,
    not_saving: RwSignal<Option<String>>,
    lms: LmsSession,
) {
    let pending = StoredValue::new(None::<TimeoutHandle>);
    SEEN.with(|s| *s.borrow_mut() = stored);
    let flush = move |moment: crate::scorm::Moment| {
        if let Some(h) = pending.get_value() {
            h.clear();
            pending.set_value(None);
        }
        if can_save {
            let mut ours = ctx.progress.get_untracked();
            ours.updated_at = js_sys::Date::now();
            let result = ctx.course.with_value(|c| {
                SEEN.with(|s| storage::save_merging(c, &ours, s.borrow().as_ref()))
            });
            match result {
                Ok(storage::Saved::Written(merged) | storage::Saved::Unchanged(merged)) => {
                    SEEN.with(|s| *s.borrow_mut() = Some(merged.clone()));
                    not_saving.set(None);
                    if !merged.same_content(&ctx.progress.get_untracked()) {
                        // What another tab had saved came in, with its consequences.
                        let mut merged = merged;
                        ctx.course
                            .with_value(|c| merged.settle(c, crate::browser::moment()));
                        ctx.progress.set(merged);
                    }
                }
                Err(reason) => not_saving.set(Some(reason)),
            }
        }
        lms.report(ctx, moment);
    };
    Effect::new(move |previous: Option<()>| {
        ctx.progress.track();
        if previous.is_some() {
            if let Some(h) = pending.get_value() {
                h.clear();
            }
            pending.set_value(
                set_timeout_with_handle(
                    move || flush(crate::scorm::Moment::Saved),
                    std::time::Duration::from_millis(SAVE_DELAY_MS),
                )
                .ok(),
            );
        }
    });
    let on_hide = window_event_listener(leptos::ev::pagehide, move |_| {
        flush(crate::scorm::Moment::Leaving);
        lms.finish();
    });
    let on_visibility = window_event_listener_untyped("visibilitychange", move |_| {
        if document().hidden() {
            flush(crate::scorm::Moment::Leaving);
        }
    });
    // Another tab saved: take in what it added.
    let on_storage =
        window_event_listener(leptos::ev::storage, move |ev: web_sys::StorageEvent| {
            let key = ctx
                .course
                .with_value(|c| crate::progress::storage_key(&c.id));
            if ev.key().as_deref() != Some(key.as_str()) {
                return;
            }
            let theirs = ctx
                .course
                .with_value(|c| crate::progress::Progress::decode(ev.new_value().as_deref(), c));
            if let crate::progress::Loaded::Restored(theirs) = theirs {
                let merged = ctx
                    .progress
                    .with_untracked(|ours| crate::progress::merge(ours, &theirs));
                if !ctx
                    .progress
                    .with_untracked(|ours| ours.same_content(&merged))
                {
                    let _ = ctx.send_here(crate::intent::Intent::Merge(Box::new(theirs)));
                }
            }
        });

    on_cleanup(move || {
        on_hide.remove();
        on_visibility.remove();
        on_storage.remove();
    });
}
