//! The `strongroom` binary, run for real on temporary directories.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

mod assessment;
mod audits;
mod backup;
mod devices;
mod doctor;
mod feeds;
mod incident;
mod mail;
mod requests;
mod risks;
mod secrets;
mod training;

struct Shop {
    dir: tempfile::TempDir,
}

impl Shop {
    fn new() -> Shop {
        Shop { dir: tempfile::tempdir().unwrap() }
    }

    fn data_dir(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    fn key_file(&self) -> PathBuf {
        self.dir.path().join("shop.key")
    }

    /// Runs `strongroom` with this shop's data directory and key file.
    fn run(&self, args: &[&str]) -> Output {
        self.run_with_key(Some(&self.key_file()), args)
    }

    fn run_with_key(&self, key_file: Option<&Path>, args: &[&str]) -> Output {
        let mut command = Command::new(env!("CARGO_BIN_EXE_strongroom"));
        command.env_clear().env("USER", "owner").env("PATH", std::env::var("PATH").unwrap_or_default());
        command.arg("--data-dir").arg(self.data_dir());
        if let Some(key_file) = key_file {
            command.arg("--key-file").arg(key_file);
        }
        command.args(args).current_dir(self.dir.path()).output().unwrap()
    }

    fn init(&self) {
        let output = self.run(&["init"]);
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    }

    /// A CSV file of `n` customers ("Customer 7", customer7@example.com).
    fn customers_csv(&self, n: usize) -> PathBuf {
        let csv = self.dir.path().join("big.csv");
        let mut text = String::from("name,email\n");
        for i in 0..n {
            text.push_str(&format!("Customer {i},customer{i}@example.com\n"));
        }
        std::fs::write(&csv, text).unwrap();
        csv
    }

    fn json(&self, args: &[&str]) -> serde_json::Value {
        let output = self.run(args);
        assert!(output.status.success(), "{args:?}: {}", String::from_utf8_lossy(&output.stderr));
        serde_json::from_slice(&output.stdout).unwrap()
    }
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn init_creates_an_owner_only_data_directory_and_key_file() {
    let shop = Shop::new();
    shop.init();
    assert_eq!(mode(&shop.data_dir()), 0o700);
    assert_eq!(mode(&shop.key_file()), 0o600);
    assert!(std::fs::read_to_string(shop.key_file()).unwrap().contains("strongroom-shop-key-v1 "));
    let again = shop.run(&["init"]);
    assert_eq!(again.status.code(), Some(1));
    assert!(stderr(&again).contains("already"), "{}", stderr(&again));
}

#[test]
fn the_shops_time_zone_is_checked_when_it_is_given() {
    let shop = Shop::new();
    let output = shop.run(&["init", "--time-zone", "Mars/Olympus_Mons"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("is not a time zone"), "{}", stderr(&output));
    assert!(!shop.data_dir().join("strongroom.toml").exists(), "nothing was created");
    let output = shop.run(&["init", "--time-zone", "Europe/Amsterdam"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let config = std::fs::read_to_string(shop.data_dir().join("strongroom.toml")).unwrap();
    assert!(config.contains("time_zone = \"Europe/Amsterdam\""), "{config}");
    assert!(shop.run(&["customer", "list"]).status.success(), "the shop's zone is read by every command");
}

#[test]
fn init_refuses_a_key_file_inside_the_data_directory() {
    let shop = Shop::new();
    let inside = shop.data_dir().join("shop.key");
    let output = shop.run_with_key(Some(&inside), &["init"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("inside the data directory"), "{}", stderr(&output));
    assert!(!inside.exists() && !shop.data_dir().join("strongroom.toml").exists());
}

#[test]
fn customers_are_added_shown_found_edited_and_listed_as_json() {
    let shop = Shop::new();
    shop.init();
    let added = shop.json(&[
        "customer",
        "add",
        "--name",
        "Anna de Vries",
        "--email",
        "Anna@Example.com",
        "--phone",
        "06-12345678",
        "--address",
        "Kalverstraat 1, Amsterdam",
        "--birth-date",
        "1980-05-17",
        "--notes",
        "likes pearls",
        "--json",
    ]);
    let id = added["id"].as_str().unwrap().to_owned();
    let shown = shop.json(&["customer", "show", &id, "--purpose", "sale", "--json"]);
    assert_eq!(shown["name"], "Anna de Vries");
    assert_eq!(shown["email"], "Anna@Example.com");
    assert_eq!(shown["phone"], "+31612345678");
    assert_eq!(shown["birth_date"], "1980-05-17");
    assert_eq!(shown["notes"], "likes pearls");
    assert_eq!(shown["purchases"], serde_json::json!([]));

    let found = shop.json(&["customer", "find", "--email", "anna@example.com", "--json"]);
    assert_eq!(found[0]["id"], id.as_str());
    let found = shop.json(&["customer", "find", "--phone", "+31 6 1234 5678", "--json"]);
    assert_eq!(found[0]["id"], id.as_str());
    let found = shop.json(&["customer", "find", "--name", "vries anna", "--json"]);
    assert_eq!(found[0]["id"], id.as_str());

    let edited = shop.json(&["customer", "edit", &id, "--email", "", "--consent", "email=yes", "--consent-wording", "2026-01", "--json"]);
    assert_eq!(edited["email"], serde_json::Value::Null);
    assert_eq!(edited["marketing_consent"][0]["channel"], "email");
    let listed = shop.json(&["customer", "list", "--json"]);
    assert_eq!(listed.as_array().unwrap().len(), 1);

    let purchase = shop.json(&[
        "purchase",
        "add",
        "--customer",
        &id,
        "--item",
        "Solitaire ring;platinum;1.01 ct;GIA 2141438167",
        "--total",
        "8950",
        "--card-token",
        "tok_abc",
        "--card-brand",
        "visa",
        "--card-last-four",
        "4242",
        "--json",
    ]);
    assert!(purchase["id"].is_string());
    let repair = shop.json(&["repair", "add", "--customer", &id, "--item", "Resize to 55", "--promised", "2099-01-01", "--json"]);
    assert!(repair["id"].is_string());
    let ticket = repair["ticket"].as_str().unwrap().to_owned();
    let today = time::OffsetDateTime::now_utc().date();
    assert_eq!(ticket, format!("R-{:02}{:02}-001", today.year() % 100, u8::from(today.month())));
    let aml = shop.json(&[
        "aml",
        "add",
        "--customer",
        &id,
        "--document-type",
        "passport",
        "--document-number",
        "NX12AB345",
        "--document-country",
        "NL",
        "--transaction-reference",
        "INV-1",
        "--transaction-date",
        "2026-11-29",
        "--json",
    ]);
    assert_eq!(aml["retention_ends"], "2031-11-29");
    let shown = shop.json(&["customer", "show", &id, "--purpose", "aftercare", "--json"]);
    assert_eq!(shown["purchases"][0]["payment"]["last_four"], "4242");
    assert_eq!(shown["repairs"][0]["status"], "received");
    assert_eq!(shown["aml_records"][0]["document_number"], "NX12AB345");
    let aml = shop.json(&["aml", "list", "--customer", &id, "--purpose", "compliance", "--json"]);
    assert_eq!(aml[0]["retention_ends"], "2031-11-29");
}

#[test]
fn the_workshop_board_moves_undoes_and_finds_jobs_by_ticket() {
    let shop = Shop::new();
    shop.init();
    let id = shop.json(&["customer", "add", "--name", "Anna Jansen", "--json"])["id"].as_str().unwrap().to_owned();
    // Promised back before the day it came in is refused, said once.
    let early = shop.run(&["repair", "add", "--customer", &id, "--item", "Ring", "--promised", "2020-01-01"]);
    let said = String::from_utf8_lossy(&early.stderr).into_owned();
    assert_eq!(said.matches("is before the day the item was received").count(), 1, "{said}");
    let first = shop.json(&["repair", "add", "--customer", &id, "--item", "Ring to resize", "--promised", "2099-01-01", "--json"]);
    let second = shop.json(&["repair", "add", "--customer", &id, "--item", "Chain", "--kind", "appraisal", "--json"]);
    let (ring, chain) = (first["ticket"].as_str().unwrap(), second["ticket"].as_str().unwrap());
    assert!(ring.starts_with("R-") && chain.starts_with("A-") && chain.ends_with("-001"), "{ring} {chain}");

    let board = shop.json(&["repair", "board", "--json"]);
    let received = &board["columns"][0];
    assert_eq!((received["status"].as_str(), received["total"].as_u64()), (Some("received"), Some(2)));
    assert_eq!(received["jobs"][0]["ticket"], ring, "promised ones first");
    assert_eq!(received["jobs"][0]["late"], false);
    assert_eq!(received["jobs"][0]["customer_name"], "Anna Jansen");

    // By ticket code, typed any way; a wrong move undone once.
    let moved = shop.json(&["repair", "move", &ring.to_lowercase(), "--to", "ready", "--json"]);
    assert_eq!((moved["status"].as_str(), moved["previous_status"].as_str()), (Some("ready"), Some("received")));
    let undone = shop.json(&["repair", "undo", ring, "--json"]);
    assert_eq!(undone["status"], "received");
    let again = shop.run(&["repair", "undo", ring]);
    assert_eq!(again.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&again.stderr).contains("undone already"), "{}", String::from_utf8_lossy(&again.stderr));
    let back = shop.run(&["repair", "move", first["id"].as_str().unwrap(), "--to", "received"]);
    assert!(String::from_utf8_lossy(&back.stderr).contains("jobs only move forward"));

    assert!(shop.run(&["repair", "move", chain, "--to", "collected"]).status.success());
    let board = shop.json(&["repair", "board", "--json"]);
    assert_eq!(board["columns"][3]["jobs"][0]["ticket"], chain, "collected today");
    let found = shop.json(&["repair", "find", chain, "--json"]);
    assert_eq!((found["status"].as_str(), found["customer_name"].as_str()), (Some("collected"), Some("Anna Jansen")));
    let missing = shop.run(&["repair", "find", "R-2001-999"]);
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no job has the ticket code R-2001-999"));
    let wrong = shop.run(&["repair", "find", "Anna"]);
    assert!(String::from_utf8_lossy(&wrong.stderr).contains("is not a ticket code"));
    let text = stdout(&shop.run(&["repair", "board"]));
    assert!(
        text.contains("received (1)") && text.contains(&format!("{ring}  Ring to resize  Anna Jansen (received), promised 2099-01-01")),
        "{text}"
    );
}

#[test]
fn a_sale_of_several_pieces_is_refunded_then_voided_never_beyond_its_total() {
    let shop = Shop::new();
    shop.init();
    let id = shop.json(&["customer", "add", "--name", "Anna Jansen", "--json"])["id"].as_str().unwrap().to_owned();
    let args = ["purchase", "add", "--customer", &id, "--item", "Ring;gold;;;900", "--item", "Chain;;;;350", "--total", "1250"];
    let sale = shop.json(&[&args[..], &["--note", "gift wrap", "--json"]].concat());
    let sale_id = sale["id"].as_str().unwrap().to_owned();
    assert_eq!(sale["identity_check_required"], false);
    // Prices that do not add up to the total are refused, and nothing is stored.
    let output = shop.run(&["purchase", "add", "--customer", &id, "--item", "Ring;;;;900", "--item", "Chain;;;;300", "--total", "1250"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("add up to"), "{}", stderr(&output));

    let refund = shop.json(&["purchase", "refund", "--purchase", &sale_id, "--amount", "350", "--reason", "chain returned", "--json"]);
    assert_eq!((refund["kind"].as_str(), refund["amount"].as_str()), (Some("refund"), Some("350.00")));
    let output = shop.run(&["purchase", "refund", "--purchase", &sale_id, "--amount", "900.01", "--reason", "again"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("at most EUR 900.00 is left to refund"), "{}", stderr(&output));
    let output = shop.run(&["purchase", "void", "--purchase", &sale_id, "--reason", "oops"]);
    assert!(stderr(&output).contains("refund the rest instead"), "{}", stderr(&output));

    let listed = shop.json(&["purchase", "list", "--customer", &id, "--purpose", "sale", "--json"]);
    assert_eq!(listed[0]["state"], "partly_refunded");
    assert_eq!(listed[0]["refunded"], "350.00");
    assert_eq!(listed[0]["note"], "gift wrap");
    assert_eq!(listed[0]["items"][1]["price"], "350.00");
    assert_eq!(listed[0]["corrections"][0]["reason"], "chain returned");
    assert_eq!(listed[0]["total"], "1250.00", "the sale itself stays as it was");

    // A cash sale at the country's threshold is recorded, and the seller is told what the law
    // asks next and which command does it.
    let output = shop.run(&["purchase", "add", "--customer", &id, "--item", "Necklace", "--total", "10000", "--cash"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let cash_sale = stdout(&output).trim().to_owned();
    assert!(
        stderr(&output).contains("identity check")
            && stderr(&output).contains(&format!("strongroom aml add --customer {id} --sale {cash_sale}")),
        "{}",
        stderr(&output)
    );
    // The hinted command records the check, referenced by the sale's receipt number; the same
    // check for another customer is refused.
    let check_for = |customer: &str| {
        let flags = ["--sale", &cash_sale, "--document-type", "passport", "--document-number", "NX12AB345", "--document-country", "NL"];
        shop.run(&[&["aml", "add", "--customer", customer][..], &flags[..]].concat())
    };
    assert!(check_for(&id).status.success());
    let other = shop.json(&["customer", "add", "--name", "Piet Smit", "--json"])["id"].as_str().unwrap().to_owned();
    let output = check_for(&other);
    assert!(
        !output.status.success() && stderr(&output).contains("sale of this customer"),
        "another's sale is refused: {}",
        stderr(&output)
    );
    let voided = shop.json(&["purchase", "void", "--purchase", &cash_sale, "--reason", "customer changed her mind", "--json"]);
    assert_eq!(voided["amount"], "10000.00");

    // The same Anna added twice: merged, her sales move, the duplicate is gone.
    let twin =
        shop.json(&["customer", "add", "--name", "Anna Jansen", "--phone", "0612345678", "--json"])["id"].as_str().unwrap().to_owned();
    shop.json(&["purchase", "add", "--customer", &twin, "--item", "Brooch", "--total", "80", "--json"]);
    let merged = shop.json(&["customer", "merge", "--keep", &id, "--duplicate", &twin, "--json"]);
    assert_eq!((merged["purchases"].as_u64(), merged["filled"][0].as_str()), (Some(1), Some("phone")));
    let listed = shop.json(&["purchase", "list", "--customer", &id, "--purpose", "data_quality", "--json"]);
    assert_eq!(listed.as_array().unwrap().len(), 3);
    let output = shop.run(&["customer", "show", &twin, "--purpose", "data_quality"]);
    assert!(!output.status.success(), "the duplicate cannot be read");
}

#[test]
fn bad_input_is_refused_with_a_clear_message_and_no_card_number_echoed() {
    let shop = Shop::new();
    shop.init();
    let id = shop.json(&["customer", "add", "--name", "Anna", "--json"])["id"].as_str().unwrap().to_owned();
    let output = shop.run(&["purchase", "add", "--customer", &id, "--item", "Ring", "--total", "10", "--engraving", "4111 1111 1111 1111"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("engraving") && !stderr(&output).contains("4111"), "{}", stderr(&output));
    let output = shop.run(&["customer", "add", "--name", "Bram", "--birth-date", "2023-02-29"]);
    assert!(stderr(&output).contains("birth_date: is not a date that exists"), "{}", stderr(&output));
    let output = shop.run(&["customer", "add", "--name", "Bram", "--email", "bram@"]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(shop.json(&["customer", "list", "--json"]).as_array().unwrap().len(), 1);
}

fn vault_files(shop: &Shop) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(shop.data_dir())
        .unwrap()
        .map(|entry| {
            let path = entry.unwrap().path();
            (path.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read(&path).unwrap())
        })
        .collect();
    files.sort();
    files
}

#[test]
fn a_wrong_or_missing_key_exits_2_and_writes_nothing() {
    let shop = Shop::new();
    shop.init();
    shop.json(&["customer", "add", "--name", "Anna", "--json"]);
    let before = vault_files(&shop);
    let wrong = shop.dir.path().join("wrong.key");
    std::fs::write(&wrong, format!("strongroom-shop-key-v1 {}\n", "ab".repeat(32))).unwrap();
    std::fs::set_permissions(&wrong, std::fs::Permissions::from_mode(0o600)).unwrap();
    let output = shop.run_with_key(Some(&wrong), &["customer", "list"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("does not open this vault"), "{}", stderr(&output));
    let output = shop.run_with_key(None, &["customer", "add", "--name", "Bram"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("--key-file"), "{}", stderr(&output));
    let garbage = shop.dir.path().join("garbage.key");
    std::fs::write(&garbage, "hello\n").unwrap();
    let output = shop.run_with_key(Some(&garbage), &["customer", "list"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("this is not a Strongroom key file"), "{}", stderr(&output));
    // A photo picked instead of the key file says the same.
    let photo = shop.dir.path().join("photo.jpg");
    std::fs::write(&photo, [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x00, 0x01, 0xC3, 0x28]).unwrap();
    let output = shop.run_with_key(Some(&photo), &["customer", "list"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("this is not a Strongroom key file"), "{}", stderr(&output));
    assert_eq!(vault_files(&shop), before);
}

#[test]
fn loose_permissions_are_warned_about_with_the_fix() {
    let shop = Shop::new();
    shop.init();
    std::fs::set_permissions(shop.data_dir(), std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::set_permissions(shop.key_file(), std::fs::Permissions::from_mode(0o644)).unwrap();
    let output = shop.run(&["customer", "list"]);
    assert!(output.status.success());
    let warnings = stderr(&output);
    assert!(warnings.contains(&format!("chmod 700 {}", shop.data_dir().display())), "{warnings}");
    assert!(warnings.contains(&format!("chmod 600 {}", shop.key_file().display())), "{warnings}");
}

#[test]
fn a_passphrase_protected_vault_opens_from_a_passphrase_file() {
    let shop = Shop::new();
    let passphrase = shop.dir.path().join("passphrase.txt");
    std::fs::write(&passphrase, "four gold rings and a pearl\n").unwrap();
    let pass = passphrase.to_str().unwrap();
    let run = |args: &[&str]| {
        let mut all = vec!["--passphrase-file", pass];
        all.extend_from_slice(args);
        shop.run_with_key(None, &all)
    };
    assert!(run(&["init", "--passphrase"]).status.success());
    assert!(run(&["customer", "add", "--name", "Anna"]).status.success());
    let output = run(&["customer", "list", "--json"]);
    assert!(stdout(&output).contains("Anna"));
    std::fs::write(&passphrase, "four gold rings and a pear\n").unwrap();
    assert_eq!(run(&["customer", "list"]).status.code(), Some(2));
}

#[test]
fn import_reports_bad_rows_by_line_and_imports_nothing() {
    let shop = Shop::new();
    shop.init();
    let csv = shop.dir.path().join("old-pos.csv");
    std::fs::write(&csv, "Name;Email;Birth_Date\nAnna;anna@example.com;1980-01-01\nBram;bram@;2023-02-29\n").unwrap();
    let output = shop.run(&["import", "customers", csv.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    assert!(text.contains("line 3: email") && text.contains("line 3: birth_date"), "{text}");
    assert!(stderr(&output).contains("nothing was imported"));
    assert_eq!(shop.json(&["customer", "list", "--json"]).as_array().unwrap().len(), 0);

    let report = shop.json(&["import", "customers", csv.to_str().unwrap(), "--skip-invalid", "--json"]);
    assert_eq!(report["rows_imported"], 1);
    assert_eq!(report["rows_rejected"], 1);
    let rejects = PathBuf::from(report["rejects_file"].as_str().unwrap());
    assert_eq!(mode(&rejects), 0o600);
}

/// A child process killed (and waited for) however the test ends.
struct Running(std::process::Child);

impl Shop {
    /// `strongroom serve` on a free loopback port, its output to `stdout`; stopped when dropped.
    fn serve(&self, stdout: std::process::Stdio) -> Running {
        Running(
            Command::new(env!("CARGO_BIN_EXE_strongroom"))
                .env_clear()
                .env("USER", "owner")
                .env("PATH", std::env::var("PATH").unwrap_or_default())
                .arg("--data-dir")
                .arg(self.data_dir())
                .arg("--key-file")
                .arg(self.key_file())
                .args(["serve", "--listen", "127.0.0.1:0"])
                .current_dir(self.dir.path())
                .stdout(stdout)
                .stderr(std::process::Stdio::null())
                .spawn()
                .unwrap(),
        )
    }
}

impl Shop {
    /// `strongroom serve`, once it says it is serving: the process, and the address it listens on.
    fn serving(&self) -> (Running, String) {
        use std::io::BufRead;
        let mut server = self.serve(std::process::Stdio::piped());
        // Its output is read on a thread that keeps the pipe open; the test waits at most a minute.
        let (started, serving) = std::sync::mpsc::channel();
        let output = server.0.stdout.take().unwrap();
        std::thread::spawn(move || {
            for line in std::io::BufReader::new(output).lines().map_while(Result::ok) {
                if let Some((_, address)) = line.split_once("listening on ") {
                    let _ = started.send(address.split(')').next().unwrap_or_default().to_owned());
                }
            }
        });
        let address = serving.recv_timeout(std::time::Duration::from_secs(60)).expect("the server started");
        (server, address)
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn keys_are_not_rotated_while_another_process_has_them_open() {
    let shop = Shop::new();
    shop.init();
    let (server, _) = shop.serving();
    // The server keeps the keys it opened: a rotation or retirement under it is refused, and
    // changes nothing.
    let refused = shop.run(&["keys", "rotate"]);
    assert!(!refused.status.success() && stderr(&refused).contains("stop it first"), "{}", stderr(&refused));
    assert!(!shop.run(&["keys", "retire"]).status.success());
    let versions = shop.json(&["keys", "status", "--json"])["versions"].as_array().unwrap().len();
    assert_eq!(versions, 1, "nothing was rotated; other commands still run beside the server");
    drop(server);
    // Once it has stopped, the rotation runs.
    assert_eq!(shop.json(&["keys", "rotate", "--json"])["active_version"], 2);
}

#[test]
fn keys_rotate_and_retire_through_the_cli() {
    let shop = Shop::new();
    shop.init();
    shop.json(&["customer", "add", "--name", "Anna", "--json"]);
    let rotated = shop.json(&["keys", "rotate", "--json"]);
    assert_eq!(rotated["active_version"], 2);
    assert_eq!(rotated["rewrapped"], 4, "Anna, the index root, the log key, the staff secrets key");
    let status = shop.json(&["keys", "status", "--json"]);
    assert_eq!(status["aead"], "AES-256-GCM-SIV");
    assert_eq!(status["rotation_unfinished"], false);
    assert_eq!(shop.json(&["keys", "retire", "--json"])["retired"], serde_json::json!([1]));
    assert_eq!(shop.json(&["customer", "list", "--json"])[0]["name"], "Anna");
}

#[test]
fn the_demo_creates_a_shop_once_and_reuses_it() {
    let shop = Shop::new();
    let demo_dir = shop.dir.path().join("demo");
    let demo = demo_dir.to_str().unwrap();
    let output = shop.run_with_key(None, &["demo", "--dir", demo, "--customers", "60", "--no-serve"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stdout(&output).contains("customer show"), "{}", stdout(&output));
    for (user, role) in [("olga", "owner"), ("sara", "sales"), ("wout", "workshop"), ("pia", "privacy_officer")] {
        assert!(stdout(&output).contains(&format!("{user:<6} {role}")), "{}", stdout(&output));
    }
    let again = shop.run_with_key(None, &["demo", "--dir", demo, "--no-serve"]);
    assert!(stdout(&again).contains("Reusing"), "{}", stdout(&again));

    // The second factor of a demo account, on request; never for a real shop.
    let code = shop.run_with_key(None, &["demo", "--dir", demo, "totp", "sara"]);
    assert!(code.status.success(), "{}", stderr(&code));
    let code = stdout(&code);
    assert!(code.trim().len() == 6 && code.trim().bytes().all(|b| b.is_ascii_digit()), "{code}");
    let exposed = shop.run_with_key(None, &["demo", "--dir", demo, "--listen", "0.0.0.0:8443"]);
    assert!(!exposed.status.success() && stderr(&exposed).contains("loopback"), "{}", stderr(&exposed));
    let unknown = shop.run_with_key(None, &["demo", "--dir", demo, "totp", "nobody"]);
    assert!(!unknown.status.success());
    assert!(stderr(&unknown).contains("no demo account"), "{}", stderr(&unknown));
    let key = demo_dir.join("demo.key");
    let mut command = Command::new(env!("CARGO_BIN_EXE_strongroom"));
    let listed = command
        .args([
            "--data-dir",
            demo_dir.join("data").to_str().unwrap(),
            "--key-file",
            key.to_str().unwrap(),
            "customer",
            "list",
            "--limit",
            "100",
            "--json",
        ])
        .output()
        .unwrap();
    let customers: serde_json::Value = serde_json::from_slice(&listed.stdout).unwrap();
    assert_eq!(customers.as_array().unwrap().len(), 60);
}

#[test]
fn a_real_shop_never_shows_authenticator_codes() {
    let shop = Shop::new();
    shop.init();
    let added = shop.run(&["user", "add", "sara", "--role", "sales"]);
    assert!(added.status.success(), "{}", stderr(&added));
    // `demo totp` opens whatever vault is in DIR/data with DIR/demo.key: point it at this shop.
    let fake_demo = shop.dir.path().join("fake-demo");
    std::fs::create_dir(&fake_demo).unwrap();
    std::os::unix::fs::symlink(shop.data_dir(), fake_demo.join("data")).unwrap();
    std::fs::copy(shop.key_file(), fake_demo.join("demo.key")).unwrap();
    let refused = shop.run_with_key(None, &["demo", "--dir", fake_demo.to_str().unwrap(), "totp", "sara"]);
    assert!(!refused.status.success());
    assert!(stderr(&refused).contains("not a demo store"), "{}", stderr(&refused));
}

#[test]
fn bench_prints_the_figures_as_json() {
    let shop = Shop::new();
    let report = shop.json(&[
        "bench",
        "--customers",
        "300",
        "--lookups",
        "20",
        "--audit-events",
        "3000",
        "--login-flood",
        "40",
        "--records",
        "--json",
    ]);
    for field in
        ["import_rows_per_s", "plaintext_import_rows_per_s", "encrypted_vs_plaintext", "lookup_email_p50_us", "lookup_email_p99_us"]
    {
        assert!(report[field].as_f64().unwrap() > 0.0, "{field}: {report}");
    }
    assert_eq!(report["customers"], 300);
    assert_eq!(report["backend"], "sqlite");
    assert!(report["import_peak_rss_mb"].as_f64().unwrap() > 0.0, "{report}");
    // The import's floor, `sqlite3`'s own `.import` of the same CSV, wherever `sqlite3` is
    // installed (CI installs it).
    if std::process::Command::new("sqlite3").arg("--version").output().is_ok_and(|output| output.status.success()) {
        assert!(report["sqlite3_import_s"].as_f64().unwrap() > 0.0, "{report}");
        assert!(report["import_vs_sqlite3"].as_f64().unwrap() > 0.0, "{report}");
    } else {
        assert_eq!(report["sqlite3_import_s"], serde_json::Value::Null);
    }
    for field in ["audit_append_per_s", "audited_read_vs_unaudited", "audit_verify_s", "inclusion_proof_us", "accessed_by_query_ms"] {
        assert!(report[field].as_f64().unwrap() > 0.0, "{field}: {report}");
    }
    assert_eq!(report["audit_verify_1m_s"], serde_json::Value::Null, "only reported for a log of a million events");
    for field in ["desk_devices_p99_ms", "desk_risks_p99_ms", "desk_assessment_p99_ms", "desk_audit_p99_ms", "desk_start_p99_ms"] {
        assert!(report[field].as_f64().unwrap() > 0.0, "{field}: {report}");
    }
    assert!(report["records"].as_u64().unwrap() > 50, "four in ten customers get a sale: {report}");
    for field in ["backup_s", "restore_s", "backup_bytes_per_customer", "backup_verify_mb_per_s"] {
        assert!(report[field].as_f64().unwrap() > 0.0, "{field}: {report}");
    }
    assert!(report["backup_vs_database"].as_f64().unwrap() < 1.0, "the backup is smaller than its database: {report}");
    assert_eq!(report["restore_1m_s"], serde_json::Value::Null, "only reported for a million customers");
    for field in ["login_per_s", "health_rps", "health_rps_during_login_flood", "health_during_flood_vs_alone"] {
        assert!(report[field].as_f64().unwrap() > 0.0, "{field}: {report}");
    }
}

/// Counts the data keys in the vault (one per customer, plus the blind-index root and the audit
/// log key), per version.
fn data_keys(shop: &Shop) -> Vec<(u64, u64)> {
    let status = shop.json(&["keys", "status", "--json"]);
    status["versions"].as_array().unwrap().iter().map(|v| (v["version"].as_u64().unwrap(), v["data_keys"].as_u64().unwrap())).collect()
}

#[test]
fn kill_9_during_an_import_or_a_rotation_loses_nothing_and_the_next_run_finishes() {
    let shop = Shop::new();
    shop.init();
    let csv = shop.customers_csv(20_000);
    let spawn = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_strongroom"))
            .arg("--data-dir")
            .arg(shop.data_dir())
            .arg("--key-file")
            .arg(shop.key_file())
            .args(args)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap()
    };
    // Wherever the kill lands (before, between or after batches), the next run must end with
    // every row imported exactly once.
    let mut import = spawn(&["import", "customers", csv.to_str().unwrap(), "--batch-size", "500"]);
    std::thread::sleep(std::time::Duration::from_millis(400));
    import.kill().unwrap();
    import.wait().unwrap();
    let rerun = shop.run(&["import", "customers", csv.to_str().unwrap(), "--batch-size", "500"]);
    if !rerun.status.success() {
        // The killed run had finished before the kill: the file is then refused as done.
        assert!(stderr(&rerun).contains("imported completely before"), "{}", stderr(&rerun));
    }
    // 20,000 customers and the vault's own keys (blind-index root, log key, staff secrets).
    assert_eq!(data_keys(&shop), [(1, 20_003)]);

    let mut rotate = spawn(&["keys", "rotate", "--batch-size", "10"]);
    std::thread::sleep(std::time::Duration::from_millis(150));
    rotate.kill().unwrap();
    rotate.wait().unwrap();
    // Killed before it began, the rotation starts now; killed half-way, it resumes; finished
    // before the kill, there is nothing left to do.
    let after_kill = data_keys(&shop);
    if after_kill != [(1, 0), (2, 20_003)] {
        let finished = shop.json(&["keys", "rotate", "--json"]);
        assert_eq!(finished["active_version"], 2);
        assert_eq!(finished["resumed"], after_kill.len() == 2, "{after_kill:?}");
    }
    assert_eq!(data_keys(&shop), [(1, 0), (2, 20_003)]);
    let found = shop.json(&["customer", "find", "--email", "customer19999@example.com", "--json"]);
    assert_eq!(found[0]["name"], "Customer 19999");
}

#[test]
fn an_outsider_checks_a_proof_with_the_checkpoint_and_key_alone() {
    let shop = Shop::new();
    shop.init();
    for name in ["Anna", "Bram", "Carla"] {
        shop.json(&["customer", "add", "--name", name, "--json"]);
    }
    let witness = shop.dir.path().join("witness.checkpoint");
    assert!(shop.run(&["audit", "checkpoint", "--out", witness.to_str().unwrap()]).status.success());
    let key = stdout(&shop.run(&["audit", "key"])).trim().to_owned();
    // Without the key from the shop there is nothing to check against.
    let keyless = shop.run(&["audit", "check-proof", "whatever.proof"]);
    assert_eq!(keyless.status.code(), Some(2), "{}", stderr(&keyless));
    assert!(key.starts_with("strongroom.local/audit/"), "{key}");
    let proof = shop.dir.path().join("event-2.proof");
    let output = shop.run(&["audit", "prove", "2", "--against", witness.to_str().unwrap(), "--out", proof.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));

    // The outsider has no data directory and no key file: only the proof, their checkpoint, the key.
    let check = |proof: &Path, key: &str| {
        Command::new(env!("CARGO_BIN_EXE_strongroom"))
            .args(["audit", "check-proof", proof.to_str().unwrap(), "--checkpoint", witness.to_str().unwrap(), "--key", key])
            .current_dir(std::env::temp_dir())
            .output()
            .unwrap()
    };
    let output = check(&proof, &key);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stdout(&output).contains("valid: event 2 (customer.create"), "{}", stdout(&output));

    // The README's two proof lines work as written, with its placeholders filled in.
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../README.md")).unwrap();
    for command in ["strongroom audit prove ", "strongroom audit check-proof "] {
        let line = readme.lines().find(|line| line.starts_with(command)).unwrap_or_else(|| panic!("the README shows `{command}`"));
        let words: Vec<String> = line
            .split('#')
            .next()
            .unwrap()
            .split_whitespace()
            .skip(1)
            .map(|word| match word {
                "1234" => "2".to_owned(),
                "their.checkpoint" => witness.to_str().unwrap().to_owned(),
                "KEY" => key.clone(),
                other => other.to_owned(),
            })
            .collect();
        let output = shop.run(&words.iter().map(String::as_str).collect::<Vec<_>>());
        assert!(output.status.success(), "{line}: {}", stderr(&output));
    }

    let mut tampered: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&proof).unwrap()).unwrap();
    tampered["index"] = serde_json::json!(1);
    let tampered_path = shop.dir.path().join("tampered.proof");
    std::fs::write(&tampered_path, tampered.to_string()).unwrap();
    let output = check(&tampered_path, &key);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("does not hold"), "{}", stderr(&output));
    // A proof that claims another tree size than its checkpoint's was altered, even if the path holds.
    let mut resized: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&proof).unwrap()).unwrap();
    resized["tree_size"] = serde_json::json!(resized["tree_size"].as_u64().unwrap() + 1);
    std::fs::write(&tampered_path, resized.to_string()).unwrap();
    let output = check(&tampered_path, &key);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("the file was altered"), "{}", stderr(&output));
    std::fs::write(&tampered_path, "{ not json").unwrap();
    let output = check(&tampered_path, &key);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("is not a proof"), "{}", stderr(&output));

    // Later: the trail still holds what the witness saw, and only added to it.
    shop.json(&["customer", "add", "--name", "Daan", "--json"]);
    let consistency = shop.dir.path().join("since-witness.proof");
    let output = shop.run(&["audit", "prove-consistency", "--old", witness.to_str().unwrap(), "--out", consistency.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    let check_consistency = |proof: &Path| {
        Command::new(env!("CARGO_BIN_EXE_strongroom"))
            .args(["audit", "check-consistency", proof.to_str().unwrap(), "--old", witness.to_str().unwrap(), "--key", &key])
            .current_dir(std::env::temp_dir())
            .output()
            .unwrap()
    };
    let output = check_consistency(&consistency);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stdout(&output).contains("unchanged, and only added to them"), "{}", stdout(&output));
    let original: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&consistency).unwrap()).unwrap();
    let mut resized = original.clone();
    resized["old_size"] = serde_json::json!(1);
    std::fs::write(&tampered_path, resized.to_string()).unwrap();
    let output = check_consistency(&tampered_path);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("the file was altered"), "{}", stderr(&output));
    let mut emptied = original;
    emptied["proof"] = serde_json::json!([]);
    std::fs::write(&tampered_path, emptied.to_string()).unwrap();
    let output = check_consistency(&tampered_path);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("does not hold"), "{}", stderr(&output));
}

#[test]
fn audit_verify_names_the_first_edited_event_and_exits_1() {
    let shop = Shop::new();
    shop.init();
    for name in ["Anna", "Bram", "Carla", "Daan"] {
        shop.json(&["customer", "add", "--name", name, "--json"]);
    }
    let verified = shop.json(&["audit", "verify", "--json"]);
    assert_eq!(verified["ok"], true);
    let database = shop.data_dir().join("strongroom.sqlite");
    rusqlite::Connection::open(&database).unwrap().execute("UPDATE audit_events SET actor_name = 'nobody' WHERE seq = 3", []).unwrap();
    let output = shop.run(&["audit", "verify"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stdout(&output).contains("at event 3: event 3 does not match its leaf hash"), "{}", stdout(&output));
    assert!(stderr(&output).contains("first bad event: 3"), "{}", stderr(&output));
}

#[test]
fn a_full_read_needs_a_purpose_and_the_trail_answers_who_looked() {
    let shop = Shop::new();
    shop.init();
    let id = shop.json(&["customer", "add", "--name", "Anna", "--email", "anna@example.com", "--json"])["id"].as_str().unwrap().to_owned();
    let output = shop.run(&["customer", "show", &id]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("needs a purpose of access") && stderr(&output).contains("customer_request"), "{}", stderr(&output));
    let output = shop.run(&["customer", "show", &id, "--purpose", "curiosity"]);
    assert!(stderr(&output).contains("purpose: must be one of"), "{}", stderr(&output));
    assert!(shop.run(&["customer", "show", &id, "--purpose", "customer-request"]).status.success());

    let who = shop.json(&["audit", "who-accessed", &id, "--json"]);
    let reads: Vec<&serde_json::Value> = who.as_array().unwrap().iter().filter(|e| e["action"] == "customer.read").collect();
    assert_eq!(reads.len(), 1, "refused reads never reached the record: {who}");
    assert_eq!(reads[0]["purpose"], "customer_request");
    // The actor is the account the process runs as, whatever $USER says (the tests set "owner").
    let account = String::from_utf8(Command::new("id").arg("-un").output().unwrap().stdout).unwrap();
    assert_eq!(reads[0]["actor"], account.trim());

    let touched = shop.json(&["audit", "accessed-by", account.trim(), "--since", "2020-01-01", "--json"]);
    assert_eq!(touched["customers"][0]["customer_id"], id.as_str());
    assert!(touched["customers"][0]["categories"].as_array().unwrap().contains(&serde_json::json!("user.contact.email")));
    let log = shop.json(&["audit", "log", "--action", "customer.create", "--json"]);
    assert_eq!(log.as_array().unwrap().len(), 1);
    assert!(shop.run(&["audit", "log", "--since", "yesterday"]).status.code() == Some(1));
}

#[test]
fn the_owner_administers_staff_accounts_from_the_cli() {
    let shop = Shop::new();
    let output = shop.run(&["init", "--shop-name", "Juwelier Jansen"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let added = shop.json(&["user", "add", "Anna", "--role", "sales", "--json"]);
    assert_eq!(added["username"], "anna");
    let code = added["enrolment_code"].as_str().unwrap();
    assert_eq!(code.len(), 29, "six groups of four letters: {code}");

    let password_file = shop.dir.path().join("password.txt");
    std::fs::write(&password_file, "Jansen2024!!\n").unwrap();
    let refused = shop.run(&["user", "add", "bram", "--role", "manager", "--password-file", password_file.to_str().unwrap()]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(stderr(&refused).contains("the shop and the trade"), "the shop's name is a context word: {}", stderr(&refused));
    assert!(!stderr(&refused).contains("Jansen2024"), "the password is never echoed");
    std::fs::write(&password_file, "vier kleine ringen op een rij\n").unwrap();
    let bram = shop.json(&["user", "add", "bram", "--role", "manager", "--password-file", password_file.to_str().unwrap(), "--json"]);
    assert_eq!(bram["enrolment_code"], serde_json::Value::Null);

    let bad_role = shop.run(&["user", "add", "cees", "--role", "admin"]);
    assert!(stderr(&bad_role).contains("must be one of owner, manager"), "{}", stderr(&bad_role));
    assert!(shop.json(&["user", "set-role", "anna", "workshop", "--json"])["done"].as_str().unwrap().contains("workshop"));
    shop.json(&["user", "disable", "anna", "--json"]);
    let list = shop.json(&["user", "list", "--json"]);
    let names: Vec<(&str, &str, bool, bool)> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|u| {
            (
                u["username"].as_str().unwrap(),
                u["role"].as_str().unwrap(),
                u["disabled"].as_bool().unwrap(),
                u["enrolled"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(names, [("anna", "workshop", true, false), ("bram", "manager", false, true)]);
    shop.json(&["user", "enable", "anna", "--json"]);
    let lost_phone = shop.json(&["user", "reset-2fa", "bram", "--json"]);
    assert!(lost_phone["enrolment_code"].is_string(), "a new code replaces the password: {lost_phone}");
    let reset = shop.json(&["user", "reset-password", "bram", "--json"]);
    assert!(reset["enrolment_code"].is_string());
    let missing = shop.run(&["user", "disable", "nobody"]);
    assert!(stderr(&missing).contains("no staff member"), "{}", stderr(&missing));

    let token = shop.json(&[
        "token",
        "create",
        "--name",
        "Till 1",
        "--scope",
        "customers:read",
        "--scope",
        "purchases:write",
        "--expires-in",
        "90",
        "--json",
    ]);
    assert!(token["token"].as_str().unwrap().starts_with("sr_"));
    let listed = shop.json(&["token", "list", "--json"]);
    assert_eq!(listed[0]["scopes"], serde_json::json!(["customers:read", "purchases:write"]));
    assert_eq!(listed[0]["last_used_at"], serde_json::Value::Null);
    shop.json(&["token", "revoke", token["id"].as_str().unwrap(), "--json"]);
    assert_eq!(shop.json(&["token", "list", "--json"])[0]["revoked"], true);
    let bad_scope = shop.run(&["token", "create", "--name", "x", "--scope", "everything"]);
    assert!(stderr(&bad_scope).contains("must be one of customers:read"), "{}", stderr(&bad_scope));

    let trail = shop.json(&["audit", "log", "--json"]);
    let actions: Vec<&str> = trail.as_array().unwrap().iter().map(|e| e["action"].as_str().unwrap()).collect();
    for action in [
        "staff.create",
        "staff.set_role",
        "staff.disable",
        "staff.enable",
        "staff.reset_2fa",
        "staff.reset_password",
        "token.create",
        "token.revoke",
    ] {
        assert!(actions.contains(&action), "{action} missing");
    }
}

#[test]
fn an_account_changed_in_the_database_is_named_and_repaired_from_the_cli() {
    let shop = Shop::new();
    shop.init();
    shop.json(&["user", "add", "sam", "--role", "sales", "--json"]);
    assert_eq!(shop.json(&["audit", "verify", "--json"])["ok"], true);
    // Someone with the database but not the key makes Sam an owner.
    let database = shop.data_dir().join("strongroom.sqlite");
    rusqlite::Connection::open(&database).unwrap().execute("UPDATE staff SET role = 'owner' WHERE username = 'sam'", []).unwrap();

    let listed = shop.json(&["user", "list", "--json"]);
    assert_eq!(listed[0]["tampered"], true, "{listed}");
    let text = shop.run(&["user", "list"]);
    assert!(stdout(&text).contains("strongroom user repair sam --role ROLE"), "{}", stdout(&text));
    let verify = shop.run(&["audit", "verify"]);
    assert_eq!(verify.status.code(), Some(1));
    assert!(stdout(&verify).contains("fails its integrity check"), "{}", stdout(&verify));
    let refused = shop.run(&["user", "set-role", "sam", "manager"]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(stderr(&refused).contains("outside Strongroom"), "{}", stderr(&refused));

    let repaired = shop.json(&["user", "repair", "sam", "--role", "sales", "--json"]);
    assert_eq!(repaired["role"], "sales");
    assert!(repaired["enrolment_code"].is_string(), "{repaired}");
    assert_eq!(shop.json(&["user", "list", "--json"])[0]["tampered"], false);
    assert_eq!(shop.json(&["audit", "verify", "--json"])["ok"], true);
}
