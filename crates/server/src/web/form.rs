//! The forms of the pages, read strictly: a field whose bytes are not UTF-8 is refused by name,
//! as the API and the CSV import refuse one, instead of being stored with U+FFFD where the
//! bytes were (what `application/x-www-form-urlencoded` decoding does by default).

use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::header;
use serde::de::DeserializeOwned;

use super::PageError;

/// A form body, parsed into `T` only once every field name and value is UTF-8 text.
#[derive(Debug)]
pub struct Form<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for Form<T> {
    type Rejection = PageError;

    async fn from_request(request: Request, state: &S) -> Result<Form<T>, PageError> {
        let form_encoded = request.headers().get(header::CONTENT_TYPE).and_then(|value| value.to_str().ok()).is_some_and(|value| {
            value.split(';').next().is_some_and(|kind| kind.trim().eq_ignore_ascii_case("application/x-www-form-urlencoded"))
        });
        if !form_encoded {
            return Err(PageError::BadRequest("the form was not sent as a form (application/x-www-form-urlencoded)".into()));
        }
        let body = Bytes::from_request(request, state).await.map_err(|rejection| PageError::BadRequest(rejection.body_text()))?;
        if let Some(field) = field_not_utf8(&body) {
            return Err(PageError::BadRequest(format!("{field}: is not valid text (UTF-8); nothing was saved")));
        }
        serde_urlencoded::from_bytes(&body).map(Form).map_err(|_| PageError::BadRequest("the form could not be read".into()))
    }
}

/// The name of the first field whose name or value, percent-decoded, is not UTF-8.
fn field_not_utf8(body: &[u8]) -> Option<String> {
    for pair in body.split(|&byte| byte == b'&').filter(|pair| !pair.is_empty()) {
        let (name, value) = match pair.iter().position(|&byte| byte == b'=') {
            Some(at) => (&pair[..at], &pair[at + 1..]),
            None => (pair, &pair[pair.len()..]),
        };
        let name = decode(name);
        let Ok(name) = String::from_utf8(name) else {
            return Some("a field's name".to_owned());
        };
        if std::str::from_utf8(&decode(value)).is_err() {
            return Some(name);
        }
    }
    None
}

/// Percent-decodes one part of a form body (`+` is a space), leaving a malformed `%` as it is.
fn decode(part: &[u8]) -> Vec<u8> {
    let hex = |byte: u8| (byte as char).to_digit(16).map(|digit| digit as u8);
    let mut out = Vec::with_capacity(part.len());
    let mut at = 0;
    while at < part.len() {
        match part[at] {
            b'+' => out.push(b' '),
            b'%' if at + 2 < part.len() => match (hex(part[at + 1]), hex(part[at + 2])) {
                (Some(high), Some(low)) => {
                    out.push(high << 4 | low);
                    at += 2;
                }
                _ => out.push(b'%'),
            },
            byte => out.push(byte),
        }
        at += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_field_with_bytes_that_are_not_utf8_is_named() {
        assert_eq!(field_not_utf8(b"name=Anna&notes=caf%C3%A9&csrf=x"), None);
        assert_eq!(field_not_utf8(b"name=Anna&notes=caf%E9&csrf=x").as_deref(), Some("notes"));
        assert_eq!(field_not_utf8(b"name=%FF%FE").as_deref(), Some("name"));
        assert_eq!(field_not_utf8(b"%FF=x").as_deref(), Some("a field's name"));
        assert_eq!(field_not_utf8(b"name=100%25+sure&x=%&y=%4"), None, "a stray % is text, not a byte");
        assert_eq!(decode(b"a+b%20c%2"), b"a b c%2");
    }
}
