//! `strongroom device …`: the shop's devices flagged against the built-in end-of-life table and
//! CISA's catalogue, a CSV list imported whole or not at all, the tables refreshed from files.

use super::*;

fn flags(list: &serde_json::Value, name: &str) -> Vec<String> {
    let device =
        list["devices"].as_array().unwrap().iter().find(|device| device["name"] == name).unwrap_or_else(|| panic!("no {name}: {list}"));
    device["flags"].as_array().unwrap().iter().map(|flag| flag["id"].as_str().unwrap().to_owned()).collect()
}

#[test]
fn a_windows_10_pc_is_flagged_and_a_kev_entry_matches_its_browser() {
    let shop = Shop::new();
    shop.init();
    let added = shop.json(&[
        "device",
        "add",
        "--name",
        "Counter PC",
        "--kind",
        "counter_pc",
        "--os",
        "Windows",
        "--os-version",
        "10",
        "--disk-encryption",
        "no",
        "--customer-data",
        "--last-update",
        "2024-01-15",
        "--program",
        "Google Chrome@120",
        "--program",
        "Kassa Pro Till@4.2",
        "--json",
    ]);
    assert!(added["id"].as_str().is_some_and(|id| id.len() == 36), "{added}");
    let list = shop.json(&["device", "list", "--json"]);
    let counter = flags(&list, "Counter PC");
    for flag in ["end_of_life", "updates_old", "customer_data_unencrypted", "known_exploited"] {
        assert!(counter.contains(&flag.to_owned()), "{flag}: {counter:?}");
    }
    let device = &list["devices"][0];
    let end_of_life = device["flags"].as_array().unwrap().iter().find(|flag| flag["id"] == "end_of_life").unwrap();
    assert!(
        end_of_life["detail"].as_str().unwrap().contains("Microsoft Windows (10 22H2) gets no security updates since 2025-10-14"),
        "{end_of_life}"
    );
    let exploited = device["flags"]
        .as_array()
        .unwrap()
        .iter()
        .find(|flag| flag["id"] == "known_exploited" && flag["detail"].as_str().unwrap().starts_with("Google Chrome 120:"))
        .unwrap_or_else(|| panic!("Chrome's exploited vulnerabilities: {device}"));
    assert!(
        exploited["cve"].as_str().unwrap().starts_with("CVE-") && exploited["due"].is_string() && exploited["ransomware"].is_boolean(),
        "{exploited}"
    );
    assert_eq!(list["kev_catalogue"], "2025.08.25");

    // What a device says of the shop is sealed: its programs are in no file in plaintext.
    for (name, bytes) in vault_files(&shop) {
        assert!(!bytes.windows(b"Kassa Pro Till".len()).any(|window| window == b"Kassa Pro Till"), "{name} holds a device in plaintext");
    }
    let trail = shop.json(&["audit", "log", "--action", "device.update", "--json"]);
    assert!(trail.to_string().contains("added a device"), "{trail}");
}

#[test]
fn a_device_list_with_bad_rows_imports_nothing_and_names_each() {
    let shop = Shop::new();
    shop.init();
    let bad = shop.dir.path().join("devices-bad.csv");
    std::fs::write(
        &bad,
        "naam;soort;klantgegevens;laatste_update\nKassa;kassa-pc;ja;2026-11-30\nLaptop;broodrooster;nee;\nTablet;tablet;misschien;\n",
    )
    .unwrap();
    let output = shop.run(&["device", "import", bad.to_str().unwrap(), "--json"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let named: Vec<(u64, String)> = report["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|problem| (problem["line"].as_u64().unwrap(), problem["field"].as_str().unwrap().to_owned()))
        .collect();
    assert_eq!(named, [(3, "kind".to_owned()), (4, "customer_data".to_owned())], "{report}");
    assert!(stderr(&output).contains("nothing was imported"));
    assert_eq!(shop.json(&["device", "list", "--json"])["devices"].as_array().unwrap().len(), 0);

    let good = shop.dir.path().join("devices.csv");
    std::fs::write(
        &good,
        "name,kind,os,os_version,customer_data,programs\nKassa,counter_pc,Windows,11 24H2,yes,Microsoft Office@2024\nRouter,router,,,no,\n",
    )
    .unwrap();
    let imported = shop.json(&["device", "import", good.to_str().unwrap(), "--json"]);
    assert_eq!(imported["imported"], 2);
    assert_eq!(shop.json(&["device", "list", "--json"])["devices"].as_array().unwrap().len(), 2);
}

#[test]
fn the_tables_are_refreshed_from_newer_files_only_and_a_wrong_one_changes_nothing() {
    let shop = Shop::new();
    shop.init();
    let newer = shop.dir.path().join("kev.json");
    std::fs::write(
        &newer,
        r#"{"title":"CISA Catalog of Known Exploited Vulnerabilities","catalogVersion":"2026.12.01","dateReleased":"2026-12-01T12:00:00Z","count":1,
           "vulnerabilities":[{"cveID":"CVE-2026-9999","vendorProject":"Kassa","product":"Pro Till","vulnerabilityName":"Kassa Pro Till Remote Code Execution",
           "dateAdded":"2026-11-20","shortDescription":"x","requiredAction":"update","dueDate":"2026-12-11","knownRansomwareCampaignUse":"Known","notes":"","cwes":[]}]}"#,
    )
    .unwrap();
    let broken = shop.dir.path().join("broken.json");
    std::fs::write(&broken, r#"{"catalogVersion":"2026.12.02","vulnerabilities":[{"cveID":"CVE-1","vendorProject":"a","product":"b","vulnerabilityName":"c","dateAdded":"soon","dueDate":"2026-01-01"}]}"#).unwrap();
    let refused = shop.run(&["device", "tables", "--kev", broken.to_str().unwrap()]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(stderr(&refused).contains("vulnerabilities[0].dateAdded"), "{}", stderr(&refused));
    assert_eq!(shop.json(&["device", "tables", "--json"])["kev_catalogue"], "2025.08.25", "nothing changed");

    let tables = shop.json(&["device", "tables", "--kev", newer.to_str().unwrap(), "--json"]);
    assert_eq!((tables["kev_catalogue"].as_str(), tables["kev_built_in"].as_bool()), (Some("2026.12.01"), Some(false)), "{tables}");
    shop.json(&[
        "device",
        "add",
        "--name",
        "Till",
        "--kind",
        "counter_pc",
        "--last-update",
        "2026-11-01",
        "--program",
        "Kassa Pro Till@4",
        "--json",
    ]);
    let list = shop.json(&["device", "list", "--json"]);
    let exploited = &list["devices"][0]["flags"].as_array().unwrap().iter().find(|flag| flag["id"] == "known_exploited").cloned().unwrap();
    assert_eq!((exploited["cve"].as_str(), exploited["ransomware"].as_bool()), (Some("CVE-2026-9999"), Some(true)), "{exploited}");

    let older = shop.run(&["device", "tables", "--kev", "crates-that-do-not-exist.json"]);
    assert_eq!(older.status.code(), Some(1));
    let built_in = shop.dir.path().join("old.json");
    std::fs::write(&built_in, r#"{"catalogVersion":"2024.01.01","vulnerabilities":[]}"#).unwrap();
    let refused = shop.run(&["device", "tables", "--kev", built_in.to_str().unwrap()]);
    assert!(stderr(&refused).contains("older than the one in use"), "{}", stderr(&refused));
}

/// A local web server that answers every request with `body`, `times` times.
fn serve_once(body: String, times: usize) -> (String, std::thread::JoinHandle<()>) {
    use std::io::{Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let address = format!("http://{}/known_exploited_vulnerabilities.json", listener.local_addr().unwrap());
    let server = std::thread::spawn(move || {
        for _ in 0..times {
            let (mut stream, _) = listener.accept().unwrap();
            let mut request = [0u8; 2048];
            let _ = stream.read(&mut request).unwrap();
            write!(
                stream,
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            )
            .unwrap();
        }
    });
    (address, server)
}

#[test]
fn cisas_catalogue_is_fetched_from_its_address() {
    let shop = Shop::new();
    shop.init();
    let catalogue = r#"{"title":"CISA Catalog of Known Exploited Vulnerabilities","catalogVersion":"2026.12.05","dateReleased":"2026-12-05T12:00:00Z","count":1,
        "vulnerabilities":[{"cveID":"CVE-2026-1234","vendorProject":"Google","product":"Chromium V8","vulnerabilityName":"Google Chromium V8 Type Confusion",
        "dateAdded":"2026-12-02","dueDate":"2026-12-23","knownRansomwareCampaignUse":"Unknown"}]}"#;
    let (address, server) = serve_once(catalogue.to_owned(), 1);
    let tables = shop.json(&["device", "tables", "--kev", &address, "--json"]);
    server.join().unwrap();
    assert_eq!(tables["kev_catalogue"], "2026.12.05", "{tables}");
    assert!(tables["refreshed"][0].as_str().unwrap().ends_with(&format!("from {address}")), "{tables}");
    let trail = shop.json(&["audit", "log", "--action", "desk.tables", "--json"]);
    assert!(trail.to_string().contains(&address), "the address is recorded: {trail}");

    let plain = shop.run(&["device", "tables", "--kev", "http://example.com/kev.json"]);
    assert_eq!(plain.status.code(), Some(1));
    assert!(stderr(&plain).contains("is not encrypted"), "{}", stderr(&plain));
}
