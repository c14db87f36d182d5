//! The shop's password vault (issue 17): the webshop's admin, supplier portals, the bank, the mail
//! account, the alarm code. Each entry is sealed under a data key of its own (wrapped by the shop
//! keyring, as a customer's is), in two parts bound to its id: what the list shows (its name,
//! address, user name, notes, shares, how strong the password was and a keyed fingerprint of it,
//! when it was last changed and who has seen it since) and the password with its TOTP secret, so
//! listing never opens a password. Every entry is shared by role or person, to use (copy without
//! seeing), view or manage; the owner manages all. Showing or copying a password is recorded
//! against the entry, and remembered in it until the password changes, so an entry seen by
//! someone who has since left is flagged for changing.

mod generator;

use serde::{Deserialize, Serialize};
use strongroom_crypto::{DataKey, FieldAad};
use strongroom_domain::{
    Actor, AuditAction, Outcome, Permission, RecordKind, Role, SecretFacts, SecretFlag, SecretInfo, SecretText, Share, ShareLevel,
    secret_flags, share_level,
};
use strongroom_store::{OwnerKind, SecretRow, Tx};
use time::Date;
use uuid::Uuid;
use zeroize::Zeroizing;

pub use self::generator::generate_password;
use crate::trail::draft::EventDraft;
use crate::{AppError, Vault, now_micros};

/// The most entries a vault keeps.
pub const MAX_SECRETS: usize = 2000;

/// A new entry: its words, its password and, if the site has one, its TOTP secret.
pub struct NewSecret {
    pub info: SecretInfo,
    pub password: SecretText,
    pub totp: Option<Vec<u8>>,
}

/// A change to an entry: its words and shares, and a new password or TOTP secret when given.
pub struct SecretChange {
    pub info: SecretInfo,
    pub password: Option<SecretText>,
    /// `Some(None)` removes the TOTP secret.
    pub totp: Option<Option<Vec<u8>>>,
}

/// An entry as the list shows it to one person.
#[derive(Clone, Debug)]
pub struct SecretEntry {
    pub id: Uuid,
    pub info: SecretInfo,
    /// How far this person may go with it.
    pub level: ShareLevel,
    pub has_totp: bool,
    pub changed_on: Date,
    pub created_by: String,
    /// Why it should be changed (the names of other entries only where this person sees them).
    pub flags: Vec<SecretFlag>,
    pub updated_at: i64,
}

// The passwords and TOTP secrets stay out of debug output.
impl std::fmt::Debug for NewSecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NewSecret").field("info", &self.info).field("totp", &self.totp.is_some()).finish_non_exhaustive()
    }
}

impl std::fmt::Debug for SecretChange {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SecretChange").field("info", &self.info).field("password", &self.password.is_some()).finish_non_exhaustive()
    }
}

/// How a password leaves the vault.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Reveal {
    /// Shown on the screen (needs `view`).
    Show,
    /// Copied without being shown (needs `use`).
    Copy,
}

impl Reveal {
    fn word(self) -> &'static str {
        match self {
            Reveal::Show => "shown",
            Reveal::Copy => "copied",
        }
    }
}

/// A password taken out of the vault, and the TOTP code of the moment.
pub struct Revealed {
    pub password: Zeroizing<String>,
    pub totp_code: Option<String>,
}

impl std::fmt::Debug for Revealed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Revealed(<hidden>)")
    }
}

/// What the list shows, as it is sealed.
#[derive(Clone, Serialize, Deserialize)]
struct InfoDoc {
    name: String,
    url: Option<String>,
    username: String,
    notes: Option<String>,
    shares: Vec<String>,
    score: u8,
    fingerprint: String,
    changed_on: String,
    seen_by: Vec<String>,
    created_by: String,
    has_totp: bool,
}

/// The password and TOTP secret, as they are sealed.
#[derive(Serialize, Deserialize)]
struct SecretDoc {
    password: String,
    totp: Option<Vec<u8>>,
}

impl Drop for SecretDoc {
    fn drop(&mut self) {
        zeroize::Zeroize::zeroize(&mut self.password);
    }
}

fn aad<'a>(key: &DataKey, id: &'a Uuid, field: &'a str) -> FieldAad<'a> {
    FieldAad { record_kind: RecordKind::Secret.as_str(), field, record_id: id.as_bytes(), data_key_version: key.version() }
}

fn corrupt(what: &str) -> AppError {
    AppError::corrupt(format!("an entry of the password vault: {what}"))
}

impl InfoDoc {
    fn info(&self) -> Result<SecretInfo, AppError> {
        let shares = self.shares.iter().map(|share| Share::parse(share)).collect::<Result<Vec<_>, _>>().map_err(|_| corrupt("a share"))?;
        SecretInfo::parse(
            &self.name,
            self.url.as_deref().unwrap_or_default(),
            &self.username,
            self.notes.as_deref().unwrap_or_default(),
            shares,
        )
        .map_err(|_| corrupt("its words"))
    }

    fn changed_on(&self) -> Result<Date, AppError> {
        strongroom_domain::parse_date("changed_on", &self.changed_on).map_err(|_| corrupt("its day"))
    }
}

/// An entry opened: its row, key and what the list shows.
struct Opened {
    row: SecretRow,
    key: DataKey,
    doc: InfoDoc,
}

impl Vault {
    fn open_secret_row(&self, row: SecretRow) -> Result<Opened, AppError> {
        let key = self.keys.open_data_key(&row.data_key)?;
        let json = key.open(aad(&key, &row.id, "info"), &row.info)?;
        let doc = serde_json::from_slice(&json).map_err(|_| corrupt("what the list shows"))?;
        Ok(Opened { row, key, doc })
    }

    fn seal_info(&self, key: &DataKey, id: &Uuid, doc: &InfoDoc) -> Result<Vec<u8>, AppError> {
        let json = Zeroizing::new(serde_json::to_vec(doc).map_err(|error| AppError::corrupt(error.to_string()))?);
        Ok(key.seal(aad(key, id, "info"), &json)?)
    }

    fn seal_secret(&self, key: &DataKey, id: &Uuid, doc: &SecretDoc) -> Result<Vec<u8>, AppError> {
        let json = Zeroizing::new(serde_json::to_vec(doc).map_err(|error| AppError::corrupt(error.to_string()))?);
        Ok(key.seal(aad(key, id, "secret"), &json)?)
    }

    /// zxcvbn's score of `password` (the shop's name among the words it expects) and its keyed
    /// fingerprint, for the weak and reused flags.
    fn judge_secret(&self, password: &SecretText, username: &str) -> (u8, String) {
        let typed = strongroom_identity::Password::new(password.as_str());
        let context = strongroom_identity::PasswordContext { user_name: username, shop_name: &self.shop_name };
        let score = strongroom_identity::strength(&typed, &context).score;
        let mut input = Zeroizing::new(b"shop secret password\0".to_vec());
        input.extend_from_slice(password.as_str().as_bytes());
        (score, hex(&self.keys.request_digest.digest(&input)))
    }

    /// Adds an entry (the owner, or a manager, who then manages it); recorded.
    pub fn add_secret(&self, actor: &Actor, new: NewSecret, today: Date) -> Result<Uuid, AppError> {
        self.require(actor, Permission::SecretManage, AuditAction::SecretCreate, None)?;
        let mut tx = self.store.begin()?;
        let id = self.insert_secret(tx.as_mut(), actor, new, today)?;
        tx.commit()?;
        Ok(id)
    }

    /// Inserts an entry in `tx`, recorded (the import adds many in one transaction).
    pub(crate) fn insert_secret(&self, tx: &mut dyn Tx, actor: &Actor, new: NewSecret, today: Date) -> Result<Uuid, AppError> {
        if tx.secrets(MAX_SECRETS + 1)?.len() >= MAX_SECRETS {
            return Err(AppError::Conflict(format!("the vault keeps at most {MAX_SECRETS} entries")));
        }
        let NewSecret { mut info, password, totp } = new;
        // Whoever adds an entry manages it; the owner manages every entry anyway.
        if actor.role != Role::Owner
            && share_level(&info.shares, &actor.name, actor.role) != Some(ShareLevel::Manage)
            && let Ok(name) = strongroom_domain::StaffName::parse(&actor.name)
        {
            info.shares.push(Share { with: strongroom_domain::Sharee::Person(name), level: ShareLevel::Manage });
        }
        let (score, fingerprint) = self.judge_secret(&password, &info.username);
        let id = Uuid::now_v7();
        let (key, key_row) = self.keys.new_data_key(OwnerKind::ShopSecret, id)?;
        let doc = InfoDoc {
            name: info.name.as_str().to_owned(),
            url: info.url.clone(),
            username: info.username.clone(),
            notes: info.notes.as_ref().map(|notes| notes.as_str().to_owned()),
            shares: info.shares.iter().map(ToString::to_string).collect(),
            score,
            fingerprint,
            changed_on: today.to_string(),
            seen_by: Vec::new(),
            created_by: actor.name.clone(),
            has_totp: totp.is_some(),
        };
        let secret = SecretDoc { password: password.as_str().to_owned(), totp };
        let now = now_micros();
        let row = SecretRow {
            id,
            created_at: now,
            updated_at: now,
            info: self.seal_info(&key, &id, &doc)?,
            secret: self.seal_secret(&key, &id, &secret)?,
            data_key: key_row,
        };
        tx.insert_secret(&row)?;
        let detail = format!("shared with {}", if doc.shares.is_empty() { "the owner only".to_owned() } else { doc.shares.join(", ") });
        let event = EventDraft::new(actor, AuditAction::SecretCreate).target(RecordKind::Secret, id).detail(detail);
        self.record(tx, &[event.finish(Outcome::Allowed)])?;
        Ok(id)
    }

    /// Every entry `actor` may use, view or manage, with its flags on `today`; recorded (how
    /// many, never which).
    pub fn secrets(&self, actor: &Actor, today: Date) -> Result<Vec<SecretEntry>, AppError> {
        self.require(actor, Permission::SecretUse, AuditAction::SecretList, None)?;
        let mut tx = self.store.begin()?;
        let opened = tx.secrets(MAX_SECRETS)?.into_iter().map(|row| self.open_secret_row(row)).collect::<Result<Vec<_>, _>>()?;
        let left = self.people_who_left(tx.as_mut())?;
        let entries = self.entries_for(actor, &opened, today, &left)?;
        let event = EventDraft::new(actor, AuditAction::SecretList).detail(format!("{} entries", entries.len()));
        self.record(tx.as_mut(), &[event.finish(Outcome::Allowed)])?;
        tx.commit()?;
        Ok(entries)
    }

    /// The entries `actor` may use and that should be changed (weak, reused, old, seen by
    /// someone who left); recorded as a list.
    pub fn secrets_due(&self, actor: &Actor, today: Date) -> Result<Vec<SecretEntry>, AppError> {
        Ok(self.secrets(actor, today)?.into_iter().filter(|entry| !entry.flags.is_empty()).collect())
    }

    /// The names of staff accounts that are disabled: people who have left.
    fn people_who_left(&self, tx: &mut dyn Tx) -> Result<Vec<String>, AppError> {
        // A row that fails its check counts as it reads: a tampered account is flagged elsewhere.
        Ok(self.all_staff_checked(tx)?.into_iter().filter(|checked| checked.row.disabled).map(|checked| checked.row.username).collect())
    }

    fn entries_for(&self, actor: &Actor, opened: &[Opened], today: Date, left: &[String]) -> Result<Vec<SecretEntry>, AppError> {
        let facts: Vec<SecretFacts> = opened
            .iter()
            .map(|entry| {
                Ok(SecretFacts {
                    name: entry.doc.name.clone(),
                    score: entry.doc.score,
                    fingerprint: entry.doc.fingerprint.as_bytes().to_vec(),
                    changed_on: entry.doc.changed_on()?,
                    seen_by: entry.doc.seen_by.clone(),
                })
            })
            .collect::<Result<_, AppError>>()?;
        let left: Vec<&str> = left.iter().map(String::as_str).collect();
        let flags = secret_flags(&facts, today, &left);
        let mut entries = Vec::new();
        let mut visible = Vec::new();
        for (entry, flags) in opened.iter().zip(flags) {
            let info = entry.doc.info()?;
            let Some(level) = share_level(&info.shares, &actor.name, actor.role) else { continue };
            visible.push(entry.doc.name.clone());
            entries.push(SecretEntry {
                id: entry.row.id,
                info,
                level,
                has_totp: entry.doc.has_totp,
                changed_on: entry.doc.changed_on()?,
                created_by: entry.doc.created_by.clone(),
                flags,
                updated_at: entry.row.updated_at,
            });
        }
        // Another entry's name is only told to whoever may see that entry.
        for entry in &mut entries {
            for flag in &mut entry.flags {
                if let SecretFlag::Reused(others) = flag {
                    others.retain(|name| visible.contains(name));
                }
            }
        }
        Ok(entries)
    }

    /// Opens one entry for `actor`, needing at least `level`; refused (and recorded) otherwise.
    fn secret_for(&self, tx: &mut dyn Tx, actor: &Actor, id: Uuid, level: ShareLevel, action: AuditAction) -> Result<Opened, AppError> {
        let row = tx.secret(id)?.ok_or(AppError::NotFound("password"))?;
        let opened = self.open_secret_row(row)?;
        let info = opened.doc.info()?;
        if share_level(&info.shares, &actor.name, actor.role).is_none_or(|has| has < level) {
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

    /// Shows or copies an entry's password (`view` to show, `use` to copy), with the TOTP code of
    /// the moment; recorded against the entry, and the person remembered in it until the
    /// password changes.
    pub fn reveal_secret(&self, actor: &Actor, id: Uuid, how: Reveal) -> Result<Revealed, AppError> {
        self.require(actor, Permission::SecretUse, AuditAction::SecretReveal, None)?;
        let needs = if how == Reveal::Show { ShareLevel::View } else { ShareLevel::Use };
        let mut tx = self.store.begin()?;
        let Opened { row, key, mut doc } = match self.secret_for(tx.as_mut(), actor, id, needs, AuditAction::SecretReveal) {
            Ok(opened) => opened,
            Err(denied @ AppError::Denied { .. }) => {
                tx.commit()?;
                return Err(denied);
            }
            Err(other) => return Err(other),
        };
        let json = Zeroizing::new(key.open(aad(&key, &id, "secret"), &row.secret)?.to_vec());
        let secret: SecretDoc = serde_json::from_slice(&json).map_err(|_| corrupt("its password"))?;
        if !doc.seen_by.contains(&actor.name) {
            doc.seen_by.push(actor.name.clone());
            let changed =
                SecretRow { info: self.seal_info(&key, &id, &doc)?, updated_at: now_micros().max(row.updated_at + 1), ..row.clone() };
            if !tx.update_secret(&changed, row.updated_at)? {
                return Err(AppError::Conflict("the entry changed meanwhile: try again".into()));
            }
        }
        let event = EventDraft::new(actor, AuditAction::SecretReveal).target(RecordKind::Secret, id).detail(how.word());
        self.record(tx.as_mut(), &[event.finish(Outcome::Allowed)])?;
        tx.commit()?;
        let totp_code = secret
            .totp
            .as_ref()
            .map(|bytes| strongroom_identity::TotpSecret::from_bytes(bytes).code_at(time::OffsetDateTime::now_utc().unix_timestamp()));
        Ok(Revealed { password: Zeroizing::new(secret.password.clone()), totp_code })
    }

    /// Changes an entry as it was read (`read_at`), needing `manage`; a new password starts its
    /// age and forgets who saw the old one. Recorded.
    pub fn update_secret(&self, actor: &Actor, id: Uuid, change: SecretChange, read_at: i64, today: Date) -> Result<(), AppError> {
        self.require(actor, Permission::SecretUse, AuditAction::SecretUpdate, None)?;
        let mut tx = self.store.begin()?;
        let Opened { row, key, mut doc } = match self.secret_for(tx.as_mut(), actor, id, ShareLevel::Manage, AuditAction::SecretUpdate) {
            Ok(opened) => opened,
            Err(denied @ AppError::Denied { .. }) => {
                tx.commit()?;
                return Err(denied);
            }
            Err(other) => return Err(other),
        };
        if row.updated_at != read_at {
            return Err(AppError::Conflict("the entry was changed since it was opened: look at it again".into()));
        }
        let json = Zeroizing::new(key.open(aad(&key, &id, "secret"), &row.secret)?.to_vec());
        let mut secret: SecretDoc = serde_json::from_slice(&json).map_err(|_| corrupt("its password"))?;
        let mut changes = Vec::new();
        if let Some(password) = change.password.filter(|password| password.as_str() != secret.password) {
            let (score, fingerprint) = self.judge_secret(&password, &change.info.username);
            (doc.score, doc.fingerprint, doc.changed_on, doc.seen_by) = (score, fingerprint, today.to_string(), Vec::new());
            secret.password = password.as_str().to_owned();
            changes.push("password changed".to_owned());
        }
        if let Some(totp) = change.totp {
            doc.has_totp = totp.is_some();
            secret.totp = totp;
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
        let changed = SecretRow {
            info: self.seal_info(&key, &id, &doc)?,
            secret: self.seal_secret(&key, &id, &secret)?,
            updated_at: now_micros().max(row.updated_at + 1),
            ..row.clone()
        };
        if !tx.update_secret(&changed, read_at)? {
            return Err(AppError::Conflict("the entry was changed since it was opened: look at it again".into()));
        }
        let detail = if changes.is_empty() { "words changed".to_owned() } else { changes.join("; ") };
        self.record(
            tx.as_mut(),
            &[EventDraft::new(actor, AuditAction::SecretUpdate).target(RecordKind::Secret, id).detail(detail).finish(Outcome::Allowed)],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Removes an entry as it was read (`None` from the CLI), needing `manage`; its key is
    /// destroyed with it. Recorded.
    pub fn delete_secret(&self, actor: &Actor, id: Uuid, read_at: Option<i64>) -> Result<(), AppError> {
        self.require(actor, Permission::SecretUse, AuditAction::SecretUpdate, None)?;
        let mut tx = self.store.begin()?;
        let opened = match self.secret_for(tx.as_mut(), actor, id, ShareLevel::Manage, AuditAction::SecretUpdate) {
            Ok(opened) => opened,
            Err(denied @ AppError::Denied { .. }) => {
                tx.commit()?;
                return Err(denied);
            }
            Err(other) => return Err(other),
        };
        if read_at.is_some_and(|read_at| read_at != opened.row.updated_at) {
            return Err(AppError::Conflict("the entry was changed since it was opened: look at it again".into()));
        }
        tx.delete_secret(id)?;
        self.record(
            tx.as_mut(),
            &[EventDraft::new(actor, AuditAction::SecretUpdate).target(RecordKind::Secret, id).detail("removed").finish(Outcome::Allowed)],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// The entries `name` could use (shared with them or their role) or has seen since their
    /// last change: what to change when they leave. The owner's; recorded as a list.
    pub fn secrets_of_person(&self, actor: &Actor, name: &str, today: Date) -> Result<Vec<SecretEntry>, AppError> {
        self.require(actor, Permission::StaffManage, AuditAction::SecretList, None)?;
        let mut tx = self.store.begin()?;
        let role =
            self.all_staff_checked(tx.as_mut())?.into_iter().find(|checked| checked.row.username == name).map(|checked| checked.row.role);
        let opened = tx.secrets(MAX_SECRETS)?.into_iter().map(|row| self.open_secret_row(row)).collect::<Result<Vec<_>, _>>()?;
        let left = self.people_who_left(tx.as_mut())?;
        let owner = Actor { role: Role::Owner, ..actor.clone() };
        let all = self.entries_for(&owner, &opened, today, &left)?;
        let theirs: Vec<SecretEntry> = all
            .into_iter()
            .zip(&opened)
            .filter(|(entry, opened)| {
                let shared = role.is_some_and(|role| role != Role::Owner && share_level(&entry.info.shares, name, role).is_some());
                shared || opened.doc.seen_by.iter().any(|seen| seen == name)
            })
            .map(|(entry, _)| entry)
            .collect();
        let event = EventDraft::new(actor, AuditAction::SecretList).detail(format!("{} entries {name} could use", theirs.len()));
        self.record(tx.as_mut(), &[event.finish(Outcome::Allowed)])?;
        tx.commit()?;
        Ok(theirs)
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}
