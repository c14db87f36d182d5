//! The record of processing activities (GDPR Art. 30) and the data map, for the owner, the
//! privacy officer and the external auditor: `/privacy/records` shows it (to print for the
//! auditor), `/privacy/records.json` gives it as a file, and those who handle customers' requests
//! keep the shop's own part on the same page (who to contact, the other places customer data
//! lives, the processors), one line each. `/privacy/law` gives the law of the shop's country and
//! the others Strongroom knows. Words in `ropa_words.rs`.

use std::sync::Arc;

use axum::Router;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use maud::{Markup, html};
use serde::Deserialize;
use strongroom_app::{AppError, Place, Processor, Ropa, ShopPart};
use strongroom_domain::{CountryLaw, Language, Permission};

use super::parts::day;
use super::ropa_words::{P, field_text, kept_text, p, purpose_text, security_lines, subjects};
use super::{Form, PageError, Ready, Session, app_message, csrf_field, form_error, page};
use crate::ServerState;

pub fn routes() -> Router<Arc<ServerState>> {
    Router::new()
        .route("/privacy/records", get(records_page).post(save_shop_part))
        .route("/privacy/records.json", get(records_json))
        .route("/privacy/law", get(law_page))
        .route("/privacy/marketing", get(marketing_page).post(marketing_file))
}

pub(super) fn require_reader(session: &Session) -> Result<(), PageError> {
    if session.signed_in.role().allows(Permission::AuditRead) {
        Ok(())
    } else {
        Err(PageError::Denied(p(session.signed_in.language(), P::Denied).to_owned()))
    }
}

/// A stored day (`YYYY-MM-DD`) the person's language's way; "–" when there is none.
pub(super) fn local_day(language: Language, text: &str) -> String {
    strongroom_domain::parse_date("day", text).map_or_else(|_| "–".to_owned(), |date| day(language, date))
}

/// The roles named by their stable names, in the person's language.
fn role_names(language: Language, roles: &[&str]) -> String {
    let named = strongroom_domain::Role::ALL.iter().filter(|role| roles.contains(&role.as_str()));
    named.map(|role| super::parts::role_name(language, *role)).collect::<Vec<_>>().join(", ")
}

/// The record as a sheet: the page shows it, the printable document is it.
pub(super) fn sheet(language: Language, ropa: &Ropa) -> Markup {
    let (tax_years, tax_source) = (ropa.tax_years, ropa.tax_source);
    html! {
        h2 { (p(language, P::Controller)) }
        p { (ropa.controller) @if let Some(address) = &ropa.address { br; (address) } @if let Some(phone) = &ropa.phone { br; (phone) } }
        @if !ropa.shop.contact.is_empty() { p { (p(language, P::Contact)) " " (ropa.shop.contact) } }
        @if !ropa.shop.version.is_empty() || !ropa.shop.reviewed_on.is_empty() {
            p { (p(language, P::Version)) " " (ropa.shop.version) " · " (p(language, P::ReviewedOn)) " " (local_day(language, &ropa.shop.reviewed_on)) }
        }
        @if let Some(law) = CountryLaw::for_country(ropa.country) {
            @let [_, privacy_law, authority, _, aml_law] = law.lines_in(language);
            h2 { (p(language, P::Law)) }
            ul {
                li { (privacy_law) "; " (law.national_act) }
                li { (p(language, P::Authority)) " " (authority) " (" (law.authority_web) ")" }
                li { (aml_law) }
            }
        }
        h2 { (p(language, P::Purposes)) }
        ul { @for (label, meaning) in &ropa.purposes { li { code { (label) } ": " (purpose_text(language, label, meaning)) } } }
        h2 { (p(language, P::Subjects)) }
        ul { @for subject in subjects(language) { li { (subject) } } }
        h2 { (p(language, P::DataMap)) }
        table.data-map {
            thead { tr { th { (p(language, P::Field)) } th { (p(language, P::Category)) } th { (p(language, P::WhoSees)) } th { (p(language, P::Kept)) } } }
            tbody {
                @for field in &ropa.data_map {
                    tr {
                        td { (field_text(language, field.record, field.field, field.description)) @if field.special { " " strong { (p(language, P::Special)) } } }
                        td { code { (field.category) } }
                        td { (role_names(language, &field.roles)) }
                        td { (kept_text(language, field.record, tax_years, tax_source)) }
                    }
                }
            }
        }
        h2 { (p(language, P::Places)) }
        @if ropa.shop.places.is_empty() { p.muted { (p(language, P::NoneEntered)) } }
        ul { @for place in &ropa.shop.places { li { strong { (place.name) } ": " (place.holds) @if !place.protection.is_empty() { " (" (place.protection) ")" } } } }
        h2 { (p(language, P::Processors)) }
        @if ropa.shop.processors.is_empty() { p.muted { (p(language, P::NoneEntered)) } }
        ul {
            @for processor in &ropa.shop.processors {
                li { strong { (processor.name) } ": " (processor.service) " · " (processor.location) @if !processor.contract.is_empty() { " · " (p(language, P::Contract)) " " (processor.contract) } }
            }
        }
        h2 { (p(language, P::Security)) }
        ul { @for measure in security_lines(language, &ropa.policy) { li { (measure) } } }
        p { (p(language, P::Backups)) " " (ropa.backup_days) }
    }
}

/// The record as a printable document, for the auditor (and `privacy ropa --out FILE.html`).
pub fn ropa_document(language: Language, ropa: &Ropa) -> String {
    let title = format!("{} · {}", p(language, P::Title), ropa.controller);
    super::parts::printable_document(language, &title, html! { h1 { (title) } p.muted { (ropa.generated_at) } (sheet(language, ropa)) })
}

/// The shop's part as the form's text boxes: one line each, fields apart by `|`.
fn lines(part: &ShopPart) -> (String, String) {
    let places = part.places.iter().map(|place| format!("{} | {} | {}", place.name, place.holds, place.protection)).collect::<Vec<_>>();
    let processors = part
        .processors
        .iter()
        .map(|processor| format!("{} | {} | {} | {}", processor.name, processor.service, processor.location, processor.contract))
        .collect::<Vec<_>>();
    (places.join("\n"), processors.join("\n"))
}

fn part_form(language: Language, session: &Session, form: &PartForm) -> Markup {
    html! {
        h2 { (p(language, P::EditTitle)) }
        form method="post" action="/privacy/records" {
            (csrf_field(&session.csrf))
            label for="contact" { (p(language, P::ContactLabel)) }
            input id="contact" name="contact" value=(form.contact);
            label for="version" { (p(language, P::Version)) }
            input id="version" name="version" value=(form.version);
            label for="reviewed_on" { (p(language, P::ReviewedOn)) }
            input id="reviewed_on" name="reviewed_on" type="date" value=(form.reviewed_on);
            label for="places" { (p(language, P::PlacesLabel)) }
            p.muted { (p(language, P::PlacesHint)) }
            textarea id="places" name="places" rows="5" { (form.places) }
            label for="processors" { (p(language, P::ProcessorsLabel)) }
            p.muted { (p(language, P::ProcessorsHint)) }
            textarea id="processors" name="processors" rows="5" { (form.processors) }
            button type="submit" { (p(language, P::Save)) }
        }
    }
}

fn records_view(language: Language, session: &Session, ropa: &Ropa, form: Option<&PartForm>, error: Option<&str>) -> Markup {
    let (places, processors) = lines(&ropa.shop);
    let saved = PartForm {
        csrf: String::new(),
        contact: ropa.shop.contact.clone(),
        places,
        processors,
        version: ropa.shop.version.clone(),
        reviewed_on: ropa.shop.reviewed_on.clone(),
    };
    html! {
        h1 { (p(language, P::Title)) }
        (form_error(error))
        p.muted { (p(language, P::Intro)) }
        nav.actions.no-print {
            button type="button" data-print { (p(language, P::Print)) }
            a.button href="/privacy/records.json" { (p(language, P::Json)) }
            a.button href="/privacy/law" { (p(language, P::LawLink)) }
            a.button href="/privacy/notice" { (p(language, P::NoticeTitle)) }
            @if session.signed_in.role().allows(Permission::Export) { a.button href="/privacy/marketing" { (p(language, P::MarketingTitle)) } }
        }
        (sheet(language, ropa))
        @if session.signed_in.role().allows(Permission::PrivacyRequests) {
            div.no-print { (part_form(language, session, form.unwrap_or(&saved))) }
        }
    }
}

async fn records_page(State(state): State<Arc<ServerState>>, Ready(session): Ready) -> Result<Response, PageError> {
    require_reader(&session)?;
    let language = session.signed_in.language();
    let actor = session.signed_in.actor()?.clone();
    let ropa = state.run(move |vault| vault.ropa(&actor)).await?;
    Ok(page(p(language, P::Title), Some(&session), records_view(language, &session, &ropa, None, None)).into_response())
}

async fn records_json(State(state): State<Arc<ServerState>>, Ready(session): Ready) -> Result<Response, PageError> {
    require_reader(&session)?;
    let actor = session.signed_in.actor()?.clone();
    let ropa = state.run(move |vault| vault.ropa(&actor)).await?;
    let body = serde_json::to_string_pretty(&ropa).map_err(|error| PageError::Internal(error.to_string()))?;
    let name = "attachment; filename=\"record-of-processing.json\"".to_owned();
    Ok(([(header::CONTENT_TYPE, "application/json".to_owned()), (header::CONTENT_DISPOSITION, name)], body).into_response())
}

#[derive(Deserialize, Default)]
struct PartForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    contact: String,
    #[serde(default)]
    places: String,
    #[serde(default)]
    processors: String,
    #[serde(default)]
    version: String,
    #[serde(default)]
    reviewed_on: String,
}

/// The text boxes' lines as the shop's part: each line's fields apart by `|`, empty lines skipped.
fn parse_part(form: &PartForm) -> ShopPart {
    let fields = |line: &str, n: usize| -> Vec<String> {
        let mut parts: Vec<String> = line.splitn(n, '|').map(|part| part.trim().to_owned()).collect();
        parts.resize(n, String::new());
        parts
    };
    let rows = |text: &str| text.lines().filter(|line| !line.trim().is_empty()).map(str::to_owned).collect::<Vec<_>>();
    let places = rows(&form.places)
        .iter()
        .map(|line| {
            let [name, holds, protection]: [String; 3] = fields(line, 3).try_into().unwrap_or_default();
            Place { name, holds, protection }
        })
        .collect();
    let processors = rows(&form.processors)
        .iter()
        .map(|line| {
            let [name, service, location, contract]: [String; 4] = fields(line, 4).try_into().unwrap_or_default();
            Processor { name, service, location, contract }
        })
        .collect();
    ShopPart {
        contact: form.contact.trim().to_owned(),
        places,
        processors,
        version: form.version.trim().to_owned(),
        reviewed_on: form.reviewed_on.trim().to_owned(),
    }
}

async fn save_shop_part(
    State(state): State<Arc<ServerState>>,
    Ready(session): Ready,
    Form(form): Form<PartForm>,
) -> Result<Response, PageError> {
    session.check_csrf(&state, &form.csrf)?;
    if !session.signed_in.role().allows(Permission::PrivacyRequests) {
        return Err(PageError::Denied(p(session.signed_in.language(), P::Denied).to_owned()));
    }
    let language = session.signed_in.language();
    let actor = session.signed_in.actor()?.clone();
    let part = parse_part(&form);
    match state.run(move |vault| vault.set_ropa_shop_part(&actor, part)).await {
        Ok(()) => Ok(Redirect::to("/privacy/records").into_response()),
        Err(error @ AppError::Invalid(_)) => {
            let said = app_message(language, &error);
            let actor = session.signed_in.actor()?.clone();
            let ropa = state.run(move |vault| vault.ropa(&actor)).await?;
            Ok(page(p(language, P::Title), Some(&session), records_view(language, &session, &ropa, Some(&form), Some(&said)))
                .into_response())
        }
        Err(other) => Err(other.into()),
    }
}

fn law_rows(language: Language, law: &CountryLaw) -> Markup {
    let aml = law.aml_rules();
    let tax = law.tax();
    let [country, privacy_law, authority, breach_report, aml_law] = law.lines_in(language);
    html! {
        h2 { (country) " (" (law.code) ")" }
        dl {
            dt { (p(language, P::PrivacyLaw)) } dd { (privacy_law) }
            dt { (p(language, P::NationalAct)) } dd { (law.national_act) }
            dt { (p(language, P::Authority)) } dd { (authority) " · " (law.authority_web) }
            dt { (p(language, P::BreachReport)) } dd { (breach_report) }
            dt { (p(language, P::AmlLaw)) } dd { (aml_law) }
            dt { (p(language, P::AmlRule)) } dd { (match language { Language::En => aml.rule, Language::Nl => aml.rule_nl }) }
            dt { (p(language, P::AmlKeep)) } dd { (law.aml_keep_years) }
            dt { (p(language, P::TaxKeep)) } dd { (tax.years) " · " (super::ropa_words::tax_source(language, tax.source)) }
            dt { (p(language, P::Checked)) } dd { (day(language, law.checked())) }
        }
    }
}

async fn law_page(State(state): State<Arc<ServerState>>, Ready(session): Ready) -> Result<Response, PageError> {
    require_reader(&session)?;
    let language = session.signed_in.language();
    let country = state.vault.settings().default_country.code().to_owned();
    let own = CountryLaw::for_country(&country);
    let content = html! {
        h1 { (p(language, P::LawTitle)) }
        p.muted { (p(language, P::LawIntro)) }
        @match &own {
            Some(law) => (law_rows(language, law)),
            None => p.warning { (p(language, P::LawUnknown)) " " (country) },
        }
        details {
            summary { (p(language, P::OtherCountries)) }
            @for law in CountryLaw::ALL.iter().filter(|law| Some(law.code) != own.map(|own| own.code)) { (law_rows(language, law)) }
        }
        p { a href="/privacy/records" { (p(language, P::Title)) } }
    };
    Ok(page(p(language, P::LawTitle), Some(&session), content).into_response())
}

fn marketing_form(language: Language, session: &Session) -> Markup {
    html! {
        h1 { (p(language, P::MarketingTitle)) }
        p.muted { (p(language, P::MarketingIntro)) }
        form method="post" action="/privacy/marketing" {
            (csrf_field(&session.csrf))
            label for="channel" { (p(language, P::Channel)) }
            select id="channel" name="channel" {
                option value="email" { (p(language, P::ChannelEmail)) }
                option value="sms" { (p(language, P::ChannelSms)) }
                option value="post" { (p(language, P::ChannelPost)) }
                option value="phone" { (p(language, P::ChannelPhone)) }
            }
            button type="submit" { (p(language, P::Download)) }
        }
        p { a href="/privacy/records" { (p(language, P::Title)) } }
    }
}

fn require_exporter(session: &Session) -> Result<(), PageError> {
    if session.signed_in.role().allows(Permission::Export) {
        Ok(())
    } else {
        Err(PageError::Denied(p(session.signed_in.language(), P::MarketingDenied).to_owned()))
    }
}

async fn marketing_page(Ready(session): Ready) -> Result<Response, PageError> {
    require_exporter(&session)?;
    let language = session.signed_in.language();
    Ok(page(p(language, P::MarketingTitle), Some(&session), marketing_form(language, &session)).into_response())
}

#[derive(Deserialize)]
struct MarketingForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    channel: String,
}

async fn marketing_file(
    State(state): State<Arc<ServerState>>,
    Ready(session): Ready,
    Form(form): Form<MarketingForm>,
) -> Result<Response, PageError> {
    session.check_csrf(&state, &form.csrf)?;
    require_exporter(&session)?;
    let channel = strongroom_domain::ConsentChannel::parse(&form.channel).map_err(|_| PageError::NotFound)?;
    let actor = session.signed_in.actor()?.clone();
    let csv = match state.run(move |vault| strongroom_app::marketing_csv(&vault.marketing_list(&actor, channel)?)).await {
        Err(AppError::StepUpRequired) => return Err(PageError::StepUp("/privacy/marketing".into())),
        other => other?,
    };
    let name = format!("attachment; filename=\"marketing-{}.csv\"", channel.as_str());
    Ok(([(header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()), (header::CONTENT_DISPOSITION, name)], csv).into_response())
}
