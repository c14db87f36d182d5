//! `strongroom training list|status`: the security training. `list --json` gives each
//! lesson's `id`, `title` and number of `questions` (with its month, whether it is one of the
//! basics, and its pass mark); `status --json` gives each active member of staff's `assigned`,
//! `completed`, `score` (the mean of their best scores, in percent, or null), `attempts` and
//! `overdue`, with `escalated` (overdue past the grace period: the owner is told) and each
//! planned lesson. `address NAME ADDRESS` sets where a person's reminders go; `remind` queues
//! today's reminders now. The quizzes themselves are taken on the pages, by each person signed in.

use anyhow::Result;
use clap::Subcommand;
use serde::Serialize;
use strongroom_app::training::{LessonStatus, PersonTraining};
use strongroom_domain::{Actor, EmailAddress, StaffName, TrainingState};

use crate::Cli;
use crate::open::open_vault;
use crate::output;
use crate::parsing::today;

#[derive(Debug, Subcommand)]
pub enum TrainingCommand {
    /// The course's lessons, one a month, in the order of the year.
    List {
        /// `en` or `nl`.
        #[arg(long, default_value = "en")]
        language: String,
        #[arg(long)]
        json: bool,
    },
    /// Where each member of staff stands: planned, done, score, attempts, overdue.
    Status {
        #[arg(long)]
        json: bool,
    },
    /// Set the address a member of staff's training reminders go to (`--clear` takes it off).
    Address {
        name: String,
        address: Option<String>,
        #[arg(long)]
        clear: bool,
    },
    /// Send a practice phishing mail (`--template parcel|invoice|locked`) to staff with a
    /// reminder address, each with their own link under `--base` (the address staff open
    /// Strongroom at). Needs mail set up.
    Drill {
        #[arg(long)]
        template: String,
        #[arg(long = "to", required = true)]
        to: Vec<String>,
        #[arg(long)]
        base: String,
        #[arg(long)]
        json: bool,
    },
    /// The drills and their results: per person the mail's state, when they opened the link,
    /// when they reported it.
    Drills {
        #[arg(long)]
        json: bool,
    },
    /// Queue today's reminders now (the server does it daily): each person with an address and
    /// a lesson due within a week hears at most weekly, the owner's alert addresses of who is
    /// far behind. Nothing when mail is not set up.
    Remind {
        #[arg(long)]
        json: bool,
    },
}

#[derive(Serialize)]
struct LessonJson {
    id: String,
    title: String,
    questions: usize,
    month: u8,
    basics: bool,
    pass_percent: u8,
}

#[derive(Serialize)]
struct PlannedJson {
    id: String,
    due: String,
    /// done, due, overdue or escalated.
    state: &'static str,
    done_on: Option<String>,
    best: Option<String>,
    attempts: usize,
}

#[derive(Serialize)]
struct PersonJson {
    person: String,
    role: &'static str,
    assigned: usize,
    completed: usize,
    score: Option<u8>,
    attempts: usize,
    overdue: usize,
    escalated: usize,
    lessons: Vec<PlannedJson>,
}

fn state_word(state: &TrainingState) -> &'static str {
    match state {
        TrainingState::Done(_) => "done",
        TrainingState::Due(_) => "due",
        TrainingState::Overdue { .. } => "overdue",
        TrainingState::Escalated { .. } => "escalated",
    }
}

fn planned_json(lesson: &LessonStatus) -> PlannedJson {
    PlannedJson {
        id: lesson.lesson.clone(),
        due: lesson.due.to_string(),
        state: state_word(&lesson.state),
        done_on: match lesson.state {
            TrainingState::Done(on) => Some(on.to_string()),
            _ => None,
        },
        best: lesson.best.map(|(right, total)| format!("{right}/{total}")),
        attempts: lesson.attempts,
    }
}

fn person_json(person: &PersonTraining) -> PersonJson {
    PersonJson {
        person: person.name.clone(),
        role: person.role.as_str(),
        assigned: person.assigned(),
        completed: person.completed(),
        score: person.score(),
        attempts: person.attempts,
        overdue: person.overdue(),
        escalated: person.escalated(),
        lessons: person.lessons.iter().map(planned_json).collect(),
    }
}

pub fn run(cli: &Cli, command: &TrainingCommand, actor: &Actor) -> Result<()> {
    let vault = open_vault(cli)?;
    match command {
        TrainingCommand::List { language, json } => {
            anyhow::ensure!(matches!(language.as_str(), "en" | "nl"), "--language: {language:?} is not en or nl");
            let lessons: Vec<_> = vault.training_lessons(actor, language)?.into_iter().filter(|lesson| !lesson.removed()).collect();
            if *json {
                let lessons: Vec<LessonJson> = lessons
                    .iter()
                    .map(|lesson| LessonJson {
                        id: lesson.id.clone(),
                        title: lesson.title.clone(),
                        questions: lesson.questions.len(),
                        month: lesson.month,
                        basics: lesson.basics,
                        pass_percent: lesson.pass_percent,
                    })
                    .collect();
                return output::json(&lessons);
            }
            for lesson in lessons {
                let basics = if lesson.basics { ", basics" } else { "" };
                println!("{:>2}  {:<20} {} ({} questions{basics})", lesson.month, lesson.id, lesson.title, lesson.questions.len());
            }
        }
        TrainingCommand::Address { name, address, clear } => {
            let name = StaffName::parse(name)?;
            let address = match (address, clear) {
                (Some(address), false) => Some(EmailAddress::parse(address)?),
                (None, true) => None,
                _ => anyhow::bail!("give an address, or --clear to take it off"),
            };
            vault.set_staff_mail(actor, &name, address.as_ref())?;
            println!("{}", if address.is_some() { "reminders go to that address" } else { "no reminders by mail for them" });
        }
        TrainingCommand::Remind { json } => {
            let reminded = vault.send_training_reminders(actor, today())?;
            if *json {
                return output::json(&serde_json::json!({ "reminded": reminded.people, "escalated": reminded.escalated }));
            }
            println!("reminders queued: {}; people far behind named to the owner: {}", reminded.people, reminded.escalated);
        }
        TrainingCommand::Drill { template, to, base, json } => {
            let id = vault.start_drill(actor, template, to, base)?;
            if *json {
                return output::json(&serde_json::json!({ "id": id }));
            }
            println!("drill {id}: the practice mails are queued (sent by `strongroom serve` or `mail send`)");
        }
        TrainingCommand::Drills { json } => return print_drills(&vault.drills(actor)?, *json),
        TrainingCommand::Status { json } => {
            let overview = vault.training_overview(actor, "en", today())?;
            if *json {
                return output::json(&overview.people.iter().map(person_json).collect::<Vec<_>>());
            }
            println!("the training began on {}", overview.started_on);
            for person in &overview.people {
                let score = person.score().map_or_else(|| "no score yet".to_owned(), |score| format!("score {score}%"));
                println!(
                    "{:<20} {:<16} {} of {} done, {score}, {} overdue ({} to the owner)",
                    person.name,
                    person.role.as_str(),
                    person.completed(),
                    person.assigned(),
                    person.overdue(),
                    person.escalated()
                );
            }
            for month in &overview.months {
                if let Some(percent) = month.percent() {
                    println!("{}  {percent}% ({} of {})", &month.month.to_string()[..7], month.done, month.assigned);
                }
            }
        }
    }
    Ok(())
}

/// The drills and their results, as JSON or one line each.
fn print_drills(drills: &[strongroom_app::training::DrillEntry], json: bool) -> Result<()> {
    let rows: Vec<serde_json::Value> = drills
        .iter()
        .map(|drill| {
            let targets: Vec<serde_json::Value> = drill
                .targets
                .iter()
                .map(|target| {
                    serde_json::json!({
                        "person": target.person,
                        "mail": target.mail.map(|state| state.as_str()),
                        "clicked_at": target.clicked_at.map(|at| at.unix_timestamp()),
                        "reported_at": target.reported_at.map(|at| at.unix_timestamp()),
                    })
                })
                .collect();
            serde_json::json!({ "id": drill.id, "template": drill.template.id, "started_by": drill.started_by, "targets": targets })
        })
        .collect();
    if json {
        return output::json(&rows);
    }
    for drill in drills {
        let clicked = drill.targets.iter().filter(|target| target.clicked_at.is_some()).count();
        let reported = drill.targets.iter().filter(|target| target.reported_at.is_some()).count();
        println!("{} {:<8} {} people, {clicked} opened the link, {reported} reported it", drill.id, drill.template.id, drill.targets.len());
    }
    Ok(())
}
