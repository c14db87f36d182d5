//! The risk register (issue 16): each risk kept in `desk_items` as one JSON value sealed under
//! the staff-secrets key and bound to its id, with its score, level and review date
//! (`domain::Risk`). The owner adds one from the starter catalogue, from what Strongroom
//! proposes, or of the shop's own; changes one (only as it was read); reviews one (the day and
//! what changed recorded); removes one. The owner and the external auditor read the register.
//! Every change is recorded (`risk.update`).

use serde::{Deserialize, Serialize};
use strongroom_domain::{Actor, AuditAction, Outcome, Permission, Risk, Treatment};
use strongroom_store::DeskItemRow;
use time::Date;
use uuid::Uuid;

use crate::trail::draft::EventDraft;
use crate::{AppError, Vault, now_micros};

const KIND: &str = "risk";
/// The most risks a register holds.
pub const MAX_RISKS: usize = 300;

/// A risk with its id, whether its review is due on the day asked about, and when it was last
/// saved (what a change must name).
#[derive(Clone, Debug)]
pub struct RiskEntry {
    pub id: Uuid,
    pub risk: Risk,
    pub review_due: bool,
    pub updated_at: i64,
}

/// The register, highest score first, and what may be added to it: the catalogue's risks not
/// yet in it, and those Strongroom proposes from what it found (the owner's view only).
#[derive(Clone, Debug)]
pub struct RiskRegister {
    pub risks: Vec<RiskEntry>,
    pub proposals: Vec<&'static str>,
    pub catalogue: Vec<&'static str>,
}

impl RiskRegister {
    /// How many risks sit in each cell of the 5×5 map: `[impact - 1][likelihood - 1]`.
    pub fn heat_map(&self) -> [[usize; 5]; 5] {
        let mut map = [[0; 5]; 5];
        for entry in &self.risks {
            map[usize::from(entry.risk.impact) - 1][usize::from(entry.risk.likelihood) - 1] += 1;
        }
        map
    }
}

/// A risk as it is sealed.
#[derive(Serialize, Deserialize)]
struct RiskDoc {
    source: String,
    title: String,
    asset: String,
    threat: String,
    likelihood: u8,
    likelihood_reason: String,
    impact: u8,
    impact_reason: String,
    treatment: String,
    measures: String,
    owner: String,
    reviewed_on: String,
}

fn to_doc(risk: &Risk) -> RiskDoc {
    RiskDoc {
        source: risk.source.clone(),
        title: risk.title.clone(),
        asset: risk.asset.clone(),
        threat: risk.threat.clone(),
        likelihood: risk.likelihood,
        likelihood_reason: risk.likelihood_reason.clone(),
        impact: risk.impact,
        impact_reason: risk.impact_reason.clone(),
        treatment: risk.treatment.as_str().to_owned(),
        measures: risk.measures.clone(),
        owner: risk.owner.clone(),
        reviewed_on: risk.reviewed_on.to_string(),
    }
}

fn from_doc(doc: RiskDoc) -> Result<Risk, strongroom_domain::DomainError> {
    // Checked again as it is read: a stored rating outside 1–5 would break the map.
    Risk {
        source: doc.source,
        title: doc.title,
        asset: doc.asset,
        threat: doc.threat,
        likelihood: doc.likelihood,
        likelihood_reason: doc.likelihood_reason,
        impact: doc.impact,
        impact_reason: doc.impact_reason,
        treatment: Treatment::parse("treatment", &doc.treatment)?,
        measures: doc.measures,
        owner: doc.owner,
        reviewed_on: strongroom_domain::parse_date("reviewed_on", &doc.reviewed_on)?,
    }
    .checked()
}

fn sealed_name(id: Uuid) -> String {
    format!("desk_items/{KIND}/{id}")
}

/// How a review changed a risk, for the trail (no words of the risk itself).
fn review_detail(id: Uuid, before: &Risk, after: &Risk) -> String {
    format!(
        "reviewed risk {id}: score {} → {}, {} → {}",
        before.score(),
        after.score(),
        before.treatment.as_str(),
        after.treatment.as_str()
    )
}

impl Vault {
    fn seal_risk(&self, id: Uuid, risk: &Risk) -> Result<Vec<u8>, AppError> {
        let json = serde_json::to_vec(&to_doc(risk)).map_err(|error| AppError::corrupt(error.to_string()))?;
        self.seal_host_secret(&sealed_name(id), &json)
    }

    fn open_risk(&self, row: &DeskItemRow) -> Result<Risk, AppError> {
        let json = self.open_host_secret(&sealed_name(row.id), &row.body)?;
        let doc: RiskDoc = serde_json::from_slice(&json).map_err(|error| AppError::corrupt(format!("a risk does not read: {error}")))?;
        from_doc(doc).map_err(|error| AppError::corrupt(format!("a risk does not read: {error}")))
    }

    /// The register on `today`; what may be added to it for those who change it.
    pub fn risks(&self, actor: &Actor, today: Date) -> Result<RiskRegister, AppError> {
        self.require(actor, Permission::DeskRead, AuditAction::DeskRead, None)?;
        let risks = self.risk_entries(today)?;
        let taken = |id: &str| risks.iter().any(|entry| entry.risk.source == id);
        let (proposals, catalogue) = if actor.may(Permission::SettingsManage) {
            // Read as the system: the owner's token may be narrower than what is read here.
            let found = self.risks_found(&Actor::system("risks"), today)?;
            let proposals = found.into_iter().filter(|id| !taken(id)).collect();
            let catalogue = strongroom_domain::RISK_CATALOGUE
                .iter()
                .filter(|entry| !entry.proposed && !taken(entry.id))
                .map(|entry| entry.id)
                .collect();
            (proposals, catalogue)
        } else {
            (Vec::new(), Vec::new())
        };
        Ok(RiskRegister { risks, proposals, catalogue })
    }

    /// The register's risks on `today`, highest score first, without what may be added to it
    /// (the self-assessment and the audit report read only these).
    pub(crate) fn risk_entries(&self, today: Date) -> Result<Vec<RiskEntry>, AppError> {
        let mut tx = self.store.begin()?;
        let rows = tx.desk_items(KIND)?;
        tx.commit()?;
        let mut risks = rows
            .iter()
            .map(|row| {
                let risk = self.open_risk(row)?;
                Ok(RiskEntry { id: row.id, review_due: risk.review_due() <= today, risk, updated_at: row.updated_at })
            })
            .collect::<Result<Vec<_>, AppError>>()?;
        risks.sort_by(|a, b| b.risk.score().cmp(&a.risk.score()).then_with(|| a.risk.review_due().cmp(&b.risk.review_due())));
        Ok(risks)
    }

    /// One risk, on `today`.
    pub fn risk(&self, actor: &Actor, id: Uuid, today: Date) -> Result<RiskEntry, AppError> {
        self.require(actor, Permission::DeskRead, AuditAction::DeskRead, None)?;
        let mut tx = self.store.begin()?;
        let row = tx.desk_item(KIND, id)?.ok_or(AppError::NotFound("risk"))?;
        tx.commit()?;
        let risk = self.open_risk(&row)?;
        Ok(RiskEntry { id, review_due: risk.review_due() <= today, risk, updated_at: row.updated_at })
    }

    /// What Strongroom finds that makes a risk worth proposing: no recent good backup or drill,
    /// accounts that see customer data without a second factor, devices with problems, open
    /// incidents, customer records held. Read without opening anything personal.
    fn risks_found(&self, system: &Actor, today: Date) -> Result<Vec<&'static str>, AppError> {
        let mut found = Vec::new();
        let health = self.backup_health(system)?;
        let day = 86_400_000_000_i64;
        let now = now_micros();
        // The doctor's measures: a good backup within 26 hours, a good drill within 31 days.
        let fresh = health.last_good.as_ref().is_some_and(|good| now - good.at_unix_micros <= 26 * 3_600_000_000);
        let drilled = health.last_drill.as_ref().is_some_and(|drill| drill.ok && now - drill.at_unix_micros <= 31 * day);
        if !health.destinations_set || !fresh || !drilled {
            found.push("proposed:backups");
        }
        let mut tx = self.store.begin()?;
        let staff = self.all_staff_checked(tx.as_mut())?;
        let without = staff.iter().any(|checked| {
            let row = &checked.row;
            !row.disabled
                && row.password_hash.is_some()
                && row.role.allows(Permission::CustomerRead)
                && !crate::staff::factors::has_second_factor(row)
        });
        let open_incidents = !tx.incidents(true, 1)?.is_empty();
        let customers = tx.count_customers()?;
        let computer = tx.setting(&super::doctor::last_run_setting())?.is_some_and(|(statuses, _)| statuses.contains("=problem"));
        tx.commit()?;
        if without {
            found.push("proposed:second_factor");
        }
        if self.devices(system, today)?.devices.iter().any(|entry| entry.flags.iter().any(|flag| flag.is_problem())) {
            found.push("proposed:devices");
        }
        if computer {
            found.push("proposed:computer");
        }
        if open_incidents {
            found.push("proposed:incidents");
        }
        if customers > 0 {
            found.push("proposed:records");
        }
        Ok(found)
    }

    /// A catalogue or proposed risk as the shop adopts it, in `language`: a proposal carries
    /// what Strongroom found, and the customer records' impact grows with how many there are.
    pub fn catalogue_risk_for(&self, id: &str, language: strongroom_domain::Language, today: Date) -> Result<Risk, AppError> {
        let entry = strongroom_domain::catalogue_risk(id).ok_or(AppError::NotFound("catalogue risk"))?;
        let mut risk = entry.risk(language, today);
        if id == "proposed:records" {
            let mut tx = self.store.begin()?;
            let customers = tx.count_customers()?;
            tx.commit()?;
            risk.impact = match customers {
                1000.. => 5,
                100..=999 => 4,
                _ => 3,
            };
            let held = match language {
                strongroom_domain::Language::En => format!(" (Strongroom holds {customers} customer records)"),
                strongroom_domain::Language::Nl => format!(" (Strongroom bewaart {customers} klantdossiers)"),
            };
            risk.impact_reason.push_str(&held);
        }
        Ok(risk)
    }

    /// Adds a risk (checked; reviewed on its `reviewed_on`); its id.
    pub fn add_risk(&self, actor: &Actor, risk: Risk) -> Result<Uuid, AppError> {
        self.require(actor, Permission::SettingsManage, AuditAction::RiskUpdate, None)?;
        let risk = risk.checked()?;
        let id = Uuid::now_v7();
        let row = DeskItemRow { kind: KIND.into(), id, body: self.seal_risk(id, &risk)?, updated_at: now_micros() };
        let mut tx = self.store.begin()?;
        tx.lock_desk_items()?;
        let rows = tx.desk_items(KIND)?;
        if rows.len() >= MAX_RISKS {
            return Err(AppError::Conflict(format!("at most {MAX_RISKS} risks are kept")));
        }
        if !risk.source.is_empty() {
            for row in &rows {
                if self.open_risk(row)?.source == risk.source {
                    return Err(AppError::Conflict("this risk is in the register already".into()));
                }
            }
        }
        if !tx.put_desk_item(&row, None)? {
            return Err(AppError::corrupt("a new risk's id was taken"));
        }
        let detail = format!("added risk {id}: score {}, {}", risk.score(), risk.treatment.as_str());
        self.record(tx.as_mut(), &[EventDraft::new(actor, AuditAction::RiskUpdate).detail(detail).finish(Outcome::Allowed)])?;
        tx.commit()?;
        Ok(id)
    }

    /// Replaces a risk with `risk` if it is still as it was read (`read_at`); recorded as a
    /// review when `reviewed` (its `reviewed_on` then the day of the review).
    pub fn update_risk(&self, actor: &Actor, id: Uuid, risk: Risk, read_at: i64, reviewed: bool) -> Result<(), AppError> {
        self.require(actor, Permission::SettingsManage, AuditAction::RiskUpdate, None)?;
        let risk = risk.checked()?;
        let mut tx = self.store.begin()?;
        let before = tx.desk_item(KIND, id)?.ok_or(AppError::NotFound("risk"))?;
        let before = self.open_risk(&before)?;
        let row = DeskItemRow { kind: KIND.into(), id, body: self.seal_risk(id, &risk)?, updated_at: now_micros().max(read_at + 1) };
        if !tx.put_desk_item(&row, Some(read_at))? {
            return Err(AppError::Conflict("someone changed this risk meanwhile; look at it again".into()));
        }
        let detail = if reviewed { review_detail(id, &before, &risk) } else { format!("changed risk {id}: score {}", risk.score()) };
        self.record(tx.as_mut(), &[EventDraft::new(actor, AuditAction::RiskUpdate).detail(detail).finish(Outcome::Allowed)])?;
        tx.commit()?;
        Ok(())
    }

    /// Marks a risk reviewed on `today`, with new ratings or treatment where given.
    pub fn review_risk(
        &self,
        actor: &Actor,
        id: Uuid,
        today: Date,
        change: (Option<u8>, Option<u8>, Option<Treatment>),
    ) -> Result<Risk, AppError> {
        self.require(actor, Permission::SettingsManage, AuditAction::RiskUpdate, None)?;
        let mut tx = self.store.begin()?;
        let row = tx.desk_item(KIND, id)?.ok_or(AppError::NotFound("risk"))?;
        tx.commit()?;
        let before = self.open_risk(&row)?;
        let (likelihood, impact, treatment) = change;
        let after = Risk {
            likelihood: likelihood.unwrap_or(before.likelihood),
            impact: impact.unwrap_or(before.impact),
            treatment: treatment.unwrap_or(before.treatment),
            reviewed_on: today,
            ..before.clone()
        };
        self.update_risk(actor, id, after.clone(), row.updated_at, true)?;
        Ok(after)
    }

    /// Removes a risk as it was read (`read_at`, see `delete_item_as_read`); recorded.
    pub fn delete_risk(&self, actor: &Actor, id: Uuid, read_at: Option<i64>) -> Result<(), AppError> {
        self.require(actor, Permission::SettingsManage, AuditAction::RiskUpdate, None)?;
        let mut tx = self.store.begin()?;
        self.delete_item_as_read(tx.as_mut(), KIND, id, read_at, "risk")?;
        self.record(
            tx.as_mut(),
            &[EventDraft::new(actor, AuditAction::RiskUpdate).detail(format!("removed risk {id}")).finish(Outcome::Allowed)],
        )?;
        tx.commit()?;
        Ok(())
    }
}
