//! The dispatcher: which command group's file runs a parsed command line.

use anyhow::Result;
use strongroom_domain::Actor;

use crate::open::os_user;
use crate::{Cli, Command};

/// Runs the command `cli` holds, as the operating-system account running this process.
pub fn run(cli: Cli) -> Result<()> {
    let actor = Actor::cli(&os_user());
    // "Today" (a sale's day, a job's, what is late) is the shop's, in its time zone, for every
    // command of an existing vault; the demo and init set their own.
    if let Ok(config) = crate::settings::Settings::load(&cli.data_dir, cli.database_url.as_deref()) {
        strongroom_server::set_shop_zone(config.time_zone.as_deref()).map_err(anyhow::Error::msg)?;
    }
    match &cli.command {
        Command::Init(args) => crate::init::run(&cli, args, &actor),
        Command::Customer(command) => crate::customers::run(&cli, command, &actor),
        Command::Purchase(command) => crate::records::purchase(&cli, command, &actor),
        Command::Repair(command) => crate::workshop::run(&cli, command, &actor),
        Command::Aml(command) => crate::records::aml(&cli, command, &actor),
        Command::Import(command) => crate::import::run(&cli, command, &actor),
        Command::Keys(command) => crate::keys::run(&cli, command, &actor),
        Command::User(command) => crate::users::run(&cli, command, &actor),
        Command::Token(command) => crate::tokens::run(&cli, command, &actor),
        Command::Audit(command) => crate::audit::run(&cli, command, &actor),
        Command::Incident(command) => crate::incidents::run(&cli, command, &actor),
        Command::Request(command) => crate::requests::run(&cli, command, &actor),
        Command::Privacy(command) => crate::privacy::run(&cli, command, &actor),
        Command::Mail(command) => crate::mail::run(&cli, command, &actor),
        Command::Backup(command) => crate::backup::run(&cli, command, &actor),
        Command::Doctor(args) => crate::doctor::run(&cli, args, &actor),
        Command::Device(command) => crate::devices::run(&cli, command, &actor),
        Command::Risk(command) => crate::risks::run(&cli, command, &actor),
        Command::Secret(command) => crate::secrets::run(&cli, command, &actor),
        Command::Training(command) => crate::training::run(&cli, command, &actor),
        Command::Assessment(command) => crate::assessment::run(&cli, command, &actor),
        Command::Report(command) => crate::report::run(&cli, command, &actor),
        Command::Feeds(command) => crate::feeds::run(&cli, command, &actor),
        Command::Serve(args) => crate::serve::run(&cli, args),
        Command::Demo(args) => crate::demo::run(&cli, args),
        Command::Bench(args) => crate::bench::run(&cli, args),
    }
}
