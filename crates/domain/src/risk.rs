//! The shop's risk register (issue 16): each risk an asset and a threat to it, its likelihood
//! and impact from 1 to 5 with the reasons, the score (their product, on a 5×5 map), a
//! treatment (reduce, accept, transfer, avoid) with its measures, who owns it, and when it was
//! last reviewed. Its level decides when the next review is due: very high and high every 90
//! days, medium every 180, low every 360. The starter catalogue for jewelers is `risk_catalogue.rs`.

use time::Date;

use crate::DomainError;
use crate::text::parse_text;

/// How a risk is dealt with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Treatment {
    Reduce,
    Accept,
    Transfer,
    Avoid,
}

impl Treatment {
    pub const ALL: [Treatment; 4] = [Treatment::Reduce, Treatment::Accept, Treatment::Transfer, Treatment::Avoid];

    pub fn as_str(self) -> &'static str {
        match self {
            Treatment::Reduce => "reduce",
            Treatment::Accept => "accept",
            Treatment::Transfer => "transfer",
            Treatment::Avoid => "avoid",
        }
    }

    pub fn parse(field: &'static str, input: &str) -> Result<Treatment, DomainError> {
        match input.trim().to_lowercase().as_str() {
            "reduce" | "verminderen" => Ok(Treatment::Reduce),
            "accept" | "accepteren" => Ok(Treatment::Accept),
            "transfer" | "overdragen" => Ok(Treatment::Transfer),
            "avoid" | "vermijden" => Ok(Treatment::Avoid),
            _ => Err(DomainError::invalid(field, "must be reduce, accept, transfer or avoid")),
        }
    }
}

/// A risk's level, from its score.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RiskLevel {
    Low,
    Medium,
    High,
    VeryHigh,
}

impl RiskLevel {
    /// 20–25 very high, 12–16 high, 6–10 medium, 1–5 low (the products a 5×5 map can give).
    pub fn of(score: u8) -> RiskLevel {
        match score {
            20.. => RiskLevel::VeryHigh,
            12..=19 => RiskLevel::High,
            6..=11 => RiskLevel::Medium,
            _ => RiskLevel::Low,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            RiskLevel::Low => "low",
            RiskLevel::Medium => "medium",
            RiskLevel::High => "high",
            RiskLevel::VeryHigh => "very_high",
        }
    }

    /// Days between reviews.
    pub fn review_days(self) -> i64 {
        match self {
            RiskLevel::VeryHigh | RiskLevel::High => 90,
            RiskLevel::Medium => 180,
            RiskLevel::Low => 360,
        }
    }
}

/// A likelihood or an impact: 1 (rare, negligible) to 5 (almost certain, severe).
pub fn parse_rating(field: &'static str, input: &str) -> Result<u8, DomainError> {
    match input.trim().parse::<u8>() {
        Ok(rating @ 1..=5) => Ok(rating),
        _ => Err(DomainError::invalid(field, "must be a whole number from 1 to 5")),
    }
}

/// One risk of the register.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Risk {
    /// The starter catalogue's entry or the proposal it came from ("phishing", "proposed:backups"),
    /// so neither is offered again; empty for the shop's own.
    pub source: String,
    pub title: String,
    /// What is at stake: "the customer records on the counter PC".
    pub asset: String,
    /// What could happen to it: "a member of staff opens a fake parcel notice".
    pub threat: String,
    pub likelihood: u8,
    pub likelihood_reason: String,
    pub impact: u8,
    pub impact_reason: String,
    pub treatment: Treatment,
    /// The measures that treat it.
    pub measures: String,
    /// Who sees to it.
    pub owner: String,
    pub reviewed_on: Date,
}

impl Risk {
    pub fn score(&self) -> u8 {
        self.likelihood * self.impact
    }

    pub fn level(&self) -> RiskLevel {
        RiskLevel::of(self.score())
    }

    /// When the next review is due.
    pub fn review_due(&self) -> Date {
        self.reviewed_on + time::Duration::days(self.level().review_days())
    }

    /// Checks what a form, a command or the catalogue gives.
    pub fn checked(mut self) -> Result<Risk, DomainError> {
        self.title = parse_text("title", &self.title, 120, false)?;
        self.asset = parse_text("asset", &self.asset, 300, true)?;
        self.threat = parse_text("threat", &self.threat, 600, true)?;
        let optional = |field: &'static str, text: &str, max: usize| {
            if text.trim().is_empty() { Ok(String::new()) } else { parse_text(field, text, max, true) }
        };
        self.likelihood_reason = optional("likelihood_reason", &self.likelihood_reason, 600)?;
        self.impact_reason = optional("impact_reason", &self.impact_reason, 600)?;
        self.measures = optional("measures", &self.measures, 2000)?;
        self.owner = optional("owner", &self.owner, 80)?;
        for (field, rating) in [("likelihood", self.likelihood), ("impact", self.impact)] {
            if !(1..=5).contains(&rating) {
                return Err(DomainError::invalid(field, "must be a whole number from 1 to 5"));
            }
        }
        Ok(self)
    }
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;

    #[test]
    fn levels_and_reviews_follow_the_score() {
        assert_eq!(
            [1, 5, 6, 10, 12, 16, 20, 25].map(RiskLevel::of),
            [
                RiskLevel::Low,
                RiskLevel::Low,
                RiskLevel::Medium,
                RiskLevel::Medium,
                RiskLevel::High,
                RiskLevel::High,
                RiskLevel::VeryHigh,
                RiskLevel::VeryHigh
            ]
        );
        let risk = Risk {
            source: String::new(),
            title: "Phishing".into(),
            asset: "Staff accounts".into(),
            threat: "A fake parcel notice".into(),
            likelihood: 4,
            likelihood_reason: String::new(),
            impact: 4,
            impact_reason: String::new(),
            treatment: Treatment::Reduce,
            measures: String::new(),
            owner: String::new(),
            reviewed_on: date!(2026 - 12 - 06),
        };
        assert_eq!((risk.score(), risk.level(), risk.review_due()), (16, RiskLevel::High, date!(2027 - 03 - 06)));
        let low = Risk { likelihood: 1, impact: 3, ..risk.clone() };
        assert_eq!(low.review_due(), date!(2027 - 12 - 01));
        assert!(Risk { likelihood: 6, ..risk.clone() }.checked().is_err());
        assert!(Risk { title: " ".into(), ..risk }.checked().is_err());
        assert_eq!(parse_rating("impact", " 3 "), Ok(3));
        assert!(parse_rating("impact", "0").is_err() && parse_rating("impact", "high").is_err());
        assert_eq!(Treatment::parse("t", "Vermijden"), Ok(Treatment::Avoid));
    }
}
