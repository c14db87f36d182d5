//! Nothing personal at rest: scans of every database file and row for known plaintext, moved
//! ciphertexts that must not open, and keys that must not work.

use strongroom_app::{AppError, InitOptions, KeySource, NewAmlRecord, NewCorrection, NewPurchase, NewRepair, Vault};
use strongroom_crypto::{Passphrase, ShopKey};
use strongroom_domain::{
    CorrectionKind, CustomerPatch, FreeText, IdDocumentNumber, IdDocumentType, IssuingCountry, JobKind, Money, PostalAddress, PurchaseItem,
    ShortText, parse_date,
};
use strongroom_store::{SqliteStore, StoreLocation};

use crate::support::*;

/// Values that must never appear in a database file or row.
const SECRETS: &[&str] = &[
    "Wilhelmina Oranje-Nassau",
    "Oranje-Nassau",
    "w.oranje@example.com",
    "+31687654321",
    "0687654321",
    "Kneuterdijk 20",
    "Allergic to nickel",
    "Voor altijd, W.",
    "Tiara with 7 sapphires",
    "GIA 1122334455",
    "PX9988776",
    "INV-99887",
    "Broken clasp on tiara",
    "Tiara kept for the museum",
    "One sapphire came loose",
    // The estimate and deposit as the codec writes them (minor units, then the currency).
    "4817533",
    "391977",
    // An incident report's own words, which may name a customer.
    "mailed to jan@wrong.example",
    "asked Jan de Wit to delete",
    // What was written about a customer's request.
    "Passport NX44KL901 at the counter",
    "tiara records are at the goldsmith",
    "sent to w.oranje by registered post",
    // The shop's own passwords: the entry's words and its secrets.
    "Rabobank zakelijk",
    "juwelier.vandijk",
    "Kluis-Sleutel-77-Goud!",
    "Pincode kluis 4821",
    "bankieren.rabobank.example",
    // Its TOTP secret as typed, and as the bytes it decodes to (hex), however it is kept.
    "KRUGS4ZANFZSA43FMNZGK5BAONUG64RN",
    "54686973206973207365637265742073686f722d",
];

fn fill(vault: &Vault) {
    let mut new = new_customer("Wilhelmina Oranje-Nassau", Some("w.oranje@example.com"), Some("06-87654321"));
    new.address = Some(PostalAddress::parse("address", "Kneuterdijk 20\n2514 EN Den Haag").unwrap());
    new.notes = notes("Allergic to nickel");
    let id = vault.add_customer(&owner(), new).unwrap().id;
    let patch = CustomerPatch { ring_sizes: Some(Some(ShortText::parse("ring_sizes", "54").unwrap())), ..CustomerPatch::default() };
    vault.edit_customer(&owner(), id, patch).unwrap();
    let item = PurchaseItem {
        description: ShortText::parse("item", "Tiara with 7 sapphires").unwrap(),
        metal: None,
        stones: None,
        certificate_number: Some(ShortText::parse("certificate", "GIA 1122334455").unwrap()),
        price: None,
    };
    let sale = vault
        .add_purchase(
            &owner(),
            NewPurchase {
                customer_id: id,
                purchased_on: parse_date("date", "2026-11-29").unwrap(),
                items: vec![item],
                total: Money::parse("total", "125000", strongroom_domain::Currency::EUR).unwrap(),
                paid_in_cash: true,
                engraving: Some(FreeText::parse("engraving", "Voor altijd, W.").unwrap()),
                payment: None,
                note: Some(FreeText::parse("note", "Tiara kept for the museum").unwrap()),
            },
        )
        .unwrap();
    vault
        .correct_sale(
            &owner(),
            NewCorrection {
                purchase_id: sale,
                kind: CorrectionKind::Refund,
                amount: Some(Money::parse("amount", "250", strongroom_domain::Currency::EUR).unwrap()),
                reason: FreeText::parse("reason", "One sapphire came loose").unwrap(),
            },
        )
        .unwrap();
    vault
        .add_repair(
            &owner(),
            NewRepair {
                customer_id: id,
                kind: JobKind::Repair,
                item_description: FreeText::parse("item", "Broken clasp on tiara").unwrap(),
                condition: None,
                valuation: None,
                estimate: Some(Money::parse("estimate", "48175.33", strongroom_domain::Currency::EUR).unwrap()),
                deposit: Some(Money::parse("deposit", "3919.77", strongroom_domain::Currency::EUR).unwrap()),
                received_on: parse_date("date", "2026-11-29").unwrap(),
                promised_on: None,
            },
        )
        .unwrap();
    vault
        .add_aml_record(
            &owner(),
            NewAmlRecord {
                customer_id: id,
                document_type: IdDocumentType::Passport,
                document_number: IdDocumentNumber::parse("PX9988776").unwrap(),
                document_country: IssuingCountry::parse("NL").unwrap(),
                verified_by: ShortText::parse("verified_by", "owner").unwrap(),
                transaction_reference: ShortText::parse("reference", "INV-99887").unwrap(),
                transaction_date: parse_date("date", "2026-11-29").unwrap(),
                sale: None,
            },
        )
        .unwrap();
    let report = strongroom_domain::NewIncident::new(
        strongroom_domain::IncidentKind::WrongRecipient,
        FreeText::parse("summary", "The tiara invoice was mailed to jan@wrong.example").unwrap(),
        None,
        time::OffsetDateTime::now_utc(),
    )
    .unwrap();
    let incident = vault.report_incident(&staff(strongroom_domain::Role::Sales), report).unwrap();
    // Reads too: nothing read may be written back in the clear (the audit trail included).
    vault.show_customer(&owner(), id, &purpose("sale")).unwrap();
    let breach = strongroom_domain::BreachRecord {
        measures: Some(FreeText::parse("measures", "We asked Jan de Wit to delete the mail").unwrap()),
        ..strongroom_domain::BreachRecord::aware_at(time::OffsetDateTime::now_utc() - time::Duration::hours(1))
    };
    vault.record_breach(&owner(), incident, breach).unwrap();
    vault.incident(&owner(), incident).unwrap();
    let today = time::OffsetDateTime::now_utc().date();
    let request = checked_request(vault, id, strongroom_domain::RequestKind::Access);
    vault.extend_request(&owner(), request, FreeText::parse("reason", "The tiara records are at the goldsmith").unwrap(), today).unwrap();
    let reply = FreeText::parse("reply", "Your data was sent to w.oranje by registered post").unwrap();
    vault.close_request(&owner(), request, strongroom_app::Closing::Answered, reply).unwrap();
    vault.requests(&owner(), false, Some(id)).unwrap();
    let info = strongroom_domain::SecretInfo::parse(
        "Rabobank zakelijk",
        "https://bankieren.rabobank.example/login",
        "juwelier.vandijk",
        "Pincode kluis 4821",
        vec![strongroom_domain::Share::parse("role:manager").unwrap()],
    )
    .unwrap();
    let password = strongroom_domain::SecretText::parse("password", "Kluis-Sleutel-77-Goud!").unwrap();
    let totp = Some(zeroize::Zeroizing::new(strongroom_domain::parse_totp_secret("KRUGS4ZANFZSA43FMNZGK5BAONUG64RN").unwrap()));
    let secret = vault.add_secret(&owner(), strongroom_app::secrets::NewSecret { info, password, totp }, today).unwrap();
    vault.secrets(&owner(), today).unwrap();
    vault.reveal_secret(&staff(strongroom_domain::Role::Manager), secret, strongroom_app::secrets::Reveal::Copy).unwrap();
}

fn variants(secret: &str) -> Vec<Vec<u8>> {
    let hex: String = secret.bytes().map(|b| format!("{b:02x}")).collect();
    vec![secret.as_bytes().to_vec(), secret.to_lowercase().into_bytes(), hex.into_bytes()]
}

fn find_secrets(haystack: &[u8]) -> Vec<&'static str> {
    SECRETS
        .iter()
        .filter(|secret| variants(secret).iter().any(|needle| haystack.windows(needle.len()).any(|window| window == needle.as_slice())))
        .copied()
        .collect()
}

#[test]
fn no_file_in_the_data_directory_holds_a_known_plaintext() {
    let t = sqlite_vault();
    fill(&t.vault);
    let mut scanned = Vec::new();
    for entry in std::fs::read_dir(t.dir.path()).unwrap() {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        assert_eq!(find_secrets(&bytes), Vec::<&str>::new(), "found in {}", path.display());
        scanned.push(path.file_name().unwrap().to_string_lossy().into_owned());
    }
    scanned.sort();
    // The WAL holds the recent writes: it must be among the scanned files.
    assert_eq!(scanned, ["vault.sqlite", "vault.sqlite-shm", "vault.sqlite-wal"]);
    // The scan does see plaintext where it exists: the same values in a plain table are found.
    let raw = raw_sqlite(&t);
    raw.execute("CREATE TABLE control (value TEXT)", []).unwrap();
    raw.execute("INSERT INTO control VALUES (?1)", [SECRETS[0]]).unwrap();
    drop(raw);
    let wal = std::fs::read(t.dir.path().join("vault.sqlite-wal")).unwrap();
    let main = std::fs::read(t.dir.path().join("vault.sqlite")).unwrap();
    assert!(!find_secrets(&[wal, main].concat()).is_empty());
}

#[test]
fn no_postgresql_row_holds_a_known_plaintext() {
    let Some(t) = every_backend().into_iter().find(|t| t.pg_schema.is_some()) else { return };
    fill(&t.vault);
    let StoreLocation::Postgres { url } = &t.location else { unreachable!() };
    let schema = t.pg_schema.as_deref().unwrap();
    let mut client = postgres::Client::connect(url, postgres::NoTls).unwrap();
    let rows = pg_rows(&mut client, schema);
    for (table, text) in &rows {
        assert_eq!(find_secrets(text.as_bytes()), Vec::<&str>::new(), "found in {table}: {text}");
    }
    assert!(rows.len() > 10);
}

#[test]
fn a_ciphertext_moved_to_another_row_or_field_does_not_open() {
    let t = sqlite_vault();
    let anna = t.vault.add_customer(&owner(), new_customer("Anna Jansen", Some("anna@example.com"), None)).unwrap().id;
    let bram = t.vault.add_customer(&owner(), new_customer("Bram de Vries", Some("bram@example.com"), None)).unwrap().id;
    let raw = raw_sqlite(&t);
    let (a, b) = (anna.as_uuid().as_bytes().to_vec(), bram.as_uuid().as_bytes().to_vec());
    // Bram's email pasted over Anna's: same field, other row.
    raw.execute("UPDATE customers SET email = (SELECT email FROM customers WHERE id = ?2) WHERE id = ?1", [&a, &b]).unwrap();
    assert!(matches!(t.vault.show_customer(&owner(), anna, &purpose("sale")), Err(AppError::Corrupt(_))));
    // Bram's own name moved into his notes: same row, other field.
    raw.execute("UPDATE customers SET notes = name WHERE id = ?1", [&b]).unwrap();
    assert!(matches!(t.vault.show_customer(&owner(), bram, &purpose("sale")), Err(AppError::Corrupt(_))));
    // Nor does giving Bram Anna's wrapped data key: the wrapping names its owner.
    raw.execute_batch("UPDATE customers SET notes = NULL").unwrap();
    raw.execute("UPDATE data_keys SET wrapped = (SELECT wrapped FROM data_keys WHERE owner_id = ?1) WHERE owner_id = ?2", [&a, &b])
        .unwrap();
    assert!(matches!(t.vault.show_customer(&owner(), bram, &purpose("sale")), Err(AppError::Corrupt(_))));
}

#[test]
fn a_moved_ciphertext_does_not_open_on_postgresql_either() {
    let Some(t) = every_backend().into_iter().find(|t| t.pg_schema.is_some()) else { return };
    let anna = t.vault.add_customer(&owner(), new_customer("Anna Jansen", Some("anna@example.com"), None)).unwrap().id;
    let bram = t.vault.add_customer(&owner(), new_customer("Bram de Vries", Some("bram@example.com"), None)).unwrap().id;
    let StoreLocation::Postgres { url } = &t.location else { unreachable!() };
    let schema = t.pg_schema.as_deref().unwrap();
    let mut client = postgres::Client::connect(url, postgres::NoTls).unwrap();
    client
        .execute(
            &format!("UPDATE {schema}.customers SET email = (SELECT email FROM {schema}.customers WHERE id = $2) WHERE id = $1"),
            &[&anna.as_uuid(), &bram.as_uuid()],
        )
        .unwrap();
    assert!(matches!(t.vault.show_customer(&owner(), anna, &purpose("sale")), Err(AppError::Corrupt(_))));
    assert!(t.vault.show_customer(&owner(), bram, &purpose("sale")).is_ok());
}

#[test]
fn the_wrong_key_or_passphrase_opens_nothing() {
    let t = sqlite_vault();
    t.vault.add_customer(&owner(), new_customer("Anna Jansen", None, None)).unwrap();
    let (_, other_key) = ShopKey::generate_key_file().unwrap();
    let store = SqliteStore::open(&t.sqlite_path().unwrap()).unwrap();
    assert!(matches!(Vault::open(Box::new(store), &KeySource::KeyFile(other_key), settings()), Err(AppError::WrongKey)));
    let store = SqliteStore::open(&t.sqlite_path().unwrap()).unwrap();
    let passphrase = KeySource::Passphrase(Passphrase::new("a passphrase for another vault"));
    assert!(matches!(Vault::open(Box::new(store), &passphrase, settings()), Err(AppError::WrongKeyKind { .. })));
    assert_eq!(t.reopen().list_customers(&owner(), None, 10).unwrap().len(), 1);
}

#[test]
fn a_passphrase_vault_opens_with_its_passphrase_only() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("vault.sqlite");
    let source = KeySource::Passphrase(Passphrase::new("three gold rings and a pearl"));
    let vault = Vault::init(Box::new(SqliteStore::open(&path).unwrap()), &source, InitOptions::default(), settings(), &owner()).unwrap();
    vault.add_customer(&owner(), new_customer("Anna Jansen", None, None)).unwrap();
    drop(vault);
    let reopened = Vault::open(Box::new(SqliteStore::open(&path).unwrap()), &source, settings()).unwrap();
    assert_eq!(reopened.list_customers(&owner(), None, 10).unwrap().len(), 1);
    let wrong = KeySource::Passphrase(Passphrase::new("three gold rings and a pear"));
    assert!(matches!(Vault::open(Box::new(SqliteStore::open(&path).unwrap()), &wrong, settings()), Err(AppError::WrongKey)));
    let short = KeySource::Passphrase(Passphrase::new("too short"));
    let other = dir.path().join("other.sqlite");
    assert!(Vault::init(Box::new(SqliteStore::open(&other).unwrap()), &short, InitOptions::default(), settings(), &owner()).is_err());
}

/// A customer's wrapped data key as the database holds it.
fn wrapped_key(t: &TestVault, id: strongroom_domain::CustomerId) -> Vec<u8> {
    raw_sqlite(t)
        .query_row("SELECT wrapped FROM data_keys WHERE owner_id = ?1", [id.as_uuid().as_bytes().to_vec()], |row| row.get(0))
        .unwrap()
}

/// No file of the vault's directory (database, WAL, shared memory) holds `bytes`.
fn assert_no_file_holds(t: &TestVault, bytes: &[u8]) {
    for entry in std::fs::read_dir(t.dir.path()).unwrap() {
        let path = entry.unwrap().path();
        let content = std::fs::read(&path).unwrap();
        assert!(!content.windows(bytes.len()).any(|w| w == bytes), "the wrapped key survives in {}", path.display());
    }
}

#[test]
fn a_shredded_key_leaves_no_copy_in_the_database_files() {
    let t = sqlite_vault();
    let id = t.vault.add_customer(&owner(), new_customer("Anna Jansen", None, None)).unwrap().id;
    let wrapped = wrapped_key(&t, id);
    t.vault.shred_customer_key(&owner(), id).unwrap();
    assert_no_file_holds(&t, &wrapped);
}

#[test]
fn a_shred_while_another_process_reads_says_the_log_still_holds_the_key() {
    let t = sqlite_vault();
    let id = t.vault.add_customer(&owner(), new_customer("Anna Jansen", None, None)).unwrap().id;
    let wrapped = wrapped_key(&t, id);
    // Another process (the CLI beside the server) is in the middle of a read.
    let reader = raw_sqlite(&t);
    reader.execute_batch("BEGIN; SELECT COUNT(*) FROM customers;").unwrap();
    // The erasure itself is done; that the log could not be emptied is recorded, not hidden.
    assert!(t.vault.shred_customer_key(&owner(), id).unwrap());
    reader.execute_batch("COMMIT").unwrap();
    let last = events(&t.vault).into_iter().rev().find(|(_, e)| e.action == "data_key.destroy").unwrap().1;
    assert_eq!(last.outcome, "failed");
    assert!(last.detail.unwrap().contains("write-ahead log"));
    assert!(matches!(t.vault.show_customer(&owner(), id, &purpose("sale")), Err(AppError::Shredded)));
    let wal = std::fs::read(t.dir.path().join("vault.sqlite-wal")).unwrap();
    assert!(wal.windows(wrapped.len()).any(|w| w == wrapped.as_slice()), "the log still holds the key, as the event says");
    // With the reader gone, the retry (the server's housekeeping) empties the log, and says so.
    assert!(!t.vault.retry_purge().unwrap(), "nothing pending any more");
    let done = events(&t.vault).into_iter().rev().find(|(_, e)| e.action == "data_key.destroy").unwrap().1;
    assert_eq!((done.outcome.as_str(), done.actor_name.as_str()), ("allowed", "housekeeping"), "{done:?}");
    assert!(!t.vault.retry_purge().unwrap());
    assert_no_file_holds(&t, &wrapped);
}

/// A request of `kind` from customer `id`, received today, their identity checked.
fn checked_request(vault: &Vault, id: strongroom_domain::CustomerId, kind: strongroom_domain::RequestKind) -> strongroom_domain::RequestId {
    let today = time::OffsetDateTime::now_utc().date();
    let check = FreeText::parse("identity_check", "Passport NX44KL901 at the counter").unwrap();
    let asked = strongroom_domain::NewRequest::new(kind, strongroom_domain::RequestChannel::Counter, today, Some(check), today).unwrap();
    vault.open_request(&owner(), id, asked).unwrap().id
}

/// A customer with an erasure request whose identity check is recorded.
fn erasure_requested(vault: &Vault) -> (strongroom_domain::CustomerId, strongroom_domain::RequestId) {
    let id = vault.add_customer(&owner(), new_customer("Wilhelmina Oranje-Nassau", Some("w.oranje@example.com"), None)).unwrap().id;
    (id, checked_request(vault, id, strongroom_domain::RequestKind::Erasure))
}

/// Every row of every table of the PostgreSQL schema, as JSON text, with its table's name.
fn pg_rows(client: &mut postgres::Client, schema: &str) -> Vec<(String, String)> {
    let tables: Vec<String> = client
        .query("SELECT table_name::text FROM information_schema.tables WHERE table_schema = $1", &[&schema])
        .unwrap()
        .iter()
        .map(|row| row.get(0))
        .collect();
    assert!(tables.len() >= 9, "{tables:?}");
    let mut rows = Vec::new();
    for table in tables {
        for row in client.query(&format!("SELECT row_to_json(t)::text FROM {schema}.{table} t"), &[]).unwrap() {
            rows.push((table.clone(), row.get(0)));
        }
    }
    rows
}

fn erase(vault: &Vault, request: strongroom_domain::RequestId) -> strongroom_app::Erased {
    let today = time::OffsetDateTime::now_utc().date();
    vault.complete_erasure(&owner(), request, today, strongroom_domain::Language::En).unwrap().1
}

#[test]
fn an_erasure_leaves_neither_the_key_nor_the_sealed_identity_in_any_database_file() {
    let t = sqlite_vault();
    fill(&t.vault);
    let (id, request) = erasure_requested(&t.vault);
    let (name, email): (Vec<u8>, Vec<u8>) = raw_sqlite(&t)
        .query_row("SELECT name, email FROM customers WHERE id = ?1", [id.as_uuid().as_bytes().to_vec()], |row| {
            Ok((row.get(0)?, row.get(1)?))
        })
        .unwrap();
    let wrapped = wrapped_key(&t, id);
    assert!(erase(&t.vault, request).purged);
    for needle in [&wrapped, &name, &email] {
        assert_no_file_holds(&t, needle);
    }
    let mut files = Vec::new();
    for entry in std::fs::read_dir(t.dir.path()).unwrap() {
        files.extend(std::fs::read(entry.unwrap().path()).unwrap());
    }
    assert!(find_secrets(&files).is_empty());
}

#[test]
fn an_erasure_on_postgresql_leaves_no_row_with_the_key_or_the_sealed_identity() {
    let Some(t) = every_backend().into_iter().find(|t| t.pg_schema.is_some()) else { return };
    let (id, request) = erasure_requested(&t.vault);
    let StoreLocation::Postgres { url } = &t.location else { unreachable!() };
    let schema = t.pg_schema.as_deref().unwrap();
    let mut client = postgres::Client::connect(url, postgres::NoTls).unwrap();
    let hex = |bytes: &[u8]| bytes.iter().map(|b| format!("{b:02x}")).collect::<String>();
    let row = client
        .query_one(
            &format!(
                "SELECT name, email, (SELECT wrapped FROM {schema}.data_keys WHERE owner_id = $1) FROM {schema}.customers WHERE id = $1"
            ),
            &[&id.as_uuid()],
        )
        .unwrap();
    let needles: Vec<String> = (0..3).map(|at| hex(&row.get::<_, Vec<u8>>(at))).collect();
    let erased = erase(&t.vault, request);
    assert!(erased.limit.is_some_and(|limit| limit.contains("VACUUM")), "the reply states what PostgreSQL cannot promise");
    for (table, text) in pg_rows(&mut client, schema) {
        for needle in &needles {
            assert!(!text.contains(needle.as_str()), "the erased customer's bytes survive in {table}");
        }
    }
}

#[test]
fn an_erasure_whose_purge_was_cut_short_is_finished_by_the_next_start() {
    let t = sqlite_vault();
    let (id, request) = erasure_requested(&t.vault);
    let wrapped = wrapped_key(&t, id);
    // Another process is in the middle of a read, so the purge cannot finish; then this process
    // stops without trying again (as a crash would leave it).
    let reader = raw_sqlite(&t);
    reader.execute_batch("BEGIN; SELECT COUNT(*) FROM customers;").unwrap();
    assert!(!erase(&t.vault, request).purged);
    reader.execute_batch("COMMIT").unwrap();
    let wal = std::fs::read(t.dir.path().join("vault.sqlite-wal")).unwrap();
    assert!(wal.windows(wrapped.len()).any(|w| w == wrapped.as_slice()), "the log still holds the key");
    // The next start (any process) finishes it, and the trail says when.
    let next = t.reopen();
    assert_no_file_holds(&t, &wrapped);
    let done = events(&next).into_iter().rev().find(|(_, e)| e.action == "data_key.destroy").unwrap().1;
    assert_eq!((done.outcome.as_str(), done.actor_name.as_str()), ("allowed", "housekeeping"), "{done:?}");
    assert!(done.detail.unwrap().contains("is complete"));
    assert!(!next.retry_purge().unwrap(), "nothing owed any more");
}
