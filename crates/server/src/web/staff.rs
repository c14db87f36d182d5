//! Staff administration (owner and managers) and the sign-in security settings (owner). Role
//! changes, factor resets, password resets and disabling an account need a fresh step-up.

use std::sync::Arc;

use axum::Router;
use axum::extract::{Form, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use maud::{Markup, html};
use serde::Deserialize;
use strongroom_app::{AppError, Enrolment, SecurityPolicy, StaffSummary};
use strongroom_domain::{Permission, Role, StaffName};

use super::{PageError, Ready, Session, csrf_field, form_error, page};
use crate::ServerState;

pub fn routes() -> Router<Arc<ServerState>> {
    Router::new()
        .route("/staff", get(staff_page).post(add_staff))
        .route("/staff/{username}/{action}", post(change_staff))
        .route("/settings/security", get(settings_page))
}

/// A time as staff read it, in UTC.
pub fn when(at: time::OffsetDateTime) -> String {
    let format = time::macros::format_description!("[year]-[month]-[day] [hour]:[minute] UTC");
    at.format(&format).unwrap_or_default()
}

fn staff_list(session: &Session, staff: &[StaffSummary], error: Option<&str>, enrolment: Option<&Enrolment>) -> Markup {
    let role = session.signed_in.role();
    html! {
        h1 { "Staff accounts" }
        (form_error(error))
        @if let Some(enrolment) = enrolment {
            @if let (Some(code), Some(expires)) = (&enrolment.code, enrolment.expires_at) {
                div.notice role="status" {
                    p { "Enrolment code for " strong { (enrolment.username) } ": " code.key { (code.as_str()) } }
                    p { "Give it to them in person. It works once, until " (when(expires)) ", on the first sign-in page. It is not shown again." }
                }
            }
        }
        table {
            thead { tr { th { "User" } th { "Role" } th { "State" } th { "Actions" } } }
            tbody {
                @for member in staff {
                    tr {
                        td { (member.username) }
                        td { (member.role.as_str().replace('_', " ")) }
                        td {
                            @if member.disabled { "disabled; " }
                            @if member.locked { strong { "locked after " (member.failed_logins) " failed sign-ins; " } }
                            @if !member.enrolled { "not enrolled yet; " }
                            @if member.second_factor { "authenticator, " (member.recovery_codes_left) " recovery codes" } @else { "no second factor" }
                        }
                        td {
                            @if role.may_manage(member.role) {
                                @for (action, label) in actions(member) {
                                    form.inline method="post" action=(format!("/staff/{}/{action}", member.username)) {
                                        (csrf_field(&session.csrf))
                                        button type="submit" { (label) }
                                    }
                                }
                                form.inline method="post" action=(format!("/staff/{}/set-role", member.username)) {
                                    (csrf_field(&session.csrf))
                                    label.visually-hidden for=(format!("role-{}", member.username)) { "New role for " (member.username) }
                                    select id=(format!("role-{}", member.username)) name="role" {
                                        @for other in Role::ALL.into_iter().filter(|other| role.may_manage(*other)) {
                                            option value=(other.as_str()) selected[other == member.role] { (other.as_str().replace('_', " ")) }
                                        }
                                    }
                                    button type="submit" { "Set role" }
                                }
                            }
                        }
                    }
                }
            }
        }
        h2 { "Add someone" }
        form method="post" action="/staff" {
            (csrf_field(&session.csrf))
            label for="new-username" { "User name (letters, digits, . _ -)" }
            input #new-username type="text" name="username" autocapitalize="none" spellcheck="false" required;
            label for="new-role" { "Role" }
            select #new-role name="role" {
                @for other in Role::ALL.into_iter().filter(|other| role.may_manage(*other)) {
                    option value=(other.as_str()) { (other.as_str().replace('_', " ")) }
                }
            }
            button type="submit" { "Add and show the enrolment code" }
        }
    }
}

fn actions(member: &StaffSummary) -> Vec<(&'static str, &'static str)> {
    let mut actions = Vec::new();
    if member.locked {
        actions.push(("unlock", "Unlock"));
    }
    actions.push(if member.disabled { ("enable", "Enable") } else { ("disable", "Disable") });
    if member.second_factor {
        actions.push(("reset-2fa", "Reset second factor"));
    }
    actions.push(("reset-password", "Reset password"));
    actions
}

async fn render(
    state: &Arc<ServerState>,
    session: &Session,
    status: StatusCode,
    error: Option<&str>,
    enrolment: Option<&Enrolment>,
) -> Result<Response, PageError> {
    let actor = session.signed_in.actor()?.clone();
    let staff = state.run(move |vault| vault.list_staff(&actor)).await?;
    Ok((status, page("Staff", Some(session), staff_list(session, &staff, error, enrolment))).into_response())
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
    if !session.signed_in.role().allows(Permission::StaffManage) {
        // The gate refuses and records it too; this only spares a step-up for nothing.
        return Err(PageError::Denied(format!("{} may not manage staff", session.signed_in.role())));
    }
    let needs_step_up = matches!(action.as_str(), "disable" | "enable" | "unlock" | "set-role" | "reset-2fa" | "reset-password");
    if needs_step_up && !session.signed_in.step_up_fresh() {
        return Err(PageError::StepUp("/staff"));
    }
    let name = StaffName::parse(&username).map_err(|_| PageError::NotFound)?;
    let actor = session.signed_in.actor()?.clone();
    let role = Role::parse(&form.role);
    let outcome = state
        .run(move |vault| -> Result<Option<Enrolment>, AppError> {
            match action.as_str() {
                "disable" => vault.disable_staff(&actor, &name).map(|_| None),
                "enable" => vault.enable_staff(&actor, &name).map(|()| None),
                "unlock" => vault.unlock_staff(&actor, &name).map(|()| None),
                "reset-2fa" => vault.reset_second_factor(&actor, &name).map(|()| None),
                "reset-password" => vault.reset_password(&actor, &name).map(Some),
                "set-role" => vault.set_staff_role(&actor, &name, role?).map(|()| None),
                _ => Err(AppError::NotFound("action")),
            }
        })
        .await;
    match outcome {
        Ok(None) => Ok(Redirect::to("/staff").into_response()),
        Ok(Some(enrolment)) => render(&state, &session, StatusCode::OK, None, Some(&enrolment)).await,
        Err(error @ (AppError::Conflict(_) | AppError::Invalid(_))) => {
            render(&state, &session, StatusCode::BAD_REQUEST, Some(&error.to_string()), None).await
        }
        Err(other) => Err(other.into()),
    }
}

async fn settings_page(State(state): State<Arc<ServerState>>, Ready(session): Ready) -> Result<Response, PageError> {
    if !session.signed_in.role().allows(Permission::SettingsManage) {
        return Err(PageError::Denied(format!("{} may not change settings", session.signed_in.role())));
    }
    let policy = state.vault.settings().security;
    let value = |name: &str| -> String {
        match name {
            "require_second_factor" => {
                if policy.require_second_factor {
                    "on".into()
                } else {
                    "off".into()
                }
            }
            "idle_timeout_minutes" => format!("{} minutes", policy.idle_timeout_minutes),
            "session_hours" => format!("{} hours", policy.session_hours),
            "password_reminder_days" => format!("{} days", policy.password_reminder_days),
            "force_change_without_second_factor_days" => {
                policy.force_change_without_second_factor_days.map_or("off".into(), |days| format!("{days} days"))
            }
            "enrolment_code_hours" => format!("{} hours", policy.enrolment_code_hours),
            "lockout_after_failures" => format!("{} failures", policy.lockout_after_failures),
            "step_up_minutes" => format!("{} minutes", policy.step_up_minutes),
            _ => String::new(),
        }
    };
    Ok(page(
        "Security settings",
        Some(&session),
        html! {
            h1 { "Sign-in security settings" }
            p { "Set in " code { "strongroom.toml" } " under " code { "[security]" } "; each one says what relaxing it costs." }
            table {
                thead { tr { th { "Setting" } th { "Now" } th { "What it protects, and the cost of relaxing it" } } }
                tbody {
                    @for (name, cost) in SecurityPolicy::costs() {
                        tr { td { code { (name) } } td { (value(name)) } td { (cost) } }
                    }
                }
            }
        },
    )
    .into_response())
}
