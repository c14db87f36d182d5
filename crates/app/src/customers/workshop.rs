//! The workshop board: every open job by status, paged; jobs moved forward one step at a time, a
//! wrong move undone (recorded as such); jobs found by their ticket code. Each job shown is a
//! disclosure recorded against its customer: the item and the customer's name, nothing more.

use strongroom_domain::{
    Actor, AuditAction, CustomerId, Field, JobStatus, Outcome, Permission, PersonName, PhoneE164, RecordKind, Repair, RepairId, TicketCode,
};
use strongroom_store::{OwnerKind, RepairRow, Tx};
use time::{Date, OffsetDateTime};

use crate::customers::codec::encode_date;
use crate::customers::sealing::{open_customer, open_repair, present_categories};
use crate::trail::draft::EventDraft;
use crate::{AppError, Vault, now_micros};

/// A job on the workshop board, with the name of the customer it belongs to.
#[derive(Debug, Clone)]
pub struct WorkshopJob {
    pub repair: Repair,
    pub customer_name: PersonName,
    /// Only where the job is shown so the customer can be called ([`Vault::jobs_to_call`]).
    pub customer_phone: Option<PhoneE164>,
}

/// Which part of the board to show.
#[derive(Debug, Clone, Copy)]
pub struct BoardQuery {
    /// Jobs per column and page (1 to 200).
    pub page_size: usize,
    /// The page (from 0) of each open column: received, at the bench, ready.
    pub pages: [usize; 3],
    /// Collected jobs are shown from this moment on (the start of the shop's day).
    pub collected_since: OffsetDateTime,
}

/// One column of the board.
#[derive(Debug, Clone)]
pub struct BoardColumn {
    pub status: JobStatus,
    pub jobs: Vec<WorkshopJob>,
    /// How many jobs the column holds in all (for collected: since `collected_since`).
    pub total: u64,
    /// The page shown (from 0).
    pub page: usize,
}

/// The open columns (received, at the bench, ready) and what was collected today.
#[derive(Debug, Clone)]
pub struct Board {
    pub columns: Vec<BoardColumn>,
}

/// The open statuses, in board order.
const OPEN: [JobStatus; 3] = [JobStatus::Received, JobStatus::AtBench, JobStatus::Ready];

/// How many collected jobs the board lists (a shop hands out far fewer in a day).
const COLLECTED_SHOWN: usize = 200;

impl Vault {
    /// The workshop board: each open column a page at a time, soonest promised first, and the
    /// jobs collected since `query.collected_since`, latest first.
    pub fn workshop_board(&self, actor: &Actor, query: &BoardQuery) -> Result<Board, AppError> {
        self.require(actor, Permission::RepairRead, AuditAction::RepairList, None)?;
        let page_size = query.page_size.clamp(1, 200);
        let mut tx = self.store.begin()?;
        let counts = tx.open_repair_counts()?;
        let mut events = Vec::new();
        let mut columns = Vec::new();
        for (status, page) in OPEN.into_iter().zip(query.pages) {
            let total = counts.iter().find(|(name, _)| name == status.as_str()).map_or(0, |(_, n)| *n);
            // A page past the end (the column emptied meanwhile) shows the last one.
            let last_page = (total as usize).saturating_sub(1) / page_size;
            let page = page.min(last_page);
            let rows = tx.repairs_with_status(status.as_str(), page * page_size, page_size)?;
            let jobs = self.shown_jobs(tx.as_mut(), actor, rows, false, &mut events)?;
            columns.push(BoardColumn { status, jobs, total, page });
        }
        let since = query.collected_since.unix_timestamp_nanos() / 1000;
        let rows = tx.repairs_moved_since(JobStatus::Collected.as_str(), since as i64, COLLECTED_SHOWN)?;
        let jobs = self.shown_jobs(tx.as_mut(), actor, rows, false, &mut events)?;
        columns.push(BoardColumn { status: JobStatus::Collected, total: jobs.len() as u64, jobs, page: 0 });
        if events.is_empty() {
            events.push(EventDraft::new(actor, AuditAction::RepairList).detail("no jobs on the board").finish(Outcome::Allowed));
        }
        self.record(tx.as_mut(), &events)?;
        tx.commit()?;
        Ok(Board { columns })
    }

    /// Jobs still to be done that were promised by `by` (received or at the bench), soonest
    /// first, at most `limit`: the start page's "due" list.
    pub fn jobs_due(&self, actor: &Actor, by: Date, limit: usize) -> Result<Vec<WorkshopJob>, AppError> {
        self.require(actor, Permission::RepairRead, AuditAction::RepairList, None)?;
        let limit = limit.clamp(1, 500);
        let by = encode_date(by);
        let mut tx = self.store.begin()?;
        let mut events = Vec::new();
        let mut due = Vec::new();
        for status in [JobStatus::Received, JobStatus::AtBench] {
            // Soonest promised first: the rows past `by` end the list.
            let rows = tx.repairs_with_status(status.as_str(), 0, limit)?;
            due.extend(rows.into_iter().take_while(|row| row.promised_on.as_deref().is_some_and(|promised| promised <= by.as_str())));
        }
        due.sort_by(|a, b| a.promised_on.cmp(&b.promised_on).then(a.id.cmp(&b.id)));
        due.truncate(limit);
        let jobs = self.shown_jobs(tx.as_mut(), actor, due, false, &mut events)?;
        if events.is_empty() {
            events.push(EventDraft::new(actor, AuditAction::RepairList).detail("no jobs due").finish(Outcome::Allowed));
        }
        self.record(tx.as_mut(), &events)?;
        tx.commit()?;
        Ok(jobs)
    }

    /// The job with this ticket code, with its customer's name (a find, recorded against that
    /// customer); `None` when no job has it.
    pub fn find_job(&self, actor: &Actor, ticket: &TicketCode) -> Result<Option<WorkshopJob>, AppError> {
        self.require(actor, Permission::RepairRead, AuditAction::RepairList, None)?;
        let mut tx = self.store.begin()?;
        let mut events = Vec::new();
        let rows: Vec<RepairRow> = tx.repair_by_ticket(ticket.as_str())?.into_iter().collect();
        let job = self.shown_jobs(tx.as_mut(), actor, rows, false, &mut events)?.pop();
        if events.is_empty() {
            events.push(EventDraft::new(actor, AuditAction::RepairList).detail("no job with that ticket").finish(Outcome::Allowed));
        }
        self.record(tx.as_mut(), &events)?;
        tx.commit()?;
        Ok(job)
    }

    /// A job as its printed ticket shows it, with its customer's name; recorded against the
    /// customer as a disclosure of what the ticket carries.
    pub fn job_ticket(&self, actor: &Actor, repair_id: RepairId) -> Result<WorkshopJob, AppError> {
        self.require(actor, Permission::RepairRead, AuditAction::RepairList, Some((RecordKind::Repair, repair_id.as_uuid())))?;
        let mut tx = self.store.begin()?;
        let (row, draft, repair) = match self.job_to_change(tx.as_mut(), actor, repair_id, AuditAction::RepairList)? {
            Ok(found) => found,
            Err((draft, detail, error)) => return Err(self.fail(tx, draft, detail, error)),
        };
        let customer_row = tx.customer(row.customer_id)?.ok_or(AppError::NotFound("customer"))?;
        if customer_row.restricted {
            return Err(self.fail(tx, draft, crate::customers::RESTRICTED, AppError::Restricted));
        }
        let customer_name = self.open_row(tx.as_mut(), &customer_row)?.ok_or(AppError::Shredded)?.name;
        let mut categories = present_categories(&row.sealed);
        categories.push(Field::CustomerName.category());
        let event = draft.categories(categories).detail(format!("ticket {} printed", repair.ticket)).finish(Outcome::Allowed);
        self.record(tx.as_mut(), &[event])?;
        tx.commit()?;
        Ok(WorkshopJob { repair, customer_name, customer_phone: None })
    }

    /// Jobs ready for collection, longest waiting first, at most `limit`, each with its
    /// customer's name and phone number: the start page's "call the customer" list.
    pub fn jobs_to_call(&self, actor: &Actor, limit: usize) -> Result<Vec<WorkshopJob>, AppError> {
        self.require(actor, Permission::RepairRead, AuditAction::RepairList, None)?;
        let mut tx = self.store.begin()?;
        let mut events = Vec::new();
        let mut rows = tx.repairs_with_status(JobStatus::Ready.as_str(), 0, limit.clamp(1, 500))?;
        // Longest waiting on the shelf first.
        rows.sort_by_key(|row| (row.moved_at.unwrap_or(row.created_at), row.id));
        let jobs = self.shown_jobs(tx.as_mut(), actor, rows, true, &mut events)?;
        if events.is_empty() {
            events.push(EventDraft::new(actor, AuditAction::RepairList).detail("no jobs to call about").finish(Outcome::Allowed));
        }
        self.record(tx.as_mut(), &events)?;
        tx.commit()?;
        Ok(jobs)
    }

    /// Jobs opened for showing, each with its customer's name (and phone, `with_phone`) and a
    /// disclosure event against that customer. Jobs of a customer whose key was destroyed are
    /// left out.
    fn shown_jobs(
        &self,
        tx: &mut dyn Tx,
        actor: &Actor,
        rows: Vec<RepairRow>,
        with_phone: bool,
        events: &mut Vec<strongroom_audit::AuditEvent>,
    ) -> Result<Vec<WorkshopJob>, AppError> {
        let mut jobs = Vec::with_capacity(rows.len());
        for row in rows {
            let Some(customer_row) = tx.customer(row.customer_id)? else { continue };
            if customer_row.restricted {
                continue;
            }
            let Some(key_row) = tx.data_key(OwnerKind::Customer, row.customer_id)? else { continue };
            let key = self.keys.open_data_key(&key_row)?;
            let customer = open_customer(&key, &customer_row)?;
            let customer_phone = customer.phone.filter(|_| with_phone && actor.role.sees_customer_field(Field::CustomerPhone));
            // What the board shows: the item and whose it is (not condition or valuation).
            let mut categories = vec![Field::RepairItemDescription.category(), Field::CustomerName.category()];
            if customer_phone.is_some() {
                categories.push(Field::CustomerPhone.category());
            }
            events.push(
                EventDraft::new(actor, AuditAction::RepairList)
                    .target(RecordKind::Customer, row.customer_id)
                    .categories(categories)
                    .finish(Outcome::Allowed),
            );
            jobs.push(WorkshopJob { repair: open_repair(&key, &row)?, customer_name: customer.name, customer_phone });
        }
        Ok(jobs)
    }

    /// Moves a workshop job on the board. Jobs move forward only (`JobStatus::can_move_to`); the
    /// status it came from is kept so the move can be undone. The job comes back only to an actor
    /// who may read jobs (`None` to one who may only move them: writing must not be a way to read).
    pub fn set_repair_status(&self, actor: &Actor, repair_id: RepairId, status: JobStatus) -> Result<Option<Repair>, AppError> {
        self.require(actor, Permission::RepairWrite, AuditAction::RepairUpdate, Some((RecordKind::Repair, repair_id.as_uuid())))?;
        let mut tx = self.store.begin()?;
        let (row, draft, mut repair) = match self.job_to_change(tx.as_mut(), actor, repair_id, AuditAction::RepairUpdate)? {
            Ok(found) => found,
            Err((draft, detail, error)) => return Err(self.fail(tx, draft, detail, error)),
        };
        if !repair.status.can_move_to(status) {
            // Naming the job's status to an actor who may not read jobs would let it probe them.
            let why = if actor.may(Permission::RepairRead) {
                format!("a job that is {} cannot become {}: jobs only move forward", repair.status.as_str(), status.as_str())
            } else {
                format!("the job cannot become {}: jobs only move forward", status.as_str())
            };
            return Err(strongroom_domain::DomainError::invalid("status", why).into());
        }
        if !tx.set_repair_status(row.id, repair.status.as_str(), status.as_str(), now_micros())? {
            return Err(AppError::Conflict("someone else moved this job meanwhile; look at the board again".into()));
        }
        let detail = format!("job {} ({}): {} -> {}", repair.id, repair.ticket, repair.status.as_str(), status.as_str());
        repair.previous_status = Some(repair.status);
        repair.status = status;
        self.record_job_change(tx, actor, draft, &row, detail)?;
        Ok(actor.may(Permission::RepairRead).then_some(repair))
    }

    /// Undoes a job's last move (a ring moved to "ready" by mistake goes back to the bench). One
    /// step only, and only while the job is where that move put it; recorded as an undo.
    pub fn undo_repair_move(&self, actor: &Actor, repair_id: RepairId) -> Result<Option<Repair>, AppError> {
        self.require(actor, Permission::RepairWrite, AuditAction::RepairUpdate, Some((RecordKind::Repair, repair_id.as_uuid())))?;
        let mut tx = self.store.begin()?;
        let (row, draft, mut repair) = match self.job_to_change(tx.as_mut(), actor, repair_id, AuditAction::RepairUpdate)? {
            Ok(found) => found,
            Err((draft, detail, error)) => return Err(self.fail(tx, draft, detail, error)),
        };
        let Some(previous) = repair.previous_status else {
            let why = "this job's last move was undone already, or it has not moved yet: move it on the board instead";
            return Err(strongroom_domain::DomainError::invalid("status", why).into());
        };
        if !tx.undo_repair_status(row.id, repair.status.as_str(), previous.as_str(), now_micros())? {
            return Err(AppError::Conflict("someone else moved this job meanwhile; look at the board again".into()));
        }
        let detail = format!("job {} ({}): undo {} -> {}", repair.id, repair.ticket, repair.status.as_str(), previous.as_str());
        repair.status = previous;
        repair.previous_status = None;
        self.record_job_change(tx, actor, draft, &row, detail)?;
        Ok(actor.may(Permission::RepairRead).then_some(repair))
    }

    /// The job to move, opened, with the event that will name its customer; or the refusal to
    /// record.
    #[allow(clippy::type_complexity)]
    fn job_to_change(
        &self,
        tx: &mut dyn Tx,
        actor: &Actor,
        repair_id: RepairId,
        action: AuditAction,
    ) -> Result<Result<(RepairRow, EventDraft, Repair), (EventDraft, &'static str, AppError)>, AppError> {
        let Some(row) = tx.repair(repair_id.as_uuid())? else {
            let draft = EventDraft::new(actor, action).target(RecordKind::Repair, repair_id.as_uuid());
            return Ok(Err((draft, "no such job", AppError::NotFound("job"))));
        };
        // The event names the customer, so "who accessed this customer" includes the job.
        let draft = EventDraft::new(actor, action).target(RecordKind::Customer, row.customer_id);
        let key = match self.customer_key(tx, CustomerId::from_uuid(row.customer_id))? {
            Ok(key) => key,
            Err((detail, error)) => return Ok(Err((draft, detail, error))),
        };
        let repair = open_repair(&key, &row)?;
        Ok(Ok((row, draft, repair)))
    }

    fn record_job_change(
        &self,
        mut tx: Box<dyn Tx + '_>,
        actor: &Actor,
        draft: EventDraft,
        row: &RepairRow,
        detail: String,
    ) -> Result<(), AppError> {
        let draft = if actor.may(Permission::RepairRead) { draft.categories(present_categories(&row.sealed)) } else { draft };
        self.record(tx.as_mut(), &[draft.detail(detail).finish(Outcome::Allowed)])?;
        tx.commit()?;
        Ok(())
    }
}
