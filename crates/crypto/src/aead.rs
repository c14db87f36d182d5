//! AES-256-GCM-SIV sealing with a versioned ciphertext layout, shared by every key in the crate.
//!
//! Layout: `format (1 byte) ‖ nonce (12 bytes) ‖ ciphertext ‖ tag (16 bytes)`. The format byte
//! lets a later release change the algorithm without guessing what old ciphertexts are.
//! GCM-SIV is nonce-misuse resistant (RFC 8452): even a repeated random nonce only reveals that
//! the same plaintext was sealed twice under the same key and context, not the key stream.

use aws_lc_rs::aead::{AES_256_GCM_SIV, Aad, LessSafeKey, NONCE_LEN, Nonce, UnboundKey};
use zeroize::Zeroizing;

use crate::{CryptoError, random_bytes};

const FORMAT_AES_256_GCM_SIV: u8 = 1;
const TAG_LEN: usize = 16;

/// The bytes a sealed value adds to its plaintext.
pub(crate) const OVERHEAD: usize = 1 + NONCE_LEN + TAG_LEN;

pub(crate) struct AeadKey(LessSafeKey);

impl AeadKey {
    pub(crate) fn new(key_bytes: &[u8; 32]) -> AeadKey {
        // A 32-byte key is always the right length for AES-256, so this cannot fail.
        let unbound = UnboundKey::new(&AES_256_GCM_SIV, key_bytes).expect("AES-256 takes a 32-byte key");
        AeadKey(LessSafeKey::new(unbound))
    }

    pub(crate) fn seal(&self, aad: &[u8], plaintext: &[u8]) -> Result<Vec<u8>, CryptoError> {
        let mut nonce = [0u8; NONCE_LEN];
        random_bytes(&mut nonce)?;
        // Sealing in place turns this copy of the plaintext into ciphertext, so none is left behind.
        // The capacity leaves room for the tag, so no reallocation leaves a plaintext copy behind.
        let mut body = Vec::with_capacity(plaintext.len() + TAG_LEN);
        body.extend_from_slice(plaintext);
        self.0
            .seal_in_place_append_tag(Nonce::assume_unique_for_key(nonce), Aad::from(aad), &mut body)
            .map_err(|_| CryptoError::CannotOpen)?;
        let mut out = Vec::with_capacity(1 + NONCE_LEN + body.len());
        out.push(FORMAT_AES_256_GCM_SIV);
        out.extend_from_slice(&nonce);
        out.extend_from_slice(&body);
        Ok(out)
    }

    pub(crate) fn open(&self, aad: &[u8], sealed: &[u8]) -> Result<Zeroizing<Vec<u8>>, CryptoError> {
        if sealed.len() < OVERHEAD || sealed[0] != FORMAT_AES_256_GCM_SIV {
            return Err(CryptoError::CannotOpen);
        }
        let nonce: [u8; NONCE_LEN] = sealed[1..1 + NONCE_LEN].try_into().map_err(|_| CryptoError::CannotOpen)?;
        let mut body = Zeroizing::new(sealed[1 + NONCE_LEN..].to_vec());
        let n_plaintext = self
            .0
            .open_in_place(Nonce::assume_unique_for_key(nonce), Aad::from(aad), &mut body)
            .map_err(|_| CryptoError::CannotOpen)?
            .len();
        body.truncate(n_plaintext);
        Ok(body)
    }
}

/// Appends a length-prefixed byte string, so that concatenated AAD parts cannot be confused
/// ("ab" + "c" never encodes like "a" + "bc").
pub(crate) fn push_part(aad: &mut Vec<u8>, part: &[u8]) {
    let n_bytes = u32::try_from(part.len()).unwrap_or(u32::MAX);
    aad.extend_from_slice(&n_bytes.to_be_bytes());
    aad.extend_from_slice(part);
}
