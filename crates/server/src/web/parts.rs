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

/// The shop's time zone: every "today" and every time the pages show is the shop's. Set once
/// when the server starts (`time_zone` in `strongroom.toml`, the machine's own by default).
static SHOP_ZONE: std::sync::OnceLock<jiff::tz::TimeZone> = std::sync::OnceLock::new();

/// Sets the shop's time zone from its IANA name (`Europe/Amsterdam`), or the machine's own for
/// `None`. The first call wins: one shop per server process.
pub fn set_shop_zone(name: Option<&str>) -> Result<(), String> {
    let zone = match name {
        Some(name) => jiff::tz::TimeZone::get(name)
            .map_err(|_| format!("time_zone: {name} is not a time zone (use a name such as Europe/Amsterdam)"))?,
        None => jiff::tz::TimeZone::system(),
    };
    let _ = SHOP_ZONE.set(zone);
    Ok(())
}

fn shop_zone() -> &'static jiff::tz::TimeZone {
    SHOP_ZONE.get_or_init(jiff::tz::TimeZone::system)
}

/// A moment in the shop's time zone, with the zone's abbreviation (CET, CEST, …).
fn in_shop_zone(at: time::OffsetDateTime) -> (time::OffsetDateTime, String) {
    let zone = shop_zone();
    let Ok(timestamp) = jiff::Timestamp::from_second(at.unix_timestamp()) else { return (at, "UTC".into()) };
    let info = zone.to_offset_info(timestamp);
    let offset = time::UtcOffset::from_whole_seconds(info.offset().seconds()).unwrap_or(time::UtcOffset::UTC);
    (at.to_offset(offset), info.abbreviation().to_owned())
}

/// A wall-clock time in the shop, as `<input type=datetime-local>` sends it (`2026-12-06T09:30`),
/// as a moment; `None` when it does not read. A time the clocks skip (the hour of the spring
/// change) is read as the one after it.
pub fn shop_local_moment(text: &str) -> Option<time::OffsetDateTime> {
    let civil: jiff::civil::DateTime = text.trim().parse().ok()?;
    let zoned = civil.to_zoned(shop_zone().clone()).ok()?;
    time::OffsetDateTime::from_unix_timestamp(zoned.timestamp().as_second()).ok()
}

/// A moment as `<input type=datetime-local>` holds it, in the shop's time (`2026-12-06T09:30`).
pub fn shop_local_input(at: time::OffsetDateTime) -> String {
    let (local, _) = in_shop_zone(at);
    format!("{}T{:02}:{:02}", iso_day(local.date()), local.hour(), local.minute())
}

/// Today, for the shop (in its time zone).
pub fn today() -> time::Date {
    in_shop_zone(time::OffsetDateTime::now_utc()).0.date()
}

/// The moment today began, for the shop.
pub fn today_start() -> time::OffsetDateTime {
    let (now, _) = in_shop_zone(time::OffsetDateTime::now_utc());
    now.replace_time(time::Time::MIDNIGHT)
}

/// The moment `day` began in the shop (its first valid time, should a clock change skip
/// midnight), in µs since the epoch.
pub fn day_start_micros(day: time::Date) -> i64 {
    let civil = jiff::civil::date(day.year() as i16, u8::from(day.month()) as i8, day.day() as i8);
    match civil.to_zoned(shop_zone().clone()) {
        Ok(zoned) => zoned.timestamp().as_microsecond(),
        // Outside jiff's range: midnight UTC is close enough.
        Err(_) => (i64::from(day.to_julian_day()) - 2_440_588) * 86_400_000_000,
    }
}

/// The trail statistics' months (`app::desk::trail_months`) with the moment each began in the shop.
pub fn trail_windows(today: time::Date) -> Vec<(time::Date, i64)> {
    strongroom_app::desk::trail_months(today).into_iter().map(|month| (month, day_start_micros(month))).collect()
}

/// A day as a form field holds it (`2026-12-15`, what `<input type=date>` reads and writes).
pub fn iso_day(date: time::Date) -> String {
    format!("{:04}-{:02}-{:02}", date.year(), u8::from(date.month()), date.day())
}

/// A day as the person's language writes it: `6 Dec 2026`, `6 dec 2026`.
pub fn day(language: Language, date: time::Date) -> String {
    const EN: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    const NL: [&str; 12] = ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"];
    let months = match language {
        Language::En => EN,
        Language::Nl => NL,
    };
    format!("{} {} {}", date.day(), months[usize::from(u8::from(date.month())) - 1], date.year())
}

/// A moment as staff read it: the day their language's way and the time in the shop's time
/// zone, with the zone's abbreviation (`6 Dec 2026 14:05 CET`).
pub fn moment(language: Language, at: time::OffsetDateTime) -> String {
    let (local, zone) = in_shop_zone(at);
    format!("{} {:02}:{:02} {zone}", day(language, local.date()), local.hour(), local.minute())
}

/// `template` with each `{}` filled by `values`, in order, in one pass (a value holding `{}`
/// stays as it is).
pub(crate) fn fill(template: &str, values: &[&str]) -> String {
    let mut parts = template.split("{}");
    let mut text = parts.next().unwrap_or_default().to_owned();
    for (n, part) in parts.enumerate() {
        text.push_str(values.get(n).copied().unwrap_or_default());
        text.push_str(part);
    }
    text
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

/// A data category of the trail (`user.contact.email`) as a shop says it ("contact details").
pub fn category_word(language: Language, category: &str) -> &'static str {
    let key = if category.starts_with("user.contact") {
        T::WordContact
    } else if category == "user.name" {
        T::WordName
    } else if category.starts_with("user.government_id") {
        T::WordIdentityDocument
    } else if category.starts_with("user.financial") {
        T::WordPayment
    } else if category == "user.behavior.purchase_history" {
        T::WordPurchases
    } else if category == "user.behavior.service_history" {
        T::WordJobs
    } else if category.starts_with("user.health_and_medical") {
        T::WordHealth
    } else if category.starts_with("user.demographic") {
        T::WordDates
    } else if category.starts_with("user.content") {
        T::WordNotes
    } else if category.starts_with("user.characteristic") {
        T::WordSizes
    } else if category.starts_with("user.privacy_preferences") {
        T::WordConsent
    } else if category.starts_with("user.social") {
        T::WordPartner
    } else {
        T::WordPreferences
    };
    tr(language, key)
}

/// The trail's data categories as the distinct words a shop uses, in a stable order.
pub fn category_words(language: Language, categories: &[String]) -> String {
    let mut words: Vec<&str> = Vec::new();
    for category in categories {
        let word = category_word(language, category);
        if !words.contains(&word) {
            words.push(word);
        }
    }
    words.join(", ")
}

/// Whether an action of the trail only showed a customer among others (a search, a list, the
/// board) rather than opening or changing their record.
pub fn only_listed(action: &str) -> bool {
    strongroom_domain::AuditAction::only_lists(action)
}

/// An action of the trail (`customer.read`) in plain words.
pub fn action_words(language: Language, action: &str) -> String {
    let key = match action {
        "customer.read" => T::ActOpened,
        "customer.create" => T::ActCreated,
        "customer.update" => T::ActChanged,
        "customer.find" => T::ActFound,
        "customer.list" => T::ActListed,
        "customer.import" => T::ActImported,
        "customer.merge" => T::ActMerged,
        "customer.reindex" => T::ActReindexed,
        "purchase.create" => T::ActSaleRecorded,
        "purchase.list" => T::ActSalesRead,
        "purchase.void" | "purchase.refund" => T::ActSaleCorrected,
        "repair.create" => T::ActJobTakenIn,
        "repair.update" => T::ActJobMoved,
        "repair.list" => T::ActJobShown,
        "aml.create" => T::ActIdRecorded,
        "aml.read" => T::ActIdRead,
        "aml.delete" => T::ActIdDeleted,
        "sale.delete" => T::ActKeptSaleDeleted,
        "ropa.update" => T::ActRopaChanged,
        "marketing.export" => T::ActMarketingListed,
        "retention.review" => T::ActKeptAfterReview,
        "doctor.change" => T::ActDoctorChanged,
        "device.update" => T::ActDeviceUpdate,
        "desk.tables" => T::ActDeskTables,
        "desk.read" => T::ActDeskRead,
        "risk.update" => T::ActRiskUpdate,
        "assessment.answer" => T::ActAssessmentAnswer,
        "feeds.update" => T::ActFeedsUpdate,
        "settings.change" => T::ActSettingsChange,
        "audit.finding" => T::ActAuditFinding,
        "audit.held" => T::ActAuditHeld,
        "upload.infected" => T::ActUploadInfected,
        "upload.unscanned" => T::ActUploadUnscanned,
        "secret.create" => T::ActSecretCreate,
        "secret.list" => T::ActSecretList,
        "secret.reveal" => T::ActSecretReveal,
        "secret.update" => T::ActSecretUpdate,
        "secret.export" => T::ActSecretExport,
        "training.answer" => T::ActTrainingAnswer,
        "training.change" => T::ActTrainingChange,
        "key.destroy" | "data_key.destroy" => T::ActKeyDestroyed,
        "request.open" | "request.read" | "request.update" => T::ActRequestHandled,
        "request.export" => T::ActDataGiven,
        _ => return action.to_owned(),
    };
    tr(language, key).to_owned()
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

/// A page as a file of its own (a recovery kit, a customer's data): the styles inlined, no
/// script, ready to print or save as a PDF from any browser.
pub fn printable_document(language: Language, title: &str, body: Markup) -> String {
    let lang = match language {
        Language::En => "en",
        Language::Nl => "nl",
    };
    html! {
        (maud::DOCTYPE)
        html lang=(lang) {
            head {
                meta charset="utf-8";
                title { (title) }
                style { (maud::PreEscaped(include_str!("../../assets/app.css"))) }
            }
            body { main { (body) } }
        }
    }
    .into_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_and_moments_are_written_the_way_the_language_does() {
        let date = time::Date::from_calendar_date(2026, time::Month::December, 6).unwrap();
        assert_eq!(day(Language::En, date), "6 Dec 2026");
        assert_eq!(day(Language::Nl, date), "6 dec 2026");
        assert_eq!(iso_day(date), "2026-12-06");
        let march = time::Date::from_calendar_date(2027, time::Month::March, 1).unwrap();
        assert_eq!(day(Language::Nl, march), "1 mrt 2027");
    }

    #[test]
    fn a_moment_is_shown_in_a_named_time_zone() {
        let zone = jiff::tz::TimeZone::get("Europe/Amsterdam").unwrap();
        let winter = jiff::Timestamp::from_second(1_796_558_400).unwrap(); // 2026-12-06 12:00 UTC
        let info = zone.to_offset_info(winter);
        assert_eq!((info.offset().seconds(), info.abbreviation()), (3600, "CET"));
        let summer = jiff::Timestamp::from_second(1_782_993_600).unwrap(); // 2026-07-02 12:00 UTC
        assert_eq!(zone.to_offset_info(summer).offset().seconds(), 7200);
        assert!(set_shop_zone(Some("Mars/Olympus_Mons")).is_err(), "an unknown zone is refused");
    }
}
