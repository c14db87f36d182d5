//! The owner's backups in real Chromium: warned while there is no recent backup, a backup made
//! and a restore drill run from the page, both shown there and on the start page.

use strongroom_domain::{Actor, NewCustomer, PersonName, Role};
use strongroom_server::ServerOptions;

use super::shop::{check_layout, screenshots, second_factor};
use super::{PASSWORD, browser, chromedriver_present};
use crate::common::{enrolled, start_with_backups};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_owner_backs_up_and_drills_from_the_page_and_is_warned_until_a_backup_is_made() {
    if !chromedriver_present() {
        return;
    }
    let server = start_with_backups(ServerOptions::default()).await;
    server.vault.add_customer(&Actor::cli("owner"), NewCustomer::named(PersonName::parse("name", "Anna Jansen").unwrap())).unwrap();
    let (secret, _) = enrolled(&server.vault, "olga", Role::Owner);
    let browser = browser(&server).await;
    browser.client.set_window_size(1280, 900).await.unwrap();
    browser.sign_in("olga", PASSWORD).await;
    second_factor(&browser, &secret, 30).await;

    // No backup yet: the start page says so, and where to make one.
    let start = browser.text().await;
    assert!(start.contains("No good backup in the last 26 hours") && start.contains("There is no good backup yet."), "{start}");
    assert!(start.contains("No restore drill yet"), "{start}");

    browser.open("/backups").await;
    check_layout(&browser, "the backups page").await;
    browser.submit("form[action='/backups/now'] button").await;
    // The page follows the backup, made in the background, until it is written.
    let page = browser.text_once("The backup was written.").await;
    assert!(page.contains("Last good backup:"), "{page}");
    assert!(page.contains("opens with this shop's key") && !page.contains("No good backup in the last 26 hours"), "{page}");
    assert!(page.contains("On the same disk as the data"), "the test's folder shares the data's disk: {page}");

    browser.submit("form[action='/backups/drill'] button").await;
    let page = browser.text_once("The restore drill has run").await;
    assert!(page.contains("passed: the newest backup was restored"), "{page}");
    screenshots(&browser, "backups").await;
    browser.client.set_window_size(1280, 900).await.unwrap();

    // The start page now shows the backup and the drill, without a warning.
    browser.open("/").await;
    let start = browser.text().await;
    assert!(start.contains("Last good backup:") && start.contains("Last restore drill:") && !start.contains("26 hours"), "{start}");
    assert!(start.contains("/backups: newest backup:"), "each folder with its newest backup: {start}");

    // The recovery kit: after the password again, the key in 14 groups and its QR code.
    browser.open("/backups/recovery-kit").await;
    assert_eq!(browser.path().await, "/account/step-up");
    browser.fill("#password", PASSWORD).await;
    browser.submit("form[action='/account/step-up'] button").await;
    assert_eq!(browser.path().await, "/backups/recovery-kit");
    let source = browser.client.source().await.unwrap();
    assert_eq!(source.matches("<code class=\"group\">").count(), 14);
    assert!(source.contains("<svg") && source.contains("data-print"), "the QR code and a print button");
    screenshots(&browser, "recovery-kit").await;
    browser.client.set_window_size(1280, 900).await.unwrap();

    // The backup settings: from the page, checked field by field, saved in the vault and used
    // by the next backup (the password was given again just now, for the kit).
    browser.open("/backups").await;
    browser.submit("a[href='/backups/settings']").await;
    let page = browser.text().await;
    assert!(
        page.contains("come from [backup] in strongroom.toml") && page.contains("for about 372 days when a folder gets a backup every day"),
        "{page}"
    );
    check_layout(&browser, "the backup settings").await;
    let usb = tempfile::tempdir().unwrap();
    let usb_path = usb.path().display().to_string();
    let before = browser.client.find(fantoccini::Locator::Css("#folders")).await.unwrap().prop("value").await.unwrap().unwrap();
    browser.client.find(fantoccini::Locator::Css("#folders")).await.unwrap().clear().await.unwrap();
    browser.fill("#folders", &format!("{before}\nusb-stick")).await;
    // Out of bounds, checked by the server (the field's own minimum stops a 0 in the browser).
    browser.client.find(fantoccini::Locator::Css("#keep_weekly")).await.unwrap().clear().await.unwrap();
    browser.fill("#keep_weekly", "999").await;
    browser.submit("form[action='/backups/settings'] button").await;
    let page = browser.text().await;
    assert!(page.contains("usb-stick is not a whole path from the top") && page.contains("must be a whole number from 0 to 261"), "{page}");
    assert!(page.contains("\nusb-stick\n"), "what was typed is shown again: {page}");
    assert!(server.vault.backup_settings(&Actor::cli("owner")).unwrap().settings.folders.len() == 1, "nothing saved");
    browser.client.find(fantoccini::Locator::Css("#folders")).await.unwrap().clear().await.unwrap();
    browser.fill("#folders", &format!("{before}\n{usb_path}")).await;
    browser.client.find(fantoccini::Locator::Css("#keep_daily")).await.unwrap().clear().await.unwrap();
    browser.fill("#keep_daily", "14").await;
    browser.client.find(fantoccini::Locator::Css("#keep_weekly")).await.unwrap().clear().await.unwrap();
    browser.fill("#keep_weekly", "4").await;
    browser.submit("form[action='/backups/settings'] button").await;
    let page = browser.text().await;
    assert!(page.contains("backups is inside the data directory: a backup there is lost with the data"), "{page}");
    let nas = tempfile::tempdir().unwrap();
    browser.client.find(fantoccini::Locator::Css("#folders")).await.unwrap().clear().await.unwrap();
    browser.fill("#folders", &format!("{usb_path}\n{}", nas.path().display())).await;
    browser.client.find(fantoccini::Locator::Css("#keep_daily")).await.unwrap().clear().await.unwrap();
    browser.fill("#keep_daily", "14").await;
    browser.client.find(fantoccini::Locator::Css("#keep_weekly")).await.unwrap().clear().await.unwrap();
    browser.fill("#keep_weekly", "4").await;
    browser.submit("form[action='/backups/settings'] button").await;
    let page = browser.text().await;
    assert!(page.contains("The backup settings are saved.") && page.contains("Last saved:"), "{page}");
    let saved = server.vault.backup_settings(&Actor::cli("owner")).unwrap().settings;
    assert_eq!((saved.folders.len(), saved.keep.daily), (2, 14));
    browser.open("/backups").await;
    browser.submit("form[action='/backups/now'] button").await;
    browser.text_once("The backup was written.").await;
    assert_eq!(
        std::fs::read_dir(usb.path())
            .unwrap()
            .filter(|entry| entry.as_ref().unwrap().file_name().to_string_lossy().ends_with(".srbk"))
            .count(),
        1
    );

    // A manager has no backups page.
    let (secret, _) = enrolled(&server.vault, "mia", Role::Manager);
    let manager = super::browser(&server).await;
    manager.sign_in("mia", PASSWORD).await;
    second_factor(&manager, &secret, 30).await;
    assert!(!manager.text().await.contains("Backups"));
    manager.open("/backups").await;
    assert!(manager.client.source().await.unwrap().contains("may not"), "refused");
}
