//! `strongroom secret add|list|reveal|due|change|remove|generate`: the shop's password vault.
//! `add` takes the password from a file (`--password-file`, its first line, or `-` for standard
//! input), never from the command line, and shares the entry with `--share role:manager` or
//! `--share person:anna=view` (each as often as needed); `--json` gives its `id`. `list --json`
//! never holds a password; `reveal ID` prints one, recorded against the entry; `due --json`
//! lists the entries to change and why.

use std::io::Read;
use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use clap::Subcommand;
use serde::Serialize;
use strongroom_app::secrets::{NewSecret, Reveal, SecretChange, SecretEntry, generate_passphrase, generate_password};
use strongroom_domain::{Actor, SecretFlag, SecretInfo, SecretText, Share, parse_totp_secret};
use uuid::Uuid;
use zeroize::Zeroizing;

use crate::Cli;
use crate::open::open_vault;
use crate::output;
use crate::parsing::{every_problem, today};

#[derive(Debug, Subcommand)]
pub enum SecretCommand {
    /// Add an entry: the owner or a manager (who then manages it).
    Add {
        #[arg(long)]
        name: String,
        #[arg(long, default_value = "")]
        url: String,
        #[arg(long, default_value = "")]
        username: String,
        /// A file whose first line is the password (`-`: standard input).
        #[arg(long)]
        password_file: PathBuf,
        /// A file holding the site's TOTP secret (base32), if it has one.
        #[arg(long)]
        totp_file: Option<PathBuf>,
        #[arg(long, default_value = "")]
        notes: String,
        /// `role:ROLE` or `person:NAME`, with `=use` (copy only, the default), `=view` or
        /// `=manage`; as often as needed.
        #[arg(long)]
        share: Vec<String>,
        #[arg(long)]
        json: bool,
    },
    /// The entries shared with you, with what is wrong with each; never a password.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Print an entry's password (and its TOTP code): recorded, and the owner sees it.
    Reveal {
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// The entries to change: weak, used for another entry too, older than 90 days, or seen by
    /// someone who has left.
    Due {
        #[arg(long)]
        json: bool,
    },
    /// Give an entry a new password (from a file) or new shares; what is not given stays.
    Change {
        id: String,
        #[arg(long)]
        password_file: Option<PathBuf>,
        /// Replace the shares with these (`--share ""` shares with nobody but the owner).
        #[arg(long)]
        share: Option<Vec<String>>,
        #[arg(long)]
        json: bool,
    },
    /// Remove an entry; its key is destroyed with it.
    Remove { id: String },
    /// Import a Bitwarden or browser (Chrome, Edge, Firefox, Safari) CSV export: every entry,
    /// or none with each bad row named. Delete the export file afterwards.
    Import {
        file: PathBuf,
        /// Shares given to every imported entry (as with `add`).
        #[arg(long)]
        share: Vec<String>,
        #[arg(long)]
        json: bool,
    },
    /// Write every entry with its password to a new file (mode 600), as a Bitwarden CSV export:
    /// the owner's; recorded. Keep it off the shop's computers and delete it when done.
    Export {
        #[arg(long)]
        out: PathBuf,
    },
    /// Print a new random password (no vault needed), or with `--words N` a passphrase of N
    /// words from the EFF's list (easier to type from a phone).
    Generate {
        #[arg(long, default_value_t = 20)]
        length: usize,
        /// Leave out symbols (for sites that refuse them).
        #[arg(long)]
        no_symbols: bool,
        /// A passphrase of this many words (4 to 10) instead.
        #[arg(long)]
        words: Option<usize>,
    },
}

#[derive(Serialize)]
struct EntryJson {
    id: Uuid,
    name: String,
    url: Option<String>,
    username: String,
    shares: Vec<String>,
    /// How far you may go with it: use, view or manage.
    access: &'static str,
    totp: bool,
    changed_on: String,
    created_by: String,
    flags: Vec<String>,
}

/// A flag in words, as the JSON and the list give it.
fn flag_words(flag: &SecretFlag) -> String {
    match flag {
        SecretFlag::Weak => "weak".into(),
        SecretFlag::Reused(others) if others.is_empty() => "reused".into(),
        SecretFlag::Reused(others) => format!("reused: {}", others.join(", ")),
        SecretFlag::Old(days) => format!("changed {days} days ago"),
        SecretFlag::SeenByLeavers(names) => format!("seen by {} who left", names.join(", ")),
    }
}

fn entry_json(entry: &SecretEntry) -> EntryJson {
    EntryJson {
        id: entry.id,
        name: entry.info.name.to_string(),
        url: entry.info.url.clone(),
        username: entry.info.username.clone(),
        shares: entry.info.shares.iter().map(ToString::to_string).collect(),
        access: entry.level.as_str(),
        totp: entry.has_totp,
        changed_on: entry.changed_on.to_string(),
        created_by: entry.created_by.clone(),
        flags: entry.flags.iter().map(flag_words).collect(),
    }
}

/// The first line of a file (or of standard input, `-`), kept out of memory once used.
fn first_line(path: &PathBuf) -> Result<Zeroizing<String>> {
    let mut text = Zeroizing::new(String::new());
    if path.as_os_str() == "-" {
        std::io::stdin().take(64 * 1024).read_to_string(&mut text).context("reading standard input")?;
    } else {
        std::fs::File::open(path)
            .and_then(|file| file.take(64 * 1024).read_to_string(&mut text))
            .with_context(|| format!("cannot read {}", path.display()))?;
    }
    Ok(Zeroizing::new(text.lines().next().unwrap_or_default().to_owned()))
}

fn shares(given: &[String]) -> Result<Vec<Share>> {
    let (shares, problems): (Vec<_>, Vec<_>) =
        given.iter().filter(|share| !share.trim().is_empty()).map(|share| Share::parse(share)).partition(Result::is_ok);
    if !problems.is_empty() {
        return Err(every_problem(problems.into_iter().filter_map(Result::err).collect()));
    }
    Ok(shares.into_iter().filter_map(Result::ok).collect())
}

fn secret_id(text: &str) -> Result<Uuid> {
    Uuid::parse_str(text.trim()).with_context(|| format!("{text:?} is not an entry's id (see `strongroom secret list`)"))
}

pub fn run(cli: &Cli, command: &SecretCommand, actor: &Actor) -> Result<()> {
    if let SecretCommand::Generate { length, no_symbols, words } = command {
        match words {
            Some(words) => println!("{}", *generate_passphrase(*words)?),
            None => println!("{}", *generate_password(*length, !no_symbols)?),
        }
        return Ok(());
    }
    let vault = open_vault(cli)?;
    let today = today();
    match command {
        SecretCommand::Add { name, url, username, password_file, totp_file, notes, share, json } => {
            let info = SecretInfo::parse(name, url, username, notes, shares(share)?)?;
            let password = SecretText::parse("password", &first_line(password_file)?)?;
            let totp = totp_file
                .as_ref()
                .map(|path| first_line(path).and_then(|text| Ok(Zeroizing::new(parse_totp_secret(&text)?))))
                .transpose()?;
            let id = vault.add_secret(actor, NewSecret { info, password, totp }, today)?;
            if *json {
                return output::json(&serde_json::json!({ "id": id }));
            }
            println!("added {id}");
        }
        SecretCommand::List { json } | SecretCommand::Due { json } => {
            let entries = if matches!(command, SecretCommand::Due { .. }) {
                vault.secrets_due(actor, today)?
            } else {
                vault.secrets(actor, today)?
            };
            if *json {
                return output::json(&entries.iter().map(entry_json).collect::<Vec<_>>());
            }
            for entry in &entries {
                let flags: Vec<String> = entry.flags.iter().map(flag_words).collect();
                println!(
                    "{}  {:<28} {:<24} {:<7} {}",
                    entry.id,
                    entry.info.name,
                    entry.info.username,
                    entry.level.as_str(),
                    flags.join("; ")
                );
            }
            eprintln!("{} entries", entries.len());
        }
        SecretCommand::Reveal { id, json } => {
            let revealed = vault.reveal_secret(actor, secret_id(id)?, Reveal::Show)?;
            if *json {
                return output::json(&serde_json::json!({ "password": *revealed.password, "totp_code": revealed.totp_code }));
            }
            println!("{}", *revealed.password);
            if let Some(code) = revealed.totp_code {
                println!("TOTP code: {code}");
            }
        }
        SecretCommand::Change { id, password_file, share, json } => {
            let id = secret_id(id)?;
            let Some(entry) = vault.secrets(actor, today)?.into_iter().find(|entry| entry.id == id) else {
                bail!("no entry {id} is shared with you");
            };
            let mut info = entry.info.clone();
            if let Some(given) = share {
                info.shares = shares(given)?;
            }
            let password = password_file
                .as_ref()
                .map(|path| first_line(path).and_then(|text| Ok(SecretText::parse("password", &text)?)))
                .transpose()?;
            vault.update_secret(actor, id, SecretChange { info, password, totp: None }, entry.updated_at, today)?;
            if *json {
                return output::json(&serde_json::json!({ "id": id, "changed": true }));
            }
            println!("changed {id}");
        }
        SecretCommand::Import { file, share, json } => import(&vault, actor, file, share, *json, today)?,
        SecretCommand::Export { out } => export(&vault, actor, out)?,
        SecretCommand::Remove { id } => {
            vault.delete_secret(actor, secret_id(id)?, None)?;
            println!("removed {id}");
        }
        SecretCommand::Generate { .. } => {}
    }
    Ok(())
}

/// `secret import`: an export read whole and imported, or refused naming each bad row.
fn import(vault: &strongroom_app::Vault, actor: &Actor, file: &PathBuf, share: &[String], json: bool, today: time::Date) -> Result<()> {
    let limit = strongroom_app::secrets::MAX_IMPORT_BYTES as u64 + 1;
    let mut bytes = Zeroizing::new(Vec::new());
    std::fs::File::open(file)
        .and_then(|opened| opened.take(limit).read_to_end(&mut bytes))
        .with_context(|| format!("cannot read {}", file.display()))?;
    match vault.import_secrets(actor, &bytes, &shares(share)?, today) {
        Ok(counts) if json => return output::json(&counts),
        Ok(counts) => {
            println!("imported {} passwords; now delete {}", counts.imported, file.display());
            if counts.notes_left_out + counts.empty_left_out > 0 {
                println!(
                    "left out: {} secure notes and {} logins without a password (they stay in the export)",
                    counts.notes_left_out, counts.empty_left_out
                );
            }
        }
        Err(strongroom_app::AppError::RowsRejected { problems, .. }) => {
            if json {
                output::json(&serde_json::json!({ "imported": 0, "problems": problems }))?;
            } else {
                for problem in &problems {
                    eprintln!("line {}: {}: {}", problem.line, problem.field, problem.reason);
                }
            }
            bail!("the export was refused: {} problems; nothing was imported", problems.len());
        }
        Err(other) => return Err(other.into()),
    }
    Ok(())
}

/// `secret export`: every entry to a new file of mode 600.
fn export(vault: &strongroom_app::Vault, actor: &Actor, out: &PathBuf) -> Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let csv = vault.export_secrets(actor)?;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(out)
        .with_context(|| format!("cannot create {} (it must not exist yet)", out.display()))?;
    file.write_all(csv.as_bytes()).and_then(|()| file.sync_all()).with_context(|| format!("writing {}", out.display()))?;
    println!("exported to {}: every password unsealed; delete it when done", out.display());
    Ok(())
}
