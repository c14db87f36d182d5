//! The tamper-evident audit log: signed checkpoints, verification of the whole log, and
//! inclusion proofs an outsider can check with nothing but the proof, a checkpoint and the log's
//! public key.
//!
//! What protects what: the stored tree hashes make proofs cheap and name the first damaged event
//! when someone edited rows without recomputing hashes; the signed checkpoints catch someone who
//! rewrote events and hashes alike, because only the shop key signs; and a checkpoint the owner
//! keeps elsewhere catches even a log rebuilt from scratch, signed with a new key.

use std::cell::RefCell;
use std::collections::{BTreeMap, VecDeque};

use strongroom_audit::{
    AuditEvent, Checkpoint, CheckpointError, Frontier, Hash, SubtreeSource, VerifierKey, inclusion_proof, leaf_hash, sign_note,
    verify_inclusion,
};
use strongroom_domain::{Actor, AuditAction, DomainError, Outcome, Permission};
use strongroom_store::{CheckpointRow, Tx};
use time::format_description::well_known::Rfc3339;

use crate::audit_trail::EventDraft;
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
    pub problems: Vec<VerifyProblem>,
}

impl VerifyReport {
    pub fn is_ok(&self) -> bool {
        self.problems.is_empty()
    }

    /// The smallest event index any problem names.
    pub fn first_bad_index(&self) -> Option<u64> {
        self.problems.iter().filter_map(|problem| problem.index).min()
    }

    fn problem(&mut self, index: Option<u64>, kind: &'static str, message: String) {
        if self.problems.len() < 100 {
            self.problems.push(VerifyProblem { index, kind, message });
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
    /// The signed checkpoint whose tree the proof leads to.
    pub checkpoint: String,
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
    exhausted: bool,
}

impl LevelCursor {
    /// The stored hash at `index` of `level`; indexes must be asked for in increasing order.
    fn get(&mut self, tx: &mut dyn Tx, level: u32, index: u64) -> Result<Option<Hash>, AppError> {
        while self.buffered.front().is_some_and(|(at, _)| *at < index) {
            self.buffered.pop_front();
        }
        if self.buffered.is_empty() && !self.exhausted {
            let chunk = tx.audit_subtrees(level, index.max(self.next), CHUNK)?;
            self.exhausted = chunk.len() < CHUNK;
            self.next = chunk.last().map_or(self.next, |(at, _)| at + 1);
            self.buffered.extend(chunk);
        }
        Ok(self.buffered.front().filter(|(at, _)| *at == index).map(|(_, hash)| *hash))
    }
}

fn rfc3339(micros: i64) -> String {
    from_micros(micros).ok().and_then(|at| at.format(&Rfc3339).ok()).unwrap_or_default()
}

impl Vault {
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
    /// elsewhere. Reports every problem found with the first event index it concerns.
    pub fn verify_audit_log(&self, actor: &Actor, against: Option<&str>) -> Result<VerifyReport, AppError> {
        self.require(actor, Permission::AuditRead, AuditAction::AuditVerify, None)?;
        let mut report = VerifyReport::default();
        // One snapshot throughout: other instances may append while this runs.
        let mut tx = self.store.begin_snapshot()?;
        let key = &self.keys.log_verifier;

        // The sizes whose roots must come out right: stored checkpoints (as their signed notes
        // say, not as their columns say) and the external one.
        let mut expected: BTreeMap<u64, Vec<(Hash, &'static str)>> = BTreeMap::new();
        for row in tx.checkpoints()? {
            match key.open_checkpoint(&row.note) {
                Ok(checkpoint) if checkpoint.size == row.size && checkpoint.root == row.root => {
                    expected.entry(checkpoint.size).or_default().push((checkpoint.root, "stored checkpoint"));
                }
                Ok(_) => {
                    report.problem(None, "checkpoint", format!("the stored checkpoint at size {} does not match its signed note", row.size))
                }
                Err(error) => report.problem(None, "checkpoint", format!("the stored checkpoint at size {}: {error}", row.size)),
            }
        }
        if let Some(note) = against {
            match key.open_checkpoint(note) {
                Ok(checkpoint) => {
                    report.against_size = Some(checkpoint.size);
                    expected.entry(checkpoint.size).or_default().push((checkpoint.root, "the checkpoint you kept"));
                }
                // A file that is not a signed checkpoint at all says nothing about this log.
                Err(error @ (CheckpointError::Malformed(_) | CheckpointError::NotCheckpoint(_))) => {
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

        let stored_frontier = tx.audit_frontier()?;
        report.tree_size = stored_frontier.size();
        let mut frontier = Frontier::new();
        let mut cursors: BTreeMap<u32, LevelCursor> = BTreeMap::new();
        let mut tree_trusted = true;
        // The size of the last checkpoint whose root came out right: damage found by a later
        // checkpoint lies after it.
        let mut last_good_checkpoint = 0u64;
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
            let events = tx.audit_events(from, CHUNK)?;
            let Some(last) = events.last() else { break };
            let next_from = last.0.saturating_add(1);
            for (seq, event) in events {
                let index = frontier.size();
                if seq != index {
                    report.problem(Some(index), "deleted", format!("event {index} is missing (the next stored event is {seq})"));
                    tree_trusted = false;
                    deleted = true;
                    break;
                }
                let leaf = leaf_hash(&event.encode());
                match cursors.entry(0).or_default().get(tx.as_mut(), 0, index)? {
                    Some(stored) if stored == leaf => {}
                    Some(_) => {
                        report.problem(
                            Some(index),
                            "changed",
                            format!("event {index} does not match its leaf hash: it was edited, or events were reordered"),
                        );
                        tree_trusted = false;
                    }
                    None => report.problem(Some(index), "tree", format!("the tree holds no leaf for event {index}")),
                }
                let mut completed = Vec::new();
                frontier.push(leaf, |level, at, hash| {
                    if level > 0 {
                        completed.push((level, at, *hash));
                    }
                });
                if tree_trusted {
                    for (level, at, hash) in completed {
                        if cursors.entry(level).or_default().get(tx.as_mut(), level, at)? != Some(hash) {
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
                        report.problem(
                            Some(last_good_checkpoint),
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
        if report.tree_size > report.events && !deleted {
            report.problem(
                Some(report.events),
                "truncated",
                format!("the log holds {} events but its tree says {}: events at the end were removed", report.events, report.tree_size),
            );
        } else if report.tree_size < report.events && !deleted {
            report.problem(
                Some(report.tree_size),
                "tree",
                format!(
                    "the tree's right edge covers {} events but the log holds {}: it was removed or rewound",
                    report.tree_size, report.events
                ),
            );
        } else if report.tree_size == report.events && stored_frontier.root() != frontier.root() && report.problems.is_empty() {
            report.problem(None, "tree", "the stored right edge of the tree does not match the events".into());
        }
        // Events cut off the end together with a rewound right edge still leave their leaves.
        if !deleted && report.tree_size == report.events && tx.audit_subtree(0, report.events)?.is_some() {
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
        drop(tx);
        // Record the check; on a damaged log the append itself is refused, and the report stands.
        let mut tx = self.store.begin()?;
        let detail =
            if report.is_ok() { format!("{} events verified", report.events) } else { format!("{} problems", report.problems.len()) };
        let outcome = if report.is_ok() { Outcome::Allowed } else { Outcome::Failed };
        if self.record(tx.as_mut(), &[EventDraft::new(actor, AuditAction::AuditVerify).detail(detail).finish(outcome)]).is_ok() {
            tx.commit()?;
        }
        Ok(report)
    }

    /// An inclusion proof for event `index`, against `against` (a checkpoint the asker holds) or
    /// else the earliest stored checkpoint that covers it (making one if none does yet).
    pub fn prove_inclusion(&self, actor: &Actor, index: u64, against: Option<&str>) -> Result<InclusionProof, AppError> {
        self.require(actor, Permission::AuditRead, AuditAction::AuditProve, None)?;
        let mut tx = self.store.begin()?;
        let checkpoint_note = match against {
            Some(note) => {
                let checkpoint = self
                    .keys
                    .log_verifier
                    .open_checkpoint(note)
                    .map_err(|error| DomainError::Invalid { field: "against", reason: format!("the checkpoint given: {error}") })?;
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
        Ok(InclusionProof { index, event, proof, checkpoint: checkpoint_note, verifier_key: self.keys.log_verifier.to_string() })
    }
}
