//! Calendar dates typed by people: ISO 8601 `YYYY-MM-DD`, checked for impossible days.

use time::{Date, Month};

use crate::DomainError;

/// Parses `YYYY-MM-DD`; "2023-02-29" is refused as an impossible date, not moved to March.
pub fn parse_date(field: &'static str, input: &str) -> Result<Date, DomainError> {
    let shape = || DomainError::invalid(field, "must be a date written YYYY-MM-DD");
    let text = input.trim();
    let mut parts = text.split('-');
    let (Some(year), Some(month), Some(day), None) = (parts.next(), parts.next(), parts.next(), parts.next()) else {
        return Err(shape());
    };
    if year.len() != 4 || month.len() != 2 || day.len() != 2 {
        return Err(shape());
    }
    let number = |part: &str| part.bytes().all(|b| b.is_ascii_digit()).then(|| part.parse::<u16>().ok()).flatten();
    let (Some(year), Some(month), Some(day)) = (number(year), number(month), number(day)) else {
        return Err(shape());
    };
    let month = u8::try_from(month).ok().and_then(|m| Month::try_from(m).ok());
    let day = u8::try_from(day).ok();
    match (month, day) {
        (Some(month), Some(day)) => {
            Date::from_calendar_date(i32::from(year), month, day).map_err(|_| DomainError::invalid(field, "is not a date that exists"))
        }
        _ => Err(DomainError::invalid(field, "is not a date that exists")),
    }
}

/// A date of birth: a real date, not in the future and not before 1900.
pub fn parse_birth_date(input: &str, today: Date) -> Result<Date, DomainError> {
    const FIELD: &str = "birth_date";
    let date = parse_date(FIELD, input)?;
    if date > today {
        return Err(DomainError::invalid(FIELD, "is in the future"));
    }
    if date.year() < 1900 {
        return Err(DomainError::invalid(FIELD, "is before 1900"));
    }
    Ok(date)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn impossible_dates_are_named_as_such() {
        assert!(parse_date("d", "2024-02-29").is_ok());
        let error = parse_date("birth_date", "2023-02-29").unwrap_err();
        assert_eq!(error.to_string(), "birth_date: is not a date that exists");
        for bad in ["2023-13-01", "2023-00-10", "2023-04-31"] {
            assert_eq!(parse_date("d", bad).unwrap_err().to_string(), "d: is not a date that exists");
        }
        for bad in ["29-02-2024", "2024/02/29", "2024-2-9", "", "+024-02-09"] {
            assert!(parse_date("d", bad).unwrap_err().to_string().contains("YYYY-MM-DD"), "{bad}");
        }
    }

    #[test]
    fn birth_dates_are_in_the_past_and_after_1900() {
        let today = Date::from_calendar_date(2026, Month::November, 29).unwrap();
        assert!(parse_birth_date("1980-05-17", today).is_ok());
        assert!(parse_birth_date("2026-11-30", today).is_err());
        assert!(parse_birth_date("1899-12-31", today).is_err());
    }

    proptest! {
        #[test]
        fn every_real_date_round_trips(days in 0i32..80_000) {
            let date = Date::from_calendar_date(1900, Month::January, 1).unwrap() + time::Duration::days(i64::from(days));
            let typed = format!("{:04}-{:02}-{:02}", date.year(), u8::from(date.month()), date.day());
            prop_assert_eq!(parse_date("d", &typed).unwrap(), date);
        }
    }
}
