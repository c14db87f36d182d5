//! Purging what an erasure deleted from the database files. A destroyed key's bytes must not
//! linger: SQLite overwrites deleted rows (`secure_delete`) but its write-ahead log keeps the
//! old pages until a full checkpoint empties it; PostgreSQL's VACUUM marks the space for reuse.
//! The transaction that destroys a key also notes that a purge is owed (a row in
//! `shop_settings`), so a process that stops before its purge leaves the note for the next one
//! to start (or the server's housekeeping) to finish, and the trail says when it did.

use strongroom_domain::{Actor, AuditAction, CustomerId, Outcome, RecordKind};
use strongroom_store::Tx;

use crate::trail::draft::EventDraft;
use crate::{AppError, Vault, from_micros_lenient, now_micros};

/// The `shop_settings` row noting an owed purge: what it is for, or empty when none is owed.
const PURGE_OWED: &str = "purge.owed";

impl Vault {
    /// Notes, in the transaction that deletes it, that `what` is to be purged from the
    /// database files.
    pub(crate) fn owe_purge(&self, tx: &mut dyn Tx, what: &str) -> Result<(), AppError> {
        tx.set_setting(PURGE_OWED, what, now_micros())?;
        Ok(())
    }

    /// After the commit that deleted `target`'s key: purges at once. The erasure stands
    /// whatever follows; a purge that cannot finish now (another process kept reading, or it
    /// failed) is recorded, not hidden, and stays owed. Whether it finished.
    pub(crate) fn purge_now(&self, actor: &Actor, target: Option<CustomerId>) -> Result<bool, AppError> {
        let owed = self.store.begin_snapshot()?.setting(PURGE_OWED)?;
        let left = match self.store.purge_deleted() {
            Ok(true) => None,
            Ok(false) => Some("another process kept reading".to_owned()),
            Err(error) => Some(format!("the purge failed: {error}")),
        };
        let purged = left.is_none();
        let mut tx = self.store.begin()?;
        match left {
            // Only the note read before the purge is settled: one written meanwhile (another
            // process's erasure) stays owed until its own purge.
            None => self.settle_owed(tx.as_mut(), owed)?,
            Some(why) => {
                let mut event = EventDraft::new(actor, AuditAction::DataKeyDestroy).detail(format!(
                    "the destroyed key's bytes stay in the database's write-ahead log until a later full checkpoint empties it (the server tries again every ten minutes, and every start): {why}"
                ));
                if let Some(id) = target {
                    event = event.target(RecordKind::Customer, id.as_uuid());
                }
                self.record(tx.as_mut(), &[event.finish(Outcome::Failed)])?;
            }
        }
        tx.commit()?;
        Ok(purged)
    }

    /// Finishes a purge still owed, whichever process began it, and records when it completed.
    /// Every start and the server's housekeeping (every ten minutes) call it. Whether a purge is
    /// still owed.
    pub fn retry_purge(&self) -> Result<bool, AppError> {
        let owed = self.store.begin_snapshot()?.setting(PURGE_OWED)?.filter(|(what, _)| !what.is_empty());
        let Some((what, since)) = owed else { return Ok(false) };
        if !self.store.purge_deleted()? {
            return Ok(true);
        }
        let mut tx = self.store.begin()?;
        self.settle_owed(tx.as_mut(), Some((what.clone(), since)))?;
        let event = EventDraft::new(&Actor::system("housekeeping"), AuditAction::DataKeyDestroy).detail(format!(
            "the purge owed since {} ({what}) is complete: the database's write-ahead log is emptied, no copy of a destroyed key is left in it",
            from_micros_lenient(since)
        ));
        self.record(tx.as_mut(), &[event.finish(Outcome::Allowed)])?;
        tx.commit()?;
        Ok(false)
    }

    /// Clears the note of an owed purge if it is still the one read before the purge (`owed`).
    fn settle_owed(&self, tx: &mut dyn Tx, owed: Option<(String, i64)>) -> Result<(), AppError> {
        if owed.is_some() && tx.setting(PURGE_OWED)? == owed {
            tx.set_setting(PURGE_OWED, "", now_micros())?;
        }
        Ok(())
    }
}
