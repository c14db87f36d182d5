//! The tamper-evident audit log: signed checkpoints, verification of the whole log, and
//! inclusion proofs an outsider can check with nothing but the proof, a checkpoint and the log's
//! public key.
//!
//! What protects what: the stored tree hashes make proofs cheap and name the first damaged event
//! when someone edited rows without recomputing hashes; the signed checkpoints catch someone who
//! rewrote events and hashes alike, because only the shop key signs; and a checkpoint the owner
//! keeps elsewhere catches even a log rebuilt from scratch, signed with a new key.

pub(crate) mod draft;
pub(crate) mod queries;

use std::cell::RefCell;
use std::collections::{BTreeMap, VecDeque};

use strongroom_audit::{
    AuditEvent, Checkpoint, CheckpointError, Frontier, Hash, SubtreeSource, VerifierKey, consistency_proof, empty_root, inclusion_proof,
    leaf_hash, sign_note, verify_consistency, verify_inclusion,
};
use strongroom_domain::{Actor, AuditAction, DomainError, Outcome, Permission};
use strongroom_store::{CheckpointRow, Tx};
use time::format_description::well_known::Rfc3339;

use crate::trail::draft::EventDraft;
use crate::{AppError, Vault, from_micros};

/// How many rows verification reads per query.
const CHUNK: usize = 10_000;

/// One thing wrong with the log, at the first event index it concerns (when there is one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifyProblem {
    pub index: Option<u64>,
    pub kind: &'static str,
    pub message: String,
}

/// The outcome of `audit verify`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct VerifyReport {
    pub events: u64,
    pub tree_size: u64,
    pub checkpoints_checked: u64,
    /// The size of the external checkpoint checked against, if one was given.
    pub against_size: Option<u64>,
    /// The first problems found (at most [`MAX_PROBLEMS`]); `more_problems` counts the rest.
    pub problems: Vec<VerifyProblem>,
    pub more_problems: u64,
    /// The smallest event index any problem named, kept or not.
    first_bad: Option<u64>,
}

/// How many problems a report lists; a badly damaged log would otherwise list every event.
pub const MAX_PROBLEMS: usize = 100;

impl VerifyReport {
    pub fn is_ok(&self) -> bool {
        self.problems.is_empty()
    }

    /// The smallest event index any problem names.
    pub fn first_bad_index(&self) -> Option<u64> {
        self.first_bad
    }

    /// Whether further problems are only counted.
    fn is_full(&self) -> bool {
        self.problems.len() >= MAX_PROBLEMS
    }

    fn problem(&mut self, index: Option<u64>, kind: &'static str, message: String) {
        if let Some(index) = index {
            self.first_bad = Some(self.first_bad.map_or(index, |first| first.min(index)));
        }
        if !self.is_full() {
            self.problems.push(VerifyProblem { index, kind, message });
        } else {
            self.more_problems += 1;
        }
    }
}

/// A proof that one event is in the log, for an outsider to check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InclusionProof {
    pub index: u64,
    /// The event's canonical encoding (ids and categories only, no personal data).
    pub event: Vec<u8>,
    pub proof: Vec<Hash>,
    /// The signed checkpoint whose tree the proof leads to, and its size.
    pub checkpoint: String,
    pub tree_size: u64,
    /// The log's public key, for convenience; a careful checker uses their own copy.
    pub verifier_key: String,
}

/// Checks an inclusion proof with only the checkpoint and the log's public key: the signature,
/// that the proof is for the checkpoint's size, and the path from the event to the root.
pub fn check_inclusion_proof(
    key: &VerifierKey,
    checkpoint_note: &str,
    index: u64,
    event: &[u8],
    proof: &[Hash],
) -> Result<(Checkpoint, AuditEvent), String> {
    let checkpoint = key.open_checkpoint(checkpoint_note).map_err(|error| format!("the checkpoint: {error}"))?;
    let decoded = AuditEvent::decode(event).map_err(|error| format!("the event: {error}"))?;
    verify_inclusion(&leaf_hash(event), index, checkpoint.size, proof, &checkpoint.root)
        .map_err(|error| format!("event {index} is not in the log of size {}: {error}", checkpoint.size))?;
    Ok((checkpoint, decoded))
}

/// A proof that the log a kept checkpoint saw is a prefix of the log now (RFC 9162 2.1.4), for
/// an outsider to check with their kept checkpoint and the public key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConsistencyProof {
    /// The checkpoint the owner kept, as given, and its size.
    pub old_checkpoint: String,
    pub old_size: u64,
    /// A checkpoint of the log as it is now, signed for this proof, and its size.
    pub new_checkpoint: String,
    pub new_size: u64,
    pub proof: Vec<Hash>,
    /// The log's public key, for convenience; a careful checker uses their own copy.
    pub verifier_key: String,
}

/// Checks a consistency proof with only the two checkpoints and the log's public key: both
/// signatures, and that the old tree is a prefix of the new one.
pub fn check_consistency_proof(
    key: &VerifierKey,
    old_note: &str,
    new_note: &str,
    proof: &[Hash],
) -> Result<(Checkpoint, Checkpoint), String> {
    let old = key.open_checkpoint(old_note).map_err(|error| format!("the old checkpoint: {error}"))?;
    let new = key.open_checkpoint(new_note).map_err(|error| format!("the new checkpoint: {error}"))?;
    if old.size == 0 && old.root != empty_root() {
        return Err("the old checkpoint is of an empty log but does not carry the empty log's root".into());
    }
    verify_consistency(old.size, new.size, &old.root, &new.root, proof)
        .map_err(|error| format!("the log of {} events is not a prefix of the log of {}: {error}", old.size, new.size))?;
    Ok((old, new))
}

/// Perfect-subtree hashes read from the store, for building proofs.
struct StoredTree<'a, 'b> {
    tx: RefCell<&'a mut (dyn Tx + 'b)>,
}

impl SubtreeSource for StoredTree<'_, '_> {
    fn perfect_subtree(&self, level: u32, index: u64) -> Result<Hash, strongroom_audit::ProofError> {
        self.tx
            .borrow_mut()
            .audit_subtree(level, index)
            .map_err(|error| strongroom_audit::ProofError::Missing(error.to_string()))?
            .ok_or_else(|| strongroom_audit::ProofError::Missing(format!("level {level} index {index}")))
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

fn rfc3339(micros: i64) -> String {
    from_micros(micros).ok().and_then(|at| at.format(&Rfc3339).ok()).unwrap_or_default()
}

impl Vault {
    /// A checkpoint someone kept, opened with this log's key: one that is not a signed
    /// checkpoint at all, or whose signature by this key fails (the file was altered), is bad
    /// input; one signed by another key only means this log is not the one it was taken from
    /// (rebuilt under a new key, or another shop's).
    fn open_kept_checkpoint(&self, note: &str, field: &'static str) -> Result<Checkpoint, AppError> {
        self.keys.log_verifier.open_checkpoint(note).map_err(|error| match error {
            CheckpointError::NotSignedBy(_) => {
                AppError::corrupt("the checkpoint given was not signed by this log's key: this log is not the one it was taken from")
            }
            _ => DomainError::Invalid { field, reason: format!("the checkpoint given cannot be read: {error}") }.into(),
        })
    }

    /// The public key that checks this log's checkpoints, in signed-note verifier form.
    pub fn audit_verifier_key(&self) -> String {
        self.keys.log_verifier.to_string()
    }

    /// Signs a checkpoint of the tree as it stands in `tx`.
    pub(crate) fn sign_checkpoint(&self, tx: &mut dyn Tx, now_micros: i64) -> Result<CheckpointRow, AppError> {
        let frontier = tx.audit_frontier()?;
        let checkpoint = Checkpoint {
            origin: self.keys.log_verifier.name().to_owned(),
            size: frontier.size(),
            root: frontier.root(),
            extensions: vec![format!("time {}", rfc3339(now_micros))],
        };
        let note = sign_note(&checkpoint.body(), &self.keys.log_verifier, |message| self.keys.log_key.sign(message));
        Ok(CheckpointRow { size: checkpoint.size, root: checkpoint.root, at_unix_micros: now_micros, note })
    }

    /// A checkpoint of the log as it is now (this request included), signed, for the owner to
    /// keep somewhere else.
    pub fn audit_checkpoint(&self, actor: &Actor) -> Result<String, AppError> {
        self.require(actor, Permission::AuditRead, AuditAction::AuditCheckpoint, None)?;
        let mut tx = self.store.begin()?;
        tx.append_audit_events(&[EventDraft::new(actor, AuditAction::AuditCheckpoint).finish(Outcome::Allowed)])?;
        let now = crate::now_micros();
        let checkpoint = self.sign_checkpoint(tx.as_mut(), now)?;
        tx.insert_checkpoint(&checkpoint)?;
        tx.commit()?;
        *self.checkpoint_clock.lock().unwrap_or_else(|poisoned| poisoned.into_inner()) = (checkpoint.size, now);
        Ok(checkpoint.note)
    }

    /// Recomputes the whole tree from the stored events and checks it against the stored tree
    /// hashes, every stored checkpoint (signature and root) and, if given, a checkpoint kept
    /// elsewhere. Reports the problems found (the first [`MAX_PROBLEMS`], and how many more),
    /// each with the first event index it concerns.
    pub fn verify_audit_log(&self, actor: &Actor, against: Option<&str>) -> Result<VerifyReport, AppError> {
        self.require(actor, Permission::AuditRead, AuditAction::AuditVerify, None)?;
        let mut report = self.check_trail(against)?;
        // The rows that grant access: one changed or written without the shop key is refused at
        // use; here every such row is named (issue 11).
        let mut tx = self.store.begin_snapshot()?;
        for (kind, id, what) in self.tampered_access_rows(tx.as_mut())? {
            report.problem(
                None,
                "access",
                format!("{what} ({} {id}) fails its integrity check: it was written or changed without the shop key", kind.as_str()),
            );
        }
        drop(tx);
        // Record the check; on a damaged log the append itself is refused, and the report stands.
        let mut tx = self.store.begin()?;
        let detail = if report.is_ok() {
            format!("{} events verified", report.events)
        } else {
            format!("{} problems", report.problems.len() as u64 + report.more_problems)
        };
        let outcome = if report.is_ok() { Outcome::Allowed } else { Outcome::Failed };
        if self.record(tx.as_mut(), &[EventDraft::new(actor, AuditAction::AuditVerify).detail(detail).finish(outcome)]).is_ok() {
            tx.commit()?;
        }
        Ok(report)
    }

    /// The whole check of `verify_audit_log`, without its permission check or its event: also
    /// what the one-time keying of an older store's access rows trusts the trail by.
    pub(crate) fn check_trail(&self, against: Option<&str>) -> Result<VerifyReport, AppError> {
        let mut report = VerifyReport::default();
        // One snapshot throughout: other instances may append while this runs.
        let mut tx = self.store.begin_snapshot()?;
        let key = &self.keys.log_verifier;

        // The sizes whose roots must come out right: stored checkpoints (as their signed notes
        // say, not as their columns say) and the external one.
        let mut expected: BTreeMap<u64, Vec<(Hash, &'static str)>> = BTreeMap::new();
        // The largest size a stored checkpoint's signed note covers: the schedule says how far
        // behind the log's end it may be.
        let mut newest_stored: Option<u64> = None;
        // Whatever else a row says, a note that opens is compared: someone who rewrote the tree
        // and a checkpoint's columns to match must not switch off the comparison with its
        // signed root.
        let mut compare = |report: &mut VerifyReport, note: &str, columns: Option<(u64, Hash)>| match key.open_checkpoint(note) {
            Ok(checkpoint) => {
                if let Some((size, _)) = columns.filter(|columns| *columns != (checkpoint.size, checkpoint.root)) {
                    report.problem(None, "checkpoint", format!("the stored checkpoint at size {size} does not match its signed note"));
                }
                expected.entry(checkpoint.size).or_default().push((checkpoint.root, "stored checkpoint"));
                newest_stored = newest_stored.max(Some(checkpoint.size));
            }
            Err(error) => {
                let at = columns.map_or_else(String::new, |(size, _)| format!(" at size {size}"));
                report.problem(None, "checkpoint", format!("the stored checkpoint{at}: {error}"));
            }
        };
        match tx.checkpoints() {
            Ok(rows) => {
                for row in rows {
                    compare(&mut report, &row.note, Some((row.size, row.root)));
                }
            }
            Err(error) if error.is_unreadable_value() => {
                // A column was edited: the signed notes alone still say which roots the log
                // must reach.
                report.problem(None, "checkpoint", format!("a stored checkpoint row cannot be read back: {error}"));
                for note in tx.checkpoint_notes()? {
                    match note {
                        Some(note) => compare(&mut report, &note, None),
                        None => report.problem(None, "checkpoint", "a stored checkpoint's signed note is not text".into()),
                    }
                }
            }
            Err(error) => return Err(error.into()),
        }
        if let Some(note) = against {
            match key.open_checkpoint(note) {
                Ok(checkpoint) => {
                    report.against_size = Some(checkpoint.size);
                    expected.entry(checkpoint.size).or_default().push((checkpoint.root, "the checkpoint you kept"));
                }
                // A file that is not a signed checkpoint at all, or was altered after it was
                // signed, says nothing about this log.
                Err(error @ (CheckpointError::Malformed(_) | CheckpointError::NotCheckpoint(_) | CheckpointError::BadSignature(_))) => {
                    return Err(DomainError::Invalid {
                        field: "against",
                        reason: format!("the checkpoint you kept cannot be read: {error}"),
                    }
                    .into());
                }
                Err(error) => report.problem(
                    None,
                    "rebuilt",
                    format!(
                        "the checkpoint you kept was not signed by this log's key ({error}): this log is not the one it was taken from"
                    ),
                ),
            }
        }

        let stored_frontier = match tx.audit_frontier() {
            Ok(frontier) => Some(frontier),
            Err(error) if error.is_unreadable_value() => {
                report.problem(None, "tree", format!("the stored right edge of the tree cannot be read: {error}"));
                None
            }
            Err(error) => return Err(error.into()),
        };
        report.tree_size = stored_frontier.as_ref().map_or(0, Frontier::size);
        let mut frontier = Frontier::new();
        let mut cursors: BTreeMap<u32, LevelCursor> = BTreeMap::new();
        let mut tree_trusted = true;
        // The size of the last checkpoint whose root came out right: damage found by a later
        // checkpoint lies after it.
        let mut last_good_checkpoint = 0u64;
        // The first event an edit, a removal or a reordering was found at: a checkpoint that no
        // longer matches names it rather than the start of its stretch.
        let mut first_event_problem: Option<u64> = None;
        // A checkpoint of the empty log: its root is the hash of nothing.
        for (root, what) in expected.remove(&0).unwrap_or_default() {
            report.checkpoints_checked += 1;
            if root != frontier.root() {
                report.problem(Some(0), "checkpoint", format!("{what} at size 0 does not carry the empty log's root"));
            }
        }
        let mut from = 0u64;
        // Set at the first missing event: the scan stops there (not on the report, which keeps
        // only the first problems it is given).
        let mut deleted = false;
        while !deleted {
            let events = read_events(tx.as_mut(), from)?;
            let Some(last) = events.last() else { break };
            let next_from = last.0.saturating_add(1);
            for (seq, event) in events {
                let index = frontier.size();
                if seq != index {
                    report.problem(Some(index), "deleted", format!("event {index} is missing (the next stored event is {seq})"));
                    first_event_problem.get_or_insert(index);
                    tree_trusted = false;
                    deleted = true;
                    break;
                }
                let leaves = cursors.entry(0).or_default();
                let stored = leaves.get(tx.as_mut(), 0, index)?;
                let leaf = match event {
                    Some(event) => {
                        let leaf = leaf_hash(&event.encode());
                        match stored {
                            Stored::Hash(stored) if stored == leaf => {}
                            Stored::Hash(_) => {
                                // Once the report is full the kind is not kept: no search.
                                let moved = if report.is_full() { None } else { leaves.position_of(&leaf) };
                                let (kind, message) = match moved {
                                    Some(at) => (
                                        "reordered",
                                        format!("event {index} holds what the tree records for event {at}: events were reordered"),
                                    ),
                                    None => ("changed", format!("event {index} does not match its leaf hash: it was edited")),
                                };
                                report.problem(Some(index), kind, message);
                                first_event_problem.get_or_insert(index);
                                tree_trusted = false;
                            }
                            Stored::Missing => report.problem(Some(index), "tree", format!("the tree holds no leaf for event {index}")),
                            Stored::Unreadable => {
                                report.problem(Some(index), "tree", format!("the tree's leaf for event {index} cannot be read"));
                                tree_trusted = false;
                            }
                        }
                        leaf
                    }
                    None => {
                        report.problem(
                            Some(index),
                            "changed",
                            format!("event {index} cannot be read back (a column holds a value of the wrong kind): it was edited"),
                        );
                        first_event_problem.get_or_insert(index);
                        tree_trusted = false;
                        // Its stored leaf stands in, so the events after it are still checked.
                        match stored {
                            Stored::Hash(stored) => stored,
                            Stored::Missing | Stored::Unreadable => [0; 32],
                        }
                    }
                };
                let mut completed = Vec::new();
                frontier.push(leaf, |level, at, hash| {
                    if level > 0 {
                        completed.push((level, at, *hash));
                    }
                });
                if tree_trusted {
                    for (level, at, hash) in completed {
                        if cursors.entry(level).or_default().get(tx.as_mut(), level, at)? != Stored::Hash(hash) {
                            let first = at << level;
                            report.problem(
                                Some(first),
                                "tree",
                                format!("the stored tree hash for events {first}..{} is wrong", (at + 1) << level),
                            );
                            tree_trusted = false;
                        }
                    }
                }
                for (root, what) in expected.remove(&frontier.size()).unwrap_or_default() {
                    report.checkpoints_checked += 1;
                    if root == frontier.root() {
                        last_good_checkpoint = frontier.size();
                    } else {
                        let at = first_event_problem.filter(|at| (last_good_checkpoint..frontier.size()).contains(at));
                        report.problem(
                            Some(at.unwrap_or(last_good_checkpoint)),
                            "checkpoint",
                            format!(
                                "the log's first {} events do not match {what}: an event from {} to {} was changed, removed or reordered",
                                frontier.size(),
                                last_good_checkpoint,
                                frontier.size() - 1
                            ),
                        );
                    }
                }
            }
            from = next_from;
        }
        report.events = frontier.size();
        if let Some(stored_frontier) = stored_frontier.filter(|_| !deleted) {
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
            } else if stored_frontier.root() != frontier.root() && report.problems.is_empty() {
                report.problem(None, "tree", "the stored right edge of the tree does not match the events".into());
            }
        }
        // Events cut off the end together with a rewound (or unreadable) right edge still leave
        // their leaves behind.
        if !deleted && report.tree_size <= report.events && single(tx.as_mut(), 0, report.events)? != Stored::Missing {
            report.problem(
                Some(report.events),
                "truncated",
                format!("the tree holds a leaf for event {} but the log ends before it: events at the end were removed", report.events),
            );
        }
        // After a deleted event the scan stops; the checkpoints beyond it say nothing more.
        if !deleted {
            for (size, checks) in expected {
                for (_, what) in checks {
                    report.problem(
                        Some(report.events),
                        "truncated",
                        format!("{what} covers {size} events but the log holds {}: the log was truncated or rebuilt", report.events),
                    );
                }
            }
        }
        // Checkpoints are signed on a schedule (the first event of a vault at once, then every
        // `checkpoint_every_events` events or `checkpoint_every_minutes`), so the newest stored one
        // is never further behind the log's end than that: stored checkpoints that should be
        // there and are not were deleted (whoever edits a log and recomputes its hashes deletes
        // the checkpoints that would catch it).
        let every = self.settings.checkpoint_every_events;
        match newest_stored {
            None if report.events > 0 && !deleted => report.problem(
                None,
                "checkpoint",
                format!(
                    "the log holds {} events but no signed checkpoint: the first is made with the first event, so they were deleted",
                    report.events
                ),
            ),
            // Twice the interval: a checkpoint signed in a transaction that then rolled back is
            // lost, and the next one comes up to one interval late.
            Some(size) if !deleted && size.saturating_add(every.saturating_mul(2)) < report.events => report.problem(
                None,
                "checkpoint",
                format!(
                    "the newest signed checkpoint covers {size} of {} events, but one is made every {every} events: later ones were deleted \
                     (or checkpoint_every_events was lowered since the last one)",
                    report.events
                ),
            ),
            _ => {}
        }
        // Rows numbered below the log's first index are none of its events and no query shows
        // them; only a hand edit puts them there.
        let stray = tx.stray_audit_events()?;
        if stray > 0 {
            report.problem(
                None,
                "inserted",
                format!("{stray} event rows carry a negative sequence number: they were added by hand, outside the log"),
            );
        }
        drop(tx);
        Ok(report)
    }

    /// An inclusion proof for event `index`, against `against` (a checkpoint the asker holds) or
    /// else the earliest stored checkpoint that covers it (making one if none does yet).
    pub fn prove_inclusion(&self, actor: &Actor, index: u64, against: Option<&str>) -> Result<InclusionProof, AppError> {
        self.require(actor, Permission::AuditRead, AuditAction::AuditProve, None)?;
        let mut tx = self.store.begin()?;
        let checkpoint_note = match against {
            Some(note) => {
                let checkpoint = self.open_kept_checkpoint(note, "against")?;
                if checkpoint.size > tx.audit_frontier()?.size() {
                    return Err(AppError::corrupt("the checkpoint given covers more events than this log holds"));
                }
                note.to_owned()
            }
            None => match tx.checkpoints()?.into_iter().find(|checkpoint| checkpoint.size > index) {
                Some(checkpoint) => checkpoint.note,
                None => {
                    let now = crate::now_micros();
                    let checkpoint = self.sign_checkpoint(tx.as_mut(), now)?;
                    tx.insert_checkpoint(&checkpoint)?;
                    checkpoint.note
                }
            },
        };
        let checkpoint = self.keys.log_verifier.open_checkpoint(&checkpoint_note).map_err(|error| AppError::corrupt(error.to_string()))?;
        if index >= checkpoint.size {
            return Err(AppError::NotFound("event in that checkpoint"));
        }
        let event =
            tx.audit_events(index, 1)?.into_iter().next().filter(|(seq, _)| *seq == index).ok_or(AppError::NotFound("audit event"))?.1;
        let proof = {
            let source = StoredTree { tx: RefCell::new(tx.as_mut()) };
            inclusion_proof(&source, index, checkpoint.size).map_err(|error| AppError::corrupt(error.to_string()))?
        };
        let event = event.encode();
        verify_inclusion(&leaf_hash(&event), index, checkpoint.size, &proof, &checkpoint.root)
            .map_err(|_| AppError::corrupt(format!("event {index} does not prove into the checkpoint: run `strongroom audit verify`")))?;
        self.record(
            tx.as_mut(),
            &[EventDraft::new(actor, AuditAction::AuditProve).detail(format!("event {index}")).finish(Outcome::Allowed)],
        )?;
        tx.commit()?;
        Ok(InclusionProof {
            index,
            event,
            proof,
            checkpoint: checkpoint_note,
            tree_size: checkpoint.size,
            verifier_key: self.keys.log_verifier.to_string(),
        })
    }

    /// A consistency proof from `old_note` (a checkpoint the owner kept) to a checkpoint of the
    /// log as it is now, signed for the occasion. Refused when the log no longer extends it.
    pub fn prove_consistency(&self, actor: &Actor, old_note: &str) -> Result<ConsistencyProof, AppError> {
        self.require(actor, Permission::AuditRead, AuditAction::AuditProve, None)?;
        let old = self.open_kept_checkpoint(old_note, "old")?;
        let mut tx = self.store.begin()?;
        let newest = self.sign_checkpoint(tx.as_mut(), crate::now_micros())?;
        tx.insert_checkpoint(&newest)?;
        if old.size > newest.size {
            return Err(AppError::corrupt(format!(
                "the checkpoint given covers {} events but this log holds {}: it was truncated or rebuilt",
                old.size, newest.size
            )));
        }
        let proof = {
            let source = StoredTree { tx: RefCell::new(tx.as_mut()) };
            consistency_proof(&source, old.size, newest.size).map_err(|error| AppError::corrupt(error.to_string()))?
        };
        check_consistency_proof(&self.keys.log_verifier, old_note, &newest.note, &proof).map_err(|_| {
            AppError::corrupt("this log does not extend the checkpoint given: run `strongroom audit verify --against` on it")
        })?;
        self.record(
            tx.as_mut(),
            &[EventDraft::new(actor, AuditAction::AuditProve)
                .detail(format!("consistency of {} events with {}", old.size, newest.size))
                .finish(Outcome::Allowed)],
        )?;
        tx.commit()?;
        Ok(ConsistencyProof {
            old_checkpoint: old_note.to_owned(),
            old_size: old.size,
            new_checkpoint: newest.note,
            new_size: newest.size,
            proof,
            verifier_key: self.keys.log_verifier.to_string(),
        })
    }
}
