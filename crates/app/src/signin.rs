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
use strongroom_domain::{Actor, ActorKind, AuditAction, Outcome, RecordKind, Role, StaffName};
use strongroom_identity::{HumanCode, Password, RECOVERY_CODES, SecretToken, TotpSecret, Verdict, hash_secret, is_blocklisted};
use strongroom_store::{SessionRow, StaffRow, Tx};
use uuid::Uuid;

use crate::audit_trail::EventDraft;
use crate::security::throttle_micros;
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
    pub staff_id: Uuid,
    pub session_hash: [u8; 32],
    pub stage: SessionStage,
    /// The person proved themselves again within the policy's step-up window.
    pub step_up_fresh: bool,
    /// The password is older than the policy's reminder age.
    pub password_reminder: bool,
}

impl SignedIn {
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
}

/// A TOTP secret being enrolled, to show once as a QR code and as text.
#[derive(Debug)]
pub struct TotpEnrolment {
    pub secret: TotpSecret,
    /// The `otpauth://` URI for the QR code.
    pub uri: String,
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

fn staff_actor(row: &StaffRow) -> Actor {
    Actor { kind: ActorKind::Staff, name: row.username.clone(), role: row.role }
}

fn unknown_actor() -> Actor {
    Actor { kind: ActorKind::Staff, name: UNKNOWN.into(), role: Role::ExternalAuditor }
}

fn totp_aad(id: &Uuid, version: u32) -> FieldAad<'_> {
    FieldAad { record_kind: RecordKind::Staff.as_str(), field: "totp_secret", record_id: id.as_bytes(), data_key_version: version }
}

/// Why an account cannot sign in right now, if it cannot (checked before any secret is).
fn barred(row: &StaffRow, now: i64) -> Option<&'static str> {
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

impl Vault {
    /// The password step. Any failure is the same [`AppError::SignInRefused`] after the same
    /// work, whether the user name exists or not.
    pub fn sign_in(&self, username: &str, password: &Password, client: &ClientInfo) -> Result<NewSession, AppError> {
        let now = now_micros();
        let row = match StaffName::parse(username) {
            Ok(name) => self.store.begin()?.staff_by_name(name.as_str())?,
            Err(_) => None,
        };
        let Some(row) = row else {
            self.hasher.verify_dummy(password);
            return Err(self.refuse_sign_in(&unknown_actor(), None, AuditAction::SignInPassword, "unknown user name", client, false));
        };
        let actor = staff_actor(&row);
        let stored = match (barred(&row, now), &row.password_hash) {
            (Some(why), _) => {
                self.hasher.verify_dummy(password);
                return Err(self.refuse_sign_in(&actor, Some(row.id), AuditAction::SignInPassword, why, client, false));
            }
            (None, None) => {
                self.hasher.verify_dummy(password);
                return Err(self.refuse_sign_in(&actor, Some(row.id), AuditAction::SignInPassword, "not enrolled yet", client, false));
            }
            (None, Some(stored)) => stored.clone(),
        };
        match self.hasher.verify(&stored, password).map_err(AppError::hashing)? {
            Verdict::Mismatch => {
                Err(self.refuse_sign_in(&actor, Some(row.id), AuditAction::SignInPassword, "wrong password", client, true))
            }
            Verdict::Match { needs_rehash } => {
                let rehashed = if needs_rehash { Some(self.hasher.hash(password).map_err(AppError::hashing)?) } else { None };
                let compromised = is_blocklisted(password);
                self.begin_session(row.id, AuditAction::SignInPassword, client, |row| {
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

    /// First sign-in of a new (or reset) account: the enrolment code from `user add` and the
    /// password the person chooses.
    pub fn enrol(&self, username: &str, code: &str, password: &Password, client: &ClientInfo) -> Result<NewSession, AppError> {
        let now = now_micros();
        let row = match StaffName::parse(username) {
            Ok(name) => self.store.begin()?.staff_by_name(name.as_str())?,
            Err(_) => None,
        };
        // Every refusal looks the same: a wrong code, an expired one or an unknown name.
        let refused = |error: AppError| if matches!(error, AppError::SignInRefused) { AppError::EnrolmentRefused } else { error };
        let Some(row) = row else {
            return Err(refused(self.refuse_sign_in(&unknown_actor(), None, AuditAction::StaffEnrol, "unknown user name", client, false)));
        };
        let actor = staff_actor(&row);
        if let Some(why) = barred(&row, now) {
            return Err(refused(self.refuse_sign_in(&actor, Some(row.id), AuditAction::StaffEnrol, why, client, false)));
        }
        let typed = HumanCode::parse(code, HumanCode::ENROLMENT_GROUPS).map(|code| code.hash().to_vec());
        let expected = row.enrolment_code_hash.clone().filter(|_| row.enrolment_expires_at.is_some_and(|expires| now < expires));
        let matches = match (&typed, &expected) {
            (Some(typed), Some(expected)) => aws_lc_rs::constant_time::verify_slices_are_equal(typed, expected).is_ok(),
            _ => false,
        };
        if !matches {
            let why = if expected.is_none() { "no valid enrolment code" } else { "wrong enrolment code" };
            return Err(refused(self.refuse_sign_in(&actor, Some(row.id), AuditAction::StaffEnrol, why, client, true)));
        }
        self.check_password_for(&row.username, row.role, password)?;
        let hash = self.hasher.hash(password).map_err(AppError::hashing)?;
        self.begin_session(row.id, AuditAction::StaffEnrol, client, |row| {
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

    /// Records a refused step (counting it against the account if `counts`, and locking the
    /// account at the policy's limit) and returns the one refusal every failure looks like.
    fn refuse_sign_in(
        &self,
        actor: &Actor,
        id: Option<Uuid>,
        action: AuditAction,
        why: &str,
        client: &ClientInfo,
        counts: bool,
    ) -> AppError {
        match self.record_refusal(actor, id, action, why, client, counts) {
            Ok(()) => AppError::SignInRefused,
            Err(error) => error,
        }
    }

    fn record_refusal(
        &self,
        actor: &Actor,
        id: Option<Uuid>,
        action: AuditAction,
        why: &str,
        client: &ClientInfo,
        counts: bool,
    ) -> Result<(), AppError> {
        let now = now_micros();
        let mut tx = self.store.begin()?;
        let mut draft = EventDraft::new(actor, action).client(client.addr.as_deref()).detail(why);
        let mut events = Vec::new();
        if let Some(id) = id {
            draft = draft.target(RecordKind::Staff, id);
            if counts && let Some(mut row) = tx.staff(id)? {
                row.failed_logins = row.failed_logins.saturating_add(1);
                row.last_failed_at = Some(now);
                if row.failed_logins >= self.settings.security.lockout_after_failures && row.locked_at.is_none() {
                    row.locked_at = Some(now);
                    tx.delete_sessions_of(id, None)?;
                    let lockout =
                        EventDraft::new(actor, AuditAction::SignInLockout).target(RecordKind::Staff, id).client(client.addr.as_deref());
                    events.push(
                        lockout
                            .detail(format!("locked after {} failed attempts; the owner or a manager must unlock it", row.failed_logins)),
                    );
                }
                tx.update_staff(&row)?;
            }
        }
        events.insert(0, draft);
        let events: Vec<_> = events.into_iter().map(|draft| draft.finish(Outcome::Failed)).collect();
        self.record(tx.as_mut(), &events)?;
        tx.commit()?;
        Ok(())
    }

    /// Re-reads the account, lets `accept` check and change it, and starts a session for it.
    fn begin_session(
        &self,
        id: Uuid,
        action: AuditAction,
        client: &ClientInfo,
        accept: impl FnOnce(&mut StaffRow) -> Result<String, &'static str>,
    ) -> Result<NewSession, AppError> {
        let now = now_micros();
        let mut tx = self.store.begin()?;
        let Some(mut row) = tx.staff(id)? else {
            return Err(AppError::SignInRefused);
        };
        let actor = staff_actor(&row);
        let draft = EventDraft::new(&actor, action).target(RecordKind::Staff, id).client(client.addr.as_deref());
        let detail = match barred(&row, now).map_or_else(|| accept(&mut row), Err) {
            Ok(detail) => detail,
            Err(why) => return Err(self.fail(tx, draft, why, AppError::SignInRefused)),
        };
        row.failed_logins = 0;
        row.last_failed_at = None;
        tx.update_staff(&row)?;
        let token = SecretToken::generate();
        let session = SessionRow {
            id_hash: token.hash(),
            staff_id: id,
            created_at: now,
            last_seen_at: now,
            second_factor_at: None,
            step_up_at: None,
            client_addr: client.addr.clone(),
        };
        tx.insert_session(&session)?;
        self.record(tx.as_mut(), &[draft.detail(detail).finish(Outcome::Allowed)])?;
        tx.commit()?;
        Ok(NewSession { token, stage: self.stage(&row, &session) })
    }

    fn stage(&self, row: &StaffRow, session: &SessionRow) -> SessionStage {
        let policy = &self.settings.security;
        let has_factor = row.totp_secret.is_some();
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

    /// Checks the session cookie of a request: unknown, idle-expired, too old, or belonging to a
    /// disabled or locked account is [`AppError::NotSignedIn`] (and an expired one is deleted).
    pub fn session(&self, token: &str) -> Result<SignedIn, AppError> {
        let mut tx = self.store.begin()?;
        let (mut session, row) = self.load_session(tx.as_mut(), token)?;
        let now = now_micros();
        // Write "last seen" at most once a minute: a write per page would cost an fsync each.
        if now - session.last_seen_at > 60_000_000 {
            session.last_seen_at = now;
            tx.update_session(&session)?;
        }
        tx.commit()?;
        let policy = &self.settings.security;
        Ok(SignedIn {
            actor: staff_actor(&row),
            staff_id: row.id,
            session_hash: session.id_hash,
            stage: self.stage(&row, &session),
            step_up_fresh: session.step_up_at.is_some_and(|at| now - at <= i64::from(policy.step_up_minutes) * 60_000_000),
            password_reminder: row
                .password_changed_at
                .is_some_and(|at| now - at > i64::from(policy.password_reminder_days) * 86_400_000_000),
        })
    }

    fn load_session(&self, tx: &mut dyn Tx, token: &str) -> Result<(SessionRow, StaffRow), AppError> {
        let hash = hash_secret(token);
        let session = tx.session(&hash)?.ok_or(AppError::NotSignedIn)?;
        let now = now_micros();
        let policy = &self.settings.security;
        let expired = now - session.last_seen_at > policy.idle_micros() || now - session.created_at > policy.session_micros();
        let row = tx.staff(session.staff_id)?;
        match row {
            Some(row) if !expired && !row.disabled && row.locked_at.is_none() => Ok((session, row)),
            _ => {
                tx.delete_session(&hash)?;
                Err(AppError::NotSignedIn)
            }
        }
    }

    /// Runs `step` on a checked session and its account in one transaction.
    fn with_session<T>(
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

    /// The second-factor step with a TOTP code. A wrong code counts as a failed sign-in.
    pub fn verify_totp(&self, token: &str, code: &str, client: &ClientInfo) -> Result<SessionStage, AppError> {
        let outcome = self.with_session(token, |tx, session, row| {
            let actor = staff_actor(row);
            let draft =
                EventDraft::new(&actor, AuditAction::SignInSecondFactor).target(RecordKind::Staff, row.id).client(client.addr.as_deref());
            let sealed = row.totp_secret.clone().ok_or(AppError::SignInIncomplete(self.stage(row, session)))?;
            let now = now_micros();
            if barred(row, now).is_some() {
                return Ok(Err((actor, row.id, "too soon after failed attempts")));
            }
            let secret = self.open_totp(row, &sealed)?;
            let last = row.totp_last_step.map(|step| step as u64);
            let Some(step) = secret.verify(code, now / 1_000_000, last) else {
                return Ok(Err((actor, row.id, "wrong or reused code")));
            };
            row.totp_last_step = Some(step as i64);
            row.failed_logins = 0;
            row.last_failed_at = None;
            session.second_factor_at = Some(now);
            tx.update_staff(row)?;
            tx.update_session(session)?;
            self.record(tx, &[draft.detail("TOTP code").finish(Outcome::Allowed)])?;
            Ok(Ok(self.stage(row, session)))
        })?;
        outcome.or_else(|(actor, id, why)| self.refuse_second_factor(&actor, id, why, client))
    }

    /// The second-factor step with a recovery code; returns the stage and how many codes are left.
    pub fn use_recovery_code(&self, token: &str, code: &str, client: &ClientInfo) -> Result<(SessionStage, u32), AppError> {
        let outcome = self.with_session(token, |tx, session, row| {
            let actor = staff_actor(row);
            let now = now_micros();
            if barred(row, now).is_some() {
                return Ok(Err((actor, row.id, "too soon after failed attempts")));
            }
            let used = match HumanCode::parse(code, HumanCode::RECOVERY_GROUPS) {
                Some(code) => tx.use_recovery_code(row.id, &code.hash(), now)?,
                None => false,
            };
            if !used {
                return Ok(Err((actor, row.id, "wrong or used recovery code")));
            }
            let left = tx.unused_recovery_codes(row.id)?;
            row.failed_logins = 0;
            row.last_failed_at = None;
            session.second_factor_at = Some(now);
            tx.update_staff(row)?;
            tx.update_session(session)?;
            let draft =
                EventDraft::new(&actor, AuditAction::SignInSecondFactor).target(RecordKind::Staff, row.id).client(client.addr.as_deref());
            self.record(tx, &[draft.detail(format!("recovery code; {left} left")).finish(Outcome::Allowed)])?;
            Ok(Ok((self.stage(row, session), left)))
        })?;
        outcome.or_else(|(actor, id, why)| self.refuse_second_factor(&actor, id, why, client))
    }

    fn refuse_second_factor<T>(&self, actor: &Actor, id: Uuid, why: &str, client: &ClientInfo) -> Result<T, AppError> {
        Err(match self.refuse_sign_in(actor, Some(id), AuditAction::SignInSecondFactor, why, client, true) {
            AppError::SignInRefused => AppError::SecondFactorRefused,
            other => other,
        })
    }

    /// Starts enrolling a TOTP authenticator: a new secret, kept pending until a code from it is
    /// typed. Replacing an existing factor needs a fresh step-up.
    pub fn begin_totp_enrolment(&self, token: &str) -> Result<TotpEnrolment, AppError> {
        self.with_session(token, |tx, session, row| {
            match self.stage(row, session) {
                SessionStage::EnrolSecondFactor => {}
                SessionStage::Ready | SessionStage::ChangePassword if self.stepped_up(session) => {}
                SessionStage::Ready | SessionStage::ChangePassword => return Err(AppError::StepUpRequired),
                stage => return Err(AppError::SignInIncomplete(stage)),
            }
            let secret = TotpSecret::generate();
            let key = &self.keys.staff_key;
            row.totp_pending = Some(key.seal(totp_aad(&row.id, key.version()), secret.as_bytes())?);
            tx.update_staff(row)?;
            let issuer = if self.shop_name.is_empty() { "Strongroom" } else { self.shop_name.as_str() };
            let uri = secret.otpauth_uri(issuer, &row.username);
            Ok(TotpEnrolment { secret, uri })
        })
    }

    /// Confirms the pending TOTP secret with a code from the authenticator, makes it the
    /// account's second factor, ends the account's other sessions and returns ten new recovery
    /// codes, shown once.
    pub fn confirm_totp_enrolment(&self, token: &str, code: &str, client: &ClientInfo) -> Result<Vec<HumanCode>, AppError> {
        let outcome = self.with_session(token, |tx, session, row| {
            let actor = staff_actor(row);
            let Some(pending) = row.totp_pending.clone() else {
                return Err(AppError::Conflict("no authenticator enrolment is under way; start again".into()));
            };
            let now = now_micros();
            let Some(step) = self.open_totp(row, &pending)?.verify(code, now / 1_000_000, None) else {
                return Ok(Err((actor, row.id)));
            };
            row.totp_secret = Some(pending);
            row.totp_pending = None;
            row.totp_last_step = Some(step as i64);
            session.second_factor_at = Some(now);
            session.step_up_at = Some(now);
            let codes: Vec<HumanCode> = (0..RECOVERY_CODES).map(|_| HumanCode::generate(HumanCode::RECOVERY_GROUPS)).collect();
            let hashes: Vec<[u8; 32]> = codes.iter().map(HumanCode::hash).collect();
            tx.replace_recovery_codes(row.id, &hashes)?;
            let ended = tx.delete_sessions_of(row.id, Some(&session.id_hash))?;
            tx.update_staff(row)?;
            tx.update_session(session)?;
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
            Ok(Ok(codes))
        })?;
        outcome.or_else(|(actor, id)| {
            let mut tx = self.store.begin()?;
            let draft =
                EventDraft::new(&actor, AuditAction::SecondFactorEnrol).target(RecordKind::Staff, id).client(client.addr.as_deref());
            self.record(tx.as_mut(), &[draft.detail("wrong code from the new authenticator").finish(Outcome::Failed)])?;
            tx.commit()?;
            Err(AppError::SecondFactorRefused)
        })
    }

    fn stepped_up(&self, session: &SessionRow) -> bool {
        session.step_up_at.is_some_and(|at| now_micros() - at <= i64::from(self.settings.security.step_up_minutes) * 60_000_000)
    }

    /// Proves the person again (password) for a sensitive action in the next few minutes.
    pub fn step_up(&self, token: &str, password: &Password, client: &ClientInfo) -> Result<(), AppError> {
        let signed_in = self.session(token)?;
        signed_in.actor()?;
        let row = self.store.begin()?.staff(signed_in.staff_id)?.ok_or(AppError::NotSignedIn)?;
        let actor = staff_actor(&row);
        let verdict = match &row.password_hash {
            Some(stored) => self.hasher.verify(stored, password).map_err(AppError::hashing)?,
            None => Verdict::Mismatch,
        };
        if verdict == Verdict::Mismatch {
            return Err(match self.refuse_sign_in(&actor, Some(row.id), AuditAction::StepUp, "wrong password", client, true) {
                AppError::SignInRefused => AppError::WrongPassword,
                other => other,
            });
        }
        self.with_session(token, |tx, session, row| {
            session.step_up_at = Some(now_micros());
            tx.update_session(session)?;
            let draft =
                EventDraft::new(&staff_actor(row), AuditAction::StepUp).target(RecordKind::Staff, row.id).client(client.addr.as_deref());
            self.record(tx, &[draft.detail("password").finish(Outcome::Allowed)])?;
            Ok(())
        })
    }

    /// Changes one's own password: the current one proves the person, the new one meets the
    /// policy, and every other session of the account ends.
    pub fn change_password(&self, token: &str, current: &Password, new: &Password, client: &ClientInfo) -> Result<(), AppError> {
        let signed_in = self.session(token)?;
        if signed_in.stage == SessionStage::SecondFactor {
            return Err(AppError::SignInIncomplete(signed_in.stage));
        }
        let row = self.store.begin()?.staff(signed_in.staff_id)?.ok_or(AppError::NotSignedIn)?;
        let actor = staff_actor(&row);
        let stored = row.password_hash.clone().unwrap_or_default();
        if self.hasher.verify(&stored, current).map_err(AppError::hashing)? == Verdict::Mismatch {
            return Err(
                match self.refuse_sign_in(&actor, Some(row.id), AuditAction::PasswordChange, "wrong current password", client, true) {
                    AppError::SignInRefused => AppError::WrongPassword,
                    other => other,
                },
            );
        }
        if current.as_str() == new.as_str() {
            return Err(AppError::Conflict("the new password is the current one; choose another".into()));
        }
        self.check_password_for(&row.username, row.role, new)?;
        let hash = self.hasher.hash(new).map_err(AppError::hashing)?;
        self.with_session(token, |tx, session, row| {
            if row.password_hash.as_deref() != Some(stored.as_str()) {
                return Err(AppError::Conflict("the password was changed meanwhile; sign in again".into()));
            }
            row.password_hash = Some(hash);
            row.password_changed_at = Some(now_micros());
            row.must_change_password = false;
            let ended = tx.delete_sessions_of(row.id, Some(&session.id_hash))?;
            tx.update_staff(row)?;
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

    /// The person's own sessions, newest first.
    pub fn my_sessions(&self, token: &str) -> Result<Vec<SessionSummary>, AppError> {
        self.with_session(token, |tx, session, row| {
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
        self.with_session(token, |tx, _, row| {
            let owned = tx.session(id_hash)?.is_some_and(|other| other.staff_id == row.id);
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
        let policy = &self.settings.security;
        let mut tx = self.store.begin()?;
        let ended = tx.delete_expired_sessions(now - policy.idle_micros(), now - policy.session_micros())?;
        tx.commit()?;
        Ok(ended)
    }
}
