//! The lesson of month 4 (issue 17): At the counter and on the phone.

use super::super::course::{Lesson, Question, Words};

pub(in crate::training) const LESSON: Lesson = Lesson {
    id: "social-engineering",
    month: 4,
    basics: false,
    roles: &[],
    title: Words { en: "At the counter and on the phone", nl: "Aan de toonbank en aan de telefoon" },
    summary: Words {
        en: "How people talk their way to customer data, money or the shop's computers, and how to say no kindly: the ‘police’ on the phone, the ‘supplier’ with new bank details, the ‘technician’, the curious customer.",
        nl: "Hoe mensen zich een weg praten naar klantgegevens, geld of de computers van de winkel, en hoe je vriendelijk nee zegt: de ‘politie’ aan de telefoon, de ‘leverancier’ met een nieuw rekeningnummer, de ‘monteur’, de nieuwsgierige klant.",
    },
    body: &[
        Words {
            en: "Not every attack comes by mail. Social engineering means getting someone to hand over information, money or access just by talking: on the phone, at the counter or at the workshop door. The people who do it are friendly, confident and often in a hurry. They count on you wanting to help, as you do with every customer.",
            nl: "Niet elke aanval komt per mail. Bij social engineering probeert iemand alleen door te praten gegevens, geld of toegang los te krijgen: aan de telefoon, aan de toonbank of bij de deur van de werkplaats. De mensen die dat doen, zijn vriendelijk, zelfverzekerd en hebben vaak haast. Ze rekenen erop dat je wilt helpen, zoals je dat bij elke klant doet.",
        },
        Words {
            en: "A caller says he is from the police and urgently needs the address of a customer who bought a diamond ring last week. On the phone you cannot tell who is calling. The real police can send a written request, and then the owner or the privacy officer decides what the shop hands over. Never give a customer's address, phone number or purchases on the phone, however official the caller sounds. Take a name and number, say the owner will get back to them, and report the call with Report a problem.",
            nl: "Iemand belt, zegt dat hij van de politie is en dringend het adres nodig heeft van een klant die vorige week een ring met een diamant kocht. Aan de telefoon kun je niet zien wie er belt. De echte politie kan een schriftelijk verzoek sturen, en dan beslist de eigenaar of de privacyfunctionaris wat de winkel verstrekt. Geef nooit het adres, telefoonnummer of de aankopen van een klant door aan de telefoon, hoe officieel de beller ook klinkt. Noteer een naam en nummer, zeg dat de eigenaar contact opneemt, en meld het gesprek met Probleem melden.",
        },
        Words {
            en: "A ‘supplier’ calls or mails to say their bank account has changed. Call back on the number you already have, from an earlier invoice or the phone list, never the number the caller gives you. New bank details are only taken over when two people have approved them, for example you and the owner. A real supplier of gold or stones will not mind waiting a day.",
            nl: "Een ‘leverancier’ belt of mailt dat zijn rekeningnummer is veranderd. Bel terug op het nummer dat je al had, van een eerdere factuur of de telefoonlijst, nooit op het nummer dat de beller je geeft. Een nieuw rekeningnummer wordt pas overgenomen als twee mensen het hebben goedgekeurd, bijvoorbeeld jij en de eigenaar. Een echte leverancier van goud of edelstenen vindt het geen probleem om een dag te wachten.",
        },
        Words {
            en: "A ‘technician’ walks in to update the card terminal or check the till, or calls and asks you to install a program so he can help from a distance. Do not let anyone touch the shop's computers, the till or the card terminal, and install nothing, unless the owner arranged it and told you. When in doubt, call the company on the number you know. A few minutes alone at the back-office computer can be enough to take the whole customer list.",
            nl: "Een ‘monteur’ loopt binnen om de pinautomaat bij te werken of de kassa na te kijken, of belt en vraagt je een programma te installeren zodat hij op afstand kan helpen. Laat niemand aan de computers, de kassa of de pinautomaat van de winkel komen en installeer niets, tenzij de eigenaar het heeft geregeld en het je heeft verteld. Twijfel je, bel dan het bedrijf op het nummer dat je kent. Een paar minuten alleen achter de computer in het kantoor kan genoeg zijn om de hele klantenlijst mee te nemen.",
        },
        Words {
            en: "Sometimes it is a friendly customer. ‘My husband was here yesterday, what did he buy for me?’ ‘Is my sister's ring ready yet? I'll take it along.’ A customer's purchases and repairs are that customer's business only, even towards a partner or family member. Hand over a repair only against the pickup slip or when the customer arranged it, and say no kindly: ‘I'm sorry, I can only discuss that with the customer.’",
            nl: "Soms is het een vriendelijke klant. ‘Mijn man was hier gisteren, wat heeft hij voor me gekocht?’ ‘Is de ring van mijn zus al klaar? Dan neem ik hem mee.’ De aankopen en reparaties van een klant gaan alleen die klant aan, ook tegenover een partner of familielid. Geef een reparatie alleen mee tegen de ophaalbon of als de klant het zo heeft afgesproken, en zeg vriendelijk nee: ‘Sorry, dat kan ik alleen met de klant zelf bespreken.’",
        },
        Words {
            en: "Pressure is the warning sign in all of these. ‘The inspector is waiting’, ‘the account is blocked in ten minutes’, ‘I will complain about you’: hurry, authority and threats are there to stop you from thinking. It is always right to say ‘I have to check this first’ and call back. Nobody is blamed for being careful.",
            nl: "In al deze gevallen is druk het waarschuwingssignaal. ‘De inspecteur wacht’, ‘de rekening wordt over tien minuten geblokkeerd’, ‘ik ga over je klagen’: haast, gezag en dreigementen moeten ervoor zorgen dat je niet nadenkt. Het is altijd goed om te zeggen ‘dat moet ik eerst even nagaan’ en terug te bellen. Niemand krijgt de schuld omdat je voorzichtig bent.",
        },
        Words {
            en: "- Check through your own route: a number you already have, never the one they give you.",
            nl: "- Controleer via je eigen weg: een nummer dat je al had, nooit het nummer dat zij je geven.",
        },
        Words {
            en: "- Report strange calls and visits with Report a problem, even when you said no: colleagues may get the same call tomorrow.",
            nl: "- Meld vreemde telefoontjes en bezoekjes met Probleem melden, ook als je nee hebt gezegd: collega's krijgen morgen misschien hetzelfde telefoontje.",
        },
    ],
    questions: &[
        Question {
            ask: Words {
                en: "A caller says he is a police officer and urgently needs the address of a customer who bought an expensive watch. What do you do?",
                nl: "Een beller zegt dat hij politieagent is en dringend het adres nodig heeft van een klant die een duur horloge kocht. Wat doe je?",
            },
            options: &[
                Words {
                    en: "Give the address: the police are allowed to ask for it.",
                    nl: "Het adres geven: de politie mag daarom vragen.",
                },
                Words {
                    en: "Ask for his badge number, then give the address.",
                    nl: "Naar zijn dienstnummer vragen en dan het adres geven.",
                },
                Words {
                    en: "Give nothing on the phone; ask for a written request, which the owner or the privacy officer decides on.",
                    nl: "Niets geven aan de telefoon; om een schriftelijk verzoek vragen, waarover de eigenaar of de privacyfunctionaris beslist.",
                },
            ],
            right: 2,
            why: Words {
                en: "On the phone anyone can say they are the police, and a badge number is easy to invent. A written request can be checked, and the owner or privacy officer decides what the shop hands over.",
                nl: "Aan de telefoon kan iedereen zeggen dat hij van de politie is, en een dienstnummer is makkelijk te verzinnen. Een schriftelijk verzoek kun je controleren, en de eigenaar of de privacyfunctionaris beslist wat de winkel verstrekt.",
            },
        },
        Question {
            ask: Words {
                en: "A supplier of stones mails that their bank account has changed, and a minute later someone calls to confirm it. What is right?",
                nl: "Een edelsteenleverancier mailt dat zijn rekeningnummer is veranderd, en een minuut later belt iemand om dat te bevestigen. Wat is juist?",
            },
            options: &[
                Words {
                    en: "The call confirms the mail, so change the bank details.",
                    nl: "Het telefoontje bevestigt de mail, dus het rekeningnummer aanpassen.",
                },
                Words {
                    en: "Call back on the number you already had for the supplier, and have the change approved by two people.",
                    nl: "Terugbellen op het nummer dat je al had van de leverancier, en de wijziging door twee mensen laten goedkeuren.",
                },
                Words {
                    en: "Ask them to send the new details on letter paper with their logo.",
                    nl: "Vragen of ze de nieuwe gegevens op briefpapier met hun logo sturen.",
                },
            ],
            right: 1,
            why: Words {
                en: "The mail and the call can come from the same criminal, and letter paper is easy to fake. Only a call on a number you already had reaches the real supplier.",
                nl: "De mail en het telefoontje kunnen van dezelfde crimineel komen, en briefpapier is makkelijk na te maken. Alleen een telefoontje naar een nummer dat je al had, bereikt de echte leverancier.",
            },
        },
        Question {
            ask: Words {
                en: "A man in work clothes says he comes from the card terminal company to replace the terminal. Nobody told you about it. What do you do?",
                nl: "Een man in werkkleding zegt dat hij van het bedrijf van de pinautomaat komt om het apparaat te vervangen. Niemand heeft je daarover iets verteld. Wat doe je?",
            },
            options: &[
                Words {
                    en: "Let him: he knows which terminal the shop has.",
                    nl: "Hem zijn gang laten gaan: hij weet welke pinautomaat de winkel heeft.",
                },
                Words { en: "Let him work, but stay next to him.", nl: "Hem laten werken, maar naast hem blijven staan." },
                Words {
                    en: "Ask to see his company pass, then let him go ahead.",
                    nl: "Naar zijn bedrijfspas vragen en hem dan laten beginnen.",
                },
                Words {
                    en: "Do not let him touch it until the owner confirms the visit or you have called the company on the number you know.",
                    nl: "Hem er niet aan laten komen tot de eigenaar het bezoek bevestigt of jij het bedrijf hebt gebeld op het nummer dat je kent.",
                },
            ],
            right: 3,
            why: Words {
                en: "Anyone can see which terminal is on the counter, and a pass is easy to fake. A tampered terminal can read customers' cards, so only an arranged, checked visit may touch it.",
                nl: "Iedereen ziet welke pinautomaat er op de toonbank staat, en een pas is makkelijk na te maken. Een pinautomaat waarmee geknoeid is, kan de kaarten van klanten uitlezen, dus alleen een afgesproken en gecontroleerd bezoek mag eraan komen.",
            },
        },
        Question {
            ask: Words {
                en: "Which of these is the clearest warning sign of social engineering?",
                nl: "Wat is het duidelijkste waarschuwingssignaal van social engineering?",
            },
            options: &[
                Words {
                    en: "The caller pushes you to act right now and says you will be in trouble if you wait.",
                    nl: "De beller zet je onder druk om nu meteen iets te doen en zegt dat je in de problemen komt als je wacht.",
                },
                Words { en: "The caller is polite and speaks calmly.", nl: "De beller is beleefd en praat rustig." },
                Words {
                    en: "The caller asks whether the shop is open on Saturday.",
                    nl: "De beller vraagt of de winkel op zaterdag open is.",
                },
            ],
            right: 0,
            why: Words {
                en: "Hurry and threats are meant to stop you from checking. A real officer or supplier accepts that you call back first.",
                nl: "Haast en dreigementen zijn bedoeld om te voorkomen dat je iets controleert. Een echte agent of leverancier vindt het prima dat je eerst terugbelt.",
            },
        },
        Question {
            ask: Words {
                en: "A friendly regular asks: ‘My husband bought me something here last week, can you tell me what it was?’ What do you say?",
                nl: "Een vriendelijke vaste klant vraagt: ‘Mijn man heeft hier vorige week iets voor me gekocht, kun je zeggen wat het was?’ Wat zeg je?",
            },
            options: &[
                Words { en: "Tell her: she is his wife, after all.", nl: "Het vertellen: ze is tenslotte zijn vrouw." },
                Words {
                    en: "Say kindly that you can only discuss a purchase with the customer who made it.",
                    nl: "Vriendelijk zeggen dat je een aankoop alleen met de klant zelf kunt bespreken.",
                },
                Words { en: "Give a hint, but not the price.", nl: "Een hint geven, maar niet de prijs." },
            ],
            right: 1,
            why: Words {
                en: "A purchase is the buyer's own business, even towards a partner; it may also be a surprise. A hint gives it away just the same.",
                nl: "Een aankoop gaat alleen de koper aan, ook tegenover een partner; misschien is het ook nog een verrassing. Met een hint verklap je het net zo goed.",
            },
        },
        Question {
            ask: Words {
                en: "You said no to a caller who asked for a customer's phone number. Do you still report it?",
                nl: "Je hebt nee gezegd tegen een beller die het telefoonnummer van een klant vroeg. Meld je het dan nog?",
            },
            options: &[
                Words {
                    en: "No: nothing was given away, so there is nothing to report.",
                    nl: "Nee: er is niets weggegeven, dus er valt niets te melden.",
                },
                Words { en: "Only if he calls a second time.", nl: "Alleen als hij een tweede keer belt." },
                Words {
                    en: "Yes, with Report a problem: the owner can warn colleagues who may get the same call.",
                    nl: "Ja, met Probleem melden: de eigenaar kan collega's waarschuwen die hetzelfde telefoontje kunnen krijgen.",
                },
            ],
            right: 2,
            why: Words {
                en: "A caller who fails with you often tries a colleague next. A quick report lets the owner warn everyone before someone else gives the number away.",
                nl: "Een beller die bij jou niets bereikt, probeert het vaak daarna bij een collega. Met een snelle melding kan de eigenaar iedereen waarschuwen voordat een ander het nummer weggeeft.",
            },
        },
    ],
    pass_percent: 80,
};
