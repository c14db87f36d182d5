//! The benchmark's figures for the people part of the programme, in the vault the benchmark
//! imported: the shop's password vault with 500 entries, each shared with a role, and how long
//! its gate calls take (p50 and p99 of 100 runs): the list a member of staff sees (every entry
//! opened for its words and flags, never a password) and one password copied (recorded); and the
//! training, with a year of attempts by ten people kept: one quiz answered (scored, sealed, kept
//! with its event) and one person's plan as the start page reads it. Issue 17 asks the list with
//! 500 entries under 50 ms p99 and a quiz answer under 20 ms.

use anyhow::Result;
use serde::Serialize;
use strongroom_app::Vault;
use strongroom_app::secrets::{NewSecret, Reveal, generate_password};
use strongroom_domain::{Actor, Role, SecretInfo, SecretText, Share};

use crate::bench_desk::{RUNS, timed};

const ENTRIES: usize = 500;

/// p50 and p99 of the vault's calls, in milliseconds.
#[derive(Debug, Default, Serialize)]
pub struct PeopleFigures {
    pub vault_list_p50_ms: f64,
    pub vault_list_p99_ms: f64,
    pub vault_copy_p50_ms: f64,
    pub vault_copy_p99_ms: f64,
    pub quiz_answer_p50_ms: f64,
    pub quiz_answer_p99_ms: f64,
    pub training_plan_p50_ms: f64,
    pub training_plan_p99_ms: f64,
}

/// The people figures, measured in `vault` after filling its password vault.
pub fn figures(vault: &Vault) -> Result<PeopleFigures> {
    let owner = Actor::cli("owner");
    let manager = Actor::staff("bench-manager", Role::Manager, true);
    let today = strongroom_server::shop_today();
    let mut first = None;
    for n in 0..ENTRIES {
        let share = Share::parse(if n % 2 == 0 { "role:manager=view" } else { "role:manager" })?;
        let info =
            SecretInfo::parse(&format!("Supplier portal {n}"), &format!("https://supplier{n}.example/login"), "shop", "", vec![share])?;
        let password = SecretText::parse("password", &generate_password(20, true)?)?;
        let id = vault.add_secret(&owner, NewSecret { info, password, totp: None }, today)?;
        first.get_or_insert(id);
    }
    let first = first.ok_or_else(|| anyhow::anyhow!("no entry was added"))?;
    let (vault_list_p50_ms, vault_list_p99_ms) = timed(|| {
        let listed = vault.secrets(&manager, today)?;
        anyhow::ensure!(listed.len() == ENTRIES, "the manager sees {} of {ENTRIES}", listed.len());
        Ok(())
    })?;
    let (vault_copy_p50_ms, vault_copy_p99_ms) = timed(|| Ok(vault.reveal_secret(&manager, first, Reveal::Copy).map(drop)?))?;
    let training = training_figures(vault)?;
    Ok(PeopleFigures { vault_list_p50_ms, vault_list_p99_ms, vault_copy_p50_ms, vault_copy_p99_ms, ..training })
}

/// The training's figures, after keeping a year of attempts by ten people (two a month each).
fn training_figures(vault: &Vault) -> Result<PeopleFigures> {
    let owner = Actor::cli("owner");
    let today = strongroom_server::shop_today();
    let lessons: Vec<&strongroom_domain::Lesson> = strongroom_domain::course().filter(|lesson| lesson.roles.is_empty()).collect();
    let mut people = Vec::new();
    for n in 0..10 {
        let name = format!("bench-sales-{n}");
        vault.add_staff(&owner, &strongroom_domain::StaffName::parse(&name)?, Role::Sales, None)?;
        people.push(Actor::staff(&name, Role::Sales, false));
    }
    for day in 0..24_i64 {
        let on = today - time::Duration::days(day * 15);
        for (n, person) in people.iter().enumerate() {
            let lesson = lessons[(day as usize + n) % lessons.len()];
            let answers: Vec<Option<usize>> = lesson.answers().into_iter().map(Some).collect();
            vault.answer_quiz(person, lesson.id, uuid::Uuid::now_v7(), &answers, on)?;
        }
    }
    let phishing = strongroom_domain::lesson("phishing").ok_or_else(|| anyhow::anyhow!("no phishing lesson"))?;
    let answers: Vec<Option<usize>> = phishing.answers().into_iter().map(Some).collect();
    // A person keeps at most 50 answers a day: the runs take turns among the ten.
    let mut turn = 0;
    let (quiz_answer_p50_ms, quiz_answer_p99_ms) = timed(|| {
        turn += 1;
        let result = vault.answer_quiz(&people[turn % people.len()], phishing.id, uuid::Uuid::now_v7(), &answers, today)?;
        anyhow::ensure!(result.score.passed && !result.repeated, "the quiz was not scored as passed");
        Ok(())
    })?;
    let (training_plan_p50_ms, training_plan_p99_ms) = timed(|| Ok(vault.my_training(&people[0], "en", today).map(drop)?))?;
    Ok(PeopleFigures { quiz_answer_p50_ms, quiz_answer_p99_ms, training_plan_p50_ms, training_plan_p99_ms, ..PeopleFigures::default() })
}

pub fn print(figures: &PeopleFigures) {
    println!("  the password vault, with {ENTRIES} entries (p50 / p99 of {RUNS}):");
    for (what, p50, p99) in [
        ("a manager's list", figures.vault_list_p50_ms, figures.vault_list_p99_ms),
        ("one password copied", figures.vault_copy_p50_ms, figures.vault_copy_p99_ms),
    ] {
        println!("    {what:<30} {p50:>7.1} ms / {p99:>7.1} ms");
    }
    println!("  the training, with a year of attempts by ten people (p50 / p99 of {RUNS}):");
    for (what, p50, p99) in [
        ("a quiz answered and kept", figures.quiz_answer_p50_ms, figures.quiz_answer_p99_ms),
        ("one person's plan", figures.training_plan_p50_ms, figures.training_plan_p99_ms),
    ] {
        println!("    {what:<30} {p50:>7.1} ms / {p99:>7.1} ms");
    }
}
