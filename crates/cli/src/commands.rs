//! The commands: each parses its flags into domain values at the edge, then calls the gate.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use clap::{Args, Subcommand};
use indicatif::{ProgressBar, ProgressStyle};
use strongroom_app::{
    CustomerQuery, ImportOptions, ImportProgressEvent, InitOptions, KeySource, NewAmlRecord, NewPurchase, NewRepair, Vault,
};
use strongroom_crypto::ShopKey;
use strongroom_domain::{
    Actor, CardBrand, CardExpiry, ConsentChannel, Country, Currency, CustomerId, CustomerPatch, EmailAddress, FreeText, IdDocumentNumber,
    IdDocumentType, IssuingCountry, JobKind, LastFour, MarketingConsent, Money, NewCustomer, PaymentReference, PersonName, PhoneE164,
    PostalAddress, ProcessorToken, PurchaseItem, Purpose, ShortText, parse_birth_date, parse_date,
};
use time::OffsetDateTime;

use crate::output::{self, CustomerJson, CustomerRecordJson, ImportReportJson, KeyStatusJson, SummaryJson};
use crate::settings::{self, ConfigFile, Settings};
use crate::{Cli, Command, KeyError};

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Protect the vault with a passphrase instead of a key file (typed, or --passphrase-file).
    #[arg(long)]
    pub passphrase: bool,
    /// The shop's country (ISO 3166 code): national phone numbers are read as this country's.
    #[arg(long, default_value = "NL")]
    pub country: String,
    /// The shop's currency (ISO 4217).
    #[arg(long, default_value = "EUR")]
    pub currency: String,
    /// The shop's name: staff passwords may not be built from it; authenticator apps show it.
    #[arg(long)]
    pub shop_name: Option<String>,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum CustomerCommand {
    /// Add a customer and print the new id.
    Add(Box<AddCustomerArgs>),
    /// Show a customer's record (an audited read).
    Show {
        id: String,
        /// Why you are looking (sale, repair, customer_request, aftercare, compliance,
        /// security_incident, or the shop's own): required, and kept in the audit trail.
        #[arg(long)]
        purpose: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Find customers by exact email, phone or name words (through the blind indexes).
    Find(FindArgs),
    /// Change a customer's fields.
    Edit(Box<EditCustomerArgs>),
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
pub enum RepairCommand {
    /// Take in a repair, appraisal or custom order.
    Add(AddRepairArgs),
}

#[derive(Debug, Args)]
pub struct AddRepairArgs {
    #[arg(long)]
    pub customer: String,
    /// What was taken in, and what to do.
    #[arg(long)]
    pub item: String,
    /// repair, appraisal or custom-order
    #[arg(long, default_value = "repair")]
    pub kind: String,
    #[arg(long)]
    pub condition: Option<String>,
    #[arg(long)]
    pub valuation: Option<String>,
    /// The day it was promised back, YYYY-MM-DD.
    #[arg(long)]
    pub promised: Option<String>,
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
    #[arg(long, default_value_t = 10_000, hide = true)]
    pub batch_size: usize,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum KeysCommand {
    /// Show the master key versions and how many data keys each wraps.
    Status {
        #[arg(long)]
        json: bool,
    },
    /// Add a master key version and re-wrap every data key under it (resumable).
    Rotate {
        #[arg(long, default_value_t = 5_000, hide = true)]
        batch_size: usize,
        #[arg(long)]
        json: bool,
    },
    /// Delete old master key versions that no longer wrap any data key.
    Retire {
        #[arg(long)]
        json: bool,
    },
}

/// The OS user running the CLI, recorded as the actor in the audit trail: the account of the
/// process's real uid (from /etc/passwd), not `$USER`, which any caller can set; `uid-N` where the
/// uid has no account name.
pub fn os_user() -> String {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let uid = status.lines().find_map(|line| line.strip_prefix("Uid:")).and_then(|rest| rest.split_whitespace().next()).map(str::to_owned);
    let Some(uid) = uid else {
        return std::env::var("USER").unwrap_or_else(|_| "unknown".to_owned());
    };
    let passwd = std::fs::read_to_string("/etc/passwd").unwrap_or_default();
    passwd
        .lines()
        .filter_map(|line| {
            let mut fields = line.split(':');
            let name = fields.next()?;
            let uid_field = fields.nth(1)?;
            (uid_field == uid).then(|| name.to_owned())
        })
        .next()
        .unwrap_or_else(|| format!("uid-{uid}"))
}

pub fn open_vault(cli: &Cli) -> Result<Vault> {
    let settings = Settings::load(&cli.data_dir, cli.database_url.as_deref())?;
    let source = cli.key.args().source()?;
    open_with(&cli.data_dir, &settings, &source)
}

/// Opens the vault of `data_dir`, holding its keys lock shared until this process exits: no
/// key rotation under the keys it opens (`crate::lock`).
pub fn open_with(data_dir: &Path, settings: &Settings, source: &KeySource) -> Result<Vault> {
    crate::lock::hold(data_dir, crate::lock::Mode::Shared)?;
    let store = strongroom_store::open(&settings.location)?;
    let mut vault = Vault::open(store, source, settings.vault)?;
    vault.set_purposes(settings.purposes.clone());
    vault.set_shop_name(&settings.shop_name);
    Ok(vault)
}

/// Parses an optional `--purpose` against the shop's list.
fn optional_purpose(vault: &Vault, purpose: Option<&str>) -> Result<Option<Purpose>> {
    Ok(purpose.map(|text| vault.purposes().parse(text)).transpose()?)
}

fn optional<T>(value: Option<String>, parse: impl FnOnce(&str) -> Result<T, strongroom_domain::DomainError>) -> Result<Option<T>> {
    Ok(value.map(|v| parse(&v)).transpose()?)
}

/// For edits: absent leaves the field, an empty value clears it, anything else is parsed.
fn patch<T>(value: Option<String>, parse: impl FnOnce(&str) -> Result<T, strongroom_domain::DomainError>) -> Result<Option<Option<T>>> {
    Ok(match value {
        None => None,
        Some(v) if v.trim().is_empty() => Some(None),
        Some(v) => Some(Some(parse(&v)?)),
    })
}

fn today() -> time::Date {
    OffsetDateTime::now_utc().date()
}

fn progress_bar(total: u64, what: &str) -> ProgressBar {
    let bar = if std::io::stderr().is_terminal() { ProgressBar::new(total) } else { ProgressBar::hidden() };
    bar.set_style(
        ProgressStyle::with_template("{msg} [{bar:40}] {pos}/{len} ({per_sec}, {eta} left)")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    bar.set_message(what.to_owned());
    bar
}

pub fn run(cli: Cli) -> Result<()> {
    let actor = Actor::cli(&os_user());
    match &cli.command {
        Command::Init(args) => init(&cli, args, &actor),
        Command::Customer(command) => customer(&cli, command, &actor),
        Command::Purchase(PurchaseCommand::Add(args)) => add_purchase(&cli, args, &actor),
        Command::Repair(RepairCommand::Add(args)) => add_repair(&cli, args, &actor),
        Command::Aml(AmlCommand::Add(args)) => add_aml(&cli, args, &actor),
        Command::Aml(AmlCommand::List { customer, purpose, json }) => {
            let customer_id = CustomerId::parse(customer)?;
            let vault = open_vault(&cli)?;
            let purpose = optional_purpose(&vault, purpose.as_deref())?;
            let records = vault.aml_records(&actor, customer_id, purpose.as_ref())?;
            if *json {
                return output::json(&records.iter().map(output::AmlJson::from).collect::<Vec<_>>());
            }
            output::print_aml_records(&records);
            Ok(())
        }
        Command::Import(ImportCommand::Customers(args)) => import_customers(&cli, args, &actor),
        Command::Keys(command) => keys(&cli, command, &actor),
        Command::User(command) => crate::users::run(&cli, command, &actor),
        Command::Token(command) => crate::tokens::run(&cli, command, &actor),
        Command::Audit(command) => crate::audit::run(&cli, command, &actor),
        Command::Serve(args) => crate::serve::run(&cli, args),
        Command::Demo(args) => crate::demo::run(&cli, args),
        Command::Bench(args) => crate::bench::run(&cli, args),
    }
}

fn init(cli: &Cli, args: &InitArgs, actor: &Actor) -> Result<()> {
    let config = ConfigFile {
        backend: if cli.database_url.is_some() { "postgres".into() } else { "sqlite".into() },
        default_country: Country::parse(&args.country)?.code().to_owned(),
        currency: Currency::parse(&args.currency)?.to_string(),
        checkpoint_every_events: None,
        checkpoint_every_minutes: None,
        extra_purposes: None,
        aml_rules: None,
        shop_name: args.shop_name.as_deref().map(str::trim).filter(|name| !name.is_empty()).map(str::to_owned),
        security: None,
        server: None,
    };
    if cli.data_dir.join(settings::CONFIG_FILE).exists() {
        bail!("{} already holds a vault; nothing was changed", cli.data_dir.display());
    }
    let key_args = cli.key.args();
    let (source, created_key_file) = match (&key_args.key_file, args.passphrase) {
        (Some(_), true) => bail!("choose either --key-file or --passphrase, not both"),
        (Some(path), false) => {
            let path = settings::check_key_file_location(path, &cli.data_dir)?;
            if path.exists() {
                bail!("{} already exists; init never overwrites a key (it may be another vault's)", path.display());
            }
            let (_, text) = ShopKey::generate_key_file()?;
            write_key_file(&path, &text)?;
            (KeySource::KeyFile(text), Some(path))
        }
        (None, _) if key_args.passphrase_file.is_some() || args.passphrase => (KeySource::Passphrase(key_args.new_passphrase()?), None),
        (None, _) => bail!(KeyError::Missing),
    };
    let outcome = (|| -> Result<Vault> {
        settings::create_data_dir(&cli.data_dir)?;
        let settings = Settings::from_config(&cli.data_dir, &config, cli.database_url.as_deref())?;
        let store = strongroom_store::open(&settings.location)?;
        let vault = Vault::init(store, &source, InitOptions::default(), settings.vault, actor)?;
        settings::write_config(&cli.data_dir, &config)?;
        Ok(vault)
    })();
    let vault = match outcome {
        Ok(vault) => vault,
        Err(error) => {
            // The new key protects nothing: remove it so it is not mistaken for a vault's key.
            if let Some(path) = &created_key_file {
                let _ = std::fs::remove_file(path);
            }
            return Err(error);
        }
    };
    if args.json {
        return output::json(&serde_json::json!({
            "data_dir": cli.data_dir.display().to_string(),
            "backend": vault.backend(),
            "key_file": created_key_file.as_ref().map(|p| p.display().to_string()),
        }));
    }
    println!("Created a vault in {} ({}).", cli.data_dir.display(), vault.backend());
    match &created_key_file {
        Some(path) => {
            println!("The shop key is in {} (readable by you only).", path.display());
            println!("Without it nobody can read the data, you included: copy it to a USB stick kept in the safe.");
            println!("Never store it next to the data or its backups.");
        }
        None => println!("The vault is protected by your passphrase. Without it nobody can read the data, you included."),
    }
    println!("Next: strongroom customer add --name \"Anna de Vries\" --email anna@example.com");
    Ok(())
}

fn write_key_file(path: &std::path::Path, text: &str) -> Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
        .with_context(|| format!("cannot create the key file {}", path.display()))?;
    file.write_all(text.as_bytes())?;
    file.sync_all()?;
    Ok(())
}

fn customer(cli: &Cli, command: &CustomerCommand, actor: &Actor) -> Result<()> {
    match command {
        CustomerCommand::Add(args) => {
            let vault = open_vault(cli)?;
            let country = vault.settings().default_country;
            let new = NewCustomer {
                name: PersonName::parse("name", &args.name)?,
                email: optional(args.email.clone(), EmailAddress::parse)?,
                phone: optional(args.phone.clone(), |p| PhoneE164::parse(p, country))?,
                address: optional(args.address.clone(), |a| PostalAddress::parse("address", a))?,
                birth_date: optional(args.birth_date.clone(), |d| parse_birth_date(d, today()))?,
                notes: optional(args.notes.clone(), |n| FreeText::parse("notes", n))?,
            };
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

fn edit_customer(cli: &Cli, args: &EditCustomerArgs, actor: &Actor) -> Result<()> {
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

fn parse_item(text: &str) -> Result<PurchaseItem> {
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

fn add_purchase(cli: &Cli, args: &AddPurchaseArgs, actor: &Actor) -> Result<()> {
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

fn add_repair(cli: &Cli, args: &AddRepairArgs, actor: &Actor) -> Result<()> {
    let customer_id = CustomerId::parse(&args.customer)?;
    let vault = open_vault(cli)?;
    let new = NewRepair {
        customer_id,
        kind: JobKind::parse(&args.kind)?,
        item_description: FreeText::parse("item", &args.item)?,
        condition: optional(args.condition.clone(), |c| FreeText::parse("condition", c))?,
        valuation: optional(args.valuation.clone(), |v| Money::parse("valuation", v, vault.settings().currency))?,
        received_on: today(),
        promised_on: optional(args.promised.clone(), |d| parse_date("promised", d))?,
    };
    let id = vault.add_repair(actor, new)?;
    if args.json {
        return output::json(&serde_json::json!({ "id": id.to_string() }));
    }
    println!("{id}");
    Ok(())
}

fn add_aml(cli: &Cli, args: &AddAmlArgs, actor: &Actor) -> Result<()> {
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

fn import_customers(cli: &Cli, args: &ImportCustomersArgs, actor: &Actor) -> Result<()> {
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

fn keys(cli: &Cli, command: &KeysCommand, actor: &Actor) -> Result<()> {
    // Not while another process has the keys open (crate::lock says why).
    if matches!(command, KeysCommand::Rotate { .. } | KeysCommand::Retire { .. }) {
        crate::lock::hold(&cli.data_dir, crate::lock::Mode::Exclusive)?;
    }
    let mut vault = open_vault(cli)?;
    match command {
        KeysCommand::Status { json } => {
            let status = vault.keys_status(actor)?;
            let view = KeyStatusJson::from(&status);
            if *json {
                return output::json(&view);
            }
            println!("protection: {}; sealing: {}; blind indexes: {} bits", view.protection, view.aead, view.blind_index_bits);
            for version in &view.versions {
                println!(
                    "  master key v{}{}  created {}  wraps {} data keys",
                    version.version,
                    if version.active { " (active)" } else { "" },
                    version.created_at,
                    version.data_keys
                );
            }
            if view.rotation_unfinished {
                println!("a rotation is unfinished: run `strongroom keys rotate` to complete it");
            }
            Ok(())
        }
        KeysCommand::Rotate { batch_size, json } => {
            let bar = progress_bar(0, "re-wrapping data keys");
            let report = vault.rotate_master_key(actor, *batch_size, &mut |done, total| {
                bar.set_length(total);
                bar.set_position(done);
            });
            bar.finish_and_clear();
            let report = report?;
            if *json {
                return output::json(&serde_json::json!({
                    "active_version": report.active_version,
                    "rewrapped": report.rewrapped,
                    "resumed": report.resumed,
                }));
            }
            println!(
                "{}master key v{} now wraps every data key ({} re-wrapped; the data itself was not touched)",
                if report.resumed { "resumed an interrupted rotation: " } else { "" },
                report.active_version,
                report.rewrapped
            );
            println!("once backups made before today have expired, remove the old version with `strongroom keys retire`");
            Ok(())
        }
        KeysCommand::Retire { json } => {
            let retired = vault.retire_master_keys(actor)?;
            if *json {
                return output::json(&serde_json::json!({ "retired": retired }));
            }
            if retired.is_empty() {
                println!("no master key version can be retired (the active one, or versions still wrapping data keys)");
            } else {
                println!("retired master key versions {retired:?}; backups made while they were active can no longer be opened");
            }
            Ok(())
        }
    }
}
