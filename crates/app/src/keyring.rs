//! Creating, unlocking and rotating the vault's keys.
//!
//! `init` writes the keyring into the store: master key version 1 wrapped by the shop key, and
//! the blind-index root wrapped by the master key. `open` unwraps every master key version
//! still present (a wrong shop key fails here, before anything is read or written). Rotation
//! adds a version and re-wraps every data key in batches, each batch its own transaction, so an
//! interrupted rotation is resumed by running it again.

use std::collections::BTreeMap;
use std::fmt;

use strongroom_audit::VerifierKey;
use strongroom_crypto::{
    AccessKey, BlindIndexKey, BlindIndexRoot, CryptoError, DataKey, FieldAad, KdfParams, KeyOwner, LogSigningKey, MasterKey, Passphrase,
    RequestDigestKey, ShopKey, WrappedDataKey,
};
use strongroom_domain::{Actor, AuditAction, Field, Outcome, Permission, RecordKind};
use strongroom_store::{DataKeyRow, KeyProtection, KeyringMeta, MasterKeyRow, MasterKeyState, OwnerKind, Store};
use uuid::Uuid;

use crate::customers::exact::ExactWidth;
use crate::trail::draft::EventDraft;
use crate::{AppError, Vault, VaultSettings, now_micros};

/// How the shop proves it holds the key.
pub enum KeySource {
    /// The text of a key file written by `init`.
    KeyFile(zeroize::Zeroizing<String>),
    Passphrase(Passphrase),
}

impl fmt::Debug for KeySource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            KeySource::KeyFile(_) => f.write_str("KeySource::KeyFile(<secret>)"),
            KeySource::Passphrase(_) => f.write_str("KeySource::Passphrase(<secret>)"),
        }
    }
}

/// Blind-index ids as stored; fixed forever, as they are part of each stored entry.
pub(crate) const INDEX_EMAIL: u16 = 1;
pub(crate) const INDEX_PHONE: u16 = 2;
/// Whole name words. Written until a name search by the starts of words replaced what they
/// were for; read by nothing since, and no longer written (a customer's are deleted when their
/// record is next written or erased). The id stays reserved.
#[cfg_attr(not(test), expect(dead_code, reason = "reserved: entries stored by older versions carry it"))]
pub(crate) const INDEX_NAME_TOKEN: u16 = 3;
/// The starts of each name word (two to six letters), for finding people by what they typed.
pub(crate) const INDEX_NAME_PREFIX: u16 = 4;
/// The one-time upgrade that gives customers stored before the name-prefix index their entries.
pub(crate) const NAME_PREFIX_UPGRADE: &str = "name_prefix_index";

/// The master key versions of an open vault and which one wraps new data keys.
struct MasterKeys {
    versions: BTreeMap<u32, MasterKey>,
    active: u32,
}

impl MasterKeys {
    fn active(&self) -> &MasterKey {
        &self.versions[&self.active]
    }

    /// Opens a stored data key with whichever master key version wrapped it.
    fn open_data_key(&self, row: &DataKeyRow) -> Result<DataKey, AppError> {
        let master = self.versions.get(&row.master_version).ok_or_else(|| {
            AppError::corrupt(format!("a data key is wrapped by master key version {}, which is gone", row.master_version))
        })?;
        let wrapped =
            WrappedDataKey { master_version: row.master_version, data_key_version: row.data_key_version, ciphertext: row.wrapped.clone() };
        master.unwrap_data_key(owner(row.owner_kind, &row.owner_id), &wrapped).map_err(|_| AppError::corrupt("a data key does not unwrap"))
    }
}

/// The keys of an open vault, in memory only. The shop key is kept so that a rotation can wrap
/// a new master key version; it protects nothing the master keys beside it do not.
pub(crate) struct UnlockedKeyring {
    pub(crate) shop_key: ShopKey,
    masters: MasterKeys,
    pub(crate) email_index: BlindIndexKey,
    pub(crate) phone_index: BlindIndexKey,
    pub(crate) name_prefix_index: BlindIndexKey,
    /// The width new email and phone entries are written at (`customers/exact.rs`).
    pub(crate) exact_width: ExactWidth,
    /// Digests of API create requests, to recognise a retry under the same `Idempotency-Key`.
    pub(crate) request_digest: RequestDigestKey,
    /// Fingerprints of the password vault's passwords, to tell reuse without comparing them.
    pub(crate) secret_fingerprint: RequestDigestKey,
    pub(crate) log_key: LogSigningKey,
    pub(crate) log_verifier: VerifierKey,
    /// Seals staff members' TOTP secrets.
    pub(crate) staff_key: DataKey,
    /// MACs the secrets and rows that grant access (derived from the staff key).
    pub(crate) access: AccessKey,
}

impl fmt::Debug for UnlockedKeyring {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "UnlockedKeyring(active version {}, {} versions)", self.masters.active, self.masters.versions.len())
    }
}

const INDEX_ROOT_ID: Uuid = Uuid::nil();
const LOG_KEY_ID: Uuid = Uuid::nil();
const STAFF_KEY_ID: Uuid = Uuid::nil();

/// The log's signing key from its stored seed, and the verifier key outsiders check notes with.
/// The key name (and checkpoint origin) is derived from the public key, so it is unique per vault.
fn log_keys(seed: &DataKey) -> Result<(LogSigningKey, VerifierKey), AppError> {
    let key = LogSigningKey::from_data_key(seed)?;
    let public = key.public_key();
    let digest = aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA256, &public);
    let suffix: String = digest.as_ref()[..8].iter().map(|byte| format!("{byte:02x}")).collect();
    let verifier =
        VerifierKey::new(&format!("strongroom.local/audit/{suffix}"), public).map_err(|error| AppError::corrupt(error.to_string()))?;
    Ok((key, verifier))
}

fn owner(kind: OwnerKind, id: &Uuid) -> KeyOwner<'_> {
    KeyOwner { kind: kind.as_str(), id: id.as_bytes() }
}

impl UnlockedKeyring {
    /// A fresh data key for a new record, and its wrapped row.
    pub(crate) fn new_data_key(&self, kind: OwnerKind, id: Uuid) -> Result<(DataKey, DataKeyRow), AppError> {
        let data_key = DataKey::generate(1)?;
        let wrapped = self.masters.active().wrap_data_key(owner(kind, &id), &data_key)?;
        Ok((data_key, data_key_row(kind, id, wrapped)))
    }

    pub(crate) fn open_data_key(&self, row: &DataKeyRow) -> Result<DataKey, AppError> {
        self.masters.open_data_key(row)
    }
}

impl UnlockedKeyring {
    /// The keyring of an open vault from its master keys and the vault-wide keys below them:
    /// everything else is derived from those.
    fn derive(
        shop_key: ShopKey,
        masters: MasterKeys,
        root_key: &DataKey,
        log_seed: &DataKey,
        staff_key: DataKey,
    ) -> Result<Self, AppError> {
        let IndexKeys { email_index, phone_index, name_prefix_index, request_digest, secret_fingerprint } = index_keys(root_key)?;
        let (log_key, log_verifier) = log_keys(log_seed)?;
        let access = AccessKey::from_data_key(&staff_key)?;
        Ok(UnlockedKeyring {
            shop_key,
            masters,
            email_index,
            phone_index,
            name_prefix_index,
            exact_width: ExactWidth::default(),
            request_digest,
            secret_fingerprint,
            log_key,
            log_verifier,
            staff_key,
            access,
        })
    }
}

/// Host secrets have no record id: the nil id, and their name as the field.
fn host_secret_aad(name: &str, version: u32) -> FieldAad<'_> {
    const NO_RECORD: [u8; 16] = [0; 16];
    FieldAad { record_kind: "host_file", field: name, record_id: &NO_RECORD, data_key_version: version }
}

fn data_key_row(kind: OwnerKind, id: Uuid, wrapped: WrappedDataKey) -> DataKeyRow {
    DataKeyRow {
        owner_kind: kind,
        owner_id: id,
        data_key_version: wrapped.data_key_version,
        master_version: wrapped.master_version,
        wrapped: wrapped.ciphertext,
    }
}

/// The shop key from what the shop gave, for a vault (or a backup) protected as `protection` says.
pub(crate) fn shop_key(protection: &KeyProtection, source: &KeySource) -> Result<ShopKey, AppError> {
    match (protection, source) {
        (KeyProtection::KeyFile, KeySource::KeyFile(text)) => Ok(ShopKey::from_key_file(text)?),
        (KeyProtection::Passphrase { kdf }, KeySource::Passphrase(passphrase)) => {
            let params = KdfParams::decode(kdf).map_err(|_| AppError::corrupt("the keyring's passphrase parameters"))?;
            Ok(ShopKey::from_passphrase(passphrase, &params)?)
        }
        (KeyProtection::KeyFile, KeySource::Passphrase(_)) => Err(AppError::WrongKeyKind { expected: "a key file (--key-file)" }),
        (KeyProtection::Passphrase { .. }, KeySource::KeyFile(_)) => {
            Err(AppError::WrongKeyKind { expected: "a passphrase (--passphrase-file or the prompt)" })
        }
    }
}

/// The keys derived from the blind-index root.
struct IndexKeys {
    email_index: BlindIndexKey,
    phone_index: BlindIndexKey,
    name_prefix_index: BlindIndexKey,
    request_digest: RequestDigestKey,
    secret_fingerprint: RequestDigestKey,
}

fn index_keys(root_key: &DataKey) -> Result<IndexKeys, AppError> {
    let root = BlindIndexRoot::from_data_key(root_key);
    let table = "customer";
    Ok(IndexKeys {
        email_index: root.index_key(table, Field::CustomerEmail.name(), "exact")?,
        phone_index: root.index_key(table, Field::CustomerPhone.name(), "exact")?,
        name_prefix_index: root.index_key(table, Field::CustomerName.name(), "prefix")?,
        request_digest: RequestDigestKey::from_root(&root)?,
        secret_fingerprint: RequestDigestKey::password_fingerprints(&root)?,
    })
}

/// Options fixed when a vault is created.
#[derive(Debug, Clone, Copy, Default)]
pub struct InitOptions {
    /// A demo vault may print demo-only conveniences (later: current TOTP codes).
    pub demo: bool,
    /// Makes the vault as a Strongroom before access rows carried MACs did (its creation event
    /// names no target), so tests can check the one-time upgrade of such a store.
    #[doc(hidden)]
    pub as_before_access_macs: bool,
}

impl Vault {
    /// Creates the keyring in an empty store and returns the open vault.
    pub fn init(
        store: Box<dyn Store>,
        source: &KeySource,
        options: InitOptions,
        settings: VaultSettings,
        actor: &Actor,
    ) -> Result<Vault, AppError> {
        let (protection, shop_key) = match source {
            KeySource::KeyFile(text) => (KeyProtection::KeyFile, ShopKey::from_key_file(text)?),
            KeySource::Passphrase(passphrase) => {
                passphrase.check_new()?;
                let params = KdfParams::generate()?;
                let key = ShopKey::from_passphrase(passphrase, &params)?;
                (KeyProtection::Passphrase { kdf: params.encode() }, key)
            }
        };
        let now = now_micros();
        let master = MasterKey::generate(1)?;
        let root_key = DataKey::generate(1)?;
        let root_row = data_key_row(
            OwnerKind::BlindIndexRoot,
            INDEX_ROOT_ID,
            master.wrap_data_key(owner(OwnerKind::BlindIndexRoot, &INDEX_ROOT_ID), &root_key)?,
        );
        let log_seed = DataKey::generate(1)?;
        let log_row =
            data_key_row(OwnerKind::AuditLogKey, LOG_KEY_ID, master.wrap_data_key(owner(OwnerKind::AuditLogKey, &LOG_KEY_ID), &log_seed)?);
        let staff_key = DataKey::generate(1)?;
        let staff_row = data_key_row(
            OwnerKind::StaffSecrets,
            STAFF_KEY_ID,
            master.wrap_data_key(owner(OwnerKind::StaffSecrets, &STAFF_KEY_ID), &staff_key)?,
        );
        let wrapped_master = shop_key.wrap_master_key(&master)?;
        let masters = MasterKeys { versions: BTreeMap::from([(1, master)]), active: 1 };
        let keys = UnlockedKeyring::derive(shop_key, masters, &root_key, &log_seed, staff_key)?;
        let vault = Vault::assemble(store, keys, settings, options.demo, None);
        {
            let mut tx = vault.store.begin()?;
            if tx.keyring_meta()?.is_some() {
                return Err(AppError::AlreadyInitialised);
            }
            let meta =
                KeyringMeta { protection, blind_index_bits: strongroom_crypto::BLIND_INDEX_BITS, demo: options.demo, created_at: now };
            tx.insert_keyring_meta(&meta)?;
            tx.insert_master_key(&MasterKeyRow { version: 1, wrapped: wrapped_master, state: MasterKeyState::Active, created_at: now })?;
            tx.insert_data_keys(&[root_row, log_row, staff_row])?;
            // The vault is the event's target: that says its access rows carry MACs from the
            // start, so none is ever keyed by the upgrade for older stores (`access_rows.rs`).
            let mut event = EventDraft::new(actor, AuditAction::VaultInit);
            if !options.as_before_access_macs {
                event = event.target(RecordKind::Vault, Uuid::nil());
            }
            let event = event.detail(if options.demo { "demo vault" } else { "vault created" });
            vault.record(tx.as_mut(), &[event.finish(Outcome::Allowed)])?;
            // A new vault indexes every customer's name prefixes from the start.
            tx.mark_upgrade_done(NAME_PREFIX_UPGRADE, now)?;
            tx.commit()?;
        }
        Ok(vault)
    }

    /// Opens an initialised vault; a wrong key fails here, before anything is read or written.
    /// A purge an erasure still owes (its process stopped first) is finished here; one that
    /// cannot finish yet stays owed and does not stop the opening.
    pub fn open(store: Box<dyn Store>, source: &KeySource, settings: VaultSettings) -> Result<Vault, AppError> {
        let vault = Vault::open_as(store, |meta| shop_key(&meta.protection, source), settings)?;
        let _still_owed = vault.retry_purge();
        Ok(vault)
    }

    /// A copy of this vault's shop key, to open a restored copy of it (a restore drill).
    pub(crate) fn shop_key_copy(&self) -> ShopKey {
        self.keys.shop_key.duplicate()
    }

    /// Opens an initialised vault with the shop key `key` makes from its keyring's protection.
    pub(crate) fn open_as(
        store: Box<dyn Store>,
        key: impl FnOnce(&KeyringMeta) -> Result<ShopKey, AppError>,
        settings: VaultSettings,
    ) -> Result<Vault, AppError> {
        let (keys, demo, last_checkpoint) = {
            let mut tx = store.begin()?;
            let meta = tx.keyring_meta()?.ok_or(AppError::NotInitialised)?;
            if meta.blind_index_bits != strongroom_crypto::BLIND_INDEX_BITS {
                return Err(AppError::corrupt("the vault's blind indexes use another truncation than this Strongroom"));
            }
            let shop_key = key(&meta)?;
            let mut versions = BTreeMap::new();
            let mut active = None;
            for row in tx.master_keys()? {
                let master = shop_key.unwrap_master_key(row.version, &row.wrapped).map_err(|error| match error {
                    CryptoError::WrongKey => AppError::WrongKey,
                    other => AppError::Crypto(other),
                })?;
                if row.state == MasterKeyState::Active {
                    active = Some(row.version);
                }
                versions.insert(row.version, master);
            }
            let active = active.ok_or_else(|| AppError::corrupt("the keyring has no active master key"))?;
            let masters = MasterKeys { versions, active };
            let root_row = tx
                .data_key(OwnerKind::BlindIndexRoot, INDEX_ROOT_ID)?
                .ok_or_else(|| AppError::corrupt("the blind-index root key is missing"))?;
            let root_key = masters.open_data_key(&root_row)?;
            let log_seed = match tx.data_key(OwnerKind::AuditLogKey, LOG_KEY_ID)? {
                Some(row) => masters.open_data_key(&row)?,
                // A log that was signed before cannot get a new key quietly: that would let
                // whoever deleted the key row sign a rewritten log as if nothing had happened.
                None if !tx.checkpoints()?.is_empty() => {
                    return Err(AppError::corrupt(
                        "the audit log's signing key is missing although the log has signed checkpoints; restore it from a backup",
                    ));
                }
                None => {
                    // A vault made before the log was signed gets its key on first open.
                    let seed = DataKey::generate(1)?;
                    let wrapped = masters.active().wrap_data_key(owner(OwnerKind::AuditLogKey, &LOG_KEY_ID), &seed)?;
                    tx.insert_data_keys(&[data_key_row(OwnerKind::AuditLogKey, LOG_KEY_ID, wrapped)])?;
                    seed
                }
            };
            let staff_key = match tx.data_key(OwnerKind::StaffSecrets, STAFF_KEY_ID)? {
                Some(row) => masters.open_data_key(&row)?,
                // A vault made before staff accounts existed gets its key on first open.
                None => {
                    let key = DataKey::generate(1)?;
                    let wrapped = masters.active().wrap_data_key(owner(OwnerKind::StaffSecrets, &STAFF_KEY_ID), &key)?;
                    tx.insert_data_keys(&[data_key_row(OwnerKind::StaffSecrets, STAFF_KEY_ID, wrapped)])?;
                    key
                }
            };
            let last_checkpoint = tx.checkpoints()?.last().map(|checkpoint| (checkpoint.size, checkpoint.at_unix_micros));
            let customers = tx.count_customers()?;
            tx.commit()?;
            let keys = UnlockedKeyring::derive(shop_key, masters, &root_key, &log_seed, staff_key)?;
            keys.exact_width.set_for(customers);
            (keys, meta.demo, last_checkpoint)
        };
        let vault = Vault::assemble(store, keys, settings, demo, last_checkpoint);
        vault.load_security_policy()?;
        vault.key_older_access_rows()?;
        vault.index_older_names()?;
        Ok(vault)
    }

    /// Seals a secret this server keeps in a file beside the vault (the TLS private key of its
    /// self-signed certificate), under the vault's staff-secrets key, bound to `name`: a copied
    /// data directory holds it only sealed, and only the shop key opens it.
    pub fn seal_host_secret(&self, name: &str, secret: &[u8]) -> Result<Vec<u8>, AppError> {
        let key = &self.keys.staff_key;
        Ok(key.seal(host_secret_aad(name, key.version()), secret)?)
    }

    /// Opens what [`Vault::seal_host_secret`] sealed under the same `name`.
    pub fn open_host_secret(&self, name: &str, sealed: &[u8]) -> Result<zeroize::Zeroizing<Vec<u8>>, AppError> {
        let key = &self.keys.staff_key;
        key.open(host_secret_aad(name, key.version()), sealed).map_err(|_| AppError::corrupt(format!("the sealed {name} does not open")))
    }

    /// The keyring at a glance: versions, how many data keys each wraps, and what to do next.
    pub fn keys_status(&self, actor: &Actor) -> Result<KeyStatus, AppError> {
        self.require(actor, Permission::KeysManage, AuditAction::KeysStatus, None)?;
        let mut tx = self.store.begin()?;
        let meta = tx.keyring_meta()?.ok_or(AppError::NotInitialised)?;
        let counts: BTreeMap<u32, u64> = tx.data_key_counts()?.into_iter().collect();
        let versions = tx
            .master_keys()?
            .into_iter()
            .map(|row| MasterKeyStatus {
                version: row.version,
                active: row.state == MasterKeyState::Active,
                created_at_micros: row.created_at,
                data_keys: counts.get(&row.version).copied().unwrap_or(0),
            })
            .collect();
        self.record(tx.as_mut(), &[EventDraft::new(actor, AuditAction::KeysStatus).finish(Outcome::Allowed)])?;
        tx.commit()?;
        Ok(KeyStatus {
            protection: match meta.protection {
                KeyProtection::KeyFile => "key_file",
                KeyProtection::Passphrase { .. } => "passphrase",
            },
            aead: "AES-256-GCM-SIV",
            blind_index_bits: meta.blind_index_bits,
            exact_lookup_bits: self.keys.exact_width.bits(),
            versions,
        })
    }

    /// Adds a master key version (unless a rotation is unfinished) and re-wraps every data key
    /// under it in batches of `batch_size`, reporting progress as (done, total).
    pub fn rotate_master_key(
        &mut self,
        actor: &Actor,
        batch_size: usize,
        progress: &mut dyn FnMut(u64, u64),
    ) -> Result<RotationReport, AppError> {
        self.require(actor, Permission::KeysManage, AuditAction::KeysRotate, None)?;
        self.require_step_up(actor, AuditAction::KeysRotate, None)?;
        let batch_size = batch_size.max(1);
        let (target, total, resumed) = {
            let mut tx = self.store.begin()?;
            let counts = tx.data_key_counts()?;
            let active = self.keys.masters.active;
            let outstanding: u64 = counts.iter().filter(|(version, _)| *version < active).map(|(_, n)| n).sum();
            if outstanding > 0 {
                // An earlier rotation was interrupted: finish it instead of starting another.
                self.record(
                    tx.as_mut(),
                    &[EventDraft::new(actor, AuditAction::KeysRotate)
                        .detail(format!("resuming rotation to version {active}"))
                        .finish(Outcome::Allowed)],
                )?;
                tx.commit()?;
                (active, outstanding, true)
            } else {
                let next = self.keys.masters.versions.keys().max().copied().unwrap_or(0) + 1;
                let master = MasterKey::generate(next)?;
                let wrapped = self.keys.shop_key.wrap_master_key(&master)?;
                tx.set_master_key_state(active, MasterKeyState::Previous)?;
                tx.insert_master_key(&MasterKeyRow { version: next, wrapped, state: MasterKeyState::Active, created_at: now_micros() })?;
                let total: u64 = counts.iter().map(|(_, n)| n).sum();
                self.record(
                    tx.as_mut(),
                    &[EventDraft::new(actor, AuditAction::KeysRotate)
                        .detail(format!("new master key version {next}; re-wrapping {total} data keys"))
                        .finish(Outcome::Allowed)],
                )?;
                tx.commit()?;
                self.keys.masters.versions.insert(next, master);
                self.keys.masters.active = next;
                (next, total, false)
            }
        };
        let mut done = 0u64;
        progress(done, total);
        loop {
            let mut tx = self.store.begin()?;
            let batch = tx.data_keys_older_than(target, batch_size)?;
            if batch.is_empty() {
                break;
            }
            let target_master = &self.keys.masters.versions[&target];
            let rewrapped = batch
                .iter()
                .map(|row| {
                    let data_key = self.keys.open_data_key(row)?;
                    let wrapped = target_master.wrap_data_key(owner(row.owner_kind, &row.owner_id), &data_key)?;
                    Ok(data_key_row(row.owner_kind, row.owner_id, wrapped))
                })
                .collect::<Result<Vec<_>, AppError>>()?;
            tx.update_data_key_wraps(&rewrapped)?;
            tx.commit()?;
            done += rewrapped.len() as u64;
            progress(done, total.max(done));
        }
        let mut tx = self.store.begin()?;
        self.record(
            tx.as_mut(),
            &[EventDraft::new(actor, AuditAction::KeysRotate)
                .detail(format!("master key version {target} now wraps every data key ({done} re-wrapped)"))
                .finish(Outcome::Allowed)],
        )?;
        tx.commit()?;
        Ok(RotationReport { active_version: target, rewrapped: done, resumed })
    }

    /// Deletes master key versions that no longer wrap any data key. Backups taken before the
    /// rotation still need the old version: retire only once those backups have expired.
    pub fn retire_master_keys(&mut self, actor: &Actor) -> Result<Vec<u32>, AppError> {
        self.require(actor, Permission::KeysManage, AuditAction::KeysRetire, None)?;
        self.require_step_up(actor, AuditAction::KeysRetire, None)?;
        let mut tx = self.store.begin()?;
        let in_use: BTreeMap<u32, u64> = tx.data_key_counts()?.into_iter().collect();
        let mut retired = Vec::new();
        for row in tx.master_keys()? {
            if row.state == MasterKeyState::Previous && !in_use.contains_key(&row.version) {
                tx.delete_master_key(row.version)?;
                retired.push(row.version);
            }
        }
        let detail = if retired.is_empty() { "no version could be retired".to_owned() } else { format!("retired versions {retired:?}") };
        self.record(tx.as_mut(), &[EventDraft::new(actor, AuditAction::KeysRetire).detail(detail).finish(Outcome::Allowed)])?;
        tx.commit()?;
        for version in &retired {
            self.keys.masters.versions.remove(version);
        }
        Ok(retired)
    }
}

/// One master key version in `keys status`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MasterKeyStatus {
    pub version: u32,
    pub active: bool,
    pub created_at_micros: i64,
    pub data_keys: u64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyStatus {
    pub protection: &'static str,
    pub aead: &'static str,
    pub blind_index_bits: u32,
    /// The width new email and phone entries are written at, for the shop's size (at least
    /// `blind_index_bits`).
    pub exact_lookup_bits: u32,
    pub versions: Vec<MasterKeyStatus>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RotationReport {
    pub active_version: u32,
    pub rewrapped: u64,
    pub resumed: bool,
}
