//! `strongroom risk …`: a register seeded from the catalogue and from what Strongroom finds, the
//! shop's own risks, reviews that move the next review date, and bad input refused.

use super::*;

#[test]
fn the_register_is_seeded_reviewed_and_mapped() {
    let shop = Shop::new();
    shop.init();
    let empty = shop.json(&["risk", "list", "--json"]);
    let offered = |list: &serde_json::Value, key: &str| -> Vec<String> {
        list[key].as_array().unwrap().iter().map(|entry| entry["id"].as_str().unwrap().to_owned()).collect()
    };
    assert!(offered(&empty, "proposals").contains(&"proposed:backups".to_owned()), "no backup yet: {empty}");
    assert_eq!(offered(&empty, "catalogue").len(), 7, "{empty}");

    let phishing = shop.json(&["risk", "add", "--catalogue", "phishing", "--owner", "Olga", "--json"]);
    let twice = shop.run(&["risk", "add", "--catalogue", "phishing"]);
    assert_eq!(twice.status.code(), Some(1));
    assert!(stderr(&twice).contains("in the register already"), "{}", stderr(&twice));
    shop.json(&["risk", "add", "--catalogue", "proposed:backups", "--lang", "nl", "--json"]);
    let own = shop.json(&[
        "risk",
        "add",
        "--title",
        "Safe code known to a former employee",
        "--asset",
        "The safe",
        "--threat",
        "A former employee opens it",
        "--likelihood",
        "2",
        "--impact",
        "5",
        "--treatment",
        "avoid",
        "--measures",
        "Change the code when someone leaves",
        "--json",
    ]);
    let list = shop.json(&["risk", "list", "--json"]);
    let risks = list["risks"].as_array().unwrap();
    assert_eq!(risks.len(), 3);
    assert_eq!(risks[0]["score"], 16, "highest score first: {list}");
    assert_eq!((risks[0]["level"].as_str(), risks[0]["owner"].as_str()), (Some("high"), Some("Olga")));
    let backups = risks.iter().find(|risk| risk["source"] == "proposed:backups").unwrap();
    assert!(backups["title"].as_str().unwrap().starts_with("Gegevens kwijt"), "adopted in Dutch: {backups}");
    assert_eq!(list["heat_map"][3][3], 1, "impact 4, likelihood 4: {list}");
    assert!(!offered(&list, "proposals").contains(&"proposed:backups".to_owned()), "not proposed twice");
    assert_eq!(offered(&list, "catalogue").len(), 6);

    // A review lowers the likelihood; the next review moves with the new level.
    let id = phishing["id"].as_str().unwrap();
    let reviewed = shop.json(&["risk", "review", id, "--likelihood", "2", "--json"]);
    assert_eq!((reviewed["score"].as_u64(), reviewed["level"].as_str()), (Some(8), Some("medium")), "{reviewed}");
    let reviewed_on =
        time::Date::parse(reviewed["reviewed_on"].as_str().unwrap(), &time::format_description::well_known::Iso8601::DEFAULT).unwrap();
    let next =
        time::Date::parse(reviewed["next_review"].as_str().unwrap(), &time::format_description::well_known::Iso8601::DEFAULT).unwrap();
    assert_eq!((next - reviewed_on).whole_days(), 180);
    let trail = shop.json(&["audit", "log", "--action", "risk.update", "--json"]);
    assert!(trail.to_string().contains(&format!("reviewed risk {id}: score 16 → 8")), "{trail}");

    // Bad input changes nothing.
    for bad in [
        vec!["risk", "add", "--title", "x", "--asset", "y", "--threat", "z", "--likelihood", "7", "--impact", "3"],
        vec!["risk", "add", "--catalogue", "meteor"],
        vec!["risk", "add", "--title", "only a title"],
        vec!["risk", "review", "not-an-id"],
    ] {
        let output = shop.run(&bad);
        assert_eq!(output.status.code(), Some(1), "{bad:?}");
    }
    assert_eq!(shop.json(&["risk", "list", "--json"])["risks"].as_array().unwrap().len(), 3);
    // The shop's own words are sealed.
    for (name, bytes) in vault_files(&shop) {
        assert!(!bytes.windows(b"former employee".len()).any(|window| window == b"former employee"), "{name} holds a risk in plaintext");
    }
    shop.run(&["risk", "remove", own["id"].as_str().unwrap()]);
    assert_eq!(shop.json(&["risk", "list", "--json"])["risks"].as_array().unwrap().len(), 2);
}
