//! `strongroom user …`: staff accounts, administered by the owner at the back-office PC, with
//! the shop key. The same use-cases back the staff-administration page; `reset-2fa` here is the
//! audited break-glass path when the owner has lost their own factors.

use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::Subcommand;
use serde::Serialize;
use strongroom_app::{Enrolment, StaffSummary};
use strongroom_domain::{Actor, Role, StaffName};
use strongroom_identity::Password;
use zeroize::Zeroizing;

use crate::Cli;
use crate::open::open_vault;
use crate::output::{self, timestamp};

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Add a staff account. Without --password-file it prints a one-time enrolment code with
    /// which the person chooses their own password at first sign-in.
    Add {
        username: String,
        /// owner, manager, sales, workshop, privacy_officer or external_auditor.
        #[arg(long)]
        role: String,
        /// A file whose first line is the password (for scripted set-ups). Like an enrolment
        /// code it lets whoever has it set up the account's second factor, so hand it over in
        /// person; it must be changed at the first sign-in.
        #[arg(long)]
        password_file: Option<PathBuf>,
        #[arg(long)]
        json: bool,
    },
    /// Every account: role, state, factors.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Disable an account and end its sessions.
    Disable {
        username: String,
        #[arg(long)]
        json: bool,
    },
    /// Enable a disabled account again.
    Enable {
        username: String,
        #[arg(long)]
        json: bool,
    },
    /// Unlock an account locked by failed sign-ins.
    Unlock {
        username: String,
        #[arg(long)]
        json: bool,
    },
    /// Give an account another role. If the new role must have a second factor and the account
    /// has none, its password is replaced by a printed enrolment code.
    SetRole {
        username: String,
        role: String,
        #[arg(long)]
        json: bool,
    },
    /// Remove an account's second factor, recovery codes and password (lost phone) and print a
    /// new enrolment code: with it they choose a password and set up a factor again. (The
    /// password goes too, or it alone would let whoever knows it enrol a factor of their own.)
    #[command(name = "reset-2fa")]
    ResetSecondFactor {
        username: String,
        #[arg(long)]
        json: bool,
    },
    /// Force a new password (forgotten, or suspected compromise): the old one stops working and
    /// a new enrolment code is printed.
    ResetPassword {
        username: String,
        #[arg(long)]
        json: bool,
    },
    /// Give an account whose stored row was changed outside Strongroom (`user list` and `audit
    /// verify` say so) a fresh start: the ROLE you give, no password, factors or sessions, and
    /// a printed enrolment code. Nothing the changed row held is kept.
    Repair {
        username: String,
        /// The role the account should have (the stored one cannot be trusted).
        #[arg(long)]
        role: String,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Serialize)]
struct StaffJson {
    id: String,
    username: String,
    role: &'static str,
    disabled: bool,
    locked: bool,
    enrolled: bool,
    second_factor: bool,
    recovery_codes_left: u32,
    failed_logins: u32,
    password_changed_at: Option<String>,
    created_at: String,
    /// The stored row fails its integrity check (changed without the shop key): refused until
    /// `user repair`.
    tampered: bool,
}

impl From<&StaffSummary> for StaffJson {
    fn from(s: &StaffSummary) -> Self {
        StaffJson {
            id: s.id.hyphenated().to_string(),
            username: s.username.clone(),
            role: s.role.as_str(),
            disabled: s.disabled,
            locked: s.locked,
            enrolled: s.enrolled,
            second_factor: s.second_factor,
            recovery_codes_left: s.recovery_codes_left,
            failed_logins: s.failed_logins,
            password_changed_at: s.password_changed_at.map(timestamp),
            created_at: timestamp(s.created_at),
            tampered: s.tampered,
        }
    }
}

#[derive(Debug, Serialize)]
struct EnrolmentJson {
    id: String,
    username: String,
    role: &'static str,
    enrolment_code: Option<String>,
    expires_at: Option<String>,
}

fn print_enrolment(enrolment: &Enrolment, json: bool, what: &str) -> Result<()> {
    if json {
        return output::json(&EnrolmentJson {
            id: enrolment.id.hyphenated().to_string(),
            username: enrolment.username.clone(),
            role: enrolment.role.as_str(),
            enrolment_code: enrolment.code.as_ref().map(|code| code.as_str().to_owned()),
            expires_at: enrolment.expires_at.map(timestamp),
        });
    }
    println!("{what} {} ({})", enrolment.username, enrolment.role);
    if let (Some(code), Some(expires)) = (&enrolment.code, enrolment.expires_at) {
        println!("enrolment code: {}", code.as_str());
        println!(
            "Give it to {} in person. It works once, until {}: at the sign-in page they choose \"first sign-in\", type it with a password of their own, and set up an authenticator app.",
            enrolment.username,
            timestamp(expires)
        );
    }
    Ok(())
}

fn done(json: bool, username: &StaffName, what: &str) -> Result<()> {
    if json {
        return output::json(&serde_json::json!({ "username": username.as_str(), "done": what }));
    }
    println!("{username}: {what}");
    Ok(())
}

fn read_password(path: &PathBuf) -> Result<Password> {
    let text = Zeroizing::new(std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?);
    Ok(Password::new(text.lines().next().unwrap_or("")))
}

pub fn run(cli: &Cli, command: &UserCommand, actor: &Actor) -> Result<()> {
    let vault = open_vault(cli)?;
    match command {
        UserCommand::Add { username, role, password_file, json } => {
            let name = StaffName::parse(username)?;
            let role = Role::parse(role)?;
            let password = password_file.as_ref().map(read_password).transpose()?;
            let enrolment = vault.add_staff(actor, &name, role, password.as_ref())?;
            print_enrolment(&enrolment, *json, "added")
        }
        UserCommand::List { json } => {
            let staff = vault.list_staff(actor)?;
            let views: Vec<StaffJson> = staff.iter().map(StaffJson::from).collect();
            if *json {
                return output::json(&views);
            }
            if views.is_empty() {
                println!("no staff accounts yet: add one with `strongroom user add NAME --role ROLE`");
            }
            for view in &views {
                let mut state = Vec::new();
                if view.tampered {
                    state.push(format!(
                        "CHANGED OUTSIDE STRONGROOM: its row fails its integrity check and it cannot sign in (repair: strongroom user repair {} --role ROLE)",
                        view.username
                    ));
                }
                if view.disabled {
                    state.push("disabled".to_owned());
                }
                if view.locked {
                    state.push(format!(
                        "LOCKED after {} failed sign-ins (unlock: strongroom user unlock {})",
                        view.failed_logins, view.username
                    ));
                }
                if !view.enrolled {
                    state.push("not enrolled yet".into());
                }
                state.push(if view.second_factor {
                    format!("authenticator, {} recovery codes left", view.recovery_codes_left)
                } else {
                    "no second factor".into()
                });
                println!("{:<20} {:<17} {}", view.username, view.role, state.join("; "));
            }
            Ok(())
        }
        UserCommand::Disable { username, json } => {
            let name = StaffName::parse(username)?;
            let ended = vault.disable_staff(actor, &name)?;
            // The shop's passwords they could use or saw: to change now (the owner is told).
            // The account is disabled already: a listing that fails is a warning, not a failure.
            let to_change = if actor.may(strongroom_domain::Permission::SettingsManage) {
                vault.secrets_of_person(actor, name.as_str(), crate::parsing::today()).unwrap_or_else(|error| {
                    eprintln!("warning: the passwords {name} could use could not be listed: {error}");
                    Vec::new()
                })
            } else {
                Vec::new()
            };
            if *json {
                let entries: Vec<serde_json::Value> =
                    to_change.iter().map(|entry| serde_json::json!({ "id": entry.id, "name": entry.info.name.to_string() })).collect();
                return output::json(&serde_json::json!({
                    "username": name.as_str(),
                    "done": format!("disabled; {ended} sessions ended"),
                    "secrets_to_change": entries,
                }));
            }
            for entry in &to_change {
                println!("change the password of {} ({})", entry.info.name, entry.id);
            }
            done(false, &name, &format!("disabled; {ended} sessions ended"))
        }
        UserCommand::Enable { username, json } => {
            let name = StaffName::parse(username)?;
            vault.enable_staff(actor, &name)?;
            done(*json, &name, "enabled")
        }
        UserCommand::Unlock { username, json } => {
            let name = StaffName::parse(username)?;
            vault.unlock_staff(actor, &name)?;
            done(*json, &name, "unlocked")
        }
        UserCommand::SetRole { username, role, json } => {
            let name = StaffName::parse(username)?;
            let role = Role::parse(role)?;
            match vault.set_staff_role(actor, &name, role)? {
                // The new role needs a second factor the account lacks: a code replaces the password.
                Some(enrolment) => {
                    print_enrolment(&enrolment, *json, "a second factor is now required; password replaced by an enrolment code for")
                }
                None => done(*json, &name, &format!("role is now {role}")),
            }
        }
        UserCommand::ResetSecondFactor { username, json } => {
            let name = StaffName::parse(username)?;
            let enrolment = vault.reset_second_factor(actor, &name)?;
            print_enrolment(&enrolment, *json, "second factor, recovery codes and password removed for")
        }
        UserCommand::ResetPassword { username, json } => {
            let name = StaffName::parse(username)?;
            let enrolment = vault.reset_password(actor, &name)?;
            print_enrolment(&enrolment, *json, "password reset for")
        }
        UserCommand::Repair { username, role, json } => {
            let name = StaffName::parse(username)?;
            let role = Role::parse(role)?;
            let enrolment = vault.repair_staff(actor, &name, role)?;
            print_enrolment(&enrolment, *json, "fresh start for")
        }
    }
}
