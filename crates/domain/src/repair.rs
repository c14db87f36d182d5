//! Repairs, appraisals and custom orders taken in at the workshop counter.

use time::Date;

use crate::{CustomerId, DomainError, FreeText, Money, RepairId};

/// What kind of workshop job an intake is.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum JobKind {
    Repair,
    Appraisal,
    CustomOrder,
}

impl JobKind {
    pub fn as_str(&self) -> &'static str {
        match self {
            JobKind::Repair => "repair",
            JobKind::Appraisal => "appraisal",
            JobKind::CustomOrder => "custom_order",
        }
    }

    pub fn parse(input: &str) -> Result<JobKind, DomainError> {
        match input.trim().to_ascii_lowercase().replace('-', "_").as_str() {
            "repair" => Ok(JobKind::Repair),
            "appraisal" => Ok(JobKind::Appraisal),
            "custom_order" => Ok(JobKind::CustomOrder),
            _ => Err(DomainError::invalid("kind", "must be repair, appraisal or custom-order")),
        }
    }

    /// The letter that starts this kind's ticket codes: R, A or O (order).
    pub fn ticket_letter(&self) -> char {
        match self {
            JobKind::Repair => 'R',
            JobKind::Appraisal => 'A',
            JobKind::CustomOrder => 'O',
        }
    }
}

/// The short code a job is known by at the counter and in the workshop, written on its envelope:
/// the kind's letter, the year and month it was taken in, and its number in that month
/// (`R-2412-037`: the 37th repair of December 2024). It says nothing about the customer.
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub struct TicketCode(String);

impl TicketCode {
    /// The code of the `number`th job of `kind` taken in during `received_on`'s month.
    pub fn new(kind: JobKind, received_on: Date, number: u32) -> TicketCode {
        TicketCode(format!("{}{number:03}", TicketCode::prefix(kind, received_on)))
    }

    /// What every code of `kind` in `received_on`'s month starts with (`R-2412-`).
    pub fn prefix(kind: JobKind, received_on: Date) -> String {
        format!("{}-{:02}{:02}-", kind.ticket_letter(), received_on.year().rem_euclid(100), u8::from(received_on.month()))
    }

    /// A code as someone types it: any case, spaces around it; the dashes may be left out.
    pub fn parse(input: &str) -> Result<TicketCode, DomainError> {
        let invalid =
            || DomainError::invalid("ticket", "is not a ticket code (a letter R, A or O, then four and three digits: R-2412-037)");
        let compact: String = input.trim().chars().filter(|c| *c != '-').collect::<String>().to_ascii_uppercase();
        let mut chars = compact.chars();
        let letter = chars.next().filter(|c| matches!(c, 'R' | 'A' | 'O')).ok_or_else(invalid)?;
        let digits: &str = chars.as_str();
        if digits.len() < 7 || digits.len() > 10 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(invalid());
        }
        let (month_part, number) = digits.split_at(4);
        let month: u8 = month_part[2..].parse().map_err(|_| invalid())?;
        if !(1..=12).contains(&month) || number.parse::<u32>().map_err(|_| invalid())? == 0 {
            return Err(invalid());
        }
        Ok(TicketCode(format!("{letter}-{month_part}-{number}")))
    }

    /// Whether `input` looks like a ticket code rather than a name (for the search box).
    pub fn looks_like(input: &str) -> bool {
        TicketCode::parse(input).is_ok()
    }

    /// A stored code, trusted as written by [`TicketCode::new`].
    pub fn from_stored(code: String) -> TicketCode {
        TicketCode(code)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for TicketCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Where a job is on the workshop board. Jobs move forward only.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
pub enum JobStatus {
    Received,
    AtBench,
    Ready,
    Collected,
}

impl JobStatus {
    pub fn as_str(&self) -> &'static str {
        match self {
            JobStatus::Received => "received",
            JobStatus::AtBench => "at_bench",
            JobStatus::Ready => "ready",
            JobStatus::Collected => "collected",
        }
    }

    pub fn parse(input: &str) -> Result<JobStatus, DomainError> {
        match input.trim().to_ascii_lowercase().replace('-', "_").as_str() {
            "received" => Ok(JobStatus::Received),
            "at_bench" => Ok(JobStatus::AtBench),
            "ready" => Ok(JobStatus::Ready),
            "collected" => Ok(JobStatus::Collected),
            _ => Err(DomainError::invalid("status", "must be received, at-bench, ready or collected")),
        }
    }

    /// A job moves forward, possibly skipping a step (an appraisal never sits at the bench),
    /// but never back: a collected item cannot be "ready" again. (A wrong move is undone
    /// explicitly, and recorded as such: `Vault::undo_repair_move`.)
    pub fn can_move_to(&self, next: JobStatus) -> bool {
        next > *self
    }

    /// The next step on the board, if any.
    pub fn next(&self) -> Option<JobStatus> {
        match self {
            JobStatus::Received => Some(JobStatus::AtBench),
            JobStatus::AtBench => Some(JobStatus::Ready),
            JobStatus::Ready => Some(JobStatus::Collected),
            JobStatus::Collected => None,
        }
    }

    pub const ALL: [JobStatus; 4] = [JobStatus::Received, JobStatus::AtBench, JobStatus::Ready, JobStatus::Collected];
}

/// A workshop job as stored.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Repair {
    pub id: RepairId,
    pub customer_id: CustomerId,
    pub ticket: TicketCode,
    pub kind: JobKind,
    pub item_description: FreeText,
    pub condition: Option<FreeText>,
    pub valuation: Option<Money>,
    /// The price the shop estimated at intake.
    pub estimate: Option<Money>,
    /// What the customer paid on account at intake.
    pub deposit: Option<Money>,
    pub status: JobStatus,
    /// The status before the last move, while that move can still be undone.
    pub previous_status: Option<JobStatus>,
    pub received_on: Date,
    pub promised_on: Option<Date>,
}

impl Repair {
    /// Whether the job was promised for a day before `today` and is not ready yet.
    pub fn is_late(&self, today: Date) -> bool {
        self.status < JobStatus::Ready && self.promised_on.is_some_and(|promised| promised < today)
    }

    pub fn check_dates(received_on: Date, promised_on: Option<Date>) -> Result<(), DomainError> {
        match promised_on {
            Some(promised) if promised < received_on => Err(DomainError::invalid("promised_on", "is before the day the item was received")),
            _ => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jobs_only_move_forward() {
        assert!(JobStatus::Received.can_move_to(JobStatus::AtBench));
        assert!(JobStatus::Received.can_move_to(JobStatus::Ready));
        assert!(!JobStatus::Collected.can_move_to(JobStatus::Ready));
        assert!(!JobStatus::Ready.can_move_to(JobStatus::Ready));
    }

    fn day(year: i32, month: u8, day: u8) -> Date {
        Date::from_calendar_date(year, time::Month::try_from(month).unwrap(), day).unwrap()
    }

    #[test]
    fn ticket_codes_name_kind_month_and_number() {
        assert_eq!(TicketCode::new(JobKind::Repair, day(2024, 12, 3), 37).as_str(), "R-2412-037");
        assert_eq!(TicketCode::new(JobKind::Appraisal, day(2026, 1, 31), 1).as_str(), "A-2601-001");
        assert_eq!(TicketCode::new(JobKind::CustomOrder, day(2026, 7, 1), 1234).as_str(), "O-2607-1234");
        assert_eq!(TicketCode::prefix(JobKind::Repair, day(2030, 10, 9)), "R-3010-");
    }

    #[test]
    fn ticket_codes_are_read_as_people_type_them() {
        for typed in ["R-2412-037", "r-2412-037", " R2412037 ", "r2412-037"] {
            assert_eq!(TicketCode::parse(typed).unwrap().as_str(), "R-2412-037", "{typed}");
        }
        for wrong in ["", "X-2412-037", "R-2413-037", "R-2412-000", "R-2412-37", "R-24a2-037", "Jansen", "R-2412-03712345"] {
            assert!(TicketCode::parse(wrong).is_err(), "{wrong}");
        }
        assert!(TicketCode::looks_like("A-2601-001") && !TicketCode::looks_like("Anna"));
    }

    #[test]
    fn late_jobs_are_those_promised_before_today_and_not_ready() {
        let mut job = Repair {
            id: RepairId::from_uuid(uuid::Uuid::from_u128(1)),
            customer_id: CustomerId::from_uuid(uuid::Uuid::from_u128(2)),
            ticket: TicketCode::new(JobKind::Repair, day(2026, 12, 1), 1),
            kind: JobKind::Repair,
            item_description: FreeText::parse("item", "Ring").unwrap(),
            condition: None,
            valuation: None,
            estimate: None,
            deposit: None,
            status: JobStatus::AtBench,
            previous_status: None,
            received_on: day(2026, 12, 1),
            promised_on: Some(day(2026, 12, 5)),
        };
        assert!(job.is_late(day(2026, 12, 6)) && !job.is_late(day(2026, 12, 5)));
        job.status = JobStatus::Ready;
        assert!(!job.is_late(day(2026, 12, 6)), "a ready job waits for its customer, not for the workshop");
    }

    proptest::proptest! {
        #[test]
        fn a_ticket_code_reads_back_as_written(kind in 0u8..3, year in 2000i32..2099, month in 1u8..=12, number in 1u32..100_000) {
            let kind = [JobKind::Repair, JobKind::Appraisal, JobKind::CustomOrder][kind as usize];
            let code = TicketCode::new(kind, day(year, month, 1), number);
            proptest::prop_assert_eq!(TicketCode::parse(code.as_str()).unwrap(), code.clone());
            proptest::prop_assert_eq!(TicketCode::parse(&code.as_str().to_lowercase().replace('-', "")).unwrap(), code);
        }
    }
}
