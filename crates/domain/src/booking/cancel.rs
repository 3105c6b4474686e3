use super::*;

/// An enterprise (before the cutoff) or the organizer cancels an active booking.
pub(crate) fn cancel_booking(d: &mut Decision<'_>, booking_id: BookingId) -> Result<(), BookingError> {
    use BookingEvent as E;
    let now = d.now;
    let b = existing_booking(&d.s, booking_id)?.clone();
    may_book_for(d.actor, b.enterprise_id)?;
    booking_is_active(&b)?;
    if d.actor.role == Role::Enterprise {
        let rules = rules_of(&d.s, b.fair_id);
        if d.s.fairs.get(&b.fair_id).is_some_and(|f| past_cutoff(f, rules, now)) {
            return Err(BookingError::CancelAfterCutoff { hours: rules.cutoff_hours });
        }
    }
    d.push(E::BookingCancelled { booking_id });
    d.offer_freed(&b, FreedBy::Cancelled);
    Ok(())
}
