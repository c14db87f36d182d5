//! `strongroom incident …`: the contract the issue spells out (`report` → `{id}`, `severity` →
//! `score` and `band`), with bad input refused and nothing stored.

use super::*;

#[test]
fn an_incident_is_reported_listed_moved_and_weighed_as_json() {
    let shop = Shop::new();
    shop.init();
    let reported = shop.json(&[
        "incident",
        "report",
        "--kind",
        "lost-device",
        "--summary",
        "The workshop tablet was left on the train",
        "--occurred-at",
        "2026-12-01T08:15:00+01:00",
        "--json",
    ]);
    let id = reported["id"].as_str().unwrap().to_owned();
    assert_eq!(id.len(), 36, "{reported}");

    let drill = shop.json(&["incident", "report", "--kind", "phishing", "--summary", "Yearly drill", "--drill", "--json"]);
    let listed = shop.json(&["incident", "list", "--open", "--json"]);
    assert_eq!(listed["incidents"][0]["id"], drill["id"], "the latest first");
    assert_eq!(listed["incidents"][0]["drill"], true);
    let incident = &listed["incidents"][1];
    assert_eq!(incident["drill"], false);
    assert_eq!(incident["id"], id.as_str());
    assert_eq!(incident["kind"], "lost-device");
    assert_eq!(incident["status"], "new");
    assert_eq!(incident["occurred_at"], "2026-12-01T07:15:00Z");
    assert_eq!(incident["summary"], "The workshop tablet was left on the train");

    let moved = shop.json(&["incident", "status", &id, "contained", "--json"]);
    assert_eq!(moved["status"], "contained");
    // The issue's own case: a stolen list of high-value buyers with their addresses.
    let weighed = shop.json(&["incident", "severity", &id, "--dpc", "2", "--ei", "1", "--confidentiality", "0.5", "--malicious", "--json"]);
    assert_eq!(weighed["score"], 3.0);
    assert_eq!(weighed["band"], "high");
    assert_eq!(weighed["notify_authority"], true);
    let started = shop.json(&["incident", "playbook", &id, "--json"]);
    assert_eq!(started["tasks"][0]["step"], "end-sessions", "{started}");
    let done = shop.run(&["incident", "done", &id, "0"]);
    assert!(done.status.success(), "{}", stderr(&done));
    let again = shop.run(&["incident", "done", &id, "0"]);
    assert_eq!(again.status.code(), Some(1));
    let shown = shop.json(&["incident", "show", &id, "--json"]);
    assert_eq!(shown["severity"]["band"], "high");
    assert!(shown["tasks"][0]["done_by"].is_string() && shown["tasks"][1]["done_at"].is_null(), "{shown}");
    let actions: Vec<&str> = shown["timeline"].as_array().unwrap().iter().map(|step| step["action"].as_str().unwrap()).collect();
    assert_eq!(actions, ["incident.report", "incident.update", "incident.assess", "incident.task", "incident.task"]);
}

#[test]
fn the_impact_of_an_account_is_counted_from_the_trail_and_kept_with_the_incident() {
    let shop = Shop::new();
    shop.init();
    let customer = shop.json(&["customer", "add", "--name", "Anna Jansen", "--email", "anna@example.com", "--json"]);
    let customer_id = customer["id"].as_str().unwrap().to_owned();
    shop.json(&["customer", "show", &customer_id, "--purpose", "sale", "--json"]);
    let id = shop.json(&["incident", "report", "--kind", "lost-device", "--summary", "Back-office laptop stolen", "--json"])["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let today = time::OffsetDateTime::now_utc().date();
    let (since, until) = (today.to_string(), (today + time::Duration::days(1)).to_string());
    // The CLI acts as the operating-system account that runs it.
    let me = shop.json(&["audit", "log", "--json"])[0]["actor"].as_str().unwrap().to_owned();
    let impact = shop.json(&["incident", "impact", &id, "--actor", &me, "--since", &since, "--until", &until, "--json"]);
    assert_eq!(impact["customers"], 1, "{impact}");
    assert_eq!(impact["customer_ids"][0], customer_id.as_str());
    assert_eq!(impact["categories"]["user.name"], 1);
    let shown = shop.json(&["incident", "show", &id, "--json"]);
    assert_eq!(shown["impacts"][0]["customers"], 1);
    let text = serde_json::to_string(&shown).unwrap();
    assert!(!text.contains("Anna") && !text.contains("anna@example.com"), "ids and counts, never a name: {text}");
}

#[test]
fn a_bad_report_is_refused_by_name_and_stores_nothing() {
    let shop = Shop::new();
    shop.init();
    let refused = [
        (vec!["--kind", "fire", "--summary", "smoke"], "wrong-recipient"),
        (vec!["--kind", "other", "--summary", "read out 4111 1111 1111 1111"], "card number"),
        (vec!["--kind", "other", "--summary", "later", "--occurred-at", "2999-01-01T00:00:00Z"], "future"),
        (vec!["--kind", "other", "--summary", "when", "--occurred-at", "yesterday"], "RFC 3339"),
        (vec!["--kind", "other", "--summary", "  "], "summary"),
    ];
    for (args, says) in refused {
        let mut command = vec!["incident", "report"];
        command.extend(args);
        let output = shop.run(&command);
        assert_eq!(output.status.code(), Some(1), "{command:?}");
        assert!(stderr(&output).contains(says), "{command:?}: {}", stderr(&output));
        assert!(!stderr(&output).contains("4111"), "the card number is never echoed");
    }
    let listed = shop.json(&["incident", "list", "--json"]);
    assert_eq!(listed["incidents"].as_array().unwrap().len(), 0);
    let output = shop.run(&["incident", "severity", "00000000-0000-0000-0000-000000000000", "--dpc", "2", "--ei", "0.6"]);
    assert!(stderr(&output).contains("0.25, 0.5, 0.75 or 1"), "{}", stderr(&output));
}

#[test]
fn a_breach_record_gives_its_deadline_and_keeps_what_a_later_call_leaves_out() {
    let shop = Shop::new();
    shop.init();
    let id = shop.json(&["incident", "report", "--kind", "ransomware", "--summary", "Ransom note on the till PC", "--json"])["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let aware = (time::OffsetDateTime::now_utc() - time::Duration::hours(80)).replace_nanosecond(0).unwrap();
    let aware_text = aware.format(&time::format_description::well_known::Rfc3339).unwrap();
    let recorded = shop.json(&[
        "incident",
        "breach",
        &id,
        "--became-aware-at",
        &aware_text,
        "--type",
        "availability,confidentiality",
        "--people",
        "900",
        "--json",
    ]);
    let deadline =
        time::OffsetDateTime::parse(recorded["deadline"].as_str().unwrap(), &time::format_description::well_known::Rfc3339).unwrap();
    assert_eq!(deadline - aware, time::Duration::hours(72), "{recorded}");
    assert_eq!(recorded["late"], true);
    assert_eq!(recorded["types"], serde_json::json!(["confidentiality", "availability"]));

    let now = time::OffsetDateTime::now_utc().format(&time::format_description::well_known::Rfc3339).unwrap();
    let late = shop.run(&["incident", "breach", &id, "--notified-at", &now]);
    assert_eq!(late.status.code(), Some(1));
    assert!(stderr(&late).contains("delay reason"), "{}", stderr(&late));
    let notified = shop.json(&["incident", "breach", &id, "--notified-at", &now, "--delay-reason", "The owner was abroad", "--json"]);
    assert_eq!(notified["people"], 900, "kept from the first call");
    assert_eq!(notified["delay_reason"], "The owner was abroad");
    let shown = shop.json(&["incident", "show", &id, "--json"]);
    assert_eq!(shown["outcome"], "breach_notified");

    let letter = shop.json(&["incident", "letters", &id, "--to", "authority", "--lang", "nl", "--json"]);
    assert!(letter["subject"].as_str().unwrap().starts_with("Melding datalek"), "{letter}");
    let body = letter["body"].as_str().unwrap();
    assert!(body.contains("Ongeveer: 900 personen") && body.contains("The owner was abroad"), "{body}");
    assert!(letter["authority"]["web"].as_str().unwrap().starts_with("https://"));
    let customers = shop.json(&["incident", "letters", &id, "--to", "customers", "--json"]);
    assert!(customers["body"].as_str().unwrap().starts_with("Dear [name],"), "{customers}");
    let refused = shop.run(&["incident", "letters", &id, "--to", "press"]);
    assert!(stderr(&refused).contains("authority, customers or staff"), "{}", stderr(&refused));

    let other = shop.json(&["incident", "report", "--kind", "other", "--summary", "odd", "--json"])["id"].as_str().unwrap().to_owned();
    let missing = shop.run(&["incident", "breach", &other]);
    assert!(stderr(&missing).contains("--became-aware-at"), "{}", stderr(&missing));
}

#[test]
fn the_shop_changes_a_kinds_steps_and_adds_its_own_to_one_incident() {
    let shop = Shop::new();
    shop.init();
    let added =
        shop.json(&["incident", "playbook-change", "ransomware", "--add", "Call Jansen IT on 020 555 0199", "--hours", "2", "--json"]);
    assert_eq!(added["own"], true);
    let steps: Vec<&str> = added["steps"].as_array().unwrap().iter().map(|step| step["step"].as_str().unwrap()).collect();
    assert_eq!(steps.last(), Some(&"assess-breach"), "deciding on the breach stays last: {steps:?}");
    assert!(steps.contains(&"own"));
    let police = steps.iter().position(|step| *step == "report-to-police").unwrap().to_string();
    let left = shop.json(&["incident", "playbook-change", "ransomware", "--leave-out", &police, "--json"]);
    assert!(!left.to_string().contains("report-to-police"), "{left}");
    let last = (left["steps"].as_array().unwrap().len() - 1).to_string();
    let refused = shop.run(&["incident", "playbook-change", "ransomware", "--leave-out", &last]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(stderr(&refused).contains("stays in every playbook"), "{}", stderr(&refused));
    let too_late = shop.run(&["incident", "playbook-change", "ransomware", "--add", "Later", "--hours", "9999"]);
    assert_eq!(too_late.status.code(), Some(1), "a step is due within 30 days");

    // An incident of that kind starts the shop's version; one step more of its own is added.
    let id = shop.json(&["incident", "report", "--kind", "ransomware", "--summary", "Ransom note on the till PC", "--json"])["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let started = shop.json(&["incident", "playbook", &id, "--json"]);
    let texts: Vec<&str> = started["tasks"].as_array().unwrap().iter().filter_map(|task| task["text"].as_str()).collect();
    assert_eq!(texts, ["Call Jansen IT on 020 555 0199"], "{started}");
    let own = shop.json(&["incident", "add-step", &id, "--text", "Photograph the ransom note", "--hours", "1", "--json"]);
    assert_eq!((own["step"].as_str(), own["text"].as_str()), (Some("own"), Some("Photograph the ransom note")));
    let shown = shop.json(&["incident", "show", &id, "--json"]);
    assert_eq!(shown["tasks"].as_array().unwrap().len(), started["tasks"].as_array().unwrap().len() + 1);
    let done = shop.run(&["incident", "done", &id, own["seq"].to_string().as_str()]);
    assert!(done.status.success(), "{}", stderr(&done));

    // Back to the built-in steps; the incident keeps the ones it started with.
    let reset = shop.json(&["incident", "playbook-change", "ransomware", "--reset", "--json"]);
    assert_eq!(reset["own"], false);
    assert!(reset.to_string().contains("report-to-police"));
    let listed = shop.json(&["incident", "playbooks", "--json"]);
    assert_eq!(listed["playbooks"].as_array().unwrap().len(), 8, "one per kind");
    for (file, bytes) in vault_files(&shop) {
        let text = String::from_utf8_lossy(&bytes);
        assert!(!text.contains("Jansen IT") && !text.contains("Photograph the ransom"), "the shop's own words are sealed: {file}");
    }
}
