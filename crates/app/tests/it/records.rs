//! Purchases and workshop jobs after intake: idempotent creates, the board, forward-only status.

use strongroom_app::{AppError, Board, BoardQuery, NewRepair, Once};
use strongroom_domain::{Actor, FreeText, IdempotencyKey, JobKind, JobStatus, Role, Scope, TicketCode, parse_date};

use crate::gate::purchase;
use crate::support::*;

fn once(key: &str, request: &str) -> Once {
    Once { key: IdempotencyKey::parse(key).unwrap(), request: request.as_bytes().to_vec() }
}

/// A till's token actor; tokens of different names have different ids.
fn pos_token(name: &str) -> Actor {
    let mut id = [0u8; 16];
    for (at, byte) in name.bytes().enumerate() {
        id[at % 16] ^= byte;
    }
    let scope = strongroom_domain::PermissionSet::of(Scope::ALL.map(|scope| scope.permission()));
    Actor::api_token(uuid::Uuid::from_bytes(id), name, Role::Sales, scope)
}

fn job(customer_id: strongroom_domain::CustomerId, item: &str, promised_on: Option<&str>) -> NewRepair {
    NewRepair {
        customer_id,
        kind: JobKind::Repair,
        item_description: FreeText::parse("item", item).unwrap(),
        condition: None,
        valuation: None,
        estimate: None,
        deposit: None,
        received_on: parse_date("date", "2026-11-29").unwrap(),
        promised_on: promised_on.map(|day| parse_date("date", day).unwrap()),
    }
}

#[test]
fn a_create_repeated_with_its_idempotency_key_records_once() {
    on_every_backend(|t| {
        let customer = t.vault.add_customer(&owner(), new_customer("Anna Jansen", None, None)).unwrap().id;
        let pos = pos_token("pos");
        let first = t.vault.add_purchase_once(&pos, purchase(customer, None), Some(&once("sale-1", "POST ring"))).unwrap();
        let again = t.vault.add_purchase_once(&pos, purchase(customer, None), Some(&once("sale-1", "POST ring"))).unwrap();
        assert!(!first.replayed);
        assert!(again.replayed);
        assert_eq!(again.value, first.value);
        assert_eq!(t.vault.purchases(&owner(), customer, None).unwrap().len(), 1);

        // The same key for another request is refused and records nothing.
        let reused = t.vault.add_purchase_once(&pos, purchase(customer, Some("A & B")), Some(&once("sale-1", "POST bracelet")));
        assert!(matches!(reused, Err(AppError::IdempotencyKeyReused)), "{reused:?}");
        // Keys belong to their sender; without a key every request creates.
        t.vault.add_purchase_once(&pos_token("webshop"), purchase(customer, None), Some(&once("sale-1", "POST ring"))).unwrap();
        t.vault.add_purchase(&pos, purchase(customer, None)).unwrap();
        assert_eq!(t.vault.purchases(&owner(), customer, None).unwrap().len(), 3);

        let customer_once = once("new-customer-1", "POST customer");
        let added = t.vault.add_customer_once(&pos, new_customer("Bea Bakker", None, None), Some(&customer_once)).unwrap();
        let repeated = t.vault.add_customer_once(&pos, new_customer("Bea Bakker", None, None), Some(&customer_once)).unwrap();
        assert_eq!((repeated.value.id, repeated.replayed), (added.value.id, true));
        let job_once = once("job-1", "POST job");
        let taken = t.vault.add_repair_once(&pos, job(customer, "Ring to resize", None), Some(&job_once)).unwrap();
        let retaken = t.vault.add_repair_once(&pos, job(customer, "Ring to resize", None), Some(&job_once)).unwrap();
        assert_eq!((retaken.value, retaken.replayed), (taken.value, true));

        // A refused create leaves its key unclaimed: the retry is refused the same way.
        let nobody = strongroom_domain::CustomerId::from_uuid(uuid::Uuid::now_v7());
        for _ in 0..2 {
            let refused = t.vault.add_purchase_once(&pos, purchase(nobody, None), Some(&once("sale-2", "POST ring")));
            assert!(matches!(refused, Err(AppError::NotFound(_))), "{refused:?}");
            let refused = t.vault.add_repair_once(&pos, job(nobody, "Ring", None), Some(&once("job-2", "POST job")));
            assert!(matches!(refused, Err(AppError::NotFound(_))), "{refused:?}");
        }

        let replays = events(&t.vault)
            .into_iter()
            .filter(|(_, event)| event.detail.as_deref().is_some_and(|detail| detail.starts_with("repeated request")))
            .count();
        assert_eq!(replays, 3, "each replay is recorded as one");
    });
}

#[test]
fn a_new_token_with_a_revoked_ones_name_gets_none_of_its_answers() {
    on_every_backend(|t| {
        let customer = t.vault.add_customer(&owner(), new_customer("Anna Jansen", None, None)).unwrap().id;
        let client = strongroom_app::ClientInfo::default();
        let old = t.vault.create_api_token(&owner(), "Till", &[Scope::PurchasesWrite, Scope::PurchasesRead], None).unwrap();
        let old_actor = t.vault.api_actor(&old.value(), &client).unwrap();
        let first = t.vault.add_purchase_once(&old_actor, purchase(customer, None), Some(&once("sale-1", "POST ring"))).unwrap();
        t.vault.revoke_api_token(&owner(), old.id).unwrap();
        // The till is replaced; its successor gets the same name and happens to send the same key.
        let new = t.vault.create_api_token(&owner(), "Till", &[Scope::PurchasesWrite, Scope::PurchasesRead], None).unwrap();
        let new_actor = t.vault.api_actor(&new.value(), &client).unwrap();
        let second = t.vault.add_purchase_once(&new_actor, purchase(customer, None), Some(&once("sale-1", "POST ring"))).unwrap();
        assert!(!second.replayed, "a new sale, not the old token's answer");
        assert_ne!(second.value, first.value);
        assert_eq!(t.vault.purchases(&owner(), customer, None).unwrap().len(), 2);
    });
}

#[test]
fn concurrent_retries_with_one_key_record_one_sale() {
    on_every_backend(|t| {
        let customer = t.vault.add_customer(&owner(), new_customer("Anna Jansen", None, None)).unwrap().id;
        let outcomes: Vec<_> = std::thread::scope(|scope| {
            let handles: Vec<_> = (0..4)
                .map(|_| scope.spawn(|| t.vault.add_purchase_once(&pos_token("pos"), purchase(customer, None), Some(&once("k", "same")))))
                .collect();
            handles.into_iter().map(|handle| handle.join().unwrap().unwrap()).collect()
        });
        assert_eq!(outcomes.iter().filter(|created| !created.replayed).count(), 1);
        assert!(outcomes.iter().all(|created| created.value == outcomes[0].value));
        assert_eq!(t.vault.purchases(&owner(), customer, None).unwrap().len(), 1);
    });
}

fn board_query(page_size: usize, pages: [usize; 3]) -> BoardQuery {
    BoardQuery { page_size, pages, collected_since: time::OffsetDateTime::now_utc() - time::Duration::hours(1) }
}

/// A column as the tests compare it: its status, its total and its jobs as (ticket, customer).
type Column = (JobStatus, u64, Vec<(String, String)>);

/// Each column of a board.
fn columns(board: &Board) -> Vec<Column> {
    board
        .columns
        .iter()
        .map(|column| {
            let jobs = column.jobs.iter().map(|job| (job.repair.ticket.to_string(), job.customer_name.as_str().to_owned())).collect();
            (column.status, column.total, jobs)
        })
        .collect()
}

#[test]
fn jobs_move_forward_on_the_board_soonest_promised_first() {
    on_every_backend(|t| {
        let anna = t.vault.add_customer(&owner(), new_customer("Anna Jansen", None, None)).unwrap().id;
        let bea = t.vault.add_customer(&owner(), new_customer("Bea Bakker", None, None)).unwrap().id;
        let late = t.vault.add_repair(&owner(), job(anna, "Pearl necklace to restring", Some("2026-12-20"))).unwrap();
        let soon = t.vault.add_repair(&owner(), job(bea, "Ring to resize", Some("2026-12-01"))).unwrap();
        // Ticket codes count per kind and month.
        assert_eq!((late.ticket.as_str(), soon.ticket.as_str()), ("R-2611-001", "R-2611-002"));
        let appraisal = t.vault.add_repair(&owner(), NewRepair { kind: JobKind::Appraisal, ..job(anna, "Brooch", None) }).unwrap();
        assert_eq!(appraisal.ticket.as_str(), "A-2611-001");
        let december = NewRepair { received_on: parse_date("date", "2026-12-01").unwrap(), ..job(bea, "Chain", None) };
        assert_eq!(t.vault.add_repair(&owner(), december).unwrap().ticket.as_str(), "R-2612-001");
        let workshop = staff(Role::Workshop);

        let board = t.vault.workshop_board(&workshop, &board_query(50, [0; 3])).unwrap();
        let anna_s = |ticket: &str| (ticket.to_owned(), "Anna Jansen".to_owned());
        let bea_s = |ticket: &str| (ticket.to_owned(), "Bea Bakker".to_owned());
        assert_eq!(
            columns(&board),
            [
                (JobStatus::Received, 4, vec![bea_s("R-2611-002"), anna_s("R-2611-001"), anna_s("A-2611-001"), bea_s("R-2612-001")]),
                (JobStatus::AtBench, 0, vec![]),
                (JobStatus::Ready, 0, vec![]),
                (JobStatus::Collected, 0, vec![]),
            ]
        );
        // A long column comes a page at a time, and a page past the end shows the last one.
        let paged = t.vault.workshop_board(&workshop, &board_query(3, [1, 0, 0])).unwrap();
        assert_eq!(columns(&paged)[0], (JobStatus::Received, 4, vec![bea_s("R-2612-001")]));
        assert_eq!(t.vault.workshop_board(&workshop, &board_query(3, [9, 0, 0])).unwrap().columns[0].page, 1);

        let due = t.vault.jobs_due(&workshop, parse_date("date", "2026-12-05").unwrap(), 50).unwrap();
        assert_eq!(due.iter().map(|job| job.repair.id).collect::<Vec<_>>(), [soon.id], "only what is due by then");
        let found = t.vault.find_job(&workshop, &TicketCode::parse("r2611002").unwrap()).unwrap().expect("found by its ticket");
        assert_eq!((found.repair.id, found.customer_name.as_str()), (soon.id, "Bea Bakker"));
        assert!(t.vault.find_job(&workshop, &TicketCode::parse("R-2611-099").unwrap()).unwrap().is_none());

        let moved = t.vault.set_repair_status(&workshop, soon.id, JobStatus::AtBench).unwrap().expect("the workshop may read its jobs");
        assert_eq!((moved.status, moved.item_description.as_str()), (JobStatus::AtBench, "Ring to resize"));
        let back = t.vault.set_repair_status(&workshop, soon.id, JobStatus::Received);
        assert!(matches!(back, Err(AppError::Invalid(_))), "{back:?}");
        // A wrong move is undone, once.
        t.vault.set_repair_status(&workshop, soon.id, JobStatus::Ready).unwrap();
        let undone = t.vault.undo_repair_move(&workshop, soon.id).unwrap().unwrap();
        assert_eq!((undone.status, undone.previous_status), (JobStatus::AtBench, None));
        let twice = t.vault.undo_repair_move(&workshop, soon.id);
        assert!(matches!(twice, Err(AppError::Invalid(_))), "{twice:?}");

        t.vault.set_repair_status(&workshop, soon.id, JobStatus::Collected).unwrap();
        let board = t.vault.workshop_board(&workshop, &board_query(50, [0; 3])).unwrap();
        let shown = columns(&board);
        assert_eq!(shown[0].1, 3, "collected jobs leave the open columns");
        assert_eq!(shown[3], (JobStatus::Collected, 1, vec![bea_s("R-2611-002")]), "and are listed as collected today");
        let tomorrow =
            BoardQuery { collected_since: time::OffsetDateTime::now_utc() + time::Duration::hours(1), ..board_query(50, [0; 3]) };
        assert!(t.vault.workshop_board(&workshop, &tomorrow).unwrap().columns[3].jobs.is_empty());

        let missing = t.vault.set_repair_status(&workshop, strongroom_domain::RepairId::from_uuid(uuid::Uuid::now_v7()), JobStatus::Ready);
        assert!(matches!(missing, Err(AppError::NotFound(_))));
        // Purchases are not the workshop's business.
        assert!(matches!(t.vault.purchases(&workshop, anna, None), Err(AppError::Denied { .. })));
        let last = actions(&t.vault);
        assert!(last.contains(&("repair.update".into(), "allowed".into())));
        assert!(last.contains(&("purchase.list".into(), "denied".into())));
        let undo_recorded = events(&t.vault)
            .into_iter()
            .any(|(_, event)| event.detail.as_deref().is_some_and(|detail| detail.ends_with("(R-2611-002): undo ready -> at_bench")));
        assert!(undo_recorded, "the undo is in the trail as an undo");
    });
}

#[test]
fn the_workshop_sees_a_customers_name_and_phone_only_and_only_that_is_recorded() {
    on_every_backend(|t| {
        let mut new = new_customer("Anna Jansen", Some("anna@example.com"), Some("0612345678"));
        new.address = Some(strongroom_domain::PostalAddress::parse("address", "Kalverstraat 1, Amsterdam").unwrap());
        new.notes = notes("prefers rose gold");
        let id = t.vault.add_customer(&owner(), new).unwrap().id;
        let workshop = staff(Role::Workshop);
        let shown = t.vault.show_customer(&workshop, id, &purpose("repair")).unwrap().customer;
        assert_eq!((shown.name.as_str(), shown.phone.as_ref().map(|p| p.as_str())), ("Anna Jansen", Some("+31612345678")));
        assert_eq!((shown.email, shown.address, shown.notes), (None, None, None));
        let read = events(&t.vault).into_iter().rev().find(|(_, event)| event.action == "customer.read").unwrap().1;
        assert!(
            !read.categories.iter().any(|category| category.contains("address") || category.contains("email")),
            "{:?}",
            read.categories
        );
        let listed = t.vault.list_customers(&workshop, None, 10).unwrap();
        assert_eq!(listed[0].email, None);
        // Nor can it learn whose an email address is by searching for it.
        let by_email = strongroom_app::CustomerQuery::Email(strongroom_domain::EmailAddress::parse("anna@example.com").unwrap());
        assert!(matches!(t.vault.find_customers(&workshop, &by_email, None), Err(AppError::Denied { .. })));
        let by_phone =
            strongroom_app::CustomerQuery::Phone(strongroom_domain::PhoneE164::parse("0612345678", settings().default_country).unwrap());
        assert_eq!(t.vault.find_customers(&workshop, &by_phone, None).unwrap().len(), 1);
        // The counter sees everything.
        let sales = t.vault.show_customer(&staff(Role::Sales), id, &purpose("sale")).unwrap().customer;
        assert!(sales.address.is_some() && sales.email.is_some());
    });
}

#[test]
fn a_common_name_is_found_a_page_at_a_time_and_only_the_page_is_recorded() {
    on_every_backend(|t| {
        let ids: Vec<_> = (0..5).map(|_| t.vault.add_customer(&owner(), new_customer("Anna Jansen", None, None)).unwrap().id).collect();
        t.vault.add_customer(&owner(), new_customer("Anna Visser", None, None)).unwrap();
        let query = strongroom_app::CustomerQuery::Name("jansen anna".into());
        let before = events(&t.vault).len();
        let first = t.vault.find_customers_page(&owner(), &query, None, None, 2).unwrap();
        assert_eq!((first.customers.iter().map(|c| c.id).collect::<Vec<_>>(), first.more), (ids[..2].to_vec(), true));
        let finds = events(&t.vault)[before..].iter().filter(|(_, event)| event.action == "customer.find").count();
        assert_eq!(finds, 2, "only the customers shown are disclosed");
        let rest = t.vault.find_customers_page(&owner(), &query, None, Some(ids[1]), 10).unwrap();
        assert_eq!((rest.customers.iter().map(|c| c.id).collect::<Vec<_>>(), rest.more), (ids[2..].to_vec(), false));
        assert_eq!(t.vault.find_customers(&owner(), &query, None).unwrap().len(), 5);

        // More namesakes than one batch of candidates (64): the walk goes on across batches.
        for _ in 0..70 {
            t.vault.add_customer(&owner(), new_customer("Anna Jansen", None, None)).unwrap();
        }
        let page = t.vault.find_customers_page(&owner(), &query, None, None, 50).unwrap();
        assert_eq!((page.customers.len(), page.more), (50, true));
        let last = page.customers.last().unwrap().id;
        let rest = t.vault.find_customers_page(&owner(), &query, None, Some(last), 50).unwrap();
        assert_eq!((rest.customers.len(), rest.more), (25, false));
    });
}

#[test]
fn the_start_page_offers_the_customers_this_person_opened_lately() {
    on_every_backend(|t| {
        let anna = t.vault.add_customer(&owner(), new_customer("Anna Jansen", None, None)).unwrap().id;
        let bea = t.vault.add_customer(&owner(), new_customer("Bea Bakker", None, None)).unwrap().id;
        let sara = staff(Role::Sales);
        t.vault.show_customer(&sara, anna, &purpose("sale")).unwrap();
        t.vault.show_customer(&sara, bea, &purpose("sale")).unwrap();
        t.vault.show_customer(&sara, anna, &purpose("sale")).unwrap();
        let recent: Vec<_> =
            t.vault.my_recent_customers(&sara, 8).unwrap().into_iter().map(|c| (c.id, c.name.as_str().to_owned())).collect();
        assert_eq!(recent, [(anna, "Anna Jansen".to_owned()), (bea, "Bea Bakker".to_owned())], "most recent first, once each");
        assert_eq!(t.vault.my_recent_customers(&sara, 1).unwrap().len(), 1);
        assert!(t.vault.my_recent_customers(&staff(Role::Manager), 8).unwrap().is_empty(), "only one's own");
        assert!(matches!(t.vault.my_recent_customers(&staff(Role::ExternalAuditor), 8), Err(AppError::Denied { .. })));
        // One who can no longer be shown (here: their key destroyed) makes room for the next.
        let cora = t.vault.add_customer(&owner(), new_customer("Cora de Wit", None, None)).unwrap().id;
        t.vault.show_customer(&sara, cora, &purpose("sale")).unwrap();
        let names = |limit| -> Vec<String> {
            t.vault.my_recent_customers(&sara, limit).unwrap().into_iter().map(|c| c.name.as_str().to_owned()).collect()
        };
        assert_eq!(names(2), ["Cora de Wit", "Anna Jansen"]);
        assert!(t.vault.shred_customer_key(&owner(), cora).unwrap());
        assert_eq!(names(2), ["Anna Jansen", "Bea Bakker"]);
    });
}
