//! `strongroom incident …`: the incident register, as its pages have it: report what went
//! wrong, list and show the register, move an incident on, weigh its severity.

use anyhow::Result;
use clap::Subcommand;
use serde::Serialize;
use strongroom_app::{TimelineEntry, Vault};
use strongroom_domain::{Actor, FreeText, Incident, IncidentId, IncidentKind, IncidentStatus, NewIncident, Severity};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::Cli;
use crate::open::open_vault;
use crate::output;

#[derive(Debug, Subcommand)]
pub enum IncidentCommand {
    /// Report something that went wrong; prints the incident's id. Anyone may.
    Report {
        /// phishing, lost-device, ransomware, wrong-recipient, suspicious-request or other
        #[arg(long)]
        kind: String,
        /// What happened, in your own words.
        #[arg(long)]
        summary: String,
        /// When it happened (RFC 3339, e.g. 2026-12-06T09:30:00+01:00), if you know; not in the future.
        #[arg(long)]
        occurred_at: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// The register, the latest reported first.
    List {
        /// Only incidents that are not closed.
        #[arg(long)]
        open: bool,
        #[arg(long)]
        json: bool,
    },
    /// One incident with its timeline.
    Show {
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// Move an incident to new, investigating, contained or closed.
    Status {
        id: String,
        status: String,
        #[arg(long)]
        json: bool,
    },
    /// Weigh a breach's severity by ENISA's method: SE = DPC × EI + CB.
    Severity {
        id: String,
        /// Data processing context, 1 to 4 (contact details 1, a list of luxury buyers 2,
        /// payment or identity documents 3, special categories 4).
        #[arg(long)]
        dpc: f64,
        /// Ease of identification: 0.25, 0.5, 0.75 or 1.
        #[arg(long)]
        ei: f64,
        /// Loss of confidentiality: 0, 0.25 (known recipients) or 0.5 (unknown).
        #[arg(long, default_value_t = 0.0)]
        confidentiality: f64,
        /// Loss of integrity: 0, 0.25 (recoverable) or 0.5 (not).
        #[arg(long, default_value_t = 0.0)]
        integrity: f64,
        /// Loss of availability: 0, 0.25 (temporary) or 0.5 (permanent).
        #[arg(long, default_value_t = 0.0)]
        availability: f64,
        /// Someone meant it (a theft, an attack): adds 0.5.
        #[arg(long)]
        malicious: bool,
        #[arg(long)]
        json: bool,
    },
}

/// An incident as `--json` shows it.
#[derive(Serialize)]
struct IncidentJson {
    id: String,
    kind: &'static str,
    status: &'static str,
    summary: String,
    occurred_at: Option<String>,
    reported_at: String,
    reported_by: String,
    severity: Option<SeverityJson>,
}

#[derive(Serialize)]
struct SeverityJson {
    score: f64,
    band: &'static str,
    dpc: f64,
    ei: f64,
    confidentiality: f64,
    integrity: f64,
    availability: f64,
    malicious: bool,
    /// What the band proposes (a person decides).
    notify_authority: bool,
    tell_people: bool,
}

impl SeverityJson {
    fn of(severity: &Severity) -> SeverityJson {
        let quarters = |q: u8| f64::from(q) / 4.0;
        SeverityJson {
            score: severity.score(),
            band: severity.band().as_str(),
            dpc: quarters(severity.dpc_quarters),
            ei: quarters(severity.ei_quarters),
            confidentiality: quarters(severity.confidentiality_quarters),
            integrity: quarters(severity.integrity_quarters),
            availability: quarters(severity.availability_quarters),
            malicious: severity.malicious,
            notify_authority: severity.band().proposes_notifying_authority(),
            tell_people: severity.band().proposes_telling_people(),
        }
    }
}

fn rfc3339(at: OffsetDateTime) -> String {
    at.format(&Rfc3339).unwrap_or_default()
}

impl IncidentJson {
    fn of(incident: &Incident) -> IncidentJson {
        IncidentJson {
            id: incident.id.to_string(),
            kind: incident.kind.as_str(),
            status: incident.status.as_str(),
            summary: incident.summary.to_string(),
            occurred_at: incident.occurred_at.map(rfc3339),
            reported_at: rfc3339(incident.reported_at),
            reported_by: incident.reported_by.clone(),
            severity: incident.severity.as_ref().map(SeverityJson::of),
        }
    }
}

pub fn run(cli: &Cli, command: &IncidentCommand, actor: &Actor) -> Result<()> {
    let vault = open_vault(cli)?;
    match command {
        IncidentCommand::Report { kind, summary, occurred_at, json } => {
            let occurred_at = occurred_at
                .as_deref()
                .map(|text| {
                    OffsetDateTime::parse(text, &Rfc3339)
                        .map_err(|_| anyhow::anyhow!("occurred at: {text:?} is not an RFC 3339 time (2026-12-06T09:30:00+01:00)"))
                })
                .transpose()?;
            let new =
                NewIncident::new(IncidentKind::parse(kind)?, FreeText::parse("summary", summary)?, occurred_at, OffsetDateTime::now_utc())?;
            let id = vault.report_incident(actor, new)?;
            if *json {
                return output::json(&serde_json::json!({ "id": id.to_string() }));
            }
            println!("{id}");
            eprintln!("reported; the owner and the privacy officer see it on their start page");
            Ok(())
        }
        IncidentCommand::List { open, json } => {
            let incidents = vault.incidents(actor, *open)?;
            if *json {
                return output::json(&serde_json::json!({ "incidents": incidents.iter().map(IncidentJson::of).collect::<Vec<_>>() }));
            }
            for incident in &incidents {
                println!(
                    "{}  {:<18} {:<13} {}  {}",
                    incident.id,
                    incident.kind.as_str(),
                    incident.status.as_str(),
                    rfc3339(incident.reported_at),
                    incident.reported_by
                );
            }
            if incidents.is_empty() {
                eprintln!("no incidents");
            }
            Ok(())
        }
        IncidentCommand::Show { id, json } => show(&vault, actor, IncidentId::parse(id)?, *json),
        IncidentCommand::Status { id, status, json } => {
            let incident = vault.set_incident_status(actor, IncidentId::parse(id)?, IncidentStatus::parse(status)?)?;
            print_changed(&incident, *json)
        }
        IncidentCommand::Severity { id, dpc, ei, confidentiality, integrity, availability, malicious, json } => {
            let severity = Severity::new(*dpc, *ei, *confidentiality, *integrity, *availability, *malicious)?;
            let incident = vault.assess_incident(actor, IncidentId::parse(id)?, severity)?;
            if *json {
                return output::json(&SeverityJson::of(&severity));
            }
            let band = severity.band();
            println!("severity {:.2}: {}", severity.score(), band.as_str().replace('_', " "));
            let proposal = if band.proposes_telling_people() {
                "notify the supervisory authority within 72 hours, and tell the people affected (unless the data were unreadable to whoever got them)"
            } else if band.proposes_notifying_authority() {
                "notify the supervisory authority within 72 hours of becoming aware"
            } else {
                "record it in the register; no notification is proposed"
            };
            eprintln!("proposed for incident {}: {proposal}; a person decides", incident.id);
            Ok(())
        }
    }
}

fn show(vault: &Vault, actor: &Actor, id: IncidentId, json: bool) -> Result<()> {
    let (incident, timeline) = vault.incident(actor, id)?;
    if json {
        let mut value = serde_json::to_value(IncidentJson::of(&incident))?;
        value["timeline"] = serde_json::json!(timeline.iter().map(timeline_json).collect::<Vec<_>>());
        return output::json(&value);
    }
    println!("{} ({}), {}", incident.kind.as_str(), incident.status.as_str(), incident.id);
    println!("reported {} by {}", rfc3339(incident.reported_at), incident.reported_by);
    if let Some(at) = incident.occurred_at {
        println!("happened {}", rfc3339(at));
    }
    if let Some(severity) = &incident.severity {
        println!("severity {:.2}: {}", severity.score(), severity.band().as_str().replace('_', " "));
    }
    println!("\n{}\n", incident.summary);
    for entry in &timeline {
        println!("{}  {:<16} {}  {}", rfc3339(entry.at), entry.action, entry.actor, entry.detail.as_deref().unwrap_or(""));
    }
    Ok(())
}

fn timeline_json(entry: &TimelineEntry) -> serde_json::Value {
    serde_json::json!({ "at": rfc3339(entry.at), "actor": entry.actor, "action": entry.action, "detail": entry.detail })
}

fn print_changed(incident: &Incident, json: bool) -> Result<()> {
    if json {
        return output::json(&IncidentJson::of(incident));
    }
    println!("{} is {}", incident.id, incident.status.as_str());
    Ok(())
}
