//! Who may do what: the role rules, each written once and called both by the commands'
//! `decide` (with the command's name) and by [`crate::judge`] on recorded events (with the
//! event's name). A refusal is [`DomainError::Forbidden`].
use crate::envelope::Role;
use crate::error::DomainError;

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
