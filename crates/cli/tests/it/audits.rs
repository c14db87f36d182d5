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
