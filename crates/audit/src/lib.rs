//! Audit events, their canonical byte encoding, and the Merkle tree over them.
//!
//! Every use-case in `app` appends one of these in the same transaction as its work. The
//! encoding is the unit the tamper-evident log (RFC 6962 leaves, issue 3) will hash, so it is
//! canonical (one byte string per event), versioned, and free of plaintext personal data: an
//! event names record ids and data categories, never a name or an address, so the trail can be
//! kept for years and survives a customer's erasure.

mod checkpoint;
mod merkle;

use std::fmt;

#[doc(hidden)]
pub mod fuzzing;
pub use checkpoint::{Checkpoint, CheckpointError, VerifierKey, sign_note};
pub use merkle::{
    Frontier, Hash, MemoryTree, ProofError, SubtreeSource, consistency_proof, empty_root, inclusion_proof, leaf_hash, node_hash,
    range_root, verify_consistency, verify_inclusion,
};

/// The encoding version written as the first byte of every encoded event.
pub const ENCODING_VERSION: u8 = 1;

/// One thing that happened, as the audit trail keeps it.
#[derive(Clone, PartialEq, Eq)]
pub struct AuditEvent {
    /// Microseconds since the Unix epoch, UTC.
    pub at_unix_micros: i64,
    pub actor_kind: String,
    pub actor_name: String,
    pub action: String,
    pub target_kind: Option<String>,
    pub target_id: Option<[u8; 16]>,
    /// Data categories touched, sorted and without duplicates.
    pub categories: Vec<String>,
    pub purpose: Option<String>,
    pub client_addr: Option<String>,
    pub outcome: String,
    /// A short non-personal note, such as the number of rows an import wrote.
    pub detail: Option<String>,
}

impl fmt::Debug for AuditEvent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AuditEvent")
            .field("at_unix_micros", &self.at_unix_micros)
            .field("actor", &format_args!("{}:{}", self.actor_kind, self.actor_name))
            .field("action", &self.action)
            .field("target_kind", &self.target_kind)
            .field("outcome", &self.outcome)
            .finish_non_exhaustive()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AuditError {
    #[error("the encoded event is truncated")]
    Truncated,
    #[error("unknown event encoding version {0}")]
    UnknownVersion(u8),
    #[error("the encoded event has {0} bytes after its end")]
    TrailingBytes(usize),
    #[error("a text field of the encoded event is not UTF-8")]
    NotUtf8,
    #[error("a presence flag of the encoded event is neither 0 nor 1")]
    BadFlag,
}

/// Canonical encoding, version 1: the version byte, the time as 8 bytes big-endian, then each
/// field in declaration order. Strings are a 4-byte big-endian length and UTF-8 bytes; optional
/// fields are a 0/1 flag byte then the value; the category list is a 4-byte count then strings.
impl AuditEvent {
    pub fn encode(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(128);
        out.push(ENCODING_VERSION);
        out.extend_from_slice(&self.at_unix_micros.to_be_bytes());
        put_str(&mut out, &self.actor_kind);
        put_str(&mut out, &self.actor_name);
        put_str(&mut out, &self.action);
        put_opt(&mut out, self.target_kind.as_deref().map(str::as_bytes), true);
        put_opt(&mut out, self.target_id.as_ref().map(|id| id.as_slice()), false);
        out.extend_from_slice(&(self.categories.len() as u32).to_be_bytes());
        for category in &self.categories {
            put_str(&mut out, category);
        }
        put_opt(&mut out, self.purpose.as_deref().map(str::as_bytes), true);
        put_opt(&mut out, self.client_addr.as_deref().map(str::as_bytes), true);
        put_str(&mut out, &self.outcome);
        put_opt(&mut out, self.detail.as_deref().map(str::as_bytes), true);
        out
    }

    pub fn decode(bytes: &[u8]) -> Result<AuditEvent, AuditError> {
        let mut reader = Reader { bytes, at: 0 };
        let version = reader.take(1)?[0];
        if version != ENCODING_VERSION {
            return Err(AuditError::UnknownVersion(version));
        }
        let at_unix_micros = i64::from_be_bytes(reader.take(8)?.try_into().map_err(|_| AuditError::Truncated)?);
        let actor_kind = reader.string()?;
        let actor_name = reader.string()?;
        let action = reader.string()?;
        let target_kind = reader.optional(|r| r.string())?;
        let target_id = reader.optional(|r| r.take(16)?.try_into().map_err(|_| AuditError::Truncated))?;
        let n_categories = reader.u32()? as usize;
        let mut categories = Vec::with_capacity(n_categories.min(64));
        for _ in 0..n_categories {
            categories.push(reader.string()?);
        }
        let purpose = reader.optional(|r| r.string())?;
        let client_addr = reader.optional(|r| r.string())?;
        let outcome = reader.string()?;
        let detail = reader.optional(|r| r.string())?;
        if reader.at != bytes.len() {
            return Err(AuditError::TrailingBytes(bytes.len() - reader.at));
        }
        Ok(AuditEvent {
            at_unix_micros,
            actor_kind,
            actor_name,
            action,
            target_kind,
            target_id,
            categories,
            purpose,
            client_addr,
            outcome,
            detail,
        })
    }
}

fn put_str(out: &mut Vec<u8>, value: &str) {
    put_bytes(out, value.as_bytes(), true);
}

fn put_bytes(out: &mut Vec<u8>, value: &[u8], length_prefixed: bool) {
    if length_prefixed {
        out.extend_from_slice(&(value.len() as u32).to_be_bytes());
    }
    out.extend_from_slice(value);
}

fn put_opt(out: &mut Vec<u8>, value: Option<&[u8]>, length_prefixed: bool) {
    match value {
        None => out.push(0),
        Some(value) => {
            out.push(1);
            put_bytes(out, value, length_prefixed);
        }
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n_bytes: usize) -> Result<&'a [u8], AuditError> {
        let end = self.at.checked_add(n_bytes).ok_or(AuditError::Truncated)?;
        let slice = self.bytes.get(self.at..end).ok_or(AuditError::Truncated)?;
        self.at = end;
        Ok(slice)
    }

    fn u32(&mut self) -> Result<u32, AuditError> {
        Ok(u32::from_be_bytes(self.take(4)?.try_into().map_err(|_| AuditError::Truncated)?))
    }

    fn string(&mut self) -> Result<String, AuditError> {
        let n_bytes = self.u32()? as usize;
        let bytes = self.take(n_bytes)?;
        String::from_utf8(bytes.to_vec()).map_err(|_| AuditError::NotUtf8)
    }

    fn optional<T>(&mut self, read: impl FnOnce(&mut Reader<'a>) -> Result<T, AuditError>) -> Result<Option<T>, AuditError> {
        match self.take(1)?[0] {
            0 => Ok(None),
            1 => read(self).map(Some),
            _ => Err(AuditError::BadFlag),
        }
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn event_strategy() -> impl Strategy<Value = AuditEvent> {
        (
            any::<i64>(),
            ("[a-z_]{1,10}", "\\PC{0,20}", "[a-z._]{1,20}"),
            (proptest::option::of("[a-z_]{1,10}"), proptest::option::of(any::<[u8; 16]>())),
            proptest::collection::vec("[a-z._]{1,30}", 0..5),
            (proptest::option::of("\\PC{0,20}"), proptest::option::of("[0-9.:]{1,20}")),
            ("[a-z]{1,10}", proptest::option::of("\\PC{0,30}")),
        )
            .prop_map(|(at, (kind, name, action), (target_kind, target_id), categories, (purpose, addr), (outcome, detail))| {
                AuditEvent {
                    at_unix_micros: at,
                    actor_kind: kind,
                    actor_name: name,
                    action,
                    target_kind,
                    target_id,
                    categories,
                    purpose,
                    client_addr: addr,
                    outcome,
                    detail,
                }
            })
    }

    proptest! {
        #[test]
        fn encoding_round_trips(event in event_strategy()) {
            prop_assert_eq!(AuditEvent::decode(&event.encode()).unwrap(), event);
        }

        #[test]
        fn distinct_events_encode_distinctly(a in event_strategy(), b in event_strategy()) {
            prop_assume!(a != b);
            prop_assert_ne!(a.encode(), b.encode());
        }

        #[test]
        fn truncated_or_extended_encodings_are_refused(event in event_strategy(), cut in any::<prop::sample::Index>()) {
            let encoded = event.encode();
            let cut = cut.index(encoded.len());
            prop_assert!(AuditEvent::decode(&encoded[..cut]).is_err());
            let mut longer = encoded.clone();
            longer.push(0);
            prop_assert_eq!(AuditEvent::decode(&longer), Err(AuditError::TrailingBytes(1)));
        }

        #[test]
        fn decoding_arbitrary_bytes_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
            let _ = AuditEvent::decode(&bytes);
        }
    }
}
