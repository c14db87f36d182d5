//! `strongroom`: the owner's command line. It parses flags into domain values, opens the vault
//! with the shop's key, and calls the `app` gate; it never touches the store's tables itself.
//!
//! Exit codes: 0 success, 1 refused or failed (the message says why), 2 a missing or wrong key
//! or passphrase, or bad usage.

mod assessment;
mod audit;
mod audit_stats;
mod backup;
mod backup_settings;
mod bench;
mod bench_api;
mod bench_desk;
mod bench_people;
mod bench_privacy;
mod commands;
mod customers;
mod demo;
mod devices;
mod doctor;
mod erasure;
mod feeds;
mod import;
mod incidents;
mod init;
mod keys;
mod lock;
mod mail;
mod open;
mod output;
mod parsing;
mod privacy;
mod records;
mod report;
mod requests;
mod risks;
mod secrets;
mod serve;
mod settings;
mod tokens;
mod training;
mod users;
mod workshop;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use strongroom_app::AppError;

use crate::settings::KeyArgs;

/// Problems with the key: all of them exit with code 2.
#[derive(Debug)]
pub enum KeyError {
    NoVault(PathBuf),
    Missing,
    Mismatch,
    Unreadable(PathBuf, String),
    KeyInsideDataDir(PathBuf),
}

impl std::error::Error for KeyError {}

impl std::fmt::Display for KeyError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            KeyError::NoVault(dir) => {
                write!(f, "{} holds no vault; create one with `strongroom init` or point --data-dir at it", dir.display())
            }
            KeyError::Missing => write!(
                f,
                "no key given: pass --key-file PATH (or STRONGROOM_KEY_FILE) or --passphrase-file PATH (or STRONGROOM_PASSPHRASE_FILE), or run in a terminal to type the passphrase"
            ),
            KeyError::Mismatch => write!(f, "the two passphrases differ; nothing was created"),
            KeyError::Unreadable(path, why) => write!(f, "cannot read {}: {why}", path.display()),
            KeyError::KeyInsideDataDir(path) => write!(
                f,
                "the key file {} would be inside the data directory; keep the key apart from the data (another disk, a USB stick), so a copy of the data alone is useless",
                path.display()
            ),
        }
    }
}

#[derive(Debug, Parser)]
#[command(name = "strongroom", version, about = "Strongroom: the customer-data vault an independent jeweler can trust")]
pub struct Cli {
    /// The data directory: database, settings (never the key).
    #[arg(long, global = true, env = "STRONGROOM_DATA_DIR", default_value = "./strongroom-data")]
    pub data_dir: PathBuf,
    /// PostgreSQL instead of the embedded SQLite database: postgres://user:password@host/db
    #[arg(long, global = true, env = "STRONGROOM_DATABASE_URL", hide_env_values = true)]
    pub database_url: Option<String>,
    #[command(flatten)]
    pub key: KeyFlags,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Args)]
pub struct KeyFlags {
    /// The shop key file, kept outside the data directory (init creates it, mode 0600).
    #[arg(long, global = true, env = "STRONGROOM_KEY_FILE")]
    pub key_file: Option<PathBuf>,
    /// A file whose first line is the vault passphrase (instead of typing it).
    #[arg(long, global = true, env = "STRONGROOM_PASSPHRASE_FILE", conflicts_with = "key_file")]
    pub passphrase_file: Option<PathBuf>,
}

impl KeyFlags {
    pub fn args(&self) -> KeyArgs {
        KeyArgs { key_file: self.key_file.clone(), passphrase_file: self.passphrase_file.clone() }
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a vault: the data directory, the keyring, and a key file or passphrase.
    Init(init::InitArgs),
    /// Customers: add, show, find, edit, list.
    #[command(subcommand)]
    Customer(customers::CustomerCommand),
    /// Purchases.
    #[command(subcommand)]
    Purchase(records::PurchaseCommand),
    /// Repairs, appraisals and custom orders.
    #[command(subcommand)]
    Repair(workshop::RepairCommand),
    /// AML identity records for high-value sales.
    #[command(subcommand)]
    Aml(records::AmlCommand),
    /// Import data from another system.
    #[command(subcommand)]
    Import(import::ImportCommand),
    /// The vault's keys: status, rotation, retiring old versions.
    #[command(subcommand)]
    Keys(keys::KeysCommand),
    /// Staff accounts: add, list, disable, enable, unlock, set-role, reset-2fa, reset-password.
    #[command(subcommand)]
    User(users::UserCommand),
    /// API tokens for integrations (the till, the webshop): create, list, revoke.
    #[command(subcommand)]
    Token(tokens::TokenCommand),
    /// Backups: create, drill, settings (folders, time, keeping), verify (and test-restore),
    /// restore into an empty folder or database.
    #[command(subcommand)]
    Backup(backup::BackupCommand),
    /// The tamper-evident audit trail: verify it, take checkpoints, prove events.
    #[command(subcommand)]
    Audit(crate::audit::AuditCommand),
    /// Incidents: report one (anyone), the register, status, severity.
    #[command(subcommand)]
    Incident(incidents::IncidentCommand),
    /// The shop's mail: settings, a test message, the outbox of alerts and customers' letters.
    #[command(subcommand)]
    Mail(mail::MailCommand),
    /// Customers' requests under the GDPR (access, erasure, …): open, extend, answer, the register.
    #[command(subcommand)]
    Request(requests::RequestCommand),
    /// The shop's privacy duties: retention (identity records deleted after their five years).
    #[command(subcommand)]
    Privacy(privacy::PrivacyCommand),
    /// Check this machine and Strongroom itself: permissions, disk encryption, firewall,
    /// updates, clock, free space, certificate, antivirus, backups, the trail, accounts.
    Doctor(doctor::DoctorArgs),
    /// The shop's devices and their programs: add, list (with what is wrong with each), import
    /// a CSV list, remove, and the end-of-life and exploited-vulnerabilities tables.
    #[command(subcommand)]
    Device(devices::DeviceCommand),
    /// The risk register: list (with the 5×5 map and what Strongroom proposes), add, review,
    /// remove.
    #[command(subcommand)]
    Risk(risks::RiskCommand),
    /// The self-assessment: the security score, Cyber Essentials' controls with CIS v8 IG1 and
    /// NCSC mapping, live evidence, the owner's answers, the next steps.
    #[command(subcommand)]
    Assessment(assessment::AssessmentCommand),
    /// The shop's password vault: add, list, reveal (recorded), due, change, remove, generate.
    #[command(subcommand)]
    Secret(secrets::SecretCommand),
    /// The security training: the course's lessons, and where each member of staff stands.
    #[command(subcommand)]
    Training(training::TrainingCommand),
    /// Reports to print or keep: the audit report, with a checkpoint of the trail signed for it.
    #[command(subcommand)]
    Report(report::ReportCommand),
    /// The news feeds on the owner's page: list, set, refresh.
    #[command(subcommand)]
    Feeds(feeds::FeedsCommand),
    /// Run the HTTPS server for the shop's browsers.
    Serve(serve::ServeArgs),
    /// Create (or reuse) a demo shop with synthetic customers and show what to try.
    Demo(demo::DemoArgs),
    /// Measure the encrypted store against a plaintext baseline on this machine.
    Bench(bench::BenchArgs),
}

fn exit_code(error: &anyhow::Error) -> u8 {
    if error.downcast_ref::<KeyError>().is_some() {
        return 2;
    }
    match error.downcast_ref::<AppError>() {
        Some(AppError::WrongKey | AppError::WrongKeyKind { .. }) => 2,
        Some(AppError::Crypto(strongroom_crypto::CryptoError::KeyFile(_) | strongroom_crypto::CryptoError::PassphraseTooShort { .. })) => 2,
        _ => 1,
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match commands::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            if let Some(AppError::ImportRejected(report)) = error.downcast_ref::<AppError>() {
                output::print_import_report(report);
            }
            eprintln!("error: {error:#}");
            ExitCode::from(exit_code(&error))
        }
    }
}
