//! `strongroom feeds list|set|refresh`: the news feeds the owner's panel shows (Atom or RSS, e.g.
//! the national CERT's). `set NAME=URL…` replaces the list; `refresh` fetches each, and a feed
//! that fails says why without stopping the others.

use anyhow::{Result, bail};
use clap::Subcommand;
use strongroom_app::desk::{FeedSource, FeedState};
use strongroom_domain::Actor;

use crate::Cli;
use crate::open::open_vault;
use crate::output;

#[derive(Debug, Subcommand)]
pub enum FeedsCommand {
    /// The feeds followed, each with when it was last fetched or why it failed.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Replace the feeds followed: each as NAME=URL (https://, or this machine).
    Set { feeds: Vec<String> },
    /// Fetch every feed now.
    Refresh {
        #[arg(long)]
        json: bool,
    },
}

fn states_json(feeds: &[(FeedSource, FeedState)]) -> serde_json::Value {
    serde_json::Value::Array(
        feeds
            .iter()
            .map(|(source, state)| {
                serde_json::json!({
                    "name": source.name,
                    "url": source.url,
                    "ok": state.error.is_none() && state.fetched_at.is_some(),
                    "error": state.error,
                    "items": state.items.len(),
                    "newest": state.items.first().map(|item| &item.title),
                })
            })
            .collect(),
    )
}

pub fn run(cli: &Cli, command: &FeedsCommand, actor: &Actor) -> Result<()> {
    let vault = open_vault(cli)?;
    match command {
        FeedsCommand::List { json } => {
            let news = vault.news(actor)?;
            if *json {
                return output::json(&states_json(&news.feeds));
            }
            for (source, state) in &news.feeds {
                println!("{}  {}  {}", source.name, source.url, state.error.as_deref().unwrap_or("ok"));
            }
            Ok(())
        }
        FeedsCommand::Set { feeds } => {
            let mut sources = Vec::new();
            for feed in feeds {
                let Some((name, url)) = feed.split_once('=') else { bail!("{feed:?}: give each feed as NAME=URL") };
                sources.push(FeedSource { name: name.trim().to_owned(), url: url.trim().to_owned() });
            }
            let count = sources.len();
            vault.set_feeds(actor, sources)?;
            println!("following {count} feeds");
            Ok(())
        }
        FeedsCommand::Refresh { json } => {
            let results = vault.refresh_feeds(actor)?;
            if *json {
                return output::json(&states_json(&results));
            }
            for (source, state) in &results {
                match &state.error {
                    Some(why) => println!("{}: FAILED: {why}", source.name),
                    None => println!("{}: {} items", source.name, state.items.len()),
                }
            }
            Ok(())
        }
    }
}
