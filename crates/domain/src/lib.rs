//! Strongroom's domain: the jeweler's records and the rules about them, as typed values.
//!
//! Every value that enters from outside (a CLI flag, a CSV cell, later a form or a JSON body)
//! is parsed into one of these types at the edge; code further in never re-checks it.
//! This crate does no IO, knows no serialisation format and holds no keys: ids are generated,
//! clocks read and bytes sealed by the crates above it.

mod access;
mod aml;
mod assessment;
mod audit_plan;
mod backup;
mod card;
mod category;
mod customer;
mod device;
mod error;
#[doc(hidden)]
pub mod fuzzing;
mod holds;
mod ids;
mod incident;
mod law;
mod lifecycle;
mod mail;
mod money;
mod normalise;
mod phone;
mod playbook;
mod purchase;
mod purpose;
mod repair;
mod request;
mod risk;
mod risk_catalogue;
mod secret;
mod severity;
mod staff;
mod text;
mod tips;
mod training;
mod when;

pub use access::{Actor, ActorKind, AuditAction, Outcome, Permission, PermissionSet, Role, Scope};
pub use aml::{AML_RETENTION_YEARS, AmlRecord, AmlRulePack, IdDocumentNumber, IdDocumentType, IssuingCountry, aml_retention_end};
pub use assessment::{Answerer, CeControl, NcscTopic, QUESTIONS, Question, Standing, question, score};
pub use audit_plan::{AuditHeld, AuditKind, Finding, FindingSeverity};
pub use backup::{BackupSettings, MAX_BACKUP_FOLDERS, RETENTION_MAX, Retention, TimeOfDay};
pub use card::contains_card_number;
pub use category::{DataCategory, Field, RecordKind};
pub use customer::{ConsentChannel, Customer, CustomerPatch, CustomerText, MarketingConsent, NewCustomer};
pub use device::{Answer, Device, DeviceKind, MAX_PROGRAMS, Software};
pub use error::DomainError;
pub use holds::{SET_BY_SHOP, TAX_YEARS_MAX, TaxRetention};
pub use ids::{AmlRecordId, CorrectionId, CustomerId, IdempotencyKey, IncidentId, PurchaseId, RepairId, RequestId};
pub use incident::{BreachOutcome, BreachRecord, BreachType, Incident, IncidentKind, IncidentStatus, NOTIFY_WITHIN, NewIncident};
pub use law::CountryLaw;
pub use lifecycle::{Cycle, DeviceFlag, EolTable, KevCatalogue, KevEntry, Product, SupportEnd, UPDATE_DAYS, device_flags};
pub use mail::{MAX_ALERT_ADDRESSES, MailHost, MailSecurity, MailSettings};
pub use money::{Currency, Money};
pub use normalise::{EmailAddress, NAME_PREFIX_MAX, NAME_PREFIX_MIN, name_matches, name_prefixes, name_tokens, search_prefix};
pub use phone::{Country, PhoneE164};
pub use playbook::{Step, playbook};
pub use purchase::{
    CardBrand, CardExpiry, CorrectionKind, LastFour, PaymentReference, ProcessorToken, Purchase, PurchaseItem, SaleCorrection, SaleState,
};
pub use purpose::{Purpose, Purposes, STANDARD_PURPOSES};
pub use repair::{JobKind, JobStatus, Repair, TicketCode};
pub use request::{NewRequest, RequestChannel, RequestKind, RequestStatus, add_months, extended_due, may_extend, request_due};
pub use risk::{Risk, RiskLevel, Treatment, parse_rating};
pub use risk_catalogue::{CatalogueRisk, RISK_CATALOGUE, catalogue_risk};
pub use secret::{
    SECRET_MAX_AGE_DAYS, SECRET_MAX_CHARS, SECRET_MIN_SCORE, SecretFacts, SecretFlag, SecretInfo, SecretText, Share, ShareLevel, Sharee,
    merge_shares, parse_secret_url, parse_totp_secret, secret_flags, share_level,
};
pub use severity::{Severity, SeverityBand, proposed_dpc};
pub use staff::{Language, StaffName};
pub use text::{FreeText, PersonName, PostalAddress, ShortText};
pub use tips::{TIPS, Tip, tip_for};
pub use training::{
    DRILL_TEMPLATES, DrillTemplate, ESCALATE_AFTER_DAYS, LATE_JOINER_DAYS, Lesson, LessonQuestion, OWN_LESSONS_MAX, OwnLesson, OwnQuestion,
    PlanEntry, Planned, QuizScore, TrainingState, Words, basics_due, course, drill_template, lesson, lesson_due, lesson_of_month,
    month_end, month_start, parse_quiz, plan, quiz_text, score_quiz, training_state,
};
pub use when::{parse_birth_date, parse_date};
