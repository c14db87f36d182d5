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
mod verify;

use std::cell::RefCell;

use strongroom_audit::{
    AuditEvent, Checkpoint, CheckpointError, Hash, SubtreeSource, VerifierKey, consistency_proof, empty_root, inclusion_proof, leaf_hash,
    sign_note, verify_consistency, verify_inclusion,
};
use strongroom_domain::{Actor, AuditAction, DomainError, Outcome, Permission};
use strongroom_store::{CheckpointRow, Tx};
use time::format_description::well_known::Rfc3339;

use crate::trail::draft::EventDraft;
use crate::trail::verify::TrailCheck;
use crate::{AppError, Vault, from_micros};

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
        } else {
            drop(tx);
        }
        // Kept outside the trail too, so a check that found it damaged (and could not be
        // recorded in it) is still what the doctor reports.
        let mut tx = self.store.begin()?;
        tx.set_setting(crate::desk::doctor::LAST_VERIFY, if report.is_ok() { "ok" } else { "failed" }, crate::now_micros())?;
        tx.commit()?;
        Ok(report)
    }

    /// The whole check of `verify_audit_log`, without its permission check or its event: also
    /// what the one-time keying of an older store's access rows trusts the trail by.
    pub(crate) fn check_trail(&self, against: Option<&str>) -> Result<VerifyReport, AppError> {
        // One snapshot throughout: other instances may append while this runs.
        let mut tx = self.store.begin_snapshot()?;
        let mut check = TrailCheck::new(&self.keys.log_verifier);
        check.expect_stored_checkpoints(tx.as_mut())?;
        if let Some(note) = against {
            check.expect_kept_checkpoint(note)?;
        }
        let stored_frontier = check.read_stored_frontier(tx.as_mut())?;
        check.replay_events(tx.as_mut())?;
        if !check.deleted {
            check.compare_end(tx.as_mut(), stored_frontier)?;
            check.check_schedule(self.settings.checkpoint_every_events);
        }
        check.find_stray_events(tx.as_mut())?;
        Ok(check.report)
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
