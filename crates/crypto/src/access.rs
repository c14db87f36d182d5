//! Keyed digests for what opens doors: secrets that sign someone in (session cookies, API
//! tokens, enrolment and recovery codes) and the rows that say what a signed-in person or
//! integration may do (staff accounts, sessions, API tokens).
//!
//! Both are HMAC-SHA-256 under keys derived from a vault key, so that whoever can write to the
//! database but does not hold the shop key can neither mint a secret that matches a row nor
//! change a row's role, scopes, factors or revocation without the change being seen. A plain
//! SHA-256 would not do: anyone can compute it for a token of their own choosing and insert it.

use std::fmt;

use aws_lc_rs::{constant_time, digest, hkdf, hmac};
use zeroize::Zeroizing;

use crate::{CryptoError, DataKey};

/// The keys for door secrets and privilege rows, derived from one vault data key.
pub struct AccessKey {
    secrets: hmac::Key,
    rows: hmac::Key,
}

fn derive(prk: &hkdf::Prk, info: &[u8]) -> Result<hmac::Key, CryptoError> {
    let info = [info];
    let okm = prk.expand(&info, hkdf::HKDF_SHA256).map_err(|_| CryptoError::Random)?;
    let mut bytes = Zeroizing::new([0u8; 32]);
    okm.fill(bytes.as_mut()).map_err(|_| CryptoError::Random)?;
    Ok(hmac::Key::new(hmac::HMAC_SHA256, bytes.as_ref()))
}

impl AccessKey {
    /// Derives the keys from the data key that seals staff secrets (HKDF-SHA-256, one info
    /// string per use, so a secret's digest can never stand for a row's MAC or the reverse).
    pub fn from_data_key(key: &DataKey) -> Result<AccessKey, CryptoError> {
        let prk = hkdf::Salt::new(hkdf::HKDF_SHA256, b"strongroom.access.v1").extract(key.bytes());
        Ok(AccessKey { secrets: derive(&prk, b"door secrets")?, rows: derive(&prk, b"privilege rows")? })
    }

    /// What is stored for a secret that opens a door: a MAC of its SHA-256, bound to what the
    /// secret is for (`purpose`) and whose it is (`owner`, empty when the secret itself names
    /// its owner). Taking the SHA-256 rather than the secret lets a store that kept plain
    /// SHA-256 digests be re-keyed without knowing the secrets.
    pub fn secret_digest(&self, purpose: &str, owner: &[u8], secret_sha256: &[u8; 32]) -> [u8; 32] {
        let message = MacMessage::new(purpose).bytes(owner).bytes(secret_sha256);
        tag(&self.secrets, &message.0)
    }

    /// [`AccessKey::secret_digest`] of a secret as presented.
    pub fn digest_of_secret(&self, purpose: &str, owner: &[u8], secret: &str) -> [u8; 32] {
        self.secret_digest(purpose, owner, &sha256(secret.as_bytes()))
    }

    /// The MAC a privilege row carries over its security fields.
    pub fn row_mac(&self, message: &MacMessage) -> [u8; 32] {
        tag(&self.rows, &message.0)
    }

    /// Whether `mac` is the row MAC of `message`, compared in constant time.
    pub fn row_mac_matches(&self, message: &MacMessage, mac: &[u8]) -> bool {
        constant_time::verify_slices_are_equal(&self.row_mac(message), mac).is_ok()
    }
}

impl fmt::Debug for AccessKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("AccessKey(<secret>)")
    }
}

fn tag(key: &hmac::Key, message: &[u8]) -> [u8; 32] {
    let mut out = [0u8; 32];
    out.copy_from_slice(hmac::sign(key, message).as_ref());
    out
}

/// SHA-256 of `bytes`.
pub fn sha256(bytes: &[u8]) -> [u8; 32] {
    let mut out = [0u8; 32];
    out.copy_from_slice(digest::digest(&digest::SHA256, bytes).as_ref());
    out
}

/// The canonical bytes a MAC is computed over: a label naming the row's kind and layout
/// version, then each field with a tag byte for its type and, for variable-length values, a
/// length prefix. So no two different rows encode alike: a `None` is not an empty value, and
/// bytes cannot slide from one field into the next.
#[derive(Clone)]
pub struct MacMessage(Vec<u8>);

impl MacMessage {
    pub fn new(label: &str) -> MacMessage {
        MacMessage(Vec::with_capacity(256)).raw(b'L', label.as_bytes())
    }

    fn raw(mut self, tag: u8, value: &[u8]) -> MacMessage {
        self.0.push(tag);
        self.0.extend_from_slice(&(value.len() as u64).to_be_bytes());
        self.0.extend_from_slice(value);
        self
    }

    pub fn bytes(self, value: &[u8]) -> MacMessage {
        self.raw(b'B', value)
    }

    pub fn text(self, value: &str) -> MacMessage {
        self.raw(b'T', value.as_bytes())
    }

    pub fn int(mut self, value: i64) -> MacMessage {
        self.0.push(b'I');
        self.0.extend_from_slice(&value.to_be_bytes());
        self
    }

    pub fn flag(mut self, value: bool) -> MacMessage {
        self.0.push(if value { b'Y' } else { b'N' });
        self
    }

    pub fn opt_bytes(mut self, value: Option<&[u8]>) -> MacMessage {
        match value {
            Some(value) => self.bytes(value),
            None => {
                self.0.push(b'0');
                self
            }
        }
    }

    pub fn opt_text(self, value: Option<&str>) -> MacMessage {
        self.opt_bytes(value.map(str::as_bytes))
    }

    pub fn opt_int(mut self, value: Option<i64>) -> MacMessage {
        match value {
            Some(value) => self.int(value),
            None => {
                self.0.push(b'0');
                self
            }
        }
    }
}

impl fmt::Debug for MacMessage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "MacMessage({} bytes)", self.0.len())
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn key() -> AccessKey {
        AccessKey::from_data_key(&DataKey::generate(1).unwrap()).unwrap()
    }

    #[test]
    fn a_secret_digest_depends_on_the_key_the_purpose_and_the_owner() {
        let (one, other) = (key(), key());
        let digest = one.digest_of_secret("session", b"", "cookie");
        assert_eq!(digest, one.secret_digest("session", b"", &sha256(b"cookie")));
        assert_ne!(digest, other.digest_of_secret("session", b"", "cookie"), "another vault");
        assert_ne!(digest, one.digest_of_secret("api_token", b"", "cookie"), "another purpose");
        assert_ne!(digest, one.digest_of_secret("session", b"anna", "cookie"), "another owner");
        assert_ne!(digest, sha256(b"cookie"), "not the unkeyed hash anyone can compute");
    }

    #[test]
    fn a_row_mac_sees_every_change() {
        let key = key();
        let row = |role: &str, revoked: Option<i64>| MacMessage::new("row.v1").bytes(&[7; 16]).text(role).opt_int(revoked);
        let mac = key.row_mac(&row("sales", None));
        assert!(key.row_mac_matches(&row("sales", None), &mac));
        assert!(!key.row_mac_matches(&row("owner", None), &mac));
        assert!(!key.row_mac_matches(&row("sales", Some(1)), &mac));
        assert!(!key.row_mac_matches(&row("sales", None), &mac[..31]));
        assert!(!key.row_mac_matches(&row("sales", None), &[]));
    }

    #[test]
    fn none_empty_and_neighbouring_fields_encode_apart() {
        let encode = |message: MacMessage| message.0;
        assert_ne!(encode(MacMessage::new("x").opt_bytes(None)), encode(MacMessage::new("x").opt_bytes(Some(b""))));
        assert_ne!(encode(MacMessage::new("x").text("ab").text("c")), encode(MacMessage::new("x").text("a").text("bc")));
        assert_ne!(encode(MacMessage::new("x").opt_int(None)), encode(MacMessage::new("x").opt_int(Some(0))));
        assert_ne!(encode(MacMessage::new("x").flag(true)), encode(MacMessage::new("x").flag(false)));
    }

    proptest! {
        #[test]
        fn two_field_lists_encode_alike_only_when_equal(a in proptest::collection::vec(proptest::option::of(".{0,8}"), 0..5),
                                                        b in proptest::collection::vec(proptest::option::of(".{0,8}"), 0..5)) {
            let encode = |fields: &[Option<String>]| fields.iter().fold(MacMessage::new("x"), |m, f| m.opt_text(f.as_deref())).0;
            prop_assert_eq!(encode(&a) == encode(&b), a == b);
        }
    }
}
