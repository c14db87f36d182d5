//! `strongroom token …`: API tokens for the shop's integrations, made by the owner with the key.

use anyhow::Result;
use clap::Subcommand;
use serde::Serialize;
use strongroom_domain::{Actor, Scope};
use uuid::Uuid;

use crate::Cli;
use crate::open::open_vault;
use crate::output::{self, timestamp};

#[derive(Debug, Subcommand)]
pub enum TokenCommand {
    /// Make a token and print it once (it is stored only as a hash).
    Create {
        /// What the token is for ("Till 1", "Webshop").
        #[arg(long)]
        name: String,
        /// customers:read, customers:write, purchases:read, purchases:write, repairs:read or
        /// repairs:write (repeatable).
        #[arg(long = "scope", required = true, num_args = 1..)]
        scopes: Vec<String>,
        /// Days until it stops working (without: it works until revoked).
        #[arg(long)]
        expires_in: Option<u32>,
        #[arg(long)]
        json: bool,
    },
    /// Every token: scopes, expiry, last use.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Stop a token working, at once.
    Revoke {
        id: String,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Serialize)]
struct TokenJson {
    id: String,
    name: String,
    scopes: Vec<&'static str>,
    created_by: String,
    created_at: String,
    expires_at: Option<String>,
    revoked: bool,
    last_used_at: Option<String>,
    /// The stored row fails its integrity check (changed without the shop key): refused.
    tampered: bool,
}

pub fn run(cli: &Cli, command: &TokenCommand, actor: &Actor) -> Result<()> {
    let vault = open_vault(cli)?;
    match command {
        TokenCommand::Create { name, scopes, expires_in, json } => {
            let scopes = scopes.iter().map(|scope| Scope::parse(scope)).collect::<Result<Vec<_>, _>>()?;
            let made = vault.create_api_token(actor, name, &scopes, *expires_in)?;
            let scope_names: Vec<&str> = made.scopes.iter().map(Scope::as_str).collect();
            if *json {
                return output::json(&serde_json::json!({
                    "id": made.id.hyphenated().to_string(),
                    "name": made.name,
                    "token": made.value(),
                    "scopes": scope_names,
                    "expires_at": made.expires_at.map(timestamp),
                }));
            }
            println!("token for {} ({}):", made.name, scope_names.join(", "));
            println!("  {}", made.value());
            println!("It is shown only now: put it into the integration's settings. Requests send it as `Authorization: Bearer <token>`.");
            if let Some(expires) = made.expires_at {
                println!("It stops working at {}.", timestamp(expires));
            }
            Ok(())
        }
        TokenCommand::List { json } => {
            let tokens = vault.list_api_tokens(actor)?;
            let views: Vec<TokenJson> = tokens
                .iter()
                .map(|token| TokenJson {
                    id: token.id.hyphenated().to_string(),
                    name: token.name.clone(),
                    scopes: token.scopes.iter().map(Scope::as_str).collect(),
                    created_by: token.created_by.clone(),
                    created_at: timestamp(token.created_at),
                    expires_at: token.expires_at.map(timestamp),
                    revoked: token.revoked,
                    last_used_at: token.last_used_at.map(timestamp),
                    tampered: token.tampered,
                })
                .collect();
            if *json {
                return output::json(&views);
            }
            for view in &views {
                let state = if view.tampered {
                    "CHANGED OUTSIDE STRONGROOM: its row fails its integrity check and it is refused; revoke it and make a new one"
                        .to_owned()
                } else if view.revoked {
                    "revoked".to_owned()
                } else {
                    view.expires_at.clone().map_or("no expiry".into(), |at| format!("expires {at}"))
                };
                println!(
                    "{}  {:<20} {:<40} {state}; last used {}",
                    view.id,
                    view.name,
                    view.scopes.join(","),
                    view.last_used_at.as_deref().unwrap_or("never")
                );
            }
            Ok(())
        }
        TokenCommand::Revoke { id, json } => {
            let id = Uuid::try_parse(id.trim()).map_err(|_| anyhow::anyhow!("{id:?} is not a token id (see `strongroom token list`)"))?;
            vault.revoke_api_token(actor, id)?;
            if *json {
                return output::json(&serde_json::json!({ "id": id.hyphenated().to_string(), "revoked": true }));
            }
            println!("token {id} revoked: it stops working at once");
            Ok(())
        }
    }
}
