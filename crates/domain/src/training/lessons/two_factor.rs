//! The lesson of month 3 (issue 17): Two-factor sign-in and passkeys.

use super::super::course::{Lesson, Question, Words};

pub(in crate::training) const LESSON: Lesson = Lesson {
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
};
