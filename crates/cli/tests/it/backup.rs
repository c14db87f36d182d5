//! `strongroom backup`: made while the vault is open, read through, restored into an empty
//! folder or PostgreSQL database, refused where it would overwrite, and never half-written.

use super::*;

impl Shop {
    /// Runs `strongroom` on another data directory with this shop's key.
    pub(super) fn run_in(&self, data_dir: &Path, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_strongroom"))
            .env_clear()
            .env("USER", "owner")
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .arg("--data-dir")
            .arg(data_dir)
            .arg("--key-file")
            .arg(self.key_file())
            .args(args)
            .output()
            .unwrap()
    }

    pub(super) fn backups(&self) -> PathBuf {
        let dir = self.dir.path().join("usb");
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }
}

pub(super) fn json_of(output: &Output) -> serde_json::Value {
    assert!(output.status.success(), "{}", stderr(output));
    serde_json::from_slice(&output.stdout).unwrap()
}

fn files_in(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap())
        .filter(|entry| entry.file_type().unwrap().is_file())
        .map(|entry| (entry.file_name().to_string_lossy().into_owned(), std::fs::read(entry.path()).unwrap()))
        .collect();
    files.sort();
    files
}

#[test]
fn a_backup_is_made_read_through_and_restored_into_an_empty_folder_only() {
    let shop = Shop::new();
    shop.init();
    shop.json(&["customer", "add", "--name", "Anna Jansen", "--email", "anna@example.com", "--json"]);
    shop.json(&["customer", "add", "--name", "Bram de Wit", "--phone", "0612345678", "--json"]);
    let usb = shop.backups();
    let made = shop.json(&["backup", "create", "--to", usb.to_str().unwrap(), "--json"]);
    assert_eq!(made["customers"], 2);
    assert!(made["bytes"].as_u64().unwrap() > 0 && made["audit_events"].as_u64().unwrap() >= 3, "{made}");
    let file = made["file"].as_str().unwrap().to_owned();
    assert!(file.ends_with(".srbk") && Path::new(&file).starts_with(&usb), "{file}");
    assert!(made["warnings"][0].as_str().unwrap().contains("same disk as the data"), "{made}");

    let checked = shop.json(&["backup", "verify", &file, "--json"]);
    assert_eq!(
        (checked["ok"].as_bool(), checked["customers"].as_u64(), checked["restore_tested"].as_bool()),
        (Some(true), Some(2), Some(false))
    );
    let tested = shop.json(&["backup", "verify", &file, "--restore-test", "--json"]);
    assert_eq!((tested["ok"].as_bool(), tested["restore_tested"].as_bool()), (Some(true), Some(true)), "{tested}");

    // Restored into a new folder, the vault opens with the same key and finds everyone.
    let new = shop.dir.path().join("restored");
    let restored = json_of(&shop.run_in(&new, &["backup", "restore", &file, "--json"]));
    assert_eq!((restored["customers"].as_u64(), restored["audit_verified"].as_bool()), (Some(2), Some(true)));
    let found = json_of(&shop.run_in(&new, &["customer", "find", "--email", "anna@example.com", "--json"]));
    assert_eq!(found[0]["name"], "Anna Jansen");
    assert!(shop.run_in(&new, &["audit", "verify"]).status.success());
    let log = json_of(&shop.run_in(&new, &["audit", "log", "--action", "backup.restore", "--json"]));
    assert_eq!(log.as_array().unwrap().len(), 1, "the restore is recorded in the restored vault: {log}");

    // A folder that is not empty is refused, and nothing in it changes.
    let before = files_in(&new);
    let again = shop.run_in(&new, &["backup", "restore", &file]);
    assert_eq!(again.status.code(), Some(1));
    assert!(stderr(&again).contains("is not empty"), "{}", stderr(&again));
    assert_eq!(files_in(&new), before);

    // Another shop's key: exit 2, nothing written.
    let stranger = Shop::new();
    stranger.init();
    let empty = shop.dir.path().join("never");
    let wrong = stranger.run_in(&empty, &["backup", "restore", &file]);
    assert_eq!(wrong.status.code(), Some(2), "{}", stderr(&wrong));
    assert!(!empty.exists(), "nothing was created");

    // A flipped byte is named by its chunk, exit 1.
    let mut bytes = std::fs::read(&file).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 1;
    let damaged = usb.join("damaged.srbk");
    std::fs::write(&damaged, bytes).unwrap();
    let output = shop.run(&["backup", "verify", damaged.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("chunk 0 is damaged"), "{}", stderr(&output));
}

#[test]
fn a_sqlite_backup_restores_into_postgresql_from_the_command_line() {
    let Ok(url) = std::env::var("STRONGROOM_TEST_PG_URL") else { return };
    let shop = Shop::new();
    shop.init();
    shop.json(&["customer", "add", "--name", "Anna Jansen", "--email", "anna@example.com", "--json"]);
    let made = shop.json(&["backup", "create", "--to", shop.backups().to_str().unwrap(), "--json"]);
    let schema = format!("cli_restore_{}", std::process::id());
    let mut client = postgres::Client::connect(&url, postgres::NoTls).unwrap();
    client.batch_execute(&format!("DROP SCHEMA IF EXISTS {schema} CASCADE; CREATE SCHEMA {schema}")).unwrap();
    let in_schema = format!("{url}?options=-csearch_path%3D{schema}");
    let new = shop.dir.path().join("chain");
    let run = |args: &[&str]| {
        let mut all = vec!["--database-url", in_schema.as_str()];
        all.extend_from_slice(args);
        shop.run_in(&new, &all)
    };
    let restored = run(&["backup", "restore", made["file"].as_str().unwrap(), "--json"]);
    let found = run(&["customer", "find", "--email", "anna@example.com", "--json"]);
    client.batch_execute(&format!("DROP SCHEMA {schema} CASCADE")).unwrap();
    assert_eq!(json_of(&restored)["backend"], "postgres");
    assert_eq!(json_of(&found)[0]["name"], "Anna Jansen");
}

#[test]
fn kill_9_during_a_backup_leaves_no_backup_that_is_not_whole_and_no_lock() {
    let shop = Shop::new();
    shop.init();
    let csv = shop.customers_csv(20_000);
    assert!(shop.run(&["import", "customers", csv.to_str().unwrap()]).status.success());
    let usb = shop.backups();
    // Wherever the kill lands, every file that looks like a backup is a whole one.
    for delay in [20, 80, 200, 400] {
        let mut create = Command::new(env!("CARGO_BIN_EXE_strongroom"))
            .arg("--data-dir")
            .arg(shop.data_dir())
            .arg("--key-file")
            .arg(shop.key_file())
            .args(["backup", "create", "--to", usb.to_str().unwrap()])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay));
        create.kill().unwrap();
        create.wait().unwrap();
        for (name, _) in files_in(&usb).into_iter().filter(|(name, _)| name.ends_with(".srbk")) {
            let checked = shop.run(&["backup", "verify", usb.join(&name).to_str().unwrap()]);
            assert!(checked.status.success(), "{name} after a kill at {delay} ms: {}", stderr(&checked));
        }
    }
    // The next run takes the folder's lock and clears what the killed ones left.
    let made = shop.json(&["backup", "create", "--to", usb.to_str().unwrap(), "--json"]);
    assert_eq!(made["customers"], 20_000);
    assert!(
        files_in(&usb).iter().all(|(name, _)| !name.ends_with(".partial")),
        "{:?}",
        files_in(&usb).iter().map(|f| &f.0).collect::<Vec<_>>()
    );
}

#[test]
fn the_folders_set_at_init_get_the_backup_and_the_drill_restores_the_newest() {
    let shop = Shop::new();
    let usb = shop.backups();
    let output = shop.run(&["init", "--backup-to", usb.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    let settings = std::fs::read_to_string(shop.data_dir().join("strongroom.toml")).unwrap();
    assert!(settings.contains("[backup]") && settings.contains(usb.to_str().unwrap()), "{settings}");
    shop.json(&["customer", "add", "--name", "Anna Jansen", "--json"]);

    let made = shop.json(&["backup", "create", "--json"]);
    assert_eq!(made["folders"][0]["folder"], usb.to_str().unwrap());
    assert!(Path::new(made["file"].as_str().unwrap()).starts_with(&usb));
    let drilled = shop.json(&["backup", "drill", "--json"]);
    assert_eq!((drilled[0]["ok"].as_bool(), drilled[0]["file"].as_str()), (Some(true), made["file"].as_str()), "{drilled}");
    let log = shop.json(&["audit", "log", "--action", "backup.drill", "--json"]);
    assert_eq!(log.as_array().unwrap().len(), 1);

    // A damaged newest backup fails the drill, exit 1, and the trail says so.
    let newest = made["file"].as_str().unwrap();
    let mut bytes = std::fs::read(newest).unwrap();
    let end = bytes.len() - 10;
    bytes[end] ^= 1;
    std::fs::write(newest, bytes).unwrap();
    let failed = shop.run(&["backup", "drill"]);
    assert_eq!(failed.status.code(), Some(1));
    assert!(stderr(&failed).contains("damaged"), "{}", stderr(&failed));
}

#[test]
fn the_backup_settings_are_shown_changed_in_the_vault_and_checked_before_anything_changes() {
    let shop = Shop::new();
    let usb = shop.backups();
    assert!(shop.run(&["init", "--backup-to", usb.to_str().unwrap()]).status.success());
    let shown = shop.json(&["backup", "settings", "--json"]);
    assert_eq!((shown["from"].as_str(), shown["time"].as_str()), (Some("config_file"), Some("02:00")), "{shown}");
    assert_eq!(shown["folders"], serde_json::json!([usb]));
    assert_eq!(shown["keep"], serde_json::json!({ "daily": 7, "weekly": 4, "monthly": 12 }));

    // Bad input: a clear error, exit 1, nothing saved and nothing recorded as a change.
    let nas = shop.dir.path().join("nas");
    for (args, said) in [
        (vec!["--add", "nas"], "nas is not a whole path from the top"),
        (vec!["--time", "25:00"], "is not a time of day as HH:MM"),
        (vec!["--keep-daily", "0"], "must be a whole number from 1 to 731"),
        (vec!["--remove", "/media/elsewhere"], "/media/elsewhere is not a backup folder"),
        (vec!["--add", usb.to_str().unwrap()], "is listed twice"),
    ] {
        let output = shop.run(&[&["backup", "settings"][..], &args].concat());
        assert_eq!(output.status.code(), Some(1), "{args:?}");
        assert!(stderr(&output).contains(said), "{args:?}: {}", stderr(&output));
    }
    let inside = shop.data_dir().join("backups");
    let output = shop.run(&["backup", "settings", "--add", inside.to_str().unwrap()]);
    assert!(stderr(&output).contains("is inside the data directory"), "{}", stderr(&output));
    assert_eq!(shop.json(&["backup", "settings", "--json"])["from"], "config_file", "nothing was saved");

    let changed = shop.json(&["backup", "settings", "--add", nas.to_str().unwrap(), "--time", "03:30", "--keep-monthly", "24", "--json"]);
    assert_eq!((changed["from"].as_str(), changed["time"].as_str()), (Some("vault"), Some("03:30")), "{changed}");
    assert_eq!(changed["folders"], serde_json::json!([usb, nas]));
    assert_eq!(changed["keep"]["monthly"], 24);
    let warned = |what: &str| changed["warnings"].as_array().unwrap().iter().any(|warning| warning.as_str().unwrap().contains(what));
    assert!(warned("nas is not there now") && warned("usb is on the same disk as the data"), "{changed}");
    let log = shop.json(&["audit", "log", "--action", "backup.settings", "--json"]);
    assert_eq!(
        log[0]["detail"],
        format!("2 folder(s): {}, {}; daily at 03:30; keeps 7 daily, 4 weekly, 24 monthly", usb.display(), nas.display())
    );

    // The next backup goes to both; the missing one is named, the other still gets its backup.
    let output = shop.run(&["backup", "create", "--json"]);
    assert_eq!(output.status.code(), Some(1), "one folder failed");
    assert!(stderr(&output).contains("nas does not exist"), "{}", stderr(&output));
    assert_eq!(files_in(&usb).iter().filter(|(name, _)| name.ends_with(".srbk")).count(), 1);

    // The vault's settings rule from now on; strongroom.toml's [backup] is no longer read.
    let removed = shop.json(&["backup", "settings", "--remove", nas.to_str().unwrap(), "--json"]);
    assert_eq!(removed["folders"], serde_json::json!([usb]));
    let config = shop.data_dir().join("strongroom.toml");
    let elsewhere = shop.dir.path().join("elsewhere");
    let text = std::fs::read_to_string(&config).unwrap().replace(usb.to_str().unwrap(), elsewhere.to_str().unwrap());
    std::fs::write(&config, text).unwrap();
    let shown = shop.json(&["backup", "settings", "--json"]);
    assert_eq!((shown["from"].as_str(), &shown["folders"]), (Some("vault"), &serde_json::json!([usb])), "{shown}");
    assert!(shop.run(&["backup", "create"]).status.success());
    assert!(!elsewhere.exists());

    // A [backup] the checks refuse (an older Strongroom's, or typed by hand) never stops a command.
    let text = std::fs::read_to_string(&config).unwrap().replace("[backup]\n", "[backup]\nkeep_daily = 0\ntime = \"25:00\"\n");
    std::fs::write(&config, text).unwrap();
    let output = shop.run(&["backup", "settings"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stderr(&output).contains("keep_daily = 0 is out of bounds; 1 is used"), "{}", stderr(&output));
}

/// A small tmpfs, unmounted when dropped.
struct SmallDisk(PathBuf);

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

#[test]
fn a_full_disk_at_the_destination_is_a_clear_error_and_leaves_nothing_behind() {
    let shop = Shop::new();
    shop.init();
    let disk = shop.dir.path().join("small-usb");
    std::fs::create_dir_all(&disk).unwrap();
    let mounted = Command::new("mount").args(["-t", "tmpfs", "-o", "size=1m", "tmpfs"]).arg(&disk).status().is_ok_and(|s| s.success());
    if !mounted {
        // Mounting needs root; CI runs as root and must run this.
        assert_ne!(std::env::var("CI").as_deref(), Ok("true"), "CI cannot mount a small tmpfs for the full-disk test");
        return;
    }
    let _unmount = SmallDisk(disk.clone());
    let csv = shop.customers_csv(10_000);
    assert!(shop.run(&["import", "customers", csv.to_str().unwrap()]).status.success());
    let output = shop.run(&["backup", "create", "--to", disk.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("the disk is full"), "{}", stderr(&output));
    let left: Vec<String> = files_in(&disk).into_iter().map(|(name, _)| name).collect();
    assert_eq!(left, [".strongroom-backup.lock"], "no partial file is left");
    assert!(shop.run(&["audit", "verify"]).status.success(), "the vault is untouched");
    let log = shop.json(&["audit", "log", "--action", "backup.create", "--json"]);
    assert_eq!(log[0]["outcome"], "failed", "{log}");
}

/// The groups of a recovery kit's page, in order.
fn kit_groups(html: &str) -> Vec<String> {
    html.split("<code class=\"group\">").skip(1).map(|rest| rest.split('<').next().unwrap().to_owned()).collect()
}

fn recover(shop: &Shop, out: &Path, typed: &str) -> Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_strongroom"))
        .args(["keys", "recover", "--out"])
        .arg(out)
        .current_dir(shop.dir.path())
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(typed.as_bytes()).unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn the_key_comes_back_from_the_paper_kit_and_a_typo_is_named_by_its_group() {
    let shop = Shop::new();
    shop.init();
    shop.json(&["customer", "add", "--name", "Anna Jansen", "--email", "anna@example.com", "--json"]);
    let kit = shop.dir.path().join("kit.html");
    let output = shop.run(&["keys", "recovery-kit", "--out", kit.to_str().unwrap(), "--language", "nl"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(mode(&kit), 0o600);
    let html = std::fs::read_to_string(&kit).unwrap();
    assert!(html.contains("<html lang=\"nl\">") && html.contains("Herstelset") && html.contains("<svg"), "a Dutch page with its QR code");
    let groups = kit_groups(&html);
    assert_eq!(groups.len(), 14);
    assert!(!shop.run(&["keys", "recovery-kit", "--out", kit.to_str().unwrap()]).status.success(), "never overwritten");
    let log = shop.json(&["audit", "log", "--action", "keys.recovery_kit", "--json"]);
    assert_eq!(log.as_array().unwrap().len(), 1, "making a kit is recorded");

    // A typo in the third group is never taken, and named (a group's check misses one typo in
    // 32, which the whole key's checksum then refuses: so each other character is tried).
    let new_key = shop.dir.path().join("new.key");
    let mut named = 0;
    for other in "0123456789ABCDEFGHJKMNPQRSTVWXYZ".chars().filter(|c| !groups[2].starts_with(*c)) {
        let mut typo = groups.clone();
        typo[2] = format!("{other}{}", &typo[2][1..]);
        let refused = recover(&shop, &new_key, &typo.join(" "));
        assert_eq!(refused.status.code(), Some(1), "{}", stderr(&refused));
        named += usize::from(stderr(&refused).contains("group 3 does not match"));
    }
    assert!(named >= 25, "the typo's group was named {named} times in 31");
    assert!(!new_key.exists());

    // Typed right (in lower case, with dashes), the key file is made again and opens the vault.
    let made = recover(&shop, &new_key, &groups.join("-").to_lowercase());
    assert!(made.status.success(), "{}", stderr(&made));
    assert_eq!(mode(&new_key), 0o600);
    let line = |path: &Path| std::fs::read_to_string(path).unwrap().lines().find(|l| l.starts_with("strongroom-")).unwrap().to_owned();
    assert_eq!(line(&new_key), line(&shop.key_file()));
    let found = shop.run_with_key(Some(&new_key), &["customer", "find", "--email", "anna@example.com", "--json"]);
    assert!(found.status.success(), "{}", stderr(&found));
}

#[test]
fn kill_9_during_a_restore_leaves_no_vault_and_the_next_restore_finishes() {
    let shop = Shop::new();
    shop.init();
    let csv = shop.customers_csv(20_000);
    assert!(shop.run(&["import", "customers", csv.to_str().unwrap()]).status.success());
    let made = shop.json(&["backup", "create", "--to", shop.backups().to_str().unwrap(), "--json"]);
    let file = made["file"].as_str().unwrap().to_owned();
    let new = shop.dir.path().join("new-pc");
    for delay in [50, 150, 400] {
        let mut restore = Command::new(env!("CARGO_BIN_EXE_strongroom"))
            .arg("--data-dir")
            .arg(&new)
            .arg("--key-file")
            .arg(shop.key_file())
            .args(["backup", "restore", &file])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay));
        restore.kill().unwrap();
        let finished = restore.wait().unwrap().success();
        if finished {
            break;
        }
        // Killed before its end: the folder holds no vault that opens. (Killed after the
        // restore was complete, while it checked the result, the vault is whole and opens.)
        let complete = new.join("strongroom.toml").exists() && !new.join(".restore-unfinished").exists();
        let opened = shop.run_in(&new, &["customer", "list", "--limit", "1"]);
        assert!(complete || !opened.status.success(), "a half-restored vault must not open");
    }
    if !new.join("strongroom.toml").exists() || new.join(".restore-unfinished").exists() {
        let restored = json_of(&shop.run_in(&new, &["backup", "restore", &file, "--json"]));
        assert_eq!(restored["customers"], 20_000);
    }
    let found = json_of(&shop.run_in(&new, &["customer", "find", "--email", "customer19999@example.com", "--json"]));
    assert_eq!(found[0]["name"], "Customer 19999");
}

#[test]
fn a_restore_takes_the_current_vaults_erasures_only_from_a_vault_that_opens() {
    let shop = Shop::new();
    shop.init();
    shop.json(&["customer", "add", "--name", "Anna Jansen", "--json"]);
    let file = shop.json(&["backup", "create", "--to", shop.backups().to_str().unwrap(), "--json"])["file"].as_str().unwrap().to_owned();
    let nowhere = shop.dir.path().join("no-vault-here");
    let new = shop.dir.path().join("new");
    let refused = shop.run_in(&new, &["backup", "restore", &file, "--erasures-from", nowhere.to_str().unwrap()]);
    assert!(!refused.status.success() && stderr(&refused).contains("--erasures-from"), "{}", stderr(&refused));
    assert!(!new.exists(), "nothing restored when the current vault cannot be read");
    let data = shop.data_dir();
    let restored = json_of(&shop.run_in(&new, &["backup", "restore", &file, "--erasures-from", data.to_str().unwrap(), "--json"]));
    assert_eq!((restored["customers"].as_u64(), restored["erasures_reapplied"].as_array().map(Vec::len)), (Some(1), Some(0)));
}

#[test]
fn kill_9_during_a_drill_leaves_the_vault_and_its_backups_untouched_and_the_next_drill_passes() {
    let shop = Shop::new();
    let usb = shop.backups();
    assert!(shop.run(&["init", "--backup-to", usb.to_str().unwrap()]).status.success());
    let csv = shop.customers_csv(20_000);
    assert!(shop.run(&["import", "customers", csv.to_str().unwrap()]).status.success());
    let made = shop.json(&["backup", "create", "--json"]);
    let before = std::fs::read(made["file"].as_str().unwrap()).unwrap();
    for delay in [30, 150, 400] {
        let mut drill = Command::new(env!("CARGO_BIN_EXE_strongroom"))
            .arg("--data-dir")
            .arg(shop.data_dir())
            .arg("--key-file")
            .arg(shop.key_file())
            .args(["backup", "drill"])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay));
        drill.kill().unwrap();
        drill.wait().unwrap();
    }
    assert_eq!(std::fs::read(made["file"].as_str().unwrap()).unwrap(), before, "the backup is only read");
    assert!(shop.run(&["audit", "verify"]).status.success(), "the vault is untouched");
    let drilled = shop.json(&["backup", "drill", "--json"]);
    assert_eq!(drilled[0]["ok"], true, "{drilled}");
}

#[test]
fn serve_makes_the_days_backup_and_the_first_drill_by_itself() {
    let shop = Shop::new();
    let usb = shop.backups();
    assert!(shop.run(&["init", "--backup-to", usb.to_str().unwrap()]).status.success());
    // The day's time has passed (midnight), and no backup was made yet: it is due at once.
    let settings = shop.data_dir().join("strongroom.toml");
    let text = std::fs::read_to_string(&settings).unwrap().replace("[backup]\n", "[backup]\ntime = \"00:00\"\n");
    std::fs::write(&settings, text).unwrap();
    shop.json(&["customer", "add", "--name", "Anna Jansen", "--json"]);
    let server = shop.serve(std::process::Stdio::null());
    let drilled = |shop: &Shop| shop.json(&["audit", "log", "--action", "backup.drill", "--json"]).as_array().map_or(0, Vec::len);
    let mut waited = 0;
    while drilled(&shop) == 0 && waited < 600 {
        std::thread::sleep(std::time::Duration::from_millis(100));
        waited += 1;
    }
    drop(server);
    let made = shop.json(&["audit", "log", "--action", "backup.create", "--json"]);
    assert_eq!((made[0]["actor"].as_str(), made[0]["outcome"].as_str()), (Some("scheduled backup"), Some("allowed")), "{made}");
    let drill = shop.json(&["audit", "log", "--action", "backup.drill", "--json"]);
    assert_eq!(drill[0]["outcome"], "allowed", "{drill}");
    assert_eq!(files_in(&usb).iter().filter(|(name, _)| name.ends_with(".srbk")).count(), 1);
}
