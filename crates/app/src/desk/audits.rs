//! Audits an outsider can check (issue 16): the audits held and the calendar they set (an
//! internal review every quarter, an external audit every year), the findings the external
//! auditor (or the owner) writes, which are the owner's tasks until resolved with a note, and the
//! audit report: the date, the scope, the results of the desk's registers, the findings, and a
//! checkpoint of the audit trail signed for it, which `audit verify --against` accepts later to
//! prove the trail was not rewritten since. Findings and audits are sealed in `desk_items`;
//! every change is recorded (`audit.finding`, `audit.held`), never with its words.

use serde::{Deserialize, Serialize};
use strongroom_domain::{Actor, AuditAction, AuditHeld, AuditKind, CeControl, Finding, FindingSeverity, Outcome, Permission, RiskLevel};
use strongroom_store::DeskItemRow;
use time::Date;
use uuid::Uuid;

use crate::trail::draft::EventDraft;
use crate::{AppError, Vault, now_micros};

const FINDING: &str = "finding";
const AUDIT: &str = "audit";
/// The most findings and audits kept.
const MAX_ITEMS: usize = 1000;

/// A finding with its id and when it was last saved.
#[derive(Clone, Debug)]
pub struct FindingEntry {
    pub id: Uuid,
    pub finding: Finding,
    pub updated_at: i64,
}

/// The audit workspace: the audits held (latest first), when the next of each kind is due, and
/// the findings (open ones first, then by severity).
#[derive(Clone, Debug)]
pub struct AuditDesk {
    pub held: Vec<AuditHeld>,
    pub next_internal: Date,
    pub next_external: Date,
    pub findings: Vec<FindingEntry>,
}

/// A customer's request as the external auditor sees it: what kind, how it came in, where it
/// stands and its days; never whose it is or what was written about it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RequestLine {
    pub kind: strongroom_domain::RequestKind,
    pub channel: strongroom_domain::RequestChannel,
    pub status: strongroom_domain::RequestStatus,
    pub received_on: Date,
    pub due_on: Date,
    pub identity_checked: bool,
    pub closed: bool,
}

/// What the audit report holds.
#[derive(Clone, Debug)]
pub struct AuditReport {
    pub made_on: Date,
    pub made_by: String,
    pub shop_name: String,
    pub desk: AuditDesk,
    pub score: u8,
    pub controls: Vec<(CeControl, u8)>,
    /// The self-assessment's questions not yet "yes".
    pub open_questions: Vec<&'static str>,
    /// Risks by level (low, medium, high, very high), and how many are overdue for review.
    pub risks_by_level: [usize; 4],
    pub risks_overdue: usize,
    /// Devices, and those with a problem flag.
    pub devices: usize,
    pub devices_with_problems: usize,
    pub incidents_open: usize,
    pub incidents_total: usize,
    /// Events in the audit trail, and whether checking it now found it whole.
    pub trail_events: u64,
    pub trail_ok: bool,
    /// A checkpoint of the trail signed for this report (a signed note).
    pub checkpoint: String,
}

#[derive(Serialize, Deserialize)]
struct FindingDoc {
    title: String,
    severity: String,
    detail: String,
    recommendation: String,
    raised_by: String,
    raised_on: String,
    resolved: Option<(String, String)>,
}

#[derive(Serialize, Deserialize)]
struct AuditDoc {
    kind: String,
    held_on: String,
    by: String,
    scope: String,
}

fn finding_doc(finding: &Finding) -> FindingDoc {
    FindingDoc {
        title: finding.title.clone(),
        severity: finding.severity.as_str().to_owned(),
        detail: finding.detail.clone(),
        recommendation: finding.recommendation.clone(),
        raised_by: finding.raised_by.clone(),
        raised_on: finding.raised_on.to_string(),
        resolved: finding.resolved.as_ref().map(|(on, note)| (on.to_string(), note.clone())),
    }
}

fn finding_from(doc: FindingDoc) -> Result<Finding, strongroom_domain::DomainError> {
    let date = |text: &str| strongroom_domain::parse_date("date", text);
    Ok(Finding {
        title: doc.title,
        severity: FindingSeverity::parse("severity", &doc.severity)?,
        detail: doc.detail,
        recommendation: doc.recommendation,
        raised_by: doc.raised_by,
        raised_on: date(&doc.raised_on)?,
        resolved: doc.resolved.map(|(on, note)| Ok::<_, strongroom_domain::DomainError>((date(&on)?, note))).transpose()?,
    })
}

fn sealed_name(kind: &str, id: Uuid) -> String {
    format!("desk_items/{kind}/{id}")
}

impl Vault {
    fn seal_item<T: Serialize>(&self, kind: &str, id: Uuid, value: &T) -> Result<Vec<u8>, AppError> {
        let json = serde_json::to_vec(value).map_err(|error| AppError::corrupt(error.to_string()))?;
        self.seal_host_secret(&sealed_name(kind, id), &json)
    }

    /// Deletes a desk item (a device, a risk) in `tx` only as it was read: `read_at` is its
    /// `updated_at` when the page showed it (`None` from the CLI, which reads and deletes at once).
    /// Serialised with other changes to desk items, so a change made meanwhile is not lost unseen.
    pub(crate) fn delete_item_as_read(
        &self,
        tx: &mut dyn strongroom_store::Tx,
        kind: &str,
        id: Uuid,
        read_at: Option<i64>,
        what: &'static str,
    ) -> Result<(), AppError> {
        tx.lock_desk_items()?;
        let row = tx.desk_item(kind, id)?.ok_or(AppError::NotFound(what))?;
        if read_at.is_some_and(|read_at| read_at != row.updated_at) {
            return Err(AppError::Conflict("it was changed since it was opened: look at it again before removing it".into()));
        }
        tx.delete_desk_item(kind, id)?;
        Ok(())
    }

    fn open_item<T: serde::de::DeserializeOwned>(&self, row: &DeskItemRow) -> Result<T, AppError> {
        let json = self.open_host_secret(&sealed_name(&row.kind, row.id), &row.body)?;
        serde_json::from_slice(&json).map_err(|error| AppError::corrupt(format!("a {} does not read: {error}", row.kind)))
    }

    /// The audit workspace on `today`.
    pub fn audit_desk(&self, actor: &Actor, today: Date) -> Result<AuditDesk, AppError> {
        self.require(actor, Permission::DeskRead, AuditAction::DeskRead, None)?;
        let mut tx = self.store.begin()?;
        let (finding_rows, audit_rows) = (tx.desk_items(FINDING)?, tx.desk_items(AUDIT)?);
        tx.commit()?;
        let mut held = audit_rows
            .iter()
            .map(|row| {
                let doc: AuditDoc = self.open_item(row)?;
                Ok(AuditHeld {
                    kind: AuditKind::parse("kind", &doc.kind)?,
                    held_on: strongroom_domain::parse_date("held_on", &doc.held_on)?,
                    by: doc.by,
                    scope: doc.scope,
                })
            })
            .collect::<Result<Vec<_>, AppError>>()?;
        held.sort_by_key(|audit| std::cmp::Reverse(audit.held_on));
        let last = |kind: AuditKind| held.iter().find(|audit| audit.kind == kind).map(|audit| audit.held_on);
        let mut findings = finding_rows
            .iter()
            .map(|row| {
                let finding = finding_from(self.open_item(row)?)?;
                Ok(FindingEntry { id: row.id, finding, updated_at: row.updated_at })
            })
            .collect::<Result<Vec<_>, AppError>>()?;
        findings.sort_by(|a, b| {
            (a.finding.resolved.is_some(), std::cmp::Reverse(a.finding.severity), a.finding.raised_on).cmp(&(
                b.finding.resolved.is_some(),
                std::cmp::Reverse(b.finding.severity),
                b.finding.raised_on,
            ))
        });
        Ok(AuditDesk {
            next_internal: AuditKind::Internal.next_due(last(AuditKind::Internal), today),
            next_external: AuditKind::External.next_due(last(AuditKind::External), today),
            held,
            findings,
        })
    }

    /// The request register without personal data, newest first (at most 1,000), for the
    /// external auditor: read from plain columns, nothing opened.
    pub fn request_register_lines(&self, actor: &Actor) -> Result<Vec<RequestLine>, AppError> {
        self.require(actor, Permission::DeskRead, AuditAction::DeskRead, None)?;
        let mut tx = self.store.begin()?;
        let rows = tx.requests(false, None, 1000)?;
        tx.commit()?;
        let unreadable = |error: strongroom_domain::DomainError| AppError::corrupt(format!("a request's row does not read: {error}"));
        rows.into_iter()
            .map(|row| {
                Ok(RequestLine {
                    kind: strongroom_domain::RequestKind::parse(&row.kind).map_err(unreadable)?,
                    channel: strongroom_domain::RequestChannel::parse(&row.channel).map_err(unreadable)?,
                    status: strongroom_domain::RequestStatus::parse(&row.status).map_err(unreadable)?,
                    received_on: strongroom_domain::parse_date("received_on", &row.received_on).map_err(unreadable)?,
                    due_on: strongroom_domain::parse_date("due_on", &row.due_on).map_err(unreadable)?,
                    identity_checked: row.identity_checked,
                    closed: row.closed_at.is_some(),
                })
            })
            .collect()
    }

    /// The latest checkpoint stored (a signed note), or nothing before the first.
    fn latest_checkpoint(&self) -> Result<String, AppError> {
        let mut tx = self.store.begin()?;
        let latest = tx.checkpoints()?.pop().map(|checkpoint| checkpoint.note).unwrap_or_default();
        tx.commit()?;
        Ok(latest)
    }

    /// How many findings wait for the owner (the start page's count).
    pub fn open_findings(&self, actor: &Actor) -> Result<usize, AppError> {
        self.require(actor, Permission::DeskRead, AuditAction::DeskRead, None)?;
        let mut tx = self.store.begin()?;
        let rows = tx.desk_items(FINDING)?;
        tx.commit()?;
        let mut open = 0;
        for row in &rows {
            if finding_from(self.open_item(row)?)?.resolved.is_none() {
                open += 1;
            }
        }
        Ok(open)
    }

    fn insert_item<T: Serialize>(
        &self,
        kind: &str,
        value: &T,
        actor: &Actor,
        action: AuditAction,
        detail: String,
    ) -> Result<Uuid, AppError> {
        let id = Uuid::now_v7();
        let row = DeskItemRow { kind: kind.into(), id, body: self.seal_item(kind, id, value)?, updated_at: now_micros() };
        let mut tx = self.store.begin()?;
        tx.lock_desk_items()?;
        if tx.desk_items(kind)?.len() >= MAX_ITEMS {
            return Err(AppError::Conflict(format!("at most {MAX_ITEMS} are kept")));
        }
        if !tx.put_desk_item(&row, None)? {
            return Err(AppError::corrupt("a new item's id was taken"));
        }
        self.record(
            tx.as_mut(),
            &[EventDraft::new(actor, action).detail(detail.replace("{id}", &id.to_string())).finish(Outcome::Allowed)],
        )?;
        tx.commit()?;
        Ok(id)
    }

    /// A finding, by the external auditor or the owner; the owner's task until resolved.
    pub fn add_finding(&self, actor: &Actor, finding: Finding) -> Result<Uuid, AppError> {
        self.require(actor, Permission::DeskFindings, AuditAction::AuditFinding, None)?;
        let finding = Finding { raised_by: actor.name.clone(), resolved: None, ..finding }.checked()?;
        let detail = format!("finding {{id}} raised: {}", finding.severity.as_str());
        self.insert_item(FINDING, &finding_doc(&finding), actor, AuditAction::AuditFinding, detail)
    }

    /// The owner resolves a finding with a note saying how, if it is still as it was read.
    pub fn resolve_finding(&self, actor: &Actor, id: Uuid, note: &str, today: Date, read_at: i64) -> Result<(), AppError> {
        self.require(actor, Permission::SettingsManage, AuditAction::AuditFinding, None)?;
        let mut tx = self.store.begin()?;
        let row = tx.desk_item(FINDING, id)?.ok_or(AppError::NotFound("finding"))?;
        let finding = finding_from(self.open_item(&row)?)?;
        if finding.resolved.is_some() {
            return Err(AppError::Conflict("this finding is resolved already".into()));
        }
        let finding = Finding { resolved: Some((today, note.to_owned())), ..finding }.checked()?;
        let updated =
            DeskItemRow { body: self.seal_item(FINDING, id, &finding_doc(&finding))?, updated_at: now_micros().max(read_at + 1), ..row };
        if !tx.put_desk_item(&updated, Some(read_at))? {
            return Err(AppError::Conflict("someone changed this finding meanwhile; look at it again".into()));
        }
        let event = EventDraft::new(actor, AuditAction::AuditFinding).detail(format!("finding {id} resolved"));
        self.record(tx.as_mut(), &[event.finish(Outcome::Allowed)])?;
        tx.commit()?;
        Ok(())
    }

    /// An audit held: the owner records the internal review; the external auditor or the owner
    /// the external audit.
    pub fn record_audit(&self, actor: &Actor, audit: AuditHeld, today: Date) -> Result<Uuid, AppError> {
        let needed = match audit.kind {
            AuditKind::Internal => Permission::SettingsManage,
            AuditKind::External => Permission::DeskFindings,
        };
        self.require(actor, needed, AuditAction::AuditHeld, None)?;
        let audit = audit.checked(today)?;
        let doc = AuditDoc { kind: audit.kind.as_str().to_owned(), held_on: audit.held_on.to_string(), by: audit.by, scope: audit.scope };
        let detail = format!("{} audit {{id}} held on {}", doc.kind, doc.held_on);
        self.insert_item(AUDIT, &doc, actor, AuditAction::AuditHeld, detail)
    }

    /// The audit report on `today`. `fresh`: the trail checked whole now and, if it holds, a
    /// checkpoint signed for the report (recorded); otherwise the last check's result and the
    /// latest stored checkpoint, and nothing is written (a page reloaded changes nothing).
    pub fn audit_report(&self, actor: &Actor, today: Date, fresh: bool) -> Result<AuditReport, AppError> {
        self.require(actor, Permission::DeskRead, AuditAction::DeskRead, None)?;
        self.require(actor, Permission::AuditRead, AuditAction::AuditRead, None)?;
        let desk = self.audit_desk(actor, today)?;
        let assessment = self.assessment(actor, today)?;
        let system = Actor::system("audit report");
        let risks = self.risk_entries(today)?;
        let mut risks_by_level = [0; 4];
        for entry in &risks {
            let index = match entry.risk.level() {
                RiskLevel::Low => 0,
                RiskLevel::Medium => 1,
                RiskLevel::High => 2,
                RiskLevel::VeryHigh => 3,
            };
            risks_by_level[index] += 1;
        }
        let devices = self.devices(&system, today)?;
        let mut tx = self.store.begin()?;
        let (open, all) = (tx.incidents(true, 10_000)?.len(), tx.incidents(false, 10_000)?.len());
        tx.commit()?;
        let (trail_events, trail_ok, checkpoint) = if fresh {
            let trail = self.check_trail(None)?;
            // A damaged trail gets no new checkpoint: it would vouch for what was changed.
            let checkpoint = if trail.is_ok() { self.audit_checkpoint(actor)? } else { self.latest_checkpoint()? };
            (trail.events, trail.is_ok(), checkpoint)
        } else {
            let mut tx = self.store.begin()?;
            let events = tx.audit_frontier()?.size();
            let verified = tx.setting(super::doctor::LAST_VERIFY)?.is_some_and(|(result, _)| result == "ok");
            tx.commit()?;
            (events, verified, self.latest_checkpoint()?)
        };
        Ok(AuditReport {
            made_on: today,
            made_by: actor.name.clone(),
            shop_name: self.shop_name().to_owned(),
            score: assessment.score,
            controls: assessment.controls.clone(),
            open_questions: assessment.next_steps.clone(),
            risks_by_level,
            risks_overdue: risks.iter().filter(|entry| entry.review_due).count(),
            devices: devices.devices.len(),
            devices_with_problems: devices.devices.iter().filter(|entry| entry.flags.iter().any(|flag| flag.is_problem())).count(),
            incidents_open: open,
            incidents_total: all,
            trail_events,
            trail_ok,
            checkpoint,
            desk,
        })
    }
}
