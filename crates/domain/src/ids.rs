//! Typed record ids, so a purchase id can never be passed where a customer id is expected.
//!
//! Ids are UUIDs; the crates above generate them as UUIDv7 (time-ordered, so B-trees append
//! instead of splitting at random). The domain only wraps and parses them.

use std::fmt;
use std::str::FromStr;

use uuid::Uuid;

use crate::DomainError;

macro_rules! record_id {
    ($name:ident, $field:literal) => {
        #[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(Uuid);

        impl $name {
            pub fn from_uuid(uuid: Uuid) -> $name {
                $name(uuid)
            }

            pub fn as_uuid(&self) -> Uuid {
                self.0
            }

            pub fn as_bytes(&self) -> &[u8; 16] {
                self.0.as_bytes()
            }

            pub fn parse(input: &str) -> Result<$name, DomainError> {
                Uuid::try_parse(input.trim()).map($name).map_err(|_| DomainError::invalid($field, "not a valid id (expected a UUID)"))
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.hyphenated().fmt(f)
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}({})", stringify!($name), self.0.hyphenated())
            }
        }

        impl FromStr for $name {
            type Err = DomainError;
            fn from_str(input: &str) -> Result<$name, DomainError> {
                $name::parse(input)
            }
        }
    };
}

record_id!(CustomerId, "customer id");
record_id!(PurchaseId, "purchase id");
record_id!(RepairId, "repair id");
record_id!(AmlRecordId, "aml record id");
record_id!(CorrectionId, "correction id");
record_id!(IncidentId, "incident id");
record_id!(RequestId, "request id");

/// The `Idempotency-Key` an API client sends with a create (draft-ietf-httpapi-idempotency-key-header),
/// so a retry after a timeout returns the first result instead of recording a sale twice.
/// 1 to 255 visible ASCII characters: UUIDs, ULIDs and POS receipt numbers all fit.
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub struct IdempotencyKey(String);

impl IdempotencyKey {
    pub const MAX_LEN: usize = 255;

    pub fn parse(input: &str) -> Result<IdempotencyKey, crate::DomainError> {
        if input.is_empty() || input.len() > IdempotencyKey::MAX_LEN {
            return Err(crate::DomainError::invalid("Idempotency-Key", "must be 1 to 255 characters"));
        }
        if !input.bytes().all(|byte| byte.is_ascii_graphic()) {
            return Err(crate::DomainError::invalid("Idempotency-Key", "may hold only visible ASCII characters, no spaces"));
        }
        Ok(IdempotencyKey(input.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn idempotency_keys_are_short_visible_ascii() {
        assert!(IdempotencyKey::parse("0192f5e4-7b1a-7c3e-9d2f-3a4b5c6d7e8f").is_ok());
        assert!(IdempotencyKey::parse(&"k".repeat(255)).is_ok());
        assert!(IdempotencyKey::parse(&"k".repeat(256)).is_err());
        assert!(IdempotencyKey::parse("").is_err());
        assert!(IdempotencyKey::parse("receipt 12").is_err());
        assert!(IdempotencyKey::parse("bon-é").is_err());
    }
}
