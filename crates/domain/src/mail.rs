//! The shop's outgoing mail: where Strongroom hands its letters and alerts to be delivered.
//! The settings are checked here; sending them is the app's, and the password never passes
//! through this crate.

use std::net::IpAddr;

use crate::{DomainError, EmailAddress, contains_card_number};

/// How the connection to the mail server is protected.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum MailSecurity {
    /// No encryption: only to a server on this machine (a relay that encrypts onwards), since
    /// a password or a letter would otherwise cross the network readable.
    None,
    /// Plain connection upgraded with STARTTLS before anything else is said (port 587); a
    /// server that does not offer it is refused, never used unencrypted.
    StartTls,
    /// TLS from the first byte (port 465).
    Tls,
}

impl MailSecurity {
    pub const ALL: [MailSecurity; 3] = [MailSecurity::StartTls, MailSecurity::Tls, MailSecurity::None];

    pub fn as_str(&self) -> &'static str {
        match self {
            MailSecurity::None => "none",
            MailSecurity::StartTls => "starttls",
            MailSecurity::Tls => "tls",
        }
    }

    pub fn parse(input: &str) -> Result<MailSecurity, DomainError> {
        let wanted = input.trim().to_ascii_lowercase();
        MailSecurity::ALL
            .into_iter()
            .find(|security| security.as_str() == wanted)
            .ok_or_else(|| DomainError::invalid("security", "must be none, starttls or tls"))
    }

    /// The port a server usually listens on for this protection.
    pub fn usual_port(&self) -> u16 {
        match self {
            MailSecurity::None => 25,
            MailSecurity::StartTls => 587,
            MailSecurity::Tls => 465,
        }
    }
}

/// A mail server's name or address, as the settings hold it.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct MailHost(String);

impl MailHost {
    pub fn parse(input: &str) -> Result<MailHost, DomainError> {
        let host = input.trim().trim_start_matches('[').trim_end_matches(']').to_ascii_lowercase();
        let invalid = |reason: &str| DomainError::invalid("host", reason);
        if host.is_empty() {
            return Err(invalid("must not be empty"));
        }
        if contains_card_number(&host) {
            return Err(DomainError::CardNumber { field: "host" });
        }
        if host.parse::<IpAddr>().is_ok() {
            return Ok(MailHost(host));
        }
        let label_ok = |label: &str| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        };
        if host.len() > 253 || !host.split('.').all(label_ok) {
            return Err(invalid("is not a host name or IP address, as in smtp.example.com"));
        }
        Ok(MailHost(host))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether the server is this machine itself, the only place an unencrypted connection
    /// may go.
    pub fn is_loopback(&self) -> bool {
        self.0 == "localhost" || self.0.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
    }
}

/// How Strongroom reaches the shop's mail server, and whom it alerts. The password is kept
/// apart, sealed.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct MailSettings {
    pub host: MailHost,
    pub port: u16,
    pub security: MailSecurity,
    /// The account to sign in with; none for a relay that takes mail without one.
    pub user: Option<String>,
    /// The address letters and alerts come from.
    pub from: EmailAddress,
    /// Who hears at once when someone reports a problem (the owner, the privacy officer).
    pub alerts_to: Vec<EmailAddress>,
}

/// At most this many addresses get the alerts.
pub const MAX_ALERT_ADDRESSES: usize = 10;

impl MailSettings {
    /// Checks settings read from a form or flags: the port is a port, an account name holds no
    /// card number, and an unencrypted connection goes only to this machine.
    pub fn new(
        host: MailHost,
        port: u16,
        security: MailSecurity,
        user: Option<&str>,
        from: &str,
        alerts_to: &[&str],
    ) -> Result<MailSettings, DomainError> {
        if port == 0 {
            return Err(DomainError::invalid("port", "must be a port number from 1 to 65535"));
        }
        if security == MailSecurity::None && !host.is_loopback() {
            return Err(DomainError::invalid(
                "security",
                "an unencrypted connection is only allowed to a mail server on this machine; choose starttls or tls",
            ));
        }
        let user = user.map(str::trim).filter(|user| !user.is_empty());
        if let Some(user) = user {
            if user.len() > 254 || user.chars().any(char::is_control) {
                return Err(DomainError::invalid("user", "must be at most 254 characters on one line"));
            }
            if contains_card_number(user) {
                return Err(DomainError::CardNumber { field: "user" });
            }
        }
        let address = |field: &'static str, text: &str| {
            EmailAddress::parse(text).map_err(|error| match error {
                DomainError::Invalid { reason, .. } => DomainError::Invalid { field, reason },
                DomainError::CardNumber { .. } => DomainError::CardNumber { field },
            })
        };
        let from = address("from", from)?;
        let alerts_to = alerts_to
            .iter()
            .map(|text| text.trim())
            .filter(|text| !text.is_empty())
            .map(|text| address("alerts_to", text))
            .collect::<Result<Vec<_>, _>>()?;
        if alerts_to.len() > MAX_ALERT_ADDRESSES {
            return Err(DomainError::invalid("alerts_to", "at most 10 addresses"));
        }
        Ok(MailSettings { host, port, security, user: user.map(str::to_owned), from, alerts_to })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn host(text: &str) -> MailHost {
        MailHost::parse(text).unwrap()
    }

    #[test]
    fn an_unencrypted_connection_goes_only_to_this_machine() {
        for local in ["127.0.0.1", "localhost", "::1", "[::1]", "127.0.0.53"] {
            assert!(MailSettings::new(host(local), 25, MailSecurity::None, None, "shop@example.com", &[]).is_ok(), "{local}");
        }
        for remote in ["smtp.example.com", "192.168.1.10", "10.0.0.1", "::2"] {
            let error = MailSettings::new(host(remote), 25, MailSecurity::None, None, "shop@example.com", &[]).unwrap_err();
            assert_eq!(error.field(), "security", "{remote}");
            assert!(MailSettings::new(host(remote), 587, MailSecurity::StartTls, None, "shop@example.com", &[]).is_ok());
        }
    }

    #[test]
    fn bad_settings_name_their_field() {
        assert_eq!(MailHost::parse("smtp example.com").unwrap_err().field(), "host");
        assert_eq!(MailHost::parse("").unwrap_err().field(), "host");
        assert_eq!(MailHost::parse("-bad.example.com").unwrap_err().field(), "host");
        assert!(matches!(MailHost::parse("4111-1111-1111-1111"), Err(DomainError::CardNumber { .. })));
        let settings = |port, user: Option<&str>, from: &str, alerts: &[&str]| {
            MailSettings::new(host("smtp.example.com"), port, MailSecurity::Tls, user, from, alerts)
        };
        assert_eq!(settings(0, None, "shop@example.com", &[]).unwrap_err().field(), "port");
        assert_eq!(settings(465, None, "not an address", &[]).unwrap_err().field(), "from");
        assert_eq!(settings(465, None, "shop@example.com", &["owner@example.com", "nope"]).unwrap_err().field(), "alerts_to");
        assert_eq!(settings(465, Some("4111 1111 1111 1111"), "shop@example.com", &[]).unwrap_err().field(), "user");
        let many: Vec<String> = (0..11).map(|n| format!("p{n}@example.com")).collect();
        let many: Vec<&str> = many.iter().map(String::as_str).collect();
        assert_eq!(settings(465, None, "shop@example.com", &many).unwrap_err().field(), "alerts_to");
        let fine = settings(465, Some("  shop@example.com "), "shop@example.com", &["", "owner@example.com"]).unwrap();
        assert_eq!(fine.user.as_deref(), Some("shop@example.com"));
        assert_eq!(fine.alerts_to.len(), 1, "blank lines are no addresses");
    }

    #[test]
    fn security_reads_its_three_names() {
        for security in MailSecurity::ALL {
            assert_eq!(MailSecurity::parse(&security.as_str().to_uppercase()).unwrap(), security);
        }
        assert!(MailSecurity::parse("ssl").is_err());
        assert_eq!(MailSecurity::StartTls.usual_port(), 587);
    }
}
