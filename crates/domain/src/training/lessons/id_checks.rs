//! The lesson of month 6 (issue 17): Identity checks for cash sales.

use super::super::course::{Lesson, Question, Words};
use crate::Role;

pub(in crate::training) const LESSON: Lesson = Lesson {
    id: "id-checks",
    month: 6,
    basics: false,
    roles: &[Role::Owner, Role::Manager, Role::Sales],
    title: Words { en: "Identity checks for cash sales", nl: "Identiteitscontrole bij contante verkoop" },
    summary: Words {
        en: "When a cash sale needs the buyer's identity checked, how to check a document and record it in Strongroom, and what to do when something does not feel right.",
        nl: "Wanneer je bij een contante verkoop de identiteit van de koper moet controleren, hoe je een legitimatiebewijs controleert en vastlegt in Strongroom, en wat je doet als iets niet goed voelt.",
    },
    body: &[
        Words {
            en: "Jewelry, gold and loose stones hold a lot of value in a small space, which makes them attractive to people who want to turn criminal money into something that looks clean. The law therefore asks jewelers to know who pays large amounts in cash. The check protects the shop too: a large cash sale without it can lead to a fine, and it can make the shop part of a crime without anyone in it knowing. You check the buyer's identity in these cases:",
            nl: "Sieraden, goud en losse stenen vertegenwoordigen veel waarde in een klein pakketje. Daardoor zijn ze aantrekkelijk voor mensen die crimineel geld willen witwassen. De wet vraagt juweliers daarom te weten wie grote bedragen contant betaalt. Die controle beschermt ook de winkel: een grote contante verkoop zonder controle kan een boete opleveren, en de winkel kan zo onderdeel worden van een misdrijf zonder dat iemand het doorheeft. Je controleert de identiteit van de koper in deze gevallen:",
        },
        Words {
            en: "- In the EU, a cash sale of EUR 10,000 or more needs the buyer identified.",
            nl: "- In de EU moet je bij een contante verkoop van EUR 10.000 of meer de koper identificeren.",
        },
        Words {
            en: "- In Germany, precious metals paid in cash need the check from EUR 2,000.",
            nl: "- In Duitsland geldt de controle voor edelmetaal dat contant wordt betaald al vanaf EUR 2.000.",
        },
        Words {
            en: "- Our shop may have set a lower limit of its own. That is the limit you follow; ask the owner if you do not know it.",
            nl: "- Onze winkel kan een eigen, lagere grens hebben ingesteld. Die grens volg jij; vraag het aan de eigenaar als je hem niet weet.",
        },
        Words {
            en: "- Payments that belong together count together. A necklace paid with EUR 6,000 in cash today and EUR 5,000 in cash next week is one sale of EUR 11,000.",
            nl: "- Betalingen die bij elkaar horen, tellen bij elkaar op. Een collier waarvoor vandaag EUR 6.000 contant en volgende week EUR 5.000 contant wordt betaald, is één verkoop van EUR 11.000.",
        },
        Words {
            en: "Ask for the original document: a valid passport or identity card, or another document the owner has said is accepted. A photo or a copy on the customer's phone is not enough. Check three things: does the photo match the person in front of you, is the document still valid, and does it look genuine and undamaged? The document belongs to the person who pays, not to a partner waiting outside.",
            nl: "Vraag om het originele document: een geldig paspoort of een geldige identiteitskaart, of een ander document waarvan de eigenaar heeft gezegd dat het mag. Een foto of kopie op de telefoon van de klant is niet genoeg. Controleer drie dingen: lijkt de foto op de persoon die voor je staat, is het document nog geldig, en ziet het er echt en onbeschadigd uit? Het document is van de persoon die betaalt, niet van een partner die buiten wacht.",
        },
        Words {
            en: "Record the check in Strongroom, with the sale: the document type and number, the scan, and your name as the person who checked it. Do not put a photocopy in a folder, and never take a photo with your own phone: that copy would sit outside the shop's protection, in your photos and perhaps in your phone's online backup. Strongroom keeps the record for five years, as the law requires, and then deletes it. Even if the customer asks us to erase their data, this record stays until the five years are over.",
            nl: "Leg de controle vast in Strongroom, bij de verkoop: het soort document en het nummer, de scan, en jouw naam als degene die het heeft gecontroleerd. Stop geen kopie in een map, en maak nooit een foto met je eigen telefoon: die kopie staat dan buiten de beveiliging van de winkel, tussen je foto's en misschien in de online back-up van je telefoon. Strongroom bewaart de vastlegging vijf jaar, zoals de wet vraagt, en verwijdert haar daarna. Ook als de klant vraagt zijn gegevens te wissen, blijft deze vastlegging tot de vijf jaar voorbij zijn.",
        },
        Words {
            en: "Watch for warning signs: a customer who refuses to show an ID or gets angry when asked, who wants to split one purchase into smaller cash payments to stay under the limit, or who pays for someone else who stays in the background. If a buyer will not be identified, the cash sale above the limit cannot go ahead. When something seems wrong, do not say so to the customer and do not hint at the police or a report: the law forbids warning a customer that they may be reported. Stay friendly, say you need to check something with a colleague, and tell the owner quietly. The owner decides what happens next.",
            nl: "Let op signalen: een klant die weigert zich te legitimeren of boos wordt als je erom vraagt, die één aankoop wil opknippen in kleinere contante betalingen om onder de grens te blijven, of die betaalt voor iemand anders die op de achtergrond blijft. Wil een koper zich niet laten identificeren, dan kan de contante verkoop boven de grens niet doorgaan. Lijkt er iets niet te kloppen, zeg dat dan niet tegen de klant en zinspeel niet op de politie of een melding: de wet verbiedt je een klant te waarschuwen dat hij gemeld kan worden. Blijf vriendelijk, zeg dat je even iets moet overleggen met een collega, en vertel het de eigenaar rustig. De eigenaar beslist wat er daarna gebeurt.",
        },
    ],
    questions: &[
        Question {
            ask: Words {
                en: "Our shop in the Netherlands has no lower limit of its own. A customer wants to pay exactly EUR 10,000 in cash for an engagement ring. Do you check her identity?",
                nl: "Onze winkel in Nederland heeft geen eigen, lagere grens. Een klant wil precies EUR 10.000 contant betalen voor een verlovingsring. Controleer je haar identiteit?",
            },
            options: &[
                Words { en: "No: the check is only needed above EUR 10,000.", nl: "Nee: de controle is pas nodig boven EUR 10.000." },
                Words {
                    en: "Yes: the check is needed from EUR 10,000, so this sale too.",
                    nl: "Ja: de controle is nodig vanaf EUR 10.000, dus ook bij deze verkoop.",
                },
                Words { en: "Only if she is not a regular customer.", nl: "Alleen als ze geen vaste klant is." },
            ],
            right: 1,
            why: Words {
                en: "The EU rule applies to cash sales of EUR 10,000 or more, so exactly EUR 10,000 counts. Being a regular customer does not change the rule.",
                nl: "De EU-regel geldt voor contante verkopen van EUR 10.000 of meer, dus precies EUR 10.000 telt mee. Dat iemand een vaste klant is, verandert niets aan de regel.",
            },
        },
        Question {
            ask: Words {
                en: "A customer pays EUR 7,000 in cash for a bracelet and says he will come back tomorrow with EUR 4,000 in cash for the matching earrings. What do you do?",
                nl: "Een klant betaalt EUR 7.000 contant voor een armband en zegt dat hij morgen terugkomt met EUR 4.000 contant voor de bijpassende oorbellen. Wat doe je?",
            },
            options: &[
                Words {
                    en: "Check his identity now: the payments belong together and count as one sale of EUR 11,000.",
                    nl: "Nu zijn identiteit controleren: de betalingen horen bij elkaar en tellen als één verkoop van EUR 11.000.",
                },
                Words { en: "No check: each payment is under the limit.", nl: "Geen controle: elke betaling blijft onder de grens." },
                Words { en: "Check it tomorrow, if he actually comes back.", nl: "Het morgen controleren, als hij echt terugkomt." },
            ],
            right: 0,
            why: Words {
                en: "Linked payments for one purchase count as one sale, so this is a cash sale of EUR 11,000. Check it at the first payment, when you already know the two belong together.",
                nl: "Betalingen die bij één aankoop horen, tellen als één verkoop, dus dit is een contante verkoop van EUR 11.000. Controleer bij de eerste betaling, nu je al weet dat de twee bij elkaar horen.",
            },
        },
        Question {
            ask: Words {
                en: "For a large cash sale, the buyer shows you a photo of her passport on her phone. What do you do?",
                nl: "Bij een grote contante verkoop laat de koper een foto van haar paspoort op haar telefoon zien. Wat doe je?",
            },
            options: &[
                Words {
                    en: "Accept it if the picture is sharp and the name matches.",
                    nl: "Het goedkeuren als de foto scherp is en de naam klopt.",
                },
                Words {
                    en: "Ask her to mail the photo to the shop, so there is a copy.",
                    nl: "Haar vragen de foto naar de winkel te mailen, dan is er een kopie.",
                },
                Words {
                    en: "Ask for the original document, because a photo on a phone is not enough.",
                    nl: "Om het originele document vragen, want een foto op een telefoon is niet genoeg.",
                },
            ],
            right: 2,
            why: Words {
                en: "Only the original document lets you check that it is valid, genuine and belongs to the person in front of you. A mailed photo adds a copy of an ID to the shop's mail, where it does not belong.",
                nl: "Alleen met het originele document kun je nagaan of het geldig en echt is en bij de persoon voor je hoort. Een gemailde foto zet bovendien een kopie van een identiteitsbewijs in de mail van de winkel, waar die niet hoort.",
            },
        },
        Question {
            ask: Words {
                en: "Where does the copy of the buyer's ID go?",
                nl: "Waar komt de kopie van het legitimatiebewijs van de koper?",
            },
            options: &[
                Words { en: "In a folder in the safe.", nl: "In een map in de kluis." },
                Words { en: "In Strongroom, with the sale, and nowhere else.", nl: "In Strongroom, bij de verkoop, en nergens anders." },
                Words {
                    en: "On your own phone first, to upload it later when it is quiet.",
                    nl: "Eerst op je eigen telefoon, om het later als het rustig is te uploaden.",
                },
                Words {
                    en: "In a mail to the owner from the shop's mail account.",
                    nl: "In een mail aan de eigenaar vanuit het mailaccount van de winkel.",
                },
            ],
            right: 1,
            why: Words {
                en: "Strongroom protects the record, notes who checked it and deletes it after five years. A paper copy, a photo on a phone or a mail is a second copy that nobody protects or deletes.",
                nl: "Strongroom beveiligt de vastlegging, houdt bij wie de controle deed en verwijdert haar na vijf jaar. Een papieren kopie, een foto op een telefoon of een mail is een tweede kopie die niemand beveiligt of opruimt.",
            },
        },
        Question {
            ask: Words {
                en: "A buyer pays a large amount in cash, keeps looking at a man outside who handed him the money, and gets nervous when you ask for his ID. What do you do?",
                nl: "Een koper betaalt een groot bedrag contant, kijkt steeds naar een man buiten die hem het geld gaf, en wordt zenuwachtig als je om zijn legitimatie vraagt. Wat doe je?",
            },
            options: &[
                Words {
                    en: "Tell him this looks suspicious and that you may have to report it.",
                    nl: "Zeggen dat dit er verdacht uitziet en dat je het misschien moet melden.",
                },
                Words {
                    en: "Ask the man outside to come in and show his ID too.",
                    nl: "De man buiten vragen binnen te komen en zich ook te legitimeren.",
                },
                Words {
                    en: "Go ahead with the sale: the money is real, so it is none of our business.",
                    nl: "De verkoop gewoon doen: het geld is echt, dus het gaat ons niet aan.",
                },
                Words {
                    en: "Stay friendly and normal, say you need to check something with a colleague, and tell the owner quietly.",
                    nl: "Vriendelijk en gewoon blijven, zeggen dat je iets moet overleggen met een collega, en het de eigenaar rustig vertellen.",
                },
            ],
            right: 3,
            why: Words {
                en: "Paying for someone in the background and nerves about an ID are warning signs, and the law forbids warning a customer that they may be reported. The owner decides what happens next.",
                nl: "Betalen voor iemand op de achtergrond en zenuwen bij een legitimatie zijn signalen, en de wet verbiedt je een klant te waarschuwen dat hij gemeld kan worden. De eigenaar beslist wat er daarna gebeurt.",
            },
        },
        Question {
            ask: Words {
                en: "How long is the record of an identity check kept?",
                nl: "Hoe lang bewaren we de vastlegging van een identiteitscontrole?",
            },
            options: &[
                Words { en: "Five years, and then Strongroom deletes it.", nl: "Vijf jaar, en daarna verwijdert Strongroom haar." },
                Words { en: "Until the customer asks us to erase their data.", nl: "Tot de klant vraagt zijn gegevens te wissen." },
                Words {
                    en: "For good, in case the police ever ask for it.",
                    nl: "Voor altijd, voor het geval de politie er ooit om vraagt.",
                },
            ],
            right: 0,
            why: Words {
                en: "The law requires the record to be kept for five years, even if the customer asks for erasure before then. After that it has no purpose, so Strongroom deletes it.",
                nl: "De wet verplicht ons de vastlegging vijf jaar te bewaren, ook als de klant eerder om wissen vraagt. Daarna heeft ze geen doel meer, dus verwijdert Strongroom haar.",
            },
        },
    ],
    pass_percent: 80,
};
