use super::*;

/// An enterprise waits for a booth (in a zone, or any) at a full fair.
pub(crate) fn join_waitlist(
    d: &mut Decision<'_>,
    waitlist_id: WaitlistId,
    fair_id: FairId,
    enterprise_id: EnterpriseId,
    zone_id: Option<ZoneId>,
) -> Result<(), BookingError> {
    use BookingEvent as E;
    let now = d.now;
    may_book_for(d.actor, enterprise_id)?;
    if d.s.waitlist.contains_key(&waitlist_id) || d.s.bookings.contains_key(&BookingId(waitlist_id.0)) {
        return Err(BookingError::AlreadyExists);
    }
    may_join_waitlist(&d.s, fair_id, enterprise_id, zone_id, now)?;
    d.push(E::WaitlistJoined { waitlist_id, fair_id, enterprise_id, zone_id });
    Ok(())
}

/// An enterprise leaves the waitlist.
pub(crate) fn leave_waitlist(d: &mut Decision<'_>, waitlist_id: WaitlistId) -> Result<(), BookingError> {
    use BookingEvent as E;
    let e = existing_waitlist_entry(&d.s, waitlist_id)?;
    may_book_for(d.actor, e.enterprise_id)?;
    still_waiting(e)?;
    d.push(E::WaitlistLeft { waitlist_id });
    Ok(())
}

/// An enterprise takes the booth it was offered.
pub(crate) fn accept_offer(d: &mut Decision<'_>, booking_id: BookingId) -> Result<(), BookingError> {
    use BookingEvent as E;
    let b = existing_booking(&d.s, booking_id)?;
    may_book_for(d.actor, b.enterprise_id)?;
    match b.status {
        BookingStatus::Offered { .. } => d.push(E::OfferAccepted { booking_id }),
        BookingStatus::Expired if b.via_waitlist.is_some() => return Err(BookingError::OfferExpired),
        _ => return Err(BookingError::NoOffer),
    }
    Ok(())
}

/// An enterprise declines an offer; the booth goes to the next one waiting.
pub(crate) fn decline_offer(d: &mut Decision<'_>, booking_id: BookingId) -> Result<(), BookingError> {
    use BookingEvent as E;
    let b = existing_booking(&d.s, booking_id)?.clone();
    may_book_for(d.actor, b.enterprise_id)?;
    match b.status {
        BookingStatus::Offered { .. } => {
            d.push(E::OfferDeclined { booking_id });
            d.offer_freed(&b, FreedBy::Declined);
        }
        BookingStatus::Expired if b.via_waitlist.is_some() => return Err(BookingError::OfferExpired),
        _ => return Err(BookingError::NoOffer),
    }
    Ok(())
}
