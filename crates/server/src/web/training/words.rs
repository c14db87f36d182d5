//! The training pages' words, English and Dutch: each language an exhaustive `match`, so a
//! word missing from one is a compile error. `{}` stands for a value. The lessons themselves
//! are in `domain::course`, in both languages.

use strongroom_domain::{Language, TrainingState};

use crate::web::parts::day;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Y {
    Menu,
    Title,
    Intro,
    ToTake,
    NothingToTake,
    Done,
    AllLessons,
    Basics,
    Questions,
    Overview,
    QuizTitle,
    QuizIntro,
    Send,
    Passed,
    NotPassed,
    PassMark,
    Wrong,
    YourAnswer,
    RightAnswer,
    NoAnswer,
    TryAgain,
    Back,
    OnlyStaff,
    OnlyOverview,
    AlreadyCounted,
    OverviewTitle,
    OverviewIntro,
    Person,
    Role,
    Completed,
    Score,
    Attempts,
    Overdue,
    ToOwner,
    Chart,
    ChartLabel,
    Began,
    NoPeople,
    StartTitle,
    StartDue,
    StartOverdue,
    StartOpen,
    StartBehind,
    StartOverview,
    ReadOnly,
    Sessions,
    Remove,
    OnlyOwner,
    OwnTitle,
    OwnIntro,
    LessonTitle,
    LessonSummary,
    LessonMonth,
    LessonPassMark,
    LessonBody,
    LessonQuiz,
    LessonQuizHint,
    LessonQuizExample,
    LessonAdd,
    SessionsTitle,
    SessionsIntro,
    SessionDay,
    SessionTopic,
    SessionPresent,
    SessionAdd,
    RemindersTitle,
    RemindersIntro,
    RemindersSave,
    Blocked,
    RequiredTitle,
    RequiredLabel,
    RequiredCost,
    RequiredSave,
    DrillsTitle,
    DrillStart,
    DrillIntro,
    DrillNoAddresses,
    DrillTemplate,
    DrillTo,
    DrillSend,
    DrillResults,
    DrillNone,
    DrillMail,
    DrillClicked,
    DrillReported,
    DrillSent,
    DrillRefused,
    DrillWaiting,
    LandingTitle,
    LandingIntro,
    LandingClues,
    LandingNext,
    LandingAdvice,
}

pub(crate) fn y(language: Language, word: Y) -> &'static str {
    match language {
        Language::Nl => nl(word),
        _ => en(word),
    }
}

/// Where someone stands with a lesson, in words.
pub(crate) fn state_words(language: Language, state: &TrainingState) -> String {
    let dutch = language == Language::Nl;
    match state {
        TrainingState::Done(on) => format!("{} {}", if dutch { "Gedaan op" } else { "Done on" }, day(language, *on)),
        TrainingState::Due(due) => format!("{} {}", if dutch { "Uiterlijk" } else { "By" }, day(language, *due)),
        TrainingState::Overdue { due, days } | TrainingState::Escalated { due, days } => {
            if dutch {
                format!("Te laat sinds {} ({days} dagen)", day(language, *due))
            } else {
                format!("Overdue since {} ({days} days)", day(language, *due))
            }
        }
    }
}

fn en(word: Y) -> &'static str {
    match word {
        Y::Menu => "Training",
        Y::Title => "Security training",
        Y::Intro => {
            "One short lesson a month: read it in a few minutes, then answer its quiz. A wrong answer is explained, and you may try as often as you like. New to the shop? You have the basics within your first month."
        }
        Y::ToTake => "Your lessons to take",
        Y::NothingToTake => "Nothing to take right now. Well done.",
        Y::Done => "Done",
        Y::AllLessons => "All lessons",
        Y::Basics => "basics",
        Y::Questions => "{} questions",
        Y::Overview => "Everyone's training",
        Y::QuizTitle => "Quiz",
        Y::QuizIntro => "Choose one answer to each question. You pass with {}% right.",
        Y::Send => "Send my answers",
        Y::Passed => "Passed: {} of {} right.",
        Y::NotPassed => "Not passed yet: {} of {} right. Read the explanations, then try again.",
        Y::PassMark => "The pass mark is {}%.",
        Y::Wrong => "What to remember",
        Y::YourAnswer => "Your answer:",
        Y::RightAnswer => "The right answer:",
        Y::NoAnswer => "(none)",
        Y::TryAgain => "Take the quiz again",
        Y::Back => "Back to the training",
        Y::OnlyStaff => "The training is for the shop's staff.",
        Y::OnlyOverview => "Only the owner, the privacy officer and the auditor see everyone's training.",
        Y::AlreadyCounted => "These answers were sent already; they are counted once.",
        Y::OverviewTitle => "Everyone's training",
        Y::OverviewIntro => {
            "Who has taken which lesson, with their best scores. A lesson more than 14 days overdue goes to the owner. Evidence for the auditor and the self-assessment."
        }
        Y::Person => "Person",
        Y::Role => "Role",
        Y::Completed => "Done",
        Y::Score => "Score",
        Y::Attempts => "Attempts",
        Y::Overdue => "Overdue",
        Y::ToOwner => "far overdue",
        Y::Chart => "Completion by month",
        Y::ChartLabel => "Lessons done of those planned, by month",
        Y::Began => "The training began on {}.",
        Y::NoPeople => "No staff accounts yet.",
        Y::StartTitle => "Your security training",
        Y::StartDue => "{} lesson(s) to take; the next by {}.",
        Y::StartOverdue => "{} lesson(s) overdue.",
        Y::StartOpen => "Open the training",
        Y::StartBehind => "Far behind with their training",
        Y::StartOverview => "See everyone's training",
        Y::ReadOnly => "You read the lessons; the staff take the quizzes.",
        Y::Sessions => "Sessions",
        Y::Remove => "Remove",
        Y::OnlyOwner => "Only the owner changes the training.",
        Y::OwnTitle => "The shop's own lessons",
        Y::OwnIntro => {
            "Write a lesson about how your shop does things (the alarm, the safe, who approves a new supplier), with its quiz. Everyone takes it in the month you choose, from now on."
        }
        Y::LessonTitle => "Title",
        Y::LessonSummary => "In one sentence",
        Y::LessonMonth => "Month",
        Y::LessonPassMark => "Pass mark (% right)",
        Y::LessonBody => "The lesson (a blank line between paragraphs; a line starting with - is a point of a list)",
        Y::LessonQuiz => "The quiz (at least three questions)",
        Y::LessonQuizHint => {
            "A line starting with ? is a question, - a wrong answer, * the right answer, = the explanation shown to whoever answers it wrong. For example:"
        }
        Y::LessonQuizExample => {
            "? Who may change a supplier's bank details?\n- Whoever takes the call\n* The owner, after calling back on the number we know\n= A new account is checked on a number we already have."
        }
        Y::LessonAdd => "Add the lesson",
        Y::SessionsTitle => "In-person sessions",
        Y::SessionsIntro => {
            "Record the monthly session at the shop and who was there; each person's count of sessions is evidence for the auditor."
        }
        Y::SessionDay => "Day",
        Y::SessionTopic => "What it was about",
        Y::SessionPresent => "Who was there",
        Y::SessionAdd => "Record the session",
        Y::RemindersTitle => "Reminders by mail",
        Y::RemindersIntro => {
            "Where each person's reminders go, once the shop's mail is set up: their lessons due within a week, at most once a week. Who is more than 14 days behind is named to the alert addresses of the mail settings."
        }
        Y::RemindersSave => "Save the addresses",
        Y::Blocked => {
            "A lesson of your security training is more than 14 days overdue, and the shop asks for it before customer data. Take it now: it takes a few minutes."
        }
        Y::RequiredTitle => "Require the training before customer data",
        Y::RequiredLabel => "Someone with a lesson more than 14 days overdue cannot open customer data until they take it",
        Y::RequiredCost => {
            "What it costs: someone far behind cannot open a customer's record until they take the lesson (a few minutes), which may hold up a sale. Off, the training is asked for and reminded of, never enforced. Saving asks for your password again."
        }
        Y::RequiredSave => "Save",
        Y::DrillsTitle => "Phishing drills",
        Y::DrillStart => "Send a practice phishing mail",
        Y::DrillIntro => {
            "A realistic mail goes to each person you choose, with a link of their own to a page that explains what gave it away. It never asks for a password. Whoever opens the link takes the phishing lesson again; whoever reports it with Report a problem did it right."
        }
        Y::DrillNoAddresses => "Nobody has an address for mail yet: set them first under",
        Y::DrillTemplate => "The mail",
        Y::DrillTo => "To",
        Y::DrillSend => "Send the practice mails",
        Y::DrillResults => "Results",
        Y::DrillNone => "No drill yet.",
        Y::DrillMail => "Mail",
        Y::DrillClicked => "Opened the link",
        Y::DrillReported => "Reported it",
        Y::DrillSent => "delivered to the mail server",
        Y::DrillRefused => "refused or bounced: not counted",
        Y::DrillWaiting => "waiting to be sent",
        Y::LandingTitle => "This was a practice phishing mail",
        Y::LandingIntro => {
            "Nothing happened: this mail came from your shop's security training, and nothing was asked of you or kept but that the link was opened. A real one could have taken a password, money or the shop's customer data."
        }
        Y::LandingClues => "What gave it away",
        Y::LandingNext => "Next time",
        Y::LandingAdvice => {
            "Do not open the link. Check the sender another way (a number you already have, the website you know), and use Report a problem in Strongroom: it takes a minute and nobody is blamed. The phishing lesson is on your training page again."
        }
    }
}

fn nl(word: Y) -> &'static str {
    match word {
        Y::Menu => "Training",
        Y::Title => "Beveiligingstraining",
        Y::Intro => {
            "Eén korte les per maand: lees hem in een paar minuten en beantwoord dan de quiz. Een fout antwoord wordt uitgelegd, en je mag zo vaak proberen als je wilt. Nieuw in de winkel? Dan heb je de basislessen binnen je eerste maand."
        }
        Y::ToTake => "Jouw lessen om te doen",
        Y::NothingToTake => "Er staat nu niets voor je klaar. Goed gedaan.",
        Y::Done => "Gedaan",
        Y::AllLessons => "Alle lessen",
        Y::Basics => "basis",
        Y::Questions => "{} vragen",
        Y::Overview => "Training van iedereen",
        Y::QuizTitle => "Quiz",
        Y::QuizIntro => "Kies bij elke vraag één antwoord. Met {}% goed ben je geslaagd.",
        Y::Send => "Mijn antwoorden versturen",
        Y::Passed => "Geslaagd: {} van de {} goed.",
        Y::NotPassed => "Nog niet geslaagd: {} van de {} goed. Lees de uitleg en probeer het opnieuw.",
        Y::PassMark => "Je slaagt met {}%.",
        Y::Wrong => "Om te onthouden",
        Y::YourAnswer => "Jouw antwoord:",
        Y::RightAnswer => "Het goede antwoord:",
        Y::NoAnswer => "(geen)",
        Y::TryAgain => "De quiz opnieuw doen",
        Y::Back => "Terug naar de training",
        Y::OnlyStaff => "De training is voor de medewerkers van de winkel.",
        Y::OnlyOverview => "Alleen de eigenaar, de privacyfunctionaris en de auditor zien de training van iedereen.",
        Y::AlreadyCounted => "Deze antwoorden waren al verstuurd; ze tellen één keer.",
        Y::OverviewTitle => "Training van iedereen",
        Y::OverviewIntro => {
            "Wie welke les heeft gedaan, met de beste scores. Een les die meer dan 14 dagen te laat is, gaat naar de eigenaar. Bewijs voor de auditor en de zelfbeoordeling."
        }
        Y::Person => "Persoon",
        Y::Role => "Rol",
        Y::Completed => "Gedaan",
        Y::Score => "Score",
        Y::Attempts => "Pogingen",
        Y::Overdue => "Te laat",
        Y::ToOwner => "ver achter",
        Y::Chart => "Voltooid per maand",
        Y::ChartLabel => "Gedane lessen van de geplande, per maand",
        Y::Began => "De training begon op {}.",
        Y::NoPeople => "Nog geen accounts van medewerkers.",
        Y::StartTitle => "Jouw beveiligingstraining",
        Y::StartDue => "{} les(sen) te doen; de volgende uiterlijk {}.",
        Y::StartOverdue => "{} les(sen) te laat.",
        Y::StartOpen => "De training openen",
        Y::StartBehind => "Ver achter met hun training",
        Y::StartOverview => "Training van iedereen bekijken",
        Y::ReadOnly => "Je leest de lessen; de medewerkers doen de quizzen.",
        Y::Sessions => "Bijeenkomsten",
        Y::Remove => "Verwijderen",
        Y::OnlyOwner => "Alleen de eigenaar wijzigt de training.",
        Y::OwnTitle => "Eigen lessen van de winkel",
        Y::OwnIntro => {
            "Schrijf een les over hoe jouw winkel het doet (het alarm, de kluis, wie een nieuwe leverancier goedkeurt), met een quiz. Iedereen doet hem in de maand die je kiest, vanaf nu."
        }
        Y::LessonTitle => "Titel",
        Y::LessonSummary => "In één zin",
        Y::LessonMonth => "Maand",
        Y::LessonPassMark => "Geslaagd bij (% goed)",
        Y::LessonBody => "De les (een lege regel tussen alinea's; een regel die met - begint is een punt van een lijst)",
        Y::LessonQuiz => "De quiz (minstens drie vragen)",
        Y::LessonQuizHint => {
            "Een regel die met ? begint is een vraag, - een fout antwoord, * het goede antwoord, = de uitleg voor wie het fout heeft. Bijvoorbeeld:"
        }
        Y::LessonQuizExample => {
            "? Wie mag de bankgegevens van een leverancier wijzigen?\n- Wie de telefoon opneemt\n* De eigenaar, na terugbellen op het nummer dat we kennen\n= Een nieuw rekeningnummer controleren we via een nummer dat we al hebben."
        }
        Y::LessonAdd => "De les toevoegen",
        Y::SessionsTitle => "Bijeenkomsten in de winkel",
        Y::SessionsIntro => {
            "Leg de maandelijkse bijeenkomst in de winkel vast en wie er waren; het aantal bijeenkomsten per persoon is bewijs voor de auditor."
        }
        Y::SessionDay => "Dag",
        Y::SessionTopic => "Waar het over ging",
        Y::SessionPresent => "Wie er waren",
        Y::SessionAdd => "De bijeenkomst vastleggen",
        Y::RemindersTitle => "Herinneringen per mail",
        Y::RemindersIntro => {
            "Waar de herinneringen van elke persoon heen gaan, zodra de mail van de winkel is ingesteld: hun lessen die binnen een week moeten, hoogstens één keer per week. Wie meer dan 14 dagen achterloopt, wordt genoemd aan de meldadressen uit de mailinstellingen."
        }
        Y::RemindersSave => "De adressen opslaan",
        Y::Blocked => {
            "Een les van je beveiligingstraining is meer dan 14 dagen te laat, en de winkel vraagt die voordat je klantgegevens opent. Doe hem nu: het kost een paar minuten."
        }
        Y::RequiredTitle => "De training verplichten voor klantgegevens",
        Y::RequiredLabel => "Wie een les meer dan 14 dagen te laat heeft, kan pas klantgegevens openen na die les",
        Y::RequiredCost => {
            "Wat het kost: wie ver achterloopt, kan een klantdossier pas openen na de les (een paar minuten), wat een verkoop kan ophouden. Uit wordt de training gevraagd en herinnerd, nooit afgedwongen. Bij opslaan wordt opnieuw om je wachtwoord gevraagd."
        }
        Y::RequiredSave => "Opslaan",
        Y::DrillsTitle => "Phishingoefeningen",
        Y::DrillStart => "Een oefen-phishingmail sturen",
        Y::DrillIntro => {
            "Iedereen die je kiest krijgt een echt lijkende mail, met een eigen link naar een pagina die uitlegt waaraan je hem had kunnen herkennen. Er wordt nooit om een wachtwoord gevraagd. Wie de link opent, doet de phishingles opnieuw; wie hem meldt met Probleem melden, deed het goed."
        }
        Y::DrillNoAddresses => "Nog niemand heeft een mailadres: stel ze eerst in onder",
        Y::DrillTemplate => "De mail",
        Y::DrillTo => "Aan",
        Y::DrillSend => "De oefenmails versturen",
        Y::DrillResults => "Resultaten",
        Y::DrillNone => "Nog geen oefening.",
        Y::DrillMail => "Mail",
        Y::DrillClicked => "Opende de link",
        Y::DrillReported => "Meldde het",
        Y::DrillSent => "afgeleverd bij de mailserver",
        Y::DrillRefused => "geweigerd of teruggekomen: telt niet mee",
        Y::DrillWaiting => "wacht op verzending",
        Y::LandingTitle => "Dit was een oefen-phishingmail",
        Y::LandingIntro => {
            "Er is niets gebeurd: deze mail kwam van de beveiligingstraining van je winkel, en er is niets gevraagd of bewaard behalve dat de link is geopend. Een echte had een wachtwoord, geld of de klantgegevens van de winkel kunnen buitmaken."
        }
        Y::LandingClues => "Waaraan je hem kon herkennen",
        Y::LandingNext => "De volgende keer",
        Y::LandingAdvice => {
            "Open de link niet. Controleer de afzender op een andere manier (een nummer dat je al hebt, de website die je kent), en gebruik Probleem melden in Strongroom: het kost een minuut en niemand krijgt de schuld. De phishingles staat weer op je trainingspagina."
        }
    }
}
