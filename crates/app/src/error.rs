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
    #[error("{0}")]
    Invalid(#[from] DomainError),
    #[error("the import was refused: {} of {} rows are invalid; nothing was imported", .0.rows_rejected, .0.rows_total)]
    ImportRejected(Box<ImportReport>),
    #[error("cannot read the import file: {0}")]
    ImportFile(String),
    #[error("the vault's data is damaged: {0}")]
    Corrupt(String),
    #[error(transparent)]
    Crypto(#[from] strongroom_crypto::CryptoError),
    #[error(transparent)]
    Store(#[from] strongroom_store::StoreError),
}

impl AppError {
    pub(crate) fn corrupt(what: impl Into<String>) -> AppError {
        AppError::Corrupt(what.into())
    }
}
