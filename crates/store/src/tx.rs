//! The transaction a use-case works in, as one trait per group of tables. [`Tx`] is all of them;
//! each backend implements each group in a file of its own (`sqlite/customers.rs`,
//! `postgres/customers.rs`, …). Methods of every group are called on a `dyn Tx` directly.

use strongroom_audit::{AuditEvent, Frontier, Hash};
use strongroom_domain::RecordKind;
use uuid::Uuid;

use crate::backup::{Cell, Column, SchemaTables};
use crate::{
    AmlRecordRow, ApiTokenRow, AuditFilter, AuditWindowCount, BlindIndexEntry, CheckpointRow, CustomerRecordRows, CustomerRow, DataKeyRow,
    DeskItemRow, IdempotencyRow, ImportProgress, IncidentImpactRow, IncidentLetterRow, IncidentRow, IncidentTaskRow, KeyringMeta, MailRow,
    MasterKeyRow, MasterKeyState, NewCustomerRows, OwnerKind, PlaybookRow, PurchaseRow, RecordParts, RepairRow, RequestRow,
    SaleCorrectionRow, SealedFields, SecretRow, SessionRow, StaffRow, StoreError,
};

/// One transaction. Dropped without [`Tx::commit`], it rolls back.
pub trait Tx:
    KeyringTx
    + CustomerTx
    + RecordTx
    + AuditTx
    + StaffTx
    + SessionTx
    + TokenTx
    + ImportTx
    + BackupTx
    + IncidentTx
    + MailTx
    + SettingTx
    + RequestTx
    + SecretTx
    + ErasureTx
{
    fn commit(self: Box<Self>) -> Result<(), StoreError>;

    /// The rows of the customers `ids` names (in id order) that exist, in id order, each with
    /// their data key (`None` once it was destroyed): the candidates of a lookup or a page, opened
    /// together. The default reads each customer with their key in turn; PostgreSQL reads them
    /// all in one statement, one round trip where a customer and a key each took one.
    fn customers_with_keys(&mut self, ids: &[Uuid]) -> Result<Vec<(CustomerRow, Option<DataKeyRow>)>, StoreError> {
        let mut found = Vec::with_capacity(ids.len());
        for id in ids {
            if let Some(customer) = self.customer(*id)? {
                found.push((customer, self.data_key(OwnerKind::Customer, *id)?));
            }
        }
        Ok(found)
    }

    /// A page of customers as [`CustomerTx::customers_page`] reads it, each with their data key
    /// (`None` once it was destroyed): a list opens them all. The default reads each key in
    /// turn; PostgreSQL joins them, one round trip for the page.
    fn customers_page_with_keys(
        &mut self,
        after: Option<Uuid>,
        limit: usize,
    ) -> Result<Vec<(CustomerRow, Option<DataKeyRow>)>, StoreError> {
        let rows = self.customers_page(after, limit)?;
        let mut found = Vec::with_capacity(rows.len());
        for row in rows {
            let key = self.data_key(OwnerKind::Customer, row.id)?;
            found.push((row, key));
        }
        Ok(found)
    }

    /// A customer's row, their data key and the `parts` of their record, as a whole-record read
    /// takes them; `None` when there is no such customer. The default reads them one after
    /// another; PostgreSQL sends the reads at once, one round trip for all of them.
    fn customer_record(&mut self, id: Uuid, parts: RecordParts) -> Result<Option<CustomerRecordRows>, StoreError> {
        let Some(customer) = self.customer(id)? else {
            return Ok(None);
        };
        let data_key = self.data_key(OwnerKind::Customer, id)?;
        let purchases = if parts.purchases { Some((self.purchases_of(id)?, self.sale_corrections_of(id)?)) } else { None };
        let repairs = if parts.repairs { Some(self.repairs_of(id)?) } else { None };
        let aml_records = if parts.aml_records { Some(self.aml_records_of(id)?) } else { None };
        Ok(Some(CustomerRecordRows { customer, data_key, purchases, repairs, aml_records }))
    }
}

/// The incident register.
pub trait IncidentTx {
    /// Inserts an incident and its data key.
    fn insert_incident(&mut self, row: &IncidentRow) -> Result<(), StoreError>;
    fn incident(&mut self, id: Uuid) -> Result<Option<IncidentRow>, StoreError>;
    /// Incidents, the latest reported first, at most `limit`; only those not closed when `open_only`.
    fn incidents(&mut self, open_only: bool, limit: usize) -> Result<Vec<IncidentRow>, StoreError>;
    /// Sets an incident's status and severity; false when there is no such incident.
    fn update_incident(&mut self, id: Uuid, status: &str, severity: Option<&[u8]>, updated_at: i64) -> Result<bool, StoreError>;
    fn insert_incident_tasks(&mut self, rows: &[IncidentTaskRow]) -> Result<(), StoreError>;
    /// An incident's tasks, in their order.
    fn incident_tasks(&mut self, incident_id: Uuid) -> Result<Vec<IncidentTaskRow>, StoreError>;
    /// Marks a task done; false when there is no such task or it was done already.
    fn complete_incident_task(&mut self, incident_id: Uuid, seq: i64, done_at: i64, done_by: &str) -> Result<bool, StoreError>;
    /// Attaches evidence of a breach's reach; its `seq` is the next for the incident.
    fn insert_incident_impact(&mut self, row: &IncidentImpactRow) -> Result<(), StoreError>;
    /// An incident's evidence, oldest first.
    fn incident_impacts(&mut self, incident_id: Uuid) -> Result<Vec<IncidentImpactRow>, StoreError>;
    /// The shop's playbook for a kind, in order; empty when it uses the built-in one.
    fn playbook(&mut self, kind: &str) -> Result<Vec<PlaybookRow>, StoreError>;
    /// Replaces the shop's playbook for `rows`' kind (`kind`), or removes it when `rows` is empty.
    fn set_playbook(&mut self, kind: &str, rows: &[PlaybookRow]) -> Result<(), StoreError>;
    /// Keeps a version of an incident's letter; its `seq` is the next for the incident.
    fn insert_incident_letter(&mut self, row: &IncidentLetterRow) -> Result<(), StoreError>;
    /// An incident's letters, every version, oldest first.
    fn incident_letters(&mut self, incident_id: Uuid) -> Result<Vec<IncidentLetterRow>, StoreError>;
    /// Sets an incident's breach record: its clock and its sealed details; false when there is
    /// no such incident.
    fn set_incident_breach(
        &mut self,
        id: Uuid,
        became_aware_at: i64,
        notified_at: Option<i64>,
        breach: &[u8],
        updated_at: i64,
    ) -> Result<bool, StoreError>;
}

/// Customers' requests under the GDPR.
pub trait RequestTx {
    /// Inserts a request and its data key.
    fn insert_request(&mut self, row: &RequestRow) -> Result<(), StoreError>;
    /// One request; on PostgreSQL its row is locked until the transaction ends (a change reads it
    /// first).
    fn request(&mut self, id: Uuid) -> Result<Option<RequestRow>, StoreError>;
    /// Requests, those still pending first by due day, then the latest closed; at most `limit`.
    /// Only those still pending when `pending_only`; only one customer's when `customer` is given.
    fn requests(&mut self, pending_only: bool, customer: Option<Uuid>, limit: usize) -> Result<Vec<RequestRow>, StoreError>;
    /// Sets a request's status, due day, identity flag and sealed value; false when there is no
    /// such request or it changed since it was read (`read_at`, its `updated_at` then).
    fn update_request(&mut self, row: &RequestRow, read_at: i64) -> Result<bool, StoreError>;
    /// Moves every request of `from` to `to` (a merge); how many moved.
    fn move_requests(&mut self, from: Uuid, to: Uuid) -> Result<u64, StoreError>;
}

/// The shop's password vault.
pub trait SecretTx {
    /// Inserts an entry and its data key.
    fn insert_secret(&mut self, row: &SecretRow) -> Result<(), StoreError>;
    /// One entry; on PostgreSQL its row is locked until the transaction ends (a change reads it
    /// first).
    fn secret(&mut self, id: Uuid) -> Result<Option<SecretRow>, StoreError>;
    /// Every entry, the oldest first, at most `limit`.
    fn secrets(&mut self, limit: usize) -> Result<Vec<SecretRow>, StoreError>;
    /// How many entries there are.
    fn count_secrets(&mut self) -> Result<u64, StoreError>;
    /// Sets an entry's sealed values and `updated_at`; false when there is no such entry or it
    /// changed since it was read (`read_at`, its `updated_at` then).
    fn update_secret(&mut self, row: &SecretRow, read_at: i64) -> Result<bool, StoreError>;
    /// Deletes an entry and destroys its data key; false when there was none.
    fn delete_secret(&mut self, id: Uuid) -> Result<bool, StoreError>;
}

/// The shop's settings kept in the vault: one value per name (sealed by the app).
pub trait SettingTx {
    /// The value saved under `name`, and when.
    fn setting(&mut self, name: &str) -> Result<Option<(String, i64)>, StoreError>;
    fn set_setting(&mut self, name: &str, value: &str, updated_at: i64) -> Result<(), StoreError>;
    /// When the value under `name` was saved, without reading it (a large one, to see whether
    /// a copy at hand is still current).
    fn setting_updated_at(&mut self, name: &str) -> Result<Option<i64>, StoreError>;
    /// The desk's items of `kind`, in the order of their ids (made in time order).
    fn desk_items(&mut self, kind: &str) -> Result<Vec<DeskItemRow>, StoreError>;
    fn desk_item(&mut self, kind: &str, id: Uuid) -> Result<Option<DeskItemRow>, StoreError>;
    /// Inserts `row` when `read_at` is `None` and there is none with its kind and id, or
    /// replaces the one last saved at `read_at`; false (nothing written) otherwise.
    fn put_desk_item(&mut self, row: &DeskItemRow, read_at: Option<i64>) -> Result<bool, StoreError>;
    /// Serialises adding items with every other transaction that does (a limit or a
    /// one-of-each check read before the insert): an advisory lock on PostgreSQL; SQLite's
    /// writers are one at a time already.
    fn lock_desk_items(&mut self) -> Result<(), StoreError>;
    /// Deletes an item; false when there was none.
    fn delete_desk_item(&mut self, kind: &str, id: Uuid) -> Result<bool, StoreError>;
}

/// Erasure with legal holds and restriction (GDPR Art. 17, 18).
pub trait ErasureTx {
    /// Marks a customer restricted (only stored, opened for a legal claim) or lifts it; false
    /// when there is no such customer, or they were erased.
    fn set_customer_restricted(&mut self, id: Uuid, restricted: bool) -> Result<bool, StoreError>;
    /// When the customer was erased, if they were.
    fn customer_erased_at(&mut self, id: Uuid) -> Result<Option<i64>, StoreError>;
    /// Leaves a customer's row as a tombstone: its sealed columns emptied, `erased_at` set, the
    /// restriction lifted (nothing is left to restrict). False when there is no such customer.
    fn erase_customer_row(&mut self, id: Uuid, at: i64) -> Result<bool, StoreError>;
    /// Keeps a sale for the tax authority until `until` (`YYYY-MM-DD`) under its own data key
    /// `key` (its fields already sealed again under it with `move_record`).
    fn hold_purchase(&mut self, id: Uuid, until: &str, key: &DataKeyRow) -> Result<bool, StoreError>;
    /// Deletes a customer's sales that are not held (with their voids, refunds and links to
    /// identity checks) and all their workshop jobs: how many sales and jobs.
    fn delete_unheld_records(&mut self, customer_id: Uuid) -> Result<(u64, u64), StoreError>;
    /// The held sales of a customer: id and last day kept.
    fn held_purchases_of(&mut self, customer_id: Uuid) -> Result<Vec<(Uuid, String)>, StoreError>;
    /// Held sales whose keeping ended before `as_of`: id, customer and last day kept, the oldest
    /// first, at most `limit`.
    fn held_purchases_past(&mut self, as_of: &str, limit: usize) -> Result<Vec<(Uuid, Uuid, String)>, StoreError>;
    /// Writes the holder's fields of an identity record (`AmlHolderName`, `AmlHolderBirthDate`
    /// of `sealed`, sealed under the record's own key). False when there is no such record.
    fn set_aml_holder(&mut self, id: Uuid, sealed: &crate::SealedFields) -> Result<bool, StoreError>;
    /// Customers not erased nor restricted, last changed before `changed_before` (micros, their
    /// `updated_at`), with no sale or job from `since` (`YYYY-MM-DD`) on and no decision to keep
    /// them lasting to `today` or later, in id order, at most `limit`.
    fn inactive_customers(&mut self, changed_before: i64, since: &str, today: &str, limit: usize) -> Result<Vec<Uuid>, StoreError>;
    /// Whether this one customer is on the review list by the same rule as `inactive_customers`.
    fn customer_inactive(&mut self, id: Uuid, changed_before: i64, since: &str, today: &str) -> Result<bool, StoreError>;
    /// Keeps a customer after a review until `until`, replacing an earlier decision.
    fn keep_customer(&mut self, id: Uuid, until: &str, by: &str, at: i64, reason: &[u8]) -> Result<(), StoreError>;
    /// Deletes a held sale whose keeping ended: its voids and refunds, its link to an identity
    /// check, the row and its key. False when there was no such held sale.
    fn delete_held_purchase(&mut self, id: Uuid) -> Result<bool, StoreError>;
}

/// The shop's mail settings and its outbox.
pub trait MailTx {
    /// The sealed settings and when they were saved.
    fn mail_settings(&mut self) -> Result<Option<(Vec<u8>, i64)>, StoreError>;
    fn set_mail_settings(&mut self, sealed: &[u8], updated_at: i64) -> Result<(), StoreError>;
    /// Queues a message; false (and nothing written) when that customer already has a letter
    /// about that incident.
    fn insert_mail(&mut self, row: &MailRow) -> Result<bool, StoreError>;
    fn mail(&mut self, id: Uuid) -> Result<Option<MailRow>, StoreError>;
    /// Queued messages, the oldest first, at most `limit`.
    fn queued_mail(&mut self, limit: usize) -> Result<Vec<MailRow>, StoreError>;
    /// The outbox, the latest first, at most `limit`: one incident's messages, or all; only
    /// those a person should look at (failed, handing, held) when `attention_only`.
    fn outbox(&mut self, incident_id: Option<Uuid>, attention_only: bool, limit: usize) -> Result<Vec<MailRow>, StoreError>;
    /// Holds every queued or handing message (after a restore: what was waiting then may have
    /// gone since); how many.
    fn hold_mail(&mut self, at: i64) -> Result<u64, StoreError>;
    /// How many messages there are in each state (one incident's, or all).
    fn mail_counts(&mut self, incident_id: Option<Uuid>) -> Result<Vec<(String, i64)>, StoreError>;
    /// Moves a message from the state `from` to `to`, counting an attempt when `attempt`;
    /// false when it was not in `from` (another sender took it, or a person changed it).
    fn move_mail(&mut self, change: &MailMove<'_>) -> Result<bool, StoreError>;
}

/// A message's step from one state to the next.
#[derive(Debug)]
pub struct MailMove<'a> {
    pub id: Uuid,
    pub from: &'a str,
    pub to: &'a str,
    pub attempt: bool,
    /// The refusal to keep (sealed), or `None` to clear it.
    pub reason: Option<&'a [u8]>,
    pub at: i64,
    pub sent_at: Option<i64>,
}

/// The keyring: master keys and the data keys they wrap.
pub trait KeyringTx {
    fn keyring_meta(&mut self) -> Result<Option<KeyringMeta>, StoreError>;
    fn insert_keyring_meta(&mut self, meta: &KeyringMeta) -> Result<(), StoreError>;
    fn master_keys(&mut self) -> Result<Vec<MasterKeyRow>, StoreError>;
    fn insert_master_key(&mut self, row: &MasterKeyRow) -> Result<(), StoreError>;
    fn set_master_key_state(&mut self, version: u32, state: MasterKeyState) -> Result<(), StoreError>;
    /// Deletes a retired master key version's wrapped key. Fails while any data key uses it.
    fn delete_master_key(&mut self, version: u32) -> Result<(), StoreError>;
    fn insert_data_keys(&mut self, rows: &[DataKeyRow]) -> Result<(), StoreError>;
    fn data_key(&mut self, owner_kind: OwnerKind, owner_id: Uuid) -> Result<Option<DataKeyRow>, StoreError>;
    /// Up to `limit` data keys wrapped by a master key version older than `master_version`.
    fn data_keys_older_than(&mut self, master_version: u32, limit: usize) -> Result<Vec<DataKeyRow>, StoreError>;
    /// Replaces the wrapping of existing data keys (key rotation); the keys themselves are unchanged.
    fn update_data_key_wraps(&mut self, rows: &[DataKeyRow]) -> Result<(), StoreError>;
    /// How many data keys each master key version wraps.
    fn data_key_counts(&mut self) -> Result<Vec<(u32, u64)>, StoreError>;
    /// Whether the one-time upgrade `name` was done.
    fn upgrade_done(&mut self, name: &str) -> Result<bool, StoreError>;
    /// Records the one-time upgrade `name` as done at `at` (once; a second record is kept as the first).
    fn mark_upgrade_done(&mut self, name: &str, at: i64) -> Result<(), StoreError>;
    /// Crypto-shredding: deletes a wrapped data key so every value sealed with it is unreadable
    /// for good. Returns whether there was a key. SQLite's `secure_delete` overwrites the bytes.
    fn destroy_data_key(&mut self, owner_kind: OwnerKind, owner_id: Uuid) -> Result<bool, StoreError>;
}

/// Customers and their blind indexes.
pub trait CustomerTx {
    fn insert_customers(&mut self, rows: &[NewCustomerRows]) -> Result<(), StoreError>;
    /// Replaces a customer's sealed fields and all their blind-index entries.
    fn update_customer(&mut self, row: &CustomerRow, index: &[BlindIndexEntry]) -> Result<(), StoreError>;
    fn customer(&mut self, id: Uuid) -> Result<Option<CustomerRow>, StoreError>;
    /// Customers in id (creation) order after `after`, at most `limit`.
    fn customers_page(&mut self, after: Option<Uuid>, limit: usize) -> Result<Vec<CustomerRow>, StoreError>;
    fn count_customers(&mut self) -> Result<u64, StoreError>;
    /// Removes every blind-index entry of a customer (after crypto-shredding, so the index no
    /// longer links them to a value).
    fn delete_index_entries(&mut self, customer_id: Uuid) -> Result<(), StoreError>;
    /// Candidate customers whose entry in one blind index has this value (false positives included).
    fn customers_by_index(&mut self, entry: BlindIndexEntry) -> Result<Vec<Uuid>, StoreError>;
    /// Candidate customers with every one of `entries` (at least one), in id order after `after`,
    /// at most `limit`: one query that walks the first entry's ids and probes the others, and
    /// stops at `limit`, so a common name costs what the page shows, not what the shop holds.
    fn customers_by_all_indexes(&mut self, entries: &[BlindIndexEntry], after: Option<Uuid>, limit: usize)
    -> Result<Vec<Uuid>, StoreError>;
    /// Candidate customers with at least one of `entries`, each once, in id order after `after`,
    /// at most `limit`: an exact lookup asks every width its index may be stored at.
    fn customers_by_any_index(&mut self, entries: &[BlindIndexEntry], after: Option<Uuid>, limit: usize) -> Result<Vec<Uuid>, StoreError>;
    /// Customers in id order after `after` with no entry in index `index_id`, at most `limit`:
    /// those a newer index has not reached yet.
    fn customers_without_index(&mut self, index_id: u16, after: Option<Uuid>, limit: usize) -> Result<Vec<CustomerRow>, StoreError>;
    /// Adds blind-index entries to a customer (an entry already there is kept).
    fn add_index_entries(&mut self, customer_id: Uuid, entries: &[BlindIndexEntry]) -> Result<(), StoreError>;
}

/// Purchases, workshop jobs and AML identity records.
pub trait RecordTx {
    fn insert_purchase(&mut self, row: &PurchaseRow) -> Result<(), StoreError>;
    fn purchases_of(&mut self, customer_id: Uuid) -> Result<Vec<PurchaseRow>, StoreError>;
    /// One purchase, locked against other writers until the transaction ends (PostgreSQL:
    /// `FOR UPDATE`; SQLite's write transactions hold the whole database), so two refunds at
    /// once cannot give back more than the sale.
    fn purchase_for_update(&mut self, id: Uuid) -> Result<Option<PurchaseRow>, StoreError>;
    fn insert_sale_correction(&mut self, row: &SaleCorrectionRow) -> Result<(), StoreError>;
    /// A customer's voids and refunds, oldest first.
    fn sale_corrections_of(&mut self, customer_id: Uuid) -> Result<Vec<SaleCorrectionRow>, StoreError>;
    /// Gives a purchase, sale correction or repair (`kind`) to another customer, its fields sealed
    /// again under that customer's key: a merge of two customers. False when there is no such record.
    fn move_record(&mut self, kind: RecordKind, id: Uuid, customer_id: Uuid, sealed: &SealedFields) -> Result<bool, StoreError>;
    /// Gives an AML identity record to another customer (it keeps its own key).
    fn move_aml_record(&mut self, id: Uuid, customer_id: Uuid) -> Result<bool, StoreError>;
    /// AML identity records whose keeping ended before `as_of` (`retention_ends < as_of`,
    /// `YYYY-MM-DD`) and whose key still exists: id, customer and `retention_ends`, the oldest
    /// first, at most `limit`.
    fn aml_records_past(&mut self, as_of: &str, limit: usize) -> Result<Vec<(Uuid, Uuid, String)>, StoreError>;
    /// Deletes an AML identity record's contents: its sealed fields emptied and its key
    /// destroyed. The row stays (ids and dates, nothing personal) as the mark that its sale was
    /// checked. False when its key was gone already.
    fn shred_aml_record(&mut self, id: Uuid) -> Result<bool, StoreError>;
    /// Links an identity check to the sale it was made for (a sale has at most one).
    fn link_checked_sale(&mut self, purchase_id: Uuid, aml_record_id: Uuid) -> Result<(), StoreError>;
    /// Sales of at least `min_total_minor` in `currency` (cash ones only when `cash_only`) with no
    /// identity check linked and not voided, latest first, at most `limit`.
    fn sales_needing_check(
        &mut self,
        currency: &str,
        min_total_minor: i64,
        cash_only: bool,
        limit: usize,
    ) -> Result<Vec<PurchaseRow>, StoreError>;
    fn insert_repair(&mut self, row: &RepairRow) -> Result<(), StoreError>;
    fn repairs_of(&mut self, customer_id: Uuid) -> Result<Vec<RepairRow>, StoreError>;
    fn repair(&mut self, id: Uuid) -> Result<Option<RepairRow>, StoreError>;
    /// Moves a workshop job from status `from` to `to` at `at` (plaintext columns: the board
    /// needs no keys), remembering `from` so the move can be undone; false when there is no such
    /// job or it is no longer at `from` (someone else moved it meanwhile), so concurrent moves on
    /// PostgreSQL cannot send a job backwards.
    fn set_repair_status(&mut self, id: Uuid, from: &str, to: &str, at: i64) -> Result<bool, StoreError>;
    /// Undoes a job's last move: back from `current` to `previous`, only while the job is still at
    /// `current` having come from `previous`; false otherwise.
    fn undo_repair_status(&mut self, id: Uuid, current: &str, previous: &str, at: i64) -> Result<bool, StoreError>;
    /// Jobs of one status, soonest promised first (those without a promised day last), skipping
    /// `offset`, at most `limit`.
    fn repairs_with_status(&mut self, status: &str, offset: usize, limit: usize) -> Result<Vec<RepairRow>, StoreError>;
    /// Jobs of one status that moved there at or after `since`, the latest first, at most `limit`.
    fn repairs_moved_since(&mut self, status: &str, since: i64, limit: usize) -> Result<Vec<RepairRow>, StoreError>;
    /// How many jobs of each status there are, collected ones left out.
    fn open_repair_counts(&mut self) -> Result<Vec<(String, u64)>, StoreError>;
    /// The latest day (`YYYY-MM-DD`) each of these customers bought something (`purchases`) or
    /// brought something in (`repairs`); customers with neither are left out.
    fn last_visits(&mut self, customer_ids: &[Uuid], purchases: bool, repairs: bool) -> Result<Vec<(Uuid, String)>, StoreError>;
    /// The job with this ticket code.
    fn repair_by_ticket(&mut self, ticket: &str) -> Result<Option<RepairRow>, StoreError>;
    /// The number the next job whose ticket starts with `prefix` gets (one more than the highest
    /// so far). On PostgreSQL it holds a lock until the transaction ends, so two instances taking
    /// in jobs at once cannot give out the same number.
    fn next_ticket_number(&mut self, prefix: &str) -> Result<u32, StoreError>;
    fn insert_aml_record(&mut self, row: &AmlRecordRow) -> Result<(), StoreError>;
    fn aml_records_of(&mut self, customer_id: Uuid) -> Result<Vec<AmlRecordRow>, StoreError>;
}

/// The audit trail: its events, its Merkle tree and its signed checkpoints.
///
/// Append-only: sequence numbers are contiguous from 0 and are the leaf indexes of the Merkle
/// tree kept beside the events.
pub trait AuditTx {
    /// Appends events in order, extends the Merkle tree over them in the same transaction, and
    /// returns the sequence number given to the first. Refuses when the stored events and tree
    /// already disagree.
    fn append_audit_events(&mut self, events: &[AuditEvent]) -> Result<u64, StoreError>;
    /// The tree's right edge: its size and peaks.
    fn audit_frontier(&mut self) -> Result<Frontier, StoreError>;
    /// The root of one perfect subtree (level 0: a leaf hash), if stored.
    fn audit_subtree(&mut self, level: u32, index: u64) -> Result<Option<Hash>, StoreError>;
    /// Stored subtree roots of one level from `from` on, in index order, at most `limit`.
    fn audit_subtrees(&mut self, level: u32, from: u64, limit: usize) -> Result<Vec<(u64, Hash)>, StoreError>;
    /// Stores a checkpoint; one of the same size already there (another instance was quicker)
    /// is kept.
    fn insert_checkpoint(&mut self, checkpoint: &CheckpointRow) -> Result<(), StoreError>;
    /// Every stored checkpoint, smallest size first.
    fn checkpoints(&mut self) -> Result<Vec<CheckpointRow>, StoreError>;
    /// The signed note of every stored checkpoint, smallest size first: what the verifier
    /// still reads when another column of a checkpoint row cannot be read. `None` for a note
    /// that is not text.
    fn checkpoint_notes(&mut self) -> Result<Vec<Option<String>>, StoreError>;
    /// How many event rows have a negative sequence number. Only a hand edit makes one (the
    /// PostgreSQL column refuses them); they are not part of the log and no query returns them.
    fn stray_audit_events(&mut self) -> Result<u64, StoreError>;
    /// Events from sequence number `from`, at most `limit`, in order.
    fn audit_events(&mut self, from: u64, limit: usize) -> Result<Vec<(u64, AuditEvent)>, StoreError>;
    /// The sequence numbers of the events from `from` on, at most `limit`, in order (only that
    /// column: the verifier learns where an unreadable row is, and whether a gap precedes it).
    fn audit_event_seqs(&mut self, from: u64, limit: usize) -> Result<Vec<u64>, StoreError>;
    /// Events matching `filter`, in sequence order, at most `filter.limit`.
    fn query_audit_events(&mut self, filter: &AuditFilter) -> Result<Vec<(u64, AuditEvent)>, StoreError>;
    /// The events between `bounds[0]` and the last bound (µs since the epoch; at most 64
    /// bounds, rising) counted by window, action and outcome, in that order; never their
    /// details. One pass over the trail.
    fn audit_window_counts(&mut self, bounds: &[i64]) -> Result<Vec<AuditWindowCount>, StoreError>;
}

/// Staff accounts and their recovery codes.
pub trait StaffTx {
    /// Adds an account; fails with a conflict if the user name is taken.
    fn insert_staff(&mut self, row: &StaffRow) -> Result<(), StoreError>;
    /// Writes every column of an existing account (by id).
    fn update_staff(&mut self, row: &StaffRow) -> Result<(), StoreError>;
    fn staff(&mut self, id: Uuid) -> Result<Option<StaffRow>, StoreError>;
    fn staff_by_name(&mut self, username: &str) -> Result<Option<StaffRow>, StoreError>;
    /// Every account, by user name.
    fn all_staff(&mut self) -> Result<Vec<StaffRow>, StoreError>;
    /// Replaces all of an account's recovery codes (hashes) with new unused ones.
    fn replace_recovery_codes(&mut self, staff_id: Uuid, hashes: &[[u8; 32]]) -> Result<(), StoreError>;
    /// Marks an unused recovery code used; whether there was one.
    fn use_recovery_code(&mut self, staff_id: Uuid, hash: &[u8; 32], at: i64) -> Result<bool, StoreError>;
    fn unused_recovery_codes(&mut self, staff_id: Uuid) -> Result<u32, StoreError>;
    /// Every stored recovery code hash of an account, used or not (for re-keying them).
    fn recovery_code_hashes(&mut self, staff_id: Uuid) -> Result<Vec<Vec<u8>>, StoreError>;
    /// Replaces one stored recovery code hash with another, keeping whether it was used.
    fn rekey_recovery_code(&mut self, staff_id: Uuid, old: &[u8], new: &[u8; 32]) -> Result<(), StoreError>;
}

/// Sign-in sessions.
pub trait SessionTx {
    fn insert_session(&mut self, row: &SessionRow) -> Result<(), StoreError>;
    fn session(&mut self, id_hash: &[u8; 32]) -> Result<Option<SessionRow>, StoreError>;
    /// Writes the changing columns of a session: last seen, second factor, step-up.
    fn update_session(&mut self, row: &SessionRow) -> Result<(), StoreError>;
    /// Every session, oldest first (for checking their MACs).
    fn all_sessions(&mut self) -> Result<Vec<SessionRow>, StoreError>;
    /// An account's sessions, newest first.
    fn sessions_of(&mut self, staff_id: Uuid) -> Result<Vec<SessionRow>, StoreError>;
    fn delete_session(&mut self, id_hash: &[u8; 32]) -> Result<bool, StoreError>;
    /// Ends every session of an account except `keep`; how many ended.
    fn delete_sessions_of(&mut self, staff_id: Uuid, keep: Option<&[u8; 32]>) -> Result<u64, StoreError>;
    /// Deletes sessions idle since before `idle_before` or begun before `created_before`.
    fn delete_expired_sessions(&mut self, idle_before: i64, created_before: i64) -> Result<u64, StoreError>;
}

/// API tokens and the idempotency keys of their creates.
pub trait TokenTx {
    fn insert_api_token(&mut self, row: &ApiTokenRow) -> Result<(), StoreError>;
    fn api_token_by_hash(&mut self, token_hash: &[u8; 32]) -> Result<Option<ApiTokenRow>, StoreError>;
    fn api_token(&mut self, id: Uuid) -> Result<Option<ApiTokenRow>, StoreError>;
    /// Every token, oldest first.
    fn api_tokens(&mut self) -> Result<Vec<ApiTokenRow>, StoreError>;
    /// Writes every column of an existing token (by id).
    fn update_api_token(&mut self, row: &ApiTokenRow) -> Result<(), StoreError>;
    /// Claims `(row.actor, row.key)` for this transaction and returns `None`, or returns the row
    /// already there. On PostgreSQL a claim by a transaction still running waits for its end, so
    /// two concurrent retries cannot both create.
    fn claim_idempotency_key(&mut self, row: &IdempotencyRow) -> Result<Option<IdempotencyRow>, StoreError>;
    /// Records what the claimed request created.
    fn finish_idempotency_key(&mut self, actor: &str, key: &str, result_id: Uuid) -> Result<(), StoreError>;
    /// Forgets keys claimed before `created_before`; how many.
    fn purge_idempotency_keys(&mut self, created_before: i64) -> Result<u64, StoreError>;
}

/// The progress of imports, so an interrupted one resumes.
pub trait ImportTx {
    fn import_progress(&mut self, file_digest: &[u8; 32]) -> Result<Option<ImportProgress>, StoreError>;
    /// Records an import's progress if the stored progress of that file is still where this run
    /// left it: no row when `expected_rows_done` is `None`, an unfinished one at that many rows
    /// otherwise. `false` (nothing written) means another run of the same file got there first;
    /// the caller must roll back its batch, or every row would be imported twice.
    fn save_import_progress(&mut self, progress: &ImportProgress, expected_rows_done: Option<u64>) -> Result<bool, StoreError>;
}

/// Backups: every table read as typed cells, and an empty database given a schema and filled
/// from them, all in one transaction so a restore that stops half-way leaves nothing behind.
pub trait BackupTx {
    /// The schema version of this database: 0 when it holds no vault.
    fn schema_version(&mut self) -> Result<u32, StoreError>;
    /// Migrates the schema from its version up to `version`, inside this transaction.
    fn migrate_to(&mut self, version: u32) -> Result<(), StoreError>;
    /// Reads every row of `columns` of `table`, handing each to `row`; returns how many.
    fn dump_table(
        &mut self,
        table: &str,
        columns: &[Column],
        row: &mut dyn FnMut(Vec<Cell>) -> Result<(), StoreError>,
    ) -> Result<u64, StoreError>;
    /// Inserts `rows` into `columns` of `table`.
    fn load_rows(&mut self, table: &str, columns: &[Column], rows: &[Vec<Cell>]) -> Result<(), StoreError>;
    /// Drops the secondary indexes (rows load several times faster without them, and an index
    /// built once after is smaller) and returns the statements that make them again.
    fn suspend_indexes(&mut self) -> Result<Vec<String>, StoreError>;
    /// Makes the indexes [`BackupTx::suspend_indexes`] dropped again.
    fn resume_indexes(&mut self, statements: &[String]) -> Result<(), StoreError>;
    /// The names of every table in the database, and each one's columns with their declared
    /// types (for the contract test that keeps [`crate::BACKUP_TABLES`] true).
    fn table_columns(&mut self) -> Result<SchemaTables, StoreError>;
}
