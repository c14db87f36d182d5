//! `strongroom request`: customers' requests under the GDPR, with the law's deadlines, every
//! step in the trail, and nothing answered before the person's identity was checked.

use super::*;

fn day(date: time::Date) -> String {
    format!("{:04}-{:02}-{:02}", date.year(), u8::from(date.month()), date.day())
}

#[test]
fn a_request_is_opened_with_its_due_day_extended_once_and_answered_after_the_identity_check() {
    let shop = Shop::new();
    shop.init();
    let customer = shop.json(&["customer", "add", "--name", "Anna Jansen", "--json"])["id"].as_str().unwrap().to_owned();
    let today = time::OffsetDateTime::now_utc().date();
    let received = today - time::Duration::days(3);
    let opened = shop.json(&[
        "request",
        "open",
        "--customer",
        &customer,
        "--kind",
        "access",
        "--received",
        &day(received),
        "--channel",
        "email",
        "--json",
    ]);
    let id = opened["id"].as_str().unwrap().to_owned();
    assert_eq!(opened["due"], day(strongroom_domain::request_due(received)), "{opened}");

    // Nothing is answered before the identity is checked.
    let refused = shop.run(&["request", "answer", &id, "--reply", "Your data is attached."]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(stderr(&refused).contains("record how the person's identity was checked first"), "{}", stderr(&refused));
    shop.json(&["request", "identity", &id, "--check", "Passport shown at the counter", "--json"]);

    let extended = shop.json(&["request", "extend", &id, "--reason", "Repair records are at the workshop", "--json"]);
    assert_eq!(
        (extended["status"].as_str(), extended["due"].as_str()),
        (Some("extended"), Some(day(strongroom_domain::extended_due(received)).as_str()))
    );
    let again = shop.run(&["request", "extend", &id, "--reason", "Still busy"]);
    assert!(stderr(&again).contains("the law allows it once"), "{}", stderr(&again));

    let answered = shop.json(&["request", "answer", &id, "--reply", "Your data was sent to you by e-mail.", "--json"]);
    assert_eq!(answered["status"], "completed");
    assert!(answered["closed_at"].is_string() && answered["late"] == false, "{answered}");
    let twice = shop.run(&["request", "refuse", &id, "--reply", "No"]);
    assert!(stderr(&twice).contains("closed already"), "{}", stderr(&twice));

    let listed = shop.json(&["request", "list", "--customer", &customer, "--json"]);
    assert_eq!(listed.as_array().unwrap().len(), 1);
    assert_eq!(listed[0]["identity_check"], "Passport shown at the counter");
    assert!(shop.json(&["request", "list", "--pending", "--json"]).as_array().unwrap().is_empty());
    let log = shop.json(&["audit", "log", "--action", "request.update", "--json"]);
    let details: Vec<&str> = log.as_array().unwrap().iter().filter_map(|event| event["detail"].as_str()).collect();
    assert!(details.iter().any(|detail| detail.starts_with("extended; now due")), "{details:?}");
    assert!(details.contains(&"completed") && details.contains(&"identity check recorded"), "{details:?}");
}

#[test]
fn bad_requests_are_refused_and_change_nothing() {
    let shop = Shop::new();
    shop.init();
    let customer = shop.json(&["customer", "add", "--name", "Bram de Wit", "--json"])["id"].as_str().unwrap().to_owned();
    let today = day(time::OffsetDateTime::now_utc().date());
    // Two days on: in the future in any shop time zone.
    let tomorrow = day(time::OffsetDateTime::now_utc().date() + time::Duration::days(2));
    let missing = "0190b1c2-7d3e-7f00-8000-000000000001";
    for (args, said) in [
        (vec!["--customer", missing, "--kind", "access", "--received", today.as_str()], "no customer with that id"),
        (vec!["--customer", &customer, "--kind", "delete-me", "--received", today.as_str()], "must be access, rectification"),
        (vec!["--customer", &customer, "--kind", "access", "--received", tomorrow.as_str()], "is in the future"),
        (vec!["--customer", &customer, "--kind", "access", "--received", "2026-02-30"], "is not a date that exists"),
        (vec!["--customer", &customer, "--kind", "access", "--received", today.as_str(), "--channel", "fax"], "must be counter, email"),
    ] {
        let output = shop.run(&[&["request", "open"][..], &args].concat());
        assert_eq!(output.status.code(), Some(1), "{args:?}");
        assert!(stderr(&output).contains(said), "{args:?}: {}", stderr(&output));
    }
    assert!(shop.json(&["request", "list", "--json"]).as_array().unwrap().is_empty(), "nothing was opened");
    let log = shop.json(&["audit", "log", "--action", "request.open", "--json"]);
    assert_eq!(log[0]["outcome"], "failed", "the request for a missing customer is recorded: {log}");

    // An erasure is not answered as if carried out.
    let id = shop.json(&[
        "request",
        "open",
        "--customer",
        &customer,
        "--kind",
        "erasure",
        "--received",
        &today,
        "--identity-check",
        "Driving licence",
        "--json",
    ])["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let output = shop.run(&["request", "answer", &id, "--reply", "Done"]);
    assert!(stderr(&output).contains("answered by carrying them out"), "{}", stderr(&output));
    let refused = shop.json(&["request", "refuse", &id, "--reply", "We must keep your records for the tax office until 2033.", "--json"]);
    assert_eq!(refused["status"], "refused");
}
