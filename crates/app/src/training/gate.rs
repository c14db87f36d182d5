//! The shop's choice to require the training before customer data (issue 17), off by default:
//! when on, a member of staff with a lesson more than the grace period overdue is refused
//! customer data (recorded) until they take it, a few minutes on the training page. The
//! setting is kept with the course's start, changed by the owner after a step-up and recorded
//! with what it costs. The gate asks about it on every customer read by a member of staff, so
//! the setting and each person's standing are remembered for a minute (a person's at once
//! forgotten when they answer a quiz). A training that does not read never locks anyone out:
//! the doctor reports it instead. Work with a legal deadline is not held up: answering a
//! customer's request (their export, the review list) and a breach's letters go on under their
//! own permissions.

use std::collections::HashMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use strongroom_domain::{Actor, ActorKind, AuditAction, Outcome, Permission, TrainingState};
use strongroom_store::DeskItemRow;
use uuid::Uuid;

use super::{COURSE, sealed_name};
use crate::trail::draft::EventDraft;
use crate::{AppError, Vault, now_micros};

/// How long the setting and a person's standing are taken as read.
const FRESH: Duration = Duration::from_secs(60);

/// What relaxing (turning off) and tightening the setting cost, for the trail and the page.
pub const TRAINING_REQUIRED_COST: &str = "on: someone far behind with the training cannot open a customer's record until they take the lesson (a few minutes), which may hold up a sale; off: the training is asked for and reminded of, never enforced";

/// The remembered setting and standings.
#[derive(Default)]
pub(crate) struct TrainingGate {
    required: Mutex<Option<(bool, Instant)>>,
    behind: Mutex<HashMap<String, (bool, Instant)>>,
    /// Counts the forgettings: a standing worked out across one is not kept (it may be older
    /// than the answer that made it forgotten).
    generation: AtomicU64,
}

impl TrainingGate {
    fn forget(&self) {
        self.generation.fetch_add(1, Ordering::SeqCst);
        *self.required.lock().unwrap_or_else(|poisoned| poisoned.into_inner()) = None;
        self.behind.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).clear();
    }
}

/// Whether a permission opens or changes customer data.
fn opens_customer_data(permission: Permission) -> bool {
    use Permission as P;
    matches!(
        permission,
        P::CustomerRead
            | P::CustomerWrite
            | P::CustomerImport
            | P::PurchaseRead
            | P::PurchaseWrite
            | P::RepairRead
            | P::RepairWrite
            | P::AmlRead
            | P::AmlWrite
            | P::Export
            | P::PurchaseCorrect
            | P::CustomerMerge
    )
}

impl Vault {
    /// Whether the shop requires the training before customer data.
    pub fn training_required(&self) -> Result<bool, AppError> {
        if let Some((required, at)) = *self.training_gate.required.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
            && at.elapsed() < FRESH
        {
            return Ok(required);
        }
        let row = self.store.begin_snapshot()?.desk_items(COURSE)?.into_iter().next();
        let required = match row {
            Some(row) => self.open_course_doc(&row)?.required,
            None => false,
        };
        *self.training_gate.required.lock().unwrap_or_else(|poisoned| poisoned.into_inner()) = Some((required, Instant::now()));
        Ok(required)
    }

    /// Turns the requirement on or off: the owner's, after a step-up; recorded with its cost.
    pub fn set_training_required(&self, actor: &Actor, required: bool, today: time::Date) -> Result<(), AppError> {
        self.require(actor, Permission::SettingsManage, AuditAction::SettingsChange, None)?;
        self.require_step_up(actor, AuditAction::SettingsChange, None)?;
        self.course_started(today)?;
        let mut tx = self.store.begin()?;
        tx.lock_desk_items()?;
        let row = tx.desk_item(COURSE, Uuid::nil())?.ok_or(AppError::NotFound("training"))?;
        let mut doc = self.open_course_doc(&row)?;
        if doc.required != required {
            doc.required = required;
            let json = serde_json::to_vec(&doc).map_err(|error| AppError::corrupt(error.to_string()))?;
            let body = self.seal_host_secret(&sealed_name(COURSE, Uuid::nil()), &json)?;
            let changed = DeskItemRow { kind: COURSE.into(), id: Uuid::nil(), body, updated_at: now_micros() };
            if !tx.put_desk_item(&changed, Some(row.updated_at))? {
                return Err(AppError::Conflict("the training's settings were changed meanwhile: try again".into()));
            }
            let detail = format!("training_required: {} ({TRAINING_REQUIRED_COST})", if required { "on" } else { "off" });
            self.record(tx.as_mut(), &[EventDraft::new(actor, AuditAction::SettingsChange).detail(detail).finish(Outcome::Allowed)])?;
        }
        tx.commit()?;
        self.training_gate.forget();
        Ok(())
    }

    /// Whether `actor` is refused customer data now: the requirement is on and they have a
    /// lesson past the grace period. `false` when their training does not read.
    pub fn training_blocks(&self, actor: &Actor) -> bool {
        if actor.kind != ActorKind::Staff || !actor.may(Permission::TrainingTake) || !self.training_required().unwrap_or(false) {
            return false;
        }
        if let Some((behind, at)) = self.training_gate.behind.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).get(&actor.name)
            && at.elapsed() < FRESH
        {
            return *behind;
        }
        let generation = self.training_gate.generation.load(Ordering::SeqCst);
        let behind = self.training_blocks_on(actor, crate::from_micros_lenient(now_micros()).date());
        let mut remembered = self.training_gate.behind.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if self.training_gate.generation.load(Ordering::SeqCst) == generation {
            remembered.insert(actor.name.clone(), (behind, Instant::now()));
        }
        behind
    }

    /// Whether `actor` would be refused customer data on `today` (the rule without the minute's
    /// memory): the requirement is on and a lesson of theirs is past the grace period.
    pub fn training_blocks_on(&self, actor: &Actor, today: time::Date) -> bool {
        if actor.kind != ActorKind::Staff || !actor.may(Permission::TrainingTake) || !self.training_required().unwrap_or(false) {
            return false;
        }
        self.my_training(actor, "en", today)
            .is_ok_and(|mine| mine.lessons.iter().any(|lesson| matches!(lesson.state, TrainingState::Escalated { .. })))
    }

    /// The gate's question for a permission that opens customer data: refused (and recorded)
    /// while the person is far behind with a required training.
    pub(crate) fn check_training_gate(
        &self,
        actor: &Actor,
        permission: Permission,
        action: AuditAction,
        target: Option<(strongroom_domain::RecordKind, Uuid)>,
    ) -> Result<(), AppError> {
        if !opens_customer_data(permission) || !self.training_blocks(actor) {
            return Ok(());
        }
        let mut draft = EventDraft::new(actor, action).detail("a lesson of the required training is far overdue");
        if let Some((kind, id)) = target {
            draft = draft.target(kind, id);
        }
        let mut tx = self.store.begin()?;
        self.record(tx.as_mut(), &[draft.finish(Outcome::Denied)])?;
        tx.commit()?;
        Err(AppError::TrainingOverdue)
    }

    /// Forgets `name`'s standing (they just answered a quiz).
    pub(crate) fn forget_training_standing(&self, name: &str) {
        self.training_gate.generation.fetch_add(1, Ordering::SeqCst);
        self.training_gate.behind.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).remove(name);
    }
}
