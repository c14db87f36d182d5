//! Short, dated security tips for jewelers, one for each month of the year, in English and
//! Dutch: the news panel shows the month's tip even when no feed can be reached (issue 16).
//! Each says when it was written, so an old tip is seen as old.

use time::Date;

use crate::staff::Language;

#[derive(Debug)]
pub struct Tip {
    /// The month it is for, 1 to 12.
    pub month: u8,
    /// When it was written, YYYY-MM-DD.
    pub written: &'static str,
    en: (&'static str, &'static str),
    nl: (&'static str, &'static str),
}

impl Tip {
    /// Its title and text in `language`.
    pub fn words(&self, language: Language) -> (&'static str, &'static str) {
        match language {
            Language::En => self.en,
            Language::Nl => self.nl,
        }
    }
}

/// The tip for `today`'s month.
pub fn tip_for(today: Date) -> &'static Tip {
    let month = u8::from(today.month());
    TIPS.iter().find(|tip| tip.month == month).unwrap_or(&TIPS[0])
}

pub const TIPS: &[Tip] = &[
    Tip {
        month: 1,
        written: "2026-11-20",
        en: (
            "Start the year with a restore drill",
            "Restore last night's backup on the backups page. A backup that was never restored is a hope, not a backup.",
        ),
        nl: (
            "Begin het jaar met een hersteloefening",
            "Zet de back-up van vannacht terug op de back-uppagina. Een back-up die nooit is teruggezet, is een hoop, geen back-up.",
        ),
    },
    Tip {
        month: 2,
        written: "2026-11-20",
        en: (
            "Fake invoices before the tax deadline",
            "Criminals send invoices that look like your suppliers'. Check a new bank account number by phone, on a number you already had.",
        ),
        nl: (
            "Nepfacturen voor de belastingaangifte",
            "Criminelen sturen facturen die op die van uw leveranciers lijken. Controleer een nieuw rekeningnummer telefonisch, op een nummer dat u al had.",
        ),
    },
    Tip {
        month: 3,
        written: "2026-11-20",
        en: (
            "Change the default passwords",
            "The router, the card terminal and the camera system often still have their factory passwords. Change them and keep the new ones in a password manager.",
        ),
        nl: (
            "Verander de standaardwachtwoorden",
            "De router, de pinautomaat en het camerasysteem hebben vaak nog hun fabriekswachtwoord. Verander ze en bewaar de nieuwe in een wachtwoordbeheerder.",
        ),
    },
    Tip {
        month: 4,
        written: "2026-11-20",
        en: (
            "The quarterly review",
            "Go through the security desk with someone: the doctor, the devices, the risks due for review. Record it on the audits page.",
        ),
        nl: (
            "De kwartaalcontrole",
            "Loop het beveiligingsbureau met iemand door: de controle, de apparaten, de risico's die aan de beurt zijn. Leg het vast op de auditpagina.",
        ),
    },
    Tip {
        month: 5,
        written: "2026-11-20",
        en: (
            "\"The police\" on the phone",
            "Nobody gets a customer's address or purchases by phone, whoever they say they are. Ask for a written request and call back on the official number.",
        ),
        nl: (
            "\"De politie\" aan de telefoon",
            "Niemand krijgt aan de telefoon het adres of de aankopen van een klant, wie die ook zegt te zijn. Vraag om een schriftelijk verzoek en bel terug op het officiële nummer.",
        ),
    },
    Tip {
        month: 6,
        written: "2026-11-20",
        en: (
            "Before the summer fairs",
            "A laptop that goes to a fair needs an encrypted disk, a screen lock and no customer exports on it.",
        ),
        nl: (
            "Voor de zomerbeurzen",
            "Een laptop die mee naar een beurs gaat, heeft een versleutelde schijf, een schermvergrendeling en geen klantexports erop nodig.",
        ),
    },
    Tip {
        month: 7,
        written: "2026-11-20",
        en: (
            "Holiday cover",
            "Whoever stands in for you needs their own account, not yours. Disable accounts of temporary staff the day they leave.",
        ),
        nl: (
            "Vakantievervanging",
            "Wie u vervangt, heeft een eigen account nodig, niet het uwe. Zet accounts van tijdelijk personeel uit op de dag dat ze vertrekken.",
        ),
    },
    Tip {
        month: 8,
        written: "2026-11-20",
        en: (
            "Updates after the holidays",
            "Devices that were off for weeks have updates waiting. Install them before the shop is busy again.",
        ),
        nl: (
            "Updates na de vakantie",
            "Apparaten die weken uit stonden, hebben updates klaarstaan. Installeer ze voordat het weer druk wordt.",
        ),
    },
    Tip {
        month: 9,
        written: "2026-11-20",
        en: ("Who still has access?", "Look at the staff page and the shop's other accounts: anyone who left should have nothing left."),
        nl: (
            "Wie heeft er nog toegang?",
            "Kijk naar de personeelspagina en de andere accounts van de winkel: wie vertrok, hoort niets meer te hebben.",
        ),
    },
    Tip {
        month: 10,
        written: "2026-11-20",
        en: (
            "Cyber security month",
            "Run a phishing drill and talk it through with everyone: the one who clicked learns most when nobody is blamed.",
        ),
        nl: (
            "Maand van de cyberveiligheid",
            "Houd een phishingoefening en bespreek die met iedereen: wie klikte, leert het meest als niemand de schuld krijgt.",
        ),
    },
    Tip {
        month: 11,
        written: "2026-11-20",
        en: (
            "Parcel notices before the holidays",
            "Fake parcel and payment notices peak now. Nobody needs to pay customs or re-enter card details through a link in a message.",
        ),
        nl: (
            "Pakketberichten voor de feestdagen",
            "Nep-pakket- en betaalberichten pieken nu. Niemand hoeft via een link in een bericht invoerrechten te betalen of kaartgegevens opnieuw in te voeren.",
        ),
    },
    Tip {
        month: 12,
        written: "2026-11-20",
        en: ("The busiest weeks", "Keep the counter PC locked when you step away, and never write a card number down, however busy it is."),
        nl: ("De drukste weken", "Vergrendel de kassa-pc als u wegloopt, en schrijf nooit een kaartnummer op, hoe druk het ook is."),
    },
];

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;

    #[test]
    fn every_month_has_its_tip_in_both_languages() {
        for month in 1..=12u8 {
            let tip = TIPS.iter().find(|tip| tip.month == month).unwrap_or_else(|| panic!("no tip for month {month}"));
            assert_ne!(tip.en, tip.nl, "{month}");
            assert!(crate::parse_date("written", tip.written).is_ok());
        }
        assert_eq!(tip_for(date!(2026 - 12 - 06)).month, 12);
    }
}
