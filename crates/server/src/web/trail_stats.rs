//! The audit trail's statistics (`/desk/audit/trail`), for the external auditor and the owner:
//! the events and checkpoints, the last verification with a button to check the trail now (a
//! fresh audit report), and the last twelve months by month and kind, then by action, each
//! allowed, denied or failed. Counts only: no event's details, no customer.

use std::sync::Arc;

use axum::extract::State;
use axum::response::{IntoResponse, Response};
use maud::{Markup, html};
use strongroom_app::desk::{Tally, TrailKind, TrailStatistics};
use strongroom_domain::{Language, Permission};

use super::parts::{action_words, day, today};
use super::{PageError, Ready, Session, csrf_field, page, when};
use crate::ServerState;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum S {
    Title,
    Intro,
    Events,
    LatestCheckpoint,
    NoCheckpoint,
    VerifiedWhole,
    VerifiedDamaged,
    NeverVerified,
    CheckNow,
    ByMonth,
    Month,
    Total,
    Denied,
    Failed,
    ByAction,
    Action,
    Allowed,
    NoEvents,
    OnlyOwnerAndAuditor,
    CustomerReads,
    CustomerChanges,
    DataOut,
    SignIns,
    Administration,
    Trail,
    Other,
}

fn en(word: S) -> &'static str {
    match word {
        S::Title => "The audit trail in figures",
        S::Intro => {
            "How many events the trail holds, when it was last checked and signed, and what happened in the last twelve months: by month and kind, then by action. Denied means the person was not allowed; failed means it went wrong (a wrong password, a damaged file). Counts only: no event's details, no customer."
        }
        S::Events => "{} events in the trail, {} signed checkpoints.",
        S::LatestCheckpoint => "The latest checkpoint was signed {} and covers {} events.",
        S::NoCheckpoint => "No checkpoint has been signed yet.",
        S::VerifiedWhole => "The whole trail was last checked {} and found whole.",
        S::VerifiedDamaged => "The whole trail was last checked {} and found changed or damaged: report an incident.",
        S::NeverVerified => "The whole trail has never been checked.",
        S::CheckNow => "Check the whole trail now (makes a fresh audit report)",
        S::ByMonth => "By month",
        S::Month => "Month",
        S::Total => "Events",
        S::Denied => "Denied",
        S::Failed => "Failed",
        S::ByAction => "By action, over these twelve months",
        S::Action => "Action",
        S::Allowed => "Allowed",
        S::NoEvents => "No events in these twelve months.",
        S::OnlyOwnerAndAuditor => "Only the owner and the external auditor read the trail's figures.",
        S::CustomerReads => "Customer data read",
        S::CustomerChanges => "Customer data changed",
        S::DataOut => "Data sent out",
        S::SignIns => "Sign-ins",
        S::Administration => "Administration",
        S::Trail => "The trail",
        S::Other => "Other",
    }
}

fn nl(word: S) -> &'static str {
    match word {
        S::Title => "Het logboek in cijfers",
        S::Intro => {
            "Hoeveel gebeurtenissen het logboek bevat, wanneer het voor het laatst is gecontroleerd en ondertekend, en wat er de afgelopen twaalf maanden gebeurde: per maand en soort, en per handeling. Geweigerd betekent dat de persoon het niet mocht; mislukt dat het fout ging (een verkeerd wachtwoord, een beschadigd bestand). Alleen aantallen: geen details van gebeurtenissen, geen klanten."
        }
        S::Events => "{} gebeurtenissen in het logboek, {} ondertekende controlepunten.",
        S::LatestCheckpoint => "Het laatste controlepunt is ondertekend op {} en omvat {} gebeurtenissen.",
        S::NoCheckpoint => "Er is nog geen controlepunt ondertekend.",
        S::VerifiedWhole => "Het hele logboek is voor het laatst gecontroleerd op {} en klopte.",
        S::VerifiedDamaged => {
            "Het hele logboek is voor het laatst gecontroleerd op {} en bleek gewijzigd of beschadigd: meld een incident."
        }
        S::NeverVerified => "Het hele logboek is nog nooit gecontroleerd.",
        S::CheckNow => "Controleer nu het hele logboek (maakt een nieuw auditrapport)",
        S::ByMonth => "Per maand",
        S::Month => "Maand",
        S::Total => "Gebeurtenissen",
        S::Denied => "Geweigerd",
        S::Failed => "Mislukt",
        S::ByAction => "Per handeling, over deze twaalf maanden",
        S::Action => "Handeling",
        S::Allowed => "Toegestaan",
        S::NoEvents => "Geen gebeurtenissen in deze twaalf maanden.",
        S::OnlyOwnerAndAuditor => "Alleen de eigenaar en de externe auditor lezen de cijfers van het logboek.",
        S::CustomerReads => "Klantgegevens gelezen",
        S::CustomerChanges => "Klantgegevens gewijzigd",
        S::DataOut => "Gegevens verstuurd",
        S::SignIns => "Inloggen",
        S::Administration => "Beheer",
        S::Trail => "Het logboek",
        S::Other => "Overig",
    }
}

pub(super) fn s(language: Language, word: S) -> &'static str {
    match language {
        Language::En => en(word),
        Language::Nl => nl(word),
    }
}

fn kind_name(language: Language, kind: TrailKind) -> &'static str {
    s(
        language,
        match kind {
            TrailKind::CustomerReads => S::CustomerReads,
            TrailKind::CustomerChanges => S::CustomerChanges,
            TrailKind::DataOut => S::DataOut,
            TrailKind::SignIns => S::SignIns,
            TrailKind::Administration => S::Administration,
            TrailKind::Trail => S::Trail,
            TrailKind::Other => S::Other,
        },
    )
}

/// "Dec 2026", "dec 2026".
fn month_name(language: Language, month: time::Date) -> String {
    let shown = day(language, month);
    shown.split_once(' ').map_or(shown.clone(), |(_, rest)| rest.to_owned())
}

fn by_month(language: Language, stats: &TrailStatistics) -> Markup {
    let busiest = stats.months.iter().map(|month| month.total().total()).max().unwrap_or(0).max(1);
    html! {
        table.trail-months {
            thead { tr {
                th { (s(language, S::Month)) } th { (s(language, S::Total)) }
                @for kind in TrailKind::ALL { th { (kind_name(language, kind)) } }
                th { (s(language, S::Denied)) } th { (s(language, S::Failed)) }
            } }
            tbody {
                @for month in &stats.months {
                    @let total = month.total();
                    tr {
                        td { (month_name(language, month.month)) }
                        td {
                            (total.total())
                            // A bar as long as the month's share of the busiest month.
                            " "
                            svg.bar xmlns="http://www.w3.org/2000/svg" width="96" height="8" aria-hidden="true" {
                                rect width=(total.total() * 96 / busiest) height="8" fill="currentColor" {}
                            }
                        }
                        @for (_, tally) in &month.kinds { td { (tally.total()) } }
                        td { (total.denied) } td { (total.failed) }
                    }
                }
            }
        }
    }
}

fn by_action(language: Language, actions: &[(String, Tally)]) -> Markup {
    html! {
        @if actions.is_empty() { p { (s(language, S::NoEvents)) } }
        @else {
            table {
                thead { tr { th { (s(language, S::Action)) } th { (s(language, S::Allowed)) } th { (s(language, S::Denied)) } th { (s(language, S::Failed)) } } }
                tbody {
                    @for (action, tally) in actions {
                        @let words = action_words(language, action);
                        // The action's own name beside the words: some words stand for several.
                        tr {
                            td { @if words != *action { (words) " " } code.muted { (action) } }
                            td { (tally.allowed) } td { (tally.denied) } td { (tally.failed) }
                        }
                    }
                }
            }
        }
    }
}

pub(super) async fn trail_page(State(state): State<Arc<ServerState>>, Ready(session): Ready) -> Result<Response, PageError> {
    let language = session.signed_in.language();
    super::allowed_to(&session, Permission::DeskRead, s(language, S::OnlyOwnerAndAuditor))?;
    super::allowed_to(&session, Permission::AuditRead, s(language, S::OnlyOwnerAndAuditor))?;
    let actor = session.signed_in.actor()?.clone();
    let windows = super::parts::trail_windows(today());
    let stats = state.run(move |vault| vault.trail_statistics(&actor, &windows)).await?;
    Ok(page(s(language, S::Title), Some(&session), content(language, &session, &stats)).into_response())
}

fn content(language: Language, session: &Session, stats: &TrailStatistics) -> Markup {
    let fill = super::parts::fill;
    html! {
        h1 { (s(language, S::Title)) }
        p.muted { (s(language, S::Intro)) }
        p { strong { (fill(s(language, S::Events), &[&stats.events.to_string(), &stats.checkpoints.to_string()])) } }
        p { @match stats.last_checkpoint {
            Some((at, size)) => (fill(s(language, S::LatestCheckpoint), &[&when(language, at), &size.to_string()])),
            None => (s(language, S::NoCheckpoint)),
        } }
        @match stats.last_verification {
            Some((true, at)) => p { (fill(s(language, S::VerifiedWhole), &[&when(language, at)])) },
            Some((false, at)) => p.error role="alert" { (fill(s(language, S::VerifiedDamaged), &[&when(language, at)])) },
            None => p { (s(language, S::NeverVerified)) },
        }
        form method="post" action="/desk/audit/report" {
            (csrf_field(&session.csrf))
            button type="submit" { (s(language, S::CheckNow)) }
        }
        h2 { (s(language, S::ByMonth)) }
        (by_month(language, stats))
        h2 { (s(language, S::ByAction)) }
        (by_action(language, &stats.actions))
        p { a href="/desk/audit" { (super::audit_words::a(language, super::audit_words::A::Title)) } }
    }
}
