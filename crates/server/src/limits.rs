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
}

impl Class {
    /// (burst, tokens per second)
    fn rate(self) -> (f64, f64) {
        match self {
            Class::Any => (400.0, 200.0),
            Class::SignIn => (20.0, 0.5),
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
        let (burst, per_second) = class.rate();
        let now = Instant::now();
        let mut buckets = self.buckets.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if buckets.len() >= MAX_BUCKETS {
            buckets
                .retain(|(_, class), bucket| bucket.tokens + now.duration_since(bucket.at).as_secs_f64() * class.rate().1 < class.rate().0);
        }
        let bucket = buckets.entry((ip, class)).or_insert(Bucket { tokens: burst, at: now });
        bucket.tokens = (bucket.tokens + now.duration_since(bucket.at).as_secs_f64() * per_second).min(burst);
        bucket.at = now;
        if bucket.tokens >= 1.0 {
            bucket.tokens -= 1.0;
            true
        } else {
            false
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
    }
}
