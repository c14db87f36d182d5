//! Every personal field Strongroom stores, with its data category: the one place they are listed.
//!
//! The categories follow a dotted taxonomy in the style of fideslang (`user.contact.email`).
//! The data inventory, the record of processing, access exports, erasure and breach scoring
//! are all derived from this table; nothing else names a field's category. The field names are
//! also bound into each sealed value's associated data, so renaming one is a data migration.

use std::fmt;

/// The kinds of record that hold personal data.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum RecordKind {
    Customer,
    Purchase,
    /// A void or refund of a purchase.
    SaleCorrection,
    Repair,
    AmlRecord,
    /// A staff account (audit targets only: staff accounts hold no customer data).
    Staff,
    /// An integration's API token (audit targets only).
    ApiToken,
    /// The vault as a whole (audit targets only, with the nil id).
    Vault,
    /// An incident in the register (its summary is sealed under a key of its own).
    Incident,
    /// A customer's request under the GDPR (what was written about it sealed under a key of its own).
    Request,
    /// An entry of the shop's password vault (sealed under a key of its own).
    Secret,
}

impl RecordKind {
    pub fn as_str(&self) -> &'static str {
        match self {
            RecordKind::Customer => "customer",
            RecordKind::Purchase => "purchase",
            RecordKind::SaleCorrection => "sale_correction",
            RecordKind::Repair => "repair",
            RecordKind::AmlRecord => "aml_record",
            RecordKind::Staff => "staff",
            RecordKind::ApiToken => "api_token",
            RecordKind::Vault => "vault",
            RecordKind::Incident => "incident",
            RecordKind::Request => "request",
            RecordKind::Secret => "shop_secret",
        }
    }
}

/// A data category label such as `user.contact.email`.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DataCategory(&'static str);

impl DataCategory {
    pub fn as_str(&self) -> &'static str {
        self.0
    }

    /// GDPR Art. 9 special categories (here: health data, such as a metal allergy).
    pub fn is_special_category(&self) -> bool {
        self.0.starts_with("user.health_and_medical")
    }
}

impl fmt::Display for DataCategory {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

impl fmt::Debug for DataCategory {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

macro_rules! fields {
    ($($variant:ident => ($kind:ident, $name:literal, $category:literal, $doc:literal),)*) => {
        /// A personal field: each one is sealed on its own and carries one data category.
        #[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
        pub enum Field {
            $(#[doc = $doc] $variant,)*
        }

        impl Field {
            pub const ALL: &'static [Field] = &[$(Field::$variant,)*];

            pub fn record_kind(&self) -> RecordKind {
                match self { $(Field::$variant => RecordKind::$kind,)* }
            }

            /// The field's stable name, bound into the associated data of its ciphertexts.
            pub fn name(&self) -> &'static str {
                match self { $(Field::$variant => $name,)* }
            }

            pub fn category(&self) -> DataCategory {
                match self { $(Field::$variant => DataCategory($category),)* }
            }

            pub fn description(&self) -> &'static str {
                match self { $(Field::$variant => $doc,)* }
            }
        }
    };
}

fields! {
    CustomerName => (Customer, "name", "user.name", "Full name as the customer writes it"),
    CustomerEmail => (Customer, "email", "user.contact.email", "Email address"),
    CustomerPhone => (Customer, "phone", "user.contact.phone_number", "Phone number (E.164)"),
    CustomerAddress => (Customer, "address", "user.contact.address", "Postal address"),
    CustomerBirthDate => (Customer, "birth_date", "user.demographic.date_of_birth", "Date of birth"),
    CustomerPartner => (Customer, "partner", "user.social.partner", "Link to the customer's spouse or partner"),
    CustomerAnniversary => (Customer, "anniversary", "user.demographic.anniversary", "Wedding or relationship anniversary"),
    CustomerRingSizes => (Customer, "ring_sizes", "user.characteristic.ring_size", "Ring sizes per finger"),
    CustomerMetalAllergies => (Customer, "metal_allergies", "user.health_and_medical.allergy", "Metal allergies (health data, GDPR Art. 9)"),
    CustomerStyleNotes => (Customer, "style_notes", "user.behavior.preference", "Style preferences"),
    CustomerWishList => (Customer, "wish_list", "user.behavior.wish_list", "Wish list"),
    CustomerPreferredAssociate => (Customer, "preferred_associate", "user.behavior.preferred_associate", "Preferred sales associate"),
    CustomerMarketingConsent => (Customer, "marketing_consent", "user.privacy_preferences.marketing_consent", "Marketing consent per channel, with wording version and time"),
    CustomerNotes => (Customer, "notes", "user.content.staff_notes", "Staff notes about the customer"),
    PurchaseItems => (Purchase, "items", "user.behavior.purchase_history", "Items bought: description, metal, stones, certificate numbers"),
    PurchaseEngraving => (Purchase, "engraving", "user.content.engraving", "Engraving text"),
    PurchasePayment => (Purchase, "payment", "user.financial.payment_card_token", "Payment reference: processor token, brand, last four, expiry"),
    PurchaseNote => (Purchase, "note", "user.content.staff_notes", "The shop's note on a sale"),
    SaleCorrectionReason => (SaleCorrection, "reason", "user.content.staff_notes", "Why a sale was voided or refunded"),
    RepairItemDescription => (Repair, "item_description", "user.behavior.service_history", "The customer's item as taken in"),
    RepairCondition => (Repair, "condition", "user.behavior.service_history", "Condition at intake"),
    RepairValuation => (Repair, "valuation", "user.financial.asset_valuation", "Valuation of the customer's item"),
    RepairEstimate => (Repair, "estimate", "user.financial", "The price the shop estimated at intake"),
    RepairDeposit => (Repair, "deposit", "user.financial", "The deposit the customer paid at intake"),
    AmlDocumentType => (AmlRecord, "document_type", "user.government_id.document_type", "Type of identity document"),
    AmlDocumentNumber => (AmlRecord, "document_number", "user.government_id.document_number", "Identity document number"),
    AmlDocumentCountry => (AmlRecord, "document_country", "user.government_id.issuing_country", "Country that issued the document"),
    AmlVerifiedBy => (AmlRecord, "verified_by", "user.government_id.verification", "Staff member who checked the document"),
    AmlTransactionReference => (AmlRecord, "transaction_reference", "user.financial.transaction_reference", "Reference of the transaction that required the check"),
    AmlHolderName => (AmlRecord, "holder_name", "user.name", "Name of the person identified, kept with the record through an erasure"),
    AmlHolderBirthDate => (AmlRecord, "holder_birth_date", "user.demographic.date_of_birth", "Date of birth of the person identified, when known"),
}

impl Field {
    /// The fields of one kind of record.
    pub fn of(kind: RecordKind) -> impl Iterator<Item = Field> {
        Field::ALL.iter().copied().filter(move |field| field.record_kind() == kind)
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    #[test]
    fn field_names_are_unique_within_a_record_kind() {
        let mut seen = HashSet::new();
        for field in Field::ALL {
            assert!(seen.insert((field.record_kind(), field.name())), "{field:?}");
        }
    }

    #[test]
    fn every_category_is_a_dotted_user_label() {
        for field in Field::ALL {
            let category = field.category().as_str();
            assert!(category.starts_with("user.") && category.split('.').all(|p| !p.is_empty()), "{category}");
            assert!(category.bytes().all(|b| b.is_ascii_lowercase() || b == b'.' || b == b'_'), "{category}");
        }
    }

    #[test]
    fn metal_allergies_are_health_data() {
        assert!(Field::CustomerMetalAllergies.category().is_special_category());
        assert_eq!(Field::of(RecordKind::Customer).filter(|f| f.category().is_special_category()).count(), 1);
    }
}
