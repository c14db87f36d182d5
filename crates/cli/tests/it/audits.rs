//! `strongroom report audit`: the audit report written to a new file, with a checkpoint of the
//! trail signed for it that `audit verify --against` accepts, and refuses once the trail is
//! rewritten behind it.

use super::*;

#[test]
fn the_audit_reports_checkpoint_is_accepted_by_audit_verify() {
    let shop = Shop::new();
    shop.init();
    shop.json(&["risk", "add", "--catalogue", "phishing", "--json"]);
    let report = shop.dir.path().join("audit-2026.html");
    let made = shop.json(&["report", "audit", "--out", report.to_str().unwrap(), "--json"]);
    assert_eq!(made["trail_ok"], true, "{made}");
    let text = std::fs::read_to_string(&report).unwrap();
    assert!(text.contains("Security audit report") && text.contains("-----BEGIN STRONGROOM CHECKPOINT-----"), "{text}");
    assert!(text.contains("1 high") || text.contains("0 very high, 1 high"), "the risks are counted: {text}");
    let again = shop.run(&["report", "audit", "--out", report.to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(1), "never written over");

    // More events since are fine: the trail only grew.
    shop.json(&["risk", "list", "--json"]);
    let verified = shop.json(&["audit", "verify", "--against", report.to_str().unwrap(), "--json"]);
    assert_eq!(verified["ok"], true, "{verified}");
    assert!(verified["against_size"].as_u64().unwrap() > 0, "{verified}");

    // Saved with Windows line ends and indented by an editor, it still reads.
    let crlf = shop.dir.path().join("audit-2026-crlf.html");
    std::fs::write(&crlf, text.replace('\n', "\r\n  ")).unwrap();
    assert_eq!(shop.json(&["audit", "verify", "--against", crlf.to_str().unwrap(), "--json"])["ok"], true);

    // A checkpoint from another shop's trail is refused.
    let other = Shop::new();
    other.init();
    let theirs = other.dir.path().join("theirs.html");
    other.json(&["report", "audit", "--out", theirs.to_str().unwrap(), "--json"]);
    let refused = shop.run(&["audit", "verify", "--against", theirs.to_str().unwrap()]);
    assert_ne!(refused.status.code(), Some(0), "{}", stdout(&refused));
}

#[test]
fn the_trails_statistics_count_this_months_events_by_kind_and_action() {
    let shop = Shop::new();
    shop.init();
    let never = shop.json(&["audit", "stats", "--json"]);
    assert!(never["last_verification"].is_null(), "{never}");
    let customer = shop.json(&["customer", "add", "--name", "Anna Jansen", "--email", "anna@example.com", "--json"]);
    let id = customer["id"].as_str().unwrap().to_owned();
    shop.json(&["customer", "show", &id, "--purpose", "sale", "--json"]);
    shop.json(&["customer", "show", &id, "--purpose", "repair", "--json"]);
    assert_eq!(shop.json(&["audit", "verify", "--json"])["ok"], true);
    let stats = shop.json(&["audit", "stats", "--json"]);
    assert!(stats["events"].as_u64().unwrap() >= 4, "{stats}");
    assert_eq!(stats["last_verification"]["whole"], true, "{stats}");
    let months = stats["months"].as_array().unwrap();
    assert_eq!(months.len(), 12, "{stats}");
    let this_month = &months[11];
    let today = time::OffsetDateTime::now_utc().date();
    assert_eq!(this_month["month"], format!("{:04}-{:02}", today.year(), u8::from(today.month())));
    assert_eq!(this_month["kinds"]["customer_reads"]["allowed"], 2, "{this_month}");
    assert_eq!(this_month["kinds"]["customer_changes"]["allowed"], 1, "{this_month}");
    assert!(months[..11].iter().all(|month| month["events"] == 0), "nothing before this month: {stats}");
    let reads = stats["actions"].as_array().unwrap().iter().find(|action| action["action"] == "customer.read").unwrap();
    assert_eq!(reads["allowed"], 2, "{reads}");
    // Reading the statistics is itself recorded.
    let log = shop.json(&["audit", "log", "--action", "audit.read", "--json"]).to_string();
    assert!(log.contains("trail statistics"), "{log}");
}
