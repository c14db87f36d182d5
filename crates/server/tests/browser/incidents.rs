//! "Report a problem" in real Chromium: a sales person reports a clicked link (a card number
//! in it refused first), gets what to do right now; the owner sees the alert on the start page,
//! opens the incident, moves it on and weighs it; the external auditor reads the register and
//! can change nothing.

use strongroom_app::ClientInfo;
use strongroom_domain::{Actor, EmailAddress, NewCustomer, PersonName, Role, StaffName};
use strongroom_identity::Password;
use strongroom_server::ServerOptions;

use super::shop::{check_layout, screenshots, second_factor};
use super::smtp::Smtp;
use super::{Browser, PASSWORD, browser, chromedriver_present};
use crate::common::{Running, enrolled, start};

pub(super) async fn signed_in(server: &Running, username: &str, role: Role) -> Browser {
    let (secret, _) = enrolled(&server.vault, username, role);
    let browser = browser(server).await;
    browser.client.set_window_size(1280, 900).await.unwrap();
    browser.sign_in(username, PASSWORD).await;
    second_factor(&browser, &secret, 30).await;
    browser
}

async fn choose(browser: &Browser, css: &str, value: &str) {
    let script = format!("document.querySelector({css:?}).value = {value:?};");
    browser.client.execute(&script, vec![]).await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sales_person_reports_a_clicked_link_and_the_owner_takes_it_up() {
    if !chromedriver_present() {
        return;
    }
    let server = start(ServerOptions::default()).await;
    // Without aiosmtpd (CI always has it) the flow runs all the same, its mail left waiting.
    let smtp = Smtp::start(server.dir.path());
    let sales = signed_in(&server, "sam", Role::Sales).await;
    // Sam opened two customers' records today, before the mail came.
    let purpose = strongroom_domain::Purposes::standard().parse("sale").unwrap();
    for (name, email) in [("Anna Jansen", "anna@example.com"), ("Bea Bakker", "bea@example.com")] {
        let new = NewCustomer {
            email: Some(EmailAddress::parse(email).unwrap()),
            ..NewCustomer::named(PersonName::parse("name", name).unwrap())
        };
        let id = server.vault.add_customer(&Actor::cli("owner"), new).unwrap().id;
        server.vault.show_customer(&Actor::staff("sam", Role::Sales, true), id, &purpose).unwrap();
    }
    // The shop's mail goes to a real SMTP server on this machine; alerts to the owner.
    let settings = strongroom_domain::MailSettings::new(
        strongroom_domain::MailHost::parse("127.0.0.1").unwrap(),
        smtp.as_ref().map_or(25, |smtp| smtp.port),
        strongroom_domain::MailSecurity::None,
        None,
        "shop@example.com",
        &["owner@example.com"],
    )
    .unwrap();
    let (keep, keep_ca) = (strongroom_app::PasswordChange::Keep, strongroom_app::TrustedCa::Keep);
    server.vault.set_mail_settings(&Actor::cli("owner"), settings, keep, keep_ca).unwrap();
    sales.submit("a[href='/report']").await;
    check_layout(&sales, "the report page").await;
    screenshots(&sales, "report").await;
    sales.client.set_window_size(1280, 900).await.unwrap();
    sales.click("input[value='phishing']").await;
    sales.fill("#summary", "Clicked the parcel link; the customer had read out 4111 1111 1111 1111").await;
    sales.submit("form[action='/report'] button").await;
    let page = sales.text().await;
    assert!(page.contains("not sent yet") && page.contains("card number"), "{page}");
    let source = sales.client.source().await.unwrap();
    assert!(!source.contains("4111"), "the card number is not sent back");
    let kept = sales.client.execute("return document.querySelector(\"input[value='phishing']\").checked;", vec![]).await.unwrap();
    assert_eq!(kept, serde_json::Value::Bool(true), "the choice is kept");
    sales.fill("#summary", "Clicked the link in a parcel mail and typed my mail password").await;
    sales.submit("form[action='/report'] button").await;
    let page = sales.text().await;
    assert!(page.contains("Thank you: the report is in") && page.contains("Type nothing more on that page"), "{page}");
    screenshots(&sales, "incident-reported").await;
    sales.open("/incidents").await;
    sales.source_once("may not").await; // a reporter does not read the register

    let owner = signed_in(&server, "olga", Role::Owner).await;
    // The mail page: the settings as saved, and a test message through the real server.
    owner.open("/settings/mail").await;
    check_layout(&owner, "the mail page").await;
    if let Some(smtp) = &smtp {
        owner.fill("#to", "owner@example.com").await;
        owner.submit("form[action='/settings/mail/test'] button").await;
        assert!(owner.text().await.contains("The mail server took the test message"), "{}", owner.text().await);
        assert!(smtp.messages().iter().any(|message| message.contains("Subject: Strongroom: test message")), "it arrived");
    }
    owner.open("/").await;
    let start = owner.text().await;
    assert!(start.contains("New incident reports: 1"), "{start}");
    assert!(start.contains("No incident drill in the last 12 months"), "the yearly drill is suggested: {start}");
    owner.submit("a[href='/incidents']").await;
    let register = owner.text().await;
    assert!(register.contains("I clicked a link") && register.contains("sam") && register.contains("not assessed yet"), "{register}");
    owner.submit("table.incidents a").await;
    check_layout(&owner, "an incident").await;
    owner.submit("form[action$='/playbook'] button").await;
    owner.submit("form[action$='/tasks/0/done'] button").await;
    let page = owner.text().await;
    assert!(page.contains("Take the affected computer off the network") && page.contains("done by olga"), "{page}");
    assert!(page.contains("Change the passwords that may be known") && page.contains("due by"), "{page}");
    assert!(owner.text().await.contains("typed my mail password"));
    choose(&owner, "#status", "investigating").await;
    owner.submit("form[action$='/status'] button").await;
    choose(&owner, "#dpc", "2").await;
    choose(&owner, "#confidentiality", "0.5").await;
    owner.click("input[name='malicious']").await;
    owner.submit("form.severity button").await;
    let page = owner.text().await;
    assert!(
        page.contains("high (3.00)") && page.contains("Proposed: notify the supervisory authority within 72 hours, and tell"),
        "{page}"
    );
    assert!(
        page.contains("changed the status") && page.contains("new → investigating") && page.contains("assessed the severity"),
        "{page}"
    );
    screenshots(&owner, "incident").await;
    owner.client.set_window_size(1280, 900).await.unwrap();
    owner.open("/").await;
    assert!(!owner.text().await.contains("New incident reports"), "taken up");

    // The mail password was typed into the phishing page: the mailbox held customers' mails, so
    // the owner records a breach, aware since two hours ago; the clock shows on every page.
    owner.submit("a[href='/incidents']").await;
    owner.submit("table.incidents a").await;
    let now = time::OffsetDateTime::now_utc();
    choose(&owner, "#became_aware_at", &strongroom_server::shop_local_input(now - time::Duration::hours(2))).await;
    owner.click("input[name='types'][value='confidentiality']").await;
    owner.fill("#people", "35").await;
    // A card number in the record is refused; what was typed comes back without it.
    owner.fill("#consequences", "The mailbox held a card number 4111 1111 1111 1111").await;
    owner.submit("form.breach button").await;
    let source = owner.client.source().await.unwrap();
    assert!(source.contains("card number") && !source.contains("4111"), "refused, never echoed");
    let kept = owner
        .client
        .execute("return [document.querySelector('#people').value, document.querySelector('#consequences').value];", vec![])
        .await
        .unwrap();
    assert_eq!(kept, serde_json::json!(["35", ""]), "what was typed is kept, the card number is not");
    assert!(!owner.text().await.contains("breach recorded"), "nothing was stored");
    owner.submit("form.breach button").await;
    let body = owner.client.find(fantoccini::Locator::Css("body")).await.unwrap().text().await.unwrap();
    assert!(body.contains("Personal-data breach: notify the supervisory authority by") && body.contains("hours left)"), "{body}");
    assert!(body.contains("breach recorded, not notified") && body.contains("recorded the breach"), "{body}");
    // Who did the phished account reach? From the trail, attached as evidence.
    owner.fill("#account", "sam").await;
    owner.submit("form.impact button").await;
    let page = owner.text().await;
    assert!(page.contains("sam: 2 customers, 2 records opened") && page.contains("user.name: 2"), "{page}");
    assert!(page.contains("looked up who was affected"), "in the timeline: {page}");
    screenshots(&owner, "incident-breach").await;
    owner.client.set_window_size(1280, 900).await.unwrap();
    owner.open("/customers").await;
    owner.source_once("class=\"breach-clock\"").await; // on every page
    sales.open("/").await;
    assert!(!sales.client.source().await.unwrap().contains("breach-clock"), "not on the reporter's pages");
    owner.open("/incidents").await;
    owner.submit("table.incidents a").await;
    owner.submit("a[href$='/letter?to=authority']").await;
    check_layout(&owner, "the letter to the authority").await;
    let letter = owner.client.execute("return document.querySelector('#letter').value;", vec![]).await.unwrap();
    let letter = letter.as_str().unwrap_or_default().to_owned();
    assert!(letter.contains("Approximately: 35 people") && letter.contains("(Art. 33(4))"), "{letter}");
    // Sent as it is: kept as a version, the notification's first phase.
    owner.submit("button.keep-sent").await;
    let kept = owner.text().await;
    assert!(kept.contains("Version 1, kept by olga") && kept.contains("; sent"), "{kept}");
    owner.open("/incidents").await;
    owner.submit("table.incidents a").await;
    choose(&owner, "#notified_at", &strongroom_server::shop_local_input(now)).await;
    owner.submit("form.breach button").await;
    let page = owner.text().await;
    assert!(page.contains("breach notified") && page.contains("35"), "{page}");
    assert!(!owner.client.source().await.unwrap().contains("breach-clock"), "the clock stops once the authority is told");

    // The shop's own steps: one added to the lost-device playbook from its page.
    owner.open("/incidents/playbooks").await;
    check_layout(&owner, "the playbooks page").await;
    owner.fill("#text-lost-device", "Ask the phone shop to block the SIM").await;
    owner.submit("#lost-device form.add-step button").await;
    let page = owner.text().await;
    assert!(page.contains("Ask the phone shop to block the SIM") && page.contains("The shop's own version."), "{page}");
    owner.open("/incidents").await;
    owner.submit("table.incidents a").await;

    // The customers' letter: its blanks filled in, sent one e-mail per customer the trail names.
    owner.submit("a[href$='/letter?to=customers']").await;
    let fill =
        "const box = document.querySelector('#letter'); box.value = box.value.replace(/\\[(?!name\\])[^\\]]*\\]/g, 'a mail password');";
    owner.client.execute(fill, vec![]).await.unwrap();
    owner.submit("button.send").await;
    let page = owner.text().await;
    assert!(page.contains("Queued now\n2") || page.contains("Queued now 2"), "{page}");
    if let Some(smtp) = &smtp {
        let vault = std::sync::Arc::clone(&server.vault);
        let delivered = tokio::task::spawn_blocking(move || vault.deliver_mail(&Actor::system("mail sender"), 100)).await.unwrap().unwrap();
        assert_eq!(delivered.sent, 3, "the two letters and the alert about the report: {delivered:?}");
        let messages = smtp.messages();
        let anna = messages.iter().find(|message| message.contains("To: anna@example.com")).expect("Anna's letter");
        assert!(anna.contains("Dear Anna Jansen,"), "{anna}");
        assert!(messages.iter().any(|message| message.contains("To: bea@example.com")), "Bea's letter");
        let alert = messages.iter().find(|message| message.contains("a problem was reported")).expect("the alert");
        assert!(alert.contains("To: owner@example.com") && !alert.contains("parcel mail"), "never the reporter's words: {alert}");
    }
    owner.open("/incidents").await;
    owner.submit("table.incidents a").await;
    let page = owner.text().await;
    let outbox = if smtp.is_some() { "sent: 3" } else { "waiting: 3" };
    assert!(page.contains(outbox), "the incident's outbox: {page}");
    assert!(page.contains("Notification to the authority, in phases") && page.contains("Letters kept"), "{page}");

    // The external auditor sees no customer, so signs in without a second factor.
    let code = server.vault.add_staff(&Actor::cli("owner"), &StaffName::parse("ada").unwrap(), Role::ExternalAuditor, None).unwrap().code;
    server.vault.enrol("ada", code.unwrap().as_str(), &Password::new(PASSWORD), &ClientInfo::default()).unwrap();
    let auditor = browser(&server).await;
    auditor.sign_in("ada", PASSWORD).await;
    auditor.submit("a[href='/incidents']").await;
    auditor.submit("table.incidents a").await;
    let source = auditor.client.source().await.unwrap();
    assert!(source.contains("high (3.00)") && !source.contains("form.severity") && !source.contains("/severity\""), "read only");
    assert!(source.contains("Letters kept") && !source.contains("letter?version="), "which letters were kept, never their text");
}
