//! `strongroom incident …`: the incident register, as its pages have it: report what went
//! wrong, list and show the register, move an incident on, weigh its severity.

use anyhow::Result;
use clap::Subcommand;
use serde::Serialize;
use strongroom_app::{Audience, Impact, TimelineEntry, Vault};
use strongroom_domain::{
    Actor, BreachRecord, BreachType, FreeText, Incident, IncidentId, IncidentKind, IncidentStatus, NewIncident, Severity, ShortText,
};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

mod letters;
mod steps;

use crate::Cli;
use crate::open::open_vault;
use crate::output::{self, rfc3339};
use crate::parsing::moment;

#[derive(Debug, Subcommand)]
pub enum IncidentCommand {
    /// Report something that went wrong; prints the incident's id. Anyone may.
    Report {
        /// phishing, lost-device, ransomware, wrong-recipient, suspicious-request, insider, stolen-stock or other
        #[arg(long)]
        kind: String,
        /// What happened, in your own words.
        #[arg(long)]
        summary: String,
        /// When it happened (RFC 3339, e.g. 2026-12-06T09:30:00+01:00), if you know; not in the future.
        #[arg(long)]
        occurred_at: Option<String>,
        /// A made-up incident to practise the response on (owner and privacy officer): timed and
        /// recorded, never counted as a real breach.
        #[arg(long)]
        drill: bool,
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
    /// Record that an incident is a personal-data breach, or change its record (what is not
    /// given keeps its earlier value). Prints the record with its 72-hour deadline.
    Breach(BreachArgs),
    /// Which customers a compromised account read or changed in a time window, from the audit
    /// trail, attached to the incident as evidence (ids and counts, never a name).
    Impact {
        id: String,
        /// The staff member's user name, or the API token's name.
        #[arg(long)]
        actor: String,
        /// RFC 3339, or a day (its start, UTC).
        #[arg(long)]
        since: String,
        #[arg(long)]
        until: String,
        #[arg(long)]
        json: bool,
    },
    /// Draft the letter to the supervisory authority, the customers affected or the staff, from
    /// the breach record; `[…]` marks what is still to be written.
    Letters {
        id: String,
        /// authority, customers or staff
        #[arg(long)]
        to: String,
        /// en or nl
        #[arg(long, default_value = "en")]
        lang: String,
        #[arg(long)]
        json: bool,
    },
    /// Queue the letter to every customer in the breach's evidence who has an e-mail address,
    /// one each (never twice); `[name]` in the text becomes each customer's name. `mail send`
    /// (or `serve`, by itself) hands them to the mail server.
    SendLetters {
        id: String,
        #[arg(long)]
        subject: String,
        /// A file with the letter's text (start from `incident letters ID --to customers`).
        #[arg(long)]
        body_file: std::path::PathBuf,
        /// The letter's language (en or nl), kept with the version.
        #[arg(long, default_value = "en")]
        lang: String,
        #[arg(long)]
        json: bool,
    },
    /// Keep a letter as it is now, as a new version (`--sent` when it went to its audience:
    /// for the authority, a phase of the notification).
    SaveLetter {
        id: String,
        /// authority, customers or staff
        #[arg(long)]
        to: String,
        #[arg(long, default_value = "en")]
        lang: String,
        #[arg(long)]
        subject: String,
        #[arg(long)]
        body_file: std::path::PathBuf,
        #[arg(long)]
        sent: bool,
        #[arg(long)]
        json: bool,
    },
    /// Start the response steps of the incident's kind (its playbook), each with its due time.
    Playbook {
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// Add a step of the shop's own to one incident.
    AddStep {
        id: String,
        #[arg(long)]
        text: String,
        /// Due this many hours from now (0 to 720).
        #[arg(long, default_value_t = 24)]
        hours: i64,
        #[arg(long)]
        json: bool,
    },
    /// The response steps per kind of incident, as the shop runs them.
    Playbooks {
        #[arg(long)]
        json: bool,
    },
    /// Change a kind's steps: add one of the shop's own, leave one out (its position from
    /// `incident playbooks`, from 0), or go back to the built-in steps.
    PlaybookChange {
        kind: String,
        #[arg(long, conflicts_with_all = ["leave_out", "reset"])]
        add: Option<String>,
        #[arg(long, default_value_t = 24)]
        hours: i64,
        #[arg(long, conflicts_with = "reset")]
        leave_out: Option<usize>,
        #[arg(long)]
        reset: bool,
        #[arg(long)]
        json: bool,
    },
    /// Mark a response step done (its number from `incident show`).
    Done { id: String, step: i64 },
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

#[derive(Debug, clap::Args)]
pub struct BreachArgs {
    pub id: String,
    /// When the shop became aware that personal data were breached: the 72-hour clock starts
    /// here (RFC 3339), not when it happened or was first noticed.
    #[arg(long)]
    pub became_aware_at: Option<String>,
    /// confidentiality, integrity, availability (comma-separated)
    #[arg(long = "type", value_delimiter = ',')]
    pub types: Vec<String>,
    /// The kinds of personal data involved, in plain words.
    #[arg(long)]
    pub data_categories: Option<String>,
    /// Approximately how many people.
    #[arg(long)]
    pub people: Option<u64>,
    /// Approximately how many records.
    #[arg(long)]
    pub records: Option<u64>,
    #[arg(long)]
    pub consequences: Option<String>,
    #[arg(long)]
    pub measures: Option<String>,
    /// For a lost device or leaked backup: were the data encrypted (true or false)?
    #[arg(long)]
    pub data_encrypted: Option<bool>,
    /// And did the key go with them?
    #[arg(long)]
    pub key_taken: Option<bool>,
    /// When the supervisory authority was notified (RFC 3339).
    #[arg(long)]
    pub notified_at: Option<String>,
    #[arg(long)]
    pub authority_reference: Option<String>,
    /// Why the notification came later than 72 hours (required then).
    #[arg(long)]
    pub delay_reason: Option<String>,
    #[arg(long)]
    pub json: bool,
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
    outcome: &'static str,
    breach: Option<BreachJson>,
    drill: bool,
}

#[derive(Serialize)]
struct BreachJson {
    became_aware_at: String,
    deadline: String,
    late: bool,
    types: Vec<&'static str>,
    data_categories: Option<String>,
    people: Option<u64>,
    records: Option<u64>,
    consequences: Option<String>,
    measures: Option<String>,
    data_encrypted: Option<bool>,
    key_taken: Option<bool>,
    /// Art. 34(3)(a): encrypted, and the key not taken.
    unintelligible: bool,
    notified_at: Option<String>,
    authority_reference: Option<String>,
    delay_reason: Option<String>,
}

impl BreachJson {
    fn of(record: &BreachRecord) -> BreachJson {
        let text = |value: &Option<FreeText>| value.as_ref().map(ToString::to_string);
        BreachJson {
            became_aware_at: rfc3339(record.became_aware_at),
            deadline: rfc3339(record.deadline()),
            late: record.late(OffsetDateTime::now_utc()),
            types: record.types.iter().map(BreachType::as_str).collect(),
            data_categories: text(&record.data_categories),
            people: record.people,
            records: record.records,
            consequences: text(&record.consequences),
            measures: text(&record.measures),
            data_encrypted: record.data_encrypted,
            key_taken: record.key_taken,
            unintelligible: record.unintelligible(),
            notified_at: record.notified_at.map(rfc3339),
            authority_reference: record.authority_reference.as_ref().map(ToString::to_string),
            delay_reason: text(&record.delay_reason),
        }
    }
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
            outcome: incident.outcome().as_str(),
            breach: incident.breach.as_ref().map(BreachJson::of),
            drill: incident.drill,
        }
    }
}

pub fn run(cli: &Cli, command: &IncidentCommand, actor: &Actor) -> Result<()> {
    let vault = open_vault(cli)?;
    match command {
        IncidentCommand::Breach(args) => breach(&vault, actor, args),
        IncidentCommand::Playbook { id, json } => steps::start(&vault, actor, IncidentId::parse(id)?, *json),
        IncidentCommand::AddStep { id, text, hours, json } => steps::add(&vault, actor, IncidentId::parse(id)?, text, *hours, *json),
        IncidentCommand::Playbooks { json } => steps::playbooks(&vault, actor, *json),
        IncidentCommand::PlaybookChange { kind, add, hours, leave_out, reset, json } => steps::change(
            &vault,
            actor,
            IncidentKind::parse(kind)?,
            steps::Change { add, hours: *hours, leave_out: *leave_out, reset: *reset },
            *json,
        ),
        IncidentCommand::Done { id, step } => steps::done(&vault, actor, IncidentId::parse(id)?, *step),
        IncidentCommand::Letters { id, to, lang, json } => letters::draft(&vault, actor, IncidentId::parse(id)?, to, lang, *json),
        IncidentCommand::SaveLetter { id, to, lang, subject, body_file, sent, json } => {
            let text = letters::Text { subject, body_file, lang };
            letters::save(&vault, actor, IncidentId::parse(id)?, Audience::parse(to)?, &text, *sent, *json)
        }
        IncidentCommand::SendLetters { id, subject, body_file, lang, json } => {
            letters::send(&vault, actor, IncidentId::parse(id)?, &letters::Text { subject, body_file, lang }, *json)
        }
        IncidentCommand::Impact { id, actor: account, since, until, json } => {
            let impact = vault.incident_impact(actor, IncidentId::parse(id)?, account, moment(since)?, moment(until)?)?;
            if *json {
                return output::json(&impact_json(&impact));
            }
            println!(
                "{account} reached {} customers ({} records opened) from {} until {}",
                impact.customers,
                impact.records_opened,
                rfc3339(impact.since),
                rfc3339(impact.until)
            );
            for (category, count) in &impact.categories {
                println!("  {category}: {count}");
            }
            Ok(())
        }
        IncidentCommand::Report { kind, summary, occurred_at, drill, json } => {
            let occurred_at = occurred_at.as_deref().map(|text| exact_moment("occurred at", text)).transpose()?;
            let new =
                NewIncident::new(IncidentKind::parse(kind)?, FreeText::parse("summary", summary)?, occurred_at, OffsetDateTime::now_utc())?;
            let id = vault.report_incident(actor, if *drill { new.as_drill() } else { new })?;
            if *json {
                return output::json(&serde_json::json!({ "id": id.to_string() }));
            }
            println!("{id}");
            eprintln!("reported; the owner and the privacy officer see it on their start page");
            Ok(())
        }
        IncidentCommand::List { open, json } => list(&vault, actor, *open, *json),
        IncidentCommand::Show { id, json } => show(&vault, actor, IncidentId::parse(id)?, *json),
        IncidentCommand::Status { id, status, json } => {
            let incident = vault.set_incident_status(actor, IncidentId::parse(id)?, IncidentStatus::parse(status)?)?;
            print_changed(&incident, *json)
        }
        IncidentCommand::Severity { id, dpc, ei, confidentiality, integrity, availability, malicious, json } => {
            let severity = Severity::new(*dpc, *ei, *confidentiality, *integrity, *availability, *malicious)?;
            assess(&vault, actor, IncidentId::parse(id)?, severity, *json)
        }
    }
}

/// The register, the latest reported first.
fn list(vault: &Vault, actor: &Actor, open: bool, json: bool) -> Result<()> {
    let incidents = vault.incidents(actor, open)?;
    if json {
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

/// Records a severity assessment and says what its band proposes.
fn assess(vault: &Vault, actor: &Actor, id: IncidentId, severity: Severity, json: bool) -> Result<()> {
    let incident = vault.assess_incident(actor, id, severity)?;
    if json {
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

/// A moment of the breach's clock or the report, given on the command line: RFC 3339 only, so
/// that the time zone is never guessed.
fn exact_moment(field: &str, text: &str) -> Result<OffsetDateTime> {
    OffsetDateTime::parse(text, &Rfc3339)
        .map_err(|_| anyhow::anyhow!("{field}: {text:?} is not an RFC 3339 time with its offset (2026-12-06T09:30:00+01:00)"))
}

fn breach(vault: &Vault, actor: &Actor, args: &BreachArgs) -> Result<()> {
    let id = IncidentId::parse(&args.id)?;
    let earlier = vault.incident(actor, id)?.incident.breach;
    let free = |field: &'static str, given: &Option<String>, kept: Option<FreeText>| -> Result<Option<FreeText>> {
        Ok(match given {
            Some(text) => Some(FreeText::parse(field, text)?),
            None => kept,
        })
    };
    let became_aware_at = match (&args.became_aware_at, &earlier) {
        (Some(text), _) => exact_moment("became aware at", text)?,
        (None, Some(earlier)) => earlier.became_aware_at,
        (None, None) => anyhow::bail!("became aware at: give --became-aware-at: when the shop became aware of the breach"),
    };
    let earlier = earlier.unwrap_or_else(|| BreachRecord::aware_at(became_aware_at));
    let mut types = if args.types.is_empty() {
        earlier.types
    } else {
        args.types.iter().map(|kind| BreachType::parse(kind)).collect::<Result<Vec<_>, _>>()?
    };
    types.sort();
    types.dedup();
    let record = BreachRecord {
        became_aware_at,
        types,
        data_categories: free("data categories", &args.data_categories, earlier.data_categories)?,
        people: args.people.or(earlier.people),
        records: args.records.or(earlier.records),
        consequences: free("consequences", &args.consequences, earlier.consequences)?,
        measures: free("measures", &args.measures, earlier.measures)?,
        data_encrypted: args.data_encrypted.or(earlier.data_encrypted),
        key_taken: args.key_taken.or(earlier.key_taken),
        notified_at: args.notified_at.as_deref().map(|text| exact_moment("notified at", text)).transpose()?.or(earlier.notified_at),
        authority_reference: match &args.authority_reference {
            Some(text) => Some(ShortText::parse("authority reference", text)?),
            None => earlier.authority_reference,
        },
        delay_reason: free("delay reason", &args.delay_reason, earlier.delay_reason)?,
    };
    let incident = vault.record_breach(actor, id, record)?;
    let Some(record) = &incident.breach else { anyhow::bail!("the breach record was not kept") };
    if args.json {
        return output::json(&BreachJson::of(record));
    }
    println!("breach recorded: aware {}, notify the authority by {}", rfc3339(record.became_aware_at), rfc3339(record.deadline()));
    if let Some(notified) = record.notified_at {
        println!("notified {}{}", rfc3339(notified), if record.late(notified) { " (late: the delay's reason is kept)" } else { "" });
    }
    Ok(())
}

fn show(vault: &Vault, actor: &Actor, id: IncidentId, json: bool) -> Result<()> {
    let file = vault.incident(actor, id)?;
    let (incident, timeline) = (file.incident, file.timeline);
    if json {
        let mut value = serde_json::to_value(IncidentJson::of(&incident))?;
        value["timeline"] = serde_json::json!(timeline.iter().map(timeline_json).collect::<Vec<_>>());
        value["impacts"] = serde_json::json!(file.impacts.iter().map(impact_json).collect::<Vec<_>>());
        value["tasks"] = serde_json::json!(file.tasks.iter().map(steps::task_json).collect::<Vec<_>>());
        value["letters"] = serde_json::json!(
            file.letters
                .iter()
                .map(|kept| serde_json::json!({
                    "version": kept.version,
                    "to": kept.audience.as_str(),
                    "lang": kept.language.as_str(),
                    "saved_by": kept.saved_by,
                    "saved_at": rfc3339(kept.saved_at),
                    "sent_at": kept.sent_at.map(rfc3339),
                }))
                .collect::<Vec<_>>()
        );
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

fn impact_json(impact: &Impact) -> serde_json::Value {
    let categories: serde_json::Map<String, serde_json::Value> =
        impact.categories.iter().map(|(category, count)| (category.clone(), serde_json::json!(count))).collect();
    serde_json::json!({
        "account": impact.account,
        "since": rfc3339(impact.since),
        "until": rfc3339(impact.until),
        "customers": impact.customers,
        "records_opened": impact.records_opened,
        "categories": categories,
        "customer_ids": impact.customer_ids.iter().map(ToString::to_string).collect::<Vec<_>>(),
    })
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
