//! The phishing drills' practice mails (issue 17): three built-in templates a jewelry shop's
//! staff would meet (a parcel notice, a supplier's invoice, an account about to be locked), each
//! in English and Dutch, with `{name}` for the person's name and `{link}` for their own link on
//! a line of its own, and the clues the teaching page shows after a click.

use super::course::Words;

/// A practice phishing mail.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct DrillTemplate {
    pub id: &'static str,
    /// What the owner picks it by.
    pub name: Words,
    pub subject: Words,
    /// The text, with `{name}` and `{link}`.
    pub body: Words,
    /// What gave it away, for the teaching page.
    pub clues: &'static [Words],
}

impl DrillTemplate {
    /// The mail's text for `name` with `link`, in `language`.
    pub fn text(&self, language: &str, name: &str, link: &str) -> String {
        self.body.get(language).replace("{name}", name).replace("{link}", link)
    }
}

/// The built-in drills.
pub const DRILL_TEMPLATES: &[DrillTemplate] = &[
    DrillTemplate {
        id: "parcel",
        name: Words { en: "A parcel that could not be delivered", nl: "Een pakket dat niet bezorgd kon worden" },
        subject: Words { en: "Your parcel is waiting: confirm delivery today", nl: "Je pakket ligt klaar: bevestig vandaag de bezorging" },
        body: Words {
            en: "Dear {name},\n\nWe tried to deliver a parcel for the shop today but nobody signed for it. It will be returned to the sender tomorrow unless you confirm a new delivery time and pay the small redelivery fee of EUR 1.99:\n\n{link}\n\nKind regards,\nParcel Service Customer Care",
            nl: "Beste {name},\n\nWe hebben vandaag geprobeerd een pakket voor de winkel te bezorgen, maar niemand heeft getekend. Morgen gaat het terug naar de afzender, tenzij je een nieuw bezorgmoment kiest en de kleine herbezorgkosten van EUR 1,99 betaalt:\n\n{link}\n\nMet vriendelijke groet,\nKlantenservice Pakketdienst",
        },
        clues: &[
            Words { en: "Hurry: the parcel goes back tomorrow.", nl: "Haast: het pakket gaat morgen terug." },
            Words {
                en: "A small payment for a delivery, asked for by mail.",
                nl: "Een klein bedrag voor een bezorging, gevraagd per mail.",
            },
            Words {
                en: "No tracking number and no name of a real carrier.",
                nl: "Geen trackingnummer en geen naam van een echte vervoerder.",
            },
            Words {
                en: "The link does not go to a carrier's own website.",
                nl: "De link gaat niet naar de eigen website van een vervoerder.",
            },
        ],
    },
    DrillTemplate {
        id: "invoice",
        name: Words { en: "A supplier's invoice with new bank details", nl: "Een factuur van een leverancier met nieuwe bankgegevens" },
        subject: Words { en: "Overdue invoice and our new bank account", nl: "Openstaande factuur en ons nieuwe rekeningnummer" },
        body: Words {
            en: "Hello {name},\n\nOur records show that the invoice for your last order of gold and stones is overdue. Please note that our bank account has changed. The invoice with the new account details is here:\n\n{link}\n\nPlease pay today to avoid a hold on your next delivery.\n\nAccounts department",
            nl: "Hallo {name},\n\nVolgens onze administratie staat de factuur van jullie laatste bestelling goud en stenen nog open. Let op: ons rekeningnummer is gewijzigd. De factuur met de nieuwe gegevens staat hier:\n\n{link}\n\nBetaal vandaag om te voorkomen dat de volgende levering wordt vastgehouden.\n\nAfdeling debiteuren",
        },
        clues: &[
            Words { en: "New bank details, announced by mail.", nl: "Nieuwe bankgegevens, aangekondigd per mail." },
            Words {
                en: "Pressure: pay today or the next delivery is held.",
                nl: "Druk: vandaag betalen of de volgende levering wordt vastgehouden.",
            },
            Words {
                en: "No invoice number, no order and no person you know.",
                nl: "Geen factuurnummer, geen bestelling en geen persoon die je kent.",
            },
            Words {
                en: "A change of bank account is checked by calling the supplier on the number you already have.",
                nl: "Een nieuw rekeningnummer controleer je door de leverancier te bellen op het nummer dat je al hebt.",
            },
        ],
    },
    DrillTemplate {
        id: "locked",
        name: Words { en: "An account that will be locked", nl: "Een account dat geblokkeerd wordt" },
        subject: Words {
            en: "Action required: your account will be locked in 24 hours",
            nl: "Actie vereist: je account wordt over 24 uur geblokkeerd",
        },
        body: Words {
            en: "Dear {name},\n\nWe noticed an unusual sign-in to your account. For your security it will be locked in 24 hours unless you confirm your details:\n\n{link}\n\nThank you,\nThe Security Team",
            nl: "Beste {name},\n\nWe zagen een ongebruikelijke aanmelding op je account. Voor je veiligheid wordt het over 24 uur geblokkeerd, tenzij je je gegevens bevestigt:\n\n{link}\n\nDank je,\nHet beveiligingsteam",
        },
        clues: &[
            Words { en: "A threat with a deadline: locked in 24 hours.", nl: "Een dreiging met een termijn: over 24 uur geblokkeerd." },
            Words {
                en: "It does not say which account, or who sends it.",
                nl: "Er staat niet bij welk account het gaat, of wie het stuurt.",
            },
            Words {
                en: "It asks you to confirm your details through a link.",
                nl: "Het vraagt je je gegevens via een link te bevestigen.",
            },
            Words {
                en: "A real warning is checked by opening the site yourself, never through the mail's link.",
                nl: "Een echte waarschuwing controleer je door de site zelf te openen, nooit via de link in de mail.",
            },
        ],
    },
];

/// The built-in drill with `id`.
pub fn drill_template(id: &str) -> Option<&'static DrillTemplate> {
    DRILL_TEMPLATES.iter().find(|template| template.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_drill_has_its_link_on_a_line_of_its_own_in_both_languages() {
        assert_eq!(DRILL_TEMPLATES.len(), 3);
        for template in DRILL_TEMPLATES {
            for language in ["en", "nl"] {
                let text = template.text(language, "anna", "https://shop.example/drill/abc");
                assert!(text.lines().any(|line| line == "https://shop.example/drill/abc"), "{}: {text}", template.id);
                assert!(text.contains("anna") && !text.contains('{'), "{}", template.id);
            }
            assert_ne!(template.subject.en, template.subject.nl);
            assert!(template.clues.len() >= 3 && template.clues.iter().all(|clue| clue.en != clue.nl));
        }
        assert!(drill_template("parcel").is_some() && drill_template("nope").is_none());
    }
}
