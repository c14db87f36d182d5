//! The tamper-evident log: damage done with plain SQL behind the gate's back must be found by
//! `verify`, named by its first index; proofs must check out with nothing but a checkpoint and
//! the public key, and fail for anything else.

use strongroom_app::{AppError, AuditQuery, Vault, check_consistency_proof, check_inclusion_proof};
use strongroom_audit::{MemoryTree, SubtreeSource, VerifierKey, leaf_hash};
use strongroom_domain::Role;
use strongroom_store::{SqliteStore, Store, StoreLocation};

use crate::support::*;

/// Runs SQL on the vault's database directly, as someone with the database would.
/// Ten more events: ten new customers (with emails nobody else has).
fn busy(t: &TestVault) {
    busy_vault(&t.vault);
}

fn problems(report: &strongroom_app::VerifyReport) -> Vec<(Option<u64>, &'static str)> {
    report.problems.iter().map(|p| (p.index, p.kind)).collect()
}

#[test]
fn a_healthy_log_verifies_against_its_signed_checkpoints() {
    on_every_backend(|t| {
        busy(t);
        let note = t.vault.audit_checkpoint(&owner()).unwrap();
        let key = VerifierKey::parse(&t.vault.audit_verifier_key()).unwrap();
        let checkpoint = key.open_checkpoint(&note).unwrap();
        assert_eq!(checkpoint.size, 12, "vault.init, ten creations and this checkpoint's own event");
        busy(t);
        let report = t.vault.verify_audit_log(&owner(), Some(&note)).unwrap();
        assert!(report.is_ok(), "{:?}", report.problems);
        assert_eq!(report.events, 22);
        assert!(report.checkpoints_checked >= 3, "the one made at init, the one asked for, and the kept copy");
        assert_eq!(report.against_size, Some(12));
        assert!(matches!(t.vault.verify_audit_log(&staff(Role::Sales), None), Err(AppError::Denied { .. })));
        // The external auditor may check the log: it holds no personal data.
        assert!(t.vault.verify_audit_log(&staff(Role::ExternalAuditor), None).unwrap().is_ok());
    });
}

#[test]
fn an_edited_event_is_found_and_named() {
    on_every_backend(|t| {
        busy(t);
        raw_sql(t, "UPDATE audit_events SET actor_name = 'someone-else' WHERE seq = 4");
        let report = t.vault.verify_audit_log(&owner(), None).unwrap();
        assert_eq!(report.first_bad_index(), Some(4));
        assert_eq!(problems(&report)[0], (Some(4), "changed"));
    });
}

#[test]
fn rows_that_cannot_be_read_back_are_named_and_the_rest_still_checked() {
    on_every_backend(|t| {
        busy(t);
        busy(t);
        t.vault.audit_checkpoint(&owner()).unwrap();
        // PostgreSQL's typed columns refuse a short event id; SQLite stores whatever it is given.
        let sqlite = matches!(t.location, StoreLocation::Sqlite(_));
        let short = if sqlite { "x'00'" } else { "'\\x00'::bytea" };
        let event_id = if sqlite { format!("UPDATE audit_events SET target_id = {short} WHERE seq = 4;") } else { String::new() };
        raw_sql(
            t,
            &format!(
                "{event_id}
                 UPDATE audit_tree SET hash = {short} WHERE level = 0 AND idx = 2;
                 UPDATE audit_checkpoints SET root = {short} WHERE size = 1;
                 UPDATE audit_frontier SET peaks = {short};"
            ),
        );
        let report = t.vault.verify_audit_log(&owner(), None).unwrap();
        let found = problems(&report);
        assert_eq!(report.first_bad_index(), Some(2), "{:?}", report.problems);
        for expected in [(None, "checkpoint"), (None, "tree"), (Some(2), "tree")] {
            assert!(found.contains(&expected), "{expected:?} in {:?}", report.problems);
        }
        // The signed notes of both stored checkpoints were still compared with the log.
        assert_eq!(report.checkpoints_checked, 2, "{:?}", report.problems);
        if sqlite {
            assert!(found.contains(&(Some(4), "changed")), "{:?}", report.problems);
            assert!(report.problems.iter().any(|p| p.message.contains("event 4 cannot be read back")), "{:?}", report.problems);
        }
        // The events after the damaged ones were still checked: an edit further on is named too.
        raw_sql(t, "UPDATE audit_events SET actor_name = 'someone-else' WHERE seq = 15");
        let report = t.vault.verify_audit_log(&owner(), None).unwrap();
        assert!(problems(&report).contains(&(Some(15), "changed")), "{:?}", report.problems);
    });
    // SQLite lets a column hold a value of another type than declared.
    let t = sqlite_vault();
    busy(&t);
    raw_sql(&t, "UPDATE audit_events SET actor_name = x'41', at_unix_micros = 'soon' WHERE seq = 3");
    let report = t.vault.verify_audit_log(&owner(), None).unwrap();
    assert_eq!(problems(&report)[0], (Some(3), "changed"), "{:?}", report.problems);
    // A gap before a damaged row is still named as what it is: events deleted.
    let t = sqlite_vault();
    busy(&t);
    busy(&t);
    raw_sql(&t, "DELETE FROM audit_events WHERE seq BETWEEN 7 AND 14; UPDATE audit_events SET target_id = x'00' WHERE seq = 15");
    let report = t.vault.verify_audit_log(&owner(), None).unwrap();
    assert_eq!(problems(&report).first(), Some(&(Some(7), "deleted")), "{:?}", report.problems);
}

#[test]
fn a_deleted_event_is_found_and_named() {
    on_every_backend(|t| {
        busy(t);
        raw_sql(t, "DELETE FROM audit_events WHERE seq = 6");
        let report = t.vault.verify_audit_log(&owner(), None).unwrap();
        assert_eq!(report.first_bad_index(), Some(6));
        assert!(problems(&report).contains(&(Some(6), "deleted")), "{:?}", report.problems);
    });
}

#[test]
fn reordered_events_are_found_and_named() {
    on_every_backend(|t| {
        busy(t);
        // Events 3 and 8 trade places.
        raw_sql(
            t,
            "UPDATE audit_events SET seq = 1000000 WHERE seq = 3;
             UPDATE audit_events SET seq = 3 WHERE seq = 8;
             UPDATE audit_events SET seq = 8 WHERE seq = 1000000;",
        );
        let report = t.vault.verify_audit_log(&owner(), None).unwrap();
        assert_eq!(report.first_bad_index(), Some(3), "{:?}", report.problems);
        assert_eq!(problems(&report)[..2], [(Some(3), "reordered"), (Some(8), "reordered")], "{:?}", report.problems);
        assert!(report.problems[0].message.contains("what the tree records for event 8"), "{:?}", report.problems);
    });
}

#[test]
fn a_removed_tree_edge_is_found() {
    on_every_backend(|t| {
        busy(t);
        raw_sql(t, "DELETE FROM audit_frontier");
        let report = t.vault.verify_audit_log(&owner(), None).unwrap();
        assert!(problems(&report).contains(&(Some(0), "tree")), "{:?}", report.problems);
    });
}

#[test]
fn a_missing_log_key_is_not_quietly_replaced() {
    let t = sqlite_vault();
    busy(&t);
    raw_sql(&t, "DELETE FROM data_keys WHERE owner_kind = 4");
    let store = SqliteStore::open(&t.sqlite_path().unwrap()).unwrap();
    let reopened = Vault::open(Box::new(store), &strongroom_app::KeySource::KeyFile(t.key.clone()), settings());
    assert!(matches!(reopened, Err(AppError::Corrupt(message)) if message.contains("signing key is missing")));
}

#[test]
fn a_truncated_log_is_found_and_nothing_is_appended_over_it() {
    on_every_backend(|t| {
        busy(t);
        raw_sql(t, "DELETE FROM audit_events WHERE seq >= 9");
        let report = t.vault.verify_audit_log(&owner(), None).unwrap();
        assert_eq!(report.first_bad_index(), Some(9), "{:?}", report.problems);
        assert!(problems(&report).contains(&(Some(9), "truncated")), "{:?}", report.problems);
        // New events would hide the cut; the gate refuses to work until it is explained.
        assert!(t.vault.add_customer(&owner(), new_customer("Late", None, None)).is_err());
    });
}

#[test]
fn a_truncation_with_the_right_edge_rewound_is_found_by_the_leaves_left_behind() {
    on_every_backend(|t| {
        busy(t);
        // Cut the log to 9 events and set the tree's right edge to what it was at 9 (the peaks
        // over events 0..8 and 8, both still stored), dropping the checkpoints that would tell.
        let bytes = if matches!(t.location, StoreLocation::Sqlite(_)) { "BLOB" } else { "BYTEA" };
        raw_sql(
            t,
            &format!(
                "DELETE FROM audit_events WHERE seq >= 9;
                 DELETE FROM audit_checkpoints WHERE size > 9;
                 UPDATE audit_frontier SET size = 9, peaks = (SELECT CAST(a.hash || b.hash AS {bytes}) FROM audit_tree a, audit_tree b
                     WHERE a.level = 3 AND a.idx = 0 AND b.level = 0 AND b.idx = 8);"
            ),
        );
        let report = t.vault.verify_audit_log(&owner(), None).unwrap();
        assert_eq!(problems(&report), [(Some(9), "truncated")], "{:?}", report.problems);
    });
}

#[test]
fn a_kept_checkpoint_that_cannot_be_read_is_bad_input_not_a_verdict_on_the_log() {
    on_every_backend(|t| {
        busy(t);
        let kept = t.vault.audit_checkpoint(&owner()).unwrap();
        // Garbage, line ends changed, the last newline lost, and a changed digit under this
        // key's signature (the file was altered after signing).
        let altered = kept.replacen("\n1", "\n2", 1);
        assert_ne!(altered, kept);
        for damaged in ["not a note\n".to_owned(), kept.replace('\n', "\r\n"), kept.trim_end().to_owned(), altered] {
            let refused = t.vault.verify_audit_log(&owner(), Some(&damaged));
            assert!(matches!(&refused, Err(AppError::Invalid(_))), "{refused:?}");
            let refused = t.vault.prove_inclusion(&owner(), 1, Some(&damaged));
            assert!(matches!(&refused, Err(AppError::Invalid(_))), "{refused:?}");
        }
        assert!(t.vault.verify_audit_log(&owner(), Some(&kept)).unwrap().is_ok());
    });
}

#[test]
fn an_edit_with_the_whole_tree_recomputed_is_caught_by_the_signed_checkpoints() {
    let t = sqlite_vault();
    busy(&t);
    t.vault.audit_checkpoint(&owner()).unwrap();
    raw_sql(&t, "UPDATE audit_events SET outcome = 'denied' WHERE seq = 5");
    // The forger recomputes every hash from the edited events, as anyone can: they are unkeyed.
    let path = t.sqlite_path().unwrap();
    let events = {
        let store = SqliteStore::open(&path).unwrap();
        let mut tx = store.begin().unwrap();
        tx.audit_events(0, 1000).unwrap()
    };
    let tree = MemoryTree::from_leaves(events.iter().map(|(_, e)| leaf_hash(&e.encode())));
    let connection = rusqlite::Connection::open(&path).unwrap();
    connection.execute_batch("DELETE FROM audit_tree").unwrap();
    for level in 0..8u32 {
        for index in 0..(tree.size() >> level) {
            let hash = tree.perfect_subtree(level, index).unwrap();
            connection
                .execute(
                    "INSERT INTO audit_tree (level, idx, hash) VALUES (?1, ?2, ?3)",
                    rusqlite::params![level, index as i64, hash.as_slice()],
                )
                .unwrap();
        }
    }
    let report = t.vault.verify_audit_log(&owner(), None).unwrap();
    assert!(!report.is_ok());
    assert!(report.problems.iter().all(|p| p.kind == "checkpoint"), "only the signatures can tell: {:?}", report.problems);
    // The edit (event 5) lies between the last checkpoint that still matches (made at init, over
    // one event) and the first that does not (over twelve): that stretch is what is named.
    assert_eq!(report.first_bad_index(), Some(1));
    assert!(report.problems[0].message.contains("from 1 to 11"), "{:?}", report.problems);

    // The forger also writes the recomputed root into the checkpoint's row: its signed note is
    // compared all the same, and the row is named as not matching it.
    connection.execute("UPDATE audit_checkpoints SET root = ?1 WHERE size = 12", [tree.root(12).unwrap().as_slice()]).unwrap();
    let report = t.vault.verify_audit_log(&owner(), None).unwrap();
    assert_eq!(report.first_bad_index(), Some(1), "{:?}", report.problems);
    assert!(report.problems.iter().any(|p| p.message.contains("from 1 to 11")), "{:?}", report.problems);
    assert!(report.problems.iter().any(|p| p.message.contains("size 12 does not match its signed note")), "{:?}", report.problems);

    // A note that is not text at all is named; the other checkpoints are still compared.
    connection.execute_batch("UPDATE audit_checkpoints SET note = x'00ff', root = x'00' WHERE size = 1").unwrap();
    let report = t.vault.verify_audit_log(&owner(), None).unwrap();
    assert!(report.problems.iter().any(|p| p.message.contains("signed note is not text")), "{:?}", report.problems);
    assert!(report.problems.iter().any(|p| p.message.contains("do not match stored checkpoint")), "{:?}", report.problems);
}

#[test]
fn rows_numbered_below_zero_are_named_and_hide_nothing() {
    let t = sqlite_vault();
    busy(&t);
    // SQLite's column takes a negative number (PostgreSQL's refuses it): a row outside the log.
    raw_sql(
        &t,
        "INSERT INTO audit_events (seq, at_unix_micros, actor_kind, actor_name, action, categories, outcome)
         VALUES (-1, 0, 'staff', 'ghost', 'customer.read', '', 'allowed');
         UPDATE audit_events SET actor_name = 'someone-else' WHERE seq = 6",
    );
    let report = t.vault.verify_audit_log(&owner(), None).unwrap();
    assert_eq!(problems(&report), [(Some(6), "changed"), (None, "inserted")], "{:?}", report.problems);
    // The log's own first event is still found where it is, for a proof too.
    let proof = t.vault.prove_inclusion(&owner(), 0, None).unwrap();
    assert_eq!(proof.index, 0);
    let shown = t.vault.audit_log(&owner(), &AuditQuery { limit: 100, ..AuditQuery::default() }).unwrap();
    assert!(!shown.is_empty() && shown.iter().all(|(seq, event)| *seq < 1000 && event.actor_name != "ghost"));
}

#[test]
fn a_log_rebuilt_from_scratch_fails_against_a_kept_checkpoint() {
    on_every_backend(|t| {
        busy(t);
        let kept = t.vault.audit_checkpoint(&owner()).unwrap();
        // Someone wipes the trail and its checkpoints and lets it grow again: on its own it
        // looks fine, a fresh and consistent tree.
        raw_sql(t, "DELETE FROM audit_events; DELETE FROM audit_tree; DELETE FROM audit_frontier; DELETE FROM audit_checkpoints;");
        let vault = t.reopen();
        busy_vault(&vault);
        busy_vault(&vault);
        assert!(vault.verify_audit_log(&owner(), None).unwrap().is_ok());
        let report = vault.verify_audit_log(&owner(), Some(&kept)).unwrap();
        assert!(!report.is_ok());
        assert!(report.problems.iter().any(|p| p.kind == "checkpoint"), "{:?}", report.problems);
        // A vault with another key cannot pass for this one either.
        let other = sqlite_vault();
        let report = other.vault.verify_audit_log(&owner(), Some(&kept)).unwrap();
        assert!(report.problems.iter().any(|p| p.kind == "rebuilt"), "{:?}", report.problems);
    });
}

#[test]
fn a_kept_checkpoint_is_proved_a_prefix_of_the_log_now_and_a_rebuilt_log_cannot_be() {
    on_every_backend(|t| {
        busy(t);
        let kept = t.vault.audit_checkpoint(&owner()).unwrap();
        busy(t);
        busy(t);
        let key = VerifierKey::parse(&t.vault.audit_verifier_key()).unwrap();
        let proof = t.vault.prove_consistency(&owner(), &kept).unwrap();
        let (old, new) = check_consistency_proof(&key, &kept, &proof.new_checkpoint, &proof.proof).unwrap();
        assert!(new.size > old.size && !proof.proof.is_empty(), "{} {}", old.size, new.size);
        // A changed hash, a hash left out, or the checkpoints the wrong way round: no proof.
        let mut flipped = proof.proof.clone();
        flipped[0][0] ^= 1;
        assert!(check_consistency_proof(&key, &kept, &proof.new_checkpoint, &flipped).is_err());
        assert!(check_consistency_proof(&key, &kept, &proof.new_checkpoint, &proof.proof[1..]).is_err());
        assert!(check_consistency_proof(&key, &proof.new_checkpoint, &kept, &proof.proof).is_err());
        // Another log's key signs nothing of this one.
        let other = sqlite_vault();
        let other_key = VerifierKey::parse(&other.vault.audit_verifier_key()).unwrap();
        assert!(check_consistency_proof(&other_key, &kept, &proof.new_checkpoint, &proof.proof).is_err());
        let refused = other.vault.prove_consistency(&owner(), &kept);
        assert!(matches!(&refused, Err(AppError::Corrupt(message)) if message.contains("not the one it was taken from")), "{refused:?}");
        assert!(matches!(t.vault.prove_consistency(&owner(), "not a checkpoint\n"), Err(AppError::Invalid(_))));

        // Wiped and grown again past the kept size, the log no longer extends what was kept.
        raw_sql(t, "DELETE FROM audit_events; DELETE FROM audit_tree; DELETE FROM audit_frontier; DELETE FROM audit_checkpoints;");
        let vault = t.reopen();
        for _ in 0..4 {
            busy_vault(&vault);
        }
        assert!(matches!(vault.prove_consistency(&owner(), &kept), Err(AppError::Corrupt(_))));
    });
}

fn busy_vault(vault: &Vault) {
    for n in 0..10 {
        // Letters only: a hex id can hold a digit run the card-number guard rightly refuses.
        let tag: String = uuid::Uuid::now_v7().as_bytes().iter().map(|byte| char::from(b'a' + byte % 26)).collect();
        let email = format!("c{tag}@example.com");
        vault.add_customer(&owner(), new_customer(&format!("Customer {n}"), Some(&email), None)).unwrap();
    }
}

#[test]
fn inclusion_proofs_check_out_with_only_the_checkpoint_and_the_public_key() {
    on_every_backend(|t| {
        busy(t);
        busy(t);
        let key = VerifierKey::parse(&t.vault.audit_verifier_key()).unwrap();
        for index in [0u64, 1, 7, 12, 20] {
            let proof = t.vault.prove_inclusion(&owner(), index, None).unwrap();
            let (checkpoint, event) = check_inclusion_proof(&key, &proof.checkpoint, index, &proof.event, &proof.proof).unwrap();
            assert!(checkpoint.size > index);
            assert_eq!(event.action, if index == 0 { "vault.init" } else { "customer.create" });
            // A changed event, another index, or another log's key: refused.
            // A changed time (bytes 1 to 8): still a well-formed event, so the refusal is the proof's.
            let mut changed = proof.event.clone();
            changed[3] ^= 1;
            let refusal = check_inclusion_proof(&key, &proof.checkpoint, index, &changed, &proof.proof).unwrap_err();
            assert!(refusal.contains("is not in the log"), "{refusal}");
            assert!(check_inclusion_proof(&key, &proof.checkpoint, index + 1, &proof.event, &proof.proof).is_err());
            let stranger = VerifierKey::parse(&sqlite_vault().vault.audit_verifier_key()).unwrap();
            assert!(check_inclusion_proof(&stranger, &proof.checkpoint, index, &proof.event, &proof.proof).is_err());
        }
        // Against a checkpoint the asker kept: the proof leads to that tree.
        let kept = t.vault.audit_checkpoint(&owner()).unwrap();
        busy(t);
        let proof = t.vault.prove_inclusion(&owner(), 3, Some(&kept)).unwrap();
        assert_eq!(proof.checkpoint, kept);
        assert!(check_inclusion_proof(&key, &kept, 3, &proof.event, &proof.proof).is_ok());
        assert!(check_inclusion_proof(&key, "not a checkpoint\n", 3, &proof.event, &proof.proof).is_err());
    });
}

#[test]
fn who_accessed_and_accessed_by_answer_from_the_trail() {
    on_every_backend(|t| {
        let anna = t.vault.add_customer(&owner(), new_customer("Anna", Some("anna@example.com"), None)).unwrap().id;
        let bram = t.vault.add_customer(&owner(), new_customer("Bram", None, Some("06-12345678"))).unwrap().id;
        let sales = staff(Role::Sales);
        let start = time::OffsetDateTime::now_utc() - time::Duration::minutes(1);
        t.vault.show_customer(&sales, anna, &purpose("sale")).unwrap();
        t.vault.show_customer(&sales, bram, &purpose("sale")).unwrap();
        // A refused attempt disclosed nothing and is counted apart.
        assert!(t.vault.aml_records(&sales, anna, None).is_err());

        let who = t.vault.who_accessed(&owner(), anna).unwrap();
        let actions: Vec<(&str, &str)> = who.iter().map(|(_, e)| (e.action.as_str(), e.outcome.as_str())).collect();
        assert_eq!(actions, [("customer.create", "allowed"), ("customer.read", "allowed"), ("aml.read", "denied")]);
        assert_eq!(who[1].1.purpose.as_deref(), Some("sale"));

        let end = time::OffsetDateTime::now_utc() + time::Duration::minutes(1);
        let touched = t.vault.accessed_by(&owner(), "sales-1", start, end).unwrap();
        assert_eq!((touched.events, touched.refused), (3, 1));
        let ids: Vec<_> = touched.customers.iter().map(|c| c.customer_id).collect();
        assert_eq!(ids.len(), 2);
        assert!(ids.contains(&anna) && ids.contains(&bram));
        let anna_row = touched.customers.iter().find(|c| c.customer_id == anna).unwrap();
        assert!(anna_row.categories.contains(&"user.contact.email".to_owned()), "{:?}", anna_row.categories);
        assert_eq!((anna_row.opened, anna_row.listed), (1, 0));
        // A name seen in a search is counted apart from a record opened.
        let carla = t.vault.add_customer(&owner(), new_customer("Carla", Some("carla@example.com"), None)).unwrap().id;
        let by_email = strongroom_app::CustomerQuery::Email(strongroom_domain::EmailAddress::parse("carla@example.com").unwrap());
        t.vault.find_customers(&sales, &by_email, None).unwrap();
        let touched =
            t.vault.accessed_by(&owner(), "sales-1", start, time::OffsetDateTime::now_utc() + time::Duration::minutes(1)).unwrap();
        assert_eq!((touched.records_opened, touched.names_listed), (2, 1));
        let carla_row = touched.customers.iter().find(|c| c.customer_id == carla).unwrap();
        assert_eq!((carla_row.opened, carla_row.listed), (0, 1));
        let before = t.vault.accessed_by(&owner(), "sales-1", start - time::Duration::hours(1), start).unwrap();
        assert_eq!(before.events, 0);
        // The accountant may ask; the sales clerk may not.
        assert!(t.vault.who_accessed(&staff(Role::ExternalAuditor), anna).is_ok());
        assert!(matches!(t.vault.accessed_by(&sales, "sales-1", start, end), Err(AppError::Denied { .. })));
    });
}

#[test]
fn verify_reads_one_snapshot_while_another_instance_appends() {
    let Some(t) = every_backend().into_iter().find(|t| t.pg_schema.is_some()) else { return };
    busy(&t);
    let StoreLocation::Postgres { url } = t.location.clone() else { unreachable!() };
    let (schema, key) = (t.pg_schema.clone(), t.key.clone());
    let appended = std::sync::Arc::new(std::sync::atomic::AtomicU64::new(0));
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let writer = {
        let (stop, appended) = (stop.clone(), appended.clone());
        std::thread::spawn(move || {
            // A second Strongroom instance on the same database, as a chain runs them.
            let store = strongroom_store::PgStore::connect_in_schema(&url, schema.as_deref()).unwrap();
            let other = Vault::open(Box::new(store), &strongroom_app::KeySource::KeyFile(key), settings()).unwrap();
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                let n = appended.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                other.add_customer(&owner(), new_customer(&format!("Concurrent {n}"), None, None)).unwrap();
            }
        })
    };
    let mut verified_during_appends = 0;
    for _ in 0..2000 {
        let before = appended.load(std::sync::atomic::Ordering::Relaxed);
        let report = t.vault.verify_audit_log(&owner(), None).unwrap();
        assert!(report.is_ok(), "{:?}", report.problems);
        if before > 0 && appended.load(std::sync::atomic::Ordering::Relaxed) > before {
            verified_during_appends += 1;
            if verified_during_appends >= 10 {
                break;
            }
        }
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    writer.join().unwrap();
    assert!(verified_during_appends >= 10, "the other instance appended while verify ran");
    assert!(t.vault.verify_audit_log(&owner(), None).unwrap().is_ok());
}

#[test]
fn an_edit_inside_a_checkpointed_stretch_is_named_by_its_event_not_the_stretch() {
    on_every_backend(|t| {
        for _ in 0..4 {
            busy(t);
        }
        t.vault.audit_checkpoint(&owner()).unwrap();
        raw_sql(t, "UPDATE audit_events SET actor_name = 'someone-else' WHERE seq = 34");
        let report = t.vault.verify_audit_log(&owner(), None).unwrap();
        assert_eq!(report.first_bad_index(), Some(34), "{:?}", report.problems);
        assert!(problems(&report).contains(&(Some(34), "changed")), "{:?}", report.problems);
    });
}

#[test]
fn deleting_every_stored_checkpoint_is_damage_the_schedule_shows() {
    on_every_backend(|t| {
        busy(t);
        t.vault.audit_checkpoint(&owner()).unwrap();
        assert!(t.vault.verify_audit_log(&owner(), None).unwrap().is_ok());
        raw_sql(t, "DELETE FROM audit_checkpoints");
        let report = t.vault.verify_audit_log(&owner(), None).unwrap();
        assert!(!report.is_ok(), "the first event of a vault is always signed");
        assert!(
            report.problems.iter().any(|p| p.kind == "checkpoint" && p.message.contains("no signed checkpoint")),
            "{:?}",
            report.problems
        );
    });
    // Checkpoints after the first deleted: the schedule (here one every 10 events) says later ones
    // must exist (a lost checkpoint may make the next one late by an interval, so more than two).
    let mut settings = settings();
    settings.checkpoint_every_events = 10;
    let t = sqlite_vault_with(settings);
    for _ in 0..3 {
        busy(&t);
    }
    let report = t.vault.verify_audit_log(&owner(), None).unwrap();
    assert!(report.is_ok() && report.events > 21, "{:?}", report.problems);
    raw_sql(&t, "DELETE FROM audit_checkpoints WHERE size > 1");
    let report = t.vault.verify_audit_log(&owner(), None).unwrap();
    assert!(report.problems.iter().any(|p| p.kind == "checkpoint" && p.message.contains("were deleted")), "{:?}", report.problems);
}
