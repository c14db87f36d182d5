//! Where each person stands with the training: the lessons planned for them by
//! `domain::plan` (the months since they joined or since the course began, the basics for who
//! joined after), each done, due, overdue or gone to the owner, with the best score and the
//! attempts; and for who sees everyone's training, every active member of staff and the
//! completion of the last twelve months.

use strongroom_domain::{Actor, ActorKind, AuditAction, Permission, PlanEntry, Role, TrainingState, month_start, plan, training_state};
use time::Date;

use super::{AttemptDoc, TrainingLesson};
use crate::desk::doctor::{Check, Status, check};
use crate::{AppError, Vault, from_micros_lenient};

/// One planned lesson and where the person stands with it.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct LessonStatus {
    pub lesson: String,
    pub title: String,
    /// The month it is planned for (its first day; the month they joined for the basics).
    pub month: Date,
    pub due: Date,
    pub basics: bool,
    pub state: TrainingState,
    /// The best attempt that counts for it: right answers of all.
    pub best: Option<(usize, usize)>,
    pub attempts: usize,
}

impl LessonStatus {
    pub fn done(&self) -> bool {
        matches!(self.state, TrainingState::Done(_))
    }

    pub fn overdue(&self) -> bool {
        matches!(self.state, TrainingState::Overdue { .. } | TrainingState::Escalated { .. })
    }
}

/// One person's training.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct PersonTraining {
    pub name: String,
    pub role: Role,
    pub joined_on: Date,
    /// In the order they fall due.
    pub lessons: Vec<LessonStatus>,
    /// Every quiz they answered.
    pub attempts: usize,
    /// The in-person sessions they attended in the last twelve months (in everyone's training).
    pub sessions: usize,
}

impl PersonTraining {
    pub fn assigned(&self) -> usize {
        self.lessons.len()
    }

    pub fn completed(&self) -> usize {
        self.lessons.iter().filter(|lesson| lesson.done()).count()
    }

    pub fn overdue(&self) -> usize {
        self.lessons.iter().filter(|lesson| lesson.overdue()).count()
    }

    /// Lessons overdue by more than the grace period: the owner is told.
    pub fn escalated(&self) -> usize {
        self.lessons.iter().filter(|lesson| matches!(lesson.state, TrainingState::Escalated { .. })).count()
    }

    /// The mean of the best scores of the lessons attempted, in percent.
    pub fn score(&self) -> Option<u8> {
        let scores: Vec<usize> = self
            .lessons
            .iter()
            .filter_map(|lesson| lesson.best)
            .filter(|(_, total)| *total > 0)
            .map(|(right, total)| right * 100 / total)
            .collect();
        (!scores.is_empty()).then(|| (scores.iter().sum::<usize>() / scores.len()) as u8)
    }

    /// The lessons still to take, the most urgent first.
    pub fn to_take(&self) -> impl Iterator<Item = &LessonStatus> {
        self.lessons.iter().filter(|lesson| !lesson.done())
    }
}

/// One month's completion across the shop.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct MonthCompletion {
    /// Its first day.
    pub month: Date,
    pub assigned: usize,
    pub done: usize,
}

impl MonthCompletion {
    /// Done of planned, in percent; `None` for a month nobody had a lesson in.
    pub fn percent(&self) -> Option<u8> {
        (self.assigned > 0).then(|| (self.done * 100 / self.assigned) as u8)
    }
}

/// Everyone's training, for the owner, the privacy officer and the external auditor.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct TrainingOverview {
    pub started_on: Date,
    pub people: Vec<PersonTraining>,
    /// The last twelve months, the oldest first.
    pub months: Vec<MonthCompletion>,
}

/// What everyone's standing is worked out against: the course's start, the day, the lessons.
struct Course<'a> {
    started_on: Date,
    today: Date,
    lessons: &'a [TrainingLesson],
}

/// Where someone in `role` who joined on `joined_on` stands with the course, given their
/// `attempts` and the days they opened a drill's link (`clicks`).
fn person_training(
    name: &str,
    role: Role,
    joined_on: Date,
    course: &Course<'_>,
    attempts: &[&AttemptDoc],
    clicks: &[i64],
) -> PersonTraining {
    let Course { started_on, today, lessons } = *course;
    let theirs: Vec<&TrainingLesson> = lessons.iter().filter(|lesson| lesson.for_role(role)).collect();
    let entries: Vec<PlanEntry<'_>> = theirs
        .iter()
        .map(|lesson| PlanEntry {
            id: lesson.id.as_str(),
            month: lesson.month,
            basics: lesson.basics,
            since: lesson.since,
            until: lesson.until,
        })
        .collect();
    let planned = plan(&entries, joined_on, started_on, today);
    let statuses = planned
        .iter()
        .map(|planned| {
            let from = planned.counts_from();
            let counted: Vec<&&AttemptDoc> = attempts
                .iter()
                .filter(|attempt| attempt.lesson == planned.lesson && attempt.day().is_some_and(|day| day >= from))
                .collect();
            let passed_on = counted.iter().filter(|attempt| attempt.passed).filter_map(|attempt| attempt.day()).min();
            let best =
                counted.iter().map(|attempt| (attempt.correct, attempt.total)).max_by_key(|(right, total)| right * 1000 / (*total).max(1));
            LessonStatus {
                lesson: planned.lesson.to_owned(),
                title: theirs.iter().find(|lesson| lesson.id == planned.lesson).map(|lesson| lesson.title.clone()).unwrap_or_default(),
                month: planned.month,
                due: planned.due,
                basics: planned.basics,
                state: training_state(planned.due, passed_on, today),
                best,
                attempts: counted.len(),
            }
        })
        .collect();
    let mut statuses: Vec<LessonStatus> = statuses;
    // Whoever opened a drill's link takes the phishing lesson again, within 14 days of the last
    // opening; a pass after that moment counts.
    if let Some(clicked_at) = clicks.iter().copied().max() {
        let clicked = from_micros_lenient(clicked_at).date();
        let counted: Vec<&&AttemptDoc> =
            attempts.iter().filter(|attempt| attempt.lesson == FOLLOW_UP && attempt.at >= clicked_at).collect();
        let passed_on = counted.iter().filter(|attempt| attempt.passed).filter_map(|attempt| attempt.day()).min();
        let due = clicked + time::Duration::days(FOLLOW_UP_DAYS);
        statuses.push(LessonStatus {
            lesson: FOLLOW_UP.to_owned(),
            title: theirs.iter().find(|lesson| lesson.id == FOLLOW_UP).map(|lesson| lesson.title.clone()).unwrap_or_default(),
            month: month_start(clicked),
            due,
            basics: false,
            state: training_state(due, passed_on, today),
            best: counted
                .iter()
                .map(|attempt| (attempt.correct, attempt.total))
                .max_by_key(|(right, total)| right * 1000 / (*total).max(1)),
            attempts: counted.len(),
        });
    }
    statuses.sort_by_key(|lesson| (lesson.due, lesson.month));
    PersonTraining { name: name.to_owned(), role, joined_on, lessons: statuses, attempts: attempts.len(), sessions: 0 }
}

/// The lesson taken again after a drill's link was opened, and within how many days.
const FOLLOW_UP: &str = "phishing";
const FOLLOW_UP_DAYS: i64 = 14;

/// The twelve months up to `today`'s, the oldest first.
fn last_twelve_months(today: Date) -> Vec<Date> {
    let this = month_start(today);
    (0..12).rev().map(|back| months_before(this, back)).collect()
}

fn months_before(month: Date, back: i32) -> Date {
    let index = month.year() * 12 + i32::from(u8::from(month.month())) - 1 - back;
    let name = time::Month::try_from((index.rem_euclid(12) + 1) as u8).unwrap_or(time::Month::January);
    Date::from_calendar_date(index.div_euclid(12), name, 1).unwrap_or(month)
}

impl Vault {
    /// The signed-in person's training on `today`, lesson titles in `language`.
    pub fn my_training(&self, actor: &Actor, language: &str, today: Date) -> Result<PersonTraining, AppError> {
        self.require(actor, Permission::TrainingTake, AuditAction::TrainingAnswer, None)?;
        if actor.kind != ActorKind::Staff {
            return Err(AppError::Conflict("only a member of staff takes the training, signed in as themselves".into()));
        }
        let started_on = self.course_started(today)?;
        let lessons = self.training_lessons(actor, language)?;
        let mut tx = self.store.begin()?;
        let person = self.staff_by_name_checked(tx.as_mut(), &actor.name)?.ok_or(AppError::NotFound("staff member"))?;
        let attempts = self.attempts_in(tx.as_mut())?;
        let clicks = self.drill_clicks(tx.as_mut())?;
        tx.commit()?;
        if !person.intact {
            return Err(AppError::Tampered("staff account"));
        }
        let theirs: Vec<&AttemptDoc> = attempts.iter().filter(|attempt| attempt.person == actor.name).collect();
        let clicked: Vec<i64> = clicks.iter().filter(|(person, _)| *person == actor.name).map(|(_, at)| *at).collect();
        let joined_on = from_micros_lenient(person.row.created_at).date();
        let course = Course { started_on, today, lessons: &lessons };
        Ok(person_training(&actor.name, person.row.role, joined_on, &course, &theirs, &clicked))
    }

    /// Everyone's training on `today`: each active member of staff (the external auditor takes
    /// none), and the shop's completion by month.
    pub fn training_overview(&self, actor: &Actor, language: &str, today: Date) -> Result<TrainingOverview, AppError> {
        self.require(actor, Permission::TrainingOverview, AuditAction::DeskRead, None)?;
        let started_on = self.course_started(today)?;
        let lessons = self.training_lessons(actor, language)?;
        let mut tx = self.store.begin()?;
        let staff = self.all_staff_checked(tx.as_mut())?;
        let attempts = self.attempts_in(tx.as_mut())?;
        let sessions = self.session_entries(tx.as_mut())?;
        let clicks = self.drill_clicks(tx.as_mut())?;
        tx.commit()?;
        let course = Course { started_on, today, lessons: &lessons };
        let year_ago = months_before(month_start(today), 11);
        // A row that fails its check is left out here; `audit verify` and the staff page name it.
        let mut people: Vec<PersonTraining> = staff
            .iter()
            .filter(|checked| checked.intact)
            .map(|checked| &checked.row)
            .filter(|row| !row.disabled && row.role != Role::ExternalAuditor)
            .map(|row| {
                let theirs: Vec<&AttemptDoc> = attempts.iter().filter(|attempt| attempt.person == row.username).collect();
                let joined_on = from_micros_lenient(row.created_at).date();
                let clicked: Vec<i64> = clicks.iter().filter(|(person, _)| *person == row.username).map(|(_, at)| *at).collect();
                let mut person = person_training(&row.username, row.role, joined_on, &course, &theirs, &clicked);
                person.sessions =
                    sessions.iter().filter(|session| session.on >= year_ago && session.present.contains(&row.username)).count();
                person
            })
            .collect();
        people.sort_by(|a, b| b.escalated().cmp(&a.escalated()).then(b.overdue().cmp(&a.overdue())).then(a.name.cmp(&b.name)));
        let months = last_twelve_months(today)
            .into_iter()
            .map(|month| {
                let planned = people.iter().flat_map(|person| &person.lessons).filter(|lesson| lesson.month == month);
                let (assigned, done) = planned.fold((0, 0), |(assigned, done), lesson| (assigned + 1, done + usize::from(lesson.done())));
                MonthCompletion { month, assigned, done }
            })
            .collect();
        Ok(TrainingOverview { started_on, people, months })
    }
}

impl Vault {
    /// The doctor's training check: everyone's lessons on time, or who has one more than the
    /// grace period overdue (the owner is told).
    pub(crate) fn training_check(&self, today: Date) -> Check {
        let overview = match self.training_overview(&Actor::system("doctor"), "en", today) {
            Ok(overview) => overview,
            Err(error) => {
                return check(
                    "staff_training",
                    Status::Problem,
                    format!("the training does not read: {error}"),
                    "report it: run `strongroom audit verify`",
                );
            }
        };
        let behind: Vec<&str> = overview.people.iter().filter(|person| person.escalated() > 0).map(|person| person.name.as_str()).collect();
        if behind.is_empty() {
            check(
                "staff_training",
                Status::Ok,
                format!("no lesson is more than 14 days overdue (people on the staff: {})", overview.people.len()),
                "",
            )
        } else {
            check(
                "staff_training",
                Status::Attention,
                format!("lessons more than 14 days overdue: {}", behind.join(", ")),
                "remind them; the training page shows who is behind",
            )
        }
    }

    /// For the self-assessment: how many people are on the staff, and how many have a lesson
    /// overdue (counts, never names: the auditor reads it).
    pub(crate) fn training_standing(&self, today: Date) -> Option<(usize, usize)> {
        let overview = self.training_overview(&Actor::system("assessment"), "en", today).ok()?;
        Some((overview.people.len(), overview.people.iter().filter(|person| person.overdue() > 0).count()))
    }
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;

    #[test]
    fn twelve_months_end_with_this_one() {
        let months = last_twelve_months(date!(2026 - 03 - 15));
        assert_eq!(months.len(), 12);
        assert_eq!(months[0], date!(2025 - 04 - 01));
        assert_eq!(months[11], date!(2026 - 03 - 01));
    }
}
