//! A breach's reach, from the audit trail: for a compromised account (a staff member's or an
//! API token's) and a time window, the customers it read or changed and how many per data
//! category, attached to the incident as evidence: ids and counts, never a name or a value.

use std::collections::BTreeMap;

use strongroom_domain::{Actor, AuditAction, CustomerId, DomainError, IncidentId, Outcome, Permission, RecordKind};
use strongroom_store::IncidentImpactRow;
use time::OffsetDateTime;
use uuid::Uuid;

use crate::trail::draft::EventDraft;
use crate::trail::queries::touched_by;
use crate::{AppError, Vault, from_micros, now_micros, to_micros};

/// The evidence of one question: who, when, and whom it reached.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Impact {
    pub account: String,
    pub since: OffsetDateTime,
    pub until: OffsetDateTime,
    /// Customers the account read, changed or saw listed.
    pub customers: u64,
    /// Of those, the ones whose record it opened or changed (not only saw in a list).
    pub records_opened: u64,
    /// Per data category, how many of those customers it touched.
    pub categories: Vec<(String, u64)>,
    pub customer_ids: Vec<CustomerId>,
    pub recorded_at: OffsetDateTime,
}

pub(super) fn from_row(row: &IncidentImpactRow) -> Result<Impact, AppError> {
    let damaged = || AppError::corrupt("an incident's evidence does not read");
    let categories = row
        .categories
        .split(';')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (category, count) = pair.split_once('=').ok_or_else(damaged)?;
            Ok((category.to_owned(), count.parse().map_err(|_| damaged())?))
        })
        .collect::<Result<Vec<_>, AppError>>()?;
    let customer_ids = row
        .customer_ids
        .chunks(16)
        .map(|id| Uuid::from_slice(id).map(CustomerId::from_uuid).map_err(|_| damaged()))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Impact {
        account: row.account.clone(),
        since: from_micros(row.since)?,
        until: from_micros(row.until)?,
        customers: u64::try_from(row.customers).map_err(|_| damaged())?,
        records_opened: u64::try_from(row.records_opened).map_err(|_| damaged())?,
        categories,
        customer_ids,
        recorded_at: from_micros(row.created_at)?,
    })
}

impl Vault {
    /// Reads from the trail which customers `account` read or changed from `since` until
    /// `until`, and attaches the answer to the incident as evidence. For those who work
    /// incidents; recorded.
    pub fn incident_impact(
        &self,
        actor: &Actor,
        id: IncidentId,
        account: &str,
        since: OffsetDateTime,
        until: OffsetDateTime,
    ) -> Result<Impact, AppError> {
        let target = Some((RecordKind::Incident, id.as_uuid()));
        self.require(actor, Permission::IncidentManage, AuditAction::IncidentImpact, target)?;
        // An account's name as the trail records it; the card guard and a length bound keep
        // anything else out of the evidence and the trail.
        let account = strongroom_domain::ShortText::parse("account", account)?;
        let account = account.as_str();
        if since >= until {
            return Err(DomainError::invalid("until", "must be after since").into());
        }
        let mut tx = self.store.begin()?;
        let draft = EventDraft::new(actor, AuditAction::IncidentImpact).target(RecordKind::Incident, id.as_uuid());
        if tx.incident(id.as_uuid())?.is_none() {
            return Err(self.fail(tx, draft, "no such incident", AppError::NotFound("incident")));
        }
        let touched = touched_by(tx.as_mut(), account, since, until)?;
        let mut per_category: BTreeMap<String, u64> = BTreeMap::new();
        for customer in &touched.customers {
            for category in &customer.categories {
                *per_category.entry(category.clone()).or_default() += 1;
            }
        }
        let impact = Impact {
            account: account.to_owned(),
            since,
            until,
            customers: touched.customers.len() as u64,
            records_opened: touched.records_opened,
            categories: per_category.into_iter().collect(),
            customer_ids: touched.customers.iter().map(|customer| customer.customer_id).collect(),
            recorded_at: from_micros(now_micros())?,
        };
        let seq = tx.incident_impacts(id.as_uuid())?.len() as i64;
        tx.insert_incident_impact(&IncidentImpactRow {
            incident_id: id.as_uuid(),
            seq,
            account: impact.account.clone(),
            since: to_micros(since),
            until: to_micros(until),
            customers: impact.customers as i64,
            records_opened: impact.records_opened as i64,
            categories: impact.categories.iter().map(|(category, count)| format!("{category}={count}")).collect::<Vec<_>>().join(";"),
            customer_ids: impact.customer_ids.iter().flat_map(|id| *id.as_bytes()).collect(),
            created_at: to_micros(impact.recorded_at),
        })?;
        let detail = format!("{account}: {} customers, {} records opened", impact.customers, impact.records_opened);
        self.record(tx.as_mut(), &[draft.detail(detail).finish(Outcome::Allowed)])?;
        tx.commit()?;
        Ok(impact)
    }
}
