//! `strongroom doctor`: checks of this machine and of Strongroom, on a real temp setup.

use std::os::unix::fs::PermissionsExt;

use super::*;

/// A self-signed certificate that expires in `days` days, as PEM.
fn certificate_expiring_in(days: i64) -> String {
    let mut params = rcgen::CertificateParams::new(vec!["shop.local".to_owned()]).unwrap();
    params.not_after = time::OffsetDateTime::now_utc() + time::Duration::days(days);
    params.not_before = time::OffsetDateTime::now_utc() - time::Duration::days(1);
    let key = rcgen::KeyPair::generate().unwrap();
    params.self_signed(&key).unwrap().pem()
}

#[test]
fn the_doctor_flags_an_open_data_directory_a_key_inside_it_and_a_certificate_near_its_end() {
    let shop = Shop::new();
    shop.init();
    let healthy = shop.json(&["doctor", "--json"]);
    let checks = healthy.as_array().unwrap();
    assert!(checks.len() >= 15, "{healthy}");
    let status = |checks: &serde_json::Value, id: &str| {
        let check = checks.as_array().unwrap().iter().find(|check| check["id"] == id).unwrap_or_else(|| panic!("no {id}: {checks}"));
        assert!(check["detail"].is_string() && check["fix"].is_string(), "{check}");
        check["status"].as_str().unwrap().to_owned()
    };
    assert_eq!(status(&healthy, "data_dir_permissions"), "ok");
    assert_eq!(status(&healthy, "key_file_location"), "ok");
    assert_eq!(status(&healthy, "backup_age"), "problem", "no backup folder yet");

    std::fs::set_permissions(shop.data_dir(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let inside = shop.data_dir().join("shop.key");
    std::fs::copy(shop.key_file(), &inside).unwrap();
    std::fs::set_permissions(&inside, std::fs::Permissions::from_mode(0o600)).unwrap();
    let cert = shop.dir.path().join("cert.pem");
    std::fs::write(&cert, certificate_expiring_in(10)).unwrap();
    let output = shop.run_with_key(Some(&inside), &["doctor", "--tls-cert", cert.to_str().unwrap(), "--json"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let flagged: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(status(&flagged, "data_dir_permissions"), "problem");
    assert_eq!(status(&flagged, "key_file_location"), "problem");
    assert_eq!(status(&flagged, "tls_certificate"), "problem");
    let tls = flagged.as_array().unwrap().iter().find(|check| check["id"] == "tls_certificate").unwrap().clone();
    assert!(tls["detail"].as_str().unwrap().contains("expires in"), "{tls}");
    assert!(shop.json(&["audit", "log", "--action", "audit.read", "--json"]).to_string().contains("doctor:"), "the run is recorded");
}

/// The shop's website checked as a browser would, against a real `strongroom serve`: its
/// certificate is its own (no authority vouches for it), it speaks only TLS 1.2 and 1.3, and it
/// sends HSTS for a year.
#[test]
fn the_doctor_visits_the_shops_website_once_its_address_is_saved() {
    let shop = Shop::new();
    shop.init();
    let checks = shop.json(&["doctor", "--json"]);
    assert!(!checks.to_string().contains("website_"), "no address, no website checks: {checks}");
    let refused = shop.run(&["doctor", "--website", "user@shop.nl"]);
    assert!(!refused.status.success() && stderr(&refused).contains("not a website's address"), "{}", stderr(&refused));

    let (_server, address) = shop.serving();
    let checks = shop.json(&["doctor", "--website", &address, "--json"]);
    let found = |id: &str| {
        let check = checks.as_array().unwrap().iter().find(|check| check["id"] == id).unwrap_or_else(|| panic!("no {id}: {checks}"));
        (check["status"].as_str().unwrap().to_owned(), check["detail"].as_str().unwrap().to_owned())
    };
    let (status, detail) = found("website_certificate");
    assert_eq!(status, "problem", "{detail}");
    assert!(detail.contains("not signed by an authority browsers trust"), "{detail}");
    let (status, detail) = found("website_tls_versions");
    assert_eq!((status.as_str(), detail.contains("only TLS 1.2 and newer (this visit used TLS 1.3)")), ("ok", true), "{detail}");
    let (status, detail) = found("website_hsts");
    assert_eq!((status.as_str(), detail.contains("for 365 days")), ("ok", true), "{detail}");
    let saved = shop.json(&["audit", "log", "--action", "settings.change", "--json"]).to_string();
    assert!(saved.contains("website checked by the doctor: none"), "{saved}");

    // The address stays for the next run, until it is cleared.
    assert!(shop.json(&["doctor", "--json"]).to_string().contains("website_hsts"));
    assert!(!shop.json(&["doctor", "--website", "", "--json"]).to_string().contains("website_"));
}
