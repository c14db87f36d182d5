//! Letters to the customers a breach reached, queued one per customer: the owner's final text
//! with each customer's own name in the greeting, sealed under that customer's key (so an
//! erasure before it goes erases the letter too), at most one per customer and incident
//! however often the button is pressed. The customers are those of the breach's evidence from
//! the trail; opening each one's name and address is recorded against them, for the breach's
//! purpose.

use std::collections::BTreeSet;

use strongroom_domain::{
    Actor, AuditAction, CustomerId, Field, FreeText, IncidentId, Language, Outcome, Permission, RecordKind, ShortText,
};

use super::impact;
use super::letters::Audience;
use super::versions::{self, Keeping};
use crate::mail::{MailKind, Sealed, sealed_row};
use crate::trail::draft::EventDraft;
use crate::{AppError, Vault};
use strongroom_store::Tx;

/// What queueing the letters did.
#[derive(Clone, Default, PartialEq, Eq, Debug)]
pub struct LettersQueued {
    pub queued: u64,
    /// Customers who already had this letter queued or sent: not queued twice.
    pub already: u64,
    /// Customers without an e-mail address: they need a letter by post or a call.
    pub without_address: Vec<CustomerId>,
    /// Customers erased since the evidence was taken: nothing to send, nobody to tell.
    pub erased: u64,
    /// The version the text was kept as, when it went to anyone.
    pub version: Option<i64>,
}

/// The greeting's blank in either language, filled in per customer.
const NAME_BLANKS: [&str; 2] = ["[name]", "[naam]"];

impl Vault {
    /// Queues the letter (`subject`, `body` with `[name]` where each customer's name goes) to
    /// every customer in the incident's evidence who has an e-mail address. Refused for a drill,
    /// for an incident without evidence of whom it reached, and for a text that still has
    /// `[…]` to write.
    pub fn queue_customer_letters(
        &self,
        actor: &Actor,
        id: IncidentId,
        language: Language,
        subject: &ShortText,
        body: &FreeText,
    ) -> Result<LettersQueued, AppError> {
        let target = Some((RecordKind::Incident, id.as_uuid()));
        self.require(actor, Permission::IncidentManage, AuditAction::IncidentLetter, target)?;
        let unfinished = NAME_BLANKS.iter().fold(body.as_str().to_owned(), |text, blank| text.replace(blank, ""));
        if unfinished.contains('[') || subject.as_str().contains('[') {
            return Err(AppError::Conflict("the letter still has parts in [ ] to write; fill them in or take them out first".into()));
        }
        let mut tx = self.store.begin()?;
        let draft = EventDraft::new(actor, AuditAction::IncidentLetter).target(RecordKind::Incident, id.as_uuid());
        let Some(row) = tx.incident(id.as_uuid())? else {
            return Err(self.fail(tx, draft, "no such incident", AppError::NotFound("incident")));
        };
        if row.drill {
            return Err(self.fail(tx, draft, "a drill", AppError::Conflict("this is a drill: no letters go to customers".into())));
        }
        let impacts = tx.incident_impacts(id.as_uuid())?.iter().map(impact::from_row).collect::<Result<Vec<_>, _>>()?;
        let customers: BTreeSet<CustomerId> = impacts.iter().flat_map(|impact| impact.customer_ids.iter().copied()).collect();
        if customers.is_empty() {
            let error = AppError::Conflict("the incident has no evidence of which customers it reached; attach the impact first".into());
            return Err(self.fail(tx, draft, "no customers in the evidence", error));
        }
        let mut report = LettersQueued::default();
        let mut events = Vec::new();
        for customer_id in customers {
            match self.queue_letter(tx.as_mut(), id, customer_id, subject, body)? {
                OneLetter::Erased => report.erased += 1,
                OneLetter::NoAddress => report.without_address.push(customer_id),
                OneLetter::Queued(queued) => {
                    if queued {
                        report.queued += 1;
                    } else {
                        report.already += 1;
                    }
                    let detail =
                        if queued { format!("letter queued, incident {id}") } else { format!("letter already queued, incident {id}") };
                    events.push(
                        EventDraft::new(actor, AuditAction::IncidentLetter)
                            .target(RecordKind::Customer, customer_id.as_uuid())
                            .categories([Field::CustomerName.category(), Field::CustomerEmail.category()])
                            .purpose(Some("security_incident"))
                            .detail(detail)
                            .finish(Outcome::Allowed),
                    );
                }
            }
        }
        // The text as it went is kept with the incident, as a version of its customers' letter
        // sent today: only when it went to someone.
        if report.queued > 0 {
            let key = self.keys.open_data_key(&row.data_key)?;
            let kept = Keeping { audience: Audience::Customers, language, subject: subject.as_str(), body: body.as_str(), sent: true };
            report.version = Some(versions::keep(tx.as_mut(), &key, id, &actor.name, &kept)?);
        }
        let summary = format!(
            "letters to customers: {} queued, {} already, {} without an e-mail address, {} erased",
            report.queued,
            report.already,
            report.without_address.len(),
            report.erased
        );
        events.push(draft.detail(summary).finish(Outcome::Allowed));
        self.record(tx.as_mut(), &events)?;
        tx.commit()?;
        Ok(report)
    }

    /// One customer's letter, their name in the greeting, sealed under their key and queued.
    fn queue_letter(
        &self,
        tx: &mut dyn Tx,
        id: IncidentId,
        customer_id: CustomerId,
        subject: &ShortText,
        body: &FreeText,
    ) -> Result<OneLetter, AppError> {
        let Some(customer_row) = tx.customer(customer_id.as_uuid())? else { return Ok(OneLetter::Erased) };
        let Some(customer) = self.open_row(tx, &customer_row)? else { return Ok(OneLetter::Erased) };
        let Some(email) = &customer.email else { return Ok(OneLetter::NoAddress) };
        let Ok(key) = self.customer_key(tx, customer_id)? else { return Ok(OneLetter::Erased) };
        let letter = NAME_BLANKS.iter().fold(body.as_str().to_owned(), |text, blank| text.replace(blank, customer.name.as_str()));
        let message = Sealed { to: email.as_str().to_owned(), subject: subject.as_str().to_owned(), body: letter };
        Ok(OneLetter::Queued(tx.insert_mail(&sealed_row(&key, MailKind::Letter, Some(id), Some(customer_id), &message)?)?))
    }
}

/// What became of one customer's letter.
enum OneLetter {
    /// Queued now (`true`), or queued before (`false`).
    Queued(bool),
    NoAddress,
    Erased,
}
