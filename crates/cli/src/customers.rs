//! `strongroom customer …`: add, show, find, edit and list customers through the gate.

use anyhow::{Context, Result, bail};
use clap::{Args, Subcommand};
use strongroom_app::CustomerQuery;
use strongroom_domain::{
    Actor, ConsentChannel, CustomerId, CustomerPatch, CustomerText, EmailAddress, FreeText, MarketingConsent, PersonName, PhoneE164,
    PostalAddress, ShortText, parse_birth_date, parse_date,
};
use time::OffsetDateTime;

use crate::Cli;
use crate::open::open_vault;
use crate::output::{self, CustomerJson, CustomerRecordJson, SummaryJson};
use crate::parsing::{every_problem, optional_purpose, patch, today};

#[derive(Debug, Subcommand)]
pub enum CustomerCommand {
    /// Add a customer and print the new id.
    Add(Box<AddCustomerArgs>),
    /// Show a customer's record (an audited read).
    Show {
        id: String,
        /// Why you are looking (sale, repair, customer_request, aftercare, compliance,
        /// security_incident, data_quality, or the shop's own): required, and kept in the audit trail.
        #[arg(long)]
        purpose: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Find customers by exact email, phone or name words (through the blind indexes).
    Find(FindArgs),
    /// Change a customer's fields.
    Edit(Box<EditCustomerArgs>),
    /// Merge a duplicate record of the same person into another (owner or manager): the
    /// duplicate's purchases, jobs and identity records move, the fields the kept record leaves
    /// empty take the duplicate's values, and the duplicate's key is destroyed. Cannot be undone.
    Merge {
        /// The record that stays.
        #[arg(long)]
        keep: String,
        /// The record merged into it and then destroyed.
        #[arg(long)]
        duplicate: String,
        #[arg(long)]
        json: bool,
    },
    /// List customers in the order they were added.
    List {
        /// Start after this customer id (the last id of the previous page).
        #[arg(long)]
        after: Option<String>,
        #[arg(long, default_value_t = 50)]
        limit: usize,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Args)]
pub struct AddCustomerArgs {
    #[arg(long)]
    pub name: String,
    #[arg(long)]
    pub email: Option<String>,
    #[arg(long)]
    pub phone: Option<String>,
    #[arg(long)]
    pub address: Option<String>,
    /// YYYY-MM-DD
    #[arg(long)]
    pub birth_date: Option<String>,
    #[arg(long)]
    pub notes: Option<String>,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
#[group(required = true, multiple = false)]
pub struct FindQuery {
    #[arg(long)]
    pub email: Option<String>,
    #[arg(long)]
    pub phone: Option<String>,
    #[arg(long)]
    pub name: Option<String>,
}

#[derive(Debug, Args)]
pub struct FindArgs {
    #[command(flatten)]
    pub query: FindQuery,
    #[arg(long)]
    pub purpose: Option<String>,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct EditCustomerArgs {
    pub id: String,
    #[arg(long)]
    pub name: Option<String>,
    /// A new email; an empty value clears it.
    #[arg(long)]
    pub email: Option<String>,
    #[arg(long)]
    pub phone: Option<String>,
    #[arg(long)]
    pub address: Option<String>,
    #[arg(long)]
    pub birth_date: Option<String>,
    /// The id of the customer's spouse or partner (empty clears it).
    #[arg(long)]
    pub partner: Option<String>,
    /// YYYY-MM-DD
    #[arg(long)]
    pub anniversary: Option<String>,
    #[arg(long)]
    pub ring_sizes: Option<String>,
    /// Health data (GDPR Art. 9): record only what the customer asked you to remember.
    #[arg(long)]
    pub metal_allergies: Option<String>,
    #[arg(long)]
    pub style_notes: Option<String>,
    #[arg(long)]
    pub wish_list: Option<String>,
    #[arg(long)]
    pub preferred_associate: Option<String>,
    /// Marketing consent as CHANNEL=yes|no (channels: email, sms, post, phone); repeatable.
    #[arg(long = "consent", value_name = "CHANNEL=yes|no")]
    pub consent: Vec<String>,
    /// The version of the consent wording the customer saw (required with --consent).
    #[arg(long)]
    pub consent_wording: Option<String>,
    #[arg(long)]
    pub notes: Option<String>,
    #[arg(long)]
    pub json: bool,
}

pub fn run(cli: &Cli, command: &CustomerCommand, actor: &Actor) -> Result<()> {
    match command {
        CustomerCommand::Add(args) => {
            let vault = open_vault(cli)?;
            let country = vault.settings().default_country;
            let text = CustomerText {
                name: Some(&args.name),
                email: args.email.as_deref(),
                phone: args.phone.as_deref(),
                address: args.address.as_deref(),
                birth_date: args.birth_date.as_deref(),
                notes: args.notes.as_deref(),
            };
            let new = text.parse(country, today()).map_err(every_problem)?;
            let added = vault.add_customer(actor, new)?;
            let same_email: Vec<String> = added.same_email.iter().map(ToString::to_string).collect();
            if args.json {
                return output::json(&serde_json::json!({ "id": added.id.to_string(), "same_email": same_email }));
            }
            println!("{}", added.id);
            if !same_email.is_empty() {
                eprintln!("note: customers with the same email already exist: {}", same_email.join(", "));
            }
            Ok(())
        }
        CustomerCommand::Show { id, purpose, json } => {
            let id = CustomerId::parse(id)?;
            let vault = open_vault(cli)?;
            let Some(purpose) = optional_purpose(&vault, purpose.as_deref())? else {
                bail!(
                    "reading a customer's full record needs a purpose of access: --purpose one of {}",
                    vault.purposes().labels().join(", ")
                );
            };
            let record = vault.show_customer(actor, id, &purpose)?;
            if *json {
                return output::json(&CustomerRecordJson::from(&record));
            }
            output::print_record(&record);
            Ok(())
        }
        CustomerCommand::Find(args) => {
            let vault = open_vault(cli)?;
            let country = vault.settings().default_country;
            let query = match (&args.query.email, &args.query.phone, &args.query.name) {
                (Some(email), _, _) => CustomerQuery::Email(EmailAddress::parse(email)?),
                (_, Some(phone), _) => CustomerQuery::Phone(PhoneE164::parse(phone, country)?),
                (_, _, Some(name)) => CustomerQuery::Name(name.clone()),
                _ => bail!("give --email, --phone or --name"),
            };
            let purpose = optional_purpose(&vault, args.purpose.as_deref())?;
            let found = vault.find_customers(actor, &query, purpose.as_ref())?;
            if args.json {
                return output::json(&found.iter().map(CustomerJson::from).collect::<Vec<_>>());
            }
            if found.is_empty() {
                println!("no customer matches");
            }
            for customer in &found {
                output::print_customer(customer);
            }
            Ok(())
        }
        CustomerCommand::Edit(args) => edit_customer(cli, args, actor),
        CustomerCommand::Merge { keep, duplicate, json } => merge(cli, actor, keep, duplicate, *json),
        CustomerCommand::List { after, limit, json } => {
            let after = after.as_deref().map(CustomerId::parse).transpose()?;
            let vault = open_vault(cli)?;
            let page = vault.list_customers(actor, after, *limit)?;
            if *json {
                return output::json(&page.iter().map(SummaryJson::from).collect::<Vec<_>>());
            }
            for summary in &page {
                let contact = [summary.email.as_ref().map(|e| e.to_string()), summary.phone.as_ref().map(|p| p.to_string())];
                let contact: Vec<String> = contact.into_iter().flatten().collect();
                println!("{}  {:<32} {}", summary.id, summary.name.as_str(), contact.join("  "));
            }
            if page.len() == *limit
                && let Some(last) = page.last()
            {
                eprintln!("more: strongroom customer list --after {}", last.id);
            }
            Ok(())
        }
    }
}

pub fn edit_customer(cli: &Cli, args: &EditCustomerArgs, actor: &Actor) -> Result<()> {
    let id = CustomerId::parse(&args.id)?;
    let vault = open_vault(cli)?;
    let country = vault.settings().default_country;
    let mut consent = Vec::new();
    if !args.consent.is_empty() {
        let wording = args
            .consent_wording
            .as_deref()
            .context("--consent needs --consent-wording (the version of the text the customer agreed to)")?;
        let wording = ShortText::parse("consent_wording", wording)?;
        for entry in &args.consent {
            let (channel, answer) = entry.split_once('=').context("--consent takes CHANNEL=yes or CHANNEL=no")?;
            let granted = match answer.trim().to_ascii_lowercase().as_str() {
                "yes" | "y" | "true" => true,
                "no" | "n" | "false" => false,
                _ => bail!("--consent takes CHANNEL=yes or CHANNEL=no"),
            };
            consent.push(MarketingConsent {
                channel: ConsentChannel::parse(channel)?,
                granted,
                wording_version: wording.clone(),
                recorded_at: OffsetDateTime::now_utc(),
            });
        }
    }
    let patch = CustomerPatch {
        name: args.name.as_deref().map(|n| PersonName::parse("name", n)).transpose()?,
        email: patch(args.email.clone(), EmailAddress::parse)?,
        phone: patch(args.phone.clone(), |p| PhoneE164::parse(p, country))?,
        address: patch(args.address.clone(), |a| PostalAddress::parse("address", a))?,
        birth_date: patch(args.birth_date.clone(), |d| parse_birth_date(d, today()))?,
        partner: patch(args.partner.clone(), CustomerId::parse)?,
        anniversary: patch(args.anniversary.clone(), |d| parse_date("anniversary", d))?,
        ring_sizes: patch(args.ring_sizes.clone(), |v| ShortText::parse("ring_sizes", v))?,
        metal_allergies: patch(args.metal_allergies.clone(), |v| ShortText::parse("metal_allergies", v))?,
        style_notes: patch(args.style_notes.clone(), |v| FreeText::parse("style_notes", v))?,
        wish_list: patch(args.wish_list.clone(), |v| FreeText::parse("wish_list", v))?,
        preferred_associate: patch(args.preferred_associate.clone(), |v| ShortText::parse("preferred_associate", v))?,
        consent,
        notes: patch(args.notes.clone(), |v| FreeText::parse("notes", v))?,
    };
    if patch.is_empty() {
        bail!("nothing to change: give at least one field to edit");
    }
    let Some(customer) = vault.edit_customer(actor, id, patch)? else {
        bail!("saved, but this actor may not read customers, so nothing is shown");
    };
    if args.json {
        return output::json(&CustomerJson::from(&customer));
    }
    output::print_customer(&customer);
    Ok(())
}

/// `customer merge`: a duplicate record merged into the one kept (see `Vault::merge_customers`).
fn merge(cli: &Cli, actor: &Actor, keep: &str, duplicate: &str, json: bool) -> Result<()> {
    let (keep, duplicate) = (CustomerId::parse(keep)?, CustomerId::parse(duplicate)?);
    let vault = open_vault(cli)?;
    let report = vault.merge_customers(actor, keep, duplicate)?;
    let filled: Vec<&str> = report.filled.iter().map(|field| field.name()).collect();
    if json {
        return output::json(&serde_json::json!({
            "kept": report.kept.to_string(),
            "merged_away": report.merged_away.to_string(),
            "purchases": report.purchases,
            "repairs": report.repairs,
            "aml_records": report.aml_records,
            "requests": report.requests,
            "filled": filled,
        }));
    }
    println!("{}", report.kept);
    eprintln!(
        "merged {} into it: {} purchases, {} jobs, {} identity records, {} requests moved; filled: {}; the duplicate's key is destroyed",
        report.merged_away,
        report.purchases,
        report.repairs,
        report.aml_records,
        report.requests,
        if filled.is_empty() { "nothing".to_owned() } else { filled.join(", ") }
    );
    Ok(())
}
