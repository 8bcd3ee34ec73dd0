//! The author tool's integration tests, one test binary (mdBook's `tests/testsuite`
//! shape): one link instead of seven, and helpers shared without `mod common;` copies.
//! Expected outputs that are files (each bad-input fixture's `expected.txt`, the lint
//! fixture's `expected-warnings.txt`) are snapshots: `UPDATE_SNAPSHOTS=1 cargo test --test
//! testsuite` rewrites them from what the code makes now (then read the diff).
#![cfg(not(target_arch = "wasm32"))]

mod common;
mod compiler;
mod course;
mod e2e_fixtures;
mod golden;
mod progress;
mod properties;
mod site;
mod standalone;
mod translation;
