//! What the benchmarks (`strongroom-bench`) measure against, and nothing else: a vault they
//! create themselves on a fresh store, the work of a read without its check and its event, and the
//! pieces of an import without its sealing.
//!
//! Nothing here reaches a shop's vault. [`BenchVault::create`] makes a new vault under a key
//! nobody else holds (`Vault::init` refuses a store that already holds one), so synthetic events
//! and unaudited reads happen only there; the other hooks work on values handed in.

use std::path::Path;

use strongroom_audit::AuditEvent;
use strongroom_domain::{Actor, AuditAction, Customer, CustomerId, DataCategory, NewCustomer, RecordKind};
use strongroom_store::{OwnerKind, SealedFields, Store};
use time::{Date, OffsetDateTime};
use uuid::Uuid;

use crate::customers::sealing::open_customer;
use crate::trail::draft::EventDraft;
use crate::{AppError, InitOptions, KeySource, Vault, VaultSettings};

/// The blind indexes' ids, for a baseline that stores the same index rows unkeyed.
pub const INDEX_EMAIL: u16 = crate::keyring::INDEX_EMAIL;
pub const INDEX_PHONE: u16 = crate::keyring::INDEX_PHONE;
pub const INDEX_NAME_PREFIX: u16 = crate::keyring::INDEX_NAME_PREFIX;

/// A vault a benchmark made for itself, on a store of its own.
pub struct BenchVault {
    vault: Vault,
}

impl std::fmt::Debug for BenchVault {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("BenchVault")
    }
}

impl BenchVault {
    /// A new vault on `store` under a key generated here and thrown away; refused when `store`
    /// already holds a vault.
    pub fn create(store: Box<dyn Store>, settings: VaultSettings) -> Result<BenchVault, AppError> {
        let (_, key) = strongroom_crypto::ShopKey::generate_key_file()?;
        let vault = Vault::init(store, &KeySource::KeyFile(key), InitOptions::default(), settings, &Actor::system("bench"))?;
        Ok(BenchVault { vault })
    }

    pub fn vault(&self) -> &Vault {
        &self.vault
    }

    /// Appends events as the gate appends its own: the tree extended and checkpoints signed in
    /// the same transaction (how an import writes its events, in bulk).
    pub fn append_events(&self, events: &[AuditEvent]) -> Result<(), AppError> {
        let mut tx = self.vault.store.begin()?;
        self.vault.record(tx.as_mut(), events)?;
        tx.commit()?;
        Ok(())
    }

    /// How many events the trail holds.
    pub fn trail_size(&self) -> Result<u64, AppError> {
        Ok(self.vault.store.begin_snapshot()?.audit_frontier()?.size())
    }

    /// The work of `show_customer` without the permission check and the audit event: the
    /// baseline the audit's cost is measured against.
    pub fn read_customer_unaudited(&self, id: CustomerId) -> Result<(), AppError> {
        let vault = &self.vault;
        let mut tx = vault.store.begin_snapshot()?;
        let row = tx.customer(id.as_uuid())?.ok_or(AppError::NotFound("customer"))?;
        let key_row = tx.data_key(OwnerKind::Customer, row.id)?.ok_or(AppError::Shredded)?;
        let key = vault.keys.open_data_key(&key_row)?;
        let customer = open_customer(&key, &row)?;
        std::hint::black_box(customer);
        tx.purchases_of(row.id)?;
        tx.repairs_of(row.id)?;
        tx.aml_records_of(row.id)?;
        tx.commit()?;
        Ok(())
    }
}

/// An audit event as the gate writes one (allowed).
pub fn event(
    actor: &Actor,
    action: AuditAction,
    target: (RecordKind, Uuid),
    categories: impl IntoIterator<Item = DataCategory>,
    purpose: Option<&str>,
) -> AuditEvent {
    EventDraft::new(actor, action)
        .target(target.0, target.1)
        .categories(categories)
        .purpose(purpose)
        .finish(strongroom_domain::Outcome::Allowed)
}

/// Every valid row of the CSV file at `path`, read as the import reads it (its scan, its
/// validation pass and its row stream), handed to `on_row` instead of sealed and stored.
pub fn import_valid_rows(
    path: &Path,
    settings: VaultSettings,
    on_row: &mut dyn FnMut(NewCustomer) -> Result<(), AppError>,
) -> Result<(), AppError> {
    crate::customers::import::valid_rows(path, settings, on_row)
}

/// The customer a new one becomes when it is stored (its id and times set).
pub fn customer_from(new: NewCustomer, id: Uuid, at: OffsetDateTime) -> Customer {
    crate::customers::customer_from(new, id, at)
}

/// The data categories an event records for the fields present.
pub fn present_categories(fields: &SealedFields) -> Vec<DataCategory> {
    crate::customers::sealing::present_categories(fields)
}

/// A birth date as the vault encodes it before sealing, and back.
pub fn encode_date(date: Date) -> String {
    crate::customers::codec::encode_date(date)
}

pub fn decode_date(bytes: &[u8]) -> Result<Date, AppError> {
    crate::customers::codec::decode_date(bytes)
}

/// A time stored as microseconds since the epoch.
pub fn from_micros(micros: i64) -> Result<OffsetDateTime, AppError> {
    crate::from_micros(micros)
}

/// Now, as the store keeps times.
pub fn now_micros() -> i64 {
    crate::now_micros()
}
