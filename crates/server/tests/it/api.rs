//! The JSON API over real TLS: every endpoint against every scope, bad input as problem details,
//! idempotent creates, pages, merge patches, and the OpenAPI document kept in step with the code.

use serde_json::{Value, json};
use strongroom_domain::{Actor, Scope};
use strongroom_server::ServerOptions;

use crate::common::{Response, Running, exchange, start};

/// An integration holding one token.
struct Integration<'a> {
    server: &'a Running,
    token: Option<String>,
}

impl Integration<'_> {
    fn with_scopes<'a>(server: &'a Running, scopes: &[Scope]) -> Integration<'a> {
        let name = format!("till {}", scopes.iter().map(Scope::as_str).collect::<Vec<_>>().join(" "));
        let made = server.vault.create_api_token(&Actor::cli("owner"), &name, scopes, None).unwrap();
        Integration { server, token: Some(made.value()) }
    }

    async fn send(&self, method: &str, path: &str, body: Option<&Value>, extra: &[(&str, String)]) -> Response {
        let mut headers: Vec<(&str, String)> = extra.to_vec();
        if let Some(token) = &self.token {
            headers.push(("Authorization", format!("Bearer {token}")));
        }
        let body = body.map(|value| value.to_string()).unwrap_or_default();
        if !body.is_empty() && !headers.iter().any(|(name, _)| name.eq_ignore_ascii_case("content-type")) {
            headers.push(("Content-Type", "application/json".into()));
        }
        exchange(self.server, method, path, &headers, body.as_bytes()).await
    }

    async fn json(&self, method: &str, path: &str, body: Option<&Value>) -> (u16, Value) {
        let response = self.send(method, path, body, &[]).await;
        let value = serde_json::from_str(&response.body).unwrap_or_else(|_| panic!("{method} {path}: not JSON: {}", response.body));
        (response.status, value)
    }
}

fn new_customer(name: &str) -> Value {
    json!({ "name": name, "email": format!("{}@example.com", name.to_lowercase().replace(' ', ".")), "phone": "06 1234 5678" })
}

fn sale() -> Value {
    json!({
        "items": [{ "description": "Solitaire ring", "metal": "platinum", "certificate_number": "GIA 2141438167" }],
        "total": "8950.00",
        "payment": { "processor_token": "tok_1QxYz", "brand": "visa", "last_four": "4242", "expiry": "12/29" }
    })
}

fn intake() -> Value {
    json!({ "kind": "repair", "item_description": "Ring to resize", "promised_on": "2026-12-20" })
}

/// Every endpoint with the scope it needs: allowed with it, 403 with any other, 401 without a
/// token, and 404 for an id that does not exist.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_endpoint_answers_each_scope_as_the_matrix_says() {
    let server = start(ServerOptions::default()).await;
    let setup = Integration::with_scopes(&server, &Scope::ALL);
    let (_, made) = setup.json("POST", "/api/v1/customers", Some(&new_customer("Anna Jansen"))).await;
    let anna = made["id"].as_str().unwrap().to_owned();
    let (_, job) = setup.json("POST", &format!("/api/v1/customers/{anna}/repairs"), Some(&intake())).await;
    let job = job["id"].as_str().unwrap().to_owned();
    let missing = "0192f5e4-7b1a-7c3e-9d2f-3a4b5c6d7e8f";

    type Case = (&'static str, String, String, Option<Value>, Scope);
    let cases: Vec<Case> = vec![
        ("GET", "/api/v1/customers?limit=5".into(), "".into(), None, Scope::CustomersRead),
        ("GET", "/api/v1/customers?email=anna.jansen@example.com".into(), "".into(), None, Scope::CustomersRead),
        (
            "POST",
            "/api/v1/customers/search".into(),
            "".into(),
            Some(json!({ "email": "anna.jansen@example.com", "purpose": "sale" })),
            Scope::CustomersRead,
        ),
        ("POST", "/api/v1/customers".into(), "".into(), Some(new_customer("Bea Bakker")), Scope::CustomersWrite),
        (
            "GET",
            format!("/api/v1/customers/{anna}?purpose=sale"),
            format!("/api/v1/customers/{missing}?purpose=sale"),
            None,
            Scope::CustomersRead,
        ),
        (
            "PATCH",
            format!("/api/v1/customers/{anna}"),
            format!("/api/v1/customers/{missing}"),
            Some(json!({ "notes": "prefers rose gold" })),
            Scope::CustomersWrite,
        ),
        (
            "GET",
            format!("/api/v1/customers/{anna}/purchases"),
            format!("/api/v1/customers/{missing}/purchases"),
            None,
            Scope::PurchasesRead,
        ),
        (
            "POST",
            format!("/api/v1/customers/{anna}/purchases"),
            format!("/api/v1/customers/{missing}/purchases"),
            Some(sale()),
            Scope::PurchasesWrite,
        ),
        (
            "POST",
            format!("/api/v1/customers/{anna}/repairs"),
            format!("/api/v1/customers/{missing}/repairs"),
            Some(intake()),
            Scope::RepairsWrite,
        ),
        (
            "PATCH",
            format!("/api/v1/repairs/{job}"),
            format!("/api/v1/repairs/{missing}"),
            Some(json!({ "status": "at_bench" })),
            Scope::RepairsWrite,
        ),
    ];
    let anonymous = Integration { server: &server, token: None };
    let tokens: Vec<(Scope, Integration)> = Scope::ALL.iter().map(|scope| (*scope, Integration::with_scopes(&server, &[*scope]))).collect();
    for (method, path, missing_path, body, needed) in &cases {
        let refused = anonymous.send(method, path, body.as_ref(), &[]).await;
        assert_eq!((refused.status, refused.header("content-type")), (401, Some("application/problem+json")), "{method} {path}");
        for (scope, integration) in &tokens {
            let answer = integration.send(method, path, body.as_ref(), &[]).await;
            // A change by a token that may not read what it changes answers 204, with nothing.
            let expected: &[u16] = match (scope == needed, *method) {
                (true, "PATCH") => &[204],
                (true, _) => &[200, 201],
                (false, _) => &[403],
            };
            assert!(expected.contains(&answer.status), "{method} {path} with {}: {} {}", scope.as_str(), answer.status, answer.body);
            if answer.status == 204 {
                assert!(answer.body.is_empty(), "{method} {path}: {}", answer.body);
            }
            if scope == needed && !missing_path.is_empty() {
                let absent = integration.send(method, missing_path, body.as_ref(), &[]).await;
                assert_eq!(absent.status, 404, "{method} {missing_path}: {}", absent.body);
                assert_eq!(absent.header("content-type"), Some("application/problem+json"));
            }
        }
    }
    // Who else has a new customer's email is told only to a token that may read customers.
    let writer = &tokens.iter().find(|(scope, _)| *scope == Scope::CustomersWrite).unwrap().1;
    let (status, made) = writer.json("POST", "/api/v1/customers", Some(&new_customer("Anna Jansen"))).await;
    assert_eq!(status, 201, "{made}");
    assert!(made.get("same_email").is_none(), "not told: {made}");
    let (status, made) = setup.json("POST", "/api/v1/customers", Some(&new_customer("Anna Jansen"))).await;
    assert_eq!(status, 201, "{made}");
    assert!(made["same_email"].as_array().unwrap().iter().any(|id| id == anna.as_str()), "{made}");
    // Refusals are in the trail, naming the token.
    let trail = server.vault.audit_log(&Actor::cli("owner"), &strongroom_app::AuditQuery { limit: 10_000, ..Default::default() }).unwrap();
    assert!(
        trail
            .iter()
            .any(|(_, event)| event.outcome == "denied" && event.actor_name == "till customers:read" && event.action == "customer.create")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_customer_and_their_records_go_through_the_api() {
    let server = start(ServerOptions::default()).await;
    let till = Integration::with_scopes(&server, &Scope::ALL);
    let made = till.send("POST", "/api/v1/customers", Some(&new_customer("Zoë van Dijk")), &[]).await;
    assert_eq!(made.status, 201, "{}", made.body);
    let id = serde_json::from_str::<Value>(&made.body).unwrap()["id"].as_str().unwrap().to_owned();
    assert_eq!(made.header("location"), Some(format!("/api/v1/customers/{id}").as_str()));

    let (status, found) = till.json("GET", "/api/v1/customers?phone=%2B31612345678&purpose=sale", None).await;
    assert_eq!((status, found["items"][0]["id"].as_str()), (200, Some(id.as_str())));
    assert_eq!(found["items"][0]["name"], "Zoë van Dijk");
    // The same search with the number in the body, out of the URL.
    let (status, posted) =
        till.json("POST", "/api/v1/customers/search", Some(&json!({ "phone": "+31612345678", "purpose": "sale" }))).await;
    assert_eq!((status, &posted), (200, &found));
    let (status, unknown) = till.json("POST", "/api/v1/customers/search", Some(&json!({ "fax": "0201234567" }))).await;
    assert_eq!(status, 422, "unknown fields are refused: {unknown}");

    let (status, _) = till.json("POST", &format!("/api/v1/customers/{id}/purchases"), Some(&sale())).await;
    assert_eq!(status, 201);
    let (status, record) = till.json("GET", &format!("/api/v1/customers/{id}?purpose=sale"), None).await;
    assert_eq!(status, 200, "{record}");
    assert_eq!(record["phone"], "+31612345678");
    assert_eq!(record["purchases"][0]["payment"]["last_four"], "4242");
    assert_eq!(record["purchases"][0]["total"], "8950.00");
    assert!(record.get("aml_records").is_none(), "identity documents need a staff step-up, which a token cannot give");

    // Merge patch: a value sets, null clears, a field left out stays.
    let (status, changed) =
        till.json("PATCH", &format!("/api/v1/customers/{id}"), Some(&json!({ "email": null, "ring_sizes": "ring finger 52" }))).await;
    assert_eq!(status, 200, "{changed}");
    assert_eq!(
        (changed["email"].clone(), changed["ring_sizes"].clone(), changed["phone"].clone()),
        (Value::Null, json!("ring finger 52"), json!("+31612345678"))
    );

    let (_, job) = till.json("POST", &format!("/api/v1/customers/{id}/repairs"), Some(&intake())).await;
    let job = job["id"].as_str().unwrap().to_owned();
    let (status, moved) = till.json("PATCH", &format!("/api/v1/repairs/{job}"), Some(&json!({ "status": "ready" }))).await;
    assert_eq!((status, moved["status"].as_str()), (200, Some("ready")));
    let (status, back) = till.json("PATCH", &format!("/api/v1/repairs/{job}"), Some(&json!({ "status": "received" }))).await;
    assert_eq!(status, 422, "{back}");
    assert!(back["detail"].as_str().unwrap().contains("only move forward"), "{back}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn lists_come_in_pages() {
    let server = start(ServerOptions::default()).await;
    let till = Integration::with_scopes(&server, &Scope::ALL);
    for name in ["Anna Jansen", "Bea Bakker", "Cor de Wit"] {
        assert_eq!(till.send("POST", "/api/v1/customers", Some(&new_customer(name)), &[]).await.status, 201);
    }
    let (_, first) = till.json("GET", "/api/v1/customers?limit=2", None).await;
    assert_eq!(first["items"].as_array().unwrap().len(), 2);
    let after = first["next_after"].as_str().expect("a next page").to_owned();
    let (_, second) = till.json("GET", &format!("/api/v1/customers?limit=2&after={after}"), None).await;
    assert_eq!(second["items"].as_array().unwrap().len(), 1);
    assert_eq!(second["items"][0]["name"], "Cor de Wit");
    assert!(second.get("next_after").is_none(), "{second}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sale_retried_with_its_idempotency_key_is_recorded_once() {
    let server = start(ServerOptions::default()).await;
    let till = Integration::with_scopes(&server, &Scope::ALL);
    let (_, made) = till.json("POST", "/api/v1/customers", Some(&new_customer("Anna Jansen"))).await;
    let id = made["id"].as_str().unwrap().to_owned();
    let path = format!("/api/v1/customers/{id}/purchases");
    let key = [("Idempotency-Key", "till-1-receipt-0042".to_owned())];
    let first = till.send("POST", &path, Some(&sale()), &key).await;
    let again = till.send("POST", &path, Some(&sale()), &key).await;
    assert_eq!((first.status, again.status), (201, 201), "{}", again.body);
    assert_eq!(first.body, again.body, "the retry gets the first sale");
    assert_eq!((first.header("idempotent-replayed"), again.header("idempotent-replayed")), (None, Some("true")));
    let (_, purchases) = till.json("GET", &path, None).await;
    assert_eq!(purchases["items"].as_array().unwrap().len(), 1);

    let mut other = sale();
    other["total"] = json!("10.00");
    let reused = till.send("POST", &path, Some(&other), &key).await;
    assert_eq!(reused.status, 422, "{}", reused.body);
    let bad_key = till.send("POST", &path, Some(&sale()), &[("Idempotency-Key", "two words".to_owned())]).await;
    assert_eq!(bad_key.status, 400, "{}", bad_key.body);
    let not_ascii = till.send("POST", &path, Some(&sale()), &[("Idempotency-Key", "bon-n\u{b0}42-caf\u{e9}".to_owned())]).await;
    assert_eq!(not_ascii.status, 400, "a key that is not ASCII is malformed too, as the document says: {}", not_ascii.body);
    let (_, purchases) = till.json("GET", &path, None).await;
    assert_eq!(purchases["items"].as_array().unwrap().len(), 1, "neither made a sale");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn problem_titles_follow_the_clients_language() {
    let server = start(ServerOptions::default()).await;
    let till = Integration::with_scopes(&server, &Scope::ALL);
    let dutch = till.send("GET", "/api/v1/nothing-here", None, &[("Accept-Language", "nl-NL,nl;q=0.9,en;q=0.5".into())]).await;
    assert_eq!(dutch.status, 404);
    let value: Value = serde_json::from_str(&dutch.body).unwrap();
    assert_eq!(value["title"], "Niet gevonden", "{}", dutch.body);
    let invalid = till.send("POST", "/api/v1/customers", Some(&json!({ "email": "x" })), &[("Accept-Language", "nl".into())]).await;
    let value: Value = serde_json::from_str(&invalid.body).unwrap();
    assert_eq!((invalid.status, value["title"].as_str()), (422, Some("Ongeldige gegevens")), "{}", invalid.body);
    let english = till.send("GET", "/api/v1/nothing-here", None, &[("Accept-Language", "fr, en;q=0.8".into())]).await;
    let value: Value = serde_json::from_str(&english.body).unwrap();
    assert_eq!(value["title"], "Not Found");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_input_is_a_clear_problem_and_changes_nothing() {
    let server = start(ServerOptions::default()).await;
    let till = Integration::with_scopes(&server, &Scope::ALL);
    let (_, made) = till.json("POST", "/api/v1/customers", Some(&new_customer("Anna Jansen"))).await;
    let id = made["id"].as_str().unwrap().to_owned();
    let long = "x".repeat(5000);
    let cases: Vec<(&str, String, Option<Value>, u16, &str)> = vec![
        ("POST", "/api/v1/customers".into(), Some(json!({ "name": "Bea", "shoe_size": 38 })), 422, "unknown field `shoe_size`"),
        ("POST", "/api/v1/customers".into(), Some(json!({ "name": 42 })), 422, "wrong type"),
        ("POST", "/api/v1/customers".into(), Some(json!({ "email": "bea@example.com" })), 422, "missing field `name`"),
        ("POST", "/api/v1/customers".into(), Some(json!({ "name": long })), 422, "name"),
        ("POST", "/api/v1/customers".into(), Some(json!({ "name": "Bea", "email": "not an address" })), 422, "email"),
        (
            "POST",
            "/api/v1/customers".into(),
            Some(json!({ "name": "Bea", "notes": "card 4111 1111 1111 1111" })),
            422,
            "record the payment processor's token or the last four digits",
        ),
        ("POST", format!("/api/v1/customers/{id}/purchases"), Some(json!({ "items": [], "total": "10" })), 422, "item"),
        (
            "POST",
            format!("/api/v1/customers/{id}/purchases"),
            Some(json!({ "items": [{ "description": "Ring" }], "total": "ten" })),
            422,
            "total",
        ),
        ("PATCH", format!("/api/v1/customers/{id}"), Some(json!({})), 422, "nothing to change"),
        ("PATCH", format!("/api/v1/customers/{id}"), Some(json!({ "name": null })), 422, "cannot be cleared"),
        ("PATCH", format!("/api/v1/customers/{id}"), Some(json!({ "partner": "0192f5e4-7b1a-7c3e-9d2f-3a4b5c6d7e8f" })), 422, "partner"),
        ("GET", format!("/api/v1/customers/{id}"), None, 422, "sale"),
        ("GET", format!("/api/v1/customers/{id}?purpose=curiosity"), None, 422, "sale"),
        ("GET", "/api/v1/customers?limit=0".into(), None, 422, "limit"),
        ("GET", "/api/v1/customers?limit=many".into(), None, 400, "query"),
        ("GET", "/api/v1/customers?colour=red".into(), None, 400, "query"),
        ("GET", "/api/v1/customers?email=a@example.com&phone=0612345678".into(), None, 422, "one of"),
        ("GET", "/api/v1/customers/not-an-id?purpose=sale".into(), None, 404, "no record"),
        ("GET", "/api/v1/nothing-here".into(), None, 404, "no such API endpoint"),
    ];
    for (method, path, body, status, says) in &cases {
        let answer = till.send(method, path, body.as_ref(), &[]).await;
        assert_eq!(answer.status, *status, "{method} {path} {body:?}: {}", answer.body);
        assert_eq!(answer.header("content-type"), Some("application/problem+json"), "{method} {path}");
        assert!(answer.body.contains(says), "{method} {path}: {} does not say {says:?}", answer.body);
        assert!(!answer.body.contains("4111"), "a rejected value is never repeated");
    }
    // Every problem of a body at once, each with its field; a field given blank is refused.
    let several = json!({ "name": "Bea", "email": "not an address", "phone": "", "birth_date": "2999-01-01" });
    let answer = till.send("POST", "/api/v1/customers", Some(&several), &[]).await;
    assert_eq!(answer.status, 422, "{}", answer.body);
    let problem: Value = serde_json::from_str(&answer.body).unwrap();
    let fields: Vec<&str> = problem["errors"].as_array().unwrap().iter().map(|error| error["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["phone"], "a blank field is named before the rest are read: {}", answer.body);
    let several = json!({ "name": "Bea", "email": "not an address", "birth_date": "2999-01-01" });
    let answer = till.send("POST", "/api/v1/customers", Some(&several), &[]).await;
    let problem: Value = serde_json::from_str(&answer.body).unwrap();
    let fields: Vec<&str> = problem["errors"].as_array().unwrap().iter().map(|error| error["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["email", "birth_date"], "{}", answer.body);
    assert!(problem["detail"].as_str().unwrap().contains("1 more problems"), "{}", answer.body);
    let malformed = till.send("POST", "/api/v1/customers", None, &[("Content-Type", "application/json".into())]).await;
    assert_eq!(malformed.status, 400);
    let form = till.send("POST", "/api/v1/customers", Some(&json!({ "name": "Bea" })), &[("Content-Type", "text/plain".into())]).await;
    assert_eq!(form.status, 415);
    let (_, all) = till.json("GET", "/api/v1/customers", None).await;
    assert_eq!(all["items"].as_array().unwrap().len(), 1, "nothing was added");
}

/// The document is generated from the code; the copy in `docs/` is what integrators read and
/// what schemathesis tests against in CI. Regenerate with `STRONGROOM_WRITE_OPENAPI=1`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_openapi_document_is_served_and_matches_the_checked_in_copy() {
    let server = start(ServerOptions::default()).await;
    let served = exchange(&server, "GET", "/api/openapi.json", &[], b"").await;
    assert_eq!(served.status, 200);
    let document: Value = serde_json::from_str(&served.body).unwrap();
    assert_eq!(document["openapi"], "3.1.0");
    let paths: Vec<&String> = document["paths"].as_object().unwrap().keys().collect();
    assert_eq!(
        paths,
        [
            "/api/v1/customers",
            "/api/v1/customers/search",
            "/api/v1/customers/{id}",
            "/api/v1/customers/{id}/purchases",
            "/api/v1/customers/{id}/repairs",
            "/api/v1/me",
            "/api/v1/repairs/{id}"
        ]
    );
    let checked_in = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/openapi.json");
    if std::env::var_os("STRONGROOM_WRITE_OPENAPI").is_some() {
        std::fs::write(&checked_in, &served.body).unwrap();
    }
    let copy = std::fs::read_to_string(&checked_in).unwrap_or_default();
    assert!(
        copy == served.body,
        "docs/openapi.json is out of date: run `STRONGROOM_WRITE_OPENAPI=1 cargo test -p strongroom-server --test it openapi`"
    );
}

/// Schemathesis (from PyPI; `.ci/run` installs it into a virtual environment) generates requests
/// from the OpenAPI document, valid and invalid, and checks every answer: no 5xx, only documented
/// status codes and content types, bodies that match their schemas, invalid input refused.
/// "Valid input accepted" is not checked: JSON Schema cannot say what a phone number, a real
/// date of birth or the card-number guard allow, so schema-valid values are refused with 422s.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn schemathesis_finds_no_server_error_and_no_schema_violation() {
    let Some(schemathesis) = crate::common::outside_tool("schemathesis") else {
        eprintln!("schemathesis is not installed here; skipped (CI runs it)");
        return;
    };
    // A fuzzer is one busy address: per-address limits would answer it with 429s.
    let server = start(ServerOptions { per_ip_limits: false, ..ServerOptions::default() }).await;
    let till = Integration::with_scopes(&server, &Scope::ALL);
    for name in ["Anna Jansen", "Bea Bakker"] {
        let (_, made) = till.json("POST", "/api/v1/customers", Some(&new_customer(name))).await;
        let id = made["id"].as_str().unwrap().to_owned();
        till.send("POST", &format!("/api/v1/customers/{id}/purchases"), Some(&sale()), &[]).await;
        till.send("POST", &format!("/api/v1/customers/{id}/repairs"), Some(&intake()), &[]).await;
    }
    let document = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/openapi.json");
    let seconds = std::env::var("STRONGROOM_SCHEMATHESIS_SECONDS").unwrap_or_else(|_| "45".into());
    // A fixed seed makes a red run reproducible; set another to explore (`random` for a new one each run).
    let seed = std::env::var("STRONGROOM_SCHEMATHESIS_SEED").unwrap_or_else(|_| "20261129".into());
    let mut command = std::process::Command::new(schemathesis);
    command
        .arg("run")
        .arg(&document)
        .args(["--url", &format!("https://localhost:{}", server.address.port())])
        .args(["--header", &format!("Authorization: Bearer {}", till.token.clone().unwrap())])
        .args(["--tls-verify", "false", "--checks", "all", "--exclude-checks", "positive_data_acceptance"])
        .args(["--max-time", &seconds, "--workers", "1", "--no-color", "--generation-database", ":memory:"])
        // A connection the loopback drops once (seen as "EOF in violation of protocol" on a busy
        // 2-core runner, never twice) is a network failure, not an answer: try it again. A wrong
        // answer is never retried.
        .args(["--request-retries", "2"])
        .args(if seed == "random" { vec![] } else { vec!["--seed".to_owned(), seed] });
    // Its caches go to a scratch directory, not into the source tree.
    command.current_dir(server.dir.path());
    let output = tokio::task::spawn_blocking(move || command.output()).await.unwrap().expect("schemathesis runs");
    let report = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "schemathesis found problems:\n{report}\n{}", String::from_utf8_lossy(&output.stderr));
}
