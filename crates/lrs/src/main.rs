//! The LRS reporter (`lrs/course-lrs-<hash>.js`): its wasm entry point only starts it.
//! A bundle of its own, fetched by the learner's page only when launched with an LRS.

fn main() {
    course_lrs::start();
}
