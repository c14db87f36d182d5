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
const TOTP: &[&str] = &["login_totp", "otpauth", "totp", "otp"];
const NOTES: &[&str] = &["notes", "note", "comments"];

fn problem(line: u64, field: &str, reason: impl Into<String>) -> RowProblem {
    RowProblem { line, field: field.to_owned(), reason: reason.into() }
}

/// The name an entry without one is given: the address's host.
fn host_of(url: &str) -> Option<&str> {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    rest.split(['/', '?', '#', ':']).next().filter(|host| !host.is_empty())
}

/// An export's address cell as an entry keeps it: the first web address of several
/// (Bitwarden joins them with commas), `https://` put before a bare host, and an app's
/// address (`android://…`, `iosapp://…`) left for the notes.
fn web_address(cell: &str) -> (String, Option<String>) {
    let mut web = String::new();
    let mut others = Vec::new();
    for address in cell.split(',').map(str::trim).filter(|address| !address.is_empty()) {
        let lower = address.to_ascii_lowercase();
        let candidate = if lower.starts_with("https://") || lower.starts_with("http://") {
            Some(address.to_owned())
        } else if !address.contains("://") && address.contains('.') && !address.contains(char::is_whitespace) {
            Some(format!("https://{address}"))
        } else {
            None
        };
        match candidate {
            Some(candidate) if web.is_empty() => web = candidate,
            _ => others.push(address.to_owned()),
        }
    }
    (web, (!others.is_empty()).then(|| others.join(", ")))
}

/// A TOTP cell: the bare base32 secret, or an `otpauth://totp/…?secret=…` address whose digits,
/// period and algorithm must be those Strongroom's codes use (6, 30 s, SHA-1).
fn totp_of(cell: &str) -> Result<Option<Zeroizing<Vec<u8>>>, String> {
    if cell.is_empty() {
        return Ok(None);
    }
    let lower = cell.to_ascii_lowercase();
    if !lower.contains("://") {
        return parse_totp_secret(cell).map(|bytes| Some(Zeroizing::new(bytes))).map_err(|error| error.to_string());
    }
    if !lower.starts_with("otpauth://totp/") {
        return Err("is not a TOTP secret this vault can make codes for (otpauth://totp/ only)".into());
    }
    let query = cell.split_once('?').map(|(_, query)| query).unwrap_or_default();
    let mut secret = None;
    for (key, value) in query.split('&').filter_map(|pair| pair.split_once('=')) {
        let value = value.replace("%3D", "=").replace("%3d", "=").replace("%20", "");
        match (key.to_ascii_lowercase().as_str(), value.to_ascii_lowercase().as_str()) {
            ("secret", _) => secret = Some(value),
            ("digits", "6") | ("period", "30") | ("algorithm", "sha1") => {}
            ("digits" | "period" | "algorithm", other) => {
                return Err(format!("asks for {key}={other}; this vault makes 6-digit, 30-second SHA-1 codes only"));
            }
            _ => {}
        }
    }
    let secret = secret.ok_or("has no secret= in its otpauth address")?;
    parse_totp_secret(&secret).map(|bytes| Some(Zeroizing::new(bytes))).map_err(|error| error.to_string())
}

/// What an export gave: the entries, and the rows left out with why (notes and empty logins).
#[derive(Debug)]
pub struct ExportRead {
    pub entries: Vec<NewSecret>,
    /// Secure notes, which are not passwords (they stay in the old manager).
    pub notes_left_out: usize,
    /// Logins without a password (a user name or a passkey only).
    pub empty_left_out: usize,
}

/// Where an export keeps each part, and its own column names (a problem is named by them).
struct Columns {
    raw: Vec<String>,
    name_at: Option<usize>,
    url_at: Option<usize>,
    user_at: Option<usize>,
    password_at: usize,
    totp_at: Option<usize>,
    notes_at: Option<usize>,
    type_at: Option<usize>,
}

/// What one row of an export is.
enum Row {
    Entry(NewSecret),
    /// A secure note: not a password, left in the old manager.
    Note,
    /// A login without a password (a user name or a passkey only).
    NoPassword,
}

impl Columns {
    fn column(&self, at: Option<usize>, fallback: &str) -> String {
        at.map_or(fallback.to_owned(), |at| self.raw[at].clone())
    }

    /// One row read into an entry, or every problem it has.
    fn row(&self, record: &csv::StringRecord, shares: &[Share]) -> Result<Row, Vec<RowProblem>> {
        let line = record.position().map_or(0, csv::Position::line);
        let cell = |at: Option<usize>| at.and_then(|at| record.get(at)).unwrap_or_default().trim();
        match cell(self.type_at) {
            "" | "login" | "1" => {}
            "note" | "2" => return Ok(Row::Note),
            other => {
                let reason = format!("is {other:?}: only logins are kept here (never cards or identities)");
                return Err(vec![problem(line, &self.column(self.type_at, "type"), reason)]);
            }
        }
        let password = Zeroizing::new(record.get(self.password_at).unwrap_or_default().to_owned());
        if password.is_empty() {
            return Ok(Row::NoPassword);
        }
        let (url, other_addresses) = web_address(cell(self.url_at));
        // Without a name, the site's host, or an app's package (`android://…@com.app/`).
        let name = match cell(self.name_at) {
            "" => host_of(&url)
                .or_else(|| other_addresses.as_deref().and_then(host_of).map(|host| host.rsplit('@').next().unwrap_or(host)))
                .unwrap_or_default()
                .to_owned(),
            name => name.to_owned(),
        };
        let notes = match (cell(self.notes_at), other_addresses) {
            (notes, None) => notes.to_owned(),
            ("", Some(others)) => format!("Also: {others}"),
            (notes, Some(others)) => format!("{notes}\nAlso: {others}"),
        };
        let info = SecretInfo::parse(&name, &url, cell(self.user_at), &notes, shares.to_vec());
        let secret = SecretText::parse("password", &password);
        let totp = totp_of(cell(self.totp_at));
        let mut problems = Vec::new();
        for error in [info.as_ref().err(), secret.as_ref().err()].into_iter().flatten() {
            match error {
                strongroom_domain::DomainError::Invalid { field, reason } => {
                    let at = match *field {
                        "name" => self.name_at,
                        "url" => self.url_at,
                        "username" => self.user_at,
                        "notes" => self.notes_at,
                        _ => Some(self.password_at),
                    };
                    problems.push(problem(line, &self.column(at, field), reason.clone()));
                }
                other => problems.push(problem(line, "row", other.to_string())),
            }
        }
        if let Err(why) = &totp {
            problems.push(problem(line, &self.column(self.totp_at, "totp"), why.clone()));
        }
        match (info, secret, totp) {
            (Ok(info), Ok(password), Ok(totp)) if problems.is_empty() => Ok(Row::Entry(NewSecret { info, password, totp })),
            _ => Err(problems),
        }
    }
}

/// Reads an export into new entries, each shared as `shares` says; every problem, or the entries.
pub fn read_export(bytes: &[u8], shares: &[Share]) -> Result<ExportRead, Vec<RowProblem>> {
    if bytes.len() > MAX_IMPORT_BYTES {
        return Err(vec![problem(0, "file", format!("the file is larger than {} MB", MAX_IMPORT_BYTES / (1024 * 1024)))]);
    }
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|error| {
        let line = 1 + bytes[..error.valid_up_to()].iter().filter(|&&byte| byte == b'\n').count() as u64;
        vec![problem(line, "file", "the file is not UTF-8 from here on; export it again as CSV")]
    })?;
    // Every row as long as the header: a comma too many would shift a cell into the password.
    let mut reader = csv::ReaderBuilder::new().flexible(false).from_reader(text.as_bytes());
    let raw_headers: Vec<String> = reader
        .headers()
        .map_err(|error| vec![problem(1, "file", error.to_string())])?
        .iter()
        .map(|header| header.trim().to_owned())
        .collect();
    let headers: Vec<String> = raw_headers.iter().map(|header| header.to_ascii_lowercase()).collect();
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
    let columns = Columns { raw: raw_headers, name_at, url_at, user_at, password_at, totp_at, notes_at, type_at };
    let mut read = ExportRead { entries: Vec::new(), notes_left_out: 0, empty_left_out: 0 };
    let mut problems = Vec::new();
    for record in reader.records() {
        match record {
            Ok(record) => match columns.row(&record, shares) {
                Ok(Row::Entry(entry)) => read.entries.push(entry),
                Ok(Row::Note) => read.notes_left_out += 1,
                Ok(Row::NoPassword) => read.empty_left_out += 1,
                Err(row_problems) => problems.extend(row_problems),
            },
            Err(error) => {
                let line = error.position().map_or(0, csv::Position::line);
                problems.push(problem(line, "file", "this line cannot be read as CSV (a cell too many or too few?)"));
            }
        }
    }
    if read.entries.is_empty() && problems.is_empty() {
        problems.push(problem(1, "file", "the file holds no passwords"));
    }
    if read.entries.len() > MAX_SECRETS {
        problems.push(problem(0, "file", format!("the vault keeps at most {MAX_SECRETS} entries")));
    }
    // The first hundred say what is wrong; a file wrong throughout need not list every line.
    if problems.len() > 100 {
        let more = problems.len() - 100;
        problems.truncate(100);
        problems.push(problem(0, "file", format!("and {more} more problems")));
    }
    if problems.is_empty() { Ok(read) } else { Err(problems) }
}

/// What an import did.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub struct ImportCounts {
    pub imported: usize,
    pub notes_left_out: usize,
    pub empty_left_out: usize,
}

impl Vault {
    /// Imports an export (the owner or a manager): every entry or none, each recorded as added,
    /// and one event for the import. How many were added, and how many rows were left out.
    pub fn import_secrets(&self, actor: &Actor, bytes: &[u8], shares: &[Share], today: Date) -> Result<ImportCounts, AppError> {
        self.require(actor, Permission::SecretManage, AuditAction::SecretCreate, None)?;
        let read = read_export(bytes, shares).map_err(|problems| AppError::RowsRejected { what: "password export", problems })?;
        let counts =
            ImportCounts { imported: read.entries.len(), notes_left_out: read.notes_left_out, empty_left_out: read.empty_left_out };
        // Judged and sealed before the transaction, so the shop's other writes wait only for the inserts.
        let prepared = read.entries.into_iter().map(|entry| self.prepare_secret(actor, entry, today)).collect::<Result<Vec<_>, _>>()?;
        let mut tx = self.store.begin()?;
        self.insert_prepared(tx.as_mut(), actor, prepared)?;
        let event = EventDraft::new(actor, AuditAction::SecretCreate).detail(format!("imported {} entries", counts.imported));
        self.record(tx.as_mut(), &[event.finish(Outcome::Allowed)])?;
        tx.commit()?;
        Ok(counts)
    }

    /// Every entry with its password, as a Bitwarden CSV export (which browsers and other
    /// password managers read too): the owner's, after a step-up; recorded with how many.
    pub fn export_secrets(&self, actor: &Actor) -> Result<Zeroizing<String>, AppError> {
        self.require(actor, Permission::SettingsManage, AuditAction::SecretExport, None)?;
        self.require_step_up(actor, AuditAction::SecretExport, None)?;
        let mut tx = self.store.begin()?;
        let opened = self.readable_secrets(tx.as_mut())?;
        let stored = tx.count_secrets()?;
        if stored != opened.len() as u64 {
            return Err(AppError::Conflict(format!(
                "{} of {stored} entries do not open: the export would leave them out, so it is not made",
                stored - opened.len() as u64
            )));
        }
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
                // A password that is a formula would run when the owner opens the file in a
                // spreadsheet, and cannot be made inert without changing it.
                if secret.password.starts_with(['=', '+', '-', '@']) && secret.password.contains('(') {
                    return Err(AppError::Conflict(format!(
                        "the password of {:?} would run as a formula in a spreadsheet: change it before exporting",
                        entry.doc.name
                    )));
                }
                let totp = Zeroizing::new(
                    secret
                        .totp
                        .as_deref()
                        .and_then(super::unhex)
                        .map(|bytes| strongroom_identity::TotpSecret::from_bytes(&bytes).base32())
                        .unwrap_or_default(),
                );
                let doc = &entry.doc;
                // Every cell but the secrets made inert in a spreadsheet: a manager's entry named
                // =WEBSERVICE(…) must not send the other rows anywhere when the owner opens the file.
                let inert =
                    |cell: &str| String::from_utf8_lossy(&crate::customers::import::inert_in_spreadsheets(cell.as_bytes())).into_owned();
                let (name, notes, url, username) = (
                    inert(&doc.name),
                    inert(doc.notes.as_deref().unwrap_or_default()),
                    inert(doc.url.as_deref().unwrap_or_default()),
                    inert(&doc.username),
                );
                let row = ["", "", "login", &name, &notes, "", "0", &url, &username, &secret.password, &totp];
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
    fn bitwarden_exports_are_read_with_their_notes_and_addresses() {
        let bitwarden = "folder,favorite,type,name,notes,fields,reprompt,login_uri,login_username,login_password,login_totp\n\
            ,,login,Webshop,,,0,https://shop.example/admin,olga,Zeilboot-Tulp-81-hamer,otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&issuer=x\n\
            ,,login,Bank,backup codes in the safe,,0,\"https://bank.example,androidapp://nl.bank\",,rivier-Schelp-62-brons,\n\
            ,,note,Alarm codes,the code is in the safe,,0,,,,\n\
            ,,login,Passkey only,,,0,https://pk.example,olga,,\n\
            ,,login,Router,,,0,192.168.1.1,admin,kachel-Storm-58-koper,JBSWY3DPEHPK3PXP\n";
        let read = read_export(bitwarden.as_bytes(), &[]).unwrap();
        assert_eq!((read.entries.len(), read.notes_left_out, read.empty_left_out), (3, 1, 1));
        let webshop = &read.entries[0];
        assert_eq!((webshop.info.name.as_str(), webshop.info.username.as_str(), webshop.totp.is_some()), ("Webshop", "olga", true));
        let bank = &read.entries[1];
        assert_eq!(bank.info.url.as_deref(), Some("https://bank.example"), "the first web address of several");
        assert_eq!(bank.info.notes.as_ref().map(|notes| notes.as_str()), Some("backup codes in the safe\nAlso: androidapp://nl.bank"));
        assert_eq!(read.entries[2].info.url.as_deref(), Some("https://192.168.1.1"), "a bare host gets https://");
    }

    #[test]
    fn browser_exports_are_read() {
        let chrome = "name,url,username,password,note\n\
            ,https://portal.supplier.example/login,shop,kachel-Storm-58-koper,\n\
            ,android://abc==@com.supplier.app/,shop,kachel-Storm-58-koper,\n";
        let read = read_export(chrome.as_bytes(), &[]).unwrap();
        assert_eq!(read.entries[0].info.name.as_str(), "portal.supplier.example", "named by its host");
        assert_eq!(read.entries[1].info.url, None, "an app's address goes to the notes");
        assert_eq!(read.entries[1].info.name.as_str(), "com.supplier.app", "named by its package");
        let firefox = "\"url\",\"username\",\"password\",\"httpRealm\",\"formActionOrigin\",\"guid\",\"timeCreated\",\"timeLastUsed\",\"timePasswordChanged\"\n\
            \"https://mail.example\",\"shop\",\"zeilboot-Tulp-81-hamer\",,\"https://mail.example\",\"{x}\",\"1\",\"1\",\"1\"\n";
        assert_eq!(read_export(firefox.as_bytes(), &[]).unwrap().entries[0].info.name.as_str(), "mail.example");
        let safari = "Title,URL,Username,Password,Notes,OTPAuth\n\
            Bank,https://bank.example,shop,rivier-Schelp-62-brons,,otpauth://totp/Bank?secret=JBSWY3DPEHPK3PXP&digits=6&period=30\n";
        assert!(read_export(safari.as_bytes(), &[]).unwrap().entries[0].totp.is_some(), "Safari's OTPAuth column is kept");
    }

    #[test]
    fn bad_rows_are_named_by_line_and_the_files_own_column() {
        let bad = "folder,favorite,type,name,notes,fields,reprompt,login_uri,login_username,login_password,login_totp\n\
            ,,card,Visa,,,0,,,,\n\
            ,,login,,,,0,,olga,x-Y-z-1234567,\n\
            ,,login,Wifi,,,0,javascript:alert(1),,password1,\n\
            ,,login,Steam,,,0,,,s-T-e-a-m-1234,steam://ABCDEF\n\
            ,,login,Eight,,,0,,,e-I-g-h-t-1234,otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&digits=8\n\
            ,,login,Short,,,0,,,s-h-o-r-t-1234\n";
        // Line 4's odd address is kept in the notes, not refused.
        let problems = read_export(bad.as_bytes(), &[]).unwrap_err();
        let named: Vec<(u64, &str)> = problems.iter().map(|problem| (problem.line, problem.field.as_str())).collect();
        assert_eq!(named, [(2, "type"), (3, "name"), (5, "login_totp"), (6, "login_totp"), (7, "file")], "{problems:?}");
        assert!(read_export(b"title,notes\nA,b\n", &[]).unwrap_err()[0].reason.contains("password column"));
        assert!(read_export(b"name,password\n", &[]).unwrap_err()[0].reason.contains("no passwords"));
        assert!(read_export(b"name,password\nA,\xff\xfe\n", &[]).unwrap_err()[0].reason.contains("UTF-8"));
    }
}
