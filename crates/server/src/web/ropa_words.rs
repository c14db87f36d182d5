//! The words of the record of processing and the law page (`ropa.rs`), English and Dutch, each
//! an exhaustive `match`.

use strongroom_domain::Language;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum P {
    Menu,
    Title,
    Intro,
    Denied,
    Controller,
    Contact,
    Law,
    Authority,
    Purposes,
    Subjects,
    DataMap,
    Field,
    Category,
    WhoSees,
    Kept,
    Special,
    Places,
    Processors,
    NoneEntered,
    Contract,
    Security,
    Backups,
    Print,
    Json,
    LawLink,
    EditTitle,
    ContactLabel,
    PlacesLabel,
    PlacesHint,
    ProcessorsLabel,
    ProcessorsHint,
    Save,
    LawTitle,
    LawIntro,
    LawUnknown,
    OtherCountries,
    PrivacyLaw,
    NationalAct,
    BreachReport,
    AmlLaw,
    AmlRule,
    AmlKeep,
    TaxKeep,
    Checked,
    MarketingTitle,
    MarketingIntro,
    MarketingDenied,
    Channel,
    ChannelEmail,
    ChannelSms,
    ChannelPost,
    ChannelPhone,
    Download,
    ReviewTitle,
    ReviewIntro,
    ReviewNone,
    ReviewDone,
    LastVisit,
    Never,
    KeepReason,
    Keep,
    EraseNow,
    BackToRequests,
    NoticeTitle,
    NoticeIntro,
    NoticeText,
    Version,
    ReviewedOn,
    IsDraft,
    StartAgain,
    English,
    Dutch,
}

pub(super) fn p(language: Language, word: P) -> &'static str {
    match language {
        Language::En => en(word),
        Language::Nl => nl(word),
    }
}

fn en(word: P) -> &'static str {
    match word {
        P::Menu => "Records",
        P::Title => "Record of processing activities",
        P::Intro => {
            "What the privacy law (Art. 30) asks the shop to keep: what customer data is held, why, who sees it, how long it stays and how it is protected. Strongroom writes it from what it knows; the shop adds what only it knows, below. Print it for the auditor, or take the JSON file."
        }
        P::Denied => "Only the owner, the privacy officer and the external auditor see the record of processing.",
        P::Controller => "Who is responsible",
        P::Contact => "Privacy contact:",
        P::Law => "The law that applies",
        P::Authority => "Supervisory authority:",
        P::Purposes => "Why customer data is used",
        P::Subjects => "Whose data",
        P::DataMap => "What is kept, who sees it, how long",
        P::Field => "What",
        P::Category => "Category",
        P::WhoSees => "Who sees it",
        P::Kept => "How long",
        P::Special => "special category",
        P::Places => "Other places customer data lives",
        P::Processors => "Companies that handle customer data for the shop",
        P::NoneEntered => "None entered yet.",
        P::Contract => "agreement:",
        P::Security => "How it is protected",
        P::Backups => "Backups are kept at most this many days:",
        P::Print => "Print",
        P::Json => "JSON file",
        P::LawLink => "The law that applies",
        P::EditTitle => "What only the shop knows",
        P::ContactLabel => "Who to contact about privacy (name, e-mail or phone)",
        P::PlacesLabel => "Other places customer data lives",
        P::PlacesHint => {
            "One per line: name | what it holds | how it is protected. For example: Till | names and amounts | locked office, own password"
        }
        P::ProcessorsLabel => "Companies that handle customer data for the shop",
        P::ProcessorsHint => {
            "One per line: name | what they do | where the data is | agreement (date or reference). For example: Mollie | card payments | Netherlands | signed 2025-03-01"
        }
        P::Save => "Save",
        P::LawTitle => "The law that applies",
        P::LawIntro => {
            "The rules for the shop's country as Strongroom knows them, each with its source and the day it was last checked. A starting point for you and your adviser, not legal advice: laws change."
        }
        P::LawUnknown => "Strongroom has no rules yet for the shop's country:",
        P::OtherCountries => "Other countries",
        P::PrivacyLaw => "Privacy law",
        P::NationalAct => "National act",
        P::BreachReport => "A data breach is reported to",
        P::AmlLaw => "Anti-money-laundering law",
        P::AmlRule => "Identity check",
        P::AmlKeep => "Identity records kept (years after the sale)",
        P::TaxKeep => "Sales records kept for tax (years after the end of the year)",
        P::Checked => "Last checked",
        P::MarketingTitle => "Marketing list",
        P::MarketingIntro => {
            "The customers who said yes to being contacted on a channel, and have not taken it back, with their contact for it: a CSV file for your mail program. Whoever withdraws is off the next list at once. Each customer on it is recorded as a disclosure. The file holds personal data: delete it after use."
        }
        P::MarketingDenied => "Only the owner and the privacy officer make the marketing list.",
        P::Channel => "Channel",
        P::ChannelEmail => "E-mail",
        P::ChannelSms => "Text message",
        P::ChannelPost => "Post",
        P::ChannelPhone => "Phone",
        P::Download => "Download the list (CSV)",
        P::ReviewTitle => "Customers to review",
        P::ReviewIntro => {
            "Customers with no sale, no workshop job and no change for a long time: keep each one with a reason (they come back on this list after a year), or erase them (what the law requires is kept, as with an erasure request). Years without anything before a customer is listed:"
        }
        P::ReviewNone => "No customer is due for a review.",
        P::ReviewDone => "Saved.",
        P::LastVisit => "Last sale or job:",
        P::Never => "none",
        P::KeepReason => "Why keep them",
        P::Keep => "Keep for a year",
        P::EraseNow => "Erase for good",
        P::BackToRequests => "Customers' requests",
        P::NoticeTitle => "Privacy notice",
        P::NoticeIntro => {
            "What the shop tells customers about their data, at the counter and on the website, in English and Dutch. Strongroom drafts it from the record of processing; have your legal adviser read and change it, then save it with a version and the day they reviewed it."
        }
        P::NoticeText => "The text",
        P::Version => "Version",
        P::ReviewedOn => "Reviewed by our adviser on",
        P::IsDraft => "This is Strongroom's draft: nothing has been saved yet.",
        P::StartAgain => "Start again from the draft",
        P::English => "English",
        P::Dutch => "Dutch",
    }
}

fn nl(word: P) -> &'static str {
    match word {
        P::Menu => "Register",
        P::Title => "Register van verwerkingsactiviteiten",
        P::Intro => {
            "Wat de privacywet (art. 30) de winkel vraagt bij te houden: welke klantgegevens er zijn, waarom, wie ze ziet, hoe lang ze blijven en hoe ze beschermd zijn. Strongroom schrijft uit wat het weet; de winkel vult hieronder aan wat alleen zij weet. Druk het af voor de auditor, of neem het JSON-bestand."
        }
        P::Denied => "Alleen de eigenaar, de privacyfunctionaris en de externe auditor zien het verwerkingsregister.",
        P::Controller => "Wie verantwoordelijk is",
        P::Contact => "Contact over privacy:",
        P::Law => "De wet die geldt",
        P::Authority => "Toezichthouder:",
        P::Purposes => "Waarom klantgegevens worden gebruikt",
        P::Subjects => "Van wie de gegevens zijn",
        P::DataMap => "Wat er wordt bewaard, wie het ziet, hoe lang",
        P::Field => "Wat",
        P::Category => "Categorie",
        P::WhoSees => "Wie het ziet",
        P::Kept => "Hoe lang",
        P::Special => "bijzonder persoonsgegeven",
        P::Places => "Andere plaatsen met klantgegevens",
        P::Processors => "Bedrijven die klantgegevens voor de winkel verwerken",
        P::NoneEntered => "Nog niets ingevuld.",
        P::Contract => "overeenkomst:",
        P::Security => "Hoe het beschermd is",
        P::Backups => "Back-ups worden hoogstens zoveel dagen bewaard:",
        P::Print => "Afdrukken",
        P::Json => "JSON-bestand",
        P::LawLink => "De wet die geldt",
        P::EditTitle => "Wat alleen de winkel weet",
        P::ContactLabel => "Wie te benaderen over privacy (naam, e-mail of telefoon)",
        P::PlacesLabel => "Andere plaatsen met klantgegevens",
        P::PlacesHint => {
            "Eén per regel: naam | wat er staat | hoe het beschermd is. Bijvoorbeeld: Kassa | namen en bedragen | afgesloten kantoor, eigen wachtwoord"
        }
        P::ProcessorsLabel => "Bedrijven die klantgegevens voor de winkel verwerken",
        P::ProcessorsHint => {
            "Eén per regel: naam | wat ze doen | waar de gegevens staan | overeenkomst (datum of kenmerk). Bijvoorbeeld: Mollie | kaartbetalingen | Nederland | getekend 2025-03-01"
        }
        P::Save => "Opslaan",
        P::LawTitle => "De wet die geldt",
        P::LawIntro => {
            "De regels voor het land van de winkel zoals Strongroom ze kent, elk met de bron en de dag waarop ze het laatst zijn nagekeken. Een vertrekpunt voor u en uw adviseur, geen juridisch advies: wetten veranderen."
        }
        P::LawUnknown => "Strongroom heeft nog geen regels voor het land van de winkel:",
        P::OtherCountries => "Andere landen",
        P::PrivacyLaw => "Privacywet",
        P::NationalAct => "Nationale wet",
        P::BreachReport => "Een datalek wordt gemeld bij",
        P::AmlLaw => "Witwaswet",
        P::AmlRule => "Identiteitscontrole",
        P::AmlKeep => "Identificatiegegevens bewaard (jaren na de verkoop)",
        P::TaxKeep => "Verkoopgegevens bewaard voor de belasting (jaren na het einde van het jaar)",
        P::Checked => "Laatst nagekeken",
        P::MarketingTitle => "Marketinglijst",
        P::MarketingIntro => {
            "De klanten die ja zeiden tegen contact via een kanaal, en dat niet hebben ingetrokken, met hun gegevens daarvoor: een CSV-bestand voor uw mailprogramma. Wie intrekt, staat meteen niet meer op de volgende lijst. Elke klant erop wordt vastgelegd als verstrekking. Het bestand bevat persoonsgegevens: wis het na gebruik."
        }
        P::MarketingDenied => "Alleen de eigenaar en de privacyfunctionaris maken de marketinglijst.",
        P::Channel => "Kanaal",
        P::ChannelEmail => "E-mail",
        P::ChannelSms => "Sms",
        P::ChannelPost => "Post",
        P::ChannelPhone => "Telefoon",
        P::Download => "De lijst downloaden (CSV)",
        P::ReviewTitle => "Klanten om na te lopen",
        P::ReviewIntro => {
            "Klanten zonder verkoop, werkplaatsopdracht of wijziging al lange tijd: bewaar hun gegevens met een reden (ze komen na een jaar terug op deze lijst), of wis ze (wat de wet vraagt blijft bewaard, zoals bij een verzoek om wissen). Aantal jaren zonder activiteit voordat een klant op de lijst komt:"
        }
        P::ReviewNone => "Er hoeft geen klant te worden nagelopen.",
        P::ReviewDone => "Opgeslagen.",
        P::LastVisit => "Laatste verkoop of opdracht:",
        P::Never => "geen",
        P::KeepReason => "Waarom bewaren",
        P::Keep => "Een jaar bewaren",
        P::EraseNow => "Definitief wissen",
        P::BackToRequests => "Verzoeken van klanten",
        P::NoticeTitle => "Privacyverklaring",
        P::NoticeIntro => {
            "Wat de winkel klanten vertelt over hun gegevens, aan de balie en op de website, in het Engels en het Nederlands. Strongroom maakt een opzet uit het verwerkingsregister; laat uw juridisch adviseur die lezen en aanpassen, en sla de tekst dan op met een versie en de dag van die controle."
        }
        P::NoticeText => "De tekst",
        P::Version => "Versie",
        P::ReviewedOn => "Gecontroleerd door onze adviseur op",
        P::IsDraft => "Dit is de opzet van Strongroom: er is nog niets opgeslagen.",
        P::StartAgain => "Opnieuw beginnen vanaf de opzet",
        P::English => "Engels",
        P::Dutch => "Nederlands",
    }
}

/// A field of the data map in the person's language (`record` and `field` as the domain names
/// them; `english` is the domain's description).
pub(super) fn field_text(language: Language, record: &str, field: &str, english: &'static str) -> &'static str {
    if language == Language::En {
        return english;
    }
    match (record, field) {
        ("customer", "name") => "Volledige naam zoals de klant die schrijft",
        ("customer", "email") => "E-mailadres",
        ("customer", "phone") => "Telefoonnummer (E.164)",
        ("customer", "address") => "Postadres",
        ("customer", "birth_date") => "Geboortedatum",
        ("customer", "partner") => "Koppeling met de echtgenoot of partner van de klant",
        ("customer", "anniversary") => "Trouw- of relatiedag",
        ("customer", "ring_sizes") => "Ringmaten per vinger",
        ("customer", "metal_allergies") => "Metaalallergieën (gezondheidsgegevens, AVG art. 9)",
        ("customer", "style_notes") => "Stijlvoorkeuren",
        ("customer", "wish_list") => "Verlanglijstje",
        ("customer", "preferred_associate") => "Vaste verkoper",
        ("customer", "marketing_consent") => "Toestemming voor marketing per kanaal, met de versie van de tekst en het tijdstip",
        ("customer", "notes") => "Notities van het personeel over de klant",
        ("purchase", "items") => "Gekochte artikelen: omschrijving, metaal, stenen, certificaatnummers",
        ("purchase", "engraving") => "Tekst van de gravure",
        ("purchase", "payment") => "Betalingskenmerk: token van de betaalprovider, merk, laatste vier cijfers, vervaldatum",
        ("purchase", "note") => "Notitie van de winkel bij een verkoop",
        ("sale_correction", "reason") => "Waarom een verkoop is geannuleerd of terugbetaald",
        ("repair", "item_description") => "Het artikel van de klant zoals het is ingenomen",
        ("repair", "condition") => "Staat bij inname",
        ("repair", "valuation") => "Taxatie van het artikel van de klant",
        ("repair", "estimate") => "De prijs die de winkel bij inname schatte",
        ("repair", "deposit") => "De aanbetaling bij inname",
        ("aml_record", "document_type") => "Soort legitimatiebewijs",
        ("aml_record", "document_number") => "Nummer van het legitimatiebewijs",
        ("aml_record", "document_country") => "Land dat het legitimatiebewijs uitgaf",
        ("aml_record", "verified_by") => "Medewerker die het legitimatiebewijs controleerde",
        ("aml_record", "transaction_reference") => "Kenmerk van de transactie waarvoor de controle nodig was",
        ("aml_record", "holder_name") => "Naam van de geïdentificeerde persoon, bewaard met het gegeven, ook na het wissen",
        ("aml_record", "holder_birth_date") => "Geboortedatum van de geïdentificeerde persoon, als die bekend is",
        _ => english,
    }
}

/// What a purpose of access means, in the person's language (the shop's own as written).
pub(super) fn purpose_text(language: Language, label: &str, english: &str) -> String {
    let dutch = match label {
        "sale" => "de klant helpen bij een verkoop",
        "repair" => "een reparatie, taxatie of maatwerkopdracht voor de klant",
        "customer_request" => "de eigen vraag of het AVG-verzoek van de klant beantwoorden",
        "aftercare" => "garantie, verstellen, reinigen of terugbellen zoals beloofd",
        "compliance" => "een wettelijke plicht: witwaswet, belasting, een verzoek van een toezichthouder",
        "security_incident" => "een vermoedelijk datalek onderzoeken",
        "data_quality" => "de gegevens juist houden: een dubbele klant samenvoegen, een vergissing herstellen",
        "legal_claim" => {
            "een rechtsvordering instellen, uitoefenen of onderbouwen: waarvoor een beperkt dossier opengaat (AVG art. 18 lid 2); de identificatiegegevens ervan gaan ook open voor een wettelijke plicht"
        }
        "marketing" => {
            "klanten benaderen die daar toestemming voor gaven, via de kanalen die ze kozen (toestemming, AVG art. 6 lid 1 onder a)"
        }
        _ if english == strongroom_app::OWN_PURPOSE => "een eigen doel van de winkel",
        _ => return english.to_owned(),
    };
    if language == Language::Nl { dutch.to_owned() } else { english.to_owned() }
}

/// How long a kind of record stays, in the person's language.
pub(super) fn kept_text(language: Language, record: &str, tax_years: u8, tax_source: &str) -> String {
    match (language, record) {
        (Language::En, "customer") => "until the customer is erased (at their request)".to_owned(),
        (Language::Nl, "customer") => "tot de klant wordt gewist (op eigen verzoek)".to_owned(),
        (Language::En, "purchase" | "sale_correction") => format!(
            "with the customer; after an erasure, amounts, dates, items and payment references stay {tax_years} years after the end of the year of the sale ({tax_source})"
        ),
        (Language::Nl, "purchase" | "sale_correction") => format!(
            "met de klant; na het wissen blijven bedragen, datums, artikelen en betalingskenmerken {tax_years} jaar na het einde van het jaar van de verkoop ({})",
            tax_source_nl(tax_source)
        ),
        (Language::En, "repair") => "with the customer; deleted with an erasure".to_owned(),
        (Language::Nl, "repair") => "met de klant; verwijderd als de klant wordt gewist".to_owned(),
        (Language::En, _) => "five years after the transaction (anti-money-laundering law), then deleted by itself".to_owned(),
        (Language::Nl, _) => "vijf jaar na de transactie (witwaswet), daarna vanzelf gewist".to_owned(),
    }
}

/// Whose data, in the person's language.
pub(super) fn subjects(language: Language) -> [&'static str; 2] {
    match language {
        Language::En => ["customers (and the partners they name)", "the shop's staff (their accounts and what they did)"],
        Language::Nl => ["klanten (en de partners die ze noemen)", "het personeel van de winkel (hun accounts en wat ze deden)"],
    }
}

/// The security measures in force (Art. 30(1)(g)), from the settings, in the person's language.
pub(super) fn security_lines(language: Language, policy: &strongroom_app::PolicySummary) -> Vec<String> {
    let second_factor = policy.second_factor_required;
    match language {
        Language::En => vec![
            "Every personal field is encrypted on its own (AES-256-GCM-SIV) under the customer's own key, itself encrypted under the shop's master key; searches use keyed blind indexes, never plaintext.".to_owned(),
            "Every read and change of customer data passes one gate that checks the person's role and records it in an audit trail whose signed checkpoints show any rewrite.".to_owned(),
            "Staff roles give the least access the work needs; the workshop sees a customer's name and phone only.".to_owned(),
            if second_factor {
                "A second factor (an authenticator app or a passkey) is required of every account that sees customer data.".to_owned()
            } else {
                "A second factor is NOT required (the shop relaxed this default): a stolen password is enough to sign in.".to_owned()
            },
            format!("Sessions end after {} minutes without use and {} hours after sign-in.", policy.idle_timeout_minutes, policy.session_hours),
            format!("An account locks after {} failed sign-ins; sensitive actions ask for the password again after {} minutes.", policy.lockout_after_failures, policy.step_up_minutes),
            "The pages are served over HTTPS only (TLS 1.2 or 1.3).".to_owned(),
            "Backups are encrypted, kept outside the data directory, read through to check them, and restored in drills.".to_owned(),
        ],
        Language::Nl => vec![
            "Elk persoonsgegeven is apart versleuteld (AES-256-GCM-SIV) met de eigen sleutel van de klant, die zelf versleuteld is met de hoofdsleutel van de winkel; zoeken gaat via blinde indexen met een geheime sleutel, nooit via leesbare tekst.".to_owned(),
            "Elke inzage en wijziging van klantgegevens gaat door één poort die de rol van de persoon controleert en het vastlegt in een logboek waarvan de ondertekende controlepunten elke herschrijving laten zien.".to_owned(),
            "Rollen geven het personeel niet meer toegang dan het werk vraagt; de werkplaats ziet alleen de naam en het telefoonnummer van een klant.".to_owned(),
            if second_factor {
                "Een tweede factor (een authenticator-app of een passkey) is verplicht voor elk account dat klantgegevens ziet.".to_owned()
            } else {
                "Een tweede factor is NIET verplicht (de winkel heeft deze standaard versoepeld): een gestolen wachtwoord is genoeg om in te loggen.".to_owned()
            },
            format!("Sessies eindigen na {} minuten zonder gebruik en {} uur na het inloggen.", policy.idle_timeout_minutes, policy.session_hours),
            format!("Een account gaat op slot na {} mislukte inlogpogingen; gevoelige handelingen vragen na {} minuten opnieuw om het wachtwoord.", policy.lockout_after_failures, policy.step_up_minutes),
            "De pagina's gaan alleen over HTTPS (TLS 1.2 of 1.3).".to_owned(),
            "Back-ups zijn versleuteld, staan buiten de gegevensmap, worden nagelezen om ze te controleren en worden bij oefeningen teruggezet.".to_owned(),
        ],
    }
}

/// Where a tax term comes from, in the person's language (the law's names stay as they are).
pub(super) fn tax_source(language: Language, source: &'static str) -> &'static str {
    if language == Language::Nl { tax_source_nl(source) } else { source }
}

fn tax_source_nl(source: &str) -> &str {
    if source == strongroom_domain::SET_BY_SHOP { "ingesteld door de winkel (strongroom.toml)" } else { source }
}
