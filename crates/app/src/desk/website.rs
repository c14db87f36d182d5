//! The doctor's checks of the shop's own website, once the owner enters its address: the
//! certificate trusted and not expiring within 30 days, no TLS below 1.2, HSTS sent, and plain
//! HTTP sent on to HTTPS. Pure rules over what `website_probe` found, and the address kept
//! (sealed, like the shop's other desk settings; a change recorded). Every sentence here has its
//! Dutch in the doctor page's table (a test there reads this file).

use strongroom_domain::{Actor, AuditAction, Outcome, Permission};

use super::doctor::{CERTIFICATE_DAYS, Check, Status, check};
use super::website_probe::{CertificateProblem, Hsts, PlainHttp, Website, WebsiteFacts, parse_website};
use crate::trail::draft::EventDraft;
use crate::{AppError, Vault};

/// The `shop_settings` row holding the website's address (sealed; empty when none).
const ADDRESS: &str = "doctor.website";
/// HSTS shorter than this (half a year) is too short to count.
pub const HSTS_MIN_DAYS: u64 = 180;

/// The checks' ids, always all four (so a change in any is seen by the daily run).
const IDS: [&str; 4] = ["website_certificate", "website_tls_versions", "website_hsts", "website_http_redirect"];

/// The website's checks.
pub fn website_checks(facts: &WebsiteFacts) -> Vec<Check> {
    use Status::{Attention, Problem};
    let site = &facts.address;
    if let Some(why) = &facts.unreachable {
        let mut checks = vec![check(
            IDS[0],
            Problem,
            format!("{site} could not be reached over HTTPS ({why})"),
            "check the address on this page, and that the website is online",
        )];
        checks.extend(IDS[1..].iter().map(|id| {
            check(
                id,
                Attention,
                format!("not checked: {site} could not be reached"),
                "check the address on this page, and that the website is online",
            )
        }));
        return checks;
    }
    vec![certificate_check(facts), versions_check(facts), hsts_check(facts), plain_check(facts)]
}

fn certificate_check(facts: &WebsiteFacts) -> Check {
    use Status::{Attention, Ok, Problem};
    let site = &facts.address;
    let renew = "ask whoever hosts the website to fix the certificate (Let's Encrypt certificates are free and renew by themselves)";
    match (&facts.certificate_problem, facts.certificate_days_left) {
        (Some(CertificateProblem::Untrusted), _) if facts.no_roots => check(
            "website_certificate",
            Attention,
            format!("this computer has no root certificates to judge {site}'s certificate by"),
            "install the system's root certificates (apt install ca-certificates)",
        ),
        (Some(CertificateProblem::Untrusted), _) => {
            check("website_certificate", Problem, format!("{site}'s certificate is not signed by an authority browsers trust"), renew)
        }
        (Some(CertificateProblem::OtherName), _) => {
            check("website_certificate", Problem, format!("{site}'s certificate is made out for another name"), renew)
        }
        (Some(CertificateProblem::Expired), _) => check("website_certificate", Problem, format!("{site}'s certificate has expired"), renew),
        (Some(CertificateProblem::NotYetValid), _) => {
            check("website_certificate", Problem, format!("{site}'s certificate is not valid yet (or this clock is wrong)"), renew)
        }
        (Some(CertificateProblem::Revoked), _) => check("website_certificate", Problem, format!("{site}'s certificate was revoked"), renew),
        (Some(CertificateProblem::Other(why)), _) => {
            check("website_certificate", Problem, format!("{site}'s certificate is not accepted ({why})"), renew)
        }
        (None, None) => check(
            "website_certificate",
            Attention,
            format!("{site}'s certificate is trusted, but its end date could not be read"),
            "run the check again later",
        ),
        (None, Some(days)) if days < CERTIFICATE_DAYS => check(
            "website_certificate",
            Attention,
            format!("{site}'s certificate expires in {days} days"),
            "make sure it is renewed (most hosts renew 30 days before the end; this one has not been)",
        ),
        (None, Some(days)) => {
            check("website_certificate", Ok, format!("{site}'s certificate is trusted and valid for {days} more days"), "")
        }
    }
}

fn versions_check(facts: &WebsiteFacts) -> Check {
    use Status::{Attention, Ok, Problem};
    let site = &facts.address;
    let used = facts.version.unwrap_or("TLS");
    match &facts.legacy_versions {
        Some(old) if old.is_empty() => {
            check("website_tls_versions", Ok, format!("{site} speaks only TLS 1.2 and newer (this visit used {used})"), "")
        }
        Some(old) => check(
            "website_tls_versions",
            Problem,
            format!("{site} still accepts {}, which are broken and retired", old.join(", ")),
            "turn off SSL 3.0, TLS 1.0 and TLS 1.1 in the web server or the hosting panel, keeping TLS 1.2 and 1.3",
        ),
        None => check(
            "website_tls_versions",
            Attention,
            format!("whether {site} still accepts TLS 1.0 or 1.1 could not be told"),
            "run the check again later",
        ),
    }
}

fn hsts_check(facts: &WebsiteFacts) -> Check {
    use Status::{Attention, Ok};
    let site = &facts.address;
    let header = "add the header Strict-Transport-Security: max-age=31536000 (the hosting panel's \"HSTS\" switch)";
    match &facts.hsts {
        Hsts::MaxAge(age) if *age >= HSTS_MIN_DAYS * 86_400 => {
            check("website_hsts", Ok, format!("{site} tells browsers to use only HTTPS for {} days (HSTS)", age / 86_400), "")
        }
        Hsts::MaxAge(age) => check(
            "website_hsts",
            Attention,
            format!("{site} tells browsers to use only HTTPS for just {} days (HSTS)", age / 86_400),
            header,
        ),
        Hsts::Unreadable(value) => {
            check("website_hsts", Attention, format!("{site} sends an HSTS header without a max-age that reads ({value})"), header)
        }
        Hsts::Missing => {
            check("website_hsts", Attention, format!("{site} does not tell browsers to use only HTTPS (no HSTS header)"), header)
        }
        Hsts::NotRead => check("website_hsts", Attention, format!("{site} gave no answer to read HSTS from"), "run the check again later"),
    }
}

fn plain_check(facts: &WebsiteFacts) -> Check {
    use Status::{Attention, Ok, Problem};
    let forward = "send every http:// visit on to https:// (the hosting panel's \"force HTTPS\" switch)";
    match &facts.plain_http {
        PlainHttp::Redirect(to) if to.to_ascii_lowercase().starts_with("https://") => {
            check("website_http_redirect", Ok, "plain http:// visits are sent on to https://", "")
        }
        PlainHttp::Redirect(to) => {
            check("website_http_redirect", Problem, format!("plain http:// visits are sent on to {to}, not to https://"), forward)
        }
        PlainHttp::NotServed => check("website_http_redirect", Ok, "nothing answers on plain http://, so nothing is sent unencrypted", ""),
        PlainHttp::Served(status) => check(
            "website_http_redirect",
            Problem,
            format!("pages are served over plain http:// (status {status}) instead of being sent on to https://"),
            forward,
        ),
        PlainHttp::Answered(status) => check(
            "website_http_redirect",
            Attention,
            format!("plain http:// answers with status {status} and does not send visitors on to https://"),
            forward,
        ),
        PlainHttp::Unknown(why) => check(
            "website_http_redirect",
            Attention,
            format!("what plain http:// does could not be told ({why})"),
            "run the check again later",
        ),
    }
}

impl Vault {
    /// The website the doctor checks, if the owner entered one.
    pub fn website(&self) -> Result<Option<Website>, AppError> {
        let address: String = self.sealed_setting(ADDRESS)?;
        Ok(parse_website(&address).ok())
    }

    /// The website's checks, visiting it now; none when no address is saved.
    pub(crate) fn visit_website(&self) -> Result<Vec<Check>, AppError> {
        Ok(self.website()?.map(|site| website_checks(&super::website_probe::probe(&site))).unwrap_or_default())
    }

    /// Sets (or, empty, clears) the website the doctor checks (the owner); recorded.
    pub fn set_website(&self, actor: &Actor, address: &str) -> Result<Option<Website>, AppError> {
        self.require(actor, Permission::SettingsManage, AuditAction::SettingsChange, None)?;
        let site = match address.trim() {
            "" => None,
            address => Some(parse_website(address).map_err(AppError::Conflict)?),
        };
        let shown = site.as_ref().map_or(String::new(), Website::shown);
        let mut tx = self.store.begin()?;
        let before: String = self.read_sealed_setting(tx.as_mut(), ADDRESS)?;
        if before == shown {
            tx.commit()?;
            return Ok(site);
        }
        self.write_sealed_setting(tx.as_mut(), ADDRESS, &shown)?;
        let change = format!("website checked by the doctor: {} → {}", or_none(&before), or_none(&shown));
        self.record(tx.as_mut(), &[EventDraft::new(actor, AuditAction::SettingsChange).detail(change).finish(Outcome::Allowed)])?;
        tx.commit()?;
        Ok(site)
    }
}

fn or_none(address: &str) -> &str {
    if address.is_empty() { "none" } else { address }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts() -> WebsiteFacts {
        WebsiteFacts {
            address: "https://shop.example".into(),
            unreachable: None,
            no_roots: false,
            certificate_problem: None,
            certificate_days_left: Some(80),
            version: Some("TLS 1.3"),
            legacy_versions: Some(Vec::new()),
            hsts: Hsts::MaxAge(31_536_000),
            plain_http: PlainHttp::Redirect("https://shop.example/".into()),
        }
    }

    fn statuses(facts: &WebsiteFacts) -> Vec<(&'static str, Status)> {
        website_checks(facts).into_iter().map(|check| (check.id, check.status)).collect()
    }

    #[test]
    fn a_well_kept_website_passes_and_each_fault_is_named() {
        assert!(statuses(&facts()).iter().all(|(_, status)| *status == Status::Ok));
        let worse = WebsiteFacts {
            certificate_days_left: Some(12),
            legacy_versions: Some(vec!["TLS 1.0"]),
            hsts: Hsts::MaxAge(3_600),
            plain_http: PlainHttp::Served(200),
            ..facts()
        };
        assert_eq!(
            statuses(&worse),
            [
                ("website_certificate", Status::Attention),
                ("website_tls_versions", Status::Problem),
                ("website_hsts", Status::Attention),
                ("website_http_redirect", Status::Problem)
            ]
        );
        let untrusted = WebsiteFacts { certificate_problem: Some(CertificateProblem::Untrusted), ..facts() };
        assert_eq!(website_checks(&untrusted)[0].status, Status::Problem);
        let to_plain = WebsiteFacts { plain_http: PlainHttp::Redirect("http://shop.example/home".into()), ..facts() };
        assert_eq!(website_checks(&to_plain)[3].status, Status::Problem);
        let down = WebsiteFacts { unreachable: Some("the connection was refused".into()), ..facts() };
        let down: Vec<Status> = statuses(&down).into_iter().map(|(_, status)| status).collect();
        assert_eq!(down, [Status::Problem, Status::Attention, Status::Attention, Status::Attention], "every id, for the daily run");
        let no_roots = WebsiteFacts { no_roots: true, certificate_problem: Some(CertificateProblem::Untrusted), ..facts() };
        assert_eq!(website_checks(&no_roots)[0].status, Status::Attention, "this computer's fault, not the site's");
        let forbidden = WebsiteFacts { plain_http: PlainHttp::Answered(403), ..facts() };
        assert_eq!(website_checks(&forbidden)[3].status, Status::Attention);
        let unread = WebsiteFacts { certificate_days_left: None, ..facts() };
        assert!(website_checks(&unread)[0].detail.contains("could not be read"));
    }
}
