//! `strongroom purchase add|list|void|refund` and `aml add|list`: a customer's sales, put right
//! when they must be, and identity records.

use anyhow::{Result, bail};
use clap::{Args, Subcommand};
use strongroom_app::{NewAmlRecord, NewCorrection, NewPurchase, Vault};
use strongroom_domain::{
    Actor, CardBrand, CardExpiry, CorrectionKind, Currency, CustomerId, FreeText, IdDocumentNumber, IdDocumentType, IssuingCountry,
    LastFour, Money, PaymentReference, ProcessorToken, PurchaseId, PurchaseItem, Purpose, ShortText, parse_date,
};

use crate::Cli;
use crate::open::open_vault;
use crate::output;
use crate::parsing::{optional, optional_purpose, today};

#[derive(Debug, Subcommand)]
pub enum PurchaseCommand {
    /// Record a sale.
    Add(AddPurchaseArgs),
    /// A customer's sales, with their voids and refunds.
    List {
        #[arg(long)]
        customer: String,
        #[arg(long)]
        purpose: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Void a sale that did not happen (recorded by mistake, cancelled at the counter); owner or
    /// manager. The sale stays; the void is recorded beside it with the reason.
    Void {
        #[arg(long)]
        purchase: String,
        #[arg(long)]
        reason: String,
        #[arg(long)]
        json: bool,
    },
    /// Refund all or part of a sale; owner or manager.
    Refund {
        #[arg(long)]
        purchase: String,
        /// How much is given back, e.g. 250 or 250.00; at most what is left of the sale.
        #[arg(long)]
        amount: String,
        #[arg(long)]
        reason: String,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Args)]
pub struct AddPurchaseArgs {
    #[arg(long)]
    pub customer: String,
    /// An item as "description;metal;stones;certificate;price" (all but the description
    /// optional); repeatable for a sale of several pieces.
    #[arg(long = "item", required = true)]
    pub items: Vec<String>,
    /// The total, e.g. 1250 or 1250.50; when every item has a price they must add up to it.
    #[arg(long)]
    pub total: String,
    /// A note for the shop (not printed on the receipt).
    #[arg(long)]
    pub note: Option<String>,
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
    /// The sale or invoice the check was for; with --sale, the sale's receipt number by default.
    #[arg(long, required_unless_present = "sale")]
    pub transaction_reference: Option<String>,
    /// The id of this customer's sale the check was for (as `purchase add` printed it); the
    /// sale then no longer shows as missing its check.
    #[arg(long)]
    pub sale: Option<String>,
    /// YYYY-MM-DD; today by default.
    #[arg(long)]
    pub transaction_date: Option<String>,
    /// Who checked the document; you (the OS user) by default.
    #[arg(long)]
    pub verified_by: Option<String>,
    #[arg(long)]
    pub json: bool,
}

pub fn parse_item(text: &str, currency: Currency) -> Result<PurchaseItem> {
    let mut parts = text.split(';');
    let description = ShortText::parse("item", parts.next().unwrap_or(""))?;
    let mut next = |field: &'static str| -> Result<Option<ShortText>> {
        Ok(match parts.next() {
            Some(part) if !part.trim().is_empty() => Some(ShortText::parse(field, part)?),
            _ => None,
        })
    };
    let (metal, stones, certificate_number) = (next("metal")?, next("stones")?, next("certificate")?);
    let price = match parts.next() {
        Some(part) if !part.trim().is_empty() => Some(Money::parse("price", part, currency)?),
        _ => None,
    };
    if parts.next().is_some() {
        bail!("item: use at most five parts, description;metal;stones;certificate;price");
    }
    Ok(PurchaseItem { description, metal, stones, certificate_number, price })
}

pub fn add_purchase(cli: &Cli, args: &AddPurchaseArgs, actor: &Actor) -> Result<()> {
    let customer_id = CustomerId::parse(&args.customer)?;
    let engraving = optional(args.engraving.clone(), |e| FreeText::parse("engraving", e))?;
    let note = optional(args.note.clone(), |e| FreeText::parse("note", e))?;
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
    let settings = vault.settings();
    let items = args.items.iter().map(|item| parse_item(item, settings.currency)).collect::<Result<Vec<_>>>()?;
    let total = Money::parse("total", &args.total, settings.currency)?;
    let new = NewPurchase { customer_id, purchased_on, items, total, paid_in_cash: args.cash, engraving, payment, note };
    let id = vault.add_purchase(actor, new)?;
    // The law asks for the buyer's identity on a sale like this; the sale is recorded either way
    // (refusing it would lose it), and who made it is told what to do next.
    let check_required = settings.aml_rules.requires_check(total, args.cash);
    if args.json {
        return output::json(&serde_json::json!({ "id": id.to_string(), "identity_check_required": check_required }));
    }
    println!("{id}");
    if check_required {
        eprintln!(
            "warning: {} — record the buyer's identity check for this sale now:\n  strongroom aml add --customer {customer_id} \
             --sale {id} --document-type passport --document-number … --document-country …",
            settings.aml_rules.rule
        );
    }
    Ok(())
}

fn correct_purchase(
    cli: &Cli,
    actor: &Actor,
    purchase: &str,
    kind: CorrectionKind,
    amount: Option<&str>,
    reason: &str,
    json: bool,
) -> Result<()> {
    let purchase_id = PurchaseId::parse(purchase)?;
    let reason = FreeText::parse("reason", reason)?;
    let vault = open_vault(cli)?;
    let amount = amount.map(|amount| Money::parse("amount", amount, vault.settings().currency)).transpose()?;
    let correction = vault.correct_sale(actor, NewCorrection { purchase_id, kind, amount, reason })?;
    if json {
        return output::json(&serde_json::json!({
            "id": correction.id.to_string(),
            "purchase": purchase_id.to_string(),
            "kind": kind.as_str(),
            "amount": format!("{}.{:02}", correction.amount.minor_units() / 100, correction.amount.minor_units() % 100),
        }));
    }
    println!("{}", correction.id);
    eprintln!("{} {}, recorded beside the sale", kind.as_str(), correction.amount);
    Ok(())
}

pub fn add_aml(cli: &Cli, args: &AddAmlArgs, actor: &Actor) -> Result<()> {
    let sale = args.sale.as_deref().map(PurchaseId::parse).transpose()?;
    let reference = match (&args.transaction_reference, sale) {
        (Some(reference), _) => reference.clone(),
        (None, Some(sale)) => sale.receipt_number(),
        (None, None) => unreachable!("clap requires --transaction-reference without --sale"),
    };
    let new = NewAmlRecord {
        customer_id: CustomerId::parse(&args.customer)?,
        document_type: IdDocumentType::parse(&args.document_type)?,
        document_number: IdDocumentNumber::parse(&args.document_number)?,
        document_country: IssuingCountry::parse(&args.document_country)?,
        verified_by: ShortText::parse("verified_by", args.verified_by.as_deref().unwrap_or(&actor.name))?,
        transaction_reference: ShortText::parse("transaction_reference", &reference)?,
        transaction_date: optional(args.transaction_date.clone(), |d| parse_date("transaction_date", d))?.unwrap_or_else(today),
        sale,
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

/// The vault, the customer named on the command line and the purpose given for reading them.
fn customer_for(cli: &Cli, customer: &str, purpose: Option<&str>) -> Result<(Vault, CustomerId, Option<Purpose>)> {
    let customer_id = CustomerId::parse(customer)?;
    let vault = open_vault(cli)?;
    let purpose = optional_purpose(&vault, purpose)?;
    Ok((vault, customer_id, purpose))
}

pub fn purchase(cli: &Cli, command: &PurchaseCommand, actor: &Actor) -> Result<()> {
    match command {
        PurchaseCommand::Add(args) => add_purchase(cli, args, actor),
        PurchaseCommand::List { customer, purpose, json } => {
            let (vault, customer_id, purpose) = customer_for(cli, customer, purpose.as_deref())?;
            let purchases = vault.purchases(actor, customer_id, purpose.as_ref())?;
            if *json {
                return output::json(&purchases.iter().map(output::PurchaseJson::from).collect::<Vec<_>>());
            }
            output::print_purchases(&purchases);
            Ok(())
        }
        PurchaseCommand::Void { purchase, reason, json } => {
            correct_purchase(cli, actor, purchase, CorrectionKind::Void, None, reason, *json)
        }
        PurchaseCommand::Refund { purchase, amount, reason, json } => {
            correct_purchase(cli, actor, purchase, CorrectionKind::Refund, Some(amount), reason, *json)
        }
    }
}

pub fn aml(cli: &Cli, command: &AmlCommand, actor: &Actor) -> Result<()> {
    match command {
        AmlCommand::Add(args) => add_aml(cli, args, actor),
        AmlCommand::List { customer, purpose, json } => {
            let (vault, customer_id, purpose) = customer_for(cli, customer, purpose.as_deref())?;
            let records = vault.aml_records(actor, customer_id, purpose.as_ref())?;
            if *json {
                return output::json(&records.iter().map(output::AmlJson::from).collect::<Vec<_>>());
            }
            output::print_aml_records(&records);
            Ok(())
        }
    }
}
