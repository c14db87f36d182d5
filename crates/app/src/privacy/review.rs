//! The review list: customers with no sale, no workshop job and no change for a number of years
//! (the shop's `review_after_years`, 7 by default), for the privacy officer to decide on: erase
//! them (keeping what the law requires, as an erasure does) or keep them with a reason, which
//! holds for a year before they come back on the list. Data is not kept longer than needed (GDPR
//! Art. 5(1)(e)): the list is how the shop shows it looks. The list is read from plain columns
//! (dates and ids), in a snapshot, so it never holds up the till; naming a customer on it is a
//! disclosure recorded against them.

use strongroom_domain::{Actor, AuditAction, CustomerId, FreeText, Outcome, Permission, PersonName, RecordKind};
use strongroom_store::OwnerKind;
use time::Date;

use crate::privacy::erasure::ErasurePlan;
use crate::trail::draft::EventDraft;
use crate::{AppError, Vault, now_micros};

/// At most this many customers are listed at once.
pub const REVIEW_LIMIT: usize = 200;

/// A customer on the review list.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Inactive {
    pub customer: CustomerId,
    pub name: PersonName,
    /// The last day they bought something or brought something in, if ever.
    pub last_visit: Option<Date>,
}

/// The day `years` before `today` (29 February becomes 28 February).
pub(crate) fn years_before(today: Date, years: u8) -> Date {
    let year = today.year() - i32::from(years);
    let day = today.day().min(today.month().length(year));
    Date::from_calendar_date(year, today.month(), day).unwrap_or(Date::MIN)
}

impl Vault {
    /// How many customers are due on the review list on `today` (at most [`REVIEW_LIMIT`]),
    /// from ids and dates only, in a snapshot (the till is not held up). A scan of every
    /// customer when few are due: `privacy retention` asks, the server's housekeeping does not.
    pub fn review_due(&self, actor: &Actor, today: Date) -> Result<usize, AppError> {
        self.require(actor, Permission::PrivacyRequests, AuditAction::RetentionReview, None)?;
        Ok(self.inactive_ids(self.store.begin_snapshot()?.as_mut(), today)?.len())
    }

    /// The ids of the customers due on the review list on `today`.
    fn inactive_ids(&self, tx: &mut dyn strongroom_store::Tx, today: Date) -> Result<Vec<uuid::Uuid>, AppError> {
        let (changed_before, since) = self.review_rule(today);
        Ok(tx.inactive_customers(changed_before, &since, &today.to_string(), REVIEW_LIMIT)?)
    }

    /// Whether `customer` is on the review list on `today`.
    pub(crate) fn is_inactive(&self, tx: &mut dyn strongroom_store::Tx, customer: CustomerId, today: Date) -> Result<bool, AppError> {
        let (changed_before, since) = self.review_rule(today);
        Ok(tx.customer_inactive(customer.as_uuid(), changed_before, &since, &today.to_string())?)
    }

    /// The review rule on `today`: unchanged before this moment, no sale or job from this day.
    fn review_rule(&self, today: Date) -> (i64, String) {
        let cutoff = years_before(today, self.settings.review_after_years);
        (crate::to_micros(cutoff.midnight().assume_utc()), cutoff.to_string())
    }

    /// Customers with nothing for `review_after_years` before `today` and no decision to keep
    /// them still standing, at most [`REVIEW_LIMIT`]. For the owner and the privacy officer;
    /// each one named is recorded.
    pub fn review_list(&self, actor: &Actor, today: Date) -> Result<Vec<Inactive>, AppError> {
        self.require(actor, Permission::PrivacyRequests, AuditAction::RetentionReview, None)?;
        let mut tx = self.store.begin_snapshot()?;
        let ids = self.inactive_ids(tx.as_mut(), today)?;
        let visits = tx.last_visits(&ids, true, true)?;
        let mut listed = Vec::with_capacity(ids.len());
        for id in ids {
            let Some(row) = tx.customer(id)? else { continue };
            let Some(customer) = self.open_unrestricted(tx.as_mut(), &row)? else { continue };
            let last_visit =
                visits.iter().find(|(customer, _)| *customer == id).and_then(|(_, day)| strongroom_domain::parse_date("day", day).ok());
            listed.push(Inactive { customer: customer.id, name: customer.name, last_visit });
        }
        drop(tx);
        let mut events: Vec<_> = listed
            .iter()
            .map(|inactive| {
                EventDraft::new(actor, AuditAction::RetentionReview)
                    .target(RecordKind::Customer, inactive.customer.as_uuid())
                    .categories([strongroom_domain::Field::CustomerName.category()])
                    .detail(format!("on the review list: nothing for {} years", self.settings.review_after_years))
                    .finish(Outcome::Allowed)
            })
            .collect();
        events.push(
            EventDraft::new(actor, AuditAction::RetentionReview)
                .detail(format!("review list: {} customers", listed.len()))
                .finish(Outcome::Allowed),
        );
        let mut tx = self.store.begin()?;
        self.record(tx.as_mut(), &events)?;
        tx.commit()?;
        Ok(listed)
    }

    /// Keeps a customer from the review list for a year, with the reason (sealed under the
    /// customer's own key, so an erasure erases it too).
    pub fn keep_customer(&self, actor: &Actor, customer: CustomerId, reason: FreeText, today: Date) -> Result<Date, AppError> {
        let target = Some((RecordKind::Customer, customer.as_uuid()));
        self.require(actor, Permission::PrivacyRequests, AuditAction::RetentionReview, target)?;
        let mut tx = self.store.begin()?;
        let draft = EventDraft::new(actor, AuditAction::RetentionReview).target(RecordKind::Customer, customer.as_uuid());
        let key = match self.customer_key(tx.as_mut(), customer)? {
            Ok(key) => key,
            Err((detail, error)) => return Err(self.fail(tx, draft, detail, error)),
        };
        let until = strongroom_domain::add_months(today, 12);
        let id = customer.as_uuid();
        let aad = strongroom_crypto::FieldAad {
            record_kind: RecordKind::Customer.as_str(),
            field: "review_reason",
            record_id: id.as_bytes(),
            data_key_version: key.version(),
        };
        let sealed = key.seal(aad, reason.as_str().as_bytes())?;
        tx.keep_customer(customer.as_uuid(), &until.to_string(), &actor.name, now_micros(), &sealed)?;
        let event = draft.detail(format!("kept after review until {until}")).finish(Outcome::Allowed);
        self.record(tx.as_mut(), &[event])?;
        tx.commit()?;
        Ok(until)
    }

    /// Erases a customer from the review list, keeping what the law requires as an erasure on
    /// request does. Needs a fresh step-up: nothing brings the data back.
    pub fn erase_inactive(&self, actor: &Actor, customer: CustomerId, today: Date) -> Result<ErasurePlan, AppError> {
        let target = Some((RecordKind::Customer, customer.as_uuid()));
        self.require(actor, Permission::PrivacyRequests, AuditAction::DataKeyDestroy, target)?;
        self.require_step_up(actor, AuditAction::DataKeyDestroy, target)?;
        if self.store.begin_snapshot()?.data_key(OwnerKind::Customer, customer.as_uuid())?.is_none() {
            return Err(AppError::Conflict("the customer was erased already; nothing was changed".into()));
        }
        self.erase_for_retention(actor, customer, today)
    }
}
