//! The owner's security desk. So far: the host doctor (`doctor.rs`: what it checks and how each
//! check reads, pure rules over facts; `host.rs`: the facts read from the machine Strongroom runs
//! on), `strongroom doctor [--json]`.

pub mod doctor;
pub mod host;

pub use self::doctor::{Check, Status};
pub use self::host::{HostFacts, HostPaths};
