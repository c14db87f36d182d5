//! The self-assessment (issue 16): a baseline of questions in Strongroom's own words, each mapped
//! to one of Cyber Essentials' five controls, to the CIS Controls v8 Implementation Group 1
//! safeguards it serves (their numbers only: CIS's text is not ours to copy) and, where it
//! applies, to one of the NCSC Small Business Guide's five topics. Strongroom answers what it
//! can from live evidence; the owner answers the rest. Each question weighs what a "no" costs
//! (1–5), which orders the next steps; the score is the weighted share of "yes".

use crate::staff::Language;

/// Cyber Essentials' five technical controls.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CeControl {
    Firewalls,
    SecureConfiguration,
    SecurityUpdates,
    UserAccess,
    MalwareProtection,
}

impl CeControl {
    pub const ALL: [CeControl; 5] = [
        CeControl::Firewalls,
        CeControl::SecureConfiguration,
        CeControl::SecurityUpdates,
        CeControl::UserAccess,
        CeControl::MalwareProtection,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            CeControl::Firewalls => "firewalls",
            CeControl::SecureConfiguration => "secure_configuration",
            CeControl::SecurityUpdates => "security_update_management",
            CeControl::UserAccess => "user_access_control",
            CeControl::MalwareProtection => "malware_protection",
        }
    }

    pub fn name(self, language: Language) -> &'static str {
        match (language, self) {
            (Language::En, CeControl::Firewalls) => "Firewalls",
            (Language::En, CeControl::SecureConfiguration) => "Secure configuration",
            (Language::En, CeControl::SecurityUpdates) => "Security updates",
            (Language::En, CeControl::UserAccess) => "User access",
            (Language::En, CeControl::MalwareProtection) => "Malware protection",
            (Language::Nl, CeControl::Firewalls) => "Firewalls",
            (Language::Nl, CeControl::SecureConfiguration) => "Veilige instellingen",
            (Language::Nl, CeControl::SecurityUpdates) => "Beveiligingsupdates",
            (Language::Nl, CeControl::UserAccess) => "Toegang van gebruikers",
            (Language::Nl, CeControl::MalwareProtection) => "Bescherming tegen malware",
        }
    }
}

/// The NCSC Small Business Guide's five topics.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum NcscTopic {
    Backups,
    Malware,
    Phones,
    Passwords,
    Phishing,
}

impl NcscTopic {
    pub fn as_str(self) -> &'static str {
        match self {
            NcscTopic::Backups => "backing_up_data",
            NcscTopic::Malware => "protecting_from_malware",
            NcscTopic::Phones => "keeping_phones_and_tablets_safe",
            NcscTopic::Passwords => "using_passwords",
            NcscTopic::Phishing => "avoiding_phishing",
        }
    }
}

/// Who answers a question.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Answerer {
    /// Strongroom, from live evidence.
    Strongroom,
    /// The owner, with a note.
    Owner,
}

/// One question of the baseline.
#[derive(Debug)]
pub struct Question {
    pub id: &'static str,
    /// The Cyber Essentials control it belongs to; `None` for what goes beyond them (backups,
    /// the trail, risks, incidents, training).
    pub control: Option<CeControl>,
    /// CIS Controls v8 IG1 safeguards, by number.
    pub cis: &'static [&'static str],
    pub ncsc: Option<NcscTopic>,
    pub answerer: Answerer,
    /// What a "no" costs, 1 to 5: the next steps come in this order.
    pub weight: u8,
    en: &'static str,
    nl: &'static str,
}

impl Question {
    pub fn text(&self, language: Language) -> &'static str {
        match language {
            Language::En => self.en,
            Language::Nl => self.nl,
        }
    }
}

pub fn question(id: &str) -> Option<&'static Question> {
    QUESTIONS.iter().find(|question| question.id == id)
}

macro_rules! q {
    ($id:literal, Beyond, [$($cis:literal),*], $ncsc:expr, $answerer:ident, $weight:literal, $en:literal, $nl:literal) => {
        Question { id: $id, control: None, cis: &[$($cis),*], ncsc: $ncsc, answerer: Answerer::$answerer, weight: $weight, en: $en, nl: $nl }
    };
    ($id:literal, $control:ident, [$($cis:literal),*], $ncsc:expr, $answerer:ident, $weight:literal, $en:literal, $nl:literal) => {
        Question { id: $id, control: Some(CeControl::$control), cis: &[$($cis),*], ncsc: $ncsc, answerer: Answerer::$answerer, weight: $weight, en: $en, nl: $nl }
    };
}

pub const QUESTIONS: &[Question] = &[
    q!(
        "second_factor",
        UserAccess,
        ["6.3", "6.5"],
        Some(NcscTopic::Passwords),
        Strongroom,
        5,
        "Every account that sees customer data signs in with a second factor",
        "Elk account dat klantgegevens ziet, meldt zich aan met een tweede factor"
    ),
    q!(
        "password_policy",
        UserAccess,
        ["5.2"],
        Some(NcscTopic::Passwords),
        Strongroom,
        4,
        "Staff passwords are long, unique and checked against passwords known to be leaked",
        "Wachtwoorden van personeel zijn lang, uniek en getoetst aan bekende gelekte wachtwoorden"
    ),
    q!(
        "lockout",
        UserAccess,
        [],
        Some(NcscTopic::Passwords),
        Strongroom,
        3,
        "Repeated wrong passwords lock the account for a while",
        "Herhaalde verkeerde wachtwoorden blokkeren het account een tijd"
    ),
    q!(
        "dormant_accounts",
        UserAccess,
        ["5.1", "5.3", "6.2"],
        None,
        Strongroom,
        3,
        "No account has gone unused for 90 days",
        "Geen account is 90 dagen ongebruikt gebleven"
    ),
    q!(
        "admin_rights",
        UserAccess,
        ["5.4"],
        None,
        Owner,
        3,
        "Nobody works with administrator rights day to day on the shop's computers",
        "Niemand werkt dagelijks met beheerdersrechten op de computers van de winkel"
    ),
    q!(
        "default_passwords",
        SecureConfiguration,
        ["4.7"],
        Some(NcscTopic::Passwords),
        Owner,
        4,
        "The default passwords of the router, the card terminal and the cameras were changed",
        "De standaardwachtwoorden van de router, de pinautomaat en de camera's zijn veranderd"
    ),
    q!(
        "device_inventory",
        SecureConfiguration,
        ["1.1", "2.1"],
        None,
        Strongroom,
        3,
        "Every device of the shop is on the device list, with its programs",
        "Elk apparaat van de winkel staat op de apparatenlijst, met zijn programma's"
    ),
    q!(
        "phones_locked",
        SecureConfiguration,
        ["4.3"],
        Some(NcscTopic::Phones),
        Owner,
        3,
        "Phones and tablets lock with a PIN or a fingerprint and can be wiped from afar",
        "Telefoons en tablets vergrendelen met een pincode of vingerafdruk en kunnen op afstand worden gewist"
    ),
    q!(
        "disks_encrypted",
        SecureConfiguration,
        ["3.6"],
        Some(NcscTopic::Phones),
        Strongroom,
        4,
        "Every device with customer data on it has an encrypted disk",
        "Elk apparaat met klantgegevens erop heeft een versleutelde schijf"
    ),
    q!(
        "supported_software",
        SecurityUpdates,
        ["2.2"],
        None,
        Strongroom,
        5,
        "No device runs a system or program that gets no security updates any more",
        "Geen apparaat draait een systeem of programma dat geen beveiligingsupdates meer krijgt"
    ),
    q!(
        "updates_14_days",
        SecurityUpdates,
        ["7.1", "7.3", "7.4"],
        None,
        Strongroom,
        5,
        "Every device installed its security updates within 14 days",
        "Elk apparaat installeerde zijn beveiligingsupdates binnen 14 dagen"
    ),
    q!(
        "no_exploited_programs",
        SecurityUpdates,
        ["7.1", "7.2"],
        None,
        Strongroom,
        5,
        "No program has vulnerabilities criminals use, listed since the device's last update",
        "Geen programma heeft kwetsbaarheden die criminelen gebruiken, gemeld sinds de laatste update van het apparaat"
    ),
    q!(
        "firewalls",
        Firewalls,
        ["4.4", "4.5"],
        None,
        Strongroom,
        4,
        "Every computer and the router have a firewall on",
        "Elke computer en de router hebben een firewall aan"
    ),
    q!(
        "tls",
        SecureConfiguration,
        [],
        None,
        Strongroom,
        3,
        "Staff reach Strongroom only over TLS 1.2 or 1.3, with a certificate that is valid for 30 days more",
        "Het personeel bereikt Strongroom alleen via TLS 1.2 of 1.3, met een certificaat dat nog 30 dagen geldig is"
    ),
    q!(
        "antivirus",
        MalwareProtection,
        ["10.1", "10.2"],
        Some(NcscTopic::Malware),
        Strongroom,
        4,
        "Every computer has a virus scanner, and files uploaded to Strongroom are scanned",
        "Elke computer heeft een virusscanner, en bestanden die in Strongroom worden geüpload, worden gescand"
    ),
    q!(
        "backups_recent",
        Beyond,
        ["11.2"],
        Some(NcscTopic::Backups),
        Strongroom,
        5,
        "A good backup was made in the last day",
        "Er is de laatste dag een goede back-up gemaakt"
    ),
    q!(
        "backups_apart",
        Beyond,
        ["11.3", "11.4"],
        Some(NcscTopic::Backups),
        Strongroom,
        4,
        "Backups go to a folder on another disk than the data",
        "Back-ups gaan naar een map op een andere schijf dan de gegevens"
    ),
    q!(
        "restore_drill",
        Beyond,
        ["11.1"],
        Some(NcscTopic::Backups),
        Strongroom,
        4,
        "A backup was restored in a drill within the last month",
        "Er is de laatste maand een back-up teruggezet bij een oefening"
    ),
    q!(
        "audit_verified",
        Beyond,
        ["8.1", "8.2", "8.3"],
        None,
        Strongroom,
        3,
        "The audit trail was verified within the last month and holds",
        "Het auditspoor is de laatste maand gecontroleerd en klopt"
    ),
    q!(
        "risks_reviewed",
        Beyond,
        [],
        None,
        Strongroom,
        3,
        "The risk register has risks, and none is overdue for its review",
        "Het risicoregister heeft risico's, en bij geen enkele is de controle te laat"
    ),
    q!(
        "training",
        Beyond,
        ["14.1", "14.2", "14.3"],
        Some(NcscTopic::Phishing),
        Strongroom,
        4,
        "Every member of staff is up to date with the security training (no lesson overdue)",
        "Elke medewerker is bij met de beveiligingstraining (geen les te laat)"
    ),
    q!(
        "phishing_reporting",
        Beyond,
        ["14.2", "14.6"],
        Some(NcscTopic::Phishing),
        Owner,
        4,
        "Staff know how to spot a phishing mail and report it with the report button",
        "Het personeel weet hoe het een phishingmail herkent en meldt met de meldknop"
    ),
    q!(
        "incidents_handled",
        Beyond,
        ["17.3"],
        None,
        Strongroom,
        3,
        "No incident has been waiting more than 30 days",
        "Geen incident wacht langer dan 30 dagen"
    ),
];

/// How a question stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Standing {
    Yes,
    No,
    /// Not answered yet, or Strongroom cannot tell: counted as a "no" in the score.
    Open,
}

/// The weighted share of "yes" among `answers` (question, standing), 0 to 100.
pub fn score<'a>(answers: impl IntoIterator<Item = (&'a Question, Standing)>) -> u8 {
    let (yes, all) = answers.into_iter().fold((0u32, 0u32), |(yes, all), (question, standing)| {
        let weight = u32::from(question.weight);
        (yes + if standing == Standing::Yes { weight } else { 0 }, all + weight)
    });
    (yes * 100 + all / 2).checked_div(all).map_or(0, |share| u8::try_from(share).unwrap_or(100))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The CIS Controls v8 Implementation Group 1 safeguards, by number.
    const IG1: &[&str] = &[
        "1.1", "1.2", "2.1", "2.2", "2.3", "3.1", "3.2", "3.3", "3.4", "3.5", "3.6", "4.1", "4.2", "4.3", "4.4", "4.5", "4.6", "4.7",
        "5.1", "5.2", "5.3", "5.4", "6.1", "6.2", "6.3", "6.4", "6.5", "7.1", "7.2", "7.3", "7.4", "8.1", "8.2", "8.3", "9.1", "9.2",
        "10.1", "10.2", "10.3", "11.1", "11.2", "11.3", "11.4", "12.1", "14.1", "14.2", "14.3", "14.4", "14.5", "14.6", "14.7", "14.8",
        "15.1", "17.1", "17.2", "17.3",
    ];

    #[test]
    fn every_control_has_questions_and_every_question_its_words() {
        for control in CeControl::ALL {
            assert!(QUESTIONS.iter().any(|question| question.control == Some(control)), "{control:?}");
        }
        let mut ids = std::collections::HashSet::new();
        for question in QUESTIONS {
            assert!(ids.insert(question.id), "{} twice", question.id);
            assert!((1..=5).contains(&question.weight));
            assert_ne!(question.en, question.nl, "{} has its Dutch", question.id);
            for number in question.cis {
                assert!(IG1.contains(number), "{number} of {} is not an IG1 safeguard", question.id);
            }
        }
        for topic in [NcscTopic::Backups, NcscTopic::Malware, NcscTopic::Phones, NcscTopic::Passwords, NcscTopic::Phishing] {
            assert!(QUESTIONS.iter().any(|question| question.ncsc == Some(topic)), "{topic:?}");
        }
    }

    #[test]
    fn the_score_weighs_each_answer() {
        let (heavy, light) = (question("second_factor").unwrap(), question("lockout").unwrap());
        assert_eq!(score([(heavy, Standing::Yes), (light, Standing::No)]), 63);
        assert_eq!(score([(heavy, Standing::Open), (light, Standing::Yes)]), 38);
        assert_eq!(score(std::iter::empty()), 0);
        assert_eq!(score([(heavy, Standing::Yes)]), 100);
    }
}
