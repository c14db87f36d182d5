//! The lesson of month 10 (issue 17): Reporting an incident.

use super::super::course::{Lesson, Question, Words};

pub(in crate::training) const LESSON: Lesson = Lesson {
    id: "reporting",
    month: 10,
    basics: true,
    roles: &[],
    title: Words { en: "Reporting an incident", nl: "Een incident melden" },
    summary: Words {
        en: "What to report, how to do it in a minute with Report a problem, and why reporting early always helps.",
        nl: "Wat je meldt, hoe je dat in een minuut doet met Probleem melden, en waarom vroeg melden altijd helpt.",
    },
    body: &[
        Words {
            en: "Every shop gets something wrong now and then. A link gets clicked, a phone is left on the train, a mail goes to the wrong customer. None of that is a disaster on its own. The real damage comes from what nobody hears about: a stolen password that keeps working for weeks, a lost phone that still has the shop's mail on it, a breach the owner first hears about from a customer. So there is one rule for everyone: if something odd happens, report it. That covers more than you might think, for example:",
            nl: "In elke winkel gaat weleens iets mis. Er wordt op een link geklikt, een telefoon blijft in de trein liggen, een mail gaat naar de verkeerde klant. Op zich is dat geen ramp. De echte schade komt van wat niemand hoort: een gestolen wachtwoord dat weken blijft werken, een kwijtgeraakte telefoon waar de winkelmail nog op staat, een datalek waar de eigenaar pas van hoort via een klant. Daarom geldt voor iedereen één regel: gebeurt er iets vreemds, meld het. Dat is meer dan je misschien denkt, bijvoorbeeld:",
        },
        Words {
            en: "- You clicked a link or opened an attachment that now looks wrong, or typed a password on a page that turned out to be fake.",
            nl: "- Je klikte op een link of opende een bijlage die achteraf niet klopt, of je typte een wachtwoord op een pagina die nep bleek.",
        },
        Words {
            en: "- A phone, tablet, laptop or key of the shop went missing, even if it may still turn up; or a mail, letter, repair photo or certificate went to the wrong person.",
            nl: "- Een telefoon, tablet, laptop of sleutel van de winkel is kwijt, ook als hij misschien nog boven water komt; of een mail, brief, reparatiefoto of certificaat is bij de verkeerde persoon terechtgekomen.",
        },
        Words {
            en: "- A stranger was at the shop PC or behind the counter, or someone walked into the workshop who had no business there; or a suspicious call from someone “from the bank”, “from the card terminal company” or “from a supplier” who asked for codes, passwords or customer details.",
            nl: "- Er zat een onbekende aan de winkelcomputer of stond achter de toonbank, of iemand liep de werkplaats in die daar niets te zoeken had; of een verdacht telefoontje van iemand “van de bank”, “van het pinautomaatbedrijf” of “van een leverancier” die vroeg om codes, wachtwoorden of klantgegevens.",
        },
        Words {
            en: "- Anything else that feels odd: a request for your sign-in code at a strange moment, a customer record that looks changed, a mail from “the owner” asking for an urgent payment to a gold supplier.",
            nl: "- Alles wat verder vreemd voelt: een vraag om je inlogcode op een raar moment, een klantkaart die veranderd lijkt, een mail van “de eigenaar” met een spoedbetaling aan een goudleverancier.",
        },
        Words {
            en: "How? Click Report a problem in the menu of Strongroom. It takes about a minute. Write in your own words what happened, when, and what you already did. You do not need technical terms and you do not need to know the cause. If you cannot get into Strongroom, for example because it is your phone that is gone, tell the owner straight away in person or by phone, and report it in Strongroom as soon as you can.",
            nl: "Hoe? Klik in Strongroom in het menu op Probleem melden. Dat kost ongeveer een minuut. Schrijf in je eigen woorden op wat er gebeurde, wanneer, en wat je al gedaan hebt. Je hebt geen technische woorden nodig en je hoeft de oorzaak niet te weten. Kun je niet bij Strongroom, bijvoorbeeld omdat juist je telefoon weg is, vertel het dan meteen aan de eigenaar, persoonlijk of telefonisch, en meld het in Strongroom zodra dat kan.",
        },
        Words {
            en: "Why early? When customers' personal data is lost, stolen or seen by the wrong person, the shop has 72 hours from becoming aware of it to tell the supervisory authority, in the Netherlands the Autoriteit Persoonsgegevens. Those hours are needed to find out what happened, which customers are affected and what to tell them. And a password stolen on a Friday can be used all weekend. Report first and let others look into it: a report that turns out to be nothing has cost a minute.",
            nl: "Waarom vroeg? Als persoonsgegevens van klanten kwijt, gestolen of door de verkeerde gezien zijn, heeft de winkel 72 uur nadat hij het weet om het te melden aan de toezichthouder, in Nederland de Autoriteit Persoonsgegevens. Die uren zijn nodig om uit te zoeken wat er gebeurde, welke klanten het raakt en wat je hun vertelt. En een wachtwoord dat op vrijdag gestolen is, kan het hele weekend gebruikt worden. Eerst melden, dan laten uitzoeken: een melding die nergens op blijkt te slaan, heeft een minuut gekost.",
        },
        Words {
            en: "Nobody is blamed for a report. A report is not a confession and not a mark against you. Reporting quickly is exactly the right thing to do, also when the mistake was your own. What does harm is keeping quiet, deleting a mail to make it disappear, or waiting to see whether it gets worse.",
            nl: "Niemand krijgt de schuld van een melding. Een melding is geen bekentenis en telt niet tegen je. Snel melden is precies het goede, ook als je de fout zelf maakte. Wat wel schade doet, is zwijgen, een mail verwijderen zodat hij weg lijkt, of afwachten of het erger wordt.",
        },
        Words {
            en: "What happens next? The owner and the privacy officer get an alert straight away. They read what you wrote, may ask you a few questions, and decide what to do: change a password, contact a customer, or, if personal data got out, tell the supervisory authority. Now and then the shop also holds a drill, a practice incident to see whether everyone knows what to do. A report made in a drill is marked as a drill, so nobody mistakes it for the real thing. Take a drill as seriously as the real thing; that is what practice is for.",
            nl: "Wat gebeurt er daarna? De eigenaar en de privacyfunctionaris krijgen meteen een melding. Ze lezen wat je schreef, stellen je misschien een paar vragen en beslissen wat er moet gebeuren: een wachtwoord wijzigen, een klant benaderen, of, als er persoonsgegevens naar buiten zijn gegaan, de toezichthouder inlichten. Af en toe houdt de winkel ook een oefening: een nagespeeld incident om te zien of iedereen weet wat te doen. Een melding tijdens een oefening wordt als oefening gemarkeerd, zodat niemand hem voor echt aanziet. Neem een oefening net zo serieus als het echte werk; daar is oefenen voor.",
        },
    ],
    questions: &[
        Question {
            ask: Words {
                en: "You clicked a link in a mail “from the supplier” and a sign-in page opened. You closed it without typing anything. Do you report it?",
                nl: "Je klikte op een link in een mail “van de leverancier” en er opende een inlogpagina. Je sloot hem zonder iets te typen. Meld je het?",
            },
            options: &[
                Words { en: "No: nothing happened, because I typed nothing.", nl: "Nee: er is niets gebeurd, want ik heb niets getypt." },
                Words {
                    en: "Yes: report it, so the owner can check whether anything else happened and warn the others.",
                    nl: "Ja: melden, zodat de eigenaar kan nagaan of er nog iets anders gebeurde en de anderen kan waarschuwen.",
                },
                Words { en: "Only if the computer starts acting strangely.", nl: "Alleen als de computer vreemd gaat doen." },
            ],
            right: 1,
            why: Words {
                en: "A click alone can be enough to cause trouble, and the same mail may have reached your colleagues. A one-minute report lets the owner check and warn everyone.",
                nl: "Alleen een klik kan al genoeg zijn voor problemen, en dezelfde mail kan ook bij je collega's zijn binnengekomen. Een melding van een minuut laat de eigenaar het nagaan en iedereen waarschuwen.",
            },
        },
        Question {
            ask: Words { en: "How do you report an incident?", nl: "Hoe meld je een incident?" },
            options: &[
                Words {
                    en: "With Report a problem in the menu, in your own words.",
                    nl: "Met Probleem melden in het menu, in je eigen woorden.",
                },
                Words { en: "By mailing the details to all your colleagues.", nl: "Door de details naar al je collega's te mailen." },
                Words {
                    en: "First work out the technical cause, then write it up.",
                    nl: "Eerst de technische oorzaak uitzoeken en die dan opschrijven.",
                },
                Words { en: "By bringing it up at the next staff meeting.", nl: "Door het in het volgende werkoverleg te bespreken." },
            ],
            right: 0,
            why: Words {
                en: "Report a problem takes a minute, needs no technical words, and alerts the owner and the privacy officer at once. Mailing everyone spreads the details further; waiting costs time.",
                nl: "Probleem melden kost een minuut, vraagt geen technische woorden en waarschuwt meteen de eigenaar en de privacyfunctionaris. Iedereen mailen verspreidt de details verder; wachten kost tijd.",
            },
        },
        Question {
            ask: Words { en: "Why does reporting early matter so much?", nl: "Waarom is vroeg melden zo belangrijk?" },
            options: &[
                Words {
                    en: "Because reports older than a day are no longer accepted.",
                    nl: "Omdat meldingen van meer dan een dag oud niet meer worden aangenomen.",
                },
                Words {
                    en: "Because the owner can only act on reports during opening hours.",
                    nl: "Omdat de eigenaar alleen tijdens openingstijden iets met meldingen kan doen.",
                },
                Words {
                    en: "Because the shop has 72 hours from becoming aware of a personal-data breach to tell the supervisory authority.",
                    nl: "Omdat de winkel 72 uur heeft nadat hij een datalek ontdekt om het aan de toezichthouder te melden.",
                },
            ],
            right: 2,
            why: Words {
                en: "The 72 hours run from when the shop became aware, and they are needed to find out what happened and who is affected. A late report eats into that time.",
                nl: "De 72 uur lopen vanaf het moment dat de winkel het wist, en die tijd is nodig om uit te zoeken wat er gebeurde en wie het raakt. Een late melding snoept daar tijd van af.",
            },
        },
        Question {
            ask: Words {
                en: "You left the shop's tablet on the tram yourself. What happens when you report it?",
                nl: "Je hebt zelf de tablet van de winkel in de tram laten liggen. Wat gebeurt er als je het meldt?",
            },
            options: &[
                Words { en: "The report records that it was your fault.", nl: "In de melding wordt vastgelegd dat het jouw schuld was." },
                Words {
                    en: "You first have to try to find the tablet before you may report it.",
                    nl: "Je moet eerst zelf de tablet zoeken voordat je het mag melden.",
                },
                Words { en: "Nothing, since you are the one who lost it.", nl: "Niets, want jij bent degene die hem kwijtraakte." },
                Words {
                    en: "Nobody is blamed for a report; the owner and the privacy officer get an alert and take it from there.",
                    nl: "Niemand krijgt de schuld van een melding; de eigenaar en de privacyfunctionaris krijgen een melding en pakken het op.",
                },
            ],
            right: 3,
            why: Words {
                en: "Reporting your own mistake quickly is exactly right, and nobody is blamed for a report. The sooner the owner knows, the sooner passwords can be changed and customers protected.",
                nl: "Je eigen fout snel melden is precies goed, en niemand krijgt de schuld van een melding. Hoe eerder de eigenaar het weet, hoe eerder wachtwoorden gewijzigd en klanten beschermd kunnen worden.",
            },
        },
        Question {
            ask: Words {
                en: "A man on the phone says he is from the card terminal company and needs the terminal's service code. You refuse. Is there anything to report?",
                nl: "Een man aan de telefoon zegt dat hij van het pinautomaatbedrijf is en de servicecode van de pinautomaat nodig heeft. Je weigert. Valt er iets te melden?",
            },
            options: &[
                Words { en: "No: I refused, so it is over.", nl: "Nee: ik heb geweigerd, dus het is klaar." },
                Words {
                    en: "Yes: a suspicious call is worth reporting, because he may try a colleague next.",
                    nl: "Ja: een verdacht telefoontje is het melden waard, want hij kan het daarna bij een collega proberen.",
                },
                Words { en: "Only if he calls back a second time.", nl: "Alleen als hij nog een tweede keer belt." },
            ],
            right: 1,
            why: Words {
                en: "A caller who is turned away often tries again with someone else. Your report lets the owner warn the whole shop before that happens.",
                nl: "Een beller die nul op het rekest krijgt, probeert het vaak opnieuw bij een ander. Met jouw melding kan de eigenaar de hele winkel waarschuwen voordat dat gebeurt.",
            },
        },
        Question {
            ask: Words {
                en: "The shop holds a drill. What is true about a report made during it?",
                nl: "De winkel houdt een oefening. Wat klopt er van een melding tijdens die oefening?",
            },
            options: &[
                Words {
                    en: "It is marked as a drill, and you report just as you would for real.",
                    nl: "Hij wordt als oefening gemarkeerd, en je meldt precies zoals je dat echt zou doen.",
                },
                Words { en: "It is ignored anyway, so you may skip it.", nl: "Er wordt toch niets mee gedaan, dus je kunt hem overslaan." },
                Words { en: "It goes straight to the supervisory authority.", nl: "Hij gaat rechtstreeks naar de toezichthouder." },
            ],
            right: 0,
            why: Words {
                en: "A drill report is marked as a drill so nobody takes it for a real incident. Doing it just as for real is what makes the practice useful.",
                nl: "Een melding tijdens een oefening wordt als oefening gemarkeerd, zodat niemand hem voor een echt incident aanziet. Juist door het net als echt te doen, heb je iets aan de oefening.",
            },
        },
    ],
    pass_percent: 80,
};
