//! The instructor's results page (`results.html`): its wasm entry point only mounts it.
//! A bundle of its own, so that learners never download the instructor's code.

fn main() {
    course_web::mount(|| {
        course_web::course_loader(
            course_core::model::RESULTS_COURSE_FILE,
            course_results::results_app,
        )
    });
}
