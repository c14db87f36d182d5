//! The dispatcher: which command group's file runs a parsed command line.

use anyhow::Result;
use strongroom_domain::Actor;

use crate::open::os_user;
use crate::{Cli, Command};

/// Runs the command `cli` holds, as the operating-system account running this process.
pub fn run(cli: Cli) -> Result<()> {
    let actor = Actor::cli(&os_user());
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
        Command::Serve(args) => crate::serve::run(&cli, args),
        Command::Demo(args) => crate::demo::run(&cli, args),
        Command::Bench(args) => crate::bench::run(&cli, args),
    }
}
