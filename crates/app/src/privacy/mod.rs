//! The shop's privacy duties. So far: customers' requests under the GDPR (`requests.rs`: the
//! register, deadlines, identity checks, answers).

mod requests;

pub use self::requests::{Closing, DUE_SOON_DAYS, REQUEST_LIST_LIMIT, Request, RequestDue};
