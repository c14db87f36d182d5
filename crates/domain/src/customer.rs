//! The customer record: who they are, how to reach them, what they like and what they agreed to.

use time::{Date, OffsetDateTime};

use crate::{
    Country, CustomerId, DomainError, EmailAddress, Field, FreeText, PersonName, PhoneE164, PostalAddress, ShortText, parse_birth_date,
};

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

impl Customer {
    /// Takes in a duplicate record of the same person: each field this record leaves empty gets
    /// the duplicate's value, and each consent channel it has no answer for gets the duplicate's
    /// answer (with its wording and time); nothing this record holds is overwritten. Returns the
    /// fields that were filled.
    pub fn fill_from(&mut self, duplicate: &Customer) -> Vec<Field> {
        fn fill<T: Clone>(mine: &mut Option<T>, theirs: &Option<T>, field: Field, filled: &mut Vec<Field>) {
            if mine.is_none() && theirs.is_some() {
                *mine = theirs.clone();
                filled.push(field);
            }
        }
        let mut filled = Vec::new();
        fill(&mut self.email, &duplicate.email, Field::CustomerEmail, &mut filled);
        fill(&mut self.phone, &duplicate.phone, Field::CustomerPhone, &mut filled);
        fill(&mut self.address, &duplicate.address, Field::CustomerAddress, &mut filled);
        fill(&mut self.birth_date, &duplicate.birth_date, Field::CustomerBirthDate, &mut filled);
        // A partner link to this very record would point the customer at themselves.
        let partner = duplicate.partner.filter(|partner| *partner != self.id);
        fill(&mut self.partner, &partner, Field::CustomerPartner, &mut filled);
        fill(&mut self.anniversary, &duplicate.anniversary, Field::CustomerAnniversary, &mut filled);
        fill(&mut self.ring_sizes, &duplicate.ring_sizes, Field::CustomerRingSizes, &mut filled);
        fill(&mut self.metal_allergies, &duplicate.metal_allergies, Field::CustomerMetalAllergies, &mut filled);
        fill(&mut self.style_notes, &duplicate.style_notes, Field::CustomerStyleNotes, &mut filled);
        fill(&mut self.wish_list, &duplicate.wish_list, Field::CustomerWishList, &mut filled);
        fill(&mut self.preferred_associate, &duplicate.preferred_associate, Field::CustomerPreferredAssociate, &mut filled);
        fill(&mut self.notes, &duplicate.notes, Field::CustomerNotes, &mut filled);
        let missing: Vec<MarketingConsent> = duplicate
            .marketing_consent
            .iter()
            .filter(|theirs| !self.marketing_consent.iter().any(|mine| mine.channel == theirs.channel))
            .cloned()
            .collect();
        if !missing.is_empty() {
            self.marketing_consent.extend(missing);
            filled.push(Field::CustomerMarketingConsent);
        }
        filled
    }
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

/// A new customer as it arrives from outside, each field as someone typed it. The CLI's flags,
/// the web form, a CSV row and the API's JSON all hand their text to [`CustomerText::parse`], so
/// what is required, what a blank field means and which rule reads which field are decided
/// here once. An edge adds only what its own format needs (the API refuses a blank value it was
/// given, since JSON can leave a field out).
#[derive(Clone, Copy, Default)]
pub struct CustomerText<'a> {
    pub name: Option<&'a str>,
    pub email: Option<&'a str>,
    pub phone: Option<&'a str>,
    pub address: Option<&'a str>,
    pub birth_date: Option<&'a str>,
    pub notes: Option<&'a str>,
}

impl std::fmt::Debug for CustomerText<'_> {
    /// Which fields were given, never what they hold.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let given = [
            ("name", self.name),
            ("email", self.email),
            ("phone", self.phone),
            ("address", self.address),
            ("birth_date", self.birth_date),
            ("notes", self.notes),
        ];
        f.debug_list().entries(given.iter().filter(|(_, text)| text.is_some()).map(|(field, _)| field)).finish()
    }
}

impl CustomerText<'_> {
    /// The new customer, or every problem at once in field order. A blank field (nothing but
    /// spaces) is a field left empty; only the name is required. `country` is the shop's, for
    /// phone numbers written without a country code; `today` bounds the birth date.
    pub fn parse(&self, country: Country, today: Date) -> Result<NewCustomer, Vec<DomainError>> {
        let mut problems = Vec::new();
        if given(self.name).is_none() {
            problems.push(DomainError::invalid("name", "is empty; every customer needs a name"));
        }
        let name = read(&mut problems, self.name, |text| PersonName::parse("name", text));
        let email = read(&mut problems, self.email, EmailAddress::parse);
        let phone = read(&mut problems, self.phone, |text| PhoneE164::parse(text, country));
        let address = read(&mut problems, self.address, |text| PostalAddress::parse("address", text));
        let birth_date = read(&mut problems, self.birth_date, |text| parse_birth_date(text, today));
        let notes = read(&mut problems, self.notes, |text| FreeText::parse("notes", text));
        match name {
            Some(name) if problems.is_empty() => Ok(NewCustomer { name, email, phone, address, birth_date, notes }),
            _ => Err(problems),
        }
    }
}

/// A field's text unless it is missing or blank.
fn given(text: Option<&str>) -> Option<&str> {
    text.map(str::trim).filter(|text| !text.is_empty())
}

/// A given field read by its rule; its problem, if any, joins `problems`.
fn read<T>(problems: &mut Vec<DomainError>, text: Option<&str>, rule: impl FnOnce(&str) -> Result<T, DomainError>) -> Option<T> {
    rule(given(text)?).map_err(|error| problems.push(error)).ok()
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
    fn a_merge_fills_only_what_the_kept_record_leaves_empty() {
        let mut kept = customer();
        let mut duplicate = customer();
        duplicate.id = CustomerId::from_uuid(Uuid::from_u128(2));
        duplicate.email = Some(EmailAddress::parse("anna@example.com").unwrap());
        duplicate.notes = Some(FreeText::parse("notes", "old till notes").unwrap());
        duplicate.partner = Some(kept.id);
        let consent = |channel, granted| MarketingConsent {
            channel,
            granted,
            wording_version: ShortText::parse("wording", "2026-01").unwrap(),
            recorded_at: OffsetDateTime::UNIX_EPOCH,
        };
        kept.marketing_consent = vec![consent(ConsentChannel::Email, false)];
        duplicate.marketing_consent = vec![consent(ConsentChannel::Email, true), consent(ConsentChannel::Post, true)];
        let filled = kept.fill_from(&duplicate);
        assert_eq!(filled, [Field::CustomerEmail, Field::CustomerMarketingConsent]);
        assert_eq!(kept.notes.as_ref().unwrap().as_str(), "likes rose gold", "what the kept record holds stays");
        assert_eq!(kept.partner, None, "never the customer's own partner");
        assert_eq!(kept.marketing_consent, [consent(ConsentChannel::Email, false), consent(ConsentChannel::Post, true)]);
        assert_eq!(kept.fill_from(&duplicate), [], "a second time fills nothing");
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

    fn nl() -> Country {
        Country::parse("NL").unwrap()
    }

    fn today() -> Date {
        Date::from_calendar_date(2026, time::Month::December, 6).unwrap()
    }

    #[test]
    fn customer_text_reads_every_field_and_blank_ones_are_left_empty() {
        let text = CustomerText {
            name: Some("  Anna Jansen "),
            email: Some("anna@example.nl"),
            phone: Some("06 12345678"),
            address: Some("   "),
            birth_date: Some("1980-02-29"),
            notes: Some(""),
        };
        let new = text.parse(nl(), today()).unwrap();
        assert_eq!(new.name.as_str(), "Anna Jansen");
        assert_eq!(new.phone.unwrap().as_str(), "+31612345678");
        assert_eq!((new.address, new.notes), (None, None));
        assert_eq!(new.birth_date, Some(Date::from_calendar_date(1980, time::Month::February, 29).unwrap()));
    }

    #[test]
    fn customer_text_names_every_problem_at_once_in_field_order() {
        let text = CustomerText {
            name: None,
            email: Some("no-at-sign"),
            phone: Some("4111 1111 1111 1111"),
            birth_date: Some("2999-01-01"),
            ..CustomerText::default()
        };
        let problems = text.parse(nl(), today()).unwrap_err();
        let fields: Vec<&str> = problems.iter().map(DomainError::field).collect();
        assert_eq!(fields, ["name", "email", "phone", "birth_date"]);
        assert_eq!(problems[0].to_string(), "name: is empty; every customer needs a name");
        assert!(matches!(problems[2], DomainError::CardNumber { field: "phone" }));
    }

    #[test]
    fn customer_text_debug_names_fields_not_values() {
        let text = CustomerText { name: Some("Anna Jansen"), email: Some("anna@example.nl"), ..CustomerText::default() };
        let shown = format!("{text:?}");
        assert_eq!(shown, r#"["name", "email"]"#);
    }
}
