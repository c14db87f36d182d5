//! The password vault's pages over real HTTPS: the owner adds a password shared with managers
//! to copy; a manager copies it (never shown to them) and may not show it; sales do not see it;
//! the owner sees in the trail who copied what.

use strongroom_domain::Role;
use strongroom_server::ServerOptions;

use crate::common::{enrolled, exchange};
use crate::web::Browser;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_owner_shares_a_password_a_manager_copies_it_unseen_and_the_trail_says_so() {
    // Uploads (the import) are scanned by a real clamd where one is installed.
    let (_clamd, server) = crate::desk::scanning(ServerOptions::default().max_body_bytes).await;
    let (secret, _) = enrolled(&server.vault, "olga", Role::Owner);
    let mut owner = Browser::new(&server);
    owner.sign_in("olga", &secret).await;
    let empty = owner.get("/secrets").await;
    assert!(empty.body.contains("The shop&#39;s passwords") || empty.body.contains("The shop's passwords"), "{}", empty.body);
    let csrf = empty.csrf();
    let refused = owner
        .post("/secrets", &[("csrf", &csrf), ("name", "Webshop"), ("password", "Zeilboot-Tulp-81-hamer"), ("share_manager", "all")])
        .await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert!(refused.body.contains("must be use, view or manage") && refused.body.contains("value=\"Webshop\""), "{}", refused.body);
    let added = owner
        .post(
            "/secrets",
            &[
                ("csrf", &csrf),
                ("name", "Webshop admin"),
                ("url", "https://shop.example/admin"),
                ("username", "olga"),
                ("password", "Zeilboot-Tulp-81-hamer"),
                ("share_manager", "use"),
            ],
        )
        .await;
    assert_eq!(added.status, 303, "{}", added.body);
    let list = owner.get("/secrets").await;
    assert!(list.body.contains("Webshop admin") && !list.body.contains("Zeilboot-Tulp-81-hamer"), "{}", list.body);
    let id = list.body.split("data-copy=\"/secrets/").nth(1).unwrap().split('/').next().unwrap().to_owned();

    let (secret, _) = enrolled(&server.vault, "max", Role::Manager);
    let mut manager = Browser::new(&server);
    manager.sign_in("max", &secret).await;
    let theirs = manager.get("/secrets").await;
    assert!(theirs.body.contains("Webshop admin") && theirs.body.contains("data-copy"), "{}", theirs.body);
    assert!(!theirs.body.contains(&format!("/secrets/{id}/show")), "a manager may copy, not see: {}", theirs.body);
    let cookies: Vec<String> = manager.cookies.iter().map(|(name, value)| format!("{name}={value}")).collect();
    let copy_path = format!("/secrets/{id}/copy");
    let without_token = exchange(manager.server(), "POST", &copy_path, &[("Cookie", cookies.join("; "))], b"").await;
    assert_eq!(without_token.status, 403, "the CSRF token is needed");
    assert_eq!(manager.get(&format!("/secrets/{id}")).await.status, 404, "the entry's page (notes, shares) is for who manages it");
    let headers = [("Cookie", cookies.join("; ")), ("X-CSRF-Token", theirs.csrf())];
    let copied = exchange(manager.server(), "POST", &copy_path, &headers, b"").await;
    assert_eq!(copied.status, 200, "{}", copied.body);
    let answer: serde_json::Value = serde_json::from_str(&copied.body).unwrap();
    assert_eq!(answer["password"], "Zeilboot-Tulp-81-hamer");
    let shown = manager.post(&format!("/secrets/{id}/show"), &[("csrf", &theirs.csrf())]).await;
    assert_eq!(shown.status, 403, "{}", shown.body);

    let (secret, _) = enrolled(&server.vault, "sam", Role::Sales);
    let mut sales = Browser::new(&server);
    sales.sign_in("sam", &secret).await;
    assert!(sales.get("/secrets").await.body.contains("No passwords are shared with you yet."));

    // The owner sees who looked: the copy, and the refused show.
    let query = strongroom_app::AuditQuery { action: Some("secret.reveal".into()), limit: 20, ..Default::default() };
    let looks = server.vault.audit_log(&strongroom_domain::Actor::cli("owner"), &query).unwrap();
    let by_max: Vec<(String, String)> = looks
        .iter()
        .filter(|(_, event)| event.actor_name == "max")
        .map(|(_, event)| (event.outcome.clone(), event.detail.clone().unwrap_or_default()))
        .collect();
    assert_eq!(by_max, [("allowed".to_owned(), "copied".to_owned()), ("denied".to_owned(), "needs view".to_owned())]);
    // Showing a password asks who is at the screen first.
    let asked = owner.post(&format!("/secrets/{id}/show"), &[("csrf", &csrf)]).await;
    assert!(asked.header("location").is_some_and(|to| to.starts_with("/account/step-up")), "{}", asked.body);

    // An export with a card in it imports nothing, naming the row; a clean one imports all.
    let header = "folder,favorite,type,name,notes,fields,reprompt,login_uri,login_username,login_password,login_totp\n";
    let with_card = format!("{header},,login,Bank,,,0,https://bank.example,shop,rivier-Schelp-62-brons,\n,,card,Visa,,,0,,,,\n");
    let refused =
        crate::desk::post_named_file(&mut owner, "/secrets/import", &[("share_manager", "view")], "bitwarden.csv", &with_card).await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert!(refused.body.contains("Nothing was imported") && refused.body.contains("<td>3</td>"), "{}", refused.body);
    let clean = format!("{header},,login,Bank,,,0,https://bank.example,shop,rivier-Schelp-62-brons,\n");
    let imported = crate::desk::post_named_file(&mut owner, "/secrets/import", &[("share_manager", "view")], "bitwarden.csv", &clean).await;
    assert_eq!(imported.status, 303, "{}", imported.body);
    assert_eq!(imported.header("location"), Some("/secrets?imported=1&left=0"));
    assert!(owner.get("/secrets?imported=1&left=0").await.body.contains("1 passwords imported. Delete the export file now"));
    assert!(manager.get("/secrets").await.body.contains("Bank"), "shared with managers as imported");

    // The export asks for the owner's password first.
    let asked = owner.post("/secrets/export", &[("csrf", &csrf)]).await;
    assert!(asked.header("location").is_some_and(|to| to.starts_with("/account/step-up")), "{}", asked.body);

    // When max leaves, disabling his account leads the owner to the passwords to change.
    let step_up = owner.get("/account/step-up?next=/staff").await;
    let proved =
        owner.post("/account/step-up", &[("password", crate::common::PASSWORD), ("next", "/staff"), ("csrf", &step_up.csrf())]).await;
    assert_eq!(proved.status, 303, "{}", proved.body);
    let shown = owner.post(&format!("/secrets/{id}/show"), &[("csrf", &csrf)]).await;
    assert!(shown.body.contains("Zeilboot-Tulp-81-hamer"), "the owner, stepped up, sees it: {}", shown.body);
    let disabled = owner.post("/staff/max/disable", &[("csrf", &csrf)]).await;
    assert_eq!(disabled.header("location"), Some("/secrets/left/max"), "{}", disabled.body);
    let left = owner.get("/secrets/left/max").await;
    assert!(left.body.contains("Passwords to change now max has left") && left.body.contains("Webshop admin"), "{}", left.body);
    let flagged = owner.get("/secrets").await;
    assert!(flagged.body.contains("seen by max, who left"), "{}", flagged.body);
    let exported = owner.post("/secrets/export", &[("csrf", &csrf)]).await;
    assert_eq!(exported.status, 200, "after the step-up: {}", exported.body);
    assert!(exported.body.starts_with("folder,favorite,type,name") && exported.body.contains("Zeilboot-Tulp-81-hamer"));
}
