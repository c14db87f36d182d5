//! `strongroom privacy …`: the shop's privacy duties that are not one customer's request:
//! `privacy retention`, which deletes the identity records whose five years have passed and
//! the kept sales whose tax term has (`serve` does it by itself with its housekeeping), and
//! `privacy ropa`, the record of processing activities (GDPR Art. 30) as JSON or the printable
//! document, and the shop's own part of it set from a JSON file.

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
    /// The customers who consent now to marketing on one channel, with that channel's contact,
    /// as CSV (to FILE, readable by this account only, or printed). Each one is recorded.
    /// Owner and privacy officer.
    MarketingList {
        /// email, sms, post or phone
        #[arg(long)]
        channel: String,
        #[arg(long, value_name = "FILE")]
        out: Option<std::path::PathBuf>,
        #[arg(long)]
        json: bool,
    },
    /// The review list: customers with nothing for `review_after_years` (7 by default) and no
    /// decision to keep them standing. Owner and privacy officer; each one named is recorded.
    Review {
        #[arg(long)]
        json: bool,
    },
    /// Keep a customer from the review list for a year, with the reason (sealed with them).
    Keep {
        customer: String,
        #[arg(long)]
        reason: String,
    },
    /// Erase a customer from the review list, keeping what the law requires (as an erasure on
    /// request does). Nothing brings the data back.
    Erase {
        customer: String,
        #[arg(long)]
        json: bool,
    },
    /// The privacy notice for the counter and the website: the one saved, or Strongroom's draft
    /// from the record of processing; with --set, save FILE's text as the shop's (its version
    /// and the day the adviser reviewed it with it).
    Notice {
        /// en or nl
        #[arg(long, default_value = "en")]
        lang: String,
        /// Strongroom's draft, whatever was saved.
        #[arg(long)]
        draft: bool,
        #[arg(long, value_name = "FILE")]
        set: Option<std::path::PathBuf>,
        /// The version label to save with --set.
        #[arg(long)]
        version: Option<String>,
        /// The day the adviser reviewed the text, YYYY-MM-DD.
        #[arg(long)]
        reviewed_on: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// The record of processing activities (GDPR Art. 30) and the data map: printed as text,
    /// as JSON, or written to FILE (JSON, or the printable document when FILE ends in .html).
    /// Owner, privacy officer and external auditor.
    Ropa {
        #[arg(long, value_name = "FILE")]
        out: Option<std::path::PathBuf>,
        /// Set the shop's own part first from a JSON file: {"contact": "…", "places": [{"name",
        /// "holds", "protection"}], "processors": [{"name", "service", "location", "contract"}]}.
        /// Checked whole: a bad line changes nothing.
        #[arg(long, value_name = "FILE")]
        set: Option<std::path::PathBuf>,
        #[arg(long)]
        json: bool,
    },
}

pub fn run(cli: &Cli, command: &PrivacyCommand, actor: &Actor) -> Result<()> {
    match command {
        PrivacyCommand::Ropa { out, set, json } => ropa(cli, actor, out.as_deref(), set.as_deref(), *json),
        PrivacyCommand::MarketingList { channel, out, json } => marketing_list(cli, actor, channel, out.as_deref(), *json),
        PrivacyCommand::Notice { lang, draft, set, version, reviewed_on, json } => {
            notice(cli, actor, lang, *draft, set.as_deref(), version.as_deref(), reviewed_on.as_deref(), *json)
        }
        PrivacyCommand::Review { json } => {
            let list = open_vault(cli)?.review_list(actor, today())?;
            if *json {
                return output::json(
                    &list
                        .iter()
                        .map(|inactive| {
                            serde_json::json!({
                                "customer": inactive.customer.to_string(),
                                "name": inactive.name.as_str(),
                                "last_visit": inactive.last_visit.map(|day| day.to_string()),
                            })
                        })
                        .collect::<Vec<_>>(),
                );
            }
            for inactive in &list {
                let last = inactive.last_visit.map_or_else(|| "never".to_owned(), |day| day.to_string());
                println!("{}  {}  last visit {last}", inactive.customer, inactive.name.as_str());
            }
            eprintln!("{} customers to review", list.len());
            Ok(())
        }
        PrivacyCommand::Keep { customer, reason } => {
            let customer = strongroom_domain::CustomerId::parse(customer)?;
            let reason = strongroom_domain::FreeText::parse("reason", reason)?;
            let until = open_vault(cli)?.keep_customer(actor, customer, reason, today())?;
            eprintln!("kept; back on the review list after {until}");
            Ok(())
        }
        PrivacyCommand::Erase { customer, json } => {
            let customer = strongroom_domain::CustomerId::parse(customer)?;
            let plan = open_vault(cli)?.erase_inactive(actor, customer, today())?;
            if *json {
                return output::json(&crate::erasure::plan_json(&plan));
            }
            crate::erasure::print_plan(&plan);
            Ok(())
        }
        PrivacyCommand::Retention { as_of, dry_run, json } => retention(cli, actor, as_of.as_deref(), *dry_run, *json),
    }
}

/// `privacy retention`: what has passed its keeping deleted (or, dry, listed), and how many
/// customers wait for a review.
fn retention(cli: &Cli, actor: &Actor, as_of: Option<&str>, dry_run: bool, json: bool) -> Result<()> {
    let as_of = match as_of {
        Some(text) => parse_date("as_of", text)?,
        None => today(),
    };
    if as_of > today() && !dry_run {
        eprintln!("warning: --as-of {} is after today: records are deleted before their keeping ends", as_of);
    }
    let vault = open_vault(cli)?;
    let run = vault.run_retention(actor, as_of, dry_run)?;
    let review_due = vault.review_due(actor, as_of)?;
    if json {
        return output::json(&serde_json::json!({
            "as_of": run.as_of.to_string(),
            "dry_run": run.dry_run,
            "aml_records_deleted": run.aml_deleted.len(),
            "aml_records": run.aml_deleted.iter().map(|record| serde_json::json!({
                "id": record.id.to_string(),
                "customer": record.customer.to_string(),
                "kept_until": record.kept_until.to_string(),
            })).collect::<Vec<_>>(),
            "review_due": review_due,
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
    if review_due > 0 {
        eprintln!("{review_due} customers with nothing for years wait for a review: `strongroom privacy review`");
    }
    Ok(())
}

/// `privacy ropa`: the shop's part set first when asked, then the record as text, JSON or a file.
fn ropa(cli: &Cli, actor: &Actor, out: Option<&std::path::Path>, set: Option<&std::path::Path>, json: bool) -> Result<()> {
    use anyhow::Context;
    let part = set
        .map(|file| -> Result<strongroom_app::ShopPart> {
            let text = std::fs::read_to_string(file).with_context(|| format!("cannot read {}", file.display()))?;
            serde_json::from_str(&text).with_context(|| format!("{} is not the record's JSON", file.display()))
        })
        .transpose()?;
    let vault = open_vault(cli)?;
    if let Some(part) = part {
        vault.set_ropa_shop_part(actor, part)?;
    }
    let record = vault.ropa(actor)?;
    if let Some(out) = out {
        let body = if out.extension().is_some_and(|extension| extension == "html") {
            strongroom_server::ropa_document(strongroom_domain::Language::En, &record)
        } else {
            serde_json::to_string_pretty(&record)?
        };
        std::fs::write(out, body).with_context(|| format!("cannot write {}", out.display()))?;
        eprintln!("the record of processing was written to {}", out.display());
        return Ok(());
    }
    if json {
        return output::json(&record);
    }
    println!("Record of processing activities: {} ({})", record.controller, record.country);
    println!("purposes: {}", record.purposes.iter().map(|(label, _)| label.as_str()).collect::<Vec<_>>().join(", "));
    for field in &record.data_map {
        println!("{:<16} {:<22} {:<45} {}", field.record, field.field, field.category, field.roles.join(","));
    }
    println!("other places: {}; processors: {}", record.shop.places.len(), record.shop.processors.len());
    Ok(())
}

/// `privacy marketing-list`: the file is made (new, this account's only) before anything is read.
fn marketing_list(cli: &Cli, actor: &Actor, channel: &str, out: Option<&std::path::Path>, json: bool) -> Result<()> {
    use anyhow::Context;
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let channel = strongroom_domain::ConsentChannel::parse(channel)?;
    anyhow::ensure!(!(json && out.is_some()), "--json prints the list; --out writes it as CSV: choose one");
    let file = out
        .map(|path| {
            std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .mode(0o600)
                .open(path)
                .with_context(|| format!("cannot write {} (is it there already?)", path.display()))
        })
        .transpose()?;
    let list = match open_vault(cli).and_then(|vault| Ok(vault.marketing_list(actor, channel)?)) {
        Ok(list) => list,
        Err(error) => {
            if let Some(path) = out {
                let _ = std::fs::remove_file(path);
            }
            return Err(error);
        }
    };
    if json {
        return output::json(
            &list
                .iter()
                .map(|contact| {
                    serde_json::json!({
                        "customer": contact.customer.to_string(),
                        "name": contact.name,
                        "contact": contact.contact,
                        "consented_at": output::rfc3339(contact.consented_at),
                        "wording_version": contact.wording_version,
                    })
                })
                .collect::<Vec<_>>(),
        );
    }
    let csv = strongroom_app::marketing_csv(&list)?;
    match (file, out) {
        (Some(mut file), Some(path)) => {
            file.write_all(&csv).and_then(|()| file.sync_all()).with_context(|| format!("cannot write {}", path.display()))?;
            eprintln!(
                "{} customers who consent to {} were written to {}; it holds personal data: delete it after use",
                list.len(),
                channel.as_str(),
                path.display()
            );
        }
        _ => std::io::stdout().write_all(&csv)?,
    }
    Ok(())
}

/// `privacy notice`: shows it (or the draft), or saves FILE's text as the shop's.
#[allow(clippy::too_many_arguments)]
fn notice(
    cli: &Cli,
    actor: &Actor,
    lang: &str,
    draft: bool,
    set: Option<&std::path::Path>,
    version: Option<&str>,
    reviewed_on: Option<&str>,
    json: bool,
) -> Result<()> {
    use anyhow::Context;
    let language = strongroom_domain::Language::parse(lang)?;
    let vault = if let Some(file) = set {
        let text = std::fs::read_to_string(file).with_context(|| format!("cannot read {}", file.display()))?;
        let text = strongroom_domain::FreeText::parse("text", &text)?;
        let version = strongroom_domain::ShortText::parse("version", version.context("--set needs --version")?)?;
        let reviewed_on = reviewed_on.map(|day| parse_date("reviewed_on", day)).transpose()?;
        let vault = open_vault(cli)?;
        vault.save_privacy_notice(actor, language, text, version, reviewed_on, today())?;
        vault
    } else {
        open_vault(cli)?
    };
    let notice = if draft { vault.privacy_notice_draft(actor, language)? } else { vault.privacy_notice(actor, language)? };
    if json {
        return output::json(&notice);
    }
    println!("{}", notice.text);
    if notice.draft {
        eprintln!("this is Strongroom's draft: have your adviser read it, then save it with --set");
    } else {
        eprintln!("version {}; reviewed by the adviser on {}", notice.version, notice.reviewed_on.as_deref().unwrap_or("(not recorded)"));
    }
    Ok(())
}
