//! The learner's player: its wasm entry point only mounts the app.

fn main() {
    course_player::start();
}
