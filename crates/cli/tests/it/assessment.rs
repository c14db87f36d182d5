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

/// An evidence file with the owner's answer: a program is refused before anything is saved; a
/// file no scanner could look at is not kept (the answer is); once the shop allows unscanned
/// files, it is kept and named in `assessment show --json`.
#[test]
fn evidence_files_are_checked_scanned_and_kept_with_the_answer() {
    let shop = Shop::new();
    shop.init();
    let config = shop.data_dir().join("strongroom.toml");
    let mut toml = std::fs::read_to_string(&config).unwrap();
    toml.push_str("\n[antivirus]\nclamd = \"/nonexistent/clamd.ctl\"\n");
    std::fs::write(&config, &toml).unwrap();
    let program = shop.dir.path().join("setup.exe");
    std::fs::write(&program, b"MZ\x90\x00\x03\x00").unwrap();
    let refused = shop.run(&["assessment", "answer", "default_passwords", "--yes", "--evidence", program.to_str().unwrap()]);
    assert!(!refused.status.success() && stderr(&refused).contains("must be a PDF"), "{}", stderr(&refused));
    assert_eq!(question(&shop.json(&["assessment", "show", "--json"]), "default_passwords")["answer"], "open", "nothing saved");

    let note = shop.dir.path().join("router.txt");
    std::fs::write(&note, "Router admin password changed on 2026-12-01.").unwrap();
    let unscanned = shop.run(&["assessment", "answer", "default_passwords", "--yes", "--evidence", note.to_str().unwrap()]);
    assert!(!unscanned.status.success(), "{}", stdout(&unscanned));
    assert!(stderr(&unscanned).contains("is answered, but the evidence file was not kept"), "{}", stderr(&unscanned));
    let show = shop.json(&["assessment", "show", "--json"]);
    assert_eq!(question(&show, "default_passwords")["answer"], "yes");
    assert!(question(&show, "default_passwords")["evidence_file"].is_null(), "{show}");

    toml.push_str("allow_unscanned_uploads = true\n");
    std::fs::write(&config, &toml).unwrap();
    let kept = shop.run(&["assessment", "answer", "default_passwords", "--yes", "--evidence", note.to_str().unwrap()]);
    assert!(kept.status.success(), "{}", stderr(&kept));
    let show = shop.json(&["assessment", "show", "--json"]);
    let file = &question(&show, "default_passwords")["evidence_file"];
    assert_eq!((file["name"].as_str(), file["content_type"].as_str()), (Some("router.txt"), Some("text/plain; charset=utf-8")), "{file}");
    let unscanned = shop.json(&["audit", "log", "--action", "upload.unscanned", "--json"]).to_string();
    assert!(unscanned.contains("evidence file: taken unscanned"), "{unscanned}");
    let answers = shop.json(&["audit", "log", "--action", "assessment.answer", "--json"]).to_string();
    assert!(!answers.contains("router.txt"), "the file's name stays sealed: {answers}");

    // The same answer again keeps its file; the opposite answer does not stand behind it.
    assert!(shop.run(&["assessment", "answer", "default_passwords", "--yes", "--note", "checked again"]).status.success());
    let show = shop.json(&["assessment", "show", "--json"]);
    assert_eq!(question(&show, "default_passwords")["evidence_file"]["name"], "router.txt");
    assert!(shop.run(&["assessment", "answer", "default_passwords", "--no"]).status.success());
    let show = shop.json(&["assessment", "show", "--json"]);
    assert!(question(&show, "default_passwords")["evidence_file"].is_null(), "{show}");
    let huge = shop.dir.path().join("huge.txt");
    std::fs::write(&huge, "a".repeat(4 * 1024 * 1024 + 10)).unwrap();
    let refused = shop.run(&["assessment", "answer", "default_passwords", "--yes", "--evidence", huge.to_str().unwrap()]);
    assert!(!refused.status.success() && stderr(&refused).contains("larger than 4 MB"), "{}", stderr(&refused));
}
