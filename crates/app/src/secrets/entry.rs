//! One entry of the password vault at a time: taking its password out (shown or copied, each
//! recorded against the entry and the person remembered in it until the password changes),
//! changing it and removing it, each only as far as the person's share goes.

use strongroom_domain::{Actor, ActorKind, AuditAction, Outcome, Permission, RecordKind, Role, Share, ShareLevel};
use strongroom_store::{SecretRow, Tx};
use time::Date;
use uuid::Uuid;
use zeroize::Zeroizing;

use super::{Opened, Reveal, Revealed, SecretChange, SecretLook, hex, level_of, unhex};
use crate::trail::draft::EventDraft;
use crate::{AppError, Vault, now_micros};

impl Vault {
    /// Opens one entry for `actor`, needing at least `level`; a refusal is recorded (in `tx`,
    /// which the caller commits) and is `Denied`.
    fn secret_for(&self, tx: &mut dyn Tx, actor: &Actor, id: Uuid, level: ShareLevel, action: AuditAction) -> Result<Opened, AppError> {
        let Some(row) = tx.secret(id)? else {
            let event = EventDraft::new(actor, action).target(RecordKind::Secret, id).detail("no such entry");
            self.record(tx, &[event.finish(Outcome::Denied)])?;
            return Err(AppError::NotFound("password"));
        };
        let opened = self.open_secret_row(row)?;
        let info = opened.doc.info()?;
        if level_of(&info, actor).is_none_or(|has| has < level) {
            let event = EventDraft::new(actor, action).target(RecordKind::Secret, id).detail(format!("needs {}", level.as_str()));
            self.record(tx, &[event.finish(Outcome::Denied)])?;
            let what = match level {
                ShareLevel::Use => "copy this password",
                ShareLevel::View => "see this password",
                ShareLevel::Manage => "change this entry",
            };
            return Err(AppError::Denied { role: actor.role.as_str(), what, permission: Permission::SecretUse });
        }
        Ok(opened)
    }

    /// [`Vault::secret_for`] in `tx`, committing a refusal so it stays recorded.
    fn secret_or_refusal<'a>(
        &self,
        mut tx: Box<dyn Tx + 'a>,
        actor: &Actor,
        id: Uuid,
        level: ShareLevel,
        action: AuditAction,
    ) -> Result<(Box<dyn Tx + 'a>, Opened), AppError> {
        match self.secret_for(tx.as_mut(), actor, id, level, action) {
            Ok(opened) => Ok((tx, opened)),
            Err(refused @ (AppError::Denied { .. } | AppError::NotFound(_))) => {
                tx.commit()?;
                Err(refused)
            }
            Err(other) => Err(other),
        }
    }

    /// Shows or copies an entry's password (`view` to show, `use` to copy), with the TOTP code of
    /// the moment; recorded against the entry, and the person remembered in it until the
    /// password changes. (The pages never show a copied password; a caller given one decides.)
    pub fn reveal_secret(&self, actor: &Actor, id: Uuid, how: Reveal) -> Result<Revealed, AppError> {
        self.require(actor, Permission::SecretUse, AuditAction::SecretReveal, None)?;
        let needs = if how == Reveal::Show { ShareLevel::View } else { ShareLevel::Use };
        let (mut tx, opened) = self.secret_or_refusal(self.store.begin()?, actor, id, needs, AuditAction::SecretReveal)?;
        // Shown on a screen, a password is read over a shoulder: the person proves it is them
        // first. Copying, the everyday use, does not ask; a copy is the plaintext on the
        // person's clipboard, so "copy without seeing" holds on the pages, not against them.
        if how == Reveal::Show && !actor.stepped_up {
            drop(tx);
            return Err(self
                .require_step_up(actor, AuditAction::SecretReveal, Some((RecordKind::Secret, id)))
                .err()
                .unwrap_or(AppError::StepUpRequired));
        }
        let secret = self.open_secret_doc(&opened)?;
        let Opened { row, key, mut doc } = opened;
        // Only members of staff are remembered: a command line's account name is no one who
        // could leave.
        if actor.kind == ActorKind::Staff && !doc.seen_by.contains(&actor.name) {
            // Kept with the same write time: an edit form open elsewhere stays valid.
            doc.seen_by.push(actor.name.clone());
            let changed = SecretRow { info: self.seal_info(&key, &id, row.updated_at, &doc)?, ..row.clone() };
            if !tx.update_secret(&changed, row.updated_at)? {
                return Err(AppError::Conflict("the entry changed meanwhile: try again".into()));
            }
        }
        let event = EventDraft::new(actor, AuditAction::SecretReveal).target(RecordKind::Secret, id).detail(how.word());
        self.record(tx.as_mut(), &[event.finish(Outcome::Allowed)])?;
        tx.commit()?;
        let totp_code = secret
            .totp
            .as_deref()
            .and_then(unhex)
            .map(|bytes| strongroom_identity::TotpSecret::from_bytes(&bytes).code_at(time::OffsetDateTime::now_utc().unix_timestamp()));
        Ok(Revealed { password: Zeroizing::new(secret.password.clone()), totp_code })
    }

    /// Changes an entry as it was read (`read_at`), needing `manage`; a new password starts its
    /// age and forgets who saw the old one. Recorded.
    pub fn update_secret(&self, actor: &Actor, id: Uuid, change: SecretChange, read_at: i64, today: Date) -> Result<(), AppError> {
        self.require(actor, Permission::SecretUse, AuditAction::SecretUpdate, None)?;
        let (mut tx, opened) = self.secret_or_refusal(self.store.begin()?, actor, id, ShareLevel::Manage, AuditAction::SecretUpdate)?;
        if opened.row.updated_at != read_at {
            return Err(AppError::Conflict("the entry was changed since it was opened: look at it again".into()));
        }
        // Only shares given or widened now must name accounts in use: one kept from before, to
        // someone who has since left, must not stop the password being changed after them.
        let before: Vec<Share> = opened.doc.shares.iter().filter_map(|share| Share::parse(share).ok()).collect();
        let new_or_wider: Vec<Share> = change
            .info
            .shares
            .iter()
            .filter(|share| !before.iter().any(|old| old.with == share.with && old.level >= share.level))
            .cloned()
            .collect();
        self.check_people(tx.as_mut(), &new_or_wider)?;
        // Who may use the shop's passwords is the owner's to widen: a member of staff who
        // manages an entry may narrow its shares, never widen them.
        if actor.role != Role::Owner && !new_or_wider.is_empty() {
            let event = EventDraft::new(actor, AuditAction::SecretUpdate).target(RecordKind::Secret, id).detail("wider shares refused");
            self.record(tx.as_mut(), &[event.finish(Outcome::Denied)])?;
            tx.commit()?;
            return Err(AppError::Denied {
                role: actor.role.as_str(),
                what: "widen who may use this password",
                permission: Permission::SecretManage,
            });
        }
        let mut secret = self.open_secret_doc(&opened)?;
        let Opened { row, key, mut doc } = opened;
        let before_words = (doc.name.clone(), doc.url.clone(), doc.username.clone(), doc.notes.clone());
        let mut changes = Vec::new();
        if let Some(password) = change.password.filter(|password| password.as_str() != secret.password) {
            let (score, fingerprint) = self.judge_secret(&password, &change.info.username);
            (doc.score, doc.fingerprint, doc.changed_on, doc.seen_by) = (score, fingerprint, today.to_string(), Vec::new());
            zeroize::Zeroize::zeroize(&mut secret.password);
            secret.password = password.as_str().to_owned();
            changes.push("password changed".to_owned());
        }
        if let Some(totp) = change.totp {
            doc.has_totp = totp.is_some();
            if let Some(old) = secret.totp.as_mut() {
                zeroize::Zeroize::zeroize(old);
            }
            secret.totp = totp.as_deref().map(|bytes| hex(bytes));
            changes.push("TOTP secret changed".to_owned());
        }
        let shares: Vec<String> = change.info.shares.iter().map(ToString::to_string).collect();
        if shares != doc.shares {
            changes.push(format!("shared with {}", if shares.is_empty() { "the owner only".to_owned() } else { shares.join(", ") }));
        }
        (doc.name, doc.url, doc.username, doc.notes, doc.shares) = (
            change.info.name.as_str().to_owned(),
            change.info.url.clone(),
            change.info.username.clone(),
            change.info.notes.as_ref().map(|notes| notes.as_str().to_owned()),
            shares,
        );
        let words_changed =
            (&doc.name, &doc.url, &doc.username, &doc.notes) != (&before_words.0, &before_words.1, &before_words.2, &before_words.3);
        if changes.is_empty() && !words_changed {
            // Saved as it was: nothing written, nothing recorded, other open forms still good.
            return Ok(());
        }
        let updated_at = now_micros().max(row.updated_at + 1);
        let changed = SecretRow {
            info: self.seal_info(&key, &id, updated_at, &doc)?,
            secret: self.seal_secret(&key, &id, updated_at, &secret)?,
            updated_at,
            ..row.clone()
        };
        if !tx.update_secret(&changed, read_at)? {
            return Err(AppError::Conflict("the entry was changed since it was opened: look at it again".into()));
        }
        let detail = if changes.is_empty() { "words changed".to_owned() } else { changes.join("; ") };
        let event = EventDraft::new(actor, AuditAction::SecretUpdate).target(RecordKind::Secret, id).detail(detail);
        self.record(tx.as_mut(), &[event.finish(Outcome::Allowed)])?;
        tx.commit()?;
        Ok(())
    }

    /// Who took an entry's password out, when and how (shown, copied, or refused), the latest
    /// first, from the trail: the owner's; recorded as a read of the trail.
    pub fn secret_looks(&self, actor: &Actor, id: Uuid) -> Result<Vec<SecretLook>, AppError> {
        self.require(actor, Permission::SettingsManage, AuditAction::AuditRead, None)?;
        let mut tx = self.store.begin()?;
        // The latest 200, newest first: a busy entry's whole history is the trail's to keep.
        let filter = strongroom_store::AuditFilter {
            target_id: Some(id),
            action: Some(AuditAction::SecretReveal.as_str().to_owned()),
            newest_first: true,
            limit: 200,
            ..strongroom_store::AuditFilter::default()
        };
        let events = tx.query_audit_events(&filter)?;
        let looks = events
            .into_iter()
            .filter(|(_, event)| event.action == AuditAction::SecretReveal.as_str())
            .map(|(_, event)| SecretLook {
                at: crate::from_micros_lenient(event.at_unix_micros),
                who: event.actor_name,
                how: event.detail.unwrap_or_default(),
                allowed: event.outcome == Outcome::Allowed.as_str(),
            })
            .collect();
        let event = EventDraft::new(actor, AuditAction::AuditRead).target(RecordKind::Secret, id).detail("who saw the password");
        self.record(tx.as_mut(), &[event.finish(Outcome::Allowed)])?;
        tx.commit()?;
        Ok(looks)
    }

    /// Removes an entry as it was read (`None` from the CLI), needing `manage`; its key is
    /// destroyed with it. Recorded.
    pub fn delete_secret(&self, actor: &Actor, id: Uuid, read_at: Option<i64>) -> Result<(), AppError> {
        self.require(actor, Permission::SecretUse, AuditAction::SecretUpdate, None)?;
        let (mut tx, opened) = self.secret_or_refusal(self.store.begin()?, actor, id, ShareLevel::Manage, AuditAction::SecretUpdate)?;
        if read_at.is_some_and(|read_at| read_at != opened.row.updated_at) {
            return Err(AppError::Conflict("the entry was changed since it was opened: look at it again".into()));
        }
        // Removing destroys the entry's key: the owner's, or whoever added it.
        if actor.role != Role::Owner && opened.doc.created_by != actor.name {
            let event = EventDraft::new(actor, AuditAction::SecretUpdate).target(RecordKind::Secret, id).detail("removal refused");
            self.record(tx.as_mut(), &[event.finish(Outcome::Denied)])?;
            tx.commit()?;
            return Err(AppError::Denied {
                role: actor.role.as_str(),
                what: "remove an entry someone else added",
                permission: Permission::SecretManage,
            });
        }
        tx.delete_secret(id)?;
        let event = EventDraft::new(actor, AuditAction::SecretUpdate).target(RecordKind::Secret, id).detail("removed");
        self.record(tx.as_mut(), &[event.finish(Outcome::Allowed)])?;
        tx.commit()?;
        Ok(())
    }
}
