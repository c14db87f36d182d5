//! The shop's privacy duties. So far: customers' requests under the GDPR (`requests.rs`: the
//! register, deadlines, identity checks, answers) and a customer's complete data for an access
//! or portability request (`export.rs`), and retention that runs itself (`retention.rs`).

mod erasure;
mod export;
mod marketing;
mod notice;
mod purge;
mod requests;
mod retention;
mod review;
mod ropa;

pub use self::erasure::{Erased, ErasurePlan, erasure_reply, restriction_reply};
pub use self::export::{CustomerExport, EXPORT_FORMAT, Recipient, RecipientKind, Source};
pub use self::marketing::{MarketingContact, marketing_csv};
pub use self::notice::Notice;
pub use self::requests::{Closing, DUE_SOON_DAYS, REQUEST_LIST_LIMIT, Request, RequestDue};
pub use self::retention::{PastKeeping, PastSale, RETENTION_BATCH, RetentionRun};
pub use self::review::{Inactive, REVIEW_LIMIT};
pub use self::ropa::{LawSummary, MappedField, OWN_PURPOSE, Place, PolicySummary, Processor, ROPA_FORMAT, Ropa, ShopPart};

/// The purpose an erased customer's kept records open for: the law that keeps them.
pub const TAX_PURPOSE: &str = "compliance";
