//! The shop's website's address as the owner types it and as it is kept: a host name or an
//! address (IPv6 in brackets) and the HTTPS port, plain HTTP looked for on port 80.

use std::net::IpAddr;

/// Where the website is: its host name (or address) and the ports of HTTPS and plain HTTP.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Website {
    pub host: String,
    pub https_port: u16,
    pub http_port: u16,
}

impl Website {
    /// The host as a URL or a Host header writes it (an IPv6 address in brackets), with `port`
    /// unless it is `default`.
    pub(super) fn authority(&self, port: u16, default: u16) -> String {
        let host = if self.host.contains(':') { format!("[{}]", self.host) } else { self.host.clone() };
        if port == default { host } else { format!("{host}:{port}") }
    }

    /// As the owner reads it and as it is kept: `www.shop.nl`, `shop.nl:8443`, `[::1]:9443`.
    pub fn shown(&self) -> String {
        self.authority(self.https_port, 443)
    }
}

/// Reads an address as the owner types it: `https://www.shop.nl/`, `www.shop.nl`,
/// `shop.nl:8443` or `[2001:db8::1]:8443`. Plain HTTP is looked for on port 80 of the same host.
pub fn parse_website(text: &str) -> Result<Website, String> {
    let text = text.trim();
    let lower = text.to_ascii_lowercase();
    let not_an_address = || format!("{text:?} is not a website's address (like www.shop.nl)");
    let rest = match lower.split_once("://") {
        Some(("https" | "http", rest)) => rest,
        // Another scheme (ftp://…); a "://" later on (in a query) is not a scheme.
        Some((scheme, _)) if scheme.bytes().all(|b| b.is_ascii_alphanumeric() || b"+-.".contains(&b)) => return Err(not_an_address()),
        _ => &lower,
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    if authority.is_empty() || authority.contains('@') {
        return Err(not_an_address());
    }
    let port_of = |port: &str| port.parse::<u16>().ok().filter(|port| *port > 0).ok_or_else(|| format!("{port:?} is not a port"));
    let (host, port) = if let Some(bracketed) = authority.strip_prefix('[') {
        let (host, after) = bracketed.split_once(']').ok_or_else(not_an_address)?;
        match after {
            "" => (host, 443),
            _ => (host, port_of(after.strip_prefix(':').ok_or_else(not_an_address)?)?),
        }
    } else if authority.matches(':').count() > 1 {
        // A bare IPv6 address: a port needs the brackets.
        (authority, 443)
    } else {
        match authority.split_once(':') {
            Some((host, port)) => (host, port_of(port)?),
            None => (authority, 443),
        }
    };
    let host = host.strip_suffix('.').unwrap_or(host);
    let ip = host.parse::<IpAddr>().is_ok();
    let name_like = host.len() <= 253
        && host.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && label.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        });
    if !ip && (host.contains(':') || !name_like) {
        return Err(format!("{host:?} is not a host name (like www.shop.nl)"));
    }
    Ok(Website { host: host.to_owned(), https_port: port, http_port: 80 })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_are_read_as_typed_and_kept_as_read() {
        let site = |text| parse_website(text).map(|site| (site.host, site.https_port));
        assert_eq!(site("https://www.Juwelier.nl/winkel?next=https://x"), Ok(("www.juwelier.nl".into(), 443)));
        assert_eq!(site(" juwelier.nl. "), Ok(("juwelier.nl".into(), 443)));
        assert_eq!(site("http://shop.example:8443"), Ok(("shop.example".into(), 8443)));
        assert_eq!(site("127.0.0.1:9443"), Ok(("127.0.0.1".into(), 9443)));
        assert_eq!(site("[::1]:9443"), Ok(("::1".into(), 9443)));
        assert_eq!(site("2001:db8::5:1"), Ok(("2001:db8::5:1".into(), 443)), "a bare IPv6 address has no port");
        for bad in ["", "user@shop.nl", "shop .nl", "shop.nl:0", "shop.nl:99999", "ftp://shop.nl", "[::1", "[::1]x", "a:b:c"] {
            assert!(site(bad).is_err(), "{bad:?}");
        }
        // What is kept reads back as the same site.
        for typed in ["www.shop.nl", "shop.nl:8443", "[2001:db8::5:1]", "[::1]:9443", "127.0.0.1:9443"] {
            let read = parse_website(typed).unwrap();
            assert_eq!(read.shown(), typed);
            assert_eq!(parse_website(&read.shown()).unwrap(), read);
        }
    }
}
