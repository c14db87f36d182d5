//! The incident register: anyone reports what went wrong; the owner and the privacy officer
//! work it (status, severity); the external auditor reads it. An incident's summary, in the
//! reporter's own words, may name a customer, so it is sealed under the incident's own data key
//! and opened only for those who may read the register. Its timeline is the audit trail's
//! events about it: who did what, when, in the tamper-evident trail itself.

mod breach;
mod impact;
mod letters;
mod sending;
mod tasks;
mod versions;

pub use self::breach::BreachClock;
pub use self::impact::Impact;
pub use self::letters::{Audience, Authority, Letter, supervisory_authority};
pub use self::sending::LettersQueued;
use self::tasks::TaskStep as Step;
pub use self::tasks::{MAX_STEP_HOURS, Playbook, PlaybookChange, PlaybookStep, Task, TaskStep};
pub use self::versions::{LetterToKeep, LetterVersion, SavedLetter};

use strongroom_crypto::{DataKey, FieldAad};
use strongroom_domain::{
    Actor, AuditAction, BreachRecord, FreeText, Incident, IncidentId, IncidentKind, IncidentStatus, NewIncident, Outcome, Permission,
    RecordKind, Severity, ShortText,
};
use strongroom_store::{IncidentRow, OwnerKind, Tx};
use time::OffsetDateTime;
use uuid::Uuid;

use self::breach::{open_breach, seal_breach};
use crate::trail::draft::EventDraft;
use crate::{AppError, Vault, from_micros, from_micros_lenient, now_micros, to_micros};

/// What the external auditor sees in place of an incident's free text.
pub const WITHHELD: &str = "(withheld: the reporter's words may name a customer)";

/// What the external auditor sees in place of a step in the shop's own words.
pub const WITHHELD_STEP: &str = "(withheld: a step in the shop's own words)";

/// At most this many incidents are listed at once.
pub const INCIDENT_LIST_LIMIT: usize = 500;

/// One incident as its page shows it: the record, its timeline, and the evidence of its reach.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct IncidentFile {
    pub incident: Incident,
    pub timeline: Vec<TimelineEntry>,
    pub impacts: Vec<Impact>,
    /// The response steps, once the playbook was started.
    pub tasks: Vec<Task>,
    /// The letters kept, every version, oldest first (without their texts).
    pub letters: Vec<LetterVersion>,
}

/// One step in an incident's timeline, from the audit trail.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct TimelineEntry {
    pub at: OffsetDateTime,
    pub actor: String,
    /// The audit action (`incident.report`, `incident.update`, …).
    pub action: String,
    pub detail: Option<String>,
}

impl Vault {
    /// Records a report of something that went wrong, from anyone on the staff. Nobody waits
    /// for a manager to report: every role may.
    pub fn report_incident(&self, actor: &Actor, new: NewIncident) -> Result<IncidentId, AppError> {
        self.require(actor, Permission::IncidentReport, AuditAction::IncidentReport, None)?;
        // A drill is started by those who work incidents, for the shop to practise on.
        if new.drill {
            self.require(actor, Permission::IncidentManage, AuditAction::IncidentReport, None)?;
        }
        let id = IncidentId::from_uuid(Uuid::now_v7());
        let (key, key_row) = self.keys.new_data_key(OwnerKind::Incident, id.as_uuid())?;
        let now = now_micros();
        let row = IncidentRow {
            id: id.as_uuid(),
            kind: new.kind.as_str().to_owned(),
            status: IncidentStatus::New.as_str().to_owned(),
            reported_by: actor.name.clone(),
            reported_at: now,
            occurred_at: new.occurred_at.map(to_micros),
            updated_at: now,
            severity: None,
            summary: key.seal(summary_aad(&key, &id), new.summary.as_str().as_bytes())?,
            became_aware_at: None,
            notified_at: None,
            breach: None,
            drill: new.drill,
            data_key: key_row,
        };
        let mut tx = self.store.begin()?;
        tx.insert_incident(&row)?;
        let detail = if new.drill { format!("{} (drill)", new.kind.as_str()) } else { new.kind.as_str().to_owned() };
        let event = EventDraft::new(actor, AuditAction::IncidentReport).target(RecordKind::Incident, id.as_uuid()).detail(detail);
        self.record(tx.as_mut(), &[event.finish(Outcome::Allowed)])?;
        self.queue_alerts(tx.as_mut(), id, new.kind.as_str(), new.drill)?;
        tx.commit()?;
        // A practice phishing mail reported: the drill counts it. Never fails the report.
        if new.kind == strongroom_domain::IncidentKind::Phishing && !new.drill {
            let _ = self.drill_reported(actor);
        }
        Ok(id)
    }

    /// The register, the latest reported first (only those not closed when `open_only`), each
    /// summary opened. Reading it is recorded.
    pub fn incidents(&self, actor: &Actor, open_only: bool) -> Result<Vec<Incident>, AppError> {
        self.require(actor, Permission::IncidentRead, AuditAction::IncidentRead, None)?;
        let mut tx = self.store.begin()?;
        let rows = tx.incidents(open_only, INCIDENT_LIST_LIMIT)?;
        let full = actor.may(Permission::IncidentManage);
        let incidents = rows.iter().map(|row| self.open_incident_for(row, full)).collect::<Result<Vec<_>, _>>()?;
        let event = EventDraft::new(actor, AuditAction::IncidentRead).detail(format!("{} incidents", incidents.len()));
        self.record(tx.as_mut(), &[event.finish(Outcome::Allowed)])?;
        tx.commit()?;
        Ok(incidents)
    }

    /// How many incidents are new (reported, not yet taken up), for the start page of those who
    /// work them; `None` for everyone else. Nothing is opened, so nothing is recorded.
    pub fn new_incident_count(&self, actor: &Actor) -> Result<Option<u64>, AppError> {
        if !actor.may(Permission::IncidentManage) {
            return Ok(None);
        }
        let mut tx = self.store.begin_snapshot()?;
        let rows = tx.incidents(true, INCIDENT_LIST_LIMIT)?;
        Ok(Some(rows.iter().filter(|row| !row.drill && row.status == IncidentStatus::New.as_str()).count() as u64))
    }

    /// When the latest drill was started, for the owner's yearly reminder; `None` for those
    /// who do not work incidents, and `Some(None)` when there has been none.
    pub fn last_incident_drill(&self, actor: &Actor) -> Result<Option<Option<OffsetDateTime>>, AppError> {
        if !actor.may(Permission::IncidentManage) {
            return Ok(None);
        }
        let mut tx = self.store.begin_snapshot()?;
        let rows = tx.incidents(false, INCIDENT_LIST_LIMIT)?;
        Ok(Some(rows.iter().filter(|row| row.drill).map(|row| from_micros_lenient(row.reported_at)).max()))
    }

    /// One incident with its timeline (the trail's events about it, oldest first) and the
    /// evidence of its reach.
    pub fn incident(&self, actor: &Actor, id: IncidentId) -> Result<IncidentFile, AppError> {
        let target = Some((RecordKind::Incident, id.as_uuid()));
        self.require(actor, Permission::IncidentRead, AuditAction::IncidentRead, target)?;
        let mut tx = self.store.begin()?;
        let draft = EventDraft::new(actor, AuditAction::IncidentRead).target(RecordKind::Incident, id.as_uuid());
        let Some(row) = tx.incident(id.as_uuid())? else {
            return Err(self.fail(tx, draft, "no such incident", AppError::NotFound("incident")));
        };
        let incident = self.open_incident_for(&row, actor.may(Permission::IncidentManage))?;
        let timeline = timeline(tx.as_mut(), id)?;
        let impacts = tx.incident_impacts(id.as_uuid())?.iter().map(impact::from_row).collect::<Result<Vec<_>, _>>()?;
        let key = self.keys.open_data_key(&row.data_key)?;
        let mut tasks = tx.incident_tasks(id.as_uuid())?.iter().map(|task| tasks::from_row(task, &key)).collect::<Result<Vec<_>, _>>()?;
        if !actor.may(Permission::IncidentManage) {
            // The shop's own words may name someone: those who only read the register see that
            // there was such a step, not its words.
            for task in &mut tasks {
                if let Step::Own(words) = &mut task.step {
                    *words = ShortText::parse("step", WITHHELD_STEP).map_err(|_| AppError::corrupt("the withheld text"))?;
                }
            }
        }
        let letters = tx.incident_letters(id.as_uuid())?.iter().map(versions::version_from).collect::<Result<Vec<_>, _>>()?;
        self.record(tx.as_mut(), &[draft.finish(Outcome::Allowed)])?;
        tx.commit()?;
        Ok(IncidentFile { incident, timeline, impacts, tasks, letters })
    }

    /// Moves an incident to `status` (any status to any other: an incident closed too early is
    /// opened again the same way), recorded with where it came from.
    pub fn set_incident_status(&self, actor: &Actor, id: IncidentId, status: IncidentStatus) -> Result<Incident, AppError> {
        let target = Some((RecordKind::Incident, id.as_uuid()));
        self.require(actor, Permission::IncidentManage, AuditAction::IncidentUpdate, target)?;
        self.change_incident(actor, id, AuditAction::IncidentUpdate, |incident| {
            let detail = format!("status {} to {}", incident.status.as_str(), status.as_str());
            incident.status = status;
            detail
        })
    }

    /// Records a severity assessment (ENISA's method) on an incident; the latest one counts.
    pub fn assess_incident(&self, actor: &Actor, id: IncidentId, severity: Severity) -> Result<Incident, AppError> {
        let target = Some((RecordKind::Incident, id.as_uuid()));
        self.require(actor, Permission::IncidentManage, AuditAction::IncidentAssess, target)?;
        self.change_incident(actor, id, AuditAction::IncidentAssess, |incident| {
            incident.severity = Some(severity);
            format!("score {:.2}, {}", severity.score(), severity.band().as_str())
        })
    }

    /// Records that an incident is a personal-data breach, or changes its record: the clock
    /// starts when the shop became aware; a notification after 72 hours needs its reason.
    pub fn record_breach(&self, actor: &Actor, id: IncidentId, record: BreachRecord) -> Result<Incident, AppError> {
        let target = Some((RecordKind::Incident, id.as_uuid()));
        self.require(actor, Permission::IncidentManage, AuditAction::IncidentBreach, target)?;
        record.check(OffsetDateTime::now_utc())?;
        let mut tx = self.store.begin()?;
        let draft = EventDraft::new(actor, AuditAction::IncidentBreach).target(RecordKind::Incident, id.as_uuid());
        let Some(row) = tx.incident(id.as_uuid())? else {
            return Err(self.fail(tx, draft, "no such incident", AppError::NotFound("incident")));
        };
        let mut incident = self.open_incident(&row)?;
        let key = self.keys.open_data_key(&row.data_key)?;
        let sealed = seal_breach(&key, &id, &record)?;
        tx.set_incident_breach(id.as_uuid(), to_micros(record.became_aware_at), record.notified_at.map(to_micros), &sealed, now_micros())?;
        let detail = breach::detail(&record);
        incident.breach = Some(record);
        self.record(tx.as_mut(), &[draft.detail(detail).finish(Outcome::Allowed)])?;
        tx.commit()?;
        Ok(incident)
    }

    /// The breaches whose authority has not been told yet, each with its deadline, for the
    /// countdown on every page of those who work incidents; empty for everyone else. Only the
    /// plain clock is read, so nothing is opened or recorded.
    pub fn breach_clocks(&self, actor: &Actor) -> Result<Vec<BreachClock>, AppError> {
        if !actor.may(Permission::IncidentManage) {
            return Ok(Vec::new());
        }
        let mut tx = self.store.begin_snapshot()?;
        let rows = tx.incidents(true, INCIDENT_LIST_LIMIT)?;
        Ok(rows
            .iter()
            .filter(|row| !row.drill && row.breach.is_some() && row.notified_at.is_none())
            .filter_map(|row| {
                let aware = from_micros(row.became_aware_at?).ok()?;
                Some(BreachClock { id: IncidentId::from_uuid(row.id), deadline: aware + strongroom_domain::NOTIFY_WITHIN })
            })
            .collect())
    }

    fn change_incident(
        &self,
        actor: &Actor,
        id: IncidentId,
        action: AuditAction,
        change: impl FnOnce(&mut Incident) -> String,
    ) -> Result<Incident, AppError> {
        let mut tx = self.store.begin()?;
        let draft = EventDraft::new(actor, action).target(RecordKind::Incident, id.as_uuid());
        let Some(row) = tx.incident(id.as_uuid())? else {
            return Err(self.fail(tx, draft, "no such incident", AppError::NotFound("incident")));
        };
        let mut incident = self.open_incident(&row)?;
        let detail = change(&mut incident);
        let severity = incident.severity.map(|severity| severity.to_quarters().to_vec());
        tx.update_incident(id.as_uuid(), incident.status.as_str(), severity.as_deref(), now_micros())?;
        self.record(tx.as_mut(), &[draft.detail(detail).finish(Outcome::Allowed)])?;
        tx.commit()?;
        Ok(incident)
    }

    /// An incident as someone who may read the register sees it: in full for those who work
    /// incidents; for the external auditor (who signs in without a second factor, since they
    /// never see a customer) without the free text that may name one: the reporter's words and
    /// the breach record's categories, consequences, measures and delay reason are withheld.
    fn open_incident_for(&self, row: &IncidentRow, full: bool) -> Result<Incident, AppError> {
        let mut incident = self.open_incident(row)?;
        if !full {
            incident.summary = FreeText::parse("summary", WITHHELD).map_err(|_| AppError::corrupt("the withheld text"))?;
            if let Some(breach) = incident.breach.as_mut() {
                breach.data_categories = None;
                breach.consequences = None;
                breach.measures = None;
                breach.delay_reason = None;
            }
        }
        Ok(incident)
    }

    fn open_incident(&self, row: &IncidentRow) -> Result<Incident, AppError> {
        let id = IncidentId::from_uuid(row.id);
        let key = self.keys.open_data_key(&row.data_key)?;
        let summary = key.open(summary_aad(&key, &id), &row.summary)?;
        let summary = std::str::from_utf8(&summary).map_err(|_| AppError::corrupt("an incident's summary is not text"))?;
        let severity = match row.severity.as_deref() {
            None => None,
            Some(stored) => {
                let quarters: [u8; 6] = stored.try_into().map_err(|_| AppError::corrupt("an incident's severity is not six numbers"))?;
                Some(Severity::from_quarters(quarters).map_err(|_| AppError::corrupt("an incident's severity is off ENISA's scales"))?)
            }
        };
        let breach = match (&row.breach, row.became_aware_at) {
            (Some(sealed), Some(aware)) => Some(open_breach(&key, &id, sealed, aware, row.notified_at)?),
            _ => None,
        };
        Ok(Incident {
            drill: row.drill,
            breach,
            id,
            kind: IncidentKind::parse(&row.kind).map_err(|_| AppError::corrupt("an incident's kind is unknown"))?,
            status: IncidentStatus::parse(&row.status).map_err(|_| AppError::corrupt("an incident's status is unknown"))?,
            // Taken as written: the seal proves it is the summary that passed the checks then.
            summary: FreeText::from_stored(summary.to_owned()),
            occurred_at: row.occurred_at.map(from_micros).transpose()?,
            reported_at: from_micros_lenient(row.reported_at),
            reported_by: row.reported_by.clone(),
            severity,
        })
    }
}

/// What an incident's summary is sealed to: its kind, field, id and key version.
fn summary_aad<'a>(key: &DataKey, id: &'a IncidentId) -> FieldAad<'a> {
    FieldAad { record_kind: RecordKind::Incident.as_str(), field: "summary", record_id: id.as_bytes(), data_key_version: key.version() }
}

/// The trail's events that changed one incident (who looked at it stays in the trail), oldest
/// first.
fn timeline(tx: &mut dyn Tx, id: IncidentId) -> Result<Vec<TimelineEntry>, AppError> {
    // Every page of the incident's events: its reads (each page view is one) are many more than
    // its changes, and a timeline must not lose a change behind them.
    let events = crate::trail::queries::events_about(tx, id.as_uuid())?;
    Ok(events
        .into_iter()
        .filter(|(_, event)| {
            event.target_kind.as_deref() == Some(RecordKind::Incident.as_str())
                && event.outcome == Outcome::Allowed.as_str()
                && event.action != AuditAction::IncidentRead.as_str()
        })
        .map(|(_, event)| TimelineEntry {
            at: from_micros_lenient(event.at_unix_micros),
            actor: event.actor_name,
            action: event.action,
            detail: event.detail,
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::customers::test_vault;

    #[test]
    fn an_incident_written_before_a_check_was_added_still_opens() {
        let dir = tempfile::tempdir().unwrap();
        let (vault, owner) = test_vault(dir.path());
        // Words the card-number guard refuses today, sealed as an older version without the
        // guard would have sealed them: in the summary, the breach record and an own step.
        let words = "card 4111 1111 1111 1111 was on the stolen laptop";
        assert!(FreeText::parse("summary", words).is_err());
        let now = OffsetDateTime::now_utc();
        let new = NewIncident::new(IncidentKind::LostDevice, FreeText::from_stored(words.to_owned()), None, now).unwrap();
        let id = vault.report_incident(&owner, new).unwrap();
        let breach = BreachRecord {
            measures: Some(FreeText::from_stored(words.to_owned())),
            authority_reference: Some(ShortText::from_stored("4111 1111 1111 1111".to_owned())),
            ..BreachRecord::aware_at(now)
        };
        vault.record_breach(&owner, id, breach).unwrap();
        vault.add_task(&owner, id, &ShortText::from_stored(format!("ask about {words}")), 4).unwrap();

        let file = vault.incident(&owner, id).expect("the incident opens");
        assert_eq!(file.incident.summary.as_str(), words, "the summary is shown as it was written");
        let breach = file.incident.breach.expect("and its breach record, with its deadline");
        assert_eq!(breach.measures.as_ref().map(FreeText::as_str), Some(words));
        assert_eq!(breach.authority_reference.as_ref().map(ShortText::as_str), Some("4111 1111 1111 1111"));
        assert!(matches!(&file.tasks[..], [Task { step: Step::Own(step), .. }] if step.as_str() == format!("ask about {words}")));
        assert_eq!(vault.breach_clocks(&owner).unwrap().len(), 1, "the breach still counts on the clocks page");
        assert!(vault.incidents(&owner, false).unwrap().iter().any(|incident| incident.id == id));
    }
}
