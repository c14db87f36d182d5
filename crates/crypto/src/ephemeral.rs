//! Keys that live only in this process's memory, for data that must touch the disk for the
//! length of one job (a CSV upload being imported from the web page): sealed in chunks with a
//! random key that is never written anywhere, it is unreadable the moment the process ends,
//! `kill -9` included.

use std::fmt;

use zeroize::Zeroizing;

use crate::aead::AeadKey;
use crate::{CryptoError, random_bytes};

/// A random AES-256-GCM-SIV key held only in memory (zeroed when dropped).
pub struct EphemeralKey(AeadKey);

impl EphemeralKey {
    pub fn generate() -> Result<EphemeralKey, CryptoError> {
        let mut bytes = Zeroizing::new([0u8; 32]);
        random_bytes(bytes.as_mut())?;
        Ok(EphemeralKey(AeadKey::new(&bytes)))
    }

    /// Seals chunk number `index` of a stream; `last` marks the final chunk, so a stream cut
    /// short at a chunk boundary is noticed, and the index binds each chunk to its place.
    pub fn seal_chunk(&self, index: u64, last: bool, plaintext: &[u8]) -> Result<Vec<u8>, CryptoError> {
        self.0.seal(&chunk_aad(index, last), plaintext)
    }

    pub fn open_chunk(&self, index: u64, last: bool, sealed: &[u8]) -> Result<Zeroizing<Vec<u8>>, CryptoError> {
        self.0.open(&chunk_aad(index, last), sealed)
    }
}

fn chunk_aad(index: u64, last: bool) -> Vec<u8> {
    let mut aad = b"strongroom.ephemeral-chunk.v1".to_vec();
    aad.extend_from_slice(&index.to_be_bytes());
    aad.push(u8::from(last));
    aad
}

impl fmt::Debug for EphemeralKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("EphemeralKey(<secret>)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chunk_opens_only_in_its_place_and_under_its_key() {
        let key = EphemeralKey::generate().unwrap();
        let sealed = key.seal_chunk(3, false, b"name,email\nAnna,anna@example.com\n").unwrap();
        assert_eq!(key.open_chunk(3, false, &sealed).unwrap().as_slice(), b"name,email\nAnna,anna@example.com\n");
        assert!(key.open_chunk(4, false, &sealed).is_err(), "moved");
        assert!(key.open_chunk(3, true, &sealed).is_err(), "claimed to be the last");
        assert!(EphemeralKey::generate().unwrap().open_chunk(3, false, &sealed).is_err(), "another process's key");
        assert!(!sealed.windows(4).any(|window| window == b"Anna"));
    }
}
