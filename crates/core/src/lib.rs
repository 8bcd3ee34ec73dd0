//! The course engine's pure core: the course model, reading JSON, grading, the progress
//! record and its rules, completion records, SCORM data.
//!
//! Its dependencies are serde and serde_json only (Cargo.toml): no leptos, web_sys or gloo,
//! and no parser of course sources, so it is tested natively with `cargo test` and the
//! player's wasm carries nothing of the compiler.

pub mod assessment;
pub mod backup;
pub mod class;
pub mod diagnostics;
pub mod feedback;
pub mod grade;
pub mod idmap;
pub mod intent;
pub mod json;
pub mod model;
pub mod progress;
pub mod record;
pub mod route;
pub mod scorm;
pub mod stats;
pub mod xapi;

#[doc(hidden)]
pub mod testing;
