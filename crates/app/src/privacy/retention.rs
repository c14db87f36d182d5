//! Retention that runs itself: AML identity records are kept five years after their
//! transaction (the anti-money-laundering law's term) and then deleted: their sealed fields
//! emptied and their keys destroyed, each deletion an event in the trail. The row stays, ids and
//! dates only, as the mark that its sale was checked. `serve` runs it with its housekeeping;
//! `strongroom privacy retention` runs it by hand, or shows with `--dry-run` what it would do.
//! The sales of erased customers kept for the tax authority are deleted the same way when their
//! term ends: their rows, their voids and refunds, and their own keys.

use strongroom_domain::{Actor, AmlRecordId, AuditAction, CustomerId, Outcome, Permission, PurchaseId, RecordKind};
use time::Date;

use crate::customers::sealing::categories_of;
use crate::trail::draft::EventDraft;
use crate::{AppError, Vault};

/// The most records one run deletes (a run soon after catches the rest).
pub const RETENTION_BATCH: usize = 10_000;

/// An identity record whose keeping has ended.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct PastKeeping {
    pub id: AmlRecordId,
    pub customer: CustomerId,
    /// The last day it was to be kept.
    pub kept_until: Date,
}

/// A sale of an erased customer whose keeping for the tax authority has ended.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct PastSale {
    pub id: PurchaseId,
    pub customer: CustomerId,
    pub kept_until: Date,
}

/// What a retention run did (or, dry, would do).
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct RetentionRun {
    pub as_of: Date,
    pub dry_run: bool,
    pub aml_deleted: Vec<PastKeeping>,
    pub sales_deleted: Vec<PastSale>,
}

impl Vault {
    /// When an identity record was last deleted by retention, for the privacy page (nothing
    /// personal is read: the trail's newest `aml.delete`).
    pub fn last_retention_deletion(&self, actor: &Actor) -> Result<Option<time::OffsetDateTime>, AppError> {
        self.require(actor, Permission::PrivacyRequests, AuditAction::AuditRead, None)?;
        let mut tx = self.store.begin_snapshot()?;
        let filter = strongroom_store::AuditFilter {
            action: Some(AuditAction::AmlDelete.as_str().to_owned()),
            newest_first: true,
            limit: 1,
            ..strongroom_store::AuditFilter::default()
        };
        Ok(tx.query_audit_events(&filter)?.into_iter().next().map(|(_, event)| crate::from_micros_lenient(event.at_unix_micros)))
    }

    /// Deletes the identity records whose keeping ended before `as_of` (the privacy officer and
    /// the owner, or the server's housekeeping); `dry_run` only lists them and changes nothing.
    /// Each deletion is recorded against the record and against its customer, in the
    /// transaction that makes it; the deleted bytes are then purged from the database files.
    pub fn run_retention(&self, actor: &Actor, as_of: Date, dry_run: bool) -> Result<RetentionRun, AppError> {
        self.require(actor, Permission::PrivacyRequests, AuditAction::AmlDelete, None)?;
        let mut tx = self.store.begin()?;
        let mut past = Vec::new();
        for (id, customer, kept_until) in tx.aml_records_past(&as_of.to_string(), RETENTION_BATCH)? {
            let kept_until = strongroom_domain::parse_date("retention_ends", &kept_until)
                .map_err(|_| AppError::corrupt(format!("an identity record's keeping {kept_until:?} does not read")))?;
            past.push(PastKeeping { id: AmlRecordId::from_uuid(id), customer: CustomerId::from_uuid(customer), kept_until });
        }
        let mut sales = Vec::new();
        for (id, customer, kept_until) in tx.held_purchases_past(&as_of.to_string(), RETENTION_BATCH)? {
            let kept_until = strongroom_domain::parse_date("held_until", &kept_until)
                .map_err(|_| AppError::corrupt(format!("a kept sale's keeping {kept_until:?} does not read")))?;
            sales.push(PastSale { id: PurchaseId::from_uuid(id), customer: CustomerId::from_uuid(customer), kept_until });
        }
        if dry_run || (past.is_empty() && sales.is_empty()) {
            return Ok(RetentionRun { as_of, dry_run, aml_deleted: past, sales_deleted: sales });
        }
        let mut events = Vec::with_capacity(past.len() * 2);
        for record in &past {
            tx.shred_aml_record(record.id.as_uuid())?;
            let why = format!("kept until {}: the five years after the transaction have passed", record.kept_until);
            events.push(
                EventDraft::new(actor, AuditAction::AmlDelete)
                    .target(RecordKind::AmlRecord, record.id.as_uuid())
                    .detail(why)
                    .finish(Outcome::Allowed),
            );
            events.push(
                EventDraft::new(actor, AuditAction::AmlDelete)
                    .target(RecordKind::Customer, record.customer.as_uuid())
                    .categories(categories_of(RecordKind::AmlRecord))
                    .detail(format!("identity record {} deleted: its keeping ended", record.id.as_uuid()))
                    .finish(Outcome::Allowed),
            );
        }
        for sale in &sales {
            tx.delete_held_purchase(sale.id.as_uuid())?;
            events.push(
                EventDraft::new(actor, AuditAction::SaleDelete)
                    .target(RecordKind::Customer, sale.customer.as_uuid())
                    .categories(categories_of(RecordKind::Purchase))
                    .detail(format!("sale {} kept for tax until {} deleted: its keeping ended", sale.id, sale.kept_until))
                    .finish(Outcome::Allowed),
            );
        }
        self.owe_purge(tx.as_mut(), "records past their keeping")?;
        self.record(tx.as_mut(), &events)?;
        tx.commit()?;
        self.purge_now(actor, None)?;
        Ok(RetentionRun { as_of, dry_run, aml_deleted: past, sales_deleted: sales })
    }
}
