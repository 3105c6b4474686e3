use super::*;

/// The organizer takes an approval back; the booking is held again.
pub(crate) fn revoke_approval(d: &mut Decision<'_>, booking_id: BookingId) -> Result<(), BookingError> {
    use BookingEvent as E;
    let now = d.now;
    let b = existing_booking(&d.s, booking_id)?;
    if b.status != BookingStatus::Booked || b.via_waitlist.is_some() {
        return Err(BookingError::NotActive { status: b.status.key().into() });
    }
    let hours = rules_of(&d.s, b.fair_id).hold_hours;
    d.push(E::BookingApprovalRevoked {
        booking_id,
        hold_until: crate::time::shifted(now, Duration::hours(hours as i64)),
    });
    Ok(())
}

/// The organizer approves several requests at once (all or none).
pub(crate) fn approve_bookings(d: &mut Decision<'_>, booking_ids: Vec<BookingId>) -> Result<(), BookingError> {
    if booking_ids.is_empty() {
        return Err(BookingError::NothingToApprove);
    }
    for id in booking_ids {
        approve(d, id)?;
    }
    Ok(())
}

/// The organizer rejects a request with a reason; the booth is offered on.
pub(crate) fn reject_booking(d: &mut Decision<'_>, booking_id: BookingId, reason: String) -> Result<(), BookingError> {
    use BookingEvent as E;
    let b = existing_booking(&d.s, booking_id)?.clone();
    if !matches!(b.status, BookingStatus::Requested { .. }) {
        return Err(pending_error(&b));
    }
    let reason = check_reason(&reason)?;
    d.push(E::BookingRejected { booking_id, reason });
    d.offer_freed(&b, FreedBy::Rejected);
    Ok(())
}

/// The organizer moves an active booking to another free booth; the old one is offered on.
pub(crate) fn reassign_booking(
    d: &mut Decision<'_>,
    booking_id: BookingId,
    booth_id: BoothId,
) -> Result<(), BookingError> {
    use BookingEvent as E;
    let b = existing_booking(&d.s, booking_id)?.clone();
    booking_is_active(&b)?;
    let Some(old) = b.booth_id else { return Err(BookingError::NotReassignable) };
    if old == booth_id {
        return Err(BookingError::SameBooth);
    }
    kind_offered_at(&d.s, b.fair_id, BoothKind::Physical)?;
    booth_is_free(&d.s, b.fair_id, booth_id)?;
    d.push(E::BookingReassigned { booking_id, booth_id });
    d.offer_freed(&b, FreedBy::Reassigned);
    Ok(())
}

pub(crate) fn pending_error(b: &Booking) -> BookingError {
    match b.status {
        BookingStatus::Expired => BookingError::HoldExpired,
        _ => BookingError::NotPending { status: b.status.key().into() },
    }
}

pub(crate) fn approve(d: &mut Decision<'_>, booking_id: BookingId) -> Result<(), BookingError> {
    let b = existing_booking(&d.s, booking_id)?;
    if !matches!(b.status, BookingStatus::Requested { .. }) {
        return Err(pending_error(b));
    }
    d.push(BookingEvent::BookingApproved { booking_id });
    Ok(())
}
