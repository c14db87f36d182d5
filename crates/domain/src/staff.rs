//! Staff accounts: user names and who may manage whose account.

use std::fmt;

use unicode_normalization::UnicodeNormalization;

use crate::{DomainError, Permission, Role};

/// A staff member's user name: what they type to sign in and what audit events name them by.
/// 2–32 characters of ASCII lower-case letters, digits, `.`, `_` and `-`, starting with a
/// letter; typed case and width do not matter (`Anna`, `ＡＮＮＡ` and `anna` are one account).
/// ASCII only, so no look-alike (a Cyrillic "а" in "аnna") can pass for a colleague in the
/// trail or the staff list.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct StaffName(String);

impl StaffName {
    pub const MAX_CHARS: usize = 32;

    pub fn parse(input: &str) -> Result<StaffName, DomainError> {
        let name: String = input.trim().nfkc().collect::<String>().to_lowercase();
        let chars = name.chars().count();
        if !(2..=Self::MAX_CHARS).contains(&chars) {
            return Err(DomainError::invalid("username", format!("must be 2 to {} characters long", Self::MAX_CHARS)));
        }
        if !name.chars().next().is_some_and(|c| c.is_ascii_lowercase()) {
            return Err(DomainError::invalid("username", "must start with a letter a-z"));
        }
        if !name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-')) {
            return Err(DomainError::invalid("username", "may hold only the letters a-z, digits, '.', '_' and '-'"));
        }
        Ok(StaffName(name))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for StaffName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for StaffName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "StaffName({})", self.0)
    }
}

impl Role {
    pub fn parse(input: &str) -> Result<Role, DomainError> {
        let wanted = input.trim().to_lowercase().replace([' ', '-'], "_");
        Role::ALL.into_iter().find(|role| role.as_str() == wanted).ok_or_else(|| {
            let names: Vec<&str> = Role::ALL.iter().map(Role::as_str).collect();
            DomainError::invalid("role", format!("must be one of {}", names.join(", ")))
        })
    }

    /// Whether this role sees any customer's personal data, and so must sign in with a second
    /// factor under the shop's default policy.
    pub fn sees_customer_data(&self) -> bool {
        [Permission::CustomerRead, Permission::PurchaseRead, Permission::RepairRead, Permission::AmlRead, Permission::Export]
            .into_iter()
            .any(|permission| self.allows(permission))
    }

    /// Whether someone in this role may create, change, disable, unlock or reset the factors of
    /// an account with role `other` (and give an account that role). The owner manages everyone;
    /// a manager manages the counter and the workshop, never an owner, another manager, the
    /// privacy officer or the auditor, so no one can raise themselves or a friend above their
    /// own station.
    pub fn may_manage(&self, other: Role) -> bool {
        match self {
            Role::Owner => true,
            Role::Manager => matches!(other, Role::Sales | Role::Workshop),
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn user_names_are_read_in_one_form() {
        assert_eq!(StaffName::parse(" Anna.de-Vries ").unwrap().as_str(), "anna.de-vries");
        assert_eq!(StaffName::parse("ＡＮＮＡ").unwrap().as_str(), "anna", "full-width letters fold by NFKC");
        for bad in ["", "a", "1anna", "anna smith", "anna@shop", &"a".repeat(33), "-anna", "zoë", "\u{430}nna"] {
            assert!(StaffName::parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn roles_parse_by_their_names() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()).unwrap(), role);
        }
        assert_eq!(Role::parse("Privacy Officer").unwrap(), Role::PrivacyOfficer);
        let error = Role::parse("admin").unwrap_err().to_string();
        assert!(error.contains("owner, manager, sales"), "{error}");
    }

    #[test]
    fn only_the_auditor_sees_no_customer_data() {
        let without: Vec<Role> = Role::ALL.into_iter().filter(|role| !role.sees_customer_data()).collect();
        assert_eq!(without, [Role::ExternalAuditor]);
    }

    #[test]
    fn no_one_manages_above_their_station() {
        for actor in Role::ALL {
            for other in Role::ALL {
                if actor.may_manage(other) {
                    assert!(actor.allows(Permission::StaffManage), "{actor} manages {other} without StaffManage");
                    assert!(actor == Role::Owner || other != Role::Owner, "{actor} manages an owner");
                }
            }
        }
        assert!(!Role::Manager.may_manage(Role::Manager));
        assert!(Role::Manager.may_manage(Role::Sales));
    }

    proptest! {
        #[test]
        fn parsed_names_parse_again_to_themselves(input in "\\PC{0,40}") {
            if let Ok(name) = StaffName::parse(&input) {
                prop_assert_eq!(StaffName::parse(name.as_str()).unwrap(), name);
            }
        }
    }
}

/// The language a person's pages are shown in. Every string of the web app is in one catalogue
/// per language (`server/src/web/i18n/`).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Default)]
pub enum Language {
    #[default]
    En,
    Nl,
}

impl Language {
    pub const ALL: [Language; 2] = [Language::En, Language::Nl];

    /// The BCP 47 tag, as stored and as the page's `lang` attribute.
    pub fn as_str(&self) -> &'static str {
        match self {
            Language::En => "en",
            Language::Nl => "nl",
        }
    }

    /// The language's own name, for the chooser.
    pub fn name(&self) -> &'static str {
        match self {
            Language::En => "English",
            Language::Nl => "Nederlands",
        }
    }

    pub fn parse(input: &str) -> Result<Language, DomainError> {
        let wanted = input.trim().to_ascii_lowercase();
        Language::ALL
            .into_iter()
            .find(|language| language.as_str() == wanted)
            .ok_or_else(|| DomainError::invalid("language", "must be en (English) or nl (Nederlands)"))
    }
}
