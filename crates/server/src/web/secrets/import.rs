//! Importing a password manager's or a browser's CSV export on the vault's page: read into
//! memory, scanned by ClamAV, then every entry added or none, each bad row named by its line and
//! column. The page reminds the person to delete the export afterwards.

use std::sync::Arc;

use axum::Router;
use axum::extract::{DefaultBodyLimit, Multipart, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::post;
use maud::{Markup, html};
use strongroom_app::AppError;
use strongroom_app::desk::RowProblem;
use strongroom_app::secrets::MAX_IMPORT_BYTES;
use strongroom_domain::{Language, Permission, Share, ShareLevel, Sharee};

use super::words::{SHARE_ROLES, level_name};
use super::{Z, z};
use crate::ServerState;
use crate::web::file_form::{read_form, scanned};
use crate::web::parts::today;
use crate::web::{PageError, Ready, Session, csrf_field};

pub fn routes() -> Router<Arc<ServerState>> {
    Router::new()
        .route("/secrets/import", post(import).layer(DefaultBodyLimit::max(MAX_IMPORT_BYTES + 64 * 1024)))
        .route("/secrets/export", post(export))
}

/// The owner's export button.
pub fn export_form(language: Language, session: &Session) -> Markup {
    html! {
        h2 id="export" { (z(language, Z::ExportTitle)) }
        p.muted { (z(language, Z::ExportHint)) }
        form method="post" action="/secrets/export" {
            (csrf_field(&session.csrf))
            button.secondary type="submit" { (z(language, Z::ExportButton)) }
        }
    }
}

/// Every password as a Bitwarden CSV file: the owner's, after a step-up; recorded.
async fn export(
    State(state): State<Arc<ServerState>>,
    Ready(session): Ready,
    crate::web::form::Form(form): crate::web::form::Form<crate::web::CsrfOnly>,
) -> Result<Response, PageError> {
    session.check_csrf(&state, &form.csrf)?;
    crate::web::allowed_to(&session, Permission::SettingsManage, z(session.signed_in.language(), Z::OnlyShared))?;
    let actor = session.signed_in.actor()?.clone();
    let csv = match state.run(move |vault| vault.export_secrets(&actor)).await {
        Err(AppError::StepUpRequired) => return Err(PageError::StepUp("/secrets".into())),
        other => other?,
    };
    let headers = [
        (axum::http::header::CONTENT_TYPE, "text/csv; charset=utf-8"),
        (axum::http::header::CONTENT_DISPOSITION, "attachment; filename=\"strongroom-passwords.csv\""),
    ];
    // Moved out, not copied: the export's text is wiped where it was made.
    let mut csv = csv;
    Ok((headers, std::mem::take(&mut *csv)).into_response())
}

fn may_import(session: &Session) -> Result<(), PageError> {
    crate::web::allowed_to(session, Permission::SecretManage, z(session.signed_in.language(), Z::OnlyShared))
}

/// The import form, for those who add entries.
pub fn form(language: Language, session: &Session) -> Markup {
    html! {
        h2 id="import" { (z(language, Z::ImportTitle)) }
        p.muted { (z(language, Z::ImportHint)) }
        form method="post" action="/secrets/import" enctype="multipart/form-data" {
            (csrf_field(&session.csrf))
            @for role in SHARE_ROLES {
                @let name = format!("share_{}", role.as_str());
                label for={ "import-" (name) } { (crate::web::parts::role_name(language, role)) }
                select id={ "import-" (name) } name=(name) {
                    option value="" { (z(language, Z::NotShared)) }
                    @for level in ShareLevel::ALL { option value=(level.as_str()) { (level_name(language, level)) } }
                }
            }
            label for="export-file" { (z(language, Z::ExportFile)) }
            input type="file" id="export-file" name="file" accept=".csv,text/csv" required;
            button type="submit" { (z(language, Z::Import)) }
        }
    }
}

/// The rows refused, each by line and column.
pub fn problems(language: Language, problems: &[RowProblem]) -> Markup {
    html! {
        div.warning role="alert" {
            p { strong { (z(language, Z::ImportRefused)) } }
            table {
                thead { tr { th { (z(language, Z::Line)) } th { (z(language, Z::Column)) } th { (z(language, Z::Problem)) } } }
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
    let (fields, file) = read_form(&state, &session, form, MAX_IMPORT_BYTES, may_import).await?;
    let language = session.signed_in.language();
    let file = file.ok_or_else(|| PageError::BadRequest(crate::web::i18n::tr(language, crate::web::i18n::T::NoFile).to_owned()))?;
    let mut shares = Vec::new();
    for role in SHARE_ROLES {
        let name = format!("share_{}", role.as_str());
        if let Some((_, level)) = fields.iter().find(|(field, _)| *field == name).filter(|(_, level)| !level.is_empty()) {
            let level = ShareLevel::parse(level).map_err(|problem| PageError::BadRequest(problem.to_string()))?;
            shares.push(Share { with: Sharee::Role(role), level });
        }
    }
    let bytes = zeroize::Zeroizing::new(scanned(&state, &session, "password export", file.bytes).await?);
    let actor = session.signed_in.actor()?.clone();
    match state.run(move |vault| vault.import_secrets(&actor, &bytes, &shares, today())).await {
        Ok(counts) => {
            let left = counts.notes_left_out + counts.empty_left_out;
            Ok(Redirect::to(&format!("/secrets?imported={}&left={left}", counts.imported)).into_response())
        }
        Err(AppError::RowsRejected { problems: rows, .. }) => {
            super::render_list_with(&state, &session, Some(problems(language, &rows))).await
        }
        Err(other) => Err(other.into()),
    }
}
