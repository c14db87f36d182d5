//! `strongroom purchase add` and `aml add|list`: a customer's sales and identity records.

use anyhow::{Result, bail};
use clap::{Args, Subcommand};
use strongroom_app::{NewAmlRecord, NewPurchase};
use strongroom_domain::{
    Actor, CardBrand, CardExpiry, CustomerId, FreeText, IdDocumentNumber, IdDocumentType, IssuingCountry, LastFour, Money,
    PaymentReference, ProcessorToken, PurchaseItem, ShortText, parse_date,
};

use crate::Cli;
use crate::open::open_vault;
use crate::output;
use crate::parsing::{optional, optional_purpose, today};

#[derive(Debug, Subcommand)]
pub enum PurchaseCommand {
    /// Record a sale.
    Add(AddPurchaseArgs),
}

#[derive(Debug, Args)]
pub struct AddPurchaseArgs {
    #[arg(long)]
    pub customer: String,
    /// An item as "description;metal;stones;certificate" (the last three optional); repeatable.
    #[arg(long = "item", required = true)]
    pub items: Vec<String>,
    /// The total, e.g. 1250 or 1250.50.
    #[arg(long)]
    pub total: String,
    /// YYYY-MM-DD; today by default.
    #[arg(long)]
    pub date: Option<String>,
    #[arg(long)]
    pub cash: bool,
    #[arg(long)]
    pub engraving: Option<String>,
    /// The payment processor's card token (never the card number).
    #[arg(long, requires_all = ["card_brand", "card_last_four"])]
    pub card_token: Option<String>,
    #[arg(long)]
    pub card_brand: Option<String>,
    #[arg(long)]
    pub card_last_four: Option<String>,
    /// MM/YY
    #[arg(long)]
    pub card_expiry: Option<String>,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum AmlCommand {
    /// Record the identity check for a high-value sale (kept five years, then deleted).
    Add(AddAmlArgs),
    /// A customer's identity records (owner and privacy officer; readable even after the
    /// customer's own data was erased, until their retention ends).
    List {
        #[arg(long)]
        customer: String,
        #[arg(long)]
        purpose: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Args)]
pub struct AddAmlArgs {
    #[arg(long)]
    pub customer: String,
    /// passport, national-id-card, driving-licence or residence-permit
    #[arg(long)]
    pub document_type: String,
    #[arg(long)]
    pub document_number: String,
    /// The issuing country's two-letter code.
    #[arg(long)]
    pub document_country: String,
    /// The sale or invoice the check was for.
    #[arg(long)]
    pub transaction_reference: String,
    /// YYYY-MM-DD; today by default.
    #[arg(long)]
    pub transaction_date: Option<String>,
    /// Who checked the document; you (the OS user) by default.
    #[arg(long)]
    pub verified_by: Option<String>,
    #[arg(long)]
    pub json: bool,
}

pub fn parse_item(text: &str) -> Result<PurchaseItem> {
    let mut parts = text.split(';');
    let description = ShortText::parse("item", parts.next().unwrap_or(""))?;
    let mut next = |field: &'static str| -> Result<Option<ShortText>> {
        Ok(match parts.next() {
            Some(part) if !part.trim().is_empty() => Some(ShortText::parse(field, part)?),
            _ => None,
        })
    };
    let item = PurchaseItem { metal: next("metal")?, stones: next("stones")?, certificate_number: next("certificate")?, description };
    if parts.next().is_some() {
        bail!("item: use at most four parts, description;metal;stones;certificate");
    }
    Ok(item)
}

pub fn add_purchase(cli: &Cli, args: &AddPurchaseArgs, actor: &Actor) -> Result<()> {
    let customer_id = CustomerId::parse(&args.customer)?;
    let items = args.items.iter().map(|item| parse_item(item)).collect::<Result<Vec<_>>>()?;
    let engraving = optional(args.engraving.clone(), |e| FreeText::parse("engraving", e))?;
    let payment = match (&args.card_token, &args.card_brand, &args.card_last_four) {
        (Some(token), Some(brand), Some(last_four)) => Some(PaymentReference {
            processor_token: ProcessorToken::parse(token)?,
            brand: CardBrand::parse(brand)?,
            last_four: LastFour::parse(last_four)?,
            expiry: optional(args.card_expiry.clone(), CardExpiry::parse)?,
        }),
        (None, None, None) => None,
        _ => bail!("a card payment needs --card-token, --card-brand and --card-last-four"),
    };
    let purchased_on = optional(args.date.clone(), |d| parse_date("date", d))?.unwrap_or_else(today);
    let vault = open_vault(cli)?;
    let total = Money::parse("total", &args.total, vault.settings().currency)?;
    let id =
        vault.add_purchase(actor, NewPurchase { customer_id, purchased_on, items, total, paid_in_cash: args.cash, engraving, payment })?;
    if args.json {
        return output::json(&serde_json::json!({ "id": id.to_string() }));
    }
    println!("{id}");
    Ok(())
}

pub fn add_aml(cli: &Cli, args: &AddAmlArgs, actor: &Actor) -> Result<()> {
    let new = NewAmlRecord {
        customer_id: CustomerId::parse(&args.customer)?,
        document_type: IdDocumentType::parse(&args.document_type)?,
        document_number: IdDocumentNumber::parse(&args.document_number)?,
        document_country: IssuingCountry::parse(&args.document_country)?,
        verified_by: ShortText::parse("verified_by", args.verified_by.as_deref().unwrap_or(&actor.name))?,
        transaction_reference: ShortText::parse("transaction_reference", &args.transaction_reference)?,
        transaction_date: optional(args.transaction_date.clone(), |d| parse_date("transaction_date", d))?.unwrap_or_else(today),
    };
    let vault = open_vault(cli)?;
    let (id, retention_ends) = vault.add_aml_record(actor, new)?;
    if args.json {
        return output::json(&serde_json::json!({ "id": id.to_string(), "retention_ends": retention_ends.to_string() }));
    }
    println!("{id}");
    eprintln!("kept until {retention_ends} (five years), then deleted");
    Ok(())
}

pub fn purchase(cli: &Cli, command: &PurchaseCommand, actor: &Actor) -> Result<()> {
    match command {
        PurchaseCommand::Add(args) => add_purchase(cli, args, actor),
    }
}

pub fn aml(cli: &Cli, command: &AmlCommand, actor: &Actor) -> Result<()> {
    match command {
        AmlCommand::Add(args) => add_aml(cli, args, actor),
        AmlCommand::List { customer, purpose, json } => {
            let customer_id = CustomerId::parse(customer)?;
            let vault = open_vault(cli)?;
            let purpose = optional_purpose(&vault, purpose.as_deref())?;
            let records = vault.aml_records(actor, customer_id, purpose.as_ref())?;
            if *json {
                return output::json(&records.iter().map(output::AmlJson::from).collect::<Vec<_>>());
            }
            output::print_aml_records(&records);
            Ok(())
        }
    }
}
