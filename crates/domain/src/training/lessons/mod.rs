//! The built-in course's twelve lessons, one file each, named by the lesson (`LESSON`), and
//! the year's order they are taken in.

mod card_data;
mod id_checks;
mod lost_devices;
mod passwords;
mod phishing;
mod privacy_rights;
mod ransomware;
mod reporting;
mod social_engineering;
mod two_factor;
mod wifi_home;
mod wrong_recipient;

use super::course::Lesson;

/// The lessons in the order of the year.
pub(super) const LESSONS: [&Lesson; 12] = [
    &phishing::LESSON,
    &passwords::LESSON,
    &two_factor::LESSON,
    &social_engineering::LESSON,
    &card_data::LESSON,
    &id_checks::LESSON,
    &lost_devices::LESSON,
    &ransomware::LESSON,
    &wrong_recipient::LESSON,
    &reporting::LESSON,
    &privacy_rights::LESSON,
    &wifi_home::LESSON,
];
