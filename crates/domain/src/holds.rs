//! What the law makes a shop keep after a customer was erased (GDPR Art. 17(3)(b)): sales
//! records for the tax authority, for a number of years that depends on the country. These are
//! defaults to start from, each with where it comes from; a shop's accountant may ask for
//! another term (`tax_retention_years` in `strongroom.toml`).

use time::{Date, Month};

use crate::DomainError;

/// The source of a term the shop set itself.
pub const SET_BY_SHOP: &str = "set by the shop (strongroom.toml)";

/// The longest term a shop may set, in years.
pub const TAX_YEARS_MAX: u8 = 15;

/// How long a country's tax law keeps sales records, and where it says so.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct TaxRetention {
    /// ISO 3166-1 alpha-2.
    pub code: &'static str,
    /// Whole years after the end of the year of the sale.
    pub years: u8,
    pub source: &'static str,
}

impl TaxRetention {
    pub const ALL: [TaxRetention; 6] = [
        TaxRetention { code: "NL", years: 7, source: "Algemene wet inzake rijksbelastingen art. 52 lid 4; Burgerlijk Wetboek 2:10 lid 3" },
        TaxRetention { code: "DE", years: 8, source: "Abgabenordnung § 147 Abs. 3 (Buchungsbelege, since 2025); HGB § 257" },
        TaxRetention {
            code: "BE",
            years: 10,
            source: "Wetboek van de inkomstenbelastingen 1992 art. 315; Wetboek van economisch recht art. III.86",
        },
        TaxRetention { code: "FR", years: 10, source: "Code de commerce art. L123-22; Livre des procédures fiscales art. L102 B" },
        TaxRetention {
            code: "GB",
            years: 6,
            source: "HMRC: six years from the end of the accounting period (Companies Act 2006 s. 388; VAT Notice 700/21)",
        },
        TaxRetention { code: "US", years: 7, source: "IRS Publication 583 and 26 CFR 1.6001-1: up to seven years for a bad-debt claim" },
    ];

    /// The term of the country `code` (NL's where it has none in this table), or the one the
    /// shop set (1 to [`TAX_YEARS_MAX`] years).
    pub fn for_country(code: &str, years: Option<u8>) -> Result<TaxRetention, DomainError> {
        let wanted = code.trim().to_ascii_uppercase();
        let wanted = if wanted == "UK" { "GB".to_owned() } else { wanted };
        let known = TaxRetention::ALL.into_iter().find(|rule| rule.code == wanted);
        match years {
            None => Ok(known.unwrap_or(TaxRetention::ALL[0])),
            Some(years) if (1..=TAX_YEARS_MAX).contains(&years) => {
                Ok(TaxRetention { code: known.map_or("NL", |rule| rule.code), years, source: SET_BY_SHOP })
            }
            Some(_) => Err(DomainError::invalid("tax_retention_years", format!("must be 1 to {TAX_YEARS_MAX} years"))),
        }
    }

    /// The last day a sale made on `sale` is kept: the end of the year of the sale plus the term.
    pub fn kept_until(&self, sale: Date) -> Date {
        Date::from_calendar_date(sale.year() + i32::from(self.years), Month::December, 31).unwrap_or(Date::MAX)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(year: i32, month: Month, day: u8) -> Date {
        Date::from_calendar_date(year, month, day).unwrap()
    }

    #[test]
    fn a_sale_is_kept_to_the_end_of_the_year_plus_the_term() {
        let nl = TaxRetention::for_country("nl", None).unwrap();
        assert_eq!(nl.years, 7);
        assert_eq!(nl.kept_until(date(2026, Month::January, 1)), date(2033, Month::December, 31));
        assert_eq!(nl.kept_until(date(2024, Month::February, 29)), date(2031, Month::December, 31));
        assert_eq!(TaxRetention::for_country("UK", None).unwrap().years, 6);
    }

    #[test]
    fn a_country_without_a_rule_takes_the_dutch_term_and_a_shop_may_set_its_own() {
        assert_eq!(TaxRetention::for_country("IT", None).unwrap().code, "NL");
        assert_eq!(TaxRetention::for_country("DE", Some(10)).unwrap().years, 10);
        assert!(TaxRetention::for_country("DE", Some(0)).is_err());
        assert!(TaxRetention::for_country("DE", Some(16)).is_err());
    }
}
