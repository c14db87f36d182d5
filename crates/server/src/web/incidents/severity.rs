//! The owner's and privacy officer's work on an incident: moving it on, and weighing its
//! severity by ENISA's method (each scale in its steps, with plain words).

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};
use serde::Deserialize;
use strongroom_domain::{Incident, IncidentId, IncidentStatus, Language, Severity, SeverityBand};

use super::super::{Form, PageError, Ready, Session, csrf_field};
use super::{W, status_label, w};
use crate::ServerState;

/// A select of one of ENISA's scales: each value with its plain words.
fn scale(language: Language, name: &str, label: W, options: &[(&str, W)], chosen: &str) -> Markup {
    html! {
        label for=(name) { (w(language, label)) }
        select id=(name) name=(name) {
            @for (value, words) in options {
                option value=(value) selected[*value == chosen] { (value) " · " (w(language, *words)) }
            }
        }
    }
}

/// ENISA's data processing context in its quarter steps (1 to 4), the whole ones with the kind of
/// data a jeweler holds, so that a stored 2.5 is shown as 2.5, not as the first option.
fn dpc_scale(language: Language, chosen: &str) -> Markup {
    let words = [W::Dpc1, W::Dpc2, W::Dpc3, W::Dpc4];
    html! {
        label for="dpc" { (w(language, W::DpcLabel)) }
        select id="dpc" name="dpc" {
            @for q in 4u8..=16 {
                @let value = quarters(q);
                option value=(value) selected[value == chosen] {
                    (value) @if q % 4 == 0 { " · " (w(language, words[usize::from(q / 4 - 1)])) }
                }
            }
        }
    }
}
const EI: [(&str, W); 4] = [("0.25", W::Ei1), ("0.5", W::Ei2), ("0.75", W::Ei3), ("1", W::Ei4)];
const CONFIDENTIALITY: [(&str, W); 3] = [("0", W::LossNone), ("0.25", W::ConfidentialityKnown), ("0.5", W::ConfidentialityUnknown)];
const INTEGRITY: [(&str, W); 3] = [("0", W::LossNone), ("0.25", W::IntegrityRecoverable), ("0.5", W::IntegrityLost)];
const AVAILABILITY: [(&str, W); 3] = [("0", W::LossNone), ("0.25", W::AvailabilityTemporary), ("0.5", W::AvailabilityPermanent)];

fn quarters(q: u8) -> String {
    let value = f64::from(q) / 4.0;
    if value.fract() == 0.0 { format!("{value:.0}") } else { format!("{value}") }
}

/// The status and severity forms. Before a first assessment the data processing context is
/// proposed from the categories the impact found (2, a list of luxury-goods buyers, without one).
pub(super) fn manage_forms(language: Language, session: &Session, incident: &Incident, impacts: &[strongroom_app::Impact]) -> Markup {
    let reached = impacts.iter().flat_map(|impact| impact.categories.iter().map(|(category, _)| category.as_str()));
    let proposed = if impacts.is_empty() { 2 } else { strongroom_domain::proposed_dpc(reached) };
    let chosen = incident.severity.map(|s| s.to_quarters()).unwrap_or([proposed * 4, 4, 0, 0, 0, 0]);
    html! {
        section.incident-work {
            h2 { (w(language, W::MoveOn)) }
            form.inline method="post" action={ "/incidents/" (incident.id) "/status" } {
                (csrf_field(&session.csrf))
                label for="status" { (w(language, W::Status)) }
                select id="status" name="status" {
                    @for status in IncidentStatus::ALL {
                        option value=(status.as_str()) selected[status == incident.status] { (status_label(language, status)) }
                    }
                }
                button type="submit" { (w(language, W::SaveStatus)) }
            }
            h2 { (w(language, W::AssessTitle)) }
            p.muted { (w(language, W::AssessIntro)) }
            form.severity method="post" action={ "/incidents/" (incident.id) "/severity" } {
                (csrf_field(&session.csrf))
                (dpc_scale(language, &quarters(chosen[0])))
                (scale(language, "ei", W::EiLabel, &EI, &quarters(chosen[1])))
                (scale(language, "confidentiality", W::ConfidentialityLabel, &CONFIDENTIALITY, &quarters(chosen[2])))
                (scale(language, "integrity", W::IntegrityLabel, &INTEGRITY, &quarters(chosen[3])))
                (scale(language, "availability", W::AvailabilityLabel, &AVAILABILITY, &quarters(chosen[4])))
                label.choice { input type="checkbox" name="malicious" value="yes" checked[chosen[5] > 0]; " " (w(language, W::MaliciousLabel)) }
                button type="submit" { (w(language, W::Assess)) }
            }
        }
    }
}

pub(super) fn proposal(language: Language, band: SeverityBand) -> &'static str {
    if band.proposes_telling_people() {
        w(language, W::ProposeTellPeople)
    } else if band.proposes_notifying_authority() {
        w(language, W::ProposeNotify)
    } else {
        w(language, W::ProposeRecord)
    }
}

#[derive(Deserialize)]
pub(super) struct StatusForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    status: String,
}

pub(super) async fn set_status(
    State(state): State<Arc<ServerState>>,
    Ready(session): Ready,
    Path(id): Path<String>,
    Form(form): Form<StatusForm>,
) -> Result<Response, PageError> {
    session.check_csrf(&state, &form.csrf)?;
    let id = IncidentId::parse(&id).map_err(|_| PageError::NotFound)?;
    let status = IncidentStatus::parse(&form.status).map_err(strongroom_app::AppError::from)?;
    let actor = session.signed_in.actor()?.clone();
    state.run(move |vault| vault.set_incident_status(&actor, id, status)).await?;
    Ok(Redirect::to(&format!("/incidents/{id}")).into_response())
}

#[derive(Deserialize)]
pub(super) struct SeverityForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    dpc: String,
    #[serde(default)]
    ei: String,
    #[serde(default)]
    confidentiality: String,
    #[serde(default)]
    integrity: String,
    #[serde(default)]
    availability: String,
    #[serde(default)]
    malicious: Option<String>,
}

pub(super) async fn assess(
    State(state): State<Arc<ServerState>>,
    Ready(session): Ready,
    Path(id): Path<String>,
    Form(form): Form<SeverityForm>,
) -> Result<Response, PageError> {
    session.check_csrf(&state, &form.csrf)?;
    let id = IncidentId::parse(&id).map_err(|_| PageError::NotFound)?;
    let number = |text: &str| text.trim().parse::<f64>().unwrap_or(f64::NAN);
    let severity = Severity::new(
        number(&form.dpc),
        number(&form.ei),
        number(&form.confidentiality),
        number(&form.integrity),
        number(&form.availability),
        form.malicious.is_some(),
    )
    .map_err(strongroom_app::AppError::from)?;
    let actor = session.signed_in.actor()?.clone();
    state.run(move |vault| vault.assess_incident(&actor, id, severity)).await?;
    Ok(Redirect::to(&format!("/incidents/{id}")).into_response())
}
