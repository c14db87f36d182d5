//! The security training in real Chromium: a sales person sees the basics on the start page,
//! reads the phishing lesson, passes its quiz by clicking the answers; the owner sees the
//! completion chart with the month's bar and the sales person's score.

use strongroom_domain::Role;
use strongroom_server::ServerOptions;

use super::incidents::signed_in;
use super::shop::screenshots;
use super::{chromedriver_present, start};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sales_person_passes_a_quiz_and_the_owner_sees_the_chart() {
    if !chromedriver_present() {
        return;
    }
    let server = start(ServerOptions::default()).await;
    let sales = signed_in(&server, "sam", Role::Sales).await;
    sales.open("/").await;
    assert!(sales.text().await.contains("Your security training"));
    sales.submit("section.training a[href='/training']").await;
    sales.submit("a[href='/training/phishing']").await;
    let lesson = strongroom_domain::lesson("phishing").unwrap();
    let page = sales.text().await;
    assert!(page.contains(lesson.title.en) && page.contains(lesson.body[0].en), "{page}");
    screenshots(&sales, "lesson").await;
    for (n, right) in lesson.answers().iter().enumerate() {
        sales.click(&format!("label[for='q{n}-{right}']")).await;
    }
    sales.submit("form.quiz button[type=submit]").await;
    let result = sales.text().await;
    assert!(result.contains("Passed: 6 of 6 right."), "{result}");
    sales.open("/training").await;
    assert!(sales.text().await.contains("Done on"));

    let owner = signed_in(&server, "olga", Role::Owner).await;
    owner.open("/training/overview").await;
    screenshots(&owner, "training-overview").await;
    let bars = owner.client.find_all(fantoccini::Locator::Css("svg.completion rect.month")).await.unwrap();
    assert!(!bars.is_empty(), "this month's bar");
    let row = owner.client.find(fantoccini::Locator::XPath("//tr[td[1]='sam']")).await.unwrap().text().await.unwrap();
    assert!(row.contains("100%") && row.contains("sales"), "sam's row: {row}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_drill_mail_reaches_the_smtp_server_its_link_is_opened_and_the_owner_sees_it() {
    if !chromedriver_present() {
        return;
    }
    let server = start(ServerOptions::default()).await;
    // Without aiosmtpd (CI always has it) the mail is not delivered and the test stops there.
    let Some(smtp) = super::smtp::Smtp::start(server.dir.path()) else { return };
    let owner_cli = strongroom_domain::Actor::cli("owner");
    let settings = strongroom_domain::MailSettings::new(
        strongroom_domain::MailHost::parse("127.0.0.1").unwrap(),
        smtp.port,
        strongroom_domain::MailSecurity::None,
        None,
        "shop@example.com",
        &["owner@example.com"],
    )
    .unwrap();
    let keep = (strongroom_app::PasswordChange::Keep, strongroom_app::TrustedCa::Keep);
    server.vault.set_mail_settings(&owner_cli, settings, keep.0, keep.1).unwrap();
    let sales = signed_in(&server, "sam", Role::Sales).await;
    let address = strongroom_domain::EmailAddress::parse("sam@example.com").unwrap();
    server.vault.set_staff_mail(&owner_cli, &strongroom_domain::StaffName::parse("sam").unwrap(), Some(&address)).unwrap();

    let owner = signed_in(&server, "olga", Role::Owner).await;
    owner.open("/training/drills").await;
    owner.client.execute("document.querySelector('#template').value = 'parcel';", vec![]).await.unwrap();
    owner.click("label[for='to-sam']").await;
    owner.submit("form[action='/training/drills'] button[type=submit]").await;
    let sent = owner.text().await;
    assert!(sent.contains("waiting to be sent"), "{sent}");
    let delivery = server.vault.deliver_mail(&owner_cli, 10).unwrap();
    assert_eq!(delivery.sent, 1, "{delivery:?}");
    let mail = smtp.messages().into_iter().find(|message| message.contains("Your parcel is waiting")).expect("the drill mail arrived");
    assert!(mail.contains("sam@example.com") && mail.contains("Dear sam"), "{mail}");
    let link = mail.lines().find(|line| line.contains("/drill/")).expect("the link, on a line of its own").trim().to_owned();
    let path = &link[link.find("/drill/").unwrap()..];

    // Sam opens it: the teaching page, nothing asked; the phishing lesson is his again.
    sales.open(path).await;
    let page = sales.text().await;
    assert!(page.contains("This was a practice phishing mail") && page.contains("Hurry: the parcel goes back tomorrow."), "{page}");
    assert!(!sales.client.source().await.unwrap().contains("type=\"password\""), "never asks for a password");
    // The page's script records the opening (a link checker that only fetches the page does not).
    let mut clicked = None;
    for _ in 0..50 {
        clicked = server.vault.drills(&owner_cli).unwrap()[0].targets[0].clicked_at;
        if clicked.is_some() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(clicked.is_some(), "the opening was recorded");
    // Sam then reports it, as he should have at once: the drill counts the report.
    let sam = strongroom_domain::Actor::staff("sam", Role::Sales, false);
    let report = strongroom_domain::NewIncident::new(
        strongroom_domain::IncidentKind::Phishing,
        strongroom_domain::FreeText::parse("summary", "A parcel mail asking for EUR 1.99").unwrap(),
        None,
        time::OffsetDateTime::now_utc(),
    )
    .unwrap();
    server.vault.report_incident(&sam, report).unwrap();

    owner.open("/training/drills").await;
    let row = owner.client.find(fantoccini::Locator::XPath("//table[contains(@class,'drill')]//tr[td[1]='sam']")).await.unwrap();
    let row = row.text().await.unwrap();
    assert!(row.contains("delivered to the mail server") && !row.contains('–'), "sam's row shows the click and the report: {row}");
    let lessons = server.vault.my_training(&sam, "en", time::OffsetDateTime::now_utc().date()).unwrap().lessons;
    let phishing: Vec<_> = lessons.iter().filter(|lesson| lesson.lesson == "phishing").collect();
    assert_eq!(phishing.len(), 2, "the basics and the follow-up after the click: {phishing:?}");
}
