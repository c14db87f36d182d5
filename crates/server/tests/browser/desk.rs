//! The external auditor's workspace in real Chromium: from the start page to the workspace, a
//! finding written through its form, no customer's data anywhere, and the audit report's
//! checkpoint accepted by the trail's verification.

use strongroom_domain::{Actor, NewCustomer, PersonName, Role, StaffName};
use strongroom_server::ServerOptions;

use super::{PASSWORD, browser, chromedriver_present, start};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_external_auditor_reads_the_workspace_writes_a_finding_and_sees_no_personal_data() {
    if !chromedriver_present() {
        return;
    }
    let server = start(ServerOptions::default()).await;
    let owner = Actor::cli("owner");
    server.vault.add_customer(&owner, NewCustomer::named(PersonName::parse("name", "Anna Jansen").unwrap())).unwrap();
    // The auditor sees no customer, so a password is the role's sign-in.
    let code = server.vault.add_staff(&owner, &StaffName::parse("ada").unwrap(), Role::ExternalAuditor, None).unwrap().code.unwrap();
    server
        .vault
        .enrol("ada", code.as_str(), &strongroom_identity::Password::new(PASSWORD), &strongroom_app::ClientInfo::default())
        .unwrap();
    let auditor = browser(&server).await;
    auditor.sign_in("ada", PASSWORD).await;
    auditor.submit("a.button[href='/desk/audit']").await;
    assert_eq!(auditor.path().await, "/desk/audit");
    auditor.fill("#title", "No restore drill this year").await;
    auditor.fill("#detail", "The backups page shows no drill since January").await;
    auditor.fill("#recommendation", "Run one every quarter").await;
    auditor.submit("form[action='/desk/audit/findings'] button").await;
    let workspace = auditor.text().await;
    assert!(workspace.contains("No restore drill this year") && workspace.contains("ada"), "{workspace}");
    for page in ["/desk/audit", "/desk/risks", "/desk/assessment", "/desk/devices", "/desk/audit/report"] {
        auditor.open(page).await;
        let text = auditor.text().await;
        assert!(!text.contains("Anna") && !text.contains("Jansen"), "{page} shows a customer: {text}");
    }
    // The report made now: its checkpoint, as the printed page carries it, checks the trail.
    auditor.open("/desk/audit").await;
    auditor.submit("form[action='/desk/audit/report'] button").await;
    assert_eq!(auditor.path().await, "/desk/audit/report");
    let source = auditor.client.source().await.unwrap();
    let note =
        source.split("-----BEGIN STRONGROOM CHECKPOINT-----").nth(1).unwrap().split("-----END STRONGROOM CHECKPOINT-----").next().unwrap();
    let verified = server.vault.verify_audit_log(&owner, Some(note.trim_start())).unwrap();
    assert!(verified.is_ok() && verified.against_size.is_some(), "{verified:?}");
}
