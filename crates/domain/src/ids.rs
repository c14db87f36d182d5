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
