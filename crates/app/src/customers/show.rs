//! Reading a customer's whole record: the rows and the audit event in the store's shared
//! transaction (group commit), the decryption after the event is durable.
//!
//! Two ways in: [`Vault::show_customer`] waits on the calling thread; an API token's request
//! uses [`Vault::show_customer_queued`], which queues the same job for the store's writer thread
//! and answers through a future, so the server holds no thread while the commit is made durable.

use std::future::Future;

use strongroom_domain::{ActorKind, AuditAction, CustomerId, Outcome, Permission, Purpose, RecordKind, Role};
use strongroom_store::{CustomerRecordRows, CustomerRow, RecordParts, RecordRead, Tx};

use super::sealing::{categories_of, open_aml_record, open_customer, open_purchase, open_repair, present_categories};
use super::{CustomerRecord, LEGAL_CLAIM, RESTRICTED, mask_for};
use crate::trail::draft::EventDraft;
use crate::{Actor, AppError, Vault};

/// What a customer read takes from the store, still sealed.
struct FetchedCustomer {
    row: CustomerRow,
    key_row: strongroom_store::DataKeyRow,
    /// The purchases with their voids and refunds.
    purchases: Option<(Vec<strongroom_store::PurchaseRow>, Vec<strongroom_store::SaleCorrectionRow>)>,
    repairs: Option<Vec<strongroom_store::RepairRow>>,
    aml_records: Option<Vec<strongroom_store::AmlRecordRow>>,
}

/// A store job's answer for a customer read: the sealed rows (or why there are none, already
/// recorded), and the trail's size after its event.
type Fetched = (Result<FetchedCustomer, AppError>, u64);

/// What an async use-case answers, with the trail's size when a checkpoint of it is due, on
/// success or refusal alike (a refusal is an event too): the caller signs it with
/// [`Vault::checkpoint_if_due`] on a thread that may block, then answers.
#[derive(Debug)]
pub struct Answered<T> {
    pub value: Result<T, AppError>,
    pub checkpoint_due: Option<u64>,
}

impl Vault {
    /// A customer's full record, as far as the actor's role may see it.
    /// Reading a full record needs a purpose of access from the shop's list (GDPR Art. 5(1)(b));
    /// it is kept in the audit event.
    pub fn show_customer(&self, actor: &Actor, id: CustomerId, purpose: &Purpose) -> Result<CustomerRecord, AppError> {
        let target = Some((RecordKind::Customer, id.as_uuid()));
        self.require(actor, Permission::CustomerRead, AuditAction::CustomerRead, target)?;
        let (reads, job) = customer_read(actor, id, purpose);
        let (fetched, size) = self.grouped(Some(reads), job)?;
        self.checkpoint_if_due(size)?;
        self.open_fetched(fetched?, actor.role)
    }

    /// [`Vault::show_customer`] for an API token's request on an async server: the same rows
    /// and event, queued for the store's writer thread, with no thread waiting while the commit
    /// is made durable. `None` (nothing done) where the caller must use `show_customer` on a
    /// thread that may block: an actor other than a token (the training gate may read staff's
    /// standing from the store), or a token that may not read customers (its refusal is recorded
    /// in a transaction of its own).
    pub fn show_customer_queued(
        &self,
        actor: &Actor,
        id: CustomerId,
        purpose: &Purpose,
    ) -> Option<impl Future<Output = Answered<CustomerRecord>> + Send + '_> {
        // What `require` checks for a token, without its store write for a refusal.
        if actor.kind != ActorKind::ApiToken || !actor.may(Permission::CustomerRead) {
            return None;
        }
        let role = actor.role;
        let (reads, job) = customer_read(actor, id, purpose);
        let pending = self.grouped_queued(Some(reads), job);
        Some(async move {
            match pending.await {
                Ok((fetched, size)) => Answered {
                    value: fetched.and_then(|fetched| self.open_fetched(fetched, role)),
                    checkpoint_due: self.checkpoint_wanted(size),
                },
                // The store failed: no event was recorded.
                Err(error) => Answered { value: Err(error), checkpoint_due: None },
            }
        })
    }

    /// The record decrypted, and masked for `role`.
    fn open_fetched(&self, fetched: FetchedCustomer, role: Role) -> Result<CustomerRecord, AppError> {
        let key = self.keys.open_data_key(&fetched.key_row)?;
        let mut customer = open_customer(&key, &fetched.row)?;
        mask_for(role, &mut customer);
        let purchases =
            fetched.purchases.map(|(rows, corrections)| rows.iter().map(|p| open_purchase(&key, p, &corrections)).collect()).transpose()?;
        let repairs = fetched.repairs.map(|rows| rows.iter().map(|r| open_repair(&key, r)).collect::<Result<Vec<_>, _>>()).transpose()?;
        let aml_records = fetched
            .aml_records
            .map(|rows| rows.iter().map(|a| open_aml_record(&self.keys.open_data_key(&a.data_key)?, a)).collect::<Result<Vec<_>, _>>())
            .transpose()?;
        Ok(CustomerRecord { customer, purchases, repairs, aml_records })
    }
}

/// The store job of a customer read by `actor`, whose permission to read customers was
/// checked: the rows the actor's role may see, still sealed, and the event that records the
/// read (or why nothing was read); with the whole-record read it begins with.
fn customer_read(
    actor: &Actor,
    id: CustomerId,
    purpose: &Purpose,
) -> (RecordRead, impl FnOnce(&mut dyn Tx) -> Result<Fetched, AppError> + Send + 'static) {
    let draft =
        EventDraft::new(actor, AuditAction::CustomerRead).target(RecordKind::Customer, id.as_uuid()).purpose(Some(purpose.as_str()));
    let parts = RecordParts {
        purchases: actor.may(Permission::PurchaseRead),
        repairs: actor.may(Permission::RepairRead),
        // Identity documents only after a fresh step-up; without one the record comes without them.
        aml_records: actor.may(Permission::AmlRead) && actor.stepped_up,
    };
    let uuid = id.as_uuid();
    let role = actor.role;
    let for_legal_claim = purpose.as_str() == LEGAL_CLAIM;
    let job = move |tx: &mut dyn Tx| {
        // One read of everything the role may see (on PostgreSQL made for the whole batch at its
        // start); the parts of a record that is then refused are dropped unopened.
        let Some(CustomerRecordRows { customer: row, data_key, purchases, repairs, aml_records }) = tx.customer_record(uuid, parts)? else {
            let size = tx.append_audit_events(&[draft.detail("no such customer").finish(Outcome::Failed)])? + 1;
            return Ok((Err(AppError::NotFound("customer")), size));
        };
        let Some(key_row) = data_key else {
            let size = tx.append_audit_events(&[draft.detail("the customer's key was destroyed").finish(Outcome::Failed)])? + 1;
            return Ok((Err(AppError::Shredded), size));
        };
        if row.restricted && !for_legal_claim {
            let size = tx.append_audit_events(&[draft.detail(RESTRICTED).finish(Outcome::Denied)])? + 1;
            return Ok((Err(AppError::Restricted), size));
        }
        let mut categories: Vec<_> =
            row.sealed.iter().filter(|(field, _)| role.sees_customer_field(*field)).map(|(field, _)| field.category()).collect();
        if let Some((rows, corrections)) = &purchases {
            categories.extend(rows.iter().map(|p| &p.sealed).chain(corrections.iter().map(|c| &c.sealed)).flat_map(present_categories));
        }
        categories.extend(repairs.iter().flatten().flat_map(|r| present_categories(&r.sealed)));
        if aml_records.as_ref().is_some_and(|rows| !rows.is_empty()) {
            categories.extend(categories_of(RecordKind::AmlRecord));
        }
        let size = tx.append_audit_events(&[draft.categories(categories).finish(Outcome::Allowed)])? + 1;
        Ok((Ok(FetchedCustomer { row, key_row, purchases, repairs, aml_records }), size))
    };
    (RecordRead { customer: uuid, parts }, job)
}
