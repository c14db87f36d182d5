//! What the store reads and writes: sealed bytes, plaintext bookkeeping columns, wrapped keys.
//!
//! Plaintext columns are limited to what is not identifying on its own and is needed to work
//! without keys (ids, timestamps, dates a retention job must see, amounts for the books, job
//! status for the workshop board); ARCHITECTURE.md lists them.

use std::fmt;

use strongroom_domain::{Field, RecordKind, Role};
use uuid::Uuid;

use crate::StoreError;

/// The sealed personal fields of one record, by field. Absent fields are NULL columns.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct SealedFields(Vec<(Field, Vec<u8>)>);

impl SealedFields {
    pub fn new() -> SealedFields {
        SealedFields(Vec::new())
    }

    /// Sets a field's sealed bytes, replacing any earlier value.
    pub fn set(&mut self, field: Field, sealed: Vec<u8>) {
        self.0.retain(|(existing, _)| *existing != field);
        self.0.push((field, sealed));
    }

    pub fn get(&self, field: Field) -> Option<&[u8]> {
        self.0.iter().find(|(existing, _)| *existing == field).map(|(_, sealed)| sealed.as_slice())
    }

    pub fn iter(&self) -> impl Iterator<Item = (Field, &[u8])> {
        self.0.iter().map(|(field, sealed)| (*field, sealed.as_slice()))
    }

    /// The values in the column order of `kind`'s table (`Field::of(kind)`), NULL where absent.
    pub(crate) fn columns(&self, kind: RecordKind) -> Vec<Option<&[u8]>> {
        Field::of(kind).map(|field| self.get(field)).collect()
    }

    pub(crate) fn from_columns(kind: RecordKind, columns: Vec<Option<Vec<u8>>>) -> SealedFields {
        SealedFields(Field::of(kind).zip(columns).filter_map(|(field, value)| value.map(|v| (field, v))).collect())
    }
}

impl fmt::Debug for SealedFields {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.0.iter().map(|(field, sealed)| (field.name(), sealed.len()))).finish()
    }
}

/// A customer row: sealed fields plus creation and update times (microseconds since the epoch).
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct CustomerRow {
    pub id: Uuid,
    pub created_at: i64,
    pub updated_at: i64,
    /// Restricted at the person's request (GDPR Art. 18): opened only for a legal claim. Read
    /// from the row; written only by `set_customer_restricted`.
    pub restricted: bool,
    pub sealed: SealedFields,
}

/// One entry of a blind index: which index (a small number chosen by `app`) and the truncated HMAC.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct BlindIndexEntry {
    pub index_id: u16,
    pub value: u32,
}

/// Everything a new customer consists of, written together.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct NewCustomerRows {
    pub customer: CustomerRow,
    pub data_key: DataKeyRow,
    pub index: Vec<BlindIndexEntry>,
}

#[derive(Clone, PartialEq, Eq, Debug)]
pub struct PurchaseRow {
    pub id: Uuid,
    pub customer_id: Uuid,
    /// `YYYY-MM-DD`.
    pub purchased_on: String,
    pub total_minor: i64,
    pub currency: String,
    pub paid_in_cash: bool,
    pub created_at: i64,
    pub sealed: SealedFields,
}

/// A void or refund of a purchase: the amount in the clear, the reason sealed.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct SaleCorrectionRow {
    pub id: Uuid,
    pub purchase_id: Uuid,
    pub customer_id: Uuid,
    /// `void` or `refund`.
    pub kind: String,
    pub amount_minor: i64,
    pub created_at: i64,
    pub sealed: SealedFields,
}

#[derive(Clone, PartialEq, Eq, Debug)]
pub struct RepairRow {
    pub id: Uuid,
    pub customer_id: Uuid,
    pub kind: String,
    pub status: String,
    pub received_on: String,
    pub promised_on: Option<String>,
    pub created_at: i64,
    /// The job's ticket code (`R-2412-037`), unique.
    pub ticket: String,
    /// The status before the last move, while it can be undone.
    pub previous_status: Option<String>,
    /// When the job last moved on the board (microseconds).
    pub moved_at: Option<i64>,
    pub sealed: SealedFields,
}

/// An AML identity record. It has its own data key, written with it, because it must outlive
/// the erasure of its customer until its retention ends (GDPR Art. 17(3)(b)).
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct AmlRecordRow {
    pub id: Uuid,
    pub customer_id: Uuid,
    pub transaction_date: String,
    pub retention_ends: String,
    pub created_at: i64,
    pub sealed: SealedFields,
    pub data_key: DataKeyRow,
}

/// Which parts of a customer's record a whole-record read takes ([`crate::Tx::customer_record`]),
/// as far as the reader may see them.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct RecordParts {
    /// Purchases, with their voids and refunds.
    pub purchases: bool,
    pub repairs: bool,
    pub aml_records: bool,
}

/// A customer's whole record as stored: their row, their data key (`None` once destroyed) and
/// the parts asked for (`None` for a part not asked for).
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct CustomerRecordRows {
    pub customer: CustomerRow,
    pub data_key: Option<DataKeyRow>,
    pub purchases: Option<(Vec<PurchaseRow>, Vec<SaleCorrectionRow>)>,
    pub repairs: Option<Vec<RepairRow>>,
    pub aml_records: Option<Vec<AmlRecordRow>>,
}

/// A message in the outbox: what it is and where it stands in plain, the message itself sealed.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct MailRow {
    pub id: Uuid,
    /// `test`, `alert` or `letter`.
    pub kind: String,
    pub incident_id: Option<Uuid>,
    /// A customer's letter: sealed under that customer's data key.
    pub customer_id: Option<Uuid>,
    pub sealed: Vec<u8>,
    /// `queued`, `handing`, `sent`, `failed` or `cancelled`.
    pub state: String,
    pub attempts: i64,
    /// The mail server's last refusal, sealed like the message (it may quote the address).
    pub reason: Option<Vec<u8>>,
    pub queued_at: i64,
    pub updated_at: i64,
    pub sent_at: Option<i64>,
}

/// An incident in the register: plain kind, status and times, the summary sealed under the
/// incident's own data key.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct IncidentRow {
    pub id: Uuid,
    pub kind: String,
    pub status: String,
    pub reported_by: String,
    pub reported_at: i64,
    pub occurred_at: Option<i64>,
    pub updated_at: i64,
    /// ENISA's six numbers in quarters, once assessed.
    pub severity: Option<Vec<u8>>,
    pub summary: Vec<u8>,
    /// The breach clock, plain so the countdown needs no key: when the shop became aware, and
    /// when the authority was told.
    pub became_aware_at: Option<i64>,
    pub notified_at: Option<i64>,
    /// The breach record's details, sealed under the incident's key.
    pub breach: Option<Vec<u8>>,
    /// A made-up incident to practise the response, never a real breach.
    pub drill: bool,
    pub data_key: DataKeyRow,
}

/// A customer's request under the GDPR (`privacy_requests`).
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct RequestRow {
    pub id: Uuid,
    pub customer_id: Uuid,
    pub kind: String,
    pub channel: String,
    pub status: String,
    /// `YYYY-MM-DD`, the shop's calendar.
    pub received_on: String,
    pub due_on: String,
    pub opened_by: String,
    pub opened_at: i64,
    pub updated_at: i64,
    /// Whether the person's identity check was recorded (its words are in `sealed`).
    pub identity_checked: bool,
    pub closed_at: Option<i64>,
    /// What was written about it, one JSON value sealed under the request's key.
    pub sealed: Vec<u8>,
    pub data_key: DataKeyRow,
}

/// An entry of the shop's password vault (`shop_secrets`).
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct SecretRow {
    pub id: Uuid,
    pub created_at: i64,
    pub updated_at: i64,
    /// What the list shows, one JSON value sealed under the entry's key.
    pub info: Vec<u8>,
    /// The password and TOTP secret, sealed under the same key apart from the rest.
    pub secret: Vec<u8>,
    pub data_key: DataKeyRow,
}

/// One response step of an incident.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct IncidentTaskRow {
    pub incident_id: Uuid,
    pub seq: i64,
    pub step: String,
    pub due_at: i64,
    pub done_at: Option<i64>,
    pub done_by: Option<String>,
    /// An own step's words, sealed under the incident's key.
    pub text: Option<Vec<u8>>,
}

/// An item of the owner's security desk (a device, a risk, a finding): its kind and id plain,
/// the rest sealed by the app.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct DeskItemRow {
    pub kind: String,
    pub id: Uuid,
    pub body: Vec<u8>,
    pub updated_at: i64,
}

/// A step of the shop's own playbook for a kind of incident.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct PlaybookRow {
    pub kind: String,
    pub seq: i64,
    /// A built-in step's key, or `own`.
    pub step: String,
    /// An own step's words, sealed under the staff-secrets key.
    pub text: Option<Vec<u8>>,
    pub hours: i64,
}

/// Evidence of a breach's reach, from the audit trail: one account over one window.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct IncidentImpactRow {
    pub incident_id: Uuid,
    pub seq: i64,
    pub account: String,
    pub since: i64,
    pub until: i64,
    pub customers: i64,
    pub records_opened: i64,
    /// `category=count` pairs separated by `;`.
    pub categories: String,
    /// The customers' ids, 16 bytes each.
    pub customer_ids: Vec<u8>,
    pub created_at: i64,
}

/// A saved version of an incident's letter; subject and text sealed under the incident's key.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct IncidentLetterRow {
    pub incident_id: Uuid,
    pub seq: i64,
    /// `authority`, `customers` or `staff`.
    pub audience: String,
    pub language: String,
    pub saved_by: String,
    pub saved_at: i64,
    /// When it went to its audience; `None` for a draft kept.
    pub sent_at: Option<i64>,
    pub sealed: Vec<u8>,
}

/// Whose data key a row is.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum OwnerKind {
    Customer,
    AmlRecord,
    /// The blind-index root key (one per vault, id nil).
    BlindIndexRoot,
    /// The audit log's Ed25519 signing key seed (one per vault, id nil).
    AuditLogKey,
    /// The key that seals staff members' TOTP secrets (one per vault, id nil).
    StaffSecrets,
    /// An incident's own key, sealing its summary.
    Incident,
    /// A customer's request's own key, sealing what was written about it.
    Request,
    /// The own key of a sale kept for the tax authority after its customer was erased.
    SaleHold,
    /// An entry of the shop's password vault's own key.
    ShopSecret,
}

impl OwnerKind {
    pub fn as_str(&self) -> &'static str {
        match self {
            OwnerKind::Customer => "customer",
            OwnerKind::AmlRecord => "aml_record",
            OwnerKind::BlindIndexRoot => "blind_index_root",
            OwnerKind::AuditLogKey => "audit_log_key",
            OwnerKind::StaffSecrets => "staff_secrets",
            OwnerKind::Incident => "incident",
            OwnerKind::Request => "request",
            OwnerKind::SaleHold => "sale_hold",
            OwnerKind::ShopSecret => "shop_secret",
        }
    }

    pub(crate) fn code(&self) -> i16 {
        match self {
            OwnerKind::Customer => 1,
            OwnerKind::AmlRecord => 2,
            OwnerKind::BlindIndexRoot => 3,
            OwnerKind::AuditLogKey => 4,
            OwnerKind::StaffSecrets => 5,
            OwnerKind::Incident => 6,
            OwnerKind::Request => 7,
            OwnerKind::SaleHold => 8,
            OwnerKind::ShopSecret => 9,
        }
    }

    pub(crate) fn from_code(code: i64) -> Result<OwnerKind, StoreError> {
        match code {
            1 => Ok(OwnerKind::Customer),
            2 => Ok(OwnerKind::AmlRecord),
            3 => Ok(OwnerKind::BlindIndexRoot),
            4 => Ok(OwnerKind::AuditLogKey),
            5 => Ok(OwnerKind::StaffSecrets),
            6 => Ok(OwnerKind::Incident),
            7 => Ok(OwnerKind::Request),
            8 => Ok(OwnerKind::SaleHold),
            9 => Ok(OwnerKind::ShopSecret),
            other => Err(StoreError::Corrupt(format!("unknown data key owner kind {other}"))),
        }
    }
}

/// A wrapped data key and the master key version that wrapped it.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct DataKeyRow {
    pub owner_kind: OwnerKind,
    pub owner_id: Uuid,
    pub data_key_version: u32,
    pub master_version: u32,
    pub wrapped: Vec<u8>,
}

/// How the shop key is held.
#[derive(Clone, PartialEq, Eq, Debug)]
pub enum KeyProtection {
    KeyFile,
    /// Argon2id parameters and salt in `KdfParams::encode` form.
    Passphrase {
        kdf: String,
    },
}

/// The vault's key settings, written once at `init`.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct KeyringMeta {
    pub protection: KeyProtection,
    pub blind_index_bits: u32,
    pub demo: bool,
    pub created_at: i64,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum MasterKeyState {
    /// New data keys are wrapped with the active version; there is exactly one.
    Active,
    /// Still unwraps data keys not yet re-wrapped; wraps nothing new.
    Previous,
}

impl MasterKeyState {
    pub fn as_str(&self) -> &'static str {
        match self {
            MasterKeyState::Active => "active",
            MasterKeyState::Previous => "previous",
        }
    }

    pub(crate) fn parse(text: &str) -> Result<MasterKeyState, StoreError> {
        match text {
            "active" => Ok(MasterKeyState::Active),
            "previous" => Ok(MasterKeyState::Previous),
            other => Err(StoreError::Corrupt(format!("unknown master key state {other:?}"))),
        }
    }
}

#[derive(Clone, PartialEq, Eq, Debug)]
pub struct MasterKeyRow {
    pub version: u32,
    pub wrapped: Vec<u8>,
    pub state: MasterKeyState,
    pub created_at: i64,
}

/// How many events of one action ended one way in one window of time: the trail's statistics.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct AuditWindowCount {
    /// Which window: `bounds[window] <= at < bounds[window + 1]`.
    pub window: usize,
    pub action: String,
    pub outcome: String,
    pub count: u64,
}

/// Which audit events to return; every condition given must hold.
#[derive(Clone, PartialEq, Eq, Debug, Default)]
pub struct AuditFilter {
    pub target_id: Option<Uuid>,
    pub actor_name: Option<String>,
    pub action: Option<String>,
    /// Microseconds since the epoch, inclusive.
    pub since: Option<i64>,
    /// Microseconds since the epoch, exclusive.
    pub until: Option<i64>,
    /// Only events with a sequence number above this (for paging).
    pub after_seq: Option<u64>,
    /// Only events that ended this way ("allowed", "denied", "failed").
    pub outcome: Option<String>,
    /// The newest events first (the latest of a kind), instead of the oldest.
    pub newest_first: bool,
    pub limit: usize,
}

/// How far an import of one file (identified by its SHA-256) got.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct ImportProgress {
    pub file_digest: [u8; 32],
    pub rows_total: u64,
    /// Data rows (not lines) already dealt with, counted from the first data row: every row
    /// before this one is imported or rejected, and the next run starts here.
    pub rows_done: u64,
    pub rows_imported: u64,
    pub rows_rejected: u64,
    /// The length of the rejects file when this progress was committed: a resumed run cuts the
    /// file back to it, dropping rows written after the last commit.
    pub rejects_bytes: u64,
    pub started_at: i64,
    pub finished_at: Option<i64>,
}

/// Audit categories are stored as one comma-separated column; labels never contain commas.
pub(crate) fn split_categories(joined: &str) -> Vec<String> {
    joined.split(',').filter(|category| !category.is_empty()).map(str::to_owned).collect()
}

/// A staff account as stored. Secrets are hashes or sealed bytes; the `app` gate decides.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct StaffRow {
    pub id: Uuid,
    /// Normalised (`domain::StaffName`); unique.
    pub username: String,
    pub role: Role,
    pub disabled: bool,
    /// Argon2id PHC string; `None` until the person has enrolled.
    pub password_hash: Option<String>,
    pub password_changed_at: Option<i64>,
    pub must_change_password: bool,
    pub enrolment_code_hash: Option<Vec<u8>>,
    pub enrolment_expires_at: Option<i64>,
    /// Sealed TOTP secrets: the active one, and one shown at enrolment but not yet confirmed.
    pub totp_secret: Option<Vec<u8>>,
    pub totp_pending: Option<Vec<u8>>,
    pub totp_last_step: Option<i64>,
    /// WebAuthn credentials, JSON (the `app` crate's format).
    pub passkeys: Option<String>,
    pub failed_logins: u32,
    pub last_failed_at: Option<i64>,
    pub locked_at: Option<i64>,
    pub created_at: i64,
    /// The language of the person's pages: `en` or `nl`.
    pub language: String,
    /// Counts the times all the account's sessions were ended (password change or reset,
    /// lockout, disabling): a session's MAC covers the count it began under, so a copy of an
    /// ended session put back opens nothing.
    pub session_epoch: i64,
    /// The `app` gate's MAC over the row's security fields and id (`None` in a row written
    /// before rows carried one, or by someone without the shop key).
    pub row_mac: Option<Vec<u8>>,
}

/// A signed-in browser session, keyed by a MAC of its cookie value under a vault key.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct SessionRow {
    pub id_hash: [u8; 32],
    pub staff_id: Uuid,
    pub created_at: i64,
    pub last_seen_at: i64,
    /// When the second factor was given in this session (`None`: password only so far).
    pub second_factor_at: Option<i64>,
    /// When the person last proved themselves again for a sensitive action.
    pub step_up_at: Option<i64>,
    pub client_addr: Option<String>,
    /// The `app` gate's MAC over the session's id, account and sign-in times.
    pub row_mac: Option<Vec<u8>>,
}

/// An API token as stored: a MAC of it under a vault key, never the token.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct ApiTokenRow {
    pub id: Uuid,
    pub name: String,
    pub token_hash: [u8; 32],
    pub role: Role,
    /// Scope names, comma-separated (`customers:read,purchases:write`).
    pub scopes: String,
    pub created_by: String,
    pub created_at: i64,
    pub expires_at: Option<i64>,
    pub revoked_at: Option<i64>,
    pub last_used_at: Option<i64>,
    /// The `app` gate's MAC over the token's id, hash, role, scopes, expiry and revocation.
    pub row_mac: Option<Vec<u8>>,
}

pub(crate) fn role_from(text: &str) -> Result<Role, StoreError> {
    Role::parse(text).map_err(|_| StoreError::Corrupt(format!("unknown staff role {text:?}")))
}

/// An `Idempotency-Key` of an API create: who sent it, the key, a keyed digest of the request
/// (no personal data), and the record the first request created.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct IdempotencyRow {
    /// The sender, as `kind:id` of the actor (an API token's id, so a new token that reuses a
    /// revoked one's name never gets its answers).
    pub actor: String,
    pub key: String,
    pub request_digest: [u8; 32],
    pub result_id: Option<Uuid>,
    pub created_at: i64,
}

pub(crate) fn hash_from(bytes: &[u8]) -> Result<[u8; 32], StoreError> {
    bytes.try_into().map_err(|_| StoreError::Corrupt("a stored secret hash is not 32 bytes".into()))
}
