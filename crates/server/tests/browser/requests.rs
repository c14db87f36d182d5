//! Customers' requests in real Chromium: the privacy officer records an access request from the
//! customer's page, is refused an answer before the identity check, records it and answers;
//! a late request shows on her start page; a sales person has no requests page.

use strongroom_domain::{Actor, NewCustomer, NewRequest, PersonName, RequestChannel, RequestKind, Role};
use strongroom_server::ServerOptions;

use super::chromedriver_present;
use super::incidents::signed_in;
use super::shop::check_layout;
use crate::common::start;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_privacy_officer_records_an_access_request_checks_identity_and_answers_it() {
    if !chromedriver_present() {
        return;
    }
    let server = start(ServerOptions::default()).await;
    let owner = Actor::cli("owner");
    let anna = server.vault.add_customer(&owner, NewCustomer::named(PersonName::parse("name", "Anna Jansen").unwrap())).unwrap();
    let bram = server.vault.add_customer(&owner, NewCustomer::named(PersonName::parse("name", "Bram de Wit").unwrap())).unwrap();
    // Bram's erasure request came in 40 days ago: late.
    let today = time::OffsetDateTime::now_utc().date();
    let old = NewRequest::new(RequestKind::Erasure, RequestChannel::Letter, today - time::Duration::days(40), None, today).unwrap();
    server.vault.open_request(&owner, bram.id, old).unwrap();

    let pia = signed_in(&server, "pia", Role::PrivacyOfficer).await;
    let start = pia.text().await;
    assert!(start.contains("Customers' requests due") && start.contains("Erasure (Art. 17)") && start.contains("late"), "{start}");

    pia.open(&format!("/customers/{}?purpose=compliance", anna.id)).await;
    pia.submit("a.button[href^='/privacy/requests/new']").await;
    check_layout(&pia, "a new request").await;
    pia.client.execute("document.querySelector('#channel').value = 'email';", vec![]).await.unwrap();
    pia.submit("form[action='/privacy/requests/new'] button").await;
    let page_of_request = pia.path().await;
    let page = pia.text().await;
    assert!(page.contains("Access: see their data (Art. 15)") && page.contains("not yet checked") && page.contains("E-mail"), "{page}");
    check_layout(&pia, "a request").await;

    // No answer before the identity check.
    pia.fill("#text-reply", "Your data is attached.").await;
    pia.submit("form[action$='/answer'] button[type=submit]").await;
    let page = pia.text().await;
    assert!(page.contains("record how the person's identity was checked first"), "{page}");
    let kept = pia.client.find(fantoccini::Locator::Css("#text-reply")).await.unwrap().prop("value").await.unwrap();
    assert_eq!(kept.as_deref(), Some("Your data is attached."), "what was typed is kept");
    pia.client.find(fantoccini::Locator::Css("#text-reply")).await.unwrap().clear().await.unwrap();
    pia.fill("#text-identity", "Passport shown at the counter").await;
    pia.submit("form[action$='/identity'] button").await;

    // Her data, after the password again: the readable copy, to print or save as a PDF.
    pia.submit("a.button[href$='/export']").await;
    assert_eq!(pia.path().await, "/account/step-up");
    pia.fill("#password", super::PASSWORD).await;
    pia.submit("form[action='/account/step-up'] button").await;
    assert!(pia.path().await.ends_with("/export"));
    check_layout(&pia, "the customer's data").await;
    pia.submit("form[action$='/export/readable'] button[type=submit]").await;
    let copy = pia.text().await;
    assert!(copy.contains("Your data at") && copy.contains("Anna Jansen") && copy.contains("Your rights"), "{copy}");
    assert!(copy.contains("Who had your data") && copy.contains("privacy officer"), "{copy}");
    pia.client.back().await.unwrap();
    pia.client.back().await.unwrap();
    pia.open(&page_of_request).await;
    pia.fill("#text-reply", "Your data was sent to you by e-mail.").await;
    pia.submit("form[action$='/answer'] button[type=submit]").await;
    let page = pia.text().await;
    assert!(page.contains("Answered") && page.contains("Passport shown at the counter"), "{page}");
    assert!(!page.contains("Two months more"), "a closed request has no forms: {page}");

    pia.open("/privacy/requests").await;
    let register = pia.text().await;
    assert!(register.contains("Waiting for an answer") && register.contains("Answered or refused lately"), "{register}");
    check_layout(&pia, "the requests register").await;
    assert!(register.contains("Identity records: deleted after five years") && register.contains("None has been due yet."), "{register}");
    pia.submit("form[action='/privacy/retention'] button").await;
    assert!(pia.text().await.contains("Identity records deleted now: 0"));

    // A sales person has neither the menu nor the page.
    let sam = signed_in(&server, "sam", Role::Sales).await;
    assert!(!sam.client.source().await.unwrap().contains("/privacy/requests"));
    sam.open("/privacy/requests").await;
    sam.source_once("may not handle customers' requests").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_privacy_officer_erases_a_customer_from_request_to_completion_and_the_law_keeps_the_sale() {
    if !chromedriver_present() {
        return;
    }
    let server = start(ServerOptions::default()).await;
    let owner = Actor::cli("owner");
    let bram = server.vault.add_customer(&owner, NewCustomer::named(PersonName::parse("name", "Bram de Wit").unwrap())).unwrap();
    let today = time::OffsetDateTime::now_utc().date();
    let sale = strongroom_app::NewPurchase {
        customer_id: bram.id,
        purchased_on: today,
        items: vec![strongroom_domain::PurchaseItem {
            description: strongroom_domain::ShortText::parse("item", "Signet ring").unwrap(),
            metal: None,
            stones: None,
            certificate_number: None,
            price: None,
        }],
        total: strongroom_domain::Money::parse("total", "640", strongroom_domain::Currency::EUR).unwrap(),
        paid_in_cash: false,
        engraving: Some(strongroom_domain::FreeText::parse("engraving", "B.d.W.").unwrap()),
        payment: None,
        note: None,
    };
    server.vault.add_purchase(&owner, sale).unwrap();
    let asked = NewRequest::new(RequestKind::Erasure, RequestChannel::Letter, today, None, today).unwrap();
    let request = server.vault.open_request(&owner, bram.id, asked).unwrap().id;

    let pia = signed_in(&server, "pia", Role::PrivacyOfficer).await;
    pia.open(&format!("/privacy/requests/{request}")).await;
    assert!(!pia.text().await.contains("Erase the customer"), "not before the identity check");
    pia.fill("#text-identity", "Letter signed, passport copy compared").await;
    pia.submit("form[action$='/identity'] button").await;
    pia.submit("a.button[href$='/erase']").await;
    assert_eq!(pia.path().await, "/account/step-up");
    pia.fill("#password", super::PASSWORD).await;
    pia.submit("form[action='/account/step-up'] button").await;
    assert!(pia.path().await.ends_with("/erase"));
    let plan = pia.text().await;
    let kept_until = format!("31 Dec {}", today.year() + 7);
    assert!(plan.contains("Kept, because the law requires it") && plan.contains(&kept_until), "{plan}");
    check_layout(&pia, "an erasure's plan").await;
    pia.client.execute("document.querySelector('#reply-language').value = 'nl';", vec![]).await.unwrap();
    pia.client.find(fantoccini::Locator::Css("input[name=understood]")).await.unwrap().click().await.unwrap();
    pia.submit("form[action$='/erase'] button.danger").await;
    let page = pia.text().await;
    assert!(page.contains("Answered"), "{page}");
    assert!(page.contains("Zoals u vroeg, hebben we uw persoonsgegevens gewist"), "the reply in the person's language: {page}");
    assert!(!page.contains("Erase the customer"), "done once: {page}");
    pia.open(&format!("/customers/{}?purpose=sale", bram.id)).await;
    assert!(!pia.text().await.contains("Bram de Wit"), "the customer is gone");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_record_of_processing_shows_the_categories_and_keeps_what_the_shop_enters() {
    if !chromedriver_present() {
        return;
    }
    let server = start(ServerOptions::default()).await;
    let pia = signed_in(&server, "pia", Role::PrivacyOfficer).await;
    pia.open("/privacy/records").await;
    let page = pia.text().await;
    assert!(page.contains("Record of processing activities") && page.contains("user.contact.email"), "{page}");
    assert!(page.contains("special category") && page.contains("A second factor"), "{page}");
    check_layout(&pia, "the record of processing").await;
    pia.fill("#processors", "Mollie | card payments | Netherlands | signed 2025-03-01").await;
    pia.submit("form[action='/privacy/records'] button[type=submit]").await;
    let page = pia.text().await;
    assert!(page.contains("Mollie: card payments · Netherlands · agreement: signed 2025-03-01"), "{page}");
    pia.open("/privacy/law").await;
    let law = pia.text().await;
    assert!(law.contains("Autoriteit Persoonsgegevens") && law.contains("Wwft"), "{law}");
    // The privacy notice: the draft, changed by the adviser, saved with its version.
    pia.open("/privacy/notice?lang=en").await;
    assert!(pia.text().await.contains("This is Strongroom's draft"));
    check_layout(&pia, "the privacy notice").await;
    pia.fill("#version", "2026-1").await;
    pia.submit("form[action^='/privacy/notice'] button[type=submit]").await;
    let page = pia.text().await;
    assert!(page.contains("Version 2026-1") && !page.contains("This is Strongroom's draft"), "{page}");
    // The owner's check of this computer, reached from the security settings.
    let owner = signed_in(&server, "olga", Role::Owner).await;
    owner.open("/settings/security").await;
    owner.submit("a[href='/desk/doctor']").await;
    let doctor = owner.text().await;
    assert!(doctor.contains("Check of this computer") && doctor.contains("data directory"), "{doctor}");
    // The self-assessment, reached from the security settings, keeps the score; the start page
    // then shows it with its chart and what to do next.
    owner.open("/settings/security").await;
    owner.submit("a[href='/desk/assessment']").await;
    assert!(owner.text().await.contains("Security score"));
    owner.open("/").await;
    let start = owner.text().await;
    assert!(start.contains("Security score") && start.contains("What to do next"), "{start}");
    assert!(owner.client.find(fantoccini::Locator::Css("section.security-score svg polyline")).await.is_ok(), "the score's chart is drawn");
    // The auditor reads it; a sales person does not.
    let sam = signed_in(&server, "sam", Role::Sales).await;
    sam.open("/privacy/records").await;
    let refused = sam.text().await;
    assert!(
        refused.contains("Only the owner, the privacy officer and the external auditor") && !refused.contains("user.contact.email"),
        "{refused}"
    );
}
