//! The course's lessons for months 9 to 12 (issue 17): mail and pickups that reach the wrong person, reporting an incident,
//! customers' privacy rights, and wifi, working at home and travelling with stock.

use super::course::{Lesson, Question, Words};

pub(super) const LESSONS: &[Lesson] = &[
    Lesson {
        id: "wrong-recipient",
        month: 9,
        basics: false,
        roles: &[],
        title: Words { en: "Wrong-recipient mistakes", nl: "Fouten met de verkeerde ontvanger" },
        summary: Words {
            en: "How a mail, a repair photo or a bag at pickup ends up with the wrong customer, how to prevent it, and what to do when it happened.",
            nl: "Hoe een mail, een reparatiefoto of een tasje bij het ophalen bij de verkeerde klant belandt, hoe je dat voorkomt en wat je doet als het toch gebeurd is.",
        },
        body: &[
            Words {
                en: "Many leaks of customer data in a shop are not the work of hackers. They are an ordinary slip: a mail to the wrong Mrs Jansen, a repair photo sent to the customer who brought in a different ring, a bag handed over the counter to the wrong person. Each of these tells a stranger what someone owns, what it is worth and sometimes where they live. For a jeweler's customer, that is exactly what a burglar wants to know.",
                nl: "Veel lekken van klantgegevens in een winkel zijn niet het werk van hackers. Het is een gewone vergissing: een mail naar de verkeerde mevrouw Jansen, een reparatiefoto naar de klant die een andere ring kwam brengen, een tasje dat over de toonbank aan de verkeerde persoon wordt meegegeven. Zo hoort een vreemde wat iemand bezit, wat het waard is en soms waar die persoon woont. Voor de klant van een juwelier is dat precies wat een inbreker wil weten.",
            },
            Words {
                en: "The shop's mail program fills in an address after a few letters. That is handy, and it is also how a quote for a custom engagement ring ends up with a supplier of stones, or an appraisal for Peter de Vries goes to Pieter de Vries. Before you press Send, read the whole address, not just the name it shows. Check the attachment too: the right photo, the right certificate, the right customer? When you answer a customer, reply to the mail they sent instead of typing their name into a new one.",
                nl: "Het mailprogramma van de winkel vult na een paar letters zelf een adres in. Handig, maar zo komt een offerte voor een verlovingsring op maat ook bij een edelsteenleverancier terecht, of gaat een taxatie voor Peter de Vries naar Pieter de Vries. Lees voordat je op Verzenden drukt het hele adres, niet alleen de naam die erbij staat. Kijk ook naar de bijlage: de goede foto, het goede certificaat, de goede klant? Als je een klant antwoordt, beantwoord dan de mail die hij stuurde in plaats van zijn naam in een nieuwe mail te typen.",
            },
            Words {
                en: "When you mail several customers at once, for example to invite them to an evening with the new collection or to say the shop is closed for a week, put their addresses in BCC, never in To or CC. In To or CC every customer sees every other customer's address, and a list of people who buy jewelry is worth its weight in gold to a thief. Send such mails only to customers who agreed to receive them.",
                nl: "Mail je meerdere klanten tegelijk, bijvoorbeeld om ze uit te nodigen voor een avond met de nieuwe collectie of om te laten weten dat de winkel een week dicht is, zet hun adressen dan in BCC, nooit in Aan of CC. In Aan of CC ziet elke klant het adres van alle anderen, en een lijst van mensen die sieraden kopen is voor een dief goud waard. Stuur zulke mails alleen naar klanten die daar toestemming voor hebben gegeven.",
            },
            Words {
                en: "At the counter the same mistake happens with things. A repaired ring, a watch back from service or an appraisal certificate for the insurance carries a customer's name, often their address and the value of the piece. At pickup, ask for the pickup slip and the name, and check both against the repair intake. No slip? Then check who the person is before you hand anything over, and if someone collects for somebody else, check that the customer arranged it. Letters and certificates go in an envelope with the right name, one customer per envelope.",
                nl: "Aan de toonbank gebeurt dezelfde fout met spullen. Een gerepareerde ring, een horloge terug van onderhoud of een taxatierapport voor de verzekering draagt de naam van een klant, vaak ook het adres en de waarde van het stuk. Vraag bij het ophalen naar de ophaalbon en de naam, en vergelijk beide met de reparatiebon. Geen ophaalbon? Controleer dan eerst wie je voor je hebt voordat je iets meegeeft, en als iemand iets voor een ander ophaalt, controleer dan of de klant dat zo heeft afgesproken. Brieven en certificaten gaan in een envelop met de goede naam, één klant per envelop.",
            },
            Words {
                en: "Even careful people make this mistake once. What matters is what you do next:",
                nl: "Ook zorgvuldige mensen maken deze fout een keer. Waar het om gaat, is wat je daarna doet:",
            },
            Words {
                en: "- Report it at once with Report a problem in the menu. It takes a minute, and nobody is blamed for a report.",
                nl: "- Meld het meteen met Probleem melden in het menu. Dat kost een minuut, en niemand krijgt de schuld van een melding.",
            },
            Words {
                en: "- Say what was sent or handed over, to whom and when. You do not have to decide whether it is serious: the owner and the privacy officer do that.",
                nl: "- Schrijf op wat er verstuurd of meegegeven is, aan wie en wanneer. Jij hoeft niet te beoordelen of het ernstig is: dat doen de eigenaar en de privacyfunctionaris.",
            },
            Words {
                en: "- If you can reach the person who received it, ask them politely to delete the mail or to bring the document back, and note what they said.",
                nl: "- Kun je degene bereiken die het kreeg, vraag dan vriendelijk of die de mail verwijdert of het document terugbrengt, en noteer wat er gezegd werd.",
            },
            Words {
                en: "Never hide it, never hope nobody notices, and never quietly fix it on your own. Why the hurry? One customer's data sent to the wrong person can be a personal-data breach. The shop then has 72 hours from becoming aware of it to tell the supervisory authority, in the Netherlands the Autoriteit Persoonsgegevens, and sometimes it must tell the customer too. Once you know, the shop may count as knowing, so a mistake kept quiet for a week is a much bigger problem than the mistake itself.",
                nl: "Verstop het nooit, hoop niet dat niemand het merkt, en los het nooit stilletjes zelf op. Waarom zo snel? Gegevens van één klant die bij de verkeerde persoon terechtkomen, kunnen een datalek zijn. De winkel moet dat dan binnen 72 uur nadat hij het weet melden aan de toezichthouder, in Nederland de Autoriteit Persoonsgegevens, en soms moet ook de klant het horen. Zodra jij het weet, kan het gelden alsof de winkel het weet. Een fout die je een week stilhoudt, is daarom een veel groter probleem dan de fout zelf.",
            },
        ],
        questions: &[
            Question {
                ask: Words {
                    en: "You are about to mail a repair quote. After typing “Jans” the address field filled in an address by itself. What do you do?",
                    nl: "Je wilt een reparatieofferte mailen. Na “Jans” heeft het adresveld zelf een adres ingevuld. Wat doe je?",
                },
                options: &[
                    Words {
                        en: "Send it: the mail program knows the shop's customers.",
                        nl: "Versturen: het mailprogramma kent de klanten van de winkel.",
                    },
                    Words {
                        en: "Read the whole address and check that it belongs to this customer before sending.",
                        nl: "Het hele adres lezen en controleren of het van deze klant is voordat je verstuurt.",
                    },
                    Words {
                        en: "Send it and put the shop's own address in CC, so there is a copy.",
                        nl: "Versturen en het adres van de winkel in CC zetten, dan is er een kopie.",
                    },
                ],
                right: 1,
                why: Words {
                    en: "Autocomplete picks an address that matches the letters, not the right customer. Only reading the full address before sending catches a quote on its way to the wrong Jansen.",
                    nl: "Automatisch aanvullen kiest een adres dat bij de letters past, niet de juiste klant. Alleen als je het hele adres leest voor het versturen, vang je een offerte op weg naar de verkeerde Jansen af.",
                },
            },
            Question {
                ask: Words {
                    en: "You invite twenty customers by mail to an evening with the new collection. Where do their addresses go?",
                    nl: "Je nodigt twintig klanten per mail uit voor een avond met de nieuwe collectie. Waar zet je hun adressen?",
                },
                options: &[
                    Words { en: "In the BCC field.", nl: "In het BCC-veld." },
                    Words {
                        en: "In To, so every customer feels personally invited.",
                        nl: "In Aan, dan voelt elke klant zich persoonlijk uitgenodigd.",
                    },
                    Words { en: "In CC, so everyone can see who else is coming.", nl: "In CC, dan ziet iedereen wie er nog meer komt." },
                ],
                right: 0,
                why: Words {
                    en: "In To or CC every customer sees all the other addresses: a list of people who buy jewelry. BCC keeps each address hidden from the others.",
                    nl: "In Aan of CC ziet elke klant alle andere adressen: een lijst van mensen die sieraden kopen. Met BCC blijft ieders adres verborgen voor de anderen.",
                },
            },
            Question {
                ask: Words {
                    en: "Someone comes to pick up a repaired bracelet without a pickup slip. He says it belongs to his mother and knows her name. What do you do?",
                    nl: "Iemand komt een gerepareerde armband ophalen zonder ophaalbon. Hij zegt dat die van zijn moeder is en kent haar naam. Wat doe je?",
                },
                options: &[
                    Words {
                        en: "Hand it over: he knows the name, so it must be fine.",
                        nl: "Meegeven: hij kent de naam, dus het zit wel goed.",
                    },
                    Words {
                        en: "Read him the repair number and the amount so he can confirm them.",
                        nl: "Hem het reparatienummer en het bedrag voorlezen zodat hij ze kan bevestigen.",
                    },
                    Words {
                        en: "Check who he is and whether his mother arranged it, for example by calling her, before you hand anything over.",
                        nl: "Controleren wie hij is en of zijn moeder het zo heeft afgesproken, bijvoorbeeld door haar te bellen, voordat je iets meegeeft.",
                    },
                ],
                right: 2,
                why: Words {
                    en: "A name is easy to know; the slip is the proof. Without it, check who is in front of you and that the customer arranged the pickup, and never read details out to them.",
                    nl: "Een naam is makkelijk te weten; de ophaalbon is het bewijs. Zonder bon controleer je wie er voor je staat en of de klant het ophalen heeft afgesproken, en lees je nooit gegevens aan hem voor.",
                },
            },
            Question {
                ask: Words {
                    en: "You notice you mailed a customer's appraisal certificate to another customer. What comes first?",
                    nl: "Je merkt dat je het taxatierapport van een klant naar een andere klant hebt gemaild. Wat doe je eerst?",
                },
                options: &[
                    Words {
                        en: "Wait and see whether the other customer says anything.",
                        nl: "Afwachten of de andere klant er iets over zegt.",
                    },
                    Words {
                        en: "Send the right customer the certificate as well, and leave it at that.",
                        nl: "De juiste klant het rapport alsnog sturen en het daarbij laten.",
                    },
                    Words {
                        en: "Delete the sent mail from the shop's mailbox.",
                        nl: "De verzonden mail uit de mailbox van de winkel verwijderen.",
                    },
                    Words { en: "Report it at once with Report a problem.", nl: "Het meteen melden met Probleem melden." },
                ],
                right: 3,
                why: Words {
                    en: "This may be a data breach, and the shop has 72 hours from becoming aware of it to tell the supervisory authority. Deleting your copy does not delete theirs; reporting at once gives the owner and the privacy officer the time they need.",
                    nl: "Dit kan een datalek zijn, en de winkel heeft 72 uur nadat hij het weet om het te melden aan de toezichthouder. Jouw kopie verwijderen haalt de hunne niet weg; meteen melden geeft de eigenaar en de privacyfunctionaris de tijd die ze nodig hebben.",
                },
            },
            Question {
                ask: Words {
                    en: "Why should a mail to the wrong recipient be reported within hours rather than days?",
                    nl: "Waarom moet je een mail aan de verkeerde ontvanger binnen uren melden en niet pas na dagen?",
                },
                options: &[
                    Words {
                        en: "Because a sent mail can only be called back within a day.",
                        nl: "Omdat je een verzonden mail maar een dag lang kunt terughalen.",
                    },
                    Words {
                        en: "Because the shop may have only 72 hours from becoming aware of a breach to tell the supervisory authority.",
                        nl: "Omdat de winkel na het ontdekken van een datalek misschien maar 72 uur heeft om het aan de toezichthouder te melden.",
                    },
                    Words { en: "Because otherwise the customer gets a fine.", nl: "Omdat de klant anders een boete krijgt." },
                ],
                right: 1,
                why: Words {
                    en: "A wrong recipient can be a personal-data breach, and the 72 hours run from when the shop became aware of it. Every hour the report waits is an hour the owner cannot use.",
                    nl: "Een verkeerde ontvanger kan een datalek zijn, en de 72 uur lopen vanaf het moment dat de winkel het wist. Elk uur dat de melding wacht, is een uur dat de eigenaar niet kan gebruiken.",
                },
            },
            Question {
                ask: Words {
                    en: "A colleague sent a repair photo to the wrong customer, asked her to delete it, and she did. Does it still need to be reported?",
                    nl: "Een collega stuurde een reparatiefoto naar de verkeerde klant, vroeg haar die te verwijderen, en dat deed ze. Moet het nog gemeld worden?",
                },
                options: &[
                    Words { en: "No: it was deleted, so nothing happened.", nl: "Nee: de foto is verwijderd, dus er is niets gebeurd." },
                    Words { en: "Only if the customer in the photo complains.", nl: "Alleen als de klant van wie de foto is gaat klagen." },
                    Words {
                        en: "Yes: report it and mention that it was deleted; the owner and the privacy officer decide what follows.",
                        nl: "Ja: meld het en vermeld dat de foto verwijderd is; de eigenaar en de privacyfunctionaris beslissen wat er verder gebeurt.",
                    },
                ],
                right: 2,
                why: Words {
                    en: "Every breach has to be recorded, even a small one that was put right. That the recipient deleted it is useful to know, but it is for the owner and the privacy officer to judge.",
                    nl: "Elk datalek moet worden vastgelegd, ook een klein lek dat al is rechtgezet. Dat de ontvanger de foto verwijderde is nuttig om te weten, maar de eigenaar en de privacyfunctionaris beoordelen het.",
                },
            },
        ],
        pass_percent: 80,
    },
    Lesson {
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
                    Words {
                        en: "No: nothing happened, because I typed nothing.",
                        nl: "Nee: er is niets gebeurd, want ik heb niets getypt.",
                    },
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
                    Words {
                        en: "The report records that it was your fault.",
                        nl: "In de melding wordt vastgelegd dat het jouw schuld was.",
                    },
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
                    Words {
                        en: "It is ignored anyway, so you may skip it.",
                        nl: "Er wordt toch niets mee gedaan, dus je kunt hem overslaan.",
                    },
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
    },
    Lesson {
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
    },
    Lesson {
        id: "wifi-home",
        month: 12,
        basics: false,
        roles: &[],
        title: Words { en: "Public wifi and working at home", nl: "Openbare wifi en thuiswerken" },
        summary: Words {
            en: "The shop's own and guest wifi, working safely in a café or at a trade fair, at home, and when travelling with stock.",
            nl: "De eigen wifi en gastenwifi van de winkel, veilig werken in een café of op een beurs, thuis, en onderweg met voorraad.",
        },
        body: &[
            Words {
                en: "Strongroom itself is well protected, but you always reach it through a network and a device. This lesson is about those: the shop's wifi, wifi away from the shop, the computer at home, and the laptop you take to a trade fair.",
                nl: "Strongroom zelf is goed beveiligd, maar je komt er altijd via een netwerk en een apparaat. Daar gaat deze les over: de wifi van de winkel, wifi buiten de winkel, de computer thuis en de laptop die je meeneemt naar een beurs.",
            },
            Words {
                en: "The shop's wifi. A shop should have two networks: its own, for the shop PC, the card terminal and the printer, and a separate guest network for customers waiting for a repair or a resized ring. Never give a customer, a courier or a friendly sales rep the password of the shop's own network, not even “just for a minute”: whoever is on that network is one step closer to everything on it. The wifi passwords are kept in Passwords in the menu. When someone asks, give the guest network.",
                nl: "De wifi van de winkel. Een winkel hoort twee netwerken te hebben: het eigen netwerk, voor de winkelcomputer, de pinautomaat en de printer, en een apart gastennetwerk voor klanten die wachten op een reparatie of een vermaakte ring. Geef het wachtwoord van het eigen netwerk nooit aan een klant, een koerier of een vriendelijke vertegenwoordiger, ook niet “heel even”: wie op dat netwerk zit, is een stap dichter bij alles wat erop hangt. De wifiwachtwoorden staan in Wachtwoorden in het menu. Vraagt iemand erom, geef dan het gastennetwerk.",
            },
            Words {
                en: "Public wifi. The wifi of a café, a hotel or a trade fair hall is shared with strangers, and anyone can set up a network with a name like “Fair-Free-Wifi”. If you need to work away from the shop, use your phone's hotspot instead. Strongroom only works over HTTPS: check that the browser shows the padlock and the shop's own address, exactly as you know it. If the browser warns about the connection or the address looks slightly different, stop, do not sign in, and report it with Report a problem.",
                nl: "Openbare wifi. De wifi van een café, een hotel of een beurshal deel je met onbekenden, en iedereen kan een netwerk opzetten met een naam als “Beurs-Gratis-Wifi”. Moet je buiten de winkel werken, gebruik dan de hotspot van je telefoon. Strongroom werkt alleen via HTTPS: controleer of de browser het slotje toont en het eigen adres van de winkel, precies zoals je het kent. Waarschuwt de browser voor de verbinding of ziet het adres er net anders uit, stop dan, log niet in en meld het met Probleem melden.",
            },
            Words {
                en: "Working at home. Sometimes you finish an order for a supplier or answer a customer's mail from home. Then:",
                nl: "Thuiswerken. Soms maak je thuis een bestelling voor een leverancier af of beantwoord je de mail van een klant. Let dan op het volgende:",
            },
            Words {
                en: "- Use a device of the shop, or your own only if it has the latest updates and a screen lock with a PIN or password.",
                nl: "- Gebruik een apparaat van de winkel, of je eigen apparaat alleen als de laatste updates erop staan en het een schermvergrendeling met pincode of wachtwoord heeft.",
            },
            Words {
                en: "- Do not let family members use the shop's accounts or your signed-in browser, not even to look something up quickly.",
                nl: "- Laat huisgenoten de accounts van de winkel of je ingelogde browser niet gebruiken, ook niet om snel iets op te zoeken.",
            },
            Words {
                en: "- Lock the screen when you walk away, at home too; Strongroom also signs you out after a short time without use.",
                nl: "- Vergrendel je scherm als je wegloopt, ook thuis; Strongroom logt je bovendien uit als je een korte tijd niets doet.",
            },
            Words {
                en: "- Do not print customer data at home, and do not save customer lists, repair photos or certificates on a personal computer or in a personal cloud folder.",
                nl: "- Print thuis geen klantgegevens, en sla geen klantenlijsten, reparatiefoto's of certificaten op op een eigen computer of in een eigen cloudmap.",
            },
            Words {
                en: "Trade fairs and travel with stock. At a trade fair, or on the way to a customer with a tray of rings, you are a target twice: for your stock and for your screen. People behind you can read a customer's address or your password over your shoulder, so sit with your back to a wall and type your password out of sight. The laptop or tablet is never out of sight: not on the stand while you get coffee, not in the car, not in a bag under the table. If it does go missing, report it at once.",
                nl: "Beurzen en onderweg met voorraad. Op een beurs, of onderweg naar een klant met een presentatieblad vol ringen, ben je twee keer een doelwit: voor je voorraad en voor je scherm. Mensen achter je kunnen over je schouder het adres van een klant of je wachtwoord meelezen, dus ga met je rug naar een muur zitten en typ je wachtwoord buiten het zicht van anderen. De laptop of tablet blijft altijd in het zicht: niet op de stand laten liggen als je koffie haalt, niet in de auto, niet in een tas onder de tafel. Raakt hij toch kwijt, meld het dan meteen.",
            },
        ],
        questions: &[
            Question {
                ask: Words {
                    en: "A customer waiting for a watch repair asks for the wifi password. What do you give?",
                    nl: "Een klant die op een horlogereparatie wacht, vraagt om het wifiwachtwoord. Wat geef je?",
                },
                options: &[
                    Words {
                        en: "The password of the shop's own network: she is a regular customer.",
                        nl: "Het wachtwoord van het eigen netwerk van de winkel: ze is een vaste klant.",
                    },
                    Words {
                        en: "The password of the guest network for customers.",
                        nl: "Het wachtwoord van het gastennetwerk voor klanten.",
                    },
                    Words { en: "The password of your own phone's hotspot.", nl: "Het wachtwoord van de hotspot van je eigen telefoon." },
                ],
                right: 1,
                why: Words {
                    en: "Customers belong on the separate guest network. Whoever is on the shop's own network is one step closer to the shop PC and the card terminal.",
                    nl: "Klanten horen op het aparte gastennetwerk. Wie op het eigen netwerk van de winkel zit, is een stap dichter bij de winkelcomputer en de pinautomaat.",
                },
            },
            Question {
                ask: Words {
                    en: "At a trade fair you need to look up a customer's order in Strongroom. Which connection do you use?",
                    nl: "Op een beurs moet je in Strongroom de bestelling van een klant opzoeken. Welke verbinding gebruik je?",
                },
                options: &[
                    Words { en: "Your phone's hotspot.", nl: "De hotspot van je telefoon." },
                    Words { en: "The fair's free wifi.", nl: "De gratis wifi van de beurs." },
                    Words {
                        en: "The wifi of the stand next door, whose password they gave you.",
                        nl: "De wifi van de stand hiernaast, waarvan je het wachtwoord kreeg.",
                    },
                ],
                right: 0,
                why: Words {
                    en: "Public and borrowed networks are shared with strangers and can be fake. Your own hotspot is a connection only you control.",
                    nl: "Openbare en geleende netwerken deel je met onbekenden en ze kunnen nep zijn. Je eigen hotspot is een verbinding die alleen jij in handen hebt.",
                },
            },
            Question {
                ask: Words {
                    en: "Away from the shop, you open Strongroom and the browser warns that the connection is not secure. What do you do?",
                    nl: "Buiten de winkel open je Strongroom en de browser waarschuwt dat de verbinding niet veilig is. Wat doe je?",
                },
                options: &[
                    Words { en: "Click on to continue anyway, and be quick about it.", nl: "Toch doorklikken en snel zijn." },
                    Words { en: "Sign in, but change your password afterwards.", nl: "Inloggen, maar daarna je wachtwoord wijzigen." },
                    Words {
                        en: "Stop, do not sign in, and report it with Report a problem.",
                        nl: "Stoppen, niet inloggen, en het melden met Probleem melden.",
                    },
                ],
                right: 2,
                why: Words {
                    en: "Strongroom always shows a secure connection with the padlock. A warning can mean someone is sitting between you and the shop, so your password should not be typed there.",
                    nl: "Strongroom toont altijd een veilige verbinding met het slotje. Een waarschuwing kan betekenen dat iemand tussen jou en de winkel zit, dus daar typ je je wachtwoord niet in.",
                },
            },
            Question {
                ask: Words {
                    en: "You are working at home and your teenager wants to look something up quickly on the laptop where you are signed in. What is right?",
                    nl: "Je werkt thuis en je puber wil snel iets opzoeken op de laptop waarop je bent ingelogd. Wat is goed?",
                },
                options: &[
                    Words { en: "Fine, as long as you sit next to them.", nl: "Prima, als jij ernaast blijft zitten." },
                    Words { en: "Fine, as long as they do not open Strongroom.", nl: "Prima, zolang die Strongroom niet opent." },
                    Words {
                        en: "Fine, once you have closed the Strongroom tab.",
                        nl: "Prima, als je het tabblad van Strongroom eerst sluit.",
                    },
                    Words {
                        en: "No: sign out or lock the screen first; family never uses the shop's accounts or your signed-in browser.",
                        nl: "Nee: eerst uitloggen of je scherm vergrendelen; huisgenoten gebruiken nooit de accounts van de winkel of je ingelogde browser.",
                    },
                ],
                right: 3,
                why: Words {
                    en: "A signed-in browser still holds the shop's mail and other accounts, even with a tab closed. Family members must never use them.",
                    nl: "Een ingelogde browser geeft nog steeds toegang tot de winkelmail en andere accounts, ook als een tabblad dicht is. Huisgenoten mogen die nooit gebruiken.",
                },
            },
            Question {
                ask: Words {
                    en: "You want to go through a list of repair customers at home. May you print it on your home printer?",
                    nl: "Je wilt thuis een lijst met reparatieklanten doornemen. Mag je die op je printer thuis afdrukken?",
                },
                options: &[
                    Words { en: "Yes, if you shred it afterwards.", nl: "Ja, als je hem daarna versnippert." },
                    Words {
                        en: "No: do not print customer data at home or save it on a personal computer.",
                        nl: "Nee: print thuis geen klantgegevens en sla ze niet op een eigen computer op.",
                    },
                    Words { en: "Yes, if you keep it in a closed drawer.", nl: "Ja, als je hem in een dichte la bewaart." },
                ],
                right: 1,
                why: Words {
                    en: "A printed list of customers and their jewelry can be lost, seen or thrown away outside the shop's control. Customer data stays in Strongroom.",
                    nl: "Een geprinte lijst met klanten en hun sieraden kan buiten het zicht van de winkel kwijtraken, bekeken of weggegooid worden. Klantgegevens blijven in Strongroom.",
                },
            },
            Question {
                ask: Words {
                    en: "At a trade fair you want to get a coffee. Your laptop is on the stand with the screen locked. What do you do?",
                    nl: "Op een beurs wil je koffie halen. Je laptop staat op de stand met een vergrendeld scherm. Wat doe je?",
                },
                options: &[
                    Words { en: "Leave it there: the screen is locked.", nl: "Laten staan: het scherm is vergrendeld." },
                    Words {
                        en: "Ask the people at the next stand to keep an eye on it.",
                        nl: "De mensen van de stand hiernaast vragen een oogje in het zeil te houden.",
                    },
                    Words { en: "Take the laptop with you.", nl: "De laptop meenemen." },
                ],
                right: 2,
                why: Words {
                    en: "A screen lock protects the screen, not the laptop: a thief simply walks off with it. At a fair or on the road, the laptop never leaves your sight.",
                    nl: "Een schermvergrendeling beschermt het scherm, niet de laptop: een dief loopt er gewoon mee weg. Op een beurs of onderweg blijft de laptop altijd in je zicht.",
                },
            },
        ],
        pass_percent: 80,
    },
];
