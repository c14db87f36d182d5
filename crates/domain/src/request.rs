//! Customers' requests under the GDPR (data-subject requests): what was asked, when it came in,
//! how the person's identity was checked, and the law's deadline: one month from receipt
//! (Art. 12(3)), extendable once by two further months when the person is told why within the
//! first month.

use time::{Date, Month};

use crate::{DomainError, FreeText};

/// What a customer asks for.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum RequestKind {
    /// "What do you have on me?" (Art. 15).
    Access,
    /// "Correct what you have on me" (Art. 16).
    Rectification,
    /// "Delete me" (Art. 17).
    Erasure,
    /// "Keep it, but do not use it" (Art. 18).
    Restriction,
    /// "Give me my data to take elsewhere" (Art. 20).
    Portability,
    /// "Stop using my data for this" (Art. 21).
    Objection,
    /// "I take my consent back" (Art. 7(3)).
    Withdrawal,
}

impl RequestKind {
    pub const ALL: [RequestKind; 7] = [
        RequestKind::Access,
        RequestKind::Rectification,
        RequestKind::Erasure,
        RequestKind::Restriction,
        RequestKind::Portability,
        RequestKind::Objection,
        RequestKind::Withdrawal,
    ];

    /// The name the CLI and the JSON use.
    pub fn as_str(&self) -> &'static str {
        match self {
            RequestKind::Access => "access",
            RequestKind::Rectification => "rectification",
            RequestKind::Erasure => "erasure",
            RequestKind::Restriction => "restriction",
            RequestKind::Portability => "portability",
            RequestKind::Objection => "objection",
            RequestKind::Withdrawal => "withdrawal",
        }
    }

    /// The article of the GDPR that gives the right.
    pub fn article(&self) -> &'static str {
        match self {
            RequestKind::Access => "Art. 15",
            RequestKind::Rectification => "Art. 16",
            RequestKind::Erasure => "Art. 17",
            RequestKind::Restriction => "Art. 18",
            RequestKind::Portability => "Art. 20",
            RequestKind::Objection => "Art. 21",
            RequestKind::Withdrawal => "Art. 7(3)",
        }
    }

    pub fn parse(input: &str) -> Result<RequestKind, DomainError> {
        let wanted = input.trim().to_ascii_lowercase();
        RequestKind::ALL.into_iter().find(|kind| kind.as_str() == wanted).ok_or_else(|| {
            DomainError::invalid("kind", "must be access, rectification, erasure, restriction, portability, objection or withdrawal")
        })
    }
}

/// How the request reached the shop.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum RequestChannel {
    Counter,
    Email,
    Phone,
    Letter,
    Webshop,
}

impl RequestChannel {
    pub const ALL: [RequestChannel; 5] =
        [RequestChannel::Counter, RequestChannel::Email, RequestChannel::Phone, RequestChannel::Letter, RequestChannel::Webshop];

    pub fn as_str(&self) -> &'static str {
        match self {
            RequestChannel::Counter => "counter",
            RequestChannel::Email => "email",
            RequestChannel::Phone => "phone",
            RequestChannel::Letter => "letter",
            RequestChannel::Webshop => "webshop",
        }
    }

    pub fn parse(input: &str) -> Result<RequestChannel, DomainError> {
        let wanted = input.trim().to_ascii_lowercase();
        RequestChannel::ALL
            .into_iter()
            .find(|channel| channel.as_str() == wanted)
            .ok_or_else(|| DomainError::invalid("channel", "must be counter, email, phone, letter or webshop"))
    }
}

/// Where a request stands.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum RequestStatus {
    /// Received, the month running.
    Open,
    /// Given two further months, with the reason told to the person.
    Extended,
    /// Answered (and, for an erasure or restriction, carried out).
    Completed,
    /// Refused with a reason (the identity could not be confirmed, or the request is manifestly
    /// unfounded or excessive, Art. 12(5)); the person is told of their right to complain.
    Refused,
}

impl RequestStatus {
    pub const ALL: [RequestStatus; 4] = [RequestStatus::Open, RequestStatus::Extended, RequestStatus::Completed, RequestStatus::Refused];

    pub fn as_str(&self) -> &'static str {
        match self {
            RequestStatus::Open => "open",
            RequestStatus::Extended => "extended",
            RequestStatus::Completed => "completed",
            RequestStatus::Refused => "refused",
        }
    }

    pub fn parse(input: &str) -> Result<RequestStatus, DomainError> {
        let wanted = input.trim().to_ascii_lowercase();
        RequestStatus::ALL
            .into_iter()
            .find(|status| status.as_str() == wanted)
            .ok_or_else(|| DomainError::invalid("status", "must be open, extended, completed or refused"))
    }

    /// Still waiting for the shop.
    pub fn is_pending(&self) -> bool {
        matches!(self, RequestStatus::Open | RequestStatus::Extended)
    }
}

/// `date` moved `months` calendar months on; a day the target month lacks becomes its last day
/// (31 January + 1 month = 28 February, or 29 in a leap year).
pub fn add_months(date: Date, months: u32) -> Date {
    let index = date.year() * 12 + i32::from(u8::from(date.month())) - 1 + months as i32;
    let (year, month) = (index.div_euclid(12), Month::try_from((index.rem_euclid(12) + 1) as u8).unwrap_or(Month::December));
    let last = time::util::days_in_month(month, year);
    Date::from_calendar_date(year, month, date.day().min(last)).unwrap_or(date)
}

/// The day the answer is due: one month after receipt (Art. 12(3)).
pub fn request_due(received: Date) -> Date {
    add_months(received, 1)
}

/// The day the answer is due once extended: two further months after the first month's end,
/// and never more than three months after receipt (whichever comes first, so a month end never
/// gives the shop days the law does not).
pub fn extended_due(received: Date) -> Date {
    add_months(request_due(received), 2).min(add_months(received, 3))
}

/// A request as the privacy officer records it when it comes in.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct NewRequest {
    pub kind: RequestKind,
    pub channel: RequestChannel,
    pub received: Date,
    /// How the person's identity was checked (`None`: not yet; nothing is disclosed or destroyed
    /// before it is).
    pub identity_check: Option<FreeText>,
}

impl NewRequest {
    /// Checks the date of receipt against `today`: not in the future, and not more than a year
    /// back (a typing mistake: a request that old would be long overdue).
    pub fn new(
        kind: RequestKind,
        channel: RequestChannel,
        received: Date,
        identity_check: Option<FreeText>,
        today: Date,
    ) -> Result<NewRequest, DomainError> {
        if received > today {
            return Err(DomainError::invalid("received", "is in the future; give the day the request came in"));
        }
        if received < today - time::Duration::days(366) {
            return Err(DomainError::invalid("received", "is more than a year ago; check the year"));
        }
        Ok(NewRequest { kind, channel, received, identity_check })
    }
}

/// Whether a request may be extended on `today`: once, while it is open and not yet due.
pub fn may_extend(status: RequestStatus, due: Date, today: Date) -> Result<(), DomainError> {
    match status {
        RequestStatus::Extended => Err(DomainError::invalid("extend", "this request was extended already; the law allows it once")),
        RequestStatus::Completed | RequestStatus::Refused => Err(DomainError::invalid("extend", "this request is closed")),
        RequestStatus::Open if today > due => Err(DomainError::invalid(
            "extend",
            "the first month has passed: an extension must be told to the person within it (Art. 12(3))",
        )),
        RequestStatus::Open => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn day(year: i32, month: u8, day: u8) -> Date {
        Date::from_calendar_date(year, Month::try_from(month).unwrap(), day).unwrap()
    }

    #[test]
    fn a_month_after_a_day_the_next_month_lacks_is_that_months_last_day() {
        assert_eq!(request_due(day(2026, 1, 31)), day(2026, 2, 28));
        assert_eq!(request_due(day(2028, 1, 31)), day(2028, 2, 29), "a leap year");
        assert_eq!(request_due(day(2026, 3, 31)), day(2026, 4, 30));
        assert_eq!(request_due(day(2026, 12, 15)), day(2027, 1, 15), "over the year's end");
        assert_eq!(request_due(day(2028, 2, 29)), day(2028, 3, 29));
        assert_eq!(extended_due(day(2026, 1, 31)), day(2026, 4, 28), "two months after 28 February, before 30 April");
        assert_eq!(extended_due(day(2026, 11, 30)), day(2027, 2, 28));
        assert_eq!(extended_due(day(2027, 11, 30)), day(2028, 2, 29));
        assert_eq!(extended_due(day(2026, 6, 10)), day(2026, 9, 10));
    }

    #[test]
    fn a_request_is_extended_once_and_only_within_its_first_month() {
        let due = day(2026, 2, 28);
        assert!(may_extend(RequestStatus::Open, due, day(2026, 2, 28)).is_ok(), "on the due day itself");
        let late = may_extend(RequestStatus::Open, due, day(2026, 3, 1)).unwrap_err();
        assert!(late.to_string().contains("the first month has passed"));
        assert!(may_extend(RequestStatus::Extended, due, day(2026, 2, 1)).unwrap_err().to_string().contains("once"));
        assert!(may_extend(RequestStatus::Completed, due, day(2026, 2, 1)).is_err());
    }

    #[test]
    fn receipt_is_neither_in_the_future_nor_a_typing_mistake_years_back() {
        let today = day(2026, 12, 6);
        let new = |received| NewRequest::new(RequestKind::Access, RequestChannel::Counter, received, None, today);
        assert!(new(today).is_ok() && new(day(2026, 1, 1)).is_ok());
        assert!(new(day(2026, 12, 7)).unwrap_err().to_string().contains("in the future"));
        assert!(new(day(2025, 12, 1)).unwrap_err().to_string().contains("more than a year ago"));
        assert_eq!(RequestKind::parse(" Erasure ").unwrap(), RequestKind::Erasure);
        assert!(RequestKind::parse("delete").is_err() && RequestChannel::parse("fax").is_err());
        for kind in RequestKind::ALL {
            assert_eq!(RequestKind::parse(kind.as_str()).unwrap(), kind);
        }
    }

    proptest! {
        #[test]
        fn the_due_day_is_a_month_on_and_the_extension_at_most_three(days in 0i64..40_000) {
            let received = day(1990, 1, 1) + time::Duration::days(days);
            let due = request_due(received);
            let later = extended_due(received);
            prop_assert!(due > received && later > due);
            prop_assert!((due - received).whole_days() >= 28 && (due - received).whole_days() <= 31);
            prop_assert!(later <= add_months(received, 3));
            prop_assert!((later - received).whole_days() >= 87, "31 January: 28 February, then 28 April");
            // The due day keeps the day of the month, or is the month's last day.
            prop_assert!(due.day() == received.day() || (due.day() < received.day() && (due + time::Duration::days(1)).day() == 1));
        }
    }
}
