//! The owner's security desk. So far: the host doctor's page (`/desk/doctor`), every check of
//! this machine and of Strongroom with what was found and the fix, in the person's language
//! (the checks' English words translated by the table below, their values carried over).

use std::sync::Arc;

use axum::Router;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use maud::html;
use serde::Deserialize;
use strongroom_app::AppError;
use strongroom_app::desk::{Check, HostFacts, Status};
use strongroom_domain::{Language, Permission};

use super::form::Form;
use super::{PageError, Ready, Session, csrf_field, page};
use crate::ServerState;

pub fn routes() -> Router<Arc<ServerState>> {
    Router::new().route("/desk/doctor", get(doctor_page)).route("/desk/doctor/website", post(set_website))
}

/// The doctor's English words → Dutch; `{}` stands for a value carried over, in order.
const NL: &[(&str, &str)] = &[
    ("the key or passphrase file cannot be read", "het sleutel- of wachtwoordzinbestand kan niet worden gelezen"),
    (
        "check that the key or passphrase file is where it was given, and belongs to this account",
        "controleer dat het sleutel- of wachtwoordzinbestand staat waar het werd opgegeven, en van dit account is",
    ),
    ("no key or passphrase file was given to check", "er is geen sleutel- of wachtwoordzinbestand opgegeven om te controleren"),
    ("run the doctor with --key-file or --passphrase-file", "start de controle met --key-file of --passphrase-file"),
    (
        "only this account can read the key or passphrase file (mode {})",
        "alleen dit account kan het sleutel- of wachtwoordzinbestand lezen (modus {})",
    ),
    (
        "other users of this computer can read the key or passphrase file (mode {})",
        "andere gebruikers van deze computer kunnen het sleutel- of wachtwoordzinbestand lezen (modus {})",
    ),
    ("run: chmod 600 on the key or passphrase file", "voer uit: chmod 600 op het sleutel- of wachtwoordzinbestand"),
    (
        "the key or passphrase file is inside the data directory: whoever copies the data takes the key with it",
        "het sleutel- of wachtwoordzinbestand staat in de gegevensmap: wie de gegevens kopieert, neemt de sleutel mee",
    ),
    (
        "move it elsewhere (a USB stick kept apart, or another folder) and point --key-file or --passphrase-file at it",
        "zet het ergens anders (een apart bewaarde USB-stick, of een andere map) en wijs --key-file of --passphrase-file ernaar",
    ),
    (
        "the key or passphrase file is on the same disk as the backups in {}",
        "het sleutel- of wachtwoordzinbestand staat op dezelfde schijf als de back-ups in {}",
    ),
    (
        "keep it on another disk than the backups, so one stolen disk does not hold both",
        "bewaar het op een andere schijf dan de back-ups, zodat één gestolen schijf niet beide bevat",
    ),
    (
        "the key or passphrase file is kept apart from the data and the backups",
        "het sleutel- of wachtwoordzinbestand staat los van de gegevens en de back-ups",
    ),
    (
        "whether security updates install by themselves could not be told",
        "of beveiligingsupdates zichzelf installeren, kon niet worden vastgesteld",
    ),
    ("ClamAV is not running: this computer has no virus scanner watching", "ClamAV draait niet: er let geen virusscanner op deze computer"),
    ("only this account can open the data directory (mode {})", "alleen dit account kan de gegevensmap openen (modus {})"),
    (
        "other users of this computer can look into the data directory (mode {})",
        "andere gebruikers van deze computer kunnen in de gegevensmap kijken (modus {})",
    ),
    ("run: chmod 700 on the data directory", "voer uit: chmod 700 op de gegevensmap"),
    ("the data directory cannot be read", "de gegevensmap kan niet worden gelezen"),
    ("check that the data directory exists and belongs to this account", "controleer dat de gegevensmap bestaat en van dit account is"),
    ("the vault opens with a passphrase: there is no key file", "de kluis gaat open met een wachtwoordzin: er is geen sleutelbestand"),
    ("only this account can read the key file (mode {})", "alleen dit account kan het sleutelbestand lezen (modus {})"),
    (
        "other users of this computer can read the key file (mode {})",
        "andere gebruikers van deze computer kunnen het sleutelbestand lezen (modus {})",
    ),
    ("run: chmod 600 on the key file", "voer uit: chmod 600 op het sleutelbestand"),
    (
        "the key file is inside the data directory: whoever copies the data takes the key with it",
        "het sleutelbestand staat in de gegevensmap: wie de gegevens kopieert, neemt de sleutel mee",
    ),
    (
        "move the key file elsewhere (a USB stick kept apart, or another folder) and point --key-file at it",
        "zet het sleutelbestand ergens anders (een apart bewaarde USB-stick, of een andere map) en wijs --key-file ernaar",
    ),
    ("the key file is on the same disk as the backups in {}", "het sleutelbestand staat op dezelfde schijf als de back-ups in {}"),
    (
        "keep the key file on another disk than the backups, so one stolen disk does not hold both",
        "bewaar het sleutelbestand op een andere schijf dan de back-ups, zodat één gestolen schijf niet beide bevat",
    ),
    ("the key file is kept apart from the data and the backups", "het sleutelbestand staat los van de gegevens en de back-ups"),
    ("the data directory's disk is encrypted (LUKS)", "de schijf van de gegevensmap is versleuteld (LUKS)"),
    (
        "the data directory's disk is not encrypted; Strongroom seals customer data itself, but the rest of this computer is open to whoever takes it",
        "de schijf van de gegevensmap is niet versleuteld; Strongroom versleutelt klantgegevens zelf, maar de rest van deze computer ligt open voor wie hem meeneemt",
    ),
    (
        "turn on full-disk encryption (LUKS; BitLocker or FileVault on the shop's other computers)",
        "zet volledige schijfversleuteling aan (LUKS; BitLocker of FileVault op de andere computers van de winkel)",
    ),
    ("whether the disk is encrypted could not be told from here", "of de schijf versleuteld is, kon hier niet worden vastgesteld"),
    ("check that full-disk encryption is on", "controleer dat volledige schijfversleuteling aan staat"),
    ("a firewall is on ({})", "er staat een firewall aan ({})"),
    ("no firewall was found on (ufw, firewalld or nftables)", "er is geen firewall aan gevonden (ufw, firewalld of nftables)"),
    (
        "turn on a firewall that lets in only Strongroom's port from the shop's own network (for example: ufw enable)",
        "zet een firewall aan die alleen de poort van Strongroom vanuit het eigen netwerk van de winkel doorlaat (bijvoorbeeld: ufw enable)",
    ),
    ("the system's updates were looked for {} days ago", "het systeem zocht {} dagen geleden naar updates"),
    (
        "the system has not looked for updates in {} days (security updates are due within 14)",
        "het systeem heeft in {} dagen niet naar updates gezocht (beveiligingsupdates horen binnen 14 dagen)",
    ),
    (
        "install the updates now (apt update && apt upgrade) and turn on automatic updates",
        "installeer de updates nu (apt update && apt upgrade) en zet automatische updates aan",
    ),
    (
        "when the system last looked for updates could not be told",
        "wanneer het systeem voor het laatst naar updates zocht, kon niet worden vastgesteld",
    ),
    (
        "check that security updates are installed at least every 14 days",
        "controleer dat beveiligingsupdates minstens elke 14 dagen worden geïnstalleerd",
    ),
    ("security updates install by themselves (unattended-upgrades)", "beveiligingsupdates installeren zichzelf (unattended-upgrades)"),
    ("security updates do not install by themselves", "beveiligingsupdates installeren zichzelf niet"),
    (
        "turn on automatic security updates (apt install unattended-upgrades)",
        "zet automatische beveiligingsupdates aan (apt install unattended-upgrades)",
    ),
    ("the clock is kept right by a time server", "de klok wordt gelijk gehouden door een tijdserver"),
    (
        "the clock is not kept right by a time server: sign-in codes, deadlines and the trail's times depend on it",
        "de klok wordt niet gelijk gehouden door een tijdserver: inlogcodes, termijnen en de tijden in het logboek hangen ervan af",
    ),
    ("turn on time synchronisation (timedatectl set-ntp true)", "zet tijdsynchronisatie aan (timedatectl set-ntp true)"),
    ("whether the clock is synchronised could not be told", "of de klok gelijk wordt gezet, kon niet worden vastgesteld"),
    ("check that the clock is set from a time server", "controleer dat de klok door een tijdserver wordt gezet"),
    ("only {} MB ({}%) free on the data directory's disk", "nog maar {} MB ({}%) vrij op de schijf van de gegevensmap"),
    (
        "free space or move the data to a larger disk: a full disk stops sales being recorded",
        "maak ruimte vrij of zet de gegevens op een grotere schijf: een volle schijf houdt het vastleggen van verkopen tegen",
    ),
    ("{} MB ({}%) free on the data directory's disk", "{} MB ({}%) vrij op de schijf van de gegevensmap"),
    ("free some space before it runs out", "maak wat ruimte vrij voordat die op is"),
    ("{} MB ({}%) free", "{} MB ({}%) vrij"),
    ("the free space could not be read", "de vrije ruimte kon niet worden gelezen"),
    ("check the data directory's disk", "controleer de schijf van de gegevensmap"),
    (
        "no TLS certificate was found to check (the server makes one when it starts)",
        "er is geen TLS-certificaat gevonden om te controleren (de server maakt er een bij het starten)",
    ),
    (
        "start the server once, or give it the shop's own certificate",
        "start de server één keer, of geef hem het eigen certificaat van de winkel",
    ),
    ("the server's TLS certificate has expired", "het TLS-certificaat van de server is verlopen"),
    (
        "restart the server to renew its own certificate, or renew the shop's",
        "herstart de server om zijn eigen certificaat te vernieuwen, of vernieuw dat van de winkel",
    ),
    ("the server's TLS certificate expires in {} days", "het TLS-certificaat van de server verloopt over {} dagen"),
    (
        "renew the certificate now (the server renews its own on restart)",
        "vernieuw het certificaat nu (de server vernieuwt zijn eigen bij een herstart)",
    ),
    ("the server's TLS certificate is valid for {} more days", "het TLS-certificaat van de server is nog {} dagen geldig"),
    ("ClamAV is running; its signatures are {} days old", "ClamAV draait; de virusdefinities zijn {} dagen oud"),
    ("ClamAV is running but its signatures are {} days old", "ClamAV draait, maar de virusdefinities zijn {} dagen oud"),
    (
        "let freshclam update the signatures (systemctl enable --now clamav-freshclam)",
        "laat freshclam de virusdefinities bijwerken (systemctl enable --now clamav-freshclam)",
    ),
    ("ClamAV is running but its signatures could not be found", "ClamAV draait, maar de virusdefinities zijn niet gevonden"),
    ("run freshclam once", "voer freshclam één keer uit"),
    ("ClamAV is not running: uploaded files cannot be scanned", "ClamAV draait niet: geüploade bestanden kunnen niet worden gescand"),
    (
        "install and start it (apt install clamav-daemon; systemctl enable --now clamav-daemon)",
        "installeer en start het (apt install clamav-daemon; systemctl enable --now clamav-daemon)",
    ),
    ("no backup folder is set", "er is geen map voor back-ups ingesteld"),
    ("choose where backups go on the backup page", "kies op de back-uppagina waar back-ups heen gaan"),
    ("the last good backup is {} hours old", "de laatste goede back-up is {} uur oud"),
    ("the last good backup is {} days old", "de laatste goede back-up is {} dagen oud"),
    (
        "make a backup now (backup page), and find out why the daily one failed",
        "maak nu een back-up (back-uppagina) en zoek uit waarom de dagelijkse mislukte",
    ),
    ("there is no good backup yet", "er is nog geen goede back-up"),
    ("make a backup now on the backup page", "maak nu een back-up op de back-uppagina"),
    ("the last restore drill worked, {} days ago", "de laatste terugzetoefening lukte, {} dagen geleden"),
    (
        "the last restore drill failed: a backup may not restore",
        "de laatste terugzetoefening mislukte: een back-up is misschien niet terug te zetten",
    ),
    ("run a restore drill on the backup page and read what failed", "doe een terugzetoefening op de back-uppagina en lees wat er misging"),
    ("no restore drill in the last month", "geen terugzetoefening in de afgelopen maand"),
    ("run a restore drill on the backup page", "doe een terugzetoefening op de back-uppagina"),
    (
        "the last check of the audit trail found it changed or damaged",
        "de laatste controle van het logboek vond het gewijzigd of beschadigd",
    ),
    (
        "run `strongroom audit verify` and read what it names; report an incident",
        "voer `strongroom audit verify` uit en lees wat het noemt; meld een incident",
    ),
    ("the audit trail was verified {} days ago and holds", "het logboek is {} dagen geleden gecontroleerd en klopt"),
    ("the audit trail was last verified {} days ago", "het logboek is voor het laatst {} dagen geleden gecontroleerd"),
    ("run `strongroom audit verify` (monthly)", "voer `strongroom audit verify` uit (maandelijks)"),
    ("the audit trail was never verified", "het logboek is nooit gecontroleerd"),
    ("run `strongroom audit verify`", "voer `strongroom audit verify` uit"),
    ("every account that sees customer data has a second factor", "elk account dat klantgegevens ziet, heeft een tweede factor"),
    ("without a second factor: {}", "zonder tweede factor: {}"),
    (
        "have them add an authenticator app or a passkey at their next sign-in",
        "laat hen bij de volgende keer inloggen een authenticator-app of een passkey toevoegen",
    ),
    ("every account signed in within {} days", "elk account logde binnen {} dagen in"),
    ("no sign-in for {} days: {}", "{} dagen niet ingelogd: {}"),
    ("disable the accounts of people who left (staff page)", "schakel de accounts uit van mensen die vertrokken zijn (personeelspagina)"),
    ("no lesson is more than 14 days overdue (people on the staff: {})", "geen les is meer dan 14 dagen te laat (medewerkers: {})"),
    ("lessons more than 14 days overdue: {}", "lessen meer dan 14 dagen te laat: {}"),
    ("remind them; the training page shows who is behind", "herinner ze eraan; de trainingspagina laat zien wie achterloopt"),
    ("the training does not read: {}", "de training is niet te lezen: {}"),
    ("report it: run `strongroom audit verify`", "meld het: voer `strongroom audit verify` uit"),
    ("{} could not be reached over HTTPS ({})", "{} was niet bereikbaar over HTTPS ({})"),
    ("check the address on this page, and that the website is online", "controleer het adres op deze pagina, en of de website online is"),
    (
        "ask whoever hosts the website to fix the certificate (Let's Encrypt certificates are free and renew by themselves)",
        "vraag wie de website host het certificaat te herstellen (certificaten van Let's Encrypt zijn gratis en vernieuwen zichzelf)",
    ),
    (
        "{}'s certificate is not signed by an authority browsers trust",
        "het certificaat van {} is niet ondertekend door een instantie die browsers vertrouwen",
    ),
    ("{}'s certificate is made out for another name", "het certificaat van {} staat op een andere naam"),
    ("{}'s certificate has expired", "het certificaat van {} is verlopen"),
    (
        "{}'s certificate is not valid yet (or this clock is wrong)",
        "het certificaat van {} is nog niet geldig (of deze klok loopt verkeerd)",
    ),
    ("{}'s certificate was revoked", "het certificaat van {} is ingetrokken"),
    ("{}'s certificate is not accepted ({})", "het certificaat van {} wordt niet geaccepteerd ({})"),
    ("{}'s certificate expires in {} days", "het certificaat van {} verloopt over {} dagen"),
    (
        "make sure it is renewed (most hosts renew 30 days before the end; this one has not been)",
        "zorg dat het vernieuwd wordt (de meeste hosts vernieuwen 30 dagen voor het einde; dit is niet gebeurd)",
    ),
    ("{}'s certificate is trusted and valid for {} more days", "het certificaat van {} wordt vertrouwd en is nog {} dagen geldig"),
    ("{} speaks only TLS 1.2 and newer (this visit used {})", "{} spreekt alleen TLS 1.2 en nieuwer (dit bezoek gebruikte {})"),
    ("{} still accepts {}, which are broken and retired", "{} accepteert nog {}, die gebroken en afgeschaft zijn"),
    (
        "turn off SSL 3.0, TLS 1.0 and TLS 1.1 in the web server or the hosting panel, keeping TLS 1.2 and 1.3",
        "zet SSL 3.0, TLS 1.0 en TLS 1.1 uit in de webserver of het hostingpaneel, en houd TLS 1.2 en 1.3 aan",
    ),
    ("whether {} still accepts TLS 1.0 or 1.1 could not be told", "of {} nog TLS 1.0 of 1.1 accepteert, was niet vast te stellen"),
    ("run the check again later", "voer de controle later opnieuw uit"),
    (
        "add the header Strict-Transport-Security: max-age=31536000 (the hosting panel's \"HSTS\" switch)",
        "voeg de header Strict-Transport-Security: max-age=31536000 toe (de schakelaar \"HSTS\" in het hostingpaneel)",
    ),
    // Before the sentence it begins like, which would take "just" for part of a value.
    ("{} tells browsers to use only HTTPS for just {} days (HSTS)", "{} laat browsers maar {} dagen lang alleen HTTPS gebruiken (HSTS)"),
    ("{} tells browsers to use only HTTPS for {} days (HSTS)", "{} laat browsers {} dagen lang alleen HTTPS gebruiken (HSTS)"),
    ("{} sends an HSTS header without a max-age that reads ({})", "{} stuurt een HSTS-header zonder leesbare max-age ({})"),
    (
        "plain http:// answers with status {} and does not send visitors on to https://",
        "gewoon http:// antwoordt met status {} en stuurt bezoekers niet door naar https://",
    ),
    ("not checked: {} could not be reached", "niet gecontroleerd: {} was niet bereikbaar"),
    (
        "this computer has no root certificates to judge {}'s certificate by",
        "deze computer heeft geen basiscertificaten om het certificaat van {} te beoordelen",
    ),
    (
        "install the system's root certificates (apt install ca-certificates)",
        "installeer de basiscertificaten van het systeem (apt install ca-certificates)",
    ),
    (
        "{}'s certificate is trusted, but its end date could not be read",
        "het certificaat van {} wordt vertrouwd, maar de einddatum kon niet worden gelezen",
    ),
    (
        "{} does not tell browsers to use only HTTPS (no HSTS header)",
        "{} vraagt browsers niet om alleen HTTPS te gebruiken (geen HSTS-header)",
    ),
    ("{} gave no answer to read HSTS from", "{} gaf geen antwoord waaruit HSTS te lezen was"),
    (
        "send every http:// visit on to https:// (the hosting panel's \"force HTTPS\" switch)",
        "stuur elk bezoek aan http:// door naar https:// (de schakelaar \"HTTPS afdwingen\" in het hostingpaneel)",
    ),
    ("plain http:// visits are sent on to https://", "bezoeken aan gewoon http:// worden doorgestuurd naar https://"),
    (
        "plain http:// visits are sent on to {}, not to https://",
        "bezoeken aan gewoon http:// worden doorgestuurd naar {}, niet naar https://",
    ),
    ("nothing answers on plain http://, so nothing is sent unencrypted", "op gewoon http:// antwoordt niets, dus niets gaat onversleuteld"),
    (
        "pages are served over plain http:// (status {}) instead of being sent on to https://",
        "pagina's worden via gewoon http:// geserveerd (status {}) in plaats van doorgestuurd naar https://",
    ),
    ("what plain http:// does could not be told ({})", "wat gewoon http:// doet, was niet vast te stellen ({})"),
];

/// A check's words in `language`.
/// The doctor's words in `language` (the self-assessment shows some of them as evidence).
pub(super) fn words(language: Language, text: &str) -> String {
    super::i18n::translate_with(NL, language, text).into_owned()
}

/// The page's title, also its link's words.
pub(super) fn title(language: Language) -> &'static str {
    if language == Language::Nl { "Controle van deze computer" } else { "Check of this computer" }
}

fn status_words(language: Language, status: Status) -> &'static str {
    match (language, status) {
        (Language::En, Status::Ok) => "ok",
        (Language::En, Status::Attention) => "attention",
        (Language::En, Status::Problem) => "problem",
        (Language::Nl, Status::Ok) => "in orde",
        (Language::Nl, Status::Attention) => "aandacht",
        (Language::Nl, Status::Problem) => "probleem",
    }
}

fn row(language: Language, check: &Check) -> maud::Markup {
    let class = match check.status {
        Status::Ok => "ok",
        Status::Attention => "attention",
        Status::Problem => "problem",
    };
    html! {
        tr class=(class) {
            td { strong { (status_words(language, check.status)) } }
            td { (words(language, &check.detail)) @if !check.fix.is_empty() { br; span.muted { (words(language, &check.fix)) } } }
        }
    }
}

/// A check's name in plain words, for the auditor's view of the last daily run.
fn check_name(language: Language, id: &str) -> &str {
    let (en, nl) = match id {
        "data_dir_permissions" => ("Who can open the data directory", "Wie de gegevensmap kan openen"),
        "key_file_permissions" => ("Who can read the key file", "Wie het sleutelbestand kan lezen"),
        "key_file_location" => ("Where the key file is kept", "Waar het sleutelbestand staat"),
        "disk_encryption" => ("Disk encryption", "Schijfversleuteling"),
        "firewall" => ("Firewall", "Firewall"),
        "os_updates" => ("System updates", "Systeemupdates"),
        "automatic_updates" => ("Automatic updates", "Automatische updates"),
        "clock" => ("The clock", "De klok"),
        "free_disk" => ("Free disk space", "Vrije schijfruimte"),
        "tls_certificate" => ("The server's certificate", "Het certificaat van de server"),
        "antivirus" => ("Virus scanner", "Virusscanner"),
        "backup_age" => ("The last good backup", "De laatste goede back-up"),
        "restore_drill" => ("The last restore drill", "De laatste hersteloefening"),
        "audit_verify" => ("The audit trail's last verification", "De laatste controle van het auditspoor"),
        "second_factor" => ("Second factors", "Tweede factoren"),
        "dormant_accounts" => ("Unused accounts", "Ongebruikte accounts"),
        "staff_training" => ("Staff training", "Training van de medewerkers"),
        "website_certificate" => ("The website's certificate", "Het certificaat van de website"),
        "website_tls_versions" => ("The website's TLS versions", "De TLS-versies van de website"),
        "website_hsts" => ("The website's HSTS", "HSTS van de website"),
        "website_http_redirect" => ("The website's plain http://", "Gewoon http:// bij de website"),
        _ => (id, id),
    };
    if language == Language::Nl { nl } else { en }
}

/// The last daily run's statuses, for the external auditor.
async fn last_run_page(state: &Arc<ServerState>, session: &super::Session) -> Result<Response, PageError> {
    let language = session.signed_in.language();
    let actor = session.signed_in.actor()?.clone();
    let last = state.run(move |vault| vault.doctor_last_run(&actor)).await?;
    let title = title(language);
    let (as_of, never) = if language == Language::Nl {
        ("De laatste dagelijkse controle, van", "De dagelijkse controle heeft nog niet gedraaid.")
    } else {
        ("The last daily check, of", "The daily check has not run yet.")
    };
    let content = html! {
        h1 { (title) }
        @match &last {
            Some((at, checks)) => {
                p.muted { (as_of) " " (super::when(language, *at)) }
                table.doctor { tbody { @for (id, status) in checks { tr { td { (check_name(language, id)) } td { strong { (status_words(language, *status)) } } } } } }
            }
            None => p { (never) },
        }
    };
    Ok(page(title, Some(session), content).into_response())
}

async fn doctor_page(State(state): State<Arc<ServerState>>, Ready(session): Ready) -> Result<Response, PageError> {
    let language = session.signed_in.language();
    if !session.signed_in.role().allows(Permission::SettingsManage) && session.signed_in.role().allows(Permission::DeskRead) {
        return last_run_page(&state, &session).await;
    }
    super::allowed_to(&session, Permission::SettingsManage, only_owner(language))?;
    render(&state, &session, None).await
}

/// The owner's page: every check, then the website's address to change.
async fn render(state: &Arc<ServerState>, session: &Session, problem: Option<String>) -> Result<Response, PageError> {
    let language = session.signed_in.language();
    let actor = session.signed_in.actor()?.clone();
    let paths = state.host_paths();
    let (checks, website) =
        state.run(move |vault| Ok::<_, AppError>((vault.doctor(&actor, &HostFacts::probe(&paths))?, vault.website()?))).await?;
    let website = website.map(|site| site.shown());
    let title = title(language);
    let intro = if language == Language::Nl {
        "Wat Strongroom naging op de computer waarop het draait, en bij zichzelf: wat in orde is, wat aandacht vraagt en wat een probleem is, met wat eraan te doen."
    } else {
        "What Strongroom looked at on the computer it runs on, and in itself: what is fine, what needs attention and what is a problem, with what to do about it."
    };
    let content = html! {
        h1 { (title) }
        p.muted { (intro) }
        table.doctor { tbody { @for check in &checks { (row(language, check)) } } }
        h2 { (website_words(language, W::Heading)) }
        @if let Some(problem) = problem { p.error role="alert" { (problem) } }
        p.muted { (website_words(language, W::Hint)) }
        form method="post" action="/desk/doctor/website" {
            (csrf_field(&session.csrf))
            label for="address" { (website_words(language, W::Address)) }
            input id="address" name="address" type="text" placeholder="www.shop.nl" value=(website.unwrap_or_default());
            button type="submit" { (website_words(language, W::Save)) }
        }
    };
    Ok(page(title, Some(session), content).into_response())
}

fn only_owner(language: Language) -> &'static str {
    if language == Language::Nl {
        "Alleen de eigenaar ziet de controle van deze computer."
    } else {
        "Only the owner sees the check of this computer."
    }
}

#[derive(Clone, Copy)]
enum W {
    Heading,
    Hint,
    Address,
    Save,
}

fn website_words(language: Language, key: W) -> &'static str {
    match (language, key) {
        (Language::En, W::Heading) => "The shop's website",
        (Language::Nl, W::Heading) => "De website van de winkel",
        (Language::En, W::Hint) => {
            "With its address here, every check (and the daily one) also visits the website as a browser would: its certificate, its TLS versions, HSTS, and whether plain http:// is sent on to https://. Leave it empty to check no website."
        }
        (Language::Nl, W::Hint) => {
            "Met het adres hier bezoekt elke controle (ook de dagelijkse) de website zoals een browser dat doet: het certificaat, de TLS-versies, HSTS, en of gewoon http:// wordt doorgestuurd naar https://. Laat het leeg om geen website te controleren."
        }
        (Language::En, W::Address) => "The website's address",
        (Language::Nl, W::Address) => "Adres van de website",
        (Language::En, W::Save) => "Save and check",
        (Language::Nl, W::Save) => "Opslaan en controleren",
    }
}

#[derive(Deserialize)]
struct WebsiteForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    address: String,
}

async fn set_website(
    State(state): State<Arc<ServerState>>,
    Ready(session): Ready,
    Form(form): Form<WebsiteForm>,
) -> Result<Response, PageError> {
    session.check_csrf(&state, &form.csrf)?;
    let language = session.signed_in.language();
    super::allowed_to(&session, Permission::SettingsManage, only_owner(language))?;
    let actor = session.signed_in.actor()?.clone();
    match state.run(move |vault| vault.set_website(&actor, &form.address)).await {
        Ok(_) => Ok(Redirect::to("/desk/doctor").into_response()),
        Err(AppError::Conflict(why)) => render(&state, &session, Some(super::i18n::reason(language, &why).into_owned())).await,
        Err(other) => Err(other.into()),
    }
}

#[cfg(test)]
mod tests {
    use super::NL;

    /// A sentence that begins like another is translated as itself, not as the other with part
    /// of its words taken for a value.
    #[test]
    fn sentences_alike_are_told_apart() {
        use strongroom_domain::Language;
        let short = super::words(Language::Nl, "https://shop.nl tells browsers to use only HTTPS for just 1 days (HSTS)");
        assert_eq!(short, "https://shop.nl laat browsers maar 1 dagen lang alleen HTTPS gebruiken (HSTS)");
        let long = super::words(Language::Nl, "https://shop.nl tells browsers to use only HTTPS for 365 days (HSTS)");
        assert_eq!(long, "https://shop.nl laat browsers 365 dagen lang alleen HTTPS gebruiken (HSTS)");
    }

    /// Every sentence the doctor writes has its Dutch, so a new check cannot put English on a
    /// Dutch page unnoticed.
    #[test]
    fn every_sentence_of_the_doctor_is_in_the_dutch_table() {
        let mut missing = Vec::new();
        let doctor = include_str!("../../../app/src/desk/doctor.rs");
        let website = include_str!("../../../app/src/desk/website.rs");
        let before_tests = |source: &'static str| &source[..source.find("#[cfg(test)]").unwrap_or(source.len())];
        let mut literals = Vec::new();
        for source in [before_tests(doctor), before_tests(website)] {
            // An escaped quote is part of its sentence, not the end of it.
            literals.extend(source.replace("\\\"", "\u{1}").split('"').skip(1).step_by(2).map(|literal| literal.replace('\u{1}', "\"")));
        }
        for literal in &literals {
            // Words only: separators (", ", ": ") and the changes' arrows are not sentences.
            if !literal.contains(' ')
                || !literal.chars().any(char::is_alphabetic)
                || literal.contains('→')
                || literal.starts_with("doctor:")
            {
                continue;
            }
            let mut template = String::new();
            let mut in_hole = false;
            for c in literal.chars() {
                match c {
                    '{' => in_hole = true,
                    '}' if in_hole => {
                        in_hole = false;
                        template.push_str("{}");
                    }
                    _ if in_hole => {}
                    _ => template.push(c),
                }
            }
            if !NL.iter().any(|(english, _)| *english == template) {
                missing.push(template);
            }
        }
        assert!(missing.is_empty(), "doctor sentences without Dutch: {missing:#?}");
    }
}
