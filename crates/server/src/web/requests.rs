//! Customers' requests under the GDPR, for the privacy officer and the owner: the register
//! (`/privacy/requests`: pending ones by due day, late ones marked, then the latest closed),
//! recording one from the customer's page (`/privacy/requests/new?customer=ID`), and one request
//! (`/privacy/requests/{id}`) with its identity check, its one extension and its answer. Its
//! words are in this file's own catalogue, English and Dutch, each an exhaustive `match`.

use std::sync::Arc;

use axum::Router;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use maud::{Markup, html};
use serde::Deserialize;
use strongroom_app::{AppError, Closing, Request};
use strongroom_domain::{
    CustomerId, FreeText, Language, NewRequest, Permission, RequestChannel, RequestId, RequestKind, RequestStatus, parse_date,
};

use super::parts::{day, moment, today};
use super::{CsrfOnly, Form, PageError, Ready, Session, app_message, csrf_field, form_error, page};
use crate::ServerState;

pub fn routes() -> Router<Arc<ServerState>> {
    Router::new()
        .route("/privacy/requests", get(register_page))
        .route("/privacy/retention", post(run_retention))
        .route("/privacy/requests/new", get(new_page).post(open_request))
        .route("/privacy/requests/{id}", get(request_page))
        .route("/privacy/requests/{id}/{change}", post(change_request))
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum R {
    Menu,
    Title,
    Intro,
    Pending,
    NonePending,
    Closed,
    HowToOpen,
    Due,
    Kind,
    Received,
    Status,
    Identity,
    Late,
    Checked,
    NotChecked,
    NewTitle,
    Customer,
    Channel,
    IdentityHint,
    Record,
    OpenedBy,
    Extension,
    Reply,
    RecordIdentity,
    ExtendTitle,
    ExtendHint,
    Extend,
    AnswerTitle,
    AnswerHint,
    Answer,
    Refuse,
    StartTitle,
    StartLine,
    Back,
    RecordFromCustomer,
    ExportLink,
    Withheld,
    RetentionTitle,
    RetentionText,
    RetentionLast,
    RetentionNone,
    RetentionRun,
    RetentionDone,
}

pub(super) fn r(language: Language, word: R) -> &'static str {
    match language {
        Language::En => en(word),
        Language::Nl => nl(word),
    }
}

fn en(word: R) -> &'static str {
    match word {
        R::Menu => "Requests",
        R::Title => "Customers' requests",
        R::Intro => {
            "What a customer asks under the privacy law: to see, correct, delete, restrict or take along their data, to object, or to take back a consent. The answer is due within a month of receipt; once, with the reason told to the person within that month, two months more."
        }
        R::Pending => "Waiting for an answer",
        R::NonePending => "No request is waiting for an answer.",
        R::Closed => "Answered or refused lately",
        R::HowToOpen => "To record a request, find the customer and choose “Record a request” on their page.",
        R::Due => "Due",
        R::Kind => "What they ask",
        R::Received => "Received",
        R::Status => "Status",
        R::Identity => "Identity",
        R::Late => "late",
        R::Checked => "checked",
        R::NotChecked => "not yet checked",
        R::NewTitle => "Record a customer's request",
        R::Customer => "Customer",
        R::Channel => "How it came in",
        R::IdentityHint => {
            "How you checked it is them: the kind of document seen at the counter (never its number), a question only they can answer. Nothing is disclosed or changed before this is recorded; you may record it later, once."
        }
        R::Record => "Record the request",
        R::OpenedBy => "Recorded by",
        R::Extension => "Extended because",
        R::Reply => "Reply",
        R::RecordIdentity => "Record the identity check",
        R::ExtendTitle => "Two months more",
        R::ExtendHint => {
            "Once, within the first month, when the request is complex or there are many: tell the person the reason before the first month ends."
        }
        R::Extend => "Extend",
        R::AnswerTitle => "The answer",
        R::AnswerHint => {
            "What you told the person. A refusal says why, and that they may complain to the supervisory authority or go to court."
        }
        R::Answer => "Answered",
        R::Refuse => "Refused",
        R::StartTitle => "Customers' requests due",
        R::StartLine => "due",
        R::Back => "All requests",
        R::RecordFromCustomer => "Record a request",
        R::ExportLink => "The customer's data: a readable copy and a JSON file",
        R::Withheld => "Identity records left out of the last copy because",
        R::RetentionTitle => "Identity records: deleted after five years",
        R::RetentionText => {
            "Strongroom deletes each identity record of a cash sale by itself once the five years after the sale have passed, as the anti-money-laundering law asks; each deletion is in the audit trail."
        }
        R::RetentionLast => "Last deletion:",
        R::RetentionNone => "None has been due yet.",
        R::RetentionRun => "Check now",
        R::RetentionDone => "Identity records deleted now:",
    }
}

fn nl(word: R) -> &'static str {
    match word {
        R::Menu => "Verzoeken",
        R::Title => "Verzoeken van klanten",
        R::Intro => {
            "Wat een klant op grond van de privacywet vraagt: inzage, correctie, wissen, beperken of meenemen van de gegevens, bezwaar, of het intrekken van toestemming. Het antwoord moet binnen een maand na ontvangst; één keer kan dat twee maanden langer, als de persoon binnen die maand hoort waarom."
        }
        R::Pending => "Wachten op een antwoord",
        R::NonePending => "Er wacht geen verzoek op een antwoord.",
        R::Closed => "Onlangs beantwoord of geweigerd",
        R::HowToOpen => "Om een verzoek vast te leggen: zoek de klant en kies „Verzoek vastleggen” op de pagina van de klant.",
        R::Due => "Uiterlijk",
        R::Kind => "Wat de klant vraagt",
        R::Received => "Ontvangen",
        R::Status => "Stand",
        R::Identity => "Identiteit",
        R::Late => "te laat",
        R::Checked => "gecontroleerd",
        R::NotChecked => "nog niet gecontroleerd",
        R::NewTitle => "Verzoek van een klant vastleggen",
        R::Customer => "Klant",
        R::Channel => "Hoe het binnenkwam",
        R::IdentityHint => {
            "Hoe u hebt gecontroleerd dat het de klant zelf is: het soort document aan de balie (nooit het nummer), een vraag die alleen de klant kan beantwoorden. Er wordt niets verstrekt of gewijzigd voordat dit is vastgelegd; u kunt het ook later vastleggen, één keer."
        }
        R::Record => "Verzoek vastleggen",
        R::OpenedBy => "Vastgelegd door",
        R::Extension => "Verlengd omdat",
        R::Reply => "Antwoord",
        R::RecordIdentity => "Identiteitscontrole vastleggen",
        R::ExtendTitle => "Twee maanden langer",
        R::ExtendHint => {
            "Eén keer, binnen de eerste maand, als het verzoek ingewikkeld is of er veel zijn: vertel de persoon de reden vóór het einde van de eerste maand."
        }
        R::Extend => "Verlengen",
        R::AnswerTitle => "Het antwoord",
        R::AnswerHint => {
            "Wat u de persoon hebt geantwoord. Een weigering zegt waarom, en dat de persoon kan klagen bij de toezichthouder of naar de rechter kan."
        }
        R::Answer => "Beantwoord",
        R::Refuse => "Geweigerd",
        R::StartTitle => "Verzoeken van klanten die bijna verlopen",
        R::StartLine => "uiterlijk",
        R::Back => "Alle verzoeken",
        R::RecordFromCustomer => "Verzoek vastleggen",
        R::ExportLink => "De gegevens van de klant: een leesbare kopie en een JSON-bestand",
        R::Withheld => "Identiteitsgegevens weggelaten uit de laatste kopie omdat",
        R::RetentionTitle => "Identiteitsgegevens: na vijf jaar gewist",
        R::RetentionText => {
            "Strongroom wist elk identiteitsgegeven van een contante aankoop vanzelf zodra de vijf jaar na de aankoop voorbij zijn, zoals de witwaswet vraagt; elke wissing staat in het auditlogboek."
        }
        R::RetentionLast => "Laatst gewist:",
        R::RetentionNone => "Er was nog niets aan de beurt.",
        R::RetentionRun => "Nu nakijken",
        R::RetentionDone => "Nu gewiste identiteitsgegevens:",
    }
}

/// A kind in plain words, with its article.
pub(super) fn kind_name(language: Language, kind: RequestKind) -> String {
    let name = match (language, kind) {
        (Language::En, RequestKind::Access) => "Access: see their data",
        (Language::En, RequestKind::Rectification) => "Correction",
        (Language::En, RequestKind::Erasure) => "Erasure",
        (Language::En, RequestKind::Restriction) => "Restriction: keep, but do not use",
        (Language::En, RequestKind::Portability) => "Portability: their data to take along",
        (Language::En, RequestKind::Objection) => "Objection",
        (Language::En, RequestKind::Withdrawal) => "Consent taken back",
        (Language::Nl, RequestKind::Access) => "Inzage",
        (Language::Nl, RequestKind::Rectification) => "Correctie",
        (Language::Nl, RequestKind::Erasure) => "Wissen",
        (Language::Nl, RequestKind::Restriction) => "Beperking: bewaren, niet gebruiken",
        (Language::Nl, RequestKind::Portability) => "Overdraagbaarheid: gegevens meenemen",
        (Language::Nl, RequestKind::Objection) => "Bezwaar",
        (Language::Nl, RequestKind::Withdrawal) => "Toestemming ingetrokken",
    };
    let article = match language {
        Language::En => kind.article().to_owned(),
        Language::Nl => kind.article().replace("Art.", "art."),
    };
    format!("{name} ({article})")
}

pub(super) fn channel_name(language: Language, channel: RequestChannel) -> &'static str {
    match (language, channel) {
        (Language::En, RequestChannel::Counter) => "At the counter",
        (Language::En, RequestChannel::Email) => "E-mail",
        (Language::En, RequestChannel::Phone) => "Phone",
        (Language::En, RequestChannel::Letter) => "Letter",
        (Language::En, RequestChannel::Webshop) => "Webshop",
        (Language::Nl, RequestChannel::Counter) => "Aan de balie",
        (Language::Nl, RequestChannel::Email) => "E-mail",
        (Language::Nl, RequestChannel::Phone) => "Telefoon",
        (Language::Nl, RequestChannel::Letter) => "Brief",
        (Language::Nl, RequestChannel::Webshop) => "Webshop",
    }
}

pub(super) fn status_name(language: Language, status: RequestStatus) -> &'static str {
    match (language, status) {
        (Language::En, RequestStatus::Open) => "Open",
        (Language::En, RequestStatus::Extended) => "Extended",
        (Language::En, RequestStatus::Completed) => "Answered",
        (Language::En, RequestStatus::Refused) => "Refused",
        (Language::Nl, RequestStatus::Open) => "Open",
        (Language::Nl, RequestStatus::Extended) => "Verlengd",
        (Language::Nl, RequestStatus::Completed) => "Beantwoord",
        (Language::Nl, RequestStatus::Refused) => "Geweigerd",
    }
}

pub(super) fn require_handler(session: &Session) -> Result<(), PageError> {
    if session.signed_in.role().allows(Permission::PrivacyRequests) {
        Ok(())
    } else {
        Err(PageError::Denied(format!("{} may not handle customers' requests", session.signed_in.role())))
    }
}

/// The start page's lines: requests due within a week, and late ones.
pub(super) fn start_section(language: Language, due: &[strongroom_app::RequestDue]) -> Markup {
    let today = today();
    html! {
        @if !due.is_empty() {
            section.attention.requests {
                h2 { (r(language, R::StartTitle)) }
                ul {
                    @for (id, kind, due_on) in due {
                        li {
                            a href={ "/privacy/requests/" (id) } { (kind_name(language, *kind)) } " · " (r(language, R::StartLine)) " " (day(language, *due_on))
                            @if today > *due_on { " " strong.late { (r(language, R::Late)) } }
                        }
                    }
                }
            }
        }
    }
}

fn request_rows(language: Language, requests: &[&Request]) -> Markup {
    let today = today();
    html! {
        table.requests {
            thead { tr { th { (r(language, R::Due)) } th { (r(language, R::Kind)) } th { (r(language, R::Received)) } th { (r(language, R::Status)) } th { (r(language, R::Identity)) } } }
            tbody {
                @for request in requests {
                    tr.late[request.late(today)] {
                        td { a href={ "/privacy/requests/" (request.id) } { (day(language, request.due)) } @if request.late(today) { " " strong { (r(language, R::Late)) } } }
                        td { (kind_name(language, request.kind)) }
                        td { (day(language, request.received)) }
                        td { (status_name(language, request.status)) }
                        td { (r(language, if request.identity_checked { R::Checked } else { R::NotChecked })) }
                    }
                }
            }
        }
    }
}

#[derive(Deserialize, Default)]
struct Deleted {
    #[serde(default)]
    deleted: Option<u64>,
}

async fn register_page(
    State(state): State<Arc<ServerState>>,
    Ready(session): Ready,
    Query(deleted): Query<Deleted>,
) -> Result<Response, PageError> {
    require_handler(&session)?;
    let language = session.signed_in.language();
    let actor = session.signed_in.actor()?.clone();
    let (requests, last_deletion) =
        state.run(move |vault| Ok::<_, AppError>((vault.requests(&actor, false, None)?, vault.last_retention_deletion(&actor)?))).await?;
    let (pending, closed): (Vec<&Request>, Vec<&Request>) = requests.iter().partition(|request| request.status.is_pending());
    let content = html! {
        h1 { (r(language, R::Title)) }
        p.muted { (r(language, R::Intro)) }
        nav.actions {
            a.button href="/privacy/records" { (super::ropa_words::p(language, super::ropa_words::P::Title)) }
            a.button href="/privacy/law" { (super::ropa_words::p(language, super::ropa_words::P::LawLink)) }
            a.button href="/privacy/review" { (super::ropa_words::p(language, super::ropa_words::P::ReviewTitle)) }
            @if session.signed_in.role().allows(Permission::Export) {
                a.button href="/privacy/marketing" { (super::ropa_words::p(language, super::ropa_words::P::MarketingTitle)) }
            }
        }
        h2 { (r(language, R::Pending)) }
        @if pending.is_empty() { p { (r(language, R::NonePending)) } } @else { (request_rows(language, &pending)) }
        p { a href="/customers" { (r(language, R::HowToOpen)) } }
        @if !closed.is_empty() {
            h2 { (r(language, R::Closed)) }
            (request_rows(language, &closed))
        }
        section.retention {
            h2 { (r(language, R::RetentionTitle)) }
            @if let Some(count) = deleted.deleted { p.notice role="status" { (r(language, R::RetentionDone)) " " (count) } }
            p.muted { (r(language, R::RetentionText)) }
            @match last_deletion {
                Some(at) => p { (r(language, R::RetentionLast)) " " (moment(language, at)) },
                None => p { (r(language, R::RetentionNone)) },
            }
            form method="post" action="/privacy/retention" {
                (csrf_field(&session.csrf))
                button type="submit" { (r(language, R::RetentionRun)) }
            }
        }
    };
    Ok(page(r(language, R::Title), Some(&session), content).into_response())
}

#[derive(Deserialize, Default, Clone)]
struct NewForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    customer: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    channel: String,
    #[serde(default)]
    received: String,
    #[serde(default)]
    identity_check: String,
}

#[derive(Deserialize, Default)]
struct ForCustomer {
    #[serde(default)]
    customer: String,
}

fn new_form(language: Language, session: &Session, form: &NewForm, error: Option<&str>) -> Markup {
    html! {
        h1 { (r(language, R::NewTitle)) }
        (form_error(error))
        form method="post" action="/privacy/requests/new" {
            (csrf_field(&session.csrf))
            input type="hidden" name="customer" value=(form.customer);
            p { (r(language, R::Customer)) ": " a href={ "/customers/" (form.customer) } { code { (form.customer) } } }
            label for="kind" { (r(language, R::Kind)) }
            select id="kind" name="kind" {
                @for kind in RequestKind::ALL { option value=(kind.as_str()) selected[form.kind == kind.as_str()] { (kind_name(language, kind)) } }
            }
            label for="channel" { (r(language, R::Channel)) }
            select id="channel" name="channel" {
                @for channel in RequestChannel::ALL { option value=(channel.as_str()) selected[form.channel == channel.as_str()] { (channel_name(language, channel)) } }
            }
            label for="received" { (r(language, R::Received)) }
            input type="date" id="received" name="received" value=(form.received) required;
            label for="identity_check" { (r(language, R::Identity)) }
            p.muted { (r(language, R::IdentityHint)) }
            textarea id="identity_check" name="identity_check" rows="2" { (form.identity_check) }
            button type="submit" { (r(language, R::Record)) }
        }
    }
}

async fn new_page(Ready(session): Ready, Query(for_customer): Query<ForCustomer>) -> Result<Response, PageError> {
    require_handler(&session)?;
    let language = session.signed_in.language();
    CustomerId::parse(&for_customer.customer).map_err(|_| PageError::NotFound)?;
    let received = today();
    let form = NewForm { customer: for_customer.customer, received: format!("{received}"), ..NewForm::default() };
    Ok(page(r(language, R::NewTitle), Some(&session), new_form(language, &session, &form, None)).into_response())
}

async fn open_request(
    State(state): State<Arc<ServerState>>,
    Ready(session): Ready,
    Form(form): Form<NewForm>,
) -> Result<Response, PageError> {
    session.check_csrf(&state, &form.csrf)?;
    require_handler(&session)?;
    let language = session.signed_in.language();
    let parsed = (|| {
        let check = Some(form.identity_check.as_str())
            .filter(|text| !text.trim().is_empty())
            .map(|text| FreeText::parse("identity_check", text))
            .transpose()?;
        let new = NewRequest::new(
            RequestKind::parse(&form.kind)?,
            RequestChannel::parse(&form.channel)?,
            parse_date("received", &form.received)?,
            check,
            today(),
        )?;
        Ok::<_, strongroom_domain::DomainError>((CustomerId::parse(&form.customer)?, new))
    })();
    let (customer, new) = match parsed {
        Ok(parsed) => parsed,
        Err(error) => {
            let said = app_message(language, &AppError::Invalid(error));
            return Ok(page(r(language, R::NewTitle), Some(&session), new_form(language, &session, &form, Some(&said))).into_response());
        }
    };
    let actor = session.signed_in.actor()?.clone();
    let request = state.run(move |vault| vault.open_request(&actor, customer, new)).await?;
    Ok(Redirect::to(&format!("/privacy/requests/{}", request.id)).into_response())
}

/// Runs the retention now (the server runs it every ten minutes anyway).
async fn run_retention(
    State(state): State<Arc<ServerState>>,
    Ready(session): Ready,
    Form(form): Form<CsrfOnly>,
) -> Result<Response, PageError> {
    session.check_csrf(&state, &form.csrf)?;
    require_handler(&session)?;
    let actor = session.signed_in.actor()?.clone();
    let run = state.run(move |vault| vault.run_retention(&actor, today(), false)).await?;
    Ok(Redirect::to(&format!("/privacy/requests?deleted={}", run.aml_deleted.len())).into_response())
}

/// One request with its forms; `typed` is what a refused form held (which form, and its text),
/// shown again so nothing has to be typed twice.
fn request_view(language: Language, session: &Session, request: &Request, error: Option<&str>, typed: Option<(&str, &str)>) -> Markup {
    let typed_in = |form: &str| typed.filter(|(which, _)| *which == form).map_or("", |(_, text)| text);
    let today = today();
    let pending = request.status.is_pending();
    let action = |change: &str| format!("/privacy/requests/{}/{change}", request.id);
    html! {
        h1 { (kind_name(language, request.kind)) }
        (form_error(error))
        dl {
            dt { (r(language, R::Customer)) } dd { a href={ "/customers/" (request.customer) } { code { (request.customer) } } }
            dt { (r(language, R::Received)) } dd { (day(language, request.received)) " · " (channel_name(language, request.channel)) }
            dt { (r(language, R::Due)) } dd { (day(language, request.due)) @if request.late(today) { " " strong.late { (r(language, R::Late)) } } }
            dt { (r(language, R::Status)) } dd { (status_name(language, request.status)) }
            dt { (r(language, R::OpenedBy)) } dd { (request.opened_by) " · " (moment(language, request.opened_at)) }
            dt { (r(language, R::Identity)) } dd { (request.identity_check.as_deref().unwrap_or(r(language, R::NotChecked))) }
            @if let Some(reason) = &request.extension_reason { dt { (r(language, R::Extension)) } dd { (reason) } }
            @if let Some(reply) = &request.reply { dt { (r(language, R::Reply)) } dd { (reply) } }
            @if let Some(reason) = &request.aml_withheld { dt { (r(language, R::Withheld)) } dd { (reason) } }
        }
        @if pending && request.identity_check.is_some() && matches!(request.kind, RequestKind::Erasure | RequestKind::Restriction) {
            (super::erasure_words::completion_section(language, session, request.id, request.kind == RequestKind::Restriction))
        }
        @if let Some(reason) = &request.lifted {
            p { strong { (super::erasure_words::e(language, super::erasure_words::E::Lifted)) } " " (reason) }
        } @else if request.kind == RequestKind::Restriction && request.status == RequestStatus::Completed {
            (super::erasure_words::lift_section(language, session, request.id))
        }
        @if matches!(request.kind, RequestKind::Access | RequestKind::Portability) && request.status != RequestStatus::Refused {
            p { a.button href={ "/privacy/requests/" (request.id) "/export" } { (r(language, R::ExportLink)) } }
        }
        @if pending && request.identity_check.is_none() {
            form method="post" action=(action("identity")) {
                (csrf_field(&session.csrf))
                label for="text-identity" { (r(language, R::RecordIdentity)) }
                p.muted { (r(language, R::IdentityHint)) }
                textarea id="text-identity" name="text" rows="2" required { (typed_in("identity")) }
                button type="submit" { (r(language, R::RecordIdentity)) }
            }
        }
        @if pending {
            @if request.status == RequestStatus::Open && today <= request.due {
                h2 { (r(language, R::ExtendTitle)) }
                form method="post" action=(action("extend")) {
                    (csrf_field(&session.csrf))
                    label for="text-extend" { (r(language, R::Extension)) }
                    p.muted { (r(language, R::ExtendHint)) }
                    textarea id="text-extend" name="text" rows="2" required { (typed_in("extend")) }
                    button type="submit" { (r(language, R::Extend)) }
                }
            }
            h2 { (r(language, R::AnswerTitle)) }
            form method="post" action=(action("answer")) {
                (csrf_field(&session.csrf))
                label for="text-reply" { (r(language, R::Reply)) }
                p.muted { (r(language, R::AnswerHint)) }
                textarea id="text-reply" name="text" rows="4" required { (typed.filter(|(which, _)| matches!(*which, "answer" | "refuse")).map_or("", |(_, text)| text)) }
                div.actions {
                    button type="submit" { (r(language, R::Answer)) }
                    button type="submit" formaction=(action("refuse")) { (r(language, R::Refuse)) }
                }
            }
        }
        p { a href="/privacy/requests" { (r(language, R::Back)) } }
    }
}

async fn request_page(State(state): State<Arc<ServerState>>, Ready(session): Ready, Path(id): Path<String>) -> Result<Response, PageError> {
    require_handler(&session)?;
    let language = session.signed_in.language();
    let id = RequestId::parse(&id).map_err(|_| PageError::NotFound)?;
    let actor = session.signed_in.actor()?.clone();
    let request = state.run(move |vault| vault.request(&actor, id)).await?;
    Ok(page(r(language, R::Title), Some(&session), request_view(language, &session, &request, None, None)).into_response())
}

#[derive(Deserialize)]
struct ChangeForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    text: String,
}

async fn change_request(
    State(state): State<Arc<ServerState>>,
    Ready(session): Ready,
    Path((id, change)): Path<(String, String)>,
    Form(form): Form<ChangeForm>,
) -> Result<Response, PageError> {
    session.check_csrf(&state, &form.csrf)?;
    require_handler(&session)?;
    let id = RequestId::parse(&id).map_err(|_| PageError::NotFound)?;
    if !matches!(change.as_str(), "identity" | "extend" | "answer" | "refuse") {
        return Err(PageError::NotFound);
    }
    let actor = session.signed_in.actor()?.clone();
    let text = form.text.clone();
    let change_name = change.clone();
    let changed = state
        .run(move |vault| {
            let field = if change == "identity" {
                "identity_check"
            } else if change == "extend" {
                "reason"
            } else {
                "reply"
            };
            let text = FreeText::parse(field, &text)?;
            match change.as_str() {
                "identity" => vault.check_request_identity(&actor, id, text),
                "extend" => vault.extend_request(&actor, id, text, today()),
                "answer" => vault.close_request(&actor, id, Closing::Answered, text),
                _ => vault.close_request(&actor, id, Closing::Refused, text),
            }
        })
        .await;
    after_change(&state, &session, id, changed.map(drop), Some((change_name.as_str(), form.text.as_str()))).await
}

/// After a form changed a request: back to its page, or the page again with the refusal and
/// what was typed (`typed`: which form, and its text).
pub(super) async fn after_change(
    state: &Arc<ServerState>,
    session: &Session,
    id: RequestId,
    changed: Result<(), AppError>,
    typed: Option<(&str, &str)>,
) -> Result<Response, PageError> {
    let language = session.signed_in.language();
    match changed {
        Ok(()) => Ok(Redirect::to(&format!("/privacy/requests/{id}")).into_response()),
        Err(error @ (AppError::Invalid(_) | AppError::Conflict(_))) => {
            let said = app_message(language, &error);
            let actor = session.signed_in.actor()?.clone();
            let request = state.run(move |vault| vault.request(&actor, id)).await?;
            Ok(page(r(language, R::Title), Some(session), request_view(language, session, &request, Some(&said), typed)).into_response())
        }
        Err(other) => Err(other.into()),
    }
}
