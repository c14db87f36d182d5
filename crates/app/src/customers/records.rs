//! Purchases, workshop jobs and AML identity records: each attached to a customer, sealed, and
//! audited against that customer so "who accessed this customer" includes them.

use strongroom_crypto::DataKey;
use strongroom_domain::{
    Actor, AmlRecord, AmlRecordId, AuditAction, CorrectionId, CorrectionKind, CustomerId, FreeText, IdDocumentNumber, IdDocumentType,
    IssuingCountry, JobKind, JobStatus, Money, Outcome, PaymentReference, Permission, Purchase, PurchaseId, PurchaseItem, Purpose,
    RecordKind, Repair, RepairId, SaleCorrection, ShortText, TicketCode, aml_retention_end,
};
use strongroom_store::{AmlRecordRow, OwnerKind, PurchaseRow, RepairRow, SaleCorrectionRow, Tx};
use time::Date;
use uuid::Uuid;

use crate::customers::codec::encode_date;
use crate::customers::once::{Created, Once};
use crate::customers::sealing::{
    categories_of, open_aml_record, open_purchase, present_categories, seal_aml_record, seal_correction, seal_purchase, seal_repair,
};
use crate::trail::draft::EventDraft;
use crate::{AppError, Vault, now_micros};

#[derive(Debug, Clone)]
pub struct NewPurchase {
    pub customer_id: CustomerId,
    pub purchased_on: Date,
    pub items: Vec<PurchaseItem>,
    pub total: Money,
    pub paid_in_cash: bool,
    pub engraving: Option<FreeText>,
    pub payment: Option<PaymentReference>,
    pub note: Option<FreeText>,
}

/// A void or refund asked for: `amount` is the refund's (a void takes the whole total).
#[derive(Debug, Clone)]
pub struct NewCorrection {
    pub purchase_id: PurchaseId,
    pub kind: CorrectionKind,
    pub amount: Option<Money>,
    pub reason: FreeText,
}

#[derive(Debug, Clone)]
pub struct NewRepair {
    pub customer_id: CustomerId,
    pub kind: JobKind,
    pub item_description: FreeText,
    pub condition: Option<FreeText>,
    pub valuation: Option<Money>,
    pub estimate: Option<Money>,
    pub deposit: Option<Money>,
    pub received_on: Date,
    pub promised_on: Option<Date>,
}

#[derive(Debug, Clone)]
pub struct NewAmlRecord {
    pub customer_id: CustomerId,
    pub document_type: IdDocumentType,
    pub document_number: IdDocumentNumber,
    pub document_country: IssuingCountry,
    pub verified_by: ShortText,
    pub transaction_reference: ShortText,
    pub transaction_date: Date,
    /// The customer's sale this check was made for, when it was one recorded here: the sale
    /// then no longer shows as missing its check. It must be this customer's.
    pub sale: Option<PurchaseId>,
}

/// A sale over the identity-check threshold with no check recorded for it.
#[derive(Debug, Clone)]
pub struct UncheckedSale {
    pub purchase_id: PurchaseId,
    pub customer_id: CustomerId,
    pub customer_name: strongroom_domain::PersonName,
    pub purchased_on: Date,
    pub total: Money,
    pub paid_in_cash: bool,
}

/// A job just taken in: its id and the ticket code to write on its envelope.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TakenIn {
    pub id: RepairId,
    pub ticket: TicketCode,
}

impl Vault {
    /// Records a sale. Sealed with the customer's data key: erasing the customer erases it.
    pub fn add_purchase(&self, actor: &Actor, new: NewPurchase) -> Result<PurchaseId, AppError> {
        self.add_purchase_once(actor, new, None).map(|created| created.value)
    }

    /// Records a sale; with `once`, a repeat of the same request returns the first sale.
    pub fn add_purchase_once(&self, actor: &Actor, new: NewPurchase, once: Option<&Once>) -> Result<Created<PurchaseId>, AppError> {
        let target = Some((RecordKind::Customer, new.customer_id.as_uuid()));
        self.require(actor, Permission::PurchaseWrite, AuditAction::PurchaseCreate, target)?;
        Purchase::check_items(&new.items, new.total)?;
        let purchase = Purchase {
            id: PurchaseId::from_uuid(Uuid::now_v7()),
            customer_id: new.customer_id,
            purchased_on: new.purchased_on,
            items: new.items,
            total: new.total,
            paid_in_cash: new.paid_in_cash,
            engraving: new.engraving,
            payment: new.payment,
            note: new.note,
            corrections: Vec::new(),
        };
        let mut tx = self.store.begin()?;
        let draft = EventDraft::new(actor, AuditAction::PurchaseCreate).target(RecordKind::Customer, new.customer_id.as_uuid());
        let key = match self.customer_key(tx.as_mut(), new.customer_id)? {
            Ok(key) => key,
            Err((detail, error)) => return Err(self.fail(tx, draft, detail, error)),
        };
        // Claimed only now: a refusal above commits its event, and must not commit a claim
        // without a result with it.
        if let Some(once) = once
            && let Some(first) = self.claim_once(tx.as_mut(), actor, once)?
        {
            self.record_replay(tx.as_mut(), actor, AuditAction::PurchaseCreate, new.customer_id.as_uuid(), format!("purchase {first}"))?;
            tx.commit()?;
            return Ok(Created { value: PurchaseId::from_uuid(first), replayed: true });
        }
        let row = PurchaseRow {
            id: purchase.id.as_uuid(),
            customer_id: new.customer_id.as_uuid(),
            purchased_on: encode_date(purchase.purchased_on),
            total_minor: purchase.total.minor_units(),
            currency: purchase.total.currency().as_str().to_owned(),
            paid_in_cash: purchase.paid_in_cash,
            created_at: now_micros(),
            sealed: seal_purchase(&key, &purchase)?,
        };
        tx.insert_purchase(&row)?;
        self.finish_once(tx.as_mut(), actor, once, purchase.id.as_uuid())?;
        let event = draft.categories(present_categories(&row.sealed)).detail(format!("purchase {}", purchase.id));
        self.record(tx.as_mut(), &[event.finish(Outcome::Allowed)])?;
        tx.commit()?;
        Ok(Created::new(purchase.id))
    }

    /// Voids or refunds a sale, with the reason given: a row of its own next to the sale, which
    /// stays as it was. Owner and manager only; two corrections at once cannot give back more
    /// than the sale (the sale's row is locked while the first is made).
    pub fn correct_sale(&self, actor: &Actor, new: NewCorrection) -> Result<SaleCorrection, AppError> {
        let action = match new.kind {
            CorrectionKind::Void => AuditAction::PurchaseVoid,
            CorrectionKind::Refund => AuditAction::PurchaseRefund,
        };
        self.require(actor, Permission::PurchaseCorrect, action, Some((RecordKind::Purchase, new.purchase_id.as_uuid())))?;
        let mut tx = self.store.begin()?;
        let draft = EventDraft::new(actor, action);
        let Some(row) = tx.purchase_for_update(new.purchase_id.as_uuid())? else {
            let draft = draft.target(RecordKind::Purchase, new.purchase_id.as_uuid());
            return Err(self.fail(tx, draft, "no such purchase", AppError::NotFound("purchase")));
        };
        let customer_id = CustomerId::from_uuid(row.customer_id);
        let draft = draft.target(RecordKind::Customer, row.customer_id);
        let key = match self.customer_key(tx.as_mut(), customer_id)? {
            Ok(key) => key,
            Err((detail, error)) => return Err(self.fail(tx, draft, detail, error)),
        };
        let earlier = tx.sale_corrections_of(row.customer_id)?;
        let purchase = open_purchase(&key, &row, &earlier)?;
        let amount = match purchase.correction_amount(new.kind, new.amount) {
            Ok(amount) => amount,
            Err(error) => return Err(self.fail(tx, draft, "refused", error.into())),
        };
        let now = now_micros();
        let correction = SaleCorrection {
            id: CorrectionId::from_uuid(Uuid::now_v7()),
            purchase_id: purchase.id,
            kind: new.kind,
            amount,
            reason: new.reason,
            at: crate::from_micros_lenient(now),
        };
        let row = SaleCorrectionRow {
            id: correction.id.as_uuid(),
            purchase_id: purchase.id.as_uuid(),
            customer_id: row.customer_id,
            kind: new.kind.as_str().to_owned(),
            amount_minor: amount.minor_units(),
            created_at: now,
            sealed: seal_correction(&key, &correction)?,
        };
        tx.insert_sale_correction(&row)?;
        let event =
            draft.categories(present_categories(&row.sealed)).detail(format!("purchase {}: {} {}", purchase.id, new.kind.as_str(), amount));
        self.record(tx.as_mut(), &[event.finish(Outcome::Allowed)])?;
        tx.commit()?;
        Ok(correction)
    }

    /// Takes in a repair, appraisal or custom order.
    pub fn add_repair(&self, actor: &Actor, new: NewRepair) -> Result<TakenIn, AppError> {
        self.add_repair_once(actor, new, None).map(|created| created.value)
    }

    /// Takes in a job and gives it the next ticket code of its kind and month; with `once`, a
    /// repeat of the same request returns the first job.
    pub fn add_repair_once(&self, actor: &Actor, new: NewRepair, once: Option<&Once>) -> Result<Created<TakenIn>, AppError> {
        let target = Some((RecordKind::Customer, new.customer_id.as_uuid()));
        self.require(actor, Permission::RepairWrite, AuditAction::RepairCreate, target)?;
        Repair::check_dates(new.received_on, new.promised_on)?;
        let mut tx = self.store.begin()?;
        let draft = EventDraft::new(actor, AuditAction::RepairCreate).target(RecordKind::Customer, new.customer_id.as_uuid());
        let key = match self.customer_key(tx.as_mut(), new.customer_id)? {
            Ok(key) => key,
            Err((detail, error)) => return Err(self.fail(tx, draft, detail, error)),
        };
        // Claimed only now: a refusal above commits its event, and must not commit a claim
        // without a result with it.
        if let Some(once) = once
            && let Some(first) = self.claim_once(tx.as_mut(), actor, once)?
        {
            self.record_replay(tx.as_mut(), actor, AuditAction::RepairCreate, new.customer_id.as_uuid(), format!("job {first}"))?;
            let ticket = tx.repair(first)?.map(|row| TicketCode::from_stored(row.ticket)).ok_or(AppError::NotFound("job"))?;
            tx.commit()?;
            return Ok(Created { value: TakenIn { id: RepairId::from_uuid(first), ticket }, replayed: true });
        }
        let number = tx.next_ticket_number(&TicketCode::prefix(new.kind, new.received_on))?;
        let repair = Repair {
            id: RepairId::from_uuid(Uuid::now_v7()),
            customer_id: new.customer_id,
            ticket: TicketCode::new(new.kind, new.received_on, number),
            kind: new.kind,
            item_description: new.item_description,
            condition: new.condition,
            valuation: new.valuation,
            estimate: new.estimate,
            deposit: new.deposit,
            status: JobStatus::Received,
            previous_status: None,
            received_on: new.received_on,
            promised_on: new.promised_on,
        };
        let row = RepairRow {
            id: repair.id.as_uuid(),
            customer_id: new.customer_id.as_uuid(),
            kind: repair.kind.as_str().to_owned(),
            status: repair.status.as_str().to_owned(),
            received_on: encode_date(repair.received_on),
            promised_on: repair.promised_on.map(encode_date),
            created_at: now_micros(),
            ticket: repair.ticket.as_str().to_owned(),
            previous_status: None,
            moved_at: None,
            sealed: seal_repair(&key, &repair)?,
        };
        tx.insert_repair(&row)?;
        self.finish_once(tx.as_mut(), actor, once, repair.id.as_uuid())?;
        let event =
            draft.categories(present_categories(&row.sealed)).detail(format!("{} {} ({})", repair.kind.as_str(), repair.id, repair.ticket));
        self.record(tx.as_mut(), &[event.finish(Outcome::Allowed)])?;
        tx.commit()?;
        Ok(Created::new(TakenIn { id: repair.id, ticket: repair.ticket }))
    }

    /// Records an identity check for a high-value sale. The record gets its own data key, so it
    /// survives the customer's erasure until its five-year retention ends (GDPR Art. 17(3)(b)).
    pub fn add_aml_record(&self, actor: &Actor, new: NewAmlRecord) -> Result<(AmlRecordId, Date), AppError> {
        let target = Some((RecordKind::Customer, new.customer_id.as_uuid()));
        self.require(actor, Permission::AmlWrite, AuditAction::AmlCreate, target)?;
        let mut record = AmlRecord {
            id: AmlRecordId::from_uuid(Uuid::now_v7()),
            customer_id: new.customer_id,
            document_type: new.document_type,
            document_number: new.document_number,
            document_country: new.document_country,
            verified_by: new.verified_by,
            transaction_reference: new.transaction_reference,
            transaction_date: new.transaction_date,
            retention_ends: aml_retention_end(new.transaction_date),
            holder_name: None,
            holder_birth_date: None,
        };
        let mut tx = self.store.begin()?;
        let draft = EventDraft::new(actor, AuditAction::AmlCreate).target(RecordKind::Customer, new.customer_id.as_uuid());
        let customer_key = match self.customer_key(tx.as_mut(), new.customer_id)? {
            Ok(key) => key,
            Err((detail, error)) => return Err(self.fail(tx, draft, detail, error)),
        };
        // The record says who it is about in its own right, so an erasure of the customer
        // leaves it whole for as long as the law keeps it.
        let customer_row = tx.customer(new.customer_id.as_uuid())?.ok_or(AppError::NotFound("customer"))?;
        let holder = crate::customers::sealing::open_customer(&customer_key, &customer_row)?;
        record.holder_name = Some(holder.name);
        record.holder_birth_date = holder.birth_date;
        // A check made for one of this customer's sales is linked to it, so the sale no longer
        // shows as missing its check. A sale named outright must be this customer's; a reference
        // that merely reads as a sale's id (as older links and scripts wrote it) links when it is.
        let is_theirs = |tx: &mut Box<dyn strongroom_store::Tx + '_>, sale: PurchaseId| {
            Ok::<_, AppError>(tx.purchase_for_update(sale.as_uuid())?.is_some_and(|p| p.customer_id == new.customer_id.as_uuid()))
        };
        let linked = match new.sale {
            Some(sale) if !is_theirs(&mut tx, sale)? => {
                return Err(self.fail(tx, draft, "no such sale for this customer", AppError::NotFound("sale of this customer")));
            }
            Some(sale) => Some(sale),
            None => match PurchaseId::parse(record.transaction_reference.as_str()) {
                Ok(sale) if is_theirs(&mut tx, sale)? => Some(sale),
                _ => None,
            },
        };
        let (key, key_row) = self.keys.new_data_key(OwnerKind::AmlRecord, record.id.as_uuid())?;
        let row = AmlRecordRow {
            id: record.id.as_uuid(),
            customer_id: new.customer_id.as_uuid(),
            transaction_date: encode_date(record.transaction_date),
            retention_ends: encode_date(record.retention_ends),
            created_at: now_micros(),
            sealed: seal_aml_record(&key, &record)?,
            data_key: key_row,
        };
        tx.insert_aml_record(&row)?;
        if let Some(sale) = linked {
            tx.link_checked_sale(sale.as_uuid(), record.id.as_uuid())?;
        }
        let event = draft.categories(categories_of(RecordKind::AmlRecord)).detail(format!("aml record {}", record.id));
        self.record(tx.as_mut(), &[event.finish(Outcome::Allowed)])?;
        tx.commit()?;
        Ok((record.id, record.retention_ends))
    }

    /// The identity records of a customer, each opened with its own key: they stay readable after
    /// the customer's own data was erased, for as long as AML law requires them (GDPR Art.
    /// 17(3)(b)). For the owner and the privacy officer only.
    pub fn aml_records(&self, actor: &Actor, customer_id: CustomerId, purpose: Option<&Purpose>) -> Result<Vec<AmlRecord>, AppError> {
        let purpose = purpose.map(Purpose::as_str);
        let target = Some((RecordKind::Customer, customer_id.as_uuid()));
        self.require(actor, Permission::AmlRead, AuditAction::AmlRead, target)?;
        self.require_step_up(actor, AuditAction::AmlRead, target)?;
        let mut tx = self.store.begin()?;
        let draft = EventDraft::new(actor, AuditAction::AmlRead).target(RecordKind::Customer, customer_id.as_uuid()).purpose(purpose);
        match tx.customer(customer_id.as_uuid())? {
            None => return Err(self.fail(tx, draft, "no such customer", AppError::NotFound("customer"))),
            // A restricted record's identity records open for the law that keeps them, or a legal claim.
            Some(row) if row.restricted && !matches!(purpose, Some(crate::privacy::TAX_PURPOSE | crate::customers::LEGAL_CLAIM)) => {
                return Err(self.fail(tx, draft, crate::customers::RESTRICTED, AppError::Restricted));
            }
            Some(_) => {}
        }
        let rows = tx.aml_records_of(customer_id.as_uuid())?;
        let records =
            rows.iter().map(|row| open_aml_record(&self.keys.open_data_key(&row.data_key)?, row)).collect::<Result<Vec<_>, _>>()?;
        let draft = if records.is_empty() { draft } else { draft.categories(categories_of(RecordKind::AmlRecord)) };
        self.record(tx.as_mut(), &[draft.detail(format!("{} records", records.len())).finish(Outcome::Allowed)])?;
        tx.commit()?;
        Ok(records)
    }

    /// A customer's purchases, oldest first.
    pub fn purchases(&self, actor: &Actor, customer_id: CustomerId, purpose: Option<&Purpose>) -> Result<Vec<Purchase>, AppError> {
        let target = Some((RecordKind::Customer, customer_id.as_uuid()));
        self.require(actor, Permission::PurchaseRead, AuditAction::PurchaseList, target)?;
        let mut tx = self.store.begin()?;
        let draft = EventDraft::new(actor, AuditAction::PurchaseList)
            .target(RecordKind::Customer, customer_id.as_uuid())
            .purpose(purpose.map(Purpose::as_str));
        let for_legal_claim = purpose.map(Purpose::as_str) == Some(crate::customers::LEGAL_CLAIM);
        let key = match self.customer_key_for(tx.as_mut(), customer_id, for_legal_claim)? {
            Ok(key) => key,
            // An erased customer's sales kept for the tax authority open for that purpose only.
            Err((_, AppError::Shredded)) if purpose.map(Purpose::as_str) == Some(crate::privacy::TAX_PURPOSE) => {
                let sales = self.held_sales(tx.as_mut(), customer_id)?;
                let categories = if sales.is_empty() { Vec::new() } else { categories_of(RecordKind::Purchase).collect() };
                let event = draft.categories(categories).detail(format!("{} sales kept for tax after the erasure", sales.len()));
                self.record(tx.as_mut(), &[event.finish(Outcome::Allowed)])?;
                tx.commit()?;
                return Ok(sales);
            }
            Err((detail, error)) => return Err(self.fail(tx, draft, detail, error)),
        };
        let rows = tx.purchases_of(customer_id.as_uuid())?;
        let corrections = tx.sale_corrections_of(customer_id.as_uuid())?;
        let purchases = rows.iter().map(|row| open_purchase(&key, row, &corrections)).collect::<Result<Vec<_>, _>>()?;
        let categories = rows.iter().map(|row| &row.sealed).chain(corrections.iter().map(|row| &row.sealed)).flat_map(present_categories);
        let event = draft.categories(categories).detail(format!("{} purchases", rows.len()));
        self.record(tx.as_mut(), &[event.finish(Outcome::Allowed)])?;
        tx.commit()?;
        Ok(purchases)
    }

    /// Sales at or over the identity-check threshold of the shop's rules (cash ones, where the
    /// rules count only cash) with no check recorded for them and not voided, latest first, at
    /// most `limit`, each with its customer's name: what the start page asks the counter to put
    /// right. Each customer named is a disclosure recorded against them.
    pub fn sales_missing_check(&self, actor: &Actor, limit: usize) -> Result<Vec<UncheckedSale>, AppError> {
        self.require(actor, Permission::PurchaseRead, AuditAction::PurchaseList, None)?;
        let rules = self.settings.aml_rules;
        let min_total = if rules.inclusive { rules.threshold_minor } else { rules.threshold_minor + 1 };
        let mut tx = self.store.begin()?;
        let rows = tx.sales_needing_check(rules.currency.as_str(), min_total, rules.cash_only, limit.clamp(1, 200))?;
        let mut sales = Vec::with_capacity(rows.len());
        let mut events = Vec::new();
        for row in rows {
            let Some(customer_row) = tx.customer(row.customer_id)? else { continue };
            let Some(customer) = self.open_unrestricted(tx.as_mut(), &customer_row)? else { continue };
            events.push(
                EventDraft::new(actor, AuditAction::PurchaseList)
                    .target(RecordKind::Customer, row.customer_id)
                    .categories([strongroom_domain::Field::CustomerName.category()])
                    .detail(format!("purchase {} missing its identity check", row.id))
                    .finish(Outcome::Allowed),
            );
            let currency = strongroom_domain::Currency::parse(&row.currency).map_err(|_| AppError::corrupt("a purchase currency"))?;
            sales.push(UncheckedSale {
                purchase_id: PurchaseId::from_uuid(row.id),
                customer_id: CustomerId::from_uuid(row.customer_id),
                customer_name: customer.name,
                purchased_on: crate::customers::codec::decode_date(row.purchased_on.as_bytes())?,
                total: Money::from_minor_units("total", row.total_minor, currency).map_err(|_| AppError::corrupt("a purchase total"))?,
                paid_in_cash: row.paid_in_cash,
            });
        }
        if events.is_empty() {
            events.push(EventDraft::new(actor, AuditAction::PurchaseList).detail("no sales missing a check").finish(Outcome::Allowed));
        }
        self.record(tx.as_mut(), &events)?;
        tx.commit()?;
        Ok(sales)
    }

    /// A customer's data key, or why there is none (to record as a failed attempt).
    pub(crate) fn customer_key(
        &self,
        tx: &mut dyn Tx,
        customer_id: CustomerId,
    ) -> Result<Result<DataKey, (&'static str, AppError)>, AppError> {
        self.customer_key_for(tx, customer_id, false)
    }

    /// A customer's data key, or why there is none; a restricted record's only `for_legal_claim`.
    pub(crate) fn customer_key_for(
        &self,
        tx: &mut dyn Tx,
        customer_id: CustomerId,
        for_legal_claim: bool,
    ) -> Result<Result<DataKey, (&'static str, AppError)>, AppError> {
        match tx.customer(customer_id.as_uuid())? {
            None => return Ok(Err(("no such customer", AppError::NotFound("customer")))),
            Some(row) if row.restricted && !for_legal_claim => return Ok(Err((crate::customers::RESTRICTED, AppError::Restricted))),
            Some(_) => {}
        }
        match tx.data_key(OwnerKind::Customer, customer_id.as_uuid())? {
            None => Ok(Err(("the customer's key was destroyed", AppError::Shredded))),
            Some(row) => Ok(Ok(self.keys.open_data_key(&row)?)),
        }
    }
}
