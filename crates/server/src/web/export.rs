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
use strongroom_domain::{FreeText, Language, RequestId};

use super::customers::purpose_name;
use super::parts::{amount, category_words, day, moment, role_name};
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
    IdentityWithheld,
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
    RightsText,
    Complain,
    Print,
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
        X::Consent => "Messages you agreed to",
        X::Granted => "yes",
        X::Refused => "no",
        X::Sales => "Your purchases",
        X::Receipt => "Receipt",
        X::Items => "Pieces",
        X::Total => "Total",
        X::Jobs => "Repairs and orders",
        X::Ticket => "Ticket",
        X::Identity => "Identity checks for cash sales",
        X::IdentityWithheld => "Not shown, for a legal reason:",
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
            "Your details are kept while you are our customer, until you ask us to erase them. Identity checks for cash sales are kept for five years after the sale (anti-money-laundering law), sales for seven years (tax law); after that they are deleted."
        }
        X::Rights => "Your rights",
        X::RightsText => {
            "You may ask us to correct your data, to erase it, to use it only for keeping it (restriction), to give it to you to take elsewhere, and object to its use or take back a consent. We answer within a month."
        }
        X::Complain => "If you are not satisfied with our answer, you may complain to",
        X::Print => "Print or save as PDF",
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
        X::Consent => "Berichten waarmee u instemde",
        X::Granted => "ja",
        X::Refused => "nee",
        X::Sales => "Uw aankopen",
        X::Receipt => "Bon",
        X::Items => "Stukken",
        X::Total => "Totaal",
        X::Jobs => "Reparaties en opdrachten",
        X::Ticket => "Bon",
        X::Identity => "Identiteitscontroles bij contante aankopen",
        X::IdentityWithheld => "Niet getoond, om een wettelijke reden:",
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
            "Uw gegevens bewaren wij zolang u klant bent, tot u ons vraagt ze te wissen. Identiteitscontroles bij contante aankopen bewaren wij vijf jaar na de aankoop (witwaswet), aankopen zeven jaar (belastingwet); daarna worden ze gewist."
        }
        X::Rights => "Uw rechten",
        X::RightsText => {
            "U kunt ons vragen uw gegevens te corrigeren, te wissen, alleen nog te bewaren (beperking), of aan u mee te geven om elders te gebruiken, en u kunt bezwaar maken tegen het gebruik of een toestemming intrekken. Wij antwoorden binnen een maand."
        }
        X::Complain => "Bent u het niet eens met ons antwoord, dan kunt u klagen bij",
        X::Print => "Afdrukken of als pdf bewaren",
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
    rows
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
                    li { (consent.channel.as_str()) ": " (x(language, if consent.granted { X::Granted } else { X::Refused })) " (" (moment(language, consent.recorded_at)) ")" }
                } }
            }
            h2 { (x(language, X::Sales)) }
            @match export.record.purchases.as_deref() {
                Some(sales) if !sales.is_empty() => table {
                    thead { tr { th { (x(language, X::Receipt)) } th { (x(language, X::Made)) } th { (x(language, X::Items)) } th { (x(language, X::Total)) } } }
                    tbody { @for sale in sales { tr {
                        td { (sale.id.receipt_number()) } td { (day(language, sale.purchased_on)) }
                        td { (sale.items.iter().map(|item| item.description.as_str()).collect::<Vec<_>>().join("; ")) }
                        td { (amount(language, sale.total)) }
                    } } }
                },
                _ => p { (x(language, X::None)) },
            }
            h2 { (x(language, X::Jobs)) }
            @match export.record.repairs.as_deref() {
                Some(jobs) if !jobs.is_empty() => table {
                    thead { tr { th { (x(language, X::Ticket)) } th { (x(language, X::Made)) } th { (x(language, X::Items)) } } }
                    tbody { @for job in jobs { tr { td { (job.ticket) } td { (day(language, job.received_on)) } td { (job.item_description.as_str()) } } } }
                },
                _ => p { (x(language, X::None)) },
            }
            h2 { (x(language, X::Identity)) }
            @match (&export.aml_withheld, export.record.aml_records.as_deref()) {
                (Some(reason), _) => p { (x(language, X::IdentityWithheld)) " " (reason) },
                (None, Some(records)) if !records.is_empty() => ul { @for record in records {
                    li { (record.document_type.as_str()) " " (record.document_number.as_str()) " (" (record.document_country.as_str()) "), "
                        (day(language, record.transaction_date)) " → " (day(language, record.retention_ends)) }
                } },
                _ => p { (x(language, X::None)) },
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
            p { (x(language, match export.source { Source::RecordedAtShop => X::RecordedAtShop, Source::Imported => X::Imported })) }
            h2 { (x(language, X::Retention)) }
            p { (x(language, X::RetentionText)) }
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

fn export_form(language: Language, session: &Session, id: RequestId, error: Option<&str>) -> Markup {
    let action = |format: &str| format!("/privacy/requests/{id}/export/{format}");
    html! {
        h1 { (x(language, X::Title)) }
        (form_error(error))
        p.muted { (x(language, X::Intro)) }
        form method="post" action=(action("readable")) {
            (csrf_field(&session.csrf))
            label for="language" { (x(language, X::Language)) }
            select id="language" name="language" {
                option value="en" selected[language == Language::En] { "English" }
                option value="nl" selected[language == Language::Nl] { "Nederlands" }
            }
            label for="withhold" { (x(language, X::Withhold)) }
            p.muted { (x(language, X::WithholdHint)) }
            textarea id="withhold" name="withhold" rows="2" {}
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
    Ok(page(x(language, X::Title), Some(&session), export_form(language, &session, id, None)).into_response())
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
            return Ok(page(x(language, X::Title), Some(&session), export_form(language, &session, id, Some(&said))).into_response());
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
