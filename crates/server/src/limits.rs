//! Per-IP rate limits, in memory: token buckets, a generous one for every request and a strict
//! one for sign-in attempts (on top of the per-account delays and lockout in the database).

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::Instant;

/// What a request counts against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Class {
    Any,
    /// Password, enrolment-code, second-factor and step-up attempts.
    SignIn,
    /// Refused API tokens: a bucket of their own, so a flood of bad tokens from an address
    /// neither locks its staff out of signing in nor (see `Crowd::token_worked`) its till's
    /// good token out of the API.
    Token,
}

impl Class {
    /// (burst, tokens per second)
    fn rate(self) -> (f64, f64) {
        match self {
            Class::Any => (400.0, 200.0),
            Class::SignIn | Class::Token => (20.0, 0.5),
        }
    }
}

#[derive(Debug, Clone, Copy)]
struct Bucket {
    tokens: f64,
    at: Instant,
}

#[derive(Debug, Default)]
pub struct RateLimiter {
    buckets: Mutex<HashMap<(IpAddr, Class), Bucket>>,
}

/// Buckets kept before full ones are forgotten.
const MAX_BUCKETS: usize = 10_000;

impl RateLimiter {
    /// Takes a token for `ip`; `false` when the bucket is empty (answer 429).
    pub fn allow(&self, ip: IpAddr, class: Class) -> bool {
        self.take(ip, class, true)
    }

    /// Whether `ip` has a token left, without taking it.
    pub fn has_left(&self, ip: IpAddr, class: Class) -> bool {
        self.take(ip, class, false)
    }

    fn take(&self, ip: IpAddr, class: Class, consume: bool) -> bool {
        let (burst, per_second) = class.rate();
        let now = Instant::now();
        let mut buckets = self.buckets.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if buckets.len() >= MAX_BUCKETS {
            // Forget the buckets that have refilled (they hold nothing an attacker could reset).
            buckets
                .retain(|(_, class), bucket| bucket.tokens + now.duration_since(bucket.at).as_secs_f64() * class.rate().1 < class.rate().0);
        }
        let mut key = (network_of(ip), class);
        if buckets.len() >= MAX_BUCKETS && !buckets.contains_key(&key) {
            // Still full (many networks in partly used buckets): new networks share one bucket
            // rather than reset anyone's.
            key = (IpAddr::V6(std::net::Ipv6Addr::UNSPECIFIED), class);
        }
        let bucket = buckets.entry(key).or_insert(Bucket { tokens: burst, at: now });
        bucket.tokens = (bucket.tokens + now.duration_since(bucket.at).as_secs_f64() * per_second).min(burst);
        bucket.at = now;
        if bucket.tokens >= 1.0 {
            if consume {
                bucket.tokens -= 1.0;
            }
            true
        } else {
            false
        }
    }
}

/// What a limit is kept per: an IPv4 address, or an IPv6 /64 (a household or shop gets a whole
/// /64, so single addresses in it would cost an attacker nothing).
pub(crate) fn network_of(ip: IpAddr) -> IpAddr {
    // An IPv4 peer of a dual-stack listener arrives as ::ffff:a.b.c.d: it is that IPv4 address.
    match ip.to_canonical() {
        ip @ IpAddr::V4(_) => ip,
        IpAddr::V6(v6) => {
            let mut segments = v6.segments();
            segments[4..].fill(0);
            IpAddr::V6(segments.into())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_burst_of_sign_ins_is_cut_off_per_address() {
        let limiter = RateLimiter::default();
        let (attacker, colleague): (IpAddr, IpAddr) = ("192.0.2.66".parse().unwrap(), "192.0.2.7".parse().unwrap());
        let allowed = (0..100).filter(|_| limiter.allow(attacker, Class::SignIn)).count();
        assert_eq!(allowed, 20);
        assert!(limiter.allow(colleague, Class::SignIn), "another address is not affected");
        assert!(limiter.allow(attacker, Class::Any), "pages still load for the same address");
        assert!(limiter.allow(attacker, Class::Token), "and its refused tokens count apart");
    }

    #[test]
    fn ipv6_addresses_share_their_slash_64() {
        let limiter = RateLimiter::default();
        let allowed = (0..100u16)
            .filter(|n| limiter.allow(IpAddr::V6(std::net::Ipv6Addr::new(0x2001, 0xdb8, 1, 2, *n, 0, 0, 1)), Class::SignIn))
            .count();
        assert_eq!(allowed, 20);
        let mapped: IpAddr = "::ffff:192.0.2.7".parse().unwrap();
        assert_eq!(network_of(mapped), "192.0.2.7".parse::<IpAddr>().unwrap(), "an IPv4 peer on a dual-stack socket");
    }
}
