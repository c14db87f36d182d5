//! Checking the whole trail: every event against its leaf, the stored tree against the
//! events, every signed checkpoint against the roots the events give, and the schedule the
//! checkpoints are signed on. `Vault::check_trail` runs the steps in order on one snapshot.

use std::collections::{BTreeMap, VecDeque};

use strongroom_audit::{AuditEvent, CheckpointError, Frontier, Hash, VerifierKey, leaf_hash};
use strongroom_domain::DomainError;
use strongroom_store::Tx;

use crate::AppError;
use crate::trail::VerifyReport;

/// How many rows verification reads per query.
const CHUNK: usize = 10_000;

/// A check of the trail under way: what was found so far and what is still to be met.
pub(super) struct TrailCheck<'k> {
    key: &'k VerifierKey,
    pub(super) report: VerifyReport,
    /// The sizes whose roots must come out right: stored checkpoints (as their signed notes say,
    /// not as their columns say) and the external one.
    expected: BTreeMap<u64, Vec<(Hash, &'static str)>>,
    /// The largest size a stored checkpoint's signed note covers: the schedule says how far
    /// behind the log's end it may be.
    newest_stored: Option<u64>,
    /// The tree rebuilt from the events read so far.
    frontier: Frontier,
    cursors: BTreeMap<u32, LevelCursor>,
    /// Whether the stored tree hashes still agree with the events: after the first that does
    /// not, the stored hashes above it are not compared (they would all differ).
    tree_trusted: bool,
    /// The size of the last checkpoint whose root came out right: damage found by a later
    /// checkpoint lies after it.
    last_good_checkpoint: u64,
    /// The first event an edit, a removal or a reordering was found at: a checkpoint that no
    /// longer matches names it rather than the start of its stretch.
    first_event_problem: Option<u64>,
    /// Set at the first missing event: the scan stops there, and what is said of the log's end
    /// would say nothing more.
    pub(super) deleted: bool,
}

impl<'k> TrailCheck<'k> {
    pub(super) fn new(key: &'k VerifierKey) -> Self {
        Self {
            key,
            report: VerifyReport::default(),
            expected: BTreeMap::new(),
            newest_stored: None,
            frontier: Frontier::new(),
            cursors: BTreeMap::new(),
            tree_trusted: true,
            last_good_checkpoint: 0,
            first_event_problem: None,
            deleted: false,
        }
    }

    /// Step 1: the roots the stored checkpoints' signed notes promise. A column that was edited
    /// falls back to the notes alone.
    pub(super) fn expect_stored_checkpoints(&mut self, tx: &mut dyn Tx) -> Result<(), AppError> {
        match tx.checkpoints() {
            Ok(rows) => {
                for row in rows {
                    self.expect_stored_note(&row.note, Some((row.size, row.root)));
                }
            }
            Err(error) if error.is_unreadable_value() => {
                self.report.problem(None, "checkpoint", format!("a stored checkpoint row cannot be read back: {error}"));
                for note in tx.checkpoint_notes()? {
                    match note {
                        Some(note) => self.expect_stored_note(&note, None),
                        None => self.report.problem(None, "checkpoint", "a stored checkpoint's signed note is not text".into()),
                    }
                }
            }
            Err(error) => return Err(error.into()),
        }
        Ok(())
    }

    /// Whatever else a row says, a note that opens is compared: someone who rewrote the tree and
    /// a checkpoint's columns to match must not switch off the comparison with its signed root.
    fn expect_stored_note(&mut self, note: &str, columns: Option<(u64, Hash)>) {
        match self.key.open_checkpoint(note) {
            Ok(checkpoint) => {
                if let Some((size, _)) = columns.filter(|columns| *columns != (checkpoint.size, checkpoint.root)) {
                    self.report.problem(None, "checkpoint", format!("the stored checkpoint at size {size} does not match its signed note"));
                }
                self.expected.entry(checkpoint.size).or_default().push((checkpoint.root, "stored checkpoint"));
                self.newest_stored = self.newest_stored.max(Some(checkpoint.size));
            }
            Err(error) => {
                let at = columns.map_or_else(String::new, |(size, _)| format!(" at size {size}"));
                self.report.problem(None, "checkpoint", format!("the stored checkpoint{at}: {error}"));
            }
        }
    }

    /// Step 2: the root a checkpoint kept elsewhere promises. A note that is not a signed
    /// checkpoint at all, or was altered after it was signed, says nothing about this log and is
    /// refused; one signed by another key means the log was rebuilt.
    pub(super) fn expect_kept_checkpoint(&mut self, note: &str) -> Result<(), AppError> {
        match self.key.open_checkpoint(note) {
            Ok(checkpoint) => {
                self.report.against_size = Some(checkpoint.size);
                self.expected.entry(checkpoint.size).or_default().push((checkpoint.root, "the checkpoint you kept"));
            }
            Err(error @ (CheckpointError::Malformed(_) | CheckpointError::NotCheckpoint(_) | CheckpointError::BadSignature(_))) => {
                return Err(
                    DomainError::Invalid { field: "against", reason: format!("the checkpoint you kept cannot be read: {error}") }.into()
                );
            }
            Err(error) => self.report.problem(
                None,
                "rebuilt",
                format!("the checkpoint you kept was not signed by this log's key ({error}): this log is not the one it was taken from"),
            ),
        }
        Ok(())
    }

    /// Step 3: the stored right edge of the tree, if it can be read.
    pub(super) fn read_stored_frontier(&mut self, tx: &mut dyn Tx) -> Result<Option<Frontier>, AppError> {
        let stored_frontier = match tx.audit_frontier() {
            Ok(frontier) => Some(frontier),
            Err(error) if error.is_unreadable_value() => {
                self.report.problem(None, "tree", format!("the stored right edge of the tree cannot be read: {error}"));
                None
            }
            Err(error) => return Err(error.into()),
        };
        self.report.tree_size = stored_frontier.as_ref().map_or(0, Frontier::size);
        Ok(stored_frontier)
    }

    /// Step 4: every event in order, rebuilding the tree and meeting each expected root on the
    /// way. Stops at the first missing event.
    pub(super) fn replay_events(&mut self, tx: &mut dyn Tx) -> Result<(), AppError> {
        // A checkpoint of the empty log: its root is the hash of nothing.
        self.meet_checkpoints();
        let mut from = 0u64;
        while !self.deleted {
            let events = read_events(tx, from)?;
            let Some(last) = events.last() else { break };
            let next_from = last.0.saturating_add(1);
            for (seq, event) in events {
                let index = self.frontier.size();
                if seq != index {
                    self.report.problem(Some(index), "deleted", format!("event {index} is missing (the next stored event is {seq})"));
                    self.event_problem(index);
                    self.deleted = true;
                    break;
                }
                let leaf = self.check_leaf(tx, index, event)?;
                self.push_leaf(tx, leaf)?;
                self.meet_checkpoints();
            }
            from = next_from;
        }
        self.report.events = self.frontier.size();
        Ok(())
    }

    /// An event that was edited, removed or moved: the tree above it is not compared further.
    fn event_problem(&mut self, index: u64) {
        self.first_event_problem.get_or_insert(index);
        self.tree_trusted = false;
    }

    /// The event's leaf hash against the stored one; the leaf the tree is rebuilt with (the
    /// stored one stands in for an event that cannot be read, so the events after it are still
    /// checked).
    fn check_leaf(&mut self, tx: &mut dyn Tx, index: u64, event: Option<AuditEvent>) -> Result<Hash, AppError> {
        let leaves = self.cursors.entry(0).or_default();
        let stored = leaves.get(tx, 0, index)?;
        let Some(event) = event else {
            self.report.problem(
                Some(index),
                "changed",
                format!("event {index} cannot be read back (a column holds a value of the wrong kind): it was edited"),
            );
            self.event_problem(index);
            return Ok(match stored {
                Stored::Hash(stored) => stored,
                Stored::Missing | Stored::Unreadable => [0; 32],
            });
        };
        let leaf = leaf_hash(&event.encode());
        match stored {
            Stored::Hash(stored) if stored == leaf => {}
            Stored::Hash(_) => {
                // Once the report is full the kind is not kept: no search.
                let moved = if self.report.is_full() { None } else { leaves.position_of(&leaf) };
                let (kind, message) = match moved {
                    Some(at) => ("reordered", format!("event {index} holds what the tree records for event {at}: events were reordered")),
                    None => ("changed", format!("event {index} does not match its leaf hash: it was edited")),
                };
                self.report.problem(Some(index), kind, message);
                self.event_problem(index);
            }
            Stored::Missing => self.report.problem(Some(index), "tree", format!("the tree holds no leaf for event {index}")),
            Stored::Unreadable => {
                self.report.problem(Some(index), "tree", format!("the tree's leaf for event {index} cannot be read"));
                self.tree_trusted = false;
            }
        }
        Ok(leaf)
    }

    /// Adds the leaf to the rebuilt tree and, while the stored tree is trusted, compares every
    /// subtree hash it completes with the stored one.
    fn push_leaf(&mut self, tx: &mut dyn Tx, leaf: Hash) -> Result<(), AppError> {
        let mut completed = Vec::new();
        self.frontier.push(leaf, |level, at, hash| {
            if level > 0 {
                completed.push((level, at, *hash));
            }
        });
        if !self.tree_trusted {
            return Ok(());
        }
        for (level, at, hash) in completed {
            if self.cursors.entry(level).or_default().get(tx, level, at)? != Stored::Hash(hash) {
                let first = at << level;
                self.report.problem(
                    Some(first),
                    "tree",
                    format!("the stored tree hash for events {first}..{} is wrong", (at + 1) << level),
                );
                self.tree_trusted = false;
            }
        }
        Ok(())
    }

    /// The checkpoints expected at the rebuilt tree's size, against its root.
    fn meet_checkpoints(&mut self) {
        let size = self.frontier.size();
        for (root, what) in self.expected.remove(&size).unwrap_or_default() {
            self.report.checkpoints_checked += 1;
            if root == self.frontier.root() {
                self.last_good_checkpoint = size;
            } else if size == 0 {
                self.report.problem(Some(0), "checkpoint", format!("{what} at size 0 does not carry the empty log's root"));
            } else {
                let good = self.last_good_checkpoint;
                let at = self.first_event_problem.filter(|at| (good..size).contains(at));
                self.report.problem(
                    Some(at.unwrap_or(good)),
                    "checkpoint",
                    format!(
                        "the log's first {size} events do not match {what}: an event from {good} to {} was changed, removed or reordered",
                        size - 1
                    ),
                );
            }
        }
    }

    /// Step 5 (when no event was missing): the end of the log against the stored right edge,
    /// the leaves beyond it and the checkpoints no event reached.
    pub(super) fn compare_end(&mut self, tx: &mut dyn Tx, stored_frontier: Option<Frontier>) -> Result<(), AppError> {
        let report = &mut self.report;
        if let Some(stored_frontier) = stored_frontier {
            if report.tree_size > report.events {
                report.problem(
                    Some(report.events),
                    "truncated",
                    format!(
                        "the log holds {} events but its tree says {}: events at the end were removed",
                        report.events, report.tree_size
                    ),
                );
            } else if report.tree_size < report.events {
                report.problem(
                    Some(report.tree_size),
                    "tree",
                    format!(
                        "the tree's right edge covers {} events but the log holds {}: it was removed or rewound",
                        report.tree_size, report.events
                    ),
                );
            } else if stored_frontier.root() != self.frontier.root() && report.problems.is_empty() {
                report.problem(None, "tree", "the stored right edge of the tree does not match the events".into());
            }
        }
        // Events cut off the end together with a rewound (or unreadable) right edge still leave
        // their leaves behind.
        if report.tree_size <= report.events && single(tx, 0, report.events)? != Stored::Missing {
            report.problem(
                Some(report.events),
                "truncated",
                format!("the tree holds a leaf for event {} but the log ends before it: events at the end were removed", report.events),
            );
        }
        for (size, checks) in std::mem::take(&mut self.expected) {
            for (_, what) in checks {
                report.problem(
                    Some(report.events),
                    "truncated",
                    format!("{what} covers {size} events but the log holds {}: the log was truncated or rebuilt", report.events),
                );
            }
        }
        Ok(())
    }

    /// Step 6 (when no event was missing): checkpoints are signed on a schedule (the first event
    /// of a vault at once, then every `every` events or `checkpoint_every_minutes`), so the newest
    /// stored one is never further behind the log's end than that: stored checkpoints that should
    /// be there and are not were deleted (whoever edits a log and recomputes its hashes deletes
    /// the checkpoints that would catch it).
    pub(super) fn check_schedule(&mut self, every: u64) {
        let events = self.report.events;
        match self.newest_stored {
            None if events > 0 => self.report.problem(
                None,
                "checkpoint",
                format!("the log holds {events} events but no signed checkpoint: the first is made with the first event, so they were deleted"),
            ),
            // Twice the interval: a checkpoint signed in a transaction that then rolled back is
            // lost, and the next one comes up to one interval late.
            Some(size) if size.saturating_add(every.saturating_mul(2)) < events => self.report.problem(
                None,
                "checkpoint",
                format!(
                    "the newest signed checkpoint covers {size} of {events} events, but one is made every {every} events: later ones were deleted \
                     (or checkpoint_every_events was lowered since the last one)"
                ),
            ),
            _ => {}
        }
    }

    /// Step 7: rows numbered below the log's first index are none of its events and no query
    /// shows them; only a hand edit puts them there.
    pub(super) fn find_stray_events(&mut self, tx: &mut dyn Tx) -> Result<(), AppError> {
        let stray = tx.stray_audit_events()?;
        if stray > 0 {
            self.report.problem(
                None,
                "inserted",
                format!("{stray} event rows carry a negative sequence number: they were added by hand, outside the log"),
            );
        }
        Ok(())
    }
}

/// Reads one level of the stored tree in index order, a chunk at a time.
#[derive(Default)]
struct LevelCursor {
    next: u64,
    buffered: VecDeque<(u64, Hash)>,
    /// The last hashes passed, for telling a moved event from an edited one.
    passed: VecDeque<(u64, Hash)>,
    exhausted: bool,
    /// Below this index the hashes are read one at a time: a chunk held one that could not be
    /// read, and it is that one that must be named.
    single_until: u64,
}

/// How many passed hashes a cursor keeps to recognise moved events.
const PASSED_KEPT: usize = 1024;

/// A stored tree hash as the verifier finds it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stored {
    Hash(Hash),
    Missing,
    /// The row is there but its hash is not 32 bytes (or not bytes at all).
    Unreadable,
}

impl LevelCursor {
    /// The stored hash at `index` of `level`; indexes must be asked for in increasing order.
    fn get(&mut self, tx: &mut dyn Tx, level: u32, index: u64) -> Result<Stored, AppError> {
        while let Some(passed) = self.buffered.pop_front_if(|(at, _)| *at < index) {
            if self.passed.len() == PASSED_KEPT {
                self.passed.pop_front();
            }
            self.passed.push_back(passed);
        }
        if index < self.single_until {
            return single(tx, level, index);
        }
        if self.buffered.is_empty() && !self.exhausted {
            match tx.audit_subtrees(level, index.max(self.next), CHUNK) {
                Ok(chunk) => {
                    self.exhausted = chunk.len() < CHUNK;
                    self.next = chunk.last().map_or(self.next, |(at, _)| at + 1);
                    self.buffered.extend(chunk);
                }
                Err(error) if error.is_unreadable_value() => {
                    self.single_until = index.saturating_add(CHUNK as u64);
                    self.next = self.single_until;
                    return single(tx, level, index);
                }
                Err(error) => return Err(error.into()),
            }
        }
        Ok(self.buffered.front().filter(|(at, _)| *at == index).map_or(Stored::Missing, |(_, hash)| Stored::Hash(*hash)))
    }

    /// The index of a nearby stored hash equal to `hash` (for telling a moved event from an
    /// edited one): one of the last passed or of those read ahead.
    fn position_of(&self, hash: &Hash) -> Option<u64> {
        self.passed.iter().chain(&self.buffered).find(|(_, stored)| stored == hash).map(|(at, _)| *at)
    }
}

/// The next chunk of events from `from`. A chunk with a value that cannot be read is read
/// again one event at a time, so that the damaged event is named (as `None`) and the rest are
/// still checked.
fn read_events(tx: &mut dyn Tx, from: u64) -> Result<Vec<(u64, Option<AuditEvent>)>, AppError> {
    match tx.audit_events(from, CHUNK) {
        Ok(events) => return Ok(events.into_iter().map(|(seq, event)| (seq, Some(event))).collect()),
        Err(error) if error.is_unreadable_value() => {}
        Err(error) => return Err(error.into()),
    }
    // The sequence numbers alone say where each row is (so a gap before a damaged row is still
    // a gap); each row is then read by itself.
    let mut events = Vec::new();
    for seq in tx.audit_event_seqs(from, CHUNK)? {
        match tx.audit_events(seq, 1) {
            Ok(mut found) => match found.pop() {
                Some((found_seq, event)) if found_seq == seq => events.push((seq, Some(event))),
                // A sequence number the row read cannot reach (hand-set out of range).
                _ => events.push((seq, None)),
            },
            Err(error) if error.is_unreadable_value() => events.push((seq, None)),
            Err(error) => return Err(error.into()),
        }
    }
    Ok(events)
}

fn single(tx: &mut dyn Tx, level: u32, index: u64) -> Result<Stored, AppError> {
    match tx.audit_subtree(level, index) {
        Ok(Some(hash)) => Ok(Stored::Hash(hash)),
        Ok(None) => Ok(Stored::Missing),
        Err(error) if error.is_unreadable_value() => Ok(Stored::Unreadable),
        Err(error) => Err(error.into()),
    }
}
