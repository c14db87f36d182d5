//! The shop's password vault through the gate: shares decide who may copy, see or change an
//! entry; every password shown or copied is recorded against the entry; a new password starts
//! its age again and forgets who saw the old one; leavers' entries are found.

use strongroom_app::AppError;
use strongroom_app::secrets::{NewSecret, Reveal, SecretChange};
use strongroom_domain::{Role, SecretFlag, SecretInfo, SecretText, Share, ShareLevel};

use crate::support::*;

fn info(name: &str, shares: &[&str]) -> SecretInfo {
    let shares = shares.iter().map(|share| Share::parse(share).unwrap()).collect();
    SecretInfo::parse(name, "https://shop.example/admin", "admin", "", shares).unwrap()
}

fn new(name: &str, password: &str, shares: &[&str]) -> NewSecret {
    NewSecret { info: info(name, shares), password: SecretText::parse("password", password).unwrap(), totp: None }
}

#[test]
fn shares_decide_who_copies_sees_and_changes_and_every_look_is_recorded() {
    on_every_backend(|t| {
        let today = time::OffsetDateTime::now_utc().date();
        let (manager, sales, workshop) = (staff(Role::Manager), staff(Role::Sales), staff(Role::Workshop));
        let webshop = t
            .vault
            .add_secret(&owner(), new("Webshop admin", "vlinder-Kompas-93-staal", &["role:manager", "role:sales=view"]), today)
            .unwrap();
        assert!(
            matches!(t.vault.add_secret(&sales, new("Mine", "x-Y-z-1234567", &[]), today), Err(AppError::Denied { .. })),
            "sales add none"
        );
        let supplier = t.vault.add_secret(&manager, new("Supplier portal", "zeilboot-Tulp-81-hamer", &[]), today).unwrap();

        // Each sees what is shared with them, no more.
        let names = |actor: &strongroom_domain::Actor| {
            t.vault.secrets(actor, today).unwrap().into_iter().map(|entry| (entry.info.name.to_string(), entry.level)).collect::<Vec<_>>()
        };
        assert_eq!(names(&owner()), [("Webshop admin".to_owned(), ShareLevel::Manage), ("Supplier portal".to_owned(), ShareLevel::Manage)]);
        assert_eq!(
            names(&manager),
            [("Webshop admin".to_owned(), ShareLevel::Use), ("Supplier portal".to_owned(), ShareLevel::Manage)],
            "the adder manages theirs"
        );
        assert_eq!(names(&sales), [("Webshop admin".to_owned(), ShareLevel::View)]);
        assert!(names(&workshop).is_empty());
        assert!(matches!(t.vault.secrets(&staff(Role::ExternalAuditor), today), Err(AppError::Denied { .. })));

        // A person share names someone who works here: never a name waiting for an account.
        let nobody = t.vault.add_secret(&owner(), new("Alarm", "kachel-Storm-58-koper", &["person:nobody=view"]), today);
        assert!(matches!(nobody, Err(AppError::Conflict(_))), "{nobody:?}");

        // A manager copies but may not see; sales may see; the workshop neither.
        assert_eq!(*t.vault.reveal_secret(&manager, webshop, Reveal::Copy).unwrap().password, "vlinder-Kompas-93-staal");
        assert!(matches!(t.vault.reveal_secret(&manager, webshop, Reveal::Show), Err(AppError::Denied { .. })));
        assert!(t.vault.reveal_secret(&sales, webshop, Reveal::Show).is_ok());
        assert!(matches!(t.vault.reveal_secret(&workshop, webshop, Reveal::Copy), Err(AppError::Denied { .. })));
        let change = SecretChange { info: info("Webshop admin", &[]), password: None, totp: None };
        let read_at = t.vault.secrets(&owner(), today).unwrap()[0].updated_at;
        assert!(
            matches!(t.vault.update_secret(&manager, webshop, change, read_at, today), Err(AppError::Denied { .. })),
            "use is not manage"
        );

        // A manager manages the entry they added, but may not widen who uses it, nor remove the owner's.
        let theirs = t.vault.secrets(&manager, today).unwrap().into_iter().find(|entry| entry.id == supplier).unwrap();
        let wider = SecretChange { info: info("Supplier portal", &["role:sales=view"]), password: None, totp: None };
        assert!(matches!(t.vault.update_secret(&manager, supplier, wider, theirs.updated_at, today), Err(AppError::Denied { .. })));
        let owners = t.vault.secrets(&owner(), today).unwrap().into_iter().find(|entry| entry.id == webshop).unwrap();
        let narrower = SecretChange { info: info("Webshop admin", &["role:manager"]), password: None, totp: None };
        t.vault.update_secret(&owner(), webshop, narrower, owners.updated_at, today).unwrap();
        let narrowed = t.vault.secrets(&owner(), today).unwrap().into_iter().find(|entry| entry.id == webshop).unwrap();
        let restore = SecretChange { info: info("Webshop admin", &["role:manager", "role:sales=view"]), password: None, totp: None };
        t.vault.update_secret(&owner(), webshop, restore, narrowed.updated_at, today).unwrap();

        // The owner sees who saw what: each look is in the trail against the entry, refusals too.
        let looks = t
            .vault
            .audit_log(&owner(), &strongroom_app::AuditQuery { action: Some("secret.reveal".into()), limit: 20, ..Default::default() })
            .unwrap();
        let seen: Vec<(String, String, String)> = looks
            .iter()
            .filter(|(_, event)| event.target_id == Some(*webshop.as_bytes()))
            .map(|(_, event)| (event.actor_name.clone(), event.outcome.clone(), event.detail.clone().unwrap_or_default()))
            .collect();
        assert!(seen.contains(&("manager-1".into(), "allowed".into(), "copied".into())), "{seen:?}");
        assert!(seen.contains(&("manager-1".into(), "denied".into(), "needs view".into())), "{seen:?}");
        assert!(seen.contains(&("sales-1".into(), "allowed".into(), "shown".into())), "{seen:?}");
        assert!(seen.contains(&("workshop-1".into(), "denied".into(), "needs use".into())), "{seen:?}");

        // When sales-1 leaves, the entries they could use or saw are listed for the owner (only)
        // to change, and flagged as seen by a leaver.
        let name = strongroom_domain::StaffName::parse("sales-1").unwrap();
        let added = t.vault.add_staff(&owner(), &name, Role::Sales, None).unwrap();
        t.vault.disable_staff(&owner(), &name).unwrap();
        let _ = added;
        let theirs = t.vault.secrets_of_person(&owner(), "sales-1", today).unwrap();
        assert_eq!(theirs.iter().map(|entry| entry.info.name.to_string()).collect::<Vec<_>>(), ["Webshop admin"]);
        assert!(matches!(t.vault.secrets_of_person(&manager, "sales-1", today), Err(AppError::Denied { .. })), "the owner's list");
        let due = t.vault.secrets_due(&owner(), today).unwrap();
        let webshop_flags = &due.iter().find(|entry| entry.id == webshop).unwrap().flags;
        assert!(webshop_flags.contains(&SecretFlag::SeenByLeavers(vec!["sales-1".into()])), "{webshop_flags:?}");
        assert!(matches!(t.vault.delete_secret(&manager, webshop, None), Err(AppError::Denied { .. })), "not theirs to remove");
        t.vault.delete_secret(&manager, supplier, None).unwrap();
    });
}

#[test]
fn a_new_password_starts_again_and_weak_or_reused_ones_are_due() {
    on_every_backend(|t| {
        let today = time::OffsetDateTime::now_utc().date();
        let bank = t.vault.add_secret(&owner(), new("Bank", "wolk-Anker-47-zilver", &["role:manager=view"]), today).unwrap();
        t.vault.add_secret(&owner(), new("Mail", "wolk-Anker-47-zilver", &[]), today).unwrap();
        t.vault.add_secret(&owner(), new("Wifi", "password1", &[]), today).unwrap();
        t.vault.reveal_secret(&staff(Role::Manager), bank, Reveal::Show).unwrap();
        let due = t.vault.secrets_due(&owner(), today).unwrap();
        let flags =
            |name: &str| due.iter().find(|entry| entry.info.name.as_str() == name).map(|entry| entry.flags.clone()).unwrap_or_default();
        assert_eq!(flags("Bank"), [SecretFlag::Reused(vec!["Mail".into()])]);
        assert_eq!(flags("Wifi"), [SecretFlag::Weak]);
        // The manager is not told that the bank's password also opens an entry they do not see:
        // "reused" would let them test guesses against it.
        assert!(t.vault.secrets_due(&staff(Role::Manager), today).unwrap().is_empty());

        let read_at = t.vault.secrets(&owner(), today).unwrap().into_iter().find(|entry| entry.id == bank).unwrap().updated_at;
        let change = SecretChange {
            info: info("Bank", &["role:manager=view"]),
            password: Some(SecretText::parse("password", "rivier-Schelp-62-brons").unwrap()),
            totp: None,
        };
        t.vault.update_secret(&owner(), bank, change, read_at, today).unwrap();
        let again = SecretChange { info: info("Bank", &[]), password: None, totp: None };
        assert!(matches!(t.vault.update_secret(&owner(), bank, again, read_at, today), Err(AppError::Conflict(_))), "changed since read");
        assert!(t.vault.secrets_due(&owner(), today).unwrap().iter().all(|entry| entry.info.name.as_str() != "Bank"));
        assert_eq!(*t.vault.reveal_secret(&owner(), bank, Reveal::Show).unwrap().password, "rivier-Schelp-62-brons");
        t.vault.delete_secret(&owner(), bank, None).unwrap();
        assert!(matches!(t.vault.reveal_secret(&owner(), bank, Reveal::Show), Err(AppError::NotFound(_))));
    });
}
