//! Turning domain records into sealed rows and back. Each personal field is sealed on its own,
//! with associated data naming its record kind, field, record id and data-key version.

use strongroom_crypto::{DataKey, FieldAad};
use strongroom_domain::{
    AmlRecord, AmlRecordId, CorrectionId, CorrectionKind, Customer, CustomerId, EmailAddress, Field, FreeText, IdDocumentNumber,
    IdDocumentType, IssuingCountry, Money, PersonName, PhoneE164, PostalAddress, Purchase, PurchaseId, RecordKind, Repair, RepairId,
    SaleCorrection, ShortText,
};
use strongroom_store::{CustomerRow, PurchaseRow, RepairRow, SaleCorrectionRow, SealedFields};
use uuid::Uuid;

use crate::customers::codec::{
    decode_consents, decode_date, decode_items, decode_money, decode_payment, encode_consents, encode_date, encode_items, encode_money,
    encode_payment,
};
use crate::{AppError, from_micros, from_micros_lenient};

/// Seals the fields of one record with one data key.
pub(crate) struct Sealer<'k> {
    key: &'k DataKey,
    record_id: [u8; 16],
    sealed: SealedFields,
}

impl<'k> Sealer<'k> {
    pub(crate) fn new(key: &'k DataKey, record_id: Uuid) -> Sealer<'k> {
        Sealer { key, record_id: record_id.into_bytes(), sealed: SealedFields::new() }
    }

    pub(crate) fn put(&mut self, field: Field, plaintext: &str) -> Result<(), AppError> {
        let aad = FieldAad {
            record_kind: field.record_kind().as_str(),
            field: field.name(),
            record_id: &self.record_id,
            data_key_version: self.key.version(),
        };
        self.sealed.set(field, self.key.seal(aad, plaintext.as_bytes())?);
        Ok(())
    }

    pub(crate) fn put_opt(&mut self, field: Field, plaintext: Option<&str>) -> Result<(), AppError> {
        match plaintext {
            Some(plaintext) => self.put(field, plaintext),
            None => Ok(()),
        }
    }

    pub(crate) fn finish(self) -> SealedFields {
        self.sealed
    }
}

/// Opens the sealed fields of one record.
pub(crate) struct Opener<'a> {
    key: &'a DataKey,
    record_id: [u8; 16],
    sealed: &'a SealedFields,
}

impl<'a> Opener<'a> {
    pub(crate) fn new(key: &'a DataKey, record_id: Uuid, sealed: &'a SealedFields) -> Opener<'a> {
        Opener { key, record_id: record_id.into_bytes(), sealed }
    }

    /// The plaintext of a field, or `None` where the field is empty.
    pub(crate) fn get(&self, field: Field) -> Result<Option<String>, AppError> {
        let Some(sealed) = self.sealed.get(field) else { return Ok(None) };
        let aad = FieldAad {
            record_kind: field.record_kind().as_str(),
            field: field.name(),
            record_id: &self.record_id,
            data_key_version: self.key.version(),
        };
        let plaintext = self.key.open(aad, sealed).map_err(|_| AppError::corrupt(format!("the {} field does not open", field.name())))?;
        String::from_utf8(plaintext.to_vec()).map(Some).map_err(|_| AppError::corrupt("a sealed value is not UTF-8"))
    }

    pub(crate) fn required(&self, field: Field) -> Result<String, AppError> {
        self.get(field)?.ok_or_else(|| AppError::corrupt(format!("the {} field is missing", field.name())))
    }

    /// Opens a field and decodes it (a date, an amount, a code list's value): a value that does
    /// not decode is damage. Text fields are taken as written instead (`from_stored`): the seal
    /// proves they passed the input checks when they were written, and a check added since
    /// must not make an older record unreadable.
    pub(crate) fn parse<T, E>(&self, field: Field, parse: impl FnOnce(&str) -> Result<T, E>) -> Result<Option<T>, AppError> {
        self.get(field)?
            .map(|text| parse(&text).map_err(|_| AppError::corrupt(format!("the {} field does not parse", field.name()))))
            .transpose()
    }
}

pub(crate) fn seal_customer(key: &DataKey, customer: &Customer) -> Result<SealedFields, AppError> {
    let mut sealer = Sealer::new(key, customer.id.as_uuid());
    sealer.put(Field::CustomerName, customer.name.as_str())?;
    sealer.put_opt(Field::CustomerEmail, customer.email.as_ref().map(EmailAddress::as_str))?;
    sealer.put_opt(Field::CustomerPhone, customer.phone.as_ref().map(PhoneE164::as_str))?;
    sealer.put_opt(Field::CustomerAddress, customer.address.as_ref().map(PostalAddress::as_str))?;
    sealer.put_opt(Field::CustomerBirthDate, customer.birth_date.map(encode_date).as_deref())?;
    sealer.put_opt(Field::CustomerPartner, customer.partner.map(|id| id.to_string()).as_deref())?;
    sealer.put_opt(Field::CustomerAnniversary, customer.anniversary.map(encode_date).as_deref())?;
    sealer.put_opt(Field::CustomerRingSizes, customer.ring_sizes.as_ref().map(ShortText::as_str))?;
    sealer.put_opt(Field::CustomerMetalAllergies, customer.metal_allergies.as_ref().map(ShortText::as_str))?;
    sealer.put_opt(Field::CustomerStyleNotes, customer.style_notes.as_ref().map(FreeText::as_str))?;
    sealer.put_opt(Field::CustomerWishList, customer.wish_list.as_ref().map(FreeText::as_str))?;
    sealer.put_opt(Field::CustomerPreferredAssociate, customer.preferred_associate.as_ref().map(ShortText::as_str))?;
    if !customer.marketing_consent.is_empty() {
        sealer.put(Field::CustomerMarketingConsent, &encode_consents(&customer.marketing_consent))?;
    }
    sealer.put_opt(Field::CustomerNotes, customer.notes.as_ref().map(FreeText::as_str))?;
    Ok(sealer.finish())
}

pub(crate) fn open_customer(key: &DataKey, row: &CustomerRow) -> Result<Customer, AppError> {
    let opener = Opener::new(key, row.id, &row.sealed);
    let name = opener.required(Field::CustomerName)?;
    Ok(Customer {
        id: CustomerId::from_uuid(row.id),
        name: PersonName::from_stored(name),
        email: opener.get(Field::CustomerEmail)?.map(EmailAddress::from_stored),
        phone: opener.get(Field::CustomerPhone)?.map(PhoneE164::from_stored),
        address: opener.get(Field::CustomerAddress)?.map(PostalAddress::from_stored),
        birth_date: opener.parse(Field::CustomerBirthDate, |text| decode_date(text.as_bytes()))?,
        partner: opener.parse(Field::CustomerPartner, CustomerId::parse)?,
        anniversary: opener.parse(Field::CustomerAnniversary, |text| decode_date(text.as_bytes()))?,
        ring_sizes: opener.get(Field::CustomerRingSizes)?.map(ShortText::from_stored),
        metal_allergies: opener.get(Field::CustomerMetalAllergies)?.map(ShortText::from_stored),
        style_notes: opener.get(Field::CustomerStyleNotes)?.map(FreeText::from_stored),
        wish_list: opener.get(Field::CustomerWishList)?.map(FreeText::from_stored),
        preferred_associate: opener.get(Field::CustomerPreferredAssociate)?.map(ShortText::from_stored),
        marketing_consent: opener.parse(Field::CustomerMarketingConsent, |text| decode_consents(text.as_bytes()))?.unwrap_or_default(),
        notes: opener.get(Field::CustomerNotes)?.map(FreeText::from_stored),
        created_at: from_micros(row.created_at)?,
        updated_at: from_micros(row.updated_at)?,
    })
}

/// The data categories of the fields a customer record holds, for the audit event.
pub(crate) fn present_categories(sealed: &SealedFields) -> Vec<strongroom_domain::DataCategory> {
    sealed.iter().map(|(field, _)| field.category()).collect()
}

pub(crate) fn seal_purchase(key: &DataKey, purchase: &Purchase) -> Result<SealedFields, AppError> {
    let mut sealer = Sealer::new(key, purchase.id.as_uuid());
    sealer.put(Field::PurchaseItems, &encode_items(&purchase.items))?;
    sealer.put_opt(Field::PurchaseEngraving, purchase.engraving.as_ref().map(FreeText::as_str))?;
    sealer.put_opt(Field::PurchasePayment, purchase.payment.as_ref().map(encode_payment).as_deref())?;
    sealer.put_opt(Field::PurchaseNote, purchase.note.as_ref().map(FreeText::as_str))?;
    Ok(sealer.finish())
}

/// Opens a purchase with its voids and refunds (`corrections` may hold other purchases' too).
pub(crate) fn open_purchase(key: &DataKey, row: &PurchaseRow, corrections: &[SaleCorrectionRow]) -> Result<Purchase, AppError> {
    let opener = Opener::new(key, row.id, &row.sealed);
    let currency = strongroom_domain::Currency::parse(&row.currency).map_err(|_| AppError::corrupt("a purchase currency"))?;
    let money = |minor: i64| Money::from_minor_units("total", minor, currency).map_err(|_| AppError::corrupt("a purchase amount"));
    let corrections = corrections
        .iter()
        .filter(|correction| correction.purchase_id == row.id)
        .map(|correction| {
            let opener = Opener::new(key, correction.id, &correction.sealed);
            Ok(SaleCorrection {
                id: CorrectionId::from_uuid(correction.id),
                purchase_id: PurchaseId::from_uuid(row.id),
                kind: CorrectionKind::parse(&correction.kind).map_err(|_| AppError::corrupt("a sale correction's kind"))?,
                amount: money(correction.amount_minor)?,
                reason: FreeText::from_stored(opener.required(Field::SaleCorrectionReason)?),
                at: from_micros_lenient(correction.created_at),
            })
        })
        .collect::<Result<Vec<_>, AppError>>()?;
    Ok(Purchase {
        id: PurchaseId::from_uuid(row.id),
        customer_id: CustomerId::from_uuid(row.customer_id),
        purchased_on: decode_date(row.purchased_on.as_bytes())?,
        items: decode_items(opener.required(Field::PurchaseItems)?.as_bytes(), currency)?,
        total: money(row.total_minor)?,
        paid_in_cash: row.paid_in_cash,
        engraving: opener.get(Field::PurchaseEngraving)?.map(FreeText::from_stored),
        payment: opener.parse(Field::PurchasePayment, |text| decode_payment(text.as_bytes()))?,
        note: opener.get(Field::PurchaseNote)?.map(FreeText::from_stored),
        corrections,
    })
}

/// Seals a correction's reason with the customer's data key, bound to the correction's id.
pub(crate) fn seal_correction(key: &DataKey, correction: &SaleCorrection) -> Result<SealedFields, AppError> {
    let mut sealer = Sealer::new(key, correction.id.as_uuid());
    sealer.put(Field::SaleCorrectionReason, correction.reason.as_str())?;
    Ok(sealer.finish())
}

pub(crate) fn seal_repair(key: &DataKey, repair: &Repair) -> Result<SealedFields, AppError> {
    let mut sealer = Sealer::new(key, repair.id.as_uuid());
    sealer.put(Field::RepairItemDescription, repair.item_description.as_str())?;
    sealer.put_opt(Field::RepairCondition, repair.condition.as_ref().map(FreeText::as_str))?;
    sealer.put_opt(Field::RepairValuation, repair.valuation.map(encode_money).as_deref())?;
    sealer.put_opt(Field::RepairEstimate, repair.estimate.map(encode_money).as_deref())?;
    sealer.put_opt(Field::RepairDeposit, repair.deposit.map(encode_money).as_deref())?;
    Ok(sealer.finish())
}

pub(crate) fn open_repair(key: &DataKey, row: &RepairRow) -> Result<Repair, AppError> {
    let opener = Opener::new(key, row.id, &row.sealed);
    Ok(Repair {
        id: RepairId::from_uuid(row.id),
        customer_id: CustomerId::from_uuid(row.customer_id),
        ticket: strongroom_domain::TicketCode::from_stored(row.ticket.clone()),
        kind: strongroom_domain::JobKind::parse(&row.kind).map_err(|_| AppError::corrupt("a repair kind"))?,
        item_description: FreeText::from_stored(opener.required(Field::RepairItemDescription)?),
        condition: opener.get(Field::RepairCondition)?.map(FreeText::from_stored),
        valuation: opener.parse(Field::RepairValuation, |text| decode_money(text.as_bytes()))?,
        estimate: opener.parse(Field::RepairEstimate, |text| decode_money(text.as_bytes()))?,
        deposit: opener.parse(Field::RepairDeposit, |text| decode_money(text.as_bytes()))?,
        status: strongroom_domain::JobStatus::parse(&row.status).map_err(|_| AppError::corrupt("a repair status"))?,
        previous_status: row
            .previous_status
            .as_deref()
            .map(strongroom_domain::JobStatus::parse)
            .transpose()
            .map_err(|_| AppError::corrupt("a repair's previous status"))?,
        received_on: decode_date(row.received_on.as_bytes())?,
        promised_on: row.promised_on.as_deref().map(|date| decode_date(date.as_bytes())).transpose()?,
    })
}

pub(crate) fn seal_aml_record(key: &DataKey, record: &AmlRecord) -> Result<SealedFields, AppError> {
    let mut sealer = Sealer::new(key, record.id.as_uuid());
    sealer.put(Field::AmlDocumentType, record.document_type.as_str())?;
    sealer.put(Field::AmlDocumentNumber, record.document_number.as_str())?;
    sealer.put(Field::AmlDocumentCountry, record.document_country.as_str())?;
    sealer.put(Field::AmlVerifiedBy, record.verified_by.as_str())?;
    sealer.put(Field::AmlTransactionReference, record.transaction_reference.as_str())?;
    sealer.put_opt(Field::AmlHolderName, record.holder_name.as_ref().map(|name| name.as_str()))?;
    sealer.put_opt(Field::AmlHolderBirthDate, record.holder_birth_date.map(encode_date).as_deref())?;
    Ok(sealer.finish())
}

pub(crate) fn open_aml_record(key: &DataKey, row: &strongroom_store::AmlRecordRow) -> Result<AmlRecord, AppError> {
    let opener = Opener::new(key, row.id, &row.sealed);
    let damaged = |what: &str| AppError::corrupt(format!("the AML record's {what} does not parse"));
    Ok(AmlRecord {
        id: AmlRecordId::from_uuid(row.id),
        customer_id: CustomerId::from_uuid(row.customer_id),
        document_type: IdDocumentType::parse(&opener.required(Field::AmlDocumentType)?).map_err(|_| damaged("document type"))?,
        document_number: IdDocumentNumber::from_stored(opener.required(Field::AmlDocumentNumber)?),
        document_country: IssuingCountry::parse(&opener.required(Field::AmlDocumentCountry)?).map_err(|_| damaged("document country"))?,
        verified_by: ShortText::from_stored(opener.required(Field::AmlVerifiedBy)?),
        transaction_reference: ShortText::from_stored(opener.required(Field::AmlTransactionReference)?),
        transaction_date: decode_date(row.transaction_date.as_bytes())?,
        retention_ends: decode_date(row.retention_ends.as_bytes())?,
        holder_name: opener.get(Field::AmlHolderName)?.map(PersonName::from_stored),
        holder_birth_date: opener.parse(Field::AmlHolderBirthDate, |text| decode_date(text.as_bytes()))?,
    })
}

/// The categories of every field of a record kind (for events about whole records).
pub(crate) fn categories_of(kind: RecordKind) -> impl Iterator<Item = strongroom_domain::DataCategory> {
    Field::of(kind).map(|field| field.category())
}

#[cfg(test)]
mod tests {
    use strongroom_domain::{CustomerPatch, NewCustomer, Purposes};
    use time::OffsetDateTime;

    use super::*;
    use crate::customers::{customer_from, new_customer_rows, test_vault};

    #[test]
    fn a_record_written_before_a_check_was_added_still_opens() {
        let dir = tempfile::tempdir().unwrap();
        let (vault, owner) = test_vault(dir.path());
        // A note the card-number guard refuses today, sealed as an older version without the
        // guard would have sealed it.
        let note = "paid with 4111 1111 1111 1111";
        assert!(FreeText::parse("notes", note).is_err());
        let new = NewCustomer {
            email: Some(EmailAddress::parse("anna@example.com").unwrap()),
            notes: Some(FreeText::from_stored(note.to_owned())),
            ..NewCustomer::named(PersonName::parse("name", "Anna").unwrap())
        };
        let customer = customer_from(new, Uuid::now_v7(), OffsetDateTime::now_utc());
        let rows = new_customer_rows(&vault.keys, &customer).unwrap();
        let mut tx = vault.store.begin().unwrap();
        tx.insert_customers(std::slice::from_ref(&rows)).unwrap();
        tx.commit().unwrap();

        // A sale whose piece was described with the number, kept in the items' encoding.
        let item = strongroom_domain::PurchaseItem {
            description: ShortText::from_stored(format!("ring, {note}")),
            metal: None,
            stones: None,
            certificate_number: None,
            price: None,
        };
        let sale_of_ring = crate::customers::records::NewPurchase {
            customer_id: customer.id,
            purchased_on: strongroom_domain::parse_date("date", "2019-05-04").unwrap(),
            items: vec![item],
            total: Money::parse("total", "1250", strongroom_domain::Currency::EUR).unwrap(),
            paid_in_cash: false,
            engraving: None,
            payment: None,
            note: None,
        };
        vault.add_purchase(&owner, sale_of_ring).unwrap();

        let sale = Purposes::standard().parse("sale").unwrap();
        let record = vault.show_customer(&owner, customer.id, &sale).unwrap();
        assert_eq!(record.customer.notes.as_ref().map(FreeText::as_str), Some(note), "the stored note is shown as it was written");
        let purchases = record.purchases.expect("the owner sees the sales");
        assert_eq!(purchases[0].items[0].description.as_str(), format!("ring, {note}"), "and so is the sale's piece");
        assert_eq!(record.customer.email.as_ref().map(EmailAddress::as_str), Some("anna@example.com"));
        // And it can be edited: what is typed now meets today's checks.
        let patch = CustomerPatch { notes: Some(Some(FreeText::parse("notes", "paid by card").unwrap())), ..CustomerPatch::default() };
        let edited = vault.edit_customer(&owner, customer.id, patch).unwrap().unwrap();
        assert_eq!(edited.notes.as_ref().map(FreeText::as_str), Some("paid by card"));
    }
}
