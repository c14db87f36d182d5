//! A device list from a spreadsheet: a header line naming the columns (English or Dutch, any
//! order, any case), comma- or semicolon-separated, UTF-8. `name`, `kind` and `customer_data` (yes
//! or no: whether the flags ask for disk encryption) are needed; the
//! programs are one cell, separated by `;` (or `|` in a semicolon-separated file), each `name` or
//! `name@version`. Every problem is named by line and column; one is enough for nothing to be
//! taken.

use strongroom_domain::{Answer, Device, DeviceKind, DomainError, Software};

/// The most devices a shop keeps here.
pub const MAX_DEVICES: usize = 500;

/// A row of an import that cannot be taken: its line in the file, the column and why.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct RowProblem {
    pub line: u64,
    pub field: String,
    pub reason: String,
}

/// The columns: the name read, its Dutch name.
pub const COLUMNS: [(&str, &str); 12] = [
    ("name", "naam"),
    ("kind", "soort"),
    ("owner", "eigenaar"),
    ("os", "besturingssysteem"),
    ("os_version", "versie"),
    ("disk_encryption", "schijfversleuteling"),
    ("antivirus", "virusscanner"),
    ("firewall", "firewall"),
    ("automatic_updates", "automatische_updates"),
    ("last_update", "laatste_update"),
    ("customer_data", "klantgegevens"),
    ("programs", "programmas"),
];

fn problem(line: u64, field: &str, reason: impl Into<String>) -> RowProblem {
    RowProblem { line, field: field.to_owned(), reason: reason.into() }
}

/// The column a header cell names, by its English or Dutch name.
fn column(header: &str) -> Option<&'static str> {
    let word: String =
        header.trim().to_lowercase().chars().filter(|c| *c != '\'').map(|c| if c == ' ' || c == '-' { '_' } else { c }).collect();
    COLUMNS.iter().find(|(english, dutch)| word == *english || word == *dutch).map(|(english, _)| *english)
}

/// The devices of a CSV file, or every problem with it.
pub fn read(bytes: &[u8], today: time::Date) -> Result<Vec<Device>, Vec<RowProblem>> {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|error| {
        let line = 1 + bytes[..error.valid_up_to()].iter().filter(|&&byte| byte == b'\n').count() as u64;
        vec![problem(line, "file", "the file is not UTF-8 from here on; save it as \"CSV UTF-8\"")]
    })?;
    let first = text.lines().next().unwrap_or_default();
    let delimiter = if first.matches(';').count() > first.matches(',').count() { b';' } else { b',' };
    let mut reader = csv::ReaderBuilder::new().delimiter(delimiter).flexible(true).from_reader(text.as_bytes());
    let headers = reader.headers().map_err(|error| vec![problem(1, "file", error.to_string())])?.clone();
    let mut columns = Vec::new();
    let mut problems = Vec::new();
    for header in &headers {
        match column(header) {
            Some(name) if columns.contains(&Some(name)) => problems.push(problem(1, name, "appears twice")),
            Some(name) => columns.push(Some(name)),
            None if header.trim().is_empty() => columns.push(None),
            None => {
                problems.push(problem(
                    1,
                    header.trim(),
                    format!("is not a column; the columns are {}", COLUMNS.map(|(name, _)| name).join(", ")),
                ));
                columns.push(None);
            }
        }
    }
    for needed in ["name", "kind", "customer_data"] {
        if !columns.contains(&Some(needed)) {
            problems.push(problem(1, needed, "the file needs this column"));
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let list_separator = if delimiter == b';' { '|' } else { ';' };
    let mut devices = Vec::new();
    for record in reader.records() {
        let record = match record {
            Ok(record) => record,
            Err(error) => {
                let line = error.position().map_or(0, |position| position.line());
                problems.push(problem(line, "file", "is not valid CSV here (a quote not closed?)"));
                break;
            }
        };
        let line = record.position().map_or(0, |position| position.line());
        if record.iter().all(|cell| cell.trim().is_empty()) {
            continue;
        }
        if devices.len() + problems.len() >= MAX_DEVICES {
            problems.push(problem(line, "file", format!("more than {MAX_DEVICES} devices")));
            break;
        }
        match row(&Cells { columns: &columns, record: &record }, list_separator, today) {
            Ok(device) => devices.push(device),
            Err(error) => problems.push(problem(line, error.field(), reason_of(&error))),
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    if devices.is_empty() {
        return Err(vec![problem(2, "file", "holds no devices")]);
    }
    Ok(devices)
}

fn reason_of(error: &DomainError) -> String {
    match error {
        DomainError::Invalid { reason, .. } => reason.clone(),
        DomainError::CardNumber { .. } => "contains what looks like a payment card number".to_owned(),
    }
}

/// One row's cells by column name.
struct Cells<'a> {
    columns: &'a [Option<&'static str>],
    record: &'a csv::StringRecord,
}

impl Cells<'_> {
    fn get(&self, name: &str) -> &str {
        self.columns.iter().position(|column| *column == Some(name)).and_then(|index| self.record.get(index)).unwrap_or("").trim()
    }
}

fn row(cells: &Cells<'_>, list_separator: char, today: time::Date) -> Result<Device, DomainError> {
    let cell = |name: &str| cells.get(name);
    let os = match (cell("os"), cell("os_version")) {
        ("", "") => None,
        ("", _) => return Err(DomainError::invalid("os", "a version needs the system's name")),
        (name, version) => Some(Software::parse("os", name, version)?),
    };
    let customer_data = match Answer::parse("customer_data", cell("customer_data"))? {
        Answer::Yes => true,
        Answer::No => false,
        Answer::Unknown => return Err(DomainError::invalid("customer_data", "must be yes or no")),
    };
    let programs = cell("programs")
        .split(list_separator)
        .filter(|program| !program.trim().is_empty())
        .map(|program| Software::parse_listed("programs", program))
        .collect::<Result<Vec<_>, _>>()?;
    let last_update = match cell("last_update") {
        "" => None,
        day => Some(strongroom_domain::parse_date("last_update", day)?),
    };
    Device {
        name: cell("name").to_owned(),
        kind: DeviceKind::parse("kind", cell("kind"))?,
        owner: cell("owner").to_owned(),
        os,
        disk_encryption: Answer::parse("disk_encryption", cell("disk_encryption"))?,
        antivirus: Answer::parse("antivirus", cell("antivirus"))?,
        firewall: Answer::parse("firewall", cell("firewall"))?,
        automatic_updates: Answer::parse("automatic_updates", cell("automatic_updates"))?,
        last_update,
        customer_data,
        programs,
    }
    .checked_on(today)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> time::Date {
        time::Date::from_calendar_date(2026, time::Month::December, 6).unwrap()
    }

    #[test]
    fn a_list_in_english_or_dutch_is_read_whole() {
        let english = "name,kind,os,os_version,disk_encryption,last_update,customer_data,programs\n\
                       Counter PC,counter_pc,Windows,10,no,2026-11-01,yes,Google Chrome@131;Microsoft Office@2016\n\
                       Router,router,,,,,no,\n";
        let devices = read(english.as_bytes(), today()).unwrap();
        assert_eq!(devices.len(), 2);
        assert_eq!(devices[0].programs.len(), 2);
        assert_eq!(devices[0].programs[1], Software { name: "Microsoft Office".into(), version: "2016".into() });
        let dutch =
            "\u{feff}Naam;Soort;Besturingssysteem;Versie;Klantgegevens;Programma's\nLaptop Anna;laptop;macOS;14.5;ja;Firefox|Kassa Pro@4\n";
        let devices = read(dutch.as_bytes(), today()).unwrap();
        assert_eq!((devices[0].kind, devices[0].customer_data, devices[0].programs.len()), (DeviceKind::Laptop, true, 2));
    }

    #[test]
    fn every_bad_row_is_named_and_nothing_is_taken() {
        let bad = "name,kind,customer_data,last_update\nCounter PC,toaster,yes,\n,laptop,no,\nTablet,tablet,maybe,\nPhone,phone,no,yesterday\nGood,laptop,no,\n";
        let problems = read(bad.as_bytes(), today()).unwrap_err();
        let named: Vec<(u64, &str)> = problems.iter().map(|problem| (problem.line, problem.field.as_str())).collect();
        assert_eq!(named, [(2, "kind"), (3, "name"), (4, "customer_data"), (5, "last_update")]);
        let unknown = read(b"name,kind,customer_data,colour\nPC,laptop,no,red\n", today()).unwrap_err();
        assert_eq!((unknown[0].line, unknown[0].field.as_str()), (1, "colour"));
        assert_eq!(read(b"name,customer_data\nPC,no\n", today()).unwrap_err()[0].field, "kind");
        assert_eq!(read(b"name,kind\nPC,laptop\n", today()).unwrap_err()[0].field, "customer_data");
        assert_eq!(read(b"name,kind,customer_data\n", today()).unwrap_err()[0].reason, "holds no devices");
        let not_utf8 = read(b"name,kind,customer_data\nPC,laptop,no\n\xff,laptop,no\n", today()).unwrap_err();
        assert_eq!((not_utf8[0].line, not_utf8[0].field.as_str()), (3, "file"));
        let future = read(b"name,kind,customer_data,last_update\nPC,laptop,no,2062-01-01\n", today()).unwrap_err();
        assert_eq!((future[0].line, future[0].field.as_str()), (2, "last_update"));
    }
}
