//! The words of the devices pages, English and Dutch: each language an exhaustive `match`, so a
//! word missing from one is a compile error. `{}` stands for a value, filled in order.

use strongroom_domain::{Answer, DeviceKind, Language};

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum D {
    Title,
    Intro,
    JudgedBy,
    BuiltIn,
    Device,
    System,
    LastUpdate,
    WhatIsWrong,
    NothingFound,
    NotRecorded,
    NoDevices,
    AddTitle,
    EditTitle,
    Name,
    Kind,
    Owner,
    Os,
    OsVersion,
    DiskEncryption,
    Antivirus,
    Firewall,
    AutomaticUpdates,
    LastUpdateDay,
    CustomerData,
    Programs,
    ProgramsHint,
    Add,
    Save,
    Remove,
    Added,
    Saved,
    Removed,
    Yes,
    No,
    Unknown,
    ImportTitle,
    ImportHint,
    CsvFile,
    Import,
    ImportedSome,
    TableInUse,
    ImportRefused,
    Line,
    Column,
    Problem,
    TablesTitle,
    TablesHint,
    WhichTable,
    TableEol,
    TableKev,
    TableFile,
    TableAddress,
    Refresh,
    OnlyOwnerAndAuditor,
    OnlyOwner,
    Back,
    Doctor,
    FlagEndOfLife,
    FlagEndOfLifeNoDate,
    FlagUpdatesOld,
    FlagUpdatesUnknown,
    FlagUnencrypted,
    FlagUnencryptedUnknown,
    FlagExploited,
    FlagRansomware,
    FlagNoAntivirus,
    FlagNoFirewall,
    FlagNoAutomaticUpdates,
}

pub fn d(language: Language, word: D) -> &'static str {
    match language {
        Language::En => en(word),
        Language::Nl => nl(word),
    }
}

/// `word` with its `{}` filled by `values`, in order, in one pass (a value holding `{}` stays
/// as it is).
pub fn filled(language: Language, word: D, values: &[&str]) -> String {
    crate::web::parts::fill(d(language, word), values)
}

fn en(word: D) -> &'static str {
    match word {
        D::Title => "Devices and software",
        D::Intro => {
            "Every device of the shop and the programs that matter on it, with what is wrong with each: a system or program that gets no security updates any more, updates older than 14 days, customer data on a disk that is not encrypted, a program with vulnerabilities that criminals are known to use."
        }
        D::JudgedBy => "Judged by the end-of-life table checked on {} and CISA's list of exploited vulnerabilities, version {}.",
        D::BuiltIn => "(built in)",
        D::Device => "Device",
        D::System => "System",
        D::LastUpdate => "Last update",
        D::WhatIsWrong => "What is wrong",
        D::NothingFound => "Nothing found.",
        D::NotRecorded => "not recorded",
        D::NoDevices => {
            "No devices yet. Add the counter PC first, then the laptops, tablets, phones, the router, the card terminal and the camera system."
        }
        D::AddTitle => "Add a device",
        D::EditTitle => "Change a device",
        D::Name => "What the shop calls it",
        D::Kind => "Kind",
        D::Owner => "Who uses or looks after it",
        D::Os => "Operating system",
        D::OsVersion => "Its version",
        D::DiskEncryption => "Disk encryption (BitLocker, FileVault)",
        D::Antivirus => "Virus scanner",
        D::Firewall => "Firewall",
        D::AutomaticUpdates => "Updates install by themselves",
        D::LastUpdateDay => "Day of the last updates",
        D::CustomerData => "Customer data is on it",
        D::Programs => "Programs that matter",
        D::ProgramsHint => {
            "One per line, with its version after an @ where you know it: Google Chrome@131, Microsoft Office@2016, the till software."
        }
        D::Add => "Add the device",
        D::Save => "Save",
        D::Remove => "Remove this device",
        D::Added => "The device was added.",
        D::Saved => "The device was saved.",
        D::Removed => "The device was removed.",
        D::Yes => "yes",
        D::No => "no",
        D::Unknown => "not known",
        D::ImportTitle => "Import a list",
        D::ImportHint => {
            "A CSV file from a spreadsheet, with a header line. Columns (English or Dutch names): name, kind, owner, os, os_version, disk_encryption, antivirus, firewall, automatic_updates, last_update (YYYY-MM-DD), customer_data (yes or no), programs (separated by ;). Every row is taken, or none."
        }
        D::CsvFile => "CSV file",
        D::Import => "Check and import",
        D::ImportedSome => "The devices of the list were imported.",
        D::TableInUse => "The table is in use now.",
        D::ImportRefused => "Nothing was imported. Put these rows right and try again:",
        D::Line => "Line",
        D::Column => "Column",
        D::Problem => "Problem",
        D::TablesTitle => "Newer tables",
        D::TablesHint => {
            "The tables are built into Strongroom with the day they were read. A newer end-of-life table, or CISA's catalogue as it publishes it (known_exploited_vulnerabilities.json), replaces the one in use; an older one is refused."
        }
        D::WhichTable => "Which table",
        D::TableEol => "End-of-life table",
        D::TableKev => "CISA's list of exploited vulnerabilities",
        D::TableFile => "File (JSON)",
        D::TableAddress => "Or its web address (https://…)",
        D::Refresh => "Put it in use",
        D::OnlyOwnerAndAuditor => "Only the owner and the external auditor see the devices.",
        D::OnlyOwner => "Only the owner changes the devices.",
        D::Back => "Back to the devices",
        D::Doctor => "Check of this computer",
        D::FlagEndOfLife => "{} ({}) gets no security updates since {}.",
        D::FlagEndOfLifeNoDate => "{} ({}) gets no security updates any more.",
        D::FlagUpdatesOld => "The last updates were installed {} days ago; within 14 days is the rule.",
        D::FlagUpdatesUnknown => "The day of its last updates is not recorded.",
        D::FlagUnencrypted => "Customer data is on it and its disk is not encrypted.",
        D::FlagUnencryptedUnknown => "Customer data is on it and whether its disk is encrypted is not known.",
        D::FlagExploited => {
            "{}: {} vulnerabilities that criminals use, listed by CISA since its last update; the newest {} ({}), to be fixed by {}."
        }
        D::FlagRansomware => "Ransomware uses some of them.",
        D::FlagNoAntivirus => "No virus scanner.",
        D::FlagNoFirewall => "No firewall.",
        D::FlagNoAutomaticUpdates => "Updates are not installed by themselves.",
    }
}

fn nl(word: D) -> &'static str {
    match word {
        D::Title => "Apparaten en software",
        D::Intro => {
            "Elk apparaat van de winkel en de programma's die ertoe doen, met wat er mis is met elk: een systeem of programma dat geen beveiligingsupdates meer krijgt, updates ouder dan 14 dagen, klantgegevens op een schijf die niet versleuteld is, een programma met kwetsbaarheden waarvan bekend is dat criminelen ze gebruiken."
        }
        D::JudgedBy => {
            "Beoordeeld met de lijst van einde ondersteuning, nagekeken op {}, en de lijst van misbruikte kwetsbaarheden van CISA, versie {}."
        }
        D::BuiltIn => "(ingebouwd)",
        D::Device => "Apparaat",
        D::System => "Systeem",
        D::LastUpdate => "Laatste update",
        D::WhatIsWrong => "Wat er mis is",
        D::NothingFound => "Niets gevonden.",
        D::NotRecorded => "niet vastgelegd",
        D::NoDevices => {
            "Nog geen apparaten. Voeg eerst de kassa-pc toe, dan de laptops, tablets, telefoons, de router, de pinautomaat en het camerasysteem."
        }
        D::AddTitle => "Een apparaat toevoegen",
        D::EditTitle => "Een apparaat wijzigen",
        D::Name => "Hoe de winkel het noemt",
        D::Kind => "Soort",
        D::Owner => "Wie het gebruikt of beheert",
        D::Os => "Besturingssysteem",
        D::OsVersion => "De versie",
        D::DiskEncryption => "Schijfversleuteling (BitLocker, FileVault)",
        D::Antivirus => "Virusscanner",
        D::Firewall => "Firewall",
        D::AutomaticUpdates => "Updates installeren zichzelf",
        D::LastUpdateDay => "Dag van de laatste updates",
        D::CustomerData => "Er staan klantgegevens op",
        D::Programs => "Programma's die ertoe doen",
        D::ProgramsHint => {
            "Eén per regel, met de versie na een @ als u die weet: Google Chrome@131, Microsoft Office@2016, de kassasoftware."
        }
        D::Add => "Apparaat toevoegen",
        D::Save => "Opslaan",
        D::Remove => "Dit apparaat verwijderen",
        D::Added => "Het apparaat is toegevoegd.",
        D::Saved => "Het apparaat is opgeslagen.",
        D::Removed => "Het apparaat is verwijderd.",
        D::Yes => "ja",
        D::No => "nee",
        D::Unknown => "onbekend",
        D::ImportTitle => "Een lijst importeren",
        D::ImportHint => {
            "Een CSV-bestand uit een spreadsheet, met een kopregel. Kolommen (Engelse of Nederlandse namen): naam, soort, eigenaar, besturingssysteem, versie, schijfversleuteling, virusscanner, firewall, automatische_updates, laatste_update (JJJJ-MM-DD), klantgegevens (ja of nee), programmas (gescheiden door ;). Elke regel wordt overgenomen, of geen."
        }
        D::CsvFile => "CSV-bestand",
        D::Import => "Controleren en importeren",
        D::ImportedSome => "De apparaten van de lijst zijn geïmporteerd.",
        D::TableInUse => "De lijst is nu in gebruik.",
        D::ImportRefused => "Er is niets geïmporteerd. Verbeter deze regels en probeer het opnieuw:",
        D::Line => "Regel",
        D::Column => "Kolom",
        D::Problem => "Probleem",
        D::TablesTitle => "Nieuwere lijsten",
        D::TablesHint => {
            "De lijsten zitten in Strongroom met de dag waarop ze zijn gelezen. Een nieuwere lijst van einde ondersteuning, of de catalogus van CISA zoals die hem publiceert (known_exploited_vulnerabilities.json), vervangt de lijst in gebruik; een oudere wordt geweigerd."
        }
        D::WhichTable => "Welke lijst",
        D::TableEol => "Lijst van einde ondersteuning",
        D::TableKev => "Lijst van misbruikte kwetsbaarheden van CISA",
        D::TableFile => "Bestand (JSON)",
        D::TableAddress => "Of het webadres (https://…)",
        D::Refresh => "In gebruik nemen",
        D::OnlyOwnerAndAuditor => "Alleen de eigenaar en de externe auditor zien de apparaten.",
        D::OnlyOwner => "Alleen de eigenaar wijzigt de apparaten.",
        D::Back => "Terug naar de apparaten",
        D::Doctor => "Controle van deze computer",
        D::FlagEndOfLife => "{} ({}) krijgt sinds {} geen beveiligingsupdates meer.",
        D::FlagEndOfLifeNoDate => "{} ({}) krijgt geen beveiligingsupdates meer.",
        D::FlagUpdatesOld => "De laatste updates zijn {} dagen geleden geïnstalleerd; binnen 14 dagen is de regel.",
        D::FlagUpdatesUnknown => "De dag van de laatste updates is niet vastgelegd.",
        D::FlagUnencrypted => "Er staan klantgegevens op en de schijf is niet versleuteld.",
        D::FlagUnencryptedUnknown => "Er staan klantgegevens op en of de schijf versleuteld is, is niet bekend.",
        D::FlagExploited => {
            "{}: {} kwetsbaarheden die criminelen gebruiken, door CISA gemeld sinds de laatste update; de nieuwste {} ({}), te verhelpen vóór {}."
        }
        D::FlagRansomware => "Ransomware gebruikt er een deel van.",
        D::FlagNoAntivirus => "Geen virusscanner.",
        D::FlagNoFirewall => "Geen firewall.",
        D::FlagNoAutomaticUpdates => "Updates installeren zichzelf niet.",
    }
}

pub fn kind_name(language: Language, kind: DeviceKind) -> &'static str {
    match (language, kind) {
        (Language::En, DeviceKind::CounterPc) => "counter PC",
        (Language::En, DeviceKind::Laptop) => "laptop",
        (Language::En, DeviceKind::Tablet) => "tablet",
        (Language::En, DeviceKind::Phone) => "phone",
        (Language::En, DeviceKind::Router) => "router",
        (Language::En, DeviceKind::CardTerminal) => "card terminal",
        (Language::En, DeviceKind::CameraSystem) => "camera system",
        (Language::En, DeviceKind::Server) => "server",
        (Language::En, DeviceKind::Other) => "other",
        (Language::Nl, DeviceKind::CounterPc) => "kassa-pc",
        (Language::Nl, DeviceKind::Laptop) => "laptop",
        (Language::Nl, DeviceKind::Tablet) => "tablet",
        (Language::Nl, DeviceKind::Phone) => "telefoon",
        (Language::Nl, DeviceKind::Router) => "router",
        (Language::Nl, DeviceKind::CardTerminal) => "pinautomaat",
        (Language::Nl, DeviceKind::CameraSystem) => "camerasysteem",
        (Language::Nl, DeviceKind::Server) => "server",
        (Language::Nl, DeviceKind::Other) => "anders",
    }
}

pub fn answer_name(language: Language, answer: Answer) -> &'static str {
    d(
        language,
        match answer {
            Answer::Yes => D::Yes,
            Answer::No => D::No,
            Answer::Unknown => D::Unknown,
        },
    )
}
