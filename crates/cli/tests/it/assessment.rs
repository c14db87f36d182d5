//! `strongroom assessment …`: questions answered from live evidence and by the owner, the score
//! per control and its history, and the next steps ordered by what a "no" costs.

use super::*;

fn question<'a>(show: &'a serde_json::Value, id: &str) -> &'a serde_json::Value {
    show["questions"].as_array().unwrap().iter().find(|question| question["id"] == id).unwrap_or_else(|| panic!("no {id}: {show}"))
}

#[test]
fn the_assessment_answers_from_evidence_and_the_owner() {
    let shop = Shop::new();
    shop.init();
    let first = shop.json(&["assessment", "show", "--json"]);
    assert_eq!(first["controls"].as_array().unwrap().len(), 5, "{first}");
    assert!(question(&first, "second_factor")["cis"].as_array().unwrap().iter().any(|number| number == "6.3"));
    assert_eq!(question(&first, "backups_recent")["answer"], "no", "no backup yet: {first}");
    assert_eq!(question(&first, "password_policy")["answer"], "yes");
    assert_eq!(question(&first, "default_passwords")["answer"], "open", "the owner's to answer");
    assert_eq!(question(&first, "supported_software")["answer"], "open", "no devices listed yet");
    let steps: Vec<&str> = first["next_steps"].as_array().unwrap().iter().map(|step| step.as_str().unwrap()).collect();
    assert_eq!(steps[0], "supported_software", "the costliest first: {steps:?}");

    // A Windows 10 PC listed turns two open questions into a "no" and one into a "yes".
    shop.json(&["device", "add", "--name", "Counter PC", "--kind", "counter_pc", "--os", "Windows", "--os-version", "10", "--json"]);
    shop.run(&["assessment", "answer", "default_passwords", "--yes", "--note", "router and cameras changed in March"]);
    let second = shop.json(&["assessment", "show", "--json"]);
    assert_eq!(question(&second, "supported_software")["answer"], "no");
    assert_eq!(question(&second, "device_inventory")["answer"], "yes");
    assert_eq!(question(&second, "default_passwords")["answer"], "yes");
    assert_eq!(question(&second, "default_passwords")["evidence"], "router and cameras changed in March");
    assert!(second["score"].as_u64().unwrap() > first["score"].as_u64().unwrap(), "{first} → {second}");
    assert_eq!(second["history"].as_array().unwrap().len(), 1, "one score a day: {second}");

    // Strongroom's own questions are not the owner's to answer; a question it does not know is refused.
    let refused = shop.run(&["assessment", "answer", "backups_recent", "--yes"]);
    assert!(stderr(&refused).contains("Strongroom answers this question itself"), "{}", stderr(&refused));
    assert_eq!(shop.run(&["assessment", "answer", "meteor", "--no"]).status.code(), Some(1));
    let trail = shop.json(&["audit", "log", "--action", "assessment.answer", "--json"]);
    assert!(
        trail.to_string().contains("default_passwords: yes") && !trail.to_string().contains("cameras"),
        "the note stays sealed: {trail}"
    );
    for (name, bytes) in vault_files(&shop) {
        assert!(!bytes.windows(b"changed in March".len()).any(|window| window == b"changed in March"), "{name} holds a note in plaintext");
    }
}
