//! The counter's day in real Chromium: a sales person signs in with a second factor, finds a
//! customer, records a sale, is refused the identity records and a card number in the notes;
//! the owner confirms it is them and sees the records; a file with a virus in it is refused by
//! a real clamd; an import with one bad row imports nothing and shows the report. Screenshots of the main pages at desktop and tablet widths
//! go to `target/screenshots/`, and each page is checked for sideways scrolling and for
//! form fields without a label.

use std::time::Duration;

use fantoccini::Locator;
use strongroom_app::NewAmlRecord;
use strongroom_app::antivirus::Antivirus;
use strongroom_domain::{Actor, EmailAddress, IdDocumentNumber, IdDocumentType, IssuingCountry, NewCustomer, PersonName, Role, ShortText};
use strongroom_server::ServerOptions;

use super::{Browser, PASSWORD, browser, chromedriver_present, now};
use crate::common::clamd::{Clamd, EICAR, SIGNATURE};
use crate::common::{enrolled, start_scanning};

pub(crate) async fn second_factor(browser: &Browser, secret: &strongroom_identity::TotpSecret, offset: i64) {
    assert_eq!(browser.path().await, "/login/second-factor");
    browser.fill("#code", &secret.code_at(now() + offset)).await;
    browser.submit("form[action='/login/second-factor'] button").await;
    assert_eq!(browser.path().await, "/");
}

/// Fails when a page scrolls sideways or has a form field no label names.
pub(crate) async fn check_layout(browser: &Browser, what: &str) {
    let overflow = browser.client.execute("return document.documentElement.scrollWidth - window.innerWidth;", vec![]).await.unwrap();
    assert!(overflow.as_i64().unwrap_or(0) <= 0, "{what} scrolls sideways by {overflow} px");
    let unlabelled = browser
        .client
        .execute(
            "return [...document.querySelectorAll('input:not([type=hidden]), select, textarea')]\
             .filter(field => !(field.labels && field.labels.length) && !field.getAttribute('aria-label')).map(field => field.name);",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(unlabelled, serde_json::json!([]), "{what} has fields without a label");
}

/// The boxes of a page's main parts, `[x, y, width, height]` in CSS pixels from the top of the
/// page (null when absent). From the page, not the window: a page opened at a fragment
/// (`#sale-…`) may or may not be scrolled to it again after a resize, depending on how far the
/// browser has got with loading it, and the layout is the same either way.
async fn layout(browser: &Browser) -> serde_json::Value {
    browser
        .client
        .execute(
            "const parts = ['header', 'header nav.main', 'main', 'main h1', 'main form', 'main table', 'main dl', 'nav.actions', '.board'];\
             return Object.fromEntries(parts.map(part => { const element = document.querySelector(part); if (!element) return [part, null];\
             const box = element.getBoundingClientRect();\
             return [part, [box.x + window.scrollX, box.y + window.scrollY, box.width, box.height].map(Math.round)]; }));",
            vec![],
        )
        .await
        .unwrap()
}

/// Screenshots of a page at desktop and tablet widths (`target/screenshots/`, to look at), and
/// its layout compared with the snapshot in `tests/browser/layout/` (within 24 px, so a font's
/// hinting does not matter but a column that wraps, a table that overflows or a form that falls
/// below the fold does). Regenerate the snapshots with `STRONGROOM_WRITE_LAYOUT=1`.
pub(crate) async fn screenshots(browser: &Browser, name: &str) {
    let manifest = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let shots = manifest.join("../../target/screenshots");
    let snapshots = manifest.join("tests/browser/layout");
    std::fs::create_dir_all(&shots).unwrap();
    for (width, height, device) in [(1280, 900, "desktop"), (768, 1024, "tablet")] {
        browser.client.set_window_size(width, height).await.unwrap();
        let what = format!("{name} at {device} width");
        check_layout(browser, &what).await;
        std::fs::write(shots.join(format!("{name}-{device}.png")), browser.client.screenshot().await.unwrap()).unwrap();
        let boxes = layout(browser).await;
        let snapshot = snapshots.join(format!("{name}-{device}.json"));
        if std::env::var_os("STRONGROOM_WRITE_LAYOUT").is_some() {
            std::fs::create_dir_all(&snapshots).unwrap();
            std::fs::write(&snapshot, serde_json::to_string_pretty(&boxes).unwrap() + "\n").unwrap();
            continue;
        }
        let expected: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&snapshot).unwrap_or_else(|_| {
            panic!("no layout snapshot {}: run with STRONGROOM_WRITE_LAYOUT=1 and look at the screenshots", snapshot.display())
        }))
        .unwrap();
        for (part, want) in expected.as_object().unwrap() {
            let got = &boxes[part];
            let close = match (want.as_array(), got.as_array()) {
                (Some(want), Some(got)) => want.iter().zip(got).all(|(a, b)| (a.as_f64().unwrap() - b.as_f64().unwrap()).abs() <= 24.0),
                (None, None) => true,
                _ => false,
            };
            assert!(close, "{what}: {part} is at {got}, the snapshot has {want} (look at target/screenshots/{name}-{device}.png)");
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_counter_finds_a_customer_records_a_sale_and_identity_records_need_the_owner() {
    if !chromedriver_present() {
        return;
    }
    // Uploads are scanned by a real clamd (where it is not installed, outside CI, let in unscanned).
    let clamd = Clamd::start();
    let antivirus = clamd.as_ref().map_or(Antivirus { allow_unscanned_uploads: true, ..Antivirus::default() }, Clamd::antivirus);
    let server = start_scanning(ServerOptions::default(), antivirus).await;
    let owner = Actor::cli("owner");
    let anna = NewCustomer {
        email: Some(EmailAddress::parse("anna.jansen@example.com").unwrap()),
        address: Some(strongroom_domain::PostalAddress::parse("address", "Kneuterdijk 20, 2514 EN Den Haag").unwrap()),
        birth_date: Some(strongroom_domain::parse_date("date", "1984-03-02").unwrap()),
        ..NewCustomer::named(PersonName::parse("name", "Anna Jansen").unwrap())
    };
    let id = server.vault.add_customer(&owner, anna).unwrap().id;
    let namesake = NewCustomer {
        address: Some(strongroom_domain::PostalAddress::parse("address", "Dorpsstraat 1, 1234 AB Utrecht").unwrap()),
        ..NewCustomer::named(PersonName::parse("name", "Anne Jansma").unwrap())
    };
    server.vault.add_customer(&owner, namesake).unwrap();
    server
        .vault
        .add_aml_record(
            &owner,
            NewAmlRecord {
                customer_id: id,
                document_type: IdDocumentType::Passport,
                document_number: IdDocumentNumber::parse("NX12AB345").unwrap(),
                document_country: IssuingCountry::parse("NL").unwrap(),
                verified_by: ShortText::parse("verified_by", "olga").unwrap(),
                transaction_reference: ShortText::parse("reference", "INV-1001").unwrap(),
                transaction_date: strongroom_domain::parse_date("date", "2026-11-02").unwrap(),
                sale: None,
            },
        )
        .unwrap();
    let (sara, _) = enrolled(&server.vault, "sara", Role::Sales);
    let (olga, _) = enrolled(&server.vault, "olga", Role::Owner);
    let browser = browser(&server).await;
    browser.client.set_window_size(1280, 900).await.unwrap();

    // Sara signs in with her password and her authenticator.
    browser.sign_in("sara", PASSWORD).await;
    second_factor(&browser, &sara, 30).await;
    screenshots(&browser, "start").await;

    // She finds Anna by email from the start page, and opens her record for a sale.
    // By the start of the names, she sees who is who without opening anyone: town and year of birth.
    browser.fill("#q", "ann jans").await;
    browser.submit("form.search button").await;
    let found = browser.text().await;
    assert!(found.contains("Anna Jansen") && found.contains("Den Haag") && found.contains("1984"), "{found}");
    assert!(found.contains("Anne Jansma") && found.contains("Utrecht"), "{found}");
    screenshots(&browser, "search").await;
    browser.open("/customers").await;
    browser.fill("#q", "Anna.Jansen@example.com").await;
    browser.submit("form.search button").await;
    assert!(browser.text().await.contains("Anna Jansen") && !browser.text().await.contains("Anne Jansma"), "{}", browser.text().await);
    browser.submit("main table a").await;
    assert!(browser.text().await.contains("Why are you opening this record?"));
    browser.submit("a.button[href$='purpose=sale']").await;
    assert_eq!(browser.path().await, format!("/customers/{id}"));
    screenshots(&browser, "profile").await;

    // She records a sale of two pieces, each priced the way she writes amounts; the total is
    // what they add up to. A row she leaves empty is no item.
    browser.submit("a.button[href$='/purchases/new']").await;
    screenshots(&browser, "sale").await;
    browser.fill("#item1_description", "Solitaire ring").await;
    browser.fill("#item1_metal", "platinum").await;
    browser.fill("#item1_price", "1,250.00").await;
    browser.fill("#item2_description", "Gold chain").await;
    browser.fill("#item2_price", "€450").await;
    // One more row, and nothing typed is lost.
    browser.submit("button[name=more]").await;
    assert!(browser.client.find(Locator::Css("#item4_description")).await.is_ok(), "a fourth row");
    let kept = browser.client.find(Locator::Css("#item1_description")).await.unwrap().prop("value").await.unwrap().unwrap_or_default();
    assert_eq!(kept, "Solitaire ring");
    browser.fill("#item3_price", "12.5.0").await;
    browser.submit("main form button[type=submit]:not([name])").await;
    // Each problem is named next to its own field, and what she typed stays.
    let refused = browser.text().await;
    assert!(refused.contains("must be an amount"), "{refused}");
    let kept = browser.client.find(Locator::Css("#item2_price")).await.unwrap().prop("value").await.unwrap().unwrap_or_default();
    assert_eq!(kept, "€450");
    assert!(browser.client.find(Locator::Css("#item3_price-error")).await.is_ok(), "the error is at the third row's price");
    browser.client.find(Locator::Css("#item3_price")).await.unwrap().clear().await.unwrap();
    browser.submit("main form button[type=submit]:not([name])").await;
    assert_eq!(browser.path().await, format!("/customers/{id}"), "{}", browser.text().await);
    let profile = browser.text().await;
    assert!(profile.contains("The sale is recorded."), "a confirmation after saving: {profile}");
    assert!(profile.contains("Solitaire ring") && profile.contains("Gold chain") && profile.contains("€1,700.00"), "{profile}");
    assert!(!profile.contains("Void or refund"), "a seller does not void or refund");
    // Its receipt: the shop, the pieces and the total, and not whose it is.
    browser.submit("a[href$='/receipt']").await;
    let receipt = browser.text().await;
    for expected in ["Juwelier Van Dijk", "Kalverstraat 12", "Solitaire ring", "€1,250.00", "Gold chain", "€450.00", "€1,700.00"] {
        assert!(receipt.contains(expected), "{expected} on the receipt: {receipt}");
    }
    assert!(!receipt.contains("Anna Jansen"), "no name on the receipt: {receipt}");
    screenshots(&browser, "receipt").await;
    browser.open(&format!("/customers/{id}")).await;

    // Adding Anna again by mistake: her email is already known, and the page says so before
    // anything is saved. Sara saves her anyway (this time it is a mistake, put right below).
    browser.open("/customers/new").await;
    browser.fill("#name", "Anna Jansen").await;
    browser.fill("#email", "anna.jansen@example.com").await;
    browser.fill("#phone", "06 1122 3344").await;
    browser.submit("main form button[type=submit]").await;
    let warned = browser.text().await;
    assert!(warned.contains("This may be someone you already have") && warned.contains("Den Haag"), "{warned}");
    assert_eq!(server.vault.list_customers(&owner, None, 100).unwrap().len(), 2, "nothing saved yet");
    browser.submit("main form button[type=submit]").await;
    assert!(browser.text().await.contains("The customer is saved."), "{}", browser.text().await);
    let twin = browser.path().await.trim_start_matches("/customers/").to_owned();
    assert_ne!(twin, id.to_string());

    // The identity records are not for the counter.
    browser.open(&format!("/customers/{id}/aml")).await;
    let refused = browser.text().await;
    assert!(refused.contains("Only the owner and the privacy officer") && !refused.contains("NX12AB345"), "{refused}");

    // A card number typed into the notes is refused with what to do instead, next to the field.
    browser.open(&format!("/customers/{id}/edit")).await;
    browser.fill("#notes", "paid with 4111 1111 1111 1111").await;
    browser.submit("main form button[type=submit]").await;
    let error = browser.client.find(Locator::Css("#notes-error")).await.unwrap().text().await.unwrap();
    assert!(error.contains("Record the processor's token or the last four digits instead"), "{error}");
    let echoed = browser.client.find(Locator::Css("#notes")).await.unwrap().prop("value").await.unwrap().unwrap_or_default();
    assert!(!echoed.contains("4111"), "the card number is not sent back: {echoed}");
    screenshots(&browser, "card-number-refused").await;

    browser.open("/workshop").await;
    screenshots(&browser, "workshop").await;
    browser.open("/").await;
    let start = browser.text().await;
    assert!(start.contains("Recently opened") && start.contains("Anna Jansen"), "{start}");
    browser.submit("form[action='/logout'] button").await;

    // The owner confirms it is her, then sees them.
    browser.sign_in("olga", PASSWORD).await;
    second_factor(&browser, &olga, 30).await;
    // Identity documents are read for a stated purpose, after confirming it is her.
    browser.open(&format!("/customers/{id}/aml")).await;
    assert_eq!(browser.path().await, format!("/customers/{id}"), "a purpose is asked for first");
    browser.submit("a.button[href$='purpose=compliance']").await;
    browser.submit(&format!("a[href='/customers/{id}/aml']")).await;
    assert_eq!(browser.path().await, "/account/step-up");
    browser.fill("#password", PASSWORD).await;
    browser.submit("form[action='/account/step-up'] button").await;
    assert_eq!(browser.path().await, format!("/customers/{id}/aml"));
    assert!(browser.text().await.contains("NX12AB345"), "{}", browser.text().await);

    // The two-piece sale was rung up by mistake: she voids it, and must say why.
    browser.open(&format!("/customers/{id}")).await;
    browser.submit("a[href$='/correct']").await;
    screenshots(&browser, "correct-sale").await;
    browser.submit("main form button[type=submit]").await;
    assert!(browser.client.find(Locator::Css("#reason + p.error, p.error")).await.is_ok(), "{}", browser.text().await);
    browser.fill("#reason", "Rung up twice; the customer paid once").await;
    browser.submit("main form button[type=submit]").await;
    assert_eq!(browser.path().await, format!("/customers/{id}"), "{}", browser.text().await);
    let voided = browser.text().await;
    assert!(voided.contains("The correction is recorded.") && voided.contains("void"), "{voided}");
    assert!(voided.contains("Rung up twice; the customer paid once") && voided.contains("€1,700.00"), "the sale stays, with why: {voided}");
    assert!(!voided.contains("Void or refund"), "a void sale is not corrected again: {voided}");
    screenshots(&browser, "sale-voided").await;

    // The owner merges the duplicate Sara made into Anna's record: found by email, both shown
    // side by side, merged; the duplicate's phone number fills the field Anna's record left empty.
    browser.submit("a.button[href$='/merge']").await;
    browser.fill("#q", "anna.jansen@example.com").await;
    browser.submit("form.search button").await;
    browser.submit(&format!("main table a[href$='/merge/{twin}']")).await;
    let confirm = browser.text().await;
    assert!(confirm.contains("Merge these two records?") && confirm.contains("+31611223344"), "{confirm}");
    screenshots(&browser, "merge").await;
    browser.submit("main form button[type=submit]").await;
    assert_eq!(browser.path().await, format!("/customers/{id}"), "{}", browser.text().await);
    let merged = browser.text().await;
    assert!(merged.contains("The two records are merged") && merged.contains("+31611223344"), "{merged}");
    browser.open(&format!("/customers/{twin}?purpose=data_quality")).await;
    assert!(browser.text().await.contains("There is nothing at this address."), "the duplicate is gone: {}", browser.text().await);

    // A file the virus scanner calls infected is refused by name, and nothing of it is read.
    let before = server.vault.list_customers(&owner, None, 100).unwrap().len();
    if clamd.is_some() {
        let infected = server.dir.path().join("eicar.csv");
        std::fs::write(&infected, EICAR).unwrap();
        browser.open("/import").await;
        browser.client.find(Locator::Css("#file")).await.unwrap().send_keys(infected.to_str().unwrap()).await.unwrap();
        browser.submit("form[action='/import'] button").await;
        let refused = browser.text().await;
        assert!(refused.contains(SIGNATURE) && refused.contains("it was not read, kept or imported"), "{refused}");
    }

    // An import with one bad row imports nothing, and says which line and why.
    let csv = server.dir.path().join("old-pos.csv");
    std::fs::write(&csv, "name,email,phone\nBea Bakker,bea@example.com,0612345678\nCor de Wit,not-an-email,\nDirk Visser,,\n").unwrap();
    browser.open("/import").await;
    browser.client.find(Locator::Css("#file")).await.unwrap().send_keys(csv.to_str().unwrap()).await.unwrap();
    browser.submit("form[action='/import'] button").await;
    let mut report = String::new();
    for _ in 0..100 {
        report = browser.text().await;
        if report.contains("Nothing was imported") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(report.contains("Nothing was imported"), "{report}");
    assert!(report.contains("email"), "the report names the column: {report}");
    assert_eq!(server.vault.list_customers(&owner, None, 100).unwrap().len(), before, "nothing half-imported");
    screenshots(&browser, "import-report").await;
    // She chooses to import the two good rows; the bad one stays out, named by its line.
    browser.submit("form[action$='/valid'] button").await;
    for _ in 0..100 {
        report = browser.text().await;
        if report.contains("rows imported") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(report.contains("2 rows imported") && report.contains("email"), "{report}");
    assert_eq!(server.vault.list_customers(&owner, None, 100).unwrap().len(), before + 2);
}
