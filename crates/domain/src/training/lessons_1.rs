//! The course's lessons for months 1 to 4 (issue 17): phishing and fake invoices, passwords and the
//! password vault, two-factor sign-in and passkeys, and tricks at the counter and on the phone.

use super::course::{Lesson, Question, Words};

pub(super) const LESSONS: &[Lesson] = &[
    Lesson {
        id: "phishing",
        month: 1,
        basics: true,
        roles: &[],
        title: Words { en: "Phishing and fake invoices", nl: "Phishing en valse facturen" },
        summary: Words {
            en: "How to recognise a mail or message that pretends to come from a supplier, the bank, a parcel service or Strongroom, how to check it, and what to do if you clicked.",
            nl: "Hoe je een mail of bericht herkent dat zich voordoet als een leverancier, de bank, een pakketdienst of Strongroom, hoe je het controleert en wat je doet als je toch hebt geklikt.",
        },
        body: &[
            Words {
                en: "Phishing is a mail, text or chat message that pretends to come from someone you trust, so that you click a link, open an attachment, type in a password or pay money. Criminals like to try it on jewelers: they know a jewelry shop pays its suppliers large sums and keeps a list of customers who own valuable things. The message may look as if it comes from the bank, a parcel service, the company behind the card terminal, a supplier of gold or stones, or even from Strongroom itself.",
                nl: "Phishing is een mail, sms of chatbericht dat zich voordoet als iemand die je vertrouwt, zodat je op een link klikt, een bijlage opent, een wachtwoord intypt of geld overmaakt. Criminelen proberen het graag bij juweliers: ze weten dat een juwelier grote bedragen aan zijn leveranciers betaalt en een lijst bijhoudt van klanten met waardevolle spullen. Het bericht kan eruitzien alsof het van de bank komt, van een pakketdienst, van het bedrijf achter de pinautomaat, van een leverancier van goud of edelstenen, of zelfs van Strongroom zelf.",
            },
            Words {
                en: "A trick aimed at shops is the fake invoice. A mail that looks exactly like one from your supplier of gold says their bank details have changed and asks you to pay the open invoice to the new account. The logo, the signature and the invoice number can all be right, and sometimes the mail really comes from the supplier's own mail account, because criminals broke into it. Money paid to the wrong account is usually gone for good.",
                nl: "Een truc die op winkels is gericht, is de valse factuur. Een mail die precies lijkt op die van je goudleverancier meldt dat hun rekeningnummer is veranderd en vraagt je de openstaande factuur naar de nieuwe rekening over te maken. Het logo, de ondertekening en het factuurnummer kunnen allemaal kloppen, en soms komt de mail echt uit het mailaccount van de leverancier, omdat criminelen daarin hebben ingebroken. Geld dat naar de verkeerde rekening is gegaan, ben je meestal voorgoed kwijt.",
            },
            Words { en: "Look out for these warning signs:", nl: "Let op deze waarschuwingssignalen:" },
            Words {
                en: "- The sender's address does not match the name: ‘Bank’ as the name but an address at a free mail service, or a supplier's address with one letter different.",
                nl: "- Het adres van de afzender past niet bij de naam: ‘Bank’ als naam maar een adres bij een gratis maildienst, of het adres van een leverancier met één letter anders.",
            },
            Words {
                en: "- Hurry or a threat: ‘your account will be blocked today’, ‘the parcel goes back tomorrow’, ‘pay before five o'clock’.",
                nl: "- Haast of een dreigement: ‘je rekening wordt vandaag geblokkeerd’, ‘het pakket gaat morgen terug’, ‘betaal voor vijf uur’.",
            },
            Words {
                en: "- A request for a password, a sign-in code, card details or a payment to new bank details.",
                nl: "- Een verzoek om een wachtwoord, een inlogcode, kaartgegevens of een betaling naar een nieuw rekeningnummer.",
            },
            Words {
                en: "- A link that leads somewhere else than it says. On a computer, rest the mouse pointer on the link without clicking and read the address that appears; on a phone, press and hold the link. If it is not the website you know, do not click.",
                nl: "- Een link die ergens anders heen gaat dan er staat. Op een computer houd je de muisaanwijzer op de link zonder te klikken en lees je het adres dat verschijnt; op een telefoon houd je de link ingedrukt. Is het niet de website die je kent, klik dan niet.",
            },
            Words {
                en: "When in doubt, check it another way. Call the supplier or the bank on a number you already have, from an earlier invoice, the contract or the shop's phone list, never the number in the mail. Type the address of the bank or the webshop yourself instead of clicking a link, and open Strongroom the way you always do. New bank details for a supplier are only accepted after such a call.",
                nl: "Twijfel je, controleer het dan via een andere weg. Bel de leverancier of de bank op een nummer dat je al had, van een eerdere factuur, het contract of de telefoonlijst van de winkel, nooit het nummer uit de mail. Typ zelf het adres van de bank of de webwinkel in, in plaats van op een link te klikken, en open Strongroom zoals je dat altijd doet. Een nieuw rekeningnummer van een leverancier wordt alleen na zo'n telefoontje overgenomen.",
            },
            Words {
                en: "Anyone can fall for a good fake, and on a busy Saturday at the counter it happens quickly. If you clicked a link, typed in a password or opened an attachment, report it at once with Report a problem in the menu. It takes a minute and nobody is blamed for a report. The owner and the privacy officer get an alert and can change passwords or stop a payment in time. If customer data may have leaked, the shop has 72 hours to report it to the supervisory authority, so every hour counts. Staying quiet out of embarrassment is the only real mistake.",
                nl: "Iedereen kan in een goede vervalsing trappen, en op een drukke zaterdag aan de toonbank gebeurt dat snel. Heb je op een link geklikt, een wachtwoord ingetypt of een bijlage geopend, meld het dan meteen met Probleem melden in het menu. Dat kost een minuut en niemand krijgt de schuld van een melding. De eigenaar en de privacyfunctionaris krijgen een waarschuwing en kunnen op tijd wachtwoorden wijzigen of een betaling tegenhouden. Zijn er misschien klantgegevens gelekt, dan heeft de winkel 72 uur om dat aan de toezichthouder te melden, dus elk uur telt. Uit schaamte je mond houden is de enige echte fout.",
            },
        ],
        questions: &[
            Question {
                ask: Words {
                    en: "A mail from your regular supplier of gold says their bank has changed and asks you to pay the open invoice to a new account. The logo and the invoice number look right. What do you do?",
                    nl: "Een mail van je vaste goudleverancier meldt dat ze van bank zijn gewisseld en vraagt je de openstaande factuur naar een nieuwe rekening te betalen. Het logo en het factuurnummer kloppen. Wat doe je?",
                },
                options: &[
                    Words {
                        en: "Pay it: the invoice number matches a real order.",
                        nl: "Betalen: het factuurnummer hoort bij een echte bestelling.",
                    },
                    Words {
                        en: "Reply to the mail and ask whether it is really them.",
                        nl: "De mail beantwoorden en vragen of zij het echt zijn.",
                    },
                    Words {
                        en: "Call the supplier on the number you already have, from an earlier invoice or the phone list, before anything is paid.",
                        nl: "De leverancier bellen op het nummer dat je al had, van een eerdere factuur of de telefoonlijst, voordat er iets wordt betaald.",
                    },
                ],
                right: 2,
                why: Words {
                    en: "A reply goes back to whoever sent the mail, which may be a criminal inside the supplier's mail account. Only a call on a number you already had tells you whether the bank details really changed.",
                    nl: "Een antwoord gaat terug naar wie de mail stuurde, en dat kan een crimineel zijn die in het mailaccount van de leverancier zit. Alleen een telefoontje naar een nummer dat je al had, vertelt je of het rekeningnummer echt is veranderd.",
                },
            },
            Question {
                ask: Words {
                    en: "How do you see where a link in a mail really leads, without clicking it?",
                    nl: "Hoe zie je waar een link in een mail echt heen gaat, zonder erop te klikken?",
                },
                options: &[
                    Words { en: "Read the underlined text of the link.", nl: "De onderstreepte tekst van de link lezen." },
                    Words {
                        en: "Rest the mouse pointer on it and read the address that appears (on a phone: press and hold it).",
                        nl: "De muisaanwijzer erop houden en het adres lezen dat verschijnt (op een telefoon: de link ingedrukt houden).",
                    },
                    Words {
                        en: "Check that the mail shows the company's logo.",
                        nl: "Kijken of het logo van het bedrijf in de mail staat.",
                    },
                ],
                right: 1,
                why: Words {
                    en: "The text of a link can say anything; the address that appears when you point at it is where it really goes. A logo is easy to copy.",
                    nl: "De tekst van een link kan van alles zeggen; het adres dat verschijnt als je erop wijst, is waar hij echt heen gaat. Een logo is makkelijk na te maken.",
                },
            },
            Question {
                ask: Words {
                    en: "A text message says a parcel for the shop could not be delivered and asks you to pay a small fee through a link. You are expecting stones from a supplier. What is the safest step?",
                    nl: "Een sms meldt dat een pakket voor de winkel niet bezorgd kon worden en vraagt je via een link een klein bedrag te betalen. Je verwacht edelstenen van een leverancier. Wat is de veiligste stap?",
                },
                options: &[
                    Words {
                        en: "Leave the link alone and check the delivery with the supplier, or on the parcel service's website that you type in yourself.",
                        nl: "Niet op de link klikken en de levering navragen bij de leverancier, of op de website van de pakketdienst die je zelf intypt.",
                    },
                    Words {
                        en: "Pay the fee: it is only a few euros and the stones are needed.",
                        nl: "Het bedrag betalen: het zijn maar een paar euro en de stenen zijn nodig.",
                    },
                    Words {
                        en: "Open the link to see whether it is the right parcel, but pay nothing.",
                        nl: "De link openen om te zien of het om het goede pakket gaat, maar niets betalen.",
                    },
                ],
                right: 0,
                why: Words {
                    en: "Fake parcel messages work because many people are expecting a parcel. The link leads to a fake page that asks for card details or a password; check the delivery through a route you choose yourself.",
                    nl: "Nep-pakketberichten werken juist omdat veel mensen een pakket verwachten. De link leidt naar een nagemaakte pagina die om kaartgegevens of een wachtwoord vraagt; controleer de levering via een weg die je zelf kiest.",
                },
            },
            Question {
                ask: Words {
                    en: "A mail ‘from Strongroom’ says your account will be closed today unless you sign in through the link in the mail. What do you do?",
                    nl: "Een mail ‘van Strongroom’ meldt dat je account vandaag wordt gesloten als je niet via de link in de mail inlogt. Wat doe je?",
                },
                options: &[
                    Words {
                        en: "Sign in through the link: the mail uses your name, so it must be real.",
                        nl: "Via de link inloggen: de mail noemt je naam, dus hij is vast echt.",
                    },
                    Words {
                        en: "Sign in through the link quickly and tell the owner afterwards.",
                        nl: "Snel via de link inloggen en het daarna aan de eigenaar vertellen.",
                    },
                    Words { en: "Delete the mail and tell nobody.", nl: "De mail verwijderen en niemand iets zeggen." },
                    Words {
                        en: "Do not click; open Strongroom the way you always do, and report the mail with Report a problem.",
                        nl: "Niet klikken; Strongroom openen zoals je altijd doet, en de mail melden met Probleem melden.",
                    },
                ],
                right: 3,
                why: Words {
                    en: "Hurry and a threat are classic signs of phishing, and knowing your name proves nothing. Reporting it lets the owner warn colleagues who may have had the same mail.",
                    nl: "Haast en een dreigement zijn klassieke kenmerken van phishing, en dat ze je naam kennen, bewijst niets. Als je het meldt, kan de eigenaar collega's waarschuwen die dezelfde mail misschien ook hebben gekregen.",
                },
            },
            Question {
                ask: Words {
                    en: "You clicked a link and typed in the password of the shop's mail account before you saw that the page was fake. What now?",
                    nl: "Je klikte op een link en typte het wachtwoord van het mailaccount van de winkel in voordat je zag dat de pagina nep was. Wat nu?",
                },
                options: &[
                    Words { en: "Say nothing: you did not pay anything.", nl: "Niets zeggen: je hebt niets betaald." },
                    Words { en: "Report it at once with Report a problem.", nl: "Het meteen melden met Probleem melden." },
                    Words {
                        en: "Change the password yourself and keep it quiet, so the owner does not worry.",
                        nl: "Zelf het wachtwoord wijzigen en het stilhouden, zodat de eigenaar zich geen zorgen maakt.",
                    },
                ],
                right: 1,
                why: Words {
                    en: "The criminal may already be inside the mailbox, sending mail in the shop's name or reading customer mail. A report lets the owner and the privacy officer act at once, and nobody is blamed for it.",
                    nl: "De crimineel zit misschien al in de mailbox, stuurt mail uit naam van de winkel of leest klantmail. Met een melding kunnen de eigenaar en de privacyfunctionaris meteen ingrijpen, en niemand krijgt er de schuld van.",
                },
            },
            Question {
                ask: Words {
                    en: "Which of these mails should make you most suspicious?",
                    nl: "Bij welke van deze mails moet je het meest op je hoede zijn?",
                },
                options: &[
                    Words {
                        en: "An order confirmation from the webshop for an order a customer just placed.",
                        nl: "Een orderbevestiging van de webwinkel voor een bestelling die een klant net plaatste.",
                    },
                    Words {
                        en: "A supplier's monthly statement, from the same address as always.",
                        nl: "Het maandoverzicht van een leverancier, vanaf hetzelfde adres als altijd.",
                    },
                    Words {
                        en: "A mail from ‘the bank’ saying you must confirm your sign-in code today or the account is blocked.",
                        nl: "Een mail van ‘de bank’ dat je vandaag je inlogcode moet bevestigen, anders wordt de rekening geblokkeerd.",
                    },
                ],
                right: 2,
                why: Words {
                    en: "Hurry, a threat and a request for a sign-in code together are the classic signs of phishing. Your bank does not ask for your sign-in code by mail.",
                    nl: "Haast, een dreigement en een verzoek om een inlogcode samen zijn de klassieke kenmerken van phishing. Je bank vraagt nooit per mail om je inlogcode.",
                },
            },
        ],
        pass_percent: 80,
    },
    Lesson {
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
                    Words {
                        en: "They wait for the next three-monthly change.",
                        nl: "Die wachten tot de volgende wijziging na drie maanden.",
                    },
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
    },
    Lesson {
        id: "two-factor",
        month: 3,
        basics: true,
        roles: &[],
        title: Words { en: "Two-factor sign-in and passkeys", nl: "Inloggen in twee stappen en passkeys" },
        summary: Words {
            en: "Why a password alone is not enough, how codes and passkeys protect you, why you never read a code out to anyone, and what to do when you lose your phone.",
            nl: "Waarom een wachtwoord alleen niet genoeg is, hoe codes en passkeys je beschermen, waarom je nooit een code aan iemand voorleest, en wat je doet als je je telefoon kwijt bent.",
        },
        body: &[
            Words {
                en: "A password alone is not enough. It can be guessed, leaked by another website, or typed into a fake page after a phishing mail. Two-factor sign-in adds a second proof that only you have with you, such as your phone. A criminal who has your password still cannot get in without it.",
                nl: "Een wachtwoord alleen is niet genoeg. Het kan geraden worden, uitlekken bij een andere website, of na een phishingmail in een nagemaakte pagina worden ingetypt. Inloggen in twee stappen voegt een tweede bewijs toe dat alleen jij bij je hebt, zoals je telefoon. Een crimineel die je wachtwoord heeft, komt zonder dat tweede bewijs nog steeds niet binnen.",
            },
            Words {
                en: "Strongroom asks for both every time you sign in: your password, and then your second factor. That is either a short code from an authenticator app on your phone, which is only valid for a short time, or a passkey: a sign-in key kept on your phone or computer that you unlock with your fingerprint, your face or a PIN. A passkey is the strongest choice, because it only works on the real Strongroom website and cannot be typed into a fake page. And when you walk away from the counter, Strongroom signs you out after a short time, so nobody can carry on in your name.",
                nl: "Strongroom vraagt elke keer dat je inlogt om allebei: je wachtwoord, en daarna je tweede stap. Dat is een korte code uit een authenticator-app op je telefoon, die maar kort geldig is, of een passkey: een inlogsleutel op je telefoon of computer die je ontgrendelt met je vingerafdruk, je gezicht of een pincode. Een passkey is de sterkste keuze, omdat hij alleen werkt op de echte website van Strongroom en niet in een nagemaakte pagina kan worden ingetypt. En als je bij de toonbank wegloopt, logt Strongroom je na korte tijd uit, zodat niemand in jouw naam verder kan.",
            },
            Words {
                en: "The code is for you alone. Criminals know about two-factor sign-in, so they call and pretend to be Strongroom support, the bank or the company behind the card terminal: ‘We see a strange sign-in on your account. To block it, please read me the code you just received.’ Whoever asks for the code is the attacker. At that very moment he is typing in your password somewhere and needs your code to finish. Never read a code out, never type it in where someone on the phone points you, and never forward it, not even to a colleague.",
                nl: "De code is alleen voor jou. Criminelen weten van inloggen in twee stappen, dus ze bellen en doen zich voor als de helpdesk van Strongroom, de bank of het bedrijf achter de pinautomaat: ‘We zien een vreemde inlogpoging op je account. Lees me even de code voor die je net kreeg, dan blokkeren we het.’ Wie om de code vraagt, is de aanvaller. Op dat moment typt hij ergens jouw wachtwoord in en heeft hij jouw code nodig om binnen te komen. Lees nooit een code voor, typ hem nooit in waar iemand aan de telefoon je naartoe stuurt, en stuur hem nooit door, ook niet naar een collega.",
            },
            Words {
                en: "If you get a code you did not ask for, or your phone asks you to approve a sign-in you did not start, someone else is trying to sign in with your password. Do not approve it and do not pass the code on. Report it with Report a problem and change that password: the attacker already knows it.",
                nl: "Krijg je een code waar je niet om vroeg, of vraagt je telefoon je een inlogpoging goed te keuren die je niet zelf deed, dan probeert iemand anders met jouw wachtwoord in te loggen. Keur het niet goed en geef de code niet door. Meld het met Probleem melden en wijzig dat wachtwoord: de aanvaller kent het al.",
            },
            Words {
                en: "A lost or stolen phone matters too, when your authenticator app or passkey is on it. Report it at once with Report a problem. The owner resets your second factor, so the old phone no longer lets anyone in, and you set up a new one. Getting a new phone? Set up your second factor on it before you wipe or hand in the old one.",
                nl: "Ook een verloren of gestolen telefoon is een probleem als je authenticator-app of passkey erop staat. Meld het meteen met Probleem melden. De eigenaar maakt je tweede stap ongeldig, zodat niemand met de oude telefoon nog binnenkomt, en jij stelt een nieuwe in. Krijg je een nieuwe telefoon? Zet je tweede stap daar eerst op, voordat je de oude wist of inlevert.",
            },
            Words {
                en: "Turn on two-factor sign-in for the shop's other accounts too: the webshop admin, supplier portals, the bank and above all the shop's mail account. Whoever controls that mailbox can reset the passwords of almost every other account and send fake invoices in the shop's name. Ask the owner which accounts still need it.",
                nl: "Zet inloggen in twee stappen ook aan voor de andere accounts van de winkel: het beheer van de webwinkel, portalen van leveranciers, de bank en vooral het mailaccount van de winkel. Wie die mailbox in handen heeft, kan de wachtwoorden van bijna alle andere accounts opnieuw instellen en valse facturen sturen uit naam van de winkel. Vraag de eigenaar welke accounts het nog nodig hebben.",
            },
        ],
        questions: &[
            Question {
                ask: Words {
                    en: "Why is a password alone not enough to protect the customer list?",
                    nl: "Waarom is een wachtwoord alleen niet genoeg om de klantenlijst te beschermen?",
                },
                options: &[
                    Words { en: "Because passwords stop working after a month.", nl: "Omdat wachtwoorden na een maand niet meer werken." },
                    Words {
                        en: "Because a password can be guessed, leaked or phished, and then anyone who has it can get in.",
                        nl: "Omdat een wachtwoord geraden, gelekt of gephisht kan worden, en dan kan iedereen die het heeft erin.",
                    },
                    Words {
                        en: "Because shop computers cannot handle long passwords.",
                        nl: "Omdat winkelcomputers niet met lange wachtwoorden overweg kunnen.",
                    },
                ],
                right: 1,
                why: Words {
                    en: "A password is something someone else can learn. The second factor is something only you have with you, so a stolen password alone does not open the door.",
                    nl: "Een wachtwoord is iets wat een ander te weten kan komen. De tweede stap is iets wat alleen jij bij je hebt, dus met alleen een gestolen wachtwoord gaat de deur niet open.",
                },
            },
            Question {
                ask: Words {
                    en: "Someone calls as ‘Strongroom support’: they saw a suspicious sign-in and need the code from your authenticator app to block it. What do you do?",
                    nl: "Iemand belt namens ‘de helpdesk van Strongroom’: ze zagen een verdachte inlogpoging en hebben de code uit je authenticator-app nodig om die te blokkeren. Wat doe je?",
                },
                options: &[
                    Words {
                        en: "Read the code out: it is only valid for a short time anyway.",
                        nl: "De code voorlezen: hij is toch maar kort geldig.",
                    },
                    Words {
                        en: "Ask for their name first, then read the code out.",
                        nl: "Eerst naar hun naam vragen en dan de code voorlezen.",
                    },
                    Words {
                        en: "Give no code, hang up and report the call with Report a problem.",
                        nl: "Geen code geven, ophangen en het gesprek melden met Probleem melden.",
                    },
                ],
                right: 2,
                why: Words {
                    en: "Whoever asks for your code is the one trying to sign in with it, and a short validity is all they need. A name costs nothing to make up.",
                    nl: "Wie om je code vraagt, is degene die ermee probeert in te loggen, en een korte geldigheid is voor hem genoeg. Een naam is zo verzonnen.",
                },
            },
            Question {
                ask: Words {
                    en: "You get a sign-in code by text for the shop's mail account, but you were not signing in. What does that tell you?",
                    nl: "Je krijgt per sms een inlogcode voor het mailaccount van de winkel, maar je was niet aan het inloggen. Wat zegt dat?",
                },
                options: &[
                    Words {
                        en: "Someone probably has the password and is trying to sign in: do not use or pass on the code, report it and change the password.",
                        nl: "Iemand heeft waarschijnlijk het wachtwoord en probeert in te loggen: de code niet gebruiken of doorgeven, het melden en het wachtwoord wijzigen.",
                    },
                    Words { en: "The system is testing itself; you can ignore it.", nl: "Het systeem test zichzelf; je kunt het negeren." },
                    Words {
                        en: "A colleague is signing in and needs the code: send it to them.",
                        nl: "Een collega logt in en heeft de code nodig: stuur hem door.",
                    },
                ],
                right: 0,
                why: Words {
                    en: "A code only arrives when someone has typed in the right password. The second factor stopped them this time; changing the password stops the next try.",
                    nl: "Een code komt alleen als iemand het juiste wachtwoord heeft ingetypt. De tweede stap hield hem deze keer tegen; het wachtwoord wijzigen houdt de volgende poging tegen.",
                },
            },
            Question {
                ask: Words {
                    en: "Your phone with your authenticator app was stolen on the way home. What do you do?",
                    nl: "Je telefoon met je authenticator-app is op weg naar huis gestolen. Wat doe je?",
                },
                options: &[
                    Words { en: "Nothing: the thief does not know your password.", nl: "Niets: de dief kent je wachtwoord niet." },
                    Words {
                        en: "Wait until you have a new phone and tell the owner then.",
                        nl: "Wachten tot je een nieuwe telefoon hebt en het dan aan de eigenaar vertellen.",
                    },
                    Words {
                        en: "Sign in with a colleague's code until you have a new phone.",
                        nl: "Inloggen met de code van een collega tot je een nieuwe telefoon hebt.",
                    },
                    Words {
                        en: "Report it at once with Report a problem, so the owner can reset your second factor.",
                        nl: "Het meteen melden met Probleem melden, zodat de eigenaar je tweede stap ongeldig kan maken.",
                    },
                ],
                right: 3,
                why: Words {
                    en: "The thief may also have your password, from a note or another leak. Once the owner resets your second factor, the stolen phone no longer opens your account; a colleague's code is never yours to use.",
                    nl: "De dief heeft misschien ook je wachtwoord, van een briefje of een ander lek. Zodra de eigenaar je tweede stap ongeldig maakt, opent de gestolen telefoon je account niet meer; de code van een collega gebruik je nooit.",
                },
            },
            Question {
                ask: Words {
                    en: "Why is a passkey safer than a code you type in?",
                    nl: "Waarom is een passkey veiliger dan een code die je intypt?",
                },
                options: &[
                    Words { en: "Because it is not stored anywhere.", nl: "Omdat hij nergens wordt bewaard." },
                    Words {
                        en: "Because it only works on the real website it was made for, so a fake page cannot use it.",
                        nl: "Omdat hij alleen werkt op de echte website waarvoor hij is gemaakt, dus een nagemaakte pagina kan er niets mee.",
                    },
                    Words { en: "Because colleagues can use it to sign in too.", nl: "Omdat collega's er ook mee kunnen inloggen." },
                ],
                right: 1,
                why: Words {
                    en: "A code can be read out or typed into a fake page; a passkey is tied to the real website and is unlocked on your own device, so there is nothing to hand over.",
                    nl: "Een code kun je voorlezen of in een nagemaakte pagina intypen; een passkey hoort bij de echte website en ontgrendel je op je eigen apparaat, dus er valt niets door te geven.",
                },
            },
            Question {
                ask: Words {
                    en: "Should two-factor sign-in also be turned on for accounts outside Strongroom, such as the webshop admin and the shop's mail?",
                    nl: "Moet inloggen in twee stappen ook aan voor accounts buiten Strongroom, zoals het beheer van de webwinkel en de mail van de winkel?",
                },
                options: &[
                    Words { en: "No: only Strongroom holds customer data.", nl: "Nee: alleen Strongroom bevat klantgegevens." },
                    Words {
                        en: "Only for accounts that have been broken into before.",
                        nl: "Alleen voor accounts waarin al eens is ingebroken.",
                    },
                    Words {
                        en: "Yes, the shop's mail account first: whoever controls it can reset other passwords and send mail in the shop's name.",
                        nl: "Ja, het mailaccount van de winkel als eerste: wie dat in handen heeft, kan andere wachtwoorden opnieuw instellen en mail sturen uit naam van de winkel.",
                    },
                ],
                right: 2,
                why: Words {
                    en: "The webshop and the mailbox hold customer data too, and the mailbox is the key to resetting almost every other account. Waiting until after a break-in is too late.",
                    nl: "Ook de webwinkel en de mailbox bevatten klantgegevens, en met de mailbox kun je bijna elk ander account opnieuw instellen. Wachten tot na een inbraak is te laat.",
                },
            },
        ],
        pass_percent: 80,
    },
    Lesson {
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
    },
];
