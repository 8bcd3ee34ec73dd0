//! Counts of what a course contains, as the compiler reports them after a clean check.
//!
//! Authors see these after every `check`; tests pin them so that an edit which breaks the
//! course's shape (too few questions for an objective, a topic without lessons) fails.

// Counts for `check` and the tests: neither app calls this module, so it never reaches a
// wasm, and may use B-tree maps for sorted output.
#![allow(clippy::disallowed_types)]

use crate::model::{Course, QuestionKind};
use std::collections::BTreeMap;
use std::fmt;

#[derive(Debug, Clone, PartialEq)]
pub struct TopicStats {
    pub id: String,
    pub minutes: u32,
    pub lessons: usize,
    pub words: u32,
    pub check_questions: usize,
    /// Lessons without a `Sources:` line.
    pub lessons_without_sources: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CourseStats {
    pub topics: Vec<TopicStats>,
    pub minutes: u32,
    pub lessons: usize,
    pub words: u32,
    pub bank: usize,
    pub bank_per_objective: BTreeMap<String, usize>,
    pub bank_per_kind: BTreeMap<QuestionKind, usize>,
    pub check_per_kind: BTreeMap<QuestionKind, usize>,
    pub glossary_terms: usize,
}

impl CourseStats {
    pub fn of(course: &Course) -> CourseStats {
        let topics: Vec<TopicStats> = course
            .topics
            .iter()
            .map(|t| TopicStats {
                id: t.id.clone(),
                minutes: t.minutes,
                lessons: t.lessons.len(),
                words: t.lessons.iter().map(|l| l.words).sum(),
                check_questions: t.check.len(),
                lessons_without_sources: t.lessons.iter().filter(|l| l.sources.is_empty()).count(),
            })
            .collect();
        let mut bank_per_objective: BTreeMap<String, usize> = course
            .objectives
            .iter()
            .map(|o| (o.id.clone(), 0))
            .collect();
        let mut bank_per_kind = BTreeMap::new();
        for q in &course.assessment.bank {
            *bank_per_objective.entry(q.objective.clone()).or_default() += 1;
            *bank_per_kind.entry(q.kind).or_default() += 1;
        }
        let mut check_per_kind = BTreeMap::new();
        for q in course.topics.iter().flat_map(|t| t.check.iter()) {
            *check_per_kind.entry(q.kind).or_default() += 1;
        }
        CourseStats {
            minutes: topics.iter().map(|t| t.minutes).sum(),
            lessons: topics.iter().map(|t| t.lessons).sum(),
            words: topics.iter().map(|t| t.words).sum(),
            topics,
            bank: course.assessment.bank.len(),
            bank_per_objective,
            bank_per_kind,
            check_per_kind,
            glossary_terms: course.glossary.len(),
        }
    }
}

impl fmt::Display for CourseStats {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{} topics, {} lessons, {} words, {} minutes, {} assessment questions, {} glossary terms",
            self.topics.len(),
            self.lessons,
            self.words,
            self.minutes,
            self.bank,
            self.glossary_terms
        )?;
        for t in &self.topics {
            writeln!(
                f,
                "  topic {}: {} lessons, {} words, {} knowledge-check questions, {} minutes",
                t.id, t.lessons, t.words, t.check_questions, t.minutes
            )?;
        }
        let per_objective: Vec<String> = self
            .bank_per_objective
            .iter()
            .map(|(o, n)| format!("{o} {n}"))
            .collect();
        writeln!(
            f,
            "  assessment questions per objective: {}",
            per_objective.join(", ")
        )?;
        let per_kind: Vec<String> = self
            .bank_per_kind
            .iter()
            .map(|(k, n)| format!("{} {n}", k.author_name()))
            .collect();
        write!(
            f,
            "  assessment questions per type: {}",
            per_kind.join(", ")
        )
    }
}
