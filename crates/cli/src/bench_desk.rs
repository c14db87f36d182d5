//! The benchmark's figures for the owner's security desk, in the vault the benchmark imported:
//! with 50 devices (each with a few programs, judged against the built-in end-of-life table and
//! CISA's catalogue), 100 risks and a year of daily scores, how long each desk page's gate call
//! takes (p50 and p99 of 100 runs): the devices, the risk register (its proposals included), the
//! self-assessment (its evidence and today's kept score), the audit workspace, and the owner's
//! start-page panels (the kept score, the news, the open findings). Issue 16 asks under 100 ms.

use std::time::Instant;

use anyhow::Result;
use serde::Serialize;
use strongroom_app::Vault;
use strongroom_domain::{Actor, Answer, Device, DeviceKind, Risk, Software, Treatment};

const DEVICES: usize = 50;
const RISKS: usize = 100;
const HISTORY_DAYS: u32 = 365;
pub(crate) const RUNS: usize = 100;

/// p50 and p99 of each desk page's gate call, in milliseconds.
#[derive(Debug, Default, Serialize)]
pub struct DeskFigures {
    pub desk_devices_p50_ms: f64,
    pub desk_devices_p99_ms: f64,
    pub desk_risks_p50_ms: f64,
    pub desk_risks_p99_ms: f64,
    pub desk_assessment_p50_ms: f64,
    pub desk_assessment_p99_ms: f64,
    pub desk_audit_p50_ms: f64,
    pub desk_audit_p99_ms: f64,
    pub desk_start_p50_ms: f64,
    pub desk_start_p99_ms: f64,
}

fn device(n: usize, today: time::Date) -> Device {
    let os = ["Windows", "macOS", "iOS", "Android", "Ubuntu"][n % 5];
    let version = ["10", "14", "17", "13", "22.04"][n % 5];
    Device {
        name: format!("Device {n}"),
        kind: DeviceKind::ALL[n % DeviceKind::ALL.len()],
        owner: format!("Staff {}", n % 4),
        os: Some(Software { name: os.into(), version: version.into() }),
        disk_encryption: if n.is_multiple_of(3) { Answer::No } else { Answer::Yes },
        antivirus: Answer::Yes,
        firewall: Answer::Yes,
        automatic_updates: Answer::Yes,
        last_update: Some(today - time::Duration::days((n % 40) as i64)),
        customer_data: n.is_multiple_of(2),
        programs: vec![
            Software { name: "Google Chrome".into(), version: "131".into() },
            Software { name: "Microsoft Office".into(), version: "2016".into() },
            Software { name: "Kassa Pro".into(), version: "4".into() },
        ],
    }
}

fn risk(n: usize, today: time::Date) -> Risk {
    Risk {
        source: String::new(),
        title: format!("Risk {n}"),
        asset: "The customer records".into(),
        threat: "Something that could happen to them".into(),
        likelihood: (n % 5) as u8 + 1,
        likelihood_reason: String::new(),
        impact: ((n / 5) % 5) as u8 + 1,
        impact_reason: String::new(),
        treatment: Treatment::Reduce,
        measures: "What the shop does".into(),
        owner: "Olga".into(),
        reviewed_on: today - time::Duration::days((n % 200) as i64),
    }
}

/// p50 and p99 of `RUNS` runs of `work`, in milliseconds.
/// p50 and p99 of [`RUNS`] runs of `work`, in milliseconds (the people figures time the same way).
pub(crate) fn timed(mut work: impl FnMut() -> Result<()>) -> Result<(f64, f64)> {
    let mut times = Vec::with_capacity(RUNS);
    for _ in 0..RUNS {
        let start = Instant::now();
        work()?;
        times.push(start.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    Ok((times[RUNS / 2], times[RUNS * 99 / 100]))
}

/// The desk's figures, measured in `vault` after filling its desk.
pub fn figures(vault: &Vault) -> Result<DeskFigures> {
    let owner = Actor::cli("owner");
    let today = strongroom_server::shop_today();
    for n in 0..DEVICES {
        vault.add_device(&owner, device(n, today))?;
    }
    for n in 0..RISKS {
        vault.add_risk(&owner, risk(n, today))?;
    }
    // A year of daily scores, kept as each day's assessment keeps them.
    for back in (1..=i64::from(HISTORY_DAYS)).rev() {
        vault.assessment(&owner, today - time::Duration::days(back))?;
    }
    let (desk_devices_p50_ms, desk_devices_p99_ms) = timed(|| Ok(vault.devices(&owner, today).map(drop)?))?;
    let (desk_risks_p50_ms, desk_risks_p99_ms) = timed(|| Ok(vault.risks(&owner, today).map(drop)?))?;
    let (desk_assessment_p50_ms, desk_assessment_p99_ms) = timed(|| Ok(vault.assessment(&owner, today).map(drop)?))?;
    let (desk_audit_p50_ms, desk_audit_p99_ms) = timed(|| Ok(vault.audit_desk(&owner, today).map(drop)?))?;
    let (desk_start_p50_ms, desk_start_p99_ms) = timed(|| {
        vault.latest_assessment(&owner)?;
        vault.news(&owner)?;
        vault.open_findings(&owner)?;
        Ok(())
    })?;
    Ok(DeskFigures {
        desk_devices_p50_ms,
        desk_devices_p99_ms,
        desk_risks_p50_ms,
        desk_risks_p99_ms,
        desk_assessment_p50_ms,
        desk_assessment_p99_ms,
        desk_audit_p50_ms,
        desk_audit_p99_ms,
        desk_start_p50_ms,
        desk_start_p99_ms,
    })
}

pub fn print(figures: &DeskFigures) {
    println!("  the security desk, with {DEVICES} devices, {RISKS} risks and {HISTORY_DAYS} days of scores (p50 / p99 of {RUNS}):");
    for (what, p50, p99) in [
        ("devices with their flags", figures.desk_devices_p50_ms, figures.desk_devices_p99_ms),
        ("risk register and proposals", figures.desk_risks_p50_ms, figures.desk_risks_p99_ms),
        ("self-assessment", figures.desk_assessment_p50_ms, figures.desk_assessment_p99_ms),
        ("audit workspace", figures.desk_audit_p50_ms, figures.desk_audit_p99_ms),
        ("owner's start-page panels", figures.desk_start_p50_ms, figures.desk_start_p99_ms),
    ] {
        println!("    {what:<30} {p50:>7.1} ms / {p99:>7.1} ms");
    }
}
