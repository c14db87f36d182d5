//! Training reminders by mail (issue 17), once the shop's mail is set up: each member of staff
//! with a reminder address set by the owner hears of their lessons due within a week or
//! overdue, at most once a week; the owner's alert addresses hear, at most once a week per
//! person, who has a lesson more than the grace period overdue. The addresses and when each
//! person was last reminded are kept per account in `desk_items`, sealed under the
//! staff-secrets key; the messages go through the outbox like any other, in the person's
//! language, and name lessons, never a score.

use serde::{Deserialize, Serialize};
use strongroom_domain::{Actor, AuditAction, EmailAddress, Language, Outcome, Permission, StaffName};
use strongroom_store::{DeskItemRow, Tx};
use time::Date;
use uuid::Uuid;

use super::sealed_name;
use super::status::PersonTraining;
use crate::mail::{MailKind, Sealed, sealed_row};
use crate::trail::draft::EventDraft;
use crate::{AppError, Vault, now_micros};

const KIND: &str = "staff_mail";
/// Lessons due within this many days are in a reminder.
pub const REMIND_DAYS_AHEAD: i64 = 7;
/// Days between two reminders to one person, and between two words to the owner about them.
pub const REMIND_EVERY_DAYS: i64 = 7;

/// What is kept per account.
#[derive(Clone, Default, Serialize, Deserialize)]
struct ContactDoc {
    address: Option<String>,
    reminded_on: Option<String>,
    escalated_on: Option<String>,
}

/// What one round of reminders queued.
#[derive(Clone, Copy, Default, PartialEq, Eq, Debug)]
pub struct Reminded {
    /// Reminders queued to members of staff.
    pub people: usize,
    /// People named to the owner as far behind.
    pub escalated: usize,
}

fn day_of(text: &Option<String>) -> Option<Date> {
    text.as_deref().and_then(|text| strongroom_domain::parse_date("on", text).ok())
}

fn due_again(last: &Option<String>, today: Date) -> bool {
    day_of(last).is_none_or(|last| (today - last).whole_days() >= REMIND_EVERY_DAYS)
}

/// A day as the person's language writes it in a letter (`31 Dec 2026`, `31 dec 2026`).
fn day_in(language: Language, day: Date) -> String {
    const EN: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    const NL: [&str; 12] = ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"];
    let months = if language == Language::Nl { NL } else { EN };
    format!("{} {} {}", day.day(), months[usize::from(u8::from(day.month())) - 1], day.year())
}

fn reminder_text(language: Language, person: &PersonTraining, today: Date) -> (String, String) {
    let soon: Vec<String> = person
        .to_take()
        .filter(|lesson| (lesson.due - today).whole_days() <= REMIND_DAYS_AHEAD)
        .map(|lesson| format!("- {} ({})", lesson.title, day_in(language, lesson.due)))
        .collect();
    if language == Language::Nl {
        (
            "Strongroom: je beveiligingstraining".to_owned(),
            format!(
                "Hallo {},\n\nDeze lessen van de beveiligingstraining staan voor je klaar:\n{}\n\nOpen Strongroom, Training. Een les kost een paar minuten.\n",
                person.name,
                soon.join("\n")
            ),
        )
    } else {
        (
            "Strongroom: your security training".to_owned(),
            format!(
                "Hello {},\n\nThese lessons of the security training are waiting for you:\n{}\n\nOpen Strongroom, Training. A lesson takes a few minutes.\n",
                person.name,
                soon.join("\n")
            ),
        )
    }
}

impl Vault {
    fn open_contact(&self, row: &DeskItemRow) -> Result<ContactDoc, AppError> {
        let json = self.open_host_secret(&sealed_name(KIND, row.id), &row.body)?;
        serde_json::from_slice(&json).map_err(|error| AppError::corrupt(format!("a reminder address does not read: {error}")))
    }

    fn keep_contact(&self, tx: &mut dyn Tx, id: Uuid, doc: &ContactDoc, read_at: Option<i64>) -> Result<(), AppError> {
        let json = serde_json::to_vec(doc).map_err(|error| AppError::corrupt(error.to_string()))?;
        let row =
            DeskItemRow { kind: KIND.into(), id, body: self.seal_host_secret(&sealed_name(KIND, id), &json)?, updated_at: now_micros() };
        if !tx.put_desk_item(&row, read_at)? {
            return Err(AppError::Conflict("the reminder address was changed meanwhile: try again".into()));
        }
        Ok(())
    }

    /// The reminder address of each account that has one, by user name: the owner's.
    pub fn staff_mail_addresses(&self, actor: &Actor) -> Result<Vec<(String, String)>, AppError> {
        self.require(actor, Permission::StaffManage, AuditAction::TrainingChange, None)?;
        let mut tx = self.store.begin_snapshot()?;
        let staff = self.all_staff_checked(tx.as_mut())?;
        let mut addresses = Vec::new();
        for row in tx.desk_items(KIND)? {
            let Some(address) = self.open_contact(&row)?.address else { continue };
            if let Some(person) = staff.iter().find(|checked| checked.row.id == row.id) {
                addresses.push((person.row.username.clone(), address));
            }
        }
        addresses.sort();
        Ok(addresses)
    }

    /// Sets (or, with `None`, takes off) the address `name`'s training reminders go to.
    pub fn set_staff_mail(&self, actor: &Actor, name: &StaffName, address: Option<&EmailAddress>) -> Result<(), AppError> {
        self.require(actor, Permission::StaffManage, AuditAction::TrainingChange, None)?;
        let mut tx = self.store.begin()?;
        tx.lock_desk_items()?;
        let person = self.staff_by_name_checked(tx.as_mut(), name.as_str())?.ok_or(AppError::NotFound("staff member"))?;
        let had = tx.desk_item(KIND, person.row.id)?;
        let mut doc = had.as_ref().map(|row| self.open_contact(row)).transpose()?.unwrap_or_default();
        doc.address = address.map(|address| address.as_str().to_owned());
        self.keep_contact(tx.as_mut(), person.row.id, &doc, had.map(|row| row.updated_at))?;
        let what = if address.is_some() { "set" } else { "took off" };
        let event = EventDraft::new(actor, AuditAction::TrainingChange)
            .target(strongroom_domain::RecordKind::Staff, person.row.id)
            .detail(format!("{what} the reminder address of {}", name.as_str()));
        self.record(tx.as_mut(), &[event.finish(Outcome::Allowed)])?;
        tx.commit()?;
        Ok(())
    }

    /// One round of reminders on `today` (the server runs it daily): nothing when mail is not
    /// set up. Queued in one transaction with when each person was reminded, and recorded.
    pub fn send_training_reminders(&self, actor: &Actor, today: Date) -> Result<Reminded, AppError> {
        self.require(actor, Permission::SettingsManage, AuditAction::TrainingChange, None)?;
        let overview = self.training_overview(actor, "en", today)?;
        let mut tx = self.store.begin()?;
        let Some(account) = self.mail_account(tx.as_mut())? else { return Ok(Reminded::default()) };
        tx.lock_desk_items()?;
        let staff = self.all_staff_checked(tx.as_mut())?;
        let mut reminded = Reminded::default();
        let mut behind = Vec::new();
        for person in &overview.people {
            let Some(row) = staff.iter().find(|checked| checked.row.username == person.name).map(|checked| &checked.row) else { continue };
            let had = tx.desk_item(KIND, row.id)?;
            let mut doc = had.as_ref().map(|row| self.open_contact(row)).transpose()?.unwrap_or_default();
            let mut changed = false;
            let soon = person.to_take().any(|lesson| (lesson.due - today).whole_days() <= REMIND_DAYS_AHEAD);
            if let Some(address) = doc.address.clone().filter(|_| soon && due_again(&doc.reminded_on, today)) {
                let language = Language::parse(&row.language).unwrap_or_default();
                let (subject, body) = reminder_text(language, person, today);
                tx.insert_mail(&sealed_row(&self.keys.staff_key, MailKind::Reminder, None, None, &Sealed { to: address, subject, body })?)?;
                doc.reminded_on = Some(today.to_string());
                (changed, reminded.people) = (true, reminded.people + 1);
            }
            if person.escalated() > 0 && !account.settings.alerts_to.is_empty() && due_again(&doc.escalated_on, today) {
                behind.push(format!("- {} ({})", person.name, person.escalated()));
                doc.escalated_on = Some(today.to_string());
                changed = true;
            }
            if changed {
                self.keep_contact(tx.as_mut(), row.id, &doc, had.map(|row| row.updated_at))?;
            }
        }
        if !behind.is_empty() {
            reminded.escalated = behind.len();
            let subject = "Strongroom: training far behind / training ver achter".to_owned();
            let body = format!(
                "These people have lessons of the security training more than 14 days overdue (how many):\n\
                 Deze mensen hebben lessen van de beveiligingstraining meer dan 14 dagen te laat (hoeveel):\n\n{}\n\n\
                 Open Strongroom, Training, Everyone's training / Training van iedereen.\n",
                behind.join("\n")
            );
            for to in &account.settings.alerts_to {
                let message = Sealed { to: to.as_str().to_owned(), subject: subject.clone(), body: body.clone() };
                tx.insert_mail(&sealed_row(&self.keys.staff_key, MailKind::Reminder, None, None, &message)?)?;
            }
        }
        if reminded != Reminded::default() {
            let detail =
                format!("training reminders queued: {}; people far behind named to the owner: {}", reminded.people, reminded.escalated);
            self.record(tx.as_mut(), &[EventDraft::new(actor, AuditAction::TrainingChange).detail(detail).finish(Outcome::Allowed)])?;
        }
        tx.commit()?;
        Ok(reminded)
    }
}
