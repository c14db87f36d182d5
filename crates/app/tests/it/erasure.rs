//! Erasure with legal holds and restriction, as a customer's request completes them: what goes,
//! what the law keeps (and opens for `compliance` only), refusals that change nothing, the purge
//! finished by the next start, and retention deleting kept sales when their term ends.

use strongroom_app::{AppError, CustomerQuery, NewAmlRecord, NewCorrection, NewRepair, Vault};
use strongroom_domain::{
    CorrectionKind, CustomerId, EmailAddress, FreeText, IdDocumentNumber, IdDocumentType, IssuingCountry, JobKind, JobStatus, Language,
    Money, NewRequest, RequestChannel, RequestId, RequestKind, RequestStatus, ShortText, parse_date,
};
use time::Date;

use crate::gate::purchase;
use crate::support::*;

fn day(text: &str) -> Date {
    parse_date("date", text).unwrap()
}

/// The day the erasures are judged by: fixed, so the terms kept stay the same whenever the
/// tests run.
fn today() -> Date {
    day("2026-12-06")
}

/// The real day, for requests received (never in the future, at most a year back).
fn received() -> Date {
    time::OffsetDateTime::now_utc().date()
}

fn text(value: &str) -> FreeText {
    FreeText::parse("text", value).unwrap()
}

/// A customer with an old sale (past the Dutch seven years), a recent one with an engraving, a
/// refund and a note, a collected job, a recent identity record and one past its five years.
fn customer_with_history(vault: &Vault) -> (CustomerId, strongroom_domain::PurchaseId) {
    let id = vault.add_customer(&owner(), new_customer("Erika Visser", Some("erika@example.nl"), Some("0612345678"))).unwrap().id;
    let mut old = purchase(id, Some("Voor Erika, 2015"));
    old.purchased_on = day("2015-03-01");
    vault.add_purchase(&owner(), old).unwrap();
    let mut recent = purchase(id, Some("Erika & Jan"));
    recent.purchased_on = day("2025-06-01");
    recent.note = Some(text("Erika's sister collects"));
    let kept = vault.add_purchase(&owner(), recent).unwrap();
    let refund = NewCorrection {
        purchase_id: kept,
        kind: CorrectionKind::Refund,
        amount: Some(Money::parse("amount", "50", strongroom_domain::Currency::EUR).unwrap()),
        reason: text("stone loose"),
    };
    vault.correct_sale(&owner(), refund).unwrap();
    let job = NewRepair {
        customer_id: id,
        kind: JobKind::Repair,
        item_description: text("Erika's grandmother's brooch"),
        condition: None,
        valuation: None,
        estimate: None,
        deposit: None,
        received_on: day("2026-01-05"),
        promised_on: None,
    };
    let job = vault.add_repair(&owner(), job).unwrap().id;
    vault.set_repair_status(&owner(), job, JobStatus::Collected).unwrap();
    for (date, reference) in [("2024-01-10", "INV-2024"), ("2019-01-02", "INV-2019")] {
        let record = NewAmlRecord {
            customer_id: id,
            document_type: IdDocumentType::Passport,
            document_number: IdDocumentNumber::parse("NX12AB345").unwrap(),
            document_country: IssuingCountry::parse("NL").unwrap(),
            verified_by: ShortText::parse("verified_by", "sales-1").unwrap(),
            transaction_reference: ShortText::parse("reference", reference).unwrap(),
            transaction_date: day(date),
            sale: None,
        };
        vault.add_aml_record(&owner(), record).unwrap();
    }
    (id, kept)
}

fn request(vault: &Vault, customer: CustomerId, kind: RequestKind) -> RequestId {
    let new = NewRequest::new(kind, RequestChannel::Letter, received(), Some(text("passport seen at the counter")), received()).unwrap();
    vault.open_request(&owner(), customer, new).unwrap().id
}

#[test]
fn an_erasure_destroys_the_person_and_keeps_what_the_law_requires_on_either_backend() {
    on_every_backend(|t| {
        let (id, kept_sale) = customer_with_history(&t.vault);
        let count = || raw_store(t).begin_snapshot().unwrap().count_customers().unwrap();
        let before = count();
        let erasure = request(&t.vault, id, RequestKind::Erasure);
        let plan = t.vault.erasure_plan(&owner(), erasure, today()).unwrap();
        assert_eq!((plan.sales_deleted, plan.sales_kept, plan.jobs_deleted, plan.jobs_open), (1, 1, 1, 0), "{plan:?}");
        assert_eq!((plan.aml_kept, plan.aml_deleted), (1, 1));
        assert_eq!(plan.sales_kept_until, Some(day("2032-12-31")));
        assert_eq!(plan.aml_kept_until, Some(day("2029-01-10")));

        let (answered, erased) = t.vault.complete_erasure(&owner(), erasure, today(), Language::Nl).unwrap();
        assert_eq!(answered.status, RequestStatus::Completed);
        assert_eq!(erased.plan, plan);
        let reply = answered.reply.unwrap();
        assert!(reply.contains("2032-12-31") && reply.contains("2029-01-10") && reply.contains("Wwft"), "{reply}");
        assert_eq!(erased.limit.is_some(), t.pg_schema.is_some(), "PostgreSQL's limit is told to the person");

        // The person is gone: their record, their searches, their count.
        assert!(matches!(t.vault.show_customer(&owner(), id, &purpose("sale")), Err(AppError::Shredded)));
        let by_email = CustomerQuery::Email(EmailAddress::parse("erika@example.nl").unwrap());
        assert!(t.vault.find_customers(&owner(), &by_email, None).unwrap().is_empty());
        assert_eq!(count(), before - 1);
        assert!(matches!(t.vault.purchases(&owner(), id, Some(&purpose("sale"))), Err(AppError::Shredded)));

        // What the law keeps opens for compliance: the recent sale, detached from what said
        // something about the person, and the identity record within its five years.
        let sales = t.vault.purchases(&owner(), id, Some(&purpose("compliance"))).unwrap();
        assert_eq!(sales.len(), 1);
        assert_eq!(sales[0].id, kept_sale);
        assert_eq!((sales[0].engraving.as_ref(), sales[0].note.as_ref()), (None, None));
        assert_eq!(sales[0].items[0].description.as_str(), "Solitaire ring");
        assert_eq!(sales[0].corrections.len(), 1, "the refund stays with its sale");
        let records = t.vault.aml_records(&owner(), id, Some(&purpose("compliance"))).unwrap();
        assert_eq!(records.len(), 1);
        assert_eq!(records[0].transaction_reference.as_str(), "INV-2024");
        assert_eq!(records[0].holder_name.as_ref().map(|name| name.as_str()), Some("Erika Visser"), "it still says whom it is about");

        // Once only: a second completion, or a new erasure request, changes nothing.
        let again = t.vault.complete_erasure(&owner(), erasure, today(), Language::En);
        assert!(matches!(again, Err(AppError::Conflict(ref why)) if why.contains("closed already")), "{again:?}");
        let second = request(&t.vault, id, RequestKind::Erasure);
        let again = t.vault.complete_erasure(&owner(), second, today(), Language::En);
        assert!(matches!(again, Err(AppError::Conflict(ref why)) if why.contains("erased already")), "{again:?}");
        assert_eq!(t.vault.request(&owner(), second).unwrap().status, RequestStatus::Open);

        // The erasure register (for restores of older backups) knows the customer.
        assert!(t.vault.erasure_register(&owner()).unwrap().iter().any(|erasure| erasure.customer_id == id.as_uuid()));
    });
}

#[test]
fn an_erasure_waits_for_items_still_in_the_workshop_and_needs_the_identity_check_and_a_step_up() {
    let t = sqlite_vault();
    let id = t.vault.add_customer(&owner(), new_customer("Erika Visser", None, None)).unwrap().id;
    let job = NewRepair {
        customer_id: id,
        kind: JobKind::Repair,
        item_description: text("Ring to resize"),
        condition: None,
        valuation: None,
        estimate: None,
        deposit: None,
        received_on: received(),
        promised_on: None,
    };
    let job = t.vault.add_repair(&owner(), job).unwrap().id;
    let erasure = request(&t.vault, id, RequestKind::Erasure);
    let refused = t.vault.complete_erasure(&owner(), erasure, today(), Language::En);
    assert!(matches!(refused, Err(AppError::Conflict(ref why)) if why.contains("hand them back")), "{refused:?}");
    assert!(t.vault.show_customer(&owner(), id, &purpose("sale")).is_ok(), "nothing was changed");

    let unsure = NewRequest::new(RequestKind::Erasure, RequestChannel::Email, received(), None, received()).unwrap();
    let unsure = t.vault.open_request(&owner(), id, unsure).unwrap().id;
    t.vault.set_repair_status(&owner(), job, JobStatus::Collected).unwrap();
    assert!(matches!(t.vault.complete_erasure(&owner(), unsure, today(), Language::En), Err(AppError::Invalid(_))));
    let officer = staff(strongroom_domain::Role::PrivacyOfficer);
    let not_stepped_up = strongroom_domain::Actor { stepped_up: false, ..officer };
    assert!(matches!(t.vault.complete_erasure(&not_stepped_up, erasure, today(), Language::En), Err(AppError::StepUpRequired)));
    assert!(t.vault.show_customer(&owner(), id, &purpose("sale")).is_ok(), "still nothing changed");
    let access = request(&t.vault, id, RequestKind::Access);
    assert!(matches!(t.vault.complete_erasure(&owner(), access, today(), Language::En), Err(AppError::Conflict(_))));
}

#[test]
fn a_restricted_record_opens_only_for_a_legal_claim_and_cannot_be_erased_until_lifted() {
    on_every_backend(|t| {
        let id = t.vault.add_customer(&owner(), new_customer("Erika Visser", Some("erika@example.nl"), None)).unwrap().id;
        let restriction = request(&t.vault, id, RequestKind::Restriction);
        let done = t.vault.complete_restriction(&owner(), restriction, text("restricted as asked")).unwrap();
        assert_eq!(done.status, RequestStatus::Completed);
        assert!(matches!(t.vault.show_customer(&owner(), id, &purpose("sale")), Err(AppError::Restricted)));
        let refused = events(&t.vault).into_iter().rev().find(|(_, e)| e.action == "customer.read").unwrap().1;
        assert_eq!(refused.outcome, "denied", "{refused:?}");
        assert!(t.vault.show_customer(&owner(), id, &purpose("legal_claim")).is_ok());
        let by_email = CustomerQuery::Email(EmailAddress::parse("erika@example.nl").unwrap());
        assert!(t.vault.find_customers(&owner(), &by_email, None).unwrap().is_empty(), "a search does not show it");
        assert!(matches!(t.vault.add_purchase(&owner(), purchase(id, None)), Err(AppError::Restricted)));
        assert!(t.vault.purchases(&owner(), id, Some(&purpose("legal_claim"))).is_ok());
        assert!(matches!(t.vault.aml_records(&owner(), id, Some(&purpose("sale"))), Err(AppError::Restricted)));
        assert!(t.vault.aml_records(&owner(), id, Some(&purpose("compliance"))).is_ok());

        let erasure = request(&t.vault, id, RequestKind::Erasure);
        let blocked = t.vault.complete_erasure(&owner(), erasure, today(), Language::En);
        assert!(matches!(blocked, Err(AppError::Conflict(ref why)) if why.contains("restricted")), "{blocked:?}");
        let twice = request(&t.vault, id, RequestKind::Restriction);
        assert!(matches!(t.vault.complete_restriction(&owner(), twice, text("again")), Err(AppError::Conflict(_))));

        let lifted = t.vault.lift_restriction(&owner(), restriction, text("court case settled; told the person on 2026-12-01")).unwrap();
        assert_eq!(lifted.lifted.as_deref(), Some("court case settled; told the person on 2026-12-01"));
        assert_eq!(lifted.closed_at, done.closed_at, "the day it was carried out stays");
        assert!(t.vault.show_customer(&owner(), id, &purpose("sale")).is_ok());
        assert!(matches!(t.vault.lift_restriction(&owner(), restriction, text("again")), Err(AppError::Conflict(_))));
        assert!(
            events(&t.vault).iter().all(|(_, event)| !event.detail.as_deref().unwrap_or_default().contains("court case")),
            "the reason stays with the request, sealed, out of the trail"
        );
        t.vault.complete_erasure(&owner(), erasure, today(), Language::En).unwrap();
    });
}

#[test]
fn retention_deletes_a_kept_sale_when_its_tax_term_ends() {
    on_every_backend(|t| {
        let (id, kept_sale) = customer_with_history(&t.vault);
        let erasure = request(&t.vault, id, RequestKind::Erasure);
        t.vault.complete_erasure(&owner(), erasure, today(), Language::En).unwrap();
        let last_day = t.vault.run_retention(&owner(), day("2032-12-31"), false).unwrap();
        assert!(last_day.sales_deleted.is_empty(), "kept through its last day");
        let run = t.vault.run_retention(&owner(), day("2033-01-01"), false).unwrap();
        assert_eq!(run.sales_deleted.iter().map(|sale| sale.id).collect::<Vec<_>>(), vec![kept_sale]);
        assert!(t.vault.purchases(&owner(), id, Some(&purpose("compliance"))).unwrap().is_empty());
        assert!(actions(&t.vault).iter().any(|(action, _)| action == "sale.delete"));
    });
}

#[test]
fn the_record_of_processing_is_generated_and_the_shops_part_is_kept_whole_or_not_at_all() {
    let t = sqlite_vault();
    let ropa = t.vault.ropa(&owner()).unwrap();
    assert_eq!(ropa.format, "strongroom-ropa/1");
    let email = ropa.data_map.iter().find(|field| field.category == "user.contact.email").unwrap();
    assert!(email.roles.contains(&"sales") && !email.roles.contains(&"workshop"), "{email:?}");
    assert!(ropa.data_map.iter().any(|field| field.special), "health data is marked");
    assert!(ropa.purposes.iter().any(|(label, _)| label == "legal_claim"));
    assert_eq!(ropa.law.as_ref().unwrap().tax_years, 7);
    assert!(ropa.policy.second_factor_required, "the measures come from the settings in force");

    let part = strongroom_app::ShopPart {
        contact: "Daan Visser, privacy@juwelier.example".into(),
        places: vec![strongroom_app::Place { name: "Till".into(), holds: "names and amounts".into(), protection: "own password".into() }],
        processors: vec![strongroom_app::Processor {
            name: "Mollie".into(),
            service: "card payments".into(),
            location: "Netherlands".into(),
            contract: "signed 2025-03-01".into(),
        }],
        version: "2026-1".into(),
        reviewed_on: "2026-11-30".into(),
    };
    t.vault.set_ropa_shop_part(&staff(strongroom_domain::Role::PrivacyOfficer), part.clone()).unwrap();
    assert_eq!(t.vault.ropa(&staff(strongroom_domain::Role::ExternalAuditor)).unwrap().shop, part);
    let bad =
        strongroom_app::ShopPart { places: vec![strongroom_app::Place { name: " ".into(), ..part.places[0].clone() }], ..part.clone() };
    assert!(matches!(t.vault.set_ropa_shop_part(&owner(), bad), Err(AppError::Invalid(_))));
    let bad_day = strongroom_app::ShopPart { reviewed_on: "30-11-2026".into(), ..part.clone() };
    assert!(matches!(t.vault.set_ropa_shop_part(&owner(), bad_day), Err(AppError::Invalid(_))));
    let card = strongroom_app::ShopPart { contact: "card 4111 1111 1111 1111".into(), ..part.clone() };
    assert!(t.vault.set_ropa_shop_part(&owner(), card).is_err());
    assert_eq!(t.vault.ropa(&owner()).unwrap().shop, part, "a refused part changes nothing");
    let manager = staff(strongroom_domain::Role::Manager);
    assert!(matches!(t.vault.ropa(&manager), Err(AppError::Denied { .. })));
    assert!(matches!(t.vault.set_ropa_shop_part(&manager, part), Err(AppError::Denied { .. })));
    assert!(actions(&t.vault).iter().any(|(action, outcome)| action == "ropa.update" && outcome == "allowed"));
}

fn consent(vault: &Vault, id: CustomerId, channel: strongroom_domain::ConsentChannel, granted: bool) {
    let answer = strongroom_domain::MarketingConsent {
        channel,
        granted,
        wording_version: ShortText::parse("version", "2026-01").unwrap(),
        recorded_at: time::OffsetDateTime::now_utc(),
    };
    let patch = strongroom_domain::CustomerPatch { consent: vec![answer], ..strongroom_domain::CustomerPatch::default() };
    vault.edit_customer(&owner(), id, patch).unwrap();
}

#[test]
fn the_marketing_list_holds_only_those_who_consent_now_on_that_channel() {
    on_every_backend(|t| {
        use strongroom_domain::ConsentChannel::{Email, Post};
        let yes = t.vault.add_customer(&owner(), new_customer("Anna Jansen", Some("anna@example.nl"), None)).unwrap().id;
        let withdrew = t.vault.add_customer(&owner(), new_customer("Bram de Wit", Some("bram@example.nl"), None)).unwrap().id;
        let no_email = t.vault.add_customer(&owner(), new_customer("Carla Smit", None, None)).unwrap().id;
        let restricted = t.vault.add_customer(&owner(), new_customer("Dirk Bos", Some("dirk@example.nl"), None)).unwrap().id;
        for id in [yes, withdrew, no_email, restricted] {
            consent(&t.vault, id, Email, true);
        }
        consent(&t.vault, withdrew, Email, false);
        let restriction = request(&t.vault, restricted, RequestKind::Restriction);
        t.vault.complete_restriction(&owner(), restriction, text("restricted")).unwrap();

        let list = t.vault.marketing_list(&owner(), Email).unwrap();
        assert_eq!(list.iter().map(|contact| contact.customer).collect::<Vec<_>>(), vec![yes], "{list:?}");
        assert_eq!((list[0].contact.as_str(), list[0].wording_version.as_str()), ("anna@example.nl", "2026-01"));
        assert!(t.vault.marketing_list(&owner(), Post).unwrap().is_empty(), "no one said yes to post");
        let csv = String::from_utf8(strongroom_app::marketing_csv(&list).unwrap()).unwrap();
        assert!(
            csv.starts_with("customer,name,contact,consented_at,wording_version\n") && csv.contains("Anna Jansen,anna@example.nl"),
            "{csv}"
        );

        // A phone number goes out as it is (no apostrophe before its +); an objection takes the
        // person off whatever the flag says.
        let texts = t.vault.add_customer(&owner(), new_customer("Eva Kok", None, Some("0612345678"))).unwrap().id;
        consent(&t.vault, texts, strongroom_domain::ConsentChannel::Sms, true);
        let sms =
            strongroom_app::marketing_csv(&t.vault.marketing_list(&owner(), strongroom_domain::ConsentChannel::Sms).unwrap()).unwrap();
        assert!(String::from_utf8(sms).unwrap().contains(",+31612345678,"), "the number as stored");
        request(&t.vault, texts, RequestKind::Objection);
        assert!(t.vault.marketing_list(&owner(), strongroom_domain::ConsentChannel::Sms).unwrap().is_empty(), "an objection is enough");
        let not_stepped_up = strongroom_domain::Actor { stepped_up: false, ..staff(strongroom_domain::Role::PrivacyOfficer) };
        assert!(matches!(t.vault.marketing_list(&not_stepped_up, Email), Err(AppError::StepUpRequired)));

        // Withdrawing takes them off the next list at once; each listing is recorded.
        consent(&t.vault, yes, Email, false);
        assert!(t.vault.marketing_list(&owner(), Email).unwrap().is_empty());
        let listed: Vec<_> = events(&t.vault).into_iter().filter(|(_, e)| e.action == "marketing.export").collect();
        assert!(listed.iter().any(|(_, e)| e.target_id == Some(*yes.as_uuid().as_bytes()) && e.purpose.as_deref() == Some("marketing")));
        let manager = staff(strongroom_domain::Role::Manager);
        assert!(matches!(t.vault.marketing_list(&manager, Email), Err(AppError::Denied { .. })));
    });
}

#[test]
fn customers_with_nothing_for_years_are_listed_for_review_and_kept_with_a_reason_or_erased() {
    on_every_backend(|t| {
        let later = received() + time::Duration::days(8 * 366);
        let idle = t.vault.add_customer(&owner(), new_customer("Anna Jansen", None, None)).unwrap().id;
        let active = t.vault.add_customer(&owner(), new_customer("Bram de Wit", None, None)).unwrap().id;
        let mut sale = purchase(active, None);
        sale.purchased_on = later - time::Duration::days(365);
        t.vault.add_purchase(&owner(), sale).unwrap();
        let leaving = t.vault.add_customer(&owner(), new_customer("Carla Smit", None, None)).unwrap().id;
        let listed =
            |day: Date| t.vault.review_list(&owner(), day).unwrap().into_iter().map(|inactive| inactive.customer).collect::<Vec<_>>();
        assert_eq!(listed(received()), Vec::<CustomerId>::new(), "nobody is idle today");
        let due = listed(later);
        assert!(due.contains(&idle) && due.contains(&leaving) && !due.contains(&active), "{due:?}");
        assert_eq!(t.vault.review_due(&owner(), later).unwrap(), due.len(), "counted for the officer");
        let refused = t.vault.erase_inactive(&owner(), active, later);
        assert!(matches!(refused, Err(AppError::Conflict(ref why)) if why.contains("not on the review list")), "{refused:?}");
        assert!(t.vault.show_customer(&owner(), active, &purpose("sale")).is_ok(), "an active customer is never erased from here");

        let until = t.vault.keep_customer(&owner(), idle, text("Buys a watch battery every few years"), later).unwrap();
        assert!(!listed(later).contains(&idle), "kept for now");
        assert!(listed(until + time::Duration::days(1)).contains(&idle), "back after a year");
        assert!(events(&t.vault).iter().all(|(_, event)| !event.detail.as_deref().unwrap_or_default().contains("watch battery")));

        let plan = t.vault.erase_inactive(&owner(), leaving, later).unwrap();
        assert_eq!(plan.customer, leaving);
        assert!(matches!(t.vault.show_customer(&owner(), leaving, &purpose("sale")), Err(AppError::Shredded)));
        assert!(!listed(later).contains(&leaving));
        let erased = events(&t.vault).into_iter().rev().find(|(_, e)| e.action == "data_key.destroy" && e.outcome == "allowed").unwrap().1;
        assert!(erased.detail.unwrap().contains("after a review"), "the trail says why");
        assert!(matches!(t.vault.erase_inactive(&owner(), leaving, later), Err(AppError::Conflict(_))));
        let manager = staff(strongroom_domain::Role::Manager);
        assert!(matches!(t.vault.review_list(&manager, later), Err(AppError::Denied { .. })));
    });
}

#[test]
fn the_privacy_notice_is_drafted_in_both_languages_and_saved_with_its_version_and_review() {
    let t = sqlite_vault();
    let draft = t.vault.privacy_notice(&owner(), Language::Nl).unwrap();
    assert!(draft.draft && draft.text.contains("Uw rechten") && draft.text.contains("Autoriteit Persoonsgegevens"), "{}", draft.text);
    assert!(draft.text.contains("Verkoopgegevens bewaren we 7 jaar voor de belasting"), "the tax term from the settings: {}", draft.text);
    let english = t.vault.privacy_notice(&owner(), Language::En).unwrap();
    assert!(english.text.contains("Your rights") && !english.text.contains("Uw rechten"));

    let text = FreeText::parse("text", "Our notice, as our adviser wrote it.").unwrap();
    let version = ShortText::parse("version", "2026-1").unwrap();
    let future = received() + time::Duration::days(2);
    let refused = t.vault.save_privacy_notice(&owner(), Language::Nl, text.clone(), version.clone(), Some(future), received());
    assert!(matches!(refused, Err(AppError::Invalid(_))), "a review in the future");
    t.vault.save_privacy_notice(&owner(), Language::Nl, text, version, Some(received()), received()).unwrap();
    let saved = t.vault.privacy_notice(&staff(strongroom_domain::Role::ExternalAuditor), Language::Nl).unwrap();
    assert_eq!((saved.draft, saved.version.as_str(), saved.text.as_str()), (false, "2026-1", "Our notice, as our adviser wrote it."));
    assert_eq!(saved.reviewed_on, Some(received().to_string()));
    assert!(t.vault.privacy_notice(&owner(), Language::En).unwrap().draft, "each language on its own");
    assert!(t.vault.privacy_notice_draft(&owner(), Language::Nl).unwrap().draft, "the draft is still there to start again from");
    let auditor = staff(strongroom_domain::Role::ExternalAuditor);
    let text = FreeText::parse("text", "x").unwrap();
    let version = ShortText::parse("version", "2").unwrap();
    assert!(matches!(t.vault.save_privacy_notice(&auditor, Language::En, text, version, None, received()), Err(AppError::Denied { .. })));
}
