//! The words of the audit workspace and the audit report, English and Dutch: each language an
//! exhaustive `match`, so a word missing from one is a compile error. `{}` stands for a value.

use strongroom_domain::{AuditKind, FindingSeverity, Language};

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum A {
    Title,
    Intro,
    Calendar,
    NextInternal,
    NextExternal,
    Due,
    Held,
    NoneHeld,
    Views,
    Findings,
    NoFindings,
    Resolved,
    Open,
    AddFinding,
    FindingTitle,
    Severity,
    Detail,
    Recommendation,
    Add,
    ResolveNote,
    Resolve,
    RecordAudit,
    Kind,
    Internal,
    External,
    HeldOn,
    By,
    Scope,
    Record,
    Report,
    ReportTitle,
    MadeOn,
    Score,
    Risks,
    RisksLine,
    Devices,
    DevicesLine,
    Incidents,
    IncidentsLine,
    Trail,
    TrailWhole,
    TrailDamaged,
    Checkpoint,
    CheckpointHint,
    OpenQuestions,
    OnlyOwnerAndAuditor,
    Low,
    Medium,
    High,
    StartFindings,
    FreshReport,
    NoCheckpoint,
    Requests,
    RequestsIntro,
    Kind2,
    Channel,
    Status,
    Received,
    Due2,
    IdentityChecked,
    NoRequests,
}

pub(super) fn a(language: Language, word: A) -> &'static str {
    match language {
        Language::En => en(word),
        Language::Nl => nl(word),
    }
}

fn en(word: A) -> &'static str {
    match word {
        A::Title => "Audits",
        A::Intro => {
            "The shop reviews its security itself every quarter and has an outsider audit it every year. The external auditor reads here what they need, without any customer's data, and writes findings; each finding is the owner's task until it is resolved."
        }
        A::Calendar => "Calendar",
        A::NextInternal => "Next internal review",
        A::NextExternal => "Next external audit",
        A::Due => "due now",
        A::Held => "Audits held",
        A::NoneHeld => "None recorded yet.",
        A::Views => "What to look at",
        A::Findings => "Findings",
        A::NoFindings => "No findings.",
        A::Resolved => "resolved",
        A::Open => "open",
        A::AddFinding => "Write a finding",
        A::FindingTitle => "Finding",
        A::Severity => "How much it matters",
        A::Detail => "What was found",
        A::Recommendation => "What to do about it",
        A::Add => "Add the finding",
        A::ResolveNote => "How it was resolved",
        A::Resolve => "Resolved",
        A::RecordAudit => "Record an audit held",
        A::Kind => "Kind",
        A::Internal => "internal review",
        A::External => "external audit",
        A::HeldOn => "Held on",
        A::By => "By",
        A::Scope => "What it covered",
        A::Record => "Record it",
        A::Report => "The audit report, to print or save as a PDF",
        A::ReportTitle => "Security audit report",
        A::MadeOn => "Made on {} by {}",
        A::Score => "Security score",
        A::Risks => "Risks",
        A::RisksLine => "{} very high, {} high, {} medium, {} low; {} overdue for review",
        A::Devices => "Devices",
        A::DevicesLine => "{} devices, {} with a problem",
        A::Incidents => "Incidents",
        A::IncidentsLine => "{} open of {}",
        A::Trail => "Audit trail",
        A::TrailWhole => "{} events, checked whole when this report was made",
        A::TrailDamaged => "{} events; the check found the trail changed or damaged",
        A::Checkpoint => "Checkpoint of the audit trail",
        A::CheckpointHint => {
            "Signed for this report. Later, `strongroom audit verify --against` this file proves the trail still holds every event it covers, unchanged."
        }
        A::OpenQuestions => "Not yet in place",
        A::OnlyOwnerAndAuditor => "Only the owner and the external auditor see the audits.",
        A::Low => "low",
        A::Medium => "medium",
        A::High => "high",
        A::StartFindings => "Audit findings to deal with",
        A::FreshReport => "Make the report now: check the trail and sign a checkpoint for it",
        A::NoCheckpoint => "No checkpoint has been signed yet: make the report now on the audits page.",
        A::Requests => "Customers' requests, without whose they are",
        A::RequestsIntro => {
            "Every request under the GDPR: its kind, how it came in, where it stands, when it came and when it was due, and whether the person's identity was checked. Who asked, and what was written, stays with the privacy officer."
        }
        A::Kind2 => "Kind",
        A::Channel => "Came in by",
        A::Status => "Status",
        A::Received => "Received",
        A::Due2 => "Due",
        A::IdentityChecked => "Identity checked",
        A::NoRequests => "No requests yet.",
    }
}

fn nl(word: A) -> &'static str {
    match word {
        A::Title => "Audits",
        A::Intro => {
            "De winkel bekijkt zijn beveiliging elk kwartaal zelf en laat die elk jaar door een buitenstaander controleren. De externe auditor leest hier wat nodig is, zonder gegevens van klanten, en schrijft bevindingen; elke bevinding is een taak van de eigenaar tot ze is opgelost."
        }
        A::Calendar => "Kalender",
        A::NextInternal => "Volgende interne controle",
        A::NextExternal => "Volgende externe audit",
        A::Due => "nu aan de beurt",
        A::Held => "Gehouden audits",
        A::NoneHeld => "Nog niets vastgelegd.",
        A::Views => "Wat te bekijken",
        A::Findings => "Bevindingen",
        A::NoFindings => "Geen bevindingen.",
        A::Resolved => "opgelost",
        A::Open => "open",
        A::AddFinding => "Een bevinding schrijven",
        A::FindingTitle => "Bevinding",
        A::Severity => "Hoe zwaar het weegt",
        A::Detail => "Wat er is gevonden",
        A::Recommendation => "Wat eraan te doen",
        A::Add => "Bevinding toevoegen",
        A::ResolveNote => "Hoe het is opgelost",
        A::Resolve => "Opgelost",
        A::RecordAudit => "Een gehouden audit vastleggen",
        A::Kind => "Soort",
        A::Internal => "interne controle",
        A::External => "externe audit",
        A::HeldOn => "Gehouden op",
        A::By => "Door",
        A::Scope => "Wat het omvatte",
        A::Record => "Vastleggen",
        A::Report => "Het auditrapport, om te printen of als pdf te bewaren",
        A::ReportTitle => "Rapport van de beveiligingsaudit",
        A::MadeOn => "Gemaakt op {} door {}",
        A::Score => "Beveiligingsscore",
        A::Risks => "Risico's",
        A::RisksLine => "{} zeer hoog, {} hoog, {} middel, {} laag; {} te laat voor hun controle",
        A::Devices => "Apparaten",
        A::DevicesLine => "{} apparaten, {} met een probleem",
        A::Incidents => "Incidenten",
        A::IncidentsLine => "{} open van {}",
        A::Trail => "Auditspoor",
        A::TrailWhole => "{} gebeurtenissen, heel bevonden toen dit rapport werd gemaakt",
        A::TrailDamaged => "{} gebeurtenissen; de controle vond het spoor veranderd of beschadigd",
        A::Checkpoint => "Controlepunt van het auditspoor",
        A::CheckpointHint => {
            "Ondertekend voor dit rapport. Later bewijst `strongroom audit verify --against` met dit bestand dat het spoor nog elke gebeurtenis bevat die het dekt, onveranderd."
        }
        A::OpenQuestions => "Nog niet op orde",
        A::OnlyOwnerAndAuditor => "Alleen de eigenaar en de externe auditor zien de audits.",
        A::Low => "laag",
        A::Medium => "middel",
        A::High => "hoog",
        A::StartFindings => "Bevindingen van de audit om op te pakken",
        A::FreshReport => "Maak het rapport nu: controleer het spoor en onderteken er een controlepunt voor",
        A::NoCheckpoint => "Er is nog geen controlepunt ondertekend: maak het rapport nu op de auditpagina.",
        A::Requests => "Verzoeken van klanten, zonder van wie ze zijn",
        A::RequestsIntro => {
            "Elk verzoek onder de AVG: de soort, hoe het binnenkwam, hoe het ervoor staat, wanneer het kwam en wanneer het af moest zijn, en of de identiteit van de persoon is gecontroleerd. Wie het vroeg en wat er werd geschreven, blijft bij de privacyfunctionaris."
        }
        A::Kind2 => "Soort",
        A::Channel => "Binnengekomen via",
        A::Status => "Status",
        A::Received => "Ontvangen",
        A::Due2 => "Uiterlijk",
        A::IdentityChecked => "Identiteit gecontroleerd",
        A::NoRequests => "Nog geen verzoeken.",
    }
}

/// `word` with its `{}` filled by `values`, in order.
pub(super) fn filled(language: Language, word: A, values: &[&str]) -> String {
    super::parts::fill(a(language, word), values)
}

pub(super) fn severity_name(language: Language, severity: FindingSeverity) -> &'static str {
    a(
        language,
        match severity {
            FindingSeverity::Low => A::Low,
            FindingSeverity::Medium => A::Medium,
            FindingSeverity::High => A::High,
        },
    )
}

pub(super) fn kind_name(language: Language, kind: AuditKind) -> &'static str {
    a(
        language,
        match kind {
            AuditKind::Internal => A::Internal,
            AuditKind::External => A::External,
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_word_has_its_dutch() {
        for word in [A::Intro, A::RisksLine, A::CheckpointHint, A::StartFindings] {
            assert_ne!(en(word), nl(word), "{word:?}");
        }
        assert_eq!(filled(Language::En, A::IncidentsLine, &["1", "4"]), "1 open of 4");
    }
}
