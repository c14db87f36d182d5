//! The outbox: every message waits here, sealed, until the shop's mail server has said it took
//! it. A sender takes a message from `queued` to `handing` (committed) only after the server has
//! accepted its envelope and asked for the text, then hands the text over and marks it `sent`
//! with its audit event. A sender killed in between leaves the message `handing`: the server may
//! have taken it, so it is never sent again by itself; the page asks a person to check and
//! choose. Killed any earlier, the message is still `queued` and the server has discarded the
//! half-told message, so the next run sends it once. A refusal keeps the message queued (for
//! now) or failed (for good) with the server's words, addresses blanked, sealed.

use serde::{Deserialize, Serialize};
use strongroom_domain::{Actor, AuditAction, CustomerId, EmailAddress, Field, IncidentId, Outcome, Permission, RecordKind};
use strongroom_store::{MailMove, MailRow, Tx};
use time::OffsetDateTime;
use uuid::Uuid;
use zeroize::Zeroizing;

use super::outbox_aad;
use super::smtp::{Account, Fault, Outgoing, Smtp};
use crate::trail::draft::EventDraft;
use crate::{AppError, Vault, from_micros_lenient, now_micros};

/// What a message is.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum MailKind {
    /// An alert to the owner and the privacy officer: someone reported a problem.
    Alert,
    /// A letter to a customer a breach reached.
    Letter,
    /// A member of staff's reminder of their training, or the owner's word of who is far
    /// behind with it.
    Reminder,
    /// A practice phishing mail of a drill.
    Drill,
}

impl MailKind {
    pub fn as_str(&self) -> &'static str {
        match self {
            MailKind::Alert => "alert",
            MailKind::Letter => "letter",
            MailKind::Reminder => "reminder",
            MailKind::Drill => "drill",
        }
    }

    fn parse(text: &str) -> Result<MailKind, AppError> {
        match text {
            "alert" => Ok(MailKind::Alert),
            "letter" => Ok(MailKind::Letter),
            "reminder" => Ok(MailKind::Reminder),
            "drill" => Ok(MailKind::Drill),
            _ => Err(AppError::corrupt("a message in the outbox has an unknown kind")),
        }
    }
}

/// Where a message stands.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum MailState {
    Queued,
    /// The server was being given the text when the sender stopped: it may have taken it.
    Handing,
    Sent,
    /// Refused for good (an address that does not exist, say).
    Failed,
    Cancelled,
    /// Waiting when a backup was made that was restored since: it may have gone meanwhile, so
    /// a person sends it or cancels it.
    Held,
}

impl MailState {
    pub const ALL: [MailState; 6] =
        [MailState::Queued, MailState::Handing, MailState::Sent, MailState::Failed, MailState::Cancelled, MailState::Held];

    pub fn as_str(&self) -> &'static str {
        match self {
            MailState::Queued => "queued",
            MailState::Handing => "handing",
            MailState::Sent => "sent",
            MailState::Failed => "failed",
            MailState::Cancelled => "cancelled",
            MailState::Held => "held",
        }
    }

    pub(crate) fn parse(text: &str) -> Result<MailState, AppError> {
        MailState::ALL
            .into_iter()
            .find(|state| state.as_str() == text)
            .ok_or_else(|| AppError::corrupt("a message in the outbox has an unknown state"))
    }
}

/// A person's decision about a message.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum MailChange {
    /// Queue it again: a failed message after the address was corrected at the customer, or
    /// one left `handing` that the server's sent folder shows was not delivered.
    Retry,
    /// One left `handing` that the server's sent folder shows was delivered.
    MarkSent,
    Cancel,
}

/// One message as the outbox page lists it.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct OutboxEntry {
    pub id: Uuid,
    pub kind: MailKind,
    pub incident: Option<IncidentId>,
    pub customer: Option<CustomerId>,
    /// An alert's address (a staff member's); a customer's is not opened for a list.
    pub to: Option<String>,
    pub state: MailState,
    pub attempts: u32,
    /// The server's last refusal, addresses blanked.
    pub reason: Option<String>,
    pub queued_at: OffsetDateTime,
    pub updated_at: OffsetDateTime,
    pub sent_at: Option<OffsetDateTime>,
    /// A person may decide about it now: not while a sender may still be handing it over.
    pub decidable: bool,
}

/// The outbox as its pages show it.
#[derive(Clone, Default, PartialEq, Eq, Debug)]
pub struct Outbox {
    pub counts: Vec<(MailState, u64)>,
    /// Refused, unconfirmed and held messages: each needs a person.
    pub attention: Vec<OutboxEntry>,
    /// The latest 50, whatever their state.
    pub latest: Vec<OutboxEntry>,
}

impl Outbox {
    pub fn count(&self, state: MailState) -> u64 {
        self.counts.iter().find(|(counted, _)| *counted == state).map_or(0, |(_, count)| *count)
    }
}

/// A message the server refused "for now" this many times fails for good (a person may send it
/// again): a message the server will never take must not be tried forever.
pub const MAX_ATTEMPTS: i64 = 10;

/// A message left `handing` this long is no longer being handed over by anyone: twice the
/// longest a sender waits for the server, and then some.
pub const HANDING_GRACE_SECONDS: i64 = 120;

fn decidable(state: MailState, updated_at: OffsetDateTime) -> bool {
    state != MailState::Handing || OffsetDateTime::now_utc() - updated_at > time::Duration::seconds(HANDING_GRACE_SECONDS)
}

/// What one run of the sender did.
#[derive(Clone, Default, PartialEq, Eq, Debug)]
pub struct Delivery {
    pub sent: u64,
    /// Refused, for now (still queued) or for good (failed).
    pub refused: u64,
    /// Letters whose customer was erased before they went: cancelled, never sent.
    pub cancelled: u64,
    /// Still queued after the run.
    pub waiting: u64,
    /// Left `handing` by an earlier sender that stopped mid-message: a person decides.
    pub unconfirmed: u64,
    /// Why the run stopped early: the server could not be reached, or broke off.
    pub stopped: Option<String>,
}

/// How one message's delivery went.
enum Step {
    Sent,
    Refused,
    Cancelled,
    /// Taken by another sender meanwhile.
    Skipped,
    /// The server cannot be reached or broke off: the rest waits for the next run.
    Stop {
        reason: String,
        refused: bool,
    },
}

/// A message as sealed.
#[derive(Serialize, Deserialize)]
pub(crate) struct Sealed {
    pub(crate) to: String,
    pub(crate) subject: String,
    pub(crate) body: String,
}

/// Blanks anything that looks like an address in a server's words, and keeps them short.
fn redact(text: &str) -> String {
    let words: Vec<String> =
        text.split_whitespace().map(|word| if word.contains('@') { "[address]".to_owned() } else { word.to_owned() }).collect();
    words.join(" ").chars().take(300).collect()
}

/// The AAD of a message's last refusal, sealed under the staff-secrets key.
fn reason_aad(id: &Uuid, version: u32) -> strongroom_crypto::FieldAad<'_> {
    strongroom_crypto::FieldAad { record_kind: "mail_outbox", field: "reason", record_id: id.as_bytes(), data_key_version: version }
}

/// A new outbox row for `message`, sealed under `key` (AAD bound to the row's id).
pub(crate) fn sealed_row(
    key: &strongroom_crypto::DataKey,
    kind: MailKind,
    incident: Option<IncidentId>,
    customer: Option<CustomerId>,
    message: &Sealed,
) -> Result<MailRow, AppError> {
    let id = Uuid::now_v7();
    let json = Zeroizing::new(serde_json::to_vec(message).map_err(|error| AppError::corrupt(error.to_string()))?);
    let now = now_micros();
    Ok(MailRow {
        id,
        kind: kind.as_str().to_owned(),
        incident_id: incident.map(|id| id.as_uuid()),
        customer_id: customer.map(|id| id.as_uuid()),
        sealed: key.seal(outbox_aad(&id, key.version()), &json)?,
        state: MailState::Queued.as_str().to_owned(),
        attempts: 0,
        reason: None,
        queued_at: now,
        updated_at: now,
        sent_at: None,
    })
}

impl Vault {
    /// Queues an alert about a new report to every alert address, in the report's own
    /// transaction; nothing when mail is not set up. It names the kind and the time, never the
    /// reporter's words, which may name a customer.
    pub(crate) fn queue_alerts(&self, tx: &mut dyn Tx, incident: IncidentId, kind: &str, drill: bool) -> Result<usize, AppError> {
        // Best effort: settings that do not open (restored under other keys, say) never stop a
        // report; the start page shows it all the same.
        let Ok(Some(account)) = self.mail_account(tx) else { return Ok(0) };
        let drill_mark = if drill { "DRILL: " } else { "" };
        let subject = format!("{drill_mark}Strongroom: a problem was reported ({kind}) / er is een probleem gemeld");
        let body = format!(
            "{drill_mark}Someone in the shop reported a problem in Strongroom ({kind}).\n\
             Open Strongroom, Incidents, to read it and take it up. If personal data may be involved, the 72 hours to tell the\n\
             supervisory authority run from when the shop became aware of it.\n\n\
             {drill_mark}Iemand in de winkel heeft een probleem gemeld in Strongroom ({kind}).\n\
             Open Strongroom, Incidenten, om het te lezen en op te pakken. Gaat het mogelijk om persoonsgegevens, dan lopen de\n\
             72 uur om de toezichthouder te informeren vanaf het moment dat de winkel ervan wist.\n\n\
             Incident {incident}\n"
        );
        for to in &account.settings.alerts_to {
            let message = Sealed { to: to.as_str().to_owned(), subject: subject.clone(), body: body.clone() };
            tx.insert_mail(&sealed_row(&self.keys.staff_key, MailKind::Alert, Some(incident), None, &message)?)?;
        }
        Ok(account.settings.alerts_to.len())
    }

    /// Opens a queued message: `None` for a customer's letter whose customer was erased.
    fn open_mail(&self, tx: &mut dyn Tx, row: &MailRow) -> Result<Option<Sealed>, AppError> {
        let json = match row.customer_id {
            Some(customer) => {
                let Ok(key) = self.customer_key(tx, CustomerId::from_uuid(customer))? else { return Ok(None) };
                key.open(outbox_aad(&row.id, key.version()), &row.sealed)?
            }
            None => self.keys.staff_key.open(outbox_aad(&row.id, self.keys.staff_key.version()), &row.sealed)?,
        };
        serde_json::from_slice(&json).map(Some).map_err(|_| AppError::corrupt("a message in the outbox does not read"))
    }

    /// A queued message as it goes now: a customer's letter to the address on their record
    /// today (corrected since, say), or to none when it was taken off.
    fn message_now(&self, tx: &mut dyn Tx, row: &MailRow) -> Result<Option<Sealed>, AppError> {
        let Some(mut message) = self.open_mail(tx, row)? else { return Ok(None) };
        if let Some(customer) = row.customer_id {
            let Some(customer_row) = tx.customer(customer)? else { return Ok(None) };
            let Some(customer) = self.open_row(tx, &customer_row)? else { return Ok(None) };
            message.to = customer.email.map(|email| email.as_str().to_owned()).unwrap_or_default();
        }
        Ok(Some(message))
    }

    fn seal_reason(&self, id: &Uuid, fault: &Fault) -> Result<Vec<u8>, AppError> {
        let key = &self.keys.staff_key;
        Ok(key.seal(reason_aad(id, key.version()), redact(fault.text()).as_bytes())?)
    }

    fn open_reason(&self, id: &Uuid, sealed: &[u8]) -> Option<String> {
        let key = &self.keys.staff_key;
        key.open(reason_aad(id, key.version()), sealed).ok().map(|text| String::from_utf8_lossy(&text).into_owned())
    }

    /// Keeps a refusal on a message: queued still when the server said "not now" or broke off
    /// before the text, failed when it said "never", and `handing` (for a person to check) when
    /// it went quiet after the whole text. A letter's attempt is recorded: its address, and
    /// perhaps its text, reached the server (`reached`). A message refused "for now" this many
    /// times fails, so that it never holds up the queue for good.
    fn refused(&self, actor: &Actor, row: &MailRow, from: MailState, fault: &Fault, reached: bool) -> Result<(), AppError> {
        let to = match fault {
            Fault::Refused { permanent: true, .. } => MailState::Failed,
            Fault::Unanswered(_) => MailState::Handing,
            // "Not now" for this message, again and again (a full mailbox, say); an unreachable
            // server is the server's fault, not the message's, and never fails it.
            Fault::Refused { permanent: false, .. } if row.attempts + 1 >= MAX_ATTEMPTS => MailState::Failed,
            _ => MailState::Queued,
        };
        let reason = self.seal_reason(&row.id, fault)?;
        let mut tx = self.store.begin()?;
        if reached && row.customer_id.is_some() {
            let said = fault.code().map_or_else(|| "no answer".to_owned(), |code| format!("answer {code}"));
            let event = self.delivery_event(actor, row, format!("not taken by the mail server ({said}), now {}", to.as_str()));
            self.record(tx.as_mut(), &[event.finish(Outcome::Failed)])?;
        }
        let change = MailMove {
            id: row.id,
            from: from.as_str(),
            to: to.as_str(),
            attempt: from == MailState::Queued,
            reason: Some(&reason),
            at: now_micros(),
            sent_at: None,
        };
        tx.move_mail(&change)?;
        tx.commit()?;
        Ok(())
    }

    /// Hands queued messages to the shop's mail server, the oldest first, at most `limit`, on
    /// one connection. Stops at the first broken connection; each message's outcome is kept
    /// on it. A message the server took is recorded: a customer's letter as a disclosure of
    /// their name and address to the mail server, for the breach's purpose.
    pub fn deliver_mail(&self, actor: &Actor, limit: usize) -> Result<Delivery, AppError> {
        self.require(actor, Permission::SettingsManage, AuditAction::MailSend, None)?;
        let (account, rows) = {
            let mut tx = self.store.begin_snapshot()?;
            let Some(account) = self.mail_account(tx.as_mut())? else { return Err(AppError::Conflict("mail is not set up yet".into())) };
            (account, tx.queued_mail(limit)?)
        };
        let mut report = Delivery::default();
        let mut smtp: Option<Smtp> = None;
        for row in rows {
            match self.deliver_one(actor, &account, &mut smtp, &row)? {
                Step::Sent => report.sent += 1,
                Step::Refused => report.refused += 1,
                Step::Cancelled => report.cancelled += 1,
                Step::Skipped => {}
                Step::Stop { reason, refused } => {
                    report.refused += u64::from(refused);
                    report.stopped = Some(reason);
                    break;
                }
            }
        }
        if let Some(open) = smtp {
            open.quit();
        }
        let mut tx = self.store.begin_snapshot()?;
        for (state, count) in tx.mail_counts(None)? {
            match state.as_str() {
                "queued" => report.waiting = count as u64,
                "handing" => report.unconfirmed = count as u64,
                _ => {}
            }
        }
        Ok(report)
    }

    /// One message through the conversation, on the open connection (opened first if need be).
    fn deliver_one(&self, actor: &Actor, account: &Account, smtp: &mut Option<Smtp>, row: &MailRow) -> Result<Step, AppError> {
        let opened = {
            let mut tx = self.store.begin_snapshot()?;
            self.message_now(tx.as_mut(), row)?
        };
        let Some(message) = opened else {
            self.cancel_erased(actor, row)?;
            return Ok(Step::Cancelled);
        };
        let outgoing = EmailAddress::parse(&message.to)
            .map_err(|error| Fault::Refused { permanent: true, text: error.to_string() })
            .and_then(|to| Outgoing::new(&account.settings.from, &to, &message.subject, &message.body, row.id));
        let outgoing = match outgoing {
            Ok(outgoing) => outgoing,
            Err(fault) => {
                self.refused(actor, row, MailState::Queued, &fault, false)?;
                return Ok(Step::Refused);
            }
        };
        if smtp.as_ref().is_none_or(|open| !open.is_usable()) {
            match Smtp::connect(account) {
                Ok(open) => *smtp = Some(open),
                Err(fault) => {
                    self.refused(actor, row, MailState::Queued, &Fault::Broken(fault.text().to_owned()), false)?;
                    return Ok(Step::Stop { reason: redact(fault.text()), refused: false });
                }
            }
        }
        let Some(open) = smtp.as_mut() else { return Ok(Step::Skipped) };
        if let Err(fault) = open.offer(&outgoing) {
            return self.give_up(actor, smtp, row, MailState::Queued, &fault);
        }
        // The server waits for the text and has taken nothing: mark the message before giving
        // it, so that a crash from here on never sends it twice.
        let mut tx = self.store.begin()?;
        let handing = MailMove { id: row.id, from: "queued", to: "handing", attempt: true, reason: None, at: now_micros(), sent_at: None };
        let took = tx.move_mail(&handing)?;
        tx.commit()?;
        if !took {
            // Another sender, or a person, changed it meanwhile: the server discards the half-told message.
            if let Some(open) = smtp.take() {
                open.abort();
            }
            return Ok(Step::Skipped);
        }
        match open.hand_over(&outgoing) {
            Ok(answer) => {
                self.mark_sent(actor, row, &answer)?;
                Ok(Step::Sent)
            }
            // No "taken" from the server: RFC 5321 counts the message as not delivered.
            Err(fault) => self.give_up(actor, smtp, row, MailState::Handing, &fault),
        }
    }

    /// Drops the connection after a refusal or a break, and keeps the reason on the message.
    fn give_up(&self, actor: &Actor, smtp: &mut Option<Smtp>, row: &MailRow, from: MailState, fault: &Fault) -> Result<Step, AppError> {
        if let Some(open) = smtp.take() {
            open.abort();
        }
        self.refused(actor, row, from, fault, true)?;
        Ok(match fault {
            Fault::Broken(text) | Fault::Unanswered(text) => Step::Stop { reason: redact(text), refused: true },
            Fault::Refused { .. } => Step::Refused,
        })
    }

    fn mark_sent(&self, actor: &Actor, row: &MailRow, answer: &str) -> Result<(), AppError> {
        let now = now_micros();
        let mut tx = self.store.begin()?;
        let sent = MailMove { id: row.id, from: "handing", to: "sent", attempt: false, reason: None, at: now, sent_at: Some(now) };
        if !tx.move_mail(&sent)? {
            // A person changed it while it was being handed over: it went all the same.
            let state = tx.mail(row.id)?.map(|row| row.state).unwrap_or_default();
            tx.move_mail(&MailMove { from: &state, ..sent })?;
        }
        let event = self.delivery_event(actor, row, format!("taken by the mail server ({answer})"));
        self.record(tx.as_mut(), &[event.finish(Outcome::Allowed)])?;
        tx.commit()?;
        Ok(())
    }

    fn delivery_event(&self, actor: &Actor, row: &MailRow, detail: String) -> EventDraft {
        let about = row.incident_id.map(|id| format!(", incident {id}")).unwrap_or_default();
        let draft = EventDraft::new(actor, AuditAction::MailSend).detail(format!("{} {detail}{about}", row.kind));
        match row.customer_id {
            Some(customer) => draft
                .target(RecordKind::Customer, customer)
                .categories([Field::CustomerName.category(), Field::CustomerEmail.category()])
                .purpose(Some("security_incident")),
            None => match row.incident_id {
                Some(incident) => draft.target(RecordKind::Incident, incident),
                None => draft,
            },
        }
    }

    fn cancel_erased(&self, actor: &Actor, row: &MailRow) -> Result<(), AppError> {
        let mut tx = self.store.begin()?;
        let cancel =
            MailMove { id: row.id, from: "queued", to: "cancelled", attempt: false, reason: None, at: now_micros(), sent_at: None };
        if tx.move_mail(&cancel)? {
            let draft = EventDraft::new(actor, AuditAction::MailQueue).detail(format!("{} cancelled: the customer was erased", row.kind));
            self.record(tx.as_mut(), &[draft.finish(Outcome::Allowed)])?;
        }
        tx.commit()?;
        Ok(())
    }

    /// The outbox (one incident's messages, or all): how many in each state, every message a
    /// person should look at (refused, unconfirmed, held), and the latest 50.
    pub fn outbox(&self, actor: &Actor, incident: Option<IncidentId>) -> Result<Outbox, AppError> {
        self.require(actor, Permission::IncidentManage, AuditAction::MailQueue, None)?;
        let mut tx = self.store.begin_snapshot()?;
        let incident = incident.map(|id| id.as_uuid());
        let counts = tx
            .mail_counts(incident)?
            .into_iter()
            .map(|(state, count)| Ok((MailState::parse(&state)?, u64::try_from(count).unwrap_or(0))))
            .collect::<Result<Vec<_>, AppError>>()?;
        let attention = tx.outbox(incident, true, 1000)?;
        let latest = tx.outbox(incident, false, 50)?;
        let mut entries = |rows: Vec<MailRow>| rows.iter().map(|row| self.entry(tx.as_mut(), row)).collect::<Result<Vec<_>, AppError>>();
        let attention = entries(attention)?;
        let latest = entries(latest)?;
        Ok(Outbox { counts, attention, latest })
    }

    fn entry(&self, tx: &mut dyn Tx, row: &MailRow) -> Result<OutboxEntry, AppError> {
        let kind = MailKind::parse(&row.kind)?;
        let to = match kind {
            MailKind::Alert => self.open_mail(tx, row)?.map(|message| message.to),
            // A customer's address, or a member of staff's own: not opened for a list.
            MailKind::Letter | MailKind::Reminder | MailKind::Drill => None,
        };
        let state = MailState::parse(&row.state)?;
        let updated_at = from_micros_lenient(row.updated_at);
        Ok(OutboxEntry {
            id: row.id,
            kind,
            incident: row.incident_id.map(IncidentId::from_uuid),
            customer: row.customer_id.map(CustomerId::from_uuid),
            to,
            state,
            attempts: u32::try_from(row.attempts).unwrap_or(u32::MAX),
            reason: row.reason.as_deref().and_then(|sealed| self.open_reason(&row.id, sealed)),
            queued_at: from_micros_lenient(row.queued_at),
            updated_at,
            sent_at: row.sent_at.map(from_micros_lenient),
            decidable: decidable(state, updated_at),
        })
    }

    /// Whether mail is set up, for the pages of those who queue letters (nothing is opened).
    pub fn mail_configured(&self) -> Result<bool, AppError> {
        Ok(self.store.begin_snapshot()?.mail_settings()?.is_some())
    }

    /// A person's decision about one message; refused when it is not in a state the change
    /// applies to (a sent message stays sent).
    pub fn change_mail(&self, actor: &Actor, id: Uuid, change: MailChange) -> Result<(), AppError> {
        self.require(actor, Permission::IncidentManage, AuditAction::MailQueue, None)?;
        let mut tx = self.store.begin()?;
        let row = tx.mail(id)?.ok_or(AppError::NotFound("message"))?;
        let state = MailState::parse(&row.state)?;
        if !decidable(state, from_micros_lenient(row.updated_at)) && state == MailState::Handing {
            return Err(AppError::Conflict("that message is being handed to the mail server right now; look again in two minutes".into()));
        }
        let (to, allowed) = match change {
            MailChange::Retry => {
                (MailState::Queued, matches!(state, MailState::Failed | MailState::Handing | MailState::Cancelled | MailState::Held))
            }
            MailChange::MarkSent => (MailState::Sent, state == MailState::Handing),
            MailChange::Cancel => {
                (MailState::Cancelled, matches!(state, MailState::Queued | MailState::Failed | MailState::Handing | MailState::Held))
            }
        };
        if !allowed {
            return Err(AppError::Conflict(format!("that message is {}; this does not apply to it", state.as_str())));
        }
        let now = now_micros();
        let sent_at = (to == MailState::Sent).then_some(now);
        tx.move_mail(&MailMove { id, from: state.as_str(), to: to.as_str(), attempt: false, reason: None, at: now, sent_at })?;
        let what = match change {
            MailChange::Retry => "queued again",
            MailChange::MarkSent => "marked sent by hand",
            MailChange::Cancel => "cancelled",
        };
        let draft = EventDraft::new(actor, AuditAction::MailQueue).detail(format!("{} {what} (was {})", row.kind, state.as_str()));
        let draft = match (row.customer_id, change) {
            // Marked sent: the person says the letter reached the server, a disclosure.
            (Some(customer), MailChange::MarkSent) => draft
                .target(RecordKind::Customer, customer)
                .categories([Field::CustomerName.category(), Field::CustomerEmail.category()])
                .purpose(Some("security_incident")),
            (Some(customer), _) => draft.target(RecordKind::Customer, customer),
            (None, _) => draft,
        };
        self.record(tx.as_mut(), &[draft.finish(Outcome::Allowed)])?;
        tx.commit()?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_servers_words_keep_no_address() {
        let fault = "550 5.1.1 <jan@example.com>: Recipient address rejected: User unknown";
        assert_eq!(redact(fault), "550 5.1.1 [address] Recipient address rejected: User unknown");
        assert!(redact(&"x".repeat(1000)).len() <= 300);
    }
}
