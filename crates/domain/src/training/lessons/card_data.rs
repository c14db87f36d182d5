//! The lesson of month 5 (issue 17): Card data rules.

use super::super::course::{Lesson, Question, Words};

pub(in crate::training) const LESSON: Lesson = Lesson {
    id: "card-data",
    month: 5,
    basics: false,
    roles: &[],
    title: Words { en: "Card data rules", nl: "Regels voor kaartgegevens" },
    summary: Words {
        en: "Why a card number never goes on paper, in notes or in a mail, what the shop may keep, how to take a phone order, and what to do when a number was written down anyway.",
        nl: "Waarom een kaartnummer nooit op papier, in notities of in een mail komt, wat de winkel wel mag bewaren, hoe je een telefonische bestelling afhandelt en wat je doet als er toch een nummer is opgeschreven.",
    },
    body: &[
        Words {
            en: "A customer's payment card is worth money to anyone who gets hold of its number. With the long number on the front, the expiry date and the security code on the back, a criminal can shop online in the customer's name. That is why the card companies set strict rules for every shop that takes cards, and why our shop keeps it simple: we never keep a full card number, anywhere.",
            nl: "Een betaalkaart van een klant is geld waard voor iedereen die het nummer in handen krijgt. Met het lange nummer op de voorkant, de vervaldatum en de beveiligingscode op de achterkant kan een crimineel online winkelen op naam van de klant. Daarom stellen de kaartmaatschappijen strenge regels aan elke winkel die kaarten aanneemt, en daarom houden wij het eenvoudig: wij bewaren nergens een volledig kaartnummer.",
        },
        Words {
            en: "The card terminal does the work. The customer inserts or taps the card and types the PIN; the terminal sends the number to the payment provider and gives back an approval and a receipt. You never need to see, copy or type the number yourself, and the card can stay in the customer's hand.",
            nl: "De pinautomaat doet het werk. De klant steekt de kaart erin of houdt hem ertegen en toetst de pincode; de pinautomaat stuurt het nummer naar de betaalprovider en geeft een goedkeuring en een bonnetje terug. Jij hoeft het nummer nooit te zien, over te schrijven of in te typen, en de kaart kan gewoon in de hand van de klant blijven.",
        },
        Words {
            en: "So a card number never goes on a repair ticket, on a sticky note by the till, in a customer's notes, in a mail or in a chat message. Never take a photo of a card, not even “just to be sure” for the deposit on a custom ring. The security code on the back may not be kept by anyone, ever. Strongroom helps here: any text that contains a card number is refused. If saving a note fails for that reason, the number does not belong there, or anywhere else.",
            nl: "Een kaartnummer komt dus nooit op een reparatiebon, op een geeltje bij de kassa, in de notities bij een klant, in een mail of in een chatbericht. Maak nooit een foto van een kaart, ook niet “voor de zekerheid” voor de aanbetaling op een ring op maat. De beveiligingscode op de achterkant mag niemand bewaren, nooit. Strongroom helpt daarbij: tekst waarin een kaartnummer staat, wordt geweigerd. Lukt het opslaan van een notitie daardoor niet, dan hoort dat nummer daar niet thuis, en nergens anders ook.",
        },
        Words {
            en: "What the shop may keep is what you also see on the receipt and in the purchase in Strongroom: the last four digits, the card brand, the expiry date and the token the payment provider gives back. That is enough to find a payment again, to refund a return or to tell a customer which card they paid with.",
            nl: "Wat de winkel wel mag bewaren, zie je ook op het bonnetje en bij de aankoop in Strongroom: de laatste vier cijfers, de kaartsoort, de vervaldatum en het token dat de betaalprovider teruggeeft. Dat is genoeg om een betaling terug te vinden, geld voor een retour terug te storten of een klant te vertellen met welke kaart hij betaalde.",
        },
        Words {
            en: "Customers sometimes phone to buy a piece they saw in the webshop, or to pay the rest of a custom order, and start reading out their card number. Stop them kindly before they finish: “Please don't give me your card number; I'll send you a secure payment link.” Send the payment provider's payment link to the mail address or phone number in the customer's record, and hand over or ship the piece only once the payment shows as received. Never write the number down “for a moment” to type it in later.",
            nl: "Soms belt een klant om een sieraad te kopen dat hij in de webshop zag, of om het restbedrag van een bestelling op maat te betalen, en begint hij zijn kaartnummer voor te lezen. Onderbreek hem vriendelijk voordat hij klaar is: “Geeft u mij liever niet uw kaartnummer; ik stuur u een veilige betaallink.” Stuur de betaallink van de betaalprovider naar het mailadres of telefoonnummer dat bij de klant in Strongroom staat, en geef het sieraad pas mee of verstuur het pas als de betaling binnen is. Schrijf het nummer nooit “even” op om het later in te typen.",
        },
        Words {
            en: "If a card number was written down anyway, or reached the shop by mail, this is what you do:",
            nl: "Is er toch een kaartnummer opgeschreven, of kwam er een per mail binnen? Dan doe je dit:",
        },
        Words {
            en: "- Report it with Report a problem in the menu, even if you wrote it down yourself. Say where the number is, but never type the number itself into the report. Nobody is blamed for a report, and the owner and the privacy officer get an alert.",
            nl: "- Meld het met Probleem melden in het menu, ook als je het zelf hebt opgeschreven. Zeg waar het nummer staat, maar typ het nummer zelf nooit in de melding. Niemand krijgt de schuld van een melding, en de eigenaar en de privacyfunctionaris krijgen een seintje.",
        },
        Words {
            en: "- On paper: do not throw it in the bin. Put it through the shredder, or hand it to the owner to destroy. Check whether there is a copy somewhere, such as a photo on a phone, and get rid of that the same way.",
            nl: "- Op papier: gooi het niet in de prullenbak. Haal het door de papierversnipperaar of geef het aan de eigenaar om te laten vernietigen. Kijk ook of er ergens een kopie is, zoals een foto op een telefoon, en ruim die op dezelfde manier op.",
        },
        Words {
            en: "- In a mail: do not forward it, and do not reply in a way that keeps the number in your answer. Once it has been reported, delete the mail and empty it from the deleted items too. Write the customer a new mail saying the shop never takes card numbers by mail, and send a payment link.",
            nl: "- In een mail: stuur hem niet door en beantwoord hem niet zo dat het nummer in je antwoord blijft staan. Verwijder de mail zodra je het gemeld hebt, en haal hem ook uit de map met verwijderde items. Stuur de klant een nieuwe mail dat de winkel nooit kaartnummers per mail aanneemt, en stuur een betaallink mee.",
        },
    ],
    questions: &[
        Question {
            ask: Words {
                en: "A customer leaves a ring for resizing and asks you to charge her card when it is ready. She offers to write her card number on the repair ticket. What do you do?",
                nl: "Een klant brengt een ring om te laten verstellen en vraagt of je haar kaart wilt belasten als hij klaar is. Ze biedt aan haar kaartnummer op de reparatiebon te schrijven. Wat doe je?",
            },
            options: &[
                Words {
                    en: "Let her write it on the ticket and keep the ticket in the safe.",
                    nl: "Haar het nummer op de bon laten schrijven en de bon in de kluis bewaren.",
                },
                Words {
                    en: "Put the number in her customer notes in Strongroom, because Strongroom is encrypted.",
                    nl: "Het nummer in haar klantnotities in Strongroom zetten, want Strongroom is versleuteld.",
                },
                Words {
                    en: "Decline kindly: she pays at the card terminal at pickup, or you send her a payment link when the ring is ready.",
                    nl: "Vriendelijk weigeren: ze betaalt bij het ophalen met de pinautomaat, of je stuurt haar een betaallink als de ring klaar is.",
                },
                Words {
                    en: "Write only the last four digits on the ticket and the rest in a sealed envelope.",
                    nl: "Alleen de laatste vier cijfers op de bon zetten en de rest in een dichte envelop.",
                },
            ],
            right: 2,
            why: Words {
                en: "A full card number is never kept anywhere, not on paper, not split up, and not in Strongroom, which refuses it. The card terminal or the payment provider's link takes the payment without anyone in the shop seeing the number.",
                nl: "Een volledig kaartnummer bewaren we nergens: niet op papier, niet in stukken en niet in Strongroom, dat het ook weigert. De pinautomaat of de betaallink van de betaalprovider regelt de betaling zonder dat iemand in de winkel het nummer ziet.",
            },
        },
        Question {
            ask: Words { en: "What may the shop keep about a card payment?", nl: "Wat mag de winkel van een kaartbetaling bewaren?" },
            options: &[
                Words {
                    en: "The last four digits, the card brand, the expiry date and the payment provider's token.",
                    nl: "De laatste vier cijfers, de kaartsoort, de vervaldatum en het token van de betaalprovider.",
                },
                Words {
                    en: "The full number, as long as it is locked in the safe.",
                    nl: "Het volledige nummer, zolang het in de kluis ligt.",
                },
                Words {
                    en: "The full number and the security code, as long as they are stored encrypted.",
                    nl: "Het volledige nummer en de beveiligingscode, zolang ze versleuteld zijn opgeslagen.",
                },
                Words { en: "Nothing at all, not even the last four digits.", nl: "Helemaal niets, zelfs niet de laatste vier cijfers." },
            ],
            right: 0,
            why: Words {
                en: "The last four digits, the brand, the expiry date and the token are allowed, and they are enough to find a payment or handle a return. The full number is never kept, and the security code may not be kept by anyone.",
                nl: "De laatste vier cijfers, de kaartsoort, de vervaldatum en het token mogen, en daarmee vind je een betaling terug of handel je een retour af. Het volledige nummer bewaren we nooit, en de beveiligingscode mag niemand bewaren.",
            },
        },
        Question {
            ask: Words {
                en: "A regular customer phones to buy a watch she saw in the webshop and starts reading out her card number. What do you do?",
                nl: "Een vaste klant belt om een horloge te kopen dat ze in de webshop zag, en begint haar kaartnummer voor te lezen. Wat doe je?",
            },
            options: &[
                Words {
                    en: "Write it down quickly and type it into the card terminal after the call.",
                    nl: "Het snel opschrijven en na het gesprek in de pinautomaat invoeren.",
                },
                Words {
                    en: "Stop her kindly and send her the payment provider's payment link.",
                    nl: "Haar vriendelijk onderbreken en haar de betaallink van de betaalprovider sturen.",
                },
                Words {
                    en: "Take the number down, and shred the note as soon as the payment has gone through.",
                    nl: "Het nummer noteren en het briefje versnipperen zodra de betaling gelukt is.",
                },
            ],
            right: 1,
            why: Words {
                en: "A number written down “for a moment” is still a written card number, and notes get lost or forgotten. The payment link lets the customer pay safely without anyone in the shop hearing or noting the number.",
                nl: "Een nummer dat je “even” opschrijft, is nog steeds een opgeschreven kaartnummer, en briefjes raken zoek of worden vergeten. Met de betaallink betaalt de klant veilig zonder dat iemand in de winkel het nummer hoort of noteert.",
            },
        },
        Question {
            ask: Words {
                en: "A customer mails a photo of the front and back of her card to pay the deposit on a custom pendant. What do you do first?",
                nl: "Een klant mailt een foto van de voor- en achterkant van haar kaart om de aanbetaling op een hanger op maat te doen. Wat doe je eerst?",
            },
            options: &[
                Words {
                    en: "Use the photo to pay the deposit, then delete the mail.",
                    nl: "De foto gebruiken om de aanbetaling te doen en daarna de mail verwijderen.",
                },
                Words {
                    en: "Forward the mail to the owner so they can handle the payment.",
                    nl: "De mail doorsturen naar de eigenaar, zodat die de betaling regelt.",
                },
                Words {
                    en: "Reply and ask her to send only the number next time, without the photo.",
                    nl: "Antwoorden en haar vragen de volgende keer alleen het nummer te sturen, zonder foto.",
                },
                Words {
                    en: "Report it with Report a problem, saying where the photo is without typing the number.",
                    nl: "Het melden met Probleem melden, met waar de foto staat maar zonder het nummer te typen.",
                },
            ],
            right: 3,
            why: Words {
                en: "Reporting first lets the owner make sure the photo is removed everywhere. Forwarding the mail spreads the card to another inbox, and a card number in a mail is never used, not as a photo and not as text.",
                nl: "Door eerst te melden kan de eigenaar ervoor zorgen dat de foto overal weg is. Doorsturen verspreidt de kaart naar nog een mailbox, en een kaartnummer uit een mail gebruiken we nooit, niet als foto en niet als tekst.",
            },
        },
        Question {
            ask: Words {
                en: "You try to save a note on a repair intake and Strongroom refuses it because it contains a card number. What do you do?",
                nl: "Je wilt een notitie bij een reparatiebon opslaan en Strongroom weigert die omdat er een kaartnummer in staat. Wat doe je?",
            },
            options: &[
                Words {
                    en: "Take the number out: a card number belongs nowhere in the shop's systems.",
                    nl: "Het nummer eruit halen: een kaartnummer hoort nergens in de systemen van de winkel.",
                },
                Words {
                    en: "Type the number with spaces or dashes in it so the note is accepted.",
                    nl: "Het nummer met spaties of streepjes ertussen typen, zodat de notitie wel wordt geaccepteerd.",
                },
                Words { en: "Put the number in a mail to yourself instead.", nl: "Het nummer dan maar in een mail aan jezelf zetten." },
            ],
            right: 0,
            why: Words {
                en: "Strongroom refuses card numbers on purpose, because the shop may not keep them. Getting around the check or moving the number to a mail keeps the same risk, only where nobody sees it.",
                nl: "Strongroom weigert kaartnummers met opzet, omdat de winkel ze niet mag bewaren. Als je de controle omzeilt of het nummer naar een mail verplaatst, blijft hetzelfde risico bestaan, alleen ziet niemand het meer.",
            },
        },
        Question {
            ask: Words {
                en: "You find a note with a card number in the till drawer and you have reported it. What happens to the note?",
                nl: "Je vindt een briefje met een kaartnummer in de kassalade en je hebt het gemeld. Wat gebeurt er met het briefje?",
            },
            options: &[
                Words {
                    en: "Keep it in the safe, in case the customer needs the number again.",
                    nl: "In de kluis bewaren, voor het geval de klant het nummer nog eens nodig heeft.",
                },
                Words { en: "Tear it in two and throw it in the bin.", nl: "Het doormidden scheuren en in de prullenbak gooien." },
                Words {
                    en: "Put it through the shredder, or hand it to the owner to destroy.",
                    nl: "Het door de papierversnipperaar halen of aan de eigenaar geven om te laten vernietigen.",
                },
            ],
            right: 2,
            why: Words {
                en: "A note torn in two can be put back together by anyone who goes through the rubbish. Shredding destroys it for good, and the shop has no reason to keep a card number at all.",
                nl: "Een doormidden gescheurd briefje kan iedereen die het afval doorzoekt weer in elkaar leggen. Versnipperen vernietigt het echt, en de winkel heeft geen enkele reden om een kaartnummer te bewaren.",
            },
        },
    ],
    pass_percent: 80,
};
