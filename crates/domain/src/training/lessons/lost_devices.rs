//! The lesson of month 7 (issue 17): Lost or stolen devices.

use super::super::course::{Lesson, Question, Words};

pub(in crate::training) const LESSON: Lesson = Lesson {
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
                Words { en: "Leave it under a seat with the doors locked.", nl: "Onder een stoel laten liggen, met de deuren op slot." },
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
};
