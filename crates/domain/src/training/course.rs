//! The shape of the built-in course's lessons (issue 17): each in English and Dutch, with a page
//! to read, a quiz of at least five questions, a pass mark, and for each question the
//! explanation shown when it was answered wrong. The lessons themselves sit in `lessons/`, a
//! file each, and `catalogue.rs` gives the course in the year's order.

use crate::Role;

/// One text in both of the shop's languages.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Words {
    pub en: &'static str,
    pub nl: &'static str,
}

impl Words {
    /// The text in `language` (`nl` or anything else for English).
    pub fn get(&self, language: &str) -> &'static str {
        if language == "nl" { self.nl } else { self.en }
    }
}

/// A quiz question: its options, which one is right, and why (shown when it was answered wrong).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Question {
    pub ask: Words,
    pub options: &'static [Words],
    /// The index of the right option.
    pub right: usize,
    pub why: Words,
}

/// A lesson of the built-in course.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Lesson {
    /// Stable: attempts are stored against it.
    pub id: &'static str,
    /// The month of the year it is the lesson of (1–12).
    pub month: u8,
    /// Part of the basics every new member of staff takes in their first month.
    pub basics: bool,
    /// Who takes it; empty means every member of staff (the external auditor never).
    pub roles: &'static [Role],
    pub title: Words,
    /// One sentence for the list of lessons.
    pub summary: Words,
    /// The page to read, paragraph by paragraph. A paragraph that starts with "- " is a point
    /// of a list; points in a row make one list.
    pub body: &'static [Words],
    pub questions: &'static [Question],
    /// The share of right answers that passes, in percent.
    pub pass_percent: u8,
}

impl Lesson {
    /// Whether someone in `role` takes this lesson.
    pub fn for_role(&self, role: Role) -> bool {
        role != Role::ExternalAuditor && (self.roles.is_empty() || self.roles.contains(&role))
    }

    /// The right option of each question, in order (what [`crate::score_quiz`] scores against).
    pub fn answers(&self) -> Vec<usize> {
        self.questions.iter().map(|question| question.right).collect()
    }
}
