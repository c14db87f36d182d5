//! Signing in, through the gate: passwords, second factors, enrolment and sessions.
//!
//! A session begins at the password (or enrolment code) and moves through stages: the second
//! factor if the account has one, enrolling one if the shop's policy demands it, a forced
//! password change; only a session at [`SessionStage::Ready`] yields an [`Actor`] for the other
//! use-cases, so no path reaches customer data before every step is done. Every attempt,
//! failure and lockout is an audit event; unknown user names are never recorded (a password
//! typed into the name field would end up in the trail).
//!
//! Argon2id runs outside any store transaction, so a slow hash never holds the database; the
//! counters are re-read and updated afterwards in a transaction of their own.

use strongroom_crypto::FieldAad;
use strongroom_domain::{Actor, AuditAction, Language, Outcome, RecordKind, Role, StaffName};
use strongroom_identity::{HumanCode, Password, RECOVERY_CODES, SecretToken, TotpSecret, Verdict, is_blocklisted};
use strongroom_store::{SessionRow, StaffRow, Tx};
use uuid::Uuid;

use crate::staff::access_rows::keep_refusal;
use crate::staff::factors::has_second_factor;
use crate::staff::security::throttle_micros;
use crate::trail::draft::EventDraft;
use crate::{AppError, Vault, now_micros};

/// Where a request came from, for the audit trail.
#[derive(Debug, Clone, Default)]
pub struct ClientInfo {
    pub addr: Option<String>,
}

/// What a session must do next before it may use Strongroom.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionStage {
    /// Give the second factor (TOTP code or recovery code).
    SecondFactor,
    /// Enrol a second factor: the shop's policy requires one for this role.
    EnrolSecondFactor,
    /// Choose a new password (compromise suspected, or the shop's age policy).
    ChangePassword,
    Ready,
}

/// A session just begun: the cookie value is here and nowhere else.
#[derive(Debug)]
pub struct NewSession {
    pub token: SecretToken,
    pub stage: SessionStage,
}

/// A session checked at the start of a request.
#[derive(Debug, Clone)]
pub struct SignedIn {
    actor: Actor,
    staff_id: Uuid,
    session_hash: [u8; 32],
    stage: SessionStage,
    step_up_fresh: bool,
    password_reminder: bool,
    language: Language,
    has_passkey: bool,
}

impl SignedIn {
    /// The language the person chose for their pages.
    pub fn language(&self) -> Language {
        self.language
    }

    /// Whether the person has a passkey or security key (the start page suggests one if not).
    pub fn has_passkey(&self) -> bool {
        self.has_passkey
    }

    /// The actor for the other use-cases; only once every sign-in step is done.
    pub fn actor(&self) -> Result<&Actor, AppError> {
        match self.stage {
            SessionStage::Ready => Ok(&self.actor),
            stage => Err(AppError::SignInIncomplete(stage)),
        }
    }

    pub fn username(&self) -> &str {
        &self.actor.name
    }

    pub fn role(&self) -> Role {
        self.actor.role
    }

    pub fn staff_id(&self) -> Uuid {
        self.staff_id
    }

    /// The session's id in the store (a keyed digest of its cookie value), which CSRF tokens bind to.
    pub fn session_hash(&self) -> &[u8; 32] {
        &self.session_hash
    }

    pub fn stage(&self) -> SessionStage {
        self.stage
    }

    /// The person proved themselves again within the policy's step-up window.
    pub fn step_up_fresh(&self) -> bool {
        self.step_up_fresh
    }

    /// The password is older than the policy's reminder age.
    pub fn password_reminder(&self) -> bool {
        self.password_reminder
    }
}

/// A TOTP secret being enrolled, to show once as a QR code and as text.
pub struct TotpEnrolment {
    pub secret: TotpSecret,
    /// The `otpauth://` URI for the QR code (it holds the secret).
    pub uri: String,
}

impl std::fmt::Debug for TotpEnrolment {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TotpEnrolment(…)")
    }
}

/// One of a person's sessions, for "my sessions".
#[derive(Debug, Clone, PartialEq)]
pub struct SessionSummary {
    pub id_hash: [u8; 32],
    pub current: bool,
    pub created_at: time::OffsetDateTime,
    pub last_seen_at: time::OffsetDateTime,
    pub client_addr: Option<String>,
}

/// The account name audit events use for a name that matches no account.
const UNKNOWN: &str = "(unknown)";

pub(crate) fn staff_actor(row: &StaffRow) -> Actor {
    Actor::staff(&row.username, row.role, false)
}

fn unknown_actor() -> Actor {
    Actor::staff(UNKNOWN, Role::ExternalAuditor, false)
}

fn totp_aad(id: &Uuid, version: u32) -> FieldAad<'_> {
    FieldAad { record_kind: RecordKind::Staff.as_str(), field: "totp_secret", record_id: id.as_bytes(), data_key_version: version }
}

/// Why an account cannot sign in right now, if it cannot (checked before any secret is).
pub(crate) fn barred(row: &StaffRow, now: i64) -> Option<&'static str> {
    if row.disabled {
        Some("account disabled")
    } else if row.locked_at.is_some() {
        Some("account locked")
    } else if now < row.last_failed_at.unwrap_or(0) + throttle_micros(row.failed_logins) {
        Some("too soon after failed attempts")
    } else {
        None
    }
}

/// An attempt counted against an account before its secret is checked (so parallel attempts
/// cannot all slip through one throttle window), given back if the secret was right.
#[derive(Debug, Clone, Copy)]
struct Claim {
    id: Uuid,
    failures_before: u32,
    last_failed_before: Option<i64>,
    /// Whether the attempt was counted (and so is to be given back if the secret was right).
    counted: bool,
}

impl Vault {
    /// The password step. Any failure is the same [`AppError::SignInRefused`] after the same
    /// work, whether the user name exists or not.
    pub fn sign_in(&self, username: &str, password: &Password, client: &ClientInfo) -> Result<NewSession, AppError> {
        let found = match self.find_staff(username) {
            // A refused row looks like any other refusal (it was recorded for the owner).
            Err(AppError::Tampered(_)) => {
                self.hasher.verify_dummy(password);
                return Err(AppError::SignInRefused);
            }
            other => other?,
        };
        let Some(row) = found else {
            // The steps of a known name: a write, the hash, a transaction. (A known name's second
            // write is an fsync more: about 0.1 ms against the hash's 17.)
            let refusal = self.refuse(&unknown_actor(), None, AuditAction::SignInPassword, "unknown user name", client);
            self.hasher.verify_dummy(password);
            self.store.begin()?.commit()?;
            return Err(refusal);
        };
        let actor = staff_actor(&row);
        let Some(stored) = row.password_hash.clone() else {
            self.hasher.verify_dummy(password);
            return Err(self.refuse(&actor, Some(row.id), AuditAction::SignInPassword, "not enrolled yet", client));
        };
        let claim = match self.claim_attempt(row.id, &actor, AuditAction::SignInPassword, client)? {
            Ok(claim) => claim,
            Err(refusal) => {
                self.hasher.verify_dummy(password);
                return Err(refusal);
            }
        };
        match self.hasher.verify(&stored, password).map_err(AppError::hashing)? {
            Verdict::Mismatch => Err(self.confirm_failure(claim, &actor, AuditAction::SignInPassword, "wrong password", client)),
            Verdict::Match { needs_rehash } => {
                let rehashed = if needs_rehash { Some(self.hasher.hash(password).map_err(AppError::hashing)?) } else { None };
                let compromised = is_blocklisted(password);
                self.begin_session(claim, AuditAction::SignInPassword, client, |row| {
                    if row.password_hash.as_deref() != Some(stored.as_str()) {
                        return Err("password changed meanwhile");
                    }
                    if let Some(hash) = rehashed {
                        row.password_hash = Some(hash);
                    }
                    let mut detail = "password accepted".to_owned();
                    if compromised {
                        // The list has grown since the password was chosen: evidence of compromise.
                        row.must_change_password = true;
                        detail.push_str("; it is on the blocklist now, so a change is forced");
                    }
                    Ok(detail)
                })
            }
        }
    }

    /// The account of a typed user name. One whose row fails its check is recorded and
    /// [`AppError::Tampered`].
    fn find_staff(&self, username: &str) -> Result<Option<StaffRow>, AppError> {
        let Ok(name) = StaffName::parse(username) else {
            return Ok(None);
        };
        let mut tx = self.store.begin()?;
        let found = self.staff_row_by_name(tx.as_mut(), name.as_str());
        if matches!(found, Err(AppError::Tampered(_))) {
            tx.commit()?;
        }
        found
    }

    /// First sign-in of a new (or reset) account: the enrolment code from `user add` and the
    /// password the person chooses.
    pub fn enrol(&self, username: &str, code: &str, password: &Password, client: &ClientInfo) -> Result<NewSession, AppError> {
        // Every refusal looks the same: a wrong code, an expired one or an unknown name.
        let refused = |error: AppError| if matches!(error, AppError::SignInRefused) { AppError::EnrolmentRefused } else { error };
        let found = match self.find_staff(username) {
            Err(AppError::Tampered(_)) => return Err(AppError::EnrolmentRefused),
            other => other?,
        };
        let Some(row) = found else {
            return Err(refused(self.refuse(&unknown_actor(), None, AuditAction::StaffEnrol, "unknown user name", client)));
        };
        let actor = staff_actor(&row);
        let now = now_micros();
        let valid = row.enrolment_code_hash.clone().filter(|_| row.enrolment_expires_at.is_some_and(|expires| now < expires));
        let Some(expected) = valid else {
            // Like an unknown name: one write, and nothing counted against an account that is
            // not enrolling (so this page cannot lock out people who have signed in for years).
            return Err(refused(self.refuse(&actor, Some(row.id), AuditAction::StaffEnrol, "no valid enrolment code", client)));
        };
        // The code is checked and a wrong one counted in one transaction: the check is a hash
        // comparison, so nothing slow holds the store.
        let claim = {
            let mut tx = self.store.begin()?;
            let (mut tx, found) = keep_refusal(self.staff_row(tx.as_mut(), row.id), tx)?;
            let Some(mut row) = found else {
                return Err(AppError::EnrolmentRefused);
            };
            if let Some(why) = barred(&row, now) {
                self.record_barred(tx.as_mut(), &row, AuditAction::StaffEnrol, why, client)?;
                tx.commit()?;
                return Err(AppError::EnrolmentRefused);
            }
            let typed = HumanCode::parse(code, HumanCode::ENROLMENT_GROUPS).map(|code| self.enrolment_code_hash(row.id, &code).to_vec());
            let matches = typed.is_some_and(|typed| {
                row.enrolment_code_hash.as_deref() == Some(expected.as_slice())
                    && aws_lc_rs::constant_time::verify_slices_are_equal(&typed, &expected).is_ok()
            });
            if !matches {
                self.count_failure(tx.as_mut(), &mut row, AuditAction::StaffEnrol, "wrong enrolment code", client)?;
                tx.commit()?;
                return Err(AppError::EnrolmentRefused);
            }
            Claim { id: row.id, failures_before: row.failed_logins, last_failed_before: row.last_failed_at, counted: false }
        };
        let expected = Some(expected);
        self.check_password_for(&row.username, row.role, password)?;
        let hash = self.hasher.hash(password).map_err(AppError::hashing)?;
        self.begin_session(claim, AuditAction::StaffEnrol, client, |row| {
            if row.enrolment_code_hash != expected {
                return Err("enrolment code changed meanwhile");
            }
            row.password_hash = Some(hash);
            row.password_changed_at = Some(now_micros());
            row.must_change_password = false;
            row.enrolment_code_hash = None;
            row.enrolment_expires_at = None;
            Ok("enrolled with a new password".into())
        })
        .map_err(refused)
    }

    /// Records a refused attempt that counts against nothing (unknown name, not enrolled) and
    /// returns the one refusal every failure looks like.
    fn refuse(&self, actor: &Actor, id: Option<Uuid>, action: AuditAction, why: &str, client: &ClientInfo) -> AppError {
        let recorded = (|| -> Result<(), AppError> {
            let mut tx = self.store.begin()?;
            let mut draft = EventDraft::new(actor, action).client(client.addr.as_deref()).detail(why);
            if let Some(id) = id {
                draft = draft.target(RecordKind::Staff, id);
            }
            self.record(tx.as_mut(), &[draft.finish(Outcome::Failed)])?;
            tx.commit()?;
            Ok(())
        })();
        recorded.err().unwrap_or(AppError::SignInRefused)
    }

    /// Counts an attempt against the account before its secret is checked, in one transaction
    /// with the check that the account may try at all. The inner `Err` is the refusal of an
    /// account that is disabled, locked or inside its throttle window (recorded).
    fn claim_attempt(
        &self,
        id: Uuid,
        actor: &Actor,
        action: AuditAction,
        client: &ClientInfo,
    ) -> Result<Result<Claim, AppError>, AppError> {
        let now = now_micros();
        let mut tx = self.store.begin()?;
        let (mut tx, found) = keep_refusal(self.staff_row(tx.as_mut(), id), tx)?;
        let Some(mut row) = found else {
            drop(tx);
            return Ok(Err(self.refuse(actor, None, action, "unknown user name", client)));
        };
        if let Some(why) = barred(&row, now) {
            self.record_barred(tx.as_mut(), &row, action, why, client)?;
            tx.commit()?;
            return Ok(Err(AppError::SignInRefused));
        }
        let claim = Claim { id, failures_before: row.failed_logins, last_failed_before: row.last_failed_at, counted: true };
        row.failed_logins = row.failed_logins.saturating_add(1);
        row.last_failed_at = Some(now);
        self.save_staff_row(tx.as_mut(), &mut row)?;
        tx.commit()?;
        Ok(Ok(claim))
    }

    /// The claimed attempt failed: it stays counted; the account locks at the policy's limit.
    fn confirm_failure(&self, claim: Claim, actor: &Actor, action: AuditAction, why: &str, client: &ClientInfo) -> AppError {
        let recorded = (|| -> Result<(), AppError> {
            let mut tx = self.store.begin()?;
            let (mut tx, found) = keep_refusal(self.staff_row(tx.as_mut(), claim.id), tx)?;
            let Some(mut row) = found else {
                return Ok(());
            };
            let mut events =
                vec![EventDraft::new(actor, action).target(RecordKind::Staff, claim.id).client(client.addr.as_deref()).detail(why)];
            events.extend(self.lock_if_due(tx.as_mut(), &mut row, actor, client)?);
            self.save_staff_row(tx.as_mut(), &mut row)?;
            let events: Vec<_> = events.into_iter().map(|draft| draft.finish(Outcome::Failed)).collect();
            self.record(tx.as_mut(), &events)?;
            tx.commit()?;
            Ok(())
        })();
        recorded.err().unwrap_or(AppError::SignInRefused)
    }

    /// Locks an account that reached the policy's failure limit and ends its sessions; the
    /// lockout's audit event (for the owner) if it did.
    fn lock_if_due(&self, tx: &mut dyn Tx, row: &mut StaffRow, actor: &Actor, client: &ClientInfo) -> Result<Option<EventDraft>, AppError> {
        if row.failed_logins < self.security().lockout_after_failures || row.locked_at.is_some() {
            return Ok(None);
        }
        row.locked_at = Some(now_micros());
        self.end_sessions(tx, row, None)?;
        let lockout = EventDraft::new(actor, AuditAction::SignInLockout).target(RecordKind::Staff, row.id).client(client.addr.as_deref());
        Ok(Some(lockout.detail(format!("locked after {} failed attempts; the owner or a manager must unlock it", row.failed_logins))))
    }

    /// Counts a failed second-factor or password check inside the caller's transaction.
    pub(crate) fn count_failure(
        &self,
        tx: &mut dyn Tx,
        row: &mut StaffRow,
        action: AuditAction,
        why: &str,
        client: &ClientInfo,
    ) -> Result<(), AppError> {
        let actor = staff_actor(row);
        row.failed_logins = row.failed_logins.saturating_add(1);
        row.last_failed_at = Some(now_micros());
        let mut events = vec![EventDraft::new(&actor, action).target(RecordKind::Staff, row.id).client(client.addr.as_deref()).detail(why)];
        events.extend(self.lock_if_due(tx, row, &actor, client)?);
        self.save_staff_row(tx, row)?;
        let events: Vec<_> = events.into_iter().map(|draft| draft.finish(Outcome::Failed)).collect();
        self.record(tx, &events)
    }

    /// Records an attempt refused before its secret was looked at (the account is disabled,
    /// locked or inside its slow-down window), inside the caller's transaction. Not counted, at
    /// any step: counting it would let whoever holds the password push the account into lockout
    /// in a few minutes without a single code being checked.
    pub(crate) fn record_barred(
        &self,
        tx: &mut dyn Tx,
        row: &StaffRow,
        action: AuditAction,
        why: &str,
        client: &ClientInfo,
    ) -> Result<(), AppError> {
        let draft = EventDraft::new(&staff_actor(row), action).target(RecordKind::Staff, row.id).client(client.addr.as_deref()).detail(why);
        self.record(tx, &[draft.finish(Outcome::Failed)])
    }

    /// Undoes a claim whose secret was right, keeping the account's earlier failures.
    fn give_back(&self, claim: Claim) -> Result<(), AppError> {
        let mut tx = self.store.begin()?;
        let (mut tx, found) = keep_refusal(self.staff_row(tx.as_mut(), claim.id), tx)?;
        if let Some(mut row) = found {
            release(&mut row, claim);
            self.save_staff_row(tx.as_mut(), &mut row)?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Re-reads the account, lets `accept` check and change it, and starts a session for it.
    /// The failure count is cleared only when this completes the sign-in: an account with a
    /// second factor clears it when the factor is given, and one that must first enrol a factor
    /// when it is enrolled (a right password alone must not wipe out wrong codes, nor the
    /// failures before a factor exists).
    fn begin_session(
        &self,
        claim: Claim,
        action: AuditAction,
        client: &ClientInfo,
        accept: impl FnOnce(&mut StaffRow) -> Result<String, &'static str>,
    ) -> Result<NewSession, AppError> {
        let now = now_micros();
        let mut tx = self.store.begin()?;
        let (mut tx, found) = keep_refusal(self.staff_row(tx.as_mut(), claim.id), tx)?;
        let Some(mut row) = found else {
            return Err(AppError::SignInRefused);
        };
        let actor = staff_actor(&row);
        let draft = EventDraft::new(&actor, action).target(RecordKind::Staff, claim.id).client(client.addr.as_deref());
        let refusal = if row.disabled || row.locked_at.is_some() { Some("account disabled or locked meanwhile") } else { None };
        let detail = match refusal.map_or_else(|| accept(&mut row), Err) {
            Ok(detail) => detail,
            Err(why) => return Err(self.fail(tx, draft, why, AppError::SignInRefused)),
        };
        let must_enrol = self.security().require_second_factor && row.role.sees_customer_data();
        if !has_second_factor(&row) && !must_enrol {
            row.failed_logins = 0;
            row.last_failed_at = None;
        } else {
            release(&mut row, claim);
        }
        // An authenticator enrolment left unfinished in an earlier session is dropped, so no
        // one can later finish it with only the password.
        row.totp_pending = None;
        self.save_staff_row(tx.as_mut(), &mut row)?;
        let token = SecretToken::generate();
        let mut session = SessionRow {
            id_hash: [0; 32],
            staff_id: claim.id,
            created_at: now,
            last_seen_at: now,
            second_factor_at: None,
            step_up_at: None,
            client_addr: client.addr.clone(),
            row_mac: None,
        };
        self.insert_session_row(tx.as_mut(), token.as_str(), &mut session, &row)?;
        self.record(tx.as_mut(), &[draft.detail(detail).finish(Outcome::Allowed)])?;
        tx.commit()?;
        Ok(NewSession { token, stage: self.stage(&row, &session) })
    }

    pub(crate) fn stage(&self, row: &StaffRow, session: &SessionRow) -> SessionStage {
        let policy = &self.security();
        let has_factor = has_second_factor(row);
        if has_factor && session.second_factor_at.is_none() {
            return SessionStage::SecondFactor;
        }
        if !has_factor && policy.require_second_factor && row.role.sees_customer_data() {
            return SessionStage::EnrolSecondFactor;
        }
        let too_old = |days: u32| row.password_changed_at.is_some_and(|at| now_micros() - at > i64::from(days) * 86_400_000_000);
        if row.must_change_password || (!has_factor && policy.force_change_without_second_factor_days.is_some_and(too_old)) {
            return SessionStage::ChangePassword;
        }
        SessionStage::Ready
    }

    pub(crate) fn stepped_up(&self, session: &SessionRow) -> bool {
        session.step_up_at.is_some_and(|at| now_micros() - at <= i64::from(self.security().step_up_minutes) * 60_000_000)
    }

    /// Checks the session cookie of a request: unknown, idle-expired, too old, or belonging to a
    /// disabled or locked account is [`AppError::NotSignedIn`] (and an expired one is deleted).
    pub fn session(&self, token: &str) -> Result<SignedIn, AppError> {
        let mut tx = self.store.begin()?;
        let (mut session, row) = match self.load_session(tx.as_mut(), token) {
            Ok(found) => found,
            Err(error) => {
                tx.commit()?;
                return Err(error);
            }
        };
        let now = now_micros();
        // Write "last seen" at most once a minute: a write per page would cost an fsync each.
        if now - session.last_seen_at > 60_000_000 {
            session.last_seen_at = now;
            self.save_session_row(tx.as_mut(), &mut session, &row)?;
        }
        tx.commit()?;
        let policy = &self.security();
        let step_up_fresh = self.stepped_up(&session);
        Ok(SignedIn {
            actor: Actor::staff(&row.username, row.role, step_up_fresh),
            staff_id: row.id,
            session_hash: session.id_hash,
            stage: self.stage(&row, &session),
            step_up_fresh,
            password_reminder: crate::staff::security::password_due(row.password_changed_at, now, policy.password_reminder_days),
            // A language this version does not know falls back to the default.
            language: Language::parse(&row.language).unwrap_or_default(),
            has_passkey: crate::staff::factors::has_passkeys(&row),
        })
    }

    /// Sets the language of the signed-in person's pages.
    pub fn set_my_language(&self, token: &str, language: Language) -> Result<(), AppError> {
        let signed_in = self.session(token)?;
        let actor = signed_in.actor()?.clone();
        let mut tx = self.store.begin()?;
        let (mut tx, found) = keep_refusal(self.staff_row(tx.as_mut(), signed_in.staff_id), tx)?;
        let mut row = found.ok_or(AppError::NotSignedIn)?;
        row.language = language.as_str().to_owned();
        self.save_staff_row(tx.as_mut(), &mut row)?;
        let event = EventDraft::new(&actor, AuditAction::StaffSetLanguage)
            .target(RecordKind::Staff, row.id)
            .detail(format!("language {}", language.as_str()));
        self.record(tx.as_mut(), &[event.finish(Outcome::Allowed)])?;
        tx.commit()?;
        Ok(())
    }

    fn load_session(&self, tx: &mut dyn Tx, token: &str) -> Result<(SessionRow, StaffRow), AppError> {
        // A session or account row that fails its check is recorded (the caller commits) and
        // refused like an unknown cookie.
        let not_signed_in = |error: AppError| if matches!(error, AppError::Tampered(_)) { AppError::NotSignedIn } else { error };
        let (session, row) = self.session_and_staff(tx, token).map_err(not_signed_in)?.ok_or(AppError::NotSignedIn)?;
        let now = now_micros();
        let policy = &self.security();
        let expired = now - session.last_seen_at > policy.idle_micros() || now - session.created_at > policy.session_micros();
        if expired || row.disabled || row.locked_at.is_some() {
            tx.delete_session(&session.id_hash)?;
            return Err(AppError::NotSignedIn);
        }
        Ok((session, row))
    }

    /// Runs `step` on a checked session and its account in one transaction, committed whatever
    /// `step` returns inside its `Ok` (so a counted failure is kept).
    pub(crate) fn with_session<T>(
        &self,
        token: &str,
        step: impl FnOnce(&mut dyn Tx, &mut SessionRow, &mut StaffRow) -> Result<T, AppError>,
    ) -> Result<T, AppError> {
        let mut tx = self.store.begin()?;
        let (mut session, mut row) = match self.load_session(tx.as_mut(), token) {
            Ok(found) => found,
            Err(error) => {
                tx.commit()?;
                return Err(error);
            }
        };
        let value = step(tx.as_mut(), &mut session, &mut row)?;
        tx.commit()?;
        Ok(value)
    }

    fn open_totp(&self, row: &StaffRow, sealed: &[u8]) -> Result<TotpSecret, AppError> {
        let key = &self.keys.staff_key;
        let bytes = key.open(totp_aad(&row.id, key.version()), sealed).map_err(|_| AppError::corrupt("a TOTP secret does not open"))?;
        Ok(TotpSecret::from_bytes(&bytes))
    }

    /// The current authenticator code of a demo account, so a newcomer can try the second
    /// factor without a phone. Refused in any vault not created as a demo: there it would be a
    /// second factor anyone at the back-office PC could read. Recorded like any staff read.
    pub fn demo_totp_code(&self, actor: &Actor, username: &StaffName) -> Result<String, AppError> {
        let draft = EventDraft::new(actor, AuditAction::StaffList).detail(format!("demo: current authenticator code of {username}"));
        if !self.is_demo() {
            return Err(AppError::Conflict("this is not a demo store: authenticator codes are only shown for demo accounts".into()));
        }
        let mut tx = self.store.begin()?;
        let found =
            self.staff_row_by_name(tx.as_mut(), username.as_str())?.and_then(|row| row.totp_secret.clone().map(|sealed| (row, sealed)));
        let Some((row, sealed)) = found else {
            let error = strongroom_domain::DomainError::invalid("user", "no demo account of that name has an authenticator");
            return Err(self.fail(tx, draft, "no such demo account with an authenticator", error.into()));
        };
        let secret = self.open_totp(&row, &sealed)?;
        self.record(tx.as_mut(), &[draft.finish(Outcome::Allowed)])?;
        tx.commit()?;
        Ok(secret.code_at(time::OffsetDateTime::now_utc().unix_timestamp()))
    }

    /// The second-factor step with a TOTP code. A wrong code counts as a failed sign-in, in the
    /// same transaction as the check.
    pub fn verify_totp(&self, token: &str, code: &str, client: &ClientInfo) -> Result<NewSession, AppError> {
        self.with_session(token, |tx, session, row| {
            let sealed = match (&row.totp_secret, self.stage(row, session)) {
                (Some(sealed), SessionStage::SecondFactor) => sealed.clone(),
                (None, SessionStage::SecondFactor) => {
                    return Ok(Err(AppError::Conflict(
                        "this account has no authenticator app; use your passkey or a recovery code".into(),
                    )));
                }
                (_, stage) => return Ok(Err(AppError::SignInIncomplete(stage))),
            };
            let now = now_micros();
            if let Some(why) = barred(row, now) {
                self.record_barred(tx, row, AuditAction::SignInSecondFactor, why, client)?;
                return Ok(Err(AppError::SecondFactorRefused));
            }
            let secret = self.open_totp(row, &sealed)?;
            let Some(step) = secret.verify(code, now / 1_000_000, row.totp_last_step.map(|step| step as u64)) else {
                self.count_failure(tx, row, AuditAction::SignInSecondFactor, "wrong or reused code", client)?;
                return Ok(Err(AppError::SecondFactorRefused));
            };
            row.totp_last_step = Some(step as i64);
            let token = self.second_factor_given(tx, session, row, "TOTP code", client)?;
            Ok(Ok(NewSession { token, stage: self.stage(row, session) }))
        })?
    }

    /// The second factor was given: the session moves on and the failure count is cleared.
    pub(crate) fn second_factor_given(
        &self,
        tx: &mut dyn Tx,
        session: &mut SessionRow,
        row: &mut StaffRow,
        how: &str,
        client: &ClientInfo,
    ) -> Result<SecretToken, AppError> {
        row.failed_logins = 0;
        row.last_failed_at = None;
        session.second_factor_at = Some(now_micros());
        self.save_staff_row(tx, row)?;
        let token = self.renew_session(tx, session, row)?;
        let draft = EventDraft::new(&staff_actor(row), AuditAction::SignInSecondFactor)
            .target(RecordKind::Staff, row.id)
            .client(client.addr.as_deref());
        self.record(tx, &[draft.detail(how).finish(Outcome::Allowed)])?;
        Ok(token)
    }

    /// The second-factor step with a recovery code; returns the stage and how many codes are left.
    pub fn use_recovery_code(&self, token: &str, code: &str, client: &ClientInfo) -> Result<(NewSession, u32), AppError> {
        self.with_session(token, |tx, session, row| {
            if !has_second_factor(row) || self.stage(row, session) != SessionStage::SecondFactor {
                return Ok(Err(AppError::SignInIncomplete(self.stage(row, session))));
            }
            let now = now_micros();
            if let Some(why) = barred(row, now) {
                self.record_barred(tx, row, AuditAction::SignInSecondFactor, why, client)?;
                return Ok(Err(AppError::SecondFactorRefused));
            }
            let used = match HumanCode::parse(code, HumanCode::RECOVERY_GROUPS) {
                Some(code) => tx.use_recovery_code(row.id, &self.recovery_code_hash(row.id, &code), now)?,
                None => false,
            };
            if !used {
                self.count_failure(tx, row, AuditAction::SignInSecondFactor, "wrong or used recovery code", client)?;
                return Ok(Err(AppError::SecondFactorRefused));
            }
            let left = tx.unused_recovery_codes(row.id)?;
            let token = self.second_factor_given(tx, session, row, &format!("recovery code; {left} left"), client)?;
            Ok(Ok((NewSession { token, stage: self.stage(row, session) }, left)))
        })?
    }

    /// Starts enrolling a TOTP authenticator: a new secret, kept pending until a code from it is
    /// typed. Allowed when the policy demands a first factor, or, to replace one, after a fresh
    /// step-up.
    pub fn begin_totp_enrolment(&self, token: &str) -> Result<TotpEnrolment, AppError> {
        self.with_session(token, |tx, session, row| {
            self.may_enrol(row, session)?;
            let secret = TotpSecret::generate();
            let key = &self.keys.staff_key;
            row.totp_pending = Some(key.seal(totp_aad(&row.id, key.version()), secret.as_bytes())?);
            self.save_staff_row(tx, row)?;
            let issuer = if self.shop_name.is_empty() { "Strongroom" } else { self.shop_name.as_str() };
            let uri = secret.otpauth_uri(issuer, &row.username);
            Ok(TotpEnrolment { secret, uri })
        })
    }

    pub(crate) fn may_enrol(&self, row: &StaffRow, session: &SessionRow) -> Result<(), AppError> {
        match self.stage(row, session) {
            SessionStage::EnrolSecondFactor => Ok(()),
            SessionStage::Ready | SessionStage::ChangePassword if self.stepped_up(session) => Ok(()),
            SessionStage::Ready | SessionStage::ChangePassword => Err(AppError::StepUpRequired),
            stage => Err(AppError::SignInIncomplete(stage)),
        }
    }

    /// Confirms the pending TOTP secret with a code from the authenticator, makes it the
    /// account's second factor, ends the account's other sessions and returns ten new recovery
    /// codes, shown once. A wrong code counts as a failed sign-in.
    pub fn confirm_totp_enrolment(&self, token: &str, code: &str, client: &ClientInfo) -> Result<(Vec<HumanCode>, NewSession), AppError> {
        self.with_session(token, |tx, session, row| {
            self.may_enrol(row, session)?;
            let Some(pending) = row.totp_pending.clone() else {
                return Ok(Err(AppError::Conflict("no authenticator enrolment is under way; start again".into())));
            };
            let now = now_micros();
            if let Some(why) = barred(row, now) {
                self.record_barred(tx, row, AuditAction::SecondFactorEnrol, why, client)?;
                return Ok(Err(AppError::SecondFactorRefused));
            }
            let Some(step) = self.open_totp(row, &pending)?.verify(code, now / 1_000_000, None) else {
                self.count_failure(tx, row, AuditAction::SecondFactorEnrol, "wrong code from the new authenticator", client)?;
                return Ok(Err(AppError::SecondFactorRefused));
            };
            let actor = staff_actor(row);
            row.totp_secret = Some(pending);
            row.totp_pending = None;
            row.totp_last_step = Some(step as i64);
            row.failed_logins = 0;
            row.last_failed_at = None;
            session.second_factor_at = Some(now);
            let codes: Vec<HumanCode> = (0..RECOVERY_CODES).map(|_| HumanCode::generate(HumanCode::RECOVERY_GROUPS)).collect();
            self.replace_recovery_codes(tx, row.id, &codes)?;
            let ended = self.end_sessions(tx, row, Some(session))?;
            self.save_staff_row(tx, row)?;
            let token = self.renew_session(tx, session, row)?;
            let enrol =
                EventDraft::new(&actor, AuditAction::SecondFactorEnrol).target(RecordKind::Staff, row.id).client(client.addr.as_deref());
            let issue = EventDraft::new(&actor, AuditAction::RecoveryCodesIssue).target(RecordKind::Staff, row.id);
            self.record(
                tx,
                &[
                    enrol.detail(format!("TOTP authenticator; {ended} other sessions ended")).finish(Outcome::Allowed),
                    issue.detail(format!("{RECOVERY_CODES} codes")).finish(Outcome::Allowed),
                ],
            )?;
            Ok(Ok((codes, NewSession { token, stage: self.stage(row, session) })))
        })?
    }

    /// Checks the password of a fully signed-in person again (step-up, password change), with
    /// the account's throttle and failure count; `Ok(())` when it is right.
    fn recheck_password(&self, token: &str, password: &Password, action: AuditAction, client: &ClientInfo) -> Result<StaffRow, AppError> {
        let signed_in = self.session(token)?;
        if signed_in.stage == SessionStage::SecondFactor {
            return Err(AppError::SignInIncomplete(signed_in.stage));
        }
        let row = {
            let mut tx = self.store.begin()?;
            let (_, found) = keep_refusal(self.staff_row(tx.as_mut(), signed_in.staff_id), tx)?;
            found.ok_or(AppError::NotSignedIn)?
        };
        let actor = staff_actor(&row);
        let claim = match self.claim_attempt(row.id, &actor, action, client)? {
            Ok(claim) => claim,
            Err(_) => return Err(AppError::WrongPassword),
        };
        let verdict = match &row.password_hash {
            Some(stored) => self.hasher.verify(stored, password).map_err(AppError::hashing)?,
            None => Verdict::Mismatch,
        };
        if verdict == Verdict::Mismatch {
            return Err(match self.confirm_failure(claim, &actor, action, "wrong password", client) {
                AppError::SignInRefused => AppError::WrongPassword,
                other => other,
            });
        }
        self.give_back(claim)?;
        Ok(row)
    }

    /// Proves the person again (password) for a sensitive action in the next few minutes.
    pub fn step_up(&self, token: &str, password: &Password, client: &ClientInfo) -> Result<(), AppError> {
        self.session(token)?.actor()?;
        self.recheck_password(token, password, AuditAction::StepUp, client)?;
        self.with_session(token, |tx, session, row| {
            session.step_up_at = Some(now_micros());
            self.save_session_row(tx, session, row)?;
            let draft =
                EventDraft::new(&staff_actor(row), AuditAction::StepUp).target(RecordKind::Staff, row.id).client(client.addr.as_deref());
            self.record(tx, &[draft.detail("password").finish(Outcome::Allowed)])?;
            Ok(())
        })
    }

    /// Changes one's own password: the current one proves the person, the new one meets the
    /// policy, and every other session of the account ends.
    pub fn change_password(&self, token: &str, current: &Password, new: &Password, client: &ClientInfo) -> Result<(), AppError> {
        let row = self.recheck_password(token, current, AuditAction::PasswordChange, client)?;
        if current.as_str() == new.as_str() {
            return Err(AppError::Conflict("the new password is the current one; choose another".into()));
        }
        self.check_password_for(&row.username, row.role, new)?;
        let hash = self.hasher.hash(new).map_err(AppError::hashing)?;
        let stored = row.password_hash;
        self.with_session(token, |tx, session, row| {
            if row.password_hash != stored {
                return Err(AppError::Conflict("the password was changed meanwhile; sign in again".into()));
            }
            row.password_hash = Some(hash);
            row.password_changed_at = Some(now_micros());
            row.must_change_password = false;
            row.totp_pending = None;
            let ended = self.end_sessions(tx, row, Some(session))?;
            self.save_staff_row(tx, row)?;
            let draft = EventDraft::new(&staff_actor(row), AuditAction::PasswordChange)
                .target(RecordKind::Staff, row.id)
                .client(client.addr.as_deref());
            self.record(tx, &[draft.detail(format!("{ended} other sessions ended")).finish(Outcome::Allowed)])?;
            Ok(())
        })
    }

    /// Ends the session of this cookie.
    pub fn sign_out(&self, token: &str, client: &ClientInfo) -> Result<(), AppError> {
        self.with_session(token, |tx, session, row| {
            tx.delete_session(&session.id_hash)?;
            let draft =
                EventDraft::new(&staff_actor(row), AuditAction::SignOut).target(RecordKind::Staff, row.id).client(client.addr.as_deref());
            self.record(tx, &[draft.finish(Outcome::Allowed)])?;
            Ok(())
        })
    }

    /// The person's own sessions, newest first (fully signed-in sessions only).
    pub fn my_sessions(&self, token: &str) -> Result<Vec<SessionSummary>, AppError> {
        self.with_session(token, |tx, session, row| {
            match self.stage(row, session) {
                SessionStage::Ready => {}
                stage => return Err(AppError::SignInIncomplete(stage)),
            }
            tx.sessions_of(row.id)?
                .into_iter()
                .map(|other| {
                    Ok(SessionSummary {
                        current: other.id_hash == session.id_hash,
                        id_hash: other.id_hash,
                        created_at: crate::from_micros(other.created_at)?,
                        last_seen_at: crate::from_micros(other.last_seen_at)?,
                        client_addr: other.client_addr,
                    })
                })
                .collect()
        })
    }

    /// Ends one of the person's own sessions (by its id hash, as `my_sessions` lists it).
    pub fn end_my_session(&self, token: &str, id_hash: &[u8; 32], client: &ClientInfo) -> Result<(), AppError> {
        self.with_session(token, |tx, session, row| {
            match self.stage(row, session) {
                SessionStage::Ready => {}
                stage => return Err(AppError::SignInIncomplete(stage)),
            }
            let owned = tx.sessions_of(row.id)?.iter().any(|other| other.id_hash == *id_hash);
            if !owned {
                return Err(AppError::NotFound("session"));
            }
            tx.delete_session(id_hash)?;
            let draft = EventDraft::new(&staff_actor(row), AuditAction::SessionEnd)
                .target(RecordKind::Staff, row.id)
                .client(client.addr.as_deref());
            self.record(tx, &[draft.finish(Outcome::Allowed)])?;
            Ok(())
        })
    }

    /// Deletes sessions past their idle or absolute limit; a housekeeping job.
    pub fn purge_expired_sessions(&self) -> Result<u64, AppError> {
        let now = now_micros();
        let policy = &self.security();
        let mut tx = self.store.begin()?;
        let ended = tx.delete_expired_sessions(now - policy.idle_micros(), now - policy.session_micros())?;
        tx.commit()?;
        Ok(ended)
    }
}

impl Vault {
    /// Gives the session a new id (and so the browser a new cookie) once its second factor is
    /// given: a cookie value someone saw before that moment is worth nothing after it.
    pub(crate) fn renew_session(&self, tx: &mut dyn Tx, session: &mut SessionRow, staff: &StaffRow) -> Result<SecretToken, AppError> {
        let token = SecretToken::generate();
        let mut renewed = session.clone();
        tx.delete_session(&session.id_hash)?;
        self.insert_session_row(tx, token.as_str(), &mut renewed, staff)?;
        *session = renewed;
        Ok(token)
    }
}

/// Gives a claimed attempt back: one failure fewer, and the earlier failure time if no other
/// attempt failed meanwhile.
fn release(row: &mut StaffRow, claim: Claim) {
    if !claim.counted {
        return;
    }
    row.failed_logins = row.failed_logins.saturating_sub(1);
    if row.failed_logins <= claim.failures_before {
        row.last_failed_at = claim.last_failed_before;
    }
}
