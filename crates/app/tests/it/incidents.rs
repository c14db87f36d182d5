//! The incident register through the gate, on both backends: anyone reports, the owner and the
//! privacy officer work it, the auditor reads it, and every step is in the trail.

use strongroom_app::AppError;
use strongroom_domain::{
    BreachOutcome, BreachRecord, BreachType, FreeText, IncidentKind, IncidentStatus, NewIncident, Role, Severity, SeverityBand,
};
use time::OffsetDateTime;

use crate::support::*;

fn report(kind: IncidentKind, summary: &str, hours_ago: Option<i64>) -> NewIncident {
    let now = OffsetDateTime::now_utc();
    let occurred_at = hours_ago.map(|hours| now - time::Duration::hours(hours));
    NewIncident::new(kind, FreeText::parse("summary", summary).unwrap(), occurred_at, now).unwrap()
}

#[test]
fn a_sales_person_reports_and_the_owner_works_it_with_every_step_in_the_trail() {
    on_every_backend(|t| {
        let sales = staff(Role::Sales);
        let id = t.vault.report_incident(&sales, report(IncidentKind::Phishing, "Clicked the link in a parcel mail", Some(2))).unwrap();
        // The reporter cannot read the register: it may hold others' reports.
        assert!(matches!(t.vault.incidents(&sales, false), Err(AppError::Denied { .. })));
        assert_eq!(t.vault.new_incident_count(&sales).unwrap(), None, "not theirs to work");
        assert_eq!(t.vault.new_incident_count(&owner()).unwrap(), Some(1));

        let listed = t.vault.incidents(&owner(), true).unwrap();
        assert_eq!(listed.len(), 1);
        let incident = &listed[0];
        assert_eq!((incident.id, incident.kind, incident.status), (id, IncidentKind::Phishing, IncidentStatus::New));
        assert_eq!(incident.summary.as_str(), "Clicked the link in a parcel mail");
        assert_eq!(incident.reported_by, sales.name);
        let occurred = incident.occurred_at.unwrap();
        assert!(occurred < incident.reported_at - time::Duration::minutes(110), "{occurred} {}", incident.reported_at);

        let moved = t.vault.set_incident_status(&owner(), id, IncidentStatus::Investigating).unwrap();
        assert_eq!(moved.status, IncidentStatus::Investigating);
        assert_eq!(t.vault.new_incident_count(&owner()).unwrap(), Some(0), "taken up");
        let severity = Severity::new(2.0, 1.0, 0.5, 0.0, 0.0, true).unwrap();
        let assessed = t.vault.assess_incident(&owner(), id, severity).unwrap();
        assert_eq!(assessed.severity.unwrap().band(), SeverityBand::High);

        let strongroom_app::IncidentFile { incident: opened, timeline, .. } = t.vault.incident(&owner(), id).unwrap();
        assert_eq!(opened.severity, Some(severity), "kept");
        assert_eq!(opened.status, IncidentStatus::Investigating);
        let steps: Vec<(&str, Option<&str>)> = timeline.iter().map(|entry| (entry.action.as_str(), entry.detail.as_deref())).collect();
        assert_eq!(
            steps,
            [
                ("incident.report", Some("phishing")),
                ("incident.update", Some("status new to investigating")),
                ("incident.assess", Some("score 3.00, high")),
            ],
            "what changed the incident, not who looked at it"
        );
        assert_eq!(timeline[0].actor, sales.name);

        // Closing takes it off the open list, not out of the register.
        t.vault.set_incident_status(&owner(), id, IncidentStatus::Closed).unwrap();
        assert!(t.vault.incidents(&owner(), true).unwrap().is_empty());
        assert_eq!(t.vault.incidents(&owner(), false).unwrap().len(), 1);
    });
}

#[test]
fn the_auditor_reads_the_register_and_changes_nothing_and_a_manager_sees_none_of_it() {
    on_every_backend(|t| {
        let id = t.vault.report_incident(&staff(Role::Workshop), report(IncidentKind::LostDevice, "Workshop tablet gone", None)).unwrap();
        let auditor = staff(Role::ExternalAuditor);
        assert_eq!(t.vault.incidents(&auditor, false).unwrap().len(), 1);
        // The auditor signs in with one factor and never sees a customer: the reporter's words,
        // which may name one, are withheld from them.
        let seen = t.vault.incident(&auditor, id).unwrap().incident;
        assert_eq!(seen.summary.as_str(), strongroom_app::WITHHELD);
        assert_eq!(t.vault.incidents(&auditor, false).unwrap()[0].summary.as_str(), strongroom_app::WITHHELD);
        assert_eq!(t.vault.incident(&owner(), id).unwrap().incident.summary.as_str(), "Workshop tablet gone");
        assert!(matches!(t.vault.set_incident_status(&auditor, id, IncidentStatus::Closed), Err(AppError::Denied { .. })));
        let severity = Severity::new(1.0, 1.0, 0.0, 0.0, 0.0, false).unwrap();
        assert!(matches!(t.vault.assess_incident(&auditor, id, severity), Err(AppError::Denied { .. })));
        let manager = staff(Role::Manager);
        assert!(matches!(t.vault.incidents(&manager, false), Err(AppError::Denied { .. })));
        assert!(t.vault.report_incident(&manager, report(IncidentKind::Other, "The alarm code is on a sticky note", None)).is_ok());
        let incident = t.vault.incident(&owner(), id).unwrap().incident;
        assert_eq!(incident.status, IncidentStatus::New, "nothing the auditor tried changed it");
    });
}

#[test]
fn an_unknown_incident_is_not_found_and_the_miss_is_recorded() {
    on_every_backend(|t| {
        let missing = strongroom_domain::IncidentId::from_uuid(uuid::Uuid::now_v7());
        assert!(matches!(t.vault.incident(&owner(), missing), Err(AppError::NotFound("incident"))));
        assert!(matches!(t.vault.set_incident_status(&owner(), missing, IncidentStatus::Closed), Err(AppError::NotFound("incident"))));
        let failed = events(&t.vault).into_iter().filter(|(_, event)| event.action.starts_with("incident.") && event.outcome == "failed");
        assert_eq!(failed.count(), 2);
    });
}

fn breach(aware_hours_ago: i64) -> BreachRecord {
    BreachRecord {
        types: vec![BreachType::Confidentiality],
        data_categories: Some(FreeText::parse("data categories", "names, addresses, purchase history").unwrap()),
        people: Some(1400),
        records: Some(1400),
        data_encrypted: Some(false),
        ..BreachRecord::aware_at(OffsetDateTime::now_utc() - time::Duration::hours(aware_hours_ago))
    }
}

#[test]
fn a_breach_starts_its_72_hour_clock_and_a_late_notification_needs_its_reason() {
    on_every_backend(|t| {
        let id =
            t.vault.report_incident(&staff(Role::Sales), report(IncidentKind::LostDevice, "Laptop stolen from the car", None)).unwrap();
        let unrelated = t.vault.report_incident(&owner(), report(IncidentKind::Other, "A strange call", None)).unwrap();
        assert!(t.vault.breach_clocks(&owner()).unwrap().is_empty());
        let recorded = t.vault.record_breach(&owner(), id, breach(80)).unwrap();
        assert_eq!(recorded.outcome(), BreachOutcome::RecordedOnly);
        let clocks = t.vault.breach_clocks(&owner()).unwrap();
        assert_eq!(clocks.len(), 1, "only the breach has a clock, not {unrelated}");
        let record = recorded.breach.clone().unwrap();
        assert_eq!(clocks[0].id, id);
        // Stored to the microsecond: the clock is the record's.
        assert!((clocks[0].deadline - record.deadline()).abs() < time::Duration::milliseconds(1));
        assert!(t.vault.breach_clocks(&staff(Role::Sales)).unwrap().is_empty(), "not theirs to watch");

        // Told the authority 80 hours after becoming aware: late, so the reason is required.
        let mut notified = record.clone();
        notified.notified_at = Some(OffsetDateTime::now_utc());
        let refused = t.vault.record_breach(&owner(), id, notified.clone()).unwrap_err().to_string();
        assert!(refused.contains("delay reason"), "{refused}");
        let unchanged = t.vault.incident(&owner(), id).unwrap().incident;
        assert_eq!(unchanged.outcome(), BreachOutcome::RecordedOnly, "a refused record changes nothing");
        notified.delay_reason = Some(FreeText::parse("delay reason", "The theft was only found out when the owner came back").unwrap());
        notified.authority_reference = Some(strongroom_domain::ShortText::parse("authority reference", "AP-2026-1234").unwrap());
        let done = t.vault.record_breach(&owner(), id, notified).unwrap();
        assert_eq!(done.outcome(), BreachOutcome::Notified);
        assert!(t.vault.breach_clocks(&owner()).unwrap().is_empty(), "the clock stops once the authority is told");

        let strongroom_app::IncidentFile { incident: opened, timeline, .. } = t.vault.incident(&owner(), id).unwrap();
        let kept = opened.breach.unwrap();
        assert_eq!(kept.people, Some(1400));
        assert_eq!(kept.authority_reference.unwrap().as_str(), "AP-2026-1234");
        assert_eq!(kept.data_categories.unwrap().as_str(), "names, addresses, purchase history");
        let breach_steps: Vec<&str> =
            timeline.iter().filter(|entry| entry.action == "incident.breach").filter_map(|entry| entry.detail.as_deref()).collect();
        assert_eq!(breach_steps.len(), 2, "{timeline:?}");
        assert!(breach_steps[1].contains("deadline") && breach_steps[1].contains("notified"), "{breach_steps:?}");
        assert!(!breach_steps.iter().any(|step| step.contains("1400") || step.contains("addresses")), "nothing of the record's contents");
        assert!(matches!(t.vault.record_breach(&staff(Role::ExternalAuditor), id, breach(1)), Err(AppError::Denied { .. })));
        let auditor_view = t.vault.incident(&staff(Role::ExternalAuditor), id).unwrap().incident.breach.unwrap();
        assert_eq!((auditor_view.people, auditor_view.data_categories), (Some(1400), None), "counts yes, free text no");
        let huge = BreachRecord { people: Some(4_111_111_111_111_111), ..breach(1) };
        assert!(t.vault.record_breach(&owner(), id, huge).unwrap_err().to_string().contains("more than a billion"));
    });
}

#[test]
fn the_reach_of_a_compromised_account_comes_from_the_trail_as_ids_and_counts() {
    on_every_backend(|t| {
        let phished = strongroom_domain::Actor::staff("sam", Role::Sales, true);
        let anna = t.vault.add_customer(&owner(), new_customer("Anna Jansen", Some("anna@example.com"), Some("0612345678"))).unwrap().id;
        let bea = t.vault.add_customer(&owner(), new_customer("Bea Bakker", None, None)).unwrap().id;
        t.vault.add_customer(&owner(), new_customer("Cor Claes", None, None)).unwrap();
        let since = OffsetDateTime::now_utc() - time::Duration::minutes(1);
        t.vault.show_customer(&phished, anna, &purpose("sale")).unwrap();
        t.vault.show_customer(&phished, bea, &purpose("sale")).unwrap();
        // Someone else's reads are not the phished account's.
        t.vault.show_customer(&staff(Role::Manager), bea, &purpose("sale")).unwrap();
        let until = OffsetDateTime::now_utc() + time::Duration::minutes(1);
        let id =
            t.vault.report_incident(&phished, report(IncidentKind::Phishing, "Typed my password into a fake login page", None)).unwrap();

        let impact = t.vault.incident_impact(&owner(), id, "sam", since, until).unwrap();
        assert_eq!((impact.customers, impact.records_opened), (2, 2));
        let mut ids = impact.customer_ids.clone();
        ids.sort();
        let mut expected = vec![anna, bea];
        expected.sort();
        assert_eq!(ids, expected);
        let count = |category: &str| impact.categories.iter().find(|(name, _)| name == category).map(|(_, n)| *n);
        assert_eq!(count("user.name"), Some(2));
        assert_eq!(count("user.contact.email"), Some(1), "only Anna has an email: {:?}", impact.categories);

        // Kept with the incident as evidence, and read back the same; the auditor sees it too.
        let file = t.vault.incident(&staff(Role::ExternalAuditor), id).unwrap();
        assert_eq!(file.impacts.len(), 1);
        assert_eq!(file.impacts[0].customer_ids.len(), 2);
        assert_eq!(file.impacts[0].categories, impact.categories);
        assert!(
            file.timeline
                .iter()
                .any(|entry| entry.action == "incident.impact" && entry.detail.as_deref() == Some("sam: 2 customers, 2 records opened"))
        );

        let card = t.vault.incident_impact(&owner(), id, "4111 1111 1111 1111", since, until).unwrap_err();
        assert!(matches!(card, AppError::Invalid(strongroom_domain::DomainError::CardNumber { .. })), "{card}");
        let nobody = t.vault.incident_impact(&owner(), id, "nobody", since, until).unwrap();
        assert_eq!(nobody.customers, 0);
        assert!(t.vault.incident_impact(&owner(), id, "sam", until, since).is_err(), "a window that ends before it starts");
        assert!(matches!(t.vault.incident_impact(&staff(Role::ExternalAuditor), id, "sam", since, until), Err(AppError::Denied { .. })));
        assert_eq!(t.vault.incident(&owner(), id).unwrap().impacts.len(), 2, "the refused ones added nothing");
    });
}

#[test]
fn the_playbook_becomes_tasks_with_due_times_done_once_by_someone() {
    on_every_backend(|t| {
        let id =
            t.vault.report_incident(&staff(Role::Sales), report(IncidentKind::Ransomware, "Ransom note on the till PC", None)).unwrap();
        let before = OffsetDateTime::now_utc();
        let tasks = t.vault.start_playbook(&owner(), id).unwrap();
        let steps: Vec<&str> = tasks.iter().map(|task| task.step.key()).collect();
        assert_eq!(steps.first(), Some(&"isolate-device"));
        assert_eq!(steps.last(), Some(&"assess-breach"));
        assert!(tasks[0].due_at > before && tasks[0].due_at <= before + time::Duration::hours(1) + time::Duration::minutes(1));
        let again = t.vault.start_playbook(&owner(), id).unwrap_err();
        assert!(matches!(again, AppError::Conflict(_)), "{again}");
        assert!(matches!(t.vault.start_playbook(&staff(Role::ExternalAuditor), id), Err(AppError::Denied { .. })));

        t.vault.complete_task(&staff(Role::PrivacyOfficer), id, 0).unwrap();
        assert!(matches!(t.vault.complete_task(&owner(), id, 0), Err(AppError::Conflict(_))), "done once");
        assert!(matches!(t.vault.complete_task(&owner(), id, 99), Err(AppError::NotFound("task"))));
        let file = t.vault.incident(&owner(), id).unwrap();
        assert_eq!(file.tasks.len(), tasks.len());
        assert_eq!(file.tasks[0].done_by.as_deref(), Some(staff(Role::PrivacyOfficer).name.as_str()));
        assert!(file.tasks[0].done_at.is_some() && file.tasks[1].done_at.is_none());
        assert!(
            !file.tasks[1].overdue(OffsetDateTime::now_utc()) && file.tasks[1].overdue(OffsetDateTime::now_utc() + time::Duration::days(3))
        );
        let details: Vec<&str> =
            file.timeline.iter().filter(|entry| entry.action == "incident.task").filter_map(|entry| entry.detail.as_deref()).collect();
        assert_eq!(details, ["playbook ransomware (built-in): 6 steps", "done: isolate-device"]);
    });
}

#[test]
fn a_drill_is_started_by_those_who_work_incidents_and_never_counts_as_a_breach() {
    on_every_backend(|t| {
        assert_eq!(t.vault.last_incident_drill(&owner()).unwrap(), Some(None), "none yet: the yearly drill is due");
        assert_eq!(t.vault.last_incident_drill(&staff(Role::Sales)).unwrap(), None);
        let made_up = || report(IncidentKind::Ransomware, "Drill: ransom note on the till PC", None).as_drill();
        assert!(matches!(t.vault.report_incident(&staff(Role::Sales), made_up()), Err(AppError::Denied { .. })));
        let id = t.vault.report_incident(&staff(Role::PrivacyOfficer), made_up()).unwrap();
        assert!(t.vault.last_incident_drill(&owner()).unwrap().unwrap().is_some());
        assert_eq!(t.vault.new_incident_count(&owner()).unwrap(), Some(0), "a drill is no report to take up");
        t.vault.record_breach(&owner(), id, breach(1)).unwrap();
        assert!(t.vault.breach_clocks(&owner()).unwrap().is_empty(), "a drill's breach starts no real clock");
        let file = t.vault.incident(&owner(), id).unwrap();
        assert!(file.incident.drill);
        assert_eq!(file.timeline[0].detail.as_deref(), Some("ransomware (drill)"));
    });
}

#[test]
fn a_card_number_in_a_report_is_refused_before_anything_is_stored() {
    let error = FreeText::parse("summary", "Customer read out 4111 1111 1111 1111 on the phone").unwrap_err();
    assert!(matches!(error, strongroom_domain::DomainError::CardNumber { .. }), "{error}");
}

#[test]
fn an_own_step_added_first_leaves_the_playbook_to_start_and_its_words_are_withheld_from_the_auditor() {
    on_every_backend(|t| {
        let id = t.vault.report_incident(&staff(Role::Sales), report(IncidentKind::Insider, "Lookups without a customer", None)).unwrap();
        let words = strongroom_domain::ShortText::parse("step", "Call Jansen IT on 020 555 0199").unwrap();
        let own = t.vault.add_task(&owner(), id, &words, 2).unwrap();
        assert_eq!(own.seq, 0);
        let started = t.vault.start_playbook(&owner(), id).unwrap();
        assert_eq!(started.first().map(|task| task.seq), Some(1), "numbered after the own step");
        assert_eq!(started.first().map(|task| task.step.key()), Some("disable-account"));
        let mine = t.vault.incident(&owner(), id).unwrap();
        assert_eq!(mine.tasks[0].step, strongroom_app::TaskStep::Own(words.clone()));
        let auditors = t.vault.incident(&staff(Role::ExternalAuditor), id).unwrap();
        assert_eq!(auditors.tasks.len(), mine.tasks.len(), "the auditor sees that there was such a step");
        assert!(
            matches!(&auditors.tasks[0].step, strongroom_app::TaskStep::Own(text) if !text.as_str().contains("Jansen")),
            "never its words: {:?}",
            auditors.tasks[0].step
        );
    });
}
