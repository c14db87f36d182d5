//! `strongroom demo`: a believable synthetic shop to look around in, created once and reused.
//!
//! The demo keeps its key file beside (not inside) its data directory, so the same rule holds as
//! for a real shop. Everything in it is synthetic; no real person's data is involved.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use clap::{Args, Subcommand};
use strongroom_app::{ClientInfo, ImportOptions, InitOptions, KeySource, NewAmlRecord, NewCorrection, NewPurchase, NewRepair, Vault};
use strongroom_bench::synthetic::{self, PIECES, REPAIRS, Rng};
use strongroom_crypto::ShopKey;
use strongroom_domain::{
    Actor, CorrectionKind, Currency, CustomerId, FreeText, IdDocumentNumber, IdDocumentType, IssuingCountry, JobKind, JobStatus, Money,
    PurchaseItem, Role, ShortText, StaffName,
};
use strongroom_identity::Password;
use time::{Duration, OffsetDateTime};

use crate::Cli;
use crate::serve::ServeArgs;
use crate::settings::{self, ConfigFile, Settings};

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Where the demo lives: DIR/data holds the vault, DIR/demo.key its key.
    #[arg(long, default_value = "./strongroom-demo", global = true)]
    pub dir: PathBuf,
    /// How many synthetic customers a new demo gets.
    #[arg(long, default_value_t = 2000)]
    pub customers: u64,
    /// Where to serve it; by default https://localhost:8443, or the next free port.
    #[arg(long)]
    pub listen: Option<SocketAddr>,
    /// Only create (or check) the demo shop; do not start the server.
    #[arg(long)]
    pub no_serve: bool,
    #[command(subcommand)]
    pub command: Option<DemoCommand>,
}

#[derive(Debug, Subcommand)]
pub enum DemoCommand {
    /// Print a demo account's current authenticator code (demo shops only).
    Totp {
        /// The demo account, such as sara.
        user: String,
    },
}

/// One sign-in per role. They share a password that passes the shop's policy; the second factor
/// is an authenticator whose code `strongroom demo totp USER` prints.
const DEMO_STAFF: [(&str, Role); 6] = [
    ("olga", Role::Owner),
    ("max", Role::Manager),
    ("sara", Role::Sales),
    ("wout", Role::Workshop),
    ("pia", Role::PrivacyOfficer),
    ("audra", Role::ExternalAuditor),
];
const DEMO_PASSWORD: &str = "velvet lantern harbour meadow";

const SEED: u64 = 0x5EED_1E5E;

pub fn run(_cli: &Cli, args: &DemoArgs) -> Result<()> {
    let data_dir = args.dir.join("data");
    let key_path = args.dir.join("demo.key");
    if let Some(DemoCommand::Totp { user }) = &args.command {
        let settings = Settings::load(&data_dir, None).context("no demo shop there yet; run `strongroom demo` first")?;
        let key_text =
            zeroize::Zeroizing::new(std::fs::read_to_string(&key_path).with_context(|| format!("cannot read {}", key_path.display()))?);
        let vault = crate::open::open_with(&data_dir, &settings, &KeySource::KeyFile(key_text))?;
        let code = vault.demo_totp_code(&Actor::cli(&crate::open::os_user()), &StaffName::parse(user)?)?;
        println!("{code}");
        return Ok(());
    }
    let config = ConfigFile {
        backend: "sqlite".into(),
        default_country: "NL".into(),
        currency: "EUR".into(),
        checkpoint_every_events: None,
        checkpoint_every_minutes: None,
        extra_purposes: None,
        aml_rules: None,
        tax_retention_years: None,
        review_after_years: None,
        shop_name: Some("Juwelier Demo".into()),
        shop_address: Some("Kalverstraat 1, 1012 NX Amsterdam".into()),
        shop_phone: Some("020 123 4567".into()),
        time_zone: Some("Europe/Amsterdam".into()),
        security: None,
        server: None,
        antivirus: None,
        // Beside the demo's data, to show the backup page at work (a real shop's go elsewhere).
        backup: Some(settings::BackupConfig {
            destinations: Some(vec![std::path::absolute(args.dir.join("backups"))?.display().to_string()]),
            ..settings::BackupConfig::default()
        }),
    };
    let created = if data_dir.join(settings::CONFIG_FILE).exists() {
        println!("Reusing the demo shop in {}.", args.dir.display());
        false
    } else {
        create(&data_dir, &key_path, &config, args.customers)?;
        true
    };
    let settings = Settings::from_config(&data_dir, &config, None)?;
    let key_text =
        zeroize::Zeroizing::new(std::fs::read_to_string(&key_path).with_context(|| format!("cannot read {}", key_path.display()))?);
    let vault = crate::open::open_with(&data_dir, &settings, &KeySource::KeyFile(key_text))?;
    let actor = Actor::cli(&crate::open::os_user());
    anyhow::ensure!(
        vault.is_demo(),
        "{} holds a vault that is not a demo; `demo` only adds its published accounts to a demo",
        args.dir.display()
    );
    add_demo_staff(&vault, &actor)?;
    if created {
        // One backup made already, so the owner's backup page has something to show.
        std::fs::create_dir_all(args.dir.join("backups"))?;
        for (_, made) in vault.backup_now(&actor)? {
            made?;
        }
    }
    let sample = vault.list_customers(&actor, None, 3)?;
    let flags = format!("{} --data-dir {} --key-file {}", invocation(), data_dir.display(), key_path.display());
    if created {
        println!(
            "Created a demo jeweler in {} with {} synthetic customers, their purchases, repairs and a few AML records.",
            args.dir.display(),
            args.customers
        );
    }
    println!("Everything in it is synthetic. Try:");
    println!("  {flags} customer list --limit 10");
    if let Some(first) = sample.first() {
        println!("  {flags} customer show {} --purpose sale", first.id);
        if let Some(email) = &first.email {
            println!("  {flags} customer find --email {email}");
        }
        let surname = first.name.as_str().split_whitespace().last().unwrap_or("Jansen");
        println!("  {flags} customer find --name {surname}");
    }
    println!("  {flags} keys status");
    println!("  {flags} audit verify");
    println!("  {flags} backup create            (to the demo's backup folder; `backup drill` restores it to check)");
    println!("  {} bench          (measures this machine)", invocation());
    let listen = match args.listen {
        // The demo's accounts share a published password: never on the shop's network.
        Some(listen) if !listen.ip().is_loopback() => {
            anyhow::bail!("the demo listens on this machine only; give a loopback address such as 127.0.0.1:8443")
        }
        Some(listen) => listen,
        None => first_free_port()?,
    };
    println!();
    println!("Sign in at https://localhost:{}/login as one of (password for all: {DEMO_PASSWORD}):", listen.port());
    for (user, role) in DEMO_STAFF {
        let second = if role.sees_customer_data() { "" } else { "  (password only: this role sees no customer data)" };
        println!("  {user:<6} {}{second}", role.as_str());
    }
    println!("For the second step, open a second terminal (this one keeps the server running) and print the");
    println!("account's current authenticator code there:");
    println!("  {} demo --dir {} totp sara", invocation(), args.dir.display());
    println!("Your browser will warn about the certificate: it is this shop's own, made for this machine, not one");
    println!("a public authority signed. Before you accept it, compare its SHA-256 fingerprint (click the warning or");
    println!("the padlock, then the certificate's details) with the fingerprint printed below; they must be equal.");
    println!("The integrations API is described at https://localhost:{}/api/openapi.json.", listen.port());
    if args.no_serve {
        return Ok(());
    }
    println!();
    crate::serve::init_logging(false);
    let serve = ServeArgs {
        listen,
        tls_cert: None,
        tls_key: None,
        tls_names: Vec::new(),
        allow: Vec::new(),
        insecure_http: false,
        no_address_limits: false,
        log_json: false,
        public_url: None,
    };
    crate::serve::serve_vault(&data_dir, Some(&key_path), &settings, vault, &serve)
}

/// 127.0.0.1:8443, or the next port that is free. The demo listens on loopback only: it is for
/// looking around on this machine.
fn first_free_port() -> Result<SocketAddr> {
    (8443..8543)
        .map(|port| SocketAddr::from(([127, 0, 0, 1], port)))
        .find(|address| std::net::TcpListener::bind(address).is_ok())
        .context("no free port between 8443 and 8542; give one with --listen")
}

/// The demo's staff, one per role, added where missing: each with the demo password, and an
/// enrolled authenticator for the roles that must have one (those that see customer data).
/// `owner` holds the shop key, which counts as a fresh step-up for adding staff.
fn add_demo_staff(vault: &Vault, owner: &Actor) -> Result<()> {
    let existing: Vec<String> = vault.list_staff(owner)?.into_iter().map(|account| account.username).collect();
    let client = ClientInfo::default();
    let password = Password::new(DEMO_PASSWORD);
    for (user, role) in DEMO_STAFF.into_iter().filter(|(user, _)| !existing.iter().any(|name| name == user)) {
        let enrolment = vault.add_staff(owner, &StaffName::parse(user)?, role, None)?;
        let code = enrolment.code.context("a new account has an enrolment code")?;
        let session = vault.enrol(user, code.as_str(), &password, &client)?;
        if role.sees_customer_data() {
            let authenticator = vault.begin_totp_enrolment(session.token.as_str())?;
            let now = OffsetDateTime::now_utc().unix_timestamp();
            vault.confirm_totp_enrolment(session.token.as_str(), &authenticator.secret.code_at(now), &client)?;
        }
    }
    Ok(())
}

/// How to run this binary again from here: `strongroom` when that is what runs, otherwise the
/// path `cargo run` built (relative to the current directory where it can be).
fn invocation() -> String {
    let Ok(exe) = std::env::current_exe() else { return "strongroom".into() };
    let on_path = std::env::var_os("PATH").is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join("strongroom") == exe));
    if on_path {
        return "strongroom".into();
    }
    let relative = std::env::current_dir().ok().and_then(|cwd| exe.strip_prefix(cwd).ok().map(|path| format!("./{}", path.display())));
    relative.unwrap_or_else(|| exe.display().to_string())
}

fn create(data_dir: &Path, key_path: &Path, config: &ConfigFile, n_customers: u64) -> Result<()> {
    std::fs::create_dir_all(data_dir.parent().unwrap_or(Path::new(".")))?;
    settings::create_data_dir(data_dir)?;
    let (_, key_text) = ShopKey::generate_key_file()?;
    if !key_path.exists() {
        write_owner_only(key_path, key_text.as_bytes())?;
    }
    let key_text = zeroize::Zeroizing::new(std::fs::read_to_string(key_path)?);
    let settings = Settings::from_config(data_dir, config, None)?;
    let store = strongroom_store::open(&settings.location)?;
    let system = Actor::system("demo-generator");
    let vault =
        Vault::init(store, &KeySource::KeyFile(key_text), InitOptions { demo: true, ..InitOptions::default() }, settings.vault, &system)?;
    settings::write_config(data_dir, config)?;

    // The customers arrive the way a real shop's would: a CSV export from the old POS.
    let csv = tempfile::Builder::new().prefix("demo-customers").suffix(".csv").tempfile_in(data_dir)?;
    synthetic::write_customers_csv(&mut csv.as_file(), SEED, n_customers)?;
    vault.import_customers(&system, csv.path(), &ImportOptions::default(), &mut |_| {})?;
    drop(csv);
    add_history(&vault, &system)?;
    Ok(())
}

fn write_owner_only(path: &Path, bytes: &[u8]) -> Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let mut file = std::fs::OpenOptions::new().write(true).create_new(true).mode(0o600).open(path)?;
    file.write_all(bytes)?;
    Ok(())
}

/// Purchases for most customers, workshop jobs for some, AML records for the big cash sales;
/// returns how many sales and jobs it added. (The benchmark adds them too, with `--records`.)
pub(crate) fn add_history(vault: &Vault, actor: &Actor) -> Result<u64> {
    let mut rng = Rng::new(SEED);
    let today = OffsetDateTime::now_utc().date();
    let mut after: Option<CustomerId> = None;
    let mut added = 0;
    loop {
        let page = vault.list_customers(actor, after, 500)?;
        let Some(last) = page.last() else { break };
        after = Some(last.id);
        for customer in &page {
            if rng.chance(40) {
                demo_sale(vault, actor, &mut rng, customer.id, today)?;
                added += 1;
            }
            if rng.chance(12) {
                demo_job(vault, actor, &mut rng, customer.id, today)?;
                added += 1;
            }
        }
    }
    Ok(added)
}

/// A sale for a demo customer: big ones in cash with the identity check the law asks for (one in
/// ten left without, for the start page to point out), some of two priced pieces, a few put right.
fn demo_sale(vault: &Vault, actor: &Actor, rng: &mut Rng, customer_id: CustomerId, today: time::Date) -> Result<()> {
    let currency = Currency::EUR;
    let big = rng.chance(4);
    // Amounts in cents: EUR 10,000 to 35,000 for the big sales, EUR 150 to 4,150 otherwise.
    let total = if big { 1_000_000 + rng.below(2_500_000) } else { 15_000 + rng.below(400_000) };
    // One sale in six is of two pieces, each priced.
    let pieces = if rng.chance(16) { 2 } else { 1 };
    let mut items = Vec::with_capacity(pieces);
    for n in 0..pieces {
        let (description, metal, stones) = *rng.pick(PIECES);
        let text = |value: &str| (!value.is_empty()).then(|| ShortText::parse("item", value)).transpose();
        let price = match (pieces, n) {
            (1, _) => None,
            (_, 0) => Some(total / 3),
            _ => Some(total - total / 3),
        };
        items.push(PurchaseItem {
            description: ShortText::parse("item", description)?,
            metal: text(metal)?,
            stones: text(stones)?,
            certificate_number: (!stones.is_empty() && rng.chance(50))
                .then(|| ShortText::parse("certificate", &format!("GIA {}", 1_000_000_000 + rng.below(999_999_999))))
                .transpose()?,
            price: price.map(|minor| Money::from_minor_units("price", minor as i64, currency)).transpose()?,
        });
    }
    let cash = big && rng.chance(50);
    let purchased_on = today - Duration::days(rng.below(1500) as i64);
    let engraving = rng
        .chance(15)
        .then(|| FreeText::parse("engraving", rng.pick::<&str>(&["Forever yours", "Voor altijd", "Für immer", "Always, A."])))
        .transpose()?;
    let sale = vault.add_purchase(
        actor,
        NewPurchase {
            customer_id,
            purchased_on,
            items,
            total: Money::from_minor_units("total", total as i64, currency)?,
            paid_in_cash: cash,
            engraving,
            payment: None,
            note: None,
        },
    )?;
    // A few sales were put right afterwards, as in any shop.
    if !big && rng.chance(4) {
        let (kind, amount, reason) = if rng.chance(30) {
            (CorrectionKind::Void, None, "Recorded twice at the counter")
        } else {
            let refund = Money::from_minor_units("amount", (total / 4) as i64, currency)?;
            (CorrectionKind::Refund, Some(refund), "Returned within 14 days")
        };
        let reason = FreeText::parse("reason", reason)?;
        vault.correct_sale(actor, NewCorrection { purchase_id: sale, kind, amount, reason })?;
    }
    // EU AMLR: a cash sale of EUR 10,000 or more needs the buyer identified; the demo
    // leaves one in ten without, for the start page to point out.
    if cash && !rng.chance(10) {
        vault.add_aml_record(
            actor,
            NewAmlRecord {
                customer_id,
                document_type: if rng.chance(50) { IdDocumentType::Passport } else { IdDocumentType::NationalIdCard },
                document_number: IdDocumentNumber::parse(&format!("NX{:07}", rng.below(10_000_000)))?,
                document_country: IssuingCountry::parse(rng.pick::<&str>(&["NL", "BE", "DE", "FR"]))?,
                verified_by: ShortText::parse("verified_by", "demo-generator")?,
                transaction_reference: ShortText::parse("transaction_reference", &sale.receipt_number())?,
                transaction_date: purchased_on,
                sale: Some(sale),
            },
        )?;
    }
    Ok(())
}

/// A workshop job for a demo customer; older jobs have moved along the board.
fn demo_job(vault: &Vault, actor: &Actor, rng: &mut Rng, customer_id: CustomerId, today: time::Date) -> Result<()> {
    let received_on = today - Duration::days(rng.below(30) as i64);
    let currency = vault.settings().currency;
    let estimate = Money::parse("estimate", &format!("{}", 35 + 5 * rng.below(40)), currency)?;
    let taken = vault.add_repair(
        actor,
        NewRepair {
            customer_id,
            kind: if rng.chance(80) { JobKind::Repair } else { JobKind::Appraisal },
            item_description: FreeText::parse("item", rng.pick::<&str>(REPAIRS))?,
            condition: rng.chance(50).then(|| FreeText::parse("condition", "Light surface scratches")).transpose()?,
            valuation: None,
            estimate: Some(estimate),
            deposit: rng.chance(30).then(|| Money::parse("deposit", "25", currency)).transpose()?,
            received_on,
            promised_on: Some(received_on + Duration::days(14)),
        },
    )?;
    // A board with something in every column: older jobs have moved on.
    let age = (today - received_on).whole_days();
    let status = match age {
        0..=3 => None,
        4..=12 => Some(JobStatus::AtBench),
        13..=20 => Some(JobStatus::Ready),
        _ => rng.chance(50).then_some(JobStatus::Ready),
    };
    if let Some(status) = status {
        vault.set_repair_status(actor, taken.id, status)?;
    }
    Ok(())
}
