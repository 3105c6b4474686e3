//! Who may do what: the role rules, each written once and called both by the commands'
//! `decide` (with the command's name) and by [`crate::judge`] on recorded events (with the
//! event's name). A refusal is [`DomainError::Forbidden`].
//!
//! Who an actor is comes from the log's envelope; on fairlog-server it is the signed-in account
//! (role, name, subject = its enterprise or host), never what a browser claims. Organizers act on
//! everything, in every district: the public employment service's staff plan fairs across
//! districts together, and a district scope would need a district on every account and every
//! fair's organizer, which nothing in the domain carries yet.
use crate::envelope::{Actor, Role};
use crate::error::DomainError;
use crate::ids::{EnterpriseId, HostId};

fn forbidden(role: Role, what: &str) -> DomainError {
    DomainError::Forbidden { role, command: what.into() }
}

/// Planning fairs, series and floor plans, approving bookings, keeping the stream allowlist and
/// the channels: the organizer's work.
pub fn organizer_only(role: Role, what: &str) -> Result<(), DomainError> {
    if role == Role::Organizer {
        Ok(())
    } else {
        Err(forbidden(role, what))
    }
}

/// Enterprise profiles, posts, bookings and merge conflicts: not a host's business.
pub fn not_host(role: Role, what: &str) -> Result<(), DomainError> {
    if role == Role::Host {
        Err(forbidden(role, what))
    } else {
        Ok(())
    }
}

/// Hosts' profiles and availability: not an enterprise's business.
pub fn not_enterprise(role: Role, what: &str) -> Result<(), DomainError> {
    if role == Role::Enterprise {
        Err(forbidden(role, what))
    } else {
        Ok(())
    }
}

/// May this actor act for this enterprise (its profile, posts, bookings, waitlist places and
/// invitations)? Organizers may; an enterprise only for itself (its `subject`); a host never.
pub fn may_act_for(actor: &Actor, enterprise: EnterpriseId) -> bool {
    match actor.role {
        Role::Organizer => true,
        Role::Enterprise => actor.subject == Some(enterprise.0),
        Role::Host => false,
    }
}

/// May this actor act for this host (its profile, availability, and the sessions it hosts)?
/// Organizers may; a host only for itself (its `subject`); an enterprise never.
pub fn may_act_for_host(actor: &Actor, host: HostId) -> bool {
    match actor.role {
        Role::Organizer => true,
        Role::Host => actor.subject == Some(host.0),
        Role::Enterprise => false,
    }
}
