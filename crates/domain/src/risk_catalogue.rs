//! The risks a jeweler starts the register with, in English and Dutch: the starter catalogue
//! (phishing, ransomware, a stolen laptop, an insider, a wrong recipient, social engineering, a
//! compromised webshop or supplier) and the risks Strongroom proposes from what it knows of the
//! shop (no recent backup, accounts without a second factor, weak devices, open incidents, the
//! customer records it holds). Each comes with a likelihood and impact to start from, the
//! reasons, a treatment and measures; the owner adopts it and makes it the shop's own.

use time::Date;

use crate::risk::{Risk, Treatment};
use crate::staff::Language;

/// One entry: its id, its starting ratings and treatment, and its words in each language:
/// title, asset, threat, why that likelihood, why that impact, the measures.
#[derive(Debug)]
pub struct CatalogueRisk {
    pub id: &'static str,
    /// Whether Strongroom proposes it from what it found (`proposed:…`), rather than the starter list.
    pub proposed: bool,
    pub likelihood: u8,
    pub impact: u8,
    pub treatment: Treatment,
    en: [&'static str; 6],
    nl: [&'static str; 6],
}

impl CatalogueRisk {
    pub fn title(&self, language: Language) -> &'static str {
        self.words(language)[0]
    }

    fn words(&self, language: Language) -> &[&'static str; 6] {
        match language {
            Language::En => &self.en,
            Language::Nl => &self.nl,
        }
    }

    /// The risk as the shop adopts it, in `language`, reviewed `today`.
    pub fn risk(&self, language: Language, today: Date) -> Risk {
        let [title, asset, threat, likelihood_reason, impact_reason, measures] = *self.words(language);
        Risk {
            source: self.id.to_owned(),
            title: title.to_owned(),
            asset: asset.to_owned(),
            threat: threat.to_owned(),
            likelihood: self.likelihood,
            likelihood_reason: likelihood_reason.to_owned(),
            impact: self.impact,
            impact_reason: impact_reason.to_owned(),
            treatment: self.treatment,
            measures: measures.to_owned(),
            owner: String::new(),
            reviewed_on: today,
        }
    }
}

pub fn catalogue_risk(id: &str) -> Option<&'static CatalogueRisk> {
    RISK_CATALOGUE.iter().find(|entry| entry.id == id)
}

pub const RISK_CATALOGUE: &[CatalogueRisk] = &[
    CatalogueRisk {
        id: "phishing",
        proposed: false,
        likelihood: 4,
        impact: 4,
        treatment: Treatment::Reduce,
        en: [
            "Phishing of staff",
            "Staff accounts: Strongroom's, the shop's mail, the webshop and the bank",
            "Someone opens a fake parcel notice, invoice or \"account locked\" mail and types a password into a fake page",
            "Small shops get such mails every week, and one click is enough",
            "A stolen password opens what that account may see, customer records included",
            "Monthly training and phishing drills; a second factor on every account; the report button; a password manager that fills in only on the real site",
        ],
        nl: [
            "Phishing van personeel",
            "Accounts van personeel: die van Strongroom, de winkelmail, de webshop en de bank",
            "Iemand opent een nep-pakketbericht, -factuur of \"account geblokkeerd\"-mail en typt een wachtwoord in op een neppagina",
            "Kleine winkels krijgen zulke mails elke week, en één klik is genoeg",
            "Een gestolen wachtwoord opent wat dat account mag zien, klantdossiers ook",
            "Maandelijkse training en phishingoefeningen; een tweede factor op elk account; de meldknop; een wachtwoordbeheerder die alleen op de echte site invult",
        ],
    },
    CatalogueRisk {
        id: "ransomware",
        proposed: false,
        likelihood: 3,
        impact: 5,
        treatment: Treatment::Reduce,
        en: [
            "Ransomware on the back-office PC",
            "The back-office PC and everything it reaches: the till, the shared folders, the backups it can write to",
            "Criminals encrypt the files and threaten to publish customer data unless the shop pays",
            "It comes in through phishing and unpatched programs, which small shops often have",
            "The shop stands still, and customer data may be published",
            "Updates within 14 days; a virus scanner; backups kept where the PC cannot overwrite them, with restore drills; no admin rights for daily work",
        ],
        nl: [
            "Ransomware op de pc achter in de winkel",
            "De pc achter in de winkel en alles wat die bereikt: de kassa, gedeelde mappen, de back-ups waar hij naar kan schrijven",
            "Criminelen versleutelen de bestanden en dreigen klantgegevens te publiceren tenzij de winkel betaalt",
            "Het komt binnen via phishing en programma's zonder updates, die kleine winkels vaak hebben",
            "De winkel ligt stil, en klantgegevens kunnen op straat komen",
            "Updates binnen 14 dagen; een virusscanner; back-ups waar de pc ze niet kan overschrijven, met hersteloefeningen; geen beheerdersrechten voor dagelijks werk",
        ],
    },
    CatalogueRisk {
        id: "stolen_laptop",
        proposed: false,
        likelihood: 3,
        impact: 4,
        treatment: Treatment::Reduce,
        en: [
            "A stolen laptop",
            "A laptop with mail, exports or the shop's passwords on it",
            "The laptop is stolen from the car, at a fair or in a break-in",
            "Laptops travel to fairs, suppliers and home",
            "What is on its disk is readable unless the disk is encrypted",
            "Disk encryption (BitLocker, FileVault); no exports kept on it; a screen lock; the device list kept current so the loss is reported in time",
        ],
        nl: [
            "Een gestolen laptop",
            "Een laptop met mail, exports of de wachtwoorden van de winkel erop",
            "De laptop wordt gestolen uit de auto, op een beurs of bij een inbraak",
            "Laptops gaan mee naar beurzen, leveranciers en naar huis",
            "Wat op de schijf staat, is leesbaar tenzij de schijf versleuteld is",
            "Schijfversleuteling (BitLocker, FileVault); geen exports erop bewaren; een schermvergrendeling; de apparatenlijst bijhouden zodat het verlies op tijd gemeld wordt",
        ],
    },
    CatalogueRisk {
        id: "insider",
        proposed: false,
        likelihood: 2,
        impact: 5,
        treatment: Treatment::Reduce,
        en: [
            "An insider copying high-value buyers",
            "The records of customers who buy expensive pieces",
            "A member of staff looks up and copies who buys what, for a competitor or for criminals",
            "Rare, but staff see customers every day",
            "A list of who owns valuable jewellery is a burglar's list",
            "Roles that show only what each job needs; a purpose asked for each record opened; the trail's \"who accessed\" looked at monthly; exports only by the owner",
        ],
        nl: [
            "Een medewerker die dure kopers kopieert",
            "De dossiers van klanten die dure stukken kopen",
            "Een medewerker zoekt op en kopieert wie wat koopt, voor een concurrent of voor criminelen",
            "Zeldzaam, maar personeel ziet elke dag klanten",
            "Een lijst van wie kostbare sieraden bezit, is een lijst voor inbrekers",
            "Rollen die alleen tonen wat elk werk nodig heeft; een doel gevraagd bij elk geopend dossier; maandelijks naar \"wie keek\" in het logboek kijken; exports alleen door de eigenaar",
        ],
    },
    CatalogueRisk {
        id: "wrong_recipient",
        proposed: false,
        likelihood: 3,
        impact: 2,
        treatment: Treatment::Reduce,
        en: [
            "A mail to the wrong recipient",
            "A customer's details, a receipt or a repair ticket",
            "A mail or attachment goes to the wrong address: a typo, or the address book's first match",
            "It happens in every office, usually under time pressure",
            "One customer's details reach a stranger: often a breach to record, sometimes to report",
            "Check the address before sending; no customer lists as attachments; report it at once with the report button",
        ],
        nl: [
            "Een mail naar de verkeerde ontvanger",
            "De gegevens van een klant, een bon of een reparatiebon",
            "Een mail of bijlage gaat naar het verkeerde adres: een tikfout, of de eerste treffer in het adresboek",
            "Het gebeurt in elk kantoor, meestal onder tijdsdruk",
            "De gegevens van één klant komen bij een vreemde: vaak een datalek om vast te leggen, soms om te melden",
            "Controleer het adres voor het verzenden; geen klantenlijsten als bijlage; meld het meteen met de meldknop",
        ],
    },
    CatalogueRisk {
        id: "social_engineering",
        proposed: false,
        likelihood: 3,
        impact: 3,
        treatment: Treatment::Reduce,
        en: [
            "Social engineering at the counter or by phone",
            "Customers' addresses and what they bought; the shop's bank details",
            "Someone posing as the police, a customer or a supplier asks for an address or changes bank details",
            "Jewelers are known targets, and a confident caller is convincing",
            "A customer's address given away, or a payment to a criminal's account",
            "Never give customer details by phone; call back on a number you know; bank changes confirmed in writing and by the owner; training on these calls",
        ],
        nl: [
            "Social engineering aan de toonbank of aan de telefoon",
            "Adressen van klanten en wat ze kochten; de bankgegevens van de winkel",
            "Iemand die zich voordoet als politie, klant of leverancier vraagt een adres of wijzigt bankgegevens",
            "Juweliers zijn bekende doelwitten, en een zelfverzekerde beller overtuigt",
            "Het adres van een klant weggegeven, of een betaling naar de rekening van een crimineel",
            "Geef nooit klantgegevens door aan de telefoon; bel terug op een nummer dat u kent; bankwijzigingen schriftelijk en door de eigenaar bevestigd; training op zulke gesprekken",
        ],
    },
    CatalogueRisk {
        id: "webshop_supplier",
        proposed: false,
        likelihood: 2,
        impact: 4,
        treatment: Treatment::Transfer,
        en: [
            "A compromised webshop or supplier",
            "Orders and customer accounts in the webshop; data shared with suppliers and processors",
            "The webshop platform, a plugin or a supplier is broken into, and the shop's customers' data goes with it",
            "It happens to platforms and plugins regularly; the shop does not control them",
            "Customers' details and orders in criminals' hands; the shop must notify",
            "A processor agreement with each; updates of the webshop and its plugins; a second factor on its admin; the processors listed in the record of processing",
        ],
        nl: [
            "Een gehackte webshop of leverancier",
            "Bestellingen en klantaccounts in de webshop; gegevens gedeeld met leveranciers en verwerkers",
            "Het webshopplatform, een plug-in of een leverancier wordt gehackt, en de gegevens van de klanten van de winkel gaan mee",
            "Het overkomt platforms en plug-ins regelmatig; de winkel heeft ze niet in de hand",
            "Gegevens en bestellingen van klanten in handen van criminelen; de winkel moet melden",
            "Een verwerkersovereenkomst met elk; updates van de webshop en zijn plug-ins; een tweede factor op het beheer; de verwerkers in het verwerkingsregister",
        ],
    },
    CatalogueRisk {
        id: "proposed:backups",
        proposed: true,
        likelihood: 3,
        impact: 5,
        treatment: Treatment::Reduce,
        en: [
            "Data lost without a backup to restore",
            "Every customer record, sale and repair in Strongroom",
            "A disk fails, ransomware strikes or the PC is stolen, and there is no recent backup or none was ever restored",
            "Strongroom found no good backup in the last days, or no restore drill",
            "Without a backup the shop's records are gone for good",
            "Daily backups to two folders, one away from the shop; a restore drill every quarter (the backups page)",
        ],
        nl: [
            "Gegevens kwijt zonder back-up om terug te zetten",
            "Elk klantdossier, elke verkoop en reparatie in Strongroom",
            "Een schijf gaat stuk, ransomware slaat toe of de pc wordt gestolen, en er is geen recente back-up of er is er nooit een teruggezet",
            "Strongroom vond geen goede back-up in de laatste dagen, of geen hersteloefening",
            "Zonder back-up zijn de gegevens van de winkel voorgoed weg",
            "Dagelijkse back-ups naar twee mappen, één buiten de winkel; elk kwartaal een hersteloefening (de back-uppagina)",
        ],
    },
    CatalogueRisk {
        id: "proposed:second_factor",
        proposed: true,
        likelihood: 4,
        impact: 4,
        treatment: Treatment::Reduce,
        en: [
            "A phished password opens customer data",
            "The customer records those accounts may see",
            "A password is phished or guessed, and no second factor stands in the way",
            "Strongroom found accounts that see customer data without a second factor",
            "Whoever has the password reads customer records as that person",
            "A second factor for every account that sees customer data (the staff page)",
        ],
        nl: [
            "Een gephist wachtwoord opent klantgegevens",
            "De klantdossiers die die accounts mogen zien",
            "Een wachtwoord wordt gephist of geraden, en geen tweede factor houdt het tegen",
            "Strongroom vond accounts die klantgegevens zien zonder tweede factor",
            "Wie het wachtwoord heeft, leest klantdossiers als die persoon",
            "Een tweede factor voor elk account dat klantgegevens ziet (de personeelspagina)",
        ],
    },
    CatalogueRisk {
        id: "proposed:devices",
        proposed: true,
        likelihood: 4,
        impact: 4,
        treatment: Treatment::Reduce,
        en: [
            "A weak device is the way in",
            "The shop's devices and what they hold",
            "A device without support, with old updates or with an exploited program is broken into",
            "Strongroom's device list flags devices with problems",
            "From one device, criminals reach the rest of the shop's network",
            "Replace what gets no updates; install updates within 14 days; encrypt disks with customer data (the devices page)",
        ],
        nl: [
            "Een zwak apparaat is de weg naar binnen",
            "De apparaten van de winkel en wat erop staat",
            "Een apparaat zonder ondersteuning, met oude updates of met een misbruikt programma wordt gehackt",
            "De apparatenlijst van Strongroom wijst apparaten met problemen aan",
            "Vanaf één apparaat bereiken criminelen de rest van het netwerk van de winkel",
            "Vervang wat geen updates krijgt; installeer updates binnen 14 dagen; versleutel schijven met klantgegevens (de apparatenpagina)",
        ],
    },
    CatalogueRisk {
        id: "proposed:computer",
        proposed: true,
        likelihood: 3,
        impact: 4,
        treatment: Treatment::Reduce,
        en: [
            "The computer Strongroom runs on is left open",
            "The computer Strongroom runs on, its key file and its backups",
            "A weakness the doctor found (no disk encryption, no firewall, old updates, an open data directory) is used to reach the data",
            "The doctor's last daily check found problems on this computer",
            "Whoever gets in there is one step from the shop's key and its records",
            "Fix what the check of this computer names, one problem at a time (the doctor's page)",
        ],
        nl: [
            "De computer waarop Strongroom draait, ligt open",
            "De computer waarop Strongroom draait, het sleutelbestand en de back-ups",
            "Een zwakte die de controle vond (geen schijfversleuteling, geen firewall, oude updates, een open gegevensmap) wordt gebruikt om bij de gegevens te komen",
            "De laatste dagelijkse controle vond problemen op deze computer",
            "Wie daar binnenkomt, is één stap van de sleutel en de dossiers van de winkel",
            "Verhelp wat de controle van deze computer noemt, één probleem tegelijk (de controlepagina)",
        ],
    },
    CatalogueRisk {
        id: "proposed:incidents",
        proposed: true,
        likelihood: 3,
        impact: 4,
        treatment: Treatment::Reduce,
        en: [
            "An incident not yet contained",
            "Whatever the open incidents touch",
            "An incident still open spreads or recurs while it waits",
            "Strongroom's incident register has open incidents",
            "Each day open can mean more data reached and a missed deadline to report",
            "Work the open incidents' steps; decide on a breach within 72 hours (the incident register)",
        ],
        nl: [
            "Een incident dat nog niet onder controle is",
            "Wat de open incidenten raken",
            "Een incident dat open blijft, breidt zich uit of komt terug terwijl het wacht",
            "Het incidentenregister van Strongroom heeft open incidenten",
            "Elke dag open kan meer bereikte gegevens en een gemiste meldtermijn betekenen",
            "Werk de stappen van de open incidenten af; beslis binnen 72 uur over een datalek (het incidentenregister)",
        ],
    },
    CatalogueRisk {
        id: "proposed:records",
        proposed: true,
        likelihood: 2,
        impact: 5,
        treatment: Treatment::Reduce,
        en: [
            "Theft of the customer records",
            "The customer records Strongroom holds, with identity records of cash sales",
            "The database and its key are taken together: a copied PC, a backup with its key beside it",
            "Strongroom seals every record, so only a theft with the key reads them",
            "Names, addresses, purchases and identity documents of many customers at once",
            "The key kept apart from the data and the backups (the doctor checks it); disk encryption; the recovery kit in the safe",
        ],
        nl: [
            "Diefstal van de klantdossiers",
            "De klantdossiers in Strongroom, met identiteitsgegevens van contante verkopen",
            "De database en de sleutel worden samen meegenomen: een gekopieerde pc, een back-up met de sleutel ernaast",
            "Strongroom versleutelt elk dossier, dus alleen een diefstal met de sleutel leest ze",
            "Namen, adressen, aankopen en identiteitsdocumenten van veel klanten tegelijk",
            "De sleutel apart van de gegevens en de back-ups (de controle kijkt ernaar); schijfversleuteling; de herstelkit in de kluis",
        ],
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_entry_is_a_valid_risk_in_both_languages() {
        let today = time::macros::date!(2026 - 12 - 06);
        let mut ids = std::collections::HashSet::new();
        for entry in RISK_CATALOGUE {
            assert!(ids.insert(entry.id), "{} twice", entry.id);
            assert_eq!(entry.proposed, entry.id.starts_with("proposed:"), "{}", entry.id);
            for language in [Language::En, Language::Nl] {
                let risk = entry.risk(language, today).checked().unwrap_or_else(|error| panic!("{}: {error}", entry.id));
                assert_eq!(risk.source, entry.id);
            }
            assert_ne!(entry.en, entry.nl, "{} has its Dutch", entry.id);
        }
        assert_eq!(RISK_CATALOGUE.iter().filter(|entry| !entry.proposed).count(), 7);
    }
}
