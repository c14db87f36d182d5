//! `strongroom request …`: customers' requests under the GDPR, as the privacy page has them:
//! open one as it comes in, record the identity check, extend it once, answer or refuse it.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use clap::Subcommand;
use serde::Serialize;
use strongroom_app::{Closing, Request, Vault};
use strongroom_domain::{Actor, CustomerId, FreeText, Language, NewRequest, RequestChannel, RequestId, RequestKind, parse_date};

use crate::Cli;
use crate::open::open_vault;
use crate::output::{self, rfc3339};
use crate::parsing::today;

#[derive(Debug, Subcommand)]
pub enum RequestCommand {
    /// Record a customer's request as it came in; prints its id and the day it is due (one
    /// month after receipt). Privacy officer and owner.
    Open {
        #[arg(long)]
        customer: String,
        /// access, rectification, erasure, restriction, portability, objection or withdrawal
        #[arg(long)]
        kind: String,
        /// The day it came in, YYYY-MM-DD (not in the future).
        #[arg(long)]
        received: String,
        /// How the person's identity was checked (required before anything is disclosed or
        /// destroyed; may be recorded later with `request identity`).
        #[arg(long)]
        identity_check: Option<String>,
        /// counter, email, phone, letter or webshop
        #[arg(long, default_value = "counter")]
        channel: String,
        #[arg(long)]
        json: bool,
    },
    /// Record how the person's identity was checked.
    Identity {
        id: String,
        #[arg(long)]
        check: String,
        #[arg(long)]
        json: bool,
    },
    /// Give a request two further months, once and within its first month, with the reason
    /// that must be told to the person.
    Extend {
        id: String,
        #[arg(long)]
        reason: String,
        #[arg(long)]
        json: bool,
    },
    /// Close a request as answered, with the reply given to the person (after the identity check).
    Answer {
        id: String,
        #[arg(long)]
        reply: String,
        #[arg(long)]
        json: bool,
    },
    /// Close a request as refused, with the reason told to the person.
    Refuse {
        id: String,
        #[arg(long)]
        reply: String,
        #[arg(long)]
        json: bool,
    },
    /// The register: pending requests by due day, then the latest closed.
    List {
        /// Only requests still waiting for an answer.
        #[arg(long)]
        pending: bool,
        /// Only this customer's.
        #[arg(long)]
        customer: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// The customer's complete data for an access or portability request (after the identity
    /// check): a JSON file another system can read and a readable copy (HTML, to print or save
    /// as a PDF), written into DIR, readable by this account only. Recorded as a disclosure.
    Export {
        id: String,
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// The readable copy's language: en or nl.
        #[arg(long, default_value = "en")]
        lang: String,
        /// Leave the identity records out, with the legal reason (kept with the request).
        #[arg(long, value_name = "REASON")]
        withhold_aml: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Carry out what an erasure or a restriction request asks (after the identity check), which
    /// answers it. Erasure: the customer's data is destroyed for good, except what the law keeps
    /// (identity records five years, sales for the tax term), and the reply says what was kept
    /// and why. Restriction: the record is then only stored, and opens only for a legal claim.
    Complete {
        id: String,
        /// The reply's language: en or nl.
        #[arg(long, default_value = "en")]
        lang: String,
        /// Only show what an erasure would delete and keep; change nothing.
        #[arg(long)]
        dry_run: bool,
        #[arg(long)]
        json: bool,
    },
    /// Lift the restriction a restriction request set, once its reason has ended; the person
    /// must be told first (Art. 18(3)).
    LiftRestriction {
        id: String,
        /// Why, and when the person was told (kept with the request, sealed).
        #[arg(long)]
        reason: String,
        #[arg(long)]
        json: bool,
    },
    /// One request with what was written about it.
    Show {
        id: String,
        #[arg(long)]
        json: bool,
    },
}

/// The export's two files, made (empty, readable by this account only, never over an existing
/// file) before anything is disclosed, then filled.
struct ExportFiles {
    json: (PathBuf, std::fs::File),
    html: (PathBuf, std::fs::File),
}

impl ExportFiles {
    fn create(dir: &Path, id: RequestId) -> Result<ExportFiles> {
        use std::os::unix::fs::OpenOptionsExt;
        std::fs::create_dir_all(dir).with_context(|| format!("cannot make {}", dir.display()))?;
        let now = time::OffsetDateTime::now_utc();
        let stem = format!("customer-data-{id}-{}-{:02}{:02}{:02}", now.date(), now.hour(), now.minute(), now.second());
        let open = |extension: &str| -> Result<(PathBuf, std::fs::File)> {
            let path = dir.join(format!("{stem}.{extension}"));
            let file = std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .mode(0o600)
                .open(&path)
                .with_context(|| format!("cannot write {} (is it there already?)", path.display()))?;
            Ok((path, file))
        };
        let json = open("json")?;
        match open("html") {
            Ok(html) => Ok(ExportFiles { json, html }),
            Err(error) => {
                let _ = std::fs::remove_file(&json.0);
                Err(error)
            }
        }
    }

    fn remove(self) {
        let _ = std::fs::remove_file(&self.json.0);
        let _ = std::fs::remove_file(&self.html.0);
    }

    fn fill(self, export: &strongroom_app::CustomerExport, language: Language) -> Result<Vec<PathBuf>> {
        use std::io::Write;
        let json = serde_json::to_string_pretty(&export.to_json())?;
        let html = strongroom_server::customer_export_document(language, export);
        let mut written = Vec::new();
        for ((path, mut file), body) in [(self.json, json), (self.html, html)] {
            file.write_all(body.as_bytes()).and_then(|()| file.sync_all()).with_context(|| format!("cannot write {}", path.display()))?;
            written.push(path);
        }
        Ok(written)
    }
}

/// A request as `--json` prints it.
#[derive(Serialize)]
pub(crate) struct RequestJson {
    id: String,
    customer: String,
    kind: &'static str,
    article: &'static str,
    channel: &'static str,
    status: &'static str,
    received: String,
    due: String,
    late: bool,
    opened_by: String,
    opened_at: String,
    closed_at: Option<String>,
    identity_checked: bool,
    /// `null` in the list, which opens nothing; `request show` gives it.
    identity_check: Option<String>,
    extension_reason: Option<String>,
    reply: Option<String>,
    identity_records_withheld: Option<String>,
    restriction_lifted: Option<String>,
}

impl RequestJson {
    pub(crate) fn of(request: &Request) -> RequestJson {
        RequestJson {
            id: request.id.to_string(),
            customer: request.customer.to_string(),
            kind: request.kind.as_str(),
            article: request.kind.article(),
            channel: request.channel.as_str(),
            status: request.status.as_str(),
            received: request.received.to_string(),
            due: request.due.to_string(),
            late: request.late(today()),
            opened_by: request.opened_by.clone(),
            opened_at: rfc3339(request.opened_at),
            closed_at: request.closed_at.map(rfc3339),
            identity_checked: request.identity_checked,
            identity_check: request.identity_check.clone(),
            extension_reason: request.extension_reason.clone(),
            reply: request.reply.clone(),
            identity_records_withheld: request.aml_withheld.clone(),
            restriction_lifted: request.lifted.clone(),
        }
    }
}

pub(crate) fn print(request: &Request, json: bool) -> Result<()> {
    if json {
        return output::json(&RequestJson::of(request));
    }
    let late = if request.late(today()) { " (late)" } else { "" };
    println!("{}  {} request ({})  {}", request.id, request.kind.as_str(), request.kind.article(), request.status.as_str());
    println!("customer: {}", request.customer);
    println!("received: {} by {}; due {}{late}", request.received, request.channel.as_str(), request.due);
    println!("identity check: {}", request.identity_check.as_deref().unwrap_or("not yet recorded"));
    if let Some(reason) = &request.extension_reason {
        println!("extended: {reason}");
    }
    if let Some(reply) = &request.reply {
        println!("reply: {reply}");
    }
    Ok(())
}

pub fn run(cli: &Cli, command: &RequestCommand, actor: &Actor) -> Result<()> {
    let vault: Vault = open_vault(cli)?;
    let text = |field: &'static str, value: &str| FreeText::parse(field, value);
    match command {
        RequestCommand::Open { customer, kind, received, identity_check, channel, json } => {
            let check = identity_check.as_deref().map(|check| text("identity_check", check)).transpose()?;
            let new = NewRequest::new(
                RequestKind::parse(kind)?,
                RequestChannel::parse(channel)?,
                parse_date("received", received)?,
                check,
                today(),
            )?;
            let request = vault.open_request(actor, CustomerId::parse(customer)?, new)?;
            if *json {
                output::json(&serde_json::json!({ "id": request.id.to_string(), "due": request.due.to_string() }))
            } else {
                println!("{}", request.id);
                eprintln!("{} request recorded; the answer is due {}", request.kind.as_str(), request.due);
                Ok(())
            }
        }
        RequestCommand::Identity { id, check, json } => {
            print(&vault.check_request_identity(actor, RequestId::parse(id)?, text("check", check)?)?, *json)
        }
        RequestCommand::Extend { id, reason, json } => {
            print(&vault.extend_request(actor, RequestId::parse(id)?, text("reason", reason)?, today())?, *json)
        }
        RequestCommand::Answer { id, reply, json } => {
            print(&vault.close_request(actor, RequestId::parse(id)?, Closing::Answered, text("reply", reply)?)?, *json)
        }
        RequestCommand::Refuse { id, reply, json } => {
            print(&vault.close_request(actor, RequestId::parse(id)?, Closing::Refused, text("reply", reply)?)?, *json)
        }
        RequestCommand::List { pending, customer, json } => {
            let customer = customer.as_deref().map(CustomerId::parse).transpose()?;
            let requests = vault.requests(actor, *pending, customer)?;
            if *json {
                return output::json(&requests.iter().map(RequestJson::of).collect::<Vec<_>>());
            }
            for request in &requests {
                let late = if request.late(today()) { "  LATE" } else { "" };
                println!(
                    "{}  {:<13} {:<9} due {}  customer {}{late}",
                    request.id,
                    request.kind.as_str(),
                    request.status.as_str(),
                    request.due,
                    request.customer
                );
            }
            Ok(())
        }
        RequestCommand::Show { id, json } => print(&vault.request(actor, RequestId::parse(id)?)?, *json),
        RequestCommand::Complete { id, lang, dry_run, json } => {
            complete(&vault, actor, RequestId::parse(id)?, Language::parse(lang)?, *dry_run, *json)
        }
        RequestCommand::LiftRestriction { id, reason, json } => {
            let request = vault.lift_restriction(actor, RequestId::parse(id)?, text("reason", reason)?)?;
            eprintln!("the restriction is lifted; the record opens for every purpose again");
            print(&request, *json)
        }
        RequestCommand::Export { id, out, lang, withhold_aml, json } => {
            export(&vault, actor, RequestId::parse(id)?, out, Language::parse(lang)?, withhold_aml.as_deref(), *json)
        }
    }
}

/// `request export`: the files made first, so a disclosure is recorded only when there is
/// somewhere to put it.
fn export(vault: &Vault, actor: &Actor, id: RequestId, out: &Path, language: Language, withhold: Option<&str>, json: bool) -> Result<()> {
    let withhold = withhold.map(|reason| FreeText::parse("withhold_aml", reason)).transpose()?;
    let files = ExportFiles::create(out, id)?;
    let export = match vault.export_request(actor, id, withhold) {
        Ok(export) => export,
        Err(error) => {
            files.remove();
            return Err(error.into());
        }
    };
    let written = files.fill(&export, language)?;
    if json {
        return output::json(&serde_json::json!({
            "request": export.request.id.to_string(),
            "customer": export.record.customer.id.to_string(),
            "files": written,
            "identity_records_withheld": export.aml_withheld,
        }));
    }
    for file in &written {
        println!("{}", file.display());
    }
    eprintln!("the customer's data was written; the files hold personal data: give them to the customer only, then delete them");
    Ok(())
}

/// `request complete`: an erasure carried out (or, dry, planned), or a restriction set.
fn complete(vault: &Vault, actor: &Actor, id: RequestId, language: Language, dry_run: bool, json: bool) -> Result<()> {
    let request = vault.request(actor, id)?;
    match request.kind {
        RequestKind::Erasure if dry_run => {
            let plan = vault.erasure_plan(actor, id, today())?;
            if json {
                return output::json(&serde_json::json!({ "dry_run": true, "erasure": crate::erasure::plan_json(&plan) }));
            }
            crate::erasure::print_plan(&plan);
            eprintln!("nothing was changed (--dry-run)");
            Ok(())
        }
        RequestKind::Erasure => {
            let (request, erased) = vault.complete_erasure(actor, id, today(), language)?;
            if json {
                let mut erasure = crate::erasure::plan_json(&erased.plan);
                erasure["purged"] = erased.purged.into();
                erasure["limit"] = erased.limit.into();
                return output::json(&serde_json::json!({ "request": RequestJson::of(&request), "erasure": erasure }));
            }
            crate::erasure::print_plan(&erased.plan);
            print(&request, false)?;
            if !erased.purged {
                eprintln!(
                    "the purge of the database's log could not finish now (another process is reading); it is finished later, and recorded"
                );
            }
            Ok(())
        }
        RequestKind::Restriction if dry_run => {
            eprintln!("a restriction only marks the record; nothing was changed (--dry-run)");
            Ok(())
        }
        RequestKind::Restriction => {
            let reply = FreeText::parse("reply", strongroom_app::restriction_reply(language))?;
            print(&vault.complete_restriction(actor, id, reply)?, json)
        }
        other => anyhow::bail!(
            "a request for {} is answered with `request answer` (or refused with `request refuse`); only erasure and restriction are completed",
            other.as_str()
        ),
    }
}
