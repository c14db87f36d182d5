//! The body of the `csv_import` fuzz target.

use super::file::{ImportFile, scan_file};
use super::validate::{ImportRow, for_each_row, validate_file};
use crate::VaultSettings;

/// The body of the `csv_import` fuzz target (`fuzz/`): an uploaded file through both passes of
/// an import, without a vault. Panics only when a property fails: nothing panics, the two
/// passes agree on every row, the counts add up, and no error repeats a long value of the file.
#[doc(hidden)]
pub fn fuzz_csv_import(data: &[u8]) {
    /// The upload as a file (the passes read files), removed again however the call ends.
    struct Scratch(std::path::PathBuf);
    impl Drop for Scratch {
        fn drop(&mut self) {
            let _ = std::fs::remove_file(&self.0);
        }
    }
    static CALLS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let call = CALLS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let scratch = Scratch(std::env::temp_dir().join(format!("strongroom-fuzz-import-{}-{call}.csv", std::process::id())));
    let path = scratch.0.as_path();
    std::fs::write(path, data).expect("a scratch file");
    let settings = VaultSettings::new(strongroom_domain::Country::parse("NL").expect("NL"), strongroom_domain::Currency::EUR);
    let source = ImportFile(path);
    let Ok(scan) = scan_file(&source) else { return };
    let Ok(validation) = validate_file(&source, &scan, 0, settings, None, &mut |_| {}) else { return };
    let report = &validation.report;
    assert_eq!(report.rows_rejected, validation.invalid_rows.len());
    assert!(report.rows_rejected <= report.rows_total);
    let (mut valid, mut rejected) = (0u64, 0u64);
    let mut values: Vec<String> = Vec::new();
    let outcome = for_each_row(&source, &scan, &validation, 0, settings, &mut |_, row| {
        match row {
            ImportRow::Valid(_) => valid += 1,
            ImportRow::Rejected { record, .. } => {
                rejected += 1;
                values.extend(record.iter().filter_map(|cell| std::str::from_utf8(cell).ok()).map(|cell| cell.trim().to_owned()));
            }
        }
        Ok(())
    });
    outcome.expect("the import pass reads what the validation pass read");
    assert_eq!((valid + rejected, rejected), (report.rows_total, report.rows_rejected), "the passes agree on every row");
    // A value shaped like an email, a phone or a card number never comes back in a message (the
    // messages' own words hold no eight digits, and no @ between two letters or digits).
    let email_like =
        |value: &str| value.as_bytes().windows(3).any(|w| w[1] == b'@' && w[0].is_ascii_alphanumeric() && w[2].is_ascii_alphanumeric());
    let personal = values.iter().filter(|value| email_like(value) || value.bytes().filter(u8::is_ascii_digit).count() >= 8);
    for value in personal {
        for error in &report.errors {
            assert!(
                !error.reason.contains(value.as_str()) && !error.field.contains(value.as_str()),
                "an error repeats a value of the file"
            );
        }
    }
}
