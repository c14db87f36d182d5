//! `strongroom repair …`: the workshop, as its board page has it: take a job in (it gets its
//! ticket code), see the board, move a job one step, undo a wrong move, find a job by its ticket.

use anyhow::{Result, bail};
use clap::{Args, Subcommand};
use serde::Serialize;
use strongroom_app::{BoardQuery, NewRepair, Vault, WorkshopJob};
use strongroom_domain::{Actor, CustomerId, FreeText, JobKind, JobStatus, Money, Repair, RepairId, TicketCode, parse_date};

use crate::Cli;
use crate::open::open_vault;
use crate::output;
use crate::parsing::{optional, today};

#[derive(Debug, Subcommand)]
pub enum RepairCommand {
    /// Take in a repair, appraisal or custom order; prints its id (and its ticket code).
    Add(AddRepairArgs),
    /// The workshop board: open jobs by status, soonest promised first, and today's collections.
    Board {
        /// Jobs per column.
        #[arg(long, default_value_t = 25)]
        limit: usize,
        #[arg(long)]
        json: bool,
    },
    /// Move a job one or more steps on: received, at-bench, ready, collected.
    Move {
        /// The job's ticket code (R-2412-037) or id.
        job: String,
        #[arg(long)]
        to: String,
        #[arg(long)]
        json: bool,
    },
    /// Undo a job's last move (one step back, recorded as an undo).
    Undo {
        /// The job's ticket code or id.
        job: String,
        #[arg(long)]
        json: bool,
    },
    /// Find a job by its ticket code.
    Find {
        ticket: String,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Args)]
pub struct AddRepairArgs {
    #[arg(long)]
    pub customer: String,
    /// What was taken in, and what to do.
    #[arg(long)]
    pub item: String,
    /// repair, appraisal or custom-order
    #[arg(long, default_value = "repair")]
    pub kind: String,
    #[arg(long)]
    pub condition: Option<String>,
    #[arg(long)]
    pub valuation: Option<String>,
    /// The price estimated at intake.
    #[arg(long)]
    pub estimate: Option<String>,
    /// What the customer paid on account.
    #[arg(long)]
    pub deposit: Option<String>,
    /// The day it was promised back, YYYY-MM-DD.
    #[arg(long)]
    pub promised: Option<String>,
    #[arg(long)]
    pub json: bool,
}

/// A job as `--json` shows it.
#[derive(Serialize)]
struct JobJson {
    id: String,
    ticket: String,
    customer_id: String,
    customer_name: Option<String>,
    kind: &'static str,
    status: &'static str,
    previous_status: Option<&'static str>,
    item_description: String,
    estimate: Option<String>,
    deposit: Option<String>,
    received_on: String,
    promised_on: Option<String>,
    late: bool,
}

impl JobJson {
    fn of(repair: &Repair, customer_name: Option<&str>) -> JobJson {
        JobJson {
            id: repair.id.to_string(),
            ticket: repair.ticket.to_string(),
            customer_id: repair.customer_id.to_string(),
            customer_name: customer_name.map(str::to_owned),
            kind: repair.kind.as_str(),
            status: repair.status.as_str(),
            previous_status: repair.previous_status.map(|status| status.as_str()),
            item_description: repair.item_description.to_string(),
            estimate: repair.estimate.map(|money| money.to_string()),
            deposit: repair.deposit.map(|money| money.to_string()),
            received_on: repair.received_on.to_string(),
            promised_on: repair.promised_on.map(|day| day.to_string()),
            late: repair.is_late(today()),
        }
    }

    fn of_job(job: &WorkshopJob) -> JobJson {
        JobJson::of(&job.repair, Some(job.customer_name.as_str()))
    }
}

pub fn run(cli: &Cli, command: &RepairCommand, actor: &Actor) -> Result<()> {
    let vault = open_vault(cli)?;
    match command {
        RepairCommand::Add(args) => add(&vault, args, actor),
        RepairCommand::Board { limit, json } => board(&vault, actor, *limit, *json),
        RepairCommand::Move { job, to, json } => {
            let id = job_id(&vault, actor, job)?;
            let moved = vault.set_repair_status(actor, id, JobStatus::parse(to)?)?;
            changed(moved, id, "moved", *json)
        }
        RepairCommand::Undo { job, json } => {
            let id = job_id(&vault, actor, job)?;
            let undone = vault.undo_repair_move(actor, id)?;
            changed(undone, id, "moved back", *json)
        }
        RepairCommand::Find { ticket, json } => {
            let Some(job) = vault.find_job(actor, &TicketCode::parse(ticket)?)? else { bail!("no job has the ticket code {ticket}") };
            if *json {
                return output::json(&JobJson::of_job(&job));
            }
            print_job(&job);
            Ok(())
        }
    }
}

fn add(vault: &Vault, args: &AddRepairArgs, actor: &Actor) -> Result<()> {
    let new = NewRepair {
        customer_id: CustomerId::parse(&args.customer)?,
        kind: JobKind::parse(&args.kind)?,
        item_description: FreeText::parse("item", &args.item)?,
        condition: optional(args.condition.clone(), |c| FreeText::parse("condition", c))?,
        valuation: optional(args.valuation.clone(), |v| Money::parse("valuation", v, vault.settings().currency))?,
        estimate: optional(args.estimate.clone(), |v| Money::parse("estimate", v, vault.settings().currency))?,
        deposit: optional(args.deposit.clone(), |v| Money::parse("deposit", v, vault.settings().currency))?,
        received_on: today(),
        promised_on: optional(args.promised.clone(), |d| parse_date("promised", d))?,
    };
    let taken = vault.add_repair(actor, new)?;
    if args.json {
        return output::json(&serde_json::json!({ "id": taken.id.to_string(), "ticket": taken.ticket.to_string() }));
    }
    println!("{}", taken.id);
    eprintln!("ticket {}: write it on the envelope", taken.ticket);
    Ok(())
}

fn board(vault: &Vault, actor: &Actor, limit: usize, json: bool) -> Result<()> {
    let today_start = strongroom_server::shop_today_start();
    let board = vault.workshop_board(actor, &BoardQuery { page_size: limit, pages: [0; 3], collected_since: today_start })?;
    if json {
        let columns: Vec<_> = board
            .columns
            .iter()
            .map(|column| {
                serde_json::json!({
                    "status": column.status.as_str(),
                    "total": column.total,
                    "jobs": column.jobs.iter().map(JobJson::of_job).collect::<Vec<_>>(),
                })
            })
            .collect();
        return output::json(&serde_json::json!({ "columns": columns }));
    }
    for column in &board.columns {
        let heading = if column.status == JobStatus::Collected { "collected today" } else { column.status.as_str() };
        println!("{heading} ({})", column.total);
        for job in &column.jobs {
            print!("  ");
            print_job(job);
        }
        if (column.jobs.len() as u64) < column.total {
            println!("  … and {} more", column.total - column.jobs.len() as u64);
        }
    }
    Ok(())
}

fn print_job(job: &WorkshopJob) {
    let repair = &job.repair;
    let promised = repair.promised_on.map(|day| format!(", promised {day}")).unwrap_or_default();
    let late = if repair.is_late(today()) { " LATE" } else { "" };
    println!(
        "{}  {}  {} ({}){promised}{late}",
        repair.ticket,
        repair.item_description.as_str(),
        job.customer_name.as_str(),
        repair.status.as_str()
    );
}

/// A job named by its ticket code (found through the gate, recorded) or its id.
fn job_id(vault: &Vault, actor: &Actor, job: &str) -> Result<RepairId> {
    if let Ok(id) = RepairId::parse(job) {
        return Ok(id);
    }
    let ticket = TicketCode::parse(job)?;
    match vault.find_job(actor, &ticket)? {
        Some(found) => Ok(found.repair.id),
        None => bail!("no job has the ticket code {ticket}"),
    }
}

fn changed(job: Option<Repair>, id: RepairId, what: &str, json: bool) -> Result<()> {
    match (job, json) {
        (Some(repair), true) => output::json(&JobJson::of(&repair, None)),
        (Some(repair), false) => {
            println!("{} {what} to {}", repair.ticket, repair.status.as_str());
            Ok(())
        }
        (None, true) => output::json(&serde_json::json!({ "id": id.to_string() })),
        (None, false) => {
            println!("{id} {what}");
            Ok(())
        }
    }
}
