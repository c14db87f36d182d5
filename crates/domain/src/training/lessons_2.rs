//! The course's lessons for months 5 to 8 (issue 17): card data rules, identity checks for cash sales,
//! lost or stolen devices, and ransomware and backups.

use super::course::{Lesson, Question, Words};
use crate::Role;

pub(super) const LESSONS: &[Lesson] = &[
    Lesson {
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
                    Words {
                        en: "Nothing at all, not even the last four digits.",
                        nl: "Helemaal niets, zelfs niet de laatste vier cijfers.",
                    },
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
    },
    Lesson {
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
                    Words {
                        en: "In Strongroom, with the sale, and nowhere else.",
                        nl: "In Strongroom, bij de verkoop, en nergens anders.",
                    },
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
    },
    Lesson {
        id: "lost-devices",
        month: 7,
        basics: false,
        roles: &[],
        title: Words { en: "Lost or stolen devices", nl: "Kwijtgeraakte of gestolen apparaten" },
        summary: Words {
            en: "Keeping phones, laptops and tablets with shop mail or sign-ins locked and encrypted, what to do the moment one is lost or stolen, and why a found USB stick never goes into a shop computer.",
            nl: "Telefoons, laptops en tablets met winkelmail of inloggegevens vergrendeld en versleuteld houden, wat je doet zodra er een kwijt of gestolen is, en waarom een gevonden usb-stick nooit in een computer van de winkel gaat.",
        },
        body: &[
            Words {
                en: "A phone, laptop or tablet is worth more than the device itself. If it holds the shop's mail, a way into Strongroom or the authenticator app for your second factor, whoever has it may have a way into the shop: mails with customers' names and addresses, repair photos, orders to the supplier of gold and stones. A new phone costs a few hundred euros; what is on the old one can cost far more.",
                nl: "Een telefoon, laptop of tablet is meer waard dan het apparaat zelf. Staat de mail van de winkel erop, kun je er Strongroom mee openen of staat de authenticator-app voor je tweede factor erop, dan heeft degene die het apparaat heeft misschien een weg naar binnen: mails met namen en adressen van klanten, reparatiefoto's, bestellingen bij de leverancier van goud en stenen. Een nieuwe telefoon kost een paar honderd euro; wat er op de oude staat, kan veel meer kosten.",
            },
            Words {
                en: "Every device used for shop work needs a screen lock: a PIN of at least six digits or a password, with a fingerprint or face on top if you like. Not 1234, not your birth year, and not the same code as the shop's alarm. Let it lock by itself after a minute or two, and lock the counter PC yourself whenever you step away. The lock also switches on the protection of what is stored: current phones encrypt their contents once a screen lock is set, so a thief cannot read them. On a laptop, encryption of the disk has to be turned on; ask the owner if you are not sure yours has it.",
                nl: "Elk apparaat dat je voor de winkel gebruikt, heeft een schermvergrendeling nodig: een pincode van minstens zes cijfers of een wachtwoord, met als je wilt een vingerafdruk of gezichtsherkenning erbij. Niet 1234, niet je geboortejaar en niet dezelfde code als het alarm van de winkel. Laat het apparaat na een minuut of twee vanzelf vergrendelen, en vergrendel de pc aan de toonbank zelf als je wegloopt. De vergrendeling zet ook de beveiliging van de opgeslagen gegevens aan: huidige telefoons versleutelen hun inhoud zodra er een schermvergrendeling is ingesteld, zodat een dief er niets mee kan. Op een laptop moet de versleuteling van de schijf aangezet worden; vraag het aan de eigenaar als je niet zeker weet of die op jouw laptop aanstaat.",
            },
            Words {
                en: "If a device is lost or stolen, or you simply cannot find it, report it at once with Report a problem, from the shop PC or another device, or call the owner. Do not wait a day to see whether it turns up. The owner can then end your Strongroom sessions, reset your second factor so the lost phone no longer works as one, and change the shared passwords in Passwords that the device knew, such as those of the shop's mail account or the webshop admin. If customer data may have been exposed, the shop has 72 hours from knowing about it to report it to the supervisory authority, in the Netherlands the Autoriteit Persoonsgegevens, so an early report matters. If the device turns up again, say so too.",
                nl: "Ben je een apparaat kwijt of is het gestolen, of kun je het gewoon niet vinden, meld het dan meteen met Probleem melden, vanaf de pc in de winkel of een ander apparaat, of bel de eigenaar. Wacht niet een dag af of het nog opduikt. De eigenaar kan dan je sessies in Strongroom beëindigen, je tweede factor opnieuw instellen zodat de kwijtgeraakte telefoon daar niet meer voor werkt, en de gedeelde wachtwoorden in Wachtwoorden wijzigen die het apparaat kende, zoals die van het mailaccount van de winkel of het beheer van de webshop. Kunnen er klantgegevens in verkeerde handen zijn gekomen, dan heeft de winkel 72 uur vanaf het moment dat ze het weet om dat te melden bij de toezichthouder, in Nederland de Autoriteit Persoonsgegevens. Daarom telt een snelle melding. Duikt het apparaat weer op, meld dat dan ook.",
            },
            Words {
                en: "The shop's laptop never stays in a car: not in the boot, not under a seat, not for five minutes while you fetch lunch. Cars are broken into for exactly such bags. The same goes for a laptop left on a café table or in the luggage rack of a train on the way to a trade fair or a supplier. Keep it with you, or leave it locked away in the shop.",
                nl: "De laptop van de winkel blijft nooit in de auto liggen: niet in de kofferbak, niet onder een stoel, ook niet vijf minuten terwijl je lunch haalt. Auto's worden juist om zulke tassen opengebroken. Hetzelfde geldt voor een laptop op een tafeltje in een café of in het bagagerek van de trein op weg naar een beurs of een leverancier. Houd hem bij je, of laat hem achter in de winkel, achter slot.",
            },
            Words {
                en: "Many of us read the shop's mail or get the second-factor code on our own phone. That phone is then partly a shop device: give it a screen lock, install updates when they come, do not hand it unlocked to children or friends, and tell the owner which phone you use for work. Before you sell, trade in or give away that phone, tell the owner so your second factor can be moved, and erase the phone completely.",
                nl: "Veel van ons lezen de winkelmail of krijgen de code voor de tweede factor op hun eigen telefoon. Die telefoon is dan voor een deel een apparaat van de winkel: zet er een schermvergrendeling op, installeer updates als ze komen, geef hem niet ontgrendeld aan kinderen of vrienden, en vertel de eigenaar welke telefoon je voor je werk gebruikt. Voordat je die telefoon verkoopt, inruilt of weggeeft, zeg je het tegen de eigenaar zodat je tweede factor kan worden overgezet, en wis je de telefoon helemaal.",
            },
            Words {
                en: "Finally, a USB stick found in the car park, on the counter or in the post is never plugged into a shop computer, not even to find out whose it is. A stick can carry malicious software that starts as soon as it is plugged in, and criminals leave them lying around on purpose. Hand it to the owner. A customer who brings pictures on a stick for a custom design can mail them to the shop instead.",
                nl: "Tot slot: een usb-stick die je vindt op de parkeerplaats, op de toonbank of in de post, gaat nooit in een computer van de winkel, ook niet om te kijken van wie hij is. Op een stick kan kwaadaardige software staan die start zodra je hem erin steekt, en criminelen laten ze met opzet rondslingeren. Geef hem aan de eigenaar. Brengt een klant foto's op een stick mee voor een ontwerp op maat, dan kan hij ze ook naar de winkel mailen.",
            },
        ],
        questions: &[
            Question {
                ask: Words {
                    en: "On Saturday evening you notice your phone is gone. It has the shop's mail and your authenticator app on it. When do you report it?",
                    nl: "Op zaterdagavond merk je dat je telefoon weg is. De winkelmail en je authenticator-app staan erop. Wanneer meld je het?",
                },
                options: &[
                    Words { en: "On Monday, when you are back in the shop.", nl: "Maandag, als je weer in de winkel bent." },
                    Words {
                        en: "After a day or two, if it has not turned up by then.",
                        nl: "Na een dag of twee, als hij dan nog niet is opgedoken.",
                    },
                    Words {
                        en: "Straight away, with Report a problem from another device, or by calling the owner.",
                        nl: "Meteen, met Probleem melden vanaf een ander apparaat, of door de eigenaar te bellen.",
                    },
                ],
                right: 2,
                why: Words {
                    en: "Every hour the phone is in the wrong hands, someone can read the shop's mail. An early report lets the owner cut off its access at once, and if it turns up, you simply say so.",
                    nl: "Elk uur dat de telefoon in verkeerde handen is, kan iemand de winkelmail lezen. Door snel te melden kan de eigenaar de toegang meteen afsluiten, en duikt hij op, dan meld je dat gewoon.",
                },
            },
            Question {
                ask: Words {
                    en: "You reported your lost phone. What can the owner do straight away?",
                    nl: "Je hebt je kwijtgeraakte telefoon gemeld. Wat kan de eigenaar meteen doen?",
                },
                options: &[
                    Words {
                        en: "End your Strongroom sessions, reset your second factor and change the shared passwords the phone knew.",
                        nl: "Je sessies in Strongroom beëindigen, je tweede factor opnieuw instellen en de gedeelde wachtwoorden wijzigen die de telefoon kende.",
                    },
                    Words {
                        en: "Nothing until the police have taken a report of the theft.",
                        nl: "Niets, totdat de politie aangifte van de diefstal heeft opgenomen.",
                    },
                    Words {
                        en: "Only wait: a phone with a screen lock is safe whatever happens.",
                        nl: "Alleen afwachten: een telefoon met schermvergrendeling is hoe dan ook veilig.",
                    },
                ],
                right: 0,
                why: Words {
                    en: "The owner does not need the police to act: ending sessions, resetting the second factor and changing shared passwords shut the doors the phone could open. A screen lock helps, but it is not a reason to leave them open.",
                    nl: "De eigenaar hoeft niet op de politie te wachten: sessies beëindigen, de tweede factor opnieuw instellen en gedeelde wachtwoorden wijzigen sluit de deuren die de telefoon kon openen. Een schermvergrendeling helpt, maar is geen reden om die deuren open te laten.",
                },
            },
            Question {
                ask: Words {
                    en: "On the way to a supplier of stones, you stop for lunch. What do you do with the shop's laptop?",
                    nl: "Op weg naar een edelsteenleverancier stop je om te lunchen. Wat doe je met de laptop van de winkel?",
                },
                options: &[
                    Words { en: "Put it in the boot, out of sight.", nl: "In de kofferbak leggen, uit het zicht." },
                    Words { en: "Take it with you.", nl: "Hem meenemen." },
                    Words {
                        en: "Leave it under a seat with the doors locked.",
                        nl: "Onder een stoel laten liggen, met de deuren op slot.",
                    },
                ],
                right: 1,
                why: Words {
                    en: "Cars are broken into for laptop bags, in the boot or under a seat, and even a short stop is long enough. The laptop stays with you or locked away in the shop.",
                    nl: "Auto's worden opengebroken voor laptoptassen, in de kofferbak of onder een stoel, en ook een korte stop is lang genoeg. De laptop blijft bij jou of ligt achter slot in de winkel.",
                },
            },
            Question {
                ask: Words {
                    en: "Which screen lock do you set on the tablet used at the counter?",
                    nl: "Welke schermvergrendeling zet je op de tablet aan de toonbank?",
                },
                options: &[
                    Words { en: "Your birth year: easy to remember for you.", nl: "Je geboortejaar: voor jou makkelijk te onthouden." },
                    Words {
                        en: "The same code as the shop's alarm, so staff only need one code.",
                        nl: "Dezelfde code als het alarm van de winkel, dan hoeft het personeel maar één code te kennen.",
                    },
                    Words {
                        en: "None: it stays in the shop, and a lock only slows down service.",
                        nl: "Geen: hij blijft in de winkel, en een vergrendeling houdt de klant alleen maar op.",
                    },
                    Words {
                        en: "A PIN of at least six digits that is used for nothing else.",
                        nl: "Een pincode van minstens zes cijfers die nergens anders voor wordt gebruikt.",
                    },
                ],
                right: 3,
                why: Words {
                    en: "A birth year is easy to guess, and sharing the alarm code means one leak opens two doors. A tablet in the shop can still be picked up from the counter, so it needs its own lock.",
                    nl: "Een geboortejaar is makkelijk te raden, en dezelfde code als het alarm betekent dat één lek twee deuren opent. Ook een tablet in de winkel kan van de toonbank worden meegenomen, dus hij heeft een eigen vergrendeling nodig.",
                },
            },
            Question {
                ask: Words {
                    en: "You find a USB stick labelled “Salaries” in the shop's car park. What do you do?",
                    nl: "Je vindt op de parkeerplaats van de winkel een usb-stick met het etiket “Salarissen”. Wat doe je?",
                },
                options: &[
                    Words {
                        en: "Plug it into the counter PC to see whose it is, so you can return it.",
                        nl: "Hem in de pc aan de toonbank steken om te kijken van wie hij is, zodat je hem kunt teruggeven.",
                    },
                    Words {
                        en: "Plug it into your own laptop at home, not into a shop computer.",
                        nl: "Hem thuis in je eigen laptop steken, niet in een computer van de winkel.",
                    },
                    Words {
                        en: "Give it to the owner without plugging it in anywhere.",
                        nl: "Hem aan de eigenaar geven zonder hem ergens in te steken.",
                    },
                ],
                right: 2,
                why: Words {
                    en: "A tempting label is a classic trick: the stick may start malicious software the moment it is plugged in. Your own laptop often holds shop mail too, so it is no safe place to try it either.",
                    nl: "Een verleidelijk etiket is een bekende truc: de stick kan kwaadaardige software starten zodra hij erin zit. Op je eigen laptop staat vaak ook winkelmail, dus daar probeer je hem ook niet.",
                },
            },
            Question {
                ask: Words {
                    en: "You are selling your own phone, which you used for the shop's mail and your second-factor codes. What do you do?",
                    nl: "Je verkoopt je eigen telefoon, waarop je de winkelmail las en je codes voor de tweede factor kreeg. Wat doe je?",
                },
                options: &[
                    Words { en: "Sign out of the mail app; that is enough.", nl: "Uitloggen in de mail-app; dat is genoeg." },
                    Words {
                        en: "Tell the owner first so your second factor can be moved, then erase the phone completely.",
                        nl: "Eerst de eigenaar inlichten zodat je tweede factor kan worden overgezet, en daarna de telefoon helemaal wissen.",
                    },
                    Words {
                        en: "Sell it as it is: the buyer will not go looking through old mail.",
                        nl: "Hem verkopen zoals hij is: de koper gaat heus niet in oude mail zoeken.",
                    },
                ],
                right: 1,
                why: Words {
                    en: "Signing out leaves the authenticator app, saved files and photos behind. Moving the second factor keeps you able to sign in, and a full erase makes sure nothing of the shop leaves with the phone.",
                    nl: "Na uitloggen blijven de authenticator-app, opgeslagen bestanden en foto's achter. Door de tweede factor over te zetten kun je blijven inloggen, en een volledige wisbeurt zorgt dat er niets van de winkel met de telefoon meegaat.",
                },
            },
        ],
        pass_percent: 80,
    },
    Lesson {
        id: "ransomware",
        month: 8,
        basics: false,
        roles: &[],
        title: Words { en: "Ransomware and backups", nl: "Ransomware en back-ups" },
        summary: Words {
            en: "What ransomware is, how it gets in, how to spot it, what to do in the first minutes, and why tested backups and updates keep the shop going.",
            nl: "Wat ransomware is, hoe het binnenkomt, hoe je het herkent, wat je in de eerste minuten doet, en waarom geteste back-ups en updates de winkel draaiende houden.",
        },
        body: &[
            Words {
                en: "Ransomware is malicious software that locks the files on a computer so they can no longer be opened, and then shows a ransom note: pay, usually in cryptocurrency, and you will get the key. For a jewelry shop that can mean a day without the repair list, the customer records or the webshop orders. Criminals sometimes also threaten to publish what they copied, customer lists included.",
                nl: "Ransomware is kwaadaardige software die de bestanden op een computer op slot zet, zodat je ze niet meer kunt openen, en daarna een losgeldbrief laat zien: betaal, meestal in cryptomunten, en je krijgt de sleutel. Voor een juwelier kan dat een dag betekenen zonder reparatielijst, klantgegevens of bestellingen uit de webshop. Soms dreigen de criminelen ook te publiceren wat ze hebben gekopieerd, klantenlijsten inbegrepen.",
            },
            Words {
                en: "It usually gets in through someone in the shop. An attachment in a mail: an “invoice” from a supplier, a “delivery notice” from a courier, a “complaint” with a photo attached. A fake update: a website says your browser must be updated and offers a download, while real updates come from the device's own update settings, never from a pop-up on a website. Or remote access: someone phones, says they are from the bank, the payment provider or “IT support”, and asks you to install a program so they can look at your screen. Never do that: hang up and tell the owner.",
                nl: "Meestal komt het binnen via iemand in de winkel. Een bijlage in een mail: een “factuur” van een leverancier, een “bezorgbericht” van een koerier, een “klacht” met een foto als bijlage. Een nepupdate: een website zegt dat je browser bijgewerkt moet worden en biedt een download aan, terwijl echte updates uit de eigen instellingen van het apparaat komen, nooit uit een pop-up op een website. Of toegang op afstand: iemand belt, zegt van de bank, de betaalprovider of “de IT-afdeling” te zijn, en vraagt je een programma te installeren zodat hij kan meekijken op je scherm. Doe dat nooit: hang op en vertel het de eigenaar.",
            },
            Words {
                en: "Learn the signs: files that suddenly will not open, file names with a strange new ending, icons that have all changed, a computer that becomes very slow while its disk keeps working, or a note on the screen or in every folder. Act on the first sign; you do not have to be sure. Do this, in this order:",
                nl: "Ken de signalen: bestanden die ineens niet meer opengaan, bestandsnamen met een vreemde nieuwe extensie, pictogrammen die allemaal veranderd zijn, een computer die heel traag wordt terwijl de schijf maar blijft draaien, of een briefje op het scherm of in elke map. Kom bij het eerste signaal in actie; je hoeft het niet zeker te weten. Doe dit, in deze volgorde:",
            },
            Words {
                en: "- Pull out the network cable and turn off the wifi, so it cannot spread to the other computers, the tablet at the counter or the backups.",
                nl: "- Trek de netwerkkabel eruit en zet de wifi uit, zodat het zich niet kan verspreiden naar de andere computers, de tablet aan de toonbank of de back-ups.",
            },
            Words {
                en: "- Do not switch the computer off, do not pay and do not reply to the note. Leave it as it is: it helps find out what happened, and paying is not your decision and guarantees nothing.",
                nl: "- Zet de computer niet uit, betaal niet en reageer niet op het briefje. Laat hem zoals hij is: dat helpt om uit te zoeken wat er gebeurd is, en betalen is niet jouw beslissing en garandeert niets.",
            },
            Words {
                en: "- Report it with Report a problem from another device, and call the owner, even in the evening. If Strongroom cannot be reached, just call. The owner decides about restoring and about reporting: if customer data may have been copied, the 72 hours for telling the supervisory authority have started.",
                nl: "- Meld het met Probleem melden vanaf een ander apparaat, en bel de eigenaar, ook 's avonds. Is Strongroom niet bereikbaar, bel dan gewoon. De eigenaar beslist over het terugzetten en over het melden: als er klantgegevens gekopieerd kunnen zijn, lopen de 72 uur om het de toezichthouder te laten weten al.",
            },
            Words {
                en: "Backups are what let the shop start again without paying. Strongroom makes encrypted backups and keeps them elsewhere, away from the shop PC, so ransomware on that PC cannot lock them and a thief cannot read them. The owner tests them by actually restoring them, because a backup that has never been restored is a hope, not a backup. Customers, repairs and purchases are in Strongroom's backups; a price list that lives only on the desktop of the counter PC is not, so ask the owner where such files belong.",
                nl: "Dankzij back-ups kan de winkel weer verder zonder te betalen. Strongroom maakt versleutelde back-ups en bewaart ze ergens anders, niet op de pc in de winkel, zodat ransomware op die pc ze niet op slot kan zetten en een dief ze niet kan lezen. De eigenaar test ze door ze echt terug te zetten, want een back-up die nog nooit is teruggezet, is een hoop en geen back-up. Klanten, reparaties en aankopen staan in de back-ups van Strongroom; een prijslijst die alleen op het bureaublad van de pc aan de toonbank staat niet, dus vraag de eigenaar waar zulke bestanden horen.",
            },
            Words {
                en: "Updates close the holes that ransomware uses to get in. Install them on every device: the shop PC, the counter tablet, the laptop, phones with shop mail, and the router. Leave automatic updates switched on, and when one asks for a restart, do it at closing time the same day, not “some day”.",
                nl: "Updates dichten de gaten waar ransomware doorheen komt. Installeer ze op elk apparaat: de pc in de winkel, de tablet aan de toonbank, de laptop, telefoons met winkelmail en de router. Laat automatische updates aanstaan, en als er een om een herstart vraagt, doe dat dan dezelfde dag bij sluitingstijd, niet “een keer”.",
            },
        ],
        questions: &[
            Question {
                ask: Words { en: "What is ransomware?", nl: "Wat is ransomware?" },
                options: &[
                    Words {
                        en: "A fake mail from a supplier asking you to pay an invoice into a new bank account.",
                        nl: "Een nepmail van een leverancier die vraagt een factuur op een nieuw rekeningnummer te betalen.",
                    },
                    Words {
                        en: "A program that secretly copies passwords without anything showing on the screen.",
                        nl: "Een programma dat stiekem wachtwoorden kopieert zonder dat je iets op het scherm ziet.",
                    },
                    Words {
                        en: "Malicious software that locks your files and demands money to unlock them.",
                        nl: "Kwaadaardige software die je bestanden op slot zet en geld eist om ze weer vrij te geven.",
                    },
                ],
                right: 2,
                why: Words {
                    en: "Ransomware locks files and shows a ransom note asking for payment. A fake invoice is fraud by mail, and a hidden password thief is a different kind of malicious software.",
                    nl: "Ransomware zet bestanden op slot en laat een losgeldbrief zien waarin om geld wordt gevraagd. Een nepfactuur is oplichting per mail, en een verborgen wachtwoorddief is een ander soort kwaadaardige software.",
                },
            },
            Question {
                ask: Words {
                    en: "While you look up a watch model, a website shows “Your browser is out of date: update now”. What do you do?",
                    nl: "Terwijl je een horlogemodel opzoekt, meldt een website: “Je browser is verouderd: nu bijwerken”. Wat doe je?",
                },
                options: &[
                    Words {
                        en: "Close the page: real updates come from the device's own update settings.",
                        nl: "De pagina sluiten: echte updates komen uit de eigen instellingen van het apparaat.",
                    },
                    Words {
                        en: "Click it: updates are important for security.",
                        nl: "Erop klikken: updates zijn belangrijk voor de beveiliging.",
                    },
                    Words {
                        en: "Click it, and run a virus scan afterwards to be safe.",
                        nl: "Erop klikken en daarna voor de zekerheid een virusscan doen.",
                    },
                ],
                right: 0,
                why: Words {
                    en: "A pop-up on a website offering an update is a common way to slip in malicious software. Real updates arrive through the device's own settings, and a scan afterwards may come too late.",
                    nl: "Een pop-up op een website die een update aanbiedt, is een veelgebruikte manier om kwaadaardige software binnen te smokkelen. Echte updates komen via de eigen instellingen van het apparaat, en een scan achteraf kan te laat zijn.",
                },
            },
            Question {
                ask: Words {
                    en: "On the shop PC, files suddenly have a strange ending and will not open, and a note appears on the screen. What do you do first?",
                    nl: "Op de pc in de winkel hebben bestanden ineens een vreemde extensie en gaan ze niet meer open, en er verschijnt een briefje op het scherm. Wat doe je eerst?",
                },
                options: &[
                    Words { en: "Switch the computer off at once.", nl: "De computer meteen uitzetten." },
                    Words {
                        en: "Try to open the files one by one to see which ones still work.",
                        nl: "De bestanden een voor een proberen te openen om te zien welke het nog doen.",
                    },
                    Words {
                        en: "Restart it, in case it is just a glitch.",
                        nl: "Hem opnieuw opstarten, misschien is het maar een storing.",
                    },
                    Words {
                        en: "Pull out the network cable and turn off the wifi, but leave the computer on.",
                        nl: "De netwerkkabel eruit trekken en de wifi uitzetten, maar de computer aan laten.",
                    },
                ],
                right: 3,
                why: Words {
                    en: "Cutting the network stops the ransomware from reaching other devices and the backups. Leaving the computer on, as it is, helps find out what happened.",
                    nl: "Door het netwerk los te koppelen kan de ransomware niet bij andere apparaten en de back-ups komen. Door de computer aan te laten zoals hij is, kun je beter uitzoeken wat er gebeurd is.",
                },
            },
            Question {
                ask: Words {
                    en: "The note says the files will be gone for good unless the shop pays within 24 hours. What do you do?",
                    nl: "Op het briefje staat dat de bestanden voorgoed weg zijn als de winkel niet binnen 24 uur betaalt. Wat doe je?",
                },
                options: &[
                    Words {
                        en: "Do not pay or reply: report it, call the owner and let the owner decide.",
                        nl: "Niet betalen en niet reageren: het melden, de eigenaar bellen en de eigenaar laten beslissen.",
                    },
                    Words {
                        en: "Pay it: losing the repair records would cost more.",
                        nl: "Betalen: de reparatiegegevens kwijtraken zou meer kosten.",
                    },
                    Words { en: "Reply to the note and ask for more time.", nl: "Op het briefje reageren en om meer tijd vragen." },
                ],
                right: 0,
                why: Words {
                    en: "Deadlines in a ransom note are there to make you panic. Paying guarantees nothing, and with tested backups the shop can often start again without it; that decision is the owner's.",
                    nl: "De termijn in een losgeldbrief is er om je in paniek te brengen. Betalen garandeert niets, en met geteste back-ups kan de winkel vaak zonder betalen weer verder; die beslissing is aan de eigenaar.",
                },
            },
            Question {
                ask: Words { en: "When is a backup really worth something?", nl: "Wanneer is een back-up echt iets waard?" },
                options: &[
                    Words {
                        en: "When it is made every day, whatever else happens to it.",
                        nl: "Als hij elke dag wordt gemaakt, wat er verder ook mee gebeurt.",
                    },
                    Words {
                        en: "When it has been tested by restoring it, and is kept where ransomware on the shop PC cannot reach it.",
                        nl: "Als hij getest is door hem terug te zetten, en bewaard wordt waar ransomware op de pc in de winkel niet bij kan.",
                    },
                    Words {
                        en: "When it is on a USB disk that stays plugged into the shop PC.",
                        nl: "Als hij op een usb-schijf staat die altijd in de pc van de winkel blijft zitten.",
                    },
                ],
                right: 1,
                why: Words {
                    en: "A disk that stays plugged in can be locked together with everything else, and a backup that was never restored may not work when you need it.",
                    nl: "Een schijf die altijd aangesloten blijft, kan samen met al het andere op slot worden gezet, en een back-up die nooit is teruggezet, werkt misschien niet als je hem nodig hebt.",
                },
            },
            Question {
                ask: Words {
                    en: "On a busy Saturday the counter tablet asks to install an update and restart. What do you do?",
                    nl: "Op een drukke zaterdag vraagt de tablet aan de toonbank om een update te installeren en opnieuw op te starten. Wat doe je?",
                },
                options: &[
                    Words {
                        en: "Turn automatic updates off so they stop interrupting sales.",
                        nl: "Automatische updates uitzetten, zodat ze de verkoop niet meer onderbreken.",
                    },
                    Words { en: "Keep postponing it until it stops asking.", nl: "Het steeds uitstellen tot hij er niet meer om vraagt." },
                    Words {
                        en: "Install it today, at closing time if the shop is too busy now.",
                        nl: "Hem vandaag installeren, bij sluitingstijd als het nu te druk is.",
                    },
                ],
                right: 2,
                why: Words {
                    en: "Updates close the holes that ransomware uses, so they should not wait for “some day”. Closing time the same day keeps both the customers and the tablet safe.",
                    nl: "Updates dichten de gaten die ransomware gebruikt, dus ze moeten niet wachten tot “een keer”. Bij sluitingstijd dezelfde dag help je de klanten en houd je de tablet veilig.",
                },
            },
        ],
        pass_percent: 80,
    },
];
