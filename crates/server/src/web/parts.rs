//! Small pieces several page families show: dates as the pages write them, a workshop job's
//! status in the person's language. Kept below the pages that use them, so no page family
//! imports another.

use std::sync::Arc;

use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};
use strongroom_app::AppError;
use strongroom_domain::{DomainError, JobStatus, Language, PhoneE164, contains_card_number};

use super::PageError;
use super::i18n::{T, tr};
use crate::ServerState;

/// A day as the pages write it (`2026-12-15`).
/// Today, for the shop. (UTC until the shop's time zone is a setting.)
pub(crate) fn today() -> time::Date {
    time::OffsetDateTime::now_utc().date()
}

/// The moment today began, for the shop.
pub(crate) fn today_start() -> time::OffsetDateTime {
    time::OffsetDateTime::now_utc().replace_time(time::Time::MIDNIGHT)
}

pub fn day(date: time::Date) -> String {
    format!("{:04}-{:02}-{:02}", date.year(), u8::from(date.month()), date.day())
}

/// A moment as staff read it, in UTC.
pub fn moment(at: time::OffsetDateTime) -> String {
    let format = time::macros::format_description!("[year]-[month]-[day] [hour]:[minute] UTC");
    at.format(&format).unwrap_or_default()
}

/// An amount as the person's language writes it (`€ 1.250,00`, `€1,250.00`).
pub fn amount(language: Language, money: strongroom_domain::Money) -> String {
    money.local(language)
}

/// A role's name in the person's language.
pub fn role_name(language: Language, role: strongroom_domain::Role) -> &'static str {
    use strongroom_domain::Role;
    tr(
        language,
        match role {
            Role::Owner => T::RoleOwner,
            Role::Manager => T::RoleManager,
            Role::Sales => T::RoleSales,
            Role::Workshop => T::RoleWorkshop,
            Role::PrivacyOfficer => T::RolePrivacyOfficer,
            Role::ExternalAuditor => T::RoleExternalAuditor,
        },
    )
}

/// An identity document's kind in the person's language.
pub fn document_name(language: Language, kind: strongroom_domain::IdDocumentType) -> &'static str {
    use strongroom_domain::IdDocumentType;
    tr(
        language,
        match kind {
            IdDocumentType::Passport => T::DocPassport,
            IdDocumentType::NationalIdCard => T::DocNationalIdCard,
            IdDocumentType::DrivingLicence => T::DocDrivingLicence,
            IdDocumentType::ResidencePermit => T::DocResidencePermit,
        },
    )
}

/// A workshop job's status in the person's language.
pub fn status_name(language: Language, status: JobStatus) -> &'static str {
    tr(
        language,
        match status {
            JobStatus::Received => T::StatusReceived,
            JobStatus::AtBench => T::StatusAtBench,
            JobStatus::Ready => T::StatusReady,
            JobStatus::Collected => T::StatusCollected,
        },
    )
}

// Forms: errors next to their fields, every card number blanked, one gate call per submission.

/// Form values that failed their rules, by form field, with what to do; and the fields whose
/// value is not shown again (a card number is never sent back, not even to who typed it).
#[derive(Debug, Default)]
pub struct FieldErrors(Vec<(&'static str, String)>, Vec<&'static str>);

impl FieldErrors {
    pub(crate) fn get(&self, name: &str) -> Option<&str> {
        self.0.iter().find(|(field, _)| *field == name).map(|(_, message)| message.as_str())
    }

    pub(crate) fn shown<'a>(&self, name: &str, value: &'a str) -> &'a str {
        if self.1.contains(&name) { "" } else { value }
    }

    /// The errors of the domain's rules, each put next to the form field it is about (the first
    /// per field); a card number gets the guard's message in the person's language, saying what
    /// to record instead. Every field of the form that holds a card number is emptied and says
    /// so, not only those the rules named: a form sent back must never carry a card number
    /// (issue 11).
    pub(crate) fn from_domain(language: Language, refused: &[DomainError], form: &impl Submitted) -> FieldErrors {
        let values = form.values();
        let card_message = || tr(language, T::CardNumberRefused).to_owned();
        let mut errors = FieldErrors::default();
        let mut card_fields = Vec::new();
        for error in refused {
            let message = match error {
                DomainError::CardNumber { .. } => card_message(),
                DomainError::Invalid { reason, .. } => super::i18n::reason(language, reason).into_owned(),
            };
            let field = values.iter().map(|(name, _)| *name).find(|name| *name == error.field()).unwrap_or("form");
            if matches!(error, DomainError::CardNumber { .. }) {
                card_fields.push(field);
            }
            if errors.get(field).is_none() {
                errors.0.push((field, message));
            }
        }
        for (name, value) in values {
            let holds_card = if name == "phone" { PhoneE164::holds_card_number(value) } else { contains_card_number(value) };
            if holds_card || card_fields.contains(&name) {
                errors.1.push(name);
                match errors.0.iter_mut().find(|(field, _)| *field == name) {
                    Some((_, message)) => *message = card_message(),
                    None => errors.0.push((name, card_message())),
                }
            }
        }
        errors
    }
}

/// A submitted form: each field's name (as the domain's errors name it) and what was typed in it.
pub(crate) trait Submitted {
    fn values(&self) -> Vec<(&'static str, &str)>;
}

/// A refusal of the domain's rules as one line in the person's language (a card number gets the
/// guard's message, never the number).
pub(crate) fn domain_problem(language: Language, error: &DomainError) -> String {
    match error {
        DomainError::CardNumber { .. } => tr(language, T::CardNumberRefused).to_owned(),
        DomainError::Invalid { reason, .. } => super::i18n::reason(language, reason).into_owned(),
    }
}

/// A labelled input with its error next to it (announced, and tied to the input for screen readers).
pub(crate) fn input(language: Language, label: T, name: &str, value: &str, errors: &FieldErrors, kind: &str, required: bool) -> Markup {
    let error = errors.get(name);
    let error_id = format!("{name}-error");
    html! {
        label for=(name) { (tr(language, label)) @if !required { " " span.muted { (tr(language, T::Optional)) } } }
        input type=(kind) id=(name) name=(name) value=(errors.shown(name, value)) required[required]
            aria-invalid=[error.map(|_| "true")] aria-describedby=[error.map(|_| error_id.as_str())];
        @if let Some(message) = error { p.error id=(error_id) role="alert" { (message) } }
    }
}

pub(crate) fn textarea(language: Language, label: T, name: &str, value: &str, errors: &FieldErrors) -> Markup {
    let error = errors.get(name);
    let error_id = format!("{name}-error");
    html! {
        label for=(name) { (tr(language, label)) " " span.muted { (tr(language, T::Optional)) } }
        textarea id=(name) name=(name) rows="3" aria-invalid=[error.map(|_| "true")] aria-describedby=[error.map(|_| error_id.as_str())] { (errors.shown(name, value)) }
        @if let Some(message) = error { p.error id=(error_id) role="alert" { (message) } }
    }
}

pub(crate) fn form_problem(errors: &FieldErrors) -> Markup {
    html! { @if let Some(message) = errors.get("form") { p.error role="alert" { (message) } } }
}

/// What every form of these pages does with a submission: the values parsed into domain types
/// (`parsed`, with every problem found), then one gate call (`saving`). Values the rules refuse,
/// here or in the gate, show the form again (`refused`) with each error next to its field; a saved one goes where
/// `saved` says.
pub(crate) async fn save<N: Send + 'static, S: Send + 'static>(
    state: &Arc<ServerState>,
    language: Language,
    form: &impl Submitted,
    parsed: Result<N, Vec<DomainError>>,
    saving: impl FnOnce(&strongroom_app::Vault, N) -> Result<S, AppError> + Send + 'static,
    saved: impl FnOnce(S) -> String,
    refused: impl FnOnce(FieldErrors) -> Response,
) -> Result<Response, PageError> {
    let new = match parsed {
        Ok(new) => new,
        Err(errors) => return Ok(refused(FieldErrors::from_domain(language, &errors, form))),
    };
    match state.run(move |vault| saving(vault, new)).await {
        Ok(done) => Ok(Redirect::to(&saved(done)).into_response()),
        Err(AppError::Invalid(error)) => Ok(refused(FieldErrors::from_domain(language, &[error], form))),
        Err(other) => Err(other.into()),
    }
}

/// The problems of a form's fields, gathered so that the form names them all at once.
#[derive(Default)]
pub(crate) struct Problems(Vec<DomainError>);

impl Problems {
    /// A field's value, or `None` with its problem kept.
    pub(crate) fn take<T>(&mut self, result: Result<T, DomainError>) -> Option<T> {
        result.map_err(|error| self.0.push(error)).ok()
    }

    /// The parsed form (`build` runs only when no field had a problem), or every problem.
    pub(crate) fn finish<N>(self, build: impl FnOnce() -> Option<N>) -> Result<N, Vec<DomainError>> {
        if !self.0.is_empty() {
            return Err(self.0);
        }
        build().ok_or(self.0)
    }
}

pub(crate) fn optional<T>(text: &str, parse: impl FnOnce(&str) -> Result<T, DomainError>) -> Result<Option<T>, DomainError> {
    let text = text.trim();
    if text.is_empty() { Ok(None) } else { parse(text).map(Some) }
}
