//! An incident's response steps: its kind's playbook started as tasks with due times, each
//! marked done by whom and when, and steps of the shop's own added to one incident. The
//! playbook is the built-in one (`domain::playbook`) or the shop's own version of it: built-in
//! steps left out, its own added, each with its hours; deciding whether it is a breach stays in
//! every playbook. Built-in steps are keys (their words are the pages'); the shop's own words
//! are sealed: under the incident's key in a task, under the staff-secrets key in a playbook.

use strongroom_crypto::{DataKey, FieldAad};
use strongroom_domain::{Actor, AuditAction, IncidentId, IncidentKind, Outcome, Permission, RecordKind, ShortText, Step, playbook};
use strongroom_store::{IncidentTaskRow, PlaybookRow, Tx};
use time::OffsetDateTime;

use crate::trail::draft::EventDraft;
use crate::{AppError, Vault, from_micros, now_micros};

/// At most this many hours after the start a step may be due: 30 days.
pub const MAX_STEP_HOURS: i64 = 720;

/// What a step is: a built-in one, or the shop's own words.
#[derive(Clone, PartialEq, Eq, Debug)]
pub enum TaskStep {
    Builtin(Step),
    Own(ShortText),
}

impl TaskStep {
    /// The key stored and shown by the CLI: the built-in step's, or `own`.
    pub fn key(&self) -> &str {
        match self {
            TaskStep::Builtin(step) => step.as_str(),
            TaskStep::Own(_) => "own",
        }
    }
}

/// A step of a kind's playbook: what, and how many hours after the start it is due.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct PlaybookStep {
    pub step: TaskStep,
    pub hours: i64,
}

/// A kind's playbook as the shop runs it.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Playbook {
    pub kind: IncidentKind,
    pub steps: Vec<PlaybookStep>,
    /// The shop changed it (else it is the built-in one).
    pub own: bool,
}

/// A change to a kind's playbook.
#[derive(Clone, PartialEq, Eq, Debug)]
pub enum PlaybookChange {
    /// Adds the shop's own step at the end (before deciding on the breach).
    Add { text: ShortText, hours: i64 },
    /// Leaves out the step at this position (counted from 0) when it is still the one with
    /// this key (`None`: whichever it is); deciding on the breach stays.
    Remove(usize, Option<String>),
    /// Back to the built-in steps.
    Reset,
}

/// One response step of an incident.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Task {
    pub seq: i64,
    pub step: TaskStep,
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

fn task_aad<'a>(incident: &'a uuid::Uuid, field: &'a str, key: &DataKey) -> FieldAad<'a> {
    FieldAad { record_kind: "incident_tasks", field, record_id: incident.as_bytes(), data_key_version: key.version() }
}

fn playbook_aad<'a>(field: &'a str, key: &DataKey) -> FieldAad<'a> {
    const NO_RECORD: [u8; 16] = [0; 16];
    FieldAad { record_kind: "playbooks", field, record_id: &NO_RECORD, data_key_version: key.version() }
}

/// A stored step: its key, and an own step's words opened with `open`.
fn step_from(key: &str, text: Option<&[u8]>, open: impl Fn(&[u8]) -> Result<String, AppError>) -> Result<TaskStep, AppError> {
    let damaged = || AppError::corrupt("a response step does not read");
    if key == "own" {
        let words = open(text.ok_or_else(damaged)?)?;
        // Taken as written: the seal proves these are the words that passed the checks then.
        return Ok(TaskStep::Own(ShortText::from_stored(words)));
    }
    Step::parse(key).map(TaskStep::Builtin).ok_or_else(damaged)
}

/// An incident's task with its own words opened under the incident's `key`.
pub(super) fn from_row(row: &IncidentTaskRow, key: &DataKey) -> Result<Task, AppError> {
    let open = |sealed: &[u8]| {
        let field = format!("step {}", row.seq);
        let text = key.open(task_aad(&row.incident_id, &field, key), sealed)?;
        String::from_utf8(text.to_vec()).map_err(|_| AppError::corrupt("a response step is not text"))
    };
    Ok(Task {
        seq: row.seq,
        step: step_from(&row.step, row.text.as_deref(), open)?,
        due_at: from_micros(row.due_at)?,
        done_at: row.done_at.map(from_micros).transpose()?,
        done_by: row.done_by.clone(),
    })
}

/// A task row for `step`, its own words sealed under the incident's key.
fn task_row(key: &DataKey, incident: IncidentId, seq: i64, step: &TaskStep, due_at: i64) -> Result<IncidentTaskRow, AppError> {
    let uuid = incident.as_uuid();
    let text = match step {
        TaskStep::Builtin(_) => None,
        TaskStep::Own(words) => {
            let field = format!("step {seq}");
            Some(key.seal(task_aad(&uuid, &field, key), words.as_str().as_bytes())?)
        }
    };
    Ok(IncidentTaskRow { incident_id: uuid, seq, step: step.key().to_owned(), due_at, done_at: None, done_by: None, text })
}

fn check_hours(hours: i64) -> Result<(), AppError> {
    if (0..=MAX_STEP_HOURS).contains(&hours) {
        Ok(())
    } else {
        Err(AppError::Conflict(format!("a step is due 0 to {MAX_STEP_HOURS} hours after the start")))
    }
}

impl Vault {
    /// A kind's playbook as the shop runs it: its own version, or the built-in one.
    pub(crate) fn playbook_in(&self, tx: &mut dyn Tx, kind: IncidentKind) -> Result<Playbook, AppError> {
        let rows = tx.playbook(kind.as_str())?;
        if rows.is_empty() {
            let steps = playbook(kind).iter().map(|(step, hours)| PlaybookStep { step: TaskStep::Builtin(*step), hours: *hours }).collect();
            return Ok(Playbook { kind, steps, own: false });
        }
        let key = &self.keys.staff_key;
        let steps = rows
            .iter()
            .map(|row| {
                let open = |sealed: &[u8]| {
                    let field = format!("{} {}", row.kind, row.seq);
                    let text = key.open(playbook_aad(&field, key), sealed)?;
                    String::from_utf8(text.to_vec()).map_err(|_| AppError::corrupt("a playbook step is not text"))
                };
                Ok(PlaybookStep { step: step_from(&row.step, row.text.as_deref(), open)?, hours: row.hours })
            })
            .collect::<Result<Vec<_>, AppError>>()?;
        Ok(Playbook { kind, steps, own: true })
    }

    /// Every kind's playbook as the shop runs it, for the playbooks page.
    pub fn playbooks(&self, actor: &Actor) -> Result<Vec<Playbook>, AppError> {
        self.require(actor, Permission::IncidentManage, AuditAction::IncidentPlaybook, None)?;
        let mut tx = self.store.begin_snapshot()?;
        IncidentKind::ALL.into_iter().map(|kind| self.playbook_in(tx.as_mut(), kind)).collect()
    }

    /// Changes a kind's playbook: the incidents whose steps were started keep theirs.
    pub fn change_playbook(&self, actor: &Actor, kind: IncidentKind, change: PlaybookChange) -> Result<Playbook, AppError> {
        self.require(actor, Permission::IncidentManage, AuditAction::IncidentPlaybook, None)?;
        let mut tx = self.store.begin()?;
        let mut steps = self.playbook_in(tx.as_mut(), kind)?.steps;
        let detail = match &change {
            PlaybookChange::Add { text, hours } => {
                check_hours(*hours)?;
                let decide = steps.iter().position(|step| step.step == TaskStep::Builtin(Step::AssessBreach)).unwrap_or(steps.len());
                steps.insert(decide, PlaybookStep { step: TaskStep::Own(text.clone()), hours: *hours });
                format!("{}: an own step added", kind.as_str())
            }
            PlaybookChange::Remove(position, expected) => {
                let Some(step) = steps.get(*position) else { return Err(AppError::NotFound("step")) };
                if expected.as_deref().is_some_and(|key| key != step.step.key()) {
                    return Err(AppError::Conflict("the steps changed meanwhile; look at them again".into()));
                }
                if step.step == TaskStep::Builtin(Step::AssessBreach) {
                    return Err(AppError::Conflict("deciding whether it is a breach stays in every playbook".into()));
                }
                let removed = step.step.key().to_owned();
                steps.remove(*position);
                format!("{}: step {removed} left out", kind.as_str())
            }
            PlaybookChange::Reset => {
                steps.clear();
                format!("{}: back to the built-in steps", kind.as_str())
            }
        };
        let key = &self.keys.staff_key;
        let rows = steps
            .iter()
            .enumerate()
            .map(|(seq, step)| {
                let text = match &step.step {
                    TaskStep::Builtin(_) => None,
                    TaskStep::Own(words) => {
                        let field = format!("{} {seq}", kind.as_str());
                        Some(key.seal(playbook_aad(&field, key), words.as_str().as_bytes())?)
                    }
                };
                Ok(PlaybookRow {
                    kind: kind.as_str().to_owned(),
                    seq: seq as i64,
                    step: step.step.key().to_owned(),
                    text,
                    hours: step.hours,
                })
            })
            .collect::<Result<Vec<_>, AppError>>()?;
        tx.set_playbook(kind.as_str(), &rows)?;
        self.record(tx.as_mut(), &[EventDraft::new(actor, AuditAction::IncidentPlaybook).detail(detail).finish(Outcome::Allowed)])?;
        let playbook = self.playbook_in(tx.as_mut(), kind)?;
        tx.commit()?;
        Ok(playbook)
    }

    /// Starts the playbook of the incident's kind (the shop's version, or the built-in one):
    /// its steps become tasks, each due so many hours from now. Once per incident.
    pub fn start_playbook(&self, actor: &Actor, id: IncidentId) -> Result<Vec<Task>, AppError> {
        let target = Some((RecordKind::Incident, id.as_uuid()));
        self.require(actor, Permission::IncidentManage, AuditAction::IncidentTask, target)?;
        let mut tx = self.store.begin()?;
        let draft = EventDraft::new(actor, AuditAction::IncidentTask).target(RecordKind::Incident, id.as_uuid());
        let Some(row) = tx.incident(id.as_uuid())? else {
            return Err(self.fail(tx, draft, "no such incident", AppError::NotFound("incident")));
        };
        if tx.incident_tasks(id.as_uuid())?.iter().any(|task| task.step != "own") {
            return Err(self.fail(
                tx,
                draft,
                "the playbook was started already",
                AppError::Conflict("this incident's response steps were started already".into()),
            ));
        }
        let kind = IncidentKind::parse(&row.kind).map_err(|_| AppError::corrupt("an incident's kind is unknown"))?;
        let key = self.keys.open_data_key(&row.data_key)?;
        let playbook = self.playbook_in(tx.as_mut(), kind)?;
        let first = tx.incident_tasks(id.as_uuid())?.len() as i64;
        let now = now_micros();
        let rows = playbook
            .steps
            .iter()
            .enumerate()
            .map(|(n, step)| task_row(&key, id, first + n as i64, &step.step, now + step.hours * 3_600_000_000))
            .collect::<Result<Vec<_>, _>>()?;
        tx.insert_incident_tasks(&rows)?;
        let which = if playbook.own { "the shop's" } else { "built-in" };
        let detail = format!("playbook {} ({which}): {} steps", kind.as_str(), rows.len());
        self.record(tx.as_mut(), &[draft.detail(detail).finish(Outcome::Allowed)])?;
        tx.commit()?;
        rows.iter().map(|row| from_row(row, &key)).collect()
    }

    /// Adds a step of the shop's own to one incident, due `hours` from now.
    pub fn add_task(&self, actor: &Actor, id: IncidentId, text: &ShortText, hours: i64) -> Result<Task, AppError> {
        let target = Some((RecordKind::Incident, id.as_uuid()));
        self.require(actor, Permission::IncidentManage, AuditAction::IncidentTask, target)?;
        check_hours(hours)?;
        let mut tx = self.store.begin()?;
        let draft = EventDraft::new(actor, AuditAction::IncidentTask).target(RecordKind::Incident, id.as_uuid());
        let Some(row) = tx.incident(id.as_uuid())? else {
            return Err(self.fail(tx, draft, "no such incident", AppError::NotFound("incident")));
        };
        let key = self.keys.open_data_key(&row.data_key)?;
        let seq = tx.incident_tasks(id.as_uuid())?.len() as i64;
        let task = task_row(&key, id, seq, &TaskStep::Own(text.clone()), now_micros() + hours * 3_600_000_000)?;
        tx.insert_incident_tasks(std::slice::from_ref(&task))?;
        self.record(tx.as_mut(), &[draft.detail(format!("own step {seq} added")).finish(Outcome::Allowed)])?;
        tx.commit()?;
        from_row(&task, &key)
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
        let step = if task.step == "own" { format!("own step {seq}") } else { task.step.clone() };
        if !tx.complete_incident_task(id.as_uuid(), seq, now_micros(), &actor.name)? {
            return Err(self.fail(tx, draft, "the task was done already", AppError::Conflict("that step was marked done already".into())));
        }
        self.record(tx.as_mut(), &[draft.detail(format!("done: {step}")).finish(Outcome::Allowed)])?;
        tx.commit()?;
        Ok(())
    }
}
