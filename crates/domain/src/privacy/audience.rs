//! Who reads a stream.
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::envelope::{Actor, Role};
use crate::ids::{EnterpriseId, HostId};

/// The reader of a stream, from its account's role and subject.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Audience {
    /// Organizer staff: the whole log, byte for byte.
    Organizer,
    /// One enterprise: the public facts, plus its own profile, bookings, waitlist places,
    /// invitations, marks and reasons.
    Enterprise(EnterpriseId),
    /// One host: the public facts (sessions are public; see `filter`).
    Host(HostId),
    /// Anyone else (no account, or a role without its subject).
    Public,
}

impl Audience {
    /// The audience of an account: its role and the enterprise or host it belongs to. An
    /// enterprise or host role without a subject sees what the public sees.
    pub fn of(role: Role, subject: Option<Uuid>) -> Audience {
        match (role, subject) {
            (Role::Organizer, _) => Audience::Organizer,
            (Role::Enterprise, Some(id)) => Audience::Enterprise(EnterpriseId(id)),
            (Role::Host, Some(id)) => Audience::Host(HostId(id)),
            (_, None) => Audience::Public,
        }
    }

    /// The enterprise this audience is, if any.
    pub fn enterprise(&self) -> Option<EnterpriseId> {
        match self {
            Audience::Enterprise(e) => Some(*e),
            _ => None,
        }
    }

    /// Is `actor` this audience itself (an enterprise or host acting for itself)?
    pub fn is(&self, actor: &Actor) -> bool {
        match self {
            Audience::Organizer => actor.role == Role::Organizer,
            Audience::Enterprise(e) => actor.role == Role::Enterprise && actor.subject == Some(e.0),
            Audience::Host(h) => actor.role == Role::Host && actor.subject == Some(h.0),
            Audience::Public => false,
        }
    }
}
