//! Whoever can write to the database, but does not hold the shop key, must not gain access
//! (issue 11): a forged session or token matches nothing, and a row whose role, enabled state,
//! factors, scopes or revocation was changed is refused, recorded and named by `audit verify`.
//! Each forgery is written through a second connection to the store, as such a writer would.

use strongroom_app::{AppError, InitOptions, SessionStage, Vault};
use strongroom_crypto::sha256;
use strongroom_domain::{Role, Scope};
use strongroom_identity::Password;
use strongroom_store::{ApiTokenRow, SessionRow};
use uuid::Uuid;

use crate::signin::{PASSWORD, client, enrolled, name, now, sign_in};
use crate::support::*;

/// A fully signed-in session of `username`, who has an authenticator: the cookie.
fn signed_in(vault: &Vault, username: &str, secret: &strongroom_identity::TotpSecret) -> String {
    let session = sign_in(vault, username);
    let renewed = vault.verify_totp(session.token.as_str(), &secret.code_at(now() + 30), &client()).unwrap();
    assert_eq!(renewed.stage, SessionStage::Ready);
    renewed.token.as_str().to_owned()
}

/// How many refusals of a changed row the trail holds.
fn tampered_events(vault: &Vault) -> usize {
    events(vault).iter().filter(|(_, event)| event.action == "security.tampered_row").count()
}

/// What `audit verify` says about access rows.
fn access_problems(vault: &Vault) -> Vec<String> {
    let report = vault.verify_audit_log(&owner(), None).unwrap();
    report.problems.into_iter().filter(|problem| problem.kind == "access").map(|problem| problem.message).collect()
}

#[test]
fn a_session_row_written_without_the_key_opens_nothing() {
    on_every_backend(|t| {
        let (secret, _) = enrolled(&t.vault, "olga", Role::Owner);
        signed_in(&t.vault, "olga", &secret);
        let olga = t.vault.list_staff(&owner()).unwrap().into_iter().find(|s| s.username == "olga").unwrap().id;
        // The attack as reported: a row keyed by the SHA-256 of a cookie of one's own, every
        // sign-in step "done" just now.
        let cookie = "forged-cookie-value-forged-cookie-value-abc";
        let now_micros = now() * 1_000_000;
        let forged = SessionRow {
            id_hash: sha256(cookie.as_bytes()),
            staff_id: olga,
            created_at: now_micros,
            last_seen_at: now_micros,
            second_factor_at: Some(now_micros),
            step_up_at: Some(now_micros),
            client_addr: None,
            row_mac: Some(vec![0; 32]),
        };
        let raw = raw_store(t);
        let mut tx = raw.begin().unwrap();
        tx.insert_session(&forged).unwrap();
        tx.commit().unwrap();
        assert!(matches!(t.vault.session(cookie), Err(AppError::NotSignedIn)));
        let problems = access_problems(&t.vault);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].contains("session row"), "{problems:?}");
    });
}

#[test]
fn a_session_moved_to_another_account_is_refused_and_recorded() {
    on_every_backend(|t| {
        let (owner_secret, _) = enrolled(&t.vault, "olga", Role::Owner);
        signed_in(&t.vault, "olga", &owner_secret);
        let (secret, _) = enrolled(&t.vault, "sam", Role::Sales);
        let cookie = signed_in(&t.vault, "sam", &secret);
        let stored_id = *t.vault.session(&cookie).unwrap().session_hash();
        let olga = t.vault.list_staff(&owner()).unwrap().into_iter().find(|s| s.username == "olga").unwrap().id;
        // An insider who can write to the database gives their own session to the owner, with a
        // fresh step-up.
        let raw = raw_store(t);
        let mut tx = raw.begin().unwrap();
        let mut row = tx.session(&stored_id).unwrap().unwrap();
        row.staff_id = olga;
        row.step_up_at = Some(now() * 1_000_000);
        tx.update_session(&row).unwrap();
        tx.commit().unwrap();
        let before = tampered_events(&t.vault);
        assert!(matches!(t.vault.session(&cookie), Err(AppError::NotSignedIn)));
        assert_eq!(tampered_events(&t.vault), before + 1, "the refusal is in the trail");
        assert!(matches!(t.vault.session(&cookie), Err(AppError::NotSignedIn)), "and it stays refused");
    });
}

#[test]
fn a_raised_role_is_refused_until_the_owner_repairs_the_account() {
    on_every_backend(|t| {
        let (secret, _) = enrolled(&t.vault, "sam", Role::Sales);
        let cookie = signed_in(&t.vault, "sam", &secret);
        let raw = raw_store(t);
        let mut tx = raw.begin().unwrap();
        let mut row = tx.staff_by_name("sam").unwrap().unwrap();
        row.role = Role::Owner;
        tx.update_staff(&row).unwrap();
        tx.commit().unwrap();

        assert!(matches!(t.vault.session(&cookie), Err(AppError::NotSignedIn)), "the session ends");
        let again = t.vault.sign_in("sam", &Password::new(PASSWORD), &client());
        assert!(matches!(again, Err(AppError::SignInRefused)), "{again:?}");
        assert!(tampered_events(&t.vault) >= 2);
        let listed = t.vault.list_staff(&owner()).unwrap().into_iter().find(|s| s.username == "sam").unwrap();
        assert!(listed.tampered);
        assert!(access_problems(&t.vault).iter().any(|problem| problem.contains("staff account")));
        // No ordinary change gives the row its MAC back: the forged role would become real.
        assert!(matches!(t.vault.set_staff_role(&owner(), &name("sam"), Role::Sales), Err(AppError::Tampered(_))));
        assert!(matches!(t.vault.disable_staff(&owner(), &name("sam")), Err(AppError::Tampered(_))));

        let fresh = t.vault.repair_staff(&owner(), &name("sam"), Role::Sales).unwrap();
        assert_eq!(fresh.role, Role::Sales);
        let listed = t.vault.list_staff(&owner()).unwrap().into_iter().find(|s| s.username == "sam").unwrap();
        assert!(!listed.tampered && !listed.second_factor && !listed.enrolled, "{listed:?}");
        assert!(access_problems(&t.vault).is_empty());
        let session = t.vault.enrol("sam", fresh.code.unwrap().as_str(), &Password::new(PASSWORD), &client()).unwrap();
        assert_eq!(session.stage, SessionStage::EnrolSecondFactor);
        assert!(matches!(t.vault.repair_staff(&owner(), &name("sam"), Role::Sales), Err(AppError::Conflict(_))), "intact now");
    });
}

#[test]
fn a_passkey_added_to_someones_account_makes_it_refuse_to_sign_in() {
    on_every_backend(|t| {
        let (secret, _) = enrolled(&t.vault, "olga", Role::Owner);
        let raw = raw_store(t);
        let mut tx = raw.begin().unwrap();
        let mut row = tx.staff_by_name("olga").unwrap().unwrap();
        row.passkeys = Some(r#"[{"name":"mine","created_at":0,"last_used_at":null,"key":{}}]"#.into());
        tx.update_staff(&row).unwrap();
        tx.commit().unwrap();
        let refused = t.vault.sign_in("olga", &Password::new(PASSWORD), &client());
        assert!(matches!(refused, Err(AppError::SignInRefused)), "{refused:?}");
        let _ = secret;
        assert!(access_problems(&t.vault).iter().any(|problem| problem.contains("staff account")));
    });
}

#[test]
fn a_token_row_written_without_the_key_opens_nothing() {
    on_every_backend(|t| {
        let value = insert_unkeyed_token(t);
        assert!(matches!(t.vault.api_actor(&value, &client()), Err(AppError::NotSignedIn)));
        let problems = access_problems(&t.vault);
        assert!(problems.iter().any(|problem| problem.contains("API token")), "{problems:?}");
        assert!(t.vault.list_api_tokens(&owner()).unwrap().iter().any(|token| token.tampered));
    });
}

#[test]
fn a_revoked_token_stays_revoked_whatever_its_row_says() {
    on_every_backend(|t| {
        let made = t.vault.create_api_token(&owner(), "Webshop", &[Scope::CustomersRead], None).unwrap();
        let value = made.value();
        t.vault.api_actor(&value, &client()).unwrap();
        let raw = raw_store(t);
        // A copy of the row as it was before the revocation, MAC and all.
        let before = raw.begin().unwrap().api_token(made.id).unwrap().unwrap();
        t.vault.revoke_api_token(&owner(), made.id).unwrap();

        // The revocation's column set back.
        let mut tx = raw.begin().unwrap();
        let mut row = tx.api_token(made.id).unwrap().unwrap();
        row.revoked_at = None;
        tx.update_api_token(&row).unwrap();
        tx.commit().unwrap();
        assert!(matches!(t.vault.api_actor(&value, &client()), Err(AppError::NotSignedIn)));

        // The whole old row put back: its MAC holds, but the trail remembers the revocation.
        let mut tx = raw.begin().unwrap();
        tx.update_api_token(&before).unwrap();
        tx.commit().unwrap();
        assert!(matches!(t.vault.api_actor(&value, &client()), Err(AppError::NotSignedIn)));
        let refusals: Vec<String> = events(&t.vault)
            .into_iter()
            .filter(|(_, event)| event.action == "token.refused")
            .filter_map(|(_, event)| event.detail)
            .collect();
        assert!(refusals.iter().any(|why| why.contains("integrity")), "{refusals:?}");
        assert!(refusals.iter().any(|why| why.contains("put back")), "{refusals:?}");
    });
}

#[test]
fn a_token_with_more_scopes_written_in_is_refused() {
    on_every_backend(|t| {
        let made = t.vault.create_api_token(&owner(), "Till", &[Scope::CustomersRead], Some(30)).unwrap();
        let raw = raw_store(t);
        for change in [
            |row: &mut ApiTokenRow| row.scopes = "customers:read,customers:write".into(),
            |row: &mut ApiTokenRow| row.expires_at = None,
            |row: &mut ApiTokenRow| row.created_by = "someone else".into(),
        ] {
            let mut tx = raw.begin().unwrap();
            let mut row = tx.api_token(made.id).unwrap().unwrap();
            let kept = row.clone();
            change(&mut row);
            tx.update_api_token(&row).unwrap();
            tx.commit().unwrap();
            let refused = t.vault.api_actor(&made.value(), &client());
            assert!(matches!(refused, Err(AppError::NotSignedIn)), "{row:?}: {refused:?}");
            let mut tx = raw.begin().unwrap();
            tx.update_api_token(&kept).unwrap();
            tx.commit().unwrap();
            t.vault.api_actor(&made.value(), &client()).unwrap();
        }
    });
}

/// Turns the access rows of a vault back into what a Strongroom before issue 11 stored: no MACs,
/// plain SHA-256 digests of the token and the codes.
fn as_before_access_macs(t: &TestVault, token: &str, enrolment_code: Option<&str>, recovery_codes: &[&str]) {
    let raw = raw_store(t);
    let mut tx = raw.begin().unwrap();
    for mut row in tx.all_staff().unwrap() {
        row.row_mac = None;
        if let Some(code) = enrolment_code.filter(|_| row.enrolment_code_hash.is_some()) {
            row.enrolment_code_hash = Some(sha256(code.as_bytes()).to_vec());
        }
        let stored = tx.recovery_code_hashes(row.id).unwrap();
        tx.replace_recovery_codes(row.id, &[]).unwrap();
        let plain: Vec<[u8; 32]> = recovery_codes.iter().map(|code| sha256(code.as_bytes())).collect();
        if !stored.is_empty() {
            tx.replace_recovery_codes(row.id, &plain).unwrap();
        }
        tx.update_staff(&row).unwrap();
    }
    for mut row in tx.api_tokens().unwrap() {
        row.row_mac = None;
        row.token_hash = sha256(token.as_bytes());
        tx.update_api_token(&row).unwrap();
    }
    tx.commit().unwrap();
}

#[test]
fn an_older_store_is_keyed_once_without_locking_anyone_out() {
    on_every_backend_made(InitOptions { as_before_access_macs: true, ..InitOptions::default() }, |t| {
        let (secret, codes) = enrolled(&t.vault, "sam", Role::Sales);
        let pending = t.vault.add_staff(&owner(), &name("nina"), Role::Workshop, None).unwrap().code.unwrap();
        let token = t.vault.create_api_token(&owner(), "Till", &[Scope::CustomersRead], None).unwrap();
        let recovery: Vec<&str> = codes.iter().map(|code| code.as_str()).collect();
        // Sam's account has recovery codes, Nina's an enrolment code, and there is one token.
        as_before_access_macs(t, &token.value(), Some(pending.as_str()), &recovery);
        let vault = t.reopen();
        let problems = access_problems(&vault);
        let trail: Vec<_> =
            events(&vault).into_iter().filter(|(_, e)| e.action == "security.access_rows_keyed").map(|(_, e)| e.detail).collect();
        assert!(problems.is_empty(), "every row keyed: {problems:?} {trail:?}");
        vault.api_actor(&token.value(), &client()).unwrap();
        vault.enrol("nina", pending.as_str(), &Password::new(PASSWORD), &client()).unwrap();
        let session = sign_in(&vault, "sam");
        let (renewed, left) = vault.use_recovery_code(session.token.as_str(), recovery[0], &client()).unwrap();
        assert_eq!((renewed.stage, left), (SessionStage::Ready, 9));
        let _ = secret;
        let keyed: Vec<String> = events(&vault)
            .into_iter()
            .filter(|(_, event)| event.action == "security.access_rows_keyed")
            .filter_map(|(_, event)| event.detail)
            .collect();
        assert_eq!(keyed.last().map(String::as_str), Some("2 staff accounts and 1 API tokens keyed"), "{keyed:?}");

        // Once keyed, never again: a row without a MAC written later is someone else's work.
        let forged_value = format!("sr_{}", "C".repeat(43));
        let raw = raw_store(t);
        let mut tx = raw.begin().unwrap();
        let mut forged = tx.api_tokens().unwrap().remove(0);
        forged.id = Uuid::now_v7();
        forged.name = "Forged".into();
        forged.token_hash = sha256(forged_value.as_bytes());
        forged.row_mac = None;
        tx.insert_api_token(&forged).unwrap();
        tx.commit().unwrap();
        drop(vault);
        let vault = t.reopen();
        assert!(matches!(vault.api_actor(&forged_value, &client()), Err(AppError::NotSignedIn)));
        assert_eq!(access_problems(&vault).len(), 1);
    });
}

#[test]
fn an_ended_session_put_back_opens_nothing() {
    on_every_backend(|t| {
        let (secret, _) = enrolled(&t.vault, "sam", Role::Sales);
        let cookie = signed_in(&t.vault, "sam", &secret);
        let stored_id = *t.vault.session(&cookie).unwrap().session_hash();
        let raw = raw_store(t);
        // A copy of the session row, taken while it was valid (by someone who also stole the cookie).
        let copy = raw.begin().unwrap().session(&stored_id).unwrap().unwrap();
        // The owner suspects a compromise and resets the password: every session ends.
        t.vault.reset_password(&owner(), &strongroom_domain::StaffName::parse("sam").unwrap()).unwrap();
        assert!(matches!(t.vault.session(&cookie), Err(AppError::NotSignedIn)));
        let mut tx = raw.begin().unwrap();
        tx.insert_session(&copy).unwrap();
        tx.commit().unwrap();
        assert!(matches!(t.vault.session(&cookie), Err(AppError::NotSignedIn)), "the copy was made under an earlier session count");
    });
}

/// A token row as a writer without the key would insert it: every scope, an owner's role, the
/// plain SHA-256 of a value they chose, no MAC (the shape a store from before rows carried MACs
/// kept). Returns the value.
fn insert_unkeyed_token(t: &TestVault) -> String {
    let value = format!("sr_{}", "D".repeat(43));
    let forged = ApiTokenRow {
        id: Uuid::now_v7(),
        name: "Forged".into(),
        token_hash: sha256(value.as_bytes()),
        role: Role::Owner,
        scopes: Scope::ALL.iter().map(Scope::as_str).collect::<Vec<_>>().join(","),
        created_by: "owner".into(),
        created_at: 1,
        expires_at: None,
        revoked_at: None,
        last_used_at: None,
        row_mac: None,
    };
    let raw = raw_store(t);
    let mut tx = raw.begin().unwrap();
    tx.insert_api_token(&forged).unwrap();
    tx.commit().unwrap();
    value
}

#[test]
fn the_upgrade_keys_only_rows_the_trail_shows_the_gate_made() {
    on_every_backend_made(InitOptions { as_before_access_macs: true, ..InitOptions::default() }, |t| {
        let token = t.vault.create_api_token(&owner(), "Till", &[Scope::CustomersRead], None).unwrap();
        as_before_access_macs(t, &token.value(), None, &[]);
        // Slipped in before the upgrade: no `token.create` event names it.
        let forged = insert_unkeyed_token(t);
        let vault = t.reopen();
        vault.api_actor(&token.value(), &client()).unwrap();
        assert!(matches!(vault.api_actor(&forged, &client()), Err(AppError::NotSignedIn)));
        let problems = access_problems(&vault);
        assert_eq!(problems.len(), 1, "{problems:?}");
    });
}

#[test]
fn hiding_the_record_of_the_keying_gets_nothing_keyed() {
    on_every_backend(|t| {
        let forged = insert_unkeyed_token(t);
        // The record that this vault's rows carry MACs from the start, hidden: the vault's
        // creation event no longer names the vault.
        raw_sql(t, "UPDATE audit_events SET target_kind = NULL, target_id = NULL WHERE seq = 0");
        let vault = t.reopen();
        assert!(matches!(vault.api_actor(&forged, &client()), Err(AppError::NotSignedIn)));
        let refused: Vec<String> = events(&vault)
            .into_iter()
            .filter(|(_, event)| event.action == "security.access_rows_keyed")
            .filter_map(|(_, event)| event.detail)
            .collect();
        assert!(refused.iter().any(|detail| detail.contains("does not verify")), "{refused:?}");
    });
}
