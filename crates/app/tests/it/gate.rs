//! The one gate: permissions, audit events in the same transaction, and what each role sees.

use strongroom_app::{AppError, CustomerQuery, NewAmlRecord, NewPurchase};
use strongroom_domain::{
    CustomerPatch, EmailAddress, FreeText, IdDocumentNumber, IdDocumentType, IssuingCountry, Money, Permission, PhoneE164, PurchaseItem,
    Role, ShortText, parse_date,
};
use strongroom_store::StoreLocation;

use crate::support::*;

pub(crate) fn purchase(customer_id: strongroom_domain::CustomerId, engraving: Option<&str>) -> NewPurchase {
    NewPurchase {
        customer_id,
        purchased_on: parse_date("date", "2026-11-29").unwrap(),
        items: vec![PurchaseItem {
            description: ShortText::parse("item", "Solitaire ring").unwrap(),
            metal: Some(ShortText::parse("metal", "platinum").unwrap()),
            stones: None,
            certificate_number: Some(ShortText::parse("certificate", "GIA 2141438167").unwrap()),
            price: None,
        }],
        total: Money::parse("total", "8950", strongroom_domain::Currency::EUR).unwrap(),
        paid_in_cash: false,
        engraving: engraving.map(|e| FreeText::parse("engraving", e).unwrap()),
        payment: None,
        note: None,
    }
}

#[test]
fn an_identity_check_names_the_customers_sale_it_was_for_and_no_one_elses() {
    on_every_backend(|t| {
        let anna = t.vault.add_customer(&owner(), new_customer("Anna Jansen", None, None)).unwrap().id;
        let piet = t.vault.add_customer(&owner(), new_customer("Piet Smit", None, None)).unwrap().id;
        let cash = NewPurchase {
            total: Money::parse("total", "12500", strongroom_domain::Currency::EUR).unwrap(),
            paid_in_cash: true,
            ..purchase(anna, None)
        };
        let sale = t.vault.add_purchase(&owner(), cash).unwrap();
        let missing = |t: &TestVault| t.vault.sales_missing_check(&owner(), 10).unwrap().iter().map(|s| s.purchase_id).collect::<Vec<_>>();
        assert_eq!(missing(t), [sale]);

        let for_sale = |customer_id, sale| NewAmlRecord {
            transaction_reference: ShortText::parse("reference", &strongroom_domain::PurchaseId::receipt_number(sale)).unwrap(),
            sale: Some(sale),
            ..aml_record(customer_id)
        };
        let refused = t.vault.add_aml_record(&owner(), for_sale(piet, sale));
        assert!(matches!(refused, Err(AppError::NotFound(_))), "{refused:?}");
        assert_eq!(missing(t), [sale], "another customer's check changes nothing");
        assert!(t.vault.aml_records(&owner(), piet, None).unwrap().is_empty());

        t.vault.add_aml_record(&owner(), for_sale(anna, sale)).unwrap();
        assert!(missing(t).is_empty(), "the sale has its check");
    });
}

#[test]
fn a_sale_is_voided_or_refunded_beside_it_never_beyond_its_total() {
    on_every_backend(|t| {
        let id = t.vault.add_customer(&owner(), new_customer("Anna Jansen", None, None)).unwrap().id;
        let sale = t.vault.add_purchase(&owner(), purchase(id, None)).unwrap();
        let euros = |amount: &str| Some(Money::parse("amount", amount, strongroom_domain::Currency::EUR).unwrap());
        let correction = |kind, amount, reason: &str| strongroom_app::NewCorrection {
            purchase_id: sale,
            kind,
            amount,
            reason: FreeText::parse("reason", reason).unwrap(),
        };
        use strongroom_domain::{CorrectionKind, SaleState};
        let first = t.vault.correct_sale(&owner(), correction(CorrectionKind::Refund, euros("950"), "chain too short")).unwrap();
        assert_eq!(first.amount, euros("950").unwrap());
        // More than is left, or a void after a refund: refused with the reason, nothing stored.
        let too_much = t.vault.correct_sale(&owner(), correction(CorrectionKind::Refund, euros("8000.01"), "again")).unwrap_err();
        assert!(matches!(too_much, AppError::Invalid(_)), "{too_much}");
        assert!(t.vault.correct_sale(&owner(), correction(CorrectionKind::Void, None, "oops")).is_err());
        t.vault.correct_sale(&owner(), correction(CorrectionKind::Refund, euros("8000"), "returned the ring")).unwrap();

        let shown = t.vault.purchases(&owner(), id, Some(&purpose("sale"))).unwrap();
        assert_eq!(shown.len(), 1);
        assert_eq!(shown[0].state(), SaleState::Refunded);
        assert_eq!(
            shown[0].total,
            Money::parse("total", "8950", strongroom_domain::Currency::EUR).unwrap(),
            "the sale itself is unchanged"
        );
        let reasons: Vec<&str> = shown[0].corrections.iter().map(|c| c.reason.as_str()).collect();
        assert_eq!(reasons, ["chain too short", "returned the ring"]);
        let trail: Vec<(String, String)> = actions(&t.vault).into_iter().filter(|(action, _)| action.starts_with("purchase.")).collect();
        let expected = [
            ("purchase.create", "allowed"),
            ("purchase.refund", "allowed"),
            ("purchase.refund", "failed"),
            ("purchase.void", "failed"),
            ("purchase.refund", "allowed"),
            ("purchase.list", "allowed"),
        ];
        assert_eq!(trail, expected.map(|(a, o)| (a.to_owned(), o.to_owned())));
        // A seller records sales but does not void or refund them.
        let denied = t.vault.correct_sale(&staff(Role::Sales), correction(CorrectionKind::Refund, euros("1"), "x")).unwrap_err();
        assert!(matches!(denied, AppError::Denied { .. }), "{denied}");
    });
}

#[test]
fn a_duplicate_is_merged_in_with_its_records_and_then_cannot_be_read() {
    on_every_backend(|t| {
        let keep = t.vault.add_customer(&owner(), new_customer("Anna Jansen", Some("anna@example.com"), None)).unwrap().id;
        let mut twin = new_customer("Anna Jansen", Some("a.jansen@example.com"), Some("0612345678"));
        twin.notes = notes("came in for a watch strap");
        let twin = t.vault.add_customer(&owner(), twin).unwrap().id;
        let sale = t.vault.add_purchase(&owner(), purchase(twin, Some("A & B"))).unwrap();
        let refund = strongroom_app::NewCorrection {
            purchase_id: sale,
            kind: strongroom_domain::CorrectionKind::Refund,
            amount: Some(Money::parse("amount", "50", strongroom_domain::Currency::EUR).unwrap()),
            reason: FreeText::parse("reason", "scratch on the band").unwrap(),
        };
        t.vault.correct_sale(&owner(), refund).unwrap();
        t.vault.add_aml_record(&owner(), aml_record(twin)).unwrap();

        // Not for the counter, not without confirming it is you, never into itself.
        let sales = t.vault.merge_customers(&staff(Role::Sales), keep, twin).unwrap_err();
        assert!(matches!(sales, AppError::Denied { .. }), "{sales}");
        let manager = strongroom_domain::Actor::staff("manager-1", Role::Manager, false);
        assert!(matches!(t.vault.merge_customers(&manager, keep, twin), Err(AppError::StepUpRequired)));
        assert!(matches!(t.vault.merge_customers(&owner(), keep, keep), Err(AppError::Invalid(_))));

        let report = t.vault.merge_customers(&staff(Role::Manager), keep, twin).unwrap();
        assert_eq!((report.purchases, report.repairs, report.aml_records), (1, 0, 1));
        assert_eq!(report.filled, [strongroom_domain::Field::CustomerPhone, strongroom_domain::Field::CustomerNotes]);

        let kept = t.vault.show_customer(&owner(), keep, &purpose("data_quality")).unwrap();
        assert_eq!(kept.customer.email.as_ref().unwrap().as_str(), "anna@example.com", "what the kept record holds stays");
        assert_eq!(kept.customer.phone.as_ref().unwrap().as_str(), "+31612345678");
        let purchases = kept.purchases.unwrap();
        assert_eq!(purchases.len(), 1);
        assert_eq!(purchases[0].engraving.as_ref().unwrap().as_str(), "A & B", "sealed again under the kept record's key");
        assert_eq!(purchases[0].corrections[0].reason.as_str(), "scratch on the band");
        assert_eq!(kept.aml_records.unwrap().len(), 1);
        // The kept record is found by the duplicate's phone; the duplicate by nothing, and it
        // cannot be opened.
        let by_phone = CustomerQuery::Phone(PhoneE164::parse("0612345678", strongroom_domain::Country::parse("NL").unwrap()).unwrap());
        let found: Vec<_> = t.vault.find_customers(&owner(), &by_phone, None).unwrap().into_iter().map(|c| c.id).collect();
        assert_eq!(found, [keep]);
        let gone = CustomerQuery::Email(EmailAddress::parse("a.jansen@example.com").unwrap());
        assert!(t.vault.find_customers(&owner(), &gone, None).unwrap().is_empty());
        assert!(t.vault.show_customer(&owner(), twin, &purpose("data_quality")).is_err());
        let trail: Vec<(String, String)> = actions(&t.vault).into_iter().filter(|(action, _)| action == "customer.merge").collect();
        assert_eq!(trail.iter().filter(|(_, outcome)| outcome == "allowed").count(), 2, "recorded against both customers");
    });
}

#[test]
fn a_customer_can_be_added_shown_found_and_listed() {
    on_every_backend(|t| {
        let mut new = new_customer("Zoë van der Berg-Çelik", Some("Zoe.Berg@Example.com"), Some("06-12345678"));
        new.notes = notes("prefers rose gold");
        let added = t.vault.add_customer(&owner(), new).unwrap();
        t.vault.add_customer(&owner(), new_customer("Anna Jansen", Some("anna@example.com"), None)).unwrap();

        let shown = t.vault.show_customer(&owner(), added.id, &purpose("sale")).unwrap();
        assert_eq!(shown.customer.name.as_str(), "Zoë van der Berg-Çelik");
        assert_eq!(shown.customer.notes.as_ref().unwrap().as_str(), "prefers rose gold");

        let by_email =
            t.vault.find_customers(&owner(), &CustomerQuery::Email(EmailAddress::parse(" zoe.berg@EXAMPLE.com").unwrap()), None).unwrap();
        assert_eq!(by_email.iter().map(|c| c.id).collect::<Vec<_>>(), [added.id]);
        let phone = PhoneE164::parse("+31 6 1234 5678", settings().default_country).unwrap();
        assert_eq!(t.vault.find_customers(&owner(), &CustomerQuery::Phone(phone), None).unwrap().len(), 1);
        let by_name = t.vault.find_customers(&owner(), &CustomerQuery::Name("celik ZOE".into()), None).unwrap();
        assert_eq!(by_name.iter().map(|c| c.id).collect::<Vec<_>>(), [added.id]);
        assert!(t.vault.find_customers(&owner(), &CustomerQuery::Name("zoe jansen".into()), None).unwrap().is_empty());
        assert!(matches!(t.vault.find_customers(&owner(), &CustomerQuery::Name(" - ".into()), None), Err(AppError::Invalid(_))));

        let page = t.vault.list_customers(&owner(), None, 1).unwrap();
        assert_eq!(page.len(), 1);
        let rest = t.vault.list_customers(&owner(), Some(page[0].id), 10).unwrap();
        assert_eq!(rest.len(), 1);
        assert_ne!(rest[0].id, page[0].id);
    });
}

/// The names a search by their start finds, in id order.
fn found_names(t: &TestVault, search: &str) -> Vec<String> {
    t.vault
        .find_customers(&owner(), &CustomerQuery::Name(search.into()), None)
        .unwrap()
        .into_iter()
        .map(|customer| customer.name.as_str().to_owned())
        .collect()
}

#[test]
fn names_are_found_by_the_start_of_their_words() {
    on_every_backend(|t| {
        for name in ["Sofia Martínez", "Marta de Vries", "Dirk de Vriend", "Anna Devries", "Jan Martin"] {
            t.vault.add_customer(&owner(), new_customer(name, None, None)).unwrap();
        }
        assert_eq!(found_names(t, "Mart"), ["Sofia Martínez", "Marta de Vries", "Jan Martin"]);
        assert_eq!(found_names(t, "martine"), ["Sofia Martínez"], "past six letters, checked after decryption");
        assert_eq!(found_names(t, "de vrie"), ["Marta de Vries", "Dirk de Vriend"]);
        assert_eq!(found_names(t, "de vries"), ["Marta de Vries"]);
        assert_eq!(found_names(t, "DEVRIES"), ["Anna Devries"]);
        assert_eq!(found_names(t, "m de v"), ["Marta de Vries"], "a one-letter word narrows what the others find");
        assert!(found_names(t, "artinez").is_empty(), "the start of a word, not its middle");
        let refused = t.vault.find_customers(&owner(), &CustomerQuery::Name("s m".into()), None);
        assert!(matches!(&refused, Err(AppError::Invalid(error)) if error.to_string().contains("at least 2 letters")), "{refused:?}");
        // A renamed customer is found by the new name's starts, not the old one's.
        let sofia = t.vault.find_customers(&owner(), &CustomerQuery::Name("sofia".into()), None).unwrap()[0].id;
        let rename = strongroom_domain::CustomerPatch {
            name: Some(strongroom_domain::PersonName::parse("name", "Sofia Gómez").unwrap()),
            ..Default::default()
        };
        t.vault.edit_customer(&owner(), sofia, rename).unwrap();
        assert_eq!(found_names(t, "gom"), ["Sofia Gómez"]);
        assert_eq!(found_names(t, "Mart"), ["Marta de Vries", "Jan Martin"]);
    });
}

/// A store from before the prefix index: its customers get their entries when the vault is
/// next opened, once, with the reading recorded.
#[test]
fn customers_stored_before_the_prefix_index_are_indexed_when_the_vault_opens() {
    on_every_backend(|t| {
        for name in ["Sofia Martínez", "Marta de Vries"] {
            t.vault.add_customer(&owner(), new_customer(name, None, None)).unwrap();
        }
        // Its entries of that index gone, and each customer's list of entries as it would then be.
        let list = match &t.location {
            StoreLocation::Sqlite(_) => "unhex(group_concat(printf('%04X%08X', b.index_id, b.value), ''))",
            StoreLocation::Postgres { .. } => {
                "decode(string_agg(lpad(to_hex(b.index_id::integer), 4, '0') || lpad(to_hex(b.value), 8, '0'), ''), 'hex')"
            }
        };
        raw_sql(
            t,
            &format!(
                "DELETE FROM blind_index WHERE index_id = 4; DELETE FROM upgrades; DELETE FROM customer_search_entries; \
                 INSERT INTO customer_search_entries (customer_id, entries) SELECT b.customer_id, {list} FROM blind_index b GROUP BY b.customer_id;"
            ),
        );
        assert!(found_names(t, "Mart").is_empty(), "as an older store would answer");
        let reopened = t.reopen();
        let found = reopened.find_customers(&owner(), &CustomerQuery::Name("Mart".into()), None).unwrap();
        assert_eq!(found.len(), 2);
        let reindexed = |vault: &strongroom_app::Vault| {
            events(vault)
                .into_iter()
                .filter(|(_, event)| event.action == "customer.reindex")
                .map(|(_, event)| event.detail)
                .collect::<Vec<_>>()
        };
        assert_eq!(reindexed(&reopened), [Some("name-prefix search entries added for 2 customers; done".to_owned())]);
        let again = t.reopen();
        assert_eq!(reindexed(&again).len(), 1, "done once");
    });
}

#[test]
fn naming_customers_who_share_a_new_customers_email_is_an_audited_disclosure() {
    on_every_backend(|t| {
        let anna = t.vault.add_customer(&owner(), new_customer("Anna Jansen", Some("shared@example.com"), None)).unwrap().id;
        let added = t.vault.add_customer(&owner(), new_customer("Bram Jansen", Some("Shared@example.com"), None)).unwrap();
        assert_eq!(added.same_email, [anna]);
        let events = events(&t.vault);
        let (_, find) = events.iter().rev().find(|(_, e)| e.action == "customer.find").unwrap();
        assert_eq!(find.target_id, Some(anna.as_uuid().into_bytes()));
        assert_eq!(find.categories, ["user.contact.email"]);
    });
}

#[test]
fn every_operation_appends_its_audit_event_reads_included() {
    on_every_backend(|t| {
        let id = t.vault.add_customer(&owner(), new_customer("Anna Jansen", Some("anna@example.com"), None)).unwrap().id;
        t.vault.show_customer(&owner(), id, &purpose("customer_request")).unwrap();
        t.vault.find_customers(&owner(), &CustomerQuery::Email(EmailAddress::parse("anna@example.com").unwrap()), None).unwrap();
        t.vault.list_customers(&owner(), None, 10).unwrap();
        t.vault.add_purchase(&owner(), purchase(id, Some("Voor altijd"))).unwrap();
        let seen: Vec<String> = actions(&t.vault).into_iter().map(|(action, _)| action).collect();
        assert_eq!(seen, ["vault.init", "customer.create", "customer.read", "customer.find", "customer.list", "purchase.create"],);
        let events = events(&t.vault);
        let read = &events[2].1;
        assert_eq!(read.target_id, Some(id.as_uuid().into_bytes()));
        assert_eq!(read.purpose.as_deref(), Some("customer_request"));
        assert!(read.categories.contains(&"user.contact.email".to_owned()));
        // Events hold ids and categories, never the data itself.
        for (_, event) in &events {
            let encoded = format!("{event:?}{}", String::from_utf8_lossy(&event.encode()));
            assert!(!encoded.contains("Anna") && !encoded.contains("anna@example.com"), "{encoded}");
        }
    });
}

#[test]
fn refused_attempts_are_recorded_and_change_nothing() {
    on_every_backend(|t| {
        let id = t.vault.add_customer(&owner(), new_customer("Anna Jansen", None, None)).unwrap().id;
        let workshop = staff(Role::Workshop);
        let error = t.vault.add_purchase(&workshop, purchase(id, None)).unwrap_err();
        assert!(matches!(error, AppError::Denied { permission: Permission::PurchaseWrite, .. }), "{error}");
        assert_eq!(error.to_string(), "workshop may not record purchases");
        let auditor = staff(Role::ExternalAuditor);
        assert!(matches!(t.vault.show_customer(&auditor, id, &purpose("sale")), Err(AppError::Denied { .. })));
        let last_two: Vec<(String, String)> = actions(&t.vault).into_iter().rev().take(2).collect();
        assert_eq!(last_two, [("customer.read".into(), "denied".into()), ("purchase.create".into(), "denied".into())]);
        assert_eq!(t.vault.show_customer(&owner(), id, &purpose("sale")).unwrap().purchases.unwrap().len(), 0);
    });
}

#[test]
fn each_role_sees_only_what_the_matrix_allows() {
    let t = sqlite_vault();
    let id = t.vault.add_customer(&owner(), new_customer("Anna Jansen", None, None)).unwrap().id;
    t.vault.add_purchase(&owner(), purchase(id, None)).unwrap();
    // Sales may capture an identity record at the counter, but not read it back.
    let (_, retention_ends) = t.vault.add_aml_record(&staff(Role::Sales), aml_record(id)).unwrap();
    assert_eq!(retention_ends, parse_date("date", "2031-11-29").unwrap());

    let workshop = t.vault.show_customer(&staff(Role::Workshop), id, &purpose("repair")).unwrap();
    assert!(workshop.purchases.is_none() && workshop.aml_records.is_none() && workshop.repairs.is_some());
    let sales = t.vault.show_customer(&staff(Role::Sales), id, &purpose("sale")).unwrap();
    assert_eq!(sales.purchases.unwrap().len(), 1);
    assert!(sales.aml_records.is_none());
    let privacy = t.vault.show_customer(&staff(Role::PrivacyOfficer), id, &purpose("compliance")).unwrap();
    let records = privacy.aml_records.unwrap();
    assert_eq!(records[0].document_number.as_str(), "NX12AB345");
}

#[test]
fn edits_rebuild_the_blind_indexes() {
    on_every_backend(|t| {
        let id = t.vault.add_customer(&owner(), new_customer("Anna Jansen", Some("anna@example.com"), None)).unwrap().id;
        let partner = t.vault.add_customer(&owner(), new_customer("Bram Jansen", None, None)).unwrap().id;
        let patch = CustomerPatch {
            email: Some(Some(EmailAddress::parse("anna.j@example.com").unwrap())),
            partner: Some(Some(partner)),
            metal_allergies: Some(Some(ShortText::parse("metal_allergies", "nickel").unwrap())),
            ..CustomerPatch::default()
        };
        let edited = t.vault.edit_customer(&owner(), id, patch).unwrap().expect("the owner may read customers");
        assert_eq!(edited.partner, Some(partner));
        let find =
            |email: &str| t.vault.find_customers(&owner(), &CustomerQuery::Email(EmailAddress::parse(email).unwrap()), None).unwrap();
        assert!(find("anna@example.com").is_empty());
        assert_eq!(find("anna.j@example.com")[0].metal_allergies.as_ref().unwrap().as_str(), "nickel");
        let event = events(&t.vault).into_iter().rev().find(|(_, e)| e.action == "customer.update").unwrap().1;
        assert!(event.categories.contains(&"user.health_and_medical.allergy".to_owned()), "{:?}", event.categories);
        // The edited record is shown in full, so its unchanged fields count as disclosed too.
        assert!(event.categories.contains(&"user.name".to_owned()), "{:?}", event.categories);

        let self_partner = CustomerPatch { partner: Some(Some(id)), ..CustomerPatch::default() };
        assert!(matches!(t.vault.edit_customer(&owner(), id, self_partner), Err(AppError::Invalid(_))));
        let ghost = strongroom_domain::CustomerId::from_uuid(uuid::Uuid::now_v7());
        let ghost_partner = CustomerPatch { partner: Some(Some(ghost)), ..CustomerPatch::default() };
        assert!(matches!(t.vault.edit_customer(&owner(), id, ghost_partner), Err(AppError::Invalid(_))));
    });
}

#[test]
fn no_audit_event_means_no_operation() {
    let t = sqlite_vault();
    let id = t.vault.add_customer(&owner(), new_customer("Anna Jansen", None, None)).unwrap().id;
    let raw = raw_sqlite(&t);
    raw.execute_batch("CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_events BEGIN SELECT RAISE(ABORT, 'audit disk full'); END;")
        .unwrap();
    assert!(t.vault.add_customer(&owner(), new_customer("Bram de Vries", None, None)).is_err());
    assert!(t.vault.show_customer(&owner(), id, &purpose("sale")).is_err(), "a read whose event cannot be written discloses nothing");
    raw.execute_batch("DROP TRIGGER refuse_audit;").unwrap();
    let names: Vec<String> = t.vault.list_customers(&owner(), None, 10).unwrap().into_iter().map(|c| c.name.to_string()).collect();
    assert_eq!(names, ["Anna Jansen"]);
}

#[test]
fn missing_customers_are_not_found_and_the_attempt_is_recorded() {
    let t = sqlite_vault();
    let ghost = strongroom_domain::CustomerId::from_uuid(uuid::Uuid::now_v7());
    assert!(matches!(t.vault.show_customer(&owner(), ghost, &purpose("sale")), Err(AppError::NotFound("customer"))));
    assert_eq!(actions(&t.vault).last().unwrap(), &("customer.read".to_owned(), "failed".to_owned()));
    assert!(matches!(t.vault.add_purchase(&owner(), purchase(ghost, None)), Err(AppError::NotFound("customer"))));
    assert_eq!(actions(&t.vault).last().unwrap(), &("purchase.create".to_owned(), "failed".to_owned()));
    let patch = CustomerPatch { notes: Some(None), ..CustomerPatch::default() };
    assert!(matches!(t.vault.edit_customer(&owner(), ghost, patch), Err(AppError::NotFound("customer"))));
    assert_eq!(actions(&t.vault).last().unwrap(), &("customer.update".to_owned(), "failed".to_owned()));
}

#[test]
fn shredding_a_customer_key_makes_their_records_unreadable_but_keeps_aml_records() {
    on_every_backend(|t| {
        let id = t.vault.add_customer(&owner(), new_customer("Anna Jansen", Some("anna@example.com"), None)).unwrap().id;
        t.vault.add_purchase(&owner(), purchase(id, Some("Voor altijd"))).unwrap();
        let aml = NewAmlRecord {
            customer_id: id,
            document_type: IdDocumentType::NationalIdCard,
            document_number: IdDocumentNumber::parse("IX9988776").unwrap(),
            document_country: IssuingCountry::parse("BE").unwrap(),
            verified_by: ShortText::parse("verified_by", "owner").unwrap(),
            transaction_reference: ShortText::parse("reference", "INV-2002").unwrap(),
            transaction_date: parse_date("date", "2026-11-01").unwrap(),
            sale: None,
        };
        t.vault.add_aml_record(&owner(), aml).unwrap();
        assert!(t.vault.shred_customer_key(&owner(), id).unwrap());
        assert!(matches!(t.vault.show_customer(&owner(), id, &purpose("sale")), Err(AppError::Shredded)));
        assert!(matches!(t.vault.add_purchase(&owner(), purchase(id, None)), Err(AppError::Shredded)));
        // The identity record has its own key and must be kept five years: it stays readable.
        let kept = t.vault.aml_records(&owner(), id, Some(&purpose("compliance"))).unwrap();
        assert_eq!(kept[0].document_number.as_str(), "IX9988776");
        assert!(matches!(t.vault.aml_records(&staff(Role::Sales), id, None), Err(AppError::Denied { .. })));
        assert!(
            t.vault
                .find_customers(&owner(), &CustomerQuery::Email(EmailAddress::parse("anna@example.com").unwrap()), None)
                .unwrap()
                .is_empty()
        );
        assert!(t.vault.find_customers(&owner(), &CustomerQuery::Name("anna".into()), None).unwrap().is_empty());
        assert!(t.vault.list_customers(&owner(), None, 10).unwrap().is_empty());
        // The reopened vault agrees: the key is gone from the store, not just from memory.
        assert!(matches!(t.reopen().show_customer(&owner(), id, &purpose("sale")), Err(AppError::Shredded)));
        assert!(!t.vault.shred_customer_key(&owner(), id).unwrap());
        assert!(matches!(t.vault.shred_customer_key(&staff(Role::Manager), id), Err(AppError::Denied { .. })));
    });
}

/// Runs, as `actor`, the use-case that stands for `permission` and says whether the gate let it
/// through. Read permissions inside a customer record (purchases, repairs) are answered by what
/// the record holds. `None`: no use-case needs that permission yet.
fn exercise(t: &TestVault, actor: &strongroom_domain::Actor, permission: Permission, id: strongroom_domain::CustomerId) -> Option<bool> {
    let allowed = |result: Result<(), AppError>| match result {
        Ok(()) => true,
        Err(AppError::Denied { permission: denied, .. }) => {
            assert_eq!(denied, permission, "refused for another permission");
            false
        }
        Err(other) => panic!("{permission:?} as {}: {other}", actor.role),
    };
    let shown = || t.vault.show_customer(actor, id, &purpose("sale"));
    Some(match permission {
        Permission::CustomerRead => allowed(shown().map(drop)),
        Permission::CustomerWrite => allowed(t.vault.add_customer(actor, new_customer("Bea Bakker", None, None)).map(drop)),
        Permission::CustomerImport => {
            let path = t.dir.path().join(format!("{}.csv", actor.role));
            std::fs::write(&path, format!("name\nImported {}\n", actor.role)).unwrap();
            allowed(t.vault.import_customers(actor, &path, &strongroom_app::ImportOptions::default(), &mut |_| {}).map(drop))
        }
        Permission::PurchaseRead => shown().is_ok_and(|record| record.purchases.is_some()),
        Permission::PurchaseWrite => allowed(t.vault.add_purchase(actor, purchase(id, None)).map(drop)),
        Permission::CustomerMerge => {
            let keep = t.vault.add_customer(&owner(), new_customer("Kees Kok", None, None)).unwrap().id;
            let twin = t.vault.add_customer(&owner(), new_customer("Kees Kok", None, None)).unwrap().id;
            allowed(t.vault.merge_customers(actor, keep, twin).map(drop))
        }
        Permission::PurchaseCorrect => {
            let sale = t.vault.add_purchase(&owner(), purchase(id, None)).unwrap();
            let void = strongroom_app::NewCorrection {
                purchase_id: sale,
                kind: strongroom_domain::CorrectionKind::Void,
                amount: None,
                reason: FreeText::parse("reason", "recorded twice").unwrap(),
            };
            allowed(t.vault.correct_sale(actor, void).map(drop))
        }
        Permission::RepairRead => shown().is_ok_and(|record| record.repairs.is_some()),
        Permission::RepairWrite => allowed(
            t.vault
                .add_repair(
                    actor,
                    strongroom_app::NewRepair {
                        customer_id: id,
                        kind: strongroom_domain::JobKind::Repair,
                        item_description: FreeText::parse("item", "Clasp of a pearl necklace").unwrap(),
                        condition: None,
                        valuation: None,
                        estimate: None,
                        deposit: None,
                        received_on: parse_date("date", "2026-11-29").unwrap(),
                        promised_on: None,
                    },
                )
                .map(drop),
        ),
        Permission::AmlRead => allowed(t.vault.aml_records(actor, id, Some(&purpose("compliance"))).map(drop)),
        Permission::AmlWrite => allowed(t.vault.add_aml_record(actor, aml_record(id)).map(drop)),
        Permission::StaffManage => allowed(t.vault.list_staff(actor).map(drop)),
        Permission::KeysManage => allowed(t.vault.keys_status(actor).map(drop)),
        Permission::AuditRead => allowed(t.vault.audit_log(actor, &strongroom_app::AuditQuery::default()).map(drop)),
        Permission::BackupManage => {
            let to = t.dir.path().join(format!("backups-{}", actor.role));
            std::fs::create_dir_all(&to).unwrap();
            allowed(t.vault.create_backup(actor, &to, None).map(drop))
        }
        Permission::IncidentReport => allowed(t.vault.report_incident(actor, phishing_report()).map(drop)),
        Permission::IncidentRead => allowed(t.vault.incidents(actor, false).map(drop)),
        Permission::IncidentManage => {
            let reported = t.vault.report_incident(&owner(), phishing_report()).unwrap();
            allowed(t.vault.set_incident_status(actor, reported, strongroom_domain::IncidentStatus::Investigating).map(drop))
        }
        Permission::PrivacyRequests => {
            let today = time::OffsetDateTime::now_utc().date();
            let asked = strongroom_domain::NewRequest::new(
                strongroom_domain::RequestKind::Access,
                strongroom_domain::RequestChannel::Email,
                today,
                None,
                today,
            )
            .unwrap();
            allowed(t.vault.open_request(actor, id, asked).map(drop))
        }
        Permission::DeskRead => allowed(t.vault.devices(actor, time::OffsetDateTime::now_utc().date()).map(drop)),
        Permission::DeskFindings => {
            let finding = strongroom_domain::Finding {
                title: "A finding".into(),
                severity: strongroom_domain::FindingSeverity::Low,
                detail: "What was seen".into(),
                recommendation: String::new(),
                raised_by: String::new(),
                raised_on: time::OffsetDateTime::now_utc().date(),
                resolved: None,
            };
            allowed(t.vault.add_finding(actor, finding).map(drop))
        }
        Permission::SecretUse => allowed(t.vault.secrets(actor, time::OffsetDateTime::now_utc().date()).map(drop)),
        Permission::SecretManage => {
            let info = strongroom_domain::SecretInfo::parse("Wifi", "", "", "", Vec::new()).unwrap();
            let password = strongroom_domain::SecretText::parse("password", "rivier-Schelp-62-brons").unwrap();
            let new = strongroom_app::secrets::NewSecret { info, password, totp: None };
            allowed(t.vault.add_secret(actor, new, time::OffsetDateTime::now_utc().date()).map(drop))
        }
        // The gate's actors have no staff rows: past the gate, the person is not found.
        Permission::TrainingTake => match t.vault.my_training(actor, "en", time::OffsetDateTime::now_utc().date()) {
            Err(AppError::NotFound("staff member")) => true,
            other => allowed(other.map(drop)),
        },
        Permission::TrainingOverview => allowed(t.vault.training_overview(actor, "en", time::OffsetDateTime::now_utc().date()).map(drop)),
        Permission::SettingsManage | Permission::Export => return None,
    })
}

fn phishing_report() -> strongroom_domain::NewIncident {
    let summary = FreeText::parse("summary", "Clicked the link in a parcel mail").unwrap();
    strongroom_domain::NewIncident::new(strongroom_domain::IncidentKind::Phishing, summary, None, time::OffsetDateTime::now_utc()).unwrap()
}

fn aml_record(customer_id: strongroom_domain::CustomerId) -> NewAmlRecord {
    NewAmlRecord {
        customer_id,
        document_type: IdDocumentType::Passport,
        document_number: IdDocumentNumber::parse("NX12AB345").unwrap(),
        document_country: IssuingCountry::parse("NL").unwrap(),
        verified_by: ShortText::parse("verified_by", "sales-1").unwrap(),
        transaction_reference: ShortText::parse("reference", "INV-1001").unwrap(),
        transaction_date: parse_date("date", "2026-11-29").unwrap(),
        sale: None,
    }
}

#[test]
fn the_permission_matrix_holds_for_every_role_and_permission_through_the_gate() {
    let t = sqlite_vault();
    let id = t.vault.add_customer(&owner(), new_customer("Anna Jansen", None, None)).unwrap().id;
    let mut without_use_case = Vec::new();
    for role in Role::ALL {
        let actor = staff(role);
        for permission in Permission::ALL {
            match exercise(&t, &actor, permission, id) {
                Some(allowed) => assert_eq!(allowed, role.allows(permission), "{role} and {permission:?}"),
                None if role == Role::Owner => without_use_case.push(permission),
                None => {}
            }
        }
    }
    // Settings and exports get their use-cases with the settings page and GDPR exports; this
    // list shrinks then, and the matrix is checked for them too.
    assert_eq!(without_use_case, [Permission::SettingsManage, Permission::Export]);
}
