//! The crypto crate's one error type. Messages never include key material or plaintext.

#[derive(Debug, thiserror::Error)]
pub enum CryptoError {
    /// The shop key does not open the keyring: a wrong key file or passphrase.
    #[error("the key or passphrase does not open this vault")]
    WrongKey,
    /// A sealed value does not open with the key and context it claims: tampered, moved to another
    /// row or field, or sealed under a key that has been destroyed.
    #[error("a sealed value could not be opened: it was altered, moved, or its key is gone")]
    CannotOpen,
    #[error("the system's random number generator failed")]
    Random,
    #[error("this is not a Strongroom key file: {0}")]
    KeyFile(&'static str),
    #[error("invalid key derivation parameters: {0}")]
    KdfParams(String),
    #[error("the passphrase is too short: use at least {min} characters")]
    PassphraseTooShort { min: usize },
}
