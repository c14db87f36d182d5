//! Building audit events inside the gate. Every use-case finishes one of these drafts and
//! appends it in the same transaction as its work; the draft holds ids and data categories only.

use strongroom_audit::AuditEvent;
use strongroom_domain::{Actor, AuditAction, DataCategory, Outcome, RecordKind};
use uuid::Uuid;

use crate::now_micros;

/// An audit event being filled in by a use-case.
#[derive(Debug, Clone)]
pub(crate) struct EventDraft {
    event: AuditEvent,
}

impl EventDraft {
    pub(crate) fn new(actor: &Actor, action: AuditAction) -> EventDraft {
        EventDraft {
            event: AuditEvent {
                at_unix_micros: now_micros(),
                actor_kind: actor.kind.as_str().to_owned(),
                actor_name: actor.name.clone(),
                action: action.as_str().to_owned(),
                target_kind: None,
                target_id: None,
                categories: Vec::new(),
                purpose: None,
                client_addr: None,
                outcome: Outcome::Allowed.as_str().to_owned(),
                detail: None,
            },
        }
    }

    pub(crate) fn target(mut self, kind: RecordKind, id: Uuid) -> EventDraft {
        self.event.target_kind = Some(kind.as_str().to_owned());
        self.event.target_id = Some(id.into_bytes());
        self
    }

    /// Adds the categories of data this event disclosed or changed; kept sorted and unique.
    pub(crate) fn categories(mut self, categories: impl IntoIterator<Item = DataCategory>) -> EventDraft {
        self.event.categories.extend(categories.into_iter().map(|category| category.as_str().to_owned()));
        self.event.categories.sort();
        self.event.categories.dedup();
        self
    }

    pub(crate) fn purpose(mut self, purpose: Option<&str>) -> EventDraft {
        self.event.purpose = purpose.map(str::to_owned);
        self
    }

    /// The network address a request came from, where there is one.
    pub(crate) fn client(mut self, addr: Option<&str>) -> EventDraft {
        self.event.client_addr = addr.map(str::to_owned);
        self
    }

    /// A short note without personal data (counts, versions).
    pub(crate) fn detail(mut self, detail: impl Into<String>) -> EventDraft {
        self.event.detail = Some(detail.into());
        self
    }

    pub(crate) fn finish(mut self, outcome: Outcome) -> AuditEvent {
        self.event.outcome = outcome.as_str().to_owned();
        self.event
    }
}
