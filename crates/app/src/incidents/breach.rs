//! A breach record's details, sealed under the incident's key as one JSON value (the clock's
//! two moments are plain columns, for the countdown).

use serde::{Deserialize, Serialize};
use strongroom_crypto::{DataKey, FieldAad};
use strongroom_domain::{BreachRecord, BreachType, FreeText, IncidentId, RecordKind, ShortText};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::{AppError, from_micros};

/// An unnotified breach and when its 72 hours end.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct BreachClock {
    pub id: IncidentId,
    pub deadline: OffsetDateTime,
}

#[derive(Serialize, Deserialize)]
struct Sealed {
    types: Vec<String>,
    data_categories: Option<String>,
    people: Option<u64>,
    records: Option<u64>,
    consequences: Option<String>,
    measures: Option<String>,
    data_encrypted: Option<bool>,
    key_taken: Option<bool>,
    authority_reference: Option<String>,
    delay_reason: Option<String>,
}

fn aad<'a>(key: &DataKey, id: &'a IncidentId) -> FieldAad<'a> {
    FieldAad { record_kind: RecordKind::Incident.as_str(), field: "breach", record_id: id.as_bytes(), data_key_version: key.version() }
}

pub(super) fn seal_breach(key: &DataKey, id: &IncidentId, record: &BreachRecord) -> Result<Vec<u8>, AppError> {
    let text = |value: &Option<FreeText>| value.as_ref().map(|value| value.as_str().to_owned());
    let sealed = Sealed {
        types: record.types.iter().map(|kind| kind.as_str().to_owned()).collect(),
        data_categories: text(&record.data_categories),
        people: record.people,
        records: record.records,
        consequences: text(&record.consequences),
        measures: text(&record.measures),
        data_encrypted: record.data_encrypted,
        key_taken: record.key_taken,
        authority_reference: record.authority_reference.as_ref().map(|reference| reference.as_str().to_owned()),
        delay_reason: text(&record.delay_reason),
    };
    let json = serde_json::to_vec(&sealed).map_err(|error| AppError::corrupt(format!("a breach record does not encode: {error}")))?;
    Ok(key.seal(aad(key, id), &json)?)
}

pub(super) fn open_breach(
    key: &DataKey,
    id: &IncidentId,
    sealed: &[u8],
    became_aware_at: i64,
    notified_at: Option<i64>,
) -> Result<BreachRecord, AppError> {
    let damaged = || AppError::corrupt("an incident's breach record does not read");
    let json = key.open(aad(key, id), sealed)?;
    let sealed: Sealed = serde_json::from_slice(&json).map_err(|_| damaged())?;
    // The shop's words are taken as written: the seal proves they passed the checks then, and a
    // check added since does not make a breach record (and its deadline) unreadable.
    Ok(BreachRecord {
        became_aware_at: from_micros(became_aware_at)?,
        types: sealed.types.iter().map(|kind| BreachType::parse(kind)).collect::<Result<_, _>>().map_err(|_| damaged())?,
        data_categories: sealed.data_categories.map(FreeText::from_stored),
        people: sealed.people,
        records: sealed.records,
        consequences: sealed.consequences.map(FreeText::from_stored),
        measures: sealed.measures.map(FreeText::from_stored),
        data_encrypted: sealed.data_encrypted,
        key_taken: sealed.key_taken,
        notified_at: notified_at.map(from_micros).transpose()?,
        authority_reference: sealed.authority_reference.map(ShortText::from_stored),
        delay_reason: sealed.delay_reason.map(FreeText::from_stored),
    })
}

/// What the trail says of a breach record: its clock, nothing personal.
pub(super) fn detail(record: &BreachRecord) -> String {
    let at = |moment: OffsetDateTime| moment.format(&Rfc3339).unwrap_or_default();
    let mut detail = format!("aware {}, deadline {}", at(record.became_aware_at), at(record.deadline()));
    if let Some(notified) = record.notified_at {
        detail.push_str(&format!(", notified {}", at(notified)));
    }
    detail
}
