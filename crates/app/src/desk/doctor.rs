//! The host doctor: checks of the machine Strongroom runs on and of Strongroom itself, each ok,
//! attention or problem, with what was found and the fix in plain words. The machine's checks
//! are pure rules over [`HostFacts`]; Strongroom's read the trail and the staff accounts (the
//! owner's; the run is recorded, and so is the staff list it reads).

use serde::Serialize;
use strongroom_domain::{Actor, AuditAction, Outcome, Permission};
use strongroom_store::AuditFilter;

use super::host::HostFacts;
use crate::trail::draft::EventDraft;
use crate::{AppError, Vault};

/// How a check came out.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Ok,
    Attention,
    Problem,
}

/// One check: its stable id, how it came out, what was found, and what to do.
#[derive(Clone, PartialEq, Eq, Debug, Serialize)]
pub struct Check {
    pub id: &'static str,
    pub status: Status,
    pub detail: String,
    /// Empty when nothing needs doing.
    pub fix: String,
}

pub(crate) fn check(id: &'static str, status: Status, detail: impl Into<String>, fix: impl Into<String>) -> Check {
    Check { id, status, detail: detail.into(), fix: if status == Status::Ok { String::new() } else { fix.into() } }
}

/// The `shop_settings` row holding the last `audit verify`'s result (`ok` or `failed`).
pub(crate) const LAST_VERIFY: &str = "audit.verify.last";

/// Days without a sign-in after which an account counts as dormant.
pub const DORMANT_DAYS: i64 = 90;
/// A certificate expiring within this many days needs attention.
pub const CERTIFICATE_DAYS: i64 = 30;

/// This machine's name, to keep each server's last statuses apart.
/// The last daily run: when (µs since the epoch), and each check's id and status.
pub type LastRun = (i64, Vec<(String, Status)>);

/// Where `doctor_daily` keeps this machine's last statuses (`id=status;…`).
pub(crate) fn last_run_setting() -> String {
    format!("doctor.last.{}", host_name())
}

fn host_name() -> String {
    std::fs::read_to_string("/etc/hostname")
        .map(|name| name.trim().to_owned())
        .ok()
        .filter(|name| !name.is_empty())
        .unwrap_or_else(|| "this".into())
}

/// The machine's checks.
pub fn host_checks(facts: &HostFacts) -> Vec<Check> {
    let mut checks = file_checks(facts);
    checks.extend(system_checks(facts));
    checks.extend(service_checks(facts));
    checks
}

/// Strongroom's own files: who can read them, and where the key is kept.
fn file_checks(facts: &HostFacts) -> Vec<Check> {
    use Status::{Attention, Ok, Problem};
    let mut checks = Vec::new();
    checks.push(match facts.data_dir_mode {
        Some(mode) if mode & 0o077 == 0 => {
            check("data_dir_permissions", Ok, format!("only this account can open the data directory (mode {mode:o})"), "")
        }
        Some(mode) => check(
            "data_dir_permissions",
            Problem,
            format!("other users of this computer can look into the data directory (mode {mode:o})"),
            "run: chmod 700 on the data directory",
        ),
        None => check(
            "data_dir_permissions",
            Problem,
            "the data directory cannot be read",
            "check that the data directory exists and belongs to this account",
        ),
    });
    checks.push(match facts.key_file_mode {
        None if facts.key_file_given => check(
            "key_file_permissions",
            Problem,
            "the key or passphrase file cannot be read",
            "check that the key or passphrase file is where it was given, and belongs to this account",
        ),
        None => check(
            "key_file_permissions",
            Attention,
            "no key or passphrase file was given to check",
            "run the doctor with --key-file or --passphrase-file",
        ),
        Some(mode) if mode & 0o077 == 0 => {
            check("key_file_permissions", Ok, format!("only this account can read the key or passphrase file (mode {mode:o})"), "")
        }
        Some(mode) => check(
            "key_file_permissions",
            Problem,
            format!("other users of this computer can read the key or passphrase file (mode {mode:o})"),
            "run: chmod 600 on the key or passphrase file",
        ),
    });
    checks.push(if facts.key_file_inside_data_dir {
        check(
            "key_file_location",
            Problem,
            "the key or passphrase file is inside the data directory: whoever copies the data takes the key with it",
            "move it elsewhere (a USB stick kept apart, or another folder) and point --key-file or --passphrase-file at it",
        )
    } else if !facts.key_file_beside_backups.is_empty() {
        check(
            "key_file_location",
            Attention,
            format!("the key or passphrase file is on the same disk as the backups in {}", facts.key_file_beside_backups[0].display()),
            "keep it on another disk than the backups, so one stolen disk does not hold both",
        )
    } else if !facts.key_file_given {
        check(
            "key_file_location",
            Attention,
            "no key or passphrase file was given to check",
            "run the doctor with --key-file or --passphrase-file",
        )
    } else {
        check("key_file_location", Ok, "the key or passphrase file is kept apart from the data and the backups", "")
    });
    checks
}

/// The operating system: disk encryption, firewall, updates, the clock, free space.
fn system_checks(facts: &HostFacts) -> Vec<Check> {
    use Status::{Attention, Ok, Problem};
    let mut checks = Vec::new();
    checks.push(match facts.disk_encrypted {
        Some(true) => check("disk_encryption", Ok, "the data directory's disk is encrypted (LUKS)", ""),
        Some(false) => check("disk_encryption", Attention, "the data directory's disk is not encrypted; Strongroom seals customer data itself, but the rest of this computer is open to whoever takes it", "turn on full-disk encryption (LUKS; BitLocker or FileVault on the shop's other computers)"),
        None => check("disk_encryption", Attention, "whether the disk is encrypted could not be told from here", "check that full-disk encryption is on"),
    });
    checks.push(match &facts.firewall {
        Some(name) => check("firewall", Ok, format!("a firewall is on ({name})"), ""),
        None => check(
            "firewall",
            Attention,
            "no firewall was found on (ufw, firewalld or nftables)",
            "turn on a firewall that lets in only Strongroom's port from the shop's own network (for example: ufw enable)",
        ),
    });
    checks.push(match facts.updates_refreshed_days {
        Some(days) if days <= 14 => check("os_updates", Ok, format!("the system's updates were looked for {days} days ago"), ""),
        Some(days) => check(
            "os_updates",
            Problem,
            format!("the system has not looked for updates in {days} days (security updates are due within 14)"),
            "install the updates now (apt update && apt upgrade) and turn on automatic updates",
        ),
        None => check(
            "os_updates",
            Attention,
            "when the system last looked for updates could not be told",
            "check that security updates are installed at least every 14 days",
        ),
    });
    checks.push(match facts.automatic_updates {
        Some(true) => check("automatic_updates", Ok, "security updates install by themselves (unattended-upgrades)", ""),
        None => check(
            "automatic_updates",
            Attention,
            "whether security updates install by themselves could not be told",
            "turn on automatic security updates (apt install unattended-upgrades)",
        ),
        Some(false) => check(
            "automatic_updates",
            Attention,
            "security updates do not install by themselves",
            "turn on automatic security updates (apt install unattended-upgrades)",
        ),
    });
    checks.push(match facts.clock_synchronised {
        Some(true) => check("clock", Ok, "the clock is kept right by a time server", ""),
        Some(false) => check(
            "clock",
            Problem,
            "the clock is not kept right by a time server: sign-in codes, deadlines and the trail's times depend on it",
            "turn on time synchronisation (timedatectl set-ntp true)",
        ),
        None => check(
            "clock",
            Attention,
            "whether the clock is synchronised could not be told",
            "check that the clock is set from a time server",
        ),
    });
    checks.push(match (facts.free_bytes, facts.free_share) {
        (Some(bytes), Some(share)) if share < 0.05 || bytes < 1 << 30 => check(
            "free_disk",
            Problem,
            format!("only {} MB ({:.0}%) free on the data directory's disk", bytes >> 20, share * 100.0),
            "free space or move the data to a larger disk: a full disk stops sales being recorded",
        ),
        (Some(bytes), Some(share)) if share < 0.15 => check(
            "free_disk",
            Attention,
            format!("{} MB ({:.0}%) free on the data directory's disk", bytes >> 20, share * 100.0),
            "free some space before it runs out",
        ),
        (Some(bytes), Some(share)) => check("free_disk", Ok, format!("{} MB ({:.0}%) free", bytes >> 20, share * 100.0), ""),
        _ => check("free_disk", Attention, "the free space could not be read", "check the data directory's disk"),
    });
    checks
}

/// The services beside Strongroom: the TLS certificate and the antivirus.
fn service_checks(facts: &HostFacts) -> Vec<Check> {
    use Status::{Attention, Ok, Problem};
    let mut checks = Vec::new();
    checks.push(match facts.certificate_days_left {
        None => check(
            "tls_certificate",
            Attention,
            "no TLS certificate was found to check (the server makes one when it starts)",
            "start the server once, or give it the shop's own certificate",
        ),
        Some(days) if days < 0 => check(
            "tls_certificate",
            Problem,
            "the server's TLS certificate has expired",
            "restart the server to renew its own certificate, or renew the shop's",
        ),
        Some(days) if days < CERTIFICATE_DAYS => check(
            "tls_certificate",
            Problem,
            format!("the server's TLS certificate expires in {days} days"),
            "renew the certificate now (the server renews its own on restart)",
        ),
        Some(days) => check("tls_certificate", Ok, format!("the server's TLS certificate is valid for {days} more days"), ""),
    });
    checks.push(match (facts.clamd_running, facts.signatures_days) {
        (true, Some(days)) if days <= 7 => check("antivirus", Ok, format!("ClamAV is running; its signatures are {days} days old"), ""),
        (true, Some(days)) => check(
            "antivirus",
            Attention,
            format!("ClamAV is running but its signatures are {days} days old"),
            "let freshclam update the signatures (systemctl enable --now clamav-freshclam)",
        ),
        (true, None) => check("antivirus", Attention, "ClamAV is running but its signatures could not be found", "run freshclam once"),
        (false, _) => check(
            "antivirus",
            Attention,
            "ClamAV is not running: this computer has no virus scanner watching",
            "install and start it (apt install clamav-daemon; systemctl enable --now clamav-daemon)",
        ),
    });
    checks
}

impl Vault {
    /// Every check: the machine's (from `facts`) and Strongroom's own (backups, drills, the
    /// trail's verification, second factors, dormant accounts). The owner's; recorded.
    pub fn doctor(&self, actor: &Actor, facts: &HostFacts) -> Result<Vec<Check>, AppError> {
        self.require(actor, Permission::SettingsManage, AuditAction::AuditRead, None)?;
        let now = crate::now_micros();
        let mut checks = host_checks(facts);
        checks.extend(self.own_checks(actor, now)?);
        checks.extend(self.visit_website()?);
        let counts = checks.iter().fold([0; 3], |mut counts, check| {
            counts[check.status as usize] += 1;
            counts
        });
        let mut tx = self.store.begin()?;
        let detail = format!("doctor: {} ok, {} attention, {} problem", counts[0], counts[1], counts[2]);
        self.record(tx.as_mut(), &[EventDraft::new(actor, AuditAction::AuditRead).detail(detail).finish(Outcome::Allowed)])?;
        tx.commit()?;
        Ok(checks)
    }

    /// Strongroom's own checks (backups, drills, the trail's verification, second factors,
    /// dormant accounts), for the doctor and the self-assessment. Nothing is recorded here.
    pub(crate) fn own_checks(&self, actor: &Actor, now: i64) -> Result<Vec<Check>, AppError> {
        let mut checks = Vec::new();
        let health = self.backup_health(actor)?;
        let day = 86_400_000_000_i64;
        checks.push(match &health.last_good {
            _ if !health.destinations_set => {
                check("backup_age", Status::Problem, "no backup folder is set", "choose where backups go on the backup page")
            }
            Some(good) if now - good.at_unix_micros <= 26 * 3_600_000_000 => check(
                "backup_age",
                Status::Ok,
                format!("the last good backup is {} hours old", (now - good.at_unix_micros) / 3_600_000_000),
                "",
            ),
            Some(good) => check(
                "backup_age",
                Status::Problem,
                format!("the last good backup is {} days old", (now - good.at_unix_micros) / day),
                "make a backup now (backup page), and find out why the daily one failed",
            ),
            None => check("backup_age", Status::Problem, "there is no good backup yet", "make a backup now on the backup page"),
        });
        checks.push(match &health.last_drill {
            Some(drill) if drill.ok && now - drill.at_unix_micros <= 31 * day => check(
                "restore_drill",
                Status::Ok,
                format!("the last restore drill worked, {} days ago", (now - drill.at_unix_micros) / day),
                "",
            ),
            Some(drill) if !drill.ok => check(
                "restore_drill",
                Status::Problem,
                "the last restore drill failed: a backup may not restore",
                "run a restore drill on the backup page and read what failed",
            ),
            _ => check("restore_drill", Status::Attention, "no restore drill in the last month", "run a restore drill on the backup page"),
        });
        let mut tx = self.store.begin_snapshot()?;
        let last_verify = tx.setting(LAST_VERIFY)?;
        checks.push(match last_verify {
            Some((result, _)) if result != "ok" => check(
                "audit_verify",
                Status::Problem,
                "the last check of the audit trail found it changed or damaged",
                "run `strongroom audit verify` and read what it names; report an incident",
            ),
            Some((_, at)) if now - at <= 31 * day => {
                check("audit_verify", Status::Ok, format!("the audit trail was verified {} days ago and holds", (now - at) / day), "")
            }
            Some((_, at)) => check(
                "audit_verify",
                Status::Attention,
                format!("the audit trail was last verified {} days ago", (now - at) / day),
                "run `strongroom audit verify` (monthly)",
            ),
            None => check("audit_verify", Status::Attention, "the audit trail was never verified", "run `strongroom audit verify`"),
        });
        drop(tx);
        checks.extend(self.account_checks(now)?);
        checks.push(self.training_check(crate::from_micros_lenient(now).date()));
        Ok(checks)
    }

    /// The statuses of the last daily run on this machine and when it was, for the external
    /// auditor (who may not run the doctor): ids and statuses only. `None` before the first run.
    pub fn doctor_last_run(&self, actor: &Actor) -> Result<Option<LastRun>, AppError> {
        self.require(actor, Permission::DeskRead, AuditAction::DeskRead, None)?;
        let mut tx = self.store.begin()?;
        let last = tx.setting(&last_run_setting())?;
        tx.commit()?;
        Ok(last.map(|(statuses, at)| {
            let checks = statuses
                .split(';')
                .filter_map(|pair| pair.split_once('='))
                .filter_map(|(id, status)| {
                    let status = match status {
                        "ok" => Status::Ok,
                        "attention" => Status::Attention,
                        "problem" => Status::Problem,
                        _ => return None,
                    };
                    Some((id.to_owned(), status))
                })
                .collect();
            (at, checks)
        }))
    }

    /// The daily run of `serve`'s housekeeping: every check, and an event for each whose status
    /// changed since the last run (the statuses kept in `shop_settings`, ids and words only).
    /// The changes, as `id: before → now`.
    pub fn doctor_daily(&self, facts: &HostFacts) -> Result<Vec<String>, AppError> {
        let last = last_run_setting();
        let actor = Actor::system("housekeeping");
        let checks = self.doctor(&actor, facts)?;
        let word = |status: Status| match status {
            Status::Ok => "ok",
            Status::Attention => "attention",
            Status::Problem => "problem",
        };
        let now: Vec<String> = checks.iter().map(|check| format!("{}={}", check.id, word(check.status))).collect();
        let mut tx = self.store.begin()?;
        let before = tx.setting(&last)?.map(|(text, _)| text).unwrap_or_default();
        let before: Vec<(&str, &str)> = before.split(';').filter_map(|pair| pair.split_once('=')).collect();
        let changes: Vec<String> = checks
            .iter()
            .filter_map(|check| {
                let (_, was) = before.iter().find(|(id, _)| *id == check.id)?;
                (*was != word(check.status)).then(|| [check.id, ": ", was, " → ", word(check.status)].concat())
            })
            .collect();
        let events: Vec<_> = changes
            .iter()
            .map(|change| EventDraft::new(&actor, AuditAction::DoctorChange).detail(change.clone()).finish(Outcome::Allowed))
            .collect();
        self.record(tx.as_mut(), &events)?;
        tx.set_setting(&last, &now.join(";"), crate::now_micros())?;
        tx.commit()?;
        Ok(changes)
    }

    /// Accounts that see customer data without a second factor, and accounts unused for
    /// [`DORMANT_DAYS`].
    fn account_checks(&self, now: i64) -> Result<Vec<Check>, AppError> {
        // Read without recording: the doctor's own run is the event (the staff page's list is
        // the one recorded as a staff read).
        let mut tx = self.store.begin()?;
        let staff = self.staff_summaries(tx.as_mut())?;
        tx.commit()?;
        let active: Vec<_> = staff.iter().filter(|person| !person.disabled && person.enrolled).collect();
        let without: Vec<&str> = active
            .iter()
            .filter(|person| !person.second_factor && person.role.allows(Permission::CustomerRead))
            .map(|person| person.username.as_str())
            .collect();
        let factors = if without.is_empty() {
            check("second_factor", Status::Ok, "every account that sees customer data has a second factor", "")
        } else {
            check(
                "second_factor",
                Status::Problem,
                format!("without a second factor: {}", without.join(", ")),
                "have them add an authenticator app or a passkey at their next sign-in",
            )
        };
        let mut tx = self.store.begin_snapshot()?;
        let mut dormant = Vec::new();
        for person in &active {
            let mut last = None;
            // A sign-in, or the enrolment that set the password.
            for action in [AuditAction::SignInPassword, AuditAction::StaffEnrol] {
                let filter = AuditFilter {
                    actor_name: Some(person.username.clone()),
                    action: Some(action.as_str().to_owned()),
                    outcome: Some(Outcome::Allowed.as_str().to_owned()),
                    newest_first: true,
                    limit: 1,
                    ..AuditFilter::default()
                };
                let at = tx.query_audit_events(&filter)?.into_iter().next().map(|(_, event)| event.at_unix_micros);
                last = last.max(at);
            }
            let since = last.unwrap_or_else(|| crate::to_micros(person.created_at));
            if now - since > DORMANT_DAYS * 86_400_000_000 {
                dormant.push(person.username.as_str());
            }
        }
        let dormant = if dormant.is_empty() {
            check("dormant_accounts", Status::Ok, format!("every account signed in within {DORMANT_DAYS} days"), "")
        } else {
            check(
                "dormant_accounts",
                Status::Attention,
                format!("no sign-in for {DORMANT_DAYS} days: {}", dormant.join(", ")),
                "disable the accounts of people who left (staff page)",
            )
        };
        Ok(vec![factors, dormant])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_world_readable_data_directory_a_key_in_it_and_a_certificate_near_its_end_are_flagged() {
        let facts = HostFacts {
            data_dir_mode: Some(0o755),
            key_file_mode: Some(0o600),
            key_file_inside_data_dir: true,
            certificate_days_left: Some(10),
            ..HostFacts::default()
        };
        let checks = host_checks(&facts);
        let status = |id: &str| checks.iter().find(|check| check.id == id).unwrap().status;
        assert_eq!(status("data_dir_permissions"), Status::Problem);
        assert_eq!(status("key_file_permissions"), Status::Ok);
        assert_eq!(status("key_file_location"), Status::Problem);
        assert_eq!(status("tls_certificate"), Status::Problem);
        assert!(
            checks.iter().all(|check| (check.status == Status::Ok) == check.fix.is_empty()),
            "a fix for every finding, none for what is fine"
        );
        let fine = HostFacts { data_dir_mode: Some(0o700), certificate_days_left: Some(200), ..HostFacts::default() };
        let checks = host_checks(&fine);
        assert_eq!(checks.iter().find(|check| check.id == "tls_certificate").unwrap().status, Status::Ok);
    }
}
