//! Grading: what a learner's response to a question is worth, and which feedback applies.
//!
//! Pure rules over `model::Question`; the app shows what this returns and decides nothing.

use crate::json::{FromJson, Json, ShapeError};
use crate::model::{Question, QuestionKind};
use serde::Serialize;

/// What the learner answered.
#[derive(Serialize, Clone, Debug, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum Response {
    /// Indexes of the chosen options (one for single choice and true/false).
    Choices(Vec<usize>),
    /// For each item, in the author's order, the index of the pair whose match was chosen.
    Matching(Vec<Option<usize>>),
}

/// `{"choices": [0, 2]}` or `{"matching": [1, null, 0]}`, as serde writes the enum.
impl FromJson for Response {
    fn from_json(v: &Json) -> Result<Self, ShapeError> {
        match v.as_object() {
            Some([(k, inner)]) if k == "choices" => FromJson::from_json(inner)
                .map(Response::Choices)
                .map_err(|e: ShapeError| e.items_expecting("an option number").within_key(k)),
            Some([(k, inner)]) if k == "matching" => FromJson::from_json(inner)
                .map(Response::Matching)
                .map_err(|e: ShapeError| {
                    e.items_expecting("an option number or null").within_key(k)
                }),
            _ => Err(ShapeError::new(
                "{\"choices\": [...]} or {\"matching\": [...]}",
                v,
            )),
        }
    }
}

/// How one option (or matching item) came out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mark {
    /// Chosen, and right to choose.
    Right,
    /// Chosen, but wrong (or, for matching, matched wrongly or not at all).
    Wrong,
    /// Not chosen, but it is correct: the learner missed it.
    Missed,
    /// Not chosen, and rightly so.
    Unchosen,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Graded {
    pub correct: bool,
    /// One mark per choice, or per matching item.
    pub marks: Vec<Mark>,
}

impl Mark {
    /// Whether the learner should see this option's feedback.
    pub fn shows_feedback(self) -> bool {
        !matches!(self, Mark::Unchosen)
    }
}

/// Whether a response is complete enough to submit.
pub fn is_answered(q: &Question, r: &Response) -> bool {
    match (q.kind, r) {
        (QuestionKind::Matching, Response::Matching(m)) => {
            m.len() == q.pairs.len() && m.iter().all(Option::is_some)
        }
        (QuestionKind::Matching, _) => false,
        (_, Response::Choices(c)) => !c.is_empty() && c.iter().all(|&i| i < q.choices.len()),
        _ => false,
    }
}

/// Grades a response. A response of the wrong shape grades as wrong, never panics.
pub fn grade(q: &Question, r: &Response) -> Graded {
    let marks: Vec<Mark> = match (q.kind, r) {
        (QuestionKind::Matching, Response::Matching(chosen)) => (0..q.pairs.len())
            .map(|i| {
                if chosen.get(i).copied().flatten() == Some(i) {
                    Mark::Right
                } else {
                    Mark::Wrong
                }
            })
            .collect(),
        (QuestionKind::Matching, _) => vec![Mark::Wrong; q.pairs.len()],
        (_, Response::Choices(chosen)) => q
            .choices
            .iter()
            .enumerate()
            .map(|(i, c)| match (chosen.contains(&i), c.correct) {
                (true, true) => Mark::Right,
                (true, false) => Mark::Wrong,
                (false, true) => Mark::Missed,
                (false, false) => Mark::Unchosen,
            })
            .collect(),
        (_, Response::Matching(_)) => q
            .choices
            .iter()
            .map(|c| {
                if c.correct {
                    Mark::Missed
                } else {
                    Mark::Unchosen
                }
            })
            .collect(),
    };
    let correct = !marks.is_empty()
        && marks
            .iter()
            .all(|m| matches!(m, Mark::Right | Mark::Unchosen));
    Graded { correct, marks }
}

/// A stable shuffle of `0..n` for a seed: the same seed always gives the same order, so a
/// reload shows options where the learner left them. (a hash-keyed sort; not for secrecy.)
pub fn shuffled(seed: &str, n: usize) -> Vec<usize> {
    let key = |i: usize| {
        let mut h = crate::model::fnv1a64(seed.bytes().chain((i as u64).to_le_bytes()));
        // splitmix64's finaliser: FNV alone keeps nearby inputs in order.
        h = (h ^ (h >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        h = (h ^ (h >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        h ^ (h >> 31)
    };
    let mut order: Vec<usize> = (0..n).collect();
    // Ties (equal 64-bit keys) are broken by index.
    crate::idmap::sort_short(&mut order, |&a, &b| (key(a), a) < (key(b), b));
    order
}

/// The order a knowledge check shows a question's options (or matches) to one learner:
/// shuffled with the learner's `seed` (`Progress::order_seed`), the same on every visit, so
/// that the author's order (often the right answers first) gives nothing away. True/false
/// keeps True before False, and an item the author pinned (`Order: fixed`) keeps the
/// author's order; matches are always shuffled (in the author's order every item would sit
/// beside its match).
pub fn check_option_order(q: &Question, seed: u64) -> Vec<usize> {
    match q.kind {
        QuestionKind::Matching => shuffled(&format!("{seed}:{}", q.id), q.pairs.len()),
        QuestionKind::TrueFalse => (0..q.choices.len()).collect(),
        _ if q.fixed_order => (0..q.choices.len()).collect(),
        _ => shuffled(&format!("{seed}:{}", q.id), q.choices.len()),
    }
}

/// The empty response to a question, before the learner chooses anything.
pub fn empty_response(q: &Question) -> Response {
    match q.kind {
        QuestionKind::Matching => Response::Matching(vec![None; q.pairs.len()]),
        _ => Response::Choices(Vec::new()),
    }
}

/// A response with option `i` chosen (or unchosen), following the question type's rules.
pub fn choose(q: &Question, r: &Response, i: usize, on: bool) -> Response {
    match (q.kind, r) {
        (QuestionKind::MultipleResponse, Response::Choices(c)) => {
            let mut c: Vec<usize> = c.iter().copied().filter(|&x| x != i).collect();
            if on {
                c.push(i);
                crate::idmap::sort_short(&mut c, |a, b| a < b);
            }
            Response::Choices(c)
        }
        (QuestionKind::Matching, _) => r.clone(),
        _ if on => Response::Choices(vec![i]),
        _ => Response::Choices(Vec::new()),
    }
}

/// A matching response with item `item` matched to pair `choice` (None clears it).
pub fn match_item(q: &Question, r: &Response, item: usize, choice: Option<usize>) -> Response {
    let mut m = match r {
        Response::Matching(m) if m.len() == q.pairs.len() => m.clone(),
        _ => vec![None; q.pairs.len()],
    };
    if let Some(slot) = m.get_mut(item) {
        *slot = choice.filter(|&c| c < q.pairs.len());
    }
    Response::Matching(m)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Choice, Pair};

    fn choice_q(kind: QuestionKind, correct: &[bool]) -> Question {
        Question {
            id: "q".into(),
            objective: "o".into(),
            kind,
            prompt_html: "?".into(),
            body_html: String::new(),
            choices: correct
                .iter()
                .map(|&c| Choice {
                    html: "x".into(),
                    correct: c,
                    feedback_html: "why".into(),
                })
                .collect(),
            pairs: Vec::new(),
            explanation_html: String::new(),
            hash: String::new(),
            fixed_order: false,
        }
    }

    fn matching_q(n: usize) -> Question {
        Question {
            kind: QuestionKind::Matching,
            choices: Vec::new(),
            pairs: (0..n)
                .map(|i| Pair {
                    item_html: format!("i{i}"),
                    match_html: format!("m{i}"),
                    feedback_html: "why".into(),
                })
                .collect(),
            ..choice_q(QuestionKind::Matching, &[])
        }
    }

    #[test]
    fn single_choice_is_right_only_with_the_correct_option() {
        let q = choice_q(QuestionKind::SingleChoice, &[false, true, false]);
        let right = grade(&q, &Response::Choices(vec![1]));
        assert!(right.correct);
        assert_eq!(right.marks, [Mark::Unchosen, Mark::Right, Mark::Unchosen]);
        let wrong = grade(&q, &Response::Choices(vec![0]));
        assert!(!wrong.correct);
        assert_eq!(wrong.marks, [Mark::Wrong, Mark::Missed, Mark::Unchosen]);
    }

    #[test]
    fn multiple_response_needs_every_correct_option_and_no_wrong_one() {
        let q = choice_q(QuestionKind::MultipleResponse, &[true, true, false]);
        assert!(grade(&q, &Response::Choices(vec![0, 1])).correct);
        assert!(!grade(&q, &Response::Choices(vec![0])).correct);
        assert!(!grade(&q, &Response::Choices(vec![0, 1, 2])).correct);
        assert_eq!(
            choose(&q, &Response::Choices(vec![2]), 0, true),
            Response::Choices(vec![0, 2])
        );
        assert_eq!(
            choose(&q, &Response::Choices(vec![0, 2]), 0, false),
            Response::Choices(vec![2])
        );
    }

    #[test]
    fn choosing_in_single_choice_replaces_the_previous_choice() {
        let q = choice_q(QuestionKind::TrueFalse, &[true, false]);
        assert_eq!(
            choose(&q, &Response::Choices(vec![0]), 1, true),
            Response::Choices(vec![1])
        );
    }

    #[test]
    fn matching_is_right_when_every_item_has_its_own_match() {
        let q = matching_q(3);
        let empty = empty_response(&q);
        assert!(!is_answered(&q, &empty));
        let r = (0..3).fold(empty, |r, i| match_item(&q, &r, i, Some(i)));
        assert!(is_answered(&q, &r));
        assert!(grade(&q, &r).correct);
        let swapped = match_item(&q, &match_item(&q, &r, 0, Some(1)), 1, Some(0));
        let g = grade(&q, &swapped);
        assert!(!g.correct);
        assert_eq!(g.marks, [Mark::Wrong, Mark::Wrong, Mark::Right]);
    }

    #[test]
    fn responses_of_the_wrong_shape_grade_as_wrong_without_panicking() {
        let q = matching_q(2);
        assert!(!grade(&q, &Response::Choices(vec![7])).correct);
        let c = choice_q(QuestionKind::SingleChoice, &[true]);
        assert!(!grade(&c, &Response::Matching(vec![Some(0)])).correct);
        assert!(!is_answered(&c, &Response::Choices(vec![9])));
        assert!(!grade(&c, &Response::Choices(vec![9])).correct);
    }

    #[test]
    fn knowledge_check_options_are_shuffled_per_learner_unless_pinned_or_true_false() {
        let q = choice_q(QuestionKind::MultipleResponse, &[true, true, false, false]);
        assert_eq!(check_option_order(&q, 7), check_option_order(&q, 7));
        // Over many learners, the author's first option is not always shown first.
        let firsts: std::collections::HashSet<usize> = (0..50)
            .map(|seed| check_option_order(&q, seed)[0])
            .collect();
        assert_eq!(firsts.len(), 4, "{firsts:?}");
        let pinned = Question {
            fixed_order: true,
            ..q.clone()
        };
        assert_eq!(check_option_order(&pinned, 7), [0, 1, 2, 3]);
        let tf = choice_q(QuestionKind::TrueFalse, &[false, true]);
        assert!((0..20).all(|seed| check_option_order(&tf, seed) == [0, 1]));
        let m = matching_q(5);
        let orders: std::collections::HashSet<Vec<usize>> =
            (0..20).map(|seed| check_option_order(&m, seed)).collect();
        assert!(orders.len() > 1);
    }

    #[test]
    fn shuffles_are_stable_permutations() {
        let a = shuffled("actors-q1", 6);
        assert_eq!(a, shuffled("actors-q1", 6));
        let mut sorted = a.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, (0..6).collect::<Vec<_>>());
        assert_ne!(
            a,
            (0..6).collect::<Vec<_>>(),
            "a six-item shuffle should move something"
        );
    }
}
