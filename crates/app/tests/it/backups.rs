//! Backups: written while the vault is open, read through without restoring, restored into
//! either backend, and every kind of damage named.

use std::path::{Path, PathBuf};

use strongroom_app::{AppError, KeySource, NewAmlRecord, Vault, check_backup, restore_backup};
use strongroom_crypto::ShopKey;
use strongroom_domain::{IdDocumentNumber, IdDocumentType, IssuingCountry, ShortText, parse_date};
use strongroom_store::{PgStore, SqliteStore, Store};

use crate::support::*;

const NAMES: [&str; 3] = ["Anna Jansen", "Bram de Wit", "Cato Visser"];

/// A shop with customers, a sale, an identity record and one erased customer.
fn fill(t: &TestVault) {
    for (index, name) in NAMES.iter().enumerate() {
        let email = format!("{}@example.com", name.split(' ').next().unwrap().to_lowercase());
        let id = t.vault.add_customer(&owner(), new_customer(name, Some(&email), Some("0612345678"))).unwrap().id;
        if index == 0 {
            t.vault.add_purchase(&owner(), crate::gate::purchase(id, Some("Voor altijd, Sem"))).unwrap();
            let record = NewAmlRecord {
                customer_id: id,
                document_type: IdDocumentType::Passport,
                document_number: IdDocumentNumber::parse("NX12AB345").unwrap(),
                document_country: IssuingCountry::parse("NL").unwrap(),
                verified_by: ShortText::parse("verified_by", "owner").unwrap(),
                transaction_reference: ShortText::parse("reference", "INV-1001").unwrap(),
                transaction_date: parse_date("date", "2026-11-29").unwrap(),
                sale: None,
            };
            t.vault.add_aml_record(&owner(), record).unwrap();
        }
    }
    let gone = t.vault.add_customer(&owner(), new_customer("Dirk Erased", Some("dirk@example.com"), None)).unwrap().id;
    t.vault.shred_customer_key(&owner(), gone).unwrap();
    t.vault.audit_checkpoint(&owner()).unwrap();
}

fn key_of(t: &TestVault) -> KeySource {
    KeySource::KeyFile(t.key.clone())
}

fn backup(t: &TestVault) -> PathBuf {
    let to = t.dir.path().join("backups");
    std::fs::create_dir_all(&to).unwrap();
    t.vault.create_backup(&owner(), &to, Some("backend = \"sqlite\"\n".into())).unwrap().file
}

/// An empty SQLite database to restore into, and the vault opened on it afterwards.
fn empty_sqlite(dir: &Path) -> (Box<dyn Store>, PathBuf) {
    let path = dir.join("restored.sqlite");
    (Box::new(SqliteStore::open_unmigrated(&path).unwrap()), path)
}

fn names_in(vault: &Vault) -> Vec<String> {
    let mut names: Vec<String> =
        vault.list_customers(&owner(), None, 100).unwrap().into_iter().map(|summary| summary.name.as_str().to_owned()).collect();
    names.sort();
    names
}

#[test]
fn a_backup_restores_on_either_backend_with_its_trail_intact_and_holds_no_plaintext() {
    on_every_backend(|t| {
        fill(t);
        let file = backup(t);
        let made = check_backup(&file, &key_of(t)).unwrap();
        assert!(made.is_ok(), "{:?}", made.problems);
        let manifest = made.manifest.as_ref().unwrap();
        assert_eq!((manifest.customers, manifest.erased.len()), (4, 1), "the erased customer's row stays, unreadable");
        assert!(manifest.checkpoint.is_some());
        assert_eq!(made.tables, manifest.tables);

        // Nothing personal readable in the file.
        let bytes = std::fs::read(&file).unwrap();
        for plain in ["Anna", "Jansen", "anna@example.com", "612345678", "Voor altijd", "NX12AB345", "INV-1001", "backend"] {
            assert!(!bytes.windows(plain.len()).any(|window| window == plain.as_bytes()), "{plain} is in the backup");
        }

        let dir = tempfile::tempdir().unwrap();
        let (target, path) = empty_sqlite(dir.path());
        let restored = restore_backup(&file, &key_of(t), target.as_ref()).unwrap();
        assert_eq!(restored.manifest.customers, 4);
        drop(target);
        let vault = Vault::open(Box::new(SqliteStore::open(&path).unwrap()), &key_of(t), settings()).unwrap();
        assert!(vault.verify_audit_log(&owner(), Some(&manifest.checkpoint.as_ref().unwrap().note)).unwrap().is_ok());
        assert_eq!(names_in(&vault), NAMES, "every readable customer, the erased one still erased");
        assert_eq!(names_in(&t.vault), NAMES);
    });
}

#[test]
fn a_sqlite_backup_restores_into_postgresql() {
    let Ok(url) = std::env::var("STRONGROOM_TEST_PG_URL") else { return };
    let t = sqlite_vault();
    fill(&t);
    let file = backup(&t);
    let schema = format!("app_restore_{}", std::process::id());
    let target = PgStore::connect_unmigrated(&url, Some(&schema)).unwrap();
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        restore_backup(&file, &key_of(&t), &target).unwrap();
        let vault = Vault::open(Box::new(PgStore::connect_in_schema(&url, Some(&schema)).unwrap()), &key_of(&t), settings()).unwrap();
        assert!(vault.verify_audit_log(&owner(), None).unwrap().is_ok());
        assert_eq!(names_in(&vault), NAMES);
        assert_eq!(vault.backend(), "postgres");
    }));
    let _ = PgStore::drop_schema(&url, &schema);
    if let Err(panic) = outcome {
        std::panic::resume_unwind(panic);
    }
}

/// The places of a file's chunks: (offset of the length field, length of the sealed chunk).
fn chunks(bytes: &[u8]) -> Vec<(usize, usize)> {
    let header_len = u32::from_be_bytes(bytes[10..14].try_into().unwrap()) as usize;
    let mut at = 14 + header_len;
    let mut found = Vec::new();
    while at < bytes.len() {
        let length = u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap()) as usize;
        found.push((at, length));
        at += 4 + length;
    }
    found
}

/// A vault with enough customers for a backup of several chunks (their sealed fields do not
/// compress, so a few thousand fill more than one).
fn several_chunks() -> (TestVault, PathBuf) {
    let t = sqlite_vault();
    let rows: Vec<_> =
        (0..12_000).map(|i| new_customer(&format!("Klant Nummer {i}"), Some(&format!("klant{i}@example.com")), None)).collect();
    for chunk in rows.chunks(2000) {
        for customer in chunk {
            t.vault.add_customer(&owner(), customer.clone()).unwrap();
        }
    }
    let file = backup(&t);
    let bytes = std::fs::read(&file).unwrap();
    assert!(chunks(&bytes).len() >= 3, "{} chunks", chunks(&bytes).len());
    (t, file)
}

fn damaged_copy(file: &Path, name: &str, change: impl FnOnce(&mut Vec<u8>)) -> PathBuf {
    let mut bytes = std::fs::read(file).unwrap();
    change(&mut bytes);
    let copy = file.with_file_name(name);
    std::fs::write(&copy, bytes).unwrap();
    copy
}

#[test]
fn every_kind_of_damage_is_named_and_nothing_is_restored_from_it() {
    let (t, file) = several_chunks();
    let bytes = std::fs::read(&file).unwrap();
    let places = chunks(&bytes);
    let (second, second_len) = places[1];
    let cases: Vec<(&str, PathBuf, &str)> = vec![
        ("flipped", damaged_copy(&file, "flipped.srbk", |b| b[second + 4 + second_len / 2] ^= 0x20), "chunk 1 is damaged"),
        (
            "swapped",
            damaged_copy(&file, "swapped.srbk", |b| {
                let (first, first_len) = places[0];
                let one = b[first..first + 4 + first_len].to_vec();
                let two = b[second..second + 4 + second_len].to_vec();
                let mut swapped = b[..first].to_vec();
                swapped.extend_from_slice(&two);
                swapped.extend_from_slice(&one);
                swapped.extend_from_slice(&b[second + 4 + second_len..]);
                *b = swapped;
            }),
            "chunk 0 is out of place: it was written as chunk 1",
        ),
        ("cut", damaged_copy(&file, "cut.srbk", |b| b.truncate(second + 4 + second_len)), "cut off after chunk 1"),
        ("cut inside", damaged_copy(&file, "cut-inside.srbk", |b| b.truncate(second + 100)), "cut off"),
        (
            "dropped",
            damaged_copy(&file, "dropped.srbk", |b| {
                b.drain(second..second + 4 + second_len);
            }),
            "out of place",
        ),
        ("appended", damaged_copy(&file, "appended.srbk", |b| b.extend_from_slice(b"more")), "bytes after the last chunk"),
        ("length", damaged_copy(&file, "length.srbk", |b| b[second] = 0xff), "chunk 1's length is damaged"),
    ];
    for (what, copy, expected) in cases {
        let check = check_backup(&copy, &key_of(&t)).unwrap();
        assert!(!check.is_ok(), "{what}: damage not found");
        assert!(check.problems.iter().any(|problem| problem.contains(expected)), "{what}: {:?}", check.problems);
        let dir = tempfile::tempdir().unwrap();
        let (target, _) = empty_sqlite(dir.path());
        let refused = restore_backup(&copy, &key_of(&t), target.as_ref());
        assert!(matches!(refused, Err(AppError::BackupUnusable(_))), "{what}: {refused:?}");
        assert_eq!(target.begin().unwrap().schema_version().unwrap(), 0, "{what}: nothing was left behind");
    }
    assert!(check_backup(&file, &key_of(&t)).unwrap().is_ok(), "the original is whole");
}

#[test]
fn a_wrong_key_a_newer_format_and_a_vault_in_the_way_are_refused_with_nothing_written() {
    let t = sqlite_vault();
    fill(&t);
    let file = backup(&t);
    let (_, other_key) = ShopKey::generate_key_file().unwrap();
    assert!(matches!(check_backup(&file, &KeySource::KeyFile(other_key.clone())), Err(AppError::WrongKey)));
    let dir = tempfile::tempdir().unwrap();
    let (target, _) = empty_sqlite(dir.path());
    assert!(matches!(restore_backup(&file, &KeySource::KeyFile(other_key), target.as_ref()), Err(AppError::WrongKey)));
    assert_eq!(target.begin().unwrap().schema_version().unwrap(), 0);

    let newer = damaged_copy(&file, "newer.srbk", |b| b[9] = 9);
    let refused = check_backup(&newer, &key_of(&t)).unwrap_err().to_string();
    assert!(refused.contains("format 9") && refused.contains("newer Strongroom"), "{refused}");
    let not_one = damaged_copy(&file, "not-one.srbk", |b| b[0] = b'X');
    assert!(check_backup(&not_one, &key_of(&t)).unwrap_err().to_string().contains("is not a Strongroom backup"));

    // Restoring over a vault changes nothing in it.
    let into_itself = restore_backup(&file, &key_of(&t), raw_store(&t).as_ref()).unwrap_err().to_string();
    assert!(into_itself.contains("already holds a vault"), "{into_itself}");
    assert_eq!(names_in(&t.vault), NAMES);
}

#[test]
fn a_backup_is_written_under_a_temporary_name_and_only_by_the_owner() {
    let t = sqlite_vault();
    let to = t.dir.path().join("backups");
    std::fs::create_dir_all(&to).unwrap();
    // What a killed run left behind is cleared; a finished backup is never touched.
    std::fs::write(to.join(".strongroom-20261201-020000Z.srbk.partial"), b"half").unwrap();
    std::fs::write(to.join("strongroom-20261130-020000Z.srbk"), b"an older backup").unwrap();
    let made = t.vault.create_backup(&owner(), &to, None).unwrap();
    let mut names: Vec<String> = std::fs::read_dir(&to).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    assert_eq!(names.len(), 3, "{names:?}");
    assert!(names.contains(&".strongroom-backup.lock".to_owned()) && names.contains(&"strongroom-20261130-020000Z.srbk".to_owned()));
    assert_eq!(std::fs::read(to.join("strongroom-20261130-020000Z.srbk")).unwrap(), b"an older backup");
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(std::fs::metadata(&made.file).unwrap().permissions().mode() & 0o777, 0o600);

    let missing = t.vault.create_backup(&owner(), &t.dir.path().join("usb-stick"), None).unwrap_err().to_string();
    assert!(missing.contains("does not exist: plug in the disk"), "{missing}");
    let refused = t.vault.create_backup(&staff(strongroom_domain::Role::Manager), &to, None);
    assert!(matches!(refused, Err(AppError::Denied { .. })));
    let recorded: Vec<(String, String)> = actions(&t.vault).into_iter().filter(|(action, _)| action == "backup.create").collect();
    assert_eq!(
        recorded,
        [("backup.create".into(), "allowed".into()), ("backup.create".into(), "failed".into()), ("backup.create".into(), "denied".into())]
    );
}

#[test]
fn restoring_an_older_backup_erases_again_whom_newer_backups_say_was_erased() {
    let t = sqlite_vault();
    let kept = t.vault.add_customer(&owner(), new_customer("Anna Jansen", None, None)).unwrap().id;
    let leaving = t.vault.add_customer(&owner(), new_customer("Bram de Wit", None, None)).unwrap().id;
    let older = backup(&t);
    std::thread::sleep(std::time::Duration::from_millis(1100)); // a name per second
    t.vault.shred_customer_key(&owner(), leaving).unwrap();
    let newer = backup(&t);
    assert!(newer > older);

    let erased = strongroom_app::erasures_since(&older, &key_of(&t)).unwrap();
    assert_eq!(erased.iter().map(|e| e.customer_id).collect::<Vec<_>>(), [leaving.as_uuid()]);
    assert_eq!(t.vault.erasure_register(&owner()).unwrap(), erased, "the current vault's register says the same");
    assert!(matches!(t.vault.erasure_register(&staff(strongroom_domain::Role::Manager)), Err(AppError::Denied { .. })));
    assert!(strongroom_app::erasures_since(&newer, &key_of(&t)).unwrap().is_empty(), "nothing newer than the newest");

    let dir = tempfile::tempdir().unwrap();
    let (target, path) = empty_sqlite(dir.path());
    restore_backup(&older, &key_of(&t), target.as_ref()).unwrap();
    drop(target);
    let vault = Vault::open(Box::new(SqliteStore::open(&path).unwrap()), &key_of(&t), settings()).unwrap();
    assert_eq!(names_in(&vault), ["Anna Jansen", "Bram de Wit"], "the older backup still holds him");
    assert_eq!(vault.reapply_erasures(&owner(), &erased).unwrap(), [leaving]);
    assert_eq!(names_in(&vault), ["Anna Jansen"]);
    assert!(vault.show_customer(&owner(), kept, &purpose("sale")).is_ok());
    assert!(vault.reapply_erasures(&owner(), &erased).unwrap().is_empty(), "once");
}

#[test]
fn the_recovery_kit_gives_the_owner_the_key_after_a_step_up_and_the_typed_groups_give_it_back() {
    let t = sqlite_vault();
    let kit = t.vault.recovery_kit(&owner()).unwrap();
    let secret = kit.secret.as_ref().expect("a key-file vault's kit holds the key");
    assert_eq!(secret.groups.len(), strongroom_crypto::RECOVERY_GROUPS);
    assert!(t.key.contains(secret.key_line.as_str()), "the QR code holds the key file's own key line");
    let typed = secret.groups.iter().map(|group| group.as_str()).collect::<Vec<_>>().join(" ");
    assert_eq!(strongroom_app::recover_key_file(&typed).unwrap().as_str(), t.key.as_str(), "the same key file, byte for byte");
    let mut wrong = typed.clone().into_bytes();
    wrong[13] = if wrong[13] == b'A' { b'B' } else { b'A' };
    assert!(strongroom_app::recover_key_file(std::str::from_utf8(&wrong).unwrap()).is_err());

    let not_stepped_up = strongroom_domain::Actor::staff("olga", strongroom_domain::Role::Owner, false);
    assert!(matches!(t.vault.recovery_kit(&not_stepped_up), Err(AppError::StepUpRequired)));
    assert!(matches!(t.vault.recovery_kit(&staff(strongroom_domain::Role::Manager)), Err(AppError::Denied { .. })));
    let recorded: Vec<(String, String)> = actions(&t.vault).into_iter().filter(|(action, _)| action == "keys.recovery_kit").collect();
    assert_eq!(
        recorded,
        [
            ("keys.recovery_kit".into(), "allowed".into()),
            ("keys.recovery_kit".into(), "denied".into()),
            ("keys.recovery_kit".into(), "denied".into())
        ]
    );
}

#[test]
fn the_backup_settings_need_the_owner_with_a_fresh_password_and_travel_with_the_backup() {
    on_every_backend(|t| {
        use strongroom_domain::{BackupSettings, Retention, Role, TimeOfDay};
        let folder = t.dir.path().join("elsewhere");
        let settings = BackupSettings::new(
            &[folder.to_str().unwrap()],
            TimeOfDay { hour: 4, minute: 5 },
            Retention { daily: 3, weekly: 2, monthly: 1 },
        )
        .unwrap();
        let tired = strongroom_domain::Actor::staff("olga", Role::Owner, false);
        assert!(matches!(t.vault.set_backup_settings(&tired, settings.clone()), Err(AppError::StepUpRequired)));
        assert!(matches!(t.vault.set_backup_settings(&staff(Role::Manager), settings.clone()), Err(AppError::Denied { .. })));
        assert!(matches!(t.vault.backup_settings(&staff(Role::Manager)), Err(AppError::Denied { .. })));
        assert_eq!(t.vault.backup_settings(&owner()).unwrap().from, strongroom_app::SettingsFrom::Defaults);
        t.vault.set_backup_settings(&owner(), settings.clone()).unwrap();
        let view = t.vault.backup_settings(&owner()).unwrap();
        assert_eq!(view.settings, settings);
        assert!(matches!(view.from, strongroom_app::SettingsFrom::Vault { .. }));
        let recorded: Vec<(String, String)> = actions(&t.vault).into_iter().filter(|(action, _)| action == "backup.settings").collect();
        assert_eq!(recorded.iter().filter(|(_, outcome)| outcome == "allowed").count(), 1, "{recorded:?}");
        assert!(recorded.iter().any(|(_, outcome)| outcome == "denied"), "the refusals are recorded too: {recorded:?}");

        // A restored vault keeps the shop's backup settings.
        let file = backup(t);
        let dir = tempfile::tempdir().unwrap();
        let (target, path) = empty_sqlite(dir.path());
        restore_backup(&file, &key_of(t), target.as_ref()).unwrap();
        drop(target);
        let vault = Vault::open(Box::new(SqliteStore::open(&path).unwrap()), &key_of(t), crate::support::settings()).unwrap();
        assert_eq!(vault.backup_settings(&owner()).unwrap().settings, settings);
    });
}

#[test]
fn retention_deletes_identity_records_after_five_years_on_either_backend_and_keeps_the_rest() {
    on_every_backend(|t| {
        fill(t);
        let holder = names_in(&t.vault);
        let anna =
            t.vault.list_customers(&owner(), None, 100).unwrap().into_iter().find(|summary| summary.name.as_str() == holder[0]).unwrap().id;
        let records = |vault: &Vault| vault.aml_records(&owner(), anna, Some(&purpose("compliance"))).unwrap().len();
        assert_eq!(records(&t.vault), 1);
        // Recorded for a transaction on 2026-11-29: kept until 2031-11-29.
        let before = parse_date("d", "2031-11-29").unwrap();
        assert!(t.vault.run_retention(&owner(), before, false).unwrap().aml_deleted.is_empty(), "not on its last day");
        let after = parse_date("d", "2031-11-30").unwrap();
        assert!(matches!(t.vault.run_retention(&staff(strongroom_domain::Role::Manager), after, false), Err(AppError::Denied { .. })));
        let run = t.vault.run_retention(&owner(), after, false).unwrap();
        assert_eq!(run.aml_deleted.len(), 1);
        assert_eq!(records(&t.vault), 0);
        assert_eq!(names_in(&t.vault), holder, "the customers themselves stay");
        assert!(t.vault.run_retention(&owner(), after, false).unwrap().aml_deleted.is_empty(), "once");
        assert!(t.vault.verify_audit_log(&owner(), None).unwrap().is_ok());
    });
}
