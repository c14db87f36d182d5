//! `strongroom risk list|add|review|remove`: the risk register. `add --catalogue ID` adopts a
//! starter risk or one Strongroom proposes (`risk list` names both); `add --title …` adds the
//! shop's own; `review` marks one reviewed today, with new ratings or treatment where given. The
//! owner changes the register; the owner and the external auditor list it.

use anyhow::{Result, bail};
use clap::{Args, Subcommand};
use serde::Serialize;
use strongroom_app::desk::RiskEntry;
use strongroom_domain::{Actor, Language, Risk, Treatment, catalogue_risk, parse_rating};

use crate::Cli;
use crate::open::open_vault;
use crate::output;
use crate::parsing::today;

#[derive(Debug, Subcommand)]
pub enum RiskCommand {
    /// The register, highest score first, with the 5×5 map, the reviews due, and what may be
    /// added (the starter catalogue and Strongroom's proposals).
    List {
        #[arg(long)]
        json: bool,
    },
    /// Add a risk: from the catalogue (`--catalogue phishing`), or the shop's own.
    Add(Box<AddRiskArgs>),
    /// Mark a risk reviewed today, with new ratings or treatment where given.
    Review {
        id: String,
        #[arg(long)]
        likelihood: Option<String>,
        #[arg(long)]
        impact: Option<String>,
        #[arg(long)]
        treatment: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Remove a risk from the register.
    Remove { id: String },
}

#[derive(Debug, Args)]
pub struct AddRiskArgs {
    /// A catalogue or proposed risk's id (see `risk list`).
    #[arg(long, conflicts_with_all = ["title", "asset", "threat"])]
    pub catalogue: Option<String>,
    /// The language a catalogue risk is written into the register in: en or nl.
    #[arg(long, default_value = "en")]
    pub lang: String,
    #[arg(long)]
    pub title: Option<String>,
    /// What is at stake.
    #[arg(long)]
    pub asset: Option<String>,
    /// What could happen to it.
    #[arg(long)]
    pub threat: Option<String>,
    /// 1 (rare) to 5 (almost certain).
    #[arg(long)]
    pub likelihood: Option<String>,
    #[arg(long, default_value = "")]
    pub likelihood_reason: String,
    /// 1 (negligible) to 5 (severe).
    #[arg(long)]
    pub impact: Option<String>,
    #[arg(long, default_value = "")]
    pub impact_reason: String,
    /// reduce, accept, transfer or avoid.
    #[arg(long)]
    pub treatment: Option<String>,
    #[arg(long, default_value = "")]
    pub measures: String,
    /// Who sees to it.
    #[arg(long, default_value = "")]
    pub owner: String,
    #[arg(long)]
    pub json: bool,
}

impl AddRiskArgs {
    fn risk(&self, vault: &strongroom_app::Vault) -> Result<Risk> {
        if let Some(id) = &self.catalogue {
            if catalogue_risk(id).is_none() {
                bail!("{id:?} is not a risk of the catalogue; `risk list` names them");
            }
            let mut risk = vault.catalogue_risk_for(id, Language::parse(&self.lang)?, today())?;
            for (field, value) in [
                (&mut risk.likelihood_reason, &self.likelihood_reason),
                (&mut risk.impact_reason, &self.impact_reason),
                (&mut risk.measures, &self.measures),
            ] {
                if !value.is_empty() {
                    field.clone_from(value);
                }
            }
            if let Some(likelihood) = &self.likelihood {
                risk.likelihood = parse_rating("likelihood", likelihood)?;
            }
            if let Some(impact) = &self.impact {
                risk.impact = parse_rating("impact", impact)?;
            }
            if let Some(treatment) = &self.treatment {
                risk.treatment = Treatment::parse("treatment", treatment)?;
            }
            if !self.owner.is_empty() {
                risk.owner.clone_from(&self.owner);
            }
            return Ok(risk);
        }
        let (Some(title), Some(asset), Some(threat), Some(likelihood), Some(impact)) =
            (&self.title, &self.asset, &self.threat, &self.likelihood, &self.impact)
        else {
            bail!("give --catalogue ID, or --title, --asset, --threat, --likelihood and --impact for the shop's own risk");
        };
        Ok(Risk {
            source: String::new(),
            title: title.clone(),
            asset: asset.clone(),
            threat: threat.clone(),
            likelihood: parse_rating("likelihood", likelihood)?,
            likelihood_reason: self.likelihood_reason.clone(),
            impact: parse_rating("impact", impact)?,
            impact_reason: self.impact_reason.clone(),
            treatment: Treatment::parse("treatment", self.treatment.as_deref().unwrap_or("reduce"))?,
            measures: self.measures.clone(),
            owner: self.owner.clone(),
            reviewed_on: today(),
        })
    }
}

/// A risk as `risk list --json` gives it.
#[derive(Serialize)]
struct RiskJson {
    id: String,
    source: String,
    title: String,
    asset: String,
    threat: String,
    likelihood: u8,
    likelihood_reason: String,
    impact: u8,
    impact_reason: String,
    score: u8,
    level: &'static str,
    treatment: &'static str,
    measures: String,
    owner: String,
    reviewed_on: String,
    next_review: String,
    review_due: bool,
}

fn risk_json(id: String, risk: &Risk, review_due: bool) -> RiskJson {
    RiskJson {
        id,
        source: risk.source.clone(),
        title: risk.title.clone(),
        asset: risk.asset.clone(),
        threat: risk.threat.clone(),
        likelihood: risk.likelihood,
        likelihood_reason: risk.likelihood_reason.clone(),
        impact: risk.impact,
        impact_reason: risk.impact_reason.clone(),
        score: risk.score(),
        level: risk.level().as_str(),
        treatment: risk.treatment.as_str(),
        measures: risk.measures.clone(),
        owner: risk.owner.clone(),
        reviewed_on: risk.reviewed_on.to_string(),
        next_review: risk.review_due().to_string(),
        review_due,
    }
}

fn entry_json(entry: &RiskEntry) -> RiskJson {
    risk_json(entry.id.hyphenated().to_string(), &entry.risk, entry.review_due)
}

fn risk_id(text: &str) -> Result<uuid::Uuid> {
    uuid::Uuid::parse_str(text.trim()).map_err(|_| anyhow::anyhow!("{text:?} is not a risk id"))
}

pub fn run(cli: &Cli, command: &RiskCommand, actor: &Actor) -> Result<()> {
    let vault = open_vault(cli)?;
    match command {
        RiskCommand::List { json } => {
            let register = vault.risks(actor, today())?;
            let offered = |ids: &[&str]| -> Vec<serde_json::Value> {
                ids.iter()
                    .filter_map(|id| catalogue_risk(id))
                    .map(|entry| serde_json::json!({ "id": entry.id, "title": entry.title(Language::En) }))
                    .collect()
            };
            if *json {
                return output::json(&serde_json::json!({
                    "risks": register.risks.iter().map(entry_json).collect::<Vec<_>>(),
                    "heat_map": register.heat_map(),
                    "proposals": offered(&register.proposals),
                    "catalogue": offered(&register.catalogue),
                }));
            }
            for entry in &register.risks {
                let risk = &entry.risk;
                let due = if entry.review_due { "  REVIEW DUE" } else { "" };
                println!(
                    "{}  {:>2} {:<9} {}  (next review {}){due}",
                    entry.id,
                    risk.score(),
                    risk.level().as_str(),
                    risk.title,
                    risk.review_due()
                );
            }
            println!("impact × likelihood (5 at the top):");
            for (row, impact) in register.heat_map().iter().zip(1..=5u8).rev() {
                println!("  {impact} | {}", row.iter().map(|count| format!("{count:>2}")).collect::<Vec<_>>().join(" "));
            }
            for id in &register.proposals {
                println!("proposed: {id}");
            }
            for id in &register.catalogue {
                println!("in the catalogue: {id}");
            }
            Ok(())
        }
        RiskCommand::Add(args) => {
            let risk = args.risk(&vault)?;
            let id = vault.add_risk(actor, risk.clone())?;
            if args.json {
                return output::json(&serde_json::json!({ "id": id.hyphenated().to_string() }));
            }
            println!("added {} ({id}): score {}, {}", risk.title, risk.score(), risk.level().as_str());
            Ok(())
        }
        RiskCommand::Review { id, likelihood, impact, treatment, json } => {
            let id = risk_id(id)?;
            let change = (
                likelihood.as_deref().map(|text| parse_rating("likelihood", text)).transpose()?,
                impact.as_deref().map(|text| parse_rating("impact", text)).transpose()?,
                treatment.as_deref().map(|text| Treatment::parse("treatment", text)).transpose()?,
            );
            let risk = vault.review_risk(actor, id, today(), change)?;
            if *json {
                return output::json(&risk_json(id.hyphenated().to_string(), &risk, false));
            }
            println!("reviewed: score {}, {}; next review {}", risk.score(), risk.level().as_str(), risk.review_due());
            Ok(())
        }
        RiskCommand::Remove { id } => {
            vault.delete_risk(actor, risk_id(id)?, None)?;
            println!("removed");
            Ok(())
        }
    }
}
