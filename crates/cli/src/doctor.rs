//! `strongroom doctor [--json]`: the host doctor. Checks of this machine and of Strongroom itself,
//! each ok, attention or problem, with the fix in plain words; `--json` gives each check's `id`,
//! `status`, `detail` and `fix`. The owner's; the run is recorded. `--website` saves the shop's
//! website's address, which the checks then visit too.

use std::path::PathBuf;

use anyhow::Result;
use clap::Args;
use strongroom_app::desk::{HostFacts, HostPaths, Status};
use strongroom_domain::Actor;

use crate::Cli;
use crate::open::open_vault;
use crate::output;

#[derive(Debug, Args)]
pub struct DoctorArgs {
    /// The server's certificate when it is the shop's own (default: the one `serve` makes in
    /// the data directory).
    #[arg(long)]
    pub tls_cert: Option<PathBuf>,
    /// The shop's website (`www.shop.nl`): saved, and from now on every check, the daily one
    /// too, visits it for its certificate, TLS versions, HSTS and http:// redirect. `""` stops.
    #[arg(long, value_name = "ADDRESS")]
    pub website: Option<String>,
    #[arg(long)]
    pub json: bool,
}

pub fn run(cli: &Cli, args: &DoctorArgs, actor: &Actor) -> Result<()> {
    let vault = open_vault(cli)?;
    if let Some(address) = &args.website {
        vault.set_website(actor, address)?;
    }
    let own_cert = cli.data_dir.join("tls").join("cert.pem");
    let paths = HostPaths {
        data_dir: cli.data_dir.clone(),
        key_file: cli.key.key_file.clone().or_else(|| cli.key.passphrase_file.clone()),
        backup_dirs: vault.backup_settings_in_force()?.folders,
        tls_cert: args.tls_cert.clone().or_else(|| own_cert.exists().then_some(own_cert)),
        clamd: vault.antivirus().clamd.clone(),
    };
    let checks = vault.doctor(actor, &HostFacts::probe(&paths))?;
    if args.json {
        return output::json(&checks);
    }
    for check in &checks {
        let mark = match check.status {
            Status::Ok => "ok       ",
            Status::Attention => "attention",
            Status::Problem => "PROBLEM  ",
        };
        println!("{mark}  {:<22} {}", check.id, check.detail);
        if !check.fix.is_empty() {
            println!("{:<34}fix: {}", "", check.fix);
        }
    }
    let problems = checks.iter().filter(|check| check.status == Status::Problem).count();
    eprintln!("{} checks, {problems} problems", checks.len());
    Ok(())
}
