//! The Dutch (Nederlands) catalogue of the staff pages.

use super::T;

pub fn text(key: T) -> &'static str {
    match key {
        T::Actions => "Acties",
        T::AddPasskey => "Passkey toevoegen",
        T::Address => "Adres",
        T::Anniversary => "Trouwdag",
        T::Back => "Terug naar de klant",
        T::BirthDate => "Geboortedatum",
        T::CardBrand => "Kaartmerk",
        T::CardNumberRefused => {
            "Dit lijkt op een betaalkaartnummer en dat mag niet worden bewaard. Noteer in plaats daarvan het token van de betaalprovider of de laatste vier cijfers."
        }
        T::CardPayment => "Kaartbetaling",
        T::CardPaymentHint => {
            "Van het bonnetje van de betaalautomaat: het token van de betaalprovider, het merk en de laatste vier cijfers. Nooit het kaartnummer."
        }
        T::Cash => "Contant",
        T::Certificate => "Certificaatnummer",
        T::ChangeItNow => "Wijzig het nu.",
        T::ChangeMyPassword => "Mijn wachtwoord wijzigen",
        T::CheckAndImport => "Controleren en importeren",
        T::Column => "Kolom",
        T::Condition => "Staat bij ontvangst",
        T::Contact => "Contactgegevens",
        T::CsvFile => "CSV-bestand uit het oude kassasysteem",
        T::Customers => "Klanten",
        T::DataSeen => "Ingeziene gegevens",
        T::Date => "Datum",
        T::Description => "Omschrijving",
        T::DocumentCountry => "Land van afgifte (bijv. NL)",
        T::DocumentNumber => "Documentnummer",
        T::DocumentType => "Identiteitsbewijs",
        T::DueToday => "Vandaag klaar beloofd",
        T::Edit => "Wijzigen",
        T::EditCustomer => "Klant wijzigen",
        T::Email => "E-mail",
        T::Engraving => "Gravure",
        T::Expiry => "Vervaldatum kaart (MM/JJ)",
        T::Found => "gevonden",
        T::Hello => "Hallo",
        T::IdRecords => "Legitimatiegegevens",
        T::IdRecordsRefused => "Alleen de eigenaar en de privacyfunctionaris mogen identiteitsbewijzen inzien.",
        T::IgnoredColumns => "Genegeerde kolommen",
        T::Import => "Importeren",
        T::ImportAnother => "Nog een bestand importeren",
        T::ImportCustomers => "Klanten importeren",
        T::ImportFailed => {
            "De import is gestopt; na de laatste voltooide reeks is niets geïmporteerd. Start hem opnieuw om verder te gaan."
        }
        T::ImportHint => {
            "Eerst wordt elke regel gecontroleerd. Is er een regel ongeldig, dan wordt niets geïmporteerd en zegt het verslag welke regel, welke kolom en waarom."
        }
        T::Imported => "Regels geïmporteerd",
        T::ImportRefused => "Er is niets geïmporteerd: verbeter de regels hieronder in het bestand en upload het opnieuw.",
        T::Importing => "Bezig met importeren:",
        T::Item => "Artikel",
        T::Items => "Artikelen",
        T::JobKind => "Soort opdracht",
        T::Jobs => "Reparaties, taxaties en bestellingen",
        T::KeptUntil => "Bewaard tot",
        T::KindAppraisal => "Taxatie",
        T::KindCustomOrder => "Maatwerkopdracht",
        T::KindRepair => "Reparatie",
        T::LanguageLabel => "Taal van mijn pagina's",
        T::LastFour => "Laatste vier cijfers",
        T::Line => "Regel",
        T::LockedAccounts => {
            "Geblokkeerd na te veel mislukte aanmeldingen (als dat geen tikfouten waren, probeert iemand misschien hun wachtwoord te raden):"
        }
        T::MainMenu => "Hoofdmenu",
        T::Metal => "Metaal",
        T::MetalAllergies => "Metaalallergieën",
        T::MoreMatch => "Er zijn meer klanten gevonden dan hier staan: voeg een woord van de naam toe, of zoek op e-mail of telefoon.",
        T::MoreErrors => "Er zijn meer ongeldige regels dan hier staan. Alle problemen, per kolom en reden:",
        T::Times => "Aantal",
        T::OneFile => "Stuur één bestand tegelijk; er is niets geïmporteerd.",
        T::MyAccount => "Mijn account",
        T::MyPasskeys => "Mijn passkeys en beveiligingssleutels",
        T::Name => "Naam",
        T::NeedsStepUp => "(u wordt opnieuw om uw wachtwoord gevraagd)",
        T::NewCustomer => "Nieuwe klant",
        T::NoFile => "Kies een CSV-bestand om te importeren.",
        T::NoMatch => "Geen klant gevonden. Controleer de spelling, of zoek op e-mail of telefoon.",
        T::NoneYet => "Nog geen.",
        T::NotAllowed => "Uw rol mag dit niet.",
        T::Notes => "Notities",
        T::OpenedFor => "Geopend voor:",
        T::Optional => "(optioneel)",
        T::OtherPurpose => "ander doel",
        T::Outcome => "Uitkomst",
        T::PaidInCash => "Contant betaald",
        T::PasskeyReminder => "Met een passkey meldt u zich aan met uw vingerafdruk of gezicht, en die kan niet worden ontfutseld.",
        T::PasswordOld => "Uw wachtwoord is ouder dan 90 dagen. Hebt u het ergens anders gebruikt of aan iemand verteld, wijzig het dan.",
        T::Payment => "Betaling",
        T::Phone => "Telefoon",
        T::ProcessorToken => "Token van de betaalprovider",
        T::Promised => "Beloofd voor",
        T::Purchases => "Aankopen",
        T::PurposeCompliance => "Naleving van wetgeving",
        T::PurposeCustomerRequest => "Verzoek van de klant zelf",
        T::PurposeRepair => "Reparatie",
        T::PurposeSale => "Verkoop",
        T::Reason => "Reden",
        T::Received => "Ontvangen",
        T::RecordIdCheck => "Legitimatiecontrole vastleggen",
        T::RecordSale => "Verkoop vastleggen",
        T::ReplaceAuthenticator => "Mijn authenticator-app en herstelcodes vervangen",
        T::RingSizes => "Ringmaten",
        T::RowsImported => "regels geïmporteerd",
        T::RowsRead => "Regels gelezen",
        T::RowsRejected => "Regels afgewezen",
        T::RuleThatAsks => "Waarom deze controle nodig is",
        T::Save => "Opslaan",
        T::Search => "Zoeken",
        T::SearchHint => "Een naam, een e-mailadres, een telefoonnummer of een boncode (R-2412-037).",
        T::SearchLabel => "Klant zoeken",
        T::SecuritySettings => "Beveiligingsinstellingen voor aanmelden",
        T::ShowIdRecords => "Legitimatiegegevens tonen",
        T::SignOut => "Afmelden",
        T::StaffAccounts => "Medewerkers",
        T::Start => "Start",
        T::Status => "Status",
        T::StatusAtBench => "Op de werkbank",
        T::StatusCollected => "Opgehaald",
        T::StatusReady => "Klaar om op te halen",
        T::StatusReceived => "Ontvangen",
        T::Stones => "Stenen",
        T::StyleNotes => "Stijlvoorkeuren",
        T::TakeInJob => "Reparatie, taxatie of bestelling aannemen",
        T::Total => "Totaal",
        T::TransactionDate => "Datum van de verkoop",
        T::TransactionReference => "Kenmerk van verkoop of factuur",
        T::Validating => "Regels controleren:",
        T::Valuation => "Taxatiewaarde",
        T::What => "Wat",
        T::When => "Wanneer",
        T::WhereSignedIn => "Waar ik ben aangemeld",
        T::Who => "Wie",
        T::WhoAccessed => "Wie heeft deze klant ingezien",
        T::WhoAccessedHint => {
            "Elke inzage en wijziging van de gegevens van deze klant, nieuwste eerst, met het opgegeven doel. Geweigerde pogingen staan er ook bij."
        }
        T::Why => "Doel",
        T::WhyOpen => "Waarom opent u deze klantkaart?",
        T::WhyOpenHint => {
            "Het doel wordt met uw naam in het auditlogboek bewaard (AVG art. 5 lid 1 onder b). Het wordt onthouden tot u zich afmeldt."
        }
        T::WishList => "Verlanglijst",
        T::WorkshopBoard => "Werkplaats",
        T::TitleNotAllowed => "Niet toegestaan",
        T::TitleNotFound => "Niet gevonden",
        T::NothingHere => "Op dit adres staat niets.",
        T::TitleDidNotWork => "Dat lukte niet",
        T::TitleFormExpired => "Het formulier is verlopen",
        T::FormExpired => {
            "Ga terug, laad de pagina opnieuw en probeer het nog eens. (Formulieren werken alleen vanaf de eigen pagina's van deze Strongroom.)"
        }
        T::TitleBusy => "Druk",
        T::Busy => "Veel mensen melden zich tegelijk aan; probeer het zo nog eens.",
        T::TitleWentWrong => "Er ging iets mis",
        T::WentWrong => "Er is niets gewijzigd. Probeer het opnieuw; blijft het gebeuren, meld het dan aan de eigenaar.",
        T::BackToStart => "Terug naar het begin",
        T::SignInRefused => "Verkeerde gebruikersnaam of wachtwoord. Hebt u het al een paar keer geprobeerd, wacht dan een minuut.",
        T::EnrolmentRefused => {
            "Die gebruikersnaam en inschrijfcode horen niet bij elkaar, of de code is verlopen; vraag de eigenaar om een nieuwe code."
        }
        T::SecondFactorRefused => "Die code klopt niet of is al gebruikt; controleer de tijd op uw telefoon, of gebruik een herstelcode.",
        T::WrongPassword => "Het wachtwoord klopt niet.",
        T::StepUpRequired => "Bevestig dat u het bent: typ uw wachtwoord nog eens.",
        T::SignIn => "Aanmelden",
        T::UserName => "Gebruikersnaam",
        T::PasswordLabel => "Wachtwoord",
        T::FirstTimeHere => "Voor het eerst hier, of een nieuwe code gekregen? ",
        T::SignInWithCode => "Meld u aan met uw inschrijfcode",
        T::SecondStep => "Tweede stap",
        T::CodeFromApp => "De 6-cijferige code uit uw authenticator-app",
        T::Continue => "Doorgaan",
        T::UsePasskey => "Passkey of beveiligingssleutel gebruiken",
        T::LostPhone => "Telefoon kwijt? Gebruik een herstelcode",
        T::OneRecoveryCode => "Een van uw herstelcodes",
        T::UseRecoveryCode => "Herstelcode gebruiken",
        T::NoRecoveryCodes => "Ook geen herstelcodes? De eigenaar kan uw tweede stap opnieuw instellen.",
        T::RecoveryCodeUsed => "Herstelcode gebruikt",
        T::CodeUsedLeft => "Die code werkt niet meer. U hebt er nog ",
        T::LeftSuffix => " over.",
        T::SetUpAgainSoon => "Stel uw authenticator binnenkort opnieuw in: op uw accountpagina maakt u nieuwe codes.",
        T::FirstSignIn => "Eerste keer aanmelden",
        T::EnrolHint => {
            "Typ de inschrijfcode die u van de eigenaar kreeg en kies uw eigen wachtwoord. Een paar losse woorden maken een sterk wachtwoord dat u makkelijk onthoudt."
        }
        T::EnrolmentCode => "Inschrijfcode",
        T::NewPassword => "Nieuw wachtwoord",
        T::SamePasswordAgain => "Hetzelfde wachtwoord nog eens",
        T::SetMyPassword => "Mijn wachtwoord instellen",
        T::PasswordsDiffer => "De twee wachtwoorden verschillen; typ twee keer hetzelfde.",
        T::Authenticator => "Authenticator",
        T::SetUpAuthenticator => "Uw authenticator-app instellen",
        T::SecondStepWhy => {
            "Uw rol ziet klantgegevens, daarom vraagt de winkel bij elke aanmelding om een tweede stap: een code uit een app op uw telefoon (bijvoorbeeld FreeOTP, Aegis, Google of Microsoft Authenticator)."
        }
        T::ReplacesAuthenticator => "Dit vervangt uw huidige authenticator en herstelcodes.",
        T::ShowQrCode => "QR-code tonen",
        T::OrUsePasskey => "Of gebruik een passkey of beveiligingssleutel",
        T::PasskeyWorksToo => {
            "Een passkey op dit apparaat, uw telefoon of een USB-beveiligingssleutel werkt ook, en geen nagemaakte website kan hem gebruiken."
        }
        T::ScanTheCode => "Scan de code",
        T::QrCodeLabel => "QR-code voor uw authenticator-app",
        T::OrTypeKey => "Of typ deze sleutel in de app: ",
        T::CodeAppShows => "De 6-cijferige code die de app nu toont",
        T::Confirm => "Bevestigen",
        T::RecoveryCodes => "Herstelcodes",
        T::YourRecoveryCodes => "Uw herstelcodes",
        T::RecoveryCodesHint => {
            "Elk van deze codes werkt één keer in plaats van een code van uw telefoon, als u die kwijtraakt. Schrijf ze op of druk deze pagina af en bewaar ze op een veilige plek: ze worden alleen nu getoond."
        }
        T::KeptThemSafely => "Ik heb ze veilig bewaard",
        T::StartAgainIfGone => " Begin opnieuw als de QR-code weg is.",
        T::MustChangePassword => {
            "U moet uw wachtwoord wijzigen voordat u verdergaat: anderen kennen het misschien (het staat op een lijst van gelekte wachtwoorden, of de eigenaar vroeg erom)."
        }
        T::PasswordHint => {
            "Alle tekens zijn goed, spaties ook; een paar losse woorden geven een lang wachtwoord dat u makkelijk onthoudt. Uw wachtwoordbeheerder is welkom."
        }
        T::CurrentPassword => "Huidig wachtwoord",
        T::NewPasswordAgain => "Het nieuwe wachtwoord nog eens",
        T::ChangePassword => "Wachtwoord wijzigen",
        T::OtherSessionsEnd => "Uw andere sessies eindigen als het wachtwoord verandert.",
        T::NewPasswordsDiffer => "De twee nieuwe wachtwoorden verschillen; typ twee keer hetzelfde.",
        T::Sessions => "Sessies",
        T::SignedInAt => "Aangemeld",
        T::LastSeen => "Laatst gezien",
        T::From => "Vanaf",
        T::ThisOne => "deze",
        T::SignOutThere => "Daar afmelden",
        T::ConfirmItIsYou => "Bevestig dat u het bent",
        T::StepUpHint => "Deze actie verandert wie wat mag, of toont gevoelige gegevens; typ daarom uw wachtwoord nog eens.",
        T::EnrolmentCodeFor => "Inschrijfcode voor ",
        T::GiveInPerson => "Geef hem persoonlijk. Hij werkt één keer, tot ",
        T::GiveInPersonEnd => ", op de pagina voor de eerste aanmelding. Hij wordt niet opnieuw getoond.",
        T::User => "Gebruiker",
        T::RoleLabel => "Rol",
        T::State => "Staat",
        T::Disabled => "uitgeschakeld; ",
        T::LockedAfter => "geblokkeerd na ",
        T::FailedSignIns => " mislukte aanmeldingen; ",
        T::NotEnrolledYet => "nog niet ingeschreven; ",
        T::AuthenticatorComma => "authenticator, ",
        T::RecoveryCodesSuffix => " herstelcodes",
        T::NoSecondFactor => "geen tweede stap",
        T::NewRoleFor => "Nieuwe rol voor ",
        T::SetRole => "Rol instellen",
        T::AddSomeone => "Iemand toevoegen",
        T::UserNameRules => "Gebruikersnaam (letters, cijfers, . _ -)",
        T::AddAndShowCode => "Toevoegen en inschrijfcode tonen",
        T::Unlock => "Deblokkeren",
        T::Enable => "Inschakelen",
        T::Disable => "Uitschakelen",
        T::ResetSecondFactor => "Tweede stap opnieuw instellen",
        T::ResetPassword => "Wachtwoord opnieuw instellen",
        T::ChangedOutside => {
            "Buiten Strongroom gewijzigd: het opgeslagen account doorstaat de integriteitscontrole niet en kan niet inloggen. Geef het een nieuwe start met de rol die het hoort te hebben."
        }
        T::RepairAs => "Nieuwe start als",
        T::Staff => "Medewerkers",
        T::SecuritySettingsTitle => "Beveiligingsinstellingen",
        T::SetIn => "Ingesteld in ",
        T::Setting => "Instelling",
        T::Now => "Nu",
        T::WhatItProtects => "Wat het beschermt, en wat versoepelen kost",
        T::Passkeys => "Passkeys",
        T::PasskeysAndKeys => "Passkeys en beveiligingssleutels",
        T::PasskeyHint => {
            "Met een passkey (op dit apparaat, uw telefoon of een USB-beveiligingssleutel) meldt u zich aan zonder code, en geen nagemaakte website kan hem gebruiken."
        }
        T::NoneYetYou => "U hebt er nog geen.",
        T::PasskeyName => "Een naam ervoor (welk apparaat of welke sleutel)",
        T::AddPasskeyOrKey => "Passkey of beveiligingssleutel toevoegen",
        T::JsStrength => "Sterkte: ",
        T::JsVeryWeak => "zeer zwak",
        T::JsWeak => "zwak",
        T::JsFair => "redelijk",
        T::JsStrong => "sterk",
        T::JsVeryStrong => "zeer sterk",
        T::JsRecoveryIntro => {
            "Uw herstelcodes: elke code werkt één keer als u uw passkeys kwijtraakt. Bewaar ze veilig; ze worden alleen nu getoond."
        }
        T::JsPasskeyNotAdded => "De passkey is niet toegevoegd: ",
        T::JsDidNotWork => "Dat lukte niet: ",
        T::JsNoPasskeySupport => "deze browser ondersteunt geen passkeys",
        T::RecentlyOpened => "Onlangs geopend",
        T::MovedTo => "verplaatst naar",
        T::CollectedToday => "Vandaag opgehaald",
        T::EarlierPage => "Vorige",
        T::LaterPage => "Volgende",
        T::Late => "te laat",
        T::UndoMove => "Ongedaan maken",
        T::Ticket => "Bon",
        T::Estimate => "Prijsindicatie",
        T::Deposit => "Aanbetaling",
        T::PrintTicket => "Bon afdrukken",
        T::Print => "Afdrukken",
        T::ShopCopy => "Winkelexemplaar (blijft bij het sieraad)",
        T::CustomerCopy => "Exemplaar voor de klant",
        T::EnvelopeA6 => "A6-envelop",
        T::Receipt80 => "Bonrol 80 mm",
        T::BringThisTicket => "Neem deze bon mee als u uw sieraad ophaalt.",
        T::TakenInOn => "Aangenomen op",
        T::Town => "Plaats",
        T::Born => "Geboren",
        T::LastVisit => "Laatste bezoek",
        T::ItemsHint => {
            "Eén regel per stuk. Een prijs per stuk is niet verplicht; heeft elk stuk een prijs, dan mag het totaal leeg blijven."
        }
        T::Price => "Prijs",
        T::AddItem => "Nog een artikel",
        T::TotalHint => "Typ het zoals u het schrijft: 1250, 1.250,00 of € 1250.",
        T::SaleNote => "Notitie voor de winkel (niet op de bon)",
        T::SaleVoid => "vervallen",
        T::SaleRefunded => "terugbetaald",
        T::SalePartlyRefunded => "terugbetaald:",
        T::Receipt => "Kassabon",
        T::Voided => "Vervallen verklaard",
        T::Refunded => "Terugbetaald",
        T::CorrectSale => "Verkoop laten vervallen of terugbetalen",
        T::CorrectSaleHint => {
            "De verkoop blijft zoals hij is vastgelegd; het vervallen of de terugbetaling wordt ernaast vastgelegd, met uw naam en reden."
        }
        T::WhatHappened => "Wat is er gebeurd",
        T::VoidSale => "Vervallen: de verkoop is niet doorgegaan (per vergissing vastgelegd of aan de toonbank geannuleerd)",
        T::RefundSale => "Terugbetalen: geld teruggegeven voor de hele verkoop of een deel",
        T::RefundAmount => "Terugbetaald bedrag (bij terugbetalen)",
        T::LeftToRefund => "Nog terug te betalen:",
        T::NotAllowedToCorrect => "Alleen de eigenaar of een manager mag een verkoop laten vervallen of terugbetalen.",
        T::VoidOrRefund => "Vervallen of terugbetalen",
        T::SavedSale => "De verkoop is vastgelegd.",
        T::SavedCorrection => "De correctie is vastgelegd.",
        T::SavedCustomer => "De klant is opgeslagen.",
        T::SavedJob => "Het werk is aangenomen. Druk de bon af vanuit de regel hieronder.",
        T::SavedIdCheck => "De identiteitscontrole is vastgelegd.",
        T::SalesMissingCheck => "Verkopen waarbij de identiteitscontrole nog ontbreekt",
        T::ReadyToCall => "Klaar om op te halen: bel de klant",
        T::LateJobs => "Te late opdrachten",
        T::NothingWaiting => "Er wacht niets: geen te late opdrachten, niets klaar om over te bellen, geen verkopen zonder controle.",
        T::StaffMenu => "Personeel",
        T::SettingsMenu => "Instellingen",
        T::SaveAsNew => "Toch opslaan als nieuwe klant",
        T::PossibleDuplicates => "Misschien staat deze klant er al in",
        T::PossibleDuplicatesHint => {
            "Er staat al een klant met hetzelfde e-mailadres of telefoonnummer in het klantenbestand. Open die klant, of sla een nieuwe klant op als dit iemand anders is."
        }
        T::MergeDuplicate => "Dubbele klant samenvoegen",
        T::MergeTitle => "Een dubbele klant met deze samenvoegen",
        T::MergeHint => {
            "Zoek het andere record van dezelfde persoon. De aankopen, opdrachten en identiteitsgegevens gaan naar dit record, lege velden hier krijgen de waarden van het andere, en daarna wordt het andere vernietigd."
        }
        T::MergeFind => "Het andere record: een naam, e-mailadres of telefoonnummer",
        T::MergeChoose => "Kies het record dat met dit record wordt samengevoegd.",
        T::MergeConfirmTitle => "Deze twee records samenvoegen?",
        T::KeptRecord => "Blijft",
        T::DuplicateRecord => "Wordt samengevoegd en daarna vernietigd",
        T::Records => "Gegevens",
        T::MergeWhat => {
            "De aankopen, opdrachten en identiteitsgegevens van het tweede record gaan naar het eerste. Waar het eerste een veld leeg laat, krijgt het de waarde van het tweede; wat het eerste bevat blijft."
        }
        T::MergeFinal => {
            "Dit kan niet ongedaan worden gemaakt: de sleutel van het tweede record wordt vernietigd, zodat het nooit meer te lezen is. U wordt eerst om uw wachtwoord gevraagd."
        }
        T::MergeButton => "Samenvoegen",
        T::KeepTheOther => "Liever het andere record houden",
        T::SavedMerge => "De twee records zijn samengevoegd; het dubbele record is vernietigd.",
        T::NotAllowedToMerge => "Alleen de eigenaar of een manager mag klanten samenvoegen.",
        T::PurposeAftercare => "Nazorg",
        T::PurposeSecurityIncident => "Beveiligingsincident",
        T::PurposeDataQuality => "Gegevens juist houden",
        T::PurposeLegalClaim => "Een rechtsvordering",
        T::RoleOwner => "eigenaar",
        T::RoleManager => "manager",
        T::RoleSales => "verkoop",
        T::RoleWorkshop => "werkplaats",
        T::RolePrivacyOfficer => "privacyfunctionaris",
        T::RoleExternalAuditor => "externe auditor",
        T::DocPassport => "paspoort",
        T::DocNationalIdCard => "identiteitskaart",
        T::DocDrivingLicence => "rijbewijs",
        T::DocResidencePermit => "verblijfsvergunning",
        T::Added => "Toegevoegd",
        T::LastUsed => "Laatst gebruikt",
        T::NeverUsed => "nog niet",
        T::RemovePasskey => "Verwijderen",
        T::LastSecondFactor => {
            "Deze passkey is uw enige tweede factor. Voeg eerst een authenticator-app of een andere passkey toe en verwijder deze daarna."
        }
        T::WordContact => "contactgegevens",
        T::WordName => "naam",
        T::WordIdentityDocument => "identiteitsbewijs",
        T::WordPayment => "betalingen en bedragen",
        T::WordPurchases => "aankopen",
        T::WordJobs => "reparaties en opdrachten",
        T::WordHealth => "gezondheid (allergieën)",
        T::WordDates => "verjaardag en trouwdag",
        T::WordNotes => "notities",
        T::WordSizes => "ringmaten",
        T::WordConsent => "toestemming voor reclame",
        T::WordPartner => "partner",
        T::WordPreferences => "voorkeuren",
        T::ActOpened => "opende het klantrecord",
        T::ActCreated => "voegde de klant toe",
        T::ActChanged => "wijzigde het klantrecord",
        T::ActFound => "zag de naam bij het zoeken",
        T::ActListed => "zag de naam in een lijst",
        T::ActImported => "importeerde de klant",
        T::ActMerged => "voegde records samen",
        T::ActReindexed => "zoekindex bijgewerkt",
        T::ActSaleRecorded => "legde een verkoop vast",
        T::ActSalesRead => "bekeek de aankopen",
        T::ActSaleCorrected => "liet een verkoop vervallen of betaalde terug",
        T::ActJobTakenIn => "nam een opdracht aan",
        T::ActJobMoved => "verplaatste een opdracht",
        T::ActJobShown => "zag de opdracht op het bord of een bon",
        T::ActIdRecorded => "legde een identiteitscontrole vast",
        T::ActIdRead => "bekeek de identiteitsgegevens",
        T::ActKeyDestroyed => "vernietigde de sleutel van de klant",
        T::ActRequestHandled => "legde het verzoek op grond van de privacywet vast, las of behandelde het",
        T::ActIdDeleted => "wiste een identiteitsgegeven waarvan de vijf jaar voorbij waren",
        T::ActDoctorChanged => "zag een controle van deze computer veranderen",
        T::ActUploadInfected => "uploadde een bestand dat de virusscanner weigerde",
        T::ActUploadUnscanned => "uploadde een bestand dat de virusscanner niet kon scannen",
        T::ActSecretCreate => "voegde een wachtwoord toe aan de kluis van de winkel",
        T::ActSecretList => "bekeek de lijst met wachtwoorden van de winkel",
        T::ActSecretReveal => "toonde of kopieerde een wachtwoord van de winkel",
        T::ActSecretUpdate => "wijzigde of verwijderde een wachtwoord van de winkel",
        T::ActSecretExport => "exporteerde de wachtwoorden van de winkel",
        T::ActTrainingAnswer => "beantwoordde een quiz van de beveiligingstraining",
        T::ActTrainingChange => "wijzigde de beveiligingstraining",
        T::ActDeviceUpdate => "veranderde de lijst met apparaten",
        T::ActDeskTables => "ververste de lijst met einde-ondersteuning of misbruikte kwetsbaarheden",
        T::ActDeskRead => "keek naar het beveiligingsbureau",
        T::ActRiskUpdate => "veranderde het risicoregister",
        T::ActAssessmentAnswer => "beantwoordde een vraag van de zelfbeoordeling",
        T::ActFeedsUpdate => "veranderde of ververste de nieuwsfeeds",
        T::ActSettingsChange => "veranderde een aanmeldinstelling",
        T::ActAuditFinding => "schreef of loste een bevinding van een audit op",
        T::ActAuditHeld => "legde een gehouden audit vast",
        T::AntivirusTitle => "Virusscan van geüploade bestanden",
        T::ClamdWhere => {
            "Waar clamd van ClamAV luistert. Elk geüpload bestand (een klantenimport) wordt daar gescand voordat iets het leest; een bestand met een virus wordt met naam geweigerd en vastgelegd."
        }
        T::AllowUnscannedCost => {
            "Standaard uit. Aan: zolang de scanner uit staat of een bestand niet aanneemt, worden bestanden ongescand aangenomen: een bestand met malware wordt gelezen en geïmporteerd, en alleen het auditspoor zegt dat het niet gescand is."
        }
        T::ActKeptAfterReview => "bekeek of hun gegevens na jaren zonder bezoek nog nodig zijn",
        T::ActMarketingListed => "zette hen op een marketinglijst (met toestemming)",
        T::ActRopaChanged => "wijzigde het verwerkingsregister",
        T::ActKeptSaleDeleted => "wiste een voor de belasting bewaarde verkoop waarvan de termijn voorbij was",
        T::ActDataGiven => "gaf de klant de eigen gegevens, op eigen verzoek",
        T::ShowAll => "Alles",
        T::ShowOpened => "Geopend en gewijzigd",
        T::ShowListed => "Namen gezien in lijsten",
        T::EarlierEvents => "Eerder",
        T::OutcomeAllowed => "gedaan",
        T::OutcomeDenied => "geweigerd",
        T::OutcomeFailed => "mislukt",
        T::OpenedCount => "keer geopend of gewijzigd",
        T::ListedCount => "keer de naam gezien in een lijst",
        T::ImportColumns => "De kolommen die Strongroom leest",
        T::AlsoCalled => "Ook genoemd",
        T::WhatItHolds => "Wat erin staat",
        T::ColumnName => "de volledige naam van de klant (verplicht)",
        T::ColumnEmail => "e-mailadres",
        T::ColumnPhone => "telefoonnummer, nationaal of internationaal",
        T::ColumnAddress => "postadres",
        T::ColumnBirthDate => "geboortedatum, JJJJ-MM-DD",
        T::ColumnNotes => "notities (geen kaartnummers)",
        T::ImportFormats => {
            "Gescheiden door komma's of puntkomma's; UTF-8 of Windows-1252 (zoals Excel opslaat); andere kolommen worden overgeslagen en in het verslag genoemd."
        }
        T::DownloadTemplate => "Download een bestand om in te vullen",
        T::ImportValidRows => "De geldige regels importeren",
        T::LeftOut => "overgeslagen",
        T::Encoding => "Codering",
        T::ReadAsWindows1252 => "Windows-1252, omgezet (het bestand was geen UTF-8)",
        T::SettingOn => "aan",
        T::SettingOff => "uit",
        T::UnitMinutes => "minuten",
        T::UnitHours => "uur",
        T::UnitDays => "dagen",
        T::UnitFailures => "mislukte pogingen",
        T::Under => "onder",
        T::EachSaysItsCost => "; bij elke instelling staat wat versoepelen kost.",
        T::BackupsMenu => "Back-ups",
        T::BackupsTitle => "Back-ups",
        T::BackupsNotSetUp => {
            "Er is nog geen back-upmap ingesteld: een kapotte schijf of ransomware zou dus alle gegevens kosten. Noem een map op een USB-schijf, een NAS of een map die met de cloud synchroniseert in de back-upinstellingen."
        }
        T::LastGoodBackup => "Laatste goede back-up:",
        T::NoGoodBackupYet => "Er is nog geen goede back-up.",
        T::BackupOverdue => "Al 26 uur geen goede back-up. Kijk of de back-upschijf is aangesloten en druk dan op „Nu een back-up maken”.",
        T::LastBackupFailed => "De laatste poging mislukte:",
        T::LastDrill => "Laatste hersteltest:",
        T::NoDrillYet => "Nog geen hersteltest: pas als een back-up eens is teruggezet, weet u dat hij werkt.",
        T::DrillPassed => {
            "geslaagd: de nieuwste back-up is op een tijdelijke plek teruggezet, het auditlogboek klopte en de gegevens gingen open."
        }
        T::DrillFailed => "mislukt:",
        T::BackUpNow => "Nu een back-up maken",
        T::RunDrillNow => "Nu een hersteltest doen",
        T::BackupMadeNotice => "De back-up is gemaakt.",
        T::BackupPartlyFailed => "De back-up kon niet in elke map worden gezet:",
        T::DrillDoneNotice => "De hersteltest is gedaan; de uitkomst staat hieronder.",
        T::FolderMissing => "Niet gevonden: is de schijf aangesloten?",
        T::FolderSameDisk => {
            "Op dezelfde schijf als de gegevens: een kapotte schijf of ransomware neemt beide mee. Bewaar ook een kopie op een andere schijf of computer."
        }
        T::FolderEmpty => "Nog geen back-ups in deze map.",
        T::MadeAt => "Gemaakt",
        T::SizeLabel => "Grootte",
        T::BackupReadable => "opent met de sleutel van deze winkel",
        T::BackupUnreadable => "opent niet met de sleutel van deze winkel (beschadigd, of van een andere winkel)",
        T::BackupsExplained => {
            "Elke back-up bevat de hele kluis, versleuteld met een sleutel die van de winkelsleutel is afgeleid: een gestolen back-up is zonder sleutelbestand of wachtwoordzin waardeloos. Bewaar één map buiten de winkel."
        }
        T::KitTitle => "Herstelset: de winkelsleutel op papier",
        T::KitIntro => {
            "Zonder de winkelsleutel kan niemand de gegevens van de winkel of de back-ups lezen, ook u niet. Bewaar dit papier in een kluis, niet bij de computer en niet bij de back-ups: wie het heeft én een kopie van de gegevens, kan alles lezen."
        }
        T::KitShop => "Winkel:",
        T::KitMade => "Gemaakt:",
        T::KitGroups => "De sleutel in 14 groepen",
        T::KitHowToRecover => {
            "Om het sleutelbestand op een nieuwe computer opnieuw te maken: voer „strongroom keys recover --out shop.key” uit en typ de 14 groepen; een tikfout wordt per groep gevonden. De QR-code bevat de sleutelregel van het sleutelbestand."
        }
        T::KitPassphrase => {
            "Deze kluis gaat open met een wachtwoordzin, niet met een sleutelbestand; deze set bevat dus geen geheim. Bewaar de wachtwoordzin zelf op een veilige plek: zonder kan niemand de kluis of de back-ups openen."
        }
        T::KitAfterPrinting => {
            "Druk hem af en sluit daarna deze pagina; een bewaarde kopie van deze pagina is net zo geheim als het sleutelbestand."
        }
        T::KitLink => "De herstelset afdrukken (de winkelsleutel op papier)",
        T::KitQrLabel => "QR-code van de sleutelregel",
        T::NewestBackup => "nieuwste back-up:",
        T::BackupRunning => "Er wordt een back-up gemaakt, gestart",
        T::DrillRunning => "Er loopt een hersteltest, gestart",
        T::JobFollowed => "Deze pagina volgt hem; u kunt ook weggaan en later terugkomen.",
        T::JobAlreadyRunning => "Er loopt al een back-up of hersteltest; wacht tot die klaar is.",
        T::DrillFailedNotice => "De hersteltest vond problemen:",
        T::FolderNotAnswering => "Antwoordt niet: een netwerkschijf die hangt? Controleer de NAS en het netwerk.",
        T::BackupSettingsLink => "Back-upinstellingen: mappen, het tijdstip, hoe lang back-ups bewaard blijven",
    }
}
