//! Questions asked of the audit trail: what happened (filtered), who looked at one customer, and
//! what one person touched in a window. The last is the core of breach impact analysis: "this
//! account was phished on Tuesday: which customers, which data?". Asking is itself recorded.

use std::collections::BTreeMap;

use strongroom_audit::AuditEvent;
use strongroom_domain::{Actor, AuditAction, CustomerId, Outcome, Permission, RecordKind};
use strongroom_store::{AuditFilter, Tx};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::trail::draft::EventDraft;
use crate::{AppError, Vault, to_micros};

/// Rows read per query while aggregating.
const PAGE: usize = 10_000;

/// Filters for the audit log; every condition given must hold.
#[derive(Debug, Clone, Default)]
pub struct AuditQuery {
    pub customer: Option<CustomerId>,
    pub actor_name: Option<String>,
    pub action: Option<String>,
    pub since: Option<OffsetDateTime>,
    pub until: Option<OffsetDateTime>,
    /// Start after this sequence number (the last of the previous page).
    pub after_seq: Option<u64>,
    pub limit: usize,
}

/// One customer in the answer to "what did this person touch?".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccessedCustomer {
    pub customer_id: CustomerId,
    pub events: u64,
    /// Of those, events that opened or changed the record …
    pub opened: u64,
    /// … and events that only showed the name among others (a search, a list, the board).
    pub listed: u64,
    /// Data categories disclosed or changed, sorted.
    pub categories: Vec<String>,
    pub first_at_micros: i64,
    pub last_at_micros: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AccessedBy {
    pub customers: Vec<AccessedCustomer>,
    /// Customers whose record was opened or changed, and customers only seen in lists.
    pub records_opened: u64,
    pub names_listed: u64,
    /// Every event of the actor in the window, customer-related or not.
    pub events: u64,
    /// Attempts that were refused or failed, which disclosed nothing.
    pub refused: u64,
}

impl AuditQuery {
    fn filter(&self) -> AuditFilter {
        AuditFilter {
            target_id: self.customer.map(|id| id.as_uuid()),
            actor_name: self.actor_name.clone(),
            action: self.action.clone(),
            since: self.since.map(to_micros),
            until: self.until.map(to_micros),
            after_seq: self.after_seq,
            limit: self.limit.clamp(1, PAGE),
            ..AuditFilter::default()
        }
    }
}

impl Vault {
    fn record_question(&self, tx: &mut dyn Tx, actor: &Actor, detail: String) -> Result<(), AppError> {
        self.record(tx, &[EventDraft::new(actor, AuditAction::AuditRead).detail(detail).finish(Outcome::Allowed)])
    }

    /// A page of the audit log, filtered.
    pub fn audit_log(&self, actor: &Actor, query: &AuditQuery) -> Result<Vec<(u64, AuditEvent)>, AppError> {
        self.require(actor, Permission::AuditRead, AuditAction::AuditRead, None)?;
        let mut tx = self.store.begin()?;
        let events = tx.query_audit_events(&query.filter())?;
        self.record_question(tx.as_mut(), actor, format!("audit log query, {} events returned", events.len()))?;
        tx.commit()?;
        Ok(events)
    }

    /// Every event about one customer: who, when, why, which data, and how it ended.
    pub fn who_accessed(&self, actor: &Actor, customer_id: CustomerId) -> Result<Vec<(u64, AuditEvent)>, AppError> {
        let target = Some((RecordKind::Customer, customer_id.as_uuid()));
        self.require(actor, Permission::AuditRead, AuditAction::AuditRead, target)?;
        let mut tx = self.store.begin()?;
        let events = events_about(tx.as_mut(), customer_id.as_uuid())?;
        self.record_question(tx.as_mut(), actor, format!("who accessed customer {customer_id}: {} events", events.len()))?;
        tx.commit()?;
        Ok(events)
    }

    /// The customers and data categories `actor_name` touched from `since` until `until`.
    pub fn accessed_by(
        &self,
        actor: &Actor,
        actor_name: &str,
        since: OffsetDateTime,
        until: OffsetDateTime,
    ) -> Result<AccessedBy, AppError> {
        self.require(actor, Permission::AuditRead, AuditAction::AuditRead, None)?;
        let mut tx = self.store.begin()?;
        let answer = touched_by(tx.as_mut(), actor_name, since, until)?;
        self.record_question(
            tx.as_mut(),
            actor,
            format!("accessed by {actor_name}: {} customers in {} events", answer.customers.len(), answer.events),
        )?;
        tx.commit()?;
        Ok(answer)
    }
}

/// The customers and data categories `actor_name` touched from `since` until `until`, from the
/// trail a page at a time (the question itself is the caller's to record).
pub(crate) fn touched_by(tx: &mut dyn Tx, actor_name: &str, since: OffsetDateTime, until: OffsetDateTime) -> Result<AccessedBy, AppError> {
    let mut answer = AccessedBy::default();
    let mut touched: BTreeMap<Uuid, AccessedCustomer> = BTreeMap::new();
    let mut filter = AuditFilter {
        actor_name: Some(actor_name.to_owned()),
        since: Some(to_micros(since)),
        until: Some(to_micros(until)),
        limit: PAGE,
        ..AuditFilter::default()
    };
    loop {
        let page = tx.query_audit_events(&filter)?;
        let full = page.len() == PAGE;
        filter.after_seq = page.last().map(|(seq, _)| *seq);
        for (_, event) in page {
            answer.events += 1;
            if event.outcome != Outcome::Allowed.as_str() {
                answer.refused += 1;
                continue;
            }
            let (Some(kind), Some(id)) = (&event.target_kind, event.target_id) else { continue };
            if kind != RecordKind::Customer.as_str() {
                continue;
            }
            let id = Uuid::from_bytes(id);
            let entry = touched.entry(id).or_insert_with(|| AccessedCustomer {
                customer_id: CustomerId::from_uuid(id),
                events: 0,
                opened: 0,
                listed: 0,
                categories: Vec::new(),
                first_at_micros: event.at_unix_micros,
                last_at_micros: event.at_unix_micros,
            });
            entry.events += 1;
            if AuditAction::only_lists(&event.action) {
                entry.listed += 1;
            } else {
                entry.opened += 1;
            }
            entry.last_at_micros = entry.last_at_micros.max(event.at_unix_micros);
            entry.first_at_micros = entry.first_at_micros.min(event.at_unix_micros);
            for category in event.categories {
                if !entry.categories.contains(&category) {
                    entry.categories.push(category);
                }
            }
        }
        if !full {
            break;
        }
    }
    answer.customers = touched
        .into_values()
        .map(|mut customer| {
            customer.categories.sort();
            customer
        })
        .collect();
    answer.records_opened = answer.customers.iter().filter(|customer| customer.opened > 0).count() as u64;
    answer.names_listed = answer.customers.len() as u64 - answer.records_opened;
    Ok(answer)
}

/// Every event whose target is `target`, oldest first, read a page at a time.
pub(crate) fn events_about(tx: &mut dyn Tx, target: Uuid) -> Result<Vec<(u64, AuditEvent)>, AppError> {
    let mut events = Vec::new();
    let mut filter = AuditFilter { target_id: Some(target), limit: PAGE, ..AuditFilter::default() };
    loop {
        let page = tx.query_audit_events(&filter)?;
        let full = page.len() == PAGE;
        filter.after_seq = page.last().map(|(seq, _)| *seq);
        events.extend(page);
        if !full {
            break;
        }
    }
    Ok(events)
}
