//! Importing the shop's passwords from a password manager's or a browser's CSV export:
//! Bitwarden (`login_uri`, `login_username`, `login_password`, `login_totp`), Chrome, Edge and
//! Safari (`url`, `username`, `password`), Firefox (the same, with `httpRealm` and the like), or
//! KeePass-style English columns. Every row is checked first and each problem named by its line
//! and column; then every entry is added in one transaction, or none. Bitwarden's cards and
//! identities are refused, not skipped: a card number has no place in the shop's vault. The
//! owner's export writes the same Bitwarden shape back, after a step-up, recorded.

use strongroom_domain::{Actor, AuditAction, Outcome, Permission, SecretInfo, SecretText, Share, parse_totp_secret};
use time::Date;
use zeroize::Zeroizing;

use super::{MAX_SECRETS, NewSecret};
use crate::desk::RowProblem;
use crate::trail::draft::EventDraft;
use crate::{AppError, Vault};

/// The largest export file read.
pub const MAX_IMPORT_BYTES: usize = 4 * 1024 * 1024;

/// The columns an export may name each part with, in the order tried.
const NAME: &[&str] = &["name", "title"];
const URL: &[&str] = &["login_uri", "url", "uri", "web site", "website"];
const USERNAME: &[&str] = &["login_username", "username", "user name", "login"];
const PASSWORD: &[&str] = &["login_password", "password"];
const TOTP: &[&str] = &["login_totp", "totp", "otp"];
const NOTES: &[&str] = &["notes", "note", "comments"];

fn problem(line: u64, field: &str, reason: impl Into<String>) -> RowProblem {
    RowProblem { line, field: field.to_owned(), reason: reason.into() }
}

/// The name an entry without one is given: the address's host.
fn host_of(url: &str) -> Option<&str> {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    rest.split(['/', '?', '#', ':']).next().filter(|host| !host.is_empty())
}

/// Reads an export into new entries, each shared as `shares` says; every problem, or the entries.
pub fn read_export(bytes: &[u8], shares: &[Share]) -> Result<Vec<NewSecret>, Vec<RowProblem>> {
    if bytes.len() > MAX_IMPORT_BYTES {
        return Err(vec![problem(0, "file", format!("the file is larger than {} MB", MAX_IMPORT_BYTES / (1024 * 1024)))]);
    }
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|error| {
        let line = 1 + bytes[..error.valid_up_to()].iter().filter(|&&byte| byte == b'\n').count() as u64;
        vec![problem(line, "file", "the file is not UTF-8 from here on; export it again as CSV")]
    })?;
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .map_err(|error| vec![problem(1, "file", error.to_string())])?
        .iter()
        .map(|header| header.trim().to_ascii_lowercase())
        .collect();
    let find = |names: &[&str]| names.iter().find_map(|name| headers.iter().position(|header| header == name));
    let (name_at, url_at, user_at, password_at, totp_at, notes_at, type_at) =
        (find(NAME), find(URL), find(USERNAME), find(PASSWORD), find(TOTP), find(NOTES), find(&["type"]));
    let Some(password_at) = password_at else {
        return Err(vec![problem(
            1,
            "password",
            "the file needs a password column (login_password or password): is it a password export?",
        )]);
    };
    if name_at.is_none() && url_at.is_none() {
        return Err(vec![problem(1, "name", "the file needs a name or an address column")]);
    }
    let mut entries = Vec::new();
    let mut problems = Vec::new();
    for record in reader.records() {
        let record = match record {
            Ok(record) => record,
            Err(error) => {
                let line = error.position().map_or(0, csv::Position::line);
                problems.push(problem(line, "file", "this line cannot be read as CSV"));
                continue;
            }
        };
        let line = record.position().map_or(0, csv::Position::line);
        let cell = |at: Option<usize>| at.and_then(|at| record.get(at)).unwrap_or_default().trim();
        match cell(type_at) {
            "" | "login" | "1" => {}
            other => {
                problems.push(problem(line, "type", format!("is {other:?}: only logins are kept here (never cards or identities)")));
                continue;
            }
        }
        let password = Zeroizing::new(record.get(password_at).unwrap_or_default().to_owned());
        let url = cell(url_at);
        let name = match cell(name_at) {
            "" => host_of(url).unwrap_or_default(),
            name => name,
        };
        let mut row_problems = Vec::new();
        let info = SecretInfo::parse(name, url, cell(user_at), cell(notes_at), shares.to_vec());
        let secret = SecretText::parse("password", &password);
        let totp = match cell(totp_at) {
            "" => Ok(None),
            // Bitwarden keeps an otpauth:// address or the bare secret.
            typed => {
                let secret = typed.split("secret=").nth(1).map_or(typed, |rest| rest.split('&').next().unwrap_or_default());
                parse_totp_secret(secret).map(|bytes| Some(Zeroizing::new(bytes)))
            }
        };
        for error in [info.as_ref().err(), secret.as_ref().err(), totp.as_ref().err()].into_iter().flatten() {
            match error {
                strongroom_domain::DomainError::Invalid { field, reason } => row_problems.push(problem(line, field, reason.clone())),
                other => row_problems.push(problem(line, "row", other.to_string())),
            }
        }
        match (info, secret, totp) {
            (Ok(info), Ok(password), Ok(totp)) if row_problems.is_empty() => entries.push(NewSecret { info, password, totp }),
            _ => problems.extend(row_problems),
        }
    }
    if entries.is_empty() && problems.is_empty() {
        problems.push(problem(1, "file", "the file holds no passwords"));
    }
    if entries.len() > MAX_SECRETS {
        problems.push(problem(0, "file", format!("the vault keeps at most {MAX_SECRETS} entries")));
    }
    if problems.is_empty() { Ok(entries) } else { Err(problems) }
}

impl Vault {
    /// Imports an export (the owner or a manager): every entry or none, each recorded as added,
    /// and one event for the import. How many were added.
    pub fn import_secrets(&self, actor: &Actor, bytes: &[u8], shares: &[Share], today: Date) -> Result<usize, AppError> {
        self.require(actor, Permission::SecretManage, AuditAction::SecretCreate, None)?;
        let entries = read_export(bytes, shares).map_err(|problems| AppError::RowsRejected { what: "password export", problems })?;
        let count = entries.len();
        let mut tx = self.store.begin()?;
        for entry in entries {
            self.insert_secret(tx.as_mut(), actor, entry, today)?;
        }
        let event = EventDraft::new(actor, AuditAction::SecretCreate).detail(format!("imported {count} entries"));
        self.record(tx.as_mut(), &[event.finish(Outcome::Allowed)])?;
        tx.commit()?;
        Ok(count)
    }
}

impl Vault {
    /// Every entry with its password, as a Bitwarden CSV export (which browsers and other
    /// password managers read too): the owner's, after a step-up; recorded with how many.
    pub fn export_secrets(&self, actor: &Actor) -> Result<Zeroizing<String>, AppError> {
        self.require(actor, Permission::SettingsManage, AuditAction::SecretExport, None)?;
        self.require_step_up(actor, AuditAction::SecretExport, None)?;
        let mut tx = self.store.begin()?;
        let opened = self.readable_secrets(tx.as_mut())?;
        let mut out = Zeroizing::new(Vec::with_capacity(256 * (opened.len() + 1)));
        {
            let mut writer = csv::Writer::from_writer(&mut *out);
            let write = |writer: &mut csv::Writer<&mut Vec<u8>>, row: &[&str]| {
                writer.write_record(row).map_err(|error| AppError::corrupt(error.to_string()))
            };
            write(
                &mut writer,
                &[
                    "folder",
                    "favorite",
                    "type",
                    "name",
                    "notes",
                    "fields",
                    "reprompt",
                    "login_uri",
                    "login_username",
                    "login_password",
                    "login_totp",
                ],
            )?;
            for entry in &opened {
                let secret = self.open_secret_doc(entry)?;
                let totp = Zeroizing::new(
                    secret
                        .totp
                        .as_deref()
                        .and_then(super::unhex)
                        .map(|bytes| strongroom_identity::TotpSecret::from_bytes(&bytes).base32())
                        .unwrap_or_default(),
                );
                let doc = &entry.doc;
                let row = [
                    "",
                    "",
                    "login",
                    &doc.name,
                    doc.notes.as_deref().unwrap_or_default(),
                    "",
                    "0",
                    doc.url.as_deref().unwrap_or_default(),
                    &doc.username,
                    &secret.password,
                    &totp,
                ];
                write(&mut writer, &row)?;
            }
            writer.flush().map_err(|error| AppError::corrupt(error.to_string()))?;
        }
        let event = EventDraft::new(actor, AuditAction::SecretExport).detail(format!("{} entries exported", opened.len()));
        self.record(tx.as_mut(), &[event.finish(Outcome::Allowed)])?;
        tx.commit()?;
        let text = String::from_utf8(std::mem::take(&mut *out)).map_err(|_| AppError::corrupt("an export that is not text"))?;
        Ok(Zeroizing::new(text))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bitwarden_and_browser_exports_are_read_and_bad_rows_named() {
        let bitwarden = "folder,favorite,type,name,notes,fields,reprompt,login_uri,login_username,login_password,login_totp\n\
            ,,login,Webshop,,,0,https://shop.example/admin,olga,Zeilboot-Tulp-81-hamer,otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&issuer=x\n\
            ,,login,Bank,backup codes in the safe,,0,https://bank.example,,rivier-Schelp-62-brons,\n";
        let read = read_export(bitwarden.as_bytes(), &[]).unwrap();
        assert_eq!(read.len(), 2);
        assert_eq!((read[0].info.name.as_str(), read[0].info.username.as_str(), read[0].totp.is_some()), ("Webshop", "olga", true));
        assert_eq!(read[1].info.notes.as_ref().map(|notes| notes.as_str()), Some("backup codes in the safe"));

        let chrome = "name,url,username,password,note\n,https://portal.supplier.example/login,shop,kachel-Storm-58-koper,\n";
        let read = read_export(chrome.as_bytes(), &[]).unwrap();
        assert_eq!(read[0].info.name.as_str(), "portal.supplier.example", "named by its host");

        let bad = "folder,favorite,type,name,notes,fields,reprompt,login_uri,login_username,login_password,login_totp\n\
            ,,card,Visa,,,0,,,,\n\
            ,,login,,,,0,,olga,x-Y-z-1234567,\n\
            ,,login,Wifi,,,0,javascript:alert(1),,password1,\n\
            ,,login,Alarm,,,0,,,,\n";
        let problems = read_export(bad.as_bytes(), &[]).unwrap_err();
        let named: Vec<(u64, &str)> = problems.iter().map(|problem| (problem.line, problem.field.as_str())).collect();
        assert_eq!(named, [(2, "type"), (3, "name"), (4, "url"), (5, "password")], "{problems:?}");
        assert!(read_export(b"title,notes\nA,b\n", &[]).unwrap_err()[0].reason.contains("password column"));
        assert!(read_export(b"name,password\n", &[]).unwrap_err()[0].reason.contains("no passwords"));
        assert!(read_export(b"name,password\nA,\xff\xfe\n", &[]).unwrap_err()[0].reason.contains("UTF-8"));
    }
}
