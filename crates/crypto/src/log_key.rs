//! The audit log's signing key: Ed25519 (RFC 8032), its 32-byte seed kept as a data key wrapped by
//! the master key, so only a holder of the shop key can sign checkpoints, and anyone holding
//! the public key can check them.

use std::fmt;

use aws_lc_rs::signature::{Ed25519KeyPair, KeyPair};

use crate::{CryptoError, DataKey};

pub struct LogSigningKey(Ed25519KeyPair);

impl LogSigningKey {
    /// The signing key whose seed is this data key's 32 bytes.
    pub fn from_data_key(key: &DataKey) -> Result<LogSigningKey, CryptoError> {
        Ed25519KeyPair::from_seed_unchecked(key.bytes()).map(LogSigningKey).map_err(|_| CryptoError::CannotOpen)
    }

    pub fn sign(&self, message: &[u8]) -> [u8; 64] {
        let signature = self.0.sign(message);
        let mut out = [0u8; 64];
        out.copy_from_slice(signature.as_ref());
        out
    }

    pub fn public_key(&self) -> [u8; 32] {
        let mut out = [0u8; 32];
        out.copy_from_slice(self.0.public_key().as_ref());
        out
    }
}

impl fmt::Debug for LogSigningKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("LogSigningKey(<secret>)")
    }
}

#[cfg(test)]
mod tests {
    use aws_lc_rs::signature::{ED25519, UnparsedPublicKey};

    use super::*;

    #[test]
    fn signatures_verify_with_the_public_key_and_only_for_the_message() {
        let key = LogSigningKey::from_data_key(&DataKey::generate(1).unwrap()).unwrap();
        let signature = key.sign(b"checkpoint");
        let public = UnparsedPublicKey::new(&ED25519, key.public_key());
        assert!(public.verify(b"checkpoint", &signature).is_ok());
        assert!(public.verify(b"checkpoinT", &signature).is_err());
    }
}
