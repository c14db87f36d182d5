//! The recovery kit: the shop key on paper, for the safe. A key file lost with its disk, and no
//! copy, loses every record and every backup; the kit is the copy that cannot be hacked.

use strongroom_domain::{Actor, AuditAction, Outcome, Permission, RecordKind};
use strongroom_store::KeyProtection;
use uuid::Uuid;
use zeroize::Zeroizing;

use crate::trail::draft::EventDraft;
use crate::{AppError, Vault, now_micros};

/// What the kit shows.
#[derive(Debug)]
pub struct RecoveryKit {
    pub shop: String,
    pub made_at_unix_micros: i64,
    /// The key, for a key-file vault; `None` for a passphrase vault (the kit then holds no secret).
    pub secret: Option<KitSecret>,
}

/// The shop key as the kit writes it.
pub struct KitSecret {
    /// The key in checked groups of five characters, to copy and type back.
    pub groups: Vec<Zeroizing<String>>,
    /// The key file's key line, for the QR code.
    pub key_line: Zeroizing<String>,
}

impl std::fmt::Debug for KitSecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("KitSecret(<secret>)")
    }
}

impl Vault {
    /// The shop key for the paper kit: the owner only, after confirming it is them, and recorded.
    pub fn recovery_kit(&self, actor: &Actor) -> Result<RecoveryKit, AppError> {
        let target = Some((RecordKind::Vault, Uuid::nil()));
        self.require(actor, Permission::KeysManage, AuditAction::KeysRecoveryKit, target)?;
        self.require_step_up(actor, AuditAction::KeysRecoveryKit, target)?;
        let mut tx = self.store.begin()?;
        let protection = tx.keyring_meta()?.ok_or(AppError::NotInitialised)?.protection;
        let secret = match protection {
            KeyProtection::Passphrase { .. } => None,
            KeyProtection::KeyFile => {
                let text = self.keys.shop_key.key_file_text();
                let key_line = text.lines().find(|line| line.starts_with("strongroom-shop-key-v1 ")).unwrap_or_default();
                Some(KitSecret { groups: self.keys.shop_key.recovery_groups(), key_line: Zeroizing::new(key_line.to_owned()) })
            }
        };
        let detail =
            if secret.is_some() { "the shop key written out for the paper kit" } else { "a kit for a passphrase vault (no secret in it)" };
        let event = EventDraft::new(actor, AuditAction::KeysRecoveryKit).target(RecordKind::Vault, Uuid::nil()).detail(detail);
        self.record(tx.as_mut(), &[event.finish(Outcome::Allowed)])?;
        tx.commit()?;
        Ok(RecoveryKit { shop: self.shop_name().to_owned(), made_at_unix_micros: now_micros(), secret })
    }
}

/// The text of a key file from the groups typed from a kit, or where the typing went wrong.
pub fn recover_key_file(typed: &str) -> Result<Zeroizing<String>, strongroom_crypto::RecoveryProblem> {
    Ok(strongroom_crypto::ShopKey::from_recovery_groups(typed)?.key_file_text())
}
