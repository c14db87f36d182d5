//! The lesson of month 8 (issue 17): Ransomware and backups.

use super::super::course::{Lesson, Question, Words};

pub(in crate::training) const LESSON: Lesson = Lesson {
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
                Words { en: "Restart it, in case it is just a glitch.", nl: "Hem opnieuw opstarten, misschien is het maar een storing." },
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
};
