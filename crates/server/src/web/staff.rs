//! Staff administration (owner and managers) and the sign-in security settings (owner). Role
//! changes, factor resets, password resets and disabling an account need a fresh step-up.

use std::sync::Arc;

use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use maud::{Markup, html};
use serde::Deserialize;
use strongroom_app::{AppError, Enrolment, SecurityPolicy, StaffSummary};
use strongroom_domain::{Permission, Role, StaffName};

use super::i18n::{T, tr};
use super::{Form, PageError, Ready, Session, csrf_field, form_error, page};
use crate::ServerState;

pub fn routes() -> Router<Arc<ServerState>> {
    Router::new()
        .route("/staff", get(staff_page).post(add_staff))
        .route("/staff/{username}/{action}", post(change_staff))
        .route("/settings/security", get(settings_page).post(super::security_settings::save))
}

fn staff_list(session: &Session, staff: &[StaffSummary], error: Option<&str>, enrolment: Option<&Enrolment>) -> Markup {
    let l = super::language_of(Some(session));
    let role = session.signed_in.role();
    html! {
        h1 { (tr(l, T::StaffAccounts)) }
        (form_error(error))
        @if let Some(enrolment) = enrolment {
            @if let (Some(code), Some(expires)) = (&enrolment.code, enrolment.expires_at) {
                div.notice role="status" {
                    p { (tr(l, T::EnrolmentCodeFor)) strong { (enrolment.username) } ": " code.key { (code.as_str()) } }
                    p { (tr(l, T::GiveInPerson)) (super::parts::moment(l, expires)) (tr(l, T::GiveInPersonEnd)) }
                }
            }
        }
        table {
            thead { tr { th { (tr(l, T::User)) } th { (tr(l, T::RoleLabel)) } th { (tr(l, T::State)) } th { (tr(l, T::Actions)) } } }
            tbody {
                @for member in staff {
                    tr {
                        td { (member.username) }
                        td { (super::parts::role_name(l, member.role)) }
                        td {
                            @if member.tampered { strong { (tr(l, T::ChangedOutside)) } }
                            @if member.disabled { (tr(l, T::Disabled)) }
                            @if member.locked { strong { (tr(l, T::LockedAfter)) (member.failed_logins) (tr(l, T:: FailedSignIns)) } }
                            @if !member.enrolled { (tr(l, T::NotEnrolledYet)) }
                            @if member.second_factor { (tr(l, T::AuthenticatorComma)) (member.recovery_codes_left) (tr(l, T::RecoveryCodesSuffix)) } @else { (tr(l, T::NoSecondFactor)) }
                        }
                        td {
                            @if member.tampered {
                                // Only the owner repairs: the stored role cannot be trusted.
                                @if role == Role::Owner { (role_form(l, session, member, "repair", T::RepairAs)) }
                            } @else if role.may_manage(member.role) {
                                @for (action, label) in actions(l, member) {
                                    form.inline method="post" action=(format!("/staff/{}/{action}", member.username)) {
                                        (csrf_field(&session.csrf))
                                        button type="submit" { (label) }
                                    }
                                }
                                (role_form(l, session, member, "set-role", T::SetRole))
                            }
                        }
                    }
                }
            }
        }
        h2 { (tr(l, T::AddSomeone)) }
        form method="post" action="/staff" {
            (csrf_field(&session.csrf))
            label for="new-username" { (tr(l, T::UserNameRules)) }
            input #new-username type="text" name="username" autocapitalize="none" spellcheck="false" required;
            label for="new-role" { (tr(l, T::RoleLabel)) }
            select #new-role name="role" {
                @for other in Role::ALL.into_iter().filter(|other| role.may_manage(*other)) {
                    option value=(other.as_str()) { (super::parts::role_name(l, other)) }
                }
            }
            button type="submit" { (tr(l, T::AddAndShowCode)) }
        }
    }
}

/// A form that gives `member` a role chosen from those the signed-in person may manage: a role
/// change, or a repair's fresh start.
fn role_form(l: strongroom_domain::Language, session: &Session, member: &StaffSummary, action: &str, button: T) -> Markup {
    let role = session.signed_in.role();
    html! {
        form.inline method="post" action=(format!("/staff/{}/{action}", member.username)) {
            (csrf_field(&session.csrf))
            label.visually-hidden for=(format!("{action}-{}", member.username)) { (tr(l, T::NewRoleFor)) (member.username) }
            select id=(format!("{action}-{}", member.username)) name="role" {
                @for other in Role::ALL.into_iter().filter(|other| role.may_manage(*other)) {
                    option value=(other.as_str()) selected[other == member.role] { (super::parts::role_name(l, other)) }
                }
            }
            button type="submit" { (tr(l, button)) }
        }
    }
}

fn actions(l: strongroom_domain::Language, member: &StaffSummary) -> Vec<(&'static str, &'static str)> {
    let mut actions = Vec::new();
    if member.locked {
        actions.push(("unlock", tr(l, T::Unlock)));
    }
    actions.push(if member.disabled { ("enable", tr(l, T::Enable)) } else { ("disable", tr(l, T::Disable)) });
    if member.second_factor {
        actions.push(("reset-2fa", tr(l, T::ResetSecondFactor)));
    }
    actions.push(("reset-password", tr(l, T::ResetPassword)));
    actions
}

async fn render(
    state: &Arc<ServerState>,
    session: &Session,
    status: StatusCode,
    error: Option<&str>,
    enrolment: Option<&Enrolment>,
) -> Result<Response, PageError> {
    let l = super::language_of(Some(session));
    let actor = session.signed_in.actor()?.clone();
    let staff = state.run(move |vault| vault.list_staff(&actor)).await?;
    Ok((status, page(tr(l, T::Staff), Some(session), staff_list(session, &staff, error, enrolment))).into_response())
}

async fn staff_page(State(state): State<Arc<ServerState>>, Ready(session): Ready) -> Result<Response, PageError> {
    render(&state, &session, StatusCode::OK, None, None).await
}

#[derive(Deserialize)]
struct AddForm {
    #[serde(default)]
    username: String,
    #[serde(default)]
    role: String,
    #[serde(default)]
    csrf: String,
}

async fn add_staff(State(state): State<Arc<ServerState>>, Ready(session): Ready, Form(form): Form<AddForm>) -> Result<Response, PageError> {
    session.check_csrf(&state, &form.csrf)?;
    let parsed = StaffName::parse(&form.username).and_then(|name| Role::parse(&form.role).map(|role| (name, role)));
    let (name, role) = match parsed {
        Ok(parsed) => parsed,
        Err(error) => return render(&state, &session, StatusCode::BAD_REQUEST, Some(&error.to_string()), None).await,
    };
    let actor = session.signed_in.actor()?.clone();
    match state.run(move |vault| vault.add_staff(&actor, &name, role, None)).await {
        Ok(enrolment) => render(&state, &session, StatusCode::OK, None, Some(&enrolment)).await,
        Err(error @ (AppError::Conflict(_) | AppError::Denied { .. })) => {
            render(&state, &session, StatusCode::BAD_REQUEST, Some(&error.to_string()), None).await
        }
        Err(other) => Err(other.into()),
    }
}

#[derive(Deserialize)]
struct ChangeForm {
    #[serde(default)]
    role: String,
    #[serde(default)]
    csrf: String,
}

async fn change_staff(
    State(state): State<Arc<ServerState>>,
    Ready(session): Ready,
    Path((username, action)): Path<(String, String)>,
    Form(form): Form<ChangeForm>,
) -> Result<Response, PageError> {
    session.check_csrf(&state, &form.csrf)?;
    // A role that may not manage staff is not sent to a step-up first: the gate refuses it
    // below, and records the attempt.
    let may_manage = session.signed_in.role().allows(Permission::StaffManage);
    let needs_step_up = matches!(action.as_str(), "disable" | "enable" | "unlock" | "set-role" | "reset-2fa" | "reset-password" | "repair");
    if may_manage && needs_step_up && !session.signed_in.step_up_fresh() {
        return Err(PageError::StepUp("/staff".into()));
    }
    let name = StaffName::parse(&username).map_err(|_| PageError::NotFound)?;
    let actor = session.signed_in.actor()?.clone();
    let role = Role::parse(&form.role);
    // The owner who disables an account is shown next which of the shop's passwords to change.
    let after = if action == "disable" && session.signed_in.role().allows(Permission::SettingsManage) {
        format!("/secrets/left/{}", name.as_str())
    } else {
        "/staff".to_owned()
    };
    let outcome = state
        .run(move |vault| -> Result<Option<Enrolment>, AppError> {
            match action.as_str() {
                "disable" => vault.disable_staff(&actor, &name).map(|_| None),
                "enable" => vault.enable_staff(&actor, &name).map(|()| None),
                "unlock" => vault.unlock_staff(&actor, &name).map(|()| None),
                "reset-2fa" => vault.reset_second_factor(&actor, &name).map(Some),
                "reset-password" => vault.reset_password(&actor, &name).map(Some),
                "set-role" => vault.set_staff_role(&actor, &name, role?),
                "repair" => vault.repair_staff(&actor, &name, role?).map(Some),
                _ => Err(AppError::NotFound("action")),
            }
        })
        .await;
    match outcome {
        Ok(None) => Ok(Redirect::to(&after).into_response()),
        Ok(Some(enrolment)) => render(&state, &session, StatusCode::OK, None, Some(&enrolment)).await,
        Err(error @ (AppError::Conflict(_) | AppError::Invalid(_) | AppError::Tampered(_))) => {
            render(&state, &session, StatusCode::BAD_REQUEST, Some(&error.to_string()), None).await
        }
        Err(other) => Err(other.into()),
    }
}

#[derive(Deserialize, Default)]
struct SavedNotice {
    #[serde(default)]
    saved: Option<String>,
}

async fn settings_page(
    State(state): State<Arc<ServerState>>,
    Ready(session): Ready,
    axum::extract::Query(notice): axum::extract::Query<SavedNotice>,
) -> Result<Response, PageError> {
    let l = super::language_of(Some(&session));
    if !session.signed_in.role().allows(Permission::SettingsManage) {
        return Err(PageError::Denied(format!("{} may not change settings", session.signed_in.role())));
    }
    let policy = state.vault.settings().security;
    let antivirus = state.vault.antivirus();
    let unit = |n: u32, key: T| format!("{n} {}", tr(l, key));
    let value = |name: &str| -> String {
        match name {
            "require_second_factor" => tr(l, if policy.require_second_factor { T::SettingOn } else { T::SettingOff }).to_owned(),
            "idle_timeout_minutes" => unit(policy.idle_timeout_minutes, T::UnitMinutes),
            "session_hours" => unit(policy.session_hours, T::UnitHours),
            "password_reminder_days" => unit(policy.password_reminder_days, T::UnitDays),
            "force_change_without_second_factor_days" => {
                policy.force_change_without_second_factor_days.map_or(tr(l, T::SettingOff).to_owned(), |days| unit(days, T::UnitDays))
            }
            "enrolment_code_hours" => unit(policy.enrolment_code_hours, T::UnitHours),
            "lockout_after_failures" => unit(policy.lockout_after_failures, T::UnitFailures),
            "step_up_minutes" => unit(policy.step_up_minutes, T::UnitMinutes),
            _ => String::new(),
        }
    };
    Ok(page(
        tr(l, T::SecuritySettingsTitle),
        Some(&session),
        html! {
            p {
                a href="/settings/mail" { (super::mail::m(l, super::mail::M::Title)) }
                " · "
                a href="/desk/doctor" { (super::desk::title(l)) }
                " · "
                a href="/desk/devices" { (super::devices::title(l)) }
                " · "
                a href="/desk/risks" { (super::risks::title(l)) }
                " · "
                a href="/desk/assessment" { (super::assessment::title(l)) }
                " · "
                a href="/desk/audit" { (super::audits::title(l)) }
                " · "
                a href="/desk/news" { (super::news::title(l)) }
            }
            h1 { (tr(l, T::SecuritySettings)) }
            @if notice.saved.is_some() { p.notice role="status" { (super::security_settings::saved(l)) } }
            p { (tr(l, T::SetIn)) code { "strongroom.toml" } " " (tr(l, T::Under)) " " code { "[security]" } (tr(l, T::EachSaysItsCost)) }
            table {
                thead { tr { th { (tr(l, T::Setting)) } th { (tr(l, T::Now)) } th { (tr(l, T::WhatItProtects)) } } }
                tbody {
                    @for (name, cost) in SecurityPolicy::costs() {
                        tr { td { code { (name) } } td { (value(name)) } td { (setting_cost(l, name, cost)) } }
                    }
                }
            }
            (super::security_settings::form(l, &session, &policy))
            h2 { (tr(l, T::AntivirusTitle)) }
            p { (tr(l, T::SetIn)) code { "strongroom.toml" } " " (tr(l, T::Under)) " " code { "[antivirus]" } (tr(l, T::EachSaysItsCost)) }
            table {
                thead { tr { th { (tr(l, T::Setting)) } th { (tr(l, T::Now)) } th { (tr(l, T::WhatItProtects)) } } }
                tbody {
                    tr { td { code { "clamd" } } td { code { (antivirus.clamd.to_string()) } } td { (tr(l, T::ClamdWhere)) } }
                    tr {
                        td { code { "allow_unscanned_uploads" } }
                        td { (tr(l, if antivirus.allow_unscanned_uploads { T::SettingOn } else { T::SettingOff })) }
                        td { (tr(l, T::AllowUnscannedCost)) }
                    }
                }
            }
        },
    )
    .into_response())
}

/// What relaxing a security setting costs, in the person's language (the policy writes it in
/// English, for the docs and the CLI).
fn setting_cost<'a>(language: strongroom_domain::Language, name: &str, english: &'a str) -> &'a str {
    if language == strongroom_domain::Language::En {
        return english;
    }
    match name {
        "require_second_factor" => {
            "Standaard aan. Uit: een gephist of geraden wachtwoord alleen opent elk klantrecord dat de persoon mag zien; wachtwoorden moeten dan 15 tekens hebben."
        }
        "idle_timeout_minutes" => {
            "Standaard 15. Langer: een aangemelde pc bij de toonbank laat iedereen die langsloopt klanten lezen als die persoon."
        }
        "session_hours" => "Standaard 12. Langer: een gestolen sessiecookie werkt langer.",
        "password_reminder_days" => {
            "Standaard 90: alleen een herinnering. Verplicht regelmatig wisselen laat mensen zwakkere wachtwoorden met een patroon kiezen (NIST SP 800-63B)."
        }
        "force_change_without_second_factor_days" => {
            "Standaard uit. Aan (PCI DSS 8.3.9 vraagt 90): accounts zonder tweede factor moeten zo vaak hun wachtwoord wijzigen; beter is een tweede factor."
        }
        "enrolment_code_hours" => {
            "Standaard 72. Langer: een ongebruikte aanmeldcode die ergens ligt, kan door iemand anders worden gebruikt."
        }
        "lockout_after_failures" => {
            "Standaard 100, met oplopende wachttijden vanaf de 6e mislukte poging. Lager: wie een gebruikersnaam kent, kan die persoon buitensluiten."
        }
        "step_up_minutes" => {
            "Standaard 5. Langer: iemand aan een onbeheerde aangemelde pc kan identiteitsbewijzen openen of rollen wijzigen zonder het wachtwoord."
        }
        _ => english,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_security_setting_says_its_cost_in_dutch() {
        for (name, english) in strongroom_app::SecurityPolicy::costs() {
            assert_ne!(setting_cost(strongroom_domain::Language::Nl, name, english), *english, "{name} has no Dutch");
        }
    }
}
