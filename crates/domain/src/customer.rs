//! The customer record: who they are, how to reach them, what they like and what they agreed to.

use time::{Date, OffsetDateTime};

use crate::{CustomerId, DomainError, EmailAddress, FreeText, PersonName, PhoneE164, PostalAddress, ShortText};

/// A channel the shop may use for marketing, each with its own consent (GDPR Art. 7, 21).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum ConsentChannel {
    Email,
    Sms,
    Post,
    Phone,
}

impl ConsentChannel {
    pub const ALL: [ConsentChannel; 4] = [ConsentChannel::Email, ConsentChannel::Sms, ConsentChannel::Post, ConsentChannel::Phone];

    pub fn as_str(&self) -> &'static str {
        match self {
            ConsentChannel::Email => "email",
            ConsentChannel::Sms => "sms",
            ConsentChannel::Post => "post",
            ConsentChannel::Phone => "phone",
        }
    }

    pub fn parse(input: &str) -> Result<ConsentChannel, DomainError> {
        ConsentChannel::ALL
            .into_iter()
            .find(|channel| channel.as_str().eq_ignore_ascii_case(input.trim()))
            .ok_or_else(|| DomainError::invalid("marketing_consent", "channel must be one of email, sms, post, phone"))
    }
}

/// What the customer said about marketing on one channel, and to which wording.
///
/// GDPR Art. 7(1): the shop must be able to show that the customer consented, so the version
/// of the consent text and the moment are kept with the answer.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct MarketingConsent {
    pub channel: ConsentChannel,
    pub granted: bool,
    pub wording_version: ShortText,
    pub recorded_at: OffsetDateTime,
}

/// A customer as stored: every field already validated.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Customer {
    pub id: CustomerId,
    pub name: PersonName,
    pub email: Option<EmailAddress>,
    pub phone: Option<PhoneE164>,
    pub address: Option<PostalAddress>,
    pub birth_date: Option<Date>,
    pub partner: Option<CustomerId>,
    pub anniversary: Option<Date>,
    pub ring_sizes: Option<ShortText>,
    pub metal_allergies: Option<ShortText>,
    pub style_notes: Option<FreeText>,
    pub wish_list: Option<FreeText>,
    pub preferred_associate: Option<ShortText>,
    /// At most one entry per channel: the latest answer.
    pub marketing_consent: Vec<MarketingConsent>,
    pub notes: Option<FreeText>,
    pub created_at: OffsetDateTime,
    pub updated_at: OffsetDateTime,
}

/// The fields of a new customer. Only the name is required; a shop often has no more at first.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct NewCustomer {
    pub name: PersonName,
    pub email: Option<EmailAddress>,
    pub phone: Option<PhoneE164>,
    pub address: Option<PostalAddress>,
    pub birth_date: Option<Date>,
    pub notes: Option<FreeText>,
}

impl NewCustomer {
    pub fn named(name: PersonName) -> NewCustomer {
        NewCustomer { name, email: None, phone: None, address: None, birth_date: None, notes: None }
    }
}

/// A change to a customer: `None` leaves a field alone, `Some(None)` clears it.
#[derive(Clone, PartialEq, Eq, Debug, Default)]
pub struct CustomerPatch {
    pub name: Option<PersonName>,
    pub email: Option<Option<EmailAddress>>,
    pub phone: Option<Option<PhoneE164>>,
    pub address: Option<Option<PostalAddress>>,
    pub birth_date: Option<Option<Date>>,
    pub partner: Option<Option<CustomerId>>,
    pub anniversary: Option<Option<Date>>,
    pub ring_sizes: Option<Option<ShortText>>,
    pub metal_allergies: Option<Option<ShortText>>,
    pub style_notes: Option<Option<FreeText>>,
    pub wish_list: Option<Option<FreeText>>,
    pub preferred_associate: Option<Option<ShortText>>,
    pub consent: Vec<MarketingConsent>,
    pub notes: Option<Option<FreeText>>,
}

impl CustomerPatch {
    pub fn is_empty(&self) -> bool {
        *self == CustomerPatch::default()
    }

    /// Applies the patch, refusing a partner link to the customer themself.
    pub fn apply(self, customer: &mut Customer, now: OffsetDateTime) -> Result<(), DomainError> {
        if self.partner == Some(Some(customer.id)) {
            return Err(DomainError::invalid("partner", "a customer cannot be their own partner"));
        }
        fn set<T>(slot: &mut T, value: Option<T>) {
            if let Some(value) = value {
                *slot = value;
            }
        }
        set(&mut customer.name, self.name);
        set(&mut customer.email, self.email);
        set(&mut customer.phone, self.phone);
        set(&mut customer.address, self.address);
        set(&mut customer.birth_date, self.birth_date);
        set(&mut customer.partner, self.partner);
        set(&mut customer.anniversary, self.anniversary);
        set(&mut customer.ring_sizes, self.ring_sizes);
        set(&mut customer.metal_allergies, self.metal_allergies);
        set(&mut customer.style_notes, self.style_notes);
        set(&mut customer.wish_list, self.wish_list);
        set(&mut customer.preferred_associate, self.preferred_associate);
        set(&mut customer.notes, self.notes);
        for consent in self.consent {
            customer.marketing_consent.retain(|existing| existing.channel != consent.channel);
            customer.marketing_consent.push(consent);
        }
        customer.updated_at = now;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use uuid::Uuid;

    use super::*;

    fn customer() -> Customer {
        let now = OffsetDateTime::UNIX_EPOCH;
        Customer {
            id: CustomerId::from_uuid(Uuid::from_u128(1)),
            name: PersonName::parse("name", "Anna Jansen").unwrap(),
            email: None,
            phone: None,
            address: None,
            birth_date: None,
            partner: None,
            anniversary: None,
            ring_sizes: None,
            metal_allergies: None,
            style_notes: None,
            wish_list: None,
            preferred_associate: None,
            marketing_consent: Vec::new(),
            notes: Some(FreeText::parse("notes", "likes rose gold").unwrap()),
            created_at: now,
            updated_at: now,
        }
    }

    #[test]
    fn a_patch_sets_clears_and_leaves_fields_alone() {
        let mut anna = customer();
        let email = EmailAddress::parse("anna@example.nl").unwrap();
        let patch = CustomerPatch { email: Some(Some(email.clone())), notes: Some(None), ..CustomerPatch::default() };
        patch.apply(&mut anna, OffsetDateTime::UNIX_EPOCH).unwrap();
        assert_eq!(anna.email, Some(email));
        assert_eq!(anna.notes, None);
        assert_eq!(anna.name.as_str(), "Anna Jansen");
    }

    #[test]
    fn the_latest_consent_per_channel_wins() {
        let mut anna = customer();
        let consent = |granted| MarketingConsent {
            channel: ConsentChannel::Email,
            granted,
            wording_version: ShortText::parse("wording", "2026-01").unwrap(),
            recorded_at: OffsetDateTime::UNIX_EPOCH,
        };
        for granted in [true, false] {
            CustomerPatch { consent: vec![consent(granted)], ..CustomerPatch::default() }
                .apply(&mut anna, OffsetDateTime::UNIX_EPOCH)
                .unwrap();
        }
        assert_eq!(anna.marketing_consent, vec![consent(false)]);
    }

    #[test]
    fn nobody_is_their_own_partner() {
        let mut anna = customer();
        let patch = CustomerPatch { partner: Some(Some(anna.id)), ..CustomerPatch::default() };
        assert_eq!(patch.apply(&mut anna, OffsetDateTime::UNIX_EPOCH).unwrap_err().field(), "partner");
    }
}
