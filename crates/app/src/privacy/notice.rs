//! The privacy notice for the counter and the website, in English and Dutch: drafted from the
//! record of processing (who the shop is, why it uses customer data, what it keeps and how long,
//! who else handles it, the person's rights and where to complain), then changed by the shop's
//! legal adviser and saved with a version and the day the adviser reviewed it. Each language's
//! text is kept in the vault sealed under the staff-secrets key.

use serde::{Deserialize, Serialize};
use strongroom_domain::{Actor, AuditAction, CountryLaw, DomainError, FreeText, Language, Outcome, Permission, ShortText};
use time::Date;

use crate::privacy::ropa::Ropa;
use crate::trail::draft::EventDraft;
use crate::{AppError, Vault, now_micros};

/// The privacy notice in one language, as saved (or the draft when nothing was).
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct Notice {
    pub language: String,
    pub text: String,
    /// The shop's version label ("2026-1"); empty for a draft.
    pub version: String,
    /// The day the shop's adviser reviewed this text, if they did.
    pub reviewed_on: Option<String>,
    /// Whether this is Strongroom's draft (nothing saved yet).
    #[serde(default)]
    pub draft: bool,
}

fn setting_name(language: Language) -> &'static str {
    match language {
        Language::En => "notice.en",
        Language::Nl => "notice.nl",
    }
}

fn language_code(language: Language) -> &'static str {
    match language {
        Language::En => "en",
        Language::Nl => "nl",
    }
}

impl Vault {
    /// The privacy notice in `language`: the saved one, or a draft from the record of processing.
    /// For the owner, the privacy officer and the external auditor.
    pub fn privacy_notice(&self, actor: &Actor, language: Language) -> Result<Notice, AppError> {
        let ropa = self.ropa(actor)?;
        let mut tx = self.store.begin_snapshot()?;
        let Some((sealed, _)) = tx.setting(setting_name(language))? else { return Ok(draft_notice(&ropa, language)) };
        let sealed = crate::backups::settings::unhex(&sealed).ok_or_else(|| AppError::corrupt("the privacy notice is not sealed"))?;
        let json = self.open_host_secret(setting_name(language), &sealed)?;
        serde_json::from_slice(&json).map_err(|error| AppError::corrupt(format!("the privacy notice: {error}")))
    }

    /// Strongroom's draft in `language`, whatever was saved (to start again from).
    pub fn privacy_notice_draft(&self, actor: &Actor, language: Language) -> Result<Notice, AppError> {
        Ok(draft_notice(&self.ropa(actor)?, language))
    }

    /// Saves the shop's privacy notice in `language` with its version and the day the adviser
    /// reviewed it (not in the future). The owner and the privacy officer; recorded.
    pub fn save_privacy_notice(
        &self,
        actor: &Actor,
        language: Language,
        text: FreeText,
        version: ShortText,
        reviewed_on: Option<Date>,
        today: Date,
    ) -> Result<(), AppError> {
        self.require(actor, Permission::PrivacyRequests, AuditAction::RopaUpdate, None)?;
        if reviewed_on.is_some_and(|day| day > today) {
            return Err(DomainError::invalid("reviewed_on", "must not be in the future").into());
        }
        let notice = Notice {
            language: language_code(language).to_owned(),
            text: text.as_str().to_owned(),
            version: version.as_str().to_owned(),
            reviewed_on: reviewed_on.map(|day| day.to_string()),
            draft: false,
        };
        let json = serde_json::to_vec(&notice).map_err(|error| AppError::corrupt(error.to_string()))?;
        let sealed = crate::backups::settings::hex(&self.seal_host_secret(setting_name(language), &json)?);
        let mut tx = self.store.begin()?;
        tx.set_setting(setting_name(language), &sealed, now_micros())?;
        let detail = format!(
            "privacy notice ({}) version {} saved{}",
            notice.language,
            notice.version,
            notice.reviewed_on.as_ref().map_or_else(String::new, |day| format!(", reviewed by the adviser on {day}"))
        );
        self.record(tx.as_mut(), &[EventDraft::new(actor, AuditAction::RopaUpdate).detail(detail).finish(Outcome::Allowed)])?;
        tx.commit()?;
        Ok(())
    }
}

/// The draft: the record of processing in plain words, in `language`.
fn draft_notice(ropa: &Ropa, language: Language) -> Notice {
    let law = CountryLaw::for_country(ropa.country);
    let nl = language == Language::Nl;
    let pick = |en: &str, nl_text: &str| if nl { nl_text.to_owned() } else { en.to_owned() };
    let mut text = Vec::new();
    text.push(pick("Privacy notice", "Privacyverklaring"));
    text.push(format!(
        "{}{}",
        ropa.controller,
        ropa.address.as_ref().map_or_else(String::new, |address| format!(", {}", address.replace('\n', ", ")))
    ));
    if !ropa.shop.contact.is_empty() {
        text.push(format!("{} {}", pick("Questions about your data:", "Vragen over uw gegevens:"), ropa.shop.contact));
    }
    text.push(pick(
        "What we keep: your name and contact details, what you bought and brought in for repair, the preferences you tell us (ring sizes, wishes, allergies you ask us to remember), your marketing choices, and, for a cash sale the law names, a copy of your identity check.",
        "Wat we bewaren: uw naam en contactgegevens, wat u kocht en ter reparatie bracht, de voorkeuren die u ons vertelt (ringmaten, wensen, allergieën die we voor u onthouden), uw keuzes over reclame, en bij een contante verkoop waarvoor de wet het vraagt, de gegevens van uw identiteitscontrole.",
    ));
    text.push(pick(
        "Why the law allows it: the sale or repair you ask for (GDPR Art. 6(1)(b)); the shop's legal duties for tax and against money laundering (6(1)(c): for a large cash sale the identity check is required by law, and without it the sale cannot go ahead); the shop's legitimate interest in aftercare (6(1)(f)); and your consent for news and for health details such as an allergy you ask us to remember (6(1)(a), 9(2)(a)), which you may withdraw at any time.",
        "Waarom de wet het toestaat: de koop of reparatie die u vraagt (AVG art. 6 lid 1 onder b); de wettelijke plichten van de winkel voor de belasting en tegen witwassen (onder c: bij een grote contante verkoop is de identiteitscontrole wettelijk verplicht, en zonder die controle kan de verkoop niet doorgaan); het gerechtvaardigd belang van de winkel bij nazorg (onder f); en uw toestemming voor nieuws en voor gezondheidsgegevens zoals een allergie die we voor u onthouden (onder a, art. 9 lid 2 onder a), die u altijd kunt intrekken.",
    ));
    text.push(pick("Why: to sell to you and serve you, to repair and appraise your jewellery, for aftercare, to answer your questions, to meet the law (tax and anti-money-laundering), and, only with your consent, to send you news.", "Waarom: om u te helpen bij een aankoop, uw sieraden te repareren en te taxeren, voor nazorg, om uw vragen te beantwoorden, om aan de wet te voldoen (belasting en witwaswet), en alleen met uw toestemming om u nieuws te sturen."));
    text.push(if nl {
        format!(
            "Hoe lang: zolang u klant bent; na {} jaar zonder aankoop of opdracht kijken we of we uw gegevens nog nodig hebben. Verkoopgegevens bewaren we {} jaar voor de belasting, identificatiegegevens vijf jaar na de verkoop voor de witwaswet. Back-ups bewaren we hoogstens {} dagen.",
            ropa.review_after_years, ropa.tax_years, ropa.backup_days
        )
    } else {
        format!(
            "How long: as long as you are our customer; after {} years without a purchase or a job we check whether we still need your data. Sales records are kept {} years for the tax authority, identity checks five years after the sale for the anti-money-laundering law. Backups are kept at most {} days.",
            ropa.review_after_years, ropa.tax_years, ropa.backup_days
        )
    });
    if !ropa.shop.processors.is_empty() {
        let names: Vec<String> = ropa
            .shop
            .processors
            .iter()
            .map(|processor| format!("{} ({}, {})", processor.name, processor.service, processor.location))
            .collect();
        text.push(format!(
            "{} {}",
            pick("Companies that handle your data for us:", "Bedrijven die uw gegevens voor ons verwerken:"),
            names.join(", ")
        ));
    }
    text.push(pick(
        "How we protect it: every personal detail is encrypted on its own, only staff who need it can see it, every look at your record is recorded, and staff sign in with a second factor.",
        "Hoe we het beschermen: elk persoonsgegeven is apart versleuteld, alleen medewerkers die het nodig hebben kunnen het zien, elke inzage in uw dossier wordt vastgelegd, en medewerkers loggen in met een tweede factor.",
    ));
    text.push(pick(
        "Your rights: you may see your data and take it along, have it corrected or erased, have its use restricted, object to its use, and withdraw a consent at any time. Ask us at the counter or by letter or e-mail; we answer within a month.",
        "Uw rechten: u mag uw gegevens inzien en meenemen, laten verbeteren of wissen, het gebruik laten beperken, bezwaar maken tegen het gebruik, en een toestemming altijd intrekken. Vraag het ons aan de balie of per brief of e-mail; we antwoorden binnen een maand.",
    ));
    if let Some(law) = law {
        let [_, _, authority, _, _] = law.lines_in(language);
        text.push(format!(
            "{} {} ({})",
            pick("You may complain to the supervisory authority:", "U kunt een klacht indienen bij de toezichthouder:"),
            authority,
            law.authority_web
        ));
    }
    Notice { language: language_code(language).to_owned(), text: text.join("\n\n"), version: String::new(), reviewed_on: None, draft: true }
}
