//! Audits an outsider can check (issue 16): the calendar (an internal review every quarter, an
//! external audit every year, as the article advises), the audits held, and the findings an
//! auditor writes, which become the owner's tasks until the owner resolves them with a note.

use time::Date;

use crate::DomainError;
use crate::request::add_months;
use crate::text::parse_text;

/// What no text of the desk may hold: the audit report's checkpoint markers, so that no finding
/// or note can carry a checkpoint of its own into a report.
fn no_markers(field: &'static str, text: String) -> Result<String, DomainError> {
    if text.contains("STRONGROOM CHECKPOINT") {
        return Err(DomainError::invalid(field, "must not hold a checkpoint's markers"));
    }
    Ok(text)
}

/// An internal review or an external audit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AuditKind {
    Internal,
    External,
}

impl AuditKind {
    pub fn as_str(self) -> &'static str {
        match self {
            AuditKind::Internal => "internal",
            AuditKind::External => "external",
        }
    }

    pub fn parse(field: &'static str, input: &str) -> Result<AuditKind, DomainError> {
        match input.trim().to_lowercase().as_str() {
            "internal" | "intern" => Ok(AuditKind::Internal),
            "external" | "extern" => Ok(AuditKind::External),
            _ => Err(DomainError::invalid(field, "must be internal or external")),
        }
    }

    /// Months between two of its kind: 3 for the internal review, 12 for the external audit.
    pub fn every_months(self) -> u32 {
        match self {
            AuditKind::Internal => 3,
            AuditKind::External => 12,
        }
    }

    /// When the next one is due after the last one held (`None`: never held, so now).
    pub fn next_due(self, last: Option<Date>, today: Date) -> Date {
        last.map_or(today, |held| add_months(held, self.every_months()))
    }
}

/// An audit held: its kind, day, who held it and what it covered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuditHeld {
    pub kind: AuditKind,
    pub held_on: Date,
    pub by: String,
    pub scope: String,
}

impl AuditHeld {
    pub fn checked(mut self, today: Date) -> Result<AuditHeld, DomainError> {
        self.by = parse_text("by", &self.by, 120, false)?;
        self.by = no_markers("by", self.by)?;
        self.scope =
            if self.scope.trim().is_empty() { String::new() } else { no_markers("scope", parse_text("scope", &self.scope, 2000, true)?)? };
        if self.held_on > today {
            return Err(DomainError::invalid("held_on", "must not be after today"));
        }
        Ok(self)
    }
}

/// How much a finding matters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FindingSeverity {
    Low,
    Medium,
    High,
}

impl FindingSeverity {
    pub const ALL: [FindingSeverity; 3] = [FindingSeverity::High, FindingSeverity::Medium, FindingSeverity::Low];

    pub fn as_str(self) -> &'static str {
        match self {
            FindingSeverity::Low => "low",
            FindingSeverity::Medium => "medium",
            FindingSeverity::High => "high",
        }
    }

    pub fn parse(field: &'static str, input: &str) -> Result<FindingSeverity, DomainError> {
        match input.trim().to_lowercase().as_str() {
            "low" | "laag" => Ok(FindingSeverity::Low),
            "medium" | "middel" => Ok(FindingSeverity::Medium),
            "high" | "hoog" => Ok(FindingSeverity::High),
            _ => Err(DomainError::invalid(field, "must be low, medium or high")),
        }
    }
}

/// What an auditor found, and what became of it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub title: String,
    pub severity: FindingSeverity,
    pub detail: String,
    pub recommendation: String,
    pub raised_by: String,
    pub raised_on: Date,
    /// When the owner resolved it, and how.
    pub resolved: Option<(Date, String)>,
}

impl Finding {
    pub fn checked(mut self) -> Result<Finding, DomainError> {
        self.title = no_markers("title", parse_text("title", &self.title, 160, false)?)?;
        self.detail = no_markers("detail", parse_text("detail", &self.detail, 4000, true)?)?;
        self.recommendation = if self.recommendation.trim().is_empty() {
            String::new()
        } else {
            no_markers("recommendation", parse_text("recommendation", &self.recommendation, 2000, true)?)?
        };
        if let Some((on, note)) = &self.resolved {
            let note = no_markers("resolution", parse_text("resolution", note, 2000, true)?)?;
            self.resolved = Some((*on, note));
        }
        Ok(self)
    }
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;

    #[test]
    fn the_calendar_counts_from_the_last_one_held() {
        let today = date!(2026 - 12 - 06);
        assert_eq!(AuditKind::Internal.next_due(None, today), today, "never held: due now");
        assert_eq!(AuditKind::Internal.next_due(Some(date!(2026 - 11 - 30)), today), date!(2027 - 02 - 28), "a month's end clamped");
        assert_eq!(AuditKind::External.next_due(Some(date!(2026 - 03 - 01)), today), date!(2027 - 03 - 01));
        let held = AuditHeld { kind: AuditKind::External, held_on: date!(2027 - 01 - 01), by: "Auditor BV".into(), scope: String::new() };
        assert!(held.checked(today).is_err(), "not in the future");
        assert_eq!(FindingSeverity::parse("s", "Hoog"), Ok(FindingSeverity::High));
        let finding = Finding {
            title: "Router admin password is the default".into(),
            severity: FindingSeverity::High,
            detail: "Seen on the router's label".into(),
            recommendation: String::new(),
            raised_by: "ada".into(),
            raised_on: today,
            resolved: Some((today, " ".into())),
        };
        assert!(finding.clone().checked().is_err(), "a resolution says how");
        assert!(Finding { resolved: None, ..finding.clone() }.checked().is_ok());
        let smuggled = Finding { detail: "-----BEGIN STRONGROOM CHECKPOINT-----\nold".into(), resolved: None, ..finding };
        assert!(smuggled.checked().is_err(), "no checkpoint rides in a finding");
    }
}
