//! Merging two records of one person: the duplicate's purchases (with their voids and refunds),
//! workshop jobs and identity records move to the record that is kept, sealed again under its
//! key; the fields the kept record leaves empty take the duplicate's; then the duplicate's key is
//! destroyed, so what was left of it can never be read again. One transaction, recorded against
//! both customers.

use strongroom_crypto::DataKey;
use strongroom_domain::{Actor, AuditAction, CustomerId, DataCategory, DomainError, Field, Outcome, Permission, RecordKind};
use strongroom_store::{CustomerRow, OwnerKind, Tx};

use crate::customers::index_entries;
use crate::customers::sealing::{
    open_customer, open_purchase, open_repair, present_categories, seal_correction, seal_customer, seal_purchase, seal_repair,
};
use crate::trail::draft::EventDraft;
use crate::{AppError, Vault, now_micros};

/// What a merge did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MergeReport {
    pub kept: CustomerId,
    pub merged_away: CustomerId,
    pub purchases: usize,
    pub repairs: usize,
    pub aml_records: usize,
    /// The person's requests under the GDPR that moved with them.
    pub requests: u64,
    /// The kept record's fields that were empty and took the duplicate's value.
    pub filled: Vec<Field>,
}

impl Vault {
    /// Merges customer `duplicate` into customer `keep` (owner and manager, after confirming it is
    /// them): see the module's documentation. Both must exist and be readable.
    pub fn merge_customers(&self, actor: &Actor, keep: CustomerId, duplicate: CustomerId) -> Result<MergeReport, AppError> {
        let target = Some((RecordKind::Customer, keep.as_uuid()));
        self.require(actor, Permission::CustomerMerge, AuditAction::CustomerMerge, target)?;
        self.require_step_up(actor, AuditAction::CustomerMerge, target)?;
        let mut tx = self.store.begin()?;
        let draft = EventDraft::new(actor, AuditAction::CustomerMerge).target(RecordKind::Customer, keep.as_uuid());
        if keep == duplicate {
            let error = DomainError::invalid("with", "a customer cannot be merged into themselves");
            return Err(self.fail(tx, draft, "the same customer twice", error.into()));
        }
        let (keep_key, duplicate_key) = match (self.customer_key(tx.as_mut(), keep)?, self.customer_key(tx.as_mut(), duplicate)?) {
            (Ok(keep_key), Ok(duplicate_key)) => (keep_key, duplicate_key),
            (Err((detail, error)), _) | (_, Err((detail, error))) => return Err(self.fail(tx, draft, detail, error)),
        };
        let keep_row = tx.customer(keep.as_uuid())?.ok_or(AppError::NotFound("customer"))?;
        let duplicate_row = tx.customer(duplicate.as_uuid())?.ok_or(AppError::NotFound("customer"))?;
        let mut kept = open_customer(&keep_key, &keep_row)?;
        let merged = open_customer(&duplicate_key, &duplicate_row)?;
        let mut categories = present_categories(&keep_row.sealed);
        categories.extend(present_categories(&duplicate_row.sealed));

        let moved = move_records(tx.as_mut(), &duplicate_key, &keep_key, duplicate, keep)?;
        categories.extend(moved.categories);

        let filled = kept.fill_from(&merged);
        let updated = CustomerRow {
            id: keep_row.id,
            created_at: keep_row.created_at,
            updated_at: now_micros(),
            restricted: false,
            sealed: seal_customer(&keep_key, &kept)?,
        };
        tx.update_customer(&updated, &index_entries(&self.keys, &kept))?;
        // The duplicate is gone for good: its key and its search entries.
        tx.destroy_data_key(OwnerKind::Customer, duplicate.as_uuid())?;
        tx.delete_index_entries(duplicate.as_uuid())?;
        tx.erase_customer_row(duplicate.as_uuid(), now_micros())?;

        let report = MergeReport {
            kept: keep,
            merged_away: duplicate,
            purchases: moved.purchases,
            repairs: moved.repairs,
            aml_records: moved.aml_records,
            requests: moved.requests,
            filled,
        };
        let filled_names: Vec<&str> = report.filled.iter().map(|field| field.name()).collect();
        let detail = format!(
            "merged customer {duplicate} into this one: {} purchases, {} jobs, {} identity records, {} requests moved; filled: {}",
            report.purchases,
            report.repairs,
            report.aml_records,
            report.requests,
            if filled_names.is_empty() { "nothing".to_owned() } else { filled_names.join(", ") }
        );
        let events = [
            draft.categories(categories).detail(detail).finish(Outcome::Allowed),
            EventDraft::new(actor, AuditAction::CustomerMerge)
                .target(RecordKind::Customer, duplicate.as_uuid())
                .detail(format!("merged into customer {keep}"))
                .finish(Outcome::Allowed),
            EventDraft::new(actor, AuditAction::DataKeyDestroy)
                .target(RecordKind::Customer, duplicate.as_uuid())
                .detail(format!("customer data key destroyed: merged into customer {keep}"))
                .finish(Outcome::Allowed),
        ];
        self.owe_purge(tx.as_mut(), &format!("customer {duplicate}"))?;
        self.record(tx.as_mut(), &events)?;
        tx.commit()?;
        self.purge_now(actor, Some(duplicate))?;
        Ok(report)
    }
}

/// What moving a duplicate's records found: how many of each, and the categories they hold.
struct Moved {
    purchases: usize,
    repairs: usize,
    aml_records: usize,
    requests: u64,
    categories: Vec<DataCategory>,
}

/// Gives the duplicate's purchases (with their voids and refunds) and jobs to the kept customer,
/// each opened with the duplicate's key and sealed again with the kept one's; its identity
/// records and its requests under the GDPR keep their own keys (they outlive an erasure) and
/// only change owner.
fn move_records(tx: &mut dyn Tx, from_key: &DataKey, to_key: &DataKey, from: CustomerId, to: CustomerId) -> Result<Moved, AppError> {
    let mut categories = Vec::new();
    let corrections = tx.sale_corrections_of(from.as_uuid())?;
    let purchases = tx.purchases_of(from.as_uuid())?;
    for row in &purchases {
        let purchase = open_purchase(from_key, row, &corrections)?;
        tx.move_record(RecordKind::Purchase, row.id, to.as_uuid(), &seal_purchase(to_key, &purchase)?)?;
        for correction in &purchase.corrections {
            tx.move_record(RecordKind::SaleCorrection, correction.id.as_uuid(), to.as_uuid(), &seal_correction(to_key, correction)?)?;
        }
        categories.extend(present_categories(&row.sealed));
    }
    let repairs = tx.repairs_of(from.as_uuid())?;
    for row in &repairs {
        let repair = open_repair(from_key, row)?;
        tx.move_record(RecordKind::Repair, row.id, to.as_uuid(), &seal_repair(to_key, &repair)?)?;
        categories.extend(present_categories(&row.sealed));
    }
    let aml_records = tx.aml_records_of(from.as_uuid())?;
    for row in &aml_records {
        tx.move_aml_record(row.id, to.as_uuid())?;
    }
    // The person's requests under the GDPR (their texts under keys of their own) follow them.
    let requests = tx.move_requests(from.as_uuid(), to.as_uuid())?;
    Ok(Moved { purchases: purchases.len(), repairs: repairs.len(), aml_records: aml_records.len(), requests, categories })
}
