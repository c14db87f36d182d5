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
use strongroom_domain::{Language, Permission};

use super::i18n::{T, reason, tr};
use super::parts::moment;
use super::{CsrfOnly, Form, PageError, Ready, Session, csrf_field, page};
use crate::ServerState;
use crate::state::{BackupJob, BackupJobKind};

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
                            @if !folder.answering {
                                strong { (tr(language, T::FolderNotAnswering)) }
                            } @else if !folder.present {
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
            @if !destination.answering { p.warning role="alert" { (tr(language, T::FolderNotAnswering)) } }
            @else if !destination.present { p.warning role="alert" { (tr(language, T::FolderMissing)) } }
            @if destination.same_disk { p.warning { (tr(language, T::FolderSameDisk)) } }
            @if destination.backups.is_empty() {
                @if destination.present && destination.answering { p.muted { (tr(language, T::FolderEmpty)) } }
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

fn overview(language: Language, session: &Session, overview: &BackupOverview, notice: Option<Markup>, running: bool) -> Markup {
    html! {
        h1 { (tr(language, T::BackupsTitle)) }
        @if let Some(notice) = notice { (notice) }
        p.muted { (tr(language, T::BackupsExplained)) }
        (health_lines(language, &overview.health))
        @if overview.health.destinations_set && !running {
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
        p { a href="/backups/settings" { (tr(language, T::BackupSettingsLink)) } }
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
    super::parts::printable_document(language, tr(language, T::KitTitle), kit_sheet(language, kit))
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
    // The job first: one that ended before the folders are read is in what they show.
    let job = state.backup_job.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).clone();
    let found = state.run(move |vault| vault.backup_overview(&actor)).await?;
    let running = job.as_ref().is_some_and(|job| job.finished.is_none());
    let notice = notice.or_else(|| job.as_ref().and_then(|job| job_notice(language, job)));
    let mut response =
        page(tr(language, T::BackupsTitle), Some(session), overview(language, session, &found, notice, running)).into_response();
    if running {
        // Follows the backup without script: the page reloads itself until it has ended.
        response.headers_mut().insert("refresh", axum::http::HeaderValue::from_static("2"));
    }
    Ok(response)
}

/// How long the outcome of a backup or drill started on this page stays shown on it.
const OUTCOME_SHOWN_MINUTES: i64 = 30;

/// The job's state: running since when and started by whom, or how it ended (for half an hour).
fn job_notice(language: Language, job: &BackupJob) -> Option<Markup> {
    let (running, done) = match job.kind {
        BackupJobKind::Backup => (T::BackupRunning, T::BackupMadeNotice),
        BackupJobKind::Drill => (T::DrillRunning, T::DrillDoneNotice),
    };
    match &job.finished {
        None => Some(html! {
            p.notice role="status" aria-live="polite" {
                (tr(language, running)) " " (moment(language, job.started_at)) " (" (job.started_by) ")."
                " " (tr(language, T::JobFollowed))
            }
        }),
        Some((ended, _)) if time::OffsetDateTime::now_utc() - *ended > time::Duration::minutes(OUTCOME_SHOWN_MINUTES) => None,
        Some((_, problems)) if problems.is_empty() => Some(html! { p.notice role="status" { (tr(language, done)) } }),
        Some((_, problems)) => Some(html! {
            div.warning role="alert" {
                p { (tr(language, match job.kind { BackupJobKind::Backup => T::BackupPartlyFailed, BackupJobKind::Drill => T::DrillFailedNotice })) }
                ul { @for problem in problems { li { (local(language, problem)) } } }
            }
        }),
    }
}

#[derive(Deserialize, Default)]
struct Busy {
    #[serde(default)]
    busy: Option<String>,
}

async fn backups_page(
    State(state): State<Arc<ServerState>>,
    Ready(session): Ready,
    Query(busy): Query<Busy>,
) -> Result<Response, PageError> {
    let language = session.signed_in.language();
    let running =
        state.backup_job.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).as_ref().is_some_and(|job| job.finished.is_none());
    let notice = (busy.busy.is_some() && running).then(|| html! { p.warning role="alert" { (tr(language, T::JobAlreadyRunning)) } });
    render(&state, &session, notice).await
}

/// Starts a backup or drill in the background (one at a time) and sends the person to the
/// backup page, which follows it.
async fn start(state: Arc<ServerState>, session: Session, form: CsrfOnly, kind: BackupJobKind) -> Result<Response, PageError> {
    session.check_csrf(&state, &form.csrf)?;
    let actor = session.signed_in.actor()?.clone();
    if !session.signed_in.role().allows(Permission::BackupManage) {
        return Err(PageError::Denied(format!("{} may not make backups", session.signed_in.role())));
    }
    if !claim_job(&state, session.signed_in.username(), kind) {
        // To the page that follows the running one (a page answering this POST could not reload itself).
        return Ok(Redirect::to("/backups?busy=1").into_response());
    }
    let follower = Arc::clone(&state);
    tokio::spawn(async move {
        let vault = Arc::clone(&follower.vault);
        // A panic in it still ends the job, or the page would follow it forever.
        let problems = tokio::task::spawn_blocking(move || job_problems(&vault, &actor, kind))
            .await
            .unwrap_or_else(|_| vec!["it stopped unexpectedly; the server's log says why".to_owned()]);
        let mut job = follower.backup_job.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(job) = job.as_mut() {
            job.finished = Some((time::OffsetDateTime::now_utc(), problems));
        }
    });
    Ok(Redirect::to("/backups").into_response())
}

/// Marks a backup or drill as started by `username`; false when one is running already.
fn claim_job(state: &ServerState, username: &str, kind: BackupJobKind) -> bool {
    let mut job = state.backup_job.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    if job.as_ref().is_some_and(|job| job.finished.is_none()) {
        return false;
    }
    *job = Some(BackupJob { kind, started_by: username.to_owned(), started_at: time::OffsetDateTime::now_utc(), finished: None });
    true
}

/// Runs a backup or drill; what went wrong, one line per folder (the app's words).
fn job_problems(vault: &strongroom_app::Vault, actor: &strongroom_domain::Actor, kind: BackupJobKind) -> Vec<String> {
    match kind {
        BackupJobKind::Backup => match vault.backup_now(actor) {
            Ok(outcomes) => {
                outcomes.into_iter().filter_map(|(folder, made)| made.err().map(|error| format!("{}: {error}", folder.display()))).collect()
            }
            Err(error) => vec![error.to_string()],
        },
        BackupJobKind::Drill => match vault.backup_drill(actor) {
            Ok(drilled) => drilled
                .into_iter()
                .filter(|one| !one.problems.is_empty())
                .map(|one| format!("{}: {}", one.dir.display(), one.problems.join("; ")))
                .collect(),
            Err(error) => vec![error.to_string()],
        },
    }
}

async fn back_up_now(
    State(state): State<Arc<ServerState>>,
    Ready(session): Ready,
    Form(form): Form<CsrfOnly>,
) -> Result<Response, PageError> {
    start(state, session, form, BackupJobKind::Backup).await
}

async fn drill_now(
    State(state): State<Arc<ServerState>>,
    Ready(session): Ready,
    Form(form): Form<CsrfOnly>,
) -> Result<Response, PageError> {
    start(state, session, form, BackupJobKind::Drill).await
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
        let full = "failed: cannot write /media/usb/.strongroom-20261206-020000Z.srbk.partial: the disk is full";
        assert_eq!(local(Language::Nl, full), "kan /media/usb/.strongroom-20261206-020000Z.srbk.partial niet schrijven: de schijf is vol");
    }
}
