//! Course engine: the pure core (course model, parsing, grading, progress rules) and,
//! for the browser only, the Leptos app.
//!
//! Invariant: nothing outside `app` imports leptos, web_sys or gloo; the core is tested
//! natively with `cargo test`. The compiler (Markdown and TOML parsing) is native only, so
//! the wasm never carries a Markdown parser.

pub mod assessment;
pub mod backup;
pub mod diagnostics;
pub mod feedback;
pub mod grade;
pub mod idmap;
pub mod json;
pub mod model;
pub mod progress;
pub mod record;
pub mod route;
pub mod scorm;
pub mod stats;

#[cfg(not(target_arch = "wasm32"))]
pub mod compiler;

#[cfg(all(test, not(target_arch = "wasm32")))]
mod testing;

#[cfg(target_arch = "wasm32")]
pub mod app;
