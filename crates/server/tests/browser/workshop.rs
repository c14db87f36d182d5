//! The workshop's day in real Chromium: a job taken in at the counter gets its ticket code,
//! appears on the board, moves through it (a wrong move undone from the notice), is moved from its
//! customer's page too, is found by its ticket in the search box, and ends under "collected
//! today".

use fantoccini::Locator;
use strongroom_domain::{Actor, NewCustomer, PersonName, Role};
use strongroom_server::ServerOptions;

use super::shop::{screenshots, second_factor};
use super::{Browser, PASSWORD, browser, chromedriver_present, start};
use crate::common::enrolled;

/// The text of one column of the board.
async fn column(browser: &Browser, status: &str) -> String {
    let css = format!("section[aria-labelledby='column-{status}']");
    browser.client.find(Locator::Css(&css)).await.unwrap().text().await.unwrap()
}

/// Clicks the move button of the job with `ticket` on the board.
async fn move_on(browser: &Browser, ticket: &str) {
    let button = browser
        .client
        .execute(
            "const card = [...document.querySelectorAll('article.job')].find(card => card.textContent.includes(arguments[0]));\
             return card ? card.id : null;",
            vec![serde_json::json!(ticket)],
        )
        .await
        .unwrap();
    let card = button.as_str().unwrap_or_else(|| panic!("{ticket} is not on the board"));
    browser.submit(&format!("#{card} form[action$='/status'] button")).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_intake_appears_on_the_board_and_moves_through_it() {
    if !chromedriver_present() {
        return;
    }
    let server = start(ServerOptions::default()).await;
    let anna = NewCustomer::named(PersonName::parse("name", "Anna Jansen").unwrap());
    let id = server.vault.add_customer(&Actor::cli("owner"), anna).unwrap().id;
    let (sara, _) = enrolled(&server.vault, "sara", Role::Sales);
    let browser = browser(&server).await;
    browser.client.set_window_size(1280, 900).await.unwrap();
    browser.sign_in("sara", PASSWORD).await;
    second_factor(&browser, &sara, 30).await;

    // Sara takes in a ring to resize; the profile shows its ticket code.
    browser.open(&format!("/customers/{id}?purpose=repair")).await;
    browser.submit("a.button[href$='/repairs/new']").await;
    browser.fill("#item_description", "Gold ring to resize").await;
    browser.fill("#condition", "Worn shank").await;
    browser.fill("#estimate", "85").await;
    browser.fill("#deposit", "25").await;
    browser.submit("main form button[type=submit]").await;
    assert_eq!(browser.path().await, format!("/customers/{id}"));
    let month = time::OffsetDateTime::now_utc().date();
    let ticket = format!("R-{:02}{:02}-001", month.year() % 100, u8::from(month.month()));
    let profile = browser.text().await;
    assert!(profile.contains(&ticket) && profile.contains("Gold ring to resize"), "{profile}");

    // Its ticket prints: the shop's copy with whose it is, the customer's with the shop's details.
    browser.submit("tr[id^='job-'] a[href$='/ticket']").await;
    let printed = browser.client.find(Locator::Css("article.ticket-print")).await.unwrap().text().await.unwrap();
    for shown in [ticket.as_str(), "Gold ring to resize", "Worn shank", "Anna Jansen", "85", "25"] {
        assert!(printed.contains(shown), "the shop's copy shows {shown}: {printed}");
    }
    assert!(browser.client.find(Locator::Css("button[data-print]")).await.is_ok());
    screenshots(&browser, "ticket").await;
    browser.submit("a[href$='copy=customer&paper=a6']").await;
    let printed = browser.client.find(Locator::Css("article.ticket-print")).await.unwrap().text().await.unwrap();
    assert!(printed.contains("Juwelier Van Dijk") && printed.contains(&ticket) && !printed.contains("Anna Jansen"), "{printed}");

    // It is on the board, received; moved to the bench by mistake, the notice undoes it.
    browser.open("/workshop").await;
    assert!(column(&browser, "received").await.contains(&ticket), "{}", browser.text().await);
    move_on(&browser, &ticket).await;
    let notice = browser.client.find(Locator::Css(".notice")).await.unwrap().text().await.unwrap();
    assert!(notice.contains(&ticket) && notice.contains("moved to At the bench"), "{notice}");
    assert!(column(&browser, "at_bench").await.contains(&ticket));
    screenshots(&browser, "workshop-moved").await;
    browser.submit(".notice form[action$='/undo'] button").await;
    assert!(column(&browser, "received").await.contains(&ticket), "undone: back where it was");
    assert!(!column(&browser, "at_bench").await.contains(&ticket));

    // From the customer's page it goes to the bench, and back on the board onwards to collected.
    browser.open(&format!("/customers/{id}")).await;
    browser.submit("tr[id^='job-'] form[action$='/status'] button").await;
    assert_eq!(browser.path().await, format!("/customers/{id}"));
    assert!(browser.text().await.contains("At the bench"), "{}", browser.text().await);
    browser.open("/workshop").await;
    move_on(&browser, &ticket).await;
    assert!(column(&browser, "ready").await.contains(&ticket));

    // The ticket code typed in the search box finds the job and whose it is.
    browser.open("/customers").await;
    browser.fill("#q", &ticket.to_lowercase()).await;
    browser.submit("form.search button").await;
    let found = browser.text().await;
    assert!(found.contains(&ticket) && found.contains("Anna Jansen") && found.contains("Ready for collection"), "{found}");

    browser.open("/workshop").await;
    move_on(&browser, &ticket).await;
    assert!(!column(&browser, "ready").await.contains(&ticket));
    assert!(column(&browser, "collected").await.contains(&ticket), "collected today");
    screenshots(&browser, "workshop-collected").await;
}
