//! The marketing list: the customers who consent now to be contacted on one channel (e-mail,
//! text message, post, phone), with that channel's contact, as a CSV file for the shop's mail
//! program. Only a customer whose latest answer for the channel is yes is on it, so a consent
//! withdrawn leaves the next list at once; restricted and erased customers, and those who asked
//! to withdraw a consent or objected (a request for it open, extended or carried out), are never
//! on it. Making it needs a fresh step-up. Each customer listed is a disclosure recorded against
//! them (`marketing.export`, purpose `marketing`), so "who accessed" shows it: a page of
//! customers at a time, each page's events in a transaction of their own, so the till is never
//! held up for long.

use strongroom_domain::{
    Actor, AuditAction, ConsentChannel, Customer, CustomerId, Outcome, Permission, RecordKind, RequestKind, RequestStatus,
};
use strongroom_store::Tx;
use time::OffsetDateTime;

use crate::trail::draft::EventDraft;
use crate::{AppError, Vault};

/// Customers read a page at a time.
const PAGE: usize = 1000;

/// One customer on the marketing list.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct MarketingContact {
    pub customer: CustomerId,
    pub name: String,
    /// The address, number or postal address for the channel.
    pub contact: String,
    /// When they said yes, and to which version of the consent text (GDPR Art. 7(1)).
    pub consented_at: OffsetDateTime,
    pub wording_version: String,
}

/// The customer's contact for `channel`, if they consent now and have one.
fn contact_for(customer: &Customer, channel: ConsentChannel) -> Option<MarketingContact> {
    let consent = customer.marketing_consent.iter().find(|consent| consent.channel == channel && consent.granted)?;
    let contact = match channel {
        ConsentChannel::Email => customer.email.as_ref()?.as_str().to_owned(),
        ConsentChannel::Sms | ConsentChannel::Phone => customer.phone.as_ref()?.as_str().to_owned(),
        ConsentChannel::Post => customer.address.as_ref()?.as_str().replace('\n', ", "),
    };
    Some(MarketingContact {
        customer: customer.id,
        name: customer.name.as_str().to_owned(),
        contact,
        consented_at: consent.recorded_at,
        wording_version: consent.wording_version.as_str().to_owned(),
    })
}

impl Vault {
    /// Everyone who consents now to marketing on `channel`, with that channel's contact. For
    /// those who may export (the owner, the privacy officer); each one listed is recorded.
    pub fn marketing_list(&self, actor: &Actor, channel: ConsentChannel) -> Result<Vec<MarketingContact>, AppError> {
        self.require(actor, Permission::Export, AuditAction::MarketingExport, None)?;
        self.require_step_up(actor, AuditAction::MarketingExport, None)?;
        let mut listed = Vec::new();
        let mut after = None;
        loop {
            let mut tx = self.store.begin_snapshot()?;
            let rows = tx.customers_page_with_keys(after, PAGE)?;
            let Some((last, _)) = rows.last() else { break };
            after = Some(last.id);
            let first = listed.len();
            for (row, key_row) in &rows {
                if let Some(customer) = self.open_unrestricted_with_key(row, key_row.as_ref())?
                    && let Some(contact) = contact_for(&customer, channel)
                    && !objected(tx.as_mut(), customer.id, contact.consented_at.date())?
                {
                    listed.push(contact);
                }
            }
            drop(tx);
            self.record_listed(actor, channel, &listed[first..])?;
            if rows.len() < PAGE {
                break;
            }
        }
        let mut tx = self.store.begin()?;
        let summary = format!("{} marketing list: {} customers who consent now", channel.as_str(), listed.len());
        self.record(tx.as_mut(), &[EventDraft::new(actor, AuditAction::MarketingExport).detail(summary).finish(Outcome::Allowed)])?;
        tx.commit()?;
        Ok(listed)
    }

    /// Records the customers of one page of the list, each against them.
    fn record_listed(&self, actor: &Actor, channel: ConsentChannel, page: &[MarketingContact]) -> Result<(), AppError> {
        if page.is_empty() {
            return Ok(());
        }
        let contact_field = match channel {
            ConsentChannel::Email => strongroom_domain::Field::CustomerEmail,
            ConsentChannel::Sms | ConsentChannel::Phone => strongroom_domain::Field::CustomerPhone,
            ConsentChannel::Post => strongroom_domain::Field::CustomerAddress,
        };
        let events: Vec<_> = page
            .iter()
            .map(|contact| {
                EventDraft::new(actor, AuditAction::MarketingExport)
                    .target(RecordKind::Customer, contact.customer.as_uuid())
                    .purpose(Some("marketing"))
                    .categories([strongroom_domain::Field::CustomerName.category(), contact_field.category()])
                    .detail(format!("on the {} marketing list", channel.as_str()))
                    .finish(Outcome::Allowed)
            })
            .collect();
        let mut tx = self.store.begin()?;
        self.record(tx.as_mut(), &events)?;
        tx.commit()?;
        Ok(())
    }
}

/// Whether the customer asked to withdraw a consent or objected to direct marketing (Art. 7(3),
/// 21), in a request not refused and received on or after the day of the consent: then they are
/// on no list, whatever the consent flag says, until they consent again afterwards.
fn objected(tx: &mut dyn Tx, customer: CustomerId, consented_on: time::Date) -> Result<bool, AppError> {
    let requests = tx.requests(false, Some(customer.as_uuid()), crate::privacy::REQUEST_LIST_LIMIT)?;
    let consented_on = consented_on.to_string();
    Ok(requests.iter().any(|row| {
        matches!(RequestKind::parse(&row.kind), Ok(RequestKind::Withdrawal | RequestKind::Objection))
            && RequestStatus::parse(&row.status).is_ok_and(|status| status != RequestStatus::Refused)
            && row.received_on >= consented_on
    }))
}

/// The list as a CSV file (a header, then one row per customer), every cell inert in a
/// spreadsheet (a name starting with `=` is not a formula).
pub fn marketing_csv(list: &[MarketingContact]) -> Result<Vec<u8>, AppError> {
    use crate::customers::import::inert_in_spreadsheets as inert;
    let mut writer = csv::Writer::from_writer(Vec::new());
    let failed = |error: csv::Error| AppError::corrupt(format!("the marketing list: {error}"));
    writer.write_record(["customer", "name", "contact", "consented_at", "wording_version"]).map_err(failed)?;
    for contact in list {
        let consented = contact.consented_at.format(&time::format_description::well_known::Rfc3339).unwrap_or_default();
        let cells =
            [contact.customer.to_string(), contact.name.clone(), contact.contact.clone(), consented, contact.wording_version.clone()];
        // A phone number as stored (`+` and digits) is no formula; every other cell is made inert.
        let phone =
            |cell: &str| cell.strip_prefix('+').is_some_and(|digits| !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()));
        let cells = cells.iter().map(|cell| if phone(cell) { cell.as_bytes().to_vec() } else { inert(cell.as_bytes()) });
        writer.write_record(cells).map_err(failed)?;
    }
    writer.into_inner().map_err(|error| AppError::corrupt(format!("the marketing list: {error}")))
}
