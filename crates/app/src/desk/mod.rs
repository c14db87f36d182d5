//! The owner's security desk: the host doctor (`doctor.rs`: what it checks and how each check
//! reads, pure rules over facts; `host.rs`: the facts read from the machine Strongroom runs on),
//! `strongroom doctor [--json]`; the shop's devices (`devices.rs`: kept sealed in `desk_items`,
//! flagged by the rules of `domain::device_flags` against the tables of `tables.rs`); the risk
//! register (`risks.rs`: sealed in `desk_items`, seeded from the catalogue and from what
//! Strongroom finds).

pub mod assessment;
pub mod audits;
mod device_csv;
pub mod devices;
pub mod doctor;
pub mod evidence;
pub mod feeds;
pub mod fetch;
mod fuzz;
pub mod host;
pub mod risks;
pub mod tables;
pub mod trail_stats;
pub mod website;
mod website_address;
mod website_legacy;
mod website_net;
pub mod website_probe;

pub use self::assessment::{Assessed, Assessment, LatestScore};
pub use self::audits::{AuditDesk, AuditReport, FindingEntry, RequestLine};
pub use self::device_csv::{COLUMNS as DEVICE_COLUMNS, MAX_DEVICES, RowProblem};
pub use self::devices::{DeviceEntry, DeviceList};
pub use self::doctor::{Check, Status};
pub use self::evidence::{EvidenceRef, MAX_EVIDENCE_BYTES};
pub use self::feeds::{FeedItem, FeedSource, FeedState, News};
pub use self::fuzz::fuzz_desk_files;
pub use self::host::{HostFacts, HostPaths};
pub use self::risks::{RiskEntry, RiskRegister};
pub use self::tables::{DeskTables, Table};
pub use self::trail_stats::{Kind as TrailKind, MonthTally, Tally, TrailStatistics, trail_months};
