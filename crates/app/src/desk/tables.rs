//! The end-of-life table and CISA's Known Exploited Vulnerabilities catalogue the device flags
//! are judged by: the snapshots built into Strongroom (`data/`, made by `data/make_tables.py`
//! from endoflife.date (MIT) and CISA's feed (CC0)), or newer ones the owner refreshed from a
//! file or an address, kept sealed in `shop_settings` and recorded (`desk.tables`). A file of
//! the wrong shape is refused naming the place, and changes nothing; so is one older than the
//! table in use.

use std::sync::{Arc, OnceLock};

use serde::{Deserialize, Serialize};
use strongroom_domain::{Actor, AuditAction, Cycle, EolTable, KevCatalogue, KevEntry, Outcome, Permission, Product, SupportEnd};
use time::Date;

use crate::trail::draft::EventDraft;
use crate::{AppError, Vault, now_micros};

const EOL_SNAPSHOT: &str = include_str!("data/eol.json");
const KEV_SNAPSHOT: &str = include_str!("data/kev.json");
const EOL_SETTING: &str = "desk.eol";
const KEV_SETTING: &str = "desk.kev";
/// The largest table file taken (CISA's whole catalogue is about 1.3 MB).
pub const MAX_TABLE_BYTES: usize = 16 * 1024 * 1024;

/// Both tables in force.
#[derive(Clone, Debug)]
pub struct DeskTables {
    pub eol: EolTable,
    pub kev: KevCatalogue,
    /// Whether each is the built-in snapshot rather than a refreshed one.
    pub eol_built_in: bool,
    pub kev_built_in: bool,
    /// What went wrong reading a refreshed table, if anything did.
    pub notes: Vec<String>,
}

/// Which table a refresh is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Table {
    EndOfLife,
    Kev,
}

fn day(place: &str, text: &str) -> Result<Date, String> {
    strongroom_domain::parse_date("date", text.get(..10).unwrap_or(text))
        .map_err(|_| format!("{place}: {text:?} is not a date (YYYY-MM-DD)"))
}

#[derive(Deserialize, Serialize)]
struct EolFile {
    format: String,
    #[serde(default)]
    source: String,
    checked: String,
    products: Vec<EolProductFile>,
}

#[derive(Deserialize, Serialize)]
struct EolProductFile {
    id: String,
    title: String,
    names: Vec<String>,
    cycles: Vec<EolCycleFile>,
}

#[derive(Deserialize, Serialize)]
struct EolCycleFile {
    cycle: String,
    eol: serde_json::Value,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    label: Option<String>,
}

/// Reads an end-of-life table (`strongroom-eol/1`, as `data/eol.json`).
pub fn parse_eol(bytes: &[u8]) -> Result<EolTable, String> {
    let file: EolFile = serde_json::from_slice(bytes).map_err(|error| format!("not an end-of-life table: {error}"))?;
    if file.format != "strongroom-eol/1" {
        return Err(format!("format: {:?} is not strongroom-eol/1", file.format));
    }
    let mut products = Vec::new();
    for (n, product) in file.products.into_iter().enumerate() {
        let place = format!("products[{n}]");
        if product.id.trim().is_empty() || product.names.is_empty() {
            return Err(format!("{place}: a product needs an id and at least one name"));
        }
        let mut cycles = Vec::new();
        for (m, cycle) in product.cycles.into_iter().enumerate() {
            let place = format!("{place}.cycles[{m}]");
            let end = match &cycle.eol {
                serde_json::Value::Bool(false) => SupportEnd::NotAnnounced,
                serde_json::Value::Bool(true) => SupportEnd::Ended,
                serde_json::Value::String(text) => SupportEnd::On(day(&format!("{place}.eol"), text)?),
                _ => return Err(format!("{place}.eol: must be a date, true or false")),
            };
            if cycle.cycle.trim().is_empty() {
                return Err(format!("{place}.cycle: must not be empty"));
            }
            cycles.push(Cycle { cycle: cycle.cycle.trim().to_lowercase(), label: cycle.label, end });
        }
        let names = product.names.iter().map(|name| name.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()).collect();
        products.push(Product { id: product.id, title: product.title, names, cycles });
    }
    Ok(EolTable { checked: day("checked", &file.checked)?, products })
}

#[derive(Deserialize, Serialize)]
struct KevFile {
    #[serde(default)]
    title: String,
    #[serde(rename = "catalogVersion")]
    catalog_version: String,
    #[serde(rename = "dateReleased", default)]
    date_released: String,
    vulnerabilities: Vec<KevEntryFile>,
}

#[derive(Deserialize, Serialize)]
struct KevEntryFile {
    #[serde(rename = "cveID")]
    cve: String,
    #[serde(rename = "vendorProject")]
    vendor: String,
    product: String,
    #[serde(rename = "vulnerabilityName")]
    name: String,
    #[serde(rename = "dateAdded")]
    added: String,
    #[serde(rename = "dueDate")]
    due: String,
    #[serde(rename = "knownRansomwareCampaignUse", default)]
    ransomware: String,
}

/// Reads CISA's catalogue in CISA's own JSON shape (the feed, or `data/kev.json`).
pub fn parse_kev(bytes: &[u8]) -> Result<KevCatalogue, String> {
    let file: KevFile = serde_json::from_slice(bytes).map_err(|error| format!("not CISA's catalogue: {error}"))?;
    if file.catalog_version.trim().is_empty() {
        return Err("catalogVersion: must not be empty".into());
    }
    let entries = file
        .vulnerabilities
        .into_iter()
        .enumerate()
        .map(|(n, entry)| {
            let place = format!("vulnerabilities[{n}]");
            if !entry.cve.starts_with("CVE-") || entry.vendor.trim().is_empty() || entry.product.trim().is_empty() {
                return Err(format!("{place}: needs a cveID (CVE-…), a vendorProject and a product"));
            }
            Ok(KevEntry {
                added: day(&format!("{place}.dateAdded"), &entry.added)?,
                due: day(&format!("{place}.dueDate"), &entry.due)?,
                ransomware: entry.ransomware.eq_ignore_ascii_case("known"),
                cve: entry.cve.trim().to_owned(),
                vendor: entry.vendor.trim().to_owned(),
                product: entry.product.trim().to_owned(),
                name: entry.name.trim().to_owned(),
            })
        })
        .collect::<Result<Vec<_>, String>>()?;
    Ok(KevCatalogue::new(file.catalog_version, entries))
}

fn built_in() -> &'static (EolTable, KevCatalogue) {
    static TABLES: OnceLock<(EolTable, KevCatalogue)> = OnceLock::new();
    TABLES.get_or_init(|| {
        let eol = parse_eol(EOL_SNAPSHOT.as_bytes()).expect("the built-in end-of-life table reads");
        let kev = parse_kev(KEV_SNAPSHOT.as_bytes()).expect("the built-in KEV catalogue reads");
        (eol, kev)
    })
}

/// The tables as they were last read, with the settings' times they were read at.
pub(crate) type TablesCache = std::sync::Mutex<Option<((Option<i64>, Option<i64>), Arc<DeskTables>)>>;

impl Vault {
    /// The tables in force: the newer of the built-in one and the one the owner refreshed (a
    /// Strongroom upgrade brings a newer snapshot). A refreshed one that no longer opens is left
    /// for the built-in, and said so (`note`), so the page and a new refresh still work.
    pub fn desk_tables(&self) -> Result<Arc<DeskTables>, AppError> {
        let mut tx = self.store.begin()?;
        let stamp = (tx.setting_updated_at(EOL_SETTING)?, tx.setting_updated_at(KEV_SETTING)?);
        tx.commit()?;
        let mut cache = self.desk_tables.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some((cached, tables)) = cache.as_ref()
            && *cached == stamp
        {
            return Ok(Arc::clone(tables));
        }
        let mut tx = self.store.begin()?;
        let (eol, kev) = (tx.setting(EOL_SETTING)?, tx.setting(KEV_SETTING)?);
        tx.commit()?;
        let (built_eol, built_kev) = built_in();
        let mut notes = Vec::new();
        let mut opened = |name: &str, stored: &Option<(String, i64)>| -> Option<zeroize::Zeroizing<Vec<u8>>> {
            let (sealed, _) = stored.as_ref()?;
            let bytes = crate::backups::settings::unhex(sealed).and_then(|bytes| self.open_host_secret(name, &bytes).ok());
            if bytes.is_none() {
                notes.push(format!("the refreshed {name} does not open; the built-in one is used"));
            }
            bytes
        };
        let eol_bytes = opened(EOL_SETTING, &eol);
        let kev_bytes = opened(KEV_SETTING, &kev);
        let refreshed_eol = eol_bytes.and_then(|bytes| parse_eol(&bytes).ok()).filter(|table| table.checked > built_eol.checked);
        let refreshed_kev = kev_bytes.and_then(|bytes| parse_kev(&bytes).ok()).filter(|table| table.version > built_kev.version);
        let tables = Arc::new(DeskTables {
            eol_built_in: refreshed_eol.is_none(),
            kev_built_in: refreshed_kev.is_none(),
            eol: refreshed_eol.unwrap_or_else(|| built_eol.clone()),
            kev: refreshed_kev.unwrap_or_else(|| built_kev.clone()),
            notes,
        });
        *cache = Some((stamp, Arc::clone(&tables)));
        Ok(tables)
    }

    /// [`Vault::refresh_desk_table`] with what `url` gives (`https://`, or this machine), the
    /// address recorded with it.
    pub fn refresh_desk_table_from(&self, actor: &Actor, table: Table, url: &str) -> Result<String, AppError> {
        self.require(actor, Permission::SettingsManage, AuditAction::DeskTables, None)?;
        let bytes = super::fetch::fetch(url, MAX_TABLE_BYTES).map_err(AppError::Conflict)?;
        self.put_table_in_use(actor, table, &bytes, Some(url.trim()))
    }

    /// Replaces a table with `bytes` (a file, or what an address gave): checked whole, refused
    /// when older than the one in force, kept sealed, recorded. Says what is in force now.
    pub fn refresh_desk_table(&self, actor: &Actor, table: Table, bytes: &[u8]) -> Result<String, AppError> {
        self.require(actor, Permission::SettingsManage, AuditAction::DeskTables, None)?;
        self.put_table_in_use(actor, table, bytes, None)
    }

    /// What both refreshes do once the table's bytes are here (`from`: the address they came from).
    fn put_table_in_use(&self, actor: &Actor, table: Table, bytes: &[u8], from: Option<&str>) -> Result<String, AppError> {
        let refused = |why: String| AppError::Conflict(why);
        if bytes.len() > MAX_TABLE_BYTES {
            return Err(refused(format!("the file is larger than {} MB", MAX_TABLE_BYTES / (1024 * 1024))));
        }
        let current = self.desk_tables()?;
        let (name, kept, summary) = match table {
            Table::EndOfLife => {
                let eol = parse_eol(bytes).map_err(refused)?;
                if eol.checked < current.eol.checked {
                    return Err(refused(format!(
                        "this table was checked on {}, before the one in use ({})",
                        eol.checked, current.eol.checked
                    )));
                }
                let file: EolFile = serde_json::from_slice(bytes).map_err(|error| refused(error.to_string()))?;
                let kept = serde_json::to_vec(&file).map_err(|error| AppError::corrupt(error.to_string()))?;
                (EOL_SETTING, kept, format!("end-of-life table checked on {}: {} products", eol.checked, eol.products.len()))
            }
            Table::Kev => {
                let kev = parse_kev(bytes).map_err(refused)?;
                if kev.version < current.kev.version {
                    return Err(refused(format!(
                        "this catalogue is version {}, older than the one in use ({})",
                        kev.version, current.kev.version
                    )));
                }
                // Only what the flags read is kept: CISA's descriptions and notes are left out.
                let file: KevFile = serde_json::from_slice(bytes).map_err(|error| refused(error.to_string()))?;
                let kept = serde_json::to_vec(&file).map_err(|error| AppError::corrupt(error.to_string()))?;
                (KEV_SETTING, kept, format!("CISA's catalogue version {}: {} vulnerabilities", kev.version, kev.entries.len()))
            }
        };
        let summary = match from {
            Some(url) => format!("{summary}, from {url}"),
            None => summary,
        };
        let sealed = crate::backups::settings::hex(&self.seal_host_secret(name, &kept)?);
        let mut tx = self.store.begin()?;
        tx.set_setting(name, &sealed, now_micros())?;
        self.record(tx.as_mut(), &[EventDraft::new(actor, AuditAction::DeskTables).detail(summary.clone()).finish(Outcome::Allowed)])?;
        tx.commit()?;
        Ok(summary)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_tables_read() {
        let (eol, kev) = built_in();
        assert!(eol.products.iter().any(|product| product.id == "windows"));
        assert!(kev.entries.len() > 1000, "{}", kev.entries.len());
    }

    #[test]
    fn a_table_of_the_wrong_shape_is_refused_naming_the_place() {
        assert!(parse_eol(b"[]").unwrap_err().starts_with("not an end-of-life table"));
        let wrong_day = br#"{"format":"strongroom-eol/1","checked":"2026-08-22","products":[{"id":"w","title":"W","names":["w"],"cycles":[{"cycle":"1","eol":"soon"}]}]}"#;
        assert_eq!(parse_eol(wrong_day).unwrap_err(), "products[0].cycles[0].eol: \"soon\" is not a date (YYYY-MM-DD)");
        let no_cve = br#"{"catalogVersion":"2026.01.01","vulnerabilities":[{"cveID":"x","vendorProject":"a","product":"b","vulnerabilityName":"c","dateAdded":"2026-01-01","dueDate":"2026-01-22"}]}"#;
        assert!(parse_kev(no_cve).unwrap_err().starts_with("vulnerabilities[0]:"));
        assert!(parse_kev(b"{\"catalogVersion\": 3}").unwrap_err().starts_with("not CISA's catalogue"));
    }
}
