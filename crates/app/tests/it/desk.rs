//! The owner's security desk: the host doctor's daily run records what changed.

use strongroom_app::AppError;
use strongroom_app::desk::HostFacts;

use crate::support::*;

#[test]
fn the_daily_doctor_records_a_check_that_changed_and_only_the_owner_runs_it() {
    let t = sqlite_vault();
    let open = HostFacts { data_dir_mode: Some(0o755), ..HostFacts::default() };
    assert!(t.vault.doctor_daily(&open).unwrap().is_empty(), "nothing to compare with on the first run");
    assert!(t.vault.doctor_daily(&open).unwrap().is_empty(), "nothing changed");
    let closed = HostFacts { data_dir_mode: Some(0o700), ..open };
    assert_eq!(t.vault.doctor_daily(&closed).unwrap(), vec!["data_dir_permissions: problem → ok".to_owned()]);
    let changed: Vec<_> = events(&t.vault).into_iter().filter(|(_, event)| event.action == "doctor.change").collect();
    assert_eq!(changed.len(), 1);
    let checks = t.vault.doctor(&owner(), &closed).unwrap();
    assert!(checks.len() >= 15 && checks.iter().any(|check| check.id == "second_factor"), "{checks:?}");
    let verify = |checks: &[strongroom_app::desk::Check]| checks.iter().find(|check| check.id == "audit_verify").unwrap().status;
    assert_eq!(verify(&checks), strongroom_app::desk::Status::Attention, "never verified");
    assert!(t.vault.verify_audit_log(&owner(), None).unwrap().is_ok());
    assert_eq!(verify(&t.vault.doctor(&owner(), &closed).unwrap()), strongroom_app::desk::Status::Ok);
    let manager = staff(strongroom_domain::Role::Manager);
    assert!(matches!(t.vault.doctor(&manager, &closed), Err(AppError::Denied { .. })));
}

#[test]
fn a_sign_in_policy_saved_by_the_owner_is_in_force_at_once_and_after_a_restart() {
    let t = sqlite_vault();
    let default = t.vault.security();
    let longer = strongroom_app::SecurityPolicy { idle_timeout_minutes: 45, lockout_after_failures: 10, ..default };
    let changes = t.vault.set_security_policy(&owner(), longer).unwrap();
    assert_eq!(changes, ["idle_timeout_minutes: 15 → 45", "lockout_after_failures: 100 → 10"]);
    assert_eq!(t.vault.security(), longer);
    assert_eq!(t.vault.settings().security, longer, "the settings in force say so too");
    assert_eq!(t.reopen().security(), longer, "kept in the vault, over strongroom.toml's");
    assert!(t.vault.set_security_policy(&owner(), longer).unwrap().is_empty(), "nothing changed, nothing recorded");
    let nonsense = strongroom_app::SecurityPolicy { session_hours: 0, ..longer };
    assert!(matches!(t.vault.set_security_policy(&owner(), nonsense), Err(AppError::Conflict(_))));
    for absurd in [
        strongroom_app::SecurityPolicy { password_reminder_days: 200_000_000, ..longer },
        strongroom_app::SecurityPolicy { force_change_without_second_factor_days: Some(0), ..longer },
    ] {
        assert!(matches!(t.vault.set_security_policy(&owner(), absurd), Err(AppError::Conflict(_))), "{absurd:?}");
    }
    let manager = staff(strongroom_domain::Role::Manager);
    assert!(matches!(t.vault.set_security_policy(&manager, default), Err(AppError::Denied { .. })));
    let changed: Vec<_> = events(&t.vault).into_iter().filter(|(_, event)| event.action == "settings.change").collect();
    assert_eq!(changed.iter().filter(|(_, event)| event.outcome == "allowed").count(), 2, "one event per change: {changed:?}");
}
