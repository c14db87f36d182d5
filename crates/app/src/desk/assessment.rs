//! The self-assessment (issue 16): each question of `domain::QUESTIONS` answered, by Strongroom
//! from live evidence (its own checks, the device list, the risk register, the incidents, the
//! sign-in policy, clamd) or by the owner with a note (sealed in `shop_settings`, recorded as
//! `assessment.answer`); a score per Cyber Essentials control and a security score, kept once a
//! day (`shop_settings` `assessment.history`, sealed) so the owner's start page shows its trend;
//! and the next steps, the questions not yet "yes" by what a "no" costs. The owner and the
//! external auditor read it; the evidence is words and counts, never a customer's data.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use strongroom_domain::{Actor, Answerer, AuditAction, CeControl, Outcome, Permission, QUESTIONS, Question, Standing};
use time::Date;

use super::doctor::Status;
use super::evidence::EvidenceRef;
use crate::trail::draft::EventDraft;
use crate::{AppError, Vault, now_micros};

const ANSWERS: &str = "assessment.answers";
const HISTORY: &str = "assessment.history";
/// Days of score history kept: two years.
const HISTORY_DAYS: usize = 730;

/// One question as it stands, with why.
#[derive(Clone, Debug)]
pub struct Assessed {
    pub question: &'static Question,
    pub standing: Standing,
    /// Strongroom's evidence (English, with its values), or the owner's note.
    pub evidence: String,
    /// Who answered an owner's question, and when.
    pub answered: Option<(String, Date)>,
    /// The evidence file attached to the owner's answer.
    pub evidence_file: Option<EvidenceRef>,
}

#[derive(Clone, Debug)]
pub struct Assessment {
    pub questions: Vec<Assessed>,
    pub score: u8,
    pub controls: Vec<(CeControl, u8)>,
    /// The questions not yet "yes", what a "no" costs most first.
    pub next_steps: Vec<&'static str>,
    /// The score by day, oldest first.
    pub history: Vec<(Date, u8)>,
}

/// The score as last kept, for the start page.
#[derive(Clone, Debug)]
pub struct LatestScore {
    pub score: u8,
    pub history: Vec<(Date, u8)>,
    pub next_steps: Vec<&'static str>,
}

/// The scores by day and the latest next steps, as they are sealed.
#[derive(Default, Serialize, Deserialize)]
struct Kept {
    days: Vec<(String, u8)>,
    next_steps: Vec<String>,
}

/// Whether an owner's answer given `on` still stands `today`: a month for the monthly training,
/// a year for the rest; after that it is asked again.
fn still_holds(id: &str, on: &str, today: Date) -> bool {
    let days = if id == "training" { 31 } else { 365 };
    strongroom_domain::parse_date("on", on).is_ok_and(|on| (today - on).whole_days() <= days)
}

/// An owner's answer as it is sealed.
#[derive(Clone, Serialize, Deserialize)]
pub(super) struct OwnerAnswer {
    yes: bool,
    note: String,
    by: String,
    on: String,
    /// The evidence file attached to it (`evidence.rs`), kept when the answer is given again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) evidence: Option<EvidenceRef>,
}

impl OwnerAnswer {
    /// Whether this answer to `id` still stands on `today`.
    pub(super) fn holds(&self, id: &str, today: Date) -> bool {
        still_holds(id, &self.on, today)
    }
}

impl Vault {
    /// The assessment on `today`; also keeps today's score in the history.
    pub fn assessment(&self, actor: &Actor, today: Date) -> Result<Assessment, AppError> {
        self.require(actor, Permission::DeskRead, AuditAction::DeskRead, None)?;
        // The evidence is read as the system: the auditor may read the answers, not the
        // backups page or the staff list behind them.
        let evidence = self.evidence(&Actor::system("assessment"), today)?;
        let answers: BTreeMap<String, OwnerAnswer> = self.sealed_setting(ANSWERS)?;
        let questions: Vec<Assessed> = QUESTIONS
            .iter()
            .map(|question| match question.answerer {
                Answerer::Strongroom => {
                    let (standing, evidence) = evidence.get(question.id).cloned().unwrap_or((Standing::Open, "not found out".to_owned()));
                    Assessed { question, standing, evidence, answered: None, evidence_file: None }
                }
                Answerer::Owner => match answers.get(question.id).filter(|answer| still_holds(question.id, &answer.on, today)) {
                    Some(answer) => Assessed {
                        question,
                        standing: if answer.yes { Standing::Yes } else { Standing::No },
                        evidence: answer.note.clone(),
                        answered: strongroom_domain::parse_date("on", &answer.on).ok().map(|on| (answer.by.clone(), on)),
                        evidence_file: answer.evidence.clone(),
                    },
                    None => Assessed { question, standing: Standing::Open, evidence: String::new(), answered: None, evidence_file: None },
                },
            })
            .collect();
        let score = strongroom_domain::score(questions.iter().map(|assessed| (assessed.question, assessed.standing)));
        let controls = CeControl::ALL
            .iter()
            .map(|control| {
                let of = questions.iter().filter(|assessed| assessed.question.control == Some(*control));
                (*control, strongroom_domain::score(of.map(|assessed| (assessed.question, assessed.standing))))
            })
            .collect();
        let mut next: Vec<&Assessed> = questions.iter().filter(|assessed| assessed.standing != Standing::Yes).collect();
        next.sort_by_key(|assessed| std::cmp::Reverse(assessed.question.weight));
        let next_steps: Vec<&'static str> = next.iter().map(|assessed| assessed.question.id).collect();
        let history = self.keep_score(today, score, &next_steps)?;
        Ok(Assessment { questions, score, controls, next_steps, history })
    }

    /// Today's score kept in the history (one per day, the latest), with the next steps as
    /// they are now (for the start page); the history.
    fn keep_score(&self, today: Date, score: u8, next_steps: &[&'static str]) -> Result<Vec<(Date, u8)>, AppError> {
        let kept: Kept = self.sealed_setting(HISTORY)?;
        let mut history: Vec<(Date, u8)> =
            kept.days.iter().filter_map(|(day, score)| strongroom_domain::parse_date("day", day).ok().map(|day| (day, *score))).collect();
        if history.last() == Some(&(today, score)) && kept.next_steps == next_steps {
            return Ok(history);
        }
        history.retain(|(day, _)| *day != today);
        history.push((today, score));
        history.sort_by_key(|(day, _)| *day);
        let excess = history.len().saturating_sub(HISTORY_DAYS);
        history.drain(..excess);
        let kept = Kept {
            days: history.iter().map(|(day, score)| (day.to_string(), *score)).collect(),
            next_steps: next_steps.iter().map(|id| (*id).to_owned()).collect(),
        };
        let mut tx = self.store.begin()?;
        self.write_sealed_setting(tx.as_mut(), HISTORY, &kept)?;
        tx.commit()?;
        Ok(history)
    }

    /// The score as last kept, its history and the next steps then, without assessing anew
    /// (the owner's start page); `None` before the first assessment.
    pub fn latest_assessment(&self, actor: &Actor) -> Result<Option<LatestScore>, AppError> {
        self.require(actor, Permission::DeskRead, AuditAction::DeskRead, None)?;
        let kept: Kept = self.sealed_setting(HISTORY)?;
        let history: Vec<(Date, u8)> =
            kept.days.iter().filter_map(|(day, score)| strongroom_domain::parse_date("day", day).ok().map(|day| (day, *score))).collect();
        let Some(&(_, score)) = history.last() else { return Ok(None) };
        let next_steps = kept.next_steps.iter().filter_map(|id| strongroom_domain::question(id)).map(|question| question.id).collect();
        Ok(Some(LatestScore { score, history, next_steps }))
    }

    /// The owner's answers, read in `tx`.
    pub(super) fn owner_answers(&self, tx: &mut dyn strongroom_store::Tx) -> Result<BTreeMap<String, OwnerAnswer>, AppError> {
        self.read_sealed_setting(tx, ANSWERS)
    }

    /// Keeps the owner's answers, in `tx`.
    pub(super) fn keep_owner_answers(
        &self,
        tx: &mut dyn strongroom_store::Tx,
        answers: &BTreeMap<String, OwnerAnswer>,
    ) -> Result<(), AppError> {
        self.write_sealed_setting(tx, ANSWERS, answers)
    }

    /// The owner's answer to one of their questions, with a note; recorded.
    pub fn answer_question(&self, actor: &Actor, id: &str, yes: bool, note: &str, today: Date) -> Result<(), AppError> {
        self.require(actor, Permission::SettingsManage, AuditAction::AssessmentAnswer, None)?;
        let question = strongroom_domain::question(id).ok_or(AppError::NotFound("question"))?;
        if question.answerer != Answerer::Owner {
            return Err(AppError::Conflict("Strongroom answers this question itself, from what it finds".into()));
        }
        let note =
            if note.trim().is_empty() { String::new() } else { strongroom_domain::FreeText::parse("note", note)?.as_str().to_owned() };
        // Read, changed and written in one transaction, the others waiting (two tabs saving at
        // once must not lose one answer).
        let mut tx = self.store.begin()?;
        tx.lock_desk_items()?;
        let mut answers = self.owner_answers(tx.as_mut())?;
        // The evidence stays with an answer given again only while it still holds and says the
        // same: a file that showed "yes" does not stand behind a "no", nor last year's behind
        // this year's.
        let before = answers
            .get(id)
            .and_then(|answer| answer.evidence.clone().map(|evidence| (answer.yes == yes && answer.holds(id, today), evidence)));
        let dropped = before.as_ref().is_some_and(|(kept, _)| !kept);
        let evidence = match before {
            Some((true, evidence)) => Some(evidence),
            Some((false, old)) => {
                self.delete_evidence_row(tx.as_mut(), old.id)?;
                None
            }
            None => None,
        };

        answers.insert(id.to_owned(), OwnerAnswer { yes, note, by: actor.name.clone(), on: today.to_string(), evidence });
        self.keep_owner_answers(tx.as_mut(), &answers)?;
        let mut detail = format!("{id}: {}", if yes { "yes" } else { "no" });
        if dropped {
            detail.push_str("; the evidence of the answer before removed");
        }
        self.record(tx.as_mut(), &[EventDraft::new(actor, AuditAction::AssessmentAnswer).detail(detail).finish(Outcome::Allowed)])?;
        tx.commit()?;
        Ok(())
    }

    /// The statuses of the doctor's last daily run on this machine, by check.
    fn doctor_statuses(&self) -> Result<BTreeMap<String, String>, AppError> {
        let mut tx = self.store.begin()?;
        let last = tx.setting(&super::doctor::last_run_setting())?;
        tx.commit()?;
        // A run more than two days old says nothing about today: its answers are open again.
        let recent = now_micros() - 2 * 86_400_000_000;
        Ok(last
            .filter(|(_, at)| *at >= recent)
            .map(|(statuses, _)| {
                statuses.split(';').filter_map(|pair| pair.split_once('=')).map(|(id, status)| (id.to_owned(), status.to_owned())).collect()
            })
            .unwrap_or_default())
    }

    /// What Strongroom finds for its own questions: (standing, evidence) by question.
    fn evidence(&self, system: &Actor, today: Date) -> Result<BTreeMap<&'static str, (Standing, String)>, AppError> {
        let mut found = BTreeMap::new();
        let verdict = |ok: bool| if ok { Standing::Yes } else { Standing::No };
        for check in self.own_checks(system, now_micros())? {
            let ok = check.status == Status::Ok;
            // Counts, never names: the auditor reads this.
            let named = check.detail.split_once(": ").map_or(0, |(_, names)| names.split(", ").count());
            let (id, evidence) = match check.id {
                "backup_age" => ("backups_recent", check.detail),
                "restore_drill" => ("restore_drill", check.detail),
                "audit_verify" => ("audit_verified", check.detail),
                "second_factor" if ok => ("second_factor", check.detail),
                "second_factor" => ("second_factor", format!("{named} accounts that see customer data have no second factor")),
                "dormant_accounts" if ok => ("dormant_accounts", check.detail),
                "dormant_accounts" => ("dormant_accounts", format!("{named} accounts have not signed in for 90 days")),
                _ => continue,
            };
            found.insert(id, (verdict(ok), evidence));
        }
        let doctor = self.doctor_statuses()?;
        let tls = match doctor.get("tls_certificate").map(String::as_str) {
            Some("ok") => (Standing::Yes, "TLS 1.2 and 1.3 only; the certificate is valid for 30 days more"),
            Some(_) => (Standing::No, "the doctor found the server's certificate expiring or unreadable"),
            None => (Standing::Open, "the doctor has not checked this computer yet"),
        };
        found.insert("tls", (tls.0, tls.1.to_owned()));
        let health = self.backup_health(system)?;
        let apart = health.folders.iter().any(|folder| folder.present && !folder.same_disk);
        let backups_apart = if self.data_disk().is_none() {
            (Standing::Open, "the data's disk could not be told".to_owned())
        } else {
            (verdict(apart), if apart { "a backup folder is on another disk" } else { "no backup folder on another disk" }.to_owned())
        };
        found.insert("backups_apart", backups_apart);
        let policy = self.security();
        let min_chars = if policy.require_second_factor {
            strongroom_identity::MIN_CHARS_WITH_SECOND_FACTOR
        } else {
            strongroom_identity::MIN_CHARS_PASSWORD_ONLY
        };
        found.insert(
            "password_policy",
            (Standing::Yes, format!("at least {min_chars} characters, checked against 200,000 leaked passwords and the shop's own words")),
        );
        let lockout = match policy.lockout_after_failures {
            0 => (Standing::No, "accounts are never locked".to_owned()),
            tries => (Standing::Yes, format!("locked after {tries} wrong tries")),
        };
        found.insert("lockout", lockout);
        self.device_evidence(system, today, &doctor, &mut found)?;
        // No staff accounts (a shop run from the command line): nothing to answer yet.
        let training = match self.training_standing(today) {
            Some((0, _)) => (Standing::Open, "no staff accounts yet".to_owned()),
            Some((people, behind)) => {
                (verdict(behind == 0), format!("on the staff: {people}; with a lesson of the training overdue: {behind}"))
            }
            None => (Standing::Open, "the training does not read".to_owned()),
        };
        found.insert("training", training);
        let risks = self.risk_entries(today)?;
        let overdue = risks.iter().filter(|entry| entry.review_due).count();
        found.insert(
            "risks_reviewed",
            (verdict(!risks.is_empty() && overdue == 0), format!("{} risks, {overdue} overdue for review", risks.len())),
        );
        let mut tx = self.store.begin()?;
        // Drills are practice: they do not count.
        let open: Vec<_> = tx.incidents(true, 1000)?.into_iter().filter(|row| !row.drill).collect();
        tx.commit()?;
        let month_ago = now_micros() - 30 * 86_400_000_000;
        let waiting = open.iter().filter(|row| row.reported_at < month_ago).count();
        found.insert("incidents_handled", (verdict(waiting == 0), format!("{} open incidents, {waiting} older than 30 days", open.len())));
        Ok(found)
    }

    fn device_evidence(
        &self,
        system: &Actor,
        today: Date,
        doctor: &BTreeMap<String, String>,
        found: &mut BTreeMap<&'static str, (Standing, String)>,
    ) -> Result<(), AppError> {
        use strongroom_domain::DeviceFlag as F;
        let list = self.devices(system, today)?;
        let count = |matches: &dyn Fn(&F) -> bool| list.devices.iter().filter(|entry| entry.flags.iter().any(matches)).count();
        let none = list.devices.is_empty();
        let mut put = |id: &'static str, flagged: usize, what: &str| {
            let standing = if none {
                Standing::Open
            } else if flagged == 0 {
                Standing::Yes
            } else {
                Standing::No
            };
            let evidence =
                if none { "no devices listed yet".to_owned() } else { format!("{flagged} of {} devices {what}", list.devices.len()) };
            found.insert(id, (standing, evidence));
        };
        put("supported_software", count(&|flag| matches!(flag, F::EndOfLife { .. })), "run software past its end of life");
        put("updates_14_days", count(&|flag| matches!(flag, F::UpdatesOld { .. } | F::UpdatesUnknown)), "lack updates of the last 14 days");
        put("no_exploited_programs", count(&|flag| matches!(flag, F::Exploited { .. })), "have exploited vulnerabilities listed");
        put(
            "disks_encrypted",
            count(&|flag| matches!(flag, F::CustomerDataUnencrypted { .. })),
            "hold customer data without known encryption",
        );
        put("firewalls", count(&|flag| matches!(flag, F::NoFirewall)), "have no firewall");
        // The doctor's daily check of clamd and its signatures' age; a ping before its first run.
        let scanning = match doctor.get("antivirus") {
            Some(status) => status == "ok",
            None => self.antivirus.clamd.answers(),
        };
        let without = count(&|flag| matches!(flag, F::NoAntivirus));
        let antivirus = if !scanning {
            Standing::No
        } else if none {
            Standing::Open
        } else if without == 0 {
            Standing::Yes
        } else {
            Standing::No
        };
        let clamd = if scanning { "uploads are scanned by ClamAV" } else { "ClamAV is not running with fresh signatures" };
        found.insert("antivirus", (antivirus, format!("{clamd}; {without} devices have no virus scanner")));
        let listed = list.devices.len();
        found.insert("device_inventory", (if none { Standing::Open } else { Standing::Yes }, format!("{listed} devices listed")));
        Ok(())
    }
}
