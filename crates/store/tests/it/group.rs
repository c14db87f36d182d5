//! Group commit's queue: a job submitted without waiting is answered through its reply once its
//! shared commit is durable, rolls back alone when it fails, and a store dropped with jobs
//! queued runs and answers them first.

use std::sync::mpsc;

use strongroom_domain::RecordKind;
use strongroom_store::{
    Backend, CustomerRow, GroupedJob, GroupedReply, RecordParts, RecordRead, SealedFields, SqliteStore, Store, StoreError,
};
use uuid::Uuid;

use crate::{event, master_key, new_customer, sealed_all, test_stores};

/// A job that writes a setting named `action` and appends one event named so, and answers the
/// event's index, or fails after writing both.
fn appending(action: String, fail: bool) -> GroupedJob {
    Box::new(move |tx| {
        tx.set_setting(&action, "written", 1)?;
        let first = tx.append_audit_events(&[event(&action, None)])?;
        if fail {
            return Err(StoreError::Conflict("this job fails after writing".into()));
        }
        Ok(Box::new(first))
    })
}

#[test]
fn queued_jobs_are_answered_through_their_reply_and_a_failing_one_rolls_back_alone() {
    for test_store in test_stores() {
        let store = test_store.store.as_ref();
        let (answer, answers) = mpsc::channel();
        for n in 0..20u64 {
            let answer = answer.clone();
            let reply: GroupedReply =
                Box::new(move |result| answer.send((n, result.map(|value| *value.downcast::<u64>().unwrap()))).unwrap());
            store.submit_grouped(appending(format!("queued.{n}"), n == 7), reply);
        }
        drop(answer);
        let mut answered: Vec<_> = answers.iter().collect();
        answered.sort_by_key(|(n, _)| *n);
        assert_eq!(answered.len(), 20, "every job is answered once");
        assert!(answered[7].1.is_err(), "{:?}", answered[7].1);
        let mut tx = store.begin().unwrap();
        let events = tx.audit_events(0, 100).unwrap();
        assert_eq!(events.len(), 19, "the failed job's event is gone");
        for (seq, stored) in &events {
            let n: usize = stored.action.trim_start_matches("queued.").parse().unwrap();
            assert_eq!(answered[n].1.as_ref().ok(), Some(seq), "a job is told where its event is");
        }
        assert_eq!(events.iter().map(|(seq, _)| *seq).collect::<Vec<_>>(), (0..19).collect::<Vec<_>>(), "no gap");
        assert!(tx.setting("queued.7").unwrap().is_none(), "the failed job's row is rolled back with it");
        assert!(tx.setting("queued.6").unwrap().is_some() && tx.setting("queued.8").unwrap().is_some(), "its neighbours' stay");
        tx.commit().unwrap();
    }
}

#[test]
fn a_sqlite_store_dropped_with_jobs_queued_runs_and_answers_them_first() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("vault.sqlite");
    let store = SqliteStore::open(&path).unwrap();
    let (answer, answers) = mpsc::channel();
    for n in 0..50u64 {
        let answer = answer.clone();
        let reply: GroupedReply = Box::new(move |result| answer.send(result.is_ok()).unwrap());
        store.submit_grouped(appending(format!("queued.{n}"), false), reply);
    }
    drop(store);
    // Counted without waiting: the drop returned only once every queued job was answered.
    assert_eq!(answers.try_iter().filter(|ok| *ok).count(), 50, "each job answered, and answered that it ran");
    let store = SqliteStore::open(&path).unwrap();
    let mut tx = store.begin().unwrap();
    assert_eq!(tx.audit_frontier().unwrap().size(), 50, "every answered job's event is stored");
    tx.commit().unwrap();
}

#[test]
fn a_reply_that_panics_leaves_the_writer_running_for_the_next_jobs() {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open(&dir.path().join("vault.sqlite")).unwrap();
    let reply: GroupedReply = Box::new(|_| panic!("a caller's reply fails"));
    store.submit_grouped(appending("first".into(), false), reply);
    let second = store.run_grouped(appending("second".into(), false)).map(|value| *value.downcast::<u64>().unwrap());
    assert_eq!(second.unwrap(), 1, "the job after runs, after the first one's event");
}

#[test]
fn a_job_whose_statement_fails_in_the_database_fails_alone_even_when_it_hides_the_error() {
    for test_store in test_stores() {
        let store = test_store.store.as_ref();
        master_key(store, 1);
        let taken = Uuid::now_v7();
        let mut tx = store.begin().unwrap();
        tx.insert_customers(&[new_customer(taken, 1, Vec::new())]).unwrap();
        tx.commit().unwrap();
        // Each job writes its setting and appends its event, then inserts a customer whose id
        // is taken (`hides`: and ignores the error, as no job should) or a new one.
        let job = |name: &'static str, duplicate: bool, hides: bool| -> GroupedJob {
            Box::new(move |tx| {
                tx.set_setting(name, "written", 1)?;
                let first = tx.append_audit_events(&[event(name, None)])?;
                let id = if duplicate { taken } else { Uuid::now_v7() };
                match tx.insert_customers(&[new_customer(id, 1, Vec::new())]) {
                    Err(_) if hides => {}
                    inserted => inserted?,
                }
                Ok(Box::new(first))
            })
        };
        let (answer, answers) = mpsc::channel();
        // A first job holds the writer until the others are queued, so that they run as one
        // batch: "hides" is found out by the statement of the job after it, "hides last" by the
        // batch's last release.
        let (open_gate, gate) = mpsc::channel::<()>();
        store.submit_grouped(Box::new(move |_| Ok(Box::new(gate.recv().is_ok()))), Box::new(|_| {}));
        let jobs =
            [("before", false, false), ("hides", true, true), ("fails", true, false), ("after", false, false), ("hides last", true, true)];
        // Each job answers the number its event was given.
        let answering = |name: &'static str| -> GroupedReply {
            let answer = answer.clone();
            Box::new(move |result| answer.send((name, result.ok().map(|first| *first.downcast::<u64>().unwrap()))).unwrap())
        };
        for (name, duplicate, hides) in jobs {
            store.submit_grouped(job(name, duplicate, hides), answering(name));
        }
        // A last job that only appends its event sends nothing to the database (no savepoint of
        // its own): "hides last" is still the job whose savepoint the batch's release finds.
        let quiet: GroupedJob = Box::new(|tx| Ok(Box::new(tx.append_audit_events(&[event("quiet", None)])?)));
        store.submit_grouped(quiet, answering("quiet"));
        open_gate.send(()).unwrap();
        drop(answer);
        let numbers: std::collections::HashMap<_, _> = answers.iter().collect();
        let answered: std::collections::HashMap<_, _> = numbers.iter().map(|(name, number)| (*name, number.is_some())).collect();
        // SQLite fails the statement alone, so a job that hides it goes on; PostgreSQL aborts the
        // transaction, and the job that hid it is rolled back and told so.
        let hidden_survives = store.backend() == Backend::Sqlite;
        assert_eq!((answered["hides"], answered["hides last"]), (hidden_survives, hidden_survives), "{answered:?}");
        assert!(answered["before"] && answered["after"] && answered["quiet"] && !answered["fails"], "{answered:?}");
        let mut tx = store.begin().unwrap();
        for (name, kept) in
            [("before", true), ("hides", hidden_survives), ("fails", false), ("after", true), ("hides last", hidden_survives)]
        {
            assert_eq!(tx.setting(name).unwrap().is_some(), kept, "{name}'s row");
        }
        // Every job's event stays where its number said, those of a job rolled back after later
        // jobs were numbered marked failed.
        let events: Vec<(u64, String, String)> =
            tx.audit_events(0, 100).unwrap().into_iter().map(|(seq, e)| (seq, e.action, e.outcome)).collect();
        let actions: Vec<&str> = events.iter().map(|(_, action, _)| action.as_str()).collect();
        assert_eq!(actions, ["before", "hides", "after", "hides last", "quiet"], "in order, with no gap");
        for (seq, action, outcome) in &events {
            let rolled_back = action.starts_with("hides") && !hidden_survives;
            assert_eq!(outcome, if rolled_back { "failed" } else { "allowed" }, "{action}");
            if let Some(Some(number)) = numbers.get(action.as_str()) {
                assert_eq!(number, seq, "{action}'s event is where its job was told it would be");
            }
        }
        tx.commit().unwrap();
    }
}

#[test]
fn a_record_named_up_front_is_answered_as_it_stands_when_the_job_runs() {
    for test_store in test_stores() {
        let store = test_store.store.as_ref();
        master_key(store, 1);
        let (first, second) = (Uuid::now_v7(), Uuid::now_v7());
        let mut tx = store.begin().unwrap();
        let mut other = new_customer(second, 1, Vec::new());
        other.customer.sealed = sealed_all(RecordKind::Customer, 2);
        let third = Uuid::now_v7();
        tx.insert_customers(&[new_customer(first, 1, Vec::new()), other, new_customer(third, 1, Vec::new())]).unwrap();
        tx.commit().unwrap();
        let some_parts = RecordParts { purchases: true, repairs: true, aml_records: false };
        let other_parts = RecordParts { purchases: false, repairs: false, aml_records: true };
        // A job that reads `read`'s record, answering its sealed fields and whether the parts
        // asked for came (None: no such customer).
        let reading = |read: Uuid, parts: RecordParts| -> GroupedJob {
            Box::new(move |tx| {
                let record = tx.customer_record(read, parts)?;
                tx.append_audit_events(&[event("read", Some(read))])?;
                let answer = record.map(|record| (record.customer.sealed, record.purchases.is_some(), record.aml_records.is_some()));
                Ok(Box::new(answer))
            })
        };
        type Answer = Option<(SealedFields, bool, bool)>;
        let (answer, answers) = mpsc::channel();
        let submit = |name: &'static str, named: Uuid, parts: RecordParts, job: GroupedJob| {
            let answer = answer.clone();
            let reply: GroupedReply =
                Box::new(move |result| answer.send((name, result.map(|value| *value.downcast::<Answer>().unwrap()).ok())).unwrap());
            store.submit_grouped_reading(Some(RecordRead { customer: named, parts }), job, reply);
        };
        // Each batch is queued whole before it runs (a first job holds the writer until then),
        // so that PostgreSQL reads the named records at the batch's start.
        let in_one_batch = |queue: &dyn Fn()| {
            let (open_gate, gate) = mpsc::channel::<()>();
            let (ran, done) = mpsc::channel::<()>();
            store.submit_grouped(
                Box::new(move |_| Ok(Box::new(gate.recv().is_ok()))),
                Box::new(move |_| {
                    let _ = ran.send(());
                }),
            );
            queue();
            open_gate.send(()).unwrap();
            done.recv().unwrap();
        };
        let missing = Uuid::now_v7();
        let changed = sealed_all(RecordKind::Customer, 9);
        in_one_batch(&|| {
            submit("before the change", first, some_parts, reading(first, some_parts));
            submit("other parts", second, other_parts, reading(second, other_parts));
            submit("no such customer", missing, some_parts, reading(missing, some_parts));
            submit("another than named", first, some_parts, reading(second, some_parts));
            let change = changed.clone();
            let changing: GroupedJob = Box::new(move |tx| {
                let row = CustomerRow { id: first, created_at: 10, updated_at: 11, restricted: false, sealed: change };
                tx.update_customer(&row, &[])?;
                Ok(Box::new(None::<(SealedFields, bool, bool)>))
            });
            submit("the change", second, some_parts, changing);
            submit("after the change", first, some_parts, reading(first, some_parts));
        });
        // A job that changes the record it named before it reads it sees its own change.
        let own_change = sealed_all(RecordKind::Customer, 3);
        in_one_batch(&|| {
            let written = own_change.clone();
            let writes_then_reads: GroupedJob = Box::new(move |tx| {
                tx.update_customer(&CustomerRow { id: third, created_at: 10, updated_at: 11, restricted: false, sealed: written }, &[])?;
                let record = tx.customer_record(third, some_parts)?;
                Ok(Box::new(record.map(|record| (record.customer.sealed, record.purchases.is_some(), record.aml_records.is_some()))))
            });
            submit("writes then reads", third, some_parts, writes_then_reads);
        });
        drop(answer);
        let answered: std::collections::HashMap<_, _> = answers.iter().collect();
        let backend = store.backend().as_str();
        let original = sealed_all(RecordKind::Customer, 1);
        assert_eq!(answered["writes then reads"], Some(Some((own_change, true, false))), "its own change ({backend})");
        assert_eq!(answered["before the change"], Some(Some((original.clone(), true, false))), "{backend}");
        let others = sealed_all(RecordKind::Customer, 2);
        assert_eq!(answered["other parts"], Some(Some((others.clone(), false, true))), "{backend}");
        assert_eq!(answered["no such customer"], Some(None), "{backend}");
        assert_eq!(answered["another than named"], Some(Some((others, true, false))), "the record read, not the one named ({backend})");
        assert_eq!(answered["after the change"], Some(Some((changed, true, false))), "a change earlier in the batch is seen ({backend})");
        assert_eq!(store.begin().unwrap().audit_events(0, 10).unwrap().len(), 5, "one event per read of another's record");
    }
}

#[test]
fn a_busy_sqlite_store_checkpoints_its_log_beside_the_writer_and_a_full_checkpoint_still_empties_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("vault.sqlite");
    let store = SqliteStore::open(&path).unwrap();
    let file_size = || std::fs::metadata(&path).unwrap().len();
    let opened = file_size();
    // Forty commits of 8 KB each, one after another: far below the 10,000 pages of log at which
    // SQLite would copy them into the file inside a commit.
    let written = "x".repeat(8_000);
    for n in 0..40 {
        let value = written.clone();
        store
            .run_grouped(Box::new(move |tx| {
                tx.set_setting(&format!("large.{n}"), &value, 1)?;
                Ok(Box::new(tx.append_audit_events(&[event("large", None)])?))
            }))
            .unwrap();
    }
    let started = std::time::Instant::now();
    while file_size() < opened + 200_000 {
        assert!(started.elapsed() < std::time::Duration::from_secs(10), "the log was not copied into the file: {} bytes", file_size());
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert!(store.purge_deleted().unwrap(), "the full checkpoint is not kept out by the thread's");
    assert_eq!(std::fs::metadata(dir.path().join("vault.sqlite-wal")).unwrap().len(), 0, "the log is emptied");
    let mut tx = store.begin().unwrap();
    assert_eq!(tx.setting("large.39").unwrap().map(|(value, _)| value.len()), Some(8_000));
    tx.commit().unwrap();
}
