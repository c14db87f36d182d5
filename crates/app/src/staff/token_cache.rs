//! API tokens that passed every check lately, so that a busy till's or webshop's requests do not
//! each open a transaction on the store before their own.
//!
//! Only a token that passed (its row found by its keyed digest, the row's MAC intact, not
//! revoked, not expired, no revocation in the trail) is remembered, under that keyed digest,
//! with its actor and its expiry; a refused one is checked at the store every time. An entry
//! serves for [`RECHECK`] after its check and then the store is asked again, so a revocation
//! by another process (the command line beside `serve`) holds within that time. A revocation,
//! or any other change to a token row, by this process forgets every entry at once: the
//! generation counter also keeps a check that read the row before the change from remembering
//! what it read.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use strongroom_domain::Actor;

/// How long a token's check is trusted before the store is asked again.
pub(crate) const RECHECK: Duration = Duration::from_secs(1);

/// At most this many tokens are remembered; past it, all are forgotten and checked afresh.
const MOST: usize = 1_024;

#[derive(Debug, Default)]
pub(crate) struct TokenCache {
    inner: Mutex<Inner>,
}

#[derive(Debug, Default)]
struct Inner {
    generation: u64,
    entries: HashMap<[u8; 32], Entry>,
}

#[derive(Debug)]
struct Entry {
    actor: Actor,
    /// The token's expiry (Unix microseconds), checked at every use.
    expires_at: Option<i64>,
    checked_at: Instant,
}

impl TokenCache {
    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The generation a check starts under; hand it back to [`TokenCache::remember`].
    pub(crate) fn generation(&self) -> u64 {
        self.lock().generation
    }

    /// The actor of a token checked less than [`RECHECK`] ago, if it has not expired since.
    pub(crate) fn get(&self, digest: &[u8; 32], now_micros: i64) -> Option<Actor> {
        let inner = self.lock();
        let entry = inner.entries.get(digest)?;
        let fresh = entry.checked_at.elapsed() < RECHECK && entry.expires_at.is_none_or(|expires| now_micros < expires);
        fresh.then(|| entry.actor.clone())
    }

    /// Remembers a token that passed a check begun under `generation`, unless a token row
    /// changed since.
    pub(crate) fn remember(&self, generation: u64, digest: [u8; 32], actor: &Actor, expires_at: Option<i64>) {
        let mut inner = self.lock();
        if inner.generation != generation {
            return;
        }
        if inner.entries.len() >= MOST && !inner.entries.contains_key(&digest) {
            inner.entries.clear();
        }
        inner.entries.insert(digest, Entry { actor: actor.clone(), expires_at, checked_at: Instant::now() });
    }

    /// Forgets every token: a token row changed in this process.
    pub(crate) fn forget_all(&self) {
        let mut inner = self.lock();
        inner.generation += 1;
        inner.entries.clear();
    }
}

#[cfg(test)]
mod tests {
    use strongroom_domain::{PermissionSet, Role};
    use uuid::Uuid;

    use super::*;

    fn actor() -> Actor {
        Actor::api_token(Uuid::nil(), "till", Role::Sales, PermissionSet::default())
    }

    #[test]
    fn a_check_is_remembered_until_it_expires() {
        let cache = TokenCache::default();
        let generation = cache.generation();
        cache.remember(generation, [1; 32], &actor(), Some(1_000));
        assert_eq!(cache.get(&[1; 32], 999).map(|actor| actor.name), Some("till".to_owned()));
        assert!(cache.get(&[1; 32], 1_000).is_none(), "expired");
        assert!(cache.get(&[2; 32], 0).is_none(), "another token");
    }

    #[test]
    fn a_change_to_a_token_row_forgets_and_stops_older_checks() {
        let cache = TokenCache::default();
        let before = cache.generation();
        cache.remember(before, [1; 32], &actor(), None);
        cache.forget_all();
        assert!(cache.get(&[1; 32], 0).is_none());
        // A check that read the row before the change does not put back what it read.
        cache.remember(before, [1; 32], &actor(), None);
        assert!(cache.get(&[1; 32], 0).is_none());
        cache.remember(cache.generation(), [1; 32], &actor(), None);
        assert!(cache.get(&[1; 32], 0).is_some());
    }
}
