//! `strongroom assessment show|answer`: the self-assessment. `show` gives the security score, a
//! score per Cyber Essentials control, every question with its CIS v8 IG1 safeguards and NCSC
//! topic, answered by Strongroom from live evidence or by the owner, the next steps and the
//! score's history; `answer` records the owner's answer to one of theirs, with a note.

use anyhow::{Context, Result, bail};
use clap::Subcommand;
use serde::Serialize;
use strongroom_domain::{Actor, Answerer, Language, Standing};

use crate::Cli;
use crate::open::open_vault;
use crate::output;
use crate::parsing::today;

#[derive(Debug, Subcommand)]
pub enum AssessmentCommand {
    /// The score, the controls, every question with its answer and evidence, the next steps.
    Show {
        #[arg(long)]
        json: bool,
    },
    /// Answer one of the owner's questions (see `show`): --yes or --no, with a note.
    Answer {
        id: String,
        #[arg(long, conflicts_with = "no")]
        yes: bool,
        #[arg(long)]
        no: bool,
        #[arg(long, default_value = "")]
        note: String,
        /// An evidence file kept with the answer (a PDF, PNG, JPEG or text file, at most 4 MB),
        /// scanned by ClamAV first; it replaces the one before.
        #[arg(long, value_name = "FILE")]
        evidence: Option<std::path::PathBuf>,
    },
}

#[derive(Serialize)]
struct QuestionJson {
    id: &'static str,
    question: &'static str,
    control: &'static str,
    cis: &'static [&'static str],
    ncsc: Option<&'static str>,
    answered_by: &'static str,
    weight: u8,
    answer: &'static str,
    evidence: String,
    /// The owner's evidence file: its `id`, `name`, `content_type` and `bytes`.
    evidence_file: Option<strongroom_app::desk::EvidenceRef>,
}

fn standing(standing: Standing) -> &'static str {
    match standing {
        Standing::Yes => "yes",
        Standing::No => "no",
        Standing::Open => "open",
    }
}

/// An evidence file, read no further than one byte past the largest taken (a huge file, or a
/// pipe that never ends, is refused without being read whole).
fn read_evidence(path: &std::path::Path) -> Result<Vec<u8>> {
    use std::io::Read;
    let limit = strongroom_app::desk::MAX_EVIDENCE_BYTES;
    let file = std::fs::File::open(path).with_context(|| format!("reading {}", path.display()))?;
    let mut bytes = Vec::new();
    file.take(limit as u64 + 1).read_to_end(&mut bytes).with_context(|| format!("reading {}", path.display()))?;
    Ok(bytes)
}

pub fn run(cli: &Cli, command: &AssessmentCommand, actor: &Actor) -> Result<()> {
    let vault = open_vault(cli)?;
    match command {
        AssessmentCommand::Show { json } => {
            let assessment = vault.assessment(actor, today())?;
            if *json {
                let questions: Vec<QuestionJson> = assessment
                    .questions
                    .iter()
                    .map(|assessed| QuestionJson {
                        id: assessed.question.id,
                        question: assessed.question.text(Language::En),
                        control: assessed.question.control.map_or("beyond_cyber_essentials", |control| control.as_str()),
                        cis: assessed.question.cis,
                        ncsc: assessed.question.ncsc.map(|topic| topic.as_str()),
                        answered_by: match assessed.question.answerer {
                            Answerer::Strongroom => "strongroom",
                            Answerer::Owner => "owner",
                        },
                        weight: assessed.question.weight,
                        answer: standing(assessed.standing),
                        evidence: assessed.evidence.clone(),
                        evidence_file: assessed.evidence_file.clone(),
                    })
                    .collect();
                let controls: Vec<serde_json::Value> = assessment
                    .controls
                    .iter()
                    .map(|(control, score)| serde_json::json!({ "control": control.as_str(), "score": score }))
                    .collect();
                let history: Vec<serde_json::Value> =
                    assessment.history.iter().map(|(day, score)| serde_json::json!({ "day": day.to_string(), "score": score })).collect();
                return output::json(&serde_json::json!({
                    "score": assessment.score,
                    "controls": controls,
                    "questions": questions,
                    "next_steps": assessment.next_steps,
                    "history": history,
                }));
            }
            println!("Security score: {} of 100", assessment.score);
            for (control, score) in &assessment.controls {
                println!("  {:<28} {score:>3}", control.name(Language::En));
            }
            for assessed in &assessment.questions {
                println!("{:<5} {:<22} {}", standing(assessed.standing), assessed.question.id, assessed.question.text(Language::En));
                if !assessed.evidence.is_empty() {
                    println!("      {}", assessed.evidence);
                }
            }
            println!("Next steps: {}", assessment.next_steps.join(", "));
            Ok(())
        }
        AssessmentCommand::Answer { id, yes, no, note, evidence } => {
            if yes == no {
                bail!("answer with --yes or --no");
            }
            // Read before anything is saved: a file that is not there changes nothing.
            let file = evidence.as_ref().map(|path| read_evidence(path).map(|bytes| (path, bytes))).transpose()?;
            if let Some((_, bytes)) = &file {
                strongroom_app::desk::evidence::evidence_type(bytes).map_err(anyhow::Error::msg)?;
            }
            vault.answer_question(actor, id, *yes, note, today())?;
            println!("answered {id}: {}", if *yes { "yes" } else { "no" });
            if let Some((path, bytes)) = file {
                let name = path.file_name().map(|name| name.to_string_lossy().into_owned()).unwrap_or_default();
                let kept = vault
                    .attach_evidence(actor, id, &name, &bytes, today())
                    .with_context(|| format!("{id} is answered, but the evidence file was not kept"))?;
                println!("evidence kept: {} ({}, {} bytes)", kept.name, kept.content_type, kept.bytes);
            }
            Ok(())
        }
    }
}
