//! The sign-in policy changed on the security settings page (issue 16): the owner, after
//! proving it is them again, saves the whole policy; each setting that changed is recorded with
//! what relaxing it costs (`settings.change`), and the policy is kept sealed in `shop_settings`.
//! From then on it, not `strongroom.toml`'s `[security]`, is in force: this process applies it
//! at once, another process at its next start.

use serde::{Deserialize, Serialize};
use strongroom_domain::{Actor, AuditAction, Outcome, Permission};

use super::security::SecurityPolicy;
use crate::trail::draft::EventDraft;
use crate::{AppError, Vault};

const SETTING: &str = "security.policy";

/// The policy as it is sealed; a setting a later version adds reads as its default.
#[derive(Serialize, Deserialize)]
#[serde(default)]
struct PolicyDoc {
    require_second_factor: bool,
    idle_timeout_minutes: u32,
    session_hours: u32,
    password_reminder_days: u32,
    force_change_without_second_factor_days: Option<u32>,
    enrolment_code_hours: u32,
    lockout_after_failures: u32,
    step_up_minutes: u32,
}

impl Default for PolicyDoc {
    fn default() -> PolicyDoc {
        PolicyDoc::from(SecurityPolicy::default())
    }
}

impl From<SecurityPolicy> for PolicyDoc {
    fn from(policy: SecurityPolicy) -> PolicyDoc {
        PolicyDoc {
            require_second_factor: policy.require_second_factor,
            idle_timeout_minutes: policy.idle_timeout_minutes,
            session_hours: policy.session_hours,
            password_reminder_days: policy.password_reminder_days,
            force_change_without_second_factor_days: policy.force_change_without_second_factor_days,
            enrolment_code_hours: policy.enrolment_code_hours,
            lockout_after_failures: policy.lockout_after_failures,
            step_up_minutes: policy.step_up_minutes,
        }
    }
}

impl From<PolicyDoc> for SecurityPolicy {
    fn from(doc: PolicyDoc) -> SecurityPolicy {
        SecurityPolicy {
            require_second_factor: doc.require_second_factor,
            idle_timeout_minutes: doc.idle_timeout_minutes,
            session_hours: doc.session_hours,
            password_reminder_days: doc.password_reminder_days,
            force_change_without_second_factor_days: doc.force_change_without_second_factor_days,
            enrolment_code_hours: doc.enrolment_code_hours,
            lockout_after_failures: doc.lockout_after_failures,
            step_up_minutes: doc.step_up_minutes,
        }
    }
}

/// Each setting's name and value as the page and the trail show them.
fn values(policy: &SecurityPolicy) -> [(&'static str, String); 8] {
    [
        ("require_second_factor", if policy.require_second_factor { "on" } else { "off" }.to_owned()),
        ("idle_timeout_minutes", policy.idle_timeout_minutes.to_string()),
        ("session_hours", policy.session_hours.to_string()),
        ("password_reminder_days", policy.password_reminder_days.to_string()),
        (
            "force_change_without_second_factor_days",
            policy.force_change_without_second_factor_days.map_or("off".to_owned(), |days| days.to_string()),
        ),
        ("enrolment_code_hours", policy.enrolment_code_hours.to_string()),
        ("lockout_after_failures", policy.lockout_after_failures.to_string()),
        ("step_up_minutes", policy.step_up_minutes.to_string()),
    ]
}

impl Vault {
    /// The sign-in policy in force.
    pub fn security(&self) -> SecurityPolicy {
        *self.security.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Puts the policy saved on the settings page in force, if one was (at open).
    pub(crate) fn load_security_policy(&self) -> Result<(), AppError> {
        let Some(doc) = self.sealed_setting::<Option<PolicyDoc>>(SETTING)? else { return Ok(()) };
        let policy = SecurityPolicy::from(doc);
        policy.validate().map_err(|why| AppError::corrupt(format!("the sign-in policy saved on the settings page ({SETTING}): {why}")))?;
        *self.security.lock().unwrap_or_else(|poisoned| poisoned.into_inner()) = policy;
        Ok(())
    }

    /// Saves `policy` as the one in force (the owner, after a step-up); each change recorded
    /// with its cost. The changes, as `name: before → after`.
    pub fn set_security_policy(&self, actor: &Actor, policy: SecurityPolicy) -> Result<Vec<String>, AppError> {
        self.require(actor, Permission::SettingsManage, AuditAction::SettingsChange, None)?;
        // Checked first, so a mistake is said before the password is asked for.
        policy.validate().map_err(AppError::Conflict)?;
        self.require_step_up(actor, AuditAction::SettingsChange, None)?;
        // Held from reading the policy to putting the new one in force: two saves at once are
        // one after the other, each recorded against what it replaced.
        let mut in_force = self.security.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let before = *in_force;
        let costs = SecurityPolicy::costs();
        let changes: Vec<(String, String)> = values(&before)
            .into_iter()
            .zip(values(&policy))
            .filter(|((_, was), (_, now))| was != now)
            .map(|((name, was), (_, now))| {
                let cost = costs.iter().find(|(setting, _)| *setting == name).map_or("", |(_, cost)| cost);
                (format!("{name}: {was} → {now}"), cost.to_owned())
            })
            .collect();
        if changes.is_empty() {
            return Ok(Vec::new());
        }
        let mut tx = self.store.begin()?;
        self.write_sealed_setting(tx.as_mut(), SETTING, &PolicyDoc::from(policy))?;
        let events: Vec<_> = changes
            .iter()
            .map(|(change, cost)| {
                EventDraft::new(actor, AuditAction::SettingsChange).detail(format!("{change} ({cost})")).finish(Outcome::Allowed)
            })
            .collect();
        self.record(tx.as_mut(), &events)?;
        tx.commit()?;
        *in_force = policy;
        Ok(changes.into_iter().map(|(change, _)| change).collect())
    }
}
