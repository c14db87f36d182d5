//! `strongroom audit …`: verify the trail, take checkpoints to keep elsewhere, and prove single
//! events to an outsider, who checks the proof with `audit check-proof` and no vault at all.

use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use clap::Subcommand;
use serde::{Deserialize, Serialize};
use strongroom_app::{AuditQuery, Vault, check_consistency_proof, check_inclusion_proof};
use strongroom_audit::AuditEvent;
use strongroom_audit::{Hash, VerifierKey};
use strongroom_domain::Actor;
use strongroom_domain::CustomerId;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::Cli;
use crate::open::open_vault;
use crate::output;
use crate::parsing::moment;

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Show audit events, newest filters first: by customer, person, action and time.
    Log {
        #[arg(long)]
        customer: Option<String>,
        /// The person or system (the name the events record).
        #[arg(long)]
        actor: Option<String>,
        /// Such as customer.read, customer.update, purchase.create, audit.verify.
        #[arg(long)]
        action: Option<String>,
        /// From this moment (YYYY-MM-DD or RFC 3339), inclusive.
        #[arg(long)]
        since: Option<String>,
        /// Until this moment (YYYY-MM-DD or RFC 3339), exclusive.
        #[arg(long)]
        until: Option<String>,
        /// Start after this event number (the last one of the previous page).
        #[arg(long)]
        after: Option<u64>,
        #[arg(long, default_value_t = 100)]
        limit: usize,
        #[arg(long)]
        json: bool,
    },
    /// Everyone who looked at or changed one customer: when, why, which data.
    WhoAccessed {
        customer: String,
        #[arg(long)]
        json: bool,
    },
    /// The customers and data one person touched in a window (breach impact analysis).
    AccessedBy {
        actor: String,
        /// YYYY-MM-DD or RFC 3339.
        #[arg(long)]
        since: String,
        /// YYYY-MM-DD or RFC 3339; now by default.
        #[arg(long)]
        until: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Recompute the whole trail and check it against its tree and every signed checkpoint.
    Verify {
        /// A checkpoint you kept elsewhere: the trail must still contain exactly what it saw.
        #[arg(long)]
        against: Option<PathBuf>,
        #[arg(long)]
        json: bool,
    },
    /// Sign a checkpoint of the trail as it is now, to keep somewhere else (USB stick, email).
    Checkpoint {
        /// Write it to this file (it holds no secret and no personal data).
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// The trail's statistics: events, checkpoints, the last verification, and the last twelve
    /// months by month and kind (allowed, denied, failed), never an event's details.
    Stats {
        #[arg(long)]
        json: bool,
    },
    /// Print the public key that checks this trail's checkpoints.
    Key,
    /// Prove that event INDEX is in the trail, for someone to check without the vault.
    Prove {
        index: u64,
        /// Prove against this checkpoint (the one the checker holds) instead of the latest.
        #[arg(long)]
        against: Option<PathBuf>,
        /// Write the proof to this file instead of printing it.
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Prove that the trail's tree still holds, unchanged, every event a checkpoint you kept
    /// covers, and was only added to since (a consistency proof), for someone to check without
    /// the vault. (`audit verify` is what checks the stored events against the tree.)
    ProveConsistency {
        /// The checkpoint you kept (`audit checkpoint --out`).
        #[arg(long)]
        old: PathBuf,
        /// Write the proof to this file instead of printing it.
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Check a proof made by `audit prove-consistency` (needs no vault and no key file).
    CheckConsistency {
        proof: PathBuf,
        /// The checkpoint you kept: your own copy, not the one inside the proof file, as whoever
        /// holds the shop's key could sign another one of the same size.
        #[arg(long)]
        old: PathBuf,
        /// The trail's public key as you got it from the shop (`strongroom audit key`).
        #[arg(long)]
        key: String,
        #[arg(long)]
        json: bool,
    },
    /// Check a proof made by `audit prove` (needs no vault and no key file).
    CheckProof {
        proof: PathBuf,
        /// The checkpoint you hold; by default the one inside the proof file.
        #[arg(long)]
        checkpoint: Option<PathBuf>,
        /// The trail's public key as you got it from the shop (`strongroom audit key`); a key
        /// inside a proof file proves nothing, as whoever made the proof chose it.
        #[arg(long)]
        key: String,
        #[arg(long)]
        json: bool,
    },
}

/// The consistency proof file: both checkpoints and the hashes between them.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConsistencyFile {
    old_size: u64,
    new_size: u64,
    old_checkpoint: String,
    new_checkpoint: String,
    proof: Vec<String>,
    verifier_key: String,
}

/// The proof file: everything an outsider needs besides their own copy of the key.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ProofFile {
    index: u64,
    tree_size: u64,
    /// The event's canonical encoding, base64 (ids and categories only).
    event: String,
    proof: Vec<String>,
    checkpoint: String,
    verifier_key: String,
}

#[derive(Serialize)]
struct ProblemJson {
    index: Option<u64>,
    kind: &'static str,
    message: String,
}

#[derive(Serialize)]
struct VerifyJson {
    ok: bool,
    events: u64,
    tree_size: u64,
    checkpoints_checked: u64,
    against_size: Option<u64>,
    first_bad_index: Option<u64>,
    problems: Vec<ProblemJson>,
    /// Problems found beyond those listed.
    more_problems: u64,
}

fn micros_text(micros: i64) -> String {
    OffsetDateTime::from_unix_timestamp_nanos(i128::from(micros) * 1000).ok().and_then(|at| at.format(&Rfc3339).ok()).unwrap_or_default()
}

#[derive(Serialize)]
struct EventJson {
    seq: u64,
    at: String,
    actor_kind: String,
    actor: String,
    action: String,
    target_kind: Option<String>,
    target_id: Option<String>,
    categories: Vec<String>,
    purpose: Option<String>,
    client_addr: Option<String>,
    outcome: String,
    detail: Option<String>,
}

fn print_events(events: &[(u64, AuditEvent)], json: bool) -> Result<()> {
    let rows: Vec<EventJson> = events
        .iter()
        .map(|(seq, event)| EventJson {
            seq: *seq,
            at: micros_text(event.at_unix_micros),
            actor_kind: event.actor_kind.clone(),
            actor: event.actor_name.clone(),
            action: event.action.clone(),
            target_kind: event.target_kind.clone(),
            target_id: event.target_id.map(|id| uuid::Uuid::from_bytes(id).to_string()),
            categories: event.categories.clone(),
            purpose: event.purpose.clone(),
            client_addr: event.client_addr.clone(),
            outcome: event.outcome.clone(),
            detail: event.detail.clone(),
        })
        .collect();
    if json {
        return output::json(&rows);
    }
    for row in &rows {
        println!(
            "{:>8}  {}  {:<24} {:<18} {:<8} {}{}{}",
            row.seq,
            row.at,
            format!("{}:{}", row.actor_kind, row.actor),
            row.action,
            row.outcome,
            row.target_id.as_deref().map(|id| format!("{id} ")).unwrap_or_default(),
            row.purpose.as_deref().map(|p| format!("[{p}] ")).unwrap_or_default(),
            row.categories.join(",")
        );
    }
    Ok(())
}

/// A kept checkpoint's text: the file as it is, or the checkpoint an audit report carries
/// between its markers (`report audit --out`).
fn read(path: &PathBuf) -> Result<String> {
    let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?.replace("\r\n", "\n");
    let Some((_, rest)) = text.split_once(strongroom_server::CHECKPOINT_BEGIN) else { return Ok(text) };
    if rest.contains(strongroom_server::CHECKPOINT_BEGIN) {
        anyhow::bail!("{} carries more than one checkpoint; a report carries one", path.display());
    }
    let (note, _) = rest
        .split_once(strongroom_server::CHECKPOINT_END)
        .with_context(|| format!("{}: the checkpoint has no end line", path.display()))?;
    // The note's own lines, without the indentation or spaces a copy may have added.
    let lines: Vec<&str> = note.lines().map(str::trim).filter(|line| !line.is_empty()).collect();
    let mut note = String::new();
    for (n, line) in lines.iter().enumerate() {
        note.push_str(line);
        note.push('\n');
        // A signed note's text and its signatures are parted by one empty line.
        if lines.get(n + 1).is_some_and(|next| next.starts_with('\u{2014}')) && !line.starts_with('\u{2014}') {
            note.push('\n');
        }
    }
    Ok(note)
}

pub fn run(cli: &Cli, command: &AuditCommand, actor: &Actor) -> Result<()> {
    // The outsider's checks need no vault.
    match command {
        AuditCommand::CheckProof { proof, checkpoint, key, json } => return check_proof(proof, checkpoint.as_ref(), key, *json),
        AuditCommand::CheckConsistency { proof, old, key, json } => return check_consistency(proof, old, key, *json),
        _ => {}
    }
    let vault = open_vault(cli)?;
    match command {
        AuditCommand::Log { customer, actor: by, action, since, until, after, limit, json } => {
            let query = AuditQuery {
                customer: customer.as_deref().map(CustomerId::parse).transpose()?,
                actor_name: by.clone(),
                action: action.clone(),
                since: since.as_deref().map(moment).transpose()?,
                until: until.as_deref().map(moment).transpose()?,
                after_seq: *after,
                limit: *limit,
            };
            print_events(&vault.audit_log(actor, &query)?, *json)
        }
        AuditCommand::WhoAccessed { customer, json } => print_events(&vault.who_accessed(actor, CustomerId::parse(customer)?)?, *json),
        AuditCommand::AccessedBy { actor: by, since, until, json } => accessed_by(&vault, actor, by, since, until.as_deref(), *json),
        AuditCommand::Verify { against, json } => verify(&vault, actor, against.as_ref(), *json),
        AuditCommand::Checkpoint { out } => checkpoint(&vault, actor, out.as_ref()),
        AuditCommand::Stats { json } => crate::audit_stats::run(&vault, actor, *json),
        AuditCommand::Key => {
            println!("{}", vault.audit_verifier_key());
            Ok(())
        }
        AuditCommand::Prove { index, against, out } => {
            let against = against.as_ref().map(read).transpose()?;
            // The vault has checked the proof against its checkpoint before handing it out.
            let proof = vault.prove_inclusion(actor, *index, against.as_deref())?;
            let file = ProofFile {
                index: proof.index,
                tree_size: proof.tree_size,
                event: STANDARD.encode(&proof.event),
                proof: encode_hashes(&proof.proof),
                checkpoint: proof.checkpoint,
                verifier_key: proof.verifier_key,
            };
            write_proof(out.as_ref(), &file)
        }
        AuditCommand::ProveConsistency { old, out } => {
            let proof = vault.prove_consistency(actor, &read(old)?)?;
            let file = ConsistencyFile {
                old_size: proof.old_size,
                new_size: proof.new_size,
                old_checkpoint: proof.old_checkpoint,
                new_checkpoint: proof.new_checkpoint,
                proof: encode_hashes(&proof.proof),
                verifier_key: proof.verifier_key,
            };
            write_proof(out.as_ref(), &file)
        }
        AuditCommand::CheckProof { .. } | AuditCommand::CheckConsistency { .. } => unreachable!("handled above"),
    }
}

/// `audit accessed-by`: the customers one person touched in a period, with counts.
fn accessed_by(vault: &Vault, actor: &Actor, by: &str, since: &str, until: Option<&str>, json: bool) -> Result<()> {
    let since = moment(since)?;
    let until = until.map(moment).transpose()?.unwrap_or_else(OffsetDateTime::now_utc);
    let answer = vault.accessed_by(actor, by, since, until)?;
    if json {
        return output::json(&serde_json::json!({
            "actor": by,
            "since": since.format(&Rfc3339)?,
            "until": until.format(&Rfc3339)?,
            "events": answer.events,
            "refused": answer.refused,
            "records_opened": answer.records_opened,
            "names_listed": answer.names_listed,
            "customers": answer.customers.iter().map(|c| serde_json::json!({
                "customer_id": c.customer_id.to_string(),
                "events": c.events,
                "opened": c.opened,
                "listed": c.listed,
                "categories": c.categories,
                "first_at": micros_text(c.first_at_micros),
                "last_at": micros_text(c.last_at_micros),
            })).collect::<Vec<_>>(),
        }));
    }
    println!(
        "{by} touched {} customers in {} events ({} refused attempts) between {} and {}: {} records opened or changed, {} names only seen in searches and lists",
        answer.customers.len(),
        answer.events,
        answer.refused,
        since.format(&Rfc3339)?,
        until.format(&Rfc3339)?,
        answer.records_opened,
        answer.names_listed
    );
    for customer in &answer.customers {
        let how = if customer.opened > 0 { "opened" } else { "listed" };
        println!("  {}  {how}  {} events  {}", customer.customer_id, customer.events, customer.categories.join(", "));
    }
    Ok(())
}

/// `audit verify`: the whole trail checked, against a kept checkpoint if given; fails when
/// anything is wrong, naming the first bad event.
fn verify(vault: &Vault, actor: &Actor, against: Option<&PathBuf>, json: bool) -> Result<()> {
    let against = against.map(read).transpose()?;
    let report = vault.verify_audit_log(actor, against.as_deref())?;
    if json {
        output::json(&VerifyJson {
            ok: report.is_ok(),
            events: report.events,
            tree_size: report.tree_size,
            checkpoints_checked: report.checkpoints_checked,
            against_size: report.against_size,
            first_bad_index: report.first_bad_index(),
            problems: report.problems.iter().map(|p| ProblemJson { index: p.index, kind: p.kind, message: p.message.clone() }).collect(),
            more_problems: report.more_problems,
        })?;
    } else if report.is_ok() {
        println!(
            "the audit trail is intact: {} events, {} checkpoints checked{}",
            report.events,
            report.checkpoints_checked,
            report.against_size.map(|size| format!(", consistent with your checkpoint of {size} events")).unwrap_or_default()
        );
    } else {
        println!("the audit trail has been tampered with or damaged:");
        for problem in &report.problems {
            println!("  {}{}", problem.index.map(|i| format!("at event {i}: ")).unwrap_or_default(), problem.message);
        }
        if report.more_problems > 0 {
            println!("  … and {} more problems", report.more_problems);
        }
    }
    if !report.is_ok() {
        bail!("verification failed{}", report.first_bad_index().map(|i| format!(" (first bad event: {i})")).unwrap_or_default());
    }
    Ok(())
}

/// `audit checkpoint`: a signed checkpoint to keep away from this computer.
fn checkpoint(vault: &Vault, actor: &Actor, out: Option<&PathBuf>) -> Result<()> {
    let note = vault.audit_checkpoint(actor)?;
    match out {
        Some(path) => {
            std::fs::write(path, &note).with_context(|| format!("cannot write {}", path.display()))?;
            eprintln!("checkpoint written to {}; keep it away from this computer", path.display());
        }
        None => print!("{note}"),
    }
    Ok(())
}

/// Writes a proof file to `out`, or prints it.
fn write_proof(out: Option<&PathBuf>, file: &impl Serialize) -> Result<()> {
    let text = serde_json::to_string_pretty(file)?;
    match out {
        Some(path) => std::fs::write(path, text + "\n").with_context(|| format!("cannot write {}", path.display()))?,
        None => println!("{text}"),
    }
    Ok(())
}

fn encode_hashes(hashes: &[Hash]) -> Vec<String> {
    hashes.iter().map(|hash| STANDARD.encode(hash)).collect()
}

/// The checker's own copy of the trail's key (a key named inside a proof file proves nothing).
fn checker_key(key: &str, named_in_file: &str) -> Result<VerifierKey> {
    let key = VerifierKey::parse(key).map_err(|error| anyhow::anyhow!("the key: {error}"))?;
    if named_in_file != key.to_string() {
        eprintln!("note: the proof names another key than yours; only yours counts");
    }
    Ok(key)
}

/// A proof file's hashes, each 32 bytes of base64.
fn proof_hashes(hashes: &[String]) -> Result<Vec<Hash>> {
    hashes
        .iter()
        .map(|hash| STANDARD.decode(hash).ok().and_then(|bytes| bytes.try_into().ok()).context("a proof hash is not 32 bytes of base64"))
        .collect()
}

fn check_consistency(path: &PathBuf, old: &PathBuf, key: &str, json: bool) -> Result<()> {
    let file: ConsistencyFile = serde_json::from_str(&read(path)?)
        .with_context(|| format!("{} is not a proof made by `strongroom audit prove-consistency`", path.display()))?;
    let key = checker_key(key, &file.verifier_key)?;
    let old_note = read(old)?;
    if old_note != file.old_checkpoint {
        eprintln!("note: the proof was made from another copy of the old checkpoint; yours is the one checked");
    }
    let proof = proof_hashes(&file.proof)?;
    let (old, new) = check_consistency_proof(&key, &old_note, &file.new_checkpoint, &proof)
        .map_err(|error| anyhow::anyhow!("the proof does not hold: {error}"))?;
    if (old.size, new.size) != (file.old_size, file.new_size) {
        bail!(
            "the proof file says {} and {} events, but its checkpoints are of {} and {}: the file was altered",
            file.old_size,
            file.new_size,
            old.size,
            new.size
        );
    }
    if json {
        return output::json(&serde_json::json!({ "valid": true, "old_size": old.size, "new_size": new.size }));
    }
    println!(
        "valid: the tree of {} events signed by {} holds the {} events of your checkpoint unchanged, and only added to them",
        new.size,
        key.name(),
        old.size
    );
    Ok(())
}

fn check_proof(path: &PathBuf, checkpoint: Option<&PathBuf>, key: &str, json: bool) -> Result<()> {
    let file: ProofFile = serde_json::from_str(&read(path)?)
        .with_context(|| format!("{} is not a proof made by `strongroom audit prove`", path.display()))?;
    let key = checker_key(key, &file.verifier_key)?;
    let note = match checkpoint {
        Some(path) => read(path)?,
        None => file.checkpoint.clone(),
    };
    let event = STANDARD.decode(&file.event).context("the event in the proof is not base64")?;
    let proof = proof_hashes(&file.proof)?;
    let (checkpoint, event) = check_inclusion_proof(&key, &note, file.index, &event, &proof)
        .map_err(|error| anyhow::anyhow!("the proof does not hold: {error}"))?;
    if checkpoint.size != file.tree_size {
        bail!(
            "the proof file says the log held {} events, but its checkpoint is of {}: the file was altered",
            file.tree_size,
            checkpoint.size
        );
    }
    if json {
        return output::json(&serde_json::json!({
            "valid": true,
            "index": file.index,
            "tree_size": checkpoint.size,
            "action": event.action,
            "actor": format!("{}:{}", event.actor_kind, event.actor_name),
            "outcome": event.outcome,
            "at_unix_micros": event.at_unix_micros,
        }));
    }
    println!(
        "valid: event {} ({} by {}:{}, {}) is in the trail of {} events signed by {}",
        file.index,
        event.action,
        event.actor_kind,
        event.actor_name,
        event.outcome,
        checkpoint.size,
        key.name()
    );
    Ok(())
}
