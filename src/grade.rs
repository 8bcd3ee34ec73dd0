//! Grading: what a learner's response to a question is worth, and which feedback applies.
//!
//! Pure rules over `model::Question`; the app shows what this returns and decides nothing.

use crate::model::{Question, QuestionKind};
use serde::{Deserialize, Serialize};

/// What the learner answered.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum Response {
    /// Indexes of the chosen options (one for single choice and true/false).
    Choices(Vec<usize>),
    /// For each item, in the author's order, the index of the pair whose match was chosen.
    Matching(Vec<Option<usize>>),
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
            .map(|c| if c.correct { Mark::Missed } else { Mark::Unchosen })
            .collect(),
    };
    let correct = !marks.is_empty() && marks.iter().all(|m| matches!(m, Mark::Right | Mark::Unchosen));
    Graded { correct, marks }
}

/// A stable shuffle of `0..n` for a seed: the same seed always gives the same order, so a
/// reload shows options where the learner left them. (FNV-1a keyed sort; not for secrecy.)
pub fn shuffled(seed: &str, n: usize) -> Vec<usize> {
    let key = |i: usize| {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for b in seed.bytes().chain((i as u64).to_le_bytes()) {
            h ^= b as u64;
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        h
    };
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by_key(|&i| key(i));
    order
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
                c.sort_unstable();
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
