//! Golden values: what learners' saved records depend on, pinned. A saved answer is kept
//! only while its question's `answer_hash` is the same; a saved attempt is redrawn from its
//! seed; options are shown in an order derived from a seed; a completion id is printed on a
//! certificate. If a dependency update or a refactor changed any of these, every learner's
//! saved answers or open attempts would silently stop matching: these tests fail first.
//! (A deliberate change needs a migration, then new values here.)

use course_compiler::load_course;
use course_core::assessment::{completion_id, draw, option_order};
use course_core::grade::{check_option_order, shuffled};
use course_core::model::Course;
use std::path::Path;

fn golden() -> Course {
    load_course(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/golden"))
        .expect("the golden fixture compiles")
}

fn question<'c>(c: &'c Course, id: &str) -> &'c course_core::model::Question {
    c.check_question(id)
        .or_else(|| c.bank_question(id))
        .expect("a golden question")
}

#[test]
fn answer_hashes_are_pinned() {
    let c = golden();
    let hashes: Vec<(&str, &str)> = ["k1", "k2", "g3", "g4"]
        .iter()
        .map(|id| (*id, question(&c, id).hash.as_str()))
        .collect();
    assert_eq!(hashes, GOLDEN_HASHES);
}

#[test]
fn the_draw_and_option_order_for_a_seed_are_pinned() {
    let c = golden();
    let attempt = draw(&c, 20_261_201, 1_795_305_600_000.0);
    assert_eq!(attempt.questions, GOLDEN_DRAW);
    let orders: Vec<Vec<usize>> = attempt
        .questions
        .iter()
        .map(|id| option_order(&attempt, question(&c, id)))
        .collect();
    assert_eq!(orders, GOLDEN_ATTEMPT_ORDERS);
    assert_eq!(
        check_option_order(question(&c, "k1"), 42),
        GOLDEN_CHECK_ORDER_K1
    );
    assert_eq!(
        check_option_order(question(&c, "k2"), 42),
        GOLDEN_CHECK_ORDER_K2
    );
    assert_eq!(shuffled("golden", 8), GOLDEN_SHUFFLE);
}

#[test]
fn completion_ids_are_pinned() {
    assert_eq!(
        completion_id("golden", 1_795_305_600_000.0, 7),
        GOLDEN_COMPLETION_ID
    );
}

// The pinned values.
const GOLDEN_HASHES: [(&str, &str); 4] = [
    ("k1", "d145c24ef0d1cb6c"),
    ("k2", "8d1e2649d6b9f98d"),
    ("g3", "70a78d2fe1706a13"),
    ("g4", "9dd414e4866a2ca8"),
];
const GOLDEN_DRAW: [&str; 4] = ["g4", "g2", "g5", "g3"];
const GOLDEN_ATTEMPT_ORDERS: [&[usize]; 4] = [&[2, 0, 1], &[1, 2, 3, 0], &[3, 1, 2, 0], &[0, 1]];
const GOLDEN_CHECK_ORDER_K1: [usize; 4] = [3, 1, 0, 2];
const GOLDEN_CHECK_ORDER_K2: [usize; 4] = [0, 1, 3, 2];
const GOLDEN_SHUFFLE: [usize; 8] = [4, 3, 1, 7, 2, 0, 6, 5];
const GOLDEN_COMPLETION_ID: &str = "9H4J-5XQ2-GNCY";
