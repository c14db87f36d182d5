//! The connection to PostgreSQL over TLS, as the URL's `sslmode` and `sslrootcert` say, against
//! the test cluster: `.ci/run` turns SSL on there with a certificate for `localhost` only,
//! signed by a CA it makes, and names that CA in `STRONGROOM_TEST_PG_CA`.

use strongroom_store::PgStore;

/// The test database's URL and the CA, when both are set (CI sets both).
fn cluster() -> Option<(String, String)> {
    let url = std::env::var("STRONGROOM_TEST_PG_URL").ok();
    let ca = std::env::var("STRONGROOM_TEST_PG_CA").ok();
    if std::env::var("CI").is_ok_and(|ci| ci == "true") {
        assert!(url.is_some() && ca.is_some(), "CI must test TLS to PostgreSQL: set STRONGROOM_TEST_PG_URL and STRONGROOM_TEST_PG_CA");
    }
    url.zip(ca)
}

/// Whether the session named `name` is encrypted, and with which TLS version, as the server
/// sees it (asked over a connection of its own).
fn seen_by_the_server(url: &str, name: &str) -> (bool, Option<String>) {
    let mut client = postgres::Client::connect(url, postgres::NoTls).unwrap();
    let row = client
        .query_one("SELECT s.ssl, s.version FROM pg_stat_ssl s JOIN pg_stat_activity a USING (pid) WHERE a.application_name = $1", &[&name])
        .unwrap();
    (row.get(0), row.get(1))
}

#[test]
fn postgres_is_reached_over_tls_and_its_certificate_checked_as_the_url_says() {
    let Some((url, ca)) = cluster() else { return };
    assert!(url.contains("@127.0.0.1:") && !url.contains('?'), "the test URL is a plain one on 127.0.0.1 (its password not shown)");
    let by_name = url.replace("@127.0.0.1:", "@localhost:");
    let name = |case: &str| format!("sr_tls_{case}_{}", std::process::id());
    let connect =
        |base: &str, case: &str, query: &str| PgStore::connect_unmigrated(&format!("{base}?application_name={}&{query}", name(case)), None);

    // verify-full: the CA and the name on the certificate both hold.
    let store = connect(&by_name, "full", &format!("sslmode=verify-full&sslrootcert={ca}"))
        .expect("verify-full with the CA, by the certificate's name");
    let (encrypted, version) = seen_by_the_server(&url, &name("full"));
    assert!(encrypted, "verify-full is encrypted");
    assert!(matches!(version.as_deref(), Some("TLSv1.2" | "TLSv1.3")), "{version:?}");
    drop(store);

    // The certificate is for localhost, not 127.0.0.1: verify-full refuses, verify-ca does not.
    let refused = connect(&url, "wrong_name", &format!("sslmode=verify-full&sslrootcert={ca}")).err().map(|e| e.to_string());
    assert!(refused.as_deref().is_some_and(|text| text.contains("certificate")), "{refused:?}");
    let store = connect(&url, "ca", &format!("sslmode=verify-ca&sslrootcert={ca}")).expect("verify-ca ignores the name");
    assert!(seen_by_the_server(&url, &name("ca")).0);
    drop(store);

    // A CA the machine does not trust is refused, whatever the name.
    let refused = connect(&by_name, "untrusted", "sslmode=verify-full&sslrootcert=system").err().map(|e| e.to_string());
    assert!(refused.as_deref().is_some_and(|text| text.contains("certificate")), "{refused:?}");

    // require: encrypted, the certificate not checked (libpq's meaning); disable: plain.
    let store = connect(&url, "require", "sslmode=require").expect("require");
    assert!(seen_by_the_server(&url, &name("require")).0);
    drop(store);
    let store = connect(&url, "plain", "sslmode=disable").expect("disable");
    assert!(!seen_by_the_server(&url, &name("plain")).0);
    drop(store);

    // Bad settings are refused before anything connects, naming what is wrong.
    let refused = connect(&url, "bad", "sslmode=verify").err().map(|e| e.to_string()).unwrap_or_default();
    assert!(refused.contains("sslmode"), "{refused}");
    let refused =
        connect(&by_name, "bad", "sslmode=verify-full&sslrootcert=/nonexistent/ca.pem").err().map(|e| e.to_string()).unwrap_or_default();
    assert!(refused.contains("sslrootcert"), "{refused}");
}
