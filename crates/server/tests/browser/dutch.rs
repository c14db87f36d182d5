//! A Dutch session in real Chromium: an owner who chose Dutch goes through the shop's daily pages
//! (start, search, a profile, a sale refused and corrected, an intake, the board, a ticket, a
//! receipt, a merge, the identity check, staff, her account) and no page shows a sentence from the
//! English catalogue, nor a refusal in English.

use std::collections::HashMap;

use fantoccini::Locator;
use strongroom_domain::{Actor, EmailAddress, FreeText, JobKind, Money, NewCustomer, PersonName, PurchaseItem, Role, ShortText};
use strongroom_server::ServerOptions;

use super::shop::second_factor;
use super::{Browser, PASSWORD, browser, chromedriver_present};
use crate::common::{enrolled, start_with_backups};

/// `T::Key => "text"` pairs of one catalogue file (one-line and braced multi-line entries).
fn catalogue(source: &str) -> HashMap<String, String> {
    catalogue_of(source, "T::")
}

/// The entries of a catalogue whose keys start with `prefix` (`T::`, or `W::` for the words of
/// the incident pages).
fn catalogue_of(source: &str, prefix: &str) -> HashMap<String, String> {
    let mut entries = HashMap::new();
    for part in source.split(prefix).skip(1) {
        let Some((key, rest)) = part.split_once("=>") else { continue };
        let rest = rest.trim_start().trim_start_matches('{').trim_start();
        let Some(text) = rest.strip_prefix('"').and_then(|rest| rest.split_once('"')).map(|(text, _)| text) else { continue };
        entries.insert(key.trim().to_owned(), text.replace("\\u{a0}", "\u{a0}"));
    }
    entries
}

/// What would give a page away as English: each English string that differs from its Dutch
/// translation and is a phrase (two words or more; single words such as "manager" are the same in
/// both), and the English side of the domain's refusals.
fn english_phrases() -> Vec<String> {
    let english = catalogue(include_str!("../../src/web/i18n/en.rs"));
    let dutch = catalogue(include_str!("../../src/web/i18n/nl.rs"));
    let mut phrases: Vec<String> = english
        .iter()
        .filter(|(key, text)| dutch.get(*key) != Some(text) && text.trim().contains(' ') && !text.starts_with("data-"))
        .map(|(_, text)| text.trim().trim_end_matches([':', '.']).to_owned())
        .filter(|text| text.len() >= 8)
        .collect();
    // The pages with catalogues of their own: English before `fn nl`, Dutch after it.
    for (source, prefix) in [
        (include_str!("../../src/web/incidents/words.rs"), "W::"),
        (include_str!("../../src/web/mail.rs"), "M::"),
        (include_str!("../../src/web/backup_settings.rs"), "B::"),
        (include_str!("../../src/web/requests.rs"), "R::"),
        (include_str!("../../src/web/export.rs"), "X::"),
        (include_str!("../../src/web/erasure_words.rs"), "E::"),
        (include_str!("../../src/web/ropa_words.rs"), "P::"),
        (include_str!("../../src/web/devices/words.rs"), "D::"),
        (include_str!("../../src/web/risks/words.rs"), "K::"),
        (include_str!("../../src/web/assessment.rs"), "S::"),
        (include_str!("../../src/web/audit_words.rs"), "A::"),
        (include_str!("../../src/web/trail_stats.rs"), "S::"),
        (include_str!("../../src/web/evidence.rs"), "V::"),
        (include_str!("../../src/web/secrets/words.rs"), "Z::"),
        (include_str!("../../src/web/training/words.rs"), "Y::"),
    ] {
        let (english, dutch) = source.split_once("fn nl(").unwrap();
        let (english, dutch) = (catalogue_of(english.split_once("fn en(").unwrap().1, prefix), catalogue_of(dutch, prefix));
        phrases.extend(
            english
                .iter()
                .filter(|(key, text)| dutch.get(*key) != Some(text) && text.trim().contains(' '))
                .map(|(_, text)| text.trim().trim_end_matches([':', '.']).to_owned())
                .filter(|text| text.len() >= 8),
        );
    }
    let reasons = include_str!("../../src/web/i18n/reasons.rs");
    for line in reasons.lines().filter(|line| line.trim_start().starts_with("(\"")) {
        if let Some(english) = line.trim_start().strip_prefix("(\"").and_then(|rest| rest.split_once('"')).map(|(text, _)| text)
            && !english.contains("{}")
        {
            phrases.push(english.to_owned());
        }
    }
    phrases.sort();
    phrases.dedup();
    phrases
}

async fn assert_dutch(browser: &Browser, phrases: &[String], what: &str) {
    let text = browser.client.find(Locator::Css("body")).await.unwrap().text().await.unwrap();
    let found: Vec<&String> = phrases.iter().filter(|phrase| text.contains(phrase.as_str())).collect();
    assert!(found.is_empty(), "{what} shows English: {found:?}\n---\n{text}");
    assert!(browser.client.source().await.unwrap().contains("<html lang=\"nl\">"), "{what} is not marked Dutch");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dutch_session_shows_no_english_sentence() {
    if !chromedriver_present() {
        return;
    }
    let phrases = english_phrases();
    assert!(phrases.len() > 100, "the English catalogue was read: {}", phrases.len());
    for known in ["Find a customer", "There is nothing at this address", "must not be empty", "Report a problem"] {
        assert!(phrases.iter().any(|phrase| phrase == known), "{known} is looked for");
    }
    let server = start_with_backups(ServerOptions::default()).await;
    let owner = Actor::cli("owner");
    let summary = strongroom_domain::FreeText::parse("summary", "Laptop in de trein laten liggen").unwrap();
    let report =
        strongroom_domain::NewIncident::new(strongroom_domain::IncidentKind::LostDevice, summary, None, time::OffsetDateTime::now_utc());
    let reported = server.vault.report_incident(&owner, report.unwrap()).unwrap();
    server.vault.assess_incident(&owner, reported, strongroom_domain::Severity::new(3.0, 0.25, 0.5, 0.0, 0.0, true).unwrap()).unwrap();
    let breach = strongroom_domain::BreachRecord {
        types: vec![strongroom_domain::BreachType::Confidentiality],
        people: Some(12),
        data_encrypted: Some(true),
        key_taken: Some(false),
        ..strongroom_domain::BreachRecord::aware_at(time::OffsetDateTime::now_utc() - time::Duration::hours(1))
    };
    server.vault.record_breach(&owner, reported, breach).unwrap();
    server.vault.start_playbook(&owner, reported).unwrap();
    let incident = format!("/incidents/{reported}");
    let today = time::OffsetDateTime::now_utc().date();
    let anna = NewCustomer {
        email: Some(EmailAddress::parse("anna@example.nl").unwrap()),
        ..NewCustomer::named(PersonName::parse("name", "Anna Jansen").unwrap())
    };
    let id = server.vault.add_customer(&owner, anna).unwrap().id;
    let asked = strongroom_domain::NewRequest::new(
        strongroom_domain::RequestKind::Access,
        strongroom_domain::RequestChannel::Email,
        today - time::Duration::days(40),
        None,
        today,
    );
    let asked = server.vault.open_request(&owner, id, asked.unwrap()).unwrap().id;
    let checked = strongroom_domain::FreeText::parse("check", "Paspoort aan de balie").unwrap();
    server.vault.check_request_identity(&owner, asked, checked).unwrap();
    let request = format!("/privacy/requests/{asked}");
    let twin = server.vault.add_customer(&owner, NewCustomer::named(PersonName::parse("name", "Anna Jansen").unwrap())).unwrap().id;
    let checked = strongroom_domain::FreeText::parse("check", "Brief met handtekening").unwrap();
    let erasure = strongroom_domain::NewRequest::new(
        strongroom_domain::RequestKind::Erasure,
        strongroom_domain::RequestChannel::Letter,
        today,
        Some(checked),
        today,
    );
    let erasure = server.vault.open_request(&owner, twin, erasure.unwrap()).unwrap().id;
    let job = strongroom_app::NewRepair {
        customer_id: id,
        kind: JobKind::Repair,
        item_description: FreeText::parse("item", "Gouden ring verkleinen").unwrap(),
        condition: None,
        valuation: None,
        estimate: Some(Money::parse("estimate", "85", strongroom_domain::Currency::EUR).unwrap()),
        deposit: None,
        received_on: today - time::Duration::days(10),
        promised_on: Some(today - time::Duration::days(2)),
    };
    let job = server.vault.add_repair(&owner, job).unwrap();
    let sale = strongroom_app::NewPurchase {
        customer_id: id,
        purchased_on: today,
        items: vec![PurchaseItem {
            description: ShortText::parse("item", "Parelketting").unwrap(),
            metal: None,
            stones: None,
            certificate_number: None,
            price: None,
        }],
        total: Money::parse("total", "12500", strongroom_domain::Currency::EUR).unwrap(),
        paid_in_cash: true,
        engraving: None,
        payment: None,
        note: None,
    };
    let sale = server.vault.add_purchase(&owner, sale).unwrap();
    server.vault.backup_now(&owner).unwrap().into_iter().for_each(|(_, made)| drop(made.unwrap()));
    server.vault.backup_drill(&owner).unwrap();
    let (secret, _) = enrolled(&server.vault, "daan", Role::Owner);
    let browser = browser(&server).await;
    browser.client.set_window_size(1280, 900).await.unwrap();
    browser.sign_in("daan", PASSWORD).await;
    second_factor(&browser, &secret, 30).await;
    // She chooses Dutch on the start page.
    browser.client.find(Locator::Css("#language")).await.unwrap().select_by_value("nl").await.unwrap();
    browser.submit("form[action='/account/language'] button").await;
    assert_dutch(&browser, &phrases, "the start page").await;
    let start = browser.text().await;
    assert!(start.contains("Te late opdrachten") && start.contains("12.500,00"), "{start}");

    browser.fill("#q", "ann jan").await;
    browser.submit("form.search button").await;
    assert_dutch(&browser, &phrases, "the search results").await;
    browser.client.find(Locator::Css("#q")).await.unwrap().clear().await.unwrap();
    browser.fill("#q", "a").await;
    browser.submit("form.search button").await;
    assert!(browser.text().await.contains("geef minstens 2 letters"), "{}", browser.text().await);
    assert_dutch(&browser, &phrases, "a refused search").await;

    browser.open(&format!("/customers/{id}")).await;
    assert_dutch(&browser, &phrases, "the purpose question").await;
    browser.submit("a.button[href$='purpose=sale']").await;
    assert_dutch(&browser, &phrases, "the profile").await;

    // A sale with mistakes: every refusal in Dutch; then the right one.
    browser.open(&format!("/customers/{id}/purchases/new")).await;
    assert_dutch(&browser, &phrases, "the sale form").await;
    browser.fill("#item1_price", "12.5.0").await;
    browser.fill("#total", "veel").await;
    browser.submit("main form button[type=submit]:not([name])").await;
    assert_dutch(&browser, &phrases, "a refused sale").await;
    browser.open(&format!("/customers/{id}/purchases/{sale}/receipt")).await;
    assert_dutch(&browser, &phrases, "the receipt").await;
    browser.open(&format!("/customers/{id}/purchases/{sale}/correct")).await;
    assert_dutch(&browser, &phrases, "the correction form").await;
    browser.fill("#amount", "20000").await;
    browser.submit("main form button[type=submit]").await;
    assert_dutch(&browser, &phrases, "a refused correction").await;

    browser.open(&format!("/customers/{id}/repairs/new")).await;
    browser.fill("#estimate", "veel").await;
    browser.submit("main form button[type=submit]").await;
    assert_dutch(&browser, &phrases, "a refused intake").await;
    browser.open("/workshop").await;
    assert_dutch(&browser, &phrases, "the workshop board").await;
    browser.open(&format!("/workshop/{}/ticket?copy=customer", job.id)).await;
    assert_dutch(&browser, &phrases, "the customer's ticket").await;

    browser.open(&format!("/customers/{id}/aml/new?sale={sale}")).await;
    assert_dutch(&browser, &phrases, "the identity check").await;
    browser.open(&format!("/customers/{id}/merge/{twin}")).await;
    assert_dutch(&browser, &phrases, "the merge confirmation").await;
    browser.open(&format!("/customers/{id}/access")).await;
    assert_dutch(&browser, &phrases, "who accessed").await;
    for (path, what) in [
        ("/customers/new", "a new customer"),
        ("/import", "the import"),
        ("/staff", "the staff accounts"),
        ("/settings/security", "the security settings"),
        ("/backups", "the backups"),
        ("/backups/settings", "the backup settings"),
        ("/settings/mail", "the mail settings"),
        ("/privacy/requests", "the customers' requests"),
        (&format!("/privacy/requests/new?customer={id}"), "a new request"),
        (&request, "a request"),
        ("/privacy/records", "the record of processing"),
        ("/privacy/law", "the law that applies"),
        ("/privacy/review", "the review list"),
        ("/privacy/notice", "the privacy notice"),
        ("/desk/doctor", "the check of this computer"),
        ("/desk/devices", "the devices"),
        ("/desk/risks", "the risks"),
        ("/desk/assessment", "the self-assessment"),
        ("/desk/audit", "the audit workspace"),
        ("/desk/audit/trail", "the trail's figures"),
        ("/secrets", "the password vault"),
        ("/training", "the training"),
        ("/training/phishing", "a lesson and its quiz"),
        ("/training/overview", "everyone's training"),
        ("/training/drills", "the phishing drills"),
        ("/desk/news", "the news"),
        ("/privacy/marketing", "the marketing list"),
        ("/account/password", "her password"),
        ("/account/sessions", "her sessions"),
        ("/account/passkeys", "her passkeys"),
        ("/report", "the report form"),
        ("/report/sent?kind=ransomware", "what to do right now"),
        ("/incidents", "the incident register"),
        (&incident, "an incident"),
        (&format!("{incident}/letter?to=customers"), "the letter to the customers"),
    ] {
        browser.open(path).await;
        assert_dutch(&browser, &phrases, what).await;
    }
    browser.open("/backups/recovery-kit").await;
    assert_dutch(&browser, &phrases, "the step-up before the recovery kit").await;
    browser.fill("#password", PASSWORD).await;
    browser.submit("form[action='/account/step-up'] button").await;
    assert_eq!(browser.path().await, "/backups/recovery-kit");
    browser.open(&format!("/privacy/requests/{erasure}/erase")).await;
    assert_dutch(&browser, &phrases, "an erasure's plan").await;
    assert_dutch(&browser, &phrases, "the recovery kit").await;
    browser.open(&format!("{request}/export")).await;
    assert_dutch(&browser, &phrases, "the customer's data").await;
    browser.submit("form[action$='/export/readable'] button[type=submit]").await;
    assert!(browser.text().await.contains("Uw gegevens bij"));
    assert_dutch(&browser, &phrases, "the readable copy of the customer's data").await;
}
