//! The LMS session (SCORM 1.2): finds the LMS, resumes from what it kept, tells it what
//! `scorm::Reporter` says is due, and finishes the session when the page goes. What to
//! report and when is the core's (`scorm`); this only talks to the LMS.

use super::{browser, lms, Ctx};
use crate::route::Route;
use leptos::prelude::*;

/// The session with the LMS, if the course runs in one (`Lms::find`); without one, every
/// call does nothing.
#[derive(Clone, Copy)]
pub struct LmsSession {
    lms: StoredValue<Option<lms::Lms>, LocalStorage>,
    reporter: StoredValue<crate::scorm::Reporter, LocalStorage>,
    started_at: f64,
    /// What went wrong with the LMS, for the learner (it stays until a report succeeds).
    pub problem: RwSignal<Option<(&'static str, String)>>,
}

impl LmsSession {
    /// Finds the LMS; if there is one, initializes it, takes in what it kept (merged with
    /// local progress) and goes back to where the learner was.
    pub fn start(ctx: Ctx) -> LmsSession {
        let session = LmsSession {
            lms: StoredValue::new_local(lms::Lms::find()),
            reporter: StoredValue::new_local(crate::scorm::Reporter::default()),
            started_at: js_sys::Date::now(),
            problem: RwSignal::new(None),
        };
        let (lms, lms_problem) = (session.lms, session.problem);
        lms.with_value(|l| {
            let Some(l) = l else { return };
            if let Err(e) = l.initialize() {
                lms_problem.set(Some(("lms_unreachable", e.to_string())));
                return;
            }
            let suspended = l.get("cmi.suspend_data");
            if !suspended.is_empty() {
                match ctx
                    .course
                    .with_value(|c| crate::scorm::unpack(&suspended, c))
                {
                    // Part of loading the record (its consequences are drawn when the
                    // player resumes: `Intent::Resume`).
                    Ok(theirs) => ctx
                        .progress
                        .update_untracked(|ours| *ours = crate::progress::merge(ours, &theirs)),
                    Err(e) => lms_problem.set(Some(("lms_unusable", e.to_string()))),
                }
            }
            let location = l.get("cmi.core.lesson_location");
            if !location.is_empty() && ctx.route.get_untracked() == Route::Home {
                if let r @ (Route::Lesson { .. } | Route::Check { .. } | Route::Assessment) =
                    Route::parse(&location)
                {
                    browser::push(&r);
                    ctx.route.set(r);
                }
            }
        });
        // The LMS hears at once that the learner is here.
        session.report(ctx, crate::scorm::Moment::Saved);
        session
    }

    /// What the LMS hears, and when (`scorm::Reporter`): meaningful changes at once, time on
    /// task at most once a minute, everything when the page is hidden or closed.
    pub fn report(&self, ctx: Ctx, moment: crate::scorm::Moment) {
        let (lms, reporter, lms_problem) = (self.lms, self.reporter, self.problem);
        lms.with_value(|l| {
            let Some(l) = l else { return };
            let now = js_sys::Date::now();
            let location = ctx.route.with_untracked(Route::path);
            let due = ctx.progress.with_untracked(|p| {
                ctx.course
                    .with_value(|c| reporter.with_value(|r| r.due(c, p, &location, now, moment)))
            });
            let Some(due) = due else { return };
            let result = due
                .iter()
                .try_for_each(|(key, value)| l.set(key, value))
                .and_then(|_| l.commit());
            match result {
                Ok(()) => {
                    lms_problem.set(None);
                    ctx.progress.with_untracked(|p| {
                        ctx.course.with_value(|c| {
                            reporter.update_value(|r| r.accepted(c, p, &location, now))
                        })
                    });
                }
                Err(e) => lms_problem.set(Some(("lms_refused", e.to_string()))),
            }
        });
    }

    /// Ends the session: the time spent, a last commit, and finish.
    pub fn finish(&self) {
        let started_at = self.started_at;
        self.lms.update_value(|l| {
            if let Some(api) = l.take() {
                let seconds = ((js_sys::Date::now() - started_at) / 1000.0) as u64;
                let _ = api.set(
                    "cmi.core.session_time",
                    &crate::scorm::session_time(seconds),
                );
                let _ = api.commit();
                let _ = api.finish();
            }
        });
    }
}
