//! The vendored list of common and breached passwords (see `data/README.md` for its source,
//! licence and selection), compiled into the binary and searched in place.

use std::sync::OnceLock;

use crate::Password;

const LIST: &str = include_str!("../data/common-passwords.txt");

/// How many passwords the blocklist holds.
pub const BLOCKLIST_LEN: usize = 200_000;

fn entries() -> &'static [&'static str] {
    static ENTRIES: OnceLock<Vec<&'static str>> = OnceLock::new();
    ENTRIES.get_or_init(|| LIST.lines().collect())
}

/// Whether `password`, ignoring case, is on the blocklist. Checked for every new password and
/// again at every sign-in, as a list can grow after a password was chosen.
pub fn is_blocklisted(password: &Password) -> bool {
    let folded = password.as_str().to_lowercase();
    entries().binary_search(&folded.as_str()).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_vendored_list_is_what_its_readme_says() {
        let entries = entries();
        assert_eq!(entries.len(), BLOCKLIST_LEN);
        assert!(entries.windows(2).all(|pair| pair[0] < pair[1]), "sorted and distinct, for binary search");
        for entry in entries {
            assert!(entry.chars().count() >= 8, "{entry:?} is shorter than any password Strongroom accepts");
            assert_eq!(entry.to_lowercase(), *entry);
            assert_eq!(Password::new(entry).as_str(), *entry, "NFKC-normalised");
        }
    }

    #[test]
    fn common_passwords_are_found_in_any_case() {
        for common in ["password", "PASSWORD", "12345678", "qwertyuiop", "Trustno1", "iloveyou"] {
            assert!(is_blocklisted(&Password::new(common)), "{common}");
        }
        assert!(!is_blocklisted(&Password::new("correct horse battery staple on a tuesday")));
    }
}
