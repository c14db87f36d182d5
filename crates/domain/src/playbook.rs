//! Built-in response steps per kind of incident, modelled on the EDPB's worked cases
//! (Guidelines 01/2021 on examples regarding personal data breach notification): what to do,
//! and by when after starting, so that nothing is forgotten in the first hours. The steps become
//! an incident's tasks; their words are the pages' (English and Dutch), keyed by [`Step`].

use crate::IncidentKind;

/// One response step; its key is what is stored, its words are the pages'.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Step {
    IsolateDevice,
    ChangePasswords,
    EndSessions,
    RemoteWipe,
    CheckEncryption,
    KeepRansomNote,
    CheckBackups,
    RestoreFromBackup,
    ReportToPolice,
    AskDeletion,
    RecordWhatWasSent,
    VerifyRequester,
    WarnStaff,
    CheckImpact,
    AssessBreach,
    /// An insider: take the account's access away, keeping its trail.
    DisableAccount,
    /// A theft: list what was taken (devices, the order book, repair tickets) and what customer
    /// data each held.
    ListWhatWasTaken,
}

impl Step {
    pub const ALL: [Step; 17] = [
        Step::IsolateDevice,
        Step::ChangePasswords,
        Step::EndSessions,
        Step::RemoteWipe,
        Step::CheckEncryption,
        Step::KeepRansomNote,
        Step::CheckBackups,
        Step::RestoreFromBackup,
        Step::ReportToPolice,
        Step::AskDeletion,
        Step::RecordWhatWasSent,
        Step::VerifyRequester,
        Step::WarnStaff,
        Step::CheckImpact,
        Step::AssessBreach,
        Step::DisableAccount,
        Step::ListWhatWasTaken,
    ];

    pub fn as_str(&self) -> &'static str {
        match self {
            Step::IsolateDevice => "isolate-device",
            Step::ChangePasswords => "change-passwords",
            Step::EndSessions => "end-sessions",
            Step::RemoteWipe => "remote-wipe",
            Step::CheckEncryption => "check-encryption",
            Step::KeepRansomNote => "keep-ransom-note",
            Step::CheckBackups => "check-backups",
            Step::RestoreFromBackup => "restore-from-backup",
            Step::ReportToPolice => "report-to-police",
            Step::AskDeletion => "ask-deletion",
            Step::RecordWhatWasSent => "record-what-was-sent",
            Step::VerifyRequester => "verify-requester",
            Step::WarnStaff => "warn-staff",
            Step::CheckImpact => "check-impact",
            Step::AssessBreach => "assess-breach",
            Step::DisableAccount => "disable-account",
            Step::ListWhatWasTaken => "list-what-was-taken",
        }
    }

    pub fn parse(input: &str) -> Option<Step> {
        Step::ALL.into_iter().find(|step| step.as_str() == input)
    }
}

/// A kind's steps, each with the hours after the playbook is started by which it should be
/// done. Every playbook ends by deciding whether it is a personal-data breach within 48 hours
/// of its start: started as soon as the report comes in, that leaves a day of the 72 hours
/// (which run from becoming aware) for the notification.
pub fn playbook(kind: IncidentKind) -> &'static [(Step, i64)] {
    use Step as S;
    match kind {
        IncidentKind::Phishing => {
            &[(S::IsolateDevice, 1), (S::ChangePasswords, 2), (S::EndSessions, 2), (S::CheckImpact, 24), (S::AssessBreach, 48)]
        }
        IncidentKind::LostDevice => &[
            (S::EndSessions, 1),
            (S::RemoteWipe, 4),
            (S::ChangePasswords, 4),
            (S::CheckEncryption, 24),
            (S::ReportToPolice, 24),
            (S::AssessBreach, 48),
        ],
        IncidentKind::Ransomware => &[
            (S::IsolateDevice, 1),
            (S::KeepRansomNote, 1),
            (S::CheckBackups, 4),
            (S::ReportToPolice, 24),
            (S::RestoreFromBackup, 48),
            (S::AssessBreach, 48),
        ],
        IncidentKind::WrongRecipient => &[(S::AskDeletion, 2), (S::RecordWhatWasSent, 4), (S::AssessBreach, 48)],
        IncidentKind::SuspiciousRequest => &[(S::VerifyRequester, 24), (S::WarnStaff, 24), (S::AssessBreach, 48)],
        // EDPB 01/2021 case 8 (an employee copying customer data): stop the access, then read
        // from the trail what the account opened.
        IncidentKind::Insider => &[(S::DisableAccount, 1), (S::EndSessions, 1), (S::CheckImpact, 24), (S::AssessBreach, 48)],
        // EDPB 01/2021 cases 5 and 6 (stolen material holding personal data).
        IncidentKind::StolenStock => {
            &[(S::ReportToPolice, 4), (S::ListWhatWasTaken, 4), (S::EndSessions, 4), (S::CheckEncryption, 24), (S::AssessBreach, 48)]
        }
        IncidentKind::Other => &[(S::CheckImpact, 24), (S::AssessBreach, 48)],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_playbook_decides_on_a_breach_in_time_for_the_72_hours_and_keys_round_trip() {
        for kind in IncidentKind::ALL {
            let steps = playbook(kind);
            assert_eq!(steps.last().map(|(step, _)| *step), Some(Step::AssessBreach), "{kind:?}");
            assert!(steps.iter().all(|(_, hours)| (1..=48).contains(hours)), "{kind:?}");
            assert!(steps.windows(2).all(|pair| pair[0].1 <= pair[1].1), "{kind:?}: in the order they are due");
        }
        for step in Step::ALL {
            assert_eq!(Step::parse(step.as_str()), Some(step));
        }
        assert_eq!(Step::parse("panic"), None);
    }
}
