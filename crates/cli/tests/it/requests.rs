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
    let over = shop.run(&["request", "identity", &id, "--check", "Someone else's licence"]);
    assert!(stderr(&over).contains("the identity check is recorded already"), "the first check stays: {}", stderr(&over));

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
    assert_eq!(
        (listed[0]["identity_checked"].as_bool(), &listed[0]["identity_check"]),
        (Some(true), &serde_json::Value::Null),
        "the list opens nothing"
    );
    assert_eq!(shop.json(&["request", "show", &id, "--json"])["identity_check"], "Passport shown at the counter");
    let again = shop.run(&["request", "identity", &id, "--check", "Driving licence"]);
    assert!(stderr(&again).contains("closed"), "{}", stderr(&again));
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
    assert!(stderr(&output).contains("completed by erasing the customer"), "{}", stderr(&output));
    let refused = shop.json(&["request", "refuse", &id, "--reply", "We must keep your records for the tax office until 2033.", "--json"]);
    assert_eq!(refused["status"], "refused");
}

#[test]
fn an_access_request_gives_the_customer_everything_as_json_and_a_readable_copy_once_identity_is_checked() {
    use std::os::unix::fs::PermissionsExt;
    let shop = Shop::new();
    shop.init();
    let customer = shop.json(&["customer", "add", "--name", "Anna Jansen", "--email", "anna@example.com", "--json"])["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let output = shop.run(&["purchase", "add", "--customer", &customer, "--item", "Necklace", "--total", "10000", "--cash"]);
    let sale = stdout(&output).trim().to_owned();
    let check = ["--sale", &sale, "--document-type", "passport", "--document-number", "NX12AB345", "--document-country", "NL"];
    assert!(shop.run(&[&["aml", "add", "--customer", &customer][..], &check[..]].concat()).status.success());
    shop.json(&["customer", "show", &customer, "--purpose", "sale", "--json"]);
    let today = day(time::OffsetDateTime::now_utc().date());
    let id = shop.json(&["request", "open", "--customer", &customer, "--kind", "access", "--received", &today, "--json"])["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let out = shop.dir.path().join("for-anna");

    let refused = shop.run(&["request", "export", &id, "--out", out.to_str().unwrap()]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(stderr(&refused).contains("identity was checked first"), "{}", stderr(&refused));
    assert_eq!(std::fs::read_dir(&out).unwrap().count(), 0, "nothing written, no empty files left");
    shop.json(&["request", "identity", &id, "--check", "Passport at the counter", "--json"]);

    let made = shop.json(&["request", "export", &id, "--out", out.to_str().unwrap(), "--lang", "nl", "--json"]);
    let files: Vec<String> = made["files"].as_array().unwrap().iter().map(|file| file.as_str().unwrap().to_owned()).collect();
    assert_eq!(files.len(), 2, "{made}");
    for file in &files {
        assert_eq!(std::fs::metadata(file).unwrap().permissions().mode() & 0o777, 0o600, "{file} is readable by this account only");
    }
    let data: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&files[0]).unwrap()).unwrap();
    assert_eq!(data["format"], "strongroom-customer-export/1");
    assert_eq!((data["customer"]["name"].as_str(), data["customer"]["email"].as_str()), (Some("Anna Jansen"), Some("anna@example.com")));
    assert_eq!(data["purchases"][0]["total"]["amount"], "10000.00");
    assert_eq!(data["identity_records"][0]["document_number"], "NX12AB345");
    assert!(data["purposes"].as_array().unwrap().iter().any(|purpose| purpose["purpose"] == "sale"), "{data}");
    assert!(data["recipients"].as_array().unwrap().iter().any(|who| who["recipient"] == "the shop's own computer"), "{data}");
    assert_eq!(data["source"], "recorded at the shop");
    assert_eq!(data["requests"][0]["kind"], "access", "the person's requests are theirs too: {data}");
    let readable = std::fs::read_to_string(&files[1]).unwrap();
    assert!(readable.contains("What you asked us under the privacy law") || readable.contains("Wat u ons vroeg onder de privacywet"));
    assert!(readable.contains("<html lang=\"nl\">") && readable.contains("Uw gegevens bij") && readable.contains("Anna Jansen"));
    assert!(readable.contains("Autoriteit Persoonsgegevens") && readable.contains("Uw rechten"), "where to complain, and the rights");

    // The identity records left out with a legal reason, kept with the request.
    let again = shop.dir.path().join("again");
    let reason = "Wwft art. 23: a report was made";
    let made = shop.json(&["request", "export", &id, "--out", again.to_str().unwrap(), "--withhold-aml", reason, "--json"]);
    let text = std::fs::read_to_string(made["files"][0].as_str().unwrap()).unwrap();
    let data: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert!(data.get("identity_records").is_none(), "withheld records are simply absent: {data}");
    let readable = std::fs::read_to_string(made["files"][1].as_str().unwrap()).unwrap();
    for copy in [&text, &readable] {
        assert!(!copy.contains(reason) && !copy.contains("NX12AB345") && !copy.contains("Wwft"), "no tip-off: the reason is not given");
    }
    assert!(!readable.contains("<h2>Identity checks for cash sales</h2>"), "not even that there were any");
    assert_eq!(shop.json(&["request", "show", &id, "--json"])["identity_records_withheld"], reason, "the reason stays with the request");
    assert_eq!(shop.json(&["request", "show", &id, "--json"])["status"], "open");
    let log = shop.json(&["audit", "log", "--action", "request.export", "--json"]);
    let disclosures: Vec<&serde_json::Value> =
        log.as_array().unwrap().iter().filter(|event| event["purpose"] == "customer_request").collect();
    assert_eq!(disclosures.len(), 2, "each copy is a recorded disclosure: {log}");

    // An erasure request gives no data.
    let erasure = shop.json(&[
        "request",
        "open",
        "--customer",
        &customer,
        "--kind",
        "erasure",
        "--received",
        &today,
        "--identity-check",
        "Passport",
        "--json",
    ])["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let output = shop.run(&["request", "export", &erasure, "--out", shop.dir.path().join("no").to_str().unwrap()]);
    assert!(stderr(&output).contains("only an access or portability request"), "{}", stderr(&output));
}

#[test]
fn identity_records_are_deleted_once_their_five_years_have_passed_and_each_deletion_is_recorded() {
    let shop = Shop::new();
    shop.init();
    let customer = shop.json(&["customer", "add", "--name", "Anna Jansen", "--json"])["id"].as_str().unwrap().to_owned();
    let output = shop.run(&["purchase", "add", "--customer", &customer, "--item", "Necklace", "--total", "10000", "--cash"]);
    let sale = stdout(&output).trim().to_owned();
    let check = ["--sale", &sale, "--document-type", "passport", "--document-number", "NX12AB345", "--document-country", "NL"];
    assert!(shop.run(&[&["aml", "add", "--customer", &customer][..], &check[..]].concat()).status.success());
    let listed = || shop.json(&["aml", "list", "--customer", &customer, "--purpose", "compliance", "--json"]).as_array().unwrap().len();
    assert_eq!(listed(), 1);

    // Today nothing is due; five years and a day on, the record is.
    assert_eq!(shop.json(&["privacy", "retention", "--json"])["aml_records_deleted"], 0);
    let later = day(time::OffsetDateTime::now_utc().date() + time::Duration::days(5 * 366 + 2));
    let dry = shop.json(&["privacy", "retention", "--as-of", &later, "--dry-run", "--json"]);
    assert_eq!((dry["aml_records_deleted"].as_u64(), dry["dry_run"].as_bool()), (Some(1), Some(true)), "{dry}");
    assert_eq!(listed(), 1, "a dry run changes nothing");
    let run = shop.json(&["privacy", "retention", "--as-of", &later, "--json"]);
    assert_eq!(run["aml_records"][0]["customer"], customer.as_str(), "{run}");
    assert_eq!(listed(), 0, "deleted: its key destroyed");
    assert_eq!(shop.json(&["privacy", "retention", "--as-of", &later, "--json"])["aml_records_deleted"], 0, "once");
    let log = shop.json(&["audit", "log", "--action", "aml.delete", "--json"]);
    assert_eq!(log.as_array().unwrap().len(), 2, "against the record and against the customer: {log}");
    let bytes = std::fs::read(shop.data_dir().join("strongroom.sqlite")).unwrap();
    assert!(!bytes.windows(9).any(|window| window == b"NX12AB345"), "nothing of it in the database file");
    assert!(shop.run(&["audit", "verify"]).status.success());
}

#[test]
fn a_merge_takes_the_persons_requests_along_and_says_so() {
    let shop = Shop::new();
    shop.init();
    let keep = shop.json(&["customer", "add", "--name", "Anna Jansen", "--json"])["id"].as_str().unwrap().to_owned();
    let twin =
        shop.json(&["customer", "add", "--name", "Anna Jansen", "--phone", "0612345678", "--json"])["id"].as_str().unwrap().to_owned();
    let today = day(time::OffsetDateTime::now_utc().date());
    let request = shop.json(&["request", "open", "--customer", &twin, "--kind", "access", "--received", &today, "--json"])["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let merged = shop.json(&["customer", "merge", "--keep", &keep, "--duplicate", &twin, "--json"]);
    assert_eq!(merged["requests"], 1, "{merged}");
    let listed = shop.json(&["request", "list", "--customer", &keep, "--json"]);
    assert_eq!(listed[0]["id"], request.as_str());
    assert!(shop.json(&["request", "list", "--customer", &twin, "--json"]).as_array().unwrap().is_empty());
    let log = shop.json(&["audit", "log", "--action", "customer.merge", "--json"]);
    assert!(log.as_array().unwrap().iter().any(|event| event["detail"].as_str().unwrap_or("").contains("1 requests moved")), "{log}");
}

#[test]
fn request_complete_erases_with_the_laws_holds_restricts_and_refuses_a_second_time() {
    let shop = Shop::new();
    shop.init();
    let today = day(time::OffsetDateTime::now_utc().date());
    let customer =
        shop.json(&["customer", "add", "--name", "Anna Jansen", "--email", "anna@example.nl", "--json"])["id"].as_str().unwrap().to_owned();
    assert!(shop.run(&["purchase", "add", "--customer", &customer, "--item", "Necklace", "--total", "800"]).status.success());
    let open = |customer: &str, kind: &str| {
        let args =
            ["request", "open", "--customer", customer, "--kind", kind, "--received", &today, "--identity-check", "Passport", "--json"];
        shop.json(&args)["id"].as_str().unwrap().to_owned()
    };
    let erasure = open(&customer, "erasure");
    let dry = shop.json(&["request", "complete", &erasure, "--dry-run", "--json"]);
    assert_eq!((dry["dry_run"].as_bool(), dry["erasure"]["sales_kept"].as_u64()), (Some(true), Some(1)), "{dry}");
    assert_eq!(shop.json(&["request", "show", &erasure, "--json"])["status"], "open", "a dry run changes nothing");

    let done = shop.json(&["request", "complete", &erasure, "--lang", "nl", "--json"]);
    assert_eq!(done["request"]["status"], "completed", "{done}");
    assert_eq!((done["erasure"]["sales_kept"].as_u64(), done["erasure"]["purged"].as_bool()), (Some(1), Some(true)), "{done}");
    assert!(done["request"]["reply"].as_str().unwrap().contains("Zoals u vroeg"), "{done}");
    let twice = shop.run(&["request", "complete", &erasure]);
    assert_eq!(twice.status.code(), Some(1));
    assert!(stderr(&twice).contains("closed already"), "{}", stderr(&twice));
    let gone = shop.run(&["customer", "show", &customer, "--purpose", "sale"]);
    assert!(!gone.status.success() && !stdout(&gone).contains("Anna"));

    let other = shop.json(&["customer", "add", "--name", "Bram de Wit", "--json"])["id"].as_str().unwrap().to_owned();
    let restriction = open(&other, "restriction");
    assert_eq!(shop.json(&["request", "complete", &restriction, "--json"])["status"], "completed");
    let refused = shop.run(&["customer", "show", &other, "--purpose", "sale"]);
    assert!(stderr(&refused).contains("restricted at their request"), "{}", stderr(&refused));
    assert!(shop.run(&["customer", "show", &other, "--purpose", "legal_claim"]).status.success());
    let blocked = shop.run(&["request", "complete", &open(&other, "erasure")]);
    assert!(stderr(&blocked).contains("lift the restriction first"), "{}", stderr(&blocked));
    let lifted = shop.run(&["request", "lift-restriction", &restriction, "--reason", "Settled; told by letter"]);
    assert!(lifted.status.success(), "{}", stderr(&lifted));
    assert!(shop.run(&["customer", "show", &other, "--purpose", "sale"]).status.success());
    assert!(shop.run(&["audit", "verify"]).status.success());
}

#[test]
fn privacy_ropa_gives_the_record_as_json_and_a_printable_file_and_takes_the_shops_part() {
    let shop = Shop::new();
    shop.init();
    let part = shop.dir.path().join("shop.json");
    std::fs::write(&part, r#"{"contact": "Daan, privacy@juwelier.example", "processors": [{"name": "Mollie", "service": "card payments", "location": "Netherlands", "contract": "2025-03-01"}]}"#).unwrap();
    let record = shop.json(&["privacy", "ropa", "--set", part.to_str().unwrap(), "--json"]);
    assert_eq!(record["format"], "strongroom-ropa/1");
    assert_eq!(record["shop"]["processors"][0]["name"], "Mollie", "{record}");
    assert!(record["data_map"].as_array().unwrap().iter().any(|field| field["category"] == "user.health_and_medical.allergy"));
    std::fs::write(&part, r#"{"places": [{"name": ""}]}"#).unwrap();
    let refused = shop.run(&["privacy", "ropa", "--set", part.to_str().unwrap()]);
    assert_eq!(refused.status.code(), Some(1), "{}", stderr(&refused));
    assert_eq!(shop.json(&["privacy", "ropa", "--json"])["shop"]["processors"][0]["name"], "Mollie", "nothing changed");
    let html = shop.dir.path().join("ropa.html");
    assert!(shop.run(&["privacy", "ropa", "--out", html.to_str().unwrap()]).status.success());
    let document = std::fs::read_to_string(&html).unwrap();
    assert!(document.contains("Record of processing activities") && document.contains("Mollie"), "{document}");
}

#[test]
fn the_marketing_list_is_written_for_those_who_consent_and_a_withdrawal_takes_them_off() {
    let shop = Shop::new();
    shop.init();
    let add = |name: &str, email: &str| {
        shop.json(&["customer", "add", "--name", name, "--email", email, "--json"])["id"].as_str().unwrap().to_owned()
    };
    let anna = add("Anna Jansen", "anna@example.nl");
    add("Bram de Wit", "bram@example.nl");
    let edit = |id: &str, answer: &str| {
        let consent = format!("email={answer}");
        let output = shop.run(&["customer", "edit", id, "--consent", &consent, "--consent-wording", "2026-01"]);
        assert!(output.status.success(), "{}", stderr(&output));
    };
    edit(&anna, "yes");
    let file = shop.dir.path().join("list.csv");
    let output = shop.run(&["privacy", "marketing-list", "--channel", "email", "--out", file.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    let csv = std::fs::read_to_string(&file).unwrap();
    assert!(csv.contains("anna@example.nl") && !csv.contains("bram@example.nl"), "{csv}");
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(std::fs::metadata(&file).unwrap().permissions().mode() & 0o777, 0o600);
    let again = shop.run(&["privacy", "marketing-list", "--channel", "email", "--out", file.to_str().unwrap()]);
    assert!(!again.status.success(), "never over an existing file");
    edit(&anna, "no");
    assert_eq!(shop.json(&["privacy", "marketing-list", "--channel", "email", "--json"]).as_array().unwrap().len(), 0);
    let bad = shop.run(&["privacy", "marketing-list", "--channel", "pigeon"]);
    assert_eq!(bad.status.code(), Some(1));
}

#[test]
fn the_review_list_is_shown_and_a_customer_kept_or_erased_from_the_cli() {
    let shop = Shop::new();
    shop.init();
    // A shop that reviews after one year; customers made now are not due yet.
    let config = shop.data_dir().join("strongroom.toml");
    let settings = std::fs::read_to_string(&config).unwrap();
    std::fs::write(&config, format!("review_after_years = 1\n{settings}")).unwrap();
    let anna = shop.json(&["customer", "add", "--name", "Anna Jansen", "--json"])["id"].as_str().unwrap().to_owned();
    assert_eq!(shop.json(&["privacy", "review", "--json"]).as_array().unwrap().len(), 0);
    let keep = shop.run(&["privacy", "keep", &anna, "--reason", "Regular for repairs"]);
    assert!(keep.status.success(), "{}", stderr(&keep));
    let refused = shop.run(&["privacy", "erase", &anna]);
    assert!(stderr(&refused).contains("not on the review list"), "a customer seen this year is not erased: {}", stderr(&refused));
    assert!(shop.run(&["customer", "show", &anna, "--purpose", "sale"]).status.success(), "nothing was changed");
    assert_eq!(shop.json(&["privacy", "retention", "--json"])["review_due"], 0);
}

#[test]
fn the_privacy_notice_is_drafted_and_saved_from_a_file_with_its_version() {
    let shop = Shop::new();
    shop.init();
    let draft = shop.run(&["privacy", "notice", "--lang", "nl"]);
    assert!(stdout(&draft).contains("Uw rechten") && stderr(&draft).contains("draft"), "{}", stdout(&draft));
    let file = shop.dir.path().join("notice.txt");
    std::fs::write(&file, "Onze privacyverklaring, nagekeken.").unwrap();
    let today = day(time::OffsetDateTime::now_utc().date());
    let saved = shop.json(&[
        "privacy",
        "notice",
        "--lang",
        "nl",
        "--set",
        file.to_str().unwrap(),
        "--version",
        "2026-1",
        "--reviewed-on",
        &today,
        "--json",
    ]);
    assert_eq!((saved["version"].as_str(), saved["draft"].as_bool()), (Some("2026-1"), Some(false)), "{saved}");
    let missing = shop.run(&["privacy", "notice", "--set", file.to_str().unwrap()]);
    assert!(stderr(&missing).contains("--set needs --version"), "{}", stderr(&missing));
}
