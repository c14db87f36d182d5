//! The lesson of month 11 (issue 17): Customers' privacy rights.

use super::super::course::{Lesson, Question, Words};

pub(in crate::training) const LESSON: Lesson = Lesson {
    id: "privacy-rights",
    month: 11,
    basics: false,
    roles: &[],
    title: Words { en: "Customers' privacy rights", nl: "De privacyrechten van klanten" },
    summary: Words {
        en: "What the shop knows about its customers, what they may ask for, and what you do when someone asks at the counter.",
        nl: "Wat de winkel van zijn klanten weet, waar ze om mogen vragen, en wat je doet als iemand er aan de toonbank naar vraagt.",
    },
    body: &[
        Words {
            en: "A jeweler knows a lot about its customers: names, addresses, phone numbers and mail addresses, what they bought and for how much, ring sizes and metal allergies, anniversaries, what came in for repair and what it is worth, and for a large cash sale a copy of their ID. Put together, that says who owns expensive jewelry and where they live. For a burglar such a list is worth its weight in gold. That is why the shop guards it, and why the privacy law (the GDPR) gives every customer rights over their own data. They may ask:",
            nl: "Een juwelier weet veel van zijn klanten: namen, adressen, telefoonnummers en mailadressen, wat ze kochten en voor hoeveel, ringmaten en metaalallergieën, trouwdagen, wat er ter reparatie binnenkwam en wat het waard is, en bij een grote contante aankoop een kopie van hun identiteitsbewijs. Bij elkaar zegt dat wie dure sieraden heeft en waar die persoon woont. Voor een inbreker is zo'n lijst goud waard. Daarom bewaakt de winkel hem, en daarom geeft de privacywet (de AVG) elke klant rechten over zijn eigen gegevens. Een klant mag vragen:",
        },
        Words { en: "- to see what the shop keeps about them;", nl: "- om in te zien wat de winkel over hem bewaart;" },
        Words {
            en: "- to have wrong details corrected, such as an old address or a misspelled name;",
            nl: "- om onjuiste gegevens te laten verbeteren, zoals een oud adres of een verkeerd gespelde naam;",
        },
        Words {
            en: "- to have their data erased when the shop no longer needs it;",
            nl: "- om zijn gegevens te laten wissen als de winkel ze niet meer nodig heeft;",
        },
        Words {
            en: "- to stop receiving marketing mails, at any time and without giving a reason.",
            nl: "- om geen reclamemails meer te krijgen, op elk moment en zonder een reden te geven.",
        },
        Words {
            en: "The shop must answer within one month. That month starts when the customer asks, not when the request reaches the owner, so a note that lies next to the till for three weeks is a real problem.",
            nl: "De winkel moet binnen een maand antwoorden. Die maand begint als de klant het vraagt, niet als het verzoek bij de eigenaar aankomt. Een briefje dat drie weken naast de kassa ligt, is dus een echt probleem.",
        },
        Words {
            en: "What do you do when someone asks at the counter? Take the request seriously and write down what they ask, their name and how to reach them. Check who they are, for example with an ID or against the details in the customer record: you must not show a customer's purchases to an ex-partner or a curious neighbour. Then pass the request on to the owner or the privacy officer the same day. You do not have to answer it yourself on the spot.",
            nl: "Wat doe je als iemand het aan de toonbank vraagt? Neem het verzoek serieus en noteer wat er gevraagd wordt, de naam en hoe je de klant kunt bereiken. Controleer wie je voor je hebt, bijvoorbeeld met een identiteitsbewijs of aan de hand van de gegevens op de klantkaart: je mag de aankopen van een klant niet laten zien aan een ex-partner of een nieuwsgierige buurman. Geef het verzoek dezelfde dag door aan de eigenaar of de privacyfunctionaris. Je hoeft het niet zelf ter plekke af te handelen.",
        },
        Words {
            en: "Do not promise what may not be possible. Some records must be kept by law even when a customer asks for erasure: the identity records of a large cash sale stay for five years, and the shop's books stay for as long as the tax rules say. The shop then erases what it may and keeps the rest locked away until the term ends. So say “We will look at your request and get back to you within a month”, not “Everything will be gone tomorrow”.",
            nl: "Beloof niets wat misschien niet kan. Sommige gegevens moeten volgens de wet bewaard blijven, ook als een klant om wissen vraagt: de identiteitsgegevens bij een grote contante aankoop blijven vijf jaar, en de boekhouding zo lang als de belastingregels zeggen. De winkel wist dan wat mag en houdt de rest achter slot tot de termijn voorbij is. Zeg dus “We bekijken uw verzoek en laten binnen een maand van ons horen”, niet “Morgen is alles weg”.",
        },
        Words {
            en: "Your own part in privacy happens every day. Look up only the customers you serve: the one at your counter, the repair on your bench. Opening the record of a well-known customer, a neighbour or a colleague's new partner out of curiosity is not allowed, and every look at a customer record is recorded. And send marketing only to customers who agreed to it: someone who said no, or asked to stop, gets no mails at all, not even “just this once” for the new collection.",
            nl: "Je eigen rol in privacy speelt elke dag. Zoek alleen klanten op die je helpt: de klant aan jouw toonbank, de reparatie op jouw werkbank. Uit nieuwsgierigheid de klantkaart openen van een bekende klant, een buurvrouw of de nieuwe partner van een collega mag niet, en elke keer dat iemand een klantkaart bekijkt, wordt vastgelegd. En stuur reclame alleen naar klanten die daarmee instemden: wie nee zei of vroeg ermee te stoppen, krijgt helemaal geen mails meer, ook niet “één keertje” voor de nieuwe collectie.",
        },
    ],
    questions: &[
        Question {
            ask: Words {
                en: "A customer at the counter asks what the shop knows about her. What do you do?",
                nl: "Een klant aan de toonbank vraagt wat de winkel over haar weet. Wat doe je?",
            },
            options: &[
                Words {
                    en: "Print her customer record and hand it to her straight away.",
                    nl: "Haar klantkaart printen en die meteen aan haar geven.",
                },
                Words {
                    en: "Tell her the shop does not give out that kind of information.",
                    nl: "Zeggen dat de winkel zulke informatie niet geeft.",
                },
                Words {
                    en: "Write down her request, check who she is, and pass it on to the owner or the privacy officer.",
                    nl: "Haar verzoek noteren, controleren wie ze is, en het doorgeven aan de eigenaar of de privacyfunctionaris.",
                },
            ],
            right: 2,
            why: Words {
                en: "She has a right to see her data, but it must really be her, and the owner or the privacy officer makes sure the answer is complete and on time.",
                nl: "Ze heeft het recht haar gegevens in te zien, maar het moet echt om haar gaan, en de eigenaar of de privacyfunctionaris zorgt dat het antwoord volledig en op tijd is.",
            },
        },
        Question {
            ask: Words {
                en: "How long does the shop have to answer such a request?",
                nl: "Hoeveel tijd heeft de winkel om zo'n verzoek te beantwoorden?",
            },
            options: &[
                Words { en: "One month.", nl: "Een maand." },
                Words { en: "One week.", nl: "Een week." },
                Words { en: "Three months.", nl: "Drie maanden." },
                Words { en: "As long as it needs, if it is busy.", nl: "Zo lang als nodig, als het druk is." },
            ],
            right: 0,
            why: Words {
                en: "The shop answers within one month, counted from when the customer asked. That is why a request must be passed on the same day.",
                nl: "De winkel antwoordt binnen een maand, gerekend vanaf het moment dat de klant het vroeg. Daarom geef je een verzoek dezelfde dag door.",
            },
        },
        Question {
            ask: Words {
                en: "A customer who paid EUR 12,000 in cash for a watch last year asks you to erase everything about him. What do you say?",
                nl: "Een klant die vorig jaar 12.000 euro contant betaalde voor een horloge, vraagt je alles over hem te wissen. Wat zeg je?",
            },
            options: &[
                Words { en: "“Of course, everything will be gone tomorrow.”", nl: "“Natuurlijk, morgen is alles weg.”" },
                Words {
                    en: "“We will look at your request and get back to you within a month.”",
                    nl: "“We bekijken uw verzoek en laten binnen een maand van ons horen.”",
                },
                Words { en: "“Sorry, we never erase anything.”", nl: "“Sorry, wij wissen nooit iets.”" },
            ],
            right: 1,
            why: Words {
                en: "The identity record of that cash sale must be kept for five years, so not everything can go. The shop erases what it may, keeps the rest locked away, and explains this in its answer.",
                nl: "De identiteitsgegevens bij die contante aankoop moeten vijf jaar bewaard blijven, dus niet alles kan weg. De winkel wist wat mag, houdt de rest achter slot en legt dat uit in zijn antwoord.",
            },
        },
        Question {
            ask: Words {
                en: "A well-known local footballer bought a ring during a colleague's shift. May you open his customer record to see what he bought?",
                nl: "Een bekende voetballer uit de buurt kocht een ring tijdens de dienst van een collega. Mag je zijn klantkaart openen om te zien wat hij kocht?",
            },
            options: &[
                Words { en: "Yes, as long as you do not tell anyone.", nl: "Ja, zolang je het aan niemand vertelt." },
                Words { en: "Yes, everyone in the shop may see every customer.", nl: "Ja, iedereen in de winkel mag elke klant zien." },
                Words {
                    en: "Only after closing time, when no customers are in the shop.",
                    nl: "Alleen na sluitingstijd, als er geen klanten in de winkel zijn.",
                },
                Words {
                    en: "No: look up only the customers you serve, and every look is recorded.",
                    nl: "Nee: zoek alleen klanten op die je helpt, en elke keer kijken wordt vastgelegd.",
                },
            ],
            right: 3,
            why: Words {
                en: "Having access for your work does not make looking out of curiosity allowed. Every look at a customer record is recorded and can be checked.",
                nl: "Dat je voor je werk toegang hebt, maakt kijken uit nieuwsgierigheid niet toegestaan. Elke keer dat een klantkaart bekeken wordt, wordt vastgelegd en kan worden nagegaan.",
            },
        },
        Question {
            ask: Words {
                en: "A customer says: “Please stop sending me your newsletters.” What is right?",
                nl: "Een klant zegt: “Stuur me alstublieft geen nieuwsbrieven meer.” Wat klopt?",
            },
            options: &[
                Words {
                    en: "She may stop them at any time; pass it on so she gets no more marketing mails.",
                    nl: "Dat mag ze altijd; geef het door zodat ze geen reclamemails meer krijgt.",
                },
                Words { en: "She has to unsubscribe through the webshop herself.", nl: "Ze moet zich zelf via de webshop afmelden." },
                Words {
                    en: "She gets one more for the new collection, then they stop.",
                    nl: "Ze krijgt er nog één voor de nieuwe collectie, daarna stopt het.",
                },
            ],
            right: 0,
            why: Words {
                en: "A customer may object to marketing at any time, in any way, without a reason. Once she has said it at the counter, the shop must stop.",
                nl: "Een klant mag altijd, op elke manier en zonder reden bezwaar maken tegen reclame. Zodra ze het aan de toonbank gezegd heeft, moet de winkel stoppen.",
            },
        },
        Question {
            ask: Words {
                en: "A woman asks which ring her husband bought here last month. She knows his name and address. What do you do?",
                nl: "Een vrouw vraagt welke ring haar man hier vorige maand kocht. Ze kent zijn naam en adres. Wat doe je?",
            },
            options: &[
                Words { en: "Tell her: she is his wife.", nl: "Het haar vertellen: ze is zijn vrouw." },
                Words { en: "Tell her only the price, not what he bought.", nl: "Alleen de prijs noemen, niet wat hij kocht." },
                Words {
                    en: "Do not share his data with her; he can ask the shop himself.",
                    nl: "Zijn gegevens niet met haar delen; hij kan het zelf aan de winkel vragen.",
                },
            ],
            right: 2,
            why: Words {
                en: "A customer's data belongs to that customer, not to their partner, and knowing a name and address proves nothing. Perhaps the ring was meant as a surprise.",
                nl: "De gegevens van een klant zijn van die klant, niet van zijn partner, en een naam en adres kennen bewijst niets. Misschien was de ring wel bedoeld als verrassing.",
            },
        },
    ],
    pass_percent: 80,
};
