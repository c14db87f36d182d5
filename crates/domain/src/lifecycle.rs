//! What is wrong with a device (issue 16): an operating system or program past its end of
//! security support (an end-of-life table after endoflife.date), security updates older than 14
//! days (Cyber Essentials), customer data on a disk that is not encrypted, a program with
//! vulnerabilities on CISA's Known Exploited Vulnerabilities list (matched by vendor and product,
//! since the list names no versions; only those added after the device's last update count,
//! since that update may have closed the older ones), and a computer without a virus scanner,
//! firewall or automatic updates. The tables are read by the app; the rules are here.

use time::Date;

use crate::device::{Answer, Device, Software};

/// Cyber Essentials: security updates within 14 days of their release.
pub const UPDATE_DAYS: i64 = 14;

/// When a release's security support ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SupportEnd {
    /// None announced.
    NotAnnounced,
    /// Ended, on a day the table does not give.
    Ended,
    On(Date),
}

/// One release line of a product: "10-22h2", "14", "22.04", "2016".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cycle {
    pub cycle: String,
    pub label: Option<String>,
    pub end: SupportEnd,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Product {
    pub id: String,
    pub title: String,
    /// The names a shop may write for it, lower case.
    pub names: Vec<String>,
    pub cycles: Vec<Cycle>,
}

/// The end-of-life table and the day its source was read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EolTable {
    pub checked: Date,
    pub products: Vec<Product>,
}

/// One entry of CISA's Known Exploited Vulnerabilities catalogue.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KevEntry {
    pub cve: String,
    pub vendor: String,
    pub product: String,
    pub name: String,
    pub added: Date,
    /// The day US federal agencies must have fixed it: a fair deadline for anyone.
    pub due: Date,
    /// Whether ransomware campaigns are known to use it.
    pub ransomware: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KevCatalogue {
    /// CISA's version of the catalogue ("2025.08.25").
    pub version: String,
    pub entries: Vec<KevEntry>,
    /// Each entry's vendor and the products it names, lower case, read once.
    keys: Vec<(String, Vec<String>)>,
}

fn normalised(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// Words of an edition, not of a version: "Windows 10 Pro" is Windows 10.
const EDITIONS: &[&str] = &["home", "pro", "professional", "enterprise", "education", "business", "ultimate", "starter", "premium", "n"];

/// `text` without its edition words.
fn without_editions(text: &str) -> String {
    text.split_whitespace().filter(|word| !EDITIONS.contains(word)).collect::<Vec<_>>().join(" ")
}

impl EolTable {
    /// The product and release `software` is, if the table knows it. The version may also be
    /// written into the name ("Windows 10 Pro", "Microsoft Office 2016"); of a product's names
    /// the whole name is tried first, then the longest that begins it.
    pub fn find(&self, software: &Software) -> Option<(&Product, &Cycle)> {
        let name = normalised(&software.name);
        let version = normalised(&software.version);
        self.products.iter().find_map(|product| {
            let mut names: Vec<&String> = product.names.iter().collect();
            names.sort_by_key(|known| std::cmp::Reverse(known.len()));
            names.into_iter().find_map(|known| {
                let written = if name == *known {
                    version.clone()
                } else {
                    let rest = name.strip_prefix(known.as_str())?.strip_prefix(' ')?;
                    if version.is_empty() { rest.to_owned() } else { format!("{rest} {version}") }
                };
                cycle_of(&product.cycles, &without_editions(&written)).map(|cycle| (product, cycle))
            })
        })
    }
}

/// The release `version` belongs to. A version more exact than a release ("14.5" of "14",
/// "22.04.3" of "22.04") is that release, and so is one its label begins with ("XP" of "XP
/// SP3"); one less exact than several ("10" of "10-22h2" and "10-21h2-e-lts", "8" of "8.0") is
/// the one whose support lasts longest among those for homes and small offices, so a flag
/// raised is certain.
fn cycle_of<'a>(cycles: &'a [Cycle], version: &str) -> Option<&'a Cycle> {
    let version: String = version.trim().chars().map(|c| if c == ' ' { '-' } else { c }).collect();
    if version.is_empty() {
        return None;
    }
    let within =
        |cycle: &Cycle| version == cycle.cycle || [".", "-"].iter().any(|joint| version.starts_with(&format!("{}{joint}", cycle.cycle)));
    if let Some(exact) = cycles.iter().filter(|cycle| within(cycle)).max_by_key(|cycle| cycle.cycle.len()) {
        return Some(exact);
    }
    let label_begins = |cycle: &Cycle| {
        cycle.label.as_deref().is_some_and(|label| {
            let label: String = normalised(label).chars().map(|c| if c == ' ' { '-' } else { c }).collect();
            label.starts_with(&format!("{version}-")) && !label.starts_with(|c: char| c.is_ascii_digit())
        })
    };
    let wider: Vec<&Cycle> = cycles
        .iter()
        .filter(|cycle| [".", "-"].iter().any(|joint| cycle.cycle.starts_with(&format!("{version}{joint}"))) || label_begins(cycle))
        .collect();
    let business = |cycle: &&Cycle| ["-e", "-e-lts", "-iot-lts", "-iot", "-lts", "-ltsc"].iter().any(|end| cycle.cycle.ends_with(end));
    let homes: Vec<&Cycle> = wider.iter().copied().filter(|cycle| !business(cycle)).collect();
    let pool = if homes.is_empty() { wider } else { homes };
    pool.into_iter().max_by_key(|cycle| match cycle.end {
        SupportEnd::NotAnnounced => (2, None),
        SupportEnd::On(day) => (1, Some(day)),
        SupportEnd::Ended => (0, None),
    })
}

/// The vendor and products CISA's catalogue names a program by, for the common ones a shop
/// writes differently (Chrome's exploited bugs are listed under Chromium, and Chrome).
const KEV_NAMES: &[(&str, &str, &[&str])] = &[
    ("windows", "microsoft", &["windows"]),
    ("microsoft windows", "microsoft", &["windows"]),
    ("office", "microsoft", &["office"]),
    ("microsoft office", "microsoft", &["office"]),
    ("outlook", "microsoft", &["outlook"]),
    ("edge", "microsoft", &["edge"]),
    ("microsoft edge", "microsoft", &["edge"]),
    ("chrome", "google", &["chromium", "chrome"]),
    ("google chrome", "google", &["chromium", "chrome"]),
    ("macos", "apple", &["macos", "multiple products"]),
    ("mac os", "apple", &["macos", "multiple products"]),
    ("mac os x", "apple", &["macos", "multiple products"]),
    ("ios", "apple", &["ios", "multiple products"]),
    ("ipados", "apple", &["ipados", "multiple products"]),
    ("android", "android", &["framework", "kernel", "os", "android"]),
    ("firefox", "mozilla", &["firefox"]),
    ("mozilla firefox", "mozilla", &["firefox"]),
    ("acrobat reader", "adobe", &["acrobat"]),
    ("adobe reader", "adobe", &["acrobat"]),
    ("adobe acrobat reader", "adobe", &["acrobat"]),
];

/// Whether `listed` is `wanted`, or one starts with the other at a word's end.
fn same_product(listed: &str, wanted: &str) -> bool {
    let starts =
        |long: &str, short: &str| long.starts_with(short) && long[short.len()..].chars().next().is_none_or(|c| !c.is_alphanumeric());
    starts(listed, wanted) || starts(wanted, listed)
}

/// The products an entry names: "iOS, iPadOS, and macOS" names three.
fn listed_products(product: &str) -> Vec<String> {
    normalised(product)
        .replace(", and ", ", ")
        .replace(" and ", ", ")
        .split(", ")
        .map(|part| part.trim().to_owned())
        .filter(|part| !part.is_empty())
        .collect()
}

/// A program's name without the version or edition written into it ("Google Chrome 131").
fn bare_name(name: &str) -> String {
    let mut words: Vec<&str> = name.split_whitespace().collect();
    while words.len() > 1 && words.last().is_some_and(|word| word.starts_with(|c: char| c.is_ascii_digit()) || EDITIONS.contains(word)) {
        words.pop();
    }
    words.join(" ")
}

impl KevCatalogue {
    pub fn new(version: String, entries: Vec<KevEntry>) -> KevCatalogue {
        let keys = entries.iter().map(|entry| (normalised(&entry.vendor), listed_products(&entry.product))).collect();
        KevCatalogue { version, entries, keys }
    }

    /// The entries about `software`, newest first: by the names above (the longest that begins
    /// its name), else by a vendor the catalogue knows as the name's first word ("Fortinet
    /// FortiOS"), else by its whole name as a product of any vendor.
    pub fn matching(&self, software: &Software) -> Vec<&KevEntry> {
        let name = bare_name(&normalised(&software.name));
        let known = KEV_NAMES
            .iter()
            .filter(|(known, ..)| name == *known || name.strip_prefix(known).is_some_and(|rest| rest.starts_with(' ')))
            .max_by_key(|(known, ..)| known.len());
        let (vendor, products): (Option<String>, Vec<String>) = match known {
            Some((_, vendor, products)) => (Some((*vendor).to_owned()), products.iter().map(|product| (*product).to_owned()).collect()),
            None => match name.split_once(' ') {
                Some((first, rest)) if self.keys.iter().any(|(vendor, _)| vendor == first) => {
                    (Some(first.to_owned()), vec![rest.to_owned()])
                }
                _ => (None, vec![name.clone()]),
            },
        };
        let mut found: Vec<&KevEntry> = self
            .entries
            .iter()
            .zip(&self.keys)
            .filter(|(_, (listed_vendor, listed))| match &vendor {
                Some(vendor) => {
                    listed_vendor == vendor && listed.iter().any(|listed| products.iter().any(|wanted| same_product(listed, wanted)))
                }
                None => listed.iter().any(|listed| *listed == products[0]),
            })
            .map(|(entry, _)| entry)
            .collect();
        found.sort_by(|a, b| b.added.cmp(&a.added).then_with(|| a.cve.cmp(&b.cve)));
        found
    }
}

/// Something wrong with a device.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DeviceFlag {
    /// An operating system or program whose security support has ended (`ended`: when).
    EndOfLife {
        software: String,
        release: String,
        ended: Option<Date>,
    },
    /// The last updates were installed `days` ago, more than [`UPDATE_DAYS`].
    UpdatesOld {
        days: i64,
    },
    /// No day of the last updates recorded.
    UpdatesUnknown,
    /// Customer data on a disk that is not encrypted (`known`: said so, rather than unknown).
    CustomerDataUnencrypted {
        known: bool,
    },
    /// Exploited vulnerabilities of a program listed after the device's last update: the newest,
    /// and how many there are.
    Exploited {
        software: String,
        newest: KevEntry,
        count: usize,
        ransomware: bool,
    },
    NoAntivirus,
    NoFirewall,
    NoAutomaticUpdates,
}

impl DeviceFlag {
    /// Its id for scripts and the page's words.
    pub fn id(&self) -> &'static str {
        match self {
            DeviceFlag::EndOfLife { .. } => "end_of_life",
            DeviceFlag::UpdatesOld { .. } => "updates_old",
            DeviceFlag::UpdatesUnknown => "updates_unknown",
            DeviceFlag::CustomerDataUnencrypted { .. } => "customer_data_unencrypted",
            DeviceFlag::Exploited { .. } => "known_exploited",
            DeviceFlag::NoAntivirus => "no_antivirus",
            DeviceFlag::NoFirewall => "no_firewall",
            DeviceFlag::NoAutomaticUpdates => "no_automatic_updates",
        }
    }

    /// Whether it is a problem (fix it now) rather than something to look at.
    pub fn is_problem(&self) -> bool {
        matches!(
            self,
            DeviceFlag::EndOfLife { .. }
                | DeviceFlag::UpdatesOld { .. }
                | DeviceFlag::CustomerDataUnencrypted { .. }
                | DeviceFlag::Exploited { .. }
        )
    }

    /// In English, for the CLI and the API (the page has its own words).
    pub fn detail(&self) -> String {
        match self {
            DeviceFlag::EndOfLife { software, release, ended: Some(day) } => {
                format!("{software} ({release}) gets no security updates since {day}")
            }
            DeviceFlag::EndOfLife { software, release, ended: None } => format!("{software} ({release}) gets no security updates any more"),
            DeviceFlag::UpdatesOld { days } => {
                format!("the last updates were installed {days} days ago (within {UPDATE_DAYS} is the rule)")
            }
            DeviceFlag::UpdatesUnknown => "when its last updates were installed is not recorded".to_owned(),
            DeviceFlag::CustomerDataUnencrypted { known: true } => "customer data is on it and its disk is not encrypted".to_owned(),
            DeviceFlag::CustomerDataUnencrypted { known: false } => {
                "customer data is on it and whether its disk is encrypted is not known".to_owned()
            }
            DeviceFlag::Exploited { software, newest, count, ransomware } => format!(
                "{software}: {count} exploited vulnerabilities listed by CISA since its last update, the newest {} ({}), to be fixed by {}{}",
                newest.cve,
                newest.name,
                newest.due,
                if *ransomware { "; ransomware uses some of them" } else { "" }
            ),
            DeviceFlag::NoAntivirus => "no virus scanner".to_owned(),
            DeviceFlag::NoFirewall => "no firewall".to_owned(),
            DeviceFlag::NoAutomaticUpdates => "updates are not installed automatically".to_owned(),
        }
    }
}

/// Everything wrong with `device` on `today`, problems first.
pub fn device_flags(device: &Device, eol: &EolTable, kev: &KevCatalogue, today: Date) -> Vec<DeviceFlag> {
    let mut flags = Vec::new();
    for software in device.software() {
        if let Some((product, cycle)) = eol.find(software) {
            let release = cycle.label.clone().unwrap_or_else(|| cycle.cycle.clone());
            match cycle.end {
                SupportEnd::On(day) if day <= today => {
                    flags.push(DeviceFlag::EndOfLife { software: product.title.clone(), release, ended: Some(day) });
                }
                SupportEnd::Ended => flags.push(DeviceFlag::EndOfLife { software: product.title.clone(), release, ended: None }),
                _ => {}
            }
        }
    }
    match device.last_update {
        Some(day) if (today - day).whole_days() > UPDATE_DAYS => flags.push(DeviceFlag::UpdatesOld { days: (today - day).whole_days() }),
        Some(_) => {}
        None => flags.push(DeviceFlag::UpdatesUnknown),
    }
    if device.customer_data && device.disk_encryption != Answer::Yes {
        flags.push(DeviceFlag::CustomerDataUnencrypted { known: device.disk_encryption == Answer::No });
    }
    for software in device.software() {
        let since: Vec<&KevEntry> =
            kev.matching(software).into_iter().filter(|entry| device.last_update.is_none_or(|updated| entry.added > updated)).collect();
        if let Some(newest) = since.first() {
            flags.push(DeviceFlag::Exploited {
                software: software.display(),
                newest: (*newest).clone(),
                count: since.len(),
                ransomware: since.iter().any(|entry| entry.ransomware),
            });
        }
    }
    if device.kind.is_computer() && device.antivirus == Answer::No {
        flags.push(DeviceFlag::NoAntivirus);
    }
    if (device.kind.is_computer() || device.kind == crate::DeviceKind::Router) && device.firewall == Answer::No {
        flags.push(DeviceFlag::NoFirewall);
    }
    if device.automatic_updates == Answer::No {
        flags.push(DeviceFlag::NoAutomaticUpdates);
    }
    flags.sort_by_key(|flag| !flag.is_problem());
    flags
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;
    use crate::DeviceKind;

    fn cycle(name: &str, end: SupportEnd) -> Cycle {
        Cycle { cycle: name.into(), label: None, end }
    }

    fn table() -> EolTable {
        let windows = Product {
            id: "windows".into(),
            title: "Microsoft Windows".into(),
            names: vec!["windows".into(), "microsoft windows".into()],
            cycles: vec![
                cycle("11-24h2-w", SupportEnd::On(date!(2026 - 10 - 13))),
                cycle("11-25h2-w", SupportEnd::On(date!(2027 - 10 - 12))),
                cycle("11-25h2-e", SupportEnd::On(date!(2028 - 10 - 10))),
                Cycle { label: Some("10 22H2".into()), ..cycle("10-22h2", SupportEnd::On(date!(2025 - 10 - 14))) },
                cycle("10-21h2-e-lts", SupportEnd::On(date!(2027 - 01 - 12))),
                cycle("7-sp1", SupportEnd::Ended),
                Cycle { label: Some("XP SP3".into()), ..cycle("5-sp3", SupportEnd::On(date!(2014 - 04 - 08))) },
            ],
        };
        let ubuntu = Product {
            id: "ubuntu".into(),
            title: "Ubuntu".into(),
            names: vec!["ubuntu".into()],
            cycles: vec![cycle("22.04", SupportEnd::On(date!(2027 - 06 - 01))), cycle("20.04", SupportEnd::On(date!(2025 - 05 - 31)))],
        };
        let office = Product {
            id: "office".into(),
            title: "Microsoft Office".into(),
            names: vec!["office".into(), "microsoft office".into()],
            cycles: vec![cycle("2016", SupportEnd::On(date!(2025 - 10 - 14))), cycle("2024", SupportEnd::On(date!(2029 - 10 - 09)))],
        };
        let android = Product {
            id: "android".into(),
            title: "Android".into(),
            names: vec!["android".into()],
            cycles: vec![cycle("8.1", SupportEnd::Ended), cycle("8.0", SupportEnd::Ended), cycle("14", SupportEnd::NotAnnounced)],
        };
        EolTable { checked: date!(2026 - 08 - 22), products: vec![windows, ubuntu, office, android] }
    }

    fn kev(cve: &str, vendor: &str, product: &str, added: Date, ransomware: bool) -> KevEntry {
        KevEntry {
            cve: cve.into(),
            vendor: vendor.into(),
            product: product.into(),
            name: format!("{product} Vulnerability"),
            added,
            due: added + time::Duration::days(21),
            ransomware,
        }
    }

    fn software(name: &str, version: &str) -> Software {
        Software { name: name.into(), version: version.into() }
    }

    #[test]
    fn releases_are_found_from_what_a_shop_writes() {
        let table = table();
        let found = |name: &str, version: &str| table.find(&software(name, version)).map(|(_, cycle)| cycle.cycle.clone());
        assert_eq!(found("Windows", "10").as_deref(), Some("10-22h2"), "homes' Windows 10, not the enterprise LTSC");
        assert_eq!(found("Windows 10", "").as_deref(), Some("10-22h2"), "the version in the name");
        assert_eq!(found("windows", "10 22H2").as_deref(), Some("10-22h2"));
        assert_eq!(found("Windows", "11").as_deref(), Some("11-25h2-w"), "the longest-supported home release of 11");
        assert_eq!(found("Ubuntu", "22.04.3").as_deref(), Some("22.04"));
        assert_eq!(found("Microsoft  Office", "2016").as_deref(), Some("2016"));
        assert_eq!(found("Microsoft Office 2016", "").as_deref(), Some("2016"));
        assert_eq!(found("Windows", ""), None, "no version, no release");
        assert_eq!(found("Windows", "12"), None);
        assert_eq!(found("Windows 10 Pro", "").as_deref(), Some("10-22h2"), "an edition is not a version");
        assert_eq!(found("Windows", "11 Home").as_deref(), Some("11-25h2-w"));
        assert_eq!(found("Windows", "XP").as_deref(), Some("5-sp3"), "by the label's first word");
        assert_eq!(found("Android", "8").as_deref(), Some("8.0"));
        assert_eq!(found("Windowsill", "10"), None);
    }

    #[test]
    fn kev_entries_match_by_vendor_and_product() {
        let catalogue = KevCatalogue::new(
            "2025.08.25".into(),
            vec![
                kev("CVE-2025-1", "Google", "Chromium V8", date!(2025 - 06 - 01), false),
                kev("CVE-2025-2", "Google", "Chromium Mojo", date!(2025 - 07 - 01), true),
                kev("CVE-2025-3", "Microsoft", "Windows", date!(2025 - 05 - 01), true),
                kev("CVE-2025-4", "Microsoft", "Win32k", date!(2025 - 05 - 02), false),
                kev("CVE-2025-5", "Fortinet", "FortiOS", date!(2025 - 04 - 01), false),
                kev("CVE-2025-6", "Microsoft", "Office", date!(2025 - 03 - 01), false),
                kev("CVE-2025-7", "Apple", "iOS, iPadOS, and macOS", date!(2025 - 08 - 21), false),
                kev("CVE-2025-8", "Apple", "Multiple Products", date!(2025 - 08 - 01), false),
                kev("CVE-2025-9", "Android", "Pixel", date!(2025 - 08 - 02), false),
                kev("CVE-2025-10", "Android", "Framework", date!(2025 - 08 - 03), false),
            ],
        );
        let cves = |name: &str| catalogue.matching(&software(name, "")).iter().map(|entry| entry.cve.clone()).collect::<Vec<_>>();
        assert_eq!(cves("Google Chrome"), ["CVE-2025-2", "CVE-2025-1"], "newest first");
        assert_eq!(cves("Windows"), ["CVE-2025-3"]);
        assert_eq!(cves("Fortinet FortiOS"), ["CVE-2025-5"]);
        assert_eq!(cves("FortiOS"), ["CVE-2025-5"], "a product of any vendor");
        assert_eq!(cves("Microsoft Office"), ["CVE-2025-6"]);
        assert_eq!(cves("Microsoft Office 2016"), ["CVE-2025-6"], "a longer name of a listed product");
        assert_eq!(cves("Google Chrome 131"), ["CVE-2025-2", "CVE-2025-1"], "the version in the name");
        assert_eq!(cves("Chrome 131"), ["CVE-2025-2", "CVE-2025-1"]);
        assert_eq!(cves("Windows 10 Pro"), ["CVE-2025-3"]);
        assert_eq!(cves("macOS"), ["CVE-2025-7", "CVE-2025-8"], "Apple's entries for several systems at once");
        assert_eq!(cves("iPadOS 17"), ["CVE-2025-7", "CVE-2025-8"]);
        assert_eq!(cves("Android"), ["CVE-2025-10"], "not the Pixel's own");
        assert!(cves("Kassa Pro").is_empty());
        assert!(cves("Google Chromebook").is_empty());
    }

    #[test]
    fn a_windows_10_counter_pc_with_customer_data_is_flagged() {
        let catalogue = KevCatalogue::new(
            "x".into(),
            vec![
                kev("CVE-2025-1", "Google", "Chromium V8", date!(2025 - 06 - 01), false),
                kev("CVE-2025-2", "Google", "Chromium Mojo", date!(2025 - 07 - 01), true),
            ],
        );
        let device = Device {
            name: "Counter PC".into(),
            kind: DeviceKind::CounterPc,
            owner: String::new(),
            os: Some(software("Windows", "10")),
            disk_encryption: Answer::Unknown,
            antivirus: Answer::No,
            firewall: Answer::Yes,
            automatic_updates: Answer::Yes,
            last_update: Some(date!(2025 - 06 - 15)),
            customer_data: true,
            programs: vec![software("Google Chrome", "137")],
        };
        let flags = device_flags(&device, &table(), &catalogue, date!(2026 - 12 - 06));
        let ids: Vec<&str> = flags.iter().map(DeviceFlag::id).collect();
        assert_eq!(ids, ["end_of_life", "updates_old", "customer_data_unencrypted", "known_exploited", "no_antivirus"]);
        assert!(
            flags[0].detail().contains("Microsoft Windows (10 22H2) gets no security updates since 2025-10-14"),
            "{}",
            flags[0].detail()
        );
        let DeviceFlag::Exploited { newest, count, ransomware, .. } = &flags[3] else { panic!() };
        assert_eq!((newest.cve.as_str(), *count, *ransomware), ("CVE-2025-2", 1, true), "only what came after the last update");

        let kept = Device {
            last_update: Some(date!(2026 - 12 - 01)),
            os: Some(software("Windows", "11")),
            disk_encryption: Answer::Yes,
            antivirus: Answer::Yes,
            ..device
        };
        assert!(device_flags(&kept, &table(), &catalogue, date!(2026 - 12 - 06)).is_empty());
    }
}
