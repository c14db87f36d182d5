//! Who may do what: roles, the permission matrix, actors and the audit vocabulary.
//!
//! The matrix lives here, as data, so the `app` gate enforces it and the docs print it from one
//! place. Least privilege: each role gets what its work at the counter or in the office needs.

use std::fmt;

/// A staff role. Roles are fixed; a shop assigns them, it does not invent new ones.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Role {
    Owner,
    Manager,
    Sales,
    Workshop,
    PrivacyOfficer,
    ExternalAuditor,
}

/// Something an actor may be allowed to do.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Permission {
    CustomerRead,
    CustomerWrite,
    CustomerImport,
    PurchaseRead,
    PurchaseWrite,
    RepairRead,
    RepairWrite,
    AmlRead,
    AmlWrite,
    StaffManage,
    SettingsManage,
    KeysManage,
    AuditRead,
    Export,
    /// Voiding or refunding a sale: money leaves the till, so not every seller may.
    PurchaseCorrect,
    /// Merging two records of one person: the duplicate's key is destroyed.
    CustomerMerge,
    /// Making, checking and restoring backups: a backup holds every record (sealed).
    BackupManage,
    /// Reporting something that went wrong: everyone, so that nobody waits to tell.
    IncidentReport,
    /// Reading the incident register (the external auditor too: it holds no customer's data).
    IncidentRead,
    /// Working incidents: status, severity, breach records and letters.
    IncidentManage,
    /// Customers' requests under the GDPR: opening, extending, answering them.
    PrivacyRequests,
    /// Reading the security desk: the devices, and the risks, self-assessment and audits as
    /// they come (the external auditor too: none of it is a customer's data).
    DeskRead,
    /// Writing findings and recording external audits: the external auditor's work (and the
    /// owner's).
    DeskFindings,
    /// The shop's password vault: the entries shared with one (each entry's shares say how far).
    SecretUse,
    /// Adding entries to the shop's password vault and importing them (the adder manages theirs).
    SecretManage,
    /// Taking the monthly security training: everyone on the staff.
    TrainingTake,
    /// Reading everyone's training (the owner, the privacy officer, and the external auditor
    /// as evidence): names, lessons and scores, never a customer's data.
    TrainingOverview,
}

impl Permission {
    fn bit(self) -> u32 {
        1 << (Permission::ALL.iter().position(|permission| *permission == self).unwrap_or(31) as u32)
    }

    /// In the order of their bits (a new permission goes last).
    pub const ALL: [Permission; 27] = [
        Permission::CustomerRead,
        Permission::CustomerWrite,
        Permission::CustomerImport,
        Permission::PurchaseRead,
        Permission::PurchaseWrite,
        Permission::RepairRead,
        Permission::RepairWrite,
        Permission::AmlRead,
        Permission::AmlWrite,
        Permission::StaffManage,
        Permission::SettingsManage,
        Permission::KeysManage,
        Permission::AuditRead,
        Permission::Export,
        Permission::PurchaseCorrect,
        Permission::CustomerMerge,
        Permission::BackupManage,
        Permission::IncidentReport,
        Permission::IncidentRead,
        Permission::IncidentManage,
        Permission::PrivacyRequests,
        Permission::DeskRead,
        Permission::DeskFindings,
        Permission::SecretUse,
        Permission::SecretManage,
        Permission::TrainingTake,
        Permission::TrainingOverview,
    ];
}

impl Role {
    pub const ALL: [Role; 6] = [Role::Owner, Role::Manager, Role::Sales, Role::Workshop, Role::PrivacyOfficer, Role::ExternalAuditor];

    pub fn as_str(&self) -> &'static str {
        match self {
            Role::Owner => "owner",
            Role::Manager => "manager",
            Role::Sales => "sales",
            Role::Workshop => "workshop",
            Role::PrivacyOfficer => "privacy_officer",
            Role::ExternalAuditor => "external_auditor",
        }
    }

    /// The permission matrix. ARCHITECTURE.md prints it as a table; a test keeps them equal.
    pub fn allows(&self, permission: Permission) -> bool {
        use Permission as P;
        match self {
            Role::Owner => true,
            Role::Manager => !matches!(
                permission,
                P::AmlRead
                    | P::SettingsManage
                    | P::KeysManage
                    | P::AuditRead
                    | P::Export
                    | P::BackupManage
                    | P::IncidentRead
                    | P::IncidentManage
                    | P::PrivacyRequests
                    | P::DeskRead
                    | P::DeskFindings
                    | P::TrainingOverview
            ),
            Role::Sales => matches!(
                permission,
                P::CustomerRead
                    | P::CustomerWrite
                    | P::PurchaseRead
                    | P::PurchaseWrite
                    | P::RepairRead
                    | P::RepairWrite
                    | P::AmlWrite
                    | P::IncidentReport
                    | P::SecretUse
                    | P::TrainingTake
            ),
            Role::Workshop => {
                matches!(permission, P::CustomerRead | P::RepairRead | P::RepairWrite | P::IncidentReport | P::SecretUse | P::TrainingTake)
            }
            Role::PrivacyOfficer => matches!(
                permission,
                P::CustomerRead
                    | P::PurchaseRead
                    | P::RepairRead
                    | P::AmlRead
                    | P::AuditRead
                    | P::Export
                    | P::IncidentReport
                    | P::IncidentRead
                    | P::IncidentManage
                    | P::PrivacyRequests
                    | P::SecretUse
                    | P::TrainingTake
                    | P::TrainingOverview
            ),
            // The accountant or external auditor sees policies, logs and evidence, never a customer.
            Role::ExternalAuditor => {
                matches!(
                    permission,
                    P::AuditRead | P::IncidentReport | P::IncidentRead | P::DeskRead | P::DeskFindings | P::TrainingOverview
                )
            }
        }
    }

    /// Which fields of a customer this role sees on a record it may read (data minimisation,
    /// GDPR Art. 5(1)(c)): the workshop sees whose job it is and how to call them, never their
    /// address, birthday, partner, health data or preferences. The gate removes the others
    /// before a record leaves `app`, and records only what was shown.
    pub fn sees_customer_field(&self, field: crate::Field) -> bool {
        use crate::Field as F;
        match self {
            Role::Workshop => matches!(field, F::CustomerName | F::CustomerPhone),
            _ => self.allows(Permission::CustomerRead),
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Through which door an actor came in.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ActorKind {
    /// The owner at the back-office PC, holding the key, recorded with the OS user name.
    Cli,
    Staff,
    ApiToken,
    System,
}

impl ActorKind {
    pub fn as_str(&self) -> &'static str {
        match self {
            ActorKind::Cli => "cli",
            ActorKind::Staff => "staff",
            ActorKind::ApiToken => "api_token",
            ActorKind::System => "system",
        }
    }
}

/// Someone or something acting on the vault: every use-case takes one, every audit event names one.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Actor {
    pub kind: ActorKind,
    pub name: String,
    pub role: Role,
    /// Proved recently that they are who they say (a staff member who typed their password
    /// again within the shop's step-up window; the shop key's holder; the system). Sensitive
    /// use-cases refuse staff without it.
    pub stepped_up: bool,
    /// For an API token: the permissions its scopes grant, within its creator's role.
    pub scope: Option<PermissionSet>,
    /// For an API token: its id. Its name is how people know it, but a name may be used again
    /// once a token is revoked; what is kept per token (idempotency keys) is kept by id.
    pub token_id: Option<uuid::Uuid>,
}

/// A set of permissions (an API token's scopes).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct PermissionSet(u32);

impl PermissionSet {
    pub fn of(permissions: impl IntoIterator<Item = Permission>) -> PermissionSet {
        PermissionSet(permissions.into_iter().fold(0, |bits, permission| bits | permission.bit()))
    }

    pub fn contains(&self, permission: Permission) -> bool {
        self.0 & permission.bit() != 0
    }

    pub fn iter(&self) -> impl Iterator<Item = Permission> + '_ {
        Permission::ALL.into_iter().filter(|permission| self.contains(*permission))
    }
}

impl fmt::Debug for PermissionSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(self.iter()).finish()
    }
}

/// What an integration's API token may be given. Each scope is one permission; a token never
/// gets more than its creator's role allows.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Scope {
    CustomersRead,
    CustomersWrite,
    PurchasesRead,
    PurchasesWrite,
    RepairsRead,
    RepairsWrite,
}

impl Scope {
    pub const ALL: [Scope; 6] =
        [Scope::CustomersRead, Scope::CustomersWrite, Scope::PurchasesRead, Scope::PurchasesWrite, Scope::RepairsRead, Scope::RepairsWrite];

    pub fn as_str(&self) -> &'static str {
        match self {
            Scope::CustomersRead => "customers:read",
            Scope::CustomersWrite => "customers:write",
            Scope::PurchasesRead => "purchases:read",
            Scope::PurchasesWrite => "purchases:write",
            Scope::RepairsRead => "repairs:read",
            Scope::RepairsWrite => "repairs:write",
        }
    }

    pub fn permission(&self) -> Permission {
        match self {
            Scope::CustomersRead => Permission::CustomerRead,
            Scope::CustomersWrite => Permission::CustomerWrite,
            Scope::PurchasesRead => Permission::PurchaseRead,
            Scope::PurchasesWrite => Permission::PurchaseWrite,
            Scope::RepairsRead => Permission::RepairRead,
            Scope::RepairsWrite => Permission::RepairWrite,
        }
    }

    pub fn parse(input: &str) -> Result<Scope, crate::DomainError> {
        let wanted = input.trim().to_ascii_lowercase();
        Scope::ALL.into_iter().find(|scope| scope.as_str() == wanted).ok_or_else(|| {
            let names: Vec<&str> = Scope::ALL.iter().map(Scope::as_str).collect();
            crate::DomainError::invalid("scope", format!("must be one of {}", names.join(", ")))
        })
    }
}

impl Actor {
    /// The CLI user: whoever holds the shop key at the back-office PC acts as the owner.
    pub fn cli(os_user: &str) -> Actor {
        Actor { kind: ActorKind::Cli, name: os_user.to_owned(), role: Role::Owner, stepped_up: true, scope: None, token_id: None }
    }

    /// A background job or tool of Strongroom's own (demo generator, benchmark).
    pub fn system(name: &str) -> Actor {
        Actor { kind: ActorKind::System, name: name.to_owned(), role: Role::Owner, stepped_up: true, scope: None, token_id: None }
    }

    /// A signed-in staff member.
    pub fn staff(name: &str, role: Role, stepped_up: bool) -> Actor {
        Actor { kind: ActorKind::Staff, name: name.to_owned(), role, stepped_up, scope: None, token_id: None }
    }

    /// An integration's API token: its creator's role, limited to the token's scopes.
    pub fn api_token(id: uuid::Uuid, name: &str, role: Role, scope: PermissionSet) -> Actor {
        Actor { kind: ActorKind::ApiToken, name: name.to_owned(), role, stepped_up: false, scope: Some(scope), token_id: Some(id) }
    }

    pub fn may(&self, permission: Permission) -> bool {
        self.role.allows(permission) && self.scope.is_none_or(|scope| scope.contains(permission))
    }
}

/// What an audit event says happened.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum AuditAction {
    VaultInit,
    CustomerCreate,
    CustomerRead,
    CustomerUpdate,
    CustomerFind,
    CustomerList,
    CustomerImport,
    /// A duplicate record merged into another, its key destroyed.
    CustomerMerge,
    PurchaseCreate,
    PurchaseList,
    /// A sale voided, with its reason.
    PurchaseVoid,
    /// Part or all of a sale refunded, with its reason.
    PurchaseRefund,
    RepairCreate,
    /// A workshop job moved on the board.
    RepairUpdate,
    /// The workshop board: open jobs by status.
    RepairList,
    AmlCreate,
    AmlRead,
    KeysStatus,
    KeysRotate,
    KeysRetire,
    DataKeyDestroy,
    AuditRead,
    AuditVerify,
    AuditCheckpoint,
    AuditProve,
    StaffCreate,
    StaffList,
    StaffDisable,
    StaffEnable,
    StaffSetRole,
    StaffResetSecondFactor,
    StaffUnlock,
    StaffResetPassword,
    /// A person chose the language of their pages.
    StaffSetLanguage,
    /// A staff member set their first password with an enrolment code.
    StaffEnrol,
    /// The password step of signing in (failures included).
    SignInPassword,
    /// The second-factor step of signing in: a TOTP code or a recovery code.
    SignInSecondFactor,
    /// An account locked after too many failed sign-ins.
    SignInLockout,
    SignOut,
    SessionEnd,
    PasswordChange,
    SecondFactorEnrol,
    /// A person removed one of their own second factors (a passkey).
    SecondFactorRemove,
    RecoveryCodesIssue,
    StepUp,
    TokenCreate,
    TokenList,
    TokenRevoke,
    /// A request with an unknown, expired or revoked API token.
    TokenRefused,
    /// A row that grants access (an account, a session, a token) failed its MAC and was refused.
    TamperedRow,
    /// The rows that grant access were given their MACs (a new vault, or the one-time upgrade).
    AccessRowsKeyed,
    /// An account whose row failed its check was given a fresh start by the owner.
    StaffRepair,
    /// Customers already in a store were given the entries of a newer search index (their names
    /// read once, by the system, when the vault was opened).
    CustomerReindex,
    /// A backup of the whole vault was written (or failed to be).
    BackupCreate,
    /// This vault was restored from a backup.
    BackupRestore,
    /// The newest backup of each folder was restored into a temporary place and checked.
    BackupDrill,
    /// The shop key was written out for the paper recovery kit.
    KeysRecoveryKit,
    /// Backups past the folder's keeping were deleted.
    BackupPrune,
    /// The backup settings (folders, the day's time, the keeping) were changed.
    BackupSettings,
    /// Someone reported something that went wrong.
    IncidentReport,
    /// The incident register, or one incident, was read.
    IncidentRead,
    /// An incident's status changed.
    IncidentUpdate,
    /// An incident's severity was assessed.
    IncidentAssess,
    /// An incident was recorded as a personal-data breach (or its record changed).
    IncidentBreach,
    /// A breach's reach was read from the audit trail and attached to it as evidence.
    IncidentImpact,
    /// An incident's response steps were started, or one was marked done.
    IncidentTask,
    /// Letters to the customers a breach reached were written and queued: each customer's
    /// name and address opened to seal their own letter.
    IncidentLetter,
    /// The shop's own version of a kind's playbook was changed, or read.
    IncidentPlaybook,
    /// The shop's mail settings were changed.
    MailSettings,
    /// A test message was sent to check the mail settings.
    MailTest,
    /// A queued message was handed to the shop's mail server (for a customer's letter, a
    /// disclosure of their name and address to it).
    MailSend,
    /// A queued message was put back in the queue, marked sent by hand or cancelled.
    MailQueue,
    /// A customer's request under the GDPR was recorded.
    RequestOpen,
    /// The register of requests, or one request, was read.
    RequestRead,
    /// A request changed: the identity check recorded, extended, answered or refused.
    RequestUpdate,
    /// A customer's complete data was put together for their access or portability request: a
    /// disclosure to the customer.
    RequestExport,
    /// An AML identity record was deleted because its keeping ended (retention).
    AmlDelete,
    /// A sale of an erased customer kept for the tax authority was deleted: its term ended.
    SaleDelete,
    /// The shop's own part of the record of processing (places, processors, contact) was saved.
    RopaUpdate,
    /// The customers who consent to marketing on a channel were listed with their contact.
    MarketingExport,
    /// A customer with nothing for years was kept after a review, with the reason.
    RetentionReview,
    /// A check of the host doctor came out differently from its last daily run.
    DoctorChange,
    /// A device of the shop added, changed, removed or imported.
    DeviceUpdate,
    /// A finding written or resolved.
    AuditFinding,
    /// An audit held recorded (internal review or external audit).
    AuditHeld,
    /// A sign-in setting changed on the security settings page, with its cost.
    SettingsChange,
    /// The news feeds followed changed, or were refreshed.
    FeedsUpdate,
    /// The owner answered a question of the self-assessment.
    AssessmentAnswer,
    /// A risk of the register added, changed, reviewed or removed.
    RiskUpdate,
    /// A look at the security desk refused (allowed looks are not recorded: nothing personal).
    DeskRead,
    /// The end-of-life table or CISA's catalogue refreshed from a file or an address.
    DeskTables,
    /// The virus scanner found malware in a file from outside; it was refused.
    UploadInfected,
    /// A file from outside could not be scanned: refused, or taken unscanned where the shop
    /// allows that.
    UploadUnscanned,
    /// An entry added to the shop's password vault (or imported).
    SecretCreate,
    /// The vault's entries listed (names only, never a password).
    SecretList,
    /// A password of the vault shown or copied, by whom.
    SecretReveal,
    /// An entry changed (its password, its shares) or removed.
    SecretUpdate,
    /// The whole vault exported by the owner.
    SecretExport,
    /// A quiz of the security training answered (the lesson and the score), or refused.
    TrainingAnswer,
    /// The training changed by the owner: the course begun, a lesson of the shop's own, an
    /// in-person session's attendance.
    TrainingChange,
}

impl AuditAction {
    /// Whether an event with this action (as the trail stores it) only showed a customer among
    /// others (a search, a list, the workshop board or the start page's lists) rather than
    /// opening or changing their record: "who accessed" and "accessed by" count them apart.
    pub fn only_lists(action: &str) -> bool {
        [AuditAction::CustomerFind, AuditAction::CustomerList, AuditAction::RepairList].iter().any(|listing| listing.as_str() == action)
    }

    pub fn as_str(&self) -> &'static str {
        match self {
            AuditAction::VaultInit => "vault.init",
            AuditAction::CustomerCreate => "customer.create",
            AuditAction::CustomerRead => "customer.read",
            AuditAction::CustomerUpdate => "customer.update",
            AuditAction::CustomerFind => "customer.find",
            AuditAction::CustomerList => "customer.list",
            AuditAction::CustomerImport => "customer.import",
            AuditAction::CustomerMerge => "customer.merge",
            AuditAction::PurchaseCreate => "purchase.create",
            AuditAction::PurchaseList => "purchase.list",
            AuditAction::PurchaseVoid => "purchase.void",
            AuditAction::PurchaseRefund => "purchase.refund",
            AuditAction::RepairCreate => "repair.create",
            AuditAction::RepairUpdate => "repair.update",
            AuditAction::RepairList => "repair.list",
            AuditAction::AmlCreate => "aml.create",
            AuditAction::AmlRead => "aml.read",
            AuditAction::KeysStatus => "keys.status",
            AuditAction::KeysRotate => "keys.rotate",
            AuditAction::KeysRetire => "keys.retire",
            AuditAction::DataKeyDestroy => "data_key.destroy",
            AuditAction::AuditRead => "audit.read",
            AuditAction::AuditVerify => "audit.verify",
            AuditAction::AuditCheckpoint => "audit.checkpoint",
            AuditAction::AuditProve => "audit.prove",
            AuditAction::StaffCreate => "staff.create",
            AuditAction::StaffList => "staff.list",
            AuditAction::StaffDisable => "staff.disable",
            AuditAction::StaffEnable => "staff.enable",
            AuditAction::StaffSetRole => "staff.set_role",
            AuditAction::StaffResetSecondFactor => "staff.reset_2fa",
            AuditAction::StaffUnlock => "staff.unlock",
            AuditAction::StaffResetPassword => "staff.reset_password",
            AuditAction::StaffSetLanguage => "staff.set_language",
            AuditAction::StaffEnrol => "staff.enrol",
            AuditAction::SignInPassword => "signin.password",
            AuditAction::SignInSecondFactor => "signin.second_factor",
            AuditAction::SignInLockout => "signin.lockout",
            AuditAction::SignOut => "signin.sign_out",
            AuditAction::SessionEnd => "session.end",
            AuditAction::PasswordChange => "password.change",
            AuditAction::SecondFactorEnrol => "factor.enrol",
            AuditAction::SecondFactorRemove => "factor.remove",
            AuditAction::RecoveryCodesIssue => "factor.recovery_codes",
            AuditAction::StepUp => "signin.step_up",
            AuditAction::TokenCreate => "token.create",
            AuditAction::TokenList => "token.list",
            AuditAction::TokenRevoke => "token.revoke",
            AuditAction::TokenRefused => "token.refused",
            AuditAction::TamperedRow => "security.tampered_row",
            AuditAction::AccessRowsKeyed => "security.access_rows_keyed",
            AuditAction::StaffRepair => "staff.repair",
            AuditAction::CustomerReindex => "customer.reindex",
            AuditAction::BackupCreate => "backup.create",
            AuditAction::BackupRestore => "backup.restore",
            AuditAction::BackupDrill => "backup.drill",
            AuditAction::KeysRecoveryKit => "keys.recovery_kit",
            AuditAction::BackupPrune => "backup.prune",
            AuditAction::BackupSettings => "backup.settings",
            AuditAction::IncidentReport => "incident.report",
            AuditAction::IncidentRead => "incident.read",
            AuditAction::IncidentUpdate => "incident.update",
            AuditAction::IncidentAssess => "incident.assess",
            AuditAction::IncidentBreach => "incident.breach",
            AuditAction::IncidentImpact => "incident.impact",
            AuditAction::IncidentTask => "incident.task",
            AuditAction::IncidentLetter => "incident.letter",
            AuditAction::IncidentPlaybook => "incident.playbook",
            AuditAction::MailSettings => "mail.settings",
            AuditAction::MailTest => "mail.test",
            AuditAction::MailSend => "mail.send",
            AuditAction::MailQueue => "mail.queue",
            AuditAction::RequestOpen => "request.open",
            AuditAction::RequestRead => "request.read",
            AuditAction::RequestUpdate => "request.update",
            AuditAction::RequestExport => "request.export",
            AuditAction::AmlDelete => "aml.delete",
            AuditAction::SaleDelete => "sale.delete",
            AuditAction::RopaUpdate => "ropa.update",
            AuditAction::MarketingExport => "marketing.export",
            AuditAction::RetentionReview => "retention.review",
            AuditAction::DoctorChange => "doctor.change",
            AuditAction::DeviceUpdate => "device.update",
            AuditAction::DeskTables => "desk.tables",
            AuditAction::DeskRead => "desk.read",
            AuditAction::RiskUpdate => "risk.update",
            AuditAction::AssessmentAnswer => "assessment.answer",
            AuditAction::FeedsUpdate => "feeds.update",
            AuditAction::SettingsChange => "settings.change",
            AuditAction::AuditFinding => "audit.finding",
            AuditAction::AuditHeld => "audit.held",
            AuditAction::UploadInfected => "upload.infected",
            AuditAction::UploadUnscanned => "upload.unscanned",
            AuditAction::SecretCreate => "secret.create",
            AuditAction::SecretList => "secret.list",
            AuditAction::SecretReveal => "secret.reveal",
            AuditAction::SecretUpdate => "secret.update",
            AuditAction::SecretExport => "secret.export",
            AuditAction::TrainingAnswer => "training.answer",
            AuditAction::TrainingChange => "training.change",
        }
    }
}

/// How an attempt ended.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Outcome {
    Allowed,
    Denied,
    Failed,
}

impl Outcome {
    pub fn as_str(&self) -> &'static str {
        match self {
            Outcome::Allowed => "allowed",
            Outcome::Denied => "denied",
            Outcome::Failed => "failed",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_external_auditor_never_sees_a_customer() {
        let auditor = Role::ExternalAuditor;
        for permission in
            [Permission::CustomerRead, Permission::PurchaseRead, Permission::RepairRead, Permission::AmlRead, Permission::Export]
        {
            assert!(!auditor.allows(permission), "{permission:?}");
        }
        assert!(auditor.allows(Permission::AuditRead));
    }

    #[test]
    fn identity_documents_are_read_only_by_the_owner_and_privacy_officer() {
        let readers: Vec<Role> = Role::ALL.into_iter().filter(|role| role.allows(Permission::AmlRead)).collect();
        assert_eq!(readers, [Role::Owner, Role::PrivacyOfficer]);
    }

    #[test]
    fn everyone_may_report_an_incident_and_only_the_owner_and_privacy_officer_work_them() {
        assert!(Role::ALL.iter().all(|role| role.allows(Permission::IncidentReport)));
        let managers: Vec<Role> = Role::ALL.into_iter().filter(|role| role.allows(Permission::IncidentManage)).collect();
        assert_eq!(managers, [Role::Owner, Role::PrivacyOfficer]);
        let readers: Vec<Role> = Role::ALL.into_iter().filter(|role| role.allows(Permission::IncidentRead)).collect();
        assert_eq!(readers, [Role::Owner, Role::PrivacyOfficer, Role::ExternalAuditor]);
    }

    #[test]
    fn only_the_owner_and_privacy_officer_handle_customers_requests() {
        let handlers: Vec<Role> = Role::ALL.into_iter().filter(|role| role.allows(Permission::PrivacyRequests)).collect();
        assert_eq!(handlers, [Role::Owner, Role::PrivacyOfficer]);
    }

    #[test]
    fn the_workshop_does_not_see_purchases() {
        assert!(!Role::Workshop.allows(Permission::PurchaseRead));
        assert!(Role::Workshop.allows(Permission::RepairWrite));
    }
}

#[cfg(test)]
mod scope_tests {
    use super::*;

    #[test]
    fn a_token_may_do_only_what_both_its_scopes_and_its_role_allow() {
        let scope = PermissionSet::of([Scope::CustomersRead.permission(), Scope::PurchasesWrite.permission()]);
        let token = Actor::api_token(uuid::Uuid::nil(), "pos", Role::Sales, scope);
        assert!(token.may(Permission::CustomerRead) && token.may(Permission::PurchaseWrite));
        assert!(!token.may(Permission::CustomerWrite), "not in its scopes");
        let workshop_token = Actor::api_token(uuid::Uuid::nil(), "bench", Role::Workshop, scope);
        assert!(!workshop_token.may(Permission::PurchaseWrite), "not in its creator's role");
        for scope in Scope::ALL {
            assert_eq!(Scope::parse(scope.as_str()).unwrap(), scope);
        }
        assert!(Scope::parse("admin").unwrap_err().to_string().contains("customers:read"));
        assert_eq!(PermissionSet::of(Permission::ALL).iter().count(), Permission::ALL.len());
    }
}
