//! Idempotent creates (draft-ietf-httpapi-idempotency-key-header): a POS that retries a sale
//! after a timeout sends the same `Idempotency-Key`, and gets the first sale back instead of a
//! second one. The key is claimed in the create's own transaction, so a create and its key
//! commit or roll back together; the request is kept only as a keyed digest.

use strongroom_domain::{Actor, IdempotencyKey};
use strongroom_store::{IdempotencyRow, Tx};
use uuid::Uuid;

use crate::{AppError, Vault, now_micros};

/// How long a key is remembered. A retry comes within minutes; a day covers a shop that was
/// offline over night.
pub const IDEMPOTENCY_KEY_MICROS: i64 = 24 * 3600 * 1_000_000;

/// A create's idempotency key with the bytes that identify its request (method, path, body), so
/// the same key sent with another request is refused rather than answered with the wrong record.
#[derive(Debug, Clone)]
pub struct Once {
    pub key: IdempotencyKey,
    pub request: Vec<u8>,
}

/// What a create made, and whether it was made by an earlier request with the same key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Created<T> {
    pub value: T,
    pub replayed: bool,
}

impl<T> Created<T> {
    pub(crate) fn new(value: T) -> Created<T> {
        Created { value, replayed: false }
    }
}

impl Vault {
    /// Claims `once` for `actor` inside `tx`: `None` when this request is the first (go on and
    /// create, then [`Vault::finish_once`]), or the id the first one created.
    pub(crate) fn claim_once(&self, tx: &mut dyn Tx, actor: &Actor, once: &Once) -> Result<Option<Uuid>, AppError> {
        let row = IdempotencyRow {
            actor: once_sender(actor),
            key: once.key.as_str().to_owned(),
            request_digest: self.keys.request_digest.digest(&once.request),
            result_id: None,
            created_at: now_micros(),
        };
        match tx.claim_idempotency_key(&row)? {
            None => Ok(None),
            Some(first) if first.request_digest != row.request_digest => Err(AppError::IdempotencyKeyReused),
            Some(first) => first.result_id.map(Some).ok_or_else(|| AppError::corrupt("an idempotency key was kept without its result")),
        }
    }

    pub(crate) fn finish_once(&self, tx: &mut dyn Tx, actor: &Actor, once: Option<&Once>, created: Uuid) -> Result<(), AppError> {
        if let Some(once) = once {
            tx.finish_idempotency_key(&once_sender(actor), once.key.as_str(), created)?;
        }
        Ok(())
    }

    /// Forgets idempotency keys older than a day (housekeeping, with the expired sessions).
    pub fn purge_idempotency_keys(&self) -> Result<u64, AppError> {
        let mut tx = self.store.begin()?;
        let purged = tx.purge_idempotency_keys(now_micros() - IDEMPOTENCY_KEY_MICROS)?;
        tx.commit()?;
        Ok(purged)
    }
}

/// Keys are per sender: two integrations may both use "1" without colliding. A token is known
/// by its id, never its name: a new token given a revoked one's name must not get its answers.
fn once_sender(actor: &Actor) -> String {
    match actor.token_id {
        Some(id) => format!("{}:{id}", actor.kind.as_str()),
        None => format!("{}:{}", actor.kind.as_str(), actor.name),
    }
}

impl Vault {
    /// Records that a create was answered from its idempotency key: nothing new was made, and
    /// only the id of the first record was disclosed.
    pub(crate) fn record_replay(
        &self,
        tx: &mut dyn Tx,
        actor: &Actor,
        action: strongroom_domain::AuditAction,
        customer_id: Uuid,
        detail: String,
    ) -> Result<(), AppError> {
        let event = crate::trail::draft::EventDraft::new(actor, action)
            .target(strongroom_domain::RecordKind::Customer, customer_id)
            .detail(format!("repeated request (Idempotency-Key), nothing new recorded: {detail}"));
        self.record(tx, &[event.finish(strongroom_domain::Outcome::Allowed)])
    }
}
