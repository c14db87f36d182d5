//! `strongroom privacy …`: the shop's privacy duties that are not one customer's request. So
//! far: `privacy retention`, which deletes the identity records whose five years have passed
//! (`serve` does it by itself with its housekeeping).

use anyhow::Result;
use clap::Subcommand;
use strongroom_domain::{Actor, parse_date};

use crate::Cli;
use crate::open::open_vault;
use crate::output;
use crate::parsing::today;

#[derive(Debug, Subcommand)]
pub enum PrivacyCommand {
    /// Delete the AML identity records whose keeping (five years after the transaction) has
    /// ended, and the sales of erased customers whose tax term has; each deletion is recorded.
    /// Privacy officer and owner.
    Retention {
        /// The day to judge by, YYYY-MM-DD (default: today). A later day deletes records before
        /// their time: it is for trying the rules, and says so.
        #[arg(long)]
        as_of: Option<String>,
        /// Only list what would be deleted; change nothing.
        #[arg(long)]
        dry_run: bool,
        #[arg(long)]
        json: bool,
    },
}

pub fn run(cli: &Cli, command: &PrivacyCommand, actor: &Actor) -> Result<()> {
    match command {
        PrivacyCommand::Retention { as_of, dry_run, json } => {
            let as_of = match as_of {
                Some(text) => parse_date("as_of", text)?,
                None => today(),
            };
            if as_of > today() && !*dry_run {
                eprintln!("warning: --as-of {} is after today: records are deleted before their keeping ends", as_of);
            }
            let vault = open_vault(cli)?;
            let run = vault.run_retention(actor, as_of, *dry_run)?;
            if *json {
                return output::json(&serde_json::json!({
                    "as_of": run.as_of.to_string(),
                    "dry_run": run.dry_run,
                    "aml_records_deleted": run.aml_deleted.len(),
                    "aml_records": run.aml_deleted.iter().map(|record| serde_json::json!({
                        "id": record.id.to_string(),
                        "customer": record.customer.to_string(),
                        "kept_until": record.kept_until.to_string(),
                    })).collect::<Vec<_>>(),
                    "sales_deleted": run.sales_deleted.len(),
                    "sales": run.sales_deleted.iter().map(|sale| serde_json::json!({
                        "id": sale.id.to_string(),
                        "customer": sale.customer.to_string(),
                        "kept_until": sale.kept_until.to_string(),
                    })).collect::<Vec<_>>(),
                }));
            }
            let verb = if run.dry_run { "would be deleted" } else { "deleted" };
            for record in &run.aml_deleted {
                println!("{}  customer {}  kept until {}", record.id, record.customer, record.kept_until);
            }
            for sale in &run.sales_deleted {
                println!("sale {}  customer {}  kept for tax until {}", sale.id, sale.customer, sale.kept_until);
            }
            eprintln!("{} identity records past their five years {verb} (as of {})", run.aml_deleted.len(), run.as_of);
            eprintln!("{} sales of erased customers past their tax term {verb}", run.sales_deleted.len());
            Ok(())
        }
    }
}
