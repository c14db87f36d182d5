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
