//! `strongroom import customers FILE.csv`: the old till's export, all rows or none (or the
//! valid ones with `--skip-invalid`), with a progress bar.

use std::path::PathBuf;

use anyhow::Result;
use clap::{Args, Subcommand};
use strongroom_app::{ImportOptions, ImportProgressEvent};
use strongroom_domain::Actor;

use crate::Cli;
use crate::open::open_vault;
use crate::output::progress_bar;
use crate::output::{self, ImportReportJson};

#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// Import customers from a CSV file (columns: name,email,phone,address,birth_date,notes).
    Customers(ImportCustomersArgs),
}

#[derive(Debug, Args)]
pub struct ImportCustomersArgs {
    pub file: PathBuf,
    /// Import the valid rows and write the invalid ones to the rejects file.
    #[arg(long)]
    pub skip_invalid: bool,
    /// Where rejected rows go with --skip-invalid; FILE.rejects.csv by default.
    #[arg(long)]
    pub rejects: Option<PathBuf>,
    #[arg(long, default_value_t = strongroom_app::ImportOptions::DEFAULT_BATCH_SIZE, hide = true)]
    pub batch_size: usize,
    #[arg(long)]
    pub json: bool,
}

pub fn import_customers(cli: &Cli, args: &ImportCustomersArgs, actor: &Actor) -> Result<()> {
    let vault = open_vault(cli)?;
    let rejects_path = args.skip_invalid.then(|| {
        args.rejects.clone().unwrap_or_else(|| {
            let mut name = args.file.clone().into_os_string();
            name.push(".rejects.csv");
            PathBuf::from(name)
        })
    });
    let options = ImportOptions { skip_invalid: args.skip_invalid, rejects_path, batch_size: args.batch_size.max(1) };
    let bar = progress_bar(0, "validating");
    let mut on_progress = |event: ImportProgressEvent| match event {
        ImportProgressEvent::Validating { rows_seen } => bar.set_position(rows_seen),
        ImportProgressEvent::Importing { rows_done, rows_total } => {
            bar.set_message("importing");
            bar.set_length(rows_total);
            bar.set_position(rows_done);
        }
    };
    let report = vault.import_customers(actor, &args.file, &options, &mut on_progress);
    bar.finish_and_clear();
    let report = report?;
    if args.json {
        return output::json(&ImportReportJson::from(&report));
    }
    output::print_import_report(&report);
    if let Some(rejects) = &report.rejects_file {
        println!(
            "rejected rows are in {} (card numbers removed); it holds personal data in plain text: fix the rows, import them, then delete it",
            rejects.display()
        );
    }
    Ok(())
}

pub fn run(cli: &Cli, command: &ImportCommand, actor: &Actor) -> Result<()> {
    match command {
        ImportCommand::Customers(args) => import_customers(cli, args, actor),
    }
}
