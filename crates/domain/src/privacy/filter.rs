//! One stored envelope, as an audience may receive it.
//!
//! | fact | organizer | the enterprise itself | anyone else (other enterprises, hosts, public) |
//! |---|---|---|---|
//! | fairs, series, floor plans, booking rules, posts, hosts, channels, sessions | as stored | as stored | as stored |
//! | enterprise profile | as stored | as stored | contact name and phone emptied |
//! | key-enterprise mark, commissioner | as stored | as stored | withheld |
//! | booth request, waitlist place | as stored | as stored | enterprise replaced by a pseudonym |
//! | rejection reason | as stored | as stored | emptied |
//! | invitation decline reason | as stored | as stored | emptied |
//! | the actor's name and account | as stored | kept on its own events | emptied |
//! | an enterprise actor on another's booking | as stored | — | subject = the booking's pseudonym |
//! | merge markers and conflict resolutions | as stored | withheld | withheld |
use std::borrow::Cow;

use crate::booking::BookingEvent;
use crate::codec::CodecError;
use crate::enterprise::EnterpriseEvent;
use crate::envelope::{EventEnvelope, Role};
use crate::event::Event;
use crate::ids::EnterpriseId;
use crate::livestream::LivestreamEvent;
use crate::log::{hash_line, to_line};
use crate::state::State;

use super::{pseudonym, Audience};

/// The form fields a redaction may empty. A replica forgives a redacted line the rule about
/// them (an emptied contact name is not a missing one).
pub const REDACTED_FIELDS: &[&str] = &["contact_name", "contact_phone", "reason"];

/// What an audience receives of one envelope.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Filtered {
    /// The stored line, byte for byte.
    Unchanged,
    /// A redacted copy (its `redacted` field not yet set; see [`filter_line`]).
    Redacted(Box<EventEnvelope>),
    /// Nothing: the sequence is a gap for this audience.
    Withheld,
}

/// What `audience` may receive of `env`. `state` is the server's state at or after `env`
/// (only ownership is looked up in it, and ownership never changes).
pub fn filter(state: &State, audience: &Audience, env: &EventEnvelope) -> Filtered {
    if *audience == Audience::Organizer {
        return Filtered::Unchanged;
    }
    let me = audience.enterprise();
    let mine = |e: &EnterpriseId| me == Some(*e);
    let owner_of_booking =
        |b: &crate::ids::BookingId| state.bookings.get(b).map(|b| b.enterprise_id).filter(|e| mine(e)).is_some();
    let mut out = env.clone();
    match &mut out.event {
        Event::Merge(_) => return Filtered::Withheld,
        Event::Enterprise(e) => match e {
            EnterpriseEvent::EnterpriseRegistered { enterprise_id, profile }
            | EnterpriseEvent::EnterpriseEdited { enterprise_id, profile } => {
                if !mine(enterprise_id) {
                    profile.contact_name.clear();
                    profile.contact_phone.clear();
                }
            }
            EnterpriseEvent::KeyEnterpriseMarked { enterprise_id, .. }
            | EnterpriseEvent::KeyEnterpriseUnmarked { enterprise_id }
            | EnterpriseEvent::CommissionerAssigned { enterprise_id, .. }
            | EnterpriseEvent::CommissionerUnassigned { enterprise_id } => {
                if !mine(enterprise_id) {
                    return Filtered::Withheld;
                }
            }
        },
        Event::Booking(e) => {
            // Whose booking or waitlist place it is about, and the pseudonym an enterprise actor
            // on it shows under when it is not the reader's.
            let stand_in = match e {
                BookingEvent::BoothRequested { booking_id, enterprise_id, .. } => {
                    if mine(enterprise_id) {
                        None
                    } else {
                        *enterprise_id = pseudonym::of_booking(*booking_id);
                        Some(*enterprise_id)
                    }
                }
                BookingEvent::WaitlistJoined { waitlist_id, enterprise_id, .. } => {
                    if mine(enterprise_id) {
                        None
                    } else {
                        *enterprise_id = pseudonym::of_waitlist(*waitlist_id);
                        Some(*enterprise_id)
                    }
                }
                BookingEvent::WaitlistLeft { waitlist_id } => {
                    let owned = state.waitlist.get(waitlist_id).is_some_and(|w| mine(&w.enterprise_id));
                    (!owned).then(|| pseudonym::of_waitlist(*waitlist_id))
                }
                BookingEvent::BookingRejected { booking_id, reason } => {
                    if owner_of_booking(booking_id) {
                        None
                    } else {
                        reason.clear();
                        Some(pseudonym::of_booking_in(state, *booking_id))
                    }
                }
                BookingEvent::WaitlistOffered { waitlist_id, .. } => {
                    let owned = state.waitlist.get(waitlist_id).is_some_and(|w| mine(&w.enterprise_id));
                    (!owned).then(|| pseudonym::of_waitlist(*waitlist_id))
                }
                BookingEvent::BookingApproved { booking_id }
                | BookingEvent::BookingApprovalRevoked { booking_id, .. }
                | BookingEvent::BookingReassigned { booking_id, .. }
                | BookingEvent::BookingCancelled { booking_id }
                | BookingEvent::HoldExpired { booking_id }
                | BookingEvent::OfferAccepted { booking_id }
                | BookingEvent::OfferDeclined { booking_id } => {
                    (!owner_of_booking(booking_id)).then(|| pseudonym::of_booking_in(state, *booking_id))
                }
                BookingEvent::BookingRulesSet { .. } => None,
            };
            if let Some(p) = stand_in {
                if out.actor.role == Role::Enterprise {
                    out.actor.subject = Some(p.0);
                }
            }
        }
        Event::Livestream(LivestreamEvent::InvitationDeclined { enterprise_id, reason, .. }) => {
            if !mine(enterprise_id) {
                reason.clear();
            }
        }
        Event::Fair(_)
        | Event::Series(_)
        | Event::FloorPlan(_)
        | Event::Post(_)
        | Event::Host(_)
        | Event::Livestream(_) => {}
    }
    if !audience.is(&env.actor) {
        // Who did it, beyond the role: the person and the account (which would link every
        // event of one enterprise's account) are the reader's only on its own events.
        out.actor.name.clear();
        out.actor.account = None;
    }
    if out == *env {
        Filtered::Unchanged
    } else {
        Filtered::Redacted(Box::new(out))
    }
}

/// The line `audience` receives for the stored `line` (`None`: withheld). A redacted line is the
/// envelope re-serialised with `redacted` = the SHA-256 of the stored line; an unchanged one is
/// the stored line itself.
pub fn filter_line<'a>(state: &State, audience: &Audience, line: &'a str) -> Result<Option<Cow<'a, str>>, CodecError> {
    if *audience == Audience::Organizer {
        return Ok(Some(Cow::Borrowed(line)));
    }
    let env = crate::codec::parse_line(line)?;
    Ok(match filter(state, audience, &env) {
        Filtered::Unchanged => Some(Cow::Borrowed(line)),
        Filtered::Withheld => None,
        Filtered::Redacted(mut out) => {
            out.redacted = Some(hash_line(line));
            Some(Cow::Owned(to_line(&out)))
        }
    })
}
