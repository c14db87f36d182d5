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
    /// but never back: a collected item cannot be "ready" again.
    pub fn can_move_to(&self, next: JobStatus) -> bool {
        next > *self
    }
}

/// A workshop job as stored.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Repair {
    pub id: RepairId,
    pub customer_id: CustomerId,
    pub kind: JobKind,
    pub item_description: FreeText,
    pub condition: Option<FreeText>,
    pub valuation: Option<Money>,
    pub status: JobStatus,
    pub received_on: Date,
    pub promised_on: Option<Date>,
}

impl Repair {
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
}
