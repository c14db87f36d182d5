//! Customers' requests under the GDPR: the register the privacy officer and the owner keep of
//! what customers asked (access, erasure, …), when, how their identity was checked, the law's
//! deadline (one month, once extendable by two), and the answer. What was written about a
//! request is sealed under the request's own data key, so it outlives an erasure of the customer:
//! the shop can still show it handled the request. Every step is an event in the trail.

use serde::{Deserialize, Serialize};
use strongroom_crypto::{DataKey, FieldAad};
use strongroom_domain::{
    Actor, AuditAction, CustomerId, DomainError, FreeText, NewRequest, Outcome, Permission, RecordKind, RequestChannel, RequestId,
    RequestKind, RequestStatus, extended_due, may_extend, request_due,
};
use strongroom_store::{OwnerKind, RequestRow, Tx};
use time::{Date, OffsetDateTime};
use uuid::Uuid;
use zeroize::Zeroizing;

use crate::trail::draft::EventDraft;
use crate::{AppError, Vault, from_micros_lenient, now_micros};

/// At most this many requests are listed at once.
pub const REQUEST_LIST_LIMIT: usize = 500;

/// Days before its due day from which a request is shown on the start page.
pub const DUE_SOON_DAYS: i64 = 7;

/// A request due soon, as the start page lists it: which, what kind, due when.
pub type RequestDue = (RequestId, RequestKind, Date);

/// A customer's request as the register shows it.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Request {
    pub id: RequestId,
    pub customer: CustomerId,
    pub kind: RequestKind,
    pub channel: RequestChannel,
    pub status: RequestStatus,
    pub received: Date,
    /// The day the answer is due (moved on once when extended).
    pub due: Date,
    pub opened_by: String,
    pub opened_at: OffsetDateTime,
    pub closed_at: Option<OffsetDateTime>,
    /// Whether the person's identity check was recorded (listed without opening its words).
    pub identity_checked: bool,
    /// How the person's identity was checked; nothing is disclosed or destroyed before it is.
    /// `None` in the register's list, which opens nothing.
    pub identity_check: Option<String>,
    pub extension_reason: Option<String>,
    /// The answer given (or why it was refused).
    pub reply: Option<String>,
    /// The legal reason the identity records were left out of the customer's data, when they were.
    pub aml_withheld: Option<String>,
    /// For a restriction carried out: why it was lifted and when the person was told, once it was.
    pub lifted: Option<String>,
}

impl Request {
    /// Late: still pending after its due day.
    pub fn late(&self, today: Date) -> bool {
        self.status.is_pending() && today > self.due
    }
}

/// What was written about a request, sealed as one value.
#[derive(Serialize, Deserialize, Default)]
struct Written {
    identity_check: Option<String>,
    extension_reason: Option<String>,
    reply: Option<String>,
    #[serde(default)]
    aml_withheld: Option<String>,
    #[serde(default)]
    lifted: Option<String>,
}

/// Whether the customer's key was destroyed (they were erased).
#[derive(Clone, Copy)]
pub(super) struct Erased(pub(super) bool);

/// What a change to a request did: the words for the trail, and further events to record
/// with it.
pub(super) type Change = (String, Vec<strongroom_audit::AuditEvent>);

/// How a request ends.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Closing {
    /// Answered: the reply says what was done.
    Answered,
    /// Refused: the reply says why, and that the person may complain to the supervisory
    /// authority.
    Refused,
}

fn written_aad<'a>(key: &DataKey, id: &'a Uuid) -> FieldAad<'a> {
    FieldAad { record_kind: RecordKind::Request.as_str(), field: "written", record_id: id.as_bytes(), data_key_version: key.version() }
}

fn unreadable(error: DomainError) -> AppError {
    AppError::corrupt(format!("a stored request does not read: {error}"))
}

/// A request from its plain columns only, as the register lists it (nothing opened).
pub(super) fn listed_request(row: &RequestRow) -> Result<Request, AppError> {
    Ok(Request {
        id: RequestId::from_uuid(row.id),
        customer: CustomerId::from_uuid(row.customer_id),
        kind: RequestKind::parse(&row.kind).map_err(unreadable)?,
        channel: RequestChannel::parse(&row.channel).map_err(unreadable)?,
        status: RequestStatus::parse(&row.status).map_err(unreadable)?,
        received: stored_date(&row.received_on)?,
        due: stored_date(&row.due_on)?,
        opened_by: row.opened_by.clone(),
        opened_at: from_micros_lenient(row.opened_at),
        closed_at: row.closed_at.map(from_micros_lenient),
        identity_checked: row.identity_checked,
        identity_check: None,
        extension_reason: None,
        reply: None,
        aml_withheld: None,
        lifted: None,
    })
}

fn stored_date(text: &str) -> Result<Date, AppError> {
    strongroom_domain::parse_date("date", text).map_err(|_| AppError::corrupt(format!("a request's date {text:?} does not read")))
}

impl Vault {
    fn request_key(&self, row: &RequestRow) -> Result<DataKey, AppError> {
        self.keys.open_data_key(&row.data_key)
    }

    pub(super) fn opened_request(&self, row: &RequestRow) -> Result<Request, AppError> {
        let key = self.request_key(row)?;
        let json = Zeroizing::new(key.open(written_aad(&key, &row.id), &row.sealed)?);
        let written: Written = serde_json::from_slice(&json).map_err(|error| AppError::corrupt(format!("a request's text: {error}")))?;
        Ok(Request {
            identity_check: written.identity_check,
            extension_reason: written.extension_reason,
            reply: written.reply,
            aml_withheld: written.aml_withheld,
            lifted: written.lifted,
            ..listed_request(row)?
        })
    }

    fn seal_written(&self, key: &DataKey, id: &Uuid, request: &Request) -> Result<Vec<u8>, AppError> {
        let written = Written {
            identity_check: request.identity_check.clone(),
            extension_reason: request.extension_reason.clone(),
            reply: request.reply.clone(),
            aml_withheld: request.aml_withheld.clone(),
            lifted: request.lifted.clone(),
        };
        let json = Zeroizing::new(serde_json::to_vec(&written).map_err(|error| AppError::corrupt(error.to_string()))?);
        Ok(key.seal(written_aad(key, id), &json)?)
    }

    /// Seals `request`'s text into its row again, its status unchanged (the caller records why).
    pub(super) fn reseal_request(&self, tx: &mut dyn Tx, row: &RequestRow, request: &Request) -> Result<(), AppError> {
        let key = self.request_key(row)?;
        let changed = RequestRow {
            sealed: self.seal_written(&key, &row.id, request)?,
            updated_at: now_micros().max(row.updated_at + 1),
            ..row.clone()
        };
        if !tx.update_request(&changed, row.updated_at)? {
            return Err(AppError::Conflict("the request changed meanwhile; look at it again".into()));
        }
        Ok(())
    }

    /// Records a customer's request as it came in; its due day is one month after receipt. A
    /// request for a customer who is not in the vault is refused, and the refusal recorded.
    pub fn open_request(&self, actor: &Actor, customer: CustomerId, new: NewRequest) -> Result<Request, AppError> {
        let target = Some((RecordKind::Customer, customer.as_uuid()));
        self.require(actor, Permission::PrivacyRequests, AuditAction::RequestOpen, target)?;
        let mut tx = self.store.begin()?;
        let draft = EventDraft::new(actor, AuditAction::RequestOpen).target(RecordKind::Customer, customer.as_uuid());
        if tx.customer(customer.as_uuid())?.is_none() {
            return Err(self.fail(tx, draft, "no such customer", AppError::NotFound("customer")));
        }
        let id = RequestId::from_uuid(Uuid::now_v7());
        let (key, key_row) = self.keys.new_data_key(OwnerKind::Request, id.as_uuid())?;
        let now = now_micros();
        let request = Request {
            id,
            customer,
            kind: new.kind,
            channel: new.channel,
            status: RequestStatus::Open,
            received: new.received,
            due: request_due(new.received),
            opened_by: actor.name.clone(),
            opened_at: from_micros_lenient(now),
            closed_at: None,
            identity_checked: new.identity_check.is_some(),
            identity_check: new.identity_check.map(|check| check.as_str().to_owned()),
            extension_reason: None,
            reply: None,
            aml_withheld: None,
            lifted: None,
        };
        let row = RequestRow {
            id: id.as_uuid(),
            customer_id: customer.as_uuid(),
            kind: new.kind.as_str().to_owned(),
            channel: new.channel.as_str().to_owned(),
            status: RequestStatus::Open.as_str().to_owned(),
            received_on: request.received.to_string(),
            due_on: request.due.to_string(),
            opened_by: actor.name.clone(),
            opened_at: now,
            updated_at: now,
            identity_checked: request.identity_checked,
            closed_at: None,
            sealed: self.seal_written(&key, &id.as_uuid(), &request)?,
            data_key: key_row,
        };
        tx.insert_request(&row)?;
        let detail = format!(
            "{} request ({}) received {} by {}, due {}{}",
            new.kind.as_str(),
            new.kind.article(),
            row.received_on,
            new.channel.as_str(),
            row.due_on,
            if request.identity_check.is_some() { ", identity checked" } else { ", identity not yet checked" }
        );
        let events = [
            draft.detail(format!("request {}", id.as_uuid())).finish(Outcome::Allowed),
            EventDraft::new(actor, AuditAction::RequestOpen)
                .target(RecordKind::Request, id.as_uuid())
                .detail(detail)
                .finish(Outcome::Allowed),
        ];
        self.record(tx.as_mut(), &events)?;
        tx.commit()?;
        Ok(request)
    }

    /// The register: pending requests by due day, then the latest closed (only pending ones
    /// when `pending_only`, one customer's when `customer` is given), from their plain columns:
    /// nothing written about them is opened. Reading it is recorded.
    pub fn requests(&self, actor: &Actor, pending_only: bool, customer: Option<CustomerId>) -> Result<Vec<Request>, AppError> {
        self.require(actor, Permission::PrivacyRequests, AuditAction::RequestRead, None)?;
        let mut tx = self.store.begin()?;
        let rows = tx.requests(pending_only, customer.map(|id| id.as_uuid()), REQUEST_LIST_LIMIT)?;
        let requests = rows.iter().map(listed_request).collect::<Result<Vec<_>, _>>()?;
        let event = EventDraft::new(actor, AuditAction::RequestRead).detail(format!("{} requests", requests.len()));
        self.record(tx.as_mut(), &[event.finish(Outcome::Allowed)])?;
        tx.commit()?;
        Ok(requests)
    }

    /// One request, with what was written about it. Recorded.
    pub fn request(&self, actor: &Actor, id: RequestId) -> Result<Request, AppError> {
        let target = Some((RecordKind::Request, id.as_uuid()));
        self.require(actor, Permission::PrivacyRequests, AuditAction::RequestRead, target)?;
        let mut tx = self.store.begin()?;
        let Some(row) = tx.request(id.as_uuid())? else { return Err(AppError::NotFound("request")) };
        let request = self.opened_request(&row)?;
        // What was written may name the customer's documents: "who accessed" shows this read.
        let events = [
            EventDraft::new(actor, AuditAction::RequestRead).target(RecordKind::Request, id.as_uuid()).finish(Outcome::Allowed),
            EventDraft::new(actor, AuditAction::RequestRead)
                .target(RecordKind::Customer, row.customer_id)
                .detail(format!("request {}", id.as_uuid()))
                .finish(Outcome::Allowed),
        ];
        self.record(tx.as_mut(), &events)?;
        tx.commit()?;
        Ok(request)
    }

    /// Requests due within [`DUE_SOON_DAYS`] of `today` or late, for the start page of those who
    /// handle them (`None` for everyone else). Only plain columns are read: nothing is opened,
    /// so nothing is recorded.
    pub fn requests_due(&self, actor: &Actor, today: Date) -> Result<Option<Vec<RequestDue>>, AppError> {
        if !actor.may(Permission::PrivacyRequests) {
            return Ok(None);
        }
        let soon = (today + time::Duration::days(DUE_SOON_DAYS)).to_string();
        let mut tx = self.store.begin_snapshot()?;
        let rows = tx.requests(true, None, REQUEST_LIST_LIMIT)?;
        let mut due = Vec::new();
        for row in rows.iter().filter(|row| row.due_on <= soon) {
            let kind = RequestKind::parse(&row.kind).map_err(|error| AppError::corrupt(error.to_string()))?;
            due.push((RequestId::from_uuid(row.id), kind, stored_date(&row.due_on)?));
        }
        Ok(Some(due))
    }

    /// Changes a request as `change` says, if it is still in the status it was read in; records
    /// `detail`. The same transaction reads, checks and writes.
    fn change_request(
        &self,
        actor: &Actor,
        id: RequestId,
        change: impl FnOnce(&mut Request, Erased) -> Result<String, AppError>,
    ) -> Result<Request, AppError> {
        self.change_request_in(actor, id, |_, request, erased| Ok(change(request, erased).map(|detail| (detail, Vec::new()))))
    }

    /// Changes a request, and what it asked for, in one transaction: `change` may write (an
    /// erasure, a restriction). Its inner error is a refusal, recorded before anything was
    /// written; its outer error ends the transaction unwritten.
    pub(super) fn change_request_in(
        &self,
        actor: &Actor,
        id: RequestId,
        change: impl FnOnce(&mut dyn Tx, &mut Request, Erased) -> Result<Result<Change, AppError>, AppError>,
    ) -> Result<Request, AppError> {
        let target = Some((RecordKind::Request, id.as_uuid()));
        self.require(actor, Permission::PrivacyRequests, AuditAction::RequestUpdate, target)?;
        let mut tx = self.store.begin()?;
        let draft = EventDraft::new(actor, AuditAction::RequestUpdate).target(RecordKind::Request, id.as_uuid());
        let Some(row) = tx.request(id.as_uuid())? else {
            return Err(self.fail(tx, draft, "no such request", AppError::NotFound("request")));
        };
        let mut request = self.opened_request(&row)?;
        let erased = Erased(tx.data_key(OwnerKind::Customer, row.customer_id)?.is_none());
        let (detail, mut events) = match change(tx.as_mut(), &mut request, erased)? {
            Ok(change) => change,
            Err(error) => return Err(self.fail(tx, draft, &error.to_string(), error)),
        };
        let key = self.request_key(&row)?;
        let now = now_micros().max(row.updated_at + 1);
        let changed = RequestRow {
            status: request.status.as_str().to_owned(),
            due_on: request.due.to_string(),
            sealed: self.seal_written(&key, &row.id, &request)?,
            updated_at: now,
            identity_checked: request.identity_check.is_some(),
            // The day it was closed stays the evidence of the deadline kept: a later change to a
            // closed request (lifting a restriction) does not move it.
            closed_at: if request.status.is_pending() { None } else { row.closed_at.or(Some(now)) },
            ..row.clone()
        };
        if !tx.update_request(&changed, row.updated_at)? {
            // What `change` wrote (an erasure, a restriction) goes with this transaction,
            // unwritten; the refusal is recorded in one of its own.
            drop(tx);
            let error = AppError::Conflict("the request changed meanwhile; look at it again".into());
            return Err(self.fail(self.store.begin()?, draft, "changed meanwhile", error));
        }
        request.closed_at = changed.closed_at.map(from_micros_lenient);
        request.identity_checked = changed.identity_checked;
        let about_customer = EventDraft::new(actor, AuditAction::RequestUpdate)
            .target(RecordKind::Customer, row.customer_id)
            .detail(format!("request {}: {detail}", id.as_uuid()));
        events.insert(0, draft.detail(detail).finish(Outcome::Allowed));
        events.insert(1, about_customer.finish(Outcome::Allowed));
        self.record(tx.as_mut(), &events)?;
        tx.commit()?;
        Ok(request)
    }

    /// Records how the person's identity was checked (a document seen at the counter, a
    /// question only they could answer): required before anything is disclosed or destroyed.
    pub fn check_request_identity(&self, actor: &Actor, id: RequestId, check: FreeText) -> Result<Request, AppError> {
        self.change_request(actor, id, |request, _| {
            if !request.status.is_pending() {
                return Err(DomainError::invalid("identity_check", "this request is closed").into());
            }
            // The first check stays the evidence: a second one would write over it.
            if request.identity_check.is_some() {
                return Err(DomainError::invalid("identity_check", "the identity check is recorded already").into());
            }
            request.identity_check = Some(check.as_str().to_owned());
            Ok("identity check recorded".into())
        })
    }

    /// Gives a request two further months (once, within its first month), with the reason that
    /// must be told to the person.
    pub fn extend_request(&self, actor: &Actor, id: RequestId, reason: FreeText, today: Date) -> Result<Request, AppError> {
        self.change_request(actor, id, |request, _| {
            may_extend(request.status, request.due, today)?;
            request.status = RequestStatus::Extended;
            request.due = extended_due(request.received);
            request.extension_reason = Some(reason.as_str().to_owned());
            Ok(format!("extended; now due {}", request.due))
        })
    }

    /// Closes a request with the reply given to the person: answered (after the identity check)
    /// or refused. An erasure is answered only once the customer is erased (their key
    /// destroyed); a restriction cannot be carried out by Strongroom yet, so it is refused here
    /// with what to do instead.
    pub fn close_request(&self, actor: &Actor, id: RequestId, closing: Closing, reply: FreeText) -> Result<Request, AppError> {
        self.change_request(actor, id, |request, erased| {
            if !request.status.is_pending() {
                return Err(DomainError::invalid("reply", "this request is closed already").into());
            }
            if closing == Closing::Answered {
                if request.identity_check.is_none() {
                    return Err(DomainError::invalid(
                        "reply",
                        "record how the person's identity was checked first: nothing is disclosed or changed before it is",
                    )
                    .into());
                }
                match request.kind {
                    RequestKind::Erasure if !erased.0 => {
                        return Err(AppError::Conflict(
                            "an erasure request is completed by erasing the customer (Erase, or `request complete`), which answers it; until then it stays open (or refuse it with the reason)".into(),
                        ));
                    }
                    RequestKind::Restriction => {
                        return Err(AppError::Conflict(
                            "a restriction request is completed by restricting the record (Restrict, or `request complete`), which answers it; until then it stays open (or refuse it with the reason)".into(),
                        ));
                    }
                    _ => {}
                }
            }
            request.status = match closing {
                Closing::Answered => RequestStatus::Completed,
                Closing::Refused => RequestStatus::Refused,
            };
            request.reply = Some(reply.as_str().to_owned());
            Ok(request.status.as_str().to_owned())
        })
    }
}
