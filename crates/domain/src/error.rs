//! The one error type of the domain crate: a value that failed its rules, naming the field.

/// A value from outside that does not satisfy the rules of its type.
///
/// Messages name the field and say what is wrong and, where it helps, what to do instead.
/// They never repeat the rejected value: it may be a card number or other personal data,
/// and error messages end up in logs and import reports.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DomainError {
    #[error("{field}: {reason}")]
    Invalid { field: &'static str, reason: String },
    /// PCI DSS 3.3/3.4: a primary account number may not be stored anywhere, free text included.
    #[error(
        "{field}: contains what looks like a payment card number, which may not be stored; \
         record the payment processor's token or the last four digits instead"
    )]
    CardNumber { field: &'static str },
}

impl DomainError {
    pub fn invalid(field: &'static str, reason: impl Into<String>) -> DomainError {
        DomainError::Invalid { field, reason: reason.into() }
    }

    /// The field this error is about, for reports that list errors per column.
    pub fn field(&self) -> &'static str {
        match self {
            DomainError::Invalid { field, .. } | DomainError::CardNumber { field } => field,
        }
    }
}
