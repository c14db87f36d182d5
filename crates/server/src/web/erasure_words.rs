//! The words of the erasure and restriction pages (`erasure.rs`), English and Dutch, each an
//! exhaustive `match`, and the parts of a request's page that lead to them: the Erase link, the
//! Restrict form and the Lift form.

use maud::{Markup, html};
use strongroom_domain::{Language, RequestId};

use super::{Session, csrf_field};

/// The words of these pages.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum E {
    Title,
    Intro,
    Deleted,
    DeletedLine,
    SalesDeleted,
    AmlDeleted,
    Lifted,
    Kept,
    SalesKept,
    AmlKept,
    NothingKept,
    JobsOpen,
    ReplyLanguage,
    Understood,
    Erase,
    EraseLink,
    RestrictTitle,
    RestrictText,
    Restrict,
    LiftTitle,
    LiftHint,
    Lift,
    English,
    Dutch,
}

pub(super) fn e(language: Language, word: E) -> &'static str {
    match language {
        Language::En => en(word),
        Language::Nl => nl(word),
    }
}

fn en(word: E) -> &'static str {
    match word {
        E::Title => "Erase the customer",
        E::Intro => {
            "Erasing destroys the customer's key: their record, their workshop history and every sale the law no longer needs can never be read again, here or in a restored backup. It cannot be undone."
        }
        E::Deleted => "Deleted",
        E::DeletedLine => "The name, contact details, preferences and notes; workshop jobs:",
        E::SalesDeleted => "Sales past the tax term:",
        E::AmlDeleted => "Identity records past their five years:",
        E::Lifted => "Restriction lifted because",
        E::Kept => "Kept, because the law requires it",
        E::SalesKept => "sales (amount, date, items, payment reference; no engraving or note) for the tax authority, until",
        E::AmlKept => "identity records of high-value sales (anti-money-laundering law, five years), until",
        E::NothingKept => "Nothing: no sale or identity record is still within its legal term.",
        E::JobsOpen => {
            "Items of this customer are still in the workshop. Hand them back (mark the jobs collected) first, so the shop can still reach the owner."
        }
        E::ReplyLanguage => "The reply to the person, in",
        E::Understood => "I understand that this cannot be undone",
        E::Erase => "Erase for good",
        E::EraseLink => "Erase the customer…",
        E::RestrictTitle => "Restrict the record",
        E::RestrictText => {
            "The record is then only stored: it no longer shows in searches and lists, takes no new sales or jobs, and opens only for a legal claim. The reply tells the person so."
        }
        E::Restrict => "Restrict",
        E::LiftTitle => "Lift the restriction",
        E::LiftHint => "Why it ends, and when the person was told (they must be told before it is lifted).",
        E::Lift => "Lift",
        E::English => "English",
        E::Dutch => "Dutch",
    }
}

fn nl(word: E) -> &'static str {
    match word {
        E::Title => "De klant wissen",
        E::Intro => {
            "Wissen vernietigt de sleutel van de klant: het dossier, de werkplaatsgeschiedenis en elke verkoop die de wet niet meer nodig heeft, zijn nooit meer te lezen, hier noch in een teruggezette back-up. Het is niet terug te draaien."
        }
        E::Deleted => "Gewist",
        E::DeletedLine => "De naam, contactgegevens, voorkeuren en notities; werkplaatsopdrachten:",
        E::SalesDeleted => "Verkopen voorbij de fiscale termijn:",
        E::AmlDeleted => "Identificatiegegevens voorbij hun vijf jaar:",
        E::Lifted => "Beperking opgeheven omdat",
        E::Kept => "Bewaard, omdat de wet het vraagt",
        E::SalesKept => "verkopen (bedrag, datum, artikelen, betalingskenmerk; geen gravure of notitie) voor de Belastingdienst, tot",
        E::AmlKept => "identificatiegegevens van verkopen met een hoog bedrag (witwaswet, vijf jaar), tot",
        E::NothingKept => "Niets: geen verkoop of identificatiegegeven valt nog binnen de wettelijke termijn.",
        E::JobsOpen => {
            "Er liggen nog spullen van deze klant in de werkplaats. Geef die eerst terug (zet de opdrachten op opgehaald), zodat de winkel de eigenaar nog kan bereiken."
        }
        E::ReplyLanguage => "Het antwoord aan de persoon, in het",
        E::Understood => "Ik begrijp dat dit niet terug te draaien is",
        E::Erase => "Definitief wissen",
        E::EraseLink => "De klant wissen…",
        E::RestrictTitle => "Het dossier beperken",
        E::RestrictText => {
            "Het dossier wordt dan alleen bewaard: het staat niet meer in zoekresultaten en lijsten, krijgt geen nieuwe verkopen of opdrachten, en gaat alleen open voor een rechtsvordering. Het antwoord zegt dat aan de persoon."
        }
        E::Restrict => "Beperken",
        E::LiftTitle => "De beperking opheffen",
        E::LiftHint => "Waarom ze eindigt, en wanneer de persoon het is verteld (dat moet vóór het opheffen).",
        E::Lift => "Opheffen",
        E::English => "Engels",
        E::Dutch => "Nederlands",
    }
}

/// The choice of the reply's language.
pub(super) fn reply_language(language: Language, chosen: Language) -> Markup {
    html! {
        label for="reply-language" { (e(language, E::ReplyLanguage)) }
        select id="reply-language" name="language" {
            option value="en" selected[chosen == Language::En] { (e(language, E::English)) }
            option value="nl" selected[chosen == Language::Nl] { (e(language, E::Dutch)) }
        }
    }
}

/// The request page's part for an erasure or a restriction still open.
pub(super) fn completion_section(language: Language, session: &Session, id: RequestId, restriction: bool) -> Markup {
    html! {
        @if restriction {
            h2 { (e(language, E::RestrictTitle)) }
            p.muted { (e(language, E::RestrictText)) }
            form method="post" action={ "/privacy/requests/" (id) "/restrict" } {
                (csrf_field(&session.csrf))
                (reply_language(language, language))
                button type="submit" { (e(language, E::Restrict)) }
            }
        } @else {
            p { a.button href={ "/privacy/requests/" (id) "/erase" } { (e(language, E::EraseLink)) } }
        }
    }
}

/// The request page's part for a completed restriction: lifting it.
pub(super) fn lift_section(language: Language, session: &Session, id: RequestId) -> Markup {
    html! {
        h2 { (e(language, E::LiftTitle)) }
        form method="post" action={ "/privacy/requests/" (id) "/lift" } {
            (csrf_field(&session.csrf))
            label for="lift-reason" { (e(language, E::LiftHint)) }
            textarea id="lift-reason" name="reason" rows="2" required {}
            button type="submit" { (e(language, E::Lift)) }
        }
    }
}
