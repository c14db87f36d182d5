//! Staff accounts, administered through the gate by the owner (on the CLI or the web) and by
//! managers (for the counter and the workshop only). Every change is an audit event naming the
//! account; a refusal is one too.

pub(crate) mod access_rows;
pub(crate) mod factors;
pub(crate) mod passkeys;
mod policy;
pub(crate) mod security;
pub(crate) mod signin;
pub(crate) mod token_cache;
pub(crate) mod tokens;

use strongroom_domain::{Actor, AuditAction, Outcome, Permission, RecordKind, Role, StaffName};
use strongroom_identity::{
    HumanCode, MIN_CHARS_PASSWORD_ONLY, MIN_CHARS_WITH_SECOND_FACTOR, Password, PasswordContext, PasswordProblem, Strength,
    check_new_password, strength,
};
use strongroom_store::{StaffRow, Tx};
use uuid::Uuid;

use crate::trail::draft::EventDraft;
use crate::{AppError, Vault, from_micros, now_micros};

/// An account as the staff-administration list shows it: no secrets, only their state.
#[derive(Debug, Clone, PartialEq)]
pub struct StaffSummary {
    pub id: Uuid,
    pub username: String,
    pub role: Role,
    pub disabled: bool,
    pub locked: bool,
    /// Whether the person has set a password (an unused enrolment code otherwise).
    pub enrolled: bool,
    pub second_factor: bool,
    pub recovery_codes_left: u32,
    pub failed_logins: u32,
    pub password_changed_at: Option<time::OffsetDateTime>,
    pub created_at: time::OffsetDateTime,
    /// The stored row fails its integrity check: someone changed it without the shop key. It
    /// cannot sign in until the owner repairs it ([`Vault::repair_staff`]).
    pub tampered: bool,
}

/// A new account, or a reset one: the one-time enrolment code is shown here and never again.
#[derive(Debug)]
pub struct Enrolment {
    pub id: Uuid,
    pub username: String,
    pub role: Role,
    /// `None` when the password was given (`--password-file`).
    pub code: Option<HumanCode>,
    pub expires_at: Option<time::OffsetDateTime>,
}

/// An enrolment code being issued to an existing account (a reset, or a role that newly needs a
/// second factor).
struct NewEnrolmentCode {
    code: HumanCode,
    expires: i64,
}

impl NewEnrolmentCode {
    /// Replaces the account's password with this code (with it the person chooses a new one)
    /// and ends its sessions; how many ended.
    fn replace_password(&self, vault: &Vault, tx: &mut dyn Tx, row: &mut StaffRow) -> Result<u64, AppError> {
        row.password_hash = None;
        row.must_change_password = false;
        row.enrolment_code_hash = Some(vault.enrolment_code_hash(row.id, &self.code).to_vec());
        row.enrolment_expires_at = Some(self.expires);
        vault.end_sessions(tx, row, None)
    }

    /// The code as shown once to whoever issued it.
    fn issued(self, id: Uuid, name: &StaffName, role: Role) -> Result<Enrolment, AppError> {
        Ok(Enrolment { id, username: name.as_str().to_owned(), role, code: Some(self.code), expires_at: Some(from_micros(self.expires)?) })
    }
}

impl Vault {
    /// The shortest password an account with `role` may have under the shop's policy.
    pub fn min_password_chars(&self, role: Role) -> usize {
        if self.security().require_second_factor && role.sees_customer_data() {
            MIN_CHARS_WITH_SECOND_FACTOR
        } else {
            MIN_CHARS_PASSWORD_ONLY
        }
    }

    pub(crate) fn check_password_for(&self, name: &str, role: Role, password: &Password) -> Result<(), AppError> {
        let context = PasswordContext { user_name: name, shop_name: &self.shop_name };
        check_new_password(password, self.min_password_chars(role), &context).map(|_| ()).map_err(AppError::PasswordRejected)
    }

    /// The live strength meter's verdict on a password being chosen: zxcvbn's estimate and what
    /// the policy would refuse, for `username` with `role` (the shortest minimum when unknown,
    /// as on the enrolment page, where the role is not shown to whoever types a name).
    pub fn judge_password(&self, username: &str, role: Option<Role>, password: &Password) -> (Strength, Option<PasswordProblem>) {
        let context = PasswordContext { user_name: username, shop_name: &self.shop_name };
        let min = role.map_or(MIN_CHARS_WITH_SECOND_FACTOR, |role| self.min_password_chars(role));
        (strength(password, &context), check_new_password(password, min, &context).err())
    }

    /// Adds a staff account. Without a password it gets a one-time enrolment code (valid for the
    /// policy's hours) with which the person chooses their own at first sign-in.
    pub fn add_staff(&self, actor: &Actor, name: &StaffName, role: Role, password: Option<&Password>) -> Result<Enrolment, AppError> {
        self.require(actor, Permission::StaffManage, AuditAction::StaffCreate, None)?;
        let id = Uuid::now_v7();
        self.require_manages(actor, role, AuditAction::StaffCreate, id)?;
        self.require_step_up(actor, AuditAction::StaffCreate, Some((RecordKind::Staff, id)))?;
        if let Some(password) = password {
            self.check_password_for(name.as_str(), role, password)?;
        }
        let now = now_micros();
        let password_hash = password.map(|password| self.hasher.hash(password)).transpose().map_err(AppError::hashing)?;
        let code = password.is_none().then(|| HumanCode::generate(HumanCode::ENROLMENT_GROUPS));
        let expires = code.as_ref().map(|_| now + i64::from(self.security().enrolment_code_hours) * 3_600_000_000);
        let mut row = StaffRow {
            id,
            username: name.as_str().to_owned(),
            role,
            disabled: false,
            password_changed_at: password_hash.as_ref().map(|_| now),
            // Whoever set it knows it: the person chooses their own at first sign-in.
            must_change_password: password_hash.is_some(),
            password_hash,
            enrolment_code_hash: code.as_ref().map(|code| self.enrolment_code_hash(id, code).to_vec()),
            enrolment_expires_at: expires,
            totp_secret: None,
            totp_pending: None,
            totp_last_step: None,
            passkeys: None,
            failed_logins: 0,
            last_failed_at: None,
            locked_at: None,
            created_at: now,
            language: strongroom_domain::Language::default().as_str().to_owned(),
            session_epoch: 0,
            row_mac: None,
        };
        let mut tx = self.store.begin()?;
        let draft = EventDraft::new(actor, AuditAction::StaffCreate).target(RecordKind::Staff, id);
        if self.staff_by_name_checked(tx.as_mut(), name.as_str())?.is_some() {
            return Err(self.fail(tx, draft, "user name taken", AppError::Conflict("that user name is taken".into())));
        }
        self.insert_staff_row(tx.as_mut(), &mut row)?;
        let how = if code.is_some() { "with an enrolment code" } else { "with a password" };
        self.record(tx.as_mut(), &[draft.detail(format!("role {role}, {how}")).finish(Outcome::Allowed)])?;
        tx.commit()?;
        Ok(Enrolment { id, username: row.username, role, code, expires_at: expires.map(from_micros).transpose()? })
    }

    /// The accounts locked by failed sign-ins that `actor` may unlock, for their start page. Not
    /// an audit event of its own: it names no customer, and there would be one per page view.
    pub fn locked_accounts(&self, actor: &Actor) -> Result<Vec<String>, AppError> {
        if !actor.may(Permission::StaffManage) {
            return Ok(Vec::new());
        }
        let mut tx = self.store.begin_snapshot()?;
        let locked = self
            .all_staff_checked(tx.as_mut())?
            .into_iter()
            .filter(|checked| checked.intact && checked.row.locked_at.is_some() && actor.role.may_manage(checked.row.role))
            .map(|checked| checked.row.username)
            .collect();
        tx.commit()?;
        Ok(locked)
    }

    /// Every account, by user name.
    pub fn list_staff(&self, actor: &Actor) -> Result<Vec<StaffSummary>, AppError> {
        self.require(actor, Permission::StaffManage, AuditAction::StaffList, None)?;
        let mut tx = self.store.begin()?;
        let summaries = self.staff_summaries(tx.as_mut())?;
        self.record(
            tx.as_mut(),
            &[EventDraft::new(actor, AuditAction::StaffList).detail(format!("{} accounts", summaries.len())).finish(Outcome::Allowed)],
        )?;
        tx.commit()?;
        Ok(summaries)
    }

    /// Every account as the staff page lists it, read in `tx` without a permission check or an
    /// event: for `list_staff`, which records its read, and the doctor's account checks.
    pub(crate) fn staff_summaries(&self, tx: &mut dyn Tx) -> Result<Vec<StaffSummary>, AppError> {
        let mut summaries = Vec::new();
        for checked in self.all_staff_checked(tx)? {
            let (row, tampered) = (checked.row, !checked.intact);
            let recovery_codes_left = tx.unused_recovery_codes(row.id)?;
            let second_factor = crate::staff::factors::has_second_factor(&row);
            summaries.push(StaffSummary {
                id: row.id,
                username: row.username,
                role: row.role,
                disabled: row.disabled,
                locked: row.locked_at.is_some(),
                enrolled: row.password_hash.is_some(),
                second_factor,
                recovery_codes_left,
                failed_logins: row.failed_logins,
                password_changed_at: if tampered {
                    row.password_changed_at.map(crate::from_micros_lenient)
                } else {
                    row.password_changed_at.map(from_micros).transpose()?
                },
                created_at: if tampered { crate::from_micros_lenient(row.created_at) } else { from_micros(row.created_at)? },
                tampered,
            });
        }
        Ok(summaries)
    }

    /// Disables an account and ends its sessions; returns how many ended.
    pub fn disable_staff(&self, actor: &Actor, name: &StaffName) -> Result<u64, AppError> {
        self.change_staff(actor, name, AuditAction::StaffDisable, true, |tx, row| {
            keep_an_owner(self, tx, row)?;
            row.disabled = true;
            let ended = self.end_sessions(tx, row, None)?;
            Ok((format!("{ended} sessions ended"), ended))
        })
    }

    pub fn enable_staff(&self, actor: &Actor, name: &StaffName) -> Result<(), AppError> {
        self.change_staff(actor, name, AuditAction::StaffEnable, true, |_, row| {
            row.disabled = false;
            Ok((String::new(), ()))
        })
    }

    /// Unlocks an account locked by failed sign-ins, and clears its failure count.
    pub fn unlock_staff(&self, actor: &Actor, name: &StaffName) -> Result<(), AppError> {
        self.change_staff(actor, name, AuditAction::StaffUnlock, true, |_, row| {
            let detail = format!("after {} failures", row.failed_logins);
            row.locked_at = None;
            row.failed_logins = 0;
            row.last_failed_at = None;
            Ok((detail, ()))
        })
    }

    /// Gives an account another role. When the new role must have a second factor and the
    /// account has none, its password is replaced by a new enrolment code (returned), as in
    /// [`Vault::reset_second_factor`]: a password used without a factor so far must not be all
    /// it takes to enrol one.
    pub fn set_staff_role(&self, actor: &Actor, name: &StaffName, role: Role) -> Result<Option<Enrolment>, AppError> {
        let target = self.staff_target(actor, name, AuditAction::StaffSetRole)?;
        self.require_manages(actor, role, AuditAction::StaffSetRole, target)?;
        let code = self.new_enrolment_code();
        let must_enrol = self.security().require_second_factor && role.sees_customer_data();
        let (id, enrolling) = self.change_staff(actor, name, AuditAction::StaffSetRole, true, |tx, row| {
            let from = row.role;
            if role != Role::Owner {
                keep_an_owner(self, tx, row)?;
            }
            row.role = role;
            if !must_enrol || crate::staff::factors::has_second_factor(row) || row.password_hash.is_none() {
                return Ok((format!("role {from} -> {role}"), (row.id, false)));
            }
            let ended = code.replace_password(self, tx, row)?;
            Ok((
                format!("role {from} -> {role}; a second factor is now required: new enrolment code, {ended} sessions ended"),
                (row.id, true),
            ))
        })?;
        if !enrolling {
            return Ok(None);
        }
        Ok(Some(code.issued(id, name, role)?))
    }

    /// The break-glass path when someone loses their second factor: removes their TOTP secret,
    /// passkeys and recovery codes, ends their sessions, and replaces their password with a new
    /// enrolment code, with which they choose a password and enrol a factor again. The password
    /// goes too: left alone, it would be all anyone needed to enrol their own factor first (and
    /// a lost phone often holds the saved password).
    pub fn reset_second_factor(&self, actor: &Actor, name: &StaffName) -> Result<Enrolment, AppError> {
        let code = self.new_enrolment_code();
        let (id, role) = self.change_staff(actor, name, AuditAction::StaffResetSecondFactor, true, |tx, row| {
            row.totp_secret = None;
            row.totp_pending = None;
            row.totp_last_step = None;
            crate::staff::factors::clear_passkeys(row);
            self.replace_recovery_codes(tx, row.id, &[])?;
            let ended = code.replace_password(self, tx, row)?;
            Ok((format!("second factor and password removed, new enrolment code, {ended} sessions ended"), (row.id, row.role)))
        })?;
        code.issued(id, name, role)
    }

    /// Forces a new password (on evidence of compromise, or a forgotten one): the old one stops
    /// working at once, sessions end, and a new enrolment code lets the person choose another.
    pub fn reset_password(&self, actor: &Actor, name: &StaffName) -> Result<Enrolment, AppError> {
        let code = self.new_enrolment_code();
        let (id, role) = self.change_staff(actor, name, AuditAction::StaffResetPassword, true, |tx, row| {
            row.totp_pending = None;
            let ended = code.replace_password(self, tx, row)?;
            Ok((format!("password reset, new enrolment code, {ended} sessions ended"), (row.id, row.role)))
        })?;
        code.issued(id, name, role)
    }

    /// Gives an account whose stored row fails its integrity check (someone changed it without
    /// the shop key) a fresh start: nothing the row holds can be trusted, so its role is the one
    /// given here, and its password, second factors, passkeys, recovery codes, lockout and
    /// sessions all go; a new enrolment code (returned) lets the person start again. Refused
    /// for an intact row (use the other actions there).
    ///
    /// Only the owner repairs: the role stored in such a row cannot be trusted, so it cannot
    /// say whether a manager may manage the account (a writer could lower an owner's row to
    /// let a manager take the name over).
    pub fn repair_staff(&self, actor: &Actor, name: &StaffName, role: Role) -> Result<Enrolment, AppError> {
        let target = self.staff_target(actor, name, AuditAction::StaffRepair)?;
        self.require_manages(actor, Role::Owner, AuditAction::StaffRepair, target)?;
        self.require_manages(actor, role, AuditAction::StaffRepair, target)?;
        let code = self.new_enrolment_code();
        // (No last-owner check: a row that fails its check cannot sign in, so it is no owner.)
        let id = self.change_staff(actor, name, AuditAction::StaffRepair, true, |tx, row| {
            row.role = role;
            row.disabled = false;
            row.totp_secret = None;
            row.totp_pending = None;
            row.totp_last_step = None;
            crate::staff::factors::clear_passkeys(row);
            row.failed_logins = 0;
            row.last_failed_at = None;
            row.locked_at = None;
            self.replace_recovery_codes(tx, row.id, &[])?;
            let ended = code.replace_password(self, tx, row)?;
            Ok((format!("row failed its integrity check; fresh start as {role}, new enrolment code, {ended} sessions ended"), row.id))
        })?;
        code.issued(id, name, role)
    }

    /// A one-time enrolment code, valid for the policy's hours from now.
    fn new_enrolment_code(&self) -> NewEnrolmentCode {
        let expires = now_micros() + i64::from(self.security().enrolment_code_hours) * 3_600_000_000;
        NewEnrolmentCode { code: HumanCode::generate(HumanCode::ENROLMENT_GROUPS), expires }
    }

    /// Looks up the account an administrative action is about, recording a missing one as a
    /// failed attempt and an account above the actor's station as a denied one.
    fn staff_target(&self, actor: &Actor, name: &StaffName, action: AuditAction) -> Result<Uuid, AppError> {
        self.require(actor, Permission::StaffManage, action, None)?;
        let mut tx = self.store.begin()?;
        let Some(checked) = self.staff_by_name_checked(tx.as_mut(), name.as_str())? else {
            let draft = EventDraft::new(actor, action);
            return Err(self.fail(tx, draft, "no such account", AppError::NotFound("staff member")));
        };
        drop(tx);
        self.require_manages(actor, checked.row.role, action, checked.row.id)?;
        Ok(checked.row.id)
    }

    fn require_manages(&self, actor: &Actor, role: Role, action: AuditAction, target: Uuid) -> Result<(), AppError> {
        if actor.role.may_manage(role) {
            return Ok(());
        }
        let mut tx = self.store.begin()?;
        let draft = EventDraft::new(actor, action).target(RecordKind::Staff, target).detail(format!("may not manage role {role}"));
        self.record(tx.as_mut(), &[draft.finish(Outcome::Denied)])?;
        tx.commit()?;
        Err(AppError::Denied { role: actor.role.as_str(), what: "manage accounts with that role", permission: Permission::StaffManage })
    }

    /// Applies `change` to an account the actor may manage (checked again on the row as it is
    /// inside the transaction), in one transaction with its event. An account whose row fails its
    /// integrity check is refused (and that recorded) for every action but a repair, which is
    /// only for such rows: a change would give the MAC back to whatever was written into it.
    fn change_staff<T>(
        &self,
        actor: &Actor,
        name: &StaffName,
        action: AuditAction,
        needs_step_up: bool,
        change: impl FnOnce(&mut dyn Tx, &mut StaffRow) -> Result<(String, T), AppError>,
    ) -> Result<T, AppError> {
        let id = self.staff_target(actor, name, action)?;
        if needs_step_up {
            self.require_step_up(actor, action, Some((RecordKind::Staff, id)))?;
        }
        let mut tx = self.store.begin()?;
        let draft = EventDraft::new(actor, action).target(RecordKind::Staff, id);
        let Some(checked) = self.staff_checked(tx.as_mut(), id)? else {
            return Err(self.fail(tx, draft, "no such account", AppError::NotFound("staff member")));
        };
        let repairing = action == AuditAction::StaffRepair;
        if checked.intact && repairing {
            let nothing = AppError::Conflict("this account's row is intact; there is nothing to repair".into());
            return Err(self.fail(tx, draft, "row intact", nothing));
        }
        if !checked.intact && !repairing {
            self.record_tampered(tx.as_mut(), RecordKind::Staff, id, "the account's stored row")?;
            let error = AppError::Tampered("staff account");
            return Err(self.fail(tx, draft, "row fails its integrity check; repair it first", error));
        }
        let mut row = checked.row;
        if !actor.role.may_manage(row.role) {
            let denied =
                AppError::Denied { role: actor.role.as_str(), what: "manage accounts with that role", permission: Permission::StaffManage };
            self.record(tx.as_mut(), &[draft.detail(format!("may not manage role {}", row.role)).finish(Outcome::Denied)])?;
            tx.commit()?;
            return Err(denied);
        }
        let (detail, value) = match change(tx.as_mut(), &mut row) {
            Ok(changed) => changed,
            Err(error) => return Err(self.fail(tx, draft, &error.to_string(), error)),
        };
        self.save_staff_row(tx.as_mut(), &mut row)?;
        let draft = if detail.is_empty() { draft } else { draft.detail(detail) };
        self.record(tx.as_mut(), &[draft.finish(Outcome::Allowed)])?;
        tx.commit()?;
        Ok(value)
    }
}

/// Refuses to leave the shop without an owner account that can sign in (enabled, unlocked,
/// enrolled) when `row`, such an owner, is about to be disabled or given another role.
/// (A row that fails its integrity check cannot sign in, so it counts as no owner.)
fn keep_an_owner(vault: &Vault, tx: &mut dyn Tx, row: &StaffRow) -> Result<(), AppError> {
    let can_sign_in = |row: &StaffRow| row.role == Role::Owner && !row.disabled && row.locked_at.is_none() && row.password_hash.is_some();
    if !can_sign_in(row) {
        return Ok(());
    }
    let others =
        vault.all_staff_checked(tx)?.into_iter().filter(|other| other.intact && other.row.id != row.id && can_sign_in(&other.row)).count();
    if others == 0 {
        return Err(AppError::Conflict("this is the only owner account that can sign in; make someone else owner first".into()));
    }
    Ok(())
}
