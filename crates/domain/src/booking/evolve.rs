use super::*;

// ---------------------------------------------------------------------------------------------
// State changes

pub(crate) fn release(state: &mut State, id: BookingId) {
    let Some(b) = state.bookings.get(&id) else { return };
    if let Some(deadline) = b.status.deadline() {
        state.deadlines.remove(&(deadline, id));
    }
    match b.booth_id {
        Some(booth) => {
            if state.booth_taken.get(&booth) == Some(&id) {
                state.booth_taken.remove(&booth);
            }
        }
        None => {
            let fair = b.fair_id;
            if let Some(n) = state.virtual_taken.get_mut(&fair) {
                *n = n.saturating_sub(1);
            }
        }
    }
}

pub(crate) fn occupy(state: &mut State, b: &Booking) {
    match b.booth_id {
        Some(booth) => {
            state.booth_taken.insert(booth, b.id);
        }
        None => *state.virtual_taken.entry(b.fair_id).or_insert(0) += 1,
    }
    if let Some(deadline) = b.status.deadline() {
        state.deadlines.insert((deadline, b.id), ());
    }
    state.enterprise_bookings.entry(b.enterprise_id).or_default().insert(b.id);
    state.fair_bookings.entry(b.fair_id).or_default().insert(b.id);
}

/// End an active booking with `status`, freeing what it held.
pub(crate) fn close(state: &mut State, id: BookingId, seq: u64, status: BookingStatus) {
    release(state, id);
    if let Some(b) = state.bookings.get_mut(&id) {
        b.status = status;
        b.version = seq;
    }
}

pub(crate) fn set_entry(state: &mut State, id: Option<WaitlistId>, status: WaitlistStatus) {
    if let Some(e) = id.and_then(|id| state.waitlist.get_mut(&id)) {
        e.status = status;
    }
}

pub(crate) fn evolve(state: &mut State, env: &EventEnvelope, event: &BookingEvent) {
    use BookingEvent as E;
    let seq = env.seq;
    match event {
        E::BookingRulesSet { fair_id, rules } => {
            state.booking_rules.insert(*fair_id, *rules);
        }
        E::BoothRequested { booking_id, fair_id, enterprise_id, booth_id, zone_id, hold_until } => {
            let b = Booking {
                id: *booking_id,
                fair_id: *fair_id,
                enterprise_id: *enterprise_id,
                booth_id: *booth_id,
                zone_id: *zone_id,
                status: BookingStatus::Requested { hold_until: *hold_until },
                requested_at: env.recorded_at,
                created_seq: seq,
                via_waitlist: None,
                version: seq,
            };
            occupy(state, &b);
            state.bookings.insert(*booking_id, b);
        }
        E::BookingApproved { booking_id } | E::OfferAccepted { booking_id } => {
            let Some(b) = state.bookings.get(booking_id) else { return };
            let (deadline, via) = (b.status.deadline(), b.via_waitlist);
            if let Some(d) = deadline {
                state.deadlines.remove(&(d, *booking_id));
            }
            if let Some(b) = state.bookings.get_mut(booking_id) {
                b.status = BookingStatus::Booked;
                b.version = seq;
            }
            if matches!(event, E::OfferAccepted { .. }) {
                set_entry(state, via, WaitlistStatus::Served { booking_id: *booking_id });
            }
        }
        E::BookingApprovalRevoked { booking_id, hold_until } => {
            // A deadline only for a booking that exists, and only one per booking.
            let Some(old) = state.bookings.get(booking_id).map(|b| b.status.deadline()) else { return };
            if let Some(d) = old {
                state.deadlines.remove(&(d, *booking_id));
            }
            if let Some(b) = state.bookings.get_mut(booking_id) {
                b.status = BookingStatus::Requested { hold_until: *hold_until };
                b.version = seq;
            }
            state.deadlines.insert((*hold_until, *booking_id), ());
        }
        E::BookingRejected { booking_id, reason } => {
            close(state, *booking_id, seq, BookingStatus::Rejected { reason: reason.clone() })
        }
        E::BookingCancelled { booking_id } => {
            let via = state.bookings.get(booking_id).and_then(|b| b.via_waitlist);
            close(state, *booking_id, seq, BookingStatus::Cancelled);
            // An offer cancelled before it was accepted lapses, as a declined one does; an
            // accepted offer that is cancelled later was still served.
            if let Some(e) = via.and_then(|id| state.waitlist.get_mut(&id)) {
                if e.status == (WaitlistStatus::Offered { booking_id: *booking_id }) {
                    e.status = WaitlistStatus::Lapsed { booking_id: *booking_id };
                }
            }
        }
        E::HoldExpired { booking_id } => {
            let via = state.bookings.get(booking_id).and_then(|b| b.via_waitlist);
            close(state, *booking_id, seq, BookingStatus::Expired);
            set_entry(state, via, WaitlistStatus::Lapsed { booking_id: *booking_id });
        }
        E::OfferDeclined { booking_id } => {
            let via = state.bookings.get(booking_id).and_then(|b| b.via_waitlist);
            close(state, *booking_id, seq, BookingStatus::Declined);
            set_entry(state, via, WaitlistStatus::Lapsed { booking_id: *booking_id });
        }
        E::BookingReassigned { booking_id, booth_id } => {
            let Some(b) = state.bookings.get(booking_id) else { return };
            if let Some(old) = b.booth_id {
                if state.booth_taken.get(&old) == Some(booking_id) {
                    state.booth_taken.remove(&old);
                }
            }
            state.booth_taken.insert(*booth_id, *booking_id);
            if let Some(b) = state.bookings.get_mut(booking_id) {
                b.booth_id = Some(*booth_id);
                b.version = seq;
            }
        }
        E::WaitlistJoined { waitlist_id, fair_id, enterprise_id, zone_id } => {
            state.waitlist.insert(
                *waitlist_id,
                WaitlistEntry {
                    id: *waitlist_id,
                    fair_id: *fair_id,
                    enterprise_id: *enterprise_id,
                    zone_id: *zone_id,
                    joined_at: env.recorded_at,
                    position_seq: seq,
                    status: WaitlistStatus::Waiting,
                    promotion: None,
                },
            );
            state.waitlist_order.entry(*fair_id).or_default().push_back(*waitlist_id);
        }
        E::WaitlistLeft { waitlist_id } => set_entry(state, Some(*waitlist_id), WaitlistStatus::Left),
        E::WaitlistOffered { waitlist_id, booking_id, booth_id, until, freed_from, freed_by, skipped } => {
            let Some(entry) = state.waitlist.get_mut(waitlist_id) else { return };
            entry.promotion = Some(Promotion {
                booking_id: *booking_id,
                booth_id: *booth_id,
                freed_from: *freed_from,
                freed_by: *freed_by,
                skipped: skipped.clone(),
                offered_at: env.recorded_at,
                until: *until,
            });
            let (fair_id, enterprise_id, zone_id) = (entry.fair_id, entry.enterprise_id, entry.zone_id);
            let b = Booking {
                id: *booking_id,
                fair_id,
                enterprise_id,
                booth_id: *booth_id,
                zone_id,
                status: BookingStatus::Offered { until: *until },
                requested_at: env.recorded_at,
                created_seq: seq,
                via_waitlist: Some(*waitlist_id),
                version: seq,
            };
            occupy(state, &b);
            state.bookings.insert(*booking_id, b);
            set_entry(state, Some(*waitlist_id), WaitlistStatus::Offered { booking_id: *booking_id });
        }
    }
}
