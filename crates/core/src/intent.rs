//! Every change to a learner's progress, as an intent the core applies
//! ([`Progress::apply`]): the player's components say what the learner did; the rules of
//! what that changes, and what it refuses, are here, tested natively.
//!
//! After every change the consequences are drawn at once, in the same step: a topic done
//! gets its time, the course complete gets its completion (once). No effect in the app has
//! to watch the record and write to it again.

use crate::assessment::{self, Standing};
use crate::grade::{grade, is_answered, Graded, Response};
use crate::model::Course;
use crate::progress::{merge, LessonRef, Progress, SavedAnswer, TIME_TICK_SECONDS};

/// The longest name a certificate takes, in characters.
pub const MAX_NAME_CHARS: usize = 80;

/// What the learner did.
#[derive(Clone, Debug, PartialEq)]
pub enum Intent {
    /// Opened a lesson: Continue and a reload come back to it.
    OpenLesson { topic: String, lesson: String },
    /// Reached the end of a lesson: it is read.
    ReadLesson { lesson: String },
    /// Submitted an answer to a knowledge-check question.
    Answer {
        question: String,
        response: Response,
    },
    /// Started an assessment attempt, drawn with `seed` (a random number).
    StartAttempt { seed: u64 },
    /// Changed a response in the open attempt.
    AnswerInAttempt {
        question: String,
        response: Response,
    },
    /// Handed in the open attempt.
    SubmitAttempt,
    /// Typed the name to print on the certificate.
    NameCertificate { name: String },
    /// Asked to type the certificate's name again.
    ClearName,
    /// Spent one tick (`TIME_TICK_SECONDS`) of active, visible time on a topic.
    Tick { topic: String },
    /// Brought another copy of the record (a backup, another tab's save): merged in.
    Merge(Box<Progress>),
    /// Came back to the course: what was already done when the record was loaded counts
    /// from now (nothing else changes).
    Resume,
}

/// What the browser knows at the moment of an intent.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Moment {
    /// Milliseconds since 1970.
    pub now: f64,
    /// A random number (for a completion id).
    pub random: u64,
    /// The learner's calendar day where they are (year, month, day).
    pub day: (u32, u32, u32),
}

/// What came of an applied intent.
#[derive(Clone, Debug, PartialEq)]
pub enum Applied {
    /// The record changed (or was already so).
    Done,
    /// A knowledge-check answer, graded.
    Graded(Graded),
}

/// Why an intent changed nothing.
#[derive(Clone, Debug, PartialEq)]
pub enum Refused {
    /// No such lesson, question or topic in this course.
    Unknown,
    /// A knowledge-check answer that is not complete (nothing chosen, or a match missing).
    Incomplete,
    /// No attempt may start now (`assessment::standing` says why: locked, one open,
    /// passed or out of attempts).
    NotNow,
    /// There is no open attempt (or the question is not in it).
    NoOpenAttempt,
    /// The open attempt has questions without an answer: their numbers, from 1.
    Unanswered(Vec<usize>),
    /// The name is empty (or only spaces).
    NameMissing,
    /// The name is longer than `MAX_NAME_CHARS`.
    NameTooLong,
}

/// A name as it is kept: spaces trimmed and runs of spaces made one.
pub fn normalise_name(name: &str) -> String {
    name.split_whitespace().collect::<Vec<_>>().join(" ")
}

impl Progress {
    /// Applies what the learner did to the record, with its consequences (topics done,
    /// the completion); on `Err`, nothing changed.
    // Inlined where it is called with one intent, so that each page's code keeps only the
    // rule it uses (the assessment's rules stay in the assessment's chunk of the wasm).
    #[inline(always)]
    pub fn apply(
        &mut self,
        course: &Course,
        intent: Intent,
        at: Moment,
    ) -> Result<Applied, Refused> {
        let applied = match intent {
            Intent::OpenLesson { topic, lesson } => self.open_lesson(course, topic, lesson),
            Intent::ReadLesson { lesson } => self.read_lesson(course, lesson),
            Intent::Answer { question, response } => {
                self.answer(course, &question, response, at.now)
            }
            Intent::StartAttempt { seed } => self.start_attempt(course, seed, at.now),
            Intent::AnswerInAttempt { question, response } => {
                self.answer_in_attempt(&question, response, at.now)
            }
            Intent::SubmitAttempt => self.submit_attempt(course, at.now),
            Intent::NameCertificate { name } => self.name_certificate(&name),
            Intent::ClearName => {
                self.learner_name = None;
                Ok(Applied::Done)
            }
            Intent::Tick { topic } => self.tick(course, topic),
            Intent::Merge(theirs) => {
                *self = merge(self, &theirs);
                Ok(Applied::Done)
            }
            Intent::Resume => Ok(Applied::Done),
        };
        self.settled(course, at, applied)
    }

    /// `applied`, once its consequences are drawn if it was applied. (One copy for every
    /// intent: `apply` keeps only its choice of rule where it is inlined.)
    #[inline(never)]
    fn settled(
        &mut self,
        course: &Course,
        at: Moment,
        applied: Result<Applied, Refused>,
    ) -> Result<Applied, Refused> {
        if applied.is_ok() {
            self.settle(course, at);
        }
        applied
    }

    /// The consequences of a change: each topic's first done time, the completion once.
    /// Returns whether there were any.
    #[inline(never)]
    pub fn settle(&mut self, course: &Course, at: Moment) -> bool {
        let topics = assessment::record_topics_done(course, self, at.now);
        assessment::record_completion(course, self, at.now, at.random, at.day) || topics
    }

    #[inline(never)]
    fn open_lesson(
        &mut self,
        course: &Course,
        topic: String,
        lesson: String,
    ) -> Result<Applied, Refused> {
        course.lesson(&topic, &lesson).ok_or(Refused::Unknown)?;
        self.last_lesson = Some(LessonRef { topic, lesson });
        Ok(Applied::Done)
    }

    #[inline(never)]
    fn read_lesson(&mut self, course: &Course, lesson: String) -> Result<Applied, Refused> {
        if !course.lessons_in_order().any(|(_, l)| l.id == lesson) {
            return Err(Refused::Unknown);
        }
        self.seen.insert(lesson);
        Ok(Applied::Done)
    }

    #[inline(never)]
    fn answer(
        &mut self,
        course: &Course,
        question: &str,
        response: Response,
        now: f64,
    ) -> Result<Applied, Refused> {
        let q = course.check_question(question).ok_or(Refused::Unknown)?;
        if !is_answered(q, &response) {
            return Err(Refused::Incomplete);
        }
        let graded = grade(q, &response);
        self.answers.insert(
            q.id.clone(),
            SavedAnswer {
                response,
                correct: graded.correct,
                at: now,
                question_hash: q.hash.clone(),
            },
        );
        Ok(Applied::Graded(graded))
    }

    #[inline(never)]
    fn start_attempt(&mut self, course: &Course, seed: u64, now: f64) -> Result<Applied, Refused> {
        match assessment::standing(course, self) {
            Standing::Ready { .. } => {
                self.attempts.push(assessment::draw(course, seed, now));
                Ok(Applied::Done)
            }
            _ => Err(Refused::NotNow),
        }
    }

    #[inline(never)]
    fn answer_in_attempt(
        &mut self,
        question: &str,
        response: Response,
        now: f64,
    ) -> Result<Applied, Refused> {
        let open = assessment::open_attempt_mut(self)
            .filter(|a| a.questions.iter().any(|q| q == question))
            .ok_or(Refused::NoOpenAttempt)?;
        open.answer(question, response, now);
        Ok(Applied::Done)
    }

    #[inline(never)]
    fn submit_attempt(&mut self, course: &Course, now: f64) -> Result<Applied, Refused> {
        let open = assessment::open_attempt_mut(self).ok_or(Refused::NoOpenAttempt)?;
        let unanswered: Vec<usize> = open
            .questions
            .iter()
            .enumerate()
            .filter(|(_, id)| {
                let answered = course
                    .bank_question(id)
                    .zip(open.responses.get(id.as_str()));
                !answered.is_some_and(|(q, r)| is_answered(q, r))
            })
            .map(|(i, _)| i + 1)
            .collect();
        if !unanswered.is_empty() {
            return Err(Refused::Unanswered(unanswered));
        }
        open.result = Some(assessment::score(course, open, now));
        Ok(Applied::Done)
    }

    #[inline(never)]
    fn name_certificate(&mut self, name: &str) -> Result<Applied, Refused> {
        let name = normalise_name(name);
        if name.is_empty() {
            return Err(Refused::NameMissing);
        }
        if name.chars().count() > MAX_NAME_CHARS {
            return Err(Refused::NameTooLong);
        }
        self.learner_name = Some(name);
        Ok(Applied::Done)
    }

    #[inline(never)]
    fn tick(&mut self, course: &Course, topic: String) -> Result<Applied, Refused> {
        course.topic(&topic).ok_or(Refused::Unknown)?;
        *self.time_on_task.get_or_insert_with(topic, || 0) += TIME_TICK_SECONDS;
        Ok(Applied::Done)
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::testing::{compiled, right};

    const AT: Moment = Moment {
        now: 1_795_305_700_000.0,
        random: 7,
        day: (2026, 11, 22),
    };

    fn ok(p: &mut Progress, c: &Course, i: Intent) -> Applied {
        p.apply(c, i, AT).expect("applied")
    }

    #[test]
    fn a_whole_course_taken_by_intents_is_completed_once() {
        let c = compiled("valid");
        let mut p = Progress::new(&c);
        for (t, l) in c.lessons_in_order() {
            let (topic, lesson) = (t.id.clone(), l.id.clone());
            ok(
                &mut p,
                &c,
                Intent::OpenLesson {
                    topic,
                    lesson: lesson.clone(),
                },
            );
            ok(&mut p, &c, Intent::ReadLesson { lesson });
        }
        for t in &c.topics {
            ok(
                &mut p,
                &c,
                Intent::Tick {
                    topic: t.id.clone(),
                },
            );
            for q in &t.check {
                let g = ok(
                    &mut p,
                    &c,
                    Intent::Answer {
                        question: q.id.clone(),
                        response: right(q),
                    },
                );
                assert!(matches!(g, Applied::Graded(g) if g.correct));
            }
        }
        assert_eq!(
            p.topics_done_at.len(),
            c.topics.len(),
            "each topic's time, at once"
        );
        assert!(p.completion.is_none());
        ok(&mut p, &c, Intent::StartAttempt { seed: 3 });
        // A second attempt cannot start while one is open.
        assert!(matches!(
            p.apply(&c, Intent::StartAttempt { seed: 4 }, AT),
            Err(Refused::NotNow)
        ));
        let questions = p.attempts[0].questions.clone();
        // Handing in with questions unanswered is refused, naming them.
        assert_eq!(
            p.apply(&c, Intent::SubmitAttempt, AT),
            Err(Refused::Unanswered((1..=questions.len()).collect()))
        );
        for id in &questions {
            let q = c.bank_question(id).unwrap();
            ok(
                &mut p,
                &c,
                Intent::AnswerInAttempt {
                    question: id.clone(),
                    response: right(q),
                },
            );
        }
        ok(&mut p, &c, Intent::SubmitAttempt);
        let done = p
            .completion
            .clone()
            .expect("completed with the passing attempt");
        assert_eq!(done.day.as_deref(), Some("2026-11-22"));
        // Later intents never record it again.
        let later = Moment {
            now: AT.now + 1e9,
            random: 8,
            day: (2026, 12, 30),
        };
        p.apply(
            &c,
            Intent::Tick {
                topic: c.topics[0].id.clone(),
            },
            later,
        )
        .unwrap();
        assert_eq!(p.completion, Some(done));
        assert!(matches!(
            p.apply(&c, Intent::StartAttempt { seed: 5 }, AT),
            Err(Refused::NotNow)
        ));
    }

    #[test]
    fn what_is_refused_changes_nothing() {
        let c = compiled("valid");
        let mut p = Progress::new(&c);
        let before = p.clone();
        let q = &c.topics[0].check[0];
        let refused = [
            (
                Intent::OpenLesson {
                    topic: "nope".into(),
                    lesson: "first".into(),
                },
                Refused::Unknown,
            ),
            (
                Intent::ReadLesson {
                    lesson: "nope".into(),
                },
                Refused::Unknown,
            ),
            (
                Intent::Tick {
                    topic: "nope".into(),
                },
                Refused::Unknown,
            ),
            (
                Intent::Answer {
                    question: "nope".into(),
                    response: right(q),
                },
                Refused::Unknown,
            ),
            (
                Intent::Answer {
                    question: q.id.clone(),
                    response: Response::Choices(vec![]),
                },
                Refused::Incomplete,
            ),
            (Intent::SubmitAttempt, Refused::NoOpenAttempt),
            (
                Intent::AnswerInAttempt {
                    question: q.id.clone(),
                    response: right(q),
                },
                Refused::NoOpenAttempt,
            ),
            (
                Intent::NameCertificate {
                    name: "  \t ".into(),
                },
                Refused::NameMissing,
            ),
            (
                Intent::NameCertificate {
                    name: "x".repeat(MAX_NAME_CHARS + 1),
                },
                Refused::NameTooLong,
            ),
        ];
        for (intent, why) in refused {
            assert_eq!(p.apply(&c, intent.clone(), AT), Err(why), "{intent:?}");
            assert_eq!(p, before, "{intent:?} changed nothing");
        }
        assert!(matches!(
            p.apply(&c, Intent::StartAttempt { seed: 1 }, AT),
            Err(Refused::NotNow)
        ));
    }

    #[test]
    fn a_name_is_kept_normalised_up_to_its_limit() {
        let c = compiled("valid");
        let mut p = Progress::new(&c);
        ok(
            &mut p,
            &c,
            Intent::NameCertificate {
                name: "  Ana   María\tLópez ".into(),
            },
        );
        assert_eq!(p.learner_name.as_deref(), Some("Ana María López"));
        let longest = "é".repeat(MAX_NAME_CHARS);
        ok(
            &mut p,
            &c,
            Intent::NameCertificate {
                name: longest.clone(),
            },
        );
        assert_eq!(p.learner_name, Some(longest));
        ok(&mut p, &c, Intent::ClearName);
        assert_eq!(p.learner_name, None);
    }
}
