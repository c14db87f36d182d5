//! The audit trail's statistics, for the external auditor and the owner: how many events there
//! are, its checkpoints and last verification, and a year of events by month and by kind, each
//! counted as allowed, denied or failed. Counted in the store in one pass over a snapshot (by
//! the months' bounds in the shop's time zone, which the caller gives), never opening an event's
//! details and never holding up the shop's writes; the read is recorded.

use serde::Serialize;
use strongroom_domain::{Actor, AuditAction, Outcome, Permission};
use time::Date;

use crate::trail::draft::EventDraft;
use crate::{AppError, Vault};

/// How many events ended each way.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default, Serialize)]
pub struct Tally {
    pub allowed: u64,
    pub denied: u64,
    pub failed: u64,
}

impl Tally {
    fn add(&mut self, outcome: &str, count: u64) {
        match outcome {
            "allowed" => self.allowed += count,
            "denied" => self.denied += count,
            _ => self.failed += count,
        }
    }

    pub fn total(&self) -> u64 {
        self.allowed + self.denied + self.failed
    }
}

/// What an event is about, as an auditor reads the trail.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// A customer's data opened, searched or listed.
    CustomerReads,
    /// A customer's data added, changed, merged, imported or erased.
    CustomerChanges,
    /// Data leaving the vault: exports, backups, letters and mail.
    DataOut,
    /// Sign-ins, sessions and second factors.
    SignIns,
    /// Staff accounts, tokens, keys and settings.
    Administration,
    /// The trail itself: reads, verifications, checkpoints.
    Trail,
    Other,
}

impl Kind {
    pub const ALL: [Kind; 7] =
        [Kind::CustomerReads, Kind::CustomerChanges, Kind::DataOut, Kind::SignIns, Kind::Administration, Kind::Trail, Kind::Other];

    /// The kind of an action (`customer.read` → [`Kind::CustomerReads`]).
    pub fn of(action: &str) -> Kind {
        let (area, verb) = action.split_once('.').unwrap_or((action, ""));
        match (area, verb) {
            ("customer" | "purchase" | "repair" | "aml" | "request", "read" | "find" | "list") => Kind::CustomerReads,
            ("request" | "marketing", "export") | ("backup", "create") | ("mail", "send" | "queue" | "test") | ("keys", "recovery_kit") => {
                Kind::DataOut
            }
            // A refused API token is a sign-in that failed; a tampered row is the trail's business.
            ("token", "refused") => Kind::SignIns,
            // A password of the shop's vault shown or copied leaves the vault.
            ("secret", "reveal") => Kind::DataOut,
            ("secret", _) => Kind::Administration,
            ("security", _) => Kind::Trail,
            ("customer" | "purchase" | "repair" | "aml" | "sale" | "request" | "data_key" | "retention", _) => Kind::CustomerChanges,
            ("signin" | "session" | "password" | "factor", _) => Kind::SignIns,
            ("staff" | "token" | "keys" | "settings" | "backup" | "mail" | "vault" | "training", _) => Kind::Administration,
            ("audit", _) => Kind::Trail,
            _ => Kind::Other,
        }
    }
}

/// One month's events by kind.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct MonthTally {
    /// The month's first day.
    pub month: Date,
    pub kinds: Vec<(Kind, Tally)>,
}

impl MonthTally {
    pub fn total(&self) -> Tally {
        self.kinds.iter().fold(Tally::default(), |mut sum, (_, tally)| {
            sum.allowed += tally.allowed;
            sum.denied += tally.denied;
            sum.failed += tally.failed;
            sum
        })
    }
}

/// The trail's statistics.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct TrailStatistics {
    /// Events in the trail, all time.
    pub events: u64,
    pub checkpoints: usize,
    /// When the latest checkpoint was signed (µs since the epoch) and how many events it covers.
    pub last_checkpoint: Option<(i64, u64)>,
    /// Whether the last check of the whole trail found it whole, and when.
    pub last_verification: Option<(bool, i64)>,
    /// The last twelve months, oldest first.
    pub months: Vec<MonthTally>,
    /// Each action over those months, most frequent first.
    pub actions: Vec<(String, Tally)>,
}

/// How many months the statistics cover.
pub const MONTHS: usize = 12;

/// The first days of the last [`MONTHS`] months up to `today`'s, and of the month after it: the
/// windows' bounds, for the caller to turn into moments in the shop's time zone.
pub fn trail_months(today: Date) -> Vec<Date> {
    let mut months: Vec<Date> = (0..MONTHS).rev().map(|back| month_start(today, back)).collect();
    let (year, month) = if today.month() == time::Month::December {
        (today.year() + 1, time::Month::January)
    } else {
        (today.year(), today.month().next())
    };
    months.push(Date::from_calendar_date(year, month, 1).unwrap_or(today));
    months
}

/// The first day of the month `back` months before `today`'s.
fn month_start(today: Date, back: usize) -> Date {
    let index = today.year() * 12 + i32::from(u8::from(today.month())) - 1 - back as i32;
    let month = time::Month::try_from((index.rem_euclid(12) + 1) as u8).unwrap_or(time::Month::January);
    Date::from_calendar_date(index.div_euclid(12), month, 1).unwrap_or(today)
}

impl Vault {
    /// The trail's statistics for `months` (each month's first day and the moment it began in
    /// the shop, as [`trail_months`] gives them, the last one the end), for the auditor and the
    /// owner; recorded.
    pub fn trail_statistics(&self, actor: &Actor, months: &[(Date, i64)]) -> Result<TrailStatistics, AppError> {
        self.require(actor, Permission::DeskRead, AuditAction::AuditRead, None)?;
        self.require(actor, Permission::AuditRead, AuditAction::AuditRead, None)?;
        let bounds: Vec<i64> = months.iter().map(|(_, at)| *at).collect();
        // Counted on a snapshot: a year of a busy trail takes a while, and sign-ins and sales
        // go on meanwhile.
        let mut snapshot = self.store.begin_snapshot()?;
        let events = snapshot.audit_frontier()?.size();
        let checkpoints = snapshot.checkpoints()?;
        let verified = snapshot.setting(super::doctor::LAST_VERIFY)?;
        let counts = snapshot.audit_window_counts(&bounds).map_err(|error| match error {
            strongroom_store::StoreError::Conflict(why) => AppError::Conflict(why),
            other => other.into(),
        })?;
        snapshot.commit()?;
        let mut tx = self.store.begin()?;
        let detail = "trail statistics";
        self.record(tx.as_mut(), &[EventDraft::new(actor, AuditAction::AuditRead).detail(detail.to_owned()).finish(Outcome::Allowed)])?;
        tx.commit()?;
        let mut months: Vec<MonthTally> = months[..months.len().saturating_sub(1)]
            .iter()
            .map(|(month, _)| MonthTally { month: *month, kinds: Kind::ALL.iter().map(|kind| (*kind, Tally::default())).collect() })
            .collect();
        let mut actions: Vec<(String, Tally)> = Vec::new();
        for count in &counts {
            let Some(month) = months.get_mut(count.window) else { continue };
            let kind = Kind::of(&count.action);
            if let Some((_, tally)) = month.kinds.iter_mut().find(|(of, _)| *of == kind) {
                tally.add(&count.outcome, count.count);
            }
            match actions.iter_mut().find(|(action, _)| *action == count.action) {
                Some((_, tally)) => tally.add(&count.outcome, count.count),
                None => {
                    let mut tally = Tally::default();
                    tally.add(&count.outcome, count.count);
                    actions.push((count.action.clone(), tally));
                }
            }
        }
        actions.sort_by(|a, b| b.1.total().cmp(&a.1.total()).then_with(|| a.0.cmp(&b.0)));
        Ok(TrailStatistics {
            events,
            checkpoints: checkpoints.len(),
            last_checkpoint: checkpoints.last().map(|row| (row.at_unix_micros, row.size)),
            last_verification: verified.map(|(result, at)| (result == "ok", at)),
            months,
            actions,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actions_fall_into_the_kinds_an_auditor_reads() {
        assert_eq!(Kind::of("customer.read"), Kind::CustomerReads);
        assert_eq!(Kind::of("customer.find"), Kind::CustomerReads);
        assert_eq!(Kind::of("aml.read"), Kind::CustomerReads);
        assert_eq!(Kind::of("customer.update"), Kind::CustomerChanges);
        assert_eq!(Kind::of("data_key.destroy"), Kind::CustomerChanges);
        assert_eq!(Kind::of("request.export"), Kind::DataOut);
        assert_eq!(Kind::of("marketing.export"), Kind::DataOut);
        assert_eq!(Kind::of("backup.create"), Kind::DataOut);
        assert_eq!(Kind::of("backup.settings"), Kind::Administration);
        assert_eq!(Kind::of("mail.send"), Kind::DataOut);
        assert_eq!(Kind::of("mail.settings"), Kind::Administration);
        assert_eq!(Kind::of("signin.password"), Kind::SignIns);
        assert_eq!(Kind::of("settings.change"), Kind::Administration);
        assert_eq!(Kind::of("audit.verify"), Kind::Trail);
        assert_eq!(Kind::of("risk.update"), Kind::Other);
        assert_eq!(Kind::of("token.refused"), Kind::SignIns);
        assert_eq!(Kind::of("keys.recovery_kit"), Kind::DataOut);
        assert_eq!(Kind::of("security.tampered_row"), Kind::Trail);
        assert_eq!(Kind::of("incident.letter"), Kind::Other, "a draft kept is not data sent out");
    }

    #[test]
    fn months_step_back_across_the_year() {
        let day = |y, m, d| Date::from_calendar_date(y, time::Month::try_from(m).unwrap(), d).unwrap();
        assert_eq!(month_start(day(2026, 12, 6), 0), day(2026, 12, 1));
        assert_eq!(month_start(day(2026, 12, 6), 11), day(2026, 1, 1));
        assert_eq!(month_start(day(2026, 3, 31), 3), day(2025, 12, 1));
        let months = trail_months(day(2026, 12, 6));
        assert_eq!((months.len(), months[0], months[11], months[12]), (13, day(2026, 1, 1), day(2026, 12, 1), day(2027, 1, 1)));
        assert_eq!(trail_months(day(2026, 5, 31))[12], day(2026, 6, 1));
    }
}
