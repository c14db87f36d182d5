//! `strongroom secret …`: the shop's password vault from the command line, its JSON contract,
//! and the password never in a list nor in the database files.

use std::os::unix::fs::PermissionsExt;

use super::*;

#[test]
fn the_vault_keeps_shares_reveals_and_flags_the_shops_passwords() {
    let shop = Shop::new();
    shop.init();
    // A person share names an account in use.
    assert!(shop.run(&["user", "add", "anna", "--role", "sales"]).status.success());
    let password = shop.dir.path().join("webshop.txt");
    std::fs::write(&password, "Zeilboot-Tulp-81-hamer\n").unwrap();
    let added = shop.json(&[
        "secret",
        "add",
        "--name",
        "Webshop admin",
        "--url",
        "https://shop.example/admin",
        "--username",
        "olga",
        "--password-file",
        password.to_str().unwrap(),
        "--share",
        "role:manager",
        "--share",
        "person:anna=view",
        "--json",
    ]);
    let id = added["id"].as_str().unwrap().to_owned();
    let weak = shop.dir.path().join("wifi.txt");
    std::fs::write(&weak, "password1").unwrap();
    shop.json(&["secret", "add", "--name", "Wifi", "--password-file", weak.to_str().unwrap(), "--json"]);

    let list = shop.json(&["secret", "list", "--json"]);
    assert_eq!(list.as_array().unwrap().len(), 2, "{list}");
    assert!(!list.to_string().contains("Zeilboot"), "a list never holds a password: {list}");
    let webshop = &list[0];
    assert_eq!((webshop["name"].as_str(), webshop["access"].as_str()), (Some("Webshop admin"), Some("manage")));
    assert_eq!(webshop["shares"], serde_json::json!(["role:manager=use", "person:anna=view"]));

    let revealed = shop.run(&["secret", "reveal", &id]);
    assert!(revealed.status.success(), "{}", stderr(&revealed));
    assert_eq!(stdout(&revealed).trim(), "Zeilboot-Tulp-81-hamer");
    let looks = shop.json(&["audit", "log", "--action", "secret.reveal", "--json"]).to_string();
    assert!(looks.contains("shown") && looks.contains(&id), "{looks}");

    let due = shop.json(&["secret", "due", "--json"]);
    assert_eq!(due.as_array().unwrap().len(), 1, "{due}");
    assert_eq!((due[0]["name"].as_str(), due[0]["flags"][0].as_str()), (Some("Wifi"), Some("weak")));

    // Bad input changes nothing and says what was wrong.
    let nobody = shop.run(&["secret", "add", "--name", "Alarm", "--password-file", password.to_str().unwrap(), "--share", "person:bram"]);
    assert!(!nobody.status.success() && stderr(&nobody).contains("bram is not a staff account in use"), "{}", stderr(&nobody));
    let refused = shop.run(&["secret", "add", "--name", "Bank", "--password-file", weak.to_str().unwrap(), "--share", "role:admin"]);
    assert!(!refused.status.success() && stderr(&refused).contains("role"), "{}", stderr(&refused));
    assert_eq!(shop.json(&["secret", "list", "--json"]).as_array().unwrap().len(), 2);

    let generated = shop.run(&["secret", "generate", "--length", "24"]);
    assert_eq!(stdout(&generated).trim().chars().count(), 24);
    let changed = shop.dir.path().join("new.txt");
    std::fs::write(&changed, stdout(&generated).trim()).unwrap();
    let wifi = shop.json(&["secret", "list", "--json"])[1]["id"].as_str().unwrap().to_owned();
    shop.json(&["secret", "change", &wifi, "--password-file", changed.to_str().unwrap(), "--json"]);
    assert!(shop.json(&["secret", "due", "--json"]).as_array().unwrap().is_empty(), "a strong new password is not due");
    assert!(shop.run(&["secret", "remove", &wifi]).status.success());

    // An export with a card in it imports nothing and names the row; a clean one imports all.
    let export = shop.dir.path().join("bitwarden.csv");
    let header = "folder,favorite,type,name,notes,fields,reprompt,login_uri,login_username,login_password,login_totp\n";
    std::fs::write(&export, format!("{header},,login,Bank,,,0,https://bank.example,shop,rivier-Schelp-62-brons,\n,,card,Visa,,,0,,,,\n"))
        .unwrap();
    let before = shop.json(&["secret", "list", "--json"]).as_array().unwrap().len();
    let refused = shop.run(&["secret", "import", export.to_str().unwrap(), "--json"]);
    assert!(!refused.status.success(), "{}", stdout(&refused));
    let report: serde_json::Value = serde_json::from_slice(&refused.stdout).unwrap();
    assert_eq!((report["imported"].as_u64(), report["problems"][0]["line"].as_u64()), (Some(0), Some(3)), "{report}");
    assert_eq!(shop.json(&["secret", "list", "--json"]).as_array().unwrap().len(), before, "nothing half-imported");
    std::fs::write(&export, format!("{header},,login,Bank,,,0,https://bank.example,shop,rivier-Schelp-62-brons,\n")).unwrap();
    let imported = shop.json(&["secret", "import", export.to_str().unwrap(), "--share", "role:manager", "--json"]);
    assert_eq!((imported["imported"].as_u64(), imported["notes_left_out"].as_u64()), (Some(1), Some(0)), "{imported}");
    assert_eq!(shop.json(&["secret", "list", "--json"]).as_array().unwrap().len(), before + 1);

    // The owner's export: a new file only they can read, in Bitwarden's shape, recorded; it
    // imports again.
    let exported = shop.dir.path().join("export.csv");
    assert!(shop.run(&["secret", "export", "--out", exported.to_str().unwrap()]).status.success());
    assert_eq!(std::fs::metadata(&exported).unwrap().permissions().mode() & 0o777, 0o600);
    let text = std::fs::read_to_string(&exported).unwrap();
    assert!(text.starts_with("folder,favorite,type,name") && text.contains("Zeilboot-Tulp-81-hamer"), "{text}");
    assert!(!shop.run(&["secret", "export", "--out", exported.to_str().unwrap()]).status.success(), "never written over");
    assert!(shop.json(&["audit", "log", "--action", "secret.export", "--json"]).to_string().contains("entries exported"));

    // Disabling anna lists the entries she could see, to change.
    let disabled = shop.json(&["user", "disable", "anna", "--json"]);
    assert_eq!(disabled["secrets_to_change"][0]["name"], "Webshop admin", "{disabled}");
    // And its password can then be changed, anna's old share notwithstanding.
    std::fs::write(&changed, "Vuurtoren-Mossel-44-tin").unwrap();
    let after = shop.run(&["secret", "change", &id, "--password-file", changed.to_str().unwrap(), "--json"]);
    assert!(after.status.success(), "{}", stderr(&after));

    // Nothing of it in the database's files.
    for file in std::fs::read_dir(shop.data_dir()).unwrap().flatten() {
        if file.path().is_file() {
            let bytes = std::fs::read(file.path()).unwrap();
            for plain in ["Zeilboot-Tulp-81-hamer", "Webshop admin", "shop.example/admin"] {
                assert!(!bytes.windows(plain.len()).any(|window| window == plain.as_bytes()), "{plain} in {}", file.path().display());
            }
        }
    }
}

#[test]
fn a_passphrase_is_generated_from_the_word_list() {
    let shop = Shop::new();
    let phrase = stdout(&shop.run(&["secret", "generate", "--words", "6"]));
    let parts: Vec<&str> = phrase.trim().split('-').collect();
    assert_eq!(parts.len(), 7, "six words and a digit: {phrase}");
    assert!(parts[..6].iter().all(|word| word.len() >= 3 && word.chars().all(|c| c.is_ascii_alphabetic())), "{phrase}");
    let refused = shop.run(&["secret", "generate", "--words", "2"]);
    assert!(!refused.status.success() && stderr(&refused).contains("4 to 10 words"), "{}", stderr(&refused));
}
