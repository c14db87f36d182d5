//! The shop's outgoing mail: its settings, sealed under the staff-secrets key (the account's
//! password with them), a test message, and the outbox (`outbox.rs`) that hands alerts and
//! customers' letters to the shop's mail server one at a time, never one twice.

mod outbox;
mod smtp;

pub use self::outbox::{Delivery, HANDING_GRACE_SECONDS, MailChange, MailKind, MailState, Outbox, OutboxEntry};
pub(crate) use self::outbox::{Sealed, sealed_row};

use serde::{Deserialize, Serialize};
use strongroom_crypto::FieldAad;
use strongroom_domain::{Actor, AuditAction, EmailAddress, MailHost, MailSecurity, MailSettings, Outcome, Permission};
use strongroom_store::Tx;
use time::OffsetDateTime;
use uuid::Uuid;
use zeroize::Zeroizing;

use self::smtp::{Account, Outgoing};
use crate::trail::draft::EventDraft;
use crate::{AppError, Vault, from_micros_lenient, now_micros};

/// The mail settings as the owner's page and `mail show` see them: never the password.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct MailConfig {
    pub settings: MailSettings,
    pub has_password: bool,
    pub has_trusted_ca: bool,
    pub updated_at: OffsetDateTime,
}

/// What happens to the stored password when the settings are saved.
#[derive(Clone, Debug)]
pub enum PasswordChange {
    Keep,
    Remove,
    Set(Zeroizing<String>),
}

/// What happens to the stored CA certificate when the settings are saved.
#[derive(Clone, Debug)]
pub enum TrustedCa {
    Keep,
    Remove,
    /// A CA certificate in PEM, for a mail server with a certificate of the shop's own.
    Set(String),
}

/// The settings as sealed: one JSON value.
#[derive(Serialize, Deserialize)]
struct Stored {
    host: String,
    port: u16,
    security: String,
    user: Option<String>,
    from: String,
    alerts_to: Vec<String>,
    password: Option<String>,
    trusted_ca: Option<String>,
}

impl Drop for Stored {
    fn drop(&mut self) {
        use zeroize::Zeroize;
        if let Some(password) = self.password.as_mut() {
            password.zeroize();
        }
    }
}

const SETTINGS_NAME: &str = "mail_settings";

impl Stored {
    fn account(&self) -> Result<Account, AppError> {
        let damaged = |_| AppError::corrupt("the mail settings do not read");
        let alerts: Vec<&str> = self.alerts_to.iter().map(String::as_str).collect();
        let settings = MailSettings::new(
            MailHost::parse(&self.host).map_err(damaged)?,
            self.port,
            MailSecurity::parse(&self.security).map_err(damaged)?,
            self.user.as_deref(),
            &self.from,
            &alerts,
        )
        .map_err(damaged)?;
        Ok(Account { settings, password: self.password.clone().map(Zeroizing::new), trusted_ca: self.trusted_ca.clone() })
    }
}

/// The AAD of a message in the outbox sealed under the staff-secrets key.
pub(crate) fn outbox_aad(id: &Uuid, version: u32) -> FieldAad<'_> {
    FieldAad { record_kind: "mail_outbox", field: "message", record_id: id.as_bytes(), data_key_version: version }
}

impl Vault {
    /// The stored settings, opened; `None` before any were saved.
    fn stored_mail(&self, tx: &mut dyn Tx) -> Result<Option<(Stored, i64)>, AppError> {
        let Some((sealed, at)) = tx.mail_settings()? else { return Ok(None) };
        let json = self.open_host_secret(SETTINGS_NAME, &sealed)?;
        let stored = serde_json::from_slice(&json).map_err(|_| AppError::corrupt("the mail settings do not read"))?;
        Ok(Some((stored, at)))
    }

    /// The account to send with, when mail is set up.
    pub(crate) fn mail_account(&self, tx: &mut dyn Tx) -> Result<Option<Account>, AppError> {
        self.stored_mail(tx)?.map(|(stored, _)| stored.account()).transpose()
    }

    /// The shop's mail settings, without the password; `None` before they are set up.
    pub fn mail_settings(&self, actor: &Actor) -> Result<Option<MailConfig>, AppError> {
        self.require(actor, Permission::SettingsManage, AuditAction::MailSettings, None)?;
        let mut tx = self.store.begin_snapshot()?;
        let Some((stored, at)) = self.stored_mail(tx.as_mut())? else { return Ok(None) };
        Ok(Some(MailConfig {
            settings: stored.account()?.settings,
            has_password: stored.password.is_some(),
            has_trusted_ca: stored.trusted_ca.is_some(),
            updated_at: from_micros_lenient(at),
        }))
    }

    /// Saves the mail settings (the owner's): sealed whole, the password kept, replaced or
    /// removed as `password` says. Recorded, without any of the values.
    pub fn set_mail_settings(
        &self,
        actor: &Actor,
        settings: MailSettings,
        password: PasswordChange,
        trusted_ca: TrustedCa,
    ) -> Result<(), AppError> {
        self.require(actor, Permission::SettingsManage, AuditAction::MailSettings, None)?;
        // Whoever sets the server decides where every customer's letter goes: a fresh password.
        self.require_step_up(actor, AuditAction::MailSettings, None)?;
        if let TrustedCa::Set(pem) = &trusted_ca {
            lettre::transport::smtp::client::Certificate::from_pem(pem.as_bytes())
                .map_err(|_| AppError::Conflict("the CA certificate is not a PEM certificate".into()))?;
        }
        let mut tx = self.store.begin()?;
        let previous = self.stored_mail(tx.as_mut())?.map(|(stored, _)| stored);
        let password = match password {
            PasswordChange::Keep => previous.as_ref().and_then(|stored| stored.password.clone()),
            PasswordChange::Remove => None,
            PasswordChange::Set(password) => Some(password.as_str().to_owned()),
        };
        let trusted_ca = match trusted_ca {
            TrustedCa::Keep => previous.as_ref().and_then(|stored| stored.trusted_ca.clone()),
            TrustedCa::Remove => None,
            TrustedCa::Set(pem) => Some(pem),
        };
        let stored = Stored {
            host: settings.host.as_str().to_owned(),
            port: settings.port,
            security: settings.security.as_str().to_owned(),
            user: settings.user.clone(),
            from: settings.from.as_str().to_owned(),
            alerts_to: settings.alerts_to.iter().map(|address| address.as_str().to_owned()).collect(),
            password,
            trusted_ca,
        };
        let json = Zeroizing::new(serde_json::to_vec(&stored).map_err(|error| AppError::corrupt(error.to_string()))?);
        tx.set_mail_settings(&self.seal_host_secret(SETTINGS_NAME, &json)?, now_micros())?;
        let detail = format!(
            "{} port {}, {}, {} alert address(es)",
            settings.security.as_str(),
            settings.port,
            if stored.password.is_some() { "with a password" } else { "no password" },
            settings.alerts_to.len()
        );
        self.record(tx.as_mut(), &[EventDraft::new(actor, AuditAction::MailSettings).detail(detail).finish(Outcome::Allowed)])?;
        tx.commit()?;
        Ok(())
    }

    /// Sends a test message at once with the saved settings, and says what the server
    /// answered. A refusal is recorded and returned as the server gave it.
    pub fn send_test_mail(&self, actor: &Actor, to: &EmailAddress, subject: &str, body: &str) -> Result<String, AppError> {
        self.require(actor, Permission::SettingsManage, AuditAction::MailTest, None)?;
        let account = {
            let mut tx = self.store.begin_snapshot()?;
            self.mail_account(tx.as_mut())?.ok_or_else(|| AppError::Conflict("mail is not set up yet".into()))?
        };
        let outcome =
            Outgoing::new(&account.settings.from, to, subject, body, Uuid::now_v7()).and_then(|message| smtp::send_now(&account, &message));
        let mut tx = self.store.begin()?;
        let (result, event) = match outcome {
            Ok(answer) => (
                Ok(answer.clone()),
                EventDraft::new(actor, AuditAction::MailTest).detail(format!("accepted ({answer})")).finish(Outcome::Allowed),
            ),
            Err(fault) => {
                let code = fault.code().unwrap_or("no answer");
                let event = EventDraft::new(actor, AuditAction::MailTest).detail(format!("not accepted ({code})")).finish(Outcome::Failed);
                (Err(AppError::Conflict(format!("the mail server did not take the test message: {}", fault.text()))), event)
            }
        };
        self.record(tx.as_mut(), &[event])?;
        tx.commit()?;
        result
    }
}
