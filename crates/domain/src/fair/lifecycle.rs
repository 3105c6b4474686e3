use super::*;

/// A draft goes public.
pub(crate) fn publish_fair(state: &State, fair_id: FairId) -> Result<Vec<FairEvent>> {
    let fair = existing(state, fair_id)?;
    may_publish_fair(fair)?;
    Ok(vec![FairEvent::FairPublished { fair_id }])
}

/// Back to draft, while no enterprise holds a booth.
pub(crate) fn unpublish_fair(state: &State, fair_id: FairId) -> Result<Vec<FairEvent>> {
    let fair = existing(state, fair_id)?;
    may_unpublish_fair(fair)?;
    let bookings = active_bookings(state, fair_id);
    if bookings > 0 {
        return Err(FairError::HasBookings { bookings }.into());
    }
    Ok(vec![FairEvent::FairUnpublished { fair_id }])
}

/// A published fair that has started is closed.
pub(crate) fn close_fair(state: &State, now: DateTime<Utc>, fair_id: FairId) -> Result<Vec<FairEvent>> {
    let fair = existing(state, fair_id)?;
    may_close_fair(fair)?;
    match fair.details.schedule {
        Some(s) if now >= s.start => {}
        _ => return Err(FairError::CloseBeforeStart.into()),
    }
    Ok(vec![FairEvent::FairClosed { fair_id }])
}

/// An open fair is cancelled, with a reason (booked enterprises are told).
pub(crate) fn cancel_fair(state: &State, fair_id: FairId, reason: String) -> Result<Vec<FairEvent>> {
    let fair = existing(state, fair_id)?;
    may_cancel_fair(fair)?;
    Ok(vec![FairEvent::FairCancelled { fair_id, reason: clean_cancel_reason(&reason)? }])
}

/// A cancellation says why, briefly.
pub(crate) fn clean_cancel_reason(reason: &str) -> std::result::Result<String, FairError> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(FairError::ReasonRequired);
    }
    if reason.chars().count() > REASON_MAX_CHARS {
        return Err(FairError::ReasonTooLong { max: REASON_MAX_CHARS });
    }
    Ok(reason.into())
}
