//! The letters a breach needs, drafted from its record in English or Dutch: to the supervisory
//! authority (the fields of the Dutch AP's and the UK ICO's forms), to the customers affected
//! (plain words, one letter that names no one: the greeting is filled in per customer when it is
//! sent), and to the staff. What the record does not hold yet is left as `[…]` for the owner to
//! write; the authority's letter then says the rest follows in phases (Art. 33(4)).

use strongroom_domain::{Actor, BreachRecord, BreachType, DomainError, IncidentId, IncidentKind, Language, Permission};
use time::OffsetDateTime;

use crate::{AppError, Vault};

/// Whom a letter is for.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Audience {
    Authority,
    Customers,
    Staff,
}

impl Audience {
    pub fn as_str(&self) -> &'static str {
        match self {
            Audience::Authority => "authority",
            Audience::Customers => "customers",
            Audience::Staff => "staff",
        }
    }

    pub fn parse(input: &str) -> Result<Audience, DomainError> {
        match input.trim().to_ascii_lowercase().as_str() {
            "authority" => Ok(Audience::Authority),
            "customers" => Ok(Audience::Customers),
            "staff" => Ok(Audience::Staff),
            _ => Err(DomainError::invalid("to", "must be authority, customers or staff")),
        }
    }
}

/// The supervisory authority of the shop's country, and where to notify it.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Authority {
    pub name: &'static str,
    pub web: &'static str,
}

/// The authority for a country (ISO 3166 code); the EDPB's list for the others.
pub fn supervisory_authority(country: &str) -> Authority {
    let (name, web) = match country {
        "NL" => ("Autoriteit Persoonsgegevens", "https://www.autoriteitpersoonsgegevens.nl"),
        "BE" => ("Gegevensbeschermingsautoriteit / Autorité de protection des données", "https://www.gegevensbeschermingsautoriteit.be"),
        "GB" => ("Information Commissioner's Office (ICO)", "https://ico.org.uk"),
        "IE" => ("Data Protection Commission", "https://www.dataprotection.ie"),
        "FR" => ("Commission nationale de l'informatique et des libertés (CNIL)", "https://www.cnil.fr"),
        "LU" => ("Commission nationale pour la protection des données (CNPD)", "https://cnpd.public.lu"),
        "DE" => ("the data protection authority of the shop's Land", "https://www.bfdi.bund.de"),
        "AT" => ("Datenschutzbehörde", "https://www.dsb.gv.at"),
        _ => ("the shop's national supervisory authority", "https://www.edpb.europa.eu/about-edpb/about-edpb/members_en"),
    };
    Authority { name, web }
}

/// A drafted letter, for the owner to read, change and send.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Letter {
    pub audience: Audience,
    pub language: Language,
    pub subject: String,
    pub body: String,
    pub authority: Authority,
}

/// `[…]` in the letter's language, around what the owner still has to write.
fn blank(language: Language, en: &str, nl: &str) -> String {
    format!("[{}]", pick(language, en, nl))
}

fn pick<'a>(language: Language, en: &'a str, nl: &'a str) -> &'a str {
    match language {
        Language::En => en,
        Language::Nl => nl,
    }
}

/// One numbered item of the authority's letter: `5. Label: value.`
fn item(number: u8, label: &str, value: &str) -> String {
    format!("{number}. {label} {value}.")
}

fn what(language: Language, kind: IncidentKind) -> &'static str {
    match (kind, language) {
        (IncidentKind::Phishing, Language::En) => "a phishing attack: a staff member's sign-in details were taken by a fake message",
        (IncidentKind::Phishing, Language::Nl) => {
            "een phishingaanval: inloggegevens van een medewerker zijn via een nepbericht buitgemaakt"
        }
        (IncidentKind::LostDevice, Language::En) => "a lost or stolen device",
        (IncidentKind::LostDevice, Language::Nl) => "een verloren of gestolen apparaat",
        (IncidentKind::Ransomware, Language::En) => "ransomware on one of the shop's computers",
        (IncidentKind::Ransomware, Language::Nl) => "ransomware op een van de computers van de winkel",
        (IncidentKind::WrongRecipient, Language::En) => "customer data sent to the wrong person",
        (IncidentKind::WrongRecipient, Language::Nl) => "klantgegevens die naar de verkeerde persoon zijn gestuurd",
        (IncidentKind::SuspiciousRequest, Language::En) => "customer data given out after a false request",
        (IncidentKind::SuspiciousRequest, Language::Nl) => "klantgegevens die na een vals verzoek zijn afgegeven",
        (IncidentKind::Insider, Language::En) => "customer data looked up or taken without a reason by someone with access to it",
        (IncidentKind::Insider, Language::Nl) => {
            "klantgegevens die zonder reden zijn ingezien of meegenomen door iemand die er toegang toe had"
        }
        (IncidentKind::StolenStock, Language::En) => "a theft from the shop in which customer data were taken too",
        (IncidentKind::StolenStock, Language::Nl) => "een diefstal uit de winkel waarbij ook klantgegevens zijn meegenomen",
        (IncidentKind::Other, Language::En) => "a security incident",
        (IncidentKind::Other, Language::Nl) => "een beveiligingsincident",
    }
}

fn breach_types(language: Language, types: &[BreachType]) -> String {
    let name = |kind: &BreachType| match (kind, language) {
        (BreachType::Confidentiality, Language::En) => "confidentiality (data seen by people who should not have them)",
        (BreachType::Confidentiality, Language::Nl) => "vertrouwelijkheid (gegevens gezien door wie dat niet mocht)",
        (BreachType::Integrity, Language::En) => "integrity (data changed without authority)",
        (BreachType::Integrity, Language::Nl) => "integriteit (gegevens zonder recht veranderd)",
        (BreachType::Availability, Language::En) => "availability (data lost or out of reach)",
        (BreachType::Availability, Language::Nl) => "beschikbaarheid (gegevens verloren of onbereikbaar)",
    };
    if types.is_empty() {
        blank(language, "which of these", "welke hiervan")
    } else {
        types.iter().map(name).collect::<Vec<_>>().join("; ")
    }
}

/// What the letters are drafted from.
pub(super) struct Facts<'a> {
    pub id: IncidentId,
    pub kind: IncidentKind,
    pub occurred_at: Option<OffsetDateTime>,
    pub breach: Option<&'a BreachRecord>,
    pub shop: &'a str,
    pub address: Option<&'a str>,
    pub phone: Option<&'a str>,
    pub authority: Authority,
    /// A moment as the letter's reader writes it: their language, the shop's time zone.
    pub when: &'a dyn Fn(OffsetDateTime) -> String,
    /// The severity band proposes telling the people (High and up).
    pub tell_people: bool,
}

pub(super) fn draft(facts: &Facts<'_>, audience: Audience, language: Language) -> Letter {
    let (subject, body) = match audience {
        Audience::Authority => authority_letter(facts, language),
        Audience::Customers => customers_letter(facts, language),
        Audience::Staff => staff_letter(facts, language),
    };
    Letter { audience, language, subject, body, authority: facts.authority }
}

/// The authority's letter's address line and items 1 to 8: who, what, when, which breach,
/// which data, how many, what it means, what was done.
fn authority_items(facts: &Facts<'_>, l: Language) -> Vec<String> {
    let breach = facts.breach;
    let text =
        |value: Option<&strongroom_domain::FreeText>, en: &str, nl: &str| value.map_or_else(|| blank(l, en, nl), |v| v.as_str().to_owned());
    let count = |value: Option<u64>| value.map_or_else(|| blank(l, "number", "aantal"), |n| n.to_string());
    let aware = breach.map_or_else(|| blank(l, "date and time", "datum en tijd"), |b| (facts.when)(b.became_aware_at));
    let happened =
        facts.occurred_at.map_or_else(|| blank(l, "date and time, or since when", "datum en tijd, of sinds wanneer"), facts.when);
    vec![
        format!("{} {} ({})", pick(l, "To:", "Aan:"), facts.authority.name, facts.authority.web),
        String::new(),
        format!(
            "1. {} {}{}{}. {} {}",
            pick(l, "Controller:", "Verwerkingsverantwoordelijke:"),
            facts.shop,
            facts.address.map(|a| format!(", {a}")).unwrap_or_default(),
            facts.phone.map(|p| format!(", {p}")).unwrap_or_default(),
            pick(l, "Contact person:", "Contactpersoon:"),
            blank(l, "name, phone and e-mail", "naam, telefoon en e-mail")
        ),
        format!(
            "2. {} {}. {}",
            pick(l, "What happened:", "Wat er gebeurde:"),
            what(l, facts.kind),
            blank(
                l,
                "a few sentences on what happened and how it was found",
                "een paar zinnen over wat er gebeurde en hoe het ontdekt werd"
            )
        ),
        format!(
            "3. {} {}; {} {}.",
            pick(l, "It happened:", "Het gebeurde:"),
            happened,
            pick(l, "we became aware on", "wij ontdekten het op"),
            aware
        ),
        item(4, pick(l, "Nature of the breach:", "Aard van het lek:"), &breach_types(l, breach.map_or(&[], |b| &b.types))),
        item(
            5,
            pick(l, "Personal data concerned:", "Betrokken persoonsgegevens:"),
            &text(breach.and_then(|b| b.data_categories.as_ref()), "kinds of personal data", "soorten persoonsgegevens"),
        ),
        format!(
            "6. {} {} {}, {} {}.",
            pick(l, "Approximately:", "Ongeveer:"),
            count(breach.and_then(|b| b.people)),
            pick(l, "people", "personen"),
            count(breach.and_then(|b| b.records)),
            pick(l, "records", "records")
        ),
        item(
            7,
            pick(l, "Likely consequences:", "Waarschijnlijke gevolgen:"),
            &text(breach.and_then(|b| b.consequences.as_ref()), "for the people concerned", "voor de betrokkenen"),
        ),
        item(
            8,
            pick(l, "Measures taken or proposed:", "Genomen of voorgestelde maatregelen:"),
            &text(breach.and_then(|b| b.measures.as_ref()), "what was done", "wat er gedaan is"),
        ),
    ]
}

fn authority_letter(facts: &Facts<'_>, l: Language) -> (String, String) {
    let breach = facts.breach;
    let text =
        |value: Option<&strongroom_domain::FreeText>, en: &str, nl: &str| value.map_or_else(|| blank(l, en, nl), |v| v.as_str().to_owned());
    let mut lines = authority_items(facts, l);
    // Items 1 and 2 always leave the owner something to write; the record's own facts are 3 to 8.
    let facts_missing = lines[4..].iter().any(|line| line.contains('['));
    if breach.is_some_and(BreachRecord::unintelligible) {
        lines.push(format!(
            "9. {}",
            pick(
                l,
                "The data were encrypted and the key was not taken; we therefore do not intend to inform the people concerned individually (Art. 34(3)(a)).",
                "De gegevens waren versleuteld en de sleutel is niet meegenomen; daarom lichten wij de betrokkenen niet afzonderlijk in (art. 34 lid 3 onder a).",
            )
        ));
    } else if facts.tell_people {
        lines.push(format!(
            "9. {}",
            pick(l, "We are informing the people concerned (Art. 34).", "Wij lichten de betrokkenen in (art. 34).")
        ));
    }
    if let Some(b) = breach.filter(|b| b.late(b.notified_at.unwrap_or_else(OffsetDateTime::now_utc))) {
        lines.push(format!(
            "10. {} {}.",
            pick(l, "Reason for notifying after 72 hours:", "Reden van melden na 72 uur:"),
            text(b.delay_reason.as_ref(), "the reason", "de reden")
        ));
    }
    let mut body = lines.join("\n");
    if facts_missing {
        body.push_str("\n\n");
        body.push_str(pick(
            l,
            "Not all information is available yet; we will provide the rest as soon as we have it (Art. 33(4)).",
            "Nog niet alle informatie is bekend; wij vullen de melding aan zodra wij die hebben (art. 33 lid 4).",
        ));
    }
    body.push_str(&format!("\n\n{} {}", pick(l, "Our reference:", "Ons kenmerk:"), facts.id));
    let subject =
        format!("{} – {}", pick(l, "Personal data breach notification (GDPR Art. 33)", "Melding datalek (AVG art. 33)"), facts.shop);
    (subject, body)
}

fn customers_letter(facts: &Facts<'_>, l: Language) -> (String, String) {
    let breach = facts.breach;
    let text =
        |value: Option<&strongroom_domain::FreeText>, en: &str, nl: &str| value.map_or_else(|| blank(l, en, nl), |v| v.as_str().to_owned());
    let aware = breach.map_or_else(|| blank(l, "date", "datum"), |b| (facts.when)(b.became_aware_at));
    let phone = facts.phone.map_or_else(|| blank(l, "phone number", "telefoonnummer"), str::to_owned);
    let body = [
        format!("{} {},", pick(l, "Dear", "Beste"), blank(l, "name", "naam")),
        String::new(),
        format!(
            "{} {} {} {}. {}",
            pick(l, "We are writing to tell you about", "Wij schrijven u over"),
            what(l, facts.kind),
            pick(l, "at our shop, which we found out about on", "bij onze winkel, die wij ontdekten op"),
            aware,
            pick(l, "We are sorry this happened.", "Het spijt ons dat dit is gebeurd.")
        ),
        String::new(),
        format!("{} {}", pick(l, "What happened:", "Wat er gebeurde:"), blank(l, "in plain words", "in gewone woorden")),
        format!(
            "{} {}",
            pick(l, "What it means for you:", "Wat het voor u betekent:"),
            text(
                breach.and_then(|b| b.consequences.as_ref()),
                "for example mails or calls that use your name",
                "bijvoorbeeld mails of telefoontjes die uw naam gebruiken"
            )
        ),
        format!(
            "{} {}",
            pick(l, "What we have done:", "Wat wij gedaan hebben:"),
            text(breach.and_then(|b| b.measures.as_ref()), "what the shop did", "wat de winkel deed")
        ),
        format!(
            "{} {}",
            pick(l, "What you can do:", "Wat u kunt doen:"),
            pick(
                l,
                "be careful with mails, text messages and calls that mention a purchase or a repair at our shop and ask for payment, passwords or other details. We will never ask you for your card details or a password.",
                "wees voorzichtig met mails, sms'jes en telefoontjes die een aankoop of reparatie bij onze winkel noemen en om betaling, wachtwoorden of andere gegevens vragen. Wij vragen u nooit om uw kaartgegevens of een wachtwoord.",
            )
        ),
        String::new(),
        format!(
            "{} {} ({}). {} {} ({}).",
            pick(l, "If you have questions, call us:", "Heeft u vragen, bel ons:"),
            facts.shop,
            phone,
            pick(l, "You may also complain to", "U kunt ook een klacht indienen bij"),
            facts.authority.name,
            facts.authority.web
        ),
        String::new(),
        pick(l, "Kind regards,", "Met vriendelijke groet,").to_owned(),
        facts.shop.to_owned(),
    ]
    .join("\n");
    (format!("{} {}", pick(l, "About your personal data at", "Over uw persoonsgegevens bij"), facts.shop), body)
}

fn staff_letter(facts: &Facts<'_>, l: Language) -> (String, String) {
    let aware = facts.breach.map_or_else(|| blank(l, "date", "datum"), |b| (facts.when)(b.became_aware_at));
    let body = [
        format!("{} {},", pick(l, "To everyone at", "Aan iedereen bij"), facts.shop),
        String::new(),
        format!(
            "{} {} {} {}. {}",
            pick(l, "On", "Op"),
            aware,
            pick(l, "we found", "ontdekten wij"),
            what(l, facts.kind),
            blank(l, "what happened, in a few words", "wat er gebeurde, in een paar woorden")
        ),
        String::new(),
        pick(l, "What to do now:", "Wat je nu doet:").to_owned(),
        format!(
            "- {}",
            pick(
                l,
                "Do not discuss it with customers or outsiders; send every question to the owner.",
                "Praat er niet over met klanten of buitenstaanders; stuur elke vraag door naar de eigenaar."
            )
        ),
        format!(
            "- {}",
            pick(
                l,
                "Be extra careful with mails, calls and visitors asking about customers, and report anything strange at once with \"Report a problem\".",
                "Wees extra voorzichtig met mails, telefoontjes en bezoekers die naar klanten vragen, en meld alles wat vreemd is meteen met \"Probleem melden\".",
            )
        ),
        format!("- {}", blank(l, "anything else staff must do, such as changing a password", "wat het personeel verder moet doen, zoals een wachtwoord veranderen")),
        String::new(),
        pick(l, "Thank you,", "Dank je,").to_owned(),
        facts.shop.to_owned(),
    ]
    .join("\n");
    (pick(l, "Security incident: what to do now", "Beveiligingsincident: wat je nu doet").to_owned(), body)
}

impl Vault {
    /// Drafts a letter about an incident (its reading recorded as any reading of the incident),
    /// its moments written by `when` (the letter's language, the shop's time zone: the app
    /// knows neither's way of writing a time).
    pub fn incident_letter(
        &self,
        actor: &Actor,
        id: IncidentId,
        audience: Audience,
        language: Language,
        when: &dyn Fn(OffsetDateTime) -> String,
    ) -> Result<Letter, AppError> {
        self.require(actor, Permission::IncidentManage, strongroom_domain::AuditAction::IncidentRead, None)?;
        let file = self.incident(actor, id)?;
        let incident = &file.incident;
        let facts = Facts {
            id,
            kind: incident.kind,
            occurred_at: incident.occurred_at,
            breach: incident.breach.as_ref(),
            shop: self.shop_name(),
            address: self.shop_contact.address.as_deref(),
            phone: self.shop_contact.phone.as_deref(),
            authority: supervisory_authority(self.settings().default_country.code()),
            when,
            tell_people: incident.severity.is_some_and(|severity| severity.band().proposes_telling_people()),
        };
        Ok(draft(&facts, audience, language))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use strongroom_domain::FreeText;

    fn facts(breach: Option<&BreachRecord>) -> Facts<'_> {
        Facts {
            id: IncidentId::from_uuid(uuid::Uuid::nil()),
            kind: IncidentKind::LostDevice,
            occurred_at: None,
            breach,
            shop: "Juwelier Goud",
            address: Some("Kalverstraat 1, Amsterdam"),
            phone: Some("020 123 4567"),
            authority: supervisory_authority("NL"),
            when: &|at| format!("{} {:02}:{:02} UTC", at.date(), at.hour(), at.minute()),
            tell_people: true,
        }
    }

    #[test]
    fn the_authority_letter_names_the_authority_and_leaves_blanks_for_what_is_not_known() {
        let aware = OffsetDateTime::from_unix_timestamp(1_700_000_000).unwrap(); // November 2023: long past its 72 hours
        let mut breach = BreachRecord { people: Some(35), ..BreachRecord::aware_at(aware) };
        let letter = draft(&facts(Some(&breach)), Audience::Authority, Language::Nl);
        assert!(letter.body.contains("Autoriteit Persoonsgegevens") && letter.body.contains("Ongeveer: 35 personen"), "{}", letter.body);
        assert!(letter.body.contains("art. 33 lid 4"), "blanks remain, so the rest follows in phases");
        assert!(letter.subject.starts_with("Melding datalek"));
        breach.data_encrypted = Some(true);
        breach.key_taken = Some(false);
        breach.measures = Some(FreeText::parse("measures", "Remote wipe").unwrap());
        let letter = draft(&facts(Some(&breach)), Audience::Authority, Language::En);
        assert!(letter.body.contains("Art. 34(3)(a)") && letter.body.contains("Remote wipe"), "{}", letter.body);
        assert!(letter.body.contains("Reason for notifying after 72 hours"), "it is long past 72 hours: {}", letter.body);
        assert_eq!(supervisory_authority("GB").web, "https://ico.org.uk");
    }

    #[test]
    fn the_customer_letter_names_nobody_and_every_letter_exists_in_both_languages() {
        let letter = draft(&facts(None), Audience::Customers, Language::En);
        assert!(letter.body.starts_with("Dear [name],"), "the greeting is filled in per customer: {}", letter.body);
        assert!(letter.body.contains("020 123 4567") && letter.body.contains("never ask you for your card details"));
        for audience in [Audience::Authority, Audience::Customers, Audience::Staff] {
            assert_eq!(Audience::parse(audience.as_str()).unwrap(), audience);
            let (en, nl) = (draft(&facts(None), audience, Language::En), draft(&facts(None), audience, Language::Nl));
            assert_ne!(en.body, nl.body);
            assert!(!en.subject.is_empty() && !nl.subject.is_empty());
        }
        assert!(Audience::parse("press").is_err());
    }
}
