//! The rules of the monthly security training (issue 17), and its course (`course.rs`): when a
//! month's lesson is due (the month's last day), when a new member of staff must have the
//! basics (within their first month), when someone who joined late in a month gets that month's
//! lesson (with the basics, not within days), when an overdue lesson goes to the owner (14 days
//! after it was due), and how a quiz is scored (its pass mark, each wrong answer named so its
//! explanation can be shown).

use time::Date;

use crate::add_months;

mod catalogue;
mod course;
mod drills;
mod lessons;
mod own;

pub use self::catalogue::{course, lesson, lesson_of_month};
pub use self::course::{Lesson, Question as LessonQuestion, Words};
pub use self::drills::{DRILL_TEMPLATES, DrillTemplate, drill_template};
pub use self::own::{OWN_LESSONS_MAX, OwnLesson, OwnQuestion, parse_quiz, quiz_text};

/// Days after a lesson's due day before the owner is told it is still not done.
pub const ESCALATE_AFTER_DAYS: i64 = 14;
/// Someone who joins with fewer days than this left in a month takes that month's lesson with
/// the basics, not by the month's end.
pub const LATE_JOINER_DAYS: i64 = 14;

/// The last day of the month `day` is in.
pub fn month_end(day: Date) -> Date {
    let last = time::util::days_in_month(day.month(), day.year());
    day.replace_day(last).unwrap_or(day)
}

/// The day a new member of staff who joined on `joined_on` must have the basics by: a month
/// later (the 31st of January gives the last day of February).
pub fn basics_due(joined_on: Date) -> Date {
    add_months(joined_on, 1)
}

/// The day the lesson of the month holding `month` is due for someone who joined on `joined_on`:
/// the month's last day; with the basics when they joined late in that month; `None` when the
/// month ended before they joined.
pub fn lesson_due(month: Date, joined_on: Date) -> Option<Date> {
    let end = month_end(month);
    if end < joined_on {
        return None;
    }
    let joined_this_month = joined_on.year() == month.year() && joined_on.month() == month.month();
    if joined_this_month && (end - joined_on).whole_days() < LATE_JOINER_DAYS {
        return Some(basics_due(joined_on));
    }
    Some(end)
}

/// Where someone stands with one lesson on `today`.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum TrainingState {
    Done(Date),
    /// Not done, due on this day (today or later).
    Due(Date),
    /// Past its due day: shown to the person and on the owner's page.
    Overdue {
        due: Date,
        days: i64,
    },
    /// Past its due day by more than [`ESCALATE_AFTER_DAYS`]: the owner is told.
    Escalated {
        due: Date,
        days: i64,
    },
}

/// The state of a lesson due on `due`, passed on `passed_on` if it was, on `today`.
pub fn training_state(due: Date, passed_on: Option<Date>, today: Date) -> TrainingState {
    if let Some(on) = passed_on {
        return TrainingState::Done(on);
    }
    let days = (today - due).whole_days();
    match days {
        ..=0 => TrainingState::Due(due),
        days if days > ESCALATE_AFTER_DAYS => TrainingState::Escalated { due, days },
        days => TrainingState::Overdue { due, days },
    }
}

/// The first day of the month `day` is in.
pub fn month_start(day: Date) -> Date {
    day.replace_day(1).unwrap_or(day)
}

/// A lesson of the course as the plan sees it, already chosen for the person's role: its id,
/// the month of the year it belongs to, and whether it is part of the basics.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct PlanEntry<'a> {
    pub id: &'a str,
    pub month: u8,
    pub basics: bool,
    /// The day it was added (a lesson of the shop's own): months that ended before it are not
    /// planned, and the month it was added in gets a late joiner's grace. `Date::MIN` for the
    /// built-in course.
    pub since: Date,
    /// The day it was removed (a lesson of the shop's own): months after its month are not
    /// planned. `Date::MAX` for one in use.
    pub until: Date,
}

/// A lesson someone must take: which, for which month (its first day; the month they joined
/// for the basics), and by when.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Planned<'a> {
    pub lesson: &'a str,
    pub month: Date,
    pub due: Date,
    pub basics: bool,
}

impl Planned<'_> {
    /// The first day a pass counts for this lesson: a month before its month, so that someone
    /// who takes next month's lesson early is not asked again, while last year's pass of the
    /// same lesson does not count for this year's.
    pub fn counts_from(&self) -> Date {
        let index = self.month.year() * 12 + i32::from(u8::from(self.month.month())) - 2;
        let month = time::Month::try_from((index.rem_euclid(12) + 1) as u8).unwrap_or(time::Month::January);
        Date::from_calendar_date(index.div_euclid(12), month, 1).unwrap_or(self.month)
    }
}

/// What someone who joined on `joined_on` must have taken by `today`, when the shop's course
/// began on `started_on`: every month's lesson from the later of the two months on (the month's
/// own, by its last day, or with the basics for a late joiner), and, for someone who joined
/// after the course began, the basics within their first month. A lesson planned twice for
/// the same month (a basics lesson that is also the month's) is planned once, by the earlier
/// day. In the order they fall due.
pub fn plan<'a>(entries: &[PlanEntry<'a>], joined_on: Date, started_on: Date, today: Date) -> Vec<Planned<'a>> {
    let mut planned: Vec<Planned<'a>> = Vec::new();
    let mut add = |next: Planned<'a>| match planned.iter_mut().find(|had| had.lesson == next.lesson && had.month == next.month) {
        Some(had) => {
            had.due = had.due.min(next.due);
            had.basics |= next.basics;
        }
        None => planned.push(next),
    };
    if joined_on >= started_on {
        for entry in entries.iter().filter(|entry| entry.basics) {
            add(Planned { lesson: entry.id, month: month_start(joined_on), due: basics_due(joined_on), basics: true });
        }
    }
    let mut month = month_start(joined_on.max(started_on));
    while month <= today {
        for entry in entries.iter().filter(|entry| entry.month == u8::from(month.month()) && month <= entry.until) {
            // Who was on the staff before the course began has the grace of a late joiner in
            // its first month: an upgrade on the 28th does not make a lesson due in three days.
            if let Some(due) = lesson_due(month, joined_on.max(started_on).max(entry.since)) {
                add(Planned { lesson: entry.id, month, due, basics: false });
            }
        }
        month = add_months(month, 1);
    }
    planned.sort_by_key(|entry| (entry.due, entry.month));
    planned
}

/// A quiz's score: how many answers were right, whether that reaches the pass mark, and which
/// questions were answered wrong (their explanations are shown).
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct QuizScore {
    pub correct: usize,
    pub total: usize,
    pub passed: bool,
    pub wrong: Vec<usize>,
}

/// Scores `given` (the chosen option per question) against `right`, passing at `pass_percent`.
/// A question left unanswered counts as wrong.
pub fn score_quiz(right: &[usize], given: &[Option<usize>], pass_percent: u8) -> QuizScore {
    let wrong: Vec<usize> =
        right.iter().enumerate().filter(|(n, answer)| given.get(*n).copied().flatten() != Some(**answer)).map(|(n, _)| n).collect();
    let total = right.len();
    let correct = total - wrong.len();
    let passed = total > 0 && correct * 100 >= total * usize::from(pass_percent);
    QuizScore { correct, total, passed, wrong }
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;

    #[test]
    fn lessons_fall_due_at_month_ends_and_late_joiners_get_time() {
        assert_eq!(month_end(date!(2026 - 02 - 10)), date!(2026 - 02 - 28));
        assert_eq!(month_end(date!(2028 - 02 - 10)), date!(2028 - 02 - 29), "a leap year");
        assert_eq!(basics_due(date!(2026 - 01 - 31)), date!(2026 - 02 - 28), "a month on, clamped to the month's end");
        // Someone who has been here a while: every month's lesson by its last day.
        assert_eq!(lesson_due(date!(2026 - 03 - 01), date!(2025 - 06 - 02)), Some(date!(2026 - 03 - 31)));
        // Joined on the 3rd: this month's lesson by its end, like everyone.
        assert_eq!(lesson_due(date!(2026 - 03 - 01), date!(2026 - 03 - 03)), Some(date!(2026 - 03 - 31)));
        // Joined on the 20th, eleven days before the end: with the basics, a month on.
        assert_eq!(lesson_due(date!(2026 - 03 - 01), date!(2026 - 03 - 20)), Some(date!(2026 - 04 - 20)));
        // A month that ended before they came is not theirs.
        assert_eq!(lesson_due(date!(2026 - 02 - 01), date!(2026 - 03 - 20)), None);
    }

    #[test]
    fn an_undone_lesson_is_due_then_overdue_then_goes_to_the_owner() {
        let due = date!(2026 - 03 - 31);
        assert_eq!(training_state(due, None, date!(2026 - 03 - 31)), TrainingState::Due(due), "on the day itself");
        assert_eq!(training_state(due, None, date!(2026 - 04 - 01)), TrainingState::Overdue { due, days: 1 });
        assert_eq!(training_state(due, None, date!(2026 - 04 - 14)), TrainingState::Overdue { due, days: 14 });
        assert_eq!(training_state(due, None, date!(2026 - 04 - 15)), TrainingState::Escalated { due, days: 15 });
        assert_eq!(training_state(due, Some(date!(2026 - 04 - 20)), date!(2026 - 05 - 01)), TrainingState::Done(date!(2026 - 04 - 20)));
    }

    const ENTRIES: [PlanEntry<'static>; 4] = [
        PlanEntry { id: "phishing", month: 1, basics: true, since: Date::MIN, until: Date::MAX },
        PlanEntry { id: "passwords", month: 2, basics: true, since: Date::MIN, until: Date::MAX },
        PlanEntry { id: "card-data", month: 3, basics: false, since: Date::MIN, until: Date::MAX },
        PlanEntry { id: "id-checks", month: 4, basics: false, since: Date::MIN, until: Date::MAX },
    ];

    #[test]
    fn staff_of_before_the_course_get_each_month_from_its_start() {
        let planned = plan(&ENTRIES, date!(2024 - 05 - 01), date!(2026 - 02 - 17), date!(2026 - 04 - 02));
        let got: Vec<(&str, Date)> = planned.iter().map(|entry| (entry.lesson, entry.due)).collect();
        assert_eq!(
            got,
            vec![("passwords", date!(2026 - 03 - 17)), ("card-data", date!(2026 - 03 - 31)), ("id-checks", date!(2026 - 04 - 30))],
            "no basics for who was there before; the course began 11 days before February's end, so its lesson has a month"
        );
        assert_eq!(planned[0].counts_from(), date!(2026 - 01 - 01));
        assert_eq!(
            Planned { lesson: "x", month: date!(2026 - 01 - 01), due: date!(2026 - 01 - 31), basics: false }.counts_from(),
            date!(2025 - 12 - 01)
        );
    }

    #[test]
    fn a_lesson_of_the_shops_own_counts_from_when_it_was_added() {
        let own = [PlanEntry { id: "own-alarm", month: 3, basics: false, since: date!(2026 - 03 - 25), until: Date::MAX }];
        let planned = plan(&own, date!(2024 - 05 - 01), date!(2025 - 01 - 01), date!(2027 - 04 - 02));
        let got: Vec<Date> = planned.iter().map(|entry| entry.due).collect();
        assert_eq!(got, vec![date!(2026 - 04 - 25), date!(2027 - 03 - 31)], "not March 2025; March 2026 with a month's grace");
        let removed = [PlanEntry { until: date!(2026 - 03 - 30), ..own[0] }];
        let planned = plan(&removed, date!(2024 - 05 - 01), date!(2025 - 01 - 01), date!(2027 - 04 - 02));
        assert_eq!(planned.len(), 1, "removed in March 2026: that month still counts, the next year's does not");
    }

    #[test]
    fn a_new_person_gets_the_basics_and_a_late_joiner_the_month_with_them() {
        // Joined on 20 January, eleven days before the month ends: January's lesson (a basics
        // one too) with the basics, a month on; February's by February's end.
        let planned = plan(&ENTRIES, date!(2026 - 01 - 20), date!(2025 - 06 - 01), date!(2026 - 02 - 03));
        let got: Vec<(&str, Date, bool)> = planned.iter().map(|entry| (entry.lesson, entry.due, entry.basics)).collect();
        assert_eq!(
            got,
            vec![
                ("phishing", date!(2026 - 02 - 20), true),
                ("passwords", date!(2026 - 02 - 20), true),
                ("passwords", date!(2026 - 02 - 28), false),
            ],
            "phishing once for January; passwords as basics and again as February's lesson"
        );
        // Joined on the 3rd of March: March's lesson by its end, the basics by 3 April.
        let planned = plan(&ENTRIES, date!(2026 - 03 - 03), date!(2025 - 06 - 01), date!(2026 - 03 - 03));
        let got: Vec<(&str, Date)> = planned.iter().map(|entry| (entry.lesson, entry.due)).collect();
        assert_eq!(
            got,
            vec![("card-data", date!(2026 - 03 - 31)), ("phishing", date!(2026 - 04 - 03)), ("passwords", date!(2026 - 04 - 03))]
        );
    }

    #[test]
    fn a_quiz_passes_at_its_mark_and_names_the_wrong_answers() {
        let right = [1, 0, 2, 3, 1];
        let all = score_quiz(&right, &[Some(1), Some(0), Some(2), Some(3), Some(1)], 80);
        assert_eq!((all.correct, all.passed, all.wrong.len()), (5, true, 0));
        let four = score_quiz(&right, &[Some(1), Some(0), Some(2), Some(3), Some(0)], 80);
        assert_eq!((four.correct, four.passed, four.wrong), (4, true, vec![4]), "4 of 5 is 80%");
        let three = score_quiz(&right, &[Some(1), None, Some(2), Some(3), Some(0)], 80);
        assert_eq!((three.correct, three.passed, three.wrong), (3, false, vec![1, 4]), "unanswered counts as wrong");
        assert!(!score_quiz(&[], &[], 80).passed, "an empty quiz passes nobody");
    }
}
