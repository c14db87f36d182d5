//! Phishing drills (issue 17): the owner sends a practice mail from a built-in template
//! (`domain::DRILL_TEMPLATES`) to chosen staff through the shop's mail settings, each with a
//! link of their own to a teaching page. The link's token (128 random bits) is kept only as a
//! keyed digest, so the database does not hold a working link; the first click is recorded,
//! never a password asked for. Reporting the mail with "Report a problem" (a phishing report)
//! within 30 days marks it reported. Each drill is sealed whole in `desk_items`; its mails go
//! through the outbox (kind `drill`), whose state shows a refused or bounced mail, which counts
//! as neither clicked nor reported. Whoever clicked has the phishing lesson again, due 14 days
//! after the click (`status.rs`).

use serde::{Deserialize, Serialize};
use strongroom_domain::{Actor, ActorKind, AuditAction, DrillTemplate, Language, Outcome, Permission, RecordKind, drill_template};
use strongroom_store::{DeskItemRow, Tx};
use time::OffsetDateTime;
use uuid::Uuid;

use super::sealed_name;
use crate::mail::{MailKind, MailState, Sealed, sealed_row};
use crate::trail::draft::EventDraft;
use crate::{AppError, Vault, from_micros_lenient, now_micros};

const KIND: &str = "training_drill";
/// The most people one drill goes to.
pub const DRILL_MAX_PEOPLE: usize = 30;
/// Days after a drill's start within which a phishing report counts as reporting it.
pub const REPORT_WITHIN_DAYS: i64 = 30;

#[derive(Clone, Serialize, Deserialize)]
struct TargetDoc {
    person: String,
    language: String,
    /// Hex of the keyed digest of the link's token.
    digest: String,
    mail: Uuid,
    clicked_at: Option<i64>,
    reported_at: Option<i64>,
}

#[derive(Clone, Serialize, Deserialize)]
struct DrillDoc {
    template: String,
    started_at: i64,
    started_by: String,
    targets: Vec<TargetDoc>,
}

/// One person's part in a drill.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct DrillTarget {
    pub person: String,
    /// The practice mail's state in the outbox (`None` once it left the outbox's keeping).
    pub mail: Option<MailState>,
    pub clicked_at: Option<OffsetDateTime>,
    pub reported_at: Option<OffsetDateTime>,
}

/// A drill with its results.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct DrillEntry {
    pub id: Uuid,
    pub template: &'static DrillTemplate,
    pub started_at: OffsetDateTime,
    pub started_by: String,
    pub targets: Vec<DrillTarget>,
}

/// Where a drill's link leads: the teaching page, in the person's language.
#[derive(Clone, Debug)]
pub struct DrillLanding {
    pub template: &'static DrillTemplate,
    pub language: Language,
    /// This was the first click (recorded now).
    pub first: bool,
}

/// The address links go under: `https://host[:port]`, nothing more (no user, path, query or
/// fragment), so a link in a mail is exactly the shop's page.
fn drill_base(base: &str) -> Result<String, AppError> {
    let refused = || AppError::Conflict(format!("{base:?} is not the https:// address staff open Strongroom at"));
    let url = webauthn_rs::prelude::Url::parse(base.trim()).map_err(|_| refused())?;
    let plain = url.scheme() == "https"
        && url.host_str().is_some()
        && url.username().is_empty()
        && url.password().is_none()
        && url.path() == "/"
        && url.query().is_none()
        && url.fragment().is_none();
    if !plain {
        return Err(refused());
    }
    Ok(url.as_str().trim_end_matches('/').to_owned())
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}

impl Vault {
    fn drill_digest(&self, token: &str) -> String {
        // The password fingerprints' key, bound to this use by its prefix.
        hex(&self.keys.secret_fingerprint.digest(format!("training-drill\0{token}").as_bytes()))
    }

    fn open_drill(&self, row: &DeskItemRow) -> Result<DrillDoc, AppError> {
        let json = self.open_host_secret(&sealed_name(KIND, row.id), &row.body)?;
        serde_json::from_slice(&json).map_err(|error| AppError::corrupt(format!("a drill does not read: {error}")))
    }

    fn keep_drill(&self, tx: &mut dyn Tx, id: Uuid, doc: &DrillDoc, read_at: Option<i64>) -> Result<(), AppError> {
        let json = serde_json::to_vec(doc).map_err(|error| AppError::corrupt(error.to_string()))?;
        let row =
            DeskItemRow { kind: KIND.into(), id, body: self.seal_host_secret(&sealed_name(KIND, id), &json)?, updated_at: now_micros() };
        if !tx.put_desk_item(&row, read_at)? {
            return Err(AppError::Conflict("the drill was changed meanwhile: try again".into()));
        }
        Ok(())
    }

    /// Sends the drill `template` to `people` (user names with a reminder address), each with
    /// a link under `base` (the address staff open Strongroom at, `https://shop-pc:8443`): the
    /// owner's, once mail is set up. All mails are queued with the drill, or none.
    pub fn start_drill(&self, actor: &Actor, template: &str, people: &[String], base: &str) -> Result<Uuid, AppError> {
        self.require(actor, Permission::SettingsManage, AuditAction::TrainingChange, None)?;
        let template = drill_template(template).ok_or(AppError::NotFound("drill template"))?;
        let mut people: Vec<String> = people.iter().map(|name| name.trim().to_lowercase()).filter(|name| !name.is_empty()).collect();
        people.sort();
        people.dedup();
        if people.is_empty() || people.len() > DRILL_MAX_PEOPLE {
            return Err(AppError::Conflict(format!("a drill goes to 1 to {DRILL_MAX_PEOPLE} people")));
        }
        let base = drill_base(base)?;
        let addresses = self.staff_mail_addresses(&Actor::system("drill"))?;
        let mut tx = self.store.begin()?;
        if self.mail_account(tx.as_mut())?.is_none() {
            return Err(AppError::Conflict("mail is not set up yet".into()));
        }
        let staff = self.all_staff_checked(tx.as_mut())?;
        let mut targets = Vec::new();
        let mut without = Vec::new();
        for name in &people {
            let row = staff.iter().find(|checked| {
                checked.intact
                    && !checked.row.disabled
                    && checked.row.role.allows(Permission::TrainingTake)
                    && &checked.row.username == name
            });
            let address = addresses.iter().find(|(person, _)| person == name).map(|(_, address)| address.clone());
            let (Some(row), Some(address)) = (row, address) else {
                without.push(name.as_str());
                continue;
            };
            let mut token = [0u8; 16];
            strongroom_crypto::random_bytes(&mut token).map_err(|_| AppError::corrupt("the operating system gave no randomness"))?;
            let token = hex(&token);
            let language = row.row.language.clone();
            let message = Sealed {
                to: address,
                subject: template.subject.get(&language).to_owned(),
                body: template.text(&language, name, &format!("{base}/drill/{token}")),
            };
            let mail = sealed_row(&self.keys.staff_key, MailKind::Drill, None, None, &message)?;
            tx.insert_mail(&mail)?;
            targets.push(TargetDoc {
                person: name.clone(),
                language,
                digest: self.drill_digest(&token),
                mail: mail.id,
                clicked_at: None,
                reported_at: None,
            });
        }
        if !without.is_empty() {
            return Err(AppError::Conflict(format!("no account in use with a reminder address is called {}", without.join(", "))));
        }
        let id = Uuid::now_v7();
        let doc = DrillDoc { template: template.id.to_owned(), started_at: now_micros(), started_by: actor.name.clone(), targets };
        self.keep_drill(tx.as_mut(), id, &doc, None)?;
        let detail = format!("started the phishing drill {id} ({}) for {} people", template.id, doc.targets.len());
        self.record(tx.as_mut(), &[EventDraft::new(actor, AuditAction::TrainingChange).detail(detail).finish(Outcome::Allowed)])?;
        tx.commit()?;
        Ok(id)
    }

    /// The drill whose link carries `token`, found without taking any lock (the page is
    /// public: a guessed link must cost the shop nothing), with its row.
    fn drill_of(&self, token: &str) -> Result<Option<(DeskItemRow, DrillDoc, usize)>, AppError> {
        if token.len() != 32 || !token.bytes().all(|byte| byte.is_ascii_digit() || (b'a'..=b'f').contains(&byte)) {
            return Ok(None);
        }
        let digest = self.drill_digest(token);
        let rows = self.store.begin_snapshot()?.desk_items(KIND)?;
        for row in rows {
            let Ok(doc) = self.open_drill(&row) else { continue };
            if let Some(at) = doc.targets.iter().position(|target| target.digest == digest) {
                return Ok(Some((row, doc, at)));
            }
        }
        Ok(None)
    }

    /// Where a drill's link leads: the teaching page's template and language; `None` for a link
    /// that is no drill's. Nothing is recorded: the page's script does that ([`Self::drill_opened`]),
    /// so a mail system that checks links before delivery is not counted.
    pub fn drill_landing(&self, token: &str) -> Result<Option<DrillLanding>, AppError> {
        let Some((_, doc, at)) = self.drill_of(token)? else { return Ok(None) };
        let template = drill_template(&doc.template).ok_or_else(|| AppError::corrupt("a drill has an unknown template"))?;
        let language = Language::parse(&doc.targets[at].language).unwrap_or_default();
        Ok(Some(DrillLanding { template, language, first: doc.targets[at].clicked_at.is_none() }))
    }

    /// The teaching page was opened in a browser: the first time is recorded against the
    /// person. `false` for a link that is no drill's.
    pub fn drill_opened(&self, token: &str) -> Result<bool, AppError> {
        let Some((found, _, at)) = self.drill_of(token)? else { return Ok(false) };
        let mut tx = self.store.begin()?;
        tx.lock_desk_items()?;
        let Some(row) = tx.desk_item(KIND, found.id)? else { return Ok(false) };
        let mut doc = self.open_drill(&row)?;
        let Some(target) = doc.targets.get_mut(at).filter(|target| target.clicked_at.is_none()) else { return Ok(true) };
        target.clicked_at = Some(now_micros());
        let person = target.person.clone();
        self.keep_drill(tx.as_mut(), row.id, &doc, Some(row.updated_at))?;
        let mut event = EventDraft::new(&Actor::system("phishing drill"), AuditAction::TrainingChange)
            .detail(format!("drill {}: {person} opened the practice link", row.id));
        if let Some(staff) = self.staff_by_name_checked(tx.as_mut(), &person)? {
            event = event.target(RecordKind::Staff, staff.row.id);
        }
        self.record(tx.as_mut(), &[event.finish(Outcome::Allowed)])?;
        tx.commit()?;
        Ok(true)
    }

    /// After a phishing report by `actor`: their drills of the last 30 days not yet reported
    /// are marked reported (best effort: a report never fails for it).
    pub(crate) fn drill_reported(&self, actor: &Actor) -> Result<(), AppError> {
        if actor.kind != ActorKind::Staff {
            return Ok(());
        }
        let since = now_micros() - REPORT_WITHIN_DAYS * 86_400_000_000;
        let mut tx = self.store.begin()?;
        tx.lock_desk_items()?;
        let mut marked = Vec::new();
        for row in tx.desk_items(KIND)? {
            let mut doc = self.open_drill(&row)?;
            if doc.started_at < since {
                continue;
            }
            let Some(target) = doc.targets.iter_mut().find(|target| target.person == actor.name && target.reported_at.is_none()) else {
                continue;
            };
            // Only a mail that reached the mail server, reported after it did, counts.
            let delivered = tx.mail(target.mail)?.and_then(|mail| mail.sent_at.filter(|_| mail.state == MailState::Sent.as_str()));
            if delivered.is_none_or(|sent_at| sent_at > now_micros()) {
                continue;
            }
            target.reported_at = Some(now_micros());
            self.keep_drill(tx.as_mut(), row.id, &doc, Some(row.updated_at))?;
            marked.push(row.id.to_string());
        }
        if !marked.is_empty() {
            let detail = format!("reported the practice mail of drill {}", marked.join(", "));
            self.record(tx.as_mut(), &[EventDraft::new(actor, AuditAction::TrainingChange).detail(detail).finish(Outcome::Allowed)])?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Every drill with its results, the latest first: for who sees everyone's training.
    pub fn drills(&self, actor: &Actor) -> Result<Vec<DrillEntry>, AppError> {
        self.require(actor, Permission::TrainingOverview, AuditAction::DeskRead, None)?;
        let mut tx = self.store.begin_snapshot()?;
        let mut drills = Vec::new();
        for row in tx.desk_items(KIND)? {
            let doc = self.open_drill(&row)?;
            let template = drill_template(&doc.template).ok_or_else(|| AppError::corrupt("a drill has an unknown template"))?;
            let mut targets = Vec::new();
            for target in doc.targets {
                let mail = tx.mail(target.mail)?.and_then(|mail| MailState::parse(&mail.state).ok());
                targets.push(DrillTarget {
                    person: target.person,
                    mail,
                    clicked_at: target.clicked_at.map(from_micros_lenient),
                    reported_at: target.reported_at.map(from_micros_lenient),
                });
            }
            drills.push(DrillEntry {
                id: row.id,
                template,
                started_at: from_micros_lenient(doc.started_at),
                started_by: doc.started_by,
                targets,
            });
        }
        drills.reverse();
        Ok(drills)
    }

    /// The days each person opened a drill's link, by user name (the follow-up lesson's).
    /// When each person opened a drill's link (µs), by user name. A drill that does not open
    /// is left out rather than stopping the training.
    pub(crate) fn drill_clicks(&self, tx: &mut dyn Tx) -> Result<Vec<(String, i64)>, AppError> {
        let mut clicks = Vec::new();
        for row in tx.desk_items(KIND)? {
            let Ok(doc) = self.open_drill(&row) else { continue };
            clicks.extend(doc.targets.into_iter().filter_map(|target| target.clicked_at.map(|at| (target.person, at))));
        }
        Ok(clicks)
    }
}
