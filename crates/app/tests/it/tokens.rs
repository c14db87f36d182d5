//! API tokens for integrations: scoped within their creator's role, expiring, revocable, audited.

use strongroom_app::{AppError, ClientInfo};
use strongroom_domain::{Permission, Role, Scope};

use crate::support::*;

fn client() -> ClientInfo {
    ClientInfo { addr: Some("192.0.2.20".into()) }
}

#[test]
fn a_token_does_what_its_scopes_allow_and_nothing_else() {
    on_every_backend(|t| {
        let made = t.vault.create_api_token(&owner(), "Till 1", &[Scope::CustomersRead, Scope::PurchasesWrite], Some(30)).unwrap();
        let value = made.value();
        assert!(value.starts_with("sr_") && value.len() == 46, "{value}");
        let till = t.vault.api_actor(&value, &client()).unwrap();
        assert_eq!(till.name, "Till 1");
        assert!(till.may(Permission::CustomerRead) && till.may(Permission::PurchaseWrite));
        assert!(!till.may(Permission::CustomerWrite) && !till.may(Permission::AmlRead));
        let refused = t.vault.add_customer(&till, new_customer("Bea Bakker", None, None));
        assert!(matches!(refused, Err(AppError::Denied { permission: Permission::CustomerWrite, .. })), "{refused:?}");
        let id = t.vault.add_customer(&owner(), new_customer("Anna Jansen", None, None)).unwrap().id;
        t.vault.show_customer(&till, id, &purpose("sale")).unwrap();
        let trail = events(&t.vault);
        let read = trail.iter().rev().find(|(_, e)| e.action == "customer.read").unwrap();
        assert_eq!((read.1.actor_kind.as_str(), read.1.actor_name.as_str()), ("api_token", "Till 1"), "the token is named in the trail");
    });
}

#[test]
fn revoked_expired_and_unknown_tokens_are_refused_and_recorded() {
    let t = sqlite_vault();
    let made = t.vault.create_api_token(&owner(), "Webshop", &[Scope::CustomersRead], None).unwrap();
    t.vault.api_actor(&made.value(), &client()).unwrap();
    t.vault.revoke_api_token(&owner(), made.id).unwrap();
    assert!(matches!(t.vault.api_actor(&made.value(), &client()), Err(AppError::NotSignedIn)));

    let expiring = t.vault.create_api_token(&owner(), "Old till", &[Scope::CustomersRead], Some(1)).unwrap();
    raw_sqlite(&t).execute("UPDATE api_tokens SET expires_at = 1 WHERE name = 'Old till'", []).unwrap();
    t.vault.reseal_access_rows_for_tests().unwrap();
    assert!(matches!(t.vault.api_actor(&expiring.value(), &client()), Err(AppError::NotSignedIn)));
    let made_up = format!("sr_{}", "A".repeat(43));
    assert!(matches!(t.vault.api_actor(&made_up, &client()), Err(AppError::NotSignedIn)));
    assert!(matches!(t.vault.api_actor("", &client()), Err(AppError::NotSignedIn)), "junk: refused without an event");
    assert!(matches!(t.vault.api_actor("sr_short", &client()), Err(AppError::NotSignedIn)));

    let refusals: Vec<(String, Option<String>)> =
        events(&t.vault).into_iter().filter(|(_, e)| e.action == "token.refused").map(|(_, e)| (e.actor_name, e.detail)).collect();
    assert_eq!(
        refusals,
        [
            ("Webshop".into(), Some("revoked token".into())),
            ("Old till".into(), Some("expired token".into())),
            ("(unknown)".into(), Some("unknown token".into())),
        ]
    );
    let listed = t.vault.list_api_tokens(&owner()).unwrap();
    assert_eq!(
        listed.iter().map(|token| (token.name.as_str(), token.revoked)).collect::<Vec<_>>(),
        [("Webshop", true), ("Old till", false)]
    );
}

#[test]
fn a_token_that_may_only_write_reads_nothing_through_its_writes() {
    on_every_backend(|t| {
        let anna = t.vault.add_customer(&owner(), new_customer("Anna Jansen", Some("anna@example.com"), None)).unwrap().id;
        let made = t.vault.create_api_token(&owner(), "Webshop", &[Scope::CustomersWrite, Scope::RepairsWrite], None).unwrap();
        let webshop = t.vault.api_actor(&made.value(), &client()).unwrap();
        // Its edits are made, but the record does not come back, and the trail records only
        // the categories it changed.
        let patch = strongroom_domain::CustomerPatch {
            notes: Some(Some(strongroom_domain::FreeText::parse("notes", "prefers rose gold").unwrap())),
            ..Default::default()
        };
        assert!(t.vault.edit_customer(&webshop, anna, patch).unwrap().is_none());
        let record = t.vault.show_customer(&owner(), anna, &purpose("customer_request")).unwrap();
        assert_eq!(record.customer.notes.as_ref().map(|notes| notes.as_str()), Some("prefers rose gold"));
        let edit = events(&t.vault).into_iter().rev().find(|(_, e)| e.action == "customer.update").unwrap().1;
        assert_eq!(edit.categories.len(), 1, "only the notes' category: {edit:?}");
        // A new customer with a known email is not told who else has it.
        let added = t.vault.add_customer(&webshop, new_customer("Anna J.", Some("anna@example.com"), None)).unwrap();
        assert!(added.same_email.is_empty());
        // A job it moves does not come back either.
        let job = t
            .vault
            .add_repair(
                &owner(),
                strongroom_app::NewRepair {
                    customer_id: anna,
                    kind: strongroom_domain::JobKind::Repair,
                    item_description: strongroom_domain::FreeText::parse("item", "Ring to resize").unwrap(),
                    condition: None,
                    valuation: None,
                    estimate: None,
                    deposit: None,
                    received_on: strongroom_domain::parse_date("date", "2026-11-29").unwrap(),
                    promised_on: None,
                },
            )
            .unwrap()
            .id;
        assert!(t.vault.set_repair_status(&webshop, job, strongroom_domain::JobStatus::AtBench).unwrap().is_none());
        // Nor does a refused move name the job's status.
        let back = t.vault.set_repair_status(&webshop, job, strongroom_domain::JobStatus::Received).unwrap_err().to_string();
        assert!(!back.contains("at_bench"), "{back}");
    });
}

#[test]
fn only_the_owner_makes_tokens_after_a_step_up_and_never_beyond_their_role() {
    on_every_backend(|t| {
        for role in [Role::Manager, Role::Sales, Role::PrivacyOfficer] {
            let refused = t.vault.create_api_token(&staff(role), "Till", &[Scope::CustomersRead], None);
            assert!(matches!(refused, Err(AppError::Denied { .. })), "{role}: {refused:?}");
        }
        let unattended = strongroom_domain::Actor::staff("bram", Role::Owner, false);
        assert!(matches!(t.vault.create_api_token(&unattended, "Till", &[Scope::CustomersRead], None), Err(AppError::StepUpRequired)));
        assert!(matches!(t.vault.create_api_token(&owner(), "Till", &[], None), Err(AppError::Invalid(_))));
        assert!(matches!(t.vault.create_api_token(&owner(), "Till", &[Scope::CustomersRead], Some(u32::MAX)), Err(AppError::Invalid(_))));
    });
}

#[test]
fn the_database_holds_only_the_tokens_hash() {
    let t = sqlite_vault();
    let made = t.vault.create_api_token(&owner(), "Till", &[Scope::CustomersRead], None).unwrap();
    let mut bytes = std::fs::read(t.sqlite_path().unwrap()).unwrap();
    if let Ok(wal) = std::fs::read(format!("{}-wal", t.sqlite_path().unwrap().display())) {
        bytes.extend(wal);
    }
    let secret = made.token.as_str().as_bytes();
    assert!(!bytes.windows(secret.len()).any(|window| window == secret));
}

#[test]
fn two_working_tokens_cannot_share_a_name() {
    on_every_backend(|t| {
        let made = t.vault.create_api_token(&owner(), "Till", &[Scope::CustomersRead], None).unwrap();
        let again = t.vault.create_api_token(&owner(), "Till", &[Scope::PurchasesWrite], None);
        assert!(matches!(again, Err(AppError::Conflict(_))), "{again:?}");
        t.vault.revoke_api_token(&owner(), made.id).unwrap();
        t.vault.create_api_token(&owner(), "Till", &[Scope::PurchasesWrite], None).unwrap();
    });
}

#[test]
fn a_checked_token_is_remembered_a_second_and_forgotten_when_revoked() {
    on_every_backend(|t| {
        let made = t.vault.create_api_token(&owner(), "Webshop", &[Scope::CustomersRead], None).unwrap();
        let value = made.value();
        assert!(t.vault.cached_api_actor(&value).is_none(), "never checked: the store is asked");
        t.vault.api_actor(&value, &client()).unwrap();
        assert_eq!(t.vault.cached_api_actor(&value).map(|actor| actor.name), Some("Webshop".to_owned()));
        assert!(t.vault.cached_api_actor(&format!("sr_{}", "A".repeat(43))).is_none());
        assert!(t.vault.cached_api_actor("junk").is_none());
        // Revoked here: forgotten at once.
        t.vault.revoke_api_token(&owner(), made.id).unwrap();
        assert!(t.vault.cached_api_actor(&value).is_none());
        assert!(matches!(t.vault.api_actor(&value, &client()), Err(AppError::NotSignedIn)));
        assert!(t.vault.cached_api_actor(&value).is_none(), "a refusal is never remembered");

        // Revoked by another process (the command line beside the server): this one trusts its
        // check for at most a second more, then asks the store, which refuses.
        let other = t.vault.create_api_token(&owner(), "Till", &[Scope::CustomersRead], None).unwrap();
        t.vault.api_actor(&other.value(), &client()).unwrap();
        t.reopen().revoke_api_token(&owner(), other.id).unwrap();
        std::thread::sleep(std::time::Duration::from_millis(1_100));
        assert!(t.vault.cached_api_actor(&other.value()).is_none());
        assert!(matches!(t.vault.api_actor(&other.value(), &client()), Err(AppError::NotSignedIn)));
    });
}

/// Runs a future to its end on a runtime of its own (the server's is not here).
fn block_on<T>(future: impl std::future::Future<Output = T>) -> T {
    tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(future)
}

#[test]
fn a_tokens_queued_read_is_the_same_audited_read_without_a_waiting_thread() {
    on_every_backend(|t| {
        let made = t.vault.create_api_token(&owner(), "Till 1", &[Scope::CustomersRead, Scope::PurchasesRead], None).unwrap();
        let till = t.vault.api_actor(&made.value(), &client()).unwrap();
        let id = t.vault.add_customer(&owner(), new_customer("Anna Jansen", Some("anna@example.com"), None)).unwrap().id;
        let pending = t.vault.show_customer_queued(&till, id, &purpose("sale")).expect("both backends queue a token's read");
        let queued = block_on(pending).value.unwrap();
        let waited = t.vault.show_customer(&till, id, &purpose("sale")).unwrap();
        assert_eq!(format!("{queued:?}"), format!("{waited:?}"), "the same record either way");
        assert_eq!(queued.customer.name.as_str(), "Anna Jansen");
        let reads: Vec<_> = events(&t.vault).into_iter().filter(|(_, e)| e.action == "customer.read").map(|(_, e)| e).collect();
        assert_eq!(reads.len(), 2, "each read is recorded");
        assert_eq!(
            (reads[0].actor_kind.as_str(), reads[0].purpose.as_deref(), reads[0].outcome.as_str()),
            ("api_token", Some("sale"), "allowed")
        );
        assert_eq!(reads[0].categories, reads[1].categories, "with the same categories");

        // Nobody by that id: refused like the waiting read, and recorded as failed.
        let nobody = strongroom_domain::CustomerId::from_uuid(uuid::Uuid::now_v7());
        let missing = block_on(t.vault.show_customer_queued(&till, nobody, &purpose("sale")).unwrap()).value;
        assert!(matches!(missing, Err(AppError::NotFound("customer"))), "{missing:?}");
        let last = events(&t.vault).pop().unwrap().1;
        assert_eq!((last.action.as_str(), last.outcome.as_str()), ("customer.read", "failed"));

        // Staff, and a token that may not read, take the waiting path (which records a refusal).
        assert!(t.vault.show_customer_queued(&owner(), id, &purpose("sale")).is_none());
        let writer = t.vault.create_api_token(&owner(), "Webshop", &[Scope::CustomersWrite], None).unwrap();
        let webshop = t.vault.api_actor(&writer.value(), &client()).unwrap();
        assert!(t.vault.show_customer_queued(&webshop, id, &purpose("sale")).is_none());
    });
}

#[test]
fn a_queued_read_says_when_a_checkpoint_is_due_and_the_caller_signs_it() {
    let mut settings = settings();
    settings.checkpoint_every_events = 1;
    let t = sqlite_vault_with(settings);
    let made = t.vault.create_api_token(&owner(), "Till 1", &[Scope::CustomersRead], None).unwrap();
    let till = t.vault.api_actor(&made.value(), &client()).unwrap();
    let id = t.vault.add_customer(&owner(), new_customer("Anna Jansen", None, None)).unwrap().id;
    let answered = block_on(t.vault.show_customer_queued(&till, id, &purpose("sale")).unwrap());
    assert!(answered.value.is_ok());
    let size = answered.checkpoint_due.expect("one event since the last checkpoint is one too many here");
    let signed = || -> u64 {
        let size: i64 = raw_sqlite(&t).query_row("SELECT MAX(size) FROM audit_checkpoints", [], |row| row.get(0)).unwrap();
        size as u64
    };
    assert!(signed() < size, "not signed by the read itself");
    let trail: i64 = raw_sqlite(&t).query_row("SELECT COUNT(*) FROM audit_events", [], |row| row.get(0)).unwrap();
    assert_eq!(size, trail as u64, "the trail's size after the read's event");
    t.vault.checkpoint_if_due(size).unwrap();
    assert!(signed() >= size, "the caller's checkpoint covers the read");

    // A refusal is an event too, and is due its checkpoint just the same.
    let nobody = strongroom_domain::CustomerId::from_uuid(uuid::Uuid::now_v7());
    let refused = block_on(t.vault.show_customer_queued(&till, nobody, &purpose("sale")).unwrap());
    assert!(matches!(refused.value, Err(AppError::NotFound("customer"))), "{:?}", refused.value);
    let size = refused.checkpoint_due.expect("the refusal's event is past the schedule too");
    t.vault.checkpoint_if_due(size).unwrap();
    assert!(signed() >= size);
    let report = t.vault.verify_audit_log(&owner(), None).unwrap();
    assert!(report.is_ok(), "{:?}", report.problems);
}
