//! The shop's sign-in policy: secure by default, and every setting a shop may relax says what
//! relaxing it costs (the settings page and the docs print these texts).

/// How staff sign in and how long a session lasts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SecurityPolicy {
    /// Every role that sees customer data must enrol a second factor at first sign-in and give
    /// it at every sign-in.
    pub require_second_factor: bool,
    /// A session ends after this many minutes without a request.
    pub idle_timeout_minutes: u32,
    /// A session ends this many hours after sign-in, however busy.
    pub session_hours: u32,
    /// A reminder to change the password after this many days; never a forced change by default.
    pub password_reminder_days: u32,
    /// If set, accounts without a second factor must change their password after this many days
    /// (PCI DSS 8.3.9).
    pub force_change_without_second_factor_days: Option<u32>,
    /// How long an enrolment code printed by `user add` stays valid.
    pub enrolment_code_hours: u32,
    /// Consecutive failed sign-ins after which an account locks until the owner or a manager
    /// unlocks it (at most 100).
    pub lockout_after_failures: u32,
    /// How recently a person must have proved themselves again for a sensitive action.
    pub step_up_minutes: u32,
}

impl Default for SecurityPolicy {
    fn default() -> Self {
        SecurityPolicy {
            require_second_factor: true,
            idle_timeout_minutes: 15,
            session_hours: 12,
            password_reminder_days: 90,
            force_change_without_second_factor_days: None,
            enrolment_code_hours: 72,
            lockout_after_failures: MAX_FAILURES,
            step_up_minutes: 5,
        }
    }
}

/// The most consecutive failures any policy allows before an account locks.
pub const MAX_FAILURES: u32 = 100;
/// Failures before sign-in attempts of one account are slowed down.
pub(crate) const FREE_FAILURES: u32 = 5;

impl SecurityPolicy {
    /// Checks a policy a shop configured: limits that would make the defaults meaningless are refused.
    pub fn validate(&self) -> Result<(), String> {
        if !(1..=MAX_FAILURES).contains(&self.lockout_after_failures) {
            return Err(format!("lockout_after_failures must be between 1 and {MAX_FAILURES}"));
        }
        if !(1..=480).contains(&self.idle_timeout_minutes) {
            return Err("idle_timeout_minutes must be between 1 and 480".into());
        }
        if !(1..=24).contains(&self.session_hours) {
            return Err("session_hours must be between 1 and 24".into());
        }
        if !(1..=720).contains(&self.enrolment_code_hours) {
            return Err("enrolment_code_hours must be between 1 and 720".into());
        }
        if !(1..=60).contains(&self.step_up_minutes) {
            return Err("step_up_minutes must be between 1 and 60".into());
        }
        if !(1..=3650).contains(&self.password_reminder_days) {
            return Err("password_reminder_days must be between 1 and 3650".into());
        }
        if self.force_change_without_second_factor_days.is_some_and(|days| !(1..=365).contains(&days)) {
            return Err("force_change_without_second_factor_days must be between 1 and 365, or off".into());
        }
        Ok(())
    }

    /// What each setting protects and what relaxing it costs, for the settings page and docs.
    pub fn costs() -> &'static [(&'static str, &'static str)] {
        &[
            (
                "require_second_factor",
                "On by default. Off, a phished or guessed password alone opens every customer record the person may see; passwords then need 15 characters.",
            ),
            (
                "idle_timeout_minutes",
                "15 by default. Longer, a counter PC left signed in lets anyone walking past read customers as that person.",
            ),
            ("session_hours", "12 by default. Longer, a stolen session cookie works longer."),
            (
                "password_reminder_days",
                "90 by default: a reminder only. Forced regular changes make people pick weaker, patterned passwords (NIST SP 800-63B).",
            ),
            (
                "force_change_without_second_factor_days",
                "Off by default. On (PCI DSS 8.3.9 asks 90), accounts without a second factor must change their password that often; better to enrol a second factor.",
            ),
            ("enrolment_code_hours", "72 by default. Longer, an unused enrolment code lying around can be used by someone else."),
            (
                "lockout_after_failures",
                "100 by default, with growing delays from the 6th failure. Lower, anyone who knows a user name can lock that person out.",
            ),
            (
                "step_up_minutes",
                "5 by default. Longer, someone at an unattended signed-in PC can open ID documents or change roles without the password.",
            ),
        ]
    }

    pub(crate) fn idle_micros(&self) -> i64 {
        i64::from(self.idle_timeout_minutes) * 60_000_000
    }

    pub(crate) fn session_micros(&self) -> i64 {
        i64::from(self.session_hours) * 3_600_000_000
    }
}

/// How long sign-in attempts of an account with `failures` consecutive failures must wait after
/// the last one: nothing for the first few, then 1, 2, 4 … seconds, at most a minute.
pub(crate) fn throttle_micros(failures: u32) -> i64 {
    if failures < FREE_FAILURES {
        return 0;
    }
    let exponent = (failures - FREE_FAILURES).min(6);
    (1i64 << exponent).min(60) * 1_000_000
}

/// Whether a password changed at `changed_at` (µs since the epoch; `None`: not set yet) is due
/// for the reminder at `now`: more than `days` whole days old.
pub(crate) fn password_due(changed_at: Option<i64>, now: i64, days: u32) -> bool {
    changed_at.is_some_and(|at| now - at > i64::from(days) * 86_400_000_000)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_defaults_are_the_secure_ones_and_valid() {
        let policy = SecurityPolicy::default();
        assert!(policy.require_second_factor);
        assert_eq!((policy.idle_timeout_minutes, policy.session_hours, policy.lockout_after_failures), (15, 12, 100));
        assert_eq!(policy.validate(), Ok(()));
        assert!(SecurityPolicy { lockout_after_failures: 101, ..policy }.validate().is_err());
        assert!(SecurityPolicy { idle_timeout_minutes: 0, ..policy }.validate().is_err());
    }

    #[test]
    fn delays_grow_after_the_free_failures_and_stay_bounded() {
        let delays: Vec<i64> = (0..14).map(|n| throttle_micros(n) / 1_000_000).collect();
        assert_eq!(delays, [0, 0, 0, 0, 0, 1, 2, 4, 8, 16, 32, 60, 60, 60]);
        assert_eq!(throttle_micros(MAX_FAILURES), 60_000_000);
    }

    #[test]
    fn every_setting_states_its_cost() {
        let named: Vec<&str> = SecurityPolicy::costs().iter().map(|(name, _)| *name).collect();
        let debug = format!("{:?}", SecurityPolicy::default());
        for name in &named {
            assert!(debug.contains(name), "{name} is not a setting");
        }
        assert_eq!(named.len(), 8, "a new setting needs its cost stated");
    }

    #[test]
    fn a_password_is_due_for_its_reminder_once_the_policys_days_are_over() {
        let day = 86_400_000_000_i64;
        let changed = 1_700_000_000_000_000_i64;
        assert!(!super::password_due(Some(changed), changed + 90 * day, 90), "on the 90th day, not yet");
        assert!(super::password_due(Some(changed), changed + 90 * day + 1, 90), "just after");
        assert!(!super::password_due(Some(changed), changed + 100 * day, 120), "a longer policy moves it");
        assert!(!super::password_due(None, changed, 90), "no password yet: an enrolment code, not a reminder");
    }
}
