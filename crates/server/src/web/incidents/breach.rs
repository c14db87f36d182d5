//! The personal-data breach on an incident's page: its record with the 72-hour clock, the form
//! that records it, and the countdown at the top of every page of those who work incidents.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};
use strongroom_app::{BreachClock, Impact};
use strongroom_domain::{BreachOutcome, BreachRecord, BreachType, DomainError, FreeText, Incident, IncidentId, Language, ShortText};

use super::super::parts::{moment, shop_local_input, shop_local_moment};
use super::super::{Form, PageError, Ready, Session, csrf_field, form_error};
use super::{W, w};
use crate::ServerState;

/// "(41 hours left)", "(nog 41 uur)".
fn hours_left(language: Language, hours: i64) -> String {
    match language {
        Language::En if hours == 1 => "(1 hour left)".to_owned(),
        Language::En => format!("({hours} hours left)"),
        Language::Nl => format!("(nog {hours} uur)"),
    }
}

/// The countdown at the top of every page of those who work incidents: each breach whose
/// authority is not told yet, with its deadline in the shop's time.
pub(in crate::web) fn breach_banner(language: Language, clocks: &[BreachClock]) -> Markup {
    let now = time::OffsetDateTime::now_utc();
    html! {
        div.breach-clock role="alert" {
            @for clock in clocks {
                p {
                    strong { (w(language, W::BannerBefore)) " " (moment(language, clock.deadline)) } " "
                    @if clock.deadline > now {
                        (hours_left(language, (clock.deadline - now).whole_hours()))
                    } @else {
                        "(" (w(language, W::BannerPassed)) ")"
                    }
                    " · " a href={ "/incidents/" (clock.id) } { (w(language, W::BannerOpen)) }
                }
            }
        }
    }
}

pub(super) fn outcome_label(language: Language, outcome: BreachOutcome) -> &'static str {
    w(
        language,
        match outcome {
            BreachOutcome::NoBreach => W::OutcomeNoBreach,
            BreachOutcome::RecordedOnly => W::OutcomeRecorded,
            BreachOutcome::Notified => W::OutcomeNotified,
        },
    )
}

fn type_label(language: Language, kind: BreachType) -> &'static str {
    w(
        language,
        match kind {
            BreachType::Confidentiality => W::TypeConfidentiality,
            BreachType::Integrity => W::TypeIntegrity,
            BreachType::Availability => W::TypeAvailability,
        },
    )
}

fn yes_no(language: Language, value: Option<bool>) -> &'static str {
    w(
        language,
        match value {
            None => W::Unknown,
            Some(true) => W::Yes,
            Some(false) => W::No,
        },
    )
}

/// The breach record as the incident page shows it.
pub(super) fn breach_lines(language: Language, breach: &BreachRecord) -> Markup {
    let now = time::OffsetDateTime::now_utc();
    let text = |value: &Option<FreeText>| value.as_ref().map(|value| value.as_str().to_owned());
    html! {
        dl.breach {
            dt { (w(language, W::BecameAware)) } dd { (moment(language, breach.became_aware_at)) }
            dt { (w(language, W::Deadline)) } dd {
                (moment(language, breach.deadline()))
                @if breach.notified_at.is_none() && breach.deadline() > now { " " (hours_left(language, (breach.deadline() - now).whole_hours())) }
            }
            @if let Some(notified) = breach.notified_at {
                dt { (w(language, W::NotifiedAt)) } dd {
                    (moment(language, notified))
                    @if breach.late(notified) { " · " strong { (w(language, W::LateNote)) } }
                }
            }
            @if !breach.types.is_empty() {
                dt { (w(language, W::BreachTypes)) } dd { (breach.types.iter().map(|kind| type_label(language, *kind)).collect::<Vec<_>>().join("; ")) }
            }
            @for (label, value) in [
                (W::DataCategories, text(&breach.data_categories)),
                (W::People, breach.people.map(|n| n.to_string())),
                (W::Records, breach.records.map(|n| n.to_string())),
                (W::Consequences, text(&breach.consequences)),
                (W::Measures, text(&breach.measures)),
                (W::AuthorityReference, breach.authority_reference.as_ref().map(|r| r.as_str().to_owned())),
                (W::DelayReason, text(&breach.delay_reason)),
            ] {
                @if let Some(value) = value { dt { (w(language, label)) } dd { (value) } }
            }
            @if breach.data_encrypted.is_some() {
                dt { (w(language, W::DataEncrypted)) } dd { (yes_no(language, breach.data_encrypted)) " · " (w(language, W::KeyTaken)) ": " (yes_no(language, breach.key_taken)) }
            }
        }
        @if breach.unintelligible() { p.notice { (w(language, W::Unintelligible)) } }
    }
}

fn exact(at: Option<time::OffsetDateTime>) -> String {
    at.and_then(|at| at.format(&time::format_description::well_known::Rfc3339).ok()).unwrap_or_default()
}

/// The moment a time field means: the stored one when the field still shows it, else the
/// shop's wall-clock time typed.
fn field_moment(shown: &str, exact: &str) -> Option<time::OffsetDateTime> {
    let stored = time::OffsetDateTime::parse(exact, &time::format_description::well_known::Rfc3339).ok();
    match stored {
        Some(stored) if shop_local_input(stored) == shown.trim() => Some(stored),
        _ => shop_local_moment(shown),
    }
}

/// A moment as `<input type=datetime-local>` holds it, in the shop's time.
fn local_input(at: Option<time::OffsetDateTime>) -> String {
    at.map(shop_local_input).unwrap_or_default()
}

/// The breach form, filled from `form` (the record as stored, or what was just typed when it
/// was refused, with `error` above it).
pub(super) fn breach_form(language: Language, session: &Session, incident: IncidentId, form: &BreachForm, error: Option<&str>) -> Markup {
    let choice = |name: &str, value: &str| {
        html! {
            select id=(name) name=(name) {
                option value="" selected[value != "yes" && value != "no"] { (w(language, W::Unknown)) }
                option value="yes" selected[value == "yes"] { (w(language, W::Yes)) }
                option value="no" selected[value == "no"] { (w(language, W::No)) }
            }
        }
    };
    html! {
        h2 id="breach" { (w(language, W::BreachTitle)) }
        p.muted { (w(language, W::BreachIntro)) }
        form.breach method="post" action={ "/incidents/" (incident) "/breach" } {
            (form_error(error))
            (csrf_field(&session.csrf))
            input type="hidden" name="became_aware_exact" value=(form.became_aware_exact);
            input type="hidden" name="notified_exact" value=(form.notified_exact);
            label for="became_aware_at" { (w(language, W::BecameAware)) " " span.muted { (w(language, W::BecameAwareHint)) } }
            input type="datetime-local" id="became_aware_at" name="became_aware_at" required value=(form.became_aware_at);
            fieldset {
                legend { (w(language, W::BreachTypes)) }
                @for kind in BreachType::ALL {
                    label.choice { input type="checkbox" name="types" value=(kind.as_str()) checked[form.types.iter().any(|t| t == kind.as_str())]; " " (type_label(language, kind)) }
                }
            }
            label for="data_categories" { (w(language, W::DataCategories)) }
            input type="text" id="data_categories" name="data_categories" value=(form.data_categories);
            label for="people" { (w(language, W::People)) }
            input type="number" min="0" id="people" name="people" value=(form.people);
            label for="records" { (w(language, W::Records)) }
            input type="number" min="0" id="records" name="records" value=(form.records);
            label for="consequences" { (w(language, W::Consequences)) }
            textarea id="consequences" name="consequences" rows="2" { (form.consequences) }
            label for="measures" { (w(language, W::Measures)) }
            textarea id="measures" name="measures" rows="2" { (form.measures) }
            label for="data_encrypted" { (w(language, W::DataEncrypted)) }
            (choice("data_encrypted", &form.data_encrypted))
            label for="key_taken" { (w(language, W::KeyTaken)) }
            (choice("key_taken", &form.key_taken))
            label for="notified_at" { (w(language, W::NotifiedAt)) }
            input type="datetime-local" id="notified_at" name="notified_at" value=(form.notified_at);
            label for="authority_reference" { (w(language, W::AuthorityReference)) }
            input type="text" id="authority_reference" name="authority_reference" value=(form.authority_reference);
            label for="delay_reason" { (w(language, W::DelayReason)) }
            textarea id="delay_reason" name="delay_reason" rows="2" { (form.delay_reason) }
            button type="submit" { (w(language, W::SaveBreach)) }
        }
    }
}

/// The breach form's fields, each as typed (the checkboxes of `types` apart).
#[derive(Default)]
pub(super) struct BreachForm {
    csrf: String,
    became_aware_at: String,
    data_categories: String,
    people: String,
    records: String,
    consequences: String,
    measures: String,
    data_encrypted: String,
    key_taken: String,
    notified_at: String,
    authority_reference: String,
    delay_reason: String,
    types: Vec<String>,
    /// The stored moments to the microsecond (RFC 3339), so that saving the form again with a
    /// time field unchanged keeps them exactly: the field holds only minutes, and an hour the
    /// clocks repeat in autumn would come back as its first occurrence.
    became_aware_exact: String,
    notified_exact: String,
}

impl BreachForm {
    /// The form as a stored record fills it (empty for an incident that is not a breach).
    pub(super) fn of_record(breach: Option<&BreachRecord>) -> BreachForm {
        let Some(breach) = breach else { return BreachForm::default() };
        let text = |value: Option<&FreeText>| value.map(|value| value.as_str().to_owned()).unwrap_or_default();
        let number = |value: Option<u64>| value.map(|n| n.to_string()).unwrap_or_default();
        let yes_no = |value: Option<bool>| match value {
            Some(true) => "yes".to_owned(),
            Some(false) => "no".to_owned(),
            None => String::new(),
        };
        BreachForm {
            csrf: String::new(),
            became_aware_at: local_input(Some(breach.became_aware_at)),
            data_categories: text(breach.data_categories.as_ref()),
            people: number(breach.people),
            records: number(breach.records),
            consequences: text(breach.consequences.as_ref()),
            measures: text(breach.measures.as_ref()),
            data_encrypted: yes_no(breach.data_encrypted),
            key_taken: yes_no(breach.key_taken),
            notified_at: local_input(breach.notified_at),
            authority_reference: breach.authority_reference.as_ref().map(|r| r.as_str().to_owned()).unwrap_or_default(),
            delay_reason: text(breach.delay_reason.as_ref()),
            types: breach.types.iter().map(|kind| kind.as_str().to_owned()).collect(),
            became_aware_exact: exact(Some(breach.became_aware_at)),
            notified_exact: exact(breach.notified_at),
        }
    }

    /// The form as typed, to show again after a refusal: a card number is never sent back,
    /// not even to who typed it.
    fn without_card_numbers(mut self) -> BreachForm {
        for field in [
            &mut self.data_categories,
            &mut self.consequences,
            &mut self.measures,
            &mut self.authority_reference,
            &mut self.delay_reason,
            &mut self.people,
            &mut self.records,
            &mut self.became_aware_at,
            &mut self.notified_at,
        ] {
            if strongroom_domain::contains_card_number(field) {
                field.clear();
            }
        }
        self
    }

    /// The form's pairs: its checkboxes repeat one name, which a one-value-per-field form
    /// cannot hold.
    fn of(pairs: &[(String, String)]) -> BreachForm {
        let field = |name: &str| pairs.iter().find(|(key, _)| key == name).map(|(_, value)| value.clone()).unwrap_or_default();
        BreachForm {
            csrf: field("csrf"),
            became_aware_at: field("became_aware_at"),
            data_categories: field("data_categories"),
            people: field("people"),
            records: field("records"),
            consequences: field("consequences"),
            measures: field("measures"),
            data_encrypted: field("data_encrypted"),
            key_taken: field("key_taken"),
            notified_at: field("notified_at"),
            authority_reference: field("authority_reference"),
            delay_reason: field("delay_reason"),
            types: pairs.iter().filter(|(key, _)| key == "types").map(|(_, value)| value.clone()).collect(),
            became_aware_exact: field("became_aware_exact"),
            notified_exact: field("notified_exact"),
        }
    }
}

/// The breach form as a record: every field checked, the first problem named.
fn parse_breach(form: &BreachForm) -> Result<BreachRecord, DomainError> {
    let moment = |field: &'static str, text: &str, exact: &str| match text.trim() {
        "" => Ok(None),
        text => field_moment(text, exact).map(Some).ok_or_else(|| DomainError::invalid(field, "is not a date and time")),
    };
    let free = |field: &'static str, text: &str| match text.trim() {
        "" => Ok(None),
        text => FreeText::parse(field, text).map(Some),
    };
    let count = |field: &'static str, text: &str| match text.trim() {
        "" => Ok(None),
        text => text.parse::<u64>().map(Some).map_err(|_| DomainError::invalid(field, "must be a whole number")),
    };
    let yes_no = |text: &str| match text {
        "yes" => Some(true),
        "no" => Some(false),
        _ => None,
    };
    let became_aware_at = moment("became aware at", &form.became_aware_at, &form.became_aware_exact)?
        .ok_or_else(|| DomainError::invalid("became aware at", "must not be empty"))?;
    let mut types = form.types.iter().map(|kind| BreachType::parse(kind)).collect::<Result<Vec<_>, _>>()?;
    types.sort();
    types.dedup();
    Ok(BreachRecord {
        became_aware_at,
        types,
        data_categories: free("data categories", &form.data_categories)?,
        people: count("people", &form.people)?,
        records: count("records", &form.records)?,
        consequences: free("consequences", &form.consequences)?,
        measures: free("measures", &form.measures)?,
        data_encrypted: yes_no(&form.data_encrypted),
        key_taken: yes_no(&form.key_taken),
        notified_at: moment("notified at", &form.notified_at, &form.notified_exact)?,
        authority_reference: match form.authority_reference.trim() {
            "" => None,
            text => Some(ShortText::parse("authority reference", text)?),
        },
        delay_reason: free("delay reason", &form.delay_reason)?,
    })
}

pub(super) async fn record_breach(
    State(state): State<Arc<ServerState>>,
    Ready(session): Ready,
    Path(id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let form = BreachForm::of(&pairs);
    session.check_csrf(&state, &form.csrf)?;
    let id = IncidentId::parse(&id).map_err(|_| PageError::NotFound)?;
    let record = match parse_breach(&form) {
        Ok(record) => record,
        Err(error) => return refuse(&state, &session, id, form, error.into()).await,
    };
    let actor = session.signed_in.actor()?.clone();
    match state.run(move |vault| vault.record_breach(&actor, id, record)).await {
        Ok(_) => Ok(Redirect::to(&format!("/incidents/{id}")).into_response()),
        Err(error @ strongroom_app::AppError::Invalid(_)) => refuse(&state, &session, id, form, error).await,
        Err(other) => Err(other.into()),
    }
}

/// A refused breach record: the incident's page again, with what was typed (never a card
/// number) and why, above the form; nothing was stored.
async fn refuse(
    state: &Arc<ServerState>,
    session: &Session,
    id: IncidentId,
    form: BreachForm,
    error: strongroom_app::AppError,
) -> Result<Response, PageError> {
    let language = session.signed_in.language();
    // Which field the rule is about, by the form's own label, then why.
    let field = match &error {
        strongroom_app::AppError::Invalid(DomainError::Invalid { field, .. }) => match *field {
            "became aware at" => Some(W::BecameAware),
            "notified at" => Some(W::NotifiedAt),
            "people" => Some(W::People),
            "records" => Some(W::Records),
            "delay reason" => Some(W::DelayReason),
            "key taken" => Some(W::KeyTaken),
            "authority reference" => Some(W::AuthorityReference),
            "data categories" => Some(W::DataCategories),
            "consequences" => Some(W::Consequences),
            "measures" => Some(W::Measures),
            "breach type" => Some(W::BreachTypes),
            _ => None,
        },
        _ => None,
    };
    let reason = super::super::app_message(language, &error);
    let message = match field {
        Some(field) => format!("{}: {reason}", w(language, field)),
        None => reason,
    };
    super::render_incident(state, session, id, Some((form.without_card_numbers(), message))).await
}

/// The evidence of a breach's reach on the incident's page, and (for those who work incidents)
/// the form that asks the trail for more.
pub(super) fn impact_section(language: Language, session: &Session, incident: &Incident, impacts: &[Impact], manages: bool) -> Markup {
    let now = time::OffsetDateTime::now_utc();
    html! {
        @if manages || !impacts.is_empty() {
            h2 { (w(language, W::ImpactTitle)) }
        }
        @if !impacts.is_empty() {
            ul.impacts {
                @for impact in impacts {
                    li {
                        strong { (impact.account) } ": " (impact.customers) " " (w(language, W::ImpactCustomers)) ", "
                        (impact.records_opened) " " (w(language, W::ImpactOpened)) " · "
                        (moment(language, impact.since)) " – " (moment(language, impact.until))
                        @if !impact.categories.is_empty() {
                            ul { @for (category, count) in &impact.categories { li { code { (category) } ": " (count) } } }
                        }
                    }
                }
            }
        }
        @if manages {
            p.muted { (w(language, W::ImpactIntro)) }
            form.impact method="post" action={ "/incidents/" (incident.id) "/impact" } {
                (csrf_field(&session.csrf))
                label for="account" { (w(language, W::Account)) }
                input type="text" id="account" name="account" required;
                label for="since" { (w(language, W::Since)) }
                input type="datetime-local" id="since" name="since" required value=(shop_local_input(now - time::Duration::days(1)));
                label for="until" { (w(language, W::Until)) }
                // The next whole minute: the field holds minutes, and what happened this minute counts.
                input type="datetime-local" id="until" name="until" required value=(shop_local_input(now + time::Duration::minutes(1)));
                button type="submit" { (w(language, W::AskImpact)) }
            }
        }
    }
}

#[derive(serde::Deserialize)]
pub(super) struct ImpactForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    account: String,
    #[serde(default)]
    since: String,
    #[serde(default)]
    until: String,
}

pub(super) async fn ask_impact(
    State(state): State<Arc<ServerState>>,
    Ready(session): Ready,
    Path(id): Path<String>,
    Form(form): Form<ImpactForm>,
) -> Result<Response, PageError> {
    session.check_csrf(&state, &form.csrf)?;
    let id = IncidentId::parse(&id).map_err(|_| PageError::NotFound)?;
    let moment = |field: &'static str, text: &str| {
        shop_local_moment(text).ok_or_else(|| strongroom_app::AppError::from(DomainError::invalid(field, "is not a date and time")))
    };
    let (since, until) = (moment("since", &form.since)?, moment("until", &form.until)?);
    let actor = session.signed_in.actor()?.clone();
    let account = form.account;
    state.run(move |vault| vault.incident_impact(&actor, id, &account, since, until)).await?;
    Ok(Redirect::to(&format!("/incidents/{id}")).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_time_field_left_as_shown_keeps_the_stored_moment_to_the_microsecond() {
        let stored = time::OffsetDateTime::from_unix_timestamp_nanos(1_765_000_000_123_456_000).unwrap();
        assert_eq!(field_moment(&shop_local_input(stored), &exact(Some(stored))), Some(stored));
        let changed = field_moment("2026-12-06T09:30", &exact(Some(stored))).unwrap();
        assert_ne!(changed, stored, "a changed field means what it now shows");
        assert_eq!(field_moment("yesterday", ""), None);
    }

    #[test]
    fn a_refused_form_comes_back_without_any_card_number() {
        let pairs: Vec<(String, String)> = [
            ("people", "4111111111111111"),
            ("consequences", "card 4111 1111 1111 1111 seen"),
            ("notified_at", "4111111111111111"),
            ("measures", "Asked them to delete it"),
        ]
        .iter()
        .map(|(name, value)| ((*name).to_owned(), (*value).to_owned()))
        .collect();
        let form = BreachForm::of(&pairs).without_card_numbers();
        assert_eq!((form.people.as_str(), form.consequences.as_str(), form.notified_at.as_str()), ("", "", ""));
        assert_eq!(form.measures, "Asked them to delete it");
    }
}
