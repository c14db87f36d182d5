//! The words of the incident pages, English and Dutch: each language an exhaustive `match`, so
//! a word missing from one is a compile error. Plain words, never blaming: a report is a help.

use strongroom_domain::Language;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum W {
    MenuReport,
    MenuIncidents,
    StartNewIncidents,
    StartOpenRegister,
    ReportTitle,
    ReportIntro,
    WhatHappened,
    KindPhishing,
    KindLostDevice,
    KindRansomware,
    KindWrongRecipient,
    KindSuspiciousRequest,
    KindInsider,
    KindStolenStock,
    KindOther,
    InYourWords,
    InYourWordsHint,
    WhenHappened,
    WhenHappenedShort,
    WhenHint,
    SendReport,
    FixBelow,
    SentTitle,
    SentThanks,
    RightNow,
    NowPhishing,
    NowLostDevice,
    NowRansomware,
    NowWrongRecipient,
    NowSuspiciousRequest,
    NowInsider,
    NowStolenStock,
    NowOther,
    BackToWork,
    RegisterTitle,
    RegisterIntro,
    NoIncidents,
    Reported,
    Kind,
    Status,
    ReportedBy,
    Severity,
    NotAssessed,
    StatusNew,
    StatusInvestigating,
    StatusContained,
    StatusClosed,
    BandLow,
    BandMedium,
    BandHigh,
    BandVeryHigh,
    Timeline,
    When,
    Who,
    WhatWasDone,
    ActionReported,
    ActionRead,
    ActionStatus,
    ActionAssessed,
    MoveOn,
    SaveStatus,
    AssessTitle,
    AssessIntro,
    DpcLabel,
    Dpc1,
    Dpc2,
    Dpc3,
    Dpc4,
    EiLabel,
    Ei1,
    Ei2,
    Ei3,
    Ei4,
    ConfidentialityLabel,
    IntegrityLabel,
    AvailabilityLabel,
    LossNone,
    ConfidentialityKnown,
    ConfidentialityUnknown,
    IntegrityRecoverable,
    IntegrityLost,
    AvailabilityTemporary,
    AvailabilityPermanent,
    MaliciousLabel,
    Assess,
    ProposeRecord,
    ProposeNotify,
    ProposeTellPeople,
    BannerBefore,
    BannerOpen,
    BannerPassed,
    BreachTitle,
    BreachIntro,
    BecameAware,
    BecameAwareHint,
    BreachTypes,
    TypeConfidentiality,
    TypeIntegrity,
    TypeAvailability,
    DataCategories,
    People,
    Records,
    Consequences,
    Measures,
    DataEncrypted,
    KeyTaken,
    Unknown,
    Yes,
    No,
    NotifiedAt,
    AuthorityReference,
    DelayReason,
    SaveBreach,
    Deadline,
    Outcome,
    OutcomeNoBreach,
    OutcomeRecorded,
    OutcomeNotified,
    Unintelligible,
    LateNote,
    ActionBreach,
    ImpactTitle,
    ImpactIntro,
    Account,
    Since,
    Until,
    AskImpact,
    ImpactCustomers,
    ImpactOpened,
    ActionImpact,
    LettersTitle,
    LettersIntro,
    LetterAuthority,
    LetterCustomers,
    LetterStaff,
    LetterSubject,
    LetterBody,
    LetterInDutch,
    LetterInEnglish,
    SendLetters,
    AddStep,
    AddStepButton,
    DueInHours,
    PlaybooksTitle,
    PlaybooksIntro,
    PlaybookOwn,
    PlaybookBuiltin,
    HoursAfterStart,
    LeaveOut,
    ResetPlaybook,
    KeepHint,
    KeepVersion,
    KeepAsSent,
    Version,
    KeptBy,
    SentOn,
    PhasesTitle,
    KeptTitle,
    SendLettersHint,
    MailNotSetUp,
    LettersQueuedTitle,
    LettersQueued,
    LettersAlready,
    LettersWithoutAddress,
    LettersErased,
    LettersGoSoon,
    StepIsolateDevice,
    StepChangePasswords,
    StepEndSessions,
    StepRemoteWipe,
    StepCheckEncryption,
    StepKeepRansomNote,
    StepCheckBackups,
    StepRestoreFromBackup,
    StepReportToPolice,
    StepAskDeletion,
    StepRecordWhatWasSent,
    StepVerifyRequester,
    StepWarnStaff,
    StepCheckImpact,
    StepAssessBreach,
    StepDisableAccount,
    StepListWhatWasTaken,
    StepsTitle,
    StepsIntro,
    StartPlaybook,
    DueBy,
    Overdue,
    DoneBy,
    MarkDone,
    ActionTask,
    ActionLetter,
    ActionMailed,
    DrillLabel,
    DrillTag,
    DrillNote,
    DrillTook,
    DrillSuggestTitle,
    DrillSuggest,
    DrillStart,
}

/// A word of the incident pages in `language`.
pub fn w(language: Language, word: W) -> &'static str {
    match language {
        Language::En => en(word),
        Language::Nl => nl(word),
    }
}

fn en(word: W) -> &'static str {
    match word {
        W::MenuReport => "Report a problem",
        W::MenuIncidents => "Incidents",
        W::StartNewIncidents => "New incident reports",
        W::StartOpenRegister => "Open the incident register",
        W::ReportTitle => "Report a problem",
        W::ReportIntro => {
            "Something went wrong, or looks wrong? Tell us now: it takes a minute, nobody is blamed for reporting, and the sooner the owner knows, the more of the shop's and its customers' data can be kept safe."
        }
        W::WhatHappened => "What happened?",
        W::KindPhishing => "I clicked a link or opened an attachment in a strange mail or message",
        W::KindLostDevice => "A phone, laptop or tablet is lost or stolen",
        W::KindRansomware => "The screen shows a ransom note, or files suddenly will not open",
        W::KindWrongRecipient => "I sent customer data to the wrong person",
        W::KindSuspiciousRequest => "Someone asked for customer data in a strange way",
        W::KindInsider => "Customer data may have been looked up or taken without a reason",
        W::KindStolenStock => "A break-in or theft, and customer data went with it (order book, repair tickets, a computer)",
        W::KindOther => "Something else",
        W::InYourWords => "In your own words",
        W::InYourWordsHint => "What did you see, click or send, and to whom? Never type a card number here.",
        W::WhenHappened => "When did it happen?",
        W::WhenHappenedShort => "Happened",
        W::WhenHint => "(leave it empty if it was just now or you do not know)",
        W::SendReport => "Send the report",
        W::FixBelow => "The report was not sent yet: see below.",
        W::SentTitle => "Thank you: the report is in",
        W::SentThanks => "The owner and the privacy officer see it on their start page now. Thank you for telling us straight away.",
        W::RightNow => "What to do right now",
        W::NowPhishing => {
            "Type nothing more on that page and close it. If you typed a password there, change it now from another device, and unplug the network cable of this computer (or switch off its wifi) until the owner has looked at it. Do not forward the mail to colleagues."
        }
        W::NowLostDevice => {
            "Tell the owner now, even if it may turn up. The owner can end its Strongroom sign-ins on the staff page. Change the passwords that were saved on it, starting with your mail."
        }
        W::NowRansomware => {
            "Pull out the network cable and switch off the wifi of that computer now, but leave it switched on. Do not pay, do not answer the criminals, and change nothing: wait for the owner. The backups are kept apart for exactly this."
        }
        W::NowWrongRecipient => {
            "Send nothing more. Ask the person politely to delete the message and to tell you they did. Write down to whom it went, when and what it held."
        }
        W::NowSuspiciousRequest => {
            "Give nothing out. Write down who asked, how to reach them and what they wanted. A real request (the police, a bank, a supplier) can wait for the owner to check it."
        }
        W::NowInsider => {
            "Say nothing to the person yet and change nothing: the audit trail shows what was opened, and the owner will look at it. Write down what you saw and when."
        }
        W::NowStolenStock => {
            "Call the police (112 if it is happening now). Touch nothing where the theft was. Write down which devices, order books, repair tickets or ID copies are missing."
        }
        W::NowOther => "Change nothing and wait for the owner or the privacy officer: they have been told.",
        W::BackToWork => "Back to the start page",
        W::RegisterTitle => "Incident register",
        W::RegisterIntro => {
            "Every incident reported, with its timeline from the audit trail. The law asks for every personal-data breach to be documented (GDPR Art. 33(5)), also those that are not notified."
        }
        W::NoIncidents => "No incidents have been reported.",
        W::Reported => "Reported",
        W::Kind => "What",
        W::Status => "Status",
        W::ReportedBy => "By",
        W::Severity => "Severity",
        W::NotAssessed => "not assessed yet",
        W::StatusNew => "new",
        W::StatusInvestigating => "investigating",
        W::StatusContained => "contained",
        W::StatusClosed => "closed",
        W::BandLow => "low",
        W::BandMedium => "medium",
        W::BandHigh => "high",
        W::BandVeryHigh => "very high",
        W::Timeline => "Timeline",
        W::When => "When",
        W::Who => "Who",
        W::WhatWasDone => "What",
        W::ActionReported => "reported it",
        W::ActionRead => "opened it",
        W::ActionStatus => "changed the status",
        W::ActionAssessed => "assessed the severity",
        W::MoveOn => "Move it on",
        W::SaveStatus => "Save the status",
        W::AssessTitle => "How severe is it? (ENISA's method)",
        W::AssessIntro => "Severity = data × how easily people are identified + what happened. The result proposes what to do; you decide.",
        W::DpcLabel => "What kind of data",
        W::Dpc1 => "contact details",
        W::Dpc2 => "a list of buyers of luxury goods",
        W::Dpc3 => "payment or identity documents",
        W::Dpc4 => "health or other special data",
        W::EiLabel => "How easily can people be identified from it",
        W::Ei1 => "hardly (sealed data without its key)",
        W::Ei2 => "with effort",
        W::Ei3 => "easily",
        W::Ei4 => "directly (names and addresses)",
        W::ConfidentialityLabel => "Who could see it",
        W::IntegrityLabel => "Was it changed",
        W::AvailabilityLabel => "Is it lost",
        W::LossNone => "no",
        W::ConfidentialityKnown => "known people (a wrong recipient)",
        W::ConfidentialityUnknown => "unknown people (stolen, published)",
        W::IntegrityRecoverable => "changed, and it can be put right",
        W::IntegrityLost => "changed, and it cannot be put right",
        W::AvailabilityTemporary => "for a while (a backup restores it)",
        W::AvailabilityPermanent => "for good",
        W::MaliciousLabel => "Someone meant it (a theft, an attack)",
        W::Assess => "Assess",
        W::ProposeRecord => "Proposed: record it in the register; no notification.",
        W::ProposeNotify => "Proposed: notify the supervisory authority within 72 hours of becoming aware.",
        W::ProposeTellPeople => {
            "Proposed: notify the supervisory authority within 72 hours, and tell the customers affected, unless the data were unreadable to whoever got them."
        }
        W::BannerBefore => "Personal-data breach: notify the supervisory authority by",
        W::BannerOpen => "open it",
        W::BannerPassed => "the 72 hours have passed: notify now, with the reason for the delay",
        W::BreachTitle => "Personal-data breach",
        W::BreachIntro => {
            "Record it here once personal data were (or may have been) lost, read by the wrong people or changed: every breach is documented, notified or not. The 72-hour clock starts when the shop became aware, not when it happened."
        }
        W::BecameAware => "Became aware at",
        W::BecameAwareHint => "(when the shop knew that personal data were involved)",
        W::BreachTypes => "What was broken",
        W::TypeConfidentiality => "confidentiality: seen by people who should not",
        W::TypeIntegrity => "integrity: changed without authority",
        W::TypeAvailability => "availability: lost or out of reach",
        W::DataCategories => "Kinds of personal data",
        W::People => "About how many people",
        W::Records => "About how many records",
        W::Consequences => "Likely consequences for them",
        W::Measures => "Measures taken or proposed",
        W::DataEncrypted => "For a lost device or backup: were the data encrypted",
        W::KeyTaken => "And did the key go with them",
        W::Unknown => "not known",
        W::Yes => "yes",
        W::No => "no",
        W::NotifiedAt => "Authority notified at",
        W::AuthorityReference => "The authority's reference",
        W::DelayReason => "Reason for a notification later than 72 hours",
        W::SaveBreach => "Save the breach record",
        W::Deadline => "Notify by",
        W::Outcome => "Outcome",
        W::OutcomeNoBreach => "no breach",
        W::OutcomeRecorded => "breach recorded, not notified",
        W::OutcomeNotified => "breach notified",
        W::Unintelligible => "The data were encrypted and the key was not taken: the customers need not each be told (GDPR Art. 34(3)(a)).",
        W::LateNote => "later than 72 hours",
        W::ActionBreach => "recorded the breach",
        W::ImpactTitle => "Who was affected, from the audit trail",
        W::ImpactIntro => {
            "For an account that may have been misused (a phished password, a lost phone that was signed in, a leaked API token): the customers it read or changed in a time window, counted per kind of data. Only ids and counts are kept with the incident."
        }
        W::Account => "Account (user name or API token name)",
        W::Since => "From",
        W::Until => "Until",
        W::AskImpact => "Look it up and attach it",
        W::ImpactCustomers => "customers",
        W::ImpactOpened => "records opened",
        W::ActionImpact => "looked up who was affected",
        W::LettersTitle => "Letters",
        W::LettersIntro => {
            "Drafted from the breach record; what is still to be written is marked [like this]. Read and change them before sending."
        }
        W::LetterAuthority => "To the supervisory authority",
        W::LetterCustomers => "To the customers affected",
        W::LetterStaff => "To the staff",
        W::LetterSubject => "Subject",
        W::LetterBody => "Letter",
        W::LetterInDutch => "The same letter in Dutch",
        W::LetterInEnglish => "The same letter in English",
        W::SendLetters => "Send to the customers affected, one e-mail each",
        W::AddStep => "A step of the shop's own",
        W::AddStepButton => "Add the step",
        W::DueInHours => "Due this many hours after the start",
        W::PlaybooksTitle => "Response steps per kind of incident",
        W::PlaybooksIntro => {
            "What the shop does, step by step, when an incident of each kind is taken up. Leave out a built-in step that does not fit the shop, add the shop's own; deciding whether it is a personal-data breach stays in every one. Incidents whose steps were started keep theirs."
        }
        W::PlaybookOwn => "The shop's own version.",
        W::PlaybookBuiltin => "The built-in steps, after the EDPB's worked cases.",
        W::HoursAfterStart => "hours after the start",
        W::LeaveOut => "Leave out",
        W::ResetPlaybook => "Back to the built-in steps",
        W::KeepHint => {
            "Each keep is a new version; none is ever overwritten. Keep the version you sent as sent: for the authority, each one is a phase of the notification (Art. 33(4))."
        }
        W::KeepVersion => "Keep this version",
        W::KeepAsSent => "Keep as sent today",
        W::Version => "Version",
        W::KeptBy => "kept by",
        W::SentOn => "sent",
        W::PhasesTitle => "Notification to the authority, in phases (Art. 33(4))",
        W::KeptTitle => "Letters kept",
        W::SendLettersHint => {
            "Each customer in the evidence from the trail gets this letter once, with their own name where it says [name]; pressing again never sends anyone a second one. Fill in every other part in [ ] first."
        }
        W::MailNotSetUp => "Mail is not set up yet: the letters wait until it is.",
        W::LettersQueuedTitle => "Letters to customers",
        W::LettersQueued => "Queued now",
        W::LettersAlready => "Had this letter already",
        W::LettersWithoutAddress => "No e-mail address: write to them or call them",
        W::LettersErased => "Erased since: nobody to tell",
        W::LettersGoSoon => "Strongroom hands them to the shop's mail server within a minute; the outbox below shows each one.",
        W::StepIsolateDevice => "Take the affected computer off the network (cable out, wifi off), but leave it switched on",
        W::StepChangePasswords => "Change the passwords that may be known, starting with mail and Strongroom, from another device",
        W::StepEndSessions => "End the account's sign-ins and set up its second factor again on the staff page",
        W::StepRemoteWipe => "Wipe or lock the device remotely if that can be done",
        W::StepCheckEncryption => "Find out whether the device's disk was encrypted and whether its key or password went with it",
        W::StepKeepRansomNote => "Photograph the ransom note; do not pay and do not reply",
        W::StepCheckBackups => "Check that the backups are untouched: run a restore drill on the backups page",
        W::StepRestoreFromBackup => "Restore the data from the newest good backup onto a cleaned or new computer",
        W::StepReportToPolice => "Report it to the police and keep the report's number",
        W::StepAskDeletion => "Ask the wrong recipient to delete the message and to confirm it",
        W::StepRecordWhatWasSent => "Write down exactly what was sent, to whom and when",
        W::StepVerifyRequester => "Check the request through a number or address you already know, never the one given",
        W::StepWarnStaff => "Warn the staff about the request, so that nobody else answers it",
        W::StepCheckImpact => "Look up in the audit trail whom the account reached (below)",
        W::StepAssessBreach => "Decide whether it is a personal-data breach: record it and weigh its severity",
        W::StepDisableAccount => "Disable the account (or take its customer rights away) and end its sessions; keep its trail",
        W::StepListWhatWasTaken => "List what was taken (devices, order book, repair tickets, ID copies) and the customer data each held",
        W::StepsTitle => "Response steps",
        W::StepsIntro => "The playbook for this kind of incident, each step with the time it should be done by.",
        W::StartPlaybook => "Start the response steps",
        W::DueBy => "due by",
        W::Overdue => "overdue",
        W::DoneBy => "done by",
        W::MarkDone => "Done",
        W::ActionTask => "worked the response steps",
        W::ActionLetter => "kept or sent a letter",
        W::ActionMailed => "mail handed to the mail server",
        W::DrillLabel => "This is a drill: a made-up incident to practise the response on; it never counts as a real breach",
        W::DrillTag => "drill",
        W::DrillNote => "This is a drill: nothing here counts as a real breach.",
        W::DrillTook => "All response steps done in",
        W::DrillSuggestTitle => "Practise the response",
        W::DrillSuggest => {
            "No incident drill in the last 12 months. Run one on a made-up incident: it shows whether everyone knows what to do."
        }
        W::DrillStart => "Start a drill",
    }
}

fn nl(word: W) -> &'static str {
    match word {
        W::MenuReport => "Probleem melden",
        W::MenuIncidents => "Incidenten",
        W::StartNewIncidents => "Nieuwe incidentmeldingen",
        W::StartOpenRegister => "Het incidentenregister openen",
        W::ReportTitle => "Een probleem melden",
        W::ReportIntro => {
            "Ging er iets mis, of lijkt er iets niet te kloppen? Meld het nu: het kost een minuut, niemand krijgt de schuld van een melding, en hoe eerder de eigenaar het weet, hoe meer gegevens van de winkel en haar klanten veilig blijven."
        }
        W::WhatHappened => "Wat is er gebeurd?",
        W::KindPhishing => "Ik heb op een link geklikt of een bijlage geopend in een vreemde mail of een vreemd bericht",
        W::KindLostDevice => "Een telefoon, laptop of tablet is kwijt of gestolen",
        W::KindRansomware => "Het scherm toont een losgeldbericht, of bestanden gaan ineens niet meer open",
        W::KindWrongRecipient => "Ik heb klantgegevens naar de verkeerde persoon gestuurd",
        W::KindSuspiciousRequest => "Iemand vroeg op een vreemde manier om klantgegevens",
        W::KindInsider => "Klantgegevens zijn misschien zonder reden ingezien of meegenomen",
        W::KindStolenStock => "Een inbraak of diefstal, en er zijn klantgegevens mee verdwenen (orderboek, reparatiebonnen, een computer)",
        W::KindOther => "Iets anders",
        W::InYourWords => "In je eigen woorden",
        W::InYourWordsHint => "Wat zag je, waar klikte je op of wat stuurde je, en naar wie? Typ hier nooit een kaartnummer.",
        W::WhenHappened => "Wanneer gebeurde het?",
        W::WhenHappenedShort => "Gebeurd",
        W::WhenHint => "(laat leeg als het net gebeurde of als je het niet weet)",
        W::SendReport => "De melding versturen",
        W::FixBelow => "De melding is nog niet verstuurd: zie hieronder.",
        W::SentTitle => "Dank je: de melding is binnen",
        W::SentThanks => "De eigenaar en de privacyfunctionaris zien haar nu op hun startpagina. Dank je dat je het meteen meldt.",
        W::RightNow => "Wat je nu meteen doet",
        W::NowPhishing => {
            "Typ niets meer op die pagina en sluit haar. Heb je daar een wachtwoord ingetypt, verander het dan nu vanaf een ander apparaat, en trek de netwerkkabel uit deze computer (of zet de wifi uit) tot de eigenaar ernaar gekeken heeft. Stuur de mail niet door naar collega's."
        }
        W::NowLostDevice => {
            "Vertel het de eigenaar nu, ook als het misschien nog terugkomt. De eigenaar kan de Strongroom-aanmeldingen ervan beëindigen op de personeelspagina. Verander de wachtwoorden die erop bewaard waren, te beginnen met je mail."
        }
        W::NowRansomware => {
            "Trek nu de netwerkkabel uit die computer en zet de wifi uit, maar laat hem aan staan. Betaal niet, antwoord de criminelen niet en verander niets: wacht op de eigenaar. De back-ups staan juist hiervoor apart."
        }
        W::NowWrongRecipient => {
            "Stuur niets meer. Vraag de persoon vriendelijk het bericht te verwijderen en te laten weten dat dat gebeurd is. Schrijf op naar wie het ging, wanneer en wat erin stond."
        }
        W::NowSuspiciousRequest => {
            "Geef niets af. Schrijf op wie het vroeg, hoe die te bereiken is en wat die wilde. Een echt verzoek (de politie, een bank, een leverancier) kan wachten tot de eigenaar het gecontroleerd heeft."
        }
        W::NowInsider => {
            "Zeg nog niets tegen de persoon en verander niets: het logboek toont wat er is geopend, en de eigenaar kijkt ernaar. Schrijf op wat je zag en wanneer."
        }
        W::NowStolenStock => {
            "Bel de politie (112 als het nu gebeurt). Raak niets aan waar de diefstal was. Schrijf op welke apparaten, orderboeken, reparatiebonnen of kopieën van identiteitsbewijzen weg zijn."
        }
        W::NowOther => "Verander niets en wacht op de eigenaar of de privacyfunctionaris: zij weten het nu.",
        W::BackToWork => "Terug naar de startpagina",
        W::RegisterTitle => "Incidentenregister",
        W::RegisterIntro => {
            "Elk gemeld incident, met zijn tijdlijn uit het auditlogboek. De wet vraagt elk datalek vast te leggen (AVG art. 33 lid 5), ook als het niet gemeld wordt."
        }
        W::NoIncidents => "Er zijn geen incidenten gemeld.",
        W::Reported => "Gemeld",
        W::Kind => "Wat",
        W::Status => "Status",
        W::ReportedBy => "Door",
        W::Severity => "Ernst",
        W::NotAssessed => "nog niet beoordeeld",
        W::StatusNew => "nieuw",
        W::StatusInvestigating => "in onderzoek",
        W::StatusContained => "ingedamd",
        W::StatusClosed => "afgesloten",
        W::BandLow => "laag",
        W::BandMedium => "middel",
        W::BandHigh => "hoog",
        W::BandVeryHigh => "zeer hoog",
        W::Timeline => "Tijdlijn",
        W::When => "Wanneer",
        W::Who => "Wie",
        W::WhatWasDone => "Wat",
        W::ActionReported => "meldde het",
        W::ActionRead => "opende het",
        W::ActionStatus => "wijzigde de status",
        W::ActionAssessed => "beoordeelde de ernst",
        W::MoveOn => "Verder brengen",
        W::SaveStatus => "Status opslaan",
        W::AssessTitle => "Hoe ernstig is het? (de methode van ENISA)",
        W::AssessIntro => {
            "Ernst = soort gegevens × hoe makkelijk mensen herkenbaar zijn + wat er gebeurde. De uitkomst stelt voor wat te doen; jij beslist."
        }
        W::DpcLabel => "Soort gegevens",
        W::Dpc1 => "contactgegevens",
        W::Dpc2 => "een lijst van kopers van luxegoederen",
        W::Dpc3 => "betaal- of identiteitsgegevens",
        W::Dpc4 => "gezondheid of andere bijzondere gegevens",
        W::EiLabel => "Hoe makkelijk zijn mensen erin te herkennen",
        W::Ei1 => "nauwelijks (versleutelde gegevens zonder sleutel)",
        W::Ei2 => "met moeite",
        W::Ei3 => "makkelijk",
        W::Ei4 => "direct (namen en adressen)",
        W::ConfidentialityLabel => "Wie kon het zien",
        W::IntegrityLabel => "Is het veranderd",
        W::AvailabilityLabel => "Is het kwijt",
        W::LossNone => "nee",
        W::ConfidentialityKnown => "bekenden (een verkeerde ontvanger)",
        W::ConfidentialityUnknown => "onbekenden (gestolen, gepubliceerd)",
        W::IntegrityRecoverable => "veranderd, en het is te herstellen",
        W::IntegrityLost => "veranderd, en het is niet te herstellen",
        W::AvailabilityTemporary => "een tijdje (een back-up zet het terug)",
        W::AvailabilityPermanent => "voorgoed",
        W::MaliciousLabel => "Iemand deed het met opzet (een diefstal, een aanval)",
        W::Assess => "Beoordelen",
        W::ProposeRecord => "Voorstel: vastleggen in het register; niet melden.",
        W::ProposeNotify => "Voorstel: binnen 72 uur na ontdekking melden bij de toezichthouder (de Autoriteit Persoonsgegevens).",
        W::ProposeTellPeople => {
            "Voorstel: binnen 72 uur melden bij de toezichthouder, en de betrokken klanten inlichten, tenzij de gegevens onleesbaar waren voor wie ze kreeg."
        }
        W::BannerBefore => "Datalek: meld het bij de toezichthouder vóór",
        W::BannerOpen => "openen",
        W::BannerPassed => "de 72 uur zijn voorbij: meld nu, met de reden van de vertraging",
        W::BreachTitle => "Datalek",
        W::BreachIntro => {
            "Leg het hier vast zodra persoonsgegevens (mogelijk) verloren zijn, door de verkeerde mensen gezien of veranderd: elk datalek wordt vastgelegd, gemeld of niet. De 72 uur beginnen als de winkel ervan weet, niet als het gebeurde."
        }
        W::BecameAware => "Ontdekt op",
        W::BecameAwareHint => "(wanneer de winkel wist dat het om persoonsgegevens ging)",
        W::BreachTypes => "Wat is er geschonden",
        W::TypeConfidentiality => "vertrouwelijkheid: gezien door wie dat niet mocht",
        W::TypeIntegrity => "integriteit: zonder recht veranderd",
        W::TypeAvailability => "beschikbaarheid: verloren of onbereikbaar",
        W::DataCategories => "Soorten persoonsgegevens",
        W::People => "Ongeveer hoeveel mensen",
        W::Records => "Ongeveer hoeveel records",
        W::Consequences => "Waarschijnlijke gevolgen voor hen",
        W::Measures => "Genomen of voorgestelde maatregelen",
        W::DataEncrypted => "Bij een verloren apparaat of back-up: waren de gegevens versleuteld",
        W::KeyTaken => "En ging de sleutel mee",
        W::Unknown => "onbekend",
        W::Yes => "ja",
        W::No => "nee",
        W::NotifiedAt => "Gemeld bij de toezichthouder op",
        W::AuthorityReference => "Kenmerk van de toezichthouder",
        W::DelayReason => "Reden van een melding later dan 72 uur",
        W::SaveBreach => "Datalek vastleggen",
        W::Deadline => "Melden vóór",
        W::Outcome => "Uitkomst",
        W::OutcomeNoBreach => "geen datalek",
        W::OutcomeRecorded => "datalek vastgelegd, niet gemeld",
        W::OutcomeNotified => "datalek gemeld",
        W::Unintelligible => {
            "De gegevens waren versleuteld en de sleutel ging niet mee: de klanten hoeven niet elk ingelicht te worden (AVG art. 34 lid 3 onder a)."
        }
        W::LateNote => "later dan 72 uur",
        W::ActionBreach => "legde het datalek vast",
        W::ImpactTitle => "Wie zijn getroffen, uit het auditlogboek",
        W::ImpactIntro => {
            "Voor een account dat misbruikt kan zijn (een gephisht wachtwoord, een verloren telefoon die aangemeld was, een uitgelekt API-token): de klanten die het in een periode las of wijzigde, geteld per soort gegevens. Alleen nummers en aantallen worden bij het incident bewaard."
        }
        W::Account => "Account (gebruikersnaam of naam van het API-token)",
        W::Since => "Van",
        W::Until => "Tot",
        W::AskImpact => "Opzoeken en toevoegen",
        W::ImpactCustomers => "klanten",
        W::ImpactOpened => "dossiers geopend",
        W::ActionImpact => "zocht op wie getroffen zijn",
        W::LettersTitle => "Brieven",
        W::LettersIntro => {
            "Opgesteld uit het datalekdossier; wat nog geschreven moet worden staat [zo] aangegeven. Lees en pas ze aan voor u ze verstuurt."
        }
        W::LetterAuthority => "Aan de toezichthouder",
        W::LetterCustomers => "Aan de betrokken klanten",
        W::LetterStaff => "Aan het personeel",
        W::LetterSubject => "Onderwerp",
        W::LetterBody => "Brief",
        W::LetterInDutch => "Dezelfde brief in het Nederlands",
        W::LetterInEnglish => "Dezelfde brief in het Engels",
        W::SendLetters => "Naar de getroffen klanten sturen, één e-mail per klant",
        W::AddStep => "Een eigen stap van de winkel",
        W::AddStepButton => "Stap toevoegen",
        W::DueInHours => "Klaar zoveel uur na de start",
        W::PlaybooksTitle => "Stappen per soort incident",
        W::PlaybooksIntro => {
            "Wat de winkel stap voor stap doet als een incident van elke soort wordt opgepakt. Laat een ingebouwde stap weg die niet bij de winkel past, voeg eigen stappen toe; beslissen of het een datalek is blijft in elk. Incidenten waarvan de stappen al zijn gestart, houden de hunne."
        }
        W::PlaybookOwn => "De eigen versie van de winkel.",
        W::PlaybookBuiltin => "De ingebouwde stappen, naar de voorbeelden van de EDPB.",
        W::HoursAfterStart => "uur na de start",
        W::LeaveOut => "Weglaten",
        W::ResetPlaybook => "Terug naar de ingebouwde stappen",
        W::KeepHint => {
            "Elke keer bewaren is een nieuwe versie; geen enkele wordt overschreven. Bewaar de versie die u verstuurde als verstuurd: voor de toezichthouder is elk een fase van de melding (art. 33 lid 4)."
        }
        W::KeepVersion => "Deze versie bewaren",
        W::KeepAsSent => "Bewaren als vandaag verstuurd",
        W::Version => "Versie",
        W::KeptBy => "bewaard door",
        W::SentOn => "verstuurd",
        W::PhasesTitle => "Melding aan de toezichthouder, in fasen (art. 33 lid 4)",
        W::KeptTitle => "Bewaarde brieven",
        W::SendLettersHint => {
            "Elke klant in het bewijs uit het logboek krijgt deze brief één keer, met de eigen naam waar [naam] staat; nog eens drukken stuurt niemand een tweede. Vul eerst alle andere delen tussen [ ] in."
        }
        W::MailNotSetUp => "De mail is nog niet ingesteld: de brieven wachten tot dat wel zo is.",
        W::LettersQueuedTitle => "Brieven aan klanten",
        W::LettersQueued => "Nu klaargezet",
        W::LettersAlready => "Hadden deze brief al",
        W::LettersWithoutAddress => "Geen e-mailadres: schrijf of bel ze",
        W::LettersErased => "Inmiddels gewist: niemand om te informeren",
        W::LettersGoSoon => {
            "Strongroom geeft ze binnen een minuut aan de mailserver van de winkel; het postvak uit hieronder toont elke brief."
        }
        W::StepIsolateDevice => "Haal de getroffen computer van het netwerk (kabel eruit, wifi uit), maar laat hem aan staan",
        W::StepChangePasswords => {
            "Verander de wachtwoorden die bekend kunnen zijn, te beginnen met mail en Strongroom, vanaf een ander apparaat"
        }
        W::StepEndSessions => "Beëindig de aanmeldingen van het account en stel de tweede stap opnieuw in op de personeelspagina",
        W::StepRemoteWipe => "Wis of vergrendel het apparaat op afstand als dat kan",
        W::StepCheckEncryption => "Zoek uit of de schijf van het apparaat versleuteld was en of de sleutel of het wachtwoord meeging",
        W::StepKeepRansomNote => "Maak een foto van het losgeldbericht; betaal niet en antwoord niet",
        W::StepCheckBackups => "Controleer dat de back-ups onaangetast zijn: doe een hersteloefening op de back-uppagina",
        W::StepRestoreFromBackup => "Zet de gegevens terug uit de nieuwste goede back-up op een opgeschoonde of nieuwe computer",
        W::StepReportToPolice => "Doe aangifte bij de politie en bewaar het nummer van de aangifte",
        W::StepAskDeletion => "Vraag de verkeerde ontvanger het bericht te verwijderen en dat te bevestigen",
        W::StepRecordWhatWasSent => "Schrijf precies op wat er is verstuurd, naar wie en wanneer",
        W::StepVerifyRequester => "Controleer het verzoek via een nummer of adres dat u al kent, nooit via het opgegeven",
        W::StepWarnStaff => "Waarschuw het personeel voor het verzoek, zodat niemand anders erop ingaat",
        W::StepCheckImpact => "Zoek in het auditlogboek op wie het account bereikte (hieronder)",
        W::StepAssessBreach => "Beslis of het een datalek is: leg het vast en beoordeel de ernst",
        W::StepDisableAccount => "Blokkeer het account (of neem de rechten op klantgegevens af) en beëindig de sessies; bewaar het logboek",
        W::StepListWhatWasTaken => {
            "Maak een lijst van wat is meegenomen (apparaten, orderboek, reparatiebonnen, kopieën van ID's) en welke klantgegevens erop stonden"
        }
        W::StepsTitle => "Stappen",
        W::StepsIntro => "Het draaiboek voor dit soort incident, elke stap met de tijd waarvoor hij gedaan moet zijn.",
        W::StartPlaybook => "De stappen starten",
        W::DueBy => "vóór",
        W::Overdue => "te laat",
        W::DoneBy => "gedaan door",
        W::MarkDone => "Gedaan",
        W::ActionTask => "werkte aan de stappen",
        W::ActionLetter => "bewaarde of verstuurde een brief",
        W::ActionMailed => "mail aan de mailserver gegeven",
        W::DrillLabel => "Dit is een oefening: een verzonnen incident om de aanpak te oefenen; het telt nooit als echt datalek",
        W::DrillTag => "oefening",
        W::DrillNote => "Dit is een oefening: niets hiervan telt als echt datalek.",
        W::DrillTook => "Alle stappen gedaan in",
        W::DrillSuggestTitle => "Oefen de aanpak",
        W::DrillSuggest => {
            "Geen incidentoefening in de afgelopen 12 maanden. Doe er een op een verzonnen incident: zo blijkt of iedereen weet wat te doen."
        }
        W::DrillStart => "Een oefening starten",
    }
}
