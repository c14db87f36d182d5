//! The shop's own lessons (issue 17): the owner writes one, with its quiz, for a month of the
//! year. The page is typed as paragraphs (a blank line between them, a line that starts with
//! "- " a point of a list); the quiz as lines, each starting with what it is:
//!
//! ```text
//! ? Who may change a supplier's bank details?
//! - Whoever takes the call
//! * The owner, after calling the supplier back on the known number
//! = A new bank account is checked on a number we already have, never one from the message.
//! ```
//!
//! `?` a question, `-` a wrong option, `*` the right one, `=` the explanation shown to whoever
//! answers it wrong. Every text passes the card-number guard; every problem names its line.

use crate::DomainError;
use crate::text::parse_text;

/// The most lessons of its own a shop keeps.
pub const OWN_LESSONS_MAX: usize = 24;
/// The fewest questions an own lesson's quiz asks, and the most.
pub const OWN_QUESTIONS_MIN: usize = 3;
pub const OWN_QUESTIONS_MAX: usize = 30;

/// A question of an own lesson's quiz.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct OwnQuestion {
    pub ask: String,
    pub options: Vec<String>,
    pub right: usize,
    pub why: String,
}

/// A lesson the shop wrote, checked whole.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct OwnLesson {
    pub title: String,
    pub summary: String,
    pub body: Vec<String>,
    pub questions: Vec<OwnQuestion>,
    /// The month of the year it is the lesson of (1–12), besides the course's own.
    pub month: u8,
    pub pass_percent: u8,
}

impl OwnLesson {
    /// Reads the owner's form: every problem found, not only the first.
    pub fn parse(
        title: &str,
        summary: &str,
        body: &str,
        quiz: &str,
        month: &str,
        pass_percent: &str,
    ) -> Result<OwnLesson, Vec<DomainError>> {
        let mut problems = Vec::new();
        let mut keep = |result: Result<String, DomainError>| result.map_err(|problem| problems.push(problem)).unwrap_or_default();
        let title = keep(parse_text("title", title, 120, false));
        let summary = keep(parse_text("summary", summary, 300, false));
        // Checked as it is kept (lines of a paragraph joined): two halves of a card number on
        // two lines must not pass the guard apart and be stored together.
        let body = keep(parse_text("body", &paragraphs(body).join("\n\n"), 20_000, true));
        let body = paragraphs(&body);
        let questions = parse_quiz(quiz).map_err(|problem| problems.push(problem)).unwrap_or_default();
        let month = match month.trim().parse::<u8>() {
            Ok(month @ 1..=12) => month,
            _ => {
                problems.push(DomainError::invalid("month", "must be a month of the year, 1 to 12"));
                1
            }
        };
        let pass_percent = match pass_percent.trim() {
            "" => 80,
            text => match text.trim_end_matches('%').trim().parse::<u8>() {
                Ok(percent @ 50..=100) => percent,
                _ => {
                    problems.push(DomainError::invalid("pass_percent", "must be a share of right answers from 50 to 100"));
                    80
                }
            },
        };
        if problems.is_empty() { Ok(OwnLesson { title, summary, body, questions, month, pass_percent }) } else { Err(problems) }
    }

    /// The page as the owner typed it: paragraphs with a blank line between them.
    pub fn body_text(&self) -> String {
        self.body.join("\n\n")
    }

    /// The quiz in the form it is typed in (what [`parse_quiz`] reads back).
    pub fn quiz_text(&self) -> String {
        quiz_text(&self.questions)
    }
}

/// Paragraphs of a typed page: blank lines apart; each line that starts with "- " a point.
fn paragraphs(text: &str) -> Vec<String> {
    let mut paragraphs = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    let flush = |current: &mut Vec<&str>, paragraphs: &mut Vec<String>| {
        if !current.is_empty() {
            paragraphs.push(current.join(" "));
            current.clear();
        }
    };
    for line in text.lines().map(str::trim) {
        if line.is_empty() {
            flush(&mut current, &mut paragraphs);
        } else if line.starts_with("- ") {
            flush(&mut current, &mut paragraphs);
            paragraphs.push(line.to_owned());
        } else {
            current.push(line);
        }
    }
    flush(&mut current, &mut paragraphs);
    paragraphs
}

/// The quiz as typed, back from its questions.
pub fn quiz_text(questions: &[OwnQuestion]) -> String {
    let mut lines = Vec::new();
    for question in questions {
        lines.push(format!("? {}", question.ask));
        for (n, option) in question.options.iter().enumerate() {
            lines.push(format!("{} {option}", if n == question.right { '*' } else { '-' }));
        }
        lines.push(format!("= {}", question.why));
        lines.push(String::new());
    }
    lines.join("\n").trim_end().to_owned()
}

fn line_problem(line: usize, reason: impl std::fmt::Display) -> DomainError {
    DomainError::invalid("quiz", format!("line {line}: {reason}"))
}

/// Checks a finished question: two to six options, exactly one right, an explanation.
fn finish(question: OwnQuestion, rights: usize, line: usize) -> Result<OwnQuestion, DomainError> {
    if !(2..=6).contains(&question.options.len()) {
        return Err(line_problem(line, "a question needs two to six options (lines starting with - or *)"));
    }
    if rights != 1 {
        return Err(line_problem(line, "a question needs exactly one right option (the line starting with *)"));
    }
    if question.why.is_empty() {
        return Err(line_problem(line, "a question needs its explanation (a line starting with =)"));
    }
    Ok(question)
}

/// Reads a typed quiz (see the module's words); each problem names its line.
pub fn parse_quiz(text: &str) -> Result<Vec<OwnQuestion>, DomainError> {
    let mut questions = Vec::new();
    let mut current: Option<(OwnQuestion, usize, usize)> = None;
    for (n, raw) in text.lines().enumerate() {
        let number = n + 1;
        let line = raw.trim();
        if line.is_empty() {
            continue;
        }
        let (mark, rest) = line.split_at(line.chars().next().map_or(0, char::len_utf8));
        if !matches!(mark, "?" | "-" | "*" | "=") {
            return Err(line_problem(number, "must start with ?, -, * or ="));
        }
        let words = parse_text("quiz", rest, 500, false).map_err(|problem| match problem {
            DomainError::Invalid { reason, .. } => line_problem(number, reason),
            other => other,
        })?;
        match (mark, current.as_mut()) {
            ("?", _) => {
                if let Some((question, rights, start)) = current.take() {
                    questions.push(finish(question, rights, start)?);
                }
                current = Some((OwnQuestion { ask: words, options: Vec::new(), right: 0, why: String::new() }, 0, number));
            }
            ("-" | "*", Some((question, rights, _))) => {
                if mark == "*" {
                    question.right = question.options.len();
                    *rights += 1;
                }
                question.options.push(words);
            }
            ("=", Some((question, _, _))) if question.why.is_empty() => question.why = words,
            ("=", Some(_)) => return Err(line_problem(number, "a question has one explanation")),
            ("-" | "*" | "=", None) => {
                return Err(line_problem(number, "comes before the first question (a line starting with ?)"));
            }
            _ => return Err(line_problem(number, "must start with ?, -, * or =")),
        }
    }
    if let Some((question, rights, start)) = current.take() {
        questions.push(finish(question, rights, start)?);
    }
    if !(OWN_QUESTIONS_MIN..=OWN_QUESTIONS_MAX).contains(&questions.len()) {
        return Err(DomainError::invalid("quiz", format!("must have {OWN_QUESTIONS_MIN} to {OWN_QUESTIONS_MAX} questions")));
    }
    Ok(questions)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    const QUIZ: &str = "? Who may change a supplier's bank details?\n- Whoever takes the call\n* The owner, after calling back\n= Call back on the known number.\n\n? Where does the alarm code live?\n* In the password vault\n- On the till\n= Only in the vault.\n? A parcel mail asks you to log in. You…\n- log in\n- forward it\n* report it\n= Report it: nobody is blamed.";

    fn problem(result: Result<Vec<OwnQuestion>, DomainError>) -> String {
        result.unwrap_err().to_string()
    }

    #[test]
    fn a_typed_quiz_reads_with_its_right_options_and_explanations() {
        let questions = parse_quiz(QUIZ).unwrap();
        assert_eq!(questions.len(), 3);
        assert_eq!((questions[0].right, questions[1].right, questions[2].right), (1, 0, 2));
        assert_eq!(questions[2].why, "Report it: nobody is blamed.");
        assert_eq!(parse_quiz(&quiz_text(&questions)).unwrap(), questions, "written back, it reads the same");
    }

    #[test]
    fn every_problem_names_its_line() {
        assert_eq!(
            problem(parse_quiz("- an option\n? a question")),
            "quiz: line 1: comes before the first question (a line starting with ?)"
        );
        assert!(
            problem(parse_quiz("? Q\n- a\n- b\n= why\n? R\n* a\n- b\n= why\n? S\n* a\n- b\n= why"))
                .contains("line 1: a question needs exactly one right")
        );
        assert!(problem(parse_quiz("? Q\n* a\n= why\n")).contains("line 1: a question needs two to six options"));
        assert!(problem(parse_quiz("? Q\n* a\n- b\n")).contains("explanation"));
        assert!(problem(parse_quiz("? Q\n* a\n- b\n= one\n= two")).contains("line 5: a question has one explanation"));
        assert!(problem(parse_quiz("Q\n")).contains("line 1: must start with ?, -, * or ="));
        assert!(problem(parse_quiz("? Q\n* a\n- b\n= why")).contains("must have 3 to 30 questions"));
        let card = parse_quiz("? Q\n* 4111 1111 1111 1111\n- b\n= why");
        assert!(matches!(card, Err(DomainError::CardNumber { .. })), "{card:?}");
        let split = OwnLesson::parse("t", "s", "41111111\n11111111", QUIZ, "1", "").unwrap_err();
        assert!(matches!(split[0], DomainError::CardNumber { .. }), "a number split over two lines is one number once joined: {split:?}");
    }

    #[test]
    fn a_lesson_is_checked_whole_with_every_problem() {
        let lesson =
            OwnLesson::parse("Our alarm", "How the alarm works", "First.\nStill first.\n\n- a point\n- another\nLast.", QUIZ, "3", "")
                .unwrap();
        assert_eq!(lesson.body, ["First. Still first.", "- a point", "- another", "Last."]);
        assert_eq!((lesson.month, lesson.pass_percent), (3, 80));
        let problems = OwnLesson::parse("", "s", "b", "", "13", "40").unwrap_err();
        let fields: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert_eq!(fields.len(), 4, "{fields:?}");
        assert!(fields.iter().any(|text| text.starts_with("month:")) && fields.iter().any(|text| text.starts_with("pass_percent:")));
    }

    fn text() -> impl Strategy<Value = String> {
        "[A-Za-z][A-Za-z ,.?]{0,30}[a-z.]".prop_map(|text| text.trim().to_owned())
    }

    proptest! {
        #[test]
        fn any_quiz_written_back_reads_the_same(
            questions in prop::collection::vec((text(), prop::collection::vec(text(), 2..6), any::<prop::sample::Index>(), text()), 3..8)
        ) {
            let questions: Vec<OwnQuestion> = questions
                .into_iter()
                .map(|(ask, options, right, why)| OwnQuestion { right: right.index(options.len()), ask, options, why })
                .collect();
            prop_assert_eq!(parse_quiz(&quiz_text(&questions)).unwrap(), questions);
        }
    }
}
