//! Strongroom's cryptography: the only crate that touches raw key bytes.
//!
//! The key hierarchy, top to bottom:
//! - the **shop key**, which the shop holds outside the data directory: 256 random bits in a key
//!   file, or derived from a passphrase with Argon2id;
//! - **master key versions**, random 256-bit keys stored only wrapped by the shop key;
//!   rotation adds a version and re-wraps everything below;
//! - **data keys**, one per customer (and per AML record, which outlives its customer's
//!   erasure), stored wrapped by a master key version; destroying one crypto-shreds its records;
//! - the **blind-index root key**, stored wrapped like a data key, from which a key per index is
//!   derived with HKDF;
//! - the **audit log signing key**, an Ed25519 seed stored wrapped like a data key;
//! - the **staff secrets key**, stored wrapped like a data key: it seals TOTP secrets, and the
//!   access keys derived from it MAC the secrets and rows that grant access (`access.rs`);
//! - **backup keys**, one per backup file, derived from the shop key and the file's salt
//!   (`backup.rs`).
//!
//! Every wrap and every sealed field is AES-256-GCM-SIV (RFC 8452) with a random 96-bit nonce and
//! associated data that names exactly what the ciphertext is, so it opens nowhere else.
//! There is no IO and no async here; callers pass bytes in and get bytes out.

mod access;
mod aead;
mod backup;
mod blind_index;
mod ephemeral;
mod error;
mod keys;
mod log_key;
mod passphrase;
mod recovery;

pub use access::{AccessKey, MacMessage, sha256};
pub use backup::{BACKUP_SALT_LEN, BackupKey, CHUNK_OVERHEAD};
pub use blind_index::{BLIND_INDEX_BITS, BlindIndexKey, BlindIndexRoot, BlindTag, MAX_BLIND_INDEX_BITS, RequestDigestKey};
pub use ephemeral::EphemeralKey;
pub use error::CryptoError;
pub use keys::{DataKey, FieldAad, KeyOwner, MasterKey, ShopKey, WrappedDataKey};
pub use log_key::LogSigningKey;
pub use passphrase::{KdfParams, Passphrase};
pub use recovery::{RECOVERY_GROUPS, RecoveryProblem};

/// Fills `out` from the operating system's CSPRNG (via AWS-LC).
pub fn random_bytes(out: &mut [u8]) -> Result<(), CryptoError> {
    aws_lc_rs::rand::fill(out).map_err(|_| CryptoError::Random)
}
