//! Repository automation, run with `cargo xtask <task>`:
//! - `tidy`: the project's rules that neither rustc nor clippy check (every source file opens
//!   with a `//!` doc; no `todo!`, `unimplemented!`, ignored tests or should-panic tests; rows
//!   that grant access only through `access_rows.rs`; no import cycles between a crate's files,
//!   which `cycles` lists);
//! - `docs`: rewrites the generated tables in ARCHITECTURE.md and SECURITY.md (the permission
//!   matrix and the data inventory) from the `domain` crate, so the docs cannot drift from the
//!   code. Both also run as tests, so `cargo test --workspace` fails when either is stale;
//! - `load`: the JSON API under `wrk` (see `load.rs`), with its figures as JSON.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use strongroom_domain::{Field, Permission, Role};

mod cycles;
mod load;

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask lives in the repository root").to_owned()
}

fn main() -> Result<()> {
    let task = std::env::args().nth(1).unwrap_or_default();
    let root = repo_root();
    match task.as_str() {
        "tidy" => {
            let problems = tidy(&root)?;
            if !problems.is_empty() {
                bail!("tidy found problems:\n{}", problems.join("\n"));
            }
            println!("tidy: ok");
        }
        "docs" => {
            for (file, changed) in update_docs(&root, true)? {
                println!("{file}: {}", if changed { "updated" } else { "up to date" });
            }
        }
        "load" => load::run(&root, &std::env::args().skip(2).collect::<Vec<_>>())?,
        "cycles" => {
            for line in import_cycles(&root)? {
                println!("{line}");
            }
        }
        _ => bail!("usage: cargo xtask tidy | cycles | docs | load [--customers N] [--seconds S] [--connections C]"),
    }
    Ok(())
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    for entry in std::fs::read_dir(dir).with_context(|| format!("reading {}", dir.display()))? {
        let path = entry?.path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        if path.is_dir() {
            if name != "target" && !name.starts_with('.') {
                rust_files(&path, out)?;
            }
        } else if name.ends_with(".rs") {
            out.push(path);
        }
    }
    Ok(())
}

/// Every import cycle between the files of a crate, one line each.
fn import_cycles(root: &Path) -> Result<Vec<String>> {
    let mut sources = vec![root.join("xtask/src")];
    for entry in std::fs::read_dir(root.join("crates"))? {
        sources.push(entry?.path().join("src"));
    }
    sources.sort();
    let mut lines = Vec::new();
    for src in sources {
        let mut files = Vec::new();
        rust_files(&src, &mut files)?;
        for cycle in cycles::cycles(&src, &files) {
            let names: Vec<String> = cycle.iter().map(|file| file.strip_prefix(root).unwrap_or(file).display().to_string()).collect();
            lines.push(format!("import cycle: {}", names.join(" <-> ")));
        }
    }
    Ok(lines)
}

/// The project's own rules; returns one line per problem.
fn tidy(root: &Path) -> Result<Vec<String>> {
    let mut files = Vec::new();
    rust_files(&root.join("crates"), &mut files)?;
    rust_files(&root.join("xtask"), &mut files)?;
    // The fuzz targets take outside input too: the same rules hold there.
    rust_files(&root.join("fuzz/fuzz_targets"), &mut files)?;
    let mut problems = Vec::new();
    // Spelled in pieces so this file does not match itself.
    let forbidden = [concat!("todo", "!("), concat!("unimplemented", "!("), concat!("#[", "ignore"), concat!("#[", "should_panic")];
    // Rows that grant access are read and written only in `app/src/staff/access_rows.rs`, which
    // checks and renews their MACs (issue 11): a read elsewhere could skip the check.
    let access_rows_file = "crates/app/src/staff/access_rows.rs";
    let access_row_methods = [
        "staff(",
        "staff_by_name(",
        "all_staff(",
        "insert_staff(",
        "update_staff(",
        "session(",
        "all_sessions(",
        "insert_session(",
        "update_session(",
        "api_token(",
        "api_token_by_hash(",
        "api_tokens(",
        "insert_api_token(",
        "update_api_token(",
        "replace_recovery_codes(",
        "rekey_recovery_code(",
    ];
    // Text taken as written, without its input checks (`from_stored`), is text this vault sealed
    // and has just opened: it is made only where sealed fields are opened and decoded (and in the
    // benchmarks' plaintext baseline, which reads the same fields the same way).
    let opening_file = "crates/app/src/customers/sealing.rs";
    let opening_files = [
        opening_file,
        "crates/app/src/customers/codec.rs",
        "crates/app/src/secrets/mod.rs",
        "crates/app/src/incidents/mod.rs",
        "crates/app/src/incidents/breach.rs",
        "crates/app/src/incidents/tasks.rs",
        "crates/bench/src/baseline.rs",
    ];
    // Every `from_stored` but the workshop's ticket code (a plain column the vault made itself):
    // matched without the type's name, so an alias (`use … as Text`) does not get past it.
    let unchecked_call = concat!("from_", "stored");
    let plain_column = concat!("TicketCode::from_", "stored");
    for file in files {
        let text = std::fs::read_to_string(&file)?;
        let relative = file.strip_prefix(root).unwrap_or(&file).display().to_string();
        let in_tests_dir = relative.contains("/tests/");
        if !in_tests_dir && !text.starts_with("//!") {
            problems.push(format!("{relative}: does not open with a //! doc saying what it is for"));
        }
        let checks_access_rows = relative.starts_with("crates/app/src/") && relative != access_rows_file;
        for (number, line) in text.lines().enumerate() {
            if let Some(pattern) = forbidden.iter().find(|pattern| line.contains(*pattern)) {
                problems.push(format!("{relative}:{}: {pattern} is not allowed (gate slow tests by environment variable)", number + 1));
            }
            let takes_as_written = line.contains(unchecked_call) && !line.contains(plain_column) && !line.trim_start().starts_with("//");
            let opens_sealed_fields = opening_files.contains(&relative.as_str()) || relative.starts_with("crates/domain/") || in_tests_dir;
            if takes_as_written && !opens_sealed_fields {
                problems.push(format!(
                    "{relative}:{}: `{unchecked_call}` skips the input checks; it is for sealed fields opened in {opening_file}",
                    number + 1
                ));
            }
            let raw_call = |method: &&&str| ["tx.", "?.", "tx()."].iter().any(|receiver| line.contains(&format!("{receiver}{method}")));
            if let Some(method) = access_row_methods.iter().find(raw_call).filter(|_| checks_access_rows) {
                problems.push(format!(
                    "{relative}:{}: `{method}` on the store reads or writes a row that grants access; use the checked methods in {access_rows_file}",
                    number + 1
                ));
            }
        }
    }
    // Files of one crate that import each other are one unit nobody can change alone (issue 12).
    problems.extend(import_cycles(root)?);
    Ok(problems)
}

/// Every permission, in the order the table shows them (its length is the domain's, so a new
/// permission cannot be left out of the documentation).
const PERMISSIONS: [(Permission, &str); Permission::ALL.len()] = [
    (Permission::CustomerRead, "read customers"),
    (Permission::CustomerWrite, "change customers"),
    (Permission::CustomerImport, "import customers"),
    (Permission::CustomerMerge, "merge duplicate customers"),
    (Permission::PurchaseRead, "read purchases"),
    (Permission::PurchaseWrite, "record purchases"),
    (Permission::PurchaseCorrect, "void or refund sales"),
    (Permission::RepairRead, "read repairs"),
    (Permission::RepairWrite, "record repairs"),
    (Permission::AmlRead, "read AML ID records"),
    (Permission::AmlWrite, "record AML ID records"),
    (Permission::StaffManage, "manage staff"),
    (Permission::SettingsManage, "change settings"),
    (Permission::KeysManage, "manage keys"),
    (Permission::BackupManage, "make and restore backups"),
    (Permission::AuditRead, "read the audit trail"),
    (Permission::Export, "export data"),
    (Permission::IncidentReport, "report incidents"),
    (Permission::IncidentRead, "read the incident register"),
    (Permission::IncidentManage, "work incidents (status, severity)"),
    (Permission::PrivacyRequests, "handle customers' requests (GDPR)"),
    (Permission::DeskRead, "read the security desk (devices, risks, audits)"),
    (Permission::DeskFindings, "write audit findings, record external audits"),
    (Permission::SecretUse, "use the shop's passwords shared with them"),
    (Permission::SecretManage, "add to the shop's passwords, import them"),
    (Permission::TrainingTake, "take the security training"),
    (Permission::TrainingOverview, "see everyone's training"),
];

fn permission_table() -> String {
    let mut table = String::from("| permission |");
    for role in Role::ALL {
        write!(table, " {} |", role.as_str()).unwrap();
    }
    table.push_str("\n|---|");
    table.push_str(&"---|".repeat(Role::ALL.len()));
    for (permission, label) in PERMISSIONS {
        write!(table, "\n| {label} |").unwrap();
        for role in Role::ALL {
            table.push_str(if role.allows(permission) { " yes |" } else { " |" });
        }
    }
    table.push('\n');
    table
}

fn inventory_table() -> String {
    let mut table = String::from("| record | field | data category | what it is |\n|---|---|---|---|\n");
    for field in Field::ALL {
        let special = if field.category().is_special_category() { " **(GDPR Art. 9)**" } else { "" };
        writeln!(
            table,
            "| {} | `{}` | `{}`{special} | {} |",
            field.record_kind().as_str(),
            field.name(),
            field.category(),
            field.description()
        )
        .unwrap();
    }
    table
}

/// Replaces the text between `<!-- BEGIN generated: NAME -->` and `<!-- END generated: NAME -->`.
fn replace_section(text: &str, name: &str, body: &str) -> Result<String> {
    let begin = format!("<!-- BEGIN generated: {name} (cargo xtask docs) -->\n");
    let end = format!("<!-- END generated: {name} -->");
    let start = text.find(&begin).with_context(|| format!("no {begin:?} marker"))? + begin.len();
    let stop = text[start..].find(&end).with_context(|| format!("no {end:?} marker"))? + start;
    Ok(format!("{}{body}{}", &text[..start], &text[stop..]))
}

/// Regenerates the tables; with `write` false only reports which files are stale.
fn update_docs(root: &Path, write: bool) -> Result<Vec<(&'static str, bool)>> {
    let mut results = Vec::new();
    for (file, sections) in [
        ("ARCHITECTURE.md", vec![("permissions", permission_table()), ("inventory", inventory_table())]),
        ("SECURITY.md", vec![("inventory", inventory_table())]),
    ] {
        let path = root.join(file);
        let original = std::fs::read_to_string(&path).with_context(|| format!("reading {file}"))?;
        let mut text = original.clone();
        for (name, body) in sections {
            text = replace_section(&text, name, &body)?;
        }
        let changed = text != original;
        if changed && write {
            std::fs::write(&path, text)?;
        }
        results.push((file, changed));
    }
    Ok(results)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_repository_is_tidy() {
        let problems = tidy(&repo_root()).unwrap();
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }

    #[test]
    fn the_generated_doc_tables_match_the_code() {
        let stale: Vec<&str> =
            update_docs(&repo_root(), false).unwrap().into_iter().filter(|(_, changed)| *changed).map(|(f, _)| f).collect();
        assert!(stale.is_empty(), "{stale:?} are stale: run `cargo xtask docs`");
    }

    #[test]
    fn sections_are_replaced_between_their_markers() {
        let text = "a\n<!-- BEGIN generated: t (cargo xtask docs) -->\nold\n<!-- END generated: t -->\nb";
        let replaced = replace_section(text, "t", "new\n").unwrap();
        assert_eq!(replaced, "a\n<!-- BEGIN generated: t (cargo xtask docs) -->\nnew\n<!-- END generated: t -->\nb");
        assert!(replace_section("no markers", "t", "x").is_err());
    }
}
