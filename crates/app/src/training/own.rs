//! The shop's own lessons (issue 17): written by the owner with their quiz (`domain::OwnLesson`),
//! each sealed whole in `desk_items` under the staff-secrets key and bound to its id, taken like
//! the course's lessons in the month the owner chose, from the day it was added until the day it
//! was removed (a removed lesson is kept, so the months it was planned in still count it).
//! Adding and removing are recorded (`training.change`), with the lesson's id and month, never
//! its words.

use serde::{Deserialize, Serialize};
use strongroom_domain::{Actor, AuditAction, OWN_LESSONS_MAX, Outcome, OwnLesson, OwnQuestion, Permission};
use strongroom_store::{DeskItemRow, Tx};
use time::Date;
use uuid::Uuid;

use super::sealed_name;
use crate::trail::draft::EventDraft;
use crate::{AppError, Vault, now_micros};

const KIND: &str = "training_lesson";
/// The most lessons kept, those removed included (they stay for the months they counted in).
const KEPT_MAX: usize = 200;

/// A lesson of the shop's own as its list shows it.
#[derive(Clone, Debug)]
pub struct OwnLessonEntry {
    pub id: Uuid,
    pub lesson: OwnLesson,
    pub added_on: Date,
    pub added_by: String,
    /// The day the owner removed it: planned no more after that month.
    pub removed_on: Option<Date>,
    /// When it was saved: what a removal must name.
    pub updated_at: i64,
}

impl OwnLessonEntry {
    /// The id its attempts are kept under.
    pub fn lesson_id(&self) -> String {
        own_lesson_id(self.id)
    }
}

/// The id a lesson of the shop's own is taken under.
pub fn own_lesson_id(id: Uuid) -> String {
    format!("own-{}", id.simple())
}

#[derive(Serialize, Deserialize)]
struct QuestionDoc {
    ask: String,
    options: Vec<String>,
    right: usize,
    why: String,
}

/// A lesson as sealed.
#[derive(Serialize, Deserialize)]
struct OwnDoc {
    title: String,
    summary: String,
    body: Vec<String>,
    questions: Vec<QuestionDoc>,
    month: u8,
    pass_percent: u8,
    added_on: String,
    added_by: String,
    #[serde(default)]
    removed_on: Option<String>,
}

fn corrupt(error: impl std::fmt::Display) -> AppError {
    AppError::corrupt(format!("a lesson of the shop's own does not read: {error}"))
}

impl Vault {
    fn open_own(&self, row: &DeskItemRow) -> Result<OwnLessonEntry, AppError> {
        let json = self.open_host_secret(&sealed_name(KIND, row.id), &row.body)?;
        let doc: OwnDoc = serde_json::from_slice(&json).map_err(corrupt)?;
        // Sealed by us, so its words were checked when it was written; what the pages and the
        // scoring rely on is checked again here.
        if !(1..=12).contains(&doc.month)
            || doc.questions.is_empty()
            || doc.questions.iter().any(|question| question.right >= question.options.len())
        {
            return Err(corrupt("its month or quiz is out of shape"));
        }
        let questions: Vec<OwnQuestion> = doc
            .questions
            .into_iter()
            .map(|question| OwnQuestion { ask: question.ask, options: question.options, right: question.right, why: question.why })
            .collect();
        let lesson = OwnLesson {
            title: doc.title,
            summary: doc.summary,
            body: doc.body,
            questions,
            month: doc.month,
            pass_percent: doc.pass_percent.clamp(50, 100),
        };
        let added_on = strongroom_domain::parse_date("added_on", &doc.added_on).map_err(corrupt)?;
        let removed_on = doc.removed_on.map(|on| strongroom_domain::parse_date("removed_on", &on)).transpose().map_err(corrupt)?;
        Ok(OwnLessonEntry { id: row.id, lesson, added_on, added_by: doc.added_by, removed_on, updated_at: row.updated_at })
    }

    fn seal_own(&self, id: Uuid, doc: &OwnDoc) -> Result<DeskItemRow, AppError> {
        let json = zeroize::Zeroizing::new(serde_json::to_vec(doc).map_err(|error| AppError::corrupt(error.to_string()))?);
        Ok(DeskItemRow { kind: KIND.into(), id, body: self.seal_host_secret(&sealed_name(KIND, id), &json)?, updated_at: now_micros() })
    }

    /// The shop's own lessons, in the order they were added.
    /// A lesson that does not open (restored under other keys, say) is left out rather than
    /// stopping the whole training; its removal deletes it.
    pub(crate) fn own_lesson_entries(&self, tx: &mut dyn Tx) -> Result<Vec<OwnLessonEntry>, AppError> {
        Ok(tx.desk_items(KIND)?.iter().filter_map(|row| self.open_own(row).ok()).collect())
    }

    /// The shop's own lessons in use (not removed), for everyone who takes or oversees the
    /// training.
    pub fn own_lessons(&self, actor: &Actor) -> Result<Vec<OwnLessonEntry>, AppError> {
        if !actor.may(Permission::TrainingOverview) {
            self.require(actor, Permission::TrainingTake, AuditAction::TrainingAnswer, None)?;
        }
        let mut tx = self.store.begin_snapshot()?;
        Ok(self.own_lesson_entries(tx.as_mut())?.into_iter().filter(|entry| entry.removed_on.is_none()).collect())
    }

    /// Adds a lesson of the shop's own on `today`: the owner's.
    pub fn add_own_lesson(&self, actor: &Actor, lesson: OwnLesson, today: Date) -> Result<Uuid, AppError> {
        self.require(actor, Permission::SettingsManage, AuditAction::TrainingChange, None)?;
        let id = Uuid::now_v7();
        let doc = OwnDoc {
            title: lesson.title,
            summary: lesson.summary,
            body: lesson.body,
            questions: lesson
                .questions
                .into_iter()
                .map(|question| QuestionDoc { ask: question.ask, options: question.options, right: question.right, why: question.why })
                .collect(),
            month: lesson.month,
            pass_percent: lesson.pass_percent,
            added_on: today.to_string(),
            added_by: actor.name.clone(),
            removed_on: None,
        };
        let row = self.seal_own(id, &doc)?;
        let mut tx = self.store.begin()?;
        tx.lock_desk_items()?;
        let kept = self.own_lesson_entries(tx.as_mut())?;
        if tx.desk_items(KIND)?.len() >= KEPT_MAX {
            return Err(AppError::Conflict(format!(
                "the shop has kept {KEPT_MAX} lessons of its own, removed ones included: no more can be added"
            )));
        }
        if kept.iter().filter(|entry| entry.removed_on.is_none()).count() >= OWN_LESSONS_MAX {
            return Err(AppError::Conflict(format!("the shop keeps at most {OWN_LESSONS_MAX} lessons of its own: remove one first")));
        }
        tx.put_desk_item(&row, None)?;
        let detail = format!("added the shop's lesson {} for month {}", own_lesson_id(id), doc.month);
        self.record(tx.as_mut(), &[EventDraft::new(actor, AuditAction::TrainingChange).detail(detail).finish(Outcome::Allowed)])?;
        tx.commit()?;
        Ok(id)
    }

    /// Removes a lesson of the shop's own on `today`, as it was read (`read_at`, its
    /// `updated_at` then; `None` from the CLI): planned no more after this month, kept for the
    /// months it counted in, with the attempts made at it.
    pub fn remove_own_lesson(&self, actor: &Actor, id: Uuid, read_at: Option<i64>, today: Date) -> Result<(), AppError> {
        self.require(actor, Permission::SettingsManage, AuditAction::TrainingChange, None)?;
        let mut tx = self.store.begin()?;
        tx.lock_desk_items()?;
        let row = tx.desk_item(KIND, id)?.ok_or(AppError::NotFound("lesson"))?;
        if read_at.is_some_and(|read_at| read_at != row.updated_at) {
            return Err(AppError::Conflict("it was changed since it was opened: look at it again before removing it".into()));
        }
        let opened = self.open_host_secret(&sealed_name(KIND, id), &row.body).ok();
        match opened.and_then(|json| serde_json::from_slice::<OwnDoc>(&json).ok()) {
            Some(doc) if doc.removed_on.is_some() => return Err(AppError::NotFound("lesson")),
            Some(mut doc) => {
                doc.removed_on = Some(today.to_string());
                if !tx.put_desk_item(&self.seal_own(id, &doc)?, Some(row.updated_at))? {
                    return Err(AppError::Conflict("it was changed since it was opened: look at it again before removing it".into()));
                }
            }
            // One that does not open has counted in no plan: it goes.
            None => {
                tx.delete_desk_item(KIND, id)?;
            }
        }
        let detail = format!("removed the shop's lesson {}", own_lesson_id(id));
        self.record(tx.as_mut(), &[EventDraft::new(actor, AuditAction::TrainingChange).detail(detail).finish(Outcome::Allowed)])?;
        tx.commit()?;
        Ok(())
    }
}
