//! The reasons the lower crates give for refusing a value, in the person's language. The domain
//! writes them in English (they are also the CLI's and the API's words); the pages show them in
//! Dutch when Dutch is chosen. A reason with values in it (`is 300 characters long; at most 255
//! are allowed`) is matched by its fixed parts, and the values carried over. A reason not listed
//! here is shown as it is: a test keeps the list complete for every reason the domain gives.

use std::borrow::Cow;

use strongroom_domain::Language;

/// English reason → Dutch reason. `{}` stands for a value carried over, in order.
const NL: &[(&str, &str)] = &[
    ("{} is not a web address (https://…)", "{} is geen webadres (https://…)"),
    ("{} is not a website's address (like www.shop.nl)", "{} is geen adres van een website (zoals www.winkel.nl)"),
    ("{} is not a host name (like www.shop.nl)", "{} is geen hostnaam (zoals www.winkel.nl)"),
    ("{} is not a port", "{} is geen poort"),
    (
        "an evidence file must be a PDF, a PNG or JPEG picture, or a text file",
        "een bewijsstuk moet een pdf, een png- of jpeg-afbeelding of een tekstbestand zijn",
    ),
    ("the evidence file is empty", "het bewijsstuk is leeg"),
    ("is not one of the quiz's options", "is geen van de antwoorden van de quiz"),
    ("line {}: {}", "regel {}: {}"),
    (
        "the shop has kept {} lessons of its own, removed ones included: no more can be added",
        "de winkel heeft {} eigen lessen bewaard, verwijderde meegeteld: er kunnen er geen meer bij",
    ),
    (
        "the training's settings were changed meanwhile: try again",
        "de instellingen van de training zijn intussen gewijzigd: probeer het opnieuw",
    ),
    (
        "a lesson of your security training is more than 14 days overdue, and the shop requires it before customer data: take it on the training page (a few minutes)",
        "een les van je beveiligingstraining is meer dan 14 dagen te laat, en de winkel vraagt die voordat je klantgegevens opent: doe hem op de trainingspagina (een paar minuten)",
    ),
    ("at most {} quiz answers a day: try again tomorrow", "hoogstens {} quizantwoorden per dag: probeer het morgen opnieuw"),
    ("this quiz form was already used: open the lesson again", "dit quizformulier is al gebruikt: open de les opnieuw"),
    (
        "only a member of staff takes the training, signed in as themselves",
        "alleen een medewerker doet de training, aangemeld als zichzelf",
    ),
    ("at most {} sessions are kept: remove an old one first", "hoogstens {} bijeenkomsten worden bewaard: verwijder eerst een oude"),
    ("no staff accounts yet", "nog geen accounts van medewerkers"),
    ("the training does not read", "de training is niet te lezen"),
    ("the training does not read: {}", "de training is niet te lezen: {}"),
    ("must name who was there", "moet noemen wie er waren"),
    ("no account in use is called {}", "geen account in gebruik heet {}"),
    (
        "the shop keeps at most {} lessons of its own: remove one first",
        "de winkel houdt hoogstens {} eigen lessen bij: verwijder er eerst een",
    ),
    ("comes before the first question (a line starting with ?)", "staat vóór de eerste vraag (een regel die met ? begint)"),
    ("must start with ?, -, * or =", "moet beginnen met ?, -, * of ="),
    (
        "a question needs two to six options (lines starting with - or *)",
        "een vraag heeft twee tot zes antwoorden nodig (regels die met - of * beginnen)",
    ),
    (
        "a question needs exactly one right option (the line starting with *)",
        "een vraag heeft precies één goed antwoord nodig (de regel die met * begint)",
    ),
    ("a question needs its explanation (a line starting with =)", "een vraag heeft een uitleg nodig (een regel die met = begint)"),
    ("a question has one explanation", "een vraag heeft maar één uitleg"),
    ("must have {} to {} questions", "moet {} tot en met {} vragen hebben"),
    ("must be a month of the year, 1 to 12", "moet een maand van het jaar zijn, 1 tot en met 12"),
    ("must be a share of right answers from 50 to 100", "moet een aandeel goede antwoorden van 50 tot 100 zijn"),
    ("must be use, view or manage", "moet use, view of manage zijn"),
    (
        "must be role:ROLE or person:NAME, with =use, =view or =manage after it",
        "moet role:ROL of person:NAAM zijn, met =use, =view of =manage erachter",
    ),
    (
        "may be with the manager, sales, workshop or privacy officer roles",
        "mag met de rollen bedrijfsleider, verkoop, werkplaats of privacyfunctionaris",
    ),
    (
        "must be the base32 secret the site shows (letters A–Z and digits 2–7)",
        "moet het base32-geheim zijn dat de site toont (letters A–Z en cijfers 2–7)",
    ),
    ("is too short for a TOTP secret (at least 16 characters)", "is te kort voor een TOTP-geheim (minstens 16 tekens)"),
    ("must be a web address starting with https://", "moet een webadres zijn dat met https:// begint"),
    ("must be one line of at most 200 characters", "moet één regel van hoogstens 200 tekens zijn"),
    (
        "{} is not a staff account in use: share with people who work here",
        "{} is geen personeelsaccount in gebruik: deel met mensen die hier werken",
    ),
    ("the vault keeps at most {} entries", "de kluis bewaart hoogstens {} wachtwoorden"),
    ("the entry was changed since it was opened: look at it again", "het is gewijzigd sinds het werd geopend: bekijk het opnieuw"),
    (
        "is {}: only logins are kept here (never cards or identities)",
        "is {}: hier worden alleen inloggegevens bewaard (nooit kaarten of identiteiten)",
    ),
    ("the file holds no passwords", "het bestand bevat geen wachtwoorden"),
    (
        "the file needs a password column (login_password or password): is it a password export?",
        "het bestand heeft een wachtwoordkolom nodig (login_password of password): is het een export van wachtwoorden?",
    ),
    ("the file needs a name or an address column", "het bestand heeft een naam- of adreskolom nodig"),
    ("this line cannot be read as CSV (a cell too many or too few?)", "deze regel is geen leesbare CSV (een cel te veel of te weinig?)"),
    ("the file is not UTF-8 from here on; export it again as CSV", "het bestand is vanaf hier geen UTF-8; exporteer het opnieuw als CSV"),
    (
        "it was changed since it was opened: look at it again before removing it",
        "het is gewijzigd sinds het werd geopend: bekijk het opnieuw voordat u het verwijdert",
    ),
    ("answer the question before attaching evidence", "beantwoord de vraag voordat u een bewijsstuk toevoegt"),
    ("{} is not encrypted: use its https:// address", "{} is niet versleuteld: gebruik het https://-adres"),
    ("{} could not be fetched: {}", "{} kon niet worden opgehaald: {}"),
    ("{} answered {}", "{} antwoordde {}"),
    ("{} could not be read whole (at most {} MB): {}", "{} kon niet helemaal worden gelezen (hoogstens {} MB): {}"),
    ("this table was checked on {}, before the one in use ({})", "deze lijst is nagekeken op {}, vóór de lijst in gebruik ({})"),
    ("this catalogue is version {}, older than the one in use ({})", "deze catalogus is versie {}, ouder dan die in gebruik ({})"),
    ("the file is larger than {} MB", "het bestand is groter dan {} MB"),
    ("not CISA's catalogue: {}", "niet de catalogus van CISA: {}"),
    ("not an end-of-life table: {}", "geen lijst van einde ondersteuning: {}"),
    ("{}: {} is not a date (YYYY-MM-DD)", "{}: {} is geen datum (JJJJ-MM-DD)"),
    ("{}: needs a cveID (CVE-…), a vendorProject and a product", "{}: heeft een cveID (CVE-…), een vendorProject en een product nodig"),
    ("{}: must be a date, true or false", "{}: moet een datum, true of false zijn"),
    ("{}: a product needs an id and at least one name", "{}: een product heeft een id en minstens één naam nodig"),
    (
        "must be counter_pc, laptop, tablet, phone, router, card_terminal, camera_system, server or other",
        "moet counter_pc, laptop, tablet, phone, router, card_terminal, camera_system, server of other zijn",
    ),
    ("must be yes, no or unknown", "moet ja, nee of onbekend zijn"),
    ("must not be after today", "mag niet na vandaag liggen"),
    ("{} of {} devices run software past its end of life", "{} van {} apparaten draaien software zonder ondersteuning"),
    ("{} of {} devices lack updates of the last 14 days", "{} van {} apparaten missen updates van de laatste 14 dagen"),
    ("{} of {} devices have exploited vulnerabilities listed", "{} van {} apparaten hebben gemelde misbruikte kwetsbaarheden"),
    (
        "{} of {} devices hold customer data without known encryption",
        "{} van {} apparaten bevatten klantgegevens zonder bekende versleuteling",
    ),
    ("{} of {} devices have no firewall", "{} van {} apparaten hebben geen firewall"),
    ("no devices listed yet", "nog geen apparaten op de lijst"),
    ("{} devices listed", "{} apparaten op de lijst"),
    (
        "uploads are scanned by ClamAV; {} devices have no virus scanner",
        "uploads worden gescand door ClamAV; {} apparaten hebben geen virusscanner",
    ),
    ("a backup folder is on another disk", "een back-upmap staat op een andere schijf"),
    ("no backup folder on another disk", "geen back-upmap op een andere schijf"),
    (
        "at least {} characters, checked against 200,000 leaked passwords and the shop's own words",
        "minstens {} tekens, getoetst aan 200.000 gelekte wachtwoorden en de eigen woorden van de winkel",
    ),
    ("locked after {} wrong tries", "geblokkeerd na {} verkeerde pogingen"),
    ("{} risks, {} overdue for review", "{} risico's, {} te laat voor hun controle"),
    ("{} open incidents, {} older than 30 days", "{} open incidenten, {} ouder dan 30 dagen"),
    ("not found out", "niet vastgesteld"),
    ("lockout_after_failures must be between 1 and {}", "lockout_after_failures moet tussen 1 en {} liggen"),
    ("idle_timeout_minutes must be between 1 and 480", "idle_timeout_minutes moet tussen 1 en 480 liggen"),
    ("session_hours must be between 1 and 24", "session_hours moet tussen 1 en 24 liggen"),
    ("enrolment_code_hours must be between 1 and 720", "enrolment_code_hours moet tussen 1 en 720 liggen"),
    ("step_up_minutes must be between 1 and 60", "step_up_minutes moet tussen 1 en 60 liggen"),
    ("password_reminder_days must be between 1 and 3650", "password_reminder_days moet tussen 1 en 3650 liggen"),
    (
        "force_change_without_second_factor_days must be between 1 and 365, or off",
        "force_change_without_second_factor_days moet tussen 1 en 365 liggen, of uit staan",
    ),
    ("{} must be a whole number", "{} moet een heel getal zijn"),
    ("at most {} feeds", "hoogstens {} feeds"),
    ("{} accounts that see customer data have no second factor", "{} accounts die klantgegevens zien, hebben geen tweede factor"),
    ("{} accounts have not signed in for 90 days", "{} accounts hebben zich 90 dagen niet aangemeld"),
    ("on the staff: {}; with a lesson of the training overdue: {}", "medewerkers: {}; met een trainingsles te laat: {}"),
    ("TLS 1.2 and 1.3 only; the certificate is valid for 30 days more", "alleen TLS 1.2 en 1.3; het certificaat is nog 30 dagen geldig"),
    (
        "the doctor found the server's certificate expiring or unreadable",
        "de controle vond het certificaat van de server bijna verlopen of onleesbaar",
    ),
    ("the doctor has not checked this computer yet", "de controle heeft deze computer nog niet bekeken"),
    ("the data's disk could not be told", "de schijf van de gegevens kon niet worden vastgesteld"),
    ("accounts are never locked", "accounts worden nooit geblokkeerd"),
    (
        "ClamAV is not running with fresh signatures; {} devices have no virus scanner",
        "ClamAV draait niet met verse handtekeningen; {} apparaten hebben geen virusscanner",
    ),
    ("must be reduce, accept, transfer or avoid", "moet verminderen, accepteren, overdragen of vermijden zijn"),
    ("must be a whole number from 1 to 5", "moet een heel getal van 1 tot 5 zijn"),
    ("someone changed this risk meanwhile; look at it again", "iemand veranderde dit risico intussen; bekijk het opnieuw"),
    ("this risk is in the register already", "dit risico staat al in het register"),
    ("at most {} risks are kept", "hoogstens {} risico's worden bewaard"),
    ("Strongroom answers this question itself, from what it finds", "Strongroom beantwoordt deze vraag zelf, uit wat het vindt"),
    ("the refreshed {} does not open; the built-in one is used", "de ververste {} gaat niet open; de ingebouwde wordt gebruikt"),
    ("at most {} programs per device", "hoogstens {} programma's per apparaat"),
    ("must be yes or no", "moet ja of nee zijn"),
    ("a version needs the system's name", "een versie heeft de naam van het systeem nodig"),
    ("is not a column; the columns are {}", "is geen kolom; de kolommen zijn {}"),
    ("appears twice", "staat er twee keer in"),
    ("the file needs this column", "het bestand heeft deze kolom nodig"),
    ("the file is not UTF-8 from here on; save it as \"CSV UTF-8\"", "het bestand is vanaf hier geen UTF-8; sla het op als \"CSV UTF-8\""),
    ("holds no devices", "bevat geen apparaten"),
    ("more than {} devices", "meer dan {} apparaten"),
    ("is not valid CSV here (a quote not closed?)", "is hier geen geldige CSV (een aanhalingsteken niet gesloten?)"),
    ("contains what looks like a payment card number", "bevat iets dat op een betaalkaartnummer lijkt"),
    ("at most {} devices are kept", "hoogstens {} apparaten worden bewaard"),
    ("someone changed this device meanwhile; look at it again", "iemand veranderde dit apparaat intussen; bekijk het opnieuw"),
    (
        "the virus scanner found {} in this file: it was not read, kept or imported; delete the file and have the computer it came from checked",
        "de virusscanner vond {} in dit bestand: het is niet gelezen, bewaard of geïmporteerd; verwijder het bestand en laat de computer waar het vandaan kwam nakijken",
    ),
    (
        "the virus scanner cannot be reached ({}), and files are not taken unscanned: start it (systemctl start clamav-daemon) and try again",
        "de virusscanner is niet bereikbaar ({}), en bestanden worden niet ongescand aangenomen: start hem (systemctl start clamav-daemon) en probeer het opnieuw",
    ),
    (
        "the file is larger than the virus scanner takes (StreamMaxLength in clamd.conf); raise that limit or split the file",
        "het bestand is groter dan de virusscanner aanneemt (StreamMaxLength in clamd.conf); verhoog die grens of splits het bestand",
    ),
    ("the virus scanner could not scan the file: {}", "de virusscanner kon het bestand niet scannen: {}"),
    ("must be 1 to {} years", "moet 1 tot {} jaar zijn"),
    (
        "this customer's record is restricted at their request (GDPR Art. 18): it opens only for a legal claim (purpose legal_claim)",
        "het dossier van deze klant is op eigen verzoek beperkt (AVG art. 18): het gaat alleen open voor een rechtsvordering (doel legal_claim)",
    ),
    ("must be none, starttls or tls", "moet none, starttls of tls zijn"),
    ("is not a host name or IP address, as in smtp.example.com", "is geen servernaam of IP-adres, zoals smtp.example.com"),
    ("must be a port number from 1 to 65535", "moet een poortnummer van 1 tot 65535 zijn"),
    (
        "an unencrypted connection is only allowed to a mail server on this machine; choose starttls or tls",
        "een onversleutelde verbinding mag alleen naar een mailserver op deze computer; kies starttls of tls",
    ),
    ("must be at most 254 characters on one line", "mag hoogstens 254 tekens op één regel zijn"),
    ("at most 10 addresses", "hoogstens 10 adressen"),
    ("mail is not set up yet", "de mail is nog niet ingesteld"),
    (
        "that message is being handed to the mail server right now; look again in two minutes",
        "dat bericht wordt nu aan de mailserver gegeven; kijk over twee minuten nog eens",
    ),
    ("the steps changed meanwhile; look at them again", "de stappen zijn intussen veranderd; bekijk ze opnieuw"),
    ("a step is due 0 to {} hours after the start", "een stap moet 0 tot {} uur na de start klaar zijn"),
    ("deciding whether it is a breach stays in every playbook", "beslissen of het een datalek is blijft in elk stappenplan"),
    ("the CA certificate is not a PEM certificate", "het CA-certificaat is geen PEM-certificaat"),
    ("the mail server did not take the test message: {}", "de mailserver nam het testbericht niet aan: {}"),
    (
        "the letter still has parts in [ ] to write; fill them in or take them out first",
        "de brief heeft nog delen tussen [ ] om te schrijven; vul ze eerst in of haal ze weg",
    ),
    ("this is a drill: no letters go to customers", "dit is een oefening: er gaan geen brieven naar klanten"),
    (
        "the incident has no evidence of which customers it reached; attach the impact first",
        "bij het incident is niet vastgelegd welke klanten het raakte; voeg eerst de impact toe",
    ),
    ("that message is {}; this does not apply to it", "dat bericht is {}; dit geldt er niet voor"),
    ("a customer cannot be their own partner", "een klant kan niet zijn eigen partner zijn"),
    ("a country calling code never starts with 0", "een landnummer begint nooit met 0"),
    ("an international number has 7 to 15 digits", "een internationaal nummer heeft 7 tot 15 cijfers"),
    ("is longer than 254 bytes", "is langer dan 254 bytes"),
    ("is not an email address (no @)", "is geen e-mailadres (geen @)"),
    (
        "may hold only digits, spaces, dashes, dots, brackets and a leading +",
        "mag alleen cijfers, spaties, streepjes, punten, haakjes en een + vooraan bevatten",
    ),
    ("the domain after @ is not a valid domain name", "het domein na @ is geen geldige domeinnaam"),
    ("the domain after @ needs a dot, as in example.com", "het domein na @ heeft een punt nodig, zoals in example.com"),
    ("the part before @ contains characters an address cannot have", "het deel voor @ bevat tekens die een adres niet kan hebben"),
    ("the part before @ must be 1 to 64 bytes", "het deel voor @ moet 1 tot 64 bytes zijn"),
    ("must not contain control characters", "mag geen stuurtekens bevatten"),
    ("must not contain line breaks or control characters", "mag geen regeleinden of stuurtekens bevatten"),
    ("a customer cannot be merged into themselves", "een klant kan niet met zichzelf worden samengevoegd"),
    ("a purchase needs at least one item", "een verkoop heeft minstens één artikel nodig"),
    ("a purchase holds at most {} items", "een verkoop heeft hoogstens {} artikelen"),
    (
        "a purpose label is 1 to 40 of a-z, 0-9 and _, starting with a letter",
        "een doel is 1 tot 40 tekens a-z, 0-9 en _, beginnend met een letter",
    ),
    ("at most {} is left to refund", "er is nog hoogstens {} terug te betalen"),
    ("cannot be cleared; a customer always has a name", "kan niet leeg worden gemaakt; een klant heeft altijd een naam"),
    ("channel must be one of email, sms, post, phone", "het kanaal moet email, sms, post of phone zijn"),
    ("every price must be in the sale's currency", "elke prijs moet in de valuta van de verkoop zijn"),
    ("give the total, or a price for every item", "vul het totaal in, of een prijs bij elk artikel"),
    ("is {} characters long; at most {} are allowed", "is {} tekens lang; hoogstens {} zijn toegestaan"),
    ("is before 1900", "ligt vóór 1900"),
    ("is before the day the item was received", "ligt vóór de dag waarop het sieraad is aangenomen"),
    ("is empty; every customer needs a name", "is leeg; elke klant heeft een naam nodig"),
    ("is in the future", "ligt in de toekomst"),
    ("is not a customer id", "is geen klantnummer"),
    ("is not a date that exists", "is een datum die niet bestaat"),
    (
        "is not a ticket code (a letter R, A or O, then four and three digits: R-2412-037)",
        "is geen boncode (een letter R, A of O, dan vier en drie cijfers: R-2412-037)",
    ),
    ("may hold only letters, digits and _ - : .", "mag alleen letters, cijfers en _ - : . bevatten"),
    ("may hold only the letters a-z, digits, '.', '_' and '-'", "mag alleen de letters a-z, cijfers, '.', '_' en '-' bevatten"),
    ("may hold only visible ASCII characters, no spaces", "mag alleen zichtbare ASCII-tekens bevatten, geen spaties"),
    ("month must be 01 to 12", "de maand moet 01 tot 12 zijn"),
    ("must be 1 to 128 characters", "moet 1 tot 128 tekens zijn"),
    ("must be 1 to 255 characters", "moet 1 tot 255 tekens zijn"),
    ("must be 2 to {} characters long", "moet 2 tot {} tekens lang zijn"),
    ("must be 4 to 30 letters and digits", "moet 4 tot 30 letters en cijfers zijn"),
    ("must be a date written YYYY-MM-DD", "moet een datum zijn, geschreven als JJJJ-MM-DD"),
    ("must be a three-letter ISO 4217 code such as EUR", "moet een ISO 4217-code van drie letters zijn, zoals EUR"),
    ("must be a two-letter country code such as NL", "moet een landcode van twee letters zijn, zoals NL"),
    ("must be an amount such as 1250 or 1250.50", "moet een bedrag zijn, zoals 1250 of 1250,50"),
    ("must be an amount such as 1250, 1,250.00 or € 1250", "moet een bedrag zijn, zoals 1250, 1.250,00 of € 1250"),
    ("must be an amount such as 1250, 1.250,00 or € 1250", "moet een bedrag zijn, zoals 1250, 1.250,00 of € 1250"),
    ("must be between 0 and 100,000,000", "moet tussen 0 en 100.000.000 liggen"),
    ("must be en (English) or nl (Nederlands)", "moet en (English) of nl (Nederlands) zijn"),
    ("must be exactly four digits", "moet precies vier cijfers zijn"),
    ("must be in the sale's currency", "moet in de valuta van de verkoop zijn"),
    ("must be more than zero", "moet meer dan nul zijn"),
    ("must be one of {} (or another EU country, which uses EU)", "moet een van deze zijn: {} (of een ander EU-land, dat EU gebruikt)"),
    ("must be one of: {}", "moet een van deze zijn: {}"),
    ("must be one of {}", "moet een van deze zijn: {}"),
    (
        "must be one of visa, mastercard, maestro, amex, discover, jcb, unionpay, other",
        "moet visa, mastercard, maestro, amex, discover, jcb, unionpay of other zijn",
    ),
    (
        "must be passport, national-id-card, driving-licence or residence-permit",
        "moet passport, national-id-card, driving-licence of residence-permit zijn",
    ),
    ("must be received, at-bench, ready or collected", "moet received, at-bench, ready of collected zijn"),
    ("must be repair, appraisal or custom-order", "moet repair, appraisal of custom-order zijn"),
    ("must be void or refund", "moet void of refund zijn"),
    ("must be written MM/YY", "moet geschreven zijn als MM/JJ"),
    ("must not be empty", "mag niet leeg zijn"),
    ("must not contain {}", "mag geen {} bevatten"),
    ("must start with a letter a-z", "moet met een letter a-z beginnen"),
    ("name at least one item", "noem minstens één artikel"),
    ("no customer has that id", "geen klant heeft dat nummer"),
    ("not a valid id (expected a UUID)", "geen geldig nummer (een UUID verwacht)"),
    (
        "part of this sale was refunded: refund the rest instead of voiding it",
        "een deel van deze verkoop is terugbetaald: betaal de rest terug in plaats van hem te laten vervallen",
    ),
    ("say how much is refunded", "zeg hoeveel er wordt terugbetaald"),
    ("say why", "zeg waarom"),
    ("the items' prices add up to {}, not {}", "de prijzen van de artikelen zijn samen {}, niet {}"),
    ("this sale is already refunded in full", "deze verkoop is al helemaal terugbetaald"),
    ("this sale is already void", "deze verkoop is al vervallen"),
    ("unknown country code; known: {}", "onbekende landcode; bekend zijn: {}"),
    ("give at least {} letters of a word of the name", "geef minstens {} letters van een woord van de naam"), // Backups, drills and restores (the app's words, shown on the owner's backup pages).
    (
        "the backup folder {} does not exist: plug in the disk, or create the folder, and try again",
        "de back-upmap {} bestaat niet: sluit de schijf aan of maak de map, en probeer het opnieuw",
    ),
    ("cannot write to the backup folder {}: {}", "kan niet schrijven in de back-upmap {}: {}"),
    (
        "another backup is being written to {} right now; wait for it to finish",
        "er wordt nu al een back-up naar {} geschreven; wacht tot die klaar is",
    ),
    ("cannot finish the backup in {}: {}", "kan de back-up in {} niet afmaken: {}"),
    ("cannot write {}: {}", "kan {} niet schrijven: {}"),
    (
        "the backup folder {} does not answer (a network drive that hangs?)",
        "de back-upmap {} antwoordt niet (een netwerkschijf die hangt?)",
    ),
    (
        "no backup folder is set: add one in the backup settings",
        "er is geen back-upmap ingesteld: voeg er een toe in de back-upinstellingen",
    ),
    (
        "{} is inside the data directory: a backup there is lost with the data; choose another disk",
        "{} staat in de gegevensmap: een back-up daar gaat met de gegevens verloren; kies een andere schijf",
    ),
    ("it stopped unexpectedly; the server's log says why", "het stopte onverwacht; het logboek van de server zegt waarom"),
    // The disk's words (the app's plain names for the operating system's errors).
    ("the disk is full", "de schijf is vol"),
    ("the disk is read-only", "de schijf is alleen-lezen"),
    ("Strongroom may not write there (permission denied)", "Strongroom mag daar niet schrijven (geen toestemming)"),
    ("it is not there", "het is er niet"),
    ("the disk did not answer in time", "de schijf antwoordde niet op tijd"),
    ("the disk's quota is used up", "het quotum op de schijf is op"),
    ("the network drive went away", "de netwerkschijf is weggevallen"),
    (
        "the disk could not be read or written (an input/output error)",
        "de schijf kon niet gelezen of beschreven worden (een invoer-/uitvoerfout)",
    ),
    // Customers' requests under the GDPR.
    (
        "must be access, rectification, erasure, restriction, portability, objection or withdrawal",
        "moet access, rectification, erasure, restriction, portability, objection of withdrawal zijn",
    ),
    ("must be counter, email, phone, letter or webshop", "moet counter, email, phone, letter of webshop zijn"),
    ("must be open, extended, completed or refused", "moet open, extended, completed of refused zijn"),
    ("is in the future; give the day the request came in", "ligt in de toekomst; geef de dag waarop het verzoek binnenkwam"),
    ("is more than a year ago; check the year", "is meer dan een jaar geleden; controleer het jaar"),
    ("this request was extended already; the law allows it once", "dit verzoek is al verlengd; de wet staat dat één keer toe"),
    ("this request is closed", "dit verzoek is afgesloten"),
    ("this request is closed already", "dit verzoek is al afgesloten"),
    (
        "the first month has passed: an extension must be told to the person within it (Art. 12(3))",
        "de eerste maand is voorbij: een verlenging moet de persoon binnen die maand horen (art. 12 lid 3 AVG)",
    ),
    (
        "record how the person's identity was checked first: nothing is disclosed or changed before it is",
        "leg eerst vast hoe de identiteit van de persoon is gecontroleerd: daarvóór wordt niets verstrekt of gewijzigd",
    ),
    (
        "an erasure request is completed by erasing the customer (Erase, or `request complete`), which answers it; until then it stays open (or refuse it with the reason)",
        "een verzoek om wissen wordt afgerond door de klant te wissen (Wissen, of `request complete`), wat het beantwoordt; tot dan blijft het open (of weiger het met de reden)",
    ),
    (
        "a restriction request is completed by restricting the record (Restrict, or `request complete`), which answers it; until then it stays open (or refuse it with the reason)",
        "een verzoek om beperking wordt afgerond door het dossier te beperken (Beperken, of `request complete`), wat het beantwoordt; tot dan blijft het open (of weiger het met de reden)",
    ),
    (
        "the customer's record is restricted: lift the restriction first (the person must be told before it is lifted)",
        "het dossier van de klant is beperkt: hef de beperking eerst op (de persoon moet het weten voordat ze wordt opgeheven)",
    ),
    (
        "this is a request for {}, not {}: answer it with the reply instead",
        "dit is een verzoek om {}, niet om {}: beantwoord het met een antwoord",
    ),
    ("the customer's record is restricted already", "het dossier van de klant is al beperkt"),
    ("the customer's record is not restricted", "het dossier van de klant is niet beperkt"),
    ("this request is closed already; nothing was changed", "dit verzoek is al afgesloten; er is niets veranderd"),
    ("the customer was erased already; nothing was changed", "de klant is al gewist; er is niets veranderd"),
    (
        "{} workshop jobs still hold the customer's items: hand them back (mark them collected) before the erasure, so the shop can still reach the owner",
        "{} werkplaatsopdrachten bevatten nog spullen van de klant: geef ze terug (zet ze op opgehaald) vóór het wissen, zodat de winkel de eigenaar nog kan bereiken",
    ),
    ("the identity check is recorded already", "de identiteitscontrole is al vastgelegd"),
    ("this request was refused; it gives no data", "dit verzoek is geweigerd; het geeft geen gegevens"),
    (
        "only an access or portability request gives the customer their data",
        "alleen een verzoek om inzage of overdraagbaarheid geeft de klant zijn gegevens",
    ),
    ("the request changed meanwhile; look at it again", "het verzoek is intussen veranderd; bekijk het opnieuw"),
    // The backup settings.
    ("must be a whole number from {} to {}", "moet een heel getal van {} tot {} zijn"),
    ("is not a time of day as HH:MM (02:00)", "is geen tijdstip als UU:MM (02:00)"),
    ("{} is not a folder on one line of at most 1024 characters", "{} is geen map op één regel van hoogstens 1024 tekens"),
    (
        "{} is not a whole path from the top, as in /media/usb-backup",
        "{} is geen volledig pad vanaf de hoofdmap (/), zoals /media/usb-backup",
    ),
    ("{} goes up with ..; give the folder's own path", "{} gaat omhoog met ..; geef het eigen pad van de map"),
    ("{} is listed twice", "{} staat er twee keer"),
    ("at most {} folders", "hoogstens {} mappen"),
    ("the folder {} is not there (is the disk plugged in?)", "de map {} is er niet (is de schijf aangesloten?)"),
    ("the folder {} holds no backup", "de map {} bevat geen back-up"),
    ("{} restored and checked", "{} teruggezet en gecontroleerd"),
    ("the key or passphrase does not open this vault", "de sleutel of wachtwoordzin opent deze kluis niet"),
    ("{} is not a Strongroom backup", "{} is geen back-up van Strongroom"),
    ("{} is damaged at its start: {}", "{} is aan het begin beschadigd: {}"),
    ("{} is damaged, so nothing was restored: {}", "{} is beschadigd; er is niets teruggezet: {}"),
    (
        "chunk {} is damaged: it does not open with this key at its place",
        "blok {} is beschadigd: het gaat op zijn plaats niet open met deze sleutel",
    ),
    (
        "chunk {} is out of place: it was written as chunk {} (the chunks were reordered)",
        "blok {} staat op de verkeerde plaats: het is geschreven als blok {} (de blokken zijn verwisseld)",
    ),
    (
        "the file is cut off after chunk {}: its end, with the manifest, is missing",
        "het bestand is afgebroken na blok {}: het einde, met het overzicht, ontbreekt",
    ),
    ("chunk {}'s length is damaged; nothing after it can be read", "de lengte van blok {} is beschadigd; niets daarna is te lezen"),
    ("chunk {} opens but cannot be read: {}", "blok {} gaat open maar is niet te lezen: {}"),
    ("there are bytes after the last chunk", "er staan bytes na het laatste blok"),
    (
        "the manifest lists {} chunks of rows but the file holds {}",
        "het overzicht noemt {} blokken met rijen, maar het bestand bevat er {}",
    ),
    ("chunk {} differs from the one the manifest lists", "blok {} verschilt van het blok dat het overzicht noemt"),
    ("the rows end inside a table", "de rijen houden midden in een tabel op"),
    (
        "the rows read ({}) differ from the manifest's counts ({})",
        "de gelezen rijen ({}) verschillen van de aantallen in het overzicht ({})",
    ),
    ("the audit checkpoint's signature does not verify: {}", "de handtekening van het controlepunt van het auditlogboek klopt niet: {}"),
    (
        "the audit checkpoint covers {} events but the backup holds {}",
        "het controlepunt van het auditlogboek dekt {} gebeurtenissen, maar de back-up bevat er {}",
    ),
    ("the restored audit trail does not verify: {}", "het teruggezette auditlogboek klopt niet: {}"),
    ("customer {} does not open: {}", "klant {} gaat niet open: {}"),
    ("the restored {} holds {} rows, the manifest {}", "de teruggezette tabel {} bevat {} rijen, het overzicht {}"),
    (
        "is in the future; give the time it happened, or leave it empty",
        "ligt in de toekomst; geef de tijd waarop het gebeurde, of laat het leeg",
    ),
    ("is more than ten years ago; check the year", "is meer dan tien jaar geleden; controleer het jaar"),
    ("is before the shop became aware of the breach", "ligt vóór het moment waarop de winkel het datalek ontdekte"),
    (
        "is required: the authority was notified more than 72 hours after the shop became aware (GDPR Art. 33(1))",
        "is verplicht: de toezichthouder is meer dan 72 uur na de ontdekking ingelicht (AVG art. 33 lid 1)",
    ),
    ("only applies to encrypted data", "geldt alleen voor versleutelde gegevens"),
    ("is more than a billion; check the number", "is meer dan een miljard; controleer het getal"),
    ("must be from 1 to 4, in steps of 0.25", "moet tussen 1 en 4 liggen, in stappen van 0,25"),
    ("must be 0.25, 0.5, 0.75 or 1", "moet 0,25, 0,5, 0,75 of 1 zijn"),
    ("must be 0, 0.25 or 0.5", "moet 0, 0,25 of 0,5 zijn"),
    (
        "must be phishing, lost-device, ransomware, wrong-recipient, suspicious-request, insider, stolen-stock or other",
        "moet phishing, lost-device, ransomware, wrong-recipient, suspicious-request, insider, stolen-stock of other zijn",
    ),
    ("must be new, investigating, contained or closed", "moet new, investigating, contained of closed zijn"),
    ("must be confidentiality, integrity or availability", "moet confidentiality, integrity of availability zijn"),
    ("must be authority, customers or staff", "moet authority, customers of staff zijn"),
    ("must be after since", "moet na het begin liggen"),
    ("is not a date and time", "is geen datum en tijd"),
    ("must be a whole number", "moet een heel getal zijn"),
    ("this incident's response steps were started already", "de stappen van dit incident zijn al gestart"),
    ("that step was marked done already", "die stap is al als gedaan gemarkeerd"),
];

/// `text` in `language` by `table` (English → Dutch, `{}` a value carried over), as it is when
/// the table has no entry for it.
pub fn translate_with<'a>(table: &[(&str, &str)], language: Language, text: &'a str) -> Cow<'a, str> {
    if language == Language::En {
        return Cow::Borrowed(text);
    }
    let translated = |english: &str, dutch: &str| fill(dutch, &holes(english, text)?);
    match table.iter().find_map(|(english, dutch)| translated(english, dutch)) {
        Some(dutch) => Cow::Owned(dutch),
        None => Cow::Borrowed(text),
    }
}

/// `reason` in `language`: as it is in English, and from the catalogue in Dutch (as it is
/// when the catalogue does not have it).
pub fn reason(language: Language, reason: &str) -> Cow<'_, str> {
    let reason = local_amounts(language, reason);
    if language == Language::En {
        return reason;
    }
    // A value carried over may be a reason itself (the disk's words inside "cannot write …: {}").
    let translated = |english: &str, dutch: &str| {
        let values: Vec<String> = holes(english, &reason)?.into_iter().map(|value| self::reason(language, value).into_owned()).collect();
        fill(dutch, &values.iter().map(String::as_str).collect::<Vec<_>>())
    };
    match NL.iter().find_map(|(english, dutch)| translated(english, dutch)) {
        Some(dutch) => Cow::Owned(dutch),
        None => reason,
    }
}

/// Amounts the domain writes its way (`EUR 900.00`, as the CLI and the API show them) written
/// the language's way (`€ 900,00`, `€900.00`).
fn local_amounts(language: Language, text: &str) -> Cow<'_, str> {
    let words: Vec<&str> = text.split(' ').collect();
    let mut out: Vec<String> = Vec::with_capacity(words.len());
    let mut changed = false;
    let mut i = 0;
    while i < words.len() {
        let amount = words.get(i + 1).and_then(|next| {
            let number = next.trim_end_matches([',', ';', ')', '.']);
            let currency = strongroom_domain::Currency::parse(words[i]).ok().filter(|_| words[i].len() == 3)?;
            let digits_ok = number.split_once('.').is_some_and(|(whole, cents)| {
                !whole.is_empty() && cents.len() == 2 && whole.bytes().chain(cents.bytes()).all(|b| b.is_ascii_digit())
            });
            let money = digits_ok.then(|| strongroom_domain::Money::parse("amount", number, currency).ok()).flatten()?;
            Some(format!("{}{}", money.local(language), &next[number.len()..]))
        });
        match amount {
            Some(local) => {
                out.push(local);
                changed = true;
                i += 2;
            }
            None => {
                out.push(words[i].to_owned());
                i += 1;
            }
        }
    }
    if changed { Cow::Owned(out.join(" ")) } else { Cow::Borrowed(text) }
}

/// The values in `text` where `template` has `{}`, when the fixed parts match.
pub(super) fn holes<'t>(template: &str, text: &'t str) -> Option<Vec<&'t str>> {
    let parts: Vec<&str> = template.split("{}").collect();
    let mut rest = text.strip_prefix(parts[0])?;
    let mut values = Vec::with_capacity(parts.len() - 1);
    for (i, part) in parts.iter().enumerate().skip(1) {
        let last = i == parts.len() - 1;
        let at = if last {
            if !rest.ends_with(part) {
                return None;
            }
            rest.len() - part.len()
        } else if part.is_empty() {
            return None;
        } else {
            rest.find(part)?
        };
        values.push(&rest[..at]);
        rest = &rest[at + part.len()..];
    }
    (parts.len() > 1 || rest.is_empty()).then_some(values)
}

pub(super) fn fill(template: &str, values: &[&str]) -> Option<String> {
    let parts: Vec<&str> = template.split("{}").collect();
    if parts.len() != values.len() + 1 {
        return None;
    }
    let mut out = String::from(parts[0]);
    for (value, part) in values.iter().zip(&parts[1..]) {
        out.push_str(value);
        out.push_str(part);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixed_and_templated_reasons_are_translated() {
        assert_eq!(reason(Language::Nl, "must not be empty"), "mag niet leeg zijn");
        assert_eq!(
            reason(Language::Nl, "is 300 characters long; at most 255 are allowed"),
            "is 300 tekens lang; hoogstens 255 zijn toegestaan"
        );
        assert_eq!(reason(Language::Nl, "at most EUR 900.00 is left to refund"), "er is nog hoogstens €\u{a0}900,00 terug te betalen");
        assert_eq!(
            reason(Language::En, "the items' prices add up to EUR 1250.00, not EUR 1200.00"),
            "the items' prices add up to €1,250.00, not €1,200.00"
        );
        assert_eq!(reason(Language::En, "must not be empty"), "must not be empty");
        assert_eq!(reason(Language::Nl, "something new"), "something new", "unknown reasons are shown as they are");
        assert_eq!(reason(Language::Nl, "must not be emptyish"), "must not be emptyish", "a fixed reason matches whole");
    }

    #[test]
    fn the_desk_tables_refusals_are_in_dutch() {
        assert_eq!(
            reason(Language::Nl, "this catalogue is version 2024.01.01, older than the one in use (2025.08.25)"),
            "deze catalogus is versie 2024.01.01, ouder dan die in gebruik (2025.08.25)"
        );
        assert_eq!(
            reason(Language::Nl, "vulnerabilities[3].dueDate: \"soon\" is not a date (YYYY-MM-DD)"),
            "vulnerabilities[3].dueDate: \"soon\" is geen datum (JJJJ-MM-DD)"
        );
    }

    #[test]
    fn the_virus_scanners_refusals_are_in_dutch() {
        use strongroom_app::antivirus::ScanError;
        let infected = strongroom_app::AppError::Infected { signature: "Win.Test.EICAR_HDB-1".into() }.to_string();
        assert!(reason(Language::Nl, &infected).starts_with("de virusscanner vond Win.Test.EICAR_HDB-1 in dit bestand"));
        for why in
            [ScanError::Unreachable("/run/clamav/clamd.ctl: No such file".into()), ScanError::TooLarge, ScanError::Failed("x".into())]
        {
            let english = why.to_string();
            assert!(
                reason(Language::Nl, &english).starts_with("de virusscanner") || reason(Language::Nl, &english).starts_with("het bestand"),
                "{english}"
            );
        }
    }

    /// Every reason the domain's parsers write (the literal ones, read from its source) has a
    /// Dutch translation, so a new rule cannot put English on a Dutch page unnoticed.
    #[test]
    fn every_reason_the_domain_gives_is_in_the_dutch_catalogue() {
        let sources = [
            include_str!("../../../../domain/src/aml.rs"),
            include_str!("../../../../domain/src/backup.rs"),
            include_str!("../../../../domain/src/customer.rs"),
            include_str!("../../../../domain/src/device.rs"),
            include_str!("../../../../domain/src/risk.rs"),
            include_str!("../../../../domain/src/secret.rs"),
            include_str!("../../../../domain/src/holds.rs"),
            include_str!("../../../../domain/src/ids.rs"),
            include_str!("../../../../domain/src/incident.rs"),
            include_str!("../../../../domain/src/mail.rs"),
            include_str!("../../../../domain/src/playbook.rs"),
            include_str!("../../../../domain/src/money.rs"),
            include_str!("../../../../domain/src/normalise.rs"),
            include_str!("../../../../domain/src/phone.rs"),
            include_str!("../../../../domain/src/purchase.rs"),
            include_str!("../../../../domain/src/purpose.rs"),
            include_str!("../../../../domain/src/repair.rs"),
            include_str!("../../../../domain/src/request.rs"),
            include_str!("../../../../domain/src/staff.rs"),
            include_str!("../../../../domain/src/text.rs"),
            include_str!("../../../../domain/src/when.rs"),
            include_str!("../../../../domain/src/training/own.rs"),
        ];
        let mut missing = Vec::new();
        for source in sources {
            // Reasons given through a local helper (`invalid("…")`, not `DomainError::invalid`,
            // whose first argument is the field) are literals too.
            for (at, _) in source.match_indices("invalid(\"").filter(|(at, _)| !source[..*at].ends_with("::")) {
                let rest = &source[at + "invalid(\"".len()..];
                let Some((literal, _)) = rest.split_once('"') else { continue };
                if !NL.iter().any(|(english, _)| *english == literal) {
                    missing.push(literal.to_owned());
                }
            }
            for call in source.split("DomainError::invalid(").skip(1) {
                // The reason is the second argument: a literal, or a format! whose literal is the template.
                let Some((_, rest)) = call.split_once(',') else { continue };
                let rest = rest.trim_start().trim_start_matches("format!(").trim_start_matches('&');
                let Some(literal) = rest.strip_prefix('"').and_then(|rest| rest.split_once('"')).map(|(literal, _)| literal) else {
                    continue;
                };
                let template = normalise_template(literal);
                if !NL.iter().any(|(english, _)| *english == template) {
                    missing.push(template);
                }
            }
        }
        assert!(missing.is_empty(), "reasons without a Dutch translation in web/i18n/reasons.rs: {missing:#?}");
    }

    /// `{name}` and `{}` holes alike become `{}`.
    fn normalise_template(literal: &str) -> String {
        let mut out = String::new();
        let mut rest = literal;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let Some(close) = rest[open..].find('}') else { break };
            out.push_str("{}");
            rest = &rest[open + close + 1..];
        }
        out.push_str(rest);
        out
    }
}
