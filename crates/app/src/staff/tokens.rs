//! API tokens for the shop's integrations (the till, the webshop): made by the owner, scoped to
//! named permissions within the owner's role, expiring, shown once, stored only as a keyed
//! digest in a row that carries a MAC (`access_rows.rs`), revocable.
//! A token acts like a staff member in the gate: every operation it does is an audit event
//! naming it, and so is every refused token.

use strongroom_domain::{Actor, AuditAction, Outcome, Permission, PermissionSet, RecordKind, Scope};
use strongroom_identity::SecretToken;
use strongroom_store::ApiTokenRow;
use uuid::Uuid;

use crate::staff::signin::ClientInfo;
use crate::trail::draft::EventDraft;
use crate::{AppError, Vault, from_micros, now_micros};

/// What a token's value starts with, so secret scanners and people can tell it for what it is.
pub const TOKEN_PREFIX: &str = "sr_";

/// The longest a token can be made to last (ten years); without an expiry it lasts until revoked.
pub const MAX_TOKEN_DAYS: u32 = 3650;
/// A token's length: the prefix and 43 characters of base64url.
const TOKEN_LEN: usize = TOKEN_PREFIX.len() + 43;

/// A token just made: its value is here and nowhere else.
#[derive(Debug)]
pub struct NewApiToken {
    pub id: Uuid,
    pub name: String,
    pub token: SecretToken,
    pub scopes: Vec<Scope>,
    pub expires_at: Option<time::OffsetDateTime>,
}

impl NewApiToken {
    /// The value to give the integration: the prefix and 256 random bits.
    pub fn value(&self) -> String {
        format!("{TOKEN_PREFIX}{}", self.token.as_str())
    }
}

/// A token as the owner's list shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct ApiTokenSummary {
    pub id: Uuid,
    pub name: String,
    pub scopes: Vec<Scope>,
    pub created_by: String,
    pub created_at: time::OffsetDateTime,
    pub expires_at: Option<time::OffsetDateTime>,
    pub revoked: bool,
    pub last_used_at: Option<time::OffsetDateTime>,
    /// The stored row fails its integrity check (changed without the shop key): the token is
    /// refused; revoke it and make a new one.
    pub tampered: bool,
}

fn parse_scopes(text: &str) -> Result<Vec<Scope>, AppError> {
    text.split(',')
        .filter(|name| !name.is_empty())
        .map(|name| Scope::parse(name).map_err(|_| AppError::corrupt("an API token's scope")))
        .collect()
}

impl Vault {
    /// Makes a token for an integration. Only the owner (SettingsManage), after a step-up;
    /// every scope must be within the owner's role; `expires_in_days` of `None` never expires.
    pub fn create_api_token(
        &self,
        actor: &Actor,
        name: &str,
        scopes: &[Scope],
        expires_in_days: Option<u32>,
    ) -> Result<NewApiToken, AppError> {
        self.require(actor, Permission::SettingsManage, AuditAction::TokenCreate, None)?;
        let name = strongroom_domain::ShortText::parse("name", name)?.as_str().to_owned();
        if scopes.is_empty() {
            return Err(AppError::Invalid(strongroom_domain::DomainError::invalid("scope", "give at least one scope")));
        }
        if expires_in_days.is_some_and(|days| !(1..=MAX_TOKEN_DAYS).contains(&days)) {
            return Err(AppError::Invalid(strongroom_domain::DomainError::invalid(
                "expires_in",
                format!("must be 1 to {MAX_TOKEN_DAYS} days"),
            )));
        }
        self.require_step_up(actor, AuditAction::TokenCreate, None)?;
        let now = now_micros();
        let token = SecretToken::generate();
        let expires = expires_in_days.map(|days| now + i64::from(days) * 86_400_000_000);
        let mut row = ApiTokenRow {
            id: Uuid::now_v7(),
            name: name.clone(),
            token_hash: [0; 32],
            role: actor.role,
            scopes: scopes.iter().map(Scope::as_str).collect::<Vec<_>>().join(","),
            created_by: actor.name.clone(),
            created_at: now,
            expires_at: expires,
            revoked_at: None,
            last_used_at: None,
            row_mac: None,
        };
        let mut tx = self.store.begin()?;
        // A token's name is who it is in the trail and in idempotency keys (`once.rs`): two
        // tokens that work at once may not share one.
        if self.all_tokens_checked(tx.as_mut())?.iter().any(|other| other.row.name == name && other.row.revoked_at.is_none()) {
            return Err(AppError::Conflict(format!(
                "a token named {name:?} exists and is not revoked; revoke it first or choose another name"
            )));
        }
        self.insert_token_row(tx.as_mut(), &format!("{TOKEN_PREFIX}{}", token.as_str()), &mut row)?;
        let draft = EventDraft::new(actor, AuditAction::TokenCreate).target(RecordKind::ApiToken, row.id);
        let expiry = expires_in_days.map_or("never expires".to_owned(), |days| format!("expires in {days} days"));
        self.record(tx.as_mut(), &[draft.detail(format!("scopes {}; {expiry}", row.scopes)).finish(Outcome::Allowed)])?;
        tx.commit()?;
        Ok(NewApiToken { id: row.id, name, token, scopes: scopes.to_vec(), expires_at: expires.map(from_micros).transpose()? })
    }

    pub fn list_api_tokens(&self, actor: &Actor) -> Result<Vec<ApiTokenSummary>, AppError> {
        self.require(actor, Permission::SettingsManage, AuditAction::TokenList, None)?;
        let mut tx = self.store.begin()?;
        let rows = self.all_tokens_checked(tx.as_mut())?;
        self.record(
            tx.as_mut(),
            &[EventDraft::new(actor, AuditAction::TokenList).detail(format!("{} tokens", rows.len())).finish(Outcome::Allowed)],
        )?;
        tx.commit()?;
        rows.into_iter()
            .map(|checked| {
                let (row, tampered) = (checked.row, !checked.intact);
                // A changed row's scopes may be anything: show what can be read of them.
                let scopes = if tampered {
                    row.scopes.split(',').filter_map(|name| Scope::parse(name).ok()).collect()
                } else {
                    parse_scopes(&row.scopes)?
                };
                Ok(ApiTokenSummary {
                    id: row.id,
                    name: row.name,
                    scopes,
                    created_by: row.created_by,
                    created_at: if tampered { crate::from_micros_lenient(row.created_at) } else { from_micros(row.created_at)? },
                    expires_at: if tampered {
                        row.expires_at.map(crate::from_micros_lenient)
                    } else {
                        row.expires_at.map(from_micros).transpose()?
                    },
                    revoked: row.revoked_at.is_some(),
                    last_used_at: row.last_used_at.map(crate::from_micros_lenient),
                    tampered,
                })
            })
            .collect()
    }

    pub fn revoke_api_token(&self, actor: &Actor, id: Uuid) -> Result<(), AppError> {
        self.require(actor, Permission::SettingsManage, AuditAction::TokenRevoke, Some((RecordKind::ApiToken, id)))?;
        let mut tx = self.store.begin()?;
        let draft = EventDraft::new(actor, AuditAction::TokenRevoke).target(RecordKind::ApiToken, id);
        let Some(checked) = self.token_checked(tx.as_mut(), id)? else {
            return Err(self.fail(tx, draft, "no such token", AppError::NotFound("API token")));
        };
        // A token whose row fails its check is revoked all the same: revoking only takes away,
        // and the revocation's event keeps it revoked whatever its row says later.
        let mut row = checked.row;
        if row.revoked_at.is_none() || !checked.intact {
            row.revoked_at = Some(row.revoked_at.unwrap_or_else(now_micros));
            self.save_token_row(tx.as_mut(), &mut row)?;
        }
        self.record(tx.as_mut(), &[draft.finish(Outcome::Allowed)])?;
        tx.commit()?;
        // Also after the commit: a check that read the row meanwhile must not remember it.
        self.token_cache.forget_all();
        Ok(())
    }

    /// The actor of a token that passed [`Vault::api_actor`] less than a second ago, without
    /// visiting the store: no blocking, so a server may ask before it hands the request to the
    /// blocking pool. `None` means: ask `api_actor`.
    pub fn cached_api_actor(&self, presented: &str) -> Option<Actor> {
        if !presented.starts_with(TOKEN_PREFIX) || presented.len() != TOKEN_LEN {
            return None;
        }
        self.token_cache.get(&self.api_token_hash(presented), now_micros())
    }

    /// The actor of a request's `Authorization: Bearer` token: its name, its creator's role and
    /// its scopes. An unknown, expired or revoked token is [`AppError::NotSignedIn`] and an
    /// audit event (naming the token if it exists, never the presented value).
    pub fn api_actor(&self, presented: &str, client: &ClientInfo) -> Result<Actor, AppError> {
        // Something that cannot be a token is refused without touching the store, so junk
        // headers cannot fill the trail.
        if !presented.starts_with(TOKEN_PREFIX) || presented.len() != TOKEN_LEN {
            return Err(AppError::NotSignedIn);
        }
        let now = now_micros();
        let mut tx = self.store.begin()?;
        let found = self.token_by_value_checked(tx.as_mut(), presented)?;
        let refusal = match &found {
            None => Some("unknown token"),
            Some(checked) if !checked.intact => {
                self.record_tampered(tx.as_mut(), RecordKind::ApiToken, checked.row.id, "the token's stored row")?;
                Some("the token's row fails its integrity check")
            }
            Some(checked) if checked.row.revoked_at.is_some() => Some("revoked token"),
            Some(checked) if checked.row.expires_at.is_some_and(|expires| now >= expires) => Some("expired token"),
            Some(checked) if self.token_revoked_in_trail(tx.as_mut(), checked.row.id)? => {
                self.record_tampered(tx.as_mut(), RecordKind::ApiToken, checked.row.id, "the row of a token the trail says was revoked")?;
                Some("revoked token (its row was put back as it was before)")
            }
            Some(_) => None,
        };
        let row = found.map(|checked| checked.row);
        let unknown = Actor::api_token(Uuid::nil(), "(unknown)", strongroom_domain::Role::ExternalAuditor, PermissionSet::default());
        match (row, refusal) {
            (Some(mut row), None) => {
                let scope = PermissionSet::of(parse_scopes(&row.scopes)?.iter().map(Scope::permission));
                // "Last used" at most once a minute: a write per request would cost an fsync each.
                if row.last_used_at.is_none_or(|at| now - at > 60_000_000) {
                    row.last_used_at = Some(now);
                    self.save_token_row(tx.as_mut(), &mut row)?;
                }
                // Taken after this check's own write to the row and before its commit: the row
                // stays locked until then (the write lock on SQLite, `FOR UPDATE` on
                // PostgreSQL), so a revocation commits after this one and its `forget_all`
                // comes after this, which keeps what this check read from being remembered.
                let generation = self.token_cache.generation();
                tx.commit()?;
                let actor = Actor::api_token(row.id, &row.name, row.role, scope);
                self.token_cache.remember(generation, row.token_hash, &actor, row.expires_at);
                Ok(actor)
            }
            (row, why) => {
                let actor = row.as_ref().map_or(unknown, |row| Actor::api_token(row.id, &row.name, row.role, PermissionSet::default()));
                let mut draft =
                    EventDraft::new(&actor, AuditAction::TokenRefused).client(client.addr.as_deref()).detail(why.unwrap_or("refused"));
                if let Some(row) = &row {
                    draft = draft.target(RecordKind::ApiToken, row.id);
                }
                self.record(tx.as_mut(), &[draft.finish(Outcome::Denied)])?;
                tx.commit()?;
                Err(AppError::NotSignedIn)
            }
        }
    }
}
