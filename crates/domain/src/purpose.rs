//! Purposes of access: why someone opens a customer's full record. GDPR Art. 5(1)(b) limits use
//! of personal data to the purposes it was collected for, so every full read names one, and the
//! audit trail keeps it. The list is fixed; a shop may add its own labels to it.

use std::fmt;

use crate::DomainError;

/// The purposes every shop has, with what each means.
pub const STANDARD_PURPOSES: &[(&str, &str)] = &[
    ("sale", "serving the customer at a sale"),
    ("repair", "a repair, appraisal or custom order for the customer"),
    ("customer_request", "answering the customer's own question or GDPR request"),
    ("aftercare", "warranty, resizing, cleaning or a promised call back"),
    ("compliance", "a legal duty: anti-money-laundering, tax, a regulator's request"),
    ("security_incident", "investigating a suspected breach"),
    ("data_quality", "keeping the records accurate: merging a duplicate, correcting a mistake"),
    (
        "legal_claim",
        "establishing, exercising or defending a legal claim: what a restricted record opens for (GDPR Art. 18(2)); its identity records also open for compliance",
    ),
];

/// One purpose from the shop's list. Only a [`Purposes`] list makes these.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Purpose(String);

impl Purpose {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Purpose {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for Purpose {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Purpose({})", self.0)
    }
}

/// The purposes a shop accepts: the standard ones plus its own.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Purposes {
    labels: Vec<String>,
}

fn check_label(label: &str) -> Result<(), DomainError> {
    let ok = (1..=40).contains(&label.len())
        && label.starts_with(|c: char| c.is_ascii_lowercase())
        && label.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
    if ok { Ok(()) } else { Err(DomainError::invalid("purpose", "a purpose label is 1 to 40 of a-z, 0-9 and _, starting with a letter")) }
}

impl Purposes {
    pub fn standard() -> Purposes {
        Purposes { labels: STANDARD_PURPOSES.iter().map(|(label, _)| (*label).to_owned()).collect() }
    }

    /// The standard purposes and the shop's own labels.
    pub fn with_extra(extra: &[String]) -> Result<Purposes, DomainError> {
        let mut purposes = Purposes::standard();
        for label in extra {
            check_label(label)?;
            if !purposes.labels.contains(label) {
                purposes.labels.push(label.clone());
            }
        }
        Ok(purposes)
    }

    pub fn labels(&self) -> &[String] {
        &self.labels
    }

    /// A purpose from the list; anything else is refused with the list in the message.
    pub fn parse(&self, input: &str) -> Result<Purpose, DomainError> {
        let label = input.trim().to_ascii_lowercase().replace(['-', ' '], "_");
        if self.labels.contains(&label) {
            return Ok(Purpose(label));
        }
        Err(DomainError::invalid("purpose", format!("must be one of: {}", self.labels.join(", "))))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn purposes_come_from_the_list_and_the_refusal_lists_them() {
        let purposes = Purposes::with_extra(&["insurance_claim".into()]).unwrap();
        assert_eq!(purposes.parse("Customer-Request").unwrap().as_str(), "customer_request");
        assert_eq!(purposes.parse("insurance_claim").unwrap().as_str(), "insurance_claim");
        let error = purposes.parse("curiosity").unwrap_err().to_string();
        assert!(error.contains("sale, repair") && error.contains("insurance_claim"), "{error}");
        assert!(Purposes::with_extra(&["Bad Label".into()]).is_err());
    }
}
