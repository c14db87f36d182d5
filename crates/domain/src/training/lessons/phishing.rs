//! The lesson of month 1 (issue 17): Phishing and fake invoices.

use super::super::course::{Lesson, Question, Words};

pub(in crate::training) const LESSON: Lesson = Lesson {
    id: "phishing",
    month: 1,
    basics: true,
    roles: &[],
    title: Words { en: "Phishing and fake invoices", nl: "Phishing en valse facturen" },
    summary: Words {
        en: "How to recognise a mail or message that pretends to come from a supplier, the bank, a parcel service or Strongroom, how to check it, and what to do if you clicked.",
        nl: "Hoe je een mail of bericht herkent dat zich voordoet als een leverancier, de bank, een pakketdienst of Strongroom, hoe je het controleert en wat je doet als je toch hebt geklikt.",
    },
    body: &[
        Words {
            en: "Phishing is a mail, text or chat message that pretends to come from someone you trust, so that you click a link, open an attachment, type in a password or pay money. Criminals like to try it on jewelers: they know a jewelry shop pays its suppliers large sums and keeps a list of customers who own valuable things. The message may look as if it comes from the bank, a parcel service, the company behind the card terminal, a supplier of gold or stones, or even from Strongroom itself.",
            nl: "Phishing is een mail, sms of chatbericht dat zich voordoet als iemand die je vertrouwt, zodat je op een link klikt, een bijlage opent, een wachtwoord intypt of geld overmaakt. Criminelen proberen het graag bij juweliers: ze weten dat een juwelier grote bedragen aan zijn leveranciers betaalt en een lijst bijhoudt van klanten met waardevolle spullen. Het bericht kan eruitzien alsof het van de bank komt, van een pakketdienst, van het bedrijf achter de pinautomaat, van een leverancier van goud of edelstenen, of zelfs van Strongroom zelf.",
        },
        Words {
            en: "A trick aimed at shops is the fake invoice. A mail that looks exactly like one from your supplier of gold says their bank details have changed and asks you to pay the open invoice to the new account. The logo, the signature and the invoice number can all be right, and sometimes the mail really comes from the supplier's own mail account, because criminals broke into it. Money paid to the wrong account is usually gone for good.",
            nl: "Een truc die op winkels is gericht, is de valse factuur. Een mail die precies lijkt op die van je goudleverancier meldt dat hun rekeningnummer is veranderd en vraagt je de openstaande factuur naar de nieuwe rekening over te maken. Het logo, de ondertekening en het factuurnummer kunnen allemaal kloppen, en soms komt de mail echt uit het mailaccount van de leverancier, omdat criminelen daarin hebben ingebroken. Geld dat naar de verkeerde rekening is gegaan, ben je meestal voorgoed kwijt.",
        },
        Words { en: "Look out for these warning signs:", nl: "Let op deze waarschuwingssignalen:" },
        Words {
            en: "- The sender's address does not match the name: ‘Bank’ as the name but an address at a free mail service, or a supplier's address with one letter different.",
            nl: "- Het adres van de afzender past niet bij de naam: ‘Bank’ als naam maar een adres bij een gratis maildienst, of het adres van een leverancier met één letter anders.",
        },
        Words {
            en: "- Hurry or a threat: ‘your account will be blocked today’, ‘the parcel goes back tomorrow’, ‘pay before five o'clock’.",
            nl: "- Haast of een dreigement: ‘je rekening wordt vandaag geblokkeerd’, ‘het pakket gaat morgen terug’, ‘betaal voor vijf uur’.",
        },
        Words {
            en: "- A request for a password, a sign-in code, card details or a payment to new bank details.",
            nl: "- Een verzoek om een wachtwoord, een inlogcode, kaartgegevens of een betaling naar een nieuw rekeningnummer.",
        },
        Words {
            en: "- A link that leads somewhere else than it says. On a computer, rest the mouse pointer on the link without clicking and read the address that appears; on a phone, press and hold the link. If it is not the website you know, do not click.",
            nl: "- Een link die ergens anders heen gaat dan er staat. Op een computer houd je de muisaanwijzer op de link zonder te klikken en lees je het adres dat verschijnt; op een telefoon houd je de link ingedrukt. Is het niet de website die je kent, klik dan niet.",
        },
        Words {
            en: "When in doubt, check it another way. Call the supplier or the bank on a number you already have, from an earlier invoice, the contract or the shop's phone list, never the number in the mail. Type the address of the bank or the webshop yourself instead of clicking a link, and open Strongroom the way you always do. New bank details for a supplier are only accepted after such a call.",
            nl: "Twijfel je, controleer het dan via een andere weg. Bel de leverancier of de bank op een nummer dat je al had, van een eerdere factuur, het contract of de telefoonlijst van de winkel, nooit het nummer uit de mail. Typ zelf het adres van de bank of de webwinkel in, in plaats van op een link te klikken, en open Strongroom zoals je dat altijd doet. Een nieuw rekeningnummer van een leverancier wordt alleen na zo'n telefoontje overgenomen.",
        },
        Words {
            en: "Anyone can fall for a good fake, and on a busy Saturday at the counter it happens quickly. If you clicked a link, typed in a password or opened an attachment, report it at once with Report a problem in the menu. It takes a minute and nobody is blamed for a report. The owner and the privacy officer get an alert and can change passwords or stop a payment in time. If customer data may have leaked, the shop has 72 hours to report it to the supervisory authority, so every hour counts. Staying quiet out of embarrassment is the only real mistake.",
            nl: "Iedereen kan in een goede vervalsing trappen, en op een drukke zaterdag aan de toonbank gebeurt dat snel. Heb je op een link geklikt, een wachtwoord ingetypt of een bijlage geopend, meld het dan meteen met Probleem melden in het menu. Dat kost een minuut en niemand krijgt de schuld van een melding. De eigenaar en de privacyfunctionaris krijgen een waarschuwing en kunnen op tijd wachtwoorden wijzigen of een betaling tegenhouden. Zijn er misschien klantgegevens gelekt, dan heeft de winkel 72 uur om dat aan de toezichthouder te melden, dus elk uur telt. Uit schaamte je mond houden is de enige echte fout.",
        },
    ],
    questions: &[
        Question {
            ask: Words {
                en: "A mail from your regular supplier of gold says their bank has changed and asks you to pay the open invoice to a new account. The logo and the invoice number look right. What do you do?",
                nl: "Een mail van je vaste goudleverancier meldt dat ze van bank zijn gewisseld en vraagt je de openstaande factuur naar een nieuwe rekening te betalen. Het logo en het factuurnummer kloppen. Wat doe je?",
            },
            options: &[
                Words {
                    en: "Pay it: the invoice number matches a real order.",
                    nl: "Betalen: het factuurnummer hoort bij een echte bestelling.",
                },
                Words {
                    en: "Reply to the mail and ask whether it is really them.",
                    nl: "De mail beantwoorden en vragen of zij het echt zijn.",
                },
                Words {
                    en: "Call the supplier on the number you already have, from an earlier invoice or the phone list, before anything is paid.",
                    nl: "De leverancier bellen op het nummer dat je al had, van een eerdere factuur of de telefoonlijst, voordat er iets wordt betaald.",
                },
            ],
            right: 2,
            why: Words {
                en: "A reply goes back to whoever sent the mail, which may be a criminal inside the supplier's mail account. Only a call on a number you already had tells you whether the bank details really changed.",
                nl: "Een antwoord gaat terug naar wie de mail stuurde, en dat kan een crimineel zijn die in het mailaccount van de leverancier zit. Alleen een telefoontje naar een nummer dat je al had, vertelt je of het rekeningnummer echt is veranderd.",
            },
        },
        Question {
            ask: Words {
                en: "How do you see where a link in a mail really leads, without clicking it?",
                nl: "Hoe zie je waar een link in een mail echt heen gaat, zonder erop te klikken?",
            },
            options: &[
                Words { en: "Read the underlined text of the link.", nl: "De onderstreepte tekst van de link lezen." },
                Words {
                    en: "Rest the mouse pointer on it and read the address that appears (on a phone: press and hold it).",
                    nl: "De muisaanwijzer erop houden en het adres lezen dat verschijnt (op een telefoon: de link ingedrukt houden).",
                },
                Words { en: "Check that the mail shows the company's logo.", nl: "Kijken of het logo van het bedrijf in de mail staat." },
            ],
            right: 1,
            why: Words {
                en: "The text of a link can say anything; the address that appears when you point at it is where it really goes. A logo is easy to copy.",
                nl: "De tekst van een link kan van alles zeggen; het adres dat verschijnt als je erop wijst, is waar hij echt heen gaat. Een logo is makkelijk na te maken.",
            },
        },
        Question {
            ask: Words {
                en: "A text message says a parcel for the shop could not be delivered and asks you to pay a small fee through a link. You are expecting stones from a supplier. What is the safest step?",
                nl: "Een sms meldt dat een pakket voor de winkel niet bezorgd kon worden en vraagt je via een link een klein bedrag te betalen. Je verwacht edelstenen van een leverancier. Wat is de veiligste stap?",
            },
            options: &[
                Words {
                    en: "Leave the link alone and check the delivery with the supplier, or on the parcel service's website that you type in yourself.",
                    nl: "Niet op de link klikken en de levering navragen bij de leverancier, of op de website van de pakketdienst die je zelf intypt.",
                },
                Words {
                    en: "Pay the fee: it is only a few euros and the stones are needed.",
                    nl: "Het bedrag betalen: het zijn maar een paar euro en de stenen zijn nodig.",
                },
                Words {
                    en: "Open the link to see whether it is the right parcel, but pay nothing.",
                    nl: "De link openen om te zien of het om het goede pakket gaat, maar niets betalen.",
                },
            ],
            right: 0,
            why: Words {
                en: "Fake parcel messages work because many people are expecting a parcel. The link leads to a fake page that asks for card details or a password; check the delivery through a route you choose yourself.",
                nl: "Nep-pakketberichten werken juist omdat veel mensen een pakket verwachten. De link leidt naar een nagemaakte pagina die om kaartgegevens of een wachtwoord vraagt; controleer de levering via een weg die je zelf kiest.",
            },
        },
        Question {
            ask: Words {
                en: "A mail ‘from Strongroom’ says your account will be closed today unless you sign in through the link in the mail. What do you do?",
                nl: "Een mail ‘van Strongroom’ meldt dat je account vandaag wordt gesloten als je niet via de link in de mail inlogt. Wat doe je?",
            },
            options: &[
                Words {
                    en: "Sign in through the link: the mail uses your name, so it must be real.",
                    nl: "Via de link inloggen: de mail noemt je naam, dus hij is vast echt.",
                },
                Words {
                    en: "Sign in through the link quickly and tell the owner afterwards.",
                    nl: "Snel via de link inloggen en het daarna aan de eigenaar vertellen.",
                },
                Words { en: "Delete the mail and tell nobody.", nl: "De mail verwijderen en niemand iets zeggen." },
                Words {
                    en: "Do not click; open Strongroom the way you always do, and report the mail with Report a problem.",
                    nl: "Niet klikken; Strongroom openen zoals je altijd doet, en de mail melden met Probleem melden.",
                },
            ],
            right: 3,
            why: Words {
                en: "Hurry and a threat are classic signs of phishing, and knowing your name proves nothing. Reporting it lets the owner warn colleagues who may have had the same mail.",
                nl: "Haast en een dreigement zijn klassieke kenmerken van phishing, en dat ze je naam kennen, bewijst niets. Als je het meldt, kan de eigenaar collega's waarschuwen die dezelfde mail misschien ook hebben gekregen.",
            },
        },
        Question {
            ask: Words {
                en: "You clicked a link and typed in the password of the shop's mail account before you saw that the page was fake. What now?",
                nl: "Je klikte op een link en typte het wachtwoord van het mailaccount van de winkel in voordat je zag dat de pagina nep was. Wat nu?",
            },
            options: &[
                Words { en: "Say nothing: you did not pay anything.", nl: "Niets zeggen: je hebt niets betaald." },
                Words { en: "Report it at once with Report a problem.", nl: "Het meteen melden met Probleem melden." },
                Words {
                    en: "Change the password yourself and keep it quiet, so the owner does not worry.",
                    nl: "Zelf het wachtwoord wijzigen en het stilhouden, zodat de eigenaar zich geen zorgen maakt.",
                },
            ],
            right: 1,
            why: Words {
                en: "The criminal may already be inside the mailbox, sending mail in the shop's name or reading customer mail. A report lets the owner and the privacy officer act at once, and nobody is blamed for it.",
                nl: "De crimineel zit misschien al in de mailbox, stuurt mail uit naam van de winkel of leest klantmail. Met een melding kunnen de eigenaar en de privacyfunctionaris meteen ingrijpen, en niemand krijgt er de schuld van.",
            },
        },
        Question {
            ask: Words {
                en: "Which of these mails should make you most suspicious?",
                nl: "Bij welke van deze mails moet je het meest op je hoede zijn?",
            },
            options: &[
                Words {
                    en: "An order confirmation from the webshop for an order a customer just placed.",
                    nl: "Een orderbevestiging van de webwinkel voor een bestelling die een klant net plaatste.",
                },
                Words {
                    en: "A supplier's monthly statement, from the same address as always.",
                    nl: "Het maandoverzicht van een leverancier, vanaf hetzelfde adres als altijd.",
                },
                Words {
                    en: "A mail from ‘the bank’ saying you must confirm your sign-in code today or the account is blocked.",
                    nl: "Een mail van ‘de bank’ dat je vandaag je inlogcode moet bevestigen, anders wordt de rekening geblokkeerd.",
                },
            ],
            right: 2,
            why: Words {
                en: "Hurry, a threat and a request for a sign-in code together are the classic signs of phishing. Your bank does not ask for your sign-in code by mail.",
                nl: "Haast, een dreigement en een verzoek om een inlogcode samen zijn de klassieke kenmerken van phishing. Je bank vraagt nooit per mail om je inlogcode.",
            },
        },
    ],
    pass_percent: 80,
};
