//! CSV import: all or nothing (or exactly the valid rows it reports), resumable, and strict
//! about what it reads.

use std::io::Write;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use strongroom_app::{AppError, CustomerQuery, ImportOptions, ImportProgressEvent, ImportReport};
use strongroom_domain::EmailAddress;

use crate::support::*;

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::File::create(&path).unwrap().write_all(bytes).unwrap();
    path
}

fn import(t: &TestVault, path: &Path, options: &ImportOptions) -> Result<ImportReport, AppError> {
    t.vault.import_customers(&owner(), path, options, &mut |_| {})
}

fn rejected(t: &TestVault, path: &Path) -> ImportReport {
    match import(t, path, &ImportOptions::default()) {
        Err(AppError::ImportRejected(report)) => *report,
        other => panic!("expected a refused import, got {other:?}"),
    }
}

fn count(t: &TestVault) -> usize {
    t.vault.list_customers(&owner(), None, 1000).unwrap().len()
}

const GOOD: &str = "name,email,phone,address,birth_date,notes\n\
Anna Jansen,anna@example.com,06-12345678,\"Kalverstraat 1\n1012 NX Amsterdam\",1980-05-17,likes pearls\n\
Bram de Vries,bram@example.com,,,,\n\
Zoë Çelik,,+49 30 1234567,,,\n";

#[test]
fn a_valid_file_is_imported_and_searchable() {
    on_every_backend(|t| {
        let path = write(t.dir.path(), "good.csv", GOOD.as_bytes());
        let mut events = Vec::new();
        let report = t
            .vault
            .import_customers(&owner(), &path, &ImportOptions { batch_size: 2, ..ImportOptions::default() }, &mut |e| events.push(e))
            .unwrap();
        assert_eq!((report.rows_total, report.rows_imported, report.rows_rejected), (3, 3, 0));
        assert!(events.contains(&ImportProgressEvent::Importing { rows_done: 3, rows_total: 3 }));
        let found =
            t.vault.find_customers(&owner(), &CustomerQuery::Email(EmailAddress::parse("ANNA@example.com").unwrap()), None).unwrap();
        assert_eq!(found[0].address.as_ref().unwrap().as_str(), "Kalverstraat 1\n1012 NX Amsterdam");
        let imports = actions(&t.vault).iter().filter(|(action, _)| action == "customer.import").count();
        assert_eq!(imports, 4, "one event per customer and one for the import");
        // The same file twice would double every customer: refused.
        assert!(matches!(import(t, &path, &ImportOptions::default()), Err(AppError::ImportFile(_))));
        assert_eq!(count(t), 3);
    });
}

#[test]
fn one_bad_row_and_nothing_is_imported_with_every_problem_reported() {
    on_every_backend(|t| {
        let csv = "name,email,phone,birth_date,notes\n\
Anna Jansen,anna@example,06-12345678,1980-02-30,\n\
,bram@example.com,,,\n\
Carla Smit,carla@example.com,call me,,paid with 4111 1111 1111 1111\n\
Daan Bos,daan@example.com,,,\n";
        let path = write(t.dir.path(), "bad.csv", csv.as_bytes());
        let report = rejected(t, &path);
        assert_eq!((report.rows_total, report.rows_rejected, report.rows_imported), (4, 3, 0));
        let problems: Vec<(u64, &str)> = report.errors.iter().map(|e| (e.line, e.field.as_str())).collect();
        assert_eq!(problems, [(2, "email"), (2, "birth_date"), (3, "name"), (4, "phone"), (4, "notes")]);
        assert!(report.errors.iter().all(|e| !e.reason.contains("4111")));
        assert_eq!(report.errors[1].reason, "is not a date that exists");
        assert_eq!(actions(&t.vault).last().unwrap(), &("customer.import".to_owned(), "failed".to_owned()));
        assert_eq!(count(t), 0);
    });
}

#[test]
fn semicolons_a_byte_order_mark_and_header_case_are_understood() {
    let t = sqlite_vault();
    let csv = "\u{feff}NAME;Klantnummer;Phone;Email\nAnna Jansen;x;06-12345678;anna@example.com\n";
    let path = write(t.dir.path(), "excel.csv", csv.as_bytes());
    let report = import(&t, &path, &ImportOptions::default()).unwrap();
    assert_eq!(report.delimiter, ';');
    assert_eq!(report.unknown_columns, ["klantnummer"]);
    assert!(!report.windows_1252);
    assert_eq!(report.rows_imported, 1);
    let anna = &t.vault.list_customers(&owner(), None, 10).unwrap()[0];
    assert_eq!(anna.email.as_ref().unwrap().as_str(), "anna@example.com");
}

/// What Excel on a Dutch Windows saves: Dutch headers, semicolons, Windows-1252 (é as 0xE9, € as
/// 0x80, curly quotes as 0x93/0x94). Read, converted, reported as such, nothing lost.
#[test]
fn a_dutch_windows_1252_export_is_read_and_converted() {
    let t = sqlite_vault();
    let csv = b"Naam;E-mail;Telefoon;Adres;Geboortedatum;Notities\r\nRen\xe9e Dubois;renee@example.nl;06 12345678;Caf\xe9straat 1, Utrecht;1984-03-02;\x93parels\x94, budget \x80 500\r\n";
    let path = write(t.dir.path(), "excel-nl.csv", csv);
    let report = import(&t, &path, &ImportOptions::default()).unwrap();
    assert!(report.windows_1252, "the report says the file was converted");
    assert_eq!((report.rows_imported, report.unknown_columns.len()), (1, 0));
    let found = t.vault.find_customers(&owner(), &strongroom_app::CustomerQuery::Name("renee".into()), None).unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].name.as_str(), "Renée Dubois");
    assert_eq!(found[0].notes.as_ref().unwrap().as_str(), "\u{201c}parels\u{201d}, budget \u{20ac} 500");
    assert_eq!(found[0].address.as_ref().unwrap().as_str(), "Caféstraat 1, Utrecht");
}

#[test]
fn malformed_files_are_refused_with_the_line() {
    let t = sqlite_vault();
    let unbalanced = write(t.dir.path(), "quotes.csv", b"name,notes\nAnna,fine\nBram,\"never closed\nCarla,x\n");
    let error = import(&t, &unbalanced, &ImportOptions::default()).unwrap_err();
    assert!(error.to_string().contains("line 3") && error.to_string().contains("never closed"), "{error}");

    let columns = write(t.dir.path(), "columns.csv", b"name,email\nAnna,anna@example.com\nBram,bram@example.com,extra\n");
    let report = rejected(&t, &columns);
    assert_eq!((report.errors[0].line, report.errors[0].field.as_str()), (3, "row"));
    assert!(report.errors[0].reason.contains("3 fields where the header has 2"), "{}", report.errors[0].reason);

    let no_name = write(t.dir.path(), "noname.csv", b"email\nanna@example.com\n");
    assert!(import(&t, &no_name, &ImportOptions::default()).unwrap_err().to_string().contains("no name column"));
    let empty = write(t.dir.path(), "empty.csv", b"");
    assert!(import(&t, &empty, &ImportOptions::default()).is_err());
    assert_eq!(count(&t), 0);
}

#[test]
fn duplicate_emails_are_reported_not_merged() {
    let t = sqlite_vault();
    t.vault.add_customer(&owner(), new_customer("Anna Jansen", Some("anna@example.com"), None)).unwrap();
    let csv = "name,email\nAnna J.,ANNA@example.com\nBram,bram@example.com\nBram Twin,Bram@Example.com\n";
    let path = write(t.dir.path(), "dups.csv", csv.as_bytes());
    let report = rejected(&t, &path);
    assert_eq!(report.duplicate_emails, 2);
    assert!(report.errors[0].reason.contains("existing customer"), "{}", report.errors[0].reason);
    assert!(report.errors[1].reason.contains("same email as line 3"), "{}", report.errors[1].reason);
}

#[test]
fn skip_invalid_imports_exactly_the_valid_rows_and_sets_aside_the_rest() {
    let t = sqlite_vault();
    let csv = "name,email,notes\nAnna,anna@example.com,\n,nobody@example.com,card 4111111111111111\nBram,bram@example,\nCarla,carla@example.com,\n";
    let path = write(t.dir.path(), "mixed.csv", csv.as_bytes());
    let rejects = t.dir.path().join("rejects.csv");
    let options = ImportOptions { skip_invalid: true, rejects_path: Some(rejects.clone()), batch_size: 1 };
    let report = import(&t, &path, &options).unwrap();
    assert_eq!((report.rows_imported, report.rows_rejected), (2, 2));
    assert_eq!(count(&t), 2);
    let text = std::fs::read_to_string(&rejects).unwrap();
    assert!(!text.contains("4111"), "{text}");
    assert!(
        text.contains("[removed: card number]") && text.contains("bram@example") && text.starts_with("name,email,notes,error"),
        "{text}"
    );
    assert_eq!(std::fs::metadata(&rejects).unwrap().permissions().mode() & 0o077, 0);
}

#[test]
fn the_rejects_file_carries_no_card_number_however_spelled_and_no_formula() {
    let t = sqlite_vault();
    let csv = "name,email,notes,=HYPERLINK(\"http://evil\")\n\
               ,a@example.com,\"4111\u{200b}1111\u{200b}1111\u{200b}1111\",x\n\
               ,b@example.com,\u{0665}\u{0665}\u{0665}\u{0665}\u{2212}\u{0665}\u{0665}\u{0665}\u{0665}\u{2212}\u{0665}\u{0665}\u{0665}\u{0665}\u{2212}\u{0664}\u{0664}\u{0664}\u{0664},x\n\
               ,c@example.com,=cmd|' /C calc'!A0,+1\n\
               ,d@example.com,@SUM(A1),-2\n";
    let path = write(t.dir.path(), "hostile.csv", csv.as_bytes());
    let rejects = t.dir.path().join("rejects.csv");
    let options = ImportOptions { skip_invalid: true, rejects_path: Some(rejects.clone()), batch_size: 10 };
    let report = import(&t, &path, &options).unwrap();
    assert_eq!((report.rows_imported, report.rows_rejected), (0, 4));
    let text = std::fs::read_to_string(&rejects).unwrap();
    assert!(!text.contains("4111") && !text.contains('\u{0665}'), "{text}");
    assert_eq!(text.matches("[removed: card number]").count(), 2, "{text}");
    let mut reader = csv::ReaderBuilder::new().has_headers(false).from_reader(text.as_bytes());
    for record in reader.records() {
        for cell in record.unwrap().iter() {
            assert!(!cell.starts_with(['=', '+', '-', '@', '\t', '\r']), "a formula in the rejects file: {cell:?}");
        }
    }
}

#[test]
fn an_interrupted_import_resumes_where_it_stopped_rejects_file_included() {
    let t = sqlite_vault();
    let mut csv = String::from("name,email\n");
    for n in 0..25 {
        // Every fifth row has an impossible email and is set aside.
        let email = if n % 5 == 2 { format!("bad{n}@") } else { format!("c{n}@example.com") };
        csv.push_str(&format!("Customer {n},{email}\n"));
    }
    let path = write(t.dir.path(), "big.csv", csv.as_bytes());
    let rejects = t.dir.path().join("big.rejects.csv");
    let options = ImportOptions { skip_invalid: true, rejects_path: Some(rejects.clone()), batch_size: 4 };
    // A crash after the first committed batch, like a kill -9 during the import.
    let crashed = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        t.vault.import_customers(&owner(), &path, &options, &mut |event| {
            if let ImportProgressEvent::Importing { rows_done, .. } = event {
                assert!(rows_done < 4, "power cut");
            }
        })
    }));
    assert!(crashed.is_err());
    let vault = t.reopen();
    let committed = vault.list_customers(&owner(), None, 100).unwrap().len() as u64;
    // The first batch is reported once the writer has committed it, while the next one may
    // already be in the writer's hands: that one is committed too.
    assert!(committed == 4 || committed == 8, "the committed batches survive, whole: {committed}");

    let report = vault.import_customers(&owner(), &path, &options, &mut |_| {}).unwrap();
    assert_eq!(
        (report.rows_already_imported, report.rows_imported, report.rows_rejected, report.rows_total),
        (committed, 20 - committed, 5, 25)
    );
    assert_eq!(vault.list_customers(&owner(), None, 100).unwrap().len(), 20, "no row lost, none doubled");
    let text = std::fs::read_to_string(&rejects).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "name,email,error");
    let rejected: Vec<&str> = lines[1..].iter().map(|line| line.split(',').next().unwrap()).collect();
    assert_eq!(rejected, ["Customer 2", "Customer 7", "Customer 12", "Customer 17", "Customer 22"], "each rejected row once");
}

#[test]
fn an_import_that_fails_half_way_says_how_many_rows_stay_imported() {
    let t = sqlite_vault();
    let mut csv = String::from("name,email\n");
    // Larger than the reader's buffer, so the rest is read after the change below.
    for n in 0..4000 {
        csv.push_str(&format!("Customer {n},c{n}@example.com\n"));
    }
    let path = write(t.dir.path(), "moving.csv", csv.as_bytes());
    let options = ImportOptions { batch_size: 8, ..ImportOptions::default() };
    // Someone overwrites the file after the first batch was committed.
    let stopped = t.vault.import_customers(&owner(), &path, &options, &mut |event| {
        if let ImportProgressEvent::Importing { rows_done: 8, .. } = event {
            std::fs::write(&path, "name,email\n\"unclosed,quote\n").unwrap();
        }
    });
    // Before, a file cut short mid-import ended the pass early and the import reported success
    // with half the rows. Now the pass checks it read the file the scan hashed.
    let Err(AppError::ImportFile(message)) = stopped else { panic!("{stopped:?}") };
    assert!(message.contains("the file changed while it was being imported"), "{message}");
    // The batches committed before the change was noticed stay, and exactly they are reported.
    let imported = n_customers(&t);
    assert!((8..4000).contains(&imported), "{imported}");
    assert!(message.contains(&format!("after {imported} rows were imported")), "{message}");
    let trail = events(&t.vault);
    let last = trail.iter().rev().find(|(_, e)| e.action == "customer.import" && e.target_id.is_none()).unwrap();
    assert_eq!(last.1.outcome, "failed");
    assert!(last.1.detail.as_deref().unwrap().starts_with(&format!("stopped after {imported} rows")), "{:?}", last.1.detail);

    // An edit in place that keeps the file's length and its rows valid is caught at the chunk
    // it is in: no row after it is imported (before, the rows were imported and only the end
    // of the pass noticed).
    let mut csv = String::from("name,email\n");
    for n in 0..4000 {
        csv.push_str(&format!("Client {n},e{n}@example.com\n"));
    }
    let at = csv.find("Client 3000,").unwrap() + "Client ".len();
    let path = write(t.dir.path(), "edited.csv", csv.as_bytes());
    let before = n_customers(&t);
    let stopped = t.vault.import_customers(&owner(), &path, &options, &mut |event| {
        if let ImportProgressEvent::Importing { rows_done: 8, .. } = event {
            let file = std::fs::OpenOptions::new().write(true).open(&path).unwrap();
            std::os::unix::fs::FileExt::write_all_at(&file, b"9", at as u64).unwrap();
        }
    });
    let Err(AppError::ImportFile(message)) = stopped else { panic!("{stopped:?}") };
    assert!(message.contains("the file changed while it was being imported"), "{message}");
    let imported = n_customers(&t) - before;
    assert!(imported < 3000, "the rows from the edited chunk on were not imported: {imported}");
}

#[test]
fn the_same_file_imported_twice_at_once_is_imported_once() {
    on_every_backend(|t| {
        let mut csv = String::from("name,email\n");
        for n in 0..300 {
            csv.push_str(&format!("Customer {n},customer{n}@example.com\n"));
        }
        let path = write(t.dir.path(), "twice.csv", csv.as_bytes());
        // A double click, or the CLI and the web page at once: both runs find no progress.
        let options = ImportOptions { batch_size: 7, ..ImportOptions::default() };
        let outcomes: Vec<Result<ImportReport, AppError>> = std::thread::scope(|scope| {
            let runs: Vec<_> = (0..2).map(|_| scope.spawn(|| import(t, &path, &options))).collect();
            runs.into_iter().map(|run| run.join().unwrap()).collect()
        });
        // The run that finished accounts for every row (some perhaps imported by the other run
        // before it stopped, which this one resumed from).
        let finished: Vec<&ImportReport> = outcomes.iter().filter_map(|outcome| outcome.as_ref().ok()).collect();
        assert_eq!(finished.len(), 1, "{outcomes:?}");
        assert_eq!(finished[0].rows_imported + finished[0].rows_already_imported, 300, "{outcomes:?}");
        assert_eq!(n_customers(t), 300, "no row twice");
        let stopped = outcomes
            .iter()
            .filter(|outcome| matches!(outcome, Err(AppError::Conflict(_) | AppError::ImportFile(_) | AppError::ImportRejected(_))))
            .count();
        assert_eq!(stopped, 1, "{outcomes:?}");
    });
}

#[test]
fn an_existing_rejects_file_or_a_symlink_is_never_written_through() {
    let t = sqlite_vault();
    let path = write(t.dir.path(), "mixed.csv", b"name,email\nAnna,anna@example.com\nBram,bram@\n");
    let existing = write(t.dir.path(), "existing.csv", b"the shop's own file\n");
    std::fs::set_permissions(&existing, std::fs::Permissions::from_mode(0o644)).unwrap();
    let options = |rejects: &Path| ImportOptions { skip_invalid: true, rejects_path: Some(rejects.to_owned()), batch_size: 10 };
    let error = import(&t, &path, &options(&existing)).unwrap_err();
    assert!(error.to_string().contains("already exists"), "{error}");
    assert_eq!(std::fs::read_to_string(&existing).unwrap(), "the shop's own file\n");
    let link = t.dir.path().join("link.csv");
    std::os::unix::fs::symlink(&existing, &link).unwrap();
    assert!(import(&t, &path, &options(&link)).is_err());
    assert_eq!(std::fs::read_to_string(&existing).unwrap(), "the shop's own file\n");
    assert_eq!(count(&t), 0, "a refused rejects file means nothing was imported");
}

/// Customers in the vault, counted through the keyring (one data key each, plus the index root
/// and the audit log key).
fn n_customers(t: &TestVault) -> u64 {
    // Every data key but the vault's own three (blind-index root, audit log key, staff secrets).
    t.vault.keys_status(&owner()).unwrap().versions.iter().map(|v| v.data_keys).sum::<u64>() - 3
}

fn csv_ish() -> impl proptest::strategy::Strategy<Value = Vec<u8>> {
    use proptest::prelude::*;
    let cell = prop_oneof![
        Just(b"Anna Jansen".to_vec()),
        Just(b"anna@example.com".to_vec()),
        Just(b"06-12345678".to_vec()),
        Just(b"1980-02-30".to_vec()),
        Just(b"4111 1111 1111 1111".to_vec()),
        Just(b"\"quoted, with comma\"".to_vec()),
        Just(b"\"".to_vec()),
        Just(b"\xff\xfe".to_vec()),
        Just(b"".to_vec()),
        proptest::collection::vec(any::<u8>(), 0..12),
    ];
    let row = proptest::collection::vec(cell, 0..5).prop_map(|cells| cells.join(&b","[..]));
    let header = prop_oneof![
        Just(b"name,email,phone,birth_date".to_vec()),
        Just(b"Name;Notes".to_vec()),
        proptest::collection::vec(any::<u8>(), 0..20)
    ];
    (header, proptest::collection::vec(row, 0..8)).prop_map(|(header, rows)| {
        let mut file = header;
        for row in rows {
            file.push(b'\n');
            file.extend(row);
        }
        file
    })
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
    #[test]
    fn any_file_imports_all_its_valid_rows_or_nothing(bytes in csv_ish(), skip_invalid in proptest::prelude::any::<bool>()) {
        let t = sqlite_vault();
        let path = write(t.dir.path(), "fuzz.csv", &bytes);
        let options = ImportOptions { skip_invalid, rejects_path: Some(t.dir.path().join("rejects.csv")), batch_size: 2 };
        match import(&t, &path, &options) {
            Ok(report) => {
                proptest::prop_assert_eq!(n_customers(&t), report.rows_imported);
                proptest::prop_assert_eq!(report.rows_imported + report.rows_rejected + report.rows_already_imported, report.rows_total);
                proptest::prop_assert!(skip_invalid || report.rows_rejected == 0);
            }
            Err(_) => proptest::prop_assert_eq!(n_customers(&t), 0),
        }
        if let Ok(rejects) = std::fs::read(t.dir.path().join("rejects.csv")) {
            proptest::prop_assert!(!rejects.windows(4).any(|w| w == b"4111"));
        }
    }
}

#[test]
fn many_invalid_rows_are_counted_not_kept_and_the_rejects_file_still_says_why() {
    let t = sqlite_vault();
    let mut csv = String::from("name,email\nAnna,anna@example.com\n");
    for n in 0..3_000 {
        csv.push_str(&format!(",nobody{n}@example.com\n")); // no name
    }
    csv.push_str("Bram,not an email\n");
    csv.push_str("Anna Again,ANNA@example.com\n");
    csv.push_str("Carla,carla@example.com\n");
    let path = write(t.dir.path(), "many.csv", csv.as_bytes());
    let report = rejected(&t, &path);
    assert_eq!((report.rows_total, report.rows_rejected), (3_004, 3_002));
    assert_eq!(report.errors.len(), 500, "the first errors in full");
    assert!(report.errors_truncated);
    let counts: Vec<(&str, u64)> = report.problem_counts.iter().map(|c| (c.field.as_str(), c.count)).collect();
    assert_eq!(counts, [("name", 3_000), ("email", 1), ("email", 1)], "{:?}", report.problem_counts);
    assert!(report.problem_counts.iter().any(|c| c.reason.contains("another row of the file")));

    let rejects = t.dir.path().join("rejects.csv");
    let options = ImportOptions { skip_invalid: true, rejects_path: Some(rejects.clone()), batch_size: 100 };
    let report = import(&t, &path, &options).unwrap();
    assert_eq!((report.rows_imported, report.rows_rejected), (2, 3_002));
    let text = std::fs::read_to_string(&rejects).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3_003, "the header and every rejected row");
    // Past the listed errors the reasons are found again, the same as the listed ones.
    assert!(lines[2_999].ends_with("name: is empty; every customer needs a name"), "{}", lines[2_999]);
    assert!(lines[3_001].ends_with("email: is not an email address (no @)"), "{}", lines[3_001]);
    assert!(lines[3_002].ends_with("email: has the same email as line 2; merge them by hand"), "{}", lines[3_002]);
}
