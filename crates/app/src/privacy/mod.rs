//! The shop's privacy duties. So far: customers' requests under the GDPR (`requests.rs`: the
//! register, deadlines, identity checks, answers) and a customer's complete data for an access
//! or portability request (`export.rs`), and retention that runs itself (`retention.rs`).

mod export;
mod requests;
mod retention;

pub use self::export::{CustomerExport, EXPORT_FORMAT, Recipient, RecipientKind, Source};
pub use self::requests::{Closing, DUE_SOON_DAYS, REQUEST_LIST_LIMIT, Request, RequestDue};
pub use self::retention::{PastKeeping, RETENTION_BATCH, RetentionRun};
