//! The lesson of month 9 (issue 17): Wrong-recipient mistakes.

use super::super::course::{Lesson, Question, Words};

pub(in crate::training) const LESSON: Lesson = Lesson {
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
};
