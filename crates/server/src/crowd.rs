//! What the server knows about the crowd at its door (issue 11): which addresses belong to
//! people signed in just now, so a flood of connections from elsewhere cannot take every slot
//! from them, and a tally of refusals, logged as one summary line an interval instead of a
//! warning per refused connection or request (85,000 lines in 15 seconds, before).

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::limits::network_of;

/// How long an address counts as a signed-in person's after its last authenticated request:
/// the shop's idle timeout, by default.
const SIGNED_IN_FOR: Duration = Duration::from_secs(15 * 60);
/// Addresses remembered at most (a shop has a few dozen devices).
const MAX_SIGNED_IN: usize = 4096;
/// Addresses tallied apart in one summary; the rest are counted together.
const MAX_TALLIED: usize = 256;
/// How long a token that worked may pass an address's empty refused-token bucket, and how many
/// such tokens are remembered.
const TOKEN_WORKED_FOR: Duration = Duration::from_secs(10 * 60);
const MAX_TOKENS: usize = 1024;

/// Why a connection or request was turned away.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Refusal {
    /// The address is off the shop's allow-list.
    NotAllowed,
    /// The address holds as many connections as one address may.
    PerAddressCap,
    /// The server holds as many connections as it may (or all but those kept for signed-in people).
    TotalCap,
    /// The address is over its request rate.
    RateLimited,
}

impl Refusal {
    fn label(self) -> &'static str {
        match self {
            Refusal::NotAllowed => "off the allow-list",
            Refusal::PerAddressCap => "over the connections one address may hold",
            Refusal::TotalCap => "over the connections the server holds",
            Refusal::RateLimited => "over the request rate",
        }
    }
}

#[derive(Debug, Default)]
struct Tally {
    by_reason: HashMap<Refusal, u64>,
    by_address: HashMap<IpAddr, u64>,
    other_addresses: u64,
}

/// Shared by the listener (which admits connections) and the routes (which see who signs in).
#[derive(Debug, Default)]
pub struct Crowd {
    signed_in: Mutex<HashMap<IpAddr, Instant>>,
    tally: Mutex<Tally>,
    /// SHA-256 digests of API tokens that worked lately (in memory only), so the till's token
    /// keeps working while someone at the same address floods the API with bad ones.
    tokens: Mutex<HashMap<[u8; 32], Instant>>,
}

impl Crowd {
    /// Notes that a request from `ip` carried a valid session or API token.
    pub fn signed_in_from(&self, ip: IpAddr) {
        let now = Instant::now();
        let mut signed_in = self.signed_in.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if signed_in.len() >= MAX_SIGNED_IN && !signed_in.contains_key(&network_of(ip)) {
            signed_in.retain(|_, at| now.duration_since(*at) < SIGNED_IN_FOR);
            if signed_in.len() >= MAX_SIGNED_IN {
                return;
            }
        }
        signed_in.insert(network_of(ip), now);
    }

    /// Whether someone at `ip` made an authenticated request within the idle timeout.
    pub fn is_signed_in(&self, ip: IpAddr) -> bool {
        let signed_in = self.signed_in.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        signed_in.get(&network_of(ip)).is_some_and(|at| at.elapsed() < SIGNED_IN_FOR)
    }

    /// Notes that a presented API token (by its digest) was accepted.
    pub fn token_worked(&self, digest: [u8; 32]) {
        let now = Instant::now();
        let mut tokens = self.tokens.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if tokens.len() >= MAX_TOKENS && !tokens.contains_key(&digest) {
            tokens.retain(|_, at| now.duration_since(*at) < TOKEN_WORKED_FOR);
            if tokens.len() >= MAX_TOKENS {
                return;
            }
        }
        tokens.insert(digest, now);
    }

    /// Forgets a token that was refused (revoked, expired, changed): it no longer passes an
    /// address's empty bucket of refused tokens.
    pub fn token_refused(&self, digest: &[u8; 32]) {
        self.tokens.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).remove(digest);
    }

    /// Whether a token with this digest was accepted lately. It still goes through every check;
    /// this only lets it past an address's empty bucket of refused tokens.
    pub fn token_worked_lately(&self, digest: &[u8; 32]) -> bool {
        let tokens = self.tokens.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        tokens.get(digest).is_some_and(|at| at.elapsed() < TOKEN_WORKED_FOR)
    }

    /// Counts a refusal, for the next summary.
    pub fn refused(&self, ip: IpAddr, why: Refusal) {
        let mut tally = self.tally.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        *tally.by_reason.entry(why).or_default() += 1;
        let network = network_of(ip);
        if tally.by_address.len() < MAX_TALLIED || tally.by_address.contains_key(&network) {
            *tally.by_address.entry(network).or_default() += 1;
        } else {
            tally.other_addresses += 1;
        }
    }

    /// The refusals since the last summary, as one line (and the tally starts again); `None`
    /// when there were none.
    pub fn take_summary(&self) -> Option<String> {
        let tally = std::mem::take(&mut *self.tally.lock().unwrap_or_else(|poisoned| poisoned.into_inner()));
        let total: u64 = tally.by_reason.values().sum();
        if total == 0 {
            return None;
        }
        let mut reasons: Vec<(Refusal, u64)> = tally.by_reason.into_iter().collect();
        reasons.sort_by_key(|(_, count)| std::cmp::Reverse(*count));
        let reasons: Vec<String> = reasons.iter().map(|(why, count)| format!("{count} {}", why.label())).collect();
        let mut addresses: Vec<(IpAddr, u64)> = tally.by_address.into_iter().collect();
        addresses.sort_by_key(|(_, count)| std::cmp::Reverse(*count));
        let n_addresses = addresses.len() + usize::from(tally.other_addresses > 0);
        let top: Vec<String> = addresses.iter().take(3).map(|(ip, count)| format!("{ip} ({count})")).collect();
        Some(format!("refused {total}: {}; from {n_addresses} addresses, most from {}", reasons.join(", "), top.join(", ")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refusals_come_out_as_one_summary_line() {
        let crowd = Crowd::default();
        assert_eq!(crowd.take_summary(), None);
        for _ in 0..1000 {
            crowd.refused("192.0.2.66".parse().unwrap(), Refusal::PerAddressCap);
        }
        crowd.refused("192.0.2.7".parse().unwrap(), Refusal::RateLimited);
        let line = crowd.take_summary().unwrap();
        assert!(line.starts_with("refused 1001: 1000 over the connections one address may hold, 1 over the request rate"), "{line}");
        assert!(line.contains("from 2 addresses, most from 192.0.2.66 (1000)"), "{line}");
        assert_eq!(crowd.take_summary(), None, "the tally starts again");
    }

    #[test]
    fn a_signed_in_address_is_known_by_its_network() {
        let crowd = Crowd::default();
        crowd.signed_in_from("2001:db8::1".parse().unwrap());
        assert!(crowd.is_signed_in("2001:db8::2".parse().unwrap()), "the same /64");
        assert!(!crowd.is_signed_in("192.0.2.1".parse().unwrap()));
    }
}
