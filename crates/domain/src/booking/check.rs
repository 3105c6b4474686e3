use super::*;

/// Would this event still be a valid fact on `state`? (See `fair::check`.) The booth rules are
/// the heart of it: a booth already taken on the other device makes a request a conflict.
pub(crate) fn check(state: &State, event: &BookingEvent) -> Result<(), BookingError> {
    use BookingEvent as E;
    let status = |id: &BookingId| existing_booking(state, *id).map(|b| &b.status);
    // Each arm names the rules of `decide` that a recorded event still has to meet (the ones
    // that do not depend on the time of the decision or on who made it).
    let booth_free = |fair: &FairId, booth: &BoothId| booth_is_free(state, *fair, *booth).map(|_| ());
    match event {
        E::BookingRulesSet { fair_id, .. } => existing_fair(state, *fair_id).map(|_| ()),
        E::BoothRequested { booking_id, fair_id, enterprise_id, booth_id, .. } => {
            booking_is_new(state, *booking_id)?;
            enterprise_is_registered(state, *enterprise_id)?;
            within_booth_limit(state, *fair_id, *enterprise_id)?;
            match booth_id {
                Some(b) => {
                    kind_offered_at(state, *fair_id, BoothKind::Physical)?;
                    booth_free(fair_id, b)
                }
                None => {
                    kind_offered_at(state, *fair_id, BoothKind::Virtual)?;
                    virtual_booth_is_free(state, *fair_id)
                }
            }
        }
        E::BookingApprovalRevoked { booking_id, .. } => match status(booking_id)? {
            BookingStatus::Booked => Ok(()),
            s => Err(BookingError::NotActive { status: s.key().into() }),
        },
        E::BookingApproved { booking_id } | E::BookingRejected { booking_id, .. } => match status(booking_id)? {
            BookingStatus::Requested { .. } => Ok(()),
            s => Err(BookingError::NotPending { status: s.key().into() }),
        },
        E::BookingReassigned { booking_id, booth_id } => {
            let b = existing_booking(state, *booking_id)?;
            booking_is_active(b)?;
            kind_offered_at(state, b.fair_id, BoothKind::Physical)?;
            booth_free(&b.fair_id, booth_id)
        }
        E::BookingCancelled { booking_id } => booking_is_active(existing_booking(state, *booking_id)?),
        // Only a booking with a deadline expires (the tick decides when; that is not re-checked).
        E::HoldExpired { booking_id } => match status(booking_id)? {
            s if s.deadline().is_some() => Ok(()),
            s => Err(BookingError::NotActive { status: s.key().into() }),
        },
        E::WaitlistJoined { waitlist_id, fair_id, enterprise_id, zone_id } => {
            if state.waitlist.contains_key(waitlist_id) {
                return Err(BookingError::AlreadyExists);
            }
            enterprise_is_registered(state, *enterprise_id)?;
            if zone_id.is_some() {
                kind_offered_at(state, *fair_id, BoothKind::Physical)?;
            }
            Ok(())
        }
        E::WaitlistLeft { waitlist_id } => still_waiting(existing_waitlist_entry(state, *waitlist_id)?),
        E::WaitlistOffered { waitlist_id, booking_id, booth_id, .. } => {
            let entry = existing_waitlist_entry(state, *waitlist_id)?;
            still_waiting(entry)?;
            booking_is_new(state, *booking_id)?;
            match booth_id {
                Some(b) => {
                    kind_offered_at(state, entry.fair_id, BoothKind::Physical)?;
                    booth_free(&entry.fair_id, b)
                }
                None => {
                    kind_offered_at(state, entry.fair_id, BoothKind::Virtual)?;
                    virtual_booth_is_free(state, entry.fair_id)
                }
            }
        }
        E::OfferAccepted { booking_id } | E::OfferDeclined { booking_id } => match status(booking_id)? {
            BookingStatus::Offered { .. } => Ok(()),
            _ => Err(BookingError::NoOffer),
        },
    }
}

/// Who recorded it may do this booking act (see [`may_do`]) for this enterprise, and its values
/// pass the command's checks.
pub(crate) fn recorded(state: &State, actor: &Actor, event: &BookingEvent) -> Result<(), DomainError> {
    use BookingEvent as E;
    may_do(actor.role, act_of_event(event), event.type_name())?;
    let enterprise = match event {
        E::BoothRequested { enterprise_id, .. } | E::WaitlistJoined { enterprise_id, .. } => Some(*enterprise_id),
        E::BookingCancelled { booking_id } | E::OfferAccepted { booking_id } | E::OfferDeclined { booking_id } => {
            state.bookings.get(booking_id).map(|b| b.enterprise_id)
        }
        E::WaitlistLeft { waitlist_id } => state.waitlist.get(waitlist_id).map(|w| w.enterprise_id),
        _ => None,
    };
    if let Some(e) = enterprise {
        may_book_for(actor, e)?;
    }
    match event {
        E::BookingRulesSet { rules, .. } => rules_in_range(rules)?,
        E::BookingRejected { reason, .. } => {
            check_reason(reason)?;
        }
        _ => {}
    }
    Ok(())
}
