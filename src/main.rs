//! The browser app's entry point: it only mounts the app (built by trunk for wasm32).

#[cfg(target_arch = "wasm32")]
fn main() {
    course_engine::app::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("the course player runs in a browser: build it with `trunk build` (see README.md)");
    std::process::exit(2);
}
