//! The owner's backup page: whether backups are set up, the last good one and the last restore
//! drill, each backup folder with its backups, and buttons to back up or drill now.

use std::sync::Arc;

use axum::Router;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use maud::{Markup, html};
use serde::Deserialize;
use strongroom_app::{AppError, BackupHealth, BackupOverview, DestinationStatus, RecoveryKit, TrailMark};
use strongroom_domain::Language;

use super::i18n::{T, reason, tr};
use super::parts::moment;
use super::{Form, PageError, Ready, Session, csrf_field, page};
use crate::ServerState;

pub fn routes() -> Router<Arc<ServerState>> {
    Router::new()
        .route("/backups", get(backups_page))
        .route("/backups/now", post(back_up_now))
        .route("/backups/drill", post(drill_now))
        .route("/backups/recovery-kit", get(kit_page))
}

fn at(micros: i64) -> time::OffsetDateTime {
    time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(micros) * 1000).unwrap_or(time::OffsetDateTime::UNIX_EPOCH)
}

/// A file's size as people read it: `820 kB`, `12.5 MB` (`12,5 MB` in Dutch).
fn megabytes(language: Language, bytes: u64) -> String {
    let text = if bytes < 1_000_000 { format!("{} kB", bytes.div_ceil(1000)) } else { format!("{:.1} MB", bytes as f64 / 1e6) };
    match language {
        Language::En => text,
        Language::Nl => text.replace('.', ","),
    }
}

/// What a failed backup or drill said (English in the trail and from the app: the words of
/// the CLI), in the person's language: each `; `-separated problem translated, and one that
/// begins with a file's or folder's path translated after it.
fn local(language: Language, text: &str) -> String {
    let text = text.strip_prefix("failed: ").unwrap_or(text);
    text.split("; ")
        .map(|part| match reason(language, part) {
            translated if translated != part => translated.into_owned(),
            _ => match part.split_once(": ") {
                Some((head, rest)) => format!("{head}: {}", reason(language, rest)),
                None => part.to_owned(),
            },
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// The last good backup, the warning when there has been none for a day and more, the last
/// failed try, and the last drill: on this page and on the owner's start page.
pub(super) fn health_lines(language: Language, health: &BackupHealth) -> Markup {
    let now = (time::OffsetDateTime::now_utc().unix_timestamp_nanos() / 1000) as i64;
    html! {
        @if !health.destinations_set {
            p.warning role="alert" { (tr(language, T::BackupsNotSetUp)) }
        } @else {
            @if health.overdue(now) { p.warning role="alert" { (tr(language, T::BackupOverdue)) } }
            @match &health.last_good {
                Some(good) => p { (tr(language, T::LastGoodBackup)) " " strong { (moment(language, at(good.at_unix_micros))) } },
                None => p { (tr(language, T::NoGoodBackupYet)) },
            }
            @if !health.folders.is_empty() {
                ul.backup-folders {
                    @for folder in &health.folders {
                        li {
                            code { (folder.dir.display()) } ": "
                            @if !folder.present {
                                strong { (tr(language, T::FolderMissing)) }
                            } @else {
                                @match folder.newest_at_unix_micros {
                                    Some(newest) => { (tr(language, T::NewestBackup)) " " (moment(language, at(newest))) }
                                    None => (tr(language, T::FolderEmpty)),
                                }
                            }
                        }
                    }
                }
            }
            @if let Some(failed) = health.last_failed.as_ref().filter(|failed| health.last_good.as_ref().is_none_or(|good| good.at_unix_micros < failed.at_unix_micros)) {
                p.warning { (tr(language, T::LastBackupFailed)) " " (moment(language, at(failed.at_unix_micros))) ": " (local(language, &failed.detail)) }
            }
            (drill_line(language, health.last_drill.as_ref()))
        }
    }
}

fn drill_line(language: Language, drill: Option<&TrailMark>) -> Markup {
    html! {
        @match drill {
            None => p { (tr(language, T::NoDrillYet)) },
            Some(drill) if drill.ok => p { (tr(language, T::LastDrill)) " " strong { (moment(language, at(drill.at_unix_micros))) } " " (tr(language, T::DrillPassed)) },
            Some(drill) => p.warning { (tr(language, T::LastDrill)) " " strong { (moment(language, at(drill.at_unix_micros))) } " " (tr(language, T::DrillFailed)) " " (local(language, &drill.detail)) },
        }
    }
}

fn folder(language: Language, destination: &DestinationStatus) -> Markup {
    html! {
        section.backup-folder {
            h2 { code { (destination.dir.display()) } }
            @if !destination.present { p.warning role="alert" { (tr(language, T::FolderMissing)) } }
            @if destination.same_disk { p.warning { (tr(language, T::FolderSameDisk)) } }
            @if destination.backups.is_empty() {
                @if destination.present { p.muted { (tr(language, T::FolderEmpty)) } }
            } @else {
                table {
                    thead { tr { th { (tr(language, T::MadeAt)) } th { (tr(language, T::Customers)) } th { (tr(language, T::SizeLabel)) } th { (tr(language, T::State)) } } }
                    tbody {
                        @for backup in &destination.backups {
                            tr {
                                @match &backup.manifest {
                                    Some(manifest) => {
                                        td { (moment(language, at(manifest.created_at_unix_micros))) }
                                        td { (manifest.customers) }
                                        td { (megabytes(language, backup.bytes)) }
                                        td { (tr(language, T::BackupReadable)) }
                                    }
                                    None => {
                                        td { code { (backup.file.file_name().map(|name| name.to_string_lossy()).unwrap_or_default()) } }
                                        td { "–" }
                                        td { (megabytes(language, backup.bytes)) }
                                        td { strong { (tr(language, T::BackupUnreadable)) } }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

#[derive(Deserialize, Default)]
struct Done {
    #[serde(default)]
    done: String,
}

fn overview(language: Language, session: &Session, overview: &BackupOverview, notice: Option<Markup>) -> Markup {
    html! {
        h1 { (tr(language, T::BackupsTitle)) }
        @if let Some(notice) = notice { (notice) }
        p.muted { (tr(language, T::BackupsExplained)) }
        (health_lines(language, &overview.health))
        @if overview.health.destinations_set {
            div.actions {
                form.inline method="post" action="/backups/now" {
                    (csrf_field(&session.csrf))
                    button type="submit" { (tr(language, T::BackUpNow)) }
                }
                form.inline method="post" action="/backups/drill" {
                    (csrf_field(&session.csrf))
                    button type="submit" { (tr(language, T::RunDrillNow)) }
                }
            }
        }
        @for destination in &overview.destinations { (folder(language, destination)) }
        p { a href="/backups/recovery-kit" { (tr(language, T::KitLink)) } }
    }
}

/// The kit's sheet: what it is, the key in checked groups with a QR code of its key line (or,
/// for a passphrase vault, that it holds no secret), and how to use it.
fn kit_sheet(language: Language, kit: &RecoveryKit) -> Markup {
    html! {
        article.recovery-kit {
            h1 { (tr(language, T::KitTitle)) }
            p { (tr(language, T::KitIntro)) }
            dl {
                dt { (tr(language, T::KitShop)) } dd { (kit.shop) }
                dt { (tr(language, T::KitMade)) } dd { (moment(language, at(kit.made_at_unix_micros))) }
            }
            @match &kit.secret {
                Some(secret) => {
                    h2 { (tr(language, T::KitGroups)) }
                    ol.key-groups {
                        @for group in &secret.groups { li { code.group { (group.as_str()) } } }
                    }
                    @if let Ok(code) = qrcode::QrCode::new(secret.key_line.as_bytes()) {
                        figure.key-qr role="img" aria-label=(tr(language, T::KitQrLabel)) {
                            (maud::PreEscaped(code.render::<qrcode::render::svg::Color<'_>>().min_dimensions(180, 180).quiet_zone(true).build()))
                        }
                    }
                    p { (tr(language, T::KitHowToRecover)) }
                }
                None => p.notice { (tr(language, T::KitPassphrase)) },
            }
        }
    }
}

/// The kit as a file of its own (what `strongroom keys recovery-kit --out` writes): the page's
/// styles inlined, ready to print from any browser.
pub fn recovery_kit_document(language: Language, kit: &RecoveryKit) -> String {
    let lang = match language {
        Language::En => "en",
        Language::Nl => "nl",
    };
    html! {
        (maud::DOCTYPE)
        html lang=(lang) {
            head {
                meta charset="utf-8";
                title { (tr(language, T::KitTitle)) }
                style { (maud::PreEscaped(include_str!("../../assets/app.css"))) }
            }
            body { main { (kit_sheet(language, kit)) } }
        }
    }
    .into_string()
}

async fn kit_page(State(state): State<Arc<ServerState>>, Ready(session): Ready) -> Result<Response, PageError> {
    let language = session.signed_in.language();
    let actor = session.signed_in.actor()?.clone();
    let kit = state.run(move |vault| vault.recovery_kit(&actor)).await.map_err(|error| match error {
        AppError::StepUpRequired => PageError::StepUp("/backups/recovery-kit".into()),
        other => other.into(),
    })?;
    let content = html! {
        div.no-print.print-choices {
            button type="button" data-print { (tr(language, T::Print)) }
            span.muted { (tr(language, T::KitAfterPrinting)) }
        }
        (kit_sheet(language, &kit))
    };
    // Like every page, sent with Cache-Control: no-store (the guard's): no copy of the key in a cache.
    Ok(page(tr(language, T::KitTitle), Some(&session), content).into_response())
}

async fn render(state: &Arc<ServerState>, session: &Session, notice: Option<Markup>) -> Result<Response, PageError> {
    let language = session.signed_in.language();
    let actor = session.signed_in.actor()?.clone();
    let found = state.run(move |vault| vault.backup_overview(&actor)).await?;
    Ok(page(tr(language, T::BackupsTitle), Some(session), overview(language, session, &found, notice)).into_response())
}

async fn backups_page(
    State(state): State<Arc<ServerState>>,
    Ready(session): Ready,
    Query(done): Query<Done>,
) -> Result<Response, PageError> {
    let language = session.signed_in.language();
    let notice = match done.done.as_str() {
        "backup" => Some(html! { p.notice role="status" { (tr(language, T::BackupMadeNotice)) } }),
        "drill" => Some(html! { p.notice role="status" { (tr(language, T::DrillDoneNotice)) } }),
        _ => None,
    };
    render(&state, &session, notice).await
}

#[derive(Deserialize)]
struct CsrfOnly {
    #[serde(default)]
    csrf: String,
}

/// Who pressed a button, once the form's CSRF token is checked.
fn presser(state: &Arc<ServerState>, session: &Session, form: &CsrfOnly) -> Result<strongroom_domain::Actor, PageError> {
    session.check_csrf(state, &form.csrf)?;
    Ok(session.signed_in.actor()?.clone())
}

async fn back_up_now(
    State(state): State<Arc<ServerState>>,
    Ready(session): Ready,
    Form(form): Form<CsrfOnly>,
) -> Result<Response, PageError> {
    let actor = presser(&state, &session, &form)?;
    let language = session.signed_in.language();
    let outcomes = state.run(move |vault| vault.backup_now(&actor)).await?;
    let failures: Vec<String> = outcomes
        .into_iter()
        .filter_map(|(folder, made)| {
            made.err().map(|error: AppError| format!("{}: {}", folder.display(), local(language, &error.to_string())))
        })
        .collect();
    if failures.is_empty() {
        return Ok(Redirect::to("/backups?done=backup").into_response());
    }
    let notice = html! { div.warning role="alert" { p { (tr(language, T::BackupPartlyFailed)) } ul { @for failure in &failures { li { (failure) } } } } };
    render(&state, &session, Some(notice)).await
}

async fn drill_now(
    State(state): State<Arc<ServerState>>,
    Ready(session): Ready,
    Form(form): Form<CsrfOnly>,
) -> Result<Response, PageError> {
    let actor = presser(&state, &session, &form)?;
    state.run(move |vault| vault.backup_drill(&actor)).await?;
    Ok(Redirect::to("/backups?done=drill").into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_backup_or_drill_reads_in_dutch_with_its_paths_kept() {
        let missing = "failed: the backup folder /media/usb does not exist: plug in the disk, or create the folder, and try again";
        assert_eq!(
            local(Language::Nl, missing),
            "de back-upmap /media/usb bestaat niet: sluit de schijf aan of maak de map, en probeer het opnieuw"
        );
        let drill = "/media/usb/strongroom-20261206-020000Z.srbk: chunk 3 is damaged: it does not open with this key at its place; there are bytes after the last chunk";
        assert_eq!(
            local(Language::Nl, drill),
            "/media/usb/strongroom-20261206-020000Z.srbk: blok 3 is beschadigd: het gaat op zijn plaats niet open met deze sleutel; er staan bytes na het laatste blok"
        );
        assert_eq!(local(Language::En, missing), missing.strip_prefix("failed: ").unwrap());
    }
}
