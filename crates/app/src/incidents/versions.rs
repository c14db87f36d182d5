//! An incident's letters as they were kept: every save a new version, never overwritten, its
//! subject and text sealed under the incident's own key (bound to the incident and the
//! version). A version marked sent is what went to its audience: for the supervisory
//! authority, each one is a phase of the notification (Art. 33(4)); the customers' letter is
//! kept as sent when it is queued. The register shows who saved which version when; the texts
//! open for those who work incidents.

use serde::{Deserialize, Serialize};
use strongroom_crypto::{DataKey, FieldAad};
use strongroom_domain::{Actor, AuditAction, FreeText, IncidentId, Language, Outcome, Permission, RecordKind, ShortText};
use strongroom_store::{IncidentLetterRow, Tx};
use time::OffsetDateTime;
use zeroize::Zeroizing;

use super::letters::Audience;
use crate::trail::draft::EventDraft;
use crate::{AppError, Vault, from_micros_lenient, now_micros};

/// A kept version of a letter, without its text: what the register lists.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct LetterVersion {
    pub version: i64,
    pub audience: Audience,
    pub language: Language,
    pub saved_by: String,
    pub saved_at: OffsetDateTime,
    /// When it went to its audience; `None` for a draft kept.
    pub sent_at: Option<OffsetDateTime>,
}

/// A letter as the owner wrote it, to keep as a new version.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct LetterToKeep {
    pub audience: Audience,
    pub language: Language,
    pub subject: ShortText,
    pub body: FreeText,
    /// It went to its audience today (for the authority: a phase of the notification).
    pub sent: bool,
}

/// A kept version with its text.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct SavedLetter {
    pub version: LetterVersion,
    pub subject: String,
    pub body: String,
}

#[derive(Serialize, Deserialize)]
struct Sealed {
    subject: String,
    body: String,
}

fn letter_field(seq: i64) -> String {
    format!("letter {seq}")
}

fn aad<'a>(id: &'a uuid::Uuid, field: &'a str, key: &DataKey) -> FieldAad<'a> {
    FieldAad { record_kind: "incident_letters", field, record_id: id.as_bytes(), data_key_version: key.version() }
}

pub(super) fn version_from(row: &IncidentLetterRow) -> Result<LetterVersion, AppError> {
    let damaged = || AppError::corrupt("a kept letter does not read");
    Ok(LetterVersion {
        version: row.seq,
        audience: Audience::parse(&row.audience).map_err(|_| damaged())?,
        language: Language::parse(&row.language).map_err(|_| damaged())?,
        saved_by: row.saved_by.clone(),
        saved_at: from_micros_lenient(row.saved_at),
        sent_at: row.sent_at.map(from_micros_lenient),
    })
}

/// What one letter version holds, to keep.
pub(super) struct Keeping<'a> {
    pub(super) audience: Audience,
    pub(super) language: Language,
    pub(super) subject: &'a str,
    pub(super) body: &'a str,
    pub(super) sent: bool,
}

/// Keeps a new version of a letter in `tx`, sealed under the incident's `key`; its number.
pub(super) fn keep(tx: &mut dyn Tx, key: &DataKey, id: IncidentId, saved_by: &str, letter: &Keeping<'_>) -> Result<i64, AppError> {
    let seq = tx.incident_letters(id.as_uuid())?.len() as i64 + 1;
    let json = Zeroizing::new(
        serde_json::to_vec(&Sealed { subject: letter.subject.to_owned(), body: letter.body.to_owned() })
            .map_err(|error| AppError::corrupt(error.to_string()))?,
    );
    let uuid = id.as_uuid();
    let field = letter_field(seq);
    let now = now_micros();
    tx.insert_incident_letter(&IncidentLetterRow {
        incident_id: uuid,
        seq,
        audience: letter.audience.as_str().to_owned(),
        language: letter.language.as_str().to_owned(),
        saved_by: saved_by.to_owned(),
        saved_at: now,
        sent_at: letter.sent.then_some(now),
        sealed: key.seal(aad(&uuid, &field, key), &json)?,
    })?;
    Ok(seq)
}

impl Vault {
    /// Keeps the letter as it is now, as a new version (`sent` when it went to its audience
    /// today: for the authority, a phase of the notification). Its number.
    pub fn save_incident_letter(&self, actor: &Actor, id: IncidentId, letter: &LetterToKeep) -> Result<i64, AppError> {
        let target = Some((RecordKind::Incident, id.as_uuid()));
        self.require(actor, Permission::IncidentManage, AuditAction::IncidentLetter, target)?;
        let mut tx = self.store.begin()?;
        let draft = EventDraft::new(actor, AuditAction::IncidentLetter).target(RecordKind::Incident, id.as_uuid());
        let Some(row) = tx.incident(id.as_uuid())? else {
            return Err(self.fail(tx, draft, "no such incident", AppError::NotFound("incident")));
        };
        let key = self.keys.open_data_key(&row.data_key)?;
        let keeping = Keeping {
            audience: letter.audience,
            language: letter.language,
            subject: letter.subject.as_str(),
            body: letter.body.as_str(),
            sent: letter.sent,
        };
        let version = keep(tx.as_mut(), &key, id, &actor.name, &keeping)?;
        let what = if letter.sent { "kept as sent" } else { "kept" };
        let event = draft.detail(format!("{} letter ({}) version {version} {what}", letter.audience.as_str(), letter.language.as_str()));
        self.record(tx.as_mut(), &[event.finish(Outcome::Allowed)])?;
        tx.commit()?;
        Ok(version)
    }

    /// One kept version with its text, for those who work incidents; reading it is recorded.
    pub fn incident_letter_version(&self, actor: &Actor, id: IncidentId, version: i64) -> Result<SavedLetter, AppError> {
        let target = Some((RecordKind::Incident, id.as_uuid()));
        self.require(actor, Permission::IncidentManage, AuditAction::IncidentRead, target)?;
        let mut tx = self.store.begin()?;
        let draft = EventDraft::new(actor, AuditAction::IncidentRead).target(RecordKind::Incident, id.as_uuid());
        let Some(incident) = tx.incident(id.as_uuid())? else {
            return Err(self.fail(tx, draft, "no such incident", AppError::NotFound("incident")));
        };
        let Some(row) = tx.incident_letters(id.as_uuid())?.into_iter().find(|row| row.seq == version) else {
            return Err(self.fail(tx, draft, "no such letter version", AppError::NotFound("letter version")));
        };
        let key = self.keys.open_data_key(&incident.data_key)?;
        let uuid = id.as_uuid();
        let field = letter_field(row.seq);
        let json = key.open(aad(&uuid, &field, &key), &row.sealed)?;
        let sealed: Sealed = serde_json::from_slice(&json).map_err(|_| AppError::corrupt("a kept letter does not read"))?;
        self.record(tx.as_mut(), &[draft.detail(format!("letter version {version}")).finish(Outcome::Allowed)])?;
        tx.commit()?;
        Ok(SavedLetter { version: version_from(&row)?, subject: sealed.subject, body: sealed.body })
    }
}
