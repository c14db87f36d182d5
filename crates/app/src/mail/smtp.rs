//! One conversation with the shop's mail server, through lettre's SMTP connection: connect (TLS
//! from the first byte, or STARTTLS before anything else is said, or plain to this machine
//! only), sign in, then per message the envelope first and the text after, so the outbox can
//! mark a message between the two: a server that has said "go ahead" but not yet seen the text
//! has taken nothing.

use std::time::Duration;

use lettre::message::header::ContentType;
use lettre::message::{Mailbox, Message};
use lettre::transport::smtp::authentication::{Credentials, Mechanism};
use lettre::transport::smtp::client::{Certificate, SmtpConnection, TlsParameters};
use lettre::transport::smtp::commands::{Data, Mail, Rcpt};
use lettre::transport::smtp::extension::{ClientId, Extension, MailBodyParameter, MailParameter};
use strongroom_domain::{EmailAddress, MailSecurity, MailSettings};
use zeroize::Zeroizing;

/// How long one step of the conversation may take before the server counts as gone.
const TIMEOUT: Duration = Duration::from_secs(20);

/// The settings with what they need to sign in.
#[derive(Clone)]
pub(crate) struct Account {
    pub(crate) settings: MailSettings,
    pub(crate) password: Option<Zeroizing<String>>,
    /// A CA certificate (PEM) the shop trusts for its own mail server, beside the system's.
    pub(crate) trusted_ca: Option<String>,
}

impl std::fmt::Debug for Account {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Account").field("settings", &self.settings).field("password", &self.password.as_ref().map(|_| "…")).finish()
    }
}

/// Why the server did not take a message.
#[derive(Clone, PartialEq, Eq, Debug)]
pub(crate) enum Fault {
    /// The server answered no: for good (5xx), or for now (4xx).
    Refused { permanent: bool, text: String },
    /// The server could not be reached, refused the shop's account or sender, or the connection
    /// broke or timed out before the text: nothing more can be sent on it, and nothing was taken.
    Broken(String),
    /// The whole text was handed over but no answer came (the connection broke or timed out
    /// after it): the server may have taken it, so it must not be sent again by itself.
    Unanswered(String),
}

impl Fault {
    pub(crate) fn text(&self) -> &str {
        match self {
            Fault::Refused { text, .. } | Fault::Broken(text) | Fault::Unanswered(text) => text,
        }
    }

    /// The server's reply code, where it gave one ("permanent error (550): …").
    pub(crate) fn code(&self) -> Option<&str> {
        let Fault::Refused { text, .. } = self else { return None };
        text.split(|c: char| !c.is_ascii_digit()).find(|part| part.len() == 3)
    }

    fn from(error: lettre::transport::smtp::Error) -> Fault {
        let text = error.to_string();
        if error.is_permanent() {
            Fault::Refused { permanent: true, text }
        } else if error.is_transient() {
            Fault::Refused { permanent: false, text }
        } else {
            Fault::Broken(text)
        }
    }
}

/// A message ready for the server: its envelope and its bytes.
#[derive(Debug)]
pub(crate) struct Outgoing {
    from: EmailAddress,
    to: EmailAddress,
    bytes: Vec<u8>,
}

impl Outgoing {
    /// A plain-text message; `id` (the outbox row's) becomes its Message-ID.
    pub(crate) fn new(from: &EmailAddress, to: &EmailAddress, subject: &str, body: &str, id: uuid::Uuid) -> Result<Outgoing, Fault> {
        let mailbox = |address: &EmailAddress| {
            address.as_str().parse::<Mailbox>().map_err(|error| Fault::Refused { permanent: true, text: format!("address: {error}") })
        };
        let domain = from.as_str().rsplit_once('@').map_or("strongroom.invalid", |(_, domain)| domain);
        let message = Message::builder()
            .from(mailbox(from)?)
            .to(mailbox(to)?)
            .subject(subject)
            .message_id(Some(format!("<{id}@{domain}>")))
            .header(ContentType::TEXT_PLAIN)
            .body(body.to_owned())
            .map_err(|error| Fault::Refused { permanent: true, text: error.to_string() })?;
        Ok(Outgoing { from: from.clone(), to: to.clone(), bytes: message.formatted() })
    }
}

/// A message's text as the DATA command carries it (RFC 5321 4.5.2): every line ends in CRLF,
/// a line that starts with a dot gets another, and a line with one dot ends it.
struct DataText<'a>(&'a str);

impl std::fmt::Display for DataText<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = self.0.strip_suffix('\n').unwrap_or(self.0);
        for line in text.split('\n') {
            let line = line.strip_suffix('\r').unwrap_or(line);
            if line.starts_with('.') {
                f.write_str(".")?;
            }
            f.write_str(line)?;
            f.write_str("\r\n")?;
        }
        f.write_str(".\r\n")
    }
}

/// An open, signed-in connection.
pub(crate) struct Smtp {
    connection: SmtpConnection,
}

impl std::fmt::Debug for Smtp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Smtp")
    }
}

impl Smtp {
    pub(crate) fn connect(account: &Account) -> Result<Smtp, Fault> {
        let settings = &account.settings;
        let host = settings.host.as_str();
        let hello = ClientId::Domain(settings.from.as_str().rsplit_once('@').map_or("localhost", |(_, domain)| domain).to_owned());
        let tls = || -> Result<TlsParameters, Fault> {
            let mut builder = TlsParameters::builder(host.to_owned());
            if let Some(pem) = &account.trusted_ca {
                let certificate =
                    Certificate::from_pem(pem.as_bytes()).map_err(|error| Fault::Broken(format!("the trusted CA certificate: {error}")))?;
                builder = builder.add_root_certificate(certificate);
            }
            builder.build_rustls().map_err(|error| Fault::Broken(format!("TLS: {error}")))
        };
        let address = (host, settings.port);
        let mut connection = match settings.security {
            MailSecurity::Tls => SmtpConnection::connect(address, Some(TIMEOUT), &hello, Some(&tls()?), None),
            MailSecurity::StartTls | MailSecurity::None => SmtpConnection::connect(address, Some(TIMEOUT), &hello, None, None),
        }
        .map_err(|error| Fault::Broken(format!("cannot reach {host}:{}: {error}", settings.port)))?;
        if settings.security == MailSecurity::StartTls {
            if !connection.can_starttls() {
                connection.abort();
                return Err(Fault::Broken(format!("{host} does not offer STARTTLS, so nothing was sent unencrypted")));
            }
            connection.starttls(&tls()?, &hello).map_err(Fault::from)?;
        }
        if let (Some(user), Some(password)) = (&settings.user, &account.password) {
            let credentials = Credentials::new(user.clone(), password.as_str().to_owned());
            connection.auth(&[Mechanism::Plain, Mechanism::Login], &credentials).map_err(|error| {
                let fault = Fault::from(error);
                Fault::Broken(format!("signing in as {user} failed: {}", fault.text()))
            })?;
        }
        Ok(Smtp { connection })
    }

    /// Gives the server the envelope and asks to send the text: after this the server waits
    /// for the text, and has taken nothing yet.
    pub(crate) fn offer(&mut self, message: &Outgoing) -> Result<(), Fault> {
        let mut options = Vec::new();
        if !message.bytes.is_ascii() && self.connection.server_info().supports_feature(Extension::EightBitMime) {
            options.push(MailParameter::Body(MailBodyParameter::EightBitMime));
        }
        let parse = |address: &EmailAddress| {
            address.as_str().parse().map_err(|error| Fault::Refused { permanent: true, text: format!("address: {error}") })
        };
        // A refusal of the sender or of the message as such holds for every message: stop there,
        // leaving them queued, rather than fail each one for good.
        let stage = |what: &'static str| {
            move |error: lettre::transport::smtp::Error| match Fault::from(error) {
                Fault::Refused { text, .. } => Fault::Broken(format!("the mail server refused {what}: {text}")),
                other => other,
            }
        };
        self.connection.command(Mail::new(Some(parse(&message.from)?), options)).map_err(stage("the shop's sender"))?;
        self.connection.command(Rcpt::new(parse(&message.to)?, Vec::new())).map_err(Fault::from)?;
        self.connection.command(Data).map_err(stage("to take a message"))?;
        Ok(())
    }

    /// Hands the text over; `Ok` once the server has said it took it. The text and the line
    /// that ends it go in one write: written apart, the small last write waits for the
    /// server's delayed acknowledgement of the first (Nagle), some 40 ms a message.
    pub(crate) fn hand_over(&mut self, message: &Outgoing) -> Result<String, Fault> {
        let response = match std::str::from_utf8(&message.bytes) {
            Ok(text) => self.connection.command(DataText(text)),
            Err(_) => self.connection.message(&message.bytes),
        }
        .map_err(|error| match Fault::from(error) {
            // Without a reply code the server may have taken it before the connection went.
            Fault::Broken(text) => Fault::Unanswered(text),
            answered => answered,
        })?;
        Ok(response.code().to_string())
    }

    /// Whether the connection can carry another message.
    pub(crate) fn is_usable(&self) -> bool {
        !self.connection.has_broken()
    }

    pub(crate) fn quit(mut self) {
        let _ = self.connection.quit();
    }

    /// Closes the connection without a word (a QUIT in the middle of a message would be read
    /// as its text): the server discards a message it has not had the end of.
    pub(crate) fn abort(self) {
        drop(self.connection);
    }
}

/// Sends one message at once (the settings' test), start to end.
pub(crate) fn send_now(account: &Account, message: &Outgoing) -> Result<String, Fault> {
    let mut smtp = Smtp::connect(account)?;
    smtp.offer(message)?;
    let answer = smtp.hand_over(message)?;
    smtp.quit();
    Ok(answer)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_text_ends_with_a_lone_dot_and_its_own_dots_are_doubled() {
        assert_eq!(
            DataText("Subject: x\r\n\r\nHello\r\n.\r\n..and\nbare\r\n").to_string(),
            "Subject: x\r\n\r\nHello\r\n..\r\n...and\r\nbare\r\n.\r\n"
        );
        assert_eq!(DataText("no newline").to_string(), "no newline\r\n.\r\n");
    }

    #[test]
    fn a_faults_code_is_the_servers_three_digits() {
        let fault = |text: &str| Fault::Refused { permanent: true, text: text.into() };
        assert_eq!(fault("permanent error (550): 5.1.1 user unknown").code(), Some("550"));
        assert_eq!(fault("451 4.3.0 try later").code(), Some("451"));
        assert_eq!(Fault::Broken("cannot reach 127.0.0.1:2525: refused".into()).code(), None);
    }
}
