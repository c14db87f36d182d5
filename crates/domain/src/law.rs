//! The law that applies to a shop, per country, on one page: the privacy law and its national
//! act, the supervisory authority and where a breach is reported, the anti-money-laundering law
//! with its cash threshold and keeping, and the tax keeping of sales records, each with its
//! source and the day it was last checked. These are starting points for the shop and its
//! adviser, not legal advice: laws change, and the page says when each line was checked.

use time::{Date, Month};

use crate::{AmlRulePack, TaxRetention};

/// One country's rules as Strongroom knows them.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct CountryLaw {
    /// ISO 3166-1 alpha-2 (GB for the United Kingdom).
    pub code: &'static str,
    pub country: &'static str,
    /// The privacy law, and the national act beside it.
    pub privacy_law: &'static str,
    pub national_act: &'static str,
    /// The supervisory authority, its web site, and where a personal-data breach is reported.
    pub authority: &'static str,
    pub authority_web: &'static str,
    pub breach_report: &'static str,
    /// The anti-money-laundering law for a dealer in jewellery and precious metals.
    pub aml_law: &'static str,
    /// Years an identity record is kept after the transaction.
    pub aml_keep_years: u8,
    /// The day these lines were last checked against their sources.
    pub checked_on: (i32, Month, u8),
    /// The lines that are not names, in Dutch: the country, the privacy law, the authority,
    /// where a breach is reported, the AML law.
    pub nl: [&'static str; 5],
}

impl CountryLaw {
    pub const ALL: [CountryLaw; 6] = [
        CountryLaw {
            code: "NL",
            country: "the Netherlands",
            privacy_law: "General Data Protection Regulation (EU) 2016/679 (AVG)",
            national_act: "Uitvoeringswet Algemene verordening gegevensbescherming (UAVG)",
            authority: "Autoriteit Persoonsgegevens",
            authority_web: "https://www.autoriteitpersoonsgegevens.nl",
            breach_report: "the data-breach form of the Autoriteit Persoonsgegevens (datalekken.autoriteitpersoonsgegevens.nl), within 72 hours",
            aml_law: "Wet ter voorkoming van witwassen en financieren van terrorisme (Wwft); from 10 July 2027 also the EU AMLR (Regulation (EU) 2024/1624)",
            aml_keep_years: 5,
            checked_on: (2026, Month::December, 6),
            nl: [
                "Nederland",
                "Algemene verordening gegevensbescherming (EU) 2016/679 (AVG)",
                "Autoriteit Persoonsgegevens",
                "het meldformulier datalekken van de Autoriteit Persoonsgegevens (datalekken.autoriteitpersoonsgegevens.nl), binnen 72 uur",
                "Wet ter voorkoming van witwassen en financieren van terrorisme (Wwft); vanaf 10 juli 2027 ook de EU AMLR (Verordening (EU) 2024/1624)",
            ],
        },
        CountryLaw {
            code: "DE",
            country: "Germany",
            privacy_law: "General Data Protection Regulation (EU) 2016/679 (DSGVO)",
            national_act: "Bundesdatenschutzgesetz (BDSG)",
            authority: "the data protection authority of the shop's Land (list at the BfDI)",
            authority_web: "https://www.bfdi.bund.de",
            breach_report: "the online form of the Land's data protection authority, within 72 hours",
            aml_law: "Geldwäschegesetz (GwG), § 2 Abs. 1 Nr. 16 and § 4 Abs. 5 (Güterhändler, Edelmetalle und Edelsteine)",
            aml_keep_years: 5,
            checked_on: (2026, Month::December, 6),
            nl: [
                "Duitsland",
                "Algemene verordening gegevensbescherming (EU) 2016/679 (DSGVO)",
                "de toezichthouder van de deelstaat van de winkel (lijst bij de BfDI)",
                "het online formulier van de toezichthouder van de deelstaat, binnen 72 uur",
                "Geldwäschegesetz (GwG), § 2 lid 1 nr. 16 en § 4 lid 5 (handelaars in goederen, edele metalen en edelstenen)",
            ],
        },
        CountryLaw {
            code: "BE",
            country: "Belgium",
            privacy_law: "General Data Protection Regulation (EU) 2016/679 (AVG / RGPD)",
            national_act: "Wet van 30 juli 2018 betreffende de bescherming van natuurlijke personen met betrekking tot de verwerking van persoonsgegevens",
            authority: "Gegevensbeschermingsautoriteit / Autorité de protection des données",
            authority_web: "https://www.gegevensbeschermingsautoriteit.be",
            breach_report: "the data-breach form of the Gegevensbeschermingsautoriteit, within 72 hours",
            aml_law: "Wet van 18 september 2017 tot voorkoming van het witwassen van geld (cash payments over EUR 3,000 are not allowed, art. 67)",
            aml_keep_years: 5,
            checked_on: (2026, Month::December, 6),
            nl: [
                "België",
                "Algemene verordening gegevensbescherming (EU) 2016/679 (AVG / RGPD)",
                "Gegevensbeschermingsautoriteit / Autorité de protection des données",
                "het meldformulier datalekken van de Gegevensbeschermingsautoriteit, binnen 72 uur",
                "Wet van 18 september 2017 tot voorkoming van het witwassen van geld (contante betalingen boven EUR 3.000 zijn niet toegestaan, art. 67)",
            ],
        },
        CountryLaw {
            code: "FR",
            country: "France",
            privacy_law: "General Data Protection Regulation (EU) 2016/679 (RGPD)",
            national_act: "Loi n° 78-17 du 6 janvier 1978 relative à l'informatique, aux fichiers et aux libertés",
            authority: "Commission nationale de l'informatique et des libertés (CNIL)",
            authority_web: "https://www.cnil.fr",
            breach_report: "the CNIL's online breach notification (notifications.cnil.fr), within 72 hours",
            aml_law: "Code monétaire et financier art. L561-2 and L561-12 (cash payments over EUR 1,000 by a resident are not allowed, art. L112-6)",
            aml_keep_years: 5,
            checked_on: (2026, Month::December, 6),
            nl: [
                "Frankrijk",
                "Algemene verordening gegevensbescherming (EU) 2016/679 (RGPD)",
                "Commission nationale de l'informatique et des libertés (CNIL)",
                "de online melding van de CNIL (notifications.cnil.fr), binnen 72 uur",
                "Code monétaire et financier art. L561-2 en L561-12 (contante betalingen boven EUR 1.000 door een inwoner zijn niet toegestaan, art. L112-6)",
            ],
        },
        CountryLaw {
            code: "GB",
            country: "the United Kingdom",
            privacy_law: "UK GDPR",
            national_act: "Data Protection Act 2018 (as amended by the Data (Use and Access) Act 2025)",
            authority: "Information Commissioner's Office (ICO)",
            authority_web: "https://ico.org.uk",
            breach_report: "the ICO's personal data breach reporting (ico.org.uk/for-organisations/report-a-breach), within 72 hours",
            aml_law: "Money Laundering Regulations 2017 (high value dealers: cash of EUR 10,000 or more; registration with HMRC)",
            aml_keep_years: 5,
            checked_on: (2026, Month::December, 6),
            nl: [
                "het Verenigd Koninkrijk",
                "UK GDPR",
                "Information Commissioner's Office (ICO)",
                "de meldpagina voor datalekken van de ICO (ico.org.uk/for-organisations/report-a-breach), binnen 72 uur",
                "Money Laundering Regulations 2017 (high value dealers: contant EUR 10.000 of meer; registratie bij HMRC)",
            ],
        },
        CountryLaw {
            code: "US",
            country: "the United States",
            privacy_law: "No general federal privacy law: the FTC Act § 5 and the state's privacy law (for example the California Consumer Privacy Act as amended by the CPRA)",
            national_act: "the state's data-breach notification law (all 50 states have one)",
            authority: "the state attorney general (and the FTC)",
            authority_web: "https://www.ftc.gov",
            breach_report: "the attorney general of each state whose residents are affected, as that state's law says",
            aml_law: "Bank Secrecy Act, 31 CFR Part 1027 (dealers in precious metals, precious stones, or jewels) and Form 8300 for cash over USD 10,000",
            aml_keep_years: 5,
            checked_on: (2026, Month::December, 6),
            nl: [
                "de Verenigde Staten",
                "Geen algemene federale privacywet: de FTC Act § 5 en de privacywet van de staat (bijvoorbeeld de California Consumer Privacy Act, gewijzigd door de CPRA)",
                "de attorney general van de staat (en de FTC)",
                "de attorney general van elke staat waarvan inwoners geraakt zijn, zoals de wet van die staat zegt",
                "Bank Secrecy Act, 31 CFR Part 1027 (handelaars in edele metalen, edelstenen of sieraden) en formulier 8300 voor contant geld boven USD 10.000",
            ],
        },
    ];

    /// The rules of the country `code` (UK is GB), if Strongroom has them.
    pub fn for_country(code: &str) -> Option<CountryLaw> {
        let wanted = code.trim().to_ascii_uppercase();
        let wanted = if wanted == "UK" { "GB" } else { wanted.as_str() };
        CountryLaw::ALL.into_iter().find(|law| law.code == wanted)
    }

    /// The day these lines were last checked.
    pub fn checked(&self) -> Date {
        let (year, month, day) = self.checked_on;
        Date::from_calendar_date(year, month, day).unwrap_or(Date::MIN)
    }

    /// The country, the privacy law, the authority, where a breach is reported and the AML law,
    /// in `language`.
    pub fn lines_in(&self, language: crate::Language) -> [&'static str; 5] {
        match language {
            crate::Language::En => [self.country, self.privacy_law, self.authority, self.breach_report, self.aml_law],
            crate::Language::Nl => self.nl,
        }
    }

    /// The identity-check rule pack of this country (the EU's for an EU country without one of its own).
    pub fn aml_rules(&self) -> AmlRulePack {
        AmlRulePack::for_code(self.code).unwrap_or(AmlRulePack::ALL[0])
    }

    /// The tax keeping of sales records in this country.
    pub fn tax(&self) -> TaxRetention {
        TaxRetention::for_country(self.code, None).unwrap_or(TaxRetention::ALL[0])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_country_has_its_rules_and_its_checked_day() {
        for law in CountryLaw::ALL {
            assert_eq!(law.checked(), Date::from_calendar_date(2026, Month::December, 6).unwrap(), "{}", law.code);
            assert_eq!(law.tax().code, law.code, "a tax term of its own: {}", law.code);
            assert_eq!(law.aml_rules().code, law.code, "identity-check rules of its own: {}", law.code);
            assert!(law.nl.iter().all(|line| !line.is_empty()));
            assert!(law.authority_web.starts_with("https://"));
        }
        assert_eq!(CountryLaw::for_country("uk").unwrap().code, "GB");
        assert_eq!(CountryLaw::for_country("NL").unwrap().aml_rules().code, "NL");
        assert!(CountryLaw::for_country("IT").is_none());
    }
}
