//! The password vault in real Chromium: the owner shares a password with managers to copy; a
//! manager's page never shows it and the copy button takes it (recorded); the owner opens the
//! entry and sees who took it out.

use strongroom_domain::Role;
use strongroom_server::ServerOptions;

use super::incidents::signed_in;
use super::{chromedriver_present, start};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_password_shared_with_managers_is_copied_unseen_and_the_owner_sees_who_took_it() {
    if !chromedriver_present() {
        return;
    }
    let server = start(ServerOptions::default()).await;
    let owner = signed_in(&server, "olga", Role::Owner).await;
    owner.open("/secrets").await;
    owner.fill("#name", "Webshop admin").await;
    owner.fill("#url", "https://shop.example/admin").await;
    owner.fill("#username", "olga").await;
    owner.fill("#password", "Zeilboot-Tulp-81-hamer").await;
    owner.client.execute("document.querySelector('#share_manager').value = 'use';", vec![]).await.unwrap();
    owner.submit("form[action='/secrets'] button[type=submit]").await;
    assert!(owner.text().await.contains("Webshop admin"));

    let manager = signed_in(&server, "max", Role::Manager).await;
    manager.open("/secrets").await;
    let page = manager.text().await;
    assert!(page.contains("Webshop admin") && !page.contains("Zeilboot"), "{page}");
    assert!(!manager.client.source().await.unwrap().contains("/show"), "a manager may copy, not see");
    manager.click("button.copy").await;
    // The status says copied, or (where the headless browser keeps the clipboard to itself) that
    // copying needs the page's script; either way the password was fetched, never shown.
    let mut status = String::new();
    for _ in 0..50 {
        status = manager.client.find(fantoccini::Locator::Css(".copied")).await.unwrap().text().await.unwrap();
        if !status.trim().is_empty() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(!status.trim().is_empty() && !manager.text().await.contains("Zeilboot"), "{status}");

    let id = server.vault.secrets(&strongroom_domain::Actor::cli("owner"), time::OffsetDateTime::now_utc().date()).unwrap()[0].id;
    owner.open(&format!("/secrets/{id}")).await;
    let looks = owner.text().await;
    assert!(looks.contains("Who took the password out") && !looks.contains("Nobody has shown or copied it yet."), "{looks}");
    let row = owner.client.find(fantoccini::Locator::Css("main table tbody tr")).await.unwrap().text().await.unwrap();
    assert!(row.contains("max") && row.contains("copied"), "the look's row: {row}");
}
