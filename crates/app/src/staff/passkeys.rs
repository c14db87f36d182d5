//! Passkeys and security keys (WebAuthn, with webauthn-rs): the phishing-resistant second
//! factor. A key is bound to the shop's web address, so a look-alike site cannot use it. The
//! ceremony's challenge state stays in this process's memory for five minutes, keyed by the
//! session; the public keys are stored in the account's row.

use std::collections::HashMap;
use std::sync::Mutex;

use serde::{Deserialize, Serialize};
use strongroom_domain::{AuditAction, Outcome, RecordKind};
use strongroom_identity::{HumanCode, RECOVERY_CODES};
use strongroom_store::{StaffRow, Tx};
use webauthn_rs::prelude::{Passkey, PasskeyAuthentication, PasskeyRegistration, PublicKeyCredential, RegisterPublicKeyCredential, Url};
use webauthn_rs::{Webauthn, WebauthnBuilder};

use crate::staff::signin::{ClientInfo, NewSession, SessionStage, barred, staff_actor};
use crate::trail::draft::EventDraft;
use crate::{AppError, Vault, now_micros};

/// How long a started ceremony may take.
const CEREMONY_MICROS: i64 = 5 * 60_000_000;

/// One stored passkey: what the person called it, and the public key with its counter.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct StoredPasskey {
    pub name: String,
    pub created_at: i64,
    pub last_used_at: Option<i64>,
    pub key: Passkey,
}

pub(crate) fn passkeys_of(row: &StaffRow) -> Result<Vec<StoredPasskey>, AppError> {
    match &row.passkeys {
        None => Ok(Vec::new()),
        Some(json) => serde_json::from_str(json).map_err(|_| AppError::corrupt("an account's passkeys")),
    }
}

fn store_passkeys(row: &mut StaffRow, passkeys: &[StoredPasskey]) -> Result<(), AppError> {
    row.passkeys = if passkeys.is_empty() {
        None
    } else {
        Some(serde_json::to_string(passkeys).map_err(|_| AppError::corrupt("an account's passkeys"))?)
    };
    Ok(())
}

enum Ceremony {
    Register(PasskeyRegistration),
    Authenticate(PasskeyAuthentication),
}

/// The relying party (the shop's web address) and the ceremonies under way.
pub(crate) struct Passkeys {
    webauthn: Webauthn,
    ceremonies: Mutex<HashMap<[u8; 32], (i64, Ceremony)>>,
}

impl std::fmt::Debug for Passkeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Passkeys(…)")
    }
}

impl Passkeys {
    fn put(&self, session: [u8; 32], ceremony: Ceremony) {
        let now = now_micros();
        let mut ceremonies = self.ceremonies.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        ceremonies.retain(|_, (at, _)| now - *at < CEREMONY_MICROS);
        ceremonies.insert(session, (now, ceremony));
    }

    fn take(&self, session: &[u8; 32]) -> Option<Ceremony> {
        let mut ceremonies = self.ceremonies.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        ceremonies.remove(session).filter(|(at, _)| now_micros() - at < CEREMONY_MICROS).map(|(_, ceremony)| ceremony)
    }
}

impl Vault {
    /// Sets the address staff browse to (`https://shop-pc.local:8443`), which passkeys are bound
    /// to. It must be a host name, not an IP address (WebAuthn's rule).
    pub fn set_web_origin(&mut self, origin: &str) -> Result<(), AppError> {
        let url = Url::parse(origin).map_err(|_| AppError::Conflict(format!("{origin:?} is not a web address")))?;
        let Some(host) = url.domain().map(str::to_owned) else {
            return Err(AppError::Conflict(format!(
                "passkeys need a host name in the web address, not an IP address ({origin}); staff can still use an authenticator app"
            )));
        };
        let name = if self.shop_name.is_empty() { "Strongroom".to_owned() } else { self.shop_name.clone() };
        let webauthn = WebauthnBuilder::new(&host, &url)
            .and_then(|builder| builder.rp_name(&name).build())
            .map_err(|error| AppError::Conflict(format!("passkeys cannot use {origin}: {error}")))?;
        self.passkeys = Some(Passkeys { webauthn, ceremonies: Mutex::new(HashMap::new()) });
        Ok(())
    }

    fn relying_party(&self) -> Result<&Passkeys, AppError> {
        self.passkeys.as_ref().ok_or_else(|| AppError::Conflict("passkeys are not set up on this server (it needs its web address)".into()))
    }

    /// Starts adding a passkey: the options for `navigator.credentials.create`, as JSON.
    pub fn begin_passkey_registration(&self, token: &str) -> Result<serde_json::Value, AppError> {
        let relying_party = self.relying_party()?;
        self.with_session(token, |_, session, row| {
            self.may_enrol(row, session)?;
            let existing: Vec<_> = passkeys_of(row)?.into_iter().map(|stored| stored.key.cred_id().clone()).collect();
            let (options, state) = relying_party
                .webauthn
                .start_passkey_registration(row.id, &row.username, &row.username, Some(existing))
                .map_err(|error| AppError::Conflict(format!("cannot start adding a passkey: {error}")))?;
            relying_party.put(session.id_hash, Ceremony::Register(state));
            serde_json::to_value(options).map_err(|_| AppError::corrupt("passkey options"))
        })
    }

    /// Finishes adding a passkey with the browser's answer (JSON). The first second factor of an
    /// account also brings ten recovery codes (returned, shown once); every other session ends.
    pub fn finish_passkey_registration(
        &self,
        token: &str,
        answer: &str,
        name: &str,
        client: &ClientInfo,
    ) -> Result<(Option<Vec<HumanCode>>, NewSession), AppError> {
        let relying_party = self.relying_party()?;
        let name = strongroom_domain::ShortText::parse("name", if name.trim().is_empty() { "passkey" } else { name })?.as_str().to_owned();
        self.with_session(token, |tx, session, row| {
            self.may_enrol(row, session)?;
            let Some(Ceremony::Register(state)) = relying_party.take(&session.id_hash) else {
                return Err(AppError::Conflict("no passkey is being added (or it took too long); start again".into()));
            };
            let credential: RegisterPublicKeyCredential =
                serde_json::from_str(answer).map_err(|_| AppError::Conflict("the browser's answer is not a passkey".into()))?;
            let key = match relying_party.webauthn.finish_passkey_registration(&credential, &state) {
                Ok(key) => key,
                Err(error) => {
                    let draft = EventDraft::new(&staff_actor(row), AuditAction::SecondFactorEnrol).target(RecordKind::Staff, row.id);
                    self.record(tx, &[draft.client(client.addr.as_deref()).detail("passkey refused").finish(Outcome::Failed)])?;
                    return Ok(Err(AppError::Conflict(format!("the passkey was not accepted: {error}"))));
                }
            };
            let now = now_micros();
            let mut keys = passkeys_of(row)?;
            keys.push(StoredPasskey { name, created_at: now, last_used_at: None, key });
            store_passkeys(row, &keys)?;
            let codes = self.first_recovery_codes(tx, row)?;
            row.failed_logins = 0;
            row.last_failed_at = None;
            session.second_factor_at = Some(now);
            let ended = self.end_sessions(tx, row, Some(session))?;
            self.save_staff_row(tx, row)?;
            let token = self.renew_session(tx, session, row)?;
            let draft = EventDraft::new(&staff_actor(row), AuditAction::SecondFactorEnrol).target(RecordKind::Staff, row.id);
            let detail = format!("passkey; {} in all; {ended} other sessions ended", keys.len());
            self.record(tx, &[draft.client(client.addr.as_deref()).detail(detail).finish(Outcome::Allowed)])?;
            Ok(Ok((codes, NewSession { token, stage: self.stage(row, session) })))
        })?
    }

    /// Ten new recovery codes if the account has no unused ones (its first second factor).
    fn first_recovery_codes(&self, tx: &mut dyn Tx, row: &StaffRow) -> Result<Option<Vec<HumanCode>>, AppError> {
        if tx.unused_recovery_codes(row.id)? > 0 {
            return Ok(None);
        }
        let codes: Vec<HumanCode> = (0..RECOVERY_CODES).map(|_| HumanCode::generate(HumanCode::RECOVERY_GROUPS)).collect();
        self.replace_recovery_codes(tx, row.id, &codes)?;
        let draft = EventDraft::new(&staff_actor(row), AuditAction::RecoveryCodesIssue).target(RecordKind::Staff, row.id);
        self.record(tx, &[draft.detail(format!("{RECOVERY_CODES} codes")).finish(Outcome::Allowed)])?;
        Ok(Some(codes))
    }

    /// Starts the second-factor step with a passkey: the options for `navigator.credentials.get`.
    pub fn begin_passkey_sign_in(&self, token: &str) -> Result<serde_json::Value, AppError> {
        let relying_party = self.relying_party()?;
        self.with_session(token, |_, session, row| {
            let stage = self.stage(row, session);
            let keys = passkeys_of(row)?;
            if stage != SessionStage::SecondFactor || keys.is_empty() {
                return Err(AppError::SignInIncomplete(stage));
            }
            let keys: Vec<Passkey> = keys.into_iter().map(|stored| stored.key).collect();
            let (options, state) = relying_party
                .webauthn
                .start_passkey_authentication(&keys)
                .map_err(|error| AppError::Conflict(format!("cannot start the passkey step: {error}")))?;
            relying_party.put(session.id_hash, Ceremony::Authenticate(state));
            serde_json::to_value(options).map_err(|_| AppError::corrupt("passkey options"))
        })
    }

    /// Finishes the second-factor step with the browser's answer. A refused passkey counts as a
    /// failed sign-in.
    pub fn finish_passkey_sign_in(&self, token: &str, answer: &str, client: &ClientInfo) -> Result<NewSession, AppError> {
        let relying_party = self.relying_party()?;
        self.with_session(token, |tx, session, row| {
            let stage = self.stage(row, session);
            if stage != SessionStage::SecondFactor {
                return Ok(Err(AppError::SignInIncomplete(stage)));
            }
            if let Some(why) = barred(row, now_micros()) {
                self.record_barred(tx, row, AuditAction::SignInSecondFactor, why, client)?;
                return Ok(Err(AppError::SecondFactorRefused));
            }
            let state = match relying_party.take(&session.id_hash) {
                Some(Ceremony::Authenticate(state)) => state,
                _ => return Ok(Err(AppError::Conflict("no passkey step is under way (or it took too long); start again".into()))),
            };
            let verified = serde_json::from_str::<PublicKeyCredential>(answer)
                .ok()
                .and_then(|credential| relying_party.webauthn.finish_passkey_authentication(&credential, &state).ok());
            let Some(result) = verified else {
                self.count_failure(tx, row, AuditAction::SignInSecondFactor, "passkey refused", client)?;
                return Ok(Err(AppError::SecondFactorRefused));
            };
            let mut keys = passkeys_of(row)?;
            let now = now_micros();
            let mut used = "passkey".to_owned();
            for stored in &mut keys {
                if stored.key.update_credential(&result).is_some() {
                    stored.last_used_at = Some(now);
                    used = format!("passkey \"{}\"", stored.name);
                }
            }
            store_passkeys(row, &keys)?;
            let token = self.second_factor_given(tx, session, row, &used, client)?;
            Ok(Ok(NewSession { token, stage: self.stage(row, session) }))
        })?
    }

    /// An account's passkeys, for its account page: name, when added and when last used.
    pub fn my_passkeys(&self, token: &str) -> Result<Vec<PasskeySummary>, AppError> {
        self.with_session(token, |_, session, row| {
            let stage = self.stage(row, session);
            if stage != SessionStage::Ready && stage != SessionStage::EnrolSecondFactor {
                return Err(AppError::SignInIncomplete(stage));
            }
            Ok(passkeys_of(row)?
                .into_iter()
                .map(|stored| PasskeySummary {
                    id: stored.created_at,
                    name: stored.name,
                    added_at: crate::from_micros_lenient(stored.created_at),
                    last_used_at: stored.last_used_at.map(crate::from_micros_lenient),
                })
                .collect())
        })
    }

    /// Removes one of the person's own passkeys (a lost phone, a key given back), after they
    /// confirmed their password. Never the account's last second factor: that would leave an
    /// account that must give one without any; add an authenticator app or another passkey first.
    pub fn remove_my_passkey(&self, token: &str, id: i64, client: &ClientInfo) -> Result<(), AppError> {
        self.with_session(token, |tx, session, row| {
            let stage = self.stage(row, session);
            if stage != SessionStage::Ready {
                return Err(AppError::SignInIncomplete(stage));
            }
            if !self.stepped_up(session) {
                return Err(AppError::StepUpRequired);
            }
            let mut keys = passkeys_of(row)?;
            let Some(at) = keys.iter().position(|stored| stored.created_at == id) else {
                return Err(AppError::NotFound("passkey"));
            };
            if keys.len() == 1 && row.totp_secret.is_none() {
                return Err(AppError::Conflict(
                    "this passkey is your only second factor: add an authenticator app or another passkey first".into(),
                ));
            }
            let removed = keys.remove(at);
            store_passkeys(row, &keys)?;
            self.save_staff_row(tx, row)?;
            let draft = EventDraft::new(&staff_actor(row), AuditAction::SecondFactorRemove).target(RecordKind::Staff, row.id);
            let detail = format!("passkey \"{}\" removed; {} left", removed.name, keys.len());
            self.record(tx, &[draft.client(client.addr.as_deref()).detail(detail).finish(Outcome::Allowed)])?;
            Ok(())
        })
    }
}

/// One of an account's passkeys as its account page lists it; `id` names it for removal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PasskeySummary {
    pub id: i64,
    pub name: String,
    pub added_at: time::OffsetDateTime,
    pub last_used_at: Option<time::OffsetDateTime>,
}
