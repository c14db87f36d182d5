//! The shop's own passwords (issue 17): the webshop's admin, supplier portals, the bank, the mail
//! account, the alarm code, the wifi. What an entry holds and how each part is checked; who it is
//! shared with and how far (`use`: copy the password without seeing it; `view`: see it too;
//! `manage`: change the entry and its shares); and the rules that flag an entry for changing:
//! a weak password, one used for another entry too, one older than 90 days (the article's three
//! months, honoured for shared accounts), and one seen by someone who has since left.

use std::collections::BTreeMap;
use std::fmt;

use time::Date;

use crate::{DomainError, FreeText, Role, ShortText, StaffName};

/// Days after which a shared password is due for changing.
pub const SECRET_MAX_AGE_DAYS: i64 = 90;
/// The longest password or code kept.
pub const SECRET_MAX_CHARS: usize = 1000;
/// zxcvbn's score below which a password counts as weak (0 to 4).
pub const SECRET_MIN_SCORE: u8 = 3;

/// How far an entry is shared with someone.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug, Hash)]
pub enum ShareLevel {
    /// Copy the password (and a TOTP code) without seeing it.
    Use,
    /// See the password too.
    View,
    /// Change the entry and who it is shared with.
    Manage,
}

impl ShareLevel {
    pub const ALL: [ShareLevel; 3] = [ShareLevel::Use, ShareLevel::View, ShareLevel::Manage];

    pub fn as_str(self) -> &'static str {
        match self {
            ShareLevel::Use => "use",
            ShareLevel::View => "view",
            ShareLevel::Manage => "manage",
        }
    }

    pub fn parse(input: &str) -> Result<ShareLevel, DomainError> {
        let wanted = input.trim().to_ascii_lowercase();
        ShareLevel::ALL
            .into_iter()
            .find(|level| level.as_str() == wanted)
            .ok_or_else(|| DomainError::invalid("share", "must be use, view or manage"))
    }
}

/// Who an entry is shared with: everyone of a role, or one person.
#[derive(Clone, PartialEq, Eq, Debug, Hash)]
pub enum Sharee {
    Role(Role),
    Person(StaffName),
}

impl fmt::Display for Sharee {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Sharee::Role(role) => write!(f, "role:{}", role.as_str()),
            Sharee::Person(name) => write!(f, "person:{}", name.as_str()),
        }
    }
}

/// One share: who, and how far.
#[derive(Clone, PartialEq, Eq, Debug, Hash)]
pub struct Share {
    pub with: Sharee,
    pub level: ShareLevel,
}

impl Share {
    /// Reads `role:manager`, `role:manager=view`, `person:anna=manage` (the level `use` when
    /// none is given).
    pub fn parse(input: &str) -> Result<Share, DomainError> {
        let bad = || DomainError::invalid("share", "must be role:ROLE or person:NAME, with =use, =view or =manage after it");
        let (who, level) = match input.trim().split_once('=') {
            Some((who, level)) => (who, ShareLevel::parse(level)?),
            None => (input.trim(), ShareLevel::Use),
        };
        let with = match who.split_once(':').ok_or_else(bad)? {
            ("role", role) => match Role::parse(role)? {
                // The owner has every entry already; the external auditor never sees one.
                Role::Owner | Role::ExternalAuditor => {
                    return Err(DomainError::invalid("share", "may be with the manager, sales, workshop or privacy officer roles"));
                }
                role => Sharee::Role(role),
            },
            ("person", name) => Sharee::Person(StaffName::parse(name)?),
            _ => return Err(bad()),
        };
        Ok(Share { with, level })
    }
}

impl fmt::Display for Share {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}={}", self.with, self.level.as_str())
    }
}

/// How far `name` of `role` may go with an entry shared as `shares` (the owner manages every
/// entry); `None` when not at all. The widest of their shares counts.
pub fn share_level(shares: &[Share], name: &str, role: Role) -> Option<ShareLevel> {
    if role == Role::Owner {
        return Some(ShareLevel::Manage);
    }
    shares
        .iter()
        .filter(|share| match &share.with {
            Sharee::Role(shared) => *shared == role,
            Sharee::Person(person) => person.as_str() == name,
        })
        .map(|share| share.level)
        .max()
}

/// A password or another secret value: kept as typed (spaces too), never shown in debug output.
#[derive(Clone, PartialEq, Eq)]
pub struct SecretText(String);

impl SecretText {
    pub fn parse(field: &'static str, input: &str) -> Result<SecretText, DomainError> {
        if input.is_empty() {
            return Err(DomainError::invalid(field, "must not be empty"));
        }
        let chars = input.chars().count();
        if chars > SECRET_MAX_CHARS {
            return Err(DomainError::invalid(field, format!("is {chars} characters long; at most {SECRET_MAX_CHARS} are allowed")));
        }
        if input.chars().any(char::is_control) {
            return Err(DomainError::invalid(field, "must not contain line breaks or control characters"));
        }
        Ok(SecretText(input.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for SecretText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SecretText(<hidden>)")
    }
}

impl Drop for SecretText {
    fn drop(&mut self) {
        zeroize::Zeroize::zeroize(&mut self.0);
    }
}

/// A TOTP secret as sites give it (base32, spaces allowed), checked to decode to at least 80
/// bits; kept as its bytes.
pub fn parse_totp_secret(input: &str) -> Result<Vec<u8>, DomainError> {
    let cleaned: String = input.chars().filter(|c| !c.is_whitespace() && *c != '-').collect::<String>().to_ascii_uppercase();
    let cleaned = cleaned.trim_end_matches('=');
    let mut bits = 0u32;
    let mut value = 0u32;
    let mut bytes = Vec::new();
    for c in cleaned.chars() {
        let digit = match c {
            'A'..='Z' => c as u32 - 'A' as u32,
            '2'..='7' => c as u32 - '2' as u32 + 26,
            _ => return Err(DomainError::invalid("totp", "must be the base32 secret the site shows (letters A–Z and digits 2–7)")),
        };
        value = (value << 5) | digit;
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            bytes.push((value >> bits) as u8);
            value &= (1 << bits) - 1;
        }
    }
    if bytes.len() < 10 {
        return Err(DomainError::invalid("totp", "is too short for a TOTP secret (at least 16 characters)"));
    }
    Ok(bytes)
}

/// A web address as an entry keeps it: `https://…` or `http://…`, or nothing.
pub fn parse_secret_url(input: &str) -> Result<Option<String>, DomainError> {
    let input = input.trim();
    if input.is_empty() {
        return Ok(None);
    }
    let lower = input.to_ascii_lowercase();
    let ok = (lower.starts_with("https://") || lower.starts_with("http://"))
        && input.len() <= 2000
        && !input.chars().any(|c| c.is_control() || c.is_whitespace());
    if ok { Ok(Some(input.to_owned())) } else { Err(DomainError::invalid("url", "must be a web address starting with https://")) }
}

/// `shares` with each person or role once, at the widest level given them, in first-seen order.
pub fn merge_shares(shares: Vec<Share>) -> Vec<Share> {
    let mut unique: Vec<Share> = Vec::new();
    for share in shares {
        match unique.iter_mut().find(|kept| kept.with == share.with) {
            Some(kept) => kept.level = kept.level.max(share.level),
            None => unique.push(share),
        }
    }
    unique
}

/// An entry's words, checked: what the list shows.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct SecretInfo {
    pub name: ShortText,
    pub url: Option<String>,
    /// The user name or account at the site (may be empty: an alarm code has none).
    pub username: String,
    pub notes: Option<FreeText>,
    pub shares: Vec<Share>,
}

impl SecretInfo {
    pub fn parse(name: &str, url: &str, username: &str, notes: &str, shares: Vec<Share>) -> Result<SecretInfo, DomainError> {
        let username = username.trim();
        if username.chars().count() > 200 || username.chars().any(char::is_control) {
            return Err(DomainError::invalid("username", "must be one line of at most 200 characters"));
        }
        let unique = merge_shares(shares);
        Ok(SecretInfo {
            name: ShortText::parse("name", name)?,
            url: parse_secret_url(url)?,
            username: username.to_owned(),
            notes: if notes.trim().is_empty() { None } else { Some(FreeText::parse("notes", notes)?) },
            shares: unique,
        })
    }
}

/// Why an entry should be changed.
#[derive(Clone, PartialEq, Eq, Debug)]
pub enum SecretFlag {
    /// zxcvbn scored it below [`SECRET_MIN_SCORE`].
    Weak,
    /// The same password is kept for these other entries (their names).
    Reused(Vec<String>),
    /// Changed this many days ago, more than [`SECRET_MAX_AGE_DAYS`].
    Old(i64),
    /// Seen (shown or copied) since its last change by these people, who have left.
    SeenByLeavers(Vec<String>),
}

/// What the flags read of one entry.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct SecretFacts {
    pub name: String,
    /// zxcvbn's score when the password was saved.
    pub score: u8,
    /// A keyed fingerprint of the password: equal for equal passwords, nothing else.
    pub fingerprint: Vec<u8>,
    pub changed_on: Date,
    /// Who has seen or copied the password since it was changed.
    pub seen_by: Vec<String>,
}

/// Each entry's flags on `today`; `left` holds the names of people who have left.
pub fn secret_flags(entries: &[SecretFacts], today: Date, left: &[&str]) -> Vec<Vec<SecretFlag>> {
    let mut by_fingerprint: BTreeMap<&[u8], Vec<&str>> = BTreeMap::new();
    for entry in entries {
        by_fingerprint.entry(entry.fingerprint.as_slice()).or_default().push(&entry.name);
    }
    entries
        .iter()
        .map(|entry| {
            let mut flags = Vec::new();
            if entry.score < SECRET_MIN_SCORE {
                flags.push(SecretFlag::Weak);
            }
            let others: Vec<String> = by_fingerprint[entry.fingerprint.as_slice()]
                .iter()
                .filter(|name| **name != entry.name)
                .map(|name| name.to_string())
                .collect();
            if by_fingerprint[entry.fingerprint.as_slice()].len() > 1 {
                flags.push(SecretFlag::Reused(others));
            }
            let age = (today - entry.changed_on).whole_days();
            if age > SECRET_MAX_AGE_DAYS {
                flags.push(SecretFlag::Old(age));
            }
            let leavers: Vec<String> = entry.seen_by.iter().filter(|name| left.contains(&name.as_str())).cloned().collect();
            if !leavers.is_empty() {
                flags.push(SecretFlag::SeenByLeavers(leavers));
            }
            flags
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;

    #[test]
    fn shares_read_as_written_and_the_widest_counts() {
        let manager = Share::parse("role:manager").unwrap();
        assert_eq!(manager, Share { with: Sharee::Role(Role::Manager), level: ShareLevel::Use });
        assert_eq!(manager.to_string(), "role:manager=use");
        let anna = Share::parse("person:anna=view").unwrap();
        assert_eq!(Share::parse(&anna.to_string()).unwrap(), anna);
        for bad in ["manager", "role:admin", "person:", "role:manager=all", "group:x", "role:owner", "role:external_auditor"] {
            assert!(Share::parse(bad).is_err(), "{bad}");
        }
        let shares = [manager, anna, Share::parse("role:sales=view").unwrap()];
        assert_eq!(share_level(&shares, "anna", Role::Manager), Some(ShareLevel::View), "her own share is wider");
        assert_eq!(share_level(&shares, "bram", Role::Manager), Some(ShareLevel::Use));
        assert_eq!(share_level(&shares, "cor", Role::Workshop), None);
        assert_eq!(share_level(&[], "olga", Role::Owner), Some(ShareLevel::Manage), "the owner manages every entry");
        let info =
            SecretInfo::parse("Bank", "", "", "", vec![Share::parse("role:sales").unwrap(), Share::parse("role:sales=manage").unwrap()])
                .unwrap();
        assert_eq!(info.shares, [Share { with: Sharee::Role(Role::Sales), level: ShareLevel::Manage }]);
    }

    #[test]
    fn values_are_checked_where_they_are_typed() {
        assert!(SecretText::parse("password", "").is_err());
        assert!(SecretText::parse("password", "two\nlines").is_err());
        assert_eq!(SecretText::parse("password", " spaces kept ").unwrap().as_str(), " spaces kept ");
        assert!(format!("{:?}", SecretText::parse("password", "hunter2").unwrap()).contains("hidden"));
        assert_eq!(parse_totp_secret("JBSW Y3DP EHPK 3PXP").unwrap(), b"Hello!\xde\xad\xbe\xef");
        assert!(parse_totp_secret("JBSWY3DP").is_err(), "too short");
        assert!(parse_totp_secret("JBSWY3DPEHPK3PX1").is_err(), "1 is not base32");
        assert_eq!(parse_secret_url("").unwrap(), None);
        assert!(parse_secret_url("javascript:alert(1)").is_err());
        assert!(parse_secret_url("https://bank.example/login").unwrap().is_some());
        assert!(SecretInfo::parse("Alarm", "", "", "card 4111 1111 1111 1111", Vec::new()).is_err(), "no card numbers in notes");
    }

    #[test]
    fn entries_are_flagged_weak_reused_old_and_seen_by_leavers() {
        let today = date!(2026 - 12 - 06);
        let entry = |name: &str, score, fingerprint: &[u8], changed_on, seen_by: &[&str]| SecretFacts {
            name: name.into(),
            score,
            fingerprint: fingerprint.to_vec(),
            changed_on,
            seen_by: seen_by.iter().map(|name| name.to_string()).collect(),
        };
        let entries = [
            entry("Webshop", 4, b"a", date!(2026 - 11 - 01), &["anna"]),
            entry("Wifi", 1, b"b", date!(2026 - 12 - 01), &[]),
            entry("Bank", 4, b"a", date!(2026 - 08 - 01), &["bram"]),
        ];
        let flags = secret_flags(&entries, today, &["bram"]);
        assert_eq!(flags[0], [SecretFlag::Reused(vec!["Bank".into()])]);
        assert_eq!(flags[1], [SecretFlag::Weak]);
        assert_eq!(
            flags[2],
            [SecretFlag::Reused(vec!["Webshop".into()]), SecretFlag::Old(127), SecretFlag::SeenByLeavers(vec!["bram".into()])]
        );
        let on_the_day = [entry("Alarm", 4, b"c", date!(2026 - 09 - 07), &[])];
        assert!(secret_flags(&on_the_day, today, &[])[0].is_empty(), "90 days is not yet over");
    }
}
