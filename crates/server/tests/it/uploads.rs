//! Uploads through the web import page, scanned by a real `clamd` before they are read: the
//! EICAR test file refused by name and recorded, a clean file imported, and with clamd stopped
//! every upload refused until the shop allows unscanned ones.

use std::time::Duration;

use strongroom_app::AuditQuery;
use strongroom_domain::{Actor, Role};
use strongroom_server::ServerOptions;

use crate::common::clamd::{Clamd, EICAR, SIGNATURE};
use crate::common::{Response, enrolled, exchange, start_scanning};
use crate::web::Browser;

/// Posts `content` as the import page's file, with the page's CSRF token.
async fn upload(browser: &mut Browser<'_>, content: &str) -> Response {
    let csrf = browser.get("/import").await.csrf();
    let body = format!(
        "--b\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{csrf}\r\n--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"old-pos.csv\"\r\nContent-Type: text/csv\r\n\r\n{content}\r\n--b--\r\n"
    );
    let cookies: Vec<String> = browser.cookies.iter().map(|(name, value)| format!("{name}={value}")).collect();
    let headers = [("Content-Type", "multipart/form-data; boundary=b".to_owned()), ("Cookie", cookies.join("; "))];
    exchange(browser.server(), "POST", "/import", &headers, body.as_bytes()).await
}

/// The two tests upload at once otherwise, and the first counts the upload files left behind.
static ONE_AT_A_TIME: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

fn trail(server: &crate::common::Running, action: &str) -> Vec<strongroom_app::AuditEvent> {
    let query = AuditQuery { action: Some(action.into()), limit: 10, ..Default::default() };
    server.vault.audit_log(&Actor::cli("owner"), &query).unwrap().into_iter().map(|(_, event)| event).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_upload_is_scanned_by_clamav_before_it_is_read() {
    let _alone = ONE_AT_A_TIME.lock().await;
    let Some(mut clamd) = Clamd::start() else { return };
    let options = ServerOptions { max_body_bytes: 4 * 1024 * 1024, ..ServerOptions::default() };
    let server = start_scanning(options, clamd.antivirus()).await;
    let (secret, _) = enrolled(&server.vault, "olga", Role::Owner);
    let mut browser = Browser::new(&server);
    browser.sign_in("olga", &secret).await;
    let owner = Actor::cli("owner");
    let customers = || server.vault.list_customers(&owner, None, 100).unwrap().len();

    // The EICAR test file: refused with the signature's name, never echoed, nothing imported.
    let infected = upload(&mut browser, EICAR).await;
    assert_eq!(infected.status, 400, "{}", infected.body);
    assert!(infected.body.contains(SIGNATURE) && infected.body.contains("it was not read, kept or imported"), "{}", infected.body);
    assert!(!infected.body.contains("EICAR-STANDARD"), "the file is not echoed");
    assert_eq!(customers(), 0);
    let recorded = trail(&server, "upload.infected");
    assert_eq!(recorded.len(), 1, "{recorded:?}");
    assert!(recorded[0].actor_name == "olga" && recorded[0].outcome == "denied", "{recorded:?}");
    assert!(recorded[0].detail.as_deref().is_some_and(|detail| detail.contains(SIGNATURE)), "{recorded:?}");
    let leftovers = std::fs::read_dir(std::env::temp_dir())
        .unwrap()
        .filter_map(|entry| entry.ok())
        .filter(|entry| entry.file_name().to_string_lossy().starts_with(&format!("strongroom-upload-{}-", std::process::id())))
        .count();
    assert_eq!(leftovers, 0, "the refused upload is deleted at once");

    // A clean file is scanned and imported.
    let clean = upload(&mut browser, "name,email\nBea Bakker,bea@example.com\n").await;
    assert_eq!(clean.status, 303, "{}", clean.body);
    for _ in 0..100 {
        if customers() == 1 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(customers(), 1);

    // Larger than clamd takes (the test's StreamMaxLength is 1 MB): refused, said why.
    let mut large = String::from("name,email\n");
    for row in 0..40_000 {
        large.push_str(&format!("Klant {row},klant{row}@example.com\n"));
    }
    assert!(large.len() > 1024 * 1024);
    let too_large = upload(&mut browser, &large).await;
    assert_eq!(too_large.status, 503, "{}", too_large.body);
    assert!(too_large.body.contains("larger than the virus scanner takes"), "{}", too_large.body);
    assert_eq!(customers(), 1);

    // clamd stopped: refused, and said why, in the person's words; nothing imported.
    clamd.stop();
    let unscanned = upload(&mut browser, "name,email\nCor de Wit,cor@example.com\n").await;
    assert_eq!(unscanned.status, 503, "{}", unscanned.body);
    assert!(unscanned.body.contains("the virus scanner cannot be reached"), "{}", unscanned.body);
    assert_eq!(customers(), 1);
    let recorded = trail(&server, "upload.unscanned");
    assert!(recorded.len() == 2 && recorded.iter().all(|event| event.outcome == "denied"), "{recorded:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_shop_that_allows_unscanned_uploads_has_each_one_recorded() {
    let _alone = ONE_AT_A_TIME.lock().await;
    let dir = tempfile::tempdir().unwrap();
    let nowhere = strongroom_app::antivirus::ClamdAddress::Socket(dir.path().join("clamd.sock"));
    let antivirus = strongroom_app::antivirus::Antivirus { clamd: nowhere, allow_unscanned_uploads: true };
    let server = start_scanning(ServerOptions { max_body_bytes: 1024 * 1024, ..ServerOptions::default() }, antivirus).await;
    let (secret, _) = enrolled(&server.vault, "olga", Role::Owner);
    let mut browser = Browser::new(&server);
    browser.sign_in("olga", &secret).await;
    let taken = upload(&mut browser, "name,email\nBea Bakker,bea@example.com\n").await;
    assert_eq!(taken.status, 303, "{}", taken.body);
    let recorded = trail(&server, "upload.unscanned");
    assert!(recorded.len() == 1 && recorded[0].outcome == "allowed", "{recorded:?}");
    let detail = recorded[0].detail.clone().unwrap_or_default();
    assert!(detail.contains("taken unscanned: clamd cannot be reached") && !detail.contains("not taken unscanned"), "{detail}");
    // Its import ends before the next test counts the upload files left behind.
    for _ in 0..100 {
        if server.vault.list_customers(&Actor::cli("owner"), None, 10).unwrap().len() == 1 {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("the unscanned upload was not imported");
}
