//! The monthly in-person session (issue 17): the owner records the day, what was talked about
//! and who was there, each session sealed whole in `desk_items` under the staff-secrets key and
//! bound to its id, recorded as `training.change` with its day and the number present (names
//! stay in the sealed record). Everyone's training counts the sessions each person attended in
//! the last twelve months.

use serde::{Deserialize, Serialize};
use strongroom_domain::{Actor, AuditAction, Outcome, Permission, ShortText};
use strongroom_store::{DeskItemRow, Tx};
use time::Date;
use uuid::Uuid;

use super::sealed_name;
use crate::trail::draft::EventDraft;
use crate::{AppError, Vault, now_micros};

const KIND: &str = "training_session";
/// The most sessions kept: twenty years of one a month.
pub const MAX_SESSIONS: usize = 240;

/// An in-person session as its list shows it.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct SessionEntry {
    pub id: Uuid,
    pub on: Date,
    pub topic: String,
    /// Who was there, by user name.
    pub present: Vec<String>,
    pub recorded_by: String,
    pub updated_at: i64,
}

#[derive(Serialize, Deserialize)]
struct SessionDoc {
    on: String,
    topic: String,
    present: Vec<String>,
    recorded_by: String,
}

impl Vault {
    fn open_session(&self, row: &DeskItemRow) -> Result<SessionEntry, AppError> {
        let json = self.open_host_secret(&sealed_name(KIND, row.id), &row.body)?;
        let doc: SessionDoc =
            serde_json::from_slice(&json).map_err(|error| AppError::corrupt(format!("a training session does not read: {error}")))?;
        let on = strongroom_domain::parse_date("on", &doc.on).map_err(|error| AppError::corrupt(error.to_string()))?;
        Ok(SessionEntry {
            id: row.id,
            on,
            topic: doc.topic,
            present: doc.present,
            recorded_by: doc.recorded_by,
            updated_at: row.updated_at,
        })
    }

    /// Every session recorded, the latest first.
    pub(crate) fn session_entries(&self, tx: &mut dyn Tx) -> Result<Vec<SessionEntry>, AppError> {
        let mut sessions = tx.desk_items(KIND)?.iter().map(|row| self.open_session(row)).collect::<Result<Vec<_>, AppError>>()?;
        sessions.sort_by_key(|session| std::cmp::Reverse(session.on));
        Ok(sessions)
    }

    /// The sessions recorded, for who sees everyone's training.
    pub fn training_sessions(&self, actor: &Actor) -> Result<Vec<SessionEntry>, AppError> {
        self.require(actor, Permission::TrainingOverview, AuditAction::DeskRead, None)?;
        self.session_entries(self.store.begin_snapshot()?.as_mut())
    }

    /// Records an in-person session held `on` (not after `today`) about `topic`, attended by
    /// `present` (user names of accounts in use): the owner's.
    pub fn record_training_session(
        &self,
        actor: &Actor,
        on: Date,
        topic: &ShortText,
        present: &[String],
        today: Date,
    ) -> Result<Uuid, AppError> {
        self.require(actor, Permission::SettingsManage, AuditAction::TrainingChange, None)?;
        if on > today {
            return Err(AppError::Invalid(strongroom_domain::DomainError::invalid("on", "is in the future")));
        }
        let mut present: Vec<String> = present.iter().map(|name| name.trim().to_lowercase()).filter(|name| !name.is_empty()).collect();
        present.sort();
        present.dedup();
        if present.is_empty() {
            return Err(AppError::Invalid(strongroom_domain::DomainError::invalid("present", "must name who was there")));
        }
        let id = Uuid::now_v7();
        let mut tx = self.store.begin()?;
        let staff = self.all_staff_checked(tx.as_mut())?;
        let unknown: Vec<&str> = present
            .iter()
            .filter(|name| !staff.iter().any(|checked| checked.intact && !checked.row.disabled && &checked.row.username == *name))
            .map(String::as_str)
            .collect();
        if !unknown.is_empty() {
            return Err(AppError::Conflict(format!("no account in use is called {}", unknown.join(", "))));
        }
        tx.lock_desk_items()?;
        if tx.desk_items(KIND)?.len() >= MAX_SESSIONS {
            return Err(AppError::Conflict(format!("at most {MAX_SESSIONS} sessions are kept: remove an old one first")));
        }
        let doc = SessionDoc { on: on.to_string(), topic: topic.as_str().to_owned(), present, recorded_by: actor.name.clone() };
        let json = serde_json::to_vec(&doc).map_err(|error| AppError::corrupt(error.to_string()))?;
        let row =
            DeskItemRow { kind: KIND.into(), id, body: self.seal_host_secret(&sealed_name(KIND, id), &json)?, updated_at: now_micros() };
        tx.put_desk_item(&row, None)?;
        let detail = format!("recorded the in-person session of {on}: {} present", doc.present.len());
        self.record(tx.as_mut(), &[EventDraft::new(actor, AuditAction::TrainingChange).detail(detail).finish(Outcome::Allowed)])?;
        tx.commit()?;
        Ok(id)
    }

    /// Removes a session recorded by mistake, as it was read.
    pub fn remove_training_session(&self, actor: &Actor, id: Uuid, read_at: Option<i64>) -> Result<(), AppError> {
        self.require(actor, Permission::SettingsManage, AuditAction::TrainingChange, None)?;
        let mut tx = self.store.begin()?;
        self.delete_item_as_read(tx.as_mut(), KIND, id, read_at, "training session")?;
        let detail = format!("removed the in-person session {id}");
        self.record(tx.as_mut(), &[EventDraft::new(actor, AuditAction::TrainingChange).detail(detail).finish(Outcome::Allowed)])?;
        tx.commit()?;
        Ok(())
    }
}
