//! The monthly security training (issue 17): the built-in course's lessons (`domain::course`),
//! each person's quiz attempts, kept in `desk_items` as JSON sealed under the staff-secrets key
//! and bound to its id, and what each person must take and by when (`status.rs`, by the rules
//! of `domain::plan`). A quiz is scored here, never by the page, and saved with its audit event
//! in one transaction; the form's one-time id makes a double submit count once. The course's
//! start is kept too: who was on the staff before it began is not asked for the basics.

mod drills;
mod gate;
mod own;
mod reminders;
mod sessions;
mod status;

use serde::{Deserialize, Serialize};
use strongroom_domain::{Actor, ActorKind, AuditAction, Lesson, Outcome, Permission, QuizScore, RecordKind, Role, score_quiz};
use strongroom_store::{DeskItemRow, Tx};
use time::Date;
use uuid::Uuid;

pub use self::drills::{DRILL_MAX_PEOPLE, DrillEntry, DrillLanding, DrillTarget, REPORT_WITHIN_DAYS};
pub use self::gate::TRAINING_REQUIRED_COST;
pub(crate) use self::gate::TrainingGate;
pub use self::own::{OwnLessonEntry, own_lesson_id};
pub use self::reminders::{REMIND_DAYS_AHEAD, REMIND_EVERY_DAYS, Reminded};
pub use self::sessions::SessionEntry;
pub use self::status::{LessonStatus, MonthCompletion, PersonTraining, TrainingOverview};
use crate::trail::draft::EventDraft;
use crate::{AppError, Vault, now_micros};

const ATTEMPT: &str = "training_attempt";
pub(super) const COURSE: &str = "training_course";
/// The day a person last reached the day's cap of answers (its refusal recorded once).
const CAPPED: &str = "training_capped";
/// The most attempts one person keeps a day: a script that answers a quiz again and again
/// until it passes is stopped, a person is not.
pub const MAX_ATTEMPTS_A_DAY: usize = 50;

/// A quiz question in the reader's language.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct QuizQuestion {
    pub ask: String,
    pub options: Vec<String>,
    pub right: usize,
    pub why: String,
}

/// A lesson in the reader's language.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct TrainingLesson {
    pub id: String,
    pub month: u8,
    pub basics: bool,
    pub roles: Vec<Role>,
    pub title: String,
    pub summary: String,
    /// Paragraphs; one that starts with "- " is a point of a list.
    pub body: Vec<String>,
    pub questions: Vec<QuizQuestion>,
    pub pass_percent: u8,
    /// A lesson of the shop's own (written in the owner's words, in one language).
    pub own: bool,
    /// The day it was added (a lesson of the shop's own); `Date::MIN` for the course's.
    pub since: Date,
    /// The day it was removed (a lesson of the shop's own): planned until that month, listed no
    /// more; `Date::MAX` for one in use.
    pub until: Date,
}

impl TrainingLesson {
    fn of_shop(entry: &OwnLessonEntry) -> TrainingLesson {
        let lesson = &entry.lesson;
        TrainingLesson {
            id: entry.lesson_id(),
            month: lesson.month,
            basics: false,
            roles: Vec::new(),
            title: lesson.title.clone(),
            summary: lesson.summary.clone(),
            body: lesson.body.clone(),
            questions: lesson
                .questions
                .iter()
                .map(|question| QuizQuestion {
                    ask: question.ask.clone(),
                    options: question.options.clone(),
                    right: question.right,
                    why: question.why.clone(),
                })
                .collect(),
            pass_percent: lesson.pass_percent,
            own: true,
            since: entry.added_on,
            until: entry.removed_on.unwrap_or(Date::MAX),
        }
    }

    fn built_in(lesson: &Lesson, language: &str) -> TrainingLesson {
        TrainingLesson {
            id: lesson.id.to_owned(),
            month: lesson.month,
            basics: lesson.basics,
            roles: lesson.roles.to_vec(),
            title: lesson.title.get(language).to_owned(),
            summary: lesson.summary.get(language).to_owned(),
            body: lesson.body.iter().map(|paragraph| paragraph.get(language).to_owned()).collect(),
            questions: lesson
                .questions
                .iter()
                .map(|question| QuizQuestion {
                    ask: question.ask.get(language).to_owned(),
                    options: question.options.iter().map(|option| option.get(language).to_owned()).collect(),
                    right: question.right,
                    why: question.why.get(language).to_owned(),
                })
                .collect(),
            pass_percent: lesson.pass_percent,
            own: false,
            since: Date::MIN,
            until: Date::MAX,
        }
    }

    /// Whether the owner removed it (a lesson of the shop's own kept for the months it counted in).
    pub fn removed(&self) -> bool {
        self.until != Date::MAX
    }

    /// Whether someone in `role` takes it.
    pub fn for_role(&self, role: Role) -> bool {
        role != Role::ExternalAuditor && (self.roles.is_empty() || self.roles.contains(&role))
    }

    fn answers(&self) -> Vec<usize> {
        self.questions.iter().map(|question| question.right).collect()
    }
}

/// A quiz answered: its score, and whether this was the same form sent again (a double click),
/// which is counted once.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct QuizResult {
    pub attempt: Uuid,
    pub lesson: String,
    pub score: QuizScore,
    /// The answers the score is of: the first ones when the form was sent again.
    pub answers: Vec<Option<usize>>,
    pub repeated: bool,
}

/// An attempt as sealed.
#[derive(Clone, Serialize, Deserialize)]
pub(crate) struct AttemptDoc {
    pub(crate) person: String,
    pub(crate) lesson: String,
    pub(crate) answers: Vec<Option<usize>>,
    pub(crate) correct: usize,
    pub(crate) total: usize,
    pub(crate) passed: bool,
    /// The shop's day it was made.
    pub(crate) on: String,
    pub(crate) at: i64,
}

impl AttemptDoc {
    pub(crate) fn day(&self) -> Option<Date> {
        strongroom_domain::parse_date("on", &self.on).ok()
    }
}

/// When the shop's course began, and whether it is required before customer data, as sealed.
#[derive(Serialize, Deserialize)]
pub(super) struct CourseDoc {
    started_on: String,
    #[serde(default)]
    pub(super) required: bool,
}

pub(super) fn sealed_name(kind: &str, id: Uuid) -> String {
    format!("desk_items/{kind}/{id}")
}

impl Vault {
    /// The course's lessons in `language`, for the reader's role (those of every role for who
    /// sees everyone's training).
    pub fn training_lessons(&self, actor: &Actor, language: &str) -> Result<Vec<TrainingLesson>, AppError> {
        if !actor.may(Permission::TrainingOverview) {
            self.require(actor, Permission::TrainingTake, AuditAction::TrainingAnswer, None)?;
        }
        let everyone = actor.may(Permission::TrainingOverview);
        let own = self.own_lesson_entries(self.store.begin_snapshot()?.as_mut())?;
        let mut lessons: Vec<TrainingLesson> = strongroom_domain::course()
            .map(|lesson| TrainingLesson::built_in(lesson, language))
            .chain(own.iter().map(TrainingLesson::of_shop))
            .filter(|lesson| everyone || lesson.for_role(actor.role))
            .collect();
        lessons.sort_by_key(|lesson| (lesson.month, lesson.own));
        Ok(lessons)
    }

    /// One lesson in `language`.
    pub fn training_lesson(&self, actor: &Actor, id: &str, language: &str) -> Result<TrainingLesson, AppError> {
        self.training_lessons(actor, language)?.into_iter().find(|lesson| lesson.id == id).ok_or(AppError::NotFound("lesson"))
    }

    /// Scores and keeps `answers` (the chosen option per question, `None` for one left open) to
    /// the lesson `id`'s quiz, made by the signed-in person on `today`. `form` is the one-time id
    /// of the page the answers came from: sent again, the first result is given and nothing is
    /// counted twice.
    pub fn answer_quiz(&self, actor: &Actor, id: &str, form: Uuid, answers: &[Option<usize>], today: Date) -> Result<QuizResult, AppError> {
        self.require(actor, Permission::TrainingTake, AuditAction::TrainingAnswer, None)?;
        if actor.kind != ActorKind::Staff {
            return Err(AppError::Conflict("only a member of staff takes the training, signed in as themselves".into()));
        }
        let lesson = self.training_lesson(actor, id, "en")?;
        if answers.len() > lesson.questions.len()
            || answers.iter().zip(&lesson.questions).any(|(answer, question)| answer.is_some_and(|answer| answer >= question.options.len()))
        {
            return Err(AppError::Invalid(strongroom_domain::DomainError::invalid("answers", "is not one of the quiz's options")));
        }
        let score = score_quiz(&lesson.answers(), answers, lesson.pass_percent);
        let doc = AttemptDoc {
            person: actor.name.clone(),
            lesson: lesson.id.clone(),
            answers: answers.to_vec(),
            correct: score.correct,
            total: score.total,
            passed: score.passed,
            on: today.to_string(),
            at: now_micros(),
        };
        let json = serde_json::to_vec(&doc).map_err(|error| AppError::corrupt(error.to_string()))?;
        let row = DeskItemRow {
            kind: ATTEMPT.into(),
            id: form,
            body: self.seal_host_secret(&sealed_name(ATTEMPT, form), &json)?,
            updated_at: doc.at,
        };
        let mut tx = self.store.begin()?;
        let person = self.staff_by_name_checked(tx.as_mut(), &actor.name)?.ok_or(AppError::NotFound("staff member"))?;
        if !person.intact {
            return Err(AppError::Tampered("staff account"));
        }
        if let Some(had) = tx.desk_item(ATTEMPT, form)? {
            tx.commit()?;
            let had = self.open_attempt(&had)?;
            if had.person != actor.name || had.lesson != lesson.id {
                return Err(AppError::Conflict("this quiz form was already used: open the lesson again".into()));
            }
            let score = score_quiz(&lesson.answers(), &had.answers, lesson.pass_percent);
            return Ok(QuizResult { attempt: form, lesson: lesson.id, score, answers: had.answers, repeated: true });
        }
        tx.lock_desk_items()?;
        let today_count =
            self.attempts_in(tx.as_mut())?.iter().filter(|attempt| attempt.person == actor.name && attempt.on == doc.on).count();
        if today_count >= MAX_ATTEMPTS_A_DAY {
            // The first refusal of the day is recorded, not every one after it: a script that
            // goes on sending must not fill the trail instead.
            if self.first_refusal_today(tx.as_mut(), person.row.id, &doc.on)? {
                let refused = EventDraft::new(actor, AuditAction::TrainingAnswer)
                    .target(RecordKind::Staff, person.row.id)
                    .detail(format!("lesson {}: refused, {MAX_ATTEMPTS_A_DAY} answers today already", lesson.id));
                self.record(tx.as_mut(), &[refused.finish(Outcome::Denied)])?;
                tx.commit()?;
            }
            return Err(AppError::Conflict(format!("at most {MAX_ATTEMPTS_A_DAY} quiz answers a day: try again tomorrow")));
        }
        let verdict = if score.passed { "passed" } else { "not passed" };
        let event = EventDraft::new(actor, AuditAction::TrainingAnswer)
            .target(RecordKind::Staff, person.row.id)
            .detail(format!("lesson {}: {} of {} right, {verdict}", lesson.id, score.correct, score.total));
        if !tx.put_desk_item(&row, None)? {
            return Err(AppError::Conflict("this quiz form was already used: open the lesson again".into()));
        }
        self.record(tx.as_mut(), &[event.finish(Outcome::Allowed)])?;
        tx.commit()?;
        self.forget_training_standing(&actor.name);
        Ok(QuizResult { attempt: form, lesson: lesson.id, score, answers: doc.answers, repeated: false })
    }

    /// Whether this is the first refusal of `on` for the person (kept, so the next is not).
    fn first_refusal_today(&self, tx: &mut dyn Tx, person: Uuid, on: &str) -> Result<bool, AppError> {
        let had = tx.desk_item(CAPPED, person)?;
        if let Some(row) = &had
            && self.open_host_secret(&sealed_name(CAPPED, person), &row.body).is_ok_and(|day| day.as_slice() == on.as_bytes())
        {
            return Ok(false);
        }
        let row = DeskItemRow {
            kind: CAPPED.into(),
            id: person,
            body: self.seal_host_secret(&sealed_name(CAPPED, person), on.as_bytes())?,
            updated_at: now_micros(),
        };
        tx.put_desk_item(&row, had.map(|row| row.updated_at))?;
        Ok(true)
    }

    fn open_attempt(&self, row: &DeskItemRow) -> Result<AttemptDoc, AppError> {
        let json = self.open_host_secret(&sealed_name(ATTEMPT, row.id), &row.body)?;
        serde_json::from_slice(&json).map_err(|error| AppError::corrupt(format!("a training attempt does not read: {error}")))
    }

    /// Every attempt kept, in the order they were made.
    pub(crate) fn attempts_in(&self, tx: &mut dyn Tx) -> Result<Vec<AttemptDoc>, AppError> {
        let mut attempts = tx.desk_items(ATTEMPT)?.iter().map(|row| self.open_attempt(row)).collect::<Result<Vec<_>, AppError>>()?;
        attempts.sort_by_key(|attempt| attempt.at);
        Ok(attempts)
    }

    /// The day the shop's course began: kept the first time anyone's training is asked about
    /// (`today` then), so that who was on the staff before is asked for the months from then
    /// on, not for a year of lessons at once.
    pub(crate) fn course_started(&self, today: Date) -> Result<Date, AppError> {
        // Read first without taking the write lock: once begun, this is all it does.
        let begun = self.store.begin_snapshot()?.desk_items(COURSE)?.into_iter().next();
        if let Some(row) = begun {
            return self.open_course(&row);
        }
        let mut tx = self.store.begin()?;
        let doc = CourseDoc { started_on: today.to_string(), required: false };
        let json = serde_json::to_vec(&doc).map_err(|error| AppError::corrupt(error.to_string()))?;
        let row = DeskItemRow {
            kind: COURSE.into(),
            id: Uuid::nil(),
            body: self.seal_host_secret(&sealed_name(COURSE, Uuid::nil()), &json)?,
            updated_at: now_micros(),
        };
        if tx.put_desk_item(&row, None)? {
            let event =
                EventDraft::new(&Actor::system("training"), AuditAction::TrainingChange).detail(format!("the training began on {today}"));
            self.record(tx.as_mut(), &[event.finish(Outcome::Allowed)])?;
            tx.commit()?;
            return Ok(today);
        }
        // Begun meanwhile by another request.
        let row = tx.desk_item(COURSE, Uuid::nil())?.ok_or(AppError::NotFound("training"))?;
        tx.commit()?;
        self.open_course(&row)
    }

    fn open_course(&self, row: &DeskItemRow) -> Result<Date, AppError> {
        let doc = self.open_course_doc(row)?;
        strongroom_domain::parse_date("started_on", &doc.started_on).map_err(|error| AppError::corrupt(error.to_string()))
    }

    pub(super) fn open_course_doc(&self, row: &DeskItemRow) -> Result<CourseDoc, AppError> {
        let json = self.open_host_secret(&sealed_name(COURSE, row.id), &row.body)?;
        serde_json::from_slice(&json).map_err(|error| AppError::corrupt(format!("the training's start does not read: {error}")))
    }
}
