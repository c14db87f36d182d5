//! `strongroom incident playbook|add-step|done|playbooks|playbook-change`: an incident's response
//! steps, and each kind's steps as the shop runs them.

use anyhow::Result;
use strongroom_app::{Playbook, PlaybookChange, Task, TaskStep, Vault};
use strongroom_domain::{Actor, IncidentId, IncidentKind, ShortText};
use time::OffsetDateTime;

use crate::output::{self, rfc3339};

/// What `playbook-change` was asked for: one of `add`, `leave_out` or `reset`.
#[derive(Debug)]
pub(super) struct Change<'a> {
    pub(super) add: &'a Option<String>,
    pub(super) hours: i64,
    pub(super) leave_out: Option<usize>,
    pub(super) reset: bool,
}

/// Starts the kind's steps on an incident.
pub(super) fn start(vault: &Vault, actor: &Actor, id: IncidentId, json: bool) -> Result<()> {
    let tasks = vault.start_playbook(actor, id)?;
    if json {
        return output::json(&serde_json::json!({ "tasks": tasks.iter().map(task_json).collect::<Vec<_>>() }));
    }
    for task in &tasks {
        print_task(task);
    }
    Ok(())
}

/// Adds a step of the shop's own to one incident.
pub(super) fn add(vault: &Vault, actor: &Actor, id: IncidentId, text: &str, hours: i64, json: bool) -> Result<()> {
    let task = vault.add_task(actor, id, &ShortText::parse("step", text)?, hours)?;
    if json {
        return output::json(&task_json(&task));
    }
    print_task(&task);
    Ok(())
}

pub(super) fn done(vault: &Vault, actor: &Actor, id: IncidentId, step: i64) -> Result<()> {
    vault.complete_task(actor, id, step)?;
    eprintln!("step {step} is done");
    Ok(())
}

/// Every kind's steps as the shop runs them.
pub(super) fn playbooks(vault: &Vault, actor: &Actor, json: bool) -> Result<()> {
    let playbooks = vault.playbooks(actor)?;
    if json {
        let shown: Vec<serde_json::Value> = playbooks.iter().map(playbook_json).collect();
        return output::json(&serde_json::json!({ "playbooks": shown }));
    }
    for playbook in &playbooks {
        println!("{}{}", playbook.kind.as_str(), if playbook.own { " (the shop's own)" } else { "" });
        print_steps(playbook, "  ");
    }
    Ok(())
}

pub(super) fn change(vault: &Vault, actor: &Actor, kind: IncidentKind, asked: Change<'_>, json: bool) -> Result<()> {
    let change = match (asked.add, asked.leave_out, asked.reset) {
        (Some(text), None, false) => PlaybookChange::Add { text: ShortText::parse("step", text)?, hours: asked.hours },
        (None, Some(position), false) => PlaybookChange::Remove(position, None),
        (None, None, true) => PlaybookChange::Reset,
        _ => anyhow::bail!("say one of --add TEXT, --leave-out N or --reset"),
    };
    let playbook = vault.change_playbook(actor, kind, change)?;
    if json {
        return output::json(&playbook_json(&playbook));
    }
    print_steps(&playbook, "");
    Ok(())
}

fn print_task(task: &Task) {
    println!("{}. {} (due {})", task.seq, step_text(&task.step), rfc3339(task.due_at));
}

fn print_steps(playbook: &Playbook, indent: &str) {
    for (position, step) in playbook.steps.iter().enumerate() {
        println!("{indent}{position}. {} ({} h)", step_text(&step.step), step.hours);
    }
}

/// A step as the CLI prints it: a built-in step's key, or the shop's own words.
fn step_text(step: &TaskStep) -> &str {
    match step {
        TaskStep::Builtin(step) => step.as_str(),
        TaskStep::Own(words) => words.as_str(),
    }
}

fn playbook_json(playbook: &Playbook) -> serde_json::Value {
    let steps: Vec<serde_json::Value> = playbook
        .steps
        .iter()
        .map(|step| serde_json::json!({ "step": step.step.key(), "text": step_text(&step.step), "hours": step.hours }))
        .collect();
    serde_json::json!({ "kind": playbook.kind.as_str(), "own": playbook.own, "steps": steps })
}

pub(super) fn task_json(task: &Task) -> serde_json::Value {
    serde_json::json!({
        "seq": task.seq,
        "step": task.step.key(),
        "text": match &task.step {
            TaskStep::Own(words) => Some(words.as_str()),
            TaskStep::Builtin(_) => None,
        },
        "due_at": rfc3339(task.due_at),
        "done_at": task.done_at.map(rfc3339),
        "done_by": task.done_by,
        "overdue": task.overdue(OffsetDateTime::now_utc()),
    })
}
