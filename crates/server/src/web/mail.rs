//! The owner's mail page (`/settings/mail`): how Strongroom reaches the shop's mail server, who
//! gets the alerts, a test message, and the outbox: what is waiting, what was refused and why,
//! and what a stopped sender left unconfirmed, each with what a person may do about it. Its
//! words are in this file's own catalogue, English and Dutch, each an exhaustive `match`.

use std::sync::Arc;

use axum::Router;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use maud::{Markup, html};
use serde::Deserialize;
use strongroom_app::{AppError, MailChange, MailConfig, MailState, Outbox, OutboxEntry, PasswordChange, TrustedCa};
use strongroom_domain::{DomainError, EmailAddress, Language, MailHost, MailSecurity, MailSettings, Permission};
use zeroize::Zeroizing;

use super::parts::{FieldErrors, Submitted, moment};
use super::{Form, PageError, Ready, Session, app_message, csrf_field, form_error, page};
use crate::ServerState;

pub fn routes() -> Router<Arc<ServerState>> {
    Router::new()
        .route("/settings/mail", get(mail_page).post(save_mail))
        .route("/settings/mail/test", post(test_mail))
        .route("/mail/{id}/{change}", post(change_message))
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum M {
    Title,
    Intro,
    NotSetUp,
    Server,
    Port,
    Security,
    SecurityStartTls,
    SecurityTls,
    SecurityNone,
    User,
    Password,
    PasswordKept,
    RemovePassword,
    TrustedCa,
    TrustedCaHint,
    TrustedCaKept,
    RemoveTrustedCa,
    From,
    AlertsTo,
    AlertsHint,
    Save,
    Saved,
    TestTitle,
    TestTo,
    SendTest,
    TestSent,
    OutboxTitle,
    OutboxEmpty,
    StateQueued,
    StateHanding,
    StateSent,
    StateFailed,
    StateCancelled,
    StateHeld,
    HandingExplained,
    HeldExplained,
    KindAlert,
    KindLetter,
    KindReminder,
    KindDrill,
    Retry,
    MarkSent,
    Cancel,
    Customer,
    Attempts,
}

pub fn m(language: Language, word: M) -> &'static str {
    match language {
        Language::En => en(word),
        Language::Nl => nl(word),
    }
}

fn en(word: M) -> &'static str {
    match word {
        M::Title => "Mail",
        M::Intro => {
            "Strongroom sends the alerts about a reported problem and the letters to customers after a breach through the shop's own mail server. The password is kept sealed with the shop key."
        }
        M::NotSetUp => "Mail is not set up yet: alerts and letters wait until it is.",
        M::Server => "Mail server",
        M::Port => "Port",
        M::Security => "Connection",
        M::SecurityStartTls => "STARTTLS (usually port 587)",
        M::SecurityTls => "TLS from the start (usually port 465)",
        M::SecurityNone => "Unencrypted: only to a mail server on this computer",
        M::User => "User name (leave empty if the server needs none)",
        M::Password => "Password",
        M::PasswordKept => "A password is saved; leave this empty to keep it.",
        M::RemovePassword => "Remove the saved password",
        M::TrustedCa => "CA certificate of the shop's own mail server (PEM)",
        M::TrustedCaHint => {
            "Only when the mail server uses a certificate of the shop's own and whoever set it up gave you this; leave it empty for any ordinary mail provider."
        }
        M::TrustedCaKept => "A CA certificate is saved; leave this empty to keep it.",
        M::RemoveTrustedCa => "Remove the saved CA certificate",
        M::From => "Send from this address",
        M::AlertsTo => "Alert these people when a problem is reported",
        M::AlertsHint => "One address per line: the owner, the privacy officer. An alert says that something was reported, never what.",
        M::Save => "Save",
        M::Saved => "Saved.",
        M::TestTitle => "Send a test message",
        M::TestTo => "To",
        M::SendTest => "Send test",
        M::TestSent => "The mail server took the test message. Check that it arrived.",
        M::OutboxTitle => "Outbox",
        M::OutboxEmpty => "Nothing has been sent yet.",
        M::StateQueued => "waiting",
        M::StateHanding => "unconfirmed",
        M::StateSent => "sent",
        M::StateFailed => "refused",
        M::StateCancelled => "cancelled",
        M::StateHeld => "held after a restore",
        M::HeldExplained => {
            "These were waiting to be sent when the backup that was restored was made, so they may have gone since. Send each again, or cancel it."
        }
        M::HandingExplained => {
            "Strongroom stopped while it was handing these to the mail server, so it may have taken them. They are never sent again by themselves: look in the sent folder of the shop's mail account, then mark each as sent or send it again."
        }
        M::KindAlert => "alert",
        M::KindLetter => "letter to a customer",
        M::KindReminder => "training reminder",
        M::KindDrill => "phishing drill",
        M::Retry => "Send again",
        M::MarkSent => "It was sent",
        M::Cancel => "Cancel",
        M::Customer => "customer",
        M::Attempts => "tries",
    }
}

fn nl(word: M) -> &'static str {
    match word {
        M::Title => "Mail",
        M::Intro => {
            "Strongroom verstuurt de meldingen over een gemeld probleem en de brieven aan klanten na een datalek via de eigen mailserver van de winkel. Het wachtwoord wordt verzegeld bewaard met de winkelsleutel."
        }
        M::NotSetUp => "De mail is nog niet ingesteld: meldingen en brieven wachten tot dat wel zo is.",
        M::Server => "Mailserver",
        M::Port => "Poort",
        M::Security => "Verbinding",
        M::SecurityStartTls => "STARTTLS (meestal poort 587)",
        M::SecurityTls => "TLS vanaf het begin (meestal poort 465)",
        M::SecurityNone => "Onversleuteld: alleen naar een mailserver op deze computer",
        M::User => "Gebruikersnaam (leeg laten als de server er geen nodig heeft)",
        M::Password => "Wachtwoord",
        M::PasswordKept => "Er is een wachtwoord bewaard; laat dit leeg om het te houden.",
        M::RemovePassword => "Het bewaarde wachtwoord verwijderen",
        M::TrustedCa => "CA-certificaat van de eigen mailserver van de winkel (PEM)",
        M::TrustedCaHint => {
            "Alleen als de mailserver een eigen certificaat van de winkel gebruikt en degene die hem inrichtte u dit gaf; laat het leeg voor elke gewone mailprovider."
        }
        M::TrustedCaKept => "Er is een CA-certificaat bewaard; laat dit leeg om het te houden.",
        M::RemoveTrustedCa => "Het bewaarde CA-certificaat verwijderen",
        M::From => "Versturen vanaf dit adres",
        M::AlertsTo => "Deze mensen waarschuwen als er een probleem wordt gemeld",
        M::AlertsHint => "Eén adres per regel: de eigenaar, de privacyfunctionaris. Een melding zegt dát er iets gemeld is, nooit wat.",
        M::Save => "Opslaan",
        M::Saved => "Opgeslagen.",
        M::TestTitle => "Een testbericht sturen",
        M::TestTo => "Aan",
        M::SendTest => "Test versturen",
        M::TestSent => "De mailserver heeft het testbericht aangenomen. Kijk of het aankomt.",
        M::OutboxTitle => "Postvak uit",
        M::OutboxEmpty => "Er is nog niets verstuurd.",
        M::StateQueued => "wacht",
        M::StateHanding => "onbevestigd",
        M::StateSent => "verstuurd",
        M::StateFailed => "geweigerd",
        M::StateCancelled => "geannuleerd",
        M::StateHeld => "vastgehouden na een herstel",
        M::HeldExplained => {
            "Deze wachtten op verzending toen de teruggezette back-up werd gemaakt, dus misschien zijn ze sindsdien al verstuurd. Verstuur elk opnieuw, of annuleer het."
        }
        M::HandingExplained => {
            "Strongroom stopte terwijl het deze aan de mailserver gaf, dus misschien heeft die ze aangenomen. Ze worden nooit vanzelf opnieuw verstuurd: kijk in de map Verzonden van het mailaccount van de winkel en markeer elk als verstuurd of verstuur het opnieuw."
        }
        M::KindAlert => "melding",
        M::KindLetter => "brief aan een klant",
        M::KindReminder => "herinnering aan de training",
        M::KindDrill => "phishingoefening",
        M::Retry => "Opnieuw versturen",
        M::MarkSent => "Het is verstuurd",
        M::Cancel => "Annuleren",
        M::Customer => "klant",
        M::Attempts => "pogingen",
    }
}

pub(super) fn state_label(language: Language, state: MailState) -> &'static str {
    m(
        language,
        match state {
            MailState::Queued => M::StateQueued,
            MailState::Handing => M::StateHanding,
            MailState::Sent => M::StateSent,
            MailState::Failed => M::StateFailed,
            MailState::Cancelled => M::StateCancelled,
            MailState::Held => M::StateHeld,
        },
    )
}

#[derive(Deserialize, Default, Clone)]
struct MailForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    host: String,
    #[serde(default)]
    port: String,
    #[serde(default)]
    security: String,
    #[serde(default)]
    user: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    remove_password: String,
    #[serde(default)]
    trusted_ca: String,
    #[serde(default)]
    remove_trusted_ca: String,
    #[serde(default)]
    from: String,
    #[serde(default)]
    alerts: String,
}

impl Submitted for MailForm {
    fn values(&self) -> Vec<(&'static str, &str)> {
        vec![
            ("host", self.host.as_str()),
            ("port", self.port.as_str()),
            ("security", self.security.as_str()),
            ("user", self.user.as_str()),
            ("from", self.from.as_str()),
            ("alerts_to", self.alerts.as_str()),
        ]
    }
}

impl MailForm {
    fn of(config: Option<&MailConfig>) -> MailForm {
        let Some(config) = config else { return MailForm { security: "starttls".into(), port: "587".into(), ..MailForm::default() } };
        let settings = &config.settings;
        MailForm {
            host: settings.host.as_str().to_owned(),
            port: settings.port.to_string(),
            security: settings.security.as_str().to_owned(),
            user: settings.user.clone().unwrap_or_default(),
            from: settings.from.as_str().to_owned(),
            alerts: settings.alerts_to.iter().map(EmailAddress::as_str).collect::<Vec<_>>().join("\n"),
            ..MailForm::default()
        }
    }

    fn parse(&self) -> Result<MailSettings, Vec<DomainError>> {
        let host = MailHost::parse(&self.host);
        let security = MailSecurity::parse(&self.security);
        let port = match self.port.trim() {
            "" => Ok(security.as_ref().map_or(587, MailSecurity::usual_port)),
            text => text.parse::<u16>().map_err(|_| DomainError::invalid("port", "must be a port number from 1 to 65535")),
        };
        let alerts: Vec<&str> = self.alerts.lines().collect();
        match (host, security, port) {
            (Ok(host), Ok(security), Ok(port)) => {
                let user = Some(self.user.as_str()).filter(|user| !user.trim().is_empty());
                MailSettings::new(host, port, security, user, &self.from, &alerts).map_err(|error| vec![error])
            }
            (host, security, port) => Err([host.err(), security.err(), port.err()].into_iter().flatten().collect()),
        }
    }
}

#[derive(Deserialize, Default)]
struct Notice {
    #[serde(default)]
    saved: Option<String>,
    #[serde(default)]
    tested: Option<String>,
}

fn require_owner(session: &Session) -> Result<(), PageError> {
    if session.signed_in.role().allows(Permission::SettingsManage) {
        Ok(())
    } else {
        Err(PageError::Denied(format!("{} may not change settings", session.signed_in.role())))
    }
}

async fn mail_page(
    State(state): State<Arc<ServerState>>,
    Ready(session): Ready,
    Query(notice): Query<Notice>,
) -> Result<Response, PageError> {
    require_owner(&session)?;
    let language = session.signed_in.language();
    let said = if notice.saved.is_some() { Some(m(language, M::Saved)) } else { notice.tested.is_some().then(|| m(language, M::TestSent)) };
    render(&state, &session, None, &FieldErrors::default(), said.map(str::to_owned), None).await
}

/// The page; `form` is a refused form to show again, `notice` a line of good news, `test_error`
/// the server's refusal of a test message.
async fn render(
    state: &Arc<ServerState>,
    session: &Session,
    form: Option<MailForm>,
    errors: &FieldErrors,
    notice: Option<String>,
    test_error: Option<String>,
) -> Result<Response, PageError> {
    let language = session.signed_in.language();
    let actor = session.signed_in.actor()?.clone();
    let (config, outbox) = state.run(move |vault| Ok::<_, AppError>((vault.mail_settings(&actor)?, vault.outbox(&actor, None)?))).await?;
    let form = form.unwrap_or_else(|| MailForm::of(config.as_ref()));
    let field = |name: &'static str, label: M, value: &str, kind: &str| {
        html! {
            label for=(name) { (m(language, label)) }
            @if let Some(error) = errors.get(name) { p.error id={ (name) "-error" } { (error) } }
            input type=(kind) id=(name) name=(name) value=(errors.shown(name, value)) aria-invalid=[errors.get(name).map(|_| "true")];
        }
    };
    let content = html! {
        h1 { (m(language, M::Title)) }
        p.muted { (m(language, M::Intro)) }
        @if let Some(notice) = &notice { p.notice role="status" { (notice) } }
        @if config.is_none() { p.attention { (m(language, M::NotSetUp)) } }
        form method="post" action="/settings/mail" {
            (csrf_field(&session.csrf))
            (form_error(errors.get("form")))
            (field("host", M::Server, &form.host, "text"))
            label for="security" { (m(language, M::Security)) }
            @if let Some(error) = errors.get("security") { p.error { (error) } }
            select id="security" name="security" {
                @for (security, label) in [(MailSecurity::StartTls, M::SecurityStartTls), (MailSecurity::Tls, M::SecurityTls), (MailSecurity::None, M::SecurityNone)] {
                    option value=(security.as_str()) selected[form.security == security.as_str()] { (m(language, label)) }
                }
            }
            (field("port", M::Port, &form.port, "text"))
            (field("user", M::User, &form.user, "text"))
            label for="password" { (m(language, M::Password)) }
            @if config.as_ref().is_some_and(|config| config.has_password) {
                p.muted { (m(language, M::PasswordKept)) }
                label.check { input type="checkbox" name="remove_password" value="yes"; " " (m(language, M::RemovePassword)) }
            }
            input type="password" id="password" name="password" autocomplete="new-password";
            (field("from", M::From, &form.from, "email"))
            label for="alerts" { (m(language, M::AlertsTo)) }
            p.muted { (m(language, M::AlertsHint)) }
            @if let Some(error) = errors.get("alerts_to") { p.error { (error) } }
            textarea id="alerts" name="alerts" rows="3" { (errors.shown("alerts_to", &form.alerts)) }
            label for="trusted_ca" { (m(language, M::TrustedCa)) }
            p.muted { (m(language, M::TrustedCaHint)) }
            @if config.as_ref().is_some_and(|config| config.has_trusted_ca) {
                p.muted { (m(language, M::TrustedCaKept)) }
                label.check { input type="checkbox" name="remove_trusted_ca" value="yes"; " " (m(language, M::RemoveTrustedCa)) }
            }
            textarea id="trusted_ca" name="trusted_ca" rows="3" {}
            button type="submit" { (m(language, M::Save)) }
        }
        @if config.is_some() {
            h2 { (m(language, M::TestTitle)) }
            @if let Some(error) = &test_error { p.error role="alert" { (error) } }
            form method="post" action="/settings/mail/test" {
                (csrf_field(&session.csrf))
                label for="to" { (m(language, M::TestTo)) }
                input type="email" id="to" name="to" required;
                button type="submit" { (m(language, M::SendTest)) }
            }
        }
        (outbox_section(language, session, &outbox, "/settings/mail"))
    };
    Ok(page(m(language, M::Title), Some(session), content).into_response())
}

/// The outbox as a table: counts by state, then the messages a person should look at (refused
/// and unconfirmed ones, with their buttons), then the rest. `back` is the page to return to.
pub(super) fn outbox_section(language: Language, session: &Session, outbox: &Outbox, back: &str) -> Markup {
    // What needs a person first, then the latest of the rest.
    let rest = outbox.latest.iter().filter(|entry| !outbox.attention.iter().any(|seen| seen.id == entry.id));
    html! {
        h2 { (m(language, M::OutboxTitle)) }
        @if outbox.counts.is_empty() {
            p.muted { (m(language, M::OutboxEmpty)) }
        } @else {
            p.outbox-counts {
                @for state in MailState::ALL {
                    @if outbox.count(state) > 0 { span { (state_label(language, state)) ": " strong { (outbox.count(state)) } } " " }
                }
            }
            @if outbox.attention.iter().any(|entry| entry.state == MailState::Handing && entry.decidable) { p.attention { (m(language, M::HandingExplained)) } }
            @if outbox.count(MailState::Held) > 0 { p.attention { (m(language, M::HeldExplained)) } }
            table.outbox {
                tbody {
                    @for entry in outbox.attention.iter().chain(rest) {
                        tr.attention[outbox.attention.iter().any(|seen| seen.id == entry.id)] {
                            td { (moment(language, entry.queued_at)) }
                            td { (m(language, match entry.kind {
                                strongroom_app::MailKind::Alert => M::KindAlert,
                                strongroom_app::MailKind::Letter => M::KindLetter,
                                strongroom_app::MailKind::Reminder => M::KindReminder,
                                strongroom_app::MailKind::Drill => M::KindDrill,
                            })) }
                            td {
                                @if let Some(to) = &entry.to { (to) }
                                @else if let Some(customer) = entry.customer { a href={ "/customers/" (customer) } { (m(language, M::Customer)) } }
                            }
                            td { (state_label(language, entry.state)) @if entry.attempts > 1 { " · " (entry.attempts) " " (m(language, M::Attempts)) } }
                            td { @if let Some(reason) = &entry.reason { (reason) } }
                            td { (decisions(language, session, entry, back)) }
                        }
                    }
                }
            }
        }
    }
}

/// The buttons for a message that needs a person: send again, it was sent, cancel.
fn decisions(language: Language, session: &Session, entry: &OutboxEntry, back: &str) -> Markup {
    let applies = |change: &str| match entry.state {
        MailState::Handing => entry.decidable,
        MailState::Failed | MailState::Held => change != "mark-sent",
        MailState::Cancelled => change == "retry",
        MailState::Queued | MailState::Sent => false,
    };
    html! {
        @for (change, label) in [("retry", M::Retry), ("mark-sent", M::MarkSent), ("cancel", M::Cancel)] {
            @if applies(change) {
                form.inline method="post" action={ "/mail/" (entry.id) "/" (change) } {
                    (csrf_field(&session.csrf))
                    input type="hidden" name="back" value=(back);
                    button type="submit" { (m(language, label)) }
                }
            }
        }
    }
}

async fn save_mail(
    State(state): State<Arc<ServerState>>,
    Ready(session): Ready,
    Form(form): Form<MailForm>,
) -> Result<Response, PageError> {
    session.check_csrf(&state, &form.csrf)?;
    require_owner(&session)?;
    let language = session.signed_in.language();
    let settings = match form.parse() {
        Ok(settings) => settings,
        Err(errors) => {
            let errors = FieldErrors::from_domain(language, &errors, &form);
            return render(&state, &session, Some(form), &errors, None, None).await;
        }
    };
    let password = if form.remove_password == "yes" {
        PasswordChange::Remove
    } else if form.password.is_empty() {
        if settings.user.is_some() { PasswordChange::Keep } else { PasswordChange::Remove }
    } else {
        PasswordChange::Set(Zeroizing::new(form.password.clone()))
    };
    let actor = session.signed_in.actor()?.clone();
    let trusted_ca = if form.remove_trusted_ca == "yes" {
        TrustedCa::Remove
    } else if form.trusted_ca.trim().is_empty() {
        TrustedCa::Keep
    } else {
        TrustedCa::Set(form.trusted_ca.trim().to_owned())
    };
    match state.run(move |vault| vault.set_mail_settings(&actor, settings, password, trusted_ca)).await {
        Ok(()) => Ok(Redirect::to("/settings/mail?saved=1").into_response()),
        Err(AppError::StepUpRequired) => Err(PageError::StepUp("/settings/mail".into())),
        Err(AppError::Conflict(why)) => {
            let errors = FieldErrors::from_domain(language, &[DomainError::invalid("form", why)], &form);
            render(&state, &session, Some(form), &errors, None, None).await
        }
        Err(AppError::Invalid(error)) => {
            let errors = FieldErrors::from_domain(language, &[error], &form);
            render(&state, &session, Some(form), &errors, None, None).await
        }
        Err(other) => Err(other.into()),
    }
}

#[derive(Deserialize)]
struct TestForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    to: String,
}

async fn test_mail(
    State(state): State<Arc<ServerState>>,
    Ready(session): Ready,
    Form(form): Form<TestForm>,
) -> Result<Response, PageError> {
    session.check_csrf(&state, &form.csrf)?;
    require_owner(&session)?;
    let language = session.signed_in.language();
    let to = match EmailAddress::parse(&form.to) {
        Ok(to) => to,
        Err(error) => {
            let said = app_message(language, &AppError::Invalid(error));
            return render(&state, &session, None, &FieldErrors::default(), None, Some(said)).await;
        }
    };
    let actor = session.signed_in.actor()?.clone();
    let sent = state
        .run(move |vault| {
            vault.send_test_mail(
                &actor,
                &to,
                "Strongroom: test message / testbericht",
                "This is a test message from Strongroom: the shop's mail settings work.\n\nDit is een testbericht van Strongroom: de mailinstellingen van de winkel werken.\n",
            )
        })
        .await;
    match sent {
        Ok(_) => Ok(Redirect::to("/settings/mail?tested=1").into_response()),
        Err(error @ AppError::Conflict(_)) => {
            render(&state, &session, None, &FieldErrors::default(), None, Some(app_message(language, &error))).await
        }
        Err(other) => Err(other.into()),
    }
}

#[derive(Deserialize)]
struct ChangeForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    back: String,
}

async fn change_message(
    State(state): State<Arc<ServerState>>,
    Ready(session): Ready,
    Path((id, change)): Path<(String, String)>,
    Form(form): Form<ChangeForm>,
) -> Result<Response, PageError> {
    session.check_csrf(&state, &form.csrf)?;
    let id = uuid::Uuid::parse_str(&id).map_err(|_| PageError::NotFound)?;
    let change = match change.as_str() {
        "retry" => MailChange::Retry,
        "mark-sent" => MailChange::MarkSent,
        "cancel" => MailChange::Cancel,
        _ => return Err(PageError::NotFound),
    };
    let actor = session.signed_in.actor()?.clone();
    state.run(move |vault| vault.change_mail(&actor, id, change)).await?;
    Ok(Redirect::to(super::local_path(Some(&form.back))).into_response())
}
