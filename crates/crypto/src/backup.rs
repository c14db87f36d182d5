//! The keys of backup files.
//!
//! Each backup file has a key of its own, derived with HKDF-SHA-256 from the shop key and the
//! file's random 32-byte salt, so a backup opens with the shop's key file or passphrase and
//! nothing stored beside it. The file's chunks are sealed as a STREAM (Hoang, Reyhanitabar,
//! Rogaway and Vizár, 2015): AES-256-GCM whose nonce is the chunk's number and whether it is the
//! last one, with the file's header as associated data. A chunk that is altered, moved, dropped,
//! repeated, or a file cut off after any chunk but the last, fails to open. The nonces never
//! repeat under one key because every file has its own key.

use std::fmt;

use aws_lc_rs::aead::{AES_256_GCM, Aad, LessSafeKey, NONCE_LEN, Nonce, UnboundKey};
use aws_lc_rs::{constant_time, hkdf};
use zeroize::Zeroizing;

use crate::{CryptoError, ShopKey};

/// The length of a backup file's salt.
pub const BACKUP_SALT_LEN: usize = 32;
/// What sealing adds to a chunk.
pub const CHUNK_OVERHEAD: usize = 16;

const INFO: &[u8] = b"strongroom.backup.v1";

/// The key of one backup file.
pub struct BackupKey {
    chunks: LessSafeKey,
    check: [u8; 32],
}

impl fmt::Debug for BackupKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("BackupKey(<secret>)")
    }
}

impl ShopKey {
    /// The key of the backup file whose salt is `salt`.
    pub fn backup_key(&self, salt: &[u8; BACKUP_SALT_LEN]) -> Result<BackupKey, CryptoError> {
        let prk = hkdf::Salt::new(hkdf::HKDF_SHA256, salt).extract(self.bytes.as_ref());
        let expand = |purpose: &[u8]| -> Result<Zeroizing<[u8; 32]>, CryptoError> {
            let mut out = Zeroizing::new([0u8; 32]);
            let info = [INFO, b"\0", purpose];
            prk.expand(&info, hkdf::HKDF_SHA256).and_then(|okm| okm.fill(out.as_mut())).map_err(|_| CryptoError::Random)?;
            Ok(out)
        };
        let chunk_key = expand(b"chunks")?;
        let check = *expand(b"key check")?;
        let unbound = UnboundKey::new(&AES_256_GCM, chunk_key.as_ref()).map_err(|_| CryptoError::Random)?;
        Ok(BackupKey { chunks: LessSafeKey::new(unbound), check })
    }
}

fn nonce(index: u64, last: bool) -> Nonce {
    let mut bytes = [0u8; NONCE_LEN];
    bytes[..8].copy_from_slice(&index.to_be_bytes());
    bytes[NONCE_LEN - 1] = u8::from(last);
    Nonce::assume_unique_for_key(bytes)
}

impl BackupKey {
    /// Written into the file's header: it tells a wrong key from a damaged file before any chunk
    /// is opened. It is an HKDF output, so it says nothing about the key.
    pub fn key_check(&self) -> [u8; 32] {
        self.check
    }

    /// Whether `stored` is this key's check value.
    pub fn matches(&self, stored: &[u8]) -> bool {
        constant_time::verify_slices_are_equal(&self.check, stored).is_ok()
    }

    /// Seals chunk number `index` (counting from 0) of a file whose header is `header`.
    pub fn seal_chunk(&self, header: &[u8], index: u64, last: bool, mut plaintext: Vec<u8>) -> Result<Vec<u8>, CryptoError> {
        self.chunks.seal_in_place_append_tag(nonce(index, last), Aad::from(header), &mut plaintext).map_err(|_| CryptoError::CannotOpen)?;
        Ok(plaintext)
    }

    /// Opens chunk number `index`; it fails unless the chunk was sealed at exactly this place
    /// (and as the last one when `last`), in a file with exactly this header, under this key.
    pub fn open_chunk(&self, header: &[u8], index: u64, last: bool, sealed: &[u8]) -> Result<Zeroizing<Vec<u8>>, CryptoError> {
        let mut body = Zeroizing::new(sealed.to_vec());
        let n_plaintext =
            self.chunks.open_in_place(nonce(index, last), Aad::from(header), &mut body).map_err(|_| CryptoError::CannotOpen)?.len();
        body.truncate(n_plaintext);
        Ok(body)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(byte: u8, salt: u8) -> BackupKey {
        ShopKey::from_bytes(&[byte; 32]).backup_key(&[salt; BACKUP_SALT_LEN]).unwrap()
    }

    #[test]
    fn a_chunk_opens_only_at_its_place_in_its_file_under_its_key() {
        let key = key(1, 9);
        let sealed = key.seal_chunk(b"header", 3, false, b"rows".to_vec()).unwrap();
        assert_eq!(sealed.len(), 4 + CHUNK_OVERHEAD);
        assert_eq!(key.open_chunk(b"header", 3, false, &sealed).unwrap().as_slice(), b"rows");
        assert!(key.open_chunk(b"header", 4, false, &sealed).is_err(), "moved");
        assert!(key.open_chunk(b"header", 3, true, &sealed).is_err(), "taken for the last");
        assert!(key.open_chunk(b"other header", 3, false, &sealed).is_err(), "another file's header");
        let mut flipped = sealed.clone();
        flipped[0] ^= 1;
        assert!(key.open_chunk(b"header", 3, false, &flipped).is_err(), "altered");
        assert!(self::key(2, 9).open_chunk(b"header", 3, false, &sealed).is_err(), "another shop key");
        assert!(self::key(1, 8).open_chunk(b"header", 3, false, &sealed).is_err(), "another file's salt");
    }

    #[test]
    fn the_key_check_tells_the_right_key_from_a_wrong_one() {
        let stored = key(1, 9).key_check();
        assert!(key(1, 9).matches(&stored));
        assert!(!key(2, 9).matches(&stored));
        assert!(!key(1, 9).matches(&stored[..31]));
        assert_ne!(key(1, 8).key_check(), stored, "every file checks differently");
    }
}
