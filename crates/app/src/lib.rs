//! Strongroom's use-cases: the one gate to personal data.
//!
//! The server, the CLI and background jobs reach customer data only through [`Vault`]. Each
//! use-case takes the [`Actor`] doing it, checks the permission matrix, does its work and
//! appends its audit event in the same store transaction, reads included: if the event cannot be
//! written, the operation fails and nothing is disclosed. A refused attempt is recorded too.
//!
//! Sealing happens here: plaintext exists only in memory between the domain values handed in or
//! out and the sealed rows handed to `store`.

pub mod antivirus;
mod backups;
mod customers;
pub mod desk;
mod error;
mod incidents;
mod keyring;
mod mail;
mod privacy;
mod sealed_setting;
pub mod secrets;
mod staff;
mod trail;
pub mod training;

/// What the benchmarks in `strongroom-bench` measure against, and nothing else.
#[doc(hidden)]
pub mod measure;

/// Bodies of the fuzz targets in `fuzz/` for what the app reads from outside.
#[doc(hidden)]
pub mod fuzzing {
    pub use crate::customers::import::fuzz_csv_import as csv_import;
    pub use crate::desk::fuzz_desk_files as desk_files;
}

use std::fmt;
use std::sync::Mutex;

pub use backups::format::{Erasure, FORMAT_VERSION as BACKUP_FORMAT_VERSION, Manifest, TableCount};
pub use backups::kit::{KitSecret, RecoveryKit, recover_key_file};
pub use backups::plan::{
    BACKUP_OVERDUE_HOURS, BackupFile, BackupHealth, BackupOverview, BackupPlan, DestinationStatus, Drilled, TrailMark,
    expired as expired_backups,
};
pub use backups::settings::{BackupSettingsView, SettingsFrom};
pub use backups::{BACKUP_EXTENSION, BackupCheck, BackupMade, Restored, check_backup, erasures_since, restore_backup, restore_test};
pub use customers::import::{ImportFile, ImportOptions, ImportProgressEvent, ImportReport, ImportSource, ProblemCount, RowError};
pub use customers::merge::MergeReport;
pub use customers::once::{Created, IDEMPOTENCY_KEY_MICROS, Once};
pub use customers::records::{NewAmlRecord, NewCorrection, NewPurchase, NewRepair, TakenIn, UncheckedSale};
pub use customers::show::Answered;
pub use customers::workshop::{Board, BoardColumn, BoardQuery, WorkshopJob};
pub use customers::{AddedCustomer, CustomerPage, CustomerQuery, CustomerRecord, CustomerSummary, FIND_LIMIT, FoundCustomers};
pub use error::AppError;
pub use incidents::{
    Audience, Authority, BreachClock, INCIDENT_LIST_LIMIT, Impact, IncidentFile, Letter, LetterToKeep, LetterVersion, LettersQueued,
    MAX_STEP_HOURS, Playbook, PlaybookChange, PlaybookStep, SavedLetter, Task, TaskStep, TimelineEntry, WITHHELD, supervisory_authority,
};
pub use keyring::{InitOptions, KeySource, KeyStatus, MasterKeyStatus, RotationReport};
pub use mail::{
    Delivery, HANDING_GRACE_SECONDS, MailChange, MailConfig, MailKind, MailState, Outbox, OutboxEntry, PasswordChange, TrustedCa,
};
pub use privacy::{
    Closing, CustomerExport, DUE_SOON_DAYS, EXPORT_FORMAT, Erased, ErasurePlan, Inactive, LawSummary, MappedField, MarketingContact,
    Notice, OWN_PURPOSE, PastKeeping, PastSale, Place, PolicySummary, Processor, REQUEST_LIST_LIMIT, RETENTION_BATCH, REVIEW_LIMIT,
    ROPA_FORMAT, Recipient, RecipientKind, Request, RequestDue, RetentionRun, Ropa, ShopPart, Source, TAX_PURPOSE, erasure_reply,
    marketing_csv, restriction_reply,
};
pub use staff::passkeys::PasskeySummary;
pub use staff::security::{MAX_FAILURES, SecurityPolicy};
pub use staff::signin::{ClientInfo, NewSession, SessionStage, SessionSummary, SignedIn, TotpEnrolment};
pub use staff::tokens::{ApiTokenSummary, NewApiToken, TOKEN_PREFIX};
pub use staff::{Enrolment, StaffSummary};
pub use strongroom_audit::AuditEvent;
use strongroom_domain::{Actor, AmlRulePack, AuditAction, Country, Currency, Outcome, Permission, Purposes, RecordKind};
use strongroom_store::{RecordRead, Store, Tx};
pub use trail::queries::{AccessedBy, AccessedCustomer, AuditQuery};
pub use trail::{ConsistencyProof, InclusionProof, VerifyProblem, VerifyReport, check_consistency_proof, check_inclusion_proof};
use uuid::Uuid;

use crate::keyring::UnlockedKeyring;
use crate::trail::draft::EventDraft;

/// The shop's address and phone number, printed on what customers take home.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ShopContact {
    pub address: Option<String>,
    pub phone: Option<String>,
}

/// Shop settings the use-cases need.
#[derive(Debug, Clone, Copy)]
pub struct VaultSettings {
    /// The country national phone numbers belong to.
    pub default_country: Country,
    pub currency: Currency,
    /// A signed checkpoint of the audit log is made after this many new events …
    pub checkpoint_every_events: u64,
    /// … or when this many minutes have passed since the last one and there are new events.
    pub checkpoint_every_minutes: u64,
    /// How staff sign in.
    pub security: SecurityPolicy,
    /// When a sale needs the buyer's identity recorded: the shop's country's rules by default.
    pub aml_rules: AmlRulePack,
    /// How long an erased customer's sales are kept for the tax authority: the shop's
    /// country's term by default.
    pub tax_retention: strongroom_domain::TaxRetention,
    /// After how many years without a sale, a job or a change a customer is put on the review
    /// list (7 by default).
    pub review_after_years: u8,
}

impl VaultSettings {
    pub fn new(default_country: Country, currency: Currency) -> VaultSettings {
        VaultSettings {
            default_country,
            currency,
            checkpoint_every_events: 1000,
            checkpoint_every_minutes: 60,
            security: SecurityPolicy::default(),
            aml_rules: AmlRulePack::for_code(default_country.code()).unwrap_or(AmlRulePack::ALL[0]),
            tax_retention: strongroom_domain::TaxRetention::for_country(default_country.code(), None)
                .unwrap_or(strongroom_domain::TaxRetention::ALL[0]),
            review_after_years: 7,
        }
    }
}

/// An open vault: the store and the unlocked keys. Every personal-data operation is a method.
pub struct Vault {
    store: Box<dyn Store>,
    keys: UnlockedKeyring,
    settings: VaultSettings,
    demo: bool,
    /// The size and time of the latest checkpoint this process knows of. Another instance may
    /// have made a later one; the worst outcome is one checkpoint made a little early.
    checkpoint_clock: Mutex<(u64, i64)>,
    /// The purposes of access this shop accepts.
    purposes: Purposes,
    /// Hashes staff passwords.
    hasher: strongroom_identity::PasswordHasher,
    /// The shop's name: a word passwords must not be built from, and the authenticator's label.
    shop_name: String,
    /// Where the shop is and how to reach it, for the customer's copy of a ticket.
    shop_contact: ShopContact,
    /// The web address passkeys are bound to, once the server has set it.
    passkeys: Option<staff::passkeys::Passkeys>,
    /// Where backups go (the settings' `[backup]`).
    backup_plan: backups::plan::BackupPlan,
    /// How files from outside are scanned for malware (the settings' `[antivirus]`).
    antivirus: antivirus::Antivirus,
    /// The sign-in policy in force: `settings.security`, or what the owner saved on the page.
    security: Mutex<SecurityPolicy>,
    /// The desk's end-of-life table and KEV catalogue, as last read.
    desk_tables: desk::tables::TablesCache,
    /// Whether the training is required before customer data, and who is far behind, as last read.
    training_gate: training::TrainingGate,
    /// API tokens that passed their check lately (`staff/token_cache.rs`).
    token_cache: staff::token_cache::TokenCache,
}

impl fmt::Debug for Vault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Vault").field("backend", &self.store.backend()).field("keys", &self.keys).finish_non_exhaustive()
    }
}

pub(crate) fn now_micros() -> i64 {
    (time::OffsetDateTime::now_utc().unix_timestamp_nanos() / 1000) as i64
}

/// A time from a row that failed its integrity check: shown if it reads as one, else the epoch
/// (such a row's times are anyone's guess, and one unreadable must not hide the row from the
/// owner who has to repair it).
pub(crate) fn from_micros_lenient(micros: i64) -> time::OffsetDateTime {
    from_micros(micros).unwrap_or(time::OffsetDateTime::UNIX_EPOCH)
}

/// A moment as the store keeps it: microseconds since the Unix epoch.
pub(crate) fn to_micros(at: time::OffsetDateTime) -> i64 {
    (at.unix_timestamp_nanos() / 1000) as i64
}

pub(crate) fn from_micros(micros: i64) -> Result<time::OffsetDateTime, AppError> {
    time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(micros) * 1000).map_err(|_| AppError::corrupt("a timestamp is out of range"))
}

fn permission_text(permission: Permission) -> &'static str {
    match permission {
        Permission::CustomerRead => "read customer records",
        Permission::CustomerWrite => "change customer records",
        Permission::CustomerImport => "import customers",
        Permission::PurchaseRead => "read purchases",
        Permission::PurchaseWrite => "record purchases",
        Permission::RepairRead => "read repairs",
        Permission::RepairWrite => "record repairs",
        Permission::AmlRead => "read AML identity records",
        Permission::AmlWrite => "record AML identity records",
        Permission::StaffManage => "manage staff",
        Permission::SettingsManage => "change settings",
        Permission::KeysManage => "manage the vault's keys",
        Permission::AuditRead => "read the audit trail",
        Permission::Export => "export data",
        Permission::PurchaseCorrect => "void or refund sales",
        Permission::CustomerMerge => "merge duplicate customers",
        Permission::BackupManage => "make or restore backups",
        Permission::IncidentReport => "report incidents",
        Permission::IncidentRead => "read the incident register",
        Permission::IncidentManage => "work incidents",
        Permission::PrivacyRequests => "handle customers' requests",
        Permission::DeskRead => "read the security desk",
        Permission::DeskFindings => "write audit findings",
        Permission::SecretUse => "use the shop's passwords",
        Permission::SecretManage => "add to the shop's passwords",
        Permission::TrainingTake => "take the security training",
        Permission::TrainingOverview => "see everyone's training",
    }
}

impl Vault {
    fn assemble(
        store: Box<dyn Store>,
        keys: UnlockedKeyring,
        settings: VaultSettings,
        demo: bool,
        last_checkpoint: Option<(u64, i64)>,
    ) -> Vault {
        Vault {
            store,
            keys,
            settings,
            demo,
            checkpoint_clock: Mutex::new(last_checkpoint.unwrap_or((0, 0))),
            backup_plan: backups::plan::BackupPlan::default(),
            antivirus: antivirus::Antivirus::default(),
            desk_tables: Mutex::new(None),
            training_gate: training::TrainingGate::default(),
            token_cache: staff::token_cache::TokenCache::default(),
            security: Mutex::new(settings.security),
            purposes: Purposes::standard(),
            hasher: strongroom_identity::PasswordHasher::default(),
            shop_name: String::new(),
            shop_contact: ShopContact::default(),
            passkeys: None,
        }
    }

    /// Appends audit events within the caller's transaction, and a signed checkpoint when one is
    /// due. Every event of every use-case goes through here.
    pub(crate) fn record(&self, tx: &mut dyn Tx, events: &[AuditEvent]) -> Result<(), AppError> {
        let first = tx.append_audit_events(events)?;
        let size = first + events.len() as u64;
        let now = now_micros();
        let mut clock = self.checkpoint_clock.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if self.checkpoint_due(*clock, size, now) {
            let checkpoint = self.sign_checkpoint(tx, now)?;
            tx.insert_checkpoint(&checkpoint)?;
            // If the caller's transaction rolls back, this checkpoint is lost too and the next
            // one comes a little late; the events it would have covered are lost with it.
            *clock = (checkpoint.size, now);
        }
        Ok(())
    }

    fn checkpoint_due(&self, (last_size, last_at): (u64, i64), size: u64, now: i64) -> bool {
        let minutes = i64::try_from(self.settings.checkpoint_every_minutes).unwrap_or(i64::MAX / 60_000_000);
        size > last_size
            && (size - last_size >= self.settings.checkpoint_every_events || now.saturating_sub(last_at) >= minutes * 60_000_000)
    }

    /// After a grouped job's events are durable: signs a checkpoint in a transaction of its own
    /// if one is due. (The checkpoint covers at least those events.)
    pub fn checkpoint_if_due(&self, size: u64) -> Result<(), AppError> {
        let now = now_micros();
        if !self.checkpoint_due(*self.checkpoint_clock.lock().unwrap_or_else(|poisoned| poisoned.into_inner()), size, now) {
            return Ok(());
        }
        let mut tx = self.store.begin()?;
        let checkpoint = self.sign_checkpoint(tx.as_mut(), now)?;
        tx.insert_checkpoint(&checkpoint)?;
        tx.commit()?;
        *self.checkpoint_clock.lock().unwrap_or_else(|poisoned| poisoned.into_inner()) = (checkpoint.size, now);
        Ok(())
    }

    /// `Some(size)` when a trail of `size` events is due a checkpoint now: for an async caller,
    /// which signs it with [`Vault::checkpoint_if_due`] on a thread that may block. Never waits:
    /// while another caller holds the clock it is signing one (or recording), and `None` is
    /// answered; the next read past the schedule asks again.
    pub(crate) fn checkpoint_wanted(&self, size: u64) -> Option<u64> {
        let clock = match self.checkpoint_clock.try_lock() {
            Ok(clock) => *clock,
            Err(std::sync::TryLockError::Poisoned(poisoned)) => *poisoned.into_inner(),
            Err(std::sync::TryLockError::WouldBlock) => return None,
        };
        self.checkpoint_due(clock, size, now_micros()).then_some(size)
    }

    /// Runs `work` as a job in the store's shared transaction (group commit). An `Err` from
    /// `work` rolls its part back; what it returns is handed back once the commit is durable.
    /// `reads` is the whole-record read `work` begins with, if any, which the store may make
    /// for the whole batch at once ([`strongroom_store::Store::submit_grouped_reading`]).
    pub(crate) fn grouped<T: Send + 'static>(
        &self,
        reads: Option<RecordRead>,
        work: impl FnOnce(&mut dyn Tx) -> Result<T, AppError> + Send + 'static,
    ) -> Result<T, AppError> {
        unpack_grouped(self.store.run_grouped_reading(reads, grouped_job(work)))
    }

    /// [`Vault::grouped`] for an async caller: the job is queued for the store's writer thread
    /// and no thread waits for it; the future resolves once the commit is durable.
    pub(crate) fn grouped_queued<T: Send + 'static>(
        &self,
        reads: Option<RecordRead>,
        work: impl FnOnce(&mut dyn Tx) -> Result<T, AppError> + Send + 'static,
    ) -> impl std::future::Future<Output = Result<T, AppError>> + Send + 'static {
        let (answer, answered) = tokio::sync::oneshot::channel();
        self.store.submit_grouped_reading(reads, grouped_job(work), Box::new(move |result| drop(answer.send(result))));
        async move {
            let result =
                answered.await.unwrap_or_else(|_| Err(strongroom_store::StoreError::Conflict("the store's writer went away".into())));
            unpack_grouped(result)
        }
    }

    /// The settings in force (the sign-in policy as saved on the page, if it was).
    pub fn settings(&self) -> VaultSettings {
        VaultSettings { security: self.security(), ..self.settings }
    }

    /// The purposes of access this shop accepts (the standard ones unless set otherwise).
    pub fn purposes(&self) -> &Purposes {
        &self.purposes
    }

    /// Sets the shop's name (from its settings).
    pub fn set_shop_name(&mut self, name: &str) {
        self.shop_name = name.trim().to_owned();
    }

    /// The shop's name (empty when none was set).
    pub fn shop_name(&self) -> &str {
        &self.shop_name
    }

    /// Sets where the shop is and how to reach it (from its settings).
    pub fn set_shop_contact(&mut self, contact: ShopContact) {
        self.shop_contact = contact;
    }

    pub fn shop_contact(&self) -> &ShopContact {
        &self.shop_contact
    }

    /// Sets the shop's purposes of access (the standard ones plus its own, from its settings).
    pub fn set_purposes(&mut self, purposes: Purposes) {
        self.purposes = purposes;
    }

    pub fn is_demo(&self) -> bool {
        self.demo
    }

    pub fn backend(&self) -> &'static str {
        self.store.backend().as_str()
    }

    /// Checks the permission matrix; a refusal is itself recorded in the audit trail.
    fn require(
        &self,
        actor: &Actor,
        permission: Permission,
        action: AuditAction,
        target: Option<(RecordKind, Uuid)>,
    ) -> Result<(), AppError> {
        if actor.may(permission) {
            // The shop may require the training before customer data (off by default).
            return self.check_training_gate(actor, permission, action, target);
        }
        let mut draft = EventDraft::new(actor, action).detail(format!("missing permission: {}", permission_text(permission)));
        if let Some((kind, id)) = target {
            draft = draft.target(kind, id);
        }
        let mut tx = self.store.begin()?;
        self.record(tx.as_mut(), &[draft.finish(Outcome::Denied)])?;
        tx.commit()?;
        Err(AppError::Denied { role: actor.role.as_str(), what: permission_text(permission), permission })
    }

    /// Staff must have typed their password again within the step-up window for the sensitive
    /// use-cases: changes to who can do what, factor resets, AML identity documents, key
    /// rotation and erasure (the shop key's holder and the system have proved more than that).
    /// A refusal is recorded.
    pub(crate) fn require_step_up(&self, actor: &Actor, action: AuditAction, target: Option<(RecordKind, Uuid)>) -> Result<(), AppError> {
        if actor.stepped_up {
            return Ok(());
        }
        let mut tx = self.store.begin()?;
        let mut draft = EventDraft::new(actor, action).detail("step-up required");
        if let Some((kind, id)) = target {
            draft = draft.target(kind, id);
        }
        self.record(tx.as_mut(), &[draft.finish(Outcome::Denied)])?;
        tx.commit()?;
        Err(AppError::StepUpRequired)
    }

    /// Ends a transaction that found nothing to work on: records the attempt as `failed` and
    /// returns `error`. If even the event cannot be written, that failure is returned instead.
    pub(crate) fn fail(&self, mut tx: Box<dyn Tx + '_>, draft: EventDraft, detail: &str, error: AppError) -> AppError {
        if let Err(recording) = self.record(tx.as_mut(), &[draft.detail(detail).finish(Outcome::Failed)]) {
            return recording;
        }
        match tx.commit() {
            Ok(()) => error,
            Err(store_error) => store_error.into(),
        }
    }
}

/// `work` as a store job: its value travels boxed, and an `Err` rolls the job's part back.
fn grouped_job<T: Send + 'static>(work: impl FnOnce(&mut dyn Tx) -> Result<T, AppError> + Send + 'static) -> strongroom_store::GroupedJob {
    Box::new(move |tx| match work(tx) {
        Ok(value) => Ok(Box::new(Ok::<T, AppError>(value)) as Box<dyn std::any::Any + Send>),
        Err(AppError::Store(error)) => Err(error),
        // Roll the job back, and carry the refusal out beside the store's error.
        Err(other) => Err(strongroom_store::StoreError::Conflict(format!("{other}"))),
    })
}

/// What a grouped job returned, unboxed.
fn unpack_grouped<T: 'static>(result: Result<Box<dyn std::any::Any + Send>, strongroom_store::StoreError>) -> Result<T, AppError> {
    *result?.downcast::<Result<T, AppError>>().map_err(|_| AppError::corrupt("a grouped job returned something else"))?
}
