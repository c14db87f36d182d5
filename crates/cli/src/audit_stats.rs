//! `strongroom audit stats [--json]`: the audit trail's statistics, as the external auditor's
//! page shows them: the events, checkpoints and last verification, and the last twelve months
//! by month and kind, each allowed, denied or failed. `--json` gives `events`, `checkpoints`,
//! `last_checkpoint`, `last_verification`, `months` (each `month`, its `events`, `denied` and `failed`, and `kinds`) and
//! `actions`. Recorded.

use anyhow::Result;
use serde_json::json;
use strongroom_app::Vault;
use strongroom_app::desk::{Tally, TrailStatistics};
use strongroom_domain::Actor;

use crate::output;
use crate::parsing::today;

fn rfc3339(micros: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(micros) * 1000)
        .ok()
        .and_then(|at| at.format(&time::format_description::well_known::Rfc3339).ok())
        .unwrap_or_default()
}

fn to_json(stats: &TrailStatistics) -> serde_json::Value {
    let month = |date: time::Date| format!("{:04}-{:02}", date.year(), u8::from(date.month()));
    json!({
        "events": stats.events,
        "checkpoints": stats.checkpoints,
        "last_checkpoint": stats.last_checkpoint.map(|(at, size)| json!({ "at": rfc3339(at), "events": size })),
        "last_verification": stats.last_verification.map(|(whole, at)| json!({ "at": rfc3339(at), "whole": whole })),
        "months": stats.months.iter().map(|tally| json!({
            "month": month(tally.month),
            "events": tally.total().total(),
            "denied": tally.total().denied,
            "failed": tally.total().failed,
            "kinds": tally.kinds.iter().map(|(kind, counts)| (serde_json::to_value(kind).unwrap_or_default().as_str().unwrap_or_default().to_owned(), json!(counts))).collect::<serde_json::Map<_, _>>(),
        })).collect::<Vec<_>>(),
        "actions": stats.actions.iter().map(|(action, counts)| json!({ "action": action, "allowed": counts.allowed, "denied": counts.denied, "failed": counts.failed })).collect::<Vec<_>>(),
    })
}

fn line(label: &str, tally: &Tally) -> String {
    format!("{label:<12} {:>9} {:>8} {:>8} {:>8}", tally.total(), tally.allowed, tally.denied, tally.failed)
}

pub fn run(vault: &Vault, actor: &Actor, json: bool) -> Result<()> {
    let stats = vault.trail_statistics(actor, &strongroom_server::shop_trail_windows(today()))?;
    if json {
        return output::json(&to_json(&stats));
    }
    println!("{} events, {} checkpoints", stats.events, stats.checkpoints);
    match stats.last_checkpoint {
        Some((at, size)) => println!("latest checkpoint: {} ({size} events)", rfc3339(at)),
        None => println!("no checkpoint yet"),
    }
    match stats.last_verification {
        Some((true, at)) => println!("last verified: {} (whole)", rfc3339(at)),
        Some((false, at)) => println!("last verified: {} (DAMAGED: run `strongroom audit verify`)", rfc3339(at)),
        None => println!("never verified: run `strongroom audit verify`"),
    }
    println!("\n{:<12} {:>9} {:>8} {:>8} {:>8}", "month", "events", "allowed", "denied", "failed");
    for tally in &stats.months {
        println!("{}", line(&format!("{:04}-{:02}", tally.month.year(), u8::from(tally.month.month())), &tally.total()));
    }
    println!("\n{:<28} {:>9} {:>8} {:>8}", "action", "allowed", "denied", "failed");
    for (action, tally) in &stats.actions {
        println!("{action:<28} {:>9} {:>8} {:>8}", tally.allowed, tally.denied, tally.failed);
    }
    Ok(())
}
