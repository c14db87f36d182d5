//! `strongroom device add|list|import|remove|tables`: the shop's devices and the programs that
//! matter on them, flagged against the end-of-life table and CISA's Known Exploited
//! Vulnerabilities catalogue (refreshed with `device tables --eol FILE --kev FILE`). The owner
//! changes them; the owner and the external auditor list them. Every change is recorded.

use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::{Args, Subcommand};
use serde::Serialize;
use strongroom_app::AppError;
use strongroom_app::desk::{DeviceEntry, RowProblem, Table};
use strongroom_domain::{Actor, Answer, Device, DeviceKind, Software};

use crate::Cli;
use crate::open::open_vault;
use crate::output;
use crate::parsing::today;

#[derive(Debug, Subcommand)]
pub enum DeviceCommand {
    /// Add a device; `--json` gives its `id`.
    Add(Box<AddDeviceArgs>),
    /// Every device with what is wrong with it (end of life, old updates, customer data on an
    /// unencrypted disk, exploited vulnerabilities, no virus scanner or firewall).
    List {
        #[arg(long)]
        json: bool,
    },
    /// Import devices from a CSV file (columns: name, kind, owner, os, os_version,
    /// disk_encryption, antivirus, firewall, automatic_updates, last_update, customer_data,
    /// programs, or their Dutch names): all rows or none, each problem named by line.
    Import {
        file: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// Remove a device.
    Remove { id: String },
    /// The end-of-life table and CISA's catalogue in use; `--eol` / `--kev` replace one with a
    /// newer file or the file at an https:// address (CISA's catalogue:
    /// https://www.cisa.gov/sites/default/files/feeds/known_exploited_vulnerabilities.json).
    Tables {
        #[arg(long)]
        eol: Option<String>,
        #[arg(long)]
        kev: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Args)]
pub struct AddDeviceArgs {
    /// What the shop calls it: "Counter PC".
    #[arg(long)]
    pub name: String,
    /// counter_pc, laptop, tablet, phone, router, card_terminal, camera_system, server, other.
    #[arg(long)]
    pub kind: String,
    /// Who uses or looks after it.
    #[arg(long, default_value = "")]
    pub owner: String,
    /// The operating system's name ("Windows") …
    #[arg(long)]
    pub os: Option<String>,
    /// … and its version ("11 24H2").
    #[arg(long, default_value = "")]
    pub os_version: String,
    /// yes, no or unknown (the same for the next three).
    #[arg(long, default_value = "unknown")]
    pub disk_encryption: String,
    #[arg(long, default_value = "unknown")]
    pub antivirus: String,
    #[arg(long, default_value = "unknown")]
    pub firewall: String,
    #[arg(long, default_value = "unknown")]
    pub automatic_updates: String,
    /// The day its last updates were installed, YYYY-MM-DD.
    #[arg(long)]
    pub last_update: Option<String>,
    /// Customer data is on it.
    #[arg(long)]
    pub customer_data: bool,
    /// A program that matters, "name" or "name@version"; repeatable.
    #[arg(long = "program")]
    pub programs: Vec<String>,
    #[arg(long)]
    pub json: bool,
}

impl AddDeviceArgs {
    fn device(&self) -> Result<Device> {
        Ok(Device {
            name: self.name.clone(),
            kind: DeviceKind::parse("kind", &self.kind)?,
            owner: self.owner.clone(),
            os: self.os.as_deref().map(|name| Software::parse("os", name, &self.os_version)).transpose()?,
            disk_encryption: Answer::parse("disk_encryption", &self.disk_encryption)?,
            antivirus: Answer::parse("antivirus", &self.antivirus)?,
            firewall: Answer::parse("firewall", &self.firewall)?,
            automatic_updates: Answer::parse("automatic_updates", &self.automatic_updates)?,
            last_update: self.last_update.as_deref().map(|day| strongroom_domain::parse_date("last_update", day)).transpose()?,
            customer_data: self.customer_data,
            programs: self.programs.iter().map(|program| Software::parse_listed("programs", program)).collect::<Result<_, _>>()?,
        })
    }
}

#[derive(Serialize)]
struct SoftwareJson {
    name: String,
    version: String,
}

#[derive(Serialize)]
struct FlagJson {
    id: &'static str,
    problem: bool,
    detail: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    cve: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    due: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    ransomware: Option<bool>,
}

/// A device as `device list --json` gives it.
#[derive(Serialize)]
struct DeviceJson {
    id: String,
    name: String,
    kind: &'static str,
    owner: String,
    os: Option<SoftwareJson>,
    disk_encryption: &'static str,
    antivirus: &'static str,
    firewall: &'static str,
    automatic_updates: &'static str,
    last_update: Option<String>,
    customer_data: bool,
    programs: Vec<SoftwareJson>,
    flags: Vec<FlagJson>,
}

fn software_json(software: &Software) -> SoftwareJson {
    SoftwareJson { name: software.name.clone(), version: software.version.clone() }
}

fn device_json(entry: &DeviceEntry) -> DeviceJson {
    let device = &entry.device;
    let flags = entry
        .flags
        .iter()
        .map(|flag| {
            let exploited = match flag {
                strongroom_domain::DeviceFlag::Exploited { newest, ransomware, .. } => Some((newest, *ransomware)),
                _ => None,
            };
            FlagJson {
                id: flag.id(),
                problem: flag.is_problem(),
                detail: flag.detail(),
                cve: exploited.map(|(newest, _)| newest.cve.clone()),
                due: exploited.map(|(newest, _)| newest.due.to_string()),
                ransomware: exploited.map(|(_, ransomware)| ransomware),
            }
        })
        .collect();
    DeviceJson {
        id: entry.id.hyphenated().to_string(),
        name: device.name.clone(),
        kind: device.kind.as_str(),
        owner: device.owner.clone(),
        os: device.os.as_ref().map(software_json),
        disk_encryption: device.disk_encryption.as_str(),
        antivirus: device.antivirus.as_str(),
        firewall: device.firewall.as_str(),
        automatic_updates: device.automatic_updates.as_str(),
        last_update: device.last_update.map(|day| day.to_string()),
        customer_data: device.customer_data,
        programs: device.programs.iter().map(software_json).collect(),
        flags,
    }
}

pub fn run(cli: &Cli, command: &DeviceCommand, actor: &Actor) -> Result<()> {
    let vault = open_vault(cli)?;
    match command {
        DeviceCommand::Add(args) => {
            let id = vault.add_device(actor, args.device()?)?;
            if args.json {
                return output::json(&serde_json::json!({ "id": id.hyphenated().to_string() }));
            }
            println!("added {} ({id})", args.name.trim());
            Ok(())
        }
        DeviceCommand::List { json } => {
            let list = vault.devices(actor, today())?;
            if *json {
                return output::json(&serde_json::json!({
                    "devices": list.devices.iter().map(device_json).collect::<Vec<_>>(),
                    "end_of_life_table": list.eol_checked.to_string(),
                    "kev_catalogue": list.kev_version,
                }));
            }
            for entry in &list.devices {
                let os = entry.device.os.as_ref().map(Software::display).unwrap_or_default();
                println!("{}  {} ({}) {os}", entry.id, entry.device.name, entry.device.kind.as_str());
                for flag in &entry.flags {
                    println!("    {} {}", if flag.is_problem() { "PROBLEM  " } else { "attention" }, flag.detail());
                }
            }
            println!("Judged by the end-of-life table of {} and CISA's catalogue {}.", list.eol_checked, list.kev_version);
            Ok(())
        }
        DeviceCommand::Import { file, json } => {
            let bytes = std::fs::read(file).with_context(|| format!("cannot read {}", file.display()))?;
            match vault.import_devices(actor, &bytes) {
                Ok(ids) if *json => {
                    let ids: Vec<String> = ids.iter().map(|id| id.hyphenated().to_string()).collect();
                    output::json(&serde_json::json!({ "imported": ids.len(), "ids": ids }))
                }
                Ok(ids) => {
                    println!("imported {} devices", ids.len());
                    Ok(())
                }
                Err(AppError::RowsRejected { problems, .. }) => {
                    if *json {
                        output::json(&serde_json::json!({ "imported": 0, "problems": problems }))?;
                    } else {
                        print_problems(&problems);
                    }
                    anyhow::bail!("the device list was refused: {} problems; nothing was imported", problems.len())
                }
                Err(other) => Err(other.into()),
            }
        }
        DeviceCommand::Remove { id } => {
            let id = uuid::Uuid::parse_str(id.trim()).map_err(|_| anyhow::anyhow!("{id:?} is not a device id"))?;
            vault.delete_device(actor, id, None)?;
            println!("removed");
            Ok(())
        }
        DeviceCommand::Tables { eol, kev, json } => tables(&vault, actor, eol.as_deref(), kev.as_deref(), *json),
    }
}

fn print_problems(problems: &[RowProblem]) {
    for problem in problems {
        eprintln!("line {}, {}: {}", problem.line, problem.field, problem.reason);
    }
}

/// `device tables`: the tables in use, after putting newer ones in use from files or addresses.
fn tables(vault: &strongroom_app::Vault, actor: &Actor, eol: Option<&str>, kev: Option<&str>, json: bool) -> Result<()> {
    let mut refreshed = Vec::new();
    for (table, source) in [(Table::EndOfLife, eol), (Table::Kev, kev)] {
        match source {
            Some(url) if url.starts_with("https://") || url.starts_with("http://") => {
                refreshed.push(vault.refresh_desk_table_from(actor, table, url)?);
            }
            Some(file) => {
                let bytes = std::fs::read(file).with_context(|| format!("cannot read {file}"))?;
                refreshed.push(vault.refresh_desk_table(actor, table, &bytes)?);
            }
            None => {}
        }
    }
    let tables = vault.desk_tables()?;
    if json {
        return output::json(&serde_json::json!({
            "refreshed": refreshed,
            "end_of_life_table": tables.eol.checked.to_string(),
            "end_of_life_built_in": tables.eol_built_in,
            "kev_catalogue": tables.kev.version,
            "kev_built_in": tables.kev_built_in,
            "kev_entries": tables.kev.entries.len(),
        }));
    }
    for line in &refreshed {
        println!("now in use: {line}");
    }
    println!("End-of-life table checked on {}{}.", tables.eol.checked, if tables.eol_built_in { " (built in)" } else { "" });
    println!(
        "CISA's catalogue version {}, {} vulnerabilities{}.",
        tables.kev.version,
        tables.kev.entries.len(),
        if tables.kev_built_in { " (built in)" } else { "" }
    );
    Ok(())
}
