//! The incident register through the gate, on both backends: anyone reports, the owner and the
//! privacy officer work it, the auditor reads it, and every step is in the trail.

use strongroom_app::AppError;
use strongroom_domain::{FreeText, IncidentKind, IncidentStatus, NewIncident, Role, Severity, SeverityBand};
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

        let (opened, timeline) = t.vault.incident(&owner(), id).unwrap();
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
        assert!(t.vault.incident(&auditor, id).is_ok());
        assert!(matches!(t.vault.set_incident_status(&auditor, id, IncidentStatus::Closed), Err(AppError::Denied { .. })));
        let severity = Severity::new(1.0, 1.0, 0.0, 0.0, 0.0, false).unwrap();
        assert!(matches!(t.vault.assess_incident(&auditor, id, severity), Err(AppError::Denied { .. })));
        let manager = staff(Role::Manager);
        assert!(matches!(t.vault.incidents(&manager, false), Err(AppError::Denied { .. })));
        assert!(t.vault.report_incident(&manager, report(IncidentKind::Other, "The alarm code is on a sticky note", None)).is_ok());
        let (incident, _) = t.vault.incident(&owner(), id).unwrap();
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

#[test]
fn a_card_number_in_a_report_is_refused_before_anything_is_stored() {
    let error = FreeText::parse("summary", "Customer read out 4111 1111 1111 1111 on the phone").unwrap_err();
    assert!(matches!(error, strongroom_domain::DomainError::CardNumber { .. }), "{error}");
}
