//! The owner's evidence files for the self-assessment's questions they answer themselves (a
//! screenshot of the router's settings, the insurer's letter, a training sign-off sheet): one per
//! question, at most 4 MB, a PDF, a PNG or JPEG picture or a text file (told by its first bytes,
//! not its name). Scanned by ClamAV before anything keeps it, sealed whole under the
//! staff-secrets key in `desk_items` (bound to its id), and described in the owner's answer (its
//! name, type and size), so listing the answers never opens a file. The owner attaches and
//! removes; the owner and the external auditor read, each read recorded.

use serde::{Deserialize, Serialize};
use strongroom_domain::{Actor, Answerer, AuditAction, Outcome, Permission};
use strongroom_store::DeskItemRow;
use time::Date;
use uuid::Uuid;

use crate::antivirus::InMemory;
use crate::trail::draft::EventDraft;
use crate::{AppError, Vault, now_micros};

const KIND: &str = "evidence";
/// The largest evidence file taken.
pub const MAX_EVIDENCE_BYTES: usize = 4 * 1024 * 1024;

/// An evidence file as the owner's answer describes it.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct EvidenceRef {
    pub id: Uuid,
    /// The file's name, cleaned (letters, digits, spaces, dots, dashes and underscores).
    pub name: String,
    pub content_type: String,
    pub bytes: usize,
    pub added_on: String,
}

/// What a file is, by its first bytes: its content type, or why it is refused.
pub fn evidence_type(bytes: &[u8]) -> Result<&'static str, String> {
    const REFUSED: &str = "an evidence file must be a PDF, a PNG or JPEG picture, or a text file";
    if bytes.is_empty() {
        return Err("the evidence file is empty".into());
    }
    if bytes.len() > MAX_EVIDENCE_BYTES {
        return Err(format!("the file is larger than {} MB", MAX_EVIDENCE_BYTES / (1024 * 1024)));
    }
    Ok(match bytes {
        [b'%', b'P', b'D', b'F', b'-', ..] => "application/pdf",
        [0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a, ..] => "image/png",
        [0xff, 0xd8, 0xff, ..] => "image/jpeg",
        // Text: UTF-8 without control characters but tabs and line ends (a binary file has them).
        text if std::str::from_utf8(text).is_ok_and(|text| !text.chars().any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))) => {
            "text/plain; charset=utf-8"
        }
        _ => return Err(REFUSED.into()),
    })
}

/// The extension a file of `content_type` is offered with, whatever it was called.
fn extension(content_type: &str) -> &'static str {
    match content_type {
        "application/pdf" => "pdf",
        "image/png" => "png",
        "image/jpeg" => "jpg",
        _ => "txt",
    }
}

/// A file's name as it is kept and offered again: `name` cleaned, ending in the extension of
/// what the file is (a script sent as text comes back as `.txt`, never as `.hta` or `.bat`).
pub fn evidence_name(name: &str, content_type: &str) -> String {
    let cleaned = clean_name(name);
    let stem = match cleaned.rsplit_once('.') {
        Some((stem, _)) if !stem.is_empty() => stem,
        _ => cleaned.as_str(),
    };
    format!("{stem}.{}", extension(content_type))
}

/// A file name with no path and only plain characters, at most 80.
pub fn clean_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or_default();
    let kept: String = base
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, ' ' | '.' | '-' | '_'))
        .take(80)
        .collect::<String>()
        .trim_matches([' ', '.'])
        .to_owned();
    if kept.is_empty() { "evidence".into() } else { kept }
}

fn sealed_name(id: Uuid) -> String {
    format!("desk_items/{KIND}/{id}")
}

impl Vault {
    /// Attaches `bytes` as the evidence for the owner's answer to `question` (answered first),
    /// in place of any before it. Checked, scanned, sealed; recorded.
    pub fn attach_evidence(&self, actor: &Actor, question: &str, name: &str, bytes: &[u8], today: Date) -> Result<EvidenceRef, AppError> {
        self.require(actor, Permission::SettingsManage, AuditAction::AssessmentAnswer, None)?;
        let asked = strongroom_domain::question(question).ok_or(AppError::NotFound("question"))?;
        if asked.answerer != Answerer::Owner {
            return Err(AppError::Conflict("Strongroom answers this question itself, from what it finds".into()));
        }
        let content_type = evidence_type(bytes).map_err(AppError::Conflict)?;
        self.scan_upload(actor, "evidence file", &InMemory(bytes))?;
        let id = Uuid::now_v7();
        let evidence = EvidenceRef {
            id,
            name: evidence_name(name, content_type),
            content_type: content_type.to_owned(),
            bytes: bytes.len(),
            added_on: today.to_string(),
        };
        let row = DeskItemRow { kind: KIND.into(), id, body: self.seal_host_secret(&sealed_name(id), bytes)?, updated_at: now_micros() };
        let mut tx = self.store.begin()?;
        tx.lock_desk_items()?;
        let mut answers = self.owner_answers(tx.as_mut())?;
        let answer = answers
            .get_mut(question)
            .filter(|answer| answer.holds(question, today))
            .ok_or_else(|| AppError::Conflict("answer the question before attaching evidence".into()))?;
        if let Some(before) = answer.evidence.replace(evidence.clone()) {
            tx.delete_desk_item(KIND, before.id)?;
        }
        tx.put_desk_item(&row, None)?;
        self.keep_owner_answers(tx.as_mut(), &answers)?;
        // The file's name stays sealed in the answer: it is the owner's words, and the trail is forever.
        let detail = format!("{question}: evidence {id} ({}, {} bytes)", evidence.content_type, evidence.bytes);
        self.record(tx.as_mut(), &[EventDraft::new(actor, AuditAction::AssessmentAnswer).detail(detail).finish(Outcome::Allowed)])?;
        tx.commit()?;
        Ok(evidence)
    }

    /// Removes the evidence of the owner's answer to `question`; recorded. False when it had none.
    pub fn remove_evidence(&self, actor: &Actor, question: &str) -> Result<bool, AppError> {
        self.require(actor, Permission::SettingsManage, AuditAction::AssessmentAnswer, None)?;
        let mut tx = self.store.begin()?;
        tx.lock_desk_items()?;
        let mut answers = self.owner_answers(tx.as_mut())?;
        let Some(before) = answers.get_mut(question).and_then(|answer| answer.evidence.take()) else {
            tx.commit()?;
            return Ok(false);
        };
        tx.delete_desk_item(KIND, before.id)?;
        self.keep_owner_answers(tx.as_mut(), &answers)?;
        let detail = format!("{question}: evidence {} removed", before.id);
        self.record(tx.as_mut(), &[EventDraft::new(actor, AuditAction::AssessmentAnswer).detail(detail).finish(Outcome::Allowed)])?;
        tx.commit()?;
        Ok(true)
    }

    /// Deletes an evidence file's row in `tx` (its answer no longer stands behind it).
    pub(super) fn delete_evidence_row(&self, tx: &mut dyn strongroom_store::Tx, id: Uuid) -> Result<(), AppError> {
        tx.delete_desk_item(KIND, id)?;
        Ok(())
    }

    /// One evidence file, by its id, with what the answer says of it (the owner and the
    /// external auditor); each read recorded.
    pub fn evidence_file(&self, actor: &Actor, id: Uuid, today: Date) -> Result<(EvidenceRef, Vec<u8>), AppError> {
        self.require(actor, Permission::DeskRead, AuditAction::DeskRead, None)?;
        let mut tx = self.store.begin()?;
        tx.lock_desk_items()?;
        let answers = self.owner_answers(tx.as_mut())?;
        // Only the evidence of an answer that still stands is shown, as on the page.
        let (question, evidence) = answers
            .iter()
            .filter(|(question, answer)| answer.holds(question, today))
            .find_map(|(question, answer)| {
                answer.evidence.as_ref().filter(|evidence| evidence.id == id).map(|evidence| (question, evidence))
            })
            .ok_or(AppError::NotFound("evidence file"))?;
        let row = tx.desk_item(KIND, id)?.ok_or(AppError::NotFound("evidence file"))?;
        let bytes = self.open_host_secret(&sealed_name(id), &row.body)?;
        let detail = format!("{question}: evidence {id} read");
        self.record(tx.as_mut(), &[EventDraft::new(actor, AuditAction::DeskRead).detail(detail).finish(Outcome::Allowed)])?;
        tx.commit()?;
        Ok((evidence.clone(), bytes.to_vec()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_told_by_their_first_bytes() {
        assert_eq!(evidence_type(b"%PDF-1.7\n..."), Ok("application/pdf"));
        assert_eq!(evidence_type(b"\x89PNG\r\n\x1a\n...."), Ok("image/png"));
        assert_eq!(evidence_type(&[0xff, 0xd8, 0xff, 0xe0, 0]), Ok("image/jpeg"));
        assert_eq!(evidence_type("Router wachtwoord gewijzigd op 3 december".as_bytes()), Ok("text/plain; charset=utf-8"));
        assert!(evidence_type(b"MZ\x90\x00\x03").is_err(), "a program");
        assert!(evidence_type(b"PK\x03\x04").unwrap_err().contains("PDF"), "a zip (or an Office file)");
        assert!(evidence_type(b"").is_err());
        assert!(evidence_type(&vec![b'a'; MAX_EVIDENCE_BYTES + 1]).unwrap_err().contains("larger than 4 MB"));
    }

    #[test]
    fn a_file_comes_back_with_the_extension_of_what_it_is() {
        assert_eq!(evidence_name("router check.txt", "text/plain; charset=utf-8"), "router check.txt");
        assert_eq!(evidence_name("run-me.hta", "text/plain; charset=utf-8"), "run-me.txt");
        assert_eq!(evidence_name("invoice.PDF", "application/pdf"), "invoice.pdf");
        assert_eq!(evidence_name("photo", "image/jpeg"), "photo.jpg");
        assert_eq!(evidence_name(".bashrc", "text/plain; charset=utf-8"), "bashrc.txt");
    }

    #[test]
    fn names_keep_no_path_and_nothing_a_header_could_break_on() {
        assert_eq!(clean_name("C:\\Users\\olga\\router settings.png"), "router settings.png");
        assert_eq!(clean_name("../../etc/passwd"), "passwd");
        assert_eq!(clean_name("a\"; filename=evil.exe\r\n.pdf"), "a filenameevil.exe.pdf");
        assert_eq!(clean_name("..."), "evidence");
        assert_eq!(clean_name(&"x".repeat(200)).len(), 80);
    }
}
