//! The marketing list: the customers who consent now to be contacted on one channel (e-mail,
//! text message, post, phone), with that channel's contact, as a CSV file for the shop's mail
//! program. Only a customer whose latest answer for the channel is yes is on it, so a consent
//! withdrawn leaves the next list at once; restricted and erased customers are never on it. Each
//! customer listed is a disclosure recorded against them (`marketing.export`, purpose
//! `marketing`), so "who accessed" shows it.

use strongroom_domain::{Actor, AuditAction, ConsentChannel, Customer, CustomerId, Outcome, Permission, RecordKind};
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
        let mut listed = Vec::new();
        let mut after = None;
        loop {
            let mut tx = self.store.begin_snapshot()?;
            let rows = tx.customers_page(after, PAGE)?;
            let Some(last) = rows.last() else { break };
            after = Some(last.id);
            for row in &rows {
                if let Some(customer) = self.open_unrestricted(tx.as_mut(), row)?
                    && let Some(contact) = contact_for(&customer, channel)
                {
                    listed.push(contact);
                }
            }
            if rows.len() < PAGE {
                break;
            }
        }
        let category = match channel {
            ConsentChannel::Email => strongroom_domain::Field::CustomerEmail,
            ConsentChannel::Sms | ConsentChannel::Phone => strongroom_domain::Field::CustomerPhone,
            ConsentChannel::Post => strongroom_domain::Field::CustomerAddress,
        }
        .category();
        let mut events: Vec<_> = listed
            .iter()
            .map(|contact| {
                EventDraft::new(actor, AuditAction::MarketingExport)
                    .target(RecordKind::Customer, contact.customer.as_uuid())
                    .purpose(Some("marketing"))
                    .categories([strongroom_domain::Field::CustomerName.category(), category])
                    .detail(format!("on the {} marketing list", channel.as_str()))
                    .finish(Outcome::Allowed)
            })
            .collect();
        events.push(
            EventDraft::new(actor, AuditAction::MarketingExport)
                .detail(format!("{} marketing list: {} customers who consent now", channel.as_str(), listed.len()))
                .finish(Outcome::Allowed),
        );
        let mut tx = self.store.begin()?;
        self.record(tx.as_mut(), &events)?;
        tx.commit()?;
        Ok(listed)
    }
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
        writer.write_record(cells.iter().map(|cell| inert(cell.as_bytes()))).map_err(failed)?;
    }
    writer.into_inner().map_err(|error| AppError::corrupt(format!("the marketing list: {error}")))
}
