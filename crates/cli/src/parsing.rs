//! Flags into domain values, the way every command reads them: optional values, edits that
//! may clear a field, a purpose of access from the shop's list.

use anyhow::Result;
use strongroom_app::Vault;
use strongroom_domain::Purpose;

/// Parses an optional `--purpose` against the shop's list.
pub fn optional_purpose(vault: &Vault, purpose: Option<&str>) -> Result<Option<Purpose>> {
    Ok(purpose.map(|text| vault.purposes().parse(text)).transpose()?)
}

pub fn optional<T>(value: Option<String>, parse: impl FnOnce(&str) -> Result<T, strongroom_domain::DomainError>) -> Result<Option<T>> {
    Ok(value.map(|v| parse(&v)).transpose()?)
}

/// For edits: absent leaves the field, an empty value clears it, anything else is parsed.
pub fn patch<T>(value: Option<String>, parse: impl FnOnce(&str) -> Result<T, strongroom_domain::DomainError>) -> Result<Option<Option<T>>> {
    Ok(match value {
        None => None,
        Some(v) if v.trim().is_empty() => Some(None),
        Some(v) => Some(Some(parse(&v)?)),
    })
}

/// Every problem the rules found in what was typed, as one error naming each field.
pub fn every_problem(problems: Vec<strongroom_domain::DomainError>) -> anyhow::Error {
    anyhow::anyhow!(problems.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "))
}

/// Today, for the shop: in its time zone (`time_zone` in strongroom.toml, else this machine's).
pub fn today() -> time::Date {
    strongroom_server::shop_today()
}

/// A moment given on the command line: a day (its start, UTC) or an RFC 3339 time.
pub fn moment(text: &str) -> Result<time::OffsetDateTime> {
    if let Ok(at) = time::OffsetDateTime::parse(text, &time::format_description::well_known::Rfc3339) {
        return Ok(at);
    }
    let day = strongroom_domain::parse_date("time", text)
        .map_err(|_| anyhow::anyhow!("{text:?} is not a day (YYYY-MM-DD) or an RFC 3339 time"))?;
    Ok(day.midnight().assume_utc())
}
