//! Time on task: every few seconds, the current page's topic is credited if the tab is
//! visible and the learner did something recently (`progress::is_active`).

use super::Ctx;
use leptos::prelude::*;

/// Starts counting; stops when the player goes.
pub fn start(ctx: Ctx) {
    let last_input = StoredValue::new(js_sys::Date::now());
    let mut input_listeners = Vec::new();
    for name in ["pointerdown", "keydown", "scroll", "touchstart", "focusin"] {
        input_listeners.push(leptos::prelude::window_event_listener_untyped(
            name,
            move |_| {
                last_input.set_value(js_sys::Date::now());
            },
        ));
    }
    let tick = set_interval_with_handle(
        move || {
            let visible = !document().hidden();
            if !crate::progress::is_active(visible, js_sys::Date::now(), last_input.get_value()) {
                return;
            }
            let topic = ctx.route.with_untracked(|r| {
                ctx.course
                    .with_value(|c| crate::route::topic_of(c, r).map(str::to_string))
            });
            if let Some(topic) = topic {
                let _ = ctx.send_here(crate::intent::Intent::Tick { topic });
            }
        },
        std::time::Duration::from_secs(crate::progress::TIME_TICK_SECONDS),
    )
    .ok();

    on_cleanup(move || {
        for l in input_listeners {
            l.remove();
        }
        if let Some(t) = tick {
            t.clear();
        }
    });
}
