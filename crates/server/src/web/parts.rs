//! Small pieces several page families show: dates as the pages write them, a workshop job's
//! status in the person's language. Kept below the pages that use them, so no page family
//! imports another.

use strongroom_domain::{JobStatus, Language};

use super::i18n::{T, tr};

/// A day as the pages write it (`2026-12-15`).
pub fn day(date: time::Date) -> String {
    format!("{:04}-{:02}-{:02}", date.year(), u8::from(date.month()), date.day())
}

/// A moment as staff read it, in UTC.
pub fn moment(at: time::OffsetDateTime) -> String {
    let format = time::macros::format_description!("[year]-[month]-[day] [hour]:[minute] UTC");
    at.format(&format).unwrap_or_default()
}

/// A workshop job's status in the person's language.
pub fn status_name(language: Language, status: JobStatus) -> &'static str {
    tr(
        language,
        match status {
            JobStatus::Received => T::StatusReceived,
            JobStatus::AtBench => T::StatusAtBench,
            JobStatus::Ready => T::StatusReady,
            JobStatus::Collected => T::StatusCollected,
        },
    )
}
