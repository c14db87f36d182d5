//! `strongroom incident letters|save-letter|send-letters`: a breach's letters drafted, kept as
//! versions, and the customers' letter queued one e-mail each.

use std::path::PathBuf;

use anyhow::{Context, Result};
use strongroom_app::{Audience, LetterToKeep, Vault};
use strongroom_domain::{Actor, FreeText, IncidentId, Language, ShortText};

use crate::output;

/// A letter's text as the flags give it.
#[derive(Debug)]
pub(super) struct Text<'a> {
    pub(super) subject: &'a str,
    pub(super) body_file: &'a PathBuf,
    pub(super) lang: &'a str,
}

impl Text<'_> {
    fn parse(&self) -> Result<(ShortText, FreeText, Language)> {
        let body = std::fs::read_to_string(self.body_file).with_context(|| format!("reading {}", self.body_file.display()))?;
        Ok((ShortText::parse("subject", self.subject)?, FreeText::parse("body", &body)?, Language::parse(self.lang)?))
    }
}

/// A letter drafted from the breach record.
pub(super) fn draft(vault: &Vault, actor: &Actor, id: IncidentId, to: &str, lang: &str, json: bool) -> Result<()> {
    let language = Language::parse(lang)?;
    let when = |at| strongroom_server::shop_moment(language, at);
    let letter = vault.incident_letter(actor, id, Audience::parse(to)?, language, &when)?;
    if json {
        return output::json(&serde_json::json!({
            "to": letter.audience.as_str(),
            "lang": lang,
            "subject": letter.subject,
            "body": letter.body,
            "authority": { "name": letter.authority.name, "web": letter.authority.web },
        }));
    }
    println!("{}\n\n{}", letter.subject, letter.body);
    Ok(())
}

/// Keeps a letter as a new version.
pub(super) fn save(vault: &Vault, actor: &Actor, id: IncidentId, to: Audience, text: &Text<'_>, sent: bool, json: bool) -> Result<()> {
    let (subject, body, language) = text.parse()?;
    let version = vault.save_incident_letter(actor, id, &LetterToKeep { audience: to, language, subject, body, sent })?;
    if json {
        return output::json(&serde_json::json!({ "version": version }));
    }
    println!("kept as version {version}");
    Ok(())
}

/// Queues the customers' letter, one e-mail per customer in the evidence.
pub(super) fn send(vault: &Vault, actor: &Actor, id: IncidentId, text: &Text<'_>, json: bool) -> Result<()> {
    let (subject, body, language) = text.parse()?;
    let queued = vault.queue_customer_letters(actor, id, language, &subject, &body)?;
    let without: Vec<String> = queued.without_address.iter().map(ToString::to_string).collect();
    if json {
        return output::json(&serde_json::json!({
            "queued": queued.queued,
            "already": queued.already,
            "without_address": without,
            "erased": queued.erased,
            "version": queued.version,
        }));
    }
    println!("{} letters queued ({} had one already; {} erased)", queued.queued, queued.already, queued.erased);
    if !without.is_empty() {
        println!("no e-mail address, so write or call: {}", without.join(", "));
    }
    Ok(())
}
