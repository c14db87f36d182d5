//! Importing customers from the old POS's CSV export, for the owner and managers: upload, a
//! progress page that follows the import, and the same validation report as the CLI. One
//! invalid row means nothing is imported, until the person chooses "import the valid rows"
//! (the CLI's `--skip-invalid`) on the report. The page lists the columns read, in English or
//! Dutch, and offers a template to fill in.
//!
//! The upload is streamed into an owner-only temporary file sealed with a key that lives only
//! in this process's memory (`upload.rs`), imported from there, and deleted at once, whatever
//! the outcome; a killed process leaves only ciphertext, removed at the next start. ClamAV scans
//! it before the import reads a byte of it (`strongroom_app::antivirus`).

use std::sync::Arc;

use axum::Router;
use axum::extract::{DefaultBodyLimit, Multipart, Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use maud::html;
use strongroom_app::{AppError, ImportOptions, ImportProgressEvent, ImportReport};
use strongroom_domain::{Language, Permission};
use uuid::Uuid;

use super::i18n::{T, tr};
use super::upload::SealedUpload;
use super::{PageError, Ready, csrf_field, page};
use crate::ServerState;
use crate::state::{Job, JobState};

/// The columns an import reads: the name in the file, its Dutch name, and what it holds.
const COLUMNS: [(&str, &str, T); 6] = [
    ("name", "naam", T::ColumnName),
    ("email", "e-mail", T::ColumnEmail),
    ("phone", "telefoon", T::ColumnPhone),
    ("address", "adres", T::ColumnAddress),
    ("birth_date", "geboortedatum", T::ColumnBirthDate),
    ("notes", "notities", T::ColumnNotes),
];

/// A file to fill in: the header in the person's language and one made-up example row.
async fn template(Ready(session): Ready) -> Response {
    let header = match session.signed_in.language() {
        Language::En => "name,email,phone,address,birth_date,notes",
        Language::Nl => "naam,e-mail,telefoon,adres,geboortedatum,notities",
    };
    let body =
        format!("{header}\r\nAnna Jansen,anna@example.nl,06 12345678,\"Kerkstraat 1, 1234 AB Amsterdam\",1984-03-02,likes pearls\r\n");
    (
        [
            (axum::http::header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (axum::http::header::CONTENT_DISPOSITION, "attachment; filename=\"strongroom-customers.csv\""),
        ],
        body,
    )
        .into_response()
}

/// The largest file the page takes: a million customers' export is about 100 MB.
const MAX_UPLOAD_BYTES: usize = 128 * 1024 * 1024;

pub fn routes() -> Router<Arc<ServerState>> {
    Router::new()
        .route("/import", get(upload_page).post(upload).layer(DefaultBodyLimit::max(MAX_UPLOAD_BYTES)))
        .route("/import/template.csv", get(template))
        .route("/import/{job}", get(progress))
        .route("/import/{job}/valid", axum::routing::post(import_valid_rows))
}

async fn upload_page(Ready(session): Ready) -> Result<Response, PageError> {
    let language = session.signed_in.language();
    if !session.signed_in.role().allows(Permission::CustomerImport) {
        return Err(PageError::Denied(tr(language, T::NotAllowed).to_owned()));
    }
    let content = html! {
        h1 { (tr(language, T::ImportCustomers)) }
        p { (tr(language, T::ImportHint)) }
        h2 { (tr(language, T::ImportColumns)) }
        table {
            thead { tr { th { (tr(language, T::Column)) } th { (tr(language, T::AlsoCalled)) } th { (tr(language, T::WhatItHolds)) } } }
            tbody {
                @for (column, dutch, what) in COLUMNS {
                    tr { td { code { (column) } } td { code { (dutch) } } td { (tr(language, what)) } }
                }
            }
        }
        p.muted { (tr(language, T::ImportFormats)) " " a href="/import/template.csv" download="strongroom-customers.csv" { (tr(language, T::DownloadTemplate)) } }
        form method="post" action="/import" enctype="multipart/form-data" {
            (csrf_field(&session.csrf))
            label for="file" { (tr(language, T::CsvFile)) }
            input type="file" id="file" name="file" accept=".csv,text/csv" required;
            button type="submit" { (tr(language, T::CheckAndImport)) }
        }
    };
    Ok(page(tr(language, T::ImportCustomers), Some(&session), content).into_response())
}

async fn upload(State(state): State<Arc<ServerState>>, Ready(session): Ready, mut form: Multipart) -> Result<Response, PageError> {
    let language = session.signed_in.language();
    let actor = session.signed_in.actor()?.clone();
    // The form sends its CSRF field before the file: a forged upload is refused before a byte
    // of the file is read.
    let id = Uuid::now_v7();
    let (mut checked, mut upload, mut received) = (false, None, 0usize);
    let cannot_write = |error: std::io::Error| PageError::Internal(format!("cannot keep the upload: {error}"));
    while let Some(mut field) = form.next_field().await.map_err(|error| PageError::BadRequest(error.body_text()))? {
        match field.name() {
            Some("csrf") => {
                session.check_csrf(&state, &field.text().await.map_err(|error| PageError::BadRequest(error.body_text()))?)?;
                checked = true;
                if !actor.may(Permission::CustomerImport) {
                    // A genuine attempt (its form was this session's) is refused by the gate,
                    // which records it, before a byte of the file is read.
                    let refused = actor.clone();
                    return match state.run(move |vault| vault.may_import(&refused)).await {
                        Ok(()) | Err(AppError::Denied { .. }) => Err(PageError::Denied(tr(language, T::NotAllowed).to_owned())),
                        Err(other) => Err(other.into()),
                    };
                }
            }
            Some("file") if checked && upload.is_none() => {
                // Sealed as it arrives: no plaintext of it is kept in memory or on disk. (Each
                // write is 64 KiB into the page cache; the one fsync waits off the async threads.)
                let mut sealed = SealedUpload::create(&std::env::temp_dir(), id).map_err(cannot_write)?;
                while let Some(bytes) = field.chunk().await.map_err(|error| PageError::BadRequest(error.body_text()))? {
                    received += bytes.len();
                    sealed.write(&bytes).map_err(cannot_write)?;
                }
                let finished = tokio::task::spawn_blocking(move || sealed.finish().map(|()| sealed))
                    .await
                    .map_err(|_| PageError::Internal("the upload could not be kept".into()))?;
                upload = Some(finished.map_err(cannot_write)?);
            }
            Some("file") if checked => return Err(PageError::BadRequest(tr(language, T::OneFile).to_owned())),
            _ => return Err(PageError::Csrf),
        }
    }
    if !checked {
        return Err(PageError::Csrf);
    }
    let upload = upload.filter(|_| received > 0).ok_or_else(|| PageError::BadRequest(tr(language, T::NoFile).to_owned()))?;
    // ClamAV reads it first: an infected file (or one that cannot be scanned) goes no further,
    // and is deleted with the upload.
    let upload = Arc::new(upload);
    let (scanned, scanner) = (Arc::clone(&upload), actor.clone());
    state.run(move |vault| vault.scan_upload(&scanner, "customer import", scanned.as_ref())).await?;
    {
        let mut jobs = state.imports.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        // Finished jobs are kept for their report page, a hundred at most.
        if jobs.len() >= 100 {
            jobs.retain(|_, job| matches!(job.state, JobState::Validating { .. } | JobState::Importing { .. }));
        }
        jobs.insert(
            id,
            Job { started_by: session.signed_in.username().to_owned(), state: JobState::Validating { rows_seen: 0 }, kept: None },
        );
    }
    run_import(&state, id, actor, upload, ImportOptions::default());
    Ok(Redirect::to(&format!("/import/{id}")).into_response())
}

/// Runs an import of `upload` for job `id` on the blocking pool, the job following it. A refused
/// file with valid rows in it is kept for "import the valid rows"; otherwise it goes at once.
fn run_import(
    state: &Arc<ServerState>,
    id: Uuid,
    actor: strongroom_domain::Actor,
    upload: Arc<dyn strongroom_app::ImportSource>,
    options: ImportOptions,
) {
    let worker = Arc::clone(state);
    tokio::task::spawn_blocking(move || {
        let progress = |event: ImportProgressEvent| {
            worker.imports.set(
                id,
                match event {
                    ImportProgressEvent::Validating { rows_seen } => JobState::Validating { rows_seen },
                    ImportProgressEvent::Importing { rows_done, rows_total } => JobState::Importing { rows_done, rows_total },
                },
            );
        };
        let mut progress = progress;
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            worker.vault.import_customers_from(&actor, upload.as_ref(), &options, &mut progress)
        }));
        if let Ok(Err(AppError::ImportRejected(report))) = &outcome
            && report.rows_rejected < report.rows_total
        {
            worker.imports.keep(id, upload);
        }
        worker.imports.set(
            id,
            match outcome {
                Ok(Ok(report)) => JobState::Done(report),
                Ok(Err(AppError::ImportRejected(report))) => JobState::Refused(*report),
                Ok(Err(other)) => JobState::Failed(other.to_string()),
                Err(_) => JobState::Failed("the import stopped unexpectedly".into()),
            },
        );
    });
}

#[derive(serde::Deserialize, Default)]
struct ValidRowsForm {
    #[serde(default)]
    csrf: String,
}

/// "Import the valid rows": the refused file again, its valid rows imported and the others left
/// out (listed on the report by line), as `--skip-invalid` does.
async fn import_valid_rows(
    State(state): State<Arc<ServerState>>,
    Ready(session): Ready,
    Path(id): Path<String>,
    super::Form(form): super::Form<ValidRowsForm>,
) -> Result<Response, PageError> {
    session.check_csrf(&state, &form.csrf)?;
    let id = Uuid::try_parse(&id).map_err(|_| PageError::NotFound)?;
    let upload = state.imports.take_kept(id, session.signed_in.username()).ok_or(PageError::NotFound)?;
    state.imports.set(id, JobState::Validating { rows_seen: 0 });
    let actor = session.signed_in.actor()?.clone();
    run_import(&state, id, actor, upload, ImportOptions { skip_invalid: true, ..ImportOptions::default() });
    Ok(Redirect::to(&format!("/import/{id}")).into_response())
}

async fn progress(State(state): State<Arc<ServerState>>, Ready(session): Ready, Path(id): Path<String>) -> Result<Response, PageError> {
    let language = session.signed_in.language();
    let id = Uuid::try_parse(&id).map_err(|_| PageError::NotFound)?;
    let job = {
        let jobs = state.imports.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        match jobs.get(&id) {
            Some(job) if job.started_by == session.signed_in.username() => (job.state.clone(), job.kept.is_some()),
            _ => return Err(PageError::NotFound),
        }
    };
    let (job, kept) = job;
    let running = matches!(job, JobState::Validating { .. } | JobState::Importing { .. });
    let content = html! {
        h1 { (tr(language, T::ImportCustomers)) }
        @match &job {
            JobState::Validating { rows_seen } => {
                p role="status" { (tr(language, T::Validating)) " " (rows_seen) }
                progress aria-label=(tr(language, T::Validating)) {}
            }
            JobState::Importing { rows_done, rows_total } => {
                p role="status" { (tr(language, T::Importing)) " " (rows_done) " / " (rows_total) }
                progress value=(rows_done) max=(rows_total) {}
            }
            JobState::Done(report) => {
                p.notice role="status" { (report.rows_imported) " " (tr(language, T::RowsImported)) }
                (report_table(language, report))
            }
            JobState::Refused(report) => {
                p.error role="alert" { (tr(language, T::ImportRefused)) }
                (report_table(language, report))
                @if kept {
                    form method="post" action={ "/import/" (id) "/valid" } {
                        (csrf_field(&session.csrf))
                        button type="submit" {
                            (tr(language, T::ImportValidRows)) " (" (report.rows_total - report.rows_rejected) "; "
                            (report.rows_rejected) " " (tr(language, T::LeftOut)) ")"
                        }
                    }
                }
            }
            JobState::Failed(detail) => {
                p.error role="alert" { (tr(language, T::ImportFailed)) }
                p.muted { (detail) }
            }
        }
        @if !running { p { a href="/import" { (tr(language, T::ImportAnother)) } } }
    };
    let mut response = page(tr(language, T::ImportCustomers), Some(&session), content).into_response();
    if running {
        // Follows the import without script: the page reloads itself every second.
        response.headers_mut().insert("refresh", axum::http::HeaderValue::from_static("1"));
    }
    Ok(response)
}

/// The validation report, as the CLI prints it: counts, then line, column and reason per row.
fn report_table(language: Language, report: &ImportReport) -> maud::Markup {
    html! {
        dl {
            dt { (tr(language, T::RowsRead)) } dd { (report.rows_total) }
            dt { (tr(language, T::Imported)) } dd { (report.rows_imported) }
            dt { (tr(language, T::RowsRejected)) } dd { (report.rows_rejected) }
            @if !report.unknown_columns.is_empty() { dt { (tr(language, T::IgnoredColumns)) } dd { (report.unknown_columns.join(", ")) } }
            @if report.windows_1252 { dt { (tr(language, T::Encoding)) } dd { (tr(language, T::ReadAsWindows1252)) } }
        }
        @if !report.errors.is_empty() {
            table {
                thead { tr { th { (tr(language, T::Line)) } th { (tr(language, T::Column)) } th { (tr(language, T::Reason)) } } }
                tbody { @for error in &report.errors { tr { td { (error.line) } td { (error.field) } td { (super::i18n::reason(language, &error.reason)) } } } }
            }
            @if report.errors_truncated {
                p.muted { (tr(language, T::MoreErrors)) }
                table {
                    thead { tr { th { (tr(language, T::Times)) } th { (tr(language, T::Column)) } th { (tr(language, T::Reason)) } } }
                    tbody { @for count in &report.problem_counts { tr { td { (count.count) } td { (count.field) } td { (super::i18n::reason(language, &count.reason)) } } } }
                }
            }
        }
    }
}
