//! The files the owner gives the devices page: a CSV list of devices, imported whole or not at
//! all with each problem named by line and column, and a newer end-of-life table or KEV
//! catalogue. Each is read into memory (they are small), scanned by ClamAV before anything reads
//! it, and refused naming the place when it is of the wrong shape.

use std::sync::Arc;

use axum::Router;
use axum::extract::{DefaultBodyLimit, Multipart, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::post;
use maud::{Markup, html};
use strongroom_app::AppError;
use strongroom_app::desk::{RowProblem, Table};
use strongroom_domain::Language;

use super::words::{D, d};
use super::{DeviceForm, may_change, render_list};
use crate::ServerState;
use crate::web::file_form::{read_form, scanned};
use crate::web::parts::FieldErrors;
use crate::web::{PageError, Ready, Session, csrf_field};

/// The largest device list taken (500 devices are well under it).
const MAX_LIST_BYTES: usize = 2 * 1024 * 1024;
/// The largest table taken (CISA's whole catalogue is about 1.3 MB).
const MAX_TABLE_BYTES: usize = strongroom_app::desk::tables::MAX_TABLE_BYTES;

pub fn routes() -> Router<Arc<ServerState>> {
    Router::new()
        .route("/desk/devices/import", post(import).layer(DefaultBodyLimit::max(MAX_LIST_BYTES + 64 * 1024)))
        .route("/desk/devices/tables", post(refresh).layer(DefaultBodyLimit::max(MAX_TABLE_BYTES + 64 * 1024)))
}

/// The import form and the tables form, for the owner.
pub fn forms(language: Language, session: &Session) -> Markup {
    html! {
        h2 { (d(language, D::ImportTitle)) }
        p.muted { (d(language, D::ImportHint)) }
        form method="post" action="/desk/devices/import" enctype="multipart/form-data" {
            (csrf_field(&session.csrf))
            label for="device-file" { (d(language, D::CsvFile)) }
            input type="file" id="device-file" name="file" accept=".csv,text/csv" required;
            button type="submit" { (d(language, D::Import)) }
        }
        h2 id="tables" { (d(language, D::TablesTitle)) }
        p.muted { (d(language, D::TablesHint)) }
        form method="post" action="/desk/devices/tables" enctype="multipart/form-data" {
            (csrf_field(&session.csrf))
            label for="table" { (d(language, D::WhichTable)) }
            select id="table" name="table" {
                option value="kev" { (d(language, D::TableKev)) }
                option value="eol" { (d(language, D::TableEol)) }
            }
            label for="table-file" { (d(language, D::TableFile)) }
            input type="file" id="table-file" name="file" accept=".json,application/json";
            label for="table-address" { (d(language, D::TableAddress)) }
            input type="url" id="table-address" name="address" placeholder="https://";
            button type="submit" { (d(language, D::Refresh)) }
        }
    }
}

fn no_file(session: &Session) -> PageError {
    PageError::BadRequest(crate::web::i18n::tr(session.signed_in.language(), crate::web::i18n::T::NoFile).to_owned())
}

fn problems_table(language: Language, problems: &[RowProblem]) -> Markup {
    html! {
        div.warning role="alert" {
            p { strong { (d(language, D::ImportRefused)) } }
            table {
                thead { tr { th { (d(language, D::Line)) } th { (d(language, D::Column)) } th { (d(language, D::Problem)) } } }
                tbody {
                    @for problem in problems {
                        tr { td { (problem.line) } td { code { (problem.field) } } td { (crate::web::i18n::reason(language, &problem.reason)) } }
                    }
                }
            }
        }
    }
}

async fn import(State(state): State<Arc<ServerState>>, Ready(session): Ready, form: Multipart) -> Result<Response, PageError> {
    let (_, bytes) = read_form(&state, &session, form, MAX_LIST_BYTES, may_change).await?;
    let bytes = bytes.ok_or_else(|| no_file(&session))?.bytes;
    let bytes = scanned(&state, &session, "device list", bytes).await?;
    let language = session.signed_in.language();
    let actor = session.signed_in.actor()?.clone();
    match state.run(move |vault| vault.import_devices(&actor, &bytes)).await {
        // Redirected, so reloading the page does not import the list again.
        Ok(_) => Ok(Redirect::to("/desk/devices?done=imported").into_response()),
        Err(AppError::RowsRejected { problems, .. }) => {
            let report = problems_table(language, &problems);
            let mut response = render_list(&state, &session, None, &DeviceForm::default(), &FieldErrors::default(), Some(report)).await?;
            *response.status_mut() = axum::http::StatusCode::UNPROCESSABLE_ENTITY;
            Ok(response)
        }
        Err(other) => Err(other.into()),
    }
}

async fn refresh(State(state): State<Arc<ServerState>>, Ready(session): Ready, form: Multipart) -> Result<Response, PageError> {
    let (fields, bytes) = read_form(&state, &session, form, MAX_TABLE_BYTES, may_change).await?;
    let table = match fields.iter().find(|(name, _)| name == "table").map(|(_, value)| value.as_str()) {
        Some("eol") => Table::EndOfLife,
        Some("kev") => Table::Kev,
        _ => return Err(PageError::BadRequest("which table: eol or kev".into())),
    };
    let address =
        fields.iter().find(|(name, _)| name == "address").map(|(_, value)| value.trim().to_owned()).filter(|value| !value.is_empty());
    let language = session.signed_in.language();
    let actor = session.signed_in.actor()?.clone();
    let refreshed = match (address, bytes) {
        // What an address gives is not an upload: it is read as JSON and kept sealed, never run.
        (Some(url), _) => state.run(move |vault| vault.refresh_desk_table_from(&actor, table, &url)).await,
        (None, Some(file)) => {
            let bytes = scanned(&state, &session, "desk table", file.bytes).await?;
            state.run(move |vault| vault.refresh_desk_table(&actor, table, &bytes)).await
        }
        (None, None) => return Err(no_file(&session)),
    };
    match refreshed {
        Ok(_) => Ok(Redirect::to("/desk/devices?done=refreshed").into_response()),
        Err(AppError::Conflict(why)) => {
            let report = html! { p.error role="alert" { (crate::web::i18n::reason(language, &why)) } };
            let mut response = render_list(&state, &session, None, &DeviceForm::default(), &FieldErrors::default(), Some(report)).await?;
            *response.status_mut() = axum::http::StatusCode::UNPROCESSABLE_ENTITY;
            Ok(response)
        }
        Err(other) => Err(other.into()),
    }
}
