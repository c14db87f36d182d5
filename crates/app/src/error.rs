//! The app crate's one error type: what a use-case can refuse or fail with.

use strongroom_domain::{DomainError, Permission};

use crate::ImportReport;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("the key or passphrase does not open this vault")]
    WrongKey,
    #[error("this vault is unlocked with {expected}")]
    WrongKeyKind { expected: &'static str },
    #[error("this data directory holds no vault yet; run `strongroom init` first")]
    NotInitialised,
    #[error("this vault is already initialised; nothing was changed")]
    AlreadyInitialised,
    #[error("{role} may not {what}")]
    Denied { role: &'static str, what: &'static str, permission: Permission },
    #[error("no {0} with that id")]
    NotFound(&'static str),
    /// The record exists but its data key was destroyed (crypto-shredded): nobody can read it.
    #[error("that customer's data was erased (their key was destroyed); it cannot be read")]
    Shredded,
    /// The person asked that their record only be stored (GDPR Art. 18).
    #[error("this customer's record is restricted at their request (GDPR Art. 18): it opens only for a legal claim (purpose legal_claim)")]
    Restricted,
    #[error(transparent)]
    Invalid(#[from] DomainError),
    #[error("the import was refused: {} of {} rows are invalid; nothing was imported", .0.rows_rejected, .0.rows_total)]
    ImportRejected(Box<ImportReport>),
    #[error("cannot read the import file: {0}")]
    ImportFile(String),
    /// Every failed sign-in looks like this, whatever the reason, so nobody learns which user
    /// names exist.
    #[error("wrong user name or password. If you have tried several times, wait a minute before trying again")]
    SignInRefused,
    #[error("that user name and enrolment code do not match, or the code has expired; ask the owner for a new code")]
    EnrolmentRefused,
    #[error("that code is wrong or was used already; check the time on your phone, or use a recovery code")]
    SecondFactorRefused,
    #[error("the password is wrong")]
    WrongPassword,
    #[error("not signed in, or the session has ended; sign in again")]
    NotSignedIn,
    #[error("finish signing in first ({0:?})")]
    SignInIncomplete(crate::SessionStage),
    #[error("confirm it is you: enter your password again")]
    StepUpRequired,
    /// The shop requires the training before customer data, and a lesson is far overdue.
    #[error(
        "a lesson of your security training is more than 14 days overdue, and the shop requires it before customer data: take it on the training page (a few minutes)"
    )]
    TrainingOverdue,
    #[error(transparent)]
    PasswordRejected(#[from] strongroom_identity::PasswordProblem),
    #[error("{0}")]
    Conflict(String),
    /// draft-ietf-httpapi-idempotency-key-header: a key is for one request only.
    #[error("this Idempotency-Key was used with a different request; use a new key for a new request")]
    IdempotencyKeyReused,
    #[error("password hashing failed: {0}")]
    Hashing(String),
    /// A row that grants access failed its MAC: someone without the shop key wrote or changed
    /// it. Refused, recorded, and listed by `audit verify`.
    #[error(
        "this {0}'s stored row was written or changed outside Strongroom (it fails its integrity check), so it is refused; `strongroom audit verify` lists such rows"
    )]
    Tampered(&'static str),
    #[error("the vault's data is damaged: {0}")]
    Corrupt(String),
    /// A backup file that cannot be used: not a backup, from a newer Strongroom, damaged, or
    /// the place it was to be written or restored to cannot take it.
    #[error("{0}")]
    BackupUnusable(String),
    /// ClamAV found malware in a file from outside: it was not read, kept or imported.
    #[error(
        "the virus scanner found {signature} in this file: it was not read, kept or imported; delete the file and have the computer it came from checked"
    )]
    Infected { signature: String },
    /// A file of rows (a device list) with rows that cannot be taken: none was.
    #[error("the {what} was refused: {} problems; nothing was imported", problems.len())]
    RowsRejected { what: &'static str, problems: Vec<crate::desk::RowProblem> },
    /// A file from outside could not be scanned, and the shop takes none unscanned.
    #[error("{0}")]
    NotScanned(String),
    #[error(transparent)]
    Crypto(#[from] strongroom_crypto::CryptoError),
    #[error(transparent)]
    Store(#[from] strongroom_store::StoreError),
}

impl AppError {
    pub(crate) fn corrupt(what: impl Into<String>) -> AppError {
        AppError::Corrupt(what.into())
    }

    pub(crate) fn hashing(error: strongroom_identity::HashError) -> AppError {
        AppError::Hashing(error.to_string())
    }
}
