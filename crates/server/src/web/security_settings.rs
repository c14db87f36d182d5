//! The sign-in settings changed on the security settings page (issue 16): the owner's form below
//! the table of settings and their costs. Saving asks for the password again (a step-up); each
//! setting that changed is recorded with what relaxing it costs, and the new policy is in force
//! at once in this server.

use std::sync::Arc;

use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};
use serde::Deserialize;
use strongroom_app::{AppError, SecurityPolicy};
use strongroom_domain::{Language, Permission};

use super::form::Form;
use super::{PageError, Ready, Session, csrf_field};
use crate::ServerState;

fn words(language: Language) -> [&'static str; 5] {
    match language {
        Language::En => [
            "Change the sign-in settings",
            "Saving asks for your password again. Each change is recorded with what it costs, and is in force at once. Once saved here, the settings are kept in the vault and strongroom.toml's [security] is no longer read.",
            "Save the settings",
            "Off: leave empty",
            "The settings were saved; the changes are in the audit trail.",
        ],
        Language::Nl => [
            "De aanmeldinstellingen wijzigen",
            "Bij opslaan wordt opnieuw om uw wachtwoord gevraagd. Elke wijziging wordt vastgelegd met wat ze kost, en geldt meteen. Eenmaal hier opgeslagen, staan de instellingen in de kluis en wordt [security] in strongroom.toml niet meer gelezen.",
            "Instellingen opslaan",
            "Uit: laat leeg",
            "De instellingen zijn opgeslagen; de wijzigingen staan in het auditspoor.",
        ],
    }
}

/// The notice after a save.
pub fn saved(language: Language) -> &'static str {
    words(language)[4]
}

/// The owner's form, filled with the policy in force.
pub fn form(language: Language, session: &Session, policy: &SecurityPolicy) -> Markup {
    let [title, hint, save, off, _] = words(language);
    let number = |name: &'static str, value: u32| {
        html! { label for=(name) { code { (name) } } input type="number" id=(name) name=(name) min="1" value=(value) required; }
    };
    html! {
        h2 { (title) }
        p.muted { (hint) }
        form method="post" action="/settings/security" {
            (csrf_field(&session.csrf))
            label.check { input type="checkbox" name="require_second_factor" checked[policy.require_second_factor]; " " code { "require_second_factor" } }
            (number("idle_timeout_minutes", policy.idle_timeout_minutes))
            (number("session_hours", policy.session_hours))
            (number("password_reminder_days", policy.password_reminder_days))
            label for="force_change_without_second_factor_days" { code { "force_change_without_second_factor_days" } " " span.muted { "(" (off) ")" } }
            input type="number" id="force_change_without_second_factor_days" name="force_change_without_second_factor_days" min="1"
                value=(policy.force_change_without_second_factor_days.map(|days| days.to_string()).unwrap_or_default());
            (number("enrolment_code_hours", policy.enrolment_code_hours))
            (number("lockout_after_failures", policy.lockout_after_failures))
            (number("step_up_minutes", policy.step_up_minutes))
            button type="submit" { (save) }
        }
    }
}

#[derive(Deserialize)]
pub(super) struct PolicyForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    require_second_factor: Option<String>,
    #[serde(default)]
    idle_timeout_minutes: String,
    #[serde(default)]
    session_hours: String,
    #[serde(default)]
    password_reminder_days: String,
    #[serde(default)]
    force_change_without_second_factor_days: String,
    #[serde(default)]
    enrolment_code_hours: String,
    #[serde(default)]
    lockout_after_failures: String,
    #[serde(default)]
    step_up_minutes: String,
}

impl PolicyForm {
    fn policy(&self) -> Result<SecurityPolicy, String> {
        let number = |name: &str, text: &str| text.trim().parse::<u32>().map_err(|_| format!("{name} must be a whole number"));
        Ok(SecurityPolicy {
            require_second_factor: self.require_second_factor.is_some(),
            idle_timeout_minutes: number("idle_timeout_minutes", &self.idle_timeout_minutes)?,
            session_hours: number("session_hours", &self.session_hours)?,
            password_reminder_days: number("password_reminder_days", &self.password_reminder_days)?,
            force_change_without_second_factor_days: match self.force_change_without_second_factor_days.trim() {
                "" => None,
                text => Some(number("force_change_without_second_factor_days", text)?),
            },
            enrolment_code_hours: number("enrolment_code_hours", &self.enrolment_code_hours)?,
            lockout_after_failures: number("lockout_after_failures", &self.lockout_after_failures)?,
            step_up_minutes: number("step_up_minutes", &self.step_up_minutes)?,
        })
    }
}

/// Saves the form (`POST /settings/security`, routed beside the page in `staff.rs`).
pub(super) async fn save(
    State(state): State<Arc<ServerState>>,
    Ready(session): Ready,
    Form(form): Form<PolicyForm>,
) -> Result<Response, PageError> {
    session.check_csrf(&state, &form.csrf)?;
    let language = session.signed_in.language();
    if !session.signed_in.role().allows(Permission::SettingsManage) {
        // Refused by the gate, which records the attempt, whatever the form says.
        let actor = session.signed_in.actor()?.clone();
        state.run(move |vault| vault.set_security_policy(&actor, vault.security())).await?;
        return Err(PageError::Denied(format!("{} may not change settings", session.signed_in.role())));
    }
    let policy = form.policy().map_err(|why| PageError::BadRequest(super::i18n::reason(language, &why).into_owned()))?;
    let actor = session.signed_in.actor()?.clone();
    match state.run(move |vault| vault.set_security_policy(&actor, policy)).await {
        Ok(_) => Ok(Redirect::to("/settings/security?saved=1").into_response()),
        // The password again, then the form once more (what was typed is not carried over).
        Err(AppError::StepUpRequired) => Err(PageError::StepUp("/settings/security".into())),
        Err(AppError::Conflict(why)) => Err(PageError::BadRequest(super::i18n::reason(language, &why).into_owned())),
        Err(other) => Err(other.into()),
    }
}
