//! How severe a personal-data breach is, by ENISA's "Recommendations for a methodology of the
//! assessment of severity of personal data breaches" (2013): SE = DPC × EI + CB, with its bands
//! and what each proposes, and the data processing context proposed from the categories reached.

use crate::DomainError;

/// ENISA's data processing context proposed from the data categories a breach reached (their
/// labels, as the audit trail records them): special categories (health: an allergy) 4;
/// identity documents or payment references 3; anything that shows what someone buys or owns
/// (a jeweler's customer list is a list of luxury-goods buyers) 2; contact details alone 1.
/// A proposal: the person assessing may raise or lower it for the context.
pub fn proposed_dpc<'a>(categories: impl IntoIterator<Item = &'a str>) -> u8 {
    categories
        .into_iter()
        .map(|category| {
            if category.starts_with("user.health_and_medical") {
                4
            } else if category.starts_with("user.government_id")
                || category == "user.financial.payment_card_token"
                || category == "user.financial.transaction_reference"
            {
                3
            } else if category.starts_with("user.behavior") || category.starts_with("user.financial") {
                2
            } else {
                1
            }
        })
        .max()
        .unwrap_or(1)
}

/// The severity band ENISA's method gives a score.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub enum SeverityBand {
    Low,
    Medium,
    High,
    VeryHigh,
}

impl SeverityBand {
    pub fn as_str(&self) -> &'static str {
        match self {
            SeverityBand::Low => "low",
            SeverityBand::Medium => "medium",
            SeverityBand::High => "high",
            SeverityBand::VeryHigh => "very_high",
        }
    }

    /// What the band proposes (a person decides): Low, record only; Medium and up, notify the
    /// supervisory authority within 72 hours (GDPR Art. 33); High and up, tell the people too
    /// (Art. 34), unless the data were unintelligible to whoever got them (Art. 34(3)(a)).
    pub fn proposes_notifying_authority(&self) -> bool {
        *self >= SeverityBand::Medium
    }

    pub fn proposes_telling_people(&self) -> bool {
        *self >= SeverityBand::High
    }
}

/// The severity of a personal-data breach by ENISA's "Recommendations for a methodology of the
/// assessment of severity of personal data breaches" (2013): SE = DPC × EI + CB.
///
/// Every input is a multiple of a quarter, so the score is exact; it is kept in quarters.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct Severity {
    /// Data processing context, 1 to 4 (in quarters: 4 to 16): how critical the data are in
    /// their context (contact details 1; a luxury-goods seller's buyer list 2; payment or
    /// identity documents 3; special categories 4).
    pub dpc_quarters: u8,
    /// Ease of identification: 0.25 negligible, 0.5 limited, 0.75 significant, 1 maximum.
    pub ei_quarters: u8,
    /// Loss of confidentiality: 0 none, 0.25 to known recipients, 0.5 to unknown ones.
    pub confidentiality_quarters: u8,
    /// Loss of integrity: 0 none, 0.25 altered but recoverable, 0.5 not recoverable.
    pub integrity_quarters: u8,
    /// Loss of availability: 0 none, 0.25 temporary, 0.5 permanent.
    pub availability_quarters: u8,
    /// Malicious intent (a theft, an attack): adds 0.5.
    pub malicious: bool,
}

impl Severity {
    /// Builds an assessment from the numbers as people write them (`2`, `0.75`), refusing any
    /// that ENISA's scales do not have.
    pub fn new(
        dpc: f64,
        ei: f64,
        confidentiality: f64,
        integrity: f64,
        availability: f64,
        malicious: bool,
    ) -> Result<Severity, DomainError> {
        let quarters = |field: &'static str, value: f64, allowed: &[u8], hint: &str| {
            let scaled = value * 4.0;
            let whole = scaled.round();
            if value.is_finite() && (scaled - whole).abs() < 1e-9 && allowed.contains(&(whole as u8)) && whole >= 0.0 {
                Ok(whole as u8)
            } else {
                Err(DomainError::invalid(field, hint.to_owned()))
            }
        };
        Ok(Severity {
            dpc_quarters: quarters("dpc", dpc, &(4..=16).collect::<Vec<u8>>(), "must be from 1 to 4, in steps of 0.25")?,
            ei_quarters: quarters("ei", ei, &[1, 2, 3, 4], "must be 0.25, 0.5, 0.75 or 1")?,
            confidentiality_quarters: quarters("confidentiality", confidentiality, &[0, 1, 2], "must be 0, 0.25 or 0.5")?,
            integrity_quarters: quarters("integrity", integrity, &[0, 1, 2], "must be 0, 0.25 or 0.5")?,
            availability_quarters: quarters("availability", availability, &[0, 1, 2], "must be 0, 0.25 or 0.5")?,
            malicious,
        })
    }

    /// The circumstances of the breach (CB): the three losses and malicious intent.
    fn cb_quarters(&self) -> u32 {
        u32::from(self.confidentiality_quarters)
            + u32::from(self.integrity_quarters)
            + u32::from(self.availability_quarters)
            + if self.malicious { 2 } else { 0 }
    }

    /// SE in hundredths (300 for 3.0), exact: DPC × EI is in sixteenths, CB in quarters.
    pub fn score_hundredths(&self) -> u32 {
        let sixteenths = u32::from(self.dpc_quarters) * u32::from(self.ei_quarters) + self.cb_quarters() * 4;
        sixteenths * 100 / 16 + u32::from(sixteenths * 100 % 16 >= 8)
    }

    /// SE as a number (3.0).
    pub fn score(&self) -> f64 {
        let sixteenths = u32::from(self.dpc_quarters) * u32::from(self.ei_quarters) + self.cb_quarters() * 4;
        f64::from(sixteenths) / 16.0
    }

    /// Low below 2, Medium below 3, High below 4, Very high from 4.
    pub fn band(&self) -> SeverityBand {
        let sixteenths = u32::from(self.dpc_quarters) * u32::from(self.ei_quarters) + self.cb_quarters() * 4;
        match sixteenths {
            0..32 => SeverityBand::Low,
            32..48 => SeverityBand::Medium,
            48..64 => SeverityBand::High,
            _ => SeverityBand::VeryHigh,
        }
    }

    /// The assessment as six numbers in quarters, for storing (and [`Severity::from_quarters`]).
    pub fn to_quarters(&self) -> [u8; 6] {
        [
            self.dpc_quarters,
            self.ei_quarters,
            self.confidentiality_quarters,
            self.integrity_quarters,
            self.availability_quarters,
            u8::from(self.malicious),
        ]
    }

    pub fn from_quarters(stored: [u8; 6]) -> Result<Severity, DomainError> {
        let [dpc, ei, c, i, a, malicious] = stored.map(f64::from);
        Severity::new(dpc / 4.0, ei / 4.0, c / 4.0, i / 4.0, a / 4.0, malicious > 0.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn band(dpc: f64, ei: f64, c: f64, i: f64, a: f64, malicious: bool) -> (f64, SeverityBand) {
        let severity = Severity::new(dpc, ei, c, i, a, malicious).unwrap();
        (severity.score(), severity.band())
    }

    #[test]
    fn severity_follows_enisa_on_its_scales_and_the_issue_s_case() {
        use SeverityBand::*;
        // (dpc, ei, confidentiality, integrity, availability, malicious) → (score, band)
        let cases = [
            // A stolen list of high-value buyers with their addresses: a luxury-goods seller's
            // buyer list (2), fully identifying (1), gone to unknown hands (0.5), a theft (0.5).
            ((2.0, 1.0, 0.5, 0.0, 0.0, true), (3.0, High)),
            // A supermarket's customer list mailed to one wrong, known recipient.
            ((1.0, 1.0, 0.25, 0.0, 0.0, false), (1.25, Low)),
            // An encrypted laptop stolen without its key: hardly identifying.
            ((3.0, 0.25, 0.5, 0.0, 0.0, true), (1.75, Low)),
            // Ransomware on the till PC holding payment references, no backup: permanent loss.
            ((3.0, 1.0, 0.0, 0.0, 0.5, true), (4.0, VeryHigh)),
            // The same with a backup that restores: the loss is temporary.
            ((3.0, 1.0, 0.0, 0.0, 0.25, true), (3.75, High)),
            // Identity document copies read by someone who should not have: 3 × 0.75 = 2.25.
            ((3.0, 0.75, 0.0, 0.0, 0.0, false), (2.25, Medium)),
            // The bands' edges: exactly 2, 3 and 4 belong to the higher band.
            ((2.0, 1.0, 0.0, 0.0, 0.0, false), (2.0, Medium)),
            ((1.75, 1.0, 0.0, 0.0, 0.0, false), (1.75, Low)),
            ((4.0, 0.75, 0.0, 0.0, 0.0, false), (3.0, High)),
            ((4.0, 1.0, 0.0, 0.0, 0.0, false), (4.0, VeryHigh)),
            ((4.0, 1.0, 0.5, 0.5, 0.5, true), (6.0, VeryHigh)),
        ];
        for ((dpc, ei, c, i, a, m), expected) in cases {
            assert_eq!(band(dpc, ei, c, i, a, m), expected, "dpc {dpc} ei {ei} c {c} i {i} a {a} malicious {m}");
        }
        assert_eq!(Severity::new(2.0, 1.0, 0.5, 0.0, 0.0, true).unwrap().score_hundredths(), 300);
        assert_eq!(Severity::new(3.0, 0.75, 0.0, 0.0, 0.0, false).unwrap().score_hundredths(), 225);
        assert_eq!(Severity::new(1.25, 0.25, 0.0, 0.0, 0.0, false).unwrap().score_hundredths(), 31, "0.3125, rounded");
    }

    #[test]
    fn the_data_processing_context_is_proposed_from_the_categories_reached() {
        assert_eq!(proposed_dpc(["user.name", "user.contact.email"]), 1);
        assert_eq!(proposed_dpc(["user.name", "user.behavior.purchase_history"]), 2, "a luxury-goods buyer list");
        assert_eq!(proposed_dpc(["user.name", "user.government_id.document_number"]), 3);
        assert_eq!(proposed_dpc(["user.financial.payment_card_token"]), 3);
        assert_eq!(proposed_dpc(["user.financial.asset_valuation"]), 2);
        assert_eq!(proposed_dpc(["user.name", "user.health_and_medical.allergy"]), 4);
        assert_eq!(proposed_dpc(std::iter::empty()), 1);
    }

    #[test]
    fn severity_refuses_numbers_off_enisa_s_scales() {
        for (dpc, ei, c) in [(0.5, 1.0, 0.0), (4.25, 1.0, 0.0), (2.1, 1.0, 0.0), (2.0, 0.0, 0.0), (2.0, 1.0, 0.75), (f64::NAN, 1.0, 0.0)] {
            assert!(Severity::new(dpc, ei, c, 0.0, 0.0, false).is_err(), "{dpc} {ei} {c}");
        }
        let error = Severity::new(2.0, 0.6, 0.0, 0.0, 0.0, false).unwrap_err().to_string();
        assert!(error.contains("0.25, 0.5, 0.75 or 1"), "{error}");
    }

    #[test]
    fn an_assessment_survives_storing() {
        let severity = Severity::new(2.75, 0.5, 0.25, 0.5, 0.0, true).unwrap();
        assert_eq!(Severity::from_quarters(severity.to_quarters()).unwrap(), severity);
    }

    #[test]
    fn bands_propose_what_the_law_asks_from_them() {
        assert!(!SeverityBand::Low.proposes_notifying_authority());
        assert!(SeverityBand::Medium.proposes_notifying_authority() && !SeverityBand::Medium.proposes_telling_people());
        assert!(SeverityBand::High.proposes_telling_people() && SeverityBand::VeryHigh.proposes_telling_people());
    }
}
