//! `strongroom mail …` and the customers' letters, against a real SMTP server: Debian's
//! aiosmtpd (`.ci/run` installs it), with a handler that keeps every message in a maildir and
//! refuses some recipients the way real servers do. Without aiosmtpd these tests are skipped,
//! except in CI, where that is a failure.

use std::collections::BTreeMap;
use std::net::TcpListener;
use std::process::{Child, Stdio};

use super::backup::json_of;
use super::*;

/// The handler: a maildir, with `nobody…@` refused for good (550), `later…@` for now (451), the
/// connection dropped before the text for `cut…@`, and after the whole text, without an answer,
/// for `drop…@`.
const HANDLER: &str = r#"
from aiosmtpd.handlers import Mailbox
class Shop(Mailbox):
    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        local = address.split('@')[0]
        if local.startswith('nobody'):
            return '550 5.1.1 <%s>: Recipient address rejected: User unknown' % address
        if local.startswith('later'):
            return '451 4.3.0 <%s>: try again later' % address
        if local.startswith('cut'):
            server.transport.close()
            return '421 4.3.2 gone'
        envelope.rcpt_tos.append(address)
        return '250 OK'

    async def handle_DATA(self, server, session, envelope):
        if any(address.startswith('drop') for address in envelope.rcpt_tos):
            server.transport.close()
            return '421 4.3.2 gone'
        return await super().handle_DATA(server, session, envelope)
"#;

struct SmtpServer {
    child: Child,
    port: u16,
    maildir: PathBuf,
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl SmtpServer {
    /// Starts aiosmtpd on a free loopback port; `None` (the test skips) where it is missing.
    fn start(dir: &Path) -> Option<SmtpServer> {
        SmtpServer::start_with(dir, &[])
    }

    /// … with `extra` arguments (`--tlscert`, `--tlskey` for STARTTLS).
    fn start_with(dir: &Path, extra: &[&str]) -> Option<SmtpServer> {
        let python = Path::new("/usr/bin/python3");
        let installed = python.exists()
            && Command::new(python).args(["-c", "import aiosmtpd"]).stderr(Stdio::null()).status().is_ok_and(|status| status.success());
        if !installed {
            assert_ne!(std::env::var("CI").as_deref(), Ok("true"), "CI must install python3-aiosmtpd (.ci/run does)");
            eprintln!("aiosmtpd is not installed here; skipped (CI runs this)");
            return None;
        }
        std::fs::write(dir.join("shop_smtp.py"), HANDLER).unwrap();
        let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let maildir = dir.join("maildir");
        let child = Command::new(python)
            .args(["-m", "aiosmtpd", "-n", "-l", &format!("127.0.0.1:{port}")])
            .args(extra)
            .args(["-c", "shop_smtp.Shop"])
            .arg(&maildir)
            .env("PYTHONPATH", dir)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let server = SmtpServer { child, port, maildir };
        for _ in 0..100 {
            if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
                return Some(server);
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        panic!("aiosmtpd did not start on port {port}");
    }

    /// How many messages the server has taken.
    fn count(&self) -> usize {
        std::fs::read_dir(self.maildir.join("new")).map_or(0, Iterator::count)
    }

    /// Every message the server took, as text.
    fn messages(&self) -> Vec<String> {
        let Ok(entries) = std::fs::read_dir(self.maildir.join("new")) else { return Vec::new() };
        entries.map(|entry| std::fs::read_to_string(entry.unwrap().path()).unwrap()).collect()
    }

    /// How many messages each recipient (the `To:` header) got.
    fn per_recipient(&self) -> BTreeMap<String, usize> {
        let mut counts = BTreeMap::new();
        for message in self.messages() {
            let to = message.lines().find_map(|line| line.strip_prefix("To: ")).unwrap_or_default().to_owned();
            *counts.entry(to).or_default() += 1;
        }
        counts
    }
}

impl Shop {
    fn set_mail(&self, server: &SmtpServer) {
        let port = server.port.to_string();
        let args = ["mail", "set", "--host", "127.0.0.1", "--port", &port, "--security", "none", "--from", "shop@example.com"];
        let mut args = args.to_vec();
        args.extend(["--alert", "owner@example.com", "--json"]);
        self.json(&args);
    }

    /// An incident whose evidence is every customer this CLI account touched today.
    pub(super) fn breach_with_impact(&self) -> String {
        let id = self.json(&["incident", "report", "--kind", "lost-device", "--summary", "Laptop stolen", "--json"])["id"]
            .as_str()
            .unwrap()
            .to_owned();
        let me = self.json(&["audit", "log", "--json"])[0]["actor"].as_str().unwrap().to_owned();
        let today = time::OffsetDateTime::now_utc().date();
        let (since, until) = (today.to_string(), (today + time::Duration::days(1)).to_string());
        self.json(&["incident", "impact", &id, "--actor", &me, "--since", &since, "--until", &until, "--json"]);
        id
    }

    pub(super) fn letter_file(&self) -> PathBuf {
        let path = self.dir.path().join("letter.txt");
        std::fs::write(&path, "Dear [name],\n\nA laptop of ours with your contact details was stolen. The data on it was not encrypted.\n")
            .unwrap();
        path
    }
}

#[test]
fn mail_is_set_tested_and_letters_go_once_each_with_refusals_kept() {
    let shop = Shop::new();
    let Some(server) = SmtpServer::start(shop.dir.path()) else { return };
    shop.init();
    let remote = shop.run(&["mail", "set", "--host", "smtp.example.com", "--security", "none", "--from", "shop@example.com"]);
    assert_eq!(remote.status.code(), Some(1));
    assert!(stderr(&remote).contains("security"), "{}", stderr(&remote));
    assert_eq!(shop.json(&["mail", "show", "--json"])["configured"], false);

    shop.set_mail(&server);
    let password = shop.dir.path().join("smtp-password");
    std::fs::write(&password, "correct horse battery staple\n").unwrap();
    let port = server.port.to_string();
    let with_user = [
        "mail",
        "set",
        "--host",
        "127.0.0.1",
        "--port",
        &port,
        "--security",
        "none",
        "--from",
        "shop@example.com",
        "--alert",
        "owner@example.com",
        "--user",
        "shop",
        "--password-file",
        password.to_str().unwrap(),
        "--json",
    ];
    let shown = shop.json(&with_user);
    assert_eq!((shown["has_password"].as_bool(), shown["port"].as_u64()), (Some(true), Some(u64::from(server.port))));
    assert!(!shown.to_string().contains("battery"), "the password is never shown");
    for (file, bytes) in vault_files(&shop) {
        assert!(!String::from_utf8_lossy(&bytes).contains("battery staple"), "the password is sealed: {file}");
    }
    // aiosmtpd offers no AUTH over a plain connection: the account goes again for the rest.
    shop.set_mail(&server);
    assert_eq!(shop.json(&["mail", "show", "--json"])["has_password"], false, "no account, no password kept");

    let tested = shop.json(&["mail", "test", "--to", "owner@example.com", "--json"]);
    assert_eq!(tested["sent"], true);
    assert_eq!(server.per_recipient().get("owner@example.com"), Some(&1));

    for (name, email) in [("Anna Jansen", Some("anna@example.com")), ("Bram de Vries", None), ("Nobody Known", Some("nobody@example.com"))]
    {
        let mut args = vec!["customer", "add", "--name", name, "--json"];
        if let Some(email) = email {
            args.extend(["--email", email]);
        }
        let id = shop.json(&args)["id"].as_str().unwrap().to_owned();
        shop.json(&["customer", "show", &id, "--purpose", "sale", "--json"]);
    }
    let id = shop.breach_with_impact();
    let letter = shop.letter_file();
    let send = ["incident", "send-letters", &id, "--subject", "About your data", "--body-file", letter.to_str().unwrap(), "--json"];
    let queued = shop.json(&send);
    assert_eq!((queued["queued"].as_u64(), queued["already"].as_u64()), (Some(2), Some(0)), "{queued}");
    assert_eq!(queued["without_address"].as_array().unwrap().len(), 1, "Bram has no address: a letter by post");
    let again = shop.json(&send);
    assert_eq!((again["queued"].as_u64(), again["already"].as_u64()), (Some(0), Some(2)), "never queued twice: {again}");
    // Each sending keeps the text as a version; a letter to the authority kept as sent is a phase.
    assert_eq!((queued["version"].as_i64(), again["version"].as_i64()), (Some(1), None), "a send that queued nobody is no version");
    let phase = ["incident", "save-letter", &id, "--to", "authority", "--lang", "nl", "--subject", "Melding datalek", "--body-file"];
    let mut phase = phase.to_vec();
    phase.extend([letter.to_str().unwrap(), "--sent", "--json"]);
    assert_eq!(shop.json(&phase)["version"], 2);
    let shown = shop.json(&["incident", "show", &id, "--json"]);
    let kept = shown["letters"].as_array().unwrap();
    assert_eq!(kept.len(), 2, "{shown}");
    assert_eq!((kept[1]["to"].as_str(), kept[1]["lang"].as_str()), (Some("authority"), Some("nl")));
    assert!(kept[1]["sent_at"].is_string() && kept[0]["sent_at"].is_string(), "{shown}");
    assert!(!shown.to_string().contains("laptop of ours"), "the register lists versions, never their text");

    let delivered = shop.json(&["mail", "send", "--json"]);
    // Anna's letter and the alert about the report went; nobody@ was refused for good.
    assert_eq!((delivered["sent"].as_u64(), delivered["refused"].as_u64()), (Some(2), Some(1)), "{delivered}");
    assert_eq!(delivered["waiting"], 0);
    let received = server.per_recipient();
    assert_eq!(received.get("anna@example.com"), Some(&1), "{received:?}");
    assert_eq!(received.get("owner@example.com"), Some(&2), "the test and the alert: {received:?}");
    let anna = server.messages().into_iter().find(|message| message.contains("To: anna@example.com")).unwrap();
    assert!(anna.contains("Dear Anna Jansen,") && anna.contains("Subject: About your data"), "{anna}");
    let alert = server.messages().into_iter().find(|message| message.contains("a problem was reported")).unwrap();
    assert!(!alert.contains("Laptop stolen"), "an alert never carries the reporter's words: {alert}");

    let outbox = shop.json(&["mail", "outbox", "--incident", &id, "--json"]);
    let messages = outbox["messages"].as_array().unwrap();
    let failed = messages.iter().find(|message| message["state"] == "failed").unwrap();
    let reason = failed["reason"].as_str().unwrap();
    assert!(reason.contains("550") && !reason.contains("nobody@"), "the server's words, its address blanked: {reason}");
    assert!(failed["to"].is_null(), "a customer's address is not opened for a list");
    // Queued again by a person (the address corrected at the customer, say), it is refused again.
    let retried = shop.run(&["mail", "retry", failed["id"].as_str().unwrap()]);
    assert!(retried.status.success(), "{}", stderr(&retried));
    assert_eq!(shop.json(&["mail", "send", "--json"])["refused"], 1);
    let sent_one = messages.iter().find(|message| message["state"] == "sent").unwrap();
    assert_eq!(shop.run(&["mail", "retry", sent_one["id"].as_str().unwrap()]).status.code(), Some(1), "a sent letter stays sent");

    // Each letter that went is a recorded disclosure of that customer's name and address.
    let log = shop.json(&["audit", "log", "--json"]);
    let sends: Vec<&serde_json::Value> = log.as_array().unwrap().iter().filter(|event| event["action"] == "mail.send").collect();
    assert!(sends.iter().any(|event| event["target_kind"] == "customer" && event["purpose"] == "security_incident"), "{sends:?}");

    // Nothing of the letters or the settings is readable in the data directory.
    for (file, bytes) in vault_files(&shop) {
        let text = String::from_utf8_lossy(&bytes);
        for secret in ["Dear Anna", "anna@example.com", "owner@example.com", "A laptop of ours"] {
            assert!(!text.contains(secret), "{secret} in {file}");
        }
    }
}

#[test]
fn an_unreachable_server_keeps_the_letters_queued_with_the_reason() {
    let shop = Shop::new();
    let Some(server) = SmtpServer::start(shop.dir.path()) else { return };
    shop.init();
    shop.set_mail(&server);
    let id = shop.json(&["customer", "add", "--name", "Anna Jansen", "--email", "later@example.com", "--json"])["id"]
        .as_str()
        .unwrap()
        .to_owned();
    shop.json(&["customer", "show", &id, "--purpose", "sale", "--json"]);
    let incident = shop.breach_with_impact();
    let letter = shop.letter_file();
    shop.json(&["incident", "send-letters", &incident, "--subject", "About your data", "--body-file", letter.to_str().unwrap(), "--json"]);
    // "Not now" (451): queued still, the reason kept.
    let later = shop.json(&["mail", "send", "--json"]);
    assert_eq!((later["sent"].as_u64(), later["waiting"].as_u64()), (Some(1), Some(1)), "the alert went, the letter waits: {later}");
    drop(server);
    let unreachable = shop.json(&["mail", "send", "--json"]);
    assert_eq!((unreachable["sent"].as_u64(), unreachable["waiting"].as_u64()), (Some(0), Some(1)), "{unreachable}");
    assert!(unreachable["stopped"].as_str().unwrap().contains("cannot reach"), "{unreachable}");
    let outbox = shop.json(&["mail", "outbox", "--json"]);
    let letter = outbox["messages"].as_array().unwrap().iter().find(|message| message["kind"] == "letter").unwrap().clone();
    assert_eq!((letter["state"].as_str(), letter["attempts"].as_u64()), (Some("queued"), Some(2)), "{letter}");
    assert!(letter["reason"].as_str().unwrap().contains("cannot reach"), "{letter}");
}

#[test]
fn a_sender_killed_mid_queue_and_started_again_sends_each_customer_one_letter() {
    let shop = Shop::new();
    let Some(server) = SmtpServer::start(shop.dir.path()) else { return };
    shop.init();
    shop.set_mail(&server);
    let csv = shop.customers_csv(1000);
    let imported = shop.run(&["import", "customers", csv.to_str().unwrap()]);
    assert!(imported.status.success(), "{}", stderr(&imported));
    let incident = shop.breach_with_impact();
    let letter = shop.letter_file();
    let queued = shop.json(&[
        "incident",
        "send-letters",
        &incident,
        "--subject",
        "About your data",
        "--body-file",
        letter.to_str().unwrap(),
        "--json",
    ]);
    assert_eq!(queued["queued"], 1000, "{queued}");

    let mut sender = Command::new(env!("CARGO_BIN_EXE_strongroom"))
        .arg("--data-dir")
        .arg(shop.data_dir())
        .arg("--key-file")
        .arg(shop.key_file())
        .args(["mail", "send"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let started = std::time::Instant::now();
    while server.count() < 300 && started.elapsed() < std::time::Duration::from_secs(60) {
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    sender.kill().unwrap();
    sender.wait().unwrap();
    let before = server.count();
    assert!((300..1000).contains(&before), "killed half-way: {before} delivered");

    let rest = shop.json(&["mail", "send", "--json"]);
    assert_eq!(rest["waiting"], 0, "{rest}");
    let received = server.per_recipient();
    assert!(received.values().all(|count| *count == 1), "nobody got a letter twice");
    // A message the killed sender was handing over stays "unconfirmed" for a person to check:
    // at most that one, and its customer got it or did not, never twice.
    let unconfirmed = rest["unconfirmed"].as_u64().unwrap();
    assert!(unconfirmed <= 1, "{rest}");
    let letters = received.keys().filter(|to| to.starts_with("customer")).count() as u64;
    assert!(letters == 1000 || (unconfirmed == 1 && letters == 999), "{letters} letters, {unconfirmed} unconfirmed");
}

/// A CA of the shop's own and a certificate it signed for `localhost`, as PEM files in `dir`:
/// (the CA's certificate, the server's certificate, the server's key).
fn shop_ca(dir: &Path) -> (PathBuf, PathBuf, PathBuf) {
    let mut ca = rcgen::CertificateParams::new(Vec::<String>::new()).unwrap();
    ca.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
    ca.key_usages = vec![rcgen::KeyUsagePurpose::KeyCertSign, rcgen::KeyUsagePurpose::CrlSign];
    ca.distinguished_name.push(rcgen::DnType::CommonName, "Juwelier Van Dijk mail CA");
    let ca = rcgen::CertifiedIssuer::self_signed(ca, rcgen::KeyPair::generate().unwrap()).unwrap();
    let key = rcgen::KeyPair::generate().unwrap();
    let server = rcgen::CertificateParams::new(vec!["localhost".to_owned()]).unwrap().signed_by(&key, &ca).unwrap();
    let paths = (dir.join("ca.pem"), dir.join("server.pem"), dir.join("server.key"));
    std::fs::write(&paths.0, ca.pem()).unwrap();
    std::fs::write(&paths.1, server.pem()).unwrap();
    std::fs::write(&paths.2, key.serialize_pem()).unwrap();
    (paths.0, paths.1, paths.2)
}

#[test]
fn starttls_is_required_when_chosen_and_the_servers_certificate_is_checked() {
    let shop = Shop::new();
    let (ca, cert, key) = shop_ca(shop.dir.path());
    let tls_args = ["--tlscert", cert.to_str().unwrap(), "--tlskey", key.to_str().unwrap()];
    let Some(tls_server) = SmtpServer::start_with(shop.dir.path(), &tls_args) else { return };
    shop.init();
    let port = tls_server.port.to_string();
    let set = |extra: &[&str]| {
        let mut args = vec!["mail", "set", "--host", "localhost", "--port", &port, "--security", "starttls", "--from", "shop@example.com"];
        args.extend(extra);
        shop.run(&args)
    };

    // Without the shop's CA the server's certificate is not trusted: nothing is sent.
    assert!(set(&[]).status.success());
    let untrusted = shop.run(&["mail", "test", "--to", "owner@example.com"]);
    assert_eq!(untrusted.status.code(), Some(1));
    assert!(stderr(&untrusted).to_lowercase().contains("certificate"), "{}", stderr(&untrusted));
    assert_eq!(tls_server.count(), 0);

    // With it, the test message goes over STARTTLS.
    assert!(set(&["--ca-file", ca.to_str().unwrap()]).status.success());
    assert_eq!(shop.json(&["mail", "show", "--json"])["has_trusted_ca"], true);
    let tested = shop.json(&["mail", "test", "--to", "owner@example.com", "--json"]);
    assert_eq!(tested["sent"], true, "{tested}");
    assert_eq!(tls_server.count(), 1);

    // A server that does not offer STARTTLS gets nothing: never a silent fall back to plain.
    drop(tls_server);
    let Some(plain) = SmtpServer::start(shop.dir.path()) else { return };
    let before = plain.count(); // the same maildir: the test message above is in it
    let port = plain.port.to_string();
    let args = ["mail", "set", "--host", "localhost", "--port", &port, "--security", "starttls", "--from", "shop@example.com"];
    assert!(shop.run(&args).status.success());
    let refused = shop.run(&["mail", "test", "--to", "owner@example.com"]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(stderr(&refused).contains("does not offer STARTTLS"), "{}", stderr(&refused));
    assert_eq!(plain.count(), before);
}

#[test]
fn a_dropped_connection_never_marks_a_letter_sent_nor_sends_it_twice() {
    let shop = Shop::new();
    let Some(server) = SmtpServer::start(shop.dir.path()) else { return };
    shop.init();
    shop.set_mail(&server);
    for (name, email) in [("Carla Cornelis", "cut@example.com"), ("Dirk Dekker", "drop@example.com")] {
        let id = shop.json(&["customer", "add", "--name", name, "--email", email, "--json"])["id"].as_str().unwrap().to_owned();
        shop.json(&["customer", "show", &id, "--purpose", "sale", "--json"]);
    }
    let incident = shop.breach_with_impact();
    let letter = shop.letter_file();
    shop.json(&["incident", "send-letters", &incident, "--subject", "About your data", "--body-file", letter.to_str().unwrap(), "--json"]);
    let before = server.count();
    // Oldest first: the alert goes, then the connection drops before Carla's text and the run stops.
    let cut = shop.json(&["mail", "send", "--json"]);
    assert_eq!((cut["sent"].as_u64(), cut["waiting"].as_u64(), cut["unconfirmed"].as_u64()), (Some(1), Some(2), Some(0)), "{cut}");
    assert!(cut["stopped"].is_string(), "{cut}");
    let letters = |shop: &Shop| {
        let outbox = shop.json(&["mail", "outbox", "--json"]);
        outbox["messages"].as_array().unwrap().iter().filter(|message| message["kind"] == "letter").cloned().collect::<Vec<_>>()
    };
    let carla = letters(&shop).into_iter().find(|message| message["attempts"] == 1).unwrap();
    assert_eq!(carla["state"], "queued", "dropped before its text: nothing was taken, it goes again: {carla}");
    assert!(carla["reason"].is_string(), "{carla}");
    // Carla's goes on again and drops again (same address); cancel it to let Dirk's go.
    assert!(shop.run(&["mail", "cancel", carla["id"].as_str().unwrap()]).status.success());
    // Dirk's whole text goes, then the server hangs up without an answer: it may have taken it.
    let dropped = shop.json(&["mail", "send", "--json"]);
    assert_eq!((dropped["sent"].as_u64(), dropped["unconfirmed"].as_u64()), (Some(0), Some(1)), "{dropped}");
    let dirk = letters(&shop).into_iter().find(|message| message["state"] == "handing").unwrap();
    assert!(dirk["reason"].is_string(), "{dirk}");
    let again = shop.json(&["mail", "send", "--json"]);
    assert_eq!((again["sent"].as_u64(), again["refused"].as_u64()), (Some(0), Some(0)), "never sent again by itself: {again}");
    assert_eq!(server.count(), before + 1, "only the alert was taken");
    // Just handed over, a person cannot re-queue it yet: a sender may still be at it.
    let early = shop.run(&["mail", "retry", dirk["id"].as_str().unwrap()]);
    assert_eq!(early.status.code(), Some(1));
    assert!(stderr(&early).contains("right now"), "{}", stderr(&early));
    // Each attempt reached the server with the customer's address: recorded against them.
    let log = shop.json(&["audit", "log", "--action", "mail.send", "--json"]);
    let failed = log.as_array().unwrap().iter().filter(|event| event["outcome"] == "failed" && event["target_kind"] == "customer").count();
    assert_eq!(failed, 2, "{log}");
}

#[test]
fn a_restored_vault_holds_what_was_waiting_to_be_sent() {
    let shop = Shop::new();
    shop.init();
    let id = shop.json(&["customer", "add", "--name", "Anna Jansen", "--email", "anna@example.com", "--json"])["id"]
        .as_str()
        .unwrap()
        .to_owned();
    shop.json(&["customer", "show", &id, "--purpose", "sale", "--json"]);
    let incident = shop.breach_with_impact();
    let letter = shop.letter_file();
    shop.json(&["incident", "send-letters", &incident, "--subject", "About your data", "--body-file", letter.to_str().unwrap(), "--json"]);
    let usb = shop.backups();
    let made = shop.json(&["backup", "create", "--to", usb.to_str().unwrap(), "--json"]);
    let new = shop.dir.path().join("restored");
    json_of(&shop.run_in(&new, &["backup", "restore", made["file"].as_str().unwrap(), "--json"]));
    let outbox = json_of(&shop.run_in(&new, &["mail", "outbox", "--json"]));
    assert_eq!(outbox["counts"]["held"], 1, "the letter may have gone since the backup: a person decides: {outbox}");
    assert!(outbox["counts"]["queued"].is_null(), "{outbox}");
}
