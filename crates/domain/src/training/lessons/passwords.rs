//! The lesson of month 2 (issue 17): Passwords and the password vault.

use super::super::course::{Lesson, Question, Words};

pub(in crate::training) const LESSON: Lesson = Lesson {
    id: "passwords",
    month: 2,
    basics: true,
    roles: &[],
    title: Words { en: "Passwords and the password vault", nl: "Wachtwoorden en de wachtwoordkluis" },
    summary: Words {
        en: "Long, unique passphrases, no notes under the till, and how the shop's shared accounts are kept safe in Passwords.",
        nl: "Lange, unieke wachtzinnen, geen briefjes onder de kassa, en hoe de gedeelde accounts van de winkel veilig in Wachtwoorden staan.",
    },
    body: &[
        Words {
            en: "Your password is a key to the customer list. Whoever has a staff password can see who owns expensive jewelry and where they live, so criminals work hard to get one. They guess it, they try passwords leaked from other websites, or they simply read it off a sticky note under the till.",
            nl: "Je wachtwoord is een sleutel tot de klantenlijst. Wie het wachtwoord van een medewerker heeft, ziet wie dure sieraden bezit en waar die woont, dus criminelen doen veel moeite om er een te bemachtigen. Ze raden het, ze proberen wachtwoorden die bij andere websites zijn uitgelekt, of ze lezen het gewoon van een briefje onder de kassa.",
        },
        Words {
            en: "A good password is long rather than complicated. Take a passphrase: four or five ordinary words that have nothing to do with each other but make a picture you can remember, at least 15 characters in all. Avoid the shop's name, your own name, the names of your children or pets, your birthday, and tricks like a season plus a year and an exclamation mark: those are the first things an attacker tries.",
            nl: "Een goed wachtwoord is eerder lang dan ingewikkeld. Neem een wachtzin: vier of vijf gewone woorden die niets met elkaar te maken hebben, maar samen een beeld geven dat je kunt onthouden, bij elkaar minstens 15 tekens. Vermijd de naam van de winkel, je eigen naam, de namen van je kinderen of huisdieren, je geboortedatum, en trucjes als een seizoen plus een jaartal en een uitroepteken: dat is het eerste wat een aanvaller probeert.",
        },
        Words {
            en: "Use each password for one account only. When a website you use at home is broken into, criminals try the same mail address and password on many other sites: the bank, the webshop, the shop's mail. A password you use nowhere else keeps a leak somewhere else from reaching the shop. For your private accounts a password manager helps you keep them all different.",
            nl: "Gebruik elk wachtwoord voor maar één account. Wordt er ingebroken bij een website die je thuis gebruikt, dan proberen criminelen hetzelfde mailadres en wachtwoord op allerlei andere sites: de bank, de webwinkel, de mail van de winkel. Een wachtwoord dat je nergens anders gebruikt, zorgt dat een lek ergens anders de winkel niet bereikt. Voor je privéaccounts helpt een wachtwoordbeheerder je om ze allemaal verschillend te houden.",
        },
        Words {
            en: "The shop has many accounts besides Strongroom: the webshop admin, supplier portals, the bank, the shop's mail account, the alarm code, the wifi. They are kept in Passwords in the Strongroom menu, shared by role, so you see the ones your work needs. Often you can copy a password without seeing it: you press copy and paste it into the sign-in page, and it never shows on the screen where a customer could read it. Every copy and every reveal is recorded. So nobody needs a list in a drawer or a spreadsheet on the desktop.",
            nl: "De winkel heeft naast Strongroom nog veel meer accounts: het beheer van de webwinkel, portalen van leveranciers, de bank, het mailaccount van de winkel, de alarmcode, de wifi. Die staan in Wachtwoorden in het menu van Strongroom, gedeeld per rol, zodat je ziet wat je voor je werk nodig hebt. Vaak kun je een wachtwoord kopiëren zonder het te zien: je drukt op kopiëren en plakt het in de inlogpagina, en het komt nooit op het scherm waar een klant het kan lezen. Elke keer dat iemand een wachtwoord kopieert of bekijkt, wordt dat vastgelegd. Een lijstje in een la of een spreadsheet op het bureaublad is dus nergens voor nodig.",
        },
        Words { en: "The rules of the shop:", nl: "De regels van de winkel:" },
        Words {
            en: "- No sticky notes, no notebook, no password in a mail or chat message to a colleague. If a colleague needs an account, the owner gives them access in Passwords.",
            nl: "- Geen briefjes, geen notitieboekje, geen wachtwoord in een mail of chatbericht aan een collega. Heeft een collega een account nodig, dan geeft de eigenaar toegang in Wachtwoorden.",
        },
        Words {
            en: "- Never tell a password on the phone, whoever asks: not ‘the bank’, not ‘IT support’, not a supplier. Nobody who really helps you needs your password.",
            nl: "- Noem nooit een wachtwoord aan de telefoon, wie er ook vraagt: niet aan ‘de bank’, niet aan ‘de helpdesk’, niet aan een leverancier. Niemand die je echt helpt, heeft je wachtwoord nodig.",
        },
        Words {
            en: "- When someone leaves the shop, the shared passwords they could use are changed at once, starting with the bank, the webshop and the alarm code. Shared accounts also get a new password every three months; Passwords flags the ones that are old, weak or used in more than one place, so you know which to change first.",
            nl: "- Als iemand de winkel verlaat, worden de gedeelde wachtwoorden die hij kon gebruiken meteen gewijzigd, te beginnen met de bank, de webwinkel en de alarmcode. Gedeelde accounts krijgen ook elke drie maanden een nieuw wachtwoord; Wachtwoorden laat zien welke oud, zwak of op meer plekken gebruikt zijn, zodat je weet welke je eerst wijzigt.",
        },
        Words {
            en: "- Think someone has seen or guessed a password? Change it and report it with Report a problem. Nobody is blamed for a report.",
            nl: "- Denk je dat iemand een wachtwoord heeft gezien of geraden? Wijzig het en meld het met Probleem melden. Niemand krijgt de schuld van een melding.",
        },
    ],
    questions: &[
        Question {
            ask: Words {
                en: "Which of these makes the best password for your Strongroom account?",
                nl: "Welke van deze is het beste wachtwoord voor je account in Strongroom?",
            },
            options: &[
                Words {
                    en: "The shop's name followed by the year and an exclamation mark.",
                    nl: "De naam van de winkel met het jaartal en een uitroepteken erachter.",
                },
                Words {
                    en: "A short word with some letters replaced by digits and symbols.",
                    nl: "Een kort woord waarin een paar letters door cijfers en tekens zijn vervangen.",
                },
                Words {
                    en: "A long passphrase of several unrelated words that you use nowhere else.",
                    nl: "Een lange wachtzin van een paar losse woorden die je nergens anders gebruikt.",
                },
                Words {
                    en: "The password you use everywhere, because you will not forget it.",
                    nl: "Het wachtwoord dat je overal gebruikt, want dat vergeet je niet.",
                },
            ],
            right: 2,
            why: Words {
                en: "Length makes a password hard to guess, and using it nowhere else means a leak at another website cannot unlock the shop. The shop's name and swapped letters are among the first things attackers try.",
                nl: "Lengte maakt een wachtwoord moeilijk te raden, en doordat je het nergens anders gebruikt, kan een lek bij een andere website de winkel niet openen. De naam van de winkel en verwisselde letters probeert een aanvaller als eerste.",
            },
        },
        Question {
            ask: Words {
                en: "A new colleague asks you for the password of the webshop admin. What do you do?",
                nl: "Een nieuwe collega vraagt je om het wachtwoord van het beheer van de webwinkel. Wat doe je?",
            },
            options: &[
                Words {
                    en: "Ask the owner to give them access in Passwords, if their work needs it.",
                    nl: "De eigenaar vragen om toegang te geven in Wachtwoorden, als de collega die voor het werk nodig heeft.",
                },
                Words { en: "Write it on a note and hand it over.", nl: "Het op een briefje schrijven en dat geven." },
                Words {
                    en: "Send it in a chat message, so it is not on paper.",
                    nl: "Het in een chatbericht sturen, dan staat het niet op papier.",
                },
            ],
            right: 0,
            why: Words {
                en: "Shared passwords are handed out through Passwords, by role: then every use is recorded and nothing is left on paper or in a chat history.",
                nl: "Gedeelde wachtwoorden worden via Wachtwoorden per rol uitgedeeld: dan wordt elk gebruik vastgelegd en blijft er niets achter op papier of in een chatgeschiedenis.",
            },
        },
        Question {
            ask: Words {
                en: "Someone calls from ‘the bank's security department’: to stop a fraudulent payment they need the shop's online banking password right now. What do you do?",
                nl: "Iemand belt van ‘de beveiligingsafdeling van de bank’: om een frauduleuze betaling tegen te houden, hebben ze nu meteen het wachtwoord van het internetbankieren van de winkel nodig. Wat doe je?",
            },
            options: &[
                Words { en: "Give it: stopping fraud is urgent.", nl: "Het geven: fraude tegenhouden heeft haast." },
                Words {
                    en: "Give it only if they know the shop's account number.",
                    nl: "Het alleen geven als ze het rekeningnummer van de winkel kennen.",
                },
                Words {
                    en: "Refuse, hang up, and call the bank on the number you already have.",
                    nl: "Weigeren, ophangen en de bank bellen op het nummer dat je al had.",
                },
            ],
            right: 2,
            why: Words {
                en: "A real bank never asks for your password. An account number is easy to find, so it proves nothing; calling back on a number you already had does.",
                nl: "Een echte bank vraagt nooit om je wachtwoord. Een rekeningnummer is makkelijk te vinden en bewijst dus niets; terugbellen op een nummer dat je al had wel.",
            },
        },
        Question {
            ask: Words {
                en: "Why should you never use the same password for two accounts?",
                nl: "Waarom moet je nooit hetzelfde wachtwoord voor twee accounts gebruiken?",
            },
            options: &[
                Words {
                    en: "Because a password used twice expires sooner.",
                    nl: "Omdat een wachtwoord dat je twee keer gebruikt eerder verloopt.",
                },
                Words {
                    en: "Because when one website leaks it, criminals try it on your other accounts too.",
                    nl: "Omdat criminelen het op je andere accounts proberen als één website het lekt.",
                },
                Words {
                    en: "Because two accounts cannot have the same password.",
                    nl: "Omdat twee accounts niet hetzelfde wachtwoord kunnen hebben.",
                },
            ],
            right: 1,
            why: Words {
                en: "Leaked passwords are tried everywhere with the same mail address. A password used only once keeps one leak from opening your other accounts.",
                nl: "Uitgelekte wachtwoorden worden overal geprobeerd met hetzelfde mailadres. Een wachtwoord dat je maar één keer gebruikt, voorkomt dat één lek ook je andere accounts opent.",
            },
        },
        Question {
            ask: Words {
                en: "A colleague leaves the shop. What happens to the shared passwords they could use?",
                nl: "Een collega verlaat de winkel. Wat gebeurt er met de gedeelde wachtwoorden die hij kon gebruiken?",
            },
            options: &[
                Words { en: "Nothing: they promised not to use them.", nl: "Niets: hij heeft beloofd ze niet te gebruiken." },
                Words {
                    en: "Only their own Strongroom account is switched off.",
                    nl: "Alleen zijn eigen account in Strongroom wordt uitgezet.",
                },
                Words { en: "They wait for the next three-monthly change.", nl: "Die wachten tot de volgende wijziging na drie maanden." },
                Words {
                    en: "They are changed at once, starting with the bank, the webshop and the alarm code.",
                    nl: "Die worden meteen gewijzigd, te beginnen met de bank, de webwinkel en de alarmcode.",
                },
            ],
            right: 3,
            why: Words {
                en: "Someone who has left may still know the shared passwords, or have them written down somewhere. Switching off their Strongroom account does not change the bank or the alarm code.",
                nl: "Iemand die weg is, kent de gedeelde wachtwoorden misschien nog of heeft ze ergens opgeschreven. Zijn account in Strongroom uitzetten verandert niets aan de bank of de alarmcode.",
            },
        },
        Question {
            ask: Words {
                en: "What does it mean that Passwords lets you copy a password without seeing it?",
                nl: "Wat betekent het dat je in Wachtwoorden een wachtwoord kunt kopiëren zonder het te zien?",
            },
            options: &[
                Words {
                    en: "You paste it into the sign-in page without it ever showing on the screen, and the copy is recorded.",
                    nl: "Je plakt het in de inlogpagina zonder dat het ooit op het scherm staat, en het kopiëren wordt vastgelegd.",
                },
                Words { en: "Nobody can ever find out that you used it.", nl: "Niemand kan ooit zien dat je het hebt gebruikt." },
                Words { en: "You may then also write it down for yourself.", nl: "Je mag het dan ook voor jezelf opschrijven." },
            ],
            right: 0,
            why: Words {
                en: "Copying without seeing keeps the password off the screen, where a customer at the counter could read it, and every copy is recorded.",
                nl: "Kopiëren zonder te zien houdt het wachtwoord van het scherm, waar een klant aan de toonbank het zou kunnen lezen, en elke keer kopiëren wordt vastgelegd.",
            },
        },
    ],
    pass_percent: 80,
};
