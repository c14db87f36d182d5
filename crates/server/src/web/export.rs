//! A customer's own data for their access or portability request: the page that makes it
//! (`/privacy/requests/{id}/export`: in which language, the identity records withheld or not),
//! the readable copy (print it, or save it as a PDF from the browser) and the JSON file for
//! another system. Each is a disclosure to the customer, recorded by the gate. Its words are in
//! this file's own catalogue, English and Dutch, each an exhaustive `match`.

use std::sync::Arc;

use axum::Router;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use maud::{Markup, html};
use serde::Deserialize;
use strongroom_app::{AppError, CustomerExport, RecipientKind, Source};
use strongroom_domain::{ConsentChannel, FreeText, JobKind, Language, Purchase, Repair, RequestId};

use super::customers::purpose_name;
use super::customers::sale_state;
use super::parts::{amount, category_words, day, document_name, moment, role_name, status_name};
use super::requests::{R, r, require_handler};
use super::{Form, PageError, Ready, Session, app_message, csrf_field, form_error, page};
use crate::ServerState;

pub fn routes() -> Router<Arc<ServerState>> {
    Router::new()
        .route("/privacy/requests/{id}/export", get(export_page))
        .route("/privacy/requests/{id}/export/{format}", post(make_export))
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum X {
    Title,
    Intro,
    Language,
    Withhold,
    WithholdHint,
    Readable,
    Json,
    DocTitle,
    DocIntro,
    Made,
    Details,
    Consent,
    Granted,
    Refused,
    Sales,
    Receipt,
    Items,
    Total,
    Jobs,
    Ticket,
    Identity,
    None,
    Purposes,
    Times,
    Categories,
    Recipients,
    ShopComputer,
    Integration,
    MailServer,
    Source,
    RecordedAtShop,
    Imported,
    Retention,
    RetentionText,
    Rights,
    YourRequests,
    RightsText,
    Complain,
    Print,
    Date,
    Partner,
    PartnerLinked,
    Associate,
    Payment,
    Corrections,
    Kind,
    Status,
    Estimate,
    Deposit,
    VerifiedBy,
    Reference,
    KeptUntil,
    FromIntegration,
    ChannelEmail,
    ChannelSms,
    ChannelPost,
    ChannelPhone,
}

fn x(language: Language, word: X) -> &'static str {
    match language {
        Language::En => en(word),
        Language::Nl => nl(word),
    }
}

fn en(word: X) -> &'static str {
    match word {
        X::Title => "The customer's data",
        X::Intro => {
            "Everything Strongroom holds about the customer, with what the law asks you to tell them: a readable copy to print or save as a PDF, and a file another system can read. Each copy made is recorded as a disclosure to the customer."
        }
        X::Language => "In the customer's language",
        X::Withhold => "Leave out the identity records, because",
        X::WithholdHint => {
            "Only with a legal reason, such as the anti-money-laundering law's ban on telling a customer about a report. The reason is kept with the request. Leave empty to include them."
        }
        X::Readable => "Readable copy",
        X::Json => "JSON file",
        X::DocTitle => "Your data at",
        X::DocIntro => {
            "You asked which personal data we hold about you (Art. 15 of the General Data Protection Regulation). This is all of it, with what the law asks us to tell you about it."
        }
        X::Made => "Made on",
        X::Details => "Your details",
        X::Consent => "Messages from the shop: your choices",
        X::Granted => "yes",
        X::Refused => "no",
        X::Sales => "Your purchases",
        X::Receipt => "Receipt",
        X::Items => "Pieces",
        X::Total => "Total",
        X::Jobs => "Repairs and orders",
        X::Ticket => "Ticket",
        X::Identity => "Identity checks for cash sales",
        X::None => "None.",
        X::Purposes => "Why your record was opened",
        X::Times => "times",
        X::Categories => "Kinds of data we hold",
        X::Recipients => "Who had your data",
        X::ShopComputer => "the owner, at the shop's computer",
        X::Integration => "a connected system:",
        X::MailServer => "our mail provider, carrying a letter to you",
        X::Source => "Where the data came from",
        X::RecordedAtShop => "Written down at the shop from what you told us.",
        X::Imported => "Taken over from the shop's earlier system.",
        X::Retention => "How long we keep it",
        X::RetentionText => {
            "Your details, purchases and repairs are kept while you are our customer, until you ask us to erase them. Identity checks for cash sales must be kept for five years after the sale (anti-money-laundering law). Our backups hold a copy for about {} days. Our audit trail keeps a record of who opened your data and why, without the data itself."
        }
        X::Rights => "Your rights",
        X::YourRequests => "What you asked us under the privacy law",
        X::RightsText => {
            "You may ask us to correct your data, to erase it, to use it only for keeping it (restriction), to give it to you to take elsewhere, and object to its use or take back a consent. We answer within a month."
        }
        X::Complain => "If you are not satisfied with our answer, you may complain to",
        X::Print => "Print or save as PDF",
        X::Date => "Date",
        X::Partner => "Partner",
        X::PartnerLinked => "linked to another customer's record",
        X::Associate => "Your contact at the shop",
        X::Payment => "Paid by card",
        X::Corrections => "Voids and refunds",
        X::Kind => "Kind",
        X::Status => "Status",
        X::Estimate => "Estimate",
        X::Deposit => "Paid on account",
        X::VerifiedBy => "Checked by",
        X::Reference => "Reference",
        X::KeptUntil => "Kept until",
        X::FromIntegration => "Received from a connected system:",
        X::ChannelEmail => "e-mail",
        X::ChannelSms => "text message",
        X::ChannelPost => "post",
        X::ChannelPhone => "phone",
    }
}

fn nl(word: X) -> &'static str {
    match word {
        X::Title => "De gegevens van de klant",
        X::Intro => {
            "Alles wat Strongroom over de klant bewaart, met wat u volgens de wet erbij moet vertellen: een leesbare kopie om af te drukken of als pdf te bewaren, en een bestand dat een ander systeem kan lezen. Elke gemaakte kopie wordt vastgelegd als verstrekking aan de klant."
        }
        X::Language => "In de taal van de klant",
        X::Withhold => "Laat de identiteitsgegevens weg, omdat",
        X::WithholdHint => {
            "Alleen met een wettelijke reden, zoals het verbod in de witwaswet om een klant over een melding te vertellen. De reden wordt bij het verzoek bewaard. Laat leeg om ze mee te geven."
        }
        X::Readable => "Leesbare kopie",
        X::Json => "JSON-bestand",
        X::DocTitle => "Uw gegevens bij",
        X::DocIntro => {
            "U vroeg welke persoonsgegevens wij over u bewaren (artikel 15 van de Algemene verordening gegevensbescherming). Dit is alles, met wat de wet ons vraagt u erover te vertellen."
        }
        X::Made => "Gemaakt op",
        X::Details => "Uw gegevens",
        X::Consent => "Berichten van de winkel: uw keuzes",
        X::Granted => "ja",
        X::Refused => "nee",
        X::Sales => "Uw aankopen",
        X::Receipt => "Bon",
        X::Items => "Stukken",
        X::Total => "Totaal",
        X::Jobs => "Reparaties en opdrachten",
        X::Ticket => "Werkbon",
        X::Identity => "Identiteitscontroles bij contante aankopen",
        X::None => "Geen.",
        X::Purposes => "Waarom uw gegevens werden geopend",
        X::Times => "keer",
        X::Categories => "Soorten gegevens die wij bewaren",
        X::Recipients => "Wie uw gegevens had",
        X::ShopComputer => "de eigenaar, op de computer van de winkel",
        X::Integration => "een gekoppeld systeem:",
        X::MailServer => "onze mailprovider, die een brief aan u bezorgde",
        X::Source => "Waar de gegevens vandaan komen",
        X::RecordedAtShop => "In de winkel genoteerd uit wat u ons vertelde.",
        X::Imported => "Overgenomen uit het eerdere systeem van de winkel.",
        X::Retention => "Hoe lang wij ze bewaren",
        X::RetentionText => {
            "Uw gegevens, aankopen en reparaties bewaren wij zolang u klant bent, tot u ons vraagt ze te wissen. Identiteitscontroles bij contante aankopen moeten wij vijf jaar na de aankoop bewaren (witwaswet). Onze back-ups bevatten ongeveer {} dagen een kopie. Ons auditlogboek houdt bij wie uw gegevens opende en waarom, zonder de gegevens zelf."
        }
        X::Rights => "Uw rechten",
        X::YourRequests => "Wat u ons vroeg onder de privacywet",
        X::RightsText => {
            "U kunt ons vragen uw gegevens te corrigeren, te wissen, alleen nog te bewaren (beperking), of aan u mee te geven om elders te gebruiken, en u kunt bezwaar maken tegen het gebruik of een toestemming intrekken. Wij antwoorden binnen een maand."
        }
        X::Complain => "Bent u het niet eens met ons antwoord, dan kunt u klagen bij",
        X::Print => "Afdrukken of als pdf bewaren",
        X::Date => "Datum",
        X::Partner => "Partner",
        X::PartnerLinked => "gekoppeld aan het dossier van een andere klant",
        X::Associate => "Uw contactpersoon in de winkel",
        X::Payment => "Betaald met kaart",
        X::Corrections => "Vervallen en terugbetalingen",
        X::Kind => "Soort",
        X::Status => "Stand",
        X::Estimate => "Prijsopgave",
        X::Deposit => "Aanbetaald",
        X::VerifiedBy => "Gecontroleerd door",
        X::Reference => "Kenmerk",
        X::KeptUntil => "Bewaard tot",
        X::FromIntegration => "Ontvangen van een gekoppeld systeem:",
        X::ChannelEmail => "e-mail",
        X::ChannelSms => "sms",
        X::ChannelPost => "post",
        X::ChannelPhone => "telefoon",
    }
}

fn recipient_words(language: Language, kind: &RecipientKind) -> String {
    match kind {
        RecipientKind::Staff(role) => role_name(language, *role).to_owned(),
        RecipientKind::ShopComputer => x(language, X::ShopComputer).to_owned(),
        RecipientKind::Integration(name) => format!("{} {name}", x(language, X::Integration)),
        RecipientKind::MailServer => x(language, X::MailServer).to_owned(),
    }
}

/// The customer's details that hold something, as label and value.
fn details(language: Language, export: &CustomerExport) -> Vec<(&'static str, String)> {
    use super::i18n::{T, tr};
    let c = &export.record.customer;
    let mut rows = vec![(tr(language, T::Name), c.name.as_str().to_owned())];
    let mut add = |label: T, value: Option<String>| {
        if let Some(value) = value {
            rows.push((tr(language, label), value));
        }
    };
    add(T::Email, c.email.as_ref().map(|v| v.as_str().to_owned()));
    add(T::Phone, c.phone.as_ref().map(|v| v.as_str().to_owned()));
    add(T::Address, c.address.as_ref().map(|v| v.as_str().to_owned()));
    add(T::BirthDate, c.birth_date.map(|date| day(language, date)));
    add(T::Anniversary, c.anniversary.map(|date| day(language, date)));
    add(T::RingSizes, c.ring_sizes.as_ref().map(|v| v.as_str().to_owned()));
    add(T::MetalAllergies, c.metal_allergies.as_ref().map(|v| v.as_str().to_owned()));
    add(T::StyleNotes, c.style_notes.as_ref().map(|v| v.as_str().to_owned()));
    add(T::WishList, c.wish_list.as_ref().map(|v| v.as_str().to_owned()));
    add(T::Notes, c.notes.as_ref().map(|v| v.as_str().to_owned()));
    if c.partner.is_some() {
        rows.push((x(language, X::Partner), x(language, X::PartnerLinked).to_owned()));
    }
    if let Some(associate) = &c.preferred_associate {
        rows.push((x(language, X::Associate), associate.as_str().to_owned()));
    }
    rows
}

fn channel_words(language: Language, channel: ConsentChannel) -> &'static str {
    x(
        language,
        match channel {
            ConsentChannel::Email => X::ChannelEmail,
            ConsentChannel::Sms => X::ChannelSms,
            ConsentChannel::Post => X::ChannelPost,
            ConsentChannel::Phone => X::ChannelPhone,
        },
    )
}

/// One sale with every piece and what was recorded about it.
fn sale_section(language: Language, sale: &Purchase) -> Markup {
    use super::i18n::{T, tr};
    html! {
        dl.export-record {
            dt { (x(language, X::Receipt)) } dd { (sale.id.receipt_number()) " · " (day(language, sale.purchased_on)) }
            dt { (x(language, X::Items)) }
            dd { ul { @for item in &sale.items { li {
                (item.description.as_str())
                @for part in [item.metal.as_ref(), item.stones.as_ref(), item.certificate_number.as_ref()].into_iter().flatten() { " · " (part.as_str()) }
                @if let Some(price) = item.price { " · " (amount(language, price)) }
            } } } }
            dt { (x(language, X::Total)) } dd { (amount(language, sale.total)) @if sale.paid_in_cash { " · " (tr(language, T::PaidInCash)) } }
            @if let Some(engraving) = &sale.engraving { dt { (tr(language, T::Engraving)) } dd { (engraving.as_str()) } }
            @if let Some(payment) = &sale.payment { dt { (x(language, X::Payment)) } dd { (payment.brand.as_str()) " · " (payment.last_four.as_str()) } }
            @if let Some(note) = &sale.note { dt { (tr(language, T::SaleNote)) } dd { (note.as_str()) } }
            @if let Some(state) = sale_state(language, sale) { dt { (x(language, X::Status)) } dd { (state) } }
            @if !sale.corrections.is_empty() {
                dt { (x(language, X::Corrections)) }
                dd { ul { @for correction in &sale.corrections { li {
                    (day(language, correction.at.date())) " · " (amount(language, correction.amount)) " · " (correction.reason.as_str())
                } } } }
            }
        }
    }
}

/// One workshop job with what was recorded about it.
fn job_section(language: Language, job: &Repair) -> Markup {
    use super::i18n::{T, tr};
    let kind = match job.kind {
        JobKind::Repair => T::KindRepair,
        JobKind::Appraisal => T::KindAppraisal,
        JobKind::CustomOrder => T::KindCustomOrder,
    };
    html! {
        dl.export-record {
            dt { (x(language, X::Ticket)) } dd { (job.ticket) " · " (day(language, job.received_on)) }
            dt { (x(language, X::Kind)) } dd { (tr(language, kind)) " · " (status_name(language, job.status)) }
            dt { (x(language, X::Items)) } dd { (job.item_description.as_str()) }
            @if let Some(condition) = &job.condition { dt { (tr(language, T::Condition)) } dd { (condition.as_str()) } }
            @if let Some(valuation) = job.valuation { dt { (tr(language, T::Valuation)) } dd { (amount(language, valuation)) } }
            @if let Some(estimate) = job.estimate { dt { (x(language, X::Estimate)) } dd { (amount(language, estimate)) } }
            @if let Some(deposit) = job.deposit { dt { (x(language, X::Deposit)) } dd { (amount(language, deposit)) } }
            @if let Some(promised) = job.promised_on { dt { (tr(language, T::Promised)) } dd { (day(language, promised)) } }
        }
    }
}

/// The readable copy: the data, then what Art. 15 asks beside it.
fn sheet(language: Language, export: &CustomerExport) -> Markup {
    let c = &export.record.customer;
    html! {
        article.customer-export {
            h1 { (x(language, X::DocTitle)) " " (export.shop) }
            p { (x(language, X::DocIntro)) }
            p.muted { (x(language, X::Made)) " " (moment(language, export.made_at)) }
            h2 { (x(language, X::Details)) }
            dl { @for (label, value) in details(language, export) { dt { (label) } dd { (value) } } }
            @if !c.marketing_consent.is_empty() {
                h3 { (x(language, X::Consent)) }
                ul { @for consent in &c.marketing_consent {
                    li { (channel_words(language, consent.channel)) ": " (x(language, if consent.granted { X::Granted } else { X::Refused })) " (" (moment(language, consent.recorded_at)) ")" }
                } }
            }
            h2 { (x(language, X::Sales)) }
            @match export.record.purchases.as_deref() {
                Some(sales) if !sales.is_empty() => { @for sale in sales { (sale_section(language, sale)) } },
                _ => p { (x(language, X::None)) },
            }
            h2 { (x(language, X::Jobs)) }
            @match export.record.repairs.as_deref() {
                Some(jobs) if !jobs.is_empty() => { @for job in jobs { (job_section(language, job)) } },
                _ => p { (x(language, X::None)) },
            }
            // Identity records withheld for a legal reason are not mentioned at all: saying so
            // could itself be the tip-off the law forbids.
            @if !export.aml_withheld {
                h2 { (x(language, X::Identity)) }
                @match export.record.aml_records.as_deref() {
                    Some(records) if !records.is_empty() => { @for record in records {
                        dl.export-record {
                            dt { (x(language, X::Kind)) } dd { (document_name(language, record.document_type)) " " (record.document_number.as_str()) " (" (record.document_country.as_str()) ")" }
                            dt { (x(language, X::Date)) } dd { (day(language, record.transaction_date)) }
                            dt { (x(language, X::Reference)) } dd { (record.transaction_reference.as_str()) }
                            dt { (x(language, X::VerifiedBy)) } dd { (record.verified_by.as_str()) }
                            dt { (x(language, X::KeptUntil)) } dd { (day(language, record.retention_ends)) }
                        }
                    } },
                    _ => p { (x(language, X::None)) },
                }
            }
            h2 { (x(language, X::Purposes)) }
            ul { @for (purpose, times) in &export.purposes { li { (purpose_name(language, purpose)) ": " (times) " " (x(language, X::Times)) } } }
            h2 { (x(language, X::Categories)) }
            p { (category_words(language, &export.categories.iter().map(|category| category.as_str().to_owned()).collect::<Vec<_>>())) }
            h2 { (x(language, X::Recipients)) }
            ul { @for recipient in &export.recipients {
                li { (recipient_words(language, &recipient.kind)) ": " (recipient.times) " " (x(language, X::Times)) " (" (moment(language, recipient.last)) ")" }
            } }
            h2 { (x(language, X::Source)) }
            p {
                @match &export.source {
                    Source::RecordedAtShop => (x(language, X::RecordedAtShop)),
                    Source::Integration(name) => { (x(language, X::FromIntegration)) " " (name) "." },
                    Source::Imported => (x(language, X::Imported)),
                }
            }
            h2 { (x(language, X::Retention)) }
            p { (x(language, X::RetentionText).replace("{}", &export.backup_days.to_string())) }
            h2 { (x(language, X::YourRequests)) }
            ul { @for request in &export.requests {
                li { (super::requests::kind_name(language, request.kind)) " · " (day(language, request.received)) " · " (super::requests::status_name(language, request.status)) }
            } }
            h2 { (x(language, X::Rights)) }
            p { (x(language, X::RightsText)) }
            p { (x(language, X::Complain)) " " (export.authority.name) " (" (export.authority.web) ")." }
        }
    }
}

/// The readable copy as a file of its own (what `request export --out` writes): the page's
/// styles inlined, ready to print or save as a PDF from any browser.
pub fn customer_export_document(language: Language, export: &CustomerExport) -> String {
    let title = format!("{} {}", x(language, X::DocTitle), export.shop);
    super::parts::printable_document(language, &title, sheet(language, export))
}

fn export_form(language: Language, session: &Session, id: RequestId, error: Option<&str>, form: Option<&ExportForm>) -> Markup {
    let chosen = form.and_then(|form| Language::parse(&form.language).ok()).unwrap_or(language);
    let withhold = form.map_or("", |form| form.withhold.as_str());
    let action = |format: &str| format!("/privacy/requests/{id}/export/{format}");
    html! {
        h1 { (x(language, X::Title)) }
        (form_error(error))
        p.muted { (x(language, X::Intro)) }
        form method="post" action=(action("readable")) {
            (csrf_field(&session.csrf))
            label for="language" { (x(language, X::Language)) }
            select id="language" name="language" {
                option value="en" selected[chosen == Language::En] { "English" }
                option value="nl" selected[chosen == Language::Nl] { "Nederlands" }
            }
            label for="withhold" { (x(language, X::Withhold)) }
            p.muted { (x(language, X::WithholdHint)) }
            textarea id="withhold" name="withhold" rows="2" { (withhold) }
            div.actions {
                button type="submit" { (x(language, X::Readable)) }
                button type="submit" formaction=(action("json")) { (x(language, X::Json)) }
            }
        }
        p { a href={ "/privacy/requests/" (id) } { (r(language, R::Back)) } }
    }
}

async fn export_page(Ready(session): Ready, Path(id): Path<String>) -> Result<Response, PageError> {
    require_handler(&session)?;
    let language = session.signed_in.language();
    let id = RequestId::parse(&id).map_err(|_| PageError::NotFound)?;
    // The password again first, so that what is chosen on the form is not lost to the step-up.
    if !session.signed_in.actor()?.stepped_up {
        return Err(PageError::StepUp(format!("/privacy/requests/{id}/export")));
    }
    Ok(page(x(language, X::Title), Some(&session), export_form(language, &session, id, None, None)).into_response())
}

#[derive(Deserialize)]
struct ExportForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    language: String,
    #[serde(default)]
    withhold: String,
}

async fn make_export(
    State(state): State<Arc<ServerState>>,
    Ready(session): Ready,
    Path((id, format)): Path<(String, String)>,
    Form(form): Form<ExportForm>,
) -> Result<Response, PageError> {
    session.check_csrf(&state, &form.csrf)?;
    require_handler(&session)?;
    let language = session.signed_in.language();
    let id = RequestId::parse(&id).map_err(|_| PageError::NotFound)?;
    if !matches!(format.as_str(), "readable" | "json") {
        return Err(PageError::NotFound);
    }
    let for_customer = Language::parse(&form.language).unwrap_or(language);
    let actor = session.signed_in.actor()?.clone();
    let withhold = form.withhold.clone();
    let made = state
        .run(move |vault| {
            let withhold =
                Some(withhold.as_str()).filter(|text| !text.trim().is_empty()).map(|text| FreeText::parse("withhold", text)).transpose()?;
            vault.export_request(&actor, id, withhold)
        })
        .await;
    let export = match made {
        Ok(export) => export,
        Err(AppError::StepUpRequired) => return Err(PageError::StepUp(format!("/privacy/requests/{id}/export"))),
        Err(error @ (AppError::Invalid(_) | AppError::Conflict(_))) => {
            let said = app_message(language, &error);
            return Ok(
                page(x(language, X::Title), Some(&session), export_form(language, &session, id, Some(&said), Some(&form))).into_response()
            );
        }
        Err(other) => return Err(other.into()),
    };
    if format == "json" {
        let body = serde_json::to_string_pretty(&export.to_json()).map_err(|error| PageError::Internal(error.to_string()))?;
        let name = format!("attachment; filename=\"customer-data-{}.json\"", export.record.customer.id);
        return Ok(([(header::CONTENT_TYPE, "application/json".to_owned()), (header::CONTENT_DISPOSITION, name)], body).into_response());
    }
    let content = html! {
        div.no-print.print-choices { button type="button" data-print { (x(language, X::Print)) } }
        (sheet(for_customer, &export))
    };
    Ok(page(x(for_customer, X::DocTitle), Some(&session), content).into_response())
}
