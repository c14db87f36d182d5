//! `strongroom training list|status`: the course and where each member of staff stands, as the
//! issue's JSON contract gives them.

use super::*;

#[test]
fn the_course_and_everyones_standing_read_as_json() {
    let shop = Shop::new();
    shop.init();
    let lessons = shop.json(&["training", "list", "--json"]);
    let lessons = lessons.as_array().unwrap();
    assert!(lessons.len() >= 12, "a lesson a month");
    for lesson in lessons {
        assert!(lesson["id"].as_str().is_some_and(|id| !id.is_empty()), "{lesson}");
        assert!(lesson["title"].as_str().is_some_and(|title| !title.is_empty()), "{lesson}");
        assert!(lesson["questions"].as_u64().is_some_and(|questions| questions >= 5), "{lesson}");
    }
    let dutch = shop.json(&["training", "list", "--language", "nl", "--json"]);
    assert_ne!(dutch[0]["title"], lessons[0]["title"], "in Dutch too");

    assert!(shop.run(&["user", "add", "anna", "--role", "sales"]).status.success());
    assert!(shop.run(&["user", "add", "erik", "--role", "external_auditor"]).status.success());
    let status = shop.json(&["training", "status", "--json"]);
    let people = status.as_array().unwrap();
    assert_eq!(people.len(), 1, "the auditor takes no training: {status}");
    let anna = &people[0];
    assert_eq!(anna["person"], "anna");
    assert!(anna["assigned"].as_u64().unwrap() >= 4, "the basics: {anna}");
    assert_eq!(anna["completed"], 0);
    assert!(anna["score"].is_null());
    assert_eq!(anna["overdue"], 0, "nothing is late on the day one joins");
    assert!(anna["lessons"].as_array().unwrap().iter().all(|lesson| lesson["state"] == "due"), "{anna}");
    // A drill needs the shop's mail first; none was sent yet.
    let drill = shop.run(&["training", "drill", "--template", "parcel", "--to", "anna", "--base", "https://shop-pc:8443"]);
    assert!(!drill.status.success() && stderr(&drill).contains("mail is not set up yet"), "{}", stderr(&drill));
    assert_eq!(shop.json(&["training", "drills", "--json"]), serde_json::json!([]));
    let text = stdout(&shop.run(&["training", "status"]));
    assert!(text.contains("the training began on") && text.contains("anna"), "{text}");
}
