//! The audit trail's Merkle tree as both backends keep it: each append extends the stored right
//! edge (the frontier) with the events' leaf hashes and returns the perfect subtrees it completes,
//! to be written in the same transaction as the events themselves.

use strongroom_audit::{AuditEvent, Frontier, Hash, leaf_hash};

use crate::StoreError;

/// A signed checkpoint as stored: the tree size, its root, when, and the signed note's text.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct CheckpointRow {
    pub size: u64,
    pub root: Hash,
    pub at_unix_micros: i64,
    pub note: String,
}

/// What an append adds to the tree.
pub(crate) struct Extension {
    pub frontier: Frontier,
    /// (level, index, hash) of every perfect subtree completed, leaves included.
    pub subtrees: Vec<(u32, u64, Hash)>,
}

pub(crate) fn extend(mut frontier: Frontier, events: &[AuditEvent]) -> Extension {
    let mut subtrees = Vec::with_capacity(events.len() * 2);
    for event in events {
        frontier.push(leaf_hash(&event.encode()), |level, index, hash| subtrees.push((level, index, *hash)));
    }
    Extension { frontier, subtrees }
}

pub(crate) fn encode_peaks(frontier: &Frontier) -> Vec<u8> {
    frontier.peaks().concat()
}

pub(crate) fn decode_frontier(size: i64, peaks: &[u8]) -> Result<Frontier, StoreError> {
    let corrupt = || StoreError::Corrupt("the audit tree's frontier".into());
    let size = u64::try_from(size).map_err(|_| corrupt())?;
    let peaks: Vec<Hash> = peaks.chunks(32).map(|chunk| chunk.try_into().map_err(|_| corrupt())).collect::<Result<_, _>>()?;
    Frontier::from_parts(size, peaks).ok_or_else(corrupt)
}

pub(crate) fn hash_from(bytes: &[u8]) -> Result<Hash, StoreError> {
    bytes.try_into().map_err(|_| StoreError::Corrupt("an audit tree hash is not 32 bytes".into()))
}

/// The refusal when the events and the tree over them disagree: appending more would hide it.
pub(crate) fn tree_mismatch(n_events: u64, tree_size: u64) -> StoreError {
    StoreError::Corrupt(format!(
        "the audit trail holds {n_events} events but its Merkle tree covers {tree_size}; nothing more is written until `strongroom audit verify` has been run and the damage explained"
    ))
}

/// The statement counting events by window (`bounds` as parameters 1…n, written by `param`),
/// action and outcome; both backends run it.
pub(crate) fn window_counts_sql(bounds: usize, param: impl Fn(usize) -> String) -> String {
    let windows: String = (1..bounds).map(|n| format!(" WHEN at_unix_micros < {} THEN {}", param(n + 1), n - 1)).collect();
    format!(
        "SELECT CASE{windows} END AS window_index, action, outcome, COUNT(*) FROM audit_events
         WHERE at_unix_micros >= {} AND at_unix_micros < {} AND seq >= 0
         GROUP BY window_index, action, outcome ORDER BY window_index, action, outcome",
        param(1),
        param(bounds)
    )
}

/// Whether `bounds` are ones `audit_window_counts` takes: two to 64, rising.
pub(crate) fn check_bounds(bounds: &[i64]) -> Result<(), StoreError> {
    if (2..=64).contains(&bounds.len()) && bounds.windows(2).all(|pair| pair[0] < pair[1]) {
        Ok(())
    } else {
        Err(StoreError::Conflict("the windows' bounds must be two to 64 rising moments".into()))
    }
}
