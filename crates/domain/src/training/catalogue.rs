//! The built-in course (issue 17): twelve short lessons written for a jewelry shop, one a month,
//! in the year's order, and the checks that keep each one whole in both languages.

use super::course::Lesson;

/// The course, in the order of the year.
pub fn course() -> impl Iterator<Item = &'static Lesson> {
    super::lessons::LESSONS.into_iter()
}

/// The built-in lesson with `id`.
pub fn lesson(id: &str) -> Option<&'static Lesson> {
    course().find(|lesson| lesson.id == id)
}

/// The built-in lesson of `month` (1–12).
pub fn lesson_of_month(month: u8) -> Option<&'static Lesson> {
    course().find(|lesson| lesson.month == month)
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;
    use crate::training::course::Words;

    fn words_in_both(words: &Words, what: &str) {
        assert!(!words.en.trim().is_empty() && !words.nl.trim().is_empty(), "{what} is in both languages");
        assert_ne!(words.en, words.nl, "{what} is translated");
    }

    #[test]
    fn the_course_has_a_lesson_for_every_month_in_both_languages() {
        let lessons: Vec<&Lesson> = course().collect();
        assert!(lessons.len() >= 12, "at least twelve lessons");
        let months: HashSet<u8> = lessons.iter().map(|lesson| lesson.month).collect();
        assert_eq!(months, (1..=12).collect(), "one lesson for each month");
        let ids: HashSet<&str> = lessons.iter().map(|lesson| lesson.id).collect();
        assert_eq!(ids.len(), lessons.len(), "ids are unique");
        assert!(lessons.iter().any(|lesson| lesson.basics), "there are basics");
        for lesson in lessons {
            let id = lesson.id;
            assert!(id.bytes().all(|byte| byte.is_ascii_lowercase() || byte == b'-'), "{id}: a plain id");
            words_in_both(&lesson.title, id);
            words_in_both(&lesson.summary, id);
            assert!(lesson.body.len() >= 4, "{id}: a page to read");
            let words: usize = lesson.body.iter().map(|paragraph| paragraph.en.split_whitespace().count()).sum();
            assert!((250..=1200).contains(&words), "{id}: a few minutes' read, {words} words");
            for paragraph in lesson.body {
                words_in_both(paragraph, id);
                assert_eq!(paragraph.en.starts_with("- "), paragraph.nl.starts_with("- "), "{id}: lists in both");
            }
            assert!(lesson.questions.len() >= 5, "{id}: at least five questions");
            assert!((50..=100).contains(&lesson.pass_percent), "{id}: a pass mark");
            let mut rights = HashSet::new();
            for question in lesson.questions {
                words_in_both(&question.ask, id);
                words_in_both(&question.why, id);
                assert!((3..=4).contains(&question.options.len()), "{id}: three or four options");
                assert!(question.right < question.options.len(), "{id}: the right option exists");
                question.options.iter().for_each(|option| words_in_both(option, id));
                rights.insert(question.right);
            }
            assert!(rights.len() >= 2, "{id}: the right answer is not always in the same place");
        }
    }
}
