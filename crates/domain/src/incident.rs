//! Incidents: something that went wrong, reported by whoever noticed it, and the rules for
//! weighing a personal-data breach (ENISA's 2013 severity method).

use time::OffsetDateTime;

use crate::{DomainError, FreeText, IncidentId, Severity, ShortText};

/// GDPR Art. 33(1): notify the supervisory authority without undue delay and, where feasible,
/// within 72 hours of becoming aware of a personal-data breach.
pub const NOTIFY_WITHIN: time::Duration = time::Duration::hours(72);

/// What a staff member says happened, in the words of the "Report a problem" page.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum IncidentKind {
    /// "I clicked a link" (or opened an attachment, or typed a password somewhere odd).
    Phishing,
    /// "A phone or laptop is lost or stolen."
    LostDevice,
    /// "The screen shows a ransom note."
    Ransomware,
    /// "I sent customer data to the wrong person."
    WrongRecipient,
    /// "Someone asked for customer data strangely."
    SuspiciousRequest,
    /// "Customer data may have been looked up or taken without a reason, by someone with access."
    Insider,
    /// "A break-in or theft took stock, and customer data with it" (the order book, repair
    /// tickets, a PC).
    StolenStock,
    Other,
}

impl IncidentKind {
    pub const ALL: [IncidentKind; 8] = [
        IncidentKind::Phishing,
        IncidentKind::LostDevice,
        IncidentKind::Ransomware,
        IncidentKind::WrongRecipient,
        IncidentKind::SuspiciousRequest,
        IncidentKind::Insider,
        IncidentKind::StolenStock,
        IncidentKind::Other,
    ];

    /// The name the CLI and the JSON use (`lost-device`).
    pub fn as_str(&self) -> &'static str {
        match self {
            IncidentKind::Phishing => "phishing",
            IncidentKind::LostDevice => "lost-device",
            IncidentKind::Ransomware => "ransomware",
            IncidentKind::WrongRecipient => "wrong-recipient",
            IncidentKind::SuspiciousRequest => "suspicious-request",
            IncidentKind::Insider => "insider",
            IncidentKind::StolenStock => "stolen-stock",
            IncidentKind::Other => "other",
        }
    }

    /// A kind as typed: any case, `_` for `-`.
    pub fn parse(input: &str) -> Result<IncidentKind, DomainError> {
        let wanted = input.trim().to_ascii_lowercase().replace('_', "-");
        IncidentKind::ALL.into_iter().find(|kind| kind.as_str() == wanted).ok_or_else(|| {
            DomainError::invalid(
                "kind",
                "must be phishing, lost-device, ransomware, wrong-recipient, suspicious-request, insider, stolen-stock or other",
            )
        })
    }
}

/// Where an incident stands in the register.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum IncidentStatus {
    New,
    Investigating,
    Contained,
    Closed,
}

impl IncidentStatus {
    pub const ALL: [IncidentStatus; 4] =
        [IncidentStatus::New, IncidentStatus::Investigating, IncidentStatus::Contained, IncidentStatus::Closed];

    pub fn as_str(&self) -> &'static str {
        match self {
            IncidentStatus::New => "new",
            IncidentStatus::Investigating => "investigating",
            IncidentStatus::Contained => "contained",
            IncidentStatus::Closed => "closed",
        }
    }

    pub fn parse(input: &str) -> Result<IncidentStatus, DomainError> {
        let wanted = input.trim().to_ascii_lowercase();
        IncidentStatus::ALL
            .into_iter()
            .find(|status| status.as_str() == wanted)
            .ok_or_else(|| DomainError::invalid("status", "must be new, investigating, contained or closed"))
    }

    /// Whether the incident still needs someone: everything but closed.
    pub fn is_open(&self) -> bool {
        *self != IncidentStatus::Closed
    }
}

/// A report as the reporter gives it: what, in their words, and when it happened (if they know;
/// never in the future).
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct NewIncident {
    pub kind: IncidentKind,
    pub summary: FreeText,
    pub occurred_at: Option<OffsetDateTime>,
    /// A made-up incident to practise the response ([`NewIncident::as_drill`]).
    pub drill: bool,
}

impl NewIncident {
    /// Checks the report against `now`: a time in the future is refused (a minute's grace for
    /// clocks that differ), one more than ten years back is a typing mistake.
    pub fn new(
        kind: IncidentKind,
        summary: FreeText,
        occurred_at: Option<OffsetDateTime>,
        now: OffsetDateTime,
    ) -> Result<NewIncident, DomainError> {
        if let Some(at) = occurred_at {
            if at > now + time::Duration::minutes(1) {
                return Err(DomainError::invalid("occurred at", "is in the future; give the time it happened, or leave it empty"));
            }
            if at < now - time::Duration::days(3653) {
                return Err(DomainError::invalid("occurred at", "is more than ten years ago; check the year"));
            }
        }
        Ok(NewIncident { kind, summary, occurred_at, drill: false })
    }

    /// The same report as a drill: a made-up incident to practise the response on, timed and
    /// recorded like any other, never counted as a real breach.
    pub fn as_drill(self) -> NewIncident {
        NewIncident { drill: true, ..self }
    }
}

/// An incident in the register, its summary opened.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Incident {
    pub id: IncidentId,
    pub kind: IncidentKind,
    pub status: IncidentStatus,
    pub summary: FreeText,
    pub occurred_at: Option<OffsetDateTime>,
    pub reported_at: OffsetDateTime,
    /// The staff member (or OS account, or token) who reported it.
    pub reported_by: String,
    /// The latest severity assessment, if one was made.
    pub severity: Option<Severity>,
    /// The personal-data breach record, once the incident is found to be one.
    pub breach: Option<BreachRecord>,
    /// A made-up incident to practise the response.
    pub drill: bool,
}

impl Incident {
    /// What came of it: no breach (no breach record), a breach recorded only, or notified.
    pub fn outcome(&self) -> BreachOutcome {
        match &self.breach {
            None => BreachOutcome::NoBreach,
            Some(breach) if breach.notified_at.is_some() => BreachOutcome::Notified,
            Some(_) => BreachOutcome::RecordedOnly,
        }
    }
}

/// What came of an incident for the register (Art. 33(5) asks that every breach be
/// documented, notified or not).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum BreachOutcome {
    NoBreach,
    RecordedOnly,
    Notified,
}

impl BreachOutcome {
    pub fn as_str(&self) -> &'static str {
        match self {
            BreachOutcome::NoBreach => "no_breach",
            BreachOutcome::RecordedOnly => "breach_recorded",
            BreachOutcome::Notified => "breach_notified",
        }
    }
}

/// Which of the three security properties a breach broke (the EDPB's classification).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub enum BreachType {
    /// Personal data disclosed to, or read by, someone who should not have them.
    Confidentiality,
    /// Personal data changed without authority.
    Integrity,
    /// Personal data lost or out of reach (ransomware, a lost only copy).
    Availability,
}

impl BreachType {
    pub const ALL: [BreachType; 3] = [BreachType::Confidentiality, BreachType::Integrity, BreachType::Availability];

    pub fn as_str(&self) -> &'static str {
        match self {
            BreachType::Confidentiality => "confidentiality",
            BreachType::Integrity => "integrity",
            BreachType::Availability => "availability",
        }
    }

    pub fn parse(input: &str) -> Result<BreachType, DomainError> {
        let wanted = input.trim().to_ascii_lowercase();
        BreachType::ALL
            .into_iter()
            .find(|kind| kind.as_str() == wanted)
            .ok_or_else(|| DomainError::invalid("breach type", "must be confidentiality, integrity or availability"))
    }
}

/// The record of a personal-data breach (GDPR Art. 33(3) and (5)): when the shop became aware
/// (the 72-hour clock's start, which is not when the incident was discovered or happened),
/// what was broken, whose data and roughly how much, what it means, what was done, and the
/// notification to the supervisory authority with the reason for any delay.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct BreachRecord {
    pub became_aware_at: OffsetDateTime,
    pub types: Vec<BreachType>,
    /// The kinds of personal data involved, in plain words (names, addresses, purchases, …).
    pub data_categories: Option<FreeText>,
    /// Approximately how many people, and how many records.
    pub people: Option<u64>,
    pub records: Option<u64>,
    pub consequences: Option<FreeText>,
    pub measures: Option<FreeText>,
    /// For a lost device or a leaked backup: whether the data on it were encrypted, and whether
    /// the key went with them. Encrypted without its key is what Art. 34(3)(a) calls
    /// unintelligible.
    pub data_encrypted: Option<bool>,
    pub key_taken: Option<bool>,
    /// When the supervisory authority was notified, and its reference.
    pub notified_at: Option<OffsetDateTime>,
    pub authority_reference: Option<ShortText>,
    /// Art. 33(1): a notification later than 72 hours comes with the reasons for the delay.
    pub delay_reason: Option<FreeText>,
}

impl BreachRecord {
    /// A record with only its clock's start: what is known at first, the rest filled in later.
    pub fn aware_at(became_aware_at: OffsetDateTime) -> BreachRecord {
        BreachRecord {
            became_aware_at,
            types: Vec::new(),
            data_categories: None,
            people: None,
            records: None,
            consequences: None,
            measures: None,
            data_encrypted: None,
            key_taken: None,
            notified_at: None,
            authority_reference: None,
            delay_reason: None,
        }
    }

    /// The clock's end: 72 hours after becoming aware, as a moment (UTC underneath; the pages
    /// show it in the shop's time zone, so a change to or from summer time moves the wall-clock
    /// hour, not the deadline).
    pub fn deadline(&self) -> OffsetDateTime {
        self.became_aware_at + NOTIFY_WITHIN
    }

    /// Whether the notification is (or, not yet made at `now`, already is) later than 72 hours.
    pub fn late(&self, now: OffsetDateTime) -> bool {
        self.notified_at.unwrap_or(now) > self.deadline()
    }

    /// Art. 34(3)(a): the data were encrypted and the key was not taken with them, so telling
    /// each person is not required.
    pub fn unintelligible(&self) -> bool {
        self.data_encrypted == Some(true) && self.key_taken == Some(false)
    }

    /// Checks the record against `now`: no time in the future, no notification before becoming
    /// aware, and a late notification carries its reason.
    pub fn check(&self, now: OffsetDateTime) -> Result<(), DomainError> {
        let grace = time::Duration::minutes(1);
        if self.became_aware_at > now + grace {
            return Err(DomainError::invalid("became aware at", "is in the future"));
        }
        if let Some(notified) = self.notified_at {
            if notified > now + grace {
                return Err(DomainError::invalid("notified at", "is in the future"));
            }
            if notified < self.became_aware_at {
                return Err(DomainError::invalid("notified at", "is before the shop became aware of the breach"));
            }
            if self.late(now) && self.delay_reason.is_none() {
                return Err(DomainError::invalid(
                    "delay reason",
                    "is required: the authority was notified more than 72 hours after the shop became aware (GDPR Art. 33(1))",
                ));
            }
        }
        // A shop's breach reaches thousands, not billions: a longer number is a typing mistake,
        // or a card number in the wrong field.
        for (field, count) in [("people", self.people), ("records", self.records)] {
            if count.is_some_and(|count| count > 1_000_000_000) {
                return Err(DomainError::invalid(field, "is more than a billion; check the number"));
            }
        }
        if self.key_taken == Some(true) && self.data_encrypted == Some(false) {
            return Err(DomainError::invalid("key taken", "only applies to encrypted data"));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn breach(aware: OffsetDateTime) -> BreachRecord {
        BreachRecord { types: vec![BreachType::Confidentiality], people: Some(40), ..BreachRecord::aware_at(aware) }
    }

    #[test]
    fn the_72_hour_clock_is_exact_across_a_change_of_the_clocks() {
        // Aware on Friday 23 October 2026, 12:00 in Amsterdam (CEST, +2); the clocks go back on
        // Sunday the 25th, so 72 hours later is Monday 11:00 CET: 10:00 UTC either way.
        let aware = time::macros::datetime!(2026-10-23 12:00 +2);
        let record = breach(aware);
        assert_eq!(record.deadline(), time::macros::datetime!(2026-10-26 10:00 UTC));
        assert_eq!(record.deadline().to_offset(time::macros::offset!(+1)).hour(), 11);
        assert!(!record.late(time::macros::datetime!(2026-10-26 09:59 UTC)));
        assert!(record.late(time::macros::datetime!(2026-10-26 10:01 UTC)));
    }

    #[test]
    fn a_late_notification_needs_its_reason_and_times_must_make_sense() {
        let aware = OffsetDateTime::from_unix_timestamp(1_800_000_000).unwrap();
        let now = aware + time::Duration::days(5);
        let mut record = breach(aware);
        assert!(record.check(now).is_ok(), "not notified yet is a record too");
        record.notified_at = Some(aware + time::Duration::hours(80));
        let error = record.check(now).unwrap_err().to_string();
        assert!(error.contains("delay reason") && error.contains("72 hours"), "{error}");
        record.delay_reason = Some(FreeText::parse("delay reason", "The owner was abroad without the key file").unwrap());
        assert!(record.check(now).is_ok());
        record.notified_at = Some(aware - time::Duration::hours(1));
        assert!(record.check(now).unwrap_err().to_string().contains("before"));
        record.notified_at = None;
        record.became_aware_at = now + time::Duration::hours(1);
        assert!(record.check(now).unwrap_err().to_string().contains("future"));
    }

    #[test]
    fn encrypted_data_without_its_key_is_unintelligible_and_nothing_else_is() {
        let mut record = breach(OffsetDateTime::UNIX_EPOCH);
        assert!(!record.unintelligible(), "unknown is not unintelligible");
        record.data_encrypted = Some(true);
        record.key_taken = Some(false);
        assert!(record.unintelligible());
        record.key_taken = Some(true);
        assert!(!record.unintelligible());
        record.data_encrypted = Some(false);
        assert!(record.check(OffsetDateTime::UNIX_EPOCH).is_err(), "a key for data that were not encrypted");
        for kind in BreachType::ALL {
            assert_eq!(BreachType::parse(kind.as_str()).unwrap(), kind);
        }
    }

    #[test]
    fn kinds_and_statuses_parse_as_the_cli_writes_them() {
        for kind in IncidentKind::ALL {
            assert_eq!(IncidentKind::parse(kind.as_str()).unwrap(), kind);
        }
        assert_eq!(IncidentKind::parse(" Lost_Device ").unwrap(), IncidentKind::LostDevice);
        assert!(IncidentKind::parse("fire").unwrap_err().to_string().contains("wrong-recipient"));
        for status in IncidentStatus::ALL {
            assert_eq!(IncidentStatus::parse(status.as_str()).unwrap(), status);
        }
        assert!(!IncidentStatus::Closed.is_open() && IncidentStatus::Contained.is_open());
    }

    #[test]
    fn a_report_of_the_future_or_a_mistyped_year_is_refused() {
        let now = OffsetDateTime::from_unix_timestamp(1_800_000_000).unwrap();
        let summary = FreeText::parse("summary", "I clicked a link in a parcel mail").unwrap();
        let at = |hours: i64| Some(now + time::Duration::hours(hours));
        assert!(NewIncident::new(IncidentKind::Phishing, summary.clone(), at(-2), now).is_ok());
        assert!(NewIncident::new(IncidentKind::Phishing, summary.clone(), None, now).is_ok());
        let error = NewIncident::new(IncidentKind::Phishing, summary.clone(), at(2), now).unwrap_err().to_string();
        assert!(error.contains("future"), "{error}");
        assert!(NewIncident::new(IncidentKind::Phishing, summary, at(-24 * 366 * 11), now).is_err());
    }
}
