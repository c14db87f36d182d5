//! `strongroom report audit --out FILE`: the audit report as a page of its own (HTML, to print
//! or save as a PDF): the date, the scope, the results of the security desk, the findings, and a
//! checkpoint of the audit trail signed for it, which `audit verify --against FILE` accepts later.

use std::io::Write;
use std::os::unix::fs::OpenOptionsExt;
use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::Subcommand;
use strongroom_domain::{Actor, Language};

use crate::Cli;
use crate::open::open_vault;
use crate::output;
use crate::parsing::today;

#[derive(Debug, Subcommand)]
pub enum ReportCommand {
    /// The audit report, written to a new file.
    Audit {
        #[arg(long)]
        out: PathBuf,
        /// en or nl.
        #[arg(long, default_value = "en")]
        lang: String,
        #[arg(long)]
        json: bool,
    },
}

pub fn run(cli: &Cli, command: &ReportCommand, actor: &Actor) -> Result<()> {
    let ReportCommand::Audit { out, lang, json } = command;
    let language = Language::parse(lang)?;
    let vault = open_vault(cli)?;
    let report = vault.audit_report(actor, today(), true)?;
    let document = strongroom_server::audit_report_document(language, &report);
    // A new file only: a report is never written over another file or through a link.
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o640)
        .open(out)
        .with_context(|| format!("cannot create {} (it must not exist yet)", out.display()))?;
    file.write_all(document.as_bytes()).and_then(|()| file.sync_all()).with_context(|| format!("cannot write {}", out.display()))?;
    if *json {
        return output::json(&serde_json::json!({
            "file": out.display().to_string(),
            "score": report.score,
            "findings": report.desk.findings.len(),
            "trail_events": report.trail_events,
            "trail_ok": report.trail_ok,
        }));
    }
    println!(
        "wrote {}: score {}, {} findings, the trail's {} events checked",
        out.display(),
        report.score,
        report.desk.findings.len(),
        report.trail_events
    );
    Ok(())
}
