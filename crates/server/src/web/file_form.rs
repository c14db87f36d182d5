//! Forms that carry one small file beside their fields (a device list, a table, an evidence
//! file), read whole into memory: the CSRF token and the person's right are checked before a
//! byte of the file is read, and a file over its limit is refused as it arrives.

use std::sync::Arc;

use axum::extract::Multipart;

use strongroom_app::AppError;
use strongroom_app::antivirus::InMemory;

use super::{PageError, Session};
use crate::ServerState;

/// The file of a form: the name the browser gave it, and its bytes.
pub struct FormFile {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// A multipart form's small fields and its one file (at most `max` bytes): the CSRF token first,
/// checked before a byte of the file is read, and the person's right (`may`) with it.
pub async fn read_form(
    state: &Arc<ServerState>,
    session: &Session,
    mut form: Multipart,
    max: usize,
    may: fn(&Session) -> Result<(), PageError>,
) -> Result<(Vec<(String, String)>, Option<FormFile>), PageError> {
    let bad = |error: axum::extract::multipart::MultipartError| PageError::BadRequest(error.body_text());
    let (mut checked, mut fields, mut file) = (false, Vec::new(), None);
    while let Some(mut field) = form.next_field().await.map_err(bad)? {
        match field.name().map(str::to_owned).as_deref() {
            Some("csrf") => {
                session.check_csrf(state, &field.text().await.map_err(bad)?)?;
                may(session)?;
                checked = true;
            }
            Some("file") if checked && file.is_none() => {
                let name = field.file_name().unwrap_or_default().to_owned();
                let mut bytes = Vec::new();
                while let Some(chunk) = field.chunk().await.map_err(bad)? {
                    if bytes.len() + chunk.len() > max {
                        return Err(PageError::BadRequest(format!("the file is larger than {} MB", max / (1024 * 1024))));
                    }
                    bytes.extend_from_slice(&chunk);
                }
                file = Some(FormFile { name, bytes });
            }
            Some(name) if checked && name != "file" => {
                let value = field.text().await.map_err(bad)?;
                fields.push((name.to_owned(), value.chars().take(2000).collect()));
            }
            _ => return Err(PageError::Csrf),
        }
    }
    if !checked {
        return Err(PageError::Csrf);
    }
    Ok((fields, file.filter(|file| !file.bytes.is_empty())))
}

/// Scans `bytes` with ClamAV (`what` names it in the trail); an infected or unscannable file
/// goes no further.
pub async fn scanned(state: &Arc<ServerState>, session: &Session, what: &'static str, bytes: Vec<u8>) -> Result<Vec<u8>, PageError> {
    let actor = session.signed_in.actor()?.clone();
    state
        .run(move |vault| {
            vault.scan_upload(&actor, what, &InMemory(&bytes))?;
            Ok::<_, AppError>(bytes)
        })
        .await
        .map_err(PageError::from)
}
