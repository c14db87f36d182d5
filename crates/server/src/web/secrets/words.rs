//! The password vault's words, English and Dutch: each language an exhaustive `match`, so a word
//! missing from one is a compile error. `{}` stands for a value.

use strongroom_domain::{Language, Role, SecretFlag, ShareLevel};

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Z {
    Menu,
    Title,
    Intro,
    NoEntries,
    Name,
    Address,
    Username,
    Access,
    Changed,
    Flags,
    Copy,
    Copied,
    Show,
    Edit,
    AddTitle,
    Password,
    Suggestion,
    OrPassphrase,
    Totp,
    Notes,
    SharesTitle,
    SharesHint,
    NotShared,
    People,
    PeopleHint,
    Add,
    Save,
    Remove,
    Back,
    KeepPassword,
    ShownTitle,
    ShownNote,
    TotpCode,
    NeedsScript,
    OnlyShared,
    EditTitle,
    ImportTitle,
    ImportHint,
    ExportFile,
    Import,
    ImportRefused,
    Line,
    Column,
    Problem,
    Imported,
    LeftOut,
    LooksTitle,
    NoLooks,
    When,
    Who,
    How,
    ExportTitle,
    ExportHint,
    ExportButton,
    LeftTitle,
    LeftIntro,
    LeftNone,
    BackToStaff,
    Weak,
    Reused,
    ReusedWith,
    Old,
    SeenByLeavers,
}

fn en(word: Z) -> &'static str {
    match word {
        Z::Menu => "Passwords",
        Z::Title => "The shop's passwords",
        Z::Intro => {
            "The shop's other accounts in one safe place: the webshop, supplier portals, the bank, the mail account, the alarm code. Each is sealed; every password shown or copied is recorded, and the owner sees who saw what."
        }
        Z::NoEntries => "No passwords are shared with you yet.",
        Z::Name => "Name",
        Z::Address => "Web address",
        Z::Username => "User name",
        Z::Access => "You may",
        Z::Changed => "Password changed",
        Z::Flags => "To change",
        Z::Copy => "Copy the password",
        Z::Copied => "Copied. It was not shown, and the copy is recorded.",
        Z::Show => "Show",
        Z::Edit => "Change",
        Z::AddTitle => "Add a password",
        Z::Password => "Password",
        Z::Suggestion => "A strong new one, made for you now:",
        Z::OrPassphrase => "or, easier to type on a phone:",
        Z::Totp => "TOTP secret (if the site gives one)",
        Z::Notes => "Notes",
        Z::SharesTitle => "Shared with",
        Z::SharesHint => {
            "Copy: they may paste it without seeing it. See: they may also read it. Manage: they may also change it and its sharing."
        }
        Z::NotShared => "not shared",
        Z::People => "People",
        Z::PeopleHint => "One per line: a user name, with =use, =view or =manage after it (anna=view).",
        Z::Add => "Add",
        Z::Save => "Save",
        Z::Remove => "Remove",
        Z::Back => "Back to the passwords",
        Z::KeepPassword => "New password (leave empty to keep it)",
        Z::ShownTitle => "Password",
        Z::ShownNote => "This look is recorded. Close the page when you are done.",
        Z::TotpCode => "Code of the moment",
        Z::NeedsScript => "Copying without showing needs JavaScript in this browser.",
        Z::OnlyShared => "Only those the shop shares passwords with see this page.",
        Z::EditTitle => "Change a password",
        Z::ImportTitle => "Import from a password manager or a browser",
        Z::ImportHint => {
            "A CSV export from Bitwarden, Chrome, Edge, Firefox or Safari: every password is imported, or none with each problem named. Delete the export file afterwards: it holds every password unsealed."
        }
        Z::ExportFile => "Export file (CSV)",
        Z::Import => "Import",
        Z::ImportRefused => "Nothing was imported: change these rows in the export and try again.",
        Z::Line => "Line",
        Z::Column => "Column",
        Z::Problem => "Problem",
        Z::Imported => "{} passwords imported. Delete the export file now: it holds them unsealed.",
        Z::LeftOut => "{} secure notes or logins without a password were left out; they stay in the export.",
        Z::LooksTitle => "Who took the password out",
        Z::NoLooks => "Nobody has shown or copied it yet.",
        Z::When => "When",
        Z::Who => "Who",
        Z::How => "How",
        Z::ExportTitle => "Export every password",
        Z::ExportHint => {
            "A CSV file in Bitwarden's shape, with every password unsealed: to move to another password manager. You are asked for your password first, and the export is recorded. Delete the file when done."
        }
        Z::ExportButton => "Export",
        Z::LeftTitle => "Passwords to change now {} has left",
        Z::LeftIntro => {
            "{}'s account is disabled. These passwords were shared with them or seen by them: change each at the site, then here."
        }
        Z::LeftNone => "None of the shop's passwords were shared with or seen by {}.",
        Z::BackToStaff => "Back to the staff",
        Z::Weak => "weak",
        Z::Reused => "used for another entry too",
        Z::ReusedWith => "also used for {}",
        Z::Old => "changed {} days ago",
        Z::SeenByLeavers => "seen by {}, who left",
    }
}

fn nl(word: Z) -> &'static str {
    match word {
        Z::Menu => "Wachtwoorden",
        Z::Title => "De wachtwoorden van de winkel",
        Z::Intro => {
            "De andere accounts van de winkel op één veilige plek: de webshop, leveranciersportalen, de bank, de mail, de alarmcode. Elk wachtwoord is versleuteld; elk getoond of gekopieerd wachtwoord wordt vastgelegd, en de eigenaar ziet wie wat zag."
        }
        Z::NoEntries => "Er zijn nog geen wachtwoorden met u gedeeld.",
        Z::Name => "Naam",
        Z::Address => "Webadres",
        Z::Username => "Gebruikersnaam",
        Z::Access => "U mag",
        Z::Changed => "Wachtwoord gewijzigd",
        Z::Flags => "Te wijzigen",
        Z::Copy => "Wachtwoord kopiëren",
        Z::Copied => "Gekopieerd. Het is niet getoond, en het kopiëren is vastgelegd.",
        Z::Show => "Tonen",
        Z::Edit => "Wijzigen",
        Z::AddTitle => "Een wachtwoord toevoegen",
        Z::Password => "Wachtwoord",
        Z::Suggestion => "Een sterk nieuw wachtwoord, nu voor u gemaakt:",
        Z::OrPassphrase => "of, makkelijker te typen op een telefoon:",
        Z::Totp => "TOTP-geheim (als de site er een geeft)",
        Z::Notes => "Notities",
        Z::SharesTitle => "Gedeeld met",
        Z::SharesHint => {
            "Kopiëren: zij mogen het plakken zonder het te zien. Zien: zij mogen het ook lezen. Beheren: zij mogen het ook wijzigen en delen."
        }
        Z::NotShared => "niet gedeeld",
        Z::People => "Personen",
        Z::PeopleHint => "Eén per regel: een gebruikersnaam, met =use, =view of =manage erachter (anna=view).",
        Z::Add => "Toevoegen",
        Z::Save => "Opslaan",
        Z::Remove => "Verwijderen",
        Z::Back => "Terug naar de wachtwoorden",
        Z::KeepPassword => "Nieuw wachtwoord (leeg laten om het te houden)",
        Z::ShownTitle => "Wachtwoord",
        Z::ShownNote => "Dit bekijken is vastgelegd. Sluit de pagina als u klaar bent.",
        Z::TotpCode => "Code van dit moment",
        Z::NeedsScript => "Kopiëren zonder tonen heeft JavaScript nodig in deze browser.",
        Z::OnlyShared => "Alleen wie de winkel wachtwoorden deelt, ziet deze pagina.",
        Z::EditTitle => "Een wachtwoord wijzigen",
        Z::ImportTitle => "Importeren uit een wachtwoordbeheerder of een browser",
        Z::ImportHint => {
            "Een CSV-export uit Bitwarden, Chrome, Edge, Firefox of Safari: alle wachtwoorden worden geïmporteerd, of geen, met elk probleem genoemd. Verwijder het exportbestand daarna: het bevat alle wachtwoorden onversleuteld."
        }
        Z::ExportFile => "Exportbestand (CSV)",
        Z::Import => "Importeren",
        Z::ImportRefused => "Er is niets geïmporteerd: pas deze regels in de export aan en probeer het opnieuw.",
        Z::Line => "Regel",
        Z::Column => "Kolom",
        Z::Problem => "Probleem",
        Z::Imported => "{} wachtwoorden geïmporteerd. Verwijder het exportbestand nu: het bevat ze onversleuteld.",
        Z::LeftOut => "{} beveiligde notities of inloggegevens zonder wachtwoord zijn overgeslagen; ze staan nog in de export.",
        Z::LooksTitle => "Wie het wachtwoord heeft opgevraagd",
        Z::NoLooks => "Niemand heeft het nog getoond of gekopieerd.",
        Z::When => "Wanneer",
        Z::Who => "Wie",
        Z::How => "Hoe",
        Z::ExportTitle => "Alle wachtwoorden exporteren",
        Z::ExportHint => {
            "Een CSV-bestand in de vorm van Bitwarden, met alle wachtwoorden onversleuteld: om naar een andere wachtwoordbeheerder over te stappen. Eerst wordt om uw wachtwoord gevraagd, en het exporteren wordt vastgelegd. Verwijder het bestand als u klaar bent."
        }
        Z::ExportButton => "Exporteren",
        Z::LeftTitle => "Te wijzigen wachtwoorden nu {} vertrokken is",
        Z::LeftIntro => {
            "Het account van {} is uitgeschakeld. Deze wachtwoorden waren met hen gedeeld of door hen gezien: wijzig ze bij de site, en dan hier."
        }
        Z::LeftNone => "Geen van de wachtwoorden van de winkel was met {} gedeeld of door hen gezien.",
        Z::BackToStaff => "Terug naar het personeel",
        Z::Weak => "zwak",
        Z::Reused => "ook gebruikt voor een ander account",
        Z::ReusedWith => "ook gebruikt voor {}",
        Z::Old => "{} dagen geleden gewijzigd",
        Z::SeenByLeavers => "gezien door {}, die vertrokken is",
    }
}

pub(crate) fn z(language: Language, word: Z) -> &'static str {
    match language {
        Language::En => en(word),
        Language::Nl => nl(word),
    }
}

/// A share level as the person reads it.
pub(crate) fn level_name(language: Language, level: ShareLevel) -> &'static str {
    match (language, level) {
        (Language::En, ShareLevel::Use) => "copy",
        (Language::En, ShareLevel::View) => "see",
        (Language::En, ShareLevel::Manage) => "manage",
        (Language::Nl, ShareLevel::Use) => "kopiëren",
        (Language::Nl, ShareLevel::View) => "zien",
        (Language::Nl, ShareLevel::Manage) => "beheren",
    }
}

/// The roles a password may be shared with on the page (the auditor never).
pub(crate) const SHARE_ROLES: [Role; 4] = [Role::Manager, Role::Sales, Role::Workshop, Role::PrivacyOfficer];

/// A flag in the person's words.
pub(crate) fn flag_text(language: Language, flag: &SecretFlag) -> String {
    let fill = crate::web::parts::fill;
    match flag {
        SecretFlag::Weak => z(language, Z::Weak).to_owned(),
        SecretFlag::Reused(others) if others.is_empty() => z(language, Z::Reused).to_owned(),
        SecretFlag::Reused(others) => fill(z(language, Z::ReusedWith), &[&others.join(", ")]),
        SecretFlag::Old(days) => fill(z(language, Z::Old), &[&days.to_string()]),
        SecretFlag::SeenByLeavers(names) => fill(z(language, Z::SeenByLeavers), &[&names.join(", ")]),
    }
}
