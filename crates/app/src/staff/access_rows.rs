//! The rows that grant access (staff accounts, sessions, API tokens) and the secrets that open
//! them, read and written only here (issue 11).
//!
//! Whoever can write to the database must not be able to mint access. So a secret that opens a
//! door (a session cookie, an API token, an enrolment or recovery code) is stored as an HMAC
//! under a key from the keyring, not as a plain hash anyone can compute, and a row that says
//! what someone may do carries an HMAC over its security fields and its id. A row written or
//! changed without the shop key matches no secret or fails its check: it is refused (fail
//! closed), the refusal is recorded, and `audit verify` names every such row.
//!
//! Every other module reads and writes these rows through the methods here, never through the
//! store's own (`cargo xtask tidy` checks it), so no path can skip the check.
//!
//! What a MAC cannot see: a writer who kept an old copy of a whole row (with its MAC) and puts
//! it back. A revoked token is also checked against the trail on every use, since its
//! revocation event cannot be removed unnoticed; SECURITY.md says what remains.

use strongroom_crypto::MacMessage;
use strongroom_domain::{Actor, AuditAction, Outcome, RecordKind};
use strongroom_identity::HumanCode;
use strongroom_store::{ApiTokenRow, AuditFilter, SessionRow, StaffRow, Tx};
use uuid::Uuid;

use crate::trail::draft::EventDraft;
use crate::{AppError, Vault};

/// What a door secret's digest is bound to, so a digest of one kind never opens another.
const SESSION: &str = "session";
const API_TOKEN: &str = "api_token";
const ENROLMENT: &str = "enrolment";
const RECOVERY: &str = "recovery";

/// The layout version of each row's MAC input; a new security column means a new label.
const STAFF_V1: &str = "strongroom.staff.v1";
const SESSION_V1: &str = "strongroom.session.v1";
const API_TOKEN_V1: &str = "strongroom.api_token.v1";

/// Who records the one-time keying of the rows a store kept before rows carried MACs.
const ACCESS_KEYING: &str = "access-rows-keying";

/// Every column of a staff row but the person's language: role, enabled, password, codes,
/// factors (TOTP secrets, passkeys and the replay step), lockout, and the id and name.
fn staff_message(row: &StaffRow) -> MacMessage {
    MacMessage::new(STAFF_V1)
        .bytes(row.id.as_bytes())
        .text(&row.username)
        .text(row.role.as_str())
        .flag(row.disabled)
        .opt_text(row.password_hash.as_deref())
        .opt_int(row.password_changed_at)
        .flag(row.must_change_password)
        .opt_bytes(row.enrolment_code_hash.as_deref())
        .opt_int(row.enrolment_expires_at)
        .opt_bytes(row.totp_secret.as_deref())
        .opt_bytes(row.totp_pending.as_deref())
        .opt_int(row.totp_last_step)
        .opt_text(row.passkeys.as_deref())
        .int(i64::from(row.failed_logins))
        .opt_int(row.last_failed_at)
        .opt_int(row.locked_at)
        .int(row.created_at)
        .int(row.session_epoch)
}

/// A session's id, account, age and sign-in steps, and the account's session count it began
/// under (`session_epoch`: when all the account's sessions are ended, the count goes up and a
/// copy of an ended session put back no longer matches). "Last seen" and the address are left
/// out: they change on every page and grant nothing.
fn session_message(row: &SessionRow, session_epoch: i64) -> MacMessage {
    MacMessage::new(SESSION_V1)
        .bytes(&row.id_hash)
        .bytes(row.staff_id.as_bytes())
        .int(row.created_at)
        .opt_int(row.second_factor_at)
        .opt_int(row.step_up_at)
        .int(session_epoch)
}

/// Everything about a token but when it was last used.
fn token_message(row: &ApiTokenRow) -> MacMessage {
    MacMessage::new(API_TOKEN_V1)
        .bytes(row.id.as_bytes())
        .text(&row.name)
        .bytes(&row.token_hash)
        .text(row.role.as_str())
        .text(&row.scopes)
        .text(&row.created_by)
        .int(row.created_at)
        .opt_int(row.expires_at)
        .opt_int(row.revoked_at)
}

/// Hands back `tx` with the value of `result`; when `result` is the refusal of a row that failed
/// its check, commits `tx` first, so the refusal recorded in it is kept. (Written
/// `keep_refusal(self.staff_row(tx.as_mut(), id), tx)?`: the read ends before `tx` moves.)
pub(crate) fn keep_refusal<'a, T>(result: Result<T, AppError>, tx: Box<dyn Tx + 'a>) -> Result<(Box<dyn Tx + 'a>, T), AppError> {
    match result {
        Ok(value) => Ok((tx, value)),
        Err(error @ AppError::Tampered(_)) => {
            tx.commit()?;
            Err(error)
        }
        Err(error) => Err(error),
    }
}

/// A staff row as read, with whether its MAC held.
#[derive(Debug, Clone)]
pub(crate) struct CheckedStaff {
    pub row: StaffRow,
    pub intact: bool,
}

/// A token row as read, with whether its MAC held.
#[derive(Debug, Clone)]
pub(crate) struct CheckedToken {
    pub row: ApiTokenRow,
    pub intact: bool,
}

/// What the one-time keying of an older store's rows did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Keyed {
    pub staff: u64,
    pub tokens: u64,
}

impl Vault {
    // Secrets as stored.

    /// The stored id of the session whose cookie is `token`.
    pub(crate) fn session_id_hash(&self, token: &str) -> [u8; 32] {
        self.keys.access.digest_of_secret(SESSION, b"", token)
    }

    /// The stored form of an API token as presented (`sr_…`).
    pub(crate) fn api_token_hash(&self, presented: &str) -> [u8; 32] {
        self.keys.access.digest_of_secret(API_TOKEN, b"", presented)
    }

    /// The stored form of an enrolment code, bound to its account.
    pub(crate) fn enrolment_code_hash(&self, staff_id: Uuid, code: &HumanCode) -> [u8; 32] {
        self.keys.access.digest_of_secret(ENROLMENT, staff_id.as_bytes(), code.as_str())
    }

    /// The stored form of a recovery code, bound to its account.
    pub(crate) fn recovery_code_hash(&self, staff_id: Uuid, code: &HumanCode) -> [u8; 32] {
        self.keys.access.digest_of_secret(RECOVERY, staff_id.as_bytes(), code.as_str())
    }

    fn intact(&self, message: &MacMessage, mac: Option<&[u8]>) -> bool {
        mac.is_some_and(|mac| self.keys.access.row_mac_matches(message, mac))
    }

    /// Records, inside `tx`, that a row failed its check and was refused. The caller commits
    /// (the refusal is kept) and refuses what was asked.
    pub(crate) fn record_tampered(&self, tx: &mut dyn Tx, kind: RecordKind, id: Uuid, what: &str) -> Result<(), AppError> {
        let draft = EventDraft::new(&Actor::system("strongroom"), AuditAction::TamperedRow)
            .target(kind, id)
            .detail(format!("{what} fails its integrity check: it was written or changed without the shop key; refused"));
        self.record(tx, &[draft.finish(Outcome::Denied)])
    }

    // Staff accounts.

    fn checked_staff(&self, row: StaffRow) -> CheckedStaff {
        let intact = self.intact(&staff_message(&row), row.row_mac.as_deref());
        CheckedStaff { row, intact }
    }

    /// An account, if it exists, whether or not its row holds.
    pub(crate) fn staff_checked(&self, tx: &mut dyn Tx, id: Uuid) -> Result<Option<CheckedStaff>, AppError> {
        Ok(tx.staff(id)?.map(|row| self.checked_staff(row)))
    }

    /// An account by its (normalised) name, whether or not its row holds.
    pub(crate) fn staff_by_name_checked(&self, tx: &mut dyn Tx, username: &str) -> Result<Option<CheckedStaff>, AppError> {
        Ok(tx.staff_by_name(username)?.map(|row| self.checked_staff(row)))
    }

    /// Every account by name, each with whether its row holds.
    pub(crate) fn all_staff_checked(&self, tx: &mut dyn Tx) -> Result<Vec<CheckedStaff>, AppError> {
        Ok(tx.all_staff()?.into_iter().map(|row| self.checked_staff(row)).collect())
    }

    /// An account whose row holds. A row that fails its check is recorded as refused inside
    /// `tx` (which the caller must commit to keep that) and is [`AppError::Tampered`].
    pub(crate) fn staff_row(&self, tx: &mut dyn Tx, id: Uuid) -> Result<Option<StaffRow>, AppError> {
        match self.staff_checked(tx, id)? {
            None => Ok(None),
            Some(checked) => self.intact_staff(tx, checked).map(Some),
        }
    }

    /// An account by name whose row holds; see [`Vault::staff_row`].
    pub(crate) fn staff_row_by_name(&self, tx: &mut dyn Tx, username: &str) -> Result<Option<StaffRow>, AppError> {
        match self.staff_by_name_checked(tx, username)? {
            None => Ok(None),
            Some(checked) => self.intact_staff(tx, checked).map(Some),
        }
    }

    fn intact_staff(&self, tx: &mut dyn Tx, checked: CheckedStaff) -> Result<StaffRow, AppError> {
        if checked.intact {
            return Ok(checked.row);
        }
        self.record_tampered(tx, RecordKind::Staff, checked.row.id, "the account's stored row")?;
        Err(AppError::Tampered("staff account"))
    }

    /// Writes a new account with its MAC.
    pub(crate) fn insert_staff_row(&self, tx: &mut dyn Tx, row: &mut StaffRow) -> Result<(), AppError> {
        row.row_mac = Some(self.keys.access.row_mac(&staff_message(row)).to_vec());
        Ok(tx.insert_staff(row)?)
    }

    /// Writes every column of an account, with a new MAC over it.
    pub(crate) fn save_staff_row(&self, tx: &mut dyn Tx, row: &mut StaffRow) -> Result<(), AppError> {
        row.row_mac = Some(self.keys.access.row_mac(&staff_message(row)).to_vec());
        Ok(tx.update_staff(row)?)
    }

    /// Replaces an account's recovery codes with these, each stored bound to the account.
    pub(crate) fn replace_recovery_codes(&self, tx: &mut dyn Tx, staff_id: Uuid, codes: &[HumanCode]) -> Result<(), AppError> {
        let hashes: Vec<[u8; 32]> = codes.iter().map(|code| self.recovery_code_hash(staff_id, code)).collect();
        Ok(tx.replace_recovery_codes(staff_id, &hashes)?)
    }

    // Sessions.

    /// The session of a cookie and its account, if one is stored under it. A session or account
    /// row that fails its check is recorded and [`AppError::Tampered`], inside `tx` (a session
    /// that fails is deleted too: it opens nothing any more).
    pub(crate) fn session_and_staff(&self, tx: &mut dyn Tx, token: &str) -> Result<Option<(SessionRow, StaffRow)>, AppError> {
        let id_hash = self.session_id_hash(token);
        let Some(session) = tx.session(&id_hash)? else {
            return Ok(None);
        };
        let Some(staff) = self.staff_row(tx, session.staff_id)? else {
            return Ok(None);
        };
        if self.intact(&session_message(&session, staff.session_epoch), session.row_mac.as_deref()) {
            return Ok(Some((session, staff)));
        }
        tx.delete_session(&id_hash)?;
        self.record_tampered(tx, RecordKind::Staff, session.staff_id, "a session row naming this account")?;
        Err(AppError::Tampered("session"))
    }

    /// Stores a new session of `staff` for the cookie `token`, with its MAC; `row.id_hash` is set here.
    pub(crate) fn insert_session_row(&self, tx: &mut dyn Tx, token: &str, row: &mut SessionRow, staff: &StaffRow) -> Result<(), AppError> {
        row.id_hash = self.session_id_hash(token);
        row.row_mac = Some(self.keys.access.row_mac(&session_message(row, staff.session_epoch)).to_vec());
        Ok(tx.insert_session(row)?)
    }

    /// Writes a session's columns with a new MAC.
    pub(crate) fn save_session_row(&self, tx: &mut dyn Tx, row: &mut SessionRow, staff: &StaffRow) -> Result<(), AppError> {
        row.row_mac = Some(self.keys.access.row_mac(&session_message(row, staff.session_epoch)).to_vec());
        Ok(tx.update_session(row)?)
    }

    /// Ends every session of `staff` but `keep` and counts up its session epoch, so that none of
    /// them can be put back; `keep` gets a MAC under the new count. The caller saves `staff`.
    /// How many ended.
    pub(crate) fn end_sessions(&self, tx: &mut dyn Tx, staff: &mut StaffRow, keep: Option<&mut SessionRow>) -> Result<u64, AppError> {
        staff.session_epoch = staff.session_epoch.saturating_add(1);
        let ended = tx.delete_sessions_of(staff.id, keep.as_ref().map(|session| &session.id_hash))?;
        if let Some(session) = keep {
            self.save_session_row(tx, session, staff)?;
        }
        Ok(ended)
    }

    // API tokens.

    fn checked_token(&self, row: ApiTokenRow) -> CheckedToken {
        let intact = self.intact(&token_message(&row), row.row_mac.as_deref());
        CheckedToken { row, intact }
    }

    /// The token stored for a presented value, whether or not its row holds.
    pub(crate) fn token_by_value_checked(&self, tx: &mut dyn Tx, presented: &str) -> Result<Option<CheckedToken>, AppError> {
        Ok(tx.api_token_by_hash(&self.api_token_hash(presented))?.map(|row| self.checked_token(row)))
    }

    pub(crate) fn token_checked(&self, tx: &mut dyn Tx, id: Uuid) -> Result<Option<CheckedToken>, AppError> {
        Ok(tx.api_token(id)?.map(|row| self.checked_token(row)))
    }

    /// Every token, oldest first, each with whether its row holds.
    pub(crate) fn all_tokens_checked(&self, tx: &mut dyn Tx) -> Result<Vec<CheckedToken>, AppError> {
        Ok(tx.api_tokens()?.into_iter().map(|row| self.checked_token(row)).collect())
    }

    /// Whether the trail holds a revocation of this token. A revocation cannot be undone by
    /// putting back an old copy of the token's row: its event stays in the trail, and removing
    /// that is what `audit verify` finds. The token's events are few (its creation, its
    /// revocation), read through the trail's by-target index.
    pub(crate) fn token_revoked_in_trail(&self, tx: &mut dyn Tx, id: Uuid) -> Result<bool, AppError> {
        self.trail_has(tx, id, AuditAction::TokenRevoke)
    }

    /// Whether the trail holds an allowed `action` naming `id`, paging through its events of
    /// that action (refused attempts may stand before the one that counts).
    fn trail_has(&self, tx: &mut dyn Tx, id: Uuid, action: AuditAction) -> Result<bool, AppError> {
        let mut filter = AuditFilter { target_id: Some(id), action: Some(action.as_str().to_owned()), limit: 64, ..AuditFilter::default() };
        loop {
            let page = tx.query_audit_events(&filter)?;
            if page.iter().any(|(_, event)| event.outcome == Outcome::Allowed.as_str()) {
                return Ok(true);
            }
            match page.last() {
                Some((seq, _)) if page.len() == filter.limit => filter.after_seq = Some(*seq),
                _ => return Ok(false),
            }
        }
    }

    /// Writes a new token with its MAC; `row.token_hash` is set here from the value.
    pub(crate) fn insert_token_row(&self, tx: &mut dyn Tx, presented: &str, row: &mut ApiTokenRow) -> Result<(), AppError> {
        row.token_hash = self.api_token_hash(presented);
        row.row_mac = Some(self.keys.access.row_mac(&token_message(row)).to_vec());
        Ok(tx.insert_api_token(row)?)
    }

    /// Writes every column of a token, with a new MAC.
    pub(crate) fn save_token_row(&self, tx: &mut dyn Tx, row: &mut ApiTokenRow) -> Result<(), AppError> {
        // Whatever changed (a revocation, a re-keying, a token's last use), no check from
        // before it is served from memory again.
        self.token_cache.forget_all();
        row.row_mac = Some(self.keys.access.row_mac(&token_message(row)).to_vec());
        Ok(tx.update_api_token(row)?)
    }

    // Checking and upgrading the whole store.

    /// Every access row that fails its check, for `audit verify`: (what, id, why).
    pub(crate) fn tampered_access_rows(&self, tx: &mut dyn Tx) -> Result<Vec<(RecordKind, Uuid, &'static str)>, AppError> {
        let mut found = Vec::new();
        for checked in self.all_staff_checked(tx)? {
            if !checked.intact {
                found.push((RecordKind::Staff, checked.row.id, "a staff account's row"));
            }
        }
        let epochs: std::collections::HashMap<Uuid, i64> = tx.all_staff()?.into_iter().map(|row| (row.id, row.session_epoch)).collect();
        for row in tx.all_sessions()? {
            let epoch = epochs.get(&row.staff_id).copied().unwrap_or_default();
            if !self.intact(&session_message(&row, epoch), row.row_mac.as_deref()) {
                found.push((RecordKind::Staff, row.staff_id, "a session row naming this account"));
            }
        }
        for checked in self.all_tokens_checked(tx)? {
            if !checked.intact {
                found.push((RecordKind::ApiToken, checked.row.id, "an API token's row"));
            }
        }
        Ok(found)
    }

    /// Keys the staff and token rows of a store written before rows carried MACs, once: their
    /// codes' and tokens' SHA-256 digests become keyed digests (no one is locked out; sessions
    /// ended at the schema upgrade), and each row gets its MAC.
    ///
    /// It must not be a way for a database writer to get a row of their own keyed. So:
    /// - it happens only while the trail holds no record of it (a new vault's `vault.init`, or
    ///   the upgrade's own event, both naming the vault); that record is covered by a signed
    ///   checkpoint at once, so removing it later is an edit `audit verify` finds;
    /// - with rows to key, the whole trail must first check out against its signed checkpoints;
    /// - and only rows the gate made are keyed: an account or token whose creation is an event
    ///   of that checked trail. Any other row without a MAC stays refused, and `audit verify`
    ///   lists it.
    pub(crate) fn key_older_access_rows(&self) -> Result<Option<Keyed>, AppError> {
        let unkeyed = {
            let mut tx = self.store.begin()?;
            if self.access_rows_keyed(tx.as_mut())? {
                tx.commit()?;
                return Ok(None);
            }
            let staff = tx.all_staff()?.iter().filter(|row| row.row_mac.is_none()).count();
            let tokens = tx.api_tokens()?.iter().filter(|row| row.row_mac.is_none()).count();
            tx.commit()?;
            staff + tokens
        };
        let actor = Actor::system(ACCESS_KEYING);
        let draft = EventDraft::new(&actor, AuditAction::AccessRowsKeyed).target(RecordKind::Vault, Uuid::nil());
        if unkeyed > 0 {
            let report = self.check_trail(None)?;
            if !report.is_ok() {
                let mut tx = self.store.begin()?;
                let refused = EventDraft::new(&actor, AuditAction::AccessRowsKeyed).detail(format!(
                    "{unkeyed} accounts and tokens left unkeyed (they cannot sign in): the audit trail does not verify; \
                     run `strongroom audit verify`, and repair the accounts (`user repair`) once it is understood"
                ));
                // A damaged trail refuses the append; the rows stay refused either way.
                if self.record(tx.as_mut(), &[refused.finish(Outcome::Failed)]).is_ok() {
                    tx.commit()?;
                }
                return Ok(None);
            }
        }
        let mut tx = self.store.begin()?;
        // The event goes first: on PostgreSQL its append takes the trail's lock, so a second
        // instance doing this at the same moment waits here and then finds every row keyed.
        self.record(tx.as_mut(), &[draft.clone().detail("keying the access rows").finish(Outcome::Allowed)])?;
        let mut keyed = Keyed::default();
        let mut left = 0u64;
        for mut row in tx.all_staff()?.into_iter().filter(|row| row.row_mac.is_none()) {
            if !self.made_by_the_gate(tx.as_mut(), row.id, AuditAction::StaffCreate)? {
                left += 1;
                continue;
            }
            if let Some(old) = row.enrolment_code_hash.as_deref().and_then(|old| <[u8; 32]>::try_from(old).ok()) {
                row.enrolment_code_hash = Some(self.keys.access.secret_digest(ENROLMENT, row.id.as_bytes(), &old).to_vec());
            }
            for old in tx.recovery_code_hashes(row.id)? {
                if let Ok(old32) = <[u8; 32]>::try_from(old.as_slice()) {
                    let new = self.keys.access.secret_digest(RECOVERY, row.id.as_bytes(), &old32);
                    tx.rekey_recovery_code(row.id, &old, &new)?;
                }
            }
            self.save_staff_row(tx.as_mut(), &mut row)?;
            keyed.staff += 1;
        }
        for mut row in tx.api_tokens()?.into_iter().filter(|row| row.row_mac.is_none()) {
            if !self.made_by_the_gate(tx.as_mut(), row.id, AuditAction::TokenCreate)? {
                left += 1;
                continue;
            }
            row.token_hash = self.keys.access.secret_digest(API_TOKEN, b"", &row.token_hash);
            self.save_token_row(tx.as_mut(), &mut row)?;
            keyed.tokens += 1;
        }
        let mut detail = format!("{} staff accounts and {} API tokens keyed", keyed.staff, keyed.tokens);
        if left > 0 {
            detail.push_str(&format!("; {left} rows the trail does not show being made were left refused"));
        }
        self.record(tx.as_mut(), &[draft.detail(detail).finish(Outcome::Allowed)])?;
        // Signed at once, so the record that this was done is never in the unsigned tail.
        let now = crate::now_micros();
        let checkpoint = self.sign_checkpoint(tx.as_mut(), now)?;
        tx.insert_checkpoint(&checkpoint)?;
        tx.commit()?;
        *self.checkpoint_clock.lock().unwrap_or_else(|poisoned| poisoned.into_inner()) = (checkpoint.size, now);
        Ok(Some(keyed))
    }

    /// Whether the trail records the gate making this account or token (`action`, allowed,
    /// naming it): rows a writer inserted by hand have no such event.
    fn made_by_the_gate(&self, tx: &mut dyn Tx, id: Uuid, action: AuditAction) -> Result<bool, AppError> {
        self.trail_has(tx, id, action)
    }

    /// Whether the trail says this vault's access rows were keyed: its creation (a vault made
    /// since rows carry MACs names the vault as its `vault.init` event's target) or the one-time
    /// upgrade. Only its presence is trusted without checking the trail, as presence can only
    /// stop keying; each is one read through the by-target index.
    fn access_rows_keyed(&self, tx: &mut dyn Tx) -> Result<bool, AppError> {
        for action in [AuditAction::VaultInit, AuditAction::AccessRowsKeyed] {
            let filter =
                AuditFilter { target_id: Some(Uuid::nil()), action: Some(action.as_str().to_owned()), limit: 1, ..AuditFilter::default() };
            let found = tx.query_audit_events(&filter)?;
            let done = found.iter().any(|(_, event)| {
                event.target_kind.as_deref() == Some(RecordKind::Vault.as_str()) && event.outcome == Outcome::Allowed.as_str()
            });
            if done {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// Gives every staff and token row a MAC over what it holds now, making a hand edit valid.
    /// Only for tests that set up a state behind the gate's back (a password from before the
    /// blocklist knew it, a token past its expiry); recorded. Never offered to people: it would
    /// turn whatever a database writer wrote into a valid row.
    #[doc(hidden)]
    pub fn reseal_access_rows_for_tests(&self) -> Result<(), AppError> {
        let mut tx = self.store.begin()?;
        for mut row in tx.all_staff()? {
            self.save_staff_row(tx.as_mut(), &mut row)?;
        }
        for mut row in tx.api_tokens()? {
            self.save_token_row(tx.as_mut(), &mut row)?;
        }
        let draft = EventDraft::new(&Actor::system("tests"), AuditAction::AccessRowsKeyed).detail("hand edits of a test resealed");
        self.record(tx.as_mut(), &[draft.finish(Outcome::Allowed)])?;
        tx.commit()?;
        Ok(())
    }
}
