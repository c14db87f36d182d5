//! The words of the risk register's pages, English and Dutch: each language an exhaustive
//! `match`, so a word missing from one is a compile error.

use strongroom_domain::{Language, RiskLevel, Treatment};

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum K {
    Title,
    Intro,
    MapTitle,
    MapCaption,
    Likelihood,
    Impact,
    Risk,
    Score,
    Treatment,
    Owner,
    NextReview,
    Due,
    Empty,
    ProposedTitle,
    ProposedIntro,
    CatalogueTitle,
    CatalogueIntro,
    AddThis,
    OwnTitle,
    EditTitle,
    RiskTitle,
    Asset,
    Threat,
    LikelihoodReason,
    ImpactReason,
    Measures,
    Save,
    AddOwn,
    ReviewedToday,
    Remove,
    Back,
    Added,
    Saved,
    Removed,
    OnlyOwnerAndAuditor,
    OnlyOwner,
    LastReviewed,
    Scale,
}

pub fn k(language: Language, word: K) -> &'static str {
    match language {
        Language::En => en(word),
        Language::Nl => nl(word),
    }
}

fn en(word: K) -> &'static str {
    match word {
        K::Title => "Risks",
        K::Intro => {
            "What could go wrong with the shop's data, how likely it is and how bad it would be, and what the shop does about it. Each risk is reviewed again in time: the high ones every 90 days, medium every 180, low every 360."
        }
        K::MapTitle => "The map",
        K::MapCaption => "How many risks sit at each likelihood and impact; the further up and right, the worse.",
        K::Likelihood => "Likelihood",
        K::Impact => "Impact",
        K::Risk => "Risk",
        K::Score => "Score",
        K::Treatment => "Treatment",
        K::Owner => "Who sees to it",
        K::NextReview => "Next review",
        K::Due => "due",
        K::Empty => {
            "The register is empty. Start with the risks below: Strongroom proposes some from what it found, and the catalogue holds those every jewelry shop has."
        }
        K::ProposedTitle => "Strongroom proposes",
        K::ProposedIntro => {
            "From what Strongroom found in the shop: the backups, the accounts, the devices, the incidents and the records it holds."
        }
        K::CatalogueTitle => "From the catalogue",
        K::CatalogueIntro => {
            "Risks every jewelry shop has. Add one and make it the shop's own: change the ratings, the measures and who sees to it."
        }
        K::AddThis => "Add to the register",
        K::OwnTitle => "A risk of the shop's own",
        K::EditTitle => "A risk",
        K::RiskTitle => "Name",
        K::Asset => "What is at stake",
        K::Threat => "What could happen",
        K::LikelihoodReason => "Why this likelihood",
        K::ImpactReason => "Why this impact",
        K::Measures => "Measures",
        K::Save => "Save",
        K::AddOwn => "Add the risk",
        K::ReviewedToday => "Reviewed today: the next review is counted from today",
        K::Remove => "Remove this risk",
        K::Back => "Back to the risks",
        K::Added => "The risk was added.",
        K::Saved => "The risk was saved.",
        K::Removed => "The risk was removed.",
        K::OnlyOwnerAndAuditor => "Only the owner and the external auditor see the risks.",
        K::OnlyOwner => "Only the owner changes the risks.",
        K::LastReviewed => "Last reviewed",
        K::Scale => "1 rare or negligible … 5 almost certain or severe",
    }
}

fn nl(word: K) -> &'static str {
    match word {
        K::Title => "Risico's",
        K::Intro => {
            "Wat er mis kan gaan met de gegevens van de winkel, hoe waarschijnlijk dat is en hoe erg het zou zijn, en wat de winkel eraan doet. Elk risico wordt op tijd opnieuw bekeken: de hoge elke 90 dagen, middel elke 180, laag elke 360."
        }
        K::MapTitle => "De kaart",
        K::MapCaption => "Hoeveel risico's er op elke kans en impact staan; hoe verder naar rechtsboven, hoe erger.",
        K::Likelihood => "Kans",
        K::Impact => "Impact",
        K::Risk => "Risico",
        K::Score => "Score",
        K::Treatment => "Aanpak",
        K::Owner => "Wie erop let",
        K::NextReview => "Volgende controle",
        K::Due => "nu aan de beurt",
        K::Empty => {
            "Het register is leeg. Begin met de risico's hieronder: Strongroom stelt er een paar voor op grond van wat het vond, en de catalogus bevat die van elke juwelier."
        }
        K::ProposedTitle => "Strongroom stelt voor",
        K::ProposedIntro => {
            "Op grond van wat Strongroom in de winkel vond: de back-ups, de accounts, de apparaten, de incidenten en de dossiers die het bewaart."
        }
        K::CatalogueTitle => "Uit de catalogus",
        K::CatalogueIntro => {
            "Risico's die elke juwelier heeft. Voeg er een toe en maak het van de winkel: pas de scores, de maatregelen en wie erop let aan."
        }
        K::AddThis => "Aan het register toevoegen",
        K::OwnTitle => "Een eigen risico van de winkel",
        K::EditTitle => "Een risico",
        K::RiskTitle => "Naam",
        K::Asset => "Wat er op het spel staat",
        K::Threat => "Wat er kan gebeuren",
        K::LikelihoodReason => "Waarom deze kans",
        K::ImpactReason => "Waarom deze impact",
        K::Measures => "Maatregelen",
        K::Save => "Opslaan",
        K::AddOwn => "Risico toevoegen",
        K::ReviewedToday => "Vandaag bekeken: de volgende controle telt vanaf vandaag",
        K::Remove => "Dit risico verwijderen",
        K::Back => "Terug naar de risico's",
        K::Added => "Het risico is toegevoegd.",
        K::Saved => "Het risico is opgeslagen.",
        K::Removed => "Het risico is verwijderd.",
        K::OnlyOwnerAndAuditor => "Alleen de eigenaar en de externe auditor zien de risico's.",
        K::OnlyOwner => "Alleen de eigenaar wijzigt de risico's.",
        K::LastReviewed => "Laatst bekeken",
        K::Scale => "1 zeldzaam of verwaarloosbaar … 5 vrijwel zeker of ernstig",
    }
}

pub fn level_name(language: Language, level: RiskLevel) -> &'static str {
    match (language, level) {
        (Language::En, RiskLevel::Low) => "low",
        (Language::En, RiskLevel::Medium) => "medium",
        (Language::En, RiskLevel::High) => "high",
        (Language::En, RiskLevel::VeryHigh) => "very high",
        (Language::Nl, RiskLevel::Low) => "laag",
        (Language::Nl, RiskLevel::Medium) => "middel",
        (Language::Nl, RiskLevel::High) => "hoog",
        (Language::Nl, RiskLevel::VeryHigh) => "zeer hoog",
    }
}

pub fn treatment_name(language: Language, treatment: Treatment) -> &'static str {
    match (language, treatment) {
        (Language::En, Treatment::Reduce) => "reduce it",
        (Language::En, Treatment::Accept) => "accept it",
        (Language::En, Treatment::Transfer) => "transfer it (insurance, a contract)",
        (Language::En, Treatment::Avoid) => "avoid it (stop doing what causes it)",
        (Language::Nl, Treatment::Reduce) => "verminderen",
        (Language::Nl, Treatment::Accept) => "accepteren",
        (Language::Nl, Treatment::Transfer) => "overdragen (verzekering, contract)",
        (Language::Nl, Treatment::Avoid) => "vermijden (stoppen met wat het veroorzaakt)",
    }
}
