//! `strongroom mail …`: the shop's mail settings, a test message, and the outbox, as the
//! owner's mail page has them. `mail send` hands queued messages to the server (`serve` does it
//! by itself every minute); a message left "handing" by a sender that was stopped mid-message
//! is never sent again by itself: check the server's sent folder, then `retry` or `mark-sent`.

use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::Subcommand;
use serde::Serialize;
use strongroom_app::{MailChange, OutboxEntry, PasswordChange, TrustedCa, Vault};
use strongroom_domain::{Actor, EmailAddress, IncidentId, MailHost, MailSecurity, MailSettings};
use uuid::Uuid;
use zeroize::Zeroizing;

use crate::Cli;
use crate::open::open_vault;
use crate::output::{self, rfc3339};

#[derive(Debug, Subcommand)]
pub enum MailCommand {
    /// Save how Strongroom reaches the shop's mail server (replacing what was saved).
    Set {
        /// The mail server's name or address, e.g. smtp.example.com.
        #[arg(long)]
        host: String,
        /// Its port; the usual one for --security when left out (587, 465, or 25).
        #[arg(long)]
        port: Option<u16>,
        /// starttls (port 587), tls (port 465), or none (only to a server on this machine).
        #[arg(long)]
        security: String,
        /// The account to sign in with.
        #[arg(long)]
        user: Option<String>,
        /// A file holding the account's password (kept sealed in the vault; the file is only read).
        #[arg(long, requires = "user")]
        password_file: Option<PathBuf>,
        /// The address letters and alerts come from.
        #[arg(long)]
        from: String,
        /// Who gets an alert at once when someone reports a problem; repeat for more.
        #[arg(long = "alert")]
        alerts: Vec<String>,
        /// A CA certificate (PEM) to trust for a mail server with a certificate of the shop's own.
        #[arg(long)]
        ca_file: Option<PathBuf>,
        #[arg(long)]
        json: bool,
    },
    /// The saved settings (never the password).
    Show {
        #[arg(long)]
        json: bool,
    },
    /// Send a test message now with the saved settings.
    Test {
        #[arg(long)]
        to: String,
        #[arg(long)]
        json: bool,
    },
    /// Hand queued messages to the mail server now.
    Send {
        /// At most this many messages.
        #[arg(long, default_value_t = 10_000)]
        limit: usize,
        #[arg(long)]
        json: bool,
    },
    /// The outbox, the latest first.
    Outbox {
        /// Only this incident's messages.
        #[arg(long)]
        incident: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Queue a failed or unconfirmed message again.
    Retry { id: String },
    /// Mark an unconfirmed message as sent, after the server's sent folder showed it went.
    MarkSent { id: String },
    /// Cancel a message that has not gone.
    Cancel { id: String },
}

#[derive(Serialize)]
struct SettingsJson {
    host: String,
    port: u16,
    security: &'static str,
    user: Option<String>,
    from: String,
    alerts_to: Vec<String>,
    has_password: bool,
    has_trusted_ca: bool,
}

#[derive(Serialize)]
struct EntryJson {
    id: String,
    kind: &'static str,
    incident: Option<String>,
    customer: Option<String>,
    to: Option<String>,
    state: &'static str,
    attempts: u32,
    reason: Option<String>,
    queued_at: String,
    sent_at: Option<String>,
}

impl EntryJson {
    fn of(entry: &OutboxEntry) -> EntryJson {
        EntryJson {
            id: entry.id.to_string(),
            kind: entry.kind.as_str(),
            incident: entry.incident.map(|id| id.to_string()),
            customer: entry.customer.map(|id| id.to_string()),
            to: entry.to.clone(),
            state: entry.state.as_str(),
            attempts: entry.attempts,
            reason: entry.reason.clone(),
            queued_at: rfc3339(entry.queued_at),
            sent_at: entry.sent_at.map(rfc3339),
        }
    }
}

pub fn run(cli: &Cli, command: &MailCommand, actor: &Actor) -> Result<()> {
    let vault = open_vault(cli)?;
    match command {
        MailCommand::Set { .. } => set(&vault, actor, command),
        MailCommand::Show { json } => show(&vault, actor, *json),
        MailCommand::Test { to, json } => {
            let to = EmailAddress::parse(to)?;
            let answer = vault.send_test_mail(
                actor,
                &to,
                "Strongroom: test message / testbericht",
                "This is a test message from Strongroom: the shop's mail settings work.\n\nDit is een testbericht van Strongroom: de mailinstellingen van de winkel werken.\n",
            )?;
            if *json {
                return output::json(&serde_json::json!({ "sent": true, "to": to.as_str(), "answer": answer }));
            }
            println!("the mail server took the test message for {} ({answer})", to.as_str());
            Ok(())
        }
        MailCommand::Send { limit, json } => {
            let delivery = vault.deliver_mail(actor, *limit)?;
            if *json {
                return output::json(&serde_json::json!({
                    "sent": delivery.sent,
                    "refused": delivery.refused,
                    "cancelled": delivery.cancelled,
                    "waiting": delivery.waiting,
                    "unconfirmed": delivery.unconfirmed,
                    "stopped": delivery.stopped,
                }));
            }
            println!(
                "sent {}, refused {}, cancelled {}; {} still queued, {} unconfirmed",
                delivery.sent, delivery.refused, delivery.cancelled, delivery.waiting, delivery.unconfirmed
            );
            if let Some(reason) = &delivery.stopped {
                println!("stopped early: {reason}");
            }
            Ok(())
        }
        MailCommand::Outbox { incident, json } => {
            let incident = incident.as_deref().map(IncidentId::parse).transpose()?;
            let outbox = vault.outbox(actor, incident)?;
            let mut entries = outbox.attention.clone();
            entries.extend(outbox.latest.iter().filter(|entry| !outbox.attention.iter().any(|seen| seen.id == entry.id)).cloned());
            if *json {
                let counts: serde_json::Map<String, serde_json::Value> =
                    outbox.counts.iter().map(|(state, count)| (state.as_str().to_owned(), (*count).into())).collect();
                return output::json(&serde_json::json!({
                    "counts": counts,
                    "messages": entries.iter().map(EntryJson::of).collect::<Vec<_>>(),
                }));
            }
            for entry in &entries {
                let who = entry.to.clone().or(entry.customer.map(|id| format!("customer {id}"))).unwrap_or_default();
                let reason = entry.reason.as_deref().map(|reason| format!(" ({reason})")).unwrap_or_default();
                println!("{} {} {} to {who}: {}{reason}", entry.id, entry.kind.as_str(), entry.queued_at.date(), entry.state.as_str());
            }
            Ok(())
        }
        MailCommand::Retry { id } => change(&vault, actor, id, MailChange::Retry),
        MailCommand::MarkSent { id } => change(&vault, actor, id, MailChange::MarkSent),
        MailCommand::Cancel { id } => change(&vault, actor, id, MailChange::Cancel),
    }
}

/// `mail set`: the settings checked, the password and the CA read from their files.
fn set(vault: &Vault, actor: &Actor, command: &MailCommand) -> Result<()> {
    let MailCommand::Set { host, port, security, user, password_file, from, alerts, ca_file, json } = command else {
        unreachable!("called for mail set only")
    };
    let security = MailSecurity::parse(security)?;
    let alerts: Vec<&str> = alerts.iter().map(String::as_str).collect();
    let port = port.unwrap_or(security.usual_port());
    let settings = MailSettings::new(MailHost::parse(host)?, port, security, user.as_deref(), from, &alerts)?;
    let password = match password_file {
        Some(path) => {
            let text = Zeroizing::new(std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?);
            PasswordChange::Set(Zeroizing::new(text.trim_end_matches(['\r', '\n']).to_owned()))
        }
        None if user.is_none() => PasswordChange::Remove,
        None => PasswordChange::Keep,
    };
    let trusted_ca = match ca_file {
        Some(path) => TrustedCa::Set(std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?),
        None => TrustedCa::Keep,
    };
    vault.set_mail_settings(actor, settings, password, trusted_ca)?;
    show(vault, actor, *json)
}

fn change(vault: &Vault, actor: &Actor, id: &str, change: MailChange) -> Result<()> {
    let id = Uuid::parse_str(id.trim()).map_err(|_| anyhow::anyhow!("{id:?} is not a message id from `mail outbox`"))?;
    vault.change_mail(actor, id, change)?;
    eprintln!("done");
    Ok(())
}

fn show(vault: &Vault, actor: &Actor, json: bool) -> Result<()> {
    let Some(config) = vault.mail_settings(actor)? else {
        if json {
            return output::json(&serde_json::json!({ "configured": false }));
        }
        println!("mail is not set up; `strongroom mail set` sets it up");
        return Ok(());
    };
    let settings = &config.settings;
    let shown = SettingsJson {
        host: settings.host.as_str().to_owned(),
        port: settings.port,
        security: settings.security.as_str(),
        user: settings.user.clone(),
        from: settings.from.as_str().to_owned(),
        alerts_to: settings.alerts_to.iter().map(|address| address.as_str().to_owned()).collect(),
        has_password: config.has_password,
        has_trusted_ca: config.has_trusted_ca,
    };
    if json {
        return output::json(&shown);
    }
    println!("server: {}:{} ({})", shown.host, shown.port, shown.security);
    println!("account: {}{}", shown.user.as_deref().unwrap_or("(none)"), if shown.has_password { ", with a password" } else { "" });
    println!("from: {}", shown.from);
    println!("alerts to: {}", if shown.alerts_to.is_empty() { "(nobody)".to_owned() } else { shown.alerts_to.join(", ") });
    Ok(())
}
