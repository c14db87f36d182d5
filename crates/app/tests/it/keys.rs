//! Key rotation: re-wrapping, resuming after an interruption, retiring old versions.

use strongroom_app::AppError;
use strongroom_domain::Role;

use crate::support::*;

#[test]
fn rotation_rewraps_every_data_key_and_leaves_the_data_readable() {
    on_every_backend(|t| {
        let ids: Vec<_> =
            (0..7).map(|n| t.vault.add_customer(&owner(), new_customer(&format!("Customer {n}"), None, None)).unwrap().id).collect();
        let mut vault = t.reopen();
        let mut seen = Vec::new();
        let report = vault.rotate_master_key(&owner(), 3, &mut |done, total| seen.push((done, total))).unwrap();
        assert_eq!(
            (report.active_version, report.rewrapped, report.resumed),
            (2, 10, false),
            "7 customers, the index root, the log key, the staff secrets key"
        );
        assert_eq!(seen.first(), Some(&(0, 10)));
        assert_eq!(seen.last(), Some(&(10, 10)));
        let status = vault.keys_status(&owner()).unwrap();
        let versions: Vec<(u32, bool, u64)> = status.versions.iter().map(|v| (v.version, v.active, v.data_keys)).collect();
        assert_eq!(versions, [(1, false, 0), (2, true, 10)]);
        assert_eq!(vault.retire_master_keys(&owner()).unwrap(), [1]);
        let reopened = t.reopen();
        for id in ids {
            assert!(reopened.show_customer(&owner(), id, &purpose("sale")).is_ok());
        }
        assert_eq!(reopened.keys_status(&owner()).unwrap().versions.len(), 1);
    });
}

#[test]
fn an_interrupted_rotation_is_finished_by_the_next_run() {
    let t = sqlite_vault();
    for n in 0..10 {
        t.vault.add_customer(&owner(), new_customer(&format!("Customer {n}"), None, None)).unwrap();
    }
    let mut vault = t.reopen();
    // A crash after the first committed batch, like a kill -9 during `keys rotate`.
    let crashed = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        vault.rotate_master_key(&owner(), 4, &mut |done, _| assert!(done < 4, "power cut"))
    }));
    assert!(crashed.is_err());
    drop(vault);

    let mut vault = t.reopen();
    let status = vault.keys_status(&owner()).unwrap();
    let versions: Vec<(u32, bool, u64)> = status.versions.iter().map(|v| (v.version, v.active, v.data_keys)).collect();
    assert_eq!(versions, [(1, false, 9), (2, true, 4)], "one batch of four committed, the rest still on version 1");
    // Old versions cannot be retired while they still wrap data keys.
    assert_eq!(vault.retire_master_keys(&owner()).unwrap(), Vec::<u32>::new());
    let report = vault.rotate_master_key(&owner(), 4, &mut |_, _| {}).unwrap();
    assert_eq!((report.active_version, report.rewrapped, report.resumed), (2, 9, true));
    assert_eq!(vault.retire_master_keys(&owner()).unwrap(), [1]);
    assert_eq!(t.reopen().list_customers(&owner(), None, 100).unwrap().len(), 10);
}

#[test]
fn only_the_owner_manages_keys() {
    let mut t = sqlite_vault();
    for role in [Role::Manager, Role::Sales, Role::PrivacyOfficer, Role::ExternalAuditor] {
        assert!(matches!(t.vault.rotate_master_key(&staff(role), 10, &mut |_, _| {}), Err(AppError::Denied { .. })));
        assert!(matches!(t.vault.keys_status(&staff(role)), Err(AppError::Denied { .. })));
    }
    assert_eq!(t.vault.keys_status(&owner()).unwrap().versions.len(), 1);
}
