//! Completing an erasure (GDPR Art. 17) or a restriction (Art. 18) a customer asked for.
//!
//! Erasure destroys the customer's data key and blind-index entries, empties their row (a
//! tombstone with its id and dates stays, so what the law keeps still has the id it was recorded
//! under) and deletes their workshop jobs and the sales the law no longer needs, all in one
//! transaction with its events; the deleted bytes are then purged from the database files. What
//! the law makes the shop keep stays, sealed under keys of its own: identity records until five
//! years after their sale (anti-money-laundering law), and sales still within the tax term of
//! the shop's country, with amounts, dates, items and payment references but no engraving or
//! note. The reply to the person says what was kept, why and until when.
//!
//! Restriction marks the record: it is then only stored, and opens only for a legal claim.

use strongroom_crypto::DataKey;
use strongroom_domain::{
    Actor, AuditAction, CustomerId, DomainError, JobStatus, Language, Outcome, Permission, RecordKind, RequestId, RequestKind,
    RequestStatus, TaxRetention, parse_date,
};
use strongroom_store::{Backend, OwnerKind, Tx};
use time::Date;
use uuid::Uuid;

use super::requests::Request;
use crate::customers::sealing::{categories_of, open_purchase, seal_correction, seal_purchase};
use crate::trail::draft::EventDraft;
use crate::{AppError, Vault, now_micros};

/// What erasing a customer does (or did): what goes, and what the law keeps until when.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct ErasurePlan {
    pub customer: CustomerId,
    /// Sales past the tax term: deleted.
    pub sales_deleted: usize,
    /// Sales still within it: kept, detached from the person, until the latest of these days.
    pub sales_kept: usize,
    pub sales_kept_until: Option<Date>,
    pub tax: TaxRetention,
    /// Workshop jobs: deleted.
    pub jobs_deleted: usize,
    /// Jobs whose item is still in the shop: the erasure waits until they are handed back.
    pub jobs_open: usize,
    /// Identity records within their five years: kept, until the latest of these days.
    pub aml_kept: usize,
    pub aml_kept_until: Option<Date>,
    /// Identity records past their five years: deleted with the rest.
    pub aml_deleted: usize,
}

/// An erasure carried out.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Erased {
    pub plan: ErasurePlan,
    /// Whether the deleted bytes were purged from the database files at once (if not, the
    /// purge is owed and finished later, see `purge.rs`).
    pub purged: bool,
    /// What the database cannot promise about its files, to tell the person (PostgreSQL).
    pub limit: Option<&'static str>,
    /// The reply as sent to the person.
    pub reply: String,
}

/// Why a customer is erased, for the trail.
#[derive(Clone, Copy)]
enum Why {
    /// They asked (an erasure request).
    Request,
    /// A restore brought back a customer erased after the backup.
    Restore,
    /// The review list: nothing for this many years.
    Retention(u8),
}

impl Why {
    fn words(self) -> String {
        match self {
            Why::Request => "at their request".to_owned(),
            Why::Restore => "again after a restore of an older backup".to_owned(),
            Why::Retention(years) => format!("after a review: nothing for {years} years"),
        }
    }
}

/// What PostgreSQL cannot promise, stated in the reply.
const POSTGRES_LIMIT: &str = "PostgreSQL marks the space of deleted rows for reuse (VACUUM) but does not overwrite it at once, and keeps its own log of changes for a while; the key that opened the data is deleted, so what remains cannot be read.";

/// The sales, jobs and identity records of one customer as the plan sees them.
struct Holdings {
    sales: Vec<(Uuid, Date)>,
    jobs: Vec<JobStatus>,
    aml: Vec<(Uuid, Date)>,
}

fn stored_date(what: &'static str, text: &str) -> Result<Date, AppError> {
    parse_date(what, text).map_err(|_| AppError::corrupt(format!("a stored {what} {text:?} does not read")))
}

fn holdings(tx: &mut dyn Tx, customer: CustomerId) -> Result<Holdings, AppError> {
    let id = customer.as_uuid();
    let sales = tx
        .purchases_of(id)?
        .iter()
        .map(|row| Ok((row.id, stored_date("sale date", &row.purchased_on)?)))
        .collect::<Result<_, AppError>>()?;
    let jobs = tx
        .repairs_of(id)?
        .iter()
        .map(|row| JobStatus::parse(&row.status).map_err(|_| AppError::corrupt("a job's status")))
        .collect::<Result<_, _>>()?;
    let aml = tx
        .aml_records_of(id)?
        .iter()
        .map(|row| Ok((row.id, stored_date("retention end", &row.retention_ends)?)))
        .collect::<Result<_, AppError>>()?;
    Ok(Holdings { sales, jobs, aml })
}

impl ErasurePlan {
    fn of(customer: CustomerId, holdings: &Holdings, tax: TaxRetention, today: Date) -> ErasurePlan {
        let kept: Vec<Date> = holdings.sales.iter().map(|(_, on)| tax.kept_until(*on)).filter(|until| *until >= today).collect();
        let aml_kept: Vec<Date> = holdings.aml.iter().map(|(_, until)| *until).filter(|until| *until >= today).collect();
        ErasurePlan {
            customer,
            sales_deleted: holdings.sales.len() - kept.len(),
            sales_kept: kept.len(),
            sales_kept_until: kept.iter().max().copied(),
            tax,
            jobs_deleted: holdings.jobs.len(),
            jobs_open: holdings.jobs.iter().filter(|status| **status != JobStatus::Collected).count(),
            aml_kept: aml_kept.len(),
            aml_kept_until: aml_kept.iter().max().copied(),
            aml_deleted: holdings.aml.len() - aml_kept.len(),
        }
    }

    /// Why the erasure cannot be done now, if it cannot.
    fn obstacle(&self) -> Option<AppError> {
        (self.jobs_open > 0).then(|| {
            AppError::Conflict(format!(
                "{} workshop jobs still hold the customer's items: hand them back (mark them collected) before the erasure, so the shop can still reach the owner",
                self.jobs_open
            ))
        })
    }
}

impl Vault {
    /// What erasing the customer of an erasure request would delete and keep, for the page to
    /// show before the button. Reads plain columns only; recorded as a read of the request.
    pub fn erasure_plan(&self, actor: &Actor, id: RequestId, today: Date) -> Result<ErasurePlan, AppError> {
        let request = self.request(actor, id)?;
        let mut tx = self.store.begin_snapshot()?;
        let holdings = holdings(tx.as_mut(), request.customer)?;
        Ok(ErasurePlan::of(request.customer, &holdings, self.settings.tax_retention, today))
    }

    /// Completes an erasure request: erases the customer, keeping what the law requires, and
    /// answers the request with a reply in `language` that says what was kept, why and until
    /// when. Needs a fresh step-up: nothing brings the data back.
    pub fn complete_erasure(&self, actor: &Actor, id: RequestId, today: Date, language: Language) -> Result<(Request, Erased), AppError> {
        let target = Some((RecordKind::Request, id.as_uuid()));
        self.require(actor, Permission::PrivacyRequests, AuditAction::DataKeyDestroy, target)?;
        self.require_step_up(actor, AuditAction::DataKeyDestroy, target)?;
        let tax = self.settings.tax_retention;
        let limit = (self.store.backend() == Backend::Postgres).then_some(POSTGRES_LIMIT);
        let backup_days = self.backup_settings_in_force()?.keep.longest_days();
        let mut done = None;
        let request = self.change_request_in(actor, id, |tx, request, erased| {
            if let Err(refusal) = completable(request, RequestKind::Erasure, erased.0) {
                return Ok(Err(refusal));
            }
            let customer = request.customer;
            let Some(row) = tx.customer(customer.as_uuid())? else { return Ok(Err(AppError::NotFound("customer"))) };
            if row.restricted {
                return Ok(Err(AppError::Conflict(
                    "the customer's record is restricted: lift the restriction first (the person must be told before it is lifted)".into(),
                )));
            }
            let plan = ErasurePlan::of(customer, &holdings(tx, customer)?, tax, today);
            if let Some(obstacle) = plan.obstacle() {
                return Ok(Err(obstacle));
            }
            let key_row = tx.data_key(OwnerKind::Customer, customer.as_uuid())?.ok_or(AppError::Shredded)?;
            let key = self.keys.open_data_key(&key_row)?;
            let events = self.erase_with_holds(tx, actor, &key, &plan, today, Why::Request)?;
            let reply = erasure_reply(&plan, limit, backup_days, language);
            request.status = RequestStatus::Completed;
            request.reply = Some(reply.clone());
            let detail = format!("completed: customer erased; {}", plan_words(&plan));
            done = Some(Erased { plan, purged: false, limit, reply });
            Ok(Ok((detail, events)))
        })?;
        let mut erased = done.ok_or_else(|| AppError::corrupt("an erasure finished without its plan"))?;
        erased.purged = self.purge_now(actor, Some(erased.plan.customer))?;
        Ok((request, erased))
    }

    /// Erases a customer again after a restore of a backup made before their erasure, keeping
    /// what the law still requires as the first erasure did. Their requests and the trail say
    /// why; this records the key's destruction again, so the register stays whole.
    pub(crate) fn erase_again(&self, actor: &Actor, customer: CustomerId, today: Date) -> Result<(), AppError> {
        self.erase_without_request(actor, customer, today, Why::Restore).map(drop)
    }

    /// Erases a customer from the review list (nothing for years): as an erasure on request,
    /// refused while the record is restricted or their items are in the workshop.
    pub(crate) fn erase_for_retention(&self, actor: &Actor, customer: CustomerId, today: Date) -> Result<ErasurePlan, AppError> {
        let plan = self.erase_without_request(actor, customer, today, Why::Retention(self.settings.review_after_years))?;
        plan.ok_or_else(|| AppError::Conflict("the customer was erased already; nothing was changed".into()))
    }

    /// An erasure no request asked for; `None` when the customer was erased already.
    fn erase_without_request(&self, actor: &Actor, customer: CustomerId, today: Date, why: Why) -> Result<Option<ErasurePlan>, AppError> {
        let mut tx = self.store.begin()?;
        let Some(row) = tx.customer(customer.as_uuid())? else { return Err(AppError::NotFound("customer")) };
        let Some(key_row) = tx.data_key(OwnerKind::Customer, customer.as_uuid())? else { return Ok(None) };
        let key = self.keys.open_data_key(&key_row)?;
        let plan = ErasurePlan::of(customer, &holdings(tx.as_mut(), customer)?, self.settings.tax_retention, today);
        if let Why::Retention(_) = why {
            if row.restricted {
                return Err(AppError::Restricted);
            }
            if !self.is_inactive(tx.as_mut(), customer, today)? {
                return Err(AppError::Conflict(
                    "this customer is not on the review list (something happened in the years it looks back on, or they were kept): nothing was changed".into(),
                ));
            }
            let requests = tx.requests(true, Some(customer.as_uuid()), 1)?;
            if !requests.is_empty() {
                return Err(AppError::Conflict(
                    "the customer has a request waiting for an answer: answer it first; nothing was changed".into(),
                ));
            }
            if let Some(obstacle) = plan.obstacle() {
                return Err(obstacle);
            }
        }
        let events = self.erase_with_holds(tx.as_mut(), actor, &key, &plan, today, why)?;
        self.record(tx.as_mut(), &events)?;
        tx.commit()?;
        self.purge_now(actor, Some(customer))?;
        Ok(Some(plan))
    }

    /// Erases a customer within `tx` as `plan` says, keeping what the law requires under keys
    /// of their own: the events to record with it.
    fn erase_with_holds(
        &self,
        tx: &mut dyn Tx,
        actor: &Actor,
        key: &DataKey,
        plan: &ErasurePlan,
        today: Date,
        why: Why,
    ) -> Result<Vec<strongroom_audit::AuditEvent>, AppError> {
        let customer = plan.customer.as_uuid();
        let corrections = tx.sale_corrections_of(customer)?;
        for row in tx.purchases_of(customer)? {
            let until = plan.tax.kept_until(stored_date("sale date", &row.purchased_on)?);
            if until < today {
                continue;
            }
            let mut sale = open_purchase(key, &row, &corrections)?;
            // What tax law needs stays; what says something about the person goes.
            sale.engraving = None;
            sale.note = None;
            let (hold_key, hold_row) = self.keys.new_data_key(OwnerKind::SaleHold, row.id)?;
            tx.move_record(RecordKind::Purchase, row.id, customer, &seal_purchase(&hold_key, &sale)?)?;
            for correction in &sale.corrections {
                tx.move_record(RecordKind::SaleCorrection, correction.id.as_uuid(), customer, &seal_correction(&hold_key, correction)?)?;
            }
            tx.hold_purchase(row.id, &until.to_string(), &hold_row)?;
        }
        let mut events = Vec::new();
        let person = crate::customers::sealing::open_customer(key, &tx.customer(customer)?.ok_or(AppError::NotFound("customer"))?)?;
        for row in tx.aml_records_of(customer)? {
            if stored_date("retention end", &row.retention_ends)? >= today {
                // A record made before it kept its holder learns it now, before the name goes.
                let record_key = self.keys.open_data_key(&row.data_key)?;
                let mut record = crate::customers::sealing::open_aml_record(&record_key, &row)?;
                if record.holder_name.is_none() {
                    record.holder_name = Some(person.name.clone());
                    record.holder_birth_date = person.birth_date;
                    tx.set_aml_holder(row.id, &crate::customers::sealing::seal_aml_record(&record_key, &record)?)?;
                }
                continue;
            }
            tx.shred_aml_record(row.id)?;
            events.push(
                EventDraft::new(actor, AuditAction::AmlDelete)
                    .target(RecordKind::AmlRecord, row.id)
                    .detail(format!("deleted with the erasure of its customer: kept until {}", row.retention_ends))
                    .finish(Outcome::Allowed),
            );
        }
        tx.delete_unheld_records(customer)?;
        tx.destroy_data_key(OwnerKind::Customer, customer)?;
        tx.delete_index_entries(customer)?;
        tx.erase_customer_row(customer, now_micros())?;
        self.owe_purge(tx, &format!("customer {}", plan.customer))?;
        // The erasure register (for restores of older backups) reads these.
        events.push(
            EventDraft::new(actor, AuditAction::DataKeyDestroy)
                .target(RecordKind::Customer, customer)
                .categories(categories_of(RecordKind::Customer))
                .detail(format!("customer erased {}: {}", why.words(), plan_words(plan)))
                .finish(Outcome::Allowed),
        );
        Ok(events)
    }

    /// The sales of an erased customer kept for the tax authority, each opened with its own key.
    pub(crate) fn held_sales(&self, tx: &mut dyn Tx, customer: CustomerId) -> Result<Vec<strongroom_domain::Purchase>, AppError> {
        let corrections = tx.sale_corrections_of(customer.as_uuid())?;
        let held: Vec<Uuid> = tx.held_purchases_of(customer.as_uuid())?.into_iter().map(|(id, _)| id).collect();
        let mut sales = Vec::new();
        for row in tx.purchases_of(customer.as_uuid())?.iter().filter(|row| held.contains(&row.id)) {
            let key_row = tx.data_key(OwnerKind::SaleHold, row.id)?.ok_or_else(|| AppError::corrupt("a kept sale without its key"))?;
            sales.push(open_purchase(&self.keys.open_data_key(&key_row)?, row, &corrections)?);
        }
        Ok(sales)
    }

    /// Completes a restriction request: the record is then only stored, and opens only for a
    /// legal claim, until the restriction is lifted.
    pub fn complete_restriction(&self, actor: &Actor, id: RequestId, reply: strongroom_domain::FreeText) -> Result<Request, AppError> {
        self.change_request_in(actor, id, |tx, request, erased| {
            if let Err(refusal) = completable(request, RequestKind::Restriction, erased.0) {
                return Ok(Err(refusal));
            }
            match tx.customer(request.customer.as_uuid())? {
                None => return Ok(Err(AppError::NotFound("customer"))),
                Some(row) if row.restricted => {
                    return Ok(Err(AppError::Conflict("the customer's record is restricted already".into())));
                }
                Some(_) => {}
            }
            // A restricted record takes no moves on the board: its items go back first.
            let holdings = holdings(tx, request.customer)?;
            let open = holdings.jobs.iter().filter(|status| **status != JobStatus::Collected).count();
            if open > 0 {
                return Ok(Err(AppError::Conflict(format!(
                    "{open} workshop jobs still hold the customer's items: hand them back (mark them collected) before the restriction"
                ))));
            }
            tx.set_customer_restricted(request.customer.as_uuid(), true)?;
            request.status = RequestStatus::Completed;
            request.reply = Some(reply.as_str().to_owned());
            Ok(Ok(("completed: the record is restricted; it opens only for a legal claim".into(), Vec::new())))
        })
    }

    /// Lifts the restriction a restriction request set, once its reason has ended; the person
    /// must be told first (Art. 18(3)). `reason` says why and when they were told: it is kept
    /// with the request, sealed, never in the trail. Needs a fresh step-up: the record opens
    /// for every purpose again.
    pub fn lift_restriction(&self, actor: &Actor, id: RequestId, reason: strongroom_domain::FreeText) -> Result<Request, AppError> {
        let target = Some((RecordKind::Request, id.as_uuid()));
        self.require(actor, Permission::PrivacyRequests, AuditAction::RequestUpdate, target)?;
        self.require_step_up(actor, AuditAction::RequestUpdate, target)?;
        self.change_request_in(actor, id, |tx, request, _| {
            if request.kind != RequestKind::Restriction || request.status != RequestStatus::Completed || request.lifted.is_some() {
                return Ok(Err(AppError::Conflict("only a restriction that was carried out, and not yet lifted, is lifted".into())));
            }
            if !tx.set_customer_restricted(request.customer.as_uuid(), false)? {
                return Ok(Err(AppError::Conflict("the customer's record is not restricted".into())));
            }
            request.lifted = Some(reason.as_str().to_owned());
            Ok(Ok(("restriction lifted; the record opens for every purpose again".into(), Vec::new())))
        })
    }
}

/// Whether a request of `kind` may be completed now: pending, of that kind, the person's
/// identity checked, the customer not erased.
fn completable(request: &Request, kind: RequestKind, erased: bool) -> Result<(), AppError> {
    if !request.status.is_pending() {
        return Err(AppError::Conflict("this request is closed already; nothing was changed".into()));
    }
    if request.kind != kind {
        return Err(AppError::Conflict(format!(
            "this is a request for {}, not {}: answer it with the reply instead",
            request.kind.as_str(),
            kind.as_str()
        )));
    }
    if request.identity_check.is_none() {
        return Err(DomainError::invalid(
            "identity_check",
            "record how the person's identity was checked first: nothing is disclosed or changed before it is",
        )
        .into());
    }
    if erased {
        return Err(AppError::Conflict("the customer was erased already; nothing was changed".into()));
    }
    Ok(())
}

/// The plan in a line, for the trail.
fn plan_words(plan: &ErasurePlan) -> String {
    format!(
        "{} sales deleted, {} kept for tax until {}, {} workshop jobs deleted, {} identity records kept until {}, {} deleted",
        plan.sales_deleted,
        plan.sales_kept,
        plan.sales_kept_until.map_or_else(|| "-".to_owned(), |day| day.to_string()),
        plan.jobs_deleted,
        plan.aml_kept,
        plan.aml_kept_until.map_or_else(|| "-".to_owned(), |day| day.to_string()),
        plan.aml_deleted
    )
}

/// The reply to the person: what was erased, what the law keeps, why and until when.
pub fn erasure_reply(plan: &ErasurePlan, limit: Option<&str>, backup_days: u32, language: Language) -> String {
    let mut lines = Vec::new();
    match language {
        Language::En => {
            lines.push("As you asked, we have erased your personal data: your name, contact details, preferences and notes, and your workshop history.".to_owned());
            if plan.sales_kept > 0 || plan.aml_kept > 0 {
                lines.push("The law makes us keep a few records for a while. They are sealed and opened only to meet that law; the sales records are no longer linked to your name, the identity records keep it, as that law requires:".to_owned());
            }
            if let Some(until) = plan.sales_kept_until.filter(|_| plan.sales_kept > 0) {
                lines.push(format!(
                    "- {} sales records (amount, date, items and payment reference) until {until}, because tax law requires sales records to be kept {} years ({}).",
                    plan.sales_kept, plan.tax.years, plan.tax.source
                ));
            }
            if let Some(until) = plan.aml_kept_until.filter(|_| plan.aml_kept > 0) {
                lines.push(format!(
                    "- {} identity records made for a high-value sale until {until}, because anti-money-laundering law requires them to be kept five years after the sale.",
                    plan.aml_kept
                ));
            }
            if plan.sales_kept > 0 || plan.aml_kept > 0 {
                lines.push("They are deleted automatically when that time ends.".to_owned());
            }
            lines.push(format!(
                "Our backups are kept at most {backup_days} days; if one is ever restored, your erasure is applied again at once."
            ));
            if let Some(limit) = limit {
                lines.push(format!("About our database: {limit}"));
            }
        }
        Language::Nl => {
            lines.push("Zoals u vroeg, hebben we uw persoonsgegevens gewist: uw naam, contactgegevens, voorkeuren en notities, en uw werkplaatsgeschiedenis.".to_owned());
            if plan.sales_kept > 0 || plan.aml_kept > 0 {
                lines.push("De wet verplicht ons enkele gegevens nog een tijd te bewaren. Ze zijn verzegeld en worden alleen geopend om aan die wet te voldoen; de verkoopgegevens zijn niet meer aan uw naam gekoppeld, de identificatiegegevens houden die, zoals die wet vraagt:".to_owned());
            }
            if let Some(until) = plan.sales_kept_until.filter(|_| plan.sales_kept > 0) {
                lines.push(format!(
                    "- {} verkoopgegevens (bedrag, datum, artikelen en betalingskenmerk) tot {until}, omdat de belastingwet voorschrijft verkoopgegevens {} jaar te bewaren ({}).",
                    plan.sales_kept,
                    plan.tax.years,
                    if plan.tax.source == strongroom_domain::SET_BY_SHOP { "zoals de winkel het instelde" } else { plan.tax.source }
                ));
            }
            if let Some(until) = plan.aml_kept_until.filter(|_| plan.aml_kept > 0) {
                lines.push(format!(
                    "- {} identificatiegegevens van een verkoop met een hoog bedrag tot {until}, omdat de witwaswet (Wwft) voorschrijft ze vijf jaar na de verkoop te bewaren.",
                    plan.aml_kept
                ));
            }
            if plan.sales_kept > 0 || plan.aml_kept > 0 {
                lines.push("Ze worden automatisch gewist zodra die termijn voorbij is.".to_owned());
            }
            lines.push(format!("Onze back-ups worden hoogstens {backup_days} dagen bewaard; wordt er ooit een teruggezet, dan wordt uw wissing meteen opnieuw uitgevoerd."));
            if limit.is_some() {
                lines.push("Over onze database: PostgreSQL geeft de ruimte van gewiste rijen vrij voor hergebruik (VACUUM) maar overschrijft die niet meteen, en bewaart zijn eigen logboek van wijzigingen een tijd; de sleutel die de gegevens opende is gewist, dus wat overblijft is niet te lezen.".to_owned());
            }
        }
    }
    lines.join("\n")
}

/// The reply to a restriction, in the person's language.
pub fn restriction_reply(language: Language) -> &'static str {
    match language {
        Language::En => {
            "As you asked, your record is restricted: we only store it, and open it only to establish, exercise or defend a legal claim. We will tell you before the restriction is lifted."
        }
        Language::Nl => {
            "Zoals u vroeg, is uw dossier beperkt: we bewaren het alleen, en openen het alleen voor het instellen, uitoefenen of onderbouwen van een rechtsvordering. We laten het u weten voordat de beperking wordt opgeheven."
        }
    }
}
