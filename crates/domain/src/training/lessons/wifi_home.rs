//! The lesson of month 12 (issue 17): Public wifi and working at home.

use super::super::course::{Lesson, Question, Words};

pub(in crate::training) const LESSON: Lesson = Lesson {
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
                Words { en: "The password of the guest network for customers.", nl: "Het wachtwoord van het gastennetwerk voor klanten." },
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
                Words { en: "Fine, once you have closed the Strongroom tab.", nl: "Prima, als je het tabblad van Strongroom eerst sluit." },
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
};
