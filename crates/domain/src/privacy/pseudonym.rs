//! Stand-ins for another enterprise's identity.
//!
//! A booking of another enterprise reaches a browser with its `enterprise_id` replaced by a
//! pseudonym derived from the booking (or, for a booking offered from a waitlist, from that
//! waitlist place): the browser still knows the booth is taken, and by someone else, but two
//! bookings of one enterprise do not share a pseudonym, so they cannot be linked, and the
//! pseudonym says nothing about the enterprise.
//!
//! Ownership never changes, which is what lets the filter look it up in the current state: a
//! booking's `enterprise_id` is written once, by `BoothRequested` or by `WaitlistOffered` (from
//! its waitlist place), and a waitlist place's once, by `WaitlistJoined` (`booking::evolve`;
//! no other event assigns either, and the server never merges). A booking's `via_waitlist` is
//! likewise set once, at `WaitlistOffered`.
//!
//! A session's hosts, by contrast, do change (`SessionEdited` replaces the plan, hosts
//! included), so the filter never looks them up: what it does with a session event depends on
//! the event alone (sessions are public; a decline reason is kept only for the enterprise that
//! declined).
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::ids::{BookingId, EnterpriseId, WaitlistId};
use crate::state::State;

fn derive(kind: &str, id: Uuid) -> EnterpriseId {
    let mut h = Sha256::new();
    h.update(b"fairlog.pseudonym\0");
    h.update(kind.as_bytes());
    h.update(id.as_bytes());
    let digest = h.finalize();
    let mut b = [0u8; 16];
    b.copy_from_slice(&digest[..16]);
    // A version-8 (custom) uuid, so it never equals a random (v4) enterprise id.
    b[6] = (b[6] & 0x0f) | 0x80;
    b[8] = (b[8] & 0x3f) | 0x80;
    EnterpriseId(Uuid::from_bytes(b))
}

/// The pseudonym of the enterprise that requested booking `id`.
pub fn of_booking(id: BookingId) -> EnterpriseId {
    derive("booking", id.0)
}

/// The pseudonym of the enterprise holding waitlist place `id` (and of the booking offered from
/// it).
pub fn of_waitlist(id: WaitlistId) -> EnterpriseId {
    derive("waitlist", id.0)
}

/// Is `id` a pseudonym (rather than a real enterprise's id)?
pub fn is_pseudonym(id: EnterpriseId) -> bool {
    id.0.get_version_num() == 8
}

/// The pseudonym a booking shows under: its waitlist place's when it was offered from one.
pub fn of_booking_in(state: &State, id: BookingId) -> EnterpriseId {
    match state.bookings.get(&id).and_then(|b| b.via_waitlist) {
        Some(w) => of_waitlist(w),
        None => of_booking(id),
    }
}
