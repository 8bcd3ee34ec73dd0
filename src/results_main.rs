//! The instructor's results page entry point (`results.html`): it only mounts that page.
//! A separate binary so that learners never download the instructor's code.

#[cfg(target_arch = "wasm32")]
fn main() {
    course_engine::app::start_results();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("the results page runs in a browser: it is built with the site (see README.md)");
    std::process::exit(2);
}
