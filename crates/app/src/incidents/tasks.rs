//! An incident's response steps: its kind's playbook started as tasks with due times, each
//! marked done by whom and when. Steps are keys (nothing personal); their words are the pages'.

use strongroom_domain::{Actor, AuditAction, IncidentId, IncidentKind, Outcome, Permission, RecordKind, Step, playbook};
use strongroom_store::IncidentTaskRow;
use time::OffsetDateTime;

use crate::trail::draft::EventDraft;
use crate::{AppError, Vault, from_micros, now_micros};

/// One response step of an incident.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Task {
    pub seq: i64,
    pub step: Step,
    pub due_at: OffsetDateTime,
    pub done_at: Option<OffsetDateTime>,
    pub done_by: Option<String>,
}

impl Task {
    /// Not done, and past its time.
    pub fn overdue(&self, now: OffsetDateTime) -> bool {
        self.done_at.is_none() && now > self.due_at
    }
}

pub(super) fn from_row(row: &IncidentTaskRow) -> Result<Task, AppError> {
    Ok(Task {
        seq: row.seq,
        step: Step::parse(&row.step).ok_or_else(|| AppError::corrupt("an incident's task is of an unknown step"))?,
        due_at: from_micros(row.due_at)?,
        done_at: row.done_at.map(from_micros).transpose()?,
        done_by: row.done_by.clone(),
    })
}

impl Vault {
    /// Starts the playbook of the incident's kind: its steps become tasks, each due so many
    /// hours from now. Once per incident.
    pub fn start_playbook(&self, actor: &Actor, id: IncidentId) -> Result<Vec<Task>, AppError> {
        let target = Some((RecordKind::Incident, id.as_uuid()));
        self.require(actor, Permission::IncidentManage, AuditAction::IncidentTask, target)?;
        let mut tx = self.store.begin()?;
        let draft = EventDraft::new(actor, AuditAction::IncidentTask).target(RecordKind::Incident, id.as_uuid());
        let Some(row) = tx.incident(id.as_uuid())? else {
            return Err(self.fail(tx, draft, "no such incident", AppError::NotFound("incident")));
        };
        if !tx.incident_tasks(id.as_uuid())?.is_empty() {
            return Err(self.fail(
                tx,
                draft,
                "the playbook was started already",
                AppError::Conflict("this incident's response steps were started already".into()),
            ));
        }
        let kind = IncidentKind::parse(&row.kind).map_err(|_| AppError::corrupt("an incident's kind is unknown"))?;
        let now = now_micros();
        let rows: Vec<IncidentTaskRow> = playbook(kind)
            .iter()
            .enumerate()
            .map(|(seq, (step, hours))| IncidentTaskRow {
                incident_id: id.as_uuid(),
                seq: seq as i64,
                step: step.as_str().to_owned(),
                due_at: now + hours * 3_600_000_000,
                done_at: None,
                done_by: None,
            })
            .collect();
        tx.insert_incident_tasks(&rows)?;
        self.record(tx.as_mut(), &[draft.detail(format!("playbook {}: {} steps", kind.as_str(), rows.len())).finish(Outcome::Allowed)])?;
        tx.commit()?;
        rows.iter().map(from_row).collect()
    }

    /// Marks one of the incident's tasks done, by the actor, now.
    pub fn complete_task(&self, actor: &Actor, id: IncidentId, seq: i64) -> Result<(), AppError> {
        let target = Some((RecordKind::Incident, id.as_uuid()));
        self.require(actor, Permission::IncidentManage, AuditAction::IncidentTask, target)?;
        let mut tx = self.store.begin()?;
        let draft = EventDraft::new(actor, AuditAction::IncidentTask).target(RecordKind::Incident, id.as_uuid());
        let tasks = tx.incident_tasks(id.as_uuid())?;
        let Some(task) = tasks.iter().find(|task| task.seq == seq) else {
            return Err(self.fail(tx, draft, "no such task", AppError::NotFound("task")));
        };
        let step = task.step.clone();
        if !tx.complete_incident_task(id.as_uuid(), seq, now_micros(), &actor.name)? {
            return Err(self.fail(tx, draft, "the task was done already", AppError::Conflict("that step was marked done already".into())));
        }
        self.record(tx.as_mut(), &[draft.detail(format!("done: {step}")).finish(Outcome::Allowed)])?;
        tx.commit()?;
        Ok(())
    }
}
